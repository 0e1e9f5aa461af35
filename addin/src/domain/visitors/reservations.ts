import { SCENIC_DEPARTMENTS, c, t } from '../../forms/codes';
import { columnsOf } from '../../forms/columns';
import { planDistributions, receptionPlans, reservations, ticketDeliveries, visitorRules } from '../../forms/visitors';
import type { CodeDecl, FieldDecl, FormDecl } from '../../forms/types';
import { codeLabel, type DomainValue, type RecordValues } from '../../ledger/cells';
import type { LedgerRow, Snapshot } from '../../ledger/types';
import { KefuError, localized, type Problem } from '../../core/problems';
import { ACTIONS, changeRecord, codeText, createdAudit, sheetRow, stepOperation, validated, type DeskStep } from '../deskSteps';
import { minutesLate } from '../dueDates';
import { addDays } from '../fieldWork/fieldGuards';
import { rowsWhere } from '../fieldWork/registers';
import { createNumberedRecord, type CreatedRecord, type Operation, type OperationContext, type PreparedRecord } from '../records';
import { validateInput } from '../validate';
import type { DueItem, Workflow, WorkflowCheck, WorkflowQueue } from '../workflow';
import { visitorRulesIn } from './visitorRules';

/**
 * Reservations of special groups and their reception plans (W6; F11, F12; seed P2-3.3): the
 * market-management department receives a reservation (YP-YYYY-NNNN), drafts the reception plan
 * (JH-<YP no.>), sends it to the departments concerned — one distribution line each,
 * `<plan no.>-<department code>` — each department acknowledges it and says when it is ready, the
 * tickets are delivered against a signed receipt (F12), the group is served and the reservation
 * closed. Every step reads the reservation by number and what its guards need by key (the plan,
 * its few distribution lines, the receipt), and writes one change set. The to-do queue shows the
 * departments not acknowledged or not ready from the rules' `plan_ready_days` before the visit, and
 * tickets not delivered by the time promised; `kefu check` the cells that break the steps' guards.
 */

const str = (value: DomainValue | undefined): string => (value === null || value === undefined ? '' : String(value));
const empty = (value: DomainValue | undefined): boolean => str(value).trim() === '';

/** The reception plan's number: `JH-` and the reservation's. */
export const planNo = (reservation: string): string => `JH-${reservation}`;

/** A distribution line's key: the plan's number and the department's code. */
export const distributionId = (plan: string, department: string): string => `${plan}-${department}`;

const departmentText = (code: DomainValue | undefined) => codeText(SCENIC_DEPARTMENTS, code ?? '');

function common(context: OperationContext, at: string): RecordValues {
  return { created_at: at.slice(0, 16), created_by: context.actor.clerk, voided: false, ...(context.actor.site ? { site: context.actor.site } : {}) };
}

function labelOf(form: FormDecl, key: string) {
  return columnsOf(form).find((col) => col.key === key)!.label;
}

/**
 * A time given at a step that comes before one the ledger holds (a plan acknowledged before it was
 * sent): named on the step's column, with the other column in the user's language.
 */
function tooEarly(
  record: string,
  at: { form: FormDecl; field: string; row?: LedgerRow },
  value: DomainValue | undefined,
  other: { form: FormDecl; field: string; value: DomainValue | undefined },
): Problem[] {
  const mine = str(value);
  const theirs = str(other.value);
  if (mine === '' || theirs === '' || mine.slice(0, 16) >= theirs.slice(0, 16)) return [];
  return [
    {
      kind: 'reservationTooEarly',
      form: at.form.key,
      field: at.field,
      ...(at.row ? { row: sheetRow(at.row) } : {}),
      params: { record, value: mine, otherValue: theirs, ...localized('other', labelOf(other.form, other.field)) },
    },
  ];
}

const live = (rows: readonly LedgerRow[] | undefined): LedgerRow[] => (rows ?? []).filter((r) => r.values.voided !== true);

/** The live distribution lines of a plan, as read. */
function linesOf(snapshot: Snapshot, plan: string): LedgerRow[] {
  return live(snapshot.tables[planDistributions.key]).filter((r) => str(r.values.plan_no) === plan);
}

// ————————————————————————————————————————— the reservation

