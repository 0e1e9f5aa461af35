import { COMPLAINT_STEPS, RECEPTION_STEPS, REPAIR_STEPS } from './deskWorkflows';

/*
 * The service desk of domain brief §1.1 as pure operations (issue 4): reception routing (W2,
 * reception.ts), the complaint procedure (W1, complaintProcedure.ts) and triplicate repair orders
 * (W3, repairProcedure.ts), each step built on deskSteps.ts and declared as a workflow in
 * deskWorkflows.ts; voiding (voiding.ts) is the registry's (workflows.ts). Each one reads what it
 * needs in one request (the records by number, the promised times and the calendar when a due time
 * is set) and writes one change set: new rows, only the changed cells of updated rows, confirmed
 * numbers and one audit entry per changed field.
 */

export { voidRecord, type VoidInput } from './workflows';

/** Every desk step by workflow and action name, typed one by one (what the desk's tests and the demo drive). */
export const DESK_STEPS = { reception: RECEPTION_STEPS, complaint: COMPLAINT_STEPS, repair: REPAIR_STEPS } as const;
