import { systemClock } from '../../addin/src/core/clock';
import { KefuError, describeProblem, type Problem } from '../../addin/src/core/problems';
import { runOperation, type Operation, type OperationContext } from '../../addin/src/domain/records';
import { checkDesk, checkRequest } from '../../addin/src/domain/deskCheck';
import { DESK_STEPS, voidRecord } from '../../addin/src/domain/serviceDesk';
import { compileSuggestions, receiveMatter, type ReceptionResult } from '../../addin/src/domain/reception';
import { registerComplaint } from '../../addin/src/domain/complaintProcedure';
import { type StepResult } from '../../addin/src/domain/deskSteps';
import { complaints as complaintForm } from '../../addin/src/forms/complaints';
import { reception as receptionForm, repairOrders as repairForm } from '../../addin/src/forms/receptionRepairs';
import type { FormDecl } from '../../addin/src/forms/types';
import { allFields } from '../../addin/src/forms/columns';
import { codeLabel } from '../../addin/src/ledger/cells';
import type { Locale } from '../../addin/src/i18n/locale';
import { message } from '../../addin/src/i18n/messages';
import { FLAG, UsageError, argument, closest, clerkOf, flag, localeFlag, noMoreArguments, readJsonInput, t, type Command, type FlagSpec, type Parsed } from './args';
import { changeLedger, checkTemplateVersion, readLedger } from './ledgerAccess';

/** Service-desk commands (domain brief §1.1). */

const LEDGER = '<ledger.xlsx>';
const writing = { clerk: FLAG.clerk, wait: FLAG.wait } satisfies Record<string, FlagSpec>;

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
 * Runs a batch of one desk action on a ledger: validate everything before the ledger is opened,
 * run each in order on the ledger being changed, and write it once at the end. A refused step (a
 * guard) stops the batch and nothing is written.
 */
async function runBatch<I, R>(parsed: Parsed, file: string, operation: Operation<I, unknown, R>, inputs: readonly I[]): Promise<{ results: R[]; locale: Locale }> {
  prepareAll(operation, inputs, { clock: systemClock(), actor: { clerk: clerkOf(parsed) } });
  return changeLedger(parsed, file, async ({ ledger, clock, clerk }) => {
    const context = { clock, actor: { clerk } };
    const results: R[] = [];
    for (const input of inputs) results.push((await runOperation(ledger, operation, input, context)).result);
    return { results, locale: ledger.locale };
  });
}

async function jsonRecords(parsed: Parsed, required: boolean): Promise<Record<string, unknown>[]> {
  const source = flag(parsed, 'json', required);
  if (source === undefined) return [{}];
  const input = await readJsonInput(source);
  const list = Array.isArray(input) ? input : [input];
  const bad = list.flatMap((item, i) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? [] : [{ kind: 'notObject' as const, row: list.length > 1 ? i + 1 : undefined }]));
  if (bad.length > 0) throw new KefuError(bad);
  return list as Record<string, unknown>[];
}

export const complaintAdd: Command = {
  words: ['complaint', 'add'],
  usage: [`${LEDGER} --json <file|-> [--clerk <name>]`],
  help: t(
    '登记投诉（一个 JSON 对象或对象数组），并打印其编号。字段用数据字典中的列键（见 kefu dictionary）；代码字段可用代码或任一语言的名称；签名写作 {"by": 姓名, "at": "YYYY-MM-DD HH:MM"}。只要有一条记录有误，整批都不写入。',
    '登記投訴（一個 JSON 物件或物件陣列），並列印其編號。欄位用資料字典中的欄鍵（見 kefu dictionary）；代碼欄位可用代碼或任一語言的名稱；簽名寫作 {"by": 姓名, "at": "YYYY-MM-DD HH:MM"}。只要有一筆記錄有誤，整批都不寫入。',
    'Register complaints (a JSON object, or an array of them) and print their numbers. Fields are column keys (see kefu dictionary); codes or labels are accepted for coded fields; a signature is {"by": name, "at": "YYYY-MM-DD HH:MM"}. One bad record refuses the whole input and nothing is written.',
  ),
  flags: { json: FLAG.jsonInput, ...writing },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, LEDGER);
    noMoreArguments(parsed, 1);
    const records = await jsonRecords(parsed, true);
    const { results } = await runBatch(parsed, file, registerComplaint, records);
    for (const r of results) console.log(message('complaintRegistered', locale, { number: r.number }));
  },
};

function statusLabel(form: FormDecl, status: string, locale: Locale): string {
  return codeLabel(form.statuses, status, locale);
}

