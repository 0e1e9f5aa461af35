import type { Locale } from '../../i18n/locale';
import { isLocale, DEFAULT_LOCALE } from '../../i18n/locale';
import { KefuError } from '../../core/problems';
import type { Clock } from '../../core/clock';
import { findForm } from '../../forms';
import type { CellIn, RecordValues } from '../cells';
import { isBlankRow } from '../cells';
import { AUDIT_TABLE, CLAIM_WINDOW, COUNTERS_TABLE, META_TABLE, TEMPLATE_VERSION, claimsTableName, counterSearchText, counterState, parseCounterState, ledgerVersion } from '../layout';
import { OPERATION_MARK, addsCounterRow, counterKey, readClaim } from '../numbering';
import { chainedAuditRecords, previousChain } from '../auditChain';
import { checkLayout, columnForHeader, headerOf, recordToRow, rowFormats, rowToRecord, schemaOf, mustFindEach } from '../schema';
import { matchingRows, queueMatchingRows } from './rowLookups';
import { firstCellOf, officeCellValue, writeRows } from './rowWrites';
import { validateRows } from './columnValidation';
import { checkReportSheet, reportTempSheetName } from '../report';
import { type SheetPart, writeSheetPart } from './reportSheets';
import type { AuditEntry, ReadOptions, ApplyOptions, AppliedRows, ApplyResult, ChangeSet, Claim, Ledger, LedgerRow, Snapshot, SnapshotRequest, TableLayout } from '../types';

export { officeCellValue };

/**
 * The ledger inside Excel, through Office.js (or the in-memory host that implements the same API).
 *
 * Every read is one `context.sync()` and every apply is one more (DESIGN principle 3): the read
 * batch claims numbers, loads only the requested columns or the rows found by key, and the layout
 * of the tables about to be written; the apply batch writes each append directly below its table
 * (`getDataBodyRange().getRowsBelow(n)`, which co-authors merge without conflicts), each update into
 * its cells, confirms claims, advances counters and appends the audit entries. Writes above the
 * Excel-on-the-web request limit are split into several requests. Whole-table reads (reports) of
 * more than FIRST_CHUNK_ROWS rows continue in further requests, each response under the same limit,
 * reporting progress; rows appended by a co-author between those requests may or may not be seen.
 */

/**
 * The options of every batch the add-in runs. A user typing in a cell (cell-edit mode) makes Excel
 * fail a batch at once (InvalidOperationInCellEditMode); with `delayForCellEdit` the batch waits
 * until the edit ends and then runs (Excel.RunOptions, learn.microsoft.com/javascript/api/excel/excel.runoptions).
 * A clerk who clicks Register while still in a cell gets the registration, not an error.
 */
export const RUN_OPTIONS = { delayForCellEdit: true } as const satisfies Excel.RunOptions;

/** `Excel.run` with RUN_OPTIONS, or the in-memory host's client.run with them: made by `excelRun`. */
export type ExcelRun = (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>) & { readonly options: typeof RUN_OPTIONS };

/** What `excelRun` takes: `Excel` itself, or a host client. */
export interface RunWithOptions {
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** The add-in's run: every batch through `runner.run(RUN_OPTIONS, batch)`. */
export function excelRun(runner: RunWithOptions): ExcelRun {
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => runner.run(RUN_OPTIONS, batch);
  return Object.assign(run, { options: RUN_OPTIONS });
}

export interface OfficeLedgerOptions {
  /** Identifies this client in the claims log (a short random id plus the clerk's name). */
  readonly station: string;
  readonly clock: Clock;
  /** Split writes above this many bytes (default MAX_REQUEST_BYTES; tests lower it to split small imports). */
  readonly maxRequestBytes?: number;
}

/** Requests above this many bytes are split (Excel on the web rejects requests above 5 MB). */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** Rows of each column a whole-table read loads with the rest of its first request. */
export const FIRST_CHUNK_ROWS = 2000;

/** What a read request's response aims at: well under the 5 MB limit, for rows longer than those seen. */
export const READ_RESPONSE_BUDGET_BYTES = 2.5 * 1024 * 1024;

const UTF8 = new TextEncoder();

function isPayloadTooLarge(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/**
 * Loads the rows of a whole-table read beyond the first chunk, one request per chunk. The chunk is
 * sized from the bytes per row seen so far, to stay under READ_RESPONSE_BUDGET_BYTES; should a
 * chunk still exceed the limit (much longer rows further down), it is halved and read again.
 * Only the requested columns travel. `values` holds one array per column and is extended in place.
 */
export async function readRemainingRows(context: Excel.RequestContext, bodies: readonly Excel.Range[], values: CellIn[][], rowCount: number, onRows: (count: number) => void): Promise<void> {
  let from = values[0]?.length ?? rowCount;
  const sizeOf = (from: number, to: number) => UTF8.encode(JSON.stringify(values.map((column) => column.slice(from, to)))).length;
  let bytesPerRow = from > 0 ? sizeOf(0, from) / from : 64;
  while (from < rowCount) {
    const count = Math.max(1, Math.min(rowCount - from, Math.floor(READ_RESPONSE_BUDGET_BYTES / Math.max(1, bytesPerRow))));
    const parts = bodies.map((body) => {
      const part = body.getRow(from).getResizedRange(count - 1, 0);
      part.load('values');
      return part;
    });
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per chunk is the point: each response stays under the payload limit
      await context.sync();
    } catch (error) {
      if (!isPayloadTooLarge(error) || count === 1) throw error;
      bytesPerRow *= 2;
      continue;
    }
    parts.forEach((part, c) => {
      for (const row of part.values) values[c].push(row[0] as CellIn);
    });
    bytesPerRow = Math.max(bytesPerRow, sizeOf(from, from + count) / count);
    from += count;
    onRows(count);
  }
}

function isItemNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'ItemNotFound';
}

