import type { ReportSheet } from '../types';
import type { OpenPackage } from './openPackage';
import { grownBottom } from './packageState';
import { writeReportPart } from './reportPart';
import { SegmentCutter } from './segmentCutter';
import { writeSheet } from './sheetEditor';
import { attribute, escapeXml, formatArea, parseArea, withAttribute } from './sheetXml';
import type { TemplateImports } from './templateImports';
import {
  CONTENT_TYPES,
  REL_TYPES,
  addContentTypeOverride,
  addRelationship,
  definedNames,
  relationships,
  relativeTarget,
  relsPathOf,
  removeContentTypeOverride,
  removeRelationshipsOfType,
  resolvePath,
  tableWithRef,
  withDefinedNameText,
  withFullCalcOnLoad,
  workbookSheets,
} from './xmlParts';
import { ZipWriter, type ZipEntry, type ZipFile, type ZipSink } from './zip';

/**
 * Writes a package with this session's changes into `sink` (packageLedger.ts `write`): parts in
 * their order, each copied as it was unless the changes touch it — the sheets edited (sheetEditor.ts),
 * the report sheets, the tables grown or given columns, the sheets, tables and names imported from
 * a template (`imports`), the workbook (print areas, calculation, new sheets), its relationships
 * and content types, the calculation chain dropped, and the style sheet last, when it changed.
 * Returns the names of the parts written anew (the rest are byte for byte those of the file read).
 */
