import { columnsOf } from '../forms/columns';
import { DUE_RULE_CODES, dueRules, workCalendar } from '../forms/promisedTimes';
import { complaintReopenings, complaints, returnVisits } from '../forms/complaints';
import { reception, repairLedger, repairOrders } from '../forms/receptionRepairs';
import type { FormDecl } from '../forms/types';
import type { DomainValue, RecordValues } from '../ledger/cells';
import type { SnapshotRequest, Snapshot, LedgerRow } from '../ledger/types';
import { calendarFrom, dueAt, dueRulesFrom, isOverdue, minutesLate } from './dueDates';
import { codeText, localized, sheetRow } from './deskSteps';
import type { Problem } from '../core/problems';
import { AUDIT_COLUMNS, AUDIT_TABLE, META_TABLE } from '../ledger/layout';
import { DESK_CHECKED_FORMS, auditProblems, numberingProblems, rowsOf, schemaProblems, str } from './structureCheck';
import { overdueWarnings } from './workflowRuns';
import type { DueItem } from './workflow';

export type { DueItem };

/**
 * Checking a ledger's service desk (issue 4 item 8, `kefu check`) and the task pane's queue of
 * open items with their due times (item 6), both pure: they work on a snapshot of the desk tables.
 * Each of the desk's three workflows (deskWorkflows.ts) takes its part: its queue items, its guard
 * violations and its dates; `checkDesk` and `deskQueue` are the three together.
 */

export const DESK_FORMS: readonly FormDecl[] = [complaints, returnVisits, reception, repairOrders, repairLedger, dueRules, workCalendar];

/** One request reading every desk table whole (a report-type read: the check, the queue). */
export function deskRequest(): SnapshotRequest {
  return { tables: Object.fromEntries(DESK_FORMS.map((form) => [form.key, { columns: columnsOf(form).map((c) => c.key), rows: 'all' as const }])) };
}

/** What `kefu check` reads: the desk tables, the reopening records, the audit log (its hash chain) and the settings (the ledger's first year). */
export function checkRequest(): SnapshotRequest {
  return {
    tables: {
      ...deskRequest().tables,
      [complaintReopenings.key]: { columns: columnsOf(complaintReopenings).map((c) => c.key), rows: 'all' },
      [AUDIT_TABLE]: { columns: AUDIT_COLUMNS.map((c) => c.key), rows: 'all' },
      [META_TABLE]: { columns: ['key', 'value'], rows: 'all' },
    },
  };
}

type EventDates = readonly (readonly [FormDecl, readonly string[]])[];

/** The dates of what happened (receipt, handling, visits, repairs), which cannot lie in the future, by workflow. */
export const COMPLAINT_DATES: EventDates = [
  [complaints, ['received_at', 'handled_at', 'archived_at']],
  [returnVisits, ['visited_at']],
  [complaintReopenings, ['reopened_at', 'handled_at']],
];
export const RECEPTION_DATES: EventDates = [[reception, ['received_at', 'replied_at']]];
export const REPAIR_DATES: EventDates = [[repairOrders, ['reported_at', 'arrived_at', 'completed_at']]];

/** Event dates after `now`, or before the year the ledger was made in: typing slips (2062 for 2026). */
export function dateProblems(snapshot: Snapshot, now: string, dates: EventDates): Problem[] {
  const settings = Object.fromEntries((snapshot.tables[META_TABLE] ?? []).map((r) => [str(r.values.key), str(r.values.value)]));
  const firstYear = /^\d{4}/.test(settings.created_at ?? '') ? settings.created_at.slice(0, 4) : undefined;
  const problems: Problem[] = [];
  for (const [form, fields] of dates) {
    for (const row of rowsOf(snapshot, form)) {
      if (row.values.voided === true) continue;
      for (const field of fields) {
        const value = row.values[field];
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) continue;
        const record = str(row.values[form.keyField]);
        if (value.slice(0, 16) > now.slice(0, 16)) problems.push({ kind: 'futureDate', form: form.key, row: sheetRow(row), field, params: { record, value } });
        else if (firstYear && value.slice(0, 4) < firstYear) problems.push({ kind: 'beforeFirstYear', form: form.key, row: sheetRow(row), field, params: { record, value, year: firstYear } });
      }
    }
  }
  return problems;
}

