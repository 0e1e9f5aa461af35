/**
 * Cell contents the way Excel treats them: what a value written through the API becomes (input
 * parsing), Excel date serial numbers, and the displayed text of a value under a number format.
 *
 * The host computes only the print sheets' formulas (formulas.ts). Any other formula cell keeps
 * the cached value it was loaded with (from an .xlsx file); written through the API it has no
 * value, and reading its `values` gives `NO_CALC` ("#HOST_NO_CALC!"), an error value Excel itself
 * never produces, so a test that depends on a calculated result fails visibly instead of passing
 * on a made-up number.
 */

import { invalidArgument } from './errors';

export type CellScalar = string | number | boolean | null;

/** `values` of a formula cell that has no cached result (see the module comment). */
export const NO_CALC = '#HOST_NO_CALC!';

/** Excel's error literals; a cell holding one of these reads as valueType "Error". */
export const ERROR_LITERALS: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  NO_CALC,
]);

// ---------------------------------------------------------------------------------------------
// Date serial numbers (1900 date system)
// ---------------------------------------------------------------------------------------------

/** Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

const EPOCH = daysFromCivil(1899, 12, 30);

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * The Excel serial number of a date (and time): 1900-01-01 is 1, Excel's non-existent 1900-02-29 is
 * 60, 2025-01-01 is 45658. Null for dates Excel does not accept (before 1900, after 9999, invalid).
 */
export function serialFromParts(y: number, m: number, d: number, hh = 0, mi = 0, ss = 0): number | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss >= 60) return null;
  let days: number;
  if (y === 1900 && m === 2 && d === 29) days = 60;
  else {
    if (d > daysInMonth(y, m)) return null;
    days = daysFromCivil(y, m, d) - EPOCH;
    if (days < 61) days -= 1; // before 1900-03-01 Excel counts from 1899-12-31
  }
  return (days * 86400 + hh * 3600 + mi * 60 + ss) / 86400;
}

export interface DateParts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
}

/** The calendar date and time of a serial number (Excel's fake 1900-02-29 included; 0 is 1900-01-00). */
export function partsFromSerial(serial: number): DateParts {
  let whole = Math.floor(serial);
  let secs = Math.round((serial - whole) * 86400);
  if (secs >= 86400) {
    whole += 1;
    secs -= 86400;
  }
  const hh = Math.floor(secs / 3600);
  const mi = Math.floor((secs % 3600) / 60);
  const ss = secs % 60;
  if (whole === 0) return { y: 1900, m: 1, d: 0, hh, mi, ss };
  if (whole === 60) return { y: 1900, m: 2, d: 29, hh, mi, ss };
  const { y, m, d } = civilFromDays(EPOCH + whole + (whole < 60 ? 1 : 0));
  return { y, m, d, hh, mi, ss };
}

/** "2025-01-01" → 45658; undefined when the text is not a valid date. */
export function serialFromIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  return serialFromParts(Number(m[1]), Number(m[2]), Number(m[3])) ?? undefined;
}

