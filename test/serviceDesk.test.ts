import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDesk, checkRequest, deskQueue, deskRequest } from '../addin/src/domain/deskCheck';
import { addWorkingDays, calendarFrom, dueAt, isWorkingDay, workingDaysBetween } from '../addin/src/domain/dueDates';
import { KefuError } from '../addin/src/core/problems';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { DESK_STEPS, voidRecord } from '../addin/src/domain/serviceDesk';
import { compileSuggestions, receiveMatter } from '../addin/src/domain/reception';
import { recordReturnVisit } from '../addin/src/domain/complaintProcedure';
import { type StepResult } from '../addin/src/domain/deskSteps';
import { CALENDAR_SEED } from '../addin/src/forms/promisedTimes';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import type { Ledger, Snapshot } from '../addin/src/ledger/types';
import { BACKENDS, defaultClock, openOnHost, templateBytes, xlsxBackend, type OfficeSession } from './support/backends';
import { buildDemo } from '../addin/src/domain/demo';
import { DAY, MIX, receptionInput, runDeskDay, type Act } from './support/deskDay';

const context = { clock: defaultClock(), actor: { clerk: '王丽', site: '测试医院' } };
const calendar = calendarFrom(CALENDAR_SEED);

async function desk(ledger: Ledger): Promise<Snapshot> {
  return ledger.read({
    tables: {
      ...deskRequest().tables,
      complaint_reopenings: checkRequest().tables!.complaint_reopenings,
      [AUDIT_TABLE]: { columns: ['action', 'table', 'record', 'field', 'old_value', 'new_value', 'who'], rows: 'all' },
    },
  });
}

function values(snapshot: Snapshot, table: string) {
  return (snapshot.tables[table] ?? []).map((r) => r.values);
}

const act =
  (ledger: Ledger): Act =>
  async (operation, input) =>
    (await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, context)).result;

