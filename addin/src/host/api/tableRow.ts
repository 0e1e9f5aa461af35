/** `Excel.TableRow` and `Excel.TableRowCollection`: `table.rows`. */

import { rect } from '../address';
import { HostNotImplemented, invalidArgument, itemNotFound } from '../errors';
import { writeRange } from '../model/rangeEdits';
import { insertTableRows } from '../model/tableEdits';
import type { HostTable } from '../model/worksheet';
import { clientResult, HostCollectionObject } from './collection';
import { HostClientObject, type LoadArgument } from './proxy';
import { HostRange } from './range';
import { apiValue, matrix, type RangeTarget, type RowTarget } from './targets';

const ROW_SCALARS = ['index', 'values'] as const;

function readRow(r: RowTarget, name: string): unknown {
  const { table: t, index } = r;
  if (index >= t.bodyRowCount) throw itemNotFound('The table row no longer exists.');
  switch (name) {
    case 'index':
      return index;
    case 'values': {
      const row = t.top + 1 + index;
      return matrix(rect(row, t.left, row, t.left + t.columnCount - 1), (rr, cc) => apiValue(t.worksheet.calculatedCell(rr, cc)));
    }
  }
  throw new HostNotImplemented(`Excel.TableRow.${name}`);
}

export class HostTableRowCollection
  extends HostCollectionObject<HostTableRowObject>
  implements Pick<Excel.TableRowCollection, 'context' | 'items' | 'count' | 'add' | 'getCount' | 'getItemAt' | 'load'>
{
  readonly _typeName = 'TableRowCollection';
  readonly _scalars: readonly string[] = ['count'];
  readonly _itemScalars: readonly string[] = ROW_SCALARS;

  get items(): Excel.TableRow[] {
    return this._get('items');
  }

  get count(): number {
    return this._get('count');
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'count') return (target as HostTable).bodyRowCount;
    throw new HostNotImplemented(`Excel.TableRowCollection.${name}`);
  }

  _itemTargets(target: unknown): unknown[] {
    const t = target as HostTable;
    return Array.from({ length: t.bodyRowCount }, (_, index): RowTarget => ({ table: t, index }));
  }

  _readItem(r: unknown, name: string): unknown {
    return readRow(r as RowTarget, name);
  }

  _makeItem(index: number, r: unknown, props: Record<string, unknown>): HostTableRowObject {
    return this._item(HostTableRowObject, 'TableRow', index, r, props);
  }

  load(arg?: LoadArgument): Excel.TableRowCollection {
    this._load(arg);
    return this as unknown as Excel.TableRowCollection;
  }

  /** Inserts rows into the table, or with `alwaysInsert` false grows it over empty rows below (`insertTableRows`, model/tableEdits.ts). */
  add(index?: number, values?: Array<Array<boolean | string | number>> | boolean | string | number, alwaysInsert?: boolean): Excel.TableRow {
    return this._child(HostTableRowObject, 'TableRow', 'add', [index ?? null, values ?? null, alwaysInsert ?? null], (t: HostTable): RowTarget => {
      const v = values === undefined || values === null || Array.isArray(values) ? values : [Array.from({ length: t.columnCount }, () => values)];
      const at = index === undefined || index === null || index === -1 ? t.bodyRowCount : index;
      insertTableRows(t, index, v, alwaysInsert);
      return { table: t, index: at };
    }) as unknown as Excel.TableRow;
  }

  getItemAt(index: number): Excel.TableRow {
    return this._child(HostTableRowObject, 'TableRow', 'getItemAt', [index], (t: HostTable): RowTarget => {
      if (!Number.isInteger(index) || index < 0 || index >= t.bodyRowCount) throw invalidArgument(`There is no row at index ${index} in table "${t.name}".`);
      return { table: t, index };
    }) as unknown as Excel.TableRow;
  }

  getCount(): OfficeExtension.ClientResult<number> {
    const result = clientResult<number>();
    this._invoke('getCount', [], (t: HostTable) => t.bodyRowCount, result);
    return result;
  }
}

export class HostTableRowObject extends HostClientObject implements Pick<Excel.TableRow, 'context' | 'isNullObject' | 'index' | 'values' | 'getRange' | 'load'> {
  readonly _typeName = 'TableRow';
  readonly _scalars: readonly string[] = ROW_SCALARS;

  get index(): number {
    return this._get('index');
  }
  get values(): any[][] {
    return this._get('values');
  }
  set values(v: any[][]) {
    this._set('values', v);
  }

  _read(target: unknown, name: string): unknown {
    return readRow(target as RowTarget, name);
  }

  override _write(target: unknown, name: string, v: unknown): void {
    const { table: t, index } = target as RowTarget;
    if (name !== 'values') return super._write(target, name, v);
    if (index >= t.bodyRowCount) throw itemNotFound('The table row no longer exists.');
    const row = t.top + 1 + index;
    writeRange(t.worksheet, rect(row, t.left, row, t.left + t.columnCount - 1), v, 'values');
  }

  load(arg?: LoadArgument): Excel.TableRow {
    this._load(arg);
    return this as unknown as Excel.TableRow;
  }

  getRange(): Excel.Range {
    return this._child(HostRange, 'Range', 'getRange', [], (r: RowTarget): RangeTarget => {
      const t = r.table;
      if (r.index >= t.bodyRowCount) throw itemNotFound('The table row no longer exists.');
      const row = t.top + 1 + r.index;
      return { sheet: t.worksheet, rect: rect(row, t.left, row, t.left + t.columnCount - 1) };
    }) as unknown as Excel.Range;
  }
}
