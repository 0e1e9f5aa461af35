import { columnsOf } from '../forms/columns';
import { bindingIndex, complaintReopenings, complaints, returnVisits } from '../forms/complaints';
import type { DomainValue, RecordValues } from '../ledger/cells';
import type { AuditEntry, LedgerRow, RecordUpdate, Snapshot } from '../ledger/types';
import { KefuError, type Problem } from '../core/problems';
import type { Operation } from './records';

/**
 * Binding (统一编号装订 / 統一編號裝訂, brief F6, P1-投訴6): Customer Service numbers the archived
 * complaint tickets of a year with their return-visit forms and binds them into volumes.
 *
 * - Which tickets: those of the year (intake number TS-YYYY-…) that are archived, or voided (a void
 *   ticket keeps its number and is bound and listed as void: "作废单据照常编号装订并列明"), and
 *   have no binding number yet.
 * - Archive numbers: TS-YYYY-Vnn/sss — volume nn (continuing after the year's existing volumes),
 *   position sss inside the volume, consecutive from 001 without gaps, in intake-number order.
 * - A bound volume is closed: binding again never reopens it. Already bound tickets keep their
 *   numbers; only tickets archived since get numbers, in new volumes. With nothing new, nothing
 *   changes (idempotent).
 * - Nothing is skipped silently: each volume's index lists every intake number from the one after
 *   the previous volume's last up to its own last — bound, bound as void, missing (never issued:
 *   a gap), not archived yet, or bound in another volume — and its cover lists the voids and gaps.
 *
 * The decision is pure (snapshot → change set and the volumes to print); the bound-volume workbook
 * is rendered from `BindingResult.volumes` by workbooks/boundVolumes.ts.
 */

/** At most this many tickets in a volume: two page breaks each, and Excel keeps 1,026 per sheet. */
export const MAX_VOLUME_SIZE = 500;
export const DEFAULT_VOLUME_SIZE = 100;

export interface BindInput {
  readonly year: number | string;
  readonly volumeSize?: number | string;
}

export interface PreparedBinding {
  readonly year: number;
  readonly volumeSize: number;
}

/** A reopened round of a ticket: its reopening record and the return visit that reopened it. */
export interface BoundRound {
  readonly reopening: RecordValues;
  readonly visit: RecordValues | null;
}

/**
 * A ticket in a volume, with its return-visit form (none for a void ticket without one) and, when it
 * was reopened, its earlier rounds (their handling and the visits that reopened them), in order.
 */
export interface BoundTicket {
  readonly seq: number;
  readonly ticketNo: string;
  readonly archiveNo: string;
  readonly voided: boolean;
  readonly ticket: RecordValues;
  readonly visit: RecordValues | null;
  readonly rounds: readonly BoundRound[];
}

/** How an intake number appears in a volume's index. */
export type EntryState = 'bound' | 'void' | 'gap' | 'pending' | 'elsewhere';

export interface IndexEntry {
  readonly seq: number;
  readonly ticketNo: string;
  readonly state: EntryState;
  /** For bound and void entries: the archive number; for 'elsewhere': the other volume's number. */
  readonly archiveNo?: string;
  /** For pending entries: the ticket's status code. */
  readonly status?: string;
  readonly receivedAt?: string;
  readonly voidReason?: string;
}

export interface Volume {
  readonly volumeNo: string;
  readonly volume: number;
  readonly year: number;
  /** Tickets in archive order. */
  readonly tickets: readonly BoundTicket[];
  /** Every intake number the volume accounts for, in intake order. */
  readonly entries: readonly IndexEntry[];
  readonly firstTicketNo: string;
  readonly lastTicketNo: string;
  readonly voidCount: number;
  readonly gaps: readonly string[];
  readonly voids: readonly string[];
  readonly pending: readonly string[];
  /** Made by this binding (false: an earlier one, reprinted). */
  readonly isNew: boolean;
  readonly boundBy: string;
  readonly boundAt: string;
}

