import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { fixedClock } from '../addin/src/domain/clock';
import { decodeText, parseDelimited, protectText, unprotectText, writeCsv } from '../addin/src/domain/csv';
import { seededRandom } from '../addin/src/domain/demo';
import { importTable, previewImport, type SourceTable } from '../addin/src/domain/importing';
import { KefuError, describeProblem } from '../addin/src/domain/problems';
import type { Ledger } from '../addin/src/ledger/types';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { BACKENDS, templateBytes } from './support/backends';
import { runKefu } from './support/fixtures';

const clock = fixedClock('2026-03-15 10:00:00', 1);
const context = { clock, actor: { clerk: '王丽', site: '测试' } };

const WORKERS: SourceTable = {
  name: 'workers.csv',
  rows: [
    // English labels as headers: any locale's label names a column.
    ['Worker id', 'Name', 'Team', 'Vendor', 'Collector maintenance base', 'Rotation base', 'Batch install base', 'Total monthly base'],
    ...Array.from({ length: 20 }, (_, i) => [`WB${String(i + 1).padStart(3, '0')}`, `人员${i + 1}`, `T0${1 + (i % 3)}`, 'V01', '1200', '900.00', '900', '3000']),
  ],
};

const HEADER = ['date', 'worker_id', 'collector_type', 'maintained', 'succeeded', 'reason_code'];

function dayOf(n: number): string {
  return new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}

type Bad = { kind: string; field: string; row: string[] };

/** 500 good rows with distinct worker/day keys and 500 bad rows of ten kinds, interleaved. */
function generated(): { rows: string[][]; bad: Map<number, Bad>; good: number } {
  const random = seededRandom(7);
  const goods: string[][] = Array.from({ length: 500 }, (_, i) => {
    const maintained = 5 + Math.floor(random() * 4);
    return [dayOf(Math.floor(i / 20)), `WB${String(1 + (i % 20)).padStart(3, '0')}`, i % 2 ? '无线' : 'wireless', String(maintained), String(Math.floor(random() * (maintained + 1))), ''];
  });
  const kinds: ((g: string[]) => Bad)[] = [
    (g) => ({ kind: 'unknown worker', field: 'worker_id', row: [g[0], 'WB999', g[2], g[3], g[4], ''] }),
    (g) => ({ kind: 'succeeded > maintained', field: 'succeeded', row: [dayOf(200), g[1], 'carrier', '15', '16', ''] }),
    (g) => ({ kind: 'negative count', field: 'maintained', row: [dayOf(201), g[1], 'carrier', '-3', '0', ''] }),
    (g) => ({ kind: 'non-integer count', field: 'succeeded', row: [dayOf(202), g[1], 'carrier', '20', '2.5', ''] }),
    (g) => ({ kind: 'impossible date', field: 'date', row: ['2025-02-30', g[1], 'carrier', '20', '18', ''] }),
    (g) => ({ kind: 'future date', field: 'date', row: ['2099-01-01', g[1], 'carrier', '20', '18', ''] }),
    (g) => ({ kind: 'unknown type', field: 'collector_type', row: [dayOf(203), g[1], 'solar', '20', '18', ''] }),
    (g) => ({ kind: 'unknown reason code', field: 'reason_code', row: [dayOf(204), g[1], 'carrier', '20', '18', 'holiday'] }),
    (g) => ({ kind: 'required missing', field: 'worker_id', row: [dayOf(205), '', 'carrier', '20', '18', ''] }),
    (g) => ({ kind: 'duplicate with other content', field: 'date', row: [g[0], g[1], 'wireless', String(Number(g[3]) + 1), g[4], ''] }),
  ];
  const rows: string[][] = [HEADER];
  const bad = new Map<number, Bad>();
  goods.forEach((g, i) => {
    rows.push(g);
    const b = kinds[i % kinds.length](g);
    rows.push(b.row);
    bad.set(rows.length, b); // 1-based file row (the header is row 1)
  });
  return { rows, bad, good: goods.length };
}

async function withWorkers(ledger: Ledger): Promise<void> {
  const result = await importTable(ledger, { table: 'workers', source: WORKERS }, context);
  assert.equal(result.records.length, 20, JSON.stringify(result.problems));
}

