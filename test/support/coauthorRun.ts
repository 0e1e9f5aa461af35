import { registerComplaint } from '../../addin/src/domain/complaintProcedure';
import { receiveMatter } from '../../addin/src/domain/reception';
import { OperationTicket, runOperation, type Operation, type OperationContext } from '../../addin/src/domain/records';
import { requestBroadcast } from '../../addin/src/domain/visitors/broadcasts';
import { recordFreeEntry } from '../../addin/src/domain/visitors/freeEntry';
import { lendVehicle } from '../../addin/src/domain/visitors/loans';
import { KefuError } from '../../addin/src/core/problems';
import { hostWorkbookFromXlsx } from '../../addin/src/host';
import { AUDIT_TABLE } from '../../addin/src/ledger/layout';
import type { Ledger } from '../../addin/src/ledger/types';
import { defaultClock, openOnHost, templateBytes, type OfficeSession } from './backends';
import { complaintInput } from './fixtures';

/**
 * A long random co-authoring run (issue 14): N clients on one workbook, each doing M operations of
 * mixed forms through the real `runOperation` and the Office.js backend on the in-memory host. Each
 * operation is held between its read (the claim of its number) and its write, so that a seeded
 * scheduler decides the order in which the workbook receives the requests of all clients: claims
 * confirmed in any order, periods in blocks (70 operations of one day, then of another, …), both
 * kinds of fault (`failAtSync`: the request never reaches Excel; `loseResponseAtSync`: Excel applies
 * it and the answer is lost) at the read, the write and the check after a failed write
 * (`Ledger.findOperation`), and the clerk trying again with the same input after any failure — in
 * the same pane, so with the same operation ticket.
 *
 * After the run it reads the tables and the audit log and counts what a user or an auditor would
 * see: duplicate numbers per series, records made twice from one input, records without their
 * audit entry, records reported as made but absent.
 */

export type FormKind = 'complaint' | 'reception' | 'loan' | 'broadcast' | 'entry';
export const FORM_KINDS: readonly FormKind[] = ['complaint', 'reception', 'loan', 'broadcast', 'entry'];

/** Where a fault is injected: the operation's read, its write, or the check that follows a failed write. */
export type FaultSync = 'read' | 'write' | 'check';
export type FaultKind = 'fail' | 'lose';

export interface CoauthorOptions {
  readonly seed: number;
  readonly clients: number;
  /** Operations per client (retries not counted). */
  readonly operations: number;
  readonly forms?: readonly FormKind[];
  /** The days whose operations come in blocks of `blockSize`, in this order, round and round. */
  readonly blocks?: readonly string[];
  readonly blockSize?: number;
  /**
   * The chance that an attempt gets a fault, and where it goes (picked evenly): its read, its write,
   * or its write and then the check that follows the failed write ('check').
   */
  readonly faults?: { readonly probability: number; readonly at: readonly FaultSync[] };
  /** Whether the clerk tries again, with the same input, after a failure (up to 10 attempts). */
  readonly retries?: boolean;
  /**
   * Whether a retry carries the first attempt's operation ticket, as the pane's does while the input
   * stays the same (default). False: every attempt a new operation, as a clerk who typed it again.
   */
  readonly sameTicket?: boolean;
  /** At most this many operations of one client between their read and their write. */
  readonly inFlight?: number;
}

/** One table's rows after the run: the record's number and its input's mark. */
export interface RunRow {
  readonly table: string;
  readonly number: string;
  readonly mark: string;
}

export interface CoauthorFigures {
  /** Operations planned, attempts made, successes, failures seen by the clerk, retries, refusals. */
  readonly operations: number;
  readonly attempts: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly retried: number;
  /** Refused by the ledger's own rules (a retried loan whose first attempt was written: the vehicle is on loan). */
  readonly refused: number;
  /** Failures whose write was found in the workbook (`recovered`), reported as done. */
  readonly recovered: number;
  /** Inputs given up after 10 failed attempts. */
  readonly abandoned: number;
  /** Duplicate numbers by series (rows beyond the first with the same number). */
  readonly duplicatesBySeries: Readonly<Record<string, number>>;
  readonly duplicates: number;
  /** Records beyond the first made from one input (the same mark twice in a table). */
  readonly duplicatedRecords: number;
  /** Records with no 'create' entry in the audit log. */
  readonly unaudited: number;
  /** Numbers reported to the clerk as made, with no row. */
  readonly lost: number;
  /** Rows whose number was never reported to the clerk (made while the clerk saw a failure). */
  readonly unreported: number;
  /** Faults injected (each reached its request), and by operation × sync × kind. */
  readonly faultsInjected: number;
  readonly faultCases: Readonly<Record<string, number>>;
  /** Every numbered row, every number reported, every number with a 'create' audit entry. */
  readonly rows: readonly RunRow[];
  readonly issued: readonly string[];
  readonly audited: readonly string[];
}

