import type { Locale } from '../../i18n/locale';
import type { FieldAct } from '../fieldMonth';
import { playBroadcastDay, type BroadcastDaySummary } from './broadcastDay';
import { playEntryDay, type EntryDaySummary } from './entryDay';
import { playLoanDay, type LoanDayResult } from './loanDay';
import { playReservationDay, type ReservationDaySummary } from './reservationDay';

/**
 * The scenic area's busy day (issue 13 "Done when"), all four special-visitor procedures on one
 * ledger, each played by its own script through the same `act` (the Office.js backend on the
 * in-memory host, the command line, the demo): 40 wheelchair and stroller loans with a damaged
 * return and a lost vehicle, 5 missing-person broadcasts (one found after the first reading, one
 * closed too early and refused), 2 reservations with a department late to acknowledge, and 300
 * free-entry checks around the 70-year threshold with the gates reconciled. Each script checks its
 * own refusals (`checkRefusal`) and returns what it expects the ledger to hold.
 */

export interface BusyDayOptions {
  /** 'YYYY-MM-DD', not 29 February (no one turns 70 on it). */
  readonly day: string;
  readonly locale: Locale;
  /** How many free-entry checks the gates make (300 by default). */
  readonly entryChecks?: number;
  /** Called at the moments of the reservations worth looking at from outside (the to-do queue). */
  readonly look?: (moment: string, at: string) => Promise<void>;
}

export interface BusyDaySummary {
  readonly loans: LoanDayResult;
  readonly broadcasts: BroadcastDaySummary;
  readonly reservations: ReservationDaySummary;
  readonly entries: EntryDaySummary;
  /** Every step tried, refusals included. */
  readonly steps: number;
  /** The labels of every refusal met, by procedure. */
  readonly refusals: readonly string[];
}

export async function playBusyDay(act: FieldAct, options: BusyDayOptions): Promise<BusyDaySummary> {
  const { day, locale } = options;
  const loans = await playLoanDay(act, { day, locale });
  const broadcasts = await playBroadcastDay(act, { date: day, locale });
  const reservations = await playReservationDay(act, { day, locale, ...(options.look ? { look: options.look } : {}) });
  const entries = await playEntryDay(act, { day, locale, ...(options.entryChecks !== undefined ? { checks: options.entryChecks } : {}) });
  return {
    loans,
    broadcasts,
    reservations,
    entries,
    steps: loans.steps + broadcasts.steps + reservations.steps + entries.steps,
    refusals: [...loans.refusals, ...broadcasts.refusals, ...reservations.refusals, ...entries.refusals],
  };
}
