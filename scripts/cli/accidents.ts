import { systemClock } from '../../addin/src/core/clock';
import { KefuError } from '../../addin/src/core/problems';
import {
  accidentReportRequest,
  accidentReportsFrom,
  existingReport,
  parseReportPeriod,
  periodText,
  recordAccidentReport,
  reportExistsProblem,
  type ReportPeriod,
  type VendorAccidentReport,
} from '../../addin/src/domain/accidentReports';
import { runOperation } from '../../addin/src/domain/records';
import { REPORT_RECIPIENTS } from '../../addin/src/forms/accidents';
import { joinList, message } from '../../addin/src/i18n/messages';
import { checkOutputPath, writeOutputFile } from '../../addin/src/ledger/xlsx/files';
import { FLAG, UsageError, argument, clerkOf, flag, localeFlag, noMoreArguments, t, type Command } from './args';
import { changeLedger, readLedger } from './ledgerAccess';

/** The monthly and yearly accident reports (F28, P3-6.3): `kefu accidents`. */

function periodOf(month: string | undefined, year: string | undefined): ReportPeriod {
  if ((month === undefined) === (year === undefined)) throw new UsageError('usageOneOf', { flags: '--month <YYYY-MM>, --year <YYYY>' });
  const period = parseReportPeriod(month ?? year!);
  const expected = month !== undefined ? 'YYYY-MM (2026-03)' : 'YYYY (2026)';
  if (!period || (month !== undefined) !== (period.kind === 'monthly')) throw new UsageError('usageBadValue', { flag: month !== undefined ? '--month' : '--year', value: month ?? year!, expected });
  return period;
}

export const accidentsCommand: Command = {
  words: ['accidents'],
  usage: [
    '<ledger.xlsx> --month <YYYY-MM> --out <reports.xlsx> [--vendor <code>] [--record] [--clerk <name>]',
    '<ledger.xlsx> --year <YYYY> --out <reports.xlsx> [--vendor <code>] [--record] [--clerk <name>]',
  ],
  help: t(
    '编制外包单位的事故月报或年报：该期间发生的事故总数，按七项安全文明施工目标及其计入条件分别计数（依书面事故报告的“涉及目标”；不属于任何目标的事故计入总数但不计入目标），列出事故编号；无事故时出零报告。每个外包单位一个工作表，A4 纵向可直接打印，附三个报送对象（当地政府安全监督部门、上级主管部门、中心安检部门）的签收栏。不加 --vendor 时为作业人员名册和事故记录中的每个外包单位各出一份。--record 把报告登记到台账的事故月报年报表（编号 SGR-YYYY-NNN，报送对象为三方）；同一期间、同一外包单位不能重复登记。',
    '編製外包單位的事故月報或年報：該期間發生的事故總數，按七項安全文明施工目標及其計入條件分別計數（依書面事故報告的「涉及目標」；不屬於任何目標的事故計入總數但不計入目標），列出事故編號；無事故時出零報告。每個外包單位一個工作表，A4 縱向可直接列印，附三個報送對象（當地政府安全監督部門、上級主管部門、中心安檢部門）的簽收欄。不加 --vendor 時為作業人員名冊和事故記錄中的每個外包單位各出一份。--record 把報告登記到臺賬的事故月報年報表（編號 SGR-YYYY-NNN，報送對象為三方）；同一期間、同一外包單位不能重複登記。',
    'Compile the outsourcing units’ monthly or yearly accident reports: the accidents that occurred in the period, counted against the seven safety targets with their qualifiers (as each written report judged them; an accident outside every target is in the total but counted against none), with their numbers; a zero report when there were none. One sheet per outsourcing unit, A4 portrait, ready to print, with a line for each of the three recipients (local government safety supervision, the superior authority, the centre’s safety inspection department) to sign for it. Without --vendor, one report for every unit of the worker roster and the accidents. --record enters the reports in the ledger’s accident reports table (numbered SGR-YYYY-NNN, sent to all three); a period already reported for a unit is refused.',
  ),
  flags: {
    month: { value: '<YYYY-MM>', help: t('月报的月份。', '月報的月份。', 'The month (monthly report).') },
    year: { value: '<YYYY>', help: t('年报的年份。', '年報的年份。', 'The year (yearly report).') },
    out: { value: '<reports.xlsx>', help: t('要写入的报告工作簿（不能是台账）。', '要寫入的報告活頁簿（不能是臺賬）。', 'The report workbook to write (never a ledger).') },
    vendor: { value: '<code>', text: true, help: t('只编制此外包单位的报告。', '只編製此外包單位的報告。', 'Only this outsourcing unit’s report.') },
    record: { help: t('把报告登记到台账（事故月报年报）。', '把報告登記到臺賬（事故月報年報）。', 'Enter the reports in the ledger (accident reports table).') },
    force: FLAG.force,
    clerk: FLAG.clerk,
    wait: FLAG.wait,
  },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, '<ledger.xlsx>');
    noMoreArguments(parsed, 1);
    const period = periodOf(flag(parsed, 'month'), flag(parsed, 'year'));
    const out = flag(parsed, 'out', true)!;
    const vendor = flag(parsed, 'vendor')?.trim() || undefined;
    const clerk = clerkOf(parsed);
    await checkOutputPath(out, { inputs: [file], force: parsed.flags.has('force'), flag: '--out' });
    let reports: VendorAccidentReport[];
    const numbers: Record<string, string> = {};
    let workbookLocale = locale;
    if (parsed.flags.has('record')) {
      reports = await changeLedger(parsed, file, async ({ ledger, clock }) => {
        workbookLocale = ledger.locale;
        const snapshot = await ledger.read(accidentReportRequest());
        const vendors = accidentReportsFrom(snapshot, period, vendor).map((r) => r.vendor);
        // Every unit's report is refused before any is entered: the ledger gets all of them or none.
        const sent = vendors.flatMap((code) => {
          const row = existingReport(snapshot, period, code);
          return row ? [reportExistsProblem(row, period, code)] : [];
        });
        if (sent.length > 0) throw new KefuError(sent);
        const recorded: VendorAccidentReport[] = [];
        for (const code of vendors) {
          const { result } = await runOperation(ledger, recordAccidentReport, { period, vendor: code }, { clock, actor: { clerk } });
          numbers[code] = result.number;
          recorded.push(result.report);
        }
        return recorded;
      });
    } else {
      const ledger = await readLedger(file);
      workbookLocale = ledger.locale;
      reports = accidentReportsFrom(await ledger.read(accidentReportRequest()), period, vendor);
    }
    // The reports are printed in the workbook's language, like its sheets.
    const { buildAccidentReportWorkbook } = await import('../../addin/src/workbooks/accidentReportWorkbook');
    const today = systemClock().now().slice(0, 10);
    const workbook = buildAccidentReportWorkbook(reports, { locale: workbookLocale, preparedBy: clerk, date: today, numbers });
    await writeOutputFile(out, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const zero = reports.filter((r) => r.zero).map((r) => r.vendor);
    console.log(
      message('accidentReportsWritten', locale, {
        period: periodText(period),
        file: out,
        reports: reports.length,
        accidents: reports.reduce((sum, r) => sum + r.total, 0),
        zero: zero.length > 0 ? message('accidentReportsZero', locale, { vendors: joinList(zero, locale) }) : '',
      }),
    );
    if (Object.keys(numbers).length > 0) {
      console.log(
        message('accidentReportsRecorded', locale, {
          numbers: joinList(Object.values(numbers), locale),
          recipients: joinList(
            REPORT_RECIPIENTS.map((r) => r.label[locale]),
            locale,
          ),
        }),
      );
    }
  },
};
