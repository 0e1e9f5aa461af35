import { t } from '../../forms/codes';
import { freeEntries, gateCounts, visitorRules } from '../../forms/visitors';
import type { FieldDecl, FormDecl } from '../../forms/types';
import type { DomainValue } from '../../ledger/cells';
import { periodOf, type SequenceNumbering } from '../../ledger/numbering';
import type { LedgerRow, Snapshot, SnapshotRequest } from '../../ledger/types';
import { KefuError, type Problem } from '../../core/problems';
import { message } from '../../i18n/messages';
import { changeRecord, sheetRow, stepOperation, validated, type DeskStep } from '../deskSteps';
import { createKeyedRecord } from '../fieldWork/registers';
import { createNumberedRecord, type CreatedRecord, type Operation, type PreparedRecord } from '../records';
import { validateInput } from '../validate';
import type { Workflow, WorkflowCheck } from '../workflow';
import { VISITOR_RULES_QUERY, visitorRulesIn, type VisitorRules } from './visitorRules';

/**
 * Free entry for seniors and young children (W7, F13; P2-2.3, 3.1.2) and the gates' free-pass
 * counts it reconciles with. The ticket checker records the category, the document type seen and
 * the date of birth or the age on the document; the check keeps only the age in full years on the
 * visit date (never the date of birth, never a document number) and computes the result from the
 * special-visitor rules (visitorRules.ts): a senior of `senior_free_age` or more (70 included, on
 * the birthday itself) enters free; a child by the rules' height or age. A normal ticket is
 * recorded too. At the day's end each gate's count of free passes is entered (`gate-count`), and
 * `kefu entry reconcile` and `kefu check` compare it with the passes logged.
 */

// ————————————————————————————————————————— the age on the visit date

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * Age in full years (周岁) on `day` of someone born on `birth` (both 'YYYY-MM-DD'): one more year on
 * each birthday, the birthday itself included (70 on the 70th birthday). Someone born on 29
 * February has the birthday on 28 February in a common year: the Civil Code's rule for periods
 * counted in years (民法典 第二百零二条: 没有对应日的，月末日为期间的最后一日) takes the month's last day
 * when the month has no corresponding day, so they are 70 on 28 February, not on 1 March.
 */
export function ageOn(birth: string, day: string): number {
  const [by, bm, bdGiven] = birth.split('-').map(Number);
  const [dy, dm, dd] = day.split('-').map(Number);
  const bd = bm === 2 && bdGiven === 29 && !isLeapYear(dy) ? 28 : bdGiven;
  return dy - by - (dm < bm || (dm === bm && dd < bd) ? 1 : 0);
}

// ————————————————————————————————————————— the check's result

export interface EntryCheck {
  readonly category: 'senior' | 'child';
  /** Age in full years on the visit date, if known (a child checked by height may have none). */
  readonly age?: number;
  readonly heightCm?: number;
}

export interface EntryResult {
  readonly result: 'free_pass' | 'normal_ticket';
  /** The rule checked, as the workbook's language says it ("老人：周岁≥70"). */
  readonly ruleApplied: string;
  readonly seniorAgeOk?: boolean;
  readonly childRuleOk?: boolean;
}

/** The result of a check under the rules (pure): the caller has made sure the age or height the rule needs is there. */
export function entryResult(check: EntryCheck, rules: VisitorRules, locale: Parameters<typeof message>[1]): EntryResult {
  if (check.category === 'senior') {
    const ok = (check.age ?? -1) >= rules.seniorFreeAge;
    return { result: ok ? 'free_pass' : 'normal_ticket', ruleApplied: message('entryRuleSenior', locale, { age: rules.seniorFreeAge }), seniorAgeOk: ok };
  }
  if (rules.childRule === 'height') {
    const ok = (check.heightCm ?? Infinity) <= rules.childMaxHeightCm;
    return { result: ok ? 'free_pass' : 'normal_ticket', ruleApplied: message('entryRuleChildHeight', locale, { height: rules.childMaxHeightCm }), childRuleOk: ok };
  }
  const ok = (check.age ?? Infinity) < rules.childMaxAge;
  return { result: ok ? 'free_pass' : 'normal_ticket', ruleApplied: message('entryRuleChildAge', locale, { age: rules.childMaxAge }), childRuleOk: ok };
}

// ————————————————————————————————————————— recording a check

/** What the result is computed into: never given by the checker. */
const COMPUTED = ['senior_age_ok', 'child_rule_ok'];

/**
 * What the checker gives: the form's creation fields without the computed checks, with the date
 * of birth or the age on the document, which are used and not kept. Same key as the form, so a
 * problem names its sheet.
 */
