/**
 * One script per locale, checked by a machine (issue 11 item 2): every string of a zh-TW artefact
 * is Traditional Chinese as written in Taiwan, every string of a zh-CN artefact is Simplified,
 * and an en-US artefact holds no Chinese at all — except the deliberate bilingual texts listed
 * by the caller. The character data is OpenCC's (the `opencc-js` package bundles it; nothing is
 * downloaded).
 *
 * What counts as the wrong script, character by character:
 *
 * - zh-TW, **Simplified-only**: a character that OpenCC's Simplified→Taiwan conversion changes
 *   character by character (STCharacters, then the Taiwan variants: 床 → 牀 → 床 is unchanged),
 *   that is not itself a Traditional character with a Simplified form (a key of TSCharacters),
 *   and that OpenCC's phrase table (STPhrases) never keeps unchanged. 发 钟 这 们 说 … are
 *   Simplified-only: no Traditional word writes them.
 * - zh-TW, **shared character written as Simplified**: about 70 characters are valid in both
 *   scripts (于/於, 里/裡, 后/後, 干/幹, 余/餘, 丑/醜 …): OpenCC converts them by default but keeps
 *   them in some words (公里, 于姓, 皇后, 若干). A character cannot tell which word it writes, the
 *   string can: the string is converted to Simplified and back (tw→cn→tw, with OpenCC's phrase
 *   tables), and a shared character that comes back different is the Simplified use
 *   (装订于 → 裝訂於, 以后 → 以後), while one that comes back the same is a Traditional word
 *   (公里, 若干). 台 is never flagged: Taiwan writes 台 for 臺 in everyday text (台北, 台灣).
 * - zh-TW, **not Taiwan's form**: a character that OpenCC's Taiwan variant table (TWVariants)
 *   replaces: 爲→為, 裏→裡, 衆→眾, 着→著, 啓→啟 … — but not 污: Taiwan's laws write 污染
 *   (空氣污染防制法) as the client's own procedures do (環境污染事件), beside the standard 汙.
 * - zh-CN, **Traditional-only**: the reverse: a key of TSCharacters that is not a key of
 *   STCharacters and that TSPhrases never keeps (於 is kept, in names, and is judged by the round
 *   trip cn→tw→cn as the shared characters above).
 * - en-US: any Han character or CJK punctuation (、。，：；（）「」【】…).
 *
 * An artefact is a list of located strings (a sheet and cell, a message id …) so that the lead
 * can add new ones (the command line's help) without touching the rules.
 */
import JSZip from 'jszip';
import OpenCC from 'opencc-js';
import type { Locale, Text } from '../../addin/src/i18n/locale';
import { DICTIONARY_COLUMNS, DICTIONARY_SHEET } from '../../addin/src/ledger/layout';
import { CROSS_CHECK_SHEET } from '../../addin/src/workbooks/crossCheckSheet';
import { columnLetters } from '../../addin/src/ledger/xlsx/xlsxLedger';

export interface LocatedText {
  /** Where the string is: `sheet "投訴處理單" B7`, `ui.viewPrint`, … */
  readonly where: string;
  readonly text: string;
}

export interface Artefact {
  /** What was built, e.g. `zh-TW template` or `zh-TW demo ledger`. */
  readonly name: string;
  readonly locale: Locale;
  readonly texts: readonly LocatedText[];
}

/** A deliberate exception: a bilingual text, a brand, a language's own name. */
export interface ScriptException {
  readonly locale: Locale;
  /** The strings it covers, by where they are (whole string exempt). */
  readonly where?: RegExp;
  /** A fragment exempt wherever it appears (removed before checking). */
  readonly fragment?: string;
  readonly reason: string;
}

export type ScriptRule = 'simplified-only' | 'shared-as-simplified' | 'not-taiwan-form' | 'traditional-only' | 'shared-as-traditional' | 'cjk-in-english';

export interface Finding {
  readonly artefact: string;
  readonly locale: Locale;
  readonly where: string;
  readonly text: string;
  readonly rule: ScriptRule;
  /** The offending characters, each with what OpenCC would write instead (or itself in en-US). */
  readonly characters: readonly string[];
}

/** The data dictionary's label columns of `keys`, on the sheet of `locale`. */
function dictionaryColumns(locale: Locale, keys: readonly string[]): RegExp {
  const letters = keys.map((key) => columnLetters(DICTIONARY_COLUMNS.findIndex((c) => c.key === key) + 1));
  return new RegExp(`^sheet ${JSON.stringify(DICTIONARY_SHEET[locale])} (${letters.join('|')})\\d+$`);
}

