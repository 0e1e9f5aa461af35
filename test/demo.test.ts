import assert from 'node:assert/strict';
import { fixedClock } from '../addin/src/core/clock';
import { DESK_CLOSES, DESK_OPENS, demoToday } from '../addin/src/domain/demo';
import { DESK_TEXTS } from '../addin/src/domain/demoWords';
import { calendarFrom, isWorkingDay } from '../addin/src/domain/dueDates';
import { FORMS } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import { CALENDAR_SEED } from '../addin/src/forms/promisedTimes';
import { LOCALES, type Locale } from '../addin/src/i18n/locale';
import type { RecordValues } from '../addin/src/ledger/cells';
import { AUDIT_COLUMNS, AUDIT_TABLE } from '../addin/src/ledger/layout';
import { buildDemoWorkbook } from '../addin/src/workbooks/demoLedger';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';

/**
 * Issue 11 item 7: the demo a first-time user sees looks like a real desk's year — names where
 * names belong, desk work in office hours on working days, nothing after the demo's today.
 */

const calendar = calendarFrom(CALENDAR_SEED);

/** Reference tables the template fills (calendar, promised times, rules): not things that happened. */
const REFERENCE_TABLES = ['work_calendar', 'due_rules', 'rules', 'visitor_rules'];
/** Deadlines: a promised time may lie ahead of today. */
const DEADLINES = ['promised_by', 'reply_due', 'due_at', 'due_on', 'valid_until'];
/** The desk's own registers: every time in them is a moment someone at the desk did something. */
const DESK_TABLES = ['complaints', 'return_visits', 'reception', 'repair_orders', 'repair_ledger', 'complaint_measures'];
/** Columns that hold a person's name besides the signatures' "by" halves. */
const PERSON_COLUMNS = ['complainant', 'caller', 'requester', 'technician', 'owner', 'person_visited', 'created_by', 'name'];

interface Demo {
  readonly locale: Locale;
  readonly today: string;
  readonly tables: Readonly<Record<string, readonly RecordValues[]>>;
}

async function demo(locale: Locale, year: number, now: string): Promise<Demo> {
  const clock = fixedClock(now);
  const { bytes, desk } = await buildDemoWorkbook({ locale, year, clock, station: 'demo-test' });
  assert.equal(desk.today, demoToday(year, clock));
  const ledger = await XlsxLedger.fromBuffer(bytes, { station: 'demo-test', clock });
  const request = Object.fromEntries(FORMS.map((form) => [form.key, { columns: columnsOf(form).map((c) => c.key), rows: 'all' as const }]));
  const snapshot = await ledger.read({ tables: { ...request, [AUDIT_TABLE]: { columns: AUDIT_COLUMNS.map((c) => c.key), rows: 'all' } } });
  const tables = Object.fromEntries(Object.entries(snapshot.tables).map(([key, rows]) => [key, rows.map((r) => r.values)]));
  return { locale, today: desk.today, tables };
}

/** Every value of the columns `pick` chooses, named by table, column and row. */
function cells(d: Demo, pick: (table: string, column: { key: string; kind: string; signatureBy: boolean }) => boolean): { where: string; value: string }[] {
  const out: { where: string; value: string }[] = [];
  for (const form of FORMS) {
    const columns = columnsOf(form).filter((c) => pick(form.key, { key: c.key, kind: c.kind, signatureBy: c.field.type === 'signature' && c.key.endsWith('_by') }));
    (d.tables[form.key] ?? []).forEach((row, i) => {
      for (const c of columns) if (typeof row[c.key] === 'string' && row[c.key] !== '') out.push({ where: `${form.key} row ${i + 1} ${c.key}`, value: String(row[c.key]) });
    });
  }
  return out;
}

const NAME: Readonly<Record<Locale, RegExp>> = {
  'zh-CN': /^\p{Script=Han}{2,3}$/u,
  'zh-TW': /^\p{Script=Han}{2,3}$/u,
  'en-US': /^[A-Z][a-z]+ [A-Z][a-z]+$/,
};

