import { clauseText } from '../addin/src/forms';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { complaints, returnVisits } from '../addin/src/forms/complaints';
import { repairOrders } from '../addin/src/forms/receptionRepairs';
import type { FormDecl } from '../addin/src/forms/types';
import { formatCellText, hostWorkbookFromXlsx, hostWorkbookToXlsx, type HostWorkbook } from '../addin/src/host';
import type { RecordValues } from '../addin/src/ledger/cells';
import { excelRun } from '../addin/src/ledger/office/officeLedger';
import { showOnPrintSheet } from '../addin/src/ledger/office/printout';
import { PRINT_TEXT, printRequest, printSheetName, printedForms } from '../addin/src/ledger/print';
import type { Ledger } from '../addin/src/ledger/types';
import { defaultClock, openOnHost, templateBytes } from './support/backends';
import { complaintInput } from './support/fixtures';
import { libreOfficeConvert, pdfTextPages, readWorkbookWithLibreOffice, sheetNamed, type LoWorkbook } from './support/libreoffice';

/**
 * Issue 11, "Why" 4: the preview's download keeps what Excel keeps, its print view works, and a
 * registered complaint prints as the paper ticket. Everything runs the preview's own code: the
 * template read by the host's xlsx bridge, the pane's operations through the Office.js backend on
 * the host, the Print view's write (showOnPrintSheet), and the bridge's writer (the download).
 */

const LOCALE = 'zh-CN';

/** What a sheet's XML says about its layout, for comparing two files part by part. */
interface SheetLayout {
  merges: string[];
  conditionalFormats: string[];
  printArea: string | null;
  pageSetup: string;
  headerFooter: string;
  rowBreaks: number[];
  hiddenColumns: number[];
  rowHeights: string[];
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

/** The layout of every sheet of an .xlsx, read from its XML (no exceljs in between). */
async function layoutOf(bytes: Uint8Array): Promise<Map<string, SheetLayout>> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id')!, attr(m[0], 'Target')!]));
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({ name: attr(m[0], 'name')!, rid: attr(m[0], 'r:id')! }));
  const printAreas = new Map(
    [...workbook.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)]
      .filter((m) => attr(m[1], 'name') === '_xlnm.Print_Area')
      .map((m) => [Number(attr(m[1], 'localSheetId')), m[2].replace(/^.*!/, '')]),
  );
  const layouts = new Map<string, SheetLayout>();
  for (const [i, sheet] of sheets.entries()) {
    const target = targets.get(sheet.rid)!.replace(/^\/?(xl\/)?/, 'xl/');
    const xml = await zip.file(target)!.async('string');
    const hidden: number[] = [];
    for (const m of xml.matchAll(/<col\b[^>]*>/g)) {
      if (attr(m[0], 'hidden') !== '1') continue;
      for (let c = Number(attr(m[0], 'min')); c <= Number(attr(m[0], 'max')); c++) hidden.push(c);
    }
    const pageSetup = /<pageSetup\b[^>]*>/.exec(xml)?.[0] ?? '';
    layouts.set(sheet.name, {
      merges: [...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]).sort(),
      conditionalFormats: [...xml.matchAll(/<conditionalFormatting\b[^>]*sqref="([^"]+)"[^>]*>([\s\S]*?)<\/conditionalFormatting>/g)].map(
        (m) => `${m[1]} ${[...m[2].matchAll(/<formula>([^<]*)<\/formula>/g)].map((f) => f[1]).join(' | ')}`,
      ),
      printArea: printAreas.get(i) ?? null,
      pageSetup:
        ['paperSize', 'orientation', 'fitToWidth', 'fitToHeight'].map((a) => `${a}=${attr(pageSetup, a) ?? ''}`).join(' ') +
        ` fitToPage=${attr(/<pageSetUpPr\b[^>]*>/.exec(xml)?.[0] ?? '', 'fitToPage') ?? ''}` +
        ` centred=${attr(/<printOptions\b[^>]*>/.exec(xml)?.[0] ?? '', 'horizontalCentered') ?? ''}`,
      headerFooter: /<headerFooter\b[^>]*>([\s\S]*?)<\/headerFooter>/.exec(xml)?.[1] ?? '',
      rowBreaks: [...(/<rowBreaks\b[\s\S]*?<\/rowBreaks>/.exec(xml)?.[0] ?? '').matchAll(/<brk\b[^>]*>/g)].filter((m) => attr(m[0], 'man') === '1').map((m) => Number(attr(m[0], 'id'))),
      hiddenColumns: hidden,
      rowHeights: [...xml.matchAll(/<row\b[^>]*customHeight="1"[^>]*>/g)].map((m) => `${attr(m[0], 'r')}:${attr(m[0], 'ht')}`),
    });
  }
  return layouts;
}

