import type { Clock } from '../../core/clock';
import { KefuError } from '../../core/problems';
import { findForm } from '../../forms';
import type { CellKind } from '../../forms/columns';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n/locale';
import { isBlankRow, type CellIn, type CellOut, type RecordValues } from '../cells';
import { AUDIT_TABLE, CLAIM_WINDOW, COUNTERS_TABLE, META_TABLE, claimsTableName, counterState } from '../layout';
import { addsCounterRow, counterKey, readClaim } from '../numbering';
import { chainedAuditRecords, previousChain } from '../auditChain';
import { checkLayout, columnForHeader, recordToRow } from '../schema';
import { checkReportSheet } from '../report';
import type { AppliedRows, ApplyResult, ChangeSet, Claim, Ledger, LedgerRow, ReportSheet, Snapshot, SnapshotRequest, TableLayout } from '../types';
import { OpenPackage } from './openPackage';
import { RowEdits, cellsOf, type RowSource, type TableState } from './packageState';
import { writePackage } from './packageWriter';
import { allRows, findCounter, rowsWhere } from './rowQueries';
import { formatArea, quoteSheet } from './sheetXml';
import { TemplateImports } from './templateImports';
import { MemorySink, ZipFile, bufferSource, type ZipSink } from './zip';

/**
 * The ledger in an .xlsx file, edited part by part (the command line's backend for existing
 * ledgers). Reading streams only the parts and rows a request needs; applying a change set keeps
 * it as edits of cells; `write` then produces the new file: every zip entry the change does not
 * touch is copied with its compressed bytes as they were, the worksheets written to are streamed
 * through with the edited rows replaced and new rows inserted (in segments, see zip.ts, so that a
 * later write deflates again only the segments it changes), and the table parts, the style sheet,
 * the workbook (print areas, calculation) and the calculation chain only when they must change.
 * Whatever this code does not understand — charts, pivot tables, comments, add-in settings,
 * custom XML, protection, defined names, extensions — is never parsed, so it is kept.
 *
 * It follows the same layout, numbering and blank-row rules as the other backends
 * (test/conformance.test.ts runs the same suite on all three). exceljs remains the tool for
 * writing new workbooks (templates, reports, bound volumes).
 */

export interface PackageLedgerOptions {
  readonly station: string;
  readonly clock: Clock;
}

/**
 * The class is the ledger's interface over an open package (openPackage.ts): reading
 * (partReader.ts, rowQueries.ts) and applying change sets here; the upgrade's imports from a
 * template in templateImports.ts; the new file written by packageWriter.ts and sheetEditor.ts.
 */
export class PackageLedger implements Ledger {
  /** Report sheets to write, by upper-cased name (Excel compares sheet names so). */
  private readonly reports = new Map<string, ReportSheet>();
  /** Sheets, tables, columns and names copied from a template (the upgrade). */
  private readonly imports: TemplateImports;

  private constructor(
    private readonly pkg: OpenPackage,
    private readonly options: PackageLedgerOptions,
    /** The locale the workbook was made in (its settings). */
    readonly locale: Locale,
  ) {
    this.imports = new TemplateImports(pkg, locale);
  }

  /** The package's zip file, as read. */
  get zip(): ZipFile {
    return this.pkg.zip;
  }

  static async fromBuffer(bytes: Uint8Array, options: PackageLedgerOptions): Promise<PackageLedger> {
    return PackageLedger.open(await ZipFile.open(bufferSource(bytes)), options);
  }

  /** Opens a package: its workbook, sheets and tables (each table's part is small), and the settings. */
  static async open(zip: ZipFile, options: PackageLedgerOptions): Promise<PackageLedger> {
    const pkg = await OpenPackage.open(zip);
    const meta = pkg.tables.get(META_TABLE);
    if (!meta) throw new KefuError([{ kind: 'notLedger' }]);
    const settings = Object.fromEntries((await pkg.reader.fileRows(meta, meta.fileArea.top + 1, meta.fileArea.bottom)).map((r) => [String(r.cells[0] ?? ''), r.cells[1]]));
    return new PackageLedger(pkg, options, isLocale(settings.locale) ? settings.locale : DEFAULT_LOCALE);
  }

