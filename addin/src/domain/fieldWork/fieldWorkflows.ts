import { t } from '../../forms/codes';
import type { Text } from '../../i18n/locale';
import { LOCALES } from '../../i18n/locale';
import type { Workflow, WorkflowCheck, WorkflowQueue } from '../workflow';
import { BATCH_CHECK_STEPS, ROTATION_CHECK_STEPS, fieldCheckProblems, fieldCheckReads, rectificationItems, RECTIFICATION_RULES } from './fieldChecks';
import { batchWorkflow, rotationWorkflow } from './workOrders';

/**
 * The field teams' work orders (W8) as the registry holds them: the steps from plan to completion
 * (workOrders.ts) followed by the field checks, collection verification, rectification,
 * assessment and closing (fieldChecks.ts), with the queue items and check problems of both.
 */

function joinedHelp(first: Text, then: Text): Text {
  const out = {} as Record<(typeof LOCALES)[number], string>;
  for (const locale of LOCALES) out[locale] = `${first[locale]} ${then[locale]}`;
  return out;
}

function withQueue(queue: WorkflowQueue | undefined, more: WorkflowQueue): WorkflowQueue {
  if (!queue) return more;
  return {
    reads: [...new Set([...queue.reads, ...more.reads])],
    rules: [...(queue.rules ?? []), ...(more.rules ?? []).filter((rule) => !(queue.rules ?? []).some((known) => known.code === rule.code))],
    items: (snapshot, now) => [...queue.items(snapshot, now), ...more.items(snapshot, now)],
  };
}

function withCheck(check: WorkflowCheck | undefined, more: WorkflowCheck): WorkflowCheck {
  if (!check) return more;
  return {
    reads: [...new Set([...check.reads, ...more.reads])],
    problems: (snapshot, now) => {
      const a = check.problems(snapshot, now);
      const b = more.problems(snapshot, now);
      return { errors: [...a.errors, ...b.errors], warnings: [...a.warnings, ...b.warnings] };
    },
  };
}

const CHECK_HELP_ROTATION = t(
  '完工后：sample {check_date, seed?} 按15%抽样（种子与规则版本存于抽查记录，可用 kefu sample 重抽核对）；check {check_date, items_checked, failed_meters?, defects?, checker} 登记抽查结果（合格率达标则现场已检查，否则整改）；verify-collection {process_end_date, users_total, users_collected, checker, check_date} 采集核查（95%以上）；rectify {rectified_on, rectification_note} 整改后重新检查；assess 考核；close 关闭。',
  '完工後：sample {check_date, seed?} 按15%抽樣（種子與規則版本存於抽查記錄，可用 kefu sample 重抽核對）；check {check_date, items_checked, failed_meters?, defects?, checker} 登記抽查結果（合格率達標則現場已檢查，否則整改）；verify-collection {process_end_date, users_total, users_collected, checker, check_date} 採集核查（95%以上）；rectify {rectified_on, rectification_note} 整改後重新檢查；assess 考核；close 關閉。',
  'After completion: sample {check_date, seed?} draws the 15% spot check (seed and rule version kept on the record; kefu sample redraws it); check {check_date, items_checked, failed_meters?, defects?, checker} records the results (pass rate met: field checked, else rectification); verify-collection {process_end_date, users_total, users_collected, checker, check_date} (95% or more); rectify {rectified_on, rectification_note} before a re-check; assess; close.',
);

const CHECK_HELP_BATCH = t(
  '完工后：sample {check_date, class3_rate?, seed?} 排查全部二级负荷及三级负荷的20%–30%（超过30%提示）；check {check_date, items_checked, failed_meters?, findings?} 登记排查结果；sign {construction_sign, inspection_sign, property_sign} 三方签字后判定（达标则现场已检查，否则整改）；verify-collection 采集核查；rectify 整改；assess 考核；close 关闭。',
  '完工後：sample {check_date, class3_rate?, seed?} 排查全部二級負荷及三級負荷的20%–30%（超過30%提示）；check {check_date, items_checked, failed_meters?, findings?} 登記排查結果；sign {construction_sign, inspection_sign, property_sign} 三方簽字後判定（達標則現場已檢查，否則整改）；verify-collection 採集核查；rectify 整改；assess 考核；close 關閉。',
  'After completion: sample {check_date, class3_rate?, seed?} draws all Class II meters and 20–30% of Class III (above 30% warns); check {check_date, items_checked, failed_meters?, findings?} records the results; sign {construction_sign, inspection_sign, property_sign} by all three parties, then the verdict (pass rate met: field checked, else rectification); verify-collection; rectify; assess; close.',
);

function fieldChecksOf(kind: 'rotation' | 'batch'): { queue: WorkflowQueue; check: WorkflowCheck } {
  return {
    queue: { reads: fieldCheckReads(kind), rules: RECTIFICATION_RULES, items: (snapshot, now) => rectificationItems(snapshot, kind, now) },
    check: { reads: fieldCheckReads(kind), problems: (snapshot) => ({ errors: fieldCheckProblems(snapshot, kind), warnings: [] }) },
  };
}

function fieldWorkflow(base: Workflow, kind: 'rotation' | 'batch'): Workflow {
  const more = fieldChecksOf(kind);
  return {
    ...base,
    since: 3,
    steps: { ...base.steps, ...(kind === 'rotation' ? ROTATION_CHECK_STEPS : BATCH_CHECK_STEPS) },
    help: joinedHelp(base.help, kind === 'rotation' ? CHECK_HELP_ROTATION : CHECK_HELP_BATCH),
    queue: withQueue(base.queue, more.queue),
    check: withCheck(base.check, more.check),
  };
}

export const ROTATION_WORKFLOW: Workflow = fieldWorkflow(rotationWorkflow, 'rotation');
export const BATCH_WORKFLOW: Workflow = fieldWorkflow(batchWorkflow, 'batch');
