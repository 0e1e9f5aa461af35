import { installationSheets, meterNotices, preshiftMeetings, safetyGear } from '../../forms/fieldWork';
import { batchInstalls, rotationOrders } from '../../forms/performance';
import type { FormDecl } from '../../forms/types';
import type { DomainValue, RecordValues } from '../../ledger/cells';
import type { TableQuery } from '../../ledger/types';
import { KefuError, type Problem } from '../../core/problems';
import { columnsOf } from '../../forms/columns';
import { createdAudit, sheetRow, validated } from '../deskSteps';
import { createNumberedRecord, type CreatedRecord, type Operation, type PreparedRecord } from '../records';
import { daysBetween, namesParam, noticeShortBy, sheetMismatchProblems, sheetMismatches, signatureGaps } from './fieldGuards';

/**
 * Creating the records of the field teams' registers (domain brief §1.3 F15–F18, W8): numbered
 * ones (the pre-shift meeting BQ, the meter-change notice TZ) through createNumberedRecord, and
 * those keyed by a number people type in (the gear no., the issuing system's work-order no.)
 * refusing a number already in the register. What the brief says is recorded, not hidden — a
 * meeting whose signatures differ from its roster, a notice posted too late, an installation sheet
 * that does not match — is written, and the result says so; the workflow's guards refuse it later.
 */

/** Every column of ours of the rows whose `where` equals the value (none is no error for a typed-in key). */
export function rowsWhere(form: FormDecl, where: string, values: readonly string[]): TableQuery {
  return { columns: columnsOf(form).map((c) => c.key), rows: { where, equals: [...new Set(values)] } };
}

export interface CreatedWithNotes extends CreatedRecord {
  /** Rostered workers who did not sign, and signatures of people not on the roster (F15). */
  readonly unsigned?: readonly string[];
  readonly extra?: readonly string[];
  /** Days the notice was posted too late (F17; absent when in time). */
  readonly shortBy?: number;
  /** The mismatch fields an installation sheet records (F18). */
  readonly mismatches?: readonly string[];
  /** What was recorded but will refuse a later step, or is worth a second look: shown by the command line and the pane under the number. */
  readonly warnings?: readonly Problem[];
}

function withNotes(base: Operation<unknown, PreparedRecord, CreatedRecord>, notes: (values: RecordValues) => Partial<CreatedWithNotes>): Operation<unknown, PreparedRecord, CreatedWithNotes> {
  return {
    prepare: (input, context) => base.prepare(input, context),
    request: (prepared, context) => base.request(prepared, context),
    decide(snapshot, prepared, context) {
      const { changes, result } = base.decide(snapshot, prepared, context);
      return { changes, result: { ...result, ...notes(result.values) } };
    },
  };
}

/** F15: the team's pre-shift meeting, BQ-<team>-YYYYMMDD-NN; who did not sign (or signed off the roster) is said, and recorded. */
export const recordPreshiftMeeting = withNotes(createNumberedRecord(preshiftMeetings), (values) => {
  const { unsigned, extra } = signatureGaps(values);
  const no = String(values.meeting_no ?? '');
  const at = { form: preshiftMeetings.key, field: 'crew_signatures' };
  const warnings: Problem[] = [
    ...(unsigned.length > 0 ? [{ ...at, kind: 'crewNotSigned' as const, params: { record: no, meeting: no, ...namesParam(unsigned) } }] : []),
    ...(extra.length > 0 ? [{ ...at, kind: 'crewNotOnRoster' as const, params: { record: no, meeting: no, ...namesParam(extra) } }] : []),
  ];
  return { ...(unsigned.length > 0 ? { unsigned } : {}), ...(extra.length > 0 ? { extra } : {}), ...(warnings.length > 0 ? { warnings } : {}) };
});

/** F17: a meter-change notice, TZ-YYYY-NNNN; one posted less than 15 days ahead is recorded, and the result says by how many days it is short. */
export const recordMeterNotice = withNotes(createNumberedRecord(meterNotices), (values) => {
  const short = noticeShortBy(values);
  if (short === 0) return {};
  const no = String(values.notice_no ?? '');
  const warning: Problem = {
    kind: 'noticeTooLate',
    form: meterNotices.key,
    field: 'posted_on',
    params: {
      record: String(values.order_no ?? '') || no,
      notice: no,
      posted: String(values.posted_on),
      planned: String(values.planned_date),
      days: daysBetween(String(values.posted_on), String(values.planned_date)),
      short,
    },
  };
  return { shortBy: short, warnings: [warning] };
});

