import ExcelJS from 'exceljs';
import type { Locale, Text } from '../../i18n/locale';
import { LOCALES } from '../../i18n/locale';
import { t } from '../../forms/codes';
import { columnOf } from '../../forms/columns';
import { complaints } from '../../forms/serviceDesk';
import type { CodeDecl } from '../../forms/types';
import { MONTHS, SUBSTANTIATION_COLUMNS } from '../../domain/statistics';
import { statisticsSheetName } from '../../domain/statisticsSheet';
import { columnLetters } from '../report';
import { CROSS_CHECK_SHEET } from '../templateLayout';

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
 *
 * The complaint table is referenced by structured references (complaints[[受理时间]]), which Excel
 * keeps up to date when rows are added or columns moved or renamed, and which LibreOffice 7.4
 * resolves to the table's cells on loading: the same rows the ledger reads. Functions: COUNTIFS,
 * SUMPRODUCT, ISTEXT, LEFT, TRIM, TEXT, DATE, IF, SUM — Excel 2007 and LibreOffice 7.4
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

export interface CrossCheckLayout {
  readonly yearCell: string;
  /** The "yes" labels a void cell is compared with, B3 onwards. */
  readonly voidCells: readonly string[];
  /** Rows whose received time is text. */
  readonly textRowsCell: string;
  /** The year's tickets. */
  readonly totalCell: string;
  readonly blocks: readonly CrossCheckBlock[];
}

/** A cell of a block by its row and column keys, A1 style. */
export function crossCheckCell(block: CrossCheckBlock, row: string, column: string): string {
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
    '本表用公式直接从投诉处理单表（complaints）计数，口径同投诉统计表：按受理时间所在年度归年（时间按分钟计），作废的行和无投诉编号的行不计。' +
      '编码列只认本工作簿语言的下拉选项；空白、未知值、手填的代码或其他语言的标签计入“（未填或其他）”（合计减去已列各项），统计表则按代码计入——两表不一致时，请检查这些单元格。“是否属实”只计属实、部分属实、不属实和未认定（空白），同统计表。',
    '本表用公式直接從投訴處理單表（complaints）計數，口徑同投訴統計表：按受理時間所在年度歸年（時間按分鐘計），作廢的列和無投訴編號的列不計。' +
      '編碼欄只認本活頁簿語言的下拉選項；空白、未知值、手填的代碼或其他語言的標籤計入「（未填或其他）」（合計減去已列各項），統計表則按代碼計入——兩表不一致時，請檢查這些儲存格。「是否屬實」只計屬實、部分屬實、不屬實和未認定（空白），同統計表。',
    'Counted by formulas straight from the complaints table, by the rules of the statistics sheet: a ticket belongs to the year of its received time (to the minute); voided rows and rows without a ticket number are left out. ' +
      "Coded columns count only the dropdown labels of the workbook's language: a blank, an unknown value, or a code or another language's label typed by hand counts under “(blank or other)” (the total minus the listed items), where the statistics sheet counts it under its code — where the two sheets differ, look for such cells. Block 7 counts the verdicts Substantiated, Partly, Not and Not yet decided (blank) only, as the statistics sheet does.",
  ),
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

const YEAR_CELL = '$B$2';
const VOID_ROW = 3;
const TEXT_ROWS_CELL = '$B$4';
const TOTAL_CELL = '$B$5';
const NOTE_ROW = 6;
const FIRST_BLOCK_ROW = 8;
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

