import { loans, repairSlips, vehicles } from '../../forms/visitors';
import { t } from '../../forms/codes';
import type { FormDecl } from '../../forms/types';
import type { DomainValue, RecordValues } from '../../ledger/cells';
import { formatNumber, periodOf, type SequenceNumbering } from '../../ledger/numbering';
import type { AuditEntry, LedgerRow, RecordUpdate, Snapshot } from '../../ledger/types';
import { KefuError } from '../../core/problems';
import { asObject, changeRecord, createdAudit, guardStatus, lookup, notBefore, recordIn, stepOperation, validated, type DeskStep, type StepInput, type StepResult } from '../deskSteps';
import { createKeyedRecord, rowsWhere } from '../fieldWork/registers';
import { createNumberedRecord, type CreatedRecord, type Operation, type OperationContext, type PreparedRecord } from '../records';
import type { Workflow } from '../workflow';
import { fen, lendProblems, refundOf, settlementProblems, str } from './loanGuards';
import { loanCheck, loanQueue, slipQueue } from './loanQueue';

/**
 * Wheelchair and stroller loans (W4; P2-2.2, 3.1.3; issue 13 item 1): the fleet (`vehicles`), the
 * loans (F8) and the repair hand-over slips (F9). Each step reads what it needs by key in one
 * request and writes one change set: the loan and its vehicle together, and a damaged return's
 * repair slip numbered and written with them, "immediately" as the seed says.
 */

const SX = repairSlips.numbering as SequenceNumbering;

function vehicleChange(row: LedgerRow | undefined, values: RecordValues, context: OperationContext, action: string, at: string): { updates: RecordUpdate[]; audit: AuditEntry[] } {
  if (!row) return { updates: [], audit: [] };
  const change = changeRecord(vehicles, row, values, context, action, at);
  return { updates: change.update ? [change.update] : [], audit: change.audit };
}

/** The live fleet row of the vehicle whose `field` names `no` (its current loan, its repair slip). */
function vehicleBy(snapshot: Snapshot, field: string, no: string, vehicleNo: string): LedgerRow | undefined {
  return (snapshot.tables[vehicles.key] ?? []).find((r) => r.values.voided !== true && str(r.values[field]) === no && str(r.values.vehicle_no) === vehicleNo);
}

// ————————————————————————————————————————— the fleet

/** A vehicle registered in the fleet (its number once), available from then on. */
export const registerVehicle = createKeyedRecord(vehicles);

/** A lost vehicle brought back: available again, no longer tied to the loan it was lost on. */
export const vehicleFound = stepOperation({ form: vehicles, action: 'found', from: ['lost'], to: 'available', derive: () => ({ current_loan: null }) });

// ————————————————————————————————————————— lending

const numberedLoan = createNumberedRecord(loans);

/**
 * Lending (F8): the vehicle read by its number with the claim of the loan's JY number, in one
 * request; refused unless the vehicle is in the fleet, of the loan's type and available. The loan
 * and the vehicle, on loan with `current_loan`, are written in one change set.
 */
export const lendVehicle: Operation<unknown, PreparedRecord, CreatedRecord> = {
  prepare(input, context) {
    // Validation refuses an ID number in any text (domain/validate.ts) before any number is claimed.
    return numberedLoan.prepare(input, context);
  },
  request(prepared, context) {
    const base = numberedLoan.request(prepared, context);
    return { ...base, tables: { [vehicles.key]: rowsWhere(vehicles, 'vehicle_no', [str(prepared.values.vehicle_no)]) }, writes: [loans.key, vehicles.key] };
  },
  decide(snapshot, prepared, context) {
    const fleet = snapshot.tables[vehicles.key] ?? [];
    const refused = lendProblems(prepared.values, fleet);
    if (refused.length > 0) throw new KefuError(refused);
    const { changes, result } = numberedLoan.decide(snapshot, prepared, context);
    const vehicle = fleet.find((r) => r.values.voided !== true && str(r.values.vehicle_no) === str(prepared.values.vehicle_no))!;
    const at = context.clock.now();
    const lent = vehicleChange(vehicle, { status: 'on_loan', current_loan: result.number }, context, 'lend', at);
    return { changes: { ...changes, updates: lent.updates, audit: [...(changes.audit ?? []), ...lent.audit] }, result };
  },
};

