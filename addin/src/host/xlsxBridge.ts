/**
 * Moves a host workbook to and from .xlsx with exceljs (works in Node and in the browser).
 *
 * Carried: sheets in order with visibility (visible / hidden / veryHidden), the active sheet,
 * cell values (dates become 1900-system serial numbers, whichever date system the file uses),
 * formulas with their cached results, number formats, cell formatting (bold, which the host
 * models, and the rest of each cell's font, fill, border and alignment, which it carries opaquely;
 * empty cells that only have formatting too), tables (name, range, column names, style), frozen
 * rows/columns, column widths, hidden columns, row heights, merged cells, a sheet's AutoFilter
 * range, data validations and conditional formats (opaque: exceljs' models), print areas, page
 * setup, headers and footers, manual page breaks, the tab colour, and workbook-level defined names.
 * A workbook written by the preview prints as the one it was read from.
 *
 * Limits (what is not carried): column-level (whole-column) formats, hidden rows, hyperlinks (the
 * link text is kept), comments, charts, pivots, images, column page breaks. Rich text becomes
 * plain text. Tables without a header row or with a totals row are refused (the host model has
 * neither), rather than silently reshaped.
 *
 * Charts: exceljs neither reads nor writes charts, so the bridge does not carry them either way.
 * A host workbook with charts (`worksheet.charts`, made through `charts.add`) still exports: its
 * sheets, cells and tables are written and the charts are simply dropped; charts in a file that
 * is read are ignored.
 *
 * Writing tables: exceljs Table objects read from a file misbehave when modified, so the writer
 * never edits a read table; it builds a fresh workbook, writes cells, then declares each table with
 * `worksheet.addTable` over those same cells.
 */

import ExcelJS from 'exceljs';
import { type Rect, cellAddress, columnLetters, parseAddress, rectAddress, rectColumns, rectRows } from './address';
import type { CellScalar } from './cells';
import { takeValidations } from './xlsxValidations';
import type { CellStyle, HostCell, SheetVisibility } from './model/cell';
import { HostWorkbook } from './model/workbook';
import type { HostWorksheet } from './model/worksheet';

const DAY_MS = 86_400_000;
/** exceljs turns serial v into Date(round((v - 25569) * DAY_MS)) (+1462 days in 1904 files). */
const UNIX_EPOCH_SERIAL = 25569;

function serialFromExceljsDate(d: Date): number {
  // Exact inverse of exceljs' conversion for 1900 files; for 1904 files exceljs already added the
  // 1462-day offset, so the same formula yields the 1900-system serial.
  // One division of exact integers: the serial is the double nearest the true value.
  return (Math.round(d.getTime()) + UNIX_EPOCH_SERIAL * DAY_MS) / DAY_MS;
}

function errorMessage(what: string): Error {
  return new Error(`xlsx bridge: ${what}`);
}

type ExcelValue = ExcelJS.CellValue;

/** exceljs keeps a sheet's conditional formats here (read and written; not in its typings). */
interface ConditionalFormats {
  conditionalFormattings?: unknown[];
}

function scalarFrom(v: unknown): CellScalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return serialFromExceljsDate(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return o.error;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o && ('hyperlink' in o || 'tooltip' in o)) return scalarFrom(o.text);
  }
  return String(v);
}

/** The font exceljs gives every cell it styles (the workbook's default): no formatting of its own. */
const DEFAULT_FONT = JSON.stringify({ color: { theme: 1 }, family: 2, name: 'Calibri', scheme: 'minor', size: 11 });

