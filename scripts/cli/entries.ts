import { KefuError } from '../../addin/src/core/problems';
import { isValidLocalDate } from '../../addin/src/ledger/cells';
import { RECONCILE_REQUEST, notReconciled, reconcileDay } from '../../addin/src/domain/visitors/freeEntry';
import { message } from '../../addin/src/i18n/messages';
import { FLAG, UsageError, argument, flag, localeFlag, noMoreArguments, t, type Command } from './args';
import { checkTemplateVersion, readLedger } from './ledgerAccess';

/** Free entry (W7, issue 13): a day's free passes reconciled with the gates' counts. */

const LEDGER = '<ledger.xlsx>';

export const entryReconcileCommand: Command = {
  words: ['entry', 'reconcile'],
  usage: [`${LEDGER} --day <YYYY-MM-DD> [--json]`],
  help: t(
    '核对一天的免票放行：每个检票口登记的免票人数（免票放行记录的人数之和，不含作废）与检票口统计的免票人数（kefu gate-count add）。每个检票口一行；有不一致或缺少统计时，列出检票口和两个数字，并以状态 1 退出。--json 以 JSON 输出各检票口的数字。',
    '核對一天的免票放行：每個檢票口登記的免票人數（免票放行記錄的人數之和，不含作廢）與檢票口統計的免票人數（kefu gate-count add）。每個檢票口一列；有不一致或缺少統計時，列出檢票口和兩個數字，並以狀態 1 結束。--json 以 JSON 輸出各檢票口的數字。',
    "Reconcile a day's free entry: at each gate, the free passes logged (the headcounts of the day's free-pass records, void ones left out) against the gate's own count (kefu gate-count add). One line per gate; a gate that differs or has no count is named with both figures, and the command exits with status 1. --json prints each gate's figures as JSON.",
  ),
  flags: {
    day: { value: '<YYYY-MM-DD>', help: t('要核对的日期。', '要核對的日期。', 'The day to reconcile.') },
    json: FLAG.jsonOutput,
  },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, LEDGER);
    noMoreArguments(parsed, 1);
    const day = flag(parsed, 'day', true)!;
    if (!isValidLocalDate(day)) throw new UsageError('usageBadValue', { flag: '--day', value: day, expected: 'YYYY-MM-DD (2026-05-01)' });
    const ledger = await readLedger(file);
    await checkTemplateVersion(ledger, file);
    const lines = reconcileDay(await ledger.read(RECONCILE_REQUEST), day);
    const differ = lines.filter((line) => !line.matches);
    if (parsed.flags.has('json')) console.log(JSON.stringify({ day, gates: lines.map(({ row: _row, ...line }) => line) }, null, 2));
    else if (lines.length === 0) console.log(message('entryReconcileNone', locale, { day }));
    else {
      for (const line of lines) {
        const verdict = message(line.matches ? 'entryReconcileMatch' : 'entryReconcileDiffer', locale);
        console.log(message('entryReconcileLine', locale, { gate: line.gate, logged: line.logged, counted: line.counted ?? '—', verdict }));
      }
      if (differ.length === 0) console.log(message('entryReconciled', locale, { day, gates: lines.length, total: lines.reduce((sum, line) => sum + line.logged, 0) }));
    }
    if (differ.length > 0) throw new KefuError(differ.map((line) => notReconciled(day, line)));
  },
};
