import ExcelJS from 'exceljs';
import type { Locale } from '../i18n/locale';
import { FORMS } from '../forms';
import { columnsOf } from '../forms/columns';
import {
  AUDIT_COLUMNS,
  AUDIT_SHEET,
  AUDIT_TABLE,
  CLAIM_COLUMNS,
  CLAIMS_HEADER_ROW,
  COUNTER_COLUMNS,
  COUNTERS_TABLE,
  DICTIONARY_COLUMNS,
  DICTIONARY_SHEET,
  DICTIONARY_TABLE,
  META_COLUMNS,
  META_SHEET,
  META_TABLE,
  TEMPLATE_VERSION,
  claimsTableName,
} from '../ledger/layout';
import { numberingSeries, type TableColumn } from '../ledger/schema';
import { FROZEN_HEADER_ROWS, HEADER_STYLE, LISTS_SHEET, bodyArea, columnNumberFormat, columnValidation, columnWidth, dictionaryRows, namedLists, tableOrigin } from '../ledger/templateLayout';
import { chainedAuditRecords } from '../ledger/auditChain';
import { columnLetters } from '../ledger/xlsx/xlsxLedger';
import { addPrintSheets } from './printSheets';
import { addCrossCheckSheet } from './crossCheckSheet';
import { addOverdueHighlights, seedRows } from './deskTemplate';
import { ruleSeedRows } from './perfTemplate';

/**
 * Builds an empty ledger workbook for a locale from the form declarations: one sheet and one
 * Excel table per form (headers in the locale, list validations for coded columns on the table's
 * body — never below it, see templateLayout.ts `bodyArea` —, number formats, frozen header, widths), the audit log, the data dictionary, and the hidden `_kefu` sheet with
 * the settings, counters and claims tables of the numbering scheme.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_STYLE.fill } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: HEADER_STYLE.bold, color: { argb: HEADER_STYLE.font } };

export interface TemplateOptions {
  readonly locale: Locale;
  /** Local date-time written into the settings as `created_at`. */
  readonly createdAt: string;
  readonly site?: string;
}

/** Adds an Excel table whose body is one blank row (as Excel itself creates an empty table). */
function addTable(sheet: ExcelJS.Worksheet, name: string, topLeft: string, columns: readonly TableColumn[], locale: Locale, rows?: (string | number | null)[][]): void {
  sheet.addTable({
    name,
    ref: topLeft,
    headerRow: true,
    style: { theme: HEADER_STYLE.tableStyle, showRowStripes: true },
    columns: columns.map((c) => ({ name: c.label[locale], filterButton: true })),
    rows: rows && rows.length > 0 ? rows : [columns.map(() => null)],
  });
}

