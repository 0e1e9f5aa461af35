import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { KefuError } from '../../domain/problems';

/**
 * The edge between the exceljs backend and the file system: reading a workbook only after
 * checking exceljs can rewrite it without loss, and writing atomically with a backup
 * (DESIGN principle 7).
 */

/** Parts of an .xlsx that exceljs 4.4 drops or damages when it rewrites the file. */
const UNSAFE_PARTS: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /^xl\/charts\//, what: 'charts' },
  { pattern: /^xl\/chartsheets\//, what: 'chart sheets' },
  { pattern: /^xl\/drawings\//, what: 'drawings (shapes, pictures, charts)' },
  { pattern: /^xl\/pivotTables\//, what: 'pivot tables' },
  { pattern: /^xl\/pivotCache\//, what: 'pivot caches' },
  { pattern: /^xl\/comments\d*\.xml$/, what: 'comments' },
  { pattern: /^xl\/threadedComments\//, what: 'threaded comments' },
  { pattern: /^xl\/persons\//, what: 'comment authors' },
  { pattern: /^xl\/vbaProject\.bin$/, what: 'macros' },
  { pattern: /^xl\/slicers\//, what: 'slicers' },
  { pattern: /^xl\/slicerCaches\//, what: 'slicers' },
  { pattern: /^xl\/timelines\//, what: 'timelines' },
  { pattern: /^xl\/timelineCaches\//, what: 'timelines' },
  { pattern: /^xl\/externalLinks\//, what: 'links to other workbooks' },
  { pattern: /^xl\/activeX\//, what: 'ActiveX controls' },
  { pattern: /^xl\/ctrlProps\//, what: 'form controls' },
  { pattern: /^xl\/embeddings\//, what: 'embedded objects' },
  { pattern: /^xl\/model\//, what: 'a data model' },
  { pattern: /^xl\/queryTables\//, what: 'query tables' },
  { pattern: /^xl\/connections\.xml$/, what: 'data connections' },
  { pattern: /^customXml\//, what: 'custom XML' },
  { pattern: /^xl\/richData\//, what: 'pictures in cells' },
  { pattern: /^xl\/webextensions\//, what: 'add-in settings saved in the workbook' },
  { pattern: /^xl\/macrosheets\//, what: 'macro sheets' },
  { pattern: /^xl\/dialogsheets\//, what: 'dialog sheets' },
];

/** Worksheet extensions exceljs drops (they live in a worksheet's extLst). */
const UNSAFE_SHEET_MARKERS: readonly { readonly marker: string; readonly what: string }[] = [
  { marker: 'sparklineGroup', what: 'sparklines' },
  { marker: 'x14:dataValidation', what: 'data validations that refer to other sheets' },
  { marker: 'x14:conditionalFormatting', what: 'extended conditional formatting (data bars, icon sets)' },
];

/** What in this workbook exceljs would lose; empty when it can be rewritten safely. */
export async function partsExceljsWouldDrop(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const found = new Set<string>();
  for (const name of Object.keys(zip.files)) {
    for (const part of UNSAFE_PARTS) if (part.pattern.test(name)) found.add(part.what);
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) {
      const xml = await zip.files[name].async('string');
      if (xml.includes('<extLst')) {
        for (const { marker, what } of UNSAFE_SHEET_MARKERS) if (xml.includes(marker)) found.add(what);
      }
    }
  }
  return [...found];
}

/** Reads a workbook file that the command line may rewrite; refuses (file untouched) otherwise. */
export async function readRewritableWorkbook(file: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KefuError([{ kind: 'fileNotFound', params: { file } }]);
    throw error;
  }
  const dropped = await partsExceljsWouldDrop(bytes);
  if (dropped.length > 0) {
    throw new KefuError([{ kind: 'unsafeRewrite', params: { file: path.basename(file), parts: dropped.join(', ') } }]);
  }
  return bytes;
}

/**
 * Writes `bytes` to `file` atomically: a temporary file beside it, flushed, then renamed over the
 * original; the previous content is kept as `<file>.bak`. A crash leaves either the old or the new
 * workbook, never half of one.
 */
export async function writeWorkbookAtomically(file: string, bytes: Uint8Array): Promise<void> {
  await replaceFileAtomically(file, async (temp) => {
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}

/**
 * Replaces `file` with what `write` writes into a temporary file beside it (for writers that
 * stream to a file): the old file is kept as `.bak`, and a failed write leaves it untouched.
 */
export async function replaceFileAtomically(file: string, write: (temp: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(temp);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  try {
    await fs.copyFile(file, `${file}.bak`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }
  await fs.rename(temp, file);
}