  /** The settings in kefu_meta (template version, locale, site, created). */
  async settings(): Promise<Record<string, string>> {
    const meta = this.locate(META_TABLE);
    const rows = await this.pkg.reader.currentRows(meta, meta.fileArea.top + 1, meta.bottom);
    return Object.fromEntries(rows.map((r) => [String(r.cells[0] ?? ''), String(r.cells[1] ?? '')]));
  }

  /** Whether any change is waiting to be written. */
  get hasChanges(): boolean {
    return this.reports.size > 0 || [...this.pkg.sheets.values()].some((s) => s.edits.size > 0);
  }

  private locate(name: string): TableState {
    return this.pkg.locate(name, this.locale);
  }

  hasTable(name: string): boolean {
    return this.pkg.tables.has(name.toLowerCase());
  }

  private async layoutOf(key: string): Promise<TableLayout> {
    const table = this.locate(key);
    const headers = await this.pkg.reader.headersOf(table);
    const [last] = table.bottom > table.fileArea.top ? await this.pkg.reader.currentRows(table, table.bottom, table.bottom) : [];
    const layout: TableLayout = {
      headers,
      headerRow: table.fileArea.top - 1,
      firstColumn: table.fileArea.left - 1,
      lastRow: table.bottom - 1,
      lastRowBlank: table.bottom > table.fileArea.top && isBlankRow(last?.cells ?? []),
      lastValues: last?.cells,
    };
    checkLayout(key, layout, this.locale);
    return layout;
  }

  // ——————————————————————————————————————————————————————————————— Ledger: read

  async read(request: SnapshotRequest): Promise<Snapshot> {
    const locale = this.locale;
    const tables: Record<string, LedgerRow[]> = {};
    for (const [key, query] of Object.entries(request.tables ?? {})) {
      const table = this.locate(key);
      const headers = await this.pkg.reader.headersOf(table);
      checkLayout(key, { headers, headerRow: table.fileArea.top - 1, firstColumn: table.fileArea.left - 1, lastRow: table.bottom - 1, lastRowBlank: false }, locale);
      tables[key] =
        query.rows === 'all'
          ? await allRows(this.pkg.reader, locale, key, table, headers, query.columns)
          : await rowsWhere(this.pkg.reader, locale, key, table, headers, query.columns, query.rows.where, query.rows.equals);
    }

    const claims: Claim[] = [];
    for (const { series, period } of request.claims ?? []) {
      const claimsTable = this.locate(claimsTableName(series));
      await this.prepareStyles(claimsTable);
      const row = this.appendCells(claimsTable, [[{ text: period }, { text: this.options.station }, { text: this.options.clock.now() }, null]], false, [undefined, undefined, undefined, 'int']);
      const windowFirst = row - CLAIM_WINDOW + 1;
      const from = Math.max(windowFirst, claimsTable.fileArea.top + 1);
      const values: CellIn[][] = [];
      for (let r = windowFirst; r < from; r++) values.push([]);
      for (const r of await this.pkg.reader.currentRows(claimsTable, from, row)) values.push(r.cells);
      const counter = await findCounter(this.pkg, locale, counterKey(series, period));
      const resolved = await readClaim(
        { values, windowFirstRow: windowFirst - 1, claimsHeaderRow: claimsTable.fileArea.top - 1, period, counter: counter ? { seq: counter.seq, row: counter.claimRow } : undefined },
        {
          rowsAbove: async (from, to) => (await this.pkg.reader.currentRows(claimsTable, from + 1, to + 1)).map((r) => r.cells),
          // No anchor in reach: where the period's first claim is (as the add-in finds it), before reading any rows.
          firstOfPeriodRow: async () => (await this.firstClaimOf(claimsTable, period, row)) - 1,
        },
      );
      claims.push({
        series,
        period,
        seq: resolved.seq,
        claimRow: resolved.claimRow,
        claimsHeaderRow: claimsTable.fileArea.top - 1,
        counter: counter ? { row: counter.row, seq: counter.seq } : null,
        othersInFlight: resolved.othersInFlight,
      });
    }

    const layouts: Record<string, TableLayout> = {};
    const written = [...(request.writes ?? []), AUDIT_TABLE, ...(claims.length ? [COUNTERS_TABLE] : [])];
    // A read that writes nothing (a report, a check) also reads a ledger of an older template, whose
    // audit log may lack a later column: its layout is then left out (writing needs an upgrade first).
    const readOnly = (request.writes?.length ?? 0) === 0 && claims.length === 0;
    for (const key of new Set(written)) {
      try {
        layouts[key] = await this.layoutOf(key);
      } catch (error) {
        if (!(readOnly && key === AUDIT_TABLE && error instanceof KefuError)) throw error;
      }
    }
    const sheets: Record<string, boolean> = {};
    for (const name of request.sheets ?? []) sheets[name] = this.pkg.sheets.has(name.toUpperCase()) || this.reports.has(name.toUpperCase());
    return { locale, tables, claims, layouts, sheets };
  }

