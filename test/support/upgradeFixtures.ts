import type { Locale } from '../../addin/src/i18n/locale';
import { schemaOf } from '../../addin/src/ledger/schema';
import { claimsTableName } from '../../addin/src/ledger/layout';

/** The columns template version 3 added to tables a version-1 ledger has (the field teams' workflow W8, accidents W9), as "table.header". */
export function V3_COLUMNS(locale: Locale): string[] {
  return headers(
    {
      preshift_meetings: ['roster'],
      installation_sheets: ['load_class'],
      rotation_spot_checks: ['sample_seed', 'sample_rule', 'sample', 'failed_meters', 'status'],
      investigations: ['class3_rate', 'sample_seed', 'sample_rule', 'sample', 'failed_meters', 'status'],
      rotation_orders: ['notice_no', 'team_code', 'work_date', 'preshift_no', 'site_cleaned', 'field_check_no', 'collection_check_no', 'rectified_on', 'rectification_note'],
      batch_installs: ['team_code', 'work_date', 'preshift_no', 'site_cleaned', 'field_check_no', 'collection_check_no', 'rectified_on', 'rectification_note'],
      accident_verbal_reports: ['vendor_code', 'verbal_minutes', 'verbal_late'],
      accident_written_reports: ['due_at', 'written_late', 'hours_late'],
    },
    locale,
  );
}

/** The columns template version 4 added to tables a version-3 ledger has (the special visitors, W4–W7), as "table.header". */
export function V4_COLUMNS(locale: Locale): string[] {
  return headers(
    {
      loans: ['compensation_reason', 'refund', 'settled_at', 'lost_note'],
      broadcasts: ['last_read_at'],
      reservations: ['served_at', 'served_count', 'closing_note'],
      plan_distributions: ['ready_at'],
      free_entries: ['age_years', 'height_cm', 'result', 'rule_applied'],
      accessibility_checks: ['rectification_note', 'rectified_by'],
    },
    locale,
  );
}

/** The columns template version 5 added (co-authoring: the audit log's operation id), as "table.header". */
export function V5_COLUMNS(locale: Locale): string[] {
  return headers({ audit_log: ['op'] }, locale);
}

/** The columns every version after 1 added to tables a version-1 ledger has. */
export function COLUMNS_SINCE_V1(locale: Locale): string[] {
  return [...V3_COLUMNS(locale), ...V4_COLUMNS(locale), ...V5_COLUMNS(locale)];
}

/** The tables version 4 added: the fleet, the gate counts, the visitor rules, and the claims of the newly numbered free entries, postal log and checklist. */
export const V4_TABLES: readonly string[] = ['vehicles', 'gate_counts', 'visitor_rules', claimsTableName('MP'), claimsTableName('DY'), claimsTableName('WZ')];

function headers(added: Record<string, readonly string[]>, locale: Locale): string[] {
  return Object.entries(added).flatMap(([table, keys]) => keys.map((key) => `${table}.${schemaOf(table).columns.find((c) => c.key === key)!.label[locale]}`));
}
