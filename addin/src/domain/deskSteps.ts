import type { Locale, Text } from '../i18n/locale';
import { LOCALES } from '../i18n/locale';
import { joinList } from '../i18n/messages';
import { allFields, columnsOf } from '../forms/columns';
import { BOOL_CODES } from '../forms/codes';
import type { CodeDecl, FormDecl } from '../forms/types';
import type { DomainValue, RecordValues } from '../ledger/cells';
import type { AuditEntry, ChangeSet, LedgerRow, RecordUpdate, Snapshot, TableQuery } from '../ledger/types';
import type { Operation, OperationContext } from './records';
import { fieldsForStep, validateInput } from './validate';
import { KefuError, localized, type Problem } from '../core/problems';

/**
 * The machinery every desk step shares (issue 4 items 2, 3, 7): look a record up by its number,
 * guard its status, write only the cells that change, and log each changed field old → new.
 */

export { localized };

function joined(texts: readonly Text[]): Text {
  const out = {} as Record<Locale, string>;
  for (const locale of LOCALES)
    out[locale] = joinList(
      texts.map((t) => t[locale]),
      locale,
    );
  return out;
}

/** What each desk action is called in messages ("cannot be <action>"). */
export const ACTIONS: Readonly<Record<string, Text>> = {
  dispatch: { 'zh-CN': '派发签收', 'zh-TW': '派發簽收', 'en-US': 'dispatched' },
  handle: { 'zh-CN': '登记处理结果', 'zh-TW': '登記處理結果', 'en-US': 'marked as handled' },
  return: { 'zh-CN': '交回客服部', 'zh-TW': '交回客服部', 'en-US': 'returned to Customer Service' },
  visit: { 'zh-CN': '回访', 'zh-TW': '回訪', 'en-US': 'visited' },
  archive: { 'zh-CN': '归档', 'zh-TW': '歸檔', 'en-US': 'archived' },
  void: { 'zh-CN': '作废', 'zh-TW': '作廢', 'en-US': 'voided' },
  reply: { 'zh-CN': '登记答复', 'zh-TW': '登記答復', 'en-US': 'replied to' },
  verify: { 'zh-CN': '登记核实结果', 'zh-TW': '登記核實結果', 'en-US': 'given a verification result' },
  compile: { 'zh-CN': '汇总', 'zh-TW': '匯總', 'en-US': 'compiled' },
  escalate: { 'zh-CN': '呈报或办结', 'zh-TW': '呈報或辦結', 'en-US': 'escalated or closed' },
  sign: { 'zh-CN': '工程部签收', 'zh-TW': '工程部簽收', 'en-US': 'signed for by Engineering' },
  arrive: { 'zh-CN': '登记到场', 'zh-TW': '登記到場', 'en-US': 'marked as arrived' },
  wait_parts: { 'zh-CN': '登记待料', 'zh-TW': '登記待料', 'en-US': 'marked as waiting for parts' },
  complete: { 'zh-CN': '完工验收', 'zh-TW': '完工驗收', 'en-US': 'completed' },
  close: { 'zh-CN': '关闭', 'zh-TW': '關閉', 'en-US': 'closed' },
  notify: { 'zh-CN': '登记告知', 'zh-TW': '登記告知', 'en-US': 'notified' },
  ready: { 'zh-CN': '就绪', 'zh-TW': '就緒', 'en-US': 'made ready' },
  power_off: { 'zh-CN': '验电确认', 'zh-TW': '驗電確認', 'en-US': 'checked for power-off' },
  start: { 'zh-CN': '开工', 'zh-TW': '開工', 'en-US': 'started' },
  inspect: { 'zh-CN': '检查', 'zh-TW': '檢查', 'en-US': 'inspected' },
  report_verbal: { 'zh-CN': '登记口头报告', 'zh-TW': '登記口頭報告', 'en-US': 'given its verbal report' },
  report_written: { 'zh-CN': '登记书面报告', 'zh-TW': '登記書面報告', 'en-US': 'given its written report' },
  investigate: { 'zh-CN': '立案调查', 'zh-TW': '立案調查', 'en-US': 'put under investigation' },
  close_accident: { 'zh-CN': '结案', 'zh-TW': '結案', 'en-US': 'closed' },
  // The reservations and reception plans (W6); `ready` and `close` as above.
  plan: { 'zh-CN': '制定接待计划', 'zh-TW': '制定接待計劃', 'en-US': 'given a reception plan' },
  send: { 'zh-CN': '发送接待计划', 'zh-TW': '發送接待計劃', 'en-US': 'sent to departments' },
  acknowledge: { 'zh-CN': '登记部门签收', 'zh-TW': '登記部門簽收', 'en-US': 'acknowledged' },
  deliver: { 'zh-CN': '送票', 'zh-TW': '送票', 'en-US': 'given its tickets' },
  serve: { 'zh-CN': '登记接待', 'zh-TW': '登記接待', 'en-US': 'marked as served' },
  // Wheelchair and stroller loans (W4): the loan's return check, settlement and loss, the fleet's and the repair slip's steps.
  return_vehicle: { 'zh-CN': '登记归还检查', 'zh-TW': '登記歸還檢查', 'en-US': 'given its return check' },
  settle: { 'zh-CN': '结清押金', 'zh-TW': '結清押金', 'en-US': 'settled' },
  mark_lost: { 'zh-CN': '登记逾期/遗失', 'zh-TW': '登記逾期/遺失', 'en-US': 'marked as overdue or lost' },
  found: { 'zh-CN': '登记找回', 'zh-TW': '登記找回', 'en-US': 'marked as found' },
  receive_slip: { 'zh-CN': '由修理部签收', 'zh-TW': '由修理部簽收', 'en-US': 'received by the repair shop' },
  close_slip: { 'zh-CN': '登记修理结果', 'zh-TW': '登記修理結果', 'en-US': 'given its repair result' },
  // P2: free entry's gate counts, the postal log, the accessibility checklist (W7, F13, F14, F30)
  recount: { 'zh-CN': '更正人数', 'zh-TW': '更正人數', 'en-US': 'recounted' },
  ship: { 'zh-CN': '登记寄出', 'zh-TW': '登記寄出', 'en-US': 'shipped' },
  rectify: { 'zh-CN': '登记整改', 'zh-TW': '登記整改', 'en-US': 'rectified' },
  // P2: the special visitors (W4–W7)
  read: { 'zh-CN': '登记播出', 'zh-TW': '登記播出', 'en-US': 'read out' },
};

