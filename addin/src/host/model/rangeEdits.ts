/**
 * What writing to a range does in Excel (`range.values`, `formulas`, `numberFormat`, `clear`,
 * `merge`, `format.*`): input parsing, tables growing when rows or headers are written next to
 * them, formats kept when contents change. The API objects (api/range.ts, api/rangeFormat.ts)
 * apply these at `context.sync()`; tests set cells up with `HostWorkbook.setCells` instead.
 */

import { MAX_COLUMNS, MAX_ROWS, type Rect, rect, rectAddress, rectColumns, rectIntersection, rectRows, rectsOverlap } from '../address';
import { type ParsedInput, parseCellInput } from '../cells';
import { HostError, HostErrorCode, HostNotImplemented, invalidArgument, invalidOperation } from '../errors';
import type { CellStyle, ClearTarget, WriteMode } from './cell';
import { type HostWorksheet, normalizeHeaders } from './worksheet';

/**
 * Writes `values`, `formulas` or `numberFormat` to a range as Office.js does: the input must be
 * a 2-D array of exactly the range's shape (or a single value for every cell), else
 * InvalidArgument and nothing is written. Then Excel's table auto-expansion: writing into the
 * row just below a table, within its columns, makes those rows part of the table; writing a
 * header into the column just right of a table's header makes that column part of it.
 */
export function writeRange(ws: HostWorksheet, area: Rect, input: unknown, mode: WriteMode): void {
  const rows = rectRows(area);
  const cols = rectColumns(area);
  let element: (i: number, j: number) => unknown;
  if (Array.isArray(input)) {
    if (input.length !== rows || !input.every((line) => Array.isArray(line) && line.length === cols)) {
      const got = `${input.length}×${Array.isArray(input[0]) ? (input[0] as unknown[]).length : '?'}`;
      throw invalidArgument(`The number of rows or columns in the input array (${got}) doesn't match the size of the range ${rectAddress(area)} (${rows}×${cols}).`);
    }
    element = (i, j) => (input as unknown[][])[i][j];
  } else {
    element = () => input;
  }
  if (rows * cols > 5_000_000 && Array.isArray(input)) {
    throw new HostError(HostErrorCode.responsePayloadSizeLimitExceeded, 'The range is too large to write at once.');
  }
  // Parse everything first: a bad element rejects the whole write.
  const planned: { row: number; col: number; parsed: ParsedInput | { kind: 'format'; format: string } }[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const row = area.top + i;
      const col = area.left + j;
      const raw = element(i, j);
      if (mode === 'numberFormat') {
        if (raw === null || raw === undefined) continue;
        if (typeof raw !== 'string') throw invalidArgument('A number format must be a string.');
        planned.push({ row, col, parsed: { kind: 'format', format: raw === '' ? 'General' : raw } });
      } else {
        const parsed = parseCellInput(raw, ws.cell(row, col)?.numberFormat ?? 'General');
        if (parsed.kind !== 'skip') planned.push({ row, col, parsed });
      }
    }
  }
  for (const { row, col, parsed } of planned) {
    const existing = ws.cell(row, col);
    const numberFormat = existing?.numberFormat ?? 'General';
    const bold = existing?.bold; // contents change, formats stay
    const style = existing?.style;
    switch (parsed.kind) {
      case 'format':
        ws.setCell(row, col, { ...(existing ?? { value: null }), numberFormat: parsed.format });
        break;
      case 'clear':
        ws.setCell(row, col, { value: null, numberFormat, bold, style });
        break;
      case 'value':
        ws.setCell(row, col, { value: parsed.value, numberFormat: parsed.numberFormat ?? numberFormat, bold, style });
        break;
      case 'formula':
        ws.setCell(row, col, { value: null, formula: parsed.formula, numberFormat, bold, style });
        break;
      case 'skip':
        break;
    }
  }
  if (mode !== 'numberFormat') afterContentWrite(ws, area, isBlankInput(element(0, 0)));
}

