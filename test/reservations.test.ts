import assert from 'node:assert/strict';
import { KefuError } from '../addin/src/core/problems';
import { demoClock } from '../addin/src/domain/demo';
import { checkRefusal, type Expected } from '../addin/src/domain/fieldMonth';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { reservationWorkflow } from '../addin/src/domain/visitors/reservations';
import { checkLedger, ledgerCheckRequest, queueRequest, todoQueue } from '../addin/src/domain/workflowRuns';
import type { Locale } from '../addin/src/i18n/locale';
import type { RecordValues } from '../addin/src/ledger/cells';
import type { Ledger } from '../addin/src/ledger/types';
import { packageBackend, templateBytes } from './support/backends';

/**
 * Issue 13 item 3 (W6, F11, F12): each guard of the reservation workflow refuses — naming the
 * record, the department where it applies, the column and the reason — and lets the step through
 * once satisfied; the to-do queue and `kefu check` on ledgers as the steps (or a hand) leave them.
 */

const S = reservationWorkflow.steps;
const CLERK = '林晓燕';

interface Desk {
  readonly ledger: Ledger;
  run<R>(operation: Operation<never, unknown, R> | Operation<unknown, unknown, R>, input: unknown, at: string): Promise<R>;
  refused(operation: Operation<never, unknown, unknown> | Operation<unknown, unknown, unknown>, input: unknown, at: string, expected: Expected): Promise<string>;
  tables(...keys: string[]): Promise<Record<string, RecordValues[]>>;
}

async function desk(locale: Locale = 'en-US'): Promise<Desk> {
  const session = await packageBackend.open(await templateBytes(locale));
  const clock = demoClock();
  const run = async <R>(operation: Operation<never, unknown, R> | Operation<unknown, unknown, R>, input: unknown, at: string): Promise<R> => {
    clock.set(at);
    return (await runOperation(session.ledger, operation as Operation<unknown, unknown, R>, input, { clock, actor: { clerk: CLERK } })).result;
  };
  return {
    ledger: session.ledger,
    run,
    async refused(operation, input, at, expected) {
      try {
        await run(operation, input, at);
      } catch (error) {
        checkRefusal('refused', error, expected, locale);
        return (error as KefuError).describe(locale).join('\n');
      }
      throw new Error(`not refused: expected ${expected.kind}`);
    },
    async tables(...keys) {
      const snapshot = await session.ledger.read({ tables: Object.fromEntries(keys.map((key) => [key, { columns: columnsFor(key), rows: 'all' as const }])) });
      return Object.fromEntries(keys.map((key) => [key, snapshot.tables[key].map((r) => r.values)]));
    },
  };
}

const COLUMNS: Record<string, string[]> = {
  reservations: ['reservation_no', 'status', 'served_at', 'served_count', 'closing_note', 'voided'],
  reception_plans: ['plan_no', 'reservation_no', 'route', 'meals', 'drafted_by_by', 'drafted_by_at', 'created_by'],
  plan_distributions: ['entry_id', 'plan_no', 'department', 'sent_at', 'acknowledged_by', 'acknowledged_at', 'ready', 'ready_at', 'voided'],
  ticket_deliveries: ['reservation_no', 'ticket_count', 'ticket_type', 'delivered_at', 'delivered_by_by', 'received_by_by'],
};
const columnsFor = (key: string) => COLUMNS[key];

const reservation = (overrides: Record<string, unknown> = {}) => ({
  received_at: '2026-04-20 10:00',
  group_name: '夕阳红老年大学游园团',
  contact: '周淑芬',
  contact_phone: '13905710021',
  arrival_at: '2026-05-02 09:30',
  headcount: 32,
  seniors: 28,
  disabled: 2,
  children: 0,
  ticket_address: '人民路18号',
  ticket_time: '2026-05-01 16:00',
  ...overrides,
});

const plan = (overrides: Record<string, unknown> = {}) => ({ route: '东门—湖滨栈道—南门', meals: '午餐32份', drafted_by: { by: '王海燕', at: '2026-04-21 09:00' }, ...overrides });
const sig = (by: string, at: string) => ({ by, at });

