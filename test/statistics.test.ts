import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import '../addin/src/ledger/xlsx/exceljsPatch';
import { fixedClock } from '../addin/src/core/clock';
import { runOperation } from '../addin/src/domain/records';
import { DESK_STEPS } from '../addin/src/domain/serviceDesk';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { type StepResult } from '../addin/src/domain/deskSteps';
import type { Operation } from '../addin/src/domain/records';
import type { Ledger } from '../addin/src/ledger/types';
import { BUCKETS, CATEGORY_CODES, computeYear, measuresOfYear, yearStatistics, type Matrix, type YearStatistics } from '../addin/src/domain/statistics';
import { complaintStatisticsOperation, statisticsDetailSheet, statisticsSheet, statisticsSheetName } from '../addin/src/domain/statisticsSheet';
import { progressBar } from '../scripts/cli/progress';
import { LOCALES, type Locale } from '../addin/src/i18n/locale';
import { SCRIPT_EXCEPTIONS, checkScripts } from './support/scriptCheck';
import { CHANNELS, DEPARTMENTS } from '../addin/src/forms/codes';
import type { RecordValues } from '../addin/src/ledger/cells';
import type { ReportCell } from '../addin/src/ledger/types';
import { hostWorkbookFromXlsx, hostWorkbookToXlsx, hostClient } from '../addin/src/host';
import { excelRun, openOfficeLedger } from '../addin/src/ledger/office/officeLedger';
import { BACKENDS, openOnHost, templateBytes } from './support/backends';
import { ROOT, complaintInput, runKefu } from './support/fixtures';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';

/**
 * The yearly complaint statistics (issue 6, domain brief §4): a year with known answers — voids,
 * reopenings, a ticket spanning the year end, open tickets, a previous year, anonymous and repeat
 * complainants, tied hot topics — checked block by block, by properties on random years, through
 * both backends and through `kefu stats`.
 */

const context = { clock: fixedClock('2027-01-10 09:00:00', 1), actor: { clerk: '陈静', site: '市第一人民医院' } };
const base = registerComplaint.prepare(complaintInput(), context).values;

interface Ticket {
  no: string;
  at: string;
  channel: string;
  anonymous?: boolean;
  who?: string;
  phone?: string;
  subject?: string;
  category: string;
  department: string;
  promised?: string;
  verdict?: string;
  handled?: string;
  reopen?: number;
  voided?: boolean;
}

function complaint(t: Ticket): RecordValues {
  return {
    ...base,
    ticket_no: t.no,
    received_at: t.at,
    channel: t.channel,
    anonymous: t.anonymous ?? false,
    complainant: t.who ?? null,
    complainant_phone: t.phone ?? null,
    subject: t.subject ?? null,
    category: t.category,
    department: t.department,
    promised_by: t.promised ?? null,
    substantiated: t.verdict ?? null,
    handled_at: t.handled ?? null,
    reopen_count: t.reopen ?? 0,
    status: t.handled ? 'handled' : 'received',
    voided: t.voided ?? false,
    void_reason: t.voided ? '重复登记' : null,
  };
}

function visit(ticket: string, at: string, satisfaction: string, voided = false, suffix = ''): RecordValues {
  return {
    visit_no: `${ticket}-HF${suffix}`,
    ticket_no: ticket,
    visited_at: at,
    method: 'phone',
    person_visited: '张三',
    resolved: satisfaction !== 'dissatisfied',
    satisfaction,
    visitor_by: '赵敏',
    visitor_at: at,
    received_by_cs_by: '陈静',
    received_by_cs_at: at,
    voided,
  };
}

const T = (n: number) => `TS-2026-${String(n).padStart(4, '0')}`;

const COMPLAINTS: readonly RecordValues[] = [
  // 张三 (138…) three times in the year: a repeat complainant; 11 h, on time.
  complaint({
    no: T(1),
    at: '2026-01-05 09:00',
    channel: 'phone',
    who: '张三',
    phone: '13800000001',
    subject: '电梯故障',
    category: 'elevator',
    department: 'engineering',
    promised: '2026-01-06 09:00',
    verdict: 'yes',
    handled: '2026-01-05 20:00',
  }),
  // Reopened twice (its earlier rounds in REOPENINGS), handled a third time: 48 h, late.
  complaint({
    no: T(2),
    at: '2026-01-20 10:00',
    channel: 'visit',
    who: '张三',
    phone: '13800000001',
    subject: '电梯故障',
    category: 'elevator',
    department: 'engineering',
    promised: '2026-01-21 10:00',
    verdict: 'partly',
    handled: '2026-01-22 10:00',
    reopen: 2,
  }),
  // Anonymous, no promise, exactly 72 h: in (1 d, 3 d].
  complaint({ no: T(3), at: '2026-02-01 08:00', channel: 'letter', anonymous: true, subject: '地面湿滑', category: 'cleaning', department: 'cleaning', verdict: 'no', handled: '2026-02-04 08:00' }),
  // 李四 with two phones: not the same person twice. Reopened once, handled again: exactly 7 days, in (3 d, 7 d].
  complaint({
    no: T(4),
    at: '2026-03-10 12:00',
    channel: 'phone',
    who: '李四',
    phone: '13900000002',
    subject: '地面湿滑',
    category: 'cleaning',
    department: 'cleaning',
    promised: '2026-03-20 12:00',
    verdict: 'yes',
    handled: '2026-03-17 12:00',
    reopen: 1,
  }),
  // 10 days, late.
  complaint({
    no: T(5),
    at: '2026-06-15 09:00',
    channel: 'phone',
    who: '李四',
    phone: '13700000003',
    subject: '停车收费',
    category: 'parking',
    department: 'security',
    promised: '2026-06-16 09:00',
    verdict: 'yes',
    handled: '2026-06-25 09:00',
  }),
  // Spans the year end: received in 2026, handled in 2027 → open at the end of 2026.
  complaint({
    no: T(6),
    at: '2026-12-30 16:00',
    channel: 'wechat',
    who: '王五',
    phone: '13600000004',
    subject: '停车收费',
    category: 'parking',
    department: 'security',
    promised: '2027-01-02 16:00',
    handled: '2027-01-02 10:00',
  }),
  // Still open, no subject; its promised time passed before the year end: overdue.
  complaint({ no: T(7), at: '2026-12-31 10:00', channel: 'phone', who: '张三', phone: '13800000001', category: 'attitude', department: 'customer_service', promised: '2026-12-31 12:00' }),
  // Voided: left out everywhere (its visit too).
  complaint({
    no: T(8),
    at: '2026-04-01 09:00',
    channel: 'phone',
    who: '张三',
    phone: '13800000001',
    subject: '电梯故障',
    category: 'elevator',
    department: 'engineering',
    verdict: 'yes',
    handled: '2026-04-01 12:00',
    voided: true,
  }),
  // The previous year: two tickets (one handled in 2026) and a void.
  complaint({
    no: 'TS-2025-0001',
    at: '2025-12-31 23:00',
    channel: 'phone',
    who: '赵六',
    phone: '1',
    subject: '电梯故障',
    category: 'elevator',
    department: 'engineering',
    verdict: 'yes',
    handled: '2026-01-01 02:00',
  }),
  complaint({ no: 'TS-2025-0002', at: '2025-05-01 09:00', channel: 'visit', who: '赵六', phone: '1', subject: '电梯故障', category: 'elevator', department: 'engineering' }),
  complaint({ no: 'TS-2025-0003', at: '2025-06-01 09:00', channel: 'visit', who: '赵六', phone: '1', category: 'other', department: 'management', voided: true }),
];

