import { CHANNELS, DEPARTMENTS } from '../forms/codes';
import { complaints as complaintsForm } from '../forms/serviceDesk';
import type { RecordValues } from '../ledger/cells';

/**
 * The yearly complaint statistics (domain brief §4, P1 step 7), computed in pure code from the
 * complaint tickets (F1) and their return visits (F2). Every count keeps the ticket numbers behind
 * it, so a figure can be traced to its tickets; every rate is an exact ratio (numerator /
 * denominator), the percentage is only derived for display.
 *
 * Counting rules:
 * - a ticket belongs to the year its `received_at` falls in; voided tickets are left out;
 *   a reopened ticket is one row and counts once (its reopenings are counted separately);
 * - closed: `handled_at` is filled and falls before the next year's 1 January 00:00; every other
 *   ticket is "open at year end" (handled later, or not yet);
 * - handling time: `handled_at − received_at` of the closed tickets, in minutes (exact);
 *   on time: closed with `handled_at ≤ promised_by`, among the closed tickets that have a promise;
 * - substantiated share: (属实 + 部分属实) ÷ all the year's tickets;
 * - return visits: the latest non-void visit of a ticket; return-visit rate = closed tickets with a
 *   visit ÷ closed tickets; satisfaction = (满意 + 基本满意) ÷ the year's tickets with a visit;
 * - repeat complainants: the same name and phone on more than one ticket; anonymous tickets (or
 *   tickets without a name) never count.
 */

export interface Ratio {
  readonly num: number;
  readonly den: number;
}

/** A count and the ticket numbers behind it (in ticket-number order). */
export interface TicketCount {
  readonly count: number;
  readonly tickets: readonly string[];
}

export interface Matrix {
  /** Row keys (codes, or 'MM' months). */
  readonly rows: readonly string[];
  /** Column keys. */
  readonly columns: readonly string[];
  readonly cells: readonly (readonly TicketCount[])[];
  readonly rowTotals: readonly TicketCount[];
  readonly columnTotals: readonly TicketCount[];
  readonly total: TicketCount;
}

export interface DepartmentLine {
  readonly department: string;
  readonly count: number;
  /** The department's tickets ÷ all the year's tickets. */
  readonly share: Ratio;
  /** (属实 + 部分属实) ÷ the department's tickets. */
  readonly substantiated: Ratio;
  /** (满意 + 基本满意) ÷ the department's visited tickets. */
  readonly satisfaction: Ratio;
}

export interface TopicLine {
  /** Competition rank (1, 2, 2, 4 …): tied subjects share a rank; ties are listed by subject. */
  readonly rank: number;
  readonly subject: string;
  readonly count: number;
  readonly tickets: readonly string[];
  /** This subject's tickets ÷ the tickets with a subject. */
  readonly share: Ratio;
  /** Cumulative tickets down to this line ÷ the tickets with a subject. */
  readonly cumulative: Ratio;
}