export const receptionAdd: Command = {
  words: ['reception', 'add'],
  usage: [`${LEDGER} --json <file|-> [--clerk <name>]`],
  help: t(
    '把来访、来电或来信登记到接待登记表（一个 JSON 对象或数组）。category：inquiry | complaint | repair | issue_report | suggestion | other。咨询需填 answered_on_spot（yes/no；no 会得到答复期限）；问题反映需填 referred_to；其他事项需填 importance。投诉另带 "complaint": {category, department, urgency?, subject?, promised_by?}，并生成投诉处理单；报修带 "repair": {location, trade?, urgency?, paper_no?}，并生成三联报修单及维修台账行。打印所得编号。',
    '把來訪、來電或來信登記到接待登記表（一個 JSON 物件或陣列）。category：inquiry | complaint | repair | issue_report | suggestion | other。諮詢需填 answered_on_spot（yes/no；no 會得到答覆期限）；問題反映需填 referred_to；其他事項需填 importance。投訴另帶 "complaint": {category, department, urgency?, subject?, promised_by?}，並產生投訴處理單；報修帶 "repair": {location, trade?, urgency?, paper_no?}，並產生三聯報修單及維修臺賬列。列印所得編號。',
    'Enter visits, calls or letters in the reception register (a JSON object or an array). category: inquiry | complaint | repair | issue_report | suggestion | other. An inquiry needs answered_on_spot (yes/no; "no" gets a reply due time); an issue report needs referred_to; "other" needs importance. A complaint also takes "complaint": {category, department, urgency?, subject?, promised_by?} and creates the complaint ticket; a repair takes "repair": {location, trade?, urgency?, paper_no?} and creates the triplicate repair order and its repair-ledger line. Prints the numbers given.',
  ),
  flags: { json: FLAG.jsonInput, ...writing },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, LEDGER);
    noMoreArguments(parsed, 1);
    const records = await jsonRecords(parsed, true);
    const { results } = await runBatch(parsed, file, receiveMatter as Operation<unknown, unknown, ReceptionResult>, records);
    for (const r of results) {
      const linked = r.complaintNo ?? r.repairOrderNo;
      console.log(message('receptionRegistered', locale, { number: r.number, linked: linked ? ` → ${linked}` : '' }));
    }
  },
};

interface Group {
  readonly word: 'reception' | 'complaint' | 'repair';
  readonly form: FormDecl;
  readonly steps: Readonly<Record<string, Operation<unknown, unknown, StepResult>>>;
  readonly number: string;
  readonly help: Command['help'];
  readonly extraUsage?: readonly string[];
  readonly extraFlags?: Readonly<Record<string, FlagSpec>>;
}

