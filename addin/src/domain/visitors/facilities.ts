import { t, c } from '../../forms/codes';
import { accessibilityChecks, postalLog } from '../../forms/visitors';
import type { FormDecl } from '../../forms/types';
import type { LedgerRow } from '../../ledger/types';
import { KefuError, type Problem } from '../../core/problems';
import { changeRecord, notBefore, sheetRow, stepOperation, validated, type DeskStep } from '../deskSteps';
import { minutesLate } from '../dueDates';
import { addDays } from '../fieldWork/fieldGuards';
import { createNumberedRecord, type CreatedRecord, type Operation, type PreparedRecord } from '../records';
import type { DueItem, Workflow, WorkflowCheck, WorkflowQueue } from '../workflow';

/**
 * The marketing department's postal log (F14; P2-2.4) and site operations' accessibility
 * checklist (F30; P2-2.1, 3.1.1). Neither form has statuses: a postal item is registered at the
 * counter and shipped when the courier takes it (`ship` fills the courier, tracking number and
 * postage once); an accessibility item is checked one record per facility, and a defect (not
 * usable) stays open — in the to-do queue, overdue after 7 days — until `rectify` records when, how
 * and who confirmed it.
 */

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** A form with only some of its fields (what one step takes), same key: its problems name the form's sheet. */
function only(form: FormDecl, keys: readonly string[]): FormDecl {
  return { ...form, fields: form.fields.filter((f) => keys.includes(f.key)) };
}

/** Fields given at one step, each of `required` refused when empty. */
function stepValues(form: FormDecl, keys: readonly string[], required: readonly string[], fields: Record<string, unknown>) {
  const values = validated(only(form, keys), fields);
  const missing = required.filter((key) => values[key] === undefined || values[key] === null || values[key] === '');
  if (missing.length > 0) throw new KefuError(missing.map((field) => ({ kind: 'required' as const, form: form.key, field })));
  return values;
}

// ————————————————————————————————————————— F14 the postal log

/** F14: an item to mail, DY-YYYY-NNNN (the courier and tracking number may follow at `ship`). */
export const recordPostal = createNumberedRecord(postalLog);

const SHIP_FIELDS = ['courier', 'tracking_no', 'fee'];

/** The courier took the item: courier and tracking number (required), postage; once. */
export const shipPostal: DeskStep = stepOperation({
  form: postalLog,
  action: 'ship',
  fields: SHIP_FIELDS,
  from: 'any',
  linkedInput: (fields) => ({ own: {}, linked: stepValues(postalLog, SHIP_FIELDS, ['courier', 'tracking_no'], fields) }),
  check: (row) => {
    const shipped = str(row.values.tracking_no);
    return shipped === '' ? [] : [{ kind: 'postalShipped', form: postalLog.key, row: sheetRow(row), field: 'tracking_no', params: { record: str(row.values.entry_id), tracking: shipped } }];
  },
  alsoChange: (_snapshot, row, _values, prepared, context, at) => {
    const change = changeRecord(postalLog, row, prepared.linked, context, 'ship', at);
    return { updates: change.update ? [change.update] : [], audit: change.audit };
  },
});

export const postalRegister: Workflow = {
  since: 4,
  word: 'postal',
  form: postalLog,
  number: '<DY-no>',
  create: recordPostal,
  steps: { ship: shipPostal },
  voidable: true,
  help: t(
    '代邮登记（F14）：add {entry_date, visitor, visitor_phone?, items, address, staff, courier?, tracking_no?, fee?} 登记代邮物品；ship {courier, tracking_no, fee?} 快递取件后登记快递公司和单号（只登记一次）；void 作废（须写原因）。',
    '代郵登記（F14）：add {entry_date, visitor, visitor_phone?, items, address, staff, courier?, tracking_no?, fee?} 登記代郵物品；ship {courier, tracking_no, fee?} 快遞取件後登記快遞公司和單號（只登記一次）；void 作廢（須寫原因）。',
    'Postal forwarding log (F14): add {entry_date, visitor, visitor_phone?, items, address, staff, courier?, tracking_no?, fee?} registers an item to mail; ship {courier, tracking_no, fee?} when the courier takes it (once); void with a reason.',
  ),
};

// ————————————————————————————————————————— F30 the accessibility checklist

/** Days a defect may stay open before it is overdue in the queue (T: the seed sets no deadline; a constant, not a rule of the rules table). */
export const RECTIFY_DAYS = 7;

const RECTIFY_FIELDS = ['rectified_on', 'rectification_note', 'rectified_by'];
const checkForm = { ...accessibilityChecks, fields: accessibilityChecks.fields.filter((f) => !RECTIFY_FIELDS.includes(f.key)) };

function usableWithDefect(values: Readonly<Record<string, unknown>>): boolean {
  return values.usable === true && str(values.defect).trim() !== '';
}

const baseCheck = createNumberedRecord(checkForm);

/** F30: one facility checked, WZ-YYYY-NNNN; not usable needs the defect, a usable one takes none (rectification comes later, at `rectify`). */
export const recordAccessibilityCheck: Operation<unknown, PreparedRecord, CreatedRecord> = {
  ...baseCheck,
  prepare(input, context) {
    const prepared = baseCheck.prepare(input, context);
    if (usableWithDefect(prepared.values)) throw new KefuError([{ kind: 'usableWithDefect', form: accessibilityChecks.key, field: 'defect' }]);
    return prepared;
  },
};

