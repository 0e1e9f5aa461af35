/**
 * What Excel does to a table's neighbourhood when rows or columns are inserted into it
 * (`table.rows.add`, `table.columns.add`, `tableColumn.name`): cells below or right of it move,
 * tables wholly in the way move with them, a table only partly in the way blocks the insert.
 */

import { MAX_ROWS, rect } from '../address';
import { HostError, HostNotImplemented, invalidArgument, invalidOperation, itemNotFound } from '../errors';
import { sameName } from './cell';
import { writeRange } from './rangeEdits';
import { type HostTable, type HostWorksheet, normalizeHeaders } from './worksheet';

/**
 * Inserts `count` sheet rows at `atRow` within columns left..right, shifting the cells below
 * (and tables wholly within those columns) down. A table that straddles the columns blocks it.
 */
export function shiftForInsert(ws: HostWorksheet, atRow: number, left: number, right: number, count: number, growing: HostTable | null): void {
  const moving: HostTable[] = [];
  for (const t of ws.tables) {
    if (t === growing) continue;
    const tr = t.rect;
    if (tr.bottom < atRow || tr.right < left || tr.left > right) continue;
    const inside = tr.left >= left && tr.right <= right && tr.top >= atRow;
    if (!inside) {
      throw invalidOperation(`The operation would shift cells of table "${t.name}" partly; Excel does not allow that.`);
    }
    moving.push(t);
  }
  ws.shiftRows(atRow, left, right, count);
  for (const t of moving) t.top += count;
}

/**
 * `table.rows.add(index, values, alwaysInsert)`: inserts rows into the body before body row `index`
 * (at the end when null, undefined or -1, as the reference says), shifting cells below the table
 * within its columns down. New rows take the number formats of the row above them.
 *
 * `alwaysInsert` false (ExcelApi 1.15) "adds the rows below the table": at the end, over rows below
 * it that are empty within its columns, the table grows over them and nothing moves (what VBA's
 * ListRows.Add documents for the same flag). Where those rows are not empty, or the rows go
 * elsewhere than the end, the reference does not say what happens: HostNotImplemented.
 */
export function insertTableRows(t: HostTable, index: number | null | undefined, values: unknown, alwaysInsert: boolean | null | undefined = true): void {
  const body = t.bodyRowCount;
  const at = index === null || index === undefined || index === -1 ? body : index;
  if (!Number.isInteger(at) || at < 0 || at > body) throw invalidArgument(`Row index ${String(index)} is outside the table body (0..${body}).`);
  if (alwaysInsert !== null && alwaysInsert !== undefined && typeof alwaysInsert !== 'boolean') throw invalidArgument('alwaysInsert must be true or false.');
  let count = 1;
  if (values !== undefined && values !== null) {
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => Array.isArray(v) && v.length === t.columnCount)) {
      throw invalidArgument(`The values for the new rows must be a 2-D array with ${t.columnCount} columns per row.`);
    }
    count = values.length;
  }
  const atRow = t.top + 1 + at;
  if (t.rect.bottom + count >= MAX_ROWS) throw new HostError('NonBlankCellOffSheet', 'The table would grow off the sheet.');
  if (alwaysInsert === false) {
    const right = t.left + t.columnCount - 1;
    if (at !== body) throw new HostNotImplemented('Excel.TableRowCollection.add', 'alwaysInsert false with rows inside the table (the reference does not say what it does)');
    const filled = [...ws(t).cellsIn(rect(atRow, t.left, atRow + count - 1, right))].some(([, , c]) => (c.value !== null && c.value !== '') || c.formula !== undefined);
    if (filled) throw new HostNotImplemented('Excel.TableRowCollection.add', 'alwaysInsert false over cells below the table that are not empty (the reference does not say what it does)');
  } else {
    shiftForInsert(ws(t), atRow, t.left, t.left + t.columnCount - 1, count, t);
  }
  t.rowCount += count;
  const formatRow = atRow - 1; // the header when inserting at 0 — Excel then copies the first body row's format
  const sourceRow = at === 0 ? atRow + count : formatRow;
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < t.columnCount; c++) {
      const src = sourceRow <= t.rect.bottom ? ws(t).cell(sourceRow, t.left + c) : undefined;
      const fmt = src?.numberFormat ?? 'General';
      ws(t).setCell(atRow + i, t.left + c, { value: null, numberFormat: fmt, style: src?.style });
    }
  }
  if (values !== undefined && values !== null) {
    writeRange(ws(t), rect(atRow, t.left, atRow + count - 1, t.left + t.columnCount - 1), values, 'values');
  }
}

/**
 * `table.columns.add(index, values, name)`: inserts a column before column `index` (at the end
 * when null, undefined or -1), shifting the cells of the table's rows to the right. `values`
 * includes the header row; `name` (when given) overrides the header.
 */
export function addTableColumn(t: HostTable, index: number | null | undefined, values: unknown, name: string | undefined): number {
  const at = index === null || index === undefined || index === -1 ? t.columnCount : index;
  if (!Number.isInteger(at) || at < 0 || at > t.columnCount) throw invalidArgument(`Column index ${String(index)} is outside the table (0..${t.columnCount}).`);
  if (values !== undefined && values !== null) {
    if (!Array.isArray(values) || values.length !== t.rowCount || !values.every((v) => Array.isArray(v) && v.length === 1)) {
      throw invalidArgument(`The values for the new column must be a 2-D array of ${t.rowCount} rows × 1 column (header included).`);
    }
  }
  const sheet = ws(t);
  const col = t.left + at;
  const tr = t.rect;
  const moving: HostTable[] = [];
  for (const o of sheet.tables) {
    if (o === t) continue;
    const r = o.rect;
    if (r.right < col || r.bottom < tr.top || r.top > tr.bottom) continue;
    if (!(r.top >= tr.top && r.bottom <= tr.bottom && r.left >= col)) {
      throw invalidOperation(`The operation would shift cells of table "${o.name}" partly; Excel does not allow that.`);
    }
    moving.push(o);
  }
  sheet.shiftColumns(col, tr.top, tr.bottom, 1);
  for (const o of moving) o.left += 1;
  t.columnCount += 1;
  const existingNames = new Set(t.headerNames().map((n) => n.toUpperCase()));
  let header = name ?? (Array.isArray(values) ? String((values as unknown[][])[0][0] ?? '') : '');
  if (header === '') {
    let k = t.columnCount;
    while (existingNames.has(`COLUMN${k}`)) k++;
    header = `Column${k}`;
  }
  sheet.setCell(t.top, col, { value: header, numberFormat: 'General' });
  if (Array.isArray(values) && t.rowCount > 1) {
    writeRange(sheet, rect(t.top + 1, col, t.top + t.rowCount - 1, col), (values as unknown[][]).slice(1), 'values');
  }
  normalizeHeaders(t);
  return at;
}

/** `tableColumn.name = …`: header cells are text, unique within the table. */
export function renameTableColumn(t: HostTable, index: number, name: string): void {
  if (index >= t.columnCount) throw itemNotFound('The table column no longer exists.');
  const others = t.headerNames().filter((_, i) => i !== index);
  if (name === '' || others.some((n) => sameName(n, name))) throw invalidArgument(`"${name}" cannot name a column of table "${t.name}" (empty or already used).`);
  const existing = t.worksheet.cell(t.top, t.left + index);
  t.worksheet.setCell(t.top, t.left + index, { value: name, numberFormat: existing?.numberFormat ?? 'General', style: existing?.style });
}

function ws(t: HostTable): HostWorksheet {
  return t.worksheet;
}