/** The ledger in the workbook open in Excel, with what the pane shows about it. */
export interface OfficeLedgerHandle extends Ledger {
  /** The template version its settings record (layout.ts `ledgerVersion`). */
  readonly templateVersion: number;
  /** The workbook's file name (`workbook.name`), which messages name. */
  readonly workbookName: string;
}

/**
 * Opens the ledger in the current workbook: one request to read its settings (locale, version).
 * The add-in writes only a ledger of its own template version: an older one must be upgraded
 * first (Upgrade workbook, upgrade/officeUpgrade.ts), a newer one needs a newer add-in; reading
 * either is fine.
 */
export async function openOfficeLedger(run: ExcelRun, options: OfficeLedgerOptions): Promise<OfficeLedgerHandle> {
  const opened = await run(async (context) => {
    const tables = context.workbook.tables;
    tables.load('items/name');
    context.workbook.load('name');
    await context.sync();
    const names = new Set(tables.items.map((table) => table.name.toLowerCase()));
    if (!names.has(META_TABLE)) return undefined;
    const body = tables.getItem(META_TABLE).getDataBodyRange();
    body.load('values');
    await context.sync();
    return { names, name: context.workbook.name, settings: Object.fromEntries(body.values.map((row) => [String(row[0]), row[1]])) };
  });
  if (!opened) throw new KefuError([{ kind: 'notLedger' }]);
  const locale: Locale = isLocale(opened.settings.locale) ? opened.settings.locale : DEFAULT_LOCALE;
  const version = ledgerVersion(Object.fromEntries(Object.entries(opened.settings).map(([k, v]) => [k, String(v ?? '')])));
  return new OfficeLedger(run, locale, options, opened.names, version, opened.name);
}

interface PendingClaim {
  readonly series: string;
  readonly period: string;
  readonly window: Excel.Range;
  readonly header: Excel.Range;
  readonly counter: Excel.Range;
  readonly firstOfPeriod: Excel.Range;
  readonly claimsTable: Excel.Table;
}

/** Claims rows read in one request when a claim's anchor lies above its window (about 90 bytes a row). */
const CLAIM_ROWS_PER_REQUEST = 20_000;

interface PendingLayout {
  readonly header: Excel.Range;
  readonly lastRow: Excel.Range;
  readonly usedBelow: Excel.Range;
}

/**
 * Rows below a table read with its layout, for anything a user put there: Excel writes appended
 * rows over it (and a cell in the way can stop the table from growing), so an append that would
 * reach it is refused before anything is written. Larger appends check their rows in a request
 * of their own.
 */
const BELOW_CHECK_ROWS = 64;

class OfficeLedger implements OfficeLedgerHandle {
  constructor(
    private readonly run: ExcelRun,
    readonly locale: Locale,
    private readonly options: OfficeLedgerOptions,
    /** Lower-cased names of the tables the workbook had when it was opened. */
    private readonly tableNames: ReadonlySet<string>,
    readonly templateVersion: number,
    readonly workbookName: string,
  ) {}

  /** Refuses to write a ledger of another template version (see openOfficeLedger). */
  private checkWritable(): void {
    if (this.templateVersion === TEMPLATE_VERSION) return;
    throw new KefuError([
      {
        kind: this.templateVersion > TEMPLATE_VERSION ? 'workbookTooNew' : 'workbookNeedsUpgrade',
        params: { path: this.workbookName, version: this.templateVersion, ours: TEMPLATE_VERSION },
      },
    ]);
  }

