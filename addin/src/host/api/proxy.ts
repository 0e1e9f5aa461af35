/**
 * The request context and the base of every proxy object: actions queued until `sync`, object
 * paths, `load` and property reads as Office.js does them, null objects, strict proxies whose
 * unknown members throw HostNotImplemented. See client.ts for what a sync does with a batch.
 */

import { HostError, HostErrorCode, HostNotImplemented, propertyNotLoaded } from '../errors';
import type { HostWorkbook } from '../model/workbook';
import type { HostClientResult } from './clientResult';

export function lowerFirst(s: string): string {
  return s.length > 0 ? s[0].toLowerCase() + s.slice(1) : s;
}

function upperFirst(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}

// =============================================================================================
// Strict proxies: unknown members throw HostNotImplemented
// =============================================================================================

/** Property names that tooling probes on any object; reading them must not throw. */
const PROBED = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  'inspect',
  'constructor',
  'prototype',
  'length',
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  '_isMockFunction',
  'toString',
  'valueOf',
]);

export function strict<T extends object>(obj: T, typeName: string): T {
  return new Proxy(obj, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop in target) return Reflect.get(target, prop, receiver);
      if (PROBED.has(prop)) return undefined;
      throw new HostNotImplemented(`Excel.${typeName}.${prop}`);
    },
    set(target, prop, value, receiver) {
      if (typeof prop === 'symbol' || prop in target) return Reflect.set(target, prop, value, receiver);
      throw new HostNotImplemented(`Excel.${typeName}.${String(prop)}`);
    },
  });
}

// =============================================================================================
// Request context, actions
// =============================================================================================

export const NULL_TARGET: unique symbol = Symbol('null object');

type ActionKind = 'Instantiate' | 'Query' | 'Method' | 'SetProperty';
export const ACTION_TYPE: Record<ActionKind, number> = { Instantiate: 1, Query: 2, Method: 3, SetProperty: 4 };
type PathKind = 'Global' | 'Method' | 'Property' | 'Item';
export const PATH_TYPE: Record<PathKind, number> = { Global: 1, Method: 3, Property: 4, Item: 5 };

export interface Action {
  id: number;
  kind: ActionKind;
  obj: HostClientObject;
  /** PascalCase, as RichApi carries it ("Values", "GetItem", "Add"). */
  name: string;
  args: unknown[];
  select?: string[];
  execute(): unknown;
  /**
   * When Excel carries this action as several (a large range write, `CELLS_PER_ACTION`): the
   * pieces, applied one after another in place of `execute`. Resolving the target happens here.
   */
  pieces?: () => (() => void)[];
  deliver?: (value: unknown) => void;
}

/** What a context needs of the client it belongs to (`HostClient`, client.ts). */
interface ContextClient {
  readonly workbook: HostWorkbook;
  /** Runs one batch (see `HostClient._execute`). */
  _execute(context: HostRequestContext): Promise<void>;
}

/** A proxy class, as the objects that hand out proxies construct them. */
type ProxyClass = new (ctx: HostRequestContext, parent: HostClientObject | null, kind: PathKind, name: string, args: unknown[], resolver: Resolver) => HostClientObject;

/**
 * The proxy classes that objects lower in the API hand out but cannot import, since those files
 * import them: the context's `workbook` (workbook.ts), and the `worksheet` a range, a table or a
 * chart navigates back up to (worksheet.ts). The client, which imports every object, gives them.
 */
export interface ProxyClasses {
  Workbook: ProxyClass;
  Worksheet: ProxyClass;
}

export class HostRequestContext implements Pick<Excel.RequestContext, 'sync' | 'workbook'> {
  readonly _client: ContextClient;
  /** The proxy classes objects navigate back up to (see `ProxyClasses`). */
  readonly _classes: ProxyClasses;
  _pending: Action[] = [];
  _closed = false;
  _nextId = 1;
  _batchResolved: HostClientObject[] | null = null;
  /** The strict proxy handed out for this context. */
  _self: HostRequestContext = this;
  /** Excel.RunOptions.delayForCellEdit of the run that made this context. */
  _delayForCellEdit = false;
  private readonly _workbookObject: HostClientObject;

