import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n/locale';
import { KefuError } from '../../core/problems';
import { findForm } from '../../forms';
import { fromCell, type CellIn, type ColumnLike, type DomainValue } from '../cells';
import { META_TABLE } from '../layout';
import { checkLayout, columnForHeader, mustFindEach } from '../schema';
import type { ApplyResult, ChangeSet, Ledger, LedgerRow, Snapshot, SnapshotRequest } from '../types';
import { ZipFile, bufferSource, fileSource, type ByteSource } from './zip';
import { attribute, columnNumber, eachElement, isTagBoundary, stringItemText, unescapeXml, utf8In } from './sheetXml';
import { relationships, resolvePath } from './xmlParts';

/**
 * A read-only ledger over an .xlsx file that parses only the tables a request names, straight from
 * the file's XML — for commands that read a large workbook and write nothing back (kefu perf
 * without --approve or --xlsx, kefu stats). exceljs builds a model of every cell of every sheet
 * first, which takes seconds and hundreds of megabytes for a year of records; this reads the same
 * rows the same way (the same header mapping and cell conversion, see schema.ts) as a stream:
 *
 * - each part is inflated piece by piece from the bytes in memory or from the file itself
 *   (zip.ts): no part is ever held whole;
 * - opening reads the settings (kefu_meta) and every table's header row, its top row, so that a
 *   read knows which columns are asked for before it reads a row;
 * - a read streams each worksheet once, row by row, keeping only the cells of the columns asked
 *   for (converted into the records at once), then the shared strings, keeping only those the
 *   cells kept use, and stopping after the last of them.
 *
 * So memory holds the records asked for, not the workbook. Only whole-table reads ('all') are
 * supported; anything else, and every write, throws.
 */

export interface FastReadOptions {
  /**
   * Called as a read goes on, for a progress bar: `done` of `total` bytes of compressed input,
   * counting the worksheets that hold the tables asked for and the shared strings (a part left
   * before its end counts whole). The last call of a read has done === total. Not called while
   * the file is opened (the settings and the header rows: little to read).
   */
  readonly onProgress?: (done: number, total: number) => void;
  /** Bytes read and inflated at a time (default 64 KiB, at least 64); small values are for tests. */
  readonly chunkSize?: number;
}

const DEFAULT_CHUNK = 64 * 1024;

interface TableRef {
  readonly sheetPath: string;
  /** 0-based worksheet rows and columns. */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const ROW_NUMBER = /\sr="(\d+)"/;

const isBlank = (cell: CellIn) => cell === null || cell === undefined || cell === '';
const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/** Whether an element `<name …>` begins at `at` (a formula's `<f>` comes first in a cell). */
function isTagAt(xml: string, at: number, name: string): boolean {
  return xml.startsWith(`<${name}`, at) && isTagBoundary(xml.charCodeAt(at + 1 + name.length));
}

/** Where the value of the one-letter attribute `name` (a char code: r, t) begins in the tag xml[from, to), or -1. */
function attributeAt(xml: string, from: number, to: number, name: number): number {
  for (let at = from; at + 3 < to; at++) {
    if (xml.charCodeAt(at + 1) === name && xml.charCodeAt(at + 2) === 0x3d /* = */ && xml.charCodeAt(at + 3) === 0x22 /* " */ && isSpace(xml.charCodeAt(at))) return at + 4;
  }
  return -1;
}

/** The column of a cell from the letters of its reference ('AB7' → 27), read at `at`; -1 without letters. */
function columnAt(xml: string, at: number): number {
  let n = 0;
  for (let code = xml.charCodeAt(at); code >= 65 && code <= 90; code = xml.charCodeAt(++at)) n = n * 26 + code - 64;
  return n - 1;
}

/** A row as the ledger reads it, its fields filled in as its cells are read. */
interface ReadRow {
  readonly ref: { readonly table: string; readonly row: number };
  readonly values: Record<string, DomainValue>;
}

/**
 * One table's rows as its worksheet is streamed, read straight into records: the cells of the
 * columns asked for are converted as they come (fromCell), a shared string once the strings are
 * read (`fill`). A row is kept unless every cell of the table's width is blank, as the ledger
 * skips blank rows; when that depends on shared strings, it is decided by `fill` (`undecided`).
 */
class TableScan {
  /** The rows read, in order; a field from a shared string is null until `fill`. */
  private readonly records: ReadRow[] = [];
  /** The columns read, and where each of the table's columns goes among them (-1: not read). */
  private readonly read: readonly ColumnLike[];
  private readonly slots: readonly number[];
  /** The shared-string index of each field read, record after record (read.length each), or -1. */
  private sharedIndex = new Int32Array(1024);
  /** Records (their index) that are blank unless a shared string is not empty → those of their other cells. */
  private readonly undecided = new Map<number, number[]>();

