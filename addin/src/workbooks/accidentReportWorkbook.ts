import ExcelJS from 'exceljs';
import '../ledger/xlsx/exceljsPatch';
import type { Locale, Text } from '../i18n/locale';
import { SAFETY_TARGETS, t } from '../forms/codes';
import { REPORT_RECIPIENTS, TARGET_QUALIFIERS, accidentVerbalReports } from '../forms/accidents';
import { codeLabel } from '../ledger/cells';
import { joinList } from '../i18n/messages';
import { periodText, type VendorAccidentReport } from '../domain/accidentReports';
import { setA4Portrait } from './printSheets';

/**
 * The printable accident reports (事故月报/年报, F28): one sheet per outsourcing unit, A4 portrait —
 * the title and period, the seven safety targets with their qualifiers and counts, the accidents
 * outside every target, the total (a zero report says so), the list of accidents, and the three
 * recipients, each with a line to sign and date. Plain text cells, never formulas.
 */

const L = {
  monthly: t('事故月报', '事故月報', 'Monthly accident report'),
  yearly: t('事故年报', '事故年報', 'Yearly accident report'),
  zero: t('（零报告）', '（零報告）', ' (zero report)'),
  vendor: t('外包单位', '外包單位', 'Outsourcing unit'),
  reportNo: t('报告编号', '報告編號', 'Report no.'),
  period: t('统计期间', '統計期間', 'Period'),
  reportDate: t('报送日期', '報送日期', 'Report date'),
  no: t('序号', '序號', 'No.'),
  target: t('安全文明施工目标', '安全文明施工目標', 'Safety target'),
  qualifier: t('计入条件', '計入條件', 'Counted when'),
  count: t('起数', '起數', 'Count'),
  outside: t('不计入任何目标的事故', '不計入任何目標的事故', 'Accidents counted against no target'),
  outsideNote: t('已上报，但不属于以上任何目标的计入条件', '已上報，但不屬於以上任何目標的計入條件', 'reported, but outside every target’s qualifier'),
  total: t('事故总数', '事故總數', 'Accidents in all'),
  zeroNote: t('本期未发生事故，零报告', '本期未發生事故，零報告', 'No accident in the period: zero report'),
  list: t('事故清单', '事故清單', 'Accidents'),
  accidentNo: t('事故编号', '事故編號', 'Accident no.'),
  whenWhere: t('发生时间及地点', '發生時間及地點', 'When and where'),
  summary: t('简要情况', '簡要情況', 'Summary'),
  status: t('状态', '狀態', 'Status'),
  targets: t('计入目标', '計入目標', 'Counted against'),
  none: t('无', '無', 'none'),
  noTarget: t('不计入目标', '不計入目標', 'no target'),
  notWritten: t('书面报告未交，待定', '書面報告未交，待定', 'written report pending'),
  recipients: t('报送对象', '報送對象', 'Sent to'),
  signedBy: t('签收人', '簽收人', 'Received by'),
  signedOn: t('签收日期', '簽收日期', 'Date'),
  preparedBy: t('填报人', '填報人', 'Prepared by'),
  page: t('第 &P 页，共 &N 页', '第 &P 頁，共 &N 頁', 'Page &P of &N'),
  to: t(' 至 ', ' 至 ', ' to '),
} as const satisfies Record<string, Text>;

const COLUMNS = [14, 26, 40, 12, 20];
const LINE = '__________________';

function lastDay(year: number, month: number): string {
  return String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0');
}

function periodRange(report: VendorAccidentReport, locale: Locale): string {
  const { period } = report;
  const from = period.kind === 'monthly' ? `${periodText(period)}-01` : `${period.year}-01-01`;
  const to = period.kind === 'monthly' ? `${periodText(period)}-${lastDay(period.year, period.month!)}` : `${period.year}-12-31`;
  return `${from}${L.to[locale]}${to}`;
}