/** A reservation with its plan sent to `departments` (YP-2026-0001). */
async function sent(d: Desk, departments: string[] = ['site_operations', 'catering']): Promise<string> {
  const { number } = await d.run<{ number: string }>(reservationWorkflow.create!, reservation(), '2026-04-20 10:05');
  await d.run(S.plan, { no: number, fields: plan() }, '2026-04-21 09:05');
  await d.run(S.send, { no: number, fields: { departments, sent_at: '2026-04-21 10:00' } }, '2026-04-21 10:00');
  return number;
}

describe('reservations and reception plans: the guards of each step (W6)', function () {
  this.timeout(120_000);

  it('add: the seniors, disabled visitors and children are counted within the headcount; the arrival is not before the reservation', async () => {
    const d = await desk();
    const text = await d.refused(reservationWorkflow.create!, reservation({ seniors: 40 }), '2026-04-20 10:05', {
      kind: 'reservationCountOver',
      form: 'reservations',
      field: 'seniors',
      record: '夕阳红老年大学游园团',
      naming: ['40', '32'],
    });
    assert.match(text, /Reservations, column "Of which seniors"/);
    await d.refused(reservationWorkflow.create!, reservation({ arrival_at: '2026-04-19 09:00' }), '2026-04-20 10:05', {
      kind: 'reservationTooEarly',
      form: 'reservations',
      field: 'arrival_at',
      record: '夕阳红老年大学游园团',
      naming: ['2026-04-19 09:00', 'Received at'],
    });
    // Refused before a number was claimed: the first reservation made is still 0001.
    const made = await d.run<{ number: string }>(reservationWorkflow.create!, reservation({ seniors: 32, disabled: 32, children: 0 }), '2026-04-20 10:05');
    assert.equal(made.number, 'YP-2026-0001');
  });

  it('plan: needs one item at least, creates JH-<YP no.> once, drafted not before the reservation', async () => {
    const d = await desk();
    const { number } = await d.run<{ number: string }>(reservationWorkflow.create!, reservation(), '2026-04-20 10:05');
    await d.refused(S.plan, { no: number, fields: { drafted_by: sig('王海燕', '2026-04-21 09:00') } }, '2026-04-21 09:05', {
      kind: 'planEmpty',
      form: 'reception_plans',
      field: 'route',
      record: number,
    });
    await d.refused(S.plan, { no: number, fields: plan({ drafted_by: sig('王海燕', '2026-04-19 09:00') }) }, '2026-04-21 09:05', {
      kind: 'reservationTooEarly',
      form: 'reception_plans',
      field: 'drafted_by_at',
      record: number,
      naming: ['2026-04-19 09:00', 'Received at'],
    });
    const done = await d.run<{ status: string; created?: string }>(S.plan, { no: number, fields: plan({ other_items: '合影留念' }) }, '2026-04-21 09:05');
    assert.deepEqual([done.status, done.created], ['plan_drafted', `JH-${number}`]);
    await d.refused(S.plan, { no: number, fields: plan() }, '2026-04-21 09:10', { kind: 'wrongStatus', form: 'reservations', field: 'status', record: number });
    const t = await d.tables('reception_plans');
    assert.deepEqual(t.reception_plans, [
      { plan_no: `JH-${number}`, reservation_no: number, route: '东门—湖滨栈道—南门', meals: '午餐32份', drafted_by_by: '王海燕', drafted_by_at: '2026-04-21 09:00', created_by: CLERK },
    ]);
  });

  it('send: one line per department, never a department twice (in one list or again), not before the plan was drafted', async () => {
    const d = await desk();
    const { number } = await d.run<{ number: string }>(reservationWorkflow.create!, reservation(), '2026-04-20 10:05');
    await d.refused(S.send, { no: number, fields: { departments: ['catering'], sent_at: '2026-04-21 10:00' } }, '2026-04-21 10:00', {
      kind: 'wrongStatus',
      form: 'reservations',
      field: 'status',
      record: number,
    });
    await d.run(S.plan, { no: number, fields: plan() }, '2026-04-21 09:05');
    await d.refused(S.send, { no: number, fields: { departments: ['catering', 'kitchen'], sent_at: '2026-04-21 10:00' } }, '2026-04-21 10:00', {
      kind: 'notInList',
      form: 'plan_distributions',
      field: 'department',
      record: 'kitchen',
    });
    await d.refused(S.send, { no: number, fields: { departments: 'catering, security, 餐饮部门', sent_at: '2026-04-21 10:00' } }, '2026-04-21 10:00', {
      kind: 'deptListedTwice',
      form: 'plan_distributions',
      field: 'department',
      record: number,
      naming: ['Catering'],
    });
    await d.refused(S.send, { no: number, fields: { departments: ['catering'], sent_at: '2026-04-21 08:00' } }, '2026-04-21 10:00', {
      kind: 'reservationTooEarly',
      form: 'plan_distributions',
      field: 'sent_at',
      record: number,
      naming: ['2026-04-21 08:00', 'Drafted by (time)'],
    });
    const first = await d.run<{ status: string }>(S.send, { no: number, fields: { departments: 'catering、安保部门', sent_at: '2026-04-21 10:00' } }, '2026-04-21 10:00');
    assert.equal(first.status, 'plan_sent');
    const text = await d.refused(S.send, { no: number, fields: { departments: ['site_operations', 'security'], sent_at: '2026-04-21 11:00' } }, '2026-04-21 11:00', {
      kind: 'deptAlreadySent',
      form: 'plan_distributions',
      field: 'department',
      record: number,
      naming: ['Security', '2026-04-21 10:00'],
    });
    assert.match(text, /Plan distribution, row 3, column "Department"/);
    await d.run(S.send, { no: number, fields: { departments: ['site_operations'], sent_at: '2026-04-21 11:00' } }, '2026-04-21 11:00');
    const t = await d.tables('plan_distributions');
    assert.deepEqual(
      t.plan_distributions.map((l) => [l.entry_id, l.plan_no, l.department, l.sent_at, l.acknowledged_by, l.ready]),
      [
        [`JH-${number}-catering`, `JH-${number}`, 'catering', '2026-04-21 10:00', null, null],
        [`JH-${number}-security`, `JH-${number}`, 'security', '2026-04-21 10:00', null, null],
        [`JH-${number}-site_operations`, `JH-${number}`, 'site_operations', '2026-04-21 11:00', null, null],
      ],
    );
  });

  it('acknowledge: only a department the plan was sent to, once, not before it was sent; the reservation stays "plan sent"', async () => {
    const d = await desk('zh-TW');
    const number = await sent(d);
    await d.refused(S.acknowledge, { no: number, fields: { department: 'security', acknowledged: sig('吳剛', '2026-04-22 09:00') } }, '2026-04-22 09:00', {
      kind: 'deptNotSent',
      form: 'plan_distributions',
      field: 'department',
      record: number,
      naming: ['安保部門', '登記部門簽收'],
    });
    await d.refused(S.acknowledge, { no: number, fields: { department: 'catering', acknowledged: sig('何麗', '2026-04-21 09:30') } }, '2026-04-22 09:00', {
      kind: 'reservationTooEarly',
      form: 'plan_distributions',
      field: 'acknowledged_at',
      record: number,
      naming: ['2026-04-21 09:30', '發送時間'],
    });
    const done = await d.run<{ status: string }>(S.acknowledge, { no: number, fields: { department: 'catering', acknowledged: sig('何麗', '2026-04-22 09:00') } }, '2026-04-22 09:05');
    assert.equal(done.status, 'plan_sent');
    await d.refused(S.acknowledge, { no: number, fields: { department: '餐飲部門', acknowledged: sig('何麗', '2026-04-22 10:00') } }, '2026-04-22 10:00', {
      kind: 'deptAlreadyAcknowledged',
      form: 'plan_distributions',
      field: 'acknowledged_by',
      record: number,
      naming: ['餐飲部門', '何麗', '2026-04-22 09:00'],
    });
  });

  it('ready: refused before the department acknowledged (and twice); the last department ready makes the reservation "departments ready"', async () => {
    const d = await desk();
    const number = await sent(d);
    const text = await d.refused(S.ready, { no: number, fields: { department: 'catering', ready_at: '2026-04-23 16:00' } }, '2026-04-23 16:00', {
      kind: 'deptNotAcknowledged',
      form: 'plan_distributions',
      field: 'acknowledged_by',
      record: number,
      naming: ['Catering'],
    });
    assert.match(text, /Plan distribution, row 3, column "Acknowledged by \(name\)"/);
    await d.refused(S.ready, { no: number, fields: { department: 'security', ready_at: '2026-04-23 16:00' } }, '2026-04-23 16:00', {
      kind: 'deptNotSent',
      form: 'plan_distributions',
      field: 'department',
      record: number,
      naming: ['Security', 'made ready'],
    });
    for (const department of ['site_operations', 'catering']) {
      await d.run(S.acknowledge, { no: number, fields: { department, acknowledged: sig('签收人', '2026-04-22 09:00') } }, '2026-04-22 09:00');
    }
    await d.refused(S.ready, { no: number, fields: { department: 'catering', ready_at: '2026-04-22 08:00' } }, '2026-04-23 16:00', {
      kind: 'reservationTooEarly',
      form: 'plan_distributions',
      field: 'ready_at',
      record: number,
      naming: ['2026-04-22 08:00'],
    });
    assert.equal((await d.run<{ status: string }>(S.ready, { no: number, fields: { department: 'catering', ready_at: '2026-04-23 16:00' } }, '2026-04-23 16:00')).status, 'plan_sent');
    await d.refused(S.ready, { no: number, fields: { department: 'catering', ready_at: '2026-04-23 17:00' } }, '2026-04-23 17:00', {
      kind: 'deptAlreadyReady',
      form: 'plan_distributions',
      field: 'ready',
      record: number,
      naming: ['Catering', '2026-04-23 16:00'],
    });
    assert.equal((await d.run<{ status: string }>(S.ready, { no: number, fields: { department: 'site_operations', ready_at: '2026-04-24 10:00' } }, '2026-04-24 10:00')).status, 'depts_ready');
    // One more department later: the plan waits for it again.
    assert.equal((await d.run<{ status: string }>(S.send, { no: number, fields: { departments: ['security'], sent_at: '2026-04-24 11:00' } }, '2026-04-24 11:00')).status, 'plan_sent');
    const t = await d.tables('plan_distributions', 'reservations');
    assert.deepEqual(
      t.plan_distributions.map((l) => [l.department, l.acknowledged_by, l.ready, l.ready_at]),
      [
        ['site_operations', '签收人', true, '2026-04-24 10:00'],
        ['catering', '签收人', true, '2026-04-23 16:00'],
        ['security', null, null, null],
      ],
    );
    assert.equal(t.reservations[0].status, 'plan_sent');
  });

  it('deliver, serve, close: the signed receipt once departments are ready; served not before the tickets; closed', async () => {
    const d = await desk();
    const number = await sent(d, ['catering']);
    const receipt = { ticket_count: 32, ticket_type: '团体票', delivered_at: '2026-05-01 15:30', delivered_by: sig('赵军', '2026-05-01 15:30'), received_by: sig('周淑芬', '2026-05-01 15:30') };
    await d.refused(S.deliver, { no: number, fields: receipt }, '2026-05-01 15:30', { kind: 'wrongStatus', form: 'reservations', field: 'status', record: number, naming: ['Departments ready'] });
    await d.run(S.acknowledge, { no: number, fields: { department: 'catering', acknowledged: sig('何丽', '2026-04-22 09:00') } }, '2026-04-22 09:00');
    await d.run(S.ready, { no: number, fields: { department: 'catering', ready_at: '2026-04-30 09:00' } }, '2026-04-30 09:00');
    await d.refused(S.deliver, { no: number, fields: { ...receipt, received_by: undefined } }, '2026-05-01 15:30', {
      kind: 'required',
      form: 'ticket_deliveries',
      field: 'received_by_by',
      record: '',
    });
    await d.refused(S.deliver, { no: number, fields: { ...receipt, delivered_at: '2026-04-19 15:30' } }, '2026-05-01 15:30', {
      kind: 'reservationTooEarly',
      form: 'ticket_deliveries',
      field: 'delivered_at',
      record: number,
    });
    assert.equal((await d.run<{ status: string }>(S.deliver, { no: number, fields: receipt }, '2026-05-01 15:35')).status, 'tickets_delivered');
    await d.refused(S.serve, { no: number, fields: { served_at: '2026-05-01 09:40', served_count: 31 } }, '2026-05-02 09:45', {
      kind: 'reservationTooEarly',
      form: 'reservations',
      field: 'served_at',
      record: number,
      naming: ['Delivered at', '2026-05-01 15:30'],
    });
    assert.equal((await d.run<{ status: string }>(S.serve, { no: number, fields: { served_at: '2026-05-02 09:40', served_count: 31 } }, '2026-05-02 09:45')).status, 'served');
    assert.equal((await d.run<{ status: string }>(S.close, { no: number, fields: { closing_note: '实到31人' } }, '2026-05-02 17:30')).status, 'closed');
    const t = await d.tables('reservations', 'ticket_deliveries');
    assert.deepEqual(t.reservations[0], { reservation_no: number, status: 'closed', served_at: '2026-05-02 09:40', served_count: 31, closing_note: '实到31人', voided: false });
    assert.deepEqual(t.ticket_deliveries, [{ reservation_no: number, ticket_count: 32, ticket_type: '团体票', delivered_at: '2026-05-01 15:30', delivered_by_by: '赵军', received_by_by: '周淑芬' }]);
  });
});

