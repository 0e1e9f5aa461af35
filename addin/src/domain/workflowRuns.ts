import { FORMS } from '../forms';
import { columnsOf } from '../forms/columns';
import type { CodeDecl, FormDecl } from '../forms/types';
import type { Snapshot, SnapshotRequest } from '../ledger/types';
import { AUDIT_COLUMNS, AUDIT_TABLE, CLAIM_COLUMNS, META_TABLE, claimsTableName } from '../ledger/layout';
import type { Problem } from '../core/problems';
import { codeText, localized } from './deskSteps';
import { idNumberCellProblems } from './personalData';
import { fieldsForStep } from './validate';
import { DESK_CHECKED_FORMS, auditProblems, numberingProblems, rowsOf, schemaProblems } from './structureCheck';
import { incompleteImportProblems } from './importing';
import type { CreationPart, DueItem, Workflow } from './workflow';

/**
 * What every workflow's declaration gives the ledger as a whole (issue 12 item 1): the to-do queue
 * of all of them, `kefu check` over every form and every workflow's guards, the fields a record's
 * creation takes. Each function takes the list of workflows (the registry, `workflows.ts`, or a
 * test's own), so a new procedure needs nothing here.
 */

const whole = (form: FormDecl) => ({ columns: columnsOf(form).map((c) => c.key), rows: 'all' as const });

function tablesOf(forms: readonly FormDecl[]): SnapshotRequest['tables'] {
  return Object.fromEntries(forms.map((form) => [form.key, whole(form)]));
}

// ————————————————————————————————————————— the to-do queue

/** The workflows a ledger of template `version` holds the tables and columns of. */
export function workflowsIn(workflows: readonly Workflow[], version: number): Workflow[] {
  return workflows.filter((w) => (w.since ?? 1) <= version);
}

/** One request reading what every workflow's queue needs: the union of their reads. */
export function queueRequest(workflows: readonly Workflow[]): SnapshotRequest {
  return { tables: tablesOf(workflows.flatMap((w) => w.queue?.reads ?? [])) };
}

/** Every workflow's open items, overdue first, then by due time (in the registry's order otherwise). */
export function todoQueue(workflows: readonly Workflow[], snapshot: Snapshot, now: string): DueItem[] {
  return workflows.flatMap((w) => w.queue?.items(snapshot, now) ?? []).sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due));
}

/** What an item's `rule` is called, from the queue that listed it. */
export function ruleText(workflows: readonly Workflow[], item: DueItem): CodeDecl['label'] {
  const rules = workflows.flatMap((w) => w.queue?.rules ?? []);
  return codeText(rules, item.rule);
}

/** The overdue items as warnings of `kefu check`, naming what was due, when, and how long ago. */
export function overdueWarnings(items: readonly DueItem[], rules: readonly CodeDecl[]): Problem[] {
  return items
    .filter((item) => item.overdue)
    .map((item) => ({
      kind: 'overdueItem' as const,
      form: item.table,
      row: item.row,
      field: item.field,
      params: { record: item.record, due: item.due, hours: Math.floor(item.minutesLate / 60), ...localized('what', codeText(rules, item.rule)) },
    }));
}

// ————————————————————————————————————————— the check

export interface LedgerCheckReport {
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
}

/** The forms `kefu check` checks: every form of the registry (the desk's first, as it always reported them) and those the workflows name. */
function checkedForms(workflows: readonly Workflow[]): FormDecl[] {
  const forms: FormDecl[] = [];
  for (const form of [...DESK_CHECKED_FORMS, ...FORMS, ...workflows.flatMap((w) => [w.form, ...(w.check?.reads ?? []), ...(w.queue?.reads ?? [])])]) {
    if (!forms.some((f) => f.key === form.key)) forms.push(form);
  }
  return forms;
}

/** What `kefu check` reads: every form whole, the audit log (its hash chain) and the settings. */
export function ledgerCheckRequest(workflows: readonly Workflow[]): SnapshotRequest {
  return {
    tables: {
      ...tablesOf(checkedForms(workflows)),
      // The claims of each numbering series, which explain a gap left by a refused or interrupted registration.
      ...Object.fromEntries(
        [...new Set(checkedForms(workflows).flatMap((form) => (form.numbering.kind === 'sequence' ? [form.numbering.series] : [])))].map((series) => [
          claimsTableName(series),
          { columns: CLAIM_COLUMNS.map((c) => c.key), rows: 'all' as const },
        ]),
      ),
      [AUDIT_TABLE]: { columns: AUDIT_COLUMNS.map((c) => c.key), rows: 'all' },
      [META_TABLE]: { columns: ['key', 'value'], rows: 'all' },
    },
  };
}

/**
 * Errors: the structure of every form that has records (values outside their lists, required
 * fields empty, duplicate numbers and gaps, a resident ID number in any cell), every workflow's guard violations and a broken audit
 * chain. Warnings: what each workflow's check warns of, and the overdue items of its queue.
 */
export function checkLedger(workflows: readonly Workflow[], snapshot: Snapshot, now: string): LedgerCheckReport {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  for (const form of checkedForms(workflows)) {
    const rows = rowsOf(snapshot, form);
    if (rows.length === 0) continue;
    const numbering = numberingProblems(form, rows, form.numbering.kind === 'sequence' ? (snapshot.tables[claimsTableName(form.numbering.series)] ?? []) : []);
    errors.push(...numbering.filter((p) => p.kind !== 'numberClaimedUnused'), ...schemaProblems(form, rows), ...idNumberCellProblems(form.key, rows));
    warnings.push(...numbering.filter((p) => p.kind === 'numberClaimedUnused'));
  }
  for (const workflow of workflows) {
    const found = workflow.check?.problems(snapshot, now);
    if (found) {
      errors.push(...found.errors);
      warnings.push(...found.warnings);
    }
  }
  errors.push(...auditProblems(snapshot), ...incompleteImportProblems(snapshot));
  for (const workflow of workflows) {
    const queue = workflow.queue;
    if (!queue) continue;
    const items = queue.items(snapshot, now).filter((item) => !(queue.checkedAsProblems ?? []).includes(item.rule));
    warnings.push(...overdueWarnings(items, queue.rules ?? []));
  }
  return { errors, warnings };
}

// ————————————————————————————————————————— creating a record

/** The parts of the form a record's creation takes: the declared ones, else the form's creation fields. */
export function creationParts(workflow: Workflow): readonly CreationPart[] {
  return workflow.creation ?? [{ form: workflow.form, fields: fieldsForStep(workflow.form).map((f) => f.key) }];
}
