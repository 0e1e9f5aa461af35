import type { CellIn, CellOut } from '../cells';
import { columnLetters } from '../report';

export { columnLetters };

/**
 * The little of SpreadsheetML (ECMA-376 part 1, §18.3) that editing a worksheet in place needs:
 * cutting a worksheet's XML into rows as it streams past, reading and writing the cells of a
 * row, cell references and ranges, and escaping text.
 *
 * Parts are handled as Latin-1 strings: one character per byte, so a piece of a stream never ends
 * inside a character and everything we do not change is copied byte for byte; text is converted
 * from and to UTF-8 only where a value is read or written (`utf8In`, `utf8Out`).
 *
 * Why not an XML parser (saxes) for worksheets: a row we leave alone must be copied as the bytes
 * it was, and a worksheet of 100,000 rows must stream through in constant memory. Finding row and
 * cell boundaries with indexOf in a part that is machine-written XML does both, ten times faster
 * than parsing events and writing them out again. Small parts (workbook, tables, styles) are
 * edited by `xmlParts.ts`.
 */

export const isTagBoundary = (code: number) => code === 0x3e /* > */ || code === 0x2f /* / */ || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/** Latin-1 text (bytes) → the text its UTF-8 stands for. */
export function utf8In(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

/** Text → its UTF-8 bytes as Latin-1 text. */
export function utf8Out(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** XML text → the text it stands for: line ends as an XML parser reads them, entities, then OOXML's `_xHHHH_` escapes. */
export function unescapeXml(text: string): string {
  let out = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (out.includes('&')) {
    out = out.replace(ENTITY, (_, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e]));
  }
  return out.includes('_x') ? out.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : out;
}

/** Text for an attribute value or element content (entities only). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/**
 * User text → the content of a `<t>`: entities; a carriage return as the character reference
 * `&#13;` (a raw one reads back as a line feed, and `_x000D_` is not decoded in inline strings by
 * every reader); a literal `_xHHHH_` as `_x005F_xHHHH_` (Excel decodes `_xHHHH_`); and what XML 1.0
 * cannot hold at all — control characters, U+FFFE/U+FFFF, unpaired surrogates — as `_xHHHH_`.
 * Such characters are refused at input (domain/storableText.ts); this only keeps the XML valid.
 */
const NEEDS_ESCAPE = /[&<>"_\x00-\x1f\ufffe\uffff\ud800-\udfff]/;

export function escapeCellText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  const escaped = text.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_');
  // eslint-disable-next-line no-control-regex
  return escapeXml(escaped).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\r/g, (ch) =>
    ch === '\r' ? '&#13;' : `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

/** A sheet name as Excel writes it in an address: quoted when it holds anything but letters, digits, _ and . */
export function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** 'AB' → 27 (1-based). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

/** A rectangle of a sheet, 1-based and inclusive. */
export interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** 'A1:C9', 'A1', '$A$1:$C$9', 'A:C' (whole columns: rows 1–1048576) → an area; undefined for anything else. */
export function parseArea(ref: string): Area | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)?(?::\$?([A-Z]{1,3})\$?(\d+)?)?$/.exec(ref.trim());
  if (!m) return undefined;
  const left = columnNumber(m[1]);
  const top = m[2] ? Number(m[2]) : 1;
  const right = m[3] ? columnNumber(m[3]) : left;
  const bottom = m[4] ? Number(m[4]) : m[3] ? (m[2] ? top : 1_048_576) : m[2] ? top : 1_048_576;
  return { top, left, bottom, right };
}

export function formatArea(area: Area): string {
  const a = `${columnLetters(area.left)}${area.top}`;
  return area.top === area.bottom && area.left === area.right ? a : `${a}:${columnLetters(area.right)}${area.bottom}`;
}

/** The value of attribute `name` in a start tag, XML-unescaped; undefined when absent. */
const ATTRIBUTES = new Map<string, RegExp>();

export function attribute(tag: string, name: string): string | undefined {
  let pattern = ATTRIBUTES.get(name);
  if (!pattern) {
    pattern = new RegExp(`[\\s<]${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("([^"]*)"|'([^']*)')`);
    ATTRIBUTES.set(name, pattern);
  }
  const m = pattern.exec(tag);
  return m ? unescapeXml(m[2] ?? m[3]) : undefined;
}

