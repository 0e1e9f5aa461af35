import type { Operation, OperationContext } from '../../addin/src/domain/records';
import { DESK_STEPS, voidRecord } from '../../addin/src/domain/serviceDesk';
import { compileSuggestions, receiveMatter, type ReceptionResult } from '../../addin/src/domain/reception';
import { type StepResult } from '../../addin/src/domain/deskSteps';

/**
 * A scripted day at the hospital property desk (issue 4 "Done when"): 50 receptions of all six
 * categories, each taken through every step its category has. `act` runs one desk action on some
 * backend and returns its result; the script only decides what a clerk would do next.
 */

export type Act = <I, R>(operation: Operation<I, unknown, R>, input: I, label: string) => Promise<R>;

export const DAY = '2026-03-16';
export const KINDS = ['inquiry', 'complaint', 'repair', 'issue_report', 'suggestion', 'other'] as const;
/** 50 receptions: how many of each kind. */
export const MIX: Readonly<Record<(typeof KINDS)[number], number>> = { inquiry: 10, complaint: 10, repair: 10, issue_report: 8, suggestion: 6, other: 6 };

const sig = (by: string, at: string) => ({ by, at });
const time = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  return `${DAY} ${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

export interface DaySummary {
  readonly receptions: string[];
  readonly complaints: string[];
  readonly repairs: string[];
  readonly visits: string[];
  readonly reopened: string[];
  readonly voided: string[];
  readonly actions: number;
}

/** The reception input of the i-th matter of the day. */
export function receptionInput(kind: (typeof KINDS)[number], i: number): Record<string, unknown> {
  const at = time(8 * 60 + i * 9);
  const base: Record<string, unknown> = {
    received_at: at,
    channel: ['visit', 'phone', 'letter', 'wechat'][i % 4],
    caller: `来访人${i}`,
    caller_dept: '心内科',
    caller_phone: '13800000000',
    matter: `事项${i}：${kind}`,
    category: kind,
    receptionist: sig('王丽', at),
  };
  switch (kind) {
    case 'inquiry':
      return { ...base, answered_on_spot: i % 2 === 0 ? 'yes' : 'no' };
    case 'complaint':
      return { ...base, complaint: { category: 'cleaning', department: 'cleaning', urgency: 'normal' } };
    case 'repair':
      return { ...base, repair: { location: `住院楼-${i}层-${i}01`, trade: 'water', urgency: i % 3 === 0 ? 'urgent' : 'normal' } };
    case 'issue_report':
      return { ...base, referred_to: 'security' };
    case 'other':
      return { ...base, importance: i % 3 === 0 ? 'critical' : 'normal' };
    default:
      return base;
  }
}

export async function runDeskDay(act: Act): Promise<DaySummary> {
  const summary = { receptions: [] as string[], complaints: [] as string[], repairs: [] as string[], visits: [] as string[], reopened: [] as string[], voided: [] as string[], actions: 0 };
  const step = async <I, R>(operation: Operation<I, unknown, R>, input: I, label: string): Promise<R> => {
    summary.actions += 1;
    return act(operation, input, label);
  };
  const order = KINDS.flatMap((kind) => Array.from({ length: MIX[kind] }, () => kind));
  // Interleave the kinds as a real day would.
  const day = order.map((kind, i) => ({ kind, i: (i * 17) % order.length })).sort((a, b) => a.i - b.i);
  const deferred: string[] = [];
  const issues: string[] = [];
  const suggestions: string[] = [];
  const others: { no: string; critical: boolean }[] = [];
  for (const { kind, i } of day) {
    const result = await step(receiveMatter as Operation<unknown, unknown, ReceptionResult>, receptionInput(kind, i), `reception.${kind}`);
    summary.receptions.push(result.number);
    if (result.complaintNo) summary.complaints.push(result.complaintNo);
    if (result.repairOrderNo) summary.repairs.push(result.repairOrderNo);
    if (kind === 'inquiry' && result.status !== 'closed') deferred.push(result.number);
    if (kind === 'issue_report') issues.push(result.number);
    if (kind === 'suggestion') suggestions.push(result.number);
    if (kind === 'other') others.push({ no: result.number, critical: i % 3 === 0 });
  }
  const afternoon = (n: number) => time(16 * 60 + n);
  for (const [n, no] of deferred.entries()) {
    await step(DESK_STEPS.reception.reply as Operation<unknown, unknown, StepResult>, { no, fields: { replied_at: afternoon(n), reply: '已电话答复' } }, 'reception.reply');
  }
  for (const [n, no] of issues.entries()) {
    await step(DESK_STEPS.reception.verify as Operation<unknown, unknown, StepResult>, { no, fields: { verification_result: `核实属实，已处理${n}` } }, 'reception.verify');
  }
  for (const [n, { no, critical }] of others.entries()) {
    await step(DESK_STEPS.reception.escalate as Operation<unknown, unknown, StepResult>, { no, fields: { escalated: critical || n % 2 === 0 ? 'yes' : 'no' } }, 'reception.escalate');
  }
  await step(compileSuggestions as Operation<unknown, unknown, unknown>, { numbers: suggestions, compiled_in: `建议汇总 ${DAY.slice(0, 7)}`, reported_to: 'customer_service' }, 'reception.compile');

  const C = DESK_STEPS.complaint as Record<string, Operation<unknown, unknown, StepResult>>;
  for (const [n, no] of summary.complaints.entries()) {
    if (n === summary.complaints.length - 1) {
      await step(voidRecord('complaints') as Operation<unknown, unknown, StepResult>, { no, reason: '重复登记' }, 'complaint.void');
      summary.voided.push(no);
      continue;
    }
    await step(C.dispatch, { no, fields: { copy1_signed: sig('保洁主管', afternoon(1)), copy2_filed: sig('王丽', afternoon(1)) } }, 'complaint.dispatch');
    let round = 0;
    for (;;) {
      await step(C.handle, { no, fields: { action_result: `已处理（第${round + 1}次）`, substantiated: 'yes', handled_at: afternoon(30 + round * 60) } }, 'complaint.handle');
      await step(C.return, { no, fields: { returned_to_cs: sig('陈静', afternoon(35 + round * 60)) } }, 'complaint.return');
      const unhappy = round === 0 && n % 4 === 1;
      const visit = await step(
        C.visit,
        {
          no,
          fields: {
            visited_at: afternoon(40 + round * 60),
            method: 'phone',
            person_visited: `来访人`,
            resolved: unhappy ? 'no' : 'yes',
            satisfaction: unhappy ? 'dissatisfied' : 'satisfied',
            visitor: sig('李经理助理', afternoon(40 + round * 60)),
            received_by_cs: sig('王丽', afternoon(45 + round * 60)),
          },
        },
        'complaint.visit',
      );
      summary.visits.push(visit.created!);
      if (!visit.reopened) break;
      summary.reopened.push(no);
      round += 1;
    }
    await step(C.archive, { no, fields: { archived: sig('王丽', time(19 * 60 + n)) } }, 'complaint.archive');
  }

  const R = DESK_STEPS.repair as Record<string, Operation<unknown, unknown, StepResult>>;
  for (const [n, no] of summary.repairs.entries()) {
    await step(R.sign, { no, fields: { engineering_signed: sig('工程部张工', afternoon(2)) } }, 'repair.sign');
    await step(R.dispatch, { no, fields: { technician: `维修工${n}` } }, 'repair.dispatch');
    if (n % 2 === 0) await step(R.arrive, { no, fields: { arrived_at: afternoon(20) } }, 'repair.arrive');
    if (n % 5 === 1) await step(R['wait-parts'], { no }, 'repair.wait-parts');
    await step(
      R.complete,
      {
        no,
        fields: {
          completed_at: afternoon(90),
          result: '已修复',
          materials: '阀门1个',
          paid: n % 3 === 0 ? 'yes' : 'no',
          ...(n % 3 === 0 ? { cost: '35.50' } : {}),
          requester_accepted: sig(`来访人`, afternoon(95)),
        },
      },
      'repair.complete',
    );
    await step(R.return, { no, fields: { returned_to_cs: sig('王丽', afternoon(120)) } }, 'repair.return');
    await step(R.close, { no, fields: { visit_result: 'satisfied' } }, 'repair.close');
  }
  return summary;
}

export function contextFor(clerk = '王丽'): Pick<OperationContext, 'actor'> {
  return { actor: { clerk, site: '测试医院' } };
}
