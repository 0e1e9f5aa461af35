import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { median, summaryMoment, visitorSummary, visitorSummaryRequest, type VisitorSummary } from '../addin/src/domain/visitors/visitorSummary';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import { LOCALES } from '../addin/src/i18n/locale';
import type { RecordValues } from '../addin/src/ledger/cells';
import type { Snapshot } from '../addin/src/ledger/types';
import { buildVisitorSummaryWorkbook } from '../addin/src/workbooks/visitorSummaryWorkbook';
import { openOnHost, packageBackend, templateBytes, type BackendSession } from './support/backends';
import { ROOT, runKefu } from './support/fixtures';
import { libreOfficeConvert, pdfTextPages } from './support/libreoffice';
import { SCRIPT_EXCEPTIONS, checkScripts, describeFindings, type LocatedText } from './support/scriptCheck';

/**
 * Issue 13 item 6: the yearly special-visitor summary for the site's manager. The figures of a
 * year of hand-made P2 records (with records on either side of the year's first and last minute,
 * voided ones, and steps taken after the year ended) are computed by hand below; the same records
 * written to a ledger on the Office.js backend and the part-level backend, and through kefu
 * visitors, give the same figures; the sheet prints on A4 in LibreOffice with every block.
 */

const Y = 2025;
const before = `${Y - 1}-12-31 23:59`;
const first = `${Y}-01-01 00:00`;
const last = `${Y}-12-31 23:59`;
const after = `${Y + 1}-01-01 00:00`;

