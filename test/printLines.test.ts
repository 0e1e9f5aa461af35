import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { clauseText } from '../addin/src/forms';
import { METER_CHECK_ITEMS } from '../addin/src/forms/codes';
import type { FormDecl } from '../addin/src/forms/types';
import { fieldCheckLines, investigations, preshiftMeetings } from '../addin/src/forms/fieldWork';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import type { Locale } from '../addin/src/i18n/locale';
import type { RecordValues } from '../addin/src/ledger/cells';
import { PRINT_TEXT } from '../addin/src/ledger/print';
import { LINE_PRINTS, PRINT_LINE_TEXT, layOutPrintout, printedRecord, readPrintout, type Printout } from '../addin/src/ledger/printLines';
import { showPrintout } from '../addin/src/ledger/office/printout';
import type { Ledger } from '../addin/src/ledger/types';
import { printoutWorkbook } from '../addin/src/workbooks/printoutSheet';
import { openOnHost, packageBackend, templateBytes, type OfficeSession } from './support/backends';
import { libreOfficeConvert, pdfTextPages } from './support/libreoffice';
import { findPdftotext } from './support/tools';
import { excelRun } from '../addin/src/ledger/office/officeLedger';

/**
 * Printing the forms whose paper has a list as long as the record needs (issue 12 items 3 and 4):
 * the investigation record (F21) with one line per meter, and the pre-shift meeting page (F15) with
 * one signature line per rostered worker. The records are written straight into the ledger; each is
 * read and laid out through both backends (the add-in's Office.js on the in-memory host, the
 * command line's part-level .xlsx), drawn by the add-in into the workbook and by exceljs into a
 * workbook of its own, and LibreOffice prints both to PDF.
 */

const NUMBER = 'PC-2026-0001';
const MEETING = 'BQ-T03-20260315-01';
const METERS = Array.from({ length: 60 }, (_, i) => `3301${String(i + 1).padStart(6, '0')}`);
const CREW = ['张伟', '王芳', '李强', '刘洋', '陈杰', '杨磊', '赵敏', '黄勇'];

/** Meter i: the first ten Class II (all checked), the rest a Class III sample; every seventh fails. */
function line(meter: string, i: number): RecordValues {
  const fails = i % 7 === 3;
  return {
    line_id: `${NUMBER}/${meter}`,
    check_no: NUMBER,
    order_no: 'PL-2026-0007',
    meter_no: meter,
    load_class: i < 10 ? 'class2' : 'class3',
    sampled_as: i < 10 ? 'class2_all' : 'class3_sample',
    result: fails ? 'fail' : 'pass',
    items_failed: fails ? ['rs485_not_reversed', 'polarity_correct'] : [],
    correspondence_ok: i !== 12,
    voided: false,
  };
}

const investigation: RecordValues = {
  investigation_no: NUMBER,
  order_no: 'PL-2026-0007',
  check_date: '2026-03-15',
  class3_rate: 2500,
  class2_total: 10,
  class2_checked: 10,
  class3_total: 200,
  class3_checked: 50,
  sample_seed: 'a1b2c3d4e5f6',
  sample_rule: 'W8-2026.1',
  sample: METERS.join('、'),
  passed: 51,
  items_checked: METER_CHECK_ITEMS.map((item) => item.code),
  items_failed: ['rs485_not_reversed', 'polarity_correct'],
  correspondence_failures: 1,
  findings: '9 只表 485 线接反、极性反接，已整改；1 户表位与用户空开不对应。',
  construction_sign_by: '周建国',
  construction_sign_at: '2026-03-16 10:00',
  inspection_sign_by: '吴海',
  inspection_sign_at: '2026-03-16 10:20',
  status: 'checked',
  voided: false,
};