  // ——————————————————————————————————————————————————————————————— Ledger: apply

  /** The style of each column's cell in row `row` of a table as it is now (file or this session's). */
  private async stylesAt(table: TableState, row: number): Promise<(string | undefined)[]> {
    const width = table.fileArea.right - table.fileArea.left + 1;
    const edits = table.sheet.edits.get(row);
    const file = row <= table.fileArea.bottom ? (await this.pkg.reader.fileTail(table)).find((r) => r.row === row) : undefined;
    return Array.from({ length: width }, (_, i) => edits?.get(table.fileArea.left + i)?.styleAbove ?? file?.styles[i]);
  }

  /**
   * Writes rows below a table (or into its blank last row) and grows it over them. Returns the
   * 1-based row of the last row written. Cells of user columns are left alone, but for a
   * calculated column (a formula Excel fills into new rows), which gets its formula; new cells take
   * the style of the cell above.
   */
  private appendCells(table: TableState, rows: readonly RowSource[], fillBlank: boolean, kinds: readonly (CellKind | undefined)[], ours?: readonly boolean[]): number {
    if (table.part.totalsRowCount > 0) {
      throw new KefuError([{ kind: 'tableHasTotals', params: { table: table.name, sheet: table.sheet.name } }]);
    }
    const first = fillBlank ? table.bottom : table.bottom + 1;
    const above = this.stylesAbove.get(table) ?? [];
    const { left, top } = table.fileArea;
    const calculated = table.part.columns.some((c) => c.calculatedFormula !== undefined);
    rows.forEach((source, i) => {
      const row = first + i;
      if (row > table.fileArea.bottom) {
        // A new row: kept whole, as it came. A calculated column of the user's gets its formula.
        const mine = (j: number) => (ours ? !ours[j] : cellsOf(source)[j] === undefined);
        const formulas = calculated ? table.part.columns.map((c, j) => (mine(j) && c.calculatedFormula ? shiftFormula(c.calculatedFormula, row - (top + 1)) : undefined)) : undefined;
        let edits = table.sheet.edits.get(row);
        if (!edits) table.sheet.edits.set(row, (edits = new RowEdits()));
        if (edits.appended && edits.appended.table !== table.name) {
          // Tables side by side (the claims tables) appending on the same sheet row: a row holds one
          // appended source, so this table's cells go in one by one beside it, never over it.
          const values = cellsOf(source);
          for (let j = 0; j < kinds.length; j++) {
            const formula = formulas?.[j];
            if (formula !== undefined) edits.set(left + j, { write: { formula }, styleAbove: above[j], newRow: true, table: table.name });
            else if (values[j] !== undefined) edits.set(left + j, { write: { value: values[j] as CellOut }, kind: kinds[j], styleAbove: above[j], newRow: true, table: table.name });
          }
          return;
        }
        edits.appended = { table: table.name, left, source, width: kinds.length, kinds, styles: above, formulas };
        return;
      }
      // The blank last row of the table, in the file: its cells are written over.
      this.pkg.touchesFileCells = true;
      cellsOf(source).forEach((cell, j) => {
        if (cell !== undefined) this.pkg.setCell(table.sheet, row, left + j, { write: { value: cell }, kind: kinds[j], styleAbove: above[j], newRow: false, table: table.name });
      });
    });
    table.bottom = Math.max(table.bottom, first + rows.length - 1);
    return first + rows.length - 1;
  }