/** The deliberate exceptions, all of them: bilingual by design, or a name. Add to this list, with a reason. */
export const SCRIPT_EXCEPTIONS: readonly ScriptException[] = [
  { locale: 'zh-CN', where: dictionaryColumns('zh-CN', ['label_zh_tw']), reason: 'the data dictionary labels every column in all three languages' },
  { locale: 'zh-TW', where: dictionaryColumns('zh-TW', ['label_zh_cn']), reason: 'the data dictionary labels every column in all three languages' },
  { locale: 'en-US', where: dictionaryColumns('en-US', ['label_zh_cn', 'label_zh_tw']), reason: 'the data dictionary labels every column in all three languages' },
  {
    locale: 'en-US',
    where: new RegExp(`^sheet ${JSON.stringify(CROSS_CHECK_SHEET['en-US'])} [A-Z]+3$`),
    reason: 'the cross-check counts a void mark typed in any language: it lists "Yes" and "是"',
  },
  { locale: 'en-US', fragment: '"、"', reason: 'the separator of a cell holding several codes, quoted in a help text' },
  { locale: 'en-US', fragment: '客服台账', reason: 'the product’s name as a brand, e.g. "Kefu Ledger (客服台账)"' },
];

type Dictionary = Map<string, string>;

function parseDictionary(data: string): Dictionary {
  const map: Dictionary = new Map();
  for (const entry of data.split('|')) {
    const [key, first] = entry.split(' ');
    if (key && first !== undefined) map.set(key, first);
  }
  return map;
}

/** Characters of `table` that some phrase of `phrases` keeps unchanged (so they exist in both scripts). */
function keptInPhrases(table: Dictionary, phrases: Dictionary): Set<string> {
  const kept = new Set<string>();
  for (const [from, to] of phrases) {
    const a = [...from];
    const b = [...to];
    if (a.length !== b.length) continue;
    a.forEach((ch, i) => {
      if (b[i] === ch && table.has(ch)) kept.add(ch);
    });
  }
  return kept;
}

interface Tables {
  readonly taiwanForm: (ch: string) => string;
  readonly ts: Dictionary;
  readonly simplifiedOnly: (ch: string) => boolean;
  readonly sharedSimplified: ReadonlySet<string>;
  readonly traditionalOnly: (ch: string) => boolean;
  readonly sharedTraditional: ReadonlySet<string>;
  readonly twVariants: Dictionary;
  readonly toCn: (s: string) => string;
  readonly toTw: (s: string) => string;
}

let tables: Tables | undefined;

function openccTables(): Tables {
  if (tables) return tables;
  // The bundled dictionaries, as the converters use them: from.cn = [[STPhrases, STCharacters]],
  // to.cn = [[TSPhrases, TSCharacters]], to.tw = [[TWVariantsPhrases, TWVariants]].
  const locale = OpenCC.Locale as unknown as {
    from: Record<string, string[][]>;
    to: Record<string, string[][]>;
  };
  const [stPhrases, stChars] = locale.from.cn[0].map(parseDictionary);
  const [tsPhrases, tsChars] = locale.to.cn[0].map(parseDictionary);
  const twVariants = parseDictionary(locale.to.tw[0][1]);
  twVariants.delete('污'); // 污染 is Taiwan's written usage too (空氣污染防制法, the seed's 環境污染事件)
  const sharedSimplified = keptInPhrases(stChars, stPhrases);
  sharedSimplified.delete('台'); // Taiwan's everyday form of 臺: never flagged.
  const sharedTraditional = keptInPhrases(tsChars, tsPhrases);
  /** What Taiwan writes for a Simplified character: OpenCC's s2tw, character by character (床 → 牀 → 床). */
  const taiwanForm = (ch: string) => {
    const traditional = stChars.get(ch) ?? ch;
    return twVariants.get(traditional) ?? traditional;
  };
  tables = {
    taiwanForm,
    ts: tsChars,
    simplifiedOnly: (ch) => stChars.has(ch) && taiwanForm(ch) !== ch && !tsChars.has(ch) && !sharedSimplified.has(ch) && ch !== '台',
    sharedSimplified,
    traditionalOnly: (ch) => tsChars.has(ch) && !stChars.has(ch) && !sharedTraditional.has(ch),
    sharedTraditional,
    twVariants,
    toCn: OpenCC.Converter({ from: 'tw', to: 'cn' }),
    toTw: OpenCC.Converter({ from: 'cn', to: 'tw' }),
  };
  return tables;
}

const HAN = /[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
/** Han characters, CJK symbols and punctuation, fullwidth forms: nothing an English text holds. */
const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3134f}]/u;

/**
 * Positions of `shared` characters that a round trip through the other script changes: the
 * string writes them in the other script's word. Runs of Han characters are converted one by
 * one; a run whose length the conversion changes is not judged (no such phrase in our texts).
 */
