import assert from 'node:assert/strict';
import { KefuError } from '../addin/src/core/problems';
import { fixedClock } from '../addin/src/core/clock';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { BROADCAST_DUE_KINDS, broadcastItems, broadcastProblems, broadcastWorkflow, closeBroadcast, readBroadcast, readingTimes, requestBroadcast } from '../addin/src/domain/visitors/broadcasts';
import { checkLedger, ledgerCheckRequest, queueRequest, todoQueue } from '../addin/src/domain/workflowRuns';
import { WORKFLOWS } from '../addin/src/domain/workflows';
import { broadcasts } from '../addin/src/forms/visitors';
import { columnsOf } from '../addin/src/forms/columns';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import type { RecordValues } from '../addin/src/ledger/cells';
import type { Ledger } from '../addin/src/ledger/types';
import type { Locale } from '../addin/src/i18n/locale';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoClock } from '../addin/src/domain/demo';
import { playBroadcastDay, type BroadcastDaySummary } from '../addin/src/domain/visitors/broadcastDay';
import { RefusalText, type FieldAct } from '../addin/src/domain/fieldMonth';
import { announcementChoice, announcementText, languagesOf } from '../addin/src/domain/visitors/announcement';
import { openOnHost, packageBackend, templateBytes, type OfficeSession } from './support/backends';
import { ledgerAct } from './support/fieldMonth';
import { twinFaultAct } from './support/twinFaults';
import { runKefu } from './support/fixtures';

/**
 * W5, the missing-person broadcast (issue 13 item 2): the request (Mandarin required), each reading
 * stamped at its time, closing after the minimum readings or earlier with a reason when the person
 * was found; the to-do items of open requests and the check of closed ones, on the Office.js
 * backend (in-memory host).
 */

const clock = fixedClock('2026-05-01 10:00:00');
const context = (at: string, clerk = '播音员小周') => ({ clock: fixedClock(`${at}:00`), actor: { clerk, site: '东湖景区' } });
const op = (o: unknown) => o as Operation<unknown, unknown, Record<string, unknown>>;

async function run(ledger: Ledger, operation: unknown, input: unknown, at: string): Promise<Record<string, unknown>> {
  return (await runOperation(ledger, op(operation), input, context(at))).result;
}

async function refused(promise: Promise<unknown>, locale: Locale = 'zh-CN'): Promise<{ kinds: string[]; fields: string[]; rows: (number | undefined)[]; text: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof KefuError, String(error));
    return { kinds: error.problems.map((p) => p.kind), fields: error.problems.map((p) => p.field ?? ''), rows: error.problems.map((p) => p.row), text: error.describe(locale).join('\n') };
  }
  assert.fail('not refused');
}

function request(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    requested_at: '2026-05-01 10:00',
    requester: '王芳',
    requester_phone: '13800001111',
    relationship: '母亲',
    assisting_staff: '检票员李明',
    missing_name: '李小宝',
    missing_sex: 'male',
    missing_age: 6,
    clothing: '红色上衣、蓝色短裤',
    last_seen_at: '2026-05-01 09:40',
    last_seen_place: '南门售票处',
    meeting_point: '南门游客服务中心',
    languages: 'mandarin、english',
    ...overrides,
  };
}

async function rows(ledger: Ledger): Promise<RecordValues[]> {
  return (await ledger.read({ tables: { broadcasts: { columns: columnsOf(broadcasts).map((c) => c.key), rows: 'all' } } })).tables.broadcasts.map((r) => r.values);
}

