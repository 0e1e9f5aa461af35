import { SEVERITY, SUBSTANTIATED, t } from '../../forms/codes';
import type { CodeDecl } from '../../forms/types';
import type { Text } from '../../i18n/locale';
import { add, cmp, div, frac, isNegative, isZero, mul, neg, roundHalfAway, sub, sum, toDecimal, ZERO, type Fraction } from './exact';
import { MICRO, type RuleVersion } from './rules';

/**
 * The monthly performance computation of brief §3.2 and §5, in pure code and exact arithmetic.
 *
 * - CM (collector maintenance): each assessed daily record gets a rate (R1–R6: inclusive
 *   thresholds compared in integers, ceil banding for wireless, bonus withheld below the daily
 *   minimum volume, records with dispatch_shortfall or leave excluded); the line is the mean of
 *   the month's rates (wireless and carrier together) times base_cm.
 * - Event items, summed over the month's orders (by done_date; complaints by date), each listed
 *   worker charged on his or her own base: ROT_DELAY (R7), ROT_QC (R8), ROT_COLL (R9, rotation),
 *   BAT_QC (R10), BAT_COLL (R9, batch) and CMP (R11, on base_total).
 * - Caps before rounding: the deductions on each base never exceed item_cap_pct of it (CM, ROT,
 *   BAT, and CMP on base_total), then all deductions never exceed monthly_cap_pct of base_total;
 *   each cap shows as a positive CAP_ADJ line, the item lines keep their uncapped amounts.
 * - MANUAL: approved adjustments, as given (outside the caps: they are an approver's decision).
 * - Each line is rounded once to the fen, half away from zero; the month net is the sum of lines.
 */

export type ItemCode = 'CM' | 'ROT_DELAY' | 'ROT_QC' | 'ROT_COLL' | 'BAT_QC' | 'BAT_COLL' | 'CMP' | 'CAP_ADJ' | 'MANUAL';
export type BaseCode = 'CM' | 'ROT' | 'BAT' | 'TOTAL';

export const ITEM_CODES: readonly ItemCode[] = ['CM', 'ROT_DELAY', 'ROT_QC', 'ROT_COLL', 'BAT_QC', 'BAT_COLL', 'CMP', 'CAP_ADJ', 'MANUAL'];

export const ITEM_NAMES: Readonly<Record<ItemCode, Text>> = {
  CM: t('采集器维护', '採集器維護', 'Collector maintenance'),
  ROT_DELAY: t('轮换逾期', '輪換逾期', 'Rotation delay'),
  ROT_QC: t('轮换现场抽查', '輪換現場抽查', 'Rotation field check'),
  ROT_COLL: t('轮换采集合格率', '輪換採集合格率', 'Rotation collection rate'),
  BAT_QC: t('批量装表现场检查', '批量裝表現場檢查', 'Batch install field check'),
  BAT_COLL: t('批量装表采集合格率', '批量裝表採集合格率', 'Batch install collection rate'),
  CMP: t('投诉考核', '投訴考核', 'Complaints'),
  CAP_ADJ: t('扣减上限调整', '扣減上限調整', 'Deduction cap adjustment'),
  MANUAL: t('人工调整', '人工調整', 'Manual adjustment'),
};

const ITEM_BASE: Readonly<Record<Exclude<ItemCode, 'CAP_ADJ'>, BaseCode>> = {
  CM: 'CM',
  ROT_DELAY: 'ROT',
  ROT_QC: 'ROT',
  ROT_COLL: 'ROT',
  BAT_QC: 'BAT',
  BAT_COLL: 'BAT',
  CMP: 'TOTAL',
  MANUAL: 'TOTAL',
};

export interface WorkerInfo {
  readonly workerId: string;
  readonly name: string;
  readonly teamCode: string;
  readonly vendorCode: string;
  /** Monthly bases in fen. */
  readonly base: Readonly<Record<BaseCode, number>>;
}

export interface CollectorRecord {
  /** Worksheet row (1-based), for the drill-down. */
  readonly row?: number;
  readonly date: string;
  readonly workerId: string;
  readonly type: 'wireless' | 'carrier';
  readonly maintained: number;
  readonly succeeded: number;
  readonly reason: string | null;
}

export interface OrderCounts {
  readonly fieldChecked: number | null;
  readonly fieldPassed: number | null;
  readonly collectionTotal: number | null;
  readonly collectionOk: number | null;
}

