import { DEPARTMENTS } from '../forms/codes';
import { CALENDAR_SEED } from '../forms/promisedTimes';
import { complaintMeasures } from '../forms/complaints';
import { DEFAULT_LOCALE, format, type Locale, type Text } from '../i18n/locale';
import type { Ledger } from '../ledger/types';
import type { Clock } from '../core/clock';
import { BUILDINGS, COMPLAINT_TEXTS, DESK_TEXTS, MATTERS, MEASURE_TEXTS, STAFF, WARDS, location, personName, phoneNumber } from './demoWords';
import { addWorkingDays, calendarFrom, isWorkingDay, type WorkCalendar } from './dueDates';
import { importTable } from './importing';
import { KefuError } from '../core/problems';
import { createNumberedRecord, runOperation, type Operation } from './records';
import { archiveComplaint, dispatchComplaint, recordHandling, recordReturnVisit, returnToCustomerService } from './complaintProcedure';
import { compileSuggestions, escalateOther, receiveMatter, replyToInquiry, verifyIssue, type ReceptionResult } from './reception';
import { completeRepair, closeRepair, dispatchRepair, repairArrived, repairWaitingParts, returnRepairCopy, signRepairOrder } from './repairProcedure';
import { voidRecord } from './serviceDesk';
import { crewsOf, fieldClerk, runFieldMonth, type FieldMonthSummary } from './fieldMonth';
import { type StepInput, type StepResult } from './deskSteps';

/**
 * Demo data made the way a clerk would make it: by running the real operations on a ledger, with
 * a seeded random generator so the same year gives the same workbook.
 */

/** Mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How often each category comes up at a hospital's desk (weights), so the statistics have a Pareto. */
const CATEGORY_WEIGHT: Readonly<Record<string, number>> = {
  cleaning: 20,
  engineering: 18,
  elevator: 14,
  parking: 10,
  attitude: 10,
  catering: 8,
  transport: 6,
  security: 5,
  laundry: 5,
  other: 4,
};

function weighted(random: () => number, weights: Readonly<Record<string, number>>): string {
  const entries = Object.entries(weights);
  let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1][0];
}

const DEPARTMENT_OF: Readonly<Record<string, string>> = {
  cleaning: 'cleaning',
  engineering: 'engineering',
  security: 'security',
  parking: 'security',
  elevator: 'engineering',
  transport: 'transport',
  catering: 'catering',
  laundry: 'laundry',
  attitude: 'customer_service',
  other: 'management',
};

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * One plausible complaint received on a day of `year`, as a clerk would type it, in the words of
 * `locale`. The demo passes the time it was received; without one, a day and an office hour of
 * the year are drawn.
 */
export function demoComplaint(random: () => number, year: number, locale: Locale = DEFAULT_LOCALE, receivedAt?: string): Record<string, unknown> {
  const category = weighted(random, CATEGORY_WEIGHT);
  const { content, subject } = pick(random, COMPLAINT_TEXTS[category]);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const hour = 8 + Math.floor(random() * 10);
  const minute = Math.floor(random() * 60);
  const at = receivedAt ?? `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}`;
  const anonymous = random() < 0.1;
  const department = DEPARTMENTS.find((d) => d.code === DEPARTMENT_OF[category])!.code;
  return {
    received_at: at,
    channel: pick(random, ['visit', 'visit', 'phone', 'phone', 'phone', 'letter', 'wechat', 'hotline_12345']),
    anonymous: anonymous ? 'yes' : 'no',
    ...(anonymous
      ? {}
      : {
          complainant: personName(random, locale),
          complainant_dept: pick(random, WARDS)[locale],
          complainant_phone: phoneNumber(random, locale),
        }),
    content: content[locale],
    subject: subject[locale],
    category,
    department,
    urgency: random() < 0.15 ? 'urgent' : 'normal',
    receptionist: { by: pick(random, STAFF.clerks)[locale], at },
  };
}

