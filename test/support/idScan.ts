import ExcelJS from 'exceljs';
import { idNumbersInCells, type CellText } from '../../addin/src/domain/personalData';

/**
 * Issue 13 "Done when": no ID number anywhere in the workbook. Every cell of every worksheet of
 * an .xlsx (hidden ones, the audit log, report sheets included), as text: strings, rich text,
 * hyperlinks' text, formulas' cached results, and whole numbers written out in full (an ID typed
 * as a number is still an ID). Returns where each one is: sheet and address, never the number.
 */
export async function idNumbersInWorkbook(bytes: Uint8Array): Promise<ReturnType<typeof idNumbersInCells>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const cells: CellText[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const text = cellText(cell.value);
        if (text !== '') cells.push({ sheet: sheet.name, address: cell.address, text });
      });
    });
  });
  return idNumbersInCells(cells);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || value instanceof Date) return '';
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText(value.result ?? null);
  return '';
}