const meeting: RecordValues = {
  meeting_no: MEETING,
  meeting_date: '2026-03-15',
  team_code: 'T03',
  vendor_code: 'V01',
  work_leader: '张伟',
  work_content: '东湖小区 3 幢批量装表 120 户',
  work_location: '东湖小区 3 幢配电间',
  hazards: '低压触电：验电、挂接地线；高处坠落：梯子专人扶守',
  hazards_isolated: true,
  uniform_ok: true,
  helmet_ok: true,
  badge_ok: false,
  armband_ok: true,
  gear_check: 'pass',
  roster: CREW.join('、'),
  roster_count: 8,
  crew_signatures: CREW.join('、'),
  signed_count: 8,
  inspection_kind: 'spot_check',
  inspector_by: '孙检',
  inspector_at: '2026-03-15 09:40',
  inspection_result: 'pass',
  voided: false,
};

async function writeRecords(ledger: Ledger): Promise<void> {
  const basis = await ledger.read({ writes: ['investigations', 'field_check_lines', 'preshift_meetings'] });
  await ledger.apply({ appends: { investigations: [investigation], field_check_lines: METERS.map(line), preshift_meetings: [meeting] } }, basis);
}

/** Whether a page shows `text`, wherever a cell wrapped it. */
const squash = (s: string) => s.replace(/\s+/g, '');
const has = (page: string, text: string) => squash(page).includes(squash(text));
const occurrences = (pages: readonly string[], text: string) => pages.reduce((n, page) => n + squash(page).split(squash(text)).length - 1, 0);

/** The pages of a printout in a PDF: those whose header carries the form's code and title. */
function pagesOf(pages: readonly string[], form: FormDecl, locale: Locale): string[] {
  return pages.filter((page) => {
    const first = page.split('\n').find((l) => l.trim() !== '') ?? '';
    return new RegExp(`^\\s*${form.code}\\s+${form.title[locale]}\\s+${clauseText(form.clause, locale)}\\s*$`).test(first);
  });
}

async function pageSizes(pdf: string): Promise<string[]> {
  const pdfinfo = path.join(path.dirname(findPdftotext() ?? '/usr/bin/pdftotext'), 'pdfinfo');
  const { stdout } = await promisify(execFile)(pdfinfo, ['-f', '1', '-l', '9999', pdf]);
  return [...stdout.matchAll(/Page\s+\d+ size:\s+(.*)/g)].map((m) => m[1].trim());
}

describe('printouts with lines: laid out on A4 pages', () => {
  const layOut = (n: number) => {
    const spec = LINE_PRINTS.investigations.lines;
    assert.ok(spec.table !== undefined);
    const lines = Array.from({ length: n }, (_, i) => spec.row(printedRecord(fieldCheckLines, line(`M${i}`, i), 'zh-CN'), 'zh-CN'));
    return layOutPrintout(LINE_PRINTS.investigations, printedRecord(investigations, investigation, 'zh-CN'), lines, 'zh-CN');
  };

  it('60 meters take two or three pages; every page starts with lines, the closing block stays whole on the last', () => {
    const printout = layOut(60);
    assert.equal(printout.lines, 60);
    assert.ok(printout.pages >= 2 && printout.pages <= 3, `${printout.pages} pages`);
    const firstLine = printout.titleRow + 1;
    const firstTail = firstLine + 60;
    for (const row of printout.breaksBefore) assert.ok(row > firstLine && row < firstTail, `a break before row ${row} falls among the lines`);
    assert.ok(Math.max(...printout.breaksBefore) < firstTail - 1, 'the last lines go over with the signatures');
    // Each page (the repeated column header included) within the printable height.
    const starts = [0, ...printout.breaksBefore];
    const ends = [...printout.breaksBefore, printout.rows.length];
    starts.forEach((start, i) => {
      const rows = printout.rows.slice(start, ends[i]);
      const height = rows.reduce((sum, r) => sum + r.height, 0) + (i > 0 ? printout.rows[printout.titleRow].height : 0);
      assert.ok(height <= 720, `page ${i + 1}: ${height} pt`);
    });
  });

  it('a few meters fit on one page with the signatures; many take as many pages as they need', () => {
    assert.equal(layOut(5).pages, 1);
    assert.deepEqual(layOut(5).breaksBefore, []);
    const long = layOut(400);
    assert.ok(long.pages >= 10, `${long.pages}`);
    assert.equal(long.lines, 400);
  });

  it('a roster of up to 20 prints on one page; more continue on a second', () => {
    const page = (n: number) => {
      const crew = Array.from({ length: n }, (_, i) => `工人${i + 1}`);
      const record = printedRecord(preshiftMeetings, { ...meeting, roster: crew.join('、') }, 'zh-CN');
      const spec = LINE_PRINTS.preshift_meetings.lines;
      assert.ok(spec.table === undefined);
      return layOutPrintout(
        LINE_PRINTS.preshift_meetings,
        record,
        spec.items(record).map((name, i) => spec.row(name, i, 'zh-CN')),
        'zh-CN',
      );
    };
    assert.equal(page(20).pages, 1);
    assert.equal(page(20).lines, 20);
    assert.equal(page(21).pages, 2);
  });
});

