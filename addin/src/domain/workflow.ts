import type { Text } from '../i18n/locale';
import type { CodeDecl, FormDecl } from '../forms/types';
import type { Problem } from '../core/problems';
import type { Snapshot } from '../ledger/types';
import type { DeskStep } from './deskSteps';
import type { Operation } from './records';

/**
 * One workflow mechanism for every procedure (issue 12 item 1). A workflow is declared once: the
 * record's form, its steps (each a `stepOperation`: from-statuses, to-status, the fields the clerk
 * fills in, guards), what it puts in the to-do queue and which guard violations `kefu check`
 * reports. The command line's verbs, the pane's Steps view, the queue, the check and the state
 * diagram in the docs all come from these declarations: a new procedure adds declarations and
 * guards, not a new parser or pane view.
 */
export interface Workflow {
  /**
   * The template version whose tables and columns the workflow reads (absent: 1). A ledger not yet
   * upgraded still shows the to-do items of the workflows it can hold, and no error for the others.
   */
  readonly since?: number;
  /** The command-line word (`kefu <word> <action> <ledger> [<no>]`) and the pane's key. */
  readonly word: string;
  /** The form whose records go through the steps (their `status` column). */
  readonly form: FormDecl;
  /** How the record's number is shown in usage lines: `<TS-no>`. */
  readonly number: string;
  /**
   * How a record is created (`kefu <word> add`, the pane's New record view): validates the form's
   * creation fields and numbers the record. Absent: records come from elsewhere (the reception
   * register creates complaints too; imports create work orders).
   */
  readonly create?: Operation<unknown, unknown, { readonly number: string; readonly warnings?: readonly Problem[] }>;
  /**
   * The fields `create` takes, for the pane's New record view and the help of `kefu <word> add`.
   * Absent: the form's creation fields (those without a step). A part with a `key` gathers the
   * fields of another form under that key of the input, shown when `when` holds (a reception that
   * raises a complaint carries the ticket's fields under `complaint`).
   */
  readonly creation?: readonly CreationPart[];
  /** The statuses a new record may start in (absent: the form's first status). */
  readonly createsIn?: readonly string[];
  /** Every step by its action name, as typed on the command line (kebab-case). A register without a workflow (the safety gear) has none. */
  readonly steps: Readonly<Record<string, DeskStep>>;
  /** Whether a record can be voided with a reason (a void record takes no further step). */
  readonly voidable: boolean;
  /** Records of other forms keyed by the same number, voided with the record (the repair order's ledger line). */
  readonly voidsWith?: readonly FormDecl[];
  /** What the command's --help says: each action and the fields it takes. */
  readonly help: Text;
  /** The open items this workflow puts in the to-do queue. */
  readonly queue?: WorkflowQueue;
  /** The guard violations `kefu check` reports for this workflow's records. */
  readonly check?: WorkflowCheck;
}

/** A group of fields the creation of a record takes (see `Workflow.creation`). */
export interface CreationPart {
  /** Where the part's values go in the input; absent for the record's own fields. */
  readonly key?: string;
  readonly form: FormDecl;
  /** The field keys, in the order shown. */
  readonly fields: readonly string[];
  /** Shown and sent only when this field of the record's own values holds one of these codes. */
  readonly when?: { readonly field: string; readonly in: readonly string[] };
}

export interface WorkflowQueue {
  /** The tables the items are computed from (read whole, with every column of ours). */
  readonly reads: readonly FormDecl[];
  /** What the items' `rule` codes are called (absent: the code is shown as it is). */
  readonly rules?: readonly CodeDecl[];
  /** Due kinds whose overdue items the workflow's own check already reports, more precisely: `kefu check` does not warn of them twice. */
  readonly checkedAsProblems?: readonly string[];
  items(snapshot: Snapshot, now: string): DueItem[];
}

export interface WorkflowCheck {
  /**
   * The tables the check reads (whole, every column of ours). The snapshot also holds the
   * settings (`_kefu`) and the audit log, which every check reads. Overdue items of the workflow's
   * queue are warned of by the check itself (`overdueItem`): a workflow's check need not repeat them.
   */
  readonly reads: readonly FormDecl[];
  problems(snapshot: Snapshot, now: string): { readonly errors: readonly Problem[]; readonly warnings: readonly Problem[] };
}

/** One open item of the to-do queue: a record, what it waits for and when that is due. */
export interface DueItem {
  readonly table: string;
  readonly record: string;
  /** 1-based worksheet row. */
  readonly row: number;
  readonly status: string;
  /** What it is about, as the clerk wrote it: a ticket's subject (else its content), a matter, a fault. */
  readonly subject: string;
  /** Who raised it: the complainant (blank when anonymous), the caller, the requester. */
  readonly person: string;
  /** What it waits for: a code of the due-rules table (the desk's promised times) or a workflow's own due kind. */
  readonly rule: string;
  readonly due: string;
  /** The column holding the due time, if the record has one (`kefu check` names it in an overdue warning). */
  readonly field?: string;
  readonly overdue: boolean;
  /** Minutes past due (negative: minutes left). */
  readonly minutesLate: number;
}
