import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { systemClock } from '../../addin/src/domain/clock';
import { fenToYuan } from '../../addin/src/domain/performance/exact';
import { isMonth, monthlyPerformanceOperation } from '../../addin/src/domain/performance/month';
import { sha256Hex } from '../../addin/src/domain/performance/sha256';
import { KefuError } from '../../addin/src/domain/problems';
import { runOperation } from '../../addin/src/domain/records';
import { message } from '../../addin/src/i18n/messages';
import { readRewritableWorkbook, writeWorkbookAtomically } from '../../addin/src/ledger/xlsx/files';
import { FastXlsxReader } from '../../addin/src/ledger/xlsx/fastRead';
import { XlsxLedger } from '../../addin/src/ledger/xlsx/xlsxLedger';
import { UsageError, flag, localeFlag, station, type Command } from './args';

/** Performance and the finance export (domain brief §3, §5). */

async function isDirectory(p: string): Promise<boolean> {
  return fs.stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export const perfCommand: Command = {
  words: ['perf'],
  help: `  kefu perf <ledger.xlsx> --month <YYYY-MM> --csv <file.csv|dir/> [--xlsx <file.xlsx>] [--approve] [--clerk <name>]
      Compute the month's performance rewards and deductions per worker (rules: the version of the
      rules table in effect on the month's first day) and write the finance CSV (UTF-8 with BOM,
      CRLF, the columns of the brief) with its control totals in <name>.manifest.csv beside it.
      --csv <dir>/ writes one perf_adj_<vendor>_<YYYYMM>_v<n>.csv per vendor instead.
      --xlsx writes a copy of the ledger with the month's performance sheet (one block per worker,
      the days and orders behind each line); give the ledger's own path to add it in place.
      --approve records the export as approved in the ledger (perf_exports, perf_export_lines):
      it is never rewritten, and later exports of the month hold only reversal and adjustment lines.`,
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = parsed.positional[1];
    const month = flag(parsed, 'month', true)!;
    if (!file) throw new UsageError('kefu perf <ledger.xlsx> --month <YYYY-MM> --csv <file>');
    if (!isMonth(month)) throw new UsageError('--month must be a month such as 2025-03');
    const csv = flag(parsed, 'csv', true)!;
    const xlsx = flag(parsed, 'xlsx');
    const approve = parsed.flags.has('approve');
    const clerk = flag(parsed, 'clerk') ?? process.env.USER ?? 'kefu';
    const perVendor = csv.endsWith('/') || csv.endsWith(path.sep) || (await isDirectory(csv));
    const dir = perVendor ? csv : path.dirname(csv);
    const clock = systemClock();
    const sheet = xlsx !== undefined;
    // Nothing to write back: read only the tables needed, straight from the file (much faster).
    const readOnly = !approve && !sheet;
    const ledger = readOnly
      ? await FastXlsxReader.fromFile(file)
      : await XlsxLedger.fromBuffer(await readRewritableWorkbook(file), { station: station(clerk), clock });
    const outcome = await runOperation(
      ledger,
      monthlyPerformanceOperation,
      { month, locale: ledger.locale, sheet, approve, files: perVendor ? 'perVendor' : 'single', csvName: perVendor ? undefined : path.basename(csv) },
      { clock, actor: { clerk } },
    );
    const out = outcome.result;
    // An approved export is immutable: never write over a file whose content was approved.
    const approvedShas = new Set(out.approvedBefore.map((b) => b.sha256));
    const targets = [...out.files.map((f) => ({ ...f, path: path.join(dir, f.file) })), { ...out.manifest, path: path.join(dir, out.manifest.file) }];
    for (const target of targets) {
      const existing = await fs.readFile(target.path).catch(() => undefined);
      const isApprovedCsv = existing && approvedShas.has(sha256Hex(new Uint8Array(existing)));
      const isApprovedManifest = existing && target === targets[targets.length - 1] && out.approvedBefore.some((b) => target.path.endsWith('.manifest.csv') && existing.includes(Buffer.from(b.batchId)) && existing.includes(Buffer.from(',approved,')));
      if (isApprovedCsv || isApprovedManifest) throw new KefuError([{ kind: 'perfApprovedFileExists', params: { file: target.path } }]);
    }
    await fs.mkdir(dir, { recursive: true });
    for (const target of targets) await fs.writeFile(target.path, target.bytes);
    if (ledger instanceof XlsxLedger) {
      if (approve && out.approval) await writeWorkbookAtomically(file, await ledger.toBuffer());
      if (xlsx) {
        if (path.resolve(xlsx) === path.resolve(file)) await writeWorkbookAtomically(file, await ledger.toBuffer());
        else await fs.writeFile(xlsx, await ledger.toBuffer());
      }
    }
    const lines = out.batches.reduce((n, b) => n + b.lines.length, 0);
    const sum = out.batches.reduce((n, b) => n + b.totals.sumFen, 0);
    const written = [...targets.map((t) => t.path), ...(xlsx ? [xlsx] : [])].join(', ');
    console.log(message('perfWritten', locale, { month, workers: out.result.workers.length, lines, sum: fenToYuan(sum), version: out.result.ruleVersion, files: written }));
    const corrected = out.batches.find((b) => b.corrects.length > 0);
    if (corrected) console.log(message('perfCorrections', locale, { month, batch: corrected.corrects.join(', '), lines }));
    if (approve && out.approval) {
      for (const b of out.batches) console.log(message('perfApproved', locale, { batch: b.batchId, by: out.approval.by, at: out.approval.at }));
    } else if (approve) {
      console.log(message('perfNothingToApprove', locale, { month, batch: out.approvedBefore.map((b) => b.batchId).join(', ') || '—' }));
    }
  },
};
