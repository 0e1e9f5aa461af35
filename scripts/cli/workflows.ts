import { systemClock } from '../../addin/src/core/clock';
import { KefuError, describeProblem, type Problem } from '../../addin/src/core/problems';
import { runOperation, type Operation, type OperationContext } from '../../addin/src/domain/records';
import type { StepResult } from '../../addin/src/domain/deskSteps';
import { voidOperation } from '../../addin/src/domain/voiding';
import type { DueItem, Workflow } from '../../addin/src/domain/workflow';
import { checkLedger, creationParts, ledgerCheckRequest, queueRequest, ruleText, todoQueue } from '../../addin/src/domain/workflowRuns';
import { FORMS } from '../../addin/src/forms';
import { allFields } from '../../addin/src/forms/columns';
import type { FormDecl } from '../../addin/src/forms/types';
import { codeLabel } from '../../addin/src/ledger/cells';
import type { Locale, Text } from '../../addin/src/i18n/locale';
import { message } from '../../addin/src/i18n/messages';
import { FLAG, UsageError, argument, closest, clerkOf, flag, localeFlag, noMoreArguments, readJsonInput, t, type Command, type FlagSpec, type Parsed } from './args';
import { changeLedger, checkTemplateVersion, readLedger } from './ledgerAccess';

/**
 * The command line of every workflow, generated from its declaration (issue 12 item 1):
 * `kefu <word> add` when it creates records, `kefu <word> <action|void> <ledger> [<no>]` for its
 * steps, and `kefu queue` and `kefu check` over all of them.
 */

export const LEDGER = '<ledger.xlsx>';
export const WRITING = { clerk: FLAG.clerk, wait: FLAG.wait } satisfies Record<string, FlagSpec>;

/** Prepares every input first: one bad record refuses the whole batch, with its position. */
function prepareAll<I>(operation: Operation<I, unknown, unknown>, inputs: readonly I[], context: OperationContext): void {
  const problems: Problem[] = inputs.flatMap((input, i) => {
    try {
      operation.prepare(input, context);
      return [];
    } catch (error) {
      if (error instanceof KefuError) return error.problems.map((p) => ({ ...p, row: inputs.length > 1 ? i + 1 : p.row }));
      throw error;
    }
  });
  if (problems.length > 0) throw new KefuError(problems);
}

/**
 * Runs a batch of one action on a ledger: validate everything before the ledger is opened, run
 * each in order on the ledger being changed, and write it once at the end. A refused step (a
 * guard) stops the batch and nothing is written.
 */
export async function runBatch<I, R>(parsed: Parsed, file: string, operation: Operation<I, unknown, R>, inputs: readonly I[]): Promise<{ results: R[]; locale: Locale }> {
  prepareAll(operation, inputs, { clock: systemClock(), actor: { clerk: clerkOf(parsed) } });
  return changeLedger(parsed, file, async ({ ledger, clock, clerk }) => {
    const context = { clock, actor: { clerk } };
    const results: R[] = [];
    for (const input of inputs) results.push((await runOperation(ledger, operation, input, context)).result);
    return { results, locale: ledger.locale };
  });
}

/** The records of --json (an object or an array of objects); without --json, one empty record. */
export async function jsonRecords(parsed: Parsed, required: boolean): Promise<Record<string, unknown>[]> {
  const source = flag(parsed, 'json', required);
  if (source === undefined) return [{}];
  const input = await readJsonInput(source);
  const list = Array.isArray(input) ? input : [input];
  const bad = list.flatMap((item, i) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? [] : [{ kind: 'notObject' as const, row: list.length > 1 ? i + 1 : undefined }]));
  if (bad.length > 0) throw new KefuError(bad);
  return list as Record<string, unknown>[];
}

function statusLabel(form: FormDecl, status: string, locale: Locale): string {
  return codeLabel(form.statuses, status, locale);
}

function textOf(make: (locale: Locale) => string): Text {
  return t(make('zh-CN'), make('zh-TW'), make('en-US'));
}

