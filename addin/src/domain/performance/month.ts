import type { Locale } from '../../i18n/locale';
import type { ChangeSet } from '../../ledger/types';
import type { Operation } from '../records';
import { monthlyPerformance, type MonthResult } from './compute';
import { approvalChanges, approvedHistory, exportCsv, manifestCsv, planExport, type Approval, type ExportBatch } from './export';
import { monthInputFromSnapshot, performanceRequest } from './inputs';
import { performanceSheet, performanceSheetName } from './sheet';

/**
 * The month's performance as one operation, for the add-in and the command line alike: read
 * (one request: the performance tables, the rules, the approved exports, whether the sheet
 * exists) → compute and plan the export in pure code → apply (one request, chunked when large):
 * the performance sheet and, when approving, the batches and their lines.
 */

export interface PerformanceRequest {
  /** 'YYYY-MM' */
  readonly month: string;
  /** The workbook's locale (the sheet's language). */
  readonly locale: Locale;
  /** Write the performance sheet into the workbook. */
  readonly sheet?: boolean;
  /** Record the export as approved (by the acting clerk, now): it is never rewritten. */
  readonly approve?: boolean;
  /** 'single': one CSV for all vendors named `csvName`; 'perVendor': the brief's perf_adj_<vendor>_<YYYYMM>_v<n>.csv each. */
  readonly files?: 'single' | 'perVendor';
  readonly csvName?: string;
}

export interface ExportFile {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly batches: readonly ExportBatch[];
}

export interface PerformanceOutcome {
  readonly result: MonthResult;
  readonly batches: readonly ExportBatch[];
  readonly files: readonly ExportFile[];
  readonly manifest: { readonly file: string; readonly bytes: Uint8Array };
  readonly approval?: Approval;
  /** Approved batches of this month before this run, with the SHA-256 of their files. */
  readonly approvedBefore: readonly { batchId: string; file: string; sha256: string }[];
  readonly sheetName?: string;
  /** How many of the month's records the figures come from (collector days, work orders, complaint orders, manual adjustments). */
  readonly inputRecords: number;
}

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export const monthlyPerformanceOperation: Operation<PerformanceRequest, PerformanceRequest, PerformanceOutcome> = {
  prepare(input) {
    if (!isMonth(input.month)) throw new Error(`Not a month (YYYY-MM): ${input.month}`);
    return input;
  },
  request(input) {
    return performanceRequest({
      writes: input.approve ? ['perf_exports', 'perf_export_lines'] : [],
      sheets: input.sheet ? [performanceSheetName(input.month, input.locale)] : [],
    });
  },
  decide(snapshot, input, context) {
    const monthInput = monthInputFromSnapshot(snapshot, input.month);
    const result = monthlyPerformance(monthInput);
    const inputRecords = monthInput.collector.length + monthInput.rotation.length + monthInput.batch.length + monthInput.complaints.length + monthInput.manual.length;
    const history = approvedHistory(snapshot.tables.perf_exports, snapshot.tables.perf_export_lines);
    const batches = planExport(result, history);
    const approval: Approval | undefined = input.approve && batches.length > 0 ? { by: context.actor.clerk, at: context.clock.now() } : undefined;
    const period = input.month.replace('-', '');
    const files: ExportFile[] =
      input.files === 'perVendor'
        ? batches.map((b) => ({ file: b.fileName, bytes: exportCsv([b], approval), batches: [b] }))
        : [{ file: input.csvName ?? `perf_adj_${period}.csv`, bytes: exportCsv(batches, approval), batches }];
    const manifestName =
      input.files === 'perVendor'
        ? `perf_adj_${period}_manifest_v${batches.reduce((n, b) => Math.max(n, b.version), 0)}.csv`
        : (input.csvName ?? `perf_adj_${period}.csv`).replace(/(\.csv)?$/i, '.manifest.csv');
    let changes: ChangeSet = approval ? approvalChanges(files, approval) : {};
    const sheet = input.sheet ? performanceSheet(result, snapshot.locale) : undefined;
    if (sheet) changes = { ...changes, sheets: [sheet] };
    const approvedBefore = (snapshot.tables.perf_exports ?? [])
      .filter((r) => String(r.values.period ?? '') === period)
      .map((r) => ({ batchId: String(r.values.export_batch_id ?? ''), file: String(r.values.file ?? ''), sha256: String(r.values.csv_sha256 ?? '') }));
    return {
      changes,
      result: { result, batches, files, manifest: { file: manifestName, bytes: manifestCsv(files, approval) }, approval, approvedBefore, sheetName: sheet?.name, inputRecords },
    };
  },
};
