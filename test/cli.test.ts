import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import '../addin/src/ledger/xlsx/exceljsPatch';
import { FORMS } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import { LOCALES } from '../addin/src/i18n/locale';
import { AUDIT_SHEET, AUDIT_TABLE, DICTIONARY_SHEET, META_SHEET, META_TABLE, TEMPLATE_VERSION } from '../addin/src/ledger/layout';
import { FORMULA_LIKE_TEXTS, complaintInput, runKefu, withChart } from './support/fixtures';
import { holds } from './support/sheetRanges';

interface TableInfo {
  sheet: ExcelJS.Worksheet;
  ref: string;
  columns: string[];
}

function tablesOf(workbook: ExcelJS.Workbook): Map<string, TableInfo> {
  const tables = new Map<string, TableInfo>();
  for (const sheet of workbook.worksheets) {
    for (const [name, table] of Object.entries((sheet as unknown as { tables: Record<string, { table: { tableRef: string; columns: { name: string }[] } }> }).tables)) {
      tables.set(name, { sheet, ref: table.table.tableRef, columns: table.table.columns.map((c) => c.name) });
    }
  }
  return tables;
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** Body rows of a table as raw exceljs values, blank rows skipped. */
function bodyValues(info: TableInfo): ExcelJS.CellValue[][] {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(info.ref)!;
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = Number(m[2]) + 1; r <= Number(m[4]); r++) {
    const values = info.columns.map((_, c) => info.sheet.getRow(r).getCell(c + 1).value);
    if (values.some((v) => v !== null && v !== undefined && v !== '')) rows.push(values);
  }
  return rows;
}

