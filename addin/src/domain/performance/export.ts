import type { RecordValues } from '../../ledger/cells';
import type { AuditEntry, ChangeSet, LedgerRow } from '../../ledger/types';
import { writeCsv, type CsvValue } from '../csv';
import { ITEM_NAMES, type ItemCode, type MonthResult, type PerfLine } from './compute';
import { div, frac, fenToYuan, toDecimal, ZERO } from './exact';
import { sha256Hex } from '../../core/sha256';

/**
 * The finance export of brief §5: one batch per vendor and month (`PA-202503-V01-1`), one line
 * per worker and item code with a non-zero amount, columns in the brief's order, control totals
 * in a manifest beside the CSV. Approved batches are recorded in the ledger (perf_exports and
 * perf_export_lines) and never rewritten: a later export of the same month holds, per worker and
 * item, a reversal of what was approved and the corrected line — only where the amount changed.
 */

export const CSV_COLUMNS = [
  'export_batch_id',
  'period',
  'vendor_code',
  'team_code',
  'worker_id',
  'worker_name',
  'item_code',
  'item_name',
  'base_amount',
  'rate',
  'amount',
  'currency',
  'basis_ref',
  'reason',
  'rule_version',
  'approved_by',
  'approved_at',
] as const;

export interface ExportLine {
  readonly batchId: string;
  readonly period: string;
  readonly vendorCode: string;
  readonly teamCode: string;
  readonly workerId: string;
  readonly workerName: string;
  readonly itemCode: ItemCode;
  readonly baseFen: number;
  /** Signed decimal fraction, 6 places. */
  readonly rate: string;
  readonly amountFen: number;
  readonly basisRef: string;
  readonly reason: string;
  readonly ruleVersion: string;
}

export interface Totals {
  readonly lineCount: number;
  readonly sumFen: number;
  readonly positiveFen: number;
  readonly negativeFen: number;
}

export interface ExportBatch {
  readonly batchId: string;
  readonly period: string;
  readonly vendorCode: string;
  readonly version: number;
  readonly ruleVersion: string;
  /** The brief's file name for this batch alone: perf_adj_<vendor>_<YYYYMM>_v<n>.csv */
  readonly fileName: string;
  readonly lines: readonly ExportLine[];
  readonly totals: Totals;
  /** Approved batches this one corrects (empty for a first export). */
  readonly corrects: readonly string[];
}

export interface ApprovedHistory {
  readonly batches: readonly { batchId: string; period: string; vendorCode: string; version: number; file: string }[];
  readonly lines: readonly { batchId: string; workerId: string; itemCode: string; amountFen: number; basisRef: string }[];
}

/** The approved batches and lines recorded in the ledger (perf_exports, perf_export_lines). */
export function approvedHistory(exports: readonly LedgerRow[] | undefined, lines: readonly LedgerRow[] | undefined): ApprovedHistory {
  return {
    batches: (exports ?? []).map((r) => ({
      batchId: String(r.values.export_batch_id ?? ''),
      period: String(r.values.period ?? ''),
      vendorCode: String(r.values.vendor_code ?? ''),
      version: Number(r.values.version ?? 0),
      file: String(r.values.file ?? ''),
    })),
    lines: (lines ?? []).map((r) => ({
      batchId: String(r.values.export_batch_id ?? ''),
      workerId: String(r.values.worker_id ?? ''),
      itemCode: String(r.values.item_code ?? ''),
      amountFen: Number(r.values.amount ?? 0),
      basisRef: String(r.values.basis_ref ?? ''),
    })),
  };
}

/** Lines of one item that may appear more than once per worker (one per capped base, one per adjustment) keep apart by their basis. */
function lineKey(workerId: string, itemCode: string, basisRef: string): string {
  return itemCode === 'CAP_ADJ' || itemCode === 'MANUAL' ? `${workerId}|${itemCode}|${basisRef}` : `${workerId}|${itemCode}`;
}

export function totalsOf(lines: readonly { amountFen: number }[]): Totals {
  let sumFen = 0;
  let positiveFen = 0;
  let negativeFen = 0;
  for (const l of lines) {
    sumFen += l.amountFen;
    if (l.amountFen > 0) positiveFen += l.amountFen;
    else negativeFen += l.amountFen;
  }
  return { lineCount: lines.length, sumFen, positiveFen, negativeFen };
}

const rateOf = (amountFen: number, baseFen: number) => toDecimal(baseFen > 0 ? div(frac(amountFen), frac(baseFen)) : ZERO, 6);

