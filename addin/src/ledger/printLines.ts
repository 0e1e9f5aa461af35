import type { Locale, Text } from '../i18n/locale';
import { clauseText, findForm } from '../forms';
import { t, METER_CHECK_ITEMS } from '../forms/codes';
import { columnsOf, type ColumnDecl } from '../forms/columns';
import type { FormDecl } from '../forms/types';
import { KefuError } from '../core/problems';
import { codeLabel, codesSeparator, splitCodes, type DomainValue, type RecordValues } from './cells';
import { PRINT_TEXT, printSheetName } from './print';
import type { Ledger, LedgerRow } from './types';

/**
 * Printouts of forms whose paper has a list of lines as long as the record needs (issue 12 items 3
 * and 4): the investigation record sheet (F21, one line per meter checked), the pre-shift meeting
 * page (F15, one signature line per rostered worker) and the reception plan sent to departments
 * (F11, issue 13: the reservation's header, the plan's items, one acknowledgement line per
 * department). The complaint ticket's print sheet is a fixed
 * grid of formulas (print.ts); a list without a bound cannot be, so these are laid out from the
 * record when printed: a header block, the lines under a column header repeated on every page
 * (print titles), and a closing block (findings, signature boxes) kept whole on the last page.
 *
 * A form's layout is declared once in LINE_PRINTS (its header rows, where its lines come from and
 * their columns, its closing rows); `layOutPrintout` pages any of them the same way, and two
 * renderers draw the result: the add-in into the workbook's print sheet (office/printout.ts), and
 * exceljs into a workbook of its own (workbooks/printoutSheet.ts). docs/printing-and-binding.md.
 */

// ——————————————————————————————————————————————————————————————————————— the printout

/** How a printed cell looks: declared once, drawn alike by both renderers. */
export type PrintoutStyle = 'title' | 'key' | 'label' | 'value' | 'small' | 'section' | 'head' | 'cell' | 'mark' | 'signLabel' | 'signValue';

export interface StyleLook {
  readonly bold?: boolean;
  /** Font size in points (11 when absent). */
  readonly size?: number;
  readonly align?: 'left' | 'center';
  readonly border?: 'thin' | 'medium';
  readonly grey?: boolean;
}

export const PRINTOUT_STYLES: Readonly<Record<PrintoutStyle, StyleLook>> = {
  title: { bold: true, size: 16, align: 'center' },
  key: { bold: true, size: 12, border: 'thin' },
  label: { bold: true, border: 'thin' },
  value: { border: 'thin' },
  small: { size: 8, grey: true },
  section: { bold: true, size: 12 },
  head: { bold: true, align: 'center', border: 'thin' },
  cell: { border: 'thin' },
  mark: { align: 'center', border: 'thin' },
  signLabel: { bold: true, border: 'medium' },
  signValue: { border: 'medium' },
};

export interface PrintoutCell {
  /** 0-based first column; the cell spans `span` columns (merged). */
  readonly col: number;
  readonly span: number;
  /** Always text: user text is never a formula (DESIGN principle 6). */
  readonly text: string;
  readonly style: PrintoutStyle;
}

export interface PrintoutRow {
  readonly cells: readonly PrintoutCell[];
  /** Height in points. */
  readonly height: number;
}

export interface Printout {
  readonly form: string;
  readonly number: string;
  /** The print sheet in the workbook (the same name as the form's print sheet would have). */
  readonly sheet: string;
  /** Header sections (form code, title, seed clause) and the footer's page text (Excel's &P/&N codes). */
  readonly header: { readonly left: string; readonly center: string; readonly right: string };
  readonly footer: string;
  /** Column widths in characters, from column A. */
  readonly columnWidths: readonly number[];
  readonly rows: readonly PrintoutRow[];
  /** The 0-based row of the lines' column header: printed again at the top of every page. */
  readonly titleRow: number;
  /** 0-based rows that start a new page (manual page breaks before them). */
  readonly breaksBefore: readonly number[];
  /** The number of A4 pages. */
  readonly pages: number;
  /** The number of lines printed. */
  readonly lines: number;
  /** Whether the workbook had a sheet of that name when the record was read (the add-in replaces it). */
  readonly sheetExists: boolean;
}

/**
 * The printable height of an A4 portrait page in points, below what LibreOffice and Excel give (841.9
 * pt less 0.7" margins top and bottom, 741 pt at 100 %; the header and footer sit in the margins): a page laid out within it never gets an
 * automatic break of theirs, and fitting the width only shrinks the rows further.
 */