/** 45658 → "2025-01-01" (the time of day is dropped). */
export function isoDateFromSerial(serial: number): string {
  const p = partsFromSerial(serial);
  return `${String(p.y).padStart(4, '0')}-${pad2(p.m)}-${pad2(p.d)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------------
// Input parsing
// ---------------------------------------------------------------------------------------------

/** What one element of a `values` / `formulas` array written through the API does to its cell. */
export type ParsedInput =
  /** `null` (or undefined) in the input array: Office.js leaves the cell as it is. */
  | { readonly kind: 'skip' }
  /** The empty string: the cell's content is removed (its format stays). */
  | { readonly kind: 'clear' }
  | { readonly kind: 'value'; readonly value: string | number | boolean; readonly numberFormat?: string }
  | { readonly kind: 'formula'; readonly formula: string };

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const DATE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?: +(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Excel keeps 15 significant digits: "123456789012345678" becomes 123456789012345000. */
function fifteenDigits(n: number): number {
  return n === 0 ? 0 : Number(n.toPrecision(15));
}

function isGeneral(numberFormat: string): boolean {
  return numberFormat === '' || numberFormat.toLowerCase() === 'general';
}

/** Parses text the way Excel parses a typed entry; formulas are handled by the caller. */
function parseTypedText(text: string, numberFormat: string): ParsedInput {
  const t = text.trim();
  const general = isGeneral(numberFormat);
  if (PLAIN_NUMBER.test(t)) {
    const n = Number(t);
    if (Number.isFinite(n)) return { kind: 'value', value: fifteenDigits(n) };
  }
  if (GROUPED_NUMBER.test(t)) {
    const n = Number(t.replace(/,/g, ''));
    if (Number.isFinite(n)) {
      const fmt = t.includes('.') ? '#,##0.00' : '#,##0';
      return { kind: 'value', value: fifteenDigits(n), ...(general ? { numberFormat: fmt } : {}) };
    }
  }
  if (t.endsWith('%')) {
    const body = t.slice(0, -1).trim();
    if (PLAIN_NUMBER.test(body) || GROUPED_NUMBER.test(body)) {
      const n = Number(body.replace(/,/g, '')) / 100;
      if (Number.isFinite(n)) {
        const fmt = body.includes('.') ? '0.00%' : '0%';
        return { kind: 'value', value: fifteenDigits(n), ...(general ? { numberFormat: fmt } : {}) };
      }
    }
  }
  if (/^(true|false)$/i.test(t)) return { kind: 'value', value: t.toLowerCase() === 'true' };
  let m = DATE_TIME.exec(t);
  if (m) {
    const hasTime = m[4] !== undefined;
    const hasSeconds = m[6] !== undefined;
    const serial = serialFromParts(Number(m[1]), Number(m[2]), Number(m[3]), hasTime ? Number(m[4]) : 0, hasTime ? Number(m[5]) : 0, hasSeconds ? Number(m[6]) : 0);
    if (serial !== null) {
      const fmt = hasSeconds ? 'yyyy-mm-dd hh:mm:ss' : hasTime ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
      return { kind: 'value', value: serial, ...(general ? { numberFormat: fmt } : {}) };
    }
  }
  m = TIME_ONLY.exec(t);
  if (m) {
    const hh = Number(m[1]);
    const mi = Number(m[2]);
    const ss = m[3] !== undefined ? Number(m[3]) : 0;
    if (hh <= 23 && mi <= 59 && ss <= 59) {
      const fmt = m[3] !== undefined ? 'hh:mm:ss' : 'hh:mm';
      return { kind: 'value', value: (hh * 3600 + mi * 60 + ss) / 86400, ...(general ? { numberFormat: fmt } : {}) };
    }
  }
  return { kind: 'value', value: text };
}

/**
 * What Excel makes of one element written to `range.values` or `range.formulas`, given the cell's
 * current number format:
 *
 * - `null`/`undefined`: the cell is left alone; `""`: the content is cleared.
 * - numbers and booleans are stored as they are (NaN and ±Infinity are rejected).
 * - in a cell formatted as Text ("@") a string is stored verbatim, whatever it looks like.
 * - otherwise a string is parsed like a typed entry: a leading apostrophe makes the rest text
 *   (the apostrophe itself is not stored); "=…" is a formula; "+…" and "-…" that are not plain
 *   numbers become formulas ("+SUM(A1)" → "=+SUM(A1)", "-2+3" → "=-2+3"); "@…" becomes a formula
 *   without the "@" ("@SUM(A1)" → "=SUM(A1)"); numbers (with 15 significant digits, also "1,234"
 *   and "12%"), TRUE/FALSE, dates "YYYY-MM-DD" or "YYYY/M/D" with an optional " hh:mm[:ss]", and
 *   times "hh:mm[:ss]" become numbers/booleans/date serials. A date or percentage typed into a
 *   General cell also gives the cell a matching number format, as Excel does.
 */
export function parseCellInput(input: unknown, numberFormat: string): ParsedInput {
  if (input === null || input === undefined) return { kind: 'skip' };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw invalidArgument(`The value ${input} cannot be stored in a cell.`);
    return { kind: 'value', value: input };
  }
  if (typeof input === 'boolean') return { kind: 'value', value: input };
  if (input instanceof Date) return parseCellInput(input.toJSON(), numberFormat); // what JSON would carry
  if (typeof input !== 'string') {
    throw invalidArgument(`A cell value must be a string, number or boolean, not ${Array.isArray(input) ? 'an array' : typeof input}.`);
  }
  const s = input;
  if (s === '') return { kind: 'clear' };
  if (numberFormat === '@') return { kind: 'value', value: s };
  const first = s[0];
  if (first === "'") return s.length === 1 ? { kind: 'clear' } : { kind: 'value', value: s.slice(1) };
  if (first === '=' && s.length > 1) return { kind: 'formula', formula: s };
  if (first === '@' && s.length > 1) return { kind: 'formula', formula: `=${s.slice(1)}` };
  const typed = parseTypedText(s, numberFormat);
  if ((first === '+' || first === '-') && s.length > 1 && !(typed.kind === 'value' && typeof typed.value === 'number')) {
    return { kind: 'formula', formula: `=${s}` };
  }
  return typed;
}

// ---------------------------------------------------------------------------------------------
// Display text
// ---------------------------------------------------------------------------------------------

/** Excel's "General" display of a number in a standard-width column (at most 11 characters). */
export function generalNumberText(n: number): string {
  if (n === 0) return '0';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (Number.isInteger(abs) && abs < 1e11) return sign + String(abs);
  if (abs < 1e11 && abs >= 1e-9) {
    const intDigits = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 1;
    const decimals = Math.max(0, 10 - intDigits);
    const fixed = trimZeros(roundHalfAway(abs, decimals).toFixed(decimals));
    // Small numbers stay decimal only when the decimal text is exact; otherwise Excel goes scientific.
    if (fixed !== '0' && (abs >= 1e-4 || Number(fixed) === abs)) return sign + fixed;
  }
  return sign + scientific(abs, 5);
}

function scientific(abs: number, decimals: number): string {
  const [mant, exp] = abs.toExponential(decimals).split('e') as [string, string];
  const e = Number(exp);
  const mantissa = trimZeros(mant);
  return `${mantissa}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Rounds half away from zero at `decimals` places (Excel's display rounding). */
export function roundHalfAway(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Math.abs(x) * f;
  const r = Math.round(scaled + scaled * Number.EPSILON * 4);
  return (Math.sign(x) * r) / f;
}

interface FormatToken {
  kind: 'lit' | 'y' | 'm' | 'd' | 'h' | 'min' | 's' | 'ampm';
  text: string;
}

/** Splits a format into ';' sections, respecting quotes and escapes. */
function sections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') inQuote = !inQuote;
    if (ch === '\\' && !inQuote && i + 1 < fmt.length) {
      cur += ch + fmt[i + 1];
      i++;
      continue;
    }
    if (ch === ';' && !inQuote) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** Removes quoted text, escapes and [...] codes: what is left decides the kind of format. */
function bareCodes(section: string): string {
  return section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[_*]./g, '');
}

/** Whether a number format displays dates or times. */
export function isDateFormat(numberFormat: string): boolean {
  const first = sections(numberFormat)[0] ?? '';
  if (/^general$/i.test(first.trim())) return false;
  const bare = bareCodes(first);
  return /[ymdhs]/i.test(bare.replace(/am\/pm|a\/p/gi, 'h')) && !/[0#?]/.test(bare.replace(/[ymdhs]/gi, ''));
}

function currencySymbol(code: string): string {
  const m = /^\[\$([^-\]]*)(?:-[^\]]*)?\]$/.exec(code);
  return m ? m[1] : '';
}

