import { KefuError } from '../../core/problems';
import type { Locale } from '../../i18n/locale';
import { columnForHeader } from '../schema';
import type { OpenPackage } from './openPackage';
import type { ImportedSheet, SheetState } from './packageState';
import { attribute, columnLetters, escapeCellText, escapeXml, formatArea, parseArea, utf8Out, withAttribute, type Area } from './sheetXml';
import { definedNames, relationships, relsPathOf, resolvePath, tableWithRef, workbookSheets, type Relationship, type StyleBook } from './xmlParts';
import type { ZipFile } from './zip';

/**
 * What the upgrade (upgrade/packageUpgrade.ts) copies from a template into a ledger's package:
 * whole sheets with their tables, print areas and named lists, a table onto a sheet the ledger
 * has, columns a table lacks, and sheets without data renewed. Cells go in as edits of the
 * package's sheets; the sheets, tables and names it adds are held here until packageWriter.ts
 * writes them.
 */
export class TemplateImports {
  constructor(
    private readonly target: OpenPackage,
    private readonly locale: Locale,
  ) {}

  /** Sheets to add, copied from a template (upgrade/packageUpgrade.ts), and sheets whose part a template's replaces. */
  readonly imported: ImportedSheet[] = [];
  readonly replacedParts = new Map<string, string>();
  /** Workbook-level defined names to set (the named lists behind long validations). */
  readonly globalNames = new Map<string, string>();
  /** Tables added into existing sheets (their parts, relationships and content types are made on writing). */
  readonly newTables: { name: string; xml: string; sheet: SheetState; area: Area }[] = [];

  /** Whether a sheet of this name is being added (Excel compares names case-insensitively). */
  adds(name: string): boolean {
    return this.imported.some((i) => i.name.toUpperCase() === name.toUpperCase());
  }

  /** A sheet's part as the template has it (Latin-1), with styles, strings and formats made this workbook's own. */
  private async importedXml(template: OpenPackage, sheet: SheetState, styles: StyleBook): Promise<{ xml: string; rels: Relationship[] }> {
    const fromStyles = await template.styleBook();
    let xml = '';
    for await (const chunk of template.zip.latin1Chunks(sheet.path)) xml += chunk;
    const prefix = await template.reader.prefixOf(sheet);
    // Shared strings of the template become inline strings here.
    const indexes = [...xml.matchAll(new RegExp(`<${prefix}c\\b[^>]*\\st="s"[^>]*>\\s*<${prefix}v>(\\d+)<\\/${prefix}v>`, 'g'))].map((m) => Number(m[1]));
    const strings = await template.reader.shared.lookUp(indexes);
    xml = xml.replace(new RegExp(`<${prefix}c\\b([^>]*?)\\st="s"([^>]*)>\\s*<${prefix}v>(\\d+)<\\/${prefix}v>\\s*<\\/${prefix}c>`, 'g'), (_, before: string, after: string, index: string) => {
      const text = utf8Out(escapeCellText(strings.get(Number(index)) ?? ''));
      return `<${prefix}c${before} t="inlineStr"${after}><${prefix}is><${prefix}t xml:space="preserve">${text}</${prefix}t></${prefix}is></${prefix}c>`;
    });
    // Styles of cells, rows and columns; the formats of conditional formats.
    xml = xml.replace(new RegExp(`(<${prefix}(?:c|row)\\b[^>]*?\\ss=")(\\d+)(")`, 'g'), (_, a: string, id: string, b: string) => `${a}${styles.importStyle(fromStyles, id) ?? '0'}${b}`);
    xml = xml.replace(new RegExp(`(<${prefix}col\\b[^>]*?\\sstyle=")(\\d+)(")`, 'g'), (_, a: string, id: string, b: string) => `${a}${styles.importStyle(fromStyles, id) ?? '0'}${b}`);
    xml = xml.replace(/(<(?:\w+:)?cfRule\b[^>]*?\sdxfId=")(\d+)(")/g, (_, a: string, id: string, b: string) => `${a}${styles.importDxf(fromStyles, id)}${b}`);
    return { xml, rels: relationships(await template.zip.text(relsPathOf(sheet.path))) };
  }