describe('import: planning (pure) and the ledger', () => {
  it('rejects each of 500 generated bad rows with its row, column and reason while all 500 good rows land; a re-import adds nothing', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 't', clock });
    await withWorkers(ledger);
    const { rows, bad, good } = generated();
    const source = { name: 'collector.csv', rows };
    const preview = await previewImport(ledger, { table: 'collector_daily', source }, context);
    assert.equal(preview.records.length, good, 'the preview shows what would land');
    const result = await importTable(ledger, { table: 'collector_daily', source }, context);
    assert.equal(result.records.length, good);
    assert.equal(result.rejected, bad.size);
    const byRow = new Map<number, typeof result.problems>();
    for (const p of result.problems) byRow.set(p.row!, [...(byRow.get(p.row!) ?? []), p]);
    for (const [row, b] of bad) {
      const problems = byRow.get(row) ?? [];
      assert.ok(problems.some((p) => p.field === b.field), `row ${row} (${b.kind}) is reported on ${b.field}: ${problems.map((p) => describeProblem(p, 'en-US')).join(' | ')}`);
      for (const p of problems) {
        const zh = describeProblem(p, 'zh-CN');
        assert.match(zh, new RegExp(`^文件“collector.csv”第 ${row} 行“[^”]+”：.+`), zh);
      }
    }
    assert.deepEqual([...byRow.keys()].filter((r) => !bad.has(r)), [], 'no good row is reported');
    const snapshot = await ledger.read({ tables: { collector_daily: { columns: ['entry_id', 'worker_id', 'collector_type'], rows: 'all' } } });
    assert.equal(snapshot.tables.collector_daily.length, good);
    assert.equal(snapshot.tables.collector_daily[0].values.entry_id, 'WB001-20250101-W');

    const again = await importTable(ledger, { table: 'collector_daily', source }, context);
    assert.equal(again.records.length, 0);
    assert.equal(again.alreadyPresent, good);
    const after = await ledger.read({ tables: { collector_daily: { columns: ['entry_id'], rows: 'all' } } });
    assert.equal(after.tables.collector_daily.length, good);
  });

  it('says what is wrong in each locale, naming the column in that language', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 't', clock });
    await withWorkers(ledger);
    const result = await previewImport(ledger, { table: 'collector_daily', source: { name: 'c.csv', rows: [HEADER, ['2025-03-02', 'WB001', '載波', '20', '21', ''], ['2025-03-02', 'WB404', 'carrier', '20', '1', '']] } }, context);
    assert.deepEqual(result.problems.map((p) => describeProblem(p, 'en-US')), [
      'File c.csv, row 2, column "Succeeded": 21 is more than "Maintained" (20).',
      'File c.csv, row 3, column "Worker id": worker id "WB404" is not in the Workers table. Register the worker first, or correct the id.',
    ]);
    assert.equal(describeProblem(result.problems[0], 'zh-TW'), '檔案「c.csv」第 2 列「成功數」：21 大於「維護數量」（20）。');
  });

  it('refuses a file without a required column, naming it, and writes nothing', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 't', clock });
    await assert.rejects(
      importTable(ledger, { table: 'collector_daily', source: { name: 'x.csv', rows: [['date', 'worker_id'], ['2025-03-01', 'WB001']] } }, context),
      (e: unknown) => e instanceof KefuError && e.describe('zh-CN').some((l) => l.includes('缺少必填列“采集器类型”')),
    );
  });

  it('imports work orders with several workers, and complaint orders with codes given as labels', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 't', clock });
    await withWorkers(ledger);
    const orders = await importTable(ledger, {
      table: 'rotation_orders',
      source: { name: 'ro.csv', rows: [['工单号', '施工人员', '规定完成日期', '实际完成日期', '现场抽查数', '现场抽查合格数'], ['WO-1', 'WB001，WB002', '2025-03-10', '2025-03-12', '10', '11']] },
    }, context);
    assert.deepEqual(orders.problems.map((p) => p.field), ['field_passed']);
    const ok = await importTable(ledger, {
      table: 'complaint_orders',
      source: { name: 'co.csv', rows: [['order_no', 'date', 'workers', 'substantiated', 'severity', 'source'], ['GD-1', '2025-03-05', 'WB003', '部分属实', '較重', '95598热线']] },
    }, context);
    assert.equal(ok.records.length, 1, JSON.stringify(ok.problems));
    assert.equal(ok.records[0].severity, 'major');
  });

  for (const backend of BACKENDS) {
    it(`lands the same rows through the ${backend.name}`, async () => {
      const session = await backend.open(await templateBytes('zh-CN'));
      await withWorkers(session.ledger);
      const result = await importTable(session.ledger, { table: 'collector_daily', source: { name: 'c.csv', rows: [HEADER, ['2025-03-01', 'WB001', 'wireless', '8', '7', ''], ['2025-03-01', 'WB002', 'carrier', '20', '18', 'other']] } }, context);
      assert.equal(result.records.length, 2);
      const snapshot = await session.ledger.read({ tables: { collector_daily: { columns: ['entry_id', 'collector_type', 'reason_code', 'maintained'], rows: 'all' } } });
      assert.deepEqual(snapshot.tables.collector_daily.map((r) => r.values), [
        { entry_id: 'WB001-20250301-W', collector_type: 'wireless', reason_code: null, maintained: 8 },
        { entry_id: 'WB002-20250301-C', collector_type: 'carrier', reason_code: 'other', maintained: 20 },
      ]);
    });
  }
});

