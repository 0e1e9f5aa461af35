import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixedClock } from '../addin/src/core/clock';
import { KefuError, type Problem } from '../addin/src/core/problems';
import { batchWorkflow, gearRegister, installationRegister, rotationWorkflow } from '../addin/src/domain/fieldWork/workOrders';
import type { DueItem, Workflow } from '../addin/src/domain/workflow';
import { WORKFLOWS } from '../addin/src/domain/workflows';
import { checkLedger, ledgerCheckRequest } from '../addin/src/domain/workflowRuns';
import { allFields, columnsOf } from '../addin/src/forms/columns';
import { FORMS } from '../addin/src/forms';
import { FIELD_DUE_KINDS, dueRules } from '../addin/src/forms/promisedTimes';
import type { FormDecl } from '../addin/src/forms/types';
import { hostClient, hostWorkbookFromXlsx } from '../addin/src/host';
import { LOCALES } from '../addin/src/i18n/locale';
import { CODES_SEPARATOR, type RecordValues } from '../addin/src/ledger/cells';
import { excelRun, openOfficeLedger } from '../addin/src/ledger/office/officeLedger';
import type { Ledger, LedgerRow } from '../addin/src/ledger/types';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import { upgradeWorkbook } from '../addin/src/upgrade/officeUpgrade';
import { upgradeLedger } from '../addin/src/upgrade/packageUpgrade';
import { templateSheetCopies } from '../addin/src/workbooks/templateSheets';
import { officeBackend, packageBackend, templateBytes } from './support/backends';
import { scriptProblems } from './support/scriptCheck';

/**
 * Issue 12 items 5 and 8 for the W8 work orders and the field registers: what they put in the
 * to-do queue (notices to post, work not started on its date, gear expiring or expired) and the
 * guard violations `kefu check` reports of records edited by hand in the sheet — rows written
 * with `ledger.apply`, past the steps — on the Office.js backend (in-memory host) and the
 * part-level .xlsx backend. "Today" is 2026-03-15 10:00.
 */

const NOW = '2026-03-15 10:00';
const FIELD_WORKFLOWS = [rotationWorkflow, batchWorkflow, gearRegister, installationRegister];

/** Every table a workflow's queue or check reads, whole, every column of ours. */
async function readWhole(ledger: Ledger, forms: readonly FormDecl[]) {
  return ledger.read({ tables: Object.fromEntries(forms.map((f) => [f.key, { columns: columnsOf(f).map((c) => c.key), rows: 'all' as const }])) });
}

async function queueOf(ledger: Ledger, workflow: Workflow, now = NOW): Promise<DueItem[]> {
  return workflow.queue!.items(await readWhole(ledger, workflow.queue!.reads), now);
}

async function checkOf(ledger: Ledger, now = NOW): Promise<{ errors: Problem[]; warnings: Problem[] }> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  for (const workflow of FIELD_WORKFLOWS) {
    if (!workflow.check) continue;
    const found = workflow.check.problems(await readWhole(ledger, workflow.check.reads), now);
    errors.push(...found.errors);
    warnings.push(...found.warnings);
  }
  return { errors, warnings };
}

/** Rows appended as they are, past every step and guard (as a clerk typing into the sheet). */
async function write(ledger: Ledger, appends: Record<string, RecordValues[]>): Promise<void> {
  const basis = await ledger.read({ writes: Object.keys(appends) });
  const live = (rows: RecordValues[]) => rows.map((r) => ({ voided: false, ...r }));
  await ledger.apply({ appends: Object.fromEntries(Object.entries(appends).map(([key, rows]) => [key, live(rows)])) }, basis);
}

const WORKERS = [
  { worker_id: 'WB001', name: '张三' },
  { worker_id: 'WB002', name: '李四' },
];

