import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { LibreOfficeError, LoWorkbook, cellAt, libreOfficeConvert, parseFods, parseOdfRange, pdfTextPages, readWorkbooksWithLibreOffice, sheetNamed } from './support/libreoffice';
import { MissingToolError, chromiumPath } from './support/tools';

/** Checks!A2 is '=2+3' with a deliberately wrong cached result. */
const WRONG_CACHE = 99;

async function writeLedger(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  // First sheet: what the CSV export shows.
  const checks = wb.addWorksheet('Checks');
  checks.getCell('A1').value = '检查';
  checks.getCell('A2').value = { formula: '2+3', result: WRONG_CACHE };
  checks.getCell('A3').value = '=1+1'; // text that looks like a formula
  checks.getCell('A4').value = new Date(Date.UTC(2024, 0, 15));
  checks.getCell('A4').numFmt = 'yyyy-mm-dd';
  checks.getCell('A5').value = new Date(Date.UTC(2024, 0, 15, 10, 30));
  checks.getCell('A6').value = true;
  checks.getCell('A7').value = { formula: '1/0', result: 0 };
  checks.getCell('A8').value = { formula: 'SUM(Tickets[编号])', result: 0 };
  checks.getCell('A9').value = '  两个  空格\nsecond line';
  checks.getCell('A10').value = { richText: [{ text: 'rich ' }, { font: { bold: true }, text: '粗体' }] };
  checks.getCell('A11').value = 0.25;
  checks.getCell('A11').numFmt = '0%';

  const ledger = wb.addWorksheet('台账');
  ledger.addTable({
    name: 'Tickets',
    ref: 'A1',
    headerRow: true,
    columns: [{ name: '编号' }, { name: '客户' }, { name: '状态' }, { name: '渠道' }, { name: '满意度' }],
    rows: [
      [1, '张三', '待处理', '电话', 5],
      [2, '李四', '已完成', '邮件', 4],
    ],
  });
  for (let r = 2; r <= 20; r++) {
    ledger.getCell(`C${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"待处理,处理中,已完成"'] };
    ledger.getCell(`D${r}`).dataValidation = { type: 'list', allowBlank: false, formulae: ['Lists!$A$1:$A$3'] };
    ledger.getCell(`E${r}`).dataValidation = { type: 'whole', operator: 'between', allowBlank: true, formulae: [1, 5] };
  }
  const lists = wb.addWorksheet('Lists');
  ['电话', '邮件', '到访'].forEach((v, i) => (lists.getCell(`A${i + 1}`).value = v));
  await wb.xlsx.writeFile(file);
}

async function writeSecond(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Second');
  for (const col of ['A', 'B', 'C', 'D', 'E']) ws.getCell(`${col}1`).value = 7; // LibreOffice stores a run of equal cells once
  for (let r = 3; r <= 6; r++) {
    ws.getCell(`A${r}`).value = 'same';
    ws.getCell(`B${r}`).value = 1;
  }
  ws.getCell('B2').value = { formula: '10*10', result: 0 };
  ws.getCell('AD300').value = 'far'; // column 30, row 300
  await wb.xlsx.writeFile(file);
}

function listDir(dir: string): string[] {
  return readdirSync(dir);
}

/** Processes whose command line mentions `needle` (to find a leftover soffice). */
function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe('LibreOffice as the independent spreadsheet engine', function () {
  this.timeout(240_000);
  let dir: string;
  let profiles: string;
  let ledgerPath: string;
  let secondPath: string;
  let ledger: LoWorkbook;
  let second: LoWorkbook;

  before(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-lo-test-'));
    profiles = path.join(dir, 'profiles');
    mkdirSync(profiles);
    ledgerPath = path.join(dir, 'ledger.xlsx');
    secondPath = path.join(dir, 'second.xlsx');
    await writeLedger(ledgerPath);
    await writeSecond(secondPath);
    const t0 = Date.now();
    [ledger, second] = await readWorkbooksWithLibreOffice([ledgerPath, secondPath], { profileParent: profiles });
    console.log(`      (LibreOffice: 2 workbooks -> fods in one call: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  });

  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('values as LibreOffice computed them', function () {
    it('recalculates a formula whose cached result is wrong (=2+3 cached as 99 reads 5)', function () {
      const checks = sheetNamed(ledger, 'Checks');
      assert.equal(cellAt(checks, 'A2'), 5);
      assert.equal(checks.formulas[1][0], '=2+3');
      assert.equal(checks.types[1][0], 'float');
    });

    it('resolves a structured table reference across sheets (cached 0, computes 3)', function () {
      const checks = sheetNamed(ledger, 'Checks');
      assert.equal(cellAt(checks, 'A8'), 3);
      assert.equal(checks.formulas[7][0], '=SUM([$台账.$A$2:.$A$3])');
    });

    it('keeps text that starts with "=" as text, not a formula', function () {
      const checks = sheetNamed(ledger, 'Checks');
      assert.equal(cellAt(checks, 'A3'), '=1+1');
      assert.equal(checks.types[2][0], 'string');
      assert.equal(checks.formulas[2][0], null);
    });

    it('reads dates as ISO text with type date', function () {
      const checks = sheetNamed(ledger, 'Checks');
      assert.equal(cellAt(checks, 'A4'), '2024-01-15');
      assert.equal(checks.types[3][0], 'date');
      assert.equal(checks.text[3][0], '2024-01-15'); // shown with the cell's yyyy-mm-dd format
      assert.equal(cellAt(checks, 'A5'), '2024-01-15T10:30:00');
    });

    it('reads booleans, errors, percentages and multi-paragraph and rich text', function () {
      const checks = sheetNamed(ledger, 'Checks');
      assert.equal(cellAt(checks, 'A6'), true);
      assert.equal(checks.types[5][0], 'boolean');
      assert.equal(cellAt(checks, 'A7'), '#DIV/0!');
      assert.equal(checks.types[6][0], 'error');
      assert.equal(cellAt(checks, 'A9'), '  两个  空格\nsecond line');
      assert.equal(cellAt(checks, 'A10'), 'rich 粗体');
      assert.equal(cellAt(checks, 'A11'), 0.25);
      assert.equal(checks.types[10][0], 'percentage');
      assert.equal(checks.text[10][0], '25%');
    });

    it('returns the Chinese table text as written', function () {
      const sheet = sheetNamed(ledger, '台账');
      assert.deepEqual(sheet.rows, [
        ['编号', '客户', '状态', '渠道', '满意度'],
        [1, '张三', '待处理', '电话', 5],
        [2, '李四', '已完成', '邮件', 4],
      ]);
      assert.deepEqual(
        ledger.sheets.map((s) => s.name),
        ['Checks', '台账', 'Lists'],
      );
    });
  });

  describe('tables and validations', function () {
    it('turns the xlsx table into a database range of the same name, header row included', function () {
      assert.deepEqual(ledger.databaseRanges, [{ name: 'Tickets', sheet: '台账', range: 'A1:E3', hasHeader: true }]);
    });

    it('keeps a literal list validation over its bounded range', function () {
      const v = ledger.validations.find((x) => x.sheet === '台账' && x.ranges.includes('C2:C20'));
      assert.ok(v, JSON.stringify(ledger.validations));
      assert.deepEqual(v.ranges, ['C2:C20']);
      assert.equal(v.kind, 'list');
      assert.deepEqual(v.listValues, ['待处理', '处理中', '已完成']);
      assert.equal(v.listSource, undefined);
      assert.equal(v.allowEmpty, true);
    });

    it('keeps a list validation that takes its items from another sheet', function () {
      const v = ledger.validations.find((x) => x.sheet === '台账' && x.ranges.includes('D2:D20'));
      assert.ok(v, JSON.stringify(ledger.validations));
      assert.equal(v.kind, 'list');
      assert.deepEqual(v.listSource, { sheet: 'Lists', range: 'A1:A3' });
      assert.deepEqual(v.listValues, ['电话', '邮件', '到访']);
      assert.equal(v.formula, '[$Lists.$A$1:.$A$3]');
      assert.equal(v.allowEmpty, false);
    });

    it('keeps a whole-number validation with its bounds', function () {
      const v = ledger.validations.find((x) => x.sheet === '台账' && x.ranges.includes('E2:E20'));
      assert.ok(v, JSON.stringify(ledger.validations));
      assert.equal(v.kind, 'whole');
      assert.equal(v.formula, 'cell-content-is-between(1,5)');
      assert.equal(ledger.validations.length, 3);
    });
  });

  describe('several files in one call', function () {
    it('returns each workbook in input order, with repeated cells and rows expanded', function () {
      assert.deepEqual(
        second.sheets.map((s) => s.name),
        ['Second'],
      );
      const s = second.sheets[0];
      assert.deepEqual(s.rows[0].slice(0, 6), [7, 7, 7, 7, 7, null]);
      assert.equal(cellAt(s, 'B2'), 100);
      for (let r = 3; r <= 6; r++) assert.deepEqual(s.rows[r - 1].slice(0, 3), ['same', 1, null], `row ${r}`);
      assert.equal(cellAt(s, 'AD300'), 'far');
      // trailing empty rows/columns (LibreOffice writes a million repeated rows) are not materialized
      assert.equal(s.rows.length, 300);
      assert.ok(s.rows.every((row) => row.length === 30));
      assert.equal(s.truncated, false);
    });

    it('leaves no profile folder behind', function () {
      assert.deepEqual(listDir(profiles), []);
    });
  });

  describe('other formats', function () {
    it('without the recalculating profile LibreOffice keeps the stale cache (the profile is what recalculates)', async function () {
      const out = path.join(dir, 'csv');
      const t0 = Date.now();
      const [csv] = await libreOfficeConvert([ledgerPath], 'csv', out, { recalc: false, profileParent: profiles });
      console.log(`      (LibreOffice: 1 workbook -> csv: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      assert.equal(csv, path.join(out, 'ledger.csv'));
      const lines = readFileSync(csv, 'utf8').split('\n');
      assert.equal(lines[0], '检查'); // UTF-8, first sheet
      assert.equal(lines[1], String(WRONG_CACHE));
      assert.equal(lines[2], '=1+1');
    });

    it('writes xlsx whose cached formula results are the recalculated ones', async function () {
      const out = path.join(dir, 'xlsx');
      const t0 = Date.now();
      const [xlsx] = await libreOfficeConvert([secondPath], 'xlsx', out, { profileParent: profiles });
      console.log(`      (LibreOffice: 1 workbook -> xlsx: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const cell = wb.getWorksheet('Second')!.getCell('B2').value as ExcelJS.CellFormulaValue;
      assert.equal(cell.formula, '10*10');
      assert.equal(cell.result, 100);
    });

    it('prints Chinese text into a PDF that pdftotext can read back', async function () {
      const out = path.join(dir, 'pdf');
      const t0 = Date.now();
      const [pdf] = await libreOfficeConvert([ledgerPath], 'pdf', out, { profileParent: profiles });
      console.log(`      (LibreOffice: 1 workbook -> pdf: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      const pages = await pdfTextPages(pdf);
      assert.ok(pages.length >= 1);
      const all = pages.join('\n');
      for (const word of ['检查', '张三', '待处理', '电话']) assert.ok(all.includes(word), `${word} not in PDF text:\n${all}`);
      assert.deepEqual(listDir(profiles), []);
    });
  });

  describe('failures', function () {
    it('says clearly when LibreOffice is not installed', async function () {
      const saved = { PATH: process.env.PATH, SOFFICE_PATH: process.env.SOFFICE_PATH };
      process.env.PATH = path.join(dir, 'empty-path');
      delete process.env.SOFFICE_PATH;
      try {
        await assert.rejects(libreOfficeConvert([ledgerPath], 'fods', dir), (err: unknown) => {
          assert.ok(err instanceof MissingToolError);
          assert.match(err.message, /libreoffice-calc/);
          return true;
        });
      } finally {
        process.env.PATH = saved.PATH;
        if (saved.SOFFICE_PATH !== undefined) process.env.SOFFICE_PATH = saved.SOFFICE_PATH;
      }
    });

    it('rejects a missing input', async function () {
      await assert.rejects(libreOfficeConvert([path.join(dir, 'nope.xlsx')], 'fods', dir), /does not exist/);
    });

    it('kills soffice and removes its profile on timeout', async function () {
      const own = path.join(dir, 'timeout-profiles');
      mkdirSync(own);
      await assert.rejects(
        libreOfficeConvert([ledgerPath], 'fods', path.join(dir, 'timeout'), { timeoutMs: 300, profileParent: own }),
        (err: unknown) => err instanceof LibreOfficeError && /within 300 ms/.test(err.message),
      );
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(processesMentioning(own), []);
      assert.deepEqual(listDir(own), []);
    });
  });
});

describe('parseFods (flat ODS parsing, no LibreOffice needed)', function () {
  const NS =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"';
  const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><office:document ${NS}><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document>`;
  const str = (s: string, extra = '') => `<table:table-cell ${extra} office:value-type="string"><text:p>${s}</text:p></table:table-cell>`;
  const num = (n: number, extra = '') => `<table:table-cell ${extra} office:value-type="float" office:value="${n}"><text:p>${n}</text:p></table:table-cell>`;

  it('counts covered (merged) cells as columns and expands repeated cells and rows', function () {
    const wb = parseFods(
      doc(`<table:table table:name="S">
        <table:table-header-rows><table:table-row>${str('h', 'table:number-columns-spanned="2"')}<table:covered-table-cell/>${str('c')}</table:table-row></table:table-header-rows>
        <table:table-row-group><table:table-row table:number-rows-repeated="2">${num(1, 'table:number-columns-repeated="3"')}</table:table-row></table:table-row-group>
        <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
      </table:table>`),
    );
    assert.deepEqual(wb.sheets[0].rows, [
      ['h', null, 'c'],
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it('reads spaces, tabs, line breaks and character references, and skips annotations', function () {
    const wb = parseFods(
      doc(`<table:table table:name="S"><table:table-row>
        <table:table-cell office:value-type="string"><office:annotation><text:p>note</text:p></office:annotation><text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>&#x4e2d;&amp;&lt;</text:p><text:p>2</text:p></table:table-cell>
        <table:table-cell table:formula="of:=&quot;x&quot;" office:value-type="string" office:string-value="x"><text:p>x</text:p></table:table-cell>
      </table:table-row></table:table>`),
    );
    assert.deepEqual(wb.sheets[0].rows, [['a   b\tc\n中&<\n2', 'x']]);
    assert.deepEqual(wb.sheets[0].formulas, [[null, '="x"']]);
  });

  it('reads quoted sheet names and contains-header="false" in database ranges', function () {
    const wb = parseFods(
      doc(`<table:table table:name="It's"><table:table-row>${num(1)}</table:table-row></table:table>
      <table:database-ranges>
        <table:database-range table:name="T" table:target-range-address="$'It''s'.$B$2:.$D$9" table:contains-header="false"/>
        <table:database-range table:name="U" table:target-range-address="It's.A1:It's.A1"/>
      </table:database-ranges>`),
    );
    assert.deepEqual(wb.databaseRanges, [
      { name: 'T', sheet: "It's", range: 'B2:D9', hasHeader: false },
      { name: 'U', sheet: "It's", range: 'A1', hasHeader: true },
    ]);
    assert.deepEqual(parseOdfRange('[$Lists.$A$1:.$A$2]'), { sheet: 'Lists', rect: { r0: 0, r1: 1, c0: 0, c1: 0 } });
    assert.equal(parseOdfRange('A1:B2'), null);
  });

  it('collects validation ranges from repeated cells without expanding them, and resolves named lists', function () {
    const wb = parseFods(
      doc(`<table:content-validations>
        <table:content-validation table:name="val1" table:condition="of:cell-content-is-in-list(Items)" table:allow-empty-cell="true" table:base-cell-address="Wrong.A1"/>
        <table:content-validation table:name="val2" table:condition="of:cell-content-is-in-list(&quot;a&quot;&quot;b&quot;;&quot;c;d&quot;)" table:allow-empty-cell="false"/>
      </table:content-validations>
      <table:table table:name="S">
        <table:table-row>${str('head')}<table:table-cell table:content-validation-name="val2" table:number-columns-repeated="2"/></table:table-row>
        <table:table-row table:number-rows-repeated="1048575"><table:table-cell table:content-validation-name="val1"/><table:table-cell table:content-validation-name="val2" table:number-columns-repeated="2"/></table:table-row>
      </table:table>
      <table:table table:name="L"><table:table-row>${str('x')}</table:table-row><table:table-row>${str('y')}</table:table-row></table:table>
      <table:named-expressions><table:named-range table:name="Items" table:base-cell-address="$L.$A$1" table:cell-range-address="$L.$A$1:.$A$2"/></table:named-expressions>`),
    );
    assert.deepEqual(
      wb.validations.map((v) => [v.name, v.sheet, v.ranges, v.kind, v.listValues, v.listSource, v.allowEmpty]),
      [
        ['val2', 'S', ['B1:C1048576'], 'list', ['a"b', 'c;d'], undefined, false],
        ['val1', 'S', ['A2:A1048576'], 'list', ['x', 'y'], { sheet: 'L', range: 'A1:A2' }, true],
      ],
    );
    assert.equal(wb.sheets[0].rows.length, 1);
  });

  it('cuts content beyond maxRows and says so', function () {
    const wb = parseFods(doc(`<table:table table:name="S"><table:table-row table:number-rows-repeated="50">${num(2)}</table:table-row></table:table>`), {
      maxRows: 10,
    });
    assert.equal(wb.sheets[0].rows.length, 10);
    assert.equal(wb.sheets[0].truncated, true);
  });
});

describe('test tools', function () {
  it('finds chromium for browser tests', function () {
    assert.match(chromiumPath(), /chromium/);
  });
});