  /**
   * Reads rows `first` to `last` (0-based worksheet rows) of `table`, named `name` in the records'
   * refs; `columns[i]` is how the table's i-th column reads, undefined for a column not asked for.
   */
  constructor(
    readonly table: TableRef,
    private readonly name: string,
    readonly first: number,
    readonly last: number,
    columns: readonly (ColumnLike | undefined)[],
  ) {
    // A field under two headers takes the last one's cell, as rowToRecord does: the first is not read.
    const read = columns.map((column, i) => (column && !columns.slice(i + 1).some((other) => other?.key === column.key) ? column : undefined));
    this.read = read.filter((column): column is ColumnLike => column !== undefined);
    let slot = 0;
    this.slots = read.map((column) => (column ? slot++ : -1));
  }

  /**
   * Reads one worksheet row: the content of its `<row>`, as Latin-1 text. The cells are found with
   * indexOf, and only those read (or needed to tell whether the row is blank) are parsed.
   */
  addRow(row: number, xml: string): void {
    const { left, right } = this.table;
    const { slots, read } = this;
    const width = read.length;
    const values: Record<string, DomainValue> = {};
    for (const column of read) values[column.key] = null;
    const base = this.records.length * width;
    if (this.sharedIndex.length < base + width) {
      const grown = new Int32Array(Math.max(2 * this.sharedIndex.length, base + width));
      grown.set(this.sharedIndex);
      this.sharedIndex = grown;
    }
    const sharedIndex = this.sharedIndex.fill(-1, base, base + width);
    let blank = true;
    const others: number[] = [];
    for (let at = xml.indexOf('<c', 0); at >= 0; at = xml.indexOf('<c', at)) {
      const start = at;
      const tagEnd = xml.indexOf('>', start);
      if (tagEnd < 0) break;
      if (!isTagBoundary(xml.charCodeAt(start + 2))) {
        at = start + 2;
        continue;
      }
      if (xml.charCodeAt(tagEnd - 1) === 0x2f /* <c …/> */) {
        at = tagEnd + 1;
        continue;
      }
      const end = xml.indexOf('</c>', tagEnd);
      if (end < 0) break;
      at = end + 4;
      if (end === tagEnd + 1) continue; // <c …></c>: empty
      const r = attributeAt(xml, start + 2, tagEnd, 0x72 /* r */);
      const column = r < 0 ? -1 : columnAt(xml, r);
      if (column < left || column > right) continue;
      const slot = slots[column - left];
      if (slot < 0 && !blank) continue; // neither read nor needed to tell a blank row
      const t = attributeAt(xml, start + 2, tagEnd, 0x74 /* t */);
      const type = t < 0 ? undefined : xml.slice(t, xml.indexOf('"', t));
      const vAt = xml.indexOf('<v>', tagEnd);
      const v = vAt >= 0 && vAt < end ? xml.slice(vAt + 3, xml.indexOf('</v>', vAt)) : undefined;
      let value: CellIn = null;
      if (type === 's') {
        const index = Number(v);
        if (v !== undefined && Number.isInteger(index) && index >= 0) {
          if (slot < 0) others.push(index);
          else {
            values[read[slot].key] = null;
            sharedIndex[base + slot] = index;
          }
          continue;
        }
        // No index, or one no string can have: no text, as for the ledger.
      } else if (type === 'inlineStr') value = stringItemText(xml.slice(tagEnd + 1, end));
      else if (type === 'e' && isTagAt(xml, tagEnd + 1, 'f'))
        value = null; // a formula's error reads as no value, an error typed in as its text
      else if (type === 'str' || type === 'e') value = v === undefined ? null : unescapeXml(utf8In(v));
      else if (type === 'b') value = v === '1';
      else if (v !== undefined) value = Number(v);
      if (slot >= 0) {
        values[read[slot].key] = fromCell(read[slot], value);
        sharedIndex[base + slot] = -1;
      }
      if (!isBlank(value)) blank = false;
    }
    if (blank) {
      let shared = others.length > 0;
      for (let slot = 0; slot < width && !shared; slot++) shared = sharedIndex[base + slot] >= 0;
      if (!shared) return;
      this.undecided.set(this.records.length, others);
    }
    this.records.push({ ref: { table: this.name, row }, values });
  }

