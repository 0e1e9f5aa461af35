import { CHILD_RULE_WORDS, VISITOR_PARAMETERS, visitorRules } from '../../forms/visitors';
import type { LedgerRow, Snapshot, TableQuery } from '../../ledger/types';
import { LOCALES } from '../../i18n/locale';
import { localized, type Problem } from '../../core/problems';
import { sheetRow } from '../deskSteps';

/**
 * The special-visitor rules (template version 4): the values local regulation sets for the P2
 * procedures, read from the `visitor_rules` table. A parameter missing from the table takes the
 * template's value; a value that cannot be read is a problem naming its row and column, and the
 * template's value applies until it is corrected (a gate must not stop letting seniors in because
 * of a typo in the settings).
 */
export interface VisitorRules {
  /** Vehicles still out after this time of day (HH:MM) are overdue. */
  readonly loanClosingTime: string;
  /** Seniors of at least this age in full years on the visit date enter free (the seed's 70, included). */
  readonly seniorFreeAge: number;
  /** How a child qualifies: by height (up to `childMaxHeightCm`, included) or by age (under `childMaxAge`). */
  readonly childRule: 'height' | 'age';
  readonly childMaxHeightCm: number;
  readonly childMaxAge: number;
  /** The readings a missing-person request needs before it may close (the seed's 不少於三遍). */
  readonly broadcastMinReadings: number;
  /** How many days before the visit every department of a reception plan must be ready. */
  readonly planReadyDays: number;
}

/** What a step reads to know the rules: the whole table (a handful of rows). */
export const VISITOR_RULES_QUERY: TableQuery = { columns: ['parameter', 'value', 'voided'], rows: 'all' };

/** The rules the template starts with. */
export const DEFAULT_VISITOR_RULES: VisitorRules = parse(new Map(VISITOR_PARAMETERS.map((p) => [p.code, typeof p.defaultValue === 'string' ? p.defaultValue : p.defaultValue['en-US']]))).rules;

function parse(values: ReadonlyMap<string, string>, rowOf: (parameter: string) => LedgerRow | undefined = () => undefined): { rules: VisitorRules; problems: Problem[] } {
  const problems: Problem[] = [];
  const fallback = (parameter: string): string => {
    const p = VISITOR_PARAMETERS.find((x) => x.code === parameter)!;
    return typeof p.defaultValue === 'string' ? p.defaultValue : p.defaultValue['en-US'];
  };
  const bad = (parameter: string) => {
    const row = rowOf(parameter);
    problems.push({
      kind: 'visitorRuleInvalid',
      form: visitorRules.key,
      field: 'value',
      ...(row ? { row: sheetRow(row) } : {}),
      params: { value: values.get(parameter) ?? '', ...localized('parameter', VISITOR_PARAMETERS.find((p) => p.code === parameter)!.label) },
    });
  };
  const integer = (parameter: string, min: number, max: number): number => {
    const text = (values.get(parameter) ?? fallback(parameter)).trim();
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    bad(parameter);
    return Number(fallback(parameter));
  };
  const closing = (values.get('loan_closing_time') ?? fallback('loan_closing_time')).trim();
  const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(closing);
  if (!time) bad('loan_closing_time');
  const childText = (values.get('child_rule') ?? fallback('child_rule')).trim().toLowerCase();
  const childRule = (Object.keys(CHILD_RULE_WORDS) as ('height' | 'age')[]).find((rule) => rule === childText || LOCALES.some((l) => CHILD_RULE_WORDS[rule][l].toLowerCase() === childText));
  if (!childRule) bad('child_rule');
  return {
    rules: {
      loanClosingTime: time ? `${time[1].padStart(2, '0')}:${time[2]}` : fallback('loan_closing_time'),
      seniorFreeAge: integer('senior_free_age', 1, 150),
      childRule: childRule ?? 'height',
      childMaxHeightCm: integer('child_max_height_cm', 30, 250),
      childMaxAge: integer('child_max_age', 1, 18),
      broadcastMinReadings: integer('broadcast_min_readings', 1, 20),
      planReadyDays: integer('plan_ready_days', 0, 60),
    },
    problems,
  };
}

/** The rules the ledger's table sets (its live rows; the last row of a parameter wins), with the problems of values that cannot be read. */
export function visitorRulesIn(snapshot: Snapshot): { readonly rules: VisitorRules; readonly problems: readonly Problem[] } {
  const rows = (snapshot.tables[visitorRules.key] ?? []).filter((r) => r.values.voided !== true);
  const values = new Map<string, string>();
  const at = new Map<string, LedgerRow>();
  for (const row of rows) {
    if (typeof row.values.parameter !== 'string' || row.values.value === null || row.values.value === undefined) continue;
    values.set(row.values.parameter, String(row.values.value));
    at.set(row.values.parameter, row);
  }
  return parse(values, (parameter) => at.get(parameter));
}