/** The year's records, and others around it, as the P2 tables hold them (money in fen). */
function records(): Record<string, RecordValues[]> {
  const loan = (no: string, type: string, kind: string, lentAt: string, more: RecordValues = {}): RecordValues => ({
    loan_no: no,
    vehicle_type: type,
    loan_kind: kind,
    lent_at: lentAt,
    vehicle_no: `V-${no}`,
    borrower: '张三',
    status: 'on_loan',
    voided: false,
    ...more,
  });
  const settled = (returnedAt: string, check: string, settlement: string, settledAt: string, more: RecordValues = {}): RecordValues => ({
    returned_at: returnedAt,
    return_check: check,
    settlement,
    settled_at: settledAt,
    status: 'settled',
    ...more,
  });
  const broadcast = (no: string, requestedAt: string, readings: number, outcome: string | null, closedAt: string | null, more: RecordValues = {}): RecordValues => ({
    broadcast_no: no,
    requested_at: requestedAt,
    reading_count: readings,
    outcome,
    closed_at: closedAt,
    missing_name: '李小明',
    voided: false,
    ...more,
  });
  const line = (plan: string, department: string, acknowledgedAt: string | null, ready: boolean, readyAt: string | null): RecordValues => ({
    entry_id: `${plan}-${department}`,
    plan_no: plan,
    department,
    acknowledged_at: acknowledgedAt,
    acknowledged_by: acknowledgedAt ? '部门负责人' : null,
    ready,
    ready_at: readyAt,
  });
  let entries = 0;
  const entry = (at: string, category: string, headcount: number, result: string | null, voided = false): RecordValues => ({
    entry_id: `MP-${at.slice(0, 10).replace(/-/g, '')}-${String(++entries).padStart(4, '0')}`,
    entered_at: at,
    gate: '东门',
    category,
    headcount,
    result,
    voided,
  });
  let checks = 0;
  const check = (date: string, item: string, usable: boolean, rectifiedOn: string | null = null, voided = false): RecordValues => ({
    entry_id: `WZ-${date.slice(0, 4)}-${String(++checks).padStart(4, '0')}`,
    check_date: date,
    item,
    location: '东门',
    usable,
    defect: usable ? null : '损坏',
    rectified_on: rectifiedOn,
    voided,
  });
  return {
    loans: [
      loan('L1', 'wheelchair', 'loan', first, { deposit: 20000, ...settled(`${Y}-01-01 10:00`, 'intact', 'refunded', `${Y}-01-01 10:05`, { refund: 20000 }) }),
      loan('L2', 'stroller', 'rental', last, { deposit: 10000, rental_fee: 1500 }),
      loan('L3', 'wheelchair', 'loan', before, { deposit: 99900 }),
      loan('L4', 'wheelchair', 'loan', after, { deposit: 99900 }),
      loan('L5', 'wheelchair', 'rental', `${Y}-03-10 09:00`, {
        deposit: 30000,
        rental_fee: 2000,
        ...settled(`${Y}-03-10 16:00`, 'damaged', 'deducted', `${Y}-03-10 16:30`, { damage: '刹车失灵', compensation: 12345, refund: 17655 }),
      }),
      // Lost: the whole deposit kept; the refund not written (computed as the deposit less what was kept).
      loan('L6', 'stroller', 'loan', `${Y}-03-15 09:00`, { deposit: 5000, status: 'overdue', lost_note: '未归还', settlement: 'deducted', compensation: 5000, settled_at: `${Y}-03-20 10:00` }),
      loan('L7', 'wheelchair', 'loan', `${Y}-06-01 10:00`, {
        deposit: 20000,
        ...settled(`${Y}-06-01 15:00`, 'damaged', 'compensated', `${Y}-06-02 09:00`, { damage: '扶手断裂', compensation: 8000, refund: 20000 }),
      }),
      loan('L8', 'wheelchair', 'loan', `${Y}-06-02 10:00`, { deposit: 99900, voided: true, void_reason: '登记错误' }),
      // Lent on the last evening, returned and settled the next morning: out at the year's end.
      loan('L9', 'wheelchair', 'loan', `${Y}-12-31 20:00`, { deposit: 20000, ...settled(`${Y + 1}-01-01 09:00`, 'intact', 'refunded', `${Y + 1}-01-01 09:05`, { refund: 20000 }) }),
    ],
    broadcasts: [
      broadcast('B1', `${Y}-02-01 10:00`, 3, 'found', `${Y}-02-01 10:25`),
      broadcast('B2', `${Y}-02-01 11:00`, 1, 'found', `${Y}-02-01 11:08`, { early_close_reason: '第一遍后即找到' }),
      broadcast('B3', `${Y}-05-01 09:00`, 4, 'handed_to_police', `${Y}-05-01 12:00`),
      broadcast('B4', `${Y}-07-01 09:00`, 3, 'withdrawn', `${Y}-07-01 09:30`),
      broadcast('B5', `${Y}-12-31 23:50`, 3, 'found', `${Y + 1}-01-01 00:10`),
      broadcast('B6', `${Y}-08-08 08:00`, 5, 'found', `${Y}-08-08 09:40`),
      broadcast('B7', `${Y}-08-09 08:00`, 3, 'found', `${Y}-08-09 08:05`, { voided: true }),
      broadcast('B8', before, 3, 'found', `${Y}-01-01 00:30`),
    ],
    reservations: [
      { reservation_no: `YP-${Y}-0001`, received_at: `${Y}-01-05 10:00`, arrival_at: `${Y}-03-01 09:00`, headcount: 30, served_at: `${Y}-03-01 09:30`, served_count: 28, voided: false },
      { reservation_no: `YP-${Y}-0002`, received_at: `${Y}-12-20 10:00`, arrival_at: `${Y + 1}-01-05 09:00`, headcount: 20, served_at: `${Y + 1}-01-05 09:20`, served_count: 20, voided: false },
      { reservation_no: `YP-${Y - 1}-0040`, received_at: `${Y - 1}-12-28 10:00`, arrival_at: `${Y}-01-03 10:00`, headcount: 15, served_at: `${Y}-01-03 10:10`, served_count: 15, voided: false },
      { reservation_no: `YP-${Y}-0003`, received_at: `${Y}-04-01 10:00`, arrival_at: `${Y}-04-20 10:00`, headcount: 40, voided: true },
    ],
    reception_plans: [
      { plan_no: `JH-YP-${Y}-0001`, reservation_no: `YP-${Y}-0001`, voided: false },
      { plan_no: `JH-YP-${Y}-0002`, reservation_no: `YP-${Y}-0002`, voided: false },
      { plan_no: `JH-YP-${Y - 1}-0040`, reservation_no: `YP-${Y - 1}-0040`, voided: false },
    ],
    plan_distributions: [
      // Visit on 1 March 09:00: every department acknowledged and ready by 28 February 09:00.
      line(`JH-YP-${Y}-0001`, 'site_operations', `${Y}-02-20 10:00`, true, `${Y}-02-25 10:00`),
      line(`JH-YP-${Y}-0001`, 'catering', `${Y}-02-28 09:00`, true, `${Y}-02-28 08:00`),
      line(`JH-YP-${Y}-0001`, 'security', `${Y}-02-28 10:00`, true, `${Y}-02-28 10:00`),
      // Visit on 3 January 10:00: the broadcast station never said it was ready; marketing was ready before ready_at existed.
      line(`JH-YP-${Y - 1}-0040`, 'broadcast', `${Y - 1}-12-30 10:00`, false, null),
      line(`JH-YP-${Y - 1}-0040`, 'marketing', `${Y - 1}-12-29 10:00`, true, null),
      // A visit of the next year is not judged in this one.
      line(`JH-YP-${Y}-0002`, 'site_operations', null, false, null),
    ],
    free_entries: [
      entry(first, 'senior', 1, 'free_pass'),
      entry(`${Y}-01-15 10:00`, 'child', 2, 'free_pass'),
      entry(last, 'senior', 1, 'free_pass'),
      entry(after, 'senior', 1, 'free_pass'),
      entry(before, 'child', 1, 'free_pass'),
      entry(`${Y}-05-05 10:00`, 'senior', 1, 'normal_ticket'),
      entry(`${Y}-05-05 11:00`, 'child', 3, null),
      entry(`${Y}-05-06 10:00`, 'senior', 1, 'free_pass', true),
    ],
    gate_counts: [
      { count_id: `${Y}-01-01-东门`, count_date: `${Y}-01-01`, gate: '东门', free_headcount: 5, voided: false },
      { count_id: `${Y}-12-31-东门`, count_date: `${Y}-12-31`, gate: '东门', free_headcount: 2, voided: false },
      { count_id: `${Y + 1}-01-01-东门`, count_date: `${Y + 1}-01-01`, gate: '东门', free_headcount: 9, voided: false },
      { count_id: `${Y}-06-01-东门`, count_date: `${Y}-06-01`, gate: '东门', free_headcount: 4, voided: true },
    ],
    postal_log: [
      { entry_id: `DY-${Y}-0001`, entry_date: `${Y}-01-01`, visitor: '王五', items: '明信片', address: '北京', fee: 1200, voided: false },
      { entry_id: `DY-${Y}-0002`, entry_date: `${Y}-12-31`, visitor: '赵六', items: '纪念册', address: '上海', fee: 2350, voided: false },
      { entry_id: `DY-${Y - 1}-0009`, entry_date: `${Y - 1}-12-31`, visitor: '钱七', items: '茶叶', address: '广州', fee: 900, voided: false },
      { entry_id: `DY-${Y}-0003`, entry_date: `${Y}-03-03`, visitor: '孙八', items: '书', address: '深圳', fee: 100, voided: true },
    ],
    accessibility_checks: [
      check(`${Y}-01-01`, 'entrance_passage', true),
      check(`${Y}-03-01`, 'signage', false, `${Y}-03-10`),
      check(`${Y}-12-20`, 'accessible_toilet', false, `${Y + 1}-01-01`),
      check(`${Y}-06-01`, 'anti_slip', false),
      check(`${Y + 1}-01-01`, 'signage', false),
      check(`${Y}-07-01`, 'exit_passage', false, null, true),
    ],
  };
}

