import type { Numbering } from '../forms/types';

/**
 * Record numbers that stay unique when several clerks co-author one workbook (docs/numbering.md).
 *
 * Excel has no atomic "increment this cell": two clients that read a counter at the same time
 * both see the same value. What Excel does serialize is each client's batch of writes, and a
 * batch that appends a row directly below a table lands below every row appended before it.
 * So a registration first *claims* a number by appending a row to its series' claims table and,
 * in the same batch, reading the last CLAIM_WINDOW rows of that table. Its number is then the
 * ordinal of its claim among the claims of the same series and period, counted from an anchor —
 * a claim in the window whose number is already confirmed, the series' counter, or the start of
 * the table — all facts that cannot be contradicted by another client. The second batch writes
 * the record, confirms the claim (its `seq`), advances the counter and writes the audit entry.
 */

export type SequenceNumbering = Extract<Numbering, { kind: 'sequence' }>;

/** The period a record's number belongs to: 'YYYY' or 'YYYYMMDD', prefixed with the scope ('T03/'). */
export function periodOf(numbering: SequenceNumbering, localDate: string, scope?: string): string {
  const ymd = localDate.slice(0, 10).replace(/-/g, '');
  const period = numbering.period === 'year' ? ymd.slice(0, 4) : ymd;
  return numbering.scopeField ? `${scope ?? ''}/${period}` : period;
}

/** Fills a number format: {YYYY}, {YYYYMMDD}, {scope}, {N…} (zero-padded, widening past its width). */
export function formatNumber(numbering: SequenceNumbering, period: string, seq: number): string {
  const slash = period.lastIndexOf('/');
  const scope = slash >= 0 ? period.slice(0, slash) : '';
  const date = slash >= 0 ? period.slice(slash + 1) : period;
  return numbering.format
    .replace('{YYYYMMDD}', date)
    .replace('{YYYY}', date.slice(0, 4))
    .replace('{scope}', scope)
    .replace(/\{(N+)\}/, (_, ns: string) => String(seq).padStart(ns.length, '0'));
}

/** The key of a series and period in the counters table and in claims: 'TS/2026'. */
export function counterKey(series: string, period: string): string {
  return `${series}/${period}`;
}

/** One row of a claims table as read back: its sheet row, period and confirmed number. */
export interface ClaimRow {
  readonly row: number;
  readonly period: string | null;
  readonly seq: number | null;
}

export interface ClaimWindow {
  readonly period: string;
  /** The claims table rows read after appending ours, contiguous; ours is the last one. */
  readonly rows: readonly ClaimRow[];
  /** The sheet row where the rows read start (rows above it may exist but were not read). */
  readonly windowFirstRow: number;
  /** The sheet row of the claims table's first body row. */
  readonly tableFirstRow: number;
  /** The series counter for this period, if there is one: a confirmed number and its claim row. */
  readonly counter?: { readonly seq: number; readonly row: number };
  /** The sheet row of the first claim of this period in the whole claims table, when it was looked up. */
  readonly firstOfPeriodRow?: number;
}

/**
 * What follows the station in a claim's station cell when the claim was made for an operation
 * (ReadOptions.operation): ` #<ticket id>.<attempt>`. `stationOf` gives the station alone.
 */
export const OPERATION_MARK = ' #';

/** A claim's station without the operation it was made for. */
export function stationOf(cell: string): string {
  const at = cell.lastIndexOf(OPERATION_MARK);
  return at >= 0 && /^[0-9a-z]+\.\d+$/.test(cell.slice(at + OPERATION_MARK.length)) ? cell.slice(0, at) : cell;
}

/** A claim's number, or the claims rows above the window that must be read to know it. */
export type ClaimResolution = { readonly seq: number } | { readonly readRows: { readonly from: number; readonly to: number } };

/**
 * The number of the last claim in the window. An anchor (seq, row) is a fact no client can
 * contradict: "the claim at `row` has number `seq`" — a confirmed claim, the counter (whatever
 * confirmation wrote it last: it may lag behind, never lie), or "none before this row" (the top of
 * the table, the first claim of the period). The answer is the nearest anchor's seq plus the claims
 * of the same period after it up to ours, every one of them counted, confirmed or not: so it is
 * exact, however many claims are in flight and in whatever order they are confirmed. When the
 * nearest anchor lies above the rows read, the answer is the rows to read first (`readRows`):
 * nothing is assumed about rows nobody read.
 */
export function resolveClaim(window: ClaimWindow): ClaimResolution {
  const rows = [...window.rows].sort((a, b) => a.row - b.row);
  const ours = rows[rows.length - 1];
  if (!ours) throw new Error('resolveClaim: empty window');
  const firstRead = Math.max(window.windowFirstRow, window.tableFirstRow);
  const anchors: { seq: number; row: number }[] = [];
  if (window.tableFirstRow >= window.windowFirstRow) anchors.push({ seq: 0, row: window.tableFirstRow - 1 });
  if (window.firstOfPeriodRow !== undefined && window.firstOfPeriodRow <= ours.row) anchors.push({ seq: 0, row: window.firstOfPeriodRow - 1 });
  for (const row of rows) {
    if (row.row < ours.row && row.period === window.period && row.seq !== null) anchors.push({ seq: row.seq, row: row.row });
  }
  if (window.counter && window.counter.row < ours.row) anchors.push(window.counter);
  if (anchors.length === 0) return { readRows: { from: window.tableFirstRow, to: firstRead - 1 } };
  const anchor = anchors.reduce((best, a) => (a.row > best.row ? a : best));
  if (anchor.row < firstRead - 1) return { readRows: { from: anchor.row + 1, to: firstRead - 1 } };
  const between = rows.filter((r) => r.row > anchor.row && r.row <= ours.row && r.period === window.period).length;
  return { seq: anchor.seq + between };
}

