/**
 * The in-memory workbook behind the Excel host: worksheets with sparse cells, tables, charts,
 * selection.
 *
 * Two kinds of methods live here:
 *
 * - Plain setup and inspection for tests and bridges (`addWorksheet`, `setCells`, `addTable`,
 *   `worksheet(name).values('A1:C3')`, `table(name).bodyValues()` …). They store what they are
 *   given literally (no input parsing, no table auto-expansion) and are not part of Office.js.
 * - Excel semantics used by the Office.js-like API (`writeRange`, `createTable`,
 *   `insertTableRows` …): input parsing, table auto-expansion, header normalization, validation
 *   with Excel's error codes. Code under test never calls these directly; it goes through a
 *   `HostClient` (see api.ts), which applies them only at `context.sync()`.
 */

import {
  MAX_COLUMNS,
  MAX_ROWS,
  type Rect,
  cellAddress,
  parseAddress,
  qualifiedAddress,
  rect,
  rectAddress,
  rectColumns,
  rectIntersection,
  rectOnSheet,
  rectRows,
  rectsOverlap,
} from './address';
import { type CellScalar, formatCellText, isDateFormat, parseCellInput, type ParsedInput } from './cells';
import { HostError, HostErrorCode, HostNotImplemented, invalidArgument, invalidOperation, itemNotFound } from './errors';
import { HostClient, columnWidthPoints, type HostClientOptions } from './api';
import { Calculation, NotComputed } from './formulas';

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

function isEmptyCell(c: HostCell): boolean {
  return (c.value === null || c.value === '') && c.formula === undefined && (c.numberFormat === 'General' || c.numberFormat === '') && !c.bold && !c.style;
}

/** Sheet and table names compare case-insensitively in Excel. */
function sameName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/** Excel's default column width in characters, and default row height in points. */
const DEFAULT_COLUMN_WIDTH = 8.43;
const DEFAULT_ROW_HEIGHT_POINTS = 15;

// ---------------------------------------------------------------------------------------------

export class HostWorksheet {
  readonly workbook: HostWorkbook;
  readonly id: string;
  private _name: string;
  private _visibility: SheetVisibility = 'Visible';
  frozenRows = 0;
  frozenColumns = 0;
  /** The range with filter buttons on its first row (`worksheet.autoFilter.apply`), or null. */
  autoFilter: Rect | null = null;
  /** Column widths in characters (the unit of the xlsx `<col width>`), by 0-based column. */
  readonly columnWidths = new Map<number, number>();
  /**
   * Data validations: exceljs' model (type, operator, formulae, messages) by the address it covers.
   * `range.dataValidation` reads and writes them; the xlsx bridge carries them.
   */
  dataValidations: Record<string, unknown> = {};
  /** Merged areas: `range.merge()`. */
  merges: Rect[] = [];
  /** Hidden columns (0-based): `range.columnHidden`. */
  readonly hiddenColumns = new Set<number>();
  /** Row heights in points, by 0-based row (rows not listed have the default height): `format.rowHeight`. */
  readonly rowHeights = new Map<number, number>();
  /** The print area(s), or empty: `pageLayout.setPrintArea`. */
  printArea: Rect[] = [];
  /** Manual page breaks: a page ends after each of these 0-based rows (`horizontalPageBreaks.add`). */
  rowBreaks: number[] = [];
  /*
   * What the xlsx bridge carries from the file a workbook was read from to the file it writes, so
   * that nothing Excel keeps is lost on the way (issue 11), but the host's API neither reads nor
   * changes (Office.js would: `conditionalFormats`, `pageLayout`'s paper, margins, headers and
   * footers, `tabColor` — not implemented here).
   */
  /** Conditional formats, opaque: exceljs' model (ranges and rules). */
  conditionalFormats: unknown[] = [];
  /**
   * Page setup, opaque: exceljs' model (paper, orientation, fit to page, margins, centring …),
   * except the print area, which is `printArea`.
   */
  pageSetup: Record<string, unknown> | null = null;
  /** Headers and footers, opaque: exceljs' model (oddHeader, oddFooter …). */
  headerFooter: Record<string, unknown> | null = null;
  /** The sheet tab's colour, opaque (exceljs' model), or null. */
  tabColor: unknown = null;
  /**
   * The cells selected on this sheet (sheet-local A1), or null if none were (Excel's A1). Excel
   * keeps a selection per sheet: activating a sheet, like clicking its tab, shows its own again.
   */
  selectedAddress: string | null = null;
  private readonly grid = new Map<number, Map<number, HostCell>>();
  /** Where the formula cells are (row * MAX_COLUMNS + col), for calculation. */
  private readonly formulaKeys = new Set<number>();
  private readonly chartList: HostChart[] = [];
  /** Numbers the sheet's drawing objects ("Chart 1", "Chart 2" …); never reused after a delete. */
  private drawingCounter = 0;
  private _deleted = false;

  constructor(workbook: HostWorkbook, id: string, name: string) {
    this.workbook = workbook;
    this.id = id;
    this._name = name;
  }

  get name(): string {
    return this._name;
  }

  /** Renames with Excel's validation (see `HostWorkbook.checkSheetName`). */
  set name(value: string) {
    if (value === this._name) return;
    this.workbook.checkSheetName(value, this);
    this._name = value;
    this.workbook._contentsChanged(); // formulas naming the sheet find it, or no longer do
  }

  get visibility(): SheetVisibility {
    return this._visibility;
  }

  /** Changes visibility; the last visible sheet cannot be hidden (InvalidOperation). */
  set visibility(value: SheetVisibility) {
    if (value !== 'Visible' && value !== 'Hidden' && value !== 'VeryHidden') {
      throw invalidArgument(`"${String(value)}" is not a sheet visibility (Visible, Hidden, VeryHidden).`);
    }
    if (value !== 'Visible' && this._visibility === 'Visible') {
      const othersVisible = this.workbook.worksheets.some((s) => s !== this && s.visibility === 'Visible');
      if (!othersVisible) throw invalidOperation(`Cannot hide "${this._name}": a workbook must keep at least one visible sheet.`);
    }
    this._visibility = value;
    if (value !== 'Visible' && this.workbook.activeWorksheet === this) {
      this.workbook.activeWorksheet = this.workbook.worksheets.find((s) => s.visibility === 'Visible') ?? null;
    }
  }

  /** 0-based position in the workbook's sheet order. */
  get position(): number {
    return this.workbook.worksheets.indexOf(this);
  }

  get tables(): HostTable[] {
    return this.workbook.tables.filter((t) => t.worksheet === this);
  }

  /** The sheet's charts in order of creation (what `worksheet.charts` lists). */
  get charts(): readonly HostChart[] {
    return this.chartList;
  }

  /** The first chart named `name` (case-insensitive), as `charts.getItem` finds it. */
  findChart(name: string): HostChart | undefined {
    return this.chartList.find((c) => sameName(c.name, name));
  }

  /** True once the sheet was deleted (`worksheet.delete()`); proxies still holding it fail. */
  get isDeleted(): boolean {
    return this._deleted;
  }

  /** @internal Used by `HostWorkbook` only: "Chart 1", "Chart 2" … */
  _nextDrawingName(kind: string): string {
    return `${kind} ${++this.drawingCounter}`;
  }

  /** @internal Used by `HostWorkbook` only. */
  _attachChart(chart: HostChart): void {
    this.chartList.push(chart);
  }

  /** @internal Used by `HostWorkbook` only. */
  _detachChart(chart: HostChart): void {
    const i = this.chartList.indexOf(chart);
    if (i >= 0) this.chartList.splice(i, 1);
  }

  /** @internal Used by `HostWorkbook.deleteWorksheet` only. */
  _markDeleted(): void {
    this._deleted = true;
    for (const c of [...this.chartList]) this.workbook.deleteChart(c);
  }

