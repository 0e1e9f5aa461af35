import ExcelJS from 'exceljs';
import type { Locale, Text } from '../i18n/locale';
import { LOCALES } from '../i18n/locale';
import { t } from '../forms/codes';
import { columnOf } from '../forms/columns';
import { complaintReopenings, complaints } from '../forms/complaints';
import type { CodeDecl, FormDecl } from '../forms/types';
import { BUCKETS, MONTHS, SUBSTANTIATION_COLUMNS, type Bucket } from '../domain/statistics';
import { BUCKET_LABELS, STATISTICS_LABELS, statisticsSheetName } from '../domain/statisticsSheet';
import { columnLetters } from '../ledger/report';
import { CROSS_CHECK_SHEET } from '../ledger/templateLayout';

/**
 * The statistics cross-check sheet of the ledger template (投诉统计核对 / 投訴統計核對 /
 * Stats cross-check): live formula versions of the main blocks of the yearly complaint statistics
 * (../../domain/statistics.ts `yearStatistics`, laid out by ../../domain/statisticsSheet.ts), so a
 * manager can check the computed sheet against Excel's own counting, and see the year's counts
 * without the add-in. The year is typed into B2.
 *
 * Counting rules, as `yearStatistics` counts:
 * - a row counts when its ticket number is filled, it is not voided (the void cell holds none of
 *   the "yes" labels in B3…, the workbook's first), and its received time falls in the year;
 *   voided rows and rows without a ticket number are left out everywhere;
 * - the received time is a date serial (as both backends write it) or text 'YYYY-MM-DD HH:MM'
 *   (typed or imported as text). A serial counts by the minute it reads as (the ledger rounds to
 *   the minute: 23:59:40 on 31 December is the next year), hence the bounds half a minute early; a
 *   text counts by its first characters, 'YYYY-MM' (spaces trimmed), as the statistics read it.
 *   Serials are counted with COUNTIFS; texts with SUMPRODUCT(ISTEXT(…)…), only evaluated when the
 *   table holds such a text at all (B4). COUNTIFS cannot count the texts: LibreOffice matches a
 *   wildcard criterion against a number's formatted text too, Excel does not;
 * - coded columns (channel, category, department, substantiated) count a cell when it holds the
 *   dropdown's label in the workbook's language (compared without case, as COUNTIFS and "=" do);
 *   the label cells of each block are the criteria. Department, category and channel have a
 *   "(blank or other)" row or column: the row or column total minus the listed items, i.e. blank
 *   cells, unknown values, and codes or other languages' labels typed by hand — which the
 *   statistics count under "(none)", the value, or the code: the two sheets then differ, which
 *   points at such cells;
 * - row and column totals count every ticket of the row or column whatever the other dimension,
 *   as the statistics' totals do, but along a closed dimension a total is the sum of its entries:
 *   the months (a text time whose month is not 01–12 counts in the year only). Block 7's verdicts
 *   are 属实, 部分属实, 不属实 and 未认定 (a blank cell), and "(blank or other)" for anything else,
 *   as the statistics give such a verdict a column of its own;
 * - the handling figures count each ticket by the round that stands at the year's end (1 January
 *   00:00 of the next year), as the statistics do: the ticket's own handling when its `handled_at`
 *   is before it, or a reopened round of the reopening records (complaint_reopenings, not voided)
 *   handled before it and reopened after it; a ticket with neither is open at year end. Block 1
 *   counts the closed tickets, those on time (standing handled-at not after `promised_by`) among
 *   the closed ones with a promise, and the open ones whose promised time passed before year end;
 *   block 6 the handling-time buckets (whole minutes, as the ledger reads the times); block 7 the
 *   standing round's verdict, "not yet decided" while open at year end. These times (handled-at,
 *   reopened-at, promised-by) count as date-times only, as the add-in and the command line write
 *   them; a ticket reopened in a ledger made before the reopening records (no record of it) counts
 *   by its own handling here, where the statistics read the reopening from its return visit. The
 *   reopened rounds that stand at year end are listed at the bottom of the sheet, found one by one
 *   (MATCH over the reopening records, then over the tickets by number), and counted from there;
 *
 * The complaint table is referenced by structured references (complaints[[受理时间]]), which Excel
 * keeps up to date when rows are added or columns moved or renamed, and which LibreOffice 7.4
 * resolves to the table's cells on loading: the same rows the ledger reads. Functions: COUNTIFS,
 * SUMPRODUCT, MATCH, INDEX, ROW, ISTEXT, ISNUMBER, IFERROR, AND, LEFT, MID, TRIM, TEXT, DATE, TIME, ROUND, IF, SUM — Excel 2007 and LibreOffice 7.4
 * both compute them, none needs an _xlfn prefix. The template holds no data, so no cached results
 * are written; the template's fullCalcOnLoad makes Excel compute them on opening.
 */

export { CROSS_CHECK_SHEET };

/** Row and column keys of a block besides the codes and months of `yearStatistics`. */
export const OTHER = '(other)';
export const TOTAL = '(total)';

export type CrossCheckBlockKey = 'monthByCategory' | 'departmentByCategory' | 'channelByMonth' | 'substantiationByCategory';

export interface CrossCheckBlock {
  /** The `YearStatistics` matrix the block mirrors. */
  readonly key: CrossCheckBlockKey;
  /** 1-based worksheet row of the block's heading; its header row follows. */
  readonly headingRow: number;
  /** Row keys top to bottom: the declared codes or months 'MM', then OTHER (coded rows only), then TOTAL. */
  readonly rows: readonly string[];
  /** Column keys left to right from column B, likewise. */
  readonly columns: readonly string[];
}

export type CrossCheckFiguresKey = 'headline' | 'handlingBuckets';

