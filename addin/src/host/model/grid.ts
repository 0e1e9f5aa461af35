/**
 * The cells of a worksheet: a sparse grid (only cells that hold something are stored), with the
 * plain reads and moves the rest of the model builds on. `HostWorksheet` (worksheet.ts) is the
 * grid of one sheet; it is told of every change so that formulas are computed again.
 */

import { MAX_COLUMNS, MAX_ROWS, type Rect, parseAddress, rect, rectRows } from '../address';
import { type CellScalar, formatCellText } from '../cells';
import { HostError, invalidArgument } from '../errors';
import { type HostCell, isEmptyCell, sameName } from './cell';

export abstract class CellGrid {
  private readonly grid = new Map<number, Map<number, HostCell>>();
  /** Where the formula cells are (row * MAX_COLUMNS + col), for calculation. */
  private readonly formulaKeys = new Set<number>();

  /** The sheet's name, which addresses given to `parseLocal` may carry ("Sheet1!A1"). */
  abstract get name(): string;

  /** A cell changed (formulas are computed again when next read). */
  protected abstract contentsChanged(): void;

  cell(row: number, col: number): HostCell | undefined {
    return this.grid.get(row)?.get(col);
  }

  /** The cell at an A1 address ("B3"), if it holds anything. */
  at(a1: string): HostCell | undefined {
    const p = parseAddress(a1);
    if (!p) throw new Error(`Not a cell address: ${a1}`);
    return this.cell(p.rect.top, p.rect.left);
  }

  /** Stores a copy of `cell` (or removes the cell when undefined or empty). */
  setCell(row: number, col: number, cell: HostCell | undefined): void {
    if (row < 0 || col < 0 || row >= MAX_ROWS || col >= MAX_COLUMNS) throw new Error(`Cell (${row}, ${col}) is off the sheet`);
    this.contentsChanged();
    const key = row * MAX_COLUMNS + col;
    if (cell?.formula !== undefined) this.formulaKeys.add(key);
    else this.formulaKeys.delete(key);
    if (!cell || isEmptyCell(cell)) {
      const r = this.grid.get(row);
      if (r) {
        r.delete(col);
        if (r.size === 0) this.grid.delete(row);
      }
      return;
    }
    let r = this.grid.get(row);
    if (!r) {
      r = new Map();
      this.grid.set(row, r);
    }
    const copy: HostCell = { value: cell.value, numberFormat: cell.numberFormat || 'General' };
    if (cell.formula !== undefined) copy.formula = cell.formula;
    if (cell.bold) copy.bold = true;
    if (cell.style) copy.style = cell.style;
    r.set(col, copy);
  }

  /** The cells holding a formula (no order). */
  *formulaCells(): IterableIterator<[row: number, col: number, cell: HostCell]> {
    for (const key of this.formulaKeys) {
      const row = Math.floor(key / MAX_COLUMNS);
      const col = key - row * MAX_COLUMNS;
      const cell = this.cell(row, col);
      if (cell) yield [row, col, cell];
    }
  }

  /** Every stored cell, rows ascending then columns ascending. */
  *cells(): IterableIterator<[row: number, col: number, cell: HostCell]> {
    const rows = [...this.grid.keys()].sort((a, b) => a - b);
    for (const row of rows) {
      const r = this.grid.get(row)!;
      const cols = [...r.keys()].sort((a, b) => a - b);
      for (const col of cols) yield [row, col, r.get(col)!];
    }
  }

  /** Cells stored within a rectangle (sparse; no order guarantee). */
  *cellsIn(area: Rect): IterableIterator<[row: number, col: number, cell: HostCell]> {
    const height = rectRows(area);
    if (height <= this.grid.size) {
      for (let row = area.top; row <= area.bottom; row++) {
        const r = this.grid.get(row);
        if (r) for (const [col, cell] of r) if (col >= area.left && col <= area.right) yield [row, col, cell];
      }
    } else {
      for (const [row, r] of this.grid) {
        if (row < area.top || row > area.bottom) continue;
        for (const [col, cell] of r) if (col >= area.left && col <= area.right) yield [row, col, cell];
      }
    }
  }