function changedByRoundTrip(text: string, shared: ReadonlySet<string>, there: (s: string) => string, back: (s: string) => string): string[] {
  const found: string[] = [];
  for (const run of text.match(new RegExp(`(?:${HAN.source})+`, 'gu')) ?? []) {
    const chars = [...run];
    if (!chars.some((ch) => shared.has(ch))) continue;
    const again = [...back(there(run))];
    if (again.length !== chars.length) continue;
    chars.forEach((ch, i) => {
      if (shared.has(ch) && again[i] !== ch) found.push(`${ch}→${again[i]}`);
    });
  }
  return found;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** What is wrong with one string of a locale, rule by rule (empty when it is in its own script). */
export function scriptProblems(text: string, locale: Locale): { rule: ScriptRule; characters: string[] }[] {
  if (!CJK.test(text)) return [];
  const t = openccTables();
  const chars = [...text];
  const out: { rule: ScriptRule; characters: string[] }[] = [];
  const add = (rule: ScriptRule, characters: string[]) => {
    if (characters.length > 0) out.push({ rule, characters: unique(characters) });
  };
  if (locale === 'en-US') {
    add(
      'cjk-in-english',
      chars.filter((ch) => CJK.test(ch)),
    );
  } else if (locale === 'zh-TW') {
    add(
      'simplified-only',
      chars.filter(t.simplifiedOnly).map((ch) => `${ch}→${t.taiwanForm(ch)}`),
    );
    add('shared-as-simplified', changedByRoundTrip(text, t.sharedSimplified, t.toCn, t.toTw));
    add(
      'not-taiwan-form',
      chars.filter((ch) => t.twVariants.has(ch)).map((ch) => `${ch}→${t.twVariants.get(ch)}`),
    );
  } else {
    add(
      'traditional-only',
      chars.filter(t.traditionalOnly).map((ch) => `${ch}→${t.ts.get(ch)}`),
    );
    add('shared-as-traditional', changedByRoundTrip(text, t.sharedTraditional, t.toTw, t.toCn));
  }
  return out;
}

/** Every string of every artefact that is not in its locale's script, exceptions left out. */
export function checkScripts(artefacts: readonly Artefact[], exceptions: readonly ScriptException[] = []): Finding[] {
  const findings: Finding[] = [];
  for (const artefact of artefacts) {
    const own = exceptions.filter((e) => e.locale === artefact.locale);
    for (const { where, text } of artefact.texts) {
      if (own.some((e) => e.where && !e.fragment && e.where.test(where))) continue;
      let checked = text;
      for (const e of own) {
        if (e.fragment && (!e.where || e.where.test(where))) checked = checked.split(e.fragment).join(' ');
      }
      for (const problem of scriptProblems(checked, artefact.locale)) {
        findings.push({ artefact: artefact.name, locale: artefact.locale, where, text, ...problem });
      }
    }
  }
  return findings;
}

/**
 * The findings as a report a person can act on: artefact, rule, characters, the string and where
 * it is (a string found in many cells is listed once, with its first places and a count).
 */
export function describeFindings(findings: readonly Finding[], limit = 80): string {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.artefact}\u0000${f.rule}\u0000${f.text}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const lines = [...groups.values()].slice(0, limit).map((group) => {
    const f = group[0];
    const text = JSON.stringify(f.text.length > 100 ? f.text.slice(0, 100) + '…' : f.text);
    const places =
      group
        .slice(0, 3)
        .map((g) => g.where)
        .join('; ') + (group.length > 3 ? `; … ${group.length} places` : '');
    return `${f.artefact} · ${f.rule} [${f.characters.join(' ')}] ${text} · ${places}`;
  });
  if (groups.size > limit) lines.push(`… and ${groups.size - limit} more strings`);
  return lines.join('\n');
}

// ----- artefacts ---------------------------------------------------------------------------

/** Every Text (a value in the three locales) inside `value`, as the string of `locale`, named by its path. */
export function textsOf(value: unknown, locale: Locale, path: string): LocatedText[] {
  const out: LocatedText[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, at: string) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const record = v as Record<string, unknown>;
    if (typeof record['zh-CN'] === 'string' && typeof record['zh-TW'] === 'string' && typeof record['en-US'] === 'string') {
      out.push({ where: at, text: (v as Text)[locale] });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        const key =
          item && typeof item === 'object' && typeof (item as { key?: unknown; code?: unknown }).key === 'string'
            ? (item as { key: string }).key
            : typeof (item as { code?: unknown })?.code === 'string'
              ? (item as { code: string }).code
              : String(i);
        walk(item, `${at}[${key}]`);
      });
      return;
    }
    for (const [key, item] of Object.entries(record)) walk(item, `${at}.${key}`);
  };
  walk(value, path);
  return out;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e],
  );
}