export interface RotationOrder extends OrderCounts {
  readonly row?: number;
  readonly orderNo: string;
  readonly workers: readonly string[];
  readonly dueDate: string;
  readonly doneDate: string;
}

export interface BatchOrder extends OrderCounts {
  readonly row?: number;
  readonly orderNo: string;
  readonly workers: readonly string[];
  readonly doneDate: string;
}

export interface ComplaintOrder {
  readonly row?: number;
  readonly orderNo: string;
  readonly date: string;
  readonly workers: readonly string[];
  readonly substantiated: 'yes' | 'partly' | 'no';
  readonly severity: 'minor' | 'major' | 'severe' | null;
}

export interface ManualAdjustment {
  readonly row?: number;
  readonly id: string;
  readonly workerId: string;
  /** Signed, fen. */
  readonly amountFen: number;
  readonly reason: string;
  readonly approvedBy: string;
}

export interface MonthInput {
  /** 'YYYY-MM' */
  readonly month: string;
  readonly rules: RuleVersion;
  readonly workers: readonly WorkerInfo[];
  readonly collector: readonly CollectorRecord[];
  readonly rotation: readonly RotationOrder[];
  readonly batch: readonly BatchOrder[];
  readonly complaints: readonly ComplaintOrder[];
  readonly manual: readonly ManualAdjustment[];
}

/** One day or order behind a line, with its own rate (a fraction of the base). */
export interface Evidence {
  readonly ref: string;
  readonly row?: number;
  readonly detail: Text;
  readonly rate: Fraction | null;
}

export interface PerfLine {
  readonly workerId: string;
  readonly itemCode: ItemCode;
  readonly base: BaseCode;
  readonly baseFen: number;
  /** Signed fraction of the base (0.05 = +5 %). */
  readonly rate: Fraction;
  /** Unrounded amount in fen. */
  readonly exactFen: Fraction;
  /** Rounded once, half away from zero. */
  readonly amountFen: number;
  /** Source records (days, work orders), ASCII. */
  readonly basisRef: string;
  /** Why, in zh-CN (the export's language) and the other locales for the sheet. */
  readonly reason: Text;
  readonly evidence: readonly Evidence[];
}

export interface WorkerMonth {
  readonly worker: WorkerInfo;
  readonly lines: readonly PerfLine[];
  readonly netFen: number;
}

export interface MonthResult {
  readonly month: string;
  readonly ruleVersion: string;
  readonly workers: readonly WorkerMonth[];
}

// ----- daily collector rule (R1–R6) ------------------------------------------------------------

export interface DayAssessment {
  readonly excluded: boolean;
  readonly qualified: boolean;
  /** Volume below the daily minimum (未达量): a bonus is withheld, a deduction still applies. */
  readonly belowQuota: boolean;
  /** Rate in millionths of a percentage point (+5 % = 5 000 000). */
  readonly rateMicroPct: number;
}

/** ceil(a / b) for non-negative safe integers, exactly. */
function ceilDiv(a: number, b: number): number {
  const q = Math.floor(a / b);
  return q * b < a ? q + 1 : q;
}

/** The rate of one daily record under `rules` (brief R1–R6 and §3.2 items 1, 2, 6, 7). */
export function assessDay(record: Pick<CollectorRecord, 'type' | 'maintained' | 'succeeded' | 'reason'>, rules: RuleVersion): DayAssessment {
  const v = rules.values;
  if (record.reason === 'dispatch_shortfall' || record.reason === 'leave') {
    return { excluded: true, qualified: false, belowQuota: false, rateMicroPct: 0 };
  }
  const n = record.maintained;
  const ok = record.succeeded;
  // succ/n ≥ p/100  ⇔  succ·100·10⁶ ≥ p_micro·n (integers; n = 0 is a success rate of 0)
  const atLeast = (pMicro: number) => n > 0 && ok * 100 * MICRO >= pMicro * n;
  if (record.type === 'wireless') {
    const belowQuota = n * MICRO < v.wireless_min;
    const qualify = v.wireless_qualify_pct;
    if (atLeast(qualify)) return { excluded: false, qualified: true, belowQuota, rateMicroPct: belowQuota ? 0 : v.wireless_bonus_pct };
    // steps = ceil((q − s) / step), s = 100·succ/n points
    const steps = n > 0 ? ceilDiv(qualify * n - ok * 100 * MICRO, n * v.wireless_step_pct) : ceilDiv(qualify, v.wireless_step_pct);
    return { excluded: false, qualified: false, belowQuota, rateMicroPct: -steps * v.wireless_step_deduct_pct };
  }
  const belowQuota = n * MICRO < v.carrier_min;
  if (!atLeast(v.carrier_qualify_pct)) return { excluded: false, qualified: false, belowQuota, rateMicroPct: -v.carrier_deduct_pct };
  const bonus = atLeast(v.carrier_bonus2_from_pct) ? v.carrier_bonus2_pct : atLeast(v.carrier_bonus_from_pct) ? v.carrier_bonus_pct : 0;
  return { excluded: false, qualified: true, belowQuota, rateMicroPct: belowQuota ? 0 : bonus };
}

