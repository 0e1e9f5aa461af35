import { runOperation, type Operation } from '../../addin/src/domain/records';
import { compileSuggestions, receiveMatter, type ReceptionResult } from '../../addin/src/domain/reception';
import { registerComplaint } from '../../addin/src/domain/complaintProcedure';
import { complaintWorkflow, receptionWorkflow, repairWorkflow } from '../../addin/src/domain/deskWorkflows';
import { WORKFLOWS } from '../../addin/src/domain/workflows';
import type { Locale } from '../../addin/src/i18n/locale';
import { message } from '../../addin/src/i18n/messages';
import { FLAG, UsageError, argument, flag, localeFlag, noMoreArguments, t, type Command, type Parsed } from './args';
import { changeLedger } from './ledgerAccess';
import { LEDGER, WRITING as writing, checkCommand, jsonRecords, runBatch, stepsCommand, type ExtraAction } from './workflows';

/** Service-desk commands (domain brief §1.1). */

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

/** `kefu reception compile`: the month's open suggestions in one report. */
const compileAction: ExtraAction = {
  usage: `${LEDGER} --period <YYYY-MM> --to <customer_service|supervisor> [--title <text>]`,
  flags: {
    period: { value: '<YYYY-MM>', help: t('汇总的月份。', '彙總的月份。', 'The month to compile.') },
    to: { value: '<customer_service|supervisor>', help: t('汇报对象。', '彙報對象。', 'Whom the compilation is reported to.') },
    title: { text: true, value: '<text>', help: t('汇总的标题（默认：建议汇总 YYYY-MM）。', '彙總的標題（預設：建議彙總 YYYY-MM）。', 'The compilation’s title (default: Suggestions YYYY-MM).') },
  },
  run: (parsed, locale) => compile(parsed, locale),
};

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

/** The steps of the desk's three workflows, generated from their declarations (workflows.ts). */
export const receptionSteps = stepsCommand(receptionWorkflow, { compile: compileAction });
export const complaintSteps = stepsCommand(complaintWorkflow);
export const repairSteps = stepsCommand(repairWorkflow);

/** `kefu check` over every workflow of the registry. */
export const check: Command = checkCommand(WORKFLOWS);