export interface DemoOptions {
  readonly year: number;
  /** The language the demo's people write in (default zh-CN). */
  readonly locale?: Locale;
  /** Complaints received in the year so far (default 120; none before the desk's first working hour); the other categories scale with it. */
  readonly complaints?: number;
  readonly seed?: number;
  /** The real time: the demo's "today" is now, or the year's end when the year is over (`demoToday`). */
  readonly clock: Clock;
  /** The clock the operations read, set to each action's time as it is played (`demoClock`; made if absent). */
  readonly deskClock?: DemoClock;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  readonly complaints: number;
  readonly receptions: number;
  readonly repairs: number;
  readonly actions: number;
  /** The demo's "today" ('YYYY-MM-DD HH:MM'): nothing in the demo happens after it. */
  readonly today: string;
}

/**
 * The demo's "today": the clock's time while the demo year runs, the last minute of the year once
 * it is over. A year that has not begun has no today: nothing could have happened in it yet.
 */
export function demoToday(year: number, clock: Clock): string {
  const now = clock.now().slice(0, 16);
  if (now < `${year}-01-01 00:00`) throw new RangeError(`The demo year ${year} has not begun: today is ${now.slice(0, 10)}.`);
  const end = `${year}-12-31 23:59`;
  return now < end ? now : end;
}

/** A clock that says whatever time it was last set to: the time of the action being played. */
export interface DemoClock extends Clock {
  set(at: string): void;
}

export function demoClock(start = '2000-01-01 00:00'): DemoClock {
  let current = start;
  return {
    now: () => `${current.slice(0, 16)}:00`,
    set(at: string) {
      current = at;
    },
  };
}

/** The desk's office hours on a working day. */
export const DESK_OPENS = '08:00';
export const DESK_CLOSES = '17:30';

