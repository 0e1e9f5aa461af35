import type { Text } from '../i18n/locale';
import { t, BOOL_CODES } from './codes';
import type { CodeDecl, FieldDecl, FormDecl } from './types';

/** What one worksheet column holds: the unit the ledger reads and writes. */
export type CellKind = 'text' | 'code' | 'codes' | 'date' | 'datetime' | 'int' | 'decimal' | 'money' | 'percent' | 'bool';

export interface ColumnDecl {
  /** Column key: the field key, or `<field>_by` / `<field>_at` for the two halves of a signature. */
  readonly key: string;
  readonly label: Text;
  readonly kind: CellKind;
  readonly field: FieldDecl;
  /** Allowed codes of a code/codes/bool column. */
  readonly codes?: readonly CodeDecl[];
}

/** Fields every record carries (brief: "Common fields on every record"), after the form's own. */
export function commonFields(form: Pick<FormDecl, 'statuses'>): readonly FieldDecl[] {
  const fields: FieldDecl[] = [{ key: 'site', type: 'text', label: t('项目', '項目', 'Site'), maxLength: 60, source: 'T' }];
  if (form.statuses.length > 0) {
    fields.push({ key: 'status', type: 'code', codes: form.statuses, label: t('状态', '狀態', 'Status'), system: true, source: 'T' });
  }
  fields.push(
    { key: 'created_at', type: 'datetime', label: t('创建时间', '建立時間', 'Created at'), system: true, source: 'T' },
    { key: 'created_by', type: 'text', label: t('创建人', '建立人', 'Created by'), system: true, source: 'T' },
    { key: 'voided', type: 'bool', label: t('作废', '作廢', 'Void'), system: true, source: 'T' },
    { key: 'void_reason', type: 'text', label: t('作废原因', '作廢原因', 'Void reason'), system: true, maxLength: 200, source: 'T' },
    { key: 'attachments', type: 'file', label: t('附件', '附件', 'Attachments'), maxLength: 500, source: 'T' },
    { key: 'remarks', type: 'longtext', label: t('备注', '備註', 'Remarks'), maxLength: 1000, source: 'T' },
  );
  return fields;
}

/** The form's fields followed by the common ones. */
export function allFields(form: FormDecl): readonly FieldDecl[] {
  return [...form.fields, ...commonFields(form)];
}

const SIGNED_BY = t('（签名）', '（簽名）', ' (name)');
const SIGNED_AT = t('（时间）', '（時間）', ' (time)');

function suffixed(label: Text, suffix: Text): Text {
  return t(label['zh-CN'] + suffix['zh-CN'], label['zh-TW'] + suffix['zh-TW'], label['en-US'] + suffix['en-US']);
}

function columnsOfField(field: FieldDecl): ColumnDecl[] {
  switch (field.type) {
    case 'signature':
      return [
        { key: `${field.key}_by`, label: suffixed(field.label, SIGNED_BY), kind: 'text', field },
        { key: `${field.key}_at`, label: suffixed(field.label, SIGNED_AT), kind: 'datetime', field },
      ];
    case 'code':
    case 'codes':
      return [{ key: field.key, label: field.label, kind: field.type, field, codes: field.codes ?? [] }];
    case 'bool':
      return [{ key: field.key, label: field.label, kind: 'bool', field, codes: BOOL_CODES }];
    case 'longtext':
    case 'ref':
    case 'file':
      return [{ key: field.key, label: field.label, kind: 'text', field }];
    default:
      return [{ key: field.key, label: field.label, kind: field.type, field }];
  }
}

const columnCache = new WeakMap<FormDecl, readonly ColumnDecl[]>();

/** The table columns of a form, in order. */
export function columnsOf(form: FormDecl): readonly ColumnDecl[] {
  let columns = columnCache.get(form);
  if (!columns) {
    columns = allFields(form).flatMap(columnsOfField);
    columnCache.set(form, columns);
  }
  return columns;
}

export function columnOf(form: FormDecl, key: string): ColumnDecl {
  const column = columnsOf(form).find((col) => col.key === key);
  if (!column) throw new Error(`Form ${form.key} has no column ${key}`);
  return column;
}
