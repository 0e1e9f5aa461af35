import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixedClock, type Clock } from '../../addin/src/core/clock';
import { bindVolumes } from '../../addin/src/domain/binding';
import { registerComplaint } from '../../addin/src/domain/complaintProcedure';
import { demoClock } from '../../addin/src/domain/demo';
import { IMPORT_BEGIN, IMPORT_DONE, importTable, type SourceTable } from '../../addin/src/domain/importing';
import { monthlyPerformanceOperation } from '../../addin/src/domain/performance/month';
import { createNumberedRecord, runOperation, type Operation, type OperationContext } from '../../addin/src/domain/records';
import { complaintStatisticsOperation } from '../../addin/src/domain/statisticsSheet';
import { playBusyDay } from '../../addin/src/domain/visitors/busyDay';
import { checkLedger, ledgerCheckRequest } from '../../addin/src/domain/workflowRuns';
import { WORKFLOWS, voidRecord } from '../../addin/src/domain/workflows';
import { FORMS } from '../../addin/src/forms';
import { complaintMeasures } from '../../addin/src/forms/complaints';
import type { FormDecl } from '../../addin/src/forms/types';
import { hostClient, hostWorkbookFromXlsx, rectAddress, type HostClient, type HostWorkbook } from '../../addin/src/host';
import { AUDIT_COLUMNS, AUDIT_TABLE, COUNTERS_TABLE, TEMPLATE_VERSION } from '../../addin/src/ledger/layout';
import { rowToRecord } from '../../addin/src/ledger/schema';
import type { Locale } from '../../addin/src/i18n/locale';
import { excelRun, openOfficeLedger, type ExcelRun, type OfficeLedgerHandle } from '../../addin/src/ledger/office/officeLedger';
import { showOnPrintSheet, showPrintout } from '../../addin/src/ledger/office/printout';
import { printRequest } from '../../addin/src/ledger/print';
import { readPrintout } from '../../addin/src/ledger/printLines';
import type { Ledger } from '../../addin/src/ledger/types';
import { operationRunner, type OperationRunner } from '../../addin/src/taskpane/operationRunner';
import { upgradeWorkbook } from '../../addin/src/upgrade/officeUpgrade';
import { templateSheetCopies } from '../../addin/src/workbooks/templateSheets';
import { templateBytes } from './backends';
import { runDeskDay } from './deskDay';
import { fieldMonth, seedWorkers, type FieldAct } from './fieldMonth';
import { renumber } from './twinFaults';

/**
 * Issue 14 item 5: both kinds of failure — the request never reaches Excel, Excel applies it and
 * the answer is lost — injected at every request of every operation of a catalogue, on the
 * Office.js backend over the in-memory host. Each case is run once clean on a copy of its starting
 * workbook to count its requests N; then, for every k in 1..N and both kinds, on a fresh copy, the
 * fault is injected at request k, the operation run as its caller runs it (the pane's
 * `operationRunner().run` with its automatic retry, or `runOperation`, or the pane's own
 * `Excel.run`), and once more as the clerk would when it still failed. After every attempt that
 * failed nothing may be half-visible (the workbook is as before, or as the clean run left it, or
 * holds an import `kefu check` reports as incomplete); at the end the workbook must be the clean
 * run's (numbers mapped: a claim burnt by a failed request is never issued), with no duplicate
 * number in any series, every numbered record audited and `kefu check` finding what it finds after
 * the clean run.
 */

/** What a case's run gets: the ledger opened on a client of the workbook, as the pane opens it. */
export interface CaseTarget {
  readonly workbook: HostWorkbook;
  readonly client: HostClient;
  readonly run: ExcelRun;
  /** The ledger opened before the case (the opening case opens its own). */
  readonly ledger: OfficeLedgerHandle;
  readonly clock: Clock;
  readonly context: OperationContext;
}

