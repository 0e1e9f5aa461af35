import type { CellKind } from '../../forms/columns';
import type { CellIn, CellOut, RecordValues } from '../cells';
import { CLAIM_WINDOW } from '../layout';
import { LEGACY_LAST_ROW } from '../templateLayout';
import type { Area, CellWrite } from './sheetXml';
import type { TablePart } from './xmlParts';
import type { ZipEntry } from './zip';

/**
 * What the part-level backend (packageLedger.ts) holds of an open package: its sheets and tables
 * as the file has them, and the edits of this session, kept per row until the package is written
 * (packageWriter.ts, sheetEditor.ts).
 */

export interface SheetState {
  readonly name: string;
  readonly path: string;
  /** 0-based position among the workbook's sheets. */
  readonly index: number;
  prefix?: string;
  /** Cell edits by 1-based row. */
  readonly edits: Map<number, RowEdits>;
  /** Column widths to add to `<cols>` (the upgrade's new columns): 1-based column → width. */
  newColumnWidths?: Map<number, number>;
  /** `<dataValidation>` elements to add to the sheet (the upgrade's new columns). */
  newValidations?: string[];
  /** The upgrade bounds the ranges of template versions 1–4 to the tables' bodies on this sheet (`boundedBottom`). */
  boundLegacyRanges?: boolean;
}

export interface CellEdit {
  readonly write: CellWrite;
  /** The kind of value, for its number format. */
  readonly kind?: CellKind;
  /** The style of the cell above, for a cell in a new row. */
  readonly styleAbove?: string;
  /** A cell of a new row of a table: it must not cover anything already there. */
  readonly newRow: boolean;
  /** The style to give the cell, whatever it had (cells copied from the template by the upgrade). */
  readonly style?: string;
  readonly table: string;
}

/**
 * What a new row holds: its cells from the table's first column, or a record of the change set
 * and how to lay it out — turned into cells only when the row is written, so that an import does
 * not hold the rows twice.
 */
export type RowSource = readonly (CellOut | undefined)[] | { readonly record: RecordValues; readonly layOut: (record: RecordValues) => (CellOut | undefined)[] };

export function cellsOf(source: RowSource): readonly (CellOut | undefined)[] {
  return Array.isArray(source) ? source : (source as { record: RecordValues; layOut: (r: RecordValues) => (CellOut | undefined)[] }).layOut((source as { record: RecordValues }).record);
}

/** A row appended whole to a table: its cells from the table's first column, sharing the append's kinds and styles. */
export interface AppendedRow {
  readonly table: string;
  readonly left: number;
  readonly source: RowSource;
  /** How many columns from `left` the row spans. */
  readonly width: number;
  readonly kinds: readonly (CellKind | undefined)[];
  readonly styles: readonly (string | undefined)[];
  /** Formulas of calculated columns, where a value is undefined. */
  readonly formulas?: readonly (string | undefined)[];
}

/**
 * The edits of one row: a row appended whole (kept as its array of values, so that an import of
 * 100,000 rows holds 100,000 arrays rather than a million cell objects) and single cells written
 * over it or over a row of the file.
 */
export class RowEdits {
  appended?: AppendedRow;
  private cells?: Map<number, CellEdit>;

  get(column: number): CellEdit | undefined {
    const cell = this.cells?.get(column);
    if (cell) return cell;
    const a = this.appended;
    if (!a) return undefined;
    const i = column - a.left;
    const formula = a.formulas?.[i];
    if (formula !== undefined) return { write: { formula }, styleAbove: a.styles[i], newRow: true, table: a.table };
    const value = cellsOf(a.source)[i];
    return value === undefined ? undefined : { write: { value }, kind: a.kinds[i], styleAbove: a.styles[i], newRow: true, table: a.table };
  }

  set(column: number, edit: CellEdit): void {
    (this.cells ??= new Map()).set(column, edit);
  }

  /** Only a row appended whole, no single cell written over it. */
  get onlyAppended(): boolean {
    return this.appended !== undefined && this.cells === undefined;
  }

  /** The first and last column written (without laying out an appended row). */
  span(): [number, number] | undefined {
    let low = Infinity;
    let high = -Infinity;
    const a = this.appended;
    if (a) {
      const width = Array.isArray(a.source) ? a.source.length : a.width;
      low = a.left;
      high = a.left + width - 1;
    }
    for (const column of this.cells?.keys() ?? []) {
      low = Math.min(low, column);
      high = Math.max(high, column);
    }
    return low <= high ? [low, high] : undefined;
  }