// ————————————————————————————————————————— due times

/** What a queued record is about and who raised it, for the clerk's list. */
function aboutWhatAndWhom(form: FormDecl, v: RecordValues): { subject: string; person: string } {
  const line = (value: DomainValue | undefined) => str(value).replace(/\s+/g, ' ').trim();
  if (form === complaints) return { subject: line(v.subject) || line(v.content), person: v.anonymous === true ? '' : line(v.complainant) };
  if (form === reception) return { subject: line(v.matter), person: line(v.caller) };
  return { subject: line(v.fault), person: line(v.requester) };
}

/** The desk's promised times and working-day calendar, and how an item of a desk form is listed. */
function deskDue(snapshot: Snapshot, now: string) {
  const rules = dueRulesFrom(rowsOf(snapshot, dueRules).map((r) => r.values));
  const calendar = calendarFrom(rowsOf(snapshot, workCalendar).map((r) => r.values));
  const item = (form: FormDecl, row: LedgerRow, rule: string, due: string, field: string): DueItem => ({
    table: form.key,
    record: str(row.values[form.keyField]),
    row: sheetRow(row),
    status: str(row.values.status),
    ...aboutWhatAndWhom(form, row.values),
    rule,
    due,
    field,
    overdue: isOverdue(due, now),
    minutesLate: minutesLate(due, now),
  });
  return { rules, calendar, item };
}

/** Open complaints: to be handled by the promised time, then visited. */
export function complaintDueItems(snapshot: Snapshot, now: string): DueItem[] {
  const { rules, calendar, item } = deskDue(snapshot, now);
  const items: DueItem[] = [];
  for (const row of rowsOf(snapshot, complaints)) {
    const v = row.values;
    if (v.voided === true) continue;
    const status = str(v.status);
    if (['received', 'dispatched', 'in_handling'].includes(status) && typeof v.received_at === 'string') {
      items.push(item(complaints, row, 'complaint_handle', typeof v.promised_by === 'string' ? v.promised_by : dueAt(v.received_at, rules.get('complaint_handle')!, calendar), 'promised_by'));
    } else if (['handled', 'awaiting_visit'].includes(status) && typeof v.handled_at === 'string') {
      items.push(item(complaints, row, 'complaint_visit', dueAt(v.handled_at, rules.get('complaint_visit')!, calendar), 'promised_by'));
    }
  }
  return items;
}

const RECEPTION_RULE: Readonly<Record<string, string>> = { inquiry: 'inquiry_reply', issue_report: 'issue_verify', suggestion: 'suggestion_compile', other: 'other_escalate' };

/** Receptions waiting to close: a deferred reply, a verification, a compilation, an escalation. */
export function receptionDueItems(snapshot: Snapshot, now: string): DueItem[] {
  const { rules, calendar, item } = deskDue(snapshot, now);
  const items: DueItem[] = [];
  for (const row of rowsOf(snapshot, reception)) {
    const v = row.values;
    if (v.voided === true || str(v.status) === 'closed') continue;
    const rule = RECEPTION_RULE[str(v.category)];
    if (!rule || typeof v.received_at !== 'string') continue;
    items.push(item(reception, row, rule, typeof v.reply_due === 'string' ? v.reply_due : dueAt(v.received_at, rules.get(rule)!, calendar), 'reply_due'));
  }
  return items;
}

/** Repair orders not yet completed, by their urgency. */
export function repairDueItems(snapshot: Snapshot, now: string): DueItem[] {
  const { rules, calendar, item } = deskDue(snapshot, now);
  const items: DueItem[] = [];
  for (const row of rowsOf(snapshot, repairOrders)) {
    const v = row.values;
    if (v.voided === true || !['created', 'signed_by_engineering', 'dispatched', 'in_repair', 'waiting_parts'].includes(str(v.status))) continue;
    if (typeof v.reported_at !== 'string') continue;
    const urgent = v.urgency === 'urgent' || v.urgency === 'critical';
    const rule = urgent ? 'repair_complete_urgent' : 'repair_complete';
    items.push(item(repairOrders, row, rule, typeof v.due_at === 'string' ? v.due_at : dueAt(v.reported_at, rules.get(rule)!, calendar), 'due_at'));
  }
  return items;
}

