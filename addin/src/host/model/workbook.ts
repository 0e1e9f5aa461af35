/**
 * The in-memory workbook behind the Excel host: its worksheets (worksheet.ts: cells, tables,
 * charts), defined names, selection and calculation.
 *
 * Two kinds of methods live here:
 *
 * - Plain setup and inspection for tests and bridges (`addWorksheet`, `setCells`, `addTable`,
 *   `worksheet(name).values('A1:C3')`, `table(name).bodyValues()` …). They store what they are
 *   given literally (no input parsing, no table auto-expansion) and are not part of Office.js.
 * - Excel's rules and semantics used by the Office.js-like API (`checkSheetName`, `createTable`,
 *   `createChart`, `deleteWorksheet` …; what writes to ranges and tables do is in rangeEdits.ts,
 *   tableEdits.ts and dataValidation.ts): validation with Excel's error codes. Code under test
 *   never calls these directly; it goes through a `HostClient` (see api/client.ts), which applies
 *   them only at `context.sync()`.
 */

import { MAX_COLUMNS, MAX_ROWS, type Rect, cellAddress, parseAddress, rect, rectAddress, rectColumns, rectOnSheet, rectRows, rectsOverlap } from '../address';
import { HostError, HostErrorCode, HostNotImplemented, invalidArgument, invalidOperation, itemNotFound } from '../errors';
import { Calculation, NotComputed } from '../formulas';
import { type HostCell, type SetupCell, type SheetVisibility, sameName } from './cell';
import { type HostChartSeriesBy, type HostChartType, MAX_CHART_SERIES, chartSeriesLayout, checkChartSeriesBy, checkChartType } from './chartLayout';
import { shiftForInsert } from './tableEdits';
import { HostChart, HostTable, HostWorksheet, type SheetOwner, normalizeHeaders } from './worksheet';

const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

export class HostWorkbook implements SheetOwner {
  private readonly sheetList: HostWorksheet[] = [];
  private readonly tableList: HostTable[] = [];
  private nextId = 1;
  /** The active sheet (`worksheets.getActiveWorksheet()`); the first sheet added by default. */
  activeWorksheet: HostWorksheet | null = null;

  /**
   * What the user sees selected: the active sheet's selection (sheet name and sheet-local address),
   * or null when nothing was selected on it (Excel shows A1).
   */
  get selection(): { sheet: string; address: string } | null {
    const sheet = this.activeWorksheet;
    return sheet && sheet.selectedAddress !== null ? { sheet: sheet.name, address: sheet.selectedAddress } : null;
  }
  /**
   * Workbook-level defined names, as the xlsx bridge carries them (list validations use them):
   * `workbook.names` lists and adds them; `ranges` hold each reference without its "=".
   */
  definedNames: { name: string; ranges: string[] }[] = [];
  /** The formula results computed since the last change (formulas.ts), or null after a change. */
  private calculation: Calculation | null = null;
  /** Whether every formula was computed since the last change. */
  private calculatedAll = false;

  /** The cell a user is editing (`beginCellEdit`), or null. */
  private editing: { sheet: string; address: string; ended: Promise<void>; end: () => void } | null = null;

  /**
   * Simulates a user in cell-edit mode (typing in a cell, not yet confirmed) until `endCellEdit`.
   * While it lasts Excel fails a batch run without `delayForCellEdit`, and holds one run with it
   * until the edit ends (Excel.RunOptions.delayForCellEdit).
   */
  beginCellEdit(sheet: string, address: string): void {
    if (this.editing) throw new Error(`A cell is already being edited (${this.editing.sheet}!${this.editing.address})`);
    this.worksheet(sheet);
    let end = (): void => undefined;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.editing = { sheet, address, ended, end };
  }

  /** The user leaves cell-edit mode (Enter, Esc or another cell): batches held for it go on. */
  endCellEdit(): void {
    if (!this.editing) throw new Error('No cell is being edited');
    const { end } = this.editing;
    this.editing = null;
    end();
  }

  /** The cell being edited, or null. */
  get cellInEdit(): { sheet: string; address: string } | null {
    return this.editing ? { sheet: this.editing.sheet, address: this.editing.address } : null;
  }

  /** Resolves when no cell is being edited (at once when none is). */
  async cellEditEnded(): Promise<void> {
    while (this.editing) await this.editing.ended;
  }

  /** @internal A cell or a sheet changed: formulas are computed again when next read. */
  _contentsChanged(): void {
    this.calculation = null;
    this.calculatedAll = false;
  }