/** The counts a reservation gives within its headcount. */
const COUNT_FIELDS = ['seniors', 'disabled', 'children'] as const;

/** What a reservation cannot say: more seniors, disabled visitors or children than its headcount, an arrival before the reservation. */
export function reservationInputProblems(values: RecordValues): Problem[] {
  const problems: Problem[] = [];
  const headcount = values.headcount;
  for (const field of COUNT_FIELDS) {
    const n = values[field];
    if (typeof n === 'number' && typeof headcount === 'number' && n > headcount) {
      problems.push({ kind: 'reservationCountOver', form: reservations.key, field, params: { group: str(values.group_name), value: n, headcount } });
    }
  }
  problems.push(...tooEarly(str(values.group_name), { form: reservations, field: 'arrival_at' }, values.arrival_at, { form: reservations, field: 'received_at', value: values.received_at }));
  return problems;
}

const numberedReservation = createNumberedRecord(reservations);

/** A reservation received (F11), numbered YP-YYYY-NNNN by its date: refused, before a number is claimed, when its counts do not add up. */
export const registerReservation: Operation<unknown, PreparedRecord, CreatedRecord> = {
  ...numberedReservation,
  prepare(input, context) {
    const prepared = numberedReservation.prepare(input, context);
    const problems = reservationInputProblems(prepared.values);
    if (problems.length > 0) throw new KefuError(problems);
    return prepared;
  },
};

// ————————————————————————————————————————— plan

/** The items of a reception plan: the seed's d–f (facilities, meals, special needs), the proposed a–c, and what else it lists (等). */
export const PLAN_ITEMS = ['route', 'transport_parking', 'guide', 'facilities', 'meals', 'special_needs', 'other_items'] as const;

/** The reservation's plan, if it has one (read by its reservation no.: a plan number looked up must be found). */
const planRead = (prepared: { no: string }) => ({ [receptionPlans.key]: rowsWhere(receptionPlans, 'reservation_no', [prepared.no]) });

/** PlanDrafted: the reception plan JH-<YP no.> with at least one item, drafted (signed) not before the reservation came in. */
export const draftPlan: DeskStep = stepOperation({
  form: reservations,
  action: 'plan',
  fields: [...PLAN_ITEMS, 'drafted_by'],
  fieldsForm: receptionPlans,
  from: ['received'],
  to: 'plan_drafted',
  linkedInput: (fields, no) => ({ own: {}, linked: validated(receptionPlans, { ...fields, reservation_no: no }) }),
  reads: planRead,
  linkedWrites: [receptionPlans.key],
  check: (row, _values, snapshot, prepared) => {
    const no = prepared.no;
    const problems: Problem[] = [];
    if (PLAN_ITEMS.every((key) => empty(prepared.linked[key]))) problems.push({ kind: 'planEmpty', form: receptionPlans.key, field: 'route', params: { record: no } });
    const existing = (snapshot.tables[receptionPlans.key] ?? []).filter((r) => str(r.values.plan_no) === planNo(no) || str(r.values.reservation_no) === no);
    if (existing.length > 0) {
      problems.push({ kind: 'duplicateNumber', form: receptionPlans.key, field: 'plan_no', params: { value: planNo(no), rows: existing.map(sheetRow).join(', ') } });
    }
    problems.push(...tooEarly(no, { form: receptionPlans, field: 'drafted_by_at' }, prepared.linked.drafted_by_at, { form: reservations, field: 'received_at', value: row.values.received_at }));
    return problems;
  },
  alsoChange: (_snapshot, _row, _values, prepared, context, at) => {
    const plan: RecordValues = { ...prepared.linked, plan_no: planNo(prepared.no), ...common(context, at) };
    return { updates: [], audit: [createdAudit(receptionPlans, plan, context, at)], appends: { [receptionPlans.key]: [plan] }, created: planNo(prepared.no) };
  },
});

// ————————————————————————————————————————— send

const field = (form: FormDecl, key: string): FieldDecl => form.fields.find((f) => f.key === key)!;

