import { meterNotices, powerOffChecks, preshiftMeetings, safetyGear, installationSheets } from '../../forms/fieldWork';
import { batchInstalls, rotationOrders, workers } from '../../forms/performance';
import { FIELD_DUE_KINDS, dueRules, workCalendar } from '../../forms/promisedTimes';
import type { CodeDecl, FormDecl } from '../../forms/types';
import { codeLabel, type DomainValue } from '../../ledger/cells';
import type { LedgerRow, Snapshot } from '../../ledger/types';
import type { Problem } from '../../core/problems';
import { codeText, localized, sheetRow } from '../deskSteps';
import { calendarFrom, dueAt, dueRulesFrom, minutesLate } from '../dueDates';
import type { DueItem, WorkflowCheck, WorkflowQueue } from '../workflow';
import { NOTICE_DAYS, addDays, gearExpiredOn, noticeProblems, powerOffUnsafe, readyProblems, sheetMismatchProblems, siteProblems, workerIds } from './fieldGuards';

/**
 * What the W8 work orders and the field registers put in the to-do queue and report to
 * `kefu check` (issue 12 items 5 and 8), pure, on a snapshot of whole tables: notices to post,
 * work not started on its date, gear expiring or expired; and the guards of the steps applied to
 * records edited by hand in the sheet — the same functions the steps refuse with (fieldGuards.ts).
 */

/** A queue item, with the column its due time comes from (named by `kefu check`'s overdue warning). */
type FieldDueItem = DueItem & { readonly field: string };

/** A queue with the labels of its due kinds (the registry shows them; see FIELD_DUE_KINDS). */
export type LabelledQueue = WorkflowQueue & { readonly rules: readonly CodeDecl[] };

const str = (value: DomainValue | undefined): string => (value === null || value === undefined ? '' : String(value));
const live = (snapshot: Snapshot, form: FormDecl): LedgerRow[] => (snapshot.tables[form.key] ?? []).filter((r) => r.values.voided !== true);

/** Rows grouped by one column's value. */
function groupBy(rows: readonly LedgerRow[], field: string): Map<string, LedgerRow[]> {
  const groups = new Map<string, LedgerRow[]>();
  for (const row of rows) {
    const key = str(row.values[field]);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** A deadline on a date is met through the end of that day. */
const endOf = (date: string) => `${date} 23:59`;

/** The queue's order, as the desk's: overdue first, then by due time. */
function byDue(items: FieldDueItem[]): FieldDueItem[] {
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due));
}

function item(form: FormDecl, row: LedgerRow, what: { rule: string; due: string; field: string; subject: string; person: string; status?: string }, now: string): FieldDueItem {
  const late = minutesLate(what.due, now);
  return {
    table: form.key,
    record: str(row.values[form.keyField]),
    row: sheetRow(row),
    status: what.status ?? str(row.values.status),
    subject: what.subject,
    person: what.person,
    rule: what.rule,
    due: what.due,
    field: what.field,
    overdue: late > 0,
    minutesLate: late,
  };
}

/** The names of an order's workers (ids the workers table does not know stay as they are). */
function crewNames(order: LedgerRow, names: ReadonlyMap<string, string>): string {
  return workerIds(order.values.workers)
    .map((id) => names.get(id) ?? id)
    .join('、');
}

function workerNames(snapshot: Snapshot): Map<string, string> {
  return new Map(live(snapshot, workers).map((w) => [str(w.values.worker_id), str(w.values.name)] as const));
}

// ————————————————————————————————————————— the to-do queue

/**
 * The notice a planned rotation order goes by: of the live notices posted for it, the one posted
 * last (a notice posted again, with a later planned date, replaces one posted too late).
 */
function latestNotice(notices: readonly LedgerRow[] | undefined): LedgerRow | undefined {
  let latest: LedgerRow | undefined;
  for (const notice of notices ?? []) if (!latest || str(notice.values.posted_on) >= str(latest.values.posted_on)) latest = notice;
  return latest;
}

/**
 * A rotation order still planned: its notice must be posted NOTICE_DAYS before the planned date
 * (P3-4.1.4). The planned date is the one of the notice posted for the order, if any; before a
 * notice exists, the order's own due date (规定完成日期, the latest day the rotation may take place)
 * stands for it — the last day the notice can be posted for the order to be done in time.
 */
function noticeItems(snapshot: Snapshot, now: string, names: ReadonlyMap<string, string>): FieldDueItem[] {
  const notices = groupBy(live(snapshot, meterNotices), 'order_no');
  const items: FieldDueItem[] = [];
  for (const order of live(snapshot, rotationOrders)) {
    if (order.values.status !== 'planned') continue;
    const notice = latestNotice(notices.get(str(order.values.order_no)));
    const planned = str(notice?.values.planned_date) || str(order.values.due_date);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(planned)) continue;
    const subject = notice ? [str(notice.values.notice_no), str(notice.values.area), str(notice.values.meter_boxes)].filter(Boolean).join(' ') : '';
    items.push(item(rotationOrders, order, { rule: 'notice_post', due: endOf(addDays(planned, -NOTICE_DAYS)), field: 'notice_no', subject, person: crewNames(order, names) }, now));
  }
  return items;
}

