import type { Locale, Text } from '../i18n/locale';
import { FORMS, findForm } from '../forms';
import { t } from '../forms/codes';
import { columnsOf, type CellKind } from '../forms/columns';
import { dataDictionary } from '../forms/dictionary';
import { NUMBER_FORMATS } from './cells';
import { AUDIT_TABLE, CLAIM_COLUMNS, CLAIMS_HEADER_ROW, COUNTERS_TABLE, DICTIONARY_TABLE, META_TABLE, claimsTableName } from './layout';
import { printSheetName, printedForms } from './print';
import { columnLetters } from './report';
import { numberingSeries, type TableColumn } from './schema';

/**
 * How the template lays out each table, as data: where a table starts, the header's look, each
 * column's width, number format and validation, the named lists behind long validations, and the
 * data dictionary's rows. The template builder (workbooks/template.ts, exceljs) and the add-in's
 * Upgrade workbook (upgrade/officeUpgrade.ts, Office.js) both build tables from this, so a table
 * or column the upgrade adds looks and validates like the template's.
 */

/**
 * Where the template's validations and conditional formats lie: on the table's data body, each
 * validation exactly one column of it (`C2:C2` in an empty table), the overdue highlights across
 * it (`A2:AL2`), never below it. Microsoft's co-authoring guidance for add-ins ("Coauthoring in
 * Excel add-ins", learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins,
 * "Avoid table row coauthoring conflicts") has values written directly below a table expand it
 * only when no data validation lies on the cells below, unless it covers the entire column: the
 * bounded `C2:C20001` of template versions 1–4 was such a rule, and where the table did not expand
 * the next registration wrote over the last. Entire columns would do for Excel, but LibreOffice
 * 7.4 drops a validation or conditional format whose range is a whole column (`C:C`) when it
 * reads an .xlsx, and exceljs 4.4 fails writing one (its optimiser takes `C:C` for `CNaN:CNaN`)
 * and makes a million entries of it reading: so the body. Nothing promises that Excel carries
 * them onto the rows a table gains, so whoever appends writes them: the part-level backend grows
 * the ranges that end at the table's last row (xlsx/sheetEditor.ts), the Office.js backend sets
 * the validations on the rows it appends (office/columnValidation.ts).
 */
export function bodyArea(body: { readonly top: number; readonly bottom: number }, left: number, right = left): string {
  const first = `${columnLetters(left)}${body.top}`;
  const last = `${columnLetters(right)}${body.bottom}`;
  return first === last ? first : `${first}:${last}`;
}

/**
 * Template versions 1–4 validated and highlighted each form's columns from the row under its
 * header down to this row (`C2:C20001`, `A2:AL20001`); since version 5 (BODY_RANGES_VERSION) they
 * lie on the body. The upgrade of either backend bounds a range of that exact shape to the body
 * (its rule kept); any other range is a user's and stays as it is.
 */
export const LEGACY_LAST_ROW = 20_001;
export const BODY_RANGES_VERSION = 5;

/** Excel's limit for an inline list in a validation (the formula text). */
export const INLINE_LIST_LIMIT = 255;

/** Excel's limits for a validation's error alert: title and message, in characters ([MS-XLS] 2.5.37). */
export const ALERT_TITLE_LIMIT = 32;
export const ALERT_MESSAGE_LIMIT = 225;

/** Labels joined for an alert, cut after the last whole label that fits Excel's limit ("…" says there are more). */
function alertMessage(labels: readonly string[], locale: Locale): string {
  const separator = locale === 'en-US' ? ', ' : '、';
  const whole = labels.join(separator);
  if (whole.length <= ALERT_MESSAGE_LIMIT) return whole;
  let text = '';
  for (const label of labels) {
    const next = text ? text + separator + label : label;
    if (next.length + separator.length + 1 > ALERT_MESSAGE_LIMIT) break;
    text = next;
  }
  return `${text}${separator}…`;
}

/** The header row of every table the template makes. */
export const HEADER_STYLE = {
  /** Fill and font colours (ARGB). */
  fill: 'FF1F5F8B',
  font: 'FFFFFFFF',
  bold: true,
  wrapText: true,
  /** Vertical alignment (exceljs' word; Excel's API says "Center"). */
  vertical: 'middle',
  /** Row height of a form sheet's header row, in points. */
  formRowHeight: 30,
  /** Excel's table style. */
  tableStyle: 'TableStyleLight9',
} as const;

/** The hidden sheet holding the lists too long for an inline validation. */
export const LISTS_SHEET = '_lists';

/** Rows frozen at the top of a table's own sheet (forms, audit log, data dictionary): its header. */
export const FROZEN_HEADER_ROWS = 1;

/** The statistics cross-check sheet (workbooks/crossCheckSheet.ts builds it). */
export const CROSS_CHECK_SHEET: Text = t('投诉统计核对', '投訴統計核對', 'Stats cross-check');

/**
 * Whether a table has a sheet of its own, with the header style, a frozen header and widths (the
 * forms, the audit log, the data dictionary); the numbering sheet's tables have none of these.
 */
