import { installationSheets, meterNotices, powerOffChecks, preshiftMeetings, safetyGear } from '../../forms/fieldWork';
import { batchInstalls, rotationOrders, workers } from '../../forms/performance';
import { t } from '../../forms/codes';
import type { FormDecl } from '../../forms/types';
import type { DomainValue, RecordValues } from '../../ledger/cells';
import type { LedgerRow, Snapshot } from '../../ledger/types';
import { KefuError, type Problem } from '../../core/problems';
import { changeRecord, createdAudit, notBefore, sheetRow, stepOperation, validated, type DeskStep } from '../deskSteps';
import { validateInput } from '../validate';
import type { Workflow } from '../workflow';
import { meetingOf, noticeProblems, powerOffUnsafe, readyProblems, sheetGaps, siteProblems } from './fieldGuards';
import { batchCheck, batchQueue, gearCheck, gearQueue, installationCheck, rotationCheck, rotationQueue } from './fieldQueue';
import { recordInstallationSheet, recordMeterNotice, recordPreshiftMeeting, registerBatchInstall, registerGear, registerRotationOrder, rowsWhere } from './registers';

/**
 * The W8 work order from plan to completion (domain brief §2 W8; P3-4.1–4.3.1), for rotations and
 * batch installs, each step a stepOperation: one request reads the order by number and what its
 * guards need (by key, or the few rows sharing a value: the team's meetings and gear, the order's
 * installation sheets), one change set writes it. The field-check steps that follow `complete`
 * (sample, check, sign, verify-collection, rectify, assess, close) are another module's.
 */

// ————————————————————————————————————————— notify (rotation)

/** Notified: the meter-change notice (F17) posted ≥ 15 days before the planned date, community told, users marked. */
export const notifyRotation = stepOperation({
  form: rotationOrders,
  action: 'notify',
  fieldsStep: 'notified',
  from: ['planned'],
  to: 'notified',
  reads: (prepared) => {
    const notice = String(prepared.values.notice_no ?? '');
    return notice === '' ? {} : { [meterNotices.key]: rowsWhere(meterNotices, 'notice_no', [notice]) };
  },
  check: (row, values, snapshot) => {
    const no = String(row.values.order_no);
    const noticeNo = String(values.notice_no ?? '');
    const notice = (snapshot.tables[meterNotices.key] ?? []).find((r) => r.values.notice_no === noticeNo);
    return noticeProblems(rotationOrders, no, row, noticeNo, notice);
  },
});

// ————————————————————————————————————————— ready

/** What the Ready step reads besides the order: the team's meetings, the workers, the team's gear. */
function readyReads(prepared: { values: RecordValues }) {
  const team = String(prepared.values.team_code ?? '');
  if (team === '') return {};
  return {
    // A team has one meeting a day: its meetings are few enough to read by team (see the report on a second column).
    [preshiftMeetings.key]: rowsWhere(preshiftMeetings, 'team_code', [team]),
    [safetyGear.key]: rowsWhere(safetyGear, 'holder', [team]),
    // The workers register is small (the performance computation reads it whole too).
    [workers.key]: { columns: ['worker_id', 'name', 'voided'], rows: 'all' as const },
  };
}

function readyCheck(order: FormDecl) {
  return (row: LedgerRow, values: RecordValues, snapshot: Snapshot): Problem[] =>
    readyProblems(order, row, values, {
      meetings: snapshot.tables[preshiftMeetings.key] ?? [],
      gear: snapshot.tables[safetyGear.key] ?? [],
      workers: snapshot.tables[workers.key] ?? [],
    });
}

function readyStep(order: FormDecl, from: readonly string[]): DeskStep {
  return stepOperation({
    form: order,
    action: 'ready',
    fieldsStep: 'ready',
    from,
    to: 'ready',
    reads: readyReads,
    check: readyCheck(order),
    alsoChange: (snapshot, row, values, _prepared, context, at) => {
      // The meeting found is written to the order (a system field, so through the order's own change).
      const meeting = meetingOf(snapshot.tables[preshiftMeetings.key] ?? [], String(values.team_code ?? ''), String(values.work_date ?? ''))!;
      const change = changeRecord(order, row, { preshift_no: meeting.values.meeting_no ?? null }, context, 'ready', at);
      return { updates: change.update ? [change.update] : [], audit: change.audit };
    },
  });
}

