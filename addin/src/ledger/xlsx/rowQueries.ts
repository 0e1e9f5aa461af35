import { KefuError } from '../../core/problems';
import { findForm } from '../../forms';
import type { Locale } from '../../i18n/locale';
import { isBlankRow, type CellIn } from '../cells';
import { COUNTERS_TABLE, parseCounterState } from '../layout';
import { columnForHeader, rowToRecord, mustFindEach } from '../schema';
import type { LedgerRow } from '../types';
import type { OpenPackage } from './openPackage';
import type { PartReader } from './partReader';
import { writeValue, type TableState } from './packageState';
import { cellContent, type RawCell } from './sheetXml';

/**
 * The rows a snapshot asks of a table (packageLedger.ts `read`), found by streaming its sheet: all
 * of them, or those whose key is one of a few; and a series' counter. Each as it is now: the file's
 * rows with this session's edits.
 */

/** Every non-blank body row of a table, as it is now: the file's rows streamed, with this session's edits. */
export async function allRows(reader: PartReader, locale: Locale, key: string, table: TableState, headers: readonly string[], columns: readonly string[]): Promise<LedgerRow[]> {
  const { left, right, top } = table.fileArea;
  const prefix = await reader.prefixOf(table.sheet);
  const wantedColumns = headers.map((h) => {
    const column = columnForHeader(key, h, locale);
    return column && columns.includes(column.key) ? column : undefined;
  });
  const pending: { row: number; contents: ({ value: CellIn } | { shared: number } | undefined)[]; others: number[] }[] = [];
  // Cells of columns not asked for matter only to tell a blank row: their shared strings are looked up too.
  if (table.fileArea.bottom > top) {
    await reader.scanSheet(table.sheet, top + 1, table.fileArea.bottom, (row, cells) => {
      const contents: ({ value: CellIn } | { shared: number } | undefined)[] = new Array(right - left + 1).fill(undefined);
      const others: number[] = [];
      let any = false;
      for (const cell of cells) {
        if (cell.column < left || cell.column > right) continue;
        const content = cellContent(cell, prefix);
        if (wantedColumns[cell.column - left]) contents[cell.column - left] = content;
        else if ('shared' in content) others.push(content.shared);
        else if (content.value === null || content.value === '') continue;
        any = true;
      }
      if (any) pending.push({ row, contents, others });
    });
  }
  const strings = await reader.shared.lookUp(pending.flatMap((p) => [...p.others, ...p.contents.flatMap((c) => (c && 'shared' in c ? [c.shared] : []))]));
  const rows: LedgerRow[] = [];
  const byRow = new Map<number, CellIn[]>();
  for (const p of pending) {
    const cells = p.contents.map((c) => (c === undefined ? null : 'shared' in c ? (strings.get(c.shared) ?? null) : c.value));
    const blank = isBlankRow(cells) && p.others.every((i) => !strings.get(i));
    if (!blank) byRow.set(p.row, cells);
  }
  // This session's edits: cells changed in file rows, and new rows.
  for (const [row, edits] of table.sheet.edits) {
    if (row <= top || row > table.bottom) continue;
    const cells = byRow.get(row) ?? (row <= table.fileArea.bottom ? (await reader.currentRows(table, row, row))[0].cells : new Array(right - left + 1).fill(null));
    for (const [column, edit] of edits) if (column >= left && column <= right) cells[column - left] = writeValue(edit.write);
    if (isBlankRow(cells)) byRow.delete(row);
    else byRow.set(row, cells);
  }
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    rows.push({ ref: { table: key, row: row - 1 }, values: rowToRecord(key, headers, byRow.get(row)!, locale, columns) });
  }
  return rows;
}

/** The rows whose `where` column equals one of `equals` (single-record actions): found by streaming that column. By key, each must be found. */
export async function rowsWhere(
  reader: PartReader,
  locale: Locale,
  key: string,
  table: TableState,
  headers: readonly string[],
  columns: readonly string[],
  where: string,
  equals: readonly string[],
): Promise<LedgerRow[]> {
  const { left, right, top } = table.fileArea;
  const keyIndex = headers.findIndex((h) => columnForHeader(key, h, locale)?.key === where);
  const wanted = new Set(equals);
  const prefix = await reader.prefixOf(table.sheet);
  const sharedWanted = await reader.shared.find(wanted);
  const matched: { row: number; cells: RawCell[] }[] = [];
  if (keyIndex >= 0 && table.fileArea.bottom > top) {
    await reader.scanSheet(table.sheet, top + 1, table.fileArea.bottom, (row, cells) => {
      const keyCell = cells.find((c) => c.column === left + keyIndex);
      if (!keyCell) return;
      const content = cellContent(keyCell, prefix);
      const value = 'shared' in content ? sharedWanted.get(content.shared) : content.value;
      if (value !== undefined && value !== null && wanted.has(String(value))) matched.push({ row, cells });
    });
  }
  const contents = matched.map((m) => {
    const row: ({ value: CellIn } | { shared: number })[] = new Array(right - left + 1).fill(null).map(() => ({ value: null }));
    for (const cell of m.cells) if (cell.column >= left && cell.column <= right) row[cell.column - left] = cellContent(cell, prefix);
    return { row: m.row, row_: row };
  });
  const strings = await reader.shared.lookUp(contents.flatMap((c) => c.row_.flatMap((x) => ('shared' in x ? [x.shared] : []))));
  const byRow = new Map<number, CellIn[]>();
  for (const c of contents)
    byRow.set(
      c.row,
      c.row_.map((x) => ('shared' in x ? (strings.get(x.shared) ?? null) : x.value)),
    );
  // Edits of this session: a key changed or a new row may now match, or no longer.
  for (const [row, edits] of table.sheet.edits) {
    if (row <= top || row > table.bottom) continue;
    const span = edits.span();
    if (!span || span[1] < left || span[0] > right) continue;
    const cells = byRow.get(row) ?? (await reader.currentRows(table, row, row))[0].cells;
    for (const [column, edit] of edits) if (column >= left && column <= right) cells[column - left] = writeValue(edit.write);
    byRow.set(row, cells);
  }
  const rows: LedgerRow[] = [];
  const found = new Set<string>();
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cells = byRow.get(row)!;
    const value = String(cells[keyIndex] ?? '');
    if (!wanted.has(value) || isBlankRow(cells)) continue;
    found.add(value);
    rows.push({ ref: { table: key, row: row - 1 }, values: rowToRecord(key, headers, cells, locale, columns) });
  }
  const absent = mustFindEach(key, where) ? [...wanted].filter((value) => !found.has(value)) : [];
  if (absent.length > 0) throw new KefuError([{ kind: 'recordNotFound', form: findForm(key)?.key, params: { value: absent.join(', ') } }]);
  return rows;
}

export async function findCounter(pkg: OpenPackage, locale: Locale, key: string): Promise<{ row: number; seq: number; claimRow: number } | undefined> {
  const counters = pkg.locate(COUNTERS_TABLE, locale);
  const headers = await pkg.reader.headersOf(counters);
  const stateIndex = headers.findIndex((h) => columnForHeader(COUNTERS_TABLE, h, locale)?.key === 'state');
  for (const r of await pkg.reader.currentRows(counters, counters.fileArea.top + 1, counters.bottom)) {
    const state = parseCounterState(r.cells[stateIndex]);
    if (state && state.key === key) return { row: r.row - 1, seq: state.seq, claimRow: state.row };
  }
  return undefined;
}
