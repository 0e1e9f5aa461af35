import ExcelJS from 'exceljs';
import '../ledger/xlsx/exceljsPatch';
import type { Locale, Text } from '../i18n/locale';
import { t } from '../forms/codes';
import { columnsOf, type ColumnDecl } from '../forms/columns';
import { complaintReopenings, complaints, returnVisits } from '../forms/complaints';
import type { FormDecl } from '../forms/types';
import type { BindingResult, EntryState, Volume } from '../domain/binding';
import { codeLabel, codesSeparator, splitCodes, type DomainValue, type RecordValues } from '../ledger/cells';

/**
 * The bound-volume workbook (装订册, brief F6): one sheet per volume, printed A4 portrait —
 * the cover (year, volume, number ranges, count, voids, gaps, not yet archived), the index (every
 * intake number the volume accounts for, once, with its archive number or why it has none), then
 * each ticket and its return-visit form, each on its own pages — a reopened ticket's earlier rounds
 * (each reopening record, with the handling it kept, and the visit that reopened it) follow its
 * return-visit form on the same pages, so that a volume never needs more page breaks than two a
 * ticket (Excel keeps 1,026 a sheet); the volume number and the page
 * number in the footer, pages counted from 1 in every volume. Values are written as plain text
 * cells (never formulas): the workbook is a frozen copy of the records as they were bound.
 */

export const BOUND_TEXT = {
  title: t('投诉处理单及回访表 装订册', '投訴處理單及回訪表 裝訂冊', 'Complaint tickets and return-visit forms — bound volume'),
  year: t('年度', '年度', 'Year'),
  volume: t('册号', '冊號', 'Volume'),
  ticketRange: t('投诉编号范围', '投訴編號範圍', 'Ticket numbers'),
  archiveRange: t('档案号范围', '檔案號範圍', 'Archive numbers'),
  count: t('份数', '份數', 'Tickets'),
  voids: t('其中作废', '其中作廢', 'Of which void'),
  gaps: t('缺号（未发出的编号）', '缺號（未發出的編號）', 'Missing numbers (never issued)'),
  pending: t('尚未归档（下次装订）', '尚未歸檔（下次裝訂）', 'Not archived yet (bound later)'),
  boundBy: t('装订人', '裝訂人', 'Bound by'),
  boundAt: t('装订时间', '裝訂時間', 'Bound at'),
  site: t('项目', '項目', 'Site'),
  none: t('无', '無', 'none'),
  index: t('目录', '目錄', 'Index'),
  archiveNo: t('档案号', '檔案號', 'Archive no.'),
  ticketNo: t('投诉编号', '投訴編號', 'Ticket no.'),
  receivedAt: t('受理时间', '受理時間', 'Received at'),
  note: t('说明', '說明', 'Note'),
  void: t('作废', '作廢', 'VOID'),
  noVisit: t('（作废单据，无回访表）', '（作廢單據，無回訪表）', '(void ticket: no return-visit form)'),
  page: t('第 &P 页', '第 &P 頁', 'Page &P'),
} as const satisfies Record<string, Text>;

const STATE_TEXT: Record<EntryState, Text> = {
  bound: t('已装订', '已裝訂', 'bound'),
  void: t('作废，照常装订', '作廢，照常裝訂', 'VOID, bound as numbered'),
  gap: t('缺号：此编号未发出', '缺號：此編號未發出', 'MISSING: number never issued'),
  pending: t('未归档，下次装订', '未歸檔，下次裝訂', 'not archived yet, bound later'),
  elsewhere: t('装订于 {volume}', '裝訂於 {volume}', 'bound in {volume}'),
};

/** "a：b" in Chinese, "a: b" in English. */
function colon(locale: Locale): string {
  return locale === 'en-US' ? ': ' : '：';
}

