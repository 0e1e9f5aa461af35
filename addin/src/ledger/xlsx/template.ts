import ExcelJS from 'exceljs';
import type { Locale } from '../../i18n/locale';
import { FORMS } from '../../forms';
import { columnsOf } from '../../forms/columns';
import { dataDictionary } from '../../forms/dictionary';
import type { CellKind } from '../../forms/columns';
import { NUMBER_FORMATS } from '../cells';
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
} from '../layout';
import { numberingSeries, type TableColumn } from '../schema';
import { chainedAuditRecords } from '../auditChain';
import { columnLetters } from './xlsxLedger';
import { addPrintSheets } from './printSheets';
import { addCrossCheckSheet } from './crossCheck';
import { addOverdueHighlights, seedRows } from './deskTemplate';
import { ruleSeedRows } from './perfTemplate';

/**
 * Builds an empty ledger workbook for a locale from the form declarations: one sheet and one
 * Excel table per form (headers in the locale, list validations for coded columns, number formats,
 * frozen header, widths), the audit log, the data dictionary, and the hidden `_kefu` sheet with
 * the settings, counters and claims tables of the numbering scheme.
 */

/** Validations cover this many rows below each header (Excel wants bounded ranges). */
export const VALIDATED_ROWS = 20_000;

/** Excel's limit for an inline list in a validation (the formula text). */
const INLINE_LIST_LIMIT = 255;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F5F8B' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };

function widthOf(column: TableColumn, locale: Locale): number {
  const label = column.label[locale];
  const cjkWidth = (text: string) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const longest = Math.max(cjkWidth(label), ...(column.codes ?? []).map((c) => cjkWidth(c.label[locale])));
  const byKind: Partial<Record<CellKind, number>> = { date: 12, datetime: 17, money: 12, percent: 10, int: 8 };
  return Math.min(48, Math.max(byKind[column.kind] ?? 14, longest + 4));
}

export interface TemplateOptions {
  readonly locale: Locale;
  /** Local date-time written into the settings as `created_at`. */
  readonly createdAt: string;
  readonly site?: string;
}

