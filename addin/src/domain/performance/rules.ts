import { RULE_PARAMETERS } from '../../forms/performance';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale';
import type { DomainValue } from '../../ledger/cells';
import type { LedgerRow, TableQuery } from '../../ledger/types';
import { t } from '../../forms/codes';
import { KefuError, localized, type Problem } from '../../core/problems';

/**
 * The performance rules as versioned data (DESIGN principle 9; brief §3.1): the `rules` table holds
 * one row per rule version and parameter, with the version's effective date. A month is assessed
 * under the version in effect on its first day (a version that starts mid-month applies from the
 * next month, so a month is never split). A rules table with any problem is reported and not used.
 *
 * Values are kept exactly: every parameter as an integer number of millionths (80 % → 80 000 000),
 * so thresholds compare in integers and rates stay exact fractions.
 */

export type RuleParameter = (typeof RULE_PARAMETERS)[number]['code'];

/** Parameter values in millionths of the unit the rules table uses (points, days, collectors …). */
export type RuleValues = Readonly<Record<string, number>>;

export interface RuleVersion {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly values: RuleValues;
}

export const MICRO = 1_000_000;

/** The version the template ships, with the recommended defaults of brief §3.1. */
export const DEFAULT_RULE_VERSION = 'PERF-2025.1';
export const DEFAULT_EFFECTIVE_FROM = '2025-01-01';

/** The default rules table rows: one per parameter of the default version, described in `locale`. */
export function defaultRuleRows(locale: Locale = DEFAULT_LOCALE): { rule_version: string; effective_from: string; parameter: string; value: number; note: string }[] {
  return RULE_PARAMETERS.map((p) => ({
    rule_version: DEFAULT_RULE_VERSION,
    effective_from: DEFAULT_EFFECTIVE_FROM,
    parameter: p.code,
    value: p.defaultValue,
    note: p.label[locale],
  }));
}

/** The default version as a RuleVersion (for tests and the demo). */
export function defaultRules(): RuleVersion {
  return {
    version: DEFAULT_RULE_VERSION,
    effectiveFrom: DEFAULT_EFFECTIVE_FROM,
    values: Object.fromEntries(RULE_PARAMETERS.map((p) => [p.code, toMicro(p.defaultValue)!])),
  };
}

export const RULES_QUERY: TableQuery = { columns: ['rule_version', 'effective_from', 'parameter', 'value', 'voided'], rows: 'all' };

/** A number as an integer count of millionths, exactly for decimals of up to 6 places. */
export function toMicro(value: DomainValue | undefined): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const micro = Math.round(value * MICRO);
  return Math.abs(micro / MICRO - value) < 1e-9 * Math.max(1, Math.abs(value)) ? micro : undefined;
}

/** What a parameter may hold: whole numbers (counts, days) or up to 100 points, and the partly factor up to 1. */
function expectation(code: string): { whole: boolean; max: number } {
  if (/_(min|max)$/.test(code) && !code.includes('pct')) return { whole: true, max: 10_000 };
  if (code.endsWith('_days')) return { whole: true, max: 366 };
  if (code === 'complaint_partly_factor') return { whole: false, max: 1 };
  return { whole: false, max: 100 };
}

const ORDERED: readonly (readonly [RuleParameter, RuleParameter])[] = [
  ['wireless_min', 'wireless_max'],
  ['carrier_min', 'carrier_max'],
  ['carrier_qualify_pct', 'carrier_bonus_from_pct'],
  ['carrier_bonus_from_pct', 'carrier_bonus2_from_pct'],
  ['batch_class3_min_pct', 'batch_class3_max_pct'],
];

/** A parameter as messages name it: its label in each locale (`{parameter}` reads it in the user's). */
function label(name: string, code: string): Record<string, string> {
  return localized(name, RULE_PARAMETERS.find((p) => p.code === code)?.label ?? t(code, code, code));
}

/** What a parameter's value must be, in each locale. */
function expectedText(expected: { whole: boolean; max: number }): Record<string, string> {
  return localized(
    'expected',
    expected.whole
      ? t(`0 至 ${expected.max} 的整数`, `0 至 ${expected.max} 的整數`, `a whole number from 0 to ${expected.max}`)
      : t(`0 至 ${expected.max}`, `0 至 ${expected.max}`, `from 0 to ${expected.max}`),
  );
}

