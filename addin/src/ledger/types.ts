import type { Locale } from '../i18n/locale';
import type { CellIn, RecordValues } from './cells';

/**
 * The workbook as a database. An operation asks for a snapshot of exactly what it needs, decides
 * in pure code, and hands back one change set. Two backends implement this contract: Office.js
 * (Excel itself or the in-memory host) and exceljs (.xlsx files). test/conformance.test.ts runs the
 * same suite against both.
 */

/** Which rows of a table to read. */
export type RowSelection =
  /** Every non-blank row (reports, imports). */
  | 'all'
  /**
   * The rows whose `where` column equals one of `equals` (single-record actions; never the whole
   * table). Numbers the ledger issued must each be found (`recordNotFound`); by a typed-in key or
   * another column (a team's gear, an order's installation sheets) every matching row comes, and
   * none is no error (`mustFindEach`, schema.ts).
   */
  | { readonly where: string; readonly equals: readonly string[] };

export interface TableQuery {
  /** Column keys to read; nothing else is transferred. */
  readonly columns: readonly string[];
  readonly rows: RowSelection;
}

/** A number to claim for a new record (see numbering.ts). */
export interface ClaimQuery {
  readonly series: string;
  /** 'YYYY', 'YYYYMMDD' or 'scope/YYYYMMDD'. */
  readonly period: string;
}

export interface SnapshotRequest {
  readonly tables?: Readonly<Record<string, TableQuery>>;
  readonly claims?: readonly ClaimQuery[];
  /** Tables the change set will append to or update: their layout is read in the same request. */
  readonly writes?: readonly string[];
  /** Report sheets the change set will write (ChangeSet.sheets): whether each exists is read. */
  readonly sheets?: readonly string[];
}

/** Where a table's columns are and whether its last body row is blank (a fresh table). */
export interface TableLayout {
  /** Header labels in worksheet order, user-added columns included. */
  readonly headers: readonly string[];
  /** 0-based worksheet row of the header. */
  readonly headerRow: number;
  /** 0-based worksheet column of the first column. */
  readonly firstColumn: number;
  /** 0-based worksheet row of the table's last body row when it was read. */
  readonly lastRow: number;
  readonly lastRowBlank: boolean;
  /**
   * The cells of the last body row as read (header order). The audit log's is where the next audit
   * row's hash chain starts (ledger/auditChain.ts).
   */
  readonly lastValues?: readonly CellIn[];
  /**
   * Office.js backend: the first cell holding a value in the BELOW_CHECK_ROWS rows below the table
   * as read (its sheet and A1 address, its 0-based row), where appended rows must not go.
   */
  readonly usedBelow?: { readonly sheet: string; readonly cell: string; readonly row: number } | null;
}

/** Where a row lives, so a change can be written back to it. */
export interface RowRef {
  readonly table: string;
  /** 0-based worksheet row index. */
  readonly row: number;
}

export interface LedgerRow {
  readonly ref: RowRef;
  readonly values: RecordValues;
}

/** A claimed number: its sequence within the series and period, and the claim row to confirm. */
export interface Claim {
  readonly series: string;
  readonly period: string;
  readonly seq: number;
  /** 0-based worksheet row of the claim. */
  readonly claimRow: number;
  /** 0-based worksheet row of the claims table's header. */
  readonly claimsHeaderRow: number;
  /** The counter as read with the claim: its worksheet row (0-based) and number, if it exists. */
  readonly counter: { readonly row: number; readonly seq: number } | null;
  /** Whether other claims of this series read in the window are still unconfirmed. */
  readonly othersInFlight: boolean;
}

export interface Snapshot {
  readonly locale: Locale;
  readonly tables: Readonly<Record<string, readonly LedgerRow[]>>;
  readonly claims: readonly Claim[];
  /** Layouts of the tables named in `writes` (and of the audit log). */
  readonly layouts: Readonly<Record<string, TableLayout>>;
  /** For each sheet named in the request's `sheets`: whether the workbook has it. */
  readonly sheets?: Readonly<Record<string, boolean>>;
  /** The names of the charts on those sheets (Office.js backend), so a refresh replaces them. */
  readonly sheetCharts?: Readonly<Record<string, readonly string[]>>;
  /** Where each of those sheets is in the tab order (Office.js backend): its replacement goes there. */
  readonly sheetPositions?: Readonly<Record<string, number>>;
  /** Those sheets whose hidden replacement a failed run left (`reportTempSheetName`, Office.js backend). */
  readonly leftoverSheets?: readonly string[];
}

export interface AuditEntry {
  /** Local date-time 'YYYY-MM-DD HH:MM:SS'. */
  readonly at: string;
  readonly who: string;
  /** What happened: 'create', 'update', 'void', … */
  readonly action: string;
  readonly table: string;
  /** The record's number or key. */
  readonly record: string;
  readonly field: string;
  readonly oldValue: string;
  readonly newValue: string;
  /** The attempt of the operation that wrote it (domain/records.ts OperationTicket), stamped by runOperation; an import's batch id (domain/importing.ts). */
  readonly op?: string;
}

export interface RecordUpdate {
  readonly ref: RowRef;
  /** Only the fields that change. */
  readonly values: RecordValues;
}