/** Adds an Excel table whose body is one blank row (as Excel itself creates an empty table). */
function addTable(
  sheet: ExcelJS.Worksheet,
  name: string,
  topLeft: string,
  columns: readonly TableColumn[],
  locale: Locale,
  rows?: (string | number | null)[][],
): void {
  sheet.addTable({
    name,
    ref: topLeft,
    headerRow: true,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
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
    cell.alignment = { vertical: 'middle', wrapText: true };
  }
}

export function buildTemplate(options: TemplateOptions): ExcelJS.Workbook {
  const { locale } = options;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kefu Ledger';
  workbook.calcProperties.fullCalcOnLoad = true;
  /** Lists too long for an inline validation: a named range each on the hidden `_lists` sheet, added last. */
  const longLists: { name: string; labels: string[] }[] = [];

  for (const form of FORMS) {
    const sheet = workbook.addWorksheet(form.sheet[locale], { views: [{ state: 'frozen', ySplit: 1 }] });
    const columns = columnsOf(form);
    addTable(sheet, form.key, 'A1', columns, locale, seedRows(form, locale) ?? ruleSeedRows(form, locale));
    styleHeader(sheet, 1, 1, columns.length);
    sheet.getRow(1).height = 30;
    columns.forEach((column, i) => {
      const sheetColumn = sheet.getColumn(i + 1);
      sheetColumn.width = widthOf(column, locale);
      if (NUMBER_FORMATS[column.kind] !== 'General') sheetColumn.numFmt = NUMBER_FORMATS[column.kind];
      sheet.getRow(2).getCell(i + 1).numFmt = NUMBER_FORMATS[column.kind];
      const range = `${columnLetters(i + 1)}2:${columnLetters(i + 1)}${VALIDATED_ROWS + 1}`;
      if (column.kind === 'code' || column.kind === 'bool') {
        const labels = (column.codes ?? []).map((c) => c.label[locale]);
        const inline = `"${labels.join(',')}"`;
        let formula = inline;
        if (inline.length > INLINE_LIST_LIMIT || labels.some((l) => l.includes(',') || l.includes('"'))) {
          // Too long for an inline list: a named range on the hidden lists sheet.
          const name = `kefu_list_${form.key}_${column.key}`;
          longLists.push({ name, labels });
          formula = name;
        }
        validations(sheet).add(range, {
          type: 'list',
          allowBlank: true,
          formulae: [formula],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: column.label[locale],
          error: labels.join(locale === 'en-US' ? ', ' : '、'),
        });
      } else if (column.kind === 'int' || column.kind === 'money') {
        const min = column.kind === 'int' ? (column as { field?: { min?: number } }).field?.min : undefined;
        if (min !== undefined) {
          validations(sheet).add(range, { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [min] });
        }
      }
    });
  }

  addOverdueHighlights(workbook, locale, VALIDATED_ROWS);

  const audit = workbook.addWorksheet(AUDIT_SHEET[locale], { views: [{ state: 'frozen', ySplit: 1 }] });
  const [first] = chainedAuditRecords('', [
    { at: options.createdAt, who: 'Kefu Ledger', action: 'template', table: '', record: '', field: 'template_version', oldValue: '', newValue: String(TEMPLATE_VERSION) },
  ]);
  addTable(audit, AUDIT_TABLE, 'A1', AUDIT_COLUMNS, locale, [AUDIT_COLUMNS.map((c) => (first[c.key] === '' ? '' : (first[c.key] as string)))]);
  styleHeader(audit, 1, 1, AUDIT_COLUMNS.length);
  [20, 12, 10, 18, 16, 16, 30, 30, 18].forEach((w, i) => (audit.getColumn(i + 1).width = w));

  const dictionary = workbook.addWorksheet(DICTIONARY_SHEET[locale], { views: [{ state: 'frozen', ySplit: 1 }] });
  const entries = dataDictionary();
  addTable(
    dictionary,
    DICTIONARY_TABLE,
    'A1',
    DICTIONARY_COLUMNS,
    locale,
    entries.map((e) => [
      e.table,
      `${e.form} ${e.formTitle[locale]}`,
      e.column,
      e.labels['zh-CN'],
      e.labels['zh-TW'],
      e.labels['en-US'],
      e.type,
      e.required,
      e.values.map((v) => `${v.code}=${v.labels[locale]}`).join('; '),
    ]),
  );
  styleHeader(dictionary, 1, 1, DICTIONARY_COLUMNS.length);
  [20, 24, 22, 20, 20, 26, 14, 22, 60].forEach((w, i) => (dictionary.getColumn(i + 1).width = w));
  addPrintSheets(workbook, locale);
  addCrossCheckSheet(workbook, { locale, year: Number(options.createdAt.slice(0, 4)) });

  if (longLists.length > 0) {
    const lists = workbook.addWorksheet('_lists', { state: 'hidden' });
    longLists.forEach(({ name, labels }, i) => {
      labels.forEach((label, r) => (lists.getRow(r + 1).getCell(i + 1).value = label));
      workbook.definedNames.add(`'_lists'!$${columnLetters(i + 1)}$1:$${columnLetters(i + 1)}$${labels.length}`, name);
    });
  }

  const meta = workbook.addWorksheet(META_SHEET, { state: 'hidden' });
  addTable(meta, META_TABLE, 'A1', META_COLUMNS, locale, [
    ['template_version', String(TEMPLATE_VERSION)],
    ['locale', locale],
    ['created_at', options.createdAt],
    ['site', options.site ?? ''],
  ]);
  addTable(meta, COUNTERS_TABLE, 'D1', COUNTER_COLUMNS, locale);
  // Claims tables sit side by side from column I, below the rows their read window may cover.
  numberingSeries().forEach((series, i) => {
    const left = 9 + i * (CLAIM_COLUMNS.length + 1);
    addTable(meta, claimsTableName(series), `${columnLetters(left)}${CLAIMS_HEADER_ROW}`, CLAIM_COLUMNS, locale);
  });
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
