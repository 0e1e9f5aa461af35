import { systemClock } from '../../addin/src/domain/clock';
import { KefuError } from '../../addin/src/domain/problems';
import { runOperation } from '../../addin/src/domain/records';
import { registerComplaint } from '../../addin/src/domain/serviceDesk';
import { message } from '../../addin/src/i18n/messages';
import { XlsxLedger } from '../../addin/src/ledger/xlsx/xlsxLedger';
import { readRewritableWorkbook, writeWorkbookAtomically } from '../../addin/src/ledger/xlsx/files';
import { UsageError, flag, localeFlag, readJsonInput, station, type Command } from './args';
import { promises as fsPromises } from 'node:fs';
import type { Locale } from '../../addin/src/i18n/locale';
import type { Operation, OperationContext } from '../../addin/src/domain/records';
import type { Problem } from '../../addin/src/domain/problems';
import { describeProblem } from '../../addin/src/domain/problems';
import { checkDesk, deskRequest } from '../../addin/src/domain/deskCheck';
import {
  DESK_STEPS,
  compileSuggestions,
  receiveMatter,
  voidRecord,
  type ReceptionResult,
  type StepResult,
} from '../../addin/src/domain/serviceDesk';
import { complaints as complaintForm, reception as receptionForm, repairOrders as repairForm } from '../../addin/src/forms/serviceDesk';
import type { FormDecl } from '../../addin/src/forms/types';
import { allFields } from '../../addin/src/forms/columns';
import { codeLabel } from '../../addin/src/ledger/cells';

/** Service-desk commands (domain brief §1.1). */

export const complaintAdd: Command = {
  words: ['complaint', 'add'],
  help: `  kefu complaint add <ledger.xlsx> --json <file|-> [--clerk <name>]
      Register complaints (a JSON object, or an array of them) and print their numbers.
      Fields are column keys (see kefu dictionary); codes or labels are accepted for coded
      fields; a signature is {"by": name, "at": "YYYY-MM-DD HH:MM"}. One bad record refuses
      the whole input and nothing is written.`,
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = parsed.positional[2];
    if (!file) throw new UsageError('kefu complaint add <ledger.xlsx> --json <file|->');
    const source = flag(parsed, 'json', true)!;
    const clerk = flag(parsed, 'clerk') ?? process.env.USER ?? 'kefu';
    const input = await readJsonInput(source);
    const records = Array.isArray(input) ? input : [input];
    const bytes = await readRewritableWorkbook(file);
    const clock = systemClock();
    // Validate everything first: one bad record refuses the whole file, and nothing is written.
    const problems = records.flatMap((record, i) => {
      try {
        registerComplaint.prepare(record, { clock, actor: { clerk } });
        return [];
      } catch (error) {
        if (error instanceof KefuError) return error.problems.map((p) => ({ ...p, row: records.length > 1 ? i + 1 : p.row }));
        throw error;
      }
    });
    if (problems.length > 0) throw new KefuError(problems);
    const ledger = await XlsxLedger.fromBuffer(bytes, { station: station(clerk), clock });
    const numbers: string[] = [];
    for (const record of records) {
      const outcome = await runOperation(ledger, registerComplaint, record, { clock, actor: { clerk } });
      numbers.push(outcome.result.number);
    }
    await writeWorkbookAtomically(file, await ledger.toBuffer());
    for (const number of numbers) console.log(message('complaintRegistered', locale, { number }));
  },
};

// ————————————————————————————————————————— desk actions a back office batches (issue 4 item 8)


function clerkOf(parsed: Parameters<Command['run']>[0]): string {
  return flag(parsed, 'clerk') ?? process.env.USER ?? 'kefu';
}

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
 * Runs a batch of one desk action on a workbook: validate everything, run each in order on the
 * workbook in memory, and write the file once at the end. A refused step (a guard) stops the
 * batch and nothing is written.
 */
async function runBatch<I, R>(file: string, operation: Operation<I, unknown, R>, inputs: readonly I[], clerk: string): Promise<{ results: R[]; locale: Locale }> {
  const clock = systemClock();
  const context = { clock, actor: { clerk } };
  prepareAll(operation, inputs, context);
  const bytes = await readRewritableWorkbook(file);
  const ledger = await XlsxLedger.fromBuffer(bytes, { station: station(clerk), clock });
  const results: R[] = [];
  for (const input of inputs) results.push((await runOperation(ledger, operation, input, context)).result);
  await writeWorkbookAtomically(file, await ledger.toBuffer());
  return { results, locale: ledger.locale };
}