function meeting(no: string, team: string, date: string, roster: string[], signed: string[]): RecordValues {
  return {
    meeting_no: no,
    meeting_date: date,
    team_code: team,
    vendor_code: 'V01',
    work_leader: '张三',
    work_content: '表计轮换',
    work_location: '幸福小区3栋',
    hazards: '带电作业：戴绝缘手套',
    hazards_isolated: true,
    uniform_ok: true,
    helmet_ok: true,
    badge_ok: true,
    armband_ok: true,
    gear_check: 'pass',
    roster: roster.join('、'),
    roster_count: roster.length,
    crew_signatures: signed.join('、'),
    signed_count: signed.length,
  };
}

function notice(no: string, order: string, posted: string, planned: string, extra: RecordValues = {}): RecordValues {
  return {
    notice_no: no,
    order_no: order,
    area: '幸福小区',
    meter_boxes: '3栋1-4号表箱',
    households: 48,
    planned_date: planned,
    posted_on: posted,
    community_notified: '幸福物业',
    community_contact: '赵经理',
    community_notified_on: posted,
    users_marked: true,
    ...extra,
  };
}

function gear(no: string, holder: string, until: string, status = 'valid'): RecordValues {
  return { gear_no: no, gear_name: 'helmet', holder, valid_until: until, gear_status: status };
}

function order(no: string, status: string, extra: RecordValues = {}): RecordValues {
  return { order_no: no, workers: 'WB001,WB002', due_date: '2026-04-30', status, ...extra };
}

function sheet(no: string, parent: string, kind: 'rotation' | 'batch_install', extra: RecordValues = {}): RecordValues {
  return {
    work_order_no: no,
    work_kind: kind,
    parent_order_no: parent,
    account_no: `A${no}`,
    account_name: '住户',
    name_check: 'match',
    ...(kind === 'rotation' ? { removed_meter_no: `OLD${no}`, removed_reading: 1234.5 } : { meter_box: 'B1', meter_position: 'P1', breaker_no: 'K1', correspondence_ok: true, load_class: 'class3' }),
    new_meter_no: `NEW${no}`,
    new_reading: 0,
    collector_type: 'wireless',
    workmanship_checked: ['live_neutral_correct', 'terminal_screws_tight'],
    site_cleaned: true,
    installer_by: '张三',
    installer_at: '2026-03-16 15:00',
    install_date: '2026-03-16',
    ...extra,
  };
}

/** Done through every step, as the steps leave them: team T03 on 2026-03-10, signed by all, gear in date, sites cleaned. */
const DONE = { team_code: 'T03', work_date: '2026-03-10', preshift_no: 'BQ-T03-20260310-01', done_date: '2026-03-10', site_cleaned: true };

/** A ledger whose field records all keep the guards. */
async function cleanLedger(open: (bytes: Uint8Array) => Promise<{ ledger: Ledger }>): Promise<Ledger> {
  const { ledger } = await open(await templateBytes('zh-CN'));
  await write(ledger, {
    workers: WORKERS.map((w) => ({ ...w, team_code: 'T03', vendor_code: 'V01', base_cm: 100000, base_rot: 100000, base_bat: 100000, base_total: 300000 })),
    // Scrapped gear is out of use: past its date, it neither blocks the team nor waits in the queue.
    safety_gear: [gear('G-001', 'T03', '2026-12-31'), gear('G-SCR', 'T03', '2026-02-01', 'scrapped'), gear('G-VOID', 'T03', '2026-02-01', 'valid')].map((g) =>
      g.gear_no === 'G-VOID' ? { ...g, voided: true, void_reason: '登记错误' } : g,
    ),
    preshift_meetings: [meeting('BQ-T03-20260310-01', 'T03', '2026-03-10', ['张三', '李四'], ['张三', '李四'])],
    meter_notices: [notice('TZ-2026-0001', 'WO-R-OK', '2026-02-23', '2026-03-10')],
    rotation_orders: [
      order('WO-R-OK', 'completed', { notice_no: 'TZ-2026-0001', ...DONE }),
      // Imported from the marketing system's export: the performance columns only, no W8 trail.
      order('WO-R-IMP', 'collection_verified', { done_date: '2026-02-20', field_checked: 3, field_passed: 3, collection_total: 20, collection_ok: 20 }),
    ],
    batch_installs: [order('WO-B-OK', 'completed', DONE)],
    power_off_checks: [{ entry_id: 'WO-B-OK-YD1', order_no: 'WO-B-OK', location: '配电间', no_voltage: true, visible_break: true, checked_by: '张三', checked_at: '2026-03-10 09:00' }],
    installation_sheets: [sheet('S-1', 'WO-R-OK', 'rotation'), sheet('S-2', 'WO-B-OK', 'batch_install')],
  });
  return ledger;
}

