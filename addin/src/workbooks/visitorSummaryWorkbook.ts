import ExcelJS from 'exceljs';
import '../ledger/xlsx/exceljsPatch';
import type { Locale, Text } from '../i18n/locale';
import { SCENIC_DEPARTMENTS, VEHICLE_TYPES, t } from '../forms/codes';
import { accessibilityChecks, broadcasts, freeEntries, loans } from '../forms/visitors';
import type { CodeDecl } from '../forms/types';
import { codeLabel } from '../ledger/cells';
import type { Ratio } from '../domain/statistics';
import { BROADCAST_OUTCOMES, ENTRY_CATEGORIES, LOAN_KINDS, summaryMoment, type VisitorSummary } from '../domain/visitors/visitorSummary';
import { setA4Portrait } from './printSheets';

/**
 * The yearly special-visitor summary for the site's manager, printed on A4 portrait: the headline
 * figures, then one block per procedure (loans, broadcasts, reservations, free entry, postal log,
 * accessibility checks). Counts, money (yuan, 2 decimals), rates and minutes are numbers with
 * their formats; labels are text, never formulas.
 */

const L = {
  title: t('特殊游客服务年度汇总', '特殊遊客服務年度彙總', 'Special-visitor services: yearly summary'),
  sheet: t('特殊游客年度汇总', '特殊遊客年度彙總', 'Special visitors'),
  period: t('统计期间', '統計期間', 'Period'),
  asOf: t('数据截至', '資料截至', 'Figures as of'),
  to: t(' 至 ', ' 至 ', ' to '),
  headline: t('总体数字', '總體數字', 'Headline figures'),
  loansTotal: t('轮椅/婴儿车借出（次）', '輪椅/嬰兒車借出（次）', 'Wheelchairs and strollers lent (times)'),
  damageRate: t('归还损坏率', '歸還損壞率', 'Damage rate of returns'),
  lost: t('遗失车辆', '遺失車輛', 'Vehicles lost'),
  depositsHeld: t('未结清押金（元）', '未結清押金（元）', 'Deposits still held (yuan)'),
  broadcastsTotal: t('广播寻人（次）', '廣播尋人（次）', 'Missing-person broadcasts'),
  median: t('从求助到找到的时间中位数（分钟）', '從求助到找到的時間中位數（分鐘）', 'Median time from request to found (minutes)'),
  served: t('接待预约团体（批）', '接待預約團體（批）', 'Reserved groups served'),
  visitorsServed: t('接待人数', '接待人數', 'Visitors served'),
  freeHeadcount: t('免票放行人数', '免票放行人數', 'Visitors let in free'),
  postalItems: t('代邮件数', '代郵件數', 'Postal items'),
  defectsOpen: t('无障碍设施缺陷未整改', '無障礙設施缺陷未整改', 'Accessibility defects still open'),
  loansBlock: t('轮椅/婴儿车借用（F8、F9）', '輪椅/嬰兒車借用（F8、F9）', 'Wheelchair and stroller loans (F8, F9)'),
  month: t('月份', '月份', 'Month'),
  total: t('合计', '合計', 'Total'),
  returns: t('归还并检查（次）', '歸還並檢查（次）', 'Returned and checked'),
  damaged: t('其中损坏', '其中損壞', 'Of which damaged'),
  depositsReceived: t('收取押金（元）', '收取押金（元）', 'Deposits received (yuan)'),
  depositsRefunded: t('退还押金（元）', '退還押金（元）', 'Deposits refunded (yuan)'),
  depositsKept: t('押金抵扣赔偿（元）', '押金抵扣賠償（元）', 'Deposits kept as compensation (yuan)'),
  compensationPaid: t('另行赔偿（元）', '另行賠償（元）', 'Compensation paid apart (yuan)'),
  rentalFees: t('租金（元）', '租金（元）', 'Rental fees (yuan)'),
  broadcastBlock: t('广播寻人（F10）', '廣播尋人（F10）', 'Missing-person broadcasts (F10)'),
  outcome: t('结果', '結果', 'Outcome'),
  count: t('次数', '次數', 'Count'),
  open: t('未结束', '未結束', 'Still open'),
  readings: t('广播总遍数', '廣播總遍數', 'Readings in all'),
  perRequest: t('平均每次寻人广播遍数', '平均每次尋人廣播遍數', 'Readings per request'),
  closedEarly: t('不足 {n} 遍即结束', '不足 {n} 遍即結束', 'Closed with fewer than {n} readings'),
  reservationBlock: t('预约与接待计划（F11、F12）', '預約與接待計劃（F11、F12）', 'Reservations and reception plans (F11, F12)'),
  received: t('收到预约（批）', '收到預約（批）', 'Reservations received'),
  reservedHeadcount: t('预约人数', '預約人數', 'Visitors reserved'),
  department: t('部门', '部門', 'Department'),
  sent: t('计划份数', '計劃份數', 'Plans sent'),
  late: t('未按时签收或就绪', '未按時簽收或就緒', 'Late to acknowledge or be ready'),
  plansWithLate: t('有部门迟延的接待计划', '有部門延遲的接待計劃', 'Plans with a department late'),
  freeBlock: t('免票放行（F13），按人数', '免票放行（F13），按人數', 'Free entry (F13), in visitors'),
  checks: t('核验记录（条）', '核驗記錄（筆）', 'Checks recorded'),
  normalTickets: t('核验后购票入园（条）', '核驗後購票入園（筆）', 'Checks ending with a normal ticket'),
  normalHeadcount: t('购票入园人数', '購票入園人數', 'Visitors with a normal ticket'),
  gateCounted: t('检票口统计免票人数', '檢票口統計免票人數', 'Free passes counted at the gates'),
  postalBlock: t('代邮（F14）', '代郵（F14）', 'Postal forwarding (F14)'),
  postage: t('邮费（元）', '郵費（元）', 'Postage (yuan)'),
  accessBlock: t('无障碍设施检查（F30）', '無障礙設施檢查（F30）', 'Accessibility checks (F30)'),
  item: t('检查项目', '檢查項目', 'Item'),
  checksCount: t('检查次数', '檢查次數', 'Checks'),
  defects: t('发现缺陷', '發現缺陷', 'Defects found'),
  rectified: t('已整改', '已整改', 'Rectified'),
  openDefects: t('未整改', '未整改', 'Open'),
  preparedBy: t('编制人', '編製人', 'Prepared by'),
  date: t('编制日期', '編製日期', 'Date'),
  page: t('第 &P 页，共 &N 页', '第 &P 頁，共 &N 頁', 'Page &P of &N'),
} as const satisfies Record<string, Text>;