/** Ready: the team's pre-shift meeting of the work date, signed by every rostered worker, the order's crew on the roster, PPE checked, no expired gear. */
export const rotationReady = readyStep(rotationOrders, ['notified']);
export const batchReady = readyStep(batchInstalls, ['planned']);

// ————————————————————————————————————————— power-off (batch)

/** The power-off check's fields given at the batch install's step (F19: where, the two checks, who and when). */
const POWER_OFF_FIELDS = ['location', 'no_voltage', 'visible_break', 'checked'] as const;

function powerOffValues(fields: Record<string, unknown>): { own: Record<string, unknown>; linked: Record<string, DomainValue> } {
  const given = Object.fromEntries(Object.entries(fields).filter(([key]) => POWER_OFF_FIELDS.some((f) => key === f || key.startsWith(`${f}_`))));
  const own = Object.fromEntries(Object.entries(fields).filter(([key]) => !(key in given)));
  const { values, problems } = validateInput(powerOffChecks, { ...given, order_no: 'x' });
  if (problems.length > 0) throw new KefuError(problems);
  const { order_no: _ignored, ...linked } = values;
  return { own, linked };
}

/** PowerOffVerified: the F19 record `<order>-YD<n>`, with no voltage confirmed and a reliable visible break point (P3-4.1.5). */
export const batchPowerOff = stepOperation({
  form: batchInstalls,
  action: 'power_off',
  fields: [...POWER_OFF_FIELDS],
  from: ['ready'],
  to: 'power_off_verified',
  linkedInput: powerOffValues,
  reads: (prepared) => ({ [powerOffChecks.key]: rowsWhere(powerOffChecks, 'order_no', [prepared.no]) }),
  linkedWrites: [powerOffChecks.key],
  alsoChange: (snapshot, row, _values, prepared, context, at) => {
    // Both checks confirmed before a meter is installed; otherwise nothing is written.
    const no = String(row.values.order_no);
    const unsafe = powerOffUnsafe(prepared.linked);
    if (unsafe.length > 0) throw new KefuError(unsafe.map((field) => ({ kind: 'powerOffNotSafe' as const, form: powerOffChecks.key, field, params: { record: no } })));
    const n = (snapshot.tables[powerOffChecks.key] ?? []).filter((r) => String(r.values.order_no ?? '') === no).length + 1;
    const entry: Record<string, DomainValue> = {
      entry_id: `${no}-YD${n}`,
      order_no: no,
      ...prepared.linked,
      created_at: at.slice(0, 16),
      created_by: context.actor.clerk,
      voided: false,
      site: context.actor.site ?? null,
    };
    return { updates: [], audit: [createdAudit(powerOffChecks, entry, context, at)], appends: { [powerOffChecks.key]: [entry] }, created: String(entry.entry_id) };
  },
});

// ————————————————————————————————————————— start, complete

export const rotationStart = stepOperation({ form: rotationOrders, action: 'start', from: ['ready'], to: 'in_progress' });
export const batchStart = stepOperation({ form: batchInstalls, action: 'start', from: ['power_off_verified'], to: 'in_progress' });

function completeStep(order: FormDecl): DeskStep {
  return stepOperation({
    form: order,
    action: 'complete',
    fieldsStep: 'completed',
    from: ['in_progress'],
    to: 'completed',
    reads: (prepared) => ({ [installationSheets.key]: rowsWhere(installationSheets, 'parent_order_no', [prepared.no]) }),
    check: (row, values, snapshot) => {
      const no = String(row.values.order_no);
      const problems: Problem[] = siteProblems(order, row, values);
      const kind = order === batchInstalls ? 'batch_install' : 'rotation';
      const sheets = (snapshot.tables[installationSheets.key] ?? []).filter((s) => s.values.voided !== true && String(s.values.parent_order_no ?? '') === no);
      if (sheets.length === 0) problems.push({ kind: 'noInstallationSheets', form: order.key, row: sheetRow(row), params: { record: no } });
      for (const sheet of sheets) {
        if (sheet.values.work_kind !== kind)
          problems.push({ kind: 'sheetWrongKind', form: installationSheets.key, row: sheetRow(sheet), field: 'work_kind', params: { record: no, sheet: String(sheet.values.work_order_no) } });
        problems.push(...sheetGaps(sheet));
      }
      problems.push(...notBefore(order, row, 'done_date', values.done_date, 'work_date', row.values.work_date));
      return problems;
    },
  });
}