const GROUPS: readonly Group[] = [
  {
    word: 'reception',
    form: receptionForm,
    steps: DESK_STEPS.reception,
    number: '<JD-no>',
    extraUsage: [`compile ${LEDGER} --period <YYYY-MM> --to <customer_service|supervisor> [--title <text>]`],
    extraFlags: {
      period: { value: '<YYYY-MM>', help: t('汇总的月份。', '彙總的月份。', 'The month to compile.') },
      to: { value: '<customer_service|supervisor>', help: t('汇报对象。', '彙報對象。', 'Whom the compilation is reported to.') },
      title: { text: true, value: '<text>', help: t('汇总的标题（默认：建议汇总 YYYY-MM）。', '彙總的標題（預設：建議彙總 YYYY-MM）。', 'The compilation’s title (default: Suggestions YYYY-MM).') },
    },
    help: t(
      'reply：对未当场答复的咨询作出答复 {replied_at, reply}；verify：问题反映的核实结果 {verification_result}；escalate：其他事项上报公司经理或办结 {escalated: yes|no}（重大事项必须上报）；void --reason：作废。compile：把该月未处理的建议汇总成一份报告：每条建议记上汇总标题和汇报对象，并办结。',
      'reply：對未當場答覆的諮詢作出答覆 {replied_at, reply}；verify：問題反映的核實結果 {verification_result}；escalate：其他事項上報公司經理或辦結 {escalated: yes|no}（重大事項必須上報）；void --reason：作廢。compile：把該月未處理的建議彙總成一份報告：每條建議記上彙總標題和彙報對象，並辦結。',
      'reply: the reply to a deferred inquiry {replied_at, reply}; verify: the verification result of an issue report {verification_result}; escalate: an "other" matter escalated to the company manager or closed {escalated: yes|no} (critical ones must be escalated); void --reason. compile: the month’s open suggestions in one report: each gets the compilation’s title and whom it was reported to, and is closed.',
    ),
  },
  {
    word: 'complaint',
    form: complaintForm,
    steps: DESK_STEPS.complaint,
    number: '<TS-no>',
    help: t(
      '投诉处理流程，每步签名：dispatch {copy1_signed, copy2_filed}；handle {action_result, substantiated, handled_at}；return {returned_to_cs}；visit（回访单，编号 <TS-no>-HF）{visited_at, method, person_visited, resolved, satisfaction, visitor, received_by_cs}——未解决或不满意会重新打开投诉；archive {archived}；void --reason。步骤不按顺序会被拒绝（处理未记录、处理单未交回之前不能回访）。',
      '投訴處理流程，每步簽名：dispatch {copy1_signed, copy2_filed}；handle {action_result, substantiated, handled_at}；return {returned_to_cs}；visit（回訪單，編號 <TS-no>-HF）{visited_at, method, person_visited, resolved, satisfaction, visitor, received_by_cs}——未解決或不滿意會重新開啟投訴；archive {archived}；void --reason。步驟不按順序會被拒絕（處理未記錄、處理單未交回之前不能回訪）。',
      'The complaint procedure, each step signed: dispatch {copy1_signed, copy2_filed}; handle {action_result, substantiated, handled_at}; return {returned_to_cs}; visit (the return-visit form, number <TS-no>-HF) {visited_at, method, person_visited, resolved, satisfaction, visitor, received_by_cs} — unresolved or dissatisfied reopens the ticket; archive {archived}; void --reason. Steps are refused out of order (no return visit before the handling is recorded and the ticket returned).',
    ),
  },
  {
    word: 'repair',
    form: repairForm,
    steps: DESK_STEPS.repair,
    number: '<WX-no>',
    help: t(
      '三联报修单：sign {engineering_signed}（工程部为三联签收）；dispatch {technician}；arrive {arrived_at}；wait-parts；complete {completed_at, result, materials?, paid, cost?, requester_accepted}；return {returned_to_cs}（第二联交回客服）；close {visit_result?}。维修台账行随每一步更新。不给编号时，JSON 为对象数组，每个对象带自己的编号（reception_no、ticket_no 或 order_no）和该步的字段；整批先检查，有一步被拒绝就什么都不写。',
      '三聯報修單：sign {engineering_signed}（工程部為三聯簽收）；dispatch {technician}；arrive {arrived_at}；wait-parts；complete {completed_at, result, materials?, paid, cost?, requester_accepted}；return {returned_to_cs}（第二聯交回客服）；close {visit_result?}。維修臺賬列隨每一步更新。不給編號時，JSON 為物件陣列，每個物件帶自己的編號（reception_no、ticket_no 或 order_no）和該步的欄位；整批先檢查，有一步被拒絕就什麼都不寫。',
      'The triplicate repair order: sign {engineering_signed} (Engineering, for all three copies); dispatch {technician}; arrive {arrived_at}; wait-parts; complete {completed_at, result, materials?, paid, cost?, requester_accepted}; return {returned_to_cs} (copy 2 to Customer Service); close {visit_result?}. The repair-ledger line follows each step. Without a number, the JSON is an array of objects each holding its number (reception_no, ticket_no or order_no) and the step’s fields; the whole batch is checked first, and a refused step writes nothing.',
    ),
  },
];

const VOID_KEYS = { reception: 'reception', complaint: 'complaints', repair: 'repair_orders' } as const;

function groupCommand(group: Group): Command {
  const actions = [...Object.keys(group.steps), 'void'];
  return {
    words: [group.word],
    usage: [`<${actions.join('|')}> ${LEDGER} [${group.number}] [--json <file|->] [--reason <text>]`, ...(group.extraUsage ?? [])],
    help: group.help,
    flags: {
      json: FLAG.jsonInput,
      reason: { text: true, value: '<text>', help: t('作废的原因。', '作廢的原因。', 'Why the record is voided.') },
      ...writing,
      ...(group.extraFlags ?? {}),
    },
    async run(parsed) {
      const locale = localeFlag(parsed);
      const action = argument(parsed, 0, `<${actions.join('|')}${group.word === 'reception' ? '|compile' : ''}>`);
      if (group.word === 'reception' && action === 'compile') return compile(parsed, locale);
      if (!actions.includes(action)) {
        const known = [...actions, ...(group.word === 'repair' ? [] : ['add']), ...(group.word === 'reception' ? ['compile'] : [])];
        const near = closest(action, known);
        throw near
          ? new UsageError('usageUnknownCommandNear', { command: `${group.word} ${action}`, near: `${group.word} ${near}` })
          : new UsageError('usageBadValue', { flag: group.word, value: action, expected: known.join(' | ') });
      }
      const file = argument(parsed, 1, LEDGER);
      const number = parsed.positional[2];
      noMoreArguments(parsed, 3);
      if (action === 'void') {
        if (!number) throw new UsageError('usageArgumentMissing', { argument: group.number });
        const reason = flag(parsed, 'reason') ?? '';
        const { results } = await runBatch(parsed, file, voidRecord(VOID_KEYS[group.word]) as Operation<unknown, unknown, StepResult>, [{ no: number, reason }]);
        const voidLabel = allFields(group.form).find((f) => f.key === 'voided')!.label[locale];
        for (const r of results) console.log(message('stepRecorded', locale, { record: r.number, status: voidLabel }));
        return;
      }
      const operation = group.steps[action];
      const records = await jsonRecords(parsed, false);
      const inputs = records.map((record) => {
        if (number) return { no: number, fields: record };
        const { [group.form.keyField]: no, ...fields } = record;
        return { no: typeof no === 'string' ? no : '', fields };
      });
      if (number && inputs.length > 1) throw new UsageError('usageOneObjectWithNumber');
      const { results } = await runBatch(parsed, file, operation, inputs);
      for (const r of results) {
        console.log(message('stepRecorded', locale, { record: r.created ? `${r.number} (${r.created})` : r.number, status: statusLabel(group.form, r.status, locale) }));
      }
    },
  };
}

