/**
 * A1 addresses: parsing, formatting and Excel's rule for quoting sheet names.
 *
 * Rows and columns are 0-based everywhere in the host; only the A1 text is 1-based.
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, 0-based and inclusive on all sides. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function rect(top: number, left: number, bottom: number, right: number): Rect {
  return { top, left, bottom, right };
}

export function rectRows(r: Rect): number {
  return r.bottom - r.top + 1;
}

export function rectColumns(r: Rect): number {
  return r.right - r.left + 1;
}

export function rectContains(outer: Rect, inner: Rect): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

export function rectIntersection(a: Rect, b: Rect): Rect | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return rectIntersection(a, b) !== null;
}

export function rectOnSheet(r: Rect): boolean {
  return r.top >= 0 && r.left >= 0 && r.bottom < MAX_ROWS && r.right < MAX_COLUMNS && r.top <= r.bottom && r.left <= r.right;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "AA" → 26 (case-insensitive). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** (0, 0) → "A1". */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/**
 * The sheet-local address Excel reports: "A1", "A1:C3", "A:C" for entire columns, "2:4" for entire
 * rows (the whole sheet is "1:1048576").
 */
export function rectAddress(r: Rect): string {
  const entireColumns = r.top === 0 && r.bottom === MAX_ROWS - 1;
  const entireRows = r.left === 0 && r.right === MAX_COLUMNS - 1;
  if (entireRows) return `${r.top + 1}:${r.bottom + 1}`;
  if (entireColumns) return `${columnLetters(r.left)}:${columnLetters(r.right)}`;
  if (r.top === r.bottom && r.left === r.right) return cellAddress(r.top, r.left);
  return `${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, r.right)}`;
}

function looksLikeA1Cell(name: string): boolean {
  const m = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (!m) return false;
  const col = columnIndex(m[1]);
  const row = Number(m[2]);
  return col < MAX_COLUMNS && row >= 1 && row <= MAX_ROWS;
}

function looksLikeR1C1(name: string): boolean {
  const m = /^(?:([Rr])(\d*))?(?:([Cc])(\d*))?$/.exec(name);
  if (!m || (!m[1] && !m[3])) return false;
  const row = m[2] ? Number(m[2]) : 1;
  const col = m[4] ? Number(m[4]) : 1;
  return row >= 1 && row <= MAX_ROWS && col >= 1 && col <= MAX_COLUMNS;
}

/**
 * Whether Excel quotes a sheet name in a reference. Excel's rule (observed, not published):
 * quote when the name holds anything other than Unicode letters, digits, marks, "_" and ".", when it
 * starts with a digit or ".", or when it reads as a cell reference (A1 or R1C1 style). So
 * `Sheet1`, `审计日志`, `École.1` stay bare; `'Audit log'`, `'2025'`, `'A1'`, `'R2C3'` are quoted.
 */
export function sheetNameNeedsQuotes(name: string): boolean {
  if (name === '') return true;
  if (/[^\p{L}\p{M}\p{N}_.\p{Extended_Pictographic}]/u.test(name)) return true;
  if (/^[\p{N}.\p{Extended_Pictographic}]/u.test(name)) return true;
  return looksLikeA1Cell(name) || looksLikeR1C1(name);
}

export function quoteSheetName(name: string): string {
  return sheetNameNeedsQuotes(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

/** "Sheet1!A1:B2", "'Audit log'!A1". */
export function qualifiedAddress(sheetName: string, r: Rect): string {
  return `${quoteSheetName(sheetName)}!${rectAddress(r)}`;
}

export interface ParsedAddress {
  /** The sheet name when the address names one (quotes removed). */
  readonly sheet?: string;
  readonly rect: Rect;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function parseRefPart(part: string): { row?: number; col?: number } | null {
  let m = CELL.exec(part);
  if (m) return { col: columnIndex(m[1]), row: Number(m[2]) - 1 };
  m = COL.exec(part);
  if (m) return { col: columnIndex(m[1]) };
  m = ROW.exec(part);
  if (m) return { row: Number(m[1]) - 1 };
  return null;
}

/** Splits "Sheet!A1" / "'My sheet'!A1" into sheet and reference; no sheet → undefined. */
export function splitSheet(text: string): { sheet?: string; ref: string } | null {
  const t = text.trim();
  if (t.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < t.length) {
      const ch = t[i];
      if (ch === "'") {
        if (t[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (t[i] !== "'" || t[i + 1] !== '!') return null;
    return { sheet: name, ref: t.slice(i + 2) };
  }
  const bang = t.lastIndexOf('!');
  if (bang >= 0) return { sheet: t.slice(0, bang), ref: t.slice(bang + 1) };
  return { ref: t };
}

/**
 * Parses "A1", "$A$1", "A1:C3", "C3:A1" (normalized), "A:C", "2:4", optionally prefixed with a
 * sheet name. Returns null for anything else (names, structured references, R1C1).
 */
export function parseAddress(text: string): ParsedAddress | null {
  const split = splitSheet(text);
  if (!split) return null;
  const parts = split.ref.split(':');
  if (parts.length < 1 || parts.length > 2) return null;
  const a = parseRefPart(parts[0]);
  const b = parts.length === 2 ? parseRefPart(parts[1]) : a;
  if (!a || !b) return null;
  let r: Rect;
  if (a.row !== undefined && a.col !== undefined && b.row !== undefined && b.col !== undefined) {
    r = rect(Math.min(a.row, b.row), Math.min(a.col, b.col), Math.max(a.row, b.row), Math.max(a.col, b.col));
  } else if (parts.length === 2 && a.row === undefined && b.row === undefined && a.col !== undefined && b.col !== undefined) {
    r = rect(0, Math.min(a.col, b.col), MAX_ROWS - 1, Math.max(a.col, b.col));
  } else if (parts.length === 2 && a.col === undefined && b.col === undefined && a.row !== undefined && b.row !== undefined) {
    r = rect(Math.min(a.row, b.row), 0, Math.max(a.row, b.row), MAX_COLUMNS - 1);
  } else {
    return null;
  }
  if (!rectOnSheet(r)) return null;
  return split.sheet !== undefined ? { sheet: split.sheet, rect: r } : { rect: r };
}
