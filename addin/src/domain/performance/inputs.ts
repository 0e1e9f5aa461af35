import type { DomainValue } from '../../ledger/cells';
import type { LedgerRow, Snapshot, SnapshotRequest, TableQuery } from '../../ledger/types';
import { IMPORT_MARKERS_QUERY, incompleteImportRefusals, workerIds } from '../importing';
import { AUDIT_TABLE } from '../../ledger/layout';
import { KefuError, type Problem } from '../../core/problems';
import type { BatchOrder, CollectorRecord, ComplaintOrder, ManualAdjustment, MonthInput, RotationOrder, WorkerInfo } from './compute';
import { RULES_QUERY, parseRules, rulesForMonth } from './rules';

/**
 * What the monthly computation reads from the ledger, and the checks a hand-edited sheet needs
 * before finance can trust the result (a worker id nobody registered, more successes than
 * collectors maintained): each is reported with its sheet, row and column, and nothing is computed.
 */

export const PERFORMANCE_TABLES: Readonly<Record<string, readonly string[]>> = {
  workers: ['worker_id', 'name', 'team_code', 'vendor_code', 'base_cm', 'base_rot', 'base_bat', 'base_total', 'voided'],
  collector_daily: ['date', 'worker_id', 'collector_type', 'maintained', 'succeeded', 'reason_code', 'voided'],
  rotation_orders: ['order_no', 'workers', 'due_date', 'done_date', 'field_checked', 'field_passed', 'collection_total', 'collection_ok', 'voided'],
  batch_installs: ['order_no', 'workers', 'done_date', 'field_checked', 'field_passed', 'collection_total', 'collection_ok', 'voided'],
  // Not `source`: R11 deducts by verdict and severity alone, so an order of unknown source (blank,
  // as imports allow) counts as any other.
  complaint_orders: ['order_no', 'date', 'workers', 'substantiated', 'severity', 'voided'],
  perf_adjustments: ['adjustment_no', 'month', 'worker_id', 'amount', 'reason', 'approved_by', 'voided'],
  perf_exports: ['export_batch_id', 'period', 'vendor_code', 'version', 'file', 'csv_sha256', 'approved_by', 'approved_at'],
  perf_export_lines: ['line_id', 'export_batch_id', 'worker_id', 'item_code', 'amount', 'basis_ref'],
};

export function performanceRequest(extra: Pick<SnapshotRequest, 'writes' | 'sheets'> = {}): SnapshotRequest {
  const tables: Record<string, TableQuery> = { rules: RULES_QUERY };
  for (const [key, columns] of Object.entries(PERFORMANCE_TABLES)) tables[key] = { columns, rows: 'all' };
  // The import batches' markers: half an import is never counted (see importing.ts).
  tables[AUDIT_TABLE] = IMPORT_MARKERS_QUERY;
  return { tables, ...extra };
}

const int = (v: DomainValue | undefined): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const str = (v: DomainValue | undefined): string => (v === null || v === undefined ? '' : String(v));
const live = (rows: readonly LedgerRow[] | undefined) => (rows ?? []).filter((r) => r.values.voided !== true);