export const PAGE_POINTS = 720;

/** How many column-width units a text takes: a CJK character about two, anything else one. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2.1 : 1;
  return width;
}

/** The height a row needs for its wrapped texts: each cell's lines at 14 pt, at least `min`. */
function rowHeight(cells: readonly PrintoutCell[], widths: readonly number[], min: number): number {
  let lines = 1;
  for (const cell of cells) {
    const width = widths.slice(cell.col, cell.col + cell.span).reduce((a, b) => a + b, 0) - 1;
    const paragraphs = cell.text.split('\n');
    const count = paragraphs.reduce((n, p) => n + Math.max(1, Math.ceil(textWidth(p) / Math.max(1, width))), 0);
    lines = Math.max(lines, count);
  }
  return Math.min(409, Math.max(min, lines * 13 + 5));
}

// ——————————————————————————————————————————————————————————————————————— declarations

/** What a layout function gets: the record's values as printed text, by column key. */
export interface PrintedRecord {
  readonly values: RecordValues;
  /** A column's value as a clerk reads it on paper ('' when empty). */
  text(key: string): string;
  /** A field's label in the printout's language. */
  label(key: string): string;
}

/** One printed row before its height is known. */
type Cells = readonly PrintoutCell[];

export interface LinePrintDecl {
  readonly form: string;
  readonly columnWidths: readonly number[];
  /** The least height of a line, in points (room to sign by hand on a signature line). */
  readonly lineHeight: number;
  /** At most this many lines a page (the paper's lines), however many more would fit. */
  readonly linesPerPage?: number;
  /**
   * A record of another table printed in the header, read in the same request by its number, which
   * the printed record's number gives (the reservation of a reception plan).
   */
  readonly joined?: { readonly table: string; number(recordNo: string): string };
  /** The rows above the lines (`joined`: the joined record, when the layout has one). */
  head(record: PrintedRecord, locale: Locale, joined?: PrintedRecord): readonly Cells[];
  /** The lines' column header (repeated on every page). */
  columns(locale: Locale): Cells;
  /** Where the lines are: another table's rows by key, or the record itself. */
  readonly lines:
    | {
        readonly table: string;
        /** The lines' column holding the record's number: they are read with the record, in one request. */
        readonly byField: string;
        /** The lines' keys in the order they print (each must be there); absent: every live line read, in the table's order. */
        keys?(record: PrintedRecord): readonly string[];
        row(line: PrintedRecord, locale: Locale): Cells;
      }
    | { readonly table?: undefined; items(record: PrintedRecord): readonly string[]; row(item: string, index: number, locale: Locale): Cells };
  /** The rows after the lines, kept together on the last page (findings, signatures). */
  tail(record: PrintedRecord, locale: Locale): readonly Cells[];
}

const cell = (col: number, span: number, text: string, style: PrintoutStyle): PrintoutCell => ({ col, span, text, style });

/** Label/value pairs side by side: each pair `labelSpan` + `valueSpan` columns. */
function pairs(record: PrintedRecord, keys: readonly string[], labelSpan: number, valueSpan: number): Cells {
  return keys.flatMap((key, i) => {
    const at = i * (labelSpan + valueSpan);
    return [cell(at, labelSpan, record.label(key), 'label'), cell(at + labelSpan, valueSpan, record.text(key), 'value')];
  });
}

/** A long text across the page: its label, then the value over the other columns. */
function wide(record: PrintedRecord, key: string, labelSpan: number, width: number): Cells {
  return [cell(0, labelSpan, record.label(key), 'label'), cell(labelSpan, width - labelSpan, record.text(key), 'value')];
}

/** A signature box: the role, the name, "Date" and the date it was signed; blank when unsigned. */
function signatureBox(record: PrintedRecord, key: string, spans: readonly [number, number, number, number], locale: Locale): Cells {
  const [a, b, c, d] = spans;
  return [
    cell(0, a, record.label(key), 'signLabel'),
    cell(a, b, record.text(`${key}_by`), 'signValue'),
    cell(a + b, c, PRINT_LINE_TEXT.signedOn[locale], 'signLabel'),
    cell(a + b + c, d, record.text(`${key}_at`).slice(0, 10), 'signValue'),
  ];
}

