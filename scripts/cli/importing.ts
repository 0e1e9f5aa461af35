import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { systemClock } from '../../addin/src/domain/clock';
import { decodeText, parseDelimited } from '../../addin/src/domain/csv';
import { importTable, previewImport, type SourceTable } from '../../addin/src/domain/importing';
import { KefuError, describeProblem } from '../../addin/src/domain/problems';
import { findForm } from '../../addin/src/forms';
import { message } from '../../addin/src/i18n/messages';
import { readRewritableWorkbook, writeWorkbookAtomically } from '../../addin/src/ledger/xlsx/files';
import { XlsxLedger } from '../../addin/src/ledger/xlsx/xlsxLedger';
import { xlsxSourceRows } from '../../addin/src/ledger/xlsx/sourceRows';
import { UsageError, flag, localeFlag, station, type Command } from './args';

/** Reads a .csv (UTF-8 with or without BOM, or GB18030) or the first sheet of an .xlsx as rows. */
export async function readSourceTable(file: string): Promise<SourceTable> {
  const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new KefuError([{ kind: 'fileNotFound', params: { file } }]);
    throw error;
  });
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    return { name, rows: parseDelimited(decodeText(new Uint8Array(bytes)).text) };
  }
  if (ext === '.xlsx') return { name, rows: await xlsxSourceRows(new Uint8Array(bytes)) };
  throw new KefuError([{ kind: 'unsupportedFile', params: { file: name } }]);
}

export const importCommand: Command = {
  words: ['import'],
  help: `  kefu import <ledger.xlsx> <table-key> <file.csv|file.xlsx> [--clerk <name>] [--dry-run]
      Import rows into a table (e.g. collector_daily from the collection system's export).
      Headers: column keys or labels in any language; CSV in UTF-8 (with or without BOM) or
      GB18030; an .xlsx is read from its first sheet. Every bad row is reported with its row,
      column and reason, and the good rows are imported. Rows already in the ledger (same
      identity and content) are skipped, so importing a file twice adds nothing. --dry-run
      checks and reports without writing. Exit code 1 when any row was rejected.`,
  async run(parsed) {
    const locale = localeFlag(parsed);
    const [, ledgerFile, table, source] = parsed.positional;
    if (!ledgerFile || !table || !source) throw new UsageError('kefu import <ledger.xlsx> <table-key> <file.csv|file.xlsx>');
    const clerk = flag(parsed, 'clerk') ?? process.env.USER ?? 'kefu';
    const dryRun = parsed.flags.has('dry-run');
    const bytes = await readRewritableWorkbook(ledgerFile);
    const sourceTable = await readSourceTable(source);
    const clock = systemClock();
    const ledger = await XlsxLedger.fromBuffer(bytes, { station: station(clerk), clock });
    const context = { clock, actor: { clerk, site: ledger.settings().site || undefined } };
    const result = dryRun
      ? await previewImport(ledger, { table, source: sourceTable }, context)
      : await importTable(ledger, { table, source: sourceTable }, context);
    if (!dryRun && result.records.length > 0) await writeWorkbookAtomically(ledgerFile, await ledger.toBuffer());
    for (const problem of result.problems) console.error(describeProblem(problem, locale));
    const sheet = findForm(table)!.sheet[locale];
    if (result.ignoredColumns.length > 0) {
      console.log(message('whereFileOnly', locale, { file: sourceTable.name }) + message('importIgnoredColumns', locale, { columns: result.ignoredColumns.join(', ') }));
    }
    console.log(
      message('importSummary', locale, {
        sheet,
        imported: dryRun ? 0 : result.records.length,
        present: result.alreadyPresent,
        rejected: result.rejected,
      }),
    );
    // Exit code 1 (refused input) when any row was rejected; the messages above say which.
    if (result.rejected > 0) throw new KefuError([]);
  },
};
