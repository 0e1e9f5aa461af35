import { KefuError } from '../../core/problems';
import { findForm } from '../../forms';
import type { Locale } from '../../i18n/locale';
import { PartReader } from './partReader';
import { RowEdits, type CellEdit, type SheetState, type TableState } from './packageState';
import { REL_TYPES, StyleBook, parseTablePart, relationships, relsPathOf, resolvePath, workbookSheets } from './xmlParts';
import type { ZipFile } from './zip';

/**
 * A package opened by the part-level backend: its workbook, sheets and tables (each table's part
 * is small), a reader of its worksheets, its style sheet once asked for, and the cell edits of
 * this session on its sheets. The ledger (packageLedger.ts) edits it; the imports from a template
 * (templateImports.ts) read a template's and add to this one's; packageWriter.ts writes it.
 */
export class OpenPackage {
  readonly tables = new Map<string, TableState>();
  readonly sheets = new Map<string, SheetState>();
  readonly reader: PartReader;
  private styles?: StyleBook;
  /** The style sheet's part, known once `styleBook` has been asked for. */
  stylesPath?: string;
  /** Whether a change writes a formula or writes over a cell in the file (the calculation chain then goes). */
  touchesFileCells = false;

  private constructor(
    readonly zip: ZipFile,
    readonly workbookXml: string,
    readonly workbookRels: string,
    sharedStringsPath: string,
  ) {
    this.reader = new PartReader(zip, sharedStringsPath);
  }

  /** Opens a package: its workbook, sheets and tables. */
  static async open(zip: ZipFile): Promise<OpenPackage> {
    const workbookXml = await zip.text('xl/workbook.xml');
    const workbookRels = await zip.text('xl/_rels/workbook.xml.rels');
    if (workbookXml === undefined || workbookRels === undefined) throw new KefuError([{ kind: 'notLedger' }]);
    const rels = relationships(workbookRels);
    const sharedRel = rels.find((r) => r.type === REL_TYPES.sharedStrings || r.type.endsWith('/sharedStrings'));
    const opened = new OpenPackage(zip, workbookXml, workbookRels, sharedRel ? resolvePath('xl/workbook.xml', sharedRel.target) : 'xl/sharedStrings.xml');
    await opened.findTables();
    return opened;
  }

  private async findTables(): Promise<void> {
    const rels = relationships(this.workbookRels);
    for (const entry of workbookSheets(this.workbookXml)) {
      const rel = rels.find((r) => r.id === entry.rid);
      if (!rel || rel.external) continue;
      const path = resolvePath('xl/workbook.xml', rel.target);
      const sheet: SheetState = { name: entry.name, path, index: entry.index, edits: new Map() };
      this.sheets.set(entry.name.toUpperCase(), sheet);
      for (const tableRel of relationships(await this.zip.text(relsPathOf(path)))) {
        if (tableRel.type !== REL_TYPES.table && !tableRel.type.endsWith('/table')) continue;
        const partPath = resolvePath(path, tableRel.target);
        const partXml = await this.zip.text(partPath);
        const part = partXml ? parseTablePart(partXml) : undefined;
        if (!part || !partXml) continue;
        this.tables.set(part.name.toLowerCase(), { name: part.name, partPath, part, partXml, sheet, fileArea: part.area, bottom: part.area.bottom });
      }
    }
  }

  /** A table by name, or the error naming it (and its form's sheet in `locale`). */
  locate(name: string, locale: Locale): TableState {
    const table = this.tables.get(name.toLowerCase());
    if (table) return table;
    const form = findForm(name);
    throw new KefuError([{ kind: 'missingTable', form: form?.key, params: { table: name, sheet: form ? form.sheet[locale] : name } }]);
  }

  /** The names of the tables on a sheet. */
  tablesOn(sheetName: string): string[] {
    return [...this.tables.values()].filter((t) => t.sheet.name.toUpperCase() === sheetName.toUpperCase()).map((t) => t.name);
  }

  async styleBook(): Promise<StyleBook> {
    if (!this.styles) {
      const rel = relationships(this.workbookRels).find((r) => r.type === REL_TYPES.styles);
      this.stylesPath = rel ? resolvePath('xl/workbook.xml', rel.target) : undefined;
      this.styles = new StyleBook(this.stylesPath ? await this.zip.text(this.stylesPath) : undefined);
    }
    return this.styles;
  }

  setCell(sheet: SheetState, row: number, column: number, edit: CellEdit): void {
    let edits = sheet.edits.get(row);
    if (!edits) sheet.edits.set(row, (edits = new RowEdits()));
    edits.set(column, edit);
    if ('formula' in edit.write) this.touchesFileCells = true;
  }
}
