/** `Excel.TableColumn` and `Excel.TableColumnCollection`: `table.columns`. */

import { type Rect, rect } from '../address';
import { HostNotImplemented, invalidArgument, itemNotFound } from '../errors';
import { writeRange } from '../model/rangeEdits';
import { addTableColumn, renameTableColumn } from '../model/tableEdits';
import type { HostTable } from '../model/worksheet';
import { clientResult, HostCollectionObject } from './collection';
import { HostClientObject, type LoadArgument, NULL_TARGET } from './proxy';
import { HostRange } from './range';
import { apiValue, type ColumnTarget, matrix, type RangeTarget, sameKey } from './targets';

const COLUMN_SCALARS = ['id', 'index', 'name', 'values'] as const;

function readColumn(c: ColumnTarget, name: string): unknown {
  const { table: t, index } = c;
  if (index >= t.columnCount) throw itemNotFound('The table column no longer exists.');
  switch (name) {
    case 'id':
      return index + 1;
    case 'index':
      return index;
    case 'name':
      return t.headerNames()[index];
    case 'values':
      return matrix(rect(t.top, t.left + index, t.top + t.rowCount - 1, t.left + index), (row, col) => apiValue(t.worksheet.calculatedCell(row, col)));
  }
  throw new HostNotImplemented(`Excel.TableColumn.${name}`);
}

export class HostTableColumnCollection
  extends HostCollectionObject<HostTableColumnObject>
  implements Pick<Excel.TableColumnCollection, 'context' | 'items' | 'count' | 'add' | 'getCount' | 'getItem' | 'getItemAt' | 'getItemOrNullObject' | 'load'>
{
  readonly _typeName = 'TableColumnCollection';
  readonly _scalars: readonly string[] = ['count'];
  readonly _itemScalars: readonly string[] = COLUMN_SCALARS;

  get items(): Excel.TableColumn[] {
    return this._get('items');
  }

  get count(): number {
    return this._get('count');
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'count') return (target as HostTable).columnCount;
    throw new HostNotImplemented(`Excel.TableColumnCollection.${name}`);
  }

  _itemTargets(target: unknown): unknown[] {
    const t = target as HostTable;
    return Array.from({ length: t.columnCount }, (_, index): ColumnTarget => ({ table: t, index }));
  }

  _readItem(c: unknown, name: string): unknown {
    return readColumn(c as ColumnTarget, name);
  }

  _makeItem(index: number, c: unknown, props: Record<string, unknown>): HostTableColumnObject {
    return this._item(HostTableColumnObject, 'TableColumn', index, c, props);
  }

  load(arg?: LoadArgument): Excel.TableColumnCollection {
    this._load(arg);
    return this as unknown as Excel.TableColumnCollection;
  }

  private _column(method: string, args: unknown[], f: (t: HostTable) => ColumnTarget | typeof NULL_TARGET): Excel.TableColumn {
    return this._child(HostTableColumnObject, 'TableColumn', method, args, f) as unknown as Excel.TableColumn;
  }

  private static find(t: HostTable, key: number | string): ColumnTarget | undefined {
    const names = t.headerNames();
    const index = typeof key === 'number' ? key - 1 : names.findIndex((n) => sameKey(n, key));
    return index >= 0 && index < t.columnCount ? { table: t, index } : undefined;
  }

  getItem(key: number | string): Excel.TableColumn {
    return this._column('getItem', [key], (t) => {
      const c = HostTableColumnCollection.find(t, key);
      if (!c) throw itemNotFound(`The table "${t.name}" has no column "${key}".`);
      return c;
    });
  }

  getItemOrNullObject(key: number | string): Excel.TableColumn {
    return this._column('getItemOrNullObject', [key], (t) => HostTableColumnCollection.find(t, key) ?? NULL_TARGET);
  }

  getItemAt(index: number): Excel.TableColumn {
    return this._column('getItemAt', [index], (t) => {
      if (!Number.isInteger(index) || index < 0 || index >= t.columnCount) throw invalidArgument(`There is no column at index ${index} in table "${t.name}".`);
      return { table: t, index };
    });
  }

  add(index?: number, values?: Array<Array<boolean | string | number>> | boolean | string | number, name?: string): Excel.TableColumn {
    return this._column('add', [index ?? null, values ?? null, name ?? null], (t) => {
      const v = values === undefined || values === null || Array.isArray(values) ? values : Array.from({ length: t.rowCount }, () => [values]);
      const at = addTableColumn(t, index, v, name);
      return { table: t, index: at };
    });
  }

  getCount(): OfficeExtension.ClientResult<number> {
    const result = clientResult<number>();
    this._invoke('getCount', [], (t: HostTable) => t.columnCount, result);
    return result;
  }
}

export class HostTableColumnObject
  extends HostClientObject
  implements Pick<Excel.TableColumn, 'context' | 'isNullObject' | (typeof COLUMN_SCALARS)[number] | 'getRange' | 'getHeaderRowRange' | 'getDataBodyRange' | 'load'>
{
  readonly _typeName = 'TableColumn';
  readonly _scalars: readonly string[] = COLUMN_SCALARS;

  get id(): number {
    return this._get('id');
  }
  get index(): number {
    return this._get('index');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v);
  }
  get values(): any[][] {
    return this._get('values');
  }
  set values(v: any[][]) {
    this._set('values', v);
  }

  _read(target: unknown, name: string): unknown {
    return readColumn(target as ColumnTarget, name);
  }

  override _write(target: unknown, name: string, v: unknown): void {
    const { table: t, index } = target as ColumnTarget;
    if (name === 'name') renameTableColumn(t, index, String(v));
    else if (name === 'values') writeRange(t.worksheet, rect(t.top, t.left + index, t.top + t.rowCount - 1, t.left + index), v, 'values');
    else super._write(target, name, v);
  }

  load(arg?: LoadArgument): Excel.TableColumn {
    this._load(arg);
    return this as unknown as Excel.TableColumn;
  }

  private _range(method: string, f: (t: HostTable, col: number) => Rect): Excel.Range {
    return this._child(HostRange, 'Range', method, [], (c: ColumnTarget): RangeTarget => {
      if (c.index >= c.table.columnCount) throw itemNotFound('The table column no longer exists.');
      return { sheet: c.table.worksheet, rect: f(c.table, c.table.left + c.index) };
    }) as unknown as Excel.Range;
  }

  getRange(): Excel.Range {
    return this._range('getRange', (t, col) => rect(t.top, col, t.top + t.rowCount - 1, col));
  }

  getHeaderRowRange(): Excel.Range {
    return this._range('getHeaderRowRange', (t, col) => rect(t.top, col, t.top, col));
  }

  getDataBodyRange(): Excel.Range {
    return this._range('getDataBodyRange', (t, col) => rect(t.top + 1, col, t.top + t.rowCount - 1, col));
  }
}
