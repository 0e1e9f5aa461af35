import { t } from '../../forms/codes';
import type { Locale, Text } from '../../i18n/locale';
import { scriptSteps, type FieldAct } from '../fieldMonth';
import { lendVehicle, LOAN_STEPS, registerVehicle } from './loans';
import { yuan } from './loanGuards';

/**
 * The loans of a busy day at the scenic area's service centre (issue 13 "Done when"): one script,
 * played by the tests on the Office.js backend and through the command line, and by the bench.
 * `act` performs one step at a moment of the day; the script decides what the clerk at the
 * counter would do next and checks that the guards refuse what they must:
 *
 * - a fleet of 14 wheelchairs and 8 strollers registered in the morning;
 * - 40 loans from 08:30, every ten minutes, wheelchairs and strollers, free loans against a
 *   deposit (or none, a senior card shown) and rentals with a fee and a deposit, each returned
 *   50 to 139 minutes later and settled at once;
 * - one wheelchair returned damaged: the repair slip made with the return, signed for by the repair
 *   shop, repaired, and the wheelchair lent again later the same day; lending it while under
 *   repair is refused, naming the slip; keeping more than its deposit is refused, then part of the
 *   deposit is kept as compensation with a reason;
 * - lending a vehicle that is out is refused, naming its loan;
 * - one stroller not brought back: overdue after the closing time, then marked lost; its deposit
 *   stays held.
 *
 * It returns what the day's summary must say (counts and deposits to the fen), computed here from
 * the script's own choices, for the caller to compare with `loanDaySummary` of the ledger.
 */

export interface LoanDayOptions {
  /** 'YYYY-MM-DD' */
  readonly day: string;
  readonly locale: Locale;
}

export interface LoanDayResult {
  readonly vehicles: string[];
  readonly loans: string[];
  /** The damaged return's loan, its slip, and the loan that lent the repaired wheelchair again. */
  damaged: { loan: string; slip: string; vehicle: string; relent: string };
  lost: { loan: string; vehicle: string };
  /** The labels of the refusals met, in order. */
  readonly refusals: string[];
  /** Moments worth looking at from outside (the queue), by name. */
  readonly moments: Record<string, string>;
  steps: number;
  /** What the day's summary must say. */
  readonly expected: {
    lent: number;
    wheelchairs: number;
    strollers: number;
    rentals: number;
    returned: number;
    damaged: number;
    lost: number;
    outAtClosing: number;
    taken: number;
    refunded: number;
    kept: number;
    heldAfter: number;
    rentalFees: number;
  };
}

const W = {
  clerk: t('周晓燕', '周曉燕', 'Zhou Xiaoyan'),
  shop: t('郑国强', '鄭國強', 'Zheng Guoqiang'),
  borrowers: [t('王秀英', '王秀英', 'Wang Xiuying'), t('李建国', '李建國', 'Li Jianguo'), t('陈丽', '陳麗', 'Chen Li'), t('刘洋', '劉洋', 'Liu Yang'), t('赵敏', '趙敏', 'Zhao Min')],
  good: t('车况良好', '車況良好', 'In good order'),
  damage: t('左侧扶手断裂，刹车失灵', '左側扶手斷裂，剎車失靈', 'Left armrest broken, brake not holding'),
  reason: t('扶手断裂，按价目表赔偿', '扶手斷裂，按價目表賠償', 'Broken armrest, charged by the price list'),
  lostNote: t('闭园后仍未归还，电话无人接听，按遗失处理', '閉園後仍未歸還，電話無人接聽，按遺失處理', 'Not back after closing, phone unanswered: treated as lost'),
  wheelchair: t('折叠轮椅', '折疊輪椅', 'Folding wheelchair'),
  stroller: t('婴儿推车', '嬰兒推車', 'Baby stroller'),
} as const;

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const DEPOSIT = 20000;
const RENTAL_DEPOSIT = 10000;
const FEE = 2000;
const KEPT = 5000;