function tokenizeDate(section: string): FormatToken[] {
  const tokens: FormatToken[] = [];
  let i = 0;
  while (i < section.length) {
    const ch = section[i];
    const rest = section.slice(i);
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      tokens.push({ kind: 'lit', text: section.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    if (ch === '\\' && i + 1 < section.length) {
      tokens.push({ kind: 'lit', text: section[i + 1] });
      i += 2;
      continue;
    }
    if (ch === '[') {
      const end = section.indexOf(']', i);
      const stop = end < 0 ? section.length : end;
      tokens.push({ kind: 'lit', text: currencySymbol(section.slice(i, stop + 1)) });
      i = stop + 1;
      continue;
    }
    if (ch === '_' || ch === '*') {
      tokens.push({ kind: 'lit', text: ch === '_' ? ' ' : '' });
      i += 2;
      continue;
    }
    if (/^am\/pm/i.test(rest)) {
      tokens.push({ kind: 'ampm', text: 'AM/PM' });
      i += 5;
      continue;
    }
    const run = /^([yYmMdDhHsS])\1*/.exec(rest);
    if (run) {
      const letter = run[1].toLowerCase();
      const kind = letter === 'y' ? 'y' : letter === 'm' ? 'm' : letter === 'd' ? 'd' : letter === 'h' ? 'h' : 's';
      tokens.push({ kind, text: run[0].toLowerCase() });
      i += run[0].length;
      continue;
    }
    tokens.push({ kind: 'lit', text: ch });
    i++;
  }
  // "m" right after an hour or right before a second means minutes.
  const codes = tokens.map((t, idx) => ({ t, idx })).filter(({ t }) => t.kind !== 'lit');
  codes.forEach(({ t }, k) => {
    if (t.kind !== 'm' || t.text.length > 2) return;
    const prev = codes[k - 1]?.t.kind;
    const next = codes[k + 1]?.t.kind;
    if (prev === 'h' || next === 's') t.kind = 'min';
  });
  return tokens;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatDate(serial: number, section: string): string {
  if (serial < 0) return '#'.repeat(11);
  const p = partsFromSerial(serial);
  const tokens = tokenizeDate(section);
  const twelveHour = tokens.some((t) => t.kind === 'ampm');
  const weekday = p.d === 0 ? 6 : (Math.floor(serial) + 6) % 7; // serial 1 (1900-01-01) was shown as Sunday
  return tokens
    .map((t) => {
      switch (t.kind) {
        case 'lit':
          return t.text;
        case 'y':
          return t.text.length <= 2 ? pad2(p.y % 100) : String(p.y);
        case 'm':
          if (t.text.length === 1) return String(p.m);
          if (t.text.length === 2) return pad2(p.m);
          if (t.text.length === 3) return MONTHS[p.m - 1].slice(0, 3);
          if (t.text.length === 5) return MONTHS[p.m - 1][0];
          return MONTHS[p.m - 1];
        case 'min':
          return t.text.length === 1 ? String(p.mi) : pad2(p.mi);
        case 'd':
          if (t.text.length === 1) return String(p.d);
          if (t.text.length === 2) return pad2(p.d);
          if (t.text.length === 3) return WEEKDAYS[weekday].slice(0, 3);
          return WEEKDAYS[weekday];
        case 'h': {
          const h = twelveHour ? ((p.hh + 11) % 12) + 1 : p.hh;
          return t.text.length === 1 ? String(h) : pad2(h);
        }
        case 's':
          return t.text.length === 1 ? String(p.ss) : pad2(p.ss);
        case 'ampm':
          return p.hh < 12 ? 'AM' : 'PM';
      }
    })
    .join('');
}

/** Formats a number with a numeric format section such as "0.00", "#,##0", "0%", "0.00E+00". */
function formatNumeric(n: number, section: string): string {
  // Split into prefix literal, number pattern, suffix literal.
  let prefix = '';
  let suffix = '';
  let pattern = '';
  let seenPattern = false;
  let i = 0;
  while (i < section.length) {
    const ch = section[i];
    let lit: string | null = null;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      lit = section.slice(i + 1, stop);
      i = stop + 1;
    } else if (ch === '\\' && i + 1 < section.length) {
      lit = section[i + 1]!;
      i += 2;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const stop = end < 0 ? section.length : end;
      lit = currencySymbol(section.slice(i, stop + 1));
      i = stop + 1;
    } else if (ch === '_') {
      lit = ' ';
      i += 2;
    } else if (ch === '*') {
      lit = '';
      i += 2;
    } else if (seenPattern && /[eE]/.test(ch) && /[+-]/.test(section[i + 1] ?? '')) {
      const exp = /^[eE][+-][0#?]+/.exec(section.slice(i))?.[0] ?? section.slice(i, i + 2);
      pattern += exp;
      i += exp.length;
      continue;
    } else if (/[0#?.,]/.test(ch)) {
      pattern += ch;
      seenPattern = true;
      i++;
      continue;
    } else if (ch === '%') {
      lit = '%';
      i++;
    } else {
      lit = ch;
      i++;
    }
    if (seenPattern) suffix += lit;
    else prefix += lit;
  }
  const percent = (prefix + suffix).includes('%') ? 100 : 1;
  const value = Math.abs(n) * percent;
  const expMatch = /[eE][+-]?(0+)/.exec(pattern);
  let body: string;
  if (expMatch) {
    const mantPattern = pattern.slice(0, expMatch.index);
    const decimals = (mantPattern.split('.')[1] ?? '').replace(/[^0#?]/g, '').length;
    const [mant, exp] = value.toExponential(decimals).split('e') as [string, string];
    const e = Number(exp);
    body = `${mant}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(expMatch[1].length, '0')}`;
  } else {
    const [intPat, decPat = ''] = pattern.split('.') as [string, string?];
    const decimalsMin = (decPat.match(/0/g) ?? []).length;
    const decimalsMax = (decPat.match(/[0#?]/g) ?? []).length;
    const grouping = /[0#?],[0#?]/.test(intPat);
    const trailingCommas = /,+$/.exec(intPat)?.[0].length ?? 0;
    const scaled = value / 1000 ** trailingCommas;
    const rounded = roundHalfAway(scaled, decimalsMax);
    let [intPart, decPart = ''] = rounded.toFixed(decimalsMax).split('.') as [string, string?];
    while (decPart.length > decimalsMin && decPart.endsWith('0')) decPart = decPart.slice(0, -1);
    const minInt = (intPat.match(/0/g) ?? []).length;
    if (intPart === '0' && minInt === 0) intPart = '';
    intPart = intPart.padStart(minInt, '0');
    if (grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    body = decimalsMax > 0 || pattern.includes('.') ? `${intPart}.${decPart}` : intPart;
    if (decPart === '' && decimalsMin === 0 && pattern.includes('.')) body = `${intPart}.`;
  }
  return prefix + body + suffix;
}

/**
 * The text Excel displays for a value under a number format, kept simple: General, fixed
 * decimals, thousands separators, percentages, scientific, literal text, sections for
 * positive;negative;zero;text, and date/time formats (yyyy, yy, m, mm, mmm, mmmm, d, dd, ddd, dddd,
 * h, hh, mm, ss, AM/PM). Column width is not simulated ("####" never appears for long numbers).
 */
export function formatCellText(value: CellScalar, numberFormat: string): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const fmt = numberFormat || 'General';
  const secs = sections(fmt);
  if (typeof value === 'string') {
    const textSection = secs.length >= 4 ? secs[3] : secs.find((s) => bareCodes(s).includes('@'));
    if (textSection === undefined) return value;
    return textSection
      .replace(/"([^"]*)"/g, '$1')
      .replace(/\\(.)/g, '$1')
      .replace('@', value);
  }
  let section: string;
  let n = value;
  let forceMinus = false;
  if (value < 0 && secs.length >= 2) {
    section = secs[1]!;
    n = -value;
  } else if (value === 0 && secs.length >= 3) {
    section = secs[2]!;
  } else {
    section = secs[0]!;
    forceMinus = value < 0;
  }
  const bare = bareCodes(section).trim();
  if (bare === '' && section.trim() !== '') return section.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  if (/^general$/i.test(bare) || bare === '' || bare === '@') return generalNumberText(value);
  if (isDateFormat(section)) return formatDate(n, section);
  if (!/[0#?]/.test(bare)) return generalNumberText(value);
  const text = formatNumeric(n, section);
  return forceMinus && /[1-9]/.test(text) ? `-${text}` : text;
}

/** Excel's * ? ~ wildcards (find, MATCH) as a regular expression: whole text or anywhere, with or without case. */
export function wildcardRegExp(text: string, complete: boolean, matchCase: boolean): RegExp {
  let src = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '~' && i + 1 < text.length && '*?~'.includes(text[i + 1])) {
      src += `\\${text[i + 1]}`;
      i++;
    } else if (ch === '*') src += '[\\s\\S]*';
    else if (ch === '?') src += '[\\s\\S]';
    else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(complete ? `^${src}$` : src, matchCase ? 'u' : 'iu');
}