/** Each problem as the clerk reads it in every locale, with its kind. */
const said = (problems: readonly Problem[]) =>
  problems.map((p) => ({
    kind: p.kind,
    form: p.form,
    field: p.field,
    zhCN: new KefuError([p]).describe('zh-CN')[0],
    zhTW: new KefuError([p]).describe('zh-TW')[0],
    enUS: new KefuError([p]).describe('en-US')[0],
  }));

for (const backend of [officeBackend, packageBackend]) {
  describe(`W8 to-do queue and kefu check, ${backend.name}`, function () {
    this.timeout(300_000);
    const open = (bytes: Uint8Array) => backend.open(bytes);

    it('finds nothing to report on a ledger whose field records keep the guards, imported orders included', async () => {
      const ledger = await cleanLedger(open);
      const { errors, warnings } = await checkOf(ledger);
      assert.deepEqual(said(errors), []);
      assert.deepEqual(said(warnings), []);
      for (const workflow of [rotationWorkflow, batchWorkflow, gearRegister]) assert.deepEqual(await queueOf(ledger, workflow), [], workflow.word);
    });

    it('lists the notices to post 15 days before the planned date, from the notice posted for the order or else its due date', async () => {
      const ledger = await cleanLedger(open);
      await write(ledger, {
        rotation_orders: [
          // Due date 2026-04-02: the notice must be up by 2026-03-18, in 3 days.
          order('WO-R-SOON', 'planned', { due_date: '2026-04-02' }),
          // A notice posted for it plans the rotation for 2026-03-27: it was due up by 2026-03-12, 2 days ago.
          order('WO-R-LATE', 'planned', { due_date: '2026-04-30' }),
          order('WO-R-VOID', 'planned', { due_date: '2026-03-20', voided: true, void_reason: '重复' }),
          order('WO-R-NOTIFIED', 'notified', { due_date: '2026-03-20', notice_no: 'TZ-2026-0009' }),
        ],
        meter_notices: [
          notice('TZ-2026-0002', 'WO-R-LATE', '2026-03-12', '2026-03-27'),
          // A void notice does not count: the order's due date stands.
          notice('TZ-2026-0003', 'WO-R-SOON', '2026-03-01', '2026-03-05', { voided: true, void_reason: '作废' }),
          notice('TZ-2026-0009', 'WO-R-NOTIFIED', '2026-03-01', '2026-03-20'),
        ],
      });
      const items = await queueOf(ledger, rotationWorkflow);
      assert.deepEqual(
        items.map((i) => [i.record, i.rule, i.due, i.overdue, i.status]),
        [
          ['WO-R-LATE', 'notice_post', '2026-03-12 23:59', true, 'planned'],
          ['WO-R-SOON', 'notice_post', '2026-03-18 23:59', false, 'planned'],
        ],
        'overdue first, then by due time; void and notified orders are not listed',
      );
      const [late, soon] = items;
      assert.equal(Math.floor(late.minutesLate / (24 * 60)), 2, 'overdue by 2 days');
      assert.equal(Math.floor(-soon.minutesLate / (24 * 60)), 3, 'due in 3 days');
      assert.equal(late.subject, 'TZ-2026-0002 幸福小区 3栋1-4号表箱');
      assert.equal(late.person, '张三、李四', "the order's workers by name");
      assert.equal(soon.subject, '');
      assert.equal(late.table, 'rotation_orders');
      // On the 13th the late one was 1 day overdue; before the 12th's end it was not.
      assert.equal((await queueOf(ledger, rotationWorkflow, '2026-03-12 23:59')).find((i) => i.record === 'WO-R-LATE')!.overdue, false);
    });

    it('lists orders ready whose work date has passed without starting, from the day after', async () => {
      const ledger = await cleanLedger(open);
      await write(ledger, {
        preshift_meetings: [meeting('BQ-T05-20260313-01', 'T05', '2026-03-13', ['王五'], ['王五'])],
        rotation_orders: [
          order('WO-R-IDLE', 'ready', { notice_no: 'TZ-2026-0001', team_code: 'T03', work_date: '2026-03-14', preshift_no: 'BQ-T03-20260310-01' }),
          order('WO-R-TODAY', 'ready', { notice_no: 'TZ-2026-0001', team_code: 'T03', work_date: '2026-03-15' }),
          order('WO-R-GOING', 'in_progress', { notice_no: 'TZ-2026-0001', team_code: 'T03', work_date: '2026-03-10' }),
        ],
        batch_installs: [
          order('WO-B-IDLE', 'power_off_verified', { team_code: 'T05', work_date: '2026-03-13', preshift_no: 'BQ-T05-20260313-01' }),
          order('WO-B-NEXT', 'ready', { team_code: 'T05', work_date: '2026-03-16' }),
        ],
      });
      const rotation = await queueOf(ledger, rotationWorkflow);
      assert.deepEqual(
        rotation.map((i) => [i.record, i.rule, i.due, i.overdue]),
        [['WO-R-IDLE', 'work_start', '2026-03-14 23:59', true]],
      );
      assert.equal(rotation[0].subject, '幸福小区3栋', "the meeting's work location");
      assert.equal(rotation[0].person, 'T03 张三', 'the team and its work leader');
      const batch = await queueOf(ledger, batchWorkflow);
      assert.deepEqual(
        batch.map((i) => [i.record, i.rule, i.due, i.overdue, i.status]),
        [['WO-B-IDLE', 'work_start', '2026-03-13 23:59', true, 'power_off_verified']],
      );
    });

    it("lists gear expiring within the due-rules table's days (30 by default), and expired gear still marked valid", async () => {
      const ledger = await cleanLedger(open);
      await write(ledger, {
        safety_gear: [
          gear('G-010', 'T03', '2026-03-25'), // 10 days left
          gear('G-040', 'T04', '2026-04-24'), // 40 days left
          gear('G-030', 'T04', '2026-04-14'), // 30 days left: still within
          gear('G-PAST', 'T04', '2026-03-10'), // expired 5 days ago, still marked valid
          gear('G-TODAY', 'T04', '2026-03-15'), // valid through today
        ],
      });
      const items = await queueOf(ledger, gearRegister);
      assert.deepEqual(
        items.map((i) => [i.record, i.rule, i.due, i.overdue]),
        [
          ['G-PAST', 'gear_expired', '2026-03-10 23:59', true],
          ['G-TODAY', 'gear_expiring', '2026-03-15 23:59', false],
          ['G-010', 'gear_expiring', '2026-03-25 23:59', false],
          ['G-030', 'gear_expiring', '2026-04-14 23:59', false],
        ],
      );
      assert.equal(items[2].subject, '安全帽', "the gear's name in the workbook's language");
      assert.equal(items[2].person, 'T03');
      assert.equal(items[2].table, 'safety_gear');

      // The setting is a row of the due-rules table: 5 days leaves out gear 10 days from expiring.
      const rules = await ledger.read({ tables: { due_rules: { columns: ['rule', 'amount'], rows: 'all' } }, writes: ['due_rules'] });
      const row = rules.tables.due_rules.find((r) => r.values.rule === 'gear_expiring')!;
      assert.equal(row.values.amount, 30);
      await ledger.apply({ updates: [{ ref: row.ref, values: { amount: 5 } }] }, rules);
      assert.deepEqual(
        (await queueOf(ledger, gearRegister)).map((i) => i.record),
        ['G-PAST', 'G-TODAY'],
      );
    });

    it('reports the guards a hand-edited order breaks, naming the record, the sheet row and column, and the reason', async () => {
      const ledger = await cleanLedger(open);
      await write(ledger, {
        safety_gear: [gear('G-002', 'T03', '2026-03-11')],
        preshift_meetings: [meeting('BQ-T03-20260312-01', 'T03', '2026-03-12', ['张三', '李四'], ['张三', '赵六'])],
        meter_notices: [
          notice('TZ-2026-0004', 'WO-R-VOIDNOTICE', '2026-02-01', '2026-03-01', { voided: true, void_reason: '贴错小区' }),
          notice('TZ-2026-0005', 'WO-R-SHORT', '2026-03-02', '2026-03-12'),
          notice('TZ-2026-0006', 'WO-R-NOMEET', '2026-02-20', '2026-03-11'),
          notice('TZ-2026-0007', 'WO-R-DIRTY', '2026-02-23', '2026-03-10'),
        ],
        rotation_orders: [
          order('WO-R-NONOTICE', 'notified', { notice_no: 'TZ-2026-0099' }),
          order('WO-R-VOIDNOTICE', 'notified', { notice_no: 'TZ-2026-0004' }),
          order('WO-R-BLANK', 'notified'),
          order('WO-R-SHORT', 'ready', { notice_no: 'TZ-2026-0005', team_code: 'T03', work_date: '2026-03-12', preshift_no: 'BQ-T03-20260312-01' }),
          order('WO-R-NOMEET', 'in_progress', { notice_no: 'TZ-2026-0006', team_code: 'T03', work_date: '2026-03-11' }),
          order('WO-R-DIRTY', 'field_checked', { notice_no: 'TZ-2026-0007', ...DONE, site_cleaned: false }),
        ],
        batch_installs: [order('WO-B-NOOFF', 'in_progress', { ...DONE, done_date: null, site_cleaned: null }), order('WO-B-UNSAFE', 'completed', DONE)],
        power_off_checks: [{ entry_id: 'WO-B-UNSAFE-YD1', order_no: 'WO-B-UNSAFE', location: '配电间', no_voltage: true, visible_break: false, checked_by: '张三', checked_at: '2026-03-10 09:00' }],
      });
      const { errors } = await checkOf(ledger);
      const found = said(errors);
      const of = (record: string) => found.filter((p) => p.zhCN.includes(record));
      const kinds = (record: string) => of(record).map((p) => p.kind);

      assert.deepEqual(kinds('WO-R-NONOTICE'), ['noticeMissing']);
      assert.match(of('WO-R-NONOTICE')[0].zhCN, /“表计轮换工单”第 \d+ 行.*TZ-2026-0099 不存在/);
      assert.deepEqual(kinds('WO-R-VOIDNOTICE'), ['noticeVoided']);
      assert.match(of('WO-R-VOIDNOTICE')[0].enUS, /WO-R-VOIDNOTICE: meter-change notice TZ-2026-0004 is void \(贴错小区\)/);
      assert.match(of('WO-R-VOIDNOTICE')[0].zhTW, /調表通知單 TZ-2026-0004 已作廢/);
      assert.deepEqual(kinds('WO-R-BLANK'), ['stepFieldMissing']);
      assert.equal(of('WO-R-BLANK')[0].field, 'notice_no');

      // Notice 10 days ahead; the meeting of the 12th lacks 李四's signature and has 赵六's; G-002 expired the day before.
      assert.deepEqual(kinds('WO-R-SHORT'), ['noticeTooLate', 'crewNotSigned', 'crewNotOnRoster', 'gearExpired']);
      const short = of('WO-R-SHORT');
      assert.match(short[0].zhCN, /差 5 天/);
      assert.match(short[1].zhCN, /李四 未签字/);
      assert.match(short[2].enUS, /赵六 signed but are not on the roster/);
      assert.match(short[3].enUS, /gear G-002 of team T03 was valid until 2026-03-11 and is expired on the work date 2026-03-12/);

      assert.deepEqual(kinds('WO-R-NOMEET'), ['noMeeting']);
      assert.match(of('WO-R-NOMEET')[0].zhCN, /班组 T03 在 2026-03-11 没有班前会记录/);
      assert.deepEqual(kinds('WO-R-DIRTY'), ['siteNotCleaned']);
      assert.equal(of('WO-R-DIRTY')[0].field, 'site_cleaned');

      assert.deepEqual(kinds('WO-B-NOOFF'), ['powerOffMissing']);
      assert.match(of('WO-B-NOOFF')[0].zhCN, /WO-B-NOOFF 状态为“施工中”，但没有.*验电记录/);
      assert.match(of('WO-B-NOOFF')[0].enUS, /WO-B-NOOFF is "In progress" but has no power-off check/);
      assert.deepEqual(kinds('WO-B-UNSAFE'), ['powerOffMissing'], 'a power-off check without a visible break point does not pass');

      assert.equal(kinds('WO-R-OK').length + kinds('WO-B-OK').length + kinds('WO-R-IMP').length, 0, 'the clean orders stay clean');
      assert.equal(found.length, 11);
    });

    it('warns of installation sheets that record a mismatch, naming the sheet and what, and of gear marked valid past its date', async () => {
      const ledger = await cleanLedger(open);
      await write(ledger, {
        installation_sheets: [
          sheet('S-3', 'WO-R-OK', 'rotation', { name_check: 'mismatch' }),
          sheet('S-4', 'WO-B-OK', 'batch_install', { correspondence_ok: false, workmanship_failed: ['rs485_wiring_ok', 'terminal_screws_tight'] }),
          sheet('S-5', 'WO-R-OK', 'rotation', { name_check: 'mismatch', voided: true, void_reason: '重复' }),
        ],
        safety_gear: [gear('G-STALE', 'T04', '2026-03-01'), gear('G-MARKED', 'T04', '2026-03-01', 'expired')],
      });
      const { errors, warnings } = await checkOf(ledger);
      assert.deepEqual(said(errors), []);
      const found = said(warnings);
      assert.deepEqual(
        found.map((p) => [p.kind, p.field]),
        [
          ['gearStatusStale', 'gear_status'],
          ['sheetNameMismatch', 'name_check'],
          ['sheetNoCorrespondence', 'correspondence_ok'],
          ['sheetWorkmanshipFailed', 'workmanship_failed'],
        ],
      );
      assert.match(found[0].zhCN, /工器具 G-STALE 状况为“合格”，但有效期至 2026-03-01/);
      found.shift();
      assert.match(found[0].zhCN, /“装接单”第 \d+ 行.*装接单 S-3（工单 WO-R-OK）户名与实际用户不一致/);
      assert.match(found[1].enUS, /installation sheet S-4 \(order WO-B-OK\): sheet, meter, position, breaker and user do not all correspond/);
      assert.match(found[2].zhCN, /装接单 S-4（工单 WO-B-OK）施工工艺不合格：485接线正确，螺丝拧紧、接口螺丝逐个拧紧（已照实登记）/);
      assert.match(found[2].enUS, /failed workmanship items: 485 wiring correct, screws tight, Every terminal screw tight \(recorded as they are\)/);
    });

    it('kefu check warns once of gear marked valid past its date: by its status, not again as an overdue item', async () => {
      const ledger = await cleanLedger(open);
      await write(ledger, { safety_gear: [gear('G-STALE', 'T04', '2026-03-01')] });
      const report = checkLedger(WORKFLOWS, await ledger.read(ledgerCheckRequest(WORKFLOWS)), NOW);
      const aboutGear = report.warnings.filter((p) => JSON.stringify(p.params ?? {}).includes('G-STALE'));
      assert.deepEqual(
        aboutGear.map((p) => p.kind),
        ['gearStatusStale'],
      );
    });
  });
}

