import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deskRequest } from '../addin/src/domain/deskCheck';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { DESK_STEPS } from '../addin/src/domain/serviceDesk';
import { receiveMatter } from '../addin/src/domain/reception';
import { type StepResult } from '../addin/src/domain/deskSteps';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import type { Snapshot } from '../addin/src/ledger/types';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { defaultClock, templateBytes } from './support/backends';
import { DAY, KINDS, MIX, receptionInput } from './support/deskDay';
import { runKefu, type RunResult } from './support/fixtures';

/**
 * The service desk through the command line, as a back office batches it: a day of 50 receptions
 * entered and taken through every step with `kefu reception|complaint|repair …`, and `kefu check`
 * finding what was planted in a ledger.
 */

const sig = (by: string, at: string) => ({ by, at });
const at = (minutes: number) => `${DAY} ${String(16 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

async function readDesk(file: string): Promise<Snapshot> {
  const ledger = await XlsxLedger.fromBuffer(await fs.readFile(file), { station: 'test', clock: defaultClock() });
  return ledger.read({ tables: { ...deskRequest().tables, [AUDIT_TABLE]: { columns: ['action', 'record', 'field', 'old_value', 'new_value', 'who'], rows: 'all' } } });
}

const rowsOf = (snapshot: Snapshot, table: string) => snapshot.tables[table].map((r) => r.values);

function ok(result: RunResult, what: string): RunResult {
  assert.equal(result.code, 0, `${what}: ${result.stderr}`);
  return result;
}

describe('Service desk on the command line', function () {
  this.timeout(600_000);
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-desk-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function json(name: string, value: unknown): Promise<string> {
    const file = path.join(dir, `${name}.json`);
    await fs.writeFile(file, JSON.stringify(value));
    return file;
  }

  it('takes a day of 50 receptions of all six kinds through every step, in batches', async () => {
    const ledger = path.join(dir, 'day.xlsx');
    ok(await runKefu(['template', '--locale', 'zh-CN', '--out', ledger]), 'template');
    const inputs = KINDS.flatMap((kind) => Array.from({ length: MIX[kind] }, (_, j) => ({ kind, input: receptionInput(kind, KINDS.indexOf(kind) * 10 + j) })));
    inputs.sort((a, b) => String(a.input.received_at).localeCompare(String(b.input.received_at)));
    const added = ok(
      await runKefu([
        'reception',
        'add',
        ledger,
        '--json',
        await json(
          'receptions',
          inputs.map((i) => i.input),
        ),
        '--clerk',
        '王丽',
        '--locale',
        'en-US',
      ]),
      'reception add',
    );
    assert.equal(added.stdout.trim().split('\n').length, 50);
    assert.match(added.stdout, /Reception JD-20260316-001 registered/);
    assert.match(added.stdout, /→ TS-2026-0001/);
    assert.match(added.stdout, /→ WX-2026-00001/);

    let desk = await readDesk(ledger);
    const receptions = rowsOf(desk, 'reception');
    const of = (category: string) => receptions.filter((r) => r.category === category);
    const deferred = of('inquiry').filter((r) => r.answered_on_spot === false);
    ok(
      await runKefu([
        'reception',
        'reply',
        ledger,
        '--json',
        await json(
          'reply',
          deferred.map((r, n) => ({ reception_no: r.reception_no, replied_at: at(n), reply: '已答复' })),
        ),
      ]),
      'reply',
    );
    ok(
      await runKefu([
        'reception',
        'verify',
        ledger,
        '--json',
        await json(
          'verify',
          of('issue_report').map((r) => ({ reception_no: r.reception_no, verification_result: '已核实' })),
        ),
      ]),
      'verify',
    );
    ok(
      await runKefu([
        'reception',
        'escalate',
        ledger,
        '--json',
        await json(
          'escalate',
          of('other').map((r) => ({ reception_no: r.reception_no, escalated: 'yes' })),
        ),
      ]),
      'escalate',
    );
    const compiled = ok(await runKefu(['reception', 'compile', ledger, '--period', '2026-03', '--to', 'supervisor', '--locale', 'zh-CN']), 'compile');
    assert.match(compiled.stdout, /已汇总 6 条建议：建议汇总 2026-03/);

    const tickets = rowsOf(desk, 'complaints').map((t) => String(t.ticket_no));
    const [voided, ...live] = tickets;
    const each = async (group: string, step: string, numbers: string[], fields: (no: string, n: number) => Record<string, unknown>, key: string) =>
      ok(
        await runKefu([
          group,
          step,
          ledger,
          '--json',
          await json(
            `${group}-${step}`,
            numbers.map((no, n) => ({ [key]: no, ...fields(no, n) })),
          ),
        ]),
        `${group} ${step}`,
      );
    const visit = (resolved: boolean, minutes: number) => ({
      visited_at: at(minutes),
      method: 'phone',
      person_visited: '来访人',
      resolved: resolved ? 'yes' : 'no',
      satisfaction: resolved ? 'satisfied' : 'dissatisfied',
      visitor: sig('管理员', at(minutes)),
      received_by_cs: sig('王丽', at(minutes + 5)),
    });
    ok(await runKefu(['complaint', 'void', ledger, voided, '--reason', '重复登记']), 'void');
    await each('complaint', 'dispatch', live, () => ({ copy1_signed: sig('部门负责人', at(1)), copy2_filed: sig('王丽', at(1)) }), 'ticket_no');
    await each('complaint', 'handle', live, () => ({ action_result: '已处理', substantiated: 'yes', handled_at: at(30) }), 'ticket_no');
    await each('complaint', 'return', live, () => ({ returned_to_cs: sig('王丽', at(35)) }), 'ticket_no');
    const visited = await each('complaint', 'visit', live, (_no, n) => visit(n !== 0, 40), 'ticket_no');
    assert.match(visited.stdout, new RegExp(`${live[0]} \\(${live[0]}-HF\\)`));
    // The dissatisfied one was reopened: handled again, returned, visited again.
    ok(await runKefu(['complaint', 'handle', ledger, live[0], '--json', await json('rehandle', { action_result: '重新处理', substantiated: 'yes', handled_at: at(90) })]), 'rehandle');
    ok(await runKefu(['complaint', 'return', ledger, live[0], '--json', await json('rereturn', { returned_to_cs: sig('王丽', at(95)) })]), 'rereturn');
    ok(await runKefu(['complaint', 'visit', ledger, live[0], '--json', await json('revisit', visit(true, 100))]), 'revisit');
    await each('complaint', 'archive', live, () => ({ archived: sig('王丽', at(120)) }), 'ticket_no');

    const orders = rowsOf(desk, 'repair_orders').map((o) => String(o.order_no));
    await each('repair', 'sign', orders, () => ({ engineering_signed: sig('工程部', at(2)) }), 'order_no');
    await each('repair', 'dispatch', orders, (_no, n) => ({ technician: `维修工${n}` }), 'order_no');
    await each('repair', 'arrive', orders, () => ({ arrived_at: at(10) }), 'order_no');
    ok(await runKefu(['repair', 'wait-parts', ledger, orders[0]]), 'wait-parts');
    await each('repair', 'complete', orders, () => ({ completed_at: at(60), result: '已修复', paid: 'no', requester_accepted: sig('来访人', at(61)) }), 'order_no');
    await each('repair', 'return', orders, () => ({ returned_to_cs: sig('王丽', at(70)) }), 'order_no');
    await each('repair', 'close', orders, () => ({ visit_result: 'fairly_satisfied' }), 'order_no');

    desk = await readDesk(ledger);
    assert.ok(rowsOf(desk, 'reception').every((r) => r.status === 'closed' || (['complaint', 'repair'].includes(String(r.category)) && r.status === 'referred')));
    assert.deepEqual(
      rowsOf(desk, 'complaints')
        .map((t) => t.status)
        .sort(),
      [...Array(9).fill('archived'), 'received'],
    );
    assert.equal(rowsOf(desk, 'complaints').find((t) => t.ticket_no === voided)?.voided, true);
    assert.equal(rowsOf(desk, 'complaints').find((t) => t.ticket_no === live[0])?.reopen_count, 1);
    assert.equal(rowsOf(desk, 'return_visits').length, 10);
    assert.ok(rowsOf(desk, 'repair_orders').every((o) => o.status === 'closed'));
    assert.ok(rowsOf(desk, 'repair_ledger').every((l) => l.status === 'closed' && l.visit_result === 'fairly_satisfied' && String(l.technician).startsWith('维修工')));
    assert.ok(rowsOf(desk, AUDIT_TABLE).some((a) => a.action === 'sync' && a.field === 'technician' && a.new_value === '维修工0'));

    const checked = await runKefu(['check', ledger, '--at', `${DAY} 23:00`, '--locale', 'en-US']);
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
    assert.match(checked.stdout, /Check done: 0 errors, 0 warnings\./);

    // A refused step writes nothing, and says why.
    const before = await fs.readFile(ledger);
    const refused = await runKefu(['complaint', 'handle', ledger, live[1], '--json', await json('late', { action_result: 'x', substantiated: 'no', handled_at: at(200) }), '--locale', 'en-US']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /is "Archived", so it cannot be marked as handled; it must be: In handling/);
    assert.deepEqual(await fs.readFile(ledger), before);
  });

  it('kefu check finds a planted duplicate, a gap, guard violations and an overdue item', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 'plant', clock: defaultClock() });
    const context = { clock: defaultClock(), actor: { clerk: '王丽' } };
    const receive = (kind: Parameters<typeof receptionInput>[0], i: number) =>
      runOperation(ledger, receiveMatter as Operation<unknown, unknown, { number: string; complaintNo?: string; repairOrderNo?: string }>, receptionInput(kind, i), context);
    const c1 = await receive('complaint', 1);
    await receive('complaint', 2);
    await receive('complaint', 3);
    const repair = await receive('repair', 4);
    await receive('inquiry', 5); // deferred (i odd): reply due 24 hours later
    const clean = path.join(dir, 'clean.xlsx');
    await fs.writeFile(clean, await ledger.toBuffer());

    // Planted through the ledger itself, as a careless hand edit would leave them:
    const basis = await ledger.read({
      writes: ['complaints', 'repair_orders'],
      tables: {
        complaints: {
          columns: ['ticket_no', 'received_at', 'channel', 'content', 'category', 'department', 'receptionist_by', 'receptionist_at', 'anonymous'],
          rows: { where: 'ticket_no', equals: [c1.result.complaintNo!] },
        },
      },
    });
    const copy = { ...basis.tables.complaints[0].values, status: 'received', voided: false };
    await ledger.apply({ appends: { complaints: [copy, { ...copy, ticket_no: 'TS-2026-0006' }] } }, basis); // duplicate TS-2026-0001; gap 0004–0005
    // A repair completed on its order but not on its ledger line (a guard violation).
    const order = repair.result.repairOrderNo!;
    const S = <T>(op: T) => op as unknown as Operation<unknown, unknown, StepResult>;
    await runOperation(ledger, S(DESK_STEPS.repair.sign), { no: order, fields: { engineering_signed: sig('工程部', `${DAY} 12:00`) } }, context);
    const snap = await ledger.read({ tables: { repair_orders: { columns: ['order_no'], rows: { where: 'order_no', equals: [order] } } }, writes: ['repair_orders'] });
    await ledger.apply(
      {
        updates: [
          {
            ref: snap.tables.repair_orders[0].ref,
            values: { status: 'completed', technician: 'x', completed_at: `${DAY} 13:00`, result: 'ok', paid: false, requester_accepted_by: 'a', requester_accepted_at: `${DAY} 13:00` },
          },
        ],
      },
      snap,
    );
    // A return visit recorded for a ticket whose handling was never recorded.
    const visits = await ledger.read({ writes: ['return_visits'] });
    await ledger.apply(
      {
        appends: {
          return_visits: [
            {
              visit_no: 'TS-2026-0002-HF',
              ticket_no: 'TS-2026-0002',
              visited_at: `${DAY} 12:00`,
              method: 'phone',
              person_visited: '张三',
              resolved: true,
              satisfaction: 'satisfied',
              visitor_by: '李',
              visitor_at: `${DAY} 12:00`,
              received_by_cs_by: '王',
              received_by_cs_at: `${DAY} 12:00`,
              voided: false,
            },
          ],
        },
      },
      visits,
    );
    const planted = path.join(dir, 'planted.xlsx');
    await fs.writeFile(planted, await ledger.toBuffer());

    const result = await runKefu(['check', planted, '--at', '2026-03-20 12:00', '--locale', 'en-US']);
    assert.equal(result.code, 1, 'errors make the exit status 1');
    assert.match(result.stdout, /error: Complaints, column "Ticket no\.": number TS-2026-0001 is used more than once \(rows 2, 5\)\./);
    assert.match(result.stdout, /error: Complaints, column "Ticket no\.": numbers missing: TS-2026-0004–TS-2026-0005/);
    assert.match(result.stdout, /error: Repair ledger, row 2, column "Status": repair ledger line WX-2026-00001 is "Open" but its repair order is "Completed"\./);
    assert.match(result.stdout, /error: Return visits, row 2, column "Ticket no\.": return visit TS-2026-0002-HF is recorded but complaint TS-2026-0002 has no handling result yet/);
    assert.match(result.stdout, /warning: Reception, row \d+, column "Due by": JD-20260316-\d{3} is overdue: Inquiry: reply was due 2026-03-17 \d\d:\d\d/);
    assert.match(result.stderr, /Check done: \d+ errors, \d+ warnings\./);
    const asJson = JSON.parse((await runKefu(['check', planted, '--at', '2026-03-20 12:00', '--json'])).stdout) as { errors: { kind: string }[]; warnings: { kind: string }[] };
    for (const kind of ['duplicateNumber', 'numberGap', 'ledgerOutOfStep', 'visitBeforeHandling'])
      assert.ok(
        asJson.errors.some((e) => e.kind === kind),
        kind,
      );
    assert.ok(asJson.warnings.some((w) => w.kind === 'overdueItem'));

    // Overdue items alone are warnings: exit 0, unless --strict.
    const warnOnly = await runKefu(['check', clean, '--at', '2026-03-20 12:00', '--locale', 'en-US']);
    assert.equal(warnOnly.code, 0, warnOnly.stderr);
    assert.match(warnOnly.stdout, /0 errors, [1-9]\d* warnings/);
    assert.equal((await runKefu(['check', clean, '--at', '2026-03-20 12:00', '--strict'])).code, 1);
    assert.equal((await runKefu(['check', clean, '--at', `${DAY} 12:00`, '--strict'])).code, 0, 'nothing overdue yet');
  });

  it('lists the desk commands in --help', async () => {
    const help = await runKefu(['--help']);
    for (const text of [
      'kefu reception add',
      'kefu reception <reply|verify|escalate|void>',
      'kefu reception compile',
      'kefu complaint <dispatch|handle|return|visit|archive|void>',
      'kefu repair <sign|',
      'kefu check',
    ]) {
      assert.ok(help.stdout.includes(text), text);
    }
  });
});