export interface FaultCase {
  readonly name: string;
  /** The workbook the case starts from (shared: the harness copies it). */
  readonly start: () => Promise<HostWorkbook>;
  /** The time of the case ('YYYY-MM-DD HH:MM:SS'): a clock that does not move, so that every run writes the same times. */
  readonly at: string;
  readonly clerk: string;
  /** An import: a failed attempt may leave part of it, which `kefu check` must report. */
  readonly imports?: boolean;
  /** The request limit of the ledger (small: a bulk write split in several requests). */
  readonly maxRequestBytes?: number;
  /** What the pane (or its view) does; `runner` is kept between the first try and the clerk's second. */
  run(target: CaseTarget, runner: OperationRunner): Promise<unknown>;
}

export type FaultKind = 'never arrives' | 'answer lost';
export const FAULT_KINDS: readonly FaultKind[] = ['never arrives', 'answer lost'];

// ————————————————————————————————————————— copying a workbook

/**
 * A deep copy of an in-memory workbook (sheets, cells, tables, charts, names), keeping every
 * object's prototype: reading the template's .xlsx again for each case would take 0.7 s.
 */
export function copyWorkbook(workbook: HostWorkbook): HostWorkbook {
  const seen = new Map<unknown, unknown>();
  const copy = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (ArrayBuffer.isView(value)) {
      const bytes = (value as Uint8Array).slice();
      seen.set(value, bytes);
      return bytes;
    }
    if (value instanceof Date) return new Date(value.getTime());
    if (value instanceof Map) {
      const map = new Map();
      seen.set(value, map);
      for (const [k, v] of value) map.set(copy(k), copy(v));
      return map;
    }
    if (value instanceof Set) {
      const set = new Set();
      seen.set(value, set);
      for (const v of value) set.add(copy(v));
      return set;
    }
    const out: object = Array.isArray(value) ? new Array(value.length) : Object.create(Object.getPrototypeOf(value) as object | null);
    seen.set(value, out);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      if ('value' in descriptor) descriptor.value = copy(descriptor.value);
      Object.defineProperty(out, key, descriptor);
    }
    return out;
  };
  return copy(workbook) as HostWorkbook;
}

// ————————————————————————————————————————— what is compared

// An attempt's tag, and an import's batch id, with the part of a split change set they were written in (`~n`): how a
// retry splits its requests is not the clean run's business.
const OP_ID = /"[0-9a-z]{10}\.\d+(~\d+)?"/g;
const BATCH_ID = /imp-[0-9a-f]{12}(~\d+)?/g;
const CHAIN = /"[0-9a-f]{16}"/g;
const MARKERS: readonly unknown[] = [IMPORT_BEGIN, IMPORT_DONE];

/**
 * The workbook as text, as a reader sees it: every sheet's cells row by row and its tables, without
 * the numbering claims and counters (a failed request leaves its claim: the number is never issued,
 * by design) and without the audit log's import markers (an import done again after a failure has
 * two batches, the first completed by the second: importing.ts), with the ids made afresh by each
 * run (operation and import batch ids, and the audit chain that covers a batch id) replaced by
 * placeholders. The chain itself is checked by `kefu check` (ledgerState).
 */
