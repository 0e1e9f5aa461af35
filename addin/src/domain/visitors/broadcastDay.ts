import { t } from '../../forms/codes';
import type { Locale, Text } from '../../i18n/locale';
import { scriptSteps, type Expected, type FieldAct } from '../fieldMonth';
import { hoursAfter } from '../accidents';
import { closeBroadcast, readBroadcast, requestBroadcast } from './broadcasts';

/**
 * The broadcast station's part of the busy day at the scenic area (issue 13 "Done when"): five
 * missing-person requests, one script played by the tests on the Office.js backend and through the
 * command line, by the bench at 100,000 rows, and by the demo. `act` performs one step on some
 * backend at a moment of the day; the script decides what the announcer does next and checks that
 * what must be refused is refused, with a message naming the record, the column and the reason:
 *
 * - a request registered without Mandarin (refused), then with it;
 * - a child found after the first reading: closed early with the reason;
 * - a grandmother read twice, then closed as found without a reason (refused): read a third time,
 *   then closed as found;
 * - the others read three times and closed as found, handed to the police, withdrawn.
 */

export interface BroadcastDayOptions {
  /** 'YYYY-MM-DD': the day. */
  readonly date: string;
  /** The words people write in, and the language refusals are checked in. */
  readonly locale: Locale;
  /** Whether step results carry the count and time of a reading (the command line prints the status only). */
  readonly notes?: boolean;
}

export interface BroadcastDaySummary {
  /** The five requests, in the order made. */
  readonly requests: string[];
  /** The outcome each was closed with, by number. */
  readonly outcomes: Record<string, string>;
  /** The labels of the refusals met, in order. */
  readonly refusals: string[];
  /** The moments worth looking at from outside (the queue), by name. */
  readonly moments: Record<string, string>;
  steps: number;
}

const W = {
  requesters: [t('王芳', '王芳', 'Wang Fang'), t('陈建国', '陳建國', 'Chen Jianguo'), t('刘洋', '劉洋', 'Liu Yang'), t('孙丽', '孫麗', 'Sun Li'), t('周涛', '周濤', 'Zhou Tao')],
  relationships: [t('母亲', '母親', 'mother'), t('儿子', '兒子', 'son'), t('丈夫', '丈夫', 'husband'), t('女儿', '女兒', 'daughter'), t('同事', '同事', 'colleague')],
  staff: [t('检票员李明', '驗票員李明', 'Li Ming, ticket checker'), t('保安赵强', '保全趙強', 'Zhao Qiang, security')],
  missing: [t('李小宝', '李小寶', 'Li Xiaobao'), t('陈奶奶', '陳奶奶', 'Grandma Chen'), t('刘欣', '劉欣', 'Liu Xin'), t('孙大爷', '孫大爺', 'Grandpa Sun'), t('周可可', '周可可', 'Zhou Keke')],
  clothing: [
    t('红色上衣、蓝色短裤，背小熊书包', '紅色上衣、藍色短褲，背小熊書包', 'red top, blue shorts, a teddy-bear backpack'),
    t('灰色外套，拄拐杖，说方言', '灰色外套，拄枴杖，說方言', 'grey coat, a walking stick, speaks the local dialect'),
    t('白色连衣裙，戴遮阳帽', '白色連身裙，戴遮陽帽', 'white dress and a sun hat'),
    t('深蓝中山装，戴老花镜', '深藍中山裝，戴老花眼鏡', 'dark blue tunic suit, reading glasses'),
    t('黄色雨衣，粉色水壶', '黃色雨衣，粉紅色水壺', 'yellow raincoat, a pink water bottle'),
  ],
  places: [t('南门售票处', '南門售票處', 'the South Gate ticket office'), t('湖心亭', '湖心亭', 'the lake pavilion'), t('索道下站', '纜車下站', 'the cable car lower station')],
  meeting: t('南门游客服务中心', '南門遊客服務中心', 'the South Gate visitor centre'),
  foundFirst: t('第一遍播出后家属在出口找到孩子', '第一遍播出後家屬在出口找到孩子', 'The family found the child at the exit after the first reading'),
  announcer: t('广播员周敏', '廣播員周敏', 'Zhou Min, announcer'),
} as const;

const BASE = { sex: ['male', 'female', 'female', 'male', 'female'], age: [6, 78, 24, 81, 5] } as const;

