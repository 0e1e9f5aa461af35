import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerAccident } from '../addin/src/domain/accidents';
import { demoClock } from '../addin/src/domain/demo';
import { BATCH_CHECK_STEPS } from '../addin/src/domain/fieldWork/fieldChecks';
import { recordMeterNotice, recordPreshiftMeeting } from '../addin/src/domain/fieldWork/registers';
import { fieldClerk } from '../addin/src/domain/fieldMonth';
import { WORKFLOWS } from '../addin/src/domain/workflows';
import type { Operation } from '../addin/src/domain/records';
import { findForm } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import { hostWorkbookFromXlsx, hostWorkbookToXlsx } from '../addin/src/host';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import type { RecordValues } from '../addin/src/ledger/cells';
import type { Ledger } from '../addin/src/ledger/types';
import { openOnHost, packageBackend, templateBytes, type OfficeSession } from './support/backends';
import { MONTH, RefusalText, fieldMonth, ledgerAct, seedWorkers, workerRows, type FieldAct, type FieldMonthSummary } from './support/fieldMonth';
import { twinFaultAct } from './support/twinFaults';
import { runKefu } from './support/fixtures';

/**
 * Issue 12 "Done when" item 1 and the month of item 4: the scripted month of two field teams on
 * the Office.js backend (in-memory host) and the part-level .xlsx backend, then through the
 * command line; two co-authoring clients numbering the field registers; a failure at every
 * request of every step leaving no half-done step.
 */

const FIELD_TABLES = [
  'rotation_orders',
  'batch_installs',
  'preshift_meetings',
  'safety_gear',
  'meter_notices',
  'installation_sheets',
  'power_off_checks',
  'rotation_spot_checks',
  'investigations',
  'field_check_lines',
  'collection_checks',
  'accident_verbal_reports',
  'accident_written_reports',
  'accident_investigations',
  'accident_reports',
];

async function tables(ledger: Ledger): Promise<Record<string, RecordValues[]>> {
  const snapshot = await ledger.read({ tables: Object.fromEntries(FIELD_TABLES.map((key) => [key, { columns: columnsOf(findForm(key)!).map((c) => c.key), rows: 'all' as const }])) });
  return Object.fromEntries(FIELD_TABLES.map((key) => [key, snapshot.tables[key].map((r) => r.values)]));
}

const REFUSALS = ['rotation.notify', 'batch.ready', 'rotation.ready', 'rotation.verify-collection', 'accident.close'];

