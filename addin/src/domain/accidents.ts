import { SAFETY_TARGETS, t } from '../forms/codes';
import {
  ACCIDENT_GRADES,
  DEFAULT_CHECKLIST,
  FOUR_NO_LET_GO,
  SERIOUS_GRADES,
  TARGET_QUALIFIERS,
  WRITTEN_REPORT_HOURS,
  accidentInvestigations,
  accidentVerbalReports,
  accidentWrittenReports,
} from '../forms/accidents';
import type { Text } from '../i18n/locale';
import type { DomainValue, RecordValues } from '../ledger/cells';
import type { LedgerRow, Snapshot } from '../ledger/types';
import { KefuError, type Problem } from '../core/problems';
import { changeRecord, codeText, createdAudit, guardStatus, localized, notBefore, recordIn, sheetRow, stepOperation } from './deskSteps';
import { isOverdue, minutesLate } from './dueDates';
import { createNumberedRecord, type OperationContext } from './records';
import { fieldsForStep, validateInput } from './validate';
import type { DueItem, Workflow } from './workflow';

/*
 * W9, the accident (P3-6; domain brief §1.3 F25–F27): it occurs, it is reported at once by word of
 * mouth or phone (F25; more than an hour after the event is recorded and flagged), in writing within
 * 24 hours of the event — not of its logging — (F26, a later report recorded and flagged), then
 * investigated (F27) and closed only when all four 四不放过 items are done with evidence and date.
 * One number SG-YYYY-NN for F25–F27; the steps move the F25 record, creating the F26 and F27 rows.
 */

const F25 = accidentVerbalReports;
const F26 = accidentWrittenReports;
const F27 = accidentInvestigations;

/** Minutes allowed between the event and the verbal report (T: "immediately", flagged past 1 h). */
export const VERBAL_REPORT_MINUTES = 60;

const EPOCH = (local: string) => Date.parse(`${local.slice(0, 10)}T${local.slice(11, 16) || '00:00'}:00Z`);

/** Minutes from one local date-time to another ('YYYY-MM-DD HH:MM'). */
export function minutesBetween(from: string, to: string): number {
  return Math.round((EPOCH(to) - EPOCH(from)) / 60_000);
}

