import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { systemClock } from '../../addin/src/domain/clock';
import { KefuError } from '../../addin/src/domain/problems';
import { runOperation } from '../../addin/src/domain/records';
import { complaintStatisticsOperation, isYear } from '../../addin/src/domain/statisticsSheet';
import { message } from '../../addin/src/i18n/messages';
import type { ApplyResult, ChangeSet, Ledger, SnapshotRequest } from '../../addin/src/ledger/types';
import { writeWorkbookAtomically } from '../../addin/src/ledger/xlsx/files';
import { FastXlsxReader } from '../../addin/src/ledger/xlsx/fastRead';
import { writeReportSheet } from '../../addin/src/ledger/xlsx/xlsxLedger';
import { UsageError, flag, localeFlag, type Command } from './args';

/** The yearly complaint statistics (domain brief §4): `kefu stats`. */

/**
 * A ledger that reads from the ledger file (read-only, only the columns asked for) and writes the
 * change set's report sheets into a workbook of their own: the ledger itself is never rewritten.
 */
function readOnlyWithReportWorkbook(reader: Ledger, out: ExcelJS.Workbook): Ledger {
  return {
    locale: reader.locale,
    async read(request: SnapshotRequest) {
      // The report sheets go to the new workbook, where none exists yet.
      const snapshot = await reader.read({ ...request, sheets: undefined });
      return { ...snapshot, sheets: Object.fromEntries((request.sheets ?? []).map((name) => [name, false])) };
    },
    async apply(changes: ChangeSet): Promise<ApplyResult> {
      for (const sheet of changes.sheets ?? []) writeReportSheet(out, sheet);
      return { appended: [] };
    },
  };
}

export const statsCommand: Command = {
  words: ['stats'],
  help: `  kefu stats <ledger.xlsx> --year <YYYY> --out <stats.xlsx> [--json] [--site <name>] [--clerk <name>]
      Compile the year's complaint statistics (投诉统计表): headline figures (total and change on
      the previous year, substantiated, closed and on-time shares, handling time, return visits,
      satisfaction, reopenings, repeat complainants), month × category, department × category,
      channel × month, hot topics (Pareto), handling-time buckets, substantiated by category and
      return-visit results by department. Voided tickets are left out; a ticket belongs to the
      year it was received. Writes a workbook of its own (the ledger is only read); --json prints
      the same figures to standard output, each count with the ticket numbers behind it.`,
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = parsed.positional[1];
    const yearText = flag(parsed, 'year', true)!;
    const json = parsed.flags.has('json');
    const out = flag(parsed, 'out', !json);
    if (!file) throw new UsageError('kefu stats <ledger.xlsx> --year <YYYY> --out <stats.xlsx>');
    if (!isYear(yearText)) throw new UsageError('--year must be a year such as 2026');
    if (out && path.resolve(out) === path.resolve(file)) throw new UsageError('--out must be a new workbook: the ledger is only read');
    const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new KefuError([{ kind: 'fileNotFound', params: { file } }]);
      throw error;
    });
    const reader = await FastXlsxReader.fromBuffer(new Uint8Array(bytes));
    const workbook = new ExcelJS.Workbook();
    const clerk = flag(parsed, 'clerk') ?? process.env.USER ?? 'kefu';
    const outcome = await runOperation(
      readOnlyWithReportWorkbook(reader, workbook),
      complaintStatisticsOperation,
      { year: Number(yearText), sheet: out !== undefined },
      { clock: systemClock(), actor: { clerk, site: flag(parsed, 'site') } },
    );
    const stats = outcome.result.statistics;
    if (out) await writeWorkbookAtomically(out, new Uint8Array(await workbook.xlsx.writeBuffer()));
    if (json) {
      console.log(JSON.stringify(stats, null, 2));
      return;
    }
    console.log(
      message('statsWritten', locale, {
        year: stats.year,
        total: stats.headline.total.count,
        closed: stats.headline.closed.count,
        open: stats.handlingBuckets.open.count,
        file: out ?? '',
      }),
    );
  },
};
