/**
 * The Office.js-like API of the in-memory Excel host.
 *
 * `hostClient(workbook)` gives a `HostClient`; `client.run(async (context) => …)` behaves like
 * `Excel.run`: `context.workbook` hands out proxy objects whose property writes and method calls
 * are queued as actions; nothing reaches the workbook until `context.sync()`, which applies the
 * batch in order, atomically with respect to other clients, and only then fills in what was
 * loaded. The proxies are typed against @types/office-js (`implements Pick<Excel.X, …>`), so the
 * Office.js backend runs on the host unchanged (`context as unknown as Excel.RequestContext` is
 * what `run` hands out). Members the host does not implement throw `HostNotImplemented`.
 *
 * Semantics kept from Excel (see DESIGN.md principle 5 and test/host.test.ts):
 * - reading a property that was not loaded, or before the sync that loads it, throws
 *   PropertyNotLoaded; a property set locally reads back as set (as Office.js does);
 * - a proxy made by a method (`getItem`, `getDataBodyRange().getRowsBelow(1)`, …) is resolved when
 *   its place in the batch is reached at sync, and keeps that target afterwards;
 * - a failing action rejects the sync; actions before it stay applied (batches are not
 *   transactions); loaded values of a failed batch are not delivered;
 * - `*OrNullObject` proxies report `isNullObject` after the sync; actions on a null object do nothing;
 * - payload sizes are measured (RichApi-like JSON, UTF-8 bytes) and limited like Excel on the web.
 */

import {
  MAX_COLUMNS,
  MAX_ROWS,
  type Rect,
  columnLetters,
  parseAddress,
  qualifiedAddress,
  quoteSheetName,
  rect,
  rectAddress,
  rectColumns,
  rectIntersection,
  rectOnSheet,
  rectRows,
} from './address';
import { ERROR_LITERALS, NO_CALC, formatCellText, wildcardRegExp, type CellScalar } from './cells';
import { HostError, HostErrorCode, HostNotImplemented, invalidArgument, itemNotFound, propertyNotLoaded } from './errors';
import type { ClearTarget, HostCell } from './model/cell';
import type { HostChartType } from './model/chartLayout';
import { clearValidation, setValidationRule, setValidationSettings, validationsOver } from './model/dataValidation';
import { addRowBreak, clearRange, mergeCells, setBold, setColumnsHidden, setRowHeight, setStyle, writeRange } from './model/rangeEdits';
import { addTableColumn, insertTableRows, renameTableColumn } from './model/tableEdits';
import type { HostWorkbook } from './model/workbook';
import type { HostChart, HostChartSeries, HostTable, HostWorksheet } from './model/worksheet';
import { columnWidthCharacters, columnWidthPoints } from './model/cell';

// =============================================================================================
// Client, options, statistics
// =============================================================================================

/** 5 MB, the request (and response) payload limit of Excel on the web. */
export const WEB_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface HostClientOptions {
  /** A label used in error messages and stats (default "client N"). */
  name?: string;
  /** Reject a request larger than this (UTF-8 bytes); null: no limit (desktop). Default 5 MB. */
  requestLimitBytes?: number | null;
  /** Reject a response larger than this (its actions stay applied); null: no limit. Default 5 MB. */
  responseLimitBytes?: number | null;
  /**
   * Called before a batch is applied ('request') and before its results are delivered
   * ('response'); return a promise to delay either (e.g. a fast-check scheduler) and so
   * interleave clients. Without it a batch is applied synchronously inside `sync()`.
   */
  latency?: (phase: 'request' | 'response', syncIndex: number) => Promise<void> | void;
}

export interface SyncRecord {
  /** 1-based round-trip number of this client (since it was created). */
  index: number;
  /** Actions in the batch (instantiations, property sets, method calls, loads). */
  actions: number;
  requestBytes: number;
  responseBytes: number;
  ok: boolean;
  errorCode?: string;
}

export interface HostStats {
  /** Round trips (a `sync()` with nothing queued costs none, as in Office.js). */
  syncs: number;
  requestBytes: number;
  responseBytes: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  perSync: SyncRecord[];
}

/** What a `failWhen` predicate sees of a request about to be applied. */
export interface SyncInfo {
  index: number;
  requestBytes: number;
  /** The RichApi-like request (Actions, ObjectPaths). */
  request: RequestJson;
  /** "Type.Name" of each action, e.g. "Range.Values", "TableRowCollection.Add", "Range.Query". */
  actionNames: string[];
}

export interface RequestJson {
  Actions: ActionJson[];
  ObjectPaths: Record<string, ObjectPathJson>;
}

interface ActionJson {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments: unknown[] };
  QueryInfo?: { Select: string[] };
}

interface ObjectPathJson {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments: unknown[] };
}

/** UTF-8 length of a string without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

let clientCounter = 0;

/** A new Office.js-like client on `workbook`: one per simulated user or add-in instance. */
export function hostClient(workbook: HostWorkbook, options?: HostClientOptions): HostClient {
  return new HostClient(workbook, options);
}

export class HostClient {
  readonly workbook: HostWorkbook;
  readonly name: string;
  private readonly options: HostClientOptions;
  private roundTrips = 0;
  private records: SyncRecord[] = [];
  private failAt = new Set<number>();
  private failPredicate: ((info: SyncInfo) => boolean) | null = null;

  constructor(workbook: HostWorkbook, options: HostClientOptions = {}) {
    this.workbook = workbook;
    this.options = options;
    this.name = options.name ?? `client ${++clientCounter}`;
  }

  /** Like `Excel.run`: a fresh context; pending actions are synced when the batch resolves. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const context = this.newContext();
    try {
      const promise = batch(context as unknown as Excel.RequestContext) as unknown;
      if (!promise || typeof (promise as { then?: unknown }).then !== 'function') {
        throw new HostError(HostErrorCode.runMustReturnPromise, 'The batch function passed to run() must return a promise.');
      }
      const result = await (promise as Promise<T>);
      if (context._hasPending()) await context.sync();
      return result;
    } finally {
      context._close();
    }
  }

  /** A context outside `run` (it is never closed); for tests that drive syncs by hand. */
  newContext(): HostRequestContext {
    const raw = new HostRequestContext(this);
    raw._self = strict(raw, 'RequestContext');
    return raw._self;
  }

  get stats(): HostStats {
    const perSync = this.records.map((r) => ({ ...r }));
    return {
      syncs: perSync.length,
      requestBytes: perSync.reduce((s, r) => s + r.requestBytes, 0),
      responseBytes: perSync.reduce((s, r) => s + r.responseBytes, 0),
      maxRequestBytes: perSync.reduce((s, r) => Math.max(s, r.requestBytes), 0),
      maxResponseBytes: perSync.reduce((s, r) => Math.max(s, r.responseBytes), 0),
      perSync,
    };
  }

  resetStats(): void {
    this.records = [];
  }

  /**
   * Makes this client's n-th round trip from now (1 = the next one) reject with GeneralException
   * without applying any of its batch: a request that never reached Excel.
   */
  failAtSync(n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new Error('failAtSync(n) needs n >= 1');
    this.failAt.add(this.roundTrips + n);
  }

  /** Fails (as failAtSync does) every request for which the predicate holds; null to stop. */
  failWhen(predicate: ((info: SyncInfo) => boolean) | null): void {
    this.failPredicate = predicate;
  }

