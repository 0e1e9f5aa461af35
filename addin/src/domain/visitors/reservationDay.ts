import { SCENIC_DEPARTMENTS, t } from '../../forms/codes';
import type { Locale, Text } from '../../i18n/locale';
import { codeText } from '../deskSteps';
import { scriptSteps, type FieldAct } from '../fieldMonth';
import { addDays } from '../fieldWork/fieldGuards';
import { reservationWorkflow } from './reservations';

/**
 * The reservations' part of the scenic area's busy day (issue 13 "Done when"): two special groups
 * visiting on `day`, played on any backend by `act` (the Office.js backend on the in-memory host,
 * the command line, the bench at 100,000 rows, the demo). Both are reserved five days before, their
 * plans drafted and sent to several departments; a department is sent the plan twice (refused);
 * the catering department of the first group is late: on the day before the visit it has neither
 * acknowledged nor said it is ready, and `look('lateToAcknowledge')` is when the to-do queue shows
 * it; its `ready` before acknowledging is refused; it acknowledges, gets ready, the tickets are
 * delivered against signed receipts, both groups are served on the day and the reservations closed.
 * Each refusal is checked by `checkRefusal`: of the kind expected, naming the record, the
 * department, the column and the reason.
 */

export interface ReservationDayOptions {
  /** 'YYYY-MM-DD': the day the two groups visit (the busy day). */
  readonly day: string;
  /** The words people write in, and the language refusals are checked in. */
  readonly locale: Locale;
  /** Called at the moments worth looking at from outside (the to-do queue), by name and time. */
  readonly look?: (moment: string, at: string) => Promise<void>;
}

export interface ReservationDaySummary {
  /** The two reservations' numbers, the senior group's first. */
  readonly reservations: string[];
  readonly plans: string[];
  /** The labels of the refusals met, in order. */
  readonly refusals: string[];
  /** The moments `look` was called at, by name. */
  readonly moments: Record<string, string>;
  /** The department late to acknowledge (a code). */
  readonly late: string;
  steps: number;
}

const W = {
  clerk: t('林晓燕', '林曉燕', 'Lin Xiaoyan'),
  seniors: t('夕阳红老年大学游园团', '夕陽紅老年大學遊園團', 'Sunset Years Senior College outing'),
  school: t('阳光特殊教育学校', '陽光特殊教育學校', 'Sunshine Special Education School'),
  contactA: t('周淑芬', '周淑芬', 'Zhou Shufen'),
  contactB: t('陈志明', '陳志明', 'Chen Zhiming'),
  addressA: t('老年大学传达室（人民路18号）', '老年大學傳達室（人民路18號）', 'Senior College lodge, 18 Renmin Road'),
  addressB: t('阳光特殊教育学校教务处', '陽光特殊教育學校教務處', 'Sunshine School registry'),
  routeA: t(
    '东门入园—湖滨栈道—观景台—南门出园，全程无台阶路线',
    '東門入園—湖濱棧道—觀景台—南門出園，全程無台階路線',
    'East gate, lakeside boardwalk, viewing terrace, south gate: a route without steps',
  ),
  routeB: t('北门入园—植物园—儿童科普馆', '北門入園—植物園—兒童科普館', 'North gate, botanical garden, children’s science hall'),
  transportA: t('两辆大巴停东门无障碍车位', '兩輛大巴停東門無障礙車位', 'Two coaches at the east gate’s accessible bays'),
  guideA: t('普通话讲解员一名，语速放慢', '普通話講解員一名，語速放慢', 'One Mandarin guide, speaking slowly'),
  facilitiesA: t('轮椅4辆、电瓶车2辆', '輪椅4輛、電瓶車2輛', '4 wheelchairs, 2 electric carts'),
  mealsA: t('湖滨餐厅午餐32份，少盐少油、软食', '湖濱餐廳午餐32份，少鹽少油、軟食', 'Lunch for 32 at the lakeside restaurant, low salt, soft food'),
  needsA: t('2名轮椅使用者，需无障碍卫生间', '2名輪椅使用者，需無障礙衛生間', 'Two wheelchair users: accessible toilets needed'),
  facilitiesB: t('婴儿车6辆', '嬰兒車6輛', '6 strollers'),
  needsB: t('10名残疾学生，安排志愿者陪同', '10名殘疾學生，安排志願者陪同', '10 disabled pupils, with volunteers'),
  drafter: t('王海燕', '王海燕', 'Wang Haiyan'),
  tickets: t('团体优惠票', '團體優惠票', 'Group concession'),
  courier: t('赵军', '趙軍', 'Zhao Jun'),
  closingA: t('实到31人，1人因病未来', '實到31人，1人因病未來', '31 came; one was ill'),
} as const;

