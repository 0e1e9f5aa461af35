import { CHANNELS, DEPARTMENTS } from '../forms/codes';
import { CLOSED_MEASURE_PROGRESS, complaints as complaintsForm } from '../forms/complaints';
import type { RecordValues } from '../ledger/cells';

/**
 * The yearly complaint statistics (domain brief §4, P1 step 7), computed in pure code from the
 * complaint tickets (F1) and their return visits (F2). Every count keeps the ticket numbers behind
 * it, so a figure can be traced to its tickets; every rate is an exact ratio (numerator /
 * denominator), the percentage is only derived for display.
 *
 * Counting rules (a year's figures are the picture at its end, 1 January 00:00 of the next year,
 * so they do not change when the year is compiled again later):
 * - a ticket belongs to the year its `received_at` falls in; voided tickets are left out;
 *   a reopened ticket is one row and counts once (its reopenings are counted separately);
 * - handling rounds: the ticket's own handling (`handled_at`, blank while it is handled again) and
 *   each reopened round in the reopening records (complaint_reopenings: the round's `handled_at`,
 *   kept, and `reopened_at`, when a return visit reopened it); voided reopening records, and those
 *   without both times, are left out;
 * - closed: a round handled before year end and not reopened before year end stands; a ticket
 *   without one is "open at year end" (not handled yet, handled later, or reopened and not handled
 *   again before year end), whatever happened after;
 * - handling time: the standing round's `handled_at − received_at`, in minutes (exact); on time:
 *   closed with that `handled_at ≤ promised_by`, among the closed tickets that have a promise;
 *   overdue open: open at year end with a promised time before year end (beside the on-time rate);
 * - verdict: the standing round's `substantiated`; "not yet decided" while open at year end;
 *   substantiated share: (属实 + 部分属实) ÷ all the year's tickets;
 * - return visits: non-void visits before year end; return-visit rate = closed tickets visited after
 *   their standing handling ÷ closed tickets; satisfaction = (满意 + 基本满意) of each ticket's
 *   latest visit ÷ the year's tickets with a visit;
 * - reopenings: those before year end (a ledger from before the reopening records: the reopening
 *   return visits; a ticket reopened there and not handled again is open from that visit);
 * - repeat complainants: the same name and phone on more than one ticket; anonymous tickets (or
 *   tickets without a name) never count;
 * - measures (step 8): those raised for the year, and those raised for an earlier year that were
 *   still open on 1 January (not closed, or closed during the year or later): a measure is carried
 *   into each next year's sheet until it is closed. A measure marked done or cancelled without a
 *   date is taken as closed before the year.
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
    /**
     * Closed on time ÷ closed with a promise; `overdueOpen`: open at year end with a promised time
     * before year end (neither on time nor late yet), shown beside the rate.
     */
    readonly onTime: TicketCount & { readonly share: Ratio; readonly withoutPromise: TicketCount; readonly overdueOpen: TicketCount };
    /** Hours as exact ratios (minutes ÷ 60·n); null when nothing was closed. */
    readonly meanHours: Ratio | null;
    readonly medianHours: Ratio | null;
    readonly returnVisits: TicketCount & { readonly rate: Ratio };
    readonly satisfaction: TicketCount & { readonly share: Ratio; readonly visited: TicketCount };
    /** Tickets reopened at least once before year end, and the sum of their reopenings before year end. */
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
  /** Step 8: the year's measures, and earlier ones carried forward (open at the start of the year). */
  readonly measures: readonly MeasureLine[];
}

/** One measure of step 8 on a year's sheet. */
export interface MeasureLine {
  readonly measureNo: string;
  /** The statistics year the measure was raised for; earlier than the sheet's year when carried. */
  readonly statsYear: number;
  readonly carried: boolean;
  readonly finding: string;
  readonly measure: string;
  readonly department: string;
  readonly owner: string;
  /** 'YYYY-MM-DD' */
  readonly dueOn: string;
  readonly progress: string;
  /** 'YYYY-MM-DD' or '' while open. */
  readonly closedOn: string;
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
export const VISIT_COLUMNS_READ = ['ticket_no', 'visit_no', 'visited_at', 'satisfaction', 'resolved', 'voided'] as const;
export const REOPENING_COLUMNS = ['reopening_no', 'ticket_no', 'reopened_at', 'visit_no', 'substantiated', 'handled_at', 'voided'] as const;
export const MEASURE_COLUMNS = ['measure_no', 'stats_year', 'finding', 'measure', 'department', 'owner', 'due_on', 'progress', 'closed_on', 'voided'] as const;

const str = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v.trim() : String(v).trim());

