import ExcelJS from 'exceljs';
import type { Locale } from '../i18n/locale';
import { columnsOf } from '../forms/columns';
import { CALENDAR_SEED, DUE_RULE_SEED, type SeedRow } from '../forms/promisedTimes';
import { complaints } from '../forms/complaints';
import { reception, repairOrders } from '../forms/receptionRepairs';
import type { FormDecl } from '../forms/types';
import { VISITOR_RULE_SEED } from '../forms/visitors';
import { toCell } from '../ledger/cells';
import { bodyArea } from '../ledger/templateLayout';
import { cellOut, columnLetters } from '../ledger/xlsx/xlsxLedger';

/**
 * What the template adds for the service desk (issue 4): the starting rows of the promised-times
 * table and of the working-day calendar, and the highlighting of overdue rows in the complaint,
 * reception and repair-order sheets (conditional formatting with plain AND/OR/ISNUMBER/NOW
 * formulas, which Excel and LibreOffice both evaluate).
 */

const SEEDS: Readonly<Record<string, readonly SeedRow[]>> = {
  due_rules: DUE_RULE_SEED,
  work_calendar: CALENDAR_SEED,
  visitor_rules: VISITOR_RULE_SEED,
};

/** The starting rows of a form's table in a new workbook, or undefined (one blank row); texts in the workbook's language. */
export function seedRows(form: FormDecl, locale: Locale): (string | number | null)[][] | undefined {
  const seed = SEEDS[form.key];
  if (!seed) return undefined;
  const columns = columnsOf(form);
  const value = (v: SeedRow[string] | undefined) => (v === undefined ? null : typeof v === 'object' ? v[locale] : v);
  return seed.map((record) => columns.map((column) => cellOut(toCell(column, value(record[column.key]), locale)) as string | number | null));
}

/** Which status codes leave a row's due time open, and the column holding the due time. */
const OVERDUE: readonly { form: FormDecl; due: string; open: readonly string[] }[] = [
  { form: complaints, due: 'promised_by', open: ['received', 'dispatched', 'in_handling'] },
  { form: reception, due: 'reply_due', open: ['registered', 'referred'] },
  { form: repairOrders, due: 'due_at', open: ['created', 'signed_by_engineering', 'dispatched', 'in_repair', 'waiting_parts'] },
];

export const OVERDUE_FILL = 'FFFFC7CE';

/** The conditional-formatting formula for row 2 of a form's sheet (relative rows, absolute columns). */
export function overdueFormula(form: FormDecl, due: string, open: readonly string[], locale: Locale): string {
  const columns = columnsOf(form);
  const letter = (key: string) => `$${columnLetters(columns.findIndex((c) => c.key === key) + 1)}2`;
  const status = columns.find((c) => c.key === 'status')!;
  const label = (code: string) => status.codes!.find((c) => c.code === code)!.label[locale];
  const yes = columns.find((c) => c.key === 'voided')!.codes!.find((c) => c.code === 'yes')!.label[locale];
  const states = open.map((code) => `${letter('status')}="${label(code)}"`).join(',');
  return `AND(ISNUMBER(${letter(due)}),${letter(due)}<NOW(),${letter('voided')}<>"${yes}",OR(${states}))`;
}

/** The highlights over each form's table body (`body(form key)`: its first and last row), never below it (templateLayout.ts `bodyArea`). */
export function addOverdueHighlights(workbook: ExcelJS.Workbook, locale: Locale, body: (form: string) => { readonly top: number; readonly bottom: number }): void {
  for (const { form, due, open } of OVERDUE) {
    const sheet = workbook.getWorksheet(form.sheet[locale]);
    if (!sheet) continue;
    const width = columnsOf(form).length;
    sheet.addConditionalFormatting({
      ref: bodyArea(body(form.key), 1, width),
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [overdueFormula(form, due, open, locale)],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: OVERDUE_FILL } }, font: { color: { argb: 'FF9C0006' } } },
        },
      ],
    });
  }
}