export const freeEntryCheckForm: FormDecl = {
  ...freeEntries,
  fields: [
    ...freeEntries.fields.filter((f) => !COMPUTED.includes(f.key)),
    {
      key: 'date_of_birth',
      type: 'date',
      label: t('出生日期（不保存）', '出生日期（不保存）', 'Date of birth (not kept)'),
      source: 'T',
      help: t('只用来算出游览当日的周岁，不写入台账', '只用來算出遊覽當日的週歲，不寫入臺賬', 'Used only to compute the age on the visit date; never written to the ledger'),
    },
    { key: 'age_on_document', type: 'int', label: t('证件上的年龄', '證件上的年齡', 'Age on the document'), min: 0, max: 150, source: 'T' },
  ] satisfies FieldDecl[],
};

/** The fields the New record view shows and `kefu entry add` takes, in order. */
export const FREE_ENTRY_INPUT = ['entered_at', 'gate', 'category', 'document_type', 'date_of_birth', 'age_on_document', 'height_cm', 'headcount', 'checker', 'help_given', 'remarks'];

interface PreparedEntry extends PreparedRecord {
  /** The age on the visit date, from the date of birth or the document (the date of birth goes no further). */
  readonly age?: number;
}

export interface FreeEntryResult extends CreatedRecord {
  readonly result: 'free_pass' | 'normal_ticket';
  readonly warnings?: readonly Problem[];
}

const base = createNumberedRecord(freeEntries);

/** W7: a free-entry check, MP-YYYYMMDD-NNNN, its result computed from the rules; only the age is kept. */
export const recordFreeEntry: Operation<unknown, PreparedEntry, FreeEntryResult> = {
  prepare(input, context) {
    const { values, problems } = validateInput(freeEntryCheckForm, input);
    const { date_of_birth: birth, age_on_document: onDocument, ...kept } = values;
    const at = { form: freeEntries.key };
    const day = typeof kept.entered_at === 'string' ? kept.entered_at.slice(0, 10) : '';
    if (typeof birth === 'string' && typeof onDocument === 'number') problems.push({ ...at, kind: 'entryAgeTwice', field: 'age_on_document' });
    if (kept.category === 'senior' && birth === undefined && onDocument === undefined) problems.push({ ...at, kind: 'entryAgeNeeded', field: 'date_of_birth' });
    let age = typeof onDocument === 'number' ? onDocument : undefined;
    if (typeof birth === 'string' && day !== '' && problems.length === 0) {
      if (birth > day) problems.push({ ...at, kind: 'entryBornAfterVisit', field: 'date_of_birth', params: { day } });
      else age = ageOn(birth, day);
      if (age !== undefined && age > 150) problems.push({ ...at, kind: 'outOfRange', field: 'date_of_birth', params: { value: age, min: 0, max: 150 } });
    }
    if (problems.length > 0) throw new KefuError(problems);
    // The number's day is the check's (validated above: the form requires entered_at).
    const period = periodOf(freeEntries.numbering as SequenceNumbering, typeof kept.entered_at === 'string' ? kept.entered_at : context.clock.now());
    return { values: kept, period, ...(age !== undefined ? { age } : {}) };
  },
  request(prepared, context): SnapshotRequest {
    return { ...base.request(prepared, context), tables: { [visitorRules.key]: VISITOR_RULES_QUERY } };
  },
  decide(snapshot, prepared, context) {
    const { rules, problems } = visitorRulesIn(snapshot);
    const category = prepared.values.category === 'child' ? 'child' : 'senior';
    const height = typeof prepared.values.height_cm === 'number' ? prepared.values.height_cm : undefined;
    // What the rule in force needs: a child by height needs the height, by age the age.
    if (category === 'child' && rules.childRule === 'height' && height === undefined) {
      throw new KefuError([{ kind: 'entryHeightNeeded', form: freeEntries.key, field: 'height_cm', params: { height: rules.childMaxHeightCm } }]);
    }
    if (category === 'child' && rules.childRule === 'age' && prepared.age === undefined) {
      throw new KefuError([{ kind: 'entryAgeNeeded', form: freeEntries.key, field: 'date_of_birth' }]);
    }
    const outcome = entryResult({ category, age: prepared.age, heightCm: height }, rules, snapshot.locale);
    const computed: Record<string, DomainValue> = {
      age_years: prepared.age ?? null,
      result: outcome.result,
      rule_applied: outcome.ruleApplied,
      ...(outcome.seniorAgeOk !== undefined ? { senior_age_ok: outcome.seniorAgeOk } : {}),
      ...(outcome.childRuleOk !== undefined ? { child_rule_ok: outcome.childRuleOk } : {}),
    };
    const { changes, result } = base.decide(snapshot, { ...prepared, values: { ...prepared.values, ...computed } }, context);
    return { changes, result: { ...result, result: outcome.result, ...(problems.length > 0 ? { warnings: problems } : {}) } };
  },
};