/** What `send` takes: the departments (codes of the scenic area's departments) and when the plan went out. */
export const sendForm: FormDecl = {
  ...planDistributions,
  fields: [
    {
      key: 'departments',
      type: 'codes',
      codes: SCENIC_DEPARTMENTS,
      label: t('发送部门', '發送部門', 'Departments'),
      required: true,
      source: 'S',
      help: t('接待计划发送到的有关部门，每个部门一行分发记录', '接待計劃發送到的有關部門，每個部門一列分發記錄', 'The departments the plan goes to: one distribution line each'),
    },
    field(planDistributions, 'sent_at'),
  ],
};

/** The departments given, validated: a problem of the list is named on the distribution's department column. */
function sendValues(fields: Record<string, unknown>): Record<string, DomainValue> {
  // A list in JSON is read as the cell would hold it.
  const given = Array.isArray(fields.departments) ? { ...fields, departments: fields.departments.map(String).join(',') } : fields;
  const { values, problems } = validateInput(sendForm, given);
  if (problems.length > 0) throw new KefuError(problems.map((p) => (p.field === 'departments' ? { ...p, field: 'department' } : p)));
  return values;
}

/** PlanSent: one distribution line per department, none twice; sent not before the plan was drafted. Sending to one more department later makes the plan wait for it. */
export const sendPlan: DeskStep = stepOperation({
  form: reservations,
  action: 'send',
  fields: ['departments', 'sent_at'],
  fieldsForm: sendForm,
  from: ['plan_drafted', 'plan_sent', 'depts_ready'],
  to: 'plan_sent',
  linkedInput: (fields) => ({ own: {}, linked: sendValues(fields) }),
  reads: (prepared) => ({
    ...planRead(prepared),
    [planDistributions.key]: rowsWhere(planDistributions, 'plan_no', [planNo(prepared.no)]),
  }),
  linkedWrites: [planDistributions.key],
  check: (_row, _values, snapshot, prepared) => {
    const no = prepared.no;
    const plan = live(snapshot.tables[receptionPlans.key]).find((r) => str(r.values.plan_no) === planNo(no));
    if (!plan) {
      return [
        {
          kind: 'missingLinked',
          form: reservations.key,
          field: 'status',
          params: { record: no, value: planNo(no), target_zhCN: receptionPlans.sheet['zh-CN'], target_zhTW: receptionPlans.sheet['zh-TW'], target_enUS: receptionPlans.sheet['en-US'] },
        },
      ];
    }
    const problems: Problem[] = [];
    const lines = linesOf(snapshot, planNo(no));
    const given = prepared.linked.departments as readonly string[];
    given.forEach((department, i) => {
      if (given.indexOf(department) !== i) {
        problems.push({ kind: 'deptListedTwice', form: planDistributions.key, field: 'department', params: { record: no, ...localized('department', departmentText(department)) } });
        return;
      }
      const sent = lines.find((r) => r.values.department === department);
      if (sent) {
        problems.push({
          kind: 'deptAlreadySent',
          form: planDistributions.key,
          row: sheetRow(sent),
          field: 'department',
          params: { record: no, sent: str(sent.values.sent_at), ...localized('department', departmentText(department)) },
        });
      }
    });
    problems.push(...tooEarly(no, { form: planDistributions, field: 'sent_at' }, prepared.linked.sent_at, { form: receptionPlans, field: 'drafted_by_at', value: plan.values.drafted_by_at }));
    return problems;
  },
  alsoChange: (_snapshot, _row, _values, prepared, context, at) => {
    const plan = planNo(prepared.no);
    const lines: RecordValues[] = (prepared.linked.departments as readonly string[]).map((department) => ({
      entry_id: distributionId(plan, department),
      plan_no: plan,
      department,
      sent_at: prepared.linked.sent_at,
      ...common(context, at),
    }));
    return { updates: [], audit: lines.map((line) => createdAudit(planDistributions, line, context, at)), appends: { [planDistributions.key]: lines } };
  },
});

// ————————————————————————————————————————— acknowledge, ready

const department = { ...field(planDistributions, 'department') };

/** What a department gives when it acknowledges: which department, and its signature. */
export const acknowledgeForm: FormDecl = { ...planDistributions, fields: [department, { ...field(planDistributions, 'acknowledged'), required: true }] };

/** What a department gives when it is ready: which department, and when. */
export const readyForm: FormDecl = { ...planDistributions, fields: [department, { ...field(planDistributions, 'ready_at'), required: true }] };

