import type { Clock } from '../../core/clock';
import { KefuError } from '../../core/problems';
import { findForm } from '../../forms';
import type { CellKind } from '../../forms/columns';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n/locale';
import { isBlankRow, type CellIn, type CellOut, type DomainValue, type RecordValues } from '../cells';
import { AUDIT_TABLE, CLAIM_WINDOW, COUNTERS_TABLE, META_TABLE, claimsTableName, counterState, parseCounterState } from '../layout';
import { addsCounterRow, claimFromWindow, counterKey } from '../numbering';
import { chainedAuditRecords, previousChain } from '../auditChain';
import { checkLayout, columnForHeader, recordToRow, rowToRecord, schemaOf } from '../schema';
import type { AppliedRows, ApplyResult, ChangeSet, Claim, Ledger, LedgerRow, Snapshot, SnapshotRequest, TableLayout } from '../types';
import { writeReportPart } from './reportPart';
import { SEGMENT_BYTES, SegmentCutter } from './segmentCutter';
import { checkReportSheet } from '../report';
import type { ReportSheet } from '../types';
import {
  attribute,
  cellContent,
  cellXml,
  columnLetters,
  eachElement,
  escapeCellText,
  escapeXml,
  formatArea,
  parseArea,
  parseCells,
  quoteSheet,
  rootPrefix,
  rowWithCells,
  sheetPieces,
  splitRow,
  stringItemText,
  withAttribute,
  type Area,
  type CellWrite,
  type RawCell,
  type SheetPiece,
  utf8In,
  utf8Out,
} from './sheetXml';
import {
  CONTENT_TYPES,
  REL_TYPES,
  StyleBook,
  addContentTypeOverride,
  addRelationship,
  relativeTarget,
  definedNames,
  parseTablePart,
  relationships,
  relsPathOf,
  removeContentTypeOverride,
  removeRelationshipsOfType,
  resolvePath,
  tableWithRef,
  withDefinedNameText,
  withFullCalcOnLoad,
  workbookSheets,
  type Relationship,
  type TablePart,
} from './xmlParts';
import { ZipFile, ZipWriter, bufferSource, deflateSegment, type SegmentedEntry, type ZipEntry, type ZipSink, MemorySink } from './zip';

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
 * Rows at the end of a range validated or formatted by the template: a range that reaches this row
 * is taken as covering the whole table, and grows with it (workbooks/template.ts VALIDATED_ROWS + 1).
 */
const TEMPLATE_COVERED_ROW = 20_001;

interface SheetState {
  readonly name: string;
  readonly path: string;
  /** 0-based position among the workbook's sheets. */
  readonly index: number;
  prefix?: string;
  /** Cell edits by 1-based row. */
  readonly edits: Map<number, RowEdits>;
  /** Column widths to add to `<cols>` (the upgrade's new columns): 1-based column → width. */
  newColumnWidths?: Map<number, number>;
  /** `<dataValidation>` elements to add to the sheet (the upgrade's new columns). */
  newValidations?: string[];
}

interface CellEdit {
  readonly write: CellWrite;
  /** The kind of value, for its number format. */
  readonly kind?: CellKind;
  /** The style of the cell above, for a cell in a new row. */
  readonly styleAbove?: string;
  /** A cell of a new row of a table: it must not cover anything already there. */
  readonly newRow: boolean;
  /** The style to give the cell, whatever it had (cells copied from the template by the upgrade). */
  readonly style?: string;
  readonly table: string;
}

/**
 * What a new row holds: its cells from the table's first column, or a record of the change set
 * and how to lay it out — turned into cells only when the row is written, so that an import does
 * not hold the rows twice.
 */
type RowSource = readonly (CellOut | undefined)[] | { readonly record: RecordValues; readonly layOut: (record: RecordValues) => (CellOut | undefined)[] };

function cellsOf(source: RowSource): readonly (CellOut | undefined)[] {
  return Array.isArray(source) ? source : (source as { record: RecordValues; layOut: (r: RecordValues) => (CellOut | undefined)[] }).layOut((source as { record: RecordValues }).record);
}

/** A row appended whole to a table: its cells from the table's first column, sharing the append's kinds and styles. */
interface AppendedRow {
  readonly table: string;
  readonly left: number;
  readonly source: RowSource;
  /** How many columns from `left` the row spans. */
  readonly width: number;
  readonly kinds: readonly (CellKind | undefined)[];
  readonly styles: readonly (string | undefined)[];
  /** Formulas of calculated columns, where a value is undefined. */
  readonly formulas?: readonly (string | undefined)[];
}

/**
 * The edits of one row: a row appended whole (kept as its array of values, so that an import of
 * 100,000 rows holds 100,000 arrays rather than a million cell objects) and single cells written
 * over it or over a row of the file.
 */
class RowEdits {
  appended?: AppendedRow;
  private cells?: Map<number, CellEdit>;

  get(column: number): CellEdit | undefined {
    const cell = this.cells?.get(column);
    if (cell) return cell;
    const a = this.appended;
    if (!a) return undefined;
    const i = column - a.left;
    const formula = a.formulas?.[i];
    if (formula !== undefined) return { write: { formula }, styleAbove: a.styles[i], newRow: true, table: a.table };
    const value = cellsOf(a.source)[i];
    return value === undefined ? undefined : { write: { value }, kind: a.kinds[i], styleAbove: a.styles[i], newRow: true, table: a.table };
  }

  set(column: number, edit: CellEdit): void {
    (this.cells ??= new Map()).set(column, edit);
  }

  /** Only a row appended whole, no single cell written over it. */
  get onlyAppended(): boolean {
    return this.appended !== undefined && this.cells === undefined;
  }

  /** The first and last column written (without laying out an appended row). */
  span(): [number, number] | undefined {
    let low = Infinity;
    let high = -Infinity;
    const a = this.appended;
    if (a) {
      const width = Array.isArray(a.source) ? a.source.length : a.width;
      low = a.left;
      high = a.left + width - 1;
    }
    for (const column of this.cells?.keys() ?? []) {
      low = Math.min(low, column);
      high = Math.max(high, column);
    }
    return low <= high ? [low, high] : undefined;
  }

  columns(): number[] {
    const columns = new Set(this.cells?.keys() ?? []);
    const a = this.appended;
    if (a) cellsOf(a.source).forEach((v, i) => (v !== undefined || a.formulas?.[i] !== undefined) && columns.add(a.left + i));
    return [...columns].sort((x, y) => x - y);
  }

  *[Symbol.iterator](): Generator<[number, CellEdit]> {
    for (const column of this.columns()) yield [column, this.get(column)!];
  }

  hasFormula(): boolean {
    return (this.appended?.formulas?.some((f) => f !== undefined) ?? false) || [...(this.cells?.values() ?? [])].some((e) => 'formula' in e.write);
  }
}

interface TableState {
  readonly name: string;
  readonly partPath: string;
  readonly part: TablePart;
  readonly sheet: SheetState;
  /** 1-based area as in the file (its right edge moves when the upgrade adds columns, which hold no cells yet). */
  fileArea: Area;
  /** The table part's text (changed when columns are added). */
  partXml: string;
  partChanged?: boolean;
  /** The last row now (grows as rows are appended). */
  bottom: number;
  headers?: string[];
  /** The table's last rows as in the file (cells and styles), read once. */
  tail?: FileRow[];
}

interface FileRow {
  /** 1-based worksheet row. */
  readonly row: number;
  readonly cells: CellIn[];
  readonly styles: (string | undefined)[];
  readonly formulas: boolean[];
}

/** A sheet copied from a template: its part (Latin-1, made this workbook's own), tables and print area. */
interface ImportedSheet {
  readonly name: string;
  readonly state: string | undefined;
  readonly xml: string;
  readonly tables: readonly { readonly name: string; readonly xml: string; readonly rid: string }[];
  readonly localNames: readonly { readonly name: string; readonly text: string }[];
}

/** Rows of a table's end kept from the file: the claims window, a blank last row, the audit chain. */
const TAIL_ROWS = CLAIM_WINDOW + 1;

function writeValue(write: CellWrite): CellIn {
  if ('formula' in write) return null;
  const value = write.value;
  if (value === null) return null;
  return typeof value === 'object' ? value.text : value;
}

/** Raw cells of a row (or rows) whose shared strings are looked up in one pass over the shared strings. */
class SharedStrings {
  constructor(
    private readonly zip: ZipFile,
    private readonly path: string,
  ) {}

  /** The strings at `indexes`. */
  async lookUp(indexes: Iterable<number>): Promise<Map<number, string>> {
    const wanted = [...new Set(indexes)].filter((i) => i >= 0).sort((a, b) => a - b);
    const found = new Map<number, string>();
    if (wanted.length === 0 || !this.zip.has(this.path)) return found;
    const need = new Set(wanted);
    const last = wanted[wanted.length - 1];
    let index = 0;
    await eachElement(this.zip.latin1Chunks(this.path), 'si', (_, content) => {
      if (need.has(index)) found.set(index, stringItemText(content));
      return ++index <= last;
    });
    return found;
  }

  /** The indexes of the strings equal to each of `texts`. */
  async find(texts: ReadonlySet<string>): Promise<Map<number, string>> {
    const found = new Map<number, string>();
    if (texts.size === 0 || !this.zip.has(this.path)) return found;
    let index = 0;
    await eachElement(this.zip.latin1Chunks(this.path), 'si', (_, content) => {
      const text = stringItemText(content);
      if (texts.has(text)) found.set(index, text);
      index++;
    });
    return found;
  }
}

