import { allFields, columnsOf } from '../forms/columns';
import { BOOL_CODES } from '../forms/codes';
import { complaints, complaintReopenings, returnVisits } from '../forms/complaints';
import { reception, repairLedger, repairOrders } from '../forms/receptionRepairs';
import type { FormDecl } from '../forms/types';
import type { DomainValue, RecordValues } from '../ledger/cells';
import type { LedgerRow, Snapshot } from '../ledger/types';
import { AUDIT_SHEET, AUDIT_TABLE } from '../ledger/layout';
import { firstBreak } from '../ledger/auditChain';
import { stationOf } from '../ledger/numbering';
import type { Problem } from '../core/problems';
import { codeText, localized, sheetRow } from './deskSteps';
import { identityColumns } from './importing';

/**
 * The structural half of `kefu check`, the same for every form: values outside their lists,
 * required fields left empty (and, for the desk's forms, the fields a status needs), duplicate
 * numbers and gaps in a sequence, and the audit log's hash chain.
 */

export type Rows = readonly LedgerRow[];

export function rowsOf(snapshot: Snapshot, form: FormDecl): Rows {
  return snapshot.tables[form.key] ?? [];
}

export function str(value: DomainValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function empty(value: DomainValue | undefined): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The desk's forms whose statuses follow one order: a record at a status has passed every earlier one. */
const ORDERS: Readonly<Record<string, readonly string[]>> = {
  complaints: complaints.statuses.map((s) => s.code),
  reception: reception.statuses.map((s) => s.code),
  repair_orders: repairOrders.statuses.map((s) => s.code).filter((s) => s !== 'visited'),
  repair_ledger: repairLedger.statuses.map((s) => s.code),
};

/** The forms `kefu check` has always checked, in the order it reports them. */
export const DESK_CHECKED_FORMS: readonly FormDecl[] = [complaints, returnVisits, complaintReopenings, reception, repairOrders, repairLedger];

/** Whether a record at `status` has passed `step` (its fields should be filled in). */
function reached(form: FormDecl, status: string, step: string, values: RecordValues): boolean {
  const order = ORDERS[form.key];
  if (!order) return false;
  if (form === repairOrders && step === 'in_repair') return false; // arrival is optional
  const effective = status === 'visited' && form === repairOrders ? 'returned_to_cs' : status;
  // A reopened ticket is back in handling: its handling cells are blank until it is handled again
  // (the reopened round is in its reopening record), but it keeps the visit that reopened it.
  if (form === complaints && step === 'visited' && Number(values.reopen_count ?? 0) > 0) return true;
  const at = order.indexOf(effective);
  const needed = order.indexOf(step);
  if (at < 0 || needed < 0) return false;
  return needed <= at;
}

export function schemaProblems(form: FormDecl, rows: Rows): Problem[] {
  const problems: Problem[] = [];
  const columns = columnsOf(form);
  for (const row of rows) {
    const v = row.values;
    for (const column of columns) {
      const value = v[column.key];
      if (empty(value) || !column.codes) continue;
      const allowed = column.kind === 'bool' ? BOOL_CODES : column.codes;
      const list = Array.isArray(value) ? value : [value];
      if (column.kind === 'bool') continue; // read as true/false already
      for (const code of list) {
        if (!allowed.some((c) => c.code === code)) problems.push({ kind: 'notInList', form: form.key, row: sheetRow(row), field: column.key, params: { value: String(code) } });
      }
    }
    for (const field of allFields(form)) {
      if (!field.required) continue;
      if (field.system && field.key !== form.keyField) continue;
      // Another system's export may leave it blank, which then means what the declaration says.
      if (field.blankOnImport) continue;
      const when =
        field.required === true
          ? true
          : (() => {
              const other = v[field.required.when.field];
              const code = typeof other === 'boolean' ? (other ? 'yes' : 'no') : other;
              return typeof code === 'string' && field.required.when.in.includes(code);
            })();
      if (!when) continue;
      if (field.step !== undefined && (v.voided === true || !reached(form, str(v.status), field.step, v))) continue;
      const keys = field.type === 'signature' ? [`${field.key}_by`, `${field.key}_at`] : [field.key];
      for (const key of keys) {
        if (!empty(v[key])) continue;
        if (field.step === undefined) problems.push({ kind: 'required', form: form.key, row: sheetRow(row), field: key });
        else
          problems.push({
            kind: 'stepFieldMissing',
            form: form.key,
            row: sheetRow(row),
            field: key,
            params: { record: str(v[form.keyField]), ...localized('status', codeText(form.statuses, v.status)) },
          });
      }
    }
  }
  return problems;
}

function sequenceOf(form: FormDecl, number: string): { period: string; seq: number } | undefined {
  if (form.numbering.kind !== 'sequence') return undefined;
  const pattern = form.numbering.format
    .replace(/[-/]/g, (ch) => `\\${ch}`)
    .replace('{YYYYMMDD}', '(\\d{8})')
    .replace('{YYYY}', '(\\d{4})')
    .replace('{scope}', '([^-]+)')
    .replace(/\{N+\}/, '(\\d+)');
  const m = new RegExp(`^${pattern}$`).exec(number);
  return m ? { period: m.slice(1, -1).join('/'), seq: Number(m[m.length - 1]) } : undefined;
}

function rangeText(numbers: readonly number[], format: (n: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(i === j ? format(numbers[i]) : `${format(numbers[i])}–${format(numbers[j])}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * What identifies one record of a form: its number for the numbered forms and the desk's, else
 * what identifies an imported row (the worker id; a collector's day by date, worker and type).
 */
function identityOf(form: FormDecl): readonly string[] {
  if (form.numbering.kind === 'sequence' || form.numbering.kind === 'derived' || DESK_CHECKED_FORMS.includes(form)) return [form.keyField];
  const columns = identityColumns(form);
  return columns.length > 0 ? columns : [form.keyField];
}

/**
 * The numbers a series' claims table shows as claimed and never confirmed, by period: a confirmed
 * claim holds its number (`seq`), each claim after it the next (docs/numbering.md), and a claim whose `seq` stayed empty was never
 * written — its registration was refused after the claim (a vehicle already lent), or failed before
 * its second request. Those gaps are explained; a gap with no such claim is a record removed.
 */
export function claimedUnused(claims: Rows): ReadonlyMap<string, ReadonlyMap<number, { station: string; at: string }>> {
  const byPeriod = new Map<string, Map<number, { station: string; at: string }>>();
  // As the claims are resolved: a confirmed claim is an anchor (its seq), an unconfirmed one the next number after the last.
  const last = new Map<string, number>();
  for (const claim of claims) {
    const period = str(claim.values.period);
    if (period === '') continue;
    const seq = claim.values.seq;
    const n = typeof seq === 'number' ? seq : (last.get(period) ?? 0) + 1;
    last.set(period, n);
    if (typeof seq !== 'number') {
      const unused = byPeriod.get(period) ?? new Map<number, { station: string; at: string }>();
      unused.set(n, { station: stationOf(str(claim.values.station)), at: str(claim.values.claimed_at) });
      byPeriod.set(period, unused);
    }
  }
  return byPeriod;
}

/**
 * Duplicate numbers, and gaps in a sequence: an error where nothing explains the gap (a record
 * removed), a warning (`numberClaimedUnused`) where the series' claims (`claims`, its claims table's
 * rows) show the number claimed and never written.
 */
export function numberingProblems(form: FormDecl, rows: Rows, claims: Rows = []): Problem[] {
  const problems: Problem[] = [];
  const identity = identityOf(form);
  const byNumber = new Map<string, number[]>();
  for (const row of rows) {
    if (identity.some((key) => str(row.values[key]) === '')) continue;
    const no = identity.map((key) => str(row.values[key])).join(' / ');
    byNumber.set(no, [...(byNumber.get(no) ?? []), sheetRow(row)]);
  }
  for (const [no, at] of byNumber) {
    if (at.length > 1) problems.push({ kind: 'duplicateNumber', form: form.key, field: form.keyField, params: { value: no, rows: at.join(', ') } });
  }
  if (form.numbering.kind !== 'sequence') return problems;
  const numbering = form.numbering;
  const periods = new Map<string, Set<number>>();
  for (const no of byNumber.keys()) {
    const parsed = sequenceOf(form, no);
    if (!parsed) continue;
    periods.set(parsed.period, (periods.get(parsed.period) ?? new Set()).add(parsed.seq));
  }
  const unused = claimedUnused(claims);
  for (const [period, seqs] of periods) {
    const max = Math.max(...seqs);
    const missing: number[] = [];
    for (let n = 1; n <= max; n++) if (!seqs.has(n)) missing.push(n);
    if (missing.length === 0) continue;
    const width = /\{(N+)\}/.exec(numbering.format)![1].length;
    const example = [...byNumber.keys()].find((no) => sequenceOf(form, no)?.period === period)!;
    const prefix = example.slice(0, example.length - String(sequenceOf(form, example)!.seq).padStart(width, '0').length);
    const numberText = (n: number) => prefix + String(n).padStart(width, '0');
    const explained = missing.filter((n) => unused.get(period)?.has(n));
    const unexplained = missing.filter((n) => !unused.get(period)?.has(n));
    if (unexplained.length > 0) problems.push({ kind: 'numberGap', form: form.key, field: form.keyField, params: { value: rangeText(unexplained, numberText) } });
    for (const n of explained) {
      const claim = unused.get(period)!.get(n)!;
      problems.push({ kind: 'numberClaimedUnused', form: form.key, field: form.keyField, params: { value: numberText(n), station: claim.station, at: claim.at } });
    }
  }
  return problems;
}

/** The audit log's first row whose hash chain breaks (a row removed, moved or edited), if any. */
export function auditProblems(snapshot: Snapshot): Problem[] {
  const rows = snapshot.tables[AUDIT_TABLE];
  // Only a read of the whole log, chain included (checkRequest), can tell.
  if (!rows || rows.length === 0 || !('chain' in rows[0].values)) return [];
  const broken = firstBreak(rows.map((r) => r.values));
  if (broken < 0) return [];
  const row = rows[broken];
  return [{ kind: 'auditChainBroken', params: { line: sheetRow(row), at: str(row.values.at), record: str(row.values.record) || '—', ...localized('log', AUDIT_SHEET) } }];
}