  async read(request: SnapshotRequest, options: ReadOptions = {}): Promise<Snapshot> {
    const locale = this.locale;
    // A read for a write (claiming a number writes into the numbering log) needs a ledger the add-in writes.
    if (request.claims?.length || request.writes?.length) this.checkWritable();
    try {
      return await this.run(async (context) => {
        const tables = context.workbook.tables;
        // Look-ups first: a record that is not there stops the request before anything is written.
        const reads = Object.entries(request.tables ?? {}).map(([key, query]) => {
          const table = tables.getItem(key);
          if (query.rows === 'all') {
            // The first rows come with the rest of the request; a large table's other rows follow
            // in further requests (readRemainingRows), each under the web's payload limit.
            const body = table.getDataBodyRange();
            body.load('rowIndex,rowCount');
            const bodies = query.columns.map((column) => table.columns.getItem(headerOf(key, column, locale)).getDataBodyRange());
            const columns = bodies.map((range) => {
              const first = range
                .getRow(0)
                .getResizedRange(FIRST_CHUNK_ROWS - 1, 0)
                .getIntersection(range);
              first.load('values');
              return first;
            });
            return { key, query, body, bodies, columns, found: [] as Excel.Range[], matching: [] as Excel.RangeAreas[], header: undefined };
          }
          const header = table.getHeaderRowRange();
          header.load('values');
          if (!mustFindEach(key, query.rows.where)) {
            return {
              key,
              query,
              body: undefined,
              bodies: [] as Excel.Range[],
              columns: [] as Excel.Range[],
              found: [] as Excel.Range[],
              matching: queueMatchingRows(table, query.rows.equals),
              header,
            };
          }
          const keyColumn = table.columns.getItem(headerOf(key, query.rows.where, locale)).getDataBodyRange();
          const found = query.rows.equals.map((value) => {
            const row = keyColumn.find(value, { completeMatch: true, matchCase: true }).getEntireRow().getIntersection(table.getRange());
            row.load('values,rowIndex');
            return row;
          });
          return { key, query, body: undefined, bodies: [] as Excel.Range[], columns: [] as Excel.Range[], found, matching: [] as Excel.RangeAreas[], header };
        });

        const claims: PendingClaim[] = (request.claims ?? []).map(({ series, period }) => {
          const claimsTable = tables.getItem(claimsTableName(series));
          const claimedAt = this.options.clock.now();
          const station = options.operation ? `${this.options.station}${OPERATION_MARK}${options.operation}` : this.options.station;
          claimsTable.getDataBodyRange().getRowsBelow(1).values = [[`'${period}`, `'${station}`, `'${claimedAt}`, '']];
          const window = claimsTable
            .getDataBodyRange()
            .getLastRow()
            .getOffsetRange(-(CLAIM_WINDOW - 1), 0)
            .getResizedRange(CLAIM_WINDOW - 1, 0);
          window.load('values,rowIndex');
          const header = claimsTable.getHeaderRowRange();
          header.load('rowIndex');
          const counter = tables
            .getItem(COUNTERS_TABLE)
            .columns.getItem(headerOf(COUNTERS_TABLE, 'state', locale))
            .getDataBodyRange()
            .findOrNullObject(counterSearchText(counterKey(series, period)), { completeMatch: false, matchCase: true });
          counter.load('values,rowIndex');
          // The period's first claim in the whole table (ours if none came before): an anchor when
          // the period has no counter yet and its claims lie above the window.
          const firstOfPeriod = claimsTable.columns.getItemAt(0).getDataBodyRange().findOrNullObject(period, { completeMatch: true, matchCase: true });
          firstOfPeriod.load('rowIndex');
          return { series, period, window, header, counter, firstOfPeriod, claimsTable };
        });

        const layouts = new Map<string, PendingLayout>();
        // The audit log's layout comes with every read of a ledger the add-in writes (an older log may lack columns).
        const writable = this.templateVersion === TEMPLATE_VERSION;
        const written = [...(request.writes ?? []), ...(writable ? [AUDIT_TABLE] : []), ...(request.claims?.length ? [COUNTERS_TABLE] : [])];
        for (const key of new Set(written)) {
          const table = tables.getItem(key);
          const header = table.getHeaderRowRange();
          header.load('values,rowIndex,columnIndex');
          const lastRow = table.getDataBodyRange().getLastRow();
          lastRow.load('values,rowIndex');
          const usedBelow = table.getDataBodyRange().getRowsBelow(BELOW_CHECK_ROWS).getUsedRangeOrNullObject(true);
          usedBelow.load('address,rowIndex');
          layouts.set(key, { header, lastRow, usedBelow });
        }

        const sheetProbes = (request.sheets ?? []).map((name) => {
          const sheet = context.workbook.worksheets.getItemOrNullObject(name);
          sheet.load('name,position');
          // eslint-disable-next-line office-addins/call-sync-before-read -- charts is a navigation property (a proxy), not a loaded value
          const charts = sheet.charts;
          charts.load('items/name');
          const temp = context.workbook.worksheets.getItemOrNullObject(reportTempSheetName(name));
          temp.load('name,position');
          return { name, sheet, charts, temp };
        });

        await context.sync();

        const snapshotSheets: Record<string, boolean> = {};
        const sheetCharts: Record<string, string[]> = {};
        const sheetPositions: Record<string, number> = {};
        const leftoverSheets: string[] = [];
        for (const probe of sheetProbes) {
          snapshotSheets[probe.name] = !probe.sheet.isNullObject;
          if (!probe.sheet.isNullObject) {
            sheetCharts[probe.name] = probe.charts.items.map((chart) => chart.name);
            sheetPositions[probe.name] = probe.sheet.position;
          }
          if (!probe.temp.isNullObject) {
            leftoverSheets.push(probe.name);
            // A run cut short after deleting the old sheet left the new one in its place.
            sheetPositions[probe.name] ??= probe.temp.position;
          }
        }

        const wholeTables = reads.filter((read) => read.body);
        const total = wholeTables.reduce((sum, read) => sum + read.body!.rowCount, 0);
        let done = 0;
        const columnValues = new Map<string, CellIn[][]>();
        for (const read of wholeTables) {
          const values = read.columns.map((range) => range.values.map((row) => row[0] as CellIn));
          done += values[0]?.length ?? read.body!.rowCount;
          options.onProgress?.(done, total);
          await readRemainingRows(context, read.bodies, values, read.body!.rowCount, (n) => {
            done += n;
            options.onProgress?.(done, total);
          });
          columnValues.set(read.key, values);
        }

        const snapshotTables: Record<string, LedgerRow[]> = {};
        for (const read of reads) {
          const rows: LedgerRow[] = [];
          if (read.body) {
            const values = columnValues.get(read.key)!;
            const count = read.body.rowCount;
            for (let i = 0; i < count; i++) {
              const cells = values.map((column) => column[i] ?? null);
              if (isBlankRow(cells)) continue;
              rows.push({
                ref: { table: read.key, row: read.body.rowIndex + i },
                values: rowToRecord(read.key, read.query.columns, cells, locale, read.query.columns),
              });
            }
          } else if (read.matching.length > 0) {
            rows.push(...matchingRows(read.key, read.query, read.header.values[0], read.matching, locale));
          } else {
            for (const range of read.found) {
              rows.push({
                ref: { table: read.key, row: range.rowIndex },
                values: rowToRecord(read.key, read.header.values[0], range.values[0], locale, read.query.columns),
              });
            }
          }
          snapshotTables[read.key] = rows;
        }

        const snapshotLayouts: Record<string, TableLayout> = {};
        for (const [key, pending] of layouts) {
          const layout: TableLayout = {
            headers: pending.header.values[0].map((h) => String(h)),
            headerRow: pending.header.rowIndex,
            firstColumn: pending.header.columnIndex,
            lastRow: pending.lastRow.rowIndex,
            lastRowBlank: isBlankRow(pending.lastRow.values[0]),
            lastValues: pending.lastRow.values[0] as CellIn[],
            usedBelow: pending.usedBelow.isNullObject ? null : firstCellOf(pending.usedBelow),
          };
          checkLayout(key, layout, locale);
          snapshotLayouts[key] = layout;
        }

        // Each claim's number from its window; a claim whose nearest anchor lies above the window
        // reads the claims rows in between first (a further request, only then: docs/numbering.md).
        const snapshotClaims: Claim[] = [];
        for (const pending of claims) {
          const counter = pending.counter.isNullObject ? undefined : parseCounterState(pending.counter.values[0][0]);
          const claimsHeaderRow = pending.header.rowIndex;
          const resolved = await readClaim(
            {
              values: pending.window.values,
              windowFirstRow: pending.window.rowIndex,
              claimsHeaderRow,
              period: pending.period,
              counter: counter ? { seq: counter.seq, row: counter.row } : undefined,
              firstOfPeriodRow: pending.firstOfPeriod.isNullObject ? undefined : pending.firstOfPeriod.rowIndex,
              ownOperation: options.operation?.replace(/\.\d+$/, ''),
            },
            {
              async rowsAbove(from, to) {
                const above: unknown[][] = [];
                for (let first = from; first <= to; first += CLAIM_ROWS_PER_REQUEST) {
                  const last = Math.min(to, first + CLAIM_ROWS_PER_REQUEST - 1);
                  const part = pending.claimsTable
                    .getHeaderRowRange()
                    .getOffsetRange(first - claimsHeaderRow, 0)
                    .getResizedRange(last - first, 0);
                  part.load('values');
                  // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a rare third request, in parts so that each response stays under the payload limit
                  await context.sync();
                  above.push(...part.values);
                }
                return above;
              },
            },
          );
          snapshotClaims.push({
            series: pending.series,
            period: pending.period,
            seq: resolved.seq,
            claimRow: resolved.claimRow,
            claimsHeaderRow,
            counter: counter ? { row: pending.counter.rowIndex, seq: counter.seq } : null,
            othersInFlight: resolved.othersInFlight,
          });
        }

        return { locale, tables: snapshotTables, claims: snapshotClaims, layouts: snapshotLayouts, sheets: snapshotSheets, sheetCharts, sheetPositions, leftoverSheets };
      });
    } catch (error) {
      throw this.explain(error, request);
    }
  }

