import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoClock, type DemoClock } from '../addin/src/domain/demo';
import { RefusalText, type FieldAct } from '../addin/src/domain/fieldMonth';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { playLoanDay, type LoanDayResult } from '../addin/src/domain/visitors/loanDay';
import { LOAN_STEPS, lendVehicle, registerVehicle } from '../addin/src/domain/visitors/loans';
import { loanDayRequest, loanDaySummary, type LoanDaySummary } from '../addin/src/domain/visitors/loanSummary';
import { checkLedger, ledgerCheckRequest, queueRequest, todoQueue } from '../addin/src/domain/workflowRuns';
import { WORKFLOWS, voidRecord } from '../addin/src/domain/workflows';
import { findForm } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import type { RecordValues } from '../addin/src/ledger/cells';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import type { Ledger } from '../addin/src/ledger/types';
import { openOnHost, packageBackend, templateBytes, type OfficeSession } from './support/backends';
import { renumber } from './support/twinFaults';
import { runKefu } from './support/fixtures';

/**
 * Issue 13 "Done when", the loans' part: the busy day of 40 loans (a damaged return repaired and
 * lent again, a vehicle lost, refusals) on the Office.js backend on the in-memory host, every step
 * in 2 requests, and through the command line with `kefu loans`, `kefu queue` and `kefu check`; a
 * failure at either request of every step, or a lost answer, leaving nothing half-done; two
 * co-authoring clients lending the last free wheelchair at the same moment.
 */

const DAY = '2026-05-01';
const CLERK = '周晓燕';
const TABLES = ['vehicles', 'loans', 'repair_slips'];

async function tables(ledger: Ledger): Promise<Record<string, RecordValues[]>> {
  const snapshot = await ledger.read({ tables: Object.fromEntries(TABLES.map((key) => [key, { columns: columnsOf(findForm(key)!).map((c) => c.key), rows: 'all' as const }])) });
  return Object.fromEntries(TABLES.map((key) => [key, snapshot.tables[key].map((r) => r.values)]));
}

function ledgerAct(ledger: Ledger, clock: DemoClock = demoClock()): FieldAct {
  return async (operation, input, _label, at) => {
    clock.set(at);
    return (await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock, actor: { clerk: CLERK, site: '东湖景区' } })).result;
  };
}

const REFUSALS = ['loan.add', 'loan.settle', 'loan.add'];

/** What site operations check at the day's end. */
function assertDay(t: Record<string, RecordValues[]>, day: LoanDayResult, summary: LoanDaySummary): void {
  assert.deepEqual(day.refusals, REFUSALS, 'every refusal met, in order');
  assert.equal(t.loans.length, 40);
  assert.deepEqual(
    t.loans.map((l) => l.loan_no),
    day.loans,
  );
  assert.ok(
    t.loans.every((l) => /^JY-20260501-\d{3}$/.test(String(l.loan_no))),
    'numbered by the day',
  );
  const status = (no: string) => t.loans.find((l) => l.loan_no === no)!;
  assert.deepEqual(
    t.loans.filter((l) => l.status !== 'settled').map((l) => [l.loan_no, l.status]),
    [[day.lost.loan, 'overdue']],
  );
  const damaged = status(day.damaged.loan);
  assert.deepEqual([damaged.return_check, damaged.repair_slip_no, damaged.settlement, damaged.compensation, damaged.refund], ['damaged', day.damaged.slip, 'deducted', 5000, 15000]);
  assert.equal(status(day.damaged.relent).vehicle_no, day.damaged.vehicle, 'the repaired wheelchair lent again');
  assert.ok(String(status(day.damaged.relent).lent_at) > String(t.repair_slips[0].repaired_at));
  assert.deepEqual(
    t.repair_slips.map((s) => [s.slip_no, s.status, s.result, s.vehicle_no, s.loan_no, Boolean(s.received_by_shop_by)]),
    [[day.damaged.slip, 'closed', 'repaired', day.damaged.vehicle, day.damaged.loan, true]],
  );
  assert.deepEqual(
    t.vehicles.filter((v) => v.status !== 'available').map((v) => [v.vehicle_no, v.status, v.current_loan]),
    [[day.lost.vehicle, 'lost', day.lost.loan]],
  );
  assert.ok(
    t.vehicles.every((v) => v.repair_slip_no === null),
    'no vehicle still carries a slip',
  );
  // The day's summary, from the ledger, says what the script did, balanced to the fen.
  const e = day.expected;
  assert.deepEqual(
    [summary.lent, summary.wheelchairs, summary.strollers, summary.rentals, summary.returned, summary.damaged, summary.lost, summary.outAtClosing, summary.rentalFees],
    [e.lent, e.wheelchairs, e.strollers, e.rentals, e.returned, e.damaged, e.lost, e.outAtClosing, e.rentalFees],
  );
  assert.deepEqual([summary.lent, summary.returned, summary.damaged, summary.lost, summary.outAtClosing], [40, 39, 1, 1, 1]);
  assert.deepEqual(summary.deposits, { heldBefore: 0, taken: e.taken, refunded: e.refunded, kept: e.kept, heldAfter: e.heldAfter, difference: 0, balanced: true });
  assert.ok(e.taken > 500000 && e.kept === 5000 && e.heldAfter > 0);
  assert.deepEqual(summary.loans.lost, [day.lost.loan]);
}

