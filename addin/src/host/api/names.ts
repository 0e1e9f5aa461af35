/** `workbook.names` (`Excel.NamedItem`, `Excel.NamedItemCollection`): workbook-level defined names. */

import { columnLetters, parseAddress, quoteSheetName } from '../address';
import { HostNotImplemented, invalidArgument, itemNotFound } from '../errors';
import type { HostWorkbook } from '../model/workbook';
import { HostCollectionObject } from './collection';
import { HostClientObject, type LoadArgument, NULL_TARGET } from './proxy';
import { checkRangeArgumentContext, HostRange, rangeArgument } from './range';

type NameRecord = { name: string; ranges: string[] };

const NAMED_ITEM_SCALARS = ['formula', 'name', 'type', 'visible'] as const;

function readName(n: NameRecord, name: string): unknown {
  switch (name) {
    case 'name':
      return n.name;
    case 'formula':
      return `=${n.ranges.join(',')}`;
    case 'type':
      return n.ranges.every((r) => parseAddress(r) !== null) ? 'Range' : 'String';
    case 'visible':
      return true;
  }
  throw new HostNotImplemented(`Excel.NamedItem.${name}`);
}

/** A reference argument (a Range proxy, or a formula "=Sheet!$A$1:$A$9") → the text a name holds. */
function referenceText(self: HostClientObject, reference: unknown, wb: HostWorkbook): string {
  if (reference instanceof HostRange) {
    const { sheet, rect: r } = rangeArgument(self, reference, wb.worksheets[0]);
    const absolute = (row: number, col: number) => `$${columnLetters(col)}$${row + 1}`;
    const corners = r.top === r.bottom && r.left === r.right ? absolute(r.top, r.left) : `${absolute(r.top, r.left)}:${absolute(r.bottom, r.right)}`;
    return `${quoteSheetName(sheet.name)}!${corners}`;
  }
  if (typeof reference !== 'string' || !reference.startsWith('=')) throw new HostNotImplemented('a name that is not a reference', String(reference));
  const text = reference.slice(1);
  const parsed = parseAddress(text);
  if (!parsed || parsed.sheet === undefined) throw new HostNotImplemented('a name that is not a sheet reference', reference);
  if (!wb.findWorksheet(parsed.sheet)) throw invalidArgument(`There is no worksheet named "${parsed.sheet}".`);
  return text;
}

/**
 * `workbook.names` (ExcelApi 1.1; `add` 1.4): workbook-level names of sheet references (other
 * formulas and sheet-scoped names are not modelled). Names are unique case-insensitively, also
 * against table names (ItemAlreadyExists). The formula keeps the text the name was given or read
 * with (Excel would drop quotes a sheet name does not need).
 */
export class HostNamedItemCollection extends HostCollectionObject<HostNamedItem> implements Pick<Excel.NamedItemCollection, 'context' | 'items' | 'add' | 'getItem' | 'getItemOrNullObject' | 'load'> {
  readonly _typeName = 'NamedItemCollection';
  readonly _scalars: readonly string[] = [];
  readonly _itemScalars: readonly string[] = NAMED_ITEM_SCALARS;

  get items(): Excel.NamedItem[] {
    return this._get('items');
  }

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.NamedItemCollection.${name}`);
  }

  _itemTargets(target: unknown): unknown[] {
    return [...(target as HostWorkbook).definedNames];
  }

  _readItem(t: unknown, name: string): unknown {
    return readName(t as NameRecord, name);
  }

  _makeItem(index: number, t: unknown, props: Record<string, unknown>): HostNamedItem {
    return this._item(HostNamedItem, 'NamedItem', index, t, props);
  }

  load(arg?: LoadArgument): Excel.NamedItemCollection {
    this._load(arg);
    return this as unknown as Excel.NamedItemCollection;
  }

  add(name: string, reference: Excel.Range | string, comment?: string): Excel.NamedItem {
    if (comment !== undefined) throw new HostNotImplemented('Excel.NamedItemCollection.add(…, comment)');
    checkRangeArgumentContext(this, reference);
    return this._child(HostNamedItem, 'NamedItem', 'add', [name, reference], (wb: HostWorkbook) => {
      wb.addName(name, referenceText(this, reference, wb));
      return wb.findName(name)!;
    }) as unknown as Excel.NamedItem;
  }

  getItem(name: string): Excel.NamedItem {
    return this._child(HostNamedItem, 'NamedItem', 'getItem', [name], (wb: HostWorkbook) => {
      const n = wb.findName(name);
      if (!n) throw itemNotFound(`There is no name "${name}".`);
      return n;
    }) as unknown as Excel.NamedItem;
  }

  getItemOrNullObject(name: string): Excel.NamedItem {
    return this._child(HostNamedItem, 'NamedItem', 'getItemOrNullObject', [name], (wb: HostWorkbook) => wb.findName(name) ?? NULL_TARGET) as unknown as Excel.NamedItem;
  }
}

export class HostNamedItem extends HostClientObject implements Pick<Excel.NamedItem, 'context' | 'isNullObject' | (typeof NAMED_ITEM_SCALARS)[number] | 'load'> {
  readonly _typeName = 'NamedItem';
  readonly _scalars: readonly string[] = NAMED_ITEM_SCALARS;

  get name(): string {
    return this._get('name');
  }
  /** ExcelApi 1.7. */
  get formula(): string {
    return this._get('formula');
  }
  set formula(v: string) {
    this._set('formula', v);
  }
  get type(): Excel.NamedItem['type'] {
    return this._get('type');
  }
  get visible(): boolean {
    return this._get('visible');
  }
  set visible(_v: boolean) {
    throw new HostNotImplemented('Excel.NamedItem.visible (set)');
  }

  _read(target: unknown, name: string): unknown {
    return readName(target as NameRecord, name);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    if (name !== 'formula') return super._write(target, name, value);
    const record = target as NameRecord;
    // The workbook is reached through the collection this item came from.
    const wb = (this._parent as HostNamedItemCollection)._resolveNow().target as HostWorkbook;
    record.ranges = [referenceText(this, value, wb)];
  }

  load(arg?: LoadArgument): Excel.NamedItem {
    this._load(arg);
    return this as unknown as Excel.NamedItem;
  }
}
