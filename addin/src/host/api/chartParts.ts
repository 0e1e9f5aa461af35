/** A chart's `title` (`Excel.ChartTitle`), `legend` (`Excel.ChartLegend`) and `series` (`Excel.ChartSeries`, `Excel.ChartSeriesCollection`). */

import { HostNotImplemented, invalidArgument } from '../errors';
import type { HostChartType } from '../model/chartLayout';
import type { HostChart, HostChartSeries } from '../model/worksheet';
import { clientResult, HostCollectionObject } from './collection';
import { HostClientObject, type LoadArgument } from './proxy';
import { checkBoolean, liveChart, liveSeries } from './targets';

/** `chart.title`: text, visible, overlay (ExcelApi 1.1). */
const CHART_TITLE_SCALARS = ['overlay', 'text', 'visible'] as const;

export class HostChartTitleObject extends HostClientObject implements Pick<Excel.ChartTitle, 'context' | (typeof CHART_TITLE_SCALARS)[number] | 'load'> {
  readonly _typeName = 'ChartTitle';
  readonly _scalars: readonly string[] = CHART_TITLE_SCALARS;

  get overlay(): boolean {
    return this._get('overlay');
  }
  set overlay(v: boolean) {
    this._set('overlay', v);
  }
  get text(): string {
    return this._get('text');
  }
  set text(v: string) {
    this._set('text', v);
  }
  get visible(): boolean {
    return this._get('visible');
  }
  set visible(v: boolean) {
    this._set('visible', v);
  }

  _read(target: unknown, name: string): unknown {
    const { title } = liveChart(target as HostChart);
    if (name === 'overlay' || name === 'text' || name === 'visible') return title[name];
    throw new HostNotImplemented(`Excel.ChartTitle.${name}`);
  }

  override _write(target: unknown, name: string, v: unknown): void {
    const { title } = liveChart(target as HostChart);
    if (name === 'text') {
      if (typeof v !== 'string') throw invalidArgument('A chart title must be a string.');
      title.text = v;
    } else if (name === 'visible' || name === 'overlay') title[name] = checkBoolean(v, name);
    else super._write(target, name, v);
  }

  load(arg?: LoadArgument): Excel.ChartTitle {
    this._load(arg);
    return this as unknown as Excel.ChartTitle;
  }
}

/** `chart.legend`: visible, position, overlay (ExcelApi 1.1). */
const CHART_LEGEND_SCALARS = ['overlay', 'position', 'visible'] as const;

export class HostChartLegendObject extends HostClientObject implements Pick<Excel.ChartLegend, 'context' | (typeof CHART_LEGEND_SCALARS)[number] | 'load'> {
  readonly _typeName = 'ChartLegend';
  readonly _scalars: readonly string[] = CHART_LEGEND_SCALARS;

  get overlay(): boolean {
    return this._get('overlay');
  }
  set overlay(v: boolean) {
    this._set('overlay', v);
  }
  get position(): Excel.ChartLegend['position'] {
    return this._get('position');
  }
  set position(v: Excel.ChartLegend['position']) {
    this._set('position', v);
  }
  get visible(): boolean {
    return this._get('visible');
  }
  set visible(v: boolean) {
    this._set('visible', v);
  }

  _read(target: unknown, name: string): unknown {
    const { legend } = liveChart(target as HostChart);
    if (name === 'overlay' || name === 'position' || name === 'visible') return legend[name];
    throw new HostNotImplemented(`Excel.ChartLegend.${name}`);
  }

  override _write(target: unknown, name: string, v: unknown): void {
    const { legend } = liveChart(target as HostChart);
    if (name === 'position') legend.position = v as HostChart['legend']['position'];
    else if (name === 'visible' || name === 'overlay') legend[name] = checkBoolean(v, name);
    else super._write(target, name, v);
  }

  load(arg?: LoadArgument): Excel.ChartLegend {
    this._load(arg);
    return this as unknown as Excel.ChartLegend;
  }
}