describe('reservations and reception plans: the to-do queue and kefu check (W6)', function () {
  this.timeout(120_000);

  const queue = async (d: Desk, at: string) => todoQueue([reservationWorkflow], await d.ledger.read(queueRequest([reservationWorkflow])), at);

  it('lists the departments not acknowledged or not ready from plan_ready_days before the visit, overdue, naming them; tickets by their time', async () => {
    const d = await desk('zh-CN');
    const number = await sent(d, ['site_operations', 'catering', 'security']);
    await d.run(S.acknowledge, { no: number, fields: { department: 'site_operations', acknowledged: sig('孙立平', '2026-04-22 09:00') } }, '2026-04-22 09:00');
    await d.run(S.acknowledge, { no: number, fields: { department: 'security', acknowledged: sig('吴刚', '2026-04-22 09:00') } }, '2026-04-22 09:00');
    await d.run(S.ready, { no: number, fields: { department: 'security', ready_at: '2026-04-30 09:00' } }, '2026-04-30 09:00');
    // Two days before the visit: only the tickets, not yet due.
    const early = await queue(d, '2026-04-30 18:00');
    assert.deepEqual(
      early.map((i) => [i.rule, i.due, i.overdue]),
      [['ticket_delivery', '2026-05-01 16:00', false]],
    );
    // The day before (plan_ready_days = 1): the site not ready, the caterers not even acknowledging.
    const before = await queue(d, '2026-05-01 08:00');
    assert.deepEqual(
      before.map((i) => [i.record, i.rule, i.subject, i.person, i.due, i.overdue, i.minutesLate]),
      [
        [number, 'plan_ready', '场务管理部门', '夕阳红老年大学游园团', '2026-05-01 00:00', true, 480],
        [number, 'plan_acknowledge', '餐饮部门', '夕阳红老年大学游园团', '2026-05-01 00:00', true, 480],
        [number, 'ticket_delivery', '人民路18号', '夕阳红老年大学游园团', '2026-05-01 16:00', false, -480],
      ],
    );
    // Two days' notice in the rules table: the items come a day earlier.
    const basis = await d.ledger.read({ tables: { visitor_rules: { columns: ['parameter', 'value'], rows: 'all' } }, writes: ['visitor_rules'] });
    const row = basis.tables.visitor_rules.find((r) => r.values.parameter === 'plan_ready_days')!;
    await d.ledger.apply({ updates: [{ ref: row.ref, values: { value: '2' } }], audit: [] }, basis);
    assert.deepEqual(
      (await queue(d, '2026-04-30 08:00')).map((i) => [i.rule, i.due]),
      [
        ['plan_ready', '2026-04-30 00:00'],
        ['plan_acknowledge', '2026-04-30 00:00'],
        ['ticket_delivery', '2026-05-01 16:00'],
      ],
    );
    // Everything done in time: nothing left but the tickets; delivered, nothing at all.
    await d.run(S.acknowledge, { no: number, fields: { department: 'catering', acknowledged: sig('何丽', '2026-05-01 08:30') } }, '2026-05-01 08:30');
    await d.run(S.ready, { no: number, fields: { department: 'catering', ready_at: '2026-05-01 09:00' } }, '2026-05-01 09:00');
    await d.run(S.ready, { no: number, fields: { department: 'site_operations', ready_at: '2026-05-01 09:10' } }, '2026-05-01 09:10');
    assert.deepEqual(
      (await queue(d, '2026-05-01 17:00')).map((i) => [i.rule, i.overdue]),
      [['ticket_delivery', true]],
    );
    await d.run(
      S.deliver,
      {
        no: number,
        fields: { ticket_count: 32, ticket_type: '团体票', delivered_at: '2026-05-01 17:10', delivered_by: sig('赵军', '2026-05-01 17:10'), received_by: sig('周淑芬', '2026-05-01 17:10') },
      },
      '2026-05-01 17:10',
    );
    assert.deepEqual(await queue(d, '2026-05-01 18:00'), []);
  });

  it('a reservation whose plan is not sent by then is an item too', async () => {
    const d = await desk();
    const { number } = await d.run<{ number: string }>(reservationWorkflow.create!, reservation(), '2026-04-20 10:05');
    const items = await queue(d, '2026-05-01 07:00');
    assert.deepEqual(
      items.map((i) => [i.record, i.rule, i.overdue]),
      [
        [number, 'plan_send', true],
        [number, 'ticket_delivery', false],
      ],
    );
  });

  it('kefu check: a reservation marked ready with a department not ready, lines of a plan not sent, a line ready but never acknowledged, a plan or receipt missing', async () => {
    const d = await desk();
    const number = await sent(d, ['site_operations', 'catering']);
    const check = async () => checkLedger([reservationWorkflow], await d.ledger.read(ledgerCheckRequest([reservationWorkflow])), '2026-04-25 10:00');
    assert.deepEqual((await check()).errors, [], 'the steps leave a sound ledger');
    // By hand: the reservation marked ready, the caterers' line ready without a signature.
    const basis = await d.ledger.read({
      tables: { reservations: { columns: ['reservation_no'], rows: 'all' }, plan_distributions: { columns: ['department'], rows: 'all' } },
      writes: ['reservations', 'plan_distributions'],
    });
    const catering = basis.tables.plan_distributions.find((l) => l.values.department === 'catering')!;
    await d.ledger.apply(
      {
        updates: [
          { ref: basis.tables.reservations[0].ref, values: { status: 'depts_ready' } },
          { ref: catering.ref, values: { ready: true } },
        ],
        audit: [],
      },
      basis,
    );
    const report = await check();
    assert.deepEqual(
      report.errors.map((p) => [p.kind, p.form, p.row, p.field, p.params?.record, p.params?.department_enUS]),
      [
        ['deptNotReadyMarked', 'plan_distributions', 2, 'ready', number, 'Site operations'],
        ['deptNotAcknowledged', 'plan_distributions', 3, 'acknowledged_by', number, 'Catering'],
      ],
    );
    // Back to "plan drafted": its lines are those of a plan not sent; at "tickets delivered", the receipt is missing.
    await d.ledger.apply({ updates: [{ ref: basis.tables.reservations[0].ref, values: { status: 'plan_drafted' } }], audit: [] }, basis);
    assert.deepEqual(
      (await check()).errors.map((p) => [p.kind, p.row, p.params?.line]),
      [
        ['planLinesNotSent', 2, `JH-${number}-site_operations`],
        ['planLinesNotSent', 3, `JH-${number}-catering`],
        ['deptNotAcknowledged', 3, undefined],
      ],
    );
    await d.ledger.apply({ updates: [{ ref: basis.tables.reservations[0].ref, values: { status: 'tickets_delivered' } }], audit: [] }, basis);
    const late = await check();
    assert.ok(late.errors.some((p) => p.kind === 'missingLinked' && p.params?.value === number && p.params?.target_enUS === 'Ticket deliveries'));
  });
});
