import assert from 'node:assert/strict';
import { demoClock } from '../addin/src/domain/demo';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { playBusyDay } from '../addin/src/domain/visitors/busyDay';
import { checkLedger, ledgerCheckRequest, queueRequest, todoQueue } from '../addin/src/domain/workflowRuns';
import { WORKFLOWS } from '../addin/src/domain/workflows';
import { findForm } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import type { RecordValues } from '../addin/src/ledger/cells';
import type { Ledger } from '../addin/src/ledger/types';
import type { FieldAct } from '../addin/src/domain/fieldMonth';
import { openOnHost, packageBackend, templateBytes } from './support/backends';
import { idNumbersInWorkbook } from './support/idScan';

/**
 * Issue 13 "Done when": the scripted busy day of all four special-visitor procedures on one ledger
 * (domain/visitors/busyDay.ts), through the Office.js backend on the in-memory host and the
 * part-level backend. Each procedure's own test plays its part through the command line as well
 * (test/loanDay, broadcasts, reservationDay, freeEntry); here the whole day on one workbook: every
 * step in at most 2 requests, every refusal met, `kefu check` without an error, the to-do queue
 * holding the day's loose ends, and no ID number in any cell of the workbook.
 */

const DAY = '2026-05-02';
const TABLES = [
  'vehicles',
  'loans',
  'repair_slips',
  'broadcasts',
  'reservations',
  'reception_plans',
  'plan_distributions',
  'ticket_deliveries',
  'free_entries',
  'gate_counts',
  'postal_log',
  'accessibility_checks',
];

async function tables(ledger: Ledger): Promise<Record<string, RecordValues[]>> {
  const snapshot = await ledger.read({ tables: Object.fromEntries(TABLES.map((key) => [key, { columns: columnsOf(findForm(key)!).map((c) => c.key), rows: 'all' as const }])) });
  return Object.fromEntries(TABLES.map((key) => [key, snapshot.tables[key].map((r) => r.values)]));
}

function ledgerAct(ledger: Ledger, onStep?: (label: string) => void, after?: (label: string) => void): FieldAct {
  const clock = demoClock();
  return async (operation, input, label, at) => {
    clock.set(at);
    onStep?.(label);
    try {
      return (await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock, actor: { clerk: '景区服务中心', site: '湖滨景区' } })).result;
    } finally {
      after?.(label);
    }
  };
}

describe('The scenic area’s busy day: the four special-visitor procedures on one ledger (issue 13 "Done when")', function () {
  this.timeout(600_000);

  it('runs on the Office.js backend (in-memory host): every step in at most 2 requests, every refusal met, no check error, no ID number in any cell', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')), { station: 'gate-1' });
    const over: string[] = [];
    const act = ledgerAct(
      session.ledger,
      () => session.client.resetStats(),
      (label) => void (session.client.stats.syncs > 2 && over.push(`${label}: ${session.client.stats.syncs}`)),
    );
    const day = await playBusyDay(act, { day: DAY, locale: 'zh-CN' });
    assert.deepEqual(over, []);

    const t = await tables(session.ledger);
    const live = (rows: RecordValues[]) => rows.filter((r) => r.voided !== true);
    // 40 loans, one returned damaged (its slip closed, the vehicle lent again), one vehicle lost.
    assert.equal(day.loans.loans.length, 40);
    assert.equal(live(t.loans).length, 40);
    assert.deepEqual(
      live(t.loans)
        .filter((l) => l.return_check === 'damaged')
        .map((l) => l.loan_no),
      [day.loans.damaged.loan],
    );
    assert.equal(t.vehicles.find((v) => v.vehicle_no === day.loans.lost.vehicle)?.status, 'lost');
    assert.equal(t.repair_slips.length, 1);
    // 5 broadcasts: the one found after its first reading closed with a reason; the too-early close refused.
    assert.equal(t.broadcasts.length, day.broadcasts.requests.length);
    assert.equal(day.broadcasts.requests.length, 5);
    assert.ok(t.broadcasts.every((b) => b.status === 'closed'));
    const early = t.broadcasts.filter((b) => Number(b.reading_count) < 3);
    assert.equal(early.length, 1);
    assert.equal(early[0].outcome, 'found');
    assert.ok(String(early[0].early_close_reason ?? '') !== '');
    // 2 reservations, served and closed, every department of their plans ready.
    assert.deepEqual(
      t.reservations.map((r) => r.status),
      ['closed', 'closed'],
    );
    assert.ok(t.plan_distributions.length >= 4 && t.plan_distributions.every((d) => d.ready === true));
    // 300 free-entry checks, the gates reconciled.
    assert.equal(day.entries.entries.length, 300);
    assert.equal(live(t.free_entries).length, 300);
    assert.deepEqual(Object.fromEntries(t.gate_counts.map((g) => [g.gate, g.free_headcount])), day.entries.freePasses);
    // The refusals of every part, each checked for its kind and its message by the part's script.
    for (const [part, refusals] of [
      ['loans', day.loans.refusals],
      ['broadcasts', day.broadcasts.refusals],
      ['reservations', day.reservations.refusals],
      ['entries', day.entries.refusals],
    ] as const)
      assert.ok(refusals.length > 0, `${part}: no refusal met (${JSON.stringify(refusals)})`);
    assert.ok(day.broadcasts.refusals.some((r) => r.startsWith('broadcast.close')));

    // kefu check: no error; the refused lendings' claimed numbers are warnings that say so.
    const report = checkLedger(WORKFLOWS, await session.ledger.read(ledgerCheckRequest(WORKFLOWS)), `${DAY} 20:00`);
    assert.deepEqual(report.errors, []);
    assert.ok(report.warnings.every((w) => w.kind !== 'idNumberInCell'));
    // The to-do queue at the day's end: no vehicle still out, no open broadcast, no department waited for.
    const queue = todoQueue(WORKFLOWS, await session.ledger.read(queueRequest(WORKFLOWS)), `${DAY} 20:00`);
    assert.deepEqual(
      queue.filter((item) => ['loans', 'broadcasts', 'plan_distributions', 'reservations'].includes(item.table)),
      [],
    );

    // No ID number anywhere: every cell of every sheet, the audit log and the hidden sheets included.
    assert.deepEqual(await idNumbersInWorkbook(await session.bytes()), []);
  });

  it('runs on the part-level .xlsx backend (the command line’s) with the same results and no ID number in any cell', async () => {
    const session = await packageBackend.open(await templateBytes('en-US'));
    const day = await playBusyDay(ledgerAct(session.ledger), { day: DAY, locale: 'en-US', entryChecks: 104 });
    const t = await tables(session.ledger);
    assert.equal(t.loans.filter((l) => l.voided !== true).length, 40);
    assert.equal(t.free_entries.filter((e) => e.voided !== true).length, 104);
    assert.equal(day.entries.entries.length, 104);
    const report = checkLedger(WORKFLOWS, await session.ledger.read(ledgerCheckRequest(WORKFLOWS)), `${DAY} 20:00`);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(await idNumbersInWorkbook(await session.bytes()), []);
  });
});