export const BUCKETS = ['le24h', 'd1to3', 'd3to7', 'gt7d', 'open'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const SUBSTANTIATION_COLUMNS = ['yes', 'partly', 'no', 'pending'] as const;
export const VISIT_COLUMNS = ['satisfied', 'fairly_satisfied', 'dissatisfied'] as const;

export interface YearStatistics {
  readonly year: number;
  readonly headline: {
    readonly total: TicketCount;
    /** Present when the previous year's tickets were given. */
    readonly previousTotal?: number;
    /** total − previousTotal, and the change as a ratio of the previous total. */
    readonly change?: { readonly difference: number; readonly ratio: Ratio };
    readonly substantiated: TicketCount & { readonly share: Ratio };
    readonly closed: TicketCount & { readonly share: Ratio };
    readonly onTime: TicketCount & { readonly share: Ratio; readonly withoutPromise: TicketCount };
    /** Hours as exact ratios (minutes ÷ 60·n); null when nothing was closed. */
    readonly meanHours: Ratio | null;
    readonly medianHours: Ratio | null;
    readonly returnVisits: TicketCount & { readonly rate: Ratio };
    readonly satisfaction: TicketCount & { readonly share: Ratio; readonly visited: TicketCount };
    /** Tickets reopened at least once, and the sum of their reopenings. */
    readonly reopened: TicketCount & { readonly reopenings: number };
    /** People (name + phone) on more than one ticket, and their tickets. */
    readonly repeatComplainants: { readonly count: number; readonly people: readonly { readonly name: string; readonly tickets: readonly string[] }[] };
  };
  readonly monthByCategory: Matrix;
  readonly departmentByCategory: Matrix;
  readonly departments: readonly DepartmentLine[];
  readonly channelByMonth: Matrix;
  readonly hotTopics: { readonly top: readonly TopicLine[]; readonly all: readonly TopicLine[]; readonly withSubject: number; readonly withoutSubject: TicketCount };
  readonly handlingBuckets: Readonly<Record<Bucket, TicketCount>>;
  readonly substantiationByCategory: Matrix;
  readonly visitsByDepartment: Matrix;
}

export const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
export const CATEGORY_CODES: readonly string[] = (complaintsForm.fields.find((f) => f.key === 'category')?.codes ?? []).map((c) => c.code);
const CHANNEL_CODES = CHANNELS.map((c) => c.code);
const DEPARTMENT_CODES = DEPARTMENTS.map((c) => c.code);
const POSITIVE = new Set(['satisfied', 'fairly_satisfied']);

/** The columns the statistics read (nothing else is transferred). */
export const COMPLAINT_COLUMNS = [
  'ticket_no',
  'received_at',
  'channel',
  'anonymous',
  'complainant',
  'complainant_phone',
  'subject',
  'category',
  'department',
  'promised_by',
  'substantiated',
  'handled_at',
  'reopen_count',
  'voided',
] as const;
export const VISIT_COLUMNS_READ = ['ticket_no', 'visited_at', 'satisfaction', 'resolved', 'voided'] as const;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/** Minutes since 1970 of a local 'YYYY-MM-DD HH:MM[:SS]' (calendar arithmetic, no time zone), or null. */
export function localMinutes(value: unknown): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(str(value));
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  return Math.floor(ms / 60000);
}

const yearOf = (value: unknown): number | null => {
  const m = /^(\d{4})-/.exec(str(value));
  return m ? Number(m[1]) : null;
};

const isVoid = (row: RecordValues): boolean => row.voided === true || str(row.voided) === 'yes';

/** The year's non-void tickets, in ticket-number order. */
export function ticketsOfYear(rows: readonly RecordValues[], year: number): RecordValues[] {
  return rows
    .filter((r) => !isVoid(r) && yearOf(r.received_at) === year && str(r.ticket_no) !== '')
    .sort((a, b) => (str(a.ticket_no) < str(b.ticket_no) ? -1 : str(a.ticket_no) > str(b.ticket_no) ? 1 : 0));
}

const count = (tickets: readonly string[]): TicketCount => ({ count: tickets.length, tickets });
const ratio = (num: number, den: number): Ratio => ({ num, den });

/** A ratio as a number for display (null when the denominator is 0). */
export function ratioValue(r: Ratio | null | undefined): number | null {
  return r && r.den !== 0 ? r.num / r.den : null;
}

/** Keys in a fixed order, followed by any unknown keys the data holds (sorted). */
function keysOf(known: readonly string[], seen: Iterable<string>): string[] {
  const extra = [...new Set(seen)].filter((k) => !known.includes(k)).sort();
  return [...known, ...extra];
}

function matrix(tickets: readonly RecordValues[], rows: readonly string[], columns: readonly string[], rowOf: (r: RecordValues) => string, columnOf: (r: RecordValues) => string): Matrix {
  const cells = rows.map(() => columns.map(() => [] as string[]));
  const rowTotals = rows.map(() => [] as string[]);
  const columnTotals = columns.map(() => [] as string[]);
  const all: string[] = [];
  for (const t of tickets) {
    const i = rows.indexOf(rowOf(t));
    const j = columns.indexOf(columnOf(t));
    if (i < 0 || j < 0) continue;
    const no = str(t.ticket_no);
    cells[i][j].push(no);
    rowTotals[i].push(no);
    columnTotals[j].push(no);
    all.push(no);
  }
  return { rows, columns, cells: cells.map((r) => r.map(count)), rowTotals: rowTotals.map(count), columnTotals: columnTotals.map(count), total: count(all) };
}