export function workbookText(workbook: HostWorkbook, locale: Locale = 'zh-CN'): string {
  const hidden = new Set(workbook.tables.filter((t) => t.name.startsWith('kefu_claims_') || t.name === COUNTERS_TABLE).map((t) => t.name));
  const audit = workbook.tables.find((t) => t.name === AUDIT_TABLE);
  const actionColumn = audit ? audit.rect.left + audit.headerNames().indexOf(AUDIT_COLUMNS.find((c) => c.key === 'action')!.label[locale]) : -1;
  const lines: string[] = [];
  for (const sheet of workbook.worksheets) {
    lines.push(`[${sheet.name}] ${sheet.visibility}`);
    const skip = sheet.tables.filter((t) => hidden.has(t.name)).map((t) => t.rect);
    const isAudit = audit?.worksheet === sheet;
    const rows = new Map<number, string[]>();
    for (const [row, col, cell] of sheet.cells()) {
      if (skip.some((r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right)) continue;
      if (cell.value === null && !cell.formula) continue;
      let line = rows.get(row);
      if (!line) rows.set(row, (line = []));
      line.push(`${col}:${cell.formula ?? JSON.stringify(cell.value)}${cell.numberFormat !== 'General' ? `{${cell.numberFormat}}` : ''}`);
    }
    for (const [row, cells] of rows) {
      if (isAudit && MARKERS.includes(sheet.cell(row, actionColumn)?.value)) continue;
      lines.push(`  ${isAudit ? '' : row} ${cells.join(' ')}`);
    }
    for (const t of sheet.tables) if (!hidden.has(t.name) && t.name !== AUDIT_TABLE) lines.push(`  table ${t.name} ${rectAddress(t.rect)}`);
    for (const c of sheet.charts) lines.push(`  chart ${JSON.stringify(c.name)} ${c.chartType} ${c.sourceAddress}`);
  }
  return lines.join('\n').replace(OP_ID, '"OP"').replace(BATCH_ID, 'imp-BATCH').replace(CHAIN, '"CHAIN"');
}

const SEQUENCE_FORMS: readonly FormDecl[] = FORMS.filter((f) => f.numbering.kind === 'sequence');

/** Each sequence-numbered form's numbers in the order of its rows, read from the workbook itself (no request). */
function numbersOf(workbook: HostWorkbook, locale: Locale): Map<string, string[]> {
  const numbers = new Map<string, string[]>();
  for (const form of SEQUENCE_FORMS) {
    const table = workbook.tables.find((t) => t.name === form.key);
    if (!table) continue;
    const headers = table.headerNames();
    numbers.set(
      form.key,
      table.bodyValues().map((row) => String(rowToRecord(form.key, headers, row, locale, [form.keyField])[form.keyField] ?? '')),
    );
  }
  return numbers;
}

/** The workbook as the invariants see it: its text and its numbers (cheap: no request). */
export interface WorkbookState {
  readonly text: string;
  readonly numbers: Map<string, string[]>;
  readonly duplicates: string[];
}

export function workbookState(workbook: HostWorkbook, locale: Locale = 'zh-CN'): WorkbookState {
  const numbers = numbersOf(workbook, locale);
  const duplicates = [...numbers.values()].flatMap((list) => list.filter((n, i) => n !== '' && list.indexOf(n) !== i));
  return { text: workbookText(workbook, locale), numbers, duplicates };
}

export interface LedgerState extends WorkbookState {
  /** `kefu check`'s errors, as text. */
  readonly errors: string[];
  /** Numbers without an audit entry naming them. */
  readonly unaudited: string[];
}

/** The workbook's state and what `kefu check` finds in it, read through a client of its own (no fault). */
export async function ledgerState(workbook: HostWorkbook, now: string): Promise<LedgerState> {
  const client = hostClient(workbook);
  const ledger = await openOfficeLedger(excelRun(client), { station: 'checker', clock: fixedClock(now, 0) });
  const state = workbookState(workbook, ledger.locale);
  // A ledger of an earlier template (before its upgrade) is compared by its text only: the check reads the current layout.
  if (ledger.templateVersion !== TEMPLATE_VERSION) return { ...state, errors: [], unaudited: [] };
  const snapshot = await ledger.read(ledgerCheckRequest(WORKFLOWS));
  const audited = new Set((snapshot.tables[AUDIT_TABLE] ?? []).map((r) => String(r.values.record ?? '')));
  const unaudited = [...state.numbers.values()].flatMap((list) => list.filter((n) => n !== '' && !audited.has(n)));
  const errors = checkLedger(WORKFLOWS, snapshot, now.slice(0, 16)).errors.map((p) => JSON.stringify(p));
  return { ...state, errors, unaudited };
}

/** How the numbers of `state` map onto those of `clean`, row by row of each numbered form. */
export function numberMap(state: WorkbookState, clean: WorkbookState): Map<string, string> {
  const map = new Map<string, string>();
  for (const [form, list] of state.numbers) {
    // Rows left blank are compared as they are (a fresh table's blank row).
    const theirs = (clean.numbers.get(form) ?? []).filter((n) => n !== '');
    list
      .filter((n) => n !== '')
      .forEach((n, i) => {
        if (theirs[i] !== undefined && theirs[i] !== n) map.set(n, theirs[i]);
      });
  }
  return map;
}

// ————————————————————————————————————————— running a case

export interface CaseRun {
  readonly workbook: HostWorkbook;
  readonly requests: number;
  /** Each failed attempt's error and the state it left. */
  readonly failures: { readonly error: unknown; readonly state: WorkbookState; readonly incomplete: boolean }[];
  readonly outcome: { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };
}

const starts = new Map<FaultCase['start'], Promise<HostWorkbook>>();

/** The case's starting workbook, made once. */
export function startOf(c: FaultCase): Promise<HostWorkbook> {
  let start = starts.get(c.start);
  if (!start) {
    start = c.start();
    starts.set(c.start, start);
  }
  return start;
}

/**
 * Runs the case on a copy of its starting workbook, with `fault` injected (or none): as its caller
 * does, and once more as the clerk would after a failure. Counts the requests of the case itself
 * (not the opening of the ledger before it).
 */
export async function runCase(c: FaultCase, fault?: { readonly kind: FaultKind; readonly at: number }): Promise<CaseRun> {
  const workbook = copyWorkbook(await startOf(c));
  const client = hostClient(workbook);
  const clock = fixedClock(c.at, 0);
  const run = excelRun(client);
  const ledger = await openOfficeLedger(run, { station: 'pane', clock, maxRequestBytes: c.maxRequestBytes });
  const target: CaseTarget = { workbook, client, run, ledger, clock, context: { clock, actor: { clerk: c.clerk } } };
  const before = client.stats.syncs;
  if (fault?.kind === 'never arrives') client.failAtSync(fault.at);
  if (fault?.kind === 'answer lost') client.loseResponseAtSync(fault.at);
  const runner = operationRunner();
  const failures: CaseRun['failures'][number][] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await c.run(target, runner);
      return { workbook, requests: client.stats.syncs - before, failures, outcome: { ok: true, value } };
    } catch (error) {
      const incomplete = c.imports === true && (await ledgerState(workbook, c.at)).errors.some((e) => e.includes('"importIncomplete"'));
      failures.push({ error, state: workbookState(workbook), incomplete });
      if (attempt === 2) return { workbook, requests: client.stats.syncs - before, failures, outcome: { ok: false, error } };
    }
  }
}

