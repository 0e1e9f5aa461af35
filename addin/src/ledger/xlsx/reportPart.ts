import { cellFormat, reportWidth } from '../report';
import type { ReportSheet } from '../types';
import { cellXml, columnLetters, escapeXml } from './sheetXml';
import type { SegmentCutter } from './segmentCutter';
import type { StyleBook } from './xmlParts';

/**
 * A report sheet (ledger/report.ts) as a worksheet part of its own, for the part-level backend:
 * the same cells, number formats, bold rows, column widths, frozen rows, filter buttons and data
 * bars as the exceljs backend writes (exceljs cannot draw charts, nor can this: the counts get
 * data bars; Excel's charts come from the add-in). Elements of the sheet it replaces that are not
 * the report's own — the drawing holding the add-in's charts, comments' VML — are kept.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export async function writeReportPart(cutter: SegmentCutter, report: ReportSheet, styles: StyleBook, kept: readonly string[]): Promise<void> {
  const width = Math.max(1, reportWidth(report));
  const rowCount = report.rows.length;
  const bold = new Set(report.boldRows ?? []);
  const frozen = report.frozenRows ?? 0;
  const pane = frozen > 0 ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>` : '';
  const cols = (report.columnWidths ?? []).map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  cutter.emit(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
      `<dimension ref="A1${rowCount > 0 ? `:${columnLetters(width)}${rowCount}` : ''}"/>` +
      `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
      (cols ? `<cols>${cols}</cols>` : '') +
      '<sheetData>',
    0,
  );
  for (let r = 0; r < rowCount; r++) {
    const cells = report.rows[r];
    const isBold = bold.has(r);
    let xml = '';
    const last = isBold ? Math.max(width, cells.length) : cells.length;
    for (let c = 0; c < last; c++) {
      const cell = cells[c] ?? null;
      const ref = `${columnLetters(c + 1)}${r + 1}`;
      if (cell === null) {
        if (isBold) xml += cellXml('', ref, styles.reportStyle('General', true), { value: null });
        continue;
      }
      const style = styles.reportStyle(cellFormat(cell), isBold);
      if ('text' in cell) xml += cellXml('', ref, style, { value: { text: cell.text } });
      else if ('number' in cell) xml += cellXml('', ref, style, { value: cell.number });
      else xml += cellXml('', ref, style, { formula: cell.formula.slice(1) });
    }
    cutter.emitText(`<row r="${r + 1}">${xml}</row>`, r + 1);
    await cutter.cut(false);
  }
  let tail = '</sheetData>';
  if (report.autoFilter && rowCount > 0) tail += `<autoFilter ref="A1:${columnLetters(width)}${rowCount}"/>`;
  (report.dataBars ?? []).forEach((block, i) => {
    const ref = `${columnLetters(block.column + 1)}${block.row + 1}:${columnLetters(block.column + block.columns)}${block.row + block.rows}`;
    tail += `<conditionalFormatting sqref="${escapeXml(ref)}"><cfRule type="dataBar" priority="${i + 1}"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF5B9BD5"/></dataBar></cfRule></conditionalFormatting>`;
  });
  tail += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  tail += kept.join('');
  tail += '</worksheet>';
  cutter.emit(tail, 0);
  await cutter.cut(true, true);
}
