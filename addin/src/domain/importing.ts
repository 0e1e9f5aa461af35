import { FORMS, findForm } from '../forms';
import { allFields, columnsOf } from '../forms/columns';
import type { FieldDecl, FormDecl } from '../forms/types';
import { LOCALES, type Locale, type Text } from '../i18n/locale';
import { joinList } from '../i18n/messages';
import { BOOL_CODES } from '../forms/codes';
import type { DomainValue, RecordValues } from '../ledger/cells';
import { periodOf } from '../ledger/numbering';
import type { AuditEntry, ChangeSet, Ledger, LedgerRow, Snapshot, SnapshotRequest, TableQuery } from '../ledger/types';
import { AUDIT_SHEET, AUDIT_TABLE } from '../ledger/layout';
import type { Clock } from '../core/clock';
import { KefuError, localized, type Problem } from '../core/problems';
import { createNumberedRecord, runOperation, type OperationContext } from './records';
import { checkActor, unstorableProblem, withoutUnstorable } from './storableText';
import { validateInput } from './validate';

/**
 * Importing rows into any declared table from another system's export (a CSV or a worksheet),
 * planned in pure code so the task pane can show every problem before anything is written:
 *
 *   prepareImport (pure: headers → columns, every row validated against the declaration)
 *   → importRequest (what to read: the rows already there, the workers they refer to)
 *   → decideImport (pure: references, duplicates, what is new → one change set)
 *   → importTable applies it (or previewImport stops before writing).
 *
 * Bad rows never stop good ones: each is reported with its file row, column and reason — every
 * problem of the row at once, what its cells say (types, codes, lengths, text Excel cannot store)
 * and what the workbook says (a worker nobody registered, a duplicate), so one round of corrections
 * is enough. Codes and workers in messages read as their labels and names in the user's language.
 *
 * Identity of a row (what makes re-importing the same file add nothing):
 * - collector_daily: worker + date + collector type (one record per worker, day and type);
 * - rules: rule version + parameter;
 * - other tables numbered by their own or another system's number (workers, work orders,
 *   complaint orders, …): that number (the form's key field); derived numbers: the parent's number;
 * - tables numbered by this ledger (TS-…, JD-…): the content of the columns the file provides.
 * A row whose identity is already in the ledger (or earlier in the file) with the same content
 * is skipped as already imported; with different content it is reported, never overwritten.
 *
 * An import lands whole (issue 14): it is one batch with an id made by the client before its first
 * request. Its audit entries are, in this order, a start marker (`import_begin`: the batch id as
 * record, "N rows from <file>"), one `import` entry per row (the row's key as record, the batch id
 * as field, the file as new value) and a completion marker (`import_done`: the batch id as record).
 * The Office.js backend writes each row's entry in the request that writes the row (ChangeSet
 * `rowAudit`), the start marker with the first rows and the completion marker with the last, so no
 * row is ever visible without its entry, and a batch cut short by a failure is one whose start has
 * no completion. `kefu check` reports such a batch, the monthly performance refuses to count its
 * table, and importing the same file again writes the missing rows and completes it.
 */

/** A table read from a file: the first row names the columns. */
export interface SourceTable {
  /** The file name, for messages. */
  readonly name: string;
  readonly rows: readonly (readonly unknown[])[];
}

export interface ImportInput {
  readonly table: string;
  readonly source: SourceTable;
  /** A remembered mapping from a source's header to a column key (the task pane keeps one per source). */
  readonly mapping?: Readonly<Record<string, string>>;
}

export interface ImportCandidate {
  /** 1-based row of the file (the header is row 1). */
  readonly row: number;
  readonly values: Readonly<Record<string, DomainValue>>;
  /** What its cells alone show to be wrong (empty: none); the workbook's checks add theirs. */
  readonly problems: readonly Problem[];
}

export interface PreparedImport {
  readonly form: FormDecl;
  readonly file: string;
  /** Column keys the file provides, in file order. */
  readonly columns: readonly string[];
  /** Headers that map to no column of the table (not imported). */
  readonly ignoredColumns: readonly string[];
  /** Every non-blank data row, with the problems found without the workbook. */
  readonly candidates: readonly ImportCandidate[];
  /** Non-blank data rows in the file. */
  readonly total: number;
}

