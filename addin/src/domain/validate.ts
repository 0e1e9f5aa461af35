import { allFields } from '../forms/columns';
import { BOOL_CODES } from '../forms/codes';
import type { FieldDecl, FormDecl } from '../forms/types';
import { codeOf, isValidLocalDate, isValidLocalDateTime, type DomainValue } from '../ledger/cells';
import type { Problem } from '../core/problems';
import { idNumberProblem } from './personalData';
import { EXCEL_DIGITS, significantDigits, unstorableProblem } from './storableText';

/**
 * Checks what a clerk (or a JSON file) provides for one step of a form against its declaration and
 * turns it into domain values keyed by column key. Returns every problem, not just the first.
 */
export interface ValidationResult {
  readonly values: Record<string, DomainValue>;
  readonly problems: Problem[];
}

export interface ValidateOptions {
  /** The workflow step being recorded; absent for the creation of a record. */
  readonly step?: string;
  /** 1-based position of this record in the input, for messages. */
  readonly row?: number;
  /** A row of another system's export: a required field declared `blankOnImport` may be blank. */
  readonly importing?: boolean;
}

/** The fields a clerk fills in at a step (creation when `step` is absent). */
export function fieldsForStep(form: FormDecl, step?: string): FieldDecl[] {
  return allFields(form).filter((f) => !f.system && f.step === step);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Decimal text → integer in units of 10^-scale, exactly (no binary floating point). */
export function parseScaled(text: string, scale: number): number | undefined {
  const m = /^\s*([+-]?)(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  const [, sign, whole, frac = ''] = m;
  if (frac.length > scale && /[^0]/.test(frac.slice(scale))) return undefined;
  const units = Number(whole + frac.padEnd(scale, '0').slice(0, scale));
  return sign === '-' ? -units : units;
}

function normalizeDate(text: string): string {
  return text
    .trim()
    .replace(/\//g, '-')
    .replace(/^(\d{4})-(\d)-/, '$1-0$2-')
    .replace(/-(\d)$/, '-0$1');
}

function normalizeDateTime(text: string): string {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text.trim());
  if (!m) return text;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')} ${m[4].padStart(2, '0')}:${m[5]}`;
}

/** Checks and converts one value of `field` (not a signature: see validateInput). */
function convert(field: FieldDecl, raw: unknown, problem: (p: Omit<Problem, 'form' | 'row'>) => void, key = field.key): DomainValue {
  // Several codes come as a list of them (the pane's check boxes, a JSON array) or as text separated by 、 or commas.
  if (field.type === 'codes' && Array.isArray(raw) && raw.every((x) => typeof x === 'string')) raw = raw.join('、');
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
  if (text === undefined || (typeof raw === 'object' && raw !== null)) {
    problem({ kind: 'notText', field: key, params: { value: JSON.stringify(raw) } });
    return null;
  }
  // Text Excel cannot store is refused before anything else is said about the value.
  const unstorable = typeof raw === 'string' ? unstorableProblem(raw) : undefined;
  if (unstorable) {
    problem({ ...unstorable, field: key });
    return text;
  }
  switch (field.type) {
    case 'text':
    case 'longtext':
    case 'ref':
    case 'file': {
      if (field.maxLength !== undefined && [...text].length > field.maxLength) {
        problem({ kind: 'tooLong', field: key, params: { length: [...text].length, max: field.maxLength } });
      }
      // No resident ID number in any text of any form (PIPL): record the document type only.
      const idNumber = idNumberProblem(text);
      if (idNumber) problem({ ...idNumber, field: key });
      return text;
    }
    case 'code': {
      const code = codeOf(field.codes ?? [], text);
      if (code === undefined) problem({ kind: 'notInList', field: key, params: { value: text } });
      return code ?? text;
    }
    case 'codes': {
      const parts = text
        .split(/[、,，]/)
        .map((s) => s.trim())
        .filter(Boolean);
      return parts.map((part) => {
        const code = codeOf(field.codes ?? [], part);
        if (code === undefined) problem({ kind: 'notInList', field: key, params: { value: part } });
        return code ?? part;
      });
    }
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      const code = codeOf(BOOL_CODES, text) ?? ({ true: 'yes', false: 'no' } as Record<string, string>)[text.toLowerCase()];
      if (code === undefined) problem({ kind: 'notInList', field: key, params: { value: text } });
      return code === 'yes';
    }
    case 'date': {
      const date = normalizeDate(text);
      if (!isValidLocalDate(date)) problem({ kind: 'notDate', field: key, params: { value: text } });
      return date;
    }
    case 'datetime':
    case 'signature': {
      const dateTime = normalizeDateTime(text);
      if (!isValidLocalDateTime(dateTime)) problem({ kind: 'notDateTime', field: key, params: { value: text } });
      return dateTime;
    }
    case 'int':
    case 'decimal':
    case 'money':
    case 'percent': {
      const scale = field.type === 'money' ? 2 : field.type === 'percent' ? 2 : field.type === 'decimal' ? 6 : 0;
      const units = parseScaled(text, scale);
      if (units === undefined) {
        problem({ kind: field.type === 'int' ? 'notInteger' : 'notNumber', field: key, params: { value: text } });
        return null;
      }
      // Written out (JSON strings, CSV cells, the pane): more digits than Excel keeps would be rounded.
      if (typeof raw === 'string' && significantDigits(text) > EXCEL_DIGITS) {
        problem({ kind: 'tooManyDigits', field: key, params: { value: text.trim(), digits: significantDigits(text), max: EXCEL_DIGITS } });
        return null;
      }
      const asNumber = units / 10 ** scale;
      if ((field.min !== undefined && asNumber < field.min) || (field.max !== undefined && asNumber > field.max)) {
        problem({ kind: 'outOfRange', field: key, params: { value: text, min: field.min ?? '−∞', max: field.max ?? '∞' } });
      }
      // money: fen; percent: basis points; int/decimal: the number itself.
      return field.type === 'money' || field.type === 'percent' ? units : asNumber;
    }
  }
}

/** Validates the input of one step of `form`. Unknown keys and system fields are reported. */
export function validateInput(form: FormDecl, input: unknown, options: ValidateOptions = {}): ValidationResult {
  const problems: Problem[] = [];
  const values: Record<string, DomainValue> = {};
  const report = (p: Omit<Problem, 'form' | 'row'>) => problems.push({ ...p, form: form.key, row: options.row });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    report({ kind: 'notObject' });
    return { values, problems };
  }
  const given = input as Record<string, unknown>;
  const fields = fieldsForStep(form, options.step);
  const known = new Set<string>();
  for (const field of fields) {
    known.add(field.key);
    if (field.type === 'signature') known.add(`${field.key}_by`).add(`${field.key}_at`);
  }
  const everyField = allFields(form);
  for (const key of Object.keys(given)) {
    if (known.has(key)) continue;
    const base = key.replace(/_(by|at)$/, '');
    const decl = everyField.find((f) => f.key === key || (f.type === 'signature' && f.key === base));
    report({ kind: decl?.system ? 'systemField' : 'unknownField', field: decl ? key : undefined, params: { value: key, allowed: [...known].join(', ') } });
  }

  // Code values first, so conditional requirements can look at them.
  const codeValue = (key: string): string | undefined => {
    const field = everyField.find((f) => f.key === key);
    const raw = given[key];
    if (!field || isEmpty(raw)) return undefined;
    if (field.type === 'bool') return raw === true || codeOf(BOOL_CODES, String(raw)) === 'yes' || raw === 'true' ? 'yes' : 'no';
    return codeOf(field.codes ?? [], String(raw));
  };

  for (const field of fields) {
    let required = field.required === true && !(options.importing && field.blankOnImport);
    if (field.required && field.required !== true) {
      const other = codeValue(field.required.when.field);
      required = other !== undefined && field.required.when.in.includes(other);
    }
    const missingKind = field.required === true ? 'required' : 'requiredWhen';
    if (field.type === 'signature') {
      const nested = given[field.key];
      const by = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>).by : given[`${field.key}_by`];
      const at = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>).at : given[`${field.key}_at`];
      if (isEmpty(by)) {
        if (required) report({ kind: missingKind, field: `${field.key}_by` });
      } else {
        values[`${field.key}_by`] = convert({ ...field, type: 'text', maxLength: 50 }, by, report, `${field.key}_by`);
      }
      if (isEmpty(at)) {
        if (required) report({ kind: missingKind, field: `${field.key}_at` });
      } else {
        values[`${field.key}_at`] = convert(field, at, report, `${field.key}_at`);
      }
      continue;
    }
    const raw = given[field.key];
    if (isEmpty(raw) || (Array.isArray(raw) && raw.length === 0)) {
      if (required) report({ kind: missingKind, field: field.key });
      continue;
    }
    values[field.key] = convert(field, raw, report);
  }
  return { values, problems };
}