const TABLES: Readonly<Record<FormKind, { readonly table: string; readonly number: string; readonly mark: string }>> = {
  complaint: { table: 'complaints', number: 'ticket_no', mark: 'content' },
  reception: { table: 'reception', number: 'reception_no', mark: 'matter' },
  loan: { table: 'loans', number: 'loan_no', mark: 'vehicle_no' },
  broadcast: { table: 'broadcasts', number: 'broadcast_no', mark: 'clothing' },
  entry: { table: 'free_entries', number: 'entry_id', mark: 'remarks' },
};

const OPERATIONS: Readonly<Record<FormKind, Operation<unknown, unknown, { number: string; complaintNo?: string }>>> = {
  complaint: registerComplaint,
  reception: receiveMatter,
  loan: lendVehicle,
  broadcast: requestBroadcast,
  entry: recordFreeEntry,
};

/** The input a clerk types for one operation of `kind` at `at`, carrying `mark` in a text field. */
function inputFor(kind: FormKind, at: string, mark: string, n: number): Record<string, unknown> {
  switch (kind) {
    case 'complaint':
      return complaintInput({ received_at: at, receptionist: { by: '王丽', at }, content: `病房卫生间地面有积水 ${mark}` });
    case 'reception': {
      const base = { received_at: at, channel: 'phone', caller: '来访人', caller_dept: '心内科', caller_phone: '13800000000', matter: `事项 ${mark}`, receptionist: { by: '王丽', at } };
      // Every third a complaint: the reception and its ticket in one change set.
      return n % 3 === 0
        ? { ...base, category: 'complaint', complaint: { category: 'cleaning', department: 'cleaning', urgency: 'normal' } }
        : { ...base, category: 'inquiry', answered_on_spot: 'yes' };
    }
    case 'loan':
      return {
        vehicle_type: 'wheelchair',
        vehicle_no: mark,
        loan_kind: 'loan',
        lent_at: at,
        borrower: '游客',
        borrower_phone: '13905711000',
        document_type: 'id_card',
        deposit: '200.00',
        condition_out: '完好',
        staff: { by: '王丽', at },
      };
    case 'broadcast': {
      const seen = `${at.slice(0, 11)}${String(Number(at.slice(11, 13)) - 1).padStart(2, '0')}${at.slice(13)}`;
      return {
        requested_at: at,
        requester: '王芳',
        requester_phone: '13800001000',
        relationship: '母亲',
        assisting_staff: '检票员李明',
        missing_name: '李小宝',
        missing_sex: 'male',
        missing_age: 6,
        clothing: `红色上衣 ${mark}`,
        last_seen_at: seen,
        last_seen_place: '南门售票处',
        meeting_point: '南门游客服务中心',
        languages: 'mandarin',
      };
    }
    case 'entry':
      return { entered_at: at, gate: '南门', category: 'child', height_cm: 110, headcount: 1, checker: { by: '李明', at }, help_given: 'no', remarks: mark };
  }
}

/** mulberry32: a small seeded generator, so that a run is the same run every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Planned {
  readonly kind: FormKind;
  readonly mark: string;
  readonly n: number;
  /** Fixed at its first attempt (its block), the same for every retry. */
  input?: Record<string, unknown>;
  attempts: number;
  /** The operation across its attempts: the clerk retries in the same pane. */
  readonly ticket: OperationTicket;
}

type Settled = { readonly ok: true; readonly numbers: readonly string[]; readonly recovered: boolean } | { readonly ok: false; readonly refused: boolean; readonly error: unknown };

interface Held {
  readonly op: Planned;
  readonly release: () => void;
  readonly settled: Promise<Settled>;
  readonly at: FaultSync | undefined;
}