/** Reads one or more records of a form by number: every column of ours, only those rows. */
export function lookup(form: FormDecl, numbers: readonly string[]): TableQuery {
  return { columns: columnsOf(form).map((c) => c.key), rows: { where: form.keyField, equals: [...new Set(numbers)] } };
}

/** The record of `form` numbered `no` in the snapshot (the first, if a number was duplicated). */
export function recordIn(snapshot: Snapshot, form: FormDecl, no: string): LedgerRow {
  const row = (snapshot.tables[form.key] ?? []).find((r) => r.values[form.keyField] === no);
  if (!row) throw new KefuError([{ kind: 'recordNotFound', form: form.key, params: { value: no } }]);
  return row;
}

function statusText(form: FormDecl, code: DomainValue): Text {
  const decl = form.statuses.find((s) => s.code === code);
  return decl ? decl.label : { 'zh-CN': String(code ?? ''), 'zh-TW': String(code ?? ''), 'en-US': String(code ?? '') };
}

/** The row as the user counts it (1-based worksheet row). */
export function sheetRow(row: LedgerRow): number {
  return row.ref.row + 1;
}

/** Refuses a step on a void record or one whose status is not among `allowed`. */
export function guardStatus(form: FormDecl, row: LedgerRow, allowed: readonly string[], action: string): void {
  const no = String(row.values[form.keyField]);
  if (row.values.voided === true) {
    throw new KefuError([{ kind: 'recordVoided', form: form.key, row: sheetRow(row), field: 'voided', params: { record: no, reason: String(row.values.void_reason ?? '') } }]);
  }
  const status = String(row.values.status ?? '');
  if (!allowed.includes(status)) throw new KefuError([wrongStatus(form, row, allowed, action)]);
}