async function jsonRecords(parsed: Parameters<Command['run']>[0], required: boolean): Promise<Record<string, unknown>[]> {
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

export const receptionAdd: Command = {
  words: ['reception', 'add'],
  help: `  kefu reception add <ledger.xlsx> --json <file|-> [--clerk <name>]
      Enter visits, calls or letters in the reception register (a JSON object or an array).
      category: inquiry | complaint | repair | issue_report | suggestion | other. An inquiry
      needs answered_on_spot (yes/no; "no" gets a reply due time); an issue report needs
      referred_to; "other" needs importance. A complaint also takes "complaint": {category,
      department, urgency?, subject?, promised_by?} and creates the complaint ticket; a repair
      takes "repair": {location, trade?, urgency?, paper_no?} and creates the triplicate repair
      order and its repair-ledger line. Prints the numbers given.`,
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = parsed.positional[2];
    if (!file) throw new UsageError('kefu reception add <ledger.xlsx> --json <file|->');
    const records = await jsonRecords(parsed, true);
    const { results } = await runBatch(file, receiveMatter as Operation<unknown, unknown, ReceptionResult>, records, clerkOf(parsed));
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
  readonly help: string;
}

const GROUPS: readonly Group[] = [
  {
    word: 'reception',
    form: receptionForm,
    steps: DESK_STEPS.reception as unknown as Record<string, Operation<unknown, unknown, StepResult>>,
    help: `  kefu reception <reply|verify|escalate|void> <ledger.xlsx> [<JD-no>] [--json <file|->] [--reason <text>]
      reply: the reply to a deferred inquiry {replied_at, reply}; verify: the verification
      result of an issue report {verification_result}; escalate: an "other" matter escalated
      to the company manager or closed {escalated: yes|no} (critical ones must be escalated).
  kefu reception compile <ledger.xlsx> --period <YYYY-MM> --to <customer_service|supervisor> [--title <text>]
      Compile the period's open suggestions into one report: each gets the compilation's title
      and whom it was reported to, and is closed.`,
  },
  {
    word: 'complaint',
    form: complaintForm,
    steps: DESK_STEPS.complaint as unknown as Record<string, Operation<unknown, unknown, StepResult>>,
    help: `  kefu complaint <dispatch|handle|return|visit|archive|void> <ledger.xlsx> [<TS-no>] [--json <file|->] [--reason <text>]
      The complaint procedure, each step signed: dispatch {copy1_signed, copy2_filed};
      handle {action_result, substantiated, handled_at}; return {returned_to_cs}; visit (the
      return-visit form, number <TS-no>-HF) {visited_at, method, person_visited, resolved,
      satisfaction, visitor, received_by_cs} — unresolved or dissatisfied reopens the ticket;
      archive {archived}; void --reason. Steps are refused out of order (no return visit
      before the handling is recorded and the ticket returned).`,
  },
  {
    word: 'repair',
    form: repairForm,
    steps: DESK_STEPS.repair as unknown as Record<string, Operation<unknown, unknown, StepResult>>,
    help: `  kefu repair <sign|dispatch|arrive|wait-parts|complete|return|close|void> <ledger.xlsx> [<WX-no>] [--json <file|->] [--reason <text>]
      The triplicate repair order: sign {engineering_signed} (Engineering, for all three
      copies); dispatch {technician}; arrive {arrived_at}; wait-parts; complete {completed_at,
      result, materials?, paid, cost?, requester_accepted}; return {returned_to_cs} (copy 2 to
      Customer Service); close {visit_result?}. The repair-ledger line follows each step.
      Without a number, the JSON is an array of objects each holding its number (reception_no,
      ticket_no or order_no) and the step's fields; the whole batch is checked first, and a
      refused step writes nothing.`,
  },
];

const VOID_KEYS = { reception: 'reception', complaint: 'complaints', repair: 'repair_orders' } as const;

function groupCommand(group: Group): Command {
  return {
    words: [group.word],
    help: group.help,
    async run(parsed) {
      const locale = localeFlag(parsed);
      const action = parsed.positional[1];
      const file = parsed.positional[2];
      const number = parsed.positional[3];
      const usage = `kefu ${group.word} <${[...Object.keys(group.steps), 'void'].join('|')}> <ledger.xlsx> [<no>] --json <file|->`;
      if (group.word === 'reception' && action === 'compile') return compile(parsed, locale);
      if (!action || !file || (!(action in group.steps) && action !== 'void')) throw new UsageError(usage);
      const clerk = clerkOf(parsed);
      if (action === 'void') {
        if (!number) throw new UsageError(`kefu ${group.word} void <ledger.xlsx> <no> --reason <text>`);
        const reason = flag(parsed, 'reason') ?? '';
        const { results } = await runBatch(file, voidRecord(VOID_KEYS[group.word]) as Operation<unknown, unknown, StepResult>, [{ no: number, reason }], clerk);
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
      if (number && inputs.length > 1) throw new UsageError(`with a number, --json holds one object`);
      const { results } = await runBatch(file, operation, inputs, clerk);
      for (const r of results) {
        console.log(message('stepRecorded', locale, { record: r.created ? `${r.number} (${r.created})` : r.number, status: statusLabel(group.form, r.status, locale) }));
      }
    },
  };
}

async function compile(parsed: Parameters<Command['run']>[0], locale: Locale): Promise<void> {
  const file = parsed.positional[2];
  const period = flag(parsed, 'period', true)!;
  const to = flag(parsed, 'to', true)!;
  if (!file) throw new UsageError('kefu reception compile <ledger.xlsx> --period <YYYY-MM> --to <customer_service|supervisor>');
  if (!/^\d{4}-\d{2}$/.test(period)) throw new UsageError('--period must be a month such as 2026-03');
  const title = flag(parsed, 'title') ?? `${message('compilationTitle', locale)} ${period}`;
  const clerk = clerkOf(parsed);
  const clock = systemClock();
  const bytes = await readRewritableWorkbook(file);
  const ledger = await XlsxLedger.fromBuffer(bytes, { station: station(clerk), clock });
  const snapshot = await ledger.read({ tables: { reception: { columns: ['reception_no', 'received_at', 'category', 'status', 'voided'], rows: 'all' } } });
  const numbers = snapshot.tables.reception
    .filter((r) => r.values.category === 'suggestion' && r.values.status === 'registered' && r.values.voided !== true && String(r.values.received_at ?? '').startsWith(period))
    .map((r) => String(r.values.reception_no));
  if (numbers.length === 0) {
    console.log(message('nothingToCompile', locale, { period }));
    return;
  }
  const context = { clock, actor: { clerk } };
  const { result } = await runOperation(ledger, compileSuggestions, { numbers, compiled_in: title, reported_to: to }, context);
  await writeWorkbookAtomically(file, await ledger.toBuffer());
  console.log(message('suggestionsCompiled', locale, { count: result.compiled.length, title: result.title }));
}

export const receptionSteps = groupCommand(GROUPS[0]);
export const complaintSteps = groupCommand(GROUPS[1]);
export const repairSteps = groupCommand(GROUPS[2]);

export const check: Command = {
  words: ['check'],
  help: `  kefu check <ledger.xlsx> [--strict] [--at "YYYY-MM-DD HH:MM"] [--json]
      Check the service desk: schema problems (missing tables or columns, values outside their
      lists, fields a status needs left empty), duplicate numbers and gaps, guard violations
      (a return visit before the handling, links to missing records, a repair-ledger line out
      of step with its order) are errors: exit status 1. Overdue items (against the promised
      times and the working-day calendar, at --at or now) are warnings: exit status 0 unless
      --strict.`,
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = parsed.positional[1];
    if (!file) throw new UsageError('kefu check <ledger.xlsx> [--strict]');
    const at = flag(parsed, 'at') ?? systemClock().now();
    const bytes = await fsPromises.readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new KefuError([{ kind: 'fileNotFound', params: { file } }]);
      throw error;
    });
    const ledger = await XlsxLedger.fromBuffer(bytes, { station: station('check'), clock: systemClock() });
    const report = checkDesk(await ledger.read(deskRequest()), at);
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
