import { t } from '../../forms/codes';
import { freeEntries } from '../../forms/visitors';
import type { Locale, Text } from '../../i18n/locale';
import type { SnapshotRequest } from '../../ledger/types';
import { scriptSteps, type FieldAct } from '../fieldMonth';
import { addDays } from '../fieldWork/fieldGuards';
import type { Operation } from '../records';
import { voidRecord } from '../workflows';
import { accessibilityWorkflow, postalRegister, recordAccessibilityCheck, recordPostal } from './facilities';
import { RECONCILE_REQUEST, gateCountRegister, reconcileDay, recordFreeEntry, registerGateCount, type GateReconciliation } from './freeEntry';

/**
 * The free-entry part of the special visitors' busy day (issue 13 "Done when"): one script,
 * played by the tests on the Office.js backend and through the command line, and by the bench.
 * `act` performs one step on some backend at a moment of the day; the script decides what the
 * ticket checkers, the marketing desk and site operations do, and checks every result and refusal:
 *
 * - 300 checks at two gates (fewer with `checks`, for a sample through the command line), cycling
 *   through thirteen kinds: a senior 70 on the birthday itself, one 69 years and 364 days old, ages
 *   on a senior card, children by height on both sides of the limit, and people born on 29
 *   February, 28 February and 1 March 70 years before the visit (on 28 February or 1 March of a
 *   common year these are the leap-day edges);
 * - an ID number typed into a remark, refused; a check recorded twice, voided;
 * - each gate's count: one entered one short, shown by the reconciliation, recounted; entering a
 *   gate's count twice is refused; the day reconciles;
 * - a souvenir mailed and shipped; the five accessibility items checked, one defect rectified.
 *
 * The rules are the template's (70, children up to 120 cm): the expected results are written
 * here from them, not computed by the code under test.
 */

export interface EntryDayOptions {
  /** 'YYYY-MM-DD': the day (not 29 February: the 70-years-ago birthdays would not exist). */
  readonly day: string;
  readonly locale: Locale;
  /** How many free-entry checks (default 300; a multiple of 13 covers every kind evenly). */
  readonly checks?: number;
}

export interface EntryDaySummary {
  /** Every check recorded (the voided double included), with what its record must hold. */
  readonly entries: { readonly number: string; readonly gate: string; readonly age: number | null; readonly result: 'free_pass' | 'normal_ticket'; readonly headcount: number }[];
  readonly voided: string[];
  /** Free passes per gate, the voided double left out. */
  readonly freePasses: Record<string, number>;
  readonly gateCounts: string[];
  postal: string;
  readonly accessibility: string[];
  defect: string;
  readonly refusals: string[];
  steps: number;
}

const W = {
  gates: [t('东门检票口', '東門檢票口', 'East gate'), t('西门检票口', '西門檢票口', 'West gate')],
  checkers: [t('周晓梅', '周曉梅', 'Zhou Xiaomei'), t('陈国栋', '陳國棟', 'Chen Guodong')],
  supervisor: t('吴建平', '吳建平', 'Wu Jianping'),
  visitor: t('孙淑兰', '孫淑蘭', 'Sun Shulan'),
  items: t('景区纪念册两本', '景區紀念冊兩本', 'Two souvenir albums'),
  address: t('浙江省杭州市西湖区文三路88号', '浙江省杭州市西湖區文三路88號', '88 Wensan Road, Xihu District, Hangzhou, Zhejiang'),
  courier: t('顺丰速运', '順豐速運', 'SF Express'),
  marketing: t('郑丽', '鄭麗', 'Zheng Li'),
  operations: t('黄志刚', '黃志剛', 'Huang Zhigang'),
  idRemark: t('身份证号110101195603011234', '身分證號110101195603011234', 'ID no. 110101195603011234'),
  double: t('同一位游客重复登记', '同一位遊客重複登記', 'The same visitor entered twice'),
  places: [
    t('南门入口', '南門入口', 'South entrance'),
    t('北门出口', '北門出口', 'North exit'),
    t('游客中心及各入口', '遊客中心及各入口', 'Visitor centre and entrances'),
    t('游客中心卫生间', '遊客中心衛生間', 'Visitor centre toilets'),
    t('游客中心卫生间', '遊客中心衛生間', 'Visitor centre toilets'),
  ],
  defect: t('女卫生间防滑垫破损', '女衛生間防滑墊破損', "The anti-slip mat of the women's toilet is torn"),
  fixed: t('已更换新防滑垫', '已更換新防滑墊', 'A new anti-slip mat laid'),
} as const;