  /** @internal Runs one batch: measure, maybe fail, apply in order, deliver. */
  async _execute(context: HostRequestContext): Promise<void> {
    const actions = context._takePending();
    if (actions.length === 0) return;
    const index = ++this.roundTrips;
    const request = buildRequest(actions);
    const requestBytes = utf8Length(JSON.stringify(request));
    const record: SyncRecord = { index, actions: actions.length, requestBytes, responseBytes: 0, ok: false };
    this.records.push(record);
    if (this.options.latency) await this.options.latency('request', index);

    const injected =
      this.failAt.delete(index) ||
      (this.failPredicate !== null &&
        this.failPredicate({ index, requestBytes, request, actionNames: actions.map(actionName) }));
    if (injected) {
      record.errorCode = HostErrorCode.generalException;
      throw new HostError(
        HostErrorCode.generalException,
        `Injected failure at sync #${index} of ${this.name}: the request never reached Excel and nothing of this batch was applied.`,
      );
    }
    const requestLimit = this.options.requestLimitBytes === undefined ? WEB_PAYLOAD_LIMIT_BYTES : this.options.requestLimitBytes;
    if (requestLimit !== null && requestBytes > requestLimit) {
      record.errorCode = HostErrorCode.requestPayloadSizeLimitExceeded;
      throw new HostError(
        HostErrorCode.requestPayloadSizeLimitExceeded,
        `The request payload is ${requestBytes} bytes, above the ${requestLimit}-byte limit of Excel on the web; nothing was applied. Split the write into smaller batches.`,
      );
    }

    // Apply, in order. A failing action stops the batch; what ran before it stays applied.
    const results: { ActionId: number; Value: unknown }[] = [];
    const deliveries: (() => void)[] = [];
    context._beginBatch();
    for (const action of actions) {
      let value: unknown;
      try {
        value = action.execute();
      } catch (e) {
        if (e instanceof HostError) e.locate(errorLocation(action));
        const code = e instanceof HostError ? e.code : e instanceof HostNotImplemented ? e.code : 'GeneralException';
        const message = e instanceof Error ? e.message : String(e);
        record.errorCode = code;
        record.responseBytes = utf8Length(JSON.stringify({ Error: { Code: code, Message: message, ActionId: action.id } }));
        context._endBatch(false);
        throw e;
      }
      if (value !== undefined) results.push({ ActionId: action.id, Value: value });
      if (action.deliver) {
        const deliver = action.deliver;
        deliveries.push(() => deliver(value));
      }
    }
    const responseBytes = utf8Length(JSON.stringify({ Results: results }));
    record.responseBytes = responseBytes;
    const responseLimit = this.options.responseLimitBytes === undefined ? WEB_PAYLOAD_LIMIT_BYTES : this.options.responseLimitBytes;
    if (responseLimit !== null && responseBytes > responseLimit) {
      record.errorCode = HostErrorCode.responsePayloadSizeLimitExceeded;
      context._endBatch(false);
      throw new HostError(
        HostErrorCode.responsePayloadSizeLimitExceeded,
        `The response payload is ${responseBytes} bytes, above the ${responseLimit}-byte limit of Excel on the web. Load less at once.`,
      );
    }
    if (this.options.latency) await this.options.latency('response', index);
    for (const d of deliveries) d();
    context._endBatch(true);
    record.ok = true;
  }
}

function actionName(a: Action): string {
  if (a.kind === 'Instantiate') return `${a.obj._parent?._typeName ?? ''}.${a.obj._pathName}`;
  return `${a.obj._typeName}.${a.name}`;
}

function errorLocation(a: Action): string {
  if (a.kind === 'Instantiate') return `${a.obj._parent?._typeName ?? ''}.${lowerFirst(a.obj._pathName)}`;
  return `${a.obj._typeName}.${lowerFirst(a.name)}`;
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0]!.toLowerCase() + s.slice(1) : s;
}