export interface BindingResult {
  readonly year: number;
  /** Every volume of the year, earlier ones first (reprinted as they stand now). */
  readonly volumes: readonly Volume[];
  readonly newVolumes: readonly string[];
  readonly newlyBound: number;
  readonly newlyBoundVoid: number;
  readonly alreadyBound: number;
  /** Tickets of the year not archived yet (numbered at a later binding). */
  readonly pending: number;
  /** Intake numbers of the year never issued, up to the highest one bound. */
  readonly gaps: readonly string[];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function volumeNumber(year: number, volume: number): string {
  return `TS-${year}-V${pad(volume, 2)}`;
}

export function archiveNumber(year: number, volume: number, position: number): string {
  return `${volumeNumber(year, volume)}/${pad(position, 3)}`;
}

/** The intake number of a year's ticket: TS-YYYY-NNNN (the width widens past 9999). */
function intakeNumber(year: number, seq: number): string {
  return `TS-${year}-${pad(seq, 4)}`;
}

function parseIntake(ticketNo: string, year: number): number | undefined {
  const m = /^TS-(\d{4})-(\d+)$/.exec(ticketNo.trim());
  return m && Number(m[1]) === year ? Number(m[2]) : undefined;
}

function parseArchive(archiveNo: string, year: number): { volume: number; position: number } | undefined {
  const m = /^TS-(\d{4})-V(\d+)\/(\d+)$/.exec(archiveNo.trim());
  return m && Number(m[1]) === year ? { volume: Number(m[2]), position: Number(m[3]) } : undefined;
}

function parseVolume(volumeNo: string, year: number): number | undefined {
  const m = /^TS-(\d{4})-V(\d+)$/.exec(volumeNo.trim());
  return m && Number(m[1]) === year ? Number(m[2]) : undefined;
}

const text = (value: DomainValue | undefined): string => (value === null || value === undefined ? '' : String(value));

function toInteger(value: number | string | undefined): number | undefined {
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value ?? '')) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

interface TicketRow {
  readonly seq: number;
  readonly ticketNo: string;
  readonly row: LedgerRow;
  readonly values: RecordValues;
  readonly voided: boolean;
  readonly archived: boolean;
  readonly bound?: { volume: number; position: number; archiveNo: string };
}