  /** The smallest rectangle holding every non-empty cell (or every formatted one too), of the sheet or of the area `within`, or null. */
  usedRect(valuesOnly = false, within?: Rect): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [row, r] of this.grid) {
      if (within && (row < within.top || row > within.bottom)) continue;
      for (const [col, c] of r) {
        if (within && (col < within.left || col > within.right)) continue;
        if (valuesOnly && (c.value === null || c.value === '') && c.formula === undefined) continue;
        top = Math.min(top, row);
        bottom = Math.max(bottom, row);
        left = Math.min(left, col);
        right = Math.max(right, col);
      }
    }
    return bottom < 0 ? null : rect(top, left, bottom, right);
  }

  /** Stored values of a range (formula cells give their cached value; empty cells null). */
  values(address: string): CellScalar[][] {
    const area = this.parseLocal(address);
    const out: CellScalar[][] = [];
    for (let row = area.top; row <= area.bottom; row++) {
      const line: CellScalar[] = [];
      for (let col = area.left; col <= area.right; col++) line.push(this.cell(row, col)?.value ?? null);
      out.push(line);
    }
    return out;
  }

  /** Formulas of a range ("" where the cell has none). */
  formulas(address: string): string[][] {
    const area = this.parseLocal(address);
    const out: string[][] = [];
    for (let row = area.top; row <= area.bottom; row++) {
      const line: string[] = [];
      for (let col = area.left; col <= area.right; col++) line.push(this.cell(row, col)?.formula ?? '');
      out.push(line);
    }
    return out;
  }

  /** Displayed text of a cell (see `formatCellText`). */
  text(a1: string): string {
    const c = this.at(a1);
    return c ? formatCellText(c.value, c.numberFormat) : '';
  }

  parseLocal(address: string): Rect {
    const p = parseAddress(address);
    if (!p) throw invalidArgument(`"${address}" is not an A1 address.`);
    if (p.sheet !== undefined && !sameName(p.sheet, this.name)) {
      throw invalidArgument(`The address "${address}" is not on sheet "${this.name}".`);
    }
    return p.rect;
  }

  /**
   * Moves every cell of columns left..right at rows >= fromRow down by `count` (negative: up,
   * the rows fromRow-|count|..fromRow-1 being overwritten). Content pushed off the sheet is an error.
   */
  shiftRows(fromRow: number, left: number, right: number, count: number): void {
    if (count === 0) return;
    const rows = [...this.grid.keys()].filter((r) => r >= fromRow).sort((a, b) => (count > 0 ? b - a : a - b));
    for (const row of rows) {
      const r = this.grid.get(row)!;
      for (let col = left; col <= right; col++) {
        const c = r.get(col);
        if (!c) continue;
        if (row + count >= MAX_ROWS) throw new HostError('NonBlankCellOffSheet', 'The operation would push non-empty cells off the sheet.');
        this.setCell(row, col, undefined);
        this.setCell(row + count, col, c);
      }
    }
  }

  /** Moves every cell of rows top..bottom at columns >= fromCol right by `count`. */
  shiftColumns(fromCol: number, top: number, bottom: number, count: number): void {
    if (count === 0) return;
    for (const [row, r] of [...this.grid]) {
      if (row < top || row > bottom) continue;
      const cols = [...r.keys()].filter((c) => c >= fromCol).sort((a, b) => (count > 0 ? b - a : a - b));
      for (const col of cols) {
        const c = r.get(col)!;
        if (col + count >= MAX_COLUMNS) throw new HostError('NonBlankCellOffSheet', 'The operation would push non-empty cells off the sheet.');
        this.setCell(row, col, undefined);
        this.setCell(row, col + count, c);
      }
    }
  }
}
