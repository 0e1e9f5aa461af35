import { allFields, columnsOf } from '../forms/columns';
import { BOOL_CODES } from '../forms/codes';
import { DUE_RULE_CODES, dueRules, workCalendar } from '../forms/promisedTimes';
import { complaintReopenings, complaints, returnVisits } from '../forms/complaints';
import { reception, repairLedger, repairOrders } from '../forms/receptionRepairs';
import type { FormDecl } from '../forms/types';
import type { DomainValue, RecordValues } from '../ledger/cells';
import type { SnapshotRequest, Snapshot, LedgerRow } from '../ledger/types';
import { calendarFrom, dueAt, dueRulesFrom, isOverdue, minutesLate } from './dueDates';
import { codeText, localized, sheetRow } from './deskSteps';
import type { Problem } from '../core/problems';
import { AUDIT_COLUMNS, AUDIT_SHEET, AUDIT_TABLE, META_TABLE } from '../ledger/layout';
import { firstBreak } from '../ledger/auditChain';
import type { DueItem } from './workflow';

export type { DueItem };

/**
 * Checking a ledger's service desk (issue 4 item 8, `kefu check`) and the task pane's queue of
 * open items with their due times (item 6), both pure: they work on a snapshot of the desk tables.
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

/** The dates of what happened (receipt, handling, visits, repairs), which cannot lie in the future. */
const EVENT_DATES: readonly (readonly [FormDecl, readonly string[]])[] = [
  [complaints, ['received_at', 'handled_at', 'archived_at']],
  [returnVisits, ['visited_at']],
  [complaintReopenings, ['reopened_at', 'handled_at']],
  [reception, ['received_at', 'replied_at']],
  [repairOrders, ['reported_at', 'arrived_at', 'completed_at']],
];

