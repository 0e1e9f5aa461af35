import { complaintMeasures, complaints } from '../forms/serviceDesk';
import { DEPARTMENTS } from '../forms/codes';
import type { Ledger } from '../ledger/types';
import type { Clock } from './clock';
import { importTable } from './importing';
import { KefuError } from './problems';
import { createNumberedRecord, runOperation, type Operation } from './records';
import {
  archiveComplaint,
  compileSuggestions,
  completeRepair,
  closeRepair,
  dispatchComplaint,
  dispatchRepair,
  escalateOther,
  receiveMatter,
  recordHandling,
  recordReturnVisit,
  repairArrived,
  repairWaitingParts,
  replyToInquiry,
  returnRepairCopy,
  returnToCustomerService,
  signRepairOrder,
  verifyIssue,
  voidRecord,
  type StepInput,
  type StepResult,
} from './serviceDesk';

/**
 * Demo data made the way a clerk would make it: by running the real operations on a ledger, with
 * a seeded random generator so the same year gives the same workbook.
 */

/** Mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What complainants say, and the subject (热点事项) a clerk files it under, by category. */
const COMPLAINT_TEXTS: Readonly<Record<string, readonly (readonly [content: string, subject: string])[]>> = {
  cleaning: [
    ['病房卫生间地面有积水，未及时清理', '卫生间积水未清理'],
    ['走廊垃圾桶满溢，气味很大', '垃圾清运不及时'],
    ['门诊大厅地面湿滑，没有警示牌', '湿滑地面无警示'],
  ],
  engineering: [
    ['病房空调不制冷，报修两天无人处理', '病房空调不制冷'],
    ['卫生间水龙头漏水', '水龙头漏水'],
    ['病房灯管闪烁', '病房照明故障'],
  ],
  security: [
    ['夜间探视人员未登记即进入病区', '夜间探视未登记'],
    ['急诊门口秩序混乱，无人疏导', '急诊门口秩序混乱'],
  ],
  parking: [
    ['停车场收费标准不清楚', '停车收费不透明'],
    ['地下车库指示牌不明确，找不到出口', '车库指示不清'],
  ],
  elevator: [
    ['3号电梯经常停运，等候时间过长', '电梯停运等候过长'],
    ['电梯内空调不开，闷热', '电梯内闷热'],
  ],
  transport: [
    ['陪检人员迟到半小时，耽误检查', '陪检人员迟到'],
    ['运送患者时推车颠簸', '推车运送颠簸'],
  ],
  catering: [
    ['营养餐送达时已经凉了', '营养餐送达变凉'],
    ['食堂饭菜价格偏高', '食堂价格偏高'],
  ],
  laundry: [
    ['病号服有污渍未洗净', '病号服未洗净'],
    ['更换床单不及时', '床单更换不及时'],
  ],
  attitude: [
    ['保洁员对患者家属态度生硬', '保洁员态度生硬'],
    ['导诊台工作人员不耐烦', '导诊服务态度差'],
  ],
  other: [
    ['院内指示标识不清', '院内标识不清'],
    ['候诊区座椅不够', '候诊座椅不足'],
  ],
};

/** How often each category comes up at a hospital's desk (weights), so the statistics have a Pareto. */
const CATEGORY_WEIGHT: Readonly<Record<string, number>> = {
  cleaning: 20,
  engineering: 18,
  elevator: 14,
  parking: 10,
  attitude: 10,
  catering: 8,
  transport: 6,
  security: 5,
  laundry: 5,
  other: 4,
};

function weighted(random: () => number, weights: Readonly<Record<string, number>>): string {
  const entries = Object.entries(weights);
  let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1][0];
}