function assertNamesWhereNamesBelong(d: Demo): void {
  const people = cells(d, (_, c) => c.signatureBy || PERSON_COLUMNS.includes(c.key)).filter((p) => !p.where.startsWith('work_calendar'));
  assert.ok(people.length > 1000, `${people.length} names`);
  const anonymous = DESK_TEXTS.anonymousVisited[d.locale];
  const bad = people.filter((p) => !NAME[d.locale].test(p.value) && !(p.where.endsWith('person_visited') && p.value === anonymous));
  assert.deepEqual(bad.slice(0, 10), [], `${bad.length} values where a ${d.locale} name belongs`);
  const who = (d.tables[AUDIT_TABLE] ?? []).filter((r) => r.action !== 'template').map((r) => String(r.who));
  assert.deepEqual([...new Set(who.filter((w) => !NAME[d.locale].test(w)))], [], 'everyone in the audit log is named');
}

/** The field teams' month in the demo: four work orders closed, rectified on the way, a signed investigation, a closed accident, both units' reports. */
function assertFieldMonth(d: Demo, month: string): void {
  const ym = month.replace('-', '');
  const orders = [...d.tables.rotation_orders, ...d.tables.batch_installs].filter((o) => String(o.order_no).includes(`-${ym}-`));
  assert.deepEqual(
    orders.map((o) => o.status),
    ['closed', 'closed', 'closed', 'closed'],
  );
  assert.equal(orders.filter((o) => String(o.rectified_on ?? '').startsWith(month)).length, 4, 'each rectified once in the month');
  assert.ok(
    d.tables.investigations.some((i) => i.status === 'signed' && i.construction_sign_by && i.inspection_sign_by && i.property_sign_by && String(i.check_date).startsWith(month)),
    'an investigation signed by the three parties',
  );
  const accidents = d.tables.accident_verbal_reports.filter((a) => String(a.occurred_at).startsWith(month));
  assert.deepEqual(
    accidents.map((a) => [a.status, a.verbal_late]),
    [['closed', true]],
  );
  assert.equal(d.tables.accident_investigations.find((i) => i.accident_no === accidents[0].accident_no)?.status, 'closed');
  assert.equal(d.tables.accident_reports.filter((r) => r.period_month === Number(month.slice(5))).length, 2);
  assert.ok(
    d.tables.preshift_meetings.some((m) => m.voided === true && String(m.meeting_date).startsWith(month)),
    'the meeting held again is kept, void',
  );
}

function officeHours(value: string): boolean {
  const time = value.slice(11, 16);
  return isWorkingDay(calendar, value.slice(0, 10)) && time >= DESK_OPENS && time <= DESK_CLOSES;
}

function assertDeskWorkInOfficeHours(d: Demo): void {
  const times = cells(d, (table, c) => DESK_TABLES.includes(table) && c.kind === 'datetime' && !DEADLINES.includes(c.key));
  // The desk's entries of the log (the scenic area's gates and broadcast station work on holidays, from opening to closing).
  const audit = (d.tables[AUDIT_TABLE] ?? [])
    .map((r, i) => ({ where: `audit row ${i + 1} (${r.action} ${r.table})`, value: String(r.at), table: String(r.table) }))
    .filter((r) => DESK_TABLES.includes(r.table) || r.table === '');
  assert.ok(
    times.some((t) => t.where.endsWith('visited_at')),
    'return visits are among the times checked',
  );
  const outside = [...times, ...audit].filter((t) => !officeHours(t.value));
  assert.deepEqual(outside.slice(0, 10), [], `${outside.length} desk actions outside ${DESK_OPENS}–${DESK_CLOSES} on working days`);
}

function assertNothingAfterToday(d: Demo): void {
  const dated = cells(d, (table, c) => !REFERENCE_TABLES.includes(table) && (c.kind === 'date' || c.kind === 'datetime') && !DEADLINES.includes(c.key));
  const audit = (d.tables[AUDIT_TABLE] ?? []).map((r, i) => ({ where: `audit row ${i + 1}`, value: String(r.at) }));
  assert.ok(dated.length > 5000);
  const late = [...dated, ...audit].filter((t) => t.value.slice(0, 16) > d.today);
  assert.deepEqual(late.slice(0, 10), [], `${late.length} values after the demo's today ${d.today}`);
}