export function wrongStatus(form: FormDecl, row: LedgerRow, allowed: readonly string[], action: string): Problem {
  return {
    kind: 'wrongStatus',
    form: form.key,
    row: sheetRow(row),
    field: 'status',
    params: {
      record: String(row.values[form.keyField]),
      ...localized('status', statusText(form, row.values.status)),
      ...localized('action', ACTIONS[action] ?? { 'zh-CN': action, 'zh-TW': action, 'en-US': action }),
      ...localized('allowed', joined(allowed.map((code) => statusText(form, code)))),
    },
  };
}

export function codeText(codes: readonly CodeDecl[], code: DomainValue): Text {
  const decl = codes.find((c) => c.code === code);
  return decl ? decl.label : { 'zh-CN': String(code ?? ''), 'zh-TW': String(code ?? ''), 'en-US': String(code ?? '') };
}

export function joinedCodes(codes: readonly CodeDecl[], list: readonly string[]): Text {
  return joined(list.map((code) => codeText(codes, code)));
}

function labelOf(form: FormDecl, key: string): Text {
  const column = columnsOf(form).find((c) => c.key === key);
  return column ? column.label : { 'zh-CN': key, 'zh-TW': key, 'en-US': key };
}

/** A time that must not come before another of the record (a visit before handling, …). */
export function notBefore(form: FormDecl, row: LedgerRow | undefined, field: string, value: DomainValue, otherField: string, other: DomainValue): Problem[] {
  if (typeof value !== 'string' || typeof other !== 'string' || value === '' || other === '') return [];
  if (value.slice(0, 16) >= other.slice(0, 16)) return [];
  return [
    {
      kind: 'notBefore',
      form: form.key,
      row: row ? sheetRow(row) : undefined,
      field,
      params: { value, otherValue: other, ...localized('other', labelOf(form, otherField)) },
    },
  ];
}

/**
 * The fields of `step` that are required only when another field has some value: checked against
 * the record as it will be (its current values with the new ones), which validateInput cannot see.
 */
export function conditionalRequirements(form: FormDecl, step: string | undefined, merged: RecordValues, given: RecordValues, row?: LedgerRow): Problem[] {
  const problems: Problem[] = [];
  for (const field of allFields(form)) {
    if (field.step !== step || field.system || !field.required || field.required === true) continue;
    const other = merged[field.required.when.field];
    const code = typeof other === 'boolean' ? (other ? 'yes' : 'no') : other;
    if (typeof code !== 'string' || !field.required.when.in.includes(code)) continue;
    const keys = field.type === 'signature' ? [`${field.key}_by`, `${field.key}_at`] : [field.key];
    for (const key of keys) {
      const value = given[key] ?? null;
      if (value === null || value === '') problems.push({ kind: 'requiredWhen', form: form.key, field: key, row: row ? sheetRow(row) : undefined });
    }
  }
  return problems;
}

export function auditText(value: DomainValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? BOOL_CODES[0].code : BOOL_CODES[1].code;
  return Array.isArray(value) ? value.join(',') : String(value);
}

function same(a: DomainValue | undefined, b: DomainValue | undefined): boolean {
  return auditText(a) === auditText(b);
}

/**
 * The update of one record: only the cells whose value changes, and one audit entry per changed
 * field (when, who, table, record, field, old → new).
 */
export function changeRecord(form: FormDecl, row: LedgerRow, values: RecordValues, context: OperationContext, action: string, at: string): { update?: RecordUpdate; audit: AuditEntry[] } {
  const changed: Record<string, DomainValue> = {};
  const audit: AuditEntry[] = [];
  const no = String(row.values[form.keyField] ?? '');
  for (const [key, value] of Object.entries(values)) {
    if (same(row.values[key], value)) continue;
    changed[key] = value;
    audit.push({ at, who: context.actor.clerk, action, table: form.key, record: no, field: key, oldValue: auditText(row.values[key]), newValue: auditText(value) });
  }
  return Object.keys(changed).length > 0 ? { update: { ref: row.ref, values: changed }, audit } : { audit };
}