const EMPTY = '(none)';
const codeOr = (value: unknown): string => str(value) || EMPTY;

/**
 * Every block of the statistics sheet for `year`. `complaintRows` and `visitRows` may hold other
 * years: only the year's tickets count. `previousRows`, when given, are the rows to find the
 * previous year's tickets in (usually the same rows), for the change on the previous year.
 */
export function yearStatistics(
  complaintRows: readonly RecordValues[],
  visitRows: readonly RecordValues[],
  year: number,
  previousRows?: readonly RecordValues[],
): YearStatistics {
  const tickets = ticketsOfYear(complaintRows, year);
  const numbers = tickets.map((t) => str(t.ticket_no));
  const total = count(numbers);
  const yearEnd = localMinutes(`${year + 1}-01-01 00:00`)!;

  // The latest non-void visit of each ticket.
  const visits = new Map<string, RecordValues>();
  for (const v of visitRows) {
    if (isVoid(v)) continue;
    const no = str(v.ticket_no);
    const before = visits.get(no);
    if (!before || (localMinutes(v.visited_at) ?? 0) >= (localMinutes(before.visited_at) ?? 0)) visits.set(no, v);
  }

  const closed: string[] = [];
  const onTime: string[] = [];
  const promised: string[] = [];
  const withoutPromise: string[] = [];
  const minutes: number[] = [];
  const buckets: Record<Bucket, string[]> = { le24h: [], d1to3: [], d3to7: [], gt7d: [], open: [] };
  const substantiated: string[] = [];
  const visitedClosed: string[] = [];
  const visited: string[] = [];
  const satisfied: string[] = [];
  const reopened: string[] = [];
  let reopenings = 0;
  const people = new Map<string, { name: string; tickets: string[] }>();
  for (const t of tickets) {
    const no = str(t.ticket_no);
    const received = localMinutes(t.received_at)!;
    const handled = localMinutes(t.handled_at);
    const isClosed = handled !== null && handled < yearEnd;
    const verdict = str(t.substantiated);
    if (verdict === 'yes' || verdict === 'partly') substantiated.push(no);
    const visit = visits.get(no);
    if (visit) {
      visited.push(no);
      if (POSITIVE.has(str(visit.satisfaction))) satisfied.push(no);
    }
    if (isClosed) {
      closed.push(no);
      if (visit) visitedClosed.push(no);
      const m = handled - received;
      minutes.push(m);
      buckets[m <= 24 * 60 ? 'le24h' : m <= 3 * 24 * 60 ? 'd1to3' : m <= 7 * 24 * 60 ? 'd3to7' : 'gt7d'].push(no);
      const promise = localMinutes(t.promised_by);
      if (promise === null) withoutPromise.push(no);
      else {
        promised.push(no);
        if (handled <= promise) onTime.push(no);
      }
    } else {
      buckets.open.push(no);
    }
    const reopen = Number(t.reopen_count ?? 0);
    if (Number.isFinite(reopen) && reopen > 0) {
      reopened.push(no);
      reopenings += reopen;
    }
    const name = str(t.complainant);
    const anonymous = t.anonymous === true || str(t.anonymous) === 'yes';
    if (!anonymous && name !== '') {
      const key = `${name}\u0000${str(t.complainant_phone)}`;
      const person = people.get(key) ?? { name, tickets: [] };
      person.tickets.push(no);
      people.set(key, person);
    }
  }

  minutes.sort((a, b) => a - b);
  const n = minutes.length;
  const sum = minutes.reduce((s, m) => s + m, 0);
  const meanHours = n ? ratio(sum, 60 * n) : null;
  const medianHours = n ? (n % 2 ? ratio(minutes[(n - 1) / 2], 60) : ratio(minutes[n / 2 - 1] + minutes[n / 2], 120)) : null;

  let previousTotal: number | undefined;
  if (previousRows) previousTotal = ticketsOfYear(previousRows, year - 1).length;

  const repeat = [...people.values()].filter((p) => p.tickets.length > 1).sort((a, b) => (a.tickets[0] < b.tickets[0] ? -1 : 1));

  const categories = keysOf(CATEGORY_CODES, tickets.map((t) => codeOr(t.category)));
  const departments = keysOf(DEPARTMENT_CODES, tickets.map((t) => codeOr(t.department)));
  const channels = keysOf(CHANNEL_CODES, tickets.map((t) => codeOr(t.channel)));
  const monthOf = (t: RecordValues) => str(t.received_at).slice(5, 7);

  const departmentByCategory = matrix(tickets, departments, categories, (t) => codeOr(t.department), (t) => codeOr(t.category));
  const departmentLines: DepartmentLine[] = departments.map((d, i) => {
    const own = tickets.filter((t) => codeOr(t.department) === d);
    const ownVisited = own.filter((t) => visits.has(str(t.ticket_no)));
    return {
      department: d,
      count: departmentByCategory.rowTotals[i].count,
      share: ratio(own.length, tickets.length),
      substantiated: ratio(own.filter((t) => ['yes', 'partly'].includes(str(t.substantiated))).length, own.length),
      satisfaction: ratio(ownVisited.filter((t) => POSITIVE.has(str(visits.get(str(t.ticket_no))!.satisfaction))).length, ownVisited.length),
    };
  });

  // Hot topics: by subject, most tickets first; ties by subject so the order is stable.
  const bySubject = new Map<string, string[]>();
  const noSubject: string[] = [];
  for (const t of tickets) {
    const s = str(t.subject);
    if (s === '') noSubject.push(str(t.ticket_no));
    else {
      const list = bySubject.get(s);
      if (list) list.push(str(t.ticket_no));
      else bySubject.set(s, [str(t.ticket_no)]);
    }
  }
  const withSubject = tickets.length - noSubject.length;
  const sorted = [...bySubject.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let cumulative = 0;
  const all: TopicLine[] = [];
  sorted.forEach(([subject, list], i) => {
    cumulative += list.length;
    const rank = i > 0 && sorted[i - 1][1].length === list.length ? all[i - 1].rank : i + 1;
    all.push({ rank, subject, count: list.length, tickets: list, share: ratio(list.length, withSubject), cumulative: ratio(cumulative, withSubject) });
  });

  const verdictOf = (t: RecordValues) => str(t.substantiated) || 'pending';
  const visitOf = (t: RecordValues) => str(visits.get(str(t.ticket_no))?.satisfaction);

  return {
    year,
    headline: {
      total,
      ...(previousTotal !== undefined ? { previousTotal, change: { difference: total.count - previousTotal, ratio: ratio(total.count - previousTotal, previousTotal) } } : {}),
      substantiated: { ...count(substantiated), share: ratio(substantiated.length, tickets.length) },
      closed: { ...count(closed), share: ratio(closed.length, tickets.length) },
      onTime: { ...count(onTime), share: ratio(onTime.length, promised.length), withoutPromise: count(withoutPromise) },
      meanHours,
      medianHours,
      returnVisits: { ...count(visitedClosed), rate: ratio(visitedClosed.length, closed.length) },
      satisfaction: { ...count(satisfied), share: ratio(satisfied.length, visited.length), visited: count(visited) },
      reopened: { ...count(reopened), reopenings },
      repeatComplainants: { count: repeat.length, people: repeat },
    },
    monthByCategory: matrix(tickets, MONTHS, categories, monthOf, (t) => codeOr(t.category)),
    departmentByCategory,
    departments: departmentLines,
    channelByMonth: matrix(tickets, channels, MONTHS, (t) => codeOr(t.channel), monthOf),
    hotTopics: { top: all.slice(0, 10), all, withSubject, withoutSubject: count(noSubject) },
    handlingBuckets: { le24h: count(buckets.le24h), d1to3: count(buckets.d1to3), d3to7: count(buckets.d3to7), gt7d: count(buckets.gt7d), open: count(buckets.open) },
    substantiationByCategory: matrix(tickets, categories, SUBSTANTIATION_COLUMNS, (t) => codeOr(t.category), verdictOf),
    visitsByDepartment: matrix(
      tickets.filter((t) => visits.has(str(t.ticket_no))),
      departments,
      VISIT_COLUMNS,
      (t) => codeOr(t.department),
      visitOf,
    ),
  };
}
