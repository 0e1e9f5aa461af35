import { FORMS, findForm } from '../forms';
import { allFields, columnsOf } from '../forms/columns';
import type { FieldDecl, FormDecl } from '../forms/types';
import { LOCALES, type Locale } from '../i18n/locale';
import type { DomainValue, RecordValues } from '../ledger/cells';
import { periodOf, type SequenceNumbering } from '../ledger/numbering';
import type { AuditEntry, ChangeSet, Ledger, Snapshot, SnapshotRequest } from '../ledger/types';
import type { Clock } from './clock';
import { KefuError, type Problem } from './problems';
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
 * Bad rows never stop good ones: each is reported with its file row, column and reason.
 *
 * Identity of a row (what makes re-importing the same file add nothing):
 * - collector_daily: worker + date + collector type (one record per worker, day and type);
 * - rules: rule version + parameter;
 * - other tables numbered by their own or another system's number (workers, work orders,
 *   complaint orders, …): that number (the form's key field); derived numbers: the parent's number;
 * - tables numbered by this ledger (TS-…, JD-…): the content of the columns the file provides.
 * A row whose identity is already in the ledger (or earlier in the file) with the same content
 * is skipped as already imported; with different content it is reported, never overwritten.
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
}

export interface PreparedImport {
  readonly form: FormDecl;
  readonly file: string;
  /** Column keys the file provides, in file order. */
  readonly columns: readonly string[];
  /** Headers that map to no column of the table (not imported). */
  readonly ignoredColumns: readonly string[];
  /** Rows that passed the checks that need no workbook. */
  readonly candidates: readonly ImportCandidate[];
  readonly problems: readonly Problem[];
  /** Non-blank data rows in the file. */
  readonly total: number;
  /** Rows rejected so far (file rows). */
  readonly rejectedRows: ReadonlySet<number>;
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
};

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
  const hit =
    columns.find((c) => c.key === wanted) ??
    columns.find((c) => c.key.toLowerCase() === wanted.toLowerCase()) ??
    columns.find((c) => LOCALES.some((l: Locale) => c.label[l] === wanted));
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
    if (field.system || field.required !== true || field.step !== undefined) continue;
    const keys = field.type === 'signature' ? [`${field.key}_by`, `${field.key}_at`] : [field.key];
    for (const key of keys) {
      if (!seen.has(key)) headerProblems.push(fileProblem({ kind: 'importMissingColumn', form: form.key, field: key, params: { key } }));
    }
  }
  if (headerProblems.length > 0) throw new KefuError(headerProblems);

  const today = context.clock.now().slice(0, 10);
  const steps = stepsOf(form);
  const stepOfKey = new Map<string, string | undefined>(columns.map((key) => [key, fieldOfColumn(form, key)?.step]));
  const candidates: ImportCandidate[] = [];
  const problems: Problem[] = [];
  const rejectedRows = new Set<number>();
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
      const unstorable = typeof cells[i] === 'string' ? unstorableProblem(cells[i] as string) : undefined;
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
      const result = validateInput(form, subset, { step, row });
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
    if (rowProblems.length > 0) {
      problems.push(...rowProblems.map((p) => ({ ...p, params: { ...p.params, file } })));
      rejectedRows.add(row);
      return;
    }
    const refColumn = WORKER_REFS[form.key];
    if (refColumn && values[refColumn] !== undefined && values[refColumn] !== null) values[refColumn] = workerIds(values[refColumn]).join(',');
    candidates.push({ row, values });
  });
  return { form, file, columns, ignoredColumns, candidates, problems, total, rejectedRows };
}

