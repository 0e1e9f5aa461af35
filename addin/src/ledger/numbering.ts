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
  /** The claims table rows read after appending ours; ours is the last one. */
  readonly rows: readonly ClaimRow[];
  /** The sheet row where the window starts (rows above it may exist but were not read). */
  readonly windowFirstRow: number;
  /** The sheet row of the claims table's first body row. */
  readonly tableFirstRow: number;
  /** The series counter for this period, if there is one: a confirmed number and its claim row. */
  readonly counter?: { readonly seq: number; readonly row: number };
}

/**
 * The number of the last claim in the window. An anchor (seq, row) says "the claim at `row` has
 * number `seq`"; the answer is anchor.seq plus the claims of the same period after the anchor up
 * to ours. The nearest anchor wins. Unique as long as fewer than CLAIM_WINDOW claims of one series
 * are in flight at the same moment (claimed, not yet confirmed).
 */
export function resolveClaim(window: ClaimWindow): number {
  const rows = [...window.rows].sort((a, b) => a.row - b.row);
  const ours = rows[rows.length - 1];
  if (!ours) throw new Error('resolveClaim: empty window');
  const firstReadable = Math.max(window.windowFirstRow, window.tableFirstRow);
  const anchors: { seq: number; row: number }[] = [];
  if (window.tableFirstRow >= window.windowFirstRow) anchors.push({ seq: 0, row: window.tableFirstRow - 1 });
  for (const row of rows) {
    if (row.row < ours.row && row.period === window.period && row.seq !== null) anchors.push({ seq: row.seq, row: row.row });
  }
  if (window.counter && window.counter.row < ours.row) {
    // A counter older than the window still anchors: claims of this period between it and the
    // window would have been confirmed long ago and moved the counter past them.
    anchors.push(window.counter.row >= firstReadable - 1 ? window.counter : { seq: window.counter.seq, row: firstReadable - 1 });
  }
  if (anchors.length === 0) {
    // No number of this period was ever confirmed: count from the start of the window.
    anchors.push({ seq: 0, row: firstReadable - 1 });
  }
  const anchor = anchors.reduce((best, a) => (a.row > best.row ? a : best));
  const between = rows.filter((r) => r.row > anchor.row && r.row <= ours.row && r.period === window.period).length;
  return anchor.seq + between;
}

/**
 * Reads a claims window as both backends load it: `values` are the CLAIM_WINDOW worksheet rows
 * ending with our claim (columns period, station, claimed_at, seq), starting at sheet row
 * `windowFirstRow`; rows above the claims table's first body row are ignored.
 */
export function claimFromWindow(args: {
  readonly values: readonly (readonly unknown[])[];
  readonly windowFirstRow: number;
  readonly claimsHeaderRow: number;
  readonly period: string;
  readonly counter?: { readonly seq: number; readonly row: number };
}): { seq: number; claimRow: number; othersInFlight: boolean } {
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
  if (!ours || ours.period !== args.period) throw new Error(`claimFromWindow: the last row read is not our claim (${JSON.stringify(args.values.slice(-3))} first ${args.windowFirstRow} header ${args.claimsHeaderRow})`);
  const seq = resolveClaim({
    period: args.period,
    rows,
    windowFirstRow: args.windowFirstRow,
    tableFirstRow,
    counter: args.counter,
  });
  const othersInFlight = rows.some((r) => r.row < ours.row && r.period !== null && r.seq === null);
  return { seq, claimRow: ours.row, othersInFlight };
}