// ----- event rules (R7–R11) --------------------------------------------------------------------

/** Days from `from` to `to` (calendar dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** R7: the rotation delay rate of one order (a fraction of the rotation base, ≤ 0). */
export function delayRate(dueDate: string, doneDate: string, rules: RuleVersion): { late: number; rate: Fraction } {
  const grace = rules.values.rotation_grace_days / MICRO;
  const late = Math.max(0, daysBetween(dueDate, doneDate) - grace);
  return { late, rate: frac(-late * rules.values.rotation_delay_pct_per_day, 100 * MICRO) };
}

/**
 * R8–R10: below a pass-rate line, m per percentage point of shortfall. Returns the rate (a fraction
 * of the base, ≤ 0), or null when nothing was checked.
 */
export function shortfallRate(passed: number | null, checked: number | null, lineMicroPct: number, rules: RuleVersion): Fraction | null {
  if (checked === null || passed === null || checked <= 0) return null;
  const gap = BigInt(lineMicroPct) * BigInt(checked) - BigInt(passed) * 100n * BigInt(MICRO); // shortfall · checked · 10⁶
  if (gap <= 0n) return ZERO;
  // rate = m/100 · shortfall/100 ; shortfall (points) = gap / (checked·10⁶) ; m in micro-points
  return frac(-BigInt(rules.values.shortfall_deduct_pct_per_pt) * gap, BigInt(checked) * BigInt(MICRO) * BigInt(MICRO) * 100n);
}

/** R11: a complaint's rate on base_total (≤ 0). */
export function complaintRate(order: Pick<ComplaintOrder, 'substantiated' | 'severity'>, rules: RuleVersion): Fraction {
  if (order.substantiated === 'no' || order.severity === null) return ZERO;
  const pct = rules.values[`complaint_${order.severity}_pct`];
  const full = frac(-pct, 100 * MICRO);
  return order.substantiated === 'partly' ? mul(full, frac(rules.values.complaint_partly_factor, MICRO)) : full;
}

// ----- the month --------------------------------------------------------------------------------

const pctText = (rate: Fraction): string => {
  const text = toDecimal(mul(rate, frac(100)), 2);
  return rate.n > 0n ? `+${text}%` : `${text}%`;
};

function line(worker: WorkerInfo, itemCode: ItemCode, base: BaseCode, rate: Fraction, basisRef: string, reason: Text, evidence: Evidence[]): PerfLine {
  const baseFen = worker.base[base];
  const exactFen = mul(frac(baseFen), rate);
  return { workerId: worker.workerId, itemCode, base, baseFen, rate, exactFen, amountFen: roundHalfAway(exactFen), basisRef, reason, evidence };
}

/** The items whose deductions are capped at their base, as the cap's reason names them. */
const CAPPED_NAMES: Readonly<Record<'CM' | 'ROT' | 'BAT' | 'CMP', Text>> = {
  CM: ITEM_NAMES.CM,
  ROT: t('表计轮换', '表計輪換', 'Rotation'),
  BAT: t('批量装表', '批量裝表', 'Batch install'),
  CMP: ITEM_NAMES.CMP,
};

function capLine(worker: WorkerInfo, base: BaseCode, adjustFen: Fraction, which: keyof typeof CAPPED_NAMES | 'FLOOR'): PerfLine {
  const baseFen = worker.base[base];
  const rate = baseFen > 0 ? div(adjustFen, frac(baseFen)) : ZERO;
  const name = which === 'FLOOR' ? undefined : CAPPED_NAMES[which];
  const reason = !name
    ? t('扣减合计超过月度上限（总基数），调回', '扣減合計超過月度上限（總基數），調回', 'Deductions above the monthly cap (total base), brought back')
    : t(`${name['zh-CN']}扣减超过基数上限，调回`, `${name['zh-TW']}扣減超過基數上限，調回`, `${name['en-US']} deductions above the cap of their base, brought back`);
  return { workerId: worker.workerId, itemCode: 'CAP_ADJ', base, baseFen, rate, exactFen: adjustFen, amountFen: roundHalfAway(adjustFen), basisRef: which, reason, evidence: [] };
}

