import { loans, repairSlips, vehicles, visitorRules } from '../../forms/visitors';
import { c } from '../../forms/codes';
import type { FormDecl } from '../../forms/types';
import type { LedgerRow, Snapshot } from '../../ledger/types';
import type { Problem } from '../../core/problems';
import { codeText, localized, sheetRow } from '../deskSteps';
import { minutesLate } from '../dueDates';
import type { DueItem, WorkflowCheck, WorkflowQueue } from '../workflow';
import { str } from './loanGuards';
import { visitorRulesIn } from './visitorRules';

/**
 * What the loans put in the to-do queue and report to `kefu check` (W4), pure, on whole tables:
 * vehicles still out after the closing time of the day they were lent, a vehicle lent twice at
 * once (two clerks lending it in the same moment: Excel cannot refuse the second, see
 * docs/special-visitors.md), repair slips the shop has not signed for; and a fleet out of step with
 * its loans and slips.
 */

/** The due kinds of the loans' queue. */
export const LOAN_DUE_KINDS = [
  c('loan_closing', '车辆超过归还截止时间未还', '車輛超過歸還截止時間未還', 'Vehicle still out after closing time'),
  c('double_loan', '同一车辆重复出借，须立即核实', '同一車輛重複出借，須立即核實', 'Vehicle lent twice: check at once'),
  c('slip_receive', '送修单待修理部签收', '送修單待修理部簽收', 'Repair slip waiting for the shop to sign'),
];

const live = (snapshot: Snapshot, form: FormDecl): LedgerRow[] => (snapshot.tables[form.key] ?? []).filter((r) => r.values.voided !== true);

function item(form: FormDecl, row: LedgerRow, what: { rule: string; due: string; field: string; subject: string; person: string }, now: string): DueItem {
  const late = minutesLate(what.due, now);
  return {
    table: form.key,
    record: str(row.values[form.keyField]),
    row: sheetRow(row),
    status: str(row.values.status),
    subject: what.subject,
    person: what.person,
    rule: what.rule,
    due: what.due,
    field: what.field,
    overdue: late > 0,
    minutesLate: late,
  };
}

/** The loans still out (on loan, not void), by vehicle no. */
export function openLoansByVehicle(snapshot: Snapshot): Map<string, LedgerRow[]> {
  const out = new Map<string, LedgerRow[]>();
  for (const loan of live(snapshot, loans)) {
    if (loan.values.status !== 'on_loan') continue;
    const no = str(loan.values.vehicle_no);
    out.set(no, [...(out.get(no) ?? []), loan]);
  }
  return out;
}

function loanSubject(loan: LedgerRow): string {
  return [str(loan.values.vehicle_no), str(loan.values.borrower_phone)].filter(Boolean).join(' ');
}

/**
 * Loans on loan past the closing time of the day they were lent; every loan of a vehicle with two
 * or more out at once, due when it was lent (overdue at once).
 */
export function loanItems(snapshot: Snapshot, now: string): DueItem[] {
  const { rules } = visitorRulesIn(snapshot);
  const items: DueItem[] = [];
  for (const [, open] of openLoansByVehicle(snapshot)) {
    for (const loan of open) {
      const lent = str(loan.values.lent_at);
      if (!/^\d{4}-\d{2}-\d{2}/.test(lent)) continue;
      const what = { field: 'lent_at', subject: loanSubject(loan), person: str(loan.values.borrower) };
      if (open.length > 1) items.push(item(loans, loan, { ...what, rule: 'double_loan', due: lent.slice(0, 16) }, now));
      items.push(item(loans, loan, { ...what, rule: 'loan_closing', due: `${lent.slice(0, 10)} ${rules.loanClosingTime}` }, now));
    }
  }
  return items;
}

/** Repair slips sent and not yet signed for by the shop: due by the closing time of the day sent (the seed's "immediately"). */
export function slipItems(snapshot: Snapshot, now: string): DueItem[] {
  const { rules } = visitorRulesIn(snapshot);
  return live(snapshot, repairSlips)
    .filter((slip) => slip.values.status === 'sent' && /^\d{4}-\d{2}-\d{2}/.test(str(slip.values.sent_at)))
    .map((slip) => {
      const sent = str(slip.values.sent_at).slice(0, 16);
      const closing = `${sent.slice(0, 10)} ${rules.loanClosingTime}`;
      return item(
        repairSlips,
        slip,
        {
          rule: 'slip_receive',
          due: closing > sent ? closing : sent,
          field: 'sent_at',
          subject: `${str(slip.values.vehicle_no)} ${str(slip.values.damage)}`.trim(),
          person: str(slip.values.sent_by_by),
        },
        now,
      );
    });
}