/** The year's figures, counted by hand from `records()`. */
const EXPECTED: VisitorSummary = {
  year: Y,
  asOf: after,
  loans: {
    total: 6,
    types: ['wheelchair', 'stroller'],
    byMonth: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((month) => {
      const counts: Record<string, [number, number, number, number]> = { '01': [1, 0, 0, 0], '03': [0, 1, 1, 0], '06': [1, 0, 0, 0], '12': [1, 0, 0, 1] };
      const [wl, wr, sl, sr] = counts[month] ?? [0, 0, 0, 0];
      return { month, byType: { wheelchair: { loan: wl, rental: wr }, stroller: { loan: sl, rental: sr } }, total: wl + wr + sl + sr };
    }),
    byType: { wheelchair: { loan: 3, rental: 1 }, stroller: { loan: 1, rental: 1 } },
    byKind: { loan: 4, rental: 2 },
    returns: 3,
    damaged: 2,
    damageRate: { num: 2, den: 3 },
    lost: 1,
    // Received 1,050.00 = refunded 576.55 + kept 173.45 + held 300.00.
    money: { depositsReceived: 105000, depositsRefunded: 57655, depositsKept: 17345, depositsHeld: 30000, compensationPaid: 8000, rentalFees: 3500 },
  },
  broadcasts: {
    total: 6,
    byOutcome: { found: 3, handed_to_police: 1, withdrawn: 1, open: 1 },
    // Found after 8, 25 and 100 minutes.
    medianMinutesToFound: 25,
    readings: 19,
    readingsPerRequest: { num: 19, den: 6 },
    minReadings: 3,
    closedEarly: 1,
  },
  reservations: {
    received: 2,
    reservedHeadcount: 50,
    served: 2,
    visitorsServed: 43,
    departments: [
      { department: 'site_operations', sent: 1, late: 0 },
      { department: 'market_management', sent: 0, late: 0 },
      { department: 'marketing', sent: 1, late: 0 },
      { department: 'broadcast', sent: 1, late: 1 },
      { department: 'catering', sent: 1, late: 0 },
      { department: 'security', sent: 1, late: 1 },
      { department: 'other', sent: 0, late: 0 },
    ],
    linesSent: 5,
    linesLate: 2,
    plansWithLate: 2,
  },
  freeEntries: {
    byMonth: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((month) => {
      const heads: Record<string, [number, number]> = { '01': [1, 2], '05': [0, 3], '12': [1, 0] };
      const [senior, child] = heads[month] ?? [0, 0];
      return { month, byCategory: { senior, child }, total: senior + child };
    }),
    byCategory: { senior: 2, child: 5 },
    freeHeadcount: 7,
    checks: 5,
    normalTickets: 1,
    normalHeadcount: 1,
    gateCounted: 7,
  },
  postal: { items: 2, postage: 3550 },
  accessibility: {
    checks: 4,
    defects: 3,
    rectified: 1,
    open: 2,
    byItem: [
      { item: 'entrance_passage', checks: 1, defects: 0, rectified: 0, open: 0 },
      { item: 'exit_passage', checks: 0, defects: 0, rectified: 0, open: 0 },
      { item: 'signage', checks: 1, defects: 1, rectified: 1, open: 0 },
      { item: 'accessible_toilet', checks: 1, defects: 1, rectified: 0, open: 1 },
      { item: 'anti_slip', checks: 1, defects: 1, rectified: 0, open: 1 },
    ],
  },
};

