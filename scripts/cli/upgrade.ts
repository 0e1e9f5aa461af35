import * as path from 'node:path';
import { message } from '../../addin/src/i18n/messages';
import { changedAnything } from '../../addin/src/upgrade/missing';
import { FLAG, argument, localeFlag, noMoreArguments, t, type Command } from './args';
import { changeLedger } from './ledgerAccess';

/** `kefu upgrade`: a ledger from an earlier template brought up to the current one, in place. */

export const upgradeCommand: Command = {
  words: ['upgrade'],
  usage: ['<ledger.xlsx> [--clerk <name>]'],
  help: t(
    '把用较早模板做的台账就地升级到当前模板：补上缺少的表、列、工作表、数据验证和初始行（承诺时限、工作日历、绩效规则默认值），为审计日志加上校验链，并在审计日志中记下这次升级。所有记录、用户自己加的列和工作表都保留；再运行一次不会有任何改动。',
    '把用較早範本做的臺賬就地升級到目前範本：補上缺少的表格、欄、工作表、資料驗證和初始列（承諾時限、工作日曆、績效規則預設值），為稽核日誌加上校驗鏈，並在稽核日誌中記下這次升級。所有記錄、使用者自己加的欄和工作表都保留；再執行一次不會有任何改動。',
    'Bring a ledger made from an earlier template up to the current one, in place: the tables, columns, sheets, validations and starting rows (promised times, the working-day calendar, the performance rules’ defaults) it lacks are added, the audit log gets its hash chain, and the audit log records the upgrade. Every record and every column and sheet a user added stay; running it again changes nothing.',
  ),
  flags: { clerk: FLAG.clerk, wait: FLAG.wait },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, '<ledger.xlsx>');
    noMoreArguments(parsed, 1);
    const { upgradeLedger } = await import('../../addin/src/upgrade/packageUpgrade'); // it builds the current template (exceljs)
    const summary = await changeLedger(parsed, file, ({ ledger, clock, clerk }) => upgradeLedger(ledger, { clock, clerk }), { anyVersion: true });
    const name = path.basename(file);
    if (!changedAnything(summary)) {
      console.log(message('upgradeNothing', locale, { path: name, version: summary.to }));
      return;
    }
    console.log(
      message('upgradeDone', locale, {
        path: name,
        from: summary.from,
        to: summary.to,
        tables: summary.tablesAdded.length,
        columns: summary.columnsAdded.length,
        rows: summary.rowsAdded,
        sealed: summary.auditRowsSealed,
      }),
    );
  },
};
