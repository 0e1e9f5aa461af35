import { complaintReopenings, complaints, returnVisits } from '../forms/complaints';
import type { DomainValue, RecordValues } from '../ledger/cells';
import type { AuditEntry } from '../ledger/types';
import { KefuError } from '../core/problems';
import { asObject, changeRecord, createdAudit, guardStatus, lookup, notBefore, recordIn, stepOperation, validated, type DeskStep } from './deskSteps';
import { fieldsForStep } from './validate';
import { createNumberedRecord } from './records';

/**
 * Complaint intake (P1-投訴1, W1 "Received"): the receptionist fills in the ticket; it gets a
 * number TS-YYYY-NNNN for the year it was received in and starts in status "received".
 */
export const registerComplaint = createNumberedRecord(complaints, { reopen_count: 0 });

// ————————————————————————————————————————— complaint procedure (F1, F2, W1)

/** (2) Copy 1 signed for by the responsible department's head, copy 2 filed by Customer Service. */
export const dispatchComplaint = stepOperation({
  form: complaints,
  action: 'dispatch',
  fieldsStep: 'dispatched',
  from: ['received', 'dispatched'],
  to: 'in_handling',
  check: (row, values) => [
    ...notBefore(complaints, row, 'copy1_signed_at', values.copy1_signed_at, 'received_at', row.values.received_at),
    ...notBefore(complaints, row, 'copy2_filed_at', values.copy2_filed_at, 'received_at', row.values.received_at),
  ],
});

/** (3) The action taken and its result, whether the complaint was substantiated, when handled. */
export const recordHandling = stepOperation({
  form: complaints,
  action: 'handle',
  fieldsStep: 'handled',
  from: ['in_handling'],
  to: 'handled',
  check: (row, values) => notBefore(complaints, row, 'handled_at', values.handled_at, 'copy1_signed_at', row.values.copy1_signed_at),
});

/** (4) The ticket (copy 1) returned to Customer Service, who signs for it. */
export const returnToCustomerService = stepOperation({
  form: complaints,
  action: 'return',
  fieldsStep: 'awaiting_visit',
  from: ['handled'],
  to: 'awaiting_visit',
  check: (row, values) => notBefore(complaints, row, 'returned_to_cs_at', values.returned_to_cs_at, 'handled_at', row.values.handled_at),
});

/** (6) Filed by Customer Service with its return visit, ready for binding. */
export const archiveComplaint = stepOperation({
  form: complaints,
  action: 'archive',
  fieldsStep: 'archived',
  from: ['visited'],
  to: 'archived',
});

/** The number of the n-th return visit of a ticket: `{ticket}-HF`, then `-HF2`, `-HF3` after reopenings. */
export function returnVisitNo(ticket: string, reopenCount: number): string {
  return reopenCount > 0 ? `${ticket}-HF${reopenCount + 1}` : `${ticket}-HF`;
}

/** The number of a ticket's n-th reopening (1-based): `{ticket}-R1`, `-R2`, … */
export function reopeningNo(ticket: string, n: number): string {
  return `${ticket}-R${n}`;
}

/** The fields of one handling round: what a reopening moves from the ticket to its reopening record. */
export const HANDLING_ROUND_FIELDS = ['action_result', 'substantiated', 'handled_at', 'returned_to_cs_by', 'returned_to_cs_at'] as const;

/** Whether a return visit reopens its ticket: unresolved, or the customer dissatisfied. */
export function visitReopens(values: RecordValues): boolean {
  return values.resolved === false || values.satisfaction === 'dissatisfied';
}

/**
 * (5) The return visit (F2) by management staff, forwarded to Customer Service. Only after the
 * handling is recorded and the ticket returned (status "awaiting visit"). An unresolved or
 * dissatisfied visit reopens the ticket: back to "in handling", reopen count + 1, and the handling
 * it reopened (action and result, verdict, handled-at, the return to Customer Service) moves from
 * the ticket to a new reopening record (投诉重开记录) with the visit and its time. The ticket's
 * handling cells stay blank until it is handled again, so each round keeps its own handled-at.
 */
export const recordReturnVisit: DeskStep<{ no: string; values: Record<string, DomainValue> }> = {
  describe: {
    form: complaints,
    action: 'visit',
    from: ['awaiting_visit'],
    to: 'visited',
    alsoTo: ['in_handling'],
    fieldsForm: returnVisits,
    fields: fieldsForStep(returnVisits)
      .map((f) => f.key)
      .filter((key) => key !== 'ticket_no'),
  },
  prepare(input) {
    const no = typeof input?.no === 'string' ? input.no.trim() : '';
    if (no === '') throw new KefuError([{ kind: 'required', form: complaints.key, field: 'ticket_no' }]);
    const values = validated(returnVisits, { ...asObject(input.fields ?? {}), ticket_no: no });
    return { no, values };
  },
  request(prepared) {
    // The reopening record is written only by a visit that reopens (a ledger not yet upgraded still takes the others).
    const writes = [complaints.key, returnVisits.key, ...(visitReopens(prepared.values) ? [complaintReopenings.key] : [])];
    return { tables: { [complaints.key]: lookup(complaints, [prepared.no]) }, writes };
  },
  decide(snapshot, prepared, context) {
    const row = recordIn(snapshot, complaints, prepared.no);
    guardStatus(complaints, row, ['awaiting_visit'], 'visit');
    const problems = [
      ...notBefore(complaints, row, 'handled_at', prepared.values.visited_at, 'handled_at', row.values.handled_at).map((p) => ({
        ...p,
        form: returnVisits.key,
        field: 'visited_at',
        row: undefined,
      })),
    ];
    if (problems.length > 0) throw new KefuError(problems);
    const at = context.clock.now();
    const reopens = Number(row.values.reopen_count ?? 0) || 0;
    const visitNo = returnVisitNo(prepared.no, reopens);
    const reopen = visitReopens(prepared.values);
    const common = { created_at: at.slice(0, 16), created_by: context.actor.clerk, voided: false, site: context.actor.site ?? null };
    const visit: Record<string, DomainValue> = { ...prepared.values, visit_no: visitNo, ...common };
    const appends: Record<string, RecordValues[]> = { [returnVisits.key]: [visit] };
    const audit: AuditEntry[] = [createdAudit(returnVisits, visit, context, at)];
    let ticketValues: RecordValues = { return_visit_no: visitNo, status: 'visited' };
    if (reopen) {
      // The reopened round keeps its handling in its own record; the ticket is handled afresh.
      const round: Record<string, DomainValue> = {
        reopening_no: reopeningNo(prepared.no, reopens + 1),
        ticket_no: prepared.no,
        reopened_at: prepared.values.visited_at ?? null,
        visit_no: visitNo,
        ...Object.fromEntries(HANDLING_ROUND_FIELDS.map((key) => [key, row.values[key] ?? null])),
        ...common,
      };
      appends[complaintReopenings.key] = [round];
      audit.push(createdAudit(complaintReopenings, round, context, at));
      ticketValues = {
        return_visit_no: visitNo,
        status: 'in_handling',
        reopen_count: reopens + 1,
        ...Object.fromEntries(HANDLING_ROUND_FIELDS.map((key) => [key, null])),
      };
    }
    const ticket = changeRecord(complaints, row, ticketValues, context, reopen ? 'reopen' : 'visit', at);
    audit.push(...ticket.audit);
    return {
      changes: {
        appends,
        updates: ticket.update ? [ticket.update] : [],
        audit,
      },
      result: { number: prepared.no, status: reopen ? 'in_handling' : 'visited', created: visitNo, reopened: reopen },
    };
  },
};
