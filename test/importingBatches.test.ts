import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixedClock } from '../addin/src/core/clock';
import { KefuError } from '../addin/src/core/problems';
import { importTable, incompleteImportProblems, type SourceTable } from '../addin/src/domain/importing';
import { monthlyPerformanceOperation } from '../addin/src/domain/performance/month';
import { runOperation } from '../addin/src/domain/records';
import { hostWorkbookFromXlsx, hostWorkbookToXlsx, type HostWorkbook } from '../addin/src/host';
import { AUDIT_COLUMNS, AUDIT_TABLE } from '../addin/src/ledger/layout';
import type { Ledger, LedgerRow } from '../addin/src/ledger/types';
import { BACKENDS, openOnHost, templateBytes } from './support/backends';
import { runKefu } from './support/fixtures';

/**
 * Issue 14 item 3: imports and bulk appends that land whole, each row with its audit entry, under
 * co-authoring and both kinds of failure (the request never reaches Excel; Excel applies it and
 * the answer is lost), on the in-memory host.
 */

const clock = fixedClock('2026-03-15 10:00:00', 1);
const context = { clock, actor: { clerk: '王丽', site: '测试' } };
const HEADER = ['date', 'worker_id', 'collector_type', 'maintained', 'succeeded', 'reason_code'];
const workerId = (n: number) => `WB${String(n).padStart(3, '0')}`;
const dayOf = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function workersFile(count: number): SourceTable {
  return {
    name: 'workers.csv',
    rows: [
      ['worker_id', 'name', 'team_code', 'vendor_code', 'base_cm', 'base_rot', 'base_bat', 'base_total'],
      ...Array.from({ length: count }, (_, i) => [workerId(i + 1), `人员${i + 1}`, 'T01', 'V01', '1200', '900', '900', '3000']),
    ],
  };
}

/** `rows` collector days of `workers` workers, both collector types, day after day from 2025-01-01. */
function collectorFile(rows: number, workers: number, name = 'collector.csv'): SourceTable {
  return {
    name,
    rows: [HEADER, ...Array.from({ length: rows }, (_, i) => [dayOf(Math.floor(i / (2 * workers))), workerId(1 + (Math.floor(i / 2) % workers)), i % 2 ? 'carrier' : 'wireless', '20', '18', ''])],
  };
}

const auditOf = async (ledger: Ledger): Promise<readonly LedgerRow[]> =>
  (await ledger.read({ tables: { [AUDIT_TABLE]: { columns: AUDIT_COLUMNS.map((c) => c.key), rows: 'all' } } })).tables[AUDIT_TABLE];
const entryIds = async (ledger: Ledger): Promise<string[]> =>
  (await ledger.read({ tables: { collector_daily: { columns: ['entry_id'], rows: 'all' } } })).tables.collector_daily.map((r) => String(r.values.entry_id));

/**
 * What must hold after any fault: every collector row has exactly one `import` audit entry of its
 * own, and no row appears twice. Returns the rows and the incomplete batches `kefu check` reports.
 */
async function invariants(ledger: Ledger): Promise<{ ids: string[]; incomplete: ReturnType<typeof incompleteImportProblems> }> {
  const ids = await entryIds(ledger);
  const audit = await auditOf(ledger);
  assert.equal(new Set(ids).size, ids.length, 'no row twice');
  const entries = new Map<string, number>();
  for (const row of audit) if (row.values.action === 'import' && row.values.table === 'collector_daily') entries.set(String(row.values.record), (entries.get(String(row.values.record)) ?? 0) + 1);
  const without = ids.filter((id) => entries.get(id) !== 1);
  assert.deepEqual(without.slice(0, 5), [], `${without.length} of ${ids.length} rows without exactly one audit entry`);
  assert.equal([...entries.keys()].filter((id) => !ids.includes(id)).length, 0, 'no audit entry without its row');
  const incomplete = incompleteImportProblems({ locale: 'zh-CN', tables: { [AUDIT_TABLE]: audit }, claims: [], layouts: {} });
  return { ids, incomplete };
}

async function hostWithWorkers(workers: number, options: { maxRequestBytes?: number } = {}): Promise<{ workbook: HostWorkbook; session: Awaited<ReturnType<typeof openOnHost>> }> {
  const workbook = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
  const session = await openOnHost(workbook, { clock, ...options });
  await importTable(session.ledger, { table: 'workers', source: workersFile(workers) }, context);
  return { workbook, session };
}

