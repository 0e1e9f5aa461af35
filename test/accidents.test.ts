import assert from 'node:assert/strict';
import { voidRecord } from '../addin/src/domain/workflows';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../addin/src/core/clock';
import { KefuError } from '../addin/src/core/problems';
import { ACCIDENT_DUE_KINDS, accidentQueue, accidentWorkflow, checkAccidents, closeAccident, investigateAccident, registerAccident, reportVerbal, reportWritten } from '../addin/src/domain/accidents';
import { accidentReportRequest, accidentReportsFrom, parseReportPeriod, recordAccidentReport } from '../addin/src/domain/accidentReports';
import { ACTIONS, lookup } from '../addin/src/domain/deskSteps';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { FOUR_NO_LET_GO, accidentInvestigations, accidentReports, accidentVerbalReports, accidentWrittenReports } from '../addin/src/forms/accidents';
import { columnsOf } from '../addin/src/forms/columns';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import type { Ledger, Snapshot } from '../addin/src/ledger/types';
import type { RecordValues } from '../addin/src/ledger/cells';
import { buildAccidentReportWorkbook } from '../addin/src/workbooks/accidentReportWorkbook';
import { openOnHost, packageBackend, templateBytes, type OfficeSession } from './support/backends';
import { runKefu } from './support/fixtures';
import { SCRIPT_EXCEPTIONS, checkScripts, describeFindings, type LocatedText } from './support/scriptCheck';
import { LOCALES } from '../addin/src/i18n/locale';
import { libreOfficeConvert, pdfTextPages } from './support/libreoffice';

/**
 * Issue 12 item 6: the accident (W9) from the event to its closing under 四不放过, on the Office.js
 * backend (the in-memory host) and the part-level .xlsx backend, and the monthly and yearly reports
 * (F28) against the seed's seven targets.
 */

const clock = () => fixedClock('2026-05-06 10:00:00', 1);
const context = { clock: clock(), actor: { clerk: '安监李强', site: '城东供电' } };
const run = <I, R>(ledger: Ledger, operation: Operation<I, unknown, R>, input: I) => runOperation(ledger, operation, input, context).then((o) => o.result);

const EVENT = '2026-05-04 09:00';
const occurred = (at = EVENT, vendor = 'WB01') => ({
  reporting_unit: '华远电力安装公司二班',
  vendor_code: vendor,
  occurred_at: at,
  place: '幸福小区3号楼表箱',
  summary: '换表时表箱内短路起火，一人手部灼伤',
});
const verbal = (at: string) => ({ reported_at: at, report_method: 'phone', recipients: 'work_leader、centre_leaders', reported_by: { by: '张班长', at } });
const written = (at: string, extra: Record<string, unknown> = {}) => ({
  submitted_at: at,
  unit_profile: '外包施工单位，承担表计轮换',
  scene: '表箱门开启，箱内有烧痕',
  sequence: '拆表时螺丝刀碰触相线，短路起火',
  deaths: 0,
  injuries: 1,
  missing: 0,
  direct_loss: '3500.00',
  measures: '断电、灭火、送医',
  grade: 'general',
  targets_hit: 'fire',
  submitted_by: { by: '王经理', at },
  ...extra,
});
const ITEMS = {
  cause_established: 'yes',
  cause_evidence: '调查报告第3页',
  cause_date: '2026-05-10',
  persons_dealt: 'yes',
  persons_evidence: '处分决定',
  persons_date: '2026-05-12',
  measures_done: 'yes',
  measures_evidence: '绝缘工具配发记录',
  measures_date: '2026-05-15',
  staff_educated: 'yes',
  education_evidence: '培训签到表',
  education_date: '2026-05-16',
};