/** `kefu <word> add`: creates records of the workflow's form from JSON, and prints their numbers. */
export function addCommand(workflow: Workflow): Command {
  const create = workflow.create;
  if (!create) throw new Error(`the ${workflow.word} workflow creates no records`);
  const fields = creationParts(workflow)
    .map((part) => (part.key ? `"${part.key}": {${part.fields.join(', ')}}` : part.fields.join(', ')))
    .join('; ');
  return {
    words: [workflow.word, 'add'],
    usage: [`${LEDGER} --json <file|-> [--clerk <name>]`],
    help: textOf((locale) => message('workflowAddHelp', locale, { form: workflow.form.title[locale], fields })),
    flags: { json: FLAG.jsonInput, ...WRITING },
    async run(parsed) {
      const locale = localeFlag(parsed);
      const file = argument(parsed, 0, LEDGER);
      noMoreArguments(parsed, 1);
      const records = await jsonRecords(parsed, true);
      const { results } = await runBatch(parsed, file, create, records);
      for (const r of results) {
        console.log(message('recordRegistered', locale, { form: workflow.form.title[locale], number: r.number }));
        for (const warning of r.warnings ?? []) console.log(`${message('checkWarning', locale)}: ${describeProblem(warning, locale)}`);
      }
    },
  };
}

/** An action of a workflow's command that is not a step on one record (the reception's monthly compilation). */
export interface ExtraAction {
  readonly usage: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
  run(parsed: Parsed, locale: Locale): Promise<void>;
}

/** `kefu <word> <action|void> <ledger> [<no>] [--json <file|->] [--reason <text>]`: the workflow's steps. */
export function stepsCommand(workflow: Workflow, extras: Readonly<Record<string, ExtraAction>> = {}): Command {
  const { form } = workflow;
  const actions = [...Object.keys(workflow.steps), ...(workflow.voidable ? ['void'] : [])];
  const known = [...actions, ...(workflow.create ? ['add'] : []), ...Object.keys(extras)];
  return {
    words: [workflow.word],
    usage: [
      `<${actions.join('|')}> ${LEDGER} [${workflow.number}] [--json <file|->]${workflow.voidable ? ' [--reason <text>]' : ''}`,
      ...Object.entries(extras).map(([name, extra]) => `${name} ${extra.usage}`),
    ],
    help: workflow.help,
    flags: {
      json: FLAG.jsonInput,
      ...(workflow.voidable ? { reason: { text: true, value: '<text>', help: t('作废的原因。', '作廢的原因。', 'Why the record is voided.') } } : {}),
      ...WRITING,
      ...Object.assign({}, ...Object.values(extras).map((extra) => extra.flags)),
    },
    async run(parsed) {
      const locale = localeFlag(parsed);
      const action = argument(parsed, 0, `<${[...actions, ...Object.keys(extras)].join('|')}>`);
      const extra = Object.hasOwn(extras, action) ? extras[action] : undefined;
      if (extra) return extra.run(parsed, locale);
      if (!actions.includes(action)) {
        const near = closest(action, known);
        throw near
          ? new UsageError('usageUnknownCommandNear', { command: `${workflow.word} ${action}`, near: `${workflow.word} ${near}` })
          : new UsageError('usageBadValue', { flag: workflow.word, value: action, expected: known.join(' | ') });
      }
      const file = argument(parsed, 1, LEDGER);
      const number = parsed.positional[2];
      noMoreArguments(parsed, 3);
      if (action === 'void') {
        if (!number) throw new UsageError('usageArgumentMissing', { argument: workflow.number });
        const reason = flag(parsed, 'reason') ?? '';
        const operation = voidOperation(form, workflow.voidsWith ?? []) as Operation<unknown, unknown, StepResult>;
        const { results } = await runBatch(parsed, file, operation, [{ no: number, reason }]);
        const voidLabel = allFields(form).find((f) => f.key === 'voided')!.label[locale];
        for (const r of results) console.log(message('stepRecorded', locale, { record: r.number, status: voidLabel }));
        return;
      }
      const operation = workflow.steps[action] as Operation<unknown, unknown, StepResult>;
      const records = await jsonRecords(parsed, false);
      const inputs = records.map((record) => {
        if (number) return { no: number, fields: record };
        const { [form.keyField]: no, ...fields } = record;
        return { no: typeof no === 'string' ? no : '', fields };
      });
      if (number && inputs.length > 1) throw new UsageError('usageOneObjectWithNumber');
      const { results } = await runBatch(parsed, file, operation, inputs);
      for (const r of results) {
        console.log(message('stepRecorded', locale, { record: r.created ? `${r.number} (${r.created})` : r.number, status: statusLabel(form, r.status, locale) }));
        for (const warning of r.warnings ?? []) console.log(`${message('checkWarning', locale)}: ${describeProblem(warning, locale)}`);
      }
    },
  };
}