export async function writePackage(sink: ZipSink, pkg: OpenPackage, reports: ReadonlyMap<string, ReportSheet>, imports: TemplateImports): Promise<string[]> {
  const writer = new ZipWriter(sink);
  const changed = new Map<string, Buffer>();
  const dropped = new Set<string>();
  const editedSheets = new Map([...pkg.sheets.values()].filter((s) => s.edits.size > 0 || s.boundLegacyRanges).map((s) => [s.path, s]));
  const grown = [...pkg.tables.values()].filter((t) => t.bottom !== t.fileArea.bottom);
  for (const table of [...pkg.tables.values()].filter((t) => t.partChanged || grown.includes(t))) {
    const area = { ...table.fileArea, bottom: table.bottom };
    changed.set(table.partPath, Buffer.from(tableWithRef(table.partXml, formatArea(area)), 'utf8'));
  }
  for (const [path, xml] of imports.replacedParts) changed.set(path, Buffer.from(xml, 'latin1'));
  let workbook = pkg.workbookXml;
  // Print areas that cover a table's rows grow with it.
  for (const name of definedNames(workbook)) {
    if (name.name !== '_xlnm.Print_Area' || name.localSheetId === undefined) continue;
    const sheet = [...pkg.sheets.values()].find((s) => s.index === name.localSheetId);
    const tables = grown.filter((t) => t.sheet === sheet);
    if (!sheet || tables.length === 0) continue;
    const text = name.text.replace(/(\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)/g, (ref) => {
      const area = parseArea(ref.replace(/\$/g, ''));
      const bottom = area ? grownBottom(area, tables) : undefined;
      return area && bottom ? ref.replace(/(\d+)$/, () => String(bottom)) : ref;
    });
    if (text !== name.text) workbook = workbook.replace(name.element, () => withDefinedNameText(name.element, text));
  }
  const formulas = [...editedSheets.values()].some((s) => [...s.edits.values()].some((row) => row.hasFormula()));
  if (formulas) workbook = withFullCalcOnLoad(workbook);
  // The calculation chain lists formula cells; Excel rebuilds it when it is missing. It goes when
  // formulas are written or cells of the file are written over (one of them may hold a formula).
  const calcChain = relationships(pkg.workbookRels).find((r) => r.type === REL_TYPES.calcChain);
  if (calcChain && (pkg.touchesFileCells || formulas)) {
    const path = resolvePath('xl/workbook.xml', calcChain.target);
    dropped.add(path);
    changed.set('xl/_rels/workbook.xml.rels', Buffer.from(removeRelationshipsOfType(pkg.workbookRels, REL_TYPES.calcChain), 'utf8'));
    const types = await pkg.zip.text('[Content_Types].xml');
    if (types !== undefined) changed.set('[Content_Types].xml', Buffer.from(removeContentTypeOverride(types, `/${path}`), 'utf8'));
  }
  // Report sheets: an existing sheet's part is replaced; a new sheet gets a part, a relationship,
  // an entry in the workbook and a content type.
  const reportParts = new Map<string, ReportSheet>();
  const newReports: { path: string; report: ReportSheet }[] = [];
  let rels = changed.has('xl/_rels/workbook.xml.rels') ? changed.get('xl/_rels/workbook.xml.rels')!.toString('utf8') : pkg.workbookRels;
  let types = changed.has('[Content_Types].xml') ? changed.get('[Content_Types].xml')!.toString('utf8') : await pkg.zip.text('[Content_Types].xml');
  for (const [upper, report] of reports) {
    const existing = pkg.sheets.get(upper);
    if (existing) {
      reportParts.set(existing.path, report);
      continue;
    }
    let n = pkg.sheets.size + newReports.length + 1;
    while (pkg.zip.has(`xl/worksheets/sheet${n}.xml`) || newReports.some((r) => r.path === `xl/worksheets/sheet${n}.xml`)) n++;
    const path = `xl/worksheets/sheet${n}.xml`;
    const added = addRelationship(rels, REL_TYPES.worksheet, `worksheets/sheet${n}.xml`);
    rels = added.xml;
    const sheetIds = workbookSheets(workbook)
      .map((e) => Number(e.sheetId))
      .filter(Number.isFinite);
    const sheetId = Math.max(0, ...sheetIds) + 1;
    workbook = workbook.replace(/<\/((?:\w+:)?)sheets>/, (close, p: string) => `<${p}sheet name="${escapeXml(report.name)}" sheetId="${sheetId}" r:id="${added.id}"/>${close}`);
    if (types !== undefined) types = addContentTypeOverride(types, `/${path}`, CONTENT_TYPES.worksheet);
    newReports.push({ path, report });
  }
  // Tables and sheets copied from a template (the upgrade).
  const newParts: { path: string; data: Buffer }[] = [];
  const takenPaths = new Set(pkg.zip.entries.map((e) => e.name));
  const freePath = (make: (n: number) => string) => {
    let n = 1;
    while (takenPaths.has(make(n))) n++;
    takenPaths.add(make(n));
    return make(n);
  };
  newReports.forEach((r) => takenPaths.add(r.path));
  let tableId = Math.max(0, ...[...pkg.tables.values()].map((t) => Number(attribute(/<(?:\w+:)?table\b[^>]*>/.exec(t.partXml)?.[0] ?? '', 'id') ?? 0)));
  const newTablePart = (xml: string) => {
    const path = freePath((n) => `xl/tables/table${n}.xml`);
    newParts.push({
      path,
      data: Buffer.from(
        xml.replace(/<(?:\w+:)?table\b[^>]*>/, (head) => withAttribute(head, 'id', String(++tableId))),
        'utf8',
      ),
    });
    if (types !== undefined) types = addContentTypeOverride(types, `/${path}`, CONTENT_TYPES.table);
    return path;
  };
  const sheetTableParts = new Map<string, string[]>();
  for (const { xml, sheet } of imports.newTables) {
    const path = newTablePart(xml);
    const relsPath = relsPathOf(sheet.path);
    const current = changed.get(relsPath)?.toString('utf8') ?? (await pkg.zip.text(relsPath));
    const added = addRelationship(current, REL_TYPES.table, relativeTarget(sheet.path, path));
    changed.set(relsPath, Buffer.from(added.xml, 'utf8'));
    if (!pkg.zip.has(relsPath) && !newParts.some((p) => p.path === relsPath)) newParts.push({ path: relsPath, data: Buffer.alloc(0) });
    sheetTableParts.set(sheet.path, [...(sheetTableParts.get(sheet.path) ?? []), added.id]);
  }
  const sheetCount = pkg.sheets.size + newReports.length;
  imports.imported.forEach((imported, i) => {
    const path = freePath((n) => `xl/worksheets/sheet${n}.xml`);
    let xml = imported.xml;
    let sheetRels: string | undefined;
    for (const table of imported.tables) {
      const tablePath = newTablePart(table.xml);
      const added = addRelationship(sheetRels, REL_TYPES.table, relativeTarget(path, tablePath));
      sheetRels = added.xml;
      xml = xml.replace(new RegExp(`(<(?:\\w+:)?tablePart\\b[^>]*r:id=")${table.rid}(")`), (_, a: string, b: string) => `${a}${added.id}${b}`);
    }
    // Relationships the template's sheet had to anything but its tables are not carried over.
    xml = xml.replace(/<(?:\w+:)?(?:drawing|legacyDrawing|legacyDrawingHF|hyperlink)\b[^>]*\/>/g, '');
    newParts.push({ path, data: Buffer.from(xml, 'latin1') });
    if (sheetRels) newParts.push({ path: relsPathOf(path), data: Buffer.from(sheetRels, 'utf8') });
    const added = addRelationship(rels, REL_TYPES.worksheet, relativeTarget('xl/workbook.xml', path));
    rels = added.xml;
    const sheetId =
      Math.max(
        0,
        ...workbookSheets(workbook)
          .map((e) => Number(e.sheetId))
          .filter(Number.isFinite),
      ) + 1;
    const state = imported.state ? ` state="${imported.state}"` : '';
    workbook = workbook.replace(/<\/((?:\w+:)?)sheets>/, (close, p: string) => `<${p}sheet name="${escapeXml(imported.name)}" sheetId="${sheetId}"${state} r:id="${added.id}"/>${close}`);
    for (const name of imported.localNames) workbook = withDefinedName(workbook, name.name, name.text, sheetCount + i);
    if (types !== undefined) types = addContentTypeOverride(types, `/${path}`, CONTENT_TYPES.worksheet);
  });
  for (const [name, text] of imports.globalNames) workbook = withDefinedName(workbook, name, text, undefined);
  if (newReports.length > 0 || newParts.length > 0) {
    changed.set('xl/_rels/workbook.xml.rels', Buffer.from(rels, 'utf8'));
    if (types !== undefined) changed.set('[Content_Types].xml', Buffer.from(types, 'utf8'));
  }
  for (const sheet of pkg.sheets.values()) {
    if (sheetTableParts.has(sheet.path) && !editedSheets.has(sheet.path)) editedSheets.set(sheet.path, sheet);
  }
  if ([...reports.values()].some((r) => r.rows.some((row) => row.some((cell) => cell !== null && 'formula' in cell)))) workbook = withFullCalcOnLoad(workbook);
  if (workbook !== pkg.workbookXml) changed.set('xl/workbook.xml', Buffer.from(workbook, 'utf8'));
  const written: string[] = [];
  // Styles are decided while the sheets are written: the style sheet goes after them when it changed.
  const styles = await pkg.styleBook();
  let stylesEntry: ZipEntry | undefined;
  for (const entry of pkg.zip.entries) {
    if (dropped.has(entry.name)) continue;
    const sheet = editedSheets.get(entry.name);
    const report = reportParts.get(entry.name);
    if (report) {
      const out = await writer.beginSegmented(entry.name, entry);
      await writeReportPart(new SegmentCutter(out), report, styles, await keptElements(pkg.zip, entry));
      await out.end();
      written.push(entry.name);
    } else if (sheet) {
      const prefix = await pkg.reader.prefixOf(sheet);
      if (
        await writeSheet(
          pkg.zip,
          writer,
          entry,
          sheet,
          prefix,
          grown.filter((t) => t.sheet === sheet),
          styles,
          sheetTableParts.get(sheet.path) ?? [],
          sheet.boundLegacyRanges ? [...pkg.tables.values()].filter((t) => t.sheet === sheet) : [],
        )
      )
        pkg.touchesFileCells = true;
      written.push(entry.name);
    } else if (entry.name === pkg.stylesPath) {
      stylesEntry = entry;
    } else if (changed.has(entry.name)) {
      await writer.add(entry.name, changed.get(entry.name)!, entry);
      written.push(entry.name);
    } else {
      await writer.copy(pkg.zip, entry);
    }
  }
  for (const part of newParts) {
    const data = part.data.length > 0 ? part.data : changed.get(part.path);
    if (!data) continue;
    await writer.add(part.path, data);
    written.push(part.path);
  }
  for (const { path, report } of newReports) {
    const out = await writer.beginSegmented(path);
    await writeReportPart(new SegmentCutter(out), report, styles, []);
    await out.end();
    written.push(path);
  }
  if (stylesEntry) {
    if (styles.isChanged) {
      await writer.add(stylesEntry.name, Buffer.from(styles.text, 'utf8'), stylesEntry);
      written.push(stylesEntry.name);
    } else {
      await writer.copy(pkg.zip, stylesEntry);
    }
  }
  await writer.finish();
  return written;
}

