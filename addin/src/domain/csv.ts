/**
 * Delimited text in and out: decoding what the collection system exports (UTF-8 with or without
 * BOM, or GB18030 as Chinese Windows tools write it), RFC 4180 parsing, and writing CSV that Excel
 * and LibreOffice open without mistaking any text for a formula. Pure: no file system, so the task
 * pane can use it on a picked file.
 */

export type TextEncoding = 'utf-8' | 'gb18030';

/** Decodes bytes: a UTF-8 BOM or valid UTF-8 means UTF-8; anything else is read as GB18030. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/**
 * Parses RFC 4180 text (CRLF or LF line ends, "" inside quotes). The separator is a comma unless
 * the header line has tabs and no commas, or semicolons and no commas. Returns rows of fields.
 */
export function parseDelimited(text: string): string[][] {
  const firstLine = text.slice(0, Math.max(0, text.search(/\r?\n/)) || text.length);
  const separator = firstLine.includes(',') ? ',' : firstLine.includes('\t') ? '\t' : firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === separator) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Characters that make Excel (or LibreOffice) read a CSV field as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text field made safe for a spreadsheet: one leading apostrophe when it begins with
 * = + - @ tab or CR (and when it begins with an apostrophe itself, so that removing exactly one
 * leading apostrophe always gives the original back). Numbers never pass through here.
 */
export function protectText(value: string): string {
  return FORMULA_START.test(value) || value.startsWith("'") ? `'${value}` : value;
}

/** Reverses protectText. */
export function unprotectText(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV value: text (protected against formulas) or a number already formatted by the caller. */
export type CsvValue = { readonly text: string } | { readonly number: string };

/** CSV for Excel: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting, protected text. */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): Uint8Array {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    lines.push(row.map((cell) => ('text' in cell ? csvField(protectText(cell.text)) : csvField(cell.number))).join(','));
  }
  const body = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
