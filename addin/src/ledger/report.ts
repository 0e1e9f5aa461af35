import { LOCALES } from '../i18n/locale';
import { FORMS } from '../forms';
import { AUDIT_SHEET, DICTIONARY_SHEET, META_SHEET } from './layout';
import type { ReportCell, ReportSheet } from './types';

/**
 * Report sheets: whole sheets written by code (the monthly performance sheet, yearly statistics,
 * print and binding sheets), as one part of a change set. Both backends write them the same way:
 * create the sheet or clear the existing one, then cells, number formats, bold rows, column
 * widths and frozen rows. User text always stays text; formulas come only from `reportFormula`.
 */

export const text = (value: string): ReportCell => ({ text: value });
export const num = (value: number, format?: string): ReportCell => (format ? { number: value, format } : { number: value });

/** A formula built by code (cell references, SUM …). Never pass user text here. */
export function reportFormula(formula: string, format?: string): ReportCell {
  if (!formula.startsWith('=')) throw new Error(`A formula starts with "=": ${formula}`);
  return format ? { formula, format, fromCode: true } : { formula, fromCode: true };
}

/** Sheets that hold the ledger's tables: a report never replaces one of them. */
export function isLedgerSheet(name: string): boolean {
  const wanted = name.toUpperCase();
  const taken = [META_SHEET, '_lists', ...LOCALES.flatMap((l) => [AUDIT_SHEET[l], DICTIONARY_SHEET[l], ...FORMS.map((f) => f.sheet[l])])];
  return taken.some((n) => n.toUpperCase() === wanted);
}

/**
 * The hidden sheet a report is written into before it replaces the sheet of its name (Office.js
 * backend): the name's first 25 characters, "~" and 5 characters of a hash of the whole name,
 * within Excel's 31 characters; the same for every run, so a run finds what a failed one left.
 */
export function reportTempSheetName(name: string): string {
  let hash = 0x811c9dc5;
  for (const ch of name) hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `${Array.from(name).slice(0, 25).join('')}~${hash.toString(36).padStart(7, '0').slice(-5)}`;
}

/** Throws (a programming error) when a report sheet is malformed or would replace a ledger sheet. */
export function checkReportSheet(sheet: ReportSheet): void {
  if (sheet.name.length === 0 || sheet.name.length > 31 || /[:\\/?*[\]]/.test(sheet.name)) {
    throw new Error(`Not a valid sheet name: "${sheet.name}"`);
  }
  if (isLedgerSheet(sheet.name)) throw new Error(`A report cannot replace the ledger sheet "${sheet.name}"`);
  for (const row of sheet.rows) {
    for (const cell of row) {
      if (cell && 'formula' in cell && cell.fromCode !== true) throw new Error('A report formula must come from reportFormula()');
      if (cell && 'number' in cell && !Number.isFinite(cell.number)) throw new Error(`Not a finite number in report "${sheet.name}"`);
    }
  }
}

/** The widest row of a report (the width of its block of cells). */
export function reportWidth(sheet: ReportSheet): number {
  return sheet.rows.reduce((w, row) => Math.max(w, row.length), 0);
}

/** Excel's column width in points for a width in characters (7 px per character + 5 px padding, 0.75 pt/px). */
export function columnWidthPoints(characters: number): number {
  return Math.round(7 * characters + 5) * 0.75;
}

/** Number format of a cell ('General' when it has none). */
export function cellFormat(cell: ReportCell): string {
  return cell && 'format' in cell && cell.format ? cell.format : 'General';
}

/** 1-based column number → letters (1 → A, 27 → AA), for formulas built by code. */
export function columnLetters(index1: number): string {
  let n = index1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
