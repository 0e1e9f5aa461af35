import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { fixedClock } from '../addin/src/core/clock';
import { decodeText, parseDelimited, protectText, unprotectText, writeCsv } from '../addin/src/domain/csv';
import { seededRandom } from '../addin/src/domain/demo';
import { importTable, previewImport, type SourceTable } from '../addin/src/domain/importing';
import { KefuError, describeProblem } from '../addin/src/core/problems';
import type { Ledger } from '../addin/src/ledger/types';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { validateInput } from '../addin/src/domain/validate';
import { runOperation } from '../addin/src/domain/records';
import { monthlyPerformanceOperation } from '../addin/src/domain/performance/month';
import { dataDictionary } from '../addin/src/forms/dictionary';
import type { Locale } from '../addin/src/i18n/locale';
import { isRequiredNow } from '../addin/src/taskpane/FormView';
import { computeMonthAndShow, importAndShow } from '../addin/src/taskpane/DataViews';
import { performanceSheetName } from '../addin/src/domain/performance/sheet';
import { collectorDaily, complaintOrders, workers } from '../addin/src/forms/performance';
import { complaints } from '../addin/src/forms/complaints';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import { columnLetters } from '../addin/src/ledger/report';
import { BACKENDS, openOnHost, templateBytes, type OfficeSession } from './support/backends';
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
    () => ({ kind: 'required missing', field: 'worker_id', row: [dayOf(205), '', 'carrier', '20', '18', ''] }),
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
      assert.ok(
        problems.some((p) => p.field === b.field),
        `row ${row} (${b.kind}) is reported on ${b.field}: ${problems.map((p) => describeProblem(p, 'en-US')).join(' | ')}`,
      );
      for (const p of problems) {
        const zh = describeProblem(p, 'zh-CN');
        assert.match(zh, new RegExp(`^文件“collector.csv”第 ${row} 行“[^”]+”：.+`), zh);
      }
    }
    assert.deepEqual(
      [...byRow.keys()].filter((r) => !bad.has(r)),
      [],
      'no good row is reported',
    );
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
    const result = await previewImport(
      ledger,
      { table: 'collector_daily', source: { name: 'c.csv', rows: [HEADER, ['2025-03-02', 'WB001', '載波', '20', '21', ''], ['2025-03-02', 'WB404', 'carrier', '20', '1', '']] } },
      context,
    );
    assert.deepEqual(
      result.problems.map((p) => describeProblem(p, 'en-US')),
      [
        'File c.csv, row 2, column "Succeeded": 21 is more than "Maintained" (20).',
        'File c.csv, row 3, column "Worker id": worker id "WB404" is not in the Workers table. Register the worker first, or correct the id.',
      ],
    );
    assert.equal(describeProblem(result.problems[0], 'zh-TW'), '檔案「c.csv」第 2 列「成功數」：21 大於「維護數量」（20）。');
  });

  it('refuses a file without a required column, naming it, and writes nothing', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 't', clock });
    await assert.rejects(
      importTable(
        ledger,
        {
          table: 'collector_daily',
          source: {
            name: 'x.csv',
            rows: [
              ['date', 'worker_id'],
              ['2025-03-01', 'WB001'],
            ],
          },
        },
        context,
      ),
      (e: unknown) => e instanceof KefuError && e.describe('zh-CN').some((l) => l.includes('缺少必填列“采集器类型”')),
    );
  });

  it('imports work orders with several workers, and complaint orders with codes given as labels', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 't', clock });
    await withWorkers(ledger);
    const orders = await importTable(
      ledger,
      {
        table: 'rotation_orders',
        source: {
          name: 'ro.csv',
          rows: [
            ['工单号', '施工人员', '规定完成日期', '实际完成日期', '现场抽查数', '现场抽查合格数'],
            ['WO-1', 'WB001，WB002', '2025-03-10', '2025-03-12', '10', '11'],
          ],
        },
      },
      context,
    );
    assert.deepEqual(
      orders.problems.map((p) => p.field),
      ['field_passed'],
    );
    const ok = await importTable(
      ledger,
      {
        table: 'complaint_orders',
        source: {
          name: 'co.csv',
          rows: [
            ['order_no', 'date', 'workers', 'substantiated', 'severity', 'source'],
            ['GD-1', '2025-03-05', 'WB003', '部分属实', '較重', '95598热线'],
          ],
        },
      },
      context,
    );
    assert.equal(ok.records.length, 1, JSON.stringify(ok.problems));
    assert.equal(ok.records[0].severity, 'major');
  });

  it('reports every problem of a row at once: its cells and what the workbook says (an unknown worker, a duplicate), in the order of the file’s columns', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 't', clock });
    await withWorkers(ledger);
    await importTable(ledger, { table: 'collector_daily', source: { name: 'first.csv', rows: [HEADER, ['2025-03-01', 'WB001', 'carrier', '20', '18', '']] } }, context);
    const rows = [
      HEADER,
      ['2025-03-02', 'WB404', 'carrier', '20', '2.5', ''], // an unknown worker and a count that is not whole
      ['2025-03-03', 'WB405', 'solar', '20', '18', 'holiday'], // an unknown worker and two codes that are not in their lists
      ['2025-03-01', 'WB001', '载波', '21', '18', 'holiday'], // already in the ledger with another count, and a bad reason code
    ];
    const result = await previewImport(ledger, { table: 'collector_daily', source: { name: 'c.csv', rows } }, context);
    assert.equal(result.rejected, 3);
    assert.deepEqual(
      result.problems.map((p) => describeProblem(p, 'en-US')),
      [
        'File c.csv, row 2, column "Worker id": worker id "WB404" is not in the Workers table. Register the worker first, or correct the id.',
        'File c.csv, row 2, column "Succeeded": "2.5" is not a whole number.',
        'File c.csv, row 3, column "Worker id": worker id "WB405" is not in the Workers table. Register the worker first, or correct the id.',
        'File c.csv, row 3, column "Collector type": "solar" is not an allowed value. Choose one of: Wireless, Carrier.',
        'File c.csv, row 3, column "Reason code": "holiday" is not an allowed value. Choose one of: Not enough work dispatched, Leave, Other.',
        'File c.csv, row 4, column "Date": 2025-03-01 / 人员1 (WB001) / Carrier is already in Collector daily, row 2, with different content. To correct it, edit that row.',
        'File c.csv, row 4, column "Reason code": "holiday" is not an allowed value. Choose one of: Not enough work dispatched, Leave, Other.',
      ],
    );
  });

  it('names codes by their labels and workers by name and id in every message, in each locale (a duplicate in the file, in the ledger, of a rule parameter)', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 't', clock });
    await withWorkers(ledger);
    await importTable(ledger, { table: 'collector_daily', source: { name: 'first.csv', rows: [HEADER, ['2025-03-01', 'WB002', 'wireless', '8', '7', '']] } }, context);
    const rows = [HEADER, ['2025-03-01', 'WB002', '无线', '8', '6', ''], ['2025-03-05', 'WB003', 'carrier', '20', '18', ''], ['2025-03-05', 'WB003', 'carrier', '20', '19', '']];
    const result = await previewImport(ledger, { table: 'collector_daily', source: { name: 'c.csv', rows } }, context);
    const said = (locale: Locale) => result.problems.map((p) => describeProblem(p, locale));
    assert.deepEqual(said('zh-CN'), [
      '文件“c.csv”第 2 行“日期”：台账“采集器维护日报”第 2 行已有 2025-03-01 / 人员2（WB002） / 无线，内容不同。如需更正，请直接修改该行。',
      '文件“c.csv”第 4 行“日期”：与本文件第 3 行重复（2025-03-05 / 人员3（WB003） / 载波），但内容不同。请保留正确的一行。',
    ]);
    assert.deepEqual(said('zh-TW'), [
      '檔案「c.csv」第 2 列「日期」：臺賬「採集器維護日報」第 2 列已有 2025-03-01 / 人员2（WB002） / 無線，內容不同。如需更正，請直接修改該列。',
      '檔案「c.csv」第 4 列「日期」：與本檔案第 3 列重複（2025-03-05 / 人员3（WB003） / 載波），但內容不同。請保留正確的一列。',
    ]);
    assert.match(said('en-US')[1], /duplicates row 3 of this file \(2025-03-05 \/ 人员3 \(WB003\) \/ Carrier\)/);

    // The rules table: a parameter is named by its label, not its code.
    const rules = await previewImport(
      ledger,
      {
        table: 'rules',
        source: {
          name: 'r.csv',
          rows: [
            ['rule_version', 'effective_from', 'parameter', 'value'],
            ['PERF-2025.1', '2025-01-01', 'wireless_min', '6'],
          ],
        },
      },
      context,
    );
    const [line] = rules.problems.map((p) => describeProblem(p, 'zh-TW'));
    assert.equal(line, '檔案「r.csv」第 2 列「規則版本」：臺賬「績效規則」第 2 列已有 PERF-2025.1 / 無線每日維護下限（個），內容不同。如需更正，請直接修改該列。');
    for (const locale of ['zh-CN', 'zh-TW'] as const) {
      for (const text of [...said(locale), describeProblem(rules.problems[0], locale)]) assert.doesNotMatch(text, /wireless|carrier|wireless_min/, text);
    }
    // A worker the ledger has, imported again with another base: named as the ledger knows him.
    const again = await previewImport(ledger, { table: 'workers', source: { name: 'w.csv', rows: [WORKERS.rows[0], ['WB001', '人员1', 'T01', 'V01', '1300', '900', '900', '3000']] } }, context);
    assert.match(describeProblem(again.problems[0], 'zh-CN'), /已有 人员1（WB001），内容不同/);
  });

  it('imports complaint orders with exactly the five columns of the performance issue: a blank source means unknown, while a clerk entering one must give it', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 't', clock });
    await withWorkers(ledger);
    const five = ['order_no', 'date', 'workers', 'substantiated', 'severity'];
    const result = await importTable(ledger, { table: 'complaint_orders', source: { name: 'co.csv', rows: [five, ['GD-1', '2025-03-05', 'WB003', 'yes', 'major']] } }, context);
    assert.equal(result.records.length, 1, JSON.stringify(result.problems));
    const withBlank = await importTable(
      ledger,
      {
        table: 'complaint_orders',
        source: {
          name: 'co2.csv',
          rows: [
            [...five, 'source'],
            ['GD-2', '2025-03-06', 'WB004', 'yes', 'major', ''],
            ['GD-3', '2025-03-06', 'WB005', 'yes', 'major', '本地受理'],
          ],
        },
      },
      context,
    );
    assert.equal(withBlank.records.length, 2, JSON.stringify(withBlank.problems));
    const read = await ledger.read({ tables: { complaint_orders: { columns: ['order_no', 'source'], rows: 'all' } } });
    assert.deepEqual(
      read.tables.complaint_orders.map((r) => r.values),
      [
        { order_no: 'GD-1', source: null },
        { order_no: 'GD-2', source: null },
        { order_no: 'GD-3', source: 'local' },
      ],
    );
    // Entered by a clerk (the task pane, JSON), the source is still required.
    const source = complaintOrders.fields.find((f) => f.key === 'source')!;
    assert.equal(isRequiredNow(source, {}), true);
    const entered = validateInput(complaintOrders, { order_no: 'GD-9', date: '2025-03-05', workers: 'WB001', substantiated: 'no' });
    assert.deepEqual(
      entered.problems.map((p) => [p.kind, p.field]),
      [['required', 'source']],
    );
    const dictionary = dataDictionary().find((e) => e.table === 'complaint_orders' && e.column === 'source')!;
    assert.equal(dictionary.required, 'yes (may be blank on import: source unknown)');

    // The month's complaint deductions do not depend on the source: unknown counts as any other.
    const month = await runOperation(ledger, monthlyPerformanceOperation, { month: '2025-03', locale: 'zh-CN' }, context);
    const cmp = (id: string) => month.result.result.workers.find((w) => w.worker.workerId === id)?.lines.find((l) => l.itemCode === 'CMP')?.amountFen;
    assert.equal(cmp('WB004'), -30_000, 'blank source: major, 10 % of 3,000.00');
    assert.equal(cmp('WB004'), cmp('WB005'));
    assert.equal(cmp('WB003'), cmp('WB005'));
  });

  for (const backend of BACKENDS) {
    it(`lands the same rows through the ${backend.name}`, async () => {
      const session = await backend.open(await templateBytes('zh-CN'));
      await withWorkers(session.ledger);
      const result = await importTable(
        session.ledger,
        { table: 'collector_daily', source: { name: 'c.csv', rows: [HEADER, ['2025-03-01', 'WB001', 'wireless', '8', '7', ''], ['2025-03-01', 'WB002', 'carrier', '20', '18', 'other']] } },
        context,
      );
      assert.equal(result.records.length, 2);
      const snapshot = await session.ledger.read({ tables: { collector_daily: { columns: ['entry_id', 'collector_type', 'reason_code', 'maintained'], rows: 'all' } } });
      assert.deepEqual(
        snapshot.tables.collector_daily.map((r) => r.values),
        [
          { entry_id: 'WB001-20250301-W', collector_type: 'wireless', reason_code: null, maintained: 8 },
          { entry_id: 'WB002-20250301-C', collector_type: 'carrier', reason_code: 'other', maintained: 20 },
        ],
      );
    });
  }
});

