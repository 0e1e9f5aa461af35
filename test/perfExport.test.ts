import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { fixedClock } from '../addin/src/core/clock';
import { decodeText, parseDelimited, unprotectText } from '../addin/src/domain/csv';
import { monthlyPerformanceOperation } from '../addin/src/domain/performance/month';
import { performanceRequest } from '../addin/src/domain/performance/inputs';
import { FastXlsxReader } from '../addin/src/ledger/xlsx/fastRead';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { runOperation } from '../addin/src/domain/records';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import { MAX_REQUEST_BYTES } from '../addin/src/ledger/office/officeLedger';
import type { ReportCell } from '../addin/src/ledger/types';
import { openOnHost } from './support/backends';
import { runKefu } from './support/fixtures';
import { CSV_UTF8_INFILTER, cellAt, libreOfficeConvert, parseFods, readWorkbookWithLibreOffice, sheetNamed } from './support/libreoffice';

/**
 * A month that finance can check by hand (bases as brief §3.3: CM 1,200.00, ROT 900.00, BAT
 * 900.00, total 3,000.00; WB003: 1,000.00 / 800.00 / 800.00 / 2,500.00), through the command line,
 * read back by LibreOffice, and through the Office.js backend on the in-memory host.
 */
const FILES: Record<string, string> = {
  'workers.csv':
    'worker_id,name,team_code,vendor_code,base_cm,base_rot,base_bat,base_total\r\n' +
    'WB001,张伟,T01,V01,1200,900,900,3000\r\n' +
    'WB002,=1+1,T02,V01,1200,900,900,3000\r\n' +
    'WB003,@SUM(A1),T03,V02,1000,800,800,2500\r\n',
  'collector.csv':
    '日期,工号,采集器类型,维护数量,成功数,原因代码\r\n' +
    '2025-02-28,WB001,无线,8,0,\r\n' + // another month: ignored
    '2025-03-03,WB001,无线,8,7,\r\n' + // 87.5 % → +5
    '2025-03-04,WB001,无线,8,6,\r\n' + // 75 % → −5
    '2025-03-05,WB001,载波,20,18,\r\n' + // 90 % → +10
    '2025-03-06,WB001,无线,8,0,请假\r\n' + // excluded
    '2025-03-03,WB002,载波,20,13,\r\n' + // 65 % → −5
    '2025-03-04,WB002,载波,20,14,\r\n' + // 70 % → 0
    '2025-03-05,WB002,无线,4,4,\r\n' + // below quota → 0
    '2025-03-03,WB003,无线,7,4,\r\n', // 57.14 % → −15
  'rotation.csv': 'order_no,workers,due_date,done_date,field_checked,field_passed,collection_total,collection_ok\r\nWO-2025-0312,"WB001,WB002",2025-03-10,2025-03-12,50,48,200,188\r\n',
  'batch.csv': 'order_no,workers,field_checked,field_passed,collection_total,collection_ok,done_date\r\nBI-1,WB003,100,97,100,95,2025-03-20\r\n',
  'complaints.csv': 'order_no,date,workers,substantiated,severity,source\r\nGD-1,2025-03-15,WB003,yes,severe,local\r\nGD-2,2025-03-16,WB001,partly,minor,hotline_95598\r\n',
};

/** [worker, item, amount] as a finance clerk works them out. */
const EXPECTED: readonly [string, string, string, string][] = [
  ['PA-202503-V01-1', 'WB001', 'CM', '40.00'], // (5 − 5 + 10)/3 % × 1,200.00
  ['PA-202503-V01-1', 'WB001', 'ROT_DELAY', '-180.00'], // 2 days × 10 % × 900.00
  ['PA-202503-V01-1', 'WB001', 'ROT_QC', '-90.00'], // 96 % on 98 %: 2 points × 5 %
  ['PA-202503-V01-1', 'WB001', 'ROT_COLL', '-45.00'], // 94 % on 95 %: 1 point × 5 %
  ['PA-202503-V01-1', 'WB001', 'CMP', '-75.00'], // partly, minor: 5 % × ½ × 3,000.00
  ['PA-202503-V01-1', 'WB002', 'CM', '-20.00'], // (−5 + 0 + 0)/3 % × 1,200.00
  ['PA-202503-V01-1', 'WB002', 'ROT_DELAY', '-180.00'],
  ['PA-202503-V01-1', 'WB002', 'ROT_QC', '-90.00'],
  ['PA-202503-V01-1', 'WB002', 'ROT_COLL', '-45.00'],
  ['PA-202503-V02-1', 'WB003', 'CM', '-150.00'], // −15 % × 1,000.00
  ['PA-202503-V02-1', 'WB003', 'BAT_QC', '-80.00'], // 97 % on 99 %: 2 points × 5 % × 800.00
  ['PA-202503-V02-1', 'WB003', 'CMP', '-500.00'], // severe 20 % × 2,500.00
];