describe('Missing-person broadcasts (W5, issue 13 item 2)', function () {
  this.timeout(120_000);
  let session: OfficeSession;

  beforeEach(async () => {
    session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')), { clock });
  });

  it('registers a request XR-YYYYMMDD-NNN with no reading yet, and refuses one without Mandarin, naming the column, before claiming a number', async () => {
    const first = await run(session.ledger, requestBroadcast, request(), '2026-05-01 10:01');
    assert.equal(first.number, 'XR-20260501-001');
    const noMandarin = await refused(run(session.ledger, requestBroadcast, request({ languages: 'local_dialect、english' }), '2026-05-01 10:02'));
    assert.deepEqual(noMandarin.kinds, ['broadcastMandarinRequired']);
    assert.match(noMandarin.text, /“广播寻人登记表”的“广播语种”：寻人广播必须用普通话播送/);
    const en = await refused(run(session.ledger, requestBroadcast, request({ languages: 'english' }), '2026-05-01 10:02'), 'en-US');
    assert.match(en.text, /Broadcasts, column "Languages": a missing-person broadcast must be read in Mandarin/);
    // Last seen after the request: refused too.
    const later = await refused(run(session.ledger, requestBroadcast, request({ last_seen_at: '2026-05-01 10:30' }), '2026-05-01 10:03'));
    assert.deepEqual([later.kinds, later.fields], [['notBefore'], ['requested_at']]);
    const second = await run(session.ledger, requestBroadcast, request({ languages: 'mandarin' }), '2026-05-01 10:04');
    assert.equal(second.number, 'XR-20260501-002', 'no number was claimed by the refused requests');
    // The languages as a list, as the pane's check boxes and a JSON array give them.
    const third = await run(session.ledger, requestBroadcast, request({ languages: ['english', 'mandarin'] }), '2026-05-01 10:05');
    assert.equal(third.number, 'XR-20260501-003');
    assert.deepEqual((await rows(session.ledger))[2].languages, ['english', 'mandarin']);
    const [row] = await rows(session.ledger);
    assert.deepEqual([row.status, row.reading_count, row.reading_times, row.languages], ['requested', null, null, ['mandarin', 'english']]);
  });

  it('stamps each reading at the clock’s time: times appended with 、, the count, the last reading, broadcast done at the rules’ minimum, further readings until closed', async () => {
    const { number } = await run(session.ledger, requestBroadcast, request(), '2026-05-01 10:01');
    const no = String(number);
    const one = await run(session.ledger, readBroadcast, { no, fields: { announcer: '周敏' } }, '2026-05-01 10:03');
    assert.deepEqual(one, { number: no, status: 'broadcasting', readings: 1, readAt: '2026-05-01 10:03' });
    await run(session.ledger, readBroadcast, { no }, '2026-05-01 10:08');
    const three = await run(session.ledger, readBroadcast, { no }, '2026-05-01 10:13');
    assert.deepEqual([three.status, three.readings], ['broadcast_done', 3]);
    const four = await run(session.ledger, readBroadcast, { no }, '2026-05-01 10:20');
    assert.deepEqual([four.status, four.readings], ['broadcast_done', 4]);
    const [row] = await rows(session.ledger);
    assert.deepEqual([row.reading_times, row.reading_count, row.last_read_at, row.announcer, row.status], ['10:03、10:08、10:13、10:20', 4, '2026-05-01 10:20', '周敏', 'broadcast_done']);
    // Each reading is audited: the time list, the count, when, by whom.
    const audit = (await session.ledger.read({ tables: { [AUDIT_TABLE]: { columns: ['action', 'record', 'field', 'old_value', 'new_value'], rows: 'all' } } })).tables[AUDIT_TABLE].map(
      (r) => r.values,
    );
    const counts = audit.filter((a) => a.action === 'read' && a.field === 'reading_count').map((a) => [String(a.old_value ?? ''), a.new_value]);
    assert.deepEqual(counts, [
      ['', '1'],
      ['1', '2'],
      ['2', '3'],
      ['3', '4'],
    ]);
    // The announcer is the clerk when none is given or recorded.
    const other = String((await run(session.ledger, requestBroadcast, request(), '2026-05-01 11:00')).number);
    await runOperation(session.ledger, op(readBroadcast), { no: other }, context('2026-05-01 11:01', '广播员陈静'));
    assert.equal((await rows(session.ledger))[1].announcer, '广播员陈静');
  });

  it('the minimum readings come from the special-visitor rules table', async () => {
    const basis = await session.ledger.read({ tables: { visitor_rules: { columns: ['parameter', 'value'], rows: 'all' } }, writes: ['visitor_rules'] });
    const row = basis.tables.visitor_rules.find((r) => r.values.parameter === 'broadcast_min_readings')!;
    await session.ledger.apply({ updates: [{ ref: row.ref, values: { value: '2' } }] }, basis);
    const no = String((await run(session.ledger, requestBroadcast, request(), '2026-05-01 10:01')).number);
    await run(session.ledger, readBroadcast, { no }, '2026-05-01 10:02');
    assert.equal((await run(session.ledger, readBroadcast, { no }, '2026-05-01 10:05')).status, 'broadcast_done');
    assert.equal((await run(session.ledger, closeBroadcast, { no, fields: { outcome: 'withdrawn', closed_at: '2026-05-01 10:30' } }, '2026-05-01 10:30')).status, 'closed');
  });

  it('closes after the minimum readings; before it only as found with a reason; anything else refused naming the record, the count, the minimum and the column', async () => {
    const no = String((await run(session.ledger, requestBroadcast, request(), '2026-05-01 10:01')).number);
    await run(session.ledger, readBroadcast, { no }, '2026-05-01 10:03');
    const police = await refused(run(session.ledger, closeBroadcast, { no, fields: { outcome: 'handed_to_police', closed_at: '2026-05-01 10:30' } }, '2026-05-01 10:30'));
    assert.deepEqual([police.kinds, police.fields, police.rows], [['broadcastTooFewReadings'], ['reading_count'], [2]]);
    assert.match(police.text, /“广播寻人登记表”第 2 行“广播次数”：XR-20260501-001 只播出了 1 遍，少于规定的 3 遍，不能以“移交公安”结束/);
    const foundNoReason = await refused(run(session.ledger, closeBroadcast, { no, fields: { outcome: 'found', closed_at: '2026-05-01 10:30' } }, '2026-05-01 10:30'), 'zh-TW');
    assert.deepEqual(foundNoReason.fields, ['early_close_reason']);
    assert.match(foundNoReason.text, /「廣播尋人登記表」第 2 列「不足三遍結束原因」：XR-20260501-001 只播出了 1 遍，少於規定的 3 遍：找到走失者而提前結束，須填寫原因/);
    // Not before the request.
    const early = await refused(run(session.ledger, closeBroadcast, { no, fields: { outcome: 'found', closed_at: '2026-05-01 09:55', early_close_reason: '家属在出口找到' } }, '2026-05-01 10:30'));
    assert.deepEqual([early.kinds, early.fields], [['notBefore'], ['closed_at']]);
    assert.equal((await rows(session.ledger))[0].status, 'broadcasting', 'nothing written by a refusal');
    const found = await run(session.ledger, closeBroadcast, { no, fields: { outcome: 'found', closed_at: '2026-05-01 10:06', early_close_reason: '家属在出口找到' } }, '2026-05-01 10:06');
    assert.equal(found.status, 'closed');
    // Closed: no more readings, no second close.
    const again = await refused(run(session.ledger, readBroadcast, { no }, '2026-05-01 10:10'));
    assert.deepEqual(again.kinds, ['wrongStatus']);
    // Three readings: closed as handed to the police without a reason.
    const other = String((await run(session.ledger, requestBroadcast, request(), '2026-05-01 11:00')).number);
    for (const at of ['11:01', '11:06', '11:11']) await run(session.ledger, readBroadcast, { no: other }, `2026-05-01 ${at}`);
    assert.equal((await run(session.ledger, closeBroadcast, { no: other, fields: { outcome: 'handed_to_police', closed_at: '2026-05-01 12:00' } }, '2026-05-01 12:00')).status, 'closed');
    // Withdrawn with no reading at all: refused even with a reason (only a person found closes early).
    const third = String((await run(session.ledger, requestBroadcast, request(), '2026-05-01 13:00')).number);
    const withdrawn = await refused(
      run(session.ledger, closeBroadcast, { no: third, fields: { outcome: 'withdrawn', closed_at: '2026-05-01 13:05', early_close_reason: '求助人离开' } }, '2026-05-01 13:05'),
    );
    assert.deepEqual(withdrawn.fields, ['reading_count']);
    assert.match(withdrawn.text, /只播出了 0 遍/);
  });

  it('lists open requests in the queue with their readings and the minutes since the last, overdue when short of the minimum and unread for 10 minutes', async () => {
    const a = String((await run(session.ledger, requestBroadcast, request(), '2026-05-01 10:00')).number);
    const b = String((await run(session.ledger, requestBroadcast, request({ missing_name: '陈奶奶', requester: '陈先生' }), '2026-05-01 10:02')).number);
    const c = String((await run(session.ledger, requestBroadcast, request({ missing_name: '赵小妹' }), '2026-05-01 10:03')).number);
    await run(session.ledger, readBroadcast, { no: a }, '2026-05-01 10:04');
    for (const at of ['10:05', '10:08', '10:11']) await run(session.ledger, readBroadcast, { no: c }, `2026-05-01 ${at}`);
    const snapshot = await session.ledger.read(queueRequest([broadcastWorkflow]));
    const items = todoQueue([broadcastWorkflow], snapshot, '2026-05-01 10:13');
    assert.deepEqual(
      items.map((i) => [i.record, i.rule, i.due, i.overdue, i.minutesLate, i.subject, i.person]),
      [
        // b: requested at 10:00 (its record says so), never read: overdue since 10:10.
        [b, 'broadcast_reading', '2026-05-01 10:10', true, 3, '陈奶奶：尚未播出，求助后已 13 分钟', '陈先生'],
        // c: read three times, waiting for its outcome (never overdue); then a, due 10 minutes after its reading.
        [c, 'broadcast_close', '2026-05-01 10:11', false, 0, '赵小妹：已播 3 遍，距上次播出 2 分钟', '王芳'],
        [a, 'broadcast_reading', '2026-05-01 10:14', false, -1, '李小宝：已播 1 遍，距上次播出 9 分钟', '王芳'],
      ],
    );
    assert.deepEqual(
      BROADCAST_DUE_KINDS.map((k) => k.code),
      ['broadcast_reading', 'broadcast_close'],
    );
    // Closed and void requests are not listed.
    await run(session.ledger, closeBroadcast, { no: c, fields: { outcome: 'found', closed_at: '2026-05-01 10:15' } }, '2026-05-01 10:15');
    const after = broadcastItems(await session.ledger.read(queueRequest([broadcastWorkflow])), '2026-05-01 10:16');
    assert.deepEqual(
      after.map((i) => i.record),
      [b, a],
    );
    // The English workbook says so in English.
    const en = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('en-US')), { clock });
    const x = String((await run(en.ledger, requestBroadcast, request({ missing_name: 'Lily Chen', languages: 'mandarin' }), '2026-05-01 10:00')).number);
    await run(en.ledger, readBroadcast, { no: x }, '2026-05-01 10:01');
    const [item] = broadcastItems(await en.ledger.read(queueRequest([broadcastWorkflow])), '2026-05-01 10:31');
    assert.deepEqual([item.subject, item.overdue, item.minutesLate], ['Lily Chen: read 1 time(s), 30 min since the last reading', true, 20]);
  });

  it('kefu check reports a request closed with too few readings and no reason, and a count that disagrees with the times', async () => {
    const closedEarly = String((await run(session.ledger, requestBroadcast, request(), '2026-05-01 10:00')).number);
    const mismatch = String((await run(session.ledger, requestBroadcast, request(), '2026-05-01 10:01')).number);
    const fine = String((await run(session.ledger, requestBroadcast, request(), '2026-05-01 10:02')).number);
    await run(session.ledger, readBroadcast, { no: mismatch }, '2026-05-01 10:03');
    await run(session.ledger, readBroadcast, { no: fine }, '2026-05-01 10:04');
    await run(session.ledger, closeBroadcast, { no: fine, fields: { outcome: 'found', closed_at: '2026-05-01 10:05', early_close_reason: '自行返回' } }, '2026-05-01 10:05');
    assert.deepEqual(broadcastProblems(await session.ledger.read(ledgerCheckRequest([broadcastWorkflow]))), [], 'the steps leave nothing to report');
    // Edited by hand in the sheet: closed after one reading with no reason; a count of 2 for one time; times that are not times.
    const basis = await session.ledger.read({ tables: { broadcasts: { columns: columnsOf(broadcasts).map((c) => c.key), rows: 'all' } }, writes: ['broadcasts'] });
    const [r1, r2] = basis.tables.broadcasts;
    await session.ledger.apply(
      {
        updates: [
          { ref: r1.ref, values: { status: 'closed', outcome: 'withdrawn', closed_at: '2026-05-01 10:20', reading_times: '10:05', reading_count: 1 } },
          { ref: r2.ref, values: { reading_count: 2 } },
        ],
      },
      basis,
    );
    const snapshot = await session.ledger.read(ledgerCheckRequest(WORKFLOWS));
    const report = checkLedger(WORKFLOWS, snapshot, '2026-05-01 10:30');
    const ours = report.errors.filter((p) => p.form === 'broadcasts');
    assert.deepEqual(
      ours.map((p) => [p.kind, p.row, p.field, p.params?.record]),
      [
        ['broadcastClosedEarly', 2, 'reading_count', closedEarly],
        ['broadcastCountMismatch', 3, 'reading_count', mismatch],
      ],
    );
    const en = new KefuError(ours).describe('en-US');
    assert.match(en[0], /Broadcasts, row 2, column "Readings": XR-20260501-001 was closed as "Withdrawn" after 1 reading\(s\) \(at least 3 required\) without a reason/);
    assert.match(en[1], /XR-20260501-002 says 2 reading\(s\), but its reading times list 1 \(10:03\)/);
    // Times that are not times are named as such.
    const again = await session.ledger.read({ tables: { broadcasts: { columns: columnsOf(broadcasts).map((c) => c.key), rows: 'all' } }, writes: ['broadcasts'] });
    await session.ledger.apply({ updates: [{ ref: again.tables.broadcasts[1].ref, values: { reading_times: '10点03' } }] }, again);
    const unreadable = broadcastProblems(await session.ledger.read(ledgerCheckRequest([broadcastWorkflow])));
    assert.deepEqual(
      unreadable.map((p) => [p.kind, p.field]),
      [
        ['broadcastClosedEarly', 'reading_count'],
        ['broadcastTimeUnreadable', 'reading_times'],
      ],
    );
  });

  it('reads reading times written with any separator', () => {
    assert.deepEqual(readingTimes('10:03、10:08; 10:13,10:20'), { times: ['10:03', '10:08', '10:13', '10:20'], bad: false });
    assert.deepEqual(readingTimes(''), { times: [], bad: false });
    assert.deepEqual(readingTimes('10:03、25:00').bad, true);
  });
});

