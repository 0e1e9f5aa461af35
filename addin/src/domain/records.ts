import type { FormDecl } from '../forms/types';
import type { DomainValue, RecordValues } from '../ledger/cells';
import { formatNumber, periodOf, type SequenceNumbering } from '../ledger/numbering';
import type { ApplyOptions, AuditEntry, ReadOptions, ChangeSet, Claim, Ledger, Snapshot, SnapshotRequest } from '../ledger/types';
import type { Clock } from '../core/clock';
import { KefuError } from '../core/problems';
import { checkActor } from './storableText';
import { validateInput } from './validate';

/** Who is acting and where: the clerk's name from settings, the site (项目). */
export interface Actor {
  readonly clerk: string;
  readonly site?: string;
}

export interface OperationContext {
  readonly clock: Clock;
  readonly actor: Actor;
}

/**
 * An operation in the shape DESIGN asks for: validate the input (pure, before touching the
 * workbook, so bad input claims no number), say what to read, then decide the change set from the
 * snapshot (pure). `runOperation` is the only place that talks to a ledger.
 */
export interface Operation<Input, Prepared, Result> {
  prepare(input: Input, context: OperationContext): Prepared;
  request(prepared: Prepared, context: OperationContext): SnapshotRequest;
  decide(snapshot: Snapshot, prepared: Prepared, context: OperationContext): { changes: ChangeSet; result: Result };
}

export interface Outcome<Result> {
  readonly result: Result;
  readonly changes: ChangeSet;
  /** Where the new rows landed (for selecting them in the sheet). */
  readonly appended: readonly { table: string; address: string }[];
  /** The change set is in the workbook although writing it reported a failure (its answer was lost): say so, and do not retry. */
  readonly recovered?: boolean;
  /**
   * This run found an earlier attempt of the same operation (its ticket) in the workbook and wrote
   * nothing: `result` is what that attempt did.
   */
  readonly earlier?: boolean;
  /** The pane tried once more by itself after an ambiguous failure (runWithRetry). */
  readonly retried?: boolean;
}

/** An attempt whose write failed without saying whether Excel applied it. */
interface Unsettled {
  readonly tag: string;
  readonly result: unknown;
  readonly changes: ChangeSet;
}

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Ten random base-36 characters (crypto.getRandomValues: the browser's and Node's). */
function randomId(): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => ID_ALPHABET[b % 36]).join('');
}

/**
 * One operation as the clerk means it — "register this complaint" — across every attempt to do it
 * (issue 14 item 2). Its id is made before the first request; each attempt's audit entries carry
 * `<id>.<attempt>` in the audit log's `op` column, in the request that writes the records. When an
 * attempt's write fails without an answer (Excel may have applied it), the ticket keeps it; the next
 * attempt first looks its tag up (`Ledger.findOperation`) and, when found, reports what that attempt
 * did instead of writing again. The pane keeps one ticket while the clerk's input stays the same.
 */
export class OperationTicket {
  readonly id: string;
  private attempts = 0;
  private unsettled: Unsettled[] = [];

  constructor(id: string = randomId()) {
    this.id = id;
  }

  /** Whether an earlier attempt may be in the workbook unseen (its answer was lost). */
  get uncertain(): boolean {
    return this.unsettled.length > 0;
  }

  /** The tag of the next attempt. */
  nextTag(): string {
    this.attempts += 1;
    return `${this.id}.${this.attempts}`;
  }

  /** @internal runOperation's bookkeeping. */
  _remember(attempt: Unsettled): void {
    this.unsettled.push(attempt);
  }

  /** @internal */
  _tags(): readonly string[] {
    return this.unsettled.map((u) => u.tag);
  }

  /** @internal The attempt found in the workbook (or none: then none of them is there). */
  _settle(found: string | undefined): Unsettled | undefined {
    const attempt = this.unsettled.find((u) => u.tag === found);
    this.unsettled = [];
    return attempt;
  }
}

/** The change set with every audit entry marked as written by the attempt `tag`. */
function stampOperation(changes: ChangeSet, tag: string): ChangeSet {
  if (!changes.audit?.length) return changes;
  return { ...changes, audit: changes.audit.map((entry) => ({ ...entry, op: tag })) };
}

/** Whether a change set writes records: it must then say so in the audit log (principle 7), where its attempt is found again. */
function writesRecords(changes: ChangeSet): boolean {
  return Object.values(changes.appends ?? {}).some((rows) => rows.length > 0) || (changes.updates?.length ?? 0) > 0;
}

export interface RunOptions extends ApplyOptions, ReadOptions {
  /** The operation across attempts: give the same ticket when the clerk retries the same input. */
  readonly ticket?: OperationTicket;
}

