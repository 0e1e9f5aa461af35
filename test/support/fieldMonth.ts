import { demoClock, type DemoClock } from '../../addin/src/domain/demo';
import { fieldClerk, runFieldMonth, type Crew, type FieldAct, type FieldMonthOptions, type FieldMonthSummary } from '../../addin/src/domain/fieldMonth';
import { runOperation, type Operation } from '../../addin/src/domain/records';
import type { Locale } from '../../addin/src/i18n/locale';
import type { RecordValues } from '../../addin/src/ledger/cells';
import type { Ledger } from '../../addin/src/ledger/types';

/**
 * The scripted month of two field teams (issue 12 "Done when" item 1), as the tests, the bench and
 * the demo play it. The script itself lives in addin/src/domain/fieldMonth.ts, because `kefu demo`
 * (addin/src) plays it too and may not import from test/; this module gives the tests its month,
 * its teams and a runner on a ledger.
 */

export { runFieldMonth, RefusalText, type FieldAct, type FieldMonthSummary } from '../../addin/src/domain/fieldMonth';

export const MONTH = '2026-03';

/** Two teams of two outsourcing units, three workers each. */
export const CREWS: readonly [Crew, Crew] = [
  {
    team: 'T01',
    vendor: 'WB01',
    workers: [
      { id: 'W0101', name: '张建华' },
      { id: 'W0102', name: '李国强' },
      { id: 'W0103', name: '王志勇' },
    ],
  },
  {
    team: 'T02',
    vendor: 'WB02',
    workers: [
      { id: 'W0201', name: '赵立新' },
      { id: 'W0202', name: '孙海涛' },
      { id: 'W0203', name: '周永刚' },
    ],
  },
];

/** The workers table's rows of the two teams. */
export function workerRows(crews: readonly Crew[] = CREWS): RecordValues[] {
  return crews.flatMap((crew) =>
    crew.workers.map((w) => ({ worker_id: w.id, name: w.name, team_code: crew.team, vendor_code: crew.vendor, base_cm: 120000, base_rot: 90000, base_bat: 90000, base_total: 300000, voided: false })),
  );
}

/** Puts the two teams' workers in a ledger (as the roster's import would). */
export async function seedWorkers(ledger: Ledger): Promise<void> {
  const basis = await ledger.read({ writes: ['workers'] });
  await ledger.apply({ appends: { workers: workerRows() } }, basis);
}

/** Runs each step on `ledger` at its moment of the month, signed by the field clerk. */
export function ledgerAct(ledger: Ledger, options: { clock?: DemoClock; locale?: Locale } = {}): FieldAct {
  const clock = options.clock ?? demoClock();
  const clerk = fieldClerk(options.locale ?? 'zh-CN');
  return async (operation, input, _label, at) => {
    clock.set(at);
    return (await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock, actor: { clerk, site: '城东供电服务中心' } })).result;
  };
}

/** The month on `ledger` with the test teams. */
export function fieldMonth(act: FieldAct, options: Partial<FieldMonthOptions> = {}): Promise<FieldMonthSummary> {
  return runFieldMonth(act, { month: MONTH, crews: CREWS, locale: 'zh-CN', ...options });
}