interface Element {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * Walks an XML part: calls `onText` with every text node (and the open elements around it) and
 * `onAttribute` with every attribute value. Enough XML for the parts of an .xlsx.
 */
function walkXml(xml: string, onText: (text: string, stack: readonly Element[]) => void, onAttribute: (name: string, value: string, stack: readonly Element[]) => void): void {
  const stack: Element[] = [];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    const [, cdata, closing, name, attributeText, selfClosing, text] = m;
    if (cdata !== undefined) {
      onText(cdata, stack);
    } else if (text !== undefined) {
      if (text.trim()) onText(decodeXml(text), stack);
    } else if (name && closing) {
      stack.pop();
    } else if (name) {
      const attributes: Record<string, string> = {};
      for (const a of (attributeText ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[a[1]] = decodeXml(a[2] ?? a[3] ?? '');
      const element = { name, attributes };
      stack.push(element);
      for (const [key, value] of Object.entries(attributes)) onAttribute(key, value, stack);
      if (selfClosing) stack.pop();
    }
  }
}

function relationships(xml: string, base: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) map.set(id, target.startsWith('/') ? target.slice(1) : `${base}/${target}`.replace(/[^/]+\/\.\.\//g, ''));
  }
  return map;
}

/** The shared strings as cells show them: the runs of each item joined, phonetic runs left out. */
function sharedStrings(xml: string): string[] {
  return (xml.match(/<si>[\s\S]*?<\/si>|<si\/>/g) ?? []).map((si) => {
    const runs: string[] = [];
    walkXml(
      si.replace(/<rPh\b[\s\S]*?<\/rPh>/g, ''),
      (text, stack) => {
        if (stack.at(-1)?.name === 't') runs.push(text);
      },
      () => undefined,
    );
    return runs.join('');
  });
}

/**
 * Every string a workbook holds, read from the file itself: sheet names, every cell (shared and
 * inline strings, formula text with its literals, cached string results), and every other text or
 * attribute of every part — table headers, validation lists and their error texts, conditional
 * formats, headers and footers, defined names and their lists, document properties. Not the
 * theme: its font table names a font for each script (新細明體, 宋体 …), the same in every
 * workbook Office writes. Strings without a letter (numbers, references) are left out.
 */
export async function workbookTexts(bytes: Uint8Array): Promise<LocatedText[]> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (zip.file(name) ? zip.file(name)!.async('string') : '');
  const shared = sharedStrings(await read('xl/sharedStrings.xml'));
  const workbookRels = relationships(await read('xl/_rels/workbook.xml.rels'), 'xl');
  const sheetOfPart = new Map<string, string>();
  const workbookXml = await read('xl/workbook.xml');
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = decodeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const part = workbookRels.get(id);
    if (part) sheetOfPart.set(part, name);
  }
  // Tables and other parts named by the sheet that owns them.
  const ownerOf = new Map<string, string>();
  for (const [part, sheet] of sheetOfPart) {
    const slash = part.lastIndexOf('/');
    const rels = await read(`${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`);
    for (const target of relationships(rels, part.slice(0, slash)).values()) ownerOf.set(target, sheet);
  }

  const out: LocatedText[] = [];
  const keep = (where: string, text: string) => {
    if (/\p{L}/u.test(text)) out.push({ where, text });
  };
  const described = (e: Element) => {
    const key = e.attributes.sqref ?? e.attributes.ref ?? e.attributes.name ?? e.attributes.r;
    return key ? `<${e.name} ${key}>` : `<${e.name}>`;
  };
  const names = Object.keys(zip.files)
    .filter((n) => !zip.files[n].dir && /\.(xml|rels|vml)$/.test(n))
    .sort();
  for (const part of names) {
    if (part === 'xl/sharedStrings.xml') continue; // read through the cells that show them
    if (part.startsWith('xl/theme/')) continue; // the Office theme's font names per script (新細明體, 宋体 …): names, not text
    const xml = await read(part);
    const sheet = sheetOfPart.get(part);
    const label = sheet !== undefined ? `sheet ${JSON.stringify(sheet)}` : ownerOf.has(part) ? `sheet ${JSON.stringify(ownerOf.get(part))} ${part}` : part;
    walkXml(
      xml,
      (text, stack) => {
        const cellIndex = stack.findIndex((e) => e.name === 'c');
        if (sheet !== undefined && cellIndex >= 0) {
          const cell = stack[cellIndex];
          const inner = stack.at(-1)!.name;
          const ref = cell.attributes.r ?? '?';
          if (inner === 'v' && cell.attributes.t === 's') keep(`${label} ${ref}`, shared[Number(text)] ?? '');
          else if (inner === 'f') keep(`${label} ${ref} (formula)`, text);
          else if (inner !== 'v' || cell.attributes.t === 'str') keep(`${label} ${ref}`, text); // not a number's digits
          return;
        }
        keep(`${label} ${stack.map(described).join('')}`, text);
      },
      (attribute, value, stack) => keep(`${label} ${stack.map(described).join('')} @${attribute}`, value),
    );
  }
  return out;
}