  /** Marks in `needed` the shared strings the records use (an index past its end cannot be a string and stays unread). */
  markNeeded(needed: Uint8Array): void {
    const mark = (index: number) => index >= 0 && index < needed.length && (needed[index] = 1);
    this.sharedIndex.subarray(0, this.records.length * this.read.length).forEach(mark);
    for (const others of this.undecided.values()) others.forEach(mark);
  }

  /** Puts the shared strings in, and returns the records of the rows that are not blank. */
  fill(strings: readonly (string | undefined)[]): ReadRow[] {
    const { read } = this;
    return this.records.filter((record, i) => {
      let blank = true;
      for (let slot = 0; slot < read.length; slot++) {
        const index = this.sharedIndex[i * read.length + slot];
        if (index < 0) continue;
        record.values[read[slot].key] = fromCell(read[slot], strings[index]);
        if (!isBlank(strings[index])) blank = false;
      }
      const others = this.undecided.get(i);
      return !(others && blank && others.every((index) => isBlank(strings[index])));
    });
  }
}

/**
 * Streams the worksheets of the scans (each once, until the last row any of them reads), then the
 * shared strings their cells use, keeping only those. Returns the records of each scan's rows that
 * are not blank, and how many strings were kept. `report` is told of the compressed
 * bytes read.
 */
async function scanTables(zip: ZipFile, sharedStringsPath: string, scans: readonly TableScan[], report?: (bytes: number) => void): Promise<{ records: ReadRow[][]; stringsKept: number }> {
  /** Streams a part element by element, telling `report` of its compressed bytes; a part left early counts whole. */
  const stream = async (part: string, tag: string, onElement: (attributes: string, content: string) => boolean | void) => {
    let seen = 0;
    const onBytes =
      report &&
      ((bytes: number) => {
        seen += bytes;
        report(bytes);
      });
    await eachElement(zip.latin1Chunks(part, onBytes), tag, onElement);
    report?.(zip.compressedSize(part) - seen);
  };
  for (const sheetPath of new Set(scans.map((s) => s.table.sheetPath))) {
    const inSheet = scans.filter((s) => s.table.sheetPath === sheetPath);
    const last = Math.max(...inSheet.map((s) => s.last));
    await stream(sheetPath, 'row', (attributes, content) => {
      const row = Number(ROW_NUMBER.exec(attributes)?.[1] ?? 0) - 1;
      if (row > last) return false; // rows come in order: the tables end above
      if (!content) return;
      for (const s of inSheet) if (row >= s.first && row <= s.last) s.addRow(row, content);
    });
  }
  // Every string takes at least 5 bytes (<si/>): no index past that can be one.
  const needed = new Uint8Array(Math.ceil(zip.uncompressedSize(sharedStringsPath) / 5));
  for (const s of scans) s.markNeeded(needed);
  const lastNeeded = needed.lastIndexOf(1);
  const strings: (string | undefined)[] = new Array(lastNeeded + 1);
  let stringsKept = 0;
  if (lastNeeded >= 0) {
    let index = 0;
    await stream(sharedStringsPath, 'si', (_, content) => {
      if (needed[index]) {
        strings[index] = stringItemText(content);
        stringsKept++;
      }
      return ++index <= lastNeeded;
    });
  } else {
    report?.(zip.compressedSize(sharedStringsPath));
  }
  return { records: scans.map((s) => s.fill(strings)), stringsKept };
}

/** A table as the reader finds it when it opens the file: where it is, and its header row. */
interface Table extends TableRef {
  readonly headers: readonly string[];
}

const everyColumn = (table: TableRef): number[] => Array.from({ length: table.right - table.left + 1 }, (_, i) => i);

export class FastXlsxReader implements Ledger {
  private stringsKept = 0;