export const PRINT_LINE_TEXT = {
  signedOn: t('日期', '日期', 'Date'),
  seedNote: t(
    '抽样种子 {seed}，抽样规则版本 {rule}：用同一种子和规则版本可重抽出同一样本（kefu sample）。',
    '抽樣種子 {seed}，抽樣規則版本 {rule}：用同一種子和規則版本可重抽出同一樣本（kefu sample）。',
    'Sample seed {seed}, sampling rule {rule}: the same seed and rule redraw the same sample (kefu sample).',
  ),
  meters: t('检查表计明细', '檢查表計明細', 'Meters checked'),
  lineNo: t('序号', '序號', 'No.'),
  name: t('姓名', '姓名', 'Name'),
  signature: t('本人签字', '本人簽字', 'Signature'),
  crewCheck: t('装拆班检查（可不定期抽查）', '裝拆班檢查（可不定期抽查）', 'Install/removal crew check (may be unannounced)'),
  checkDate: t('检查日期', '檢查日期', 'Check date'),
  planItems: t('接待计划内容', '接待計劃內容', 'The reception plan'),
  departments: t(
    '各有关部门签收（根据接待计划事先安排好各自的工作）',
    '各有關部門簽收（根據接待計劃事先安排好各自的工作）',
    'Departments: acknowledgement and readiness (each prepares its part in advance)',
  ),
  signedBy: t('签收人', '簽收人', 'Signed by'),
} as const satisfies Record<string, Text>;

/** ✓ or ✗ for a yes/no or pass/fail value, blank when there is none. */
function mark(value: DomainValue | undefined): string {
  if (value === true || value === 'pass' || value === 'yes') return '✓';
  if (value === false || value === 'fail' || value === 'no') return '✗';
  return '';
}

/** F21: 12 columns — meter, load class, drawn as, result, the seven check items, correspondence. */
const INVESTIGATION: LinePrintDecl = {
  form: 'investigations',
  columnWidths: [13, 10, 18, 7, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 9],
  lineHeight: 18,
  head: (r, locale) => [
    [cell(0, 12, findForm('investigations')!.title[locale], 'title')],
    [cell(0, 3, r.label('investigation_no'), 'label'), cell(3, 3, r.text('investigation_no'), 'key'), ...pairs(r, ['order_no'], 3, 3).map((c) => ({ ...c, col: c.col + 6 }))],
    pairs(r, ['check_date', 'status'], 3, 3),
    pairs(r, ['class2_total', 'class2_checked'], 3, 3),
    pairs(r, ['class3_total', 'class3_checked'], 3, 3),
    pairs(r, ['class3_rate', 'passed'], 3, 3),
    pairs(r, ['items_failed', 'correspondence_failures'], 3, 3),
    [cell(0, 12, PRINT_LINE_TEXT.seedNote[locale].replace('{seed}', r.text('sample_seed')).replace('{rule}', r.text('sample_rule')), 'small')],
    [cell(0, 12, PRINT_LINE_TEXT.meters[locale], 'section')],
  ],
  columns: (locale) => {
    const lines = findForm('field_check_lines')!;
    const label = (key: string) => lines.fields.find((f) => f.key === key)!.label[locale];
    return [
      cell(0, 1, label('meter_no'), 'head'),
      cell(1, 1, label('load_class'), 'head'),
      cell(2, 1, label('sampled_as'), 'head'),
      cell(3, 1, label('result'), 'head'),
      ...METER_CHECK_ITEMS.map((item, i) => cell(4 + i, 1, item.label[locale], 'head')),
      cell(11, 1, label('correspondence_ok'), 'head'),
    ];
  },
  lines: {
    table: 'field_check_lines',
    byField: 'check_no',
    // One line per meter of the sample (field_check_lines' key is "<check no>/<meter no>").
    keys: (r) => splitList(r.text('sample')).map((meter) => `${r.text('investigation_no')}/${meter}`),
    row: (line) => {
      const checked = line.values.result === 'pass' || line.values.result === 'fail';
      const failed = new Set(Array.isArray(line.values.items_failed) ? (line.values.items_failed as readonly string[]) : splitList(line.text('items_failed')));
      return [
        cell(0, 1, line.text('meter_no'), 'cell'),
        cell(1, 1, line.text('load_class'), 'cell'),
        cell(2, 1, line.text('sampled_as'), 'cell'),
        cell(3, 1, line.text('result'), 'mark'),
        ...METER_CHECK_ITEMS.map((item, i) => cell(4 + i, 1, checked ? (failed.has(item.code) ? '✗' : '✓') : '', 'mark')),
        cell(11, 1, mark(line.values.correspondence_ok), 'mark'),
      ];
    },
  },
  tail: (r, locale) => [
    wide(r, 'findings', 3, 12),
    [cell(0, 12, PRINT_TEXT.signatures[locale], 'section')],
    ...['construction_sign', 'inspection_sign', 'property_sign'].map((key) => signatureBox(r, key, [4, 3, 2, 3], locale)),
  ],
};