/** Event dates after `now`, or before the year the ledger was made in: typing slips (2062 for 2026). */
function dateProblems(snapshot: Snapshot, now: string): Problem[] {
  const settings = Object.fromEntries((snapshot.tables[META_TABLE] ?? []).map((r) => [str(r.values.key), str(r.values.value)]));
  const firstYear = /^\d{4}/.test(settings.created_at ?? '') ? settings.created_at.slice(0, 4) : undefined;
  const problems: Problem[] = [];
  for (const [form, fields] of EVENT_DATES) {
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

/** The audit log's first row whose hash chain breaks (a row removed, moved or edited), if any. */
function auditProblems(snapshot: Snapshot): Problem[] {
  const rows = snapshot.tables[AUDIT_TABLE];
  // Only a read of the whole log, chain included (checkRequest), can tell.
  if (!rows || rows.length === 0 || !('chain' in rows[0].values)) return [];
  const broken = firstBreak(rows.map((r) => r.values));
  if (broken < 0) return [];
  const row = rows[broken];
  return [{ kind: 'auditChainBroken', params: { line: sheetRow(row), at: str(row.values.at), record: str(row.values.record) || '—', ...localized('log', AUDIT_SHEET) } }];
}

type Rows = readonly LedgerRow[];

function rowsOf(snapshot: Snapshot, form: FormDecl): Rows {
  return snapshot.tables[form.key] ?? [];
}

function str(value: DomainValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function empty(value: DomainValue | undefined): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

// ————————————————————————————————————————— due times

/** What a queued record is about and who raised it, for the clerk's list. */
function aboutWhatAndWhom(form: FormDecl, v: RecordValues): { subject: string; person: string } {
  const line = (value: DomainValue | undefined) => str(value).replace(/\s+/g, ' ').trim();
  if (form === complaints) return { subject: line(v.subject) || line(v.content), person: v.anonymous === true ? '' : line(v.complainant) };
  if (form === reception) return { subject: line(v.matter), person: line(v.caller) };
  return { subject: line(v.fault), person: line(v.requester) };
}

/** Every open desk item with its due time: complaints, receptions waiting to close, repair orders. */
export function dueItems(snapshot: Snapshot, now: string): DueItem[] {
  const rules = dueRulesFrom(rowsOf(snapshot, dueRules).map((r) => r.values));
  const calendar = calendarFrom(rowsOf(snapshot, workCalendar).map((r) => r.values));
  const items: DueItem[] = [];
  const add = (form: FormDecl, row: LedgerRow, rule: string, due: string) =>
    items.push({
      table: form.key,
      record: str(row.values[form.keyField]),
      row: sheetRow(row),
      status: str(row.values.status),
      ...aboutWhatAndWhom(form, row.values),
      rule,
      due,
      overdue: isOverdue(due, now),
      minutesLate: minutesLate(due, now),
    });
  for (const row of rowsOf(snapshot, complaints)) {
    const v = row.values;
    if (v.voided === true) continue;
    const status = str(v.status);
    if (['received', 'dispatched', 'in_handling'].includes(status) && typeof v.received_at === 'string') {
      add(complaints, row, 'complaint_handle', typeof v.promised_by === 'string' ? v.promised_by : dueAt(v.received_at, rules.get('complaint_handle')!, calendar));
    } else if (['handled', 'awaiting_visit'].includes(status) && typeof v.handled_at === 'string') {
      add(complaints, row, 'complaint_visit', dueAt(v.handled_at, rules.get('complaint_visit')!, calendar));
    }
  }
  const RULE: Record<string, string> = { inquiry: 'inquiry_reply', issue_report: 'issue_verify', suggestion: 'suggestion_compile', other: 'other_escalate' };
  for (const row of rowsOf(snapshot, reception)) {
    const v = row.values;
    if (v.voided === true || str(v.status) === 'closed') continue;
    const rule = RULE[str(v.category)];
    if (!rule || typeof v.received_at !== 'string') continue;
    add(reception, row, rule, typeof v.reply_due === 'string' ? v.reply_due : dueAt(v.received_at, rules.get(rule)!, calendar));
  }
  for (const row of rowsOf(snapshot, repairOrders)) {
    const v = row.values;
    if (v.voided === true || !['created', 'signed_by_engineering', 'dispatched', 'in_repair', 'waiting_parts'].includes(str(v.status))) continue;
    if (typeof v.reported_at !== 'string') continue;
    const urgent = v.urgency === 'urgent' || v.urgency === 'critical';
    const rule = urgent ? 'repair_complete_urgent' : 'repair_complete';
    add(repairOrders, row, rule, typeof v.due_at === 'string' ? v.due_at : dueAt(v.reported_at, rules.get(rule)!, calendar));
  }
  return items;
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

const ORDERS: Readonly<Record<string, readonly string[]>> = {
  complaints: complaints.statuses.map((s) => s.code),
  reception: reception.statuses.map((s) => s.code),
  repair_orders: repairOrders.statuses.map((s) => s.code).filter((s) => s !== 'visited'),
  repair_ledger: repairLedger.statuses.map((s) => s.code),
};

/** Whether a record at `status` has passed `step` (its fields should be filled in). */
function reached(form: FormDecl, status: string, step: string, values: RecordValues): boolean {
  const order = ORDERS[form.key];
  if (!order) return false;
  if (form === repairOrders && step === 'in_repair') return false; // arrival is optional
  const effective = status === 'visited' && form === repairOrders ? 'returned_to_cs' : status;
  // A reopened ticket is back in handling: its handling cells are blank until it is handled again
  // (the reopened round is in its reopening record), but it keeps the visit that reopened it.
  if (form === complaints && step === 'visited' && Number(values.reopen_count ?? 0) > 0) return true;
  const at = order.indexOf(effective);
  const needed = order.indexOf(step);
  if (at < 0 || needed < 0) return false;
  return needed <= at;
}

function schemaProblems(form: FormDecl, rows: Rows): Problem[] {
  const problems: Problem[] = [];
  const columns = columnsOf(form);
  for (const row of rows) {
    const v = row.values;
    for (const column of columns) {
      const value = v[column.key];
      if (empty(value) || !column.codes) continue;
      const allowed = column.kind === 'bool' ? BOOL_CODES : column.codes;
      const list = Array.isArray(value) ? value : [value];
      if (column.kind === 'bool') continue; // read as true/false already
      for (const code of list) {
        if (!allowed.some((c) => c.code === code)) problems.push({ kind: 'notInList', form: form.key, row: sheetRow(row), field: column.key, params: { value: String(code) } });
      }
    }
    for (const field of allFields(form)) {
      if (!field.required) continue;
      if (field.system && field.key !== form.keyField) continue;
      const when =
        field.required === true
          ? true
          : (() => {
              const other = v[field.required.when.field];
              const code = typeof other === 'boolean' ? (other ? 'yes' : 'no') : other;
              return typeof code === 'string' && field.required.when.in.includes(code);
            })();
      if (!when) continue;
      if (field.step !== undefined && (v.voided === true || !reached(form, str(v.status), field.step, v))) continue;
      const keys = field.type === 'signature' ? [`${field.key}_by`, `${field.key}_at`] : [field.key];
      for (const key of keys) {
        if (!empty(v[key])) continue;
        if (field.step === undefined) problems.push({ kind: 'required', form: form.key, row: sheetRow(row), field: key });
        else
          problems.push({
            kind: 'stepFieldMissing',
            form: form.key,
            row: sheetRow(row),
            field: key,
            params: { record: str(v[form.keyField]), ...localized('status', codeText(form.statuses, v.status)) },
          });
      }
    }
  }
  return problems;
}

function sequenceOf(form: FormDecl, number: string): { period: string; seq: number } | undefined {
  if (form.numbering.kind !== 'sequence') return undefined;
  const pattern = form.numbering.format
    .replace(/[-/]/g, (ch) => `\\${ch}`)
    .replace('{YYYYMMDD}', '(\\d{8})')
    .replace('{YYYY}', '(\\d{4})')
    .replace('{scope}', '([^-]+)')
    .replace(/\{N+\}/, '(\\d+)');
  const m = new RegExp(`^${pattern}$`).exec(number);
  return m ? { period: m.slice(1, -1).join('/'), seq: Number(m[m.length - 1]) } : undefined;
}

function rangeText(numbers: readonly number[], format: (n: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(i === j ? format(numbers[i]) : `${format(numbers[i])}–${format(numbers[j])}`);
    i = j + 1;
  }
  return parts.join(', ');
}

function numberingProblems(form: FormDecl, rows: Rows): Problem[] {
  const problems: Problem[] = [];
  const byNumber = new Map<string, number[]>();
  for (const row of rows) {
    const no = str(row.values[form.keyField]);
    if (no === '') continue;
    byNumber.set(no, [...(byNumber.get(no) ?? []), sheetRow(row)]);
  }
  for (const [no, at] of byNumber) {
    if (at.length > 1) problems.push({ kind: 'duplicateNumber', form: form.key, field: form.keyField, params: { value: no, rows: at.join(', ') } });
  }
  if (form.numbering.kind !== 'sequence') return problems;
  const numbering = form.numbering;
  const periods = new Map<string, Set<number>>();
  for (const no of byNumber.keys()) {
    const parsed = sequenceOf(form, no);
    if (!parsed) continue;
    periods.set(parsed.period, (periods.get(parsed.period) ?? new Set()).add(parsed.seq));
  }
  for (const [period, seqs] of periods) {
    const max = Math.max(...seqs);
    const missing: number[] = [];
    for (let n = 1; n <= max; n++) if (!seqs.has(n)) missing.push(n);
    if (missing.length === 0) continue;
    const width = /\{(N+)\}/.exec(numbering.format)![1].length;
    const example = [...byNumber.keys()].find((no) => sequenceOf(form, no)?.period === period)!;
    const prefix = example.slice(0, example.length - String(sequenceOf(form, example)!.seq).padStart(width, '0').length);
    problems.push({ kind: 'numberGap', form: form.key, field: form.keyField, params: { value: rangeText(missing, (n) => prefix + String(n).padStart(width, '0')) } });
  }
  return problems;
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

function guardProblems(snapshot: Snapshot): Problem[] {
  const problems: Problem[] = [];
  const index = (form: FormDecl) => new Map(rowsOf(snapshot, form).map((r) => [str(r.values[form.keyField]), r] as const));
  const tickets = index(complaints);
  const visits = index(returnVisits);
  const receptions = index(reception);
  const orders = index(repairOrders);
  const lines = index(repairLedger);

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
  for (const form of [complaints, returnVisits, complaintReopenings, reception, repairOrders, repairLedger]) {
    const rows = rowsOf(snapshot, form);
    errors.push(...numberingProblems(form, rows), ...schemaProblems(form, rows));
  }
  errors.push(...guardProblems(snapshot), ...auditProblems(snapshot));
  const warnings: Problem[] = [
    ...dateProblems(snapshot, now),
    ...dueItems(snapshot, now)
      .filter((item) => item.overdue)
      .map((item) => ({
        kind: 'overdueItem' as const,
        form: item.table,
        row: item.row,
        field: item.table === 'complaints' ? 'promised_by' : item.table === 'reception' ? 'reply_due' : 'due_at',
        params: {
          record: item.record,
          due: item.due,
          hours: Math.floor(item.minutesLate / 60),
          ...localized('what', codeText(DUE_RULE_CODES, item.rule)),
        },
      })),
  ];
  return { errors, warnings };
}