  async apply(changes: ChangeSet, basis: Snapshot, options: ApplyOptions = {}): Promise<ApplyResult> {
    this.checkWritable();
    const locale = this.locale;
    for (const report of changes.sheets ?? []) checkReportSheet(report);
    const batches = this.planBatches(changes, basis);
    this.checkFirstColumns(batches, basis);
    await this.checkRowsBelow(batches, basis);
    const appended: AppliedRows[] = [];
    // What to show when done (ApplyOptions), in the last request that writes to it.
    const writes = (b: Batch, table?: string) => b.appends.filter((a) => a.records.length > 0 && (table === undefined || a.table === table));
    const shownTable = options.selectAppended ? batches.map((b) => writes(b)[0]?.table).find((t) => t !== undefined) : undefined;
    const shownTableLast = shownTable === undefined ? -1 : batches.map((b) => writes(b, shownTable).length > 0).lastIndexOf(true);
    const shownReport = options.selectReport ? changes.sheets?.[0]?.name : undefined;
    let shownFrom = options.selectFrom;
    // The audit rows of every request, chained in the order they are written (auditChain.ts).
    const auditLayout = basis.layouts[AUDIT_TABLE];
    const auditEntries = batches.flatMap((b) => b.audit);
    const chained = auditEntries.length > 0 ? chainedAuditRecords(previousChain(auditLayout, locale), auditEntries) : [];
    let auditWritten = 0;
    for (const [index, batch] of batches.entries()) {
      const result = await this.run(async (context) => {
        const tables = context.workbook.tables;
        const addresses: { table: string; range: Excel.Range; count: number }[] = [];

        for (const append of batch.appends) {
          const layout = basis.layouts[append.table];
          if (!layout) throw new Error(`apply: no layout read for ${append.table}; name it in the request's writes`);
          const table = tables.getItem(append.table);
          const rows = append.records.map((record) => recordToRow(append.table, layout, record, locale));
          const formats = rowFormats(append.table, layout, locale);
          // A fresh table has one blank body row. The first record fills it — where it was when
          // read, since co-authors may have appended below since — unless another client's
          // unconfirmed claim means that client may be filling it now; the rest go below.
          const intoBlank = append.fillBlank ? rows.slice(0, 1) : [];
          const below = rows.slice(intoBlank.length);
          if (intoBlank.length > 0) {
            const blank = table.getRange().getRow(layout.lastRow - layout.headerRow);
            writeRows(blank, intoBlank, formats);
            blank.load('address,rowIndex');
            addresses.push({ table: append.table, range: blank, count: 1 });
          }
          if (below.length > 0) {
            const target = table.getDataBodyRange().getRowsBelow(below.length);
            writeRows(target, below, formats);
            validateRows(target, append.table, layout.headers, below.length, locale);
            target.load('address,rowIndex');
            addresses.push({ table: append.table, range: target, count: below.length });
          }
        }

        for (const update of batch.updates) {
          const layout = basis.layouts[update.ref.table];
          if (!layout) throw new Error(`apply: no layout read for ${update.ref.table}; name it in the request's writes`);
          const table = tables.getItem(update.ref.table);
          const row = recordToRow(update.ref.table, layout, update.values, locale).map((cell, i) => {
            const key = columnForHeader(update.ref.table, layout.headers[i], locale)?.key;
            return key !== undefined && key in update.values ? cell : undefined;
          });
          writeRows(table.getRange().getRow(update.ref.row - layout.headerRow), [row], rowFormats(update.ref.table, layout, locale));
        }

        for (const claim of batch.confirm) {
          const key = counterKey(claim.series, claim.period);
          const claimsTable = tables.getItem(claimsTableName(claim.series));
          claimsTable.getRange().getCell(claim.claimRow - claim.claimsHeaderRow, 3).values = [[claim.seq]];
          // Counters only move forward from what this client read; a lagging one still tells a true
          // number (numbering.ts). The period's first claim alone adds its row.
          if (claim.counter ? claim.counter.seq >= claim.seq : !addsCounterRow(claim)) continue;
          const counterRow = [[`'${key}`, claim.seq, claim.claimRow, `'${counterState(key, claim.seq, claim.claimRow)}`]];
          const counters = tables.getItem(COUNTERS_TABLE);
          if (claim.counter) {
            const headerRow = basis.layouts[COUNTERS_TABLE]?.headerRow ?? 0;
            counters.getHeaderRowRange().getOffsetRange(claim.counter.row - headerRow, 0).values = counterRow;
          } else {
            counters.getDataBodyRange().getRowsBelow(1).values = counterRow;
          }
        }

        if (batch.audit.length > 0) {
          const rows = chained.slice(auditWritten, auditWritten + batch.audit.length).map((record) => recordToRow(AUDIT_TABLE, auditLayout, record, locale));
          writeRows(tables.getItem(AUDIT_TABLE).getDataBodyRange().getRowsBelow(rows.length), rows, rowFormats(AUDIT_TABLE, auditLayout, locale));
        }

        if (index === shownTableLast) {
          const written = addresses.filter((a) => a.table === shownTable).map((a) => a.range);
          const rows = [...written.slice(1), ...(shownFrom ? [shownFrom] : [])].reduce((span: Excel.Range, other) => span.getBoundingRect(other), written[0]);
          rows.worksheet.activate();
          rows.select();
        }
        for (const part of batch.sheets) writeSheetPart(context, part, part.report.name === shownReport);

        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one Excel.run per batch: planBatches keeps each request under the payload limit
        await context.sync();
        return addresses.map(({ table, range, count }) => ({ table, address: range.address, firstRow: range.rowIndex, count }));
      });
      shownFrom ??= result.find((rows) => rows.table === shownTable)?.address;
      appended.push(...result);
      auditWritten += batch.audit.length;
    }
    return { appended };
  }