/** A local date-time `hours` later ('YYYY-MM-DD HH:MM'). */
export function hoursAfter(local: string, hours: number): string {
  return new Date(EPOCH(local) + hours * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** When the written report of an accident that occurred at `occurredAt` is due: 24 hours after the event. */
export function writtenReportDue(occurredAt: string): string {
  return hoursAfter(occurredAt, WRITTEN_REPORT_HOURS);
}

/** Hours past a due time, to one decimal (half away from zero); 0 when not past. */
function hoursPast(due: string, at: string): number {
  const minutes = minutesBetween(due, at);
  return minutes <= 0 ? 0 : Math.round((minutes / 60) * 10) / 10;
}

function str(value: DomainValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

// ————————————————————————————————————————— the steps

/** The accident occurred: unit, outsourcing unit, time, place, what happened. Numbered SG-YYYY-NN by the year it occurred in. */
export const registerAccident = createNumberedRecord(F25);

/** The verbal or phone report (F25): reported before the event is refused; more than 1 hour after it is recorded and flagged. */
export const reportVerbal = stepOperation({
  form: F25,
  action: 'report_verbal',
  fieldsStep: 'verbally_reported',
  from: ['occurred'],
  to: 'verbally_reported',
  check: (row, values) => notBefore(F25, row, 'reported_at', values.reported_at, 'occurred_at', row.values.occurred_at),
  derive: (row, values) => {
    const minutes = minutesBetween(str(row.values.occurred_at), str(values.reported_at));
    return { verbal_minutes: minutes, verbal_late: minutes > VERBAL_REPORT_MINUTES };
  },
});

/** The serious-casualty target counts only accidents of grade 较大 or above with people killed, injured or missing. */
function qualifierProblems(values: RecordValues): Problem[] {
  const targets = Array.isArray(values.targets_hit) ? values.targets_hit : [];
  if (!targets.includes('serious_casualty')) return [];
  const casualties = Number(values.deaths ?? 0) + Number(values.injuries ?? 0) + Number(values.missing ?? 0);
  if (SERIOUS_GRADES.includes(str(values.grade)) && casualties > 0) return [];
  return [
    {
      kind: 'targetOutsideQualifier',
      form: F26.key,
      field: 'targets_hit',
      params: {
        record: str(values.accident_no),
        casualties,
        ...localized('target', codeText(SAFETY_TARGETS, 'serious_casualty')),
        ...localized('qualifier', TARGET_QUALIFIERS.serious_casualty),
        ...localized('grade', values.grade ? codeText(ACCIDENT_GRADES, values.grade) : t('未定级', '未定級', 'not graded')),
      },
    },
  ];
}

/** The fields a clerk fills in on the written report: F26's own, but its number (the accident's). */
const WRITTEN_FIELDS = fieldsForStep(F26)
  .map((f) => f.key)
  .filter((key) => key !== 'accident_no');

/**
 * The written report (F26), due 24 hours after the event: the F26 row with the accident's number,
 * unit, time and place, the checklist the report follows (the State Grid code when none is named),
 * when it was due, and whether and by how many hours it was late — a late report is recorded, and
 * its creation in the audit log carries the flag and the hours.
 */
export const reportWritten = stepOperation({
  form: F25,
  action: 'report_written',
  from: ['verbally_reported'],
  to: 'written_reported',
  fieldsForm: F26,
  fields: WRITTEN_FIELDS,
  linkedWrites: [F26.key],
  linkedInput: (fields, no) => {
    const given: Record<string, unknown> = { ...fields, accident_no: no };
    if (blank(given.checklist)) given.checklist = DEFAULT_CHECKLIST;
    const { values, problems } = validateInput(F26, given);
    if (problems.length > 0) throw new KefuError(problems);
    return { own: {}, linked: values };
  },
  check: (row, _values, _snapshot, prepared) => [
    ...notBefore(F26, undefined, 'submitted_at', prepared.linked.submitted_at, 'occurred_at', row.values.occurred_at),
    ...qualifierProblems(prepared.linked),
  ],
  alsoChange: (_snapshot, row, _values, prepared, context, at) => {
    const occurredAt = str(row.values.occurred_at);
    const due = writtenReportDue(occurredAt);
    const late = hoursPast(due, str(prepared.linked.submitted_at));
    const report: Record<string, DomainValue> = {
      ...prepared.linked,
      accident_no: prepared.no,
      reporting_unit: row.values.reporting_unit ?? null,
      occurred_at: occurredAt,
      place: row.values.place ?? null,
      due_at: due,
      written_late: late > 0,
      hours_late: late,
      ...common(context, at, prepared.linked.site),
    };
    return { appends: { [F26.key]: [report] }, updates: [], audit: [createdAudit(F26, report, context, at)] };
  },
});

function common(context: OperationContext, at: string, site: DomainValue | undefined): RecordValues {
  return { created_at: at.slice(0, 16), created_by: context.actor.clerk, voided: false, site: site ?? context.actor.site ?? null };
}

/** The investigation starts (F27, status under investigation) with its lead investigator. */
export const investigateAccident = stepOperation({
  form: F25,
  action: 'investigate',
  from: ['written_reported'],
  to: 'under_investigation',
  fieldsForm: F27,
  fields: fieldsForStep(F27)
    .map((f) => f.key)
    .filter((key) => key !== 'accident_no'),
  linkedWrites: [F27.key],
  linkedInput: (fields, no) => {
    const { values, problems } = validateInput(F27, { ...fields, accident_no: no });
    if (problems.length > 0) throw new KefuError(problems);
    return { own: {}, linked: values };
  },
  alsoChange: (_snapshot, _row, _values, prepared, context, at) => {
    const record: Record<string, DomainValue> = { ...prepared.linked, accident_no: prepared.no, status: 'under_investigation', ...common(context, at, prepared.linked.site) };
    return { appends: { [F27.key]: [record] }, updates: [], audit: [createdAudit(F27, record, context, at)] };
  },
});

/** What an item of 四不放过 lacks in `values`: not ticked Yes, no evidence, no date. */
function itemGaps(values: RecordValues, item: (typeof FOUR_NO_LET_GO)[number]): Text[] {
  const gaps: Text[] = [];
  if (values[item.item] !== true) gaps.push(t('未确认为“是”', '未確認為「是」', 'not ticked Yes'));
  if (blank(values[item.evidence])) gaps.push(t('无依据', '無依據', 'no evidence'));
  if (blank(values[item.date])) gaps.push(t('无日期', '無日期', 'no date'));
  return gaps;
}

function joinGaps(gaps: readonly Text[]): Text {
  return t(gaps.map((g) => g['zh-CN']).join('、'), gaps.map((g) => g['zh-TW']).join('、'), gaps.map((g) => g['en-US']).join(', '));
}

/** One problem per 四不放过 item that `values` do not fully record (closing: refused; a closed record: an error of the check). */
function fourNoLetGoProblems(values: RecordValues, kind: 'accidentCloseIncomplete' | 'accidentClosedIncomplete', record: string, row?: LedgerRow): Problem[] {
  const problems: Problem[] = [];
  FOUR_NO_LET_GO.forEach((item, i) => {
    const gaps = itemGaps(values, item);
    if (gaps.length === 0) return;
    problems.push({
      kind,
      form: F27.key,
      row: row ? sheetRow(row) : undefined,
      field: item.item,
      params: { record, n: i + 1, ...localized('principle', item.principle), ...localized('gaps', joinGaps(gaps)) },
    });
  });
  return problems;
}

const CLOSE_FIELDS = fieldsForStep(F27, 'closed').map((f) => f.key);
const FOUR_KEYS: ReadonlySet<string> = new Set(FOUR_NO_LET_GO.flatMap((i) => [i.item, i.evidence, i.date]));

/**
 * Closing (四不放过): every item ticked Yes with its evidence and date, or nothing is written and
 * each missing item is named. The accident (F25) and its investigation record (F27) close together.
 */
export const closeAccident = stepOperation({
  form: F25,
  action: 'close_accident',
  from: ['under_investigation'],
  to: 'closed',
  fieldsForm: F27,
  fields: CLOSE_FIELDS,
  linkedReads: [F27],
  linkedWrites: [F27.key],
  linkedInput: (fields, no) => {
    const { values, problems } = validateInput(F27, fields, { step: 'closed' });
    // A blank item is said once, as the 四不放过 item it leaves undone, not as three blank cells.
    const other = problems.filter((p) => !(p.kind === 'required' && p.field !== undefined && FOUR_KEYS.has(p.field)));
    const refused = [...other, ...fourNoLetGoProblems(values, 'accidentCloseIncomplete', no)];
    if (refused.length > 0) throw new KefuError(refused);
    return { own: {}, linked: values };
  },
  alsoChange: (snapshot, _row, _values, prepared, context, at) => {
    const record = recordIn(snapshot, F27, prepared.no);
    guardStatus(F27, record, ['under_investigation'], 'close_accident');
    const change = changeRecord(F27, record, { ...prepared.linked, status: 'closed' }, context, 'close_accident', at);
    return { updates: change.update ? [change.update] : [], audit: change.audit };
  },
});

// ————————————————————————————————————————— queue and check

/** What an accident waits for in the to-do queue. */
export const ACCIDENT_DUE_KINDS: Readonly<Record<string, Text>> = {
  accident_written_report: t('书面事故报告（事发后24小时内）', '書面事故報告（事發後24小時內）', 'Written accident report (within 24 h of the event)'),
  accident_investigation: t('事故调查处理（四不放过）', '事故調查處理（四不放過）', 'Accident investigation (four no-lets-go)'),
};

const WAITING_FOR_WRITTEN = ['occurred', 'verbally_reported'];
const INVESTIGATION_OPEN = ['written_reported', 'under_investigation'];

function liveAccidents(snapshot: Snapshot): readonly LedgerRow[] {
  return (snapshot.tables[F25.key] ?? []).filter((r) => r.values.voided !== true && !blank(r.values.accident_no));
}

/** Written reports due (overdue first, then the soonest), then the investigations still open. */
export function accidentQueue(snapshot: Snapshot, now: string): DueItem[] {
  const items: DueItem[] = [];
  for (const row of liveAccidents(snapshot)) {
    const status = str(row.values.status);
    const base = {
      table: F25.key,
      record: str(row.values.accident_no),
      row: sheetRow(row),
      status,
      subject: str(row.values.summary).replace(/\s+/g, ' ').trim(),
      person: str(row.values.reporting_unit),
    };
    if (WAITING_FOR_WRITTEN.includes(status) && !blank(row.values.occurred_at)) {
      const due = writtenReportDue(str(row.values.occurred_at));
      items.push({ ...base, rule: 'accident_written_report', due, overdue: isOverdue(due, now), minutesLate: minutesLate(due, now) });
    } else if (INVESTIGATION_OPEN.includes(status)) {
      items.push({ ...base, rule: 'accident_investigation', due: '', overdue: false, minutesLate: 0 });
    }
  }
  const rank = (item: DueItem) => (item.overdue ? 0 : item.due !== '' ? 1 : 2);
  return items.sort((a, b) => rank(a) - rank(b) || a.due.localeCompare(b.due) || a.record.localeCompare(b.record));
}

/**
 * `kefu check` on accidents. Errors: a written report still missing 24 hours after the event; a
 * closed accident whose investigation record is missing or lacks one of the four items. Warnings:
 * a verbal report made more than an hour after the event.
 */
export function checkAccidents(snapshot: Snapshot, now: string): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const investigations = new Map((snapshot.tables[F27.key] ?? []).filter((r) => r.values.voided !== true).map((r) => [str(r.values.accident_no), r]));
  for (const row of liveAccidents(snapshot)) {
    const record = str(row.values.accident_no);
    const status = str(row.values.status);
    if (WAITING_FOR_WRITTEN.includes(status) && !blank(row.values.occurred_at)) {
      const due = writtenReportDue(str(row.values.occurred_at));
      if (isOverdue(due, now)) errors.push({ kind: 'accidentWrittenOverdue', form: F25.key, row: sheetRow(row), field: 'status', params: { record, due, hours: hoursPast(due, now) } });
    }
    if (status === 'closed') {
      const investigation = investigations.get(record);
      if (!investigation) {
        errors.push({ kind: 'missingLinked', form: F25.key, row: sheetRow(row), field: 'status', params: { record, value: record, ...localized('target', F27.sheet) } });
      } else {
        errors.push(...fourNoLetGoProblems(investigation.values, 'accidentClosedIncomplete', record, investigation));
      }
    }
    if (row.values.verbal_late === true) {
      warnings.push({ kind: 'accidentVerbalLate', form: F25.key, row: sheetRow(row), field: 'reported_at', params: { record, minutes: Number(row.values.verbal_minutes ?? 0) } });
    }
  }
  return { errors, warnings };
}

// ————————————————————————————————————————— the workflow

/** W9 as one declaration: the command line's verbs, the pane's Steps view, the queue and the check come from it. */
export const accidentWorkflow: Workflow = {
  // Template version 3 brought the columns this reads (the outsourcing unit, the late flags).
  since: 3,
  word: 'accident',
  form: F25,
  number: '<SG-no>',
  create: registerAccident,
  steps: { 'report-verbal': reportVerbal, 'report-written': reportWritten, investigate: investigateAccident, close: closeAccident },
  // Voiding (an accident entered twice) marks its F25 record, which then takes no step and leaves
  // the queue, the check and the reports; its F26 and F27 rows, if any, belong to a void number.
  voidable: true,
  help: t(
    '事故（W9）：add 登记事故发生（单位、外包单位、时间、地点、简要情况）；report-verbal 口头或电话报告（事发后超过1小时标记迟报）；report-written 书面事故报告，应在事发后24小时内提交（从事故发生时起算，逾期照常记录并标记），依据规程决定必填项；investigate 立案调查（调查负责人）；close 按四不放过结案，四项均须为“是”并有依据和日期；void 作废重复登记的事故。',
    '事故（W9）：add 登記事故發生（單位、外包單位、時間、地點、簡要情況）；report-verbal 口頭或電話報告（事發後超過1小時標記遲報）；report-written 書面事故報告，應在事發後24小時內提交（從事故發生時起算，逾期照常記錄並標記），依據規程決定必填項；investigate 立案調查（調查負責人）；close 按四不放過結案，四項均須為「是」並有依據和日期；void 作廢重複登記的事故。',
    'Accidents (W9): add records the accident (unit, outsourcing unit, time, place, summary); report-verbal the verbal or phone report (more than 1 hour after the event is flagged late); report-written the written report, due 24 hours after the event (not after it was logged; a later one is recorded and flagged), its checklist deciding what is required; investigate opens the investigation (lead investigator); close under the four no-lets-go, all four Yes with evidence and date; void an accident entered twice.',
  ),
  // The queue's lines name what is due in words (the written report, the investigation), not by code.
  queue: { reads: [F25], rules: Object.entries(ACCIDENT_DUE_KINDS).map(([code, label]) => ({ code, label })), items: accidentQueue },
  check: { reads: [F25, F27], problems: checkAccidents },
};