  constructor(client: ContextClient, classes: ProxyClasses) {
    this._client = client;
    this._classes = classes;
    this._workbookObject = strict(new classes.Workbook(this, null, 'Global', 'Workbook', [], () => client.workbook), 'Workbook');
  }

  get workbook(): Excel.Workbook {
    return this._workbookObject as unknown as Excel.Workbook;
  }

  /** The client this context belongs to (host only). */
  get client(): ContextClient {
    return this._client;
  }

  /** Sends the queued batch; see the module comment. */
  sync<T>(passThroughValue?: T): Promise<T> {
    return this._client._execute(this).then(() => passThroughValue as T);
  }

  _hasPending(): boolean {
    return this._pending.length > 0;
  }

  _takePending(): Action[] {
    const p = this._pending;
    this._pending = [];
    return p;
  }

  _enqueue(action: Omit<Action, 'id'>): void {
    if (this._closed) {
      throw new HostError(HostErrorCode.invalidObjectPath, `The ${action.obj._typeName} object is used after its Excel.run batch finished; create objects inside the run that uses them.`);
    }
    this._pending.push({ ...action, id: this._nextId++ });
  }

  _close(): void {
    this._closed = true;
  }

  _beginBatch(): void {
    this._batchResolved = [];
  }

  _noteResolved(obj: HostClientObject): void {
    this._batchResolved?.push(obj);
  }

  _endBatch(ok: boolean): void {
    if (ok) for (const o of this._batchResolved ?? []) o._nullVisible = o._null;
    this._batchResolved = null;
  }
}

// =============================================================================================
// Base proxy
// =============================================================================================

export interface LoadSpec {
  scalars: Set<string>;
  nav: Map<string, LoadSpec>;
  /** For collections: what to load of each item. */
  items?: LoadSpec;
}

export function emptySpec(): LoadSpec {
  return { scalars: new Set(), nav: new Map() };
}

export type LoadArgument = string | string[] | object | undefined;

type Resolver = (parent: unknown) => unknown;

export abstract class HostClientObject {
  readonly _ctx: HostRequestContext;
  readonly _parent: HostClientObject | null;
  readonly _pathKind: PathKind;
  readonly _pathName: string;
  readonly _pathArgs: unknown[];
  readonly _pathId: number;
  readonly _resolver: Resolver;
  _resolved = false;
  _target: unknown = undefined;
  _null = false;
  /** isNullObject as the client knows it: undefined until a sync resolved the object. */
  _nullVisible: boolean | undefined = undefined;
  /** Property values the client holds: loaded, or set locally. */
  _props: Record<string, unknown> = {};
  _navCache: Record<string, HostClientObject> = {};

  abstract readonly _typeName: string;
  /** Loadable scalar properties. */
  abstract readonly _scalars: readonly string[];

  constructor(ctx: HostRequestContext, parent: HostClientObject | null, kind: PathKind, name: string, args: unknown[], resolver: Resolver) {
    this._ctx = ctx;
    this._parent = parent;
    this._pathKind = kind;
    this._pathName = name;
    this._pathArgs = args;
    this._pathId = ctx._nextId++;
    this._resolver = resolver;
  }

  get context(): Excel.RequestContext {
    return this._ctx._self as unknown as Excel.RequestContext;
  }

  /** Server side: the workbook this object's client works on. */
  protected get _host(): HostWorkbook {
    return this._ctx._client.workbook;
  }

  get isNullObject(): boolean {
    if (this._nullVisible === undefined) throw propertyNotLoaded(this._typeName, 'isNullObject');
    return this._nullVisible;
  }

  /** Server side: the model object behind this proxy, resolving it (and its parents) if needed. */
  _resolveNow(): { target: unknown; isNull: boolean } {
    if (!this._resolved) {
      let target: unknown = NULL_TARGET;
      const parent = this._parent ? this._parent._resolveNow() : { target: undefined, isNull: false };
      if (!parent.isNull) target = this._resolver(parent.target);
      this._resolved = true;
      this._null = target === NULL_TARGET;
      this._target = this._null ? undefined : target;
      this._ctx._noteResolved(this);
    }
    return { target: this._target, isNull: this._null };
  }