describe('import: files', () => {
  it('decodes UTF-8 with and without BOM and GB18030, and parses RFC 4180 quoting', () => {
    const text = 'date,worker_id,备注\r\n2025-03-01,"WB001",“引号”"x""y"\r\n2025-03-02,WB002,"a,b\nc"\n';
    const utf8 = new TextEncoder().encode(text);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const gb = new Uint8Array(iconv.encode(text, 'gb18030'));
    for (const [bytes, encoding] of [[utf8, 'utf-8'], [bom, 'utf-8'], [gb, 'gb18030']] as const) {
      const decoded = decodeText(bytes);
      assert.equal(decoded.encoding, encoding);
      assert.deepEqual(parseDelimited(decoded.text), [
        ['date', 'worker_id', '备注'],
        ['2025-03-01', 'WB001', '“引号”"x""y"'],
        ['2025-03-02', 'WB002', 'a,b\nc'],
      ]);
    }
  });

  it('writes CSV that no spreadsheet reads as a formula, and gives the text back', () => {
    for (const value of ['=1+1', '@SUM(A1)', '+1', '-2+3', '\t=1', '\r=1', "'quoted", '张伟']) {
      const protectedText = protectText(value);
      assert.equal(unprotectText(protectedText), value);
      if (value !== '张伟') assert.ok(protectedText.startsWith("'"));
    }
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(writeCsv(['a', 'b'], [[{ text: '=1+1' }, { number: '-90.00' }]]));
    assert.equal(csv, "\uFEFFa,b\r\n'=1+1,-90.00\r\n");
  });

  it('kefu import: a GB18030 file with Chinese headers, bad rows on stderr with row and column, good rows kept, exit code 1; again: nothing added', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-import-'));
    try {
      const ledger = path.join(dir, 'l.xlsx');
      assert.equal((await runKefu(['template', '--locale', 'zh-CN', '--out', ledger])).code, 0);
      await fs.writeFile(path.join(dir, 'w.csv'), '\uFEFFworker_id,name,team_code,vendor_code,base_cm,base_rot,base_bat,base_total\r\nWB001,张伟,T01,V01,1200,900,900,3000\r\n');
      assert.equal((await runKefu(['import', ledger, 'workers', path.join(dir, 'w.csv')])).code, 0);
      const csv = '日期,工号,采集器类型,维护数量,成功数,原因代码\r\n2025-03-01,WB001,无线,8,7,\r\n2025-03-02,WB001,载波,20,25,\r\n2025-03-03,WB001,载波,20,18,请假\r\n';
      await fs.writeFile(path.join(dir, 'c.csv'), iconv.encode(csv, 'gb18030'));
      const run = await runKefu(['import', ledger, 'collector_daily', path.join(dir, 'c.csv'), '--locale', 'zh-CN']);
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.stderr.trim(), '文件“c.csv”第 3 行“成功数”：25 大于“维护数量”（20）。');
      assert.match(run.stdout, /导入 2 行；0 行已在台账中，跳过；1 行有错误/);
      const again = await runKefu(['import', ledger, 'collector_daily', path.join(dir, 'c.csv'), '--locale', 'en-US']);
      assert.match(again.stdout, /imported 0 rows; 2 rows were already in the ledger/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