/** Step 2: what to read — the rows already in the table, and the worker ids rows refer to. */
export function importRequest(prepared: PreparedImport): SnapshotRequest {
  const form = prepared.form;
  const identity = identityColumns(form);
  const wanted = [...new Set([...identity, ...prepared.columns])];
  const tables: Record<string, { columns: readonly string[]; rows: 'all' }> = { [form.key]: { columns: wanted, rows: 'all' } };
  if (WORKER_REFS[form.key]) tables.workers = { columns: ['worker_id'], rows: 'all' };
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

/** Step 3 (pure): checks references and duplicates against the snapshot and decides what to write. */
export function decideImport(
  snapshot: Snapshot,
  prepared: PreparedImport,
  context: OperationContext,
): { changes: ChangeSet; result: ImportPlan } {
  const { form, file } = prepared;
  const identity = identityColumns(form);
  const compared = prepared.columns;
  const keyOf = (values: Readonly<Record<string, DomainValue>>) => (identity.length > 0 ? contentKey(values, identity) : contentKey(values, compared));
  const existing = new Map<string, { row: number; content: string }>();
  for (const row of snapshot.tables[form.key] ?? []) {
    const key = keyOf(row.values);
    if (!existing.has(key)) existing.set(key, { row: row.ref.row + 1, content: contentKey(row.values, compared) });
  }
  const workers = snapshot.tables.workers ? new Set(snapshot.tables.workers.map((r) => String(r.values.worker_id ?? ''))) : undefined;
  const refColumn = WORKER_REFS[form.key];

  const problems: Problem[] = [...prepared.problems];
  const rejected = new Set(prepared.rejectedRows);
  // The rows of the file seen so far, by identity: their content is compared only when an identity comes twice.
  const inFile = new Map<string, { row: number; values: Readonly<Record<string, DomainValue>> }>();
  const accepted: ImportCandidate[] = [];
  let alreadyPresent = 0;
  for (const candidate of prepared.candidates) {
    const { row, values } = candidate;
    const rowProblems: Problem[] = [];
    if (refColumn && workers) {
      for (const id of workerIds(values[refColumn])) {
        if (!workers.has(id)) rowProblems.push({ kind: 'importUnknownWorker', form: form.key, field: refColumn, row, params: { value: id, file } });
      }
    }
    const key = keyOf(values);
    const shownKey = identity.length > 0 ? identity.map((c) => canonical(values[c])).join(' / ') : '';
    const before = inFile.get(key);
    const there = existing.get(key);
    const content = before || there ? contentKey(values, compared) : '';
    if (rowProblems.length === 0 && before) {
      if (contentKey(before.values, compared) === content) {
        alreadyPresent += 1;
        continue;
      }
      rowProblems.push({ kind: 'importDuplicateInFile', form: form.key, field: identity[0], row, params: { other: before.row, key: shownKey, file } });
    } else if (rowProblems.length === 0 && there) {
      if (there.content === content) {
        alreadyPresent += 1;
        inFile.set(key, { row, values });
        continue;
      }
      rowProblems.push({ kind: 'importDuplicateExisting', form: form.key, field: identity[0], row, params: { other: there.row, key: shownKey, file } });
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
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const result: ImportPlan = {
    table: form.key,
    total: prepared.total,
    records,
    alreadyPresent,
    rejected: rejected.size,
    problems,
    ignoredColumns: prepared.ignoredColumns,
  };
  if (records.length === 0 || form.numbering.kind === 'sequence') return { changes: {}, result };
  const first = String(records[0][form.keyField] ?? '');
  const last = String(records[records.length - 1][form.keyField] ?? '');
  const audit: AuditEntry = {
    at: now,
    who: context.actor.clerk,
    action: 'import',
    table: form.key,
    record: records.length === 1 ? first : `${first} … ${last}`,
    field: '*',
    oldValue: '',
    newValue: `${records.length} rows from ${file}`,
  };
  return { changes: { appends: { [form.key]: records }, audit: [audit] }, result };
}

/** Reads what an import needs and plans it, writing nothing: the task pane's preview. */
export async function previewImport(ledger: Ledger, input: ImportInput, context: OperationContext): Promise<ImportPlan> {
  const prepared = prepareImport(input, context);
  const snapshot = await ledger.read(importRequest(prepared));
  return decideImport(snapshot, prepared, context).result;
}

/**
 * Imports a file into a table: every good row is written (in one change set, chunked by the
 * Office backend; sequence-numbered forms get their numbers one record at a time, as clerks' do),
 * every bad row is reported in the result. Throws only when the file itself is unusable.
 */
export async function importTable(ledger: Ledger, input: ImportInput, context: OperationContext): Promise<ImportResult> {
  checkActor(context.actor); // the clerk's name goes into the audit log and every row's created_by
  const prepared = prepareImport(input, context);
  const snapshot = await ledger.read(importRequest(prepared));
  const { changes, result } = decideImport(snapshot, prepared, context);
  const numbers: string[] = [];
  if (prepared.form.numbering.kind === 'sequence') {
    const numbering = prepared.form.numbering as SequenceNumbering;
    const create = createNumberedRecord(prepared.form);
    for (const record of result.records) {
      const imported: Record<string, DomainValue> = {};
      for (const key of prepared.columns) if (record[key] !== undefined) imported[key] = record[key];
      const date = imported[numbering.dateField];
      const scope = numbering.scopeField ? String(imported[numbering.scopeField] ?? '') : undefined;
      const period = periodOf(numbering, typeof date === 'string' ? date : context.clock.now(), scope);
      const outcome = await runOperation(
        ledger,
        { prepare: () => ({ values: imported, period }), request: create.request, decide: create.decide },
        undefined,
        context,
      );
      numbers.push(outcome.result.number);
    }
  } else if (changes.appends) {
    await ledger.apply(changes, snapshot);
  }
  return { ...result, numbers };
}