// ————————————————————————————————————————— the gates' counts

/** A gate's count of a day, `<date>-<gate>`: once (a wrong count is corrected by `recount`). */
const keyedCount = createKeyedRecord(gateCounts);

export const registerGateCount: Operation<unknown, { readonly values: Record<string, DomainValue> }, CreatedRecord> = {
  ...keyedCount,
  prepare(input, context) {
    const { values } = keyedCount.prepare(input, context);
    const gate = String(values.gate ?? '').trim();
    return { values: { ...values, gate, count_id: `${String(values.count_date)}-${gate}` } };
  },
};

const RECOUNT_FIELDS = ['free_headcount', 'counted_by'];
const recountForm: FormDecl = { ...gateCounts, fields: gateCounts.fields.filter((f) => RECOUNT_FIELDS.includes(f.key)) };

/** A gate's count corrected (the turnstile's figure read again), signed, old → new in the audit log. */
export const recountGate: DeskStep = stepOperation({
  form: gateCounts,
  action: 'recount',
  fields: RECOUNT_FIELDS,
  from: 'any',
  linkedInput: (fields) => ({ own: {}, linked: validated(recountForm, fields) }),
  alsoChange: (_snapshot, row, _values, prepared, context, at) => {
    const change = changeRecord(gateCounts, row, prepared.linked, context, 'recount', at);
    return { updates: change.update ? [change.update] : [], audit: change.audit };
  },
});

// ————————————————————————————————————————— reconciling a day

export interface GateReconciliation {
  readonly gate: string;
  /** Free passes logged: the headcounts of the day's free-pass records at the gate. */
  readonly logged: number;
  /** The gate's own count (null: none entered). */
  readonly counted: number | null;
  readonly matches: boolean;
  /** The count's sheet row, if any. */
  readonly row?: number;
}

/** What reconciling reads: the free-entry log's few columns and the gates' counts (whole: a report, not a step). */
export const RECONCILE_REQUEST: SnapshotRequest = {
  tables: {
    [freeEntries.key]: { columns: ['entry_id', 'entered_at', 'gate', 'headcount', 'result', 'voided'], rows: 'all' },
    [gateCounts.key]: { columns: ['count_id', 'count_date', 'gate', 'free_headcount', 'voided'], rows: 'all' },
  },
};

function live(snapshot: Snapshot, form: FormDecl): readonly LedgerRow[] {
  return (snapshot.tables[form.key] ?? []).filter((r) => r.values.voided !== true);
}

/** Free passes logged per day and gate ('YYYY-MM-DD\u0000gate' → headcount). */
function loggedByDayGate(snapshot: Snapshot): Map<string, number> {
  const logged = new Map<string, number>();
  for (const row of live(snapshot, freeEntries)) {
    if (row.values.result !== 'free_pass') continue;
    const key = `${String(row.values.entered_at ?? '').slice(0, 10)}\u0000${String(row.values.gate ?? '').trim()}`;
    logged.set(key, (logged.get(key) ?? 0) + (typeof row.values.headcount === 'number' ? row.values.headcount : 0));
  }
  return logged;
}

/** Every gate of a day (logged or counted), its free passes logged against its count, by gate. */
export function reconcileDay(snapshot: Snapshot, day: string, logged: Map<string, number> = loggedByDayGate(snapshot)): GateReconciliation[] {
  const counts = new Map<string, { counted: number; row: number }>();
  for (const row of live(snapshot, gateCounts)) {
    if (row.values.count_date !== day) continue;
    const gate = String(row.values.gate ?? '').trim();
    const counted = typeof row.values.free_headcount === 'number' ? row.values.free_headcount : 0;
    counts.set(gate, { counted: (counts.get(gate)?.counted ?? 0) + counted, row: sheetRow(row) });
  }
  const gates = new Set([...counts.keys()]);
  for (const key of logged.keys()) if (key.startsWith(`${day}\u0000`)) gates.add(key.slice(day.length + 1));
  return [...gates]
    .sort((a, b) => a.localeCompare(b))
    .map((gate) => {
      const n = logged.get(`${day}\u0000${gate}`) ?? 0;
      const count = counts.get(gate);
      return { gate, logged: n, counted: count?.counted ?? null, matches: count?.counted === n, ...(count ? { row: count.row } : {}) };
    });
}

/** A gate that does not reconcile, named with both figures. */
export function notReconciled(day: string, line: GateReconciliation): Problem {
  return {
    kind: line.counted === null ? 'gateNotCounted' : 'gateNotReconciled',
    form: gateCounts.key,
    field: 'free_headcount',
    ...(line.row !== undefined ? { row: line.row } : {}),
    params: { record: `${day}-${line.gate}`, day, gate: line.gate, logged: line.logged, counted: line.counted ?? 0 },
  };
}