/** Figures without a second dimension: block 1's (closed, on time, overdue open) and block 6's buckets. */
export interface CrossCheckFigures {
  readonly key: CrossCheckFiguresKey;
  /** 1-based worksheet row of the block's heading; its header row follows. */
  readonly headingRow: number;
  /** 'closed', 'onTime', 'overdueOpen'; or the buckets, then TOTAL. */
  readonly rows: readonly string[];
  /** 'count', and 'of' (what the count is out of) in block 1. */
  readonly columns: readonly string[];
}

/**
 * The list at the bottom of the sheet: the reopened rounds standing at year end (handled before
 * it, reopened after it), one a row, with what the blocks count them by. Column letters by key.
 */
export interface CrossCheckRounds {
  readonly headingRow: number;
  /** The list's first row (its header row is the one above). */
  readonly firstRow: number;
  /** How many rounds it can list. */
  readonly size: number;
  /** Every round standing at year end, listed or not (more than `size`: the counts are short). */
  readonly standingCell: string;
  readonly columns: {
    readonly reopeningNo: string;
    readonly ticketNo: string;
    readonly handledAt: string;
    readonly verdict: string;
    readonly category: string;
    readonly minutes: string;
    readonly promised: string;
    /** 1 when its ticket is one of the year's (not voided): counted in the blocks. */
    readonly counted: string;
    readonly onTime: string;
    readonly decided: string;
    /** Hidden: the round's position among the reopening records, the ticket's among the tickets. */
    readonly roundRow: string;
    readonly ticketRow: string;
  };
}

export interface CrossCheckLayout {
  readonly yearCell: string;
  /** The "yes" labels a void cell is compared with, B3 onwards. */
  readonly voidCells: readonly string[];
  /** Rows whose received time is text. */
  readonly textRowsCell: string;
  /** The year's tickets. */
  readonly totalCell: string;
  readonly blocks: readonly CrossCheckBlock[];
  readonly figures: readonly CrossCheckFigures[];
  readonly rounds: CrossCheckRounds;
}

/** A cell of a block by its row and column keys, A1 style. */
export function crossCheckCell(block: CrossCheckBlock | CrossCheckFigures, row: string, column: string): string {
  const r = block.rows.indexOf(row);
  const c = block.columns.indexOf(column);
  if (r < 0 || c < 0) throw new Error(`No cell ${row} / ${column} in the ${block.key} block`);
  return `${columnLetters(c + 2)}${block.headingRow + 2 + r}`;
}

const L = {
  title: t('投诉统计核对（公式）', '投訴統計核對（公式）', 'Complaint statistics cross-check (formulas)'),
  year: t('年度', '年度', 'Year'),
  hint: t('← 输入年度，与工作表“{sheet}”逐格核对', '← 輸入年度，與工作表「{sheet}」逐格核對', '← Type a year; compare cell by cell with the sheet “{sheet}”'),
  voidMarks: t('作废标记（不计入）', '作廢標記（不計入）', 'Void marks (left out)'),
  textRows: t('受理时间存为文本的行数', '受理時間存為文字的列數', 'Rows with the received time as text'),
  total: t('投诉总数', '投訴總數', 'Complaints'),
  note: t(
    '本表用公式直接从投诉处理单表（complaints）及投诉重开记录表（complaint_reopenings）计数，口径同投诉统计表：按受理时间所在年度归年（时间按分钟计），作废的行和无投诉编号的行不计。' +
      '编码列只认本工作簿语言的下拉选项；空白、未知值、手填的代码或其他语言的标签计入“（未填或其他）”（合计减去已列各项），统计表则按代码计入——两表不一致时，请检查这些单元格。“是否属实”只计属实、部分属实、不属实和未认定（年末未办结或空白），同统计表。',
    '本表用公式直接從投訴處理單表（complaints）及投訴重開記錄表（complaint_reopenings）計數，口徑同投訴統計表：按受理時間所在年度歸年（時間按分鐘計），作廢的列和無投訴編號的列不計。' +
      '編碼欄只認本活頁簿語言的下拉選項；空白、未知值、手填的代碼或其他語言的標籤計入「（未填或其他）」（合計減去已列各項），統計表則按代碼計入——兩表不一致時，請檢查這些儲存格。「是否屬實」只計屬實、部分屬實、不屬實和未認定（年末未辦結或空白），同統計表。',
    'Counted by formulas straight from the complaints and complaint_reopenings tables, by the rules of the statistics sheet: a ticket belongs to the year of its received time (to the minute); voided rows and rows without a ticket number are left out. ' +
      "Coded columns count only the dropdown labels of the workbook's language: a blank, an unknown value, or a code or another language's label typed by hand counts under “(blank or other)” (the total minus the listed items), where the statistics sheet counts it under its code — where the two sheets differ, look for such cells. Block 7 counts the verdicts Substantiated, Partly, Not and Not yet decided (open at year end, or blank) only, as the statistics sheet does.",
  ),
  handlingNote: t(
    '办结、时长和“是否属实”按年末（次年1月1日0时）仍有效的那一轮处理计：投诉单本身的处理完成时间在年末前，或投诉重开记录中年末前处理、年末后才重开的一轮；都没有的为年末未办结（含被回访重开、年末前未再处理的）。这些时间须为日期时间值。',
    '辦結、時長和「是否屬實」按年末（次年1月1日0時）仍有效的那一輪處理計：投訴單本身的處理完成時間在年末前，或投訴重開記錄中年末前處理、年末後才重開的一輪；都沒有的為年末未辦結（含被回訪重開、年末前未再處理的）。這些時間須為日期時間值。',
    'Closed, handling time and the verdict count the handling round standing at the year end (1 January 00:00 of the next year): the ticket’s own handled-at before it, or a round of the Reopenings table handled before it and reopened after it; a ticket with neither is open at year end (reopened by a return visit and not handled again before it, among others). These times must be date-times.',
  ),
  rounds: t(
    '附：年末仍有效、年末后才被回访重开的处理轮次（上列各表按此计入）',
    '附：年末仍有效、年末後才被回訪重開的處理輪次（上列各表按此計入）',
    'Appendix: rounds standing at year end, reopened by a return visit after it (counted so in the blocks above)',
  ),
  roundsOverflow: t('超过 {n} 轮：上列计数不全', '超過 {n} 輪：上列計數不全', 'More than {n} rounds: the counts above are incomplete'),
  listNo: t('序号', '序號', 'No.'),
  listCategory: t('类别', '類別', 'Category'),
  listMinutes: t('处理时长（分钟）', '處理時長（分鐘）', 'Handling time (minutes)'),
  listCounted: t('计入本年', '計入本年', 'Counted'),
  listOnTime: t('按时办结', '按時辦結', 'On time'),
  listDecided: t('有结论', '有結論', 'Decided'),
  count: STATISTICS_LABELS.count,
  of: STATISTICS_LABELS.of,
  figure: STATISTICS_LABELS.figure,
  monthByCategory: t('二、月份 × 类别', '二、月份 × 類別', '2. Month × category'),
  departmentByCategory: t('三、责任部门 × 类别', '三、責任部門 × 類別', '3. Department × category'),
  channelByMonth: t('四、投诉方式 × 月份', '四、投訴方式 × 月份', '4. Channel × month'),
  substantiationByCategory: t('七、是否属实 × 类别', '七、是否屬實 × 類別', '7. Substantiated by category'),
  month: t('月份', '月份', 'Month'),
  category: t('类别', '類別', 'Category'),
  department: t('责任部门', '責任部門', 'Department'),
  channel: t('投诉方式', '投訴方式', 'Channel'),
  sum: t('合计', '合計', 'Total'),
  other: t('（未填或其他）', '（未填或其他）', '(blank or other)'),
  pending: t('未认定', '未認定', 'Not yet decided'),
} satisfies Record<string, Text>;