/** 'YYYY-MM-DD HH:MM' plus minutes. */
function later(at: string, minutes: number): string {
  const iso = new Date(Date.parse(`${at.slice(0, 10)}T${at.slice(11, 16)}:00Z`) + Math.round(minutes) * 60_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Office time on the working-day calendar: when the desk could have done something. */
function deskHours(calendar: WorkCalendar, random: () => number) {
  const open = (at: string) => isWorkingDay(calendar, at.slice(0, 10)) && at.slice(11, 16) >= DESK_OPENS && at.slice(11, 16) <= DESK_CLOSES;
  /** `at` itself if the desk is open then, else a moment of the next opening's first hour and a half. */
  const onDesk = (at: string): string => {
    if (open(at)) return at;
    let date = at.slice(0, 10);
    if (!isWorkingDay(calendar, date) || at.slice(11, 16) > DESK_CLOSES) date = addWorkingDays(calendar, date, 1);
    return later(`${date} ${DESK_OPENS}`, Math.floor(random() * 90));
  };
  return {
    onDesk,
    /** Some time (in minutes of the clock) after `at`, moved into office hours. */
    after: (at: string, minutes: number) => onDesk(later(at, minutes)),
  };
}

function previousDay(date: string): string {
  return later(`${date} 00:00`, -1440).slice(0, 10);
}

/** The latest moment at or before `at` when the desk was open (the last working day's closing time, outside hours). */
export function lastDeskTime(calendar: WorkCalendar, at: string): string {
  const date = at.slice(0, 10);
  const time = at.slice(11, 16);
  if (isWorkingDay(calendar, date) && time >= DESK_OPENS) return time <= DESK_CLOSES ? at.slice(0, 16) : `${date} ${DESK_CLOSES}`;
  let day = previousDay(date);
  while (!isWorkingDay(calendar, day)) day = previousDay(day);
  return `${day} ${DESK_CLOSES}`;
}

/** The desk's first morning of `year`, when the demo's ledger is set up. */
export function firstDeskMorning(year: number): string {
  const calendar = calendarFrom(CALENDAR_SEED);
  const first = `${year}-01-01`;
  return `${isWorkingDay(calendar, first) ? first : addWorkingDays(calendar, first, 1)} ${DESK_OPENS}`;
}

/**
 * The times matters reach the desk: office hours of the working days from the year's first day up
 * to today, drawn evenly — none while the desk has not opened yet this year.
 */
function receivedTimes(calendar: WorkCalendar, year: number, today: string, count: number, random: () => number): string[] {
  const span = minutesOf(DESK_CLOSES) - minutesOf(DESK_OPENS);
  const days: { date: string; minutes: number }[] = [];
  for (let date = `${year}-01-01`; date <= today.slice(0, 10); date = later(`${date} 00:00`, 1440).slice(0, 10)) {
    if (!isWorkingDay(calendar, date)) continue;
    const minutes = date === today.slice(0, 10) ? Math.min(span, minutesOf(today.slice(11, 16)) - minutesOf(DESK_OPENS)) : span;
    if (minutes > 0) days.push({ date, minutes });
  }
  if (days.length === 0) return [];
  return Array.from({ length: count }, () => {
    const day = pick(random, days);
    return later(`${day.date} ${DESK_OPENS}`, Math.floor(random() * day.minutes));
  });
}

/** How many receptions of each category come with one complaint, in a year at a hospital desk. */
const CATEGORY_SHARE: Readonly<Record<string, number>> = {
  inquiry: 1.5,
  repair: 1.25,
  issue_report: 0.5,
  suggestion: 0.4,
  other: 0.35,
};

interface DemoMatter {
  readonly category: string;
  readonly at: string;
  readonly input: Record<string, unknown>;
}

function demoMatter(random: () => number, year: number, category: string, at: string, locale: Locale): DemoMatter {
  if (category === 'complaint') {
    const c = demoComplaint(random, year, locale, at);
    return {
      category,
      at,
      input: {
        received_at: c.received_at,
        channel: c.channel,
        ...(c.anonymous === 'yes' ? {} : { caller: c.complainant, caller_dept: c.complainant_dept, caller_phone: c.complainant_phone }),
        matter: c.content,
        category,
        receptionist: c.receptionist,
        complaint: { category: c.category, department: c.department, urgency: c.urgency, subject: c.subject, anonymous: c.anonymous },
      },
    };
  }
  const matter = pick(random, MATTERS[category]);
  const input: Record<string, unknown> = {
    received_at: at,
    channel: pick(random, ['visit', 'visit', 'phone', 'phone', 'phone', 'letter', 'wechat']),
    caller: personName(random, locale),
    caller_dept: pick(random, WARDS)[locale],
    caller_phone: phoneNumber(random, locale),
    matter: matter.matter[locale],
    category,
    receptionist: { by: pick(random, STAFF.clerks)[locale], at },
  };
  if (category === 'inquiry') input.answered_on_spot = random() < 0.7 ? 'yes' : 'no';
  if (category === 'issue_report') input.referred_to = pick(random, ['security', 'engineering', 'cleaning', 'management']);
  if (category === 'other') input.importance = random() < 0.6 ? 'normal' : random() < 0.75 ? 'important' : 'critical';
  if (category === 'repair') {
    input.repair = {
      location: location(pick(random, BUILDINGS), 1 + Math.floor(random() * 12), 100 + Math.floor(random() * 30), locale),
      trade: matter.trade ?? 'equipment',
      urgency: random() < 0.15 ? 'urgent' : 'normal',
    };
  }
  return { category, at, input };
}

/** One action of the demo: at what time, by whom, and the operation it runs. */
interface Step {
  readonly at: string;
  readonly clerk: string;
  readonly run: () => Promise<unknown>;
}

/** A matter's life as a sequence of steps; each step's result is handed back to decide the next. */
type Script = Generator<Step, void, unknown>;

/** The steps waiting to be played, earliest first (at the same minute, in the order the scripts were made). */
class Agenda {
  private readonly items: { step: Step; script: Script; order: number }[] = [];

  /** Asks `script` for its next step (handing it the result of the last one) and files it. */
  add(script: Script, order: number, result?: unknown): void {
    const next = script.next(result);
    if (next.done) return;
    const item = { step: next.value, script, order };
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = this.items[mid];
      if (other.step.at < item.step.at || (other.step.at === item.step.at && other.order < order)) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, item);
  }

  take(): { step: Step; script: Script; order: number } | undefined {
    return this.items.shift();
  }
}

/**
 * A realistic year at the hospital property desk, made by running the real operations on `ledger`
 * in the order they happened: receptions of all six categories; every complaint through dispatch,
 * handling, return to Customer Service, the return visit (some dissatisfied, reopened and handled
 * again) and archiving; repair orders through Engineering's sign-off, dispatch, completion, return
 * of copy 2 and closing; replies, verifications, escalations and a monthly compilation of
 * suggestions; the manager's measures. Everything happens in office hours on working days (the
 * template's calendar) and nothing after the demo's today (`demoToday`): what would come later is
 * still open, as at a real desk. People are named, in the words of `options.locale`.
 */
export async function buildDemo(ledger: Ledger, options: DemoOptions): Promise<DemoResult> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const random = seededRandom(options.seed ?? options.year);
  const today = demoToday(options.year, options.clock);
  const calendar = calendarFrom(CALENDAR_SEED);
  const { onDesk, after } = deskHours(calendar, random);
  const desk = options.deskClock ?? demoClock();
  const y = options.year;
  const site = DESK_TEXTS.site[locale];
  const w = (text: Text) => text[locale];

  const complaintCount = options.complaints ?? 120;
  const counts: Record<string, number> = { complaint: complaintCount };
  for (const [category, share] of Object.entries(CATEGORY_SHARE)) counts[category] = Math.round(complaintCount * share);
  const all = Object.entries(counts).flatMap(([category, n]) => Array.from({ length: n }, () => category));
  const times = receivedTimes(calendar, y, today, all.length, random);
  const categories = times.length > 0 ? all : [];
  const matters = categories.map((category, i) => demoMatter(random, y, category, times[i], locale)).sort((a, b) => a.at.localeCompare(b.at));

  let actions = 0;
  let repairs = 0;
  let received = 0;
  const suggestionsByMonth = new Map<string, string[]>();
  const sig = (by: string, at: string) => ({ by, at });
  const S = (op: unknown) => op as Operation<StepInput, unknown, StepResult>;
  const step = <I>(at: string, clerk: string, operation: Operation<I, unknown, unknown>, input: I): Step => ({
    at,
    clerk,
    run: async () => {
      desk.set(at);
      actions += 1;
      return (await runOperation(ledger, operation, input, { clock: desk, actor: { clerk, site } })).result;
    },
  });

  function* matterScript(m: DemoMatter): Script {
    const clerk = (m.input.receptionist as { by: string }).by;
    const receive = step(m.at, clerk, receiveMatter, m.input as unknown);
    const reception = (yield {
      ...receive,
      run: async () => {
        const result = await receive.run();
        received += 1;
        options.onProgress?.(received, matters.length);
        return result;
      },
    }) as ReceptionResult;
    if (m.category === 'inquiry' && reception.status !== 'closed') {
      const at = after(m.at, 60 + random() * 1500);
      yield step(at, clerk, S(replyToInquiry), { no: reception.number, fields: { replied_at: at, reply: w(DESK_TEXTS.inquiryReply) } });
    } else if (m.category === 'issue_report') {
      yield step(after(m.at, 600 + random() * 3000), clerk, S(verifyIssue), { no: reception.number, fields: { verification_result: w(DESK_TEXTS.verification) } });
    } else if (m.category === 'other') {
      const escalated = m.input.importance === 'critical' || (m.input.importance === 'important' && random() < 0.5);
      yield step(after(m.at, 60 + random() * 600), clerk, S(escalateOther), { no: reception.number, fields: { escalated: escalated ? 'yes' : 'no' } });
    } else if (m.category === 'suggestion') {
      const month = m.at.slice(0, 7);
      suggestionsByMonth.set(month, [...(suggestionsByMonth.get(month) ?? []), reception.number]);
    } else if (m.category === 'complaint' && reception.complaintNo) {
      yield* complaintScript(m, reception.complaintNo, clerk);
    } else if (m.category === 'repair' && reception.repairOrderNo) {
      repairs += 1;
      yield* repairScript(m, reception.repairOrderNo, clerk);
    }
  }

  function* complaintScript(m: DemoMatter, no: string, clerk: string): Script {
    if (random() < 0.03) {
      yield step(after(m.at, 10 + random() * 120), clerk, voidRecord('complaints'), { no, reason: w(DESK_TEXTS.duplicate) });
      return;
    }
    const department = String((m.input.complaint as { department: string }).department);
    let t = after(m.at, 20 + random() * 200);
    yield step(t, clerk, S(dispatchComplaint), { no, fields: { copy1_signed: sig(w(STAFF.heads[department]), t), copy2_filed: sig(clerk, t) } });
    for (let round = 0; ; round++) {
      t = after(t, 600 + random() * 3000);
      const substantiated = pick(random, ['yes', 'yes', 'partly', 'no']);
      yield step(t, clerk, S(recordHandling), { no, fields: { action_result: w(round === 0 ? DESK_TEXTS.handled : DESK_TEXTS.handledAgain), substantiated, handled_at: t } });
      t = after(t, 60 + random() * 240);
      yield step(t, clerk, S(returnToCustomerService), { no, fields: { returned_to_cs: sig(clerk, t) } });
      const visitedAt = after(t, 600 + random() * 2400);
      const unhappy = round === 0 && random() < 0.1;
      const method = pick(random, ['phone', 'phone', 'in_person', 'written']);
      const satisfaction = unhappy ? 'dissatisfied' : pick(random, ['satisfied', 'satisfied', 'fairly_satisfied']);
      const visitor = w(pick(random, STAFF.managers));
      t = after(visitedAt, 30);
      const visit = (yield step(t, clerk, S(recordReturnVisit), {
        no,
        fields: {
          visited_at: visitedAt,
          method,
          person_visited: String(m.input.caller ?? w(DESK_TEXTS.anonymousVisited)),
          resolved: unhappy ? 'no' : 'yes',
          satisfaction,
          visitor: sig(visitor, visitedAt),
          received_by_cs: sig(clerk, t),
        },
      })) as StepResult;
      if (!visit.reopened) break;
    }
    const archivedAt = after(t, 1440);
    yield step(archivedAt, clerk, S(archiveComplaint), { no, fields: { archived: sig(clerk, archivedAt) } });
  }

  function* repairScript(m: DemoMatter, no: string, clerk: string): Script {
    let t = after(m.at, 5 + random() * 30);
    yield step(t, clerk, S(signRepairOrder), { no, fields: { engineering_signed: sig(w(pick(random, STAFF.engineeringDuty)), t) } });
    yield step(t, clerk, S(dispatchRepair), { no, fields: { technician: w(pick(random, STAFF.technicians)) } });
    if (random() < 0.7) {
      t = after(t, 15 + random() * 60);
      yield step(t, clerk, S(repairArrived), { no, fields: { arrived_at: t } });
    }
    if (random() < 0.1) yield step(t, clerk, S(repairWaitingParts), { no });
    t = after(t, 30 + random() * 1800);
    const paid = random() < 0.1;
    const materials = random() < 0.5 ? w(DESK_TEXTS.parts) : '';
    const cost = paid ? (20 + Math.floor(random() * 200)).toFixed(2) : undefined;
    const acceptedAt = after(t, 5);
    yield step(acceptedAt, clerk, S(completeRepair), {
      no,
      fields: { completed_at: t, result: w(DESK_TEXTS.repaired), materials, paid: paid ? 'yes' : 'no', ...(cost ? { cost } : {}), requester_accepted: sig(String(m.input.caller), acceptedAt) },
    });
    t = after(acceptedAt, 90);
    yield step(t, clerk, S(returnRepairCopy), { no, fields: { returned_to_cs: sig(clerk, t) } });
    const result = pick(random, ['satisfied', 'satisfied', 'satisfied', 'fairly_satisfied', 'dissatisfied']);
    yield step(after(t, 60 + random() * 1440), clerk, S(closeRepair), { no, fields: { visit_result: result } });
  }

  /** Each month's suggestions, compiled on the next month's first working morning. */
  function* compilationScript(month: number): Script {
    const next = month === 12 ? `${y + 1}-01-01` : `${y}-${two(month + 1)}-01`;
    const at = onDesk(`${next} 09:30`);
    const reportedTo = random() < 0.5 ? 'customer_service' : 'supervisor';
    const clerk = w(STAFF.clerks[0]);
    const key = `${y}-${two(month)}`;
    yield {
      at,
      clerk,
      run: async () => {
        const numbers = suggestionsByMonth.get(key) ?? [];
        if (numbers.length === 0) return undefined;
        return step(at, clerk, compileSuggestions, { numbers, compiled_in: format(w(DESK_TEXTS.compilation), { month: key }), reported_to: reportedTo }).run();
      },
    };
  }

  /**
   * Step 8: a measure from the year before still in progress (entered on the year's first working
   * morning, carried onto this year's sheet), and the manager's measures after reading this year's
   * statistics — on the last working day before 28 December, or before today while the year runs.
   */
  function* measuresScript(): Script {
    const recordMeasure = createNumberedRecord(complaintMeasures);
    const manager = w(STAFF.managers[0]);
    const head = (department: string) => w(STAFF.heads[department]);
    const lastWorkingDayBefore = (date: string) => {
      let d = date;
      while (!isWorkingDay(calendar, d)) d = previousDay(d);
      return d;
    };
    const dayBeforeToday = previousDay(today.slice(0, 10));
    const latest = (date: string) => lastWorkingDayBefore(date < dayBeforeToday ? date : dayBeforeToday);
    const M = MEASURE_TEXTS;
    const startOfYear = onDesk(`${y}-01-01 09:00`);
    yield step(startOfYear, manager, recordMeasure, {
      stats_year: y - 1,
      raised_on: `${y - 1}-12-28`,
      finding: w(M.elevator.finding),
      measure: w(M.elevator.measure),
      department: 'engineering',
      owner: head('engineering'),
      due_on: `${y}-03-31`,
      progress: 'in_progress',
    });
    const midYear = latest(`${y}-06-30`);
    const review = latest(`${y}-12-28`);
    if (midYear < `${y}-01-01` || review < `${y}-01-01`) return;
    yield step(`${midYear} 16:00`, manager, recordMeasure, {
      stats_year: y,
      raised_on: midYear,
      finding: w(M.meals.finding),
      measure: w(M.meals.measure),
      department: 'catering',
      owner: head('catering'),
      due_on: `${y}-12-31`,
      progress: 'done',
      closed_on: review,
      outcome: w(M.meals.outcome),
    });
    for (const [key, department, due] of [
      ['cleaning', 'cleaning', `${y + 1}-01-31`],
      ['attitude', 'customer_service', `${y + 1}-02-28`],
    ] as const) {
      yield step(`${review} 16:00`, manager, recordMeasure, {
        stats_year: y,
        raised_on: review,
        finding: w(M[key].finding),
        measure: w(M[key].measure),
        department,
        owner: head(department),
        due_on: due,
        progress: 'planned',
      });
    }
  }

  const agenda = new Agenda();
  let order = 0;
  for (const m of matters) agenda.add(matterScript(m), order++);
  for (let month = 1; month <= 12; month++) agenda.add(compilationScript(month), order++);
  agenda.add(measuresScript(), order++);
  for (let item = agenda.take(); item; item = agenda.take()) {
    if (item.step.at > today) continue; // not yet: the matter stays where it is today
    const result = await item.step.run();
    agenda.add(item.script, item.order, result);
  }
  return { complaints: categories.filter((c) => c === 'complaint').length, receptions: matters.length, repairs, actions, today };
}