export interface ImportPlan {
  readonly table: string;
  readonly total: number;
  /** Records to write (common fields filled in; sequence-numbered forms get their number on apply). */
  readonly records: readonly RecordValues[];
  readonly alreadyPresent: number;
  readonly rejected: number;
  readonly problems: readonly Problem[];
  readonly ignoredColumns: readonly string[];
}

export interface ImportResult extends ImportPlan {
  /** Numbers given to the imported records (for sequence-numbered forms). */
  readonly numbers: readonly string[];
  /** Where the new rows landed (sheet-qualified A1 addresses, in order). */
  readonly appended: readonly string[];
}

/** The columns that identify a row of `form` (empty: identified by content). */
export function identityColumns(form: FormDecl): readonly string[] {
  if (form.key === 'collector_daily') return ['date', 'worker_id', 'collector_type'];
  if (form.key === 'rules') return ['rule_version', 'parameter'];
  switch (form.numbering.kind) {
    case 'natural':
    case 'external':
      return [form.keyField];
    case 'derived':
      return [form.numbering.parentField];
    case 'sequence':
      return [];
  }
}

/** Date columns that cannot lie after today (the day the work was done, the day a complaint came). */
const PAST_DATES: Readonly<Record<string, readonly string[]>> = {
  collector_daily: ['date'],
  rotation_orders: ['done_date'],
  batch_installs: ['done_date'],
  complaint_orders: ['date'],
};

/** Counts that cannot exceed another count of the same row: [part, whole]. */
const PART_OF_WHOLE: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  collector_daily: [['succeeded', 'maintained']],
  rotation_orders: [
    ['field_passed', 'field_checked'],
    ['collection_ok', 'collection_total'],
  ],
  batch_installs: [
    ['field_passed', 'field_checked'],
    ['collection_ok', 'collection_total'],
  ],
};

/** Columns holding worker ids (one, or several separated by commas) that must be in `workers`. */
const WORKER_REFS: Readonly<Record<string, string>> = {
  collector_daily: 'worker_id',
  rotation_orders: 'workers',
  batch_installs: 'workers',
  complaint_orders: 'workers',
  perf_adjustments: 'worker_id',
};

/** Whether `column` of `form` holds one worker id (shown as the worker's name and id). */
function isWorkerColumn(form: FormDecl, column: string): boolean {
  return column === 'worker_id' && (form.key === 'workers' || WORKER_REFS[form.key] === 'worker_id');
}

/** Splits a workers cell: "WB001,WB002" (commas of either width, 、 or spaces). */
export function workerIds(value: DomainValue | undefined): string[] {
  if (value === null || value === undefined) return [];
  return String(value)
    .split(/[,，、\s]+/)
    .map((id) => id.trim())
    .filter(Boolean);
}

/** The tables an import can write: every declared form. */
export function importableTables(): readonly FormDecl[] {
  return FORMS;
}

function cellText(cell: unknown): string | boolean | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : undefined;
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  const text = String(cell).trim();
  return text === '' ? undefined : text;
}

/** Which column of `form` a header names: its key, or its label in any locale (signature halves too). */
export function columnForImportHeader(form: FormDecl, header: string): string | undefined {
  const wanted = header.trim().replace(/^\uFEFF/, '');
  const columns = columnsOf(form);
  const hit = columns.find((c) => c.key === wanted) ?? columns.find((c) => c.key.toLowerCase() === wanted.toLowerCase()) ?? columns.find((c) => LOCALES.some((l: Locale) => c.label[l] === wanted));
  return hit?.key;
}

function fieldOfColumn(form: FormDecl, key: string): FieldDecl | undefined {
  return columnsOf(form).find((c) => c.key === key)?.field;
}