  /** @internal Stores the result of a formula cell, if the host computes it (else it keeps its cached one). */
  _calculate(sheet: HostWorksheet, row: number, col: number, cell: HostCell): void {
    this.calculation ??= new Calculation(this);
    const result = this.calculation.cellResult(sheet, row, col);
    if (!(result instanceof NotComputed)) cell.value = result; // a cached result: not a change
  }

  /**
   * Computes every formula the host can compute (formulas.ts), as Excel's automatic calculation
   * does, unless nothing changed since the last time. The xlsx bridge calls it after reading and
   * before writing a file, the preview before showing a sheet; the API computes the cells it reads.
   */
  recalculate(): void {
    if (this.calculatedAll) return;
    for (const sheet of this.sheetList) for (const [row, col, cell] of sheet.formulaCells()) this._calculate(sheet, row, col, cell);
    this.calculatedAll = true;
  }
  /** The workbook's file name (`workbook.name`): "Book1" until it is saved, as in Excel. */
  name = 'Book1';

  get worksheets(): readonly HostWorksheet[] {
    return this.sheetList;
  }

  get tables(): readonly HostTable[] {
    return this.tableList;
  }

  // ----- setup and inspection ---------------------------------------------------------------

  /** Adds a sheet at the end (or at `position`), validating the name as Excel does. */
  addWorksheet(name: string, options: { visibility?: SheetVisibility; position?: number } = {}): HostWorksheet {
    this.checkSheetName(name);
    const ws = new HostWorksheet(this, `{${String(this.nextId++).padStart(8, '0')}-0000-0000-0000-000000000000}`, name);
    const pos = options.position ?? this.sheetList.length;
    this.sheetList.splice(Math.max(0, Math.min(pos, this.sheetList.length)), 0, ws);
    this._contentsChanged();
    if (!this.activeWorksheet) this.activeWorksheet = ws;
    if (options.visibility && options.visibility !== 'Visible') ws.visibility = options.visibility;
    return ws;
  }

  findWorksheet(name: string): HostWorksheet | undefined {
    return this.sheetList.find((s) => sameName(s.name, name));
  }

  /** The sheet named `name` (case-insensitive); throws ItemNotFound. */
  worksheet(name: string): HostWorksheet {
    const ws = this.findWorksheet(name);
    if (!ws) throw itemNotFound(`There is no worksheet named "${name}".`);
    return ws;
  }

  findTable(name: string): HostTable | undefined {
    return this.tableList.find((t) => sameName(t.name, name));
  }

  /** The table named `name` (case-insensitive); throws ItemNotFound. */
  table(name: string): HostTable {
    const t = this.findTable(name);
    if (!t) throw itemNotFound(`There is no table named "${name}".`);
    return t;
  }

  /** Stores cells literally from `topLeft` ("B2"): strings stay strings, nothing is parsed. */
  setCells(sheet: string | HostWorksheet, topLeft: string, matrix: readonly (readonly SetupCell[])[]): void {
    const ws = typeof sheet === 'string' ? this.worksheet(sheet) : sheet;
    const origin = ws.parseLocal(topLeft);
    matrix.forEach((line, i) =>
      line.forEach((item, j) => {
        const row = origin.top + i;
        const col = origin.left + j;
        const existing = ws.cell(row, col);
        if (item !== null && typeof item === 'object') {
          const cell: HostCell = {
            value: item.value ?? null,
            numberFormat: item.numberFormat ?? existing?.numberFormat ?? 'General',
            style: existing?.style,
          };
          if (item.formula !== undefined) {
            if (!item.formula.startsWith('=')) throw new Error(`A formula must start with "=": ${item.formula}`);
            cell.formula = item.formula;
          }
          ws.setCell(row, col, cell);
        } else {
          ws.setCell(row, col, { value: item, numberFormat: existing?.numberFormat ?? 'General', style: existing?.style });
        }
      }),
    );
  }

  /**
   * Adds a table over `address` (header row first) literally: the header cells' values become
   * the column names (blank ones are filled with "ColumnN", duplicates get a number, as Excel
   * does). A header-only address gets one blank body row.
   */
  addTable(sheet: string | HostWorksheet, address: string, name?: string, options: { style?: string } = {}): HostTable {
    const ws = typeof sheet === 'string' ? this.worksheet(sheet) : sheet;
    const area = ws.parseLocal(address);
    const t = this.placeTable(ws, area, name);
    if (options.style !== undefined) t.style = options.style;
    return t;
  }