describe('imports land whole, each row with its audit entry (issue 14 item 3)', () => {
  it('two concurrent imports into a fresh table keep both rows: neither fills the blank row the other may be filling', async () => {
    const { workbook, session } = await hostWithWorkers(2);
    const other = await openOnHost(workbook, { clock, station: 'other' });
    const [a, b] = await Promise.all([
      importTable(
        session.ledger,
        { table: 'collector_daily', source: { name: 'a.csv', rows: [HEADER, ['2025-03-01', 'WB001', 'wireless', '8', '7', ''], ['2025-03-02', 'WB001', 'wireless', '8', '7', '']] } },
        context,
      ),
      importTable(
        other.ledger,
        { table: 'collector_daily', source: { name: 'b.csv', rows: [HEADER, ['2025-03-01', 'WB002', 'carrier', '20', '18', ''], ['2025-03-02', 'WB002', 'carrier', '20', '18', '']] } },
        context,
      ),
    ]);
    assert.equal(a.records.length + b.records.length, 4, 'both report success');
    assert.deepEqual((await entryIds(session.ledger)).sort(), ['WB001-20250301-W', 'WB001-20250302-W', 'WB002-20250301-C', 'WB002-20250302-C']);
    assert.deepEqual((await invariants(session.ledger)).incomplete, []);
  });

  it('a 30,000-row import that fails part-way, imported again, completes the rows with an audit entry for each', async () => {
    const { session } = await hostWithWorkers(100);
    const file = collectorFile(30_000, 100);
    session.client.failAtSync(4); // the read, the look below the table, the first rows: the second rows never arrive
    await assert.rejects(importTable(session.ledger, { table: 'collector_daily', source: file }, context));
    const cut = await invariants(session.ledger);
    assert.ok(cut.ids.length > 0 && cut.ids.length < 30_000, `part of the rows landed (${cut.ids.length})`);
    assert.equal(cut.incomplete.length, 1);
    assert.equal(cut.incomplete[0].params?.written, cut.ids.length);
    assert.equal(cut.incomplete[0].params?.expected, 30_000);
    const again = await importTable(session.ledger, { table: 'collector_daily', source: file }, context);
    assert.equal(again.alreadyPresent, cut.ids.length);
    const done = await invariants(session.ledger);
    assert.equal(done.ids.length, 30_000);
    assert.deepEqual(done.incomplete, [], 'the second import completes the first');
  });

  it('a bulk append over 4 MB failing at its last request leaves every row with its audit entry, and a batch that kefu check reports and a re-import completes', async () => {
    const { session } = await hostWithWorkers(100);
    const file = collectorFile(20_000, 100);
    session.client.resetStats();
    // The first small request after the rows: the last one, with the completion marker.
    let rowsWritten = false;
    session.client.failWhen((info) => {
      if (info.requestBytes > 512 * 1024) rowsWritten = true;
      return rowsWritten && info.requestBytes < 64 * 1024;
    });
    await assert.rejects(importTable(session.ledger, { table: 'collector_daily', source: file }, context));
    session.client.failWhen(null);
    const written = session.client.stats.perSync.filter((s) => s.requestBytes > 512 * 1024);
    assert.ok(written.length >= 2 && written.reduce((sum, s) => sum + s.requestBytes, 0) > 4 * 1024 * 1024, 'over 4 MB, in several requests');
    const cut = await invariants(session.ledger);
    assert.equal(cut.ids.length, 20_000);
    assert.deepEqual(
      cut.incomplete.map((p) => [p.kind, p.params?.file, p.params?.written, p.params?.expected]),
      [['importIncomplete', 'collector.csv', 20_000, 20_000]],
    );
    const again = await importTable(session.ledger, { table: 'collector_daily', source: file }, context);
    assert.equal(again.records.length, 0);
    assert.deepEqual((await invariants(session.ledger)).incomplete, []);
  });

  describe('a fault of either kind at each request of an import written in three requests', () => {
    const ROWS = 400;
    // Small requests: the rows in two, the completion marker in a third.
    const LIMIT = 300_000;
    for (const kind of ['never arrives', 'answer lost'] as const) {
      for (let at = 1; at <= 5; at++) {
        it(`request ${at} of the import ${kind === 'never arrives' ? 'never reaches Excel' : 'is applied and its answer lost'}: no row without its entry; the batch is complete, or reported and completed by importing again`, async () => {
          const { session } = await hostWithWorkers(20, { maxRequestBytes: LIMIT });
          const file = collectorFile(ROWS, 20);
          session.client.resetStats();
          if (kind === 'never arrives') session.client.failAtSync(at);
          else session.client.loseResponseAtSync(at);
          await assert.rejects(importTable(session.ledger, { table: 'collector_daily', source: file }, context));
          const writes = session.client.stats.perSync.filter((s) => s.requestBytes > 1000).length;
          const cut = await invariants(session.ledger);
          if (cut.ids.length > 0 && cut.ids.length < ROWS) assert.equal(cut.incomplete.length, 1, 'half an import is reported');
          for (const problem of cut.incomplete) assert.equal(problem.params?.written, cut.ids.length);
          await importTable(session.ledger, { table: 'collector_daily', source: file }, context);
          const done = await invariants(session.ledger);
          assert.equal(done.ids.length, ROWS);
          assert.deepEqual(done.incomplete, []);
          // The shape this matrix relies on: a read, a look below the tables, two requests of rows, one marker.
          const clean = await hostWithWorkers(20, { maxRequestBytes: LIMIT });
          clean.session.client.resetStats();
          await importTable(clean.session.ledger, { table: 'collector_daily', source: file }, context);
          assert.equal(clean.session.client.stats.syncs, 5);
          assert.ok(writes >= 1);
        });
      }
    }
  });

  it('the month’s performance refuses to count an incomplete import, naming it, and counts it once imported again', async () => {
    const { session } = await hostWithWorkers(20, { maxRequestBytes: 300_000 });
    const file = collectorFile(400, 20); // 2025-01-01 … 2025-01-10
    session.client.failAtSync(5); // the completion marker
    await assert.rejects(importTable(session.ledger, { table: 'collector_daily', source: file }, context));
    const month = () => runOperation(session.ledger, monthlyPerformanceOperation, { month: '2025-01', locale: 'zh-CN' }, context);
    await assert.rejects(
      month(),
      (e: unknown) => e instanceof KefuError && e.problems.length === 1 && e.problems[0].kind === 'importIncompleteRefused' && e.describe('en-US')[0].includes('collector.csv'),
    );
    await importTable(session.ledger, { table: 'collector_daily', source: file }, context);
    const done = await month();
    assert.equal(done.result.inputRecords, 400);
  });

  it('kefu check reports an incomplete import with its table, file, rows written and expected; kefu import of the same file completes it', async () => {
    const { workbook, session } = await hostWithWorkers(20, { maxRequestBytes: 300_000 });
    const file = collectorFile(400, 20);
    session.client.failAtSync(4); // the second request of rows
    await assert.rejects(importTable(session.ledger, { table: 'collector_daily', source: file }, context));
    const written = (await entryIds(session.ledger)).length;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-batches-'));
    const ledgerFile = path.join(dir, 'ledger.xlsx');
    const csv = path.join(dir, 'collector.csv');
    await fs.writeFile(ledgerFile, await hostWorkbookToXlsx(workbook));
    await fs.writeFile(csv, file.rows.map((r) => r.join(',')).join('\n') + '\n');
    const check = await runKefu(['check', ledgerFile, '--locale', 'en-US', '--at', '2026-03-15 10:00']);
    assert.equal(check.code, 1, check.stdout + check.stderr);
    const line = check.stdout.split('\n').find((l) => l.includes('did not complete'));
    assert.ok(line, check.stdout);
    assert.match(line, new RegExp(`collector\\.csv into Collector daily .*: ${written} of 400 rows were written\\. Import the file again`, 'i'));
    const imported = await runKefu(['import', ledgerFile, 'collector_daily', csv, '--clerk', '王丽']);
    assert.equal(imported.code, 0, imported.stderr);
    const after = await runKefu(['check', ledgerFile, '--locale', 'en-US', '--at', '2026-03-15 10:00']);
    assert.ok(!after.stdout.includes('did not complete'), after.stdout);
  });

  for (const backend of BACKENDS) {
    it(`through the ${backend.name}: a start marker, an entry for each row with its key and the file, a completion marker, all of one batch`, async () => {
      const session = await backend.open(await templateBytes('zh-CN'));
      await importTable(session.ledger, { table: 'workers', source: workersFile(2) }, context);
      await importTable(
        session.ledger,
        { table: 'collector_daily', source: { name: 'c.csv', rows: [HEADER, ['2025-03-01', 'WB001', 'wireless', '8', '7', ''], ['2025-03-01', 'WB002', 'carrier', '20', '18', '']] } },
        context,
      );
      const audit = (await auditOf(session.ledger)).filter((r) => r.values.table === 'collector_daily').map((r) => r.values);
      const batch = String(audit[0].record);
      assert.match(batch, /^imp-[0-9a-f]{12}$/);
      assert.deepEqual(
        audit.map((v) => [v.action, v.record, v.field, v.new_value]),
        [
          ['import_begin', batch, '*', '2 rows from c.csv'],
          ['import', 'WB001-20250301-W', batch, 'c.csv'],
          ['import', 'WB002-20250301-C', batch, 'c.csv'],
          ['import_done', batch, '*', '2 rows from c.csv'],
        ],
      );
    });
  }
});