/** A sheet name from a unit's code: the characters Excel refuses replaced, at most 31. */
function sheetName(vendor: string, taken: Set<string>): string {
  const base = (vendor.replace(/[:\\/?*[\]]/g, '_').trim() || '_').slice(0, 28);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}~${n}`;
  taken.add(name.toLowerCase());
  return name;
}

export interface AccidentWorkbookOptions {
  readonly locale: Locale;
  /** Who prepared the reports and when (the sign-off line). */
  readonly preparedBy: string;
  readonly date: string;
  /** The F28 numbers recorded for each unit (with --record). */
  readonly numbers?: Readonly<Record<string, string>>;
}

function writeReport(sheet: ExcelJS.Worksheet, report: VendorAccidentReport, options: AccidentWorkbookOptions): void {
  const { locale } = options;
  sheet.columns = COLUMNS.map((width) => ({ width }));
  const thin = { style: 'thin' as const };
  const box = { top: thin, left: thin, bottom: thin, right: thin };
  let r = 1;
  const line = (cells: readonly string[], style: { bold?: boolean; box?: boolean; size?: number; merge?: [number, number][] } = {}) => {
    const row = sheet.getRow(r);
    cells.forEach((text, i) => {
      const cell = row.getCell(i + 1);
      cell.value = text;
      cell.alignment = { vertical: 'top', wrapText: true };
      if (style.bold || style.size) cell.font = { bold: style.bold, size: style.size };
    });
    if (style.box) for (let c = 1; c <= COLUMNS.length; c++) row.getCell(c).border = box;
    for (const [from, to] of style.merge ?? []) sheet.mergeCells(r, from, r, to);
    r += 1;
    return row;
  };

  const kind = report.period.kind === 'monthly' ? L.monthly : L.yearly;
  const title = line([`${report.vendor}  ${kind[locale]}  ${periodText(report.period)}${report.zero ? L.zero[locale] : ''}`], { bold: true, size: 14, merge: [[1, 5]] });
  title.height = 28;
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  line([L.vendor[locale], report.vendor, '', L.reportNo[locale], options.numbers?.[report.vendor] ?? ''], { merge: [[2, 3]] });
  line([L.period[locale], periodRange(report, locale), '', L.reportDate[locale], options.date], { merge: [[2, 3]] });
  r += 1;
  line([L.no[locale], L.target[locale], L.qualifier[locale], L.count[locale], ''], { bold: true, box: true, merge: [[4, 5]] });
  SAFETY_TARGETS.forEach((target, i) => {
    line([String(i + 1), target.label[locale], TARGET_QUALIFIERS[target.code][locale], String(report.counts[target.code] ?? 0), ''], { box: true, merge: [[4, 5]] });
  });
  line(['', L.outside[locale], L.outsideNote[locale], String(report.outsideTargets), ''], { box: true, merge: [[4, 5]] });
  line(['', L.total[locale], report.zero ? L.zeroNote[locale] : '', String(report.total), ''], { bold: true, box: true, merge: [[4, 5]] });
  r += 1;

  line([L.list[locale]], { bold: true });
  line([L.accidentNo[locale], L.whenWhere[locale], L.summary[locale], L.status[locale], L.targets[locale]], { bold: true, box: true });
  if (report.accidents.length === 0) line([L.none[locale], '', '', '', ''], { box: true, merge: [[1, 5]] });
  for (const accident of report.accidents) {
    const targets = !accident.written
      ? L.notWritten[locale]
      : accident.targets.length === 0
        ? L.noTarget[locale]
        : joinList(
            accident.targets.map((code) => codeLabel(SAFETY_TARGETS, code, locale)),
            locale,
          );
    line([accident.accidentNo, `${accident.occurredAt}\n${accident.place}`, accident.summary, codeLabel(accidentVerbalReports.statuses, accident.status, locale), targets], { box: true });
  }
  r += 1;

  line([L.no[locale], L.recipients[locale], L.signedBy[locale], L.signedOn[locale], ''], { bold: true, box: true, merge: [[4, 5]] });
  REPORT_RECIPIENTS.forEach((recipient, i) => {
    const row = line([String(i + 1), recipient.label[locale], LINE, LINE, ''], { box: true, merge: [[4, 5]] });
    row.height = 30;
  });
  r += 1;
  line([L.preparedBy[locale], options.preparedBy, '', L.reportDate[locale], options.date], { merge: [[2, 3]] });

  setA4Portrait(sheet, `A1:E${r - 1}`);
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: `&L${report.vendor.replace(/&/g, '&&')}&C${L.page[locale]}&R${periodText(report.period)}` };
}

/** The printable reports: one sheet per outsourcing unit, in the order given. */
export function buildAccidentReportWorkbook(reports: readonly VendorAccidentReport[], options: AccidentWorkbookOptions): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kefu Ledger';
  const taken = new Set<string>();
  for (const report of reports) writeReport(workbook.addWorksheet(sheetName(report.vendor, taken)), report, options);
  return workbook;
}
