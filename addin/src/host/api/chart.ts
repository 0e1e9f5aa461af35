/** `Excel.Chart` and `Excel.ChartCollection` (ExcelApi 1.1–1.8 subset; the model and its rules are in model/chartLayout.ts and model/worksheet.ts). */

import { HostNotImplemented, invalidArgument, itemNotFound } from '../errors';
import type { HostChartType } from '../model/chartLayout';
import type { HostChart, HostWorksheet } from '../model/worksheet';
import { HostChartLegendObject, HostChartSeriesCollection, HostChartTitleObject } from './chartParts';
import { clientResult, HostCollectionObject } from './collection';
import { HostClientObject, type LoadArgument, NULL_TARGET } from './proxy';
import { checkRangeArgumentContext, HostRange, rangeArgument } from './range';
import { checkPoints, liveChart, liveSheet } from './targets';

type ChartTypeArgument = Excel.ChartType | `${Excel.ChartType}`;
type ChartSeriesByArgument = Excel.ChartSeriesBy | `${Excel.ChartSeriesBy}`;

/** Loadable scalars of a chart: `name`, `top`/`left`/`width`/`height` (1.1), `chartType`, `id` (1.7). */
const CHART_SCALARS = ['chartType', 'height', 'id', 'left', 'name', 'top', 'width'] as const;

function readChart(target: HostChart, name: string): unknown {
  const c = liveChart(target);
  switch (name) {
    case 'chartType':
      return c.chartType;
    case 'height':
      return c.height;
    case 'id':
      return c.id;
    case 'left':
      return c.left;
    case 'name':
      return c.name;
    case 'top':
      return c.top;
    case 'width':
      return c.width;
  }
  throw new HostNotImplemented(`Excel.Chart.${name}`);
}

export class HostChartCollection
  extends HostCollectionObject<HostChartObject>
  implements Pick<Excel.ChartCollection, 'context' | 'items' | 'count' | 'add' | 'getCount' | 'getItem' | 'getItemAt' | 'getItemOrNullObject' | 'load'>
{
  readonly _typeName = 'ChartCollection';
  readonly _scalars: readonly string[] = ['count'];
  readonly _itemScalars: readonly string[] = CHART_SCALARS;

  get items(): Excel.Chart[] {
    return this._get('items');
  }

  get count(): number {
    return this._get('count');
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'count') return liveSheet(target as HostWorksheet).charts.length;
    throw new HostNotImplemented(`Excel.ChartCollection.${name}`);
  }

  _itemTargets(target: unknown): unknown[] {
    return [...liveSheet(target as HostWorksheet).charts];
  }

  _readItem(c: unknown, name: string): unknown {
    return readChart(c as HostChart, name);
  }

  _makeItem(index: number, c: unknown, props: Record<string, unknown>): HostChartObject {
    return this._item(HostChartObject, 'Chart', index, c, props);
  }

  load(arg?: LoadArgument): Excel.ChartCollection {
    this._load(arg);
    return this as unknown as Excel.ChartCollection;
  }

  private _chart(method: string, args: unknown[], f: (s: HostWorksheet) => HostChart | typeof NULL_TARGET): Excel.Chart {
    return this._child(HostChartObject, 'Chart', method, args, (s: HostWorksheet) => f(liveSheet(s))) as unknown as Excel.Chart;
  }

  /**
   * `charts.add(type, sourceData, seriesBy)` (ExcelApi 1.1): type and seriesBy are checked when
   * the batch runs (an unknown string, or "Invalid", rejects the sync with InvalidArgument);
   * `sourceData` is a Range, possibly on another sheet. See `HostWorkbook.createChart`.
   */
  add(type: ChartTypeArgument, sourceData: Excel.Range, seriesBy?: ChartSeriesByArgument): Excel.Chart {
    if (!(sourceData instanceof HostRange)) {
      throw new HostNotImplemented('Excel.ChartCollection.add', 'sourceData must be a Range proxy');
    }
    checkRangeArgumentContext(this, sourceData);
    return this._chart('add', [type, sourceData, seriesBy ?? null], (s) => {
      const source = rangeArgument(this, sourceData, s);
      return this._host.createChart(s, type, source, seriesBy);
    });
  }

  /** The first chart with that name (case-insensitive); ItemNotFound when there is none. */
  getItem(name: string): Excel.Chart {
    return this._chart('getItem', [name], (s) => {
      const c = s.findChart(name);
      if (!c) throw itemNotFound(`The chart "${name}" does not exist on worksheet "${s.name}".`);
      return c;
    });
  }

  getItemOrNullObject(name: string): Excel.Chart {
    return this._chart('getItemOrNullObject', [name], (s) => s.findChart(name) ?? NULL_TARGET);
  }

  getItemAt(index: number): Excel.Chart {
    return this._chart('getItemAt', [index], (s) => {
      const c = Number.isInteger(index) ? s.charts[index] : undefined;
      if (!c) throw invalidArgument(`There is no chart at index ${index} on worksheet "${s.name}".`);
      return c;
    });
  }

  /** ExcelApi 1.4. */
  getCount(): OfficeExtension.ClientResult<number> {
    const result = clientResult<number>();
    this._invoke('getCount', [], (s: HostWorksheet) => liveSheet(s).charts.length, result);
    return result;
  }
}