/** What a claims window says: our number (1 for the first claim of its period), or the rows to read above it first. */
export type ClaimOutcome = { readonly seq: number; readonly claimRow: number; readonly othersInFlight: boolean } | { readonly readRows: { readonly from: number; readonly to: number } };

/**
 * Reads a claims window as the backends load it: `values` are the worksheet rows ending with our
 * claim (columns period, station, claimed_at, seq), starting at sheet row `windowFirstRow` — the
 * CLAIM_WINDOW rows read with the claim, and in front of them any rows read after, when the
 * outcome asked for them; rows above the claims table's first body row are ignored.
 */
export function claimFromWindow(args: {
  readonly values: readonly (readonly unknown[])[];
  readonly windowFirstRow: number;
  readonly claimsHeaderRow: number;
  readonly period: string;
  readonly counter?: { readonly seq: number; readonly row: number };
  readonly firstOfPeriodRow?: number;
  /** The id of the operation claiming (ReadOptions.operation without its attempt): its earlier attempts' claims are not in flight. */
  readonly ownOperation?: string;
}): ClaimOutcome {
  const tableFirstRow = args.claimsHeaderRow + 1;
  const rows: ClaimRow[] = [];
  args.values.forEach((cells, i) => {
    const row = args.windowFirstRow + i;
    if (row < tableFirstRow) return;
    const period = cells[0] === null || cells[0] === undefined || cells[0] === '' ? null : String(cells[0]);
    const seqCell = cells[3];
    const seq = typeof seqCell === 'number' ? seqCell : seqCell && /^\d+$/.test(String(seqCell)) ? Number(seqCell) : null;
    rows.push({ row, period, seq });
  });
  const ours = rows[rows.length - 1];
  if (!ours || ours.period !== args.period)
    throw new Error(`claimFromWindow: the last row read is not our claim (${JSON.stringify(args.values.slice(-3))} first ${args.windowFirstRow} header ${args.claimsHeaderRow})`);
  const resolved = resolveClaim({
    period: args.period,
    rows,
    windowFirstRow: args.windowFirstRow,
    tableFirstRow,
    counter: args.counter,
    firstOfPeriodRow: args.firstOfPeriodRow,
  });
  if ('readRows' in resolved) return resolved;
  // An earlier attempt of the same operation failed before confirming (the retry found it not written): not in flight.
  const own = args.ownOperation ? `${OPERATION_MARK}${args.ownOperation}.` : undefined;
  const ownAttempt = (r: ClaimRow) => own !== undefined && String(args.values[r.row - args.windowFirstRow]?.[1] ?? '').includes(own);
  const othersInFlight = rows.some((r) => r.row < ours.row && r.period !== null && r.seq === null && !ownAttempt(r));
  return { seq: resolved.seq, claimRow: ours.row, othersInFlight };
}

/** What a backend reads when a claim's window is not enough, each by its own means. */
export interface ClaimReader {
  /** The claims table's rows `from`–`to` (0-based sheet rows), cells as in the window (period, station, claimed_at, seq). */
  rowsAbove(from: number, to: number): Promise<readonly (readonly unknown[])[]>;
  /** The 0-based sheet row of the period's first claim (ours when none came before), for a backend that did not read it with the claim. */
  firstOfPeriodRow?(): Promise<number>;
}

/**
 * A claim's number: from its window, and, when the resolution asks for them, where the period's
 * first claim is and the claims rows above the window — the one loop every backend runs.
 */
export async function readClaim(window: Parameters<typeof claimFromWindow>[0], reader: ClaimReader): Promise<Extract<ClaimOutcome, { seq: number }>> {
  let args = window;
  for (;;) {
    const outcome = claimFromWindow(args);
    if ('seq' in outcome) return outcome;
    if (args.firstOfPeriodRow === undefined && reader.firstOfPeriodRow) {
      args = { ...args, firstOfPeriodRow: await reader.firstOfPeriodRow() };
      continue;
    }
    const { from, to } = outcome.readRows;
    args = { ...args, values: [...(await reader.rowsAbove(from, to)), ...args.values], windowFirstRow: from };
  }
}

/**
 * Whether a confirmation adds the period's counter row: only the first claim of its period does,
 * and only if the counter was not there when it claimed (two first claims cannot race: only one is
 * first). Later ones update the row they read, raising it from what they read; a counter that lags
 * (confirmations out of order) still states a true number of a claim, which is all it is used for.
 */
export function addsCounterRow(claim: { readonly seq: number; readonly counter: unknown }): boolean {
  return claim.counter === null && claim.seq === 1;
}