describe('the gear_expiring setting in the due-rules table', function () {
  this.timeout(300_000);
  const clock = () => fixedClock('2026-12-05 10:00:00', 1);
  const gearRow = (rows: readonly LedgerRow[]) => rows.find((r) => r.values.rule === 'gear_expiring')?.values;
  const rulesOf = (ledger: { read: Ledger['read'] }) => ledger.read({ tables: { due_rules: { columns: dueRules.fields.map((f) => f.key), rows: 'all' } } }).then((s) => s.tables.due_rules);

  it('is a row of a new template, in its language', async () => {
    for (const locale of LOCALES) {
      const { ledger } = await packageBackend.open(await templateBytes(locale));
      const row = gearRow(await rulesOf(ledger));
      assert.deepEqual({ ...row, note: undefined }, { rule: 'gear_expiring', amount: 30, unit: 'calendar_days', note: undefined }, locale);
      assert.match(String(row!.note), locale === 'en-US' ? /to-do list/ : locale === 'zh-TW' ? /待辦/ : /待办/);
    }
  });

  const V2 = readFileSync(path.join(__dirname, 'fixtures', 'v2', 'kefu-ledger.en-US.xlsx'));

  it('is added to a version-2 ledger by kefu upgrade (part-level backend)', async () => {
    const ledger = await PackageLedger.fromBuffer(new Uint8Array(V2), { station: 't', clock: clock() });
    assert.equal(gearRow(await rulesOf(ledger)), undefined, 'version 2 had no such row');
    await upgradeLedger(ledger, { clock: clock(), clerk: '王丽' });
    const again = await PackageLedger.fromBuffer(await ledger.toBuffer(), { station: 't', clock: clock() });
    assert.deepEqual(gearRow(await rulesOf(again)), {
      rule: 'gear_expiring',
      amount: 30,
      unit: 'calendar_days',
      note: 'How long before its validity date safety gear appears in the to-do list (F16)',
    });
  });

  it("is added to a version-2 ledger by the add-in's upgrade (Office.js backend)", async () => {
    const workbook = await hostWorkbookFromXlsx(V2);
    const client = hostClient(workbook);
    await upgradeWorkbook(excelRun(client), { clock: clock(), clerk: '王丽', templateSheets: async (names, options) => templateSheetCopies(names, options) });
    const ledger = await openOfficeLedger(excelRun(client), { station: 't', clock: clock() });
    assert.deepEqual(gearRow(await rulesOf(ledger)), {
      rule: 'gear_expiring',
      amount: 30,
      unit: 'calendar_days',
      note: 'How long before its validity date safety gear appears in the to-do list (F16)',
    });
  });
});