describe('printouts with lines: both backends, printed by LibreOffice', function () {
  let dir: string;
  const made = new Map<string, { printout: Printout; pages: string[]; sizes: string[] }>();
  const syncs = new Map<string, number>();

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-print-lines-'));
    const files: { key: string; file: string }[] = [];
    for (const locale of ['zh-CN', 'zh-TW', 'en-US'] as const) {
      // The add-in: the Office.js backend on the in-memory host draws both into the workbook.
      const office: OfficeSession = await openOnHost(await hostWorkbookFromXlsx(await templateBytes(locale)));
      await writeRecords(office.ledger);
      for (const form of ['investigations', 'preshift_meetings']) {
        const before = office.client.stats.syncs;
        const printout = await readPrintout(office.ledger, form, form === 'investigations' ? NUMBER : MEETING);
        await showPrintout(excelRun(office.client), printout);
        syncs.set(`${locale} ${form}`, office.client.stats.syncs - before);
        made.set(`office ${locale} ${form}`, { printout, pages: [], sizes: [] });
      }
      // Printing again replaces the sheet (nothing of the previous printout stays).
      const again = await readPrintout(office.ledger, 'investigations', NUMBER);
      assert.equal(again.sheetExists, true);
      await showPrintout(excelRun(office.client), again);
      const officeFile = path.join(dir, `office-${locale}.xlsx`);
      await fs.writeFile(officeFile, await office.bytes());
      files.push({ key: `office ${locale}`, file: officeFile });

      // The command line's backend: the same printouts, drawn by exceljs into workbooks of their own.
      const pkg = await packageBackend.open(await templateBytes(locale));
      await writeRecords(pkg.ledger);
      for (const form of ['investigations', 'preshift_meetings']) {
        const printout = await readPrintout(pkg.ledger, form, form === 'investigations' ? NUMBER : MEETING);
        const file = path.join(dir, `file-${locale}-${form}.xlsx`);
        await printoutWorkbook(printout).xlsx.writeFile(file);
        files.push({ key: `file ${locale} ${form}`, file });
        made.set(`file ${locale} ${form}`, { printout, pages: [], sizes: [] });
      }
    }
    const pdfs = await libreOfficeConvert(
      files.map((f) => f.file),
      'pdf',
      dir,
    );
    for (let i = 0; i < files.length; i++) {
      const pages = await pdfTextPages(pdfs[i]);
      const sizes = await pageSizes(pdfs[i]);
      const { key } = files[i];
      if (key.startsWith('office')) {
        // The whole ledger is printed: its printouts are the pages headed by their form.
        for (const form of [investigations, preshiftMeetings]) {
          const locale = key.split(' ')[1] as Locale;
          const mine = pages.map((page, p) => ({ page, size: sizes[p] })).filter(({ page }) => pagesOf([page], form, locale).length === 1);
          made.set(`${key} ${form.key}`, { ...made.get(`${key} ${form.key}`)!, pages: mine.map((m) => m.page), sizes: mine.map((m) => m.size) });
        }
      } else {
        made.set(key, { ...made.get(key)!, pages, sizes });
        if (process.env.KEFU_DUMP) console.log(pages.join('\n=====\n'));
      }
    }
  });

  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('both backends read and lay out the same printouts', () => {
    for (const locale of ['zh-CN', 'zh-TW', 'en-US']) {
      for (const form of ['investigations', 'preshift_meetings']) {
        const { sheetExists: _a, ...office } = made.get(`office ${locale} ${form}`)!.printout;
        const { sheetExists: _b, ...file } = made.get(`file ${locale} ${form}`)!.printout;
        assert.deepEqual(office, file, `${locale} ${form}`);
      }
    }
  });

  it('the add-in prints in two requests: the record with its lines, then the printout', () => {
    for (const locale of ['zh-CN', 'zh-TW', 'en-US']) {
      assert.equal(syncs.get(`${locale} investigations`), 2);
      assert.equal(syncs.get(`${locale} preshift_meetings`), 2);
    }
  });

  it('the add-in draws through the host what Excel keeps: A4 portrait one page wide, print titles, breaks, header and footer, borders, fonts', async () => {
    const office = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('en-US')));
    await writeRecords(office.ledger);
    const printout = await readPrintout(office.ledger, 'investigations', NUMBER);
    await showPrintout(excelRun(office.client), printout);
    const sheet = office.workbook.worksheet(printout.sheet);
    assert.equal(sheet.pageSetup?.paperSize, 9);
    assert.equal(sheet.pageSetup?.orientation, 'portrait');
    assert.deepEqual([sheet.pageSetup?.fitToPage, sheet.pageSetup?.fitToWidth, sheet.pageSetup?.fitToHeight], [true, 1, 0]);
    assert.equal(sheet.pageSetup?.printTitlesRow, `${printout.titleRow + 1}:${printout.titleRow + 1}`);
    assert.deepEqual(
      sheet.rowBreaks,
      printout.breaksBefore.map((row) => row - 1),
    );
    assert.equal(sheet.headerFooter?.oddHeader, `&LF21&C&"-,Bold"Investigation record&RP3-4.3.3`);
    assert.equal(sheet.headerFooter?.oddFooter, `&L${NUMBER}&RPage &P of &N`);
    const read = await office.client.run(async (context) => {
      const title = context.workbook.worksheets.getItem(printout.sheet).getRange('A1');
      const format = context.workbook.worksheets.getItem(printout.sheet).getRange('A1').format;
      const font = context.workbook.worksheets.getItem(printout.sheet).getRange('A1').format.font;
      title.load('values');
      format.load('horizontalAlignment');
      font.load('size,bold');
      const layout = context.workbook.worksheets.getItem(printout.sheet).pageLayout;
      layout.load('paperSize,orientation,zoom,centerHorizontally');
      const footer = layout.headersFooters.defaultForAllPages;
      footer.load('rightFooter,centerHeader');
      await context.sync();
      return {
        title: title.values[0][0],
        align: format.horizontalAlignment,
        size: font.size,
        paper: layout.paperSize,
        orientation: layout.orientation,
        zoom: layout.zoom,
        centred: layout.centerHorizontally,
        page: footer.rightFooter,
        header: footer.centerHeader,
      };
    });
    assert.deepEqual(read, {
      title: 'Investigation record',
      align: 'Center',
      size: 16,
      paper: 'A4',
      orientation: 'Portrait',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centred: true,
      page: 'Page &P of &N',
      header: '&"-,Bold"Investigation record',
    });
    // A line's cells are boxed in thin grey, a signature box in medium black.
    const firstLine = sheet.cell(printout.titleRow + 1, 0)?.style as { border?: Record<string, { style: string }> } | undefined;
    assert.deepEqual(Object.fromEntries(Object.entries(firstLine?.border ?? {}).map(([side, b]) => [side, b.style])), { top: 'thin', bottom: 'thin', left: 'thin', right: 'thin' });
    const lastRow = printout.rows.length - 1;
    assert.equal((sheet.cell(lastRow, 0)?.style as { border?: Record<string, { style: string }> }).border?.bottom.style, 'medium');
  });

  for (const side of ['office', 'file'] as const) {
    it(`${side}: the 60-meter investigation record on A4 pages, the column header on each, every meter once, the signatures on the last page only`, () => {
      for (const locale of ['zh-CN', 'zh-TW', 'en-US'] as const) {
        const { pages, sizes, printout } = made.get(`${side} ${locale} investigations`)!;
        assert.equal(pages.length, printout.pages, `${locale}: ${pages.length} pages printed, ${printout.pages} laid out\n${pages.join('\n=====\n')}`);
        assert.ok(pages.length >= 2 && pages.length <= 3, `${locale}: ${pages.length} pages`);
        for (const size of sizes) assert.match(size, /^595\.\d* x 841\.\d* pts \(A4\)$/, `${locale} ${size}`);
        const meterLabel = { 'zh-CN': '表局号', 'zh-TW': '表局號', 'en-US': 'Meter no.' }[locale];
        const resultLabel = fieldCheckLines.fields.find((f) => f.key === 'result')!.label[locale];
        for (const page of pages) assert.ok(has(page, meterLabel) && has(page, resultLabel), `${locale}: the column header on every page`);
        for (const meter of METERS) assert.equal(occurrences(pages, meter), 1, `${locale}: meter ${meter}`);
        const roles = [
          investigations.fields.find((f) => f.key === 'construction_sign')!,
          investigations.fields.find((f) => f.key === 'inspection_sign')!,
          investigations.fields.find((f) => f.key === 'property_sign')!,
        ];
        for (const role of roles) {
          pages.forEach((page, p) => assert.equal(has(page, role.label[locale]), p === pages.length - 1, `${locale}: "${role.label[locale]}" on page ${p + 1}`));
        }
        const last = pages[pages.length - 1];
        assert.ok(has(last, PRINT_TEXT.signatures[locale]));
        assert.ok(has(last, '周建国') && has(last, '2026-03-16') && has(last, '吴海'), 'names and dates of the two who signed');
        assert.ok(has(pages[0], NUMBER) && has(pages[0], 'PL-2026-0007') && has(pages[0], 'a1b2c3d4e5f6') && has(pages[0], 'W8-2026.1'), 'the number, order, seed and rule version');
        assert.ok(has(pages[0], '25%'), 'the Class III rate');
        assert.ok(has(pages[0], investigations.fields.find((f) => f.key === 'class2_total')!.label[locale]));
        assert.ok(occurrences(pages, '✗') >= 9 * 2, 'the failed items marked');
      }
    });

    it(`${side}: the pre-shift meeting page with a signature line for each of the 8 rostered workers`, () => {
      for (const locale of ['zh-CN', 'zh-TW', 'en-US'] as const) {
        const { pages, sizes } = made.get(`${side} ${locale} preshift_meetings`)!;
        assert.equal(pages.length, 1, pages.join('\n=====\n'));
        assert.match(sizes[0], /\(A4\)$/);
        const page = pages[0];
        for (const name of CREW) assert.ok(has(page, name), name);
        const signLines = page.split('\n').filter((l) => /^\s*[1-8]\s+\S+/.test(l) && CREW.some((name) => l.includes(name)));
        assert.equal(signLines.length, 8, signLines.join('\n'));
        for (const text of [PRINT_LINE_TEXT.signature[locale], PRINT_LINE_TEXT.crewCheck[locale], MEETING, 'T03', '孙检', '2026-03-15']) assert.ok(has(page, text), `${locale}: ${text}`);
        for (const key of ['hazards', 'helmet_ok', 'gear_check', 'work_leader']) {
          const label = preshiftMeetings.fields.find((f) => f.key === key)!.label[locale];
          assert.ok(has(page, label), `${locale}: ${label}`);
        }
        assert.ok(has(page, '✗'), 'the badge not worn');
      }
    });
  }
});