function isDefaultFont(font: Record<string, unknown>): boolean {
  const { bold: _bold, ...rest } = font;
  const sorted = Object.fromEntries(
    Object.entries(rest)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return Object.keys(sorted).length === 0 || JSON.stringify(sorted) === DEFAULT_FONT;
}

/** Styles as read, by exceljs' style object (one per style of the file, shared by its cells). */
const STYLES_READ = new WeakMap<object, CellStyle | null>();

/** The formatting of a cell other than its number format and bold, or undefined when it has none. */
function styleFrom(cell: ExcelJS.Cell): CellStyle | undefined {
  const read = cell.style as object | undefined;
  if (!read) return undefined;
  let style = STYLES_READ.get(read);
  if (style === undefined) {
    style = ownStyle(read);
    STYLES_READ.set(read, style);
  }
  return style ?? undefined;
}

function ownStyle(read: Partial<ExcelJS.Style>): CellStyle | null {
  const { numFmt: _numFmt, ...rest } = read;
  const style: Record<string, unknown> = {};
  for (const [key, part] of Object.entries(rest)) {
    if (part === undefined || part === null) continue;
    if (typeof part === 'object' && Object.keys(part).length === 0) continue;
    if (key === 'fill' && (part as { pattern?: string }).pattern === 'none') continue;
    if (key === 'font' && isDefaultFont(part as Record<string, unknown>)) continue;
    style[key] = part;
  }
  return Object.keys(style).length > 0 ? style : null;
}

function hostCellFrom(cell: ExcelJS.Cell): HostCell | undefined {
  const numberFormat = cell.numFmt || 'General';
  const style = styleFrom(cell);
  const bold = cell.font?.bold === true;
  const formatted = (c: HostCell): HostCell => ({ ...c, ...(bold ? { bold } : {}), ...(style ? { style } : {}) });
  // The cells a merge covers keep their own formatting (a box's borders); the value is the first cell's.
  if (cell.type === ExcelJS.ValueType.Merge) return style || bold ? formatted({ value: null, numberFormat }) : undefined;
  const raw = cell.value as unknown;
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Date)) {
    const o = raw as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      const f = cell.formula;
      if (f) {
        return formatted({ value: scalarFrom(o.result), formula: f.startsWith('=') ? f : `=${f}`, numberFormat });
      }
    }
  }
  const value = scalarFrom(raw);
  if (value === null && numberFormat === 'General' && !bold && !style) return undefined;
  return formatted({ value, numberFormat });
}

/** exceljs' print area ("A3:D58", several joined by "&&") → rectangles. */
function printAreaFrom(printArea: unknown): Rect[] {
  if (typeof printArea !== 'string') return [];
  return printArea
    .split('&&')
    .map((part) => parseAddress(part.replace(/\$/g, ''))?.rect)
    .filter((r): r is Rect => r !== undefined);
}

/**
 * Rectangles → exceljs' print area. exceljs prefixes each corner's column with "$" when it writes
 * the defined name; the rows get theirs here ("A$3:D$58" → `$A$3:$D$58`), so the name is absolute
 * as Excel writes it — LibreOffice ignores a print area with relative rows and prints everything.
 */
function printAreaTo(areas: readonly Rect[]): string | undefined {
  if (areas.length === 0) return undefined;
  const corner = (row: number, col: number) => `${columnLetters(col)}$${row + 1}`;
  return areas.map((r) => `${corner(r.top, r.left)}:${corner(r.bottom, r.right)}`).join('&&');
}

/**
 * Reads an .xlsx file into a host workbook (see the module comment for what is carried). `name`
 * is the file's name, which `workbook.name` reports (as Excel does for a saved workbook).
 */
