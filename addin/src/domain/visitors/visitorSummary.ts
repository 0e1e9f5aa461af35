import { SCENIC_DEPARTMENTS, VEHICLE_TYPES } from '../../forms/codes';
import { accessibilityChecks, broadcasts, freeEntries, gateCounts, loans, planDistributions, postalLog, receptionPlans, reservations, visitorRules } from '../../forms/visitors';
import type { DomainValue, RecordValues } from '../../ledger/cells';
import type { Snapshot, SnapshotRequest } from '../../ledger/types';
import { hoursAfter, minutesBetween } from '../accidents';
import type { Ratio } from '../statistics';
import { VISITOR_RULES_QUERY, visitorRulesIn } from './visitorRules';

/*
 * The yearly special-visitor summary for the site's manager (issue 13 item 6): from the P2 tables of
 * template version 4, the year's loans, broadcasts, reservations, free passes, postal items and
 * accessibility checks, in pure code. Rates are exact ratios, money is integer fen.
 *
 * Counting rules:
 * - a record belongs to the year of its own date: a loan of `lent_at`, a broadcast of
 *   `requested_at`, a reservation received of `received_at` and one served of `served_at`, a
 *   reception plan's departments of the visit's `arrival_at`, a free-entry check of `entered_at`,
 *   a gate count of `count_date`, a postal item of `entry_date`, an accessibility check of
 *   `check_date`; voided records are left out everywhere;
 * - what happened to a record is taken as it stood at the picture's moment `asOf` (1 January 00:00
 *   of the next year, or earlier for a year not over yet), so the figures of a past year do not
 *   change when it is compiled again: a loan returned, settled, a broadcast closed, a defect
 *   rectified only if its time is before `asOf`;
 * - returns: loans returned with their return check recorded; damage rate = damaged ÷ returns;
 *   vehicles lost: loans recorded as overdue/lost and not returned;
 * - deposits: received (every loan of the year), refunded and kept as compensation (deposit −
 *   refund) on the loans settled, held (the deposits of loans not settled): received = refunded +
 *   kept + held, to the fen. Compensation paid apart from the deposit and rental fees beside;
 * - broadcasts: by outcome (open: not closed); the minutes from the request to its closing as
 *   found, their median; readings per request = all readings ÷ requests; closed with fewer readings
 *   than the rules' minimum (a reason was needed);
 * - a department is late when its acknowledgement or its readiness was not recorded by the
 *   deadline, `plan_ready_days` days before the arrival (only deadlines before `asOf` are judged);
 * - free passes count heads (`headcount`); a check whose result is a normal ticket is counted
 *   apart; a row without a result (a version-3 log listed free passes only) is a free pass.
 */

/** Months '01'–'12'. */
export const MONTHS: readonly string[] = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
export const LOAN_KINDS = ['loan', 'rental'] as const;
export const BROADCAST_OUTCOMES = ['found', 'handed_to_police', 'withdrawn', 'open'] as const;
export const ENTRY_CATEGORIES = ['senior', 'child'] as const;

export type LoanKind = (typeof LOAN_KINDS)[number];
export type BroadcastOutcome = (typeof BROADCAST_OUTCOMES)[number];
export type EntryCategory = (typeof ENTRY_CATEGORIES)[number];

/** Loans and rentals of one vehicle type. */
export type KindCounts = Readonly<Record<LoanKind, number>>;

export interface LoanMonth {
  readonly month: string;
  /** By vehicle type (the keys of `VisitorSummary.loans.types`). */
  readonly byType: Readonly<Record<string, KindCounts>>;
  readonly total: number;
}

/** Money of the year's loans, in integer fen. */
export interface LoanMoney {
  readonly depositsReceived: number;
  readonly depositsRefunded: number;
  /** Kept from deposits as compensation: deposit − refund of the loans settled. */
  readonly depositsKept: number;
  /** Deposits of the loans not settled at `asOf`. */
  readonly depositsHeld: number;
  /** Compensation paid apart from the deposit (settlement "compensated"). */
  readonly compensationPaid: number;
  readonly rentalFees: number;
}

export interface FreePassMonth {
  readonly month: string;
  /** Heads by category. */
  readonly byCategory: Readonly<Record<EntryCategory, number>>;
  readonly total: number;
}

export interface DepartmentLine {
  readonly department: string;
  /** Plan lines sent to the department for the year's visits. */
  readonly sent: number;
  /** Of which not acknowledged or not ready by the deadline. */
  readonly late: number;
}

export interface ChecklistLine {
  readonly item: string;
  readonly checks: number;
  readonly defects: number;
  readonly rectified: number;
  readonly open: number;
}