  /**
   * Splits a change set into requests below the request limit. A single-record action is always one
   * request; only bulk appends (imports, demo data) are split, by rows, each row with its audit
   * entry (ChangeSet `rowAudit`: the entries before the rows' go with the first of them), and the
   * updates, confirmations and the remaining audit entries (an import's completion marker) in a
   * last request of their own.
   */
  private planBatches(changes: ChangeSet, basis: Snapshot): Batch[] {
    const limit = this.options.maxRequestBytes ?? MAX_REQUEST_BYTES;
    const appends: PlannedAppend[] = Object.entries(changes.appends ?? {}).map(([table, records]) => {
      const numbering = findForm(table)?.numbering;
      // A table without a series of its own (the repair-ledger line of a new repair order) goes by the
      // claim it is written with. A fresh table's blank row is filled only by a record whose claim
      // proves no other client is filling it now (no other claim of the series in flight): an
      // append without a claim (an import, a worker, a gear item) cannot know, so it writes below.
      const claim = numbering?.kind === 'sequence' ? changes.confirm?.find((c) => c.series === numbering.series) : (changes.confirm?.find((c) => c.othersInFlight) ?? changes.confirm?.[0]);
      const fillBlank = !!basis.layouts[table]?.lastRowBlank && claim !== undefined && !claim.othersInFlight;
      return { table, records, fillBlank };
    });
    const audit = changes.audit ?? [];
    const perRow = changes.rowAudit;
    const rowCount = perRow ? (changes.appends?.[perRow.table]?.length ?? 0) : 0;
    if (perRow && (perRow.from < 0 || perRow.from + rowCount > audit.length)) throw new Error(`apply: rowAudit needs an audit entry for each of the ${rowCount} rows of ${perRow.table}`);
    const head = perRow ? audit.slice(0, perRow.from) : [];
    const rowEntries = perRow ? audit.slice(perRow.from, perRow.from + rowCount) : [];
    const tail = perRow ? audit.slice(perRow.from + rowCount) : audit;
    const reports = changes.sheets ?? [];
    const sheetParts: SheetPart[] = reports.map((report) => {
      const exists = basis.sheets?.[report.name];
      if (exists === undefined) throw new Error(`apply: sheet "${report.name}" was not probed; name it in the request's sheets`);
      return { report, from: 0, to: report.rows.length, first: true, exists, position: basis.sheetPositions?.[report.name], leftover: basis.leftoverSheets?.includes(report.name) ?? false };
    });
    const whole: Batch = { appends, updates: changes.updates ?? [], confirm: changes.confirm ?? [], audit, sheets: sheetParts };
    // The number formats written with each row (writeRows): at most one format row per record.
    const formatBytes = (table: string) => {
      const layout = basis.layouts[table];
      return layout ? JSON.stringify(rowFormats(table, layout, this.locale)).length : 0;
    };
    // An audit row beyond its entry's JSON: its chain, its formats and the cells' framing.
    const auditRowBytes = formatBytes(AUDIT_TABLE) + 64;
    const auditBytes = (entries: readonly AuditEntry[]) => JSON.stringify(entries).length * 3 + entries.length * auditRowBytes;
    const size =
      JSON.stringify(whole).length * 3 + // an upper bound of the UTF-8 size of CJK text
      appends.reduce((sum, append) => sum + append.records.length * formatBytes(append.table), 0) +
      whole.updates.reduce((sum, update) => sum + formatBytes(update.ref.table), 0) +
      audit.length * auditRowBytes;
    if (size <= limit) return [whole];
    const batches: Batch[] = [];
    for (const part of sheetParts) {
      // Report rows in requests below the limit, into the hidden sheet the last one swaps in.
      const rows = part.report.rows;
      const perReportRow = Math.ceil((JSON.stringify(rows).length * 3) / Math.max(1, rows.length)) + 64;
      const rowsPerBatch = Math.max(1, Math.floor(limit / perReportRow));
      for (let from = 0; from < Math.max(1, rows.length); from += rowsPerBatch) {
        const to = Math.min(rows.length, from + rowsPerBatch);
        batches.push({ appends: [], updates: [], confirm: [], audit: [], sheets: [{ ...part, from, to, first: from === 0 }] });
      }
    }
    for (const append of appends) {
      const entries = perRow?.table === append.table ? rowEntries : [];
      const first = entries.length > 0 ? head : [];
      const room = Math.max(1, limit - auditBytes(first));
      const bytesPerRow =
        Math.ceil((JSON.stringify(append.records).length * 3) / Math.max(1, append.records.length)) +
        formatBytes(append.table) +
        (entries.length > 0 ? Math.ceil(auditBytes(entries) / entries.length) : 0);
      const rowsPerBatch = Math.max(1, Math.floor(room / Math.max(1, bytesPerRow)));
      for (let i = 0; i < append.records.length; i += rowsPerBatch) {
        const records = append.records.slice(i, i + rowsPerBatch);
        const withRows = entries.slice(i, i + rowsPerBatch);
        batches.push({
          appends: [{ table: append.table, records, fillBlank: append.fillBlank && i === 0 }],
          updates: [],
          confirm: [],
          audit: i === 0 ? [...first, ...withRows] : withRows,
          sheets: [],
        });
      }
    }
    // The rest of the audit: in requests below the limit, the last with the updates and confirmations.
    const last: AuditEntry[][] = [[]];
    for (const entry of tail) {
      const current = last[last.length - 1];
      if (current.length > 0 && auditBytes([...current, entry]) > limit / 2) last.push([entry]);
      else current.push(entry);
    }
    last.forEach((entries, i) => batches.push({ appends: [], updates: i === last.length - 1 ? whole.updates : [], confirm: i === last.length - 1 ? whole.confirm : [], audit: entries, sheets: [] }));
    // An operation's tag (AuditEntry.op) stands only in its last request, so that finding it proves
    // the whole change set written (Ledger.findOperation); the requests before carry `<tag>~<n>`.
    return batches.map((batch, n) => (n === batches.length - 1 ? batch : { ...batch, audit: batch.audit.map((entry) => (entry.op ? { ...entry, op: `${entry.op}~${n + 1}` } : entry)) }));
  }

