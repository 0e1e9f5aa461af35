import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import '../addin/src/ledger/xlsx/exceljsPatch';
import { fixedClock } from '../addin/src/core/clock';
import { KefuError } from '../addin/src/core/problems';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { clauseText } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import { complaints, returnVisits } from '../addin/src/forms/complaints';
import { repairOrders } from '../addin/src/forms/receptionRepairs';
import type { FormDecl } from '../addin/src/forms/types';
import { LOCALES, type Locale } from '../addin/src/i18n/locale';
import type { RecordValues } from '../addin/src/ledger/cells';
import { PRINTED_EXTRA_COLUMNS, PRINT_INPUT_CELL, copyBlock, printRequest, printSheetName, printedCopies, printedForms } from '../addin/src/ledger/print';
import { buildTemplate, buildTemplateBuffer } from '../addin/src/workbooks/template';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { FORMULA_LIKE_TEXTS, complaintInput } from './support/fixtures';
import { libreOfficeConvert, pdfTextPages } from './support/libreoffice';

/**
 * Print sheets in the ledger template (issue 4 item 4): derived from the declarations, bound by
 * INDEX/MATCH to the record number in B1, one A4 page per paper copy. The end-to-end check fills B1
 * through the exceljs backend and lets LibreOffice — an engine nobody here wrote — compute and
 * print them to PDF; pdftotext gives the text of each page.
 */

const clock = () => fixedClock('2026-03-15 10:00:00', 1);
const SITE_COLUMN: Record<Locale, string> = { 'zh-CN': '院区楼层', 'zh-TW': '院區樓層', 'en-US': 'Campus floor' };
const SITE_VALUE = '东院-3F';