export interface ChangeSet {
  readonly appends?: Readonly<Record<string, readonly RecordValues[]>>;
  readonly updates?: readonly RecordUpdate[];
  /** Claims whose numbers this change set uses: confirmed, and the counters advanced. */
  readonly confirm?: readonly Claim[];
  readonly audit?: readonly AuditEntry[];
  /**
   * One audit entry per appended record of `table`: `audit[from + i]` is the entry of
   * `appends[table][i]`. A backend that splits the change set into several requests writes each of
   * those entries in the request that writes its row, the entries before `from` in the first
   * request and those after in the last (an import's start and completion markers); a backend that
   * writes the whole change set at once writes `audit` in order and needs nothing more.
   */
  readonly rowAudit?: { readonly table: string; readonly from: number };
  /** Whole report sheets to create or replace (see ledger/report.ts); name them in the request's `sheets`. */
  readonly sheets?: readonly ReportSheet[];
}

/**
 * One cell of a report sheet. `text` is user text or a label: always stored as text, whatever it
 * looks like. A formula can only be built by code (`reportFormula`), never from user text.
 */
export type ReportCell = null | { readonly text: string } | { readonly number: number; readonly format?: string } | { readonly formula: string; readonly format?: string; readonly fromCode: true };

/**
 * A sheet written whole: statistics, the monthly performance sheet, print and binding sheets.
 * Writing it replaces every cell, width, frozen pane and bold font the sheet had.
 */
export interface ReportSheet {
  /** Sheet name: at most 31 characters, none of : \ / ? * [ ]. Never a ledger table's sheet. */
  readonly name: string;
  /** Rows from A1 down; rows may differ in length. */
  readonly rows: readonly (readonly ReportCell[])[];
  /** Column widths in characters (the unit of Excel's column-width dialog), from column A. */
  readonly columnWidths?: readonly number[];
  /** Rows frozen at the top (0: none). */
  readonly frozenRows?: number;
  /** 0-based rows whose cells are bold (headers, block titles). */
  readonly boldRows?: readonly number[];
  /**
   * Native charts over blocks of the sheet. The Office.js backend draws them with the charts API;
   * exceljs cannot draw charts, so the .xlsx backend shows `dataBars` instead.
   */
  readonly charts?: readonly ReportChart[];
  /** Blocks of counts shown with in-cell data bars where charts cannot be drawn (.xlsx files). */
  readonly dataBars?: readonly ReportBlock[];
  /** Filter buttons on the first row (a list to filter, such as the tickets behind the statistics). */
  readonly autoFilter?: boolean;
}

/** A rectangle of a report sheet, 0-based. */
export interface ReportBlock {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export interface ReportChart {
  /** The chart's name in the sheet (stable, so a refresh replaces it). */
  readonly name: string;
  readonly title: string;
  /**
   * stackedColumns / stackedBars: one series per column of `source` (its first row names the
   * series, its first column labels the categories). pareto: clustered columns of the counts
   * with the last series (the cumulative share) as a line on a secondary axis.
   */
  readonly kind: 'stackedColumns' | 'stackedBars' | 'pareto';
  readonly source: ReportBlock;
  /** Where the chart is placed (its top-left and bottom-right cells). */
  readonly placement: ReportBlock;
}

export interface AppliedRows {
  readonly table: string;
  /** A1 address of the appended rows, with the sheet name (Excel's `range.address` form). */
  readonly address: string;
  readonly firstRow: number;
  readonly count: number;
}

export interface ApplyResult {
  readonly appended: readonly AppliedRows[];
}

/**
 * What Excel shows the clerk after a change (the Office.js backend; files have no selection). Each is
 * done in the request that writes the last of what it shows: no request of its own.
 */
export interface ApplyOptions {
  /**
   * Activate the sheet of the first table the change set appends to and select every row appended
   * to it: the clerk sees the new record, or the rows an import brought in.
   */
  readonly selectAppended?: boolean;
  /**
   * With `selectAppended`: rows that an earlier change set of the same action appended to that
   * table (a sheet-qualified A1 address, as `AppliedRows.address`); the selection spans from them
   * to the rows appended now (an import writing one numbered record at a time).
   */
  readonly selectFrom?: string;
  /** Activate the first report sheet the change set writes and select its rows (the month's performance). */
  readonly selectReport?: boolean;
}

/** Rows read so far of the rows to read (whole-table reads of large tables take several requests). */
export type ReadProgress = (done: number, total: number) => void;

export interface ReadOptions {
  readonly onProgress?: ReadProgress;
  /**
   * The attempt this read is for (`<ticket id>.<attempt>`, domain/records.ts OperationTicket): its
   * claims carry it beside the station, so that a retry knows the unconfirmed claims of its own
   * earlier attempts for what they are — not another client's claim in flight.
   */
  readonly operation?: string;
}

export interface Ledger {
  /** The locale the workbook was made in: its headers and code labels are in this language. */
  readonly locale: Locale;
  read(request: SnapshotRequest, options?: ReadOptions): Promise<Snapshot>;
  /** Applies a change set decided on `basis` (the snapshot, whose layouts say where to write). */
  apply(changes: ChangeSet, basis: Snapshot, options?: ApplyOptions): Promise<ApplyResult>;
  /**
   * Which of these operation tags (an attempt's `AuditEntry.op`, domain/records.ts OperationTicket)
   * the audit log holds, if any: after `apply` failed without an answer, whether Excel applied that
   * attempt all the same. The tag is written in the change set's last request, so a tag found means
   * the whole change set is in. Throws when it cannot tell. Backends whose writes cannot land unseen
   * (files, written whole or not at all) do not implement it.
   */
  findOperation?(tags: readonly string[]): Promise<string | undefined>;
}