  /** See Ledger.findOperation: each tag looked for in the audit log's `op` column, in one request. */
  async findOperation(tags: readonly string[]): Promise<string | undefined> {
    if (tags.length === 0) return undefined;
    return this.run(async (context) => {
      const column = context.workbook.tables
        .getItem(AUDIT_TABLE)
        .columns.getItem(headerOf(AUDIT_TABLE, 'op', this.locale))
        .getDataBodyRange();
      const found = tags.map((tag) => {
        const cell = column.findOrNullObject(tag, { completeMatch: true, matchCase: true });
        cell.load('rowIndex');
        return { tag, cell };
      });
      await context.sync();
      return found.find(({ cell }) => !cell.isNullObject)?.tag;
    });
  }

  /**
   * Refuses, before anything is written, rows to go below a table whose first column is not one of
   * ours (a user inserted a column at its left): their first cell would be blank, and Excel does not
   * take such a row into the table (office-js issue #2097), so the next append would write over it.
   * A blank first cell in one of our columns is a programming error: every key column is required.
   */
  private checkFirstColumns(batches: readonly Batch[], basis: Snapshot): void {
    const below = new Set<string>();
    for (const batch of batches) {
      for (const append of batch.appends) if (append.records.length > (append.fillBlank ? 1 : 0)) below.add(append.table);
      if (batch.audit.length > 0) below.add(AUDIT_TABLE);
    }
    for (const table of below) {
      const layout = basis.layouts[table];
      if (!layout || layout.headers.length === 0) continue;
      const first = columnForHeader(table, layout.headers[0], this.locale);
      if (!first) {
        throw new KefuError([{ kind: 'firstColumnNotLedgers', form: findForm(table)?.key, params: { table, sheet: schemaOf(table).sheet[this.locale], header: String(layout.headers[0]) } }]);
      }
      for (const batch of batches) {
        for (const append of batch.appends.filter((a) => a.table === table)) {
          const blank = append.records.find((record) => {
            const cell = recordToRow(table, layout, record, this.locale)[0] ?? null;
            return cell === null || (typeof cell === 'object' && cell.text === '');
          });
          if (blank) throw new Error(`apply: a row for ${table} without its first column (${first.key}): it would not join the table`);
        }
      }
    }
  }