/** The department's line of the plan, or the refusal naming the department the plan was not sent to. */
function lineFor(snapshot: Snapshot, no: string, code: DomainValue, action: string): { line?: LedgerRow; problems: Problem[] } {
  const line = linesOf(snapshot, planNo(no)).find((r) => r.values.department === code);
  if (line) return { line, problems: [] };
  return {
    problems: [
      {
        kind: 'deptNotSent',
        form: planDistributions.key,
        field: 'department',
        params: { record: no, ...localized('department', departmentText(code)), ...localized('action', ACTIONS[action]) },
      },
    ],
  };
}

const linesRead = (prepared: { no: string }) => ({ [planDistributions.key]: rowsWhere(planDistributions, 'plan_no', [planNo(prepared.no)]) });

/** A department signs for the plan (once), not before it was sent to it. The reservation stays "plan sent". */
export const acknowledgePlan: DeskStep = stepOperation({
  form: reservations,
  action: 'acknowledge',
  fields: ['department', 'acknowledged'],
  fieldsForm: acknowledgeForm,
  from: ['plan_sent'],
  linkedInput: (fields) => ({ own: {}, linked: validated(acknowledgeForm, fields) }),
  reads: linesRead,
  linkedWrites: [planDistributions.key],
  check: (_row, _values, snapshot, prepared) => {
    const { line, problems } = lineFor(snapshot, prepared.no, prepared.linked.department, 'acknowledge');
    if (!line) return problems;
    if (!empty(line.values.acknowledged_by)) {
      return [
        {
          kind: 'deptAlreadyAcknowledged',
          form: planDistributions.key,
          row: sheetRow(line),
          field: 'acknowledged_by',
          params: { record: prepared.no, by: str(line.values.acknowledged_by), at: str(line.values.acknowledged_at), ...localized('department', departmentText(line.values.department)) },
        },
      ];
    }
    return tooEarly(prepared.no, { form: planDistributions, field: 'acknowledged_at', row: line }, prepared.linked.acknowledged_at, {
      form: planDistributions,
      field: 'sent_at',
      value: line.values.sent_at,
    });
  },
  alsoChange: (snapshot, _row, _values, prepared, context, at) => {
    const line = lineFor(snapshot, prepared.no, prepared.linked.department, 'acknowledge').line!;
    const change = changeRecord(planDistributions, line, { acknowledged_by: prepared.linked.acknowledged_by, acknowledged_at: prepared.linked.acknowledged_at }, context, 'acknowledge', at);
    return { updates: change.update ? [change.update] : [], audit: change.audit };
  },
});

/**
 * A department says it is ready (once), only after it acknowledged the plan and not before. When
 * every department the plan was sent to is ready, the reservation is "departments ready".
 */
export const departmentReady: DeskStep = stepOperation({
  form: reservations,
  action: 'ready',
  fields: ['department', 'ready_at'],
  fieldsForm: readyForm,
  from: ['plan_sent'],
  alsoTo: ['depts_ready'],
  linkedInput: (fields) => ({ own: {}, linked: validated(readyForm, fields) }),
  reads: linesRead,
  linkedWrites: [planDistributions.key],
  check: (_row, _values, snapshot, prepared) => {
    const no = prepared.no;
    const { line, problems } = lineFor(snapshot, no, prepared.linked.department, 'ready');
    if (!line) return problems;
    const named = { record: no, ...localized('department', departmentText(line.values.department)) };
    if (empty(line.values.acknowledged_by)) return [{ kind: 'deptNotAcknowledged', form: planDistributions.key, row: sheetRow(line), field: 'acknowledged_by', params: named }];
    if (line.values.ready === true) return [{ kind: 'deptAlreadyReady', form: planDistributions.key, row: sheetRow(line), field: 'ready', params: { ...named, at: str(line.values.ready_at) } }];
    return tooEarly(no, { form: planDistributions, field: 'ready_at', row: line }, prepared.linked.ready_at, { form: planDistributions, field: 'acknowledged_at', value: line.values.acknowledged_at });
  },
  decideTo: (_row, _values, snapshot, prepared) => {
    const others = linesOf(snapshot, planNo(prepared.no)).filter((r) => r.values.department !== prepared.linked.department);
    return others.every((r) => r.values.ready === true) ? 'depts_ready' : undefined;
  },
  alsoChange: (snapshot, _row, _values, prepared, context, at) => {
    const line = lineFor(snapshot, prepared.no, prepared.linked.department, 'ready').line!;
    const change = changeRecord(planDistributions, line, { ready: true, ready_at: prepared.linked.ready_at }, context, 'ready', at);
    return { updates: change.update ? [change.update] : [], audit: change.audit };
  },
});