/** F15: 8 columns — two label/value pairs a row; a signature line is number, name and a box. */
const PRESHIFT: LinePrintDecl = {
  form: 'preshift_meetings',
  columnWidths: [7, 12, 12, 11, 7, 12, 12, 11],
  lineHeight: 20,
  linesPerPage: 20,
  head: (r, locale) => [
    [cell(0, 8, findForm('preshift_meetings')!.title[locale], 'title')],
    [cell(0, 2, r.label('meeting_no'), 'label'), cell(2, 2, r.text('meeting_no'), 'key'), ...pairs(r, ['meeting_date'], 2, 2).map((c) => ({ ...c, col: c.col + 4 }))],
    pairs(r, ['team_code', 'vendor_code'], 2, 2),
    pairs(r, ['work_leader', 'work_location'], 2, 2),
    wide(r, 'work_content', 2, 8),
    wide(r, 'hazards', 2, 8),
    ...[
      ['hazards_isolated', 'uniform_ok'],
      ['helmet_ok', 'badge_ok'],
      ['armband_ok', 'gear_check'],
    ].map((keys) => keys.flatMap((key, i) => [cell(i * 4, 3, r.label(key), 'label'), cell(i * 4 + 3, 1, mark(r.values[key]), 'mark')])),
    pairs(r, ['roster_count', 'signed_count'], 3, 1),
  ],
  columns: (locale) => [cell(0, 1, PRINT_LINE_TEXT.lineNo[locale], 'head'), cell(1, 2, PRINT_LINE_TEXT.name[locale], 'head'), cell(3, 5, PRINT_LINE_TEXT.signature[locale], 'head')],
  lines: {
    items: (r) => splitList(r.text('roster')),
    row: (name, i) => [cell(0, 1, String(i + 1), 'mark'), cell(1, 2, name, 'cell'), cell(3, 5, '', 'cell')],
  },
  tail: (r, locale) => [
    [cell(0, 8, PRINT_LINE_TEXT.crewCheck[locale], 'section')],
    pairs(r, ['inspection_kind', 'inspection_result'], 2, 2),
    [
      cell(0, 2, r.label('inspector'), 'signLabel'),
      cell(2, 2, r.text('inspector_by'), 'signValue'),
      cell(4, 2, PRINT_LINE_TEXT.checkDate[locale], 'signLabel'),
      cell(6, 2, r.text('inspector_at').slice(0, 10), 'signValue'),
    ],
  ],
};

/**
 * F11: the reception plan as sent to the departments, 8 columns — the reservation's header (group,
 * visit date and arrival, headcount with seniors, disabled visitors and children, contact), the
 * plan's items, then one line per department it was sent to: when, who signed for it and when,
 * ready (and when). Whoever drafted it signs at the foot.
 */
const RECEPTION_PLAN: LinePrintDecl = {
  form: 'reception_plans',
  columnWidths: [12, 12, 11, 11, 11, 11, 11, 14],
  lineHeight: 26,
  joined: { table: 'reservations', number: (plan) => plan.replace(/^JH-/, '') },
  head: (r, locale, reservation) => {
    const res = reservation ?? r;
    return [
      [cell(0, 8, findForm('reception_plans')!.title[locale], 'title')],
      [cell(0, 2, r.label('plan_no'), 'label'), cell(2, 2, r.text('plan_no'), 'key'), ...pairs(r, ['reservation_no'], 2, 2).map((c) => ({ ...c, col: c.col + 4 }))],
      wide(res, 'group_name', 2, 8),
      pairs(res, ['arrival_at', 'headcount'], 2, 2),
      pairs(res, ['seniors', 'disabled'], 2, 2),
      pairs(res, ['children', 'contact'], 2, 2),
      pairs(res, ['contact_phone', 'ticket_time'], 2, 2),
      [cell(0, 8, PRINT_LINE_TEXT.planItems[locale], 'section')],
      ...['route', 'transport_parking', 'guide', 'facilities', 'meals', 'special_needs', 'other_items'].map((key) => wide(r, key, 2, 8)),
      [cell(0, 8, PRINT_LINE_TEXT.departments[locale], 'section')],
    ];
  },
  columns: (locale) => {
    const lines = findForm('plan_distributions')!;
    const label = (key: string) => lines.fields.find((f) => f.key === key)!.label[locale];
    return [
      cell(0, 2, label('department'), 'head'),
      cell(2, 2, label('sent_at'), 'head'),
      cell(4, 2, PRINT_LINE_TEXT.signedBy[locale], 'head'),
      cell(6, 1, PRINT_LINE_TEXT.signedOn[locale], 'head'),
      cell(7, 1, label('ready'), 'head'),
    ];
  },
  lines: {
    table: 'plan_distributions',
    byField: 'plan_no',
    row: (line) => [
      cell(0, 2, line.text('department'), 'cell'),
      cell(2, 2, line.text('sent_at'), 'cell'),
      cell(4, 2, line.text('acknowledged_by'), 'cell'),
      cell(6, 1, line.text('acknowledged_at').slice(0, 10), 'mark'),
      cell(7, 1, line.values.ready === true ? `✓ ${line.text('ready_at').slice(0, 10)}`.trim() : '', 'mark'),
    ],
  },
  tail: (r, locale) => [signatureBox(r, 'drafted_by', [2, 2, 2, 2], locale)],
};

