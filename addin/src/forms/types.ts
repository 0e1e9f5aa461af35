import type { Text } from '../i18n/locale';

/**
 * The shape of one paper form's declaration. Everything else — the Excel table and its
 * validations, the data dictionary, input validation, task-pane fields, print sheets — is derived
 * from these declarations (DESIGN principle 1).
 *
 * Field types and how a cell holds them:
 * - text / longtext: a string; always stored as text, never as a formula.
 * - code: one value of a closed list. The cell shows the label in the workbook's locale; the
 *   ledger speaks codes. `codes` (plural) holds several codes, separated by "、" in the cell.
 * - date: a local calendar date `YYYY-MM-DD`; an Excel date serial in the cell.
 * - datetime: a local date-time `YYYY-MM-DD HH:MM`; an Excel serial in the cell.
 * - int, decimal: numbers. money: integer fen in code, yuan with 2 decimals in the cell.
 * - percent: basis points in code (1 % = 100), a fraction in the cell ("0.00%").
 * - bool: true/false in code, 是/否 (Yes/No) in the cell.
 * - signature: a person's name and the time they signed; two columns `<key>_by`, `<key>_at`.
 * - ref: the number of another record (`ref` names its form).
 * - file: the name or link of an attachment (a photo, a scan).
 */
export type FieldType = 'text' | 'longtext' | 'code' | 'codes' | 'date' | 'datetime' | 'int' | 'decimal' | 'money' | 'percent' | 'bool' | 'signature' | 'ref' | 'file';

export interface CodeDecl {
  /** ASCII code, stable across locales: what exports, imports and the ledger use. */
  readonly code: string;
  readonly label: Text;
}

/** Required always, or only when another field has one of the listed codes. */
export type Requirement = true | { readonly when: { readonly field: string; readonly in: readonly string[] } };

export interface FieldDecl {
  /** snake_case ASCII key; the column key in the workbook and in every export. */
  readonly key: string;
  readonly type: FieldType;
  readonly label: Text;
  readonly required?: Requirement;
  /** The allowed values of a `code`/`codes` field. */
  readonly codes?: readonly CodeDecl[];
  /** For `ref`: the key of the form whose number this field holds. */
  readonly ref?: string;
  /** Inclusive bounds for int/decimal/money (in yuan)/percent (in percent). */
  readonly min?: number;
  readonly max?: number;
  /** Longest text accepted. */
  readonly maxLength?: number;
  /** Where the field comes from: S = stated by the seed procedures, T = a typical addition. */
  readonly source: 'S' | 'T';
  /** Set by the system (numbers, timestamps, computed values): not typed in by the clerk. */
  readonly system?: boolean;
  /**
   * A required field that another system's export may leave blank: an import accepts the blank,
   * which means what this says (e.g. "unknown"). A clerk entering the record (the task pane, JSON
   * input) must still fill it in.
   */
  readonly blankOnImport?: Text;
  /** One line of help, shown under the input and in the data dictionary. */
  readonly help?: Text;
  /**
   * The workflow status at which this field gets filled in (a code of the form's `statuses`).
   * Absent: the field belongs to the record's creation. `required` applies at that step.
   */
  readonly step?: string;
}

/**
 * How a form's records are numbered.
 * - sequence: `format` with `{YYYY}`, `{YYYYMMDD}`, `{scope}` and `{N…}` (the count of N is the
 *   zero-padded width). The sequence restarts every `period` and, with `scopeField`, for every
 *   value of that field (BQ numbers run per team and day). The period comes from `dateField`.
 * - derived: the number of the parent record plus a suffix (`{parent}-HF`).
 * - external: the number comes from another system (a work-order no.) and is typed in.
 * - natural: the record is identified by one of its own fields (a worker id, a gear no.).
 */
export type Numbering =
  | {
      readonly kind: 'sequence';
      readonly series: string;
      readonly format: string;
      readonly period: 'year' | 'day';
      readonly dateField: string;
      readonly scopeField?: string;
    }
  | { readonly kind: 'derived'; readonly parentForm: string; readonly parentField: string; readonly format: string }
  | { readonly kind: 'external' }
  | { readonly kind: 'natural' };

/** One paper copy (联/聯) of a form: its name and where it goes. */
export interface CopyDecl {
  readonly key: string;
  readonly label: Text;
  readonly route: Text;
}

export interface FormDecl {
  /** Table key: the Excel table's name and the integration name, snake_case ASCII. */
  readonly key: string;
  /** The brief's form id (F1 … F30), or a short name for tables that are not paper forms. */
  readonly code: string;
  readonly title: Text;
  /** Sheet name per locale: at most 31 characters, none of : \ / ? * [ ]. */
  readonly sheet: Text;
  /** Seed clause(s) this form rests on, e.g. "P1-投訴1–6". */
  readonly clause: string;
  /** The field that identifies a record (its number, or a natural key). */
  readonly keyField: string;
  readonly numbering: Numbering;
  readonly copies: readonly CopyDecl[];
  /** Workflow states, first is the initial one. Empty when the form has no workflow. */
  readonly statuses: readonly CodeDecl[];
  readonly fields: readonly FieldDecl[];
}
