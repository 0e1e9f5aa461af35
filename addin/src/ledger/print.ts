import type { Locale, Text } from '../i18n/locale';
import { FORMS, findForm } from '../forms';
import { t } from '../forms/codes';
import { columnsOf, type CellKind, type ColumnDecl } from '../forms/columns';
import type { CopyDecl, FormDecl } from '../forms/types';
import { KefuError } from '../core/problems';

/**
 * Print layouts that look like the paper forms (issue 4 item 4), as a pure description derived
 * from the form declarations: one block per paper copy (联/聯) — the form's title, the copy's name
 * and where it goes, every field of the form (the site's own columns included), and the signature
 * boxes with names and times — each block on its own A4 page. `xlsx/printSheets.ts` renders it
 * into the ledger template as a print sheet whose cells are INDEX/MATCH formulas over the form's
 * sheet, driven by one input cell holding a record number; `printRequest` is what the add-in's
 * Print action writes into that cell. docs/printing-and-binding.md explains both to users.
 */

/** Paper forms printed without copies (the form itself is the one sheet of paper). */
const SINGLE_COPY_PAPER_FORMS: readonly string[] = ['return_visits'];

/** How many columns a site may add to the right of a form's table and still see them printed. */
export const PRINTED_EXTRA_COLUMNS = 6;

/** The cell a clerk (or the add-in) types the record number into, and its row. */
export const PRINT_INPUT_CELL = 'B1';
/** The first printed row (rows above it hold the input cell and a hint, outside the print area). */
export const PRINT_FIRST_ROW = 3;

export const PRINT_TEXT = {
  sheetPrefix: t('打印-', '列印-', 'Print '),
  input: t('输入编号：', '輸入編號：', 'Record no.:'),
  hint: t(
    '在 B1 输入编号，然后打印本表（只打印第 3 行以下）。',
    '在 B1 輸入編號，然後列印本表（只列印第 3 列以下）。',
    'Type a record number in B1, then print this sheet (only the rows from 3 down are printed).',
  ),
  enterNumber: t('← 请输入编号', '← 請輸入編號', '← type a record number'),
  notFound: t('找不到该编号', '找不到該編號', 'No record with this number'),
  signatures: t('签名栏', '簽名欄', 'Signatures'),
  signedBy: t('签名', '簽名', 'Name'),
  signedAt: t('时间', '時間', 'Time'),
  extra: t('（补充栏）', '（補充欄）', '(site column)'),
  page: t('第 &P 页，共 &N 页', '第 &P 頁，共 &N 頁', 'Page &P of &N'),
} as const satisfies Record<string, Text>;

/** The forms that have a print sheet: every form with paper copies, and the single-copy paper forms. */
export function printedForms(): FormDecl[] {
  return FORMS.filter((form) => form.copies.length > 0 || SINGLE_COPY_PAPER_FORMS.includes(form.key));
}

/** The print sheet's name: the prefix and the form's sheet name, at most 31 characters. */
export function printSheetName(form: FormDecl, locale: Locale): string {
  return (PRINT_TEXT.sheetPrefix[locale] + form.sheet[locale]).slice(0, 31);
}

/** The copies printed for a form: its declared copies, or one unlabelled copy. */
export function printedCopies(form: FormDecl): readonly (CopyDecl | null)[] {
  return form.copies.length > 0 ? form.copies : [null];
}

/** A field shown on a print sheet: its label and the column (by header label) whose value it shows. */
export interface PrintedField {
  readonly label: string;
  readonly header: string;
  readonly cellKind: CellKind;
}

/** One printed row of a copy block. */
export type PrintRow =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'copy'; readonly label: string; readonly route: string }
  /** The record number, or a long text: one field across the width of the page. */
  | { readonly kind: 'wide'; readonly field: PrintedField; readonly key: boolean }
  /** Two short fields side by side (the second may be absent on the last row). */
  | { readonly kind: 'pair'; readonly fields: readonly PrintedField[] }
  /** Two columns the site added to the right of the form's table: 0-based offsets past ours. */
  | { readonly kind: 'extra'; readonly offsets: readonly number[] }
  | { readonly kind: 'signatureTitle'; readonly text: string }
  | { readonly kind: 'signature'; readonly label: string; readonly byHeader: string; readonly atHeader: string };

/** The rows of one copy block, in print order. */
export function copyBlock(form: FormDecl, copy: CopyDecl | null, locale: Locale): PrintRow[] {
  const columns = columnsOf(form);
  const rows: PrintRow[] = [{ kind: 'title', text: form.title[locale] }];
  if (copy) rows.push({ kind: 'copy', label: copy.label[locale], route: copy.route[locale] });
  const printed = (column: ColumnDecl): PrintedField => ({ label: column.label[locale], header: column.label[locale], cellKind: column.kind });
  const keyColumn = columns.find((c) => c.key === form.keyField);
  if (keyColumn) rows.push({ kind: 'wide', field: printed(keyColumn), key: true });
  let pending: PrintedField[] = [];
  const flush = () => {
    if (pending.length > 0) rows.push({ kind: 'pair', fields: pending });
    pending = [];
  };
  for (const column of columns) {
    if (column.key === form.keyField || column.field.type === 'signature') continue;
    if (column.field.type === 'longtext') {
      flush();
      rows.push({ kind: 'wide', field: printed(column), key: false });
      continue;
    }
    pending.push(printed(column));
    if (pending.length === 2) flush();
  }
  flush();
  for (let offset = 0; offset < PRINTED_EXTRA_COLUMNS; offset += 2) rows.push({ kind: 'extra', offsets: [offset, offset + 1] });
  const signatures = columns.filter((c) => c.field.type === 'signature' && c.key.endsWith('_by'));
  if (signatures.length > 0) {
    rows.push({ kind: 'signatureTitle', text: PRINT_TEXT.signatures[locale] });
    for (const by of signatures) {
      const at = columns.find((c) => c.key === `${by.field.key}_at`)!;
      rows.push({ kind: 'signature', label: by.field.label[locale], byHeader: by.label[locale], atHeader: at.label[locale] });
    }
  }
  return rows;
}

/** What the add-in's Print action writes: the record number into the print sheet's input cell. */
export interface PrintRequest {
  /** The print sheet to fill and show. */
  readonly sheet: string;
  /** A1 address of the input cell on that sheet. */
  readonly address: string;
  /**
   * The record number, written as the text it is into a cell formatted as Text ("@", written with
   * it): never behind an apostrophe, which a Text cell keeps as part of its value — the print
   * sheet's MATCH would then look for "'TS-2026-0121" and say the number is not found.
   */
  readonly value: string;
  /** The input cell's number format, written with the value. */
  readonly numberFormat: '@';
}

/**
 * The one write that shows a record on its print sheet: the sheet, its input cell and the number.
 * The formulas on the sheet do the rest, so showing it is a single request.
 */
export function printRequest(formKey: string, recordNo: string, locale: Locale): PrintRequest {
  const form = findForm(formKey);
  if (!form || !printedForms().includes(form)) {
    throw new KefuError([
      {
        kind: 'noPrintLayout',
        params: {
          table: formKey,
          printed: printedForms()
            .map((f) => f.key)
            .join(', '),
        },
      },
    ]);
  }
  const number = recordNo.trim();
  if (number === '') throw new KefuError([{ kind: 'required', form: form.key, field: form.keyField }]);
  return { sheet: printSheetName(form, locale), address: PRINT_INPUT_CELL, value: number, numberFormat: '@' };
}