// ————————————————————————————————————————— the catalogue

interface Captured {
  readonly label: string;
  readonly workbook: HostWorkbook;
  readonly operation: Operation<unknown, unknown, unknown>;
  readonly input: unknown;
  readonly at: string;
}

/**
 * Plays a script on a ledger of its own and keeps, for the first step of each kind (`keyOf`), a copy
 * of the workbook just before it with the step: the catalogue's desk, visitor and field steps are
 * those of the scripted days, each on the ledger the day had reached.
 */
async function capture(
  start: HostWorkbook,
  script: (act: FieldAct) => Promise<unknown>,
  keyOf: (label: string, input: unknown) => string = (label) => label,
): Promise<{ steps: Map<string, Captured>; end: HostWorkbook; at: string }> {
  const client = hostClient(start);
  const clock = demoClock();
  const ledger = await openOfficeLedger(excelRun(client), { station: 'script', clock });
  const steps = new Map<string, Captured>();
  let last = '';
  const act: FieldAct = async (operation, input, label, at) => {
    clock.set(at);
    last = clock.now();
    const key = keyOf(label, input);
    const copy = steps.has(key) ? undefined : copyWorkbook(start);
    const { result } = await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock, actor: { clerk: CLERK } });
    if (copy) steps.set(key, { label: key, workbook: copy, operation: operation, input, at: last });
    return result;
  };
  await script(act);
  return { steps, end: copyWorkbook(start), at: last };
}