  /** Styles of each table's current last row, read before a change set appends (see `prepareStyles`). */
  private readonly stylesAbove = new Map<TableState, (string | undefined)[]>();

  private async prepareStyles(table: TableState): Promise<void> {
    this.stylesAbove.set(table, table.bottom > table.fileArea.top ? await this.stylesAt(table, table.bottom) : []);
  }

  private kindsOf(key: string, headers: readonly string[]): (CellKind | undefined)[] {
    return headers.map((h) => columnForHeader(key, h, this.locale)?.kind);
  }

  /**
   * The 1-based sheet row of the first claim of `period` in a claims table, up to `ours` (our own
   * claim, the answer when none came before): the file's rows in parts (memory stays flat on a
   * long table), then the rows this session appended.
   */
  private async firstClaimOf(claimsTable: TableState, period: string, ours: number): Promise<number> {
    const PART = 20_000;
    const fileLast = Math.min(ours - 1, claimsTable.fileArea.bottom);
    for (let from = claimsTable.fileArea.top + 1; from <= fileLast; from += PART) {
      const rows = await this.pkg.reader.currentRows(claimsTable, from, Math.min(fileLast, from + PART - 1));
      const found = rows.find((r) => r.cells[0] !== null && String(r.cells[0]) === period);
      if (found) return found.row;
    }
    if (fileLast + 1 <= ours - 1) {
      const appended = await this.pkg.reader.currentRows(claimsTable, fileLast + 1, ours - 1);
      const found = appended.find((r) => r.cells[0] !== null && String(r.cells[0]) === period);
      if (found) return found.row;
    }
    return ours;
  }

