/**
 * A worksheet of the in-memory workbook, and what lives on it: tables and charts (with their
 * series). They point at each other (a table knows its sheet, the sheet lists its tables), so
 * they share this file; a sheet knows of its workbook only what `SheetOwner` says, which
 * `HostWorkbook` (workbook.ts) implements.
 */

import { type Rect, qualifiedAddress, rect, rectAddress, rectColumns, rectRows } from '../address';
import type { CellScalar } from '../cells';
import { HostNotImplemented, invalidArgument, invalidOperation } from '../errors';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT_POINTS, type HostCell, type SheetVisibility, columnWidthPoints, headerText, sameName } from './cell';
import {
  COMBINABLE_CHART_TYPES,
  DEFAULT_CHART_HEIGHT_POINTS,
  DEFAULT_CHART_WIDTH_POINTS,
  MAX_SERIES_NAME_LENGTH,
  type ChartSeriesLayout,
  type HostChartAxisGroup,
  type HostChartSeriesBy,
  type HostChartTitle,
  type HostChartType,
  HostChartLegend,
  checkChartAxisGroup,
  checkChartType,
  isPieLike,
} from './chartLayout';
import { CellGrid } from './grid';

/** What a sheet, its tables and its charts ask of the workbook they belong to (`HostWorkbook`). */
export interface SheetOwner {
  readonly worksheets: readonly HostWorksheet[];
  readonly tables: readonly HostTable[];
  activeWorksheet: HostWorksheet | null;
  findWorksheet(name: string): HostWorksheet | undefined;
  /** Excel's sheet-name rules; throws. */
  checkSheetName(name: string, self?: HostWorksheet): void;
  /** Excel's table-name rules; throws. */
  checkTableName(name: string, self?: HostTable): void;
  /** A cell or a sheet changed: formulas are computed again when next read. */
  _contentsChanged(): void;
  /** Stores the result of a formula cell, if the host computes it. */
  _calculate(sheet: HostWorksheet, row: number, col: number, cell: HostCell): void;
  /** Computes every formula the host can compute. */
  recalculate(): void;
  deleteChart(chart: HostChart): void;
}

export class HostWorksheet extends CellGrid {
  readonly workbook: SheetOwner;
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
  private readonly chartList: HostChart[] = [];
  /** Numbers the sheet's drawing objects ("Chart 1", "Chart 2" …); never reused after a delete. */
  private drawingCounter = 0;
  private _deleted = false;

  constructor(workbook: SheetOwner, id: string, name: string) {
    super();
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

  /** The cell, its formula (if it has one) computed as it stands now (see formulas.ts). */
  calculatedCell(row: number, col: number): HostCell | undefined {
    const cell = this.cell(row, col);
    if (cell?.formula !== undefined) this.workbook._calculate(this, row, col, cell);
    return cell;
  }

  protected contentsChanged(): void {
    this.workbook._contentsChanged();
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

/** Header cells hold unique, non-empty text, as Excel keeps them. */
export function normalizeHeaders(t: HostTable): void {
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

// ---------------------------------------------------------------------------------------------
// Charts (see chartLayout.ts for what the host models of them)

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
    const only = this.seriesList.length === 1 ? this.seriesList[0] : null;
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
