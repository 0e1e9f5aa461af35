import { preshiftMeetings, safetyGear, meterNotices, installationSheets } from '../../forms/fieldWork';
import { WORKMANSHIP_ITEMS } from '../../forms/codes';
import type { FormDecl } from '../../forms/types';
import type { RecordValues } from '../../ledger/cells';
import type { LedgerRow } from '../../ledger/types';
import type { Problem } from '../../core/problems';
import { joinList } from '../../i18n/messages';
import { conditionalRequirements, joinedCodes, localized, sheetRow } from '../deskSteps';
import { fieldsForStep } from '../validate';

/**
 * The guards of the W8 work order (domain brief §2 W8, P3-4.1–4.3), as pure functions of the rows
 * they look at: the steps refuse with them, and `kefu check` reports the same of records edited by
 * hand in the sheet. Each Problem names the work order (`record`), the sheet row and column it is
 * about, and the reason.
 */

/** Days the notice must be posted ahead: 最少提前15天 (P3-4.1.4), inclusive under the brief's reading rule (Art. 1259). */
export const NOTICE_DAYS = 15;

/** Whole days from one local date to another (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A local date `days` after another. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** How many days a notice is posted too late (0: in time). */
export function noticeShortBy(notice: RecordValues): number {
  const planned = String(notice.planned_date ?? '');
  const posted = String(notice.posted_on ?? '');
  if (planned === '' || posted === '') return 0;
  return Math.max(0, NOTICE_DAYS - daysBetween(posted, planned));
}

/** A list of names as each locale's messages write it (、 in Chinese, commas in English): the message's `{names}`. */
export function namesParam(names: readonly string[]): Record<string, string> {
  return localized('names', { 'zh-CN': joinList(names, 'zh-CN'), 'zh-TW': joinList(names, 'zh-TW'), 'en-US': joinList(names, 'en-US') });
}

/**
 * Names on a roster or signature line: separated by 、 (or commas, semicolons, line breaks), blanks
 * dropped. Not by spaces: a name written in Latin letters has one ("Zhao Jun").
 */
export function namesOf(text: unknown): string[] {
  return String(text ?? '')
    .split(/[、,，;；\r\n]+/u)
    .map((s) => s.replace(/\s+/gu, ' ').trim())
    .filter(Boolean);
}

/** Worker ids of a work order's `workers` cell (comma-separated). */
export function workerIds(text: unknown): string[] {
  return namesOf(text);
}

function voided(row: LedgerRow): boolean {
  return row.values.voided === true;
}

/** The notice behind an order's Notified step: not void, for this order, posted in time, the community told, users marked. */
export function noticeProblems(order: FormDecl, orderNo: string, orderRow: LedgerRow | undefined, noticeNo: string, notice: LedgerRow | undefined): Problem[] {
  const at = { form: order.key, row: orderRow ? sheetRow(orderRow) : undefined, field: 'notice_no' };
  if (!notice) return [{ ...at, kind: 'noticeMissing', params: { record: orderNo, notice: noticeNo } }];
  const on = { form: meterNotices.key, row: sheetRow(notice) };
  if (voided(notice)) return [{ ...on, kind: 'noticeVoided', field: 'voided', params: { record: orderNo, notice: noticeNo, reason: String(notice.values.void_reason ?? '') } }];
  const problems: Problem[] = [];
  const forOrder = String(notice.values.order_no ?? '');
  if (forOrder !== '' && forOrder !== orderNo) problems.push({ ...on, kind: 'noticeOtherOrder', field: 'order_no', params: { record: orderNo, notice: noticeNo, other: forOrder } });
  const short = noticeShortBy(notice.values);
  if (short > 0) {
    problems.push({
      ...on,
      kind: 'noticeTooLate',
      field: 'posted_on',
      params: {
        record: orderNo,
        notice: noticeNo,
        posted: String(notice.values.posted_on),
        planned: String(notice.values.planned_date),
        days: daysBetween(String(notice.values.posted_on), String(notice.values.planned_date)),
        short,
      },
    });
  }
  for (const field of ['community_notified', 'community_contact', 'community_notified_on', 'planned_date', 'posted_on']) {
    const value = notice.values[field];
    if (value === null || value === undefined || value === '') problems.push({ ...on, kind: 'noticeIncomplete', field, params: { record: orderNo, notice: noticeNo } });
  }
  if (notice.values.users_marked !== true) problems.push({ ...on, kind: 'usersNotMarked', field: 'users_marked', params: { record: orderNo, notice: noticeNo } });
  return problems;
}