/** Each cell's font, fill, border and alignment on a sheet, as exceljs reads them. */
async function formattingOf(bytes: Uint8Array, sheet: string): Promise<Map<string, string>> {
  const xl = new ExcelJS.Workbook();
  await xl.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, string>();
  xl.getWorksheet(sheet)!.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const { font, fill, border, alignment } = cell.style;
      const f = font ? { bold: !!font.bold, italic: !!font.italic, size: font.size, color: font.color } : undefined;
      out.set(cell.address, JSON.stringify({ f, fill, border, alignment }));
    }),
  );
  return out;
}

async function append(ledger: Ledger, table: string, record: RecordValues): Promise<void> {
  const basis = await ledger.read({ writes: [table] });
  await ledger.apply({ appends: { [table]: [record] } }, basis);
}

/** Whether a page shows `text`, wherever a cell wrapped it onto several lines. */
function has(page: string, text: string): boolean {
  const squash = (s: string) => s.replace(/\s+/g, '');
  return squash(page).includes(squash(text));
}

/** The PDF pages printed from a form's print sheet: they carry its code, title and clause in the header. */
function pagesOf(pages: readonly string[], form: FormDecl): string[] {
  return pages.filter((page) => {
    const first = page.split('\n').find((line) => line.trim() !== '') ?? '';
    return first.includes(form.code) && first.includes(form.title[LOCALE]) && first.includes(clauseText(form.clause, LOCALE));
  });
}

