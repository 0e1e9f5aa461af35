import { systemClock } from '../../addin/src/core/clock';
import { runOperation } from '../../addin/src/domain/records';
import { complaintStatisticsOperation, detailRow, isYear, statisticsDetailSheet } from '../../addin/src/domain/statisticsSheet';
import { message } from '../../addin/src/i18n/messages';
import { checkReportSheet } from '../../addin/src/ledger/report';
import type { ApplyResult, ChangeSet, Ledger, ReportCell, ReportSheet, SnapshotRequest } from '../../addin/src/ledger/types';
import { aboutFile, checkOutputPath, writeOutputThrough } from '../../addin/src/ledger/xlsx/files';
import { FastXlsxReader } from '../../addin/src/ledger/xlsx/fastRead';
import { FLAG, UsageError, argument, clerkOf, flag, localeFlag, noMoreArguments, t, type Command } from './args';
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
  // exceljs is loaded only here, when a workbook is written (not for --json).
  const { default: Excel } = await import('exceljs');
  const { finishReportSheet, reportViews, startReportSheet, writeReportRows } = await import('../../addin/src/ledger/xlsx/xlsxLedger');
  await writeOutputThrough(file, async (temp) => {
    const writer = new Excel.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: false });
    for (const { report, more } of reports) {
      const sheet = writer.addWorksheet(report.name, { views: reportViews(report) });
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
  usage: ['<ledger.xlsx> --year <YYYY> --out <stats.xlsx> [--json] [--site <name>] [--clerk <name>]', '<ledger.xlsx> --year <YYYY> --json'],
  help: t(
    '编制该年的投诉统计表：总体数字（总数及同比、属实、办结和按时办结比例、处理时长、回访、满意度、重新打开、重复投诉人）、月份×类别、部门×类别、渠道×月份、热点问题（帕累托）、处理时长分段、按类别的属实情况、按部门的回访结果，以及第 8 步的分析和整改措施（整改措施表；未完成的结转下年）。作废的处理单不计；处理单归入受理的年份。写出一个独立的工作簿（台账只读取，流式：年度再大内存也平稳），含统计表（计数列带数据条；Excel 图表由加载项绘制）和列出每个数字背后处理单的明细表，可筛选。终端上显示进度条。--json 把同样的数字打印到标准输出，每个计数附其背后的处理单编号。',
    '編製該年的投訴統計表：總體數字（總數及同比、屬實、辦結和按時辦結比例、處理時長、回訪、滿意度、重新開啟、重複投訴人）、月份×類別、部門×類別、管道×月份、熱點問題（柏拉圖）、處理時長分段、按類別的屬實情況、按部門的回訪結果，以及第 8 步的分析和整改措施（整改措施表；未完成的結轉下年）。作廢的處理單不計；處理單歸入受理的年份。寫出一個獨立的活頁簿（臺賬只讀取，串流：年度再大記憶體也平穩），含統計表（計數欄帶資料橫條；Excel 圖表由增益集繪製）和列出每個數字背後處理單的明細表，可篩選。終端機上顯示進度列。--json 把同樣的數字列印到標準輸出，每個計數附其背後的處理單編號。',
    'Compile the year’s complaint statistics sheet: headline figures (total and change on the previous year, substantiated, closed and on-time shares, handling time, return visits, satisfaction, reopenings, repeat complainants), month × category, department × category, channel × month, hot topics (Pareto), handling-time buckets, substantiated by category and return-visit results by department, and the analysis and measures of step 8 (the Measures table; open ones carried forward until closed). Voided tickets are left out; a ticket belongs to the year it was received. Writes a workbook of its own (the ledger is only read, streamed: memory stays flat as the year grows) with the statistics sheet (data bars in the count columns; Excel’s charts come from the add-in) and a sheet listing the tickets behind every figure, to filter. A progress bar shows on a terminal. --json prints the same figures to standard output, each count with the ticket numbers behind it.',
  ),
  flags: {
    year: { value: '<YYYY>', help: t('统计的年份。', '統計的年份。', 'The year.') },
    out: { value: '<stats.xlsx>', help: t('要写入的统计工作簿（不能是台账）。', '要寫入的統計活頁簿（不能是臺賬）。', 'The statistics workbook to write (never a ledger).') },
    json: FLAG.jsonOutput,
    site: { text: true, value: '<name>', help: t('表头上的项目名称。', '表頭上的專案名稱。', 'The site named in the header.') },
    force: FLAG.force,
    clerk: FLAG.clerk,
  },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, '<ledger.xlsx>');
    noMoreArguments(parsed, 1);
    const yearText = flag(parsed, 'year', true)!;
    const json = parsed.flags.has('json');
    const out = flag(parsed, 'out', !json);
    if (!isYear(yearText)) throw new UsageError('usageBadValue', { flag: '--year', value: yearText, expected: 'YYYY (2026)' });
    if (out) await checkOutputPath(out, { inputs: [file], force: parsed.flags.has('force'), flag: '--out' });
    // Streamed: only the columns the figures need are kept, never the workbook whole.
    const progress = progressBar('readingLedger', locale);
    const reader = await aboutFile(file, () => FastXlsxReader.fromFile(file, { onProgress: (done, total) => progress.update(done, total) }));
    const reports: ReportSheet[] = [];
    const clerk = clerkOf(parsed);
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
        overdue: stats.headline.onTime.overdueOpen.count,
        file: out ?? '',
      }),
    );
  },
};
