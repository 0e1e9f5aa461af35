import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { complaintInput, runKefu } from './support/fixtures';

/**
 * Issue 10, "Why": text Excel cannot store (U+FFFE, U+FFFF, C0 controls, lone surrogates) and
 * numbers beyond 15 significant digits used to be accepted, and the ledger could no longer be read
 * afterwards. Each way in is refused with the problem located, exit status 1, and the ledger file
 * byte-identical.
 */

/** Each kind of unstorable character, with what the English message says about it. */
const UNSTORABLE: readonly { char: string; name: string; says: string }[] = [
  { char: '\uFFFE', name: 'U+FFFE', says: 'the noncharacter U\\+FFFE' },
  { char: '\uFFFF', name: 'U+FFFF', says: 'the noncharacter U\\+FFFF' },
  { char: '\u0007', name: 'U+0007', says: 'the control character U\\+0007' },
  { char: '\uD800', name: 'U+D800', says: 'the unpaired surrogate U\\+D800 \\(half of a character\\)' },
];

const WORKERS_HEADER = ['worker_id', 'name', 'team_code', 'vendor_code', 'base_cm', 'base_rot', 'base_bat', 'base_total'];
const worker = (id: string, name: string) => [id, name, 'T01', 'V01', '1200', '900', '900', '3000'];