export function hasOwnSheet(table: string): boolean {
  return !!findForm(table) || table === AUDIT_TABLE || table === DICTIONARY_TABLE;
}

/** The template's sheets that hold no table, in its order: print sheets, the cross-check, the lists. */
export function sheetsWithoutTables(locale: Locale): string[] {
  return [...printedForms().map((form) => printSheetName(form, locale)), CROSS_CHECK_SHEET[locale], ...(namedLists(locale).length > 0 ? [LISTS_SHEET] : [])];
}

/** Widths (characters) of the system tables' columns, by column key. */
const SYSTEM_WIDTHS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  [AUDIT_TABLE]: { at: 20, who: 12, action: 10, table: 18, record: 16, field: 16, old_value: 30, new_value: 30, chain: 18 },
  [DICTIONARY_TABLE]: { table: 20, form: 24, column: 22, label_zh_cn: 20, label_zh_tw: 20, label_en_us: 26, type: 14, required: 22, values: 60 },
};

/** The width (characters) the template gives a column of `table`, or undefined for Excel's default. */
export function columnWidth(table: string, column: TableColumn, locale: Locale): number | undefined {
  if (!findForm(table)) return SYSTEM_WIDTHS[table]?.[column.key];
  const cjkWidth = (text: string) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const longest = Math.max(cjkWidth(column.label[locale]), ...(column.codes ?? []).map((c) => cjkWidth(c.label[locale])));
  const byKind: Partial<Record<CellKind, number>> = { date: 12, datetime: 17, money: 12, percent: 10, int: 8 };
  return Math.min(48, Math.max(byKind[column.kind] ?? 14, longest + 4));
}

/** The number format of a column's cells ('General' for text). */
export function columnNumberFormat(column: TableColumn): string {
  return NUMBER_FORMATS[column.kind];
}

/** A column's validation as the template writes it. */
export type ColumnValidation =
  | {
      readonly kind: 'list';
      readonly labels: readonly string[];
      /** The named list (on LISTS_SHEET) when the labels do not fit an inline list; else inline. */
      readonly listName?: string;
      /** The warning shown for a value outside the list: its title and text. */
      readonly title: string;
      readonly message: string;
    }
  | { readonly kind: 'wholeAtLeast'; readonly min: number };

/** The name of a form column's list on LISTS_SHEET. */
export function listNameOf(table: string, column: string): string {
  return `kefu_list_${table}_${column}`;
}

function listNeedsName(labels: readonly string[]): boolean {
  return `"${labels.join(',')}"`.length > INLINE_LIST_LIMIT || labels.some((l) => l.includes(',') || l.includes('"'));
}

/** The validation the template puts on a form column (coded columns: a list; whole numbers with a minimum), or undefined. */
export function columnValidation(table: string, column: TableColumn, locale: Locale): ColumnValidation | undefined {
  const form = findForm(table);
  if (!form) return undefined;
  if (column.kind === 'code' || column.kind === 'bool') {
    const labels = (column.codes ?? []).map((c) => c.label[locale]);
    return {
      kind: 'list',
      labels,
      ...(listNeedsName(labels) ? { listName: listNameOf(table, column.key) } : {}),
      title: column.label[locale].slice(0, ALERT_TITLE_LIMIT),
      message: alertMessage(labels, locale),
    };
  }
  if (column.kind === 'int') {
    const min = (column as { field?: { min?: number } }).field?.min;
    if (min !== undefined) return { kind: 'wholeAtLeast', min };
  }
  return undefined;
}

/** The lists the template keeps on LISTS_SHEET, in its order: each in its own column from A, rows from 1. */
export function namedLists(locale: Locale): { readonly name: string; readonly labels: readonly string[] }[] {
  const lists: { name: string; labels: string[] }[] = [];
  for (const form of FORMS) {
    for (const column of columnsOf(form)) {
      const validation = columnValidation(form.key, column, locale);
      if (validation?.kind === 'list' && validation.listName) lists.push({ name: validation.listName, labels: [...validation.labels] });
    }
  }
  return lists;
}

/** Where a table's header starts (0-based row and column): A1 on its own sheet; side by side on the numbering sheet. */
export function tableOrigin(table: string): { readonly row: number; readonly column: number } {
  if (table === META_TABLE) return { row: 0, column: 0 };
  if (table === COUNTERS_TABLE) return { row: 0, column: 3 };
  const series = numberingSeries().findIndex((s) => claimsTableName(s) === table);
  if (series >= 0) return { row: CLAIMS_HEADER_ROW - 1, column: 8 + series * (CLAIM_COLUMNS.length + 1) };
  return { row: 0, column: 0 };
}

/** The data dictionary's rows as the template writes them, in a workbook of `locale`. */
export function dictionaryRows(locale: Locale): string[][] {
  return dataDictionary().map((e) => [
    e.table,
    `${e.form} ${e.formTitle[locale]}`,
    e.column,
    e.labels['zh-CN'],
    e.labels['zh-TW'],
    e.labels['en-US'],
    e.type,
    e.required,
    e.values.map((v) => `${v.code}=${v.labels[locale]}`).join('; '),
  ]);
}
