/** `Excel.Range`: addresses, values, formulas, number formats, text, navigation to other ranges. */

import { MAX_COLUMNS, MAX_ROWS, parseAddress, qualifiedAddress, type Rect, rect, rectColumns, rectIntersection, rectRows } from '../address';
import { formatCellText, wildcardRegExp } from '../cells';
import { HostError, HostErrorCode, HostNotImplemented, invalidArgument, itemNotFound } from '../errors';
import { clearRange, mergeCells, setColumnsHidden, writeRange } from '../model/rangeEdits';
import type { HostWorksheet } from '../model/worksheet';
import { HostDataValidation } from './dataValidation';
import { HostClientObject, type LoadArgument, NULL_TARGET } from './proxy';
import { HostRangeFormat } from './rangeFormat';
import { apiFormula, apiText, apiValue, apiValueType, checkCount, matrix, onSheet, type RangeTarget } from './targets';

/** A range argument (proxy or address) resolved on the server. */
export function rangeArgument(self: HostClientObject, arg: unknown, sheet: HostWorksheet): RangeTarget {
  if (typeof arg === 'string') {
    const p = parseAddress(arg);
    if (!p) throw invalidArgument(`"${arg}" is not an A1 address.`);
    const s = p.sheet === undefined ? sheet : sheet.workbook.findWorksheet(p.sheet);
    if (!s) throw itemNotFound(`There is no worksheet named "${p.sheet}".`);
    return { sheet: s, rect: p.rect };
  }
  if (arg instanceof HostRange) {
    if (arg._ctx !== self._ctx) {
      throw new HostError(HostErrorCode.invalidRequestContext, 'A Range from another request context cannot be used here.');
    }
    const { target, isNull } = arg._resolveNow();
    if (isNull) throw invalidArgument('The range argument is a null object.');
    return target as RangeTarget;
  }
  throw invalidArgument('Expected a Range or an address string.');
}

export function checkRangeArgumentContext(self: HostClientObject, arg: unknown): void {
  if (arg instanceof HostClientObject && arg._ctx !== self._ctx) {
    throw new HostError(HostErrorCode.invalidRequestContext, 'An object from another request context cannot be used here.');
  }
}