/** The elements of a sheet a report replaces that are not the report's: its drawing (the add-in's charts) and comments' drawing. */
async function keptElements(zip: ZipFile, entry: ZipEntry): Promise<string[]> {
  const kept: string[] = [];
  let carry = '';
  for await (const chunk of zip.latin1Chunks(entry.name)) {
    const text = carry + chunk;
    for (const m of text.matchAll(/<(?:\w+:)?(?:drawing|legacyDrawing|legacyDrawingHF)\b[^>]*\/>/g)) if (!kept.includes(m[0])) kept.push(m[0]);
    carry = text.slice(-512);
  }
  return kept;
}

/** The workbook with a defined name set (replaced when it exists for the same scope, added otherwise). */
function withDefinedName(workbook: string, name: string, text: string, localSheetId: number | undefined): string {
  const existing = definedNames(workbook).find((n) => n.name === name && n.localSheetId === localSheetId);
  if (existing) return workbook.replace(existing.element, () => withDefinedNameText(existing.element, text));
  const prefix = /<(\w+:)?workbook[\s>]/.exec(workbook)?.[1] ?? '';
  const element = `<${prefix}definedName name="${escapeXml(name)}"${localSheetId === undefined ? '' : ` localSheetId="${localSheetId}"`}>${escapeXml(text)}</${prefix}definedName>`;
  const close = `</${prefix}definedNames>`;
  if (workbook.includes(close)) return workbook.replace(close, () => `${element}${close}`);
  // definedNames comes right after sheets (CT_Workbook).
  return workbook.replace(new RegExp(`</${prefix}sheets>`), (m) => `${m}<${prefix}definedNames>${element}${close}`);
}
