import type { Clock } from '../core/clock';
import { KefuError, type Problem } from '../core/problems';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../i18n/locale';
import { findForm } from '../forms';
import { chainOf, chainedAuditRecords } from '../ledger/auditChain';
import { isBlankRow, toCell, type CellIn, type DomainValue, type RecordValues } from '../ledger/cells';
import { AUDIT_TABLE, DICTIONARY_COLUMNS, DICTIONARY_TABLE, META_TABLE, TEMPLATE_VERSION, ledgerVersion, type PlainColumn } from '../ledger/layout';
import { columnLetters, columnWidthPoints } from '../ledger/report';
import { columnForHeader, definedRuns, recordToRow, rowToRecord, schemaOf, type TableColumn } from '../ledger/schema';
import {
  BODY_RANGES_VERSION,
  FROZEN_HEADER_ROWS,
  HEADER_STYLE,
  LISTS_SHEET,
  columnNumberFormat,
  columnValidation,
  columnWidth,
  dictionaryRows,
  hasOwnSheet,
  namedLists,
  sheetsWithoutTables,
  tableOrigin,
} from '../ledger/templateLayout';
import type { TableLayout } from '../ledger/types';
import { SEEDS, changedAnything, missingColumns, missingSeedRows, sheetsToRenew, templateTables, upgradeAuditEntry, type UpgradeSummary } from './missing';
import type { TemplateOptions } from '../workbooks/template';
import type { SheetCopy } from '../workbooks/templateSheets';
import { setValidation, validateRows } from '../ledger/office/columnValidation';
import { legacyProbes, legacyShaped, type LegacyBelow } from './legacyValidations';
import { FIRST_CHUNK_ROWS, MAX_REQUEST_BYTES, officeCellValue, readRemainingRows, type ExcelRun } from '../ledger/office/officeLedger';

/**
 * The add-in's Upgrade workbook (issue 10 item 8): a ledger made from an earlier template brought up
 * to the current one through Office.js, as `kefu upgrade` does on files (xlsx/packageUpgrade.ts;
 * what is missing is decided by ../upgrade.ts).
 *
 * - Missing tables come with their sheets, built from the declarations as the template builds them
 *   (../templateLayout.ts): headers in the workbook's language with the header style, number
 *   formats, list validations, widths, frozen header, starting rows. A table whose sheet exists (a
 *   new numbering series' claims table) goes where the template puts it, if nothing is there.
 * - Missing sheets without tables (print sheets, the cross-check, the lists sheet) are written from
 *   the template builder itself (xlsx/templateSheets.ts, loaded only then; what Office.js carries of
 *   them is listed there), and the named lists behind long validations are made to match.
 * - Missing columns go at each table's right, after any a user added, with their header style,
 *   number format, validation and width; a cell of the user's where one would go stops the upgrade
 *   before anything is written, naming the cell.
 * - The data dictionary follows the columns; the starting rows a ledger lacks (promised times,
 *   calendar, rule defaults) are appended.
 * - The validations an older template (versions 1–4) put on a form's column from the row under
 *   its header down to row 20,001 are cleared below the table's body, kept on it (kefu upgrade
 *   bounds the same ranges: xlsx/packageState.ts `boundedBottom`); rows the upgrade appends below a
 *   body get the template's validations. The overdue highlights of those versions (conditional
 *   formats over `A2:AL20001`) stay: the in-memory host does not model conditional formats, and
 *   `ConditionalFormat.setRanges`, which would bound one, needs ExcelApi 1.17 (the add-in asks for 1.9).
 * - A log from before the hash chain (template version 1) is sealed from its first row; the version
 *   in kefu_meta is set last, with one audit row saying what the upgrade added.
 *
 * Nothing already there is changed but the dictionary's cells and the chain column; running it
 * again finds nothing to do and writes nothing. Requests: one reads the structure, the small tables
 * and the first rows of the audit log; a long log's other rows follow in requests under the
 * response limit; the writes go in as few requests as the 5 MB request limit allows (a 100,000-row
 * log's chain column in one or two). Should a write request fail, nothing is lost: the version is
 * written last, so the workbook still reads as old and the upgrade can run again, finishing what is
 * missing.
 */

/** The chain column came with version 2: a log from before is sealed when upgraded (as packageUpgrade.ts does). */
const CHAIN_VERSION = 2;

export interface OfficeUpgradeOptions {
  readonly clock: Clock;
  /** Who upgrades: the audit row's `who`. */
  readonly clerk: string;
  /**
   * The template's sheets without tables (xlsx/templateSheets.ts, exceljs): asked for only when a
   * ledger lacks one, so the pane loads exceljs only then.
   */
  readonly templateSheets: (names: readonly string[], options: TemplateOptions) => Promise<readonly SheetCopy[]>;
  /** Reading a long audit log: rows read so far and in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface OfficeUpgradeSummary extends UpgradeSummary {
  /** Sheets without tables added (print sheets, the cross-check, the lists sheet). */
  readonly sheetsAdded: readonly string[];
}

