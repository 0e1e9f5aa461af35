import { loans, visitorRules } from '../../forms/visitors';
import { columnsOf } from '../../forms/columns';
import type { LedgerRow, Snapshot, SnapshotRequest } from '../../ledger/types';
import { fen, str } from './loanGuards';
import { VISITOR_RULES_QUERY, visitorRulesIn } from './visitorRules';

/**
 * The day's loans for site operations (issue 13 item 1): vehicles lent, returned, damaged, lost and
 * still out at closing; deposits taken, refunded, kept as compensation and held, balanced to the
 * fen: held before + taken = refunded + kept + held after. Each settled loan must refund or keep
 * exactly its deposit; a sheet edited so that one does not makes the day unbalanced, by the
 * difference, instead of hiding it. Amounts in integer fen.
 */
export interface LoanDaySummary {
  readonly day: string;
  readonly closingTime: string;
  readonly lent: number;
  readonly wheelchairs: number;
  readonly strollers: number;
  readonly rentals: number;
  readonly returned: number;
  readonly damaged: number;
  readonly lost: number;
  /** Lent by the day's closing time and not returned by then. */
  readonly outAtClosing: number;
  readonly deposits: {
    /** Deposits of loans lent before the day and not settled before it. */
    readonly heldBefore: number;
    readonly taken: number;
    readonly refunded: number;
    readonly kept: number;
    /** Deposits of loans lent by the day's end and not settled by then. */
    readonly heldAfter: number;
    /** (held before + taken) − (refunded + kept + held after): 0 when the day balances. */
    readonly difference: number;
    readonly balanced: boolean;
  };
  readonly rentalFees: number;
  /** Compensation paid separately (beyond the deposit), settled on the day. */
  readonly compensationPaid: number;
  /** The loans behind the figures, by number. */
  readonly loans: { readonly lent: string[]; readonly returned: string[]; readonly damaged: string[]; readonly lost: string[]; readonly out: string[]; readonly settled: string[] };
}

/** What the summary reads: the loans (a report reads the table whole) and the rules (the closing time). */
export function loanDayRequest(): SnapshotRequest {
  return { tables: { [loans.key]: { columns: columnsOf(loans).map((c) => c.key), rows: 'all' }, [visitorRules.key]: VISITOR_RULES_QUERY } };
}

const dateOf = (row: LedgerRow, field: string): string => str(row.values[field]).slice(0, 10);

export function loanDaySummary(snapshot: Snapshot, day: string): LoanDaySummary {
  const { rules } = visitorRulesIn(snapshot);
  const closing = `${day} ${rules.loanClosingTime}`;
  const rows = (snapshot.tables[loans.key] ?? []).filter((r) => r.values.voided !== true && str(r.values.lent_at) !== '');
  const no = (r: LedgerRow) => str(r.values.loan_no);
  const lent = rows.filter((r) => dateOf(r, 'lent_at') === day);
  const returned = rows.filter((r) => dateOf(r, 'returned_at') === day);
  const damaged = returned.filter((r) => r.values.return_check === 'damaged');
  // A loan marked lost carries no date of its own: it is the day's when it was lent that day.
  const lost = lent.filter((r) => r.values.status === 'overdue' || (r.values.status === 'settled' && str(r.values.lost_note) !== ''));
  const out = rows.filter((r) => str(r.values.lent_at).slice(0, 16) <= closing && (str(r.values.returned_at) === '' || str(r.values.returned_at).slice(0, 16) > closing));
  const settledOn = (r: LedgerRow) => dateOf(r, 'settled_at');
  const settled = rows.filter((r) => settledOn(r) === day);
  const sum = (list: readonly LedgerRow[], value: (r: LedgerRow) => number) => list.reduce((total, r) => total + value(r), 0);
  const deposit = (r: LedgerRow) => fen(r.values.deposit);
  const heldBefore = sum(
    rows.filter((r) => dateOf(r, 'lent_at') < day && (settledOn(r) === '' || settledOn(r) >= day)),
    deposit,
  );
  const heldAfter = sum(
    rows.filter((r) => dateOf(r, 'lent_at') <= day && (settledOn(r) === '' || settledOn(r) > day)),
    deposit,
  );
  const taken = sum(lent, deposit);
  const refunded = sum(settled, (r) => fen(r.values.refund));
  const kept = sum(
    settled.filter((r) => r.values.settlement === 'deducted'),
    (r) => fen(r.values.compensation),
  );
  const difference = heldBefore + taken - (refunded + kept + heldAfter);
  return {
    day,
    closingTime: rules.loanClosingTime,
    lent: lent.length,
    wheelchairs: lent.filter((r) => r.values.vehicle_type === 'wheelchair').length,
    strollers: lent.filter((r) => r.values.vehicle_type === 'stroller').length,
    rentals: lent.filter((r) => r.values.loan_kind === 'rental').length,
    returned: returned.length,
    damaged: damaged.length,
    lost: lost.length,
    outAtClosing: out.length,
    deposits: { heldBefore, taken, refunded, kept, heldAfter, difference, balanced: difference === 0 },
    rentalFees: sum(lent, (r) => fen(r.values.rental_fee)),
    compensationPaid: sum(
      settled.filter((r) => r.values.settlement === 'compensated'),
      (r) => fen(r.values.compensation),
    ),
    loans: { lent: lent.map(no), returned: returned.map(no), damaged: damaged.map(no), lost: lost.map(no), out: out.map(no), settled: settled.map(no) },
  };
}