type ChartMembers = 'context' | 'isNullObject' | (typeof CHART_SCALARS)[number] | 'title' | 'legend' | 'series' | 'worksheet' | 'setPosition' | 'delete' | 'load';

export class HostChartObject extends HostClientObject implements Pick<Excel.Chart, ChartMembers> {
  readonly _typeName = 'Chart';
  readonly _scalars: readonly string[] = CHART_SCALARS;

  get chartType(): Excel.Chart['chartType'] {
    return this._get('chartType');
  }
  set chartType(v: Excel.Chart['chartType']) {
    this._set('chartType', v);
  }
  get height(): number {
    return this._get('height');
  }
  set height(v: number) {
    this._set('height', v);
  }
  get id(): string {
    return this._get('id');
  }
  get left(): number {
    return this._get('left');
  }
  set left(v: number) {
    this._set('left', v);
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v);
  }
  get top(): number {
    return this._get('top');
  }
  set top(v: number) {
    this._set('top', v);
  }
  get width(): number {
    return this._get('width');
  }
  set width(v: number) {
    this._set('width', v);
  }

  _read(target: unknown, name: string): unknown {
    return readChart(target as HostChart, name);
  }

  override _write(target: unknown, name: string, v: unknown): void {
    const c = liveChart(target as HostChart);
    switch (name) {
      case 'name':
        c.name = v as string;
        return;
      case 'chartType':
        c.chartType = v as HostChartType;
        return;
      case 'top':
      case 'left':
      case 'width':
      case 'height':
        c[name] = checkPoints(v, name);
        return;
    }
    super._write(target, name, v);
  }

  /** A proxy of a deleted chart fails with ItemNotFound, whenever its batch reaches it. */
  override _resolveNow(): { target: unknown; isNull: boolean } {
    const r = super._resolveNow();
    if (!r.isNull) liveChart(r.target as HostChart);
    return r;
  }

  get title(): Excel.ChartTitle {
    return this._title() as unknown as Excel.ChartTitle;
  }

  get legend(): Excel.ChartLegend {
    return this._legend() as unknown as Excel.ChartLegend;
  }

  get series(): Excel.ChartSeriesCollection {
    return this._series() as unknown as Excel.ChartSeriesCollection;
  }

  /** ExcelApi 1.2. */
  get worksheet(): Excel.Worksheet {
    return this._worksheet() as unknown as Excel.Worksheet;
  }

  private _title(): HostChartTitleObject {
    return this._nav(HostChartTitleObject, 'ChartTitle', 'title', (c: HostChart) => c);
  }

  private _legend(): HostChartLegendObject {
    return this._nav(HostChartLegendObject, 'ChartLegend', 'legend', (c: HostChart) => c);
  }

  private _series(): HostChartSeriesCollection {
    return this._nav(HostChartSeriesCollection, 'ChartSeriesCollection', 'series', (c: HostChart) => c);
  }

  private _worksheet(): HostClientObject {
    return this._nav(this._ctx._classes.Worksheet, 'Worksheet', 'worksheet', (c: HostChart) => c.worksheet);
  }

  override _navigation(name: string): HostClientObject | undefined {
    if (name === 'title') return this._title();
    if (name === 'legend') return this._legend();
    if (name === 'series') return this._series();
    if (name === 'worksheet') return this._worksheet();
    return undefined;
  }

  load(arg?: LoadArgument): Excel.Chart {
    this._load(arg);
    return this as unknown as Excel.Chart;
  }

  /**
   * `chart.setPosition(startCell, endCell?)` (ExcelApi 1.1): Range proxies or addresses on the
   * chart's sheet; see `HostWorkbook.setChartPosition`.
   */
  setPosition(startCell: Excel.Range | string, endCell?: Excel.Range | string): void {
    checkRangeArgumentContext(this, startCell);
    checkRangeArgumentContext(this, endCell);
    this._invoke('setPosition', [startCell, endCell ?? null], (c: HostChart) => {
      const start = rangeArgument(this, startCell, c.worksheet);
      const end = endCell === undefined || endCell === null ? null : rangeArgument(this, endCell, c.worksheet);
      this._host.setChartPosition(c, start, end);
      return undefined;
    });
  }

  /** `chart.delete()` (ExcelApi 1.1). */
  delete(): void {
    this._invoke('delete', [], (c: HostChart) => {
      c.worksheet.workbook.deleteChart(c);
      return undefined;
    });
  }
}
