import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { systemClock } from '../../addin/src/domain/clock';
import { KefuError } from '../../addin/src/domain/problems';
import { runOperation } from '../../addin/src/domain/records';
import { complaintStatisticsOperation, detailRow, isYear, statisticsDetailSheet } from '../../addin/src/domain/statisticsSheet';
import { message } from '../../addin/src/i18n/messages';
import { checkReportSheet } from '../../addin/src/ledger/report';
import type { ApplyResult, ChangeSet, Ledger, ReportCell, ReportSheet, SnapshotRequest } from '../../addin/src/ledger/types';
import { replaceFileAtomically } from '../../addin/src/ledger/xlsx/files';
import { FastXlsxReader } from '../../addin/src/ledger/xlsx/fastRead';
import { finishReportSheet, reportViews, startReportSheet, writeReportRows } from '../../addin/src/ledger/xlsx/xlsxLedger';
import { UsageError, flag, localeFlag, type Command } from './args';
import { collectGarbage } from './memory';
import { progressBar } from './progress';

/** The yearly complaint statistics (domain brief §4): `kefu stats`. */

/**
 * A ledger that reads from the ledger file (read-only, only the columns asked for) and keeps the
 * change set's report sheets for a workbook of their own: the ledger itself is never rewritten.
 */
function readOnlyKeepingReports(reader: Ledger, reports: ReportSheet[]): Ledger {
  return {
    locale: reader.locale,
    async read(request: SnapshotRequest) {
      // The report sheets go to the new workbook, where none exists yet.
      const snapshot = await reader.read({ ...request, sheets: undefined });
      collectGarbage(); // what the parser made on the way
      return { ...snapshot, sheets: Object.fromEntries((request.sheets ?? []).map((name) => [name, false])) };
    },
    async apply(changes: ChangeSet): Promise<ApplyResult> {
      for (const sheet of changes.sheets ?? []) checkReportSheet(sheet);
      reports.push(...(changes.sheets ?? []));
      return { appended: [] };
    },
  };
}

const ROWS_PER_PART = 2000;

/** A report sheet to write, and, for long ones, rows made part by part as they are written. */
interface ReportToWrite {
  readonly report: ReportSheet;
  /** Rows after the report's own, `count` of them, made `from`–`to` at a time. */
  readonly more?: { readonly count: number; rows(from: number, to: number): readonly (readonly ReportCell[])[] };
}

/** Writes report sheets as a new workbook through exceljs' streaming writer: rows go to disk as written. */
async function writeReportWorkbook(file: string, reports: readonly ReportToWrite[]): Promise<void> {
  await replaceFileAtomically(file, async (temp) => {
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: false });
    for (const { report, more } of reports) {
      const sheet = writer.addWorksheet(report.name, { views: reportViews(report) }) as unknown as ExcelJS.Worksheet;
      startReportSheet(sheet, report);
      writeReportRows(sheet, report, report.rows, 0);
      const count = more?.count ?? 0;
      // In parts, giving the writer's zip stream the time to take each part to disk.
      for (let from = 0; from < count; from += ROWS_PER_PART) {
        const to = Math.min(count, from + ROWS_PER_PART);
        writeReportRows(sheet, report, more!.rows(from, to), report.rows.length + from);
        await new Promise((resolve) => setImmediate(resolve));
        // The writer keeps what the zip stream has not taken yet: let it go every 20,000 rows.
        if ((from / ROWS_PER_PART) % 10 === 9) collectGarbage();
      }
      finishReportSheet(sheet, report, report.rows.length + count);
      await (sheet as unknown as { commit(): Promise<void> }).commit();
    }
    await writer.commit();
  });
}

export const statsCommand: Command = {
  words: ['stats'],
  help: `  kefu stats <ledger.xlsx> --year <YYYY> --out <stats.xlsx> [--json] [--site <name>] [--clerk <name>]
      Compile the year's complaint statistics (投诉统计表): headline figures (total and change on
      the previous year, substantiated, closed and on-time shares, handling time, return visits,
      satisfaction, reopenings, repeat complainants), month × category, department × category,
      channel × month, hot topics (Pareto), handling-time buckets, substantiated by category and
      return-visit results by department, and the analysis and measures of step 8 (the
      Measures table; open ones carried forward until closed). Voided tickets are left out; a
      ticket belongs to the year it was received. Writes a workbook of its own (the ledger is
      only read, streamed: memory stays flat as the year grows) with the statistics sheet (data
      bars in the count columns; Excel's charts come from the add-in) and a sheet listing the
      tickets behind every figure, to filter. A progress bar shows on a terminal. --json prints
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
    // Streamed: only the columns the figures need are kept, never the workbook whole.
    const progress = progressBar('readingLedger', locale);
    const reader = await FastXlsxReader.fromFile(file, { onProgress: (done, total) => progress.update(done, total) });
    const reports: ReportSheet[] = [];
    const clerk = flag(parsed, 'clerk') ?? process.env.USER ?? 'kefu';
    const outcome = await runOperation(
      readOnlyKeepingReports(reader, reports),
      complaintStatisticsOperation,
      { year: Number(yearText), sheet: out !== undefined, details: false },
      { clock: systemClock(), actor: { clerk, site: flag(parsed, 'site') } },
    ).finally(() => progress.done());
    const stats = outcome.result.statistics;
    collectGarbage(); // the rows read: only the figures and the tickets' keys are kept
    if (out) {
      // The tickets behind the figures: the detail sheet's rows are made as they are written.
      const tickets = outcome.result.tickets;
      const row = detailRow(reader.locale);
      await writeReportWorkbook(out, [
        ...reports.map((report) => ({ report })),
        { report: statisticsDetailSheet(stats.year, [], reader.locale), more: { count: tickets.length, rows: (from, to) => tickets.slice(from, to).map(row) } },
      ]);
    }
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