export const loanQueue: WorkflowQueue = {
  reads: [loans, visitorRules],
  rules: LOAN_DUE_KINDS,
  // The check reports a double loan as an error: not warned of again as an overdue item.
  checkedAsProblems: ['double_loan'],
  items: loanItems,
};

export const slipQueue: WorkflowQueue = { reads: [repairSlips, visitorRules], rules: LOAN_DUE_KINDS, items: slipItems };

// ————————————————————————————————————————— the check

/**
 * A vehicle with two loans out (naming both and their rows); a loan out whose vehicle the fleet
 * does not show lent with it; a vehicle on loan or under repair with a loan or slip no longer open;
 * a vehicle available or lost with a repair slip still open.
 */
export function loanProblems(snapshot: Snapshot): Problem[] {
  const problems: Problem[] = [];
  const fleet = new Map(live(snapshot, vehicles).map((v) => [str(v.values.vehicle_no), v] as const));
  const open = openLoansByVehicle(snapshot);
  for (const [vehicleNo, out] of open) {
    if (out.length > 1) {
      problems.push({
        kind: 'doubleLoan',
        form: loans.key,
        row: sheetRow(out[0]),
        field: 'vehicle_no',
        params: { vehicle: vehicleNo, count: out.length, loans: out.map((l) => str(l.values.loan_no)).join(', '), rows: out.map(sheetRow).join(', '), record: str(out[0].values.loan_no) },
      });
      continue;
    }
    const [loan] = out;
    const vehicle = fleet.get(vehicleNo);
    const no = str(loan.values.loan_no);
    if (vehicle && (vehicle.values.status !== 'on_loan' || str(vehicle.values.current_loan) !== no)) {
      problems.push({
        kind: 'loanVehicleOutOfStep',
        form: loans.key,
        row: sheetRow(loan),
        field: 'vehicle_no',
        params: { record: no, vehicle: vehicleNo, current: str(vehicle.values.current_loan) || '—', ...localized('status', codeText(vehicles.statuses, vehicle.values.status ?? null)) },
      });
    }
  }
  const openSlips = new Map<string, LedgerRow[]>();
  for (const slip of live(snapshot, repairSlips)) {
    if (slip.values.status === 'closed') continue;
    const no = str(slip.values.vehicle_no);
    openSlips.set(no, [...(openSlips.get(no) ?? []), slip]);
  }
  for (const [vehicleNo, vehicle] of fleet) {
    const status = str(vehicle.values.status);
    const at = { form: vehicles.key, row: sheetRow(vehicle), params: { record: vehicleNo, vehicle: vehicleNo } };
    const current = str(vehicle.values.current_loan);
    if (status === 'on_loan' && !(open.get(vehicleNo) ?? []).some((l) => str(l.values.loan_no) === current)) {
      problems.push({ ...at, kind: 'vehicleLoanNotOpen', field: 'current_loan', params: { ...at.params, loan: current || '—' } });
    }
    const slips = openSlips.get(vehicleNo) ?? [];
    const slipNo = str(vehicle.values.repair_slip_no);
    if (status === 'under_repair' && !slips.some((s) => str(s.values.slip_no) === slipNo)) {
      problems.push({ ...at, kind: 'vehicleSlipNotOpen', field: 'repair_slip_no', params: { ...at.params, slip: slipNo || '—' } });
    }
    if ((status === 'available' || status === 'on_loan') && slips.length > 0) {
      problems.push({
        ...at,
        kind: 'vehicleOpenSlip',
        field: 'status',
        params: { ...at.params, slip: slips.map((s) => str(s.values.slip_no)).join(', '), ...localized('status', codeText(vehicles.statuses, status)) },
      });
    }
  }
  return problems;
}

export const loanCheck: WorkflowCheck = {
  reads: [loans, vehicles, repairSlips],
  problems: (snapshot) => ({ errors: loanProblems(snapshot), warnings: [] }),
};