const VISITS: readonly RecordValues[] = [
  visit(T(1), '2026-01-07 10:00', 'satisfied'),
  // Three visits, two of them reopening the ticket: the latest counts.
  visit(T(2), '2026-01-21 09:00', 'dissatisfied'),
  visit(T(2), '2026-01-21 18:00', 'dissatisfied', false, '2'),
  visit(T(2), '2026-02-01 10:00', 'fairly_satisfied', false, '3'),
  visit(T(4), '2026-03-13 10:00', 'dissatisfied'),
  visit(T(4), '2026-03-18 10:00', 'satisfied', false, '2'),
  // A voided visit counts for nothing.
  visit(T(5), '2026-06-26 10:00', 'satisfied', true),
  // Visited after the year end: not in the year's figures (they are those of its end).
  visit(T(6), '2027-01-03 10:00', 'satisfied'),
  visit(T(8), '2026-04-02 10:00', 'satisfied'),
];

/** A reopened round: its handling, and the visit that reopened it. */
function reopening(ticket: string, n: number, handled: string, verdict: string, reopenedAt: string, visitNo: string): RecordValues {
  return {
    reopening_no: `${ticket}-R${n}`,
    ticket_no: ticket,
    reopened_at: reopenedAt,
    visit_no: visitNo,
    action_result: `第${n}次处理`,
    substantiated: verdict,
    handled_at: handled,
    returned_to_cs_by: '陈静',
    returned_to_cs_at: handled,
    voided: false,
  };
}

const REOPENINGS: readonly RecordValues[] = [
  reopening(T(2), 1, '2026-01-20 20:00', 'no', '2026-01-21 09:00', `${T(2)}-HF`),
  reopening(T(2), 2, '2026-01-21 12:00', 'no', '2026-01-21 18:00', `${T(2)}-HF2`),
  reopening(T(4), 1, '2026-03-12 12:00', 'no', '2026-03-13 10:00', `${T(4)}-HF`),
];

/** The statistics of the known year's rows. */
const knownYear = (year: number, previous?: readonly RecordValues[]) => yearStatistics(COMPLAINTS, VISITS, year, previous, [], REOPENINGS);

/** The known year's rows, to append to a ledger. */
const KNOWN_ROWS = () => ({ complaints: [...COMPLAINTS], return_visits: [...VISITS], complaint_reopenings: [...REOPENINGS] });
const KNOWN_TABLES = ['complaints', 'return_visits', 'complaint_reopenings'];

const cellAt = (m: Matrix, row: string, column: string) => m.cells[m.rows.indexOf(row)][m.columns.indexOf(column)];

/** Every non-zero cell of a matrix as "row/column": count. */
function nonZero(m: Matrix): Record<string, number> {
  const out: Record<string, number> = {};
  m.rows.forEach((r, i) => m.columns.forEach((c, j) => m.cells[i][j].count && (out[`${r}/${c}`] = m.cells[i][j].count)));
  return out;
}

/** The figures of the known year, block by block (the answers computed by hand). */
function assertKnownYear(s: YearStatistics): void {
  const h = s.headline;
  assert.deepEqual(h.total.tickets, [1, 2, 3, 4, 5, 6, 7].map(T));
  assert.equal(h.previousTotal, 2);
  assert.deepEqual(h.change, { difference: 5, ratio: { num: 5, den: 2 } });
  assert.deepEqual(h.substantiated.tickets, [T(1), T(2), T(4), T(5)]);
  assert.deepEqual(h.substantiated.share, { num: 4, den: 7 });
  assert.deepEqual(h.closed.tickets, [1, 2, 3, 4, 5].map(T));
  assert.deepEqual(h.closed.share, { num: 5, den: 7 });
  assert.deepEqual(h.onTime.tickets, [T(1), T(4)]);
  assert.deepEqual(h.onTime.share, { num: 2, den: 4 });
  assert.deepEqual(h.onTime.withoutPromise.tickets, [T(3)]);
  assert.deepEqual(h.onTime.overdueOpen.tickets, [T(7)]);
  // 11 + 48 + 72 + 168 + 240 hours = 32 340 minutes over 5 tickets.
  assert.deepEqual(h.meanHours, { num: 32340, den: 300 });
  assert.deepEqual(h.medianHours, { num: 4320, den: 60 });
  assert.deepEqual(h.returnVisits.tickets, [T(1), T(2), T(4)]);
  assert.deepEqual(h.returnVisits.rate, { num: 3, den: 5 });
  assert.deepEqual(h.satisfaction.visited.tickets, [T(1), T(2), T(4)]);
  assert.deepEqual(h.satisfaction.tickets, [T(1), T(2), T(4)]);
  assert.deepEqual(h.satisfaction.share, { num: 3, den: 3 });
  assert.deepEqual(h.reopened.tickets, [T(2), T(4)]);
  assert.equal(h.reopened.reopenings, 3);
  assert.deepEqual(h.repeatComplainants, { count: 1, people: [{ name: '张三', tickets: [T(1), T(2), T(7)] }] });

  assert.deepEqual(nonZero(s.monthByCategory), { '01/elevator': 2, '02/cleaning': 1, '03/cleaning': 1, '06/parking': 1, '12/parking': 1, '12/attitude': 1 });
  assert.deepEqual(cellAt(s.monthByCategory, '12', 'parking').tickets, [T(6)]);
  assert.deepEqual(
    s.monthByCategory.rowTotals.map((x) => x.count),
    [2, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 2],
  );
  assert.equal(s.monthByCategory.columnTotals[CATEGORY_CODES.indexOf('parking')].count, 2);
  assert.equal(s.monthByCategory.total.count, 7);

  assert.deepEqual(nonZero(s.departmentByCategory), { 'engineering/elevator': 2, 'cleaning/cleaning': 2, 'security/parking': 2, 'customer_service/attitude': 1 });
  const dept = Object.fromEntries(s.departments.map((d) => [d.department, d]));
  assert.deepEqual(dept.engineering, { department: 'engineering', count: 2, share: { num: 2, den: 7 }, substantiated: { num: 2, den: 2 }, satisfaction: { num: 2, den: 2 } });
  assert.deepEqual(dept.cleaning, { department: 'cleaning', count: 2, share: { num: 2, den: 7 }, substantiated: { num: 1, den: 2 }, satisfaction: { num: 1, den: 1 } });
  assert.deepEqual(dept.security, { department: 'security', count: 2, share: { num: 2, den: 7 }, substantiated: { num: 1, den: 2 }, satisfaction: { num: 0, den: 0 } });
  assert.deepEqual(dept.customer_service, { department: 'customer_service', count: 1, share: { num: 1, den: 7 }, substantiated: { num: 0, den: 1 }, satisfaction: { num: 0, den: 0 } });
  assert.deepEqual(dept.management.share, { num: 0, den: 7 });

  assert.deepEqual(nonZero(s.channelByMonth), { 'phone/01': 1, 'phone/03': 1, 'phone/06': 1, 'phone/12': 1, 'visit/01': 1, 'letter/02': 1, 'wechat/12': 1 });
  assert.equal(s.channelByMonth.rowTotals[s.channelByMonth.rows.indexOf('phone')].count, 4);

  // Three subjects tied at 2: one rank, listed by subject; the ticket without a subject apart.
  assert.deepEqual(
    s.hotTopics.top.map((l) => [l.rank, l.subject, l.count, l.cumulative.num, l.cumulative.den]),
    [
      [1, '停车收费', 2, 2, 6],
      [1, '地面湿滑', 2, 4, 6],
      [1, '电梯故障', 2, 6, 6],
    ],
  );
  assert.deepEqual(s.hotTopics.top[2].tickets, [T(1), T(2)]);
  assert.deepEqual(s.hotTopics.withoutSubject.tickets, [T(7)]);

  assert.deepEqual(Object.fromEntries(BUCKETS.map((b) => [b, s.handlingBuckets[b].tickets])), { le24h: [T(1)], d1to3: [T(2), T(3)], d3to7: [T(4)], gt7d: [T(5)], open: [T(6), T(7)] });

  assert.deepEqual(nonZero(s.substantiationByCategory), {
    'elevator/yes': 1,
    'elevator/partly': 1,
    'cleaning/yes': 1,
    'cleaning/no': 1,
    'parking/yes': 1,
    'parking/pending': 1,
    'attitude/pending': 1,
  });
  assert.deepEqual(nonZero(s.visitsByDepartment), {
    'engineering/satisfied': 1,
    'engineering/fairly_satisfied': 1,
    'cleaning/satisfied': 1,
  });
  assert.equal(s.visitsByDepartment.total.count, 3);
}

