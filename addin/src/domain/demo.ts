import { complaints } from '../forms/serviceDesk';
import { DEPARTMENTS } from '../forms/codes';
import type { Ledger } from '../ledger/types';
import type { Clock } from './clock';
import { runOperation } from './records';
import { registerComplaint } from './serviceDesk';

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

const COMPLAINT_TEXTS: Readonly<Record<string, readonly string[]>> = {
  cleaning: ['病房卫生间地面有积水，未及时清理', '走廊垃圾桶满溢，气味很大', '门诊大厅地面湿滑，没有警示牌'],
  engineering: ['病房空调不制冷，报修两天无人处理', '卫生间水龙头漏水', '病房灯管闪烁'],
  security: ['夜间探视人员未登记即进入病区', '急诊门口秩序混乱，无人疏导'],
  parking: ['停车场收费标准不清楚', '地下车库指示牌不明确，找不到出口'],
  elevator: ['3号电梯经常停运，等候时间过长', '电梯内空调不开，闷热'],
  transport: ['陪检人员迟到半小时，耽误检查', '运送患者时推车颠簸'],
  catering: ['营养餐送达时已经凉了', '食堂饭菜价格偏高'],
  laundry: ['病号服有污渍未洗净', '更换床单不及时'],
  attitude: ['保洁员对患者家属态度生硬', '导诊台工作人员不耐烦'],
  other: ['院内指示标识不清', '候诊区座椅不够'],
};

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
  const categories = Object.keys(COMPLAINT_TEXTS);
  const category = pick(random, categories);
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
    content: pick(random, COMPLAINT_TEXTS[category]),
    subject: pick(random, COMPLAINT_TEXTS[category]).slice(0, 8),
    category,
    department,
    urgency: random() < 0.15 ? 'urgent' : 'normal',
    receptionist: { by: pick(random, CLERKS), at: receivedAt },
  };
}

export interface DemoOptions {
  readonly year: number;
  readonly complaints?: number;
  readonly seed?: number;
  readonly clock: Clock;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Registers the demo complaints of a year on `ledger`, in the order they were received. */
export async function buildDemo(ledger: Ledger, options: DemoOptions): Promise<{ complaints: number }> {
  const random = seededRandom(options.seed ?? options.year);
  const total = options.complaints ?? 120;
  const inputs = Array.from({ length: total }, () => demoComplaint(random, options.year)).sort((a, b) =>
    String(a.received_at).localeCompare(String(b.received_at)),
  );
  for (let i = 0; i < inputs.length; i++) {
    const clerk = (inputs[i].receptionist as { by: string }).by;
    await runOperation(ledger, registerComplaint, inputs[i], { clock: options.clock, actor: { clerk, site: '市第一人民医院' } });
    options.onProgress?.(i + 1, total);
  }
  return { complaints: total };
}

export { complaints as complaintForm };
