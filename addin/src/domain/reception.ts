import { complaints } from '../forms/complaints';
import { dueRules, workCalendar } from '../forms/promisedTimes';
import { reception, repairLedger, repairOrders } from '../forms/receptionRepairs';
import { columnsOf } from '../forms/columns';
import type { FormDecl } from '../forms/types';
import type { DomainValue, RecordValues } from '../ledger/cells';
import { formatNumber, periodOf, type SequenceNumbering } from '../ledger/numbering';
import type { AuditEntry, LedgerRow, RecordUpdate, Snapshot, SnapshotRequest } from '../ledger/types';
import { KefuError, type Problem } from '../core/problems';
import { calendarFrom, dueAt, dueRulesFrom } from './dueDates';
import { ACTIONS, asObject, changeRecord, codeText, createdAudit, guardStatus, joinedCodes, localized, lookup, notBefore, recordIn, sheetRow, stepOperation, validated } from './deskSteps';
import type { Operation, OperationContext } from './records';

/*
 * Reception routing (W2): a visit, call or letter entered in the reception register, the ticket or
 * repair order its category opens, and the steps that close an inquiry, an issue report, a
 * suggestion or another matter. (The desk as a whole: serviceDesk.ts.)
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
    else if (RECEPTION_DUE_RULE[category]) due = dueFrom(snapshot, RECEPTION_DUE_RULE[category], receivedAt);
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