/** What a clerk checks after the day: every record where it should be. */
function assertDayOutcome(snapshot: Snapshot, summary: Awaited<ReturnType<typeof runDeskDay>>): void {
  const receptions = values(snapshot, 'reception');
  assert.equal(receptions.length, 50);
  assert.deepEqual(
    receptions.map((r) => r.reception_no).sort(),
    Array.from({ length: 50 }, (_, i) => `JD-${DAY.replace(/-/g, '')}-${String(i + 1).padStart(3, '0')}`),
  );
  const byCategory = (category: string) => receptions.filter((r) => r.category === category);
  for (const [category, count] of Object.entries(MIX)) assert.equal(byCategory(category).length, count, category);
  for (const category of ['inquiry', 'issue_report', 'suggestion', 'other']) {
    assert.ok(
      byCategory(category).every((r) => r.status === 'closed'),
      `${category} closed`,
    );
  }
  assert.ok(
    byCategory('inquiry')
      .filter((r) => r.answered_on_spot === false)
      .every((r) => r.reply === '已电话答复' && typeof r.reply_due === 'string'),
  );
  assert.ok(byCategory('suggestion').every((r) => r.compiled_in === '建议汇总 2026-03' && r.reported_to === 'customer_service'));
  assert.ok(byCategory('issue_report').every((r) => r.referred_to === 'security' && String(r.verification_result).startsWith('核实属实')));

  const tickets = values(snapshot, 'complaints');
  assert.equal(tickets.length, 10);
  for (const ticket of tickets) {
    const link = receptions.find((r) => r.reception_no === ticket.reception_no);
    assert.equal(link?.complaint_no, ticket.ticket_no, 'complaint and reception link both ways');
    if (summary.voided.includes(String(ticket.ticket_no))) {
      assert.equal(ticket.voided, true);
      assert.equal(ticket.void_reason, '重复登记');
      continue;
    }
    assert.equal(ticket.status, 'archived');
    assert.equal(ticket.copy1_signed_by, '保洁主管');
    assert.equal(ticket.archived_by, '王丽');
    assert.equal(ticket.reopen_count, summary.reopened.includes(String(ticket.ticket_no)) ? 1 : 0);
    assert.equal(ticket.return_visit_no, summary.reopened.includes(String(ticket.ticket_no)) ? `${ticket.ticket_no}-HF2` : `${ticket.ticket_no}-HF`);
  }
  assert.deepEqual(
    values(snapshot, 'return_visits')
      .map((v) => v.visit_no)
      .sort(),
    [...summary.visits].sort(),
  );

  const orders = values(snapshot, 'repair_orders');
  const lines = values(snapshot, 'repair_ledger');
  assert.equal(orders.length, 10);
  assert.equal(lines.length, 10);
  for (const order of orders) {
    assert.equal(order.status, 'closed');
    assert.equal(order.engineering_signed_by, '工程部张工');
    assert.equal(order.requester_accepted_by, '来访人');
    const line = lines.find((l) => l.order_no === order.order_no)!;
    assert.deepEqual(
      [line.status, line.technician, line.result, line.visit_result, line.paid],
      ['closed', order.technician, '已修复', 'satisfied', order.paid],
      'the repair ledger line is kept in step',
    );
    assert.equal(receptions.find((r) => r.reception_no === order.reception_no)?.repair_order_no, order.order_no);
  }
  assert.ok(
    orders.some((o) => o.cost === 3550),
    'cost in fen',
  );

  // Field-level audit: every change of every step, who and old → new.
  const audit = values(snapshot, AUDIT_TABLE);
  const first = tickets.find((t) => !summary.voided.includes(String(t.ticket_no)))!;
  const dispatch = audit.find((a) => a.action === 'dispatch' && a.record === first.ticket_no && a.field === 'copy1_signed_by');
  assert.deepEqual([dispatch?.old_value ?? '', dispatch?.new_value, dispatch?.who], ['', '保洁主管', '王丽']);
  const reopened = summary.reopened[0];
  const rehandled = audit.filter((a) => a.action === 'handle' && a.record === reopened && a.field === 'action_result');
  // The reopening moved the first handling into its record and left the ticket blank for the second.
  assert.deepEqual(
    rehandled.map((a) => [a.old_value ?? '', a.new_value]),
    [
      ['', '已处理（第1次）'],
      ['', '已处理（第2次）'],
    ],
  );
  assert.ok(audit.some((a) => a.action === 'reopen' && a.record === reopened && a.field === 'reopen_count' && a.old_value === '0' && a.new_value === '1'));
  assert.ok(audit.some((a) => a.action === 'reopen' && a.record === reopened && a.field === 'action_result' && a.old_value === '已处理（第1次）' && (a.new_value ?? '') === ''));
  const reopenings = values(snapshot, 'complaint_reopenings');
  assert.deepEqual(reopenings.map((r) => r.reopening_no).sort(), summary.reopened.map((no) => `${no}-R1`).sort());
  for (const round of reopenings) {
    const firstHandled = audit.find((a) => a.action === 'handle' && a.record === round.ticket_no && a.field === 'handled_at');
    const visit = values(snapshot, 'return_visits').find((v) => v.visit_no === round.visit_no);
    assert.deepEqual(
      [round.action_result, round.handled_at, round.visit_no, round.reopened_at],
      ['已处理（第1次）', firstHandled?.new_value, `${round.ticket_no}-HF`, visit?.visited_at],
      'the reopened round keeps its own handling and the visit that reopened it',
    );
    const ticket = tickets.find((t) => t.ticket_no === round.ticket_no)!;
    assert.deepEqual([ticket.action_result, ticket.handled_at !== round.handled_at], ['已处理（第2次）', true], 'the ticket holds the handling that stands');
  }
  assert.ok(audit.some((a) => a.action === 'void' && a.field === 'void_reason' && a.new_value === '重复登记'));
  assert.equal(audit.filter((a) => a.action === 'create').length, 50 + 10 + 10 + 10 + summary.visits.length + summary.reopened.length);

  assert.deepEqual(checkDesk(snapshot, `${DAY} 23:00`).errors, [], 'kefu check finds nothing wrong with a correct day');
}