/** Plans the month's export per vendor against what was already approved. */
export function planExport(result: MonthResult, history: ApprovedHistory): ExportBatch[] {
  const period = result.month.replace('-', '');
  const vendors = [...new Set(result.workers.map((w) => w.worker.vendorCode))].sort();
  const batches: ExportBatch[] = [];
  for (const vendor of vendors) {
    const approved = history.batches.filter((b) => b.period === period && b.vendorCode === vendor);
    const version = approved.reduce((n, b) => Math.max(n, b.version), 0) + 1;
    const batchId = `PA-${period}-${vendor}-${version}`;
    const workers = result.workers.filter((w) => w.worker.vendorCode === vendor);
    const toLine = (worker: (typeof workers)[number]['worker'], l: Pick<PerfLine, 'itemCode' | 'baseFen' | 'amountFen' | 'basisRef'>, rate: string, reason: string): ExportLine => ({
      batchId,
      period,
      vendorCode: vendor,
      teamCode: worker.teamCode,
      workerId: worker.workerId,
      workerName: worker.name,
      itemCode: l.itemCode,
      baseFen: l.baseFen,
      rate,
      amountFen: l.amountFen,
      basisRef: l.basisRef,
      reason,
      ruleVersion: result.ruleVersion,
    });
    const current = new Map<string, { worker: (typeof workers)[number]['worker']; line: PerfLine }>();
    for (const w of workers) for (const l of w.lines) if (l.amountFen !== 0) current.set(lineKey(w.worker.workerId, l.itemCode, l.basisRef), { worker: w.worker, line: l });
    let lines: ExportLine[];
    if (approved.length === 0) {
      lines = [...current.values()].map(({ worker, line }) => toLine(worker, line, toDecimal(line.rate, 6), line.reason['zh-CN']));
    } else {
      const ids = new Set(approved.map((b) => b.batchId));
      const before = new Map<string, { workerId: string; itemCode: string; basisRef: string; amountFen: number }>();
      for (const l of history.lines) {
        if (!ids.has(l.batchId)) continue;
        const key = lineKey(l.workerId, l.itemCode, l.basisRef);
        const entry = before.get(key) ?? { workerId: l.workerId, itemCode: l.itemCode, basisRef: l.basisRef, amountFen: 0 };
        entry.amountFen += l.amountFen;
        before.set(key, entry);
      }
      const corrected = [...approved.map((b) => b.batchId)].join(', ');
      lines = [];
      const order = [...new Set([...current.keys(), ...before.keys()])];
      for (const key of order) {
        const now = current.get(key);
        const then = before.get(key);
        const nowFen = now?.line.amountFen ?? 0;
        const thenFen = then?.amountFen ?? 0;
        if (nowFen === thenFen) continue;
        const worker = now?.worker ??
          workers.find((w) => w.worker.workerId === then!.workerId)?.worker ?? {
            workerId: then!.workerId,
            name: '',
            teamCode: '',
            vendorCode: vendor,
            base: { CM: 0, ROT: 0, BAT: 0, TOTAL: 0 },
          };
        if (thenFen !== 0) {
          const itemCode = then!.itemCode as ItemCode;
          const baseFen = now?.line.baseFen ?? 0;
          lines.push(toLine(worker, { itemCode, baseFen, amountFen: -thenFen, basisRef: then!.basisRef }, rateOf(-thenFen, baseFen), `冲销已审批批次 ${corrected}`));
        }
        if (now && nowFen !== 0) lines.push(toLine(worker, now.line, toDecimal(now.line.rate, 6), `更正：${now.line.reason['zh-CN']}`));
      }
    }
    if (lines.length === 0) continue;
    batches.push({
      batchId,
      period,
      vendorCode: vendor,
      version,
      ruleVersion: result.ruleVersion,
      fileName: `perf_adj_${vendor}_${period}_v${version}.csv`,
      lines,
      totals: totalsOf(lines),
      corrects: approved.map((b) => b.batchId),
    });
  }
  return batches;
}

export interface Approval {
  readonly by: string;
  /** Local 'YYYY-MM-DD HH:MM:SS'. */
  readonly at: string;
}

/** The CSV of some batches (UTF-8 BOM, CRLF, RFC 4180, text protected against formulas). */
export function exportCsv(batches: readonly ExportBatch[], approval?: Approval): Uint8Array {
  const rows: CsvValue[][] = [];
  const text = (v: string): CsvValue => ({ text: v });
  const num = (v: string): CsvValue => ({ number: v });
  for (const batch of batches) {
    for (const l of batch.lines) {
      rows.push([
        text(l.batchId),
        text(l.period),
        text(l.vendorCode),
        text(l.teamCode),
        text(l.workerId),
        text(l.workerName),
        text(l.itemCode),
        text(ITEM_NAMES[l.itemCode]['zh-CN']),
        num(fenToYuan(l.baseFen)),
        num(l.rate),
        num(fenToYuan(l.amountFen)),
        text('CNY'),
        text(l.basisRef),
        text(l.reason),
        text(l.ruleVersion),
        text(approval?.by ?? ''),
        text(approval?.at ?? ''),
      ]);
    }
  }
  return writeCsv(CSV_COLUMNS, rows);
}