/** exceljs has data validations on worksheets but its typings omit them. */
function validations(sheet: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

function styleHeader(sheet: ExcelJS.Worksheet, row: number, left: number, count: number): void {
  for (let c = left; c < left + count; c++) {
    const cell = sheet.getRow(row).getCell(c);
    cell.fill = HEADER_FILL;
    cell.font = HEADER_FONT;
    cell.alignment = { vertical: HEADER_STYLE.vertical, wrapText: HEADER_STYLE.wrapText };
  }
}

export function buildTemplate(options: TemplateOptions): ExcelJS.Workbook {
  const { locale } = options;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kefu Ledger';
  workbook.calcProperties.fullCalcOnLoad = true;
  const frozen = { views: [{ state: 'frozen' as const, ySplit: FROZEN_HEADER_ROWS }] };

  /** Each form's data body: rows 2 to the last starting row (one blank row when none). */
  const bodies = new Map<string, { top: number; bottom: number }>();
  for (const form of FORMS) {
    const sheet = workbook.addWorksheet(form.sheet[locale], frozen);
    const columns = columnsOf(form);
    const rows = seedRows(form, locale) ?? ruleSeedRows(form, locale);
    addTable(sheet, form.key, 'A1', columns, locale, rows);
    const body = { top: 2, bottom: 1 + Math.max(1, rows?.length ?? 0) };
    bodies.set(form.key, body);
    styleHeader(sheet, 1, 1, columns.length);
    sheet.getRow(1).height = HEADER_STYLE.formRowHeight;
    columns.forEach((column, i) => {
      const sheetColumn = sheet.getColumn(i + 1);
      sheetColumn.width = columnWidth(form.key, column, locale)!;
      const numFmt = columnNumberFormat(column);
      if (numFmt !== 'General') sheetColumn.numFmt = numFmt;
      sheet.getRow(2).getCell(i + 1).numFmt = numFmt;
      const range = bodyArea(body, i + 1);
      const validation = columnValidation(form.key, column, locale);
      if (validation?.kind === 'list') {
        validations(sheet).add(range, {
          type: 'list',
          allowBlank: true,
          // Too long for an inline list: a named range on the hidden lists sheet (added last).
          formulae: [validation.listName ?? `"${validation.labels.join(',')}"`],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: validation.title,
          error: validation.message,
        });
      } else if (validation?.kind === 'wholeAtLeast') {
        validations(sheet).add(range, { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [validation.min] });
      }
    });
  }

  addOverdueHighlights(workbook, locale, (form) => bodies.get(form)!);

  const audit = workbook.addWorksheet(AUDIT_SHEET[locale], frozen);
  const [first] = chainedAuditRecords('', [
    { at: options.createdAt, who: 'Kefu Ledger', action: 'template', table: '', record: '', field: 'template_version', oldValue: '', newValue: String(TEMPLATE_VERSION) },
  ]);
  addTable(audit, AUDIT_TABLE, 'A1', AUDIT_COLUMNS, locale, [AUDIT_COLUMNS.map((c) => (first[c.key] === '' ? '' : (first[c.key] as string)))]);
  styleHeader(audit, 1, 1, AUDIT_COLUMNS.length);
  AUDIT_COLUMNS.forEach((column, i) => (audit.getColumn(i + 1).width = columnWidth(AUDIT_TABLE, column, locale)!));

  const dictionary = workbook.addWorksheet(DICTIONARY_SHEET[locale], frozen);
  addTable(dictionary, DICTIONARY_TABLE, 'A1', DICTIONARY_COLUMNS, locale, dictionaryRows(locale));
  styleHeader(dictionary, 1, 1, DICTIONARY_COLUMNS.length);
  DICTIONARY_COLUMNS.forEach((column, i) => (dictionary.getColumn(i + 1).width = columnWidth(DICTIONARY_TABLE, column, locale)!));
  addPrintSheets(workbook, locale);
  addCrossCheckSheet(workbook, { locale, year: Number(options.createdAt.slice(0, 4)) });

  const lists = namedLists(locale);
  if (lists.length > 0) {
    const sheet = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    lists.forEach(({ name, labels }, i) => {
      labels.forEach((label, r) => (sheet.getRow(r + 1).getCell(i + 1).value = label));
      workbook.definedNames.add(`'${LISTS_SHEET}'!$${columnLetters(i + 1)}$1:$${columnLetters(i + 1)}$${labels.length}`, name);
    });
  }

  const meta = workbook.addWorksheet(META_SHEET, { state: 'hidden' });
  const at = (table: string) => {
    const { row, column } = tableOrigin(table);
    return `${columnLetters(column + 1)}${row + 1}`;
  };
  addTable(meta, META_TABLE, at(META_TABLE), META_COLUMNS, locale, [
    ['template_version', String(TEMPLATE_VERSION)],
    ['locale', locale],
    ['created_at', options.createdAt],
    ['site', options.site ?? ''],
  ]);
  addTable(meta, COUNTERS_TABLE, at(COUNTERS_TABLE), COUNTER_COLUMNS, locale);
  // Claims tables sit side by side from column I, below the rows their read window may cover.
  for (const series of numberingSeries()) addTable(meta, claimsTableName(series), at(claimsTableName(series)), CLAIM_COLUMNS, locale);
  meta.getRow(CLAIMS_HEADER_ROW - 2).getCell(9).value =
    locale === 'en-US'
      ? 'Numbering log (see docs/numbering.md). Do not edit: numbers depend on it.'
      : locale === 'zh-TW'
        ? '編號記錄（見 docs/numbering.md）。請勿編輯：編號依賴於此。'
        : '编号记录（见 docs/numbering.md）。请勿编辑：编号依赖于此。';
  return workbook;
}

export async function buildTemplateBuffer(options: TemplateOptions): Promise<Uint8Array> {
  return new Uint8Array(await buildTemplate(options).xlsx.writeBuffer());
}