  /** Removes a table and leaves its cells, as Excel's `convertToRange` does (setup for tests). */
  removeTable(t: HostTable): void {
    const i = this.tableList.indexOf(t);
    if (i < 0) throw itemNotFound(`There is no table named "${t.name}".`);
    this.tableList.splice(i, 1);
  }

  /**
   * Adds a chart to `sheet` over `sourceAddress` (which may name another sheet: "Data!A1:C5"),
   * laid out as `charts.add` does (see `chartSeriesLayout`).
   */
  addChart(sheet: string | HostWorksheet, type: HostChartType, sourceAddress: string, options: { name?: string; seriesBy?: 'Auto' | HostChartSeriesBy } = {}): HostChart {
    const ws = typeof sheet === 'string' ? this.worksheet(sheet) : sheet;
    const p = parseAddress(sourceAddress);
    if (!p) throw invalidArgument(`"${sourceAddress}" is not an A1 address.`);
    const source = { sheet: p.sheet === undefined ? ws : this.worksheet(p.sheet), rect: p.rect };
    const chart = this.createChart(ws, type, source, options.seriesBy);
    if (options.name !== undefined) chart.name = options.name;
    return chart;
  }

  // ----- Excel rules --------------------------------------------------------------------------

  /** Excel's sheet-name rules: 1–31 characters, none of : \ / ? * [ ], no leading/trailing ', unique. */
  checkSheetName(name: string, self?: HostWorksheet): void {
    if (typeof name !== 'string' || name.length === 0 || name.length > 31) {
      throw invalidArgument(`A sheet name must have 1 to 31 characters: "${String(name)}".`);
    }
    if (/[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw invalidArgument(`A sheet name cannot contain : \\ / ? * [ ] or start or end with an apostrophe: "${name}".`);
    }
    if (name.toLowerCase() === 'history') throw invalidArgument('"History" is a reserved sheet name in Excel.');
    const other = this.findWorksheet(name);
    if (other && other !== self) throw new HostError(HostErrorCode.itemAlreadyExists, `A sheet named "${name}" already exists.`);
  }

  /** Excel's table-name rules: starts with a letter, _ or \, then letters, digits, _ . \; not a cell reference; unique. */
  checkTableName(name: string, self?: HostTable): void {
    if (typeof name !== 'string' || name.length === 0 || name.length > 255 || !TABLE_NAME.test(name)) {
      throw invalidArgument(`"${String(name)}" is not a valid table name (letters, digits, _ . \\; no spaces; starting with a letter or _).`);
    }
    if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) {
      throw invalidArgument(`"${name}" cannot be a table name: it reads as a cell reference.`);
    }
    const other = this.findTable(name);
    if (other && other !== self) throw invalidArgument(`A table named "${name}" already exists.`);
    if (this.findName(name)) throw invalidArgument(`"${name}" is already a defined name of this workbook.`);
  }

  private nextTableName(): string {
    for (let i = 1; ; i++) {
      const n = `Table${i}`;
      if (!this.findTable(n)) return n;
    }
  }

  private placeTable(ws: HostWorksheet, area0: Rect, name: string | undefined): HostTable {
    let area = area0;
    if (!rectOnSheet(area)) throw invalidArgument('The table range is off the sheet.');
    if (rectRows(area) === MAX_ROWS || rectColumns(area) === MAX_COLUMNS) throw invalidArgument('A table cannot span entire rows or columns.');
    if (rectRows(area) === 1) {
      if (area.bottom + 1 >= MAX_ROWS) throw invalidArgument('A table needs a body row below its header.');
      area = rect(area.top, area.left, area.bottom + 1, area.right);
    }
    for (const t of this.tableList) {
      if (t.worksheet === ws && rectsOverlap(t.rect, area)) {
        throw invalidArgument(`A table cannot overlap another table ("${t.name}" at ${t.address}).`);
      }
    }
    const tableName = name ?? this.nextTableName();
    this.checkTableName(tableName);
    const t = new HostTable(ws, String(this.nextId++), tableName, area);
    this.tableList.push(t);
    normalizeHeaders(t);
    return t;
  }

  // ----- defined names (`workbook.names`) ----------------------------------------------------

  findName(name: string): { name: string; ranges: string[] } | undefined {
    return this.definedNames.find((n) => sameName(n.name, name));
  }

