/**
 * LibreOffice Calc as an independent spreadsheet engine for checking the
 * workbooks we write: it opens them, RECALCULATES every formula, and tells us
 * what it sees (values, formulas, tables, data validations).
 *
 * What an .xlsx looks like after LibreOffice (7.4, read from its flat ODS):
 * - An Excel table ("ListObject") becomes a database range with the table's own
 *   name (table `Tickets` -> database range `Tickets`); its range is the whole
 *   table including the header row, and `hasHeader` follows the table's header
 *   row (ODF table:contains-header, default true). LibreOffice 7.4 ignores an
 *   xlsx table's headerRowCount="0": a headerless table still reads hasHeader true.
 * - A structured reference such as SUM(Tickets[编号]) is resolved to cells:
 *   "=SUM([$台账.$A$2:.$A$3])". An xlsx boolean cell comes back as the formula
 *   "=TRUE()" with type 'boolean'.
 * - A data validation becomes a table:content-validation referenced from each
 *   cell it covers; the cells are the truth (LibreOffice 7.4 writes a wrong sheet
 *   into table:base-cell-address), so ranges here are collected from the cells.
 *   A list is `of:cell-content-is-in-list("a";"b")` for literal items, or
 *   `of:cell-content-is-in-list([$Lists.$A$1:.$A$5])` for a range (or a name).
 * - Dates are kept as LibreOffice writes them, ISO text from office:date-value
 *   ("2024-01-15" or "2024-01-15T10:30:00"), with type 'date'.
 * - A text cell that starts with '=' stays text: its `formulas` entry is null.
 *   Formula cells have their OpenFormula text in `formulas` ("=2+3",
 *   "=SUM([.A1:.A3])": the "of:" namespace is stripped).
 */
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { findPdftotext, sofficePath } from './tools';

// ---------------------------------------------------------------------------
// Conversion
// ---------------------------------------------------------------------------

export type ConvertFormat = 'fods' | 'csv' | 'xlsx' | 'pdf';

export interface ConvertOptions {
  /** Kill soffice (its whole process group) after this long. Default 120 000 ms. */
  timeoutMs?: number;
  /**
   * Pre-write the fresh profile so that formulas are recalculated on load
   * (OOXMLRecalcMode = ODFRecalcMode = 0, 'always'). Default true. With false
   * LibreOffice keeps the cached results stored in the file (its default).
   */
  recalc?: boolean;
  /** CSV filter options; default UTF-8, comma, '"', first sheet, cells as shown. */
  csvFilterOptions?: string;
  /** Folder in which the throw-away profile folder is made (and removed). Default os.tmpdir(). */
  profileParent?: string;
  /** Import filter for the inputs (soffice --infilter), e.g. CSV_UTF8_INFILTER to read a CSV as UTF-8. */
  infilter?: string;
}

/** Reads a CSV as Excel would be asked to: comma, '"', UTF-8, from line 1. */
export const CSV_UTF8_INFILTER = 'Text - txt - csv (StarCalc):44,34,76,1';

/**
 * CSV filter tokens: separator 44 (,), text delimiter 34 ("), charset 76 (UTF-8),
 * first line 1, cell formats (none), language 0, quote all text false,
 * detect special numbers true, save cell contents as shown true, export
 * formulas false, remove spaces false. The first sheet only.
 */
export const DEFAULT_CSV_FILTER_OPTIONS = '44,34,76,1,,0,false,true,true,false,false';

const RECALC_ALWAYS = 0;

/** The registrymodifications.xcu written into each fresh LibreOffice profile. */
export function recalcRegistryXcu(recalc: boolean): string {
  const items: string[] = [];
  if (recalc) {
    for (const prop of ['OOXMLRecalcMode', 'ODFRecalcMode']) {
      items.push(`<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${prop}" oor:op="fuse"><value>${RECALC_ALWAYS}</value></prop></item>`);
    }
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
    items.map((i) => i + '\n').join('') +
    '</oor:items>\n'
  );
}