/** Adds a column the site made itself to the right of a form's table, as a user would in Excel. */
function addSiteColumn(ledger: XlsxLedger, table: string, header: string): number {
  const located = ledger.locate(table, true);
  const column = located.right + 1;
  located.sheet.getRow(located.top).getCell(column).value = header;
  located.model.columns.push({ name: header });
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(located.model.tableRef)!;
  const letters = (n: number): string => (n > 26 ? letters(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
  located.model.tableRef = `${m[1]}${m[2]}:${letters(column)}${m[4]}`;
  located.model.autoFilterRef = located.model.tableRef;
  return column;
}

async function append(ledger: XlsxLedger, table: string, record: RecordValues): Promise<number> {
  const basis = await ledger.read({ writes: [table] });
  const applied = await ledger.apply({ appends: { [table]: [record] } }, basis);
  return applied.appended[0].firstRow;
}

interface PrintedLedger {
  readonly file: string;
  readonly ticket: string;
  readonly repair: string;
  readonly visit: string;
}

/** A ledger with a complaint (formula-like content, a site column), its return visit and a repair order, each shown on its print sheet. */
async function printedLedger(dir: string, locale: Locale, content: string): Promise<PrintedLedger> {
  const ledger = await XlsxLedger.fromBuffer(await buildTemplateBuffer({ locale, createdAt: '2026-01-01 00:00:00' }), {
    station: 'print-test',
    clock: clock(),
  });
  const siteColumn = addSiteColumn(ledger, 'complaints', SITE_COLUMN[locale]);
  const context = { clock: clock(), actor: { clerk: '王丽', site: '市第一人民医院' } };
  const outcome = await runOperation(ledger, registerComplaint, complaintInput({ content }), context);
  const ticket = outcome.result.number;
  const row = Number(/(\d+)$/.exec(outcome.appended[0].address)![1]);
  ledger.locate('complaints', true).sheet.getRow(row).getCell(siteColumn).value = SITE_VALUE;
  const visit = `${ticket}-HF`;
  await append(ledger, 'return_visits', {
    visit_no: visit,
    ticket_no: ticket,
    visited_at: '2026-03-18 15:00',
    method: 'phone',
    person_visited: '张三',
    resolved: true,
    satisfaction: 'satisfied',
    customer_comment: '+SUM(A1) 处理及时',
    visitor_by: '赵敏',
    visitor_at: '2026-03-18 15:00',
    received_by_cs_by: '陈静',
    received_by_cs_at: '2026-03-18 16:30',
    voided: false,
  });
  const repair = 'WX-2026-00007';
  await append(ledger, 'repair_orders', {
    order_no: repair,
    reported_at: '2026-03-16 08:10',
    requester: '李护士长',
    requester_dept: '骨科',
    location: '住院部-2号楼-5层-512',
    fault: '病房空调不制冷',
    trade: 'hvac',
    engineering_signed_by: '周工',
    engineering_signed_at: '2026-03-16 08:30',
    technician: '吴师傅',
    paid: true,
    cost: 12_550,
    status: 'dispatched',
    voided: false,
  });
  for (const [form, number] of [
    [complaints, ticket],
    [returnVisits, visit],
    [repairOrders, repair],
  ] as const) {
    const request = printRequest(form.key, number, locale);
    ledger.workbook.getWorksheet(request.sheet)!.getCell(request.address).value = request.value;
  }
  // The command line reads and rewrites the ledger: the print layout must survive that too.
  const again = await XlsxLedger.fromBuffer(await ledger.toBuffer(), { station: 'print-test', clock: clock() });
  const file = path.join(dir, `printed.${locale}.xlsx`);
  await fs.writeFile(file, await again.toBuffer());
  return { file, ticket, repair, visit };
}

/** Whether a page shows `text`, wherever a cell wrapped it onto several lines. */
function has(page: string, text: string): boolean {
  const squash = (s: string) => s.replace(/\s+/g, '');
  return squash(page).includes(squash(text));
}

/** The PDF pages printed from a form's print sheet: they carry its code, title and clause (in the locale's words) in the header. */
function pagesOf(pages: readonly string[], form: FormDecl, locale: Locale): string[] {
  return pages.filter((page) => {
    const first = page.split('\n').find((line) => line.trim() !== '') ?? '';
    return first.includes(form.code) && first.includes(form.title[locale]) && first.includes(clauseText(form.clause, locale));
  });
}

describe('print sheets: layouts derived from the declarations', () => {
  it('print the forms with paper copies and the return-visit form, one block per copy', () => {
    assert.deepEqual(
      printedForms().map((f) => f.key),
      ['complaints', 'return_visits', 'repair_orders'],
    );
    assert.equal(printedCopies(complaints).length, 2);
    assert.equal(printedCopies(repairOrders).length, 3);
    assert.deepEqual(printedCopies(returnVisits), [null]);
  });

  for (const locale of LOCALES) {
    it(`show every column of the form once per copy, signatures in boxes (${locale})`, () => {
      for (const form of printedForms()) {
        for (const copy of printedCopies(form)) {
          const rows = copyBlock(form, copy, locale);
          const shown: string[] = [];
          for (const row of rows) {
            if (row.kind === 'wide') shown.push(row.field.header);
            if (row.kind === 'pair') shown.push(...row.fields.map((f) => f.header));
            if (row.kind === 'signature') shown.push(row.byHeader, row.atHeader);
          }
          assert.deepEqual(
            [...shown].sort(),
            columnsOf(form)
              .map((c) => c.label[locale])
              .sort(),
            `${form.key} ${copy?.key}`,
          );
          const extras = rows.flatMap((r) => (r.kind === 'extra' ? r.offsets : []));
          assert.deepEqual(
            extras,
            Array.from({ length: PRINTED_EXTRA_COLUMNS }, (_, i) => i),
          );
          const copyRow = rows.find((r) => r.kind === 'copy');
          if (copy) assert.deepEqual(copyRow, { kind: 'copy', label: copy.label[locale], route: copy.route[locale] });
          else assert.equal(copyRow, undefined);
          assert.equal(rows[0].kind, 'title');
        }
      }
    });
  }

  it('printRequest: the one write that shows a record — the sheet, B1 and the number as text in a Text cell', () => {
    assert.deepEqual(printRequest('repair_orders', ' WX-2026-00001 ', 'zh-TW'), {
      sheet: printSheetName(repairOrders, 'zh-TW'),
      address: PRINT_INPUT_CELL,
      value: 'WX-2026-00001',
      numberFormat: '@',
    });
    assert.throws(
      () => printRequest('reception', 'JD-20260315-001', 'zh-CN'),
      (error: unknown) =>
        error instanceof KefuError && error.describe('zh-CN')[0].includes('“reception”没有打印版式') && error.describe('en-US')[0].includes('complaints, return_visits, repair_orders'),
    );
    assert.throws(
      () => printRequest('complaints', '  ', 'en-US'),
      (error: unknown) => error instanceof KefuError && /Ticket no\./.test(error.describe('en-US')[0]),
    );
  });

  it('sheets in the template: A4 portrait, fit to one page wide, print area below the input row, a page break between copies, header and footer', async () => {
    for (const locale of LOCALES) {
      const workbook = buildTemplate({ locale, createdAt: '2026-01-01 00:00:00' });
      // Read back as the command line does (exceljs 4.4 alone would drop the page breaks here).
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(await workbook.xlsx.writeBuffer());
      assert.equal(back.calcProperties.fullCalcOnLoad, true, 'Excel computes the print formulas on opening');
      for (const form of printedForms()) {
        const sheet = back.getWorksheet(printSheetName(form, locale));
        assert.ok(sheet, `${locale} ${form.key}`);
        assert.equal(sheet.pageSetup.paperSize, 9);
        assert.equal(sheet.pageSetup.orientation, 'portrait');
        assert.equal(sheet.pageSetup.fitToPage, true);
        assert.equal(sheet.pageSetup.fitToWidth, 1);
        assert.equal(sheet.pageSetup.fitToHeight, 0);
        assert.match(String(sheet.pageSetup.printArea), /^A3:D\d+$/);
        assert.equal((sheet as unknown as { rowBreaks: unknown[] }).rowBreaks.length, printedCopies(form).length - 1);
        assert.match(String(sheet.headerFooter.oddFooter), /&P/);
        assert.ok(String(sheet.headerFooter.oddHeader).includes(form.title[locale]));
        const b1 = sheet.getCell(PRINT_INPUT_CELL).value;
        assert.equal(b1 ?? null, null, 'the input cell starts empty');
      }
    }
  });
});

describe('print sheets: printed by LibreOffice', function () {
  let dir: string;
  const printed = new Map<Locale, PrintedLedger>();
  const pages = new Map<Locale, string[]>();

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-print-'));
    const made = await Promise.all((['zh-CN', 'en-US', 'zh-TW'] as const).map(async (locale, i) => [locale, await printedLedger(dir, locale, FORMULA_LIKE_TEXTS[i * 4])] as const));
    made.forEach(([locale, ledger]) => printed.set(locale, ledger));
    const pdfs = await libreOfficeConvert(
      made.map(([, ledger]) => ledger.file),
      'pdf',
      dir,
    );
    for (let i = 0; i < made.length; i++) pages.set(made[i][0], await pdfTextPages(pdfs[i]));
  });

  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('prints a complaint ticket as two labelled copies, each on its own A4 page with the number, fields, site column and signatures', () => {
    const { ticket } = printed.get('zh-CN')!;
    const copies = pagesOf(pages.get('zh-CN')!, complaints, 'zh-CN');
    assert.equal(copies.length, 2, copies.join('\n=====\n'));
    complaints.copies.forEach((copy, i) => {
      const page = copies[i];
      assert.ok(has(page, copy.label['zh-CN'] + copy.route['zh-CN']), `copy ${i + 1}: its name beside where it goes`);
      assert.ok(has(page, copy.route['zh-CN']), `copy ${i + 1} route`);
      const other = complaints.copies[1 - i];
      assert.ok(!has(page, other.route['zh-CN']), `copy ${i + 1} carries only its own route`);
      assert.ok(has(page, ticket), 'the number');
      for (const value of ['2026-03-15 09:30', '电话', '张三', '心内科', '13800000000', '保洁部', '已受理', '市第一人民医院']) {
        assert.ok(has(page, value), `value ${value}`);
      }
      assert.ok(has(page, SITE_COLUMN['zh-CN']) && has(page, SITE_VALUE), "the site's own column");
      assert.match(page, /接待人\s+王丽\s+时间\s+2026-03-15 09:35/, 'the receptionist signature box');
      assert.match(page, /第一联签收\s+时间/, 'an empty signature box for copy 1');
      assert.match(page, /第 \d+ 页，共 \d+ 页/, 'the footer');
    });
  });

  it('prints formula-like user text as the text itself', () => {
    const copies = pagesOf(pages.get('zh-CN')!, complaints, 'zh-CN');
    for (const page of copies) assert.ok(has(page, FORMULA_LIKE_TEXTS[0]), FORMULA_LIKE_TEXTS[0]);
    const enCopies = pagesOf(pages.get('en-US')!, complaints, 'en-US');
    for (const page of enCopies) assert.ok(has(page, FORMULA_LIKE_TEXTS[4].trim()), FORMULA_LIKE_TEXTS[4]);
    const visit = pagesOf(pages.get('zh-CN')!, returnVisits, 'zh-CN');
    assert.ok(has(visit[0], '+SUM(A1) 处理及时'));
  });

  it('prints a repair order as three labelled copies with the same number', () => {
    const { repair } = printed.get('zh-CN')!;
    const copies = pagesOf(pages.get('zh-CN')!, repairOrders, 'zh-CN');
    assert.equal(copies.length, 3);
    repairOrders.copies.forEach((copy, i) => {
      const page = copies[i];
      assert.ok(has(page, copy.label['zh-CN']) && has(page, copy.route['zh-CN']), `copy ${i + 1}`);
      assert.ok(has(page, repair));
      for (const value of ['李护士长', '住院部-2号楼-5层-512', '病房空调不制冷', '暖通', '吴师傅', '125.50', '已派工']) {
        assert.ok(has(page, value), `value ${value}`);
      }
      assert.match(page, /工程部签收\s+周工\s+时间\s+2026-03-16 08:30/);
    });
  });

  it('prints the return-visit form on one page with its signatures', () => {
    const { visit, ticket } = printed.get('zh-CN')!;
    const forms = pagesOf(pages.get('zh-CN')!, returnVisits, 'zh-CN');
    assert.equal(forms.length, 1);
    for (const value of [visit, ticket, '2026-03-18 15:00', '满意', '张三']) assert.ok(has(forms[0], value), value);
    assert.match(forms[0], /回访人\s+赵敏\s+时间\s+2026-03-18 15:00/);
    assert.match(forms[0], /转客服部签收\s+陈静\s+时间\s+2026-03-18 16:30/);
  });

  it('prints in the workbook locale: English labels, copy names and routes', () => {
    const { ticket, repair } = printed.get('en-US')!;
    const copies = pagesOf(pages.get('en-US')!, complaints, 'en-US');
    assert.equal(copies.length, 2);
    assert.ok(has(copies[0], 'Copy 1') && has(copies[0], ticket) && has(copies[0], 'Complainant'));
    assert.match(copies[1], /Receptionist\s+王丽\s+Time\s+2026-03-15 09:35/);
    assert.match(copies[1], /Page \d+ of \d+/);
    const orders = pagesOf(pages.get('en-US')!, repairOrders, 'en-US');
    assert.equal(orders.length, 3);
    assert.ok(has(orders[2], 'Copy 3') && has(orders[2], repair) && has(orders[2], 'to Finance for a paid repair'));
  });

  it('prints in Traditional Chinese for a zh-TW workbook', () => {
    const { ticket } = printed.get('zh-TW')!;
    const copies = pagesOf(pages.get('zh-TW')!, complaints, 'zh-TW');
    assert.equal(copies.length, 2);
    assert.match(copies[0], /第一聯\s+責任部門負責人簽收/);
    assert.match(copies[1], /第二聯\s+客戶服務部留存備查/);
    for (const page of copies) {
      assert.ok(has(page, ticket) && has(page, '投訴人') && has(page, '客戶服務部'));
      assert.match(page, /接待人\s+王丽\s+時間\s+2026-03-15 09:35/);
      assert.match(page, /第 \d+ 頁，共 \d+ 頁/);
      assert.ok(has(page, FORMULA_LIKE_TEXTS[8]), 'formula-like text printed as text');
    }
    assert.equal(pagesOf(pages.get('zh-TW')!, repairOrders, 'zh-TW').length, 3);
  });
});