/** Server side: the cells of `area` whose formula or shown value matches the search (Excel's find), by row, then column. */
export function searchCells(sheet: HostWorksheet, area: Rect, text: string, criteria: Excel.SearchCriteria | undefined): [row: number, col: number][] {
  const pattern = wildcardRegExp(text, criteria?.completeMatch ?? false, criteria?.matchCase ?? false);
  const hits: [number, number][] = [];
  for (const [row, col, c] of sheet.cellsIn(area)) {
    const content = c.formula ?? formatCellText(c.value, 'General');
    if (content !== '' && pattern.test(content)) hits.push([row, col]);
  }
  return hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Server side: one scalar property of a range (also of the ranges of a RangeAreas). */
export function readRange(target: RangeTarget, name: string): unknown {
  const { sheet, rect: r } = target;
  switch (name) {
    case 'address':
    case 'addressLocal':
      return qualifiedAddress(sheet.name, r);
    case 'cellCount':
      return rectRows(r) * rectColumns(r);
    case 'rowCount':
      return rectRows(r);
    case 'columnCount':
      return rectColumns(r);
    case 'rowIndex':
      return r.top;
    case 'columnIndex':
      return r.left;
    case 'isEntireColumn':
      return r.top === 0 && r.bottom === MAX_ROWS - 1;
    case 'columnHidden': {
      const hidden = new Set<boolean>();
      for (let c = r.left; c <= r.right && hidden.size < 2; c++) hidden.add(sheet.hiddenColumns.has(c));
      return hidden.size === 1 ? [...hidden][0] : null;
    }
    case 'isEntireRow':
      return r.left === 0 && r.right === MAX_COLUMNS - 1;
    case 'values':
      return matrix(r, (row, col) => apiValue(sheet.calculatedCell(row, col)));
    case 'formulas':
    case 'formulasLocal':
      return matrix(r, (row, col) => apiFormula(sheet.cell(row, col)));
    case 'numberFormat':
      return matrix(r, (row, col) => sheet.cell(row, col)?.numberFormat ?? 'General');
    case 'text':
      return matrix(r, (row, col) => apiText(sheet.calculatedCell(row, col)));
    case 'valueTypes':
      return matrix(r, (row, col) => apiValueType(sheet.calculatedCell(row, col)));
  }
  throw new HostNotImplemented(`Excel.Range.${name}`);
}

// =============================================================================================
// Range
// =============================================================================================

export const RANGE_SCALARS = [
  'address',
  'addressLocal',
  'cellCount',
  'columnCount',
  'columnHidden',
  'columnIndex',
  'formulas',
  'formulasLocal',
  'isEntireColumn',
  'isEntireRow',
  'numberFormat',
  'rowCount',
  'rowIndex',
  'text',
  'valueTypes',
  'values',
] as const;

type RangeMembers =
  | 'context'
  | 'isNullObject'
  | 'worksheet'
  | (typeof RANGE_SCALARS)[number]
  | 'clear'
  | 'find'
  | 'findOrNullObject'
  | 'getAbsoluteResizedRange'
  | 'getBoundingRect'
  | 'getCell'
  | 'getColumn'
  | 'getColumnsAfter'
  | 'getColumnsBefore'
  | 'getEntireColumn'
  | 'getEntireRow'
  | 'getIntersection'
  | 'getIntersectionOrNullObject'
  | 'getLastCell'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getOffsetRange'
  | 'getResizedRange'
  | 'format'
  | 'dataValidation'
  | 'getRow'
  | 'getRowsAbove'
  | 'getRowsBelow'
  | 'getUsedRange'
  | 'getUsedRangeOrNullObject'
  | 'load'
  | 'merge'
  | 'select'
  | 'track'
  | 'untrack';

/**
 * Cells per action of a large range write. Excel does not apply a large `values` (or
 * `numberFormat`, `formulas`) write at once: it works through it in pieces of about 1,500 cells,
 * which shows where the pieces meet — a table written 1,501 rows at a time loses its last row
 * when that row is blank (office-js issue #3013), and rows appended in one write join the table
 * only up to a 1,500-row boundary when a piece starts with blank cells (office-js issue #3191).
 * The host applies such a write as row-wise pieces of at most this many cells, each an action of
 * its own: a request cut short (`HostClient.failMidRequest`) can leave the first pieces written,
 * and each piece below a table joins it by the rule of its own first value.
 */
export const CELLS_PER_ACTION = 1500;

/** The pieces of a write of `name` larger than CELLS_PER_ACTION (null: one action). */
function splitWrite(name: 'values' | 'formulas' | 'numberFormat'): (target: RangeTarget, value: unknown) => (() => void)[] | null {
  return ({ sheet, rect: r }, value) => {
    const rows = r.bottom - r.top + 1;
    const cols = r.right - r.left + 1;
    if (!Array.isArray(value) || rows * cols <= CELLS_PER_ACTION || value.length !== rows || !value.every((line) => Array.isArray(line) && line.length === cols)) return null;
    const step = Math.max(1, Math.floor(CELLS_PER_ACTION / cols));
    const pieces: (() => void)[] = [];
    for (let from = 0; from < rows; from += step) {
      const to = Math.min(rows, from + step);
      pieces.push(() => writeRange(sheet, { top: r.top + from, left: r.left, bottom: r.top + to - 1, right: r.right }, (value as unknown[]).slice(from, to), name));
    }
    return pieces;
  };
}

export class HostRange extends HostClientObject implements Pick<Excel.Range, RangeMembers> {
  readonly _typeName = 'Range';
  readonly _scalars: readonly string[] = RANGE_SCALARS;

  // ----- properties (client side) -----
  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  /** ExcelApi 1.2: whether all the range's columns are hidden (null when some are). */
  get columnHidden(): boolean {
    return this._get('columnHidden');
  }
  set columnHidden(v: boolean) {
    this._set('columnHidden', v);
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get isEntireColumn(): boolean {
    return this._get('isEntireColumn');
  }
  get isEntireRow(): boolean {
    return this._get('isEntireRow');
  }
  get values(): any[][] {
    return this._get('values');
  }
  set values(v: any[][]) {
    this._set('values', v, splitWrite('values'));
  }
  get formulas(): any[][] {
    return this._get('formulas');
  }
  set formulas(v: any[][]) {
    this._set('formulas', v, splitWrite('formulas'));
  }
  get formulasLocal(): any[][] {
    return this._get('formulasLocal');
  }
  set formulasLocal(v: any[][]) {
    this._set('formulasLocal', v);
  }
  get numberFormat(): any[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: any[][]) {
    this._set('numberFormat', v, splitWrite('numberFormat'));
  }
  get text(): string[][] {
    return this._get('text');
  }
  get valueTypes(): Excel.RangeValueType[][] {
    return this._get('valueTypes');
  }

  get worksheet(): Excel.Worksheet {
    return this._worksheet() as unknown as Excel.Worksheet;
  }

  /** `range.format`: column widths and the font (bold) — the subset report sheets use. */
  get format(): Excel.RangeFormat {
    return this._nav(HostRangeFormat, 'RangeFormat', 'format', (t: RangeTarget) => t) as unknown as Excel.RangeFormat;
  }

  /** `range.dataValidation` (ExcelApi 1.8): list and whole-number rules, error alerts, blanks. */
  get dataValidation(): Excel.DataValidation {
    return this._nav(HostDataValidation, 'DataValidation', 'dataValidation', (t: RangeTarget) => t) as unknown as Excel.DataValidation;
  }

  private _worksheet(): HostClientObject {
    return this._nav(this._ctx._classes.Worksheet, 'Worksheet', 'worksheet', (t: RangeTarget) => t.sheet);
  }

  override _navigation(name: string): HostClientObject | undefined {
    if (name === 'format') return this.format as unknown as HostClientObject;
    if (name === 'dataValidation') return this.dataValidation as unknown as HostClientObject;
    return name === 'worksheet' ? this._worksheet() : undefined;
  }

  // ----- server side -----
  _read(target: unknown, name: string): unknown {
    return readRange(target as RangeTarget, name);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r } = target as RangeTarget;
    if (name === 'columnHidden') return setColumnsHidden(sheet, r, value as boolean);
    const mode = name === 'values' ? 'values' : name === 'numberFormat' ? 'numberFormat' : 'formulas';
    writeRange(sheet, r, value, mode);
  }

  // ----- methods -----
  load(arg?: LoadArgument): Excel.Range {
    this._load(arg);
    return this as unknown as Excel.Range;
  }

  track(): Excel.Range {
    return this as unknown as Excel.Range;
  }

  untrack(): Excel.Range {
    return this as unknown as Excel.Range;
  }

  private _range(method: string, args: unknown[], f: (t: RangeTarget) => RangeTarget | typeof NULL_TARGET): Excel.Range {
    return this._child(HostRange, 'Range', method, args, f) as unknown as Excel.Range;
  }

  getCell(row: number, column: number): Excel.Range {
    return this._range('getCell', [row, column], (t) => {
      checkCount(row, 'row');
      checkCount(column, 'column');
      return onSheet(t.sheet, rect(t.rect.top + row, t.rect.left + column, t.rect.top + row, t.rect.left + column), 'getCell');
    });
  }

  getRow(row: number): Excel.Range {
    return this._range('getRow', [row], (t) => {
      if (checkCount(row, 'row') < 0 || row >= rectRows(t.rect)) throw invalidArgument(`Row ${row} is outside the range (${rectRows(t.rect)} rows).`);
      return { sheet: t.sheet, rect: rect(t.rect.top + row, t.rect.left, t.rect.top + row, t.rect.right) };
    });
  }

  getColumn(column: number): Excel.Range {
    return this._range('getColumn', [column], (t) => {
      if (checkCount(column, 'column') < 0 || column >= rectColumns(t.rect)) {
        throw invalidArgument(`Column ${column} is outside the range (${rectColumns(t.rect)} columns).`);
      }
      return { sheet: t.sheet, rect: rect(t.rect.top, t.rect.left + column, t.rect.bottom, t.rect.left + column) };
    });
  }

  getLastRow(): Excel.Range {
    return this._range('getLastRow', [], (t) => ({ sheet: t.sheet, rect: rect(t.rect.bottom, t.rect.left, t.rect.bottom, t.rect.right) }));
  }

  getLastColumn(): Excel.Range {
    return this._range('getLastColumn', [], (t) => ({ sheet: t.sheet, rect: rect(t.rect.top, t.rect.right, t.rect.bottom, t.rect.right) }));
  }

  getLastCell(): Excel.Range {
    return this._range('getLastCell', [], (t) => ({ sheet: t.sheet, rect: rect(t.rect.bottom, t.rect.right, t.rect.bottom, t.rect.right) }));
  }

  /** count > 0: rows below the range; count < 0: the last |count| rows of the range. */
  getRowsBelow(count = 1): Excel.Range {
    return this._range('getRowsBelow', [count], (t) => {
      const n = checkCount(count, 'count');
      const r = t.rect;
      if (n === 0 || (n < 0 && -n > rectRows(r))) throw invalidArgument(`getRowsBelow(${n}) is not a valid count for ${rectRows(r)} rows.`);
      return onSheet(t.sheet, n > 0 ? rect(r.bottom + 1, r.left, r.bottom + n, r.right) : rect(r.bottom + n + 1, r.left, r.bottom, r.right), 'getRowsBelow');
    });
  }

  /** count > 0: rows above the range; count < 0: the first |count| rows of the range. */
  getRowsAbove(count = 1): Excel.Range {
    return this._range('getRowsAbove', [count], (t) => {
      const n = checkCount(count, 'count');
      const r = t.rect;
      if (n === 0 || (n < 0 && -n > rectRows(r))) throw invalidArgument(`getRowsAbove(${n}) is not a valid count for ${rectRows(r)} rows.`);
      return onSheet(t.sheet, n > 0 ? rect(r.top - n, r.left, r.top - 1, r.right) : rect(r.top, r.left, r.top - n - 1, r.right), 'getRowsAbove');
    });
  }

  getColumnsAfter(count = 1): Excel.Range {
    return this._range('getColumnsAfter', [count], (t) => {
      const n = checkCount(count, 'count');
      const r = t.rect;
      if (n === 0 || (n < 0 && -n > rectColumns(r))) throw invalidArgument(`getColumnsAfter(${n}) is not a valid count.`);
      return onSheet(t.sheet, n > 0 ? rect(r.top, r.right + 1, r.bottom, r.right + n) : rect(r.top, r.right + n + 1, r.bottom, r.right), 'getColumnsAfter');
    });
  }

  getColumnsBefore(count = 1): Excel.Range {
    return this._range('getColumnsBefore', [count], (t) => {
      const n = checkCount(count, 'count');
      const r = t.rect;
      if (n === 0 || (n < 0 && -n > rectColumns(r))) throw invalidArgument(`getColumnsBefore(${n}) is not a valid count.`);
      return onSheet(t.sheet, n > 0 ? rect(r.top, r.left - n, r.bottom, r.left - 1) : rect(r.top, r.left, r.bottom, r.left - n - 1), 'getColumnsBefore');
    });
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Excel.Range {
    return this._range('getOffsetRange', [rowOffset, columnOffset], (t) => {
      const dr = checkCount(rowOffset, 'rowOffset');
      const dc = checkCount(columnOffset, 'columnOffset');
      const r = t.rect;
      return onSheet(t.sheet, rect(r.top + dr, r.left + dc, r.bottom + dr, r.right + dc), 'getOffsetRange');
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Excel.Range {
    return this._range('getResizedRange', [deltaRows, deltaColumns], (t) => {
      const dr = checkCount(deltaRows, 'deltaRows');
      const dc = checkCount(deltaColumns, 'deltaColumns');
      const r = t.rect;
      return onSheet(t.sheet, rect(r.top, r.left, r.bottom + dr, r.right + dc), 'getResizedRange');
    });
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): Excel.Range {
    return this._range('getAbsoluteResizedRange', [numRows, numColumns], (t) => {
      if (checkCount(numRows, 'numRows') < 1 || checkCount(numColumns, 'numColumns') < 1) throw invalidArgument('A range needs at least one row and one column.');
      return onSheet(t.sheet, rect(t.rect.top, t.rect.left, t.rect.top + numRows - 1, t.rect.left + numColumns - 1), 'getAbsoluteResizedRange');
    });
  }

  getEntireRow(): Excel.Range {
    return this._range('getEntireRow', [], (t) => ({ sheet: t.sheet, rect: rect(t.rect.top, 0, t.rect.bottom, MAX_COLUMNS - 1) }));
  }

  getEntireColumn(): Excel.Range {
    return this._range('getEntireColumn', [], (t) => ({ sheet: t.sheet, rect: rect(0, t.rect.left, MAX_ROWS - 1, t.rect.right) }));
  }

  private _intersect(t: RangeTarget, other: unknown): Rect | null {
    const o = rangeArgument(this, other, t.sheet);
    if (o.sheet !== t.sheet) throw invalidArgument('The ranges are on different worksheets.');
    return rectIntersection(t.rect, o.rect);
  }

  getIntersection(anotherRange: Excel.Range | string): Excel.Range {
    checkRangeArgumentContext(this, anotherRange);
    return this._range('getIntersection', [anotherRange], (t) => {
      const r = this._intersect(t, anotherRange);
      if (!r) throw itemNotFound('The ranges do not intersect.');
      return { sheet: t.sheet, rect: r };
    });
  }

  getIntersectionOrNullObject(anotherRange: Excel.Range | string): Excel.Range {
    checkRangeArgumentContext(this, anotherRange);
    return this._range('getIntersectionOrNullObject', [anotherRange], (t) => {
      const r = this._intersect(t, anotherRange);
      return r ? { sheet: t.sheet, rect: r } : NULL_TARGET;
    });
  }

  getBoundingRect(anotherRange: Excel.Range | string): Excel.Range {
    checkRangeArgumentContext(this, anotherRange);
    return this._range('getBoundingRect', [anotherRange], (t) => {
      const o = rangeArgument(this, anotherRange, t.sheet);
      if (o.sheet !== t.sheet) throw invalidArgument('The ranges are on different worksheets.');
      const r = t.rect;
      return {
        sheet: t.sheet,
        rect: rect(Math.min(r.top, o.rect.top), Math.min(r.left, o.rect.left), Math.max(r.bottom, o.rect.bottom), Math.max(r.right, o.rect.right)),
      };
    });
  }

  /** `Range.getUsedRange`: the smallest area holding every used cell of the range (not the sheet's used area cut to it). */
  private _used(t: RangeTarget, valuesOnly: boolean): Rect | null {
    return t.sheet.usedRect(valuesOnly, t.rect);
  }

  getUsedRange(valuesOnly?: boolean): Excel.Range {
    return this._range('getUsedRange', [valuesOnly ?? false], (t) => {
      const r = this._used(t, valuesOnly ?? false);
      if (!r) throw itemNotFound('There are no used cells in the range.');
      return { sheet: t.sheet, rect: r };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Excel.Range {
    return this._range('getUsedRangeOrNullObject', [valuesOnly ?? false], (t) => {
      const r = this._used(t, valuesOnly ?? false);
      return r ? { sheet: t.sheet, rect: r } : NULL_TARGET;
    });
  }

  private _find(t: RangeTarget, text: string, criteria: Excel.SearchCriteria | undefined): Rect | null {
    if (typeof text !== 'string') throw invalidArgument('find: text must be a string.');
    const backwards = criteria?.searchDirection === 'Backwards';
    const single = t.rect.top === t.rect.bottom && t.rect.left === t.rect.right;
    // A single cell searches the whole sheet, starting after that cell (wrapping around).
    const area = single ? (t.sheet.usedRect(true) ?? null) : t.rect;
    if (!area) return null;
    const hits = searchCells(t.sheet, area, text, criteria);
    if (hits.length === 0) return null;
    let pick: [number, number];
    if (single) {
      const after = (h: [number, number]): boolean => (backwards ? h[0] < t.rect.top || (h[0] === t.rect.top && h[1] < t.rect.left) : h[0] > t.rect.top || (h[0] === t.rect.top && h[1] > t.rect.left));
      const ordered = backwards ? [...hits].reverse() : hits;
      pick = ordered.find(after) ?? ordered[0];
    } else {
      pick = backwards ? hits[hits.length - 1] : hits[0];
    }
    return rect(pick[0], pick[1], pick[0], pick[1]);
  }

  find(text: string, criteria: Excel.SearchCriteria): Excel.Range {
    return this._range('find', [text, criteria ?? {}], (t) => {
      const r = this._find(t, text, criteria);
      if (!r) throw itemNotFound(`"${text}" was not found.`);
      return { sheet: t.sheet, rect: r };
    });
  }

  findOrNullObject(text: string, criteria: Excel.SearchCriteria): Excel.Range {
    return this._range('findOrNullObject', [text, criteria ?? {}], (t) => {
      const r = this._find(t, text, criteria);
      return r ? { sheet: t.sheet, rect: r } : NULL_TARGET;
    });
  }

  /** ExcelApi 1.2: see `mergeCells`, model/rangeEdits.ts. */
  merge(across?: boolean): void {
    this._invoke('merge', [across ?? false], (t: RangeTarget) => {
      mergeCells(t.sheet, t.rect, across === true);
      return undefined;
    });
  }

  select(): void {
    this._invoke('select', [], (t: RangeTarget) => {
      this._host.select(t.sheet, t.rect);
      return undefined;
    });
  }

  clear(applyTo?: string): void {
    const what = applyTo ?? 'All';
    if (what !== 'All' && what !== 'Contents' && what !== 'Formats') {
      throw new HostNotImplemented(`Excel.Range.clear("${what}")`);
    }
    this._invoke('clear', [what], (t: RangeTarget) => {
      clearRange(t.sheet, t.rect, what);
      return undefined;
    });
  }
}