/** Whether the upgrade did anything. */
export function upgradedAnything(summary: OfficeUpgradeSummary): boolean {
  return changedAnything(summary) || summary.sheetsAdded.length > 0;
}

// ——————————————————————————————————————————————————————————————————————— what the workbook has

interface TableState {
  readonly key: string;
  readonly sheet: string;
  /** 0-based sheet row of the header, and column of the first column. */
  readonly headerRow: number;
  readonly left: number;
  /** Header labels as read, user columns included. */
  readonly readHeaders: readonly string[];
  /** The same with the columns the upgrade adds (at the right). */
  headers: string[];
  readonly bodyRows: number;
  readonly lastRow: readonly CellIn[];
  /** Every body row (small tables: settings, dictionary, starting rows). */
  readonly body?: readonly (readonly CellIn[])[];
}

interface Workbook {
  readonly tables: Map<string, TableState>;
  readonly sheets: Set<string>;
  readonly names: Map<string, { readonly name: string; readonly formula: string }>;
  /** The lists sheet's cells where the template keeps its lists (from A1). */
  readonly lists?: readonly (readonly CellIn[])[];
  /** The audit log's first rows (every column), when it has them. */
  readonly auditFirst?: readonly (readonly CellIn[])[];
}

const upper = (name: string) => name.toUpperCase();

function text(value: DomainValue | CellIn | undefined): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The first request: tables (headers, where they are), sheets, names, small tables, the audit log's first rows. */
async function readWorkbook(run: ExcelRun): Promise<Workbook> {
  return run(async (context) => {
    const wb = context.workbook;
    const sheets = wb.worksheets;
    sheets.load('items/name');
    const names = wb.names;
    names.load('items/name,items/formula');
    const whole = new Set<string>([META_TABLE, DICTIONARY_TABLE, ...Object.keys(SEEDS)]);
    const probes = templateTables().map((key) => {
      const table = wb.tables.getItemOrNullObject(key);
      const header = table.getHeaderRowRange();
      header.load('values,rowIndex,columnIndex');
      // eslint-disable-next-line office-addins/call-sync-before-read -- worksheet is a navigation property (a proxy), not a loaded value
      const sheet = table.worksheet;
      sheet.load('name');
      const body = table.getDataBodyRange();
      body.load('rowCount');
      const last = body.getLastRow();
      last.load('values');
      const values = whole.has(key)
        ? body
        : key === AUDIT_TABLE
          ? body
              .getRow(0)
              .getResizedRange(FIRST_CHUNK_ROWS - 1, 0)
              .getIntersection(body)
          : undefined;
      values?.load('values');
      return { key, table, header, sheet, body, last, values };
    });
    const lists = sheets.getItemOrNullObject(LISTS_SHEET).getRange('A1').getAbsoluteResizedRange(listRows(), listColumns());
    lists.load('values');
    await context.sync();

    const tables = new Map<string, TableState>();
    let auditFirst: (readonly CellIn[])[] | undefined;
    for (const p of probes) {
      if (p.table.isNullObject) continue;
      const rows = p.values ? (p.values.values as CellIn[][]) : undefined;
      if (p.key === AUDIT_TABLE) auditFirst = rows;
      const headers = p.header.values[0].map((h) => String(h));
      tables.set(p.key, {
        key: p.key,
        sheet: p.sheet.name,
        headerRow: p.header.rowIndex,
        left: p.header.columnIndex,
        readHeaders: headers,
        headers: [...headers],
        bodyRows: p.body.rowCount,
        lastRow: p.last.values[0] as CellIn[],
        ...(rows && p.key !== AUDIT_TABLE ? { body: rows } : {}),
      });
    }
    return {
      tables,
      sheets: new Set(sheets.items.map((s) => upper(s.name))),
      names: new Map(names.items.map((n) => [upper(n.name), { name: n.name, formula: String(n.formula) }])),
      // eslint-disable-next-line office-addins/load-object-before-read -- isNullObject needs a sync, not a load (a range of a missing sheet is a null object)
      ...(lists.isNullObject ? {} : { lists: lists.values as CellIn[][] }),
      ...(auditFirst ? { auditFirst } : {}),
    };
  });
}

/** The lists sheet's area the template fills, in any language (the first request does not know the workbook's yet). */
function listRows(): number {
  return Math.max(1, ...LOCALES.flatMap((l) => namedLists(l).map((list) => list.labels.length)));
}
function listColumns(): number {
  return Math.max(1, ...LOCALES.map((l) => namedLists(l).length));
}

// ——————————————————————————————————————————————————————————————————————— writes, in requests

/** One piece of the writes: queued into a request's batch; its size bounds the request's. */
interface Write {
  readonly bytes: number;
  queue(context: Excel.RequestContext): void;
}

const UTF8 = new TextEncoder();
/** Each queued action's share of a request beyond its values (object paths, names). */
const ACTION_BYTES = 400;

