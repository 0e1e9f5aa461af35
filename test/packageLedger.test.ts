import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import JSZip from 'jszip';
import { fixedClock } from '../addin/src/core/clock';
import { checkDesk, checkRequest } from '../addin/src/domain/deskCheck';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { AUDIT_COLUMNS, AUDIT_TABLE } from '../addin/src/ledger/layout';
import type { RecordValues } from '../addin/src/ledger/cells';
import { firstBreak } from '../addin/src/ledger/auditChain';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import { ZipFile, bufferSource, crc32Combine } from '../addin/src/ledger/xlsx/zip';
import { escapeCellText, stringItemText } from '../addin/src/ledger/xlsx/sheetXml';
import { openOnHost, templateBytes } from './support/backends';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import { complaintInput } from './support/fixtures';
import { openpyxlRows } from './support/corpus';

/**
 * The part-level backend's own mechanics: CRCs combined, worksheets in segments that a later write
 * copies untouched, ranges that grow with their tables (validations and highlights on a table's body
 * end with it), text that reads back as written, and the audit log's hash chain as `kefu check` sees it.
 */

const clock = fixedClock('2026-03-15 10:00:00', 1);
const context = { clock, actor: { clerk: '王丽', site: '测试医院' } };

async function open(bytes: Uint8Array): Promise<PackageLedger> {
  return PackageLedger.fromBuffer(bytes, { station: 'unit', clock });
}

function complaintsRows(count: number, from = 1): RecordValues[] {
  const values = registerComplaint.prepare(complaintInput(), context).values;
  return Array.from({ length: count }, (_, i) => ({
    ...values,
    ticket_no: `TS-2025-${String(from + i).padStart(6, '0')}`,
    content: `第${from + i}件：病房卫生间地面有积水，请尽快处理`,
    status: 'archived',
    voided: false,
  }));
}

async function withComplaints(count: number): Promise<Uint8Array> {
  const ledger = await open(await templateBytes('zh-CN'));
  const basis = await ledger.read({ writes: ['complaints'] });
  await ledger.apply({ appends: { complaints: complaintsRows(count) } }, basis);
  return ledger.toBuffer();
}

async function sheetEntry(bytes: Uint8Array, part = 'xl/worksheets/sheet1.xml') {
  const zip = await ZipFile.open(bufferSource(bytes));
  return { zip, entry: zip.entry(part)! };
}