export interface VisitorSummary {
  readonly year: number;
  /** The picture's moment ('YYYY-MM-DD HH:MM'): the next 1 January 00:00, or earlier for a year not over. */
  readonly asOf: string;
  readonly loans: {
    readonly total: number;
    /** Vehicle type codes: the fleet's types, then any other the loans hold. */
    readonly types: readonly string[];
    readonly byMonth: readonly LoanMonth[];
    readonly byType: Readonly<Record<string, KindCounts>>;
    readonly byKind: KindCounts;
    readonly returns: number;
    readonly damaged: number;
    /** damaged ÷ returns. */
    readonly damageRate: Ratio;
    readonly lost: number;
    readonly money: LoanMoney;
  };
  readonly broadcasts: {
    readonly total: number;
    readonly byOutcome: Readonly<Record<BroadcastOutcome, number>>;
    /** Median minutes from the request to its closing as found; null when none was found. */
    readonly medianMinutesToFound: number | null;
    readonly readings: number;
    /** readings ÷ requests. */
    readonly readingsPerRequest: Ratio;
    /** The rules' minimum, and the requests closed with fewer readings. */
    readonly minReadings: number;
    readonly closedEarly: number;
  };
  readonly reservations: {
    readonly received: number;
    readonly reservedHeadcount: number;
    readonly served: number;
    readonly visitorsServed: number;
    /** Plan lines judged (deadline before `asOf`) and those late, by department. */
    readonly departments: readonly DepartmentLine[];
    readonly linesSent: number;
    readonly linesLate: number;
    /** Reservations with at least one department late. */
    readonly plansWithLate: number;
  };
  readonly freeEntries: {
    readonly byMonth: readonly FreePassMonth[];
    readonly byCategory: Readonly<Record<EntryCategory, number>>;
    /** Heads let in free. */
    readonly freeHeadcount: number;
    /** Checks recorded (rows), free or not. */
    readonly checks: number;
    /** Checks that ended with a normal ticket, and their heads. */
    readonly normalTickets: number;
    readonly normalHeadcount: number;
    /** Free passes the gates counted (gate_counts) in the year. */
    readonly gateCounted: number;
  };
  readonly postal: { readonly items: number; readonly postage: number };
  readonly accessibility: {
    readonly checks: number;
    readonly defects: number;
    readonly rectified: number;
    readonly open: number;
    /** Checklist items: the seed's, then any other the checks hold. */
    readonly byItem: readonly ChecklistLine[];
  };
}

const all = (keys: readonly string[]) => ({ columns: [...keys, 'voided'], rows: 'all' as const });

/** What the summary reads: only the columns it counts, of every row of the P2 tables. */
export function visitorSummaryRequest(): SnapshotRequest {
  return {
    tables: {
      [loans.key]: all(['loan_no', 'vehicle_type', 'loan_kind', 'lent_at', 'deposit', 'rental_fee', 'returned_at', 'return_check', 'settlement', 'compensation', 'refund', 'settled_at', 'status']),
      [broadcasts.key]: all(['broadcast_no', 'requested_at', 'reading_count', 'outcome', 'closed_at']),
      [reservations.key]: all(['reservation_no', 'received_at', 'arrival_at', 'headcount', 'served_at', 'served_count']),
      [receptionPlans.key]: all(['plan_no', 'reservation_no']),
      [planDistributions.key]: all(['plan_no', 'department', 'acknowledged_at', 'ready', 'ready_at']),
      [freeEntries.key]: all(['entered_at', 'category', 'headcount', 'result']),
      [gateCounts.key]: all(['count_date', 'free_headcount']),
      [postalLog.key]: all(['entry_date', 'fee']),
      [accessibilityChecks.key]: all(['check_date', 'item', 'usable', 'rectified_on']),
      [visitorRules.key]: VISITOR_RULES_QUERY,
    },
  };
}