export function entryNote(state: EntryState, locale: Locale, volume = '', status = ''): string {
  const base = STATE_TEXT[state][locale].replace('{volume}', volume);
  if (state !== 'pending' || !status) return base;
  const label = codeLabel(complaints.statuses, status, locale);
  return locale === 'en-US' ? `${base} (${label})` : `${base}（${label}）`;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A domain value as the text a clerk would read on paper. */
export function displayValue(column: ColumnDecl, value: DomainValue | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '';
  switch (column.kind) {
    case 'code':
    case 'bool':
      return codeLabel(column.codes ?? [], typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value), locale);
    case 'codes':
      return (Array.isArray(value) ? value : splitCodes(String(value))).map((c) => codeLabel(column.codes ?? [], c, locale)).join(codesSeparator(locale));
    case 'money':
      return (Number(value) / 100).toFixed(2);
    case 'percent':
      return `${Number(value) / 100}%`;
    default:
      return String(value);
  }
}

function list(items: readonly string[], locale: Locale): string {
  return items.length === 0 ? BOUND_TEXT.none[locale] : items.join(locale === 'en-US' ? ', ' : '、');
}

class Writer {
  row = 1;
  constructor(private readonly sheet: ExcelJS.Worksheet) {}

  /** A row of plain text cells from column A; `merge` spans the last cell to column D. */
  line(cells: readonly string[], options: { bold?: boolean; labels?: boolean; size?: number; height?: number; box?: boolean; mergeLast?: boolean; center?: boolean } = {}): void {
    const r = this.row++;
    cells.forEach((value, i) => {
      const cell = this.sheet.getRow(r).getCell(i + 1);
      cell.value = value; // a plain string: exceljs writes it as text, never as a formula
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: options.center ? 'center' : 'left' };
      if (options.bold || (options.labels && i % 2 === 0)) cell.font = { bold: true, size: options.size };
      else if (options.size) cell.font = { size: options.size };
    });
    if (options.mergeLast && cells.length <= 4) this.sheet.mergeCells(r, cells.length, r, 4);
    if (options.box) for (let c = 1; c <= 4; c++) this.sheet.getRow(r).getCell(c).border = BOX;
    if (options.height) this.sheet.getRow(r).height = options.height;
  }

  blank(): void {
    this.row++;
  }

  pageBreak(): void {
    this.sheet.getRow(this.row - 1).addPageBreak();
  }
}

/** A record as it was bound: every field of its form, two short ones a row, long texts across. */
function writeRecord(w: Writer, form: FormDecl, values: RecordValues, heading: string, locale: Locale, voided: boolean): void {
  w.line([heading], { bold: true, size: 14, height: 26, mergeLast: true, center: true });
  if (voided) w.line([`${BOUND_TEXT.void[locale]}${colon(locale)}${String(values.void_reason ?? '')}`], { bold: true, size: 13, mergeLast: true, center: true });
  const columns = columnsOf(form);
  let pair: string[] = [];
  const flush = () => {
    if (pair.length > 0) w.line(pair, { box: true, labels: true });
    pair = [];
  };
  for (const column of columns) {
    const value = displayValue(column, values[column.key], locale);
    if (column.field.type === 'longtext') {
      flush();
      w.line([column.label[locale], value], { box: true, labels: true, mergeLast: true, height: Math.min(120, 18 + 15 * Math.floor([...value].length / 40)) });
      continue;
    }
    pair.push(column.label[locale], value);
    if (pair.length === 4) flush();
  }
  flush();
}

