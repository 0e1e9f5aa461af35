import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeText, parseDelimited } from '../../addin/src/domain/csv';
import { importTable, previewImport, type ImportPlan, type SourceTable } from '../../addin/src/domain/importing';
import { KefuError, describeProblem } from '../../addin/src/core/problems';
import { systemClock } from '../../addin/src/core/clock';
import { findForm } from '../../addin/src/forms';
import { message } from '../../addin/src/i18n/messages';
import { aboutFile } from '../../addin/src/ledger/xlsx/files';
import { FLAG, UsageError, argument, clerkOf, localeFlag, noMoreArguments, t, type Command } from './args';
import { changeLedger, readLedger } from './ledgerAccess';

/** Reads a .csv (UTF-8 with or without BOM, or GB18030) or the first sheet of an .xlsx as rows. */
export async function readSourceTable(file: string): Promise<SourceTable> {
  const bytes = await aboutFile(file, () => fs.readFile(file));
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    return { name, rows: parseDelimited(decodeText(new Uint8Array(bytes)).text) };
  }
  if (ext === '.xlsx') {
    // exceljs is loaded only when a workbook is imported (a CSV import, the usual case, does without it).
    const { xlsxSourceRows } = await import('../../addin/src/ledger/xlsx/sourceRows');
    return { name, rows: await aboutFile(file, () => xlsxSourceRows(new Uint8Array(bytes))) };
  }
  throw new KefuError([{ kind: 'unsupportedFile', params: { file: name } }]);
}

export const importCommand: Command = {
  words: ['import'],
  usage: ['<ledger.xlsx> <table-key> <file.csv|file.xlsx> [--clerk <name>] [--dry-run]'],
  help: t(
    '把行导入一个表（例如把采集系统的导出导入 collector_daily）。表头：列键或任一语言的列名；CSV 为 UTF-8（带或不带 BOM）或 GB18030；.xlsx 读第一个工作表。每个错误行都报告行、列和原因，正确的行照常导入。台账中已有的行（同一标识、同一内容）会跳过，所以同一文件导入两次不会重复。--dry-run 只检查和报告，不写入。有行被拒绝时退出码为 1。',
    '把列匯入一個表格（例如把採集系統的匯出匯入 collector_daily）。表頭：欄鍵或任一語言的欄名；CSV 為 UTF-8（帶或不帶 BOM）或 GB18030；.xlsx 讀第一個工作表。每個錯誤列都報告列、欄和原因，正確的列照常匯入。臺賬中已有的列（同一識別、同一內容）會略過，所以同一檔案匯入兩次不會重複。--dry-run 只檢查和報告，不寫入。有列被拒絕時結束代碼為 1。',
    'Import rows into a table (e.g. collector_daily from the collection system’s export). Headers: column keys or labels in any language; CSV in UTF-8 (with or without BOM) or GB18030; an .xlsx is read from its first sheet. Every bad row is reported with its row, column and reason, and the good rows are imported. Rows already in the ledger (same identity and content) are skipped, so importing a file twice adds nothing. --dry-run checks and reports without writing. Exit status 1 when any row was rejected.',
  ),
  flags: {
    'dry-run': { help: t('只检查，不写入台账。', '只檢查，不寫入臺賬。', 'Check and report; write nothing.') },
    clerk: FLAG.clerk,
    wait: FLAG.wait,
  },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const ledgerFile = argument(parsed, 0, '<ledger.xlsx>');
    const table = argument(parsed, 1, '<table-key>');
    const source = argument(parsed, 2, '<file.csv|file.xlsx>');
    noMoreArguments(parsed, 3);
    const form = findForm(table);
    if (!form) throw new UsageError('usageBadValue', { flag: '<table-key>', value: table, expected: 'kefu dictionary' });
    const dryRun = parsed.flags.has('dry-run');
    let sourceTable: SourceTable | undefined = await readSourceTable(source);
    const sourceName = sourceTable.name;
    /** What the summary needs, not the rows: they are let go before the new ledger is written (100,000 rows are a few hundred megabytes). */
    const summaryOf = (r: ImportPlan) => ({ problems: r.problems, ignoredColumns: r.ignoredColumns, imported: r.records.length, alreadyPresent: r.alreadyPresent, rejected: r.rejected });
    const result = dryRun
      ? await (async () => {
          const ledger = await readLedger(ledgerFile);
          const context = { clock: systemClock(), actor: { clerk: clerkOf(parsed), site: (await ledger.settings()).site || undefined } };
          return summaryOf(await previewImport(ledger, { table, source: sourceTable }, context));
        })()
      : await changeLedger(parsed, ledgerFile, async ({ ledger, clock, clerk }) => {
          const context = { clock, actor: { clerk, site: (await ledger.settings()).site || undefined } };
          const summary = summaryOf(await importTable(ledger, { table, source: sourceTable! }, context));
          sourceTable = undefined;
          return summary;
        });
    for (const problem of result.problems) console.error(describeProblem(problem, locale));
    if (result.ignoredColumns.length > 0) {
      console.log(message('whereFileOnly', locale, { file: sourceName }) + message('importIgnoredColumns', locale, { columns: result.ignoredColumns.join(', ') }));
    }
    console.log(message('importSummary', locale, { sheet: form.sheet[locale], imported: dryRun ? 0 : result.imported, present: result.alreadyPresent, rejected: result.rejected }));
    // Exit code 1 (refused input) when any row was rejected; the messages above say which.
    if (result.rejected > 0) throw new KefuError([]);
  },
};