/** A column of the complaint table as a structured reference: complaints[[受理时间]]. */
function column(key: string, locale: Locale): string {
  const header = columnOf(complaints, key).label[locale].replace(/(['#[\]])/g, "'$1");
  return `${complaints.key}[[${header}]]`;
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
}

/** A coded column; `blank` is a key that stands for a blank cell (and makes the dimension closed). */
function coded(key: string, codes: readonly CodeDecl[], locale: Locale, blank?: { key: string; label: Text }): Dimension {
  const ref = column(key, locale);
  return {
    months: false,
    closed: blank !== undefined,
    keys: [...codes.map((c) => c.code), ...(blank ? [blank.key] : [])],
    header: (code) => (code === blank?.key ? blank.label[locale] : codes.find((c) => c.code === code)!.label[locale]),
    condition: (code, cell) =>
      code === blank?.key
        ? // A blank cell ("not yet decided").
          { pairs: `${ref},""`, test: `(${ref}="")` }
        : { pairs: `${ref},"="&${cell}`, test: `(${ref}=${cell})` },
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
  // 未认定 is a blank cell, and a verdict nobody declared has the "(blank or other)" column, as in the statistics.
  const verdict: Dimension = { ...coded('substantiated', verdicts, locale, { key: 'pending', label: L.pending }), closed: false };
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
  let row = FIRST_BLOCK_ROW;
  for (const key of Object.keys(dimensions) as CrossCheckBlockKey[]) {
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
  const yesLabels = distinctLabels(codesOf('voided').find((c) => c.code === 'yes')!.label, locale);
  return {
    layout: {
      yearCell: YEAR_CELL.replace(/\$/g, ''),
      voidCells: yesLabels.map((_, i) => `${columnLetters(2 + i)}${VOID_ROW}`),
      textRowsCell: TEXT_ROWS_CELL.replace(/\$/g, ''),
      totalCell: TOTAL_CELL.replace(/\$/g, ''),
      blocks,
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
    cell.value = { formula } as ExcelJS.CellFormulaValue;
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
  at('C2').value = { formula: `${literal(before + prefix)}&${YEAR_CELL}&${literal(suffix + after)}` } as ExcelJS.CellFormulaValue;
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
    const grand = rowDim.closed
      ? `SUM(${totalCol}${first}:${totalCol}${lastRow})`
      : columnDim.closed
        ? `SUM(${firstCol}${totalRow}:${lastCol}${totalRow})`
        : TOTAL_CELL;

    for (const r of rowDim.keys) {
      const row = rowOf(r);
      for (const c of columnDim.keys) setFormula(`${colOf(c)}${row}`, count([rowCondition(r), columnCondition(c)]));
      // The row's total: every ticket of the row (the sum along the columns when they are closed: months, verdicts).
      setFormula(`${totalCol}${row}`, columnDim.closed ? `SUM(${firstCol}${row}:${lastCol}${row})` : count([rowCondition(r)]));
    }
    for (const c of columnDim.keys) {
      const col = colOf(c);
      setFormula(`${col}${totalRow}`, rowDim.closed ? `SUM(${col}${first}:${col}${lastRow})` : count([columnCondition(c)]));
    }
    setFormula(`${totalCol}${totalRow}`, grand);
    if (!rowDim.closed) {
      const row = rowOf(OTHER);
      for (const c of columnDim.keys) {
        const col = colOf(c);
        setFormula(`${col}${row}`, `${col}${totalRow}-SUM(${col}${first}:${col}${lastRow})`);
      }
      setFormula(
        `${totalCol}${row}`,
        columnDim.closed ? `SUM(${firstCol}${row}:${lastCol}${row})` : `${totalCol}${totalRow}-SUM(${totalCol}${first}:${totalCol}${lastRow})`,
      );
    }
    if (!columnDim.closed) {
      const col = colOf(OTHER);
      for (const r of block.rows) {
        if (r === TOTAL) continue;
        const row = rowOf(r);
        setFormula(`${col}${row}`, `${totalCol}${row}-SUM(${firstCol}${row}:${lastCol}${row})`);
      }
      setFormula(
        `${col}${totalRow}`,
        rowDim.closed ? `SUM(${col}${first}:${col}${lastRow})` : `${totalCol}${totalRow}-SUM(${firstCol}${totalRow}:${lastCol}${totalRow})`,
      );
    }
    for (const key of block.columns) bold(`${colOf(key)}${totalRow}`);
    for (const key of block.rows) bold(`${totalCol}${rowOf(key)}`);
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
