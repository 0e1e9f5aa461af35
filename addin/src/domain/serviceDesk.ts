import { complaintReopenings, complaints, returnVisits } from '../forms/complaints';
import { dueRules, workCalendar } from '../forms/promisedTimes';
import { reception, repairLedger, repairOrders } from '../forms/receptionRepairs';
import { columnsOf } from '../forms/columns';
import type { FormDecl } from '../forms/types';
import type { DomainValue, RecordValues } from '../ledger/cells';
import { formatNumber, periodOf, type SequenceNumbering } from '../ledger/numbering';
import type { AuditEntry, ChangeSet, LedgerRow, RecordUpdate, Snapshot, SnapshotRequest } from '../ledger/types';
import { calendarFrom, dueAt, dueRulesFrom } from './dueDates';
import {
  ACTIONS,
  changeRecord,
  codeText,
  conditionalRequirements,
  createdAudit,
  guardStatus,
  joinedCodes,
  localized,
  lookup,
  notBefore,
  recordIn,
  sheetRow,
} from './deskSteps';
import { KefuError, type Problem } from '../core/problems';
import { unstorableProblem } from './storableText';
import { fieldsForStep } from './validate';
import { createNumberedRecord, type Operation, type OperationContext } from './records';
import { validateInput } from './validate';

/**
 * Complaint intake (P1-投訴1, W1 "Received"): the receptionist fills in the ticket; it gets a
 * number TS-YYYY-NNNN for the year it was received in and starts in status "received".
 */
export const registerComplaint = createNumberedRecord(complaints, { reopen_count: 0 });

/*
 * The service desk of domain brief §1.1 as pure operations (issue 4): reception routing (W2), the
 * complaint procedure (W1) and triplicate repair orders (W3). Each one reads what it needs in one
 * request (the records by number, the promised times and the calendar when a due time is set) and
 * writes one change set: new rows, only the changed cells of updated rows, confirmed numbers and
 * one audit entry per changed field.
 */

function numberOf(form: FormDecl, period: string, seq: number): string {
  return formatNumber(form.numbering as SequenceNumbering, period, seq);
}

function minute(context: OperationContext): string {
  return context.clock.now().slice(0, 16);
}

function problemsOf(fn: () => void): Problem[] {
  try {
    fn();
    return [];
  } catch (error) {
    if (error instanceof KefuError) return [...error.problems];
    throw error;
  }
}

function validated(form: FormDecl, input: unknown, step?: string): Record<string, DomainValue> {
  const { values, problems } = validateInput(form, input, { step });
  if (problems.length > 0) throw new KefuError(problems);
  return values;
}

/** The promised-times table and the calendar, read whole (a few dozen rows). */
const DUE_TABLES = {
  [dueRules.key]: { columns: ['rule', 'amount', 'unit'], rows: 'all' },
  [workCalendar.key]: { columns: ['date', 'kind'], rows: 'all' },
} as const;

function dueFrom(snapshot: Snapshot, rule: string, start: string): string {
  const rules = dueRulesFrom((snapshot.tables[dueRules.key] ?? []).map((r) => r.values));
  const calendar = calendarFrom((snapshot.tables[workCalendar.key] ?? []).map((r) => r.values));
  return dueAt(start, rules.get(rule)!, calendar);
}

// ————————————————————————————————————————— reception (F3, W2)

/** Which promised time closes a reception of each category (complaints and repairs follow their own record). */
export const RECEPTION_DUE_RULE: Readonly<Record<string, string | undefined>> = {
  inquiry: 'inquiry_reply',
  issue_report: 'issue_verify',
  suggestion: 'suggestion_compile',
  other: 'other_escalate',
};

export interface PreparedReception {
  readonly values: Record<string, DomainValue>;
  readonly period: string;
  readonly complaint?: { readonly values: Record<string, DomainValue>; readonly period: string };
  readonly repair?: { readonly values: Record<string, DomainValue>; readonly period: string };
}