interface PreparedKeyed {
  readonly values: Record<string, DomainValue>;
}

/**
 * A record keyed by a number people type in (natural or external numbering): validated, refused
 * when its number is already in the table (naming the row), written with the common fields and one
 * audit entry. `extra` reads and checks what else the record refers to.
 */
export function createKeyedRecord(
  form: FormDecl,
  extra?: {
    reads: (values: RecordValues) => Record<string, TableQuery>;
    check: (values: RecordValues, snapshot: Parameters<Operation<unknown, unknown, unknown>['decide']>[0]) => Problem[];
  },
): Operation<unknown, PreparedKeyed, CreatedWithNotes> {
  return {
    prepare(input) {
      return { values: validated(form, input) };
    },
    request(prepared) {
      const no = String(prepared.values[form.keyField] ?? '');
      return { tables: { [form.key]: rowsWhere(form, form.keyField, [no]), ...extra?.reads(prepared.values) }, writes: [form.key] };
    },
    decide(snapshot, prepared, context) {
      const no = String(prepared.values[form.keyField] ?? '');
      const same = (snapshot.tables[form.key] ?? []).filter((r) => String(r.values[form.keyField] ?? '') === no);
      const problems: Problem[] = [];
      if (same.length > 0) problems.push({ kind: 'duplicateNumber', form: form.key, field: form.keyField, params: { value: no, rows: same.map(sheetRow).join(', ') } });
      problems.push(...(extra?.check(prepared.values, snapshot) ?? []));
      if (problems.length > 0) throw new KefuError(problems);
      const at = context.clock.now();
      const record: Record<string, DomainValue> = { ...prepared.values, created_at: at.slice(0, 16), created_by: context.actor.clerk, voided: false };
      if (form.statuses.length > 0) record.status = form.statuses[0].code;
      if (record.site === undefined && context.actor.site) record.site = context.actor.site;
      return {
        changes: { appends: { [form.key]: [record] }, audit: [createdAudit(form, record, context, at)] },
        result: { number: no, values: record },
      };
    },
  };
}

/** F16: a piece of safety gear in the register (its gear no. once). */
export const registerGear = createKeyedRecord(safetyGear);

/** Rotation and batch-install work orders, by the issuing system's number (finance's CSV imports them too). */
export const registerRotationOrder = createKeyedRecord(rotationOrders);
export const registerBatchInstall = createKeyedRecord(batchInstalls);

/** The work order an installation sheet's kind belongs to. */
export function orderFormOf(workKind: DomainValue): FormDecl {
  return workKind === 'batch_install' ? batchInstalls : rotationOrders;
}

/**
 * F18: an installation sheet by its work-order no. (once); its `parent_order_no`, when given, must
 * be a work order of the matching kind. A name that does not match, a correspondence not
 * achieved, failed workmanship items are recorded as they are; the result names them.
 */
const keyedSheet = createKeyedRecord(installationSheets, {
  reads: (values) => {
    const parent = String(values.parent_order_no ?? '');
    if (parent === '') return {};
    const form = orderFormOf(values.work_kind);
    return { [form.key]: rowsWhere(form, form.keyField, [parent]) };
  },
  check: (values, snapshot) => {
    const parent = String(values.parent_order_no ?? '');
    if (parent === '') return [];
    const form = orderFormOf(values.work_kind);
    const found = (snapshot.tables[form.key] ?? []).some((r) => String(r.values.order_no ?? '') === parent && r.values.voided !== true);
    return found ? [] : [{ kind: 'parentOrderMissing', form: installationSheets.key, field: 'parent_order_no', params: { value: parent, target: form.sheet['en-US'], ...targetNames(form) } }];
  },
});

function targetNames(form: FormDecl): Record<string, string> {
  return { target_zhCN: form.sheet['zh-CN'], target_zhTW: form.sheet['zh-TW'], target_enUS: form.sheet['en-US'] };
}

export const recordInstallationSheet: Operation<unknown, PreparedKeyed, CreatedWithNotes> = {
  ...keyedSheet,
  decide(snapshot, prepared, context) {
    const { changes, result } = keyedSheet.decide(snapshot, prepared, context);
    const mismatches = sheetMismatches({ values: result.values }).map((m) => m.field);
    // Where the sheet landed is not known before it is written: its warnings name the sheet and its order.
    const warnings = sheetMismatchProblems({ ref: { table: installationSheets.key, row: -1 }, values: result.values }).map(({ row: _row, ...p }) => p);
    return { changes, result: mismatches.length > 0 ? { ...result, mismatches, warnings } : result };
  },
};