// ————————————————————————————————————————— the return check

const RETURN_FIELDS = ['returned_at', 'return_check', 'damage'] as const;

/** The return's fields, declared at two steps of the form (returned, inspected), given at once. */
const returnForm: FormDecl = { ...loans, fields: loans.fields.filter((f) => (RETURN_FIELDS as readonly string[]).includes(f.key)).map(({ step: _step, ...f }) => f) };

interface PreparedReturn {
  readonly no: string;
  readonly values: Record<string, DomainValue>;
  readonly damaged: boolean;
}

/**
 * The return and its check (W4: Returned → Inspected), not before the loan was lent. Intact: the
 * loan is inspected and the vehicle available again. Damaged: the damage described, an F9 repair
 * slip SX-YYYY-NNNN numbered and written in the same change set, the loan sent for repair with
 * the slip's number, the vehicle under repair with it.
 */
export const returnVehicle: DeskStep<PreparedReturn> = {
  describe: { form: loans, action: 'return_vehicle', from: ['on_loan'], to: 'inspected', alsoTo: ['sent_for_repair'], fieldsForm: loans, fields: [...RETURN_FIELDS] },
  prepare(input: StepInput) {
    const no = typeof input?.no === 'string' ? input.no.trim() : '';
    if (no === '') throw new KefuError([{ kind: 'required', form: loans.key, field: loans.keyField }]);
    const values = validated(returnForm, asObject(input.fields ?? {}));
    return { no, values, damaged: values.return_check === 'damaged' };
  },
  request(prepared) {
    return {
      tables: { [loans.key]: lookup(loans, [prepared.no]), [vehicles.key]: rowsWhere(vehicles, 'current_loan', [prepared.no]) },
      ...(prepared.damaged ? { claims: [{ series: SX.series, period: periodOf(SX, str(prepared.values.returned_at)) }] } : {}),
      writes: [loans.key, vehicles.key, ...(prepared.damaged ? [repairSlips.key] : [])],
    };
  },
  decide(snapshot, prepared, context) {
    const row = recordIn(snapshot, loans, prepared.no);
    guardStatus(loans, row, ['on_loan'], 'return_vehicle');
    const early = notBefore(loans, row, 'returned_at', prepared.values.returned_at, 'lent_at', row.values.lent_at);
    if (early.length > 0) throw new KefuError(early);
    const at = context.clock.now();
    // The vehicle lent with this loan (a fleet row edited by hand to another loan is left as it is: kefu check names it).
    const vehicle = vehicleBy(snapshot, 'current_loan', prepared.no, str(row.values.vehicle_no));
    if (!prepared.damaged) {
      const own = changeRecord(loans, row, { ...prepared.values, status: 'inspected' }, context, 'return_vehicle', at);
      const back = vehicleChange(vehicle, { status: 'available', current_loan: null }, context, 'return_vehicle', at);
      return { changes: { updates: [...(own.update ? [own.update] : []), ...back.updates], audit: [...own.audit, ...back.audit] }, result: { number: prepared.no, status: 'inspected' } };
    }
    const claim = snapshot.claims[0];
    if (!claim) throw new Error('return: the ledger returned no claim');
    const slipNo = formatNumber(SX, claim.period, claim.seq);
    const sentAt = str(prepared.values.returned_at);
    const slip: Record<string, DomainValue> = {
      slip_no: slipNo,
      loan_no: prepared.no,
      vehicle_type: row.values.vehicle_type ?? null,
      vehicle_no: row.values.vehicle_no ?? null,
      damage: prepared.values.damage ?? null,
      sent_at: sentAt,
      sent_by_by: context.actor.clerk,
      sent_by_at: sentAt,
      status: 'sent',
      created_at: at.slice(0, 16),
      created_by: context.actor.clerk,
      voided: false,
      ...(context.actor.site ? { site: context.actor.site } : {}),
    };
    const own = changeRecord(loans, row, { ...prepared.values, repair_slip_no: slipNo, status: 'sent_for_repair' }, context, 'return_vehicle', at);
    const sent = vehicleChange(vehicle, { status: 'under_repair', current_loan: null, repair_slip_no: slipNo }, context, 'return_vehicle', at);
    return {
      changes: {
        appends: { [repairSlips.key]: [slip] },
        updates: [...(own.update ? [own.update] : []), ...sent.updates],
        confirm: [claim],
        audit: [...own.audit, createdAudit(repairSlips, slip, context, at), ...sent.audit],
      },
      result: { number: prepared.no, status: 'sent_for_repair', created: slipNo } satisfies StepResult,
    };
  },
};

