import { promises as fs } from 'node:fs';
import * as crypto from 'node:crypto';
import type { Locale, Text } from '../../addin/src/i18n/locale';
import { LOCALES, isLocale, resolveLocale } from '../../addin/src/i18n/locale';
import { message, type MessageId } from '../../addin/src/i18n/messages';
import { KefuError } from '../../addin/src/core/problems';
import { checkStorableText, impreciseJsonNumbers } from '../../addin/src/domain/storableText';

/**
 * What every kefu command shares: its declaration (words, arguments, flags, help in three
 * languages), parsing its arguments (an unknown or misspelt flag is a usage error with a
 * suggestion, never ignored), the language of its messages, the station id of this run
 * (numbering) and reading JSON input. A command is declared in a file of scripts/cli/;
 * scripts/kefu.ts lists them.
 */

export interface FlagSpec {
  /** The value's placeholder ('<file>'); a flag without one is a switch. */
  readonly value?: string;
  /** Free text that reaches the workbook (a name, a reason): refused when Excel could not store it. */
  readonly text?: true;
  readonly help: Text;
}

export interface Command {
  /** The words that select it: ['complaint', 'add']. */
  readonly words: readonly string[];
  /** What follows the words in its usage line(s): '<ledger.xlsx> --json <file|->'. */
  readonly usage: readonly string[];
  /** What it does, in each language (a few lines). */
  readonly help: Text;
  /** The flags it takes besides the global ones (--locale, --help). */
  readonly flags: Readonly<Record<string, FlagSpec>>;
  run(parsed: Parsed): Promise<void> | void;
}

export const t = (zhCN: string, zhTW: string, enUS: string): Text => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, 'en-US': enUS });

/** Flags every command takes. */
export const GLOBAL_FLAGS: Readonly<Record<string, FlagSpec>> = {
  locale: {
    value: '<zh-CN|zh-TW|en-US>',
    help: t(
      '消息的语言（以及新工作簿的语言）。默认取 LC_ALL／LANG，否则 zh-CN。',
      '訊息的語言（以及新活頁簿的語言）。預設取 LC_ALL／LANG，否則 zh-CN。',
      'Language of messages (and of a new workbook). Default: from LC_ALL/LANG, else zh-CN.',
    ),
  },
  help: { help: t('显示此命令的帮助。', '顯示此命令的說明。', 'Show this command’s help.') },
};

/** Flags shared by several commands, declared once. */
export const FLAG = {
  clerk: {
    value: '<name>',
    text: true,
    help: t('操作人姓名，记入审计日志。默认为系统用户名。', '操作人姓名，記入稽核日誌。預設為系統使用者名稱。', 'Who is acting, for the audit log. Default: the user name.'),
  },
  wait: {
    value: '<seconds>',
    help: t('台账被另一个命令占用时最多等待的秒数（默认 30）。', '臺賬被另一個命令佔用時最多等待的秒數（預設 30）。', 'How long to wait while another command holds the ledger (default 30).'),
  },
  force: { help: t('允许覆盖已有的台账或文件。', '允許覆蓋既有的臺賬或檔案。', 'Allow replacing an existing ledger or file.') },
  jsonInput: { value: '<file|->', help: t('输入的 JSON 文件（- 为标准输入）。', '輸入的 JSON 檔案（- 為標準輸入）。', 'The JSON input file (- for standard input).') },
  jsonOutput: { help: t('以 JSON 输出。', '以 JSON 輸出。', 'Print JSON.') },
} satisfies Record<string, FlagSpec>;

/** A usage error: the cause, in the user's language (exit code 2). */
export class UsageError extends Error {
  constructor(
    readonly id: MessageId,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message(id, 'en-US', params));
    this.name = 'UsageError';
  }

  describe(locale: Locale): string {
    return message(this.id, locale, this.params);
  }
}

export interface Parsed {
  readonly command: Command;
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

/** The language of messages: --locale, then LC_ALL, LC_MESSAGES, LANG (POSIX order); zh-CN otherwise. */
export function messageLocale(argv: readonly string[]): Locale {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg.startsWith('--locale=') ? arg.slice('--locale='.length) : arg === '--locale' ? argv[i + 1] : undefined;
    if (value !== undefined && isLocale(value)) return value;
  }
  return resolveLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
}

/** The edit distance of two short words (for "did you mean"). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** The closest of `candidates` to `word`, if close enough to be a slip. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Finds the command the words select (the longest match), skipping global flags and their values. */
export function findCommand(argv: readonly string[], commands: readonly Command[]): { command?: Command; words: string[] } {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const arg = argv[i];
    if (arg.startsWith('-')) {
      const name = arg.replace(/^--?/, '').split('=')[0];
      if (!arg.includes('=') && GLOBAL_FLAGS[name === 'h' ? 'help' : name]?.value) i++;
      continue;
    }
    words.push(arg);
  }
  const matches = commands.filter((c) => c.words.every((w, i) => words[i] === w)).sort((a, b) => b.words.length - a.words.length);
  return { command: matches[0], words };
}

/** Parses the arguments of `command`: flags it does not take are usage errors, with the nearest one it does. */
export function parseArgs(argv: readonly string[], command: Command): Parsed {
  const specs: Record<string, FlagSpec> = { ...GLOBAL_FLAGS, ...command.flags };
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError('usageUnknownFlag', { flag: arg });
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const spec = specs[name];
    if (!spec) {
      const near = closest(name, Object.keys(specs));
      throw near ? new UsageError('usageUnknownFlagNear', { flag: `--${name}`, near: `--${near}` }) : new UsageError('usageUnknownFlag', { flag: `--${name}` });
    }
    if (spec.value === undefined) {
      if (inline !== undefined) throw new UsageError('usageFlagTakesNoValue', { flag: `--${name}` });
      flags.set(name, true);
    } else if (inline !== undefined || (i + 1 < argv.length && (argv[i + 1] === '-' || !argv[i + 1].startsWith('--')))) {
      const value = inline ?? argv[++i];
      if (spec.text) checkStorableText(value, `--${name}`);
      flags.set(name, value);
    } else {
      throw new UsageError('usageFlagNeedsValue', { flag: `--${name}`, value: spec.value });
    }
  }
  return { command, positional: positional.slice(command.words.length), flags };
}