/** Every open desk item with its due time: complaints, receptions waiting to close, repair orders. */
export function dueItems(snapshot: Snapshot, now: string): DueItem[] {
  return [...complaintDueItems(snapshot, now), ...receptionDueItems(snapshot, now), ...repairDueItems(snapshot, now)];
}

/** The task pane's queue: open items, overdue first, then by due time. */
export function deskQueue(snapshot: Snapshot, now: string): DueItem[] {
  return dueItems(snapshot, now).sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due));
}

// ————————————————————————————————————————— the check

export interface CheckReport {
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
}

function linkProblem(form: FormDecl, row: LedgerRow, field: string, value: string, target: FormDecl): Problem {
  return {
    kind: 'missingLinked',
    form: form.key,
    row: sheetRow(row),
    field,
    params: { record: str(row.values[form.keyField]), value, ...localized('target', target.sheet) },
  };
}

function notBeforeProblem(form: FormDecl, row: LedgerRow, field: string, value: string, otherForm: FormDecl, otherField: string, other: string): Problem {
  const label = columnsOf(otherForm).find((c) => c.key === otherField)!.label;
  return { kind: 'notBefore', form: form.key, row: sheetRow(row), field, params: { value, otherValue: other, ...localized('other', label) } };
}

const LEDGER_STATUS: Readonly<Record<string, string>> = {
  created: 'open',
  signed_by_engineering: 'open',
  dispatched: 'open',
  in_repair: 'open',
  waiting_parts: 'open',
  completed: 'completed',
  returned_to_cs: 'completed',
  visited: 'completed',
  closed: 'closed',
};

function index(snapshot: Snapshot, form: FormDecl): Map<string, LedgerRow> {
  return new Map(rowsOf(snapshot, form).map((r) => [str(r.values[form.keyField]), r] as const));
}

/** The complaint procedure's guards: a visit after the handling it follows, links to records that exist. */
export function complaintGuards(snapshot: Snapshot): Problem[] {
  const problems: Problem[] = [];
  const tickets = index(snapshot, complaints);
  const visits = index(snapshot, returnVisits);
  const receptions = index(snapshot, reception);
  for (const row of rowsOf(snapshot, complaints)) {
    const v = row.values;
    if (v.voided === true) continue;
    const visitNo = str(v.return_visit_no);
    if (visitNo !== '' && !visits.has(visitNo)) problems.push(linkProblem(complaints, row, 'return_visit_no', visitNo, returnVisits));
    if (typeof v.handled_at === 'string' && typeof v.received_at === 'string' && v.handled_at < v.received_at) {
      problems.push(notBeforeProblem(complaints, row, 'handled_at', v.handled_at, complaints, 'received_at', v.received_at));
    }
    const receptionNo = str(v.reception_no);
    if (receptionNo !== '' && !receptions.has(receptionNo)) problems.push(linkProblem(complaints, row, 'reception_no', receptionNo, reception));
  }
  // The visit that reopened a round follows that round's handling, kept in its reopening record.
  const roundOf = new Map(
    rowsOf(snapshot, complaintReopenings)
      .filter((r) => r.values.voided !== true && str(r.values.visit_no) !== '')
      .map((r) => [str(r.values.visit_no), r] as const),
  );
  for (const row of rowsOf(snapshot, returnVisits)) {
    const v = row.values;
    if (v.voided === true) continue;
    const ticket = tickets.get(str(v.ticket_no));
    if (!ticket) {
      problems.push(linkProblem(returnVisits, row, 'ticket_no', str(v.ticket_no), complaints));
      continue;
    }
    const round = roundOf.get(str(v.visit_no));
    const handled = (round ?? ticket).values.handled_at;
    // No return visit before handling is recorded (W1 step 5 after step 3).
    if (typeof handled !== 'string' || handled === '') {
      if (!round) problems.push({ kind: 'visitBeforeHandling', form: returnVisits.key, row: sheetRow(row), field: 'ticket_no', params: { record: str(v.visit_no), ticket: str(v.ticket_no) } });
      continue;
    }
    // A reopening visit follows its round's handling; of the others, only the ticket's latest visit
    // follows the ticket's handling (in a ledger kept before the reopening records, an earlier visit
    // led to a reopening whose round the ticket's handling replaced).
    const latest = str(ticket.values.return_visit_no) === str(v.visit_no);
    if ((round || latest) && typeof v.visited_at === 'string' && v.visited_at < handled) {
      problems.push(notBeforeProblem(returnVisits, row, 'visited_at', v.visited_at, round ? complaintReopenings : complaints, 'handled_at', handled));
    }
  }
  // A reopening record names its ticket and the visit that reopened it, which came after the handling it reopened.
  for (const row of rowsOf(snapshot, complaintReopenings)) {
    const v = row.values;
    if (v.voided === true) continue;
    if (!tickets.has(str(v.ticket_no))) problems.push(linkProblem(complaintReopenings, row, 'ticket_no', str(v.ticket_no), complaints));
    if (!visits.has(str(v.visit_no))) problems.push(linkProblem(complaintReopenings, row, 'visit_no', str(v.visit_no), returnVisits));
    if (typeof v.reopened_at === 'string' && typeof v.handled_at === 'string' && v.reopened_at < v.handled_at) {
      problems.push(notBeforeProblem(complaintReopenings, row, 'reopened_at', v.reopened_at, complaintReopenings, 'handled_at', v.handled_at));
    }
  }
  return problems;
}

