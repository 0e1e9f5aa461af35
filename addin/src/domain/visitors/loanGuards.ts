import { loans, vehicles } from '../../forms/visitors';
import { VEHICLE_TYPES } from '../../forms/codes';
import type { FormDecl } from '../../forms/types';
import type { DomainValue, RecordValues } from '../../ledger/cells';
import type { LedgerRow } from '../../ledger/types';
import type { Problem } from '../../core/problems';
import { codeText, localized, sheetRow } from '../deskSteps';

/**
 * The guards of the wheelchair and stroller loans (W4; P2-2.2, 3.1.3), pure: which vehicle may be
 * lent, what a loan may not record (an ID number), and how a deposit is settled to the fen. The
 * steps refuse with them (loans.ts) and `kefu check` applies the same rules to the sheets
 * (loanQueue.ts).
 */

export const str = (value: DomainValue | undefined): string => (value === null || value === undefined ? '' : String(value));

/** Fen as yuan with two decimals ('12.50'), exactly. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A money cell as integer fen (blank: 0). */
export function fen(value: DomainValue | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : 0;
}

function statusOf(form: FormDecl, code: DomainValue | undefined) {
  return codeText(form.statuses, code ?? null);
}

/**
 * Whether the vehicle asked for may be lent: it is in the fleet (live), of the loan's type, and
 * available. A vehicle on loan names its open loan, one under repair its slip; the problem is on
 * the fleet's row and the column that says why (status or type).
 */
export function lendProblems(values: RecordValues, fleet: readonly LedgerRow[]): Problem[] {
  const no = str(values.vehicle_no);
  const vehicle = fleet.find((r) => str(r.values.vehicle_no) === no && r.values.voided !== true);
  if (!vehicle) return [{ kind: 'vehicleUnknown', form: loans.key, field: 'vehicle_no', params: { vehicle: no, record: no } }];
  const at = { form: vehicles.key, row: sheetRow(vehicle) };
  const status = str(vehicle.values.status);
  const named = { vehicle: no, record: no, ...localized('status', statusOf(vehicles, status)) };
  if (status === 'on_loan') return [{ ...at, kind: 'vehicleOnLoan', field: 'status', params: { ...named, loan: str(vehicle.values.current_loan) } }];
  if (status === 'under_repair') return [{ ...at, kind: 'vehicleUnderRepair', field: 'status', params: { ...named, slip: str(vehicle.values.repair_slip_no) } }];
  if (status !== 'available') return [{ ...at, kind: 'vehicleNotAvailable', field: 'status', params: named }];
  if (str(vehicle.values.vehicle_type) !== str(values.vehicle_type)) {
    return [
      {
        ...at,
        kind: 'vehicleWrongType',
        field: 'vehicle_type',
        params: {
          vehicle: no,
          record: no,
          ...localized('type', codeText(VEHICLE_TYPES, vehicle.values.vehicle_type ?? null)),
          ...localized('wanted', codeText(VEHICLE_TYPES, values.vehicle_type ?? null)),
        },
      },
    ];
  }
  return [];
}

const SETTLEMENT_CODES = loans.fields.find((f) => f.key === 'settlement')!.codes!;

/**
 * What a settlement refunds of the deposit: all of it, or the deposit less the compensation kept
 * from it (exact fen); nothing when there was none.
 */
export function refundOf(deposit: number, settlement: string, compensation: number): number {
  if (settlement === 'deducted') return deposit - compensation;
  return settlement === 'none' ? 0 : deposit;
}

/**
 * A settlement balances: a deposit is refunded, or kept (in part or whole) as compensation with a
 * reason; compensation beyond the deposit is paid separately; "none" only when no deposit was taken.
 */
export function settlementProblems(row: LedgerRow, values: RecordValues): Problem[] {
  const record = str(row.values.loan_no);
  const settlement = str(values.settlement);
  const deposit = fen(row.values.deposit);
  const compensation = fen(values.compensation);
  const at = { form: loans.key, row: sheetRow(row) };
  const params = { record, deposit: yuan(deposit), compensation: yuan(compensation), ...localized('settlement', codeText(SETTLEMENT_CODES, settlement)) };
  if (settlement === 'none' || settlement === 'refunded') {
    if (compensation !== 0) return [{ ...at, kind: 'compensationNotExpected', field: 'compensation', params }];
    if (settlement === 'none' && deposit > 0) return [{ ...at, kind: 'settlementDepositHeld', field: 'settlement', params }];
    if (settlement === 'refunded' && deposit === 0) return [{ ...at, kind: 'settlementNoDeposit', field: 'settlement', params }];
    return [];
  }
  if (values.compensation !== undefined && values.compensation !== null && compensation <= 0) return [{ ...at, kind: 'compensationNotPositive', field: 'compensation', params }];
  if (settlement === 'deducted') {
    if (deposit === 0) return [{ ...at, kind: 'settlementNoDeposit', field: 'settlement', params }];
    if (compensation > deposit) return [{ ...at, kind: 'compensationOverDeposit', field: 'compensation', params }];
  }
  return [];
}
