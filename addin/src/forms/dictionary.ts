import type { Locale } from '../i18n/locale';
import { FORMS } from './index';
import { columnsOf } from './columns';
import { BOOL_CODES } from './codes';

/**
 * The data dictionary: one entry per column of every form table. It is how finance and other
 * systems integrate with a ledger, so the workbook's dictionary sheet, `kefu dictionary` and
 * docs/data-dictionary.md are all printed from this one function.
 */
export interface DictionaryEntry {
  readonly table: string;
  readonly form: string;
  readonly formTitle: Readonly<Record<Locale, string>>;
  readonly column: string;
  readonly labels: Readonly<Record<Locale, string>>;
  readonly type: string;
  /** 'yes', 'no' or 'when <field> in <codes>' (for conditional requirements), with the step if any. */
  readonly required: string;
  /** Allowed codes as `code=zh-CN label/zh-TW label/en-US label`, for code columns. */
  readonly values: readonly { code: string; labels: Readonly<Record<Locale, string>> }[];
  readonly source: 'S' | 'T';
  readonly system: boolean;
}

export function dataDictionary(): DictionaryEntry[] {
  return FORMS.flatMap((form) =>
    columnsOf(form).map((column) => {
      const field = column.field;
      const requirement =
        field.required === true
          ? 'yes'
          : field.required
            ? `when ${field.required.when.field} in ${field.required.when.in.join('|')}`
            : 'no';
      const codes = column.kind === 'bool' ? BOOL_CODES : (column.codes ?? []);
      const type = field.type === 'signature' ? `signature.${column.key.endsWith('_by') ? 'name' : 'time'}` : field.type;
      return {
        table: form.key,
        form: form.code,
        formTitle: form.title,
        column: column.key,
        labels: column.label,
        type,
        required: field.step && requirement !== 'no' ? `${requirement} (at ${field.step})` : requirement,
        values: codes.map((c) => ({ code: c.code, labels: c.label })),
        source: field.source,
        system: !!field.system,
      };
    }),
  );
}

/** How each type is held in a cell, for the dictionary's readers. */
export const TYPE_NOTES: Readonly<Record<string, string>> = {
  text: 'text',
  longtext: 'text (long)',
  code: 'one code; the cell shows its label in the workbook language',
  codes: 'several codes; labels separated by 、',
  date: 'date (YYYY-MM-DD, Excel date serial in the cell)',
  datetime: 'date-time (YYYY-MM-DD HH:MM, local time, Excel serial in the cell)',
  int: 'whole number',
  decimal: 'number',
  money: 'amount in CNY with 2 decimals (integer fen in exports)',
  percent: 'percentage (0.00%)',
  bool: '是/否 (yes/no)',
  'signature.name': 'name of the person who signed',
  'signature.time': 'date-time of the signature',
  ref: 'number of another record',
  file: 'attachment name or link',
};