  columns(): number[] {
    const columns = new Set(this.cells?.keys() ?? []);
    const a = this.appended;
    if (a) cellsOf(a.source).forEach((v, i) => (v !== undefined || a.formulas?.[i] !== undefined) && columns.add(a.left + i));
    return [...columns].sort((x, y) => x - y);
  }

  *[Symbol.iterator](): Generator<[number, CellEdit]> {
    for (const column of this.columns()) yield [column, this.get(column)!];
  }

  hasFormula(): boolean {
    return (this.appended?.formulas?.some((f) => f !== undefined) ?? false) || [...(this.cells?.values() ?? [])].some((e) => 'formula' in e.write);
  }
}

export interface TableState {
  readonly name: string;
  readonly partPath: string;
  readonly part: TablePart;
  readonly sheet: SheetState;
  /** 1-based area as in the file (its right edge moves when the upgrade adds columns, which hold no cells yet). */
  fileArea: Area;
  /** The table part's text (changed when columns are added). */
  partXml: string;
  partChanged?: boolean;
  /** The last row now (grows as rows are appended). */
  bottom: number;
  headers?: string[];
  /** The table's last rows as in the file (cells and styles), read once. */
  tail?: FileRow[];
}

export interface FileRow {
  /** 1-based worksheet row. */
  readonly row: number;
  readonly cells: CellIn[];
  readonly styles: (string | undefined)[];
  readonly formulas: boolean[];
}

/** A sheet copied from a template: its part (Latin-1, made this workbook's own), tables and print area. */
export interface ImportedSheet {
  readonly name: string;
  readonly state: string | undefined;
  readonly xml: string;
  readonly tables: readonly { readonly name: string; readonly xml: string; readonly rid: string }[];
  readonly localNames: readonly { readonly name: string; readonly text: string }[];
}

/** Rows of a table's end kept from the file: the claims window, a blank last row, the audit chain. */
export const TAIL_ROWS = CLAIM_WINDOW + 1;

export function writeValue(write: CellWrite): CellIn {
  if ('formula' in write) return null;
  const value = write.value;
  if (value === null) return null;
  return typeof value === 'object' ? value.text : value;
}

/** The segment of a part to start reading at to meet row `row` (0 without segments). */
export function startSegment(entry: ZipEntry | undefined, row: number): number {
  const segments = entry?.segments;
  if (!segments) return 0;
  let start = 0;
  segments.forEach((s, i) => {
    if (s.firstRow !== 0 && s.firstRow <= row) start = i;
  });
  return start;
}

/**
 * The new last row of a range (a validation's, a conditional format's, a print area's) that holds
 * a table's last row as the file has it, within the table's columns: the template's, over the
 * table's body (templateLayout.ts `bodyArea`), or the one Excel or the add-in left on the rows it
 * appended last (`C2:C40 C41`: each part that holds the last row grows). Undefined when it does
 * not grow: it ends above the table's last row, or reaches the new one already (a user's range
 * below the table, or a template's of version 4 and before until the upgrade bounds it).
 */
export function grownBottom(area: Area, tables: readonly TableState[]): number | undefined {
  for (const t of tables) {
    const { left, right, bottom: oldBottom } = t.fileArea;
    const overlaps = area.left <= right && area.right >= left;
    const holdsLastRow = area.top <= oldBottom && area.bottom >= oldBottom;
    if (overlaps && holdsLastRow && area.bottom < t.bottom) return t.bottom;
  }
  return undefined;
}

/**
 * The last row a range of template versions 1–4 takes when the upgrade bounds it to a table's
 * body (templateLayout.ts `LEGACY_LAST_ROW`): a range from the row under the table's header down
 * to row 20,001 exactly, within the table's columns, ends at the table's last row now. Undefined
 * for any other range (one a user made, or extended, stays as it is).
 */
export function boundedBottom(area: Area, tables: readonly TableState[]): number | undefined {
  for (const t of tables) {
    const { top, left, right } = t.fileArea;
    if (area.top === top + 1 && area.bottom === LEGACY_LAST_ROW && area.left >= left && area.right <= right) return t.bottom;
  }
  return undefined;
}
