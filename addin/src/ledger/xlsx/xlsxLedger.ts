import ExcelJS from 'exceljs';
import { columnLetters } from '../report';
import { quoteSheet } from './sheetXml';

export { quoteSheet };
import './exceljsPatch';
import type { Locale } from '../../i18n/locale';
import { DEFAULT_LOCALE, isLocale } from '../../i18n/locale';
import type { Clock } from '../../core/clock';
import { KefuError } from '../../core/problems';
import { findForm } from '../../forms';
import type { CellIn, CellOut } from '../cells';
import { isBlankRow } from '../cells';
import { AUDIT_TABLE, CLAIM_WINDOW, COUNTERS_TABLE, META_TABLE, claimsTableName, counterState, parseCounterState } from '../layout';
import { addsCounterRow, counterKey, readClaim } from '../numbering';
import { chainedAuditRecords, previousChain } from '../auditChain';
import { checkLayout, columnForHeader, recordToRow, rowToRecord, schemaOf, mustFindEach } from '../schema';
import { cellFormat, checkReportSheet, reportWidth } from '../report';
import type { AppliedRows, ApplyResult, ChangeSet, Claim, Ledger, LedgerRow, ReportCell, ReportSheet, Snapshot, SnapshotRequest, TableLayout } from '../types';

/**
 * The ledger in an .xlsx file, through exceljs: the command line, templates, batch work and
 * exports. It keeps the whole workbook in memory; `toBuffer` writes it back. It follows the same
 * layout, numbering and blank-row rules as the Office.js backend, so either can continue a
 * workbook the other wrote (test/conformance.test.ts).
 */

export interface XlsxLedgerOptions {
  readonly station: string;
  readonly clock: Clock;
}

/** A table as exceljs holds it after reading a file: `tableRef` is its full address. */
interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  columns: { name: string }[];
}

interface Located {
  readonly sheet: ExcelJS.Worksheet;
  readonly model: TableModel;
  /** 1-based worksheet rows and columns, as exceljs counts. */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function decode(ref: string): { top: number; left: number; bottom: number; right: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
  if (!m) throw new Error(`Bad table reference: ${ref}`);
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const top = Number(m[2]);
  const left = col(m[1]);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? col(m[3]) : left };
}

export { columnLetters };

function encode(top: number, left: number, bottom: number, right: number): string {
  return `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}`;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** exceljs cell value → what the ledger reads (a formula reads as its cached result). */
export function cellIn(value: ExcelJS.CellValue): CellIn {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return (value.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined || typeof result === 'object' ? (result instanceof Date ? cellIn(result) : null) : result;
    }
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return null;
  }
  return value;
}

/** What the ledger writes → exceljs: user text is always a plain string cell, never a formula. */
export function cellOut(cell: CellOut): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'object') return cell.text;
  return cell;
}

/**
 * Creates a report sheet in an exceljs workbook, or clears the existing one in place (its position
 * stays), and writes it. Also used on a workbook of its own (`kefu stats --out`).
 */
export function writeReportSheet(workbook: ExcelJS.Workbook, report: ReportSheet): void {
  checkReportSheet(report);
  let sheet = workbook.worksheets.find((ws) => ws.name.toUpperCase() === report.name.toUpperCase());
  if (sheet) {
    if (Object.keys((sheet as unknown as { tables: Record<string, unknown> }).tables ?? {}).length > 0) {
      throw new Error(`A report cannot replace the sheet "${report.name}": it holds a table`);
    }
    (sheet as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings = [];
    sheet.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.value = null;
        cell.style = {};
      }),
    );
  } else {
    sheet = workbook.addWorksheet(report.name);
  }
  sheet.views = reportViews(report);
  fillReportSheet(sheet, report);
  if (report.rows.some((row) => row.some((cell) => cell !== null && 'formula' in cell))) workbook.calcProperties.fullCalcOnLoad = true;
}

/** A report's frozen rows as exceljs sheet views (the streaming writer takes them when a sheet is added). */
export function reportViews(report: ReportSheet): Partial<ExcelJS.WorksheetView>[] {
  return report.frozenRows ? [{ state: 'frozen', ySplit: report.frozenRows, xSplit: 0 }] : [];
}