export async function hostWorkbookFromXlsx(buffer: ArrayBuffer | Uint8Array, options: { name?: string } = {}): Promise<HostWorkbook> {
  const { file, bySheet, rowBreaks } = await takeValidations(buffer);
  const xl = new ExcelJS.Workbook();
  await xl.xlsx.load(file as unknown as ArrayBuffer);
  const hb = new HostWorkbook();
  if (options.name !== undefined) hb.name = options.name;
  hb.definedNames = ((xl.definedNames as unknown as { model?: { name: string; ranges: string[] }[] }).model ?? []).map((n) => ({
    name: n.name,
    ranges: [...n.ranges],
  }));
  const visibilities: [HostWorksheet, SheetVisibility][] = [];
  for (const ws of xl.worksheets) {
    const sheet = hb.addWorksheet(ws.name);
    const state = ws.state as string | undefined;
    visibilities.push([sheet, state === 'hidden' ? 'Hidden' : state === 'veryHidden' ? 'VeryHidden' : 'Visible']);

    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      if (typeof row.height === 'number' && row.height > 0) sheet.rowHeights.set(rowNumber - 1, row.height);
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        const c = hostCellFrom(cell);
        if (c) sheet.setCell(rowNumber - 1, colNumber - 1, c);
      });
    });
    const merges = Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges ?? {});
    sheet.merges = merges.map((m) => parseAddress(m.range)?.rect).filter((r): r is Rect => r !== undefined);
    sheet.conditionalFormats = [...((ws as unknown as ConditionalFormats).conditionalFormattings ?? [])];
    const { printArea, ...pageSetup } = (ws.pageSetup ?? {}) as Record<string, unknown>;
    sheet.pageSetup = pageSetup;
    sheet.printArea = printAreaFrom(printArea);
    const headerFooter = ws.headerFooter as Record<string, unknown> | undefined;
    sheet.headerFooter = headerFooter && Object.values(headerFooter).some((v) => v !== undefined && v !== null && v !== false) ? { ...headerFooter } : null;
    sheet.rowBreaks = (rowBreaks.get(ws.name) ?? []).map((id) => id - 1);
    sheet.tabColor = ws.properties?.tabColor ?? null;

    const view = ws.views?.[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
    if (view && view.state === 'frozen') {
      sheet.frozenRows = view.ySplit ?? 0;
      sheet.frozenColumns = view.xSplit ?? 0;
    }
    (ws.columns ?? []).forEach((col, i) => {
      if (col && typeof col.width === 'number') sheet.columnWidths.set((col.number ?? i + 1) - 1, col.width);
      if (col?.hidden) sheet.hiddenColumns.add((col.number ?? i + 1) - 1);
    });
    if (typeof ws.autoFilter === 'string') sheet.autoFilter = parseAddress(ws.autoFilter)?.rect ?? null;
    for (const [address, rule] of Object.entries(bySheet.get(ws.name) ?? {})) sheet.dataValidations[address] = rule;

    const tables = Object.values((ws as unknown as { tables: Record<string, { table?: Record<string, unknown>; model?: Record<string, unknown> }> }).tables ?? {});
    for (const t of tables) {
      const model = (t.table ?? t.model) as {
        name: string;
        tableRef?: string;
        ref?: string;
        headerRow?: boolean;
        totalsRow?: boolean;
        columns?: { name: string }[];
        style?: Record<string, unknown> & { theme?: string };
      };
      const ref = model.tableRef ?? model.ref;
      const parsed = ref ? parseAddress(ref) : null;
      if (!parsed) throw errorMessage(`table "${model.name}" on "${ws.name}" has no readable range (${String(ref)}).`);
      if (model.headerRow === false) throw errorMessage(`table "${model.name}" has no header row; the host cannot represent it.`);
      if (model.totalsRow) throw errorMessage(`table "${model.name}" has a totals row; the host cannot represent it.`);
      const area = parsed.rect;
      // Header cells carry the column names (Excel keeps them equal; exceljs may leave them empty).
      (model.columns ?? []).forEach((col, j) => {
        if (j >= rectColumns(area)) return;
        const existing = sheet.cell(area.top, area.left + j);
        if (!existing || existing.value === null || existing.value === '') {
          sheet.setCell(area.top, area.left + j, { value: col.name, numberFormat: existing?.numberFormat ?? 'General' });
        }
      });
      const table = hb.addTable(sheet, ref!, model.name);
      if (rectRows(area) < 2) table.rowCount = 2;
      const { theme, ...options } = model.style ?? {};
      if (theme) table.style = theme;
      if (Object.keys(options).length > 0) table.styleOptions = options;
    }
  }
  // Visibility last: Excel needs one visible sheet, and the order of hiding must not matter.
  for (const [sheet, v] of visibilities) if (v !== 'Visible') sheet.visibility = v;

  const activeTab = (xl.views?.[0] as { activeTab?: number } | undefined)?.activeTab;
  const active = activeTab !== undefined ? hb.worksheets[activeTab] : undefined;
  if (active && active.visibility === 'Visible') hb.activeWorksheet = active;
  // As Excel does on opening a file that asks for it: formulas without a cached result get one.
  hb.recalculate();
  return hb;
}

function excelValueOf(cell: HostCell): ExcelValue {
  if (cell.formula !== undefined) {
    const formula = cell.formula.slice(1);
    return cell.value === null ? { formula } : { formula, result: cell.value };
  }
  return cell.value;
}