export class PackageLedger implements Ledger {
  private readonly tables = new Map<string, TableState>();
  private readonly sheets = new Map<string, SheetState>();
  private styles?: StyleBook;
  private stylesPath?: string;
  private readonly shared: SharedStrings;
  /** Whether a change writes a formula or writes over a cell in the file (the calculation chain then goes). */
  private touchesFileCells = false;

  private constructor(
    readonly zip: ZipFile,
    private readonly workbookXml: string,
    private readonly workbookRels: string,
    sharedStringsPath: string,
    private readonly options: PackageLedgerOptions,
  ) {
    this.shared = new SharedStrings(zip, sharedStringsPath);
  }

  private workbookLocale: Locale = DEFAULT_LOCALE;

  /** The locale the workbook was made in (its settings). */
  get locale(): Locale {
    return this.workbookLocale;
  }

  static async fromBuffer(bytes: Uint8Array, options: PackageLedgerOptions): Promise<PackageLedger> {
    return PackageLedger.open(await ZipFile.open(bufferSource(bytes)), options);
  }

  /** Opens a package: its workbook, sheets and tables (each table's part is small), and the settings. */
  static async open(zip: ZipFile, options: PackageLedgerOptions): Promise<PackageLedger> {
    const workbookXml = await zip.text('xl/workbook.xml');
    const workbookRels = await zip.text('xl/_rels/workbook.xml.rels');
    if (workbookXml === undefined || workbookRels === undefined) throw new KefuError([{ kind: 'notLedger' }]);
    const rels = relationships(workbookRels);
    const sharedRel = rels.find((r) => r.type === REL_TYPES.sharedStrings || r.type.endsWith('/sharedStrings'));
    const ledger = new PackageLedger(zip, workbookXml, workbookRels, sharedRel ? resolvePath('xl/workbook.xml', sharedRel.target) : 'xl/sharedStrings.xml', options);
    await ledger.findTables();
    const meta = ledger.tables.get(META_TABLE);
    if (!meta) throw new KefuError([{ kind: 'notLedger' }]);
    const settings = Object.fromEntries((await ledger.fileRows(meta, meta.fileArea.top + 1, meta.fileArea.bottom)).map((r) => [String(r.cells[0] ?? ''), r.cells[1]]));
    ledger.workbookLocale = isLocale(settings.locale) ? settings.locale : DEFAULT_LOCALE;
    return ledger;
  }

  private async findTables(): Promise<void> {
    const rels = relationships(this.workbookRels);
    for (const entry of workbookSheets(this.workbookXml)) {
      const rel = rels.find((r) => r.id === entry.rid);
      if (!rel || rel.external) continue;
      const path = resolvePath('xl/workbook.xml', rel.target);
      const sheet: SheetState = { name: entry.name, path, index: entry.index, edits: new Map() };
      this.sheets.set(entry.name.toUpperCase(), sheet);
      for (const tableRel of relationships(await this.zip.text(relsPathOf(path)))) {
        if (tableRel.type !== REL_TYPES.table && !tableRel.type.endsWith('/table')) continue;
        const partPath = resolvePath(path, tableRel.target);
        const partXml = await this.zip.text(partPath);
        const part = partXml ? parseTablePart(partXml) : undefined;
        if (!part || !partXml) continue;
        this.tables.set(part.name.toLowerCase(), { name: part.name, partPath, part, partXml, sheet, fileArea: part.area, bottom: part.area.bottom });
      }
    }
  }

  /** The settings in kefu_meta (template version, locale, site, created). */
  async settings(): Promise<Record<string, string>> {
    const meta = this.locate(META_TABLE);
    const rows = await this.currentRows(meta, meta.fileArea.top + 1, meta.bottom);
    return Object.fromEntries(rows.map((r) => [String(r.cells[0] ?? ''), String(r.cells[1] ?? '')]));
  }

  /** Report sheets to write, by upper-cased name (Excel compares sheet names so). */
  private readonly reports = new Map<string, ReportSheet>();

  /** Whether any change is waiting to be written. */
  get hasChanges(): boolean {
    return this.reports.size > 0 || [...this.sheets.values()].some((s) => s.edits.size > 0);
  }

  private locate(name: string): TableState {
    const table = this.tables.get(name.toLowerCase());
    if (table) return table;
    const form = findForm(name);
    throw new KefuError([{ kind: 'missingTable', form: form?.key, params: { table: name, sheet: form ? form.sheet[this.locale] : name } }]);
  }

  hasTable(name: string): boolean {
    return this.tables.has(name.toLowerCase());
  }

  // ——————————————————————————————————————————————————————————————— reading the file

  private async prefixOf(sheet: SheetState): Promise<string> {
    if (sheet.prefix === undefined) {
      let head = '';
      for await (const chunk of this.zip.latin1Chunks(sheet.path)) {
        head += chunk;
        if (head.length > 4096 || /<(\w+:)?worksheet[\s>]/.test(head)) break;
      }
      sheet.prefix = rootPrefix(head, 'worksheet');
    }
    return sheet.prefix;
  }

  /** The segment of a part to start reading at to meet row `row` (0 without segments). */
  private startSegment(entry: ZipEntry | undefined, row: number): number {
    const segments = entry?.segments;
    if (!segments) return 0;
    let start = 0;
    segments.forEach((s, i) => {
      if (s.firstRow !== 0 && s.firstRow <= row) start = i;
    });
    return start;
  }

  /** Streams the rows of a sheet from row `from` to `to` (1-based, inclusive), as they are in the file. */
  private async scanSheet(sheet: SheetState, from: number, to: number, onRow: (row: number, cells: RawCell[]) => void): Promise<void> {
    const prefix = await this.prefixOf(sheet);
    const entry = this.zip.entry(sheet.path);
    if (!entry) return;
    const segment = this.startSegment(entry, from);
    const previous = segment > 0 ? entry.segments![segment].firstRow - 1 : 0;
    for await (const piece of sheetPieces(this.zip.latin1Chunks(sheet.path, undefined, segment), prefix, previous)) {
      if (piece.kind !== 'row') continue;
      if (piece.row > to) break;
      if (piece.row < from) continue;
      onRow(piece.row, parseCells(splitRow(piece.xml, prefix).content, prefix, piece.row));
    }
  }

  /** Small ranges read from the file (the file does not change while it is open). */
  private readonly fileRowsCache = new Map<string, FileRow[]>();

  /** A table's rows from..to as in the file: the cells of its columns, shared strings looked up. */
  private async fileRows(table: TableState, from: number, to: number): Promise<FileRow[]> {
    const key = `${table.name}|${from}|${to}`;
    const cached = this.fileRowsCache.get(key);
    if (cached) return cached;
    const rows = await this.readFileRows(table, from, to);
    if (to - from < 10_000) this.fileRowsCache.set(key, rows);
    return rows;
  }

  private async readFileRows(table: TableState, from: number, to: number): Promise<FileRow[]> {
    const { left, right } = table.fileArea;
    const prefix = await this.prefixOf(table.sheet);
    const width = right - left + 1;
    const pending: { row: number; contents: ({ value: CellIn } | { shared: number })[]; styles: (string | undefined)[]; formulas: boolean[] }[] = [];
    const last = Math.min(to, table.fileArea.bottom);
    if (last >= from) {
      await this.scanSheet(table.sheet, from, last, (row, cells) => {
        const contents: ({ value: CellIn } | { shared: number })[] = Array.from({ length: width }, () => ({ value: null }));
        const styles: (string | undefined)[] = new Array(width).fill(undefined);
        const formulas: boolean[] = new Array(width).fill(false);
        for (const cell of cells) {
          if (cell.column < left || cell.column > right) continue;
          contents[cell.column - left] = cellContent(cell, prefix);
          styles[cell.column - left] = cell.style;
          formulas[cell.column - left] = cell.formula;
        }
        pending.push({ row, contents, styles, formulas });
      });
    }
    const strings = await this.shared.lookUp(pending.flatMap((p) => p.contents.flatMap((c) => ('shared' in c ? [c.shared] : []))));
    const byRow = new Map(pending.map((p) => [p.row, p]));
    const rows: FileRow[] = [];
    // Rows the file does not have (no <row> element) are blank rows of the table.
    for (let row = from; row <= last; row++) {
      const p = byRow.get(row);
      rows.push({
        row,
        cells: p ? p.contents.map((c) => ('shared' in c ? (strings.get(c.shared) ?? null) : c.value)) : new Array(width).fill(null),
        styles: p ? p.styles : new Array(width).fill(undefined),
        formulas: p ? p.formulas : new Array(width).fill(false),
      });
    }
    return rows;
  }

  /** The file's last TAIL_ROWS body rows of a table (read once), for windows, blank rows and styles. */
  private async fileTail(table: TableState): Promise<FileRow[]> {
    if (!table.tail) {
      const { top, bottom } = table.fileArea;
      table.tail = bottom > top ? await this.fileRows(table, Math.max(top + 1, bottom - TAIL_ROWS + 1), bottom) : [];
    }
    return table.tail;
  }

  async headersOf(table: TableState): Promise<string[]> {
    if (!table.headers) {
      const [row] = await this.fileRows(table, table.fileArea.top, table.fileArea.top);
      table.headers = (row?.cells ?? []).map((h) => (h === null || h === undefined ? '' : String(h)));
    }
    return table.headers;
  }

