import { t } from '../forms/codes';
import { columnsOf } from '../forms/columns';
import { findForm } from '../forms';
import { CALENDAR_SEED } from '../forms/promisedTimes';
import { KefuError } from '../core/problems';
import type { Locale, Text } from '../i18n/locale';
import { message, type MessageId } from '../i18n/messages';
import { closeAccident, investigateAccident, registerAccident, reportVerbal, reportWritten } from './accidents';
import { parseReportPeriod, recordAccidentReport } from './accidentReports';
import { addWorkingDays, calendarFrom, isWorkingDay, type WorkCalendar } from './dueDates';
import { addDays } from './fieldWork/fieldGuards';
import { BATCH_WORKFLOW, ROTATION_WORKFLOW } from './fieldWork/fieldWorkflows';
import { drawBatchSample, drawRotationSample } from './fieldWork/sampling';
import { preshiftWorkflow } from './fieldWork/workOrders';
import { recordInstallationSheet, recordMeterNotice, recordPreshiftMeeting, registerBatchInstall, registerGear, registerRotationOrder } from './fieldWork/registers';
import type { Operation } from './records';
import { voidRecord } from './workflows';

/**
 * A month of two field teams of two outsourcing units (issue 12 "Done when"): one script, played
 * by the tests on every backend and through the command line, by the bench at 100,000 rows and by
 * `kefu demo`. `run` performs one step on some backend at a moment of the month; the script only
 * decides what the team leader, the install/removal crew and the clerk would do next, and checks
 * that the guards refuse what they must — each refusal of the kind expected, its message naming
 * the record, the column and the reason — before the team puts it right:
 *
 * - a meter-change notice posted too late (a new notice, a later date), a crew member who did not
 *   sign the pre-shift meeting (the meeting held again and signed), a team's expired gear (replaced);
 * - rotation and batch work orders from notice to closing: a failed spot check, rectified and
 *   re-checked; a batch investigation signed by the three parties, one failed and rectified; failed
 *   collection verifications, rectified and verified again; assessment and closing;
 * - an accident reported by phone more than an hour after it and in writing past 24 hours,
 *   investigated, refused closing with one item of 四不放过 undone, then closed; the month's
 *   accident reports of both units (one a zero report).
 */

/** One step on some backend, taken at `at` ('YYYY-MM-DD HH:MM'); its result, or the refusal thrown. */
export type FieldAct = <I, R>(operation: Operation<I, unknown, R>, input: I, label: string, at: string) => Promise<R>;

/** A refusal as the command line reports it: its message only (the kind is read from its wording). */
export class RefusalText extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

export interface Crew {
  readonly team: string;
  readonly vendor: string;
  /** At least three workers of the team, as the workers table has them. */
  readonly workers: readonly { readonly id: string; readonly name: string }[];
}

export interface FieldMonthOptions {
  /** 'YYYY-MM': the month the teams work in. */
  readonly month: string;
  /** Two teams of two outsourcing units. */
  readonly crews: readonly [Crew, Crew];
  /** The words the people write in, and the language refusals are checked in. */
  readonly locale: Locale;
  readonly calendar?: WorkCalendar;
  /** Whether the results of creations carry their notes (who did not sign, days short): the command line prints only the numbers. */
  readonly notes?: boolean;
}

export interface FieldMonthSummary {
  readonly rotation: readonly string[];
  readonly batch: readonly string[];
  readonly meetings: string[];
  readonly notices: string[];
  accident: string;
  readonly reports: string[];
  /** The labels of the refusals met, in order. */
  readonly refusals: string[];
  /** The moments worth looking at from outside (the queue, the performance sheet), by name. */
  readonly moments: Record<string, string>;
  steps: number;
}

/** What a refusal must say. */
export interface Expected {
  readonly kind: MessageId;
  readonly form: string;
  readonly field: string;
  readonly record: string;
  /** Further words of the reason it must name (a name, a gear no., a date). */
  readonly naming?: readonly string[];
}

// ————————————————————————————————————————— words