/** How many reopened rounds standing at year end the list at the bottom holds (a year has a handful). */
export const ROUNDS_LISTED = 50;

/** Block 1's figures: closed within the year, closed on time, open at year end past the promised time. */
export const HEADLINE_ROWS = ['closed', 'onTime', 'overdueOpen'] as const;

/** The handling-time buckets' bounds in minutes: (lo, hi]. */
const BUCKET_BOUNDS: Readonly<Record<Exclude<Bucket, 'open'>, { lo?: number; hi?: number }>> = {
  le24h: { hi: 24 * 60 },
  d1to3: { lo: 24 * 60, hi: 3 * 24 * 60 },
  d3to7: { lo: 3 * 24 * 60, hi: 7 * 24 * 60 },
  gt7d: { lo: 7 * 24 * 60 },
};

const YEAR_CELL = '$B$2';
const VOID_ROW = 3;
const TEXT_ROWS_CELL = '$B$4';
const TOTAL_CELL = '$B$5';
const NOTE_ROW = 6;
const FIRST_BLOCK_ROW = 9;
/** Half a minute, in days: a serial counts by the minute the ledger reads it as. */
const HALF_MINUTE = '1/2880';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const MEDIUM: Partial<ExcelJS.Border> = { style: 'medium', color: { argb: 'FF000000' } };

/** 'B3' → '$B$3'. */
function absolute(a1: string): string {
  return a1.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}

