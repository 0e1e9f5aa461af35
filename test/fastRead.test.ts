import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { fixedClock } from '../addin/src/core/clock';
import { KefuError } from '../addin/src/core/problems';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { COMPLAINT_COLUMNS, VISIT_COLUMNS_READ } from '../addin/src/domain/statistics';
import { toSerial, type RecordValues } from '../addin/src/ledger/cells';
import { claimsTableName, COUNTERS_TABLE, META_TABLE } from '../addin/src/ledger/layout';
import { columnLetters } from '../addin/src/ledger/report';
import { columnForHeader, numberingSeries, schemaOf } from '../addin/src/ledger/schema';
import type { SnapshotRequest } from '../addin/src/ledger/types';
import { FastXlsxReader } from '../addin/src/ledger/xlsx/fastRead';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { templateBytes } from './support/backends';
import { complaintInput } from './support/fixtures';

/**
 * The streaming reader behind kefu stats and kefu perf (FastXlsxReader) against the exceljs
 * backend: the same request must give the same snapshot, field by field, on ledgers holding what
 * Excel and other writers put in cells (CJK text, rich text with phonetic runs, entities, escaped
 * carriage returns, booleans, numbers, dates, formulas with their cached values, inline strings,
 * blank rows), whether the reader is given the bytes or the file, and however the stream is cut.
 */

const clock = fixedClock('2026-03-15 10:00:00', 1);
const context = { clock, actor: { clerk: '陈静', site: '市第一人民医院' } };
const base = registerComplaint.prepare(complaintInput(), context).values;

/** Deterministic CJK text that does not compress much (so parts are larger than a stream chunk). */
function cjk(seed: number, length: number): string {
  let x = seed * 2654435761 + 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += String.fromCharCode(0x4e00 + (x % 0x5000));
  }
  return out;
}

function complaint(i: number, overrides: Record<string, unknown> = {}): RecordValues {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    ...base,
    ticket_no: `TS-2026-${String(i).padStart(4, '0')}`,
    received_at: `2026-0${1 + (i % 9)}-${day} 09:${String(i % 60).padStart(2, '0')}`,
    complainant: `投诉人${i % 7}`,
    complainant_phone: `138${String(i).padStart(8, '0')}`,
    content: `病房卫生间地面有积水${cjk(i, 40)}`,
    subject: ['电梯故障', '地面湿滑', '停车收费'][i % 3],
    reopen_count: i % 4,
    voided: i % 5 === 0,
    ...overrides,
  };
}

function visit(i: number): RecordValues {
  const at = `2026-04-${String(1 + (i % 28)).padStart(2, '0')} 10:00`;
  return {
    visit_no: `TS-2026-${String(i).padStart(4, '0')}-HF`,
    ticket_no: `TS-2026-${String(i).padStart(4, '0')}`,
    visited_at: at,
    method: 'phone',
    person_visited: '张三',
    resolved: i % 2 === 0,
    satisfaction: 'satisfied',
    visitor_by: '赵敏',
    visitor_at: at,
    received_by_cs_by: '陈静',
    received_by_cs_at: at,
    voided: false,
  };
}

async function ledgerWith(complaints: readonly RecordValues[], visits: readonly RecordValues[] = []): Promise<Uint8Array> {
  const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 'fast-read-test', clock });
  const basis = await ledger.read({ writes: ['complaints', 'return_visits'] });
  await ledger.apply({ appends: { complaints, return_visits: visits } }, basis);
  // Claims and counters of two series: rows in tables side by side on the _kefu sheet.
  for (const series of numberingSeries().slice(0, 2)) {
    const claimed = await ledger.read({ claims: [{ series, period: '2026' }], writes: [] });
    await ledger.apply({ confirm: claimed.claims }, claimed);
  }
  return ledger.toBuffer();
}

const everyColumn = (table: string) => schemaOf(table).columns.map((c) => c.key);

/** The worksheet part holding a table, found the way Excel links them (sheet → relationships → table part). */
async function sheetPartOf(zip: JSZip, table: string): Promise<string> {
  for (const rels of Object.keys(zip.files).filter((name) => /^xl\/worksheets\/_rels\/.+\.rels$/.test(name))) {
    for (const [, target] of (await zip.file(rels)!.async('string')).matchAll(/Target="([^"]*tables\/[^"]+)"/g)) {
      const part = `xl/tables/${target.split('/').pop()}`;
      if (new RegExp(`\\sname="${table}"`, 'i').test(await zip.file(part)!.async('string'))) {
        return rels.replace('_rels/', '').replace(/\.rels$/, '');
      }
    }
  }
  throw new Error(`no sheet holds ${table}`);
}

