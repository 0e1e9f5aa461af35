import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FORMS } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import { complaints } from '../addin/src/forms/complaints';
import { LOCALES } from '../addin/src/i18n/locale';
import { AUDIT_SHEET } from '../addin/src/ledger/layout';
import { readWorkbooksWithLibreOffice, sheetNamed, type LoWorkbook } from './support/libreoffice';
import { FORMULA_LIKE_TEXTS, complaintInput, runKefu } from './support/fixtures';

/**
 * LibreOffice Calc, an engine nobody here wrote, opens what we write (recalculating on load) and
 * must find the tables, headers, validations and values we put there.
 */
describe('interop: LibreOffice reads our workbooks', function () {
  let dir: string;
  const read = new Map<string, LoWorkbook>();

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-interop-'));
    const files: string[] = [];
    for (const locale of LOCALES) {
      const file = path.join(dir, `template.${locale}.xlsx`);
      const run = await runKefu(['template', '--locale', locale, '--out', file]);
      assert.equal(run.code, 0, run.stderr);
      files.push(file);
    }
    const ledger = path.join(dir, 'ledger.xlsx');
    assert.equal((await runKefu(['template', '--locale', 'zh-CN', '--out', ledger])).code, 0);
    const inputs = FORMULA_LIKE_TEXTS.map((content) => complaintInput({ content }));
    const run = await runKefu(['complaint', 'add', ledger, '--json', '-'], { stdin: JSON.stringify(inputs) });
    assert.equal(run.code, 0, run.stderr);
    files.push(ledger);
    const workbooks = await readWorkbooksWithLibreOffice(files);
    files.forEach((file, i) => read.set(path.basename(file), workbooks[i]));
  });

  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  for (const locale of LOCALES) {
    it(`finds one table per form with ${locale} headers, and list validations of the codes`, () => {
      const workbook = read.get(`template.${locale}.xlsx`)!;
      for (const form of FORMS) {
        const range = workbook.databaseRanges.find((r) => r.name === form.key);
        assert.ok(range, `database range ${form.key}`);
        assert.equal(range.sheet, form.sheet[locale]);
        const sheet = sheetNamed(workbook, form.sheet[locale]);
        assert.deepEqual(
          sheet.rows[0].slice(0, columnsOf(form).length),
          columnsOf(form).map((c) => c.label[locale]),
        );
        columnsOf(form).forEach((column, i) => {
          if (column.kind !== 'code' && column.kind !== 'bool') return;
          const validation = workbook.validations.find(
            (v) => v.sheet === form.sheet[locale] && v.kind === 'list' && v.ranges.some((r) => r === `${letters(i + 1)}2` || r.startsWith(`${letters(i + 1)}2:`)),
          );
          // The validation covers the table's body: its one blank row in a fresh template (templateLayout.ts bodyArea).
          assert.ok(validation, `${form.key}.${column.key}: list validation`);
          assert.deepEqual(
            validation.listValues,
            (column.codes ?? []).map((c) => c.label[locale]),
          );
        });
      }
      assert.ok(workbook.sheets.some((s) => s.name === AUDIT_SHEET[locale]));
    });
  }

  it('reads formula-like complaint texts back as the same text, not as formulas', () => {
    const workbook = read.get('ledger.xlsx')!;
    const sheet = sheetNamed(workbook, complaints.sheet['zh-CN']);
    const contentColumn = columnsOf(complaints).findIndex((c) => c.key === 'content');
    const numberColumn = columnsOf(complaints).findIndex((c) => c.key === 'ticket_no');
    const rows = sheet.rows.slice(1).filter((row) => row[numberColumn]);
    assert.equal(rows.length, FORMULA_LIKE_TEXTS.length);
    FORMULA_LIKE_TEXTS.forEach((text, i) => {
      const rowIndex = sheet.rows.indexOf(rows[i]);
      assert.equal(rows[i][contentColumn], text, `row ${i + 1}`);
      assert.equal(sheet.formulas[rowIndex]?.[contentColumn] ?? null, null, `row ${i + 1} holds no formula`);
      assert.equal(rows[i][numberColumn], `TS-2026-${String(i + 1).padStart(4, '0')}`);
    });
    const range = workbook.databaseRanges.find((r) => r.name === 'complaints')!;
    assert.match(range.range, new RegExp(`^A1:[A-Z]+${FORMULA_LIKE_TEXTS.length + 1}$`), 'the table grew over the new rows');
  });

  it('sees dates as dates in the ledger (received_at)', () => {
    const workbook = read.get('ledger.xlsx')!;
    const sheet = sheetNamed(workbook, complaints.sheet['zh-CN']);
    const column = columnsOf(complaints).findIndex((c) => c.key === 'received_at');
    assert.equal(sheet.types[1][column], 'date');
    assert.equal(sheet.text[1][column], '2026-03-15 09:30');
  });
});

function letters(index1: number): string {
  let n = index1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