/** A start tag with attribute `name` set to `value` (added at the end when absent), or removed when value is undefined. */
export function withAttribute(tag: string, name: string, value: string | undefined): string {
  const pattern = new RegExp(`(\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`);
  if (pattern.test(tag))
    return value === undefined
      ? tag.replace(new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`), '')
      : tag.replace(pattern, (_, space: string) => `${space}${name}="${escapeXml(value)}"`);
  if (value === undefined) return tag;
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}="${escapeXml(value)}"${tag.slice(close)}`;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** A cell as it is in a worksheet: its column, attributes and raw XML (copied as it is when left alone). */
export interface RawCell {
  /** 1-based column. */
  readonly column: number;
  readonly xml: string;
  /** The style index (`s`), undefined when absent. */
  readonly style: string | undefined;
  readonly type: string | undefined;
  /** `<v>` text, raw. */
  readonly v: string | undefined;
  /** Whether the cell has a formula (`<f>`). */
  readonly formula: boolean;
}

/** The content of a row: its cells, in order. Cells without a reference take the column after the previous one. */
export function parseCells(content: string, prefix: string, rowNumber: number): RawCell[] {
  const open = `<${prefix}c`;
  const close = `</${prefix}c>`;
  const cells: RawCell[] = [];
  let previous = 0;
  for (let at = content.indexOf(open); at >= 0; at = content.indexOf(open, at)) {
    if (!isTagBoundary(content.charCodeAt(at + open.length))) {
      at += open.length;
      continue;
    }
    const tagEnd = content.indexOf('>', at);
    if (tagEnd < 0) break;
    const selfClosing = content.charCodeAt(tagEnd - 1) === 0x2f;
    const end = selfClosing ? tagEnd + 1 : content.indexOf(close, tagEnd) + close.length;
    if (!selfClosing && end < close.length) break;
    const tag = content.slice(at, tagEnd + 1);
    const ref = attribute(tag, 'r');
    const m = ref ? /^([A-Z]+)(\d*)$/.exec(ref) : null;
    const column = m ? columnNumber(m[1]) : previous + 1;
    previous = column;
    const inner = selfClosing ? '' : content.slice(tagEnd + 1, end - close.length);
    const vOpen = inner.indexOf(`<${prefix}v>`);
    const v = vOpen >= 0 ? inner.slice(vOpen + prefix.length + 3, inner.indexOf(`</${prefix}v>`, vOpen)) : undefined;
    let xml = content.slice(at, end);
    // A cell without a reference gets one: rows we rewrite may no longer follow one another.
    if (!ref) xml = withAttribute(tag, 'r', `${columnLetters(column)}${rowNumber}`) + xml.slice(tag.length);
    cells.push({ column, xml, style: attribute(tag, 's'), type: attribute(tag, 't'), v, formula: new RegExp(`<${prefix}f[\\s/>]`).test(inner) });
    at = end;
  }
  return cells;
}

const PLAIN_TEXT = /^<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>$/;
const PHONETIC = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;
const TEXT = /<(?:\w+:)?t(?:\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g;

/** The text of a shared or inline string's XML (Latin-1): its `<t>`, or its rich-text runs joined; phonetic runs are not part of it. */
export function stringItemText(latin1: string): string {
  const xml = utf8In(latin1);
  const plain = PLAIN_TEXT.exec(xml);
  if (plain) return unescapeXml(plain[1]);
  let out = '';
  for (const m of xml.replace(PHONETIC, '').matchAll(TEXT)) if (m[1]) out += unescapeXml(m[1]);
  return out;
}

/**
 * What a cell holds as the ledger reads it: a value, or the index of a shared string still to be
 * looked up. A formula reads as its cached value (none: null); an error typed in reads as its text.
 */
export function cellContent(cell: RawCell, prefix: string): { value: CellIn } | { shared: number } {
  const { type, v } = cell;
  if (type === 's') {
    const index = Number(v);
    return v !== undefined && Number.isInteger(index) && index >= 0 ? { shared: index } : { value: null };
  }
  if (type === 'inlineStr') {
    const open = cell.xml.indexOf(`<${prefix}is>`);
    return { value: open >= 0 ? stringItemText(cell.xml.slice(open + prefix.length + 4, cell.xml.lastIndexOf(`</${prefix}is>`))) : null };
  }
  if (type === 'e') return { value: cell.formula || v === undefined ? null : unescapeXml(utf8In(v)) };
  if (type === 'str') return { value: v === undefined ? null : unescapeXml(utf8In(v)) };
  if (type === 'b') return { value: v === undefined ? null : v === '1' };
  if (v === undefined || v === '') return { value: null };
  const n = Number(v);
  return { value: Number.isFinite(n) ? n : null };
}

/** What the ledger writes, as a cell's XML (text, not yet UTF-8). `formula` (without '=') is written only by code, never from user text. */
export type CellWrite = { readonly value: CellOut } | { readonly formula: string };

export function cellXml(prefix: string, ref: string, style: string | undefined, write: CellWrite): string {
  const s = style !== undefined && style !== '0' ? ` s="${style}"` : '';
  const c = `${prefix}c`;
  if ('formula' in write) return `<${c} r="${ref}"${s}><${prefix}f>${escapeXml(write.formula)}</${prefix}f></${c}>`;
  const value = write.value;
  if (value === null) return `<${c} r="${ref}"${s}/>`;
  if (typeof value === 'object') {
    const text = escapeCellText(value.text);
    const space = /^\s|\s$|\n/.test(value.text) ? ' xml:space="preserve"' : '';
    return `<${c} r="${ref}"${s} t="inlineStr"><${prefix}is><${prefix}t${space}>${text}</${prefix}t></${prefix}is></${c}>`;
  }
  if (typeof value === 'boolean') return `<${c} r="${ref}"${s} t="b"><${prefix}v>${value ? 1 : 0}</${prefix}v></${c}>`;
  if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} into cell ${ref}`);
  return `<${c} r="${ref}"${s}><${prefix}v>${String(value)}</${prefix}v></${c}>`;
}

// ---------------------------------------------------------------------------------------------
// Elements and rows, cut from a part's XML as it streams past.

/**
 * Calls `onElement` with the attributes and the content of every `<tag …>…</tag>` and `<tag …/>`
 * in a stream of XML text, in order, holding only the text not yet handed out. The elements must
 * not nest (rows in a worksheet, strings in the shared strings). Returning false stops reading.
 */
export async function eachElement(chunks: AsyncIterable<string>, tag: string, onElement: (attributes: string, content: string) => boolean | void): Promise<void> {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let text = '';
  for await (const chunk of chunks) {
    text += chunk;
    let at = 0;
    for (;;) {
      const start = text.indexOf(open, at);
      if (start < 0) {
        at = Math.max(at, text.length - open.length + 1); // a tag may begin at the very end
        break;
      }
      const after = start + open.length;
      if (after >= text.length) {
        at = start;
        break;
      }
      if (!isTagBoundary(text.charCodeAt(after))) {
        at = after; // another element whose name begins the same (<rowBreaks>)
        continue;
      }
      const tagEnd = text.indexOf('>', after);
      if (tagEnd < 0) {
        at = start;
        break;
      }
      let keepOn: boolean | void;
      if (text.charCodeAt(tagEnd - 1) === 0x2f) {
        keepOn = onElement(text.slice(after, tagEnd - 1), '');
        at = tagEnd + 1;
      } else {
        const end = text.indexOf(close, tagEnd);
        if (end < 0) {
          at = start;
          break;
        }
        keepOn = onElement(text.slice(after, tagEnd), text.slice(tagEnd + 1, end));
        at = end + close.length;
      }
      if (keepOn === false) return;
    }
    text = text.slice(at);
  }
}

export type SheetPiece =
  /** Markup between rows (the head before the first row, the tail after the last), copied as it is. */
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'row'; readonly row: number; readonly xml: string };

/**
 * Cuts a worksheet's XML (Latin-1 text in pieces) into rows and what is between them, holding only
 * the text of the row being cut. Rows without a number take the one after the previous row; they
 * are given it (`r`), since rows written around them may change what follows. `firstRow` is the
 * number before the first row (a stream that starts inside the sheet, at a segment).
 */
export async function* sheetPieces(chunks: AsyncIterable<string> | Iterable<string>, prefix: string, previousRow = 0): AsyncGenerator<SheetPiece> {
  const open = `<${prefix}row`;
  const close = `</${prefix}row>`;
  let text = '';
  let row = previousRow;
  for await (const chunk of chunks) {
    text += chunk;
    let at = 0;
    for (;;) {
      const start = text.indexOf(open, at);
      if (start < 0) {
        // Keep what could be the start of a row tag cut by the chunk's end.
        const keep = Math.max(at, text.length - open.length);
        if (keep > at) yield { kind: 'text', text: text.slice(at, keep) };
        at = keep;
        break;
      }
      const after = start + open.length;
      if (after >= text.length) {
        if (start > at) yield { kind: 'text', text: text.slice(at, start) };
        at = start;
        break;
      }
      if (!isTagBoundary(text.charCodeAt(after))) {
        // Another element whose name begins the same (<rowBreaks>).
        yield { kind: 'text', text: text.slice(at, after) };
        at = after;
        continue;
      }
      const tagEnd = text.indexOf('>', after);
      if (tagEnd < 0) {
        if (start > at) yield { kind: 'text', text: text.slice(at, start) };
        at = start;
        break;
      }
      let end: number;
      if (text.charCodeAt(tagEnd - 1) === 0x2f) end = tagEnd + 1;
      else {
        const closeAt = text.indexOf(close, tagEnd);
        if (closeAt < 0) {
          if (start > at) yield { kind: 'text', text: text.slice(at, start) };
          at = start;
          break;
        }
        end = closeAt + close.length;
      }
      if (start > at) yield { kind: 'text', text: text.slice(at, start) };
      const tag = text.slice(start, tagEnd + 1);
      const r = attribute(tag, 'r');
      row = r !== undefined ? Number(r) : row + 1;
      const xml = text.slice(start, end);
      yield { kind: 'row', row, xml: r !== undefined ? xml : withAttribute(tag, 'r', String(row)) + xml.slice(tag.length) };
      at = end;
    }
    text = text.slice(at);
  }
  if (text) yield { kind: 'text', text };
}

/** The start tag and content of a row's XML. */
export function splitRow(xml: string, prefix: string): { tag: string; content: string } {
  const tagEnd = xml.indexOf('>');
  const tag = xml.slice(0, tagEnd + 1);
  if (tag.endsWith('/>')) return { tag, content: '' };
  return { tag, content: xml.slice(tagEnd + 1, xml.length - `</${prefix}row>`.length) };
}

/**
 * A row with some cells replaced or added (in column order). `spans` is dropped: it only hints at
 * the row's width, and a wrong hint is worse than none.
 */
export function rowWithCells(xml: string | undefined, row: number, prefix: string, writes: ReadonlyMap<number, string>): string {
  const r = `${prefix}row`;
  if (xml === undefined) {
    const cells = [...writes].sort((a, b) => a[0] - b[0]).map(([, cell]) => cell);
    return `<${r} r="${row}">${cells.join('')}</${r}>`;
  }
  const { tag, content } = splitRow(xml, prefix);
  const existing = parseCells(content, prefix, row);
  const merged: { column: number; xml: string }[] = existing.filter((cell) => !writes.has(cell.column));
  for (const [column, cell] of writes) merged.push({ column, xml: cell });
  merged.sort((a, b) => a.column - b.column);
  const open = withAttribute(tag.endsWith('/>') ? `${tag.slice(0, -2)}>` : tag, 'spans', undefined);
  return `${open}${merged.map((c) => c.xml).join('')}</${r}>`;
}

/** The namespace prefix of a part's root element ('' or 'x:'), which every element of its namespace then carries. */
export function rootPrefix(head: string, localName: string): string {
  const m = new RegExp(`<(\\w+:)?${localName}[\\s>]`).exec(head);
  return m?.[1] ?? '';
}
