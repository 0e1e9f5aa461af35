import type { Locale } from '../i18n/locale';
import { LOCALES } from '../i18n/locale';
import type { CellKind } from '../forms/columns';
import type { CodeDecl } from '../forms/types';

/**
 * Values as the domain sees them (DESIGN principles 10, 11):
 * text/code/ref → string; codes → string[]; date → 'YYYY-MM-DD'; datetime → 'YYYY-MM-DD HH:MM';
 * int/decimal → number; money → integer fen; percent → integer basis points; bool → boolean;
 * an empty cell → null.
 */
export type DomainValue = string | number | boolean | readonly string[] | null;
export type RecordValues = Readonly<Record<string, DomainValue>>;

/**
 * What a backend writes into a cell. `text` is user text that must stay text whatever it looks
 * like (DESIGN principle 6): each backend stores it in the way its engine cannot mistake for a
 * formula or a number.
 */
export type CellOut = { readonly text: string } | number | boolean | null;

/** What a backend read from a cell (a formula cell reads as its value). */
export type CellIn = string | number | boolean | null | undefined;

/** What a `codes` field puts between codes in a cell of a Chinese workbook (and what reads as one in any). */
export const CODES_SEPARATOR = '、';

/** What a `codes` field puts between the labels of a cell in a workbook of `locale`: 、 in Chinese, a semicolon in English (a label may hold a comma). */
export function codesSeparator(locale: Locale): string {
  return locale === 'en-US' ? '; ' : CODES_SEPARATOR;
}

