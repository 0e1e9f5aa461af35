/**
 * kefu: the Kefu Ledger command line. The same operations as the add-in, on .xlsx files, without
 * Excel (exceljs backend). Run `npx kefu --help`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import type { Locale } from '../addin/src/i18n/locale';
import { LOCALES, isLocale, resolveLocale } from '../addin/src/i18n/locale';
import { message } from '../addin/src/i18n/messages';
import { KefuError } from '../addin/src/domain/problems';
import { systemClock, DEFAULT_TIME_ZONE } from '../addin/src/domain/clock';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/serviceDesk';
import { buildDemo } from '../addin/src/domain/demo';
import { dataDictionary, TYPE_NOTES } from '../addin/src/forms/dictionary';
import { buildTemplateBuffer } from '../addin/src/ledger/xlsx/template';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { readRewritableWorkbook, writeWorkbookAtomically } from '../addin/src/ledger/xlsx/files';

const HELP = `kefu — Kefu Ledger (客服台账) on .xlsx files, without Excel

Usage:
  kefu template --locale <zh-CN|zh-TW|en-US> --out <file.xlsx> [--site <name>]
      Write an empty ledger workbook: one sheet and table per paper form, the audit log,
      the data dictionary and the hidden numbering sheet.
  kefu templates --out <dir>
      Write the ledger template of every locale into <dir> (kefu-ledger.<locale>.xlsx).
  kefu dictionary [--json] [--locale <locale>]
      Print the data dictionary: every table and column with its labels, type and codes.
  kefu complaint add <ledger.xlsx> --json <file|-> [--clerk <name>]
      Register complaints (a JSON object, or an array of them) and print their numbers.
      Fields are column keys (see kefu dictionary); codes or labels are accepted for coded
      fields; a signature is {"by": name, "at": "YYYY-MM-DD HH:MM"}.
  kefu demo --year <YYYY> --out <file.xlsx> [--locale <locale>] [--complaints <n>]
      Build a realistic demo ledger by running the real operations.

Options:
  --locale <locale>   Language of messages (and of a new workbook). Default: from LANG, else zh-CN.
  --clerk <name>      Who is acting, for the audit log. Default: the user name.
  -h, --help          Show this help.

The command line never rewrites a workbook holding parts it could lose (charts, pivot tables,
drawings, comments, macros …): it refuses and leaves the file untouched. Every write goes to a
temporary file first, then replaces the workbook; the previous version is kept as <file>.bak.
Exit codes: 0 done, 1 the input or the workbook was refused (see the messages), 2 usage error.
Dates are local to ${DEFAULT_TIME_ZONE}.`;

class UsageError extends Error {}

interface Parsed {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') flags.set('help', true);
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (inline !== undefined) flags.set(name, inline);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags.set(name, argv[++i]);
      else flags.set(name, true);
    } else positional.push(arg);
  }
  return { positional, flags };
}

function flag(parsed: Parsed, name: string, required = false): string | undefined {
  const value = parsed.flags.get(name);
  if (value === true) throw new UsageError(`--${name} needs a value`);
  if (value === undefined && required) throw new UsageError(`--${name} is required`);
  return value;
}

function localeFlag(parsed: Parsed): Locale {
  const value = flag(parsed, 'locale');
  if (value !== undefined && !isLocale(value)) throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}`);
  return value ?? resolveLocale(process.env.KEFU_LOCALE ?? process.env.LC_ALL ?? process.env.LANG);
}

function station(clerk: string): string {
  return `${crypto.randomBytes(4).toString('hex')} ${clerk}`.slice(0, 40);
}

async function readJsonInput(source: string, locale: Locale): Promise<unknown> {
  const text =
    source === '-'
      ? await new Promise<string>((resolve, reject) => {
          let data = '';
          process.stdin.setEncoding('utf8');
          process.stdin.on('data', (chunk) => (data += chunk));
          process.stdin.on('end', () => resolve(data));
          process.stdin.on('error', reject);
        })
      : await fs.readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') throw new KefuError([{ kind: 'fileNotFound', params: { file: source } }]);
          throw error;
        });
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new KefuError([{ kind: 'badJson', params: { detail: (error as Error).message } }]);
  }
  void locale;
}

async function commandTemplate(parsed: Parsed): Promise<void> {
  const locale = localeFlag(parsed);
  const out = flag(parsed, 'out', true)!;
  const clock = systemClock();
  const bytes = await buildTemplateBuffer({ locale, createdAt: clock.now(), site: flag(parsed, 'site') });
  await writeWorkbookAtomically(out, bytes);
  console.log(out);
}

async function commandTemplates(parsed: Parsed): Promise<void> {
  const dir = flag(parsed, 'out', true)!;
  await fs.mkdir(dir, { recursive: true });
  for (const locale of LOCALES) {
    // A fixed creation time keeps the committed templates reproducible.
    const bytes = await buildTemplateBuffer({ locale, createdAt: '2026-01-01 00:00:00' });
    const file = path.join(dir, `kefu-ledger.${locale}.xlsx`);
    await writeWorkbookAtomically(file, bytes);
    await fs.rm(`${file}.bak`, { force: true });
    console.log(file);
  }
}

function commandDictionary(parsed: Parsed): void {
  const locale = localeFlag(parsed);
  const entries = dataDictionary();
  if (parsed.flags.has('json')) {
    console.log(JSON.stringify(entries, null, 2));
    return;
  }
  let table = '';
  for (const e of entries) {
    if (e.table !== table) {
      table = e.table;
      console.log(`\n${e.table}  (${e.form} ${e.formTitle[locale]})`);
    }
    const values = e.values.length ? `  [${e.values.map((v) => `${v.code}=${v.labels[locale]}`).join(', ')}]` : '';
    const required = e.required === 'no' ? '' : `  required: ${e.required}`;
    console.log(`  ${e.column.padEnd(28)} ${e.labels[locale]} — ${TYPE_NOTES[e.type] ?? e.type}${required}${values}`);
  }
}

async function commandComplaintAdd(parsed: Parsed): Promise<void> {
  const locale = localeFlag(parsed);
  const file = parsed.positional[2];
  if (!file) throw new UsageError('kefu complaint add <ledger.xlsx> --json <file|->');
  const source = flag(parsed, 'json', true)!;
  const clerk = flag(parsed, 'clerk') ?? process.env.USER ?? 'kefu';
  const input = await readJsonInput(source, locale);
  const records = Array.isArray(input) ? input : [input];
  const bytes = await readRewritableWorkbook(file);
  const clock = systemClock();
  const ledger = await XlsxLedger.fromBuffer(bytes, { station: station(clerk), clock });
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
  const numbers: string[] = [];
  for (const record of records) {
    const outcome = await runOperation(ledger, registerComplaint, record, { clock, actor: { clerk } });
    numbers.push(outcome.result.number);
  }
  await writeWorkbookAtomically(file, await ledger.toBuffer());
  for (const number of numbers) console.log(message('complaintRegistered', locale, { number }));
}

async function commandDemo(parsed: Parsed): Promise<void> {
  const locale = localeFlag(parsed);
  const year = Number(flag(parsed, 'year', true));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--year must be a year such as 2026');
  const out = flag(parsed, 'out', true)!;
  const count = flag(parsed, 'complaints');
  const clock = systemClock();
  const template = await buildTemplateBuffer({ locale, createdAt: clock.now(), site: '市第一人民医院' });
  const ledger = await XlsxLedger.fromBuffer(template, { station: station('demo'), clock });
  const result = await buildDemo(ledger, { year, clock, complaints: count ? Number(count) : undefined });
  await writeWorkbookAtomically(out, await ledger.toBuffer());
  console.log(`${out}: ${result.complaints} complaints`);
}

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  const [command, sub] = parsed.positional;
  const locale = (() => {
    try {
      return localeFlag(parsed);
    } catch {
      return resolveLocale(process.env.LANG);
    }
  })();
  if (!command || parsed.flags.has('help')) {
    console.log(HELP);
    return command || parsed.flags.has('help') ? 0 : 2;
  }
  try {
    if (command === 'template') await commandTemplate(parsed);
    else if (command === 'templates') await commandTemplates(parsed);
    else if (command === 'dictionary') commandDictionary(parsed);
    else if (command === 'complaint' && sub === 'add') await commandComplaintAdd(parsed);
    else if (command === 'demo') await commandDemo(parsed);
    else throw new UsageError(`unknown command: ${parsed.positional.join(' ')}`);
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
