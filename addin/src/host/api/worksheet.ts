/** `Excel.Worksheet` and `Excel.WorksheetCollection`, with the sheet's `autoFilter` and `freezePanes`. */

import { MAX_COLUMNS, MAX_ROWS, parseAddress, rect } from '../address';
import { HostNotImplemented, invalidArgument, itemNotFound } from '../errors';
import type { HostWorkbook } from '../model/workbook';
import type { HostWorksheet } from '../model/worksheet';
import { HostChartCollection } from './chart';
import { clientResult, HostCollectionObject } from './collection';
import { HostPageBreakCollection, HostPageLayout } from './pageLayout';
import { HostClientObject, type LoadArgument, NULL_TARGET } from './proxy';
import { checkRangeArgumentContext, HostRange, rangeArgument, searchCells } from './range';
import { HostRangeAreas } from './rangeAreas';
import { HostTableCollection } from './table';
import { checkCount, liveSheet, onSheet, type RangeTarget, sameKey, type TablesScope } from './targets';

const WORKSHEET_SCALARS = ['id', 'name', 'position', 'visibility'] as const;

export class HostWorksheetCollection
  extends HostCollectionObject<HostWorksheetObject>
  implements Pick<Excel.WorksheetCollection, 'context' | 'items' | 'add' | 'getActiveWorksheet' | 'getCount' | 'getFirst' | 'getItem' | 'getItemOrNullObject' | 'load'>
{
  readonly _typeName = 'WorksheetCollection';
  readonly _scalars: readonly string[] = [];
  readonly _itemScalars: readonly string[] = WORKSHEET_SCALARS;

  get items(): Excel.Worksheet[] {
    return this._get('items');
  }

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.WorksheetCollection.${name}`);
  }

  _itemTargets(target: unknown): unknown[] {
    return [...(target as HostWorkbook).worksheets];
  }

  _readItem(t: unknown, name: string): unknown {
    return readWorksheet(t as HostWorksheet, name);
  }

  _makeItem(index: number, t: unknown, props: Record<string, unknown>): HostWorksheetObject {
    return this._item(HostWorksheetObject, 'Worksheet', index, t, props);
  }

  load(arg?: LoadArgument): Excel.WorksheetCollection {
    this._load(arg);
    return this as unknown as Excel.WorksheetCollection;
  }

  private _sheet(method: string, args: unknown[], f: (wb: HostWorkbook) => HostWorksheet | typeof NULL_TARGET): Excel.Worksheet {
    return this._child(HostWorksheetObject, 'Worksheet', method, args, f) as unknown as Excel.Worksheet;
  }

  getItem(key: string): Excel.Worksheet {
    return this._sheet('getItem', [key], (wb) => {
      const s = wb.worksheets.find((w) => sameKey(w.name, key) || w.id === key);
      if (!s) throw itemNotFound(`The worksheet "${key}" does not exist.`);
      return s;
    });
  }

  getItemOrNullObject(key: string): Excel.Worksheet {
    return this._sheet('getItemOrNullObject', [key], (wb) => wb.worksheets.find((w) => sameKey(w.name, key) || w.id === key) ?? NULL_TARGET);
  }

  add(name?: string): Excel.Worksheet {
    return this._sheet('add', [name ?? null], (wb) => {
      let n = name;
      if (n === undefined || n === null) {
        let i = wb.worksheets.length + 1;
        while (wb.findWorksheet(`Sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      return wb.addWorksheet(n);
    });
  }

  getActiveWorksheet(): Excel.Worksheet {
    return this._sheet('getActiveWorksheet', [], (wb) => {
      const s = wb.activeWorksheet ?? wb.worksheets.find((w) => w.visibility === 'Visible');
      if (!s) throw itemNotFound('The workbook has no active worksheet.');
      return s;
    });
  }

  getFirst(visibleOnly?: boolean): Excel.Worksheet {
    return this._sheet('getFirst', [visibleOnly ?? false], (wb) => {
      const s = wb.worksheets.find((w) => !visibleOnly || w.visibility === 'Visible');
      if (!s) throw itemNotFound('The workbook has no worksheet.');
      return s;
    });
  }

  getCount(visibleOnly?: boolean): OfficeExtension.ClientResult<number> {
    const result = clientResult<number>();
    this._invoke('getCount', [visibleOnly ?? false], (wb: HostWorkbook) => wb.worksheets.filter((w) => !visibleOnly || w.visibility === 'Visible').length, result);
    return result;
  }
}