  /** Adds a sheet of the template (with its tables, print area and the named lists it refers to) at the end. */
  async importSheet(template: OpenPackage, name: string): Promise<string[]> {
    const sheet = template.sheets.get(name.toUpperCase());
    if (!sheet) throw new Error(`The template has no sheet ${name}`);
    const styles = await this.target.styleBook();
    const { xml, rels } = await this.importedXml(template, sheet, styles);
    const tables = [...template.tables.values()].filter((t) => t.sheet === sheet);
    const state = workbookSheets(template.workbookXml).find((e) => e.name === sheet.name)?.state;
    const localNames = definedNames(template.workbookXml)
      .filter((n) => n.localSheetId === sheet.index)
      .map((n) => ({ name: n.name, text: n.text }));
    this.imported.push({
      name: sheet.name,
      state,
      xml,
      tables: tables.map((t) => ({ name: t.name, xml: t.partXml, rid: rels.find((r) => resolvePath(sheet.path, r.target) === t.partPath)?.id ?? '' })),
      localNames,
    });
    await this.importNamedLists(template, xml);
    return tables.map((t) => t.name);
  }

  /** Replaces a sheet of ours that holds no data (the statistics cross-check) with the template's copy, in its place. */
  async renewSheet(template: OpenPackage, name: string): Promise<boolean> {
    const existing = this.target.sheets.get(name.toUpperCase());
    const source = template.sheets.get(name.toUpperCase());
    if (!existing || !source || template.tablesOn(name).length > 0) return false;
    this.replacedParts.set(existing.path, (await this.importedXml(template, source, await this.target.styleBook())).xml);
    return true;
  }

  /** The template's named lists (kefu_list_…) this workbook lacks, with the sheet holding them (an older ledger's validations may use one its file lost). */
  async importMissingNamedLists(template: OpenPackage): Promise<number> {
    const here = new Set(
      definedNames(this.target.workbookXml)
        .filter((n) => n.localSheetId === undefined)
        .map((n) => n.name.toLowerCase()),
    );
    const missing = definedNames(template.workbookXml).filter((n) => n.localSheetId === undefined && !here.has(n.name.toLowerCase()) && !this.globalNames.has(n.name));
    if (missing.length > 0) await this.importNamedLists(template, missing.map((n) => n.name).join(' '));
    return missing.length;
  }

