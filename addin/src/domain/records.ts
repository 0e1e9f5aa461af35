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
}

export async function runOperation<Input, Prepared, Result>(
  ledger: Ledger,
  operation: Operation<Input, Prepared, Result>,
  input: Input,
  context: OperationContext,
  options: ApplyOptions & ReadOptions = {},
): Promise<Outcome<Result>> {
  // Every operation passes here (imports through importTable): the clerk's name and site reach the audit log.
  checkActor(context.actor);
  const prepared = operation.prepare(input, context);
  const snapshot = await ledger.read(operation.request(prepared, context), { onProgress: options.onProgress });
  const { changes, result } = operation.decide(snapshot, prepared, context);
  try {
    const applied = await ledger.apply(changes, snapshot, options);
    return { result, changes, appended: applied.appended };
  } catch (error) {
    // Excel may have applied the last request and lost only its answer: a clerk who tried again
    // would register the same visit twice. Look before reporting the failure (a refusal of ours
    // was raised before anything was written).
    if (error instanceof KefuError) throw error;
    const landed = ledger.landed ? await ledger.landed(changes, snapshot).catch(() => false) : false;
    if (landed) return { result, changes, appended: [], recovered: true };
    throw error;
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