/**
 * Writes a report into a worksheet of a workbook in memory, or of exceljs' streaming writer
 * (`kefu stats` writes the tickets of a whole year that way, in parts, letting the writer drain):
 * column widths first (startReportSheet), then rows in order, each committed (a no-op in memory;
 * writeReportRows), then the data bars and filter buttons (finishReportSheet). The sheet's views
 * (frozen rows, reportViews) are set by the caller.
 */
export function fillReportSheet(sheet: ExcelJS.Worksheet, report: ReportSheet): void {
  startReportSheet(sheet, report);
  writeReportRows(sheet, report, report.rows, 0);
  finishReportSheet(sheet, report, report.rows.length);
}

export function startReportSheet(sheet: ExcelJS.Worksheet, report: ReportSheet): void {
  (report.columnWidths ?? []).forEach((width, c) => (sheet.getColumn(c + 1).width = width));
}

/** `rows` of the report (its own, or made as they are written) from its 0-based row `at`. */
export function writeReportRows(sheet: ExcelJS.Worksheet, report: ReportSheet, rows: readonly (readonly ReportCell[])[], at: number): void {
  const bold = new Set(report.boldRows ?? []);
  const width = Math.max(reportWidth(report), ...rows.map((row) => row.length));
  for (let i = 0; i < rows.length; i++) {
    const r = at + i;
    const cells = rows[i];
    const row = sheet.getRow(r + 1);
    cells.forEach((cell, c) => {
      if (cell === null) return;
      const target = row.getCell(c + 1);
      if ('text' in cell) target.value = cell.text;
      else if ('number' in cell) target.value = cell.number;
      else target.value = { formula: cell.formula.slice(1) };
      target.style = reportStyle(cellFormat(cell), bold.has(r));
    });
    if (bold.has(r)) for (let c = cells.length; c < width; c++) row.getCell(c + 1).style = reportStyle('General', true);
    row.commit();
  }
}

const REPORT_STYLES = new Map<string, Partial<ExcelJS.Style>>();

/**
 * One style object per number format and weight, shared by every cell that has it: exceljs
 * recognises an object it has seen and skips building and comparing the style again (at 100,000
 * rows that was half the time of writing a sheet). Never modified once made.
 */
function reportStyle(format: string, bold: boolean): Partial<ExcelJS.Style> {
  const key = `${bold ? 'b' : ''}|${format}`;
  let style = REPORT_STYLES.get(key);
  if (!style) {
    style = Object.freeze({ ...(format !== 'General' ? { numFmt: format } : {}), ...(bold ? { font: { bold: true } } : {}) });
    REPORT_STYLES.set(key, style);
  }
  return style;
}

/** Data bars and filter buttons, once the report's `rowCount` rows are written. */
export function finishReportSheet(sheet: ExcelJS.Worksheet, report: ReportSheet, rowCount: number): void {
  // exceljs cannot draw charts: the counts get in-cell data bars instead (report.charts are Excel's).
  for (const block of report.dataBars ?? []) {
    const ref = `${columnLetters(block.column + 1)}${block.row + 1}:${columnLetters(block.column + block.columns)}${block.row + block.rows}`;
    sheet.addConditionalFormatting({
      ref,
      rules: [{ type: 'dataBar', priority: 1, gradient: false, cfvo: [{ type: 'min' }, { type: 'max' }], color: { argb: 'FF5B9BD5' } } as ExcelJS.DataBarRuleType],
    });
  }
  sheet.autoFilter = report.autoFilter && rowCount > 0 ? `A1:${columnLetters(reportWidth(report))}${rowCount}` : undefined;
}