const W = {
  clerk: t('江海燕', '江佩珊', 'Jiang Haiyan'),
  inspector: t('刘志强', '劉志強', 'Liu Zhiqiang'),
  checker: t('韩冬梅', '韓冬梅', 'Han Dongmei'),
  safety: t('魏建军', '魏建軍', 'Wei Jianjun'),
  property: t('钱丽君', '錢麗君', 'Qian Lijun'),
  community: t('锦绣花园物业服务中心', '錦繡花園物業服務中心', 'Jinxiu Garden property office'),
  contact: t('冯国庆', '馮國慶', 'Feng Guoqing'),
  area: t('锦绣花园', '錦繡花園', 'Jinxiu Garden'),
  boxes: t('锦绣花园5栋1–4号表箱', '錦繡花園5棟1–4號表箱', 'Jinxiu Garden building 5, meter boxes 1–4'),
  newArea: t('滨江新城二期', '濱江新城二期', 'Binjiang New Town phase 2'),
  rotationWork: t('锦绣花园5栋电能表轮换', '錦繡花園5棟電錶輪換', 'Meter rotation, Jinxiu Garden building 5'),
  batchWork: t('滨江新城二期新装电能表', '濱江新城二期新裝電錶', 'New meters, Binjiang New Town phase 2'),
  hazards: t('表箱带电：验电、戴绝缘手套、设专人监护', '錶箱帶電：驗電、戴絕緣手套、設專人監護', 'Live meter boxes: test for voltage, insulating gloves, a dedicated supervisor'),
  powerRoom: t('滨江新城二期3栋配电间', '濱江新城二期3棟配電間', 'Binjiang New Town phase 2, building 3 switch room'),
  accountName: t('住户', '住戶', 'Resident'),
  defects: t('极性反接', '極性反接', 'Polarity reversed'),
  findings: t('一户表位与空开未对应', '一戶錶位與開關未對應', "One household's position and breaker did not correspond"),
  fixedWiring: t('已重新接线并复查', '已重新接線並複查', 'Rewired and checked again'),
  fixedBox: t('已调整表位与空开对应关系', '已調整錶位與開關對應關係', 'Positions and breakers put in correspondence'),
  fixedCollector: t('采集器已重新配置', '採集器已重新設定', 'Collector configured again'),
  signedAgain: t('有一名施工人员未签字，班前会重新召开并全员签字', '有一名施工人員未簽字，班前會重新召開並全員簽字', 'A crew member had not signed; the meeting was held again and everyone signed'),
  gearReplaced: t('绝缘地垫已过期，报废并更换', '絕緣地墊已過期，報廢並更換', 'The insulating mat had expired; scrapped and replaced'),
  unit: t('华远电力安装公司施工二班', '華遠電力安裝公司施工二班', 'Huayuan Electric Installation, crew 2'),
  place: t('锦绣花园5栋2号表箱', '錦繡花園5棟2號錶箱', 'Jinxiu Garden building 5, meter box 2'),
  summary: t(
    '拆表时螺丝刀碰触相线短路，一人手部轻微灼伤',
    '拆錶時螺絲起子碰觸相線短路，一人手部輕微灼傷',
    'A screwdriver touched the live wire while removing a meter; one worker slightly burned on the hand',
  ),
  profile: t('外包施工单位，承担表计轮换', '外包施工單位，承擔電錶輪換', 'Outsourced installer doing meter rotations'),
  scene: t('表箱门开启，箱内有烧痕', '錶箱門開啟，箱內有燒痕', 'Box door open, burn marks inside'),
  sequence: t('未验电即拆表，螺丝刀碰触相线', '未驗電即拆錶，螺絲起子碰觸相線', 'Removed a meter without testing for voltage; the screwdriver touched the live wire'),
  measures: t('断电、送医、停工整顿', '斷電、送醫、停工整頓', 'Power cut, worker to hospital, work stopped for a safety review'),
  causeEvidence: t('事故调查报告', '事故調查報告', 'Investigation report'),
  personsEvidence: t('处理决定', '處理決定', 'Disciplinary decision'),
  measuresEvidence: t('绝缘工具配发记录', '絕緣工具配發記錄', 'Insulated tools issued, register'),
  educationEvidence: t('安全培训签到表', '安全訓練簽到表', 'Safety training sign-in sheet'),
} as const;

// ————————————————————————————————————————— dates

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** The working days of a month, in order. */
function workingDays(calendar: WorkCalendar, month: string): string[] {
  const days: string[] = [];
  for (let date = `${month}-01`; date.startsWith(month); date = addDays(date, 1)) if (isWorkingDay(calendar, date)) days.push(date);
  return days;
}

// ————————————————————————————————————————— refusals

function labelOf(form: string, field: string, locale: Locale): string {
  const decl = findForm(form);
  const column = decl ? columnsOf(decl).find((c) => c.key === field) : undefined;
  if (!column) throw new Error(`fieldMonth: no column ${form}.${field}`);
  return column.label[locale];
}

