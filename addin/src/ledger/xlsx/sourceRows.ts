import ExcelJS from 'exceljs';

/**
 * The rows of an .xlsx given to an import: its first visible sheet, cell by cell. Dates stay
 * dates (the import reads the time too); rich text, formulas and links give the text shown.
 * Shared by `kefu import` and the task pane (which loads it, and exceljs, only for .xlsx files).
 */
export async function xlsxSourceRows(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = cell.value;
      cells[col - 1] = v && typeof v === 'object' && !(v instanceof Date) ? cell.text : v;
    });
    rows[number - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}