/** A string literal inside a formula. */
function literal(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A column of a table as a structured reference: complaints[[受理时间]]. */
function column(key: string, locale: Locale, form: FormDecl = complaints): string {
  const header = columnOf(form, key).label[locale].replace(/(['#[\]])/g, "'$1");
  return `${form.key}[[${header}]]`;
}

/** One condition of a count: COUNTIFS range/criterion pairs for serials, and an array test for SUMPRODUCT. */
interface Condition {
  readonly pairs: string;
  readonly test: string;
  /** A month: it holds the year too. */
  readonly period?: boolean;
}

/** How a block's rows or columns are told apart. */
interface Dimension {
  readonly months: boolean;
  /**
   * Only its keys count (the months; the verdicts, as the statistics have no other column there):
   * no "(blank or other)" entry, and a total along it is the sum of its keys.
   */
  readonly closed: boolean;
  readonly keys: readonly string[];
  /** What the header cell shows: a label, or the month's number. */
  header(key: string): string | number;
  /** The condition on a ticket for the key whose header is in `cell`. */
  condition(key: string, cell: string): Condition;
  /**
   * The verdicts: counted by the handling round standing at year end (the ticket's own, or a
   * reopened one), "not yet decided" (`pending`) while the ticket is open then.
   */
  readonly standingVerdict?: boolean;
}

/** A coded column: a key counts the cells holding its label (the header cell). */
function coded(key: string, codes: readonly CodeDecl[], locale: Locale): Dimension {
  const ref = column(key, locale);
  return {
    months: false,
    closed: false,
    keys: codes.map((c) => c.code),
    header: (code) => codes.find((c) => c.code === code)!.label[locale],
    condition: (_code, cell) => ({ pairs: `${ref},"="&${cell}`, test: `(${ref}=${cell})` }),
  };
}

/** Where the cells are in the sheet of a workbook in `locale`. */
export function crossCheckLayout(locale: Locale): CrossCheckLayout {
  return layoutFor(locale).layout;
}

function codesOf(key: string): readonly CodeDecl[] {
  return columnOf(complaints, key).codes ?? [];
}

interface Plan {
  readonly layout: CrossCheckLayout;
  /** What goes into the void cells. */
  readonly voidLabels: readonly string[];
  readonly dimensions: Record<CrossCheckBlockKey, [Dimension, Dimension]>;
  readonly titles: Record<CrossCheckBlockKey, [Text, Text]>;
}

function layoutFor(locale: Locale): Plan {
  const received = column('received_at', locale);
  const months: Dimension = {
    months: true,
    closed: true,
    keys: MONTHS,
    header: (m) => Number(m),
    condition: (_m, cell) => ({
      period: true,
      pairs: `${received},">="&(DATE(${YEAR_CELL},${cell},1)-${HALF_MINUTE}),${received},"<"&(DATE(${YEAR_CELL},${cell}+1,1)-${HALF_MINUTE})`,
      test: `(LEFT(TRIM(${received}),7)=${YEAR_CELL}&"-"&TEXT(${cell},"00"))`,
    }),
  };
  const category = coded('category', codesOf('category'), locale);
  const department = coded('department', codesOf('department'), locale);
  const channel = coded('channel', codesOf('channel'), locale);
  const verdicts = codesOf('substantiated');
  // 未认定: open at year end, or no verdict; a verdict nobody declared has the "(blank or other)" column, as in the statistics.
  const verdict: Dimension = {
    ...coded('substantiated', verdicts, locale),
    keys: [...verdicts.map((c) => c.code), 'pending'],
    header: (code) => (code === 'pending' ? L.pending[locale] : verdicts.find((c) => c.code === code)!.label[locale]),
    standingVerdict: true,
  };
  // The verdict columns are those of the statistics, in their order.
  if (verdict.keys.join() !== SUBSTANTIATION_COLUMNS.join()) throw new Error(`Substantiated columns ${verdict.keys.join()} are not ${SUBSTANTIATION_COLUMNS.join()}`);

  const dimensions: Record<CrossCheckBlockKey, [Dimension, Dimension]> = {
    monthByCategory: [months, category],
    departmentByCategory: [department, category],
    channelByMonth: [channel, months],
    substantiationByCategory: [category, verdict],
  };
  const titles: Record<CrossCheckBlockKey, [Text, Text]> = {
    monthByCategory: [L.monthByCategory, L.month],
    departmentByCategory: [L.departmentByCategory, L.department],
    channelByMonth: [L.channelByMonth, L.channel],
    substantiationByCategory: [L.substantiationByCategory, L.category],
  };
  const blocks: CrossCheckBlock[] = [];
  const figures: CrossCheckFigures[] = [];
  let row = FIRST_BLOCK_ROW;
  const addFigures = (key: CrossCheckFiguresKey, rows: readonly string[], columns: readonly string[]) => {
    figures.push({ key, headingRow: row, rows, columns });
    row += 2 + rows.length + 1;
  };
  // In the order of the statistics sheet: 1, 2, 3, 4, 6, 7.
  addFigures('headline', HEADLINE_ROWS, ['count', 'of']);
  for (const key of Object.keys(dimensions) as CrossCheckBlockKey[]) {
    if (key === 'substantiationByCategory') addFigures('handlingBuckets', [...BUCKETS, TOTAL], ['count']);
    const [rows, columns] = dimensions[key];
    const block: CrossCheckBlock = {
      key,
      headingRow: row,
      rows: [...rows.keys, ...(rows.closed ? [] : [OTHER]), TOTAL],
      columns: [...columns.keys, ...(columns.closed ? [] : [OTHER]), TOTAL],
    };
    blocks.push(block);
    row += 2 + block.rows.length + 1;
  }
  const widest = Math.max(...blocks.map((b) => b.columns.length));
  const rounds: CrossCheckRounds = {
    headingRow: row,
    firstRow: row + 2,
    size: ROUNDS_LISTED,
    standingCell: `B${row}`,
    columns: {
      reopeningNo: 'B',
      ticketNo: 'C',
      handledAt: 'D',
      verdict: 'E',
      category: 'F',
      minutes: 'G',
      promised: 'H',
      counted: 'I',
      onTime: 'J',
      decided: 'K',
      roundRow: columnLetters(widest + 3),
      ticketRow: columnLetters(widest + 4),
    },
  };
  const yesLabels = distinctLabels(codesOf('voided').find((c) => c.code === 'yes')!.label, locale);
  return {
    layout: {
      yearCell: YEAR_CELL.replace(/\$/g, ''),
      voidCells: yesLabels.map((_, i) => `${columnLetters(2 + i)}${VOID_ROW}`),
      textRowsCell: TEXT_ROWS_CELL.replace(/\$/g, ''),
      totalCell: TOTAL_CELL.replace(/\$/g, ''),
      blocks,
      figures,
      rounds,
    },
    voidLabels: yesLabels,
    dimensions,
    titles,
  };
}

/** A label in every language, the workbook's first, without repeats (compared without case, as COUNTIFS does). */
function distinctLabels(label: Text, locale: Locale): string[] {
  const out: string[] = [];
  for (const l of [locale, ...LOCALES.filter((x) => x !== locale)]) {
    if (!out.some((o) => o.toLowerCase() === label[l].toLowerCase())) out.push(label[l]);
  }
  return out;
}

/** Adds the cross-check sheet to a template being built; `year` goes into the year cell. */
export function addCrossCheckSheet(workbook: ExcelJS.Workbook, options: { locale: Locale; year: number }): ExcelJS.Worksheet {
  const { locale } = options;
  const { layout, voidLabels, dimensions, titles } = layoutFor(locale);
  const sheet = workbook.addWorksheet(CROSS_CHECK_SHEET[locale], {
    properties: { tabColor: { argb: 'FF548235' } },
    views: [{ state: 'frozen', xSplit: 1, ySplit: 0 }],
  });
  const at = (address: string) => sheet.getCell(address.replace(/\$/g, ''));
  const setFormula = (address: string, formula: string, format = '0') => {
    const cell = at(address);
    cell.value = { formula };
    cell.numFmt = format;
  };
  const bold = (address: string) => (at(address).font = { bold: true });

  const ticket = column('ticket_no', locale);
  const voided = column('voided', locale);
  const received = column('received_at', locale);
  const voidCells = layout.voidCells.map(absolute);
  /** Not voided, with a ticket number: every count's first condition. */
  const base: Condition = {
    pairs: [`${ticket},"<>"`, ...voidCells.map((c) => `${voided},"<>"&${c}`)].join(','),
    test: [`(${ticket}<>"")`, ...voidCells.map((c) => `(${voided}<>${c})`)].join('*'),
  };
  const inYear: Condition = {
    pairs: `${received},">="&(DATE(${YEAR_CELL},1,1)-${HALF_MINUTE}),${received},"<"&(DATE(${YEAR_CELL}+1,1,1)-${HALF_MINUTE})`,
    test: `(LEFT(TRIM(${received}),5)=${YEAR_CELL}&"-")`,
  };
  /** The year's tickets meeting every condition (one of them a month, or else the year). */
  const count = (conditions: readonly Condition[]): string => {
    const all = [base, ...(conditions.some((c) => c.period) ? [] : [inYear]), ...conditions];
    const serials = `COUNTIFS(${all.map((c) => c.pairs).join(',')})`;
    const texts = `SUMPRODUCT(ISTEXT(${received})*${all.map((c) => c.test).join('*')})`;
    return `${serials}+IF(${TEXT_ROWS_CELL}=0,0,${texts})`;
  };

  // The handling round standing at the year end (see the counting rules above).
  const handled = column('handled_at', locale);
  const promised = column('promised_by', locale);
  const verdictColumn = column('substantiated', locale);
  const round = (key: string) => column(key, locale, complaintReopenings);
  const roundTicket = round('ticket_no');
  const roundHandled = round('handled_at');
  const roundReopened = round('reopened_at');
  const roundVerdict = round('substantiated');
  const roundVoided = round('voided');
  const END = `(DATE(${YEAR_CELL}+1,1,1)-${HALF_MINUTE})`;
  /** A test that is 0 where it would be an error (a time typed as text in arithmetic): ISNUMBER(1/…). */
  const safe = (test: string) => `ISNUMBER(1/(${test}))`;
  /** The ticket's own handling stands at year end. */
  const ownStanding: Condition = { pairs: `${handled},"<"&${END}`, test: `ISNUMBER(${handled})*(${handled}<${END})` };
  const hasPromise: Condition = { pairs: `${promised},">0"`, test: `ISNUMBER(${promised})` };
  const promisedBefore: Condition = { pairs: `${promised},"<"&${END}`, test: `ISNUMBER(${promised})*(${promised}<${END})` };
  /** A reopening record's round stands at year end: handled before it, reopened after it, not voided. */
  const standingTest = [`ISNUMBER(${roundHandled})*(${roundHandled}<${END})*ISNUMBER(${roundReopened})*(${roundReopened}>=${END})`, ...voidCells.map((c) => `(${roundVoided}<>${c})`)].join('*');
  /** A received time typed as text ('YYYY-MM-DD HH:MM'), as a serial (only used where ISTEXT holds). */
  const textSerialOf = (text: string) => `(DATE(0&MID(${text},1,4),0&MID(${text},6,2),0&MID(${text},9,2))+TIME(0&MID(${text},12,2),0&MID(${text},15,2),0))`;
  const textSerial = textSerialOf(`TRIM(${received})`);
  const serialYear = `ISNUMBER(${received})*(${received}>=DATE(${YEAR_CELL},1,1)-${HALF_MINUTE})*(${received}<${END})`;
  const product = (factors: readonly (string | undefined)[]) => factors.filter((f): f is string => !!f).join('*');
  /**
   * The year's tickets meeting array `tests`, whatever their received time: a SUMPRODUCT over the
   * serial times (with `serial`, a test that needs the time as a number) and one over text times.
   */
  const sumTickets = (tests: readonly string[], serial?: string, text?: string): string =>
    `SUMPRODUCT(${product([serialYear, base.test, ...tests, serial])})+IF(${TEXT_ROWS_CELL}=0,0,SUMPRODUCT(${product([`ISTEXT(${received})`, inYear.test, base.test, ...tests, text])}))`;

  // The reopened rounds that stand at year end are few (handled late in the year, reopened after
  // it): the list at the bottom of the sheet finds them one by one (each row a MATCH over the
  // reopening records and one over the tickets), and the blocks count them there with COUNTIFS —
  // rather than joining every reopening record to every ticket in each cell.
  const list = layout.rounds;
  const listColumn = (key: keyof CrossCheckRounds['columns']) => {
    const letter = list.columns[key];
    return `$${letter}$${list.firstRow}:$${letter}$${list.firstRow + list.size - 1}`;
  };
  const listed = {
    counted: listColumn('counted'),
    category: listColumn('category'),
    verdict: listColumn('verdict'),
    decided: listColumn('decided'),
    minutes: listColumn('minutes'),
    promised: listColumn('promised'),
    onTime: listColumn('onTime'),
  };
  /** The listed rounds counted for the year (their ticket of the year, not voided), with more pairs on the list. */
  const listedCount = (...pairs: string[]) => `COUNTIFS(${[`${listed.counted},1`, ...pairs].join(',')})`;
  /** Closed at year end, meeting the ticket conditions (`listPairs`: the same conditions on the list). */
  const closedCount = (conditions: readonly Condition[], listPairs: readonly string[] = []) => `${count([...conditions, ownStanding])}+${listedCount(...listPairs)}`;
  const bucketCount = (b: Exclude<Bucket, 'open'>): string => {
    const { lo, hi } = BUCKET_BOUNDS[b];
    const within = (minutes: string) => product([lo === undefined ? undefined : `(${minutes}>${lo})`, hi === undefined ? undefined : `(${minutes}<=${hi})`]);
    const own = sumTickets([ownStanding.test], safe(within(`(ROUND(${handled}*1440,0)-ROUND(${received}*1440,0))`)), safe(within(`(ROUND(${handled}*1440,0)-ROUND(${textSerial}*1440,0))`)));
    const bounds = [...(lo === undefined ? [] : [`${listed.minutes},">${lo}"`]), ...(hi === undefined ? [] : [`${listed.minutes},"<=${hi}"`])];
    return `${own}+${listedCount(...bounds)}`;
  };
  /** Closed on time: the standing round's handled-at (to the minute) not after the promised time. */
  const onTimeCount = (): string => `${sumTickets([ownStanding.test, hasPromise.test, safe(`ROUND(${handled}*1440,0)<=ROUND(${promised}*1440,0)`)])}+${listedCount(`${listed.onTime},1`)}`;
  /**
   * A verdict cell of block 7: the standing round's verdict (the header cell's label), or "not yet
   * decided"; `categoryCell` is the row's category label (none in the total row).
   */
  const verdictCount = (conditions: readonly Condition[], categoryCell: string | undefined, key: string, cell: string): string => {
    const byCategory = categoryCell ? [`${listed.category},"="&${categoryCell}`] : [];
    if (key !== 'pending') {
      const own = count([...conditions, ownStanding, { pairs: `${verdictColumn},"="&${cell}`, test: `(${verdictColumn}=${cell})` }]);
      return `${own}+${listedCount(...byCategory, `${listed.verdict},"="&${cell}`)}`;
    }
    // Every ticket less those closed with a verdict.
    const own = count([...conditions, ownStanding, { pairs: `${verdictColumn},"<>"`, test: `(${verdictColumn}<>"")` }]);
    return `${count(conditions)}-(${own}+${listedCount(...byCategory, `${listed.decided},1`)})`;
  };

  // Title, year, void marks, text rows, total, note.
  at('A1').value = L.title[locale];
  at('A1').font = { bold: true, size: 14 };
  sheet.getRow(1).height = 24;
  at('A2').value = L.year[locale];
  bold('A2');
  const year = at(YEAR_CELL);
  year.value = options.year;
  year.numFmt = '0';
  year.fill = INPUT_FILL;
  year.border = { top: MEDIUM, left: MEDIUM, bottom: MEDIUM, right: MEDIUM };
  year.font = { bold: true, size: 12 };
  year.dataValidation = {
    type: 'whole',
    operator: 'between',
    allowBlank: false,
    formulae: [2000, 2100],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: L.year[locale],
    error: 'YYYY (2000–2100)',
  };
  const [before, after] = L.hint[locale].split('{sheet}');
  const [prefix, suffix] = statisticsSheetName(9999, locale).split('9999');
  at('C2').value = { formula: `${literal(before + prefix)}&${YEAR_CELL}&${literal(suffix + after)}` };
  at('C2').font = { italic: true, color: { argb: 'FF595959' } };
  at(`A${VOID_ROW}`).value = L.voidMarks[locale];
  bold(`A${VOID_ROW}`);
  voidLabels.forEach((label, i) => (at(layout.voidCells[i]).value = label));
  at('A4').value = L.textRows[locale];
  bold('A4');
  setFormula(TEXT_ROWS_CELL, `SUMPRODUCT(--ISTEXT(${received}))`);
  at('A5').value = L.total[locale];
  bold('A5');
  setFormula(TOTAL_CELL, count([]));
  bold(TOTAL_CELL);
  const widest = Math.max(...layout.blocks.map((b) => b.columns.length));
  sheet.mergeCells(`A${NOTE_ROW}:${columnLetters(widest + 1)}${NOTE_ROW}`);
  at(`A${NOTE_ROW}`).value = L.note[locale];
  at(`A${NOTE_ROW}`).font = { italic: true, color: { argb: 'FF595959' } };
  at(`A${NOTE_ROW}`).alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(NOTE_ROW).height = 48;
  sheet.mergeCells(`A${NOTE_ROW + 1}:${columnLetters(widest + 1)}${NOTE_ROW + 1}`);
  at(`A${NOTE_ROW + 1}`).value = L.handlingNote[locale];
  at(`A${NOTE_ROW + 1}`).font = { italic: true, color: { argb: 'FF595959' } };
  at(`A${NOTE_ROW + 1}`).alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(NOTE_ROW + 1).height = 48;

  // Blocks 1 and 6: the handling figures.
  const headlineLabels: Record<(typeof HEADLINE_ROWS)[number], Text> = { closed: STATISTICS_LABELS.closed, onTime: STATISTICS_LABELS.onTime, overdueOpen: STATISTICS_LABELS.overdueOpen };
  for (const figures of layout.figures) {
    const headerRow = figures.headingRow + 1;
    const cellOf = (row: string, col: string) => crossCheckCell(figures, row, col);
    at(`A${figures.headingRow}`).value = (figures.key === 'headline' ? STATISTICS_LABELS.headline : STATISTICS_LABELS.buckets)[locale];
    bold(`A${figures.headingRow}`);
    const header = (address: string, value: string) => {
      at(address).value = value;
      at(address).font = { bold: true };
      at(address).fill = HEADER_FILL;
      at(address).alignment = { wrapText: true, vertical: 'middle', horizontal: address.startsWith('A') ? 'left' : 'center' };
    };
    header(`A${headerRow}`, L.figure[locale]);
    figures.columns.forEach((key, i) => header(`${columnLetters(2 + i)}${headerRow}`, (key === 'of' ? L.of : L.count)[locale]));
    figures.rows.forEach((key, i) => {
      const label = key === TOTAL ? L.sum : figures.key === 'headline' ? headlineLabels[key as (typeof HEADLINE_ROWS)[number]] : BUCKET_LABELS[key as Bucket];
      header(`A${headerRow + 1 + i}`, label[locale]);
    });
    if (figures.key === 'headline') {
      const closed = cellOf('closed', 'count');
      setFormula(closed, closedCount([]));
      setFormula(cellOf('closed', 'of'), TOTAL_CELL);
      setFormula(cellOf('onTime', 'count'), onTimeCount());
      setFormula(cellOf('onTime', 'of'), closedCount([hasPromise], [`${listed.promised},">0"`]));
      // Promised before year end, less those closed: open at year end and overdue.
      setFormula(cellOf('overdueOpen', 'count'), `${count([promisedBefore])}-(${closedCount([promisedBefore], [`${listed.promised},"<"&${END}`])})`);
      setFormula(cellOf('overdueOpen', 'of'), `${TOTAL_CELL}-${absolute(closed)}`);
    } else {
      const closed = crossCheckCell(layout.figures[0], 'closed', 'count');
      for (const b of BUCKETS) setFormula(cellOf(b, 'count'), b === 'open' ? `${TOTAL_CELL}-${absolute(closed)}` : bucketCount(b));
      setFormula(cellOf(TOTAL, 'count'), `SUM(${cellOf(BUCKETS[0], 'count')}:${cellOf(BUCKETS[BUCKETS.length - 1], 'count')})`);
      bold(cellOf(TOTAL, 'count'));
    }
  }

  for (const block of layout.blocks) {
    const [rowDim, columnDim] = dimensions[block.key];
    const [heading, corner] = titles[block.key];
    const headerRow = block.headingRow + 1;
    const rowOf = (key: string) => headerRow + 1 + block.rows.indexOf(key);
    const colOf = (key: string) => columnLetters(2 + block.columns.indexOf(key));
    const first = headerRow + 1;
    const lastRow = rowOf(rowDim.keys[rowDim.keys.length - 1]);
    const firstCol = colOf(columnDim.keys[0]);
    const lastCol = colOf(columnDim.keys[columnDim.keys.length - 1]);
    const totalRow = rowOf(TOTAL);
    const totalCol = colOf(TOTAL);
    const header = (address: string, value: string | number, format?: string) => {
      at(address).value = value;
      if (format) at(address).numFmt = format;
      at(address).font = { bold: true };
      at(address).fill = HEADER_FILL;
      at(address).alignment = { wrapText: true, vertical: 'middle', horizontal: address.startsWith('A') ? 'left' : 'center' };
    };
    const monthFormat = locale === 'en-US' ? '00' : '0"月"';

    at(`A${block.headingRow}`).value = heading[locale];
    bold(`A${block.headingRow}`);
    header(`A${headerRow}`, corner[locale]);
    sheet.getRow(headerRow).height = 32;
    for (const key of block.columns) {
      const address = `${colOf(key)}${headerRow}`;
      if (key === OTHER) header(address, L.other[locale]);
      else if (key === TOTAL) header(address, L.sum[locale]);
      else header(address, columnDim.header(key), columnDim.months ? monthFormat : undefined);
    }
    for (const key of block.rows) {
      const address = `A${rowOf(key)}`;
      if (key === OTHER) header(address, L.other[locale]);
      else if (key === TOTAL) header(address, L.sum[locale]);
      else header(address, rowDim.header(key), rowDim.months ? monthFormat : undefined);
    }

    const rowCondition = (key: string) => rowDim.condition(key, `$A${rowOf(key)}`);
    const columnCondition = (key: string) => columnDim.condition(key, `${colOf(key)}$${headerRow}`);
    const grand = rowDim.closed ? `SUM(${totalCol}${first}:${totalCol}${lastRow})` : columnDim.closed ? `SUM(${firstCol}${totalRow}:${lastCol}${totalRow})` : TOTAL_CELL;

    /** The tickets meeting the row's conditions and the column's (the verdicts: by the standing round). */
    const cellCount = (conditions: readonly Condition[], c: string, rowLabel?: string) =>
      columnDim.standingVerdict ? verdictCount(conditions, rowLabel, c, `${colOf(c)}$${headerRow}`) : count([...conditions, columnCondition(c)]);
    for (const r of rowDim.keys) {
      const row = rowOf(r);
      for (const c of columnDim.keys) setFormula(`${colOf(c)}${row}`, cellCount([rowCondition(r)], c, `$A${row}`));
      // The row's total: every ticket of the row (the sum along the columns when they are closed: months, verdicts).
      setFormula(`${totalCol}${row}`, columnDim.closed ? `SUM(${firstCol}${row}:${lastCol}${row})` : count([rowCondition(r)]));
    }
    for (const c of columnDim.keys) {
      const col = colOf(c);
      setFormula(`${col}${totalRow}`, rowDim.closed ? `SUM(${col}${first}:${col}${lastRow})` : cellCount([], c));
    }
    setFormula(`${totalCol}${totalRow}`, grand);
    if (!rowDim.closed) {
      const row = rowOf(OTHER);
      for (const c of columnDim.keys) {
        const col = colOf(c);
        setFormula(`${col}${row}`, `${col}${totalRow}-SUM(${col}${first}:${col}${lastRow})`);
      }
      setFormula(`${totalCol}${row}`, columnDim.closed ? `SUM(${firstCol}${row}:${lastCol}${row})` : `${totalCol}${totalRow}-SUM(${totalCol}${first}:${totalCol}${lastRow})`);
    }
    if (!columnDim.closed) {
      const col = colOf(OTHER);
      for (const r of block.rows) {
        if (r === TOTAL) continue;
        const row = rowOf(r);
        setFormula(`${col}${row}`, `${totalCol}${row}-SUM(${firstCol}${row}:${lastCol}${row})`);
      }
      setFormula(`${col}${totalRow}`, rowDim.closed ? `SUM(${col}${first}:${col}${lastRow})` : `${totalCol}${totalRow}-SUM(${firstCol}${totalRow}:${lastCol}${totalRow})`);
    }
    for (const key of block.columns) bold(`${colOf(key)}${totalRow}`);
    for (const key of block.rows) bold(`${totalCol}${rowOf(key)}`);
  }

  // The reopened rounds standing at year end, found one by one.
  {
    const c = list.columns;
    const relative = `(ROW(${roundTicket})-ROW(INDEX(${roundTicket},1,1))+1)`;
    at(`A${list.headingRow}`).value = L.rounds[locale];
    bold(`A${list.headingRow}`);
    setFormula(list.standingCell, `SUMPRODUCT(${standingTest})`);
    bold(list.standingCell);
    const [overBefore, overAfter] = L.roundsOverflow[locale].split('{n}');
    setFormula(`C${list.headingRow}`, `IF(${absolute(list.standingCell)}>${list.size},${literal(overBefore + list.size + overAfter)},"")`, 'General');
    at(`C${list.headingRow}`).font = { bold: true, color: { argb: 'FFC00000' } };
    const headerRow = list.firstRow - 1;
    const headers: [string, string][] = [
      ['A', L.listNo[locale]],
      [c.reopeningNo, columnOf(complaintReopenings, 'reopening_no').label[locale]],
      [c.ticketNo, columnOf(complaintReopenings, 'ticket_no').label[locale]],
      [c.handledAt, columnOf(complaintReopenings, 'handled_at').label[locale]],
      [c.verdict, columnOf(complaintReopenings, 'substantiated').label[locale]],
      [c.category, L.listCategory[locale]],
      [c.minutes, L.listMinutes[locale]],
      [c.promised, columnOf(complaints, 'promised_by').label[locale]],
      [c.counted, L.listCounted[locale]],
      [c.onTime, L.listOnTime[locale]],
      [c.decided, L.listDecided[locale]],
    ];
    for (const [letter, text] of headers) {
      const address = `${letter}${headerRow}`;
      at(address).value = text;
      at(address).font = { bold: true };
      at(address).fill = HEADER_FILL;
      at(address).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    }
    sheet.getRow(headerRow).height = 48;
    const DATETIME = 'yyyy-mm-dd hh:mm';
    for (let k = 0; k < list.size; k++) {
      const r = list.firstRow + k;
      const cell = (letter: string) => `${letter}${r}`;
      const p = cell(c.roundRow);
      const q = cell(c.ticketRow);
      at(`A${r}`).value = k + 1;
      const next = `IFERROR(MATCH(1,INDEX(${standingTest}*(${relative}>${k === 0 ? 0 : `${c.roundRow}${r - 1}`}),0),0),"")`;
      setFormula(p, k === 0 ? next : `IF(${c.roundRow}${r - 1}="","",${next})`);
      const fromRound = (ref: string) => `IF(${p}="","",INDEX(${ref},${p})&"")`;
      setFormula(cell(c.reopeningNo), fromRound(round('reopening_no')), 'General');
      setFormula(cell(c.ticketNo), fromRound(roundTicket), 'General');
      setFormula(cell(c.handledAt), `IF(${p}="","",INDEX(${roundHandled},${p}))`, DATETIME);
      setFormula(cell(c.verdict), fromRound(roundVerdict), 'General');
      setFormula(q, `IF(${cell(c.ticketNo)}="","",IFERROR(MATCH(${cell(c.ticketNo)},${ticket},0),""))`);
      const of = (ref: string) => `INDEX(${ref},${q})`;
      setFormula(cell(c.category), `IF(${q}="","",${of(column('category', locale))}&"")`, 'General');
      setFormula(cell(c.promised), `IF(${q}="","",IF(ISNUMBER(${of(promised)}),${of(promised)},""))`, DATETIME);
      const recv = of(received);
      const notVoid = voidCells.map((v) => `${of(voided)}&""<>${v}`).join(',');
      const ofYear = `IF(ISNUMBER(${recv}),AND(${recv}>=DATE(${YEAR_CELL},1,1)-${HALF_MINUTE},${recv}<${END}),LEFT(TRIM(${recv}&""),5)=${YEAR_CELL}&"-")`;
      setFormula(cell(c.counted), `IF(${q}="",0,IF(AND(${notVoid},${ofYear}),1,0))`);
      const counted = `${cell(c.counted)}=1`;
      const receivedMinute = `IF(ISNUMBER(${recv}),ROUND(${recv}*1440,0),ROUND(${textSerialOf(`TRIM(${recv})`)}*1440,0))`;
      setFormula(cell(c.minutes), `IF(${counted},IFERROR(ROUND(${cell(c.handledAt)}*1440,0)-${receivedMinute},""),"")`);
      setFormula(cell(c.onTime), `IF(AND(${counted},ISNUMBER(${cell(c.promised)})),IF(ROUND(${cell(c.handledAt)}*1440,0)<=ROUND(${cell(c.promised)}*1440,0),1,0),0)`);
      setFormula(cell(c.decided), `IF(AND(${counted},${cell(c.verdict)}<>""),1,0)`);
    }
    sheet.getColumn(c.roundRow).hidden = true;
    sheet.getColumn(c.ticketRow).hidden = true;
  }

  sheet.getColumn(1).width = 26;
  for (let c = 2; c <= widest + 1; c++) sheet.getColumn(c).width = 11;
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
  return sheet;
}
