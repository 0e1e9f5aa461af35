import type { Locale } from '../../i18n/locale';
import { columnForHeader } from '../schema';
import { columnValidation, type ColumnValidation } from '../templateLayout';

/**
 * The template's validations through Office.js: set on a range (the add-in's Upgrade workbook,
 * upgrade/officeUpgrade.ts), and on the rows an append writes below a table (officeLedger.ts).
 * The template keeps them on each table's body, never below it (templateLayout.ts `bodyArea`), and
 * no Excel documentation promises that a table carries a validation onto the rows it gains, so the
 * rows appended get theirs in the same request as their values.
 */

/**
 * A validation of the template, set on `range` (cleared first: Excel refuses a rule over another,
 * and may have carried one onto new rows). `ignoreBlanks` is set unless `newRule` says the range
 * had none before the clear, where Excel's default (blanks ignored) stands.
 */
export function setValidation(range: Excel.Range, validation: ColumnValidation, newRule = false): void {
  range.dataValidation.clear();
  if (validation.kind === 'list') {
    range.dataValidation.rule = { list: { inCellDropDown: true, source: validation.listName ? `=${validation.listName}` : validation.labels.join(',') } };
    range.dataValidation.errorAlert = { showAlert: true, style: 'Warning', title: validation.title, message: validation.message };
  } else {
    range.dataValidation.rule = { wholeNumber: { formula1: validation.min, operator: 'GreaterThanOrEqualTo' } };
    // The template's whole-number checks show no alert (the file's default), unlike a rule Excel makes.
    range.dataValidation.errorAlert = { showAlert: false, style: 'Stop', title: '', message: '' };
  }
  if (!newRule) range.dataValidation.ignoreBlanks = true;
}

/** The validations of `table`'s columns (by the headers read) on `count` rows written from `target`'s first row. */
export function validateRows(target: Excel.Range, table: string, headers: readonly string[], count: number, locale: Locale): void {
  headers.forEach((header, i) => {
    const column = columnForHeader(table, header, locale);
    const validation = column && columnValidation(table, column, locale);
    if (validation) setValidation(target.getCell(0, i).getResizedRange(count - 1, 0), validation, true);
  });
}
