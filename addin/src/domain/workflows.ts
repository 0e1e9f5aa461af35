import { FORMS } from '../forms';
import type { FormDecl } from '../forms/types';
import { complaintWorkflow, receptionWorkflow, repairWorkflow } from './deskWorkflows';
import { BATCH_WORKFLOW, ROTATION_WORKFLOW } from './fieldWork/fieldWorkflows';
import { gearRegister, installationRegister, noticeRegister, preshiftWorkflow } from './fieldWork/workOrders';
import { accidentWorkflow } from './accidents';
import { reservationWorkflow } from './visitors/reservations';
import { loanWorkflow, repairSlipWorkflow, vehicleWorkflow } from './visitors/loans';
import { accessibilityWorkflow, postalRegister } from './visitors/facilities';
import { entryWorkflow, gateCountRegister } from './visitors/freeEntry';
import { broadcastWorkflow } from './visitors/broadcasts';
import type { Operation } from './records';
import type { StepResult } from './deskSteps';
import { voidOperation, type VoidInput } from './voiding';
import type { Workflow } from './workflow';

/**
 * The registry of workflows (issue 12 item 1): every procedure whose records go through steps.
 * The command line's `kefu <word> …` commands, the pane's Steps, New record and To do views,
 * `kefu queue`, `kefu check` and docs/workflows.md are generated from this list. A new procedure
 * exports its `Workflow` from its own module and is added here.
 */
export const WORKFLOWS: readonly Workflow[] = [
  // P1: the service desk (W1–W3)
  complaintWorkflow,
  receptionWorkflow,
  repairWorkflow,
  // P3: the field teams (W8, F15–F18) and accidents (W9)
  ROTATION_WORKFLOW,
  BATCH_WORKFLOW,
  preshiftWorkflow,
  gearRegister,
  noticeRegister,
  installationRegister,
  accidentWorkflow,
  // P2: the special visitors (W4–W7)
  vehicleWorkflow,
  loanWorkflow,
  repairSlipWorkflow,
  broadcastWorkflow,
  reservationWorkflow,
  entryWorkflow,
  gateCountRegister,
  postalRegister,
  accessibilityWorkflow,
];

/** The workflow whose records are those of `form` (a table key), if any. */
export function workflowOf(form: string, workflows: readonly Workflow[] = WORKFLOWS): Workflow | undefined {
  return workflows.find((w) => w.form.key === form);
}

/**
 * Voiding a record of a form, by its table key: a voidable workflow's record with what it voids
 * along (the repair order's ledger line), or a record of a form without a workflow of its own (a
 * return visit).
 */
export function voidRecord(form: string | FormDecl): Operation<VoidInput, VoidInput, StepResult> {
  const key = typeof form === 'string' ? form : form.key;
  const workflow = workflowOf(key);
  if (workflow) {
    if (!workflow.voidable) throw new Error(`the records of ${key} cannot be voided`);
    return voidOperation(workflow.form, workflow.voidsWith ?? []);
  }
  const decl = typeof form === 'string' ? FORMS.find((f) => f.key === form) : form;
  if (!decl) throw new Error(`no form ${key}`);
  return voidOperation(decl);
}

export type { VoidInput };