/** Completed: the site cleaned (P3-4.3.1), the order's installation sheets recorded with what their kind requires, done not before the work date. */
export const rotationComplete = completeStep(rotationOrders);
export const batchComplete = completeStep(batchInstalls);

// ————————————————————————————————————————— the in-house crew's check of a meeting

const INSPECTION_FIELDS = ['inspection_kind', 'inspector', 'inspection_result'];
const inspectionForm: FormDecl = { ...preshiftMeetings, fields: preshiftMeetings.fields.filter((f) => INSPECTION_FIELDS.includes(f.key)) };

/** The install/removal crew (裝拆班) checks or spot-checks a meeting's page, at any time (W8; P3-4.1.1). */
export const inspectPreshift: DeskStep = stepOperation({
  form: preshiftMeetings,
  action: 'inspect',
  fields: INSPECTION_FIELDS,
  from: 'any',
  linkedInput: (fields) => {
    const values = validated(inspectionForm, fields);
    if (values.inspection_kind === undefined) throw new KefuError([{ kind: 'required', form: preshiftMeetings.key, field: 'inspection_kind' }]);
    return { own: {}, linked: values };
  },
  alsoChange: (_snapshot, row, _values, prepared, context, at) => {
    const change = changeRecord(preshiftMeetings, row, prepared.linked, context, 'inspect', at);
    return { updates: change.update ? [change.update] : [], audit: change.audit };
  },
});

// ————————————————————————————————————————— void

export interface VoidInput {
  readonly no: string;
  readonly reason: string;
}

// ————————————————————————————————————————— the workflows

export const rotationWorkflow: Workflow = {
  // Template version 3 brought the columns these read (the order's W8 columns, the roster, load classes).
  since: 3,
  word: 'rotation',
  form: rotationOrders,
  number: '<order-no>',
  create: registerRotationOrder,
  steps: { notify: notifyRotation, ready: rotationReady, start: rotationStart, complete: rotationComplete },
  voidable: true,
  help: t(
    '表计轮换工单（W8）：add 登记工单；notify {notice_no} 张贴调表通知单（至少提前15天）；ready {team_code, work_date} 当天班前会全员签字、无过期工器具；start 开工；complete {done_date, site_cleaned} 完工并清扫现场；void 作废（须写原因）。',
    '表計輪換工單（W8）：add 登記工單；notify {notice_no} 張貼調表通知單（至少提前15天）；ready {team_code, work_date} 當天班前會全員簽字、無過期工器具；start 開工；complete {done_date, site_cleaned} 完工並清掃現場；void 作廢（須寫原因）。',
    "Meter rotation work order (W8): add registers it; notify {notice_no} the meter-change notice (posted at least 15 days ahead); ready {team_code, work_date} the day's pre-shift meeting signed by all, no expired gear; start; complete {done_date, site_cleaned} with the site cleaned; void with a reason.",
  ),
  queue: rotationQueue,
  check: rotationCheck,
};

export const batchWorkflow: Workflow = {
  // Template version 3 brought the columns these read (the order's W8 columns, the roster, load classes).
  since: 3,
  word: 'batch',
  form: batchInstalls,
  number: '<order-no>',
  create: registerBatchInstall,
  steps: { ready: batchReady, 'power-off': batchPowerOff, start: batchStart, complete: batchComplete },
  voidable: true,
  help: t(
    '批量装表工单（W8）：add 登记工单；ready {team_code, work_date} 当天班前会全员签字、无过期工器具；power-off {location, no_voltage, visible_break, checked} 验电确认（确认无电且有可靠明显的断开点）；start 开工；complete {done_date, site_cleaned} 完工并清扫现场；void 作废（须写原因）。',
    '批量裝表工單（W8）：add 登記工單；ready {team_code, work_date} 當天班前會全員簽字、無過期工器具；power-off {location, no_voltage, visible_break, checked} 驗電確認（確認無電且有可靠明顯的斷開點）；start 開工；complete {done_date, site_cleaned} 完工並清掃現場；void 作廢（須寫原因）。',
    "Batch install work order (W8): add registers it; ready {team_code, work_date} the day's pre-shift meeting signed by all, no expired gear; power-off {location, no_voltage, visible_break, checked} no voltage and a reliable visible break point; start; complete {done_date, site_cleaned} with the site cleaned; void with a reason.",
  ),
  queue: batchQueue,
  check: batchCheck,
};

