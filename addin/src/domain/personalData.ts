import type { Problem } from '../core/problems';

/**
 * No resident ID number anywhere in the ledger (issue 13 item 4; data minimisation under PIPL,
 * 个人信息保护法): the gates, the loan desk and the counter record the document type seen, never its
 * number. A value that holds what looks like a mainland resident ID number (公民身份号码, GB 11643)
 * is refused where it comes in — every text field of every form, signatures' names, void reasons,
 * imported cells (validate.ts, voiding.ts, storableText.ts) — and `kefu check` reports any cell of
 * our tables that holds one (a user typed it in Excel).
 *
 * What counts as one: 18 characters — a 6-digit region code whose first two digits are a
 * province-level code (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81–83), a valid birth date
 * YYYYMMDD of 1900–2099, a 3-digit sequence and a check character 0–9 or X — not part of a longer
 * run of digits. The check character is NOT required to be right: a typo'd ID is still a person's
 * ID (one wrong digit identifies them as well), so a wrong check character still counts; the
 * result says whether it was right. Full-width digits and Ｘ (typed with a Chinese input method)
 * count as their ASCII forms, and the three groups may be separated by one space or hyphen
 * (`110101 19490101 123X`), as people copy them from a card. The 15-digit first-generation
 * numbers (withdrawn in 2013) are not looked for: 15 digits are too common in other numbers.
 */

export interface IdNumberFound {
  /** 1-based position among the text's characters where the number starts. */
  readonly position: number;
  /** How many characters it takes in the text (18, or 20 with separators). */
  readonly length: number;
  /** Whether its check character is the one GB 11643's ISO 7064 MOD 11-2 gives. */
  readonly checkValid: boolean;
}

const PROVINCES = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// Not after a digit; 6 digits, an optional separator, 8, an optional separator, 3 and the check character; not before a digit.
const CANDIDATE = /(?<!\d)(\d{6})[ -]?(\d{8})[ -]?(\d{3}[\dXx])(?!\d)/g;
/** A quick first look: most text has no run of six digits at all. */
const SUSPECT = /[0-9０-９]{6}/;

/** The text with full-width digits and X as ASCII (same length: each is one UTF-16 unit). */
function halfWidth(text: string): string {
  return text.replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function validDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

/** Whether the 18 characters' check character is right (ISO 7064 MOD 11-2, as GB 11643 sets it). */
export function idCheckValid(id: string): boolean {
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17].toUpperCase();
}

/** The first resident ID number in `text`, or undefined. */
export function findIdNumber(text: string): IdNumberFound | undefined {
  if (!SUSPECT.test(text)) return undefined;
  const plain = halfWidth(text);
  for (const match of plain.matchAll(CANDIDATE)) {
    const [whole, region, birth, rest] = match;
    if (!PROVINCES.test(region.slice(0, 2)) || !validDate(birth)) continue;
    // Positions counted in characters as a user does (a surrogate pair is one).
    const position = [...plain.slice(0, match.index)].length + 1;
    return { position, length: whole.length, checkValid: idCheckValid(region + birth + rest) };
  }
  return undefined;
}

/** The problem (without where) of a value holding an ID number, or undefined. */
export function idNumberProblem(text: string): Pick<Problem, 'kind' | 'params'> | undefined {
  const found = findIdNumber(text);
  return found && { kind: 'idNumberRefused', params: { position: found.position, end: found.position + found.length - 1 } };
}

/** One cell of a workbook, wherever it is (a table's, a report's, the audit log's, a hidden sheet's). */
export interface CellText {
  readonly sheet: string;
  /** A1 address. */
  readonly address: string;
  readonly text: string;
}

/** Every cell holding an ID number: its sheet, address and where in the text (never the number itself). */
export function idNumbersInCells(cells: Iterable<CellText>): (Omit<CellText, 'text'> & IdNumberFound)[] {
  const found: (Omit<CellText, 'text'> & IdNumberFound)[] = [];
  for (const cell of cells) {
    const hit = findIdNumber(cell.text);
    if (hit) found.push({ sheet: cell.sheet, address: cell.address, ...hit });
  }
  return found;
}

/** `kefu check`: each cell of a form's rows that holds an ID number (typed in Excel), by row and column. */
export function idNumberCellProblems(form: string, rows: readonly { readonly ref: { readonly row: number }; readonly values: Readonly<Record<string, unknown>> }[]): Problem[] {
  const problems: Problem[] = [];
  for (const row of rows) {
    for (const [field, value] of Object.entries(row.values)) {
      // A number typed in Excel is a number cell: 18 digits of it are still an ID (its last digits rounded).
      const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isInteger(value) ? value.toFixed(0) : undefined;
      const found = text === undefined ? undefined : idNumberProblem(text);
      if (found) problems.push({ kind: 'idNumberInCell', form, field, row: row.ref.row + 1, params: found.params });
    }
  }
  return problems;
}