  /** `names.add(name, reference)`: a workbook-level name for a reference (text without "="). */
  addName(name: string, reference: string): void {
    if (typeof name !== 'string' || name.length === 0 || name.length > 255 || !TABLE_NAME.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name)) {
      throw invalidArgument(`"${String(name)}" is not a valid name (letters, digits, _ . \\; starting with a letter or _; not a cell reference).`);
    }
    if (this.findName(name) || this.findTable(name)) throw new HostError(HostErrorCode.itemAlreadyExists, `The name "${name}" is already used in this workbook.`);
    this.definedNames.push({ name, ranges: [reference] });
  }

  // ----- tables, charts, sheets, selection --------------------------------------------------

  /**
   * `tables.add(address, hasHeaders)`. With headers, the first row names the columns. Without,
   * Excel inserts a header row above the data (shifting the cells of those columns down) and
   * names the columns Column1…n.
   */
  createTable(ws: HostWorksheet, area: Rect, hasHeaders: boolean): HostTable {
    for (const t of ws.tables) {
      if (rectsOverlap(t.rect, area)) throw invalidArgument(`A table cannot overlap another table ("${t.name}").`);
    }
    if (hasHeaders) return this.placeTable(ws, area, undefined);
    shiftForInsert(ws, area.top, area.left, area.right, 1, null);
    for (let c = area.left; c <= area.right; c++) ws.setCell(area.top, c, { value: `Column${c - area.left + 1}`, numberFormat: 'General' });
    return this.placeTable(ws, rect(area.top, area.left, area.bottom + 1, area.right), undefined);
  }

  /**
   * `charts.add(type, sourceData, seriesBy)`: a chart on `ws` over `source`, series laid out by
   * `chartSeriesLayout`, named "Chart N" (N counts the sheet's drawing objects and is not reused).
   * Excel places a new chart in the visible part of the window, which the host does not have: the
   * host puts it at the top of the source's first row, one column right of the source, in Excel's
   * default size (360 × 216 pt). Code should call `setPosition` rather than rely on either.
   */
  createChart(ws: HostWorksheet, type: unknown, source: { sheet: HostWorksheet; rect: Rect }, seriesBy: unknown): HostChart {
    if (ws.isDeleted || source.sheet.isDeleted) throw itemNotFound('The worksheet no longer exists.');
    const chartType = checkChartType(type);
    const by = checkChartSeriesBy(seriesBy);
    const r = source.rect;
    if (!rectOnSheet(r)) throw invalidArgument('The source range is off the sheet.');
    if (rectRows(r) === MAX_ROWS || rectColumns(r) === MAX_COLUMNS) {
      throw new HostNotImplemented('Excel.ChartCollection.add', 'a source of entire rows or columns (Excel trims it to the data) is not modelled');
    }
    const layout = chartSeriesLayout(source.sheet, r, by);
    if (layout.length > MAX_CHART_SERIES) {
      throw new HostNotImplemented('Excel.ChartCollection.add', `${layout.length} series: Excel charts hold at most ${MAX_CHART_SERIES}, and what it does beyond is not modelled`);
    }
    const id = `{${String(this.nextId++).padStart(8, '0')}-0000-0000-0000-000000000000}`;
    const chart = new HostChart(ws, id, ws._nextDrawingName('Chart'), chartType, source, by, layout);
    chart.top = ws.rowTop(r.top);
    chart.left = ws.columnLeft(Math.min(r.right + 1, MAX_COLUMNS - 1));
    ws._attachChart(chart);
    return chart;
  }

  /** `chart.delete()`. */
  deleteChart(chart: HostChart): void {
    if (chart.isDeleted) throw itemNotFound('The chart no longer exists.');
    chart.worksheet._detachChart(chart);
    chart._markDeleted();
  }

  /**
   * `chart.setPosition(startCell, endCell)`: the chart's top-left corner goes to the top-left
   * corner of `start`; with `end`, the chart is resized to cover `end` entirely (its bottom-right
   * corner goes to the bottom-right corner of `end`); without, it keeps its size. Both must be on
   * the chart's sheet (InvalidArgument). An end above or left of the start is not modelled.
   */
  setChartPosition(chart: HostChart, start: { sheet: HostWorksheet; rect: Rect }, end: { sheet: HostWorksheet; rect: Rect } | null): void {
    if (chart.isDeleted) throw itemNotFound('The chart no longer exists.');
    const ws = chart.worksheet;
    if (start.sheet !== ws || (end && end.sheet !== ws)) throw invalidArgument(`The cells must be on the chart's worksheet "${ws.name}".`);
    const top = ws.rowTop(start.rect.top);
    const left = ws.columnLeft(start.rect.left);
    if (end) {
      if (end.rect.bottom < start.rect.top || end.rect.right < start.rect.left) {
        throw new HostNotImplemented('Excel.Chart.setPosition', 'an end cell above or left of the start cell is not modelled');
      }
      chart.width = ws.columnLeft(end.rect.right + 1) - left;
      chart.height = ws.rowTop(end.rect.bottom + 1) - top;
    }
    chart.top = top;
    chart.left = left;
  }

  /**
   * `worksheet.delete()`: the sheet goes with its tables and charts. Excel refuses to delete a
   * VeryHidden sheet (InvalidOperation, per the Office.js reference) and the last visible sheet
   * (a workbook keeps one). If the sheet was active, the next visible sheet (else the previous
   * one) becomes active. Charts elsewhere that plot its cells stay, with "#REF!" references.
   * Defined names that refer to it are carried opaquely and left as they are.
   */
  /** `worksheet.position = n`: moves the sheet to 0-based position n, the others keeping their order. */
  moveWorksheet(ws: HostWorksheet, position: number): void {
    const from = this.sheetList.indexOf(ws);
    if (from < 0 || ws.isDeleted) throw itemNotFound('The worksheet no longer exists.');
    if (!Number.isInteger(position) || position < 0 || position >= this.sheetList.length) throw invalidArgument(`A sheet position is from 0 to ${this.sheetList.length - 1}.`);
    this.sheetList.splice(from, 1);
    this.sheetList.splice(position, 0, ws);
  }

  deleteWorksheet(ws: HostWorksheet): void {
    const pos = this.sheetList.indexOf(ws);
    if (pos < 0 || ws.isDeleted) throw itemNotFound('The worksheet no longer exists.');
    if (ws.visibility === 'VeryHidden') {
      throw invalidOperation(`Cannot delete "${ws.name}": it is VeryHidden; make it Hidden or Visible first.`);
    }
    if (ws.visibility === 'Visible' && !this.sheetList.some((s) => s !== ws && s.visibility === 'Visible')) {
      throw invalidOperation(`Cannot delete "${ws.name}": a workbook must keep at least one visible sheet.`);
    }
    for (let i = this.tableList.length - 1; i >= 0; i--) if (this.tableList[i].worksheet === ws) this.tableList.splice(i, 1);
    this.sheetList.splice(pos, 1);
    this._contentsChanged();
    ws._markDeleted();
    if (this.activeWorksheet === ws) {
      const visible = (s: HostWorksheet): boolean => s.visibility === 'Visible';
      this.activeWorksheet = this.sheetList.slice(pos).find(visible) ?? [...this.sheetList.slice(0, pos)].reverse().find(visible) ?? null;
    }
  }

  /** `range.select()`: the range becomes its sheet's selection, and its sheet the active one. */
  select(sheet: HostWorksheet, area: Rect): void {
    if (sheet.visibility !== 'Visible') throw invalidOperation(`Cannot select cells on hidden sheet "${sheet.name}".`);
    sheet.selectedAddress = rectAddress(area);
    this.activeWorksheet = sheet;
  }

  /** `worksheet.activate()`: as clicking the sheet's tab, which shows the sheet's own selection again. */
  activate(sheet: HostWorksheet): void {
    if (sheet.visibility !== 'Visible') throw invalidOperation(`Cannot activate hidden sheet "${sheet.name}".`);
    this.activeWorksheet = sheet;
  }

  /** A compact, deterministic dump (for test failure messages). */
  describe(): string {
    const lines: string[] = [];
    for (const s of this.sheetList) {
      lines.push(`[${s.name}]${s.visibility !== 'Visible' ? ` (${s.visibility})` : ''}`);
      for (const [row, col, c] of s.cells()) {
        lines.push(`  ${cellAddress(row, col)} ${c.formula ?? JSON.stringify(c.value)}${c.numberFormat !== 'General' ? ` {${c.numberFormat}}` : ''}`);
      }
      for (const t of s.tables) lines.push(`  table ${t.name} ${rectAddress(t.rect)}`);
      for (const c of s.charts) lines.push(`  chart ${JSON.stringify(c.name)} ${c.chartType} ${c.sourceAddress} (${c.series.map((x) => x.name).join(', ')})`);
    }
    return lines.join('\n');
  }
}
