import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LOCALES } from '../../addin/src/i18n/locale';
import { systemClock } from '../../addin/src/core/clock';
import { dataDictionary, TYPE_NOTES } from '../../addin/src/forms/dictionary';
import { message } from '../../addin/src/i18n/messages';
import { aboutFile, checkOutputPath, writeOutputFile } from '../../addin/src/ledger/xlsx/files';
import { FLAG, UsageError, flag, localeFlag, noMoreArguments, station, t, type Command, type FlagSpec } from './args';

/** Commands that make whole workbooks or describe them: template, templates, dictionary, demo. */

const out: FlagSpec = {
  value: '<file.xlsx>',
  help: t(
    '要写入的新工作簿。已有文件不会被覆盖，除非加 --force。',
    '要寫入的新活頁簿。既有檔案不會被覆蓋，除非加 --force。',
    'The new workbook to write. An existing file is not replaced unless --force.',
  ),
};
const site: FlagSpec = { text: true, value: '<name>', help: t('项目（站点）名称，写入设置。', '專案（站點）名稱，寫入設定。', 'The site’s name, kept in the settings.') };

export const template: Command = {
  words: ['template'],
  usage: ['--out <file.xlsx> [--locale <zh-CN|zh-TW|en-US>] [--site <name>] [--force]'],
  help: t(
    '写一个空台账工作簿：每张纸质表单一个工作表和 Excel 表，审计日志、数据字典和隐藏的编号工作表。',
    '寫一個空臺賬活頁簿：每張紙本表單一個工作表和 Excel 表格，稽核日誌、資料字典和隱藏的編號工作表。',
    'Write an empty ledger workbook: one sheet and table per paper form, the audit log, the data dictionary and the hidden numbering sheet.',
  ),
  flags: { out, site, force: FLAG.force },
  async run(parsed) {
    noMoreArguments(parsed, 0);
    const locale = localeFlag(parsed);
    const file = flag(parsed, 'out', true)!;
    await checkOutputPath(file, { inputs: [], force: parsed.flags.has('force'), flag: '--out', overwrite: false });
    const { buildTemplateBuffer } = await import('../../addin/src/workbooks/template');
    const bytes = await buildTemplateBuffer({ locale, createdAt: systemClock().now(), site: flag(parsed, 'site') });
    await writeOutputFile(file, bytes);
    console.log(file);
  },
};

export const templates: Command = {
  words: ['templates'],
  usage: ['--out <dir> [--force]'],
  help: t(
    '把每种语言的台账模板写入 <dir>（kefu-ledger.<locale>.xlsx）。已有文件需加 --force 才覆盖。',
    '把每種語言的臺賬範本寫入 <dir>（kefu-ledger.<locale>.xlsx）。既有檔案需加 --force 才覆蓋。',
    'Write the ledger template of every locale into <dir> (kefu-ledger.<locale>.xlsx). Existing files are replaced only with --force.',
  ),
  flags: { out: { value: '<dir>', help: t('写入模板的文件夹。', '寫入範本的資料夾。', 'The folder to write the templates into.') }, force: FLAG.force },
  async run(parsed) {
    noMoreArguments(parsed, 0);
    const dir = flag(parsed, 'out', true)!;
    await aboutFile(dir, () => fs.mkdir(dir, { recursive: true }));
    const { buildTemplateBuffer } = await import('../../addin/src/workbooks/template');
    for (const locale of LOCALES) {
      const file = path.join(dir, `kefu-ledger.${locale}.xlsx`);
      await checkOutputPath(file, { inputs: [], force: parsed.flags.has('force'), flag: '--out', overwrite: false });
      // A fixed creation time keeps the committed templates' content reproducible.
      await writeOutputFile(file, await buildTemplateBuffer({ locale, createdAt: '2026-01-01 00:00:00' }));
      console.log(file);
    }
  },
};

export const dictionary: Command = {
  words: ['dictionary'],
  usage: ['[--json] [--locale <locale>]'],
  help: t('打印数据字典：每个表和列的名称、类型和取值。', '列印資料字典：每個表格和欄位的名稱、類型和取值。', 'Print the data dictionary: every table and column with its labels, type and codes.'),
  flags: { json: FLAG.jsonOutput },
  run(parsed) {
    noMoreArguments(parsed, 0);
    const locale = localeFlag(parsed);
    const entries = dataDictionary();
    if (parsed.flags.has('json')) {
      console.log(JSON.stringify(entries, null, 2));
      return;
    }
    let table = '';
    for (const e of entries) {
      if (e.table !== table) {
        table = e.table;
        console.log(`\n${e.table}  (${e.form} ${e.formTitle[locale]})`);
      }
      const values = e.values.length ? `  [${e.values.map((v) => `${v.code}=${v.labels[locale]}`).join(', ')}]` : '';
      const required = e.required === 'no' ? '' : `  ${message('dictionaryRequired', locale)}: ${e.required}`;
      console.log(`  ${e.column.padEnd(28)} ${e.labels[locale]} — ${TYPE_NOTES[e.type]?.[locale] ?? e.type}${required}${values}`);
    }
  },
};