/** The team's meeting of the day among those read (a void one does not count): the first. */
export function meetingOf(meetings: readonly LedgerRow[], team: string, date: string): LedgerRow | undefined {
  return meetings.find((m) => !voided(m) && String(m.values.team_code ?? '') === team && String(m.values.meeting_date ?? '') === date);
}

const PPE_FIELDS = ['uniform_ok', 'helmet_ok', 'badge_ok', 'armband_ok', 'hazards_isolated'] as const;

/** The signatures of a meeting against its roster: who did not sign, who signed without being on it. */
export function signatureGaps(meeting: RecordValues): { unsigned: string[]; extra: string[] } {
  const roster = namesOf(meeting.roster);
  const signed = namesOf(meeting.crew_signatures);
  return { unsigned: roster.filter((n) => !signed.includes(n)), extra: signed.filter((n) => !roster.includes(n)) };
}

/** The meeting itself: every rostered worker signed (and nobody else), PPE and hazards checked, gear check passed. */
export function meetingProblems(orderNo: string, meeting: LedgerRow): Problem[] {
  const no = String(meeting.values.meeting_no ?? '');
  const on = { form: preshiftMeetings.key, row: sheetRow(meeting) };
  const problems: Problem[] = [];
  const { unsigned, extra } = signatureGaps(meeting.values);
  if (unsigned.length > 0) problems.push({ ...on, kind: 'crewNotSigned', field: 'crew_signatures', params: { record: orderNo, meeting: no, ...namesParam(unsigned) } });
  if (extra.length > 0) problems.push({ ...on, kind: 'crewNotOnRoster', field: 'crew_signatures', params: { record: orderNo, meeting: no, ...namesParam(extra) } });
  for (const field of PPE_FIELDS) {
    if (meeting.values[field] !== true) problems.push({ ...on, kind: 'meetingCheckNotDone', field, params: { record: orderNo, meeting: no } });
  }
  if (meeting.values.gear_check !== 'pass') problems.push({ ...on, kind: 'meetingCheckNotDone', field: 'gear_check', params: { record: orderNo, meeting: no } });
  return problems;
}

/** Every worker of the order (ids → names by the workers table) is on the meeting's roster. */
export function crewProblems(order: FormDecl, orderNo: string, orderRow: LedgerRow, meeting: LedgerRow, workers: readonly LedgerRow[]): Problem[] {
  const roster = namesOf(meeting.values.roster);
  const problems: Problem[] = [];
  for (const id of workerIds(orderRow.values.workers)) {
    const worker = workers.find((w) => String(w.values.worker_id ?? '') === id && !voided(w));
    const at = { form: order.key, row: sheetRow(orderRow), field: 'workers' };
    if (!worker) problems.push({ ...at, kind: 'workerUnknown', params: { record: orderNo, worker: id } });
    else if (!roster.includes(String(worker.values.name ?? ''))) {
      problems.push({ ...at, kind: 'workerNotOnRoster', params: { record: orderNo, worker: id, name: String(worker.values.name ?? ''), meeting: String(meeting.values.meeting_no ?? '') } });
    }
  }
  return problems;
}

/** Whether a gear row is expired on a date: valid until before it, and not scrapped (scrapped gear is out of use). */
export function gearExpiredOn(gear: RecordValues, date: string): boolean {
  const until = String(gear.valid_until ?? '');
  return gear.voided !== true && gear.gear_status !== 'scrapped' && until !== '' && until < date;
}

/** No gear held by the team expired on the work date; each expired one named. */
export function gearProblems(orderNo: string, team: string, date: string, gear: readonly LedgerRow[]): Problem[] {
  return gear
    .filter((g) => String(g.values.holder ?? '') === team && gearExpiredOn(g.values, date))
    .map((g) => ({
      kind: 'gearExpired' as const,
      form: safetyGear.key,
      row: sheetRow(g),
      field: 'valid_until',
      params: { record: orderNo, gear: String(g.values.gear_no ?? ''), team, until: String(g.values.valid_until ?? ''), date },
    }));
}

/**
 * The Ready guard (W8 Ready), given the order's team and work date (`values`: the step's input, or
 * the order's own cells for `kefu check`): the team's meeting of the day exists, every rostered
 * worker signed it and nobody else, its checks passed, the order's workers are on its roster, and
 * none of the team's gear is expired on the work date. `meetings` and `gear` need only hold the
 * team's rows (the step reads those; the check passes the team's share of the whole tables).
 */