describe('input Excel cannot store is refused, and the ledger stays as it was (kefu)', function () {
  this.timeout(120_000);
  let dir: string;
  let ledger: string;
  let original: Buffer;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-storable-'));
    ledger = path.join(dir, 'ledger.xlsx');
    assert.equal((await runKefu(['template', '--locale', 'zh-CN', '--out', ledger])).code, 0);
    const added = await runKefu(['complaint', 'add', ledger, '--json', '-', '--clerk', '王丽'], { stdin: JSON.stringify(complaintInput()) });
    assert.equal(added.code, 0, added.stderr);
    original = await fs.readFile(ledger);
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function assertUntouched(): Promise<void> {
    assert.deepEqual(await fs.readFile(ledger), original, 'the ledger is byte-identical');
  }

  it('a text flag holding a resident ID number (--site, --title) is refused before anything is read or written, naming the flag and the position', async () => {
    const site = await runKefu(['stats', ledger, '--year', '2026', '--out', path.join(dir, 'stats-id.xlsx'), '--site', '湖滨 11010119900307123X', '--locale', 'en-US']);
    assert.equal(site.code, 1, site.stdout);
    assert.match(site.stderr, /--site: characters 4–21 look like a resident ID number/);
    const title = await runKefu(['reception', 'compile', ledger, '--period', '2026-03', '--to', 'customer_service', '--title', '汇总 11010119900307123X', '--locale', 'zh-CN']);
    assert.equal(title.code, 1, title.stdout);
    assert.match(title.stderr, /--title.*第 4–21 个字符像是居民身份证号码/);
    await assertUntouched();
  });

  for (const { char, name, says } of UNSTORABLE) {
    it(`kefu complaint add --json: ${name} in a text field or a signature's name is refused with the record, field and position`, async () => {
      const records = [complaintInput(), complaintInput({ content: `积水${char}严重`, receptionist: { by: `王${char}`, at: '2026-03-15 09:35' } })];
      // JSON.stringify writes a lone surrogate as \ud800, which JSON.parse gives back as it was.
      const run = await runKefu(['complaint', 'add', ledger, '--json', '-', '--locale', 'en-US'], { stdin: JSON.stringify(records) });
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, new RegExp(`Complaints, row 2, column "Complaint": character 3 is ${says}, which Excel cannot store`));
      assert.match(run.stderr, new RegExp(`Complaints, row 2, column "Receptionist \\(name\\)": character 2 is ${says}`));
      const chinese = await runKefu(['complaint', 'add', ledger, '--json', '-', '--locale', 'zh-CN'], { stdin: JSON.stringify(records) });
      assert.equal(chinese.code, 1);
      assert.match(chinese.stderr, new RegExp(`“投诉处理单”第 2 行“投诉内容”：第 3 个字符是.*${name.replace('+', '\\+')}`));
      await assertUntouched();
    });

    if (char === '\uD800') continue; // a command line's arguments and a CSV are UTF-8: no lone surrogate gets through them

    it(`kefu complaint void --reason with ${name} is refused, naming the reason and the position`, async () => {
      const run = await runKefu(['complaint', 'void', ledger, 'TS-2026-0001', '--reason', `录入重复${char}`, '--locale', 'en-US']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, new RegExp(`--reason: character 5 is ${says}`), 'the flag is named where it was typed');
      await assertUntouched();
    });

    it(`--clerk with ${name} is refused before anything is written`, async () => {
      const run = await runKefu(['complaint', 'add', ledger, '--json', '-', '--clerk', `王${char}丽`, '--locale', 'en-US'], { stdin: JSON.stringify(complaintInput()) });
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, new RegExp(`character 2 is ${says}, which Excel cannot store`));
      await assertUntouched();
    });

    it(`kefu import of a CSV with ${name} in a cell names the file's row and column, and the position in the cell`, async () => {
      const file = `workers-${name.slice(2)}.csv`;
      const csv = path.join(dir, file);
      const rows = [WORKERS_HEADER, worker('WB001', `  张${char}三`), worker('WB002', `李四${char}`)];
      await fs.writeFile(csv, rows.map((r) => r.join(',')).join('\r\n'));
      const run = await runKefu(['import', ledger, 'workers', csv, '--locale', 'en-US']);
      assert.equal(run.code, 1, run.stderr);
      // The position counts the cell as the file has it, leading spaces included.
      assert.match(run.stderr, new RegExp(`File ${file}, row 2, column "Name": character 4 is ${says}`));
      assert.match(run.stderr, new RegExp(`File ${file}, row 3, column "Name": character 3 is ${says}`));
      assert.match(run.stdout, /imported 0 rows; 0 rows were already in the ledger and skipped; 2 rows had errors/);
      await assertUntouched();
    });
  }

  it('kefu import of an .xlsx whose cells hold _x0007_, _xFFFE_, _xFFFF_ and _xD800_ (as Excel escapes them) refuses each, with row and column', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Workers');
    sheet.addRow(WORKERS_HEADER);
    ['BELL', 'FFFE', 'FFFF', 'HALF'].forEach((mark, i) => sheet.addRow(worker(`WB00${i + 1}`, `张${mark}三`)));
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const part = zip.file('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : 'xl/worksheets/sheet1.xml';
    const xml = (await zip.file(part)!.async('string')).replace('BELL', '_x0007_').replace('FFFE', '_xFFFE_').replace('FFFF', '_xFFFF_').replace('HALF', '_xD800_');
    zip.file(part, xml);
    const source = path.join(dir, 'workers.xlsx');
    await fs.writeFile(source, await zip.generateAsync({ type: 'nodebuffer' }));
    const run = await runKefu(['import', ledger, 'workers', source, '--locale', 'en-US']);
    assert.equal(run.code, 1, run.stderr);
    const expected = ['0007', 'FFFE', 'FFFF', 'D800'].map((code) => UNSTORABLE.find((u) => u.name === `U+${code}`)!.says);
    expected.forEach((says, i) => assert.match(run.stderr, new RegExp(`File workers.xlsx, row ${i + 2}, column "Name": character 2 is ${says}`)));
    await assertUntouched();
  });

  it('a number of 17 significant digits in JSON is refused, not rounded, naming the record and the field', async () => {
    const json = `[${JSON.stringify(complaintInput())}, ${JSON.stringify(complaintInput()).replace('"13800000000"', '12345678901234567')}]`;
    const run = await runKefu(['complaint', 'add', ledger, '--json', '-', '--locale', 'en-US'], { stdin: json });
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stderr, /^Record 2, "complainant_phone": 12345678901234567 has 17 significant digits, more than the 15 Excel keeps/m);
    const chinese = await runKefu(['complaint', 'add', ledger, '--json', '-'], { stdin: json, env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(chinese.stderr, /第 2 条记录的“complainant_phone”：12345678901234567 有 17 位有效数字/);
    await assertUntouched();
  });
});