// ————————————————————————————————————————— kefu check

/**
 * Errors: a free-entry record whose result contradicts its own check (a free pass whose age or
 * child check says no, or the reverse: edited in Excel). Warnings: a day that does not reconcile —
 * a gate's count different from the passes logged, or a past day's free passes with no count.
 */
export const entryCheck: WorkflowCheck = {
  reads: [freeEntries, gateCounts],
  problems(snapshot, now) {
    const errors: Problem[] = [];
    for (const row of live(snapshot, freeEntries)) {
      const v = row.values;
      const ok = v.category === 'child' ? v.child_rule_ok : v.senior_age_ok;
      if ((v.result === 'free_pass' && ok !== true) || (v.result === 'normal_ticket' && ok === true)) {
        errors.push({ kind: 'freeEntryInconsistent', form: freeEntries.key, field: 'result', row: sheetRow(row), params: { record: String(v.entry_id ?? '') } });
      }
    }
    const today = now.slice(0, 10);
    const logged = loggedByDayGate(snapshot);
    const days = new Set<string>([...live(snapshot, gateCounts).map((r) => String(r.values.count_date ?? '')), ...[...logged.keys()].map((k) => k.slice(0, 10)).filter((d) => d < today)]);
    const warnings = [...days]
      .filter(Boolean)
      .sort()
      .flatMap((day) =>
        reconcileDay(snapshot, day, logged)
          .filter((line) => !line.matches && (line.counted !== null || day < today))
          .map((line) => notReconciled(day, line)),
      );
    return { errors, warnings };
  },
};

// ————————————————————————————————————————— the workflows

export const entryWorkflow: Workflow = {
  since: 4,
  word: 'entry',
  form: freeEntries,
  number: '<MP-no>',
  create: recordFreeEntry,
  creation: [{ form: freeEntryCheckForm, fields: FREE_ENTRY_INPUT }],
  steps: {},
  voidable: true,
  help: t(
    '免票放行登记（F13，W7）：add 登记一次检票 {entered_at, gate, category, document_type（老人必填）, date_of_birth 或 age_on_document, height_cm（幼儿按身高）, headcount, checker, help_given}，按特殊游客服务参数算出周岁和结果（70周岁含生日当天；2月29日出生者平年按2月28日过生日），只保存周岁，不保存出生日期和证件号码；购票入园也照样登记；void 作废（须写原因）。kefu entry reconcile 核对一天各检票口的免票人数。',
    '免票放行登記（F13，W7）：add 登記一次檢票 {entered_at, gate, category, document_type（老人必填）, date_of_birth 或 age_on_document, height_cm（幼兒按身高）, headcount, checker, help_given}，按特殊遊客服務參數算出週歲和結果（70週歲含生日當天；2月29日出生者平年按2月28日過生日），只保存週歲，不保存出生日期和證件號碼；購票入園也照樣登記；void 作廢（須寫原因）。kefu entry reconcile 核對一天各檢票口的免票人數。',
    "Free-entry log (F13, W7): add records a check {entered_at, gate, category, document_type (seniors), date_of_birth or age_on_document, height_cm (a child by height), headcount, checker, help_given}; the age in full years and the result come from the special-visitor rules (70 on the birthday itself; someone born on 29 February has the birthday on 28 February in a common year); only the age is kept, never the date of birth or a document number; a normal ticket is recorded too; void with a reason. kefu entry reconcile compares a day's free passes with each gate's count.",
  ),
  check: entryCheck,
};

export const gateCountRegister: Workflow = {
  since: 4,
  word: 'gate-count',
  form: gateCounts,
  number: '<YYYY-MM-DD-gate>',
  create: registerGateCount,
  steps: { recount: recountGate },
  voidable: true,
  help: t(
    '检票口免票人数：add {count_date, gate, free_headcount, counted_by} 登记一个检票口一天的免票人数（每天每个检票口一次，记录号为“日期-检票口”）；recount {free_headcount, counted_by} 更正；void 作废（须写原因）。',
    '檢票口免票人數：add {count_date, gate, free_headcount, counted_by} 登記一個檢票口一天的免票人數（每天每個檢票口一次，記錄號為「日期-檢票口」）；recount {free_headcount, counted_by} 更正；void 作廢（須寫原因）。',
    'Gate free-pass counts: add {count_date, gate, free_headcount, counted_by} enters a gate\'s count of a day (once a day per gate; its id is "date-gate"); recount {free_headcount, counted_by} corrects it; void with a reason.',
  ),
};