/** The workflow steps of a form's fields, creation (undefined) first. */
function stepsOf(form: FormDecl): (string | undefined)[] {
  const steps: (string | undefined)[] = [undefined];
  for (const field of allFields(form)) if (field.step !== undefined && !steps.includes(field.step)) steps.push(field.step);
  return steps;
}

/**
 * Step 1 (pure): maps the headers, validates every row against the declaration — types, codes,
 * required fields (a later workflow step only when one of its fields is given), counts within
 * their whole, dates not in the future — and keeps the rows that pass.
 */
export function prepareImport(input: ImportInput, context: { readonly clock: Clock }): PreparedImport {
  const form = findForm(input.table);
  if (!form) {
    throw new KefuError([{ kind: 'unknownTable', params: { value: input.table, allowed: FORMS.map((f) => f.key).join(', ') } }]);
  }
  const file = input.source.name;
  const [header = [], ...body] = input.source.rows;
  const fileProblem = (p: Omit<Problem, 'params'> & { params?: Problem['params'] }): Problem => ({ ...p, params: { ...p.params, file } });
  if (header.every((h) => cellText(h) === undefined)) throw new KefuError([fileProblem({ kind: 'importEmpty' })]);

  // Headers → column keys (system columns such as created_at are not imported).
  const columnAt: (string | undefined)[] = [];
  const ignoredColumns: string[] = [];
  const seen = new Map<string, number>();
  const headerProblems: Problem[] = [];
  header.forEach((cell, i) => {
    const text = String(cellText(cell) ?? '');
    const mapped = input.mapping?.[text];
    const key = mapped && columnsOf(form).some((c) => c.key === mapped) ? mapped : columnForImportHeader(form, text);
    const field = key ? fieldOfColumn(form, key) : undefined;
    if (!key || !field || field.system) {
      columnAt.push(undefined);
      if (text) ignoredColumns.push(text);
      return;
    }
    if (seen.has(key)) {
      headerProblems.push(fileProblem({ kind: 'importDuplicateHeader', form: form.key, field: key, row: 1, params: { first: seen.get(key)! + 1, second: i + 1 } }));
      columnAt.push(undefined);
      return;
    }
    seen.set(key, i);
    columnAt.push(key);
  });
  const columns = columnAt.filter((k): k is string => k !== undefined);
  for (const field of allFields(form)) {
    if (field.system || field.required !== true || field.step !== undefined || field.blankOnImport) continue;
    const keys = field.type === 'signature' ? [`${field.key}_by`, `${field.key}_at`] : [field.key];
    for (const key of keys) {
      if (!seen.has(key)) headerProblems.push(fileProblem({ kind: 'importMissingColumn', form: form.key, field: key, params: { key } }));
    }
  }
  if (headerProblems.length > 0) throw new KefuError(headerProblems);

  const today = context.clock.now().slice(0, 10);
  const steps = stepsOf(form);
  const stepOfKey = new Map<string, string | undefined>(columns.map((key) => [key, fieldOfColumn(form, key)?.step]));
  const refColumn = WORKER_REFS[form.key];
  const candidates: ImportCandidate[] = [];
  let total = 0;
  body.forEach((cells, index) => {
    const row = index + 2;
    const given: Record<string, string | boolean> = {};
    const cellProblems: Problem[] = [];
    columnAt.forEach((key, i) => {
      if (key === undefined) return;
      const value = cellText(cells[i]);
      if (value === undefined) return;
      // Text Excel cannot store: located in the cell as the file has it (before trimming); the
      // checks below see the rest of the cell, so every other problem of the row is said too.
      const unstorable = typeof cells[i] === 'string' ? unstorableProblem(cells[i]) : undefined;
      if (unstorable) cellProblems.push({ ...unstorable, form: form.key, field: key, row });
      given[key] = unstorable ? withoutUnstorable(value as string) : value;
    });
    if (Object.keys(given).length === 0 && cells.every((c) => cellText(c) === undefined)) return; // a blank line
    total += 1;
    const rowProblems: Problem[] = [...cellProblems];
    const values: Record<string, DomainValue> = {};
    for (const step of steps) {
      const subset: Record<string, string | boolean> = {};
      for (const [key, value] of Object.entries(given)) if (stepOfKey.get(key) === step) subset[key] = value;
      if (step !== undefined && Object.keys(subset).length === 0) continue; // a later step not reached yet
      const result = validateInput(form, subset, { step, row, importing: true });
      rowProblems.push(...result.problems);
      Object.assign(values, result.values);
    }
    const failed = new Set(rowProblems.map((p) => p.field));
    for (const key of PAST_DATES[form.key] ?? []) {
      const value = values[key];
      if (typeof value === 'string' && !failed.has(key) && value > today) {
        rowProblems.push({ kind: 'importFutureDate', form: form.key, field: key, row, params: { value, today } });
      }
    }
    for (const [part, whole] of PART_OF_WHOLE[form.key] ?? []) {
      const p = values[part];
      const w = values[whole];
      if (typeof p === 'number' && typeof w === 'number' && !failed.has(part) && !failed.has(whole) && p > w) {
        rowProblems.push({ kind: 'importPartAboveWhole', form: form.key, field: part, row, params: { value: p, wholeField: whole, wholeValue: w } });
      }
    }
    if (refColumn && values[refColumn] !== undefined && values[refColumn] !== null && !failed.has(refColumn)) values[refColumn] = workerIds(values[refColumn]).join(',');
    candidates.push({ row, values, problems: rowProblems.length === 0 ? NO_PROBLEMS : rowProblems.map((p) => ({ ...p, params: { ...p.params, file } })) });
  });
  return { form, file, columns, ignoredColumns, candidates, total };
}

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);
const NO_FIELDS: ReadonlySet<string | undefined> = new Set();