/** Day rates and texts repeat a great deal (a few bands, a few volumes): shared, not rebuilt per record. */
const RATE_CACHE = new Map<number, Fraction>();
function dayRate(microPct: number): Fraction {
  let rate = RATE_CACHE.get(microPct);
  if (!rate) {
    rate = frac(microPct, 100 * MICRO);
    RATE_CACHE.set(microPct, rate);
  }
  return rate;
}

const DETAIL_CACHE = new Map<string, Text>();
function dayDetail(r: CollectorRecord, day: DayAssessment): Text {
  const key = `${r.type}|${r.succeeded}|${r.maintained}|${day.excluded ? r.reason : day.belowQuota ? 'below' : ''}`;
  let text = DETAIL_CACHE.get(key);
  if (text) return text;
  const pct = `${r.succeeded}/${r.maintained}`;
  const typeText = r.type === 'wireless' ? t('无线', '無線', 'wireless') : t('载波', '載波', 'carrier');
  if (day.excluded) {
    const leave = r.reason === 'leave';
    text = t(
      `${typeText['zh-CN']} ${pct}，不考核（${leave ? '请假' : '派工不足'}）`,
      `${typeText['zh-TW']} ${pct}，不考核（${leave ? '請假' : '派工不足'}）`,
      `${typeText['en-US']} ${pct}, not assessed (${leave ? 'leave' : 'dispatch shortfall'})`,
    );
  } else {
    const flag = day.belowQuota ? t('，未达量', '，未達量', ', below quota') : t('', '', '');
    text = t(`${typeText['zh-CN']} ${pct}${flag['zh-CN']}`, `${typeText['zh-TW']} ${pct}${flag['zh-TW']}`, `${typeText['en-US']} ${pct}${flag['en-US']}`);
  }
  if (DETAIL_CACHE.size < 10_000) DETAIL_CACHE.set(key, text);
  return text;
}

/** A complaint order under its line: date, verdict and severity in words ("2025-03-05 部分属实，较重"). */
function complaintDetail(o: ComplaintOrder): Text {
  const verdict = codeLabel(SUBSTANTIATED, o.substantiated);
  const severity = codeLabel(SEVERITY, o.severity ?? '');
  return t(
    `${o.date} ${verdict['zh-CN']}，${severity['zh-CN']}`,
    `${o.date} ${verdict['zh-TW']}，${severity['zh-TW']}`,
    `${o.date} ${verdict['en-US'].toLowerCase()}, ${severity['en-US'].toLowerCase()}`,
  );
}

function codeLabel(codes: readonly CodeDecl[], code: string): Text {
  return codes.find((c) => c.code === code)?.label ?? t(code, code, code);
}

function orderRef(orders: readonly { orderNo: string }[]): string {
  return orders.map((o) => o.orderNo).join('; ');
}

interface WorkerInputs {
  collector: CollectorRecord[];
  rotation: RotationOrder[];
  batch: BatchOrder[];
  complaints: ComplaintOrder[];
  manual: ManualAdjustment[];
}