function convertArgument(format: ConvertFormat, options: ConvertOptions): string {
  switch (format) {
    case 'fods':
      return 'fods:OpenDocument Spreadsheet Flat XML';
    case 'csv':
      return `csv:Text - txt - csv (StarCalc):${options.csvFilterOptions ?? DEFAULT_CSV_FILTER_OPTIONS}`;
    case 'xlsx':
      return 'xlsx:Calc MS Excel 2007 XML';
    case 'pdf':
      return 'pdf:calc_pdf_Export';
  }
}

export class LibreOfficeError extends Error {
  constructor(
    message: string,
    readonly stdout = '',
    readonly stderr = '',
  ) {
    super(message + (stdout || stderr ? `\n--- soffice stdout:\n${stdout}\n--- soffice stderr:\n${stderr}` : ''));
    this.name = 'LibreOfficeError';
  }
}

/**
 * Convert `inputs` with one headless soffice process into `outDir`, and return
 * the output paths in input order (`<outDir>/<input basename>.<format>`).
 * Each call uses its own fresh, throw-away user profile, so calls may run in
 * parallel and never see a developer's own LibreOffice settings.
 */
export async function libreOfficeConvert(inputs: string[], format: ConvertFormat, outDir: string, options: ConvertOptions = {}): Promise<string[]> {
  if (inputs.length === 0) return [];
  const soffice = sofficePath();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const absInputs = inputs.map((p) => path.resolve(p));
  const absOut = path.resolve(outDir);
  mkdirSync(absOut, { recursive: true });

  const outputs = absInputs.map((p) => path.join(absOut, path.parse(p).name + '.' + format));
  const seen = new Map<string, string>();
  absInputs.forEach((input, i) => {
    if (!existsSync(input)) throw new LibreOfficeError(`input file does not exist: ${input}`);
    const out = outputs[i];
    if (out === input) throw new LibreOfficeError(`conversion would overwrite its input: ${input}`);
    const other = seen.get(out);
    if (other) throw new LibreOfficeError(`${other} and ${input} would both convert to ${out}`);
    seen.set(out, input);
    rmSync(out, { force: true }); // so that a stale file can't pass for a result
  });

  const profile = mkdtempSync(path.join(options.profileParent ?? os.tmpdir(), 'kefu-lo-profile-'));
  try {
    mkdirSync(path.join(profile, 'user'), { recursive: true });
    writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), recalcRegistryXcu(options.recalc ?? true));
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--invisible',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      '--norestore',
      ...(options.infilter ? [`--infilter=${options.infilter}`] : []),
      '--convert-to',
      convertArgument(format, options),
      '--outdir',
      absOut,
      ...absInputs,
    ];
    const { code, signal, stdout, stderr, timedOut } = await run(soffice, args, timeoutMs, {
      ...process.env,
      HOME: profile, // nothing of LibreOffice's lands in the real home
    });
    if (timedOut) {
      throw new LibreOfficeError(`soffice did not finish converting ${inputs.length} file(s) within ${timeoutMs} ms`, stdout, stderr);
    }
    if (code !== 0) {
      throw new LibreOfficeError(`soffice exited with ${code ?? 'signal ' + signal}`, stdout, stderr);
    }
    const missing = outputs.filter((o) => !existsSync(o));
    if (missing.length > 0) {
      throw new LibreOfficeError(`soffice produced no ${missing.join(', ')}`, stdout, stderr);
    }
    return outputs;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Run a program in its own process group; on timeout kill the whole group (soffice forks soffice.bin). */