describe('Service desk: a scripted day of 50 receptions through every step', function () {
  this.timeout(300_000);

  for (const backend of BACKENDS) {
    it(`produces the right records on the ${backend.name}`, async () => {
      const session = await backend.open(await templateBytes('zh-CN'));
      const summary = await runDeskDay(act(session.ledger));
      assert.equal(summary.receptions.length, 50);
      assertDayOutcome(await desk(session.ledger), summary);
    });
  }

  it('takes exactly 2 requests for every desk action on the Office.js backend', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    const syncs = new Map<string, number[]>();
    const summary = await runDeskDay(async (operation, input, label) => {
      session.client.resetStats();
      const outcome = await runOperation(session.ledger, operation as Operation<unknown, unknown, never>, input, context);
      syncs.set(label, [...(syncs.get(label) ?? []), session.client.stats.syncs]);
      return outcome.result;
    });
    assert.ok(summary.actions > 150, `${summary.actions} actions`);
    assert.ok(syncs.size >= 19, [...syncs.keys()].join(' '));
    for (const [label, counts] of syncs)
      assert.ok(
        counts.every((n) => n === 2),
        `${label}: ${counts.join(',')}`,
      );
    assertDayOutcome(await desk(session.ledger), summary);
  });

  it('leaves no half-done step when either request of any desk action fails', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    const tried = new Set<string>();
    const dump = async () => {
      const snapshot = await desk(session.ledger);
      return JSON.stringify(Object.fromEntries(Object.entries(snapshot.tables).map(([k, rows]) => [k, rows.map((r) => r.values)])));
    };
    const summary = await runDeskDay(async (operation, input, label) => {
      if (!tried.has(label)) {
        tried.add(label);
        for (const failing of [1, 2]) {
          const before = await dump();
          session.client.failAtSync(failing);
          await assert.rejects(runOperation(session.ledger, operation as Operation<unknown, unknown, never>, input, context), /injected/i, `${label} at sync ${failing}`);
          assert.equal(await dump(), before, `${label}: nothing written when request ${failing} fails`);
        }
      }
      return (await runOperation(session.ledger, operation as Operation<unknown, unknown, never>, input, context)).result;
    });
    assert.ok(tried.size >= 19, [...tried].join(' '));
    // Failed requests claimed numbers that are never issued; what was issued is whole and consistent.
    const snapshot = await desk(session.ledger);
    const report = checkDesk(snapshot, `${DAY} 23:00`);
    assert.deepEqual(
      report.errors.filter((p) => p.kind !== 'numberGap'),
      [],
    );
    assert.equal(values(snapshot, 'reception').length, 50);
    assert.equal(summary.receptions.length, 50);
  });

  it('two co-authoring clerks running mixed desk actions get distinct numbers and lose no update', async () => {
    const workbook = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
    const a = await openOnHost(workbook, { station: 'desk-a' });
    const b = await openOnHost(workbook, { station: 'desk-b' });
    /** Both read before either writes: the worst case. */
    async function both<R1, R2>(x: [OfficeSession, Operation<unknown, unknown, R1>, unknown], y: [OfficeSession, Operation<unknown, unknown, R2>, unknown], flip: boolean) {
      const px = x[1].prepare(x[2], context);
      const py = y[1].prepare(y[2], context);
      const sx = await x[0].ledger.read(x[1].request(px, context));
      const sy = await y[0].ledger.read(y[1].request(py, context));
      const dx = x[1].decide(sx, px, context);
      const dy = y[1].decide(sy, py, context);
      if (flip) {
        await y[0].ledger.apply(dy.changes, sy);
        await x[0].ledger.apply(dx.changes, sx);
      } else {
        await x[0].ledger.apply(dx.changes, sx);
        await y[0].ledger.apply(dy.changes, sy);
      }
      return [dx.result, dy.result] as const;
    }
    const kinds = ['repair', 'complaint', 'inquiry', 'other', 'suggestion', 'issue_report'] as const;
    const received: { kind: string; number: string; linked?: string }[] = [];
    const R = receiveMatter as Operation<unknown, unknown, Awaited<ReturnType<typeof receiveMatter.decide>>['result']>;
    // First, both clerks open a repair on the fresh workbook: both repair-ledger lines must survive.
    const [r0, r1] = await both([a, R, receptionInput('repair', 60)], [b, R, receptionInput('repair', 61)], true);
    received.push({ kind: 'repair', number: r0.number, linked: r0.repairOrderNo }, { kind: 'repair', number: r1.number, linked: r1.repairOrderNo });
    for (let i = 0; i < 24; i++) {
      const kx = kinds[i % kinds.length];
      const ky = kinds[(i + 1) % kinds.length];
      const [rx, ry] = await both([a, R, receptionInput(kx, i)], [b, R, receptionInput(ky, i + 24)], i % 2 === 1);
      received.push({ kind: kx, number: rx.number, linked: rx.complaintNo ?? rx.repairOrderNo }, { kind: ky, number: ry.number, linked: ry.complaintNo ?? ry.repairOrderNo });
    }
    // Then steps on different records, interleaved the same way.
    const tickets = received.filter((r) => r.kind === 'complaint').map((r) => r.linked!);
    const orders = received.filter((r) => r.kind === 'repair').map((r) => r.linked!);
    const S = <T>(op: T) => op as unknown as Operation<unknown, unknown, StepResult>;
    const pairs = Math.min(tickets.length, orders.length);
    for (let i = 0; i < pairs; i++) {
      await both(
        [a, S(DESK_STEPS.complaint.dispatch), { no: tickets[i], fields: { copy1_signed: { by: '主管', at: `${DAY} 20:00` }, copy2_filed: { by: '王丽', at: `${DAY} 20:00` } } }],
        [b, S(DESK_STEPS.repair.sign), { no: orders[i], fields: { engineering_signed: { by: '工程部', at: `${DAY} 20:00` } } }],
        i % 2 === 0,
      );
      await both(
        [a, S(DESK_STEPS.repair.dispatch), { no: orders[i], fields: { technician: `A${i}` } }],
        [b, S(DESK_STEPS.complaint.handle), { no: tickets[i], fields: { action_result: `B${i}`, substantiated: 'partly', handled_at: `${DAY} 21:00` } }],
        i % 2 === 1,
      );
    }
    const snapshot = await desk(a.ledger);
    for (const table of ['reception', 'complaints', 'repair_orders', 'repair_ledger']) {
      const key = table === 'reception' ? 'reception_no' : table === 'complaints' ? 'ticket_no' : 'order_no';
      const numbers = values(snapshot, table).map((r) => String(r[key]));
      assert.equal(new Set(numbers).size, numbers.length, `${table}: no duplicate numbers`);
    }
    assert.equal(values(snapshot, 'reception').length, 50);
    assert.equal(values(snapshot, 'complaints').length, tickets.length);
    assert.equal(values(snapshot, 'repair_ledger').length, orders.length, 'every repair order has its ledger line');
    for (const [i, no] of tickets.slice(0, pairs).entries()) {
      const ticket = values(snapshot, 'complaints').find((t) => t.ticket_no === no)!;
      assert.deepEqual([ticket.status, ticket.copy1_signed_by, ticket.action_result], ['handled', '主管', `B${i}`], no);
    }
    for (const [i, no] of orders.slice(0, pairs).entries()) {
      const order = values(snapshot, 'repair_orders').find((t) => t.order_no === no)!;
      const line = values(snapshot, 'repair_ledger').find((t) => t.order_no === no)!;
      assert.deepEqual([order.status, order.engineering_signed_by, order.technician, line.technician], ['dispatched', '工程部', `A${i}`, `A${i}`], no);
    }
    assert.deepEqual(checkDesk(snapshot, `${DAY} 23:00`).errors, []);
  });
});

