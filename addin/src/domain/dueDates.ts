import { DUE_RULE_SEED } from '../forms/promisedTimes';
import type { RecordValues } from '../ledger/cells';

/**
 * Promised times and the working-day calendar (issue 4 item 6), pure. A promised time is an
 * amount of hours (clock time), calendar days or working days. Working days follow the
 * `work_calendar` table: a listed holiday is off, a listed make-up working day (调休上班) is on,
 * any other date is on from Monday to Friday.
 */

export type DueUnit = 'hours' | 'working_days' | 'calendar_days';

export interface DueRule {
  readonly amount: number;
  readonly unit: DueUnit;
}

export interface WorkCalendar {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

/** The promised times as the workbook's table says, falling back to the template's for a missing rule. */
export function dueRulesFrom(rows: readonly RecordValues[]): ReadonlyMap<string, DueRule> {
  const rules = new Map<string, DueRule>();
  for (const seed of DUE_RULE_SEED) rules.set(String(seed.rule), { amount: Number(seed.amount), unit: seed.unit as DueUnit });
  for (const row of rows) {
    const unit = row.unit;
    if (typeof row.rule !== 'string' || typeof row.amount !== 'number' || !Number.isFinite(row.amount)) continue;
    if (unit !== 'hours' && unit !== 'working_days' && unit !== 'calendar_days') continue;
    rules.set(row.rule, { amount: row.amount, unit });
  }
  return rules;
}

/** The calendar a table's rows (or the template's seed rows) make: each row's date and kind. */
export function calendarFrom(rows: readonly { readonly date?: unknown; readonly kind?: unknown }[]): WorkCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const row of rows) {
    if (typeof row.date !== 'string') continue;
    if (row.kind === 'holiday') holidays.add(row.date);
    else if (row.kind === 'workday') workdays.add(row.date);
  }
  return { holidays, workdays };
}

const DAY_MS = 86_400_000;

function dateMs(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isWorkingDay(calendar: WorkCalendar, date: string): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(dateMs(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `date` (n ≥ 1), or `date` itself for n = 0. */
export function addWorkingDays(calendar: WorkCalendar, date: string, n: number): string {
  let ms = dateMs(date);
  let left = n;
  while (left > 0) {
    ms += DAY_MS;
    if (isWorkingDay(calendar, isoDate(ms))) left -= 1;
  }
  return isoDate(ms);
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  let count = 0;
  for (let ms = dateMs(from) + DAY_MS; ms <= dateMs(to); ms += DAY_MS) if (isWorkingDay(calendar, isoDate(ms))) count += 1;
  return count;
}

/**
 * When something started at `start` ('YYYY-MM-DD HH:MM') is due: start + hours; the same clock
 * time n calendar days later; or the same clock time on the n-th working day after the start date.
 */
export function dueAt(start: string, rule: DueRule, calendar: WorkCalendar): string {
  const time = start.length >= 16 ? start.slice(11, 16) : '00:00';
  if (rule.unit === 'hours') {
    const ms = Date.parse(`${start.slice(0, 10)}T${time}:00Z`) + rule.amount * 3_600_000;
    const iso = new Date(ms).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  if (rule.unit === 'calendar_days') return `${isoDate(dateMs(start) + rule.amount * DAY_MS)} ${time}`;
  return `${addWorkingDays(calendar, start.slice(0, 10), rule.amount)} ${time}`;
}

/** Whether a due time has passed at `now` (local 'YYYY-MM-DD HH:MM[:SS]'). */
export function isOverdue(due: string | null | undefined, now: string): boolean {
  return typeof due === 'string' && due !== '' && due.slice(0, 16) < now.slice(0, 16);
}

/** Minutes from `due` to `now` (positive when overdue). */
export function minutesLate(due: string, now: string): number {
  const ms = (s: string) => Date.parse(`${s.slice(0, 10)}T${s.slice(11, 16) || '00:00'}:00Z`);
  return Math.round((ms(now) - ms(due)) / 60_000);
}
