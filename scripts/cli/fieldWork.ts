import { KefuError } from '../../addin/src/core/problems';
import { lookup } from '../../addin/src/domain/deskSteps';
import { orderMeters, sampleRequest, verifySamples, type OrderKind } from '../../addin/src/domain/fieldWork/fieldChecks';
import { CLASS3_MIN_BP, SAMPLE_RULE, ROTATION_RATE_BP, drawBatchSample, drawRotationSample, joinMeters } from '../../addin/src/domain/fieldWork/sampling';
import { batchInstalls, rotationOrders } from '../../addin/src/forms/performance';
import { message } from '../../addin/src/i18n/messages';
import { UsageError, argument, flag, localeFlag, noMoreArguments, t, type Command } from './args';
import { readLedger } from './ledgerAccess';

/** Field-work commands (issue 12): the reproducible sample of a work order's field check. */

const LEDGER = '<ledger.xlsx>';

export const sampleCommand: Command = {
  words: ['sample'],
  usage: [`${LEDGER} <order-no> [--seed <text>] [--class3-rate <20-100>]`],
  help: t(
    '打印工单（轮换或批量装表）每次抽查或排查记录的样本，并用记录的种子和抽样规则版本在该工单的表计清单（装接单的新装表局号）上重新抽取，说明是否一致；不一致时列出不同的表号并以状态 1 退出。--seed 只按给定种子抽样并打印，不写入台账（批量装表可加 --class3-rate，默认 20）。',
    '列印工單（輪換或批量裝表）每次抽查或排查記錄的樣本，並用記錄的種子和抽樣規則版本在該工單的表計清單（裝接單的新裝表局號）上重新抽取，說明是否一致；不一致時列出不同的表號並以狀態 1 結束。--seed 只按給定種子抽樣並列印，不寫入臺賬（批量裝表可加 --class3-rate，預設 20）。',
    "Print the sample of each spot check or investigation of a work order (rotation or batch install), redraw it from its recorded seed and sampling rule version over the order's meter list (its installation sheets' new meter numbers), and say whether they match; a mismatch names the meters that differ and exits with status 1. --seed only draws a sample with that seed and prints it, writing nothing (a batch install takes --class3-rate, default 20).",
  ),
  flags: {
    seed: { value: '<text>', help: t('按此种子抽样（不写入台账）。', '按此種子抽樣（不寫入臺賬）。', 'Draw with this seed (nothing is written).') },
    'class3-rate': { value: '<20-100>', help: t('三级负荷抽查比例（%），默认 20。', '三級負荷抽查比例（%），預設 20。', 'The Class III sampling rate (%), default 20.') },
  },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, LEDGER);
    const orderNo = argument(parsed, 1, '<order-no>');
    noMoreArguments(parsed, 2);
    const ledger = await readLedger(file);
    // A rotation order or a batch install: whichever table has the number.
    const has = async (form: typeof rotationOrders): Promise<boolean> =>
      ledger.read({ tables: { [form.key]: lookup(form, [orderNo]) } }).then(
        (s) => (s.tables[form.key]?.length ?? 0) > 0,
        (error: unknown) => {
          if (error instanceof KefuError && error.problems.every((p) => p.kind === 'recordNotFound')) return false;
          throw error;
        },
      );
    const kind: OrderKind | undefined = (await has(rotationOrders)) ? 'rotation' : (await has(batchInstalls)) ? 'batch' : undefined;
    if (!kind) throw new KefuError([{ kind: 'recordNotFound', form: rotationOrders.key, params: { value: orderNo } }]);
    const snapshot = await ledger.read(sampleRequest(kind, orderNo));
    const seed = flag(parsed, 'seed');
    if (seed !== undefined) {
      const rateText = flag(parsed, 'class3-rate');
      const rate = rateText === undefined ? CLASS3_MIN_BP : Math.round(Number(rateText) * 100);
      if (!Number.isInteger(rate) || rate < CLASS3_MIN_BP || rate > 10000) throw new UsageError('usageBadValue', { flag: '--class3-rate', value: rateText ?? '', expected: '20–100' });
      const meters = orderMeters(snapshot, orderNo, kind);
      const sample =
        kind === 'rotation' ? drawRotationSample(meters.all, seed, SAMPLE_RULE, ROTATION_RATE_BP).sample : (({ class2, class3 }) => [...class2, ...class3])(drawBatchSample(meters, seed, rate));
      console.log(message('sampleRedrawn', locale, { record: orderNo, rule: SAMPLE_RULE, seed, count: sample.length, sample: joinMeters(sample) }));
      return;
    }
    const reports = verifySamples(snapshot, kind, orderNo);
    for (const report of reports) {
      console.log(message('sampleRedrawn', locale, { record: report.record, rule: report.rule, seed: report.seed, count: report.recorded.length, sample: joinMeters(report.recorded) }));
      if (!report.problem) console.log(message('sampleMatches', locale, { record: report.record }));
    }
    const problems = reports.flatMap((r) => (r.problem ? [r.problem] : []));
    if (problems.length > 0) throw new KefuError(problems);
  },
};