  /** Server side: reads one scalar property of the target. */
  abstract _read(target: unknown, name: string): unknown;

  /** Server side: writes one settable property of the target. */
  _write(_target: unknown, name: string, _value: unknown): void {
    throw new HostNotImplemented(`Excel.${this._typeName}.${name} (set)`);
  }

  /** The navigation property objects that `load('nav/…')` may reach. */
  _navigation(_name: string): HostClientObject | undefined {
    return undefined;
  }

  /** Client side: a property value, or the error Office.js throws. */
  protected _get<T>(name: string): T {
    if (Object.prototype.hasOwnProperty.call(this._props, name)) return this._props[name] as T;
    if (this._nullVisible === true) {
      throw new HostError(HostErrorCode.itemNotFound, `The ${this._typeName} is a null object (it does not exist), so '${name}' has no value: check isNullObject first.`);
    }
    throw propertyNotLoaded(this._typeName, name);
  }

  /** Client side: sets a property locally and queues the write. */
  protected _set(name: string, value: unknown, split?: (target: any, value: unknown) => (() => void)[] | null): void {
    this._props[name] = value;
    const write = () => {
      const { target, isNull } = this._resolveNow();
      if (!isNull) this._write(target, name, value);
      return undefined;
    };
    this._ctx._enqueue({
      kind: 'SetProperty',
      obj: this,
      name: upperFirst(name),
      args: [value],
      execute: write,
      ...(split
        ? {
            pieces: () => {
              const { target, isNull } = this._resolveNow();
              return (isNull ? null : split(target, value)) ?? [write];
            },
          }
        : {}),
    });
  }

  /** Queues a method that does not return an object. */
  protected _invoke(name: string, args: unknown[], run: (target: any) => unknown, result?: HostClientResult<unknown>): void {
    this._ctx._enqueue({
      kind: 'Method',
      obj: this,
      name: upperFirst(name),
      args,
      execute: () => {
        const { target, isNull } = this._resolveNow();
        return isNull ? null : run(target);
      },
      ...(result ? { deliver: (v: unknown) => result._deliver(v) } : {}),
    });
  }

  /** Creates an object returned by a method; it is resolved at its place in the batch. */
  protected _child<T extends HostClientObject>(
    Ctor: new (ctx: HostRequestContext, parent: HostClientObject | null, kind: PathKind, name: string, args: unknown[], resolver: Resolver) => T,
    typeName: string,
    method: string,
    args: unknown[],
    resolver: (parentTarget: any) => unknown,
  ): T {
    const obj = strict(new Ctor(this._ctx, this, 'Method', upperFirst(method), args, resolver), typeName);
    const nullable = method.endsWith('OrNullObject');
    this._ctx._enqueue({
      kind: 'Instantiate',
      obj,
      name: '',
      args: [],
      execute: () => {
        const { isNull } = obj._resolveNow();
        return nullable ? { IsNull: isNull } : undefined;
      },
    });
    return obj;
  }

  /** A navigation property object (cached, resolved lazily from this object's target). */
  protected _nav<T extends HostClientObject>(
    Ctor: new (ctx: HostRequestContext, parent: HostClientObject | null, kind: PathKind, name: string, args: unknown[], resolver: Resolver) => T,
    typeName: string,
    name: string,
    resolver: (parentTarget: any) => unknown,
  ): T {
    let obj = this._navCache[name] as T | undefined;
    if (!obj) {
      obj = strict(new Ctor(this._ctx, this, 'Property', upperFirst(name), [], resolver), typeName);
      this._navCache[name] = obj;
    }
    return obj;
  }

  /** An item proxy for collection results: already resolved, with its loaded properties. */
  _item<T extends HostClientObject>(
    Ctor: new (ctx: HostRequestContext, parent: HostClientObject | null, kind: PathKind, name: string, args: unknown[], resolver: Resolver) => T,
    typeName: string,
    index: number,
    target: unknown,
    props: Record<string, unknown>,
  ): T {
    const obj = strict(new Ctor(this._ctx, this, 'Item', '_ItemAt', [index], () => target), typeName);
    obj._resolved = true;
    obj._target = target;
    obj._nullVisible = false;
    Object.assign(obj._props, props);
    return obj;
  }