const CLERK = '王丽';

const template = async () => hostWorkbookFromXlsx(await templateBytes('zh-CN'));

/** The desk's day (test/support/deskDay.ts): its time moves a minute a step, from 08:00. */
const deskDay = once(async () => {
  let minute = 0;
  const at = () => `2026-03-16 ${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return capture(
    await template(),
    (act) =>
      runDeskDay((operation, input, label) => {
        minute += 1;
        return act(operation, input, label, at());
      }),
    (label, input) => (label === 'complaint.visit' && (input as { fields: { resolved: string } }).fields.resolved === 'no' ? 'complaint.visit (reopens)' : label),
  );
});

/** The field teams' month (test/support/fieldMonth.ts), on a ledger with their workers. */
const fieldMonthDay = once(async () => {
  const workbook = await template();
  const client = hostClient(workbook);
  await seedWorkers(await openOfficeLedger(excelRun(client), { station: 'seed', clock: fixedClock('2026-03-01 08:00:00', 0) }));
  return capture(workbook, (act) => fieldMonth(act));
});

/** The scenic area's busy day, with 20 free-entry checks; a damaged loan return apart. */
const busyDay = once(async () =>
  capture(
    await template(),
    (act) => playBusyDay(act, { day: '2026-05-01', locale: 'zh-CN', entryChecks: 20 }),
    // A damaged return makes the repair slip (SX) at once: a step of its own.
    (label, input) => (label === 'loan.return' && (input as { fields: { return_check?: string } }).fields.return_check !== 'intact' ? 'loan.return (damaged)' : label),
  ),
);

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** A case of a captured step: its operation and input, run by the pane's runner on the ledger before it. */
function stepCase(day: () => Promise<{ steps: Map<string, Captured> }>, key: string): FaultCase {
  const step = once(async () => {
    const found = (await day()).steps.get(key);
    if (!found) throw new Error(`the script has no step ${key}`);
    return found;
  });
  return {
    name: key,
    start: async () => (await step()).workbook,
    at: '', // set below from the captured step
    clerk: CLERK,
    async run(target, runner) {
      const s = await step();
      return runner.run(target.ledger, s.operation, s.input, { clock: fixedClock(s.at, 0), actor: { clerk: CLERK } });
    },
  };
}

/** The times of captured steps are known once the script ran: cases say theirs when asked. */
async function withTime(c: FaultCase, day: () => Promise<{ steps: Map<string, Captured> }>, key: string): Promise<FaultCase> {
  const s = (await day()).steps.get(key);
  if (!s) throw new Error(`the script has no step ${key}`);
  return { ...c, at: s.at };
}

const DESK_STEPS = [
  'reception.inquiry',
  'reception.complaint',
  'reception.repair',
  'reception.issue_report',
  'reception.suggestion',
  'reception.other',
  'reception.reply',
  'reception.verify',
  'reception.escalate',
  'reception.compile',
  'complaint.dispatch',
  'complaint.handle',
  'complaint.return',
  'complaint.visit',
  'complaint.visit (reopens)',
  'complaint.archive',
  'complaint.void',
  'repair.sign',
  'repair.dispatch',
  'repair.arrive',
  'repair.wait-parts',
  'repair.complete',
  'repair.return',
  'repair.close',
];

const HEADER = ['date', 'worker_id', 'collector_type', 'maintained', 'succeeded', 'reason_code'];
const dayOf = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
/** 400 collector days of the field month's six workers. */
const COLLECTOR_FILE: SourceTable = {
  name: 'collector.csv',
  rows: [
    HEADER,
    ...Array.from({ length: 400 }, (_, i) => [
      dayOf(Math.floor(i / 12)),
      ['W0101', 'W0102', 'W0103', 'W0201', 'W0202', 'W0203'][Math.floor(i / 2) % 6],
      i % 2 ? 'carrier' : 'wireless',
      '20',
      '18',
      '',
    ]),
  ],
};
/** Three complaints from another system's export, numbered on import. */
const COMPLAINTS_FILE: SourceTable = {
  name: 'complaints.csv',
  rows: [
    ['received_at', 'channel', 'anonymous', 'complainant', 'content', 'category', 'department', 'receptionist_by', 'receptionist_at'],
    ...['病房卫生间地面有积水', '走廊灯不亮', '护工态度差'].map((content, i) => [`2026-03-1${i} 09:00`, 'phone', 'no', `投诉人${i}`, content, 'cleaning', 'cleaning', CLERK, `2026-03-1${i} 09:05`]),
  ],
};

/** Every case of the catalogue (async: the scripted days are played once to find their steps). */
export async function faultCatalogue(): Promise<FaultCase[]> {
  const desk = await deskDay();
  const field = await fieldMonthDay();
  const busy = await busyDay();
  const cases: FaultCase[] = [];
  const deskEnd = async () => desk.end;
  const fieldEnd = async () => field.end;
  const busyEnd = async () => busy.end;

  // Opening the ledger: a failed open is retried on the pane's next action.
  cases.push({
    name: 'opening the ledger',
    start: deskEnd,
    at: desk.at,
    clerk: CLERK,
    run: (target) => openOfficeLedger(target.run, { station: 'pane', clock: target.clock }),
  });

  // Every step of the scripted days, the first of each kind: the desk's, the special visitors', the field teams'.
  for (const [day, keys] of [
    [deskDay, DESK_STEPS],
    [busyDay, [...busy.steps.keys()]],
    [fieldMonthDay, [...field.steps.keys()]],
  ] as const) {
    for (const key of keys) cases.push(await withTime(stepCase(day, key), day, key));
  }

  // A complaint registered from the Complaints view, a measure from the Statistics view: the pane's form on the desk day's ledger.
  const paneForm = (name: string, operation: Operation<unknown, unknown, unknown>, input: Record<string, unknown>): FaultCase => ({
    name,
    start: deskEnd,
    at: desk.at,
    clerk: CLERK,
    run: (target, runner) => runner.run(target.ledger, operation, input, target.context),
  });
  const complaint = {
    received_at: '2026-03-16 17:00',
    channel: 'phone',
    anonymous: 'no',
    complainant: '张三',
    content: '病房卫生间地面有积水',
    category: 'cleaning',
    department: 'cleaning',
    receptionist: { by: CLERK, at: '2026-03-16 17:05' },
  };
  cases.push(paneForm('complaints.register (Complaints view)', registerComplaint, complaint));
  const measure = { stats_year: 2026, raised_on: '2026-03-16', finding: '保洁投诉集中', measure: '增加巡查', department: 'cleaning', due_on: '2026-04-30', progress: 'in_progress' };
  cases.push(paneForm('complaint_measures.add (Statistics view)', createNumberedRecord(complaintMeasures), measure));

  // Voids: a repair order with its ledger line, a loan.
  const repairNo = (desk.steps.get('repair.close')!.input as { no: string }).no;
  cases.push({
    name: 'repair_orders.void (with its ledger line)',
    start: deskEnd,
    at: desk.at,
    clerk: CLERK,
    run: (t, runner) => runner.run(t.ledger, voidRecord('repair_orders'), { no: repairNo, reason: '重复登记' }, t.context),
  });
  const loanNo = (busy.steps.get('loan.settle')!.input as { no: string }).no;
  cases.push({ name: 'loans.void', start: busyEnd, at: busy.at, clerk: CLERK, run: (t, runner) => runner.run(t.ledger, voidRecord('loans'), { no: loanNo, reason: '登记错误' }, t.context) });

  // Imports: a bulk append split in five requests (the Import view), a numbered form's import.
  cases.push({
    name: 'collector_daily.import (bulk append, five requests)',
    start: fieldEnd,
    at: field.at,
    clerk: CLERK,
    maxRequestBytes: 300_000,
    imports: true,
    run: (t) => importTable(t.ledger, { table: 'collector_daily', source: COLLECTOR_FILE }, t.context, { select: true }),
  });
  cases.push({
    name: 'complaints.import (numbered on import)',
    start: deskEnd,
    at: desk.at,
    clerk: CLERK,
    imports: true,
    run: (t) => importTable(t.ledger, { table: 'complaints', source: COMPLAINTS_FILE }, t.context, { select: true }),
  });

  // Report sheets and the pane's own requests.
  cases.push({
    name: 'statistics sheet (Statistics view)',
    start: deskEnd,
    at: desk.at,
    clerk: CLERK,
    async run(t) {
      const outcome = await runOperation(t.ledger, complaintStatisticsOperation, { year: 2026, sheet: true }, t.context);
      await t.run(async (context) => {
        context.workbook.worksheets.getItem(outcome.result.sheet.name).activate();
        await context.sync();
      });
      return outcome.result.statistics.headline.total.count;
    },
  });
  cases.push({
    name: 'monthly performance and its finance export, approved (Performance view)',
    start: fieldEnd,
    at: field.at,
    clerk: CLERK,
    run: (t) => runOperation(t.ledger, monthlyPerformanceOperation, { month: '2026-03', locale: t.ledger.locale, sheet: true, approve: true, files: 'perVendor' }, t.context, { selectReport: true }),
  });
  cases.push({
    name: 'binding volumes (Binding view)',
    start: deskEnd,
    at: desk.at,
    clerk: CLERK,
    run: (t, runner) => runner.run(t.ledger, bindVolumes, { year: '2026', volumeSize: '100' }, t.context),
  });
  const ticketNo = (desk.steps.get('complaint.archive')!.input as { no: string }).no;
  cases.push({
    name: 'print sheet (Print view: showOnPrintSheet)',
    start: deskEnd,
    at: desk.at,
    clerk: CLERK,
    async run(t) {
      await t.ledger.read({ tables: { complaints: { columns: ['ticket_no'], rows: { where: 'ticket_no', equals: [ticketNo] } } } });
      await showOnPrintSheet(t.run, printRequest('complaints', ticketNo, t.ledger.locale));
    },
  });
  const meetingNo = String((await readFirst(field.end, 'preshift_meetings', 'meeting_no')) ?? '');
  cases.push({
    name: 'printout (Print view: showPrintout of a pre-shift meeting)',
    start: fieldEnd,
    at: field.at,
    clerk: CLERK,
    run: async (t) => showPrintout(t.run, await readPrintout(t.ledger, 'preshift_meetings', meetingNo)),
  });

  // The upgrade of a version-4 ledger (Upgrade workbook).
  cases.push({
    name: 'upgrade of a version-4 ledger (Upgrade workbook)',
    start: async () => hostWorkbookFromXlsx(new Uint8Array(readFileSync(path.join(__dirname, '..', 'fixtures', 'v4', 'kefu-ledger.zh-CN.xlsx')))),
    at: '2026-03-16 09:00:00',
    clerk: CLERK,
    run: (t) => upgradeWorkbook(t.run, { clock: t.clock, clerk: CLERK, templateSheets: async (names, options) => templateSheetCopies(names, options) }),
  });
  return cases;
}

async function readFirst(workbook: HostWorkbook, table: string, column: string): Promise<unknown> {
  const client = hostClient(copyWorkbook(workbook));
  const ledger: Ledger = await openOfficeLedger(excelRun(client), { station: 'reader', clock: fixedClock('2026-01-01 00:00:00', 0) });
  return (await ledger.read({ tables: { [table]: { columns: [column], rows: 'all' } } })).tables[table][0]?.values[column];
}

// ————————————————————————————————————————— the invariants

/** A state's text with its numbers mapped onto those of `clean`. */
function mapped(state: WorkbookState, clean: WorkbookState): string {
  return renumber(state.text, numberMap(state, clean));
}

/** The first line where two texts differ, for a finding's message. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return `line ${i + 1}: ${x[i] ?? '(none)'} ≠ ${y[i] ?? '(none)'}`;
  return 'none';
}

export interface CaseReport {
  readonly name: string;
  /** Requests of the clean run. */
  readonly requests: number;
  /** Faulted runs: requests × kinds. */
  readonly injected: number;
  /** What broke an invariant, one line each (empty: none). */
  readonly findings: readonly string[];
}

/**
 * One case of the catalogue: the clean run, then a fault of each kind at each of its requests,
 * with the invariants checked after each (see the module's comment).
 */
export async function checkCase(c: FaultCase): Promise<CaseReport> {
  const before = await ledgerState(copyWorkbook(await startOf(c)), c.at);
  const clean = await runCase(c);
  if (!clean.outcome.ok) throw new Error(`${c.name}: the clean run failed: ${String(clean.outcome.error)}`);
  const done = await ledgerState(clean.workbook, c.at);
  const findings: string[] = [];
  if (done.duplicates.length > 0) findings.push(`${c.name}, clean run: duplicate numbers ${done.duplicates.join(', ')}`);
  if (done.unaudited.length > 0) findings.push(`${c.name}, clean run: no audit entry for ${done.unaudited.join(', ')}`);
  let injected = 0;
  for (let at = 1; at <= clean.requests; at++) {
    for (const kind of FAULT_KINDS) {
      injected += 1;
      const where = `${c.name}, request ${at} of ${clean.requests} ${kind === 'never arrives' ? 'never reaching Excel' : 'applied, its answer lost'}`;
      const run = await runCase(c, { kind, at });
      for (const [i, failure] of run.failures.entries()) {
        const seen = mapped(failure.state, done);
        if (seen !== before.text && seen !== done.text && !failure.incomplete) {
          findings.push(`${where}: half-visible after failed attempt ${i + 1} (${String((failure.error as Error).message ?? failure.error).slice(0, 120)}): ${firstDifference(seen, before.text)}`);
        }
      }
      if (!run.outcome.ok) {
        findings.push(`${where}: still failing after the clerk's retry: ${String((run.outcome.error as Error).message ?? run.outcome.error).slice(0, 200)}`);
        continue;
      }
      const state = await ledgerState(run.workbook, c.at);
      if (state.duplicates.length > 0) findings.push(`${where}: duplicate numbers ${state.duplicates.join(', ')}`);
      if (state.unaudited.length > 0) findings.push(`${where}: no audit entry for ${state.unaudited.join(', ')}`);
      const map = numberMap(state, done);
      const final = renumber(state.text, map);
      if (final !== done.text) findings.push(`${where}: the workbook differs from the clean run's: ${firstDifference(final, done.text)}`);
      const errors = state.errors.map((e) => renumber(e, map));
      if (JSON.stringify(errors) !== JSON.stringify(done.errors))
        findings.push(`${where}: kefu check finds ${errors.length} errors, after the clean run ${done.errors.length}: ${errors.filter((e) => !done.errors.includes(e))[0] ?? ''}`);
    }
  }
  return { name: c.name, requests: clean.requests, injected, findings };
}

/** Runs every case of the catalogue: the number of faulted runs (case × request × kind) and the findings. */
export async function runFaultCatalogue(cases?: readonly FaultCase[]): Promise<{ injected: number; reports: CaseReport[] }> {
  const reports: CaseReport[] = [];
  for (const c of cases ?? (await faultCatalogue())) reports.push(await checkCase(c));
  return { injected: reports.reduce((sum, r) => sum + r.injected, 0), reports };
}