/** Computes every worker's lines for the month. Rows outside the month are ignored. */
export function monthlyPerformance(input: MonthInput): MonthResult {
  const { month, rules } = input;
  const inMonth = (date: string | null | undefined) => typeof date === 'string' && date.slice(0, 7) === month;
  const per = new Map<string, WorkerInputs>();
  for (const w of input.workers) per.set(w.workerId, { collector: [], rotation: [], batch: [], complaints: [], manual: [] });
  const each = <T>(ids: readonly string[], item: T, pick: (x: WorkerInputs) => T[]) => {
    for (const id of new Set(ids)) {
      const bucket = per.get(id);
      if (bucket) pick(bucket).push(item);
    }
  };
  for (const r of input.collector) if (inMonth(r.date)) each([r.workerId], r, (x) => x.collector);
  for (const o of input.rotation) if (inMonth(o.doneDate)) each(o.workers, o, (x) => x.rotation);
  for (const o of input.batch) if (inMonth(o.doneDate)) each(o.workers, o, (x) => x.batch);
  for (const o of input.complaints) if (inMonth(o.date)) each(o.workers, o, (x) => x.complaints);
  for (const m of input.manual) each([m.workerId], m, (x) => x.manual);

  const workers: WorkerMonth[] = input.workers.map((worker) => {
    const data = per.get(worker.workerId)!;
    const lines: PerfLine[] = [];

    // CM: the mean of the daily rates of the assessed records.
    if (data.collector.length > 0) {
      const records = [...data.collector].sort((a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type));
      let total = 0;
      let assessed = 0;
      let excluded = 0;
      let below = 0;
      const evidence: Evidence[] = records.map((r) => {
        const day = assessDay(r, rules);
        if (day.excluded) {
          excluded += 1;
          return { ref: r.date, row: r.row, rate: null, detail: dayDetail(r, day) };
        }
        assessed += 1;
        total += day.rateMicroPct;
        if (day.belowQuota) below += 1;
        return { ref: r.date, row: r.row, rate: dayRate(day.rateMicroPct), detail: dayDetail(r, day) };
      });
      if (assessed > 0) {
        const rate = frac(total, assessed * 100 * MICRO);
        const extra = (zh: string, tw: string, en: string) => ({ zh, tw, en });
        const notes = [
          excluded > 0 ? extra(`排除${excluded}条`, `排除${excluded}條`, `${excluded} excluded`) : undefined,
          below > 0 ? extra(`未达量${below}条`, `未達量${below}條`, `${below} below quota`) : undefined,
        ].filter((x): x is { zh: string; tw: string; en: string } => x !== undefined);
        const tail = (key: 'zh' | 'tw' | 'en', sep: string) => (notes.length ? `（${notes.map((n) => n[key]).join(sep)}）` : '');
        lines.push(
          line(
            worker,
            'CM',
            'CM',
            rate,
            `${assessed} records${excluded ? `; ${excluded} excluded` : ''}`,
            t(
              `月均日成功率结果${pctText(rate)}${tail('zh', '，')}`,
              `月均日成功率結果${pctText(rate)}${tail('tw', '，')}`,
              `Mean daily result ${pctText(rate)}${notes.length ? ` (${notes.map((n) => n.en).join(', ')})` : ''}`,
            ),
            evidence,
          ),
        );
      }
    }

    // ROT_DELAY, ROT_QC, ROT_COLL
    const rotation = [...data.rotation].sort((a, b) => a.doneDate.localeCompare(b.doneDate) || a.orderNo.localeCompare(b.orderNo));
    const delays = rotation.map((o) => ({ o, ...delayRate(o.dueDate, o.doneDate, rules) })).filter((x) => x.late > 0);
    if (delays.length > 0) {
      const days = delays.reduce((s, x) => s + x.late, 0);
      lines.push(
        line(
          worker,
          'ROT_DELAY',
          'ROT',
          sum(delays.map((x) => x.rate)),
          orderRef(delays.map((x) => x.o)),
          t(`轮换逾期合计${days}天`, `輪換逾期合計${days}天`, `Rotation late by ${days} day(s) in total`),
          delays.map((x) => ({
            ref: x.o.orderNo,
            row: x.o.row,
            rate: x.rate,
            detail: t(
              `规定${x.o.dueDate}，完成${x.o.doneDate}，逾期${x.late}天`,
              `規定${x.o.dueDate}，完成${x.o.doneDate}，逾期${x.late}天`,
              `due ${x.o.dueDate}, done ${x.o.doneDate}, ${x.late} day(s) late`,
            ),
          })),
        ),
      );
    }
    const passLine = (
      item: ItemCode,
      base: BaseCode,
      orders: readonly (OrderCounts & { orderNo: string; row?: number })[],
      pick: (o: OrderCounts) => [number | null, number | null],
      lineMicro: number,
      what: Text,
    ) => {
      const hits = orders
        .map((o) => {
          const [passed, checked] = pick(o);
          return { o, passed, checked, rate: shortfallRate(passed, checked, lineMicro, rules) };
        })
        .filter((x) => x.rate !== null && !isZero(x.rate));
      if (hits.length === 0) return;
      const threshold = `${lineMicro / MICRO}%`;
      lines.push(
        line(
          worker,
          item,
          base,
          sum(hits.map((x) => x.rate!)),
          orderRef(hits.map((x) => x.o)),
          t(`${what['zh-CN']}低于${threshold}（${hits.length}单）`, `${what['zh-TW']}低於${threshold}（${hits.length}單）`, `${what['en-US']} below ${threshold} (${hits.length} order(s))`),
          hits.map((x) => ({ ref: x.o.orderNo, row: x.o.row, rate: x.rate, detail: t(`${x.passed}/${x.checked}`, `${x.passed}/${x.checked}`, `${x.passed}/${x.checked}`) })),
        ),
      );
    };
    const field = (o: OrderCounts): [number | null, number | null] => [o.fieldPassed, o.fieldChecked];
    const collection = (o: OrderCounts): [number | null, number | null] => [o.collectionOk, o.collectionTotal];
    passLine('ROT_QC', 'ROT', rotation, field, rules.values.rotation_field_pass_pct, t('现场抽查合格率', '現場抽查合格率', 'Field pass rate'));
    passLine('ROT_COLL', 'ROT', rotation, collection, rules.values.collection_pass_pct, t('采集合格率', '採集合格率', 'Collection pass rate'));
    const batch = [...data.batch].sort((a, b) => a.doneDate.localeCompare(b.doneDate) || a.orderNo.localeCompare(b.orderNo));
    passLine('BAT_QC', 'BAT', batch, field, rules.values.batch_field_pass_pct, t('现场检查合格率', '現場檢查合格率', 'Field pass rate'));
    passLine('BAT_COLL', 'BAT', batch, collection, rules.values.collection_pass_pct, t('采集合格率', '採集合格率', 'Collection pass rate'));

    // CMP
    const complaints = [...data.complaints]
      .sort((a, b) => a.date.localeCompare(b.date) || a.orderNo.localeCompare(b.orderNo))
      .map((o) => ({ o, rate: complaintRate(o, rules) }))
      .filter((x) => !isZero(x.rate));
    if (complaints.length > 0) {
      lines.push(
        line(
          worker,
          'CMP',
          'TOTAL',
          sum(complaints.map((x) => x.rate)),
          orderRef(complaints.map((x) => x.o)),
          t(`投诉属实${complaints.length}单`, `投訴屬實${complaints.length}單`, `${complaints.length} substantiated complaint(s)`),
          complaints.map((x) => ({ ref: x.o.orderNo, row: x.o.row, rate: x.rate, detail: complaintDetail(x.o) })),
        ),
      );
    }

    // Caps: each base first, then the monthly floor (on base_total).
    const itemCap = frac(rules.values.item_cap_pct, 100 * MICRO);
    let deductionsAfterItemCaps = ZERO;
    const caps: PerfLine[] = [];
    for (const base of ['CM', 'ROT', 'BAT', 'TOTAL'] as const) {
      const deductions = sum(lines.filter((l) => l.base === base && isNegative(l.exactFen)).map((l) => l.exactFen));
      if (isZero(deductions)) continue;
      const cap = mul(frac(worker.base[base]), itemCap);
      const over = sub(neg(deductions), cap);
      if (cmp(over, ZERO) > 0) {
        caps.push(capLine(worker, base, over, base === 'TOTAL' ? 'CMP' : base));
        deductionsAfterItemCaps = add(deductionsAfterItemCaps, cap);
      } else {
        deductionsAfterItemCaps = add(deductionsAfterItemCaps, neg(deductions));
      }
    }
    const floor = mul(frac(worker.base.TOTAL), frac(rules.values.monthly_cap_pct, 100 * MICRO));
    const overFloor = sub(deductionsAfterItemCaps, floor);
    if (cmp(overFloor, ZERO) > 0) caps.push(capLine(worker, 'TOTAL', overFloor, 'FLOOR'));
    lines.push(...caps);

    // MANUAL
    for (const m of data.manual) {
      const amount = frac(m.amountFen);
      const rate = worker.base.TOTAL > 0 ? div(amount, frac(worker.base.TOTAL)) : ZERO;
      lines.push({
        workerId: worker.workerId,
        itemCode: 'MANUAL',
        base: 'TOTAL',
        baseFen: worker.base.TOTAL,
        rate,
        exactFen: amount,
        amountFen: m.amountFen,
        basisRef: m.id,
        reason: t(`${m.reason}（审批：${m.approvedBy}）`, `${m.reason}（審批：${m.approvedBy}）`, `${m.reason} (approved by ${m.approvedBy})`),
        evidence: [{ ref: m.id, row: m.row, rate, detail: t(m.reason, m.reason, m.reason) }],
      });
    }

    return { worker, lines, netFen: lines.reduce((s, l) => s + l.amountFen, 0) };
  });
  return { month, ruleVersion: rules.version, workers };
}

export { ITEM_BASE };