// ————————————————————————————————————————— deliver, serve, close

/** The receipt's fields given at the step (its reservation no. is the record's). */
const RECEIPT_FIELDS = ['ticket_count', 'ticket_type', 'delivered_at', 'delivered_by', 'received_by'];

/** TicketsDelivered: the signed receipt (F12), once, delivered not before the reservation came in. */
export const deliverTickets: DeskStep = stepOperation({
  form: reservations,
  action: 'deliver',
  fields: RECEIPT_FIELDS,
  fieldsForm: ticketDeliveries,
  from: ['depts_ready'],
  to: 'tickets_delivered',
  linkedInput: (fields, no) => ({ own: {}, linked: validated(ticketDeliveries, { ...fields, reservation_no: no }) }),
  linkedReads: [ticketDeliveries],
  linkedWrites: [ticketDeliveries.key],
  check: (row, _values, snapshot, prepared) => {
    const existing = (snapshot.tables[ticketDeliveries.key] ?? []).filter((r) => str(r.values.reservation_no) === prepared.no);
    if (existing.length > 0) {
      return [{ kind: 'duplicateNumber', form: ticketDeliveries.key, field: 'reservation_no', params: { value: prepared.no, rows: existing.map(sheetRow).join(', ') } }];
    }
    return tooEarly(prepared.no, { form: ticketDeliveries, field: 'delivered_at' }, prepared.linked.delivered_at, { form: reservations, field: 'received_at', value: row.values.received_at });
  },
  alsoChange: (_snapshot, _row, _values, prepared, context, at) => {
    const receipt: RecordValues = { ...prepared.linked, ...common(context, at) };
    return { updates: [], audit: [createdAudit(ticketDeliveries, receipt, context, at)], appends: { [ticketDeliveries.key]: [receipt] } };
  },
});

/** Served: when the group was received and how many came, not before its tickets were delivered. */
export const serveGroup: DeskStep = stepOperation({
  form: reservations,
  action: 'serve',
  fieldsStep: 'served',
  from: ['tickets_delivered'],
  to: 'served',
  linkedReads: [ticketDeliveries],
  check: (row, values, snapshot) => {
    const no = str(row.values.reservation_no);
    const receipt = live(snapshot.tables[ticketDeliveries.key]).find((r) => str(r.values.reservation_no) === no);
    return tooEarly(no, { form: reservations, field: 'served_at', row }, values.served_at, { form: ticketDeliveries, field: 'delivered_at', value: receipt?.values.delivered_at });
  },
});

export const closeReservation: DeskStep = stepOperation({ form: reservations, action: 'close', fieldsStep: 'closed', from: ['served'], to: 'closed' });

// ————————————————————————————————————————— the to-do queue

/** What a reservation's to-do items wait for. */
export const RESERVATION_DUE_KINDS: readonly CodeDecl[] = [
  c('plan_send', '接待计划待发送', '接待計劃待發送', 'Reception plan to send'),
  c('plan_acknowledge', '部门待签收接待计划', '部門待簽收接待計劃', 'Department to acknowledge the plan'),
  c('plan_ready', '部门待就绪', '部門待就緒', 'Department to get ready'),
  c('ticket_delivery', '送票', '送票', 'Tickets to deliver'),
];

const NOT_SENT = ['received', 'plan_drafted'];
const BEFORE_TICKETS = ['received', 'plan_drafted', 'plan_sent', 'depts_ready'];

function dueItem(row: LedgerRow, what: { rule: string; due: string; field: string; subject: string; person: string; overdueAtDue: boolean }, now: string): DueItem {
  const late = minutesLate(what.due, now);
  return {
    table: reservations.key,
    record: str(row.values.reservation_no),
    row: sheetRow(row),
    status: str(row.values.status),
    subject: what.subject,
    person: what.person,
    rule: what.rule,
    due: what.due,
    field: what.field,
    overdue: what.overdueAtDue ? late >= 0 : late > 0,
    minutesLate: late,
  };
}

