import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoClock, type DemoClock } from '../addin/src/domain/demo';
import { RefusalText, type FieldAct } from '../addin/src/domain/fieldMonth';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { playReservationDay, reservationClerk, type ReservationDaySummary } from '../addin/src/domain/visitors/reservationDay';
import { reservationWorkflow } from '../addin/src/domain/visitors/reservations';
import { queueRequest, todoQueue } from '../addin/src/domain/workflowRuns';
import { WORKFLOWS } from '../addin/src/domain/workflows';
import { findForm } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import type { RecordValues } from '../addin/src/ledger/cells';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import type { Ledger } from '../addin/src/ledger/types';
import { openOnHost, packageBackend, templateBytes, type OfficeSession } from './support/backends';
import { twinFaultAct } from './support/twinFaults';
import { runKefu } from './support/fixtures';

/**
 * Issue 13 "Done when", the reservations' part of the busy day: two groups, plans sent to several
 * departments, the caterers of one late to acknowledge (in the to-do queue the day before the
 * visit), their `ready` before acknowledging refused, tickets delivered, both served and closed —
 * on the Office.js backend on the in-memory host (at most 2 requests a step) and through the
 * command line; a failure at either request of every step, or a lost answer, leaves nothing
 * half-done.
 */

const DAY = '2026-05-02';
const TABLES = ['reservations', 'reception_plans', 'plan_distributions', 'ticket_deliveries'];
const REFUSALS = ['reservation.send', 'reservation.ready'];

async function tables(ledger: Ledger): Promise<Record<string, RecordValues[]>> {
  const snapshot = await ledger.read({ tables: Object.fromEntries(TABLES.map((key) => [key, { columns: columnsOf(findForm(key)!).map((c) => c.key), rows: 'all' as const }])) });
  return Object.fromEntries(TABLES.map((key) => [key, snapshot.tables[key].map((r) => r.values)]));
}

function ledgerAct(ledger: Ledger, clock: DemoClock = demoClock()): FieldAct {
  return async (operation, input, _label, at) => {
    clock.set(at);
    return (await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock, actor: { clerk: reservationClerk('zh-CN'), site: '湖光山色景区' } })).result;
  };
}

/** What the market-management clerk checks at the day's end. */
function assertDay(t: Record<string, RecordValues[]>, summary: ReservationDaySummary): void {
  assert.deepEqual(summary.refusals, REFUSALS, 'every refusal met, in order');
  const [a, b] = summary.reservations;
  assert.deepEqual([a, b], ['YP-2026-0001', 'YP-2026-0002']);
  assert.deepEqual(
    t.reservations.map((r) => [r.reservation_no, r.status, r.served_count, r.closing_note]),
    [
      [a, 'closed', 31, '实到31人，1人因病未来'],
      [b, 'closed', 24, null],
    ],
  );
  assert.deepEqual(
    t.reception_plans.map((p) => [p.plan_no, p.reservation_no, p.drafted_by_by]),
    [
      [`JH-${a}`, a, '王海燕'],
      [`JH-${b}`, b, '王海燕'],
    ],
  );
  assert.deepEqual(
    t.plan_distributions.map((l) => [l.entry_id, l.acknowledged_by, l.acknowledged_at, l.ready, l.ready_at]),
    [
      [`JH-${a}-site_operations`, '孙立平', '2026-04-29 09:10', true, '2026-04-29 16:00'],
      [`JH-${a}-catering`, '何丽', '2026-05-01 08:45', true, '2026-05-01 11:00'],
      [`JH-${a}-security`, '吴刚', '2026-04-29 09:40', true, '2026-04-30 16:30'],
      [`JH-${b}-site_operations`, '孙立平', '2026-04-29 09:15', true, '2026-04-30 15:00'],
      [`JH-${b}-market_management`, '郑敏', '2026-04-29 10:20', true, '2026-04-30 15:30'],
    ],
  );
  assert.deepEqual(
    t.ticket_deliveries.map((d) => [d.reservation_no, d.ticket_count, d.delivered_at, d.received_by_by]),
    [
      [a, 32, '2026-05-01 15:30', '周淑芬'],
      [b, 24, '2026-05-01 16:40', '陈志明'],
    ],
  );
}

/** The late department's item as the queue has it the day before the visit. */
function lateItem(items: ReturnType<typeof todoQueue>, record: string) {
  return items.filter((i) => i.record === record && i.rule.startsWith('plan_')).map((i) => [i.rule, i.subject, i.overdue]);
}

