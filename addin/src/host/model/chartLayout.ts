/**
 * Charts: the rules that do not need a chart object — Excel's chart types and which of them the
 * host models, the checks of values given through the API, the title and the legend, and how a
 * source block is split into series (`chartSeriesLayout`). The chart and its series are in
 * worksheet.ts, next to the sheet they live on.
 */

import { type Rect, rect, rectColumns, rectRows } from '../address';
import { isDateFormat } from '../cells';
import { HostNotImplemented, invalidArgument } from '../errors';
import { type HostCell, headerText } from './cell';

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
  'ColumnClustered',
  'ColumnStacked',
  'ColumnStacked100',
  '3DColumnClustered',
  '3DColumnStacked',
  '3DColumnStacked100',
  'BarClustered',
  'BarStacked',
  'BarStacked100',
  '3DBarClustered',
  '3DBarStacked',
  '3DBarStacked100',
  'LineStacked',
  'LineStacked100',
  'LineMarkers',
  'LineMarkersStacked',
  'LineMarkersStacked100',
  'PieOfPie',
  'PieExploded',
  '3DPieExploded',
  'BarOfPie',
  'XYScatterSmooth',
  'XYScatterSmoothNoMarkers',
  'XYScatterLines',
  'XYScatterLinesNoMarkers',
  'AreaStacked',
  'AreaStacked100',
  '3DAreaStacked',
  '3DAreaStacked100',
  'DoughnutExploded',
  'RadarMarkers',
  'RadarFilled',
  'Surface',
  'SurfaceWireframe',
  'SurfaceTopView',
  'SurfaceTopViewWireframe',
  'Bubble',
  'Bubble3DEffect',
  'StockHLC',
  'StockOHLC',
  'StockVHLC',
  'StockVOHLC',
  'CylinderColClustered',
  'CylinderColStacked',
  'CylinderColStacked100',
  'CylinderBarClustered',
  'CylinderBarStacked',
  'CylinderBarStacked100',
  'CylinderCol',
  'ConeColClustered',
  'ConeColStacked',
  'ConeColStacked100',
  'ConeBarClustered',
  'ConeBarStacked',
  'ConeBarStacked100',
  'ConeCol',
  'PyramidColClustered',
  'PyramidColStacked',
  'PyramidColStacked100',
  'PyramidBarClustered',
  'PyramidBarStacked',
  'PyramidBarStacked100',
  'PyramidCol',
  '3DColumn',
  'Line',
  '3DLine',
  '3DPie',
  'Pie',
  'XYScatter',
  '3DArea',
  'Area',
  'Doughnut',
  'Radar',
  'Histogram',
  'Boxwhisker',
  'Pareto',
  'RegionMap',
  'Treemap',
  'Waterfall',
  'Sunburst',
  'Funnel',
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
export const COMBINABLE_CHART_TYPES: ReadonlySet<string> = new Set([
  'ColumnClustered',
  'ColumnStacked',
  'ColumnStacked100',
  'BarClustered',
  'BarStacked',
  'BarStacked100',
  'Line',
  'LineStacked',
  'LineStacked100',
  'LineMarkers',
  'LineMarkersStacked',
  'LineMarkersStacked100',
  'Area',
  'AreaStacked',
  'AreaStacked100',
  'XYScatter',
  'XYScatterLines',
  'XYScatterLinesNoMarkers',
  'XYScatterSmooth',
  'XYScatterSmoothNoMarkers',
]);

export type HostChartSeriesBy = 'Columns' | 'Rows';
export type HostChartAxisGroup = 'Primary' | 'Secondary';
/** `Excel.ChartLegendPosition` without "Invalid" (no position) and "Custom" (a legend moved by hand). */
export type HostChartLegendPosition = 'Top' | 'Bottom' | 'Left' | 'Right' | 'Corner';

/** Excel's default size of a new chart: 5 × 3 inches. */
export const DEFAULT_CHART_WIDTH_POINTS = 360;
export const DEFAULT_CHART_HEIGHT_POINTS = 216;
/** Excel's limit of series in one chart. */
export const MAX_CHART_SERIES = 255;
/** `ChartSeries.name`: "should not be greater than 255 characters". */
export const MAX_SERIES_NAME_LENGTH = 255;

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

export function isPieLike(type: HostChartType): boolean {
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
export function chartSeriesLayout(sheet: { cell(row: number, col: number): HostCell | undefined }, r: Rect, by: HostChartSeriesBy): ChartSeriesLayout[] {
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