/** Where a table's fields are: its header row (1-based) and the column letters of each field. */
async function layoutOf(bytes: Uint8Array, table: string): Promise<{ top: number; column: (key: string) => string }> {
  const ledger = await XlsxLedger.fromBuffer(bytes, { station: 't', clock });
  const located = ledger.locate(table, true);
  const headers = ledger.headers(located);
  return {
    top: located.top,
    column: (key) => columnLetters(located.left + headers.findIndex((h) => columnForHeader(table, h, ledger.locale)?.key === key)),
  };
}

/**
 * Rewrites cells of a worksheet as another writer would have written them: `cells` maps a cell
 * reference to its new XML (the element whole), `rows` a row number to its new XML, and `strings`
 * are added to the shared strings (`{s0}`, `{s1}`… in the new XML stand for their indices).
 */
async function rewrite(bytes: Uint8Array, table: string, edits: { cells?: Record<string, string>; rows?: Record<number, string>; strings?: string[] }): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  let shared = await zip.file('xl/sharedStrings.xml')!.async('string');
  const first = shared.match(/<si>|<si\/>|<si\s/g)!.length;
  shared = shared.replace('</sst>', `${(edits.strings ?? []).join('')}</sst>`);
  zip.file('xl/sharedStrings.xml', shared);
  const index = (xml: string) => xml.replace(/\{s(\d+)\}/g, (_, i: string) => String(first + Number(i)));
  const part = await sheetPartOf(zip, table);
  let sheet = await zip.file(part)!.async('string');
  for (const [ref, xml] of Object.entries(edits.cells ?? {})) {
    const cell = new RegExp(`<c r="${ref}"(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</c>)`);
    assert.match(sheet, cell, `the sheet has a cell ${ref}`);
    sheet = sheet.replace(cell, index(xml));
  }
  for (const [row, xml] of Object.entries(edits.rows ?? {})) {
    const element = new RegExp(`<row r="${row}"[^>]*?(?:/>|>[\\s\\S]*?</row>)`);
    assert.match(sheet, element, `the sheet has a row ${row}`);
    sheet = sheet.replace(element, index(xml));
  }
  zip.file(part, sheet);
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

/** Reads the same request through the exceljs backend and the streaming reader; they must agree field by field. */
async function assertSameSnapshot(bytes: Uint8Array, request: SnapshotRequest, fast?: FastXlsxReader): Promise<Awaited<ReturnType<FastXlsxReader['read']>>> {
  const full = await (await XlsxLedger.fromBuffer(bytes, { station: 't', clock })).read(request);
  const streamed = await (fast ?? (await FastXlsxReader.fromBuffer(bytes))).read(request);
  assert.equal(streamed.locale, full.locale);
  assert.deepEqual(Object.keys(streamed.tables), Object.keys(request.tables ?? {}));
  for (const key of Object.keys(request.tables ?? {})) {
    const [got, want] = [streamed.tables[key], full.tables[key]];
    assert.deepEqual(
      got.map((r) => r.ref),
      want.map((r) => r.ref),
      `${key}: the same rows`,
    );
    want.forEach((row, i) => {
      assert.deepEqual(Object.keys(got[i].values), Object.keys(row.values), `${key} row ${row.ref.row}: the same fields`);
      for (const [field, value] of Object.entries(row.values)) {
        assert.deepEqual(got[i].values[field], value, `${key} row ${row.ref.row}, ${field}`);
      }
    });
  }
  return streamed;
}

