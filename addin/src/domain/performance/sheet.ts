import { t } from '../../forms/codes';
import type { Locale, Text } from '../../i18n/locale';
import { columnLetters, reportFormula } from '../../ledger/report';
import type { ReportCell, ReportSheet } from '../../ledger/types';
import { ITEM_NAMES, type MonthResult } from './compute';
import { toDecimal } from './exact';

/**
 * The performance sheet of a month (绩效考核表, F29): one block per worker — a title row with the
 * worker's net as a SUM formula over the lines, a row per item line, and under each line the
 * days or orders behind it (the drill-down) with their own rates and source rows. Written through
 * the ledger's report-sheet part, so the add-in (Office.js) and the command line make the same sheet.
 */

const LABELS = {
  title: t('绩效考核表', '績效考核表', 'Performance sheet'),
  rules: t('规则版本', '規則版本', 'Rule version'),
  headers: [
    t('工号', '工號', 'Worker id'),
    t('姓名', '姓名', 'Name'),
    t('班组', '班組', 'Team'),
    t('外包单位', '外包單位', 'Vendor'),
    t('项目代码', '項目代碼', 'Item code'),
    t('项目 / 明细', '項目 / 明細', 'Item / detail'),
    t('基数', '基數', 'Base'),
    t('比例', '比例', 'Rate'),
    t('金额', '金額', 'Amount'),
    t('依据', '依據', 'Basis'),
    t('原因 / 说明', '原因 / 說明', 'Reason / note'),
    t('来源行', '來源列', 'Source row'),
  ],
  net: t('月度合计', '月度合計', 'Month net'),
  total: t('全部人员合计', '全部人員合計', 'All workers'),
} satisfies Record<string, Text | Text[]>;

/** The sheet's name for a month: "绩效 2025-03" (at most 31 characters). */
export function performanceSheetName(month: string, locale: Locale): string {
  return `${t('绩效', '績效', 'Perf')[locale]} ${month}`;
}

export function performanceSheet(result: MonthResult, locale: Locale): ReportSheet {
  const text = (value: string): ReportCell => ({ text: value });
  const money = (fen: number): ReportCell => ({ number: fen / 100, format: '#,##0.00' });
  const rate = (value: string): ReportCell => ({ number: Number(value), format: '0.00%' });
  const rows: ReportCell[][] = [
    [text(`${LABELS.title[locale]} ${result.month}`), null, null, null, null, text(`${LABELS.rules[locale]}: ${result.ruleVersion}`)],
    LABELS.headers.map((h) => text(h[locale])),
  ];
  const bold = [0, 1];
  const netCells: string[] = [];
  for (const { worker, lines } of result.workers) {
    const titleRow = rows.length;
    bold.push(titleRow);
    const title: ReportCell[] = [text(worker.workerId), text(worker.name), text(worker.teamCode), text(worker.vendorCode), null, text(LABELS.net[locale]), null, null, null];
    rows.push(title);
    const amountRows: number[] = [];
    for (const line of lines) {
      amountRows.push(rows.length);
      rows.push([
        null,
        null,
        null,
        null,
        text(line.itemCode),
        text(ITEM_NAMES[line.itemCode][locale]),
        money(line.baseFen),
        rate(toDecimal(line.rate, 6)),
        money(line.amountFen),
        text(line.basisRef),
        text(line.reason[locale]),
      ]);
      for (const e of line.evidence) {
        rows.push([null, null, null, null, null, text(`  ${e.ref}`), null, e.rate ? rate(toDecimal(e.rate, 6)) : null, null, null, text(e.detail[locale]), e.row ? { number: e.row } : null]);
      }
    }
    const amountColumn = columnLetters(9);
    title[8] = amountRows.length ? reportFormula(`=${amountRows.map((r) => `${amountColumn}${r + 1}`).join('+')}`, '#,##0.00') : money(0);
    netCells.push(`${amountColumn}${titleRow + 1}`);
  }
  bold.push(rows.length);
  const totalFen = result.workers.reduce((s, w) => s + w.netFen, 0);
  rows.push([
    null,
    null,
    null,
    null,
    null,
    text(LABELS.total[locale]),
    null,
    null,
    netCells.length > 0 && netCells.length <= 200 ? reportFormula(`=${netCells.join('+')}`, '#,##0.00') : money(totalFen),
  ]);
  return {
    name: performanceSheetName(result.month, locale),
    rows,
    columnWidths: [12, 10, 8, 10, 11, 24, 12, 10, 12, 28, 40, 9],
    frozenRows: 2,
    boldRows: bold,
  };
}