  // ----- load --------------------------------------------------------------------------------

  /** Parses a load argument into this object's spec (throws HostNotImplemented for unknown names). */
  _parseLoad(arg: LoadArgument): LoadSpec {
    const spec = emptySpec();
    const paths: string[] = [];
    if (arg === undefined || arg === null) {
      this._scalars.forEach((s) => spec.scalars.add(s));
      return spec;
    }
    if (typeof arg === 'string') paths.push(...arg.split(','));
    else if (Array.isArray(arg)) arg.forEach((a) => paths.push(...String(a).split(',')));
    else if ('select' in arg || 'expand' in arg) {
      const o = arg as { select?: string; expand?: string };
      if (o.select) paths.push(...o.select.split(','));
      if (o.expand) paths.push(...o.expand.split(','));
    } else {
      const walk = (o: Record<string, unknown>, prefix: string): void => {
        for (const [k, v] of Object.entries(o)) {
          if (k === '$all') {
            if (v) paths.push(prefix ? prefix.slice(0, -1) : '*');
          } else if (k.startsWith('$')) continue;
          else if (v === true) paths.push(prefix + k);
          else if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}/`);
        }
      };
      walk(arg as Record<string, unknown>, '');
    }
    for (const raw of paths) this._addPath(spec, raw.trim());
    return spec;
  }

  _addPath(spec: LoadSpec, path: string): void {
    if (path === '') return;
    if (path === '*') {
      this._scalars.forEach((s) => spec.scalars.add(s));
      return;
    }
    const [head, ...rest] = path.split('/');
    const name = head;
    const nav = this._navigation(name);
    if (nav) {
      let sub = spec.nav.get(name);
      if (!sub) {
        sub = emptySpec();
        spec.nav.set(name, sub);
      }
      if (rest.length === 0) nav._scalars.forEach((s) => sub.scalars.add(s));
      else nav._addPath(sub, rest.join('/'));
      return;
    }
    if (rest.length === 0 && this._scalars.includes(name)) {
      spec.scalars.add(name);
      return;
    }
    throw new HostNotImplemented(`Excel.${this._typeName}.${path}`, 'load');
  }

  /** Queues the queries of a spec (this object's scalars, then navigation objects). */
  _queueLoad(spec: LoadSpec): void {
    if (spec.scalars.size > 0 || spec.items) {
      let itemTargets: unknown[] | undefined;
      const select = [...spec.scalars, ...(spec.items ? ['Items'] : [])];
      this._ctx._enqueue({
        kind: 'Query',
        obj: this,
        name: 'Query',
        args: [],
        select,
        execute: () => {
          const { target, isNull } = this._resolveNow();
          if (isNull) return { IsNull: true };
          const out = this._query(target, spec);
          itemTargets = out.itemTargets;
          return out.values;
        },
        deliver: (value: unknown) => {
          const v = value as Record<string, unknown>;
          if (v.IsNull === true) return;
          this._deliver(v, spec, itemTargets);
        },
      });
    }
    for (const [name, sub] of spec.nav) this._navigation(name)!._queueLoad(sub);
  }

  /** Server side: the loaded values of a query. */
  _query(target: unknown, spec: LoadSpec): { values: Record<string, unknown>; itemTargets?: unknown[] } {
    const values: Record<string, unknown> = {};
    for (const s of spec.scalars) values[s] = this._read(target, s);
    return { values };
  }

  /** Client side: stores loaded values. */
  _deliver(values: Record<string, unknown>, spec: LoadSpec, _itemTargets?: unknown[]): void {
    for (const s of spec.scalars) this._props[s] = values[s];
  }

  protected _load(arg: LoadArgument): void {
    this._queueLoad(this._parseLoad(arg));
  }

  /** The loaded (or locally set) properties, as Office.js' toJSON gives them. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this._props)) {
      out[k] = Array.isArray(v) && v.every((x) => x instanceof HostClientObject) ? v.map((x: HostClientObject) => x.toJSON()) : v;
    }
    return out;
  }
}