  private constructor(
    private readonly zip: ZipFile,
    private readonly sharedStringsPath: string,
    private readonly tables: ReadonlyMap<string, Table>,
    readonly locale: Locale,
    private readonly options: FastReadOptions,
  ) {}

  /** Opens .xlsx bytes in memory (compressed as they are; each part is inflated as it is read). */
  static async fromBuffer(bytes: Uint8Array, options: FastReadOptions = {}): Promise<FastXlsxReader> {
    return FastXlsxReader.open(bufferSource(bytes), options);
  }

  /**
   * Opens an .xlsx file, which every read reads from disk a piece at a time; it must not change
   * meanwhile (a read checks its size and time). A missing file is a KefuError (fileNotFound).
   */
  static async fromFile(file: string, options: FastReadOptions = {}): Promise<FastXlsxReader> {
    try {
      return await FastXlsxReader.open(await fileSource(file), options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KefuError([{ kind: 'fileNotFound', params: { path: file } }]);
      throw error;
    }
  }

  /** Finds the tables, and reads the settings (kefu_meta) and every table's header row in one go. */
  private static async open(source: ByteSource, options: FastReadOptions): Promise<FastXlsxReader> {
    const zip = await ZipFile.open(source, Math.max(64, options.chunkSize ?? DEFAULT_CHUNK));
    const workbookRels = relationships(await zip.text('xl/_rels/workbook.xml.rels'));
    const sharedRel = workbookRels.find((rel) => rel.type.endsWith('/sharedStrings'));
    const sharedStringsPath = sharedRel ? resolvePath('xl/workbook.xml', sharedRel.target) : 'xl/sharedStrings.xml';
    const workbookXml = (await zip.text('xl/workbook.xml')) ?? '';
    const refs = new Map<string, TableRef>();
    for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
      const rid = attribute(m[0], 'r:id');
      const target = workbookRels.find((rel) => rel.id === rid)?.target;
      if (!target) continue;
      const sheetPath = resolvePath('xl/workbook.xml', target);
      const relsPath = sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');
      for (const { target: tableTarget } of relationships(await zip.text(relsPath))) {
        if (!/tables\//.test(tableTarget)) continue;
        const tableXml = await zip.text(resolvePath(sheetPath, tableTarget));
        const head = tableXml ? /<table\b[^>]*>/.exec(tableXml)?.[0] : undefined;
        const name = head ? attribute(head, 'name') : undefined;
        const ref = head ? attribute(head, 'ref') : undefined;
        const r = ref ? /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ref) : null;
        if (!name || !r) continue;
        refs.set(name.toLowerCase(), { sheetPath, top: Number(r[2]) - 1, left: columnNumber(r[1]) - 1, bottom: Number(r[4]) - 1, right: columnNumber(r[3]) - 1 });
      }
    }
    const meta = refs.get(META_TABLE);
    if (!meta) throw new KefuError([{ kind: 'notLedger' }]);
    // Read as text, by position: the settings' key and value, and the labels of the headers.
    const asText = (table: TableRef): ColumnLike[] => everyColumn(table).map((i) => ({ key: String(i), kind: 'text' }));
    const metaScan = new TableScan(meta, META_TABLE, meta.top, meta.bottom, asText(meta));
    const headerScans = [...refs].map(([name, table]) => new TableScan(table, name, table.top, table.top, asText(table)));
    const [settings, ...headerRows] = (await scanTables(zip, sharedStringsPath, [metaScan, ...headerScans])).records;
    const tables = new Map<string, Table>();
    [...refs].forEach(([name, table], i) => {
      const header = headerRows[i][0]?.values ?? {}; // no record when the header row is blank
      tables.set(name, { ...table, headers: everyColumn(table).map((c) => String(header[c] ?? '')) });
    });
    const locale = settings.find(({ values }) => values[0] === 'locale')?.values[1];
    return new FastXlsxReader(zip, sharedStringsPath, tables, isLocale(locale) ? locale : DEFAULT_LOCALE, options);
  }

