import { promises as fs } from 'node:fs';
import * as crypto from 'node:crypto';
import type { Locale } from '../../addin/src/i18n/locale';
import { LOCALES, isLocale, resolveLocale } from '../../addin/src/i18n/locale';
import { KefuError } from '../../addin/src/domain/problems';
import { impreciseJsonNumbers } from '../../addin/src/domain/storableText';

/**
 * What every kefu command shares: its arguments, the language of its messages, the station id of
 * this run (numbering) and reading JSON input. A command is a file in scripts/cli/ that exports a
 * Command; scripts/kefu.ts lists them.
 */

export interface Command {
  /** The words that select it: ['complaint', 'add']. */
  readonly words: readonly string[];
  /** Its lines in `kefu --help`. */
  readonly help: string;
  run(parsed: Parsed): Promise<void> | void;
}

export class UsageError extends Error {}

export interface Parsed {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[]): Parsed {
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

export function flag(parsed: Parsed, name: string, required = false): string | undefined {
  const value = parsed.flags.get(name);
  if (value === true) throw new UsageError(`--${name} needs a value`);
  if (value === undefined && required) throw new UsageError(`--${name} is required`);
  return value;
}

export function localeFlag(parsed: Parsed): Locale {
  const value = flag(parsed, 'locale');
  if (value !== undefined && !isLocale(value)) throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}`);
  return value ?? resolveLocale(process.env.KEFU_LOCALE ?? process.env.LC_ALL ?? process.env.LANG);
}

export function station(clerk: string): string {
  return `${crypto.randomBytes(4).toString('hex')} ${clerk}`.slice(0, 40);
}

export async function readJsonInput(source: string): Promise<unknown> {
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
  const json = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new KefuError([{ kind: 'badJson', params: { detail: (error as Error).message } }]);
  }
  // JSON.parse rounds what a double cannot hold (12345678901234567 → …568); the text has it as written.
  const imprecise = impreciseJsonNumbers(json);
  if (imprecise.length > 0) throw new KefuError(imprecise);
  return value;
}

