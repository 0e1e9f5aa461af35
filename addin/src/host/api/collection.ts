/** The base of collections (`items`, `count`, loading their items), and the results their methods give. */

import { HostNotImplemented } from '../errors';
import { HostClientResult } from './clientResult';
import { emptySpec, HostClientObject, type LoadArgument, type LoadSpec, strict } from './proxy';

/** Base for collections: `items`, `count`, loading items' properties. */
export abstract class HostCollectionObject<Item extends HostClientObject> extends HostClientObject {
  abstract readonly _itemScalars: readonly string[];
  /** Server side: the collection's item targets, in order. */
  abstract _itemTargets(target: unknown): unknown[];
  /** Server side: one scalar of an item. */
  abstract _readItem(itemTarget: unknown, name: string): unknown;
  /** Client side: makes an item proxy. */
  abstract _makeItem(index: number, itemTarget: unknown, props: Record<string, unknown>): Item;

  override _addPath(spec: LoadSpec, path: string): void {
    if (path === '') return;
    if (path === '*') {
      spec.items ??= emptySpec();
      this._itemScalars.forEach((s) => spec.items!.scalars.add(s));
      return;
    }
    const [head, ...rest] = path.split('/');
    if (head === 'items') {
      spec.items ??= emptySpec();
      if (rest.length === 0) this._itemScalars.forEach((s) => spec.items!.scalars.add(s));
      else this._addItemPath(spec.items, rest.join('/'));
      return;
    }
    if (rest.length === 0 && this._scalars.includes(head)) {
      spec.scalars.add(head);
      return;
    }
    // Office.js reads collection.load('name') as items/name.
    spec.items ??= emptySpec();
    this._addItemPath(spec.items, path);
  }

  private _addItemPath(spec: LoadSpec, path: string): void {
    if (path.includes('/') || !this._itemScalars.includes(path)) {
      throw new HostNotImplemented(`Excel.${this._typeName}.items/${path}`, 'load');
    }
    spec.scalars.add(path);
  }

  override _parseLoad(arg: LoadArgument): LoadSpec {
    if (arg === undefined || arg === null) {
      const spec = emptySpec();
      spec.items = emptySpec();
      this._itemScalars.forEach((s) => spec.items!.scalars.add(s));
      return spec;
    }
    return super._parseLoad(arg);
  }

  override _query(target: unknown, spec: LoadSpec): { values: Record<string, unknown>; itemTargets?: unknown[] } {
    const out = super._query(target, spec);
    if (!spec.items) return out;
    const itemSpec = spec.items;
    const itemTargets = this._itemTargets(target);
    out.values.items = itemTargets.map((t) => {
      const rec: Record<string, unknown> = {};
      for (const s of itemSpec.scalars) rec[s] = this._readItem(t, s);
      return rec;
    });
    return { values: out.values, itemTargets };
  }

  override _deliver(values: Record<string, unknown>, spec: LoadSpec, itemTargets?: unknown[]): void {
    super._deliver(values, spec);
    if (spec.items && itemTargets) {
      const recs = values.items as Record<string, unknown>[];
      this._props.items = recs.map((rec, i) => this._makeItem(i, itemTargets[i], rec));
    }
  }
}

/** A new result for a method call to deliver its value to. */
export function clientResult<T>(): HostClientResult<T> {
  return strict(new HostClientResult<T>(), 'ClientResult');
}