/** What a workflow's commands are made of, where the generated ones do not do (the desk's own registrations and its compile). */
export interface CommandsOf {
  readonly add?: Command;
  readonly steps?: Command;
}

/** The commands of every workflow, in the registry's order: its `add`, then its steps. */
export function workflowCommands(workflows: readonly Workflow[], custom: Readonly<Record<string, CommandsOf>> = {}): Command[] {
  return workflows.flatMap((workflow) => {
    const own = custom[workflow.word] ?? {};
    const add = own.add ?? (workflow.create ? addCommand(workflow) : undefined);
    const steps = own.steps ?? (Object.keys(workflow.steps).length > 0 || workflow.voidable ? stepsCommand(workflow) : undefined);
    return [...(add ? [add] : []), ...(steps ? [steps] : [])];
  });
}

const AT_FLAG: FlagSpec = {
  value: '"YYYY-MM-DD HH:MM"',
  help: t('按此时刻判断逾期（默认现在）。', '按此時刻判斷逾期（預設現在）。', 'The moment to judge overdue items at (default: now).'),
};

/** The form a queue item's table holds, for its status label. */
function formOfTable(workflows: readonly Workflow[], table: string): FormDecl | undefined {
  return workflows.find((w) => w.form.key === table)?.form ?? FORMS.find((f) => f.key === table);
}

function queueLine(workflows: readonly Workflow[], item: DueItem, locale: Locale): string {
  const form = formOfTable(workflows, item.table);
  const status = form ? statusLabel(form, item.status, locale) : item.status;
  const late = item.overdue ? message('queueOverdue', locale, { hours: Math.floor(item.minutesLate / 60) }) : '';
  const about = [item.subject, item.person].filter(Boolean).join(' · ');
  return [item.record, form ? form.title[locale] : item.table, status, `${ruleText(workflows, item)[locale]} ${item.due}`, late, about].filter(Boolean).join('  ');
}

/** `kefu queue`: the to-do list of every workflow, overdue first. */
export function queueCommand(workflows: readonly Workflow[]): Command {
  return {
    words: ['queue'],
    usage: [`${LEDGER} [--at "YYYY-MM-DD HH:MM"] [--json]`],
    help: t(
      '列出待办事项：每个流程的未办结记录及其期限（投诉处理和回访、待答复或核实的接待、未完工的报修单，以及各现场流程的事项），逾期的在前，再按期限排序。每行：编号、表单、状态、期限、逾期时数、事由与人员。',
      '列出待辦事項：每個流程的未辦結記錄及其期限（投訴處理和回訪、待答覆或核實的接待、未完工的報修單，以及各現場流程的事項），逾期的在前，再按期限排序。每列：編號、表單、狀態、期限、逾期時數、事由與人員。',
      'List what is due: every workflow’s open records with their due times (complaints to handle and visit, receptions waiting for a reply or a verification, repair orders not completed, and the field procedures’ items), overdue first, then by due time. Each line: number, form, status, what is due and when, hours overdue, what it is about and who raised it.',
    ),
    flags: { at: AT_FLAG, json: FLAG.jsonOutput },
    async run(parsed) {
      const locale = localeFlag(parsed);
      const file = argument(parsed, 0, LEDGER);
      noMoreArguments(parsed, 1);
      const at = flag(parsed, 'at') ?? systemClock().now().slice(0, 16);
      const ledger = await readLedger(file);
      await checkTemplateVersion(ledger, file);
      const items = todoQueue(workflows, await ledger.read(queueRequest(workflows)), at);
      if (parsed.flags.has('json')) {
        const described = items.map((item) => {
          const form = formOfTable(workflows, item.table);
          return { ...item, statusLabel: form ? statusLabel(form, item.status, locale) : item.status, what: ruleText(workflows, item)[locale] };
        });
        console.log(JSON.stringify(described, null, 2));
        return;
      }
      for (const item of items) console.log(queueLine(workflows, item, locale));
      console.log(items.length === 0 ? message('queueEmpty', locale) : message('queueSummary', locale, { count: items.length, overdue: items.filter((i) => i.overdue).length }));
    },
  };
}