/** The accident's rows of F25 (by number), F26 and F27 (read whole: a lookup of a row not there yet fails the read). */
async function tables(ledger: Ledger, no: string): Promise<Snapshot> {
  const all = (form: typeof accidentWrittenReports) => ({ columns: columnsOf(form).map((c) => c.key), rows: 'all' as const });
  const snapshot = await ledger.read({
    tables: {
      [accidentVerbalReports.key]: lookup(accidentVerbalReports, [no]),
      [accidentWrittenReports.key]: all(accidentWrittenReports),
      [accidentInvestigations.key]: all(accidentInvestigations),
      [AUDIT_TABLE]: { columns: ['action', 'table', 'record', 'field', 'old_value', 'new_value'], rows: 'all' },
    },
  });
  const ofAccident = (table: string) => snapshot.tables[table].filter((r) => r.values.accident_no === no);
  return { ...snapshot, tables: { ...snapshot.tables, [accidentWrittenReports.key]: ofAccident(accidentWrittenReports.key), [accidentInvestigations.key]: ofAccident(accidentInvestigations.key) } };
}

const one = (snapshot: Snapshot, table: string): RecordValues => snapshot.tables[table][0].values;

async function onHost(): Promise<OfficeSession> {
  return openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')), { clock: clock() });
}

/** The W9 path, each step's requests counted where the backend counts them. */
async function accidentPath(ledger: Ledger, syncs?: () => number): Promise<{ no: string; requests: number[] }> {
  const requests: number[] = [];
  /** A step the clerk records at `at` (the audit's time), as a later day's work would. */
  const step = async <I, R>(at: string, operation: Operation<I, unknown, R>, input: I) => {
    const before = syncs?.() ?? 0;
    const { result } = await runOperation(ledger, operation, input, { ...context, clock: fixedClock(at, 1) });
    requests.push((syncs?.() ?? 0) - before);
    return result;
  };
  // Logged 2 hours after the event (09:00): a deadline counted from the log would be 11:00 the next day.
  const { number: no } = await step('2026-05-04 11:00:00', registerAccident, occurred());
  // Reported by phone 70 minutes after the event: recorded, flagged.
  await step('2026-05-04 11:05:00', reportVerbal, { no, fields: verbal('2026-05-04 10:10') });
  // The written report came 25 hours after the event (23 after the log): late by 1 hour.
  await step('2026-05-05 10:05:00', reportWritten, { no, fields: written('2026-05-05 10:00') });
  await step('2026-05-06 09:00:00', investigateAccident, { no, fields: { investigator: '安监部赵敏' } });
  await step('2026-05-17 09:00:00', closeAccident, { no, fields: ITEMS });
  return { no, requests };
}

function assertClosedPath(snapshot: Snapshot, no: string): void {
  const accident = one(snapshot, accidentVerbalReports.key);
  assert.equal(no, 'SG-2026-01');
  assert.deepEqual([accident.status, accident.verbal_minutes, accident.verbal_late, accident.vendor_code, accident.created_at], ['closed', 70, true, 'WB01', '2026-05-04 11:00']);
  const report = one(snapshot, accidentWrittenReports.key);
  assert.deepEqual(
    [report.due_at, report.written_late, report.hours_late, report.checklist, report.occurred_at, report.reporting_unit],
    ['2026-05-05 09:00', true, 1, 'state_grid', EVENT, '华远电力安装公司二班'],
    'due 24 hours after the event, not after it was logged; one hour late',
  );
  const investigation = one(snapshot, accidentInvestigations.key);
  assert.deepEqual([investigation.status, investigation.investigator, investigation.staff_educated, investigation.education_date], ['closed', '安监部赵敏', true, '2026-05-16']);
  const audit = snapshot.tables[AUDIT_TABLE].map((r) => r.values).filter((a) => a.record === no);
  const created = audit.find((a) => a.table === accidentWrittenReports.key && a.action === 'create');
  assert.match(String(created?.new_value), /written_late=yes; hours_late=1(;|$)/, 'the audit says the written report was late');
  assert.ok(audit.some((a) => a.action === 'report_verbal' && a.field === 'verbal_late' && a.new_value === 'yes'));
  assert.ok(audit.some((a) => a.action === 'close_accident' && a.table === accidentInvestigations.key && a.field === 'status' && a.new_value === 'closed'));
  assert.ok(audit.some((a) => a.action === 'close_accident' && a.table === accidentVerbalReports.key && a.field === 'status' && a.old_value === 'under_investigation'));
}