/** The queue as `kefu queue` has it, for the loans. */
async function loanQueueAt(ledger: Ledger, at: string) {
  return todoQueue(WORKFLOWS, await ledger.read(queueRequest(WORKFLOWS)), at).filter((i) => i.table === 'loans' || i.table === 'repair_slips');
}

describe('The busy day of wheelchair and stroller loans (issue 13)', function () {
  this.timeout(600_000);

  it('runs on the Office.js backend on the in-memory host, every step in at most 2 requests; the queue shows the vehicle not back after closing', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    const act = ledgerAct(session.ledger);
    const over: string[] = [];
    const seen: Record<string, string[]> = {};
    const day = await playLoanDay(
      async (operation, input, label, at) => {
        if (label === 'loan.lost') seen.beforeLost = (await loanQueueAt(session.ledger, at)).map((i) => `${i.record} ${i.rule} ${i.overdue ? 'overdue' : 'due'}`);
        if (label === 'repair-slip.receive') seen.beforeReceive = (await loanQueueAt(session.ledger, at)).filter((i) => i.table === 'repair_slips').map((i) => `${i.record} ${i.rule}`);
        session.client.resetStats();
        try {
          return await act(operation, input, label, at);
        } finally {
          if (session.client.stats.syncs > 2) over.push(`${label}: ${session.client.stats.syncs}`);
        }
      },
      { day: DAY, locale: 'zh-CN' },
    );
    assert.deepEqual(over, []);
    assert.equal(day.steps, 22 + 40 + 39 * 2 + 3 + 3);
    assertDay(await tables(session.ledger), day, loanDaySummary(await session.ledger.read(loanDayRequest()), DAY));
    assert.deepEqual(seen.beforeLost, [`${day.lost.loan} loan_closing overdue`]);
    assert.ok(seen.beforeReceive.length === 1 && seen.beforeReceive[0].startsWith(day.damaged.slip));
    // kefu check: nothing out of step; the two refused lendings left their claimed numbers unissued, which it says as warnings.
    const report = checkLedger(WORKFLOWS, await session.ledger.read(ledgerCheckRequest(WORKFLOWS)), `${DAY} 18:00`);
    const ours = report.errors.filter((p) => ['loans', 'vehicles', 'repair_slips'].includes(p.form ?? ''));
    assert.deepEqual(
      ours.map((p) => p.kind),
      [],
    );
    assert.equal(report.warnings.filter((p) => p.kind === 'numberClaimedUnused' && p.form === 'loans').length, 2);
  });

  it('goes through the command line: the day with kefu, then kefu loans (printed and JSON), kefu queue and kefu check', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-loans-'));
    try {
      const ledger = path.join(dir, 'ledger.xlsx');
      assert.equal((await runKefu(['template', '--locale', 'zh-CN', '--out', ledger])).code, 0);
      let n = 0;
      const file = async (value: unknown) => {
        const name = path.join(dir, `in-${n++}.json`);
        await fs.writeFile(name, JSON.stringify(value));
        return name;
      };
      const kefu = async (args: string[]) => runKefu([...args, '--clerk', CLERK, '--locale', 'zh-CN']);
      // The fleet is registered in one command (the script adds one vehicle at a time).
      const fleet: unknown[] = [];
      const flush = async () => {
        if (fleet.length === 0) return;
        const added = await kefu(['vehicle', 'add', ledger, '--json', await file(fleet.splice(0))]);
        assert.equal(added.code, 0, added.stderr);
      };
      let queueBeforeLost = '';
      const cli: FieldAct = async (_operation, input, label, at) => {
        const [word, action] = label.split('.');
        if (label === 'vehicle.add') {
          fleet.push(input);
          return { number: (input as { vehicle_no: string }).vehicle_no } as never;
        }
        await flush();
        if (label === 'loan.lost') queueBeforeLost = (await runKefu(['queue', ledger, '--at', at, '--locale', 'zh-CN'])).stdout;
        const given = input as { no?: string; fields?: Record<string, unknown> };
        const args = action === 'add' ? [word, 'add', ledger, '--json', await file(input)] : [word, action, ledger, given.no!, ...(given.fields ? ['--json', await file(given.fields)] : [])];
        const result = await kefu(args);
        if (result.code === 1) throw new RefusalText(result.stderr);
        assert.equal(result.code, 0, `${label}: ${result.stderr}`);
        const out = result.stdout.trim().split('\n')[0];
        if (action === 'add') return { number: /(\S+)。$/.exec(out)![1] } as never;
        const [, record, created] = /^(\S+?)(?: \((\S+)\))?：已记录（(.*)）。$/.exec(out)!;
        return { number: record, created } as never;
      };
      const day = await playLoanDay(cli, { day: DAY, locale: 'zh-CN' });
      const session = await packageBackend.open(new Uint8Array(await fs.readFile(ledger)));
      const json = await runKefu(['loans', ledger, '--day', DAY, '--json']);
      assert.equal(json.code, 0, json.stderr);
      const summary = JSON.parse(json.stdout) as LoanDaySummary;
      assertDay(await tables(session.ledger), day, summary);
      const printed = await runKefu(['loans', ledger, '--day', DAY, '--locale', 'zh-CN']);
      assert.equal(printed.code, 0, printed.stderr);
      assert.match(printed.stdout, /借出 40 辆（轮椅 27，婴儿车 13），归还 39 辆，其中损坏 1 辆；遗失 1 辆；截止时仍未归还 1 辆。/);
      const d = summary.deposits;
      const yuan = (fen: number) => (fen / 100).toFixed(2);
      assert.ok(printed.stdout.includes(`押金：期初持有 0.00 元 + 收取 ${yuan(d.taken)} 元 = 退还 ${yuan(d.refunded)} 元 + 抵扣赔偿 50.00 元 + 期末持有 ${yuan(d.heldAfter)} 元。`), printed.stdout);
      const english = await runKefu(['loans', ledger, '--day', DAY, '--locale', 'en-US']);
      assert.match(english.stdout, /40 lent \(27 wheelchairs, 13 strollers\), 39 returned of which 1 damaged; 1 lost; 1 still out at closing\./);
      assert.match(queueBeforeLost, new RegExp(`${day.lost.loan}.*车辆超过归还截止时间未还`));
      // On a file a refused lending writes nothing, its claim included: no number is missing.
      const checked = await runKefu(['check', ledger, '--at', `${DAY} 18:00`, '--locale', 'en-US']);
      assert.equal(checked.code, 0, checked.stdout + checked.stderr);
      assert.match(checked.stdout, /Check done: 0 errors, 0 warnings\./);
      assert.deepEqual(
        day.loans.map((no) => Number(no.slice(-3))),
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      // A day without loans is balanced at zero; a bad date is a usage error.
      const empty = await runKefu(['loans', ledger, '--day', '2026-05-02', '--json']);
      assert.equal((JSON.parse(empty.stdout) as LoanDaySummary).deposits.heldBefore, day.expected.heldAfter);
      assert.equal((await runKefu(['loans', ledger, '--day', '2026-02-30'])).code, 2);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('The loans under failures and co-authoring', function () {
  this.timeout(600_000);

  async function dump(ledger: Ledger): Promise<string> {
    const audit = (await ledger.read({ tables: { [AUDIT_TABLE]: { columns: ['at', 'who', 'action', 'table', 'record', 'field', 'old_value', 'new_value'], rows: 'all' } } })).tables[AUDIT_TABLE];
    return JSON.stringify({ ...(await tables(ledger)), audit: audit.map((r) => r.values) });
  }

  it('leaves no half-done step when either request of any step fails, or the answer of either is lost', async () => {
    const twins: OfficeSession[] = [];
    for (let i = 0; i < 2; i++) twins.push(await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN'))));
    const [plain, failing] = twins;
    const actPlain = ledgerAct(plain.ledger);
    const actFailing = ledgerAct(failing.ledger);
    const theirs = new Map<string, string>();
    const ours = new Map<string, string>();
    const steps: string[] = [];
    const step = async (operation: unknown, input: unknown, label: string, at: string): Promise<{ number: string; created?: string }> => {
      const given = JSON.parse(renumber(JSON.stringify(input), theirs)) as unknown;
      const op = operation as Operation<unknown, unknown, never>;
      const before = await dump(failing.ledger);
      const result = (await actPlain(op, input, label, at)) as { number: string; created?: string };
      for (const n of [1, 2]) {
        failing.client.failAtSync(n);
        await assert.rejects(actFailing(op, given, label, at), /injected/i, `${label} at request ${n}`);
        assert.equal(await dump(failing.ledger), before, `${label}: nothing written when request ${n} fails`);
      }
      failing.client.loseResponseAtSync(1);
      await assert.rejects(actFailing(op, given, label, at), Error, `${label}: the read's answer lost`);
      assert.equal(await dump(failing.ledger), before, `${label}: nothing written when the read's answer is lost`);
      failing.client.loseResponseAtSync(2);
      const outcome = (await actFailing(op, given, label, at).catch(() => undefined)) as typeof result | undefined;
      for (const key of ['number', 'created'] as const) {
        const mine = result[key];
        const twin = outcome?.[key];
        if (typeof mine === 'string' && typeof twin === 'string' && mine !== twin) {
          theirs.set(mine, twin);
          ours.set(twin, mine);
        }
      }
      assert.equal(renumber(await dump(failing.ledger), ours), await dump(plain.ledger), `${label}: done whole, once, when the write's answer is lost`);
      steps.push(label);
      return result;
    };
    const at = (time: string) => `${DAY} ${time}`;
    const lend = (vehicle: string, time: string, extra: Record<string, unknown> = {}) => ({
      vehicle_type: vehicle.startsWith('S') ? 'stroller' : 'wheelchair',
      vehicle_no: vehicle,
      loan_kind: 'loan',
      lent_at: at(time),
      borrower: '李建国',
      document_type: 'id_card',
      deposit: '200.00',
      staff: { by: CLERK, at: at(time) },
      ...extra,
    });
    await step(registerVehicle, { vehicle_no: 'W-01', vehicle_type: 'wheelchair' }, 'vehicle.add', at('08:00'));
    await step(registerVehicle, { vehicle_no: 'S-01', vehicle_type: 'stroller' }, 'vehicle.add', at('08:01'));
    const first = await step(lendVehicle, lend('W-01', '09:00'), 'loan.add', at('09:00'));
    const damaged = await step(LOAN_STEPS.return, { no: first.number, fields: { returned_at: at('10:00'), return_check: 'damaged', damage: '刹车失灵' } }, 'loan.return', at('10:00'));
    await step(LOAN_STEPS.settle, { no: first.number, fields: { settlement: 'deducted', compensation: '50.00', compensation_reason: '刹车', settled_at: at('10:05') } }, 'loan.settle', at('10:05'));
    await step(LOAN_STEPS.receive, { no: damaged.created, fields: { received_by_shop: { by: '郑师傅', at: at('10:20') } } }, 'repair-slip.receive', at('10:20'));
    await step(LOAN_STEPS.close, { no: damaged.created, fields: { repaired_at: at('12:00'), result: 'repaired' } }, 'repair-slip.close', at('12:00'));
    const second = await step(lendVehicle, lend('W-01', '13:00'), 'loan.add', at('13:00'));
    await step(LOAN_STEPS.return, { no: second.number, fields: { returned_at: at('14:00'), return_check: 'intact' } }, 'loan.return', at('14:00'));
    const third = await step(lendVehicle, lend('S-01', '15:00', { loan_kind: 'rental', rental_fee: '20.00' }), 'loan.add', at('15:00'));
    await step(LOAN_STEPS.lost, { no: third.number, fields: { lost_note: '闭园未还' } }, 'loan.lost', at('17:45'));
    await step(LOAN_STEPS.found, { no: 'S-01' }, 'vehicle.found', at('18:30'));
    await step(voidRecord('loans'), { no: second.number, reason: '登记错误' }, 'loan.void', at('18:40'));
    assert.equal(steps.length, 13);
    const t = await tables(plain.ledger);
    assert.deepEqual(
      t.vehicles.map((v) => [v.vehicle_no, v.status]),
      [
        ['W-01', 'available'],
        ['S-01', 'available'],
      ],
    );
    assert.deepEqual(
      t.loans.map((l) => l.status),
      ['settled', 'inspected', 'overdue'],
    );
  });

  it('two clients lending the last free wheelchair at the same moment: Excel cannot refuse the second, so kefu check and the queue show the double loan at once', async () => {
    const workbook = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
    const [a, b] = await Promise.all(['counter-a', 'counter-b'].map((station) => openOnHost(workbook, { station })));
    const clock = demoClock(`${DAY} 09:00`);
    const context = { clock, actor: { clerk: CLERK } };
    await runOperation(a.ledger, registerVehicle, { vehicle_no: 'W-01', vehicle_type: 'wheelchair' }, context);
    const input = (borrower: string) => ({
      vehicle_type: 'wheelchair',
      vehicle_no: 'W-01',
      loan_kind: 'loan',
      lent_at: `${DAY} 09:00`,
      borrower,
      deposit: '200.00',
      staff: { by: CLERK, at: `${DAY} 09:00` },
    });
    // Both read (the vehicle available, each its own claim) before either writes.
    const preparedA = lendVehicle.prepare(input('王秀英'), context);
    const preparedB = lendVehicle.prepare(input('李建国'), context);
    const snapshotA = await a.ledger.read(lendVehicle.request(preparedA, context));
    const snapshotB = await b.ledger.read(lendVehicle.request(preparedB, context));
    const decidedA = lendVehicle.decide(snapshotA, preparedA, context);
    const decidedB = lendVehicle.decide(snapshotB, preparedB, context);
    await a.ledger.apply(decidedA.changes, snapshotA);
    await b.ledger.apply(decidedB.changes, snapshotB);
    const [loanA, loanB] = [decidedA.result.number, decidedB.result.number];
    assert.notEqual(loanA, loanB, 'two numbers, never one twice');
    // The very next look shows it: the check names both loans and their rows; the queue lists both, overdue.
    const report = checkLedger(WORKFLOWS, await b.ledger.read(ledgerCheckRequest(WORKFLOWS)), `${DAY} 09:01`);
    const double = report.errors.filter((p) => p.kind === 'doubleLoan');
    assert.equal(double.length, 1);
    assert.deepEqual([double[0].params?.loans, double[0].params?.rows, double[0].params?.vehicle], [`${loanA}, ${loanB}`, '2, 3', 'W-01']);
    const queue = (await loanQueueAt(b.ledger, `${DAY} 09:01`)).filter((i) => i.rule === 'double_loan');
    assert.deepEqual(
      queue.map((i) => [i.record, i.overdue]),
      [
        [loanA, true],
        [loanB, true],
      ],
    );
    assert.ok(queue.every((i) => i.table === 'loans'));
    // Not warned of twice: the check's error, not an overdue warning as well.
    assert.ok(!report.warnings.some((p) => p.kind === 'overdueItem' && String(p.params?.what_enUS ?? '').includes('twice')));
    // Once the extra loan is voided, the fleet is in step again.
    await runOperation(a.ledger, voidRecord('loans'), { no: loanA, reason: '重复出借，车辆在李建国处' }, context);
    const after = checkLedger(WORKFLOWS, await a.ledger.read(ledgerCheckRequest(WORKFLOWS)), `${DAY} 09:05`);
    assert.deepEqual(
      after.errors.filter((p) => ['loans', 'vehicles'].includes(p.form ?? '')),
      [],
    );
  });
});