/** `kefu check`: the structure of every form, every workflow's guards, the audit chain; overdue items and odd dates as warnings. */
export function checkCommand(workflows: readonly Workflow[]): Command {
  return {
    words: ['check'],
    usage: [`${LEDGER} [--strict] [--at "YYYY-MM-DD HH:MM"] [--json]`],
    help: t(
      '检查台账：结构问题（缺表或缺列、不在列表中的值、必填或状态要求却空着的字段，每张有记录的表都查）、重复编号和断号、违反流程的记录（处理之前的回访、指向不存在记录的链接、与报修单不一致的维修台账行，以及每个流程自己的检查）、审计日志被删改（哈希链断开的第一行）都是错误：退出码 1。逾期事项（各流程的待办，按承诺时间和工作日历，以 --at 或当前时间计）以及未来日期、早于台账首年的日期是警告：退出码 0，除非 --strict。',
      '檢查臺賬：結構問題（缺表格或缺欄、不在清單中的值、必填或狀態要求卻空著的欄位，每張有記錄的表都查）、重複編號和斷號、違反流程的記錄（處理之前的回訪、指向不存在記錄的連結、與報修單不一致的維修臺賬列，以及每個流程自己的檢查）、稽核日誌被刪改（雜湊鏈斷開的第一列）都是錯誤：結束代碼 1。逾期事項（各流程的待辦，按承諾時間和工作日曆，以 --at 或目前時間計）以及未來日期、早於臺賬首年的日期是警告：結束代碼 0，除非 --strict。',
      'Check the ledger: schema problems (missing tables or columns, values outside their lists, required fields or fields a status needs left empty, in every table with records), duplicate numbers and gaps, guard violations (a return visit before the handling, links to missing records, a repair-ledger line out of step with its order, and each workflow’s own checks) and an audit log edited or cut (the first row where its hash chain breaks) are errors: exit status 1. Overdue items (every workflow’s to-do items, against the promised times and the working-day calendar, at --at or now), dates in the future and dates before the ledger’s first year are warnings: exit status 0 unless --strict.',
    ),
    flags: {
      strict: { help: t('有警告也以退出码 1 结束。', '有警告也以結束代碼 1 結束。', 'Exit with status 1 on warnings too.') },
      at: AT_FLAG,
      json: FLAG.jsonOutput,
    },
    async run(parsed) {
      const locale = localeFlag(parsed);
      const file = argument(parsed, 0, LEDGER);
      noMoreArguments(parsed, 1);
      const at = flag(parsed, 'at') ?? systemClock().now();
      const ledger = await readLedger(file);
      await checkTemplateVersion(ledger, file); // an older ledger lacks what is checked (the audit chain): upgrade first
      const report = checkLedger(workflows, await ledger.read(ledgerCheckRequest(workflows)), at);
      if (parsed.flags.has('json')) {
        const describe = (p: Problem) => ({ ...p, message: describeProblem(p, locale) });
        console.log(JSON.stringify({ errors: report.errors.map(describe), warnings: report.warnings.map(describe) }, null, 2));
      } else {
        for (const p of report.errors) console.log(`${message('checkError', locale)}: ${describeProblem(p, locale)}`);
        for (const p of report.warnings) console.log(`${message('checkWarning', locale)}: ${describeProblem(p, locale)}`);
      }
      const summary = { errors: report.errors.length, warnings: report.warnings.length };
      if (report.errors.length > 0 || (parsed.flags.has('strict') && report.warnings.length > 0)) {
        throw new KefuError([{ kind: 'checkSummary', params: summary }]);
      }
      console.log(message('checkSummary', locale, summary));
    },
  };
}