export const demo: Command = {
  words: ['demo'],
  usage: ['--year <YYYY> --out <file.xlsx> [--locale <locale>] [--complaints <n>] [--force]'],
  help: t(
    '用真实的操作做出一年的演示台账：六类接待（n 件投诉，默认 120 件，其他按比例），每件投诉、报修、咨询、问题反映和其他事项都走完流程，每月汇总建议，以及年度统计之后的整改措施（含一条上年结转）。一切都在工作日的上班时间发生，直到今天（往年则到年底）：之后的事项仍未办结。人员、内容和医院名称都用该语言自己的说法。还经真实导入写入三支外包队伍一年的绩效数据（采集记录、轮换和批量装表工单、投诉工单）。',
    '用真實的操作做出一年的示範臺賬：六類接待（n 件投訴，預設 120 件，其他按比例），每件投訴、報修、諮詢、問題反映和其他事項都走完流程，每月彙總建議，以及年度統計之後的整改措施（含一條上年結轉）。一切都在工作日的上班時間發生，直到今天（往年則到年底）：之後的事項仍未辦結。人員、內容和醫院名稱都用該語言自己的說法。還經真實匯入寫入三支外包隊伍一年的績效資料（採集記錄、輪換和批次裝表工單、投訴工單）。',
    'Build a realistic year of desk activity by running the real operations: receptions of all six categories (n complaints, default 120, the other kinds in proportion), each complaint, repair order, inquiry, issue report and "other" matter taken through its steps, monthly compilations of suggestions, the manager’s measures after the year’s statistics (one carried from the year before). Everything happens in office hours on working days, up to today (or to the year’s end, for a past year): what would come later is still open. People, contents and the hospital are written in the locale’s own words. Also imports the year’s performance inputs for three outsourced teams (collector records, rotation and batch-install work orders, complaint orders) through the real import.',
  ),
  flags: {
    year: { value: '<YYYY>', help: t('演示的年份（不晚于今年）。', '示範的年份（不晚於今年）。', 'The year of the demo (not after this one).') },
    out,
    complaints: { value: '<n>', help: t('投诉件数（默认 120）。', '投訴件數（預設 120）。', 'How many complaints (default 120).') },
    force: FLAG.force,
  },
  async run(parsed) {
    noMoreArguments(parsed, 0);
    const locale = localeFlag(parsed);
    const yearText = flag(parsed, 'year', true)!;
    const year = Number(yearText);
    const clock = systemClock();
    const thisYear = Number(clock.now().slice(0, 4));
    // The demo shows what has happened: not a year still to come.
    if (!Number.isInteger(year) || year < 2000 || year > thisYear) throw new UsageError('usageBadValue', { flag: '--year', value: yearText, expected: `YYYY ≤ ${thisYear}` });
    const file = flag(parsed, 'out', true)!;
    const countText = flag(parsed, 'complaints');
    const count = countText === undefined ? undefined : Number(countText);
    if (count !== undefined && (!Number.isInteger(count) || count < 0)) throw new UsageError('usageBadValue', { flag: '--complaints', value: countText!, expected: 'n ≥ 0' });
    await checkOutputPath(file, { inputs: [], force: parsed.flags.has('force'), flag: '--out', overwrite: false });
    const { buildDemoWorkbook } = await import('../../addin/src/workbooks/demoLedger');
    const { bytes, desk, performance: perf, scenic } = await buildDemoWorkbook({ locale, year, clock, complaints: count, station: station('demo') });
    await writeOutputFile(file, bytes);
    console.log(message('demoWritten', locale, { file, receptions: desk.receptions, complaints: desk.complaints, repairs: desk.repairs, actions: desk.actions, today: desk.today }));
    console.log(
      message('demoPerformanceWritten', locale, {
        file,
        workers: perf.workers,
        records: perf.collectorRecords,
        rotations: perf.rotationOrders,
        installs: perf.batchInstalls,
        orders: perf.complaintOrders,
      }),
    );
    if (scenic)
      console.log(
        message('demoScenicWritten', locale, {
          file,
          first: scenic.days[0],
          last: scenic.days[scenic.days.length - 1],
          loans: scenic.loans,
          broadcasts: scenic.broadcasts,
          reservations: scenic.reservations,
          entries: scenic.freeEntries,
        }),
      );
  },
};