function write(values: unknown, actions: number, queue: (context: Excel.RequestContext) => void): Write {
  return { bytes: (values === undefined ? 0 : UTF8.encode(JSON.stringify(values)).length) + actions * ACTION_BYTES, queue };
}

/**
 * The share of MAX_REQUEST_BYTES the estimates may fill: they count the values and a fixed share per
 * action, and a request of many small actions (version 3's columns, each with its format and
 * validation) carries more than that (4.28 MB measured for an estimated 4 MB).
 */
const ESTIMATE_BUDGET = (MAX_REQUEST_BYTES * 3) / 4;

/** Sends the writes in order, as few requests as ESTIMATE_BUDGET allows. */
async function send(run: ExcelRun, writes: readonly Write[]): Promise<void> {
  let batch: Write[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    bytes = 0;
    await run(async (context) => {
      for (const w of pending) w.queue(context);
      await context.sync();
    });
  };
  for (const w of writes) {
    if (bytes + w.bytes > ESTIMATE_BUDGET) await flush();
    batch.push(w);
    bytes += w.bytes;
  }
  await flush();
}

/** A matrix as Office.js takes it; a single value stands for every cell of a range (Excel's broadcast). */
type Matrix = (string | number | boolean | null)[][];
const broadcast = (value: string) => value as unknown as Matrix;

/** The header style of the template on a header range. */
function styleHeader(range: Excel.Range): void {
  range.format.fill.color = `#${HEADER_STYLE.fill.slice(2)}`;
  range.format.font.color = `#${HEADER_STYLE.font.slice(2)}`;
  range.format.font.bold = HEADER_STYLE.bold;
  range.format.verticalAlignment = 'Center';
  range.format.wrapText = HEADER_STYLE.wrapText;
}

/** One column of ours on a sheet: number format and validation over the table's `bodyRows` rows (never below them: templateLayout.ts `bodyArea`), width. */
function columnLayout(sheet: Excel.Worksheet, table: string, column: TableColumn, at: { headerRow: number; column: number; bodyRows: number }, locale: Locale): void {
  const format = columnNumberFormat(column);
  if (format !== 'General') sheet.getRangeByIndexes(at.headerRow + 1, at.column, Math.max(1, at.bodyRows), 1).numberFormat = broadcast(format);
  const validation = columnValidation(table, column, locale);
  if (validation) setValidation(sheet.getRangeByIndexes(at.headerRow + 1, at.column, Math.max(1, at.bodyRows), 1), validation);
  const width = columnWidth(table, column, locale);
  if (width !== undefined) sheet.getRangeByIndexes(0, at.column, 1, 1).format.columnWidth = columnWidthPoints(width);
}

/** Records as worksheet rows laid out by `headers` (user columns untouched), written from `target`'s first cell, with number formats. */
function writeRecords(target: Excel.Range, table: string, headers: readonly string[], records: readonly RecordValues[], locale: Locale): void {
  const layout: TableLayout = { headers, headerRow: 0, firstColumn: 0, lastRow: 0, lastRowBlank: false };
  const rows = records.map((record) => recordToRow(table, layout, record, locale));
  for (const [start, cells] of definedRuns(rows[0] ?? [])) {
    target.getCell(0, start).getResizedRange(rows.length - 1, cells.length - 1).values = rows.map((row) => row.slice(start, start + cells.length).map((c) => officeCellValue(c ?? null)));
    cells.forEach((_, i) => {
      const column = columnForHeader(table, headers[start + i], locale)!;
      const format = columnNumberFormat(column);
      if (format !== 'General') target.getCell(0, start + i).getResizedRange(rows.length - 1, 0).numberFormat = broadcast(format);
    });
  }
}

/** The writes that make a missing table (with its sheet unless it exists) as the template does. */
function newTable(key: string, locale: Locale, sheetExists: boolean, origin: { row: number; column: number }, records: readonly RecordValues[], rows?: readonly (readonly string[])[]): Write {
  const schema = schemaOf(key);
  const name = schema.sheet[locale];
  const columns = schema.columns;
  const labels = columns.map((c) => c.label[locale]);
  const body: Matrix = rows
    ? rows.map((row) => row.map((cell) => officeCellValue(cell === '' ? null : { text: cell })))
    : records.map((record) => columns.map((c) => officeCellValue(toCell(c, record[c.key], locale))));
  return write(body, 12 + columns.length * 6, (context) => {
    const sheet = sheetExists ? context.workbook.worksheets.getItem(name) : context.workbook.worksheets.add(name);
    const block = sheet.getRangeByIndexes(origin.row, origin.column, 1 + body.length, columns.length);
    block.getRow(0).values = [labels.map((l) => officeCellValue({ text: l }))];
    if (body.length > 0) sheet.getRangeByIndexes(origin.row + 1, origin.column, body.length, columns.length).values = body;
    const table = sheet.tables.add(block, true);
    table.name = key;
    table.style = HEADER_STYLE.tableStyle;
    if (hasOwnSheet(key)) {
      styleHeader(block.getRow(0));
      if (findForm(key)) block.getRow(0).format.rowHeight = HEADER_STYLE.formRowHeight;
      sheet.freezePanes.freezeRows(FROZEN_HEADER_ROWS);
    }
    columns.forEach((column, i) => columnLayout(sheet, key, column, { headerRow: origin.row, column: origin.column + i, bodyRows: body.length }, locale));
  });
}