/** What the field clerk checks at the month's end. */
function assertMonth(t: Record<string, RecordValues[]>, summary: FieldMonthSummary): void {
  assert.deepEqual(summary.refusals, REFUSALS, 'every refusal met, in order');
  const orders = [...t.rotation_orders, ...t.batch_installs];
  assert.deepEqual(
    orders.map((o) => [o.order_no, o.status]),
    [...summary.rotation, ...summary.batch].map((no) => [no, 'closed']),
  );
  const [roA, roB] = summary.rotation;
  const ro = (no: string) => t.rotation_orders.find((o) => o.order_no === no)!;
  assert.deepEqual([ro(roA).field_checked, ro(roA).field_passed, ro(roA).field_check_no, ro(roA).rectified_on === null], [2, 2, `${roA}-CC2`, false], 'team A re-checked after rectifying');
  assert.deepEqual([ro(roB).notice_no, ro(roB).preshift_no, ro(roB).collection_ok, ro(roB).collection_check_no], [summary.notices[2], summary.meetings[3], 6, `${roB}-CJ2`]);
  // The late notice and the unsigned meeting are kept as they were; the void one with its reason.
  const late = t.meter_notices.find((n) => n.notice_no === summary.notices[1])!;
  assert.equal(late.order_no, roB);
  const unsigned = t.preshift_meetings.find((m) => m.meeting_no === summary.meetings[2])!;
  assert.deepEqual([unsigned.voided, unsigned.crew_signatures], [true, '赵立新、孙海涛']);
  assert.match(String(unsigned.void_reason), /未签字/);
  assert.equal(t.preshift_meetings.find((m) => m.meeting_no === summary.meetings[3])!.inspection_result, 'pass');
  assert.deepEqual(
    t.safety_gear.filter((g) => g.voided === true).map((g) => g.gear_no),
    ['G-T02-202603-2'],
  );
  // Investigations: team A's first failed and was signed by all three, its second passed.
  assert.deepEqual(
    t.investigations.map((i) => [i.order_no, i.status, i.correspondence_failures, Boolean(i.construction_sign_by && i.inspection_sign_by && i.property_sign_by)]),
    [
      [summary.batch[0], 'signed', 1, true],
      [summary.batch[0], 'signed', 0, true],
      [summary.batch[1], 'signed', 0, true],
    ],
  );
  assert.deepEqual(
    t.rotation_spot_checks.map((c) => [c.entry_id, c.passed, c.sampled]),
    [
      [`${roB}-CC1`, 2, 2],
      [`${roA}-CC1`, 1, 2],
      [`${roA}-CC2`, 2, 2],
    ],
  );
  assert.deepEqual(
    t.collection_checks.map((c) => [c.entry_id, c.users_collected]),
    [
      [`${summary.batch[0]}-CJ1`, 6],
      [`${summary.batch[1]}-CJ1`, 5],
      [`${summary.batch[1]}-CJ2`, 6],
      [`${roA}-CJ1`, 6],
      [`${roB}-CJ1`, 5],
      [`${roB}-CJ2`, 6],
    ],
  );
  assert.equal(t.installation_sheets.length, 28);
  assert.equal(t.power_off_checks.length, 2);
  // The accident: phoned in 80 minutes after, written past 24 hours, closed with all four items.
  const [accident] = t.accident_verbal_reports;
  assert.deepEqual([accident.accident_no, accident.status, accident.verbal_minutes, accident.verbal_late, accident.vendor_code], [summary.accident, 'closed', 80, true, 'WB02']);
  const [written] = t.accident_written_reports;
  assert.deepEqual([written.due_at, written.written_late, written.hours_late], ['2026-03-18 10:30', true, 3.5]);
  assert.equal(t.accident_investigations[0].status, 'closed');
  assert.deepEqual(
    t.accident_reports.map((r) => [r.report_no, r.vendor_code, r.accident_count, r.period_month]),
    [
      [summary.reports[0], 'WB02', 1, 3],
      [summary.reports[1], 'WB01', 0, 3],
    ],
  );
}

