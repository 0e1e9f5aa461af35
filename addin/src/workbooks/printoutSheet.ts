import ExcelJS from 'exceljs';
import { PRINTOUT_STYLES, type Printout } from '../ledger/printLines';
import { setA4Portrait } from './printSheets';

/**
 * A printout of a form with lines (ledger/printLines.ts) drawn by exceljs, as a worksheet of its
 * own: A4 portrait fitted to one page wide, the lines' column header repeated on every page (print
 * titles), the page breaks the layout chose, the form's code, title and clause in the page header
 * and "page n of m" in the footer. The add-in draws the same printout through Office.js
 * (ledger/office/printout.ts); this is the file side (a workbook to print, or a test's PDF).
 */

const GREY = 'FF808080';

/** Text inside a header/footer section ('&' starts a code there). */
function headerText(text: string): string {
  return text.replace(/&/g, '&&');
}

/** Adds the printout as a worksheet of `workbook`; returns it. */
export function addPrintoutSheet(workbook: ExcelJS.Workbook, printout: Printout): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(printout.sheet);
  printout.columnWidths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  const right = printout.columnWidths.length;
  printout.rows.forEach((row, r) => {
    const excelRow = sheet.getRow(r + 1);
    excelRow.height = row.height;
    for (const cell of row.cells) {
      const look = PRINTOUT_STYLES[cell.style];
      const border: Partial<ExcelJS.Border> | undefined = look.border ? { style: look.border, color: { argb: look.border === 'thin' ? GREY : 'FF000000' } } : undefined;
      for (let c = cell.col; c < cell.col + cell.span; c++) {
        const target = excelRow.getCell(c + 1);
        if (border) target.border = { top: border, bottom: border, left: border, right: border };
        target.alignment = { vertical: 'middle', wrapText: true, horizontal: look.align ?? 'left' };
        target.font = { bold: look.bold === true, size: look.size ?? 11, ...(look.grey ? { color: { argb: 'FF595959' } } : {}) };
      }
      // A string is stored as text by exceljs, whatever it looks like (never a formula).
      excelRow.getCell(cell.col + 1).value = cell.text;
      if (cell.span > 1) sheet.mergeCells(r + 1, cell.col + 1, r + 1, cell.col + cell.span);
    }
  });
  for (const row of printout.breaksBefore) sheet.getRow(row).addPageBreak();
  const last = String.fromCharCode(64 + right);
  setA4Portrait(sheet, `A1:${last}${printout.rows.length}`, `${printout.titleRow + 1}:${printout.titleRow + 1}`);
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddHeader: `&L${headerText(printout.header.left)}&C&"-,Bold"${headerText(printout.header.center)}&R${headerText(printout.header.right)}`,
    oddFooter: `&L${headerText(printout.number)}&R${printout.footer}`,
  };
  return sheet;
}

/** A workbook holding only the printout, ready to print. */
export function printoutWorkbook(printout: Printout): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  addPrintoutSheet(workbook, printout);
  return workbook;
}
