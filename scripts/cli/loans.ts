import { loanDayRequest, loanDaySummary } from '../../addin/src/domain/visitors/loanSummary';
import { yuan } from '../../addin/src/domain/visitors/loanGuards';
import { message } from '../../addin/src/i18n/messages';
import { KefuError } from '../../addin/src/core/problems';
import { loans } from '../../addin/src/forms/visitors';
import { UsageError, argument, flag, localeFlag, noMoreArguments, t, type Command } from './args';
import { readLedger } from './ledgerAccess';

/** The day's wheelchair and stroller loans (issue 13 item 1): `kefu loans <ledger> --day YYYY-MM-DD [--json]`. */

function dayOf(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) throw new UsageError('usageBadValue', { flag: '--day', value, expected: 'YYYY-MM-DD (2026-05-01)' });
  return value;
}

export const loansCommand: Command = {
  words: ['loans'],
  usage: ['<ledger.xlsx> --day <YYYY-MM-DD> [--json]'],
  help: t(
    '轮椅/婴儿车借用日报：当天借出（按轮椅、婴儿车）、归还、其中损坏、遗失、归还截止时间（车辆借用规则）时仍未归还的车辆数；押金期初持有、收取、退还、抵扣赔偿、期末持有，精确到分并核对平衡（期初 + 收取 = 退还 + 抵扣 + 期末），不平衡时说明差额并以状态 1 退出；另列租金和另行赔偿。--json 以分为单位打印同样的数字及每项背后的借用编号。台账只读取。',
    '輪椅/嬰兒車借用日報：當天借出（按輪椅、嬰兒車）、歸還、其中損壞、遺失、歸還截止時間（車輛借用規則）時仍未歸還的車輛數；押金期初持有、收取、退還、抵扣賠償、期末持有，精確到分並核對平衡（期初 + 收取 = 退還 + 抵扣 + 期末），不平衡時說明差額並以狀態 1 結束；另列租金和另行賠償。--json 以分為單位列印同樣的數字及每項背後的借用編號。臺賬只讀取。',
    'The day’s wheelchair and stroller loans: vehicles lent (wheelchairs, strollers), returned, of which damaged, lost, and still out at the closing time of the special-visitor rules; deposits held before, taken, refunded, kept as compensation and held after, to the fen and balanced (held before + taken = refunded + kept + held after): a day that does not balance is said with the difference and exits with status 1; rental fees and compensation paid separately besides. --json prints the same figures in fen with the loan numbers behind each. The ledger is only read.',
  ),
  flags: {
    day: { value: '<YYYY-MM-DD>', help: t('日报的日期。', '日報的日期。', 'The day.') },
    json: { help: t('以 JSON 打印（金额以分为单位）。', '以 JSON 列印（金額以分為單位）。', 'Print JSON (amounts in fen).') },
  },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, '<ledger.xlsx>');
    noMoreArguments(parsed, 1);
    const day = dayOf(flag(parsed, 'day', true)!);
    const ledger = await readLedger(file);
    const summary = loanDaySummary(await ledger.read(loanDayRequest()), day);
    const d = summary.deposits;
    if (parsed.flags.has('json')) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(message('loansDayTitle', locale, { day, closing: summary.closingTime }));
      console.log(
        message('loansDayVehicles', locale, {
          lent: summary.lent,
          wheelchairs: summary.wheelchairs,
          strollers: summary.strollers,
          returned: summary.returned,
          damaged: summary.damaged,
          lost: summary.lost,
          out: summary.outAtClosing,
        }),
      );
      console.log(
        message('loansDayDeposits', locale, {
          before: yuan(d.heldBefore),
          taken: yuan(d.taken),
          refunded: yuan(d.refunded),
          kept: yuan(d.kept),
          after: yuan(d.heldAfter),
          fees: yuan(summary.rentalFees),
          paid: yuan(summary.compensationPaid),
        }),
      );
    }
    // Printed first, then refused: the figures show where the difference is.
    if (!d.balanced) throw new KefuError([{ kind: 'loansDayUnbalanced', form: loans.key, params: { difference: yuan(d.difference) } }]);
  },
};
