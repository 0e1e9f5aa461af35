import type { CellKind } from '../../forms/columns';
import { NUMBER_FORMATS } from '../cells';
import { attribute, escapeXml, parseArea, unescapeXml, withAttribute, type Area } from './sheetXml';

/**
 * The small parts of an .xlsx package that editing a ledger in place reads or changes: the
 * workbook (its sheets, defined names, calculation settings), relationships, content types, table
 * definitions and the style sheet.
 *
 * Every change is a splice into the part's own text: an attribute set, an element added or
 * removed. Everything else in the part — elements and attributes we do not know, namespaces,
 * extensions, the order and spelling another program chose — stays as it was, byte for byte.
 * These parts are machine-written XML of a few kilobytes; elements are found with regular
 * expressions over their start tags, which is what the splices need (an XML parser would give a
 * tree to serialise again, and so a different part).
 */

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

export function relationships(xml: string | undefined): Relationship[] {
  const found: Relationship[] = [];
  for (const m of (xml ?? '').matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attribute(m[0], 'Id');
    const target = attribute(m[0], 'Target');
    if (id && target !== undefined) found.push({ id, type: attribute(m[0], 'Type') ?? '', target, external: attribute(m[0], 'TargetMode') === 'External' });
  }
  return found;
}

/** A relationship's target resolved against the part that holds it ('xl/workbook.xml' + 'worksheets/sheet1.xml'). */
export function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** Where the relationships of a part are: 'xl/worksheets/sheet1.xml' → 'xl/worksheets/_rels/sheet1.xml.rels'. */
export function relsPathOf(partPath: string): string {
  return partPath.replace(/([^/]+)$/, '_rels/$1.rels');
}

/** A target for a relationship from `fromPart` to `toPart` (relative, as Office writes it). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const to = toPart.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

export const REL_TYPES = {
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
} as const;

export const CONTENT_TYPES = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
} as const;

/** Adds a relationship to a relationships part (made when absent); returns the new part and the id given. */
export function addRelationship(xml: string | undefined, type: string, target: string): { xml: string; id: string } {
  const base = xml ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const taken = new Set(relationships(base).map((r) => r.id));
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const element = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  const closing = base.lastIndexOf('</Relationships>');
  const out =
    closing >= 0 ? `${base.slice(0, closing)}${element}${base.slice(closing)}` : base.replace(/<Relationships([^>]*)\/>/, (_, attrs: string) => `<Relationships${attrs}>${element}</Relationships>`);
  return { xml: out, id };
}

/** A relationships part without the relationships of `type`. */
export function removeRelationshipsOfType(xml: string, type: string): string {
  return xml.replace(/<(?:\w+:)?Relationship\b[^>]*>/g, (element) => (attribute(element, 'Type') === type ? '' : element));
}

/** [Content_Types].xml without the override of `partName` ('/xl/calcChain.xml'). */
export function removeContentTypeOverride(xml: string, partName: string): string {
  return xml.replace(/<(?:\w+:)?Override\b[^>]*>/g, (element) => (attribute(element, 'PartName') === partName ? '' : element));
}

export function addContentTypeOverride(xml: string, partName: string, contentType: string): string {
  if (xml.match(/<(?:\w+:)?Override\b[^>]*>/g)?.some((element) => attribute(element, 'PartName') === partName)) return xml;
  const closing = xml.lastIndexOf('</Types>');
  return `${xml.slice(0, closing)}<Override PartName="${escapeXml(partName)}" ContentType="${escapeXml(contentType)}"/>${xml.slice(closing)}`;
}

// ---------------------------------------------------------------------------------------------
// The workbook part

export interface SheetEntry {
  readonly name: string;
  readonly sheetId: string;
  readonly rid: string;
  /** 0-based position among the sheets (localSheetId of defined names). */
  readonly index: number;
  readonly state: string | undefined;
}

export function workbookSheets(xml: string): SheetEntry[] {
  return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m, index) => ({
    name: attribute(m[0], 'name') ?? '',
    sheetId: attribute(m[0], 'sheetId') ?? '',
    rid: attribute(m[0], 'r:id') ?? attribute(m[0], 'relationships:id') ?? '',
    index,
    state: attribute(m[0], 'state'),
  }));
}

