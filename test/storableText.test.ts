import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { fixedClock } from '../addin/src/core/clock';
import { KefuError, describeProblem } from '../addin/src/core/problems';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { checkStorableText, firstUnstorable, impreciseJsonNumbers, significantDigits } from '../addin/src/domain/storableText';
import { validateInput } from '../addin/src/domain/validate';
import { collectorDaily } from '../addin/src/forms/performance';
import { complaints } from '../addin/src/forms/complaints';
import { LOCALES } from '../addin/src/i18n/locale';
import type { Ledger } from '../addin/src/ledger/types';
import { complaintInput } from './support/fixtures';

/** Code points Excel (XML 1.0) stores: tab, LF, CR, and everything from U+0020 but U+FFFE, U+FFFF and surrogates. */
const storableCodePoint = fc.oneof(fc.constantFrom(0x09, 0x0a, 0x0d), fc.integer({ min: 0x20, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0xfffd }), fc.integer({ min: 0x10000, max: 0x10ffff }));
const storableText = fc.array(storableCodePoint, { maxLength: 40 }).map((points) => points.map((p) => String.fromCodePoint(p)));

/** One UTF-16 unit Excel cannot store, with the kind of problem it is. */
const unstorableUnit = fc.oneof(
  fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom(0x0b, 0x0c), fc.integer({ min: 0x0e, max: 0x1f })).map((u) => ({ u, kind: 'unstorableControl' })),
  fc.constantFrom(0xfffe, 0xffff).map((u) => ({ u, kind: 'unstorableNonCharacter' })),
  // A lone high or low surrogate: inserted between whole characters it is never half of a pair.
  fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => ({ u, kind: 'unstorableSurrogate' })),
);

