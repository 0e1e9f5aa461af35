/**
 * A cell of the in-memory workbook, and the small rules every part of the model shares: empty
 * cells, names compared as Excel compares them, header text, Excel's default sizes and column
 * width units.
 */

import { type CellScalar, formatCellText } from '../cells';

export interface HostCell {
  /** The constant, or the cached result of a formula (null when none). */
  value: CellScalar;
  /** Starts with "=". */
  formula?: string;
  /** Excel number format code; "General" by default. */
  numberFormat: string;
  /** Bold font (`range.format.font.bold`); absent when not bold. */
  bold?: boolean;
  /**
   * The rest of the cell's formatting (font, fill, border, alignment, protection) in exceljs' style
   * model. The API sets the parts it implements (`format.fill.color`, `format.font.color`,
   * `format.verticalAlignment`, `format.wrapText`); the xlsx bridge writes it. Like Excel's
   * formats, it stays when the cell's contents change and goes with `clear(Formats)`.
   */
  style?: CellStyle;
}

/** See `HostCell.style`. */
export type CellStyle = Readonly<Record<string, unknown>>;

export type SheetVisibility = 'Visible' | 'Hidden' | 'VeryHidden';

/** A cell given to `setCells`: a bare value, or value/formula/format. */
export type SetupCell = CellScalar | { value?: CellScalar; formula?: string; numberFormat?: string };

/** Result of a client-visible write, for the API layer. */
export type WriteMode = 'values' | 'formulas' | 'numberFormat';
export type ClearTarget = 'All' | 'Contents' | 'Formats';

export function isEmptyCell(c: HostCell): boolean {
  return (c.value === null || c.value === '') && c.formula === undefined && (c.numberFormat === 'General' || c.numberFormat === '') && !c.bold && !c.style;
}

/** Sheet and table names compare case-insensitively in Excel. */
export function sameName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/** Excel's default column width in characters, and default row height in points. */
export const DEFAULT_COLUMN_WIDTH = 8.43;
export const DEFAULT_ROW_HEIGHT_POINTS = 15;

/** A header cell's value as the text that names a table column or a chart series. */
export function headerText(cell: HostCell): string {
  const v = cell.value;
  if (v === null) return '';
  if (typeof v === 'string') return v;
  return formatCellText(v, cell.numberFormat);
}

/**
 * Excel measures `RangeFormat.columnWidth` in points; the xlsx file (and the host model) in
 * characters of the default font's maximum digit width (7 px for Calibri 11): pixels = 7·w + 5,
 * points = pixels · 0.75.
 */
export function columnWidthPoints(characters: number): number {
  return Math.round(7 * characters + 5) * 0.75;
}

export function columnWidthCharacters(points: number): number {
  return Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 256) / 256);
}
