import type { Locale } from '../../i18n/locale';
import type { CellIn } from '../cells';
import { columnForHeader, rowToRecord } from '../schema';
import type { LedgerRow, TableQuery } from '../types';

/**
 * The rows of a table that share a value (a team's gear, an order's installation sheets, a typed-in
 * number checked for a duplicate), read in the request of the rest of the snapshot: the cells
 * holding each value on the table's sheet (Worksheet.findAllOrNullObject), widened to their rows
 * within the table's body. Only those rows are transferred; rows where the value stands in another
 * column are dropped when the answer comes (`matchingRows`).
 */

/** A value as Excel's find takes it literally: its wildcards (* ?) and their escape (~) escaped. */
function searchText(value: string): string {
  return value.replace(/[~*?]/g, (c) => `~${c}`);
}

/** Queues the search of each value; one RangeAreas (or a null object) per value. */
export function queueMatchingRows(table: Excel.Table, values: readonly string[]): Excel.RangeAreas[] {
  const sheet = table.worksheet;
  return values.map((value) => {
    const rows = sheet.findAllOrNullObject(searchText(value), { completeMatch: true, matchCase: true }).getEntireRow().getIntersectionOrNullObject(table.getDataBodyRange());
    rows.areas.load('items/values,items/rowIndex');
    return rows;
  });
}

/** After the request: the rows whose `where` column holds one of the values, once each, top to bottom. */
export function matchingRows(key: string, query: TableQuery, headers: readonly unknown[], matching: readonly Excel.RangeAreas[], locale: Locale): LedgerRow[] {
  if (query.rows === 'all') return [];
  const where = headers.findIndex((h) => columnForHeader(key, String(h), locale)?.key === (query.rows as { where: string }).where);
  const wanted = new Set(query.rows.equals);
  const rows = new Map<number, LedgerRow>();
  for (const areas of matching) {
    if (areas.isNullObject) continue;
    for (const area of areas.areas.items) {
      area.values.forEach((cells, i) => {
        const row = area.rowIndex + i;
        if (rows.has(row) || where < 0 || !wanted.has(String(cells[where] ?? ''))) return;
        rows.set(row, { ref: { table: key, row }, values: rowToRecord(key, headers.map(String), cells as CellIn[], locale, query.columns) });
      });
    }
  }
  return [...rows.values()].sort((a, b) => a.ref.row - b.ref.row);
}