async function compile(parsed: Parsed, locale: Locale): Promise<void> {
  const file = argument(parsed, 1, LEDGER);
  noMoreArguments(parsed, 2);
  const period = flag(parsed, 'period', true)!;
  const to = flag(parsed, 'to', true)!;
  if (!/^\d{4}-\d{2}$/.test(period)) throw new UsageError('usageBadValue', { flag: '--period', value: period, expected: 'YYYY-MM (2026-03)' });
  const outcome = await changeLedger(parsed, file, async ({ ledger, clock, clerk }) => {
    const title = flag(parsed, 'title') ?? `${message('compilationTitle', ledger.locale)} ${period}`;
    const snapshot = await ledger.read({ tables: { reception: { columns: ['reception_no', 'received_at', 'category', 'status', 'voided'], rows: 'all' } } });
    const numbers = snapshot.tables.reception
      .filter((r) => r.values.category === 'suggestion' && r.values.status === 'registered' && r.values.voided !== true && String(r.values.received_at ?? '').startsWith(period))
      .map((r) => String(r.values.reception_no));
    if (numbers.length === 0) return undefined;
    const { result } = await runOperation(ledger, compileSuggestions, { numbers, compiled_in: title, reported_to: to }, { clock, actor: { clerk } });
    return result;
  });
  if (!outcome) console.log(message('nothingToCompile', locale, { period }));
  else console.log(message('suggestionsCompiled', locale, { count: outcome.compiled.length, title: outcome.title }));
}

export const receptionSteps = groupCommand(GROUPS[0]);
export const complaintSteps = groupCommand(GROUPS[1]);
export const repairSteps = groupCommand(GROUPS[2]);

export const check: Command = {
  words: ['check'],
  usage: [`${LEDGER} [--strict] [--at "YYYY-MM-DD HH:MM"] [--json]`],
  help: t(
    '检查服务台：结构问题（缺表或缺列、不在列表中的值、状态要求却空着的字段）、重复编号和断号、违反流程的记录（处理之前的回访、指向不存在记录的链接、与报修单不一致的维修台账行）、审计日志被删改（哈希链断开的第一行）都是错误：退出码 1。逾期事项（按承诺时间和工作日历，以 --at 或当前时间计）以及未来日期、早于台账首年的日期是警告：退出码 0，除非 --strict。',
    '檢查服務臺：結構問題（缺表格或缺欄、不在清單中的值、狀態要求卻空著的欄位）、重複編號和斷號、違反流程的記錄（處理之前的回訪、指向不存在記錄的連結、與報修單不一致的維修臺賬列）、稽核日誌被刪改（雜湊鏈斷開的第一列）都是錯誤：結束代碼 1。逾期事項（按承諾時間和工作日曆，以 --at 或目前時間計）以及未來日期、早於臺賬首年的日期是警告：結束代碼 0，除非 --strict。',
    'Check the service desk: schema problems (missing tables or columns, values outside their lists, fields a status needs left empty), duplicate numbers and gaps, guard violations (a return visit before the handling, links to missing records, a repair-ledger line out of step with its order) and an audit log edited or cut (the first row where its hash chain breaks) are errors: exit status 1. Overdue items (against the promised times and the working-day calendar, at --at or now), dates in the future and dates before the ledger’s first year are warnings: exit status 0 unless --strict.',
  ),
  flags: {
    strict: { help: t('有警告也以退出码 1 结束。', '有警告也以結束代碼 1 結束。', 'Exit with status 1 on warnings too.') },
    at: { value: '"YYYY-MM-DD HH:MM"', help: t('按此时刻判断逾期（默认现在）。', '按此時刻判斷逾期（預設現在）。', 'The moment to judge overdue items at (default: now).') },
    json: FLAG.jsonOutput,
  },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, LEDGER);
    noMoreArguments(parsed, 1);
    const at = flag(parsed, 'at') ?? systemClock().now();
    const ledger = await readLedger(file);
    await checkTemplateVersion(ledger, file); // an older ledger lacks what is checked (the audit chain): upgrade first
    const report = checkDesk(await ledger.read(checkRequest()), at);
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