const NONE = '—';
const FORMATS = { count: '#,##0', money: '#,##0.00', rate: '0.0%', minutes: '0.0', decimal: '0.00' } as const;

/** A figure's cell: a number with its format, or a dash when there is nothing to divide. */
type Figure = { readonly count: number } | { readonly fen: number } | { readonly rate: Ratio } | { readonly minutes: number | null } | { readonly ratio: Ratio };

function figureCell(cell: ExcelJS.Cell, figure: Figure): void {
  const set = (value: number | null, format: string) => {
    cell.value = value ?? NONE;
    if (value !== null) cell.numFmt = format;
    cell.alignment = { horizontal: 'right', vertical: 'top' };
  };
  if ('count' in figure) set(figure.count, FORMATS.count);
  else if ('fen' in figure) set(figure.fen / 100, FORMATS.money);
  else if ('rate' in figure) set(figure.rate.den === 0 ? null : figure.rate.num / figure.rate.den, FORMATS.rate);
  else if ('minutes' in figure) set(figure.minutes, FORMATS.minutes);
  else set(figure.ratio.den === 0 ? null : figure.ratio.num / figure.ratio.den, FORMATS.decimal);
}

const codesOf = (form: { fields: readonly { key: string; codes?: readonly CodeDecl[] }[] }, key: string): readonly CodeDecl[] => form.fields.find((f) => f.key === key)?.codes ?? [];

export interface VisitorSummaryWorkbookOptions {
  readonly locale: Locale;
  /** Who compiled the summary and when (the sign-off line). */
  readonly preparedBy: string;
  readonly date: string;
}