  /** The workbook-level names (kefu_list_…) a sheet's validations use, from the template, with the sheet holding their lists. */
  private async importNamedLists(template: OpenPackage, xml: string): Promise<void> {
    for (const name of definedNames(template.workbookXml)) {
      if (name.localSheetId !== undefined || !xml.includes(name.name)) continue;
      const current = definedNames(this.target.workbookXml).find((n) => n.name === name.name && n.localSheetId === undefined);
      if (current?.text === name.text) continue;
      this.globalNames.set(name.name, name.text);
      // The lists live on the template's hidden lists sheet: it comes along whole.
      const listSheet = /^'?([^'!]+)'?!/.exec(name.text)?.[1];
      if (!listSheet) continue;
      const existing = this.target.sheets.get(listSheet.toUpperCase());
      const source = template.sheets.get(listSheet.toUpperCase());
      if (!source) continue;
      if (existing) {
        if (!this.replacedParts.has(existing.path)) this.replacedParts.set(existing.path, (await this.importedXml(template, source, await this.target.styleBook())).xml);
      } else if (!this.imported.some((i) => i.name === source.name)) {
        await this.importSheet(template, source.name);
      }
    }
  }

  /**
   * Adds a table of the template into a sheet this workbook already has (a new series' claims
   * table on the numbering sheet): where the template has it or — for a claims table whose place
   * an older ledger gives another table (numbers find their claims table by name, not place) —
   * one column right of the sheet's last claims table, as the add-in's upgrade places it. The
   * cells it takes must be empty (nothing a user typed is covered).
   */
  async importTableInto(template: OpenPackage, tableName: string): Promise<void> {
    const from = template.tables.get(tableName.toLowerCase());
    if (!from) throw new Error(`The template has no table ${tableName}`);
    const sheet = this.target.sheets.get(from.sheet.name.toUpperCase());
    if (!sheet) throw new Error(`No sheet ${from.sheet.name} to put ${tableName} on`);
    const area = this.placeOnSheet(from.name, from.fileArea, sheet);
    await this.target.reader.scanSheet(sheet, area.top, area.bottom, (row, cells) => {
      const taken = cells.find((c) => c.column >= area.left && c.column <= area.right && (c.v !== undefined || c.formula || c.type === 'inlineStr'));
      if (taken) throw new KefuError([{ kind: 'tableInTheWay', params: { sheet: sheet.name, cell: `${columnLetters(taken.column)}${row}`, table: from.name } }]);
    });
    const styles = await this.target.styleBook();
    const fromStyles = await template.styleBook();
    const rows = await template.reader.fileRows(from, from.fileArea.top, from.fileArea.bottom);
    for (const row of rows) {
      row.cells.forEach((cell, i) => {
        this.target.setCell(sheet, row.row - from.fileArea.top + area.top, area.left + i, {
          write: { value: cell === null || cell === undefined ? null : typeof cell === 'string' ? { text: cell } : cell },
          style: styles.importStyle(fromStyles, row.styles[i]) ?? '0',
          newRow: true,
          table: from.name,
        });
      });
    }
    this.newTables.push({ name: from.name, xml: tableWithRef(from.partXml, formatArea(area)), sheet, area });
  }

  /** The area a table of the template's `area` takes on `sheet` of this workbook (see importTableInto). */
  private placeOnSheet(name: string, area: Area, sheet: SheetState): Area {
    const onSheet = [
      ...[...this.target.tables.values()].filter((t) => t.sheet === sheet).map((t) => ({ name: t.name, area: { ...t.fileArea, bottom: t.bottom } })),
      ...this.newTables.filter((t) => t.sheet === sheet),
    ];
    const overlaps = onSheet.some((t) => t.area.top <= area.bottom && area.top <= t.area.bottom && t.area.left <= area.right && area.left <= t.area.right);
    const claims = onSheet.filter((t) => t.name.toLowerCase().startsWith('kefu_claims_'));
    if (!overlaps || !name.toLowerCase().startsWith('kefu_claims_') || claims.length === 0) return area;
    const left = Math.max(...claims.map((t) => t.area.right)) + 2;
    return { ...area, left, right: left + area.right - area.left };
  }

  /**
   * Adds columns of ours a table lacks, at its right (after any a user added): header cells styled
   * as the template's, the template's validations over the table's rows, widths. The cells of the
   * new columns must be empty for every row of the table (nothing a user typed is covered).
   */
  async importColumns(template: OpenPackage, tableName: string, keys: readonly string[]): Promise<string[]> {
    const table = this.target.locate(tableName, this.locale);
    const from = template.tables.get(tableName.toLowerCase());
    if (!from || keys.length === 0) return [];
    const headers = await this.target.reader.headersOf(table);
    const fromHeaders = await template.reader.headersOf(from);
    const key = (h: string) => columnForHeader(tableName, h, this.locale)?.key;
    const styles = await this.target.styleBook();
    const fromStyles = await template.styleBook();
    const [fromHeader] = await template.reader.fileRows(from, from.fileArea.top, from.fileArea.top);
    const { top, right } = table.fileArea;
    const bottom = table.bottom;
    // Nothing may stand where the new columns go.
    const width = keys.length;
    await this.target.reader.scanSheet(table.sheet, top, bottom, (row, cells) => {
      const taken = cells.find((c) => c.column > right && c.column <= right + width && (c.v !== undefined || c.formula || c.type === 'inlineStr'));
      if (taken) throw new KefuError([{ kind: 'columnInTheWay', params: { sheet: table.sheet.name, cell: `${columnLetters(taken.column)}${row}`, table: table.name } }]);
    });
    const { validations: fromValidations, widths: fromWidths } = await sheetValidations(template.zip, from.sheet);
    const labels: string[] = [];
    let partXml = table.partXml;
    const ids = table.part.columns.map((c) => Number(c.id)).filter(Number.isFinite);
    let nextId = Math.max(0, ...ids) + 1;
    keys.forEach((columnKey, i) => {
      const fromIndex = fromHeaders.findIndex((h) => key(h) === columnKey);
      const label = fromHeaders[fromIndex] ?? columnKey;
      const column = right + 1 + i;
      labels.push(label);
      this.target.setCell(table.sheet, top, column, {
        write: { value: { text: label } },
        style: styles.importStyle(fromStyles, fromHeader?.styles[fromIndex]) ?? '0',
        newRow: true,
        table: table.name,
      });
      partXml = partXml.replace(
        /<((?:\w+:)?)tableColumns\b([^>]*)>([\s\S]*?)<\/\1tableColumns>/,
        (_, p: string, attrs: string, body: string) =>
          `${withAttribute(`<${p}tableColumns${attrs}>`, 'count', String(table.part.columns.length + i + 1))}${body}<${p}tableColumn id="${nextId++}" name="${escapeXml(label)}"/></${p}tableColumns>`,
      );
      // The template's validation of that column, over this table's rows.
      const fromLetter = columnLetters(from.fileArea.left + fromIndex);
      for (const element of fromValidations) {
        const sqref = attribute(element, 'sqref') ?? '';
        const area = sqref
          .split(/\s+/)
          .map(parseArea)
          .find((a) => a && a.left === a.right && columnLetters(a.left) === fromLetter);
        if (!area) continue;
        const rows = `${columnLetters(column)}${top + 1}:${columnLetters(column)}${Math.max(bottom, area.bottom)}`;
        (table.sheet.newValidations ??= []).push(element.replace(/\ssqref="[^"]*"/, () => ` sqref="${rows}"`));
      }
      const width = fromWidths.get(from.fileArea.left + fromIndex);
      if (width !== undefined) (table.sheet.newColumnWidths ??= new Map()).set(column, width);
    });
    // The named lists (kefu_list_…) the new validations take their choices from.
    await this.importNamedLists(template, (table.sheet.newValidations ?? []).join(''));
    table.fileArea = { ...table.fileArea, right: right + keys.length };
    table.headers = [...headers, ...labels];
    table.partXml = partXml;
    table.partChanged = true;
    return labels;
  }
}

/** The `<dataValidation>` elements of a (small) sheet, and its column widths. */
async function sheetValidations(zip: ZipFile, sheet: SheetState): Promise<{ validations: string[]; widths: Map<number, number> }> {
  let xml = '';
  for await (const chunk of zip.latin1Chunks(sheet.path)) xml += chunk;
  const validations = [...xml.matchAll(/<((?:\w+:)?)dataValidation\b[^>]*?(?:\/>|>[\s\S]*?<\/\1dataValidation>)/g)].map((m) => m[0]);
  const widths = new Map<number, number>();
  for (const m of xml.matchAll(/<(?:\w+:)?col\b[^>]*>/g)) {
    const min = Number(attribute(m[0], 'min'));
    const max = Number(attribute(m[0], 'max'));
    const width = Number(attribute(m[0], 'width'));
    if (Number.isFinite(width)) for (let c = min; c <= max; c++) widths.set(c, width);
  }
  return { validations, widths };
}