/** Turns the snapshot into the computation's input for `month`, or throws a KefuError naming every bad cell. */
export function monthInputFromSnapshot(snapshot: Snapshot, month: string): MonthInput {
  const rules = rulesForMonth(parseRules(snapshot.tables.rules ?? []), month);
  // An import into a table the month is computed from that never completed: refused until it is imported again.
  const problems: Problem[] = incompleteImportRefusals(snapshot.tables[AUDIT_TABLE] ?? [], ['rules', ...Object.keys(PERFORMANCE_TABLES)]);
  const at = (form: string, row: LedgerRow, field: string) => ({ form, row: row.ref.row + 1, field });
  const inMonth = (v: DomainValue | undefined) => typeof v === 'string' && v.slice(0, 7) === month;

  const workers: WorkerInfo[] = [];
  for (const row of live(snapshot.tables.workers)) {
    const v = row.values;
    const id = str(v.worker_id);
    if (!id) continue;
    const bases = { CM: int(v.base_cm), ROT: int(v.base_rot), BAT: int(v.base_bat), TOTAL: int(v.base_total) };
    const missing = Object.entries({ base_cm: bases.CM, base_rot: bases.ROT, base_bat: bases.BAT, base_total: bases.TOTAL }).filter(([, b]) => b === null || b < 0);
    for (const [field] of missing) problems.push({ kind: 'required', ...at('workers', row, field) });
    if (missing.length > 0) continue;
    workers.push({ workerId: id, name: str(v.name), teamCode: str(v.team_code), vendorCode: str(v.vendor_code), base: bases as WorkerInfo['base'] });
  }
  const known = new Set(workers.map((w) => w.workerId));
  const checkWorkers = (form: string, row: LedgerRow, field: string, ids: string[]) => {
    for (const id of ids) if (!known.has(id)) problems.push({ kind: 'importUnknownWorker', ...at(form, row, field), params: { value: id } });
    return ids.every((id) => known.has(id));
  };
  const countsOk = (form: string, row: LedgerRow, pairs: readonly [string, string][], required: boolean) => {
    let ok = true;
    for (const [part, whole] of pairs) {
      const p = row.values[part];
      const w = row.values[whole];
      if ((p === null || p === undefined) && (w === null || w === undefined) && !required) continue;
      for (const [key, value] of [
        [part, p],
        [whole, w],
      ] as const) {
        if (int(value) === null || (value as number) < 0) {
          problems.push({ kind: value === null || value === undefined ? 'required' : 'notInteger', ...at(form, row, key), params: { value: str(value) } });
          ok = false;
        }
      }
      if (ok && (p as number) > (w as number)) {
        problems.push({ kind: 'importPartAboveWhole', ...at(form, row, part), params: { value: p as number, wholeField: whole, wholeValue: w as number } });
        ok = false;
      }
    }
    return ok;
  };

  const collector: CollectorRecord[] = [];
  for (const row of live(snapshot.tables.collector_daily)) {
    const v = row.values;
    if (!inMonth(v.date)) continue;
    const type = v.collector_type;
    if (type !== 'wireless' && type !== 'carrier') {
      problems.push({ kind: 'notInList', ...at('collector_daily', row, 'collector_type'), params: { value: str(type) } });
      continue;
    }
    const reason = v.reason_code === null || v.reason_code === undefined ? null : str(v.reason_code);
    if (reason !== null && !['dispatch_shortfall', 'leave', 'other'].includes(reason)) {
      problems.push({ kind: 'notInList', ...at('collector_daily', row, 'reason_code'), params: { value: reason } });
      continue;
    }
    if (!checkWorkers('collector_daily', row, 'worker_id', [str(v.worker_id)])) continue;
    if (!countsOk('collector_daily', row, [['succeeded', 'maintained']], true)) continue;
    collector.push({ row: row.ref.row + 1, date: str(v.date), workerId: str(v.worker_id), type, maintained: v.maintained as number, succeeded: v.succeeded as number, reason });
  }
  const counts = (v: LedgerRow['values']) => ({
    fieldChecked: int(v.field_checked),
    fieldPassed: int(v.field_passed),
    collectionTotal: int(v.collection_total),
    collectionOk: int(v.collection_ok),
  });
  const orderPairs: [string, string][] = [
    ['field_passed', 'field_checked'],
    ['collection_ok', 'collection_total'],
  ];
  const rotation: RotationOrder[] = [];
  for (const row of live(snapshot.tables.rotation_orders)) {
    const v = row.values;
    if (!inMonth(v.done_date)) continue;
    if (typeof v.due_date !== 'string') {
      problems.push({ kind: 'required', ...at('rotation_orders', row, 'due_date') });
      continue;
    }
    const ids = workerIds(v.workers);
    if (!checkWorkers('rotation_orders', row, 'workers', ids) || !countsOk('rotation_orders', row, orderPairs, false)) continue;
    rotation.push({ row: row.ref.row + 1, orderNo: str(v.order_no), workers: ids, dueDate: v.due_date, doneDate: str(v.done_date), ...counts(v) });
  }
  const batch: BatchOrder[] = [];
  for (const row of live(snapshot.tables.batch_installs)) {
    const v = row.values;
    if (!inMonth(v.done_date)) continue;
    const ids = workerIds(v.workers);
    if (!checkWorkers('batch_installs', row, 'workers', ids) || !countsOk('batch_installs', row, orderPairs, false)) continue;
    batch.push({ row: row.ref.row + 1, orderNo: str(v.order_no), workers: ids, doneDate: str(v.done_date), ...counts(v) });
  }
  const complaints: ComplaintOrder[] = [];
  for (const row of live(snapshot.tables.complaint_orders)) {
    const v = row.values;
    if (!inMonth(v.date)) continue;
    const ids = workerIds(v.workers);
    const substantiated = v.substantiated;
    if (substantiated !== 'yes' && substantiated !== 'partly' && substantiated !== 'no') {
      problems.push({ kind: 'notInList', ...at('complaint_orders', row, 'substantiated'), params: { value: str(substantiated) } });
      continue;
    }
    const severity = v.severity === null || v.severity === undefined ? null : str(v.severity);
    if (substantiated !== 'no' && !['minor', 'major', 'severe'].includes(severity ?? '')) {
      problems.push({ kind: severity ? 'notInList' : 'requiredWhen', ...at('complaint_orders', row, 'severity'), params: { value: severity ?? '' } });
      continue;
    }
    if (!checkWorkers('complaint_orders', row, 'workers', ids)) continue;
    complaints.push({ row: row.ref.row + 1, orderNo: str(v.order_no), date: str(v.date), workers: ids, substantiated, severity: severity as ComplaintOrder['severity'] });
  }
  const manual: ManualAdjustment[] = [];
  for (const row of live(snapshot.tables.perf_adjustments)) {
    const v = row.values;
    if (str(v.month) !== month) continue;
    if (!str(v.reason).trim() || !str(v.approved_by).trim()) {
      problems.push({ kind: 'perfManualNeedsApprover', ...at('perf_adjustments', row, !str(v.reason).trim() ? 'reason' : 'approved_by') });
      continue;
    }
    if (int(v.amount) === null) {
      problems.push({ kind: 'notNumber', ...at('perf_adjustments', row, 'amount'), params: { value: str(v.amount) } });
      continue;
    }
    if (!checkWorkers('perf_adjustments', row, 'worker_id', [str(v.worker_id)])) continue;
    manual.push({ row: row.ref.row + 1, id: str(v.adjustment_no), workerId: str(v.worker_id), amountFen: v.amount as number, reason: str(v.reason), approvedBy: str(v.approved_by) });
  }
  if (problems.length > 0) throw new KefuError(problems);
  return { month, rules, workers, collector, rotation, batch, complaints, manual };
}
