import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { systemClock } from '../../addin/src/core/clock';
import { fenToYuan } from '../../addin/src/domain/performance/exact';
import { isMonth, monthlyPerformanceOperation, type PerformanceOutcome } from '../../addin/src/domain/performance/month';
import { sha256Hex } from '../../addin/src/core/sha256';
import { KefuError } from '../../addin/src/core/problems';
import { message } from '../../addin/src/i18n/messages';
import type { ChangeSet, Ledger, Snapshot } from '../../addin/src/ledger/types';
import { aboutFile, checkOutputPath, commitOutputs, discardOutputs, prepareOutput, safeFileName, type PreparedOutput } from '../../addin/src/ledger/xlsx/files';
import { FastXlsxReader } from '../../addin/src/ledger/xlsx/fastRead';
import { PackageLedger } from '../../addin/src/ledger/xlsx/packageLedger';
import { FileSink } from '../../addin/src/ledger/xlsx/zip';
import { FLAG, UsageError, argument, clerkOf, flag, localeFlag, noMoreArguments, t, type Command } from './args';
import { changeLedger, readLedger } from './ledgerAccess';

/** Performance and the finance export (domain brief §3, §5). */

async function isDirectory(p: string): Promise<boolean> {
  return fs.stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Runs the month's operation on `ledger` up to its decision: the outcome, the change set and the snapshot it was decided on. */
async function computeMonth(
  ledger: Ledger,
  input: Parameters<typeof monthlyPerformanceOperation.prepare>[0],
  clerk: string,
): Promise<{ outcome: PerformanceOutcome; changes: ChangeSet; snapshot: Snapshot }> {
  const context = { clock: systemClock(), actor: { clerk } };
  const operation = monthlyPerformanceOperation;
  const prepared = operation.prepare(input, context);
  const snapshot = await ledger.read(operation.request(prepared, context));
  const { changes, result } = operation.decide(snapshot, prepared, context);
  return { outcome: result, changes, snapshot };
}

export const perfCommand: Command = {
  words: ['perf'],
  usage: ['<ledger.xlsx> --month <YYYY-MM> --csv <file.csv|dir/> [--xlsx <file.xlsx>] [--approve] [--allow-empty] [--clerk <name>]'],
  help: t(
    '计算该月每人的绩效奖扣（规则：该月第一天生效的规则版本），写出财务 CSV（UTF-8 带 BOM、CRLF、简报规定的列），并在旁边写出含控制合计的 <名称>.manifest.csv。--csv <dir>/ 则按供应商各写一个 perf_adj_<供应商>_<YYYYMM>_v<n>.csv。--xlsx 写一份台账副本，附该月绩效表（每人一块，列出每行背后的日期和工单）。--approve 在台账中记下导出已审批（perf_exports、perf_export_lines）：审批过的不再改写，之后同月的导出只含冲销和调整行；文件先写成临时文件，台账记下审批后才改为正式文件名，两者要么都完成，要么都不发生。没有该月数据时退出码为 1，除非加 --allow-empty。',
    '計算該月每人的績效獎扣（規則：該月第一天生效的規則版本），寫出財務 CSV（UTF-8 帶 BOM、CRLF、簡報規定的欄位），並在旁邊寫出含控制合計的 <名稱>.manifest.csv。--csv <dir>/ 則按供應商各寫一個 perf_adj_<供應商>_<YYYYMM>_v<n>.csv。--xlsx 寫一份臺賬副本，附該月績效表（每人一塊，列出每列背後的日期和工單）。--approve 在臺賬中記下匯出已審批（perf_exports、perf_export_lines）：審批過的不再改寫，之後同月的匯出只含沖銷和調整列；檔案先寫成暫存檔，臺賬記下審批後才改為正式檔名，兩者要麼都完成，要麼都不發生。沒有該月資料時結束代碼為 1，除非加 --allow-empty。',
    'Compute the month’s performance rewards and deductions per worker (rules: the version of the rules table in effect on the month’s first day) and write the finance CSV (UTF-8 with BOM, CRLF, the columns of the brief) with its control totals in <name>.manifest.csv beside it. --csv <dir>/ writes one perf_adj_<vendor>_<YYYYMM>_v<n>.csv per vendor instead. --xlsx writes a copy of the ledger with the month’s performance sheet (one block per worker, the days and orders behind each line). --approve records the export as approved in the ledger (perf_exports, perf_export_lines): it is never rewritten, and later exports of the month hold only reversal and adjustment lines; the files are written under temporary names and take their names only once the ledger holds the approval — both happen or neither does. A month without data exits with status 1 unless --allow-empty.',
  ),
  flags: {
    month: { value: '<YYYY-MM>', help: t('绩效月份。', '績效月份。', 'The month.') },
    csv: { value: '<file.csv|dir/>', help: t('财务 CSV 文件，或按供应商分文件时的文件夹。', '財務 CSV 檔案，或按供應商分檔時的資料夾。', 'The finance CSV, or a folder for one file per vendor.') },
    xlsx: { value: '<file.xlsx>', help: t('带绩效表的台账副本。', '帶績效表的臺賬副本。', 'A copy of the ledger with the performance sheet.') },
    approve: { help: t('在台账中记下导出已审批。', '在臺賬中記下匯出已審批。', 'Record the export as approved in the ledger.') },
    'allow-empty': { help: t('没有该月数据也写出（空的）导出。', '沒有該月資料也寫出（空的）匯出。', 'Write the (empty) export even when the month has no data.') },
    force: FLAG.force,
    clerk: FLAG.clerk,
    wait: FLAG.wait,
  },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, '<ledger.xlsx>');
    noMoreArguments(parsed, 1);
    const month = flag(parsed, 'month', true)!;
    if (!isMonth(month)) throw new UsageError('usageBadValue', { flag: '--month', value: month, expected: 'YYYY-MM (2025-03)' });
    const csv = flag(parsed, 'csv', true)!;
    const xlsx = flag(parsed, 'xlsx');
    const approve = parsed.flags.has('approve');
    const force = parsed.flags.has('force');
    const clerk = clerkOf(parsed);
    const perVendor = csv.endsWith('/') || csv.endsWith(path.sep) || (await isDirectory(csv));
    const dir = perVendor ? csv : path.dirname(csv);
    if (!perVendor) await checkOutputPath(csv, { inputs: [file], force, flag: '--csv' });
    if (xlsx !== undefined) await checkOutputPath(xlsx, { inputs: [file], force, flag: '--xlsx' });
    const input = { month, locale, sheet: xlsx !== undefined, approve, files: perVendor ? ('perVendor' as const) : ('single' as const), csvName: perVendor ? undefined : path.basename(csv) };

    /** The CSVs and the manifest, written under temporary names (refused over an approved file). */
    const prepareFiles = async (out: PerformanceOutcome): Promise<PreparedOutput[]> => {
      if (out.inputRecords === 0 && !parsed.flags.has('allow-empty')) throw new KefuError([{ kind: 'perfNoData', params: { month } }]);
      const approvedShas = new Set(out.approvedBefore.map((b) => b.sha256));
      const targets = [...out.files, out.manifest].map((f) => ({ ...f, path: path.join(dir, safeFileName(f.file)) }));
      for (const target of targets) {
        if (perVendor) await checkOutputPath(target.path, { inputs: [file], force, flag: '--csv' });
        const existing = await fs.readFile(target.path).catch(() => undefined);
        const isApprovedCsv = existing && approvedShas.has(sha256Hex(new Uint8Array(existing)));
        const isApprovedManifest =
          existing && target.path.endsWith('.manifest.csv') && out.approvedBefore.some((b) => existing.includes(Buffer.from(b.batchId)) && existing.includes(Buffer.from(',approved,')));
        if (isApprovedCsv || isApprovedManifest) throw new KefuError([{ kind: 'perfApprovedFileExists', params: { file: target.path } }]);
      }
      const prepared: PreparedOutput[] = [];
      try {
        for (const target of targets) prepared.push(await prepareOutput(target.path, (handle) => handle.writeFile(target.bytes)));
      } catch (error) {
        await discardOutputs(prepared);
        throw error;
      }
      return prepared;
    };

    let outcome: PerformanceOutcome;
    let prepared: PreparedOutput[] = [];
    try {
      if (!approve && xlsx === undefined) {
        // Nothing to write back: read only the tables needed, straight from the file (much faster).
        const reader = await aboutFile(file, () => FastXlsxReader.fromFile(file));
        outcome = (await computeMonth(reader, { ...input, locale: reader.locale }, clerk)).outcome;
        prepared = await prepareFiles(outcome);
      } else if (!approve) {
        // A copy of the ledger with the month's sheet: the ledger itself is only read.
        const ledger = await readLedger(file);
        const computed = await computeMonth(ledger, { ...input, locale: ledger.locale }, clerk);
        outcome = computed.outcome;
        prepared = await prepareFiles(outcome);
        await ledger.apply(computed.changes, computed.snapshot);
        prepared.push(await prepareOutput(xlsx!, async (handle) => void (await ledger.write(new FileSink(handle)))));
      } else {
        // Approving: the approval goes into the ledger, the files take their names once it is there.
        outcome = await changeLedger(parsed, file, async ({ ledger }) => {
          await discardOutputs(prepared); // a second attempt (the ledger changed meanwhile) starts afresh
          prepared = [];
          const copy = xlsx !== undefined ? await PackageLedger.open(ledger.zip, { station: 'perf-copy', clock: systemClock() }) : undefined;
          const computed = await computeMonth(ledger, { ...input, locale: ledger.locale }, clerk);
          prepared = await prepareFiles(computed.outcome);
          const { sheets, ...approval } = computed.changes;
          await ledger.apply(approval, computed.snapshot);
          if (copy) {
            await copy.apply(computed.changes, await copy.read({ writes: computed.changes.appends ? Object.keys(computed.changes.appends) : [], sheets: sheets?.map((s) => s.name) ?? [] }));
            prepared.push(await prepareOutput(xlsx!, async (handle) => void (await copy.write(new FileSink(handle)))));
          }
          return computed.outcome;
        });
      }
      await commitOutputs(prepared);
    } catch (error) {
      await discardOutputs(prepared);
      throw error;
    }
    const out = outcome;
    const lines = out.batches.reduce((n, b) => n + b.lines.length, 0);
    const sum = out.batches.reduce((n, b) => n + b.totals.sumFen, 0);
    const written = prepared.map((p) => p.target).join(', ');
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
