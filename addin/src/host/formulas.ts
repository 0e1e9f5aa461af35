/**
 * The host's calculation: a small evaluator for the formulas of the ledger's print sheets, so that
 * the preview shows a record on its paper layout (a printed ticket) to someone without Excel.
 *
 * Why an evaluator, and not a second rendering of the print layout: the print sheets are INDEX/MATCH
 * formulas over the form's sheet, driven by the record number in B1 (workbooks/printSheets.ts).
 * Computing those very cells shows what Excel and LibreOffice will show and print — the site's own
 * columns, a clerk's edits to the sheet, a number that is not found — where a rendering from the
 * layout declaration would show what the template was meant to hold, and could not reveal a print
 * sheet that says "not found" (as the apostrophe-text number in B1 once made it). Only six functions
 * are needed, and LibreOffice checks the evaluator on the same sheets (test/preview.test.ts).
 *
 * What it computes: number, text and TRUE/FALSE constants; cell and range references, with or
 * without $, whole columns, on the same or another sheet (quoted or not); the comparisons = <> <
 * > <= >=; and IF, IFERROR, OR, TRIM, INDEX (reference form) and MATCH with match type 0 — with
 * Excel's rules for blanks, text case, wildcards and errors. Anything else (arithmetic, &, other
 * functions, names, approximate MATCH, a circular reference, or a reference to a cell whose
 * formula is not computed) makes the formula "not computed": its cell keeps the cached result it
 * was read with, or none (`values` then reads NO_CALC). That is the host's deliberate deviation:
 * other formulas are left to Excel, which computes every formula when it opens the downloaded file
 * (the bridge asks it to).
 *
 * Calculation is automatic, as in Excel: whatever reads a formula cell after a change (the API's
 * `values`, `text`, `valueTypes`; the bridge; the preview's grid) gets it computed from the cells
 * as they are then (HostWorksheet.calculatedCell, HostWorkbook.recalculate). Results are computed
 * when first read after a change, not at every change, so writing rows costs no calculation.
 */

import { type Rect, MAX_COLUMNS, MAX_ROWS, columnIndex, rect, rectColumns, rectRows } from './address';
import { ERROR_LITERALS, type CellScalar, generalNumberText, wildcardRegExp } from './cells';

/** What a calculation reads of a sheet: the model's HostWorksheet. */
export interface CalcSheet {
  readonly id: string;
  readonly name: string;
  cell(row: number, col: number): CalcCell | undefined;
  /** The cells stored within a rectangle (no order). */
  cellsIn(area: Rect): Iterable<[row: number, col: number, cell: CalcCell]>;
}

interface CalcCell {
  readonly value: CellScalar;
  readonly formula?: string;
}

/** What a calculation reads of a workbook: the model's HostWorkbook. */
export interface CalcWorkbook {
  findWorksheet(name: string): CalcSheet | undefined;
}

/** A formula the evaluator does not compute (see the module comment). */
export class NotComputed extends Error {
  constructor(what: string) {
    super(`not computed by the host: ${what}`);
    this.name = 'NotComputed';
  }
}

interface ErrorValue {
  readonly error: string;
}

interface Reference {
  readonly sheet: CalcSheet;
  readonly rect: Rect;
}

/** A single value during evaluation: a constant, a blank cell (null) or an error. */
type Scalar = number | string | boolean | null | ErrorValue;
/** A value during evaluation: a single value, or a reference. */
type Value = Scalar | Reference;

type Node =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'ref'; readonly sheet: string | null; readonly rect: Rect }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly (Node | null)[] }
  | { readonly kind: 'compare'; readonly op: string; readonly left: Node; readonly right: Node };

