/**
 * kefu: the Kefu Ledger command line. The same operations as the add-in, on .xlsx files, without
 * Excel. Run `npx kefu --help`. Each group of commands lives in scripts/cli/.
 */
import type { Locale } from '../addin/src/i18n/locale';
import { DEFAULT_TIME_ZONE } from '../addin/src/core/clock';
import { KefuError } from '../addin/src/core/problems';
import { message } from '../addin/src/i18n/messages';
import { UsageError, closest, commandHelp, findCommand, messageLocale, parseArgs, usageLines, usageText, type Command } from './cli/args';
import { demo, dictionary, template, templates } from './cli/workbook';
import { check, complaintAdd, complaintSteps, receptionAdd, receptionSteps, repairSteps } from './cli/serviceDesk';
import { queueCommand, workflowCommands } from './cli/workflows';
import { WORKFLOWS } from '../addin/src/domain/workflows';
import { accidentsCommand } from './cli/accidents';
import { visitorsCommand } from './cli/visitors';
import { bind } from './cli/binding';
import { importCommand } from './cli/importing';
import { perfCommand } from './cli/performance';
import { statsCommand } from './cli/statistics';
import { upgradeCommand } from './cli/upgrade';
import { sampleCommand } from './cli/fieldWork';
import { loansCommand } from './cli/loans';
import { entryReconcileCommand } from './cli/entries';

export const COMMANDS: readonly Command[] = [
  template,
  templates,
  upgradeCommand,
  dictionary,
  // Every workflow of the registry: `kefu <word> add` and `kefu <word> <action|void>`, generated
  // from its declaration; the desk's keep their own registrations and the reception's compile.
  ...workflowCommands(WORKFLOWS, {
    complaint: { add: complaintAdd, steps: complaintSteps },
    reception: { add: receptionAdd, steps: receptionSteps },
    repair: { steps: repairSteps },
  }),
  queueCommand(WORKFLOWS),
  check,
  importCommand,
  perfCommand,
  statsCommand,
  sampleCommand,
  accidentsCommand,
  visitorsCommand,
  loansCommand,
  entryReconcileCommand,
  bind,
  demo,
];

/** `kefu --help`: every command's usage and the first sentence of what it does, in the user's language. */
export function helpText(locale: Locale): string {
  const lines = [message('helpIntro', locale), '', `${message('helpCommands', locale)}:`];
  for (const command of COMMANDS) {
    for (const line of usageLines(command)) lines.push(`  ${line}`);
    const text = command.help[locale];
    const first = /^.*?[。.!！](?=\s|$)/s.exec(text)?.[0] ?? text;
    lines.push(`      ${first}`);
  }
  lines.push('', message('helpFooter', locale, { zone: DEFAULT_TIME_ZONE }));
  return lines.join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const locale = messageLocale(argv);
  const { command, words } = findCommand(argv, COMMANDS);
  if (!command) {
    if (words.length === 0) {
      const help = argv.includes('--help') || argv.includes('-h');
      (help ? console.log : console.error)(help ? helpText(locale) : usageText(new UsageError('usageArgumentMissing', { argument: '<command>' }), undefined, locale));
      return help ? 0 : 2;
    }
    const all = COMMANDS.map((c) => c.words.join(' '));
    const near = closest(words.join(' '), all) ?? closest(words[0], [...new Set(COMMANDS.map((c) => c.words[0]))]);
    const error = near ? new UsageError('usageUnknownCommandNear', { command: words.join(' '), near }) : new UsageError('usageUnknownCommand', { command: words.join(' ') });
    console.error(usageText(error, undefined, locale));
    return 2;
  }
  try {
    const parsed = parseArgs(argv, command);
    if (parsed.flags.has('help')) {
      console.log(commandHelp(command, locale));
      return 0;
    }
    await command.run(parsed);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(usageText(error, command, locale));
      return 2;
    }
    if (error instanceof KefuError) {
      for (const line of error.describe(locale)) console.error(line);
      return 1;
    }
    // Not a case we foresaw: one line, not a stack trace (KEFU_DEBUG=1 shows it).
    if (process.env.KEFU_DEBUG) console.error(error);
    else console.error(message('internalError', locale, { detail: error instanceof Error ? error.message : String(error) }));
    return 1;
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