/** The writes that add columns of ours at a table's right. */
function newColumns(state: TableState, columns: readonly TableColumn[], locale: Locale): Write {
  const right = state.left + state.headers.length;
  return write(undefined, 12 * columns.length, (context) => {
    const table = context.workbook.tables.getItem(state.key);
    const sheet = context.workbook.worksheets.getItem(state.sheet);
    columns.forEach((column, i) => {
      const added = table.columns.add(undefined, undefined, column.label[locale]);
      if (hasOwnSheet(state.key)) styleHeader(added.getHeaderRowRange());
      columnLayout(sheet, state.key, column, { headerRow: state.headerRow, column: right + i, bodyRows: state.bodyRows }, locale);
    });
  });
}

/** A copy of a template sheet without tables (see xlsx/templateSheets.ts for what it carries). */
function sheetCopy(copy: SheetCopy): Write[] {
  const bottom = Math.max(0, ...copy.cells.map((c) => c.row));
  const right = Math.max(0, ...copy.cells.map((c) => c.col));
  const contents: Matrix = Array.from({ length: bottom + 1 }, () => Array.from({ length: right + 1 }, () => null));
  const formats: Matrix = Array.from({ length: bottom + 1 }, () => Array.from({ length: right + 1 }, () => null));
  for (const c of copy.cells) {
    if (c.formula !== undefined) contents[c.row][c.col] = c.formula;
    else if (c.value !== undefined) contents[c.row][c.col] = typeof c.value === 'string' ? officeCellValue({ text: c.value }) : c.value;
    if (c.numberFormat) formats[c.row][c.col] = c.numberFormat;
  }
  const styled = copy.cells.filter((c) => c.bold || c.fontColor || c.fill || c.vertical || c.wrapText);
  return [
    write([contents, formats], 8 + styled.length * 5 + copy.merges.length + copy.columns.length * 2 + copy.rowHeights.length + copy.validations.length * 4, (context) => {
      const sheet = context.workbook.worksheets.add(copy.name);
      if (copy.cells.length > 0) {
        const area = sheet.getRangeByIndexes(0, 0, bottom + 1, right + 1);
        area.numberFormat = formats;
        area.formulas = contents;
      }
      for (const c of styled) {
        const format = sheet.getCell(c.row, c.col).format;
        if (c.bold) format.font.bold = true;
        if (c.fontColor) format.font.color = c.fontColor;
        if (c.fill) format.fill.color = c.fill;
        if (c.vertical) format.verticalAlignment = c.vertical;
        if (c.wrapText) format.wrapText = true;
      }
      for (const merge of copy.merges) sheet.getRange(merge).merge();
      for (const column of copy.columns) {
        const range = sheet.getRangeByIndexes(0, column.index, 1, 1);
        if (column.width !== undefined) range.format.columnWidth = columnWidthPoints(column.width);
        if (column.hidden) range.columnHidden = true;
      }
      for (const [row, height] of copy.rowHeights) sheet.getRangeByIndexes(row, 0, 1, 1).format.rowHeight = height;
      if (copy.frozenRows > 0) sheet.freezePanes.freezeRows(copy.frozenRows);
      else if (copy.frozenColumns > 0) sheet.freezePanes.freezeColumns(copy.frozenColumns);
      for (const { address, rule } of copy.validations) copyValidation(sheet.getRange(address), rule);
      if (copy.printArea.length > 0) sheet.pageLayout.setPrintArea(copy.printArea.join(','));
      for (const row of copy.pageBreaksBefore) sheet.horizontalPageBreaks.add(sheet.getCell(row, 0));
      if (copy.hidden) sheet.visibility = 'Hidden';
    }),
  ];
}

const OPERATORS: Readonly<Record<string, Excel.DataValidationOperator>> = {
  between: 'Between' as Excel.DataValidationOperator,
  greaterThanOrEqual: 'GreaterThanOrEqualTo' as Excel.DataValidationOperator,
};
const STYLES: Readonly<Record<string, Excel.DataValidationAlertStyle>> = {
  stop: 'Stop' as Excel.DataValidationAlertStyle,
  warning: 'Warning' as Excel.DataValidationAlertStyle,
  information: 'Information' as Excel.DataValidationAlertStyle,
};