export async function runOperation<Input, Prepared, Result>(
  ledger: Ledger,
  operation: Operation<Input, Prepared, Result>,
  input: Input,
  context: OperationContext,
  options: RunOptions = {},
): Promise<Outcome<Result>> {
  // Every operation passes here (imports through importTable): the clerk's name and site reach the audit log.
  checkActor(context.actor);
  const ticket = options.ticket ?? new OperationTicket();
  const prepared = operation.prepare(input, context);
  if (ticket.uncertain && ledger.findOperation) {
    // An earlier attempt's answer was lost: is it in the workbook? (A failure here leaves the ticket as it was.)
    const earlier = ticket._settle(await ledger.findOperation(ticket._tags()));
    if (earlier) return { result: earlier.result as Result, changes: earlier.changes, appended: [], recovered: true, earlier: true };
  }
  const tag = ticket.nextTag();
  const snapshot = await ledger.read(operation.request(prepared, context), { onProgress: options.onProgress, operation: tag });
  const decided = operation.decide(snapshot, prepared, context);
  const { result } = decided;
  if (writesRecords(decided.changes) && !decided.changes.audit?.length) throw new Error('runOperation: a change set that writes records has no audit entry');
  const changes = stampOperation(decided.changes, tag);
  try {
    const applied = await ledger.apply(changes, snapshot, options);
    return { result, changes, appended: applied.appended };
  } catch (error) {
    // Excel may have applied the last request and lost only its answer: a clerk who tried again
    // would register the same visit twice. Look before reporting the failure (a refusal of ours
    // was raised before anything was written). A change set without audit entries writes only
    // report sheets, which writing again replaces: nothing to look for.
    if (error instanceof KefuError || !changes.audit?.length || !ledger.findOperation) throw error;
    ticket._remember({ tag, result, changes });
    const found = await ledger.findOperation([tag]).then(
      (tagFound) => ({ known: true, tagFound }),
      () => ({ known: false, tagFound: undefined }),
    );
    if (!found.known) throw error; // still uncertain: the ticket's next attempt looks again first
    if (ticket._settle(found.tagFound)) return { result, changes, appended: [], recovered: true };
    throw error;
  }
}

/**
 * The pane's way of running an operation: as runOperation, and when writing fails without saying
 * whether Excel applied it, once more at once with the same ticket (which first looks for the
 * attempt that failed), so that the clerk sees an outcome rather than a doubt whenever Excel
 * answers the second time. What happened is in the outcome (`recovered`, `earlier`, `retried`);
 * a failure that remains leaves `ticket.uncertain` for the clerk's own retry.
 */
export async function runWithRetry<Input, Prepared, Result>(
  ledger: Ledger,
  operation: Operation<Input, Prepared, Result>,
  input: Input,
  context: OperationContext,
  options: RunOptions & { readonly ticket: OperationTicket },
): Promise<Outcome<Result>> {
  try {
    return await runOperation(ledger, operation, input, context, options);
  } catch (error) {
    if (!options.ticket.uncertain) throw error;
    const outcome = await runOperation(ledger, operation, input, context, options);
    return { ...outcome, retried: true };
  }
}

/** A new record, validated, with the period its number belongs to. */
export interface PreparedRecord {
  readonly values: Record<string, DomainValue>;
  readonly period: string;
}

export interface CreatedRecord {
  readonly number: string;
  readonly values: RecordValues;
}

function auditValue(value: DomainValue): string {
  if (value === null) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/**
 * Creating a numbered record of any form whose numbering is a sequence: validate the creation
 * fields, claim a number for the record's period, write the record with its first status and the
 * common fields, confirm the claim, and append one audit entry.
 */
export function createNumberedRecord(form: FormDecl, defaults: RecordValues = {}): Operation<unknown, PreparedRecord, CreatedRecord> {
  const numbering = form.numbering as SequenceNumbering;
  if (numbering.kind !== 'sequence') throw new Error(`${form.key} is not numbered by a sequence`);
  return {
    prepare(input, context) {
      const { values, problems } = validateInput(form, input);
      if (problems.length > 0) throw new KefuError(problems);
      const date = values[numbering.dateField];
      const scope = numbering.scopeField ? String(values[numbering.scopeField] ?? '') : undefined;
      const period = periodOf(numbering, typeof date === 'string' ? date : context.clock.now(), scope);
      return { values, period };
    },
    request(prepared) {
      return { claims: [{ series: numbering.series, period: prepared.period }], writes: [form.key] };
    },
    decide(snapshot, prepared, context) {
      const claim: Claim | undefined = snapshot.claims[0];
      if (!claim) throw new Error('createNumberedRecord: the ledger returned no claim');
      const number = formatNumber(numbering, claim.period, claim.seq);
      const now = context.clock.now();
      const record: Record<string, DomainValue> = {
        ...defaults,
        ...prepared.values,
        [form.keyField]: number,
        created_at: now.slice(0, 16),
        created_by: context.actor.clerk,
        voided: false,
      };
      if (form.statuses.length > 0) record.status = form.statuses[0].code;
      if (record.site === undefined && context.actor.site) record.site = context.actor.site;
      const audit: AuditEntry = {
        at: now,
        who: context.actor.clerk,
        action: 'create',
        table: form.key,
        record: number,
        field: '*',
        oldValue: '',
        newValue: Object.entries(prepared.values)
          .map(([key, value]) => `${key}=${auditValue(value)}`)
          .join('; '),
      };
      return {
        changes: { appends: { [form.key]: [record] }, confirm: [claim], audit: [audit] },
        result: { number, values: record },
      };
    },
  };
}