const ITEMS = ['entrance_passage', 'exit_passage', 'signage', 'accessible_toilet', 'anti_slip'] as const;

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** A read-only step: the day's reconciliation (the free-entry log's few columns and the counts). */
export const reconcileEntries: Operation<{ readonly day: string }, { readonly day: string }, GateReconciliation[]> = {
  prepare: (input) => ({ day: input.day }),
  request: (): SnapshotRequest => RECONCILE_REQUEST,
  decide: (snapshot, prepared) => ({ changes: {}, result: reconcileDay(snapshot, prepared.day) }),
};

export async function playEntryDay(act: FieldAct, options: EntryDayOptions): Promise<EntryDaySummary> {
  const { day, locale } = options;
  if (day.endsWith('-02-29')) throw new RangeError('playEntryDay: 29 February has no birthday 70 years before');
  const w = (text: Text) => text[locale];
  const year = Number(day.slice(0, 4));
  const mmdd = day.slice(5);
  const gates = W.gates.map(w);
  const summary: EntryDaySummary = {
    entries: [],
    voided: [],
    freePasses: Object.fromEntries(gates.map((g) => [g, 0])),
    gateCounts: [],
    postal: '',
    accessibility: [],
    defect: '',
    refusals: [],
    steps: 0,
  };
  const { step, refused } = scriptSteps(act, locale, summary);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = (minutes: number) => `${day} ${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
  const yearsBefore = (date: string, years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
  // The leap year 70 to 73 years before, and the age of someone born on its 29 February: the
  // birthday falls on 28 February in a common year (the month-end rule, freeEntry.ts).
  const leapYear = [70, 71, 72, 73].map((n) => year - n).find(isLeap)!;
  const leapAge = year - leapYear - (mmdd < (isLeap(year) ? '02-29' : '02-28') ? 1 : 0);
  const bornOn = (md: string) => ({ birth: `${year - 70}-${md}`, age: 70 - (mmdd < md ? 1 : 0) });

  interface Kind {
    readonly fields: Record<string, unknown>;
    readonly age: number | null;
    readonly free: boolean;
    readonly headcount?: number;
  }
  const senior = (fields: Record<string, unknown>, age: number, document = 'id_card'): Kind => ({ fields: { category: 'senior', document_type: document, ...fields }, age, free: age >= 70 });
  const child = (height: number, headcount = 1): Kind => ({ fields: { category: 'child', height_cm: height, headcount }, age: null, free: height <= 120, headcount });
  const kinds: Kind[] = [
    senior({ date_of_birth: yearsBefore(day, 70) }, 70), // 70 on the birthday itself
    senior({ date_of_birth: yearsBefore(addDays(day, 1), 70) }, 69), // 69 years and 364 days
    senior({ age_on_document: 75 }, 75, 'senior_card'),
    { ...senior({ date_of_birth: yearsBefore(day, 80) }, 80), fields: { category: 'senior', document_type: 'id_card', date_of_birth: yearsBefore(day, 80), help_given: 'yes' } },
    child(110),
    child(120), // the limit itself
    child(121),
    senior({ age_on_document: 71 }, 71, 'passport'),
    child(95, 2),
    senior({ date_of_birth: yearsBefore(day, 65) }, 65),
    senior({ date_of_birth: `${leapYear}-02-29` }, leapAge),
    // 28 February and 1 March 70 years before: on 28 February of a common year 70 and 69.
    senior({ date_of_birth: bornOn('02-28').birth }, bornOn('02-28').age),
    senior({ date_of_birth: bornOn('03-01').birth }, bornOn('03-01').age),
  ];
  const checks = options.checks ?? 300;

  // ——— the checks, 08:30 onwards, alternating gates
  for (let i = 0; i < checks; i++) {
    const kind = kinds[i % kinds.length];
    const gate = gates[i % 2];
    const at = time(8 * 60 + 30 + Math.floor((i * 7) / 5));
    const input = { entered_at: at, gate, headcount: kind.headcount ?? 1, checker: { by: w(W.checkers[i % 2]), at }, help_given: 'no', ...kind.fields };
    const made = await step<{ number: string; result?: string }>(recordFreeEntry, input, 'entry.add', at);
    const result = kind.free ? 'free_pass' : 'normal_ticket';
    if (made.result !== undefined && made.result !== result) throw new Error(`entry.add ${made.number} (${JSON.stringify(kind.fields)}): expected ${result}, got ${made.result}`);
    summary.entries.push({ number: made.number, gate, age: kind.age, result, headcount: kind.headcount ?? 1 });
    if (kind.free) summary.freePasses[gate] += kind.headcount ?? 1;
    if (i === 3) {
      // A checker types the ID number into the remark: refused, nothing recorded.
      await refused(recordFreeEntry, { ...input, remarks: w(W.idRemark) }, 'entry.add', at, {
        kind: 'idNumberRefused',
        form: freeEntries.key,
        field: 'remarks',
        record: freeEntries.sheet[locale],
      });
    }
  }
  // The 70-year-old's check entered twice by mistake (the first kind is a free pass): voided.
  const double = await step<{ number: string }>(
    recordFreeEntry,
    { entered_at: time(12 * 60), gate: gates[0], headcount: 1, checker: { by: w(W.checkers[0]), at: time(12 * 60) }, help_given: 'no', ...kinds[0].fields },
    'entry.add',
    time(12 * 60),
  );
  await step(voidRecord(freeEntries.key), { no: double.number, reason: w(W.double) }, 'entry.void', time(12 * 60 + 5));
  summary.voided.push(double.number);

  // ——— the day's end: each gate's count, one short at first
  const countAt = time(17 * 60 + 30);
  for (const [g, gate] of gates.entries()) {
    const counted = summary.freePasses[gate] - (g === 1 ? 1 : 0);
    const made = await step<{ number: string }>(registerGateCount, { count_date: day, gate, free_headcount: counted, counted_by: { by: w(W.checkers[g]), at: countAt } }, 'gate-count.add', countAt);
    summary.gateCounts.push(made.number);
  }
  const first = await step<GateReconciliation[]>(reconcileEntries, { day }, 'entry.reconcile', time(17 * 60 + 40));
  const expectLines = (label: string, lines: GateReconciliation[], short: number) => {
    const got = JSON.stringify(lines.map((l) => [l.gate, l.logged, l.counted, l.matches]));
    const want = JSON.stringify(
      [...gates].sort((a, b) => a.localeCompare(b)).map((g) => [g, summary.freePasses[g], summary.freePasses[g] - (g === gates[1] ? short : 0), g !== gates[1] || short === 0]),
    );
    if (got !== want) throw new Error(`${label}: expected ${want}, got ${got}`);
  };
  expectLines('entry.reconcile', first, 1);
  await refused(registerGateCount, { count_date: day, gate: gates[1], free_headcount: summary.freePasses[gates[1]], counted_by: { by: w(W.supervisor), at: countAt } }, 'gate-count.add', countAt, {
    kind: 'duplicateNumber',
    form: 'gate_counts',
    field: 'count_id',
    record: summary.gateCounts[1],
  });
  await step(
    gateCountRegister.steps.recount,
    { no: summary.gateCounts[1], fields: { free_headcount: summary.freePasses[gates[1]], counted_by: { by: w(W.supervisor), at: time(17 * 60 + 50) } } },
    'gate-count.recount',
    time(17 * 60 + 50),
  );
  expectLines('entry.reconcile', await step<GateReconciliation[]>(reconcileEntries, { day }, 'entry.reconcile', time(17 * 60 + 55)), 0);

  // ——— the marketing desk mails a souvenir; the courier takes it in the afternoon
  const postal = await step<{ number: string }>(
    recordPostal,
    { entry_date: day, visitor: w(W.visitor), visitor_phone: '13800001234', items: w(W.items), address: w(W.address), fee: '18.00', staff: { by: w(W.marketing), at: time(10 * 60) } },
    'postal.add',
    time(10 * 60),
  );
  summary.postal = postal.number;
  await step(postalRegister.steps.ship, { no: postal.number, fields: { courier: w(W.courier), tracking_no: 'SF1234567890123' } }, 'postal.ship', time(15 * 60));

  // ——— site operations check the five accessibility items; the anti-slip mat is torn, replaced by the afternoon
  for (const [i, item] of ITEMS.entries()) {
    const at = time(7 * 60 + 30 + i * 5);
    const defect = item === 'anti_slip';
    const made = await step<{ number: string }>(
      recordAccessibilityCheck,
      { check_date: day, item, location: w(W.places[i]), usable: defect ? 'no' : 'yes', ...(defect ? { defect: w(W.defect) } : {}), checker: { by: w(W.operations), at } },
      'accessibility.add',
      at,
    );
    summary.accessibility.push(made.number);
    if (defect) summary.defect = made.number;
  }
  await step(
    accessibilityWorkflow.steps.rectify,
    { no: summary.defect, fields: { rectified_on: day, rectification_note: w(W.fixed), rectified_by: w(W.supervisor) } },
    'accessibility.rectify',
    time(14 * 60),
  );
  return summary;
}

/** The clerk who keys the day in, in the locale's words. */
export function entryClerk(locale: Locale): string {
  return W.supervisor[locale];
}