  /** Rows from..to of a table as they are now (the file's, with this session's edits). Only for small ranges. */
  private async currentRows(table: TableState, from: number, to: number): Promise<{ row: number; cells: CellIn[] }[]> {
    const { left, right } = table.fileArea;
    const fileBottom = table.fileArea.bottom;
    const tail = await this.fileTail(table);
    const tailFrom = tail[0]?.row ?? fileBottom + 1;
    const fromFile = from < tailFrom && from <= fileBottom ? await this.fileRows(table, from, Math.min(to, tailFrom - 1, fileBottom)) : [];
    const rows: { row: number; cells: CellIn[] }[] = [];
    for (let row = from; row <= to; row++) {
      const file = row < tailFrom ? fromFile.find((r) => r.row === row) : tail.find((r) => r.row === row);
      const cells: CellIn[] = file ? [...file.cells] : new Array(right - left + 1).fill(null);
      const edits = table.sheet.edits.get(row);
      if (edits) for (const [column, edit] of edits) if (column >= left && column <= right) cells[column - left] = writeValue(edit.write);
      rows.push({ row, cells });
    }
    return rows;
  }

  private async layoutOf(key: string): Promise<TableLayout> {
    const table = this.locate(key);
    const headers = await this.headersOf(table);
    const [last] = table.bottom > table.fileArea.top ? await this.currentRows(table, table.bottom, table.bottom) : [];
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
      const headers = await this.headersOf(table);
      checkLayout(key, { headers, headerRow: table.fileArea.top - 1, firstColumn: table.fileArea.left - 1, lastRow: table.bottom - 1, lastRowBlank: false }, locale);
      tables[key] = query.rows === 'all' ? await this.allRows(key, table, headers, query.columns) : await this.rowsWhere(key, table, headers, query.columns, query.rows.where, query.rows.equals);
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
      for (const r of await this.currentRows(claimsTable, from, row)) values.push(r.cells);
      const counter = await this.findCounter(counterKey(series, period));
      // The window, and the claims above it when its anchor lies there (numbering.ts).
      let windowFirstRow = windowFirst - 1; // 0-based
      for (;;) {
        const outcome = claimFromWindow({
          values,
          windowFirstRow,
          claimsHeaderRow: claimsTable.fileArea.top - 1,
          period,
          counter: counter ? { seq: counter.seq, row: counter.claimRow } : undefined,
        });
        if ('seq' in outcome) {
          claims.push({
            series,
            period,
            seq: outcome.seq,
            claimRow: outcome.claimRow,
            claimsHeaderRow: claimsTable.fileArea.top - 1,
            counter: counter ? { row: counter.row, seq: counter.seq } : null,
            othersInFlight: outcome.othersInFlight,
          });
          break;
        }
        const { from, to } = outcome.readRows;
        const above = (await this.currentRows(claimsTable, from + 1, to + 1)).map((r) => r.cells);
        values.unshift(...above);
        windowFirstRow = from;
      }
    }