/** The number of the two digits at `i` of `text`, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Minutes since 1970 of a local 'YYYY-MM-DD HH:MM[:SS]' (calendar arithmetic, no time zone), or null. */
export function localMinutes(value: unknown): number | null {
  // Read by position, without a regular expression: this runs three times for every ticket.
  const text = str(value);
  const length = text.length;
  if ((length !== 10 && length !== 16 && length !== 19) || text[4] !== '-' || text[7] !== '-') return null;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (century < 0 || yy < 0 || month < 0 || day < 0) return null;
  let hours = 0;
  let minutes = 0;
  if (length > 10) {
    if ((text[10] !== ' ' && text[10] !== 'T') || text[13] !== ':') return null;
    hours = twoDigits(text, 11);
    minutes = twoDigits(text, 14);
    if (hours < 0 || minutes < 0) return null;
    if (length === 19 && (text[16] !== ':' || twoDigits(text, 17) < 0)) return null;
  }
  return Math.floor(Date.UTC(century * 100 + yy, month - 1, day, hours, minutes) / 60000);
}

const yearOf = (value: unknown): number | null => {
  const m = /^(\d{4})-/.exec(str(value));
  return m ? Number(m[1]) : null;
};

const isVoid = (row: RecordValues): boolean => row.voided === true || str(row.voided) === 'yes';