describe('the demo: a real desk’s year', function () {
  this.timeout(300_000);

  describe('a year in progress (today 2026-07-15 11:20)', () => {
    const demos = new Map<Locale, Demo>();
    before(async () => {
      for (const locale of LOCALES) demos.set(locale, await demo(locale, 2026, '2026-07-15 11:20:00'));
    });

    for (const locale of LOCALES) {
      it(`${locale}: every signature, technician, owner and clerk is a person’s name`, () => assertNamesWhereNamesBelong(demos.get(locale)!));
      it(`${locale}: receptions, visits and every other desk action happen in office hours on working days`, () => assertDeskWorkInOfficeHours(demos.get(locale)!));
      it(`${locale}: nothing is dated after today, and the last days’ matters are still open`, () => {
        const d = demos.get(locale)!;
        assertNothingAfterToday(d);
        const tickets = d.tables.complaints;
        assert.equal(tickets.length, 120, 'the complaints asked for, all received by today');
        assert.ok(
          tickets.some((t) => String(t.received_at) >= '2026-07-01'),
          'received up to the last days',
        );
        assert.ok(
          tickets.some((t) => t.status !== 'archived' && t.voided !== true),
          'some tickets are still in progress',
        );
        assert.equal(d.tables.collector_daily.filter((r) => String(r.date) >= '2026-07-15').length, 0, 'no collector record from today on');
      });
    }

    it('holds a month of two field teams (June): orders closed after rectifications, an investigation signed by three, an accident closed', () => {
      for (const d of demos.values()) assertFieldMonth(d, '2026-06');
    });

    it('holds the scenic area’s May Day season: 40 loans on its first day, five days of broadcasts, reservations and gates, every free pass counted at its gate', () => {
      for (const d of demos.values()) {
        const live = (rows: readonly RecordValues[]) => rows.filter((r) => r.voided !== true);
        assert.equal(live(d.tables.loans).length, 40);
        assert.deepEqual([...new Set(live(d.tables.broadcasts).map((b) => String(b.requested_at).slice(0, 10)))], ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']);
        assert.ok(live(d.tables.broadcasts).every((b) => b.status === 'closed'));
        assert.equal(live(d.tables.reservations).length, 10);
        assert.ok(live(d.tables.reservations).every((r) => r.status === 'closed'));
        const passes = live(d.tables.free_entries).filter((e) => e.result === 'free_pass');
        const logged = passes.reduce((sum, e) => sum + Number(e.headcount), 0);
        assert.equal(
          logged,
          d.tables.gate_counts.reduce((sum, g) => sum + Number(g.free_headcount), 0),
        );
      }
    });

    it('tells the same year in each locale: only the words differ', () => {
      const shape = (d: Demo) => d.tables.complaints.map((t) => [t.ticket_no, t.received_at, t.category, t.status, t.handled_at]);
      assert.deepEqual(shape(demos.get('zh-TW')!), shape(demos.get('zh-CN')!));
      assert.deepEqual(shape(demos.get('en-US')!), shape(demos.get('zh-CN')!));
      assert.notDeepEqual(demos.get('zh-TW')!.tables.complaints[0].content, demos.get('zh-CN')!.tables.complaints[0].content);
    });
  });

  describe('a year that is over (today 2026-03-01, demo year 2025)', () => {
    let d: Demo;
    before(async () => {
      d = await demo('zh-TW', 2025, '2026-03-01 10:00:00');
    });

    it('ends on the year’s last minute: the whole year, nothing later, December’s suggestions not compiled yet', () => {
      assert.equal(d.today, '2025-12-31 23:59');
      assertNothingAfterToday(d);
      assertDeskWorkInOfficeHours(d);
      assertNamesWhereNamesBelong(d);
      assert.ok(d.tables.complaints.every((t) => String(t.received_at).startsWith('2025-')));
      const months = new Set(d.tables.complaints.map((t) => String(t.received_at).slice(5, 7)));
      assert.equal(months.size, 12, 'complaints in every month');
      const december = d.tables.reception.filter((r) => r.category === 'suggestion' && String(r.received_at).startsWith('2025-12'));
      assert.ok(december.length > 0 && december.every((r) => !r.compiled_in), 'December’s suggestions are compiled in January');
      assert.equal(d.tables.complaint_measures.length, 4, 'the measures after the year’s statistics, and one carried from 2024');
      assertFieldMonth(d, '2025-12');
    });

    it('refuses a year that has not begun', async () => {
      await assert.rejects(buildDemoWorkbook({ locale: 'zh-CN', year: 2027, clock: fixedClock('2026-12-05 10:00:00'), station: 'demo-test' }), /has not begun/);
    });
  });
});