describe('Service desk guards', function () {
  this.timeout(120_000);

  async function fresh() {
    return openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
  }
  const run = <R>(session: OfficeSession, op: Operation<unknown, unknown, R>, input: unknown) => runOperation(session.ledger, op, input, context);
  const S = <T>(op: T) => op as unknown as Operation<unknown, unknown, StepResult>;

  it('refuses a return visit before the handling is recorded, naming sheet, row and status in each locale', async () => {
    const session = await fresh();
    const { result } = await run(session, receiveMatter as Operation<unknown, unknown, { complaintNo?: string }>, receptionInput('complaint', 1));
    const before = await desk(session.ledger);
    const error = await run(session, S(recordReturnVisit), {
      no: result.complaintNo,
      fields: {
        visited_at: `${DAY} 12:00`,
        method: 'phone',
        person_visited: '张三',
        resolved: 'yes',
        satisfaction: 'satisfied',
        visitor: { by: '李', at: `${DAY} 12:00` },
        received_by_cs: { by: '王', at: `${DAY} 12:00` },
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof KefuError);
    assert.match(error.describe('zh-CN')[0], /^“投诉处理单”第 2 行“状态”：TS-2026-0001 当前为“已受理”，不能回访；须为：待回访。$/);
    assert.match(error.describe('en-US')[0], /Complaints, row 2, column "Status": TS-2026-0001 is "Received", so it cannot be visited; it must be: Awaiting return visit\./);
    assert.match(error.describe('zh-TW')[0], /「投訴處理單」第 2 列「狀態」：TS-2026-0001 目前為「已受理」/);
    assert.deepEqual(JSON.stringify((await desk(session.ledger)).tables), JSON.stringify(before.tables), 'nothing written');
  });

  it('refuses a visit dated before the handling, any step on a void record, and a non-escalated critical matter', async () => {
    const session = await fresh();
    const { result } = await run(session, receiveMatter as Operation<unknown, unknown, { complaintNo?: string }>, receptionInput('complaint', 1));
    const no = result.complaintNo!;
    await run(session, S(DESK_STEPS.complaint.dispatch), { no, fields: { copy1_signed: { by: 'a', at: `${DAY} 09:00` }, copy2_filed: { by: 'b', at: `${DAY} 09:00` } } });
    await run(session, S(DESK_STEPS.complaint.handle), { no, fields: { action_result: 'x', substantiated: 'no', handled_at: `${DAY} 15:00` } });
    await run(session, S(DESK_STEPS.complaint.return), { no, fields: { returned_to_cs: { by: 'c', at: `${DAY} 15:30` } } });
    const visit = {
      visited_at: `${DAY} 14:00`,
      method: 'phone',
      person_visited: '张三',
      resolved: 'yes',
      satisfaction: 'satisfied',
      visitor: { by: '李', at: `${DAY} 14:00` },
      received_by_cs: { by: '王', at: `${DAY} 14:00` },
    };
    await assert.rejects(run(session, S(recordReturnVisit), { no, fields: visit }), (e: unknown) => e instanceof KefuError && /早于处理完成时间/.test(e.describe('zh-CN')[0]));
    await run(session, S(voidRecord('complaints')), { no, reason: '投诉人撤回' });
    await assert.rejects(run(session, S(recordReturnVisit), { no, fields: { ...visit, visited_at: `${DAY} 16:00` } }), (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'recordVoided');
    await assert.rejects(run(session, S(voidRecord('complaints')), { no, reason: 'again' }), (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'recordVoided');
    await assert.rejects(run(session, S(voidRecord('complaints')), { no, reason: '' }), (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'voidReasonRequired');

    const other = await run(session, receiveMatter as Operation<unknown, unknown, { number: string }>, receptionInput('other', 3)); // i % 3 === 0: critical
    await assert.rejects(
      run(session, S(DESK_STEPS.reception.escalate), { no: other.result.number, fields: { escalated: 'no' } }),
      (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'mustEscalate',
    );
    await assert.rejects(
      run(session, S(DESK_STEPS.reception.verify), { no: other.result.number, fields: { verification_result: 'x' } }),
      (e: unknown) => (e instanceof KefuError && e.problems[0].kind === 'wrongStatus') || (e instanceof KefuError && e.problems[0].kind === 'wrongCategory'),
    );
    const suggestion = await run(session, receiveMatter as Operation<unknown, unknown, { number: string }>, receptionInput('suggestion', 4));
    const wrong = await run(session, S(DESK_STEPS.reception.reply), { no: suggestion.result.number, fields: { replied_at: `${DAY} 18:00`, reply: 'x' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(wrong instanceof KefuError);
    assert.match(wrong.describe('zh-CN')[0], /JD-20260316-\d{3} 的分类是“建议”，不能登记答复；仅适用于：询问。$/);
    assert.match(wrong.describe('en-US')[0], /is in category "Suggestion", so it cannot be replied to; only: Inquiry\.$/);
    const missing = await run(session, S(DESK_STEPS.repair.sign), { no: 'WX-2026-09999', fields: { engineering_signed: { by: 'x', at: `${DAY} 18:00` } } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(missing instanceof KefuError && missing.problems[0].kind === 'recordNotFound', String(missing));
    assert.match(missing.describe('zh-CN')[0], /“工程维修单”：找不到编号为 WX-2026-09999 的记录。/);
    await assert.rejects(
      run(session, compileSuggestions as Operation<unknown, unknown, unknown>, { numbers: [other.result.number], compiled_in: 'x', reported_to: 'supervisor' }),
      (e: unknown) => e instanceof KefuError && e.problems.some((p) => p.kind === 'wrongCategory'),
    );
  });

  it('gives the ticket and the repair order raised at reception its site, attachments and remarks (the pane asks for them once)', async () => {
    const session = await fresh();
    const shared = { site: '住院楼', attachments: 'photo-17.jpg', remarks: '家属陪同' };
    const complaint = await run(session, receiveMatter as Operation<unknown, unknown, { complaintNo?: string }>, { ...receptionInput('complaint', 1), ...shared });
    const repair = await run(session, receiveMatter as Operation<unknown, unknown, { repairOrderNo?: string }>, { ...receptionInput('repair', 2), ...shared });
    const snapshot = await desk(session.ledger);
    const pick = (v: Record<string, unknown>) => ({ site: v.site, attachments: v.attachments, remarks: v.remarks });
    assert.deepEqual(pick(values(snapshot, 'complaints').find((t) => t.ticket_no === complaint.result.complaintNo)!), shared);
    assert.deepEqual(pick(values(snapshot, 'repair_orders').find((o) => o.order_no === repair.result.repairOrderNo)!), shared);
    // A part may still give its own (the command line's JSON); without any, the clerk's site.
    const own = await run(session, receiveMatter as Operation<unknown, unknown, { complaintNo?: string }>, {
      ...receptionInput('complaint', 3),
      complaint: { category: 'cleaning', department: 'cleaning', remarks: '另附说明' },
    });
    const ticket = values(await desk(session.ledger), 'complaints').find((t) => t.ticket_no === own.result.complaintNo)!;
    assert.deepEqual(pick(ticket), { site: '测试医院', attachments: null, remarks: '另附说明' });
  });

  it('refuses bad reception input before claiming a number: every problem, in the right sheet', async () => {
    const session = await fresh();
    const input = { ...receptionInput('repair', 1), caller: undefined, repair: { trade: 'magic' } };
    const error = await run(session, receiveMatter as Operation<unknown, unknown, unknown>, input).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof KefuError);
    const kinds = error.problems.map((p) => `${p.form}.${p.field}:${p.kind}`).sort();
    assert.deepEqual(kinds, ['repair_orders.location:required', 'repair_orders.requester:required', 'repair_orders.trade:notInList']);
    assert.match(error.describe('en-US').join('\n'), /Repair orders, column "Trade": "magic" is not an allowed value/);
    const other = await run(session, receiveMatter as Operation<unknown, unknown, unknown>, { ...receptionInput('other', 1), importance: undefined }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(other instanceof KefuError && other.problems.some((p) => p.field === 'importance' && p.kind === 'requiredWhen'));
  });
});

describe('Due dates on the working-day calendar', () => {
  it('counts 调休 make-up working days and skips public holidays', () => {
    assert.equal(isWorkingDay(calendar, '2026-02-14'), true, 'Saturday make-up working day before the Spring Festival');
    assert.equal(isWorkingDay(calendar, '2026-02-16'), false, 'Monday in the Spring Festival');
    assert.equal(addWorkingDays(calendar, '2026-02-13', 1), '2026-02-14');
    assert.equal(addWorkingDays(calendar, '2026-02-14', 1), '2026-02-24');
    assert.equal(addWorkingDays(calendar, '2026-09-30', 1), '2026-10-08');
    assert.equal(addWorkingDays(calendar, '2025-09-26', 1), '2025-09-28', '2025-09-28 is a Sunday worked');
    assert.equal(dueAt('2026-04-30 16:00', { amount: 3, unit: 'working_days' }, calendar), '2026-05-08 16:00');
    assert.equal(dueAt('2026-03-16 22:30', { amount: 24, unit: 'hours' }, calendar), '2026-03-17 22:30');
  });

  it('lands n working days later, on a working day, for any date of 2025–2027 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 - 40 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const start = new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const due = addWorkingDays(calendar, start, n);
        assert.ok(due > start);
        assert.equal(isWorkingDay(calendar, due), true);
        assert.equal(workingDaysBetween(calendar, start, due), n);
      }),
    );
  });

  it('kefu check accepts a ticket reopened and not yet handled again, and checks its reopening record (issue 11 item 8)', async () => {
    const session = await xlsxBackend.open(await templateBytes('zh-CN'));
    const created = await runOperation(session.ledger, receiveMatter as Operation<unknown, unknown, { complaintNo?: string }>, receptionInput('complaint', 1), context);
    const no = created.result.complaintNo!;
    const sig = (by: string, at: string) => ({ by, at });
    const C = DESK_STEPS.complaint as Record<string, Operation<unknown, unknown, StepResult>>;
    const step = (name: string, fields: Record<string, unknown>) => runOperation(session.ledger, C[name], { no, fields }, context);
    await step('dispatch', { copy1_signed: sig('保洁主管', '2026-03-16 09:00'), copy2_filed: sig('王丽', '2026-03-16 09:00') });
    await step('handle', { action_result: '已处理', substantiated: 'yes', handled_at: '2026-03-16 15:00' });
    await step('return', { returned_to_cs: sig('陈静', '2026-03-16 16:00') });
    const visit = await step('visit', {
      visited_at: '2026-03-17 10:00',
      method: 'phone',
      person_visited: '来访人',
      resolved: 'no',
      satisfaction: 'dissatisfied',
      visitor: sig('李经理助理', '2026-03-17 10:00'),
      received_by_cs: sig('王丽', '2026-03-17 10:05'),
    });
    assert.equal(visit.result.reopened, true);
    const snapshot = await desk(session.ledger);
    assert.deepEqual(checkDesk(snapshot, '2026-03-17 12:00').errors, [], 'reopened, its handling blank on the ticket');
    assert.deepEqual(values(snapshot, 'complaints')[0].handled_at ?? null, null);
    // A reopening record naming a visit that does not exist, reopened before its handling.
    const [round] = snapshot.tables.complaint_reopenings;
    const broken = {
      ...snapshot,
      tables: { ...snapshot.tables, complaint_reopenings: [{ ...round, values: { ...round.values, visit_no: `${no}-HF9`, reopened_at: '2026-03-16 12:00' } }] },
    };
    const errors = checkDesk(broken, '2026-03-17 12:00').errors.map((p) => `${p.kind} ${p.form}.${p.field}`);
    // …and the visit, no longer the one that reopened a round, stands before any handling of the ticket.
    assert.deepEqual(errors.sort(), ['missingLinked complaint_reopenings.visit_no', 'notBefore complaint_reopenings.reopened_at', 'visitBeforeHandling return_visits.ticket_no']);
  });

  it('lists overdue items for the queue, overdue first', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    const run = (kind: Parameters<typeof receptionInput>[0], i: number) =>
      runOperation(session.ledger, receiveMatter as Operation<unknown, unknown, { number: string; due?: string }>, receptionInput(kind, i), context);
    const inquiry = await run('inquiry', 1); // deferred: due in 24 hours
    const repair = await run('repair', 1);
    assert.equal(inquiry.result.due, '2026-03-17 08:09');
    const queue = deskQueue(await desk(session.ledger), '2026-03-17 12:00');
    assert.deepEqual(
      queue.map((q) => [q.record, q.overdue]),
      [
        [inquiry.result.number, true],
        [(repair.result as { repairOrderNo?: string }).repairOrderNo, false],
      ],
    );
    // The list tells the clerk what each is about and who raised it.
    assert.deepEqual(
      queue.map((q) => [q.subject, q.person]),
      [
        ['事项1：inquiry', '来访人1'],
        ['事项1：repair', '来访人1'],
      ],
    );
    const ticket = await runOperation(
      session.ledger,
      receiveMatter as Operation<unknown, unknown, { complaintNo?: string }>,
      { ...receptionInput('complaint', 2), matter: '病房卫生间\n地面有积水' },
      context,
    );
    const anonymous = await runOperation(
      session.ledger,
      receiveMatter as Operation<unknown, unknown, { complaintNo?: string }>,
      { ...receptionInput('complaint', 3), complaint: { category: 'cleaning', department: 'cleaning', subject: '积水', anonymous: 'yes' } },
      context,
    );
    const tickets = deskQueue(await desk(session.ledger), '2026-03-17 12:00').filter((q) => q.table === 'complaints');
    assert.deepEqual(
      tickets.map((q) => [q.record, q.subject, q.person]),
      [
        [ticket.result.complaintNo, '病房卫生间 地面有积水', '来访人2'],
        [anonymous.result.complaintNo, '积水', ''],
      ],
    );
    const report = checkDesk(await desk(session.ledger), '2026-03-17 12:00');
    assert.equal(report.warnings.length, 1);
  });
});

describe('kefu demo: a year of desk activity', function () {
  this.timeout(300_000);

  it('runs the real operations for all six categories and leaves a ledger kefu check accepts', async () => {
    const session = await xlsxBackend.open(await templateBytes('zh-CN'));
    const result = await buildDemo(session.ledger, { year: 2026, complaints: 30, clock: defaultClock() });
    assert.equal(result.complaints, 30);
    const snapshot = await desk(session.ledger);
    const receptions = values(snapshot, 'reception');
    assert.equal(receptions.length, result.receptions);
    assert.deepEqual([...new Set(receptions.map((r) => r.category))].sort(), ['complaint', 'inquiry', 'issue_report', 'other', 'repair', 'suggestion']);
    const tickets = values(snapshot, 'complaints');
    assert.equal(tickets.length, 30);
    assert.ok(tickets.filter((t) => t.status === 'archived').length > 20, 'most complaints of the year are archived');
    assert.ok(values(snapshot, 'repair_orders').some((o) => o.status === 'closed'));
    assert.ok(receptions.some((r) => r.category === 'suggestion' && String(r.compiled_in).startsWith('建议汇总 2026-')));
    assert.deepEqual(checkDesk(snapshot, '2026-12-31 18:00').errors, []);
  });
});