describe('the preview’s workbook: downloaded as read, its print sheets computed and printed', function () {
  this.timeout(600_000);
  let dir: string;
  let template: Uint8Array;
  let workbook: HostWorkbook;
  let downloaded: Uint8Array;
  let file: string;
  let ticket: string;
  const repair = 'WX-2026-00007';
  let visit: string;
  let lo: LoWorkbook;
  let pages: string[];

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-preview-'));
    template = await templateBytes(LOCALE);
    workbook = await hostWorkbookFromXlsx(template);
    const session = await openOnHost(workbook, { station: 'preview' });
    const context = { clock: defaultClock(), actor: { clerk: '王丽', site: '市第一人民医院' } };
    ticket = (await runOperation(session.ledger, registerComplaint, complaintInput(), context)).result.number;
    visit = `${ticket}-HF`;
    await append(session.ledger, 'return_visits', {
      visit_no: visit,
      ticket_no: ticket,
      visited_at: '2026-03-18 15:00',
      method: 'phone',
      person_visited: '张三',
      resolved: true,
      satisfaction: 'satisfied',
      visitor_by: '赵敏',
      visitor_at: '2026-03-18 15:00',
      voided: false,
    });
    await append(session.ledger, 'repair_orders', {
      order_no: repair,
      reported_at: '2026-03-16 08:10',
      requester: '李护士长',
      location: '住院部-2号楼-5层-512',
      fault: '病房空调不制冷',
      trade: 'hvac',
      paid: true,
      cost: 12_550,
      status: 'dispatched',
      voided: false,
    });
    for (const [form, number] of [
      [returnVisits, visit],
      [repairOrders, repair],
      [complaints, ticket],
    ] as const) {
      await showOnPrintSheet(excelRun(session.client), printRequest(form.key, number, LOCALE));
    }
    downloaded = await hostWorkbookToXlsx(workbook);
    file = path.join(dir, `kefu-ledger-preview.${LOCALE}.xlsx`);
    await fs.writeFile(file, downloaded);
    lo = await readWorkbookWithLibreOffice(file, { maxRows: 200, maxCols: 60 });
    const [pdf] = await libreOfficeConvert([file], 'pdf', dir);
    pages = await pdfTextPages(pdf);
  });

  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps merges, conditional formats, print areas, page setup, page breaks, headers and footers, hidden columns and row heights', async () => {
    const before = await layoutOf(template);
    const after = await layoutOf(downloaded);
    assert.deepEqual([...after.keys()], [...before.keys()]);
    const merges = (layouts: Map<string, SheetLayout>) => [...layouts.values()].reduce((n, l) => n + l.merges.length, 0);
    assert.ok(merges(before) >= 40, `the template has merged cells (${merges(before)})`);
    for (const [name, layout] of before) assert.deepEqual(after.get(name), layout, name);
    const printed = before.get(printSheetName(complaints, LOCALE))!;
    assert.match(printed.printArea ?? '', /^\$A\$3:\$D\$\d+$/, 'an absolute print area, as Excel writes it');
    assert.equal(printed.rowBreaks.length, 1);
    assert.deepEqual(printed.hiddenColumns, [6, 7]);
    assert.ok(before.get(complaints.sheet[LOCALE])!.conditionalFormats.length > 0, 'overdue rows are highlighted');
  });

  it('keeps each cell’s font, fill, border and alignment', async () => {
    for (const sheet of [...printedForms().map((form) => printSheetName(form, LOCALE)), complaints.sheet[LOCALE]]) {
      const before = await formattingOf(template, sheet);
      const after = await formattingOf(downloaded, sheet);
      for (const [address, formatting] of before) {
        if (sheet === complaints.sheet[LOCALE] && !/^[A-Z]+1$/.test(address)) continue; // the header row; rows below hold data now
        assert.equal(after.get(address), formatting, `${sheet}!${address}`);
      }
    }
  });

  it('writes the record number into the print sheet as a value, which the sheet then finds', () => {
    const sheet = workbook.worksheet(printSheetName(complaints, LOCALE));
    assert.equal(sheet.at('B1')?.value, ticket, 'no apostrophe kept in front of the number');
    assert.equal(sheet.at('B1')?.numberFormat, '@');
    assert.equal(sheet.at('C1')?.value, '', `not “${PRINT_TEXT.notFound[LOCALE]}”`);
    const lo1 = sheetNamed(lo, printSheetName(complaints, LOCALE));
    assert.equal(lo1.rows[0][2] ?? '', '', 'LibreOffice finds it too');
  });

  it('computes every print-sheet formula as LibreOffice does: the printed ticket, repair order and return visit', () => {
    for (const form of printedForms()) {
      const name = printSheetName(form, LOCALE);
      const sheet = workbook.worksheet(name);
      const calc = sheetNamed(lo, name);
      let formulas = 0;
      const differ: string[] = [];
      for (const [row, col, cell] of sheet.formulaCells()) {
        formulas += 1;
        const host = formatCellText(cell.value, cell.numberFormat);
        const theirs = calc.text[row]?.[col] ?? '';
        if (host !== theirs) differ.push(`R${row + 1}C${col + 1} ${cell.formula}: host “${host}”, LibreOffice “${theirs}”`);
      }
      assert.ok(formulas > 50, `${name}: ${formulas} formulas`);
      assert.deepEqual(differ, [], name);
    }
    const shown = (form: FormDecl) => [...workbook.worksheet(printSheetName(form, LOCALE)).cells()].map(([, , c]) => c.value);
    assert.equal(shown(complaints).filter((v) => v === ticket).length, 2 + 1, 'the number on both copies (and in B1)');
    assert.ok(shown(complaints).includes('张三') && shown(complaints).includes('保洁部'));
    assert.equal(shown(repairOrders).filter((v) => v === repair).length, 3 + 1);
    assert.ok(shown(returnVisits).includes(visit));
  });

  it('prints the downloaded workbook in LibreOffice as the two-copy ticket with the complaint’s own number and fields', () => {
    const copies = pagesOf(pages, complaints);
    assert.equal(copies.length, 2, copies.join('\n=====\n'));
    complaints.copies.forEach((copy, i) => {
      const page = copies[i];
      assert.ok(has(page, copy.label[LOCALE]) && has(page, copy.route[LOCALE]), `copy ${i + 1}: its name and where it goes`);
      assert.ok(has(page, ticket), `copy ${i + 1}: the number`);
      for (const value of ['2026-03-15 09:30', '电话', '张三', '心内科', '13800000000', '病房卫生间地面有积水', '保洁部', '已受理', '市第一人民医院']) {
        assert.ok(has(page, value), `copy ${i + 1}: ${value}\n${page}`);
      }
      assert.match(page, /接待人\s+王丽\s+时间\s+2026-03-15 09:35/, 'the receptionist’s signature box');
      assert.match(page, /第 \d+ 页，共 \d+ 页/, 'the footer');
      assert.ok(!has(page, PRINT_TEXT.notFound[LOCALE]) && !has(page, PRINT_TEXT.input[LOCALE]), 'only the print area is printed');
    });
    assert.equal(pagesOf(pages, repairOrders).length, 3);
  });
});