describe('command line (kefu)', function () {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-cli-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  for (const locale of LOCALES) {
    it(`writes a ${locale} template with one table per form, localized headers, validations, audit log and dictionary`, async () => {
      const file = path.join(dir, `template.${locale}.xlsx`);
      const run = await runKefu(['template', '--locale', locale, '--out', file]);
      assert.equal(run.code, 0, run.stderr);
      const workbook = await load(file);
      const tables = tablesOf(workbook);
      for (const form of FORMS) {
        const table = tables.get(form.key);
        assert.ok(table, `table ${form.key}`);
        assert.equal(table.sheet.name, form.sheet[locale]);
        assert.deepEqual(
          table.columns,
          columnsOf(form).map((c) => c.label[locale]),
        );
        assert.deepEqual(table.sheet.views[0], { ...table.sheet.views[0], state: 'frozen', ySplit: 1 });
        const model = (table.sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
        // The table's body: its rows from 2 to its last (templateLayout.ts bodyArea).
        const last = 1 + Math.max(1, bodyValues(table).length);
        columnsOf(form).forEach((column, i) => {
          if (column.kind !== 'code' && column.kind !== 'bool') return;
          const validation = Object.entries(model).find(([address]) => holds([address], i + 1, 2) && holds([address], i + 1, last))?.[1];
          assert.equal(validation?.type, 'list', `${form.key}.${column.key} has a list validation`);
          const labels = (column.codes ?? []).map((c) => c.label[locale]);
          const formula = String(validation.formulae?.[0]);
          if (formula.startsWith('"')) assert.equal(formula, `"${labels.join(',')}"`);
          else assert.match(formula, /^kefu_list_/);
        });
        // (exceljs joins neighbouring single cells alike: E2:F2.)
        const onBody = Object.keys(model).every((address) => new RegExp(`^[A-Z]+2(:[A-Z]+${last})?$`).test(address));
        assert.ok(onBody, `${form.key}: validations cover the table's body, rows 2 to ${last} (${Object.keys(model).slice(0, 3).join(' ')})`);
      }
      assert.ok(tables.get(AUDIT_TABLE));
      assert.equal(tables.get(AUDIT_TABLE)!.sheet.name, AUDIT_SHEET[locale]);
      assert.ok(workbook.getWorksheet(DICTIONARY_SHEET[locale]));
      const meta = workbook.getWorksheet(META_SHEET)!;
      assert.equal(meta.state, 'hidden');
      const settings = Object.fromEntries(bodyValues(tables.get(META_TABLE)!).map((r) => [r[0], r[1]]));
      assert.equal(settings.locale, locale);
      assert.equal(settings.template_version, String(TEMPLATE_VERSION));
    });
  }

  it('prints the data dictionary as text and as JSON with every column of every form', async () => {
    const json = await runKefu(['dictionary', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const entries = JSON.parse(json.stdout) as { table: string; column: string }[];
    for (const form of FORMS) {
      assert.deepEqual(
        entries.filter((e) => e.table === form.key).map((e) => e.column),
        columnsOf(form).map((c) => c.key),
      );
    }
    const text = await runKefu(['dictionary', '--locale', 'zh-TW']);
    assert.match(text.stdout, /complaints {2}\(F1 投訴處理單\)/);
    assert.match(text.stdout, /category\s+投訴類別/);
  });

  it('registers complaints from JSON, numbers them per year, and keeps formula-like text as text', async () => {
    const file = path.join(dir, 'ledger.xlsx');
    assert.equal((await runKefu(['template', '--locale', 'zh-CN', '--out', file])).code, 0);
    const inputs = FORMULA_LIKE_TEXTS.map((content, i) => complaintInput({ content, complainant: content, received_at: `2026-04-0${(i % 9) + 1} 10:00` }));
    inputs.push(complaintInput({ received_at: '2025-12-31 23:59', content: '跨年投诉' }));
    const inputFile = path.join(dir, 'complaints.json');
    await fs.writeFile(inputFile, JSON.stringify(inputs));
    const run = await runKefu(['complaint', 'add', file, '--json', inputFile, '--clerk', '王丽', '--locale', 'en-US']);
    assert.equal(run.code, 0, run.stderr);
    const numbers = run.stdout.trim().split('\n');
    assert.deepEqual(numbers, [...FORMULA_LIKE_TEXTS.map((_, i) => `Complaint TS-2026-${String(i + 1).padStart(4, '0')} registered.`), 'Complaint TS-2025-0001 registered.']);
    const workbook = await load(file);
    const complaints = tablesOf(workbook).get('complaints')!;
    const rows = bodyValues(complaints);
    assert.equal(rows.length, inputs.length);
    const contentIndex = columnsOf(FORMS[0]).findIndex((c) => c.key === 'content');
    const complainantIndex = columnsOf(FORMS[0]).findIndex((c) => c.key === 'complainant');
    FORMULA_LIKE_TEXTS.forEach((text, i) => {
      assert.strictEqual(rows[i][contentIndex], text, `content ${JSON.stringify(text)} stays a plain string`);
      assert.strictEqual(rows[i][complainantIndex], text);
    });
    const audit = bodyValues(tablesOf(workbook).get(AUDIT_TABLE)!);
    assert.equal(audit.filter((r) => r[2] === 'create').length, inputs.length);
    assert.ok(audit.filter((r) => r[2] === 'create').every((r) => r[1] === '王丽' && r[3] === 'complaints'));
    const backup = await fs.stat(`${file}.bak`);
    assert.ok(backup.size > 0, 'the previous version is kept as .bak');
  });

  it('refuses bad input with every problem located in the user’s language, and changes nothing', async () => {
    const file = path.join(dir, 'refuse.xlsx');
    assert.equal((await runKefu(['template', '--locale', 'zh-TW', '--out', file])).code, 0);
    const before = await fs.readFile(file);
    const bad = [complaintInput(), complaintInput({ channel: 'fax', received_at: '2026-02-30 10:00', content: '' })];
    const run = await runKefu(['complaint', 'add', file, '--json', '-', '--locale', 'zh-TW'], { stdin: JSON.stringify(bad) });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /「投訴處理單」第 2 列「投訴方式」：「fax」不是允許的值。請從以下選擇：來訪、電話、來信/);
    assert.match(run.stderr, /「投訴處理單」第 2 列「受理時間」：「2026-02-30 10:00」不是有效的日期時間/);
    assert.match(run.stderr, /「投訴處理單」第 2 列「投訴內容」：必須填寫/);
    assert.doesNotMatch(run.stderr, /第 1 列/);
    assert.deepEqual(await fs.readFile(file), before, 'the workbook is byte-identical');
    const english = await runKefu(['complaint', 'add', file, '--json', '-', '--locale', 'en-US'], { stdin: '{"content": 5, "colour": "red"}' });
    assert.equal(english.code, 1);
    assert.match(english.stderr, /Complaints: there is no field "colour"/);
  });

  it('writes a workbook with a chart it does not understand and keeps the chart as it was', async () => {
    const plain = path.join(dir, 'plain.xlsx');
    assert.equal((await runKefu(['template', '--locale', 'en-US', '--out', plain])).code, 0);
    const charted = path.join(dir, 'charted.xlsx');
    await fs.writeFile(charted, await withChart(await fs.readFile(plain)));
    const before = await JSZip.loadAsync(await fs.readFile(charted));
    const run = await runKefu(['complaint', 'add', charted, '--json', '-', '--locale', 'en-US'], { stdin: JSON.stringify(complaintInput()) });
    assert.equal(run.code, 0, run.stderr);
    const after = await JSZip.loadAsync(await fs.readFile(charted));
    for (const part of ['xl/charts/chart1.xml', 'xl/drawings/drawing1.xml', 'xl/drawings/_rels/drawing1.xml.rels']) {
      assert.deepEqual(await after.file(part)!.async('uint8array'), await before.file(part)!.async('uint8array'), part);
    }
    assert.match(await after.file('xl/worksheets/sheet1.xml')!.async('string'), /<drawing r:id="rIdKefuChart"\/>/);
    assert.ok((await fs.stat(`${charted}.bak`)).isFile(), 'the previous version is kept');
  });

  it('builds a demo ledger by running the real operations', async () => {
    const file = path.join(dir, 'demo.xlsx');
    const run = await runKefu(['demo', '--year', '2026', '--out', file, '--complaints', '30', '--locale', 'en-US']);
    assert.equal(run.code, 0, run.stderr);
    const workbook = await load(file);
    const rows = bodyValues(tablesOf(workbook).get('complaints')!);
    assert.deepEqual(
      rows.map((r) => r[0]),
      Array.from({ length: 30 }, (_, i) => `TS-2026-${String(i + 1).padStart(4, '0')}`),
    );
    const receivedAt = rows.map((r) => r[1] as Date);
    assert.ok(
      receivedAt.every((d, i) => i === 0 || d >= receivedAt[i - 1]),
      'numbered in the order received',
    );
    const audit = bodyValues(tablesOf(workbook).get(AUDIT_TABLE)!);
    assert.equal(audit.filter((r) => r[2] === 'create' && r[3] === 'complaints').length, 30);
    assert.match(run.stdout, /\d+ receptions, 30 complaints, \d+ repair orders/);
    const receptions = bodyValues(tablesOf(workbook).get('reception')!);
    assert.ok(receptions.length > 100, 'a year of receptions of every kind');
  });

  it('shows its help and rejects unknown commands with exit code 2', async () => {
    const help = await runKefu(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['template', 'templates', 'dictionary', 'complaint add', 'demo']) assert.ok(help.stdout.includes(`kefu ${command}`));
    const unknown = await runKefu(['frobnicate', '--locale', 'en-US']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /there is no command "frobnicate"/);
    assert.ok(unknown.stderr.split('\n').length < 6, `one line of cause, not the whole help:\n${unknown.stderr}`);
  });
});