export const MANIFEST_COLUMNS = [
  'export_batch_id',
  'period',
  'vendor_code',
  'version',
  'file',
  'sha256',
  'line_count',
  'amount_sum',
  'positive_sum',
  'negative_sum',
  'rule_version',
  'corrects',
  'status',
  'approved_by',
  'approved_at',
] as const;

/** The control totals beside the CSV: one row per batch, and a TOTAL row. */
export function manifestCsv(files: readonly { file: string; bytes: Uint8Array; batches: readonly ExportBatch[] }[], approval?: Approval): Uint8Array {
  const rows: CsvValue[][] = [];
  const text = (v: string): CsvValue => ({ text: v });
  const num = (v: string): CsvValue => ({ number: v });
  const all: ExportBatch[] = [];
  for (const { file, bytes, batches } of files) {
    const sha = sha256Hex(bytes);
    for (const b of batches) {
      all.push(b);
      rows.push([
        text(b.batchId),
        text(b.period),
        text(b.vendorCode),
        num(String(b.version)),
        text(file),
        text(sha),
        num(String(b.totals.lineCount)),
        num(fenToYuan(b.totals.sumFen)),
        num(fenToYuan(b.totals.positiveFen)),
        num(fenToYuan(b.totals.negativeFen)),
        text(b.ruleVersion),
        text(b.corrects.join(' ')),
        text(approval ? 'approved' : 'draft'),
        text(approval?.by ?? ''),
        text(approval?.at ?? ''),
      ]);
    }
  }
  const total = totalsOf(all.flatMap((b) => b.lines));
  rows.push([
    text('TOTAL'),
    text(all[0]?.period ?? ''),
    text(''),
    text(''),
    text(''),
    text(''),
    num(String(total.lineCount)),
    num(fenToYuan(total.sumFen)),
    num(fenToYuan(total.positiveFen)),
    num(fenToYuan(total.negativeFen)),
    text(''),
    text(''),
    text(''),
    text(''),
    text(''),
  ]);
  return writeCsv(MANIFEST_COLUMNS, rows);
}

/** Recording approved batches: their rows in perf_exports and perf_export_lines, and one audit entry each. */
export function approvalChanges(files: readonly { file: string; bytes: Uint8Array; batches: readonly ExportBatch[] }[], approval: Approval): ChangeSet {
  const exportsRows: RecordValues[] = [];
  const lineRows: RecordValues[] = [];
  const audit: AuditEntry[] = [];
  for (const { file, bytes, batches } of files) {
    const sha = sha256Hex(bytes);
    for (const b of batches) {
      exportsRows.push({
        export_batch_id: b.batchId,
        period: b.period,
        vendor_code: b.vendorCode,
        version: b.version,
        rule_version: b.ruleVersion,
        line_count: b.totals.lineCount,
        amount_sum: b.totals.sumFen,
        positive_sum: b.totals.positiveFen,
        negative_sum: b.totals.negativeFen,
        file,
        csv_sha256: sha,
        approved_by: approval.by,
        approved_at: approval.at.slice(0, 16),
        created_at: approval.at.slice(0, 16),
        created_by: approval.by,
        voided: false,
      });
      b.lines.forEach((l, i) =>
        lineRows.push({
          line_id: `${b.batchId}/${i + 1}`,
          export_batch_id: b.batchId,
          worker_id: l.workerId,
          item_code: l.itemCode,
          amount: l.amountFen,
          base_amount: l.baseFen,
          rate: l.rate,
          basis_ref: l.basisRef,
          reason: l.reason,
          created_at: approval.at.slice(0, 16),
          created_by: approval.by,
          voided: false,
        }),
      );
      audit.push({
        at: approval.at,
        who: approval.by,
        action: 'approve',
        table: 'perf_exports',
        record: b.batchId,
        field: '*',
        oldValue: '',
        newValue: `${b.totals.lineCount} lines, ${fenToYuan(b.totals.sumFen)} CNY, ${file} sha256=${sha}`,
      });
    }
  }
  return { appends: { perf_exports: exportsRows, perf_export_lines: lineRows }, audit };
}