// ----- performance (P3-5): a few outsourced teams over a year --------------------------------

export interface PerformanceDemoOptions {
  readonly year: number;
  /** The real time: the imports cover the working days before the demo's today (`demoToday`). */
  readonly clock: Clock;
  readonly locale?: Locale;
  readonly seed?: number;
  /** The clock the imports read, set to the demo's today (made if absent). */
  readonly deskClock?: DemoClock;
}

export interface PerformanceDemoResult {
  readonly workers: number;
  readonly collectorRecords: number;
  readonly rotationOrders: number;
  readonly batchInstalls: number;
  readonly complaintOrders: number;
}

const PERF_TEAMS = [
  { team: 'T01', vendor: 'V01' },
  { team: 'T02', vendor: 'V01' },
  { team: 'T03', vendor: 'V02' },
];

/**
 * Imports a year of performance inputs for three teams (two vendors, four workers each) through
 * the real import — the way the collection system's exports arrive: collector records for every
 * working day of the calendar, rotation and batch-install work orders, complaint work orders. The
 * days from the demo's today on are left out (the import refuses the future); the imports are
 * made at the desk's last office hour up to today, by the performance clerk named in the locale's
 * words.
 */
export async function buildPerformanceDemo(ledger: Ledger, options: PerformanceDemoOptions): Promise<PerformanceDemoResult> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const random = seededRandom(options.seed ?? options.year * 7);
  const now = demoToday(options.year, options.clock);
  const calendar = calendarFrom(CALENDAR_SEED);
  const importedAt = lastDeskTime(calendar, now);
  /** The days the collection system has exported by then: before today, and not after the import. */
  const exported = (date: string) => date < now.slice(0, 10) && date <= importedAt.slice(0, 10);
  const clock = options.deskClock ?? demoClock();
  clock.set(importedAt);
  const context = { clock, actor: { clerk: STAFF.performanceClerk[locale] } };
  const workers = PERF_TEAMS.flatMap(({ team, vendor }, t) =>
    Array.from({ length: 4 }, (_, i) => ({ id: `WB${String(t * 10 + i + 1).padStart(5, '0')}`, name: personName(random, locale), team, vendor })),
  );
  const source = (name: string, rows: (string | number)[][]): { name: string; rows: string[][] } => ({ name, rows: rows.map((r) => r.map(String)) });
  const run = async (table: string, name: string, rows: (string | number)[][]) => {
    const result = await importTable(ledger, { table, source: source(name, rows) }, context);
    if (result.problems.length > 0) throw new KefuError(result.problems);
    return result.records.length;
  };
  await run('workers', 'workers.csv', [
    ['worker_id', 'name', 'team_code', 'vendor_code', 'base_cm', 'base_rot', 'base_bat', 'base_total'],
    ...workers.map((w) => [w.id, w.name, w.team, w.vendor, '1200.00', '900.00', '900.00', '3000.00']),
  ]);
  const days: string[] = [];
  for (let d = new Date(Date.UTC(options.year, 0, 1)); d.getUTCFullYear() === options.year; d = new Date(d.getTime() + 86_400_000)) {
    const date = d.toISOString().slice(0, 10);
    if (isWorkingDay(calendar, date) && exported(date)) days.push(date);
  }
  const collector: (string | number)[][] = [['date', 'worker_id', 'collector_type', 'maintained', 'succeeded', 'reason_code']];
  for (const date of days) {
    for (const [i, w] of workers.entries()) {
      const carrier = i % 2 === 1;
      const reason = random() < 0.04 ? pick(random, ['leave', 'dispatch_shortfall', 'other']) : '';
      const maintained = carrier ? 13 + Math.floor(random() * 9) : 4 + Math.floor(random() * 5);
      const quality = 0.6 + random() * 0.4;
      collector.push([date, w.id, carrier ? 'carrier' : 'wireless', maintained, Math.min(maintained, Math.round(maintained * quality)), reason]);
    }
  }
  const shift = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const rotation: (string | number)[][] = [['order_no', 'workers', 'due_date', 'done_date', 'field_checked', 'field_passed', 'collection_total', 'collection_ok']];
  const batch: (string | number)[][] = [['order_no', 'workers', 'field_checked', 'field_passed', 'collection_total', 'collection_ok', 'done_date']];
  const complaintsRows: (string | number)[][] = [['order_no', 'date', 'workers', 'substantiated', 'severity', 'source']];
  days.forEach((date, n) => {
    if (n % 3 === 0) {
      const team = PERF_TEAMS[n % PERF_TEAMS.length].team;
      const crew = workers
        .filter((w) => w.team === team)
        .slice(0, 2)
        .map((w) => w.id)
        .join(',');
      const done = shift(date, random() < 0.7 ? 0 : 1 + Math.floor(random() * 3));
      if (exported(done)) {
        const checked = 20 + Math.floor(random() * 30);
        const total = 80 + Math.floor(random() * 120);
        rotation.push([
          `WO-${date.replace(/-/g, '')}-${n}`,
          crew,
          date,
          done,
          checked,
          checked - (random() < 0.8 ? 0 : 1 + Math.floor(random() * 2)),
          total,
          total - Math.floor(random() * total * 0.08),
        ]);
      }
    }
    if (n % 9 === 4) {
      const w = pick(random, workers);
      const checked = 60 + Math.floor(random() * 60);
      batch.push([`BI-${date.replace(/-/g, '')}`, w.id, checked, checked - (random() < 0.7 ? 0 : 1), 100, 100 - Math.floor(random() * 7), date]);
    }
    if (n % 11 === 5) {
      const substantiated = pick(random, ['yes', 'partly', 'no', 'no']);
      complaintsRows.push([
        `GD-${date.replace(/-/g, '')}`,
        date,
        pick(random, workers).id,
        substantiated,
        substantiated === 'no' ? '' : pick(random, ['minor', 'minor', 'major', 'severe']),
        pick(random, ['hotline_95598', 'hotline_12345', 'local']),
      ]);
    }
  });
  return {
    workers: workers.length,
    collectorRecords: await run('collector_daily', 'collector.csv', collector),
    rotationOrders: await run('rotation_orders', 'rotation.csv', rotation),
    batchInstalls: await run('batch_installs', 'batch.csv', batch),
    complaintOrders: await run('complaint_orders', 'complaints.csv', complaintsRows),
  };
}