/** A cell's shown value, for comparing sheets. */
const shown = (cell: ReportCell | undefined): unknown => (cell === null || cell === undefined ? null : 'text' in cell ? cell.text : 'number' in cell ? cell.number : cell.formula);

describe('Yearly complaint statistics (issue 6)', function () {
  describe('the figures of a year with known answers', () => {
    it('gives every block exactly', () => {
      assertKnownYear(knownYear(2026, COMPLAINTS));
    });

    it('leaves out the change on the previous year when that year is not given, and counts 2025 on its own', () => {
      const s = knownYear(2026);
      assert.equal(s.headline.previousTotal, undefined);
      assert.equal(s.headline.change, undefined);
      const before = knownYear(2025);
      // The 2025 ticket handled in 2026 is open at the end of 2025; the void is left out.
      assert.deepEqual(before.headline.total.tickets, ['TS-2025-0001', 'TS-2025-0002']);
      assert.deepEqual(before.handlingBuckets.open.tickets, ['TS-2025-0001', 'TS-2025-0002']);
      assert.equal(before.headline.meanHours, null);
      assert.deepEqual(before.headline.repeatComplainants.people, [{ name: '赵六', tickets: ['TS-2025-0001', 'TS-2025-0002'] }]);
    });

    it('ranks tied subjects together (1, 2, 2, 4 …) and keeps the top 10 with the rest summed up to 100 %', () => {
      const counts = [5, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1];
      let n = 0;
      const rows = counts.flatMap((count, i) =>
        Array.from({ length: count }, () =>
          complaint({ no: T(++n), at: '2026-05-01 09:00', channel: 'phone', subject: `事项${String.fromCharCode(65 + i)}`, category: 'other', department: 'management' }),
        ),
      );
      const topics = yearStatistics(rows, [], 2026).hotTopics;
      assert.deepEqual(
        topics.all.map((l) => l.rank),
        [1, 2, 2, 4, 5, 5, 5, 5, 5, 5, 5, 5],
      );
      assert.equal(topics.top.length, 10);
      assert.deepEqual(topics.top.map((l) => l.subject).slice(0, 4), ['事项A', '事项B', '事项C', '事项D']);
      assert.deepEqual(topics.all[topics.all.length - 1].cumulative, { num: 21, den: 21 });
      const sheet = statisticsSheet(yearStatistics(rows, [], 2026), { project: 'p', preparedBy: 'c', date: '2027-01-10' }, 'en-US');
      const others = sheet.rows.find((r) => shown(r[1]) === 'Other subjects')!;
      assert.deepEqual(others.map(shown), [null, 'Other subjects', 2, 2 / 21, 1]);
    });
  });

  describe('properties on random years', () => {
    const channel = fc.constantFrom(...CHANNELS.map((c) => c.code));
    const category = fc.constantFrom(...CATEGORY_CODES);
    const department = fc.constantFrom(...DEPARTMENTS.map((c) => c.code));
    const pad = (v: number) => String(v).padStart(2, '0');
    const ticket = fc.record({
      year: fc.constantFrom(2025, 2026, 2027),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      channel,
      category,
      department,
      handledAfter: fc.option(fc.integer({ min: 0, max: 20 * 24 * 60 }), { nil: undefined }),
      subject: fc.constantFrom('', '电梯', '保洁', '停车', '噪音'),
      verdict: fc.constantFrom(undefined, 'yes', 'partly', 'no'),
      voided: fc.boolean(),
      satisfaction: fc.constantFrom(undefined, 'satisfied', 'fairly_satisfied', 'dissatisfied'),
    });
    const year = fc.array(ticket, { maxLength: 60 }).map((list) => {
      const complaints: RecordValues[] = [];
      const visits: RecordValues[] = [];
      list.forEach((x, i) => {
        const at = `${x.year}-${pad(x.month)}-${pad(x.day)} ${pad(x.hour)}:00`;
        const handled = x.handledAfter === undefined ? undefined : new Date(Date.UTC(x.year, x.month - 1, x.day, x.hour, x.handledAfter)).toISOString().slice(0, 16).replace('T', ' ');
        const no = `TS-${x.year}-${String(i + 1).padStart(4, '0')}`;
        complaints.push(complaint({ no, at, channel: x.channel, category: x.category, department: x.department, subject: x.subject, verdict: x.verdict, handled, voided: x.voided }));
        if (x.satisfaction) visits.push(visit(no, at, x.satisfaction));
      });
      return { complaints, visits };
    });
    const sum = (list: readonly { count: number }[]) => list.reduce((s, x) => s + x.count, 0);

    it('every matrix adds up to the headline total, by rows and by columns', () => {
      fc.assert(
        fc.property(year, ({ complaints, visits }) => {
          const s = yearStatistics(complaints, visits, 2026);
          for (const m of [s.monthByCategory, s.departmentByCategory, s.channelByMonth, s.substantiationByCategory]) {
            assert.equal(m.total.count, s.headline.total.count);
            assert.equal(sum(m.rowTotals), m.total.count);
            assert.equal(sum(m.columnTotals), m.total.count);
            m.cells.forEach((row, i) => assert.equal(sum(row), m.rowTotals[i].count));
            assert.deepEqual(
              m.cells
                .flat()
                .flatMap((c) => c.tickets)
                .sort(),
              [...s.headline.total.tickets].sort(),
            );
          }
          assert.equal(s.visitsByDepartment.total.count, s.headline.satisfaction.visited.count);
          assert.equal(sum(s.departments), s.headline.total.count);
        }),
      );
    });

    it('the handling-time buckets partition the non-void tickets of the year', () => {
      fc.assert(
        fc.property(year, ({ complaints, visits }) => {
          const s = yearStatistics(complaints, visits, 2026);
          const inBuckets = BUCKETS.flatMap((b) => s.handlingBuckets[b].tickets).sort();
          assert.deepEqual(inBuckets, [...s.headline.total.tickets].sort());
          const expected = complaints
            .filter((c) => c.voided !== true && String(c.received_at).startsWith('2026-'))
            .map((c) => String(c.ticket_no))
            .sort();
          assert.deepEqual(inBuckets, expected);
          assert.equal(s.headline.closed.count + s.handlingBuckets.open.count, s.headline.total.count);
        }),
      );
    });

    it('the Pareto table falls, its cumulative share rises and ends at 100 %', () => {
      fc.assert(
        fc.property(year, ({ complaints, visits }) => {
          const t = yearStatistics(complaints, visits, 2026).hotTopics;
          for (let i = 1; i < t.all.length; i++) {
            assert.ok(t.all[i].count <= t.all[i - 1].count);
            assert.ok(t.all[i].cumulative.num > t.all[i - 1].cumulative.num);
          }
          if (t.all.length > 0) assert.deepEqual(t.all[t.all.length - 1].cumulative, { num: t.withSubject, den: t.withSubject });
          assert.equal(sum(t.all) + t.withoutSubject.count, t.withSubject + t.withoutSubject.count);
        }),
      );
    });
  });

  describe('the statistics sheet', () => {
    it('lays the blocks out top to bottom in the workbook language with percentages as numbers', () => {
      const s = knownYear(2026, COMPLAINTS);
      const sheet = statisticsSheet(s, { project: '市第一人民医院', preparedBy: '陈静', date: '2027-01-10' }, 'zh-TW');
      assert.equal(sheet.name, '投訴統計 2026');
      const firsts = sheet.rows.map((r) => shown(r[0]));
      const order = [
        '投訴統計表 2026',
        '一、主要指標',
        '二、月份 × 類別',
        '三、責任部門 × 類別',
        '四、投訴方式 × 月份',
        '五、熱點問題（前10位）',
        '六、處理時長分佈',
        '七、是否屬實 × 類別',
        '八、回訪結果 × 責任部門',
      ];
      const positions = order.map((label) => firsts.indexOf(label));
      assert.ok(
        positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1])),
        JSON.stringify(positions),
      );
      const row = (label: string) => sheet.rows.find((r) => shown(r[0]) === label)!;
      assert.deepEqual(row('同比變化').map(shown), [`同比變化`, 5, 2, 2.5]);
      assert.deepEqual(row('屬實（含部分屬實）').map(shown), ['屬實（含部分屬實）', 4, 7, 4 / 7]);
      assert.deepEqual(row('屬實（含部分屬實）')[3], { number: 4 / 7, format: '0.0%' });
      assert.deepEqual(row('平均處理時長（小時）')[1], { number: 107.8, format: '0.0' });
      assert.deepEqual(row('年末未辦結').map(shown), ['年末未辦結', 2, 2 / 7]);
      assert.deepEqual(row('12月').map(shown).slice(1), [0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 2]);
      assert.deepEqual(row('項目').map(shown), ['項目', '市第一人民医院', '年度', 2026]);
    });

    it('lists the tickets behind every count on the detail sheet: filtering two columns gives each matrix cell', () => {
      const { statistics, tickets } = computeYear(COMPLAINTS, VISITS, 2026, COMPLAINTS, [], REOPENINGS);
      const sheet = statisticsSheet(statistics, { project: '', preparedBy: '陈静', date: '2027-01-10' }, 'zh-CN');
      const details = statisticsDetailSheet(2026, tickets, 'zh-CN');
      assert.equal(details.name, '投诉统计明细 2026');
      assert.ok(details.autoFilter);
      const header = details.rows[0].map(shown) as string[];
      const body = details.rows.slice(1).map((r) => r.map(shown));
      assert.deepEqual(
        body.map((r) => r[0]),
        statistics.headline.total.tickets,
      );
      // Every cell of three blocks, counted again by filtering the detail sheet on the block's two labels.
      const blocks: [string, string, string][] = [
        ['二、月份 × 类别', '月份', '类别'],
        ['三、责任部门 × 类别', '责任部门', '类别'],
        ['七、是否属实 × 类别', '类别', '是否属实'],
      ];
      let compared = 0;
      for (const [heading, rowColumn, columnColumn] of blocks) {
        const at = sheet.rows.findIndex((r) => shown(r[0]) === heading);
        const columns = sheet.rows[at + 1].map(shown) as string[];
        for (let r = at + 2; sheet.rows[r].length > 0 && shown(sheet.rows[r][0]) !== '合计'; r++) {
          const label = shown(sheet.rows[r][0]);
          for (let c = 1; c < columns.length && columns[c] !== '合计'; c++) {
            const filtered = body.filter((d) => d[header.indexOf(rowColumn)] === label && d[header.indexOf(columnColumn)] === columns[c]);
            assert.equal(filtered.length, shown(sheet.rows[r][c]), `${heading} ${label} × ${columns[c]}`);
            compared++;
          }
        }
      }
      assert.ok(compared > 200, `${compared} cells`);
      // A closed ticket's handling time and bucket; an open one has neither time nor on-time.
      const open = body.find((d) => d[header.indexOf('时长分段')] === '年末未办结')!;
      assert.equal(open[header.indexOf('处理时长（小时）')], null);
      assert.equal(open[header.indexOf('按承诺时限办结')], null);
    });

    it('draws a progress bar on a terminal only, and clears it when done', () => {
      const written: string[] = [];
      const terminal = { isTTY: true, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
      const bar = progressBar('readingLedger', 'zh-CN', terminal);
      bar.update(50, 100);
      bar.update(100, 100);
      bar.done();
      assert.match(written[0], /^\r█{14}░{14} {2}50% {2}正在读取台账$/);
      assert.match(written[1], /100%/);
      assert.equal(written[2], '\r\x1b[2K');
      const piped: string[] = [];
      const pipe = progressBar('readingLedger', 'en-US', { isTTY: false, write: (t: string) => piped.push(t) } as unknown as NodeJS.WriteStream);
      pipe.update(1, 2);
      pipe.done();
      assert.deepEqual(piped, []);
    });
  });

  for (const backend of BACKENDS) {
    it(`computes and writes the same figures through the ${backend.name}`, async () => {
      const session = await backend.open(await templateBytes('zh-CN'));
      const basis = await session.ledger.read({ writes: KNOWN_TABLES });
      await session.ledger.apply({ appends: KNOWN_ROWS() }, basis);
      const outcome = await runOperation(session.ledger, complaintStatisticsOperation, { year: 2026, sheet: true }, context);
      assertKnownYear(outcome.result.statistics);
      assert.deepEqual(outcome.result.statistics, knownYear(2026, COMPLAINTS));
      // Only the columns the figures need were asked for.
      const request = complaintStatisticsOperation.request({ year: 2026, sheet: true }, context);
      assert.ok(!request.tables!.complaints.columns.includes('content'));
      const name = statisticsSheetName(2026, 'zh-CN');
      const sheet = outcome.result.sheet;
      const totalRow = sheet.rows.findIndex((r) => shown(r[0]) === '投诉总数');
      assert.deepEqual(await session.cell(name, 0, 0), { value: '投诉统计表 2026' });
      assert.deepEqual(await session.cell(name, totalRow, 1), { value: 7 });
      const share = sheet.rows.findIndex((r) => shown(r[0]) === '回访率');
      assert.deepEqual(await session.cell(name, share, 3), { value: 0.6 });
      // Run again: the sheet is replaced, not added twice.
      await runOperation(session.ledger, complaintStatisticsOperation, { year: 2026, sheet: true }, context);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await session.bytes()) as unknown as ArrayBuffer);
      assert.equal(wb.worksheets.filter((w) => w.name === name).length, 1);
      assert.equal(
        wb
          .getWorksheet(name)!
          .getRow(totalRow + 1)
          .getCell(2).value,
        7,
      );
    });
  }

  it('writes the sheet in the language of an en-US workbook', async () => {
    const session = await BACKENDS[0].open(await templateBytes('en-US'));
    const basis = await session.ledger.read({ writes: KNOWN_TABLES });
    await session.ledger.apply({ appends: KNOWN_ROWS() }, basis);
    const outcome = await runOperation(session.ledger, complaintStatisticsOperation, { year: 2026, sheet: true }, context);
    assertKnownYear(outcome.result.statistics);
    const name = statisticsSheetName(2026, 'en-US');
    assert.equal(name, 'Complaint stats 2026');
    const rows = outcome.result.sheet.rows;
    const at = (label: string) => rows.findIndex((r) => shown(r[0]) === label);
    assert.deepEqual(await session.cell(name, at('Closed on time (promised)'), 3), { value: 0.5 });
    assert.deepEqual(await session.cell(name, at('Open at year end'), 1), { value: 2 });
    assert.deepEqual(rows[at('2. Month × category') + 1].slice(0, 3).map(shown), ['Month', 'Cleaning', 'Engineering & repairs']);
  });

  it('builds the sheet in the add-in in two requests: read the needed columns, write the sheet', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    const basis = await session.ledger.read({ writes: KNOWN_TABLES });
    // Long complaint texts: the statistics never read them, so the response stays small.
    const long = COMPLAINTS.map((c) => ({ ...c, content: '病房卫生间地面有积水'.repeat(150) }));
    await session.ledger.apply({ appends: { ...KNOWN_ROWS(), complaints: long } }, basis);
    session.client.resetStats();
    const outcome = await runOperation(session.ledger, complaintStatisticsOperation, { year: 2026, sheet: true }, context);
    assertKnownYear(outcome.result.statistics);
    assert.equal(session.client.stats.syncs, 2);
    const contentBytes = long.length * Buffer.byteLength(String(long[0].content));
    assert.ok(session.client.stats.responseBytes < contentBytes, `response ${session.client.stats.responseBytes} bytes`);
  });

  describe('reopened tickets count as open until handled again (issue 11 item 8)', () => {
    const sig = (by: string, at: string) => ({ by, at });
    const C = DESK_STEPS.complaint as Record<string, Operation<unknown, unknown, StepResult>>;
    /** One step of the complaint procedure, done at `at` (the audit's time). */
    const step = async (ledger: Ledger, action: string, no: string, fields: Record<string, unknown>, at: string) =>
      (await runOperation(ledger, C[action], { no, fields }, { clock: fixedClock(`${at}:00`, 1), actor: { clerk: '王丽', site: '市第一人民医院' } })).result;
    const register = async (ledger: Ledger, receivedAt: string, promisedBy: string, subject: string) => {
      const input = complaintInput({ received_at: receivedAt, promised_by: promisedBy, subject, receptionist: sig('王丽', receivedAt) });
      const outcome = await runOperation(ledger, registerComplaint, input, { clock: fixedClock(`${receivedAt}:00`, 1), actor: { clerk: '王丽', site: '市第一人民医院' } });
      const no = outcome.result.number;
      await step(ledger, 'dispatch', no, { copy1_signed: sig('保洁主管', receivedAt), copy2_filed: sig('王丽', receivedAt) }, receivedAt);
      return no;
    };
    const handle = async (ledger: Ledger, no: string, at: string, verdict: string) => {
      await step(ledger, 'handle', no, { action_result: `${at} 处理`, substantiated: verdict, handled_at: at }, at);
      await step(ledger, 'return', no, { returned_to_cs: sig('陈静', at) }, at);
    };
    const visitStep = (ledger: Ledger, no: string, at: string, happy: boolean) =>
      step(
        ledger,
        'visit',
        no,
        {
          visited_at: at,
          method: 'phone',
          person_visited: '张三',
          resolved: happy ? 'yes' : 'no',
          satisfaction: happy ? 'satisfied' : 'dissatisfied',
          visitor: sig('赵敏', at),
          received_by_cs: sig('陈静', at),
        },
        at,
      );
    const compile = async (ledger: Ledger, on: string) =>
      (await runOperation(ledger, complaintStatisticsOperation, { year: 2026, sheet: true }, { clock: fixedClock(`${on} 09:00:00`, 1), actor: { clerk: '陈静', site: '市第一人民医院' } })).result;

    /**
     * The desk's 2026: a plain ticket (C); one reopened in November and not handled again before the
     * year end (A, its promised time long past); one handled on 30 December and reopened by a visit
     * on 4 January (B).
     */
    async function deskYear(ledger: Ledger) {
      const c = await register(ledger, '2026-06-01 09:00', '2026-06-02 09:00', '地面湿滑');
      await handle(ledger, c, '2026-06-01 12:00', 'yes');
      await visitStep(ledger, c, '2026-06-02 10:00', true);
      const a = await register(ledger, '2026-11-02 09:00', '2026-11-04 09:00', '电梯故障');
      await handle(ledger, a, '2026-11-02 17:00', 'yes');
      assert.equal((await visitStep(ledger, a, '2026-11-04 10:00', false)).reopened, true);
      const b = await register(ledger, '2026-12-30 09:00', '2026-12-31 09:00', '停车收费');
      await handle(ledger, b, '2026-12-30 15:00', 'no');
      return { a, b, c };
    }

    for (const backend of BACKENDS) {
      it(`counts a reopened ticket as open in every block, and a year compiled again later gives the same figures (${backend.name})`, async () => {
        const session = await backend.open(await templateBytes('zh-CN'));
        const { a, b, c } = await deskYear(session.ledger);
        const first = await compile(session.ledger, '2027-01-03');
        const s = first.statistics;
        const h = s.headline;
        assert.deepEqual(h.total.tickets, [c, a, b]);
        // A: reopened on 4 November, not handled again: open at the year end — no handling time, no
        // bucket, neither on time nor in the return-visit rate, no verdict yet; overdue.
        assert.deepEqual(h.closed.tickets, [c, b]);
        assert.deepEqual(s.handlingBuckets.open.tickets, [a]);
        assert.deepEqual(s.handlingBuckets.le24h.tickets, [c, b]);
        assert.deepEqual(h.meanHours, { num: 180 + 360, den: 120 });
        assert.deepEqual([h.onTime.tickets, h.onTime.share], [[c, b], { num: 2, den: 2 }]);
        assert.deepEqual(h.onTime.overdueOpen.tickets, [a]);
        // B's visit comes after the year end: closed, not yet visited.
        assert.deepEqual([h.returnVisits.tickets, h.returnVisits.rate], [[c], { num: 1, den: 2 }]);
        assert.deepEqual([h.satisfaction.visited.tickets, h.satisfaction.tickets], [[c, a], [c]]);
        assert.deepEqual(h.substantiated.tickets, [c]);
        assert.deepEqual(nonZero(s.substantiationByCategory), { 'cleaning/yes': 1, 'cleaning/no': 1, 'cleaning/pending': 1 });
        assert.deepEqual([h.reopened.tickets, h.reopened.reopenings], [[a], 1]);
        const detail = (no: string) => first.tickets.find((f) => f.no === no)!;
        assert.deepEqual([detail(a).bucket, detail(a).handlingMinutes, detail(a).onTime, detail(a).overdue, detail(a).verdict], ['open', null, null, true, 'pending']);

        // January: B is reopened by its visit and handled again, A handled again; both visited.
        assert.equal((await visitStep(session.ledger, b, '2027-01-04 10:00', false)).reopened, true);
        await handle(session.ledger, b, '2027-01-05 11:00', 'yes');
        await visitStep(session.ledger, b, '2027-01-06 10:00', true);
        await handle(session.ledger, a, '2027-01-06 09:00', 'partly');
        await visitStep(session.ledger, a, '2027-01-07 10:00', true);
        const again = await compile(session.ledger, '2027-01-10');
        assert.deepEqual(again.statistics, s, '2026 compiled again after the January handling gives the same figures');
        assert.deepEqual(again.details, first.details);
        // Each round keeps its own handled-at: the first handling of each is in its reopening record.
        const rounds = await session.ledger.read({ tables: { complaint_reopenings: { columns: ['reopening_no', 'handled_at', 'substantiated', 'reopened_at', 'visit_no'], rows: 'all' } } });
        assert.deepEqual(
          rounds.tables.complaint_reopenings.map((r) => r.values),
          [
            { reopening_no: `${a}-R1`, handled_at: '2026-11-02 17:00', substantiated: 'yes', reopened_at: '2026-11-04 10:00', visit_no: `${a}-HF` },
            { reopening_no: `${b}-R1`, handled_at: '2026-12-30 15:00', substantiated: 'no', reopened_at: '2027-01-04 10:00', visit_no: `${b}-HF` },
          ],
        );
      });
    }

    it('shows the overdue open tickets beside the on-time rate, on the sheet and its detail sheet', async () => {
      const session = await BACKENDS[0].open(await templateBytes('zh-CN'));
      const { a } = await deskYear(session.ledger);
      const outcome = await compile(session.ledger, '2027-01-03');
      const rows = outcome.sheet.rows;
      const onTime = rows.findIndex((r) => shown(r[0]) === '按承诺时限办结');
      assert.deepEqual(rows[onTime + 1].map(shown), ['年末未办结且已超承诺时限', 1, 1, 1]);
      const header = outcome.details!.rows[0].map(shown) as string[];
      const row = outcome.details!.rows.find((r) => shown(r[0]) === a)!.map(shown);
      assert.deepEqual([row[header.indexOf('时长分段')], row[header.indexOf('按承诺时限办结')]], ['年末未办结', '年末逾期未办结']);
    });

    it('reads a ticket reopened before the reopening records (an older ledger) as open from its reopening visit', () => {
      // As template version 1 left it: the handling still on the ticket, the reopening only in its visit.
      const legacy = complaint({
        no: T(1),
        at: '2026-05-01 09:00',
        channel: 'phone',
        category: 'cleaning',
        department: 'cleaning',
        promised: '2026-05-03 09:00',
        verdict: 'yes',
        handled: '2026-05-01 15:00',
        reopen: 1,
      });
      const visits = [visit(T(1), '2026-05-02 10:00', 'dissatisfied')];
      const s = yearStatistics([legacy], visits, 2026);
      assert.deepEqual([s.headline.closed.count, s.handlingBuckets.open.tickets, s.headline.onTime.overdueOpen.tickets], [0, [T(1)], [T(1)]]);
      assert.deepEqual([s.headline.reopened.tickets, s.headline.reopened.reopenings], [[T(1)], 1]);
      // Reopened after the year end: closed at the year end by that handling.
      const later = yearStatistics([legacy], [visit(T(1), '2027-01-02 10:00', 'dissatisfied')], 2026);
      assert.deepEqual([later.headline.closed.tickets, later.headline.onTime.tickets, later.headline.reopened.count], [[T(1)], [T(1)], 0]);
    });
  });

  describe('the measures of step 8', () => {
    const measure = (no: string, statsYear: number, progress: string, closedOn = '', voided = false): RecordValues => ({
      measure_no: no,
      stats_year: statsYear,
      raised_on: `${statsYear}-12-28`,
      finding: `分析 ${no}`,
      measure: `措施 ${no}`,
      department: 'cleaning',
      owner: '陈主管',
      due_on: `${statsYear + 1}-03-31`,
      progress,
      closed_on: closedOn,
      voided,
    });
    const MEASURES = [
      measure('CM-2025-001', 2025, 'in_progress'),
      measure('CM-2025-002', 2025, 'done', '2026-03-01'),
      measure('CM-2025-003', 2025, 'done', '2025-12-30'),
      measure('CM-2025-004', 2025, 'cancelled'),
      measure('CM-2024-001', 2024, 'planned'),
      measure('CM-2026-001', 2026, 'planned'),
      measure('CM-2026-002', 2026, 'done', '2026-12-30'),
      measure('CM-2026-003', 2026, 'planned', '', true),
      measure('CM-2027-001', 2027, 'planned'),
    ];

    it('lists the year’s own measures and carries the earlier ones still open on 1 January until closed', () => {
      const listed = (year: number) => measuresOfYear(MEASURES, year).map((m) => `${m.measureNo}${m.carried ? ' carried' : ''}`);
      assert.deepEqual(listed(2025), ['CM-2024-001 carried', 'CM-2025-001', 'CM-2025-002', 'CM-2025-003', 'CM-2025-004']);
      assert.deepEqual(listed(2026), ['CM-2024-001 carried', 'CM-2025-001 carried', 'CM-2025-002 carried', 'CM-2026-001', 'CM-2026-002']);
      assert.deepEqual(listed(2027), ['CM-2024-001 carried', 'CM-2025-001 carried', 'CM-2026-001 carried', 'CM-2027-001']);
    });

    it('shows them on the sheet with the carried year and overdue marked, through the add-in', async () => {
      const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
      const basis = await session.ledger.read({ writes: [...KNOWN_TABLES, 'complaint_measures'] });
      await session.ledger.apply({ appends: { ...KNOWN_ROWS(), complaint_measures: MEASURES } }, basis);
      const outcome = await runOperation(session.ledger, complaintStatisticsOperation, { year: 2026, sheet: true }, context);
      assert.deepEqual(
        outcome.result.statistics.measures.map((m) => m.measureNo),
        ['CM-2024-001', 'CM-2025-001', 'CM-2025-002', 'CM-2026-001', 'CM-2026-002'],
      );
      const rows = outcome.result.sheet.rows;
      const heading = rows.findIndex((r) => shown(r[0]) === '九、分析及整改措施');
      assert.ok(heading > 0);
      assert.deepEqual(rows[heading + 1].map(shown), ['措施编号', '统计年度', '问题分析', '整改措施', '责任部门', '责任人', '完成期限', '落实情况', '完成（撤销）日期']);
      // Due 2025-03-31, still planned on 2027-01-10: overdue. Done ones never are.
      assert.deepEqual(rows[heading + 2].map(shown), ['CM-2024-001', '2024（结转）', '分析 CM-2024-001', '措施 CM-2024-001', '保洁部', '陈主管', '2025-03-31', '未开始（逾期）', '']);
      assert.deepEqual(
        rows[heading + 4]
          .map(shown)
          .slice(0, 2)
          .concat(rows[heading + 4].map(shown).slice(7)),
        ['CM-2025-002', '2025（结转）', '已落实', '2026-03-01'],
      );
      assert.deepEqual(rows[heading + 5].map(shown).slice(0, 2), ['CM-2026-001', '2026']);
      assert.equal(await session.cell(statisticsSheetName(2026, 'zh-CN'), heading + 2, 1).then((c) => c.value), '2024（结转）');
    });
    it('writes the carried year and the overdue mark in each language’s own punctuation (issue 11 item 8)', () => {
      const statistics = { ...knownYear(2026, COMPLAINTS), measures: measuresOfYear(MEASURES, 2026) };
      const expected: Record<Locale, [string, string]> = {
        'zh-CN': ['2024（结转）', '未开始（逾期）'],
        'zh-TW': ['2024（結轉）', '未開始（逾期）'],
        'en-US': ['2024 (carried)', 'Not started (overdue)'],
      };
      for (const locale of LOCALES) {
        const rows = statisticsSheet(statistics, { project: '', preparedBy: '陈静', date: '2027-01-10' }, locale).rows;
        const line = rows.find((r) => shown(r[0]) === 'CM-2024-001')!;
        assert.deepEqual([shown(line[1]), shown(line[7])], expected[locale], locale);
        // Every label of the sheet (its first column) and the measures' year and progress, in the locale's script.
        const texts = rows.flatMap((r, i) => [r[0], ...(shown(r[0])?.toString().startsWith('CM-') ? [r[1], r[7]] : [])].map((cell) => ({ where: `row ${i + 1}`, text: String(shown(cell) ?? '') })));
        assert.deepEqual(checkScripts([{ name: `${locale} statistics sheet`, locale, texts }], SCRIPT_EXCEPTIONS), [], locale);
      }
    });
  });

  describe('a large year in the add-in', () => {
    const YEAR_SIZE = 6000;
    const big = Array.from({ length: YEAR_SIZE }, (_, i): RecordValues => {
      const day = 1 + (i % 28);
      const month = 1 + (i % 12);
      return complaint({
        no: `TS-2026-${String(i + 1).padStart(5, '0')}`,
        at: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}`,
        channel: CHANNELS[i % CHANNELS.length].code,
        who: `投诉人${i % 700}`,
        phone: `139${String(i % 700).padStart(8, '0')}`,
        subject: `事项${i % 37}`,
        category: CATEGORY_CODES[(i * 7) % CATEGORY_CODES.length],
        department: DEPARTMENTS[(i * 3) % DEPARTMENTS.length].code,
        verdict: ['yes', 'partly', 'no', ''][i % 4],
        handled: i % 5 === 0 ? undefined : `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 17:00`,
        voided: i % 97 === 0,
      });
    });

    it('reads only the needed columns in requests under the limit, reports progress, and draws the three charts', async () => {
      const workbook = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
      const session = await openOnHost(workbook);
      const basis = await session.ledger.read({ writes: ['complaints'] });
      await session.ledger.apply({ appends: { complaints: big } }, basis);
      // A tight response limit, so the reads must split and adapt (the web's limit is 5 MB).
      const LIMIT = 400 * 1024;
      const client = hostClient(workbook, { responseLimitBytes: LIMIT });
      const ledger = await openOfficeLedger(excelRun(client), { station: 'stats', clock: context.clock });
      client.resetStats();
      const progress: number[][] = [];
      const outcome = await runOperation(ledger, complaintStatisticsOperation, { year: 2026, sheet: true }, context, {
        onProgress: (done, total) => progress.push([done, total]),
      });
      assert.deepEqual(outcome.result.statistics, yearStatistics(big, [], 2026));
      assert.equal(outcome.result.statistics.headline.total.count, YEAR_SIZE - Math.ceil(YEAR_SIZE / 97));
      const perSync = client.stats.perSync.filter((s) => s.ok);
      assert.ok(
        perSync.every((s) => s.responseBytes <= LIMIT && s.requestBytes <= 5 * 1024 * 1024),
        JSON.stringify(perSync.map((s) => [s.requestBytes, s.responseBytes])),
      );
      assert.ok(perSync.length >= 4 && perSync.length <= 20, `${perSync.length} syncs`);
      // Progress rises to every row of the three tables read.
      const total = progress[0][1];
      assert.ok(total >= YEAR_SIZE);
      assert.deepEqual(progress[progress.length - 1], [total, total]);
      assert.ok(progress.every((p, i) => i === 0 || p[0] >= progress[i - 1][0]));

      const name = statisticsSheetName(2026, 'zh-CN');
      const charts = () => workbook.worksheet(name).charts;
      assert.deepEqual(
        charts().map((c) => [c.name, c.chartType]),
        [
          ['kefu_stats_monthly', 'ColumnStacked'],
          ['kefu_stats_pareto', 'ColumnClustered'],
          ['kefu_stats_departments', 'BarStacked'],
        ],
      );
      const [monthly, pareto, departments] = charts();
      assert.equal(monthly.title.text, '月度投诉趋势（按类别）');
      assert.deepEqual(
        monthly.series.map((x) => x.name),
        CATEGORY_CODES.map((code) => outcome.result.sheet.rows.find((r) => shown(r[0]) === '月份')![CATEGORY_CODES.indexOf(code) + 1]).map(shown),
      );
      assert.deepEqual(
        pareto.series.map((x) => [x.name, x.chartType, x.axisGroup]),
        [
          ['件数', 'ColumnClustered', 'Primary'],
          ['累计占比', 'Line', 'Secondary'],
        ],
      );
      assert.equal(departments.series.length, CATEGORY_CODES.length);
      // The tickets behind the figures, with filter buttons over the whole list.
      const details = workbook.worksheet(outcome.result.details!.name);
      assert.deepEqual(details.autoFilter, { top: 0, left: 0, bottom: outcome.result.statistics.headline.total.count, right: 12 });
      const file = new ExcelJS.Workbook();
      await file.xlsx.load(Buffer.from(await hostWorkbookToXlsx(workbook)) as unknown as ArrayBuffer);
      assert.equal(file.getWorksheet(outcome.result.details!.name)!.autoFilter, `A1:M${outcome.result.statistics.headline.total.count + 1}`);
      // Built again: the charts are replaced, not added twice.
      await runOperation(ledger, complaintStatisticsOperation, { year: 2026, sheet: true }, context);
      assert.deepEqual(
        charts().map((c) => c.name),
        ['kefu_stats_monthly', 'kefu_stats_pareto', 'kefu_stats_departments'],
      );
    });
  });

  describe('kefu stats', () => {
    let dir: string;
    let ledger: string;
    before(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-stats-'));
      const session = await BACKENDS[0].open(await templateBytes('zh-CN'));
      const basis = await session.ledger.read({ writes: KNOWN_TABLES });
      await session.ledger.apply({ appends: KNOWN_ROWS() }, basis);
      ledger = path.join(dir, 'ledger.xlsx');
      await fs.writeFile(ledger, await session.bytes());
    });
    after(() => fs.rm(dir, { recursive: true, force: true }));

    const sha = async (file: string) =>
      createHash('sha256')
        .update(await fs.readFile(file))
        .digest('hex');

    it('prints the figures as JSON, the same as computed in the add-in', async () => {
      const run = await runKefu(['stats', ledger, '--year', '2026', '--json']);
      assert.equal(run.code, 0, run.stderr);
      const json = JSON.parse(run.stdout) as YearStatistics;
      assertKnownYear(json);
      assert.deepEqual(json, JSON.parse(JSON.stringify(knownYear(2026, COMPLAINTS))));
    });

    it('writes the statistics workbook and leaves the ledger untouched', async () => {
      const before = await sha(ledger);
      const out = path.join(dir, 'stats.xlsx');
      const run = await runKefu(['stats', ledger, '--year', '2026', '--out', out, '--site', '市第一人民医院', '--locale', 'en-US']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Complaint statistics 2026: 7 complaints \(5 closed, 2 open at year end, 1 of them past the promised time\)/);
      assert.equal(await sha(ledger), before);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        ['投诉统计 2026', '投诉统计明细 2026'],
      );
      // The tickets behind the figures: one row per ticket of the year, with filter buttons.
      const details = wb.worksheets[1];
      assert.equal(details.actualRowCount, 1 + 7);
      assert.ok(details.autoFilter, 'filter buttons on the detail sheet');
      const detailRows: unknown[][] = [];
      details.eachRow((row, i) => (detailRows[i - 1] = (row.values as unknown[]).slice(1)));
      assert.deepEqual(detailRows[0].slice(0, 4), ['投诉编号', '受理时间', '月份', '类别']);
      // January's two tickets are the two of the 1月 row on the statistics sheet.
      assert.equal(detailRows.filter((r) => r[2] === '1月').length, 2);
      const ws = wb.worksheets[0];
      const rows: unknown[][] = [];
      ws.eachRow((row, i) => (rows[i - 1] = (row.values as unknown[]).slice(1)));
      const find = (label: string) => rows.find((r) => r && r[0] === label)!;
      assert.deepEqual(find('投诉总数'), ['投诉总数', 7]);
      assert.deepEqual(find('同比变化'), ['同比变化', 5, 2, 2.5]);
      assert.deepEqual(find('按承诺时限办结'), ['按承诺时限办结', 2, 4, 0.5]);
      assert.deepEqual(find('处理时长中位数（小时）'), ['处理时长中位数（小时）', 72]);
      assert.deepEqual(find('重复投诉人'), ['重复投诉人', 1]);
      assert.deepEqual(find('1月').slice(0, 12), ['1月', 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2]);
      assert.deepEqual(find('≤24小时'), ['≤24小时', 1, 1 / 7]);
      assert.deepEqual(find('项目'), ['项目', '市第一人民医院', '年度', 2026]);
      const rate = rows.findIndex((r) => r && r[0] === '回访率');
      assert.equal(ws.getRow(rate + 1).getCell(4).numFmt, '0.0%');
    });

    it('keeps the rounds of a ticket reopened in a version-1 ledger after kefu upgrade, and --json counts it open (issue 11 item 8)', async () => {
      const old = path.join(dir, 'v1-demo.xlsx');
      await fs.copyFile(path.join(ROOT, 'test', 'fixtures', 'v1', 'demo.zh-CN.xlsx'), old);
      const kefu = (args: string[], stdin?: unknown) => runKefu([...args, '--locale', 'en-US'], stdin === undefined ? {} : { stdin: JSON.stringify(stdin) });
      const ok = async (args: string[], stdin?: unknown) => {
        const run = await kefu(args, stdin);
        assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
        return run;
      };
      await ok(['upgrade', old]);
      const no = 'TS-2026-0118'; // received 2026-12-22 14:52, promised by 12-25 14:52, not yet dispatched
      const sig = (by: string, at: string) => ({ by, at });
      const step = (name: string, fields: Record<string, unknown>) => ok(['complaint', name, old, no, '--json', '-', '--clerk', '王丽'], fields);
      const visitOf = (at: string, happy: boolean) => ({
        visited_at: at,
        method: 'phone',
        person_visited: '张三',
        resolved: happy ? 'yes' : 'no',
        satisfaction: happy ? 'satisfied' : 'dissatisfied',
        visitor: sig('赵敏', at),
        received_by_cs: sig('陈静', at),
      });
      await step('dispatch', { copy1_signed: sig('保洁主管', '2026-12-22 15:00'), copy2_filed: sig('王丽', '2026-12-22 15:00') });
      await step('handle', { action_result: '已清理', substantiated: 'yes', handled_at: '2026-12-23 10:00' });
      await step('return', { returned_to_cs: sig('陈静', '2026-12-23 11:00') });
      await step('visit', visitOf('2026-12-24 10:00', false));
      const stats = async () => JSON.parse((await ok(['stats', old, '--year', '2026', '--json'])).stdout) as YearStatistics;
      const before = await stats();
      assert.ok(before.handlingBuckets.open.tickets.includes(no) && !before.headline.closed.tickets.includes(no));
      assert.ok(before.headline.onTime.overdueOpen.tickets.includes(no));
      assert.ok(!before.headline.returnVisits.tickets.includes(no) && !before.headline.onTime.tickets.includes(no));
      // The demo's tickets reopened before the upgrade were handled again within the year: closed.
      assert.ok(before.headline.reopened.tickets.includes('TS-2026-0006') && before.headline.closed.tickets.includes('TS-2026-0006'));

      // Handled again in January: the first round keeps its handled-at, and 2026 stays as it was.
      await step('handle', { action_result: '再次清理', substantiated: 'partly', handled_at: '2027-01-05 10:00' });
      assert.deepEqual(await stats(), before);
      const ledger = await PackageLedger.fromBuffer(new Uint8Array(await fs.readFile(old)), { station: 't', clock: context.clock });
      const read = await ledger.read({
        tables: {
          complaint_reopenings: { columns: ['reopening_no', 'handled_at', 'substantiated', 'visit_no', 'reopened_at'], rows: 'all' },
          complaints: { columns: ['ticket_no', 'handled_at', 'reopen_count'], rows: { where: 'ticket_no', equals: [no] } },
        },
      });
      assert.deepEqual(
        read.tables.complaint_reopenings.map((r) => r.values),
        [{ reopening_no: `${no}-R1`, handled_at: '2026-12-23 10:00', substantiated: 'yes', visit_no: `${no}-HF`, reopened_at: '2026-12-24 10:00' }],
      );
      assert.deepEqual(read.tables.complaints[0].values, { ticket_no: no, handled_at: '2027-01-05 10:00', reopen_count: 1 });
      assert.equal((await kefu(['check', old])).code, 0);
    });

    it('refuses to write the statistics over the ledger', async () => {
      const before = await sha(ledger);
      const run = await runKefu(['stats', ledger, '--year', '2026', '--out', ledger, '--locale', 'en-US']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /--out "[^"]+" is the ledger being read/);
      assert.equal(await sha(ledger), before);
    });
  });
});