  /** How many shared strings the last read held to fill in its records: only those its cells use (for tests). */
  get sharedStringsKept(): number {
    return this.stringsKept;
  }

  async read(request: SnapshotRequest): Promise<Snapshot> {
    if (request.claims?.length || request.writes?.length || request.sheets?.length) throw new Error('FastXlsxReader reads tables only');
    const keys: string[] = [];
    const scans: TableScan[] = [];
    // Rows selected by a column's value (an import's markers in the audit log): the table is scanned and the rows kept after.
    const filters: ({ where: string; equals: ReadonlySet<string> } | undefined)[] = [];
    for (const [key, query] of Object.entries(request.tables ?? {})) {
      const selection = query.rows;
      if (selection !== 'all' && mustFindEach(key, selection.where)) throw new Error('FastXlsxReader reads whole tables only, or the rows holding a value (never records that must each be found)');
      const table = this.tables.get(key.toLowerCase());
      if (!table) {
        const form = findForm(key);
        throw new KefuError([{ kind: 'missingTable', form: form?.key, params: { table: key, sheet: form ? form.sheet[this.locale] : key } }]);
      }
      const { headers } = table;
      checkLayout(key, { headers, headerRow: table.top, firstColumn: table.left, lastRow: table.bottom, lastRowBlank: false }, this.locale);
      // The mapping of headers to columns once per table (rowToRecord's rules); only the cells of the columns asked for are read.
      const columns = headers.map((h) => {
        const column = columnForHeader(key, h, this.locale);
        return column && (query.columns.includes(column.key) || (selection !== 'all' && column.key === selection.where)) ? column : undefined;
      });
      scans.push(new TableScan(table, key, table.top + 1, table.bottom, columns));
      keys.push(key);
      filters.push(selection === 'all' ? undefined : { where: selection.where, equals: new Set(selection.equals) });
    }
    if (scans.length === 0) return { locale: this.locale, tables: {}, claims: [], layouts: {} };
    await this.zip.check();
    const { onProgress } = this.options;
    const parts = [...new Set(scans.map((scan) => scan.table.sheetPath)), this.sharedStringsPath];
    const total = parts.reduce((sum, part) => sum + this.zip.compressedSize(part), 0);
    let done = 0;
    const report = onProgress && ((bytes: number) => onProgress((done = Math.min(total, done + bytes)), total));
    const { records, stringsKept } = await scanTables(this.zip, this.sharedStringsPath, scans, report);
    if (onProgress && done < total) onProgress(total, total);
    this.stringsKept = stringsKept;
    const tables: Record<string, LedgerRow[]> = {};
    keys.forEach((key, i) => {
      const filter = filters[i];
      tables[key] = filter ? records[i].filter((row) => filter.equals.has(String(row.values[filter.where] ?? ''))) : records[i];
    });
    return { locale: this.locale, tables, claims: [], layouts: {} };
  }

  async apply(changes: ChangeSet): Promise<ApplyResult> {
    if (Object.keys(changes).some((k) => (changes as Record<string, unknown>)[k] !== undefined)) throw new Error('FastXlsxReader cannot write');
    return { appended: [] };
  }
}
