/**
 * kefu: the Kefu Ledger command line. The same operations as the add-in, on .xlsx files, without
 * Excel (exceljs backend). Run `npx kefu --help`. Each group of commands lives in scripts/cli/.
 */
import { resolveLocale } from '../addin/src/i18n/locale';
import { DEFAULT_TIME_ZONE } from '../addin/src/domain/clock';
import { KefuError } from '../addin/src/domain/problems';
import { UsageError, localeFlag, parseArgs, type Command } from './cli/args';
import { demo, dictionary, template, templates } from './cli/workbook';
import { check, complaintAdd, complaintSteps, receptionAdd, receptionSteps, repairSteps } from './cli/serviceDesk';
import { bind } from './cli/binding';
import { importCommand } from './cli/importing';
import { perfCommand } from './cli/performance';
import { statsCommand } from './cli/statistics';

export const COMMANDS: readonly Command[] = [template, templates, dictionary, complaintAdd, complaintSteps, receptionAdd, receptionSteps, repairSteps, check, importCommand, perfCommand, statsCommand, bind, demo];

export const HELP = `kefu — Kefu Ledger (客服台账) on .xlsx files, without Excel

Usage:
${COMMANDS.map((c) => c.help).join('\n')}

Options:
  --locale <locale>   Language of messages (and of a new workbook). Default: from LANG, else zh-CN.
  --clerk <name>      Who is acting, for the audit log. Default: the user name.
  -h, --help          Show this help.

The command line never rewrites a workbook holding parts it could lose (charts, pivot tables,
drawings, comments, macros …): it refuses and leaves the file untouched. Every write goes to a
temporary file first, then replaces the workbook; the previous version is kept as <file>.bak.
Exit codes: 0 done, 1 the input or the workbook was refused (see the messages), 2 usage error.
Dates are local to ${DEFAULT_TIME_ZONE}.`;

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  let locale = resolveLocale(process.env.LANG);
  try {
    locale = localeFlag(parsed);
  } catch {
    // a bad --locale is reported by the command itself
  }
  if (parsed.positional.length === 0 || parsed.flags.has('help')) {
    console.log(HELP);
    return parsed.flags.has('help') ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.words.every((word, i) => parsed.positional[i] === word));
  try {
    if (!command) throw new UsageError(`unknown command: ${parsed.positional.join(' ')}`);
    await command.run(parsed);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`kefu: ${error.message}\n\n${HELP}`);
      return 2;
    }
    if (error instanceof KefuError) {
      for (const line of error.describe(locale)) console.error(line);
      return 1;
    }
    throw error;
  }
}

if (require.main === module || process.env.KEFU_CLI === '1') {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