describe('the reservations of the busy day (issue 13)', function () {
  this.timeout(600_000);

  it('runs on the Office.js backend on the in-memory host, every step in at most 2 requests; the late caterers in the queue the day before', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    const act = ledgerAct(session.ledger);
    const over: string[] = [];
    let late: unknown[] = [];
    const summary = await playReservationDay(
      async (operation, input, label, at) => {
        session.client.resetStats();
        try {
          return await act(operation, input, label, at);
        } finally {
          if (session.client.stats.syncs > 2) over.push(`${label}: ${session.client.stats.syncs}`);
        }
      },
      {
        day: DAY,
        locale: 'zh-CN',
        look: async (_moment, at) => {
          late = lateItem(todoQueue(WORKFLOWS, await session.ledger.read(queueRequest(WORKFLOWS)), at), 'YP-2026-0001');
        },
      },
    );
    assert.deepEqual(over, []);
    assert.equal(summary.steps, 25);
    assert.deepEqual(late, [['plan_acknowledge', '餐饮部门', true]], 'only the caterers, overdue since midnight');
    assertDay(await tables(session.ledger), summary);
    const audit = (await session.ledger.read({ tables: { [AUDIT_TABLE]: { columns: ['who', 'action', 'table', 'record', 'field', 'new_value'], rows: 'all' } } })).tables[AUDIT_TABLE].map(
      (r) => r.values,
    );
    assert.ok(audit.some((e) => e.action === 'acknowledge' && e.table === 'plan_distributions' && e.record === 'JH-YP-2026-0001-catering' && e.new_value === '何丽'));
    assert.ok(audit.some((e) => e.action === 'ready' && e.table === 'reservations' && e.field === 'status' && e.new_value === 'depts_ready'));
    assert.deepEqual([...new Set(audit.filter((e) => TABLES.includes(String(e.table))).map((e) => e.who))], [reservationClerk('zh-CN')]);
  });

  it('goes through the command line: kefu reservation …, kefu queue the day before, kefu check with 0 errors at the end', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-reservations-'));
    try {
      const ledger = path.join(dir, 'ledger.xlsx');
      assert.equal((await runKefu(['template', '--locale', 'zh-CN', '--out', ledger])).code, 0);
      let n = 0;
      const file = async (value: unknown) => {
        const name = path.join(dir, `in-${n++}.json`);
        await fs.writeFile(name, JSON.stringify(value));
        return name;
      };
      const cli: FieldAct = async (_operation, input, label, _at) => {
        const [word, action] = label.split('.');
        const given = input as { no?: string; fields?: Record<string, unknown> };
        const args = action === 'add' ? [word, 'add', ledger, '--json', await file(input)] : [word, action, ledger, given.no!, ...(given.fields ? ['--json', await file(given.fields)] : [])];
        const result = await runKefu([...args, '--clerk', reservationClerk('zh-CN'), '--locale', 'zh-CN']);
        if (result.code === 1) throw new RefusalText(result.stderr);
        assert.equal(result.code, 0, `${label}: ${result.stderr}`);
        const out = result.stdout.trim().split('\n')[0];
        if (action === 'add') return { number: /(\S+)。$/.exec(out)![1] } as never;
        const [, record, created, status] = /^(\S+?)(?: \((\S+)\))?：已记录（(.*)）。$/.exec(out)!;
        return { number: record, created, status: reservationWorkflow.form.statuses.find((s) => s.label['zh-CN'] === status)?.code } as never;
      };
      let queue = '';
      const summary = await playReservationDay(cli, {
        day: DAY,
        locale: 'zh-CN',
        look: async (_moment, at) => {
          queue = (await runKefu(['queue', ledger, '--at', at, '--locale', 'zh-CN'])).stdout;
        },
      });
      const session = await packageBackend.open(new Uint8Array(await fs.readFile(ledger)));
      assertDay(await tables(session.ledger), summary);
      assert.match(queue, /YP-2026-0001 {2}预约登记表 {2}计划已发送 {2}部门待签收接待计划 2026-05-01 00:00 {2}逾期 8 小时 {2}餐饮部门 · 夕阳红老年大学游园团/);
      assert.doesNotMatch(queue, /YP-2026-0002 .*部门待/, 'the school is ready');
      const checked = await runKefu(['check', ledger, '--at', `${DAY} 18:00`, '--locale', 'en-US']);
      assert.equal(checked.code, 0, checked.stdout + checked.stderr);
      assert.match(checked.stdout, /Check done: 0 errors, \d+ warnings\./);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves no half-done step when either request of any step fails, or the answer of either is lost', async () => {
    const dump = async (ledger: Ledger) => {
      const audit = (await ledger.read({ tables: { [AUDIT_TABLE]: { columns: ['who', 'action', 'table', 'record', 'field', 'old_value', 'new_value'], rows: 'all' } } })).tables[AUDIT_TABLE];
      return JSON.stringify({ ...(await tables(ledger)), audit: audit.map((r) => r.values) });
    };
    const twins: OfficeSession[] = [];
    for (let i = 0; i < 2; i++) twins.push(await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN'))));
    const [plain, failing] = twins;
    const actPlain = ledgerAct(plain.ledger);
    const actFailing = ledgerAct(failing.ledger);
    const twin = twinFaultAct({ plain: plain.ledger, failing, actPlain, actFailing, dump });
    const summary = await playReservationDay(twin.act, { day: DAY, locale: 'zh-CN' });
    assert.equal(twin.injected(), (summary.steps - summary.refusals.length) * 4);
    assertDay(await tables(plain.ledger), summary);
  });
});