/** A defect put right: not before the check, once, on an item found not usable. */
export const rectifyAccessibility: DeskStep = stepOperation({
  form: accessibilityChecks,
  action: 'rectify',
  fields: RECTIFY_FIELDS,
  from: 'any',
  linkedInput: (fields) => ({ own: {}, linked: stepValues(accessibilityChecks, RECTIFY_FIELDS, RECTIFY_FIELDS, fields) }),
  check: (row, _values, _snapshot, prepared) => {
    const record = str(row.values.entry_id);
    if (row.values.usable !== false) return [{ kind: 'nothingToRectify', form: accessibilityChecks.key, row: sheetRow(row), field: 'usable', params: { record } }];
    const done = str(row.values.rectified_on);
    if (done !== '') return [{ kind: 'alreadyRectified', form: accessibilityChecks.key, row: sheetRow(row), field: 'rectified_on', params: { record, date: done } }];
    return notBefore(accessibilityChecks, row, 'rectified_on', prepared.linked.rectified_on, 'check_date', row.values.check_date);
  },
  alsoChange: (_snapshot, row, _values, prepared, context, at) => {
    const change = changeRecord(accessibilityChecks, row, prepared.linked, context, 'rectify', at);
    return { updates: change.update ? [change.update] : [], audit: change.audit };
  },
});

/** What the queue's item of an open defect is called. */
export const ACCESSIBILITY_RULES = [c('accessibility_rectify', '无障碍设施缺陷整改', '無障礙設施缺陷整改', 'Accessibility defect to rectify')];

function openDefect(row: LedgerRow): boolean {
  return row.values.voided !== true && row.values.usable === false && str(row.values.rectified_on) === '';
}

/** Open defects, due at the end of the 7th day after the check. */
export const accessibilityQueue: WorkflowQueue = {
  reads: [accessibilityChecks],
  rules: ACCESSIBILITY_RULES,
  items(snapshot, now) {
    return (snapshot.tables[accessibilityChecks.key] ?? []).filter(openDefect).map((row): DueItem => {
      const due = `${addDays(str(row.values.check_date), RECTIFY_DAYS)} 23:59`;
      const late = minutesLate(due, now);
      return {
        table: accessibilityChecks.key,
        record: str(row.values.entry_id),
        row: sheetRow(row),
        status: '',
        subject: [str(row.values.location), str(row.values.defect)].filter(Boolean).join('：'),
        person: str(row.values.checker_by),
        rule: ACCESSIBILITY_RULES[0].code,
        due,
        field: 'rectified_on',
        overdue: late > 0,
        minutesLate: late,
      };
    });
  },
};

/**
 * Errors of records edited in Excel: a usable item with a defect, a rectification of an item that
 * was usable, one before its check, or one without its note or who confirmed it.
 */
export const accessibilityCheck: WorkflowCheck = {
  reads: [accessibilityChecks],
  problems(snapshot) {
    const errors: Problem[] = [];
    for (const row of snapshot.tables[accessibilityChecks.key] ?? []) {
      const v = row.values;
      if (v.voided === true) continue;
      const at = { form: accessibilityChecks.key, row: sheetRow(row), params: { record: str(v.entry_id) } };
      if (usableWithDefect(v)) errors.push({ ...at, kind: 'usableWithDefect', field: 'defect' });
      if (str(v.rectified_on) === '') continue;
      if (v.usable === true) errors.push({ ...at, kind: 'nothingToRectify', field: 'rectified_on' });
      errors.push(...notBefore(accessibilityChecks, row, 'rectified_on', v.rectified_on, 'check_date', v.check_date));
      for (const field of ['rectification_note', 'rectified_by']) if (str(v[field]).trim() === '') errors.push({ ...at, kind: 'rectificationIncomplete', field });
    }
    return { errors, warnings: [] };
  },
};

export const accessibilityWorkflow: Workflow = {
  since: 4,
  word: 'accessibility',
  form: accessibilityChecks,
  number: '<WZ-no>',
  create: recordAccessibilityCheck,
  creation: [{ form: checkForm, fields: ['check_date', 'item', 'location', 'usable', 'defect', 'checker', 'remarks'] }],
  steps: { rectify: rectifyAccessibility },
  voidable: true,
  queue: accessibilityQueue,
  check: accessibilityCheck,
  help: t(
    '无障碍设施检查表（F30）：add {check_date, item, location, usable, defect（不可用时必填）, checker} 每项设施一条记录（入口/出口残疾人专用通道、景区内外特殊标识、残疾人专用便池、卫生间防滑设施）；不可用的缺陷在待办中，检查后7天未整改即逾期；rectify {rectified_on, rectification_note, rectified_by} 登记整改（不早于检查日期，只登记一次）；void 作废（须写原因）。',
    '無障礙設施檢查表（F30）：add {check_date, item, location, usable, defect（不可用時必填）, checker} 每項設施一筆記錄（入口/出口殘疾人專用通道、景區內外特殊標識、殘疾人專用便池、衛生間防滑設施）；不可用的缺陷在待辦中，檢查後7天未整改即逾期；rectify {rectified_on, rectification_note, rectified_by} 登記整改（不早於檢查日期，只登記一次）；void 作廢（須寫原因）。',
    'Accessibility facilities checklist (F30): add {check_date, item, location, usable, defect (when not usable), checker} records one facility (accessible passages at the entrance and exit, signage inside and outside, accessible toilets, anti-slip facilities); a defect stays in the to-do queue, overdue 7 days after the check; rectify {rectified_on, rectification_note, rectified_by} records its rectification (not before the check, once); void with a reason.',
  ),
};