export function flag(parsed: Parsed, name: string, required = false): string | undefined {
  const value = parsed.flags.get(name);
  if (value === true) throw new UsageError('usageFlagNeedsValue', { flag: `--${name}`, value: '' });
  if (value === undefined && required) throw new UsageError('usageFlagRequired', { flag: `--${name}` });
  return value;
}

/** A positional argument, named in the usage error when missing. */
export function argument(parsed: Parsed, index: number, name: string): string {
  const value = parsed.positional[index];
  if (value === undefined) throw new UsageError('usageArgumentMissing', { argument: name });
  return value;
}

/** No more positional arguments than `count`. */
export function noMoreArguments(parsed: Parsed, count: number): void {
  if (parsed.positional.length > count) throw new UsageError('usageExtraArgument', { argument: parsed.positional[count] });
}

export function localeFlag(parsed: Parsed): Locale {
  const value = flag(parsed, 'locale');
  if (value !== undefined && !isLocale(value)) throw new UsageError('usageBadLocale', { value, allowed: LOCALES.join(', ') });
  return value ?? resolveLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
}

export function clerkOf(parsed: Parsed): string {
  return flag(parsed, 'clerk') ?? process.env.USER ?? 'kefu';
}

/** --wait in milliseconds (default 30 s). */
export function waitOf(parsed: Parsed): number {
  const value = flag(parsed, 'wait');
  if (value === undefined) return 30_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError('usageBadNumber', { flag: '--wait', value });
  return seconds * 1000;
}

/** This run's station id in the numbering claims: a random id and the clerk's name, at most 40 characters (whole ones). */
export function station(clerk: string): string {
  return [...`${crypto.randomBytes(4).toString('hex')} ${clerk}`].slice(0, 40).join('');
}

// ————————————————————————————————————————————————————————————————— help

function wrap(text: string, width: number, indent: string): string[] {
  // CJK text has no spaces: it wraps at any character; a CJK character takes two columns.
  const lines: string[] = [];
  let line = '';
  let columns = 0;
  const tokens = text.match(/[\u2e80-\uffef]|[^\s\u2e80-\uffef]+|\s+/g) ?? [];
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      if (line) {
        line += ' ';
        columns += 1;
      }
      continue;
    }
    const w = [...token].reduce((n, ch) => n + (ch.charCodeAt(0) >= 0x2e80 ? 2 : 1), 0);
    if (columns + w > width && line.trim()) {
      lines.push(indent + line.trimEnd());
      line = '';
      columns = 0;
    }
    line += token;
    columns += w;
  }
  if (line.trim()) lines.push(indent + line.trimEnd());
  return lines;
}

export function usageLines(command: Command): string[] {
  return command.usage.map((u) => `kefu ${command.words.join(' ')}${u ? ` ${u}` : ''}`);
}

/** `kefu <command> --help`: its usage, what it does and its flags. */
export function commandHelp(command: Command, locale: Locale): string {
  const specs = { ...command.flags, ...GLOBAL_FLAGS };
  const flagLines = Object.entries(specs).flatMap(([name, spec]) => {
    const head = `  --${name}${spec.value ? ` ${spec.value}` : ''}`;
    return head.length < 26 ? wrap(spec.help[locale], 72, ' '.repeat(28)).map((l, i) => (i === 0 ? head.padEnd(28) + l.trimStart() : l)) : [head, ...wrap(spec.help[locale], 72, ' '.repeat(28))];
  });
  return [
    `${message('helpUsage', locale)}:`,
    ...usageLines(command).map((l) => `  ${l}`),
    '',
    ...command.help[locale].split('\n').flatMap((p) => wrap(p, 96, '')),
    '',
    `${message('helpOptions', locale)}:`,
    ...flagLines,
  ].join('\n');
}

/** A usage error: the cause on one line, then this command's usage only, and where its help is. */
export function usageText(error: UsageError, command: Command | undefined, locale: Locale): string {
  const lines = [`kefu: ${error.describe(locale)}`];
  if (command) {
    lines.push('', `${message('helpUsage', locale)}:`, ...usageLines(command).map((l) => `  ${l}`), '', message('helpMore', locale, { command: `kefu ${command.words.join(' ')} --help` }));
  } else {
    lines.push('', message('helpMore', locale, { command: 'kefu --help' }));
  }
  return lines.join('\n');
}

export async function readJsonInput(source: string): Promise<unknown> {
  const text =
    source === '-'
      ? await new Promise<string>((resolve, reject) => {
          let data = '';
          process.stdin.setEncoding('utf8');
          process.stdin.on('data', (chunk: string) => (data += chunk)); // a string: the encoding is set
          process.stdin.on('end', () => resolve(data));
          process.stdin.on('error', reject);
        })
      : await fs.readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') throw new KefuError([{ kind: 'fileNotFound', params: { path: source } }]);
          if (error.code === 'EISDIR') throw new KefuError([{ kind: 'isDirectory', params: { path: source } }]);
          if (error.code === 'EACCES') throw new KefuError([{ kind: 'noPermission', params: { path: source } }]);
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