export const bindVolumes: Operation<BindInput, PreparedBinding, BindingResult> = {
  prepare(input) {
    const year = toInteger(input.year);
    const size = input.volumeSize === undefined ? DEFAULT_VOLUME_SIZE : toInteger(input.volumeSize);
    const problems: Problem[] = [];
    if (year === undefined || year < 2000 || year > 2100) problems.push({ kind: 'bindYear', params: { value: String(input.year) } });
    if (size === undefined || size < 1 || size > MAX_VOLUME_SIZE) {
      problems.push({ kind: 'bindVolumeSize', params: { value: String(input.volumeSize), max: MAX_VOLUME_SIZE } });
    }
    if (problems.length > 0) throw new KefuError(problems);
    return { year: year!, volumeSize: size! };
  },

  request() {
    return {
      tables: {
        complaints: { columns: columnsOf(complaints).map((c) => c.key), rows: 'all' },
        return_visits: { columns: columnsOf(returnVisits).map((c) => c.key), rows: 'all' },
        complaint_reopenings: { columns: columnsOf(complaintReopenings).map((c) => c.key), rows: 'all' },
        binding_index: { columns: columnsOf(bindingIndex).map((c) => c.key), rows: 'all' },
      },
      writes: ['complaints', 'binding_index'],
    };
  },

  decide(snapshot: Snapshot, { year, volumeSize }, context) {
    const now = context.clock.now();
    const clerk = context.actor.clerk;

    // The year's tickets, by intake number; duplicates make the year unbindable.
    const tickets = new Map<number, TicketRow>();
    const rowsOf = new Map<number, number[]>();
    for (const row of snapshot.tables.complaints ?? []) {
      const ticketNo = text(row.values.ticket_no);
      const seq = parseIntake(ticketNo, year);
      if (seq === undefined) continue;
      rowsOf.set(seq, [...(rowsOf.get(seq) ?? []), row.ref.row + 1]);
      const archiveNo = text(row.values.binding_no);
      const parsed = archiveNo ? parseArchive(archiveNo, year) : undefined;
      tickets.set(seq, {
        seq,
        ticketNo: ticketNo.trim(),
        row,
        values: row.values,
        voided: row.values.voided === true,
        archived: row.values.status === 'archived',
        bound: parsed ? { ...parsed, archiveNo: archiveNo.trim() } : undefined,
      });
    }
    const duplicates: Problem[] = [...rowsOf.entries()]
      .filter(([, rows]) => rows.length > 1)
      .map(([seq, rows]) => ({
        kind: 'bindDuplicateNumber',
        form: complaints.key,
        field: 'ticket_no',
        row: rows[1],
        params: { ticket: intakeNumber(year, seq), count: rows.length, rows: rows.join(', ') },
      }));
    if (duplicates.length > 0) throw new KefuError(duplicates);

    const visits = new Map<string, RecordValues>();
    const visitByNo = new Map<string, RecordValues>();
    for (const row of snapshot.tables.return_visits ?? []) {
      const ticketNo = text(row.values.ticket_no).trim();
      if (ticketNo && row.values.voided !== true) visits.set(ticketNo, row.values);
      if (row.values.voided !== true) visitByNo.set(text(row.values.visit_no).trim(), row.values);
    }
    // Each ticket's earlier rounds, in the order of their reopening numbers.
    const rounds = new Map<string, BoundRound[]>();
    for (const row of snapshot.tables.complaint_reopenings ?? []) {
      const ticketNo = text(row.values.ticket_no).trim();
      if (!ticketNo || row.values.voided === true) continue;
      rounds.set(ticketNo, [...(rounds.get(ticketNo) ?? []), { reopening: row.values, visit: visitByNo.get(text(row.values.visit_no).trim()) ?? null }]);
    }
    const roundNumber = (r: BoundRound) => Number(/-R(\d+)$/.exec(text(r.reopening.reopening_no).trim())?.[1] ?? 0);
    for (const list of rounds.values()) list.sort((a, b) => roundNumber(a) - roundNumber(b));

    // Earlier volumes of the year: from the binding index and from the tickets' binding numbers.
    const earlier = new Map<number, { boundBy: string; boundAt: string }>();
    for (const row of snapshot.tables.binding_index ?? []) {
      const volume = parseVolume(text(row.values.volume_no), year);
      if (volume !== undefined) earlier.set(volume, { boundBy: text(row.values.bound_by_by), boundAt: text(row.values.bound_by_at) });
    }
    for (const ticket of tickets.values()) {
      if (ticket.bound && !earlier.has(ticket.bound.volume)) earlier.set(ticket.bound.volume, { boundBy: '', boundAt: '' });
    }
    const nextVolume = Math.max(0, ...earlier.keys()) + 1;

    // New: archived or void, not bound yet, in intake order; each archived one needs its return visit.
    const fresh = [...tickets.values()].filter((t) => !t.bound && (t.archived || t.voided)).sort((a, b) => a.seq - b.seq);
    const missing: Problem[] = fresh
      .filter((t) => !t.voided && !visits.has(t.ticketNo))
      .map((t) => ({
        kind: 'bindMissingVisit',
        form: complaints.key,
        field: 'return_visit_no',
        row: t.row.ref.row + 1,
        params: { ticket: t.ticketNo, visit: text(t.values.return_visit_no) || `${t.ticketNo}-HF` },
      }));
    if (missing.length > 0) throw new KefuError(missing);

    const assigned = new Map<number, { volume: number; position: number; archiveNo: string }>();
    fresh.forEach((t, i) => {
      const volume = nextVolume + Math.floor(i / volumeSize);
      const position = (i % volumeSize) + 1;
      assigned.set(t.seq, { volume, position, archiveNo: archiveNumber(year, volume, position) });
    });
    const bindingOf = (t: TicketRow) => t.bound ?? assigned.get(t.seq);

    // Every volume of the year, old and new, with what it accounts for.
    const members = new Map<number, TicketRow[]>();
    for (const t of tickets.values()) {
      const b = bindingOf(t);
      if (b) members.set(b.volume, [...(members.get(b.volume) ?? []), t]);
    }
    const volumeNumbers = [...new Set([...earlier.keys(), ...members.keys()])].sort((a, b) => a - b);
    const volumes: Volume[] = [];
    let covered = 0; // the highest intake number accounted for by the volumes so far
    for (const volume of volumeNumbers) {
      const inVolume = (members.get(volume) ?? []).sort((a, b) => bindingOf(a)!.position - bindingOf(b)!.position);
      const bySeq = [...inVolume].sort((a, b) => a.seq - b.seq);
      const high = bySeq.length > 0 ? bySeq[bySeq.length - 1].seq : covered;
      const listed = new Set(inVolume.map((t) => t.seq));
      for (let seq = covered + 1; seq <= high; seq++) listed.add(seq);
      const entries: IndexEntry[] = [...listed]
        .sort((a, b) => a - b)
        .map((seq) => {
          const t = tickets.get(seq);
          if (!t) return { seq, ticketNo: intakeNumber(year, seq), state: 'gap' };
          const b = bindingOf(t);
          const common = { seq, ticketNo: t.ticketNo, receivedAt: text(t.values.received_at) };
          if (b && b.volume === volume) {
            return t.voided ? { ...common, state: 'void', archiveNo: b.archiveNo, voidReason: text(t.values.void_reason) } : { ...common, state: 'bound', archiveNo: b.archiveNo };
          }
          if (b) return { ...common, state: 'elsewhere', archiveNo: volumeNumber(year, b.volume) };
          return { ...common, state: 'pending', status: text(t.values.status) };
        });
      covered = Math.max(covered, high);
      const isNew = volume >= nextVolume;
      const info = earlier.get(volume);
      volumes.push({
        volumeNo: volumeNumber(year, volume),
        volume,
        year,
        tickets: inVolume.map((t) => ({
          seq: t.seq,
          ticketNo: t.ticketNo,
          archiveNo: bindingOf(t)!.archiveNo,
          voided: t.voided,
          ticket: isNew ? { ...t.values, binding_no: bindingOf(t)!.archiveNo } : t.values,
          // The visit the ticket names (its latest), else its last one in the sheet.
          visit: visitByNo.get(text(t.values.return_visit_no).trim()) ?? visits.get(t.ticketNo) ?? null,
          rounds: rounds.get(t.ticketNo) ?? [],
        })),
        entries,
        firstTicketNo: bySeq[0]?.ticketNo ?? '',
        lastTicketNo: bySeq[bySeq.length - 1]?.ticketNo ?? '',
        voidCount: inVolume.filter((t) => t.voided).length,
        voids: entries.filter((e) => e.state === 'void').map((e) => e.ticketNo),
        gaps: entries.filter((e) => e.state === 'gap').map((e) => e.ticketNo),
        pending: entries.filter((e) => e.state === 'pending').map((e) => e.ticketNo),
        isNew,
        boundBy: isNew ? clerk : (info?.boundBy ?? ''),
        boundAt: isNew ? now.slice(0, 16) : (info?.boundAt ?? ''),
      });
    }

    const fresherVolumes = volumes.filter((v) => v.isNew);
    const updates: RecordUpdate[] = fresh.map((t) => ({ ref: t.row.ref, values: { binding_no: assigned.get(t.seq)!.archiveNo } }));
    const audit: AuditEntry[] = [
      ...fresh.map((t) => ({
        at: now,
        who: clerk,
        action: 'bind',
        table: complaints.key,
        record: t.ticketNo,
        field: 'binding_no',
        oldValue: '',
        newValue: assigned.get(t.seq)!.archiveNo,
      })),
      ...fresherVolumes.map((v) => ({
        at: now,
        who: clerk,
        action: 'create',
        table: bindingIndex.key,
        record: v.volumeNo,
        field: '*',
        oldValue: '',
        newValue: `first_ticket_no=${v.firstTicketNo}; last_ticket_no=${v.lastTicketNo}; ticket_count=${v.tickets.length}; void_count=${v.voidCount}; gaps=${v.gaps.join(',')}`,
      })),
    ];
    const appends = fresherVolumes.map((v): RecordValues => ({
      volume_no: v.volumeNo,
      year,
      first_ticket_no: v.firstTicketNo,
      last_ticket_no: v.lastTicketNo,
      ticket_count: v.tickets.length,
      void_count: v.voidCount,
      bound_by_by: clerk,
      bound_by_at: now.slice(0, 16),
      created_at: now.slice(0, 16),
      created_by: clerk,
      voided: false,
      ...(context.actor.site ? { site: context.actor.site } : {}),
    }));
    const maxBound = Math.max(0, ...[...tickets.values()].filter((t) => bindingOf(t)).map((t) => t.seq));
    const gaps: string[] = [];
    for (let seq = 1; seq <= maxBound; seq++) if (!tickets.has(seq)) gaps.push(intakeNumber(year, seq));
    return {
      changes: fresh.length === 0 ? {} : { appends: { binding_index: appends }, updates, audit },
      result: {
        year,
        volumes,
        newVolumes: fresherVolumes.map((v) => v.volumeNo),
        newlyBound: fresh.length,
        newlyBoundVoid: fresh.filter((t) => t.voided).length,
        alreadyBound: [...tickets.values()].filter((t) => t.bound).length,
        pending: [...tickets.values()].filter((t) => !bindingOf(t)).length,
        gaps,
      },
    };
  },
};