describe('part-level backend: its mechanics', function () {
  this.timeout(300_000);

  it('combines CRC-32s as zlib does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        assert.equal(crc32Combine(crc32(a), crc32(b), b.length), crc32(Buffer.concat([a, b])));
      }),
    );
  });

  it('writes a large sheet in segments, and a later write copies every segment it does not change', async () => {
    const bytes = await withComplaints(25_000);
    const { zip, entry } = await sheetEntry(bytes);
    const segments = entry.segments!;
    assert.ok(segments.length >= 5, `${segments.length} segments`);
    // The segments together are one deflate stream that any reader inflates.
    const whole = inflateRawSync(await zip.rawBytes(entry, 0, entry.compressedSize));
    assert.equal(whole.length, entry.uncompressedSize);
    assert.equal(crc32(whole), entry.crc);
    assert.match(whole.subarray(whole.length - 400).toString('utf8'), /<\/worksheet>$/);

    const ledger = await open(bytes);
    await runOperation(ledger, registerComplaint, complaintInput({ content: '再加一件' }), context);
    const after = await sheetEntry(await ledger.toBuffer());
    const raw = async (z: ZipFile, e: typeof entry, i: number) => {
      let at = 0;
      for (let j = 0; j < i; j++) at += e.segments![j].compressedSize;
      return z.rawBytes(e, at, at + e.segments![i].compressedSize);
    };
    // The head (its dimension) and the end (the new row) change; every segment between is copied as it was.
    assert.equal(after.entry.segments!.length, segments.length);
    for (let i = 1; i < segments.length - 1; i++) {
      assert.equal(after.entry.segments![i].firstRow, segments[i].firstRow);
      assert.deepEqual(await raw(after.zip, after.entry, i), await raw(zip, entry, i), `segment ${i} is copied untouched`);
    }
    assert.ok(after.entry.compressedSize - entry.compressedSize < 4096, 'one row more');
    const rows = (await (await open(await ledger.toBuffer())).read({ tables: { complaints: { columns: ['ticket_no', 'content'], rows: 'all' } } })).tables.complaints;
    assert.equal(rows.length, 25_001);
    assert.equal(rows[rows.length - 1].values.content, '再加一件');
  });

  it('grows the validations, conditional formats and print area that cover a table’s body with it, past 20,000 rows', async () => {
    // A print area over the complaint table, as a user may set one.
    const zip = await JSZip.loadAsync(await withComplaints(19_999));
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    assert.doesNotMatch(workbook, /Print_Area" localSheetId="0"/);
    const named = workbook.includes('</definedNames>')
      ? workbook.replace('</definedNames>', `<definedName name="_xlnm.Print_Area" localSheetId="0">'投诉处理单'!$A$1:$AL$20001</definedName></definedNames>`)
      : workbook.replace('</sheets>', `</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'投诉处理单'!$A$1:$AL$20001</definedName></definedNames>`);
    zip.file('xl/workbook.xml', named);
    const ledger = await open(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    const basis = await ledger.read({ writes: ['complaints'] });
    await ledger.apply({ appends: { complaints: complaintsRows(10, 30_000) } }, basis);
    const grown = await ZipFile.open(bufferSource(await ledger.toBuffer()));
    const sheet = (await grown.text('xl/worksheets/sheet1.xml'))!;
    const last = 1 + 19_999 + 10;
    const tail = sheet.slice(sheet.indexOf('</sheetData>'));
    const validations = [...tail.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(validations.length > 5);
    for (const ref of validations) assert.match(ref, new RegExp(`^[A-Z]+2:[A-Z]+${last}$`), `validation ${ref} covers the new rows`);
    const formats = [...tail.matchAll(/<conditionalFormatting sqref="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(formats.length > 0);
    for (const ref of formats) assert.match(ref, new RegExp(`:[A-Z]+${last}$`), `conditional format ${ref} covers the new rows`);
    assert.match(sheet, new RegExp(`<dimension ref="A1:[A-Z]+${last}"/>`));
    assert.match((await grown.text('xl/workbook.xml'))!, new RegExp(`localSheetId="0">'投诉处理单'!\\$A\\$1:\\$AL\\$${last}<`), 'the print area too');
    const table = [...grown.entries].find((e) => /tables\/table1\.xml$/.test(e.name))!;
    assert.match((await grown.text(table.name))!, new RegExp(`ref="A1:[A-Z]+${last}"`));
  });

  it('writes text so that it reads back as written, here and in openpyxl', async () => {
    const texts = ['=1+1', '\r=1+1', 'a\r\nb', '_x0041_ stays', ' leading and trailing ', '甲乙 & <丙> "丁"', '😀 emoji'];
    for (const text of texts) assert.equal(stringItemText(Buffer.from(`<t xml:space="preserve">${escapeCellText(text)}</t>`, 'utf8').toString('latin1')), text);
    const ledger = await open(await templateBytes('zh-CN'));
    const numbers: string[] = [];
    for (const content of texts) numbers.push((await runOperation(ledger, registerComplaint, complaintInput({ content }), context)).result.number);
    const bytes = await ledger.toBuffer();
    const back = (await (await open(bytes)).read({ tables: { complaints: { columns: ['ticket_no', 'content'], rows: 'all' } } })).tables.complaints;
    assert.deepEqual(
      back.map((r) => r.values.content),
      texts,
    );
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-text-'));
    try {
      const file = path.join(dir, 'texts.xlsx');
      await fs.writeFile(file, bytes);
      const rows = await openpyxlRows(file, '投诉处理单', texts.length + 1);
      const column = (rows[0] as string[]).indexOf('投诉内容');
      // openpyxl does not decode OOXML's _xHHHH_ escapes (Excel does): it shows Excel's own form of a literal "_x0041_".
      const expected = texts.map((t) => t.replace('_x0041_', '_x005F_x0041_'));
      assert.deepEqual(
        rows.slice(1).map((r) => r[column]),
        expected,
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    assert.deepEqual(
      numbers,
      texts.map((_, i) => `TS-2026-${String(i + 1).padStart(4, '0')}`),
    );
  });
});

describe('the audit log’s hash chain (issue 10 item 7)', function () {
  this.timeout(300_000);

  async function auditedLedger(): Promise<{ bytes: Uint8Array; rows: readonly { ref: { row: number }; values: RecordValues }[] }> {
    const ledger = await open(await templateBytes('zh-CN'));
    for (let i = 0; i < 5; i++) await runOperation(ledger, registerComplaint, complaintInput({ content: `第${i}件` }), context);
    const bytes = await ledger.toBuffer();
    const rows = (await (await open(bytes)).read({ tables: { [AUDIT_TABLE]: { columns: AUDIT_COLUMNS.map((c) => c.key), rows: 'all' } } })).tables[AUDIT_TABLE];
    return { bytes, rows };
  }

  async function check(bytes: Uint8Array) {
    return checkDesk(await (await open(bytes)).read(checkRequest()), '2026-03-16 00:00').errors.filter((p) => p.kind === 'auditChainBroken');
  }

  it('is unbroken as written, and names the first row where an edit, a removal or a reordering breaks it', async () => {
    const { bytes, rows } = await auditedLedger();
    assert.equal(rows.length, 6);
    assert.equal(firstBreak(rows.map((r) => r.values)), -1);
    assert.deepEqual(await check(bytes), []);

    // An edited row: the chain breaks at that row.
    const edited = await open(bytes);
    const basis = await edited.read({ tables: { [AUDIT_TABLE]: { columns: AUDIT_COLUMNS.map((c) => c.key), rows: 'all' } }, writes: [AUDIT_TABLE] });
    await edited.apply({ updates: [{ ref: basis.tables[AUDIT_TABLE][3].ref, values: { new_value: '改过的内容' } }] }, basis);
    const editedErrors = await check(await edited.toBuffer());
    assert.equal(editedErrors.length, 1);
    assert.equal(editedErrors[0].params?.line, basis.tables[AUDIT_TABLE][3].ref.row + 1);

    // A removed row (the rows after it moved up) and two rows swapped: the row after the gap, the first of the two.
    const values = rows.map((r) => r.values);
    assert.equal(firstBreak([...values.slice(0, 2), ...values.slice(3)]), 2, 'the row that followed the removed one');
    assert.equal(firstBreak([...values.slice(0, 2), values[3], values[2], ...values.slice(4)]), 2, 'the first row of a swapped pair');
  });

  it('accepts the rows two co-authors wrote at the same moment (each chained to the row it read last)', async () => {
    const workbook = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
    const a = await openOnHost(workbook, { station: 'a', clock });
    const b = await openOnHost(workbook, { station: 'b', clock });
    for (let i = 0; i < 6; i++) {
      // Both read before either writes: the second write chains past the first.
      const [ra, rb] = [registerComplaint.prepare(complaintInput({ content: `A${i}` }), context), registerComplaint.prepare(complaintInput({ content: `B${i}` }), context)];
      const [sa, sb] = await Promise.all([a.ledger.read(registerComplaint.request(ra, context)), b.ledger.read(registerComplaint.request(rb, context))]);
      await a.ledger.apply(registerComplaint.decide(sa, ra, context).changes, sa);
      await b.ledger.apply(registerComplaint.decide(sb, rb, context).changes, sb);
    }
    const bytes = await a.bytes();
    assert.deepEqual(await check(bytes), []);
  });
});

describe('side-by-side tables appending on the same sheet row (found with issue 13)', function () {
  this.timeout(120_000);

  it('keeps every claim of two series claimed in one session: a row of the numbering sheet holds both tables’ new rows, in the session and in the file', async () => {
    const clock = fixedClock('2026-05-02 09:00:00', 1);
    const ledger = await PackageLedger.fromBuffer(await templateBytes('zh-CN'), { station: 'gate-1', clock });
    // Three claims each of the loans (JY) and the broadcasts (XR): their claims tables sit side by side on the same rows.
    for (let i = 0; i < 3; i++) {
      const snapshot = await ledger.read({ claims: [{ series: 'JY', period: '20260502' }] });
      await ledger.read({ claims: [{ series: 'XR', period: '20260502' }] });
      assert.equal(snapshot.claims[0].seq, i + 1);
    }
    const claims = { columns: ['period', 'station', 'claimed_at', 'seq'], rows: 'all' as const };
    const request = { tables: { kefu_claims_JY: claims, kefu_claims_XR: claims } };
    for (const read of [await ledger.read(request), await (await PackageLedger.fromBuffer(await ledger.toBuffer(), { station: 'c', clock })).read(request)]) {
      for (const series of ['JY', 'XR']) {
        assert.deepEqual(
          read.tables[`kefu_claims_${series}`].map((r) => [r.values.period, r.values.station]),
          [1, 2, 3].map(() => ['20260502', 'gate-1']),
          series,
        );
      }
    }
  });
});