  async apply(changes: ChangeSet, basis: Snapshot): Promise<ApplyResult> {
    const locale = this.locale;
    const appended: AppliedRows[] = [];
    for (const report of changes.sheets ?? []) checkReportSheet(report);
    for (const report of changes.sheets ?? []) this.reports.set(report.name.toUpperCase(), report);
    for (const [key, records] of Object.entries(changes.appends ?? {})) {
      const layout = basis.layouts[key];
      if (!layout) throw new Error(`apply: no layout read for ${key}; name it in the request's writes`);
      const table = this.locate(key);
      const numbering = findForm(key)?.numbering;
      const claim = numbering?.kind === 'sequence' ? changes.confirm?.find((c) => c.series === numbering.series) : (changes.confirm?.find((c) => c.othersInFlight) ?? changes.confirm?.[0]);
      const [last] = table.bottom > table.fileArea.top ? await this.pkg.reader.currentRows(table, table.bottom, table.bottom) : [];
      const fillBlank = layout.lastRowBlank && !(claim?.othersInFlight ?? false) && table.bottom > table.fileArea.top && isBlankRow(last?.cells ?? []);
      await this.prepareStyles(table);
      const layOut = (record: RecordValues) => recordToRow(key, layout, record, locale);
      const rows = records.map((record) => ({ record, layOut }));
      const ours = layout.headers.map((h) => columnForHeader(key, h, locale) !== undefined);
      const lastRow = this.appendCells(table, rows, fillBlank, this.kindsOf(key, layout.headers), ours);
      const firstRow = lastRow - rows.length + 1;
      appended.push({
        table: key,
        address: `${quoteSheet(table.sheet.name)}!${formatArea({ top: firstRow, left: table.fileArea.left, bottom: lastRow, right: table.fileArea.right })}`,
        firstRow: firstRow - 1,
        count: rows.length,
      });
    }
    for (const update of changes.updates ?? []) {
      const layout = basis.layouts[update.ref.table];
      if (!layout) throw new Error(`apply: no layout read for ${update.ref.table}; name it in the request's writes`);
      const table = this.locate(update.ref.table);
      const row = update.ref.row + 1;
      if (row <= table.fileArea.bottom) this.pkg.touchesFileCells = true;
      const kinds = this.kindsOf(update.ref.table, layout.headers);
      recordToRow(update.ref.table, layout, update.values, locale).forEach((cell, i) => {
        const key = columnForHeader(update.ref.table, layout.headers[i], locale)?.key;
        if (cell === undefined || key === undefined || !(key in update.values)) return;
        const previous = table.sheet.edits.get(row)?.get(table.fileArea.left + i);
        this.pkg.setCell(table.sheet, row, table.fileArea.left + i, { write: { value: cell }, kind: kinds[i], styleAbove: previous?.styleAbove, newRow: previous?.newRow ?? false, table: table.name });
      });
    }
    for (const claim of changes.confirm ?? []) {
      const claims = this.locate(claimsTableName(claim.series));
      const row = claim.claimRow + 1;
      const previous = claims.sheet.edits.get(row)?.get(claims.fileArea.left + 3);
      this.pkg.setCell(claims.sheet, row, claims.fileArea.left + 3, {
        write: { value: claim.seq },
        kind: 'int',
        styleAbove: previous?.styleAbove,
        newRow: previous?.newRow ?? row > claims.fileArea.bottom,
        table: claims.name,
      });
      // A counter only rises from what was read; the period's first claim alone adds its row (numbering.ts).
      if (claim.counter ? claim.counter.seq >= claim.seq : !addsCounterRow(claim)) continue;
      const key = counterKey(claim.series, claim.period);
      const cells: CellOut[] = [{ text: key }, claim.seq, claim.claimRow, { text: counterState(key, claim.seq, claim.claimRow) }];
      const counters = this.locate(COUNTERS_TABLE);
      if (claim.counter) {
        const counterRow = claim.counter.row + 1;
        if (counterRow <= counters.fileArea.bottom) this.pkg.touchesFileCells = true;
        cells.forEach((cell, j) => {
          const prev = counters.sheet.edits.get(counterRow)?.get(counters.fileArea.left + j);
          this.pkg.setCell(counters.sheet, counterRow, counters.fileArea.left + j, { write: { value: cell }, styleAbove: prev?.styleAbove, newRow: prev?.newRow ?? false, table: counters.name });
        });
      } else {
        await this.prepareStyles(counters);
        this.appendCells(counters, [cells], false, [undefined, 'int', 'int', undefined]);
      }
    }
    if (changes.audit?.length) {
      // The chain goes on from the last audit row as it is now (the file is ours alone while locked).
      const layout = await this.layoutOf(AUDIT_TABLE);
      const rows = chainedAuditRecords(previousChain(layout, locale), changes.audit).map((record) => recordToRow(AUDIT_TABLE, layout, record, locale));
      const audit = this.locate(AUDIT_TABLE);
      await this.prepareStyles(audit);
      this.appendCells(audit, rows, false, this.kindsOf(AUDIT_TABLE, layout.headers));
    }
    return { appended };
  }

  // ——————————————————————————————————————————————————————————————— imports from a template (the upgrade)

