import { systemClock } from '../../addin/src/domain/clock';
import { KefuError } from '../../addin/src/domain/problems';
import { runOperation } from '../../addin/src/domain/records';
import { registerComplaint } from '../../addin/src/domain/serviceDesk';
import { message } from '../../addin/src/i18n/messages';
import { XlsxLedger } from '../../addin/src/ledger/xlsx/xlsxLedger';
import { readRewritableWorkbook, writeWorkbookAtomically } from '../../addin/src/ledger/xlsx/files';
import { UsageError, flag, localeFlag, readJsonInput, station, type Command } from './args';

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