export class XlsxLedger implements Ledger {
  private constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly locale: Locale,
    private readonly options: XlsxLedgerOptions,
  ) {}

  static async fromBuffer(buffer: Uint8Array | ArrayBuffer, options: XlsxLedgerOptions): Promise<XlsxLedger> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as ArrayBuffer);
    return XlsxLedger.fromWorkbook(workbook, options);
  }

  static fromWorkbook(workbook: ExcelJS.Workbook, options: XlsxLedgerOptions): XlsxLedger {
    const probe = new XlsxLedger(workbook, DEFAULT_LOCALE, options);
    const meta = probe.locate(META_TABLE, false);
    if (!meta) throw new KefuError([{ kind: 'notLedger' }]);
    const settings = Object.fromEntries(probe.bodyRows(meta).map((row) => [String(row[0]), row[1]]));
    return new XlsxLedger(workbook, isLocale(settings.locale) ? settings.locale : DEFAULT_LOCALE, options);
  }

  async toBuffer(): Promise<Uint8Array> {
    return new Uint8Array(await this.workbook.xlsx.writeBuffer());
  }

  /** The settings in kefu_meta (template version, locale, site, created). */
  settings(): Record<string, string> {
    const meta = this.locate(META_TABLE, true);
    return Object.fromEntries(this.bodyRows(meta).map((row) => [String(row[0] ?? ''), String(row[1] ?? '')]));
  }

  locate(name: string, required: true): Located;
  locate(name: string, required: boolean): Located | undefined;
  locate(name: string, required: boolean): Located | undefined {
    const wanted = name.toLowerCase();
    for (const sheet of this.workbook.worksheets) {
      for (const [key, table] of Object.entries((sheet as unknown as { tables: Record<string, { table: TableModel }> }).tables)) {
        if (key.toLowerCase() !== wanted) continue;
        const model = table.table;
        const { top, left, bottom, right } = decode(model.tableRef);
        return { sheet, model, top, left, bottom, right };
      }
    }
    if (!required) return undefined;
    const form = findForm(name);
    throw new KefuError([{ kind: 'missingTable', form: form?.key, params: { table: name, sheet: form ? form.sheet[this.locale] : name } }]);
  }

  private rowCells(sheet: ExcelJS.Worksheet, row: number, left: number, right: number): CellIn[] {
    const r = sheet.getRow(row);
    const cells: CellIn[] = [];
    for (let c = left; c <= right; c++) cells.push(cellIn(r.getCell(c).value));
    return cells;
  }

  headers(table: Located): string[] {
    return this.rowCells(table.sheet, table.top, table.left, table.right).map((h) => String(h ?? ''));
  }

  /** Every body row of a table, blank ones included. */
  bodyRows(table: Located): CellIn[][] {
    const rows: CellIn[][] = [];
    for (let r = table.top + 1; r <= table.bottom; r++) rows.push(this.rowCells(table.sheet, r, table.left, table.right));
    return rows;
  }

  private layoutOf(key: string): TableLayout {
    const table = this.locate(key, true);
    const last = this.rowCells(table.sheet, table.bottom, table.left, table.right);
    const layout: TableLayout = {
      headers: this.headers(table),
      headerRow: table.top - 1,
      firstColumn: table.left - 1,
      lastRow: table.bottom - 1,
      lastRowBlank: table.bottom > table.top && isBlankRow(last),
      lastValues: last,
    };
    checkLayout(key, layout, this.locale);
    return layout;
  }

  async read(request: SnapshotRequest): Promise<Snapshot> {
    const locale = this.locale;
    const tables: Record<string, LedgerRow[]> = {};
    for (const [key, query] of Object.entries(request.tables ?? {})) {
      const table = this.locate(key, true);
      const headers = this.headers(table);
      const layout = { headers, headerRow: table.top - 1, firstColumn: table.left - 1, lastRow: table.bottom - 1, lastRowBlank: false };
      checkLayout(key, layout, locale);
      const keyIndex = query.rows === 'all' ? -1 : headers.findIndex((h) => columnForHeader(key, h, locale)?.key === (query.rows as { where: string }).where);
      const wanted = query.rows === 'all' ? undefined : new Set(query.rows.equals);
      const rows: LedgerRow[] = [];
      const found = new Set<string>();
      this.bodyRows(table).forEach((cells, i) => {
        if (isBlankRow(cells)) return;
        if (wanted && !wanted.has(String(cells[keyIndex] ?? ''))) return;
        if (wanted) found.add(String(cells[keyIndex]));
        rows.push({ ref: { table: key, row: table.top + i }, values: rowToRecord(key, headers, cells, locale, query.columns) });
      });
      if (wanted && mustFindEach(key, (query.rows as { where: string }).where)) {
        const absent = [...wanted].filter((value) => !found.has(value));
        if (absent.length > 0) {
          throw new KefuError([{ kind: 'recordNotFound', form: findForm(key)?.key, params: { value: absent.join(', ') } }]);
        }
      }
      tables[key] = rows;
    }

    const claims: Claim[] = [];
    for (const { series, period } of request.claims ?? []) {
      const claimsTable = this.locate(claimsTableName(series), true);
      const row = this.appendRows(claimsTable, [[{ text: period }, { text: this.options.station }, { text: this.options.clock.now() }, null]], false);
      const located = this.locate(claimsTableName(series), true);
      const windowFirst = row - CLAIM_WINDOW + 1; // 1-based
      const values: CellIn[][] = [];
      for (let r = windowFirst; r <= row; r++) values.push(this.rowCells(located.sheet, r, located.left, located.right));
      const counter = this.findCounter(counterKey(series, period));
      const resolved = await readClaim(
        { values, windowFirstRow: windowFirst - 1, claimsHeaderRow: located.top - 1, period, counter: counter ? { seq: counter.seq, row: counter.claimRow } : undefined },
        {
          rowsAbove: (from, to) => {
            const above: CellIn[][] = [];
            for (let r = from + 1; r <= to + 1; r++) above.push(this.rowCells(located.sheet, r, located.left, located.right));
            return Promise.resolve(above);
          },
        },
      );
      claims.push({
        series,
        period,
        seq: resolved.seq,
        claimRow: resolved.claimRow,
        claimsHeaderRow: located.top - 1,
        counter: counter ? { row: counter.row, seq: counter.seq } : null,
        othersInFlight: resolved.othersInFlight,
      });
    }

    const layouts: Record<string, TableLayout> = {};
    const written = [...(request.writes ?? []), AUDIT_TABLE, ...(claims.length ? [COUNTERS_TABLE] : [])];
    for (const key of new Set(written)) layouts[key] = this.layoutOf(key);
    const sheets: Record<string, boolean> = {};
    for (const name of request.sheets ?? []) sheets[name] = this.findSheet(name) !== undefined;
    return { locale, tables, claims, layouts, sheets };
  }

  /** A worksheet by name, compared case-insensitively as Excel does. */
  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    return this.workbook.worksheets.find((ws) => ws.name.toUpperCase() === name.toUpperCase());
  }

  /** Creates a report sheet, or clears the existing one in place (its position stays), and writes it. */
  private writeReportSheet(report: ReportSheet): void {
    writeReportSheet(this.workbook, report);
  }

  private findCounter(key: string): { row: number; seq: number; claimRow: number } | undefined {
    const counters = this.locate(COUNTERS_TABLE, true);
    const stateIndex = this.headers(counters).findIndex((h) => columnForHeader(COUNTERS_TABLE, h, this.locale)?.key === 'state');
    const rows = this.bodyRows(counters);
    for (let i = 0; i < rows.length; i++) {
      const state = parseCounterState(rows[i][stateIndex]);
      if (state && state.key === key) return { row: counters.top + i, seq: state.seq, claimRow: state.row };
    }
    return undefined;
  }

  /**
   * Writes rows below the table (or into its blank last row) and grows the table over them.
   * Returns the 1-based worksheet row of the last row written. Cells of user columns are left
   * alone; new cells take the style of the row above.
   */
  private appendRows(table: Located, rows: readonly (CellOut | undefined)[][], fillBlank: boolean): number {
    const first = fillBlank ? table.bottom : table.bottom + 1;
    rows.forEach((cells, i) => {
      const row = table.sheet.getRow(first + i);
      const above = table.sheet.getRow(Math.max(table.top + 1, first + i - 1));
      cells.forEach((cell, j) => {
        if (cell === undefined) return;
        const target = row.getCell(table.left + j);
        if (first + i > table.top + 1) target.style = { ...above.getCell(table.left + j).style };
        target.value = cellOut(cell);
      });
    });
    const bottom = Math.max(table.bottom, first + rows.length - 1);
    table.model.tableRef = encode(table.top, table.left, bottom, table.right);
    table.model.autoFilterRef = table.model.tableRef;
    return first + rows.length - 1;
  }

  async apply(changes: ChangeSet, basis: Snapshot): Promise<ApplyResult> {
    const locale = this.locale;
    const appended: AppliedRows[] = [];
    for (const report of changes.sheets ?? []) checkReportSheet(report);
    for (const [key, records] of Object.entries(changes.appends ?? {})) {
      const layout = basis.layouts[key];
      if (!layout) throw new Error(`apply: no layout read for ${key}; name it in the request's writes`);
      const table = this.locate(key, true);
      const numbering = findForm(key)?.numbering;
      // A table without a series of its own (the repair-ledger line of a new repair order) goes by the
      // claim it is written with: another client's claim in flight may be filling the blank row now.
      const claim = numbering?.kind === 'sequence' ? changes.confirm?.find((c) => c.series === numbering.series) : (changes.confirm?.find((c) => c.othersInFlight) ?? changes.confirm?.[0]);
      const fillBlank = layout.lastRowBlank && !(claim?.othersInFlight ?? false) && table.bottom > table.top && isBlankRow(this.rowCells(table.sheet, table.bottom, table.left, table.right));
      const rows = records.map((record) => recordToRow(key, layout, record, locale));
      const last = this.appendRows(table, rows, fillBlank);
      const firstRow = last - rows.length + 1;
      appended.push({
        table: key,
        address: `${quoteSheet(table.sheet.name)}!${encode(firstRow, table.left, last, table.right)}`,
        firstRow: firstRow - 1,
        count: rows.length,
      });
    }
    for (const update of changes.updates ?? []) {
      const layout = basis.layouts[update.ref.table];
      if (!layout) throw new Error(`apply: no layout read for ${update.ref.table}; name it in the request's writes`);
      const table = this.locate(update.ref.table, true);
      const row = table.sheet.getRow(update.ref.row + 1);
      recordToRow(update.ref.table, layout, update.values, locale).forEach((cell, i) => {
        const key = columnForHeader(update.ref.table, layout.headers[i], locale)?.key;
        if (cell === undefined || key === undefined || !(key in update.values)) return;
        row.getCell(table.left + i).value = cellOut(cell);
      });
    }
    for (const claim of changes.confirm ?? []) {
      const claims = this.locate(claimsTableName(claim.series), true);
      claims.sheet.getRow(claim.claimRow + 1).getCell(claims.left + 3).value = claim.seq;
      // A counter only rises from what was read; the period's first claim alone adds its row (numbering.ts).
      if (claim.counter ? claim.counter.seq >= claim.seq : !addsCounterRow(claim)) continue;
      const key = counterKey(claim.series, claim.period);
      const cells: CellOut[] = [{ text: key }, claim.seq, claim.claimRow, { text: counterState(key, claim.seq, claim.claimRow) }];
      const counters = this.locate(COUNTERS_TABLE, true);
      if (claim.counter) {
        const row = counters.sheet.getRow(claim.counter.row + 1);
        cells.forEach((cell, j) => (row.getCell(counters.left + j).value = cellOut(cell)));
      } else {
        this.appendRows(counters, [cells], false);
      }
    }
    if (changes.audit?.length) {
      // The chain goes on from the last audit row as it is now (the file is ours alone).
      const layout = this.layoutOf(AUDIT_TABLE);
      const rows = chainedAuditRecords(previousChain(layout, locale), changes.audit).map((record) => recordToRow(AUDIT_TABLE, layout, record, locale));
      this.appendRows(this.locate(AUDIT_TABLE, true), rows, false);
    }
    for (const report of changes.sheets ?? []) this.writeReportSheet(report);
    return { appended };
  }
}

export { schemaOf };