export function readyProblems(
  order: FormDecl,
  row: LedgerRow,
  values: RecordValues,
  rows: { readonly meetings: readonly LedgerRow[]; readonly gear: readonly LedgerRow[]; readonly workers: readonly LedgerRow[] },
): Problem[] {
  const no = String(row.values.order_no);
  const team = String(values.team_code ?? '');
  const date = String(values.work_date ?? '');
  const meeting = meetingOf(rows.meetings, team, date);
  const problems: Problem[] = [];
  if (!meeting) problems.push({ kind: 'noMeeting', form: order.key, row: sheetRow(row), field: 'team_code', params: { record: no, team, date } });
  else problems.push(...meetingProblems(no, meeting), ...crewProblems(order, no, row, meeting, rows.workers));
  problems.push(...gearProblems(no, team, date, rows.gear));
  return problems;
}

/** The Completed guard's first rule: the site cleaned right after the work (P3-4.3.1). */
export function siteProblems(order: FormDecl, row: LedgerRow, values: RecordValues): Problem[] {
  if (values.site_cleaned === true) return [];
  return [{ kind: 'siteNotCleaned', form: order.key, row: sheetRow(row), field: 'site_cleaned', params: { record: String(row.values.order_no) } }];
}

/** The F19 checks not confirmed (P3-4.1.5): no voltage and a reliable, visible break point must both be Yes. */
export function powerOffUnsafe(check: RecordValues): ('no_voltage' | 'visible_break')[] {
  return (['no_voltage', 'visible_break'] as const).filter((field) => check[field] !== true);
}

/** The fields an installation sheet of its kind must have (F18: the batch ones only for batch installs). */
export function sheetGaps(sheet: LedgerRow): Problem[] {
  const no = String(sheet.values.work_order_no ?? '');
  const problems: Problem[] = [];
  for (const field of fieldsForStep(installationSheets)) {
    if (field.required !== true || field.type === 'signature') continue;
    const value = sheet.values[field.key];
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      problems.push({ kind: 'sheetIncomplete', form: installationSheets.key, row: sheetRow(sheet), field: field.key, params: { record: no } });
    }
  }
  if (!sheet.values.installer_by) problems.push({ kind: 'sheetIncomplete', form: installationSheets.key, row: sheetRow(sheet), field: 'installer_by', params: { record: no } });
  const conditional = conditionalRequirements(installationSheets, undefined, sheet.values, sheet.values, sheet);
  return [...problems, ...conditional.map((p) => ({ ...p, kind: 'sheetIncomplete' as const, params: { record: no } }))];
}

/** What a sheet records as not matching — kept, never hidden: a warning for `kefu check` and the creation result. */
export function sheetMismatches(sheet: LedgerRow | { values: RecordValues }): { field: string; kind: 'sheetNameMismatch' | 'sheetNoCorrespondence' | 'sheetWorkmanshipFailed' }[] {
  const out: { field: string; kind: 'sheetNameMismatch' | 'sheetNoCorrespondence' | 'sheetWorkmanshipFailed' }[] = [];
  const v = sheet.values;
  if (v.name_check === 'mismatch') out.push({ field: 'name_check', kind: 'sheetNameMismatch' });
  if (v.work_kind === 'batch_install' && v.correspondence_ok === false) out.push({ field: 'correspondence_ok', kind: 'sheetNoCorrespondence' });
  if (Array.isArray(v.workmanship_failed) && v.workmanship_failed.length > 0) out.push({ field: 'workmanship_failed', kind: 'sheetWorkmanshipFailed' });
  return out;
}

/**
 * What a sheet records as not matching, as warnings naming the sheet, its order and what: a name
 * that does not match, a correspondence not achieved, each failed workmanship item by name.
 */
export function sheetMismatchProblems(sheet: LedgerRow): Problem[] {
  const v = sheet.values;
  const failed = Array.isArray(v.workmanship_failed) ? v.workmanship_failed.map(String) : [];
  return sheetMismatches(sheet).map(({ field, kind }) => ({
    kind,
    form: installationSheets.key,
    row: sheetRow(sheet),
    field,
    params: {
      record: String(v.work_order_no ?? ''),
      order: String(v.parent_order_no ?? '') || '—',
      ...(kind === 'sheetWorkmanshipFailed' ? localized('items', joinedCodes(WORKMANSHIP_ITEMS, failed)) : {}),
    },
  }));
}