/** The audit actions of an import batch's markers (its rows' entries are `import`). */
export const IMPORT_BEGIN = 'import_begin';
export const IMPORT_DONE = 'import_done';

/** The audit log's import markers, read with anything that must know whether an import is incomplete. */
export const IMPORT_MARKERS_QUERY = { columns: ['action', 'table', 'record', 'new_value'], rows: { where: 'action', equals: [IMPORT_BEGIN, IMPORT_DONE] } } as const;

/** A new batch id, made by the client before the import's first request: `imp-` and 12 random hex digits. */
export function newImportBatchId(): string {
  return `imp-${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const markerText = (rows: number, file: string) => `${rows} rows from ${file}`;

/** A start or completion marker of the import batch `batch` (its id is its record and its operation). */
function importMarker(action: string, of: { table: string; batch: string; rows: number; file: string }, at: string, context: OperationContext): AuditEntry {
  return { at, who: context.actor.clerk, action, table: of.table, record: of.batch, field: '*', oldValue: '', newValue: markerText(of.rows, of.file), op: of.batch };
}

/** An import batch that started and has no completion marker. */
export interface IncompleteImport {
  readonly batch: string;
  readonly table: string;
  readonly file: string;
  /** The rows the batch set out to write. */
  readonly expected: number;
  /** Its start marker's row in the audit log (0-based worksheet row). */
  readonly row: number;
}

/**
 * The import batches begun and never completed, from the audit log's markers (the whole log or
 * the rows IMPORT_MARKERS_QUERY finds), oldest first.
 */
export function incompleteImports(auditRows: readonly LedgerRow[]): IncompleteImport[] {
  const done = new Set<string>();
  for (const row of auditRows) if (row.values.action === IMPORT_DONE) done.add(String(row.values.record ?? ''));
  const open: IncompleteImport[] = [];
  for (const row of auditRows) {
    if (row.values.action !== IMPORT_BEGIN) continue;
    const batch = String(row.values.record ?? '');
    if (done.has(batch)) continue;
    const marker = /^(\d+) rows from ([\s\S]*)$/.exec(String(row.values.new_value ?? ''));
    open.push({ batch, table: String(row.values.table ?? ''), file: marker?.[2] ?? '', expected: Number(marker?.[1] ?? 0), row: row.ref.row });
  }
  return open;
}

/** The name of a table as its sheet reads in each locale (the table key when it is no form). */
function tableNames(table: string): Text {
  const form = findForm(table);
  return form ? form.sheet : { 'zh-CN': table, 'zh-TW': table, 'en-US': table };
}

/**
 * `kefu check`: each incomplete import batch, with the rows the log shows written (their `import`
 * entries) and the rows expected, and what to do (import the file again).
 */
export function incompleteImportProblems(snapshot: Snapshot): Problem[] {
  const rows = snapshot.tables[AUDIT_TABLE] ?? [];
  const open = incompleteImports(rows);
  if (open.length === 0) return [];
  const written = new Map<string, number>(open.map((o) => [o.batch, 0]));
  for (const row of rows) {
    if (row.values.action !== 'import') continue;
    const batch = String(row.values.field ?? '');
    const count = written.get(batch);
    if (count !== undefined) written.set(batch, count + 1);
  }
  return open.map((o) => ({
    kind: 'importIncomplete' as const,
    params: { file: o.file, written: written.get(o.batch) ?? 0, expected: o.expected, batch: o.batch, line: o.row + 1, ...localized('table', tableNames(o.table)), ...localized('log', AUDIT_SHEET) },
  }));
}

/**
 * For readers that must not count half an import (the monthly performance): a refusal naming each
 * incomplete batch into one of `tables`, from the markers read with IMPORT_MARKERS_QUERY.
 */
export function incompleteImportRefusals(markers: readonly LedgerRow[], tables: readonly string[]): Problem[] {
  return incompleteImports(markers)
    .filter((o) => tables.includes(o.table))
    .map((o) => ({ kind: 'importIncompleteRefused' as const, params: { file: o.file, expected: o.expected, batch: o.batch, ...localized('table', tableNames(o.table)) } }));
}

/**
 * Step 2: what to read — the rows already in the table, the worker ids rows refer to, and the
 * audit log's import markers (an earlier import of the same file left incomplete is completed).
 */
export function importRequest(prepared: PreparedImport): SnapshotRequest {
  const form = prepared.form;
  const identity = identityColumns(form);
  // Workers are named in messages by the name the ledger has for them.
  const wanted = [...new Set([...identity, ...prepared.columns, ...(form.key === 'workers' ? ['name'] : [])])];
  const tables: Record<string, TableQuery> = { [form.key]: { columns: wanted, rows: 'all' } };
  if (WORKER_REFS[form.key]) tables.workers = { columns: ['worker_id', 'name'], rows: 'all' };
  tables[AUDIT_TABLE] = IMPORT_MARKERS_QUERY;
  return { tables, writes: [form.key] };
}

function canonical(value: DomainValue | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.join('\u0001');
  return String(value);
}

function contentKey(values: Readonly<Record<string, DomainValue>>, columns: readonly string[]): string {
  return columns.map((c) => canonical(values[c])).join('\u0000');
}

/** The status a record starts in: the last workflow step whose fields it already has. */
function statusOf(form: FormDecl, values: Readonly<Record<string, DomainValue>>): string | undefined {
  if (form.statuses.length === 0) return undefined;
  let status = form.statuses[0].code;
  let best = 0;
  for (const field of allFields(form)) {
    if (field.step === undefined || values[field.key] === undefined || values[field.key] === null) continue;
    const index = form.statuses.findIndex((s) => s.code === field.step);
    const stepFields = allFields(form).filter((f) => f.step === field.step && f.required === true);
    const complete = stepFields.every((f) => values[f.key] !== undefined && values[f.key] !== null);
    if (complete && index > best) {
      best = index;
      status = form.statuses[index].code;
    }
  }
  return status;
}

/** The key a collector record gets: worker, day and type, e.g. WB00123-20250301-W. */
export function collectorEntryId(values: Readonly<Record<string, DomainValue>>): string {
  const type = values.collector_type === 'carrier' ? 'C' : 'W';
  return `${String(values.worker_id)}-${String(values.date).replace(/-/g, '')}-${type}`;
}

/** A value as the clerk reads it in `locale`: a code as its label, a worker as name and id. */
function shownValue(form: FormDecl, column: string, value: DomainValue | undefined, locale: Locale, workerName: (id: string) => string | undefined): string {
  if (value === null || value === undefined) return '';
  const codes = columnsOf(form).find((c) => c.key === column)?.codes;
  if (typeof value === 'boolean') return BOOL_CODES.find((c) => c.code === (value ? 'yes' : 'no'))!.label[locale];
  if (codes) {
    const list = Array.isArray(value) ? value : [String(value)];
    return joinList(
      list.map((code) => codes.find((c) => c.code === code)?.label[locale] ?? code),
      locale,
    );
  }
  if (Array.isArray(value)) return joinList(value, locale);
  const name = isWorkerColumn(form, column) ? workerName(String(value)) : undefined;
  if (name) return locale === 'en-US' ? `${name} (${value})` : `${name}（${value}）`;
  return String(value);
}

/** An identity ("2025-03-01 / 张伟（WB00001）/ 无线") in each locale, for messages. */
function shownIdentity(form: FormDecl, identity: readonly string[], values: Readonly<Record<string, DomainValue>>, workerName: (id: string) => string | undefined): Text {
  const text = {} as Record<Locale, string>;
  for (const locale of LOCALES) text[locale] = identity.map((c) => shownValue(form, c, values[c], locale, workerName)).join(' / ');
  return text;
}

/**
 * Step 3 (pure): checks references and duplicates against the snapshot and decides what to write.
 * A row its cells already condemn is checked too, on the cells that are sound, so the clerk reads
 * every problem of the row at once; only a good row can be counted as already imported.
 */
export function decideImport(snapshot: Snapshot, prepared: PreparedImport, context: OperationContext, batch = ''): { changes: ChangeSet; result: ImportPlan } {
  const { form, file } = prepared;
  const identity = identityColumns(form);
  const compared = prepared.columns;
  const keyOf = (values: Readonly<Record<string, DomainValue>>) => (identity.length > 0 ? contentKey(values, identity) : contentKey(values, compared));
  const existing = new Map<string, { row: number; values: Readonly<Record<string, DomainValue>> }>();
  for (const row of snapshot.tables[form.key] ?? []) {
    const key = keyOf(row.values);
    if (!existing.has(key)) existing.set(key, { row: row.ref.row + 1, values: row.values });
  }
  const refColumn = WORKER_REFS[form.key];
  // The workers as read (the referenced table, or the table imported into): ids, and names for messages.
  const workerRows = refColumn || form.key === 'workers' ? (snapshot.tables.workers ?? []) : [];
  const workers = refColumn && snapshot.tables.workers ? new Set(workerRows.map((r) => String(r.values.worker_id ?? ''))) : undefined;
  const names = new Map<string, string>();
  for (const r of workerRows) if (typeof r.values.name === 'string' && r.values.name) names.set(String(r.values.worker_id ?? ''), r.values.name);
  /** A worker's name: as the ledger knows it, or as the row being imported into `workers` gives it. */
  const nameOf = (id: string, values: Readonly<Record<string, DomainValue>>) => names.get(id) ?? (form.key === 'workers' && typeof values.name === 'string' && values.name ? values.name : undefined);

  const problems: Problem[] = [];
  const rejected = new Set<number>();
  // The good rows of the file seen so far, by identity: their content is compared only when an identity comes twice.
  const inFile = new Map<string, { row: number; values: Readonly<Record<string, DomainValue>> }>();
  const accepted: ImportCandidate[] = [];
  let alreadyPresent = 0;
  for (const candidate of prepared.candidates) {
    const { row, values } = candidate;
    const rowProblems: Problem[] = [...candidate.problems];
    // The cells found wrong are left out of the checks below (a wrong count says nothing of a duplicate).
    const failed: ReadonlySet<string | undefined> = rowProblems.length === 0 ? NO_FIELDS : new Set(rowProblems.map((p) => p.field));
    if (refColumn && workers && !failed.has(refColumn)) {
      for (const id of workerIds(values[refColumn])) {
        if (!workers.has(id)) rowProblems.push({ kind: 'importUnknownWorker', form: form.key, field: refColumn, row, params: { value: id, file } });
      }
    }
    const identified = identity.length > 0 ? identity.every((c) => !failed.has(c) && canonical(values[c]) !== '') : failed.size === 0;
    const key = identified ? keyOf(values) : '';
    const before = identified ? inFile.get(key) : undefined;
    const there = identified && !before ? existing.get(key) : undefined;
    const other = before ?? there;
    if (other) {
      const sound = failed.size === 0 ? compared : compared.filter((c) => !failed.has(c));
      if (contentKey(other.values, sound) === contentKey(values, sound)) {
        if (rowProblems.length === 0) {
          alreadyPresent += 1;
          if (there) inFile.set(key, { row, values });
          continue;
        }
      } else {
        const shown = localized(
          'key',
          shownIdentity(form, identity, values, (id) => nameOf(id, values)),
        );
        rowProblems.push({ kind: before ? 'importDuplicateInFile' : 'importDuplicateExisting', form: form.key, field: identity[0], row, params: { other: other.row, ...shown, file } });
      }
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      rejected.add(row);
      continue;
    }
    inFile.set(key, { row, values });
    accepted.push(candidate);
  }

  const now = context.clock.now();
  // Each record is its candidate's values, completed in place: a copy would hold an import of 100,000 rows twice.
  // (Only the fields the import compares are read again from them, and those are not touched.)
  const records: RecordValues[] = accepted.map(({ values }) => {
    const record = values as Record<string, DomainValue>;
    record.created_at = now.slice(0, 16);
    record.created_by = context.actor.clerk;
    record.voided = false;
    if (form.key === 'collector_daily') record.entry_id = collectorEntryId(values);
    if (form.numbering.kind === 'derived') {
      record[form.keyField] = form.numbering.format.replace('{parent}', String(values[form.numbering.parentField] ?? ''));
    }
    const status = statusOf(form, values);
    if (status) record.status = status;
    if (record.site === undefined && context.actor.site) record.site = context.actor.site;
    return record;
  });
  // By row, and within a row in the order of the file's columns.
  const position = new Map(prepared.columns.map((c, i) => [c, i]));
  const columnOf = (p: Problem) => (p.field !== undefined ? (position.get(p.field) ?? position.size) : -1);
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || columnOf(a) - columnOf(b));
  const result: ImportPlan = {
    table: form.key,
    total: prepared.total,
    records,
    alreadyPresent,
    rejected: rejected.size,
    problems,
    ignoredColumns: prepared.ignoredColumns,
  };
  if (form.numbering.kind === 'sequence') return { changes: {}, result };
  // Earlier imports of this file into this table that never completed: this one writes what they
  // lacked (their rows already there were recognised above), so it completes them too.
  const unfinished = incompleteImports(snapshot.tables[AUDIT_TABLE] ?? []).filter((o) => o.table === form.key && o.file === file);
  const marker = (action: string, record: string, rows: number) => importMarker(action, { table: form.key, batch: record, rows, file }, now, context);
  const completed = unfinished.map((o) => marker(IMPORT_DONE, o.batch, o.expected));
  if (records.length === 0) return { changes: completed.length > 0 ? { audit: completed } : {}, result };
  const rowEntries: AuditEntry[] = records.map((record) => ({
    at: now,
    who: context.actor.clerk,
    action: 'import',
    table: form.key,
    // The record's key, unless its identity is wider than the key (rules: version and parameter).
    record:
      record[form.keyField] && !(identity.length > 1 && identity.includes(form.keyField))
        ? String(record[form.keyField])
        : (identity.length > 0 ? identity : compared).map((c) => canonical(record[c])).join(' / '),
    field: batch,
    oldValue: '',
    newValue: file,
    op: batch,
  }));
  const audit = [marker(IMPORT_BEGIN, batch, records.length), ...rowEntries, marker(IMPORT_DONE, batch, records.length), ...completed];
  return { changes: { appends: { [form.key]: records }, audit, rowAudit: { table: form.key, from: 1 } }, result };
}

/** Reads what an import needs and plans it, writing nothing: the task pane's preview. */
export async function previewImport(ledger: Ledger, input: ImportInput, context: OperationContext): Promise<ImportPlan> {
  const prepared = prepareImport(input, context);
  const snapshot = await ledger.read(importRequest(prepared));
  return decideImport(snapshot, prepared, context).result;
}

export interface ImportOptions {
  /**
   * Select the rows written, on their sheet (the task pane: the clerk sees what came in), in the
   * request that writes the last of them.
   */
  readonly select?: boolean;
}

/**
 * Imports a file into a table: every good row is written (in one change set, chunked by the
 * Office backend; sequence-numbered forms get their numbers one record at a time, as clerks' do),
 * every bad row is reported in the result. Throws only when the file itself is unusable.
 */
export async function importTable(ledger: Ledger, input: ImportInput, context: OperationContext, options: ImportOptions = {}): Promise<ImportResult> {
  checkActor(context.actor); // the clerk's name goes into the audit log and every row's created_by
  const prepared = prepareImport(input, context);
  const snapshot = await ledger.read(importRequest(prepared));
  const batch = newImportBatchId();
  const { changes, result } = decideImport(snapshot, prepared, context, batch);
  const numbers: string[] = [];
  const appended: string[] = [];
  if (prepared.form.numbering.kind === 'sequence') {
    // One record at a time, each numbered as a clerk's is, between the batch's start and completion
    // markers, each with its `import` entry beside its `create`: a batch cut off part-way is reported
    // by `kefu check` and completed by importing the file again, as any other import.
    const form = prepared.form;
    const numbering = prepared.form.numbering;
    const create = createNumberedRecord(form);
    const of = (id: string, rows: number) => ({ table: form.key, batch: id, rows, file: prepared.file });
    const unfinished = incompleteImports(snapshot.tables[AUDIT_TABLE] ?? []).filter((o) => o.table === form.key && o.file === prepared.file);
    if (result.records.length > 0) await ledger.apply({ audit: [importMarker(IMPORT_BEGIN, of(batch, result.records.length), context.clock.now(), context)] }, snapshot);
    for (const [index, record] of result.records.entries()) {
      const imported: Record<string, DomainValue> = {};
      for (const key of prepared.columns) if (record[key] !== undefined) imported[key] = record[key];
      const date = imported[numbering.dateField];
      const scope = numbering.scopeField ? String(imported[numbering.scopeField] ?? '') : undefined;
      const period = periodOf(numbering, typeof date === 'string' ? date : context.clock.now(), scope);
      // The last record's request selects every row written since the first.
      const last = index === result.records.length - 1;
      const outcome = await runOperation(
        ledger,
        {
          ...create,
          prepare: () => ({ values: imported, period }),
          decide(s, p, c) {
            const decided = create.decide(s, p, c);
            const entry: AuditEntry = { at: c.clock.now(), who: c.actor.clerk, action: 'import', table: form.key, record: decided.result.number, field: batch, oldValue: '', newValue: prepared.file };
            return { ...decided, changes: { ...decided.changes, audit: [...(decided.changes.audit ?? []), entry] } };
          },
        },
        undefined,
        context,
        options.select && last ? { selectAppended: true, selectFrom: appended[0] } : {},
      );
      numbers.push(outcome.result.number);
      appended.push(...outcome.appended.filter((a) => a.table === form.key).map((a) => a.address));
    }
    const done = [...(result.records.length > 0 ? [of(batch, result.records.length)] : []), ...unfinished.map((o) => of(o.batch, o.expected))];
    if (done.length > 0) {
      const now = context.clock.now();
      await ledger.apply({ audit: done.map((d) => importMarker(IMPORT_DONE, d, now, context)) }, await ledger.read({ writes: [AUDIT_TABLE] }));
    }
  } else if (changes.appends || changes.audit) {
    const applied = await ledger.apply(changes, snapshot, { selectAppended: options.select });
    appended.push(...applied.appended.filter((a) => a.table === prepared.form.key).map((a) => a.address));
  }
  return { ...result, numbers, appended };
}
