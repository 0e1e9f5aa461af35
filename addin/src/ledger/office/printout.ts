import { columnWidthPoints } from '../report';
import { PRINTOUT_STYLES, type Printout, type PrintoutRow } from '../printLines';
import type { PrintRequest } from '../print';
import { officeCellValue, type ExcelRun } from './officeLedger';

/**
 * The add-in's Print action for a form with lines (ledger/printLines.ts): the printout drawn into
 * its print sheet through Office.js, in one request — the sheet replaced by a new one of the same
 * name (so nothing of the previous record's merges, breaks or rows stays), A4 portrait fitted to one
 * page wide, the column widths, the texts (each behind Excel's text apostrophe, principle 6), the
 * merges, fonts, alignments and borders (consecutive rows of the same shape formatted as one range),
 * the row heights, the page breaks the layout chose, the lines' column header as print titles, the
 * header and footer; then the sheet is shown. workbooks/printoutSheet.ts draws the same with exceljs.
 */

const BLACK = '#000000';
const GREY = '#808080';

/** Consecutive rows whose cells have the same columns, spans and styles: formatted together. */
function runsOf(rows: readonly PrintoutRow[]): { from: number; to: number }[] {
  const shape = (row: PrintoutRow) => row.cells.map((c) => `${c.col}:${c.span}:${c.style}`).join('|');
  const runs: { from: number; to: number }[] = [];
  rows.forEach((row, r) => {
    const last = runs[runs.length - 1];
    if (last && shape(rows[last.to]) === shape(row) && rows[last.to].height === row.height) last.to = r;
    else runs.push({ from: r, to: r });
  });
  return runs;
}

/** The printout's sheet, drawn and shown (replacing the sheet of that name the read found). */
export async function showPrintout(run: ExcelRun, printout: Printout): Promise<void> {
  await run(async (context) => {
    const sheets = context.workbook.worksheets;
    if (printout.sheetExists) sheets.getItem(printout.sheet).delete();
    const sheet = sheets.add(printout.sheet);
    const width = printout.columnWidths.length;
    const height = printout.rows.length;

    printout.columnWidths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = columnWidthPoints(w)));
    const values = printout.rows.map((row) => {
      const line: (string | number | boolean)[] = Array.from({ length: width }, () => '');
      for (const cell of row.cells) if (cell.text !== '') line[cell.col] = officeCellValue({ text: cell.text });
      return line;
    });
    const all = sheet.getRangeByIndexes(0, 0, height, width);
    all.values = values;
    all.format.verticalAlignment = 'Center';
    all.format.wrapText = true;

    for (const { from, to } of runsOf(printout.rows)) {
      const rows = to - from + 1;
      sheet.getRangeByIndexes(from, 0, rows, 1).format.rowHeight = printout.rows[from].height;
      for (const cell of printout.rows[from].cells) {
        const look = PRINTOUT_STYLES[cell.style];
        const range = sheet.getRangeByIndexes(from, cell.col, rows, cell.span);
        if (cell.span > 1) range.merge(true);
        if (look.bold) range.format.font.bold = true;
        if (look.size) range.format.font.size = look.size;
        if (look.grey) range.format.font.color = '#595959';
        if (look.align === 'center') range.format.horizontalAlignment = 'Center';
        if (look.border) {
          const edges: Excel.BorderIndex[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as Excel.BorderIndex[];
          if (rows > 1) edges.push('InsideHorizontal' as Excel.BorderIndex);
          for (const edge of edges) {
            const border = range.format.borders.getItem(edge);
            border.style = 'Continuous';
            border.weight = look.border === 'medium' ? 'Medium' : 'Thin';
            border.color = look.border === 'medium' ? BLACK : GREY;
          }
        }
      }
    }

    for (const row of printout.breaksBefore) sheet.horizontalPageBreaks.add(sheet.getRangeByIndexes(row, 0, 1, 1));
    const layout = sheet.pageLayout;
    layout.paperSize = 'A4';
    layout.orientation = 'Portrait';
    layout.centerHorizontally = true;
    layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    layout.setPrintArea(all);
    layout.setPrintTitleRows(`$${printout.titleRow + 1}:$${printout.titleRow + 1}`);
    const headers = layout.headersFooters.defaultForAllPages;
    const escape = (text: string) => text.replace(/&/g, '&&');
    headers.leftHeader = escape(printout.header.left);
    headers.centerHeader = `&"-,Bold"${escape(printout.header.center)}`;
    headers.rightHeader = escape(printout.header.right);
    headers.leftFooter = escape(printout.number);
    headers.rightFooter = printout.footer;
    sheet.activate();
    sheet.getRangeByIndexes(0, 0, 1, 1).select();
    await context.sync();
  });
}

/**
 * The add-in's Print action (docs/printing-and-binding.md): the record number into its print
 * sheet's input cell — the cell's Text format and the number in one write each, so the number is
 * stored as the text it is — then the sheet shown with the cell selected. One request; the sheet's
 * formulas do the rest.
 */
export async function showOnPrintSheet(run: ExcelRun, request: PrintRequest): Promise<void> {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(request.sheet);
    const input = sheet.getRange(request.address);
    input.numberFormat = [[request.numberFormat]];
    input.values = [[request.value]];
    sheet.activate();
    input.select();
    await context.sync();
  });
}
