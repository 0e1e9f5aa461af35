import type { CellOut } from '../cells';
import { definedRuns } from '../schema';

/** Writing rows of cells through Office.js, and reading back where a used range starts (officeLedger.ts). */

/** User text goes in behind an apostrophe, Excel's own mark for "this is text" (principle 6). */
export function officeCellValue(cell: CellOut): string | number | boolean {
  if (cell === null) return '';
  if (typeof cell === 'object') return `'${cell.text}`;
  return cell;
}

/** The sheet, top-left cell and 0-based row of a used range as Excel gives its address ("'Sheet 1'!B5:C7"). */
export function firstCellOf(used: Excel.Range): { sheet: string; cell: string; row: number } {
  const bang = used.address.lastIndexOf('!');
  const sheet = used.address
    .slice(0, bang)
    .replace(/^'(.*)'$/, '$1')
    .replace(/''/g, "'");
  return {
    sheet,
    cell: used.address
      .slice(bang + 1)
      .split(':')[0]
      .replace(/\$/g, ''),
    row: used.rowIndex,
  };
}

/**
 * Writes rows into `target`, one write per run of our columns so user columns keep their content,
 * and with them, in the same request, the number format of each column that has one to write
 * (`rowFormats`): over the span of the run from its first to its last such column, null (leave as
 * it is) for the others in between, as Office.js documents null in a 2-D `numberFormat`. The values
 * go first, so the format stands whatever Excel does to a row that joins a table.
 */
export function writeRows(target: Excel.Range, rows: readonly (CellOut | undefined)[][], formats: readonly (string | null | undefined)[]): void {
  for (const [start, cells] of definedRuns(rows[0] ?? [])) {
    const block = rows.map((row) => row.slice(start, start + cells.length).map((cell) => officeCellValue(cell ?? null)));
    target.getCell(0, start).getResizedRange(rows.length - 1, cells.length - 1).values = block;
    const span = formattedSpan(formats.slice(start, start + cells.length));
    if (span) {
      const line = span.formats;
      target.getCell(0, start + span.offset).getResizedRange(rows.length - 1, line.length - 1).numberFormat = rows.map(() => line);
    }
  }
}

/** The columns from the first to the last that have a format to write, or null when none has. */
function formattedSpan(formats: readonly (string | null | undefined)[]): { offset: number; formats: (string | null)[] } | null {
  const first = formats.findIndex((f) => typeof f === 'string');
  if (first < 0) return null;
  let last = formats.length - 1;
  while (typeof formats[last] !== 'string') last -= 1;
  return { offset: first, formats: formats.slice(first, last + 1).map((f) => f ?? null) };
}