/** Orders ready (batch installs: or power-off verified) whose work date has passed without starting: late from the day after. */
function notStartedItems(form: FormDecl, waiting: readonly string[], snapshot: Snapshot, now: string): FieldDueItem[] {
  const meetings = new Map(live(snapshot, preshiftMeetings).map((m) => [str(m.values.meeting_no), m] as const));
  const today = now.slice(0, 10);
  const items: FieldDueItem[] = [];
  for (const order of live(snapshot, form)) {
    const date = str(order.values.work_date);
    if (!waiting.includes(str(order.values.status)) || date === '' || date >= today) continue;
    const meeting = meetings.get(str(order.values.preshift_no));
    const person = [str(order.values.team_code), str(meeting?.values.work_leader)].filter(Boolean).join(' ');
    items.push(item(form, order, { rule: 'work_start', due: endOf(date), field: 'work_date', subject: str(meeting?.values.work_location), person }, now));
  }
  return items;
}

/**
 * Gear marked valid whose validity date is at most the due-rules table's `gear_expiring` away
 * (default 30 calendar days; working days count by the calendar), and gear still marked valid past
 * its date (expired: it must be retested or scrapped). Scrapped, expired-marked and void gear is
 * out of use and not listed.
 */
function gearItems(snapshot: Snapshot, now: string): FieldDueItem[] {
  const rule = dueRulesFrom(live(snapshot, dueRules).map((r) => r.values)).get('gear_expiring')!;
  const calendar = calendarFrom(live(snapshot, workCalendar).map((r) => r.values));
  const today = now.slice(0, 10);
  const horizon = dueAt(`${today} 00:00`, rule, calendar).slice(0, 10);
  const gearName = safetyGear.fields.find((f) => f.key === 'gear_name')!.codes!;
  const items: FieldDueItem[] = [];
  for (const gear of live(snapshot, safetyGear)) {
    const until = str(gear.values.valid_until);
    if (gear.values.gear_status !== 'valid' || until === '') continue;
    const expired = gearExpiredOn(gear.values, today);
    if (!expired && until > horizon) continue;
    const subject = codeLabel(gearName, str(gear.values.gear_name), snapshot.locale);
    items.push(item(safetyGear, gear, { rule: expired ? 'gear_expired' : 'gear_expiring', due: endOf(until), field: 'valid_until', subject, person: str(gear.values.holder), status: '' }, now));
  }
  return items;
}

export const rotationQueue: LabelledQueue = {
  reads: [rotationOrders, meterNotices, preshiftMeetings, workers],
  rules: FIELD_DUE_KINDS,
  items: (snapshot, now) => byDue([...noticeItems(snapshot, now, workerNames(snapshot)), ...notStartedItems(rotationOrders, ['ready'], snapshot, now)]),
};

export const batchQueue: LabelledQueue = {
  reads: [batchInstalls, preshiftMeetings],
  rules: FIELD_DUE_KINDS,
  items: (snapshot, now) => byDue(notStartedItems(batchInstalls, ['ready', 'power_off_verified'], snapshot, now)),
};

export const gearQueue: LabelledQueue = {
  reads: [safetyGear, dueRules, workCalendar],
  rules: FIELD_DUE_KINDS,
  // Gear still marked valid after its date: the check says so by its status (gearStatusStale).
  checkedAsProblems: ['gear_expired'],
  items: (snapshot, now) => byDue(gearItems(snapshot, now)),
};

// ————————————————————————————————————————— kefu check

/** The work orders' columns of the W8 steps (the others are the performance computation's). */
const W8_COLUMNS = ['notice_no', 'team_code', 'work_date', 'preshift_no', 'site_cleaned'] as const;

/** Whether a record at `status` has reached `step` (rectification comes after the field check, so after every step checked here). */
function reached(form: FormDecl, status: DomainValue, step: string): boolean {
  const codes = form.statuses.map((s) => s.code);
  const at = codes.indexOf(str(status));
  return at >= 0 && at >= codes.indexOf(step);
}

/**
 * Whether the order is held to the W8 guards. One at Completed or later with none of the W8 columns
 * filled is an import of the marketing system's export (`kefu import` takes the performance
 * columns and gives the status of the last step whose fields they fill): it never went through
 * the steps and has no notice, meeting or site record to check. An order at an earlier W8 status
 * cannot come from such an import, so it is held to them whatever it lacks.
 */
function heldToSteps(form: FormDecl, order: LedgerRow): boolean {
  if (!reached(form, order.values.status, 'completed')) return true;
  return W8_COLUMNS.some((key) => {
    const value = order.values[key];
    return value !== null && value !== undefined && value !== '';
  });
}