function upperFirst(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
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

function strict<T extends object>(obj: T, typeName: string): T {
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

const NULL_TARGET: unique symbol = Symbol('null object');

type ActionKind = 'Instantiate' | 'Query' | 'Method' | 'SetProperty';
const ACTION_TYPE: Record<ActionKind, number> = { Instantiate: 1, Query: 2, Method: 3, SetProperty: 4 };
type PathKind = 'Global' | 'Method' | 'Property' | 'Item';
const PATH_TYPE: Record<PathKind, number> = { Global: 1, Method: 3, Property: 4, Item: 5 };

interface Action {
  id: number;
  kind: ActionKind;
  obj: HostClientObject;
  /** PascalCase, as RichApi carries it ("Values", "GetItem", "Add"). */
  name: string;
  args: unknown[];
  select?: string[];
  execute(): unknown;
  deliver?(value: unknown): void;
}

export class HostRequestContext implements Pick<Excel.RequestContext, 'sync' | 'workbook'> {
  readonly _client: HostClient;
  _pending: Action[] = [];
  _closed = false;
  _nextId = 1;
  _batchResolved: HostClientObject[] | null = null;
  /** The strict proxy handed out for this context. */
  _self: HostRequestContext = this;
  private readonly _workbookObject: HostWorkbookObject;

  constructor(client: HostClient) {
    this._client = client;
    this._workbookObject = strict(new HostWorkbookObject(this, null, 'Global', 'Workbook', [], () => client.workbook), 'Workbook');
  }

  get workbook(): Excel.Workbook {
    return this._workbookObject as unknown as Excel.Workbook;
  }

  /** The client this context belongs to (host only). */
  get client(): HostClient {
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
      throw new HostError(
        HostErrorCode.invalidObjectPath,
        `The ${action.obj._typeName} object is used after its Excel.run batch finished; create objects inside the run that uses them.`,
      );
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

function buildRequest(actions: Action[]): RequestJson {
  const paths: Record<string, ObjectPathJson> = {};
  const addPath = (o: HostClientObject): void => {
    for (let cur: HostClientObject | null = o; cur && !paths[cur._pathId]; cur = cur._parent) {
      const p: ObjectPathJson = { Id: cur._pathId, ObjectPathType: PATH_TYPE[cur._pathKind], Name: cur._pathName };
      if (cur._parent) p.ParentObjectPathId = cur._parent._pathId;
      if (cur._pathArgs.length > 0) p.ArgumentInfo = { Arguments: cur._pathArgs.map((a) => encodeArgument(a, addPath)) };
      paths[cur._pathId] = p;
    }
  };
  const out: ActionJson[] = actions.map((a) => {
    addPath(a.obj);
    const json: ActionJson = { Id: a.id, ActionType: ACTION_TYPE[a.kind], Name: a.name, ObjectPathId: a.obj._pathId };
    if (a.args.length > 0) json.ArgumentInfo = { Arguments: a.args.map((x) => encodeArgument(x, addPath)) };
    if (a.select) json.QueryInfo = { Select: a.select };
    return json;
  });
  return { Actions: out, ObjectPaths: paths };
}

function encodeArgument(a: unknown, addPath: (o: HostClientObject) => void): unknown {
  if (a instanceof HostClientObject) {
    addPath(a);
    return { ObjectPathId: a._pathId };
  }
  return a === undefined ? null : a;
}

// =============================================================================================
// Base proxy
// =============================================================================================

interface LoadSpec {
  scalars: Set<string>;
  nav: Map<string, LoadSpec>;
  /** For collections: what to load of each item. */
  items?: LoadSpec;
}

function emptySpec(): LoadSpec {
  return { scalars: new Set(), nav: new Map() };
}

type LoadArgument = string | string[] | object | undefined;

type Resolver = (parent: unknown) => unknown;

abstract class HostClientObject {
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
      throw new HostError(
        HostErrorCode.itemNotFound,
        `The ${this._typeName} is a null object (it does not exist), so '${name}' has no value: check isNullObject first.`,
      );
    }
    throw propertyNotLoaded(this._typeName, name);
  }

  /** Client side: sets a property locally and queues the write. */
  protected _set(name: string, value: unknown): void {
    this._props[name] = value;
    this._ctx._enqueue({
      kind: 'SetProperty',
      obj: this,
      name: upperFirst(name),
      args: [value],
      execute: () => {
        const { target, isNull } = this._resolveNow();
        if (!isNull) this._write(target, name, value);
        return undefined;
      },
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
    const name = head!;
    const nav = this._navigation(name);
    if (nav) {
      let sub = spec.nav.get(name);
      if (!sub) {
        sub = emptySpec();
        spec.nav.set(name, sub);
      }
      if (rest.length === 0) nav._scalars.forEach((s) => sub!.scalars.add(s));
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

/** Base for collections: `items`, `count`, loading items' properties. */
abstract class HostCollectionObject<Item extends HostClientObject> extends HostClientObject {
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
    if (rest.length === 0 && this._scalars.includes(head!)) {
      spec.scalars.add(head!);
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

// =============================================================================================
// ClientResult
// =============================================================================================

export class HostClientResult<T> implements Pick<OfficeExtension.ClientResult<T>, 'value'> {
  _loaded = false;
  _value: T | undefined = undefined;

  get value(): T {
    if (!this._loaded) {
      throw new HostError(
        HostErrorCode.valueNotLoaded,
        'The value of this result is not available yet: await context.sync() before reading it.',
      );
    }
    return this._value as T;
  }

  _deliver(v: unknown): void {
    this._loaded = true;
    this._value = v as T;
  }

  toJSON(): unknown {
    return this._loaded ? { value: this._value } : {};
  }
}

function clientResult<T>(): HostClientResult<T> {
  return strict(new HostClientResult<T>(), 'ClientResult');
}

// =============================================================================================
// Targets and helpers
// =============================================================================================

interface RangeTarget {
  sheet: HostWorksheet;
  rect: Rect;
}

interface TablesScope {
  workbook: HostWorkbook;
  sheet: HostWorksheet | null;
}

interface ColumnTarget {
  table: HostTable;
  index: number;
}

interface RowTarget {
  table: HostTable;
  index: number;
}

/** Above this many cells a range's matrices are not produced (Excel on the web could not return them). */
const MAX_MATRIX_CELLS = 5_000_000;

function onSheet(sheet: HostWorksheet, r: Rect, what: string): RangeTarget {
  if (!rectOnSheet(r)) throw invalidArgument(`${what}: the resulting range would lie outside the worksheet.`);
  return { sheet, rect: r };
}

function checkCount(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidArgument(`${what} must be an integer.`);
  return n;
}

function matrix<T>(r: Rect, cell: (row: number, col: number) => T): T[][] {
  if (rectRows(r) * rectColumns(r) > MAX_MATRIX_CELLS) {
    throw new HostError(
      HostErrorCode.responsePayloadSizeLimitExceeded,
      `The range ${rectAddress(r)} has too many cells to return; read a smaller range.`,
    );
  }
  const out: T[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: T[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(cell(row, col));
    out.push(line);
  }
  return out;
}

/** What `values` reports for a cell. */
function apiValue(c: HostCell | undefined): CellScalar {
  if (!c) return '';
  if (c.formula !== undefined) return c.value === null ? NO_CALC : c.value;
  return c.value === null ? '' : c.value;
}

function apiFormula(c: HostCell | undefined): CellScalar {
  if (!c) return '';
  if (c.formula !== undefined) return c.formula;
  return c.value === null ? '' : c.value;
}

function apiText(c: HostCell | undefined): string {
  if (!c) return '';
  const v = apiValue(c);
  return typeof v === 'string' && c.formula !== undefined && ERROR_LITERALS.has(v) ? v : formatCellText(v, c.numberFormat);
}

function apiValueType(c: HostCell | undefined): Excel.RangeValueType {
  const v = apiValue(c);
  let t: string;
  if (v === '' || v === null) t = 'Empty';
  else if (typeof v === 'number') t = 'Double';
  else if (typeof v === 'boolean') t = 'Boolean';
  else if (ERROR_LITERALS.has(v)) t = 'Error';
  else t = 'String';
  return t as Excel.RangeValueType;
}

function sameKey(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/** A range argument (proxy or address) resolved on the server. */
function rangeArgument(self: HostClientObject, arg: unknown, sheet: HostWorksheet): RangeTarget {
  if (typeof arg === 'string') {
    const p = parseAddress(arg);
    if (!p) throw invalidArgument(`"${arg}" is not an A1 address.`);
    const s = p.sheet === undefined ? sheet : sheet.workbook.findWorksheet(p.sheet);
    if (!s) throw itemNotFound(`There is no worksheet named "${p.sheet}".`);
    return { sheet: s, rect: p.rect };
  }
  if (arg instanceof HostRange) {
    if (arg._ctx !== self._ctx) {
      throw new HostError(HostErrorCode.invalidRequestContext, 'A Range from another request context cannot be used here.');
    }
    const { target, isNull } = arg._resolveNow();
    if (isNull) throw invalidArgument('The range argument is a null object.');
    return target as RangeTarget;
  }
  throw invalidArgument('Expected a Range or an address string.');
}

function checkRangeArgumentContext(self: HostClientObject, arg: unknown): void {
  if (arg instanceof HostClientObject && arg._ctx !== self._ctx) {
    throw new HostError(HostErrorCode.invalidRequestContext, 'An object from another request context cannot be used here.');
  }
}

// =============================================================================================
// Range
// =============================================================================================

const RANGE_SCALARS = [
  'address',
  'addressLocal',
  'cellCount',
  'columnCount',
  'columnHidden',
  'columnIndex',
  'formulas',
  'formulasLocal',
  'isEntireColumn',
  'isEntireRow',
  'numberFormat',
  'rowCount',
  'rowIndex',
  'text',
  'valueTypes',
  'values',
] as const;

type RangeMembers =
  | 'context'
  | 'isNullObject'
  | 'worksheet'
  | (typeof RANGE_SCALARS)[number]
  | 'clear'
  | 'find'
  | 'findOrNullObject'
  | 'getAbsoluteResizedRange'
  | 'getBoundingRect'
  | 'getCell'
  | 'getColumn'
  | 'getColumnsAfter'
  | 'getColumnsBefore'
  | 'getEntireColumn'
  | 'getEntireRow'
  | 'getIntersection'
  | 'getIntersectionOrNullObject'
  | 'getLastCell'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getOffsetRange'
  | 'getResizedRange'
  | 'format'
  | 'dataValidation'
  | 'getRow'
  | 'getRowsAbove'
  | 'getRowsBelow'
  | 'getUsedRange'
  | 'getUsedRangeOrNullObject'
  | 'load'
  | 'merge'
  | 'select'
  | 'track'
  | 'untrack';

export class HostRange extends HostClientObject implements Pick<Excel.Range, RangeMembers> {
  readonly _typeName = 'Range';
  readonly _scalars: readonly string[] = RANGE_SCALARS;

  // ----- properties (client side) -----
  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  /** ExcelApi 1.2: whether all the range's columns are hidden (null when some are). */
  get columnHidden(): boolean {
    return this._get('columnHidden');
  }
  set columnHidden(v: boolean) {
    this._set('columnHidden', v);
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get isEntireColumn(): boolean {
    return this._get('isEntireColumn');
  }
  get isEntireRow(): boolean {
    return this._get('isEntireRow');
  }
  get values(): any[][] {
    return this._get('values');
  }
  set values(v: any[][]) {
    this._set('values', v);
  }
  get formulas(): any[][] {
    return this._get('formulas');
  }
  set formulas(v: any[][]) {
    this._set('formulas', v);
  }
  get formulasLocal(): any[][] {
    return this._get('formulasLocal');
  }
  set formulasLocal(v: any[][]) {
    this._set('formulasLocal', v);
  }
  get numberFormat(): any[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: any[][]) {
    this._set('numberFormat', v);
  }
  get text(): string[][] {
    return this._get('text');
  }
  get valueTypes(): Excel.RangeValueType[][] {
    return this._get('valueTypes');
  }

  get worksheet(): Excel.Worksheet {
    return this._worksheet() as unknown as Excel.Worksheet;
  }

  /** `range.format`: column widths and the font (bold) — the subset report sheets use. */
  get format(): Excel.RangeFormat {
    return this._nav(HostRangeFormat, 'RangeFormat', 'format', (t: RangeTarget) => t) as unknown as Excel.RangeFormat;
  }

  /** `range.dataValidation` (ExcelApi 1.8): list and whole-number rules, error alerts, blanks. */
  get dataValidation(): Excel.DataValidation {
    return this._nav(HostDataValidation, 'DataValidation', 'dataValidation', (t: RangeTarget) => t) as unknown as Excel.DataValidation;
  }

  private _worksheet(): HostWorksheetObject {
    return this._nav(HostWorksheetObject, 'Worksheet', 'worksheet', (t: RangeTarget) => t.sheet);
  }

  override _navigation(name: string): HostClientObject | undefined {
    if (name === 'format') return this.format as unknown as HostClientObject;
    if (name === 'dataValidation') return this.dataValidation as unknown as HostClientObject;
    return name === 'worksheet' ? this._worksheet() : undefined;
  }

  // ----- server side -----
  _read(target: unknown, name: string): unknown {
    const { sheet, rect: r } = target as RangeTarget;
    switch (name) {
      case 'address':
      case 'addressLocal':
        return qualifiedAddress(sheet.name, r);
      case 'cellCount':
        return rectRows(r) * rectColumns(r);
      case 'rowCount':
        return rectRows(r);
      case 'columnCount':
        return rectColumns(r);
      case 'rowIndex':
        return r.top;
      case 'columnIndex':
        return r.left;
      case 'isEntireColumn':
        return r.top === 0 && r.bottom === MAX_ROWS - 1;
      case 'columnHidden': {
        const hidden = new Set<boolean>();
        for (let c = r.left; c <= r.right && hidden.size < 2; c++) hidden.add(sheet.hiddenColumns.has(c));
        return hidden.size === 1 ? [...hidden][0] : null;
      }
      case 'isEntireRow':
        return r.left === 0 && r.right === MAX_COLUMNS - 1;
      case 'values':
        return matrix(r, (row, col) => apiValue(sheet.calculatedCell(row, col)));
      case 'formulas':
      case 'formulasLocal':
        return matrix(r, (row, col) => apiFormula(sheet.cell(row, col)));
      case 'numberFormat':
        return matrix(r, (row, col) => sheet.cell(row, col)?.numberFormat ?? 'General');
      case 'text':
        return matrix(r, (row, col) => apiText(sheet.calculatedCell(row, col)));
      case 'valueTypes':
        return matrix(r, (row, col) => apiValueType(sheet.calculatedCell(row, col)));
    }
    throw new HostNotImplemented(`Excel.Range.${name}`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r } = target as RangeTarget;
    if (name === 'columnHidden') return setColumnsHidden(sheet, r, value as boolean);
    const mode = name === 'values' ? 'values' : name === 'numberFormat' ? 'numberFormat' : 'formulas';
    writeRange(sheet, r, value, mode);
  }

  // ----- methods -----
  load(arg?: LoadArgument): Excel.Range {
    this._load(arg);
    return this as unknown as Excel.Range;
  }

  track(): Excel.Range {
    return this as unknown as Excel.Range;
  }

  untrack(): Excel.Range {
    return this as unknown as Excel.Range;
  }

  private _range(method: string, args: unknown[], f: (t: RangeTarget) => RangeTarget | typeof NULL_TARGET): Excel.Range {
    return this._child(HostRange, 'Range', method, args, f) as unknown as Excel.Range;
  }

  getCell(row: number, column: number): Excel.Range {
    return this._range('getCell', [row, column], (t) => {
      checkCount(row, 'row');
      checkCount(column, 'column');
      return onSheet(t.sheet, rect(t.rect.top + row, t.rect.left + column, t.rect.top + row, t.rect.left + column), 'getCell');
    });
  }

  getRow(row: number): Excel.Range {
    return this._range('getRow', [row], (t) => {
      if (checkCount(row, 'row') < 0 || row >= rectRows(t.rect)) throw invalidArgument(`Row ${row} is outside the range (${rectRows(t.rect)} rows).`);
      return { sheet: t.sheet, rect: rect(t.rect.top + row, t.rect.left, t.rect.top + row, t.rect.right) };
    });
  }

  getColumn(column: number): Excel.Range {
    return this._range('getColumn', [column], (t) => {
      if (checkCount(column, 'column') < 0 || column >= rectColumns(t.rect)) {
        throw invalidArgument(`Column ${column} is outside the range (${rectColumns(t.rect)} columns).`);
      }
      return { sheet: t.sheet, rect: rect(t.rect.top, t.rect.left + column, t.rect.bottom, t.rect.left + column) };
    });
  }

  getLastRow(): Excel.Range {
    return this._range('getLastRow', [], (t) => ({ sheet: t.sheet, rect: rect(t.rect.bottom, t.rect.left, t.rect.bottom, t.rect.right) }));
  }

  getLastColumn(): Excel.Range {
    return this._range('getLastColumn', [], (t) => ({ sheet: t.sheet, rect: rect(t.rect.top, t.rect.right, t.rect.bottom, t.rect.right) }));
  }

  getLastCell(): Excel.Range {
    return this._range('getLastCell', [], (t) => ({ sheet: t.sheet, rect: rect(t.rect.bottom, t.rect.right, t.rect.bottom, t.rect.right) }));
  }

  /** count > 0: rows below the range; count < 0: the last |count| rows of the range. */
  getRowsBelow(count = 1): Excel.Range {
    return this._range('getRowsBelow', [count], (t) => {
      const n = checkCount(count, 'count');
      const r = t.rect;
      if (n === 0 || (n < 0 && -n > rectRows(r))) throw invalidArgument(`getRowsBelow(${n}) is not a valid count for ${rectRows(r)} rows.`);
      return onSheet(t.sheet, n > 0 ? rect(r.bottom + 1, r.left, r.bottom + n, r.right) : rect(r.bottom + n + 1, r.left, r.bottom, r.right), 'getRowsBelow');
    });
  }

  /** count > 0: rows above the range; count < 0: the first |count| rows of the range. */
  getRowsAbove(count = 1): Excel.Range {
    return this._range('getRowsAbove', [count], (t) => {
      const n = checkCount(count, 'count');
      const r = t.rect;
      if (n === 0 || (n < 0 && -n > rectRows(r))) throw invalidArgument(`getRowsAbove(${n}) is not a valid count for ${rectRows(r)} rows.`);
      return onSheet(t.sheet, n > 0 ? rect(r.top - n, r.left, r.top - 1, r.right) : rect(r.top, r.left, r.top - n - 1, r.right), 'getRowsAbove');
    });
  }

  getColumnsAfter(count = 1): Excel.Range {
    return this._range('getColumnsAfter', [count], (t) => {
      const n = checkCount(count, 'count');
      const r = t.rect;
      if (n === 0 || (n < 0 && -n > rectColumns(r))) throw invalidArgument(`getColumnsAfter(${n}) is not a valid count.`);
      return onSheet(t.sheet, n > 0 ? rect(r.top, r.right + 1, r.bottom, r.right + n) : rect(r.top, r.right + n + 1, r.bottom, r.right), 'getColumnsAfter');
    });
  }

  getColumnsBefore(count = 1): Excel.Range {
    return this._range('getColumnsBefore', [count], (t) => {
      const n = checkCount(count, 'count');
      const r = t.rect;
      if (n === 0 || (n < 0 && -n > rectColumns(r))) throw invalidArgument(`getColumnsBefore(${n}) is not a valid count.`);
      return onSheet(t.sheet, n > 0 ? rect(r.top, r.left - n, r.bottom, r.left - 1) : rect(r.top, r.left, r.bottom, r.left - n - 1), 'getColumnsBefore');
    });
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Excel.Range {
    return this._range('getOffsetRange', [rowOffset, columnOffset], (t) => {
      const dr = checkCount(rowOffset, 'rowOffset');
      const dc = checkCount(columnOffset, 'columnOffset');
      const r = t.rect;
      return onSheet(t.sheet, rect(r.top + dr, r.left + dc, r.bottom + dr, r.right + dc), 'getOffsetRange');
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Excel.Range {
    return this._range('getResizedRange', [deltaRows, deltaColumns], (t) => {
      const dr = checkCount(deltaRows, 'deltaRows');
      const dc = checkCount(deltaColumns, 'deltaColumns');
      const r = t.rect;
      return onSheet(t.sheet, rect(r.top, r.left, r.bottom + dr, r.right + dc), 'getResizedRange');
    });
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): Excel.Range {
    return this._range('getAbsoluteResizedRange', [numRows, numColumns], (t) => {
      if (checkCount(numRows, 'numRows') < 1 || checkCount(numColumns, 'numColumns') < 1) throw invalidArgument('A range needs at least one row and one column.');
      return onSheet(t.sheet, rect(t.rect.top, t.rect.left, t.rect.top + numRows - 1, t.rect.left + numColumns - 1), 'getAbsoluteResizedRange');
    });
  }

  getEntireRow(): Excel.Range {
    return this._range('getEntireRow', [], (t) => ({ sheet: t.sheet, rect: rect(t.rect.top, 0, t.rect.bottom, MAX_COLUMNS - 1) }));
  }

  getEntireColumn(): Excel.Range {
    return this._range('getEntireColumn', [], (t) => ({ sheet: t.sheet, rect: rect(0, t.rect.left, MAX_ROWS - 1, t.rect.right) }));
  }

  private _intersect(t: RangeTarget, other: unknown): Rect | null {
    const o = rangeArgument(this, other, t.sheet);
    if (o.sheet !== t.sheet) throw invalidArgument('The ranges are on different worksheets.');
    return rectIntersection(t.rect, o.rect);
  }

  getIntersection(anotherRange: Excel.Range | string): Excel.Range {
    checkRangeArgumentContext(this, anotherRange);
    return this._range('getIntersection', [anotherRange], (t) => {
      const r = this._intersect(t, anotherRange);
      if (!r) throw itemNotFound('The ranges do not intersect.');
      return { sheet: t.sheet, rect: r };
    });
  }

  getIntersectionOrNullObject(anotherRange: Excel.Range | string): Excel.Range {
    checkRangeArgumentContext(this, anotherRange);
    return this._range('getIntersectionOrNullObject', [anotherRange], (t) => {
      const r = this._intersect(t, anotherRange);
      return r ? { sheet: t.sheet, rect: r } : NULL_TARGET;
    });
  }

  getBoundingRect(anotherRange: Excel.Range | string): Excel.Range {
    checkRangeArgumentContext(this, anotherRange);
    return this._range('getBoundingRect', [anotherRange], (t) => {
      const o = rangeArgument(this, anotherRange, t.sheet);
      if (o.sheet !== t.sheet) throw invalidArgument('The ranges are on different worksheets.');
      const r = t.rect;
      return {
        sheet: t.sheet,
        rect: rect(Math.min(r.top, o.rect.top), Math.min(r.left, o.rect.left), Math.max(r.bottom, o.rect.bottom), Math.max(r.right, o.rect.right)),
      };
    });
  }

  private _used(t: RangeTarget, valuesOnly: boolean): Rect | null {
    const used = t.sheet.usedRect(valuesOnly);
    return used ? rectIntersection(used, t.rect) : null;
  }

  getUsedRange(valuesOnly?: boolean): Excel.Range {
    return this._range('getUsedRange', [valuesOnly ?? false], (t) => {
      const r = this._used(t, valuesOnly ?? false);
      if (!r) throw itemNotFound('There are no used cells in the range.');
      return { sheet: t.sheet, rect: r };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Excel.Range {
    return this._range('getUsedRangeOrNullObject', [valuesOnly ?? false], (t) => {
      const r = this._used(t, valuesOnly ?? false);
      return r ? { sheet: t.sheet, rect: r } : NULL_TARGET;
    });
  }

  private _find(t: RangeTarget, text: string, criteria: Excel.SearchCriteria | undefined): Rect | null {
    if (typeof text !== 'string') throw invalidArgument('find: text must be a string.');
    const completeMatch = criteria?.completeMatch ?? false;
    const matchCase = criteria?.matchCase ?? false;
    const backwards = criteria?.searchDirection === 'Backwards';
    const pattern = wildcardRegExp(text, completeMatch, matchCase);
    const single = t.rect.top === t.rect.bottom && t.rect.left === t.rect.right;
    // A single cell searches the whole sheet, starting after that cell (wrapping around).
    const area = single ? (t.sheet.usedRect(true) ?? null) : t.rect;
    if (!area) return null;
    const hits: [number, number][] = [];
    for (const [row, col, c] of t.sheet.cellsIn(area)) {
      const content = c.formula ?? formatCellText(c.value, 'General');
      if (content !== '' && pattern.test(content)) hits.push([row, col]);
    }
    if (hits.length === 0) return null;
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let pick: [number, number];
    if (single) {
      const after = (h: [number, number]): boolean =>
        backwards ? h[0] < t.rect.top || (h[0] === t.rect.top && h[1] < t.rect.left) : h[0] > t.rect.top || (h[0] === t.rect.top && h[1] > t.rect.left);
      const ordered = backwards ? [...hits].reverse() : hits;
      pick = ordered.find(after) ?? ordered[0]!;
    } else {
      pick = backwards ? hits[hits.length - 1]! : hits[0]!;
    }
    return rect(pick[0], pick[1], pick[0], pick[1]);
  }

  find(text: string, criteria: Excel.SearchCriteria): Excel.Range {
    return this._range('find', [text, criteria ?? {}], (t) => {
      const r = this._find(t, text, criteria);
      if (!r) throw itemNotFound(`"${text}" was not found.`);
      return { sheet: t.sheet, rect: r };
    });
  }

  findOrNullObject(text: string, criteria: Excel.SearchCriteria): Excel.Range {
    return this._range('findOrNullObject', [text, criteria ?? {}], (t) => {
      const r = this._find(t, text, criteria);
      return r ? { sheet: t.sheet, rect: r } : NULL_TARGET;
    });
  }

  /** ExcelApi 1.2: see `HostWorkbook.mergeCells`. */
  merge(across?: boolean): void {
    this._invoke('merge', [across ?? false], (t: RangeTarget) => {
      mergeCells(t.sheet, t.rect, across === true);
      return undefined;
    });
  }

  select(): void {
    this._invoke('select', [], (t: RangeTarget) => {
      this._host.select(t.sheet, t.rect);
      return undefined;
    });
  }

  clear(applyTo?: string): void {
    const what = applyTo ?? 'All';
    if (what !== 'All' && what !== 'Contents' && what !== 'Formats') {
      throw new HostNotImplemented(`Excel.Range.clear("${what}")`);
    }
    this._invoke('clear', [what], (t: RangeTarget) => {
      clearRange(t.sheet, t.rect, what as ClearTarget);
      return undefined;
    });
  }
}

/** `Excel.VerticalAlignment` ↔ exceljs' alignment.vertical. */
const VERTICAL_ALIGNMENTS: Readonly<Record<string, string>> = { Top: 'top', Center: 'middle', Bottom: 'bottom', Justify: 'justify', Distributed: 'distributed' };

/** "#1F5F8B" / "1F5F8B" → exceljs' ARGB "FF1F5F8B"; Excel's named colours are not modelled. */
function argbOf(color: unknown, what: string): string {
  if (typeof color !== 'string') throw invalidArgument(`${what} must be a colour such as "#1F5F8B".`);
  const m = /^#?([0-9A-Fa-f]{6})$/.exec(color);
  if (!m) throw new HostNotImplemented(`Excel colour "${color}"`, 'the host takes #RRGGBB colours only');
  return `FF${m[1]!.toUpperCase()}`;
}

/** exceljs' colour → Excel's "#RRGGBB" (theme and indexed colours are not modelled). */
function htmlColorOf(color: unknown, fallback: string): string {
  if (color === undefined || color === null) return fallback;
  const argb = (color as { argb?: unknown }).argb;
  if (typeof argb === 'string' && /^[0-9A-Fa-f]{8}$/.test(argb)) return `#${argb.slice(2).toUpperCase()}`;
  throw new HostNotImplemented('a theme or indexed colour', JSON.stringify(color));
}

/** One value for every cell of a range, or null when the cells differ (Excel's rule for formats). */
function uniform<T>(r: Rect, read: (row: number, col: number) => T): T | null {
  let first: T | undefined;
  let seen = false;
  for (let row = r.top; row <= r.bottom; row++) {
    for (let col = r.left; col <= r.right; col++) {
      const v = read(row, col);
      if (!seen) {
        first = v;
        seen = true;
      } else if (v !== first) return null;
    }
  }
  return first ?? null;
}

/** Cells of a format read: beyond this many the host does not read formats (Excel reads the used part). */
const MAX_FORMAT_READ_CELLS = 1_000_000;

function styledCells<T>(target: RangeTarget, read: (style: Record<string, any>) => T): T | null {
  const { sheet, rect: r } = target;
  if (rectRows(r) * rectColumns(r) > MAX_FORMAT_READ_CELLS) throw new HostNotImplemented('reading a format of a range this large');
  return uniform(r, (row, col) => read((sheet.cell(row, col)?.style ?? {}) as Record<string, any>));
}

const RANGE_FORMAT_SCALARS = ['columnWidth', 'rowHeight', 'verticalAlignment', 'wrapText'] as const;

export class HostRangeFormat
  extends HostClientObject
  implements Pick<Excel.RangeFormat, 'context' | (typeof RANGE_FORMAT_SCALARS)[number] | 'fill' | 'font' | 'load'>
{
  readonly _typeName = 'RangeFormat';
  readonly _scalars: readonly string[] = RANGE_FORMAT_SCALARS;

  get columnWidth(): number {
    return this._get('columnWidth');
  }
  set columnWidth(v: number) {
    this._set('columnWidth', v);
  }
  /** ExcelApi 1.2: points; null when the rows differ. */
  get rowHeight(): number {
    return this._get('rowHeight');
  }
  set rowHeight(v: number) {
    this._set('rowHeight', v);
  }
  get verticalAlignment(): Excel.RangeFormat['verticalAlignment'] {
    return this._get('verticalAlignment');
  }
  set verticalAlignment(v: Excel.RangeFormat['verticalAlignment']) {
    this._set('verticalAlignment', v);
  }
  get wrapText(): boolean {
    return this._get('wrapText');
  }
  set wrapText(v: boolean) {
    this._set('wrapText', v);
  }

  get font(): Excel.RangeFont {
    return this._nav(HostRangeFont, 'RangeFont', 'font', (t: RangeTarget) => t) as unknown as Excel.RangeFont;
  }

  get fill(): Excel.RangeFill {
    return this._nav(HostRangeFill, 'RangeFill', 'fill', (t: RangeTarget) => t) as unknown as Excel.RangeFill;
  }

  override _navigation(name: string): HostClientObject | undefined {
    if (name === 'font') return this.font as unknown as HostClientObject;
    if (name === 'fill') return this.fill as unknown as HostClientObject;
    return undefined;
  }

  _read(target: unknown, name: string): unknown {
    const { sheet, rect: r } = target as RangeTarget;
    switch (name) {
      case 'columnWidth': {
        // Excel gives null when the columns of the range differ in width; 8.43 characters by default.
        const widths = new Set<number>();
        for (let c = r.left; c <= Math.min(r.right, r.left + 16_383); c++) widths.add(sheet.columnWidths.get(c) ?? 8.43);
        return widths.size === 1 ? columnWidthPoints([...widths][0]!) : null;
      }
      case 'rowHeight': {
        const heights = new Set<number>();
        for (let row = r.top; row <= Math.min(r.bottom, r.top + MAX_FORMAT_READ_CELLS) && heights.size < 2; row++) heights.add(sheet.rowHeights.get(row) ?? 15);
        return heights.size === 1 ? [...heights][0] : null;
      }
      case 'verticalAlignment':
        return styledCells(target as RangeTarget, (s) => {
          const v = s.alignment?.vertical ?? 'bottom';
          const found = Object.entries(VERTICAL_ALIGNMENTS).find(([, x]) => x === v);
          if (!found) throw new HostNotImplemented(`vertical alignment "${String(v)}"`);
          return found[0];
        });
      case 'wrapText':
        return styledCells(target as RangeTarget, (s) => s.alignment?.wrapText === true);
    }
    throw new HostNotImplemented(`Excel.RangeFormat.${name}`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r } = target as RangeTarget;
    const wb = sheet.workbook;
    switch (name) {
      case 'columnWidth':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalidArgument('columnWidth must be a number of points ≥ 0.');
        for (let c = r.left; c <= r.right; c++) sheet.columnWidths.set(c, columnWidthCharacters(value));
        return;
      case 'rowHeight':
        return setRowHeight(sheet, r, value as number);
      case 'verticalAlignment': {
        const vertical = VERTICAL_ALIGNMENTS[String(value)];
        if (!vertical) throw invalidArgument(`"${String(value)}" is not a vertical alignment (Top, Center, Bottom, Justify, Distributed).`);
        return setStyle(sheet, r, (s) => ({ ...s, alignment: { ...((s.alignment as object) ?? {}), vertical } }));
      }
      case 'wrapText':
        if (typeof value !== 'boolean') throw invalidArgument('wrapText must be true or false.');
        return setStyle(sheet, r, (s) => ({ ...s, alignment: { ...((s.alignment as object) ?? {}), wrapText: value } }));
    }
    super._write(target, name, value);
  }

  load(arg?: LoadArgument): Excel.RangeFormat {
    this._load(arg);
    return this as unknown as Excel.RangeFormat;
  }
}

export class HostRangeFont extends HostClientObject implements Pick<Excel.RangeFont, 'context' | 'bold' | 'color' | 'load'> {
  readonly _typeName = 'RangeFont';
  readonly _scalars: readonly string[] = ['bold', 'color'];

  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._set('bold', v);
  }
  /** "#RRGGBB"; the host's default font colour is black. */
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v);
  }

  _read(target: unknown, name: string): unknown {
    const { sheet, rect: r } = target as RangeTarget;
    if (name === 'bold') {
      // Excel gives null when the cells differ.
      const seen = new Set<boolean>();
      for (let row = r.top; row <= r.bottom && seen.size < 2; row++) {
        for (let col = r.left; col <= r.right && seen.size < 2; col++) seen.add(sheet.cell(row, col)?.bold === true);
      }
      return seen.size === 1 ? [...seen][0] : null;
    }
    if (name === 'color') return styledCells(target as RangeTarget, (s) => htmlColorOf(s.font?.color, '#000000'));
    throw new HostNotImplemented(`Excel.RangeFont.${name}`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r } = target as RangeTarget;
    if (name === 'bold') {
      if (typeof value !== 'boolean') throw invalidArgument('bold must be true or false.');
      return setBold(sheet, r, value);
    }
    if (name === 'color') {
      const argb = argbOf(value, 'font.color');
      return setStyle(sheet, r, (s) => ({ ...s, font: { ...((s.font as object) ?? {}), color: { argb } } }));
    }
    super._write(target, name, value);
  }

  load(arg?: LoadArgument): Excel.RangeFont {
    this._load(arg);
    return this as unknown as Excel.RangeFont;
  }
}

/** `range.format.fill` (ExcelApi 1.1): a solid background colour. */
export class HostRangeFill extends HostClientObject implements Pick<Excel.RangeFill, 'context' | 'color' | 'clear' | 'load'> {
  readonly _typeName = 'RangeFill';
  readonly _scalars: readonly string[] = ['color'];

  /** "#RRGGBB"; Excel reports an unfilled cell as "#FFFFFF". */
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v);
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'color') {
      return styledCells(target as RangeTarget, (s) => {
        const fill = s.fill as { type?: string; pattern?: string; fgColor?: unknown } | undefined;
        if (!fill || fill.pattern === 'none') return '#FFFFFF';
        if (fill.type !== 'pattern' || fill.pattern !== 'solid') throw new HostNotImplemented('a fill other than a solid colour');
        return htmlColorOf(fill.fgColor, '#FFFFFF');
      });
    }
    throw new HostNotImplemented(`Excel.RangeFill.${name}`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r } = target as RangeTarget;
    if (name !== 'color') return super._write(target, name, value);
    const argb = argbOf(value, 'fill.color');
    setStyle(sheet, r, (s) => ({ ...s, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } }));
  }

  clear(): void {
    this._invoke('clear', [], (t: RangeTarget) => {
      setStyle(t.sheet, t.rect, ({ fill: _fill, ...rest }) => rest);
      return undefined;
    });
  }

  load(arg?: LoadArgument): Excel.RangeFill {
    this._load(arg);
    return this as unknown as Excel.RangeFill;
  }
}


// =============================================================================================
// Workbook
// =============================================================================================

export class HostWorkbookObject
  extends HostClientObject
  implements Pick<Excel.Workbook, 'context' | 'name' | 'names' | 'worksheets' | 'tables' | 'getSelectedRange' | 'getActiveCell' | 'load'>
{
  readonly _typeName = 'Workbook';
  readonly _scalars: readonly string[] = ['name'];

  /** ExcelApi 1.7: the file's name ("Book1" for a new workbook). */
  get name(): string {
    return this._get('name');
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'name') return (target as HostWorkbook).name;
    throw new HostNotImplemented(`Excel.Workbook.${name}`);
  }

  load(arg?: LoadArgument): Excel.Workbook {
    this._load(arg);
    return this as unknown as Excel.Workbook;
  }

  /** `workbook.names` (ExcelApi 1.1–1.7): workbook-level defined names. */
  get names(): Excel.NamedItemCollection {
    return this._names() as unknown as Excel.NamedItemCollection;
  }

  private _names(): HostNamedItemCollection {
    return this._nav(HostNamedItemCollection, 'NamedItemCollection', 'names', (wb: HostWorkbook) => wb);
  }

  override _navigation(name: string): HostClientObject | undefined {
    return name === 'names' ? this._names() : undefined;
  }

  get worksheets(): Excel.WorksheetCollection {
    return this._nav(HostWorksheetCollection, 'WorksheetCollection', 'worksheets', (wb: HostWorkbook) => wb) as unknown as Excel.WorksheetCollection;
  }

  get tables(): Excel.TableCollection {
    return this._nav(HostTableCollection, 'TableCollection', 'tables', (wb: HostWorkbook): TablesScope => ({ workbook: wb, sheet: null })) as unknown as Excel.TableCollection;
  }

  private static selected(wb: HostWorkbook): RangeTarget {
    const sel = wb.selection ? wb.findWorksheet(wb.selection.sheet) : undefined;
    if (sel && wb.selection) {
      const p = parseAddress(wb.selection.address);
      if (p) return { sheet: sel, rect: p.rect };
    }
    const sheet = wb.activeWorksheet ?? wb.worksheets.find((s) => s.visibility === 'Visible');
    if (!sheet) throw itemNotFound('The workbook has no visible worksheet.');
    return { sheet, rect: rect(0, 0, 0, 0) };
  }

  getSelectedRange(): Excel.Range {
    return this._child(HostRange, 'Range', 'getSelectedRange', [], (wb: HostWorkbook) => HostWorkbookObject.selected(wb)) as unknown as Excel.Range;
  }

  getActiveCell(): Excel.Range {
    return this._child(HostRange, 'Range', 'getActiveCell', [], (wb: HostWorkbook) => {
      const s = HostWorkbookObject.selected(wb);
      return { sheet: s.sheet, rect: rect(s.rect.top, s.rect.left, s.rect.top, s.rect.left) };
    }) as unknown as Excel.Range;
  }
}

// =============================================================================================
// Worksheets
// =============================================================================================

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
  set position(_v: number) {
    throw new HostNotImplemented('Excel.Worksheet.position (set)');
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

export class HostFreezePanes
  extends HostClientObject
  implements Pick<Excel.WorksheetFreezePanes, 'context' | 'freezeRows' | 'freezeColumns' | 'unfreeze' | 'getLocationOrNullObject'>
{
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

// =============================================================================================
// Tables
// =============================================================================================

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

type TableMembers =
  | 'context'
  | 'isNullObject'
  | (typeof TABLE_SCALARS)[number]
  | 'columns'
  | 'rows'
  | 'worksheet'
  | 'getRange'
  | 'getHeaderRowRange'
  | 'getDataBodyRange'
  | 'load';

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

  private _worksheet(): HostWorksheetObject {
    return this._nav(HostWorksheetObject, 'Worksheet', 'worksheet', (t: HostTable) => t.worksheet);
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

// ----- columns -----

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
    const wb = t.worksheet.workbook;
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

// ----- rows -----

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

  /**
   * Inserts rows into the table (see `HostWorkbook.insertTableRows`). `alwaysInsert` is accepted;
   * the host always inserts (shifting cells below the table down).
   */
  add(index?: number, values?: Array<Array<boolean | string | number>> | boolean | string | number, alwaysInsert?: boolean): Excel.TableRow {
    return this._child(HostTableRowObject, 'TableRow', 'add', [index ?? null, values ?? null, alwaysInsert ?? null], (t: HostTable): RowTarget => {
      const v = values === undefined || values === null || Array.isArray(values) ? values : [Array.from({ length: t.columnCount }, () => values)];
      const at = index === undefined || index === null ? t.bodyRowCount : index;
      insertTableRows(t, index, v);
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

// =============================================================================================
// Charts (ExcelApi 1.1–1.8 subset; the model and its rules are in model.ts)
// =============================================================================================

/** A deleted sheet's proxies fail, as Excel's do once the object is gone. */
function liveSheet(s: HostWorksheet): HostWorksheet {
  if (s.isDeleted) throw itemNotFound('The worksheet no longer exists.');
  return s;
}

function liveChart(c: HostChart): HostChart {
  if (c.isDeleted) throw itemNotFound('The chart no longer exists.');
  return c;
}

function liveSeries(s: HostChartSeries): HostChartSeries {
  liveChart(s.chart);
  if (s.index < 0) throw itemNotFound('The chart series no longer exists.');
  return s;
}

/** Chart positions and sizes are points: numbers (InvalidArgument otherwise), not negative. */
function checkPoints(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidArgument(`${what} must be a number of points.`);
  if (v < 0) throw new HostNotImplemented(`Excel.Chart.${what} = ${v}`, 'what Excel does with a negative position or size is not modelled');
  return v;
}

function checkBoolean(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw invalidArgument(`${what} must be true or false.`);
  return v;
}

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

type ChartMembers =
  | 'context'
  | 'isNullObject'
  | (typeof CHART_SCALARS)[number]
  | 'title'
  | 'legend'
  | 'series'
  | 'worksheet'
  | 'setPosition'
  | 'delete'
  | 'load';

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

  private _worksheet(): HostWorksheetObject {
    return this._nav(HostWorksheetObject, 'Worksheet', 'worksheet', (c: HostChart) => c.worksheet);
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

export class HostChartSeriesObject
  extends HostClientObject
  implements Pick<Excel.ChartSeries, 'context' | 'isNullObject' | (typeof CHART_SERIES_SCALARS)[number] | 'load'>
{
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

// =============================================================================================
// Data validation, defined names, page layout (ExcelApi 1.1–1.9 subsets)
// =============================================================================================

/** Office.js operators ↔ exceljs' (the file's) operators. */
const VALIDATION_OPERATORS: Readonly<Record<string, string>> = {
  Between: 'between',
  NotBetween: 'notBetween',
  EqualTo: 'equal',
  NotEqualTo: 'notEqual',
  GreaterThan: 'greaterThan',
  LessThan: 'lessThan',
  GreaterThanOrEqualTo: 'greaterThanOrEqual',
  LessThanOrEqualTo: 'lessThanOrEqual',
};

const VALIDATION_TYPES: Readonly<Record<string, string>> = {
  list: 'List',
  whole: 'WholeNumber',
  decimal: 'Decimal',
  date: 'Date',
  time: 'Time',
  textLength: 'TextLength',
  custom: 'Custom',
  any: 'None',
};

const ALERT_STYLES: Readonly<Record<string, string>> = { Stop: 'stop', Warning: 'warning', Information: 'information' };

/** Excel's limit of an inline list's formula ("a,b,c" in quotes). */
const INLINE_LIST_LIMIT = 255;

function validationOperand(v: unknown, what: string): number {
  const n = typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new HostNotImplemented(`Excel.DataValidation ${what} = ${JSON.stringify(v)}`, 'the host takes numbers only');
  return n;
}

/** An Office.js rule → exceljs' model of it (type, operator, formulae). */
function ruleModel(rule: unknown): Record<string, unknown> {
  if (!rule || typeof rule !== 'object') throw invalidArgument('A data validation rule must be an object.');
  const kinds = Object.entries(rule as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (kinds.length !== 1) throw invalidArgument('A data validation rule has exactly one kind (list, wholeNumber, …).');
  const [kind, criteria] = kinds[0]! as [string, Record<string, unknown>];
  if (kind === 'list') {
    const { inCellDropDown, source } = criteria as Partial<Excel.ListDataValidation>;
    if (inCellDropDown === false) throw new HostNotImplemented('Excel.ListDataValidation.inCellDropDown = false');
    if (typeof source !== 'string') throw new HostNotImplemented('Excel.ListDataValidation.source as a Range', 'pass "=name" or "a,b,c"');
    if (source.startsWith('=')) return { type: 'list', formulae: [source.slice(1)] };
    const formula = `"${source}"`;
    if (source === '' || formula.length > INLINE_LIST_LIMIT) throw invalidArgument(`An inline list holds 1 to ${INLINE_LIST_LIMIT - 2} characters; use a range for longer ones.`);
    return { type: 'list', formulae: [formula] };
  }
  if (kind === 'wholeNumber') {
    const { formula1, formula2, operator } = criteria as Partial<Excel.BasicDataValidation>;
    const op = VALIDATION_OPERATORS[String(operator)];
    if (!op) throw invalidArgument(`"${String(operator)}" is not a data validation operator.`);
    const between = op === 'between' || op === 'notBetween';
    if (between && (formula2 === undefined || formula2 === null)) throw invalidArgument(`${String(operator)} needs formula2.`);
    const formulae = [validationOperand(formula1, 'formula1'), ...(between ? [validationOperand(formula2, 'formula2')] : [])];
    return { type: 'whole', operator: op, formulae };
  }
  throw new HostNotImplemented(`Excel.DataValidationRule.${kind}`);
}

/** exceljs' model → the Office.js rule (the kinds the host writes). */
function ruleOf(model: Record<string, unknown>): Excel.DataValidationRule {
  const formulae = (model.formulae as unknown[] | undefined) ?? [];
  if (model.type === 'list') {
    const f = String(formulae[0] ?? '');
    const source = f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1) : `=${f}`;
    return { list: { inCellDropDown: true, source } };
  }
  if (model.type === 'whole') {
    const operator = Object.entries(VALIDATION_OPERATORS).find(([, x]) => x === (model.operator ?? 'between'))?.[0];
    const [formula1, formula2] = formulae;
    return { wholeNumber: { formula1: formula1 as number, ...(formula2 !== undefined ? { formula2: formula2 as number } : {}), operator: operator as Excel.DataValidationOperator } };
  }
  throw new HostNotImplemented(`reading a data validation rule of type ${String(model.type)}`);
}

/** The one validation model of every cell of `area`, 'none' when no cell has one, or 'mixed'. */
function validationOf(target: RangeTarget): Record<string, unknown> | 'none' | 'inconsistent' | 'mixed' {
  const { sheet, rect: r } = target;
  const over = validationsOver(sheet, r);
  if (over.length === 0) return 'none';
  const covered = over.reduce((n, o) => {
    const cut = rectIntersection(o.rect, r)!;
    return n + rectRows(cut) * rectColumns(cut);
  }, 0);
  if (covered < rectRows(r) * rectColumns(r)) return 'mixed';
  const first = JSON.stringify(over[0]!.rule);
  return over.every((o) => JSON.stringify(o.rule) === first) ? over[0]!.rule : 'inconsistent';
}

const DATA_VALIDATION_SCALARS = ['errorAlert', 'ignoreBlanks', 'rule', 'type'] as const;

/**
 * `range.dataValidation` (ExcelApi 1.8). Rules: `list` (an inline list "a,b,c" of at most 253
 * characters, or "=name" / "=Sheet!$A$1:$A$9"; a Range source is not modelled) and `wholeNumber`
 * with number operands; other kinds throw HostNotImplemented. A new rule needs a range without
 * validation (or exactly one validation's range, whose rule it replaces); Excel on the web refuses
 * some overlapping ranges, so the host refuses them all: `clear()` first. `errorAlert` and
 * `ignoreBlanks` are set on exactly one validation's range, after its rule. Alerts keep Excel's
 * limits: a title of at most 32 characters, a message of at most 225. New rules start as Excel's
 * do: blanks ignored, a Stop alert shown. Stored as exceljs' model, which the xlsx bridge writes.
 */
export class HostDataValidation
  extends HostClientObject
  implements Pick<Excel.DataValidation, 'context' | (typeof DATA_VALIDATION_SCALARS)[number] | 'clear' | 'load'>
{
  readonly _typeName = 'DataValidation';
  readonly _scalars: readonly string[] = DATA_VALIDATION_SCALARS;

  get rule(): Excel.DataValidationRule {
    return this._get('rule');
  }
  set rule(v: Excel.DataValidationRule) {
    this._set('rule', v);
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    return this._get('errorAlert');
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this._set('errorAlert', v);
  }
  get ignoreBlanks(): boolean {
    return this._get('ignoreBlanks');
  }
  set ignoreBlanks(v: boolean) {
    this._set('ignoreBlanks', v);
  }
  get type(): Excel.DataValidation['type'] {
    return this._get('type');
  }

  _read(target: unknown, name: string): unknown {
    const found = validationOf(target as RangeTarget);
    if (name === 'type') {
      if (found === 'none') return 'None';
      if (found === 'mixed') return 'MixedCriteria';
      if (found === 'inconsistent') return 'Inconsistent';
      return VALIDATION_TYPES[String(found.type)] ?? 'None';
    }
    if (typeof found === 'string') {
      if (found === 'none' && name === 'rule') return {};
      throw new HostNotImplemented(`Excel.DataValidation.${name}`, `reading it where the range's validation is ${found}`);
    }
    switch (name) {
      case 'rule':
        return ruleOf(found);
      case 'ignoreBlanks':
        return found.allowBlank === true;
      case 'errorAlert': {
        const style = Object.entries(ALERT_STYLES).find(([, x]) => x === (found.errorStyle ?? 'stop'))?.[0] ?? 'Stop';
        return { message: String(found.error ?? ''), showAlert: found.showErrorMessage === true, style, title: String(found.errorTitle ?? '') };
      }
    }
    throw new HostNotImplemented(`Excel.DataValidation.${name}`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r } = target as RangeTarget;
    const wb = sheet.workbook;
    if (name === 'rule') return setValidationRule(sheet, r, ruleModel(value));
    if (name === 'ignoreBlanks') {
      if (typeof value !== 'boolean') throw invalidArgument('ignoreBlanks must be true or false.');
      return setValidationSettings(sheet, r, { allowBlank: value });
    }
    if (name === 'errorAlert') {
      const alert = (value ?? {}) as Partial<Excel.DataValidationErrorAlert>;
      const settings: Record<string, unknown> = {};
      if (alert.showAlert !== undefined) settings.showErrorMessage = checkBoolean(alert.showAlert, 'showAlert');
      if (alert.style !== undefined) {
        const style = ALERT_STYLES[String(alert.style)];
        if (!style) throw invalidArgument(`"${String(alert.style)}" is not an alert style (Stop, Warning, Information).`);
        settings.errorStyle = style;
      }
      if (alert.title !== undefined) {
        if (typeof alert.title !== 'string' || alert.title.length > 32) throw invalidArgument('An error alert title has at most 32 characters.');
        settings.errorTitle = alert.title;
      }
      if (alert.message !== undefined) {
        if (typeof alert.message !== 'string' || alert.message.length > 225) throw invalidArgument('An error alert message has at most 225 characters.');
        settings.error = alert.message;
      }
      return setValidationSettings(sheet, r, settings);
    }
    super._write(target, name, value);
  }

  clear(): void {
    this._invoke('clear', [], (t: RangeTarget) => {
      clearValidation(t.sheet, t.rect);
      return undefined;
    });
  }

  load(arg?: LoadArgument): Excel.DataValidation {
    this._load(arg);
    return this as unknown as Excel.DataValidation;
  }
}

// ----- defined names -----

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
    const { sheet, rect: r } = rangeArgument(self, reference, wb.worksheets[0]!);
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
export class HostNamedItemCollection
  extends HostCollectionObject<HostNamedItem>
  implements Pick<Excel.NamedItemCollection, 'context' | 'items' | 'add' | 'getItem' | 'getItemOrNullObject' | 'load'>
{
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

// ----- page layout -----

/** `worksheet.pageLayout` (ExcelApi 1.9): `setPrintArea` only; paper, margins, headers and the rest are not modelled. */
export class HostPageLayout extends HostClientObject implements Pick<Excel.PageLayout, 'context' | 'setPrintArea'> {
  readonly _typeName = 'PageLayout';
  readonly _scalars: readonly string[] = [];

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.PageLayout.${name}`);
  }

  /** One range, or several separated by commas ("A1:D20, A40:D60"), on this sheet. */
  setPrintArea(printArea: Excel.Range | Excel.RangeAreas | string): void {
    checkRangeArgumentContext(this, printArea);
    this._invoke('setPrintArea', [printArea], (s: HostWorksheet) => {
      const parts = typeof printArea === 'string' ? printArea.split(',').map((p) => p.trim()) : [printArea];
      s.printArea = parts.map((part) => {
        if (typeof part !== 'string' && !(part instanceof HostRange)) throw new HostNotImplemented('Excel.PageLayout.setPrintArea(RangeAreas)');
        const target = rangeArgument(this, part, s);
        if (target.sheet !== s) throw invalidArgument('A print area must be on its worksheet.');
        return target.rect;
      });
      return undefined;
    });
  }
}

/** `worksheet.horizontalPageBreaks` (ExcelApi 1.9): `add` only. */
export class HostPageBreakCollection extends HostClientObject implements Pick<Excel.PageBreakCollection, 'context' | 'add'> {
  readonly _typeName = 'PageBreakCollection';
  readonly _scalars: readonly string[] = [];

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.PageBreakCollection.${name}`);
  }

  /** A manual page break before the range's first row (Excel's "before the top-left cell"). */
  add(pageBreakRange: Excel.Range | string): Excel.PageBreak {
    checkRangeArgumentContext(this, pageBreakRange);
    return this._child(HostPageBreak, 'PageBreak', 'add', [pageBreakRange], (s: HostWorksheet) => {
      const target = rangeArgument(this, pageBreakRange, s);
      if (target.sheet !== s) throw invalidArgument('A page break must be on its worksheet.');
      addRowBreak(s, target.rect);
      return { sheet: s, row: target.rect.top };
    }) as unknown as Excel.PageBreak;
  }
}

export class HostPageBreak extends HostClientObject implements Pick<Excel.PageBreak, 'context' | 'rowIndex' | 'load'> {
  readonly _typeName = 'PageBreak';
  readonly _scalars: readonly string[] = ['rowIndex'];

  /** The row (0-based) the break stands before. */
  get rowIndex(): number {
    return this._get('rowIndex');
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'rowIndex') return (target as { row: number }).row;
    throw new HostNotImplemented(`Excel.PageBreak.${name}`);
  }

  load(arg?: LoadArgument): Excel.PageBreak {
    this._load(arg);
    return this as unknown as Excel.PageBreak;
  }
}
