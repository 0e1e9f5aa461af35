import { FORMS } from '../forms';
import { CALENDAR_SEED, DUE_RULE_SEED } from '../forms/promisedTimes';
import { VISITOR_RULE_SEED } from '../forms/visitors';
import { defaultRuleRows } from '../domain/performance/rules';
import type { Locale, Text } from '../i18n/locale';
import type { DomainValue, RecordValues } from '../ledger/cells';
import type { AuditEntry } from '../ledger/types';
import { AUDIT_TABLE, COUNTERS_TABLE, DICTIONARY_TABLE, META_TABLE, TEMPLATE_VERSION, claimsTableName } from '../ledger/layout';
import { columnForHeader, numberingSeries, schemaOf, type TableColumn } from '../ledger/schema';
import { CROSS_CHECK_SHEET } from '../ledger/templateLayout';

/**
 * Upgrading a ledger made from an earlier template to the current one, in place (issue 10 item 8):
 * what is missing is added — tables (with their sheets), columns, the rows the template starts
 * with (promised times, the working-day calendar, the performance rules' defaults), the audit
 * log's hash chain — and nothing is removed or rewritten: every record, every column and sheet a
 * user added stays. Running it again finds nothing missing. This module decides what is missing
 * (pure); the part-level backend (xlsx/packageUpgrade.ts) and the add-in's Office.js backend
 * (upgrade/officeUpgrade.ts) carry it out.
 */

/** Every table of the current template, in the order the template makes them. */
export function templateTables(): string[] {
  return [...FORMS.map((f) => f.key), AUDIT_TABLE, DICTIONARY_TABLE, META_TABLE, COUNTERS_TABLE, ...numberingSeries().map(claimsTableName)];
}

/**
 * Sheets of ours that hold no data, only formulas over the tables, which a template version
 * changed: an older ledger's copy is replaced by the current template's when upgraded from before
 * that version (the statistics cross-check counts reopened tickets from version 2; the year a
 * user typed into it goes back to the template's).
 */
export const RENEWED_SHEETS: readonly { readonly sheet: Text; readonly since: number }[] = [{ sheet: CROSS_CHECK_SHEET, since: 2 }];

/** The sheets (in the ledger's language) an upgrade from version `from` replaces with the template's. */
export function sheetsToRenew(from: number, locale: Locale): string[] {
  return RENEWED_SHEETS.filter((r) => from < r.since).map((r) => r.sheet[locale]);
}

/** The columns of ours a table lacks (by its header row), in declaration order. */
export function missingColumns(table: string, headers: readonly string[], locale: Locale): TableColumn[] {
  const present = new Set(headers.map((h) => columnForHeader(table, h, locale)?.key));
  return schemaOf(table).columns.filter((c) => !present.has(c.key));
}

/**
 * The rows a new ledger starts with, as records, and the fields that tell one from another: a
 * rule is one parameter of one rule version; a calendar day, its date; a promised time, its rule.
 */
export const SEEDS: Readonly<Record<string, { readonly identity: readonly string[]; rows(locale: Locale): readonly RecordValues[] }>> = {
  due_rules: { identity: ['rule'], rows: (locale) => localizedSeed(DUE_RULE_SEED, locale) },
  work_calendar: { identity: ['date'], rows: (locale) => localizedSeed(CALENDAR_SEED, locale) },
  visitor_rules: { identity: ['parameter'], rows: (locale) => localizedSeed(VISITOR_RULE_SEED, locale) },
  rules: { identity: ['rule_version', 'parameter'], rows: (locale) => defaultRuleRows(locale).map((r) => ({ ...r, voided: false })) },
};

/** Seed rows whose texts (notes, holiday names) are given in every language, in the workbook's. */
function localizedSeed(rows: readonly Readonly<Record<string, string | number | Text>>[], locale: Locale): RecordValues[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'object' ? value[locale] : value])));
}

function identityOf(record: RecordValues, fields: readonly string[]): string {
  return fields
    .map((f) => {
      const v: DomainValue | undefined = record[f];
      return v === null || v === undefined ? '' : String(v);
    })
    .join('\u001f');
}

/** The template's starting rows of `table` that the ledger's rows lack (by their identity), in the workbook's language. */
export function missingSeedRows(table: string, existing: readonly RecordValues[], locale: Locale): RecordValues[] {
  const seed = SEEDS[table];
  if (!seed) return [];
  const present = new Set(existing.map((r) => identityOf(r, seed.identity)));
  return seed.rows(locale).filter((r) => !present.has(identityOf(r, seed.identity)));
}

export interface UpgradeSummary {
  readonly from: number;
  readonly to: number;
  readonly tablesAdded: readonly string[];
  readonly columnsAdded: readonly string[];
  readonly rowsAdded: number;
  readonly auditRowsSealed: number;
}

/** The audit log's row for an upgrade, worded the same by either backend so either tool's upgrade reads the same in the log. */
export function upgradeAuditEntry(summary: UpgradeSummary, at: string, who: string): AuditEntry {
  const { tablesAdded, columnsAdded, rowsAdded } = summary;
  return {
    at,
    who,
    action: 'upgrade',
    table: '',
    record: '',
    field: 'template_version',
    oldValue: String(summary.from),
    newValue: [String(summary.to), ...tablesAdded.map((t) => `+${t}`), ...columnsAdded.map((c) => `+${c}`), rowsAdded ? `+${rowsAdded} rows` : ''].filter(Boolean).join('; '),
  };
}

/** Whether anything was done. */
export function changedAnything(summary: UpgradeSummary): boolean {
  return summary.from !== summary.to || summary.tablesAdded.length > 0 || summary.columnsAdded.length > 0 || summary.rowsAdded > 0 || summary.auditRowsSealed > 0;
}

export { TEMPLATE_VERSION };