/** Writes a host workbook as .xlsx bytes (see the module comment for what is carried). */
export async function hostWorkbookToXlsx(hb: HostWorkbook): Promise<Uint8Array> {
  hb.recalculate();
  const xl = new ExcelJS.Workbook();
  let hasFormulas = false;
  for (const sheet of hb.worksheets) {
    const state = sheet.visibility === 'Hidden' ? 'hidden' : sheet.visibility === 'VeryHidden' ? 'veryHidden' : 'visible';
    const views: Partial<ExcelJS.WorksheetView>[] = sheet.frozenRows > 0 || sheet.frozenColumns > 0 ? [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }] : [];
    const properties = sheet.tabColor ? { tabColor: sheet.tabColor } : {};
    const ws = xl.addWorksheet(sheet.name, { state, views, properties });
    for (const [col, width] of sheet.columnWidths) ws.getColumn(col + 1).width = width;
    for (const col of sheet.hiddenColumns) ws.getColumn(col + 1).hidden = true;
    for (const [row, height] of sheet.rowHeights) ws.getRow(row + 1).height = height;
    if (sheet.autoFilter) ws.autoFilter = rectAddress(sheet.autoFilter);

    for (const [row, col, cell] of sheet.cells()) {
      const c = ws.getCell(row + 1, col + 1);
      if (cell.style) c.style = { ...cell.style };
      c.value = excelValueOf(cell);
      if (cell.formula !== undefined) hasFormulas = true;
      if (cell.numberFormat && cell.numberFormat !== 'General') c.numFmt = cell.numberFormat;
      const font = cell.style?.font as Partial<ExcelJS.Font> | undefined;
      if (cell.bold || font?.bold) c.font = { ...(font ?? {}), bold: cell.bold === true };
    }
    // After the cells: a merge keeps each covered cell's own formatting.
    for (const merge of sheet.merges) ws.mergeCellsWithoutStyle(rectAddress(merge));
    if (sheet.conditionalFormats.length > 0) (ws as unknown as ConditionalFormats).conditionalFormattings = [...sheet.conditionalFormats];
    ws.pageSetup = { ...ws.pageSetup, ...(sheet.pageSetup ?? {}), printArea: printAreaTo(sheet.printArea) };
    if (sheet.headerFooter) ws.headerFooter = { ...sheet.headerFooter };
    for (const row of sheet.rowBreaks) (ws as unknown as { rowBreaks: unknown[] }).rowBreaks.push({ id: row + 1, max: 16383, man: 1 });

    for (const t of sheet.tables) {
      const rows: ExcelValue[][] = [];
      for (let r = 1; r < t.rowCount; r++) {
        const line: ExcelValue[] = [];
        for (let j = 0; j < t.columnCount; j++) {
          const cell = sheet.cell(t.top + r, t.left + j);
          line.push(cell ? excelValueOf(cell) : null);
        }
        rows.push(line);
      }
      ws.addTable({
        name: t.name,
        ref: cellAddress(t.top, t.left),
        headerRow: true,
        totalsRow: false,
        style: { theme: (t.style ?? 'TableStyleMedium2') as ExcelJS.TableStyleProperties['theme'], showRowStripes: true, ...(t.styleOptions ?? {}) },
        columns: t.headerNames().map((name) => ({ name, filterButton: true })),
        rows,
      });
    }

    const validations = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations;
    for (const [address, rule] of Object.entries(sheet.dataValidations)) validations.model[address] = rule;
  }
  if (hb.definedNames.length > 0) {
    (xl.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model = hb.definedNames.map((n) => ({ name: n.name, ranges: [...n.ranges] }));
  }
  // Cached results are the host's (see formulas.ts): Excel and LibreOffice compute their own.
  if (hasFormulas) xl.calcProperties.fullCalcOnLoad = true;
  const active = hb.activeWorksheet ? hb.worksheets.indexOf(hb.activeWorksheet) : 0;
  if (active > 0) {
    xl.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: active, visibility: 'visible' }];
  }
  const out = await xl.xlsx.writeBuffer();
  return new Uint8Array(out);
}
