/**
 * The Office.js-like API of the in-memory Excel host, and its client. The proxy objects clients
 * call are in the other files of api/, one per Office.js object family (see ../README.md).
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

import { HostError, HostErrorCode, HostNotImplemented } from '../errors';
import type { HostWorkbook } from '../model/workbook';
import { type Action, ACTION_TYPE, HostClientObject, HostRequestContext, lowerFirst, PATH_TYPE, type ProxyClasses, strict } from './proxy';
import { HostWorkbookObject } from './workbook';
import { HostWorksheetObject } from './worksheet';

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
  /** Actions Excel applied, a large range write counting one per piece (`CELLS_PER_ACTION`). */
  applied: number;
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

/** See `ProxyClasses`. */
const PROXY_CLASSES: ProxyClasses = { Workbook: HostWorkbookObject, Worksheet: HostWorksheetObject };

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
  private loseResponseAt = new Set<number>();
  private cutAt = new Map<number, number>();
  private failPredicate: ((info: SyncInfo) => boolean) | null = null;

  constructor(workbook: HostWorkbook, options: HostClientOptions = {}) {
    this.workbook = workbook;
    this.options = options;
    this.name = options.name ?? `client ${++clientCounter}`;
  }

  /**
   * Like `Excel.run`: a fresh context; pending actions are synced when the batch resolves. With
   * `{ delayForCellEdit: true }` its requests wait while a user edits a cell
   * (`HostWorkbook.beginCellEdit`); without it they fail with InvalidOperationInCellEditMode.
   */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  async run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  async run<T>(first: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>), second?: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const batch = typeof first === 'function' ? first : second;
    const options = typeof first === 'function' ? {} : first;
    if (!batch) throw new HostError(HostErrorCode.invalidArgument, 'run(options, batch) needs a batch function.');
    for (const key of Object.keys(options)) if (key !== 'delayForCellEdit') throw new HostNotImplemented(`Excel.RunOptions.${key}`);
    const context = this.newContext();
    context._delayForCellEdit = options.delayForCellEdit === true;
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
    const raw = new HostRequestContext(this, PROXY_CLASSES);
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

  /**
   * Makes this client's n-th round trip from now apply its whole batch to the workbook and then
   * reject with GeneralException without delivering results: Excel did the work, the answer was
   * lost (the network dropped after the write). Office.js rejects `sync()` in that case too.
   */
  loseResponseAtSync(n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new Error('loseResponseAtSync(n) needs n >= 1');
    this.loseResponseAt.add(this.roundTrips + n);
  }

  /**
   * Makes this client's n-th round trip from now apply only its first `actionsApplied` actions and
   * then reject with GeneralException without delivering results: a request that failed part-way
   * (Excel applies a batch action by action, and a large range write is several actions:
   * `CELLS_PER_ACTION`, range.ts). Instantiations and loads count as actions, as in the request
   * (`SyncInfo.actionNames`), and each piece of a split write counts as one. A request with no more
   * than `actionsApplied` actions is applied whole and its response lost, as loseResponseAtSync.
   */
  failMidRequest(n: number, actionsApplied: number): void {
    if (!Number.isInteger(n) || n < 1) throw new Error('failMidRequest(n, k) needs n >= 1');
    if (!Number.isInteger(actionsApplied) || actionsApplied < 0) throw new Error('failMidRequest(n, k) needs k >= 0');
    this.cutAt.set(this.roundTrips + n, actionsApplied);
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
    const record: SyncRecord = { index, actions: actions.length, applied: 0, requestBytes, responseBytes: 0, ok: false };
    this.records.push(record);
    if (this.options.latency) await this.options.latency('request', index);

    const injected = this.failAt.delete(index) || (this.failPredicate !== null && this.failPredicate({ index, requestBytes, request, actionNames: actions.map(actionName) }));
    if (injected) {
      record.errorCode = HostErrorCode.generalException;
      throw new HostError(HostErrorCode.generalException, `Injected failure at sync #${index} of ${this.name}: the request never reached Excel and nothing of this batch was applied.`);
    }
    const requestLimit = this.options.requestLimitBytes === undefined ? WEB_PAYLOAD_LIMIT_BYTES : this.options.requestLimitBytes;
    if (requestLimit !== null && requestBytes > requestLimit) {
      record.errorCode = HostErrorCode.requestPayloadSizeLimitExceeded;
      throw new HostError(
        HostErrorCode.requestPayloadSizeLimitExceeded,
        `The request payload is ${requestBytes} bytes, above the ${requestLimit}-byte limit of Excel on the web; nothing was applied. Split the write into smaller batches.`,
      );
    }

    // A user editing a cell: Excel holds the request until the edit ends, or fails it at once
    // (Excel.RunOptions.delayForCellEdit; error code InvalidOperationInCellEditMode).
    if (this.workbook.cellInEdit) {
      if (!context._delayForCellEdit) {
        record.errorCode = HostErrorCode.invalidOperationInCellEditMode;
        throw new HostError(
          HostErrorCode.invalidOperationInCellEditMode,
          `The request of ${this.name} arrived while a user was editing a cell; nothing was applied. Run it with { delayForCellEdit: true } to wait for the edit to end.`,
        );
      }
      await this.workbook.cellEditEnded();
    }

    // Apply, in order. A failing action stops the batch; what ran before it stays applied.
    const results: { ActionId: number; Value: unknown }[] = [];
    const deliveries: (() => void)[] = [];
    const cut = this.cutAt.get(index);
    this.cutAt.delete(index);
    let applied = 0;
    const cutShort = (): HostError => {
      context._endBatch(true);
      record.errorCode = HostErrorCode.generalException;
      return new HostError(HostErrorCode.generalException, `Injected failure in sync #${index} of ${this.name}: Excel applied the first ${applied} actions of the batch, then the request failed.`);
    };
    context._beginBatch();
    for (const action of actions) {
      let value: unknown;
      try {
        if (cut !== undefined && applied >= cut) throw cutShort();
        const pieces = action.pieces?.();
        if (pieces) {
          for (const piece of pieces) {
            if (cut !== undefined && applied >= cut) throw cutShort();
            piece();
            record.applied = ++applied;
          }
        } else {
          value = action.execute();
          record.applied = ++applied;
        }
      } catch (e) {
        if (e instanceof HostError && e.code === HostErrorCode.generalException && cut !== undefined && applied >= cut) throw e;
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
    if (this.loseResponseAt.delete(index) || cut !== undefined) {
      context._endBatch(true);
      record.errorCode = HostErrorCode.generalException;
      throw new HostError(HostErrorCode.generalException, `Injected failure after sync #${index} of ${this.name}: Excel applied the batch, and its response was lost.`);
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