const DAY = '2026-05-01';

/** What the broadcast station checks at the day's end: five requests, their readings and outcomes. */
function assertDay(table: RecordValues[], summary: BroadcastDaySummary, stamped: boolean): void {
  assert.deepEqual(summary.refusals, ['broadcast.add', 'broadcast.close'], 'every refusal met, in order');
  assert.equal(summary.steps, 25);
  assert.deepEqual(
    table.map((r) => r.broadcast_no),
    summary.requests,
  );
  assert.deepEqual(
    summary.requests.map((no) => no.slice(0, 11)),
    Array(5).fill('XR-20260501'),
  );
  assert.deepEqual(
    table.map((r) => [r.status, r.outcome, r.reading_count]),
    [
      ['closed', 'found', 1],
      ['closed', 'found', 3],
      ['closed', 'found', 3],
      ['closed', 'handed_to_police', 3],
      ['closed', 'withdrawn', 3],
    ],
  );
  assert.ok(String(table[0].early_close_reason).length > 0, 'found after the first reading: the reason is kept');
  assert.deepEqual(
    table.slice(1).map((r) => r.early_close_reason),
    [null, null, null, null],
  );
  assert.deepEqual(table[0].languages, ['mandarin', 'english']);
  for (const row of table) assert.equal(readingTimes(row.reading_times).times.length, row.reading_count, String(row.broadcast_no));
  if (stamped) {
    assert.deepEqual(
      table.map((r) => r.reading_times),
      ['10:08', '10:32、10:34、10:51', '13:12、13:17、13:22', '14:02、14:07、14:12', '15:22、15:27、15:32'],
    );
    assert.deepEqual(
      table.map((r) => r.closed_at),
      ['10:12', '10:55', '13:40', '16:30', '16:00'].map((t) => `${DAY} ${t}`),
    );
  }
}

