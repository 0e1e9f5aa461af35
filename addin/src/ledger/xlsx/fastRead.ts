import JSZip from 'jszip';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n/locale';
import { KefuError } from '../../domain/problems';
import { findForm } from '../../forms';
import { fromCell, isBlankRow, type CellIn, type DomainValue } from '../cells';
import { META_TABLE } from '../layout';
import { checkLayout, columnForHeader } from '../schema';
import type { ApplyResult, ChangeSet, Ledger, LedgerRow, Snapshot, SnapshotRequest } from '../types';

/**
 * A read-only ledger over .xlsx bytes that parses only the tables a request names, straight from
 * the file's XML — for commands that read a large workbook and write nothing back (kefu perf
 * without --approve or --xlsx). exceljs builds a model of every cell of every sheet first, which
 * takes seconds for a year of collector records; this reads the same rows the same way (the
 * same header mapping and cell conversion, see schema.ts) in a fraction of that. Only whole-table
 * reads ('all') are supported; anything else, and every write, throws.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e],
  ).replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : undefined;
}

function textOf(xml: string): string {
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out += m[1] ? unescapeXml(m[1]) : '';
  return out;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n - 1;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

function relationships(xml: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (!xml) return map;
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) map.set(id, target);
  }
  return map;
}

interface TableRef {
  readonly sheetPath: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export class FastXlsxReader implements Ledger {
  private readonly sheetXml = new Map<string, string>();

  private constructor(
    private readonly zip: JSZip,
    private readonly strings: readonly string[],
    private readonly tables: ReadonlyMap<string, TableRef>,
    readonly locale: Locale,
  ) {}

  static async fromBuffer(bytes: Uint8Array): Promise<FastXlsxReader> {
    const zip = await JSZip.loadAsync(bytes);
    const read = async (p: string) => zip.file(p)?.async('string');
    const sharedXml = (await read('xl/sharedStrings.xml')) ?? '';
    const strings = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]));
    const workbookRels = relationships(await read('xl/_rels/workbook.xml.rels'));
    const workbookXml = (await read('xl/workbook.xml')) ?? '';
    const tables = new Map<string, TableRef>();
    for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
      const rid = attr(m[0], 'r:id');
      const target = rid ? workbookRels.get(rid) : undefined;
      if (!target) continue;
      const sheetPath = resolvePath('xl/workbook.xml', target);
      const relsPath = sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');
      for (const [, tableTarget] of relationships(await read(relsPath))) {
        if (!/tables\//.test(tableTarget)) continue;
        const tableXml = await read(resolvePath(sheetPath, tableTarget));
        const head = tableXml ? /<table\b[^>]*>/.exec(tableXml)?.[0] : undefined;
        const name = head ? attr(head, 'name') : undefined;
        const ref = head ? attr(head, 'ref') : undefined;
        const r = ref ? /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ref) : null;
        if (!name || !r) continue;
        tables.set(name.toLowerCase(), { sheetPath, top: Number(r[2]) - 1, left: columnIndex(r[1]), bottom: Number(r[4]) - 1, right: columnIndex(r[3]) });
      }
    }
    const reader = new FastXlsxReader(zip, strings, tables, DEFAULT_LOCALE);
    if (!tables.has(META_TABLE)) throw new KefuError([{ kind: 'notLedger' }]);
    const meta = await reader.cells(META_TABLE);
    const locale = meta.find((row) => row[0] === 'locale')?.[1];
    return new FastXlsxReader(zip, strings, tables, isLocale(locale) ? locale : DEFAULT_LOCALE);
  }

  /** The cells of a table, header first, as the ledger reads them (a formula reads as its cached value). */
  private async cells(name: string): Promise<CellIn[][]> {
    const table = this.tables.get(name.toLowerCase());
    if (!table) {
      const form = findForm(name);
      throw new KefuError([{ kind: 'missingTable', form: form?.key, params: { table: name, sheet: form ? form.sheet[this.locale] : name } }]);
    }
    let xml = this.sheetXml.get(table.sheetPath);
    if (xml === undefined) {
      xml = (await this.zip.file(table.sheetPath)?.async('string')) ?? '';
      this.sheetXml.set(table.sheetPath, xml);
    }
    const width = table.right - table.left + 1;
    const rows: CellIn[][] = Array.from({ length: table.bottom - table.top + 1 }, () => new Array<CellIn>(width).fill(null));
    const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
    const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    const rowNumber = /\sr="(\d+)"/;
    const cellColumn = /\sr="([A-Z]+)\d+"/;
    const cellType = /\st="(\w+)"/;
    const cellValue = /<v>([\s\S]*?)<\/v>/;
    for (let m = rowRe.exec(xml); m; m = rowRe.exec(xml)) {
      const r = Number(rowNumber.exec(m[1])?.[1] ?? 0) - 1;
      if (r < table.top || r > table.bottom || !m[2]) continue;
      const target = rows[r - table.top];
      cellRe.lastIndex = 0;
      for (let c = cellRe.exec(m[2]); c; c = cellRe.exec(m[2])) {
        const col = columnIndex(cellColumn.exec(c[1])?.[1] ?? '');
        if (col < table.left || col > table.right || !c[2]) continue;
        const type = cellType.exec(c[1])?.[1];
        const v = cellValue.exec(c[2])?.[1];
        let value: CellIn = null;
        if (type === 's') value = v === undefined ? null : this.strings[Number(v)];
        else if (type === 'inlineStr') value = textOf(c[2]);
        else if (type === 'str' || type === 'e') value = v === undefined ? null : unescapeXml(v);
        else if (type === 'b') value = v === '1';
        else if (v !== undefined) value = Number(v);
        target[col - table.left] = value;
      }
    }
    return rows;
  }

  async read(request: SnapshotRequest): Promise<Snapshot> {
    if (request.claims?.length || request.writes?.length || request.sheets?.length) throw new Error('FastXlsxReader reads tables only');
    const tables: Record<string, LedgerRow[]> = {};
    for (const [key, query] of Object.entries(request.tables ?? {})) {
      if (query.rows !== 'all') throw new Error('FastXlsxReader reads whole tables only');
      const [header, ...body] = await this.cells(key);
      const headers = header.map((h) => String(h ?? ''));
      const table = this.tables.get(key.toLowerCase())!;
      checkLayout(key, { headers, headerRow: table.top, firstColumn: table.left, lastRow: table.bottom, lastRowBlank: false }, this.locale);
      // The mapping of headers to columns once per table (rowToRecord's rules), then each cell converted.
      const mapped = headers.map((h, i) => ({ i, column: columnForHeader(key, h, this.locale) })).filter(
        (m): m is { i: number; column: NonNullable<typeof m.column> } => m.column !== undefined && query.columns.includes(m.column.key),
      );
      const rows: LedgerRow[] = [];
      body.forEach((cells, i) => {
        if (isBlankRow(cells)) return;
        const values: Record<string, DomainValue> = {};
        for (const { i: index, column } of mapped) values[column.key] = fromCell(column, cells[index]);
        rows.push({ ref: { table: key, row: table.top + 1 + i }, values });
      });
      tables[key] = rows;
    }
    return { locale: this.locale, tables, claims: [], layouts: {} };
  }

  async apply(changes: ChangeSet): Promise<ApplyResult> {
    if (Object.keys(changes).some((k) => (changes as Record<string, unknown>)[k] !== undefined)) throw new Error('FastXlsxReader cannot write');
    return { appended: [] };
  }
}