/** The forms printed with lines, by form key. */
export const LINE_PRINTS: Readonly<Record<string, LinePrintDecl>> = { investigations: INVESTIGATION, preshift_meetings: PRESHIFT, reception_plans: RECEPTION_PLAN };

/** The forms printed with lines. */
export function linePrintedForms(): FormDecl[] {
  return Object.keys(LINE_PRINTS).map((key) => findForm(key)!);
}

/** A list of names or meter numbers as written in one cell: separated by 、 (or commas), blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[、,，;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// ——————————————————————————————————————————————————————————————————————— values as printed

function printedText(column: ColumnDecl | undefined, value: DomainValue | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '';
  if (!column) return Array.isArray(value) ? value.join(codesSeparator(locale)) : String(value);
  switch (column.kind) {
    case 'code':
      return codeLabel(column.codes ?? [], String(value), locale);
    case 'bool':
      return codeLabel(column.codes ?? [], value === true ? 'yes' : 'no', locale);
    case 'codes':
      return (Array.isArray(value) ? (value as readonly string[]) : splitCodes(String(value))).map((c) => codeLabel(column.codes ?? [], c, locale)).join(codesSeparator(locale));
    case 'money':
      return (Number(value) / 100).toFixed(2);
    case 'percent':
      return `${Number(value) / 100}%`;
    default:
      return Array.isArray(value) ? value.join(codesSeparator(locale)) : String(value);
  }
}

export function printedRecord(form: FormDecl, values: RecordValues, locale: Locale): PrintedRecord {
  const columns = new Map(columnsOf(form).map((c) => [c.key, c]));
  return {
    values,
    text: (key) => printedText(columns.get(key), values[key], locale),
    label: (key) => (columns.get(key)?.field.key === key ? columns.get(key)!.label[locale] : [...columns.values()].find((c) => c.field.key === key)!.field.label[locale]),
  };
}

// ——————————————————————————————————————————————————————————————————————— paging

/**
 * Lays a record out on A4 pages: the header block and the lines' column header on the first page,
 * as many lines as fit on each page (the column header repeated above them by the print titles),
 * and the closing block whole on the last page — when it does not fit below the last lines, the
 * last two lines go over with it, so the signatures never stand on a page of their own.
 */
export function layOutPrintout(decl: LinePrintDecl, record: PrintedRecord, lines: readonly Cells[], locale: Locale, joined?: PrintedRecord): Printout {
  const form = findForm(decl.form)!;
  const widths = decl.columnWidths;
  const row = (cells: Cells, min: number): PrintoutRow => ({ cells, height: rowHeight(cells, widths, min) });
  const head = decl.head(record, locale, joined).map((cells) => row(cells, cells.some((c) => c.style === 'title') ? 28 : 18));
  const title = row(decl.columns(locale), 18);
  const body = lines.map((cells) => row(cells, decl.lineHeight));
  const tail = decl.tail(record, locale).map((cells) => row(cells, cells.some((c) => c.style === 'signLabel') ? 30 : 20));
  const rows = [...head, title, ...body, ...tail];
  const titleRow = head.length;
  const firstLine = titleRow + 1;

  const breaks: number[] = [];
  let used = head.reduce((sum, r) => sum + r.height, 0) + title.height;
  let onPage: number[] = [];
  body.forEach((line, i) => {
    const full = used + line.height > PAGE_POINTS || onPage.length === decl.linesPerPage;
    if (full && onPage.length > 0) {
      breaks.push(firstLine + i);
      used = title.height;
      onPage = [];
    }
    used += line.height;
    onPage.push(firstLine + i);
  });
  const tailHeight = tail.reduce((sum, r) => sum + r.height, 0);
  if (used + tailHeight > PAGE_POINTS) {
    const carried = Math.min(2, onPage.length - 1);
    breaks.push(carried > 0 ? onPage[onPage.length - carried] : firstLine + body.length);
  }
  return {
    form: form.key,
    number: record.text(form.keyField),
    sheet: printSheetName(form, locale),
    header: { left: form.code, center: form.title[locale], right: clauseText(form.clause, locale) },
    footer: PRINT_TEXT.page[locale],
    columnWidths: widths,
    rows,
    titleRow,
    breaksBefore: breaks,
    pages: breaks.length + 1,
    lines: body.length,
    sheetExists: false,
  };
}

