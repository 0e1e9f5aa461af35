import type { Clock } from '../../core/clock';
import { t } from '../../forms/codes';
import type { Locale } from '../../i18n/locale';
import type { Ledger } from '../../ledger/types';
import { demoToday, type DemoClock } from '../demo';
import type { FieldAct } from '../fieldMonth';
import { runOperation, type Operation } from '../records';
import { playBroadcastDay } from './broadcastDay';
import { playBusyDay } from './busyDay';
import { playEntryDay } from './entryDay';
import { playReservationDay } from './reservationDay';

/**
 * The scenic area's season in the demo (issue 13 item 6): the May Day holiday of the demo year, its
 * first day the whole busy day (busyDay.ts: the fleet registered, 40 loans, 5 broadcasts, 2
 * reservations, the gates' free-entry checks), each later day the broadcast station's, the
 * reservations' and the gates' day again — the fleet is registered once, so the loans' day is
 * played once. Every step goes through the same operations as the pane and the command line,
 * signed by the scenic area's service-centre clerk.
 */

/** The free-entry checks of each day of the demo's season (a multiple of 13 covers every kind of visitor). */
const ENTRY_CHECKS = 104;

/** The visitor centre's clerk who keeps the scenic area's ledger. */
const CLERK = t('许静', '許靜', 'Xu Jing');

export interface ScenicSeasonSummary {
  /** The days played, 'YYYY-MM-DD'. */
  readonly days: readonly string[];
  readonly loans: number;
  readonly broadcasts: number;
  readonly reservations: number;
  readonly freeEntries: number;
  readonly steps: number;
}

/** The May Day holiday's days of `year` whose evening is before the demo's today. */
export function scenicSeasonDays(year: number, clock: Clock): string[] {
  const today = demoToday(year, clock);
  return ['05-01', '05-02', '05-03', '05-04', '05-05'].map((md) => `${year}-${md}`).filter((day) => `${day} 21:00` <= today);
}

export async function buildScenicDemo(
  ledger: Ledger,
  options: { readonly year: number; readonly locale: Locale; readonly clock: Clock; readonly deskClock: DemoClock },
): Promise<ScenicSeasonSummary | undefined> {
  const days = scenicSeasonDays(options.year, options.clock);
  if (days.length === 0) return undefined;
  const { locale, deskClock } = options;
  const context = { clock: deskClock, actor: { clerk: CLERK[locale] } };
  const act: FieldAct = async (operation, input, _label, at) => {
    deskClock.set(at);
    return (await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, context)).result;
  };
  const first = await playBusyDay(act, { day: days[0], locale, entryChecks: ENTRY_CHECKS });
  let broadcasts = first.broadcasts.requests.length;
  let reservations = first.reservations.reservations.length;
  let freeEntries = first.entries.entries.length;
  let steps = first.steps;
  for (const day of days.slice(1)) {
    const b = await playBroadcastDay(act, { date: day, locale });
    const r = await playReservationDay(act, { day, locale });
    const e = await playEntryDay(act, { day, locale, checks: ENTRY_CHECKS });
    broadcasts += b.requests.length;
    reservations += r.reservations.length;
    freeEntries += e.entries.length;
    steps += b.steps + r.steps + e.steps;
  }
  return { days, loans: first.loans.loans.length, broadcasts, reservations, freeEntries, steps };
}
