import { repairLedger, repairOrders } from '../forms/receptionRepairs';
import type { RecordValues } from '../ledger/cells';
import type { LedgerRow, Snapshot } from '../ledger/types';
import { changeRecord, notBefore, recordIn, sheetRow, stepOperation, validated, type PreparedStep } from './deskSteps';
import type { OperationContext } from './records';

// ————————————————————————————————————————— repair orders (F4, F5, W3)

export function ledgerLine(snapshot: Snapshot, no: string): LedgerRow {
  return recordIn(snapshot, repairLedger, no);
}

function keepLedgerInStep(values: (orderValues: RecordValues, prepared: PreparedStep) => RecordValues) {
  return (snapshot: Snapshot, row: LedgerRow, orderValues: RecordValues, prepared: PreparedStep, context: OperationContext, at: string) => {
    const line = ledgerLine(snapshot, String(row.values.order_no));
    const change = changeRecord(repairLedger, line, values(orderValues, prepared), context, 'sync', at);
    return { updates: change.update ? [change.update] : [], audit: change.audit };
  };
}

export const REPAIR_OPEN = ['created', 'signed_by_engineering', 'dispatched', 'in_repair', 'waiting_parts'];

/** Engineering signs for all three copies of the order (P1-接待4): one signature, printed on each copy. */
export const signRepairOrder = stepOperation({
  form: repairOrders,
  action: 'sign',
  fieldsStep: 'signed_by_engineering',
  from: ['created'],
  to: 'signed_by_engineering',
  check: (row, values) => notBefore(repairOrders, row, 'engineering_signed_at', values.engineering_signed_at, 'reported_at', row.values.reported_at),
});

/** A technician is assigned; the ledger line names them. */
export const dispatchRepair = stepOperation({
  form: repairOrders,
  action: 'dispatch',
  fieldsStep: 'dispatched',
  from: ['signed_by_engineering', 'dispatched'],
  to: 'dispatched',
  linkedReads: [repairLedger],
  linkedWrites: [repairLedger.key],
  alsoChange: keepLedgerInStep((values) => ({ technician: values.technician ?? null })),
});

/** The technician arrives on site. */
export const repairArrived = stepOperation({
  form: repairOrders,
  action: 'arrive',
  fieldsStep: 'in_repair',
  from: ['dispatched'],
  to: 'in_repair',
  check: (row, values) => [
    ...(values.arrived_at ? [] : [{ kind: 'required' as const, form: repairOrders.key, field: 'arrived_at', row: sheetRow(row) }]),
    ...notBefore(repairOrders, row, 'arrived_at', values.arrived_at, 'reported_at', row.values.reported_at),
  ],
});

/** The repair waits for parts (T). */
export const repairWaitingParts = stepOperation({ form: repairOrders, action: 'wait_parts', from: ['dispatched', 'in_repair'], to: 'waiting_parts' });

/** Completed, with the requester's acceptance signature on copy 2; the ledger line follows. */
export const completeRepair = stepOperation({
  form: repairOrders,
  action: 'complete',
  fieldsStep: 'completed',
  from: ['dispatched', 'in_repair', 'waiting_parts'],
  to: 'completed',
  linkedReads: [repairLedger],
  linkedWrites: [repairLedger.key],
  check: (row, values) => [
    ...notBefore(repairOrders, row, 'completed_at', values.completed_at, 'reported_at', row.values.reported_at),
    ...notBefore(repairOrders, row, 'requester_accepted_at', values.requester_accepted_at, 'completed_at', values.completed_at),
  ],
  alsoChange: keepLedgerInStep((values) => ({
    completed_at: values.completed_at ?? null,
    result: values.result ?? null,
    materials: values.materials ?? null,
    paid: values.paid ?? null,
    status: 'completed',
  })),
});

/** Copy 2 returned to Customer Service, who signs for it (for the return visit). */
export const returnRepairCopy = stepOperation({
  form: repairOrders,
  action: 'return',
  fieldsStep: 'returned_to_cs',
  from: ['completed'],
  to: 'returned_to_cs',
  check: (row, values) => notBefore(repairOrders, row, 'returned_to_cs_at', values.returned_to_cs_at, 'completed_at', row.values.completed_at),
});

/** Closed, with the return-visit result on the ledger line (optional `visit_result`). */
export const closeRepair = stepOperation({
  form: repairOrders,
  action: 'close',
  from: ['returned_to_cs', 'visited'],
  to: 'closed',
  linkedReads: [repairLedger],
  linkedWrites: [repairLedger.key],
  linkedInput: (fields) => {
    const { visit_result: visitResult, ...own } = fields;
    const linked = visitResult === undefined ? {} : validated(repairLedger, { visit_result: visitResult }, 'closed');
    return { own, linked };
  },
  alsoChange: keepLedgerInStep((_values, prepared) => ({ ...prepared.linked, status: 'closed' })),
});