function readWorksheet(s: HostWorksheet, name: string): unknown {
  switch (name) {
    case 'id':
      return s.id;
    case 'name':
      return s.name;
    case 'position':
      return s.position;
    case 'visibility':
      return s.visibility;
  }
  throw new HostNotImplemented(`Excel.Worksheet.${name}`);
}

type WorksheetMembers =
  | 'context'
  | 'isNullObject'
  | (typeof WORKSHEET_SCALARS)[number]
  | 'tables'
  | 'charts'
  | 'delete'
  | 'autoFilter'
  | 'freezePanes'
  | 'pageLayout'
  | 'horizontalPageBreaks'
  | 'activate'
  | 'getCell'
  | 'getRange'
  | 'getRangeByIndexes'
  | 'getUsedRange'
  | 'getUsedRangeOrNullObject'
  | 'findAllOrNullObject'
  | 'load';

export class HostWorksheetObject extends HostClientObject implements Pick<Excel.Worksheet, WorksheetMembers> {
  readonly _typeName = 'Worksheet';
  readonly _scalars: readonly string[] = WORKSHEET_SCALARS;

  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v);
  }
  get position(): number {
    return this._get('position');
  }
  set position(v: number) {
    this._set('position', v);
  }
  get visibility(): Excel.SheetVisibility | 'Visible' | 'Hidden' | 'VeryHidden' {
    return this._get('visibility');
  }
  set visibility(v: Excel.SheetVisibility | 'Visible' | 'Hidden' | 'VeryHidden') {
    this._set('visibility', v);
  }

  _read(target: unknown, name: string): unknown {
    return readWorksheet(target as HostWorksheet, name);
  }

  override _write(target: unknown, name: string, v: unknown): void {
    const s = target as HostWorksheet;
    if (name === 'name') s.name = String(v);
    else if (name === 'visibility') s.visibility = v as HostWorksheet['visibility'];
    else if (name === 'position') this._host.moveWorksheet(s, v as number);
    else super._write(target, name, v);
  }

  get tables(): Excel.TableCollection {
    return this._nav(HostTableCollection, 'TableCollection', 'tables', (s: HostWorksheet): TablesScope => ({ workbook: this._host, sheet: s })) as unknown as Excel.TableCollection;
  }

  /** `worksheet.autoFilter` (ExcelApi 1.9): filter buttons on a range's first row. */
  get autoFilter(): Excel.AutoFilter {
    return this._nav(HostAutoFilter, 'AutoFilter', 'autoFilter', (s: HostWorksheet) => s) as unknown as Excel.AutoFilter;
  }

  get freezePanes(): Excel.WorksheetFreezePanes {
    return this._nav(HostFreezePanes, 'WorksheetFreezePanes', 'freezePanes', (s: HostWorksheet) => s) as unknown as Excel.WorksheetFreezePanes;
  }

  /** `worksheet.pageLayout` (ExcelApi 1.9): the print area. */
  get pageLayout(): Excel.PageLayout {
    return this._nav(HostPageLayout, 'PageLayout', 'pageLayout', (s: HostWorksheet) => s) as unknown as Excel.PageLayout;
  }

  /** `worksheet.horizontalPageBreaks` (ExcelApi 1.9): manual page breaks between rows. */
  get horizontalPageBreaks(): Excel.PageBreakCollection {
    return this._nav(HostPageBreakCollection, 'PageBreakCollection', 'horizontalPageBreaks', (s: HostWorksheet) => s) as unknown as Excel.PageBreakCollection;
  }

  /** `worksheet.charts` (ExcelApi 1.1). */
  get charts(): Excel.ChartCollection {
    return this._charts() as unknown as Excel.ChartCollection;
  }

  private _charts(): HostChartCollection {
    return this._nav(HostChartCollection, 'ChartCollection', 'charts', (s: HostWorksheet) => s);
  }

  override _navigation(name: string): HostClientObject | undefined {
    return name === 'charts' ? this._charts() : undefined;
  }

  /** A proxy of a deleted sheet fails with ItemNotFound, whenever its batch reaches it. */
  override _resolveNow(): { target: unknown; isNull: boolean } {
    const r = super._resolveNow();
    if (!r.isNull) liveSheet(r.target as HostWorksheet);
    return r;
  }

  load(arg?: LoadArgument): Excel.Worksheet {
    this._load(arg);
    return this as unknown as Excel.Worksheet;
  }

  /** `worksheet.delete()` (ExcelApi 1.1), with its tables and charts; see `HostWorkbook.deleteWorksheet`. */
  delete(): void {
    this._invoke('delete', [], (s: HostWorksheet) => {
      this._host.deleteWorksheet(s);
      return undefined;
    });
  }

  activate(): void {
    this._invoke('activate', [], (s: HostWorksheet) => {
      this._host.activate(s);
      return undefined;
    });
  }

  private _range(method: string, args: unknown[], f: (s: HostWorksheet) => RangeTarget | typeof NULL_TARGET): Excel.Range {
    return this._child(HostRange, 'Range', method, args, f) as unknown as Excel.Range;
  }

  /**
   * `worksheet.findAllOrNullObject` (ExcelApi 1.9): every cell of the sheet's used range that
   * matches, one rectangle per cell; a null object when none does.
   */
  findAllOrNullObject(text: string, criteria: Excel.WorksheetSearchCriteria): Excel.RangeAreas {
    return this._child(HostRangeAreas, 'RangeAreas', 'findAllOrNullObject', [text, criteria ?? {}], (s: HostWorksheet) => {
      if (typeof text !== 'string') throw invalidArgument('findAll: text must be a string.');
      const used = s.usedRect(true);
      const hits = used ? searchCells(s, used, text, criteria) : [];
      return hits.length > 0 ? { sheet: s, rects: hits.map(([row, col]) => rect(row, col, row, col)) } : NULL_TARGET;
    }) as unknown as Excel.RangeAreas;
  }

  getRange(address?: string): Excel.Range {
    return this._range('getRange', [address ?? null], (s) => {
      if (address === undefined || address === null || address === '') return { sheet: s, rect: rect(0, 0, MAX_ROWS - 1, MAX_COLUMNS - 1) };
      const p = parseAddress(address);
      if (!p) {
        if (/^[\p{L}_\\]/u.test(address)) throw new HostNotImplemented(`Excel.Worksheet.getRange("${address}")`, 'the host resolves A1 addresses only, not names');
        throw invalidArgument(`"${address}" is not a valid address.`);
      }
      if (p.sheet !== undefined && !sameKey(p.sheet, s.name)) throw invalidArgument(`The address "${address}" is not on worksheet "${s.name}".`);
      return { sheet: s, rect: p.rect };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Excel.Range {
    return this._range('getRangeByIndexes', [startRow, startColumn, rowCount, columnCount], (s) => {
      checkCount(startRow, 'startRow');
      checkCount(startColumn, 'startColumn');
      if (checkCount(rowCount, 'rowCount') < 1 || checkCount(columnCount, 'columnCount') < 1) throw invalidArgument('rowCount and columnCount must be at least 1.');
      return onSheet(s, rect(startRow, startColumn, startRow + rowCount - 1, startColumn + columnCount - 1), 'getRangeByIndexes');
    });
  }

  getCell(row: number, column: number): Excel.Range {
    return this._range('getCell', [row, column], (s) => {
      checkCount(row, 'row');
      checkCount(column, 'column');
      return onSheet(s, rect(row, column, row, column), 'getCell');
    });
  }

  getUsedRange(valuesOnly?: boolean): Excel.Range {
    return this._range('getUsedRange', [valuesOnly ?? false], (s) => ({ sheet: s, rect: s.usedRect(valuesOnly ?? false) ?? rect(0, 0, 0, 0) }));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Excel.Range {
    return this._range('getUsedRangeOrNullObject', [valuesOnly ?? false], (s) => {
      const r = s.usedRect(valuesOnly ?? false);
      return r ? { sheet: s, rect: r } : NULL_TARGET;
    });
  }
}

/**
 * `worksheet.autoFilter`, the part the ledger uses: `apply(range)` puts filter buttons on the
 * range's first row (one AutoFilter per sheet: applying again moves it), `remove()` takes them
 * away. Filter criteria (`apply(range, columnIndex, criteria)`) are not modelled.
 */
export class HostAutoFilter extends HostClientObject implements Pick<Excel.AutoFilter, 'context' | 'apply' | 'remove'> {
  readonly _typeName = 'AutoFilter';
  readonly _scalars: readonly string[] = [];

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.AutoFilter.${name}`);
  }

  apply(range: Excel.Range | string, columnIndex?: number, criteria?: Excel.FilterCriteria): void {
    if (columnIndex !== undefined || criteria !== undefined) throw new HostNotImplemented('Excel.AutoFilter.apply(range, columnIndex, criteria)');
    checkRangeArgumentContext(this, range);
    this._invoke('apply', [range], (s: HostWorksheet) => {
      const target = rangeArgument(this, range, s);
      if (target.sheet !== s) throw invalidArgument('The range of an AutoFilter must be on its worksheet.');
      s.autoFilter = target.rect;
      return undefined;
    });
  }

  remove(): void {
    this._invoke('remove', [], (s: HostWorksheet) => {
      s.autoFilter = null;
      return undefined;
    });
  }
}

export class HostFreezePanes extends HostClientObject implements Pick<Excel.WorksheetFreezePanes, 'context' | 'freezeRows' | 'freezeColumns' | 'unfreeze' | 'getLocationOrNullObject'> {
  readonly _typeName = 'WorksheetFreezePanes';
  readonly _scalars: readonly string[] = [];

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.WorksheetFreezePanes.${name}`);
  }

  freezeRows(count?: number): void {
    const n = count ?? 1;
    this._invoke('freezeRows', [n], (s: HostWorksheet) => {
      if (checkCount(n, 'count') < 0 || n >= MAX_ROWS) throw invalidArgument('freezeRows: count out of range.');
      s.frozenRows = n;
      s.frozenColumns = 0;
      return undefined;
    });
  }

  freezeColumns(count?: number): void {
    const n = count ?? 1;
    this._invoke('freezeColumns', [n], (s: HostWorksheet) => {
      if (checkCount(n, 'count') < 0 || n >= MAX_COLUMNS) throw invalidArgument('freezeColumns: count out of range.');
      s.frozenColumns = n;
      s.frozenRows = 0;
      return undefined;
    });
  }

  unfreeze(): void {
    this._invoke('unfreeze', [], (s: HostWorksheet) => {
      s.frozenRows = 0;
      s.frozenColumns = 0;
      return undefined;
    });
  }

  getLocationOrNullObject(): Excel.Range {
    return this._child(HostRange, 'Range', 'getLocationOrNullObject', [], (s: HostWorksheet) => {
      if (s.frozenRows === 0 && s.frozenColumns === 0) return NULL_TARGET;
      const bottom = s.frozenRows > 0 ? s.frozenRows - 1 : MAX_ROWS - 1;
      const right = s.frozenColumns > 0 ? s.frozenColumns - 1 : MAX_COLUMNS - 1;
      return { sheet: s, rect: rect(0, 0, bottom, right) };
    }) as unknown as Excel.Range;
  }
}
