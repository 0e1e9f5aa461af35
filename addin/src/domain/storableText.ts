import { KefuError, type Problem } from '../core/problems';
import { idNumberProblem } from './personalData';

/**
 * What Excel can store, checked where input enters — form fields, signatures' names, reasons,
 * titles, imported cells, the command line's free-text flags and JSON — so that nothing is written
 * that would damage the ledger or change on the way in.
 *
 * Text: a cell's text lives in the workbook's XML, and XML 1.0 admits below U+0020 only tab, line
 * feed and carriage return, neither U+FFFE nor U+FFFF, and no half of a surrogate pair. exceljs
 * writes such text as it is and the workbook no longer opens (kefu, openpyxl and Excel refuse it);
 * Excel itself would drop or mangle it. So it is refused, naming the first such character by its
 * position (1-based, counting characters as a user does: a pair of surrogates is one character)
 * and its code point.
 *
 * Numbers: Excel keeps 15 significant digits, and JSON.parse rounds beyond about 17
 * (12345678901234567 becomes 12345678901234568), so more than 15 are refused, not rounded.
 */

export type UnstorableKind = 'unstorableControl' | 'unstorableNonCharacter' | 'unstorableSurrogate';

export interface UnstorableCharacter {
  readonly kind: UnstorableKind;
  /** 1-based position among the text's characters (code points). */
  readonly position: number;
  /** The character's code point, e.g. U+0007. */
  readonly code: string;
}

/** Most digits of a number Excel keeps. */
export const EXCEL_DIGITS = 15;

// Without the u flag a regular expression sees UTF-16 code units, so a lone surrogate is one match.
// eslint-disable-next-line no-control-regex -- the control characters Excel cannot store are what it looks for
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A quick first look (one character class): most text has none of these, not even a surrogate pair. */
// eslint-disable-next-line no-control-regex -- as above
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** The first character of `text` Excel cannot store, or undefined when all can be stored. */
export function firstUnstorable(text: string): UnstorableCharacter | undefined {
  if (!SUSPECT.test(text)) return undefined;
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  const unit = match[0].charCodeAt(0);
  const kind: UnstorableKind = unit < 0x20 ? 'unstorableControl' : unit >= 0xfffe ? 'unstorableNonCharacter' : 'unstorableSurrogate';
  // Every code point before the match is well formed (the match is the first ill-formed one).
  let position = 1;
  for (let i = 0; i < match.index; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i += 1;
    position += 1;
  }
  return { kind, position, code: `U+${unit.toString(16).toUpperCase().padStart(4, '0')}` };
}

const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** `text` without the characters Excel cannot store. */
export function withoutUnstorable(text: string): string {
  return text.replace(UNSTORABLE_ALL, '');
}

/** The problem (without where) of text Excel cannot store, or undefined. */
export function unstorableProblem(text: string): Pick<Problem, 'kind' | 'params'> | undefined {
  const found = firstUnstorable(text);
  return found && { kind: found.kind, params: { position: found.position, code: found.code } };
}

/**
 * For the command line's free-text flags (`--clerk`, `--reason`, `--title`, `--site` …): throws a
 * KefuError naming `what` as given (the flag, e.g. "--clerk"), the character's position and its
 * code point, when `text` holds a character Excel cannot store.
 */
export function checkStorableText(text: string, what: string): void {
  // A text typed on the command line reaches a workbook: no resident ID number either (personalData.ts).
  const problem = unstorableProblem(text) ?? idNumberProblem(text);
  if (problem) throw new KefuError([{ ...problem, field: what }]);
}

/**
 * The clerk's name and site of an operation: they reach the audit log, the numbering claims and
 * report sheets. Named in messages by `inputName` ("clerk", "site"). Neither may hold a resident
 * ID number (personalData.ts) either.
 */
export function checkActor(actor: { readonly clerk: string; readonly site?: string }): void {
  const problems: Problem[] = [];
  for (const [field, text] of [
    ['clerk', actor.clerk],
    ['site', actor.site ?? ''],
  ] as const) {
    const problem = unstorableProblem(text) ?? idNumberProblem(text);
    if (problem) problems.push({ ...problem, field });
  }
  if (problems.length > 0) throw new KefuError(problems);
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Significant digits of a decimal number as written ("0012.3400" → 4, "-1.5e300" → 2). */
export function significantDigits(number: string): number {
  const mantissa = number
    .trim()
    .replace(/^[+-]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '');
  return mantissa.replace(/^0+/, '').replace(/0+$/, '').length;
}

/**
 * Numbers of JSON text (tokens outside strings) with more than 15 significant digits, which
 * JSON.parse would round and Excel could not keep: each named by where it is — the record (its
 * 1-based position when the input is an array of several) and the field (its key, nested keys
 * joined by dots). `text` must be valid JSON (parse it first).
 */
export function impreciseJsonNumbers(text: string): Problem[] {
  interface Frame {
    readonly array: boolean;
    index: number;
    key?: string;
    expectKey: boolean;
  }
  const stack: Frame[] = [];
  const problems: Array<{ path: (string | number)[]; value: string; digits: number }> = [];
  let topLength = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end + 1)) as string;
        top.expectKey = false;
      }
      i = end + 1;
    } else if (c === '{' || c === '[') {
      stack.push({ array: c === '[', index: 0, expectKey: c === '{' });
      i += 1;
    } else if (c === '}' || c === ']') {
      const closed = stack.pop()!;
      if (stack.length === 0 && closed.array) topLength = closed.index + 1;
      i += 1;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top.array) top.index += 1;
      else top.expectKey = true;
      i += 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const token = NUMBER.exec(text)![0];
      const digits = significantDigits(token);
      if (digits > EXCEL_DIGITS) problems.push({ path: stack.map((f) => (f.array ? f.index : f.key!)), value: token, digits });
      i += token.length;
    } else i += 1; // whitespace, ':' and the letters of true, false, null
  }
  return problems.map(({ path, value, digits }) => {
    // An array of several records names the record by its position, as other input problems do.
    const record = typeof path[0] === 'number' && topLength > 1 ? path[0] + 1 : undefined;
    const keys = (typeof path[0] === 'number' ? path.slice(1) : path).map(String);
    return {
      kind: 'tooManyDigits',
      ...(keys.length > 0 ? { field: keys.join('.') } : {}),
      ...(record !== undefined ? { row: record } : {}),
      params: { value, digits, max: EXCEL_DIGITS },
    };
  });
}
