import type { CellIn } from '../cells';
import { cellContent, eachElement, parseCells, rootPrefix, sheetPieces, splitRow, stringItemText, type RawCell } from './sheetXml';
import { TAIL_ROWS, startSegment, writeValue, type FileRow, type SheetState, type TableState } from './packageState';
import type { ZipFile } from './zip';

/** Raw cells of a row (or rows) whose shared strings are looked up in one pass over the shared strings. */
export class SharedStrings {
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

/**
 * Reads a package's worksheets as a stream (the file does not change while it is open): only the
 * parts and rows asked for, shared strings looked up once per read, small ranges kept.
 */
export class PartReader {
  readonly shared: SharedStrings;

  constructor(
    private readonly zip: ZipFile,
    sharedStringsPath: string,
  ) {
    this.shared = new SharedStrings(zip, sharedStringsPath);
  }

  async prefixOf(sheet: SheetState): Promise<string> {
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

  /** Streams the rows of a sheet from row `from` to `to` (1-based, inclusive), as they are in the file. */
  async scanSheet(sheet: SheetState, from: number, to: number, onRow: (row: number, cells: RawCell[]) => void): Promise<void> {
    const prefix = await this.prefixOf(sheet);
    const entry = this.zip.entry(sheet.path);
    if (!entry) return;
    const segment = startSegment(entry, from);
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
  async fileRows(table: TableState, from: number, to: number): Promise<FileRow[]> {
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
  async fileTail(table: TableState): Promise<FileRow[]> {
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
  async currentRows(table: TableState, from: number, to: number): Promise<{ row: number; cells: CellIn[] }[]> {
    const { left, right } = table.fileArea;
    const fileBottom = table.fileArea.bottom;
    const tail = await this.fileTail(table);
    const tailFrom = tail[0]?.row ?? fileBottom + 1;
    const fromFile = from < tailFrom && from <= fileBottom ? await this.fileRows(table, from, Math.min(to, tailFrom - 1, fileBottom)) : [];
    // By row number: a long range (a claims table read from its top) must not search a list per row.
    const byRow = new Map<number, FileRow>();
    for (const r of fromFile) byRow.set(r.row, r);
    for (const r of tail) if (r.row >= tailFrom) byRow.set(r.row, r);
    const rows: { row: number; cells: CellIn[] }[] = [];
    for (let row = from; row <= to; row++) {
      const file = byRow.get(row);
      const cells: CellIn[] = file ? [...file.cells] : new Array(right - left + 1).fill(null);
      const edits = table.sheet.edits.get(row);
      if (edits) for (const [column, edit] of edits) if (column >= left && column <= right) cells[column - left] = writeValue(edit.write);
      rows.push({ row, cells });
    }
    return rows;
  }
}