/**
 * From `plan_ready_days` before the visit's date (the day before, by default), a reservation
 * whose plan is not sent, and each department of a sent plan that has not acknowledged it or is
 * not ready, is an item, overdue from that day on, naming the department; and a reservation whose
 * tickets are not delivered is an item due at its ticket-delivery time.
 */
export function reservationItems(snapshot: Snapshot, now: string): DueItem[] {
  const { rules } = visitorRulesIn(snapshot);
  const lines = new Map<string, LedgerRow[]>();
  for (const line of live(snapshot.tables[planDistributions.key])) {
    const plan = str(line.values.plan_no);
    lines.set(plan, [...(lines.get(plan) ?? []), line]);
  }
  const items: DueItem[] = [];
  for (const row of live(snapshot.tables[reservations.key])) {
    const status = str(row.values.status);
    const group = str(row.values.group_name);
    const date = str(row.values.arrival_at).slice(0, 10);
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      const due = `${addDays(date, -rules.planReadyDays)} 00:00`;
      if (now.slice(0, 16) >= due) {
        const at = { due, field: 'arrival_at', overdueAtDue: true };
        if (NOT_SENT.includes(status)) items.push(dueItem(row, { ...at, rule: 'plan_send', subject: group, person: str(row.values.contact) }, now));
        if (status === 'plan_sent') {
          for (const line of lines.get(planNo(str(row.values.reservation_no))) ?? []) {
            const rule = empty(line.values.acknowledged_by) ? 'plan_acknowledge' : line.values.ready !== true ? 'plan_ready' : undefined;
            if (rule) items.push(dueItem(row, { ...at, rule, subject: codeLabel(SCENIC_DEPARTMENTS, str(line.values.department), snapshot.locale), person: group }, now));
          }
        }
      }
    }
    const ticketTime = str(row.values.ticket_time);
    if (BEFORE_TICKETS.includes(status) && ticketTime !== '') {
      items.push(dueItem(row, { rule: 'ticket_delivery', due: ticketTime.slice(0, 16), field: 'ticket_time', subject: str(row.values.ticket_address), person: group, overdueAtDue: false }, now));
    }
  }
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due));
}

export const reservationQueue: WorkflowQueue = {
  reads: [reservations, planDistributions, visitorRules],
  rules: RESERVATION_DUE_KINDS,
  items: reservationItems,
};

// ————————————————————————————————————————— kefu check

function reached(status: DomainValue | undefined, step: string): boolean {
  const codes = reservations.statuses.map((s) => s.code);
  const at = codes.indexOf(str(status));
  return at >= 0 && at >= codes.indexOf(step);
}

function missing(row: LedgerRow, value: string, target: FormDecl): Problem {
  return {
    kind: 'missingLinked',
    form: reservations.key,
    row: sheetRow(row),
    field: 'status',
    params: { record: str(row.values.reservation_no), value, target_zhCN: target.sheet['zh-CN'], target_zhTW: target.sheet['zh-TW'], target_enUS: target.sheet['en-US'] },
  };
}

/**
 * The guards of the steps on cells as they are (a status typed by hand, a line edited): a reservation
 * past "received" without its plan, past "plan sent" without departments, marked "departments
 * ready" (or later) with a department not ready, past "tickets delivered" without its receipt; the
 * lines of a plan not sent yet; a line ready but never acknowledged.
 */