function str(value: DomainValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function num(value: DomainValue | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The live rows of a table. */
function live(snapshot: Snapshot, table: string): RecordValues[] {
  return (snapshot.tables[table] ?? []).map((r) => r.values).filter((v) => v.voided !== true);
}

/** The month (0–11) of a local date or date-time ('YYYY-MM-DD…') of the year, or -1 for another year or no date. */
function monthIn(value: DomainValue | undefined, year: number): number {
  const m = /^(\d{4})-(\d{2})-\d{2}/.exec(str(value));
  return m && Number(m[1]) === year && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? Number(m[2]) - 1 : -1;
}

const inYear = (value: DomainValue | undefined, year: number): boolean => monthIn(value, year) >= 0;

/** Whether a local date or date-time is before the moment (a date: its day's 00:00). */
function before(value: DomainValue | undefined, asOf: string): boolean {
  const text = str(value);
  return text !== '' && (text.length === 10 ? `${text} 00:00` : text) < asOf;
}

/** Known codes in their order, then any other the data holds (sorted). */
function keysOf(known: readonly string[], seen: Iterable<string>): string[] {
  return [...known, ...[...new Set(seen)].filter((k) => k !== '' && !known.includes(k)).sort()];
}

/** The median of the numbers (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** The moment the year's picture is taken: 1 January 00:00 of the next year, or `now` when earlier. */
export function summaryMoment(year: number, now?: string): string {
  const end = `${year + 1}-01-01 00:00`;
  return now !== undefined && now.slice(0, 16) < end ? now.slice(0, 16) : end;
}

function loanFigures(snapshot: Snapshot, year: number, asOf: string): VisitorSummary['loans'] {
  const rows = live(snapshot, loans.key).filter((r) => inYear(r.lent_at, year));
  const types = keysOf(
    VEHICLE_TYPES.map((c) => c.code),
    rows.map((r) => str(r.vehicle_type)),
  );
  const zero = (): Record<LoanKind, number> => ({ loan: 0, rental: 0 });
  const byMonth = MONTHS.map((month) => ({ month, byType: Object.fromEntries(types.map((t) => [t, zero()])), total: 0 }));
  const byType = Object.fromEntries(types.map((t) => [t, zero()])) as Record<string, Record<LoanKind, number>>;
  const byKind = zero();
  const money = { depositsReceived: 0, depositsRefunded: 0, depositsKept: 0, depositsHeld: 0, compensationPaid: 0, rentalFees: 0 };
  let returns = 0;
  let damaged = 0;
  let lost = 0;
  for (const r of rows) {
    const kind: LoanKind = r.loan_kind === 'rental' ? 'rental' : 'loan';
    const type = str(r.vehicle_type);
    const month = byMonth[monthIn(r.lent_at, year)];
    if (type !== '') {
      month.byType[type][kind] += 1;
      byType[type][kind] += 1;
    }
    month.total += 1;
    byKind[kind] += 1;
    const returned = before(r.returned_at, asOf);
    if (returned && str(r.return_check) !== '') {
      returns += 1;
      if (r.return_check === 'damaged') damaged += 1;
    }
    if (r.status === 'overdue' && !returned) lost += 1;
    const deposit = num(r.deposit);
    money.depositsReceived += deposit;
    money.rentalFees += num(r.rental_fee);
    if (str(r.settlement) !== '' && before(r.settled_at, asOf)) {
      // The refund is computed at settlement; a row without it: the deposit less what was kept from it.
      const kept = r.settlement === 'deducted' ? Math.min(deposit, num(r.compensation)) : 0;
      const refund = typeof r.refund === 'number' ? r.refund : deposit - kept;
      money.depositsRefunded += refund;
      money.depositsKept += deposit - refund;
      if (r.settlement === 'compensated') money.compensationPaid += num(r.compensation);
    } else {
      money.depositsHeld += deposit;
    }
  }
  return { total: rows.length, types, byMonth, byType, byKind, returns, damaged, damageRate: { num: damaged, den: returns }, lost, money };
}

function broadcastFigures(snapshot: Snapshot, year: number, asOf: string): VisitorSummary['broadcasts'] {
  const rows = live(snapshot, broadcasts.key).filter((r) => inYear(r.requested_at, year));
  const { rules } = visitorRulesIn(snapshot);
  const byOutcome: Record<BroadcastOutcome, number> = { found: 0, handed_to_police: 0, withdrawn: 0, open: 0 };
  const toFound: number[] = [];
  let readings = 0;
  let closedEarly = 0;
  for (const r of rows) {
    const outcome = str(r.outcome);
    const closed = before(r.closed_at, asOf) && (outcome === 'found' || outcome === 'handed_to_police' || outcome === 'withdrawn');
    byOutcome[closed ? (outcome as BroadcastOutcome) : 'open'] += 1;
    if (closed && outcome === 'found') toFound.push(minutesBetween(str(r.requested_at), str(r.closed_at)));
    if (closed && num(r.reading_count) < rules.broadcastMinReadings) closedEarly += 1;
    readings += num(r.reading_count);
  }
  return {
    total: rows.length,
    byOutcome,
    medianMinutesToFound: median(toFound),
    readings,
    readingsPerRequest: { num: readings, den: rows.length },
    minReadings: rules.broadcastMinReadings,
    closedEarly,
  };
}

function reservationFigures(snapshot: Snapshot, year: number, asOf: string): VisitorSummary['reservations'] {
  const rows = live(snapshot, reservations.key);
  const received = rows.filter((r) => inYear(r.received_at, year));
  const served = rows.filter((r) => inYear(r.served_at, year) && before(r.served_at, asOf));
  const { rules } = visitorRulesIn(snapshot);
  const arrival = new Map(rows.map((r) => [str(r.reservation_no), str(r.arrival_at)]));
  const reservationOf = new Map(live(snapshot, receptionPlans.key).map((p) => [str(p.plan_no), str(p.reservation_no)]));
  const lines = live(snapshot, planDistributions.key).flatMap((line) => {
    const reservation = reservationOf.get(str(line.plan_no)) ?? '';
    const arrivalAt = arrival.get(reservation) ?? '';
    if (!inYear(arrivalAt, year)) return [];
    const deadline = hoursAfter(arrivalAt, -24 * rules.planReadyDays);
    if (deadline >= asOf) return [];
    const acknowledged = str(line.acknowledged_at) !== '' && str(line.acknowledged_at) <= deadline;
    const ready = line.ready === true && (str(line.ready_at) === '' || str(line.ready_at) <= deadline);
    return [{ reservation, department: str(line.department), late: !acknowledged || !ready }];
  });
  const departments = keysOf(
    SCENIC_DEPARTMENTS.map((c) => c.code),
    lines.map((l) => l.department),
  ).map((department) => {
    const of = lines.filter((l) => l.department === department);
    return { department, sent: of.length, late: of.filter((l) => l.late).length };
  });
  return {
    received: received.length,
    reservedHeadcount: received.reduce((sum, r) => sum + num(r.headcount), 0),
    served: served.length,
    visitorsServed: served.reduce((sum, r) => sum + num(r.served_count), 0),
    departments,
    linesSent: lines.length,
    linesLate: lines.filter((l) => l.late).length,
    plansWithLate: new Set(lines.filter((l) => l.late).map((l) => l.reservation)).size,
  };
}

function freeEntryFigures(snapshot: Snapshot, year: number): VisitorSummary['freeEntries'] {
  const rows = live(snapshot, freeEntries.key).filter((r) => inYear(r.entered_at, year));
  const byMonth = MONTHS.map((month) => ({ month, byCategory: { senior: 0, child: 0 }, total: 0 }));
  const byCategory: Record<EntryCategory, number> = { senior: 0, child: 0 };
  let normalTickets = 0;
  let normalHeadcount = 0;
  for (const r of rows) {
    const heads = num(r.headcount);
    if (r.result === 'normal_ticket') {
      normalTickets += 1;
      normalHeadcount += heads;
      continue;
    }
    const category: EntryCategory = r.category === 'child' ? 'child' : 'senior';
    const month = byMonth[monthIn(r.entered_at, year)];
    month.byCategory[category] += heads;
    month.total += heads;
    byCategory[category] += heads;
  }
  const gateCounted = live(snapshot, gateCounts.key)
    .filter((r) => inYear(r.count_date, year))
    .reduce((sum, r) => sum + num(r.free_headcount), 0);
  return { byMonth, byCategory, freeHeadcount: byCategory.senior + byCategory.child, checks: rows.length, normalTickets, normalHeadcount, gateCounted };
}

function accessibilityFigures(snapshot: Snapshot, year: number, asOf: string): VisitorSummary['accessibility'] {
  const rows = live(snapshot, accessibilityChecks.key).filter((r) => inYear(r.check_date, year));
  const items = keysOf(
    (accessibilityChecks.fields.find((f) => f.key === 'item')?.codes ?? []).map((c) => c.code),
    rows.map((r) => str(r.item)),
  );
  const byItem = items.map((item) => {
    const of = rows.filter((r) => str(r.item) === item);
    const defects = of.filter((r) => r.usable === false);
    const rectified = defects.filter((r) => before(r.rectified_on, asOf)).length;
    return { item, checks: of.length, defects: defects.length, rectified, open: defects.length - rectified };
  });
  const sum = (key: 'checks' | 'defects' | 'rectified' | 'open') => byItem.reduce((s, line) => s + line[key], 0);
  return { checks: sum('checks'), defects: sum('defects'), rectified: sum('rectified'), open: sum('open'), byItem };
}

/** The year's special-visitor summary from a snapshot read with `visitorSummaryRequest`; `now` ends the picture of a year not over yet. */
export function visitorSummary(snapshot: Snapshot, year: number, now?: string): VisitorSummary {
  const asOf = summaryMoment(year, now);
  const postal = live(snapshot, postalLog.key).filter((r) => inYear(r.entry_date, year));
  return {
    year,
    asOf,
    loans: loanFigures(snapshot, year, asOf),
    broadcasts: broadcastFigures(snapshot, year, asOf),
    reservations: reservationFigures(snapshot, year, asOf),
    freeEntries: freeEntryFigures(snapshot, year),
    postal: { items: postal.length, postage: postal.reduce((sum, r) => sum + num(r.fee), 0) },
    accessibility: accessibilityFigures(snapshot, year, asOf),
  };
}