const isError = (v: Value): v is ErrorValue => typeof v === 'object' && v !== null && 'error' in v;
const isReference = (v: Value): v is Reference => typeof v === 'object' && v !== null && 'rect' in v;
const error = (code: string): ErrorValue => ({ error: code });

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})/;
const COLUMN = /^\$?([A-Za-z]{1,3})(?![A-Za-z\d(])/;
const SHEET_NAME = /^[\p{L}_][\p{L}\p{N}_.]*(?=!)/u;
const FUNCTION = /^([A-Za-z][A-Za-z0-9.]*)\(/;
const NUMBER = /^\d+(\.\d+)?([eE][+-]?\d+)?/;

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.comparison();
    this.space();
    if (this.i < this.src.length) throw new NotComputed(`"${this.src.slice(this.i)}" in ${this.src}`);
    return node;
  }

  private space(): void {
    while (this.src[this.i] === ' ') this.i++;
  }

  private rest(): string {
    return this.src.slice(this.i);
  }

  private comparison(): Node {
    let left = this.primary();
    for (;;) {
      this.space();
      const op = /^(<>|<=|>=|=|<|>)/.exec(this.rest())?.[0];
      if (!op) return left;
      this.i += op.length;
      left = { kind: 'compare', op, left, right: this.primary() };
    }
  }

  private primary(): Node {
    this.space();
    const rest = this.rest();
    if (rest.startsWith('"')) {
      let text = '';
      let j = this.i + 1;
      for (;;) {
        if (j >= this.src.length) throw new NotComputed(`an unterminated text in ${this.src}`);
        if (this.src[j] === '"') {
          if (this.src[j + 1] === '"') {
            text += '"';
            j += 2;
            continue;
          }
          break;
        }
        text += this.src[j++];
      }
      this.i = j + 1;
      return { kind: 'text', value: text };
    }
    if (rest.startsWith('(')) {
      this.i++;
      const inner = this.comparison();
      this.expect(')');
      return inner;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      this.i += number[0].length;
      return { kind: 'number', value: Number(number[0]) };
    }
    const call = FUNCTION.exec(rest);
    if (call) {
      this.i += call[0].length;
      return { kind: 'call', name: call[1].toUpperCase(), args: this.args() };
    }
    if (/^(TRUE|FALSE)(?![A-Za-z\d(!])/i.test(rest)) {
      const value = rest.slice(0, 4).toUpperCase() === 'TRUE';
      this.i += value ? 4 : 5;
      return { kind: 'bool', value };
    }
    return this.reference();
  }

  private args(): (Node | null)[] {
    const args: (Node | null)[] = [];
    this.space();
    if (this.src[this.i] === ')') {
      this.i++;
      return args;
    }
    for (;;) {
      this.space();
      args.push(this.src[this.i] === ',' || this.src[this.i] === ')' ? null : this.comparison());
      this.space();
      const ch = this.src[this.i++];
      if (ch === ')') return args;
      if (ch !== ',') throw new NotComputed(`"${ch ?? 'the end'}" in the arguments of ${this.src}`);
    }
  }

  private reference(): Node {
    let sheet: string | null = null;
    if (this.src[this.i] === "'") {
      let name = '';
      let j = this.i + 1;
      for (;;) {
        if (j >= this.src.length) throw new NotComputed(`an unterminated sheet name in ${this.src}`);
        if (this.src[j] === "'") {
          if (this.src[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += this.src[j++];
      }
      sheet = name;
      this.i = j + 1;
      this.expect('!');
    } else {
      const name = SHEET_NAME.exec(this.rest());
      if (name) {
        sheet = name[0];
        this.i += name[0].length + 1;
      }
    }
    const rest = this.rest();
    const first = CELL.exec(rest);
    if (first) {
      this.i += first[0].length;
      const top = Number(first[2]) - 1;
      const left = columnIndex(first[1]);
      if (this.src[this.i] !== ':') return { kind: 'ref', sheet, rect: checked(rect(top, left, top, left), this.src) };
      this.i++;
      const second = CELL.exec(this.rest());
      if (!second) throw new NotComputed(`a range in ${this.src}`);
      this.i += second[0].length;
      const bottom = Number(second[2]) - 1;
      const right = columnIndex(second[1]);
      return { kind: 'ref', sheet, rect: checked(rect(Math.min(top, bottom), Math.min(left, right), Math.max(top, bottom), Math.max(left, right)), this.src) };
    }
    const column = COLUMN.exec(rest);
    if (column && rest[column[0].length] === ':') {
      this.i += column[0].length + 1;
      const to = COLUMN.exec(this.rest());
      if (!to) throw new NotComputed(`a column range in ${this.src}`);
      this.i += to[0].length;
      const a = columnIndex(column[1]);
      const b = columnIndex(to[1]);
      return { kind: 'ref', sheet, rect: checked(rect(0, Math.min(a, b), MAX_ROWS - 1, Math.max(a, b)), this.src) };
    }
    throw new NotComputed(`"${rest}" in ${this.src}`);
  }

  private expect(ch: string): void {
    this.space();
    if (this.src[this.i] !== ch) throw new NotComputed(`"${ch}" expected in ${this.src}`);
    this.i++;
  }
}

function checked(r: Rect, src: string): Rect {
  if (r.bottom >= MAX_ROWS || r.right >= MAX_COLUMNS) throw new NotComputed(`a reference off the sheet in ${src}`);
  return r;
}

/** Parses a formula ("=…"); throws NotComputed for anything outside the subset. */
export function parseFormula(formula: string): Node {
  if (!formula.startsWith('=')) throw new NotComputed(formula);
  return new Parser(formula.slice(1)).parse();
}

const PARSED = new Map<string, Node | NotComputed>();

function parsed(formula: string): Node {
  let node = PARSED.get(formula);
  if (node === undefined) {
    try {
      node = parseFormula(formula);
    } catch (e) {
      if (!(e instanceof NotComputed)) throw e;
      node = e;
    }
    if (PARSED.size < 50_000) PARSED.set(formula, node);
  }
  if (node instanceof NotComputed) throw node;
  return node;
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/**
 * One calculation of a workbook, valid until a cell changes: each formula cell is computed once,
 * when it is first needed (HostWorkbook keeps one and drops it on every change).
 */
export class Calculation {
  private readonly results = new Map<CalcSheet, Map<number, CellScalar | NotComputed>>();
  private readonly running = new Set<string>();
  private readonly sheets = new Map<string, CalcSheet | undefined>();

  constructor(private readonly workbook: CalcWorkbook) {}

  private sheetNamed(name: string): CalcSheet | undefined {
    if (!this.sheets.has(name)) this.sheets.set(name, this.workbook.findWorksheet(name));
    return this.sheets.get(name);
  }

  /** The computed value of a formula cell, or NotComputed. */
  cellResult(sheet: CalcSheet, row: number, col: number): CellScalar | NotComputed {
    let bySheet = this.results.get(sheet);
    if (!bySheet) {
      bySheet = new Map();
      this.results.set(sheet, bySheet);
    }
    const key = row * MAX_COLUMNS + col;
    const known = bySheet.get(key);
    if (known !== undefined) return known;
    const cell = sheet.cell(row, col);
    if (!cell?.formula) return cell?.value ?? null;
    const id = `${sheet.id}:${key}`;
    if (this.running.has(id)) return new NotComputed(`a circular reference at ${sheet.name}!R${row + 1}C${col + 1}`);
    this.running.add(id);
    let result: CellScalar | NotComputed;
    try {
      result = this.final(this.evaluate(parsed(cell.formula), sheet));
    } catch (e) {
      if (!(e instanceof NotComputed)) throw e;
      result = e;
    } finally {
      this.running.delete(id);
    }
    bySheet.set(key, result);
    return result;
  }

  /** What a cell holds, as a formula sees it: its value, or its formula's result. */
  private cellValue(sheet: CalcSheet, row: number, col: number): Scalar {
    const cell = sheet.cell(row, col);
    if (!cell) return null;
    const v = cell.formula ? this.cellResult(sheet, row, col) : cell.value;
    if (v instanceof NotComputed) throw v;
    if (typeof v === 'string' && ERROR_LITERALS.has(v)) return error(v);
    return v === '' && !cell.formula ? null : v;
  }

  /** A cell's result: a reference gives its cell's value (a blank one reads 0, as Excel shows it). */
  private final(v: Value): CellScalar {
    const s = this.scalar(v);
    if (isError(s)) return s.error;
    return s === null ? 0 : s;
  }

  /** A single value from a reference (one cell), as a scalar argument takes it. */
  private scalar(v: Value): Scalar {
    if (!isReference(v)) return v;
    if (rectRows(v.rect) !== 1 || rectColumns(v.rect) !== 1) throw new NotComputed('a range where one value is expected');
    return this.cellValue(v.sheet, v.rect.top, v.rect.left);
  }

  private evaluate(node: Node, sheet: CalcSheet): Value {
    switch (node.kind) {
      case 'number':
      case 'text':
      case 'bool':
        return node.value;
      case 'ref': {
        const target = node.sheet === null ? sheet : this.sheetNamed(node.sheet);
        if (!target) return error('#REF!');
        return { sheet: target, rect: node.rect };
      }
      case 'compare':
        return compare(node.op, this.scalar(this.evaluate(node.left, sheet)), this.scalar(this.evaluate(node.right, sheet)));
      case 'call':
        return this.call(node.name, node.args, sheet);
    }
  }

  private argument(node: Node | null, sheet: CalcSheet): Value {
    return node === null ? null : this.evaluate(node, sheet);
  }

  private call(name: string, args: readonly (Node | null)[], sheet: CalcSheet): Value {
    const arity = (min: number, max: number) => {
      if (args.length < min || args.length > max) throw new NotComputed(`${name} with ${args.length} arguments`);
    };
    switch (name) {
      case 'IF': {
        arity(1, 3);
        const condition = logical(this.scalar(this.argument(args[0], sheet)));
        if (isError(condition)) return condition;
        if (condition) return args.length > 1 ? (this.argument(args[1], sheet) ?? 0) : true;
        return args.length > 2 ? (this.argument(args[2], sheet) ?? 0) : false;
      }
      case 'IFERROR': {
        arity(2, 2);
        const value = this.scalar(this.argument(args[0], sheet));
        if (isError(value)) return this.argument(args[1], sheet) ?? 0;
        return value ?? 0;
      }
      case 'OR': {
        arity(1, 255);
        let any = false;
        let seen = false;
        for (const arg of args) {
          const v = this.argument(arg, sheet);
          if (isReference(v)) {
            for (const cell of this.cellsOf(v)) {
              if (isError(cell)) return cell;
              if (typeof cell === 'boolean' || typeof cell === 'number') {
                seen = true;
                any ||= cell === true || (typeof cell === 'number' && cell !== 0);
              }
            }
            continue;
          }
          const b = logical(v);
          if (isError(b)) return b;
          seen = true;
          any ||= b;
        }
        return seen ? any : error('#VALUE!');
      }
      case 'TRIM': {
        arity(1, 1);
        const v = this.scalar(this.argument(args[0], sheet));
        if (isError(v)) return v;
        return text(v).replace(/ +/g, ' ').replace(/^ | $/g, '');
      }
      case 'INDEX':
        arity(2, 3);
        return this.index(args, sheet);
      case 'MATCH':
        arity(2, 3);
        return this.match(args, sheet);
      default:
        throw new NotComputed(`the function ${name}`);
    }
  }

  /** INDEX(reference, row, [column]): a cell, or a whole row or column when one of them is 0. */
  private index(args: readonly (Node | null)[], sheet: CalcSheet): Value {
    const area = this.argument(args[0], sheet);
    if (isError(area)) return area;
    if (!isReference(area)) throw new NotComputed('INDEX of an array');
    const number = (node: Node | null | undefined): number | ErrorValue => {
      const v = this.scalar(this.argument(node ?? null, sheet));
      if (isError(v)) return v;
      if (v === null) return 0;
      if (typeof v === 'number') return Math.trunc(v);
      if (typeof v === 'boolean') return v ? 1 : 0;
      const n = Number(v.trim());
      return v.trim() !== '' && Number.isFinite(n) ? Math.trunc(n) : error('#VALUE!');
    };
    let row = number(args[1]);
    let col = args.length > 2 ? number(args[2]) : 0;
    if (isError(row)) return row;
    if (isError(col)) return col;
    const rows = rectRows(area.rect);
    const cols = rectColumns(area.rect);
    // A single row or column takes one index for either (INDEX(A1:D1, 3) is C1).
    if (args.length === 2 && rows === 1 && cols > 1) [row, col] = [1, row];
    else if (args.length === 2 && cols > 1) throw new NotComputed('INDEX of a block without a column');
    if (row < 0 || col < 0 || row > rows || col > cols) return error('#REF!');
    const r = area.rect;
    const top = row === 0 ? r.top : r.top + row - 1;
    const bottom = row === 0 ? r.bottom : top;
    const left = col === 0 ? r.left : r.left + col - 1;
    const right = col === 0 ? r.right : left;
    return { sheet: area.sheet, rect: rect(top, left, bottom, right) };
  }

  /** MATCH(value, row or column, 0): the 1-based position of the first equal value, or #N/A. */
  private match(args: readonly (Node | null)[], sheet: CalcSheet): Value {
    const type = args.length > 2 ? this.scalar(this.argument(args[2], sheet)) : 1;
    if (isError(type)) return type;
    if (type !== 0) throw new NotComputed('MATCH other than an exact match (type 0)');
    const wanted = this.scalar(this.argument(args[0], sheet));
    if (isError(wanted)) return wanted;
    const within = this.argument(args[1], sheet);
    if (isError(within)) return within;
    if (!isReference(within)) throw new NotComputed('MATCH in an array');
    const r = within.rect;
    const vertical = rectColumns(r) === 1;
    if (!vertical && rectRows(r) !== 1) return error('#N/A');
    if (wanted === null) return error('#N/A');
    const equal = matcher(wanted);
    let best = Infinity;
    for (const [row, col] of within.sheet.cellsIn(r)) {
      const position = vertical ? row - r.top : col - r.left;
      if (position >= best) continue;
      const v = this.cellValue(within.sheet, row, col);
      if (!isError(v) && v !== null && equal(v)) best = position;
    }
    return best === Infinity ? error('#N/A') : best + 1;
  }

  private *cellsOf(ref: Reference): IterableIterator<Scalar> {
    for (const [row, col] of ref.sheet.cellsIn(ref.rect)) yield this.cellValue(ref.sheet, row, col);
  }
}

/** Excel's test of a value as a condition. */
function logical(v: Scalar): boolean | ErrorValue {
  if (isError(v)) return v;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const upper = v.toUpperCase();
  return upper === 'TRUE' ? true : upper === 'FALSE' ? false : error('#VALUE!');
}

/** A value as text (TRIM's argument): numbers in General, booleans as TRUE/FALSE, a blank as "". */
function text(v: CellScalar): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return generalNumberText(v);
  return v;
}

/** Excel's order of types in a comparison: numbers < text < booleans; a blank is 0, "" or FALSE. */
function compare(op: string, a: Scalar, b: Scalar): Value {
  if (isError(a)) return a;
  if (isError(b)) return b;
  const blankAs = (other: CellScalar): CellScalar => (typeof other === 'string' ? '' : typeof other === 'boolean' ? false : 0);
  const x = a === null ? blankAs(b) : a;
  const y = b === null ? blankAs(a) : b;
  const rank = (v: CellScalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  let order: number;
  if (rank(x) !== rank(y)) order = rank(x) - rank(y);
  else if (typeof x === 'string' && typeof y === 'string') {
    const p = x.toLowerCase();
    const q = y.toLowerCase();
    order = p < q ? -1 : p > q ? 1 : 0;
  } else order = Number(x) - Number(y);
  switch (op) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    default:
      return order >= 0;
  }
}

/** MATCH's exact test: same type; text without case and with Excel's * ? ~ wildcards. */
function matcher(wanted: number | string | boolean): (v: number | string | boolean) => boolean {
  if (typeof wanted === 'string') {
    if (!/[*?~]/.test(wanted)) {
      const lower = wanted.toLowerCase();
      return (v) => typeof v === 'string' && v.toLowerCase() === lower;
    }
    const pattern = wildcardRegExp(wanted, true, false);
    return (v) => typeof v === 'string' && pattern.test(v);
  }
  return (v) => v === wanted;
}