export function reservationGuardProblems(snapshot: Snapshot): Problem[] {
  const plans = new Set(live(snapshot.tables[receptionPlans.key]).map((r) => str(r.values.plan_no)));
  const receipts = new Set(live(snapshot.tables[ticketDeliveries.key]).map((r) => str(r.values.reservation_no)));
  const lines = new Map<string, LedgerRow[]>();
  for (const line of live(snapshot.tables[planDistributions.key])) lines.set(str(line.values.plan_no), [...(lines.get(str(line.values.plan_no)) ?? []), line]);
  const problems: Problem[] = [];
  for (const row of live(snapshot.tables[reservations.key])) {
    const no = str(row.values.reservation_no);
    const status = row.values.status;
    const named = (line: LedgerRow) => ({ record: no, ...localized('department', departmentText(line.values.department)), ...localized('status', codeText(reservations.statuses, status)) });
    const mine = lines.get(planNo(no)) ?? [];
    if (reached(status, 'plan_drafted') && !plans.has(planNo(no))) problems.push(missing(row, planNo(no), receptionPlans));
    if (!reached(status, 'plan_sent')) {
      for (const line of mine)
        problems.push({ kind: 'planLinesNotSent', form: planDistributions.key, row: sheetRow(line), field: 'plan_no', params: { ...named(line), line: str(line.values.entry_id) } });
    } else if (mine.length === 0) {
      problems.push({
        kind: 'planNoDepartments',
        form: reservations.key,
        row: sheetRow(row),
        field: 'status',
        params: { record: no, ...localized('status', codeText(reservations.statuses, status)) },
      });
    }
    if (reached(status, 'depts_ready')) {
      for (const line of mine.filter((l) => l.values.ready !== true))
        problems.push({ kind: 'deptNotReadyMarked', form: planDistributions.key, row: sheetRow(line), field: 'ready', params: named(line) });
    }
    for (const line of mine.filter((l) => l.values.ready === true && empty(l.values.acknowledged_by))) {
      problems.push({ kind: 'deptNotAcknowledged', form: planDistributions.key, row: sheetRow(line), field: 'acknowledged_by', params: named(line) });
    }
    if (reached(status, 'tickets_delivered') && !receipts.has(no)) problems.push(missing(row, no, ticketDeliveries));
  }
  return problems;
}

export const reservationCheck: WorkflowCheck = {
  reads: [reservations, receptionPlans, planDistributions, ticketDeliveries],
  problems: (snapshot) => ({ errors: reservationGuardProblems(snapshot), warnings: [] }),
};

// ————————————————————————————————————————— the workflow

export const reservationWorkflow: Workflow = {
  since: 4,
  word: 'reservation',
  form: reservations,
  number: '<YP-no>',
  create: registerReservation,
  steps: {
    plan: draftPlan,
    send: sendPlan,
    acknowledge: acknowledgePlan,
    ready: departmentReady,
    deliver: deliverTickets,
    serve: serveGroup,
    close: closeReservation,
  },
  voidable: true,
  help: t(
    '特殊团体预约与接待计划（W6）：add 登记预约；plan {route, transport_parking, guide, facilities, meals, special_needs, other_items, drafted_by} 制定接待计划 JH-<预约编号>；send {departments, sent_at} 发送给有关部门（每个部门一行，不得重复）；acknowledge {department, acknowledged} 部门签收；ready {department, ready_at} 部门签收后登记就绪（全部就绪后为“各部门就绪”）；deliver {ticket_count, ticket_type, delivered_at, delivered_by, received_by} 送票并签收；serve {served_at, served_count} 登记接待；close {closing_note?} 关闭；void 作废（须写原因）。',
    '特殊團體預約與接待計劃（W6）：add 登記預約；plan {route, transport_parking, guide, facilities, meals, special_needs, other_items, drafted_by} 制定接待計劃 JH-<預約編號>；send {departments, sent_at} 發送給有關部門（每個部門一列，不得重複）；acknowledge {department, acknowledged} 部門簽收；ready {department, ready_at} 部門簽收後登記就緒（全部就緒後為「各部門就緒」）；deliver {ticket_count, ticket_type, delivered_at, delivered_by, received_by} 送票並簽收；serve {served_at, served_count} 登記接待；close {closing_note?} 關閉；void 作廢（須寫原因）。',
    'Special groups\' reservations and reception plans (W6): add registers a reservation; plan {route, transport_parking, guide, facilities, meals, special_needs, other_items, drafted_by} drafts the reception plan JH-<reservation no.>; send {departments, sent_at} sends it to the departments concerned (one line each, never twice); acknowledge {department, acknowledged} a department signs for it; ready {department, ready_at} a department that acknowledged is ready (all ready: "Departments ready"); deliver {ticket_count, ticket_type, delivered_at, delivered_by, received_by} tickets against a signed receipt; serve {served_at, served_count}; close {closing_note?}; void with a reason.',
  ),
  queue: reservationQueue,
  check: reservationCheck,
};