  /**
   * Refuses, before anything is written, appends that would land on a cell a user filled below a
   * table: from what the read saw (BELOW_CHECK_ROWS), or, for a larger append, from one more
   * request that looks at every row it needs.
   */
  private async checkRowsBelow(batches: readonly Batch[], basis: Snapshot): Promise<void> {
    const needed = new Map<string, number>();
    for (const batch of batches) {
      for (const append of batch.appends) needed.set(append.table, (needed.get(append.table) ?? 0) + append.records.length - (append.fillBlank ? 1 : 0));
      // The audit rows go below the audit log all the same.
      if (batch.audit.length > 0) needed.set(AUDIT_TABLE, (needed.get(AUDIT_TABLE) ?? 0) + batch.audit.length);
    }
    const inTheWay = (table: string, used: { sheet: string; cell: string }) => new KefuError([{ kind: 'cellInTheWay', params: { sheet: used.sheet, cell: used.cell, table } }]);
    const larger: [string, number][] = [];
    for (const [table, rows] of needed) {
      if (rows <= 0) continue;
      const layout = basis.layouts[table];
      if (layout?.usedBelow === undefined || rows > BELOW_CHECK_ROWS) larger.push([table, rows]);
      else if (layout.usedBelow && layout.usedBelow.row <= layout.lastRow + rows) throw inTheWay(table, layout.usedBelow);
    }
    if (larger.length === 0) return;
    const found = await this.run(async (context) => {
      const used = larger.map(([table, rows]) => {
        const range = context.workbook.tables.getItem(table).getDataBodyRange().getRowsBelow(rows).getUsedRangeOrNullObject(true);
        range.load('address,rowIndex');
        return { table, range };
      });
      await context.sync();
      return used.filter((u) => !u.range.isNullObject).map((u) => ({ table: u.table, ...firstCellOf(u.range) }));
    });
    if (found.length > 0) throw inTheWay(found[0].table, found[0]);
  }