describe('multiple-choice cells of the field forms', () => {
  it('have no label that holds the separator of the choices in a cell (、), which would split one choice in two when read back', () => {
    for (const form of FORMS) {
      for (const field of allFields(form)) {
        if (field.type !== 'codes') continue;
        for (const code of field.codes ?? [])
          for (const locale of LOCALES) assert.ok(!code.label[locale].includes(CODES_SEPARATOR), `${form.key}.${field.key} ${code.code} ${locale}: ${code.label[locale]}`);
      }
    }
  });
});

describe('the due kinds of the field work', () => {
  it('are labelled in each locale in its own script, one label per code', () => {
    const codes = FIELD_DUE_KINDS.map((k) => k.code);
    assert.deepEqual(codes, ['notice_post', 'gear_expiring', 'gear_expired', 'work_start', 'rectification']);
    for (const kind of FIELD_DUE_KINDS) for (const locale of LOCALES) assert.deepEqual(scriptProblems(kind.label[locale], locale), [], `${kind.code} ${locale}`);
    // Every rule the field queues give their items is labelled.
    for (const workflow of [rotationWorkflow, batchWorkflow, gearRegister]) {
      const rules = (workflow.queue as { rules?: readonly { code: string }[] }).rules ?? [];
      for (const code of ['notice_post', 'work_start', 'gear_expiring', 'gear_expired'])
        assert.ok(
          rules.some((r) => r.code === code),
          `${workflow.word} labels ${code}`,
        );
    }
  });
});