// ————————————————————————————————————————— settling, losing

/**
 * The deposit settled (押金退还/赔偿): refunded, kept in part or whole as compensation with a
 * reason, compensation paid separately, or none; the refund computed to the fen. A settlement
 * that does not balance is refused.
 */
export const settleLoan = stepOperation({
  form: loans,
  action: 'settle',
  fieldsStep: 'settled',
  from: ['inspected', 'sent_for_repair', 'overdue'],
  to: 'settled',
  check: (row, values) => [
    ...settlementProblems(row, values),
    ...notBefore(loans, row, 'settled_at', values.settled_at, str(row.values.returned_at) ? 'returned_at' : 'lent_at', row.values.returned_at || row.values.lent_at),
  ],
  derive: (row, values) => ({ refund: refundOf(fen(row.values.deposit), str(values.settlement), fen(values.compensation)) }),
});

/** A vehicle not brought back (逾期/遗失): the loan overdue with a note, the vehicle lost. */
export const markLoanLost = stepOperation({
  form: loans,
  action: 'mark_lost',
  fieldsStep: 'overdue',
  from: ['on_loan'],
  to: 'overdue',
  reads: (prepared) => ({ [vehicles.key]: rowsWhere(vehicles, 'current_loan', [prepared.no]) }),
  linkedWrites: [vehicles.key],
  alsoChange: (snapshot, row, _values, prepared, context, at) =>
    vehicleChange(vehicleBy(snapshot, 'current_loan', prepared.no, str(row.values.vehicle_no)), { status: 'lost' }, context, 'mark_lost', at),
});

// ————————————————————————————————————————— the repair slip

/** The repair shop signs for the vehicle (修理部签收). */
export const receiveSlip = stepOperation({ form: repairSlips, action: 'receive_slip', fieldsStep: 'received', from: ['sent'], to: 'received' });

/** The repair's result: repaired, the vehicle is available again; scrapped, it is scrapped. Either way it no longer carries the slip. */
export const closeSlip = stepOperation({
  form: repairSlips,
  action: 'close_slip',
  fieldsStep: 'closed',
  from: ['received'],
  to: 'closed',
  reads: (prepared) => ({ [vehicles.key]: rowsWhere(vehicles, 'repair_slip_no', [prepared.no]) }),
  linkedWrites: [vehicles.key],
  check: (row, values) => notBefore(repairSlips, row, 'repaired_at', values.repaired_at, 'sent_at', row.values.sent_at),
  alsoChange: (snapshot, row, values, prepared, context, at) =>
    vehicleChange(
      vehicleBy(snapshot, 'repair_slip_no', prepared.no, str(row.values.vehicle_no)),
      { status: values.result === 'scrapped' ? 'scrapped' : 'available', repair_slip_no: null },
      context,
      'close_slip',
      at,
    ),
});

// ————————————————————————————————————————— the workflows

