import JSZip from 'jszip';
import { parseArea, type Area } from '../../addin/src/ledger/xlsx/sheetXml';

/**
 * The validations, conditional formats and tables of an .xlsx as its sheet parts hold them, read
 * straight from the XML (not through exceljs, which reads a validation as one entry per cell):
 * what Excel, LibreOffice and co-authors see.
 */

export interface SheetRanges {
  readonly sheet: string;
  readonly tables: readonly { readonly name: string; readonly area: Area }[];
  /** Each `<dataValidation>`: its ranges, type and first formula. */
  readonly validations: readonly { readonly refs: readonly string[]; readonly type: string; readonly formula: string }[];
  /** Each `<conditionalFormatting>` (and `<x14:conditionalFormatting>`'s `<xm:sqref>`): its ranges. */
  readonly formats: readonly { readonly refs: readonly string[]; readonly formula: string }[];
}

const unescape = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]) : undefined;
};
const resolve = (base: string, target: string) => {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
};

async function relationships(zip: JSZip, part: string): Promise<Map<string, string>> {
  const rels = part.replace(/([^/]+)$/, '_rels/$1.rels');
  const xml = (await zip.file(rels)?.async('string')) ?? '';
  const map = new Map<string, string>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) map.set(attr(m[0], 'Id')!, resolve(part, attr(m[0], 'Target')!));
  return map;
}

/** Every sheet's tables, validations and conditional formats. */
export async function sheetRanges(bytes: Uint8Array | Buffer): Promise<SheetRanges[]> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = (await zip.file('xl/workbook.xml')!.async('string')) ?? '';
  const targets = await relationships(zip, 'xl/workbook.xml');
  const result: SheetRanges[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const part = targets.get(attr(m[0], 'r:id')!)!;
    const xml = (await zip.file(part)?.async('string')) ?? '';
    const sheetTargets = await relationships(zip, part);
    const tables: { name: string; area: Area }[] = [];
    for (const t of xml.matchAll(/<(?:\w+:)?tablePart\b[^>]*>/g)) {
      const tableXml = (await zip.file(sheetTargets.get(attr(t[0], 'r:id')!)!)!.async('string')) ?? '';
      const open = /<(?:\w+:)?table\b[^>]*>/.exec(tableXml)![0];
      tables.push({ name: attr(open, 'name')!, area: parseArea(attr(open, 'ref')!)! });
    }
    const validations = [...xml.matchAll(/<(?:\w+:)?dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?dataValidation>)/g)].map((v) => ({
      refs: (attr(v[1], 'sqref') ?? /<xm:sqref>([^<]*)</.exec(v[2] ?? '')?.[1] ?? '').split(/\s+/).filter(Boolean),
      type: attr(v[1], 'type') ?? 'any',
      formula: unescape(/<(?:\w+:)?formula1>(?:<xm:f>)?([^<]*)</.exec(v[2] ?? '')?.[1] ?? ''),
    }));
    const formats = [
      ...[...xml.matchAll(/<conditionalFormatting\b([^>]*)>([\s\S]*?)<\/conditionalFormatting>/g)].map((c) => ({
        refs: (attr(c[1], 'sqref') ?? '').split(/\s+/).filter(Boolean),
        formula: unescape(/<formula>([^<]*)</.exec(c[2])?.[1] ?? ''),
      })),
      ...[...xml.matchAll(/<x14:conditionalFormatting\b[^>]*>([\s\S]*?)<\/x14:conditionalFormatting>/g)].map((c) => ({
        refs: (/<xm:sqref>([^<]*)</.exec(c[1])?.[1] ?? '').split(/\s+/).filter(Boolean),
        formula: unescape(/<xm:f>([^<]*)</.exec(c[1])?.[1] ?? ''),
      })),
    ];
    result.push({ sheet: attr(m[0], 'name')!, tables, validations, formats });
  }
  return result;
}

/**
 * The ranges of validations and conditional formats that reach below a table in its columns
 * ("sheet!ref (table)"): rows a registration writes into, where Excel may then not grow the table.
 */
export function rangesBelowTables(sheets: readonly SheetRanges[]): string[] {
  const found: string[] = [];
  for (const { sheet, tables, validations, formats } of sheets) {
    for (const ref of [...validations, ...formats].flatMap((v) => v.refs)) {
      const area = parseArea(ref);
      if (!area) {
        found.push(`${sheet}!${ref} (unreadable)`);
        continue;
      }
      for (const t of tables) {
        if (area.left <= t.area.right && area.right >= t.area.left && area.bottom > t.area.bottom) found.push(`${sheet}!${ref} (${t.name} ends at row ${t.area.bottom})`);
      }
    }
  }
  return found;
}

/** Whether `area` holds the cell at `column` (1-based) and `row`. */
export function holds(refs: readonly string[], column: number, row: number): boolean {
  return refs.some((ref) => {
    const a = parseArea(ref);
    return !!a && a.left <= column && column <= a.right && a.top <= row && row <= a.bottom;
  });
}

/**
 * The columns of ours that the template validates but whose validation does not cover their
 * table's whole body ("sheet!table.column"): every form table's body, from its first row to its
 * last, carries the template's validation of each such column (a column an upgrade added included).
 */
export function unvalidatedBodies(sheets: readonly SheetRanges[], expected: (table: string, header: string) => boolean, headers: (table: string) => readonly string[]): string[] {
  const missing: string[] = [];
  for (const { sheet, tables, validations } of sheets) {
    for (const t of tables) {
      headers(t.name).forEach((header, i) => {
        if (!expected(t.name, header)) return;
        const column = t.area.left + i;
        const covered = (row: number) => validations.some((v) => holds(v.refs, column, row));
        if (!covered(t.area.top + 1) || !covered(t.area.bottom)) missing.push(`${sheet}!${t.name}.${header}`);
      });
    }
  }
  return missing;
}