describe('The month of two field teams (issue 12)', function () {
  this.timeout(600_000);

  it('runs on the Office.js backend on the in-memory host, every step in at most 2 requests', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    await seedWorkers(session.ledger);
    const act = ledgerAct(session.ledger);
    const over: string[] = [];
    const summary = await fieldMonth(async (operation, input, label, at) => {
      session.client.resetStats();
      try {
        return await act(operation, input, label, at);
      } finally {
        if (session.client.stats.syncs > 2) over.push(`${label}: ${session.client.stats.syncs}`);
      }
    });
    assert.deepEqual(over, []);
    assert.equal(summary.steps, 109);
    assertMonth(await tables(session.ledger), summary);
  });

  it('runs on the part-level .xlsx backend, and the audit log holds every change signed by the clerk', async () => {
    const session = await packageBackend.open(await templateBytes('zh-CN'));
    await seedWorkers(session.ledger);
    const summary = await fieldMonth(ledgerAct(session.ledger));
    await session.bytes(); // written, and read back
    assertMonth(await tables(session.ledger), summary);
    const audit = (await session.ledger.read({ tables: { [AUDIT_TABLE]: { columns: ['at', 'who', 'action', 'table', 'record', 'field', 'new_value'], rows: 'all' } } })).tables[AUDIT_TABLE].map(
      (r) => r.values,
    );
    const month = audit.filter((a) => String(a.at).startsWith(MONTH));
    assert.ok(month.length > 200);
    assert.deepEqual([...new Set(month.map((a) => a.who))], [fieldClerk('zh-CN')]);
    assert.ok(month.some((a) => a.action === 'void' && a.table === 'safety_gear' && a.field === 'void_reason'));
    assert.ok(month.some((a) => a.action === 'sign' && a.table === 'batch_installs' && a.field === 'status' && a.new_value === 'rectification'));
  });

  it('a script that is not refused where it should be stops, naming the step (the checks can fail)', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    await seedWorkers(session.ledger);
    const act = ledgerAct(session.ledger);
    // A backend whose notices are always in time: the refusal expected never comes.
    const lenient: FieldAct = (operation, input, label, at) => act(operation, label === 'notice.add' ? { ...(input as Record<string, unknown>), planned_date: '2026-03-30' } : input, label, at);
    await assert.rejects(fieldMonth(lenient, { notes: false }), /rotation\.notify: expected a refusal \(noticeTooLate\)/);
    // A refusal whose message says something else is not the refusal expected.
    const other = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    await seedWorkers(other.ledger);
    const actOther = ledgerAct(other.ledger);
    const wrong: FieldAct = async (operation, input, label, at) => {
      if (label === 'batch.ready' && (input as { no: string }).no === 'BI-202603-02') throw new RefusalText('BI-202603-02：有效期至 something else');
      return actOther(operation, input, label, at);
    };
    await assert.rejects(fieldMonth(wrong), /batch\.ready: the refusal does not say/);
  });

  it('goes through the command line: the month with kefu, queue and perf on the way, kefu check with 0 errors at the end', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-month-'));
    try {
      const ledger = path.join(dir, 'ledger.xlsx');
      assert.equal((await runKefu(['template', '--locale', 'zh-CN', '--out', ledger])).code, 0);
      const roster = path.join(dir, 'workers.csv');
      const rows = workerRows();
      await fs.writeFile(
        roster,
        [
          'worker_id,name,team_code,vendor_code,base_cm,base_rot,base_bat,base_total',
          ...rows.map((r) => `${r.worker_id},${r.name},${r.team_code},${r.vendor_code},1200.00,900.00,900.00,3000.00`),
        ].join('\n'),
      );
      const imported = await runKefu(['import', ledger, 'workers', roster]);
      assert.equal(imported.code, 0, imported.stderr);
      let n = 0;
      const file = async (value: unknown) => {
        const name = path.join(dir, `in-${n++}.json`);
        await fs.writeFile(name, JSON.stringify(value));
        return name;
      };
      const queues: Record<string, string> = {};
      const perf: Record<string, string> = {};
      const clerk = fieldClerk('zh-CN');
      const cli: FieldAct = async (_operation, input, label, at) => {
        const [word, action] = label.split('.');
        const given = input as { no?: string; fields?: Record<string, unknown>; reason?: string; vendor?: string };
        let args: string[];
        if (word === 'accidents') args = ['accidents', ledger, '--month', MONTH, '--vendor', given.vendor!, '--out', path.join(dir, `report-${n++}.xlsx`), '--record'];
        else if (action === 'add') args = [word, 'add', ledger, '--json', await file(input)];
        else if (action === 'void') args = [word, 'void', ledger, given.no!, '--reason', given.reason!];
        else args = [word, action, ledger, given.no!, ...(given.fields ? ['--json', await file(given.fields)] : [])];
        const result = await runKefu([...args, '--clerk', clerk, '--locale', 'zh-CN']);
        if (result.code === 1) throw new RefusalText(result.stderr);
        assert.equal(result.code, 0, `${label}: ${result.stderr}`);
        // The result's line first; warnings (a notice posted late, a rostered worker who did not sign) follow it.
        const all = result.stdout.trim();
        const out = all.split('\n')[0];
        let parsed: Record<string, unknown>;
        if (word === 'accidents') parsed = { number: /SGR-\d{4}-\d{3}/.exec(all)![0] };
        else if (action === 'add') parsed = { number: /(\S+)。$/.exec(out)![1] };
        else {
          const [, record, created, label2] = /^(\S+?)(?: \((\S+)\))?：已记录（(.*)）。$/.exec(out)!;
          const form = WORKFLOWS.find((w) => w.word === word)!.form;
          parsed = { number: record, created, status: form.statuses.find((s) => s.label['zh-CN'] === label2)?.code };
        }
        // What a field clerk looks at on the way.
        const look = async (name: string, withPerf = true) => {
          queues[name] = (await runKefu(['queue', ledger, '--at', at, '--locale', 'zh-CN'])).stdout;
          if (!withPerf) return;
          const csv = path.join(dir, `perf-${name}.csv`);
          const run = await runKefu(['perf', ledger, '--month', MONTH, '--csv', csv, '--locale', 'zh-CN']);
          assert.equal(run.code, 0, run.stderr);
          perf[name] = await fs.readFile(csv, 'utf8');
        };
        if (label === 'accident.report-verbal') await look('accident', false);
        if (label === 'rotation.add' && !(label in queues)) await look(label, false);
        if (label === 'gear.add' || label === 'rotation.ready') {
          // Every moment a piece of gear is added or a team gets ready: the gear about to expire shows at one of them.
          const before = queues.gear ?? '';
          await look('gear', false);
          queues.gear = before + queues.gear;
        }
        if (parsed.status === 'rectification') await look(label);
        return parsed as never;
      };
      const summary = await fieldMonth(cli, { notes: false });
      assert.deepEqual(summary.refusals, REFUSALS);
      const final = await XlsxTables(ledger);
      assertMonth(final, summary);

      assert.match(queues.accident, new RegExp(`${summary.accident}.*书面事故报告.*2026-03-18 10:30`));
      // A rotation order planned, its notice not posted yet; gear whose validity runs out soon or ran out.
      assert.match(queues['rotation.add'], /RO-202603-\d+.*调表通知单张贴/);
      assert.match(queues.gear, /工器具到期提醒|过期工器具送检或报废/);
      assert.match(queues['rotation.check'], /RO-202603-01.*整改/);
      assert.match(queues['batch.verify-collection'], /BI-202603-02.*整改/);
      for (const [moment, item] of [
        ['rotation.check', 'ROT_QC'],
        ['rotation.verify-collection', 'ROT_COLL'],
        ['batch.sign', 'BAT_QC'],
        ['batch.verify-collection', 'BAT_COLL'],
      ]) {
        assert.match(perf[moment], new RegExp(`,${item},`), `kefu perf shows ${item} while the order is in rectification`);
      }
      const checked = await runKefu(['check', ledger, '--at', '2026-03-31 18:00', '--locale', 'en-US']);
      assert.equal(checked.code, 0, checked.stdout + checked.stderr);
      assert.match(checked.stdout, /Check done: 0 errors, \d+ warnings\./);
      const reports = await runKefu(['accidents', ledger, '--month', MONTH, '--out', path.join(dir, 'month.xlsx'), '--locale', 'en-US']);
      assert.equal(reports.code, 0, reports.stderr);
      assert.match(reports.stdout, /2 outsourcing unit\(s\), 1 accident\(s\) in all \(zero reports: WB01\)/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

async function XlsxTables(file: string): Promise<Record<string, RecordValues[]>> {
  const session = await packageBackend.open(new Uint8Array(await fs.readFile(file)));
  return tables(session.ledger);
}

describe('The field month under failures and co-authoring', function () {
  this.timeout(900_000);

  /** Every field table and the audit log as text, rows in order (two ledgers compared: twins). */
  async function dump(ledger: Ledger): Promise<string> {
    const audit = (await ledger.read({ tables: { [AUDIT_TABLE]: { columns: ['at', 'who', 'action', 'table', 'record', 'field', 'old_value', 'new_value'], rows: 'all' } } })).tables[AUDIT_TABLE];
    return JSON.stringify({ ...(await tables(ledger)), audit: audit.map((r) => r.values) });
  }

  it('leaves no half-done step when either request of any step fails, or the answer of either is lost', async () => {
    const twins: OfficeSession[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
      await seedWorkers(s.ledger);
      twins.push(s);
    }
    const [plain, failing] = twins;
    const actPlain = ledgerAct(plain.ledger, { clock: demoClock() });
    const actFailing = ledgerAct(failing.ledger, { clock: demoClock() });
    const twin = twinFaultAct({ plain: plain.ledger, failing, actPlain, actFailing, dump });
    const summary = await fieldMonth(twin.act);
    assert.equal(twin.injected(), (summary.steps - summary.refusals.length) * 4);
    assertMonth(await tables(plain.ledger), summary);
  });

  it('gives two co-authoring clients no duplicate numbers: pre-shift meetings, notices, investigations and accidents claimed and confirmed interleaved', async () => {
    const workbook = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
    const [a, b] = await Promise.all(['clerk-a', 'clerk-b'].map((station) => openOnHost(workbook, { station })));
    await seedWorkers(a.ledger);
    // Six completed batch installs, with their meters, to investigate.
    const orders = Array.from({ length: 6 }, (_, i) => `BI-CO-${i + 1}`);
    const basis = await a.ledger.read({ writes: ['batch_installs', 'installation_sheets'] });
    const sheet = (order: string, j: number) => ({
      work_order_no: `${order}-${j}`,
      work_kind: 'batch_install',
      parent_order_no: order,
      account_no: `A${j}`,
      account_name: '住户',
      name_check: 'match',
      new_meter_no: `${order}-M${j}`,
      new_reading: 0,
      meter_box: 'B1',
      meter_position: String(j),
      breaker_no: `K${j}`,
      correspondence_ok: true,
      load_class: j < 2 ? 'class2' : 'class3',
      collector_type: 'wireless',
      site_cleaned: true,
      install_date: '2026-03-10',
      voided: false,
    });
    await a.ledger.apply(
      {
        appends: {
          batch_installs: orders.map((order_no) => ({ order_no, workers: 'W0101', done_date: '2026-03-10', status: 'completed', site_cleaned: true, voided: false })),
          installation_sheets: orders.flatMap((order) => [0, 1, 2, 3, 4].map((j) => sheet(order, j))),
        },
      },
      basis,
    );
    const context = { clock: demoClock('2026-03-16 09:00'), actor: { clerk: fieldClerk('zh-CN') } };
    type Claimed = () => Promise<string>;
    /** The first request of a creation (its claim and reads); the second, when called. */
    async function claim(session: OfficeSession, operation: Operation<unknown, unknown, { number: string; created?: string }>, input: unknown): Promise<Claimed> {
      const prepared = operation.prepare(input, context);
      const snapshot = await session.ledger.read(operation.request(prepared, context));
      return async () => {
        const { changes, result } = operation.decide(snapshot, prepared, context);
        await session.ledger.apply(changes, snapshot);
        return result.created ?? result.number;
      };
    }
    const op = (o: unknown) => o as Operation<unknown, unknown, { number: string; created?: string }>;
    const meeting = (signed: string) => ({
      meeting_date: '2026-03-16',
      team_code: 'T01',
      vendor_code: 'WB01',
      work_leader: '张建华',
      work_content: '表计轮换',
      work_location: '锦绣花园',
      hazards: '验电',
      hazards_isolated: 'yes',
      uniform_ok: 'yes',
      helmet_ok: 'yes',
      badge_ok: 'yes',
      armband_ok: 'yes',
      gear_check: 'pass',
      roster: signed,
      roster_count: 1,
      crew_signatures: signed,
      signed_count: 1,
    });
    const notice = (i: number) => ({
      area: '锦绣花园',
      meter_boxes: `${i}号表箱`,
      households: 4,
      planned_date: '2026-04-01',
      posted_on: '2026-03-16',
      community_notified: '物业',
      community_contact: '冯国庆',
      community_notified_on: '2026-03-16',
      users_marked: 'yes',
    });
    const accident = (i: number) => ({ reporting_unit: '施工二班', vendor_code: 'WB02', occurred_at: `2026-03-1${i} 10:00`, place: '表箱', summary: '短路' });
    const issued: Record<string, string[]> = { preshift_meetings: [], meter_notices: [], investigations: [], accident_verbal_reports: [] };
    for (let i = 0; i < 3; i++) {
      const pairs: [string, Claimed, Claimed][] = [
        ['preshift_meetings', await claim(a, op(recordPreshiftMeeting), meeting('张建华')), await claim(b, op(recordPreshiftMeeting), meeting('李国强'))],
        ['meter_notices', await claim(a, op(recordMeterNotice), notice(2 * i)), await claim(b, op(recordMeterNotice), notice(2 * i + 1))],
        [
          'investigations',
          await claim(a, op(BATCH_CHECK_STEPS.sample), { no: orders[2 * i], fields: { seed: `a${i}`, check_date: '2026-03-16' } }),
          await claim(b, op(BATCH_CHECK_STEPS.sample), { no: orders[2 * i + 1], fields: { seed: `b${i}`, check_date: '2026-03-16' } }),
        ],
        ['accident_verbal_reports', await claim(a, op(registerAccident), accident(2 * i)), await claim(b, op(registerAccident), accident(2 * i + 1))],
      ];
      // The second client's claims are confirmed first, then the first's.
      for (const [table, , second] of pairs) issued[table].push(await second());
      for (const [table, first] of pairs) issued[table].push(await first());
    }
    const key: Record<string, string> = { preshift_meetings: 'meeting_no', meter_notices: 'notice_no', investigations: 'investigation_no', accident_verbal_reports: 'accident_no' };
    const all = await tables(b.ledger);
    for (const [table, numbers] of Object.entries(issued)) {
      const recorded = all[table].map((r) => String(r[key[table]]));
      assert.equal(new Set(recorded).size, 6, `${table}: ${recorded.join(' ')}`);
      assert.deepEqual([...recorded].sort(), [...numbers].sort(), table);
    }
    // And the workbook as Excel would save it still reads the same.
    const saved = await packageBackend.open(await hostWorkbookToXlsx(workbook));
    assert.equal((await tables(saved.ledger)).investigations.length, 6);
  });
});