function readCsv(bytes: Uint8Array): Record<string, string>[] {
  const [header, ...rows] = parseDelimited(decodeText(bytes).text);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

describe('performance month end to end', function () {
  let dir: string;
  let ledger: string;
  let importedLedger: Uint8Array;
  const kefu = async (...args: string[]) => {
    const run = await runKefu([...args, '--locale', 'zh-CN', '--clerk', '财务李']);
    return run;
  };

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-perf-'));
    ledger = path.join(dir, 'ledger.xlsx');
    assert.equal((await runKefu(['template', '--out', ledger, '--locale', 'zh-CN'])).code, 0);
    for (const [name, text] of Object.entries(FILES)) await fs.writeFile(path.join(dir, name), text);
    for (const [table, file] of [
      ['workers', 'workers.csv'],
      ['collector_daily', 'collector.csv'],
      ['rotation_orders', 'rotation.csv'],
      ['batch_installs', 'batch.csv'],
      ['complaint_orders', 'complaints.csv'],
    ]) {
      const run = await kefu('import', ledger, table, path.join(dir, file));
      assert.equal(run.code, 0, `${table}: ${run.stderr}`);
    }
    importedLedger = new Uint8Array(await fs.readFile(ledger));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('kefu perf: exactly the expected amount per worker and item, the brief’s columns, BOM, CRLF, and the control totals', async () => {
    const run = await kefu('perf', ledger, '--month', '2025-03', '--csv', path.join(dir, 'out', 'perf.csv'), '--xlsx', path.join(dir, 'out', 'perf.xlsx'));
    assert.equal(run.code, 0, run.stderr);
    const bytes = new Uint8Array(await fs.readFile(path.join(dir, 'out', 'perf.csv')));
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    assert.equal(text.split('\r\n').length - 1, EXPECTED.length + 1, 'CRLF after every line');
    assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
    const lines = readCsv(bytes);
    assert.deepEqual(Object.keys(lines[0]), [
      'export_batch_id',
      'period',
      'vendor_code',
      'team_code',
      'worker_id',
      'worker_name',
      'item_code',
      'item_name',
      'base_amount',
      'rate',
      'amount',
      'currency',
      'basis_ref',
      'reason',
      'rule_version',
      'approved_by',
      'approved_at',
    ]);
    assert.deepEqual(
      lines.map((l) => [l.export_batch_id, l.worker_id, l.item_code, l.amount]),
      EXPECTED,
    );
    assert.deepEqual(
      lines.map((l) => unprotectText(l.worker_name)),
      ['张伟', '张伟', '张伟', '张伟', '张伟', '=1+1', '=1+1', '=1+1', '=1+1', '@SUM(A1)', '@SUM(A1)', '@SUM(A1)'],
    );
    assert.equal(lines[0].rate, '0.033333');
    assert.equal(lines[0].item_name, '采集器维护');
    assert.equal(lines[0].basis_ref, '3 records; 1 excluded');
    assert.equal(lines[0].period, '202503');
    assert.equal(lines[1].basis_ref, 'WO-2025-0312');
    const manifest = readCsv(new Uint8Array(await fs.readFile(path.join(dir, 'out', 'perf.manifest.csv'))));
    assert.deepEqual(
      manifest.map((m) => [m.export_batch_id, m.line_count, m.amount_sum, m.positive_sum, m.negative_sum, m.status]),
      [
        ['PA-202503-V01-1', '9', '-685.00', '40.00', '-725.00', 'draft'],
        ['PA-202503-V02-1', '3', '-730.00', '0.00', '-730.00', 'draft'],
        ['TOTAL', '12', '-1415.00', '40.00', '-1455.00', ''],
      ],
    );
    assert.match(manifest[0].sha256, /^[0-9a-f]{64}$/);
  });

  it('LibreOffice reads the CSV with Chinese intact and the formula-like names as text; the sheet keeps them as text and recalculates the nets', async () => {
    const out = path.join(dir, 'lo');
    const [fods] = await libreOfficeConvert([path.join(dir, 'out', 'perf.csv')], 'fods', out, { infilter: CSV_UTF8_INFILTER });
    const csvSheet = parseFods(await fs.readFile(fods, 'utf8')).sheets[0];
    const names = csvSheet.rows.slice(1).map((r) => r[5]);
    assert.deepEqual(names, ['张伟', '张伟', '张伟', '张伟', '张伟', "'=1+1", "'=1+1", "'=1+1", "'=1+1", "'@SUM(A1)", "'@SUM(A1)", "'@SUM(A1)"]);
    assert.ok(
      csvSheet.formulas.every((row) => row.every((f) => f === null)),
      'no cell of the CSV became a formula',
    );
    assert.equal(csvSheet.rows[1][7], '采集器维护');
    assert.equal(csvSheet.rows[1][10], 40);

    const workbook = await readWorkbookWithLibreOffice(path.join(dir, 'out', 'perf.xlsx'));
    const sheet = sheetNamed(workbook, '绩效 2025-03');
    const find = (value: string) => sheet.rows.findIndex((r) => r[1] === value);
    for (const name of ['=1+1', '@SUM(A1)']) {
      const r = find(name);
      assert.ok(r > 0, `${name} is in the sheet as text`);
      assert.equal(sheet.types[r][1], 'string');
      assert.equal(sheet.formulas[r][1], null);
    }
    assert.equal(cellAt(sheet, `I${find('张伟') + 1}`), -350, 'WB001 net = 40 − 180 − 90 − 45 − 75 (a SUM of its lines, recalculated)');
    assert.equal(cellAt(sheet, `I${find('=1+1') + 1}`), -335);
    assert.equal(cellAt(sheet, `I${find('@SUM(A1)') + 1}`), -730);
  });

  it('the read-only reader kefu perf uses reads exactly what the exceljs backend reads', async () => {
    const request = performanceRequest();
    const fast = await (await FastXlsxReader.fromBuffer(importedLedger)).read(request);
    const full = await (await XlsxLedger.fromBuffer(importedLedger, { station: 't', clock: fixedClock('2026-03-15 10:00:00') })).read(request);
    assert.deepEqual(fast.tables, full.tables);
    assert.equal(fast.locale, full.locale);
    assert.equal(fast.tables.collector_daily.length, 9);
    await assert.rejects((await FastXlsxReader.fromBuffer(importedLedger)).apply({ appends: { workers: [{}] } }), /cannot write/);
  });

  it('the Office.js backend on the in-memory host computes the same export and writes the sheet in two requests', async () => {
    const workbook = await hostWorkbookFromXlsx(importedLedger);
    const session = await openOnHost(workbook, { clock: fixedClock('2026-03-15 10:00:00') });
    session.client.resetStats();
    const outcome = await runOperation(
      session.ledger,
      monthlyPerformanceOperation,
      { month: '2025-03', locale: 'zh-CN', sheet: true, csvName: 'perf.csv' },
      { clock: fixedClock('2026-03-15 10:00:00'), actor: { clerk: '王丽' } },
    );
    assert.equal(session.client.stats.syncs, 2);
    const cli = new Uint8Array(await fs.readFile(path.join(dir, 'out', 'perf.csv')));
    assert.deepEqual(outcome.result.files[0].bytes, cli, 'the same CSV, byte for byte');
    const sheet = workbook.worksheet('绩效 2025-03');
    assert.equal(sheet.frozenRows, 2);
    const names = [...sheet.cells()].filter(([, col]) => col === 1).map(([, , c]) => c.value);
    assert.ok(names.includes('=1+1') && names.includes('@SUM(A1)'), 'formula-like names are text on the host');
    assert.ok(
      [...sheet.cells()].filter(([, , c]) => c.formula).every(([, col]) => col === 8),
      'only the code-built net formulas',
    );
  });

  it('writes a large report in several requests, each below the 5 MB limit of Excel on the web', async () => {
    const workbook = await hostWorkbookFromXlsx(importedLedger);
    const session = await openOnHost(workbook);
    const rows: ReportCell[][] = Array.from({ length: 40_000 }, (_, i) => [{ text: `WB${i}` }, { text: '采集器维护月均日成功率结果' }, { number: i, format: '0.00' }, { text: '张伟'.repeat(4) }]);
    const basis = await session.ledger.read({ sheets: ['大报表'] });
    session.client.resetStats();
    await session.ledger.apply({ sheets: [{ name: '大报表', rows, boldRows: [0, 39_999] }] }, basis);
    const stats = session.client.stats;
    assert.ok(stats.syncs > 1, `${stats.syncs} requests`);
    assert.ok(stats.maxRequestBytes < 5 * 1024 * 1024 && stats.maxRequestBytes <= MAX_REQUEST_BYTES * 1.2, `largest request ${stats.maxRequestBytes} bytes`);
    const sheet = workbook.worksheet('大报表');
    assert.equal(sheet.cell(39_999, 0)?.value, 'WB39999');
    assert.equal(sheet.cell(39_999, 0)?.bold, true);
    assert.equal(sheet.cell(20_000, 2)?.value, 20_000);
  });

  it('an approved export is never rewritten: a later export holds reversal and adjustment lines only', async () => {
    const approvedPath = path.join(dir, 'out', 'approved.csv');
    const approve = await kefu('perf', ledger, '--month', '2025-03', '--csv', approvedPath, '--approve');
    assert.equal(approve.code, 0, approve.stderr);
    assert.match(approve.stdout, /PA-202503-V01-1 已审批（财务李/);
    const approvedBytes = await fs.readFile(approvedPath);
    const approved = readCsv(new Uint8Array(approvedBytes));
    assert.ok(approved.every((l) => l.approved_by === '财务李' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(l.approved_at)));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await fs.readFile(ledger)) as unknown as ArrayBuffer);
    assert.equal(book.getWorksheet('绩效导出批次')!.getCell('A2').value, 'PA-202503-V01-1');

    // Later: one more day for WB001 (CM 40.00 → 60.00) and a new complaint for WB002.
    await fs.writeFile(path.join(dir, 'more.csv'), 'date,worker_id,collector_type,maintained,succeeded\r\n2025-03-07,WB001,carrier,20,20\r\n');
    await fs.writeFile(path.join(dir, 'more-complaints.csv'), 'order_no,date,workers,substantiated,severity,source\r\nGD-3,2025-03-20,WB002,yes,minor,local\r\n');
    assert.equal((await kefu('import', ledger, 'collector_daily', path.join(dir, 'more.csv'))).code, 0);
    assert.equal((await kefu('import', ledger, 'complaint_orders', path.join(dir, 'more-complaints.csv'))).code, 0);

    const refused = await kefu('perf', ledger, '--month', '2025-03', '--csv', approvedPath);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /是已审批的导出，不会被改写/);
    assert.deepEqual(await fs.readFile(approvedPath), approvedBytes, 'the approved file is untouched');

    const second = await kefu('perf', ledger, '--month', '2025-03', '--csv', path.join(dir, 'out', 'v2.csv'));
    assert.equal(second.code, 0, second.stderr);
    const lines = readCsv(new Uint8Array(await fs.readFile(path.join(dir, 'out', 'v2.csv'))));
    assert.deepEqual(
      lines.map((l) => [l.export_batch_id, l.worker_id, l.item_code, l.amount]),
      [
        ['PA-202503-V01-2', 'WB001', 'CM', '-40.00'],
        ['PA-202503-V01-2', 'WB001', 'CM', '60.00'],
        ['PA-202503-V01-2', 'WB002', 'CMP', '-150.00'],
      ],
    );
    assert.match(lines[0].reason, /冲销已审批批次 PA-202503-V01-1/);
  });
});