/** Who signs for each department (the acknowledgement is a signature). */
const SIGNERS: Readonly<Record<string, Text>> = {
  site_operations: t('孙立平', '孫立平', 'Sun Liping'),
  catering: t('何丽', '何麗', 'He Li'),
  security: t('吴刚', '吳剛', 'Wu Gang'),
  market_management: t('郑敏', '鄭敏', 'Zheng Min'),
};

/** The clerk of the market-management department who keys the reservations in, in the locale's words. */
export function reservationClerk(locale: Locale): string {
  return W.clerk[locale];
}

export async function playReservationDay(act: FieldAct, options: ReservationDayOptions): Promise<ReservationDaySummary> {
  const { day, locale } = options;
  const w = (text: Text) => text[locale];
  const at = (offset: number, time: string) => `${addDays(day, offset)} ${time}`;
  const sig = (by: string, when: string) => ({ by, at: when });
  const S = reservationWorkflow.steps;
  const late = 'catering';
  const summary: ReservationDaySummary = { reservations: [], plans: [], refusals: [], moments: {}, late, steps: 0 };
  const { step, refused, expectStatus } = scriptSteps(act, locale, summary);
  const dept = (code: string) => codeText(SCENIC_DEPARTMENTS, code)[locale];

  // ——— five days before: the two reservations
  const reserve = (received: string, group: Text, contact: Text, phone: string, arrival: string, counts: [number, number, number, number], address: Text, ticketTime: string) => ({
    received_at: received,
    group_name: w(group),
    contact: w(contact),
    contact_phone: phone,
    arrival_at: arrival,
    headcount: counts[0],
    seniors: counts[1],
    disabled: counts[2],
    children: counts[3],
    ticket_address: w(address),
    ticket_time: ticketTime,
  });
  const a = await step<{ number: string }>(
    reservationWorkflow.create!,
    reserve(at(-5, '10:00'), W.seniors, W.contactA, '13905710021', at(0, '09:30'), [32, 28, 2, 0], W.addressA, at(-1, '16:00')),
    'reservation.add',
    at(-5, '10:05'),
  );
  const b = await step<{ number: string }>(
    reservationWorkflow.create!,
    reserve(at(-5, '11:15'), W.school, W.contactB, '13857120456', at(0, '14:00'), [24, 0, 10, 14], W.addressB, at(-1, '17:00')),
    'reservation.add',
    at(-5, '11:20'),
  );
  summary.reservations.push(a.number, b.number);

  // ——— four days before: the plans drafted and sent
  const drafted = sig(w(W.drafter), at(-4, '09:00'));
  const planA = await step<{ created?: string; status: string }>(
    S.plan,
    {
      no: a.number,
      fields: {
        route: w(W.routeA),
        transport_parking: w(W.transportA),
        guide: w(W.guideA),
        facilities: w(W.facilitiesA),
        meals: w(W.mealsA),
        special_needs: w(W.needsA),
        drafted_by: drafted,
      },
    },
    'reservation.plan',
    at(-4, '09:05'),
  );
  expectStatus('reservation.plan', planA, 'plan_drafted');
  const planB = await step<{ created?: string; status: string }>(
    S.plan,
    { no: b.number, fields: { route: w(W.routeB), facilities: w(W.facilitiesB), special_needs: w(W.needsB), drafted_by: sig(w(W.drafter), at(-4, '09:30')) } },
    'reservation.plan',
    at(-4, '09:35'),
  );
  summary.plans.push(`JH-${a.number}`, `JH-${b.number}`);
  for (const [label, made, no] of [
    ['A', planA, a.number],
    ['B', planB, b.number],
  ] as const) {
    if (made.created !== undefined && made.created !== `JH-${no}`) throw new Error(`reservation.plan ${label}: the plan is JH-${no}, not ${made.created}`);
  }
  const deptsA = ['site_operations', 'catering', 'security'];
  const deptsB = ['site_operations', 'market_management'];
  expectStatus('reservation.send', await step(S.send, { no: a.number, fields: { departments: deptsA, sent_at: at(-4, '10:00') } }, 'reservation.send', at(-4, '10:00')), 'plan_sent');
  expectStatus('reservation.send', await step(S.send, { no: b.number, fields: { departments: ['site_operations'], sent_at: at(-4, '10:10') } }, 'reservation.send', at(-4, '10:10')), 'plan_sent');
  // The school's plan goes to the ticket checkers too; the site is listed again by mistake.
  await refused(S.send, { no: b.number, fields: { departments: deptsB, sent_at: at(-4, '11:00') } }, 'reservation.send', at(-4, '11:00'), {
    kind: 'deptAlreadySent',
    form: 'plan_distributions',
    field: 'department',
    record: b.number,
    naming: [dept('site_operations'), at(-4, '10:10')],
  });
  await step(S.send, { no: b.number, fields: { departments: ['market_management'], sent_at: at(-4, '11:05') } }, 'reservation.send', at(-4, '11:05'));

  // ——— the departments acknowledge and prepare (the caterers of the senior group do not)
  const acknowledge = (no: string, code: string, when: string) =>
    step<{ status: string }>(S.acknowledge, { no, fields: { department: code, acknowledged: sig(w(SIGNERS[code]), when) } }, 'reservation.acknowledge', when);
  const ready = (no: string, code: string, when: string) => step<{ status: string }>(S.ready, { no, fields: { department: code, ready_at: when } }, 'reservation.ready', when);
  await acknowledge(a.number, 'site_operations', at(-3, '09:10'));
  await acknowledge(a.number, 'security', at(-3, '09:40'));
  await acknowledge(b.number, 'site_operations', at(-3, '09:15'));
  await acknowledge(b.number, 'market_management', at(-3, '10:20'));
  expectStatus('reservation.ready', await ready(a.number, 'site_operations', at(-3, '16:00')), 'plan_sent');
  expectStatus('reservation.ready', await ready(b.number, 'site_operations', at(-2, '15:00')), 'plan_sent');
  expectStatus('reservation.ready', await ready(b.number, 'market_management', at(-2, '15:30')), 'depts_ready');
  expectStatus('reservation.ready', await ready(a.number, 'security', at(-2, '16:30')), 'plan_sent');

  // ——— the day before: the caterers are late
  summary.moments.lateToAcknowledge = at(-1, '08:00');
  await options.look?.('lateToAcknowledge', summary.moments.lateToAcknowledge);
  await refused(S.ready, { no: a.number, fields: { department: late, ready_at: at(-1, '08:30') } }, 'reservation.ready', at(-1, '08:30'), {
    kind: 'deptNotAcknowledged',
    form: 'plan_distributions',
    field: 'acknowledged_by',
    record: a.number,
    naming: [dept(late)],
  });
  await acknowledge(a.number, late, at(-1, '08:45'));
  expectStatus('reservation.ready', await ready(a.number, late, at(-1, '11:00')), 'depts_ready');

  // ——— tickets against signed receipts
  const deliver = (no: string, count: number, when: string, receiver: Text) =>
    step<{ status: string }>(
      S.deliver,
      { no, fields: { ticket_count: count, ticket_type: w(W.tickets), delivered_at: when, delivered_by: sig(w(W.courier), when), received_by: sig(w(receiver), when) } },
      'reservation.deliver',
      when,
    );
  expectStatus('reservation.deliver', await deliver(a.number, 32, at(-1, '15:30'), W.contactA), 'tickets_delivered');
  expectStatus('reservation.deliver', await deliver(b.number, 24, at(-1, '16:40'), W.contactB), 'tickets_delivered');

  // ——— the day: served, closed
  expectStatus('reservation.serve', await step(S.serve, { no: a.number, fields: { served_at: at(0, '09:40'), served_count: 31 } }, 'reservation.serve', at(0, '09:45')), 'served');
  expectStatus('reservation.serve', await step(S.serve, { no: b.number, fields: { served_at: at(0, '14:05'), served_count: 24 } }, 'reservation.serve', at(0, '14:10')), 'served');
  expectStatus('reservation.close', await step(S.close, { no: a.number, fields: { closing_note: w(W.closingA) } }, 'reservation.close', at(0, '17:30')), 'closed');
  expectStatus('reservation.close', await step(S.close, { no: b.number }, 'reservation.close', at(0, '17:35')), 'closed');
  return summary;
}