// ----- the field teams (W8, W9): a month of two teams' work -------------------------------------

export interface FieldDemoOptions {
  readonly year: number;
  /** The real time: the month played is the last complete one before the demo's today (`demoToday`). */
  readonly clock: Clock;
  readonly locale?: Locale;
  /** The clock the steps read, set to each step's time (made if absent). */
  readonly deskClock?: DemoClock;
}

/** The demo's field month: 'YYYY-MM', the last complete month of the year by the demo's today (none in January of a year in progress). */
export function fieldDemoMonth(year: number, clock: Clock): string | undefined {
  const today = demoToday(year, clock);
  if (today === `${year}-12-31 23:59`) return `${year}-12`;
  const month = Number(today.slice(5, 7)) - 1;
  return month >= 1 ? `${year}-${two(month)}` : undefined;
}

/**
 * The month of two field teams (fieldMonth.ts) played on the demo's ledger in its last complete
 * month, by the first team of each outsourcing unit of the workers table (buildPerformanceDemo
 * imports them): work orders from notice to closing with their refusals met and put right, the
 * checks, rectifications and the accident closed under 四不放过. A month too short for it (a
 * holiday month) gives way to the one before.
 */
export async function buildFieldDemo(ledger: Ledger, options: FieldDemoOptions): Promise<FieldMonthSummary | undefined> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  let month = fieldDemoMonth(options.year, options.clock);
  if (!month) return undefined;
  const roster = await ledger.read({ tables: { workers: { columns: ['worker_id', 'name', 'team_code', 'vendor_code', 'voided'], rows: 'all' } } });
  const crews = crewsOf(roster.tables.workers.map((r) => r.values));
  const clock = options.deskClock ?? demoClock();
  const context = { clock, actor: { clerk: fieldClerk(locale), site: DESK_TEXTS.site[locale] } };
  const calendar = calendarFrom(CALENDAR_SEED);
  for (; month >= `${options.year}-01`; month = `${options.year}-${two(Number(month.slice(5)) - 1)}`) {
    const days = Array.from({ length: 31 }, (_, d) => `${month}-${two(d + 1)}`).filter((d) => isWorkingDay(calendar, d) && d.startsWith(month!));
    // The notices go up on the first working day and the rotations come 15 days later: the month must hold them and their checks.
    if (days.length < 15 || later(`${days[0]} 00:00`, 19 * 1440).slice(0, 7) !== month) continue;
    return runFieldMonth(
      async (operation, input, _label, at) => {
        clock.set(at);
        return (await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, context)).result;
      },
      { month, crews, locale, calendar },
    );
  }
  return undefined;
}
