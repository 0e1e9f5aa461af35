import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { ZipFile, bufferSource } from '../../addin/src/ledger/xlsx/zip';
import { findOnPath } from './tools';

/**
 * Ledgers carrying what other programs put into a workbook (issue 10's corpus): parts written by
 * openpyxl and by LibreOffice (each saving the whole workbook its own way), and parts Excel and
 * SharePoint add that nobody here parses — a picture, add-in settings (xl/webextensions),
 * custom XML, custom document properties (a sensitivity label), dynamic-array metadata and a
 * table's calculated column — added by hand the way Excel stores them.
 */

const HERE = __dirname;
const PYTHON = '/usr/bin/python3';

function run(command: string, args: readonly string[], timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs }, (error, stdout, stderr) => (error ? reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}`)) : resolve()));
  });
}

/** openpyxl's chart (on a statistics sheet), comment, workbook and sheet protection, defined names; saved by openpyxl. */
export async function withOpenpyxlParts(source: string, target: string, statisticsSheet: string): Promise<void> {
  await run(PYTHON, [path.join(HERE, 'openpyxl_parts.py'), source, target, statisticsSheet]);
}

/** The result of `file` read by openpyxl: its sheet names (it throws on a workbook it cannot read). */
export async function openpyxlSheetNames(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, ['-c', 'import sys, json, openpyxl; print(json.dumps(openpyxl.load_workbook(sys.argv[1]).sheetnames))', file], { timeout: 120_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`openpyxl cannot read ${file}: ${stderr}`)) : resolve(JSON.parse(stdout) as string[]),
    );
  });
}

/** The values of the first `rows` rows of a sheet as openpyxl reads them. */
export async function openpyxlRows(file: string, sheet: string, rows: number): Promise<unknown[][]> {
  const script =
    'import sys, json, openpyxl\nws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]\nprint(json.dumps([[c.value for c in r] for r in ws.iter_rows(max_row=int(sys.argv[3]))], default=str))';
  return new Promise((resolve, reject) => {
    execFile(PYTHON, ['-c', script, file, sheet, String(rows)], { timeout: 120_000 }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(JSON.parse(stdout) as unknown[][])));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** LibreOffice's chart (on a statistics sheet) and pivot table; saved by LibreOffice (UNO: Debian python3-uno). */
export async function withLibreOfficeParts(source: string, target: string, statisticsSheet: string, pivotSheet: string): Promise<void> {
  const soffice = findOnPath('soffice') ?? findOnPath('libreoffice');
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed: see .ci/run');
  const port = await freePort();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kefu-lo-uno-'));
  // In a process group of its own: soffice is a script that starts soffice.bin, which must go too.
  const office = spawn(soffice, ['--headless', '--norestore', '--nologo', `-env:UserInstallation=file://${profile}`, `--accept=socket,host=127.0.0.1,port=${port};urp;`], {
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise((resolve) => office.on('exit', resolve));
  try {
    await run(PYTHON, [path.join(HERE, 'libreoffice_parts.py'), String(port), path.resolve(source), path.resolve(target), statisticsSheet, pivotSheet], 180_000);
  } finally {
    try {
      process.kill(-office.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    rmSync(profile, { recursive: true, force: true });
  }
}

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function addRelationship(xml: string | undefined, id: string, type: string, target: string): string {
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  return xml
    ? xml.replace('</Relationships>', `${rel}</Relationships>`)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`;
}

/** Parts Excel and SharePoint add, by hand: see the file's comment. `complaintsSheet` is the complaint table's sheet part. */
export async function withExcelParts(bytes: Uint8Array, options: { complaintsSheetPart: string; firstHeader: string }): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (name: string) => zip.file(name)?.async('string');
  let types = (await text('[Content_Types].xml'))!;
  const override = (part: string, type: string) => (types = types.replace('</Types>', `<Override PartName="${part}" ContentType="${type}"/></Types>`));

  // A picture on the complaint sheet (a drawing with its image).
  const sheetPart = options.complaintsSheetPart;
  const sheetRels = sheetPart.replace(/([^/]+)$/, '_rels/$1.rels');
  let sheet = (await text(sheetPart))!;
  sheet = sheet.replace(/<tableParts/, '<drawing r:id="rIdKefuPicture"/><tableParts');
  zip.file(sheetPart, sheet);
  zip.file(sheetRels, addRelationship(await text(sheetRels), 'rIdKefuPicture', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing', '../drawings/drawing9.xml'));
  zip.file(
    'xl/drawings/drawing9.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<xdr:oneCellAnchor><xdr:from><xdr:col>40</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/>' +
      '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Picture 1" descr="现场照片"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>' +
      '<xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>',
  );
  zip.file('xl/drawings/_rels/drawing9.xml.rels', addRelationship(undefined, 'rId1', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image', '../media/image9.png'));
  zip.file('xl/media/image9.png', PNG_1X1);
  if (!types.includes('Extension="png"')) types = types.replace('<Default ', '<Default Extension="png" ContentType="image/png"/><Default ');
  override('/xl/drawings/drawing9.xml', 'application/vnd.openxmlformats-officedocument.drawing+xml');

  // The add-in's settings as Excel keeps them once the add-in was used in the workbook.
  zip.file(
    'xl/webextensions/webextension1.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{52A2B1C4-0C1D-4B6E-9F51-5B7D2C3E4F10}"><we:reference id="wa200000000" version="1.0.0.0" store="en-US" storeType="OMEX"/><we:alternateReferences/><we:properties><we:property name="kefu.clerk" value="&quot;王丽&quot;"/></we:properties><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>',
  );
  zip.file(
    'xl/webextensions/taskpanes.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="right" visibility="1" width="350" row="3"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>',
  );
  zip.file('xl/webextensions/_rels/taskpanes.xml.rels', addRelationship(undefined, 'rId1', 'http://schemas.microsoft.com/office/2011/relationships/webextension', 'webextension1.xml'));
  override('/xl/webextensions/taskpanes.xml', 'application/vnd.ms-office.webextensiontaskpanes+xml');
  override('/xl/webextensions/webextension1.xml', 'application/vnd.ms-office.webextension+xml');

  // SharePoint's custom XML and a sensitivity label in the custom document properties.
  zip.file(
    'customXml/item1.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="\\APASixthEditionOfficeOnline.xsl"/>',
  );
  zip.file(
    'customXml/itemProps1.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{4F2B1C3D-5E6F-4A1B-8C9D-0E1F2A3B4C5D}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/></ds:schemaRefs></ds:datastoreItem>',
  );
  zip.file('customXml/_rels/item1.xml.rels', addRelationship(undefined, 'rId1', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps', 'itemProps1.xml'));
  zip.file(
    'xl/_rels/workbook.xml.rels',
    addRelationship(await text('xl/_rels/workbook.xml.rels'), 'rIdKefuCustomXml', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml', '../customXml/item1.xml'),
  );
  override('/customXml/itemProps1.xml', 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml');
  zip.file(
    'docProps/custom.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_3c5f1a2b-0000-4a5b-9c8d-7e6f5a4b3c2d_Enabled"><vt:lpwstr>true</vt:lpwstr></property>' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="MSIP_Label_3c5f1a2b-0000-4a5b-9c8d-7e6f5a4b3c2d_Name"><vt:lpwstr>内部</vt:lpwstr></property></Properties>',
  );
  zip.file('_rels/.rels', addRelationship(await text('_rels/.rels'), 'rIdKefuCustom', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties', 'docProps/custom.xml'));
  override('/docProps/custom.xml', 'application/vnd.openxmlformats-officedocument.custom-properties+xml');

  // Dynamic-array metadata, referred to by a spilled formula on a sheet of the user's own.
  zip.file(
    'xl/metadata.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    addRelationship(await text('xl/_rels/workbook.xml.rels'), 'rIdKefuMetadata', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata', 'metadata.xml'),
  );
  override('/xl/metadata.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml');
  zip.file(
    'xl/worksheets/sheetUser.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" cm="1"><f t="array" ref="A1:A3">_xlfn.SEQUENCE(3)</f><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row></sheetData></worksheet>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    addRelationship(await text('xl/_rels/workbook.xml.rels'), 'rIdKefuUserSheet', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet', 'worksheets/sheetUser.xml'),
  );
  override('/xl/worksheets/sheetUser.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml');
  let workbook = (await text('xl/workbook.xml'))!;
  const sheetId = Math.max(...[...workbook.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  workbook = workbook.replace('</sheets>', `<sheet name="我的计算" sheetId="${sheetId}" r:id="rIdKefuUserSheet"/></sheets>`);
  zip.file('xl/workbook.xml', workbook);

  // A calculated column added by a user to the complaint table: Excel fills its formula into new rows.
  const tableRel = [...((await text(sheetRels)) ?? '').matchAll(/Target="([^"]*tables\/[^"]+)"/g)][0][1];
  const tablePart = path.posix.join(path.posix.dirname(sheetPart), tableRel);
  let table = (await text(tablePart))!;
  const ref = /ref="A1:([A-Z]+)(\d+)"/.exec(table)!;
  const width = [...table.matchAll(/<tableColumn /g)].length;
  const letter = columnLetter(width + 1);
  table = table
    .replace(/ref="A1:[A-Z]+(\d+)"/g, `ref="A1:${letter}$1"`)
    .replace(/<tableColumns count="\d+">/, `<tableColumns count="${width + 1}">`)
    .replace(
      '</tableColumns>',
      `<tableColumn id="${width + 1}" name="内容字数"><calculatedColumnFormula>LEN(complaints[[#This Row],[${options.firstHeader}]])</calculatedColumnFormula></tableColumn></tableColumns>`,
    );
  zip.file(tablePart, table);
  sheet = (await text(sheetPart))!;
  sheet = sheet.replace(/(<row r="1"[^>]*>[\s\S]*?)(<\/row>)/, `$1<c r="${letter}1" t="inlineStr"><is><t>内容字数</t></is></c>$2`);
  for (let r = 2; r <= Number(ref[2]); r++) {
    sheet = sheet.replace(new RegExp(`(<row r="${r}"[^>]*>[\\s\\S]*?)(</row>)`), `$1<c r="${letter}${r}"><f>LEN(complaints[[#This Row],[${options.firstHeader}]])</f></c>$2`);
  }
  zip.file(sheetPart, sheet);
  zip.file('[Content_Types].xml', types);
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

function columnLetter(n: number): string {
  let out = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
  return out;
}

/** Each entry's compressed bytes (and CRC), to compare two versions of a package entry by entry. */
export async function rawEntries(file: string): Promise<Map<string, Buffer>> {
  const zip = await ZipFile.open(bufferSource(new Uint8Array(await fs.readFile(file))));
  const out = new Map<string, Buffer>();
  for (const entry of zip.entries) {
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(entry.crc >>> 0);
    out.set(entry.name, Buffer.concat([crc, await zip.rawBytes(entry, 0, entry.compressedSize)]));
  }
  return out;
}

/** The entries that differ between two packages (changed, added or gone). */
export function changedEntries(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => !before.get(name)?.equals(after.get(name) ?? Buffer.alloc(0)) || !after.has(name)).sort();
}