/** The parts of a `codes` cell, whichever locale's separator it holds (、 or ;, full or half width). */
export function splitCodes(text: string): string[] {
  return text
    .split(/[、;；]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 in the 1900 date system (it counts the fictitious 1900-02-29), as UTC ms. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM[:SS]' → Excel serial (local calendar time, no time zone). */
export function toSerial(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (!m) throw new Error(`Not a local date or date-time: ${local}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  return (ms - EXCEL_EPOCH_MS) / MS_PER_DAY;
}

/** Excel serial → 'YYYY-MM-DD' (withTime false) or 'YYYY-MM-DD HH:MM'. Rounds to the minute. */
export function fromSerial(serial: number, withTime: boolean): string {
  const minutes = Math.round(serial * 1440);
  const day = Math.floor(minutes / 1440);
  const ymd = dayText(day);
  if (!withTime) return ymd;
  const inDay = minutes - day * 1440;
  return `${ymd} ${TWO_DIGITS[Math.floor(inDay / 60)]}:${TWO_DIGITS[inDay % 60]}`;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const DAY_TEXT = new Map<number, string>();

/** 'YYYY-MM-DD' of a day counted from Excel's epoch (remembered: a ledger has a few thousand days). */
function dayText(day: number): string {
  let text = DAY_TEXT.get(day);
  if (text === undefined) {
    text = new Date(EXCEL_EPOCH_MS + day * 86_400_000).toISOString().slice(0, 10);
    if (DAY_TEXT.size < 100_000) DAY_TEXT.set(day, text);
  }
  return text;
}

export function isValidLocalDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return date.getUTCFullYear() === +m[1] && date.getUTCMonth() === +m[2] - 1 && date.getUTCDate() === +m[3];
}

export function isValidLocalDateTime(text: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})$/.exec(text);
  return !!m && isValidLocalDate(m[1]) && +m[2] < 24 && +m[3] < 60;
}

/** Number formats of each kind of column, as both engines write them. */
export const NUMBER_FORMATS: Readonly<Record<CellKind, string>> = {
  text: 'General',
  code: 'General',
  codes: 'General',
  bool: 'General',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  int: '0',
  decimal: '0.####',
  money: '0.00',
  percent: '0.00%',
};

/**
 * The number format a backend writes with every value of a column of this kind, or null where
 * General shows the value as it is. A date read in General is a serial (46361.825), money 12.5
 * instead of 12.50, a rate 0.05 instead of 5.00%: these formats travel with the values, in the same
 * request, so no engine has to copy a column's format onto new rows (Excel may or may not do so
 * for rows written below a table; we do not rely on it).
 */
export function formatWrittenWith(kind: CellKind): string | null {
  return kind === 'date' || kind === 'datetime' || kind === 'money' || kind === 'percent' ? NUMBER_FORMATS[kind] : null;
}

/** The label a code shows in a cell of a workbook in `locale`. */
export function codeLabel(codes: readonly CodeDecl[], code: string, locale: Locale): string {
  return codes.find((c) => c.code === code)?.label[locale] ?? code;
}

/** Finds the code whose code or label (in any locale) is `text`. */
export function codeOf(codes: readonly CodeDecl[], text: string): string | undefined {
  const wanted = text.trim();
  for (const decl of codes) {
    if (decl.code === wanted) return decl.code;
    for (const locale of LOCALES) if (decl.label[locale] === wanted) return decl.code;
  }
  return undefined;
}

export interface ColumnLike {
  readonly key: string;
  readonly kind: CellKind;
  readonly codes?: readonly CodeDecl[];
}

/** Domain value → what goes into the cell of a workbook in `locale`. */
export function toCell(column: ColumnLike, value: DomainValue | undefined, locale: Locale): CellOut {
  if (value === null || value === undefined || value === '') return null;
  switch (column.kind) {
    case 'text':
      return { text: String(value) };
    case 'code':
      return { text: codeLabel(column.codes ?? [], String(value), locale) };
    case 'codes': {
      const list = Array.isArray(value) ? value : splitCodes(String(value));
      return { text: list.map((code) => codeLabel(column.codes ?? [], code, locale)).join(codesSeparator(locale)) };
    }
    case 'bool':
      return { text: codeLabel(column.codes ?? [], value === true ? 'yes' : 'no', locale) };
    case 'date':
    case 'datetime':
      return toSerial(String(value));
    case 'money':
      return Number(value) / 100;
    case 'percent':
      return Number(value) / 10_000;
    default:
      return Number(value);
  }
}

/**
 * Cell → domain value. Tolerant of what people type by hand: a code column accepts the code or a
 * label in any locale (an unknown text is kept as is, so nothing is lost; validation reports it).
 */
export function fromCell(column: ColumnLike, cell: CellIn): DomainValue {
  if (cell === null || cell === undefined || cell === '') return null;
  switch (column.kind) {
    case 'text':
      return typeof cell === 'number' ? String(cell) : String(cell);
    case 'code':
      return codeOf(column.codes ?? [], String(cell)) ?? String(cell);
    case 'codes':
      return splitCodes(String(cell)).map((part) => codeOf(column.codes ?? [], part) ?? part);
    case 'bool':
      if (typeof cell === 'boolean') return cell;
      return codeOf(column.codes ?? [], String(cell)) === 'yes';
    case 'date':
    case 'datetime':
      if (typeof cell === 'number') return fromSerial(cell, column.kind === 'datetime');
      return String(cell);
    case 'money':
      return typeof cell === 'number' ? roundHalfAwayFromZero(cell * 100) : Number(cell) * 100;
    case 'percent':
      return typeof cell === 'number' ? roundHalfAwayFromZero(cell * 10_000) : Number(cell);
    default:
      return typeof cell === 'number' ? cell : Number(cell);
  }
}

/** Excel's ROUND to an integer: half away from zero. */
export function roundHalfAwayFromZero(x: number): number {
  // Money read from a cell is yuan as a binary float; nudging by a tiny epsilon recovers 2.675 → 268.
  const r = Math.round(Math.abs(x) + 1e-9);
  return x < 0 ? -r : r;
}

export function isBlankRow(cells: readonly CellIn[]): boolean {
  return cells.every((cell) => cell === null || cell === undefined || cell === '');
}