/** Loadable scalars of a series: `name` (1.1), `chartType` (1.7), `axisGroup` (1.8). */
const CHART_SERIES_SCALARS = ['axisGroup', 'chartType', 'name'] as const;

function readSeries(target: HostChartSeries, name: string): unknown {
  const s = liveSeries(target);
  switch (name) {
    case 'axisGroup':
      return s.axisGroup;
    case 'chartType':
      return s.chartType;
    case 'name':
      return s.name;
  }
  throw new HostNotImplemented(`Excel.ChartSeries.${name}`);
}

export class HostChartSeriesCollection
  extends HostCollectionObject<HostChartSeriesObject>
  implements Pick<Excel.ChartSeriesCollection, 'context' | 'items' | 'count' | 'getCount' | 'getItemAt' | 'load'>
{
  readonly _typeName = 'ChartSeriesCollection';
  readonly _scalars: readonly string[] = ['count'];
  readonly _itemScalars: readonly string[] = CHART_SERIES_SCALARS;

  get items(): Excel.ChartSeries[] {
    return this._get('items');
  }

  get count(): number {
    return this._get('count');
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'count') return liveChart(target as HostChart).series.length;
    throw new HostNotImplemented(`Excel.ChartSeriesCollection.${name}`);
  }

  _itemTargets(target: unknown): unknown[] {
    return [...liveChart(target as HostChart).series];
  }

  _readItem(s: unknown, name: string): unknown {
    return readSeries(s as HostChartSeries, name);
  }

  _makeItem(index: number, s: unknown, props: Record<string, unknown>): HostChartSeriesObject {
    return this._item(HostChartSeriesObject, 'ChartSeries', index, s, props);
  }

  load(arg?: LoadArgument): Excel.ChartSeriesCollection {
    this._load(arg);
    return this as unknown as Excel.ChartSeriesCollection;
  }

  /** ExcelApi 1.1; an index outside the series is an InvalidArgument (as for tables' rows). */
  getItemAt(index: number): Excel.ChartSeries {
    return this._child(HostChartSeriesObject, 'ChartSeries', 'getItemAt', [index], (target: HostChart) => {
      const c = liveChart(target);
      const s = Number.isInteger(index) ? c.series[index] : undefined;
      if (!s) throw invalidArgument(`There is no series at index ${index} in chart "${c.name}" (${c.series.length} series).`);
      return s;
    }) as unknown as Excel.ChartSeries;
  }

  /** ExcelApi 1.4. */
  getCount(): OfficeExtension.ClientResult<number> {
    const result = clientResult<number>();
    this._invoke('getCount', [], (c: HostChart) => liveChart(c).series.length, result);
    return result;
  }
}

export class HostChartSeriesObject extends HostClientObject implements Pick<Excel.ChartSeries, 'context' | 'isNullObject' | (typeof CHART_SERIES_SCALARS)[number] | 'load'> {
  readonly _typeName = 'ChartSeries';
  readonly _scalars: readonly string[] = CHART_SERIES_SCALARS;

  get axisGroup(): Excel.ChartSeries['axisGroup'] {
    return this._get('axisGroup');
  }
  set axisGroup(v: Excel.ChartSeries['axisGroup']) {
    this._set('axisGroup', v);
  }
  get chartType(): Excel.ChartSeries['chartType'] {
    return this._get('chartType');
  }
  set chartType(v: Excel.ChartSeries['chartType']) {
    this._set('chartType', v);
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v);
  }

  _read(target: unknown, name: string): unknown {
    return readSeries(target as HostChartSeries, name);
  }

  override _write(target: unknown, name: string, v: unknown): void {
    const s = liveSeries(target as HostChartSeries);
    if (name === 'name') s.name = v as string;
    else if (name === 'chartType') s.chartType = v as HostChartType;
    else if (name === 'axisGroup') s.axisGroup = v as HostChartSeries['axisGroup'];
    else super._write(target, name, v);
  }

  load(arg?: LoadArgument): Excel.ChartSeries {
    this._load(arg);
    return this as unknown as Excel.ChartSeries;
  }
}
