import type { Locale } from '../../addin/src/i18n/locale';
import { schemaOf } from '../../addin/src/ledger/schema';

/** The columns template version 3 added to tables a version-1 ledger has (the field teams' workflow W8, accidents W9), as "table.header". */
export function V3_COLUMNS(locale: Locale): string[] {
  const added: Record<string, readonly string[]> = {
    preshift_meetings: ['roster'],
    installation_sheets: ['load_class'],
    rotation_spot_checks: ['sample_seed', 'sample_rule', 'sample', 'failed_meters', 'status'],
    investigations: ['class3_rate', 'sample_seed', 'sample_rule', 'sample', 'failed_meters', 'status'],
    rotation_orders: ['notice_no', 'team_code', 'work_date', 'preshift_no', 'site_cleaned', 'field_check_no', 'collection_check_no', 'rectified_on', 'rectification_note'],
    batch_installs: ['team_code', 'work_date', 'preshift_no', 'site_cleaned', 'field_check_no', 'collection_check_no', 'rectified_on', 'rectification_note'],
    accident_verbal_reports: ['vendor_code', 'verbal_minutes', 'verbal_late'],
    accident_written_reports: ['due_at', 'written_late', 'hours_late'],
  };
  return Object.entries(added).flatMap(([table, keys]) => keys.map((key) => `${table}.${schemaOf(table).columns.find((c) => c.key === key)!.label[locale]}`));
}