function writeVolume(workbook: ExcelJS.Workbook, volume: Volume, locale: Locale, site: string): void {
  const sheet = workbook.addWorksheet(volume.volumeNo);
  [18, 30, 18, 30].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  const w = new Writer(sheet);
  const L = BOUND_TEXT;

  // Cover
  w.blank();
  w.line([L.title[locale]], { bold: true, size: 18, height: 40, mergeLast: true, center: true });
  if (site) w.line([site], { size: 13, mergeLast: true, center: true });
  w.blank();
  const first = volume.tickets[0]?.archiveNo ?? '';
  const last = volume.tickets[volume.tickets.length - 1]?.archiveNo ?? '';
  const facts: [Text, string][] = [
    [L.year, String(volume.year)],
    [L.volume, volume.volumeNo],
    [L.ticketRange, `${volume.firstTicketNo} – ${volume.lastTicketNo}`],
    [L.archiveRange, `${first} – ${last}`],
    [L.count, String(volume.tickets.length)],
    [L.voids, `${volume.voidCount}${colon(locale)}${list(volume.voids, locale)}`],
    [L.gaps, `${volume.gaps.length}${colon(locale)}${list(volume.gaps, locale)}`],
    [L.pending, `${volume.pending.length}${colon(locale)}${list(volume.pending, locale)}`],
    [L.boundBy, volume.boundBy],
    [L.boundAt, volume.boundAt],
  ];
  for (const [label, value] of facts) {
    const long = [...value].length > 60;
    w.line([label[locale], value], { box: true, labels: true, mergeLast: true, height: long ? Math.min(300, 20 + 15 * Math.ceil([...value].length / 60)) : 22 });
  }
  w.pageBreak();

  // Index
  w.line([`${L.index[locale]} ${volume.volumeNo}`], { bold: true, size: 14, height: 26, mergeLast: true, center: true });
  w.line([L.archiveNo[locale], L.ticketNo[locale], L.receivedAt[locale], L.note[locale]], { bold: true, box: true });
  for (const entry of volume.entries) {
    const archive = entry.state === 'bound' || entry.state === 'void' ? (entry.archiveNo ?? '') : '';
    const note = entryNote(entry.state, locale, entry.archiveNo, entry.status) + (entry.state === 'void' && entry.voidReason ? `${colon(locale)}${entry.voidReason}` : '');
    w.line([archive, entry.ticketNo, entry.receivedAt ?? '', note], { box: true });
  }

  // Each ticket and its return-visit form, each from a new page.
  for (const ticket of volume.tickets) {
    w.pageBreak();
    writeRecord(w, complaints, ticket.ticket, `${complaints.title[locale]}  ${ticket.archiveNo}`, locale, ticket.voided);
    w.pageBreak();
    if (ticket.visit) writeRecord(w, returnVisits, ticket.visit, `${returnVisits.title[locale]}  ${ticket.archiveNo}`, locale, false);
    else w.line([`${returnVisits.title[locale]}  ${ticket.archiveNo}  ${L.noVisit[locale]}`], { bold: true, size: 14, height: 26, mergeLast: true, center: true });
    for (const round of ticket.rounds) {
      w.blank();
      writeRecord(w, complaintReopenings, round.reopening, `${complaintReopenings.title[locale]}  ${String(round.reopening.reopening_no ?? '')}`, locale, false);
      if (round.visit) {
        w.blank();
        writeRecord(w, returnVisits, round.visit, `${returnVisits.title[locale]}  ${String(round.visit.visit_no ?? '')}`, locale, false);
      }
    }
  }

  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    firstPageNumber: 1,
    horizontalCentered: true,
    printArea: `A1:D${w.row - 1}`,
    margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddFooter: `&L${volume.volumeNo.replace(/&/g, '&&')}&C${L.page[locale]}&R${volume.year}`,
  };
}

export interface BoundWorkbookOptions {
  readonly locale: Locale;
  readonly site?: string;
  /** Only these volumes (default: every volume of the result). */
  readonly volumes?: readonly string[];
}

/** The bound-volume workbook of a binding: one sheet per volume. */
export function buildBoundVolumes(result: BindingResult, options: BoundWorkbookOptions): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kefu Ledger';
  const wanted = options.volumes ? new Set(options.volumes) : undefined;
  for (const volume of result.volumes) {
    if (!wanted || wanted.has(volume.volumeNo)) writeVolume(workbook, volume, options.locale, options.site ?? '');
  }
  if (workbook.worksheets.length === 0) {
    const sheet = workbook.addWorksheet(String(result.year));
    sheet.getCell('A1').value = `${BOUND_TEXT.title[options.locale]} ${result.year}: ${BOUND_TEXT.none[options.locale]}`;
  }
  return workbook;
}