const DEPARTMENT_OF: Readonly<Record<string, string>> = {
  cleaning: 'cleaning',
  engineering: 'engineering',
  security: 'security',
  parking: 'security',
  elevator: 'engineering',
  transport: 'transport',
  catering: 'catering',
  laundry: 'laundry',
  attitude: 'customer_service',
  other: 'management',
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'];
const WARDS = ['心内科', '骨科', '儿科', '妇产科', '急诊科', '门诊部', '神经内科', '普外科'];
const CLERKS = ['王丽', '陈静'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** One plausible complaint received on a day of `year`, as a clerk would type it. */
export function demoComplaint(random: () => number, year: number): Record<string, unknown> {
  const category = weighted(random, CATEGORY_WEIGHT);
  const [content, subject] = pick(random, COMPLAINT_TEXTS[category]);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const hour = 8 + Math.floor(random() * 10);
  const minute = Math.floor(random() * 60);
  const receivedAt = `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}`;
  const anonymous = random() < 0.1;
  const department = DEPARTMENTS.find((d) => d.code === DEPARTMENT_OF[category])!.code;
  return {
    received_at: receivedAt,
    channel: pick(random, ['visit', 'visit', 'phone', 'phone', 'phone', 'letter', 'wechat', 'hotline_12345']),
    anonymous: anonymous ? 'yes' : 'no',
    ...(anonymous
      ? {}
      : {
          complainant: pick(random, SURNAMES) + pick(random, GIVEN),
          complainant_dept: pick(random, WARDS),
          complainant_phone: `1${30 + Math.floor(random() * 60)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
        }),
    content,
    subject,
    category,
    department,
    urgency: random() < 0.15 ? 'urgent' : 'normal',
    receptionist: { by: pick(random, CLERKS), at: receivedAt },
  };
}

export interface DemoOptions {
  readonly year: number;
  /** Complaints received in the year (default 120); the other categories scale with it. */
  readonly complaints?: number;
  readonly seed?: number;
  readonly clock: Clock;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  readonly complaints: number;
  readonly receptions: number;
  readonly repairs: number;
  readonly actions: number;
}

/** How many receptions of each category come with one complaint, in a year at a hospital desk. */
const CATEGORY_SHARE: Readonly<Record<string, number>> = {
  inquiry: 1.5,
  repair: 1.25,
  issue_report: 0.5,
  suggestion: 0.4,
  other: 0.35,
};

const MATTERS: Readonly<Record<string, readonly string[]>> = {
  inquiry: ['询问体检中心开放时间', '询问住院押金退还手续', '询问停车场月卡办理', '询问陪护证办理流程', '询问食堂营业时间'],
  repair: ['病房卫生间水龙头漏水', '走廊灯管不亮', '空调不制冷', '病房门锁损坏', '护士站插座无电', '开水器不出水'],
  issue_report: ['住院楼电梯间有烟味', '夜间急诊门口车辆乱停', '门诊楼外墙瓷砖松动', '花园路灯不亮'],
  suggestion: ['建议门诊增加休息座椅', '建议食堂增加清淡菜品', '建议增设自助充电设施', '建议延长探视时间'],
  other: ['家属遗失物品寻找', '媒体来访咨询', '外来人员推销', '患者家属情绪激动需协调'],
};

const TRADES: Readonly<Record<string, string>> = {
  病房卫生间水龙头漏水: 'water',
  走廊灯管不亮: 'electrical',
  空调不制冷: 'hvac',
  病房门锁损坏: 'doors_windows',
  护士站插座无电: 'electrical',
  开水器不出水: 'equipment',
};

const BUILDINGS = ['门诊楼', '住院楼A', '住院楼B', '医技楼', '行政楼'];
const MANAGERS = ['赵主任', '孙主管'];
const TECHNICIANS = ['刘师傅', '周师傅', '吴师傅', '郑师傅'];

/** 'YYYY-MM-DD HH:MM' plus minutes. */
function later(at: string, minutes: number): string {
  const iso = new Date(Date.parse(`${at.slice(0, 10)}T${at.slice(11, 16)}:00Z`) + Math.round(minutes) * 60_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function receivedAt(random: () => number, year: number): string {
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${two(month)}-${two(day)} ${two(8 + Math.floor(random() * 10))}:${two(Math.floor(random() * 60))}`;
}

interface DemoMatter {
  readonly category: string;
  readonly input: Record<string, unknown>;
}

function demoMatter(random: () => number, year: number, category: string): DemoMatter {
  if (category === 'complaint') {
    const c = demoComplaint(random, year);
    return {
      category,
      input: {
        received_at: c.received_at,
        channel: c.channel,
        ...(c.anonymous === 'yes' ? {} : { caller: c.complainant, caller_dept: c.complainant_dept, caller_phone: c.complainant_phone }),
        matter: c.content,
        category,
        receptionist: c.receptionist,
        complaint: { category: c.category, department: c.department, urgency: c.urgency, subject: c.subject, anonymous: c.anonymous },
      },
    };
  }
  const at = receivedAt(random, year);
  const matter = pick(random, MATTERS[category]);
  const input: Record<string, unknown> = {
    received_at: at,
    channel: pick(random, ['visit', 'visit', 'phone', 'phone', 'phone', 'letter', 'wechat']),
    caller: pick(random, SURNAMES) + pick(random, GIVEN),
    caller_dept: pick(random, WARDS),
    caller_phone: `1${30 + Math.floor(random() * 60)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    matter,
    category,
    receptionist: { by: pick(random, CLERKS), at },
  };
  if (category === 'inquiry') input.answered_on_spot = random() < 0.7 ? 'yes' : 'no';
  if (category === 'issue_report') input.referred_to = pick(random, ['security', 'engineering', 'cleaning', 'management']);
  if (category === 'other') input.importance = random() < 0.6 ? 'normal' : random() < 0.75 ? 'important' : 'critical';
  if (category === 'repair') {
    input.repair = {
      location: `${pick(random, BUILDINGS)}-${1 + Math.floor(random() * 12)}层-${100 + Math.floor(random() * 30)}`,
      trade: TRADES[matter] ?? 'equipment',
      urgency: random() < 0.15 ? 'urgent' : 'normal',
    };
  }
  return { category, input };
}

/**
 * A realistic year at the hospital property desk, made by running the real operations on `ledger`
 * in the order things were received: receptions of all six categories; every complaint through
 * dispatch, handling, return to Customer Service, the return visit (some dissatisfied, reopened
 * and handled again) and archiving; repair orders through Engineering's sign-off, dispatch,
 * completion, return of copy 2 and closing; replies, verifications, escalations and a monthly
 * compilation of suggestions. The last weeks of the year stay partly open, as a desk's would.
 */
export async function buildDemo(ledger: Ledger, options: DemoOptions): Promise<DemoResult> {
  const random = seededRandom(options.seed ?? options.year);
  const complaintCount = options.complaints ?? 120;
  const counts: Record<string, number> = { complaint: complaintCount };
  for (const [category, share] of Object.entries(CATEGORY_SHARE)) counts[category] = Math.round(complaintCount * share);
  const matters = Object.entries(counts)
    .flatMap(([category, n]) => Array.from({ length: n }, () => demoMatter(random, options.year, category)))
    .sort((a, b) => String(a.input.received_at).localeCompare(String(b.input.received_at)));
  const total = matters.length;
  const yearEnd = `${options.year}-12-20`;
  let actions = 0;
  let repairs = 0;
  const context = (clerk: string) => ({ clock: options.clock, actor: { clerk, site: '市第一人民医院' } });
  const run = async <I, R>(operation: Operation<I, unknown, R>, input: I, clerk: string): Promise<R> => {
    actions += 1;
    return (await runOperation(ledger, operation, input, context(clerk))).result;
  };
  const S = (op: unknown) => op as Operation<StepInput, unknown, StepResult>;
  const sig = (by: string, at: string) => ({ by, at });
  const suggestionsByMonth = new Map<string, string[]>();

  for (let i = 0; i < matters.length; i++) {
    const { category, input } = matters[i];
    const clerk = (input.receptionist as { by: string }).by;
    const at = String(input.received_at);
    const open = at.slice(0, 10) >= yearEnd; // the last days of the year are still in progress
    const received = await run(receiveMatter, input as unknown, clerk);
    if (category === 'inquiry' && received.status !== 'closed' && !open) {
      await run(S(replyToInquiry), { no: received.number, fields: { replied_at: later(at, 60 + random() * 1500), reply: '已电话答复来访人' } }, clerk);
    } else if (category === 'issue_report' && !open) {
      await run(S(verifyIssue), { no: received.number, fields: { verification_result: '经核实属实，已由责任部门整改' } }, clerk);
    } else if (category === 'other' && !open) {
      const critical = input.importance === 'critical';
      await run(S(escalateOther), { no: received.number, fields: { escalated: critical || (input.importance === 'important' && random() < 0.5) ? 'yes' : 'no' } }, clerk);
    } else if (category === 'suggestion') {
      const month = at.slice(0, 7);
      suggestionsByMonth.set(month, [...(suggestionsByMonth.get(month) ?? []), received.number]);
    } else if (category === 'complaint' && received.complaintNo) {
      const no = received.complaintNo;
      if (random() < 0.03) {
        await run(voidRecord('complaints'), { no, reason: '重复登记，已并入前一投诉' }, clerk);
      } else if (!open) {
        const department = String((input.complaint as { department: string }).department);
        let t = later(at, 20 + random() * 200);
        await run(S(dispatchComplaint), { no, fields: { copy1_signed: sig(`${department}负责人`, t), copy2_filed: sig(clerk, t) } }, clerk);
        for (let round = 0; ; round++) {
          t = later(t, 600 + random() * 3000);
          await run(S(recordHandling), { no, fields: { action_result: round === 0 ? '已安排人员处理并向投诉人说明' : '再次整改并当面致歉', substantiated: pick(random, ['yes', 'yes', 'partly', 'no']), handled_at: t } }, clerk);
          t = later(t, 60 + random() * 240);
          await run(S(returnToCustomerService), { no, fields: { returned_to_cs: sig(clerk, t) } }, clerk);
          t = later(t, 600 + random() * 2400);
          const unhappy = round === 0 && random() < 0.1;
          const visit = await run(
            S(recordReturnVisit),
            {
              no,
              fields: {
                visited_at: t,
                method: pick(random, ['phone', 'phone', 'in_person', 'written']),
                person_visited: String(input.caller ?? '投诉人'),
                resolved: unhappy ? 'no' : 'yes',
                satisfaction: unhappy ? 'dissatisfied' : pick(random, ['satisfied', 'satisfied', 'fairly_satisfied']),
                visitor: sig(pick(random, MANAGERS), t),
                received_by_cs: sig(clerk, later(t, 30)),
              },
            },
            clerk,
          );
          if (!visit.reopened) break;
        }
        await run(S(archiveComplaint), { no, fields: { archived: sig(clerk, later(t, 1440)) } }, clerk);
      }
    } else if (category === 'repair' && received.repairOrderNo) {
      repairs += 1;
      const no = received.repairOrderNo;
      if (!open) {
        let t = later(at, 5 + random() * 30);
        await run(S(signRepairOrder), { no, fields: { engineering_signed: sig('工程部值班员', t) } }, clerk);
        await run(S(dispatchRepair), { no, fields: { technician: pick(random, TECHNICIANS) } }, clerk);
        if (random() < 0.7) {
          t = later(t, 15 + random() * 60);
          await run(S(repairArrived), { no, fields: { arrived_at: t } }, clerk);
        }
        if (random() < 0.1) await run(S(repairWaitingParts), { no }, clerk);
        t = later(t, 30 + random() * 1800);
        const paid = random() < 0.1;
        await run(
          S(completeRepair),
          { no, fields: { completed_at: t, result: '已修复，试用正常', materials: random() < 0.5 ? '配件1套' : '', paid: paid ? 'yes' : 'no', ...(paid ? { cost: (20 + Math.floor(random() * 200)).toFixed(2) } : {}), requester_accepted: sig(String(input.caller), later(t, 5)) } },
          clerk,
        );
        await run(S(returnRepairCopy), { no, fields: { returned_to_cs: sig(clerk, later(t, 90)) } }, clerk);
        await run(S(closeRepair), { no, fields: { visit_result: pick(random, ['satisfied', 'satisfied', 'satisfied', 'fairly_satisfied', 'dissatisfied']) } }, clerk);
      }
    }
    options.onProgress?.(i + 1, total);
  }
  for (const [month, numbers] of suggestionsByMonth) {
    if (month >= yearEnd.slice(0, 7)) continue; // December's are compiled next month
    await run(compileSuggestions, { numbers, compiled_in: `建议汇总 ${month}`, reported_to: random() < 0.5 ? 'customer_service' : 'supervisor' }, CLERKS[0]);
  }
  // Step 8: the manager's measures after reading the year's statistics, and one from the year
  // before still in progress (carried onto this year's sheet).
  const recordMeasure = createNumberedRecord(complaintMeasures);
  const y = options.year;
  const measures = [
    { stats_year: y - 1, raised_on: `${y - 1}-12-28`, finding: '电梯停运投诉集中在3号梯，维保响应慢', measure: '3号电梯更换主板，维保单位2小时内到场', department: 'engineering', owner: '工程部刘经理', due_on: `${y}-03-31`, progress: 'in_progress' },
    { stats_year: y, raised_on: `${y}-12-28`, finding: '保洁类投诉集中在卫生间积水和垃圾清运', measure: '病区卫生间每2小时巡查一次，垃圾清运增加午间一班', department: 'cleaning', owner: '保洁部陈主管', due_on: `${y + 1}-01-31`, progress: 'planned' },
    { stats_year: y, raised_on: `${y}-12-28`, finding: '服务态度投诉较上年增加', measure: '导诊、保洁人员服务礼仪培训，每季度考核', department: 'customer_service', owner: '客服部王丽', due_on: `${y + 1}-02-28`, progress: 'planned' },
    { stats_year: y, raised_on: `${y}-12-28`, finding: '营养餐送达变凉', measure: '配送车加装保温箱', department: 'catering', owner: '餐饮部', due_on: `${y}-12-31`, progress: 'done', closed_on: `${y}-12-30`, outcome: '保温箱已配齐' },
  ];
  for (const measure of measures) await run(recordMeasure, measure as unknown, MANAGERS[0]);
  return { complaints: complaintCount, receptions: total, repairs, actions };
}

export { complaints as complaintForm };

// ----- performance (P3-5): a few outsourced teams over a year --------------------------------

export interface PerformanceDemoOptions {
  readonly year: number;
  readonly clock: Clock;
  readonly seed?: number;
}

export interface PerformanceDemoResult {
  readonly workers: number;
  readonly collectorRecords: number;
  readonly rotationOrders: number;
  readonly batchInstalls: number;
  readonly complaintOrders: number;
}

const PERF_TEAMS = [
  { team: 'T01', vendor: 'V01' },
  { team: 'T02', vendor: 'V01' },
  { team: 'T03', vendor: 'V02' },
];

/**
 * Imports a year of performance inputs for three teams (two vendors, four workers each) through
 * the real import — the way the collection system's exports arrive: collector records for every
 * working day, rotation and batch-install work orders, complaint work orders. Days after today
 * are left out (the import refuses the future).
 */
export async function buildPerformanceDemo(ledger: Ledger, options: PerformanceDemoOptions): Promise<PerformanceDemoResult> {
  const random = seededRandom(options.seed ?? options.year * 7);
  const today = options.clock.now().slice(0, 10);
  const context = { clock: options.clock, actor: { clerk: '绩效专员' } };
  const workers = PERF_TEAMS.flatMap(({ team, vendor }, t) =>
    Array.from({ length: 4 }, (_, i) => ({ id: `WB${String(t * 10 + i + 1).padStart(5, '0')}`, name: pick(random, SURNAMES) + pick(random, GIVEN), team, vendor })),
  );
  const source = (name: string, rows: (string | number)[][]): { name: string; rows: string[][] } => ({ name, rows: rows.map((r) => r.map(String)) });
  const run = async (table: string, name: string, rows: (string | number)[][]) => {
    const result = await importTable(ledger, { table, source: source(name, rows) }, context);
    if (result.problems.length > 0) throw new KefuError(result.problems);
    return result.records.length;
  };
  await run('workers', 'workers.csv', [
    ['worker_id', 'name', 'team_code', 'vendor_code', 'base_cm', 'base_rot', 'base_bat', 'base_total'],
    ...workers.map((w) => [w.id, w.name, w.team, w.vendor, '1200.00', '900.00', '900.00', '3000.00']),
  ]);
  const days: string[] = [];
  for (let d = new Date(Date.UTC(options.year, 0, 1)); d.getUTCFullYear() === options.year; d = new Date(d.getTime() + 86_400_000)) {
    const date = d.toISOString().slice(0, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && date < today) days.push(date);
  }
  const collector: (string | number)[][] = [['date', 'worker_id', 'collector_type', 'maintained', 'succeeded', 'reason_code']];
  for (const date of days) {
    for (const [i, w] of workers.entries()) {
      const carrier = i % 2 === 1;
      const reason = random() < 0.04 ? pick(random, ['leave', 'dispatch_shortfall', 'other']) : '';
      const maintained = carrier ? 13 + Math.floor(random() * 9) : 4 + Math.floor(random() * 5);
      const quality = 0.6 + random() * 0.4;
      collector.push([date, w.id, carrier ? '载波' : '无线', maintained, Math.min(maintained, Math.round(maintained * quality)), reason]);
    }
  }
  const shift = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const rotation: (string | number)[][] = [['order_no', 'workers', 'due_date', 'done_date', 'field_checked', 'field_passed', 'collection_total', 'collection_ok']];
  const batch: (string | number)[][] = [['order_no', 'workers', 'field_checked', 'field_passed', 'collection_total', 'collection_ok', 'done_date']];
  const complaintsRows: (string | number)[][] = [['order_no', 'date', 'workers', 'substantiated', 'severity', 'source']];
  days.forEach((date, n) => {
    if (n % 3 === 0) {
      const team = PERF_TEAMS[n % PERF_TEAMS.length].team;
      const crew = workers.filter((w) => w.team === team).slice(0, 2).map((w) => w.id).join(',');
      const done = shift(date, random() < 0.7 ? 0 : 1 + Math.floor(random() * 3));
      if (done < today) {
        const checked = 20 + Math.floor(random() * 30);
        const total = 80 + Math.floor(random() * 120);
        rotation.push([`WO-${date.replace(/-/g, '')}-${n}`, crew, date, done, checked, checked - (random() < 0.8 ? 0 : 1 + Math.floor(random() * 2)), total, total - Math.floor(random() * total * 0.08)]);
      }
    }
    if (n % 9 === 4) {
      const w = pick(random, workers);
      const checked = 60 + Math.floor(random() * 60);
      batch.push([`BI-${date.replace(/-/g, '')}`, w.id, checked, checked - (random() < 0.7 ? 0 : 1), 100, 100 - Math.floor(random() * 7), date]);
    }
    if (n % 11 === 5) {
      const substantiated = pick(random, ['yes', 'partly', 'no', 'no']);
      complaintsRows.push([`GD-${date.replace(/-/g, '')}`, date, pick(random, workers).id, substantiated, substantiated === 'no' ? '' : pick(random, ['minor', 'minor', 'major', 'severe']), pick(random, ['hotline_95598', 'hotline_12345', 'local'])]);
    }
  });
  return {
    workers: workers.length,
    collectorRecords: await run('collector_daily', 'collector.csv', collector),
    rotationOrders: await run('rotation_orders', 'rotation.csv', rotation),
    batchInstalls: await run('batch_installs', 'batch.csv', batch),
    complaintOrders: await run('complaint_orders', 'complaints.csv', complaintsRows),
  };
}