    const layouts: Record<string, TableLayout> = {};
    const written = [...(request.writes ?? []), AUDIT_TABLE, ...(claims.length ? [COUNTERS_TABLE] : [])];
    for (const key of new Set(written)) layouts[key] = await this.layoutOf(key);
    const sheets: Record<string, boolean> = {};
    for (const name of request.sheets ?? []) sheets[name] = this.sheets.has(name.toUpperCase()) || this.reports.has(name.toUpperCase());
    return { locale, tables, claims, layouts, sheets };
  }

  /** Every non-blank body row of a table, as it is now: the file's rows streamed, with this session's edits. */
  private async allRows(key: string, table: TableState, headers: readonly string[], columns: readonly string[]): Promise<LedgerRow[]> {
    const { left, right, top } = table.fileArea;
    const prefix = await this.prefixOf(table.sheet);
    const wantedColumns = headers.map((h) => {
      const column = columnForHeader(key, h, this.locale);
      return column && columns.includes(column.key) ? column : undefined;
    });
    const pending: { row: number; contents: ({ value: CellIn } | { shared: number } | undefined)[]; others: number[] }[] = [];
    // Cells of columns not asked for matter only to tell a blank row: their shared strings are looked up too.
    if (table.fileArea.bottom > top) {
      await this.scanSheet(table.sheet, top + 1, table.fileArea.bottom, (row, cells) => {
        const contents: ({ value: CellIn } | { shared: number } | undefined)[] = new Array(right - left + 1).fill(undefined);
        const others: number[] = [];
        let any = false;
        for (const cell of cells) {
          if (cell.column < left || cell.column > right) continue;
          const content = cellContent(cell, prefix);
          if (wantedColumns[cell.column - left]) contents[cell.column - left] = content;
          else if ('shared' in content) others.push(content.shared);
          else if (content.value === null || content.value === '') continue;
          any = true;
        }
        if (any) pending.push({ row, contents, others });
      });
    }
    const strings = await this.shared.lookUp(pending.flatMap((p) => [...p.others, ...p.contents.flatMap((c) => (c && 'shared' in c ? [c.shared] : []))]));
    const rows: LedgerRow[] = [];
    const byRow = new Map<number, CellIn[]>();
    for (const p of pending) {
      const cells = p.contents.map((c) => (c === undefined ? null : 'shared' in c ? (strings.get(c.shared) ?? null) : c.value));
      const blank = isBlankRow(cells) && p.others.every((i) => !strings.get(i));
      if (!blank) byRow.set(p.row, cells);
    }
    // This session's edits: cells changed in file rows, and new rows.
    for (const [row, edits] of table.sheet.edits) {
      if (row <= top || row > table.bottom) continue;
      const cells = byRow.get(row) ?? (row <= table.fileArea.bottom ? (await this.currentRows(table, row, row))[0].cells : new Array(right - left + 1).fill(null));
      for (const [column, edit] of edits) if (column >= left && column <= right) cells[column - left] = writeValue(edit.write);
      if (isBlankRow(cells)) byRow.delete(row);
      else byRow.set(row, cells);
    }
    for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
      rows.push({ ref: { table: key, row: row - 1 }, values: rowToRecord(key, headers, byRow.get(row)!, this.locale, columns) });
    }
    return rows;
  }

  /** The rows whose `where` column equals one of `equals` (single-record actions): found by streaming the key column. */
  private async rowsWhere(key: string, table: TableState, headers: readonly string[], columns: readonly string[], where: string, equals: readonly string[]): Promise<LedgerRow[]> {
    const { left, right, top } = table.fileArea;
    const keyIndex = headers.findIndex((h) => columnForHeader(key, h, this.locale)?.key === where);
    const wanted = new Set(equals);
    const prefix = await this.prefixOf(table.sheet);
    const sharedWanted = await this.shared.find(wanted);
    const matched: { row: number; cells: RawCell[] }[] = [];
    if (keyIndex >= 0 && table.fileArea.bottom > top) {
      await this.scanSheet(table.sheet, top + 1, table.fileArea.bottom, (row, cells) => {
        const keyCell = cells.find((c) => c.column === left + keyIndex);
        if (!keyCell) return;
        const content = cellContent(keyCell, prefix);
        const value = 'shared' in content ? sharedWanted.get(content.shared) : content.value;
        if (value !== undefined && value !== null && wanted.has(String(value))) matched.push({ row, cells });
      });
    }
    const contents = matched.map((m) => {
      const row: ({ value: CellIn } | { shared: number })[] = new Array(right - left + 1).fill(null).map(() => ({ value: null }));
      for (const cell of m.cells) if (cell.column >= left && cell.column <= right) row[cell.column - left] = cellContent(cell, prefix);
      return { row: m.row, row_: row };
    });
    const strings = await this.shared.lookUp(contents.flatMap((c) => c.row_.flatMap((x) => ('shared' in x ? [x.shared] : []))));
    const byRow = new Map<number, CellIn[]>();
    for (const c of contents) byRow.set(c.row, c.row_.map((x) => ('shared' in x ? (strings.get(x.shared) ?? null) : x.value)));
    // Edits of this session: a key changed or a new row may now match, or no longer.
    for (const [row, edits] of table.sheet.edits) {
      if (row <= top || row > table.bottom) continue;
      const span = edits.span();
      if (!span || span[1] < left || span[0] > right) continue;
      const cells = byRow.get(row) ?? (await this.currentRows(table, row, row))[0].cells;
      for (const [column, edit] of edits) if (column >= left && column <= right) cells[column - left] = writeValue(edit.write);
      byRow.set(row, cells);
    }
    const rows: LedgerRow[] = [];
    const found = new Set<string>();
    for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
      const cells = byRow.get(row)!;
      const value = String(cells[keyIndex] ?? '');
      if (!wanted.has(value) || isBlankRow(cells)) continue;
      found.add(value);
      rows.push({ ref: { table: key, row: row - 1 }, values: rowToRecord(key, headers, cells, this.locale, columns) });
    }
    const absent = [...wanted].filter((value) => !found.has(value));
    if (absent.length > 0) throw new KefuError([{ kind: 'recordNotFound', form: findForm(key)?.key, params: { value: absent.join(', ') } }]);
    return rows;
  }

  private async findCounter(key: string): Promise<{ row: number; seq: number; claimRow: number } | undefined> {
    const counters = this.locate(COUNTERS_TABLE);
    const headers = await this.headersOf(counters);
    const stateIndex = headers.findIndex((h) => columnForHeader(COUNTERS_TABLE, h, this.locale)?.key === 'state');
    for (const r of await this.currentRows(counters, counters.fileArea.top + 1, counters.bottom)) {
      const state = parseCounterState(r.cells[stateIndex]);
      if (state && state.key === key) return { row: r.row - 1, seq: state.seq, claimRow: state.row };
    }
    return undefined;
  }

  // ——————————————————————————————————————————————————————————————— Ledger: apply

  private setCell(sheet: SheetState, row: number, column: number, edit: CellEdit): void {
    let edits = sheet.edits.get(row);
    if (!edits) sheet.edits.set(row, (edits = new RowEdits()));
    edits.set(column, edit);
    if ('formula' in edit.write) this.touchesFileCells = true;
  }

  /** The style of each column's cell in row `row` of a table as it is now (file or this session's). */
  private async stylesAt(table: TableState, row: number): Promise<(string | undefined)[]> {
    const width = table.fileArea.right - table.fileArea.left + 1;
    const edits = table.sheet.edits.get(row);
    const file = row <= table.fileArea.bottom ? (await this.fileTail(table)).find((r) => r.row === row) : undefined;
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
        edits.appended = { table: table.name, left, source, width: kinds.length, kinds, styles: above, formulas };
        return;
      }
      // The blank last row of the table, in the file: its cells are written over.
      this.touchesFileCells = true;
      cellsOf(source).forEach((cell, j) => {
        if (cell !== undefined) this.setCell(table.sheet, row, left + j, { write: { value: cell }, kind: kinds[j], styleAbove: above[j], newRow: false, table: table.name });
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
      const [last] = table.bottom > table.fileArea.top ? await this.currentRows(table, table.bottom, table.bottom) : [];
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
      if (row <= table.fileArea.bottom) this.touchesFileCells = true;
      const kinds = this.kindsOf(update.ref.table, layout.headers);
      recordToRow(update.ref.table, layout, update.values, locale).forEach((cell, i) => {
        const key = columnForHeader(update.ref.table, layout.headers[i], locale)?.key;
        if (cell === undefined || key === undefined || !(key in update.values)) return;
        const previous = table.sheet.edits.get(row)?.get(table.fileArea.left + i);
        this.setCell(table.sheet, row, table.fileArea.left + i, { write: { value: cell }, kind: kinds[i], styleAbove: previous?.styleAbove, newRow: previous?.newRow ?? false, table: table.name });
      });
    }
    for (const claim of changes.confirm ?? []) {
      const claims = this.locate(claimsTableName(claim.series));
      const row = claim.claimRow + 1;
      const previous = claims.sheet.edits.get(row)?.get(claims.fileArea.left + 3);
      this.setCell(claims.sheet, row, claims.fileArea.left + 3, { write: { value: claim.seq }, kind: 'int', styleAbove: previous?.styleAbove, newRow: previous?.newRow ?? row > claims.fileArea.bottom, table: claims.name });
      // A counter only rises from what was read; the period's first claim alone adds its row (numbering.ts).
      if (claim.counter ? claim.counter.seq >= claim.seq : !addsCounterRow(claim)) continue;
      const key = counterKey(claim.series, claim.period);
      const cells: CellOut[] = [{ text: key }, claim.seq, claim.claimRow, { text: counterState(key, claim.seq, claim.claimRow) }];
      const counters = this.locate(COUNTERS_TABLE);
      if (claim.counter) {
        const counterRow = claim.counter.row + 1;
        if (counterRow <= counters.fileArea.bottom) this.touchesFileCells = true;
        cells.forEach((cell, j) => {
          const prev = counters.sheet.edits.get(counterRow)?.get(counters.fileArea.left + j);
          this.setCell(counters.sheet, counterRow, counters.fileArea.left + j, { write: { value: cell }, styleAbove: prev?.styleAbove, newRow: prev?.newRow ?? false, table: counters.name });
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

  /** Sheets to add, copied from a template (xlsx/packageUpgrade.ts), and sheets whose part a template's replaces. */
  private readonly imported: ImportedSheet[] = [];
  private readonly replacedParts = new Map<string, string>();
  /** Workbook-level defined names to set (the named lists behind long validations). */
  private readonly globalNames = new Map<string, string>();

  /** Whether the workbook has a sheet of this name (Excel compares names case-insensitively). */
  hasSheet(name: string): boolean {
    return this.sheets.has(name.toUpperCase()) || this.imported.some((i) => i.name.toUpperCase() === name.toUpperCase());
  }

  /** The names of the tables on a sheet. */
  tablesOn(sheetName: string): string[] {
    return [...this.tables.values()].filter((t) => t.sheet.name.toUpperCase() === sheetName.toUpperCase()).map((t) => t.name);
  }

  /** The name of the sheet a table is on. */
  sheetOf(tableName: string): string {
    return this.locate(tableName).sheet.name;
  }

  /** A table's header row (its labels, user-added columns included). */
  async tableHeaders(tableName: string): Promise<string[]> {
    return this.headersOf(this.locate(tableName));
  }

  sheetNames(): string[] {
    return [...this.sheets.values()].sort((a, b) => a.index - b.index).map((s) => s.name);
  }

  /** A sheet's part as the template has it (Latin-1), with styles, strings and formats made this workbook's own. */
  private async importedXml(template: PackageLedger, sheet: SheetState, styles: StyleBook): Promise<{ xml: string; rels: Relationship[] }> {
    const fromStyles = await template.styleBook();
    let xml = '';
    for await (const chunk of template.zip.latin1Chunks(sheet.path)) xml += chunk;
    const prefix = await template.prefixOf(sheet);
    // Shared strings of the template become inline strings here.
    const indexes = [...xml.matchAll(new RegExp(`<${prefix}c\\b[^>]*\\st="s"[^>]*>\\s*<${prefix}v>(\\d+)<\\/${prefix}v>`, 'g'))].map((m) => Number(m[1]));
    const strings = await template.shared.lookUp(indexes);
    xml = xml.replace(new RegExp(`<${prefix}c\\b([^>]*?)\\st="s"([^>]*)>\\s*<${prefix}v>(\\d+)<\\/${prefix}v>\\s*<\\/${prefix}c>`, 'g'), (_, before: string, after: string, index: string) => {
      const text = utf8Out(escapeCellText(strings.get(Number(index)) ?? ''));
      return `<${prefix}c${before} t="inlineStr"${after}><${prefix}is><${prefix}t xml:space="preserve">${text}</${prefix}t></${prefix}is></${prefix}c>`;
    });
    // Styles of cells, rows and columns; the formats of conditional formats.
    xml = xml.replace(new RegExp(`(<${prefix}(?:c|row)\\b[^>]*?\\ss=")(\\d+)(")`, 'g'), (_, a: string, id: string, b: string) => `${a}${styles.importStyle(fromStyles, id) ?? '0'}${b}`);
    xml = xml.replace(new RegExp(`(<${prefix}col\\b[^>]*?\\sstyle=")(\\d+)(")`, 'g'), (_, a: string, id: string, b: string) => `${a}${styles.importStyle(fromStyles, id) ?? '0'}${b}`);
    xml = xml.replace(/(<(?:\w+:)?cfRule\b[^>]*?\sdxfId=")(\d+)(")/g, (_, a: string, id: string, b: string) => `${a}${styles.importDxf(fromStyles, id)}${b}`);
    return { xml, rels: relationships(await template.zip.text(relsPathOf(sheet.path))) };
  }

  /** Adds a sheet of the template (with its tables, print area and the named lists it refers to) at the end. */
  async importSheet(template: PackageLedger, name: string): Promise<string[]> {
    const sheet = template.sheets.get(name.toUpperCase());
    if (!sheet) throw new Error(`The template has no sheet ${name}`);
    const styles = await this.styleBook();
    const { xml, rels } = await this.importedXml(template, sheet, styles);
    const tables = [...template.tables.values()].filter((t) => t.sheet === sheet);
    const state = workbookSheets(template.workbookXml).find((e) => e.name === sheet.name)?.state;
    const localNames = definedNames(template.workbookXml).filter((n) => n.localSheetId === sheet.index).map((n) => ({ name: n.name, text: n.text }));
    this.imported.push({ name: sheet.name, state, xml, tables: tables.map((t) => ({ name: t.name, xml: t.partXml, rid: rels.find((r) => resolvePath(sheet.path, r.target) === t.partPath)?.id ?? '' })), localNames });
    await this.importNamedLists(template, xml);
    return tables.map((t) => t.name);
  }

  /** Replaces a sheet of ours that holds no data (the statistics cross-check) with the template's copy, in its place. */
  async renewSheet(template: PackageLedger, name: string): Promise<boolean> {
    const existing = this.sheets.get(name.toUpperCase());
    const source = template.sheets.get(name.toUpperCase());
    if (!existing || !source || template.tablesOn(name).length > 0) return false;
    this.replacedParts.set(existing.path, (await this.importedXml(template, source, await this.styleBook())).xml);
    return true;
  }

  /** The template's named lists (kefu_list_…) this workbook lacks, with the sheet holding them (an older ledger's validations may use one its file lost). */
  async importMissingNamedLists(template: PackageLedger): Promise<number> {
    const here = new Set(definedNames(this.workbookXml).filter((n) => n.localSheetId === undefined).map((n) => n.name.toLowerCase()));
    const missing = definedNames(template.workbookXml).filter((n) => n.localSheetId === undefined && !here.has(n.name.toLowerCase()) && !this.globalNames.has(n.name));
    if (missing.length > 0) await this.importNamedLists(template, missing.map((n) => n.name).join(' '));
    return missing.length;
  }

  /** The workbook-level names (kefu_list_…) a sheet's validations use, from the template, with the sheet holding their lists. */
  private async importNamedLists(template: PackageLedger, xml: string): Promise<void> {
    for (const name of definedNames(template.workbookXml)) {
      if (name.localSheetId !== undefined || !xml.includes(name.name)) continue;
      const current = definedNames(this.workbookXml).find((n) => n.name === name.name && n.localSheetId === undefined);
      if (current?.text === name.text) continue;
      this.globalNames.set(name.name, name.text);
      // The lists live on the template's hidden lists sheet: it comes along whole.
      const listSheet = /^'?([^'!]+)'?!/.exec(name.text)?.[1];
      if (!listSheet) continue;
      const existing = this.sheets.get(listSheet.toUpperCase());
      const source = template.sheets.get(listSheet.toUpperCase());
      if (!source) continue;
      if (existing) {
        if (!this.replacedParts.has(existing.path)) this.replacedParts.set(existing.path, (await this.importedXml(template, source, await this.styleBook())).xml);
      } else if (!this.imported.some((i) => i.name === source.name)) {
        await this.importSheet(template, source.name);
      }
    }
  }

  /**
   * Adds a table of the template into a sheet this workbook already has (a new series' claims
   * table on the numbering sheet): where the template has it or — for a claims table whose place
   * an older ledger gives another table (numbers find their claims table by name, not place) —
   * one column right of the sheet's last claims table, as the add-in's upgrade places it. The
   * cells it takes must be empty (nothing a user typed is covered).
   */
  async importTableInto(template: PackageLedger, tableName: string): Promise<void> {
    const from = template.tables.get(tableName.toLowerCase());
    if (!from) throw new Error(`The template has no table ${tableName}`);
    const sheet = this.sheets.get(from.sheet.name.toUpperCase());
    if (!sheet) throw new Error(`No sheet ${from.sheet.name} to put ${tableName} on`);
    const area = this.placeOnSheet(from.name, from.fileArea, sheet);
    await this.scanSheet(sheet, area.top, area.bottom, (row, cells) => {
      const taken = cells.find((c) => c.column >= area.left && c.column <= area.right && (c.v !== undefined || c.formula || c.type === 'inlineStr'));
      if (taken) throw new KefuError([{ kind: 'tableInTheWay', params: { sheet: sheet.name, cell: `${columnLetters(taken.column)}${row}`, table: from.name } }]);
    });
    const styles = await this.styleBook();
    const fromStyles = await template.styleBook();
    const rows = await template.fileRows(from, from.fileArea.top, from.fileArea.bottom);
    for (const row of rows) {
      row.cells.forEach((cell, i) => {
        this.setCell(sheet, row.row - from.fileArea.top + area.top, area.left + i, {
          write: { value: cell === null || cell === undefined ? null : typeof cell === 'string' ? { text: cell } : cell },
          style: styles.importStyle(fromStyles, row.styles[i]) ?? '0',
          newRow: true,
          table: from.name,
        });
      });
    }
    this.newTables.push({ name: from.name, xml: tableWithRef(from.partXml, formatArea(area)), sheet, area });
  }

  /** The area a table of the template's `area` takes on `sheet` of this workbook (see importTableInto). */
  private placeOnSheet(name: string, area: Area, sheet: SheetState): Area {
    const onSheet = [
      ...[...this.tables.values()].filter((t) => t.sheet === sheet).map((t) => ({ name: t.name, area: { ...t.fileArea, bottom: t.bottom } })),
      ...this.newTables.filter((t) => t.sheet === sheet),
    ];
    const overlaps = onSheet.some((t) => t.area.top <= area.bottom && area.top <= t.area.bottom && t.area.left <= area.right && area.left <= t.area.right);
    const claims = onSheet.filter((t) => t.name.toLowerCase().startsWith('kefu_claims_'));
    if (!overlaps || !name.toLowerCase().startsWith('kefu_claims_') || claims.length === 0) return area;
    const left = Math.max(...claims.map((t) => t.area.right)) + 2;
    return { ...area, left, right: left + area.right - area.left };
  }

  /** Tables added into existing sheets (their parts, relationships and content types are made on writing). */
  private readonly newTables: { name: string; xml: string; sheet: SheetState; area: Area }[] = [];

  /**
   * Adds columns of ours a table lacks, at its right (after any a user added): header cells styled
   * as the template's, the template's validations over the table's rows, widths. The cells of the
   * new columns must be empty for every row of the table (nothing a user typed is covered).
   */
  async importColumns(template: PackageLedger, tableName: string, keys: readonly string[]): Promise<string[]> {
    const table = this.locate(tableName);
    const from = template.tables.get(tableName.toLowerCase());
    if (!from || keys.length === 0) return [];
    const headers = await this.headersOf(table);
    const fromHeaders = await template.headersOf(from);
    const key = (h: string) => columnForHeader(tableName, h, this.locale)?.key;
    const styles = await this.styleBook();
    const fromStyles = await template.styleBook();
    const [fromHeader] = await template.fileRows(from, from.fileArea.top, from.fileArea.top);
    const { top, right } = table.fileArea;
    const bottom = table.bottom;
    // Nothing may stand where the new columns go.
    const width = keys.length;
    await this.scanSheet(table.sheet, top, bottom, (row, cells) => {
      const taken = cells.find((c) => c.column > right && c.column <= right + width && (c.v !== undefined || c.formula || c.type === 'inlineStr'));
      if (taken) throw new KefuError([{ kind: 'columnInTheWay', params: { sheet: table.sheet.name, cell: `${columnLetters(taken.column)}${row}`, table: table.name } }]);
    });
    const fromValidations = await template.sheetValidations(from.sheet);
    const labels: string[] = [];
    let partXml = table.partXml;
    const ids = table.part.columns.map((c) => Number(c.id)).filter(Number.isFinite);
    let nextId = Math.max(0, ...ids) + 1;
    keys.forEach((columnKey, i) => {
      const fromIndex = fromHeaders.findIndex((h) => key(h) === columnKey);
      const label = fromHeaders[fromIndex] ?? columnKey;
      const column = right + 1 + i;
      labels.push(label);
      this.setCell(table.sheet, top, column, { write: { value: { text: label } }, style: styles.importStyle(fromStyles, fromHeader?.styles[fromIndex]) ?? '0', newRow: true, table: table.name });
      partXml = partXml.replace(/<((?:\w+:)?)tableColumns\b([^>]*)>([\s\S]*?)<\/\1tableColumns>/, (_, p: string, attrs: string, body: string) =>
        `${withAttribute(`<${p}tableColumns${attrs}>`, 'count', String(table.part.columns.length + i + 1))}${body}<${p}tableColumn id="${nextId++}" name="${escapeXml(label)}"/></${p}tableColumns>`,
      );
      // The template's validation of that column, over this table's rows.
      const fromLetter = columnLetters(from.fileArea.left + fromIndex);
      for (const element of fromValidations) {
        const sqref = attribute(element, 'sqref') ?? '';
        const area = sqref.split(/\s+/).map(parseArea).find((a) => a && a.left === a.right && columnLetters(a.left) === fromLetter);
        if (!area) continue;
        const rows = `${columnLetters(column)}${top + 1}:${columnLetters(column)}${Math.max(bottom, area.bottom)}`;
        (table.sheet.newValidations ??= []).push(element.replace(/\ssqref="[^"]*"/, () => ` sqref="${rows}"`));
      }
      const width = template.columnWidths.get(from.sheet.path)?.get(from.fileArea.left + fromIndex);
      if (width !== undefined) (table.sheet.newColumnWidths ??= new Map()).set(column, width);
    });
    // The named lists (kefu_list_…) the new validations take their choices from.
    await this.importNamedLists(template, (table.sheet.newValidations ?? []).join(''));
    table.fileArea = { ...table.fileArea, right: right + keys.length };
    table.headers = [...headers, ...labels];
    table.partXml = partXml;
    table.partChanged = true;
    return labels;
  }

  /** The `<dataValidation>` elements of a (small) sheet. */
  private async sheetValidations(sheet: SheetState): Promise<string[]> {
    let xml = '';
    for await (const chunk of this.zip.latin1Chunks(sheet.path)) xml += chunk;
    const found = [...xml.matchAll(/<((?:\w+:)?)dataValidation\b[^>]*?(?:\/>|>[\s\S]*?<\/\1dataValidation>)/g)].map((m) => m[0]);
    const widths = new Map<number, number>();
    for (const m of xml.matchAll(/<(?:\w+:)?col\b[^>]*>/g)) {
      const min = Number(attribute(m[0], 'min'));
      const max = Number(attribute(m[0], 'max'));
      const width = Number(attribute(m[0], 'width'));
      if (Number.isFinite(width)) for (let c = min; c <= max; c++) widths.set(c, width);
    }
    this.columnWidths.set(sheet.path, widths);
    return found;
  }

  /** Column widths of sheets read by `sheetValidations`. */
  private readonly columnWidths = new Map<string, Map<number, number>>();

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
  async write(sink: ZipSink): Promise<string[]> {
    const writer = new ZipWriter(sink);
    const changed = new Map<string, Buffer>();
    const dropped = new Set<string>();
    const editedSheets = new Map([...this.sheets.values()].filter((s) => s.edits.size > 0).map((s) => [s.path, s]));
    const grown = [...this.tables.values()].filter((t) => t.bottom !== t.fileArea.bottom);
    for (const table of [...this.tables.values()].filter((t) => t.partChanged || grown.includes(t))) {
      const area = { ...table.fileArea, bottom: table.bottom };
      changed.set(table.partPath, Buffer.from(tableWithRef(table.partXml, formatArea(area)), 'utf8'));
    }
    for (const [path, xml] of this.replacedParts) changed.set(path, Buffer.from(xml, 'latin1'));
    let workbook = this.workbookXml;
    // Print areas that cover a table's rows grow with it.
    for (const name of definedNames(workbook)) {
      if (name.name !== '_xlnm.Print_Area' || name.localSheetId === undefined) continue;
      const sheet = [...this.sheets.values()].find((s) => s.index === name.localSheetId);
      const tables = grown.filter((t) => t.sheet === sheet);
      if (!sheet || tables.length === 0) continue;
      const text = name.text.replace(/(\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)/g, (ref) => {
        const area = parseArea(ref.replace(/\$/g, ''));
        const bottom = area ? grownBottom(area, tables) : undefined;
        return area && bottom ? ref.replace(/(\d+)$/, () => String(bottom)) : ref;
      });
      if (text !== name.text) workbook = workbook.replace(name.element, () => withDefinedNameText(name.element, text));
    }
    const formulas = [...editedSheets.values()].some((s) => [...s.edits.values()].some((row) => row.hasFormula()));
    if (formulas) workbook = withFullCalcOnLoad(workbook);
    // The calculation chain lists formula cells; Excel rebuilds it when it is missing. It goes when
    // formulas are written or cells of the file are written over (one of them may hold a formula).
    const calcChain = relationships(this.workbookRels).find((r) => r.type === REL_TYPES.calcChain);
    if (calcChain && (this.touchesFileCells || formulas)) {
      const path = resolvePath('xl/workbook.xml', calcChain.target);
      dropped.add(path);
      changed.set('xl/_rels/workbook.xml.rels', Buffer.from(removeRelationshipsOfType(this.workbookRels, REL_TYPES.calcChain), 'utf8'));
      const types = await this.zip.text('[Content_Types].xml');
      if (types !== undefined) changed.set('[Content_Types].xml', Buffer.from(removeContentTypeOverride(types, `/${path}`), 'utf8'));
    }
    // Report sheets: an existing sheet's part is replaced; a new sheet gets a part, a relationship,
    // an entry in the workbook and a content type.
    const reportParts = new Map<string, ReportSheet>();
    const newReports: { path: string; report: ReportSheet }[] = [];
    let rels = changed.has('xl/_rels/workbook.xml.rels') ? changed.get('xl/_rels/workbook.xml.rels')!.toString('utf8') : this.workbookRels;
    let types = changed.has('[Content_Types].xml') ? changed.get('[Content_Types].xml')!.toString('utf8') : await this.zip.text('[Content_Types].xml');
    for (const [upper, report] of this.reports) {
      const existing = this.sheets.get(upper);
      if (existing) {
        reportParts.set(existing.path, report);
        continue;
      }
      let n = this.sheets.size + newReports.length + 1;
      while (this.zip.has(`xl/worksheets/sheet${n}.xml`) || newReports.some((r) => r.path === `xl/worksheets/sheet${n}.xml`)) n++;
      const path = `xl/worksheets/sheet${n}.xml`;
      const added = addRelationship(rels, REL_TYPES.worksheet, `worksheets/sheet${n}.xml`);
      rels = added.xml;
      const sheetIds = workbookSheets(workbook).map((e) => Number(e.sheetId)).filter(Number.isFinite);
      const sheetId = Math.max(0, ...sheetIds) + 1;
      workbook = workbook.replace(/<\/((?:\w+:)?)sheets>/, (close, p: string) => `<${p}sheet name="${escapeXml(report.name)}" sheetId="${sheetId}" r:id="${added.id}"/>${close}`);
      if (types !== undefined) types = addContentTypeOverride(types, `/${path}`, CONTENT_TYPES.worksheet);
      newReports.push({ path, report });
    }
    // Tables and sheets copied from a template (the upgrade).
    const newParts: { path: string; data: Buffer }[] = [];
    const takenPaths = new Set(this.zip.entries.map((e) => e.name));
    const freePath = (make: (n: number) => string) => {
      let n = 1;
      while (takenPaths.has(make(n))) n++;
      takenPaths.add(make(n));
      return make(n);
    };
    newReports.forEach((r) => takenPaths.add(r.path));
    let tableId = Math.max(0, ...[...this.tables.values()].map((t) => Number(attribute(/<(?:\w+:)?table\b[^>]*>/.exec(t.partXml)?.[0] ?? '', 'id') ?? 0)));
    const newTablePart = (xml: string) => {
      const path = freePath((n) => `xl/tables/table${n}.xml`);
      newParts.push({ path, data: Buffer.from(xml.replace(/<(?:\w+:)?table\b[^>]*>/, (head) => withAttribute(head, 'id', String(++tableId))), 'utf8') });
      if (types !== undefined) types = addContentTypeOverride(types, `/${path}`, CONTENT_TYPES.table);
      return path;
    };
    const sheetTableParts = new Map<string, string[]>();
    for (const { xml, sheet } of this.newTables) {
      const path = newTablePart(xml);
      const relsPath = relsPathOf(sheet.path);
      const current = changed.get(relsPath)?.toString('utf8') ?? (await this.zip.text(relsPath));
      const added = addRelationship(current, REL_TYPES.table, relativeTarget(sheet.path, path));
      changed.set(relsPath, Buffer.from(added.xml, 'utf8'));
      if (!this.zip.has(relsPath) && !newParts.some((p) => p.path === relsPath)) newParts.push({ path: relsPath, data: Buffer.alloc(0) });
      sheetTableParts.set(sheet.path, [...(sheetTableParts.get(sheet.path) ?? []), added.id]);
    }
    const sheetCount = this.sheets.size + newReports.length;
    this.imported.forEach((imported, i) => {
      const path = freePath((n) => `xl/worksheets/sheet${n}.xml`);
      let xml = imported.xml;
      let sheetRels: string | undefined;
      for (const table of imported.tables) {
        const tablePath = newTablePart(table.xml);
        const added = addRelationship(sheetRels, REL_TYPES.table, relativeTarget(path, tablePath));
        sheetRels = added.xml;
        xml = xml.replace(new RegExp(`(<(?:\\w+:)?tablePart\\b[^>]*r:id=")${table.rid}(")`), (_, a: string, b: string) => `${a}${added.id}${b}`);
      }
      // Relationships the template's sheet had to anything but its tables are not carried over.
      xml = xml.replace(/<(?:\w+:)?(?:drawing|legacyDrawing|legacyDrawingHF|hyperlink)\b[^>]*\/>/g, '');
      newParts.push({ path, data: Buffer.from(xml, 'latin1') });
      if (sheetRels) newParts.push({ path: relsPathOf(path), data: Buffer.from(sheetRels, 'utf8') });
      const added = addRelationship(rels, REL_TYPES.worksheet, relativeTarget('xl/workbook.xml', path));
      rels = added.xml;
      const sheetId = Math.max(0, ...workbookSheets(workbook).map((e) => Number(e.sheetId)).filter(Number.isFinite)) + 1;
      const state = imported.state ? ` state="${imported.state}"` : '';
      workbook = workbook.replace(/<\/((?:\w+:)?)sheets>/, (close, p: string) => `<${p}sheet name="${escapeXml(imported.name)}" sheetId="${sheetId}"${state} r:id="${added.id}"/>${close}`);
      for (const name of imported.localNames) workbook = withDefinedName(workbook, name.name, name.text, sheetCount + i);
      if (types !== undefined) types = addContentTypeOverride(types, `/${path}`, CONTENT_TYPES.worksheet);
    });
    for (const [name, text] of this.globalNames) workbook = withDefinedName(workbook, name, text, undefined);
    if (newReports.length > 0 || newParts.length > 0) {
      changed.set('xl/_rels/workbook.xml.rels', Buffer.from(rels, 'utf8'));
      if (types !== undefined) changed.set('[Content_Types].xml', Buffer.from(types, 'utf8'));
    }
    for (const sheet of this.sheets.values()) {
      if (sheetTableParts.has(sheet.path) && !editedSheets.has(sheet.path)) editedSheets.set(sheet.path, sheet);
    }
    if ([...this.reports.values()].some((r) => r.rows.some((row) => row.some((cell) => cell !== null && 'formula' in cell)))) workbook = withFullCalcOnLoad(workbook);
    if (workbook !== this.workbookXml) changed.set('xl/workbook.xml', Buffer.from(workbook, 'utf8'));
    const written: string[] = [];
    // Styles are decided while the sheets are written: the style sheet goes after them when it changed.
    const styles = await this.styleBook();
    let stylesEntry: ZipEntry | undefined;
    for (const entry of this.zip.entries) {
      if (dropped.has(entry.name)) continue;
      const sheet = editedSheets.get(entry.name);
      const report = reportParts.get(entry.name);
      if (report) {
        const out = await writer.beginSegmented(entry.name, entry);
        await writeReportPart(new SegmentCutter(out), report, styles, await this.keptElements(entry));
        await out.end();
        written.push(entry.name);
      } else if (sheet) {
        await this.writeSheet(writer, entry, sheet, grown.filter((t) => t.sheet === sheet), styles, sheetTableParts.get(sheet.path) ?? []);
        written.push(entry.name);
      } else if (entry.name === this.stylesPath) {
        stylesEntry = entry;
      } else if (changed.has(entry.name)) {
        await writer.add(entry.name, changed.get(entry.name)!, entry);
        written.push(entry.name);
      } else {
        await writer.copy(this.zip, entry);
      }
    }
    for (const part of newParts) {
      const data = part.data.length > 0 ? part.data : changed.get(part.path);
      if (!data) continue;
      await writer.add(part.path, data);
      written.push(part.path);
    }
    for (const { path, report } of newReports) {
      const out = await writer.beginSegmented(path);
      await writeReportPart(new SegmentCutter(out), report, styles, []);
      await out.end();
      written.push(path);
    }
    if (stylesEntry) {
      if (styles.isChanged) {
        await writer.add(stylesEntry.name, Buffer.from(styles.text, 'utf8'), stylesEntry);
        written.push(stylesEntry.name);
      } else {
        await writer.copy(this.zip, stylesEntry);
      }
    }
    await writer.finish();
    return written;
  }

  /** The elements of a sheet a report replaces that are not the report's: its drawing (the add-in's charts) and comments' drawing. */
  private async keptElements(entry: ZipEntry): Promise<string[]> {
    const kept: string[] = [];
    let carry = '';
    for await (const chunk of this.zip.latin1Chunks(entry.name)) {
      const text = carry + chunk;
      for (const m of text.matchAll(/<(?:\w+:)?(?:drawing|legacyDrawing|legacyDrawingHF)\b[^>]*\/>/g)) if (!kept.includes(m[0])) kept.push(m[0]);
      carry = text.slice(-512);
    }
    return kept;
  }

  private async styleBook(): Promise<StyleBook> {
    if (!this.styles) {
      const rel = relationships(this.workbookRels).find((r) => r.type === REL_TYPES.styles);
      this.stylesPath = rel ? resolvePath('xl/workbook.xml', rel.target) : undefined;
      this.styles = new StyleBook(this.stylesPath ? await this.zip.text(this.stylesPath) : undefined);
    }
    return this.styles;
  }

  /**
   * Writes a worksheet with its edits. With segments, only the segments holding an edited row (and
   * the first, for the dimension, and the last, for new rows at the end and the ranges that grow
   * with the tables) are inflated, edited and deflated again; the others are copied.
   */
  private async writeSheet(writer: ZipWriter, entry: ZipEntry, sheet: SheetState, grown: readonly TableState[], styles: StyleBook, tableParts: readonly string[]): Promise<void> {
    const prefix = await this.prefixOf(sheet);
    const out = await writer.beginSegmented(entry.name, entry);
    const rows = [...sheet.edits.keys()].sort((a, b) => a - b);
    const segments = entry.segments;
    // A segment written again is cut only once it has doubled: a few bytes more in the head (the
    // dimension) must not move the cut and so every segment after it.
    const editor = new SheetEditor(sheet, prefix, rows, grown, styles, out, tableParts, segments ? 2 * SEGMENT_BYTES : SEGMENT_BYTES);
    if (!segments) {
      await editor.run(sheetPieces(this.zip.latin1Chunks(entry.name), prefix), true, 0);
    } else {
      const rewrite = new Set<number>([0, segments.length - 1]);
      for (const row of rows) rewrite.add(this.startSegment(entry, row));
      for (let i = 0; i < segments.length; i++) {
        const last = i === segments.length - 1;
        if (!rewrite.has(i)) {
          await editor.flushBefore(segments[i].firstRow);
          await out.copy(this.zip, entry, i);
          continue;
        }
        const text = (await this.zip.segmentText(entry, i)).toString('latin1');
        const limit = last ? Infinity : this.nextFirstRow(segments, i) - 1;
        await editor.run(sheetPieces([text], prefix, segments[i].firstRow > 0 ? segments[i].firstRow - 1 : 0), last, limit);
      }
    }
    await out.end();
    if (editor.coveredFormula) this.touchesFileCells = true;
  }

  private nextFirstRow(segments: readonly { firstRow: number }[], i: number): number {
    for (let j = i + 1; j < segments.length; j++) if (segments[j].firstRow !== 0) return segments[j].firstRow;
    return Infinity;
  }
}

/** Where the first of `elements` begins in a worksheet's tail, or the root's end tag. */
function firstOf(tail: string, prefix: string, elements: readonly string[]): number {
  for (const name of elements) {
    const m = new RegExp(`<${prefix}${name}[\\s/>]`).exec(tail);
    if (m) return m.index;
  }
  return tail.lastIndexOf(`</${prefix}worksheet>`);
}

/** The workbook with a defined name set (replaced when it exists for the same scope, added otherwise). */
function withDefinedName(workbook: string, name: string, text: string, localSheetId: number | undefined): string {
  const existing = definedNames(workbook).find((n) => n.name === name && n.localSheetId === localSheetId);
  if (existing) return workbook.replace(existing.element, () => withDefinedNameText(existing.element, text));
  const prefix = /<(\w+:)?workbook[\s>]/.exec(workbook)?.[1] ?? '';
  const element = `<${prefix}definedName name="${escapeXml(name)}"${localSheetId === undefined ? '' : ` localSheetId="${localSheetId}"`}>${escapeXml(text)}</${prefix}definedName>`;
  const close = `</${prefix}definedNames>`;
  if (workbook.includes(close)) return workbook.replace(close, () => `${element}${close}`);
  // definedNames comes right after sheets (CT_Workbook).
  return workbook.replace(new RegExp(`</${prefix}sheets>`), (m) => `${m}<${prefix}definedNames>${element}${close}`);
}

/** The new last row of a range that covered a table's rows down to its end, or undefined when it does not grow. */
function grownBottom(area: Area, tables: readonly TableState[]): number | undefined {
  for (const t of tables) {
    const { top, left, right, bottom: oldBottom } = t.fileArea;
    const overlaps = area.left <= right && area.right >= left;
    const coversBody = area.top <= top + 1 && area.bottom >= Math.min(oldBottom, TEMPLATE_COVERED_ROW);
    if (overlaps && coversBody && area.bottom < t.bottom) return t.bottom;
  }
  return undefined;
}

/** A formula of a table's calculated column moved down `rows` rows: relative row references follow (A2 → A5). */
export function shiftFormula(formula: string, rows: number): string {
  if (rows === 0) return formula;
  // Outside strings and structured references ([…]), and not part of a name or function.
  return formula.replace(/("(?:[^"]|"")*"|\[[^\]]*\]|'(?:[^']|'')*'!)|(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g, (whole, skip: string | undefined, colAbs: string, col: string, rowAbs: string, row: string) => {
    if (skip) return whole;
    return rowAbs ? whole : `${colAbs}${col}${rowAbs}${Number(row) + rows}`;
  });
}

/**
 * Streams a worksheet's rows into segments with the edits applied: edited rows rewritten, new
 * rows inserted where their numbers sort, the dimension widened, and data validations and
 * conditional formats that covered a table's rows grown with it.
 */
class SheetEditor {
  private next = 0;
  private pendingHead = '';
  private inTail = false;
  private tail = '';
  coveredFormula = false;
  private readonly cutter: SegmentCutter;

  constructor(
    private readonly sheet: SheetState,
    private readonly prefix: string,
    /** Edited rows, in order. */
    private readonly rows: readonly number[],
    private readonly grown: readonly TableState[],
    private readonly styles: StyleBook,
    out: SegmentedEntry,
    /** Relationship ids of tables added to the sheet (their `<tablePart>` elements). */
    private readonly tableParts: readonly string[] = [],
    cutAt = SEGMENT_BYTES,
  ) {
    this.cutter = new SegmentCutter(out, cutAt);
  }

  /** Rows with edits that do not exist in the file yet, numbered below `row`, written now (before a copied segment that starts at `row`). */
  async flushBefore(row: number): Promise<void> {
    if (row === 0) return;
    await this.newRowsThrough(row - 1);
    await this.cut(true);
  }

  /** Runs the pieces of a stretch of the sheet (the whole part, or one segment); `last` when it ends the part. */
  async run(pieces: AsyncIterable<SheetPiece>, last: boolean, limit: number): Promise<void> {
    for await (const piece of pieces) {
      if (piece.kind === 'row') {
        await this.headDone();
        await this.newRowsThrough(piece.row - 1);
        if (this.next < this.rows.length && this.rows[this.next] === piece.row) {
          this.emitRow(piece.row, piece.xml);
          this.next++;
        } else {
          this.emit(piece.xml, piece.row);
        }
        if (this.cutter.full) await this.cut(false);
        continue;
      }
      await this.text(piece.text);
    }
    if (this.pendingHead) await this.headDone();
    if (!last) {
      // New rows that belong before the next segment's first row.
      await this.newRowsThrough(limit);
    }
    if (this.inTail) this.finishTail();
    await this.cut(true, last);
  }

  private async text(text: string): Promise<void> {
    if (this.inTail) {
      this.tail += text;
      return;
    }
    // Until the rows begin, the head is held (its dimension may change); after them, the tail.
    const combined = this.pendingHead + text;
    const closeTag = `</${this.prefix}sheetData>`;
    const empty = new RegExp(`<${this.prefix}sheetData\\s*/>`).exec(combined);
    const close = combined.indexOf(closeTag);
    if (empty && (close < 0 || empty.index < close)) {
      this.pendingHead = '';
      this.emitHead(combined.slice(0, empty.index) + `<${this.prefix}sheetData>`);
      await this.newRowsThrough(Infinity);
      this.inTail = true;
      this.tail = closeTag + combined.slice(empty.index + empty[0].length);
      return;
    }
    if (close >= 0) {
      this.pendingHead = '';
      this.emitHead(combined.slice(0, close));
      await this.newRowsThrough(Infinity);
      this.inTail = true;
      this.tail = combined.slice(close);
      return;
    }
    if (!new RegExp(`<${this.prefix}sheetData[\\s>]`).test(combined) && combined.length < 1 << 20) {
      this.pendingHead = combined; // still in the head (sheetPr, dimension, views, cols …)
      return;
    }
    this.pendingHead = '';
    this.emitHead(combined);
  }

  private async headDone(): Promise<void> {
    if (!this.pendingHead) return;
    const head = this.pendingHead;
    this.pendingHead = '';
    this.emitHead(head);
  }

  private emitHead(text: string): void {
    this.emit(this.withDimension(text), 0);
  }

  /** The rows with edits that the file does not have, numbered up to `limit`, each followed by a cut when enough is held. */
  private async newRowsThrough(limit: number): Promise<void> {
    while (this.next < this.rows.length && this.rows[this.next] <= limit) {
      this.emitRow(this.rows[this.next], undefined);
      this.next++;
      if (this.cutter.full) await this.cut(false);
    }
  }

  /** The dimension element widened over the rows written, and the widths of new columns. */
  private withDimension(text: string): string {
    const head = this.withWidths(text);
    if (this.rows.length === 0) return head;
    return head.replace(new RegExp(`<${this.prefix}dimension\\b[^>]*>`), (tag) => {
      const area = parseArea(attribute(tag, 'ref') ?? '');
      if (!area) return tag;
      let { top, left, bottom, right } = area;
      for (const [row, edits] of this.sheet.edits) {
        top = Math.min(top, row);
        bottom = Math.max(bottom, row);
        const span = edits.span();
        if (!span) continue;
        left = Math.min(left, span[0]);
        right = Math.max(right, span[1]);
      }
      return withAttribute(tag, 'ref', formatArea({ top, left, bottom, right }));
    });
  }

  private columnsCache?: { left: number; kinds: AppendedRow['kinds']; stylesAbove: AppendedRow['styles']; letters: string[]; styles: (string | undefined)[] };

  /** The column letters and the styles to write of an append's rows (the same for all of its rows). */
  private columnsOf(a: AppendedRow): { letters: string[]; styles: (string | undefined)[] } {
    const cached = this.columnsCache;
    if (cached && cached.left === a.left && cached.kinds === a.kinds && cached.stylesAbove === a.styles) return cached;
    const letters = a.kinds.map((_, i) => columnLetters(a.left + i));
    const styles = a.kinds.map((kind, i) => this.styles.styleFor(a.styles[i], kind));
    this.columnsCache = { left: a.left, kinds: a.kinds, stylesAbove: a.styles, letters, styles };
    return this.columnsCache;
  }

  private withWidths(head: string): string {
    const widths = this.sheet.newColumnWidths;
    if (!widths || widths.size === 0) return head;
    const p = this.prefix;
    const cols = [...widths].sort((a, b) => a[0] - b[0]).map(([c, w]) => `<${p}col min="${c}" max="${c}" width="${w}" customWidth="1"/>`).join('');
    const close = `</${p}cols>`;
    if (head.includes(close)) return head.replace(close, () => `${cols}${close}`);
    // <cols> comes right before <sheetData> (CT_Worksheet).
    const data = new RegExp(`<${p}sheetData[\\s/>]`).exec(head);
    return data ? `${head.slice(0, data.index)}<${p}cols>${cols}${close}${head.slice(data.index)}` : head;
  }

  private emitRow(row: number, xml: string | undefined): void {
    const edits = this.sheet.edits.get(row)!;
    const p = this.prefix;
    if (xml === undefined && edits.onlyAppended) {
      // A row appended whole: written straight from its values.
      const a = edits.appended!;
      const values = cellsOf(a.source);
      const { letters, styles } = this.columnsOf(a);
      // Joined, not concatenated: a flat string, not a rope of the row's pieces held until the segment is cut.
      const parts = [`<${p}row r="${row}">`];
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        const formula = a.formulas?.[i];
        if (value === undefined && formula === undefined) continue;
        const ref = letters[i] + row;
        parts.push(formula !== undefined ? cellXml(p, ref, a.styles[i], { formula }) : cellXml(p, ref, value === null ? a.styles[i] : styles[i], { value: value! }));
      }
      parts.push(`</${p}row>`);
      this.emitText(parts.join(''), row);
      return;
    }
    // A row of the file with cells written over it (its XML read as text, written back as UTF-8).
    const text = xml === undefined ? undefined : utf8In(xml);
    const existing = text ? parseCells(splitRow(text, p).content, p, row) : [];
    const writes = new Map<number, string>();
    for (const [column, edit] of edits) {
      const cell = existing.find((c) => c.column === column);
      if (cell && edit.newRow && (cell.v !== undefined || cell.formula || cell.type === 'inlineStr')) {
        throw new KefuError([{ kind: 'cellInTheWay', params: { sheet: this.sheet.name, cell: `${columnLetters(column)}${row}`, table: edit.table } }]);
      }
      if (cell?.formula) this.coveredFormula = true;
      const base = cell ? cell.style : edit.styleAbove;
      const value = 'value' in edit.write ? edit.write.value : undefined;
      const style = edit.style ?? (value === null ? base : this.styles.styleFor(base, edit.kind));
      writes.set(column, cellXml(p, `${columnLetters(column)}${row}`, style, edit.write));
    }
    this.emitText(rowWithCells(text, row, p, writes), row);
  }

  private finishTail(): void {
    let tail = this.tail;
    this.tail = '';
    this.inTail = false;
    tail = this.withAdditions(tail);
    if (this.grown.length > 0) {
      // sqref="A2:A20001 C2:C20001" of validations and conditional formats, and <xm:sqref> of their extensions.
      const grow = (list: string) =>
        list
          .split(/\s+/)
          .map((ref) => {
            const area = parseArea(ref);
            const bottom = area ? grownBottom(area, this.grown) : undefined;
            return area && bottom ? formatArea({ ...area, bottom }) : ref;
          })
          .join(' ');
      tail = tail
        .replace(/(<(?:\w+:)?(?:dataValidation|conditionalFormatting)\b[^>]*?\ssqref=")([^"]*)(")/g, (_, a: string, list: string, b: string) => `${a}${grow(list)}${b}`)
        .replace(/(<(\w+:)?sqref>)([^<]*)(<\/\2sqref>)/g, (_, a: string, __: string, list: string, b: string) => `${a}${grow(list)}${b}`);
    }
    this.emit(tail, 0);
  }

  /** New validations and table parts in the tail, each where the schema puts it (CT_Worksheet order). */
  private withAdditions(tail: string): string {
    const p = this.prefix;
    const validations = this.sheet.newValidations ?? [];
    if (validations.length > 0) {
      const block = new RegExp(`<${p}dataValidations\\b([^>]*)>([\\s\\S]*?)</${p}dataValidations>`).exec(tail);
      if (block) {
        const count = (block[2].match(new RegExp(`<${p}dataValidation\\b`, 'g')) ?? []).length + validations.length;
        tail = tail.replace(block[0], () => `${withAttribute(`<${p}dataValidations${block[1]}>`, 'count', String(count))}${block[2]}${validations.join('')}</${p}dataValidations>`);
      } else {
        const at = firstOf(tail, p, ['hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst']);
        tail = `${tail.slice(0, at)}<${p}dataValidations count="${validations.length}">${validations.join('')}</${p}dataValidations>${tail.slice(at)}`;
      }
    }
    if (this.tableParts.length > 0) {
      const parts = this.tableParts.map((id) => `<${p}tablePart r:id="${id}"/>`).join('');
      const block = new RegExp(`<${p}tableParts\\b([^>]*)>([\\s\\S]*?)</${p}tableParts>`).exec(tail);
      if (block) {
        const count = (block[2].match(new RegExp(`<${p}tablePart\\b`, 'g')) ?? []).length + this.tableParts.length;
        tail = tail.replace(block[0], () => `${withAttribute(`<${p}tableParts${block[1]}>`, 'count', String(count))}${block[2]}${parts}</${p}tableParts>`);
      } else {
        const at = firstOf(tail, p, ['extLst']);
        tail = `${tail.slice(0, at)}<${p}tableParts count="${this.tableParts.length}">${parts}</${p}tableParts>${tail.slice(at)}`;
      }
    }
    return tail;
  }

  /** Markup or a row as it was in the file (Latin-1: its bytes). */
  private emit(text: string, row: number): void {
    this.cutter.emit(text, row);
  }

  /** A row made here (text, written as UTF-8). */
  private emitText(text: string, row: number): void {
    this.cutter.emitText(text, row);
  }

  private cut(force: boolean, last = false): Promise<void> {
    return this.cutter.cut(force, last);
  }
}