export async function playLoanDay(act: FieldAct, options: LoanDayOptions): Promise<LoanDayResult> {
  const { day, locale } = options;
  const w = (text: Text) => text[locale];
  const clerk = w(W.clerk);
  const at = (minutes: number) => `${day} ${hhmm(minutes)}`;
  const result: LoanDayResult = {
    vehicles: [],
    loans: [],
    damaged: { loan: '', slip: '', vehicle: '', relent: '' },
    lost: { loan: '', vehicle: '' },
    refusals: [],
    moments: {},
    steps: 0,
    expected: { lent: 0, wheelchairs: 0, strollers: 0, rentals: 0, returned: 0, damaged: 0, lost: 0, outAtClosing: 0, taken: 0, refunded: 0, kept: 0, heldAfter: 0, rentalFees: 0 },
  };
  const e = result.expected;
  const { step, refused } = scriptSteps(act, locale, result);

  // ——— the fleet, before opening
  const fleet: { no: string; type: 'wheelchair' | 'stroller' }[] = [
    ...Array.from({ length: 14 }, (_, i) => ({ no: `W-${String(i + 1).padStart(2, '0')}`, type: 'wheelchair' as const })),
    ...Array.from({ length: 8 }, (_, i) => ({ no: `S-${String(i + 1).padStart(2, '0')}`, type: 'stroller' as const })),
  ];
  for (const [i, v] of fleet.entries()) {
    await step(
      registerVehicle,
      { vehicle_no: v.no, vehicle_type: v.type, description: w(v.type === 'wheelchair' ? W.wheelchair : W.stroller), in_service_on: '2025-04-01' },
      'vehicle.add',
      at(7 * 60 + 30 + i),
    );
    result.vehicles.push(v.no);
  }
  const free = new Set(fleet.map((v) => v.no));

  // ——— the day, as a timeline: each event at its minute, in the order they were planned within one minute
  type Event = { at: number; seq: number; run: () => Promise<void> };
  const events: Event[] = [];
  let seq = 0;
  const plan = (minute: number, run: () => Promise<void>) => events.push({ at: minute, seq: seq++, run });

  const DAMAGED = 4;
  const LOST = 20;
  let relendTo = '';
  let repairedAt = Infinity;

  const lend = (i: number, minute: number) => async () => {
    const type = i % 3 === 2 ? 'stroller' : 'wheelchair';
    const rental = i % 4 === 3;
    const noDeposit = !rental && i % 10 === 7;
    const wanted = type === 'wheelchair' && relendTo !== '' && free.has(relendTo) ? relendTo : fleet.find((v) => v.type === type && free.has(v.no))?.no;
    if (!wanted) throw new Error(`loanDay: no ${type} free at ${hhmm(minute)}`);
    const deposit = rental ? RENTAL_DEPOSIT : noDeposit ? 0 : DEPOSIT;
    const input = {
      vehicle_type: type,
      vehicle_no: wanted,
      loan_kind: rental ? 'rental' : 'loan',
      lent_at: at(minute),
      borrower: w(W.borrowers[i % W.borrowers.length]),
      borrower_phone: `1390571${String(1000 + i).slice(-4)}`,
      document_type: noDeposit ? 'senior_card' : i % 2 === 0 ? 'id_card' : 'passport',
      ...(deposit > 0 ? { deposit: yuan(deposit) } : {}),
      ...(rental ? { rental_fee: yuan(FEE) } : {}),
      condition_out: w(W.good),
      staff: { by: clerk, at: at(minute) },
    };
    const loan = await step<{ number: string }>(lendVehicle, input, 'loan.add', at(minute));
    free.delete(wanted);
    if (wanted === relendTo) {
      result.damaged.relent = loan.number;
      relendTo = '';
    }
    result.loans.push(loan.number);
    e.lent += 1;
    e[type === 'wheelchair' ? 'wheelchairs' : 'strollers'] += 1;
    e.taken += deposit;
    if (rental) {
      e.rentals += 1;
      e.rentalFees += FEE;
    }
    if (i === 10) {
      // Another clerk takes the same wheelchair off the rack for the next visitor: it is out.
      await refused(lendVehicle, { ...input, lent_at: at(minute + 1), staff: { by: clerk, at: at(minute + 1) } }, 'loan.add', at(minute + 1), {
        kind: 'vehicleOnLoan',
        form: 'vehicles',
        field: 'status',
        record: wanted,
        naming: [loan.number],
      });
    }
    if (i === LOST) {
      result.lost = { loan: loan.number, vehicle: wanted };
      e.outAtClosing += 1;
      e.lost += 1;
      e.heldAfter += deposit;
      result.moments.overdue = at(17 * 60 + 40);
      plan(17 * 60 + 45, async () => {
        await step(LOAN_STEPS.lost, { no: loan.number, fields: { lost_note: w(W.lostNote) } }, 'loan.lost', at(17 * 60 + 45));
      });
      return;
    }
    const back = minute + 50 + ((i * 37) % 90);
    plan(back, () => giveBack(i, loan.number, wanted, deposit, back));
  };

  const giveBack = async (i: number, no: string, vehicle: string, deposit: number, minute: number) => {
    e.returned += 1;
    if (i !== DAMAGED) {
      await step(LOAN_STEPS.return, { no, fields: { returned_at: at(minute), return_check: 'intact' } }, 'loan.return', at(minute));
      free.add(vehicle);
      const settlement = deposit > 0 ? { settlement: 'refunded', settled_at: at(minute + 2) } : { settlement: 'none', settled_at: at(minute + 2) };
      await step(LOAN_STEPS.settle, { no, fields: settlement }, 'loan.settle', at(minute + 2));
      e.refunded += deposit;
      return;
    }
    e.damaged += 1;
    const returned = await step<{ created: string }>(LOAN_STEPS.return, { no, fields: { returned_at: at(minute), return_check: 'damaged', damage: w(W.damage) } }, 'loan.return', at(minute));
    result.damaged = { loan: no, slip: returned.created, vehicle, relent: '' };
    await refused(LOAN_STEPS.settle, { no, fields: { settlement: 'deducted', compensation: '300.00', compensation_reason: w(W.reason), settled_at: at(minute + 3) } }, 'loan.settle', at(minute + 3), {
      kind: 'compensationOverDeposit',
      form: 'loans',
      field: 'compensation',
      record: no,
      naming: ['300.00', yuan(deposit)],
    });
    await step(LOAN_STEPS.settle, { no, fields: { settlement: 'deducted', compensation: yuan(KEPT), compensation_reason: w(W.reason), settled_at: at(minute + 5) } }, 'loan.settle', at(minute + 5));
    e.refunded += deposit - KEPT;
    e.kept += KEPT;
    const slip = returned.created;
    plan(minute + 15, async () => {
      await step(LOAN_STEPS.receive, { no: slip, fields: { received_by_shop: { by: w(W.shop), at: at(minute + 15) } } }, 'repair-slip.receive', at(minute + 15));
    });
    plan(minute + 40, async () => {
      // A visitor asks for that very wheelchair: it is at the repair shop.
      await refused(
        lendVehicle,
        {
          vehicle_type: 'wheelchair',
          vehicle_no: vehicle,
          loan_kind: 'loan',
          lent_at: at(minute + 40),
          borrower: w(W.borrowers[0]),
          deposit: yuan(DEPOSIT),
          staff: { by: clerk, at: at(minute + 40) },
        },
        'loan.add',
        at(minute + 40),
        { kind: 'vehicleUnderRepair', form: 'vehicles', field: 'status', record: vehicle, naming: [slip] },
      );
    });
    repairedAt = minute + 150;
    plan(repairedAt, async () => {
      await step(LOAN_STEPS.close, { no: slip, fields: { repaired_at: at(repairedAt), result: 'repaired' } }, 'repair-slip.close', at(repairedAt));
      free.add(vehicle);
      relendTo = vehicle;
    });
  };

  for (let i = 0; i < 40; i++) plan(8 * 60 + 30 + 10 * i, lend(i, 8 * 60 + 30 + 10 * i));
  while (events.length > 0) {
    events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    await events.shift()!.run();
  }
  if (result.damaged.relent === '') throw new Error('loanDay: the repaired wheelchair was not lent again');
  return result;
}