/** A validation of a template sheet (exceljs' model: whole numbers and lists, as the template makes them). */
function copyValidation(range: Excel.Range, rule: Readonly<Record<string, unknown>>): void {
  const formulae = (rule.formulae as (string | number)[] | undefined) ?? [];
  const v = range.dataValidation;
  v.clear();
  if (rule.type === 'whole' && OPERATORS[String(rule.operator)]) {
    v.rule = { wholeNumber: { formula1: formulae[0], ...(formulae[1] !== undefined ? { formula2: formulae[1] } : {}), operator: OPERATORS[String(rule.operator)] } };
  } else if (rule.type === 'list') {
    const f = String(formulae[0]);
    v.rule = { list: { inCellDropDown: true, source: f.startsWith('"') ? f.slice(1, -1) : `=${f}` } };
  } else {
    throw new Error(`A template sheet's validation of a kind the upgrade does not copy: ${JSON.stringify(rule)}`);
  }
  v.errorAlert = {
    showAlert: rule.showErrorMessage === true,
    style: STYLES[String(rule.errorStyle ?? 'stop')],
    title: String(rule.errorTitle ?? ''),
    message: String(rule.error ?? ''),
  };
  v.ignoreBlanks = rule.allowBlank === true;
}

/** A reference as a name's formula, compared without quotes and "=" (Excel drops quotes a sheet name does not need). */
const reference = (formula: string) => formula.replace(/^=/, '').replace(/'/g, '');

// ——————————————————————————————————————————————————————————————————————— the upgrade

/** Upgrades the workbook in place; see the module comment. Throws KefuError before writing anything when it cannot. */
export async function upgradeWorkbook(run: ExcelRun, options: OfficeUpgradeOptions): Promise<OfficeUpgradeSummary> {
  const found = await readWorkbook(run);
  const meta = found.tables.get(META_TABLE);
  if (!meta) throw new KefuError([{ kind: 'notLedger' }]);
  const metaRows = (meta.body ?? []).map((row, i) => ({ index: i, values: rowToRecord(META_TABLE, meta.readHeaders, row, DEFAULT_LOCALE) }));
  const settings = Object.fromEntries(metaRows.filter((r) => text(r.values.key)).map((r) => [text(r.values.key), text(r.values.value)]));
  const locale: Locale = isLocale(settings.locale) ? settings.locale : DEFAULT_LOCALE;
  const from = ledgerVersion(settings);
  if (from > TEMPLATE_VERSION) throw new KefuError([{ kind: 'workbookTooNew', params: { path: '', version: from, ours: TEMPLATE_VERSION } }]);

  const writes: Write[] = [];
  const tablesAdded: string[] = [];
  const columnsAdded: string[] = [];
  const sheetsAdded: string[] = [];
  let rowsAdded = 0;
  let updates = 0;

  // Tables, with their sheets; onto an existing sheet where the template puts them (a claims table
  // next to the others, should an older ledger have another there), where nothing may be yet.
  const created = new Set<string>();
  const places: Place[] = [];
  for (const key of templateTables()) {
    if (found.tables.has(key)) continue;
    const sheet = schemaOf(key).sheet[locale];
    const sheetExists = found.sheets.has(upper(sheet)) || created.has(upper(sheet));
    const at = sheetExists ? placeOnSheet(key, sheet, found, places) : tableOrigin(key);
    if (sheetExists) places.push({ key, sheet, ...at, width: schemaOf(key).columns.length });
    const seed = SEEDS[key]?.rows(locale) ?? [];
    writes.push(newTable(key, locale, sheetExists, at, seed, key === DICTIONARY_TABLE ? dictionaryRows(locale) : undefined));
    created.add(upper(sheet));
    tablesAdded.push(key);
  }

  // Sheets without tables: written from the template builder. A sheet of formulas an earlier
  // version made otherwise (the statistics cross-check) is deleted and written again as the
  // template has it now (it holds no data).
  const missingSheets = sheetsWithoutTables(locale).filter((name) => !found.sheets.has(upper(name)));
  const renewed = sheetsToRenew(from, locale).filter((name) => found.sheets.has(upper(name)));
  if (missingSheets.length + renewed.length > 0) {
    const copies = await options.templateSheets([...missingSheets, ...renewed], { locale, createdAt: settings.created_at || options.clock.now(), site: settings.site || undefined });
    for (const name of renewed) writes.push(write(undefined, 1, (context) => context.workbook.worksheets.getItem(name).delete()));
    for (const copy of copies) writes.push(...sheetCopy(copy));
    sheetsAdded.push(...missingSheets);
    updates += renewed.length;
  }
  // The named lists behind long validations: the lists sheet's columns, and a name for each.
  const lists = namedLists(locale);
  if (lists.length > 0) {
    const listsCopied = missingSheets.includes(LISTS_SHEET);
    lists.forEach(({ name, labels }, i) => {
      const target = `'${LISTS_SHEET}'!$${columnLetters(i + 1)}$1:$${columnLetters(i + 1)}$${labels.length}`;
      const have = (found.lists ?? []).slice(0, labels.length).map((row) => text(row[i]));
      if (!listsCopied && have.join('\u001f') !== labels.join('\u001f')) {
        const values = labels.map((label) => [officeCellValue({ text: label })]);
        writes.push(write(values, 2, (context) => (context.workbook.worksheets.getItem(LISTS_SHEET).getRangeByIndexes(0, i, labels.length, 1).values = values)));
        updates++;
      }
      const existing = found.names.get(upper(name));
      if (!existing) {
        writes.push(write(undefined, 2, (context) => void context.workbook.names.add(name, `=${target}`)));
        updates++;
      } else if (reference(existing.formula) !== reference(target)) {
        writes.push(write(undefined, 2, (context) => (context.workbook.names.getItem(name).formula = `=${target}`)));
        updates++;
      }
    });
  }

  // Columns, at each table's right.
  const missing = [...found.tables.values()].map((state) => ({ state, columns: missingColumns(state.key, state.headers, locale) })).filter((m) => m.columns.length > 0);

  // What the first request could not know: whether anything stands where new tables and columns
  // go, and the rest of a long audit log to seal. One more request (the log's rest may take more).
  const audit = found.tables.get(AUDIT_TABLE);
  const seal = audit && from < CHAIN_VERSION;
  const more = await readMore(run, {
    places,
    columns: missing.map(({ state, columns }) => ({ state, count: columns.length })),
    legacy: from < BODY_RANGES_VERSION ? [...found.tables.values()].filter((t) => findForm(t.key)) : [],
    audit: seal ? audit : undefined,
    first: found.auditFirst ?? [],
    locale,
    onProgress: options.onProgress,
  });
  if (more.taken.length > 0) throw new KefuError(more.taken);

  // The validations an older template put down to row 20,001 end at each form table's last row
  // from now on (templateLayout.ts `bodyArea`): the rows written below a table then join it.
  if (more.legacyBelow.length > 0) {
    writes.push(
      write(undefined, more.legacyBelow.length * 2, (context) => {
        for (const { sheet, row, column, count } of more.legacyBelow) context.workbook.worksheets.getItem(sheet).getRangeByIndexes(row, column, count, 1).dataValidation.clear();
      }),
    );
    updates += more.legacyBelow.length;
  }

  for (const { state, columns } of missing) {
    writes.push(newColumns(state, columns, locale));
    state.headers = [...state.headers, ...columns.map((c) => c.label[locale])];
    columnsAdded.push(...columns.map((c) => `${state.key}.${c.label[locale]}`));
  }

  // The data dictionary follows the columns (a table just made is the template's already).
  const dictionary = found.tables.get(DICTIONARY_TABLE);
  if (dictionary) {
    const wanted = dictionaryRows(locale);
    const current = (dictionary.body ?? []).map((cells, i) => ({ i, cells })).filter((r) => !isBlankRow(r.cells));
    // By the headers now: a dictionary column just added is filled in too.
    const columnOf = (key: string) => dictionary.headers.findIndex((h) => columnForHeader(DICTIONARY_TABLE, h, locale)?.key === key);
    const indexes = DICTIONARY_COLUMNS.map((c: PlainColumn) => columnOf(c.key));
    current.forEach((row, n) => {
      const target = wanted[n];
      if (!target) return;
      indexes.forEach((index, j) => {
        if (text(row.cells[index]) === target[j]) return;
        const value = officeCellValue(target[j] === '' ? null : { text: target[j] });
        writes.push(write([[value]], 1, (context) => (context.workbook.tables.getItem(DICTIONARY_TABLE).getDataBodyRange().getCell(row.i, index).values = [[value]])));
        updates++;
      });
    });
    if (wanted.length > current.length) {
      const records = wanted.slice(current.length).map((row) => Object.fromEntries(DICTIONARY_COLUMNS.map((c, j) => [c.key, row[j] === '' ? null : row[j]])));
      writes.push(...appendRecords(dictionary, records, locale));
      updates += records.length;
    }
  }
  // The rows a new ledger starts with (promised times, calendar days, rule defaults) that this one lacks.
  for (const key of Object.keys(SEEDS)) {
    const state = found.tables.get(key);
    if (!state) continue;
    const records = (state.body ?? []).filter((cells) => !isBlankRow(cells)).map((cells) => rowToRecord(key, state.readHeaders, cells, locale));
    const rows = missingSeedRows(key, records, locale);
    if (rows.length === 0) continue;
    writes.push(...appendRecords(state, rows, locale));
    rowsAdded += rows.length;
  }

  // The audit log's hash chain, from its first row, for a log from before the chain.
  let auditRowsSealed = 0;
  let lastChain = '';
  if (audit) {
    // Where the chain is now: a column of the log as read, or the one just added at its right.
    const chainIndex = audit.headers.findIndex((h) => columnForHeader(AUDIT_TABLE, h, locale)?.key === 'chain');
    if (seal) {
      const changed: { row: number; chain: string }[] = [];
      for (const { row, values } of more.auditRows) {
        lastChain = chainOf(lastChain, values);
        if (text(values.chain) !== lastChain) changed.push({ row, chain: lastChain });
      }
      writes.push(...chainWrites(chainIndex, changed));
      auditRowsSealed = changed.length;
    } else if (chainIndex >= 0 && !isBlankRow(audit.lastRow)) {
      lastChain = text(audit.lastRow[chainIndex]);
    }
  }

  const summary: OfficeUpgradeSummary = { from, to: TEMPLATE_VERSION, tablesAdded, columnsAdded, rowsAdded, auditRowsSealed, sheetsAdded };
  if (!upgradedAnything(summary) && updates === 0) return summary;

  // The version, last, with the audit row saying what changed.
  const version = metaRows.find((r) => text(r.values.key) === 'template_version');
  if (version) {
    const at = meta.headers.findIndex((h) => columnForHeader(META_TABLE, h, locale)?.key === 'value');
    const value = officeCellValue({ text: String(TEMPLATE_VERSION) });
    writes.push(write([[value]], 1, (context) => (context.workbook.tables.getItem(META_TABLE).getDataBodyRange().getCell(version.index, at).values = [[value]])));
  } else {
    writes.push(...appendRecords(meta, [{ key: 'template_version', value: String(TEMPLATE_VERSION) }], locale));
  }
  const [entry] = chainedAuditRecords(lastChain, [upgradeAuditEntry(summary, options.clock.now(), options.clerk)]);
  const auditHeaders = schemaOf(AUDIT_TABLE).columns.map((c) => c.label[locale]);
  const auditState: TableState = audit ?? {
    key: AUDIT_TABLE,
    sheet: schemaOf(AUDIT_TABLE).sheet[locale],
    headerRow: 0,
    left: 0,
    readHeaders: auditHeaders,
    headers: auditHeaders,
    bodyRows: 1,
    lastRow: [],
  };
  writes.push(...appendRecords(auditState, [entry], locale, !audit));
  await send(run, writes);
  return summary;
}

/**
 * Rows appended to a table: into its last body row when that is blank (a fresh table's), then below
 * it — where co-authors' appends also go (DESIGN principle 3) — in pieces under the request limit.
 */
function appendRecords(state: TableState, records: readonly RecordValues[], locale: Locale, intoBlank = isBlankRow(state.lastRow)): Write[] {
  const writes: Write[] = [];
  const perRow = Math.max(1, UTF8.encode(JSON.stringify(records[0] ?? {})).length * 2);
  const step = Math.max(1, Math.floor(MAX_REQUEST_BYTES / 2 / perRow));
  for (let from = 0; from < records.length; from += step) {
    const part = records.slice(from, from + step);
    const first = from === 0 && intoBlank;
    writes.push(
      write(part, 4 + state.headers.length * 2, (context) => {
        const body = context.workbook.tables.getItem(state.key).getDataBodyRange();
        const target = first ? body.getLastRow().getResizedRange(part.length - 1, 0) : body.getRowsBelow(part.length);
        writeRecords(target, state.key, state.headers, part, locale);
        // Rows below the body carry the template's validations as the body does (office/columnValidation.ts).
        if (!first || part.length > 1) validateRows(target, state.key, state.headers, part.length, locale);
      }),
    );
  }
  return writes;
}

/** The chain column's cells that change: contiguous runs, in requests under the limit. */
function chainWrites(at: number, seal: readonly { row: number; chain: string }[]): Write[] {
  if (at < 0 && seal.length > 0) throw new Error('The audit log has no chain column to seal');
  const runs: { from: number; chains: string[] }[] = [];
  for (const { row, chain } of seal) {
    const last = runs[runs.length - 1];
    if (last && last.from + last.chains.length === row) last.chains.push(chain);
    else runs.push({ from: row, chains: [chain] });
  }
  const writes: Write[] = [];
  const perRow = 40;
  const step = Math.floor(MAX_REQUEST_BYTES / perRow);
  for (const part of runs) {
    for (let i = 0; i < part.chains.length; i += step) {
      const values = part.chains.slice(i, i + step).map((chain) => [officeCellValue({ text: chain })]);
      const from = part.from + i;
      writes.push({
        bytes: values.length * perRow + ACTION_BYTES,
        queue: (context) =>
          (context.workbook.tables
            .getItem(AUDIT_TABLE)
            .getDataBodyRange()
            .getColumn(at)
            .getRow(from)
            .getResizedRange(values.length - 1, 0).values = values),
      });
    }
  }
  return writes;
}

/** Where a new table goes on a sheet the ledger has. */
interface Place {
  readonly key: string;
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly width: number;
}

/**
 * Where the template puts a table, or — for a claims table whose place an older ledger gives
 * another series' (numbers find their claims table by name, not place) — the slot right of the
 * numbering sheet's last claims table.
 */
function placeOnSheet(key: string, sheet: string, found: Workbook, planned: readonly Place[]): { row: number; column: number } {
  const origin = tableOrigin(key);
  const width = schemaOf(key).columns.length;
  const tables = [...found.tables.values()].filter((t) => upper(t.sheet) === upper(sheet)).map((t) => ({ key: t.key, row: t.headerRow, column: t.left, width: t.readHeaders.length }));
  const others = [...tables, ...planned.filter((p) => upper(p.sheet) === upper(sheet))];
  const overlaps = others.some((t) => t.row <= origin.row + 1 && origin.row <= t.row + 1 && t.column < origin.column + width && origin.column < t.column + t.width);
  if (!overlaps || !key.startsWith('kefu_claims_')) return origin;
  const claims = others.filter((t) => t.key.startsWith('kefu_claims_'));
  return { row: origin.row, column: Math.max(...claims.map((t) => t.column + t.width)) + 1 };
}

/** A cell holding anything (a value or a formula) in a range: Excel's find with the "*" wildcard. */
function anything(range: Excel.Range): Excel.Range {
  const found = range.findOrNullObject('*', { completeMatch: false, matchCase: false });
  found.load('rowIndex,columnIndex');
  return found;
}

/**
 * The second request: whether a cell of the user's stands where a new table or column goes (the
 * new columns within their table's rows; a new table's header and first row), and the audit log's
 * rows beyond the first request's (several requests for a long log, each under the limit).
 */
async function readMore(
  run: ExcelRun,
  ask: {
    readonly places: readonly Place[];
    readonly columns: readonly { readonly state: TableState; readonly count: number }[];
    /** Form tables of a ledger from before BODY_RANGES_VERSION, whose columns may carry an older template's validation below them. */
    readonly legacy: readonly TableState[];
    readonly audit?: TableState;
    readonly first: readonly (readonly CellIn[])[];
    readonly locale: Locale;
    readonly onProgress?: (done: number, total: number) => void;
  },
): Promise<{ taken: Problem[]; auditRows: { row: number; values: RecordValues }[]; legacyBelow: LegacyBelow[] }> {
  const { audit, first, locale, onProgress } = ask;
  // Only our columns of the log as read travel (a user's columns are not chained).
  const ours = audit ? audit.readHeaders.flatMap((h, i) => (columnForHeader(AUDIT_TABLE, h, locale) ? [i] : [])) : [];
  const columns: CellIn[][] = ours.map((i) => first.map((row) => row[i] ?? null));
  const rest = audit !== undefined && first.length < audit.bodyRows;
  if (ask.places.length === 0 && ask.columns.length === 0 && ask.legacy.length === 0 && !rest) return { taken: [], auditRows: auditRecords(audit, ours, columns, locale), legacyBelow: [] };
  let done = first.length;
  let legacyBelow: LegacyBelow[] = [];
  const taken = await run(async (context) => {
    const sheets = context.workbook.worksheets;
    const legacy = legacyProbes(context, ask.legacy);
    const probes = [
      ...ask.places.map((p) => ({ kind: 'tableInTheWay' as const, sheet: p.sheet, table: p.key, cell: anything(sheets.getItem(p.sheet).getRangeByIndexes(p.row, p.column, 2, p.width)) })),
      ...ask.columns.map(({ state, count }) => ({
        kind: 'columnInTheWay' as const,
        sheet: state.sheet,
        table: state.key,
        cell: anything(context.workbook.tables.getItem(state.key).getRange().getColumnsAfter(count)),
      })),
    ];
    if (rest) {
      onProgress?.(done, audit.bodyRows);
      const body = context.workbook.tables.getItem(AUDIT_TABLE).getDataBodyRange();
      await readRemainingRows(
        context,
        ours.map((i) => body.getColumn(i)),
        columns,
        audit.bodyRows,
        (n) => onProgress?.((done += n), audit.bodyRows),
      );
    } else {
      await context.sync();
    }
    legacyBelow = legacy.flatMap((p) => legacyShaped(p));
    return probes
      .filter((p) => !p.cell.isNullObject)
      .map((p): Problem => ({ kind: p.kind, params: { sheet: p.sheet, table: p.table, cell: `${columnLetters(p.cell.columnIndex + 1)}${p.cell.rowIndex + 1}` } }));
  });
  return { taken, auditRows: auditRecords(audit, ours, columns, locale), legacyBelow };
}

/** The audit log's rows as records (blank rows left out, as reading a table does), with their body index. */
function auditRecords(audit: TableState | undefined, ours: readonly number[], columns: readonly (readonly CellIn[])[], locale: Locale): { row: number; values: RecordValues }[] {
  if (!audit) return [];
  const headers = ours.map((i) => audit.readHeaders[i]);
  const rows: { row: number; values: RecordValues }[] = [];
  for (let r = 0; r < audit.bodyRows; r++) {
    const cells = columns.map((column) => column[r] ?? null);
    if (isBlankRow(cells)) continue;
    rows.push({ row: r, values: rowToRecord(AUDIT_TABLE, headers, cells, locale) });
  }
  return rows;
}
