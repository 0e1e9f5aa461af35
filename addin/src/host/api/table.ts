/** `Excel.Table` and `Excel.TableCollection` (of a workbook or of a sheet). */

import { MAX_COLUMNS, MAX_ROWS, type Rect, rectColumns, rectRows } from '../address';
import { HostNotImplemented, invalidArgument, itemNotFound } from '../errors';
import type { HostTable } from '../model/worksheet';
import { clientResult, HostCollectionObject } from './collection';
import { HostClientObject, type LoadArgument, NULL_TARGET } from './proxy';
import { checkRangeArgumentContext, HostRange, rangeArgument } from './range';
import { HostTableColumnCollection } from './tableColumn';
import { HostTableRowCollection } from './tableRow';
import { type RangeTarget, sameKey, type TablesScope } from './targets';

const TABLE_SCALARS = ['id', 'name', 'showHeaders', 'showTotals', 'style'] as const;

function scopeTables(scope: TablesScope): HostTable[] {
  return scope.sheet ? scope.sheet.tables : [...scope.workbook.tables];
}

export class HostTableCollection
  extends HostCollectionObject<HostTableObject>
  implements Pick<Excel.TableCollection, 'context' | 'items' | 'count' | 'add' | 'getCount' | 'getItem' | 'getItemAt' | 'getItemOrNullObject' | 'load'>
{
  readonly _typeName = 'TableCollection';
  readonly _scalars: readonly string[] = ['count'];
  readonly _itemScalars: readonly string[] = TABLE_SCALARS;

  get items(): Excel.Table[] {
    return this._get('items');
  }

  get count(): number {
    return this._get('count');
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'count') return scopeTables(target as TablesScope).length;
    throw new HostNotImplemented(`Excel.TableCollection.${name}`);
  }

  _itemTargets(target: unknown): unknown[] {
    return scopeTables(target as TablesScope);
  }

  _readItem(t: unknown, name: string): unknown {
    return readTable(t as HostTable, name);
  }

  _makeItem(index: number, t: unknown, props: Record<string, unknown>): HostTableObject {
    return this._item(HostTableObject, 'Table', index, t, props);
  }

  load(arg?: LoadArgument): Excel.TableCollection {
    this._load(arg);
    return this as unknown as Excel.TableCollection;
  }

  private _table(method: string, args: unknown[], f: (scope: TablesScope) => HostTable | typeof NULL_TARGET): Excel.Table {
    return this._child(HostTableObject, 'Table', method, args, f) as unknown as Excel.Table;
  }

  private static find(scope: TablesScope, key: string): HostTable | undefined {
    return scopeTables(scope).find((t) => sameKey(t.name, key) || t.id === key);
  }

  getItem(key: string): Excel.Table {
    return this._table('getItem', [key], (scope) => {
      const t = HostTableCollection.find(scope, key);
      if (!t) throw itemNotFound(`The table "${key}" does not exist.`);
      return t;
    });
  }

  getItemOrNullObject(key: string): Excel.Table {
    return this._table('getItemOrNullObject', [key], (scope) => HostTableCollection.find(scope, key) ?? NULL_TARGET);
  }

  getItemAt(index: number): Excel.Table {
    return this._table('getItemAt', [index], (scope) => {
      const t = scopeTables(scope)[index];
      if (!t) throw invalidArgument(`There is no table at index ${index}.`);
      return t;
    });
  }

  add(address: Excel.Range | string, hasHeaders: boolean): Excel.Table {
    checkRangeArgumentContext(this, address);
    return this._table('add', [address, hasHeaders], (scope) => {
      const wb = scope.workbook;
      const defaultSheet = scope.sheet ?? wb.activeWorksheet ?? wb.worksheets[0];
      if (!defaultSheet) throw itemNotFound('The workbook has no worksheet.');
      const r = rangeArgument(this, address, defaultSheet);
      if (scope.sheet && r.sheet !== scope.sheet) throw invalidArgument(`The address is not on worksheet "${scope.sheet.name}".`);
      if (rectRows(r.rect) === MAX_ROWS || rectColumns(r.rect) === MAX_COLUMNS) throw invalidArgument('A table cannot span entire rows or columns.');
      return wb.createTable(r.sheet, r.rect, Boolean(hasHeaders));
    });
  }

  getCount(): OfficeExtension.ClientResult<number> {
    const result = clientResult<number>();
    this._invoke('getCount', [], (scope: TablesScope) => scopeTables(scope).length, result);
    return result;
  }
}