const byNumber = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The year's non-void tickets, in ticket-number order. */
export function ticketsOfYear(rows: readonly RecordValues[], year: number): RecordValues[] {
  return rows
    .filter((r) => !isVoid(r) && yearOf(r.received_at) === year && str(r.ticket_no) !== '')
    .map((r) => ({ r, no: str(r.ticket_no) }))
    .sort((a, b) => byNumber(a.no, b.no))
    .map((x) => x.r);
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

/**
 * One ticket of the year as the statistics see it: every key it is counted under. The detail
 * sheet lists these, one row per ticket, so any count can be found again by filtering.
 */
export interface TicketFacts {
  readonly no: string;
  readonly receivedAt: string;
  /** 'MM' */
  readonly month: string;
  readonly category: string;
  readonly department: string;
  readonly channel: string;
  readonly subject: string;
  /** 'yes' | 'partly' | 'no' | 'pending', or an undeclared value as found. */
  readonly verdict: string;
  readonly bucket: Bucket;
  /** Closed within the year: handling time in minutes; null when open at year end. */
  readonly handlingMinutes: number | null;
  /** Closed by the promised time; null when open or without a promise. */
  readonly onTime: boolean | null;
  /** Open at year end with its promised time passed (before year end). */
  readonly overdue: boolean;
  /** The latest visit's satisfaction before year end, '' when not visited. */
  readonly visit: string;
  /** Reopenings before year end. */
  readonly reopenings: number;
}

type Facts = TicketFacts;

function matrix(facts: readonly Facts[], rows: readonly string[], columns: readonly string[], rowOf: (f: Facts) => string, columnOf: (f: Facts) => string): Matrix {
  const rowIndex = new Map(rows.map((k, i) => [k, i]));
  const columnIndex = new Map(columns.map((k, j) => [k, j]));
  const cells = rows.map(() => columns.map(() => [] as string[]));
  const rowTotals = rows.map(() => [] as string[]);
  const columnTotals = columns.map(() => [] as string[]);
  const all: string[] = [];
  for (const f of facts) {
    const i = rowIndex.get(rowOf(f));
    const j = columnIndex.get(columnOf(f));
    if (i === undefined || j === undefined) continue;
    cells[i][j].push(f.no);
    rowTotals[i].push(f.no);
    columnTotals[j].push(f.no);
    all.push(f.no);
  }
  return { rows, columns, cells: cells.map((r) => r.map(count)), rowTotals: rowTotals.map(count), columnTotals: columnTotals.map(count), total: count(all) };
}

const EMPTY = '(none)';
const codeOr = (value: unknown): string => str(value) || EMPTY;

/**
 * Every block of the statistics sheet for `year`. `complaintRows`, `visitRows` and `reopeningRows`
 * may hold other years: only the year's tickets count. `previousRows`, when given, are the rows to
 * find the previous year's tickets in (usually the same rows), for the change on the previous year.
 */
export function yearStatistics(
  complaintRows: readonly RecordValues[],
  visitRows: readonly RecordValues[],
  year: number,
  previousRows?: readonly RecordValues[],
  measureRows: readonly RecordValues[] = [],
  reopeningRows: readonly RecordValues[] = [],
): YearStatistics {
  return computeYear(complaintRows, visitRows, year, previousRows, measureRows, reopeningRows).statistics;
}

/** One handling round of a ticket: when it was handled, its verdict, and when a visit reopened it. */
interface Round {
  readonly handled: number;
  readonly verdict: string;
  readonly reopened: number | null;
}

/** Whether a return visit reopened its ticket (unresolved, or dissatisfied). */
const reopensTicket = (v: RecordValues): boolean => v.resolved === false || str(v.resolved) === 'no' || str(v.satisfaction) === 'dissatisfied';

/**
 * The round that stands at `end`: handled before it and not reopened before it (the latest such, if
 * hand-edited rows give more than one); undefined when the ticket is open then.
 */
function standingRound<R extends Round>(rounds: readonly R[], end: number): R | undefined {
  let standing: R | undefined;
  for (const r of rounds) {
    if (r.handled < end && (r.reopened === null || r.reopened >= end) && (!standing || r.handled >= standing.handled)) standing = r;
  }
  return standing;
}

/** The statistics and the tickets behind them (in ticket-number order), for the detail sheet. */
export function computeYear(
  complaintRows: readonly RecordValues[],
  visitRows: readonly RecordValues[],
  year: number,
  previousRows?: readonly RecordValues[],
  measureRows: readonly RecordValues[] = [],
  reopeningRows: readonly RecordValues[] = [],
): { readonly statistics: YearStatistics; readonly tickets: readonly TicketFacts[] } {
  const tickets = ticketsOfYear(complaintRows, year);
  const numbers = tickets.map((t) => str(t.ticket_no));
  const total = count(numbers);
  const yearEnd = localMinutes(`${year + 1}-01-01 00:00`)!;
  const ofYear = new Set(numbers);

  // The year's tickets' visits before year end, in time order; and the reopening visits (for a
  // ledger from before the reopening records).
  const visitsOf = new Map<string, { at: number; satisfaction: string; no: string; reopens: boolean }[]>();
  for (const v of visitRows) {
    const no = str(v.ticket_no);
    if (isVoid(v) || !ofYear.has(no)) continue;
    const at = localMinutes(v.visited_at);
    if (at === null || at >= yearEnd) continue;
    const list = visitsOf.get(no) ?? [];
    list.push({ at, satisfaction: str(v.satisfaction), no: str(v.visit_no), reopens: reopensTicket(v) });
    visitsOf.set(no, list);
  }
  for (const list of visitsOf.values()) list.sort((a, b) => a.at - b.at);

  // The reopened rounds of the year's tickets.
  const reopenedRounds = new Map<string, (Round & { visit: string })[]>();
  for (const r of reopeningRows) {
    const no = str(r.ticket_no);
    if (isVoid(r) || !ofYear.has(no)) continue;
    const handled = localMinutes(r.handled_at);
    const reopened = localMinutes(r.reopened_at);
    // A record without its two times tells no round (left out, as the cross-check sheet does).
    if (handled === null || reopened === null) continue;
    const list = reopenedRounds.get(no) ?? [];
    list.push({ handled, reopened, verdict: str(r.substantiated), visit: str(r.visit_no) });
    reopenedRounds.set(no, list);
  }

  const facts: Facts[] = [];
  const closed: string[] = [];
  const onTime: string[] = [];
  const promised: string[] = [];
  const withoutPromise: string[] = [];
  const overdueOpen: string[] = [];
  const minutes: number[] = [];
  const buckets: Record<Bucket, string[]> = { le24h: [], d1to3: [], d3to7: [], gt7d: [], open: [] };
  const substantiated: string[] = [];
  const visitedClosed: string[] = [];
  const visited: string[] = [];
  const satisfied: string[] = [];
  const reopened: string[] = [];
  let reopenings = 0;
  const people = new Map<string, { name: string; tickets: string[] }>();
  const bySubject = new Map<string, string[]>();
  const noSubject: string[] = [];
  // Per department: tickets, substantiated, visited, satisfied.
  const perDepartment = new Map<string, { own: number; substantiated: number; visited: number; satisfied: number }>();
  const latestVisit = new Map<string, string>();
  for (let index = 0; index < tickets.length; index++) {
    const t = tickets[index];
    const no = numbers[index];
    const received = localMinutes(t.received_at)!;
    const ticketVisits = visitsOf.get(no) ?? [];
    const earlier = reopenedRounds.get(no) ?? [];
    const rounds: Round[] = [...earlier];
    const handled = localMinutes(t.handled_at);
    if (handled !== null) {
      // The ticket's own round. A reopening no record keeps (a ledger from before them): the
      // first reopening visit after this handling that no reopening record names.
      const recorded = new Set(earlier.map((r) => r.visit));
      const unrecorded = ticketVisits.find((v) => v.reopens && v.at >= handled && !recorded.has(v.no));
      rounds.push({ handled, verdict: str(t.substantiated), reopened: unrecorded ? unrecorded.at : null });
    }
    const standing = standingRound(rounds, yearEnd);
    const isClosed = standing !== undefined;
    const verdict = isClosed ? standing.verdict || 'pending' : 'pending';
    const isSubstantiated = verdict === 'yes' || verdict === 'partly';
    if (isSubstantiated) substantiated.push(no);
    const visit = ticketVisits.length > 0 ? ticketVisits[ticketVisits.length - 1] : undefined;
    const isSatisfied = visit !== undefined && POSITIVE.has(visit.satisfaction);
    if (visit) {
      visited.push(no);
      latestVisit.set(no, visit.satisfaction);
      if (isSatisfied) satisfied.push(no);
    }
    let bucket: Bucket = 'open';
    let handlingMinutes: number | null = null;
    let inTime: boolean | null = null;
    let overdue = false;
    const promise = localMinutes(t.promised_by);
    if (isClosed) {
      closed.push(no);
      if (ticketVisits.some((v) => v.at >= standing.handled)) visitedClosed.push(no);
      const m = standing.handled - received;
      minutes.push(m);
      handlingMinutes = m;
      bucket = m <= 24 * 60 ? 'le24h' : m <= 3 * 24 * 60 ? 'd1to3' : m <= 7 * 24 * 60 ? 'd3to7' : 'gt7d';
      if (promise === null) withoutPromise.push(no);
      else {
        promised.push(no);
        inTime = standing.handled <= promise;
        if (inTime) onTime.push(no);
      }
    } else if (promise !== null && promise < yearEnd) {
      overdue = true;
      overdueOpen.push(no);
    }
    buckets[bucket].push(no);
    // Reopenings before year end: the recorded ones, or (before the records) the reopening visits.
    const recordedReopenings = rounds.filter((r) => r.reopened !== null && r.reopened < yearEnd).length;
    const visitReopenings = ticketVisits.filter((v) => v.reopens).length;
    const reopen = Math.max(recordedReopenings, visitReopenings);
    if (reopen > 0) {
      reopened.push(no);
      reopenings += reopen;
    }
    const name = str(t.complainant);
    const anonymous = t.anonymous === true || str(t.anonymous) === 'yes';
    if (!anonymous && name !== '') {
      const key = `${name}\u0000${str(t.complainant_phone)}`;
      const person = people.get(key);
      if (person) person.tickets.push(no);
      else people.set(key, { name, tickets: [no] });
    }
    const subject = str(t.subject);
    if (subject === '') noSubject.push(no);
    else {
      const list = bySubject.get(subject);
      if (list) list.push(no);
      else bySubject.set(subject, [no]);
    }
    const department = codeOr(t.department);
    const d = perDepartment.get(department) ?? { own: 0, substantiated: 0, visited: 0, satisfied: 0 };
    d.own += 1;
    if (isSubstantiated) d.substantiated += 1;
    if (visit) d.visited += 1;
    if (isSatisfied) d.satisfied += 1;
    perDepartment.set(department, d);
    facts.push({
      no,
      receivedAt: str(t.received_at),
      month: str(t.received_at).slice(5, 7),
      category: codeOr(t.category),
      department,
      channel: codeOr(t.channel),
      subject,
      verdict,
      bucket,
      handlingMinutes,
      onTime: inTime,
      overdue,
      visit: visit?.satisfaction ?? '',
      reopenings: reopen,
    });
  }

  minutes.sort((a, b) => a - b);
  const n = minutes.length;
  let sum = 0;
  for (const m of minutes) sum += m;
  const meanHours = n ? ratio(sum, 60 * n) : null;
  const medianHours = n ? (n % 2 ? ratio(minutes[(n - 1) / 2], 60) : ratio(minutes[n / 2 - 1] + minutes[n / 2], 120)) : null;

  let previousTotal: number | undefined;
  if (previousRows) previousTotal = ticketsOfYear(previousRows, year - 1).length;

  const repeat = [...people.values()].filter((p) => p.tickets.length > 1).sort((a, b) => (a.tickets[0] < b.tickets[0] ? -1 : 1));

  const categories = keysOf(
    CATEGORY_CODES,
    facts.map((f) => f.category),
  );
  const departments = keysOf(
    DEPARTMENT_CODES,
    facts.map((f) => f.department),
  );
  const channels = keysOf(
    CHANNEL_CODES,
    facts.map((f) => f.channel),
  );

  const departmentByCategory = matrix(
    facts,
    departments,
    categories,
    (f) => f.department,
    (f) => f.category,
  );
  const departmentLines: DepartmentLine[] = departments.map((d, i) => {
    const own = perDepartment.get(d) ?? { own: 0, substantiated: 0, visited: 0, satisfied: 0 };
    return {
      department: d,
      count: departmentByCategory.rowTotals[i].count,
      share: ratio(own.own, tickets.length),
      substantiated: ratio(own.substantiated, own.own),
      satisfaction: ratio(own.satisfied, own.visited),
    };
  });

  // Hot topics: by subject, most tickets first; ties by subject so the order is stable.
  const withSubject = tickets.length - noSubject.length;
  const sorted = [...bySubject.entries()].sort((a, b) => b[1].length - a[1].length || byNumber(a[0], b[0]));
  let cumulative = 0;
  const all: TopicLine[] = [];
  sorted.forEach(([subject, list], i) => {
    cumulative += list.length;
    const rank = i > 0 && sorted[i - 1][1].length === list.length ? all[i - 1].rank : i + 1;
    all.push({ rank, subject, count: list.length, tickets: list, share: ratio(list.length, withSubject), cumulative: ratio(cumulative, withSubject) });
  });

  const statistics: YearStatistics = {
    year,
    headline: {
      total,
      ...(previousTotal !== undefined ? { previousTotal, change: { difference: total.count - previousTotal, ratio: ratio(total.count - previousTotal, previousTotal) } } : {}),
      substantiated: { ...count(substantiated), share: ratio(substantiated.length, tickets.length) },
      closed: { ...count(closed), share: ratio(closed.length, tickets.length) },
      onTime: { ...count(onTime), share: ratio(onTime.length, promised.length), withoutPromise: count(withoutPromise), overdueOpen: count(overdueOpen) },
      meanHours,
      medianHours,
      returnVisits: { ...count(visitedClosed), rate: ratio(visitedClosed.length, closed.length) },
      satisfaction: { ...count(satisfied), share: ratio(satisfied.length, visited.length), visited: count(visited) },
      reopened: { ...count(reopened), reopenings },
      repeatComplainants: { count: repeat.length, people: repeat },
    },
    monthByCategory: matrix(
      facts,
      MONTHS,
      categories,
      (f) => f.month,
      (f) => f.category,
    ),
    departmentByCategory,
    departments: departmentLines,
    channelByMonth: matrix(
      facts,
      channels,
      MONTHS,
      (f) => f.channel,
      (f) => f.month,
    ),
    hotTopics: { top: all.slice(0, 10), all, withSubject, withoutSubject: count(noSubject) },
    handlingBuckets: { le24h: count(buckets.le24h), d1to3: count(buckets.d1to3), d3to7: count(buckets.d3to7), gt7d: count(buckets.gt7d), open: count(buckets.open) },
    substantiationByCategory: matrix(
      facts,
      categories,
      keysOf(
        SUBSTANTIATION_COLUMNS,
        facts.map((f) => f.verdict),
      ),
      (f) => f.category,
      (f) => f.verdict,
    ),
    visitsByDepartment: matrix(
      facts.filter((f) => latestVisit.has(f.no)),
      departments,
      VISIT_COLUMNS,
      (f) => f.department,
      (f) => f.visit,
    ),
    measures: measuresOfYear(measureRows, year),
  };
  return { statistics, tickets: facts };
}

/** The measures a year's sheet lists: carried ones first, then the year's own, each in number order. */
export function measuresOfYear(rows: readonly RecordValues[], year: number): MeasureLine[] {
  const lines: MeasureLine[] = [];
  for (const r of rows) {
    const statsYear = Number(r.stats_year);
    if (isVoid(r) || !Number.isInteger(statsYear) || statsYear > year) continue;
    const progress = str(r.progress);
    const closedOn = str(r.closed_on);
    const closed = CLOSED_MEASURE_PROGRESS.includes(progress);
    if (statsYear < year && closed && (closedOn === '' || Number(closedOn.slice(0, 4)) < year)) continue;
    lines.push({
      measureNo: str(r.measure_no),
      statsYear,
      carried: statsYear < year,
      finding: str(r.finding),
      measure: str(r.measure),
      department: str(r.department),
      owner: str(r.owner),
      dueOn: str(r.due_on),
      progress,
      closedOn,
    });
  }
  return lines.sort((a, b) => Number(b.carried) - Number(a.carried) || (a.measureNo < b.measureNo ? -1 : a.measureNo > b.measureNo ? 1 : 0));
}