/** The audit entry of a new record: every field it was created with. */
export function createdAudit(form: FormDecl, record: RecordValues, context: OperationContext, at: string): AuditEntry {
  return {
    at,
    who: context.actor.clerk,
    action: 'create',
    table: form.key,
    record: String(record[form.keyField] ?? ''),
    field: '*',
    oldValue: '',
    newValue: Object.entries(record)
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([key, value]) => `${key}=${auditText(value)}`)
      .join('; '),
  };
}

/** The input as an object of fields (anything else: none). */
export function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The input's values for a form (at a step), or the problems thrown. */
export function validated(form: FormDecl, input: unknown, step?: string): Record<string, DomainValue> {
  const { values, problems } = validateInput(form, input, { step });
  if (problems.length > 0) throw new KefuError(problems);
  return values;
}

// ————————————————————————————————————————— steps on one record

/** A step on one record: `no` is its number, `fields` what the clerk fills in at that step. */
export interface StepInput {
  readonly no: string;
  readonly fields?: unknown;
}

export interface StepResult {
  readonly number: string;
  readonly status: string;
  /** A record the step created (the return-visit form). */
  readonly created?: string;
  readonly reopened?: boolean;
  /** What the step recorded that is worth a second look (a rate above the rule's, a late report): said under the result. */
  readonly warnings?: readonly Problem[];
}

export interface PreparedStep {
  readonly no: string;
  readonly values: Record<string, DomainValue>;
  /** Extra validated values for a linked form (the return visit, the repair-ledger line). */
  readonly linked: Record<string, DomainValue>;
}

interface StepSpec {
  readonly form: FormDecl;
  readonly action: string;
  /** The declared step whose fields the clerk fills in (undefined: none). */
  readonly fieldsStep?: string;
  /** The statuses the step applies in; 'any': whatever the record's status (a register without a workflow). */
  readonly from: readonly string[] | 'any';
  /** The status after the step; absent: the status stays as it is. */
  readonly to?: string;
  /**
   * The status after the step when it depends on what was read (the last department ready):
   * returned by this, or undefined for `to`. `alsoTo` lists what it may return, for the diagram.
   */
  readonly decideTo?: (row: LedgerRow, values: RecordValues, snapshot: Snapshot, prepared: PreparedStep) => string | undefined;
  readonly alsoTo?: readonly string[];
  /** Further checks on the record as it is and the values given (`snapshot`: what else was read, `reads`; `prepared.linked`: values for a linked form). */
  readonly check?: (row: LedgerRow, values: RecordValues, snapshot: Snapshot, prepared: PreparedStep) => Problem[];
  /** Values of the record the step computes from the record and the values given (a flag, a count). */
  readonly derive?: (row: LedgerRow, values: RecordValues) => RecordValues;
  /** Linked forms read with the record (by their own key = this record's number). */
  readonly linkedReads?: readonly FormDecl[];
  /** Further rows read in the same request, chosen from the input (a notice by the number given, a team's gear). */
  readonly reads?: (prepared: PreparedStep) => Readonly<Record<string, TableQuery>>;
  readonly linkedWrites?: readonly string[];
  /** Validates the part of the input meant for a linked form (`no`: the record's number). */
  readonly linkedInput?: (fields: Record<string, unknown>, no: string) => { own: Record<string, unknown>; linked: Record<string, DomainValue> };
  /** The form whose fields the clerk fills in at this step, when they belong to a linked record (default: `form`). */
  readonly fieldsForm?: FormDecl;
  /** Further changes decided with the record (the repair-ledger line kept in step; a linked record the step creates). */
  readonly alsoChange?: (
    snapshot: Snapshot,
    row: LedgerRow,
    values: RecordValues,
    prepared: PreparedStep,
    context: OperationContext,
    at: string,
  ) => { updates: RecordUpdate[]; audit: AuditEntry[]; appends?: Readonly<Record<string, readonly RecordValues[]>>; created?: string };
}