interface Injected {
  readonly client: OfficeSession;
  readonly target: number;
  readonly label: string;
}

export async function coauthorRun(options: CoauthorOptions): Promise<CoauthorFigures> {
  const forms = options.forms ?? FORM_KINDS;
  const blocks = options.blocks ?? ['2026-03-15', '2025-11-02', '2024-06-18', '2026-01-05'];
  const blockSize = options.blockSize ?? 70;
  const faults = options.faults ?? { probability: 0, at: [] };
  const inFlight = options.inFlight ?? 4;
  const next = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const context: OperationContext = { clock: defaultClock(), actor: { clerk: '王丽' } };

  const workbook = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
  const sessions = await Promise.all(Array.from({ length: options.clients }, (_, i) => openOnHost(workbook, { station: `c${i}`, clock: context.clock })));
  const plans: Planned[][] = sessions.map((_, c) =>
    Array.from({ length: options.operations }, (_, n) => ({ kind: pick(forms), mark: `op c${c}-${n}`, n, attempts: 0, ticket: new OperationTicket() })),
  );

  // The fleet, registered up front: one wheelchair per loan planned (a loan's mark is its vehicle).
  const fleet = plans.flat().filter((p) => p.kind === 'loan');
  if (fleet.length > 0) {
    const basis = await sessions[0].ledger.read({ writes: ['vehicles'] });
    const at = '2024-01-01 08:00';
    await sessions[0].ledger.apply(
      {
        appends: {
          vehicles: fleet.map((p) => ({ vehicle_no: p.mark, vehicle_type: 'wheelchair', status: 'available', in_service_on: '2024-01-01', created_at: at, created_by: '王丽', voided: false })),
        },
      },
      basis,
    );
  }

  let starts = 0;
  let attempts = 0;
  let succeeded = 0;
  let failed = 0;
  let retried = 0;
  let refused = 0;
  let recovered = 0;
  let abandoned = 0;
  const issued: string[] = [];
  const faultCases: Record<string, number> = {};
  const held: Held[][] = sessions.map(() => []);

  const inject = (session: OfficeSession, n: number, kind: FaultKind, label: string): Injected => {
    if (kind === 'fail') session.client.failAtSync(n);
    else session.client.loseResponseAtSync(n);
    return { client: session, target: session.client.stats.syncs + n, label };
  };
  /** Every fault injected reached its request (none is left to hit a later operation by chance). */
  const reached = (injected: readonly Injected[]) => {
    for (const { client, target, label } of injected) {
      if (client.client.stats.syncs < target) throw new Error(`coauthorRun: the fault ${label} did not reach its request`);
      faultCases[label] = (faultCases[label] ?? 0) + 1;
    }
  };
  const settle = (c: number, op: Planned, outcome: Settled) => {
    if (outcome.ok) {
      succeeded += 1;
      if (outcome.recovered) recovered += 1;
      issued.push(...outcome.numbers);
      return;
    }
    if (outcome.refused) {
      refused += 1;
      return;
    }
    failed += 1;
    if (!options.retries) return;
    if (op.attempts >= 10) abandoned += 1;
    else {
      retried += 1;
      plans[c].unshift(op);
    }
  };

  /** The operation's read (its claim), held before its write; or its end, if it ends before (a fault, a refusal). */
  const begin = async (c: number, op: Planned): Promise<Held | undefined> => {
    const session = sessions[c];
    if (!op.input) {
      const day = blocks[Math.floor(starts++ / blockSize) % blocks.length];
      op.input = inputFor(op.kind, `${day} 09:30`, op.mark, op.n);
    }
    op.attempts += 1;
    attempts += 1;
    // At most one fault plan per attempt: at its read, at its write, or at its write and the check after it.
    const at = next() < faults.probability ? pick(faults.at) : undefined;
    const injected: Injected[] = [];
    if (at === 'read') {
      const kind = pick(['fail', 'lose'] as const);
      injected.push(inject(session, 1, kind, `${op.kind}.read.${kind}`));
    }
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let atGate!: () => void;
    const arrived = new Promise<'held'>((resolve) => (atGate = () => resolve('held')));
    const inner = session.ledger;
    const ledger: Ledger = {
      locale: inner.locale,
      read: (request, readOptions) => inner.read(request, readOptions),
      apply: async (changes, basis, applyOptions) => {
        atGate();
        await gate;
        return inner.apply(changes, basis, applyOptions);
      },
      findOperation: (tags) => inner.findOperation!(tags),
    };
    const settled: Promise<Settled> = runOperation(ledger, OPERATIONS[op.kind], op.input, context, { ticket: options.sameTicket === false ? new OperationTicket() : op.ticket }).then(
      ({ result, recovered: found }) => ({ ok: true, numbers: [result.number, ...(result.complaintNo ? [result.complaintNo] : [])], recovered: found === true }),
      (error: unknown) => ({ ok: false, refused: error instanceof KefuError, error }),
    );
    const first = await Promise.race([arrived, settled]);
    reached(injected);
    if (first === 'held') return { op, release, settled, at };
    settle(c, op, first);
    return undefined;
  };

  /** The held write sent, with its faults; the clerk is told the outcome. */
  const finish = async (c: number, h: Held) => {
    const session = sessions[c];
    const injected: Injected[] = [];
    if (h.at === 'write' || h.at === 'check') {
      const kind = pick(['fail', 'lose'] as const);
      injected.push(inject(session, 1, kind, `${h.op.kind}.write.${kind}`));
      // The check that follows a failed write (`findOperation`) is the operation's next request.
      if (h.at === 'check') {
        const then = pick(['fail', 'lose'] as const);
        injected.push(inject(session, 2, then, `${h.op.kind}.check.${then}`));
      }
    }
    h.release();
    const outcome = await h.settled;
    reached(injected);
    settle(c, h.op, outcome);
  };

  for (;;) {
    const busy = sessions.map((_, c) => c).filter((c) => plans[c].length > 0 || held[c].length > 0);
    if (busy.length === 0) break;
    const c = pick(busy);
    const canStart = plans[c].length > 0 && held[c].length < inFlight;
    if (canStart && (held[c].length === 0 || next() < 0.5)) {
      const h = await begin(c, plans[c].shift()!);
      if (h) held[c].push(h);
    } else {
      const [h] = held[c].splice(Math.floor(next() * held[c].length), 1);
      await finish(c, h);
    }
  }

  // What the workbook holds, read by one client.
  const ledger = sessions[0].ledger;
  const kinds = [...new Set([...forms, ...(forms.includes('reception') ? (['complaint'] as const) : [])])];
  const snapshot = await ledger.read({
    tables: {
      ...Object.fromEntries(kinds.map((k) => [TABLES[k].table, { columns: [TABLES[k].number, TABLES[k].mark], rows: 'all' as const }])),
      [AUDIT_TABLE]: { columns: ['action', 'record'], rows: 'all' },
    },
  });
  const rows: RunRow[] = kinds.flatMap((k) =>
    snapshot.tables[TABLES[k].table].map((r) => ({ table: TABLES[k].table, number: String(r.values[TABLES[k].number]), mark: String(r.values[TABLES[k].mark]) })),
  );
  const audited = snapshot.tables[AUDIT_TABLE].filter((r) => r.values.action === 'create').map((r) => String(r.values.record));
  const duplicatesBySeries: Record<string, number> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const series = row.number.split('-')[0];
    duplicatesBySeries[series] ??= 0;
    if (seen.has(row.number)) duplicatesBySeries[series] += 1;
    seen.add(row.number);
  }
  const marks = new Set<string>();
  let duplicatedRecords = 0;
  for (const row of rows) {
    const key = `${row.table}\u0000${row.mark}`;
    if (marks.has(key)) duplicatedRecords += 1;
    marks.add(key);
  }
  const auditedSet = new Set(audited);
  const issuedSet = new Set(issued);
  return {
    operations: options.clients * options.operations,
    attempts,
    succeeded,
    failed,
    retried,
    refused,
    recovered,
    abandoned,
    duplicatesBySeries,
    duplicates: Object.values(duplicatesBySeries).reduce((s, n) => s + n, 0),
    duplicatedRecords,
    unaudited: rows.filter((r) => !auditedSet.has(r.number)).length,
    lost: issued.filter((n) => !seen.has(n)).length,
    unreported: rows.filter((r) => !issuedSet.has(r.number)).length,
    faultsInjected: Object.values(faultCases).reduce((s, n) => s + n, 0),
    faultCases,
    rows,
    issued,
    audited,
  };
}