export const preshiftWorkflow: Workflow = {
  // Template version 3 brought the columns these read (the order's W8 columns, the roster, load classes).
  since: 3,
  word: 'preshift',
  form: preshiftMeetings,
  number: '<BQ-no>',
  create: recordPreshiftMeeting,
  steps: { inspect: inspectPreshift },
  voidable: true,
  help: t(
    '班前会台账（F15）：add 登记当天班前会（施工人员名单与全员签字以“、”分隔，须一致）；inspect {inspection_kind, inspector, inspection_result} 装拆班随时检查或抽查；void 作废（须写原因）。',
    '班前會臺賬（F15）：add 登記當天班前會（施工人員名單與全員簽字以「、」分隔，須一致）；inspect {inspection_kind, inspector, inspection_result} 裝拆班隨時檢查或抽查；void 作廢（須寫原因）。',
    'Pre-shift meeting ledger (F15): add records the day\'s meeting (roster and signatures separated by "、", equal to each other); inspect {inspection_kind, inspector, inspection_result} the install/removal crew\'s check at any time; void with a reason.',
  ),
};

export const gearRegister: Workflow = {
  // Template version 3 brought the columns these read (the order's W8 columns, the roster, load classes).
  since: 3,
  word: 'gear',
  form: safetyGear,
  number: '<gear-no>',
  create: registerGear,
  steps: {},
  voidable: true,
  help: t(
    '安全工器具台账（F16）：add 登记工器具（编号不得重复；有效期至当天仍合格，之后过期，班组就绪时被拒）；void 作废（须写原因）。',
    '安全工器具臺賬（F16）：add 登記工器具（編號不得重複；有效期至當天仍合格，之後過期，班組就緒時被拒）；void 作廢（須寫原因）。',
    "Safety gear register (F16): add registers a piece of gear (its number once; valid through its date, expired after it, which refuses the team's Ready step); void with a reason.",
  ),
  queue: gearQueue,
  check: gearCheck,
};

export const noticeRegister: Workflow = {
  // Template version 3 brought the columns these read (the order's W8 columns, the roster, load classes).
  since: 3,
  word: 'notice',
  form: meterNotices,
  number: '<TZ-no>',
  create: recordMeterNotice,
  steps: {},
  voidable: true,
  help: t(
    '调表通知单（F17）：add 登记通知单（张贴日期须比计划轮换日期至少早15天，不足时照样登记并提示差几天）；void 作废（须写原因）。',
    '調表通知單（F17）：add 登記通知單（張貼日期須比計劃輪換日期至少早15天，不足時照樣登記並提示差幾天）；void 作廢（須寫原因）。',
    'Meter-change notice (F17): add records a notice (posted at least 15 days before the planned date; one posted later is recorded, and you are told how many days it is short); void with a reason.',
  ),
};

export const installationRegister: Workflow = {
  // Template version 3 brought the columns these read (the order's W8 columns, the roster, load classes).
  since: 3,
  word: 'installation',
  form: installationSheets,
  number: '<work-order-no>',
  create: recordInstallationSheet,
  steps: {},
  voidable: true,
  help: t(
    '装接单（F18）：add 登记装接单（工单号不得重复；所属工单须为同类轮换或批量工单；户名不一致、未全对应、工艺不合格照实登记，检查时列为警告）；void 作废（须写原因）。',
    '裝接單（F18）：add 登記裝接單（工單號不得重複；所屬工單須為同類輪換或批量工單；戶名不一致、未全對應、工藝不合格照實登記，檢查時列為警告）；void 作廢（須寫原因）。',
    'Installation sheet (F18): add records a sheet (its work-order no. once; its parent order a rotation or batch order of the same kind; a name mismatch, missing correspondence or failed workmanship is recorded as it is and listed by the check as a warning); void with a reason.',
  ),
  check: installationCheck,
};