export interface ReceptionResult {
  readonly number: string;
  readonly status: string;
  readonly complaintNo?: string;
  readonly repairOrderNo?: string;
  readonly due?: string;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The fields of the ticket and of the repair order that the reception itself supplies (receiveMatter
 * copies them from the reception's own fields, the common site, attachments and remarks included);
 * the clerk fills in only the others, and sees no field twice.
 */
export const SUPPLIED_BY_RECEPTION: Readonly<Record<'complaints' | 'repair_orders', readonly string[]>> = {
  complaints: ['received_at', 'channel', 'complainant', 'complainant_dept', 'complainant_phone', 'content', 'receptionist', 'reception_no', 'site', 'attachments', 'remarks'],
  repair_orders: ['reported_at', 'requester', 'requester_dept', 'requester_phone', 'fault', 'reception_no', 'site', 'attachments', 'remarks'],
};

/** The common fields a record raised by a reception shares with it (given ones only). */
function sharedWithReception(own: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(['site', 'attachments', 'remarks'].filter((key) => own[key] !== undefined && own[key] !== null && own[key] !== '').map((key) => [key, own[key]]));
}

/**
 * A visit, call or letter entered in the reception register (P1-接待1–7), and what its category
 * triggers: a complaint creates the complaint ticket (both link to each other); a repair creates
 * the triplicate repair order and its repair-ledger line; an issue report is referred to a
 * department at once; an inquiry answered on the spot is closed, otherwise it gets a reply due
 * time; suggestions and other matters wait for their compilation or escalation.
 *
 * Input: the reception's fields (see kefu dictionary), plus `referred_to` for an issue report,
 * `complaint: {category, department, urgency?, subject?, anonymous?, promised_by?}` for a
 * complaint and `repair: {location, trade?, urgency?, paper_no?}` for a repair. The ticket and the
 * order take the reception's site, attachments and remarks unless their part gives its own.
 */
export const receiveMatter: Operation<unknown, PreparedReception, ReceptionResult> = {
  prepare(input, context) {
    const given = asObject(input);
    const { complaint: complaintPart, repair: repairPart, referred_to: referredTo, ...own } = given;
    const problems: Problem[] = [];
    let values: Record<string, DomainValue> = {};
    problems.push(...problemsOf(() => (values = validated(reception, own))));
    const category = values.category;
    const at = typeof values.received_at === 'string' ? values.received_at : minute(context);
    const receptionNumbering = reception.numbering as SequenceNumbering;
    let complaint: PreparedReception['complaint'];
    let repair: PreparedReception['repair'];
    if (category === 'issue_report') {
      if (referredTo === undefined || referredTo === null || referredTo === '') problems.push({ kind: 'requiredWhen', form: reception.key, field: 'referred_to' });
      else problems.push(...problemsOf(() => Object.assign(values, validated(reception, { referred_to: referredTo }, 'referred'))));
    } else if (referredTo !== undefined) {
      problems.push({ kind: 'unknownField', form: reception.key, field: 'referred_to', params: { value: 'referred_to' } });
    }
    if (category === 'complaint') {
      const extra = asObject(complaintPart);
      const anonymous = extra.anonymous ?? (own.caller ? 'no' : 'yes');
      const ticket = {
        received_at: own.received_at,
        channel: own.channel,
        anonymous,
        complainant: own.caller,
        complainant_dept: own.caller_dept,
        complainant_phone: own.caller_phone,
        content: own.matter,
        receptionist: own.receptionist,
        ...sharedWithReception(own),
        ...extra,
      };
      problems.push(
        ...problemsOf(() => {
          const ticketValues = validated(complaints, ticket);
          complaint = { values: ticketValues, period: periodOf(complaints.numbering as SequenceNumbering, at) };
        }),
      );
    } else if (complaintPart !== undefined) {
      problems.push({ kind: 'unknownField', form: reception.key, field: 'complaint', params: { value: 'complaint' } });
    }
    if (category === 'repair') {
      const extra = asObject(repairPart);
      const order = {
        reported_at: own.received_at,
        requester: own.caller,
        requester_dept: own.caller_dept,
        requester_phone: own.caller_phone,
        fault: own.matter,
        ...sharedWithReception(own),
        ...extra,
      };
      problems.push(
        ...problemsOf(() => {
          const orderValues = validated(repairOrders, order);
          repair = { values: orderValues, period: periodOf(repairOrders.numbering as SequenceNumbering, at) };
        }),
      );
    } else if (repairPart !== undefined) {
      problems.push({ kind: 'unknownField', form: reception.key, field: 'repair', params: { value: 'repair' } });
    }
    if (problems.length > 0) throw new KefuError(problems);
    return { values, period: periodOf(receptionNumbering, at), complaint, repair };
  },

  request(prepared): SnapshotRequest {
    const claims = [{ series: 'JD', period: prepared.period }];
    const writes = [reception.key];
    if (prepared.complaint) {
      claims.push({ series: 'TS', period: prepared.complaint.period });
      writes.push(complaints.key);
    }
    if (prepared.repair) {
      claims.push({ series: 'WX', period: prepared.repair.period });
      writes.push(repairOrders.key, repairLedger.key);
    }
    return { claims, writes, tables: DUE_TABLES };
  },

  decide(snapshot, prepared, context) {
    const now = context.clock.now();
    const created = now.slice(0, 16);
    const claim = (series: string) => snapshot.claims.find((c) => c.series === series)!;
    const jd = claim('JD');
    const number = numberOf(reception, jd.period, jd.seq);
    const values = prepared.values;
    const category = String(values.category);
    const common = { created_at: created, created_by: context.actor.clerk, voided: false, site: context.actor.site ?? null };
    const record: Record<string, DomainValue> = { ...common, ...values, reception_no: number, status: 'registered' };
    const appends: Record<string, RecordValues[]> = {};
    const audit: AuditEntry[] = [];
    const confirm = [jd];
    let complaintNo: string | undefined;
    let repairOrderNo: string | undefined;
    let due: string | undefined;
    const receivedAt = String(values.received_at);

    if (category === 'inquiry' && values.answered_on_spot === true) record.status = 'closed';
    else if (RECEPTION_DUE_RULE[category]) due = dueFrom(snapshot, RECEPTION_DUE_RULE[category]!, receivedAt);
    if (due) record.reply_due = due;
    if (category === 'issue_report') record.status = 'referred';

    if (prepared.complaint) {
      const ts = claim('TS');
      complaintNo = numberOf(complaints, ts.period, ts.seq);
      confirm.push(ts);
      const ticket: Record<string, DomainValue> = {
        ...common,
        ...prepared.complaint.values,
        ticket_no: complaintNo,
        status: 'received',
        reopen_count: 0,
        reception_no: number,
      };
      if (!ticket.promised_by) ticket.promised_by = dueFrom(snapshot, 'complaint_handle', receivedAt);
      record.complaint_no = complaintNo;
      record.status = 'referred';
      appends[complaints.key] = [ticket];
      audit.push(createdAudit(complaints, ticket, context, now));
    }
    if (prepared.repair) {
      const wx = claim('WX');
      repairOrderNo = numberOf(repairOrders, wx.period, wx.seq);
      confirm.push(wx);
      const urgent = prepared.repair.values.urgency === 'urgent' || prepared.repair.values.urgency === 'critical';
      const order: Record<string, DomainValue> = {
        ...common,
        ...prepared.repair.values,
        order_no: repairOrderNo,
        reception_no: number,
        status: 'created',
        due_at: dueFrom(snapshot, urgent ? 'repair_complete_urgent' : 'repair_complete', receivedAt),
      };
      const line: Record<string, DomainValue> = {
        order_no: repairOrderNo,
        entry_date: receivedAt.slice(0, 10),
        location: order.location,
        content: order.fault,
        status: 'open',
        ...common,
      };
      record.repair_order_no = repairOrderNo;
      record.status = 'referred';
      appends[repairOrders.key] = [order];
      appends[repairLedger.key] = [line];
      audit.push(createdAudit(repairOrders, order, context, now), createdAudit(repairLedger, line, context, now));
    }
    appends[reception.key] = [record];
    audit.unshift(createdAudit(reception, record, context, now));
    return {
      changes: { appends, confirm, audit },
      result: { number, status: String(record.status), complaintNo, repairOrderNo, due },
    };
  },
};

// ————————————————————————————————————————— steps on one record

/** A step on one record: `no` is its number, `fields` what the clerk fills in at that step. */
export interface StepInput {
  readonly no: string;
  readonly fields?: unknown;
}

export interface StepResult {
  readonly number: string;
  readonly status: string;
  /** A record the step created (the return-visit form). */
  readonly created?: string;
  readonly reopened?: boolean;
}

interface PreparedStep {
  readonly no: string;
  readonly values: Record<string, DomainValue>;
  /** Extra validated values for a linked form (the return visit, the repair-ledger line). */
  readonly linked: Record<string, DomainValue>;
}

interface StepSpec {
  readonly form: FormDecl;
  readonly action: string;
  /** The declared step whose fields the clerk fills in (undefined: none). */
  readonly fieldsStep?: string;
  readonly from: readonly string[];
  readonly to: string;
  /** Further checks on the record as it is and the values given. */
  readonly check?: (row: LedgerRow, values: RecordValues) => Problem[];
  /** Linked forms read with the record (by their own key = this record's number). */
  readonly linkedReads?: readonly FormDecl[];
  readonly linkedWrites?: readonly string[];
  /** Validates the part of the input meant for a linked form. */
  readonly linkedInput?: (fields: Record<string, unknown>) => { own: Record<string, unknown>; linked: Record<string, DomainValue> };
  /** Further changes decided with the record (the repair-ledger line kept in step). */
  readonly alsoChange?: (snapshot: Snapshot, row: LedgerRow, values: RecordValues, prepared: PreparedStep, context: OperationContext, at: string) => { updates: RecordUpdate[]; audit: AuditEntry[] };
}

/**
 * What a step asks of the clerk, for the task pane to build its form from the declarations: the
 * record's form, the statuses it applies in, and the fields filled in (of `fieldsForm`).
 */
export interface StepDescription {
  readonly form: FormDecl;
  readonly action: string;
  readonly from: readonly string[];
  readonly fieldsForm: FormDecl;
  readonly fields: readonly string[];
}

export type DeskStep<P = unknown> = Operation<StepInput, P, StepResult> & { readonly describe: StepDescription };

function stepOperation(spec: StepSpec & { readonly fields?: readonly string[] }): DeskStep<PreparedStep> {
  const { form } = spec;
  return {
    describe: {
      form,
      action: spec.action,
      from: spec.from,
      fieldsForm: form,
      fields: spec.fields ?? (spec.fieldsStep ? fieldsForStep(form, spec.fieldsStep).map((f) => f.key) : []),
    },
    prepare(input) {
      const no = typeof input?.no === 'string' ? input.no.trim() : '';
      if (no === '') throw new KefuError([{ kind: 'required', form: form.key, field: form.keyField }]);
      const fields = asObject(input.fields ?? {});
      const split = spec.linkedInput ? spec.linkedInput(fields) : { own: fields, linked: {} };
      const values = spec.fieldsStep === undefined && Object.keys(split.own).length === 0 ? {} : validated(form, split.own, spec.fieldsStep ?? '\u0000none');
      return { no, values, linked: split.linked };
    },
    request(prepared) {
      const tables: Record<string, ReturnType<typeof lookup>> = { [form.key]: lookup(form, [prepared.no]) };
      for (const linked of spec.linkedReads ?? []) tables[linked.key] = lookup(linked, [prepared.no]);
      return { tables, writes: [form.key, ...(spec.linkedWrites ?? [])] };
    },
    decide(snapshot, prepared, context) {
      const row = recordIn(snapshot, form, prepared.no);
      guardStatus(form, row, spec.from, spec.action);
      // Guards first (a step that does not apply to this record), then what the step needs.
      const refused = spec.check ? spec.check(row, prepared.values) : [];
      if (refused.length > 0) throw new KefuError(refused);
      const missing = conditionalRequirements(form, spec.fieldsStep, { ...row.values, ...prepared.values }, prepared.values, row);
      if (missing.length > 0) throw new KefuError(missing);
      const at = context.clock.now();
      const own = changeRecord(form, row, { ...prepared.values, status: spec.to }, context, spec.action, at);
      const also = spec.alsoChange ? spec.alsoChange(snapshot, row, prepared.values, prepared, context, at) : { updates: [], audit: [] };
      const changes: ChangeSet = {
        updates: [...(own.update ? [own.update] : []), ...also.updates],
        audit: [...own.audit, ...also.audit],
      };
      return { changes, result: { number: prepared.no, status: spec.to } };
    },
  };
}

// ————————————————————————————————————————— reception steps

function categoryGuard(allowed: readonly string[], action: string) {
  return (row: LedgerRow): Problem[] => {
    const category = String(row.values.category ?? '');
    if (allowed.includes(category)) return [];
    const codes = columnsOf(reception).find((c) => c.key === 'category')!.codes!;
    return [
      {
        kind: 'wrongCategory',
        form: reception.key,
        row: sheetRow(row),
        field: 'category',
        params: {
          record: String(row.values.reception_no),
          ...localized('category', codeText(codes, category)),
          ...localized('action', ACTIONS[action]),
          ...localized('allowed', joinedCodes(codes, allowed)),
        },
      },
    ];
  };
}

/** The reply to an inquiry that could not be answered on the spot (P1-接待2). */
export const replyToInquiry = stepOperation({
  form: reception,
  action: 'reply',
  fieldsStep: 'closed',
  fields: ['replied_at', 'reply'],
  from: ['registered'],
  to: 'closed',
  check: (row, values) => [
    ...categoryGuard(['inquiry'], 'reply')(row),
    ...(row.values.answered_on_spot === true ? [{ kind: 'requiredWhen' as const, form: reception.key, field: 'answered_on_spot', row: sheetRow(row) }] : []),
    ...(['replied_at', 'reply'] as const).flatMap((key) => (values[key] ? [] : [{ kind: 'required' as const, form: reception.key, field: key, row: sheetRow(row) }])),
    ...notBefore(reception, row, 'replied_at', values.replied_at, 'received_at', row.values.received_at),
  ],
});

/** The verification result of an issue report referred to a department (P1-接待5). */
export const verifyIssue = stepOperation({
  form: reception,
  action: 'verify',
  fieldsStep: 'closed',
  fields: ['verification_result'],
  from: ['referred'],
  to: 'closed',
  check: categoryGuard(['issue_report'], 'verify'),
});

/** Escalation to the company manager, or closure, of an "other" matter by its importance (P1-接待7). */
export const escalateOther = stepOperation({
  form: reception,
  action: 'escalate',
  fieldsStep: 'closed',
  fields: ['escalated'],
  from: ['registered'],
  to: 'closed',
  check: (row, values) => [
    ...categoryGuard(['other'], 'escalate')(row),
    ...(row.values.importance === 'critical' && values.escalated === false
      ? [{ kind: 'mustEscalate' as const, form: reception.key, field: 'escalated', row: sheetRow(row), params: { record: String(row.values.reception_no) } }]
      : []),
  ],
});

export interface CompileInput {
  /** The suggestions (reception numbers) this compilation includes. */
  readonly numbers: readonly string[];
  /** Title or number and period of the compilation, e.g. "建议汇总 2026-03". */
  readonly compiled_in: string;
  readonly reported_to: string;
}

/**
 * The periodic compilation of suggestions (P1-接待6): every suggestion listed is marked with the
 * compilation it went into and whom it was reported to, and closed.
 */
export const compileSuggestions: Operation<CompileInput, { numbers: string[]; values: Record<string, DomainValue> }, { compiled: string[]; title: string }> = {
  prepare(input) {
    const numbers = [...new Set((input?.numbers ?? []).map((n) => String(n).trim()).filter(Boolean))];
    const values = validated(reception, { compiled_in: input?.compiled_in, reported_to: input?.reported_to }, 'closed');
    const problems: Problem[] = [];
    if (numbers.length === 0) problems.push({ kind: 'required', form: reception.key, field: 'reception_no' });
    if (!values.compiled_in) problems.push({ kind: 'required', form: reception.key, field: 'compiled_in' });
    if (!values.reported_to) problems.push({ kind: 'required', form: reception.key, field: 'reported_to' });
    if (problems.length > 0) throw new KefuError(problems);
    return { numbers, values };
  },
  request(prepared) {
    return { tables: { [reception.key]: lookup(reception, prepared.numbers) }, writes: [reception.key] };
  },
  decide(snapshot, prepared, context) {
    const at = context.clock.now();
    const updates: RecordUpdate[] = [];
    const audit: AuditEntry[] = [];
    const problems: Problem[] = [];
    const rows = prepared.numbers.map((no) => recordIn(snapshot, reception, no));
    for (const row of rows) {
      problems.push(...problemsOf(() => guardStatus(reception, row, ['registered'], 'compile')));
      problems.push(...categoryGuard(['suggestion'], 'compile')(row));
    }
    if (problems.length > 0) throw new KefuError(problems);
    for (const row of rows) {
      const change = changeRecord(reception, row, { ...prepared.values, status: 'closed' }, context, 'compile', at);
      if (change.update) updates.push(change.update);
      audit.push(...change.audit);
    }
    return { changes: { updates, audit }, result: { compiled: prepared.numbers, title: String(prepared.values.compiled_in) } };
  },
};

// ————————————————————————————————————————— complaint procedure (F1, F2, W1)

/** (2) Copy 1 signed for by the responsible department's head, copy 2 filed by Customer Service. */
export const dispatchComplaint = stepOperation({
  form: complaints,
  action: 'dispatch',
  fieldsStep: 'dispatched',
  from: ['received', 'dispatched'],
  to: 'in_handling',
  check: (row, values) => [
    ...notBefore(complaints, row, 'copy1_signed_at', values.copy1_signed_at, 'received_at', row.values.received_at),
    ...notBefore(complaints, row, 'copy2_filed_at', values.copy2_filed_at, 'received_at', row.values.received_at),
  ],
});

/** (3) The action taken and its result, whether the complaint was substantiated, when handled. */
export const recordHandling = stepOperation({
  form: complaints,
  action: 'handle',
  fieldsStep: 'handled',
  from: ['in_handling'],
  to: 'handled',
  check: (row, values) => notBefore(complaints, row, 'handled_at', values.handled_at, 'copy1_signed_at', row.values.copy1_signed_at),
});

/** (4) The ticket (copy 1) returned to Customer Service, who signs for it. */
export const returnToCustomerService = stepOperation({
  form: complaints,
  action: 'return',
  fieldsStep: 'awaiting_visit',
  from: ['handled'],
  to: 'awaiting_visit',
  check: (row, values) => notBefore(complaints, row, 'returned_to_cs_at', values.returned_to_cs_at, 'handled_at', row.values.handled_at),
});

/** (6) Filed by Customer Service with its return visit, ready for binding. */
export const archiveComplaint = stepOperation({
  form: complaints,
  action: 'archive',
  fieldsStep: 'archived',
  from: ['visited'],
  to: 'archived',
});

/** The number of the n-th return visit of a ticket: `{ticket}-HF`, then `-HF2`, `-HF3` after reopenings. */
export function returnVisitNo(ticket: string, reopenCount: number): string {
  return reopenCount > 0 ? `${ticket}-HF${reopenCount + 1}` : `${ticket}-HF`;
}

/** The number of a ticket's n-th reopening (1-based): `{ticket}-R1`, `-R2`, … */
export function reopeningNo(ticket: string, n: number): string {
  return `${ticket}-R${n}`;
}

/** The fields of one handling round: what a reopening moves from the ticket to its reopening record. */
export const HANDLING_ROUND_FIELDS = ['action_result', 'substantiated', 'handled_at', 'returned_to_cs_by', 'returned_to_cs_at'] as const;

/** Whether a return visit reopens its ticket: unresolved, or the customer dissatisfied. */
export function visitReopens(values: RecordValues): boolean {
  return values.resolved === false || values.satisfaction === 'dissatisfied';
}

/**
 * (5) The return visit (F2) by management staff, forwarded to Customer Service. Only after the
 * handling is recorded and the ticket returned (status "awaiting visit"). An unresolved or
 * dissatisfied visit reopens the ticket: back to "in handling", reopen count + 1, and the handling
 * it reopened (action and result, verdict, handled-at, the return to Customer Service) moves from
 * the ticket to a new reopening record (投诉重开记录) with the visit and its time. The ticket's
 * handling cells stay blank until it is handled again, so each round keeps its own handled-at.
 */
export const recordReturnVisit: DeskStep<{ no: string; values: Record<string, DomainValue> }> = {
  describe: {
    form: complaints,
    action: 'visit',
    from: ['awaiting_visit'],
    fieldsForm: returnVisits,
    fields: fieldsForStep(returnVisits)
      .map((f) => f.key)
      .filter((key) => key !== 'ticket_no'),
  },
  prepare(input) {
    const no = typeof input?.no === 'string' ? input.no.trim() : '';
    if (no === '') throw new KefuError([{ kind: 'required', form: complaints.key, field: 'ticket_no' }]);
    const values = validated(returnVisits, { ...asObject(input.fields ?? {}), ticket_no: no });
    return { no, values };
  },
  request(prepared) {
    // The reopening record is written only by a visit that reopens (a ledger not yet upgraded still takes the others).
    const writes = [complaints.key, returnVisits.key, ...(visitReopens(prepared.values) ? [complaintReopenings.key] : [])];
    return { tables: { [complaints.key]: lookup(complaints, [prepared.no]) }, writes };
  },
  decide(snapshot, prepared, context) {
    const row = recordIn(snapshot, complaints, prepared.no);
    guardStatus(complaints, row, ['awaiting_visit'], 'visit');
    const problems = [
      ...notBefore(complaints, row, 'handled_at', prepared.values.visited_at, 'handled_at', row.values.handled_at).map((p) => ({
        ...p,
        form: returnVisits.key,
        field: 'visited_at',
        row: undefined,
      })),
    ];
    if (problems.length > 0) throw new KefuError(problems);
    const at = context.clock.now();
    const reopens = Number(row.values.reopen_count ?? 0) || 0;
    const visitNo = returnVisitNo(prepared.no, reopens);
    const reopen = visitReopens(prepared.values);
    const common = { created_at: at.slice(0, 16), created_by: context.actor.clerk, voided: false, site: context.actor.site ?? null };
    const visit: Record<string, DomainValue> = { ...prepared.values, visit_no: visitNo, ...common };
    const appends: Record<string, RecordValues[]> = { [returnVisits.key]: [visit] };
    const audit: AuditEntry[] = [createdAudit(returnVisits, visit, context, at)];
    let ticketValues: RecordValues = { return_visit_no: visitNo, status: 'visited' };
    if (reopen) {
      // The reopened round keeps its handling in its own record; the ticket is handled afresh.
      const round: Record<string, DomainValue> = {
        reopening_no: reopeningNo(prepared.no, reopens + 1),
        ticket_no: prepared.no,
        reopened_at: prepared.values.visited_at ?? null,
        visit_no: visitNo,
        ...Object.fromEntries(HANDLING_ROUND_FIELDS.map((key) => [key, row.values[key] ?? null])),
        ...common,
      };
      appends[complaintReopenings.key] = [round];
      audit.push(createdAudit(complaintReopenings, round, context, at));
      ticketValues = {
        return_visit_no: visitNo,
        status: 'in_handling',
        reopen_count: reopens + 1,
        ...Object.fromEntries(HANDLING_ROUND_FIELDS.map((key) => [key, null])),
      };
    }
    const ticket = changeRecord(complaints, row, ticketValues, context, reopen ? 'reopen' : 'visit', at);
    audit.push(...ticket.audit);
    return {
      changes: {
        appends,
        updates: ticket.update ? [ticket.update] : [],
        audit,
      },
      result: { number: prepared.no, status: reopen ? 'in_handling' : 'visited', created: visitNo, reopened: reopen },
    };
  },
};

// ————————————————————————————————————————— repair orders (F4, F5, W3)

function ledgerLine(snapshot: Snapshot, no: string): LedgerRow {
  return recordIn(snapshot, repairLedger, no);
}

function keepLedgerInStep(values: (orderValues: RecordValues, prepared: PreparedStep) => RecordValues) {
  return (snapshot: Snapshot, row: LedgerRow, orderValues: RecordValues, prepared: PreparedStep, context: OperationContext, at: string) => {
    const line = ledgerLine(snapshot, String(row.values.order_no));
    const change = changeRecord(repairLedger, line, values(orderValues, prepared), context, 'sync', at);
    return { updates: change.update ? [change.update] : [], audit: change.audit };
  };
}

const REPAIR_OPEN = ['created', 'signed_by_engineering', 'dispatched', 'in_repair', 'waiting_parts'];

/** Engineering signs for all three copies of the order (P1-接待4): one signature, printed on each copy. */
export const signRepairOrder = stepOperation({
  form: repairOrders,
  action: 'sign',
  fieldsStep: 'signed_by_engineering',
  from: ['created'],
  to: 'signed_by_engineering',
  check: (row, values) => notBefore(repairOrders, row, 'engineering_signed_at', values.engineering_signed_at, 'reported_at', row.values.reported_at),
});

/** A technician is assigned; the ledger line names them. */
export const dispatchRepair = stepOperation({
  form: repairOrders,
  action: 'dispatch',
  fieldsStep: 'dispatched',
  from: ['signed_by_engineering', 'dispatched'],
  to: 'dispatched',
  linkedReads: [repairLedger],
  linkedWrites: [repairLedger.key],
  alsoChange: keepLedgerInStep((values) => ({ technician: values.technician ?? null })),
});

/** The technician arrives on site. */
export const repairArrived = stepOperation({
  form: repairOrders,
  action: 'arrive',
  fieldsStep: 'in_repair',
  from: ['dispatched'],
  to: 'in_repair',
  check: (row, values) => [
    ...(values.arrived_at ? [] : [{ kind: 'required' as const, form: repairOrders.key, field: 'arrived_at', row: sheetRow(row) }]),
    ...notBefore(repairOrders, row, 'arrived_at', values.arrived_at, 'reported_at', row.values.reported_at),
  ],
});

/** The repair waits for parts (T). */
export const repairWaitingParts = stepOperation({ form: repairOrders, action: 'wait_parts', from: ['dispatched', 'in_repair'], to: 'waiting_parts' });

/** Completed, with the requester's acceptance signature on copy 2; the ledger line follows. */
export const completeRepair = stepOperation({
  form: repairOrders,
  action: 'complete',
  fieldsStep: 'completed',
  from: ['dispatched', 'in_repair', 'waiting_parts'],
  to: 'completed',
  linkedReads: [repairLedger],
  linkedWrites: [repairLedger.key],
  check: (row, values) => [
    ...notBefore(repairOrders, row, 'completed_at', values.completed_at, 'reported_at', row.values.reported_at),
    ...notBefore(repairOrders, row, 'requester_accepted_at', values.requester_accepted_at, 'completed_at', values.completed_at),
  ],
  alsoChange: keepLedgerInStep((values) => ({
    completed_at: values.completed_at ?? null,
    result: values.result ?? null,
    materials: values.materials ?? null,
    paid: values.paid ?? null,
    status: 'completed',
  })),
});

/** Copy 2 returned to Customer Service, who signs for it (for the return visit). */
export const returnRepairCopy = stepOperation({
  form: repairOrders,
  action: 'return',
  fieldsStep: 'returned_to_cs',
  from: ['completed'],
  to: 'returned_to_cs',
  check: (row, values) => notBefore(repairOrders, row, 'returned_to_cs_at', values.returned_to_cs_at, 'completed_at', row.values.completed_at),
});

/** Closed, with the return-visit result on the ledger line (optional `visit_result`). */
export const closeRepair = stepOperation({
  form: repairOrders,
  action: 'close',
  from: ['returned_to_cs', 'visited'],
  to: 'closed',
  linkedReads: [repairLedger],
  linkedWrites: [repairLedger.key],
  linkedInput: (fields) => {
    const { visit_result: visitResult, ...own } = fields;
    const linked = visitResult === undefined ? {} : validated(repairLedger, { visit_result: visitResult }, 'closed');
    return { own, linked };
  },
  alsoChange: keepLedgerInStep((_values, prepared) => ({ ...prepared.linked, status: 'closed' })),
});

// ————————————————————————————————————————— void (never delete)

export interface VoidInput {
  readonly no: string;
  readonly reason: string;
}

/** Forms whose records the desk voids, and the linked line voided with them. */
const VOIDABLE: Readonly<Record<string, FormDecl>> = { complaints, reception, repair_orders: repairOrders, return_visits: returnVisits };

/**
 * Marks a record void with a reason; it keeps its number and row. A repair order's ledger line is
 * voided with it. A void record takes no further step.
 */
export function voidRecord(formKey: 'complaints' | 'reception' | 'repair_orders' | 'return_visits'): Operation<VoidInput, VoidInput, StepResult> {
  const form = VOIDABLE[formKey];
  const withLine = form === repairOrders;
  return {
    prepare(input) {
      const no = typeof input?.no === 'string' ? input.no.trim() : '';
      const reason = typeof input?.reason === 'string' ? input.reason.trim() : '';
      const problems: Problem[] = [];
      if (no === '') problems.push({ kind: 'required', form: form.key, field: form.keyField });
      if (reason === '') problems.push({ kind: 'voidReasonRequired', form: form.key, field: 'void_reason' });
      else if ([...reason].length > 200) problems.push({ kind: 'tooLong', form: form.key, field: 'void_reason', params: { length: [...reason].length, max: 200 } });
      // Located in the reason as given (before trimming), which is what the clerk typed.
      const unstorable = reason === '' ? undefined : unstorableProblem(input.reason);
      if (unstorable) problems.push({ ...unstorable, form: form.key, field: 'void_reason' });
      if (problems.length > 0) throw new KefuError(problems);
      return { no, reason };
    },
    request(prepared) {
      const tables: Record<string, ReturnType<typeof lookup>> = { [form.key]: lookup(form, [prepared.no]) };
      if (withLine) tables[repairLedger.key] = lookup(repairLedger, [prepared.no]);
      return { tables, writes: withLine ? [form.key, repairLedger.key] : [form.key] };
    },
    decide(snapshot, prepared, context) {
      const row = recordIn(snapshot, form, prepared.no);
      if (row.values.voided === true) guardStatus(form, row, [], 'void');
      const at = context.clock.now();
      const change = changeRecord(form, row, { voided: true, void_reason: prepared.reason }, context, 'void', at);
      const updates = change.update ? [change.update] : [];
      const audit = [...change.audit];
      if (withLine) {
        const line = changeRecord(repairLedger, ledgerLine(snapshot, prepared.no), { voided: true, void_reason: prepared.reason }, context, 'void', at);
        if (line.update) updates.push(line.update);
        audit.push(...line.audit);
      }
      return { changes: { updates, audit }, result: { number: prepared.no, status: String(row.values.status ?? '') } };
    },
  };
}

/** Every desk step by form and action name: what the CLI and the task pane offer. */
export const DESK_STEPS = {
  reception: { reply: replyToInquiry, verify: verifyIssue, escalate: escalateOther },
  complaint: { dispatch: dispatchComplaint, handle: recordHandling, return: returnToCustomerService, visit: recordReturnVisit, archive: archiveComplaint },
  repair: {
    sign: signRepairOrder,
    dispatch: dispatchRepair,
    arrive: repairArrived,
    'wait-parts': repairWaitingParts,
    complete: completeRepair,
    return: returnRepairCopy,
    close: closeRepair,
  },
} as const;

export { REPAIR_OPEN };
