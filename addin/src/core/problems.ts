import { LOCALES, type Locale, type Text } from '../i18n/locale';
import { inputName, joinList, message, type MessageId } from '../i18n/messages';
import { findForm } from '../forms';
import { allFields, columnsOf } from '../forms/columns';
import { BOOL_CODES } from '../forms/codes';
import type { FieldDecl, FormDecl } from '../forms/types';

/**
 * One thing wrong with an input or a workbook, located as precisely as we can: the form (its
 * sheet), the row (1-based, as the user counts: a worksheet row, or the n-th record of an input
 * file) and the field. Rendered in the user's language by `describeProblem`.
 */
export interface Problem {
  readonly kind: MessageId;
  readonly form?: string;
  readonly field?: string;
  readonly row?: number;
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * Params that name something in each locale: `{name}_zhCN`, `{name}_zhTW`, `{name}_enUS`. A message
 * reads them as `{name}` in its own locale (or by the suffixed name), so a code, a rule parameter or
 * a worker reaches the user as its label in the user's language, never as the code.
 */
export function localized(name: string, text: Text): Record<string, string> {
  const out: Record<string, string> = {};
  for (const locale of LOCALES) out[`${name}_${locale.replace('-', '')}`] = text[locale];
  return out;
}

/** A typed error carrying every problem found; nothing was written when it is thrown. */
export class KefuError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => describeProblem(p, 'en-US')).join('\n'));
    this.name = 'KefuError';
  }

  describe(locale: Locale): string[] {
    return this.problems.map((p) => describeProblem(p, locale));
  }
}

function fieldOrColumn(form: FormDecl, key: string): { label: FieldDecl['label']; field?: FieldDecl } | undefined {
  const field = allFields(form).find((f) => f.key === key);
  if (field) return { label: field.label, field };
  const column = columnsOf(form).find((c) => c.key === key);
  return column ? { label: column.label, field: column.field } : undefined;
}

function allowedLabels(field: FieldDecl | undefined, locale: Locale): string {
  const codes = field?.type === 'bool' ? BOOL_CODES : (field?.codes ?? []);
  return joinList(
    codes.map((c) => c.label[locale]),
    locale,
  );
}

function problemParams(problem: Problem, locale: Locale): Record<string, string | number> {
  const form = problem.form ? findForm(problem.form) : undefined;
  const sheet = form ? form.sheet[locale] : String(problem.params?.sheet ?? '');
  const found = form && problem.field ? fieldOrColumn(form, problem.field) : undefined;
  const column = found ? found.label[locale] : problem.field ? inputName(problem.field, locale) : '';
  const params: Record<string, string | number> = { ...problem.params, sheet, column };
  const suffix = `_${locale.replace('-', '')}`;
  for (const [name, value] of Object.entries(problem.params ?? {})) if (name.endsWith(suffix)) params[name.slice(0, -suffix.length)] = value;
  if (problem.kind === 'notInList') params.allowed = allowedLabels(found?.field, locale);
  if (problem.kind === 'requiredWhen' && form && found?.field?.required && found.field.required !== true) {
    const when = found.field.required.when;
    const other = fieldOrColumn(form, when.field);
    params.other = other ? other.label[locale] : when.field;
    const codes = other?.field?.type === 'bool' ? BOOL_CODES : (other?.field?.codes ?? []);
    params.values = joinList(
      when.in.map((code) => codes.find((c) => c.code === code)?.label[locale] ?? code),
      locale,
    );
  }
  if (form && typeof problem.params?.wholeField === 'string') {
    // Another column of the same row, named in the user's language (e.g. "Maintained").
    params.whole = fieldOrColumn(form, problem.params.wholeField)?.label[locale] ?? problem.params.wholeField;
  }
  if (problem.kind === 'unknownField' && form && !params.allowed) {
    params.allowed = joinList(
      allFields(form)
        .filter((f) => !f.system)
        .map((f) => f.key),
      locale,
    );
  }
  return params;
}

/** What is wrong, without where: for a message shown under the field itself. */
export function problemMessage(problem: Problem, locale: Locale): string {
  return message(problem.kind, locale, problemParams(problem, locale));
}

/** What is wrong and where (sheet, row, column), in the user's language. */
export function describeProblem(problem: Problem, locale: Locale): string {
  const form = problem.form ? findForm(problem.form) : undefined;
  const params = problemParams(problem, locale);
  let where = '';
  // A problem in an input file (an import) names the file and its row instead of the sheet.
  if (problem.params?.file !== undefined) {
    if (problem.field && problem.row !== undefined) where = message('whereFile', locale, { ...params, row: problem.row });
    else if (problem.row !== undefined) where = message('whereFileRow', locale, { ...params, row: problem.row });
    else where = message('whereFileOnly', locale, params);
    return where + message(problem.kind, locale, params);
  }
  // Without a form the input is not a sheet's: a command-line flag, the clerk's name, a JSON record.
  if (problem.field && problem.row !== undefined) where = message(form ? 'where' : 'whereRecord', locale, { ...params, row: problem.row });
  else if (problem.field) where = message(form ? 'whereNoRow' : 'whereInput', locale, params);
  else if (form) where = message('whereForm', locale, params);
  return where + message(problem.kind, locale, params);
}