describe('The broadcast station’s busy day (issue 13 "Done when")', function () {
  this.timeout(300_000);

  it('runs on the Office.js backend on the in-memory host, every step in at most 2 requests, the queue showing the grandmother overdue', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-TW')));
    const act = ledgerAct(session.ledger, { locale: 'zh-TW' });
    const over: string[] = [];
    let queueAt1045: string[] = [];
    const summary = await playBroadcastDay(
      async (operation, input, label, at) => {
        if (at === `${DAY} 10:50`) {
          const items = broadcastItems(await session.ledger.read(queueRequest([broadcastWorkflow])), `${DAY} 10:45`);
          queueAt1045 = items.map((i) => `${i.record} ${String(i.overdue)} ${i.subject}`);
        }
        session.client.resetStats();
        try {
          return await act(operation, input, label, at);
        } finally {
          if (session.client.stats.syncs > 2) over.push(`${label}: ${session.client.stats.syncs}`);
        }
      },
      { date: DAY, locale: 'zh-TW' },
    );
    assert.deepEqual(over, []);
    assert.deepEqual(queueAt1045, [`${summary.requests[1]} true 陳奶奶：已播 2 遍，距上次播出 11 分鐘`]);
    assertDay(await rows(session.ledger), summary, true);
  });

  it('a day whose refusal does not come stops, naming the step (the checks can fail)', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    const act = ledgerAct(session.ledger);
    // A backend that slips a reason into every closing: the early close is never refused.
    const lenient: FieldAct = (operation, input, label, at) => {
      const given = input as { fields?: Record<string, unknown> };
      return act(operation, label === 'broadcast.close' ? { ...given, fields: { ...given.fields, early_close_reason: '补写' } } : input, label, at);
    };
    await assert.rejects(playBroadcastDay(lenient, { date: DAY, locale: 'zh-CN' }), /broadcast\.close: expected a refusal \(broadcastEarlyReasonMissing\)/);
  });

  it('goes through the command line: kefu broadcast add, read and close, kefu check with no error at the end', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-broadcasts-'));
    try {
      const ledger = path.join(dir, 'ledger.xlsx');
      assert.equal((await runKefu(['template', '--locale', 'zh-CN', '--out', ledger])).code, 0);
      let n = 0;
      const file = async (value: unknown) => {
        const name = path.join(dir, `in-${n++}.json`);
        await fs.writeFile(name, JSON.stringify(value));
        return name;
      };
      const cli: FieldAct = async (_operation, input, label) => {
        const [word, action] = label.split('.');
        const given = input as { no?: string; fields?: Record<string, unknown> };
        const args = action === 'add' ? [word, 'add', ledger, '--json', await file(input)] : [word, action, ledger, given.no!, ...(given.fields ? ['--json', await file(given.fields)] : [])];
        const result = await runKefu([...args, '--clerk', '广播员周敏', '--locale', 'zh-CN']);
        if (result.code === 1) throw new RefusalText(result.stderr);
        assert.equal(result.code, 0, `${label}: ${result.stderr}`);
        const out = result.stdout.trim().split('\n')[0];
        if (action === 'add') return { number: /(XR-\d{8}-\d{3})。$/.exec(out)![1] } as never;
        const [, record, status] = /^(\S+?)：已记录（(.*)）。$/.exec(out)!;
        return { number: record, status: broadcasts.statuses.find((s) => s.label['zh-CN'] === status)?.code } as never;
      };
      const summary = await playBroadcastDay(cli, { date: DAY, locale: 'zh-CN', notes: false });
      const session = await packageBackend.open(new Uint8Array(await fs.readFile(ledger)));
      // The command line stamps each reading when it runs (the system clock): the times are today's, not the script's.
      const table = await rows(session.ledger);
      assertDay(table, summary, false);
      for (const row of table) assert.match(String(row.last_read_at), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      const checked = await runKefu(['check', ledger, '--locale', 'en-US']);
      assert.equal(checked.code, 0, checked.stdout + checked.stderr);
      assert.doesNotMatch(checked.stdout, /broadcast|Broadcasts/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('The broadcast day under failures', function () {
  this.timeout(300_000);

  /** The broadcasts and the audit log as text (two ledgers compared: twins). */
  async function dump(ledger: Ledger): Promise<string> {
    const audit = (await ledger.read({ tables: { [AUDIT_TABLE]: { columns: ['at', 'who', 'action', 'table', 'record', 'field', 'old_value', 'new_value'], rows: 'all' } } })).tables[AUDIT_TABLE];
    return JSON.stringify({ broadcasts: await rows(ledger), audit: audit.map((r) => r.values) });
  }

  it('leaves no half-done step when either request of any step fails, and holds the step once when the write’s answer is lost', async () => {
    const twins: OfficeSession[] = [];
    for (let i = 0; i < 2; i++) twins.push(await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN'))));
    const [plain, failing] = twins;
    const actPlain = ledgerAct(plain.ledger, { clock: demoClock() });
    const actFailing = ledgerAct(failing.ledger, { clock: demoClock() });
    const twin = twinFaultAct({ plain: plain.ledger, failing, actPlain, actFailing, dump });
    const summary = await playBroadcastDay(twin.act, { date: DAY, locale: 'zh-CN' });
    assert.equal(twin.injected(), (summary.steps - summary.refusals.length) * 4);
    assertDay(await rows(plain.ledger), summary, true);
  });
});

describe('The notice the announcer reads (the pane’s Broadcasts view)', () => {
  const record: RecordValues = { ...request(), languages: ['english', 'mandarin', 'local_dialect'] };

  it('is filled from the request: who, sex, age, clothing, last seen when and where, the meeting point and who waits there', () => {
    assert.equal(
      announcementText(record, 'zh-CN'),
      '各位游客请注意，现在播送寻人启事。李小宝，男，6岁，红色上衣、蓝色短裤。于09:40在南门售票处走失。李小宝听到广播后，请到南门游客服务中心，母亲王芳在那里等您。如有游客见到，请带其到南门游客服务中心，或与附近的景区工作人员联系。谢谢！',
    );
    assert.match(announcementText(record, 'zh-TW'), /^各位遊客請注意，現在播送尋人啟事。李小宝，男，6歲/);
    assert.equal(
      announcementText({ ...record, last_seen_at: '2026-04-30 18:00', missing_sex: null, clothing: null, relationship: null }, 'en-US'),
      'Attention please, visitors. Here is a missing-person announcement. We are looking for 李小宝, 6 years old. Last seen at 2026-04-30 18:00 at 南门售票处. 李小宝, if you hear this, please come to 南门游客服务中心, where 王芳 is waiting for you. If you see them, please bring them to 南门游客服务中心 or tell any member of staff nearby. Thank you.',
    );
    // Nothing but the name and the meeting point: no empty phrases.
    assert.equal(
      announcementText({ missing_name: '小明', meeting_point: '东门', requested_at: '2026-05-01 10:00' }, 'zh-CN'),
      '各位游客请注意，现在播送寻人启事。寻找小明。小明听到广播后，请到东门会合。如有游客见到，请带其到东门，或与附近的景区工作人员联系。谢谢！',
    );
  });

  it('is in the pane’s Chinese script for Mandarin (the workbook’s when the pane speaks English), in English for English, and the Mandarin text for a dialect', () => {
    assert.deepEqual(languagesOf(record), ['mandarin', 'local_dialect', 'english']);
    assert.deepEqual(announcementChoice('mandarin', 'zh-TW', 'zh-CN'), { text: 'zh-TW', fromMandarin: false });
    assert.deepEqual(announcementChoice('mandarin', 'en-US', 'zh-TW'), { text: 'zh-TW', fromMandarin: false });
    assert.deepEqual(announcementChoice('mandarin', 'en-US', 'en-US'), { text: 'zh-CN', fromMandarin: false });
    assert.deepEqual(announcementChoice('english', 'zh-CN', 'zh-CN'), { text: 'en-US', fromMandarin: false });
    assert.deepEqual(announcementChoice('local_dialect', 'zh-CN', 'zh-CN'), { text: 'zh-CN', fromMandarin: true });
    assert.deepEqual(announcementChoice('other', 'en-US', 'zh-TW'), { text: 'zh-TW', fromMandarin: true });
  });
});
