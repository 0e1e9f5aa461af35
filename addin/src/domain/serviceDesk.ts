import { complaints, returnVisits } from '../forms/complaints';
import { reception, repairLedger, repairOrders } from '../forms/receptionRepairs';
import type { FormDecl } from '../forms/types';
import { KefuError, type Problem } from '../core/problems';
import { changeRecord, guardStatus, lookup, recordIn, type StepResult } from './deskSteps';
import { unstorableProblem } from './storableText';
import type { Operation } from './records';
import { replyToInquiry, verifyIssue, escalateOther } from './reception';
import { dispatchComplaint, recordHandling, returnToCustomerService, recordReturnVisit, archiveComplaint } from './complaintProcedure';
import { ledgerLine, signRepairOrder, dispatchRepair, repairArrived, repairWaitingParts, completeRepair, returnRepairCopy, closeRepair } from './repairProcedure';

/*
 * The service desk of domain brief §1.1 as pure operations (issue 4): reception routing (W2,
 * reception.ts), the complaint procedure (W1, complaintProcedure.ts) and triplicate repair orders
 * (W3, repairProcedure.ts), each step built on deskSteps.ts; voiding and the list of every step
 * here. Each one reads what it needs in one request (the records by number, the promised times and
 * the calendar when a due time is set) and writes one change set: new rows, only the changed cells
 * of updated rows, confirmed numbers and one audit entry per changed field.
 */

// ————————————————————————————————————————— void (never delete)

export interface VoidInput {
  readonly no: string;
  readonly reason: string;
}

/** Forms whose records the desk voids, and the linked line voided with them. */
const VOIDABLE: Readonly<Record<string, FormDecl>> = { complaints, reception, repair_orders: repairOrders, return_visits: returnVisits };

/**
 * Marks a record void with a reason; it keeps its number and row. A repair order's ledger line is
 * voided with it. A void record takes no further step.
 */
export function voidRecord(formKey: 'complaints' | 'reception' | 'repair_orders' | 'return_visits'): Operation<VoidInput, VoidInput, StepResult> {
  const form = VOIDABLE[formKey];
  const withLine = form === repairOrders;
  return {
    prepare(input) {
      const no = typeof input?.no === 'string' ? input.no.trim() : '';
      const reason = typeof input?.reason === 'string' ? input.reason.trim() : '';
      const problems: Problem[] = [];
      if (no === '') problems.push({ kind: 'required', form: form.key, field: form.keyField });
      if (reason === '') problems.push({ kind: 'voidReasonRequired', form: form.key, field: 'void_reason' });
      else if ([...reason].length > 200) problems.push({ kind: 'tooLong', form: form.key, field: 'void_reason', params: { length: [...reason].length, max: 200 } });
      // Located in the reason as given (before trimming), which is what the clerk typed.
      const unstorable = reason === '' ? undefined : unstorableProblem(input.reason);
      if (unstorable) problems.push({ ...unstorable, form: form.key, field: 'void_reason' });
      if (problems.length > 0) throw new KefuError(problems);
      return { no, reason };
    },
    request(prepared) {
      const tables: Record<string, ReturnType<typeof lookup>> = { [form.key]: lookup(form, [prepared.no]) };
      if (withLine) tables[repairLedger.key] = lookup(repairLedger, [prepared.no]);
      return { tables, writes: withLine ? [form.key, repairLedger.key] : [form.key] };
    },
    decide(snapshot, prepared, context) {
      const row = recordIn(snapshot, form, prepared.no);
      if (row.values.voided === true) guardStatus(form, row, [], 'void');
      const at = context.clock.now();
      const change = changeRecord(form, row, { voided: true, void_reason: prepared.reason }, context, 'void', at);
      const updates = change.update ? [change.update] : [];
      const audit = [...change.audit];
      if (withLine) {
        const line = changeRecord(repairLedger, ledgerLine(snapshot, prepared.no), { voided: true, void_reason: prepared.reason }, context, 'void', at);
        if (line.update) updates.push(line.update);
        audit.push(...line.audit);
      }
      return { changes: { updates, audit }, result: { number: prepared.no, status: String(row.values.status ?? '') } };
    },
  };
}

/** Every desk step by form and action name: what the CLI and the task pane offer. */
export const DESK_STEPS = {
  reception: { reply: replyToInquiry, verify: verifyIssue, escalate: escalateOther },
  complaint: { dispatch: dispatchComplaint, handle: recordHandling, return: returnToCustomerService, visit: recordReturnVisit, archive: archiveComplaint },
  repair: {
    sign: signRepairOrder,
    dispatch: dispatchRepair,
    arrive: repairArrived,
    'wait-parts': repairWaitingParts,
    complete: completeRepair,
    return: returnRepairCopy,
    close: closeRepair,
  },
} as const;