/**
 * What a step asks of the clerk, for the task pane to build its form from the declarations: the
 * record's form, the statuses it applies in, and the fields filled in (of `fieldsForm`).
 */
export interface StepDescription {
  readonly form: FormDecl;
  readonly action: string;
  readonly from: readonly string[];
  /** The status the step leaves the record in; absent: the status stays as it is (a sample drawn, a register's check). */
  readonly to?: string;
  /** Other statuses it may leave the record in instead (a return visit that reopens the ticket). */
  readonly alsoTo?: readonly string[];
  readonly fieldsForm: FormDecl;
  readonly fields: readonly string[];
}

export type DeskStep<P = unknown> = Operation<StepInput, P, StepResult> & { readonly describe: StepDescription };

export function stepOperation(spec: StepSpec & { readonly fields?: readonly string[] }): DeskStep<PreparedStep> {
  const { form } = spec;
  return {
    describe: {
      form,
      action: spec.action,
      from: spec.from === 'any' ? form.statuses.map((c) => c.code) : spec.from,
      ...(spec.to !== undefined ? { to: spec.to } : {}),
      ...(spec.alsoTo ? { alsoTo: spec.alsoTo } : {}),
      fieldsForm: spec.fieldsForm ?? form,
      fields: spec.fields ?? (spec.fieldsStep ? fieldsForStep(form, spec.fieldsStep).map((f) => f.key) : []),
    },
    prepare(input) {
      const no = typeof input?.no === 'string' ? input.no.trim() : '';
      if (no === '') throw new KefuError([{ kind: 'required', form: form.key, field: form.keyField }]);
      const fields = asObject(input.fields ?? {});
      const split = spec.linkedInput ? spec.linkedInput(fields, no) : { own: fields, linked: {} };
      const values = spec.fieldsStep === undefined && Object.keys(split.own).length === 0 ? {} : validated(form, split.own, spec.fieldsStep ?? '\u0000none');
      return { no, values, linked: split.linked };
    },
    request(prepared) {
      const tables: Record<string, ReturnType<typeof lookup>> = { [form.key]: lookup(form, [prepared.no]) };
      for (const linked of spec.linkedReads ?? []) tables[linked.key] = lookup(linked, [prepared.no]);
      Object.assign(tables, spec.reads?.(prepared));
      return { tables, writes: [form.key, ...(spec.linkedWrites ?? [])] };
    },
    decide(snapshot, prepared, context) {
      const row = recordIn(snapshot, form, prepared.no);
      guardStatus(form, row, spec.from === 'any' ? [String(row.values.status ?? '')] : spec.from, spec.action);
      // Guards first (a step that does not apply to this record), then what the step needs.
      const refused = spec.check ? spec.check(row, prepared.values, snapshot, prepared) : [];
      if (refused.length > 0) throw new KefuError(refused);
      // Only the declared step's fields: a step without one (a register's fields given through
      // linkedInput) would otherwise see the creation's conditional fields as missing.
      const missing = spec.fieldsStep === undefined ? [] : conditionalRequirements(form, spec.fieldsStep, { ...row.values, ...prepared.values }, prepared.values, row);
      if (missing.length > 0) throw new KefuError(missing);
      const at = context.clock.now();
      const derived = spec.derive ? spec.derive(row, prepared.values) : {};
      const to = spec.decideTo?.(row, prepared.values, snapshot, prepared) ?? spec.to;
      const own = changeRecord(form, row, to === undefined ? { ...prepared.values, ...derived } : { ...prepared.values, ...derived, status: to }, context, spec.action, at);
      const also = spec.alsoChange ? spec.alsoChange(snapshot, row, prepared.values, prepared, context, at) : { updates: [], audit: [] };
      const changes: ChangeSet = {
        ...(also.appends ? { appends: also.appends } : {}),
        updates: [...(own.update ? [own.update] : []), ...also.updates],
        audit: [...own.audit, ...also.audit],
      };
      const status = to ?? String(row.values.status ?? '');
      return { changes, result: { number: prepared.no, status, ...(also.created ? { created: also.created } : {}) } };
    },
  };
}