/** The reception register's guards: what a category raised exists, a critical "other" matter was escalated. */
export function receptionGuards(snapshot: Snapshot): Problem[] {
  const problems: Problem[] = [];
  const tickets = index(snapshot, complaints);
  const orders = index(snapshot, repairOrders);
  for (const row of rowsOf(snapshot, reception)) {
    const v = row.values;
    if (v.voided === true) continue;
    const complaintNo = str(v.complaint_no);
    if (complaintNo !== '' && !tickets.has(complaintNo)) problems.push(linkProblem(reception, row, 'complaint_no', complaintNo, complaints));
    const orderNo = str(v.repair_order_no);
    if (orderNo !== '' && !orders.has(orderNo)) problems.push(linkProblem(reception, row, 'repair_order_no', orderNo, repairOrders));
    if (v.category === 'other' && v.importance === 'critical' && v.status === 'closed' && v.escalated === false) {
      problems.push({ kind: 'mustEscalate', form: reception.key, row: sheetRow(row), field: 'escalated', params: { record: str(v.reception_no) } });
    }
  }
  return problems;
}

/** The repair order's guards: its ledger line exists and follows its status. */
export function repairGuards(snapshot: Snapshot): Problem[] {
  const problems: Problem[] = [];
  const lines = index(snapshot, repairLedger);
  for (const row of rowsOf(snapshot, repairOrders)) {
    const v = row.values;
    const no = str(v.order_no);
    const line = lines.get(no);
    if (!line) {
      problems.push(linkProblem(repairOrders, row, 'order_no', no, repairLedger));
      continue;
    }
    if (v.voided === true) continue;
    const expected = LEDGER_STATUS[str(v.status)];
    if (expected && str(line.values.status) !== expected) {
      problems.push({
        kind: 'ledgerOutOfStep',
        form: repairLedger.key,
        row: sheetRow(line),
        field: 'status',
        params: { record: no, ...localized('value', codeText(repairLedger.statuses, line.values.status)), ...localized('status', codeText(repairOrders.statuses, v.status)) },
      });
    }
  }
  return problems;
}

/**
 * Errors: schema problems (values outside their lists, required fields empty, fields a status
 * needs), duplicate numbers and gaps, guard violations (a return visit before handling, links to
 * missing records, a repair-ledger line out of step). Warnings: overdue items at `now`.
 */
export function checkDesk(snapshot: Snapshot, now: string): CheckReport {
  const errors: Problem[] = [];
  for (const form of DESK_CHECKED_FORMS) {
    const rows = rowsOf(snapshot, form);
    errors.push(...numberingProblems(form, rows), ...schemaProblems(form, rows));
  }
  errors.push(...complaintGuards(snapshot), ...receptionGuards(snapshot), ...repairGuards(snapshot), ...auditProblems(snapshot));
  const warnings: Problem[] = [...dateProblems(snapshot, now, [...COMPLAINT_DATES, ...RECEPTION_DATES, ...REPAIR_DATES]), ...overdueWarnings(dueItems(snapshot, now), DUE_RULE_CODES)];
  return { errors, warnings };
}
