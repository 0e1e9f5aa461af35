import { cellFormat, columnWidthPoints, reportTempSheetName, reportWidth } from '../report';
import type { ReportBlock, ReportCell, ReportChart, ReportSheet } from '../types';

/**
 * Report sheets through Office.js: written whole into a hidden temporary sheet and swapped in by
 * the last request (docs/numbering.md, "Report sheets: whole or not at all"). The Office.js
 * backend (officeLedger.ts) plans the requests; this file queues each one's writes.
 */

/**
 * Rows [from, to) of a report sheet. The first part creates the report's hidden temporary sheet
 * (`reportTempSheetName`; removing one a failed run left) and sets its layout; the last part draws
 * its charts and swaps it in: shown, moved to the old sheet's place in the tab order (or the place
 * of the one a failed run left), the old sheet deleted, renamed to the report's name.
 */
export interface SheetPart {
  readonly report: ReportSheet;
  readonly from: number;
  readonly to: number;
  readonly first: boolean;
  /** Whether the sheet existed when the snapshot was read. */
  readonly exists: boolean;
  /** Its place in the tab order then. */
  readonly position: number | undefined;
  /** Whether a failed run left its temporary sheet. */
  readonly leftover: boolean;
}

function reportCellValue(cell: ReportCell | undefined): string | number {
  if (!cell) return '';
  if ('text' in cell) return `'${cell.text}`;
  if ('number' in cell) return cell.number;
  return cell.formula;
}

/**
 * Queues the writes of one part of a report sheet (a few range writes, never one per cell) into its
 * hidden temporary sheet; the last part swaps it in (see SheetPart), so that a report is seen whole
 * or not at all: a failure in an earlier request, or in the last one before its swap, leaves the old
 * sheet as it was. With `show`, the last part activates the sheet and selects its rows.
 */
export function writeSheetPart(context: Excel.RequestContext, part: SheetPart, show = false): void {
  const { report } = part;
  const worksheets = context.workbook.worksheets;
  const tempName = reportTempSheetName(report.name);
  let sheet: Excel.Worksheet;
  if (part.first) {
    if (part.leftover) worksheets.getItem(tempName).delete();
    sheet = worksheets.add(tempName);
    sheet.visibility = 'Hidden';
  } else {
    sheet = worksheets.getItem(tempName);
  }
  const width = reportWidth(report);
  const rows = report.rows.slice(part.from, part.to);
  if (width > 0 && rows.length > 0) {
    const block = sheet.getRangeByIndexes(part.from, 0, rows.length, width);
    block.values = rows.map((row) => Array.from({ length: width }, (_, c) => reportCellValue(row[c])));
    if (rows.some((row) => row.some((cell) => cellFormat(cell) !== 'General'))) {
      block.numberFormat = rows.map((row) => Array.from({ length: width }, (_, c) => (row[c] ? cellFormat(row[c]) : null)));
    }
    for (const r of report.boldRows ?? []) {
      if (r >= part.from && r < part.to) sheet.getRangeByIndexes(r, 0, 1, width).format.font.bold = true;
    }
  }
  if (part.first) {
    (report.columnWidths ?? []).forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = columnWidthPoints(w)));
    if (report.frozenRows) sheet.freezePanes.freezeRows(report.frozenRows);
    else sheet.freezePanes.unfreeze();
  }
  // The charts and filter buttons once the rows are written (the last part), then the swap: shown
  // first, so that a request cut short in the middle leaves a whole sheet in view, old or new.
  if (part.to === report.rows.length) {
    for (const chart of report.charts ?? []) addChart(sheet, chart);
    if (report.autoFilter && width > 0 && report.rows.length > 0) sheet.autoFilter.apply(sheet.getRangeByIndexes(0, 0, report.rows.length, width));
    sheet.visibility = 'Visible';
    if (part.position !== undefined) sheet.position = part.position;
    if (part.exists) worksheets.getItem(report.name).delete();
    sheet.name = report.name;
    if (show) {
      sheet.activate();
      if (width > 0 && report.rows.length > 0) sheet.getRangeByIndexes(0, 0, report.rows.length, width).select();
    }
  }
}

const CHART_TYPES: Record<ReportChart['kind'], Excel.ChartType> = {
  stackedColumns: 'ColumnStacked' as Excel.ChartType,
  stackedBars: 'BarStacked' as Excel.ChartType,
  pareto: 'ColumnClustered' as Excel.ChartType,
};

const blockRange = (sheet: Excel.Worksheet, b: ReportBlock): Excel.Range => sheet.getRangeByIndexes(b.row, b.column, b.rows, b.columns);

/**
 * One native chart over a block of the report (charts API, ExcelApi 1.7–1.8): series by columns,
 * the block's first row naming them; a Pareto's last series is a line on the secondary axis.
 */
function addChart(sheet: Excel.Worksheet, spec: ReportChart): void {
  const chart = sheet.charts.add(CHART_TYPES[spec.kind], blockRange(sheet, spec.source), 'Columns' as Excel.ChartSeriesBy);
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.legend.position = 'Bottom';
  const p = spec.placement;
  chart.setPosition(blockRange(sheet, { row: p.row, column: p.column, rows: 1, columns: 1 }), blockRange(sheet, { row: p.row + p.rows - 1, column: p.column + p.columns - 1, rows: 1, columns: 1 }));
  if (spec.kind === 'pareto') {
    const cumulative = chart.series.getItemAt(spec.source.columns - 2);
    cumulative.chartType = 'Line';
    cumulative.axisGroup = 'Secondary';
  }
}
