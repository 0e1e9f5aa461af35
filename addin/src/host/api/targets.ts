/**
 * What proxies resolve to in the model (a range is a sheet and a rectangle, a table column a table
 * and an index …), and the cell values, formulas and text as the API reports them.
 */

import { type Rect, rectAddress, rectColumns, rectOnSheet, rectRows } from '../address';
import { type CellScalar, ERROR_LITERALS, formatCellText, NO_CALC } from '../cells';
import { HostError, HostErrorCode, HostNotImplemented, invalidArgument, itemNotFound } from '../errors';
import type { HostCell } from '../model/cell';
import type { HostWorkbook } from '../model/workbook';
import type { HostChart, HostChartSeries, HostTable, HostWorksheet } from '../model/worksheet';

export interface RangeTarget {
  sheet: HostWorksheet;
  rect: Rect;
}

export interface TablesScope {
  workbook: HostWorkbook;
  sheet: HostWorksheet | null;
}

export interface ColumnTarget {
  table: HostTable;
  index: number;
}

export interface RowTarget {
  table: HostTable;
  index: number;
}

/** Above this many cells a range's matrices are not produced (Excel on the web could not return them). */
const MAX_MATRIX_CELLS = 5_000_000;

export function onSheet(sheet: HostWorksheet, r: Rect, what: string): RangeTarget {
  if (!rectOnSheet(r)) throw invalidArgument(`${what}: the resulting range would lie outside the worksheet.`);
  return { sheet, rect: r };
}

export function checkCount(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidArgument(`${what} must be an integer.`);
  return n;
}

export function matrix<T>(r: Rect, cell: (row: number, col: number) => T): T[][] {
  if (rectRows(r) * rectColumns(r) > MAX_MATRIX_CELLS) {
    throw new HostError(HostErrorCode.responsePayloadSizeLimitExceeded, `The range ${rectAddress(r)} has too many cells to return; read a smaller range.`);
  }
  const out: T[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: T[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(cell(row, col));
    out.push(line);
  }
  return out;
}

/** What `values` reports for a cell. */
export function apiValue(c: HostCell | undefined): CellScalar {
  if (!c) return '';
  if (c.formula !== undefined) return c.value === null ? NO_CALC : c.value;
  return c.value === null ? '' : c.value;
}

export function apiFormula(c: HostCell | undefined): CellScalar {
  if (!c) return '';
  if (c.formula !== undefined) return c.formula;
  return c.value === null ? '' : c.value;
}

export function apiText(c: HostCell | undefined): string {
  if (!c) return '';
  const v = apiValue(c);
  return typeof v === 'string' && c.formula !== undefined && ERROR_LITERALS.has(v) ? v : formatCellText(v, c.numberFormat);
}

export function apiValueType(c: HostCell | undefined): Excel.RangeValueType {
  const v = apiValue(c);
  let t: string;
  if (v === '' || v === null) t = 'Empty';
  else if (typeof v === 'number') t = 'Double';
  else if (typeof v === 'boolean') t = 'Boolean';
  else if (ERROR_LITERALS.has(v)) t = 'Error';
  else t = 'String';
  return t as Excel.RangeValueType;
}

export function sameKey(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/** A deleted sheet's proxies fail, as Excel's do once the object is gone. */
export function liveSheet(s: HostWorksheet): HostWorksheet {
  if (s.isDeleted) throw itemNotFound('The worksheet no longer exists.');
  return s;
}

export function liveChart(c: HostChart): HostChart {
  if (c.isDeleted) throw itemNotFound('The chart no longer exists.');
  return c;
}

export function liveSeries(s: HostChartSeries): HostChartSeries {
  liveChart(s.chart);
  if (s.index < 0) throw itemNotFound('The chart series no longer exists.');
  return s;
}

/** Chart positions and sizes are points: numbers (InvalidArgument otherwise), not negative. */
export function checkPoints(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidArgument(`${what} must be a number of points.`);
  if (v < 0) throw new HostNotImplemented(`Excel.Chart.${what} = ${v}`, 'what Excel does with a negative position or size is not modelled');
  return v;
}

export function checkBoolean(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw invalidArgument(`${what} must be true or false.`);
  return v;
}