/** The wording of a message kind with any value in its places, as a pattern. */
function wording(kind: MessageId, locale: Locale): RegExp {
  const parts = message(kind, locale).split(/\{\w+\}/);
  return new RegExp(parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?'));
}

/**
 * Checks a refusal: of the kind expected (the problem's kind, or its wording in the command
 * line's text), on the field expected, its message naming the record, the column and the reason.
 * Anything else — the step done, another refusal, a failure — is thrown on.
 */
export function checkRefusal(label: string, error: unknown, expected: Expected, locale: Locale): void {
  let text: string;
  if (error instanceof KefuError) {
    if (!error.problems.some((p) => p.kind === expected.kind && p.field === expected.field && p.form === expected.form)) {
      throw new Error(`${label}: expected ${expected.kind} on ${expected.form}.${expected.field}, refused with ${error.problems.map((p) => `${p.kind} ${p.form}.${p.field}`).join('; ')}`, {
        cause: error,
      });
    }
    text = error.describe(locale).join('\n');
  } else if (error instanceof RefusalText) text = error.text;
  else throw error;
  const column = labelOf(expected.form, expected.field, locale);
  const missing = [expected.record, column, ...(expected.naming ?? [])].filter((word) => !text.includes(word));
  if (missing.length > 0 || !wording(expected.kind, locale).test(text)) {
    throw new Error(`${label}: the refusal does not say ${missing.length > 0 ? missing.join(', ') : `why (${expected.kind})`}: ${text}`);
  }
}

/** What a scripted period counts as it goes: the steps tried and the labels of the refusals met. */
export interface ScriptTally {
  steps: number;
  readonly refusals: string[];
}

/**
 * The three ways a scripted period (the field month, the special visitors' days) plays a step
 * through `act`, each counted on `tally`: `step` does it; `refused` expects a refusal of the kind
 * and wording `expected` (checkRefusal) and fails when the step was done; `expectStatus` checks the
 * status a step left.
 */
export function scriptSteps(act: FieldAct, locale: Locale, tally: ScriptTally) {
  const step = async <R>(operation: unknown, input: unknown, label: string, at: string): Promise<R> => {
    tally.steps += 1;
    return act(operation as Operation<unknown, unknown, R>, input, label, at);
  };
  const refused = async (operation: unknown, input: unknown, label: string, at: string, expected: Expected): Promise<void> => {
    let outcome: unknown;
    try {
      outcome = await step(operation, input, label, at);
    } catch (error) {
      checkRefusal(label, error, expected, locale);
      tally.refusals.push(label);
      return;
    }
    throw new Error(`${label}: expected a refusal (${expected.kind}), but it was done: ${JSON.stringify(outcome)}`);
  };
  const expectStatus = (label: string, result: { status?: string }, status: string): void => {
    if (result.status !== status) throw new Error(`${label}: expected status ${status}, got ${String(result.status)}`);
  };
  return { step, refused, expectStatus };
}

// ————————————————————————————————————————— the month

/** The teams of a workers table: the first team of each of two outsourcing units with three workers or more. */
export function crewsOf(workers: readonly { worker_id?: unknown; name?: unknown; team_code?: unknown; vendor_code?: unknown; voided?: unknown }[]): [Crew, Crew] {
  const teams = new Map<string, Crew & { workers: { id: string; name: string }[] }>();
  for (const w of workers) {
    if (w.voided === true || typeof w.team_code !== 'string' || typeof w.vendor_code !== 'string') continue;
    const crew = teams.get(w.team_code) ?? { team: w.team_code, vendor: w.vendor_code, workers: [] };
    crew.workers.push({ id: String(w.worker_id), name: String(w.name) });
    teams.set(w.team_code, crew);
  }
  const chosen: Crew[] = [];
  for (const crew of teams.values()) if (crew.workers.length >= 3 && !chosen.some((c) => c.vendor === crew.vendor)) chosen.push(crew);
  if (chosen.length < 2) throw new Error('the workers table has no two teams of two outsourcing units with three workers each');
  return [chosen[0], chosen[1]];
}

export async function runFieldMonth(run: FieldAct, options: FieldMonthOptions): Promise<FieldMonthSummary> {
  const { month, locale } = options;
  const notes = options.notes ?? true;
  const calendar = options.calendar ?? calendarFrom(CALENDAR_SEED);
  const days = workingDays(calendar, month);
  if (days.length < 15) throw new RangeError(`fieldMonth: ${month} has ${days.length} working days, fewer than a month's work needs`);
  const w = (text: Text) => text[locale];
  const sig = (by: string, at: string) => ({ by, at });
  const [A, B] = options.crews;
  const ym = month.replace('-', '');
  /** The i-th working day of the month (the last one if there are fewer). */
  const day = (i: number) => days[Math.min(i, days.length - 1)];
  /** The first working day on or after a date. */
  const onOrAfter = (date: string) => (isWorkingDay(calendar, date) ? date : addWorkingDays(calendar, date, 1));
  const summary: FieldMonthSummary = {
    rotation: [`RO-${ym}-01`, `RO-${ym}-02`],
    batch: [`BI-${ym}-01`, `BI-${ym}-02`],
    meetings: [],
    notices: [],
    accident: '',
    reports: [],
    refusals: [],
    moments: {},
    steps: 0,
  };
  const { step, refused, expectStatus } = scriptSteps(run, locale, summary);
  const R = ROTATION_WORKFLOW.steps;
  const B_ = BATCH_WORKFLOW.steps;
  const names = (crew: Crew, n: number) => crew.workers.slice(0, n).map((x) => x.name);
  /** How a roster lists names in the locale's writing (the guards read 、 and commas alike). */
  const list = locale === 'en-US' ? ', ' : '、';

  // The dates: notices on the first working day, batch installs in the first week, rotations from
  // the first working day 15 days after the notices, checks and rectifications after each.
  const d0 = day(0);
  const rotationDay = onOrAfter(addDays(d0, 15));
  const lateDate = addDays(d0, 8);
  const rotationDayA = addWorkingDays(calendar, rotationDay, 1);
  if (!rotationDayA.startsWith(month)) throw new RangeError(`fieldMonth: the rotations of ${month} would fall in the next month (${rotationDayA})`);
  const afterRotation = days.filter((d) => d > rotationDayA);
  const later = (i: number) => afterRotation[Math.min(i, afterRotation.length - 1)] ?? day(days.length - 1);
  const at = (date: string, time: string) => `${date} ${time}`;

  // ——— the first working day: gear, orders, notices
  const gear = (no: string, crew: Crew, name: string, until: string) => ({
    gear_no: no,
    gear_name: name,
    holder: crew.team,
    last_test_date: addDays(until, -365),
    valid_until: until,
    gear_status: 'valid',
  });
  const yearOn = addDays(d0, 300);
  await step(registerGear, gear(`G-${A.team}-${ym}-1`, A, 'helmet', yearOn), 'gear.add', at(d0, '08:40'));
  await step(registerGear, gear(`G-${A.team}-${ym}-2`, A, 'insulating_mat', yearOn), 'gear.add', at(d0, '08:42'));
  await step(registerGear, gear(`G-${B.team}-${ym}-1`, B, 'helmet', yearOn), 'gear.add', at(d0, '08:44'));
  // Team B's mat is valid until the day before its batch install: the queue shows it expiring.
  const batchDayB = day(3);
  const expiredMat = `G-${B.team}-${ym}-2`;
  await step(registerGear, gear(expiredMat, B, 'insulating_mat', addDays(batchDayB, -1)), 'gear.add', at(d0, '08:46'));
  summary.moments.gearExpiring = at(d0, '09:00');

  const [roA, roB] = summary.rotation;
  const [biA, biB] = summary.batch;
  const crewIds = (crew: Crew) =>
    crew.workers
      .slice(0, 2)
      .map((x) => x.id)
      .join(',');
  await step(registerRotationOrder, { order_no: roA, workers: crewIds(A), due_date: later(6) }, 'rotation.add', at(d0, '09:00'));
  await step(registerRotationOrder, { order_no: roB, workers: crewIds(B), due_date: later(6) }, 'rotation.add', at(d0, '09:02'));
  await step(registerBatchInstall, { order_no: biA, workers: crewIds(A) }, 'batch.add', at(d0, '09:04'));
  await step(registerBatchInstall, { order_no: biB, workers: crewIds(B) }, 'batch.add', at(d0, '09:06'));

  const notice = (order: string, planned: string) => ({
    order_no: order,
    area: w(W.area),
    meter_boxes: w(W.boxes),
    households: 8,
    planned_date: planned,
    posted_on: d0,
    community_notified: w(W.community),
    community_contact: w(W.contact),
    community_notified_on: d0,
    users_marked: 'yes',
  });
  const tzA = await step<{ number: string; shortBy?: number }>(recordMeterNotice, notice(roA, rotationDayA), 'notice.add', at(d0, '10:00'));
  summary.notices.push(tzA.number);
  await step(R.notify, { no: roA, fields: { notice_no: tzA.number } }, 'rotation.notify', at(d0, '10:05'));
  // Team B's notice says the rotation is in 8 days: recorded, and the order cannot be notified with it.
  const late = await step<{ number: string; shortBy?: number }>(recordMeterNotice, notice(roB, lateDate), 'notice.add', at(d0, '10:10'));
  summary.notices.push(late.number);
  if (notes && late.shortBy !== 7) throw new Error(`notice.add: a notice 8 days ahead is 7 days short, not ${String(late.shortBy)}`);
  await refused(R.notify, { no: roB, fields: { notice_no: late.number } }, 'rotation.notify', at(d0, '10:15'), {
    kind: 'noticeTooLate',
    form: 'meter_notices',
    field: 'posted_on',
    record: roB,
    naming: [late.number, lateDate, '7'],
  });
  const again = await step<{ number: string; shortBy?: number }>(recordMeterNotice, notice(roB, rotationDay), 'notice.add', at(d0, '10:30'));
  summary.notices.push(again.number);
  if (notes && again.shortBy !== undefined) throw new Error(`notice.add: the new notice is in time, yet ${again.shortBy} days short`);
  await step(R.notify, { no: roB, fields: { notice_no: again.number } }, 'rotation.notify', at(d0, '10:35'));

  // ——— a day's work: the meeting, ready, (power-off), start, the installation sheets, complete
  const meeting = (crew: Crew, date: string, work: Text, roster: string[], signed: string[]) => ({
    meeting_date: date,
    team_code: crew.team,
    vendor_code: crew.vendor,
    work_leader: crew.workers[0].name,
    work_content: w(work),
    work_location: w(work === W.batchWork ? W.newArea : W.area),
    hazards: w(W.hazards),
    hazards_isolated: 'yes',
    uniform_ok: 'yes',
    helmet_ok: 'yes',
    badge_ok: 'yes',
    armband_ok: 'yes',
    gear_check: 'pass',
    roster: roster.join(list),
    roster_count: roster.length,
    crew_signatures: signed.join(list),
    signed_count: Math.max(1, signed.length),
  });
  const holdMeeting = async (crew: Crew, date: string, work: Text, time = '08:00', roster = names(crew, 2)): Promise<string> => {
    const made = await step<{ number: string }>(recordPreshiftMeeting, meeting(crew, date, work, roster, roster), 'preshift.add', at(date, time));
    summary.meetings.push(made.number);
    return made.number;
  };
  const meters = (order: string, n: number) => Array.from({ length: n }, (_, i) => `${order.replace(/\D/g, '')}${two(i + 1)}`);
  const sheets = async (order: string, kind: 'rotation' | 'batch_install', crew: Crew, date: string, list: readonly string[]) => {
    for (const [i, meter] of list.entries()) {
      const rotation = kind === 'rotation';
      await step(
        recordInstallationSheet,
        {
          work_order_no: `${order}-${two(i + 1)}`,
          work_kind: kind,
          parent_order_no: order,
          account_no: `H${meter}`,
          account_name: w(W.accountName),
          name_check: 'match',
          ...(rotation
            ? { removed_meter_no: `J${meter}`, removed_reading: String(1000 + i * 37.5) }
            : { meter_box: `B${1 + Math.floor(i / 3)}`, meter_position: String(1 + (i % 3)), breaker_no: `K${i + 1}`, correspondence_ok: 'yes', load_class: i < 2 ? 'class2' : 'class3' }),
          new_meter_no: meter,
          new_reading: '0',
          collector_type: 'wireless',
          workmanship_checked: 'live_neutral_correct、in_out_correct、terminal_screws_tight',
          site_cleaned: 'yes',
          installer: sig(crew.workers[0].name, at(date, `${10 + Math.floor(i / 4)}:${two((i % 4) * 15)}`)),
          install_date: date,
        },
        'installation.add',
        at(date, `${13 + Math.floor(i / 6)}:${two((i % 6) * 8)}`),
      );
    }
  };

  // Team A's batch install (day 2), by the book.
  const batchDayA = day(2);
  const biMetersA = meters(biA, 6);
  await holdMeeting(A, batchDayA, W.batchWork);
  await step(B_.ready, { no: biA, fields: { team_code: A.team, work_date: batchDayA } }, 'batch.ready', at(batchDayA, '08:20'));
  const powerOff = (crew: Crew, date: string) => ({ location: w(W.powerRoom), no_voltage: 'yes', visible_break: 'yes', checked: sig(crew.workers[0].name, at(date, '08:30')) });
  await step(B_['power-off'], { no: biA, fields: powerOff(A, batchDayA) }, 'batch.power-off', at(batchDayA, '08:35'));
  await step(B_.start, { no: biA }, 'batch.start', at(batchDayA, '08:40'));
  await sheets(biA, 'batch_install', A, batchDayA, biMetersA);
  await step(B_.complete, { no: biA, fields: { done_date: batchDayA, site_cleaned: 'yes' } }, 'batch.complete', at(batchDayA, '16:30'));

  // Team B's batch install (day 3): its mat expired yesterday.
  await holdMeeting(B, batchDayB, W.batchWork);
  await refused(B_.ready, { no: biB, fields: { team_code: B.team, work_date: batchDayB } }, 'batch.ready', at(batchDayB, '08:20'), {
    kind: 'gearExpired',
    form: 'safety_gear',
    field: 'valid_until',
    record: biB,
    naming: [expiredMat, addDays(batchDayB, -1), batchDayB],
  });
  await step(voidRecord('safety_gear'), { no: expiredMat, reason: w(W.gearReplaced) }, 'gear.void', at(batchDayB, '08:30'));
  await step(registerGear, gear(`G-${B.team}-${ym}-3`, B, 'insulating_mat', yearOn), 'gear.add', at(batchDayB, '08:35'));
  await step(B_.ready, { no: biB, fields: { team_code: B.team, work_date: batchDayB } }, 'batch.ready', at(batchDayB, '08:40'));
  const biMetersB = meters(biB, 6);
  await step(B_['power-off'], { no: biB, fields: powerOff(B, batchDayB) }, 'batch.power-off', at(batchDayB, '08:50'));
  await step(B_.start, { no: biB }, 'batch.start', at(batchDayB, '09:00'));
  await sheets(biB, 'batch_install', B, batchDayB, biMetersB);
  await step(B_.complete, { no: biB, fields: { done_date: batchDayB, site_cleaned: 'yes' } }, 'batch.complete', at(batchDayB, '16:40'));

  // ——— the batch investigations (F21): all Class II + 20 % of Class III, three signatures
  const signatures = (crew: Crew, date: string) => ({
    construction_sign: sig(crew.workers[0].name, at(date, '15:00')),
    inspection_sign: sig(w(W.inspector), at(date, '15:05')),
    property_sign: sig(w(W.property), at(date, '15:10')),
  });
  const investigate = async (order: string, date: string, seed: string, failing?: string) => {
    await step(B_.sample, { no: order, fields: { check_date: date, seed } }, 'batch.sample', at(date, '09:30'));
    const checked = await step<{ status: string }>(
      B_.check,
      {
        no: order,
        fields: {
          check_date: date,
          items_checked: 'screws_tight、meter_correct、polarity_correct',
          ...(failing ? { lines: [{ meter_no: failing, correspondence_ok: 'no' }], findings: w(W.findings) } : {}),
        },
      },
      'batch.check',
      at(date, '11:00'),
    );
    expectStatus('batch.check', checked, 'completed');
  };
  const batchSample = (list: readonly string[], seed: string) => drawBatchSample({ class2: list.slice(0, 2), class3: list.slice(2) }, seed);
  // Team A's: a household's position and breaker do not correspond — rectification.
  const checkA = day(5);
  const seedA = `${biA}-1`;
  const failingA = batchSample(biMetersA, seedA).class3[0];
  await investigate(biA, checkA, seedA, failingA);
  const failedA = await step<{ status: string }>(B_.sign, { no: biA, fields: signatures(A, checkA) }, 'batch.sign', at(checkA, '15:15'));
  expectStatus('batch.sign', failedA, 'rectification');
  summary.moments.batchFieldFailed = at(checkA, '15:20');
  await step(B_.rectify, { no: biA, fields: { rectified_on: day(6), rectification_note: w(W.fixedBox) } }, 'batch.rectify', at(day(6), '16:00'));
  await investigate(biA, day(7), `${biA}-2`);
  expectStatus('batch.sign', await step<{ status: string }>(B_.sign, { no: biA, fields: signatures(A, day(7)) }, 'batch.sign', at(day(7), '15:15')), 'field_checked');
  // Team B's passes.
  await investigate(biB, day(6), `${biB}-1`);
  expectStatus('batch.sign', await step<{ status: string }>(B_.sign, { no: biB, fields: signatures(B, day(6)) }, 'batch.sign', at(day(6), '15:30')), 'field_checked');

  // ——— collection verification (F22): team B's batch short of 95 %, rectified, verified again
  const collection = (date: string, collected: number) => ({
    process_end_date: addDays(date, -1),
    users_total: 6,
    users_collected: collected,
    checker: sig(w(W.checker), at(date, '10:00')),
    check_date: date,
  });
  const verify = async (steps: typeof R, label: string, order: string, date: string, collected: number, status: string) =>
    expectStatus(label, await step<{ status: string }>(steps['verify-collection'], { no: order, fields: collection(date, collected) }, label, at(date, '10:10')), status);
  await verify(B_, 'batch.verify-collection', biA, day(8), 6, 'collection_verified');
  await verify(B_, 'batch.verify-collection', biB, day(8), 5, 'rectification');
  summary.moments.batchCollectionFailed = at(day(8), '10:30');
  await step(B_.rectify, { no: biB, fields: { rectified_on: day(9), rectification_note: w(W.fixedCollector) } }, 'batch.rectify', at(day(9), '15:00'));
  await verify(B_, 'batch.verify-collection', biB, day(10), 6, 'collection_verified');

  // ——— the rotations: team B on the notice's date, one of its crew not signing first
  const rosterB = names(B, 3);
  const unsignedName = rosterB[2];
  const first = await step<{ number: string; unsigned?: readonly string[] }>(
    recordPreshiftMeeting,
    meeting(B, rotationDay, W.rotationWork, rosterB, rosterB.slice(0, 2)),
    'preshift.add',
    at(rotationDay, '08:00'),
  );
  summary.meetings.push(first.number);
  if (notes && JSON.stringify(first.unsigned) !== JSON.stringify([unsignedName])) throw new Error(`preshift.add: ${unsignedName} did not sign, the result says ${JSON.stringify(first.unsigned)}`);
  await refused(R.ready, { no: roB, fields: { team_code: B.team, work_date: rotationDay } }, 'rotation.ready', at(rotationDay, '08:15'), {
    kind: 'crewNotSigned',
    form: 'preshift_meetings',
    field: 'crew_signatures',
    record: roB,
    naming: [first.number, unsignedName],
  });
  await step(voidRecord('preshift_meetings'), { no: first.number, reason: w(W.signedAgain) }, 'preshift.void', at(rotationDay, '08:20'));
  const redone = await holdMeeting(B, rotationDay, W.rotationWork, '08:30', rosterB);
  await step(
    preshiftWorkflow.steps.inspect,
    { no: redone, fields: { inspection_kind: 'spot_check', inspector: sig(w(W.inspector), at(rotationDay, '08:40')), inspection_result: 'pass' } },
    'preshift.inspect',
    at(rotationDay, '08:45'),
  );
  await step(R.ready, { no: roB, fields: { team_code: B.team, work_date: rotationDay } }, 'rotation.ready', at(rotationDay, '08:50'));
  await step(R.start, { no: roB }, 'rotation.start', at(rotationDay, '09:00'));

  // The accident, that morning: reported by phone 80 minutes later, in writing the next working day past 24 hours.
  const occurred = at(rotationDay, '10:30');
  const accident = await step<{ number: string }>(
    registerAccident,
    { reporting_unit: w(W.unit), vendor_code: B.vendor, occurred_at: occurred, place: w(W.place), summary: w(W.summary) },
    'accident.add',
    at(rotationDay, '11:40'),
  );
  summary.accident = accident.number;
  const verbalAt = at(rotationDay, '11:50');
  await step(
    reportVerbal,
    { no: accident.number, fields: { reported_at: verbalAt, report_method: 'phone', recipients: 'work_leader、centre_leaders', reported_by: sig(B.workers[0].name, verbalAt) } },
    'accident.report-verbal',
    at(rotationDay, '11:55'),
  );
  const nextDay = addWorkingDays(calendar, rotationDay, 1);
  summary.moments.writtenReportDue = at(rotationDay, '16:00');
  const submitted = at(nextDay, '14:00');
  await step(
    reportWritten,
    {
      no: accident.number,
      fields: {
        submitted_at: submitted,
        unit_profile: w(W.profile),
        scene: w(W.scene),
        sequence: w(W.sequence),
        deaths: 0,
        injuries: 1,
        missing: 0,
        direct_loss: '1200.00',
        measures: w(W.measures),
        grade: 'general',
        submitted_by: sig(B.workers[0].name, submitted),
      },
    },
    'accident.report-written',
    at(nextDay, '14:05'),
  );

  const roMetersB = meters(roB, 8);
  await sheets(roB, 'rotation', B, rotationDay, roMetersB);
  await step(R.complete, { no: roB, fields: { done_date: rotationDay, site_cleaned: 'yes' } }, 'rotation.complete', at(rotationDay, '16:50'));

  // Team A's rotation the next working day, by the book.
  await holdMeeting(A, rotationDayA, W.rotationWork);
  await step(R.ready, { no: roA, fields: { team_code: A.team, work_date: rotationDayA } }, 'rotation.ready', at(rotationDayA, '08:20'));
  await step(R.start, { no: roA }, 'rotation.start', at(rotationDayA, '08:30'));
  const roMetersA = meters(roA, 8);
  await sheets(roA, 'rotation', A, rotationDayA, roMetersA);
  await step(R.complete, { no: roA, fields: { done_date: rotationDayA, site_cleaned: 'yes' } }, 'rotation.complete', at(rotationDayA, '16:50'));

  // ——— spot checks (F20, 15 %): team A's fails on one meter, rectified, re-checked
  const spot = async (order: string, list: readonly string[], date: string, seed: string, status: string, fail = false) => {
    await step(R.sample, { no: order, fields: { check_date: date, seed } }, 'rotation.sample', at(date, '09:30'));
    const failed = fail ? drawRotationSample(list, seed).sample[0] : undefined;
    const result = await step<{ status: string }>(
      R.check,
      {
        no: order,
        fields: {
          check_date: date,
          items_checked: 'screws_tight、polarity_correct、in_out_correct',
          checker: sig(w(W.inspector), at(date, '11:00')),
          ...(failed ? { lines: [{ meter_no: failed, items_failed: 'polarity_correct' }], defects: w(W.defects) } : {}),
        },
      },
      'rotation.check',
      at(date, '11:05'),
    );
    expectStatus('rotation.check', result, status);
  };
  await spot(roB, roMetersB, later(0), `${roB}-1`, 'field_checked');
  await spot(roA, roMetersA, later(0), `${roA}-1`, 'rectification', true);
  summary.moments.rotationFieldFailed = at(later(0), '11:30');
  await refused(R['verify-collection'], { no: roA, fields: collection(later(1), 6) }, 'rotation.verify-collection', at(later(1), '09:00'), {
    kind: 'wrongStatus',
    form: 'rotation_orders',
    field: 'status',
    record: roA,
  });
  await step(R.rectify, { no: roA, fields: { rectified_on: later(1), rectification_note: w(W.fixedWiring) } }, 'rotation.rectify', at(later(1), '15:00'));
  await spot(roA, roMetersA, later(2), `${roA}-2`, 'field_checked');

  // ——— collection: team B's rotation short, rectified, verified again
  await verify(R, 'rotation.verify-collection', roA, later(3), 6, 'collection_verified');
  await verify(R, 'rotation.verify-collection', roB, later(3), 5, 'rectification');
  summary.moments.rotationCollectionFailed = at(later(3), '10:30');
  await step(R.rectify, { no: roB, fields: { rectified_on: later(4), rectification_note: w(W.fixedCollector) } }, 'rotation.rectify', at(later(4), '15:00'));
  await verify(R, 'rotation.verify-collection', roB, later(5), 6, 'collection_verified');

  // ——— the accident investigated and closed under 四不放过 (refused first with item 4 undone)
  const investigatedOn = addWorkingDays(calendar, nextDay, 1);
  await step(investigateAccident, { no: accident.number, fields: { investigator: w(W.safety) } }, 'accident.investigate', at(investigatedOn, '09:00'));
  const closeOn = later(5);
  const items = {
    cause_established: 'yes',
    cause_evidence: w(W.causeEvidence),
    cause_date: investigatedOn,
    persons_dealt: 'yes',
    persons_evidence: w(W.personsEvidence),
    persons_date: later(1),
    measures_done: 'yes',
    measures_evidence: w(W.measuresEvidence),
    measures_date: later(2),
  };
  await refused(closeAccident, { no: accident.number, fields: items }, 'accident.close', at(later(4), '16:00'), {
    kind: 'accidentCloseIncomplete',
    form: 'accident_investigations',
    field: 'staff_educated',
    record: accident.number,
  });
  await step(
    closeAccident,
    { no: accident.number, fields: { ...items, staff_educated: 'yes', education_evidence: w(W.educationEvidence), education_date: closeOn } },
    'accident.close',
    at(closeOn, '16:00'),
  );

  // ——— month end: assessment, closing, the accident reports
  const end = day(days.length - 1);
  for (const [steps, kind, order] of [
    [B_, 'batch', biA],
    [B_, 'batch', biB],
    [R, 'rotation', roA],
    [R, 'rotation', roB],
  ] as const) {
    await step(steps.assess, { no: order }, `${kind}.assess`, at(end, '14:00'));
    await step(steps.close, { no: order }, `${kind}.close`, at(end, '14:10'));
  }
  const period = parseReportPeriod(month)!;
  for (const crew of [B, A]) {
    const report = await step<{ number: string }>(recordAccidentReport, { period, vendor: crew.vendor }, 'accidents.report', at(end, '16:30'));
    summary.reports.push(report.number);
  }
  return summary;
}

/** The field clerk who keys the month in, in the locale's words. */
export function fieldClerk(locale: Locale): string {
  return W.clerk[locale];
}