  /**
   * Distance in points from the sheet's left edge to the left edge of column `col`. Columns are
   * 8.43 characters (48 pt) wide unless `columnWidths` says otherwise (see `columnWidthPoints`).
   */
  columnLeft(col: number): number {
    const standard = columnWidthPoints(DEFAULT_COLUMN_WIDTH);
    let points = col * standard;
    for (const [c, w] of this.columnWidths) if (c < col) points += columnWidthPoints(w) - standard;
    return points;
  }

  /**
   * Distance in points from the sheet's top edge to the top of row `row`. The host has no row
   * heights: every row is Excel's default 15 pt (20 px, Calibri 11).
   */
  rowTop(row: number): number {
    return row * DEFAULT_ROW_HEIGHT_POINTS;
  }

  cell(row: number, col: number): HostCell | undefined {
    return this.grid.get(row)?.get(col);
  }

  /** The cell, its formula (if it has one) computed as it stands now (see formulas.ts). */
  calculatedCell(row: number, col: number): HostCell | undefined {
    const cell = this.cell(row, col);
    if (cell?.formula !== undefined) this.workbook._calculate(this, row, col, cell);
    return cell;
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
    this.workbook._contentsChanged();
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
    if (p.sheet !== undefined && !sameName(p.sheet, this._name)) {
      throw invalidArgument(`The address "${address}" is not on sheet "${this._name}".`);
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

// ---------------------------------------------------------------------------------------------

export class HostTable {
  readonly id: string;
  private _name: string;
  readonly worksheet: HostWorksheet;
  /** 0-based row of the header. */
  top: number;
  /** 0-based first column. */
  left: number;
  /** Rows including the header (always >= 2: a table keeps at least one body row). */
  rowCount: number;
  columnCount: number;
  /** Table style name (e.g. "TableStyleMedium2"), carried opaquely. */
  style: string | undefined;
  /** Row stripes etc. from xlsx, carried opaquely through the bridge. */
  styleOptions: Record<string, unknown> | undefined;

  constructor(worksheet: HostWorksheet, id: string, name: string, area: Rect) {
    this.worksheet = worksheet;
    this.id = id;
    this._name = name;
    this.top = area.top;
    this.left = area.left;
    this.rowCount = rectRows(area);
    this.columnCount = rectColumns(area);
  }

  get name(): string {
    return this._name;
  }

  /** Renames with Excel's validation (unique workbook-wide, case-insensitively). */
  set name(value: string) {
    if (value === this._name) return;
    this.worksheet.workbook.checkTableName(value, this);
    this._name = value;
  }

  get rect(): Rect {
    return rect(this.top, this.left, this.top + this.rowCount - 1, this.left + this.columnCount - 1);
  }

  get headerRect(): Rect {
    return rect(this.top, this.left, this.top, this.left + this.columnCount - 1);
  }

  get bodyRect(): Rect {
    return rect(this.top + 1, this.left, this.top + this.rowCount - 1, this.left + this.columnCount - 1);
  }

  get bodyRowCount(): number {
    return this.rowCount - 1;
  }

  /** "Sheet1!A1:C5" */
  get address(): string {
    return qualifiedAddress(this.worksheet.name, this.rect);
  }

  /** Column names: the header cells' values as text. */
  headerNames(): string[] {
    const names: string[] = [];
    for (let c = 0; c < this.columnCount; c++) {
      const cell = this.worksheet.cell(this.top, this.left + c);
      names.push(cell ? headerText(cell) : '');
    }
    return names;
  }

  /** Stored values of the body rows (formula cells give their cached value). */
  bodyValues(): CellScalar[][] {
    return this.worksheet.values(rectAddress(this.bodyRect));
  }
}

function headerText(cell: HostCell): string {
  const v = cell.value;
  if (v === null) return '';
  if (typeof v === 'string') return v;
  return formatCellText(v, cell.numberFormat);
}

// ---------------------------------------------------------------------------------------------
// Charts
//
// A chart lives on one worksheet (in `worksheet.charts`, in order of creation) and goes with it.
// What the host models (ExcelApi 1.1–1.8, checked against the Office.js reference):
// - `charts.add(type, source, seriesBy)` lays the source block out as Excel does when inserting a
//   chart: labels in the first row and/or column name the series and the categories, every other
//   column (seriesBy "Columns") or row ("Rows") is one series. "Auto" is taken as "Columns", which
//   is what Excel on the web does (Excel on desktop guesses from the shape of the data).
// - Series keep references to their cells (name, categories, values), as Excel's SERIES formula
//   does; their values read the cells as they are now. Names are taken from the name cells when
//   the chart is made (Excel keeps them linked; the host does not follow later edits of the cell).
// - A chart has a position and size in points, a title and a legend; a series has a chart type
//   (combination charts) and an axis group.
// Nothing of a chart is drawn, nor carried to .xlsx (see xlsxBridge.ts).

/**
 * The `Excel.ChartType` values. "Invalid" is a member of that enum but names no chart, so it is
 * not listed: creating a chart of it is an InvalidArgument, like any unknown string.
 */
export const CHART_TYPES = [
  'ColumnClustered', 'ColumnStacked', 'ColumnStacked100', '3DColumnClustered', '3DColumnStacked', '3DColumnStacked100',
  'BarClustered', 'BarStacked', 'BarStacked100', '3DBarClustered', '3DBarStacked', '3DBarStacked100',
  'LineStacked', 'LineStacked100', 'LineMarkers', 'LineMarkersStacked', 'LineMarkersStacked100',
  'PieOfPie', 'PieExploded', '3DPieExploded', 'BarOfPie',
  'XYScatterSmooth', 'XYScatterSmoothNoMarkers', 'XYScatterLines', 'XYScatterLinesNoMarkers',
  'AreaStacked', 'AreaStacked100', '3DAreaStacked', '3DAreaStacked100', 'DoughnutExploded', 'RadarMarkers', 'RadarFilled',
  'Surface', 'SurfaceWireframe', 'SurfaceTopView', 'SurfaceTopViewWireframe', 'Bubble', 'Bubble3DEffect',
  'StockHLC', 'StockOHLC', 'StockVHLC', 'StockVOHLC',
  'CylinderColClustered', 'CylinderColStacked', 'CylinderColStacked100', 'CylinderBarClustered', 'CylinderBarStacked', 'CylinderBarStacked100', 'CylinderCol',
  'ConeColClustered', 'ConeColStacked', 'ConeColStacked100', 'ConeBarClustered', 'ConeBarStacked', 'ConeBarStacked100', 'ConeCol',
  'PyramidColClustered', 'PyramidColStacked', 'PyramidColStacked100', 'PyramidBarClustered', 'PyramidBarStacked', 'PyramidBarStacked100', 'PyramidCol',
  '3DColumn', 'Line', '3DLine', '3DPie', 'Pie', 'XYScatter', '3DArea', 'Area', 'Doughnut', 'Radar',
  'Histogram', 'Boxwhisker', 'Pareto', 'RegionMap', 'Treemap', 'Waterfall', 'Sunburst', 'Funnel',
] as const;

export type HostChartType = (typeof CHART_TYPES)[number];

/**
 * Types the host does not build (HostNotImplemented): their data is not "one series per row or
 * column" — a histogram bins values, and box & whisker, Pareto, region map, treemap, waterfall,
 * sunburst and funnel are ExcelApi 1.9 types with layouts of their own.
 */
export const UNMODELLED_CHART_TYPES: ReadonlySet<string> = new Set(['Histogram', 'Boxwhisker', 'Pareto', 'RegionMap', 'Treemap', 'Waterfall', 'Sunburst', 'Funnel']);

/**
 * The 2-D types the host lets a combination chart mix (a series of a multi-series chart may move
 * between them, and onto the secondary axis). Excel refuses some other mixes (3-D with 2-D, pie
 * with column …) in ways the host does not model: those throw HostNotImplemented.
 */
const COMBINABLE_CHART_TYPES: ReadonlySet<string> = new Set([
  'ColumnClustered', 'ColumnStacked', 'ColumnStacked100', 'BarClustered', 'BarStacked', 'BarStacked100',
  'Line', 'LineStacked', 'LineStacked100', 'LineMarkers', 'LineMarkersStacked', 'LineMarkersStacked100',
  'Area', 'AreaStacked', 'AreaStacked100',
  'XYScatter', 'XYScatterLines', 'XYScatterLinesNoMarkers', 'XYScatterSmooth', 'XYScatterSmoothNoMarkers',
]);

export type HostChartSeriesBy = 'Columns' | 'Rows';
export type HostChartAxisGroup = 'Primary' | 'Secondary';
/** `Excel.ChartLegendPosition` without "Invalid" (no position) and "Custom" (a legend moved by hand). */
export type HostChartLegendPosition = 'Top' | 'Bottom' | 'Left' | 'Right' | 'Corner';

/** Excel's default size of a new chart: 5 × 3 inches. */
export const DEFAULT_CHART_WIDTH_POINTS = 360;
export const DEFAULT_CHART_HEIGHT_POINTS = 216;
/** Excel's limit of series in one chart. */
const MAX_CHART_SERIES = 255;
/** `ChartSeries.name`: "should not be greater than 255 characters". */
const MAX_SERIES_NAME_LENGTH = 255;

/** A chart type given through the API, validated: InvalidArgument, or HostNotImplemented. */
export function checkChartType(value: unknown): HostChartType {
  if (typeof value !== 'string' || !(CHART_TYPES as readonly string[]).includes(value)) {
    throw invalidArgument(`"${String(value)}" is not a chart type (Excel.ChartType).`);
  }
  if (UNMODELLED_CHART_TYPES.has(value)) throw new HostNotImplemented(`Excel.ChartType "${value}"`, 'the host does not lay out this chart type');
  return value as HostChartType;
}

/** `Excel.ChartSeriesBy`: "Auto" (also when omitted) plots by columns, as Excel on the web does. */
export function checkChartSeriesBy(value: unknown): HostChartSeriesBy {
  if (value === undefined || value === null || value === 'Auto' || value === 'Columns') return 'Columns';
  if (value === 'Rows') return 'Rows';
  throw invalidArgument(`"${String(value)}" is not a way of plotting series (Auto, Columns, Rows).`);
}

export function checkChartAxisGroup(value: unknown): HostChartAxisGroup {
  if (value === 'Primary' || value === 'Secondary') return value;
  throw invalidArgument(`"${String(value)}" is not an axis group (Primary, Secondary).`);
}

export function checkChartLegendPosition(value: unknown): HostChartLegendPosition {
  if (value === 'Top' || value === 'Bottom' || value === 'Left' || value === 'Right' || value === 'Corner') return value;
  if (value === 'Custom') throw new HostNotImplemented('Excel.ChartLegend.position = "Custom"', 'a position Excel gives a legend moved by hand');
  throw invalidArgument(`"${String(value)}" is not a legend position (Top, Bottom, Left, Right, Corner).`);
}

function isPieLike(type: HostChartType): boolean {
  return /Pie|Doughnut/.test(type);
}

export interface HostChartTitle {
  text: string;
  visible: boolean;
  overlay: boolean;
}

export class HostChartLegend {
  visible: boolean;
  overlay = false;
  private _position: HostChartLegendPosition = 'Bottom';

  constructor(visible: boolean) {
    this.visible = visible;
  }

  get position(): HostChartLegendPosition {
    return this._position;
  }

  /** One of Top, Bottom, Left, Right, Corner (InvalidArgument otherwise; "Custom" is not modelled). */
  set position(value: HostChartLegendPosition) {
    this._position = checkChartLegendPosition(value);
  }
}

export class HostChartSeries {
  readonly chart: HostChart;
  private _name: string;
  private _chartType: HostChartType;
  private _axisGroup: HostChartAxisGroup = 'Primary';
  /** The cell the name came from; null when the series has no name cell or its name was set. */
  nameRect: Rect | null;
  /** Category labels (the label column or row of the source); null: categories are 1, 2, 3 … */
  readonly categoriesRect: Rect | null;
  readonly valuesRect: Rect;

  constructor(chart: HostChart, name: string, chartType: HostChartType, nameRect: Rect | null, categoriesRect: Rect | null, valuesRect: Rect) {
    this.chart = chart;
    this._name = name;
    this._chartType = chartType;
    this.nameRect = nameRect;
    this.categoriesRect = categoriesRect;
    this.valuesRect = valuesRect;
  }

  get index(): number {
    return this.chart.series.indexOf(this);
  }

  get name(): string {
    return this._name;
  }

  /** Sets a literal name (the link to the name cell goes). At most 255 characters. */
  set name(value: string) {
    if (typeof value !== 'string') throw invalidArgument('A series name must be a string.');
    if (value.length > MAX_SERIES_NAME_LENGTH) throw invalidArgument(`A series name has at most ${MAX_SERIES_NAME_LENGTH} characters.`);
    this._name = value;
    this.nameRect = null;
  }

  get chartType(): HostChartType {
    return this._chartType;
  }

  /**
   * Makes this series another type (a combination chart). In a chart of several series the host
   * only mixes the 2-D column, bar, line, area and scatter types (see COMBINABLE_CHART_TYPES).
   */
  set chartType(value: HostChartType) {
    const type = checkChartType(value);
    const others = this.chart.series.filter((s) => s !== this);
    if (others.length > 0 && type !== this._chartType) {
      const mixed = [type, ...others.map((s) => s.chartType)];
      if (!mixed.every((t) => COMBINABLE_CHART_TYPES.has(t))) {
        throw new HostNotImplemented(`Excel.ChartSeries.chartType = "${type}"`, `combining ${[...new Set(mixed)].join(', ')} in one chart is not modelled`);
      }
    }
    this._chartType = type;
  }

  /** @internal The chart's type applied to every series (`chart.chartType = …`). */
  _setType(type: HostChartType): void {
    this._chartType = type;
  }

  get axisGroup(): HostChartAxisGroup {
    return this._axisGroup;
  }

  set axisGroup(value: HostChartAxisGroup) {
    const group = checkChartAxisGroup(value);
    if (group === 'Secondary' && !COMBINABLE_CHART_TYPES.has(this._chartType)) {
      throw new HostNotImplemented(`Excel.ChartSeries.axisGroup = "Secondary"`, `a secondary axis for a ${this._chartType} series is not modelled`);
    }
    this._axisGroup = group;
  }

  /** "Sheet1!B1" (the source sheet's name as it is now; "#REF!" once that sheet is deleted), or null. */
  get nameAddress(): string | null {
    return this.nameRect ? this.chart.reference(this.nameRect) : null;
  }

  get categoriesAddress(): string | null {
    return this.categoriesRect ? this.chart.reference(this.categoriesRect) : null;
  }

  get valuesAddress(): string {
    return this.chart.reference(this.valuesRect);
  }

  /** The values cells as they are now (cached results for formulas; null for empty cells). */
  values(): CellScalar[] {
    return this.chart.cellsOf(this.valuesRect);
  }

  /** The category labels as they are now, or null when the source had no label row/column. */
  categories(): CellScalar[] | null {
    return this.categoriesRect ? this.chart.cellsOf(this.categoriesRect) : null;
  }
}

export class HostChart {
  readonly worksheet: HostWorksheet;
  readonly id: string;
  private _name: string;
  private _chartType: HostChartType;
  /** Where the data came from (possibly another sheet than the chart's). */
  readonly sourceSheet: HostWorksheet;
  readonly sourceRect: Rect;
  /** How the source was split into series ("Auto" was resolved to "Columns"). */
  readonly seriesBy: HostChartSeriesBy;
  readonly title: HostChartTitle;
  readonly legend: HostChartLegend;
  /** Position and size in points from the sheet's top-left corner. */
  top = 0;
  left = 0;
  width = DEFAULT_CHART_WIDTH_POINTS;
  height = DEFAULT_CHART_HEIGHT_POINTS;
  private readonly seriesList: HostChartSeries[] = [];
  private _deleted = false;

  constructor(
    worksheet: HostWorksheet,
    id: string,
    name: string,
    chartType: HostChartType,
    source: { sheet: HostWorksheet; rect: Rect },
    seriesBy: HostChartSeriesBy,
    layout: readonly ChartSeriesLayout[],
  ) {
    this.worksheet = worksheet;
    this.id = id;
    this._name = name;
    this._chartType = chartType;
    this.sourceSheet = source.sheet;
    this.sourceRect = source.rect;
    this.seriesBy = seriesBy;
    for (const l of layout) this.seriesList.push(new HostChartSeries(this, l.name, chartType, l.nameRect, l.categoriesRect, l.valuesRect));
    // Excel's default layout (2013 and later): a title, which is the series name when there is a
    // single named series; a legend at the bottom when there are several series, or for pies and
    // doughnuts (whose legend lists categories).
    const only = this.seriesList.length === 1 ? this.seriesList[0]! : null;
    this.title = { text: only?.nameRect ? only.name : 'Chart Title', visible: true, overlay: false };
    this.legend = new HostChartLegend(this.seriesList.length > 1 || isPieLike(chartType));
  }

  get series(): readonly HostChartSeries[] {
    return this.seriesList;
  }

  get name(): string {
    return this._name;
  }

  /** Any non-empty text; charts of a sheet may share a name (`getItem` finds the first). */
  set name(value: string) {
    if (typeof value !== 'string') throw invalidArgument('A chart name must be a string.');
    if (value === '') throw new HostNotImplemented('Excel.Chart.name = ""', 'what Excel does with an empty chart name is not modelled');
    this._name = value;
  }

  /** The type the chart was made with (or last set to); series may differ in a combination chart. */
  get chartType(): HostChartType {
    return this._chartType;
  }

  /** Makes the whole chart (every series) of this type; series keep their axis group. */
  set chartType(value: HostChartType) {
    const type = checkChartType(value);
    if (!COMBINABLE_CHART_TYPES.has(type) && this.seriesList.some((s) => s.axisGroup === 'Secondary')) {
      throw new HostNotImplemented(`Excel.Chart.chartType = "${type}"`, 'what Excel does with series on the secondary axis then is not modelled');
    }
    this._chartType = type;
    for (const s of this.seriesList) s._setType(type);
  }

  get position(): { top: number; left: number; width: number; height: number } {
    return { top: this.top, left: this.left, width: this.width, height: this.height };
  }

  /** The source range, e.g. "Sheet1!A1:D13" ("#REF!" once its sheet is deleted). */
  get sourceAddress(): string {
    return this.reference(this.sourceRect);
  }

  get isDeleted(): boolean {
    return this._deleted;
  }

  /** A reference into the source sheet, as the chart's SERIES formula would hold it. */
  reference(r: Rect): string {
    return this.sourceSheet.isDeleted ? '#REF!' : qualifiedAddress(this.sourceSheet.name, r);
  }

  /** The stored values of a one-row or one-column rectangle of the source sheet, in order. */
  cellsOf(r: Rect): CellScalar[] {
    const out: CellScalar[] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) out.push(this.sourceSheet.isDeleted ? null : (this.sourceSheet.cell(row, col)?.value ?? null));
    }
    return out;
  }

  /** @internal Used by `HostWorkbook.deleteChart` only. */
  _markDeleted(): void {
    this._deleted = true;
  }
}

/** One series of a chart about to be made: its name and where its cells are. */
export interface ChartSeriesLayout {
  name: string;
  nameRect: Rect | null;
  categoriesRect: Rect | null;
  valuesRect: Rect;
}

type LabelKind = 'blank' | 'text' | 'date' | 'data';

function labelKind(c: HostCell | undefined): LabelKind {
  if (!c) return 'blank';
  if (c.formula !== undefined && c.value === null) return 'data'; // a result the host cannot compute
  const v = c.value;
  if (v === null || v === '') return 'blank';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number' && isDateFormat(c.numberFormat)) return 'date';
  return 'data';
}

/**
 * How Excel splits a source block into series when a chart is inserted. Excel's rule is not
 * published; the host models the common ground of what it is observed to do:
 *
 * - An empty top-left cell (with at least 2 rows and 2 columns) makes the first row the series
 *   names and the first column the category labels, whatever they hold (the "blank corner" idiom
 *   users rely on for numeric labels such as years).
 * - Otherwise the first row names the series when it holds text and nothing else (blanks aside),
 *   and the first column labels the categories when its cells below the first row are text or
 *   dates (and the corner is text). A first column of numbers (e.g. years under a "Year" header)
 *   is plotted as one more series, as Excel does.
 * - Each remaining column ("Columns") or row ("Rows") is one series; a series without a name cell
 *   is called "Series1", "Series2" … by its position.
 */
export function chartSeriesLayout(sheet: HostWorksheet, r: Rect, by: HostChartSeriesBy): ChartSeriesLayout[] {
  const rows = rectRows(r);
  const cols = rectColumns(r);
  const kind = (i: number, j: number): LabelKind => labelKind(sheet.cell(r.top + i, r.left + j));
  let headerRow: boolean;
  let labelColumn: boolean;
  if (rows >= 2 && cols >= 2 && kind(0, 0) === 'blank') {
    headerRow = true;
    labelColumn = true;
  } else {
    let rowText = false;
    let rowOnlyText = true;
    for (let j = 0; j < cols && rowOnlyText; j++) {
      const k = kind(0, j);
      if (k === 'text') rowText = true;
      else if (k !== 'blank') rowOnlyText = false;
    }
    headerRow = rows >= 2 && rowOnlyText && rowText;
    let colLabels = false;
    let colOnlyLabels = kind(0, 0) === 'text' || kind(0, 0) === 'blank';
    for (let i = 1; i < rows && colOnlyLabels; i++) {
      const k = kind(i, 0);
      if (k === 'text' || k === 'date') colLabels = true;
      else if (k !== 'blank') colOnlyLabels = false;
    }
    labelColumn = cols >= 2 && colOnlyLabels && colLabels;
  }
  const dataTop = r.top + (headerRow ? 1 : 0);
  const dataLeft = r.left + (labelColumn ? 1 : 0);
  const out: ChartSeriesLayout[] = [];
  const nameOf = (cellRect: Rect | null): string => {
    const c = cellRect ? sheet.cell(cellRect.top, cellRect.left) : undefined;
    const text = c ? headerText(c) : '';
    return text !== '' ? text : `Series${out.length + 1}`;
  };
  if (by === 'Columns') {
    const categoriesRect = labelColumn ? rect(dataTop, r.left, r.bottom, r.left) : null;
    for (let col = dataLeft; col <= r.right; col++) {
      const nameRect = headerRow ? rect(r.top, col, r.top, col) : null;
      out.push({ name: nameOf(nameRect), nameRect, categoriesRect, valuesRect: rect(dataTop, col, r.bottom, col) });
    }
  } else {
    const categoriesRect = headerRow ? rect(r.top, dataLeft, r.top, r.right) : null;
    for (let row = dataTop; row <= r.bottom; row++) {
      const nameRect = labelColumn ? rect(row, r.left, row, r.left) : null;
      out.push({ name: nameOf(nameRect), nameRect, categoriesRect, valuesRect: rect(row, dataLeft, row, r.right) });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Result of a client-visible write, for the API layer. */
export type WriteMode = 'values' | 'formulas' | 'numberFormat';
export type ClearTarget = 'All' | 'Contents' | 'Formats';

const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

export class HostWorkbook {
  private readonly sheetList: HostWorksheet[] = [];
  private readonly tableList: HostTable[] = [];
  private nextId = 1;
  /** The active sheet (`worksheets.getActiveWorksheet()`); the first sheet added by default. */
  activeWorksheet: HostWorksheet | null = null;

  /**
   * What the user sees selected: the active sheet's selection (sheet name and sheet-local address),
   * or null when nothing was selected on it (Excel shows A1).
   */
  get selection(): { sheet: string; address: string } | null {
    const sheet = this.activeWorksheet;
    return sheet && sheet.selectedAddress !== null ? { sheet: sheet.name, address: sheet.selectedAddress } : null;
  }
  /**
   * Workbook-level defined names, as the xlsx bridge carries them (list validations use them):
   * `workbook.names` lists and adds them; `ranges` hold each reference without its "=".
   */
  definedNames: { name: string; ranges: string[] }[] = [];
  /** The formula results computed since the last change (formulas.ts), or null after a change. */
  private calculation: Calculation | null = null;
  /** Whether every formula was computed since the last change. */
  private calculatedAll = false;

  /** @internal A cell or a sheet changed: formulas are computed again when next read. */
  _contentsChanged(): void {
    this.calculation = null;
    this.calculatedAll = false;
  }

  /** @internal Stores the result of a formula cell, if the host computes it (else it keeps its cached one). */
  _calculate(sheet: HostWorksheet, row: number, col: number, cell: HostCell): void {
    this.calculation ??= new Calculation(this);
    const result = this.calculation.cellResult(sheet, row, col);
    if (!(result instanceof NotComputed)) cell.value = result; // a cached result: not a change
  }

  /**
   * Computes every formula the host can compute (formulas.ts), as Excel's automatic calculation
   * does, unless nothing changed since the last time. The xlsx bridge calls it after reading and
   * before writing a file, the preview before showing a sheet; the API computes the cells it reads.
   */
  recalculate(): void {
    if (this.calculatedAll) return;
    for (const sheet of this.sheetList) for (const [row, col, cell] of sheet.formulaCells()) this._calculate(sheet, row, col, cell);
    this.calculatedAll = true;
  }
  /** The workbook's file name (`workbook.name`): "Book1" until it is saved, as in Excel. */
  name = 'Book1';

  get worksheets(): readonly HostWorksheet[] {
    return this.sheetList;
  }

  get tables(): readonly HostTable[] {
    return this.tableList;
  }

  /** A new Office.js-like client on this workbook (see api.ts). */
  client(options?: HostClientOptions): HostClient {
    return new HostClient(this, options);
  }

  // ----- setup and inspection ---------------------------------------------------------------

  /** Adds a sheet at the end (or at `position`), validating the name as Excel does. */
  addWorksheet(name: string, options: { visibility?: SheetVisibility; position?: number } = {}): HostWorksheet {
    this.checkSheetName(name);
    const ws = new HostWorksheet(this, `{${String(this.nextId++).padStart(8, '0')}-0000-0000-0000-000000000000}`, name);
    const pos = options.position ?? this.sheetList.length;
    this.sheetList.splice(Math.max(0, Math.min(pos, this.sheetList.length)), 0, ws);
    this._contentsChanged();
    if (!this.activeWorksheet) this.activeWorksheet = ws;
    if (options.visibility && options.visibility !== 'Visible') ws.visibility = options.visibility;
    return ws;
  }

  findWorksheet(name: string): HostWorksheet | undefined {
    return this.sheetList.find((s) => sameName(s.name, name));
  }

  /** The sheet named `name` (case-insensitive); throws ItemNotFound. */
  worksheet(name: string): HostWorksheet {
    const ws = this.findWorksheet(name);
    if (!ws) throw itemNotFound(`There is no worksheet named "${name}".`);
    return ws;
  }

  findTable(name: string): HostTable | undefined {
    return this.tableList.find((t) => sameName(t.name, name));
  }

  /** The table named `name` (case-insensitive); throws ItemNotFound. */
  table(name: string): HostTable {
    const t = this.findTable(name);
    if (!t) throw itemNotFound(`There is no table named "${name}".`);
    return t;
  }

  /** Stores cells literally from `topLeft` ("B2"): strings stay strings, nothing is parsed. */
  setCells(sheet: string | HostWorksheet, topLeft: string, matrix: readonly (readonly SetupCell[])[]): void {
    const ws = typeof sheet === 'string' ? this.worksheet(sheet) : sheet;
    const origin = ws.parseLocal(topLeft);
    matrix.forEach((line, i) =>
      line.forEach((item, j) => {
        const row = origin.top + i;
        const col = origin.left + j;
        const existing = ws.cell(row, col);
        if (item !== null && typeof item === 'object') {
          const cell: HostCell = {
            value: item.value ?? null,
            numberFormat: item.numberFormat ?? existing?.numberFormat ?? 'General',
            style: existing?.style,
          };
          if (item.formula !== undefined) {
            if (!item.formula.startsWith('=')) throw new Error(`A formula must start with "=": ${item.formula}`);
            cell.formula = item.formula;
          }
          ws.setCell(row, col, cell);
        } else {
          ws.setCell(row, col, { value: item, numberFormat: existing?.numberFormat ?? 'General', style: existing?.style });
        }
      }),
    );
  }

  /**
   * Adds a table over `address` (header row first) literally: the header cells' values become
   * the column names (blank ones are filled with "ColumnN", duplicates get a number, as Excel
   * does). A header-only address gets one blank body row.
   */
  addTable(sheet: string | HostWorksheet, address: string, name?: string, options: { style?: string } = {}): HostTable {
    const ws = typeof sheet === 'string' ? this.worksheet(sheet) : sheet;
    const area = ws.parseLocal(address);
    const t = this.placeTable(ws, area, name);
    if (options.style !== undefined) t.style = options.style;
    return t;
  }

  /** Removes a table and leaves its cells, as Excel's `convertToRange` does (setup for tests). */
  removeTable(t: HostTable): void {
    const i = this.tableList.indexOf(t);
    if (i < 0) throw itemNotFound(`There is no table named "${t.name}".`);
    this.tableList.splice(i, 1);
  }

  /**
   * Adds a chart to `sheet` over `sourceAddress` (which may name another sheet: "Data!A1:C5"),
   * laid out as `charts.add` does (see `chartSeriesLayout`).
   */
  addChart(
    sheet: string | HostWorksheet,
    type: HostChartType,
    sourceAddress: string,
    options: { name?: string; seriesBy?: 'Auto' | HostChartSeriesBy } = {},
  ): HostChart {
    const ws = typeof sheet === 'string' ? this.worksheet(sheet) : sheet;
    const p = parseAddress(sourceAddress);
    if (!p) throw invalidArgument(`"${sourceAddress}" is not an A1 address.`);
    const source = { sheet: p.sheet === undefined ? ws : this.worksheet(p.sheet), rect: p.rect };
    const chart = this.createChart(ws, type, source, options.seriesBy);
    if (options.name !== undefined) chart.name = options.name;
    return chart;
  }

  // ----- Excel rules --------------------------------------------------------------------------

  /** Excel's sheet-name rules: 1–31 characters, none of : \ / ? * [ ], no leading/trailing ', unique. */
  checkSheetName(name: string, self?: HostWorksheet): void {
    if (typeof name !== 'string' || name.length === 0 || name.length > 31) {
      throw invalidArgument(`A sheet name must have 1 to 31 characters: "${String(name)}".`);
    }
    if (/[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw invalidArgument(`A sheet name cannot contain : \\ / ? * [ ] or start or end with an apostrophe: "${name}".`);
    }
    if (name.toLowerCase() === 'history') throw invalidArgument('"History" is a reserved sheet name in Excel.');
    const other = this.findWorksheet(name);
    if (other && other !== self) throw new HostError(HostErrorCode.itemAlreadyExists, `A sheet named "${name}" already exists.`);
  }

  /** Excel's table-name rules: starts with a letter, _ or \, then letters, digits, _ . \; not a cell reference; unique. */
  checkTableName(name: string, self?: HostTable): void {
    if (typeof name !== 'string' || name.length === 0 || name.length > 255 || !TABLE_NAME.test(name)) {
      throw invalidArgument(`"${String(name)}" is not a valid table name (letters, digits, _ . \\; no spaces; starting with a letter or _).`);
    }
    if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) {
      throw invalidArgument(`"${name}" cannot be a table name: it reads as a cell reference.`);
    }
    const other = this.findTable(name);
    if (other && other !== self) throw invalidArgument(`A table named "${name}" already exists.`);
    if (this.findName(name)) throw invalidArgument(`"${name}" is already a defined name of this workbook.`);
  }

  private nextTableName(): string {
    for (let i = 1; ; i++) {
      const n = `Table${i}`;
      if (!this.findTable(n)) return n;
    }
  }

  private placeTable(ws: HostWorksheet, area0: Rect, name: string | undefined): HostTable {
    let area = area0;
    if (!rectOnSheet(area)) throw invalidArgument('The table range is off the sheet.');
    if (rectRows(area) === MAX_ROWS || rectColumns(area) === MAX_COLUMNS) throw invalidArgument('A table cannot span entire rows or columns.');
    if (rectRows(area) === 1) {
      if (area.bottom + 1 >= MAX_ROWS) throw invalidArgument('A table needs a body row below its header.');
      area = rect(area.top, area.left, area.bottom + 1, area.right);
    }
    for (const t of this.tableList) {
      if (t.worksheet === ws && rectsOverlap(t.rect, area)) {
        throw invalidArgument(`A table cannot overlap another table ("${t.name}" at ${t.address}).`);
      }
    }
    const tableName = name ?? this.nextTableName();
    this.checkTableName(tableName);
    const t = new HostTable(ws, String(this.nextId++), tableName, area);
    this.tableList.push(t);
    this.normalizeHeaders(t);
    return t;
  }

  /** Header cells hold unique, non-empty text, as Excel keeps them. */
  private normalizeHeaders(t: HostTable): void {
    const seen = new Set<string>();
    for (let c = 0; c < t.columnCount; c++) {
      const col = t.left + c;
      const cell = t.worksheet.cell(t.top, col);
      let name = cell ? headerText(cell) : '';
      if (name === '') name = `Column${c + 1}`;
      if (seen.has(name.toUpperCase())) {
        let k = 2;
        while (seen.has(`${name}${k}`.toUpperCase())) k++;
        name = `${name}${k}`;
      }
      seen.add(name.toUpperCase());
      if (!cell || cell.value !== name || cell.formula !== undefined) {
        t.worksheet.setCell(t.top, col, { value: name, numberFormat: cell?.numberFormat ?? 'General', style: cell?.style });
      }
    }
  }

  private tablesOn(ws: HostWorksheet): HostTable[] {
    return this.tableList.filter((t) => t.worksheet === ws);
  }

  // ----- Excel semantics for the API layer ----------------------------------------------------

  /**
   * Writes `values`, `formulas` or `numberFormat` to a range as Office.js does: the input must be
   * a 2-D array of exactly the range's shape (or a single value for every cell), else
   * InvalidArgument and nothing is written. Then Excel's table auto-expansion: writing into the
   * row just below a table, within its columns, makes those rows part of the table; writing a
   * header into the column just right of a table's header makes that column part of it.
   */
  writeRange(ws: HostWorksheet, area: Rect, input: unknown, mode: WriteMode): void {
    const rows = rectRows(area);
    const cols = rectColumns(area);
    let element: (i: number, j: number) => unknown;
    if (Array.isArray(input)) {
      if (input.length !== rows || !input.every((line) => Array.isArray(line) && line.length === cols)) {
        const got = `${input.length}×${Array.isArray(input[0]) ? (input[0] as unknown[]).length : '?'}`;
        throw invalidArgument(
          `The number of rows or columns in the input array (${got}) doesn't match the size of the range ${rectAddress(area)} (${rows}×${cols}).`,
        );
      }
      element = (i, j) => (input as unknown[][])[i]![j];
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
    if (mode !== 'numberFormat') this.afterContentWrite(ws, area);
  }

  /** Table auto-expansion and header upkeep after content was written to `area`. */
  private afterContentWrite(ws: HostWorksheet, area: Rect): void {
    for (const t of this.tablesOn(ws)) {
      const tr = t.rect;
      // Headers written directly: keep them unique text.
      if (area.top <= tr.top && tr.top <= area.bottom && area.left <= tr.right && area.right >= tr.left) this.normalizeHeaders(t);
      // Downwards: the written rows include the row just below the table, within its columns.
      const below = tr.bottom + 1;
      if (area.top <= below && below <= area.bottom && area.left <= tr.right && area.right >= tr.left && below < MAX_ROWS) {
        const hasContent = [...ws.cellsIn(rect(below, tr.left, below, tr.right))].some(
          ([, , c]) => (c.value !== null && c.value !== '') || c.formula !== undefined,
        );
        const grown = rect(tr.top, tr.left, area.bottom, tr.right);
        if (hasContent && !this.tablesOn(ws).some((o) => o !== t && rectsOverlap(o.rect, grown))) {
          t.rowCount = area.bottom - tr.top + 1;
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
        if (newRight > tr.right && !this.tablesOn(ws).some((o) => o !== t && rectsOverlap(o.rect, grown))) {
          t.columnCount = newRight - tr.left + 1;
          this.normalizeHeaders(t);
        }
      }
    }
  }

  /** `range.format.font.bold = …`: the font of every cell of `area`. */
  setBold(ws: HostWorksheet, area: Rect, bold: boolean): void {
    for (let row = area.top; row <= area.bottom; row++) {
      for (let col = area.left; col <= area.right; col++) {
        const existing = ws.cell(row, col);
        ws.setCell(row, col, { ...(existing ?? { value: null, numberFormat: 'General' }), bold });
      }
    }
  }

  /** `range.format.fill.color`, `font.color`, `verticalAlignment`, `wrapText`: a part of each cell's style. */
  setStyle(ws: HostWorksheet, area: Rect, change: (style: CellStyle) => CellStyle): void {
    for (let row = area.top; row <= area.bottom; row++) {
      for (let col = area.left; col <= area.right; col++) {
        const existing = ws.cell(row, col);
        const style = change(existing?.style ?? {});
        ws.setCell(row, col, { ...(existing ?? { value: null, numberFormat: 'General' }), style: Object.keys(style).length > 0 ? style : undefined });
      }
    }
  }

  // ----- data validation (`range.dataValidation`) --------------------------------------------

  /** The sheet's validation areas that share a cell with `area`, with their rules (exceljs' model). */
  validationsOver(ws: HostWorksheet, area: Rect): { key: string; rect: Rect; rule: Record<string, unknown> }[] {
    const found: { key: string; rect: Rect; rule: Record<string, unknown> }[] = [];
    for (const [key, rule] of Object.entries(ws.dataValidations)) {
      const r = parseAddress(key)?.rect;
      if (!r) throw new HostNotImplemented('a data validation over several areas', key);
      if (rectsOverlap(r, area)) found.push({ key, rect: r, rule: rule as Record<string, unknown> });
    }
    return found;
  }

  /**
   * `dataValidation.rule = …`: a new validation over `area`, or a new rule for the validation that
   * covers exactly `area` (its alert and blanks setting stay). Where `area` shares cells with
   * another validation the host refuses (InvalidArgument), as Excel on the web does for some such
   * ranges (office-js issue 2594): `dataValidation.clear()` first.
   */
  setValidationRule(ws: HostWorksheet, area: Rect, rule: Record<string, unknown>): void {
    const over = this.validationsOver(ws, area);
    const key = rectAddress(area);
    if (over.length === 1 && over[0]!.key === key) {
      const { type: _t, operator: _o, formulae: _f, ...kept } = over[0]!.rule;
      ws.dataValidations[key] = { ...kept, ...rule };
      return;
    }
    if (over.length > 0) throw invalidArgument(`The range ${key} already has data validation (${over.map((o) => o.key).join(', ')}); clear it first.`);
    ws.dataValidations[key] = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', ...rule };
  }

  /** `dataValidation.errorAlert` / `ignoreBlanks`: a setting of the validation that covers exactly `area`. */
  setValidationSettings(ws: HostWorksheet, area: Rect, settings: Record<string, unknown>): void {
    const key = rectAddress(area);
    const over = this.validationsOver(ws, area);
    if (over.length !== 1 || over[0]!.key !== key) {
      throw new HostNotImplemented('Excel.DataValidation settings', `on ${key}, which is not exactly one validation's range (set the rule first)`);
    }
    ws.dataValidations[key] = { ...over[0]!.rule, ...settings };
  }

  /** `dataValidation.clear()`: cells of `area` lose their validation; the rest of each area keeps it. */
  clearValidation(ws: HostWorksheet, area: Rect): void {
    for (const { key, rect: r, rule } of this.validationsOver(ws, area)) {
      delete ws.dataValidations[key];
      const cut = rectIntersection(r, area)!;
      const rest = [
        r.top < cut.top ? rect(r.top, r.left, cut.top - 1, r.right) : null,
        cut.bottom < r.bottom ? rect(cut.bottom + 1, r.left, r.bottom, r.right) : null,
        r.left < cut.left ? rect(cut.top, r.left, cut.bottom, cut.left - 1) : null,
        cut.right < r.right ? rect(cut.top, cut.right + 1, cut.bottom, r.right) : null,
      ];
      for (const part of rest) if (part) ws.dataValidations[rectAddress(part)] = rule;
    }
  }

  // ----- defined names (`workbook.names`) ----------------------------------------------------

  findName(name: string): { name: string; ranges: string[] } | undefined {
    return this.definedNames.find((n) => sameName(n.name, name));
  }

  /** `names.add(name, reference)`: a workbook-level name for a reference (text without "="). */
  addName(name: string, reference: string): void {
    if (typeof name !== 'string' || name.length === 0 || name.length > 255 || !TABLE_NAME.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name)) {
      throw invalidArgument(`"${String(name)}" is not a valid name (letters, digits, _ . \\; starting with a letter or _; not a cell reference).`);
    }
    if (this.findName(name) || this.findTable(name)) throw new HostError(HostErrorCode.itemAlreadyExists, `The name "${name}" is already used in this workbook.`);
    this.definedNames.push({ name, ranges: [reference] });
  }

  // ----- rows, columns, page layout -----------------------------------------------------------

  /**
   * `range.merge(across)`: one merged area (or one per row, across), keeping the upper-left
   * cell's contents and clearing the others', as Excel does. Cells of a table cannot be merged
   * (InvalidOperation); merging over an existing merged area is not modelled.
   */
  mergeCells(ws: HostWorksheet, area: Rect, across: boolean): void {
    const areas = across ? Array.from({ length: rectRows(area) }, (_, i) => rect(area.top + i, area.left, area.top + i, area.right)) : [area];
    for (const t of this.tablesOn(ws)) if (rectsOverlap(t.rect, area)) throw invalidOperation(`Cells of table "${t.name}" cannot be merged.`);
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
  setRowHeight(ws: HostWorksheet, area: Rect, points: number): void {
    if (typeof points !== 'number' || !Number.isFinite(points) || points < 0 || points > 409) throw invalidArgument('rowHeight must be a number of points from 0 to 409.');
    for (let row = area.top; row <= area.bottom; row++) ws.rowHeights.set(row, points);
  }

  /** `format.columnHidden = …`: the range's columns (entirely) hidden or shown. */
  setColumnsHidden(ws: HostWorksheet, area: Rect, hidden: boolean): void {
    if (typeof hidden !== 'boolean') throw invalidArgument('columnHidden must be true or false.');
    for (let col = area.left; col <= area.right; col++) {
      if (hidden) ws.hiddenColumns.add(col);
      else ws.hiddenColumns.delete(col);
    }
  }

  /** `horizontalPageBreaks.add(range)`: a page break before the range's first row. */
  addRowBreak(ws: HostWorksheet, area: Rect): void {
    if (area.top === 0) throw invalidArgument('A page break cannot go before the first row.');
    const after = area.top - 1;
    if (!ws.rowBreaks.includes(after)) ws.rowBreaks = [...ws.rowBreaks, after].sort((a, b) => a - b);
  }

  /** `range.clear(applyTo)`: contents, formats or both. Tables keep their size. */
  clearRange(ws: HostWorksheet, area: Rect, applyTo: ClearTarget): void {
    for (const [row, col, c] of [...ws.cellsIn(area)]) {
      if (applyTo === 'Contents') ws.setCell(row, col, { value: null, numberFormat: c.numberFormat, bold: c.bold, style: c.style });
      else if (applyTo === 'Formats') ws.setCell(row, col, { value: c.value, formula: c.formula, numberFormat: 'General' });
      else ws.setCell(row, col, undefined);
    }
    for (const t of this.tablesOn(ws)) {
      if (rectIntersection(t.headerRect, area)) this.normalizeHeaders(t);
    }
  }

  /**
   * `tables.add(address, hasHeaders)`. With headers, the first row names the columns. Without,
   * Excel inserts a header row above the data (shifting the cells of those columns down) and
   * names the columns Column1…n.
   */
  createTable(ws: HostWorksheet, area: Rect, hasHeaders: boolean): HostTable {
    for (const t of this.tablesOn(ws)) {
      if (rectsOverlap(t.rect, area)) throw invalidArgument(`A table cannot overlap another table ("${t.name}").`);
    }
    if (hasHeaders) return this.placeTable(ws, area, undefined);
    this.shiftForInsert(ws, area.top, area.left, area.right, 1, null);
    for (let c = area.left; c <= area.right; c++) ws.setCell(area.top, c, { value: `Column${c - area.left + 1}`, numberFormat: 'General' });
    return this.placeTable(ws, rect(area.top, area.left, area.bottom + 1, area.right), undefined);
  }

  /**
   * Inserts `count` sheet rows at `atRow` within columns left..right, shifting the cells below
   * (and tables wholly within those columns) down. A table that straddles the columns blocks it.
   */
  private shiftForInsert(ws: HostWorksheet, atRow: number, left: number, right: number, count: number, growing: HostTable | null): void {
    const moving: HostTable[] = [];
    for (const t of this.tablesOn(ws)) {
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
   * `table.rows.add(index, values)`: inserts rows into the body before body row `index` (at the
   * end when undefined), shifting cells below the table within its columns down. New rows take
   * the number formats of the row above them.
   */
  insertTableRows(t: HostTable, index: number | null | undefined, values: unknown): void {
    const body = t.bodyRowCount;
    const at = index === null || index === undefined ? body : index;
    if (!Number.isInteger(at) || at < 0 || at > body) throw invalidArgument(`Row index ${String(index)} is outside the table body (0..${body}).`);
    let count = 1;
    if (values !== undefined && values !== null) {
      if (!Array.isArray(values) || values.length === 0 || !values.every((v) => Array.isArray(v) && v.length === t.columnCount)) {
        throw invalidArgument(`The values for the new rows must be a 2-D array with ${t.columnCount} columns per row.`);
      }
      count = values.length;
    }
    const atRow = t.top + 1 + at;
    if (t.rect.bottom + count >= MAX_ROWS) throw new HostError('NonBlankCellOffSheet', 'The table would grow off the sheet.');
    this.shiftForInsert(ws(t), atRow, t.left, t.left + t.columnCount - 1, count, t);
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
      this.writeRange(ws(t), rect(atRow, t.left, atRow + count - 1, t.left + t.columnCount - 1), values, 'values');
    }
  }

  /**
   * `table.columns.add(index, values, name)`: inserts a column before column `index` (at the end
   * when null, undefined or -1), shifting the cells of the table's rows to the right. `values`
   * includes the header row; `name` (when given) overrides the header.
   */
  addTableColumn(t: HostTable, index: number | null | undefined, values: unknown, name: string | undefined): number {
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
    for (const o of this.tablesOn(sheet)) {
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
    let header = name ?? (Array.isArray(values) ? String((values as unknown[][])[0]![0] ?? '') : '');
    if (header === '') {
      let k = t.columnCount;
      while (existingNames.has(`COLUMN${k}`)) k++;
      header = `Column${k}`;
    }
    sheet.setCell(t.top, col, { value: header, numberFormat: 'General' });
    if (Array.isArray(values) && t.rowCount > 1) {
      this.writeRange(sheet, rect(t.top + 1, col, t.top + t.rowCount - 1, col), (values as unknown[][]).slice(1), 'values');
    }
    this.normalizeHeaders(t);
    return at;
  }

  /** `tableColumn.name = …`: header cells are text, unique within the table. */
  renameTableColumn(t: HostTable, index: number, name: string): void {
    if (index >= t.columnCount) throw itemNotFound('The table column no longer exists.');
    const others = t.headerNames().filter((_, i) => i !== index);
    if (name === '' || others.some((n) => sameName(n, name))) throw invalidArgument(`"${name}" cannot name a column of table "${t.name}" (empty or already used).`);
    const existing = t.worksheet.cell(t.top, t.left + index);
    t.worksheet.setCell(t.top, t.left + index, { value: name, numberFormat: existing?.numberFormat ?? 'General', style: existing?.style });
  }

  /**
   * `charts.add(type, sourceData, seriesBy)`: a chart on `ws` over `source`, series laid out by
   * `chartSeriesLayout`, named "Chart N" (N counts the sheet's drawing objects and is not reused).
   * Excel places a new chart in the visible part of the window, which the host does not have: the
   * host puts it at the top of the source's first row, one column right of the source, in Excel's
   * default size (360 × 216 pt). Code should call `setPosition` rather than rely on either.
   */
  createChart(ws: HostWorksheet, type: unknown, source: { sheet: HostWorksheet; rect: Rect }, seriesBy: unknown): HostChart {
    if (ws.isDeleted || source.sheet.isDeleted) throw itemNotFound('The worksheet no longer exists.');
    const chartType = checkChartType(type);
    const by = checkChartSeriesBy(seriesBy);
    const r = source.rect;
    if (!rectOnSheet(r)) throw invalidArgument('The source range is off the sheet.');
    if (rectRows(r) === MAX_ROWS || rectColumns(r) === MAX_COLUMNS) {
      throw new HostNotImplemented('Excel.ChartCollection.add', 'a source of entire rows or columns (Excel trims it to the data) is not modelled');
    }
    const layout = chartSeriesLayout(source.sheet, r, by);
    if (layout.length > MAX_CHART_SERIES) {
      throw new HostNotImplemented('Excel.ChartCollection.add', `${layout.length} series: Excel charts hold at most ${MAX_CHART_SERIES}, and what it does beyond is not modelled`);
    }
    const id = `{${String(this.nextId++).padStart(8, '0')}-0000-0000-0000-000000000000}`;
    const chart = new HostChart(ws, id, ws._nextDrawingName('Chart'), chartType, source, by, layout);
    chart.top = ws.rowTop(r.top);
    chart.left = ws.columnLeft(Math.min(r.right + 1, MAX_COLUMNS - 1));
    ws._attachChart(chart);
    return chart;
  }

  /** `chart.delete()`. */
  deleteChart(chart: HostChart): void {
    if (chart.isDeleted) throw itemNotFound('The chart no longer exists.');
    chart.worksheet._detachChart(chart);
    chart._markDeleted();
  }

  /**
   * `chart.setPosition(startCell, endCell)`: the chart's top-left corner goes to the top-left
   * corner of `start`; with `end`, the chart is resized to cover `end` entirely (its bottom-right
   * corner goes to the bottom-right corner of `end`); without, it keeps its size. Both must be on
   * the chart's sheet (InvalidArgument). An end above or left of the start is not modelled.
   */
  setChartPosition(chart: HostChart, start: { sheet: HostWorksheet; rect: Rect }, end: { sheet: HostWorksheet; rect: Rect } | null): void {
    if (chart.isDeleted) throw itemNotFound('The chart no longer exists.');
    const ws = chart.worksheet;
    if (start.sheet !== ws || (end && end.sheet !== ws)) throw invalidArgument(`The cells must be on the chart's worksheet "${ws.name}".`);
    const top = ws.rowTop(start.rect.top);
    const left = ws.columnLeft(start.rect.left);
    if (end) {
      if (end.rect.bottom < start.rect.top || end.rect.right < start.rect.left) {
        throw new HostNotImplemented('Excel.Chart.setPosition', 'an end cell above or left of the start cell is not modelled');
      }
      chart.width = ws.columnLeft(end.rect.right + 1) - left;
      chart.height = ws.rowTop(end.rect.bottom + 1) - top;
    }
    chart.top = top;
    chart.left = left;
  }

  /**
   * `worksheet.delete()`: the sheet goes with its tables and charts. Excel refuses to delete a
   * VeryHidden sheet (InvalidOperation, per the Office.js reference) and the last visible sheet
   * (a workbook keeps one). If the sheet was active, the next visible sheet (else the previous
   * one) becomes active. Charts elsewhere that plot its cells stay, with "#REF!" references.
   * Defined names that refer to it are carried opaquely and left as they are.
   */
  deleteWorksheet(ws: HostWorksheet): void {
    const pos = this.sheetList.indexOf(ws);
    if (pos < 0 || ws.isDeleted) throw itemNotFound('The worksheet no longer exists.');
    if (ws.visibility === 'VeryHidden') {
      throw invalidOperation(`Cannot delete "${ws.name}": it is VeryHidden; make it Hidden or Visible first.`);
    }
    if (ws.visibility === 'Visible' && !this.sheetList.some((s) => s !== ws && s.visibility === 'Visible')) {
      throw invalidOperation(`Cannot delete "${ws.name}": a workbook must keep at least one visible sheet.`);
    }
    for (let i = this.tableList.length - 1; i >= 0; i--) if (this.tableList[i]!.worksheet === ws) this.tableList.splice(i, 1);
    this.sheetList.splice(pos, 1);
    this._contentsChanged();
    ws._markDeleted();
    if (this.activeWorksheet === ws) {
      const visible = (s: HostWorksheet): boolean => s.visibility === 'Visible';
      this.activeWorksheet = this.sheetList.slice(pos).find(visible) ?? [...this.sheetList.slice(0, pos)].reverse().find(visible) ?? null;
    }
  }

  /** `range.select()`: the range becomes its sheet's selection, and its sheet the active one. */
  select(sheet: HostWorksheet, area: Rect): void {
    if (sheet.visibility !== 'Visible') throw invalidOperation(`Cannot select cells on hidden sheet "${sheet.name}".`);
    sheet.selectedAddress = rectAddress(area);
    this.activeWorksheet = sheet;
  }

  /** `worksheet.activate()`: as clicking the sheet's tab, which shows the sheet's own selection again. */
  activate(sheet: HostWorksheet): void {
    if (sheet.visibility !== 'Visible') throw invalidOperation(`Cannot activate hidden sheet "${sheet.name}".`);
    this.activeWorksheet = sheet;
  }

  /** A compact, deterministic dump (for test failure messages). */
  describe(): string {
    const lines: string[] = [];
    for (const s of this.sheetList) {
      lines.push(`[${s.name}]${s.visibility !== 'Visible' ? ` (${s.visibility})` : ''}`);
      for (const [row, col, c] of s.cells()) {
        lines.push(`  ${cellAddress(row, col)} ${c.formula ?? JSON.stringify(c.value)}${c.numberFormat !== 'General' ? ` {${c.numberFormat}}` : ''}`);
      }
      for (const t of s.tables) lines.push(`  table ${t.name} ${rectAddress(t.rect)}`);
      for (const c of s.charts) lines.push(`  chart ${JSON.stringify(c.name)} ${c.chartType} ${c.sourceAddress} (${c.series.map((x) => x.name).join(', ')})`);
    }
    return lines.join('\n');
  }
}

function ws(t: HostTable): HostWorksheet {
  return t.worksheet;
}