export const vehicleWorkflow: Workflow = {
  since: 4,
  word: 'vehicle',
  form: vehicles,
  number: '<vehicle-no>',
  create: registerVehicle,
  steps: { found: vehicleFound },
  voidable: true,
  help: t(
    '轮椅/婴儿车台账：add {vehicle_no, vehicle_type, description?, in_service_on?, note?} 登记车辆（编号不得重复，登记后为“可借用”）；found 遗失的车辆找回后恢复“可借用”；void 作废（须写原因）。',
    '輪椅/嬰兒車臺賬：add {vehicle_no, vehicle_type, description?, in_service_on?, note?} 登記車輛（編號不得重複，登記後為「可借用」）；found 遺失的車輛找回後恢復「可借用」；void 作廢（須寫原因）。',
    'Wheelchair and stroller fleet: add {vehicle_no, vehicle_type, description?, in_service_on?, note?} registers a vehicle (its number once; available from then on); found brings a lost vehicle back (available); void with a reason.',
  ),
};

export const loanWorkflow: Workflow = {
  since: 4,
  word: 'loan',
  form: loans,
  number: '<JY-no>',
  create: lendVehicle,
  steps: { return: returnVehicle, settle: settleLoan, lost: markLoanLost },
  voidable: true,
  help: t(
    '轮椅/婴儿车借用（F8，W4）：add 出借（车辆须在台账中、类型相符且“可借用”；只记录证件类型，不记录证件号码；押金或租金精确到分）；return {returned_at, return_check, damage?} 归还检查：完好则车辆恢复可借用，损坏须描述并立即生成送修单（SX-YYYY-NNNN）；settle {settlement, compensation?, compensation_reason?, settled_at} 押金退还或抵扣赔偿（抵扣不超过押金，须写原因）；lost {lost_note} 逾期/遗失；void 作废（须写原因）。',
    '輪椅/嬰兒車借用（F8，W4）：add 出借（車輛須在臺賬中、類型相符且「可借用」；只記錄證件類型，不記錄證件號碼；押金或租金精確到分）；return {returned_at, return_check, damage?} 歸還檢查：完好則車輛恢復可借用，損壞須描述並立即產生送修單（SX-YYYY-NNNN）；settle {settlement, compensation?, compensation_reason?, settled_at} 押金退還或抵扣賠償（抵扣不超過押金，須寫原因）；lost {lost_note} 逾期/遺失；void 作廢（須寫原因）。',
    'Wheelchair and stroller loans (F8, W4): add lends a vehicle (in the fleet, of the type asked for, available; the kind of document seen, never its number; deposit or fee to the fen); return {returned_at, return_check, damage?} the return check: intact makes the vehicle available, damaged needs a description and makes the repair slip (SX-YYYY-NNNN) at once; settle {settlement, compensation?, compensation_reason?, settled_at} refunds the deposit or keeps it as compensation (at most the deposit, with a reason); lost {lost_note} overdue or lost; void with a reason.',
  ),
  queue: loanQueue,
  check: loanCheck,
};

export const repairSlipWorkflow: Workflow = {
  since: 4,
  word: 'repair-slip',
  form: repairSlips,
  number: '<SX-no>',
  steps: { receive: receiveSlip, close: closeSlip },
  voidable: true,
  help: t(
    '送修单（F9）：由借用归还检查发现损坏时自动生成；receive {received_by_shop} 修理部签收；close {repaired_at, result} 修复则车辆恢复可借用，报废则车辆报废；void 作废（须写原因）。',
    '送修單（F9）：由借用歸還檢查發現損壞時自動產生；receive {received_by_shop} 修理部簽收；close {repaired_at, result} 修復則車輛恢復可借用，報廢則車輛報廢；void 作廢（須寫原因）。',
    'Repair hand-over slip (F9): made by a loan’s return check that finds damage; receive {received_by_shop} the repair shop signs for it; close {repaired_at, result} repaired makes the vehicle available, scrapped scraps it; void with a reason.',
  ),
  queue: slipQueue,
};

/** The steps of the loans' workflows by name, for scripts (the busy day, the bench). */
export const LOAN_STEPS = { return: returnVehicle, settle: settleLoan, lost: markLoanLost, found: vehicleFound, receive: receiveSlip, close: closeSlip } as const;

export type { StepResult };