/** Voiding an accident: the registry's void of its F25 record. */
const voidAccident = () => voidRecord('accident_verbal_reports');

describe('Accidents (W9): from the event to closing under 四不放过', function () {
  this.timeout(300_000);

  it('runs on the Office.js backend, 2 requests a step, and the check warns of the late verbal report only', async () => {
    const session = await onHost();
    const { no, requests } = await accidentPath(session.ledger, () => session.client.stats.syncs);
    assert.deepEqual(requests, [2, 2, 2, 2, 2]);
    const snapshot = await tables(session.ledger, no);
    assertClosedPath(snapshot, no);
    const { errors, warnings } = checkAccidents(snapshot, '2026-06-01 00:00');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      warnings.map((w) => w.kind),
      ['accidentVerbalLate'],
    );
    assert.match(new KefuError(warnings).describe('zh-CN')[0], /SG-2026-01 事发 70 分钟后才口头报告，超过1小时/);
  });

  it('runs on the part-level .xlsx backend, and the file written holds the closed accident', async () => {
    const session = await packageBackend.open(await templateBytes('zh-CN'), { clock: clock() });
    const { no } = await accidentPath(session.ledger);
    await session.bytes(); // written and read back
    assertClosedPath(await tables(session.ledger, no), no);
  });

  it('refuses closing with three of the four items, naming the fourth, and writes nothing', async () => {
    const session = await onHost();
    const { number: no } = await run(session.ledger, registerAccident, occurred());
    await run(session.ledger, reportVerbal, { no, fields: verbal('2026-05-04 09:20') });
    await run(session.ledger, reportWritten, { no, fields: written('2026-05-04 18:00') });
    await run(session.ledger, investigateAccident, { no, fields: { investigator: '赵敏' } });
    const before = JSON.stringify((await tables(session.ledger, no)).tables);
    const threeOfFour = { ...ITEMS, staff_educated: undefined, education_evidence: undefined, education_date: undefined };
    const error: KefuError = await run(session.ledger, closeAccident, { no, fields: threeOfFour }).then(
      () => assert.fail('closed'),
      (e: unknown) => e as KefuError,
    );
    assert.ok(error instanceof KefuError);
    assert.equal(error.problems.length, 1, error.message);
    assert.match(error.describe('zh-CN')[0], /SG-2026-01 不能结案：四不放过第 4 项“有关人员未受教育不放过”未落实（未确认为“是”、无依据、无日期）/);
    assert.match(error.describe('zh-TW')[0], /不能結案：四不放過第 4 項「有關人員未受教育不放過」未落實/);
    assert.match(error.describe('en-US')[0], /SG-2026-01 cannot be closed: item 4 of the four no-lets-go, "staff concerned not educated", is not done \(not ticked Yes, no evidence, no date\)/);
    // "No" with evidence is still not done.
    await assert.rejects(
      run(session.ledger, closeAccident, { no, fields: { ...ITEMS, persons_dealt: 'no' } }),
      (e: unknown) => e instanceof KefuError && /第 2 项“责任人员未处理不放过”未落实（未确认为“是”）/.test(e.describe('zh-CN')[0]),
    );
    assert.equal(JSON.stringify((await tables(session.ledger, no)).tables), before, 'nothing half-done');
    assert.equal(one(await tables(session.ledger, no), accidentVerbalReports.key).status, 'under_investigation');
  });

  it('refuses a verbal report dated before the event, and flags one within the hour as on time', async () => {
    const session = await onHost();
    const { number: no } = await run(session.ledger, registerAccident, occurred());
    await assert.rejects(
      run(session.ledger, reportVerbal, { no, fields: verbal('2026-05-04 08:59') }),
      (e: unknown) => e instanceof KefuError && /2026-05-04 08:59 早于发生时间（2026-05-04 09:00）/.test(e.describe('zh-CN')[0]),
    );
    await run(session.ledger, reportVerbal, { no, fields: verbal('2026-05-04 10:00') });
    const accident = one(await tables(session.ledger, no), accidentVerbalReports.key);
    assert.deepEqual([accident.verbal_minutes, accident.verbal_late], [60, false], '1 hour is within the hour');
  });

  it('asks the checklist’s fields of the written report, and keeps the serious-casualty target to its qualifier', async () => {
    const session = await onHost();
    const { number: no } = await run(session.ledger, registerAccident, occurred());
    await run(session.ledger, reportVerbal, { no, fields: verbal('2026-05-04 09:20') });
    const noGrade = written('2026-05-04 18:00', { grade: undefined });
    await assert.rejects(
      run(session.ledger, reportWritten, { no, fields: noGrade }),
      (e: unknown) => e instanceof KefuError && e.problems.some((p) => p.kind === 'requiredWhen' && p.field === 'grade'),
    );
    await assert.rejects(
      run(session.ledger, reportWritten, { no, fields: written('2026-05-04 18:00', { targets_hit: 'serious_casualty' }) }),
      (e: unknown) => e instanceof KefuError && /不能计入“较大人身伤亡事故”/.test(e.describe('zh-CN')[0]),
    );
    // The national regulation lists no grade.
    await run(session.ledger, reportWritten, { no, fields: { ...noGrade, checklist: 'national' } });
    const report = one(await tables(session.ledger, no), accidentWrittenReports.key);
    assert.deepEqual([report.checklist, report.grade ?? null, report.written_late, report.hours_late], ['national', null, false, 0]);
  });

  it('queues written reports due in hours, overdue first, then open investigations; the check calls a missing report past 24 h an error; a void accident leaves both', async () => {
    const session = await onHost();
    const a = (await run(session.ledger, registerAccident, occurred('2026-05-04 09:00'))).number;
    const b = (await run(session.ledger, registerAccident, occurred('2026-05-05 20:00'))).number;
    const c = (await run(session.ledger, registerAccident, occurred('2026-05-03 08:00'))).number;
    await run(session.ledger, reportVerbal, { no: c, fields: verbal('2026-05-03 08:30') });
    await run(session.ledger, reportWritten, { no: c, fields: written('2026-05-03 20:00') });
    await run(session.ledger, investigateAccident, { no: c, fields: { investigator: '赵敏' } });
    const snapshot = await session.ledger.read({ tables: { [accidentVerbalReports.key]: { columns: columnsOf(accidentVerbalReports).map((col) => col.key), rows: 'all' } } });
    const now = '2026-05-06 10:00';
    const queue = accidentQueue(snapshot, now);
    assert.deepEqual(
      queue.map((i) => [i.record, i.rule, i.due, i.overdue, i.minutesLate]),
      [
        [a, 'accident_written_report', '2026-05-05 09:00', true, 25 * 60],
        [b, 'accident_written_report', '2026-05-06 20:00', false, -10 * 60],
        [c, 'accident_investigation', '', false, 0],
      ],
    );
    const { errors } = checkAccidents(snapshot, now);
    assert.deepEqual(
      errors.map((e) => [e.kind, e.params?.record, e.params?.hours]),
      [['accidentWrittenOverdue', a, 25]],
    );
    assert.match(new KefuError(errors).describe('en-US')[0], /the written report of SG-2026-01 was due within 24 hours of the event \(by 2026-05-05 09:00\); it is 25 h overdue/);
    // Entered twice: voided with a reason, with its written report and investigation.
    await assert.rejects(run(session.ledger, voidAccident(), { no: c, reason: ' ' }), (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'voidReasonRequired');
    await run(session.ledger, voidAccident(), { no: a, reason: '重复登记' });
    await run(session.ledger, voidAccident(), { no: c, reason: '重复登记' });
    const after = one(await tables(session.ledger, c), accidentVerbalReports.key);
    assert.deepEqual([after.voided, after.void_reason, after.status], [true, '重复登记', 'under_investigation']);
    await assert.rejects(run(session.ledger, closeAccident, { no: c, fields: ITEMS }), (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'recordVoided');
    const voided = await session.ledger.read({ tables: { [accidentVerbalReports.key]: { columns: columnsOf(accidentVerbalReports).map((col) => col.key), rows: 'all' } } });
    assert.deepEqual(
      accidentQueue(voided, now).map((i) => i.record),
      [b],
    );
    assert.deepEqual(checkAccidents(voided, now).errors, []);
  });

  it('the check finds a closed accident whose investigation record lacks an item, or has none', async () => {
    const session = await onHost();
    const { no } = await accidentPath(session.ledger);
    const other = (await run(session.ledger, registerAccident, occurred('2026-05-05 07:00'))).number;
    // Edited in Excel afterwards: the fourth item's evidence cleared; another accident marked closed by hand.
    const snapshot = await tables(session.ledger, no);
    const investigation = snapshot.tables[accidentInvestigations.key][0];
    const basis = await session.ledger.read({ tables: { [accidentVerbalReports.key]: lookup(accidentVerbalReports, [other]) }, writes: [accidentInvestigations.key, accidentVerbalReports.key] });
    await session.ledger.apply(
      {
        updates: [
          { ref: investigation.ref, values: { education_evidence: null } },
          { ref: basis.tables[accidentVerbalReports.key][0].ref, values: { status: 'closed' } },
        ],
      },
      basis,
    );
    const all = await session.ledger.read({
      tables: Object.fromEntries(accidentWorkflow.check!.reads.map((form) => [form.key, { columns: columnsOf(form).map((c) => c.key), rows: 'all' as const }])),
    });
    const { errors } = checkAccidents(all, '2026-06-01 00:00');
    assert.deepEqual(
      errors.map((e) => [e.kind, e.params?.record, e.field]),
      [
        ['accidentClosedIncomplete', no, 'staff_educated'],
        ['missingLinked', other, 'status'],
      ],
    );
    assert.match(new KefuError(errors).describe('zh-CN')[0], /“事故调查处理记录”第 3 行“有关人员已受教育”：SG-2026-01 已结案，但四不放过第 4 项“有关人员未受教育不放过”未落实（无依据）。/);
  });

  it('declares the workflow for the registry: word, steps, void, queue and check', () => {
    assert.equal(accidentWorkflow.word, 'accident');
    assert.deepEqual(Object.keys(accidentWorkflow.steps), ['report-verbal', 'report-written', 'investigate', 'close']);
    assert.equal(accidentWorkflow.steps.close.describe.fieldsForm, accidentInvestigations);
    assert.ok(accidentWorkflow.steps['report-written'].describe.fields.includes('targets_hit'));
    assert.ok(!accidentWorkflow.steps['report-written'].describe.fields.includes('occurred_at'), 'the event’s time is the accident’s, not typed again');
  });

  it('takes at most 2 requests per step with 100,000 accidents in F25, and a failure at any request leaves nothing half-done', async () => {
    const session = await onHost();
    const basis = await session.ledger.read({ writes: [accidentVerbalReports.key] });
    const past = Array.from({ length: 100_000 }, (_, i) => ({
      accident_no: `SG-2019-${String(i + 1).padStart(5, '0')}`,
      reporting_unit: '历史单位',
      vendor_code: 'WB09',
      occurred_at: '2019-06-01 08:00',
      place: '某地',
      summary: '历史记录',
      status: 'closed',
      voided: false,
    }));
    await session.ledger.apply({ appends: { [accidentVerbalReports.key]: past } }, basis);
    const dump = async (no: string) => JSON.stringify((await tables(session.ledger, no)).tables);
    const { number: no } = await run(session.ledger, registerAccident, occurred());
    const steps: [Operation<unknown, unknown, unknown>, unknown][] = [
      [reportVerbal, { no, fields: verbal('2026-05-04 09:30') }],
      [reportWritten, { no, fields: written('2026-05-05 08:00') }],
      [investigateAccident, { no, fields: { investigator: '赵敏' } }],
      [closeAccident, { no, fields: ITEMS }],
    ];
    for (const [operation, input] of steps) {
      for (const failing of [1, 2]) {
        const before = await dump(no);
        session.client.failAtSync(failing);
        await assert.rejects(runOperation(session.ledger, operation, input, context), /injected/i);
        assert.equal(await dump(no), before, `nothing written when request ${failing} fails`);
      }
      session.client.resetStats();
      await runOperation(session.ledger, operation, input, context);
      assert.ok(session.client.stats.syncs <= 2, `${session.client.stats.syncs} requests`);
    }
    // Registering and voiding at that size too.
    session.client.resetStats();
    const { number: twice } = await run(session.ledger, registerAccident, occurred('2026-05-04 09:05'));
    assert.ok(session.client.stats.syncs <= 2);
    for (const failing of [1, 2]) {
      const before = await dump(twice);
      session.client.failAtSync(failing);
      await assert.rejects(run(session.ledger, voidAccident(), { no: twice, reason: '重复登记' }), /injected/i);
      assert.equal(await dump(twice), before);
    }
    session.client.resetStats();
    await run(session.ledger, voidAccident(), { no: twice, reason: '重复登记' });
    assert.ok(session.client.stats.syncs <= 2);
    assert.equal(one(await tables(session.ledger, no), accidentVerbalReports.key).status, 'closed');
  });
});

describe('Accident reports (F28): monthly and yearly, against the seven targets', function () {
  this.timeout(300_000);

  /** Accidents of two units in 2026: WB01 one in March (fire), one in May outside every target, one voided; WB02 one in May (two targets). */
  async function ledgerWithAccidents(): Promise<OfficeSession> {
    const session = await onHost();
    const path = async (at: string, vendor: string, targets: string[] | undefined) => {
      const { number: no } = await run(session.ledger, registerAccident, occurred(at, vendor));
      if (!targets) return no;
      await run(session.ledger, reportVerbal, { no, fields: verbal(at) });
      await run(session.ledger, reportWritten, { no, fields: written(at, { targets_hit: targets.join('、') }) });
      return no;
    };
    await path('2026-03-10 10:00', 'WB01', ['fire']);
    await path('2026-05-02 14:00', 'WB01', []);
    await path('2026-05-20 16:00', 'WB02', ['grid_outage', 'construction_complaint']);
    const pending = await path('2026-05-28 09:00', 'WB01', undefined);
    const voided = await path('2026-05-03 09:00', 'WB01', ['fire']);
    await run(session.ledger, voidAccident(), { no: voided, reason: '重复登记' });
    // A unit of the roster with no accident gets a zero report.
    const basis = await session.ledger.read({ writes: ['workers'] });
    await session.ledger.apply(
      { appends: { workers: [{ worker_id: 'W301', name: '周工', team_code: 'T3', vendor_code: 'WB03', base_cm: 0, base_rot: 0, base_bat: 0, base_total: 0, voided: false }] } },
      basis,
    );
    assert.equal(pending, 'SG-2026-04');
    return session;
  }

  it('counts each accident against the targets its written report names, outside ones in the total only, and gives a zero report to a unit without accidents', async () => {
    const session = await ledgerWithAccidents();
    const snapshot = await session.ledger.read(accidentReportRequest());
    const may = accidentReportsFrom(snapshot, parseReportPeriod('2026-05')!);
    assert.deepEqual(
      may.map((r) => [r.vendor, r.total, r.outsideTargets, r.zero, r.accidents.map((a) => a.accidentNo)]),
      [
        ['WB01', 2, 2, false, ['SG-2026-02', 'SG-2026-04']],
        ['WB02', 1, 0, false, ['SG-2026-03']],
        ['WB03', 0, 0, true, []],
      ],
    );
    assert.deepEqual(may[1].counts, { serious_casualty: 0, grid_outage: 1, equipment_damage: 0, fire: 0, construction_complaint: 1, pollution: 0, traffic: 0 });
    assert.deepEqual(
      may[0].accidents.map((a) => [a.written, a.targets]),
      [
        [true, []],
        [false, []],
      ],
      'an accident without its written report is counted in the total, against no target yet',
    );
    assert.deepEqual(may[0].recipients, ['local_safety_supervision', 'superior_authority', 'centre_safety_inspection']);
    const april = accidentReportsFrom(snapshot, parseReportPeriod('2026-04')!, 'WB01');
    assert.deepEqual([april.length, april[0].zero, april[0].total], [1, true, 0], 'a zero month');
    // The year is the sum of its months.
    const year = accidentReportsFrom(snapshot, parseReportPeriod('2026')!);
    const months = Array.from({ length: 12 }, (_, m) => accidentReportsFrom(snapshot, parseReportPeriod(`2026-${String(m + 1).padStart(2, '0')}`)!));
    for (const report of year) {
      const ofVendor = months.map((list) => list.find((r) => r.vendor === report.vendor)!);
      assert.equal(
        report.total,
        ofVendor.reduce((s, r) => s + r.total, 0),
        report.vendor,
      );
      assert.equal(
        report.outsideTargets,
        ofVendor.reduce((s, r) => s + r.outsideTargets, 0),
      );
      for (const [target, count] of Object.entries(report.counts))
        assert.equal(
          count,
          ofVendor.reduce((s, r) => s + r.counts[target], 0),
          `${report.vendor} ${target}`,
        );
    }
    assert.deepEqual(
      year.map((r) => [r.vendor, r.total, r.counts.fire]),
      [
        ['WB01', 3, 1],
        ['WB02', 1, 0],
        ['WB03', 0, 0],
      ],
    );
  });

  it('records a unit’s report with its three recipients once, refusing the second naming the first', async () => {
    const session = await ledgerWithAccidents();
    const period = parseReportPeriod('2026-05')!;
    const first = await run(session.ledger, recordAccidentReport, { period, vendor: 'WB02' });
    assert.equal(first.number, 'SGR-2026-001');
    const rows = await session.ledger.read({ tables: { [accidentReports.key]: { columns: columnsOf(accidentReports).map((c) => c.key), rows: 'all' } } });
    const row = one(rows, accidentReports.key);
    assert.deepEqual(
      [row.report_kind, row.period_year, row.period_month, row.vendor_code, row.accident_count, row.accident_nos, row.grid_outage, row.fire, row.sent_to, row.prepared_by_by],
      ['monthly', 2026, 5, 'WB02', 1, 'SG-2026-03', 1, 0, ['local_safety_supervision', 'superior_authority', 'centre_safety_inspection'], '安监李强'],
    );
    await assert.rejects(
      run(session.ledger, recordAccidentReport, { period, vendor: 'WB02' }),
      (e: unknown) => e instanceof KefuError && /外包单位 WB02 2026-05 的事故报告已报送：SGR-2026-001（2026-05-06），不能重复报送/.test(e.describe('zh-CN')[0]),
    );
    // Another period or unit is not the same report (the refusal came after its number was claimed: that one is never issued).
    assert.match((await run(session.ledger, recordAccidentReport, { period: parseReportPeriod('2026')!, vendor: 'WB02' })).number, /^SGR-2026-00[23]$/);
    const all = await session.ledger.read({ tables: { [accidentReports.key]: { columns: ['report_no', 'report_kind', 'vendor_code'], rows: 'all' } } });
    assert.deepEqual(
      all.tables[accidentReports.key].map((r) => [r.values.report_kind, r.values.vendor_code]),
      [
        ['monthly', 'WB02'],
        ['yearly', 'WB02'],
      ],
    );
  });

  it('prints one A4 sheet per unit in LibreOffice: targets with qualifiers and counts, the accidents, the recipients to sign', async () => {
    const session = await ledgerWithAccidents();
    const reports = accidentReportsFrom(await session.ledger.read(accidentReportRequest()), parseReportPeriod('2026-05')!);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-accidents-'));
    try {
      const file = path.join(dir, 'reports.xlsx');
      const workbook = buildAccidentReportWorkbook(reports, { locale: 'zh-CN', preparedBy: '安监李强', date: '2026-06-01', numbers: { WB02: 'SGR-2026-001' } });
      await fs.writeFile(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
      const [pdf] = await libreOfficeConvert([file], 'pdf', dir);
      const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', pdf], { encoding: 'utf8' });
      const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
      assert.equal(sizes.length, 3, info);
      assert.ok(
        sizes.every(([w, h]) => w === 595 && h === 842),
        `A4 portrait: ${JSON.stringify(sizes)}`,
      );
      const pages = await pdfTextPages(pdf);
      assert.match(pages[0], /WB01\s+事故月报\s+2026-05/);
      assert.match(pages[0], /施工导致的电网停电及设备事故\s+由外包队伍施工导致的电网停电或设备事故\s+0/);
      assert.match(pages[0], /不计入任何目标的事故.*\s+2\s*$/m);
      assert.match(pages[0], /SG-2026-04.*书面报告未交，待定/s);
      for (const recipient of ['当地政府安全监督部门', '上级主管部门', '中心安检部门'])
        assert.ok(
          pages.every((p) => p.includes(recipient)),
          recipient,
        );
      assert.match(pages[1], /SGR-2026-001/);
      assert.match(pages[2], /WB03\s+事故月报\s+2026-05（零报告）/);
      assert.match(pages[2], /本期未发生事故，零报告/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('prints each locale in its own script (OpenCC)', async () => {
    const session = await ledgerWithAccidents();
    const reports = accidentReportsFrom(await session.ledger.read(accidentReportRequest()), parseReportPeriod('2026')!);
    for (const locale of LOCALES) {
      const texts: LocatedText[] = [];
      buildAccidentReportWorkbook(reports, { locale, preparedBy: 'x', date: '2026-12-31' }).eachSheet((sheet) =>
        sheet.eachRow((row, r) =>
          row.eachCell((cell, c) => {
            // The clerk's own words (unit, place, summary) are the ledger's, not ours.
            if (typeof cell.value === 'string' && !/[华幸换]/.test(cell.value)) texts.push({ where: `${sheet.name}!R${r}C${c}`, text: cell.value });
          }),
        ),
      );
      const ours = {
        queue: ACCIDENT_DUE_KINDS,
        principles: Object.fromEntries(FOUR_NO_LET_GO.map((i) => [i.item, i.principle])),
        actions: Object.fromEntries(Object.values(accidentWorkflow.steps).map((step) => [step.describe.action, ACTIONS[step.describe.action]])),
        help: { help: accidentWorkflow.help },
      };
      const footers = Object.values(ours).flatMap((texts) => Object.entries(texts).map(([key, text]) => ({ where: key, text: text[locale] })));
      const findings = checkScripts([{ name: `accident reports in ${locale}`, locale, texts: [...texts, ...footers] }], SCRIPT_EXCEPTIONS);
      assert.deepEqual(findings, [], describeFindings(findings));
    }
  });

  it('kefu accidents writes the reports and, with --record, enters them once', async () => {
    const session = await ledgerWithAccidents();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-accidents-cli-'));
    try {
      const ledger = path.join(dir, 'ledger.xlsx');
      await fs.writeFile(ledger, await session.bytes());
      const out = path.join(dir, 'may.xlsx');
      const first = await runKefu(['accidents', ledger, '--month', '2026-05', '--out', out, '--record', '--clerk', '安监李强', '--locale', 'en-US']);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /Accident reports of 2026-05 written to .*may\.xlsx: 3 outsourcing unit\(s\), 3 accident\(s\) in all \(zero reports: WB03\)\./);
      assert.match(
        first.stdout,
        /Reports recorded: SGR-\d{4}-001, SGR-\d{4}-002, SGR-\d{4}-003 \(sent to: Local government safety supervision, Superior authority, Centre's safety inspection dept\)\./,
      );
      const again = await runKefu(['accidents', ledger, '--month', '2026-05', '--vendor', 'WB02', '--out', path.join(dir, 'again.xlsx'), '--record', '--locale', 'en-US']);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /the accident report of 2026-05 for the outsourcing unit WB02 was already sent: SGR-\d{4}-002/);
      const both = await runKefu(['accidents', ledger, '--month', '2026-05', '--year', '2026', '--out', path.join(dir, 'x.xlsx'), '--locale', 'en-US']);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /give exactly one of --month <YYYY-MM>, --year <YYYY>\./);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