/** Whether a written element counts as blank for auto-expansion: '', null or undefined. */
function isBlankInput(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/**
 * Table auto-expansion and header upkeep after content was written to `area`.
 *
 * Rows written below a table join it only when the write's first value is not blank: Excel takes
 * a write whose first element is '' as a blank row and does not expand the table over it, by
 * design (office-js issue #2097, https://github.com/OfficeDev/office-js/issues/2097). That rule
 * is stated for writes that start at the table's first column; a write reaching the row below
 * that starts elsewhere is not documented, so the host throws rather than guess.
 */
function afterContentWrite(ws: HostWorksheet, area: Rect, firstBlank: boolean): void {
  for (const t of ws.tables) {
    const tr = t.rect;
    // Headers written directly: keep them unique text.
    if (area.top <= tr.top && tr.top <= area.bottom && area.left <= tr.right && area.right >= tr.left) normalizeHeaders(t);
    // Downwards: the written rows include the row just below the table, within its columns.
    const below = tr.bottom + 1;
    if (area.top <= below && below <= area.bottom && area.left <= tr.right && area.right >= tr.left && below < MAX_ROWS) {
      const hasContent = [...ws.cellsIn(rect(below, tr.left, below, tr.right))].some(([, , c]) => (c.value !== null && c.value !== '') || c.formula !== undefined);
      const grown = rect(tr.top, tr.left, area.bottom, tr.right);
      if (hasContent && !ws.tables.some((o) => o !== t && rectsOverlap(o.rect, grown))) {
        if (area.left !== tr.left) {
          throw new HostNotImplemented(
            'Excel.Range.values',
            `a write into the row below table "${t.name}" that does not start at its first column (${rectAddress(area)}): whether Excel takes it into the table is not documented`,
          );
        }
        if (!firstBlank) t.rowCount = area.bottom - tr.top + 1;
      }
    }
    // Rightwards: a header written just right of the header row.
    const right = tr.right + 1;
    if (area.left <= right && right <= area.right && area.top <= tr.top && tr.top <= area.bottom && right < MAX_COLUMNS) {
      let newRight = tr.right;
      for (let col = right; col <= area.right; col++) {
        const h = ws.cell(tr.top, col);
        if (!h || h.value === null || h.value === '') break;
        newRight = col;
      }
      const grown = rect(tr.top, tr.left, t.rect.bottom, newRight);
      if (newRight > tr.right && !ws.tables.some((o) => o !== t && rectsOverlap(o.rect, grown))) {
        t.columnCount = newRight - tr.left + 1;
        normalizeHeaders(t);
      }
    }
  }
}

/** `range.format.font.bold = …`: the font of every cell of `area`. */
export function setBold(ws: HostWorksheet, area: Rect, bold: boolean): void {
  for (let row = area.top; row <= area.bottom; row++) {
    for (let col = area.left; col <= area.right; col++) {
      const existing = ws.cell(row, col);
      ws.setCell(row, col, { ...(existing ?? { value: null, numberFormat: 'General' }), bold });
    }
  }
}

/** `range.format.fill.color`, `font.color`, `verticalAlignment`, `wrapText`: a part of each cell's style. */
export function setStyle(ws: HostWorksheet, area: Rect, change: (style: CellStyle) => CellStyle): void {
  for (let row = area.top; row <= area.bottom; row++) {
    for (let col = area.left; col <= area.right; col++) {
      const existing = ws.cell(row, col);
      const style = change(existing?.style ?? {});
      ws.setCell(row, col, { ...(existing ?? { value: null, numberFormat: 'General' }), style: Object.keys(style).length > 0 ? style : undefined });
    }
  }
}

/**
 * `range.merge(across)`: one merged area (or one per row, across), keeping the upper-left
 * cell's contents and clearing the others', as Excel does. Cells of a table cannot be merged
 * (InvalidOperation); merging over an existing merged area is not modelled.
 */
export function mergeCells(ws: HostWorksheet, area: Rect, across: boolean): void {
  const areas = across ? Array.from({ length: rectRows(area) }, (_, i) => rect(area.top + i, area.left, area.top + i, area.right)) : [area];
  for (const t of ws.tables) if (rectsOverlap(t.rect, area)) throw invalidOperation(`Cells of table "${t.name}" cannot be merged.`);
  if (ws.merges.some((m) => rectsOverlap(m, area))) throw new HostNotImplemented('Excel.Range.merge', 'over an existing merged area');
  for (const a of areas) {
    if (rectRows(a) * rectColumns(a) === 1) continue;
    for (const [row, col, c] of [...ws.cellsIn(a)]) {
      if (row !== a.top || col !== a.left) ws.setCell(row, col, { value: null, numberFormat: c.numberFormat, bold: c.bold, style: c.style });
    }
    ws.merges = [...ws.merges, a];
  }
}

/** `format.rowHeight = …` (points; Excel allows 0 to 409). */
export function setRowHeight(ws: HostWorksheet, area: Rect, points: number): void {
  if (typeof points !== 'number' || !Number.isFinite(points) || points < 0 || points > 409) throw invalidArgument('rowHeight must be a number of points from 0 to 409.');
  for (let row = area.top; row <= area.bottom; row++) ws.rowHeights.set(row, points);
}

/** `format.columnHidden = …`: the range's columns (entirely) hidden or shown. */
export function setColumnsHidden(ws: HostWorksheet, area: Rect, hidden: boolean): void {
  if (typeof hidden !== 'boolean') throw invalidArgument('columnHidden must be true or false.');
  for (let col = area.left; col <= area.right; col++) {
    if (hidden) ws.hiddenColumns.add(col);
    else ws.hiddenColumns.delete(col);
  }
}

/** `horizontalPageBreaks.add(range)`: a page break before the range's first row. */
export function addRowBreak(ws: HostWorksheet, area: Rect): void {
  if (area.top === 0) throw invalidArgument('A page break cannot go before the first row.');
  const after = area.top - 1;
  if (!ws.rowBreaks.includes(after)) ws.rowBreaks = [...ws.rowBreaks, after].sort((a, b) => a - b);
}

/** `range.clear(applyTo)`: contents, formats or both. Tables keep their size. */
export function clearRange(ws: HostWorksheet, area: Rect, applyTo: ClearTarget): void {
  for (const [row, col, c] of [...ws.cellsIn(area)]) {
    if (applyTo === 'Contents') ws.setCell(row, col, { value: null, numberFormat: c.numberFormat, bold: c.bold, style: c.style });
    else if (applyTo === 'Formats') ws.setCell(row, col, { value: c.value, formula: c.formula, numberFormat: 'General' });
    else ws.setCell(row, col, undefined);
  }
  for (const t of ws.tables) {
    if (rectIntersection(t.headerRect, area)) normalizeHeaders(t);
  }
}