describe('FastXlsxReader, the streaming reader of kefu stats and kefu perf', function () {
  this.timeout(300_000);

  let plain: Uint8Array; // as the exceljs backend writes it
  let edited: Uint8Array; // with cells as other writers write them
  let top: number; // the complaints' header row, 1-based
  const EDITED_TEXT = '第一行\r\n第二行 _x0041_ <&> "引号" \'单引号\'';

  before(async () => {
    const complaints = Array.from({ length: 24 }, (_, i) => complaint(i + 1));
    complaints[11] = complaint(12, { content: EDITED_TEXT, subject: '\r=1+1', complainant: '  前后空格  ' });
    plain = await ledgerWith(complaints, [visit(1), visit(2), visit(3)]);
    const layout = await layoutOf(plain, 'complaints');
    top = layout.top;
    const at = (key: string, k: number) => `${layout.column(key)}${top + 1 + k}`; // k-th body row
    const ticketCell = (k: number) => at('ticket_no', k);
    edited = await rewrite(plain, 'complaints', {
      strings: [
        // Rich text with a phonetic run: the runs joined, the reading left out.
        '<si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本 </t></r><rPh sb="0" eb="1"><t>フ</t></rPh><phoneticPr fontId="1"/></si>',
        // Character references, an entity and an escape.
        '<si><t>&#x4E2D;&#25991; &amp; _x0042_</t></si>',
        // An empty string.
        '<si><t/></si>',
        // A plain string with the phonetic reading of a name.
        '<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh></si>',
      ],
      cells: {
        [at('complainant', 0)]: `<c r="${at('complainant', 0)}" t="inlineStr"><is><t>内联 &amp; 文本 &lt;b&gt;</t></is></c>`,
        [at('complainant', 1)]: `<c r="${at('complainant', 1)}" t="inlineStr"><is><r><t>内</t></r><r><rPr><i/></rPr><t xml:space="preserve"> 联 </t></r></is></c>`,
        [at('subject', 2)]: `<c r="${at('subject', 2)}" t="s"><v>{s0}</v></c>`,
        [at('reopen_count', 3)]: `<c r="${at('reopen_count', 3)}"><f>1+1</f><v>2</v></c>`,
        [at('complainant', 4)]: `<c r="${at('complainant', 4)}" t="str"><f>"甲"&amp;"乙"</f><v>甲乙 &amp; 丙</v></c>`,
        [at('anonymous', 5)]: `<c r="${at('anonymous', 5)}" t="b"><v>1</v></c>`,
        [at('anonymous', 6)]: `<c r="${at('anonymous', 6)}" t="b"><v>0</v></c>`,
        [at('voided', 6)]: `<c r="${at('voided', 6)}" t="b"><f>1=1</f><v>1</v></c>`,
        [at('complainant', 7)]: `<c r="${at('complainant', 7)}" t="e"><v>#N/A</v></c>`,
        [at('complainant_dept', 7)]: `<c r="${at('complainant_dept', 7)}" t="e"><f>NA()</f><v>#N/A</v></c>`,
        [at('received_at', 8)]: `<c r="${at('received_at', 8)}" s="0"><f>DATE(2026,5,1)+0.5</f><v>${toSerial('2026-05-01 12:00')}</v></c>`,
        [at('complainant', 13)]: `<c r="${at('complainant', 13)}" t="s"><v>{s1}</v></c>`,
        [at('complainant_phone', 14)]: `<c r="${at('complainant_phone', 14)}"><v>13800000000</v></c>`,
        [at('complainant', 15)]: `<c r="${at('complainant', 15)}" t="s"><v>{s3}</v></c>`,
      },
      rows: {
        // Blank: no cells at all, cells without values, an empty shared string.
        [top + 1 + 9]: `<row r="${top + 1 + 9}"/>`,
        [top + 1 + 16]: `<row r="${top + 1 + 16}"><c r="${ticketCell(16)}" s="1"/><c r="${at('received_at', 16)}" s="1"></c></row>`,
        [top + 1 + 17]: `<row r="${top + 1 + 17}"><c r="${ticketCell(17)}" t="s"><v>{s2}</v></c></row>`,
        // Only the complaint text (a column not always asked for): not blank.
        [top + 1 + 10]: `<row r="${top + 1 + 10}"><c r="${at('content', 10)}" t="s"><v>{s1}</v></c></row>`,
      },
    });
  });

  it('reads every column of a table as the exceljs backend does, whatever wrote the cells', async () => {
    for (const bytes of [plain, edited]) await assertSameSnapshot(bytes, { tables: { complaints: { columns: everyColumn('complaints'), rows: 'all' } } });
    const { tables } = await assertSameSnapshot(edited, { tables: { complaints: { columns: everyColumn('complaints'), rows: 'all' } } });
    const row = (k: number) => tables.complaints.find((r) => r.ref.row === top + k)!;
    assert.equal(row(0).values.complainant, '内联 & 文本 <b>');
    assert.equal(row(1).values.complainant, '内 联 ');
    assert.equal(row(2).values.subject, '富 文本 ');
    assert.equal(row(3).values.reopen_count, 2);
    assert.equal(row(4).values.complainant, '甲乙 & 丙');
    assert.equal(row(5).values.anonymous, true);
    assert.equal(row(6).values.anonymous, false);
    assert.equal(row(6).values.voided, true);
    assert.equal(row(7).values.complainant, '#N/A', 'an error reads as its text…');
    assert.equal(row(7).values.complainant_dept, null, '…but not a formula whose result is an error');
    assert.equal(row(8).values.received_at, '2026-05-01 12:00');
    assert.equal(row(9), undefined, 'a row without cells is blank');
    assert.equal(row(10).values.content, '中文 & B');
    assert.equal(row(10).values.ticket_no, null);
    assert.equal(row(11).values.content, EDITED_TEXT, 'a carriage return (_x000D_) and a literal _x0041_ come back as typed');
    assert.equal(row(11).values.subject, '\r=1+1');
    assert.equal(row(11).values.complainant, '  前后空格  ');
    assert.equal(row(13).values.complainant, '中文 & B');
    assert.equal(row(14).values.complainant_phone, '13800000000');
    assert.equal(row(15).values.complainant, '山田', 'a phonetic reading is not part of the text');
    assert.equal(row(16), undefined, 'cells without values are blank');
    assert.equal(row(17), undefined, 'an empty shared string is blank');
    assert.equal(tables.complaints.length, 24 - 3);
  });

  it('reads only the columns asked for, and tells blank rows by every column of the table', async () => {
    for (const columns of [['ticket_no', 'received_at'], ['content'], ['subject', 'ticket_no'], []]) {
      await assertSameSnapshot(edited, { tables: { complaints: { columns, rows: 'all' } } });
    }
    const { tables } = await assertSameSnapshot(edited, { tables: { complaints: { columns: ['ticket_no'], rows: 'all' } } });
    // The row holding only a complaint text is there, though the field read is empty.
    assert.deepEqual(tables.complaints.find((r) => r.ref.row === top + 10)?.values, { ticket_no: null });
  });

  it('reads tables of several sheets, and several tables side by side in one sheet, in one request', async () => {
    const [first, second] = numberingSeries();
    await assertSameSnapshot(edited, {
      tables: {
        complaints: { columns: [...COMPLAINT_COLUMNS], rows: 'all' },
        return_visits: { columns: [...VISIT_COLUMNS_READ], rows: 'all' },
        [META_TABLE]: { columns: everyColumn(META_TABLE), rows: 'all' },
        [COUNTERS_TABLE]: { columns: everyColumn(COUNTERS_TABLE), rows: 'all' },
        [claimsTableName(first)]: { columns: everyColumn(claimsTableName(first)), rows: 'all' },
        [claimsTableName(second)]: { columns: ['period', 'seq'], rows: 'all' },
      },
    });
    const reader = await FastXlsxReader.fromBuffer(edited);
    const { tables } = await reader.read({ tables: { [COUNTERS_TABLE]: { columns: ['series_period'], rows: 'all' }, [claimsTableName(first)]: { columns: ['period'], rows: 'all' } } });
    assert.equal(tables[COUNTERS_TABLE].length, 2);
    assert.equal(tables[claimsTableName(first)].length, 1);
    assert.equal(reader.locale, 'zh-CN');
  });

  it('keeps only the shared strings the cells read use', async () => {
    const zip = await JSZip.loadAsync(edited);
    const all = (await zip.file('xl/sharedStrings.xml')!.async('string')).match(/<si>|<si\/>/g)!.length;
    const reader = await FastXlsxReader.fromBuffer(edited);
    const ticketNos = (await reader.read({ tables: { complaints: { columns: ['ticket_no'], rows: 'all' } } })).tables.complaints.filter((r) => r.values.ticket_no !== null);
    // One string per ticket number; and two read only to tell blank rows: the complaint text of the
    // row that holds nothing else, and the empty string of the row that is blank.
    assert.equal(reader.sharedStringsKept, ticketNos.length + 2);
    assert.ok(all > 3 * reader.sharedStringsKept, `${all} strings in the workbook, ${reader.sharedStringsKept} kept`);
    await reader.read({ tables: { complaints: { columns: ['received_at', 'reopen_count'], rows: 'all' } } });
    assert.equal(reader.sharedStringsKept, 2, 'numbers need no strings');
    const { tables } = await reader.read({ tables: { complaints: { columns: ['ticket_no', 'subject'], rows: 'all' } } });
    const texts = new Set(tables.complaints.flatMap((r) => [r.values.ticket_no, r.values.subject]).filter((v) => v !== null));
    assert.equal(reader.sharedStringsKept, texts.size + 2, 'each subject once');
  });

  describe('on a ledger larger than a stream chunk', () => {
    let big: Uint8Array;
    let file: string;
    const request: SnapshotRequest = {
      tables: {
        complaints: { columns: [...COMPLAINT_COLUMNS, 'content'], rows: 'all' },
        return_visits: { columns: [...VISIT_COLUMNS_READ], rows: 'all' },
      },
    };

    before(async () => {
      const complaints = Array.from({ length: 900 }, (_, i) => complaint(i + 1, { content: cjk(i, 300), complainant: cjk(i + 7, 4) }));
      big = await ledgerWith(
        complaints,
        Array.from({ length: 450 }, (_, i) => visit(2 * i + 1)),
      );
      file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-fastread-')), 'ledger.xlsx');
      await fs.writeFile(file, big);
    });

    after(async () => {
      await fs.rm(path.dirname(file), { recursive: true, force: true });
    });

    it('reads rows and strings cut across chunks, from the bytes and from the file', async () => {
      const zip = await JSZip.loadAsync(big);
      const compressed = (part: string) => (zip.file(part) as unknown as { _data: { compressedSize: number } })._data.compressedSize;
      const sheet = await sheetPartOf(zip, 'complaints');
      assert.ok(compressed(sheet) > 64 * 1024, `the deflated sheet (${compressed(sheet)} bytes) is larger than a chunk`);
      assert.ok(compressed('xl/sharedStrings.xml') > 64 * 1024, 'so are the deflated shared strings');
      const streamed = await assertSameSnapshot(big, request, await FastXlsxReader.fromFile(file));
      assert.equal(streamed.tables.complaints.length, 900);
      assert.equal(streamed.tables.complaints[899].values.content, cjk(899, 300));
      // Pieces of 64 bytes: every row, tag and character is cut somewhere.
      assert.deepEqual(await (await FastXlsxReader.fromBuffer(big, { chunkSize: 64 })).read(request), streamed);
      assert.deepEqual(await (await FastXlsxReader.fromFile(file, { chunkSize: 100 })).read(request), streamed);
    });

    it('reports its progress in bytes of compressed input, ending at the total', async () => {
      const calls: [number, number][] = [];
      const reader = await FastXlsxReader.fromFile(file, { onProgress: (done, total) => calls.push([done, total]) });
      assert.equal(calls.length, 0, 'opening is not reported');
      await reader.read(request);
      const zip = await JSZip.loadAsync(big);
      const compressed = (part: string) => (zip.file(part) as unknown as { _data: { compressedSize: number } })._data.compressedSize;
      const total = compressed(await sheetPartOf(zip, 'complaints')) + compressed(await sheetPartOf(zip, 'return_visits')) + compressed('xl/sharedStrings.xml');
      assert.ok(calls.length > 3);
      assert.ok(calls.every(([, t]) => t === total));
      assert.ok(
        calls.every(([done], i) => i === 0 || done >= calls[i - 1][0]),
        'never goes back',
      );
      assert.deepEqual(calls[calls.length - 1], [total, total]);
    });

    it('refuses to read a file that changed since it was opened', async () => {
      const reader = await FastXlsxReader.fromFile(file);
      const later = new Date(Date.now() + 5000);
      await fs.utimes(file, later, later);
      await assert.rejects(reader.read(request), /changed since it was opened/);
    });
  });

  it('reads parts stored without compression', async () => {
    const zip = await JSZip.loadAsync(edited);
    const stored = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }));
    await assertSameSnapshot(stored, { tables: { complaints: { columns: [...COMPLAINT_COLUMNS], rows: 'all' } } });
  });

  it('says clearly what it cannot read', async () => {
    await assert.rejects(FastXlsxReader.fromFile(path.join(os.tmpdir(), 'no-such-ledger.xlsx')), (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'fileNotFound');
    await assert.rejects(FastXlsxReader.fromBuffer(new TextEncoder().encode('not a zip at all')), /Not an \.xlsx file/);
    const zip64 = Buffer.alloc(22);
    zip64.writeUInt32LE(0x06054b50, 0);
    zip64.writeUInt16LE(0xffff, 8);
    zip64.writeUInt16LE(0xffff, 10);
    zip64.writeUInt32LE(0xffffffff, 12);
    zip64.writeUInt32LE(0xffffffff, 16);
    await assert.rejects(FastXlsxReader.fromBuffer(zip64), /zip64/);
    const notLedger = new JSZip();
    notLedger.file('xl/workbook.xml', '<workbook><sheets/></workbook>');
    await assert.rejects(FastXlsxReader.fromBuffer(await notLedger.generateAsync({ type: 'uint8array' })), (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'notLedger');
    const reader = await FastXlsxReader.fromBuffer(plain);
    await assert.rejects(reader.read({ tables: { complaints: { columns: ['ticket_no'], rows: { where: 'ticket_no', equals: ['TS-2026-0001'] } } } }), /whole tables only/);
    await assert.rejects(reader.apply({ appends: { complaints: [{}] } }), /cannot write/);
  });
});
