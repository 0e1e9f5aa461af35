import JSZip from 'jszip';

/**
 * Parts of a sheet read straight from the file, not through exceljs, for the xlsx bridge:
 *
 * - Data validations: exceljs expands every validation range into one entry per cell on reading
 *   (a ledger's 20,000-row list validations become millions of objects, and the preview freezes).
 *   We take the <dataValidations> of each sheet out of the file before exceljs sees it and return
 *   them keyed by range, in the shape of exceljs' own model — whose writer accepts range keys — so
 *   they are written back unchanged.
 * - Manual page breaks (<rowBreaks>): exceljs 4.4 writes them but drops them when it reads a file
 *   (ledger/xlsx/exceljsPatch.ts mends that for the command line, in Node only; the preview runs
 *   exceljs' browser build). We read each <brk id="n"> — a page ends after row n — ourselves.
 */

export type ValidationModel = Record<string, Record<string, unknown>>;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return XML_ENTITIES[entity] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) result[m[1]] = decodeXml(m[2]);
  return result;
}

const BOOLEAN_ATTRIBUTES = ['allowBlank', 'showInputMessage', 'showErrorMessage'];
const TEXT_ATTRIBUTES = ['type', 'operator', 'errorStyle', 'errorTitle', 'error', 'promptTitle', 'prompt'];

/** One <dataValidation> element → exceljs' model of it (type, operator, formulae, messages). */
function parseValidation(xml: string): { ranges: string[]; rule: Record<string, unknown> } {
  const open = /^<dataValidation\b[^>]*>/.exec(xml)?.[0] ?? xml;
  const attrs = attributes(open);
  const rule: Record<string, unknown> = { type: attrs.type ?? 'any' };
  for (const name of TEXT_ATTRIBUTES) if (attrs[name] !== undefined) rule[name] = attrs[name];
  for (const name of BOOLEAN_ATTRIBUTES) if (attrs[name] !== undefined) rule[name] = attrs[name] === '1' || attrs[name] === 'true';
  const formulae = [...xml.matchAll(/<formula[12]>([\s\S]*?)<\/formula[12]>/g)].map((m) => {
    const text = decodeXml(m[1]);
    return rule.type !== 'list' && rule.type !== 'custom' && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  });
  if (formulae.length > 0) rule.formulae = formulae;
  else delete rule.operator;
  return { ranges: (attrs.sqref ?? '').split(/\s+/).filter(Boolean), rule };
}

/** Worksheet part paths by sheet name, from the workbook part and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Id && a.Target) targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const target = targets.get(a['r:id'] ?? '');
    if (a.name && target) parts.set(a.name, target);
  }
  return parts;
}

/** The rows (1-based, as `<brk id>` gives them) after which a manual page break ends a page. */
function rowBreaksOf(xml: string): number[] {
  const block = /<rowBreaks\b[^>]*>([\s\S]*?)<\/rowBreaks>/.exec(xml);
  if (!block) return [];
  return [...block[1].matchAll(/<brk\b[^>]*>/g)]
    .map((m) => attributes(m[0]))
    .filter((a) => a.man === '1' || a.man === 'true') // man defaults to false: an automatic break, which Excel recomputes
    .map((a) => Number(a.id))
    .filter((id) => Number.isInteger(id) && id > 0);
}

export interface SheetExtras {
  /** The file without its data validations, for exceljs to read. */
  readonly file: Uint8Array;
  /** Data validations by sheet name. */
  readonly bySheet: Map<string, ValidationModel>;
  /** Manual row breaks by sheet name (1-based rows after which a page ends). */
  readonly rowBreaks: Map<string, number[]>;
}

/** Takes the data validations out of an .xlsx and reads its page breaks (see the module comment). */
export async function takeValidations(bytes: Uint8Array | ArrayBuffer): Promise<SheetExtras> {
  const zip = await JSZip.loadAsync(bytes);
  const bySheet = new Map<string, ValidationModel>();
  const rowBreaks = new Map<string, number[]>();
  let changed = false;
  for (const [sheet, part] of await sheetParts(zip)) {
    const xml = await zip.file(part)?.async('string');
    if (!xml) continue;
    const breaks = rowBreaksOf(xml);
    if (breaks.length > 0) rowBreaks.set(sheet, breaks);
    if (!xml.includes('<dataValidations')) continue;
    const model: ValidationModel = {};
    const block = /<dataValidations\b[^>]*>([\s\S]*?)<\/dataValidations>/.exec(xml);
    for (const m of (block?.[1] ?? '').matchAll(/<dataValidation\b[\s\S]*?(?:\/>|<\/dataValidation>)/g)) {
      const { ranges, rule } = parseValidation(m[0]);
      for (const range of ranges) model[range] = rule;
    }
    bySheet.set(sheet, model);
    zip.file(part, xml.replace(/<dataValidations\b[\s\S]*?<\/dataValidations>|<dataValidations\b[^>]*\/>/, ''));
    changed = true;
  }
  const file = changed ? await zip.generateAsync({ type: 'uint8array' }) : new Uint8Array(bytes as ArrayBuffer);
  return { file, bySheet, rowBreaks };
}