function stepFieldMissing(form: FormDecl, order: LedgerRow, field: string): Problem {
  return {
    kind: 'stepFieldMissing',
    form: form.key,
    row: sheetRow(order),
    field,
    params: { record: str(order.values.order_no), ...localized('status', codeText(form.statuses, order.values.status)) },
  };
}

interface FieldTables {
  readonly notices: ReadonlyMap<string, LedgerRow>;
  readonly meetings: ReadonlyMap<string, LedgerRow[]>;
  readonly gear: ReadonlyMap<string, LedgerRow[]>;
  readonly workers: readonly LedgerRow[];
  readonly powerOff: ReadonlyMap<string, LedgerRow[]>;
}

function fieldTables(snapshot: Snapshot): FieldTables {
  return {
    // Void notices are kept: the guard names a notice that is void.
    notices: new Map((snapshot.tables[meterNotices.key] ?? []).map((n) => [str(n.values.notice_no), n] as const)),
    meetings: groupBy(snapshot.tables[preshiftMeetings.key] ?? [], 'team_code'),
    gear: groupBy(snapshot.tables[safetyGear.key] ?? [], 'holder'),
    workers: snapshot.tables[workers.key] ?? [],
    powerOff: groupBy(live(snapshot, powerOffChecks), 'order_no'),
  };
}

/**
 * The guards of every step an order has passed, on its cells as they are: the notice (rotation:
 * Notified), the team's meeting, signatures, crew and gear on the work date (Ready), a passing
 * power-off check (batch: PowerOffVerified), the site cleaned (Completed).
 */
function orderProblems(form: FormDecl, order: LedgerRow, tables: FieldTables): Problem[] {
  const no = str(order.values.order_no);
  const v = order.values;
  const problems: Problem[] = [];
  if (form === rotationOrders && reached(form, v.status, 'notified')) {
    const noticeNo = str(v.notice_no);
    if (noticeNo === '') problems.push(stepFieldMissing(form, order, 'notice_no'));
    else problems.push(...noticeProblems(form, no, order, noticeNo, tables.notices.get(noticeNo)));
  }
  if (reached(form, v.status, 'ready')) {
    const team = str(v.team_code);
    const missing = (['team_code', 'work_date'] as const).filter((key) => str(v[key]) === '');
    if (missing.length > 0) problems.push(...missing.map((key) => stepFieldMissing(form, order, key)));
    else problems.push(...readyProblems(form, order, v, { meetings: tables.meetings.get(team) ?? [], gear: tables.gear.get(team) ?? [], workers: tables.workers }));
  }
  if (form === batchInstalls && reached(form, v.status, 'power_off_verified')) {
    const passing = (tables.powerOff.get(no) ?? []).some((check) => powerOffUnsafe(check.values).length === 0);
    if (!passing) problems.push({ kind: 'powerOffMissing', form: form.key, row: sheetRow(order), field: 'status', params: { record: no, ...localized('status', codeText(form.statuses, v.status)) } });
  }
  if (reached(form, v.status, 'completed')) problems.push(...siteProblems(form, order, v));
  return problems;
}

function orderCheck(form: FormDecl, reads: readonly FormDecl[]): WorkflowCheck {
  return {
    reads,
    problems(snapshot) {
      const tables = fieldTables(snapshot);
      const errors = live(snapshot, form)
        .filter((order) => heldToSteps(form, order))
        .flatMap((order) => orderProblems(form, order, tables));
      return { errors, warnings: [] };
    },
  };
}

/** Errors: rotation orders whose cells break the guards of a step they passed. */
export const rotationCheck = orderCheck(rotationOrders, [rotationOrders, meterNotices, preshiftMeetings, safetyGear, workers]);

/** Errors: batch installs whose cells break the guards of a step they passed. */
export const batchCheck = orderCheck(batchInstalls, [batchInstalls, preshiftMeetings, safetyGear, workers, powerOffChecks]);

/** Warnings: what installation sheets record as not matching (a name, the correspondence, workmanship items), each named. */
export const installationCheck: WorkflowCheck = {
  reads: [installationSheets],
  problems: (snapshot) => ({ errors: [], warnings: live(snapshot, installationSheets).flatMap(sheetMismatchProblems) }),
};

/** Warnings: gear whose condition says valid past its validity date. */
export const gearCheck: WorkflowCheck = {
  reads: [safetyGear],
  problems(snapshot, now) {
    const today = now.slice(0, 10);
    const warnings: Problem[] = live(snapshot, safetyGear)
      .filter((g) => g.values.gear_status === 'valid' && gearExpiredOn(g.values, today))
      .map((g) => ({
        kind: 'gearStatusStale',
        form: safetyGear.key,
        row: sheetRow(g),
        field: 'gear_status',
        params: { record: str(g.values.gear_no), until: str(g.values.valid_until), today },
      }));
    return { errors: [], warnings };
  },
};
