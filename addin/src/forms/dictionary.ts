import type { Locale, Text } from '../i18n/locale';
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
  /**
   * 'yes', 'no' or 'when <field> in <codes>' (for conditional requirements), with the step if any;
   * 'yes' says so when an import may leave the field blank, and what a blank means.
   */
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
          ? field.blankOnImport
            ? `yes (may be blank on import: ${field.blankOnImport['en-US']})`
            : 'yes'
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
export const TYPE_NOTES: Readonly<Record<string, Text>> = {
  text: { 'zh-CN': '文本', 'zh-TW': '文字', 'en-US': 'text' },
  longtext: { 'zh-CN': '文本（长）', 'zh-TW': '文字（長）', 'en-US': 'text (long)' },
  code: { 'zh-CN': '一个代码；单元格显示其在工作簿语言中的名称', 'zh-TW': '一個代碼；儲存格顯示其在活頁簿語言中的名稱', 'en-US': 'one code; the cell shows its label in the workbook language' },
  codes: { 'zh-CN': '多个代码；名称以“、”分隔', 'zh-TW': '多個代碼；名稱以「、」分隔', 'en-US': 'several codes; labels separated by 、' },
  date: { 'zh-CN': '日期（YYYY-MM-DD，单元格中为 Excel 日期）', 'zh-TW': '日期（YYYY-MM-DD，儲存格中為 Excel 日期）', 'en-US': 'date (YYYY-MM-DD, Excel date serial in the cell)' },
  datetime: {
    'zh-CN': '日期时间（YYYY-MM-DD HH:MM，本地时间，单元格中为 Excel 日期）',
    'zh-TW': '日期時間（YYYY-MM-DD HH:MM，當地時間，儲存格中為 Excel 日期）',
    'en-US': 'date-time (YYYY-MM-DD HH:MM, local time, Excel serial in the cell)',
  },
  int: { 'zh-CN': '整数', 'zh-TW': '整數', 'en-US': 'whole number' },
  decimal: { 'zh-CN': '数字', 'zh-TW': '數字', 'en-US': 'number' },
  money: { 'zh-CN': '人民币金额，两位小数（导出时为整数分）', 'zh-TW': '人民幣金額，兩位小數（匯出時為整數分）', 'en-US': 'amount in CNY with 2 decimals (integer fen in exports)' },
  percent: { 'zh-CN': '百分比（0.00%）', 'zh-TW': '百分比（0.00%）', 'en-US': 'percentage (0.00%)' },
  bool: { 'zh-CN': '是/否', 'zh-TW': '是/否', 'en-US': 'yes/no (是/否 in Chinese workbooks)' },
  'signature.name': { 'zh-CN': '签名人姓名', 'zh-TW': '簽名人姓名', 'en-US': 'name of the person who signed' },
  'signature.time': { 'zh-CN': '签名日期时间', 'zh-TW': '簽名日期時間', 'en-US': 'date-time of the signature' },
  ref: { 'zh-CN': '另一条记录的编号', 'zh-TW': '另一筆記錄的編號', 'en-US': 'number of another record' },
  file: { 'zh-CN': '附件名称或链接', 'zh-TW': '附件名稱或連結', 'en-US': 'attachment name or link' },
};
