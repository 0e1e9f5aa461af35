import { systemClock } from '../../addin/src/core/clock';
import { isYear } from '../../addin/src/domain/statisticsSheet';
import { visitorSummary, visitorSummaryRequest } from '../../addin/src/domain/visitors/visitorSummary';
import { message } from '../../addin/src/i18n/messages';
import { checkOutputPath, writeOutputFile } from '../../addin/src/ledger/xlsx/files';
import { FLAG, UsageError, argument, clerkOf, flag, localeFlag, noMoreArguments, t, type Command } from './args';
import { checkTemplateVersion, readLedger } from './ledgerAccess';

/** The yearly special-visitor summary for the site's manager (issue 13 item 6): `kefu visitors`. */

export const visitorsCommand: Command = {
  words: ['visitors'],
  usage: ['<ledger.xlsx> --year <YYYY> --out <summary.xlsx> [--json] [--clerk <name>]', '<ledger.xlsx> --year <YYYY> --json'],
  help: t(
    '编制该年的特殊游客服务汇总，供景区经理使用。先是总体数字，然后每项程序一块：轮椅/婴儿车按月份和类型的借用与租用、归还损坏率、遗失车辆、押金和租金（精确到分，收取 = 退还 + 抵扣 + 未结清）；广播寻人按结果统计、从求助到找到的时间中位数、每次寻人的广播遍数；收到和接待的预约、接待人数、未按时签收或就绪的部门；免票放行按类别和月份的人数、购票入园；代邮件数和邮费；无障碍设施检查的缺陷及整改。作废的记录不计；每条记录归入其自身日期的年份，状态按次年 1 月 1 日 0 时（当年未结束时按现在）计。写出一个独立的工作簿（台账只读取），A4 纵向可直接打印。--json 把同样的数字打印到标准输出（金额以分计）。',
    '編製該年的特殊遊客服務彙總，供景區經理使用。先是總體數字，然後每項程序一塊：輪椅/嬰兒車按月份和類型的借用與租用、歸還損壞率、遺失車輛、押金和租金（精確到分，收取 = 退還 + 抵扣 + 未結清）；廣播尋人按結果統計、從求助到找到的時間中位數、每次尋人的廣播遍數；收到和接待的預約、接待人數、未按時簽收或就緒的部門；免票放行按類別和月份的人數、購票入園；代郵件數和郵費；無障礙設施檢查的缺陷及整改。作廢的記錄不計；每筆記錄歸入其自身日期的年份，狀態按次年 1 月 1 日 0 時（當年未結束時按現在）計。寫出一個獨立的活頁簿（臺賬只讀取），A4 縱向可直接列印。--json 把同樣的數字列印到標準輸出（金額以分計）。',
    'Compile the year’s special-visitor summary for the site’s manager. Headline figures, then a block per procedure: wheelchair and stroller loans and rentals by month and type, the damage rate of returns, vehicles lost, deposits and fees to the fen (received = refunded + kept + still held); missing-person broadcasts by outcome, the median time from request to found, readings per request; reservations received and served, visitors served, departments late to acknowledge or be ready; free passes by category and month (visitors), normal tickets; postal items and postage; accessibility checks, defects open and rectified. Voided records are left out; a record belongs to the year of its own date, and what became of it is taken as on 1 January 00:00 of the next year (now, for a year not over). Writes a workbook of its own (the ledger is only read), A4 portrait, ready to print. --json prints the same figures to standard output (money in fen).',
  ),
  flags: {
    year: { value: '<YYYY>', help: t('汇总的年份。', '彙總的年份。', 'The year.') },
    out: { value: '<summary.xlsx>', help: t('要写入的汇总工作簿（不能是台账）。', '要寫入的彙總活頁簿（不能是臺賬）。', 'The summary workbook to write (never a ledger).') },
    json: FLAG.jsonOutput,
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
    const ledger = await readLedger(file);
    await checkTemplateVersion(ledger, file);
    const now = systemClock().now();
    const summary = visitorSummary(await ledger.read(visitorSummaryRequest()), Number(yearText), now);
    if (out) {
      // Printed in the workbook's language, like its sheets; exceljs is loaded only to write it.
      const { buildVisitorSummaryWorkbook } = await import('../../addin/src/workbooks/visitorSummaryWorkbook');
      const workbook = buildVisitorSummaryWorkbook(summary, { locale: ledger.locale, preparedBy: clerkOf(parsed), date: now.slice(0, 10) });
      await writeOutputFile(out, new Uint8Array(await workbook.xlsx.writeBuffer()));
    }
    if (json) {
      console.log(JSON.stringify(summary, null, 2));
      return;
    }
    console.log(
      message('visitorSummaryWritten', locale, {
        year: summary.year,
        file: out ?? '',
        loans: summary.loans.total,
        broadcasts: summary.broadcasts.total,
        served: summary.reservations.served,
        free: summary.freeEntries.freeHeadcount,
      }),
    );
  },
};