describe('text and numbers Excel cannot store', () => {
  it('passes every text made only of storable characters (property)', () => {
    fc.assert(
      fc.property(storableText, (chars) => {
        assert.equal(firstUnstorable(chars.join('')), undefined);
        checkStorableText(chars.join(''), '--reason');
      }),
      { numRuns: 2000 },
    );
  });

  it('finds one unstorable character inserted anywhere at its position, counted in characters, named by its code point (property)', () => {
    fc.assert(
      fc.property(storableText, unstorableUnit, fc.nat(), (chars, { u, kind }, at) => {
        const index = at % (chars.length + 1);
        const text = [...chars.slice(0, index), String.fromCharCode(u), ...chars.slice(index)].join('');
        const code = `U+${u.toString(16).toUpperCase().padStart(4, '0')}`;
        assert.deepEqual(firstUnstorable(text), { kind, position: index + 1, code });
        // The same through a form field: the problem names the field and the position (a field
        // of white space and \v or \f alone is empty, and stores nothing).
        if (text.trim() === '') return;
        const { problems } = validateInput(complaints, complaintInput({ content: text }));
        assert.deepEqual(
          problems.filter((p) => p.field === 'content'),
          [{ kind, form: 'complaints', field: 'content', row: undefined, params: { position: index + 1, code } }],
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('the command line’s check throws a located problem naming the flag, in each locale', () => {
    const error = (() => {
      try {
        checkStorableText('王\u0007丽', '--clerk');
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof KefuError);
    assert.deepEqual(error.describe('zh-CN'), ['“--clerk”：第 2 个字符是 Excel 无法保存的控制字符 U+0007，请删除。']);
    assert.deepEqual(error.describe('zh-TW'), ['「--clerk」：第 2 個字元是 Excel 無法儲存的控制字元 U+0007，請刪除。']);
    assert.deepEqual(error.describe('en-US'), ['--clerk: character 2 is the control character U+0007, which Excel cannot store; delete it.']);
    assert.throws(
      () => checkStorableText('a😀\uDC00', '--title'),
      (e: KefuError) => /character 3 is the unpaired surrogate U\+DC00/.test(e.describe('en-US')[0]),
    );
    assert.throws(
      () => checkStorableText('\uFFFF', '--site'),
      (e: KefuError) => e.describe('zh-CN')[0] === '“--site”：第 1 个字符是 Excel 无法保存的非字符 U+FFFF，请删除。',
    );
  });

  it('refuses to run an operation for a clerk or site Excel cannot store, before touching the workbook', async () => {
    const touched: string[] = [];
    const ledger = new Proxy({} as Ledger, { get: (_, name) => () => touched.push(String(name)) });
    for (const actor of [{ clerk: '王丽\uFFFE' }, { clerk: '王丽', site: '一\u001B院' }]) {
      await assert.rejects(
        runOperation(ledger, registerComplaint, complaintInput(), { clock: fixedClock('2026-03-15 10:00:00', 1), actor }),
        (e: KefuError) => e instanceof KefuError && /^(Clerk name: character 3 is the noncharacter U\+FFFE|Site: character 2 is the control character U\+001B)/.test(e.describe('en-US')[0]),
      );
    }
    assert.deepEqual(touched, [], 'neither read nor written');
    assert.equal(
      new KefuError([{ kind: 'unstorableControl', field: 'clerk', params: { position: 3, code: 'U+001B' } }]).describe('zh-TW')[0],
      '「經辦人姓名」：第 3 個字元是 Excel 無法儲存的控制字元 U+001B，請刪除。',
    );
  });

  it('refuses numbers written with more than 15 significant digits in numeric fields instead of rounding them', () => {
    assert.equal(significantDigits('000123.4500'), 5);
    assert.equal(significantDigits('-1.5e300'), 2);
    const input = { date: '2026-03-01', worker_id: 'WB001', collector_type: 'wireless', maintained: '12345678901234567', succeeded: '123456789012345' };
    const { problems } = validateInput(collectorDaily, input);
    assert.deepEqual(problems, [{ kind: 'tooManyDigits', form: 'collector_daily', field: 'maintained', row: undefined, params: { value: '12345678901234567', digits: 17, max: 15 } }]);
  });

  it('finds JSON numbers beyond 15 significant digits on the raw text, naming the record and the field, and not inside strings', () => {
    const text = '[{"a": 1, "note": "12345678901234567 in a string"}, {"phone": 12345678901234567, "nested": {"at": [1, 0.1234567890123456]}}, {"ok": 123456789012345, "big": 1e300}]';
    JSON.parse(text);
    const problems = impreciseJsonNumbers(text);
    assert.deepEqual(problems, [
      { kind: 'tooManyDigits', field: 'phone', row: 2, params: { value: '12345678901234567', digits: 17, max: 15 } },
      { kind: 'tooManyDigits', field: 'nested.at.1', row: 2, params: { value: '0.1234567890123456', digits: 16, max: 15 } },
    ]);
    assert.equal(
      describeProblem(problems[0], 'zh-CN'),
      '第 2 条记录的“phone”：12345678901234567 有 17 位有效数字，超过 Excel 能保存的 15 位，会被舍入。请核对；编号、卡号等请写成文字（在 JSON 中加引号）。',
    );
    assert.match(describeProblem(problems[0], 'en-US'), /^Record 2, "phone": 12345678901234567 has 17 significant digits/);
    // One object: the field alone; keys with escapes are read as JSON reads them.
    assert.deepEqual(impreciseJsonNumbers('{"a\\"b": -98765432109876543210}'), [{ kind: 'tooManyDigits', field: 'a"b', params: { value: '-98765432109876543210', digits: 19, max: 15 } }]);
    for (const locale of LOCALES) assert.match(describeProblem(impreciseJsonNumbers('{"x": 1234567890123456}')[0], locale), /1234567890123456/);
  });

  it('never reports a number that JSON text holds only inside strings (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 5 }), (strings) => {
        assert.deepEqual(impreciseJsonNumbers(JSON.stringify(strings.map((s) => ({ [s]: `${s}98765432109876543210` })))), []);
      }),
    );
  });

  it('refuses exactly what exceljs cannot write: such text is dropped, replaced or makes the workbook unreadable (openpyxl too)', async function () {
    this.timeout(60_000);
    const write = async (text: string) => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('s').getCell('A1').value = `a${text}b`;
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const readBack = async (bytes: Buffer): Promise<unknown> => {
      const workbook = new ExcelJS.Workbook();
      try {
        await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      } catch (error) {
        return error;
      }
      return workbook.worksheets[0].getCell('A1').value;
    };
    for (const text of ['\t', '\n', '\r', ' ', '\uD7FF', '\uE000', '\uFFFD', '\u{10000}', '\u{10FFFF}']) {
      assert.equal(firstUnstorable(text), undefined);
      assert.equal(await readBack(await write(text)), `a${text}b`, `${text.codePointAt(0)} is kept`);
    }
    assert.equal(await readBack(await write('\u0007')), 'ab', 'a control character is dropped');
    assert.equal(await readBack(await write('\uD800')), 'a\uFFFDb', 'a lone surrogate is replaced');
    const unreadable = await write('\uFFFE');
    assert.ok((await readBack(unreadable)) instanceof Error, 'U+FFFE: the workbook cannot be read');
    // openpyxl (Debian python3-openpyxl), when installed, cannot read it either.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-storable-'));
    try {
      const file = path.join(dir, 'unreadable.xlsx');
      await fs.writeFile(file, unreadable);
      const python = await new Promise<{ failed: boolean; missing: boolean }>((resolve) =>
        execFile('/usr/bin/python3', ['-c', 'import sys, openpyxl; openpyxl.load_workbook(sys.argv[1])', file], (error, _out, stderr) =>
          resolve({ failed: error !== null, missing: (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' || /No module named/.test(stderr) }),
        ),
      );
      if (!python.missing) assert.ok(python.failed, 'openpyxl refuses the workbook');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