export async function playBroadcastDay(act: FieldAct, options: BroadcastDayOptions): Promise<BroadcastDaySummary> {
  const { date, locale } = options;
  const notes = options.notes ?? true;
  const w = (text: Text) => text[locale];
  const at = (time: string) => `${date} ${time}`;
  const summary: BroadcastDaySummary = { requests: [], outcomes: {}, refusals: [], moments: {}, steps: 0 };
  const script = scriptSteps(act, locale, summary);
  const step = <R>(operation: unknown, input: unknown, label: string, time: string): Promise<R> => script.step<R>(operation, input, label, at(time));
  const refused = (operation: unknown, input: unknown, label: string, time: string, expected: Expected) => script.refused(operation, input, label, at(time), expected);
  const { expectStatus } = script;
  /** A request made at `time`, the person last seen 20 minutes before. */
  const request = (i: number, time: string, languages: string) => ({
    requested_at: at(time),
    requester: w(W.requesters[i]),
    requester_phone: `1380000${String(1000 + i)}`,
    relationship: w(W.relationships[i]),
    assisting_staff: w(W.staff[i % 2]),
    missing_name: w(W.missing[i]),
    missing_sex: BASE.sex[i],
    missing_age: BASE.age[i],
    clothing: w(W.clothing[i]),
    last_seen_at: hoursAfter(at(time), -20 / 60),
    last_seen_place: w(W.places[i % 3]),
    meeting_point: w(W.meeting),
    languages,
  });
  const add = async (i: number, time: string, languages = 'mandarin') => {
    const made = await step<{ number: string }>(requestBroadcast, request(i, time, languages), 'broadcast.add', time);
    summary.requests.push(made.number);
    return made.number;
  };
  /** One reading; the count it reached is checked where the result carries it. */
  const read = async (no: string, time: string, count: number) => {
    const result = await step<{ status: string; readings?: number; readAt?: string }>(readBroadcast, { no, fields: { announcer: w(W.announcer) } }, 'broadcast.read', time);
    expectStatus('broadcast.read', result, count >= 3 ? 'broadcast_done' : 'broadcasting');
    if (notes && (result.readings !== count || result.readAt !== at(time)))
      throw new Error(`broadcast.read ${no}: expected reading ${count} at ${at(time)}, got ${result.readings} at ${result.readAt}`);
  };
  const close = async (no: string, time: string, outcome: string, reason?: string) => {
    const result = await step<{ status: string }>(closeBroadcast, { no, fields: { outcome, closed_at: at(time), ...(reason ? { early_close_reason: reason } : {}) } }, 'broadcast.close', time);
    expectStatus('broadcast.close', result, 'closed');
    summary.outcomes[no] = outcome;
  };

  // 10:05 a child at the South Gate: the clerk leaves Mandarin out at first (refused), then registers it with English too.
  await refused(requestBroadcast, request(0, '10:05', 'english'), 'broadcast.add', '10:05', { kind: 'broadcastMandarinRequired', form: 'broadcasts', field: 'languages', record: '' });
  const child = await add(0, '10:06', 'mandarin、english');
  await read(child, '10:08', 1);
  // Found at the exit after the first reading: closed early, the reason written.
  await close(child, '10:12', 'found', w(W.foundFirst));

  // 10:30 a grandmother, in Mandarin and the local dialect; at 10:45 the queue shows her overdue for a reading.
  const grandma = await add(1, '10:30', 'mandarin、local_dialect');
  await read(grandma, '10:32', 1);
  await read(grandma, '10:34', 2);
  summary.moments.grandmaOverdue = at('10:45');
  // Found after two readings: closing without a reason is refused, naming the readings and the minimum.
  await refused(closeBroadcast, { no: grandma, fields: { outcome: 'found', closed_at: at('10:50') } }, 'broadcast.close', '10:50', {
    kind: 'broadcastEarlyReasonMissing',
    form: 'broadcasts',
    field: 'early_close_reason',
    record: grandma,
    naming: ['2', '3'],
  });
  await read(grandma, '10:51', 3);
  await close(grandma, '10:55', 'found');

  // Three more requests over the afternoon, each read three times, then closed: found, withdrawn, handed to the police.
  const young = await add(2, '13:10');
  for (const [i, time] of ['13:12', '13:17', '13:22'].entries()) await read(young, time, i + 1);
  await close(young, '13:40', 'found');
  const grandpa = await add(3, '14:00', 'mandarin、local_dialect');
  for (const [i, time] of ['14:02', '14:07', '14:12'].entries()) await read(grandpa, time, i + 1);
  const toddler = await add(4, '15:20', 'mandarin、english');
  for (const [i, time] of ['15:22', '15:27', '15:32'].entries()) await read(toddler, time, i + 1);
  summary.moments.afternoon = at('15:35');
  await close(toddler, '16:00', 'withdrawn');
  await close(grandpa, '16:30', 'handed_to_police');
  if (summary.requests.length !== 5) throw new Error(`broadcast day: ${summary.requests.length} requests, not 5`);
  return summary;
}
