import ExcelJS from 'exceljs';
import type { Locale } from '../i18n/locale';
import { clauseText } from '../forms';
import { columnsOf } from '../forms/columns';
import type { FormDecl } from '../forms/types';
import { NUMBER_FORMATS } from '../ledger/cells';
import { PRINTED_EXTRA_COLUMNS, PRINT_FIRST_ROW, PRINT_TEXT, copyBlock, printSheetName, printedCopies, printedForms, type PrintRow, type PrintedField } from '../ledger/print';
import { columnLetters } from '../ledger/xlsx/xlsxLedger';

/**
 * Renders the print layouts of ../print.ts into the ledger template: one print sheet per printed
 * form, A4 portrait, fit to one page wide, each copy block on its own page (a manual page break
 * after every block but the last), a print area below the input row, and a header and footer.
 * Every value cell is a formula over the form's sheet (INDEX/MATCH, which Excel 2016+ and
 * LibreOffice 7.4 both compute), so a clerk prints a record without the add-in by typing its number
 * into B1. Columns are found by their header label, so they may be moved; the site's own columns
 * to the right of the table print under their own headers.
 *
 * Hidden helper cells (column F, and G for signature times): F1 the record's worksheet row, F2 the
 * key column; on each value row, the column shown there.
 */

const WIDTHS = [18, 26, 18, 26];
const HELPER = 'F';
const HELPER_AT = 'G';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const MEDIUM: Partial<ExcelJS.Border> = { style: 'medium', color: { argb: 'FF000000' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const SIGN_BOX: Partial<ExcelJS.Borders> = { top: MEDIUM, left: MEDIUM, bottom: MEDIUM, right: MEDIUM };

/** A string literal inside a formula. */
function literal(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Text inside a header/footer section ('&' starts a code there). */
function headerText(text: string): string {
  return text.replace(/&/g, '&&');
}

interface Refs {
  /** The form's sheet from column A to the last printed extra column, whole columns. */
  readonly data: string;
  /** Its header row over the same columns. */
  readonly headers: string;
}

function refsOf(form: FormDecl, locale: Locale): Refs {
  const sheet = `'${form.sheet[locale].replace(/'/g, "''")}'`;
  const last = columnLetters(columnsOf(form).length + PRINTED_EXTRA_COLUMNS);
  return { data: `${sheet}!$A:$${last}`, headers: `${sheet}!$A$1:$${last}$1` };
}

/** The value of the record's cell in the column whose index is in `helperCell`, blank when there is none. */
function valueFormula(refs: Refs, helperCell: string): string {
  const cell = `INDEX(${refs.data},$${HELPER}$1,${helperCell})`;
  return `IF(OR($${HELPER}$1=0,${helperCell}=0),"",IF(${cell}="","",${cell}))`;
}

function columnIndexFormula(refs: Refs, header: string): string {
  return `IFERROR(MATCH(${literal(header)},${refs.headers},0),0)`;
}

function setFormula(cell: ExcelJS.Cell, formula: string): void {
  cell.value = { formula };
}

function renderRow(sheet: ExcelJS.Worksheet, r: number, row: PrintRow, refs: Refs, ourColumns: number, locale: Locale): void {
  const at = (col: string) => sheet.getCell(`${col}${r}`);
  const merge = (from: string, to: string) => sheet.mergeCells(`${from}${r}:${to}${r}`);
  const box = (cols: string[], border = BOX) => cols.forEach((c) => (at(c).border = border));
  const label = (col: string, text: string) => {
    at(col).value = text;
    at(col).font = { bold: true };
    at(col).alignment = { vertical: 'top', wrapText: true };
  };
  const value = (col: string, helper: string, field?: PrintedField) => {
    setFormula(at(col), valueFormula(refs, `$${helper}${r}`));
    if (field && NUMBER_FORMATS[field.cellKind] !== 'General') at(col).numFmt = NUMBER_FORMATS[field.cellKind];
    at(col).alignment = { vertical: 'top', wrapText: true, horizontal: 'left' };
  };
  const excelRow = sheet.getRow(r);
  switch (row.kind) {
    case 'title':
      merge('A', 'D');
      at('A').value = row.text;
      at('A').font = { bold: true, size: 16 };
      at('A').alignment = { horizontal: 'center', vertical: 'middle' };
      excelRow.height = 28;
      return;
    case 'copy':
      at('A').value = row.label;
      at('A').font = { bold: true, size: 13 };
      at('A').alignment = { horizontal: 'center', vertical: 'middle' };
      merge('B', 'D');
      at('B').value = row.route;
      at('B').font = { italic: true };
      at('B').alignment = { vertical: 'middle', wrapText: true };
      box(['A', 'B', 'C', 'D'], SIGN_BOX);
      excelRow.height = 30;
      return;
    case 'wide':
      label('A', row.field.label);
      merge('B', 'D');
      setFormula(at(HELPER), columnIndexFormula(refs, row.field.header));
      value('B', HELPER, row.field);
      if (row.key) at('B').font = { bold: true, size: 12 };
      box(['A', 'B', 'C', 'D']);
      excelRow.height = row.key ? 20 : 40;
      return;
    case 'pair':
      row.fields.forEach((field, i) => {
        const [l, v, helper] = i === 0 ? ['A', 'B', HELPER] : ['C', 'D', HELPER_AT];
        label(l, field.label);
        setFormula(at(helper), columnIndexFormula(refs, field.header));
        value(v, helper, field);
      });
      box(['A', 'B', 'C', 'D']);
      excelRow.height = 18;
      return;
    case 'extra':
      row.offsets.forEach((offset, i) => {
        const index = ourColumns + offset + 1;
        const [l, v, helper] = i === 0 ? ['A', 'B', HELPER] : ['C', 'D', HELPER_AT];
        setFormula(at(l), `IF(INDEX(${refs.headers},1,${index})="","",INDEX(${refs.headers},1,${index}))`);
        at(l).font = { bold: true };
        at(l).alignment = { vertical: 'top', wrapText: true };
        setFormula(at(helper), `IF($${l}${r}="",0,${index})`);
        value(v, helper);
      });
      excelRow.height = 16;
      return;
    case 'signatureTitle':
      merge('A', 'D');
      at('A').value = row.text;
      at('A').font = { bold: true, size: 12 };
      at('A').alignment = { vertical: 'bottom' };
      excelRow.height = 22;
      return;
    case 'signature':
      at('A').value = row.label;
      at('A').font = { bold: true };
      at('A').alignment = { vertical: 'middle', wrapText: true };
      setFormula(at(HELPER), columnIndexFormula(refs, row.byHeader));
      setFormula(at(HELPER_AT), columnIndexFormula(refs, row.atHeader));
      setFormula(at('B'), valueFormula(refs, `$${HELPER}${r}`));
      at('B').alignment = { vertical: 'middle' };
      at('C').value = PRINT_TEXT.signedAt[locale];
      at('C').alignment = { horizontal: 'right', vertical: 'middle' };
      setFormula(at('D'), valueFormula(refs, `$${HELPER_AT}${r}`));
      at('D').numFmt = NUMBER_FORMATS.datetime;
      at('D').alignment = { vertical: 'middle', horizontal: 'left' };
      box(['A', 'B', 'C', 'D'], SIGN_BOX);
      excelRow.height = 28;
      return;
  }
}

/** Adds one print sheet for `form`; returns it. */
export function addPrintSheet(workbook: ExcelJS.Workbook, form: FormDecl, locale: Locale): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(printSheetName(form, locale), { properties: { tabColor: { argb: 'FF7F7F7F' } } });
  const refs = refsOf(form, locale);
  const keyColumn = columnsOf(form).find((c) => c.key === form.keyField)!;
  WIDTHS.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.getColumn(HELPER).hidden = true;
  sheet.getColumn(HELPER_AT).hidden = true;

  // The input row: outside the print area.
  sheet.getCell('A1').value = PRINT_TEXT.input[locale];
  sheet.getCell('A1').font = { bold: true };
  const input = sheet.getCell('B1');
  input.numFmt = '@';
  input.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  input.border = SIGN_BOX;
  input.font = { bold: true, size: 12 };
  sheet.mergeCells('C1:D1');
  setFormula(sheet.getCell('C1'), `IF(TRIM($B$1)="",${literal(PRINT_TEXT.enterNumber[locale])},IF($${HELPER}$1=0,${literal(PRINT_TEXT.notFound[locale])},""))`);
  sheet.getCell('C1').font = { color: { argb: 'FFC00000' }, bold: true };
  setFormula(sheet.getCell(`${HELPER}2`), columnIndexFormula(refs, keyColumn.label[locale]));
  setFormula(sheet.getCell(`${HELPER}1`), `IF(OR(TRIM($B$1)="",$${HELPER}$2=0),0,IFERROR(MATCH(TRIM($B$1),INDEX(${refs.data},0,$${HELPER}$2),0),0))`);
  sheet.mergeCells('A2:D2');
  sheet.getCell('A2').value = PRINT_TEXT.hint[locale];
  sheet.getCell('A2').font = { italic: true, color: { argb: 'FF595959' } };
  sheet.getRow(1).height = 22;

  let r = PRINT_FIRST_ROW;
  const copies = printedCopies(form);
  copies.forEach((copy, i) => {
    for (const row of copyBlock(form, copy, locale)) {
      renderRow(sheet, r, row, refs, columnsOf(form).length, locale);
      r += 1;
    }
    // Each copy on its own page (written in this exceljs session: see exceljsPatch for reading).
    if (i < copies.length - 1) sheet.getRow(r - 1).addPageBreak();
  });

  setA4Portrait(sheet, `A${PRINT_FIRST_ROW}:D${r - 1}`);
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddHeader: `&L${headerText(form.code)}&C&"-,Bold"${headerText(form.title[locale])}&R${headerText(clauseText(form.clause, locale))}`,
    oddFooter: `&L&D &T&R${PRINT_TEXT.page[locale]}`,
  };
  return sheet;
}

/**
 * A sheet printed like the paper forms: A4 portrait, one page wide (as many pages down as it takes),
 * centred, with the forms' margins; `printTitlesRow` repeats a header row on every page.
 */
export function setA4Portrait(sheet: ExcelJS.Worksheet, printArea: string, printTitlesRow?: string): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printArea,
    printTitlesRow,
    margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
}

/** The print sheets of every printed form, added to a template being built. */
export function addPrintSheets(workbook: ExcelJS.Workbook, locale: Locale): void {
  for (const form of printedForms()) addPrintSheet(workbook, form, locale);
}