/** Reads and checks every version of the rules table. Throws a KefuError naming each problem. */
export function parseRules(rows: readonly LedgerRow[]): RuleVersion[] {
  const problems: Problem[] = [];
  const versions = new Map<string, { dates: Set<string>; values: Record<string, number>; rows: Map<string, number>; firstRow: number }>();
  const known = new Set(RULE_PARAMETERS.map((p) => p.code));
  for (const row of rows) {
    if (row.values.voided === true) continue;
    const at = row.ref.row + 1;
    const version = typeof row.values.rule_version === 'string' ? row.values.rule_version.trim() : '';
    const date = row.values.effective_from;
    const parameter = String(row.values.parameter ?? '');
    const where = (field: string): Pick<Problem, 'form' | 'row' | 'field'> => ({ form: 'rules', row: at, field });
    if (!version) {
      problems.push({ kind: 'required', ...where('rule_version') });
      continue;
    }
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      problems.push({ kind: date ? 'notDate' : 'required', ...where('effective_from'), params: { value: String(date ?? '') } });
      continue;
    }
    if (!known.has(parameter)) {
      problems.push({ kind: parameter ? 'notInList' : 'required', ...where('parameter'), params: { value: parameter } });
      continue;
    }
    let entry = versions.get(version);
    if (!entry) {
      entry = { dates: new Set(), values: {}, rows: new Map(), firstRow: at };
      versions.set(version, entry);
    }
    entry.dates.add(date);
    if (entry.rows.has(parameter)) {
      problems.push({ kind: 'ruleDuplicateParameter', ...where('parameter'), params: { version, ...label('parameter', parameter), other: entry.rows.get(parameter)! } });
      continue;
    }
    entry.rows.set(parameter, at);
    const micro = toMicro(row.values.value);
    const expected = expectation(parameter);
    if (micro === undefined || micro < 0 || micro > expected.max * MICRO || (expected.whole && micro % MICRO !== 0)) {
      problems.push({
        kind: 'ruleBadValue',
        ...where('value'),
        params: { ...label('parameter', parameter), value: String(row.values.value ?? ''), ...expectedText(expected) },
      });
      continue;
    }
    entry.values[parameter] = micro;
  }
  const result: RuleVersion[] = [];
  for (const [version, entry] of versions) {
    if (entry.dates.size > 1) {
      problems.push({ kind: 'ruleEffectiveMismatch', form: 'rules', row: entry.firstRow, field: 'effective_from', params: { version, dates: [...entry.dates].sort().join(', ') } });
      continue;
    }
    for (const code of known) {
      if (!entry.rows.has(code)) problems.push({ kind: 'ruleMissingParameter', form: 'rules', row: entry.firstRow, field: 'parameter', params: { version, ...label('parameter', code) } });
    }
    for (const [low, high] of ORDERED) {
      const a = entry.values[low];
      const b = entry.values[high];
      if (a !== undefined && b !== undefined && a > b) {
        problems.push({
          kind: 'ruleOrder',
          form: 'rules',
          row: entry.rows.get(low),
          field: 'value',
          params: { version, ...label('low', low), lowValue: a / MICRO, ...label('high', high), highValue: b / MICRO },
        });
      }
    }
    if (entry.values.wireless_step_pct === 0) {
      problems.push({
        kind: 'ruleBadValue',
        form: 'rules',
        row: entry.rows.get('wireless_step_pct'),
        field: 'value',
        params: { ...label('parameter', 'wireless_step_pct'), value: 0, ...localized('expected', t('大于 0', '大於 0', 'more than 0')) },
      });
    }
    result.push({ version, effectiveFrom: [...entry.dates][0], values: entry.values });
  }
  const byDate = new Map<string, string>();
  for (const v of result) {
    const other = byDate.get(v.effectiveFrom);
    if (other) problems.push({ kind: 'ruleSameDate', form: 'rules', row: versions.get(v.version)!.firstRow, field: 'effective_from', params: { version: v.version, other, date: v.effectiveFrom } });
    byDate.set(v.effectiveFrom, v.version);
  }
  if (problems.length > 0) throw new KefuError(problems);
  return result.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

/** The version in effect on the first day of `month` ('YYYY-MM'). */
export function rulesForMonth(versions: readonly RuleVersion[], month: string): RuleVersion {
  const first = `${month}-01`;
  const inEffect = versions.filter((v) => v.effectiveFrom <= first);
  if (inEffect.length === 0) {
    throw new KefuError([{ kind: 'rulesNoneForMonth', form: 'rules', params: { month, first: versions[0]?.effectiveFrom ?? '—' } }]);
  }
  return inEffect[inEffect.length - 1];
}