describe('import: files', () => {
  it('decodes UTF-8 with and without BOM and GB18030, and parses RFC 4180 quoting', () => {
    const text = 'date,worker_id,备注\r\n2025-03-01,"WB001",“引号”"x""y"\r\n2025-03-02,WB002,"a,b\nc"\n';
    const utf8 = new TextEncoder().encode(text);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const gb = new Uint8Array(iconv.encode(text, 'gb18030'));
    for (const [bytes, encoding] of [
      [utf8, 'utf-8'],
      [bom, 'utf-8'],
      [gb, 'gb18030'],
    ] as const) {
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

  it('kefu import: every problem of a row on stderr, codes and workers as a clerk knows them, and complaint orders with the five columns of the performance issue', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-import-'));
    try {
      const ledger = path.join(dir, 'l.xlsx');
      assert.equal((await runKefu(['template', '--locale', 'zh-TW', '--out', ledger])).code, 0);
      await fs.writeFile(path.join(dir, 'w.csv'), 'worker_id,name,team_code,vendor_code,base_cm,base_rot,base_bat,base_total\r\nWB001,張偉,T01,V01,1200,900,900,3000\r\n');
      assert.equal((await runKefu(['import', ledger, 'workers', path.join(dir, 'w.csv')])).code, 0);
      await fs.writeFile(path.join(dir, 'c1.csv'), 'date,worker_id,collector_type,maintained,succeeded\r\n2025-03-01,WB001,wireless,8,7\r\n');
      assert.equal((await runKefu(['import', ledger, 'collector_daily', path.join(dir, 'c1.csv')])).code, 0);
      await fs.writeFile(
        path.join(dir, 'c2.csv'),
        'date,worker_id,collector_type,maintained,succeeded\r\n2025-03-02,WB404,carrier,20,2.5\r\n2025-03-01,WB001,wireless,8,6\r\n2025-03-03,WB001,carrier,20,18\r\n',
      );
      const run = await runKefu(['import', ledger, 'collector_daily', path.join(dir, 'c2.csv'), '--locale', 'zh-TW']);
      assert.equal(run.code, 1, run.stderr);
      assert.deepEqual(run.stderr.trim().split('\n'), [
        '檔案「c2.csv」第 2 列「工號」：工號「WB404」不在「外包人員」表中。請先登記該人員，或更正工號。',
        '檔案「c2.csv」第 2 列「成功數」：「2.5」不是整數。',
        '檔案「c2.csv」第 3 列「日期」：臺賬「採集器維護日報」第 2 列已有 2025-03-01 / 張偉（WB001） / 無線，內容不同。如需更正，請直接修改該列。',
      ]);
      assert.match(run.stdout, /匯入 1 列；0 列已在臺賬中，略過；2 列有錯誤/);

      await fs.writeFile(path.join(dir, 'co.csv'), 'order_no,date,workers,substantiated,severity\r\nGD-1,2025-03-05,WB001,yes,major\r\n');
      const orders = await runKefu(['import', ledger, 'complaint_orders', path.join(dir, 'co.csv'), '--locale', 'en-US']);
      assert.equal(orders.code, 0, orders.stderr);
      assert.match(orders.stdout, /imported 1 rows/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('import and performance in the task pane: what was written is shown (Office.js backend on the in-memory host)', () => {
  const onHost = async () => openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')), { clock });
  const collector = (days: number, workers = 20): SourceTable => ({
    name: 'c.csv',
    rows: [HEADER, ...Array.from({ length: days * workers }, (_, i) => [dayOf(Math.floor(i / workers)), `WB${String(1 + (i % workers)).padStart(3, '0')}`, 'carrier', '20', '18', ''])],
  });
  /** The requests an action takes when it shows nothing, on a workbook of its own. */
  const requestsUnshown = async (action: (session: OfficeSession) => Promise<unknown>) => {
    const session = await onHost();
    await withWorkers(session.ledger);
    session.client.resetStats();
    await action(session);
    return session.client.stats.syncs;
  };

  it('an import activates the table’s sheet and selects every row that came in, in the request that writes them', async () => {
    const session = await onHost();
    await withWorkers(session.ledger);
    session.workbook.activate(session.workbook.worksheet(collectorDaily.sheet['zh-CN'])); // the clerk elsewhere …
    session.workbook.activate(session.workbook.worksheet(workers.sheet['zh-CN']));
    session.client.resetStats();
    const result = await importAndShow(session.ledger, { table: 'collector_daily', source: collector(2) }, context);
    const syncs = session.client.stats.syncs;
    assert.equal(result.records.length, 40);
    // Below the fresh table's blank row, which an import leaves (it cannot know whether a co-author is
    // filling it now): rows 3 to 42, every column of the table.
    const table = session.workbook.table('collector_daily');
    assert.equal(session.workbook.activeWorksheet?.name, collectorDaily.sheet['zh-CN']);
    assert.deepEqual(session.workbook.selection, { sheet: collectorDaily.sheet['zh-CN'], address: `A3:${columnLetters(table.rect.right + 1)}42` });
    assert.equal(syncs, await requestsUnshown((s) => importTable(s.ledger, { table: 'collector_daily', source: collector(2) }, context)), 'no request of its own');

    // Again, with rows already there and some new: only the new ones are selected.
    await importAndShow(session.ledger, { table: 'collector_daily', source: collector(3) }, context);
    assert.deepEqual(session.workbook.selection, { sheet: collectorDaily.sheet['zh-CN'], address: `A43:${columnLetters(table.rect.right + 1)}62` });
  });

  it('a large import written in several requests selects all its rows in the last one', async () => {
    const session = await onHost();
    await withWorkers(session.ledger);
    session.client.resetStats();
    const result = await importAndShow(session.ledger, { table: 'collector_daily', source: collector(430) }, context);
    const stats = session.client.stats;
    assert.equal(result.records.length, 8_600);
    assert.ok(result.appended.length > 1, `written in ${result.appended.length} requests`);
    const table = session.workbook.table('collector_daily');
    assert.deepEqual(session.workbook.selection, { sheet: collectorDaily.sheet['zh-CN'], address: `A3:${columnLetters(table.rect.right + 1)}8602` });
    assert.equal(stats.syncs, await requestsUnshown((s) => importTable(s.ledger, { table: 'collector_daily', source: collector(430) }, context)));
  });

  it('an import of numbered records (one request each, as a clerk’s) selects them all with the last', async () => {
    const session = await onHost();
    const keys = ['received_at', 'channel', 'anonymous', 'complainant', 'content', 'category', 'department', 'receptionist_by', 'receptionist_at'];
    const row = (n: number) => [`2026-03-0${n} 09:30`, 'phone', 'no', `投诉人${n}`, '病房卫生间地面有积水', 'cleaning', 'cleaning', '王丽', `2026-03-0${n} 09:35`];
    const source = { name: 't.csv', rows: [keys, row(1), row(2), row(3)] };
    session.client.resetStats();
    const result = await importAndShow(session.ledger, { table: 'complaints', source }, context);
    assert.deepEqual(result.numbers, ['TS-2026-0001', 'TS-2026-0002', 'TS-2026-0003']);
    const table = session.workbook.table('complaints');
    assert.deepEqual(session.workbook.selection, { sheet: complaints.sheet['zh-CN'], address: `A2:${columnLetters(table.rect.right + 1)}4` });
    const unshown = await onHost();
    unshown.client.resetStats();
    await importTable(unshown.ledger, { table: 'complaints', source }, context);
    assert.equal(session.client.stats.syncs, unshown.client.stats.syncs);
  });

  it('a performance run writes the month’s sheet, activates it and selects its rows in the same request', async () => {
    const session = await onHost();
    await withWorkers(session.ledger);
    const march = { name: 'c.csv', rows: [HEADER, ['2025-03-03', 'WB001', 'wireless', '8', '7', ''], ['2025-03-04', 'WB002', 'carrier', '20', '13', '']] };
    await importTable(session.ledger, { table: 'collector_daily', source: march }, context);
    const request = { month: '2025-03', locale: 'zh-CN' as const, sheet: true, files: 'perVendor' as const };
    session.client.resetStats();
    const done = await computeMonthAndShow(session.ledger, request, context);
    const syncs = session.client.stats.syncs;
    const name = performanceSheetName('2025-03', 'zh-CN');
    assert.equal(done.result.sheetName, name);
    const sheet = session.workbook.worksheet(name);
    assert.equal(session.workbook.activeWorksheet?.name, name);
    const used = sheet.usedRect(true)!;
    assert.deepEqual(session.workbook.selection, { sheet: name, address: `A1:${columnLetters(used.right + 1)}${used.bottom + 1}` });
    assert.equal(
      syncs,
      await requestsUnshown(async (s) => {
        await importTable(s.ledger, { table: 'collector_daily', source: march }, context);
        s.client.resetStats();
        await runOperation(s.ledger, monthlyPerformanceOperation, request, context);
      }),
    );
  });
});
