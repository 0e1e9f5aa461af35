import { KefuError } from '../../core/problems';
import { boundedBottom, cellsOf, grownBottom, startSegment, type AppendedRow, type SheetState, type TableState } from './packageState';
import { SEGMENT_BYTES, SegmentCutter } from './segmentCutter';
import { attribute, cellXml, columnLetters, formatArea, parseArea, parseCells, rowWithCells, sheetPieces, splitRow, utf8In, withAttribute, type SheetPiece } from './sheetXml';
import type { StyleBook } from './xmlParts';
import type { SegmentedEntry, ZipEntry, ZipFile, ZipWriter } from './zip';

/**
 * Writes a worksheet with its edits (`prefix`: the namespace prefix of its elements). With
 * segments, only the segments holding an edited row (and the first, for the dimension, and the
 * last, for new rows at the end and the ranges that grow with the tables) are inflated, edited and
 * deflated again; the others are copied. Returns whether a cell written over held a formula.
 */
export async function writeSheet(
  zip: ZipFile,
  writer: ZipWriter,
  entry: ZipEntry,
  sheet: SheetState,
  prefix: string,
  grown: readonly TableState[],
  styles: StyleBook,
  tableParts: readonly string[],
  bounded: readonly TableState[] = [],
): Promise<boolean> {
  const out = await writer.beginSegmented(entry.name, entry);
  const rows = [...sheet.edits.keys()].sort((a, b) => a - b);
  const segments = entry.segments;
  // A segment written again is cut only once it has doubled: a few bytes more in the head (the
  // dimension) must not move the cut and so every segment after it.
  const editor = new SheetEditor(sheet, prefix, rows, grown, styles, out, tableParts, segments ? 2 * SEGMENT_BYTES : SEGMENT_BYTES, bounded);
  if (!segments) {
    await editor.run(sheetPieces(zip.latin1Chunks(entry.name), prefix), true, 0);
  } else {
    const rewrite = new Set<number>([0, segments.length - 1]);
    for (const row of rows) rewrite.add(startSegment(entry, row));
    for (let i = 0; i < segments.length; i++) {
      const last = i === segments.length - 1;
      if (!rewrite.has(i)) {
        await editor.flushBefore(segments[i].firstRow);
        await out.copy(zip, entry, i);
        continue;
      }
      const text = (await zip.segmentText(entry, i)).toString('latin1');
      const limit = last ? Infinity : nextFirstRow(segments, i) - 1;
      await editor.run(sheetPieces([text], prefix, segments[i].firstRow > 0 ? segments[i].firstRow - 1 : 0), last, limit);
    }
  }
  await out.end();
  return editor.coveredFormula;
}

function nextFirstRow(segments: readonly { firstRow: number }[], i: number): number {
  for (let j = i + 1; j < segments.length; j++) if (segments[j].firstRow !== 0) return segments[j].firstRow;
  return Infinity;
}

/** Where the first of `elements` begins in a worksheet's tail, or the root's end tag. */
function firstOf(tail: string, prefix: string, elements: readonly string[]): number {
  for (const name of elements) {
    const m = new RegExp(`<${prefix}${name}[\\s/>]`).exec(tail);
    if (m) return m.index;
  }
  return tail.lastIndexOf(`</${prefix}worksheet>`);
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
    /** Tables whose ranges of template versions 1–4 become their bodies (the upgrade: packageState.ts `boundedBottom`). */
    private readonly bounded: readonly TableState[] = [],
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
    const cols = [...widths]
      .sort((a, b) => a[0] - b[0])
      .map(([c, w]) => `<${p}col min="${c}" max="${c}" width="${w}" customWidth="1"/>`)
      .join('');
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
    if (this.grown.length > 0 || this.bounded.length > 0) {
      // sqref="A2:A40 C2:C40" of validations and conditional formats, and <xm:sqref> of their
      // extensions: bounded to the body when of an older template's shape, else grown with the table.
      const grow = (list: string) =>
        list
          .split(/\s+/)
          .map((ref) => {
            const area = parseArea(ref);
            const bottom = area ? (boundedBottom(area, this.bounded) ?? grownBottom(area, this.grown)) : undefined;
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
        const at = firstOf(tail, p, [
          'hyperlinks',
          'printOptions',
          'pageMargins',
          'pageSetup',
          'headerFooter',
          'rowBreaks',
          'colBreaks',
          'customProperties',
          'cellWatches',
          'ignoredErrors',
          'smartTags',
          'drawing',
          'legacyDrawing',
          'legacyDrawingHF',
          'picture',
          'oleObjects',
          'controls',
          'webPublishItems',
          'tableParts',
          'extLst',
        ]);
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