  /** Turns Excel's "ItemNotFound" into a message that names the missing record or table. */
  private explain(error: unknown, request: SnapshotRequest): unknown {
    if (!isItemNotFound(error)) return error;
    const lookups = Object.entries(request.tables ?? {}).filter(([table, q]) => q.rows !== 'all' && mustFindEach(table, q.rows.where));
    const missing = [...Object.keys(request.tables ?? {}), ...(request.writes ?? [])].filter((t) => !this.tableNames.has(t.toLowerCase()));
    if (lookups.length > 0 && missing.length === 0) {
      return new KefuError(
        lookups.map(([table, q]) => ({
          kind: 'recordNotFound' as const,
          form: findForm(table)?.key,
          params: { value: (q.rows as { equals: readonly string[] }).equals.join(', ') },
        })),
      );
    }
    if (missing.length === 0) return error;
    return new KefuError(
      missing.map((table) => ({
        kind: 'missingTable' as const,
        form: findForm(table)?.key,
        params: { table, sheet: schemaOf(table).sheet[this.locale] },
      })),
    );
  }
}

interface PlannedAppend {
  readonly table: string;
  readonly records: readonly RecordValues[];
  readonly fillBlank: boolean;
}

interface Batch {
  readonly appends: readonly PlannedAppend[];
  readonly updates: NonNullable<ChangeSet['updates']>;
  readonly confirm: readonly Claim[];
  readonly audit: NonNullable<ChangeSet['audit']>;
  readonly sheets: readonly SheetPart[];
}