function writeSummary(sheet: ExcelJS.Worksheet, summary: VisitorSummary, options: VisitorSummaryWorkbookOptions): void {
  const { locale } = options;
  const s = summary;
  const width = Math.max(6, 2 + 2 * s.loans.types.length);
  sheet.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 24 : 13 }));
  const thin = { style: 'thin' as const };
  const box = { top: thin, left: thin, bottom: thin, right: thin };
  let r = 1;

  /** A row of text cells and figures from column A. */
  const row = (cells: readonly (string | Figure)[], style: { bold?: boolean; box?: boolean } = {}) => {
    const at = sheet.getRow(r);
    cells.forEach((value, i) => {
      const cell = at.getCell(i + 1);
      if (typeof value === 'string') {
        cell.value = value;
        cell.alignment = { vertical: 'top', wrapText: true, horizontal: i === 0 ? 'left' : 'center' };
      } else figureCell(cell, value);
      if (style.bold) cell.font = { bold: true };
      if (style.box) cell.border = box;
    });
    r += 1;
    return at;
  };
  /** A label across the first columns and its figure in the last. */
  const figure = (label: string, value: Figure) => {
    const at = row([label]);
    figureCell(at.getCell(width), value);
    sheet.mergeCells(r - 1, 1, r - 1, width - 1);
    for (let c = 1; c <= width; c++) at.getCell(c).border = box;
  };
  /** A block's title after a blank row; `newPage`: on a page of its own (the two halves of the summary, one per page). */
  const block = (title: Text, newPage = false) => {
    if (newPage) sheet.getRow(r).addPageBreak();
    r += 1;
    row([title[locale]], { bold: true });
  };

  const titleRow = row([`${L.title[locale]}  ${s.year}`], { bold: true });
  titleRow.getCell(1).font = { bold: true, size: 14 };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 28;
  sheet.mergeCells(1, 1, 1, width);
  row([`${L.period[locale]}: ${s.year}-01-01${L.to[locale]}${s.year}-12-31`]);
  sheet.mergeCells(r - 1, 1, r - 1, width);
  if (s.asOf !== summaryMoment(s.year)) {
    row([`${L.asOf[locale]}: ${s.asOf}`]);
    sheet.mergeCells(r - 1, 1, r - 1, width);
  }

  block(L.headline);
  figure(L.loansTotal[locale], { count: s.loans.total });
  figure(L.damageRate[locale], { rate: s.loans.damageRate });
  figure(L.lost[locale], { count: s.loans.lost });
  figure(L.depositsHeld[locale], { fen: s.loans.money.depositsHeld });
  figure(L.broadcastsTotal[locale], { count: s.broadcasts.total });
  figure(L.median[locale], { minutes: s.broadcasts.medianMinutesToFound });
  figure(L.served[locale], { count: s.reservations.served });
  figure(L.visitorsServed[locale], { count: s.reservations.visitorsServed });
  figure(L.freeHeadcount[locale], { count: s.freeEntries.freeHeadcount });
  figure(L.postalItems[locale], { count: s.postal.items });
  figure(L.defectsOpen[locale], { count: s.accessibility.open });

  block(L.loansBlock);
  const kinds = codesOf(loans, 'loan_kind');
  const typeLabel = (type: string) => codeLabel(VEHICLE_TYPES, type, locale);
  const kindColumns = s.loans.types.flatMap((type) => LOAN_KINDS.map((kind) => ({ type, kind })));
  const separator = locale === 'en-US' ? ' ' : '';
  row([L.month[locale], ...kindColumns.map(({ type, kind }) => `${typeLabel(type)}${separator}${codeLabel(kinds, kind, locale).toLowerCase()}`), L.total[locale]], { bold: true, box: true });
  for (const month of s.loans.byMonth) {
    row([`${s.year}-${month.month}`, ...kindColumns.map(({ type, kind }) => ({ count: month.byType[type][kind] })), { count: month.total }], { box: true });
  }
  row([L.total[locale], ...kindColumns.map(({ type, kind }) => ({ count: s.loans.byType[type][kind] })), { count: s.loans.total }], { bold: true, box: true });
  r += 1;
  figure(L.returns[locale], { count: s.loans.returns });
  figure(L.damaged[locale], { count: s.loans.damaged });
  figure(L.damageRate[locale], { rate: s.loans.damageRate });
  figure(L.lost[locale], { count: s.loans.lost });
  const money = s.loans.money;
  figure(L.depositsReceived[locale], { fen: money.depositsReceived });
  figure(L.depositsRefunded[locale], { fen: money.depositsRefunded });
  figure(L.depositsKept[locale], { fen: money.depositsKept });
  figure(L.depositsHeld[locale], { fen: money.depositsHeld });
  figure(L.compensationPaid[locale], { fen: money.compensationPaid });
  figure(L.rentalFees[locale], { fen: money.rentalFees });

  block(L.broadcastBlock);
  const outcomes = codesOf(broadcasts, 'outcome');
  row([L.outcome[locale], L.count[locale]], { bold: true, box: true });
  for (const outcome of BROADCAST_OUTCOMES) row([outcome === 'open' ? L.open[locale] : codeLabel(outcomes, outcome, locale), { count: s.broadcasts.byOutcome[outcome] }], { box: true });
  row([L.total[locale], { count: s.broadcasts.total }], { bold: true, box: true });
  r += 1;
  figure(L.median[locale], { minutes: s.broadcasts.medianMinutesToFound });
  figure(L.readings[locale], { count: s.broadcasts.readings });
  figure(L.perRequest[locale], { ratio: s.broadcasts.readingsPerRequest });
  figure(L.closedEarly[locale].replace('{n}', String(s.broadcasts.minReadings)), { count: s.broadcasts.closedEarly });

  block(L.reservationBlock, true);
  const res = s.reservations;
  figure(L.received[locale], { count: res.received });
  figure(L.reservedHeadcount[locale], { count: res.reservedHeadcount });
  figure(L.served[locale], { count: res.served });
  figure(L.visitorsServed[locale], { count: res.visitorsServed });
  r += 1;
  row([L.department[locale], L.sent[locale], L.late[locale]], { bold: true, box: true });
  for (const line of res.departments) row([codeLabel(SCENIC_DEPARTMENTS, line.department, locale), { count: line.sent }, { count: line.late }], { box: true });
  row([L.total[locale], { count: res.linesSent }, { count: res.linesLate }], { bold: true, box: true });
  figure(L.plansWithLate[locale], { count: res.plansWithLate });

  block(L.freeBlock);
  const categories = codesOf(freeEntries, 'category');
  const free = s.freeEntries;
  row([L.month[locale], ...ENTRY_CATEGORIES.map((c) => codeLabel(categories, c, locale)), L.total[locale]], { bold: true, box: true });
  for (const month of free.byMonth) row([`${s.year}-${month.month}`, ...ENTRY_CATEGORIES.map((c) => ({ count: month.byCategory[c] })), { count: month.total }], { box: true });
  row([L.total[locale], ...ENTRY_CATEGORIES.map((c) => ({ count: free.byCategory[c] })), { count: free.freeHeadcount }], { bold: true, box: true });
  r += 1;
  figure(L.checks[locale], { count: free.checks });
  figure(L.normalTickets[locale], { count: free.normalTickets });
  figure(L.normalHeadcount[locale], { count: free.normalHeadcount });
  figure(L.gateCounted[locale], { count: free.gateCounted });

  block(L.postalBlock);
  figure(L.postalItems[locale], { count: s.postal.items });
  figure(L.postage[locale], { fen: s.postal.postage });

  block(L.accessBlock);
  const items = codesOf(accessibilityChecks, 'item');
  const a = s.accessibility;
  row([L.item[locale], L.checksCount[locale], L.defects[locale], L.rectified[locale], L.openDefects[locale]], { bold: true, box: true });
  for (const line of a.byItem) row([codeLabel(items, line.item, locale), { count: line.checks }, { count: line.defects }, { count: line.rectified }, { count: line.open }], { box: true });
  row([L.total[locale], { count: a.checks }, { count: a.defects }, { count: a.rectified }, { count: a.open }], { bold: true, box: true });

  r += 1;
  row([`${L.preparedBy[locale]}: ${options.preparedBy}    ${L.date[locale]}: ${options.date}`]);
  sheet.mergeCells(r - 1, 1, r - 1, width);

  const last = String.fromCharCode(64 + width);
  setA4Portrait(sheet, `A1:${last}${r - 1}`);
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: `&L${L.title[locale]}&C${L.page[locale]}&R${s.year}` };
}

/** The yearly summary as a workbook of one sheet. */
export function buildVisitorSummaryWorkbook(summary: VisitorSummary, options: VisitorSummaryWorkbookOptions): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kefu Ledger';
  writeSummary(workbook.addWorksheet(`${L.sheet[options.locale]} ${summary.year}`), summary, options);
  return workbook;
}