  /** Whether the workbook has a sheet of this name (Excel compares names case-insensitively). */
  hasSheet(name: string): boolean {
    return this.pkg.sheets.has(name.toUpperCase()) || this.imports.adds(name);
  }

  /** The names of the tables on a sheet. */
  tablesOn(sheetName: string): string[] {
    return this.pkg.tablesOn(sheetName);
  }

  /** The name of the sheet a table is on. */
  sheetOf(tableName: string): string {
    return this.locate(tableName).sheet.name;
  }

  /** A table's header row (its labels, user-added columns included). */
  async tableHeaders(tableName: string): Promise<string[]> {
    return this.pkg.reader.headersOf(this.locate(tableName));
  }

  sheetNames(): string[] {
    return [...this.pkg.sheets.values()].sort((a, b) => a.index - b.index).map((s) => s.name);
  }

  /** Adds a sheet of the template (with its tables, print area and the named lists it refers to) at the end. */
  importSheet(template: PackageLedger, name: string): Promise<string[]> {
    return this.imports.importSheet(template.pkg, name);
  }

  /** Replaces a sheet of ours that holds no data (the statistics cross-check) with the template's copy, in its place. */
  renewSheet(template: PackageLedger, name: string): Promise<boolean> {
    return this.imports.renewSheet(template.pkg, name);
  }

  /** The template's named lists (kefu_list_…) this workbook lacks, with the sheet holding them. */
  importMissingNamedLists(template: PackageLedger): Promise<number> {
    return this.imports.importMissingNamedLists(template.pkg);
  }

  /** Adds a table of the template into a sheet this workbook already has (a new series' claims table on the numbering sheet). */
  importTableInto(template: PackageLedger, tableName: string): Promise<void> {
    return this.imports.importTableInto(template.pkg, tableName);
  }

  /** Adds columns of ours a table lacks, at its right, as the template has them; returns their labels. */
  importColumns(template: PackageLedger, tableName: string, keys: readonly string[]): Promise<string[]> {
    return this.imports.importColumns(template.pkg, tableName, keys);
  }

  /**
   * Bounds the validations and conditional formats a template of version 1–4 put on each form's
   * sheet (`C2:C20001`, `A2:AL20001`) to the form table's body, as the current template has them
   * (templateLayout.ts `bodyArea`, `LEGACY_LAST_ROW`), when the package is written: only their
   * `sqref`s change; a range of any other shape stays as it is.
   */
  boundLegacyRanges(): void {
    for (const table of this.pkg.tables.values()) if (findForm(table.name)) table.sheet.boundLegacyRanges = true;
  }

  // ——————————————————————————————————————————————————————————————— writing the new file

  /** The new workbook, in memory (tests, the conformance suite). */
  async toBuffer(): Promise<Uint8Array> {
    const sink = new MemorySink();
    await this.write(sink);
    return sink.bytes();
  }

  /**
   * Writes the package with this session's changes into `sink`: parts in their order, each copied
   * as it was unless the changes touch it. Returns the names of the parts written anew (the rest
   * are byte for byte those of the file read).
   */
  write(sink: ZipSink): Promise<string[]> {
    return writePackage(sink, this.pkg, this.reports, this.imports);
  }
}

/** A formula of a table's calculated column moved down `rows` rows: relative row references follow (A2 → A5). */
export function shiftFormula(formula: string, rows: number): string {
  if (rows === 0) return formula;
  // Outside strings and structured references ([…]), and not part of a name or function.
  return formula.replace(
    /("(?:[^"]|"")*"|\[[^\]]*\]|'(?:[^']|'')*'!)|(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
    (whole, skip: string | undefined, colAbs: string, col: string, rowAbs: string, row: string) => {
      if (skip) return whole;
      return rowAbs ? whole : `${colAbs}${col}${rowAbs}${Number(row) + rows}`;
    },
  );
}