function snapshotOf(tables: Record<string, RecordValues[]>): Snapshot {
  return {
    locale: 'zh-CN',
    tables: Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.map((values, i) => ({ ref: { table, row: i + 1 }, values }))])),
    claims: [],
    layouts: {},
  };
}

/** A template ledger holding `records()`, written row by row as a clerk's steps would have left them. */
async function filled(session: BackendSession): Promise<BackendSession> {
  const tables = records();
  const basis = await session.ledger.read({ writes: Object.keys(tables) });
  await session.ledger.apply({ appends: tables }, basis);
  return session;
}

async function onHost(): Promise<BackendSession> {
  return filled(await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN'))));
}

describe('The yearly special-visitor summary (issue 13 item 6)', function () {
  this.timeout(300_000);

  describe('the figures, counted from the P2 tables', () => {
    it('counts the year’s records by their own dates, 1 January 00:00 in and 31 December 23:59 in, the minutes on either side out, voids left out', () => {
      assert.deepEqual(visitorSummary(snapshotOf(records()), Y), EXPECTED);
    });

    it('balances the deposits to the fen: received = refunded + kept + held', () => {
      const { money } = visitorSummary(snapshotOf(records()), Y).loans;
      assert.equal(money.depositsRefunded + money.depositsKept + money.depositsHeld, money.depositsReceived);
    });

    it('takes what became of a record as it stood at the year’s end: returned, settled, closed and rectified on 1 January belong to the next picture', () => {
      const next = visitorSummary(snapshotOf(records()), Y + 1);
      // The next year holds L4 (lent on its first minute) only; L9's return and settlement, B5's closing, are not counted there either.
      assert.deepEqual([next.loans.total, next.loans.returns, next.loans.money.depositsReceived, next.loans.money.depositsHeld], [1, 0, 99900, 99900]);
      assert.deepEqual([next.broadcasts.total, next.reservations.received, next.reservations.served, next.reservations.visitorsServed], [0, 0, 1, 20]);
      assert.deepEqual([next.reservations.linesSent, next.reservations.linesLate, next.reservations.plansWithLate], [1, 1, 1], 'the next year judges its own visit: never acknowledged');
      assert.deepEqual([next.freeEntries.freeHeadcount, next.freeEntries.gateCounted, next.accessibility.checks, next.accessibility.open], [1, 9, 1, 1]);
      const previous = visitorSummary(snapshotOf(records()), Y - 1);
      assert.deepEqual(
        [previous.loans.total, previous.broadcasts.total, previous.broadcasts.byOutcome.found, previous.broadcasts.medianMinutesToFound],
        [1, 1, 0, null],
        'B8 was found after its year ended',
      );
      assert.deepEqual([previous.reservations.received, previous.freeEntries.byMonth[11].byCategory.child, previous.postal.items, previous.postal.postage], [1, 1, 1, 900]);
    });

    it('a year not over is the picture of now: departments whose deadline is still ahead are not judged, later steps not counted', () => {
      const now = `${Y}-02-28 08:00:00`;
      const summary = visitorSummary(snapshotOf(records()), Y, now);
      assert.equal(summary.asOf, `${Y}-02-28 08:00`);
      assert.deepEqual([summary.reservations.linesSent, summary.reservations.linesLate, summary.reservations.plansWithLate], [2, 1, 1], 'only the January visit is judged');
      assert.deepEqual([summary.loans.returns, summary.loans.money.depositsHeld], [1, 85000], 'L1 alone is returned and settled');
      assert.deepEqual(summary.broadcasts.byOutcome, { found: 2, handed_to_police: 0, withdrawn: 0, open: 4 });
      assert.deepEqual([summary.accessibility.defects, summary.accessibility.rectified, summary.accessibility.open], [3, 0, 3]);
      assert.equal(summaryMoment(Y, `${Y + 3}-05-01 10:00:00`), after, 'a past year ends on 1 January');
    });

    it('an empty year: zeros in every block, no rate and no median, the twelve months all there', () => {
      for (const snapshot of [snapshotOf(records()), snapshotOf({})]) {
        const empty = visitorSummary(snapshot, 2019);
        assert.equal(empty.loans.total + empty.broadcasts.total + empty.reservations.received + empty.freeEntries.checks + empty.postal.items + empty.accessibility.checks, 0);
        assert.deepEqual([empty.loans.damageRate, empty.broadcasts.readingsPerRequest, empty.broadcasts.medianMinutesToFound], [{ num: 0, den: 0 }, { num: 0, den: 0 }, null]);
        assert.deepEqual(Object.values(empty.loans.money), [0, 0, 0, 0, 0, 0]);
        assert.deepEqual(
          empty.loans.byMonth.map((m) => m.month),
          EXPECTED.loans.byMonth.map((m) => m.month),
        );
        assert.ok(empty.freeEntries.byMonth.every((m) => m.total === 0));
        assert.ok(empty.reservations.departments.every((d) => d.sent === 0 && d.late === 0));
      }
    });

    it('the median of an even count is the mean of the middle two; a type or department the lists lack is counted under its code', () => {
      assert.equal(median([100, 8, 40, 25]), 32.5);
      assert.equal(median([7]), 7);
      assert.equal(median([]), null);
      const tables = records();
      tables.loans.push({ loan_no: 'L10', vehicle_type: 'scooter', loan_kind: 'rental', lent_at: `${Y}-09-09 09:00`, deposit: 100, voided: false });
      const summary = visitorSummary(snapshotOf(tables), Y);
      assert.deepEqual(summary.loans.types, ['wheelchair', 'stroller', 'scooter']);
      assert.deepEqual([summary.loans.byMonth[8].byType.scooter, summary.loans.total, summary.loans.money.depositsHeld], [{ loan: 0, rental: 1 }, 7, 30100]);
    });

    it('judges a broadcast closed early against the ledger’s own minimum of readings', () => {
      const tables = records();
      tables.visitor_rules = [{ parameter: 'broadcast_min_readings', value: '4', voided: false }];
      const summary = visitorSummary(snapshotOf(tables), Y);
      assert.deepEqual([summary.broadcasts.minReadings, summary.broadcasts.closedEarly], [4, 3], 'B1 (3), B2 (1) and B4 (3) closed with fewer than 4');
    });
  });

  describe('on a ledger', () => {
    it('reads the same figures through the Office.js backend (in-memory host) and the part-level backend', async () => {
      const host = await onHost();
      assert.deepEqual(visitorSummary(await host.ledger.read(visitorSummaryRequest()), Y), EXPECTED);
      const file = await filled(await packageBackend.open(await templateBytes('en-US')));
      assert.deepEqual(visitorSummary(await file.ledger.read(visitorSummaryRequest()), Y), EXPECTED);
    });

    it('prints on A4 in LibreOffice: the headline figures and every block, with their figures', async () => {
      const summary = visitorSummary(snapshotOf(records()), Y);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-visitors-'));
      try {
        const file = path.join(dir, 'summary.xlsx');
        await fs.writeFile(file, new Uint8Array(await buildVisitorSummaryWorkbook(summary, { locale: 'zh-CN', preparedBy: '经理王芳', date: `${Y + 1}-01-05` }).xlsx.writeBuffer()));
        const [pdf] = await libreOfficeConvert([file], 'pdf', dir);
        const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', pdf], { encoding: 'utf8' });
        const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
        assert.equal(sizes.length, 2, info);
        assert.ok(
          sizes.every(([w, h]) => w === 595 && h === 842),
          `A4 portrait: ${JSON.stringify(sizes)}`,
        );
        const pages = await pdfTextPages(pdf);
        assert.ok(pages[0].includes('广播寻人（F10）') && !pages[0].includes('预约与接待计划'), 'the loans and broadcasts on the first page');
        assert.match(pages[1], /^\s*预约与接待计划（F11、F12）/, 'the reservations begin the second page');
        const text = pages.join('\n');
        assert.match(text, new RegExp(`特殊游客服务年度汇总\\s+${Y}`));
        assert.match(text, new RegExp(`统计期间: ${Y}-01-01 至 ${Y}-12-31`));
        for (const title of ['总体数字', '轮椅/婴儿车借用（F8、F9）', '广播寻人（F10）', '预约与接待计划（F11、F12）', '免票放行（F13），按人数', '代邮（F14）', '无障碍设施检查（F30）'])
          assert.ok(text.includes(title), `the block ${title}`);
        const figures: [string, string][] = [
          ['轮椅/婴儿车借出（次）', '6'],
          ['归还损坏率', '66.7%'],
          ['遗失车辆', '1'],
          ['未结清押金（元）', '300.00'],
          ['收取押金（元）', '1,050.00'],
          ['退还押金（元）', '576.55'],
          ['押金抵扣赔偿（元）', '173.45'],
          ['另行赔偿（元）', '80.00'],
          ['租金（元）', '35.00'],
          ['从求助到找到的时间中位数（分钟）', '25.0'],
          ['平均每次寻人广播遍数', '3.17'],
          ['不足 3 遍即结束', '1'],
          ['接待人数', '43'],
          ['有部门迟延的接待计划', '2'],
          ['免票放行人数', '7'],
          ['检票口统计免票人数', '7'],
          ['邮费（元）', '35.50'],
          ['无障碍设施缺陷未整改', '2'],
        ];
        for (const [label, value] of figures) assert.match(text, new RegExp(`${label.replace(/[()（）/]/g, '.')}\\s+${value.replace('.', '\\.')}\\s*$`, 'm'), `${label} ${value}`);
        assert.match(text, new RegExp(`${Y}-03\\s+0\\s+1\\s+1\\s+0\\s+2\\s*$`, 'm'), 'March: a wheelchair rented, a stroller lent');
        assert.match(text, /合计\s+3\s+1\s+1\s+1\s+6\s*$/m, 'the loans’ totals by type and kind');
        assert.match(text, /移交公安\s+1\s*$/m);
        assert.match(text, /未结束\s+1\s*$/m);
        assert.match(text, /安保部门\s+1\s+1\s*$/m);
        assert.match(text, new RegExp(`${Y}-01\\s+1\\s+2\\s+3\\s*$`, 'm'), 'January’s free passes: a senior, two children');
        assert.match(text, /残疾人专用便池\s+1\s+1\s+0\s+1\s*$/m);
        assert.match(text, /编制人: 经理王芳/);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });

    it('writes numbers as numbers with their formats, money in yuan', async () => {
      const workbook = buildVisitorSummaryWorkbook(visitorSummary(snapshotOf(records()), Y), { locale: 'en-US', preparedBy: 'Wang', date: `${Y + 1}-01-05` });
      const sheet = workbook.worksheets[0];
      const find = (label: string) => {
        let found: ExcelJS.Row | undefined;
        sheet.eachRow((row) => {
          if (row.getCell(1).value === label && !found) found = row;
        });
        assert.ok(found, label);
        return found.getCell(6);
      };
      assert.deepEqual([find('Deposits received (yuan)').value, find('Deposits received (yuan)').numFmt], [1050, '#,##0.00']);
      assert.deepEqual([find('Damage rate of returns').value, find('Damage rate of returns').numFmt], [2 / 3, '0.0%']);
      assert.deepEqual([find('Visitors served').value, find('Visitors served').numFmt], [43, '#,##0']);
      assert.equal(sheet.name, `Special visitors ${Y}`);
      assert.deepEqual([sheet.pageSetup.paperSize, sheet.pageSetup.orientation, sheet.pageSetup.fitToWidth], [9, 'portrait', 1]);
      const empty = buildVisitorSummaryWorkbook(visitorSummary(snapshotOf({}), Y), { locale: 'en-US', preparedBy: 'Wang', date: `${Y + 1}-01-05` }).worksheets[0];
      let rate: unknown;
      empty.eachRow((row) => {
        if (row.getCell(1).value === 'Damage rate of returns') rate = row.getCell(6).value;
      });
      assert.equal(rate, '—', 'no returns: no rate');
    });

    it('prints each locale in its own script (OpenCC)', () => {
      const summary = visitorSummary(snapshotOf(records()), Y, `${Y}-06-30 12:00:00`);
      for (const locale of LOCALES) {
        const texts: LocatedText[] = [];
        buildVisitorSummaryWorkbook(summary, { locale, preparedBy: 'x', date: `${Y}-06-30` }).eachSheet((sheet) => {
          texts.push({ where: 'footer', text: sheet.headerFooter.oddFooter ?? '' });
          sheet.eachRow((row, r) =>
            row.eachCell((cell, c) => {
              if (typeof cell.value === 'string') texts.push({ where: `${sheet.name}!R${r}C${c}`, text: cell.value });
            }),
          );
        });
        assert.ok(texts.length > 60);
        const findings = checkScripts([{ name: `visitor summary in ${locale}`, locale, texts }], SCRIPT_EXCEPTIONS);
        assert.deepEqual(findings, [], describeFindings(findings));
      }
    });

    it('kefu visitors writes the sheet and prints the figures as JSON; a bad year is a usage error; an older ledger is sent to kefu upgrade', async () => {
      const session = await onHost();
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-visitors-cli-'));
      try {
        const ledger = path.join(dir, 'ledger.xlsx');
        await fs.writeFile(ledger, await session.bytes());
        const out = path.join(dir, 'summary.xlsx');
        const written = await runKefu(['visitors', ledger, '--year', String(Y), '--out', out, '--clerk', '经理王芳', '--locale', 'en-US']);
        assert.equal(written.code, 0, written.stderr);
        assert.match(
          written.stdout,
          new RegExp(
            `Special-visitor summary of ${Y} written to .*summary\\.xlsx: 6 vehicle loan\\(s\\), 6 missing-person broadcast\\(s\\), 2 reserved group\\(s\\) served, 7 visitor\\(s\\) let in free\\.`,
          ),
        );
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await fs.readFile(out)) as unknown as ArrayBuffer);
        assert.equal(workbook.worksheets[0].name, `特殊游客年度汇总 ${Y}`, 'in the ledger’s language');
        assert.equal(workbook.worksheets[0].getCell('A1').value, `特殊游客服务年度汇总  ${Y}`);
        const json = await runKefu(['visitors', ledger, '--year', String(Y), '--json']);
        assert.equal(json.code, 0, json.stderr);
        assert.deepEqual(JSON.parse(json.stdout), EXPECTED);
        const zh = await runKefu(['visitors', ledger, '--year', String(Y), '--out', path.join(dir, 'again.xlsx'), '--locale', 'zh-TW']);
        assert.match(zh.stdout, new RegExp(`${Y} 年特殊遊客服務彙總已寫入 .*：輪椅/嬰兒車借出 6 次，廣播尋人 6 次，接待預約團體 2 批，免票放行 7 人。`));
        const bad = await runKefu(['visitors', ledger, '--year', '25', '--json', '--locale', 'en-US']);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /--year must be YYYY \(2026\), not "25"\./);
        const noOut = await runKefu(['visitors', ledger, '--year', String(Y), '--locale', 'en-US']);
        assert.equal(noOut.code, 2);
        assert.match(noOut.stderr, /the option --out is required/);
        const old = await runKefu(['visitors', path.join(ROOT, 'test', 'fixtures', 'v3', 'kefu-ledger.en-US.xlsx'), '--year', String(Y), '--json', '--locale', 'en-US']);
        assert.equal(old.code, 1);
        assert.match(old.stderr, /kefu upgrade/);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });
  });
});