function readTable(t: HostTable, name: string): unknown {
  switch (name) {
    case 'id':
      return t.id;
    case 'name':
      return t.name;
    case 'showHeaders':
      return true;
    case 'showTotals':
      return false;
    case 'style':
      return t.style ?? 'TableStyleMedium2';
  }
  throw new HostNotImplemented(`Excel.Table.${name}`);
}

type TableMembers = 'context' | 'isNullObject' | (typeof TABLE_SCALARS)[number] | 'columns' | 'rows' | 'worksheet' | 'getRange' | 'getHeaderRowRange' | 'getDataBodyRange' | 'load';

export class HostTableObject extends HostClientObject implements Pick<Excel.Table, TableMembers> {
  readonly _typeName = 'Table';
  readonly _scalars: readonly string[] = TABLE_SCALARS;

  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v);
  }
  get showHeaders(): boolean {
    return this._get('showHeaders');
  }
  set showHeaders(_v: boolean) {
    throw new HostNotImplemented('Excel.Table.showHeaders (set)');
  }
  get showTotals(): boolean {
    return this._get('showTotals');
  }
  set showTotals(_v: boolean) {
    throw new HostNotImplemented('Excel.Table.showTotals (set)');
  }
  get style(): string {
    return this._get('style');
  }
  set style(v: string) {
    this._set('style', v);
  }

  _read(target: unknown, name: string): unknown {
    return readTable(target as HostTable, name);
  }

  override _write(target: unknown, name: string, v: unknown): void {
    const t = target as HostTable;
    if (name === 'name') t.name = String(v);
    else if (name === 'style') t.style = String(v);
    else super._write(target, name, v);
  }

  get columns(): Excel.TableColumnCollection {
    return this._columns() as unknown as Excel.TableColumnCollection;
  }

  get rows(): Excel.TableRowCollection {
    return this._rows() as unknown as Excel.TableRowCollection;
  }

  get worksheet(): Excel.Worksheet {
    return this._worksheet() as unknown as Excel.Worksheet;
  }

  private _columns(): HostTableColumnCollection {
    return this._nav(HostTableColumnCollection, 'TableColumnCollection', 'columns', (t: HostTable) => t);
  }

  private _rows(): HostTableRowCollection {
    return this._nav(HostTableRowCollection, 'TableRowCollection', 'rows', (t: HostTable) => t);
  }

  private _worksheet(): HostClientObject {
    return this._nav(this._ctx._classes.Worksheet, 'Worksheet', 'worksheet', (t: HostTable) => t.worksheet);
  }

  override _navigation(name: string): HostClientObject | undefined {
    if (name === 'columns') return this._columns();
    if (name === 'rows') return this._rows();
    if (name === 'worksheet') return this._worksheet();
    return undefined;
  }

  load(arg?: LoadArgument): Excel.Table {
    this._load(arg);
    return this as unknown as Excel.Table;
  }

  private _range(method: string, f: (t: HostTable) => Rect): Excel.Range {
    return this._child(HostRange, 'Range', method, [], (t: HostTable): RangeTarget => ({ sheet: t.worksheet, rect: f(t) })) as unknown as Excel.Range;
  }

  getRange(): Excel.Range {
    return this._range('getRange', (t) => t.rect);
  }

  getHeaderRowRange(): Excel.Range {
    return this._range('getHeaderRowRange', (t) => t.headerRect);
  }

  getDataBodyRange(): Excel.Range {
    return this._range('getDataBodyRange', (t) => t.bodyRect);
  }
}