// ——————————————————————————————————————————————————————————————————————— reading

function lookup(form: FormDecl, values: readonly string[], where = form.keyField) {
  return { columns: columnsOf(form).map((c) => c.key), rows: { where, equals: values } };
}

/**
 * Reads a record and its lines through any backend and lays it out, in one request: the record by
 * its number, lines kept in another table by the column holding that number, and the record its
 * header joins (a plan's reservation). Throws KefuError when the form has no line layout or the
 * number (or one of its lines, or the joined record) is not in the ledger.
 */
export async function readPrintout(ledger: Ledger, formKey: string, recordNo: string): Promise<Printout> {
  const decl = LINE_PRINTS[formKey];
  const form = findForm(formKey);
  if (!decl || !form) {
    throw new KefuError([{ kind: 'noPrintLayout', params: { table: formKey, printed: Object.keys(LINE_PRINTS).join(', ') } }]);
  }
  const number = recordNo.trim();
  if (number === '') throw new KefuError([{ kind: 'required', form: form.key, field: form.keyField }]);
  const locale = ledger.locale;
  const sheet = printSheetName(form, locale);
  const spec = decl.lines;
  const linesForm = spec.table !== undefined ? findForm(spec.table) : undefined;
  const joinedForm = decl.joined ? findForm(decl.joined.table) : undefined;
  const joinedNo = decl.joined ? decl.joined.number(number) : '';
  const snapshot = await ledger.read({
    tables: {
      [form.key]: lookup(form, [number]),
      ...(spec.table !== undefined && linesForm ? { [linesForm.key]: lookup(linesForm, [number], spec.byField) } : {}),
      ...(joinedForm ? { [joinedForm.key]: lookup(joinedForm, [joinedNo]) } : {}),
    },
    sheets: [sheet],
  });
  const found = snapshot.tables[form.key]?.[0];
  if (!found) throw new KefuError([{ kind: 'recordNotFound', form: form.key, params: { value: number } }]);
  const record = printedRecord(form, found.values, locale);
  let lines: Cells[];
  if (spec.table !== undefined) {
    if (!linesForm) throw new Error(`printLines: no form ${spec.table}`);
    const rows: readonly LedgerRow[] = snapshot.tables[linesForm.key] ?? [];
    const keys = spec.keys ? spec.keys(record) : rows.filter((r) => r.values.voided !== true).map((r) => String(r.values[linesForm.keyField]));
    const byKey = new Map(rows.map((r) => [String(r.values[linesForm.keyField]), r]));
    const missing = keys.filter((k) => !byKey.has(k));
    if (missing.length > 0) throw new KefuError([{ kind: 'recordNotFound', form: linesForm.key, params: { value: missing.join(', ') } }]);
    lines = keys.map((k) => spec.row(printedRecord(linesForm, byKey.get(k)!.values, locale), locale));
  } else {
    lines = spec.items(record).map((item, i) => spec.row(item, i, locale));
  }
  const joinedRow = joinedForm ? snapshot.tables[joinedForm.key]?.[0] : undefined;
  if (joinedForm && !joinedRow) throw new KefuError([{ kind: 'recordNotFound', form: joinedForm.key, params: { value: joinedNo } }]);
  const joined = joinedForm && joinedRow ? printedRecord(joinedForm, joinedRow.values, locale) : undefined;
  return { ...layOutPrintout(decl, record, lines, locale, joined), sheetExists: snapshot.sheets?.[sheet] === true };
}
