import type { Locale } from '../i18n/locale';
import { columnsOf } from '../forms/columns';
import type { FormDecl } from '../forms/types';
import { defaultRuleRows } from '../domain/performance/rules';
import { toCell } from '../ledger/cells';
import { cellOut } from '../ledger/xlsx/xlsxLedger';

/** The rules table of a new ledger holds the recommended defaults of brief §3.1 as version PERF-2025.1, described in its language. */
export function ruleSeedRows(form: FormDecl, locale: Locale): (string | number | null)[][] | undefined {
  if (form.key !== 'rules') return undefined;
  const columns = columnsOf(form);
  return defaultRuleRows(locale).map((record) =>
    columns.map((column) => cellOut(toCell(column, (record as Record<string, string | number>)[column.key] ?? (column.key === 'voided' ? false : null), locale)) as string | number | null),
  );
}