/** The workbook with `fullCalcOnLoad` set, so Excel computes formulas written without a cached value. */
export function withFullCalcOnLoad(xml: string): string {
  const calcPr = /<((?:\w+:)?)calcPr\b[^>]*\/?>/.exec(xml);
  if (calcPr) return xml.replace(calcPr[0], () => withAttribute(calcPr[0], 'fullCalcOnLoad', '1'));
  // calcPr comes after definedNames and before oleSize, customWorkbookViews, pivotCaches … (CT_Workbook).
  const prefix = /<(\w+:)?workbook[\s>]/.exec(xml)?.[1] ?? '';
  const before = /<(?:\w+:)?(oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|webPublishing|fileRecoveryPr|webPublishObjects|extLst)\b/.exec(xml);
  const at = before ? before.index : xml.lastIndexOf(`</${prefix}workbook>`);
  return `${xml.slice(0, at)}<${prefix}calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
}

export interface DefinedName {
  readonly name: string;
  readonly localSheetId: number | undefined;
  readonly text: string;
  /** The whole element, as it is in the part. */
  readonly element: string;
}

export function definedNames(xml: string): DefinedName[] {
  return [...xml.matchAll(/<((?:\w+:)?)definedName\b([^>]*)>([^<]*)<\/\1definedName>/g)].map((m) => {
    const local = attribute(`<x ${m[2]}>`, 'localSheetId');
    return { name: attribute(`<x ${m[2]}>`, 'name') ?? '', localSheetId: local === undefined ? undefined : Number(local), text: unescapeXml(m[3]), element: m[0] };
  });
}

/** A defined name's element with its formula text replaced. */
export function withDefinedNameText(element: string, text: string): string {
  return element.replace(/>([^<]*)</, () => `>${escapeXml(text)}<`);
}

// ---------------------------------------------------------------------------------------------
// Table parts

export interface TableColumnPart {
  readonly id: string;
  readonly name: string;
  /** The formula of a calculated column (without '='), which Excel fills into new rows. */
  readonly calculatedFormula?: string;
}

export interface TablePart {
  readonly name: string;
  readonly area: Area;
  readonly headerRowCount: number;
  readonly totalsRowCount: number;
  readonly columns: readonly TableColumnPart[];
}

export function parseTablePart(xml: string): TablePart | undefined {
  const head = /<(?:\w+:)?table\b[^>]*>/.exec(xml)?.[0];
  if (!head) return undefined;
  const name = attribute(head, 'name') ?? attribute(head, 'displayName');
  const area = parseArea(attribute(head, 'ref') ?? '');
  if (!name || !area) return undefined;
  const columns: TableColumnPart[] = [];
  for (const m of xml.matchAll(/<((?:\w+:)?)tableColumn\b([^>]*?)(\/>|>([\s\S]*?)<\/\1tableColumn>)/g)) {
    const tag = `<x ${m[2]}>`;
    const formula = m[4] ? /<(?:\w+:)?calculatedColumnFormula\b[^>]*>([\s\S]*?)<\/(?:\w+:)?calculatedColumnFormula>/.exec(m[4]) : null;
    const array = m[4] ? /<(?:\w+:)?calculatedColumnFormula\b[^>]*\barray="(1|true)"/.test(m[4]) : false;
    columns.push({ id: attribute(tag, 'id') ?? '', name: attribute(tag, 'name') ?? '', calculatedFormula: formula && !array ? unescapeXml(formula[1]) : undefined });
  }
  return {
    name,
    area,
    headerRowCount: Number(attribute(head, 'headerRowCount') ?? '1'),
    totalsRowCount: Number(attribute(head, 'totalsRowCount') ?? '0'),
    columns,
  };
}

/** The table part with its range (and its filter's range) set to `ref`. */
export function tableWithRef(xml: string, ref: string): string {
  return xml.replace(/<(?:\w+:)?table\b[^>]*>/, (head) => withAttribute(head, 'ref', ref)).replace(/<(?:\w+:)?autoFilter\b[^>]*>/, (tag) => withAttribute(tag, 'ref', ref));
}

// ---------------------------------------------------------------------------------------------
// The style sheet: number formats of the cells we write

/** Number formats built into Excel (ECMA-376 §18.8.30) that the ledger can meet. */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  49: '@',
};

/** Built-in ids that are dates in every locale (including the East Asian ones, 27–36 and 50–58). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Whether a cell whose format is `id`/`code` already shows a value of `kind` as such (a user's own date format stays). */
function formatFits(kind: CellKind, id: number, code: string | undefined): boolean {
  const isDate = BUILT_IN_DATES.has(id) || (code !== undefined && id >= 164 && isDateCode(code));
  if (kind === 'date' || kind === 'datetime') return isDate;
  if (kind === 'percent') return (code ?? '').includes('%');
  if (kind === 'money') return id !== 0 && id !== 49 && !isDate && !(code ?? '').includes('%');
  return true;
}

/** An element (`<xf …/>` or `<xf …>…</xf>`) with an attribute of its start tag set. */
function withElementAttribute(element: string, name: string, value: string | undefined): string {
  const end = element.indexOf('>');
  return withAttribute(element.slice(0, end + 1), name, value) + element.slice(end + 1);
}

export class StyleBook {
  private xml: string;
  private readonly formats = new Map<number, string>();
  private readonly xfs: string[] = [];
  private changed = false;

  constructor(xml: string | undefined) {
    this.xml = xml ?? '';
    for (const m of this.xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
      const id = Number(attribute(m[0], 'numFmtId'));
      const code = attribute(m[0], 'formatCode');
      if (Number.isInteger(id) && code !== undefined) this.formats.set(id, code);
    }
    const block = /<((?:\w+:)?)cellXfs\b[^>]*>([\s\S]*?)<\/\1cellXfs>/.exec(this.xml);
    if (block) for (const m of block[2].matchAll(/<((?:\w+:)?)xf\b[^>]*?(?:\/>|>[\s\S]*?<\/\1xf>)/g)) this.xfs.push(m[0]);
  }

  get isChanged(): boolean {
    return this.changed;
  }

  get text(): string {
    return this.xml;
  }

  private codeOf(id: number): string | undefined {
    return this.formats.get(id) ?? BUILT_IN_FORMATS[id];
  }

  /** The number format code a style shows (General when it has none). */
  formatOf(style: string | undefined): string {
    const xf = this.xfs[Number(style ?? 0)];
    return this.codeOf(Number(xf ? (attribute(xf, 'numFmtId') ?? 0) : 0)) ?? 'General';
  }

  /**
   * The style to write a value of `kind` with, starting from `base` (the cell's own, or the one
   * above it): `base` itself when its format already shows such a value (a user's own date format
   * is kept), otherwise the same style with the column's number format (added when missing).
   */
  private readonly styleCache = new Map<string, string | undefined>();

  styleFor(base: string | undefined, kind: CellKind | undefined): string | undefined {
    if (!kind || !this.xml) return base;
    const key = `${base ?? ''}|${kind}`;
    if (this.styleCache.has(key)) return this.styleCache.get(key);
    const style = this.computeStyleFor(base, kind);
    this.styleCache.set(key, style);
    return style;
  }

  private computeStyleFor(base: string | undefined, kind: CellKind): string | undefined {
    const wanted = NUMBER_FORMATS[kind];
    if (wanted === 'General') return base;
    const index = Number(base ?? 0);
    const xf = this.xfs[index] ?? this.xfs[0];
    if (!xf) return base;
    const id = Number(attribute(xf, 'numFmtId') ?? 0);
    if (formatFits(kind, id, this.codeOf(id))) return base;
    const formatId = this.formatId(wanted);
    const made = withElementAttribute(withElementAttribute(xf, 'numFmtId', String(formatId)), 'applyNumberFormat', '1');
    const existing = this.xfs.indexOf(made);
    if (existing >= 0) return String(existing);
    this.xfs.push(made);
    this.xml = this.xml.replace(
      /<((?:\w+:)?)cellXfs\b([^>]*)>([\s\S]*?)<\/\1cellXfs>/,
      (_, prefix: string, attrs: string, body: string) => `${withAttribute(`<${prefix}cellXfs${attrs}>`, 'count', String(this.xfs.length))}${body}${made}</${prefix}cellXfs>`,
    );
    this.changed = true;
    return String(this.xfs.length - 1);
  }

  private readonly reportStyles = new Map<string, string>();

  /** A style for a report cell: number format `format` and, when `bold`, a bold font (made from the default font). */
  reportStyle(format: string, bold: boolean): string | undefined {
    if (!this.xml || (format === 'General' && !bold)) return undefined;
    const key = `${bold ? 'b' : ''}|${format}`;
    const known = this.reportStyles.get(key);
    if (known !== undefined) return known;
    let xf = withAttribute(
      withAttribute('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', 'numFmtId', String(format === 'General' ? 0 : this.formatId(format))),
      'applyNumberFormat',
      format === 'General' ? undefined : '1',
    );
    if (bold) xf = withAttribute(withAttribute(xf, 'fontId', String(this.boldFont())), 'applyFont', '1');
    const prefix = /<(\w+:)?cellXfs\b/.exec(this.xml)?.[1] ?? '';
    if (prefix) xf = xf.replace('<xf', `<${prefix}xf`);
    let index = this.xfs.indexOf(xf);
    if (index < 0) {
      this.xfs.push(xf);
      index = this.xfs.length - 1;
      this.xml = this.xml.replace(
        /<((?:\w+:)?)cellXfs\b([^>]*)>([\s\S]*?)<\/\1cellXfs>/,
        (_, p: string, attrs: string, body: string) => `${withAttribute(`<${p}cellXfs${attrs}>`, 'count', String(this.xfs.length))}${body}${xf}</${p}cellXfs>`,
      );
      this.changed = true;
    }
    this.reportStyles.set(key, String(index));
    return String(index);
  }

  private boldFontId?: number;

  /** The index of the default font made bold (added to the fonts when missing). */
  private boldFont(): number {
    if (this.boldFontId !== undefined) return this.boldFontId;
    const block = /<((?:\w+:)?)fonts\b([^>]*)>([\s\S]*?)<\/\1fonts>/.exec(this.xml);
    if (!block) return (this.boldFontId = 0);
    const fonts = [...block[3].matchAll(/<((?:\w+:)?)font\b[^>]*?(?:\/>|>[\s\S]*?<\/\1font>)/g)].map((m) => m[0]);
    const base = fonts[0] ?? `<${block[1]}font></${block[1]}font>`;
    const bold = /<(?:\w+:)?b\s*\/>/.test(base)
      ? base
      : base.endsWith('/>')
        ? `${base.slice(0, -2)}><${block[1]}b/></${block[1]}font>`
        : base.replace(/^(<(?:\w+:)?font\b[^>]*>)/, (tag: string) => `${tag}<${block[1]}b/>`);
    const existing = fonts.indexOf(bold);
    if (existing >= 0) return (this.boldFontId = existing);
    this.xml = this.xml.replace(block[0], () => `${withAttribute(`<${block[1]}fonts${block[2]}>`, 'count', String(fonts.length + 1))}${block[3]}${bold}</${block[1]}fonts>`);
    this.changed = true;
    return (this.boldFontId = fonts.length);
  }

  /** The elements of a list in the style sheet (fonts, fills, borders, dxfs, cellStyleXfs). */
  private elements(list: string, item: string): { block: RegExpExecArray | null; items: string[] } {
    const block = new RegExp(`<((?:\\w+:)?)${list}\\b([^>]*)>([\\s\\S]*?)<\\/\\1${list}>`).exec(this.xml);
    const items = block ? [...block[3].matchAll(new RegExp(`<((?:\\w+:)?)${item}\\b[^>]*?(?:\\/>|>[\\s\\S]*?<\\/\\1${item}>)`, 'g'))].map((m) => m[0]) : [];
    return { block, items };
  }

  /** The index of `element` in a list, appended when missing (the list made when absent). */
  private indexIn(list: string, item: string, element: string): number {
    const { block, items } = this.elements(list, item);
    const found = items.indexOf(element);
    if (found >= 0) return found;
    if (block) {
      this.xml = this.xml.replace(block[0], () => `${withAttribute(`<${block[1]}${list}${block[2]}>`, 'count', String(items.length + 1))}${block[3]}${element}</${block[1]}${list}>`);
    } else {
      // dxfs comes after cellStyles (CT_Stylesheet); the other lists always exist.
      const at = /<(?:\w+:)?(tableStyles|colors|extLst)\b/.exec(this.xml)?.index ?? this.xml.lastIndexOf('</');
      this.xml = `${this.xml.slice(0, at)}<${list} count="1">${element}</${list}>${this.xml.slice(at)}`;
    }
    this.changed = true;
    return items.length;
  }

  /** A cell style of another style sheet, made in this one (its font, fill, border and number format with it). */
  importStyle(from: StyleBook, style: string | undefined): string | undefined {
    if (style === undefined || !this.xml) return undefined;
    const xf = from.xfs[Number(style)];
    if (!xf) return undefined;
    let made = xf;
    const fontId = attribute(xf, 'fontId');
    if (fontId !== undefined) made = withElementAttribute(made, 'fontId', String(this.indexIn('fonts', 'font', from.elements('fonts', 'font').items[Number(fontId)] ?? '<font/>')));
    const fillId = attribute(xf, 'fillId');
    if (fillId !== undefined) made = withElementAttribute(made, 'fillId', String(this.indexIn('fills', 'fill', from.elements('fills', 'fill').items[Number(fillId)] ?? '<fill/>')));
    const borderId = attribute(xf, 'borderId');
    if (borderId !== undefined) made = withElementAttribute(made, 'borderId', String(this.indexIn('borders', 'border', from.elements('borders', 'border').items[Number(borderId)] ?? '<border/>')));
    const numFmtId = Number(attribute(xf, 'numFmtId') ?? 0);
    if (numFmtId >= 164) made = withElementAttribute(made, 'numFmtId', String(this.formatId(from.codeOf(numFmtId) ?? 'General')));
    made = withElementAttribute(made, 'xfId', '0');
    const existing = this.xfs.indexOf(made);
    if (existing >= 0) return String(existing);
    this.xfs.push(made);
    this.xml = this.xml.replace(
      /<((?:\w+:)?)cellXfs\b([^>]*)>([\s\S]*?)<\/\1cellXfs>/,
      (_, p: string, attrs: string, body: string) => `${withAttribute(`<${p}cellXfs${attrs}>`, 'count', String(this.xfs.length))}${body}${made}</${p}cellXfs>`,
    );
    this.changed = true;
    return String(this.xfs.length - 1);
  }

  /** A differential format (of a conditional format) of another style sheet, made in this one. */
  importDxf(from: StyleBook, dxfId: string): string {
    const element = from.elements('dxfs', 'dxf').items[Number(dxfId)];
    return element === undefined ? dxfId : String(this.indexIn('dxfs', 'dxf', element));
  }

  private formatId(code: string): number {
    for (const [id, c] of this.formats) if (c === code) return id;
    for (const [id, c] of Object.entries(BUILT_IN_FORMATS)) if (c === code) return Number(id);
    const id = Math.max(163, ...this.formats.keys()) + 1;
    this.formats.set(id, code);
    const element = `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`;
    const block = /<((?:\w+:)?)numFmts\b([^>]*)>([\s\S]*?)<\/\1numFmts>/.exec(this.xml);
    if (block) {
      this.xml = this.xml.replace(
        block[0],
        () =>
          `${withAttribute(`<${block[1]}numFmts${block[2]}>`, 'count', String([...this.xml.matchAll(/<(?:\w+:)?numFmt\b/g)].length + 1))}${block[3]}<${block[1]}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/></${block[1]}numFmts>`,
      );
    } else {
      // numFmts is the first child of styleSheet.
      this.xml = this.xml.replace(/<((?:\w+:)?)styleSheet\b[^>]*>/, (tag, prefix: string) => `${tag}<${prefix}numFmts count="1">${element.replace('<numFmt', `<${prefix}numFmt`)}</${prefix}numFmts>`);
    }
    this.changed = true;
    return id;
  }
}