function run(cmd: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new LibreOfficeError(`could not start ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) killGroup(child.pid); // anything left behind in the group
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// ---------------------------------------------------------------------------
// Reading a workbook as LibreOffice computed it
// ---------------------------------------------------------------------------

export type CellValue = string | number | boolean | null;
/** office:value-type, with 'error' for formula errors (#DIV/0! ...), null for an empty cell. */
export type CellType = 'float' | 'percentage' | 'currency' | 'date' | 'time' | 'boolean' | 'string' | 'error' | null;

export interface LoSheet {
  name: string;
  /** Values as LibreOffice computed them; rectangular, trailing empty rows/columns cut. */
  rows: CellValue[][];
  /** Same shape: the cell's formula ("=2+3", OpenFormula syntax), null if the cell is no formula. */
  formulas: (string | null)[][];
  /** Same shape: the value type of each cell. */
  types: CellType[][];
  /** Same shape: the text LibreOffice displays (paragraphs joined by '\n'), null if empty. */
  text: (string | null)[][];
  /** True when content went beyond the maxRows/maxCols read limits and was cut. */
  truncated: boolean;
}

export interface LoDatabaseRange {
  /** For a table from xlsx: the table's name. */
  name: string;
  sheet: string;
  /** A1 style, without sheet: "A1:C3". */
  range: string;
  hasHeader: boolean;
}

export type ValidationKind = 'list' | 'whole' | 'decimal' | 'date' | 'time' | 'textLength' | 'custom' | 'other';

export interface LoValidation {
  /** LibreOffice's name for it (val1, val2 ...). */
  name: string;
  sheet: string;
  /** A1 ranges without sheet, e.g. ["C2:C50"]; single cells as "F2". */
  ranges: string[];
  kind: ValidationKind;
  /** For 'list': the dropdown's items, literal or read from the source range. */
  listValues?: string[];
  /** For a 'list' that takes its items from cells: where. */
  listSource?: { sheet: string; range: string };
  /** For a list: its argument (range, name, or items); otherwise the condition after the type test. */
  formula?: string;
  /** The raw table:condition. */
  condition: string;
  allowEmpty: boolean;
  /** table:display-list: 'unsorted' | 'sorted' | 'none' (lists only). */
  displayList?: string;
}

export interface LoWorkbook {
  sheets: LoSheet[];
  databaseRanges: LoDatabaseRange[];
  validations: LoValidation[];
}

export interface ReadOptions extends ConvertOptions {
  /** Rows / columns of content materialized per sheet (validations are not limited). */
  maxRows?: number;
  maxCols?: number;
}

/** Open `xlsxPath` in LibreOffice (recalculating) and read back what it computed. */
export async function readWorkbookWithLibreOffice(xlsxPath: string, options: ReadOptions = {}): Promise<LoWorkbook> {
  const [wb] = await readWorkbooksWithLibreOffice([xlsxPath], options);
  return wb;
}

/** As readWorkbookWithLibreOffice, for many files with one soffice process. */
export async function readWorkbooksWithLibreOffice(paths: string[], options: ReadOptions = {}): Promise<LoWorkbook[]> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-lo-fods-'));
  try {
    const outputs = await libreOfficeConvert(paths, 'fods', outDir, options);
    return outputs.map((o) => parseFods(readFileSync(o, 'utf8'), options));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

// --- flat ODS parsing -------------------------------------------------------

/** fast-xml-parser's preserveOrder node: one element name -> children, attributes under ':@'. */
type XNode = { [name: string]: XNode[] | string | Record<string, string> | undefined } & {
  ':@'?: Record<string, string>;
  '#text'?: string;
};

function nodeName(n: XNode): string {
  for (const k of Object.keys(n)) if (k !== ':@') return k;
  return '';
}
function children(n: XNode): XNode[] {
  const v = n[nodeName(n)];
  return Array.isArray(v) ? v : [];
}
function attrs(n: XNode): Record<string, string> {
  return n[':@'] ?? {};
}
function childElements(n: XNode, name: string): XNode[] {
  return children(n).filter((c) => nodeName(c) === name);
}
function findFirst(nodes: XNode[], name: string): XNode | undefined {
  for (const n of nodes) {
    if (nodeName(n) === name) return n;
    const found = findFirst(children(n), name);
    if (found) return found;
  }
  return undefined;
}

interface Cell {
  value: CellValue;
  formula: string | null;
  type: CellType;
  text: string | null;
}

interface Rect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

const ROW_CONTAINERS = new Set(['table:table-header-rows', 'table:table-rows', 'table:table-row-group']);
const CELL_ELEMENTS = new Set(['table:table-cell', 'table:covered-table-cell']);

function paragraphText(nodes: XNode[]): string {
  let out = '';
  for (const n of nodes) {
    const name = nodeName(n);
    if (name === '#text') out += String(n['#text'] ?? '');
    else if (name === 'text:s') out += ' '.repeat(Number(attrs(n)['text:c'] ?? 1));
    else if (name === 'text:tab') out += '\t';
    else if (name === 'text:line-break') out += '\n';
    else if (name === 'office:annotation' || name === 'text:note') continue;
    else out += paragraphText(children(n));
  }
  return out;
}

function stripNamespace(formula: string): string {
  const m = /^([a-z]+):(=.*)$/s.exec(formula);
  return m ? m[2] : formula;
}

function readCell(n: XNode): Cell | null {
  const a = attrs(n);
  const paragraphs = childElements(n, 'text:p');
  const text = paragraphs.length ? paragraphs.map((p) => paragraphText(children(p))).join('\n') : null;
  const formula = a['table:formula'] !== undefined ? stripNamespace(a['table:formula']) : null;
  const valueType = a['office:value-type'];
  let type: CellType = null;
  let value: CellValue = null;
  switch (valueType) {
    case 'float':
    case 'percentage':
    case 'currency':
      type = valueType;
      value = Number(a['office:value']);
      break;
    case 'date':
      type = 'date';
      value = a['office:date-value'] ?? null;
      break;
    case 'time':
      type = 'time';
      value = a['office:time-value'] ?? null;
      break;
    case 'boolean':
      type = 'boolean';
      value = a['office:boolean-value'] === 'true';
      break;
    case 'string':
      if (a['calcext:value-type'] === 'error') {
        type = 'error';
        value = text ?? a['office:string-value'] ?? '';
      } else {
        type = 'string';
        value = a['office:string-value'] ?? text ?? '';
      }
      break;
    default:
      if (text !== null) {
        type = 'string';
        value = text;
      }
  }
  if (value === null && formula === null && text === null) return null;
  return { value, formula, type, text };
}

interface SheetScan {
  sheet: LoSheet;
  validationRects: Map<string, Rect[]>;
}

function scanTable(table: XNode, maxRows: number, maxCols: number): SheetScan {
  const name = attrs(table)['table:name'] ?? '';
  const cells = new Map<number, Map<number, Cell>>();
  const validationRects = new Map<string, Rect[]>();
  let truncated = false;
  let maxRow = -1;
  let maxCol = -1;
  let row = 0;

  const addRect = (validation: string, rect: Rect) => {
    const list = validationRects.get(validation) ?? [];
    // join with the previous rect of this row run when adjacent
    const last = list[list.length - 1];
    if (last && last.r0 === rect.r0 && last.r1 === rect.r1 && last.c1 + 1 === rect.c0) last.c1 = rect.c1;
    else list.push(rect);
    validationRects.set(validation, list);
  };

  const visitRow = (rowNode: XNode) => {
    const rowRepeat = Math.max(1, Number(attrs(rowNode)['table:number-rows-repeated'] ?? 1));
    let col = 0;
    const rowCells: { col: number; cell: Cell }[] = [];
    for (const c of children(rowNode)) {
      if (!CELL_ELEMENTS.has(nodeName(c))) continue;
      const a = attrs(c);
      const colRepeat = Math.max(1, Number(a['table:number-columns-repeated'] ?? 1));
      const validation = a['table:content-validation-name'];
      if (validation) addRect(validation, { r0: row, r1: row + rowRepeat - 1, c0: col, c1: col + colRepeat - 1 });
      const cell = readCell(c);
      if (cell) {
        for (let k = 0; k < colRepeat; k++) {
          if (col + k >= maxCols) {
            truncated = true;
            break;
          }
          rowCells.push({ col: col + k, cell });
        }
      }
      col += colRepeat;
    }
    if (rowCells.length > 0) {
      for (let k = 0; k < rowRepeat; k++) {
        const r = row + k;
        if (r >= maxRows) {
          truncated = true;
          break;
        }
        const m = new Map<number, Cell>();
        for (const { col: cc, cell } of rowCells) {
          m.set(cc, cell);
          if (cc > maxCol) maxCol = cc;
        }
        cells.set(r, m);
        if (r > maxRow) maxRow = r;
      }
    }
    row += rowRepeat;
  };

  const visit = (nodes: XNode[]) => {
    for (const n of nodes) {
      const nm = nodeName(n);
      if (nm === 'table:table-row') visitRow(n);
      else if (ROW_CONTAINERS.has(nm)) visit(children(n));
    }
  };
  visit(children(table));

  const height = maxRow + 1;
  const width = maxCol + 1;
  const grid = <T>(pick: (c: Cell | undefined) => T): T[][] => Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => pick(cells.get(r)?.get(c))));
  return {
    sheet: {
      name,
      rows: grid((c) => c?.value ?? null),
      formulas: grid((c) => c?.formula ?? null),
      types: grid((c) => c?.type ?? null),
      text: grid((c) => c?.text ?? null),
      truncated,
    },
    validationRects,
  };
}

/** Merge vertically adjacent rects that span the same columns. */
function mergeRects(rects: Rect[]): Rect[] {
  const sorted = [...rects].sort((a, b) => a.c0 - b.c0 || a.c1 - b.c1 || a.r0 - b.r0);
  const out: Rect[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.c0 === r.c0 && last.c1 === r.c1 && last.r1 + 1 === r.r0) last.r1 = r.r1;
    else out.push({ ...r });
  }
  return out.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
}

/** 0-based column index -> letters (0 -> A, 26 -> AA). */
export function columnLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function rectA1(r: Rect): string {
  const a = `${columnLetters(r.c0)}${r.r0 + 1}`;
  const b = `${columnLetters(r.c1)}${r.r1 + 1}`;
  return a === b ? a : `${a}:${b}`;
}

/**
 * Parse an ODF cell (range) address such as `台账.A1:台账.C3`, `$'My sheet'.$A$1:.$C$3`
 * or `[$Lists.$A$1:.$A$2]` into a sheet and a rect.
 */
export function parseOdfRange(address: string): { sheet: string; rect: Rect } | null {
  let s = address.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const parts: { sheet: string | null; col: number; row: number }[] = [];
  let i = 0;
  while (i <= s.length) {
    let sheet: string | null = null;
    if (s[i] === '$') i++;
    if (s[i] === "'") {
      let j = i + 1;
      let nameText = '';
      while (j < s.length) {
        if (s[j] === "'" && s[j + 1] === "'") {
          nameText += "'";
          j += 2;
        } else if (s[j] === "'") break;
        else nameText += s[j++];
      }
      sheet = nameText;
      i = j + 1;
    } else {
      const dot = s.indexOf('.', i);
      const colon = s.indexOf(':', i);
      if (dot < 0 || (colon >= 0 && colon < dot)) return null;
      sheet = dot > i ? s.slice(i, dot) : null;
      i = dot;
    }
    if (s[i] !== '.') return null;
    i++;
    const m = /^\$?([A-Za-z]+)\$?(\d+)/.exec(s.slice(i));
    if (!m) return null;
    parts.push({ sheet, col: columnIndex(m[1]), row: Number(m[2]) - 1 });
    i += m[0].length;
    if (i >= s.length) break;
    if (s[i] !== ':') return null;
    i++;
  }
  if (parts.length === 0 || parts.length > 2 || parts[0].sheet === null) return null;
  const [a, b = parts[0]] = parts;
  return {
    sheet: a.sheet!,
    rect: { r0: Math.min(a.row, b.row), r1: Math.max(a.row, b.row), c0: Math.min(a.col, b.col), c1: Math.max(a.col, b.col) },
  };
}

/** Split `"a";"b";[$S.$A$1]` at top-level ';'. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = false;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      cur += ch;
      if (ch === '"') {
        if (s[i + 1] === '"') cur += s[++i];
        else quote = false;
      }
    } else if (ch === '"') {
      quote = true;
      cur += ch;
    } else if (ch === '(' || ch === '[') {
      depth++;
      cur += ch;
    } else if (ch === ')' || ch === ']') {
      depth--;
      cur += ch;
    } else if (ch === ';' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '' || out.length > 0) out.push(cur.trim());
  return out;
}

function unquote(arg: string): string | null {
  const m = /^"((?:[^"]|"")*)"$/s.exec(arg);
  return m ? m[1].replace(/""/g, '"') : null;
}

interface ParsedCondition {
  kind: ValidationKind;
  formula?: string;
  items?: string[];
  rangeArg?: string;
}

export function parseValidationCondition(condition: string): ParsedCondition {
  const c = condition.replace(/^[a-z]+:/, '').trim();
  const list = /^cell-content-is-in-list\((.*)\)$/s.exec(c);
  if (list) {
    const inner = list[1];
    const args = splitArgs(inner);
    const items = args.map(unquote);
    if (args.length > 0 && items.every((x) => x !== null)) return { kind: 'list', formula: inner, items: items };
    return { kind: 'list', formula: inner, rangeArg: args.length === 1 ? args[0] : undefined };
  }
  const typed: [RegExp, ValidationKind][] = [
    [/^cell-content-is-whole-number\(\)\s*(?:and\s+)?/, 'whole'],
    [/^cell-content-is-decimal-number\(\)\s*(?:and\s+)?/, 'decimal'],
    [/^cell-content-is-date\(\)\s*(?:and\s+)?/, 'date'],
    [/^cell-content-is-time\(\)\s*(?:and\s+)?/, 'time'],
  ];
  for (const [re, kind] of typed) {
    const m = re.exec(c);
    if (m) return { kind, formula: c.slice(m[0].length) };
  }
  if (/^cell-content-text-length/.test(c)) return { kind: 'textLength', formula: c };
  const custom = /^is-true-formula\((.*)\)$/s.exec(c);
  if (custom) return { kind: 'custom', formula: stripNamespace(custom[1]) };
  return { kind: 'other', formula: c };
}

/** Parse the text of a flat ODS (.fods) document as LibreOffice wrote it. */
export function parseFods(xml: string, options: { maxRows?: number; maxCols?: number } = {}): LoWorkbook {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    htmlEntities: true, // numeric character references (&#10;)
  });
  const doc = parser.parse(xml) as XNode[];
  const spreadsheet = findFirst(doc, 'office:spreadsheet');
  if (!spreadsheet) throw new Error('not a spreadsheet document: no office:spreadsheet element');
  const maxRows = options.maxRows ?? 100_000;
  const maxCols = options.maxCols ?? 1_024;

  const scans = childElements(spreadsheet, 'table:table').map((t) => scanTable(t, maxRows, maxCols));
  const sheets = scans.map((s) => s.sheet);
  const sheetByName = new Map(sheets.map((s) => [s.name, s]));

  const databaseRanges: LoDatabaseRange[] = [];
  for (const ranges of childElements(spreadsheet, 'table:database-ranges')) {
    for (const r of childElements(ranges, 'table:database-range')) {
      const a = attrs(r);
      const parsed = parseOdfRange(a['table:target-range-address'] ?? '');
      if (!parsed) throw new Error(`cannot read database range address ${a['table:target-range-address']}`);
      databaseRanges.push({
        name: a['table:name'] ?? '',
        sheet: parsed.sheet,
        range: rectA1(parsed.rect),
        hasHeader: (a['table:contains-header'] ?? 'true') === 'true',
      });
    }
  }

  const namedRanges = new Map<string, string>();
  for (const holder of [spreadsheet, ...childElements(spreadsheet, 'table:table')]) {
    for (const ne of childElements(holder, 'table:named-expressions')) {
      for (const nr of childElements(ne, 'table:named-range')) {
        const a = attrs(nr);
        if (a['table:name'] && a['table:cell-range-address']) namedRanges.set(a['table:name'], a['table:cell-range-address']);
      }
    }
  }

  const definitions = new Map<string, Record<string, string>>();
  for (const cvs of childElements(spreadsheet, 'table:content-validations')) {
    for (const cv of childElements(cvs, 'table:content-validation')) definitions.set(attrs(cv)['table:name'], attrs(cv));
  }

  const valuesIn = (sheetName: string, rect: Rect): string[] | undefined => {
    const sheet = sheetByName.get(sheetName);
    if (!sheet) return undefined;
    const out: string[] = [];
    for (let r = rect.r0; r <= rect.r1 && r < sheet.rows.length; r++) {
      for (let c = rect.c0; c <= rect.c1 && c < (sheet.rows[r]?.length ?? 0); c++) {
        const v = sheet.rows[r][c];
        if (v !== null && v !== '') out.push(String(v));
      }
    }
    return out;
  };

  const validations: LoValidation[] = [];
  for (const scan of scans) {
    for (const [name, rects] of scan.validationRects) {
      const def = definitions.get(name);
      if (!def) throw new Error(`cell refers to unknown content validation ${name}`);
      const condition = def['table:condition'] ?? '';
      const parsed = parseValidationCondition(condition);
      const v: LoValidation = {
        name,
        sheet: scan.sheet.name,
        ranges: mergeRects(rects).map(rectA1),
        kind: parsed.kind,
        condition,
        allowEmpty: (def['table:allow-empty-cell'] ?? 'true') === 'true',
      };
      if (parsed.formula !== undefined) v.formula = parsed.formula;
      if (def['table:display-list']) v.displayList = def['table:display-list'];
      if (parsed.items) v.listValues = parsed.items;
      if (parsed.rangeArg) {
        const address = parseOdfRange(parsed.rangeArg) ? parsed.rangeArg : namedRanges.get(parsed.rangeArg);
        const src = address ? parseOdfRange(address) : null;
        if (src) {
          v.listSource = { sheet: src.sheet, range: rectA1(src.rect) };
          const values = valuesIn(src.sheet, src.rect);
          if (values) v.listValues = values;
        }
      }
      validations.push(v);
    }
  }
  return { sheets, databaseRanges, validations };
}

/** Look a sheet up by name; throws with the names there are. */
export function sheetNamed(wb: LoWorkbook, name: string): LoSheet {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${JSON.stringify(name)}; sheets: ${wb.sheets.map((x) => x.name).join(', ')}`);
  return s;
}

/** The value at an A1 address of a sheet (null outside the used area). */
export function cellAt(sheet: LoSheet, a1: string): CellValue {
  const m = /^([A-Za-z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`not an A1 cell address: ${a1}`);
  return sheet.rows[Number(m[2]) - 1]?.[columnIndex(m[1])] ?? null;
}

// ---------------------------------------------------------------------------
// PDF text (poppler-utils)
// ---------------------------------------------------------------------------

export function pdftotextAvailable(): boolean {
  return findPdftotext() !== null;
}

/** The text of each page of a PDF (`pdftotext -layout`), one string per page. */
export function pdfTextPages(pdfPath: string, timeoutMs = 60_000): Promise<string[]> {
  const bin = findPdftotext();
  if (!bin) {
    return Promise.reject(new Error('pdftotext was not found on PATH: install the Debian package poppler-utils (`bash .ci/run` does this)'));
  }
  return new Promise((resolve, reject) => {
    execFile(bin, ['-layout', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`pdftotext failed on ${pdfPath}: ${err.message}\n${stderr}`));
      const pages = stdout.split('\f');
      if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
      resolve(pages);
    });
  });
}
