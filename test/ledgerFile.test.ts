import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixedClock } from '../addin/src/core/clock';
import { complaints } from '../addin/src/forms/complaints';
import { columnsOf } from '../addin/src/forms/columns';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import { relationships, relsPathOf, resolvePath, workbookSheets, parseTablePart } from '../addin/src/ledger/xlsx/xmlParts';
import { ZipFile, bufferSource } from '../addin/src/ledger/xlsx/zip';
import { changedEntries, openpyxlRows, openpyxlSheetNames, rawEntries, withExcelParts, withLibreOfficeParts, withOpenpyxlParts } from './support/corpus';
import { ROOT, complaintInput, runKefu } from './support/fixtures';
import { libreOfficeConvert } from './support/libreoffice';

/**
 * Issue 10: the ledger file is never lost. A corpus of ledgers carrying what Excel, SharePoint,
 * openpyxl and LibreOffice put into workbooks goes through every command that writes; each time,
 * every part outside what the command changes is byte for byte as it was (compressed bytes and
 * CRC), the change is there, and LibreOffice and openpyxl still open the result.
 */

const clock = fixedClock('2026-12-05 10:00:00', 1);

/** Where each table of a package lives: its sheet part and its table part. */
async function tableParts(file: string): Promise<Map<string, { sheet: string; table: string }>> {
  const zip = await ZipFile.open(bufferSource(new Uint8Array(await fs.readFile(file))));
  const rels = relationships(await zip.text('xl/_rels/workbook.xml.rels'));
  const out = new Map<string, { sheet: string; table: string }>();
  for (const entry of workbookSheets((await zip.text('xl/workbook.xml'))!)) {
    const rel = rels.find((r) => r.id === entry.rid);
    if (!rel) continue;
    const sheet = resolvePath('xl/workbook.xml', rel.target);
    for (const t of relationships(await zip.text(relsPathOf(sheet)))) {
      if (!t.type.endsWith('/table')) continue;
      const table = resolvePath(sheet, t.target);
      const part = parseTablePart((await zip.text(table)) ?? '');
      if (part) out.set(part.name, { sheet, table });
    }
  }
  return out;
}

/** The parts a change of these tables may rewrite: their sheets and table parts, and the workbook's small structural parts. */
function allowedChanges(parts: Map<string, { sheet: string; table: string }>, tables: readonly string[]): Set<string> {
  const allowed = new Set(['xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/calcChain.xml']);
  for (const t of tables) {
    const p = parts.get(t);
    if (!p) throw new Error(`no table ${t}`);
    allowed.add(p.sheet);
    allowed.add(p.table);
  }
  return allowed;
}

const kefu = (args: readonly string[], options: { stdin?: string; env?: Record<string, string> } = {}) => runKefu([...args, '--locale', 'en-US'], options);

async function readRecord(file: string, table: string, key: string, value: string, columns: readonly string[]) {
  const ledger = await PackageLedger.fromBuffer(new Uint8Array(await fs.readFile(file)), { station: 't', clock });
  const snapshot = await ledger.read({ tables: { [table]: { columns, rows: { where: key, equals: [value] } } } });
  return snapshot.tables[table][0].values;
}

describe('the ledger file: parts the command line does not change stay as they were (issue 10)', function () {
  this.timeout(900_000);
  let dir: string;
  let base: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-corpus-'));
    base = path.join(dir, 'base.xlsx');
    await fs.copyFile(path.join(ROOT, 'test', 'fixtures', 'v1', 'demo.zh-CN.xlsx'), base);
    const upgraded = await kefu(['upgrade', base]);
    assert.equal(upgraded.code, 0, upgraded.stderr);
    await fs.writeFile(path.join(dir, 'complaint.json'), JSON.stringify(complaintInput({ received_at: '2026-12-01 09:30', content: '走廊灯不亮' })));
    await fs.writeFile(
      path.join(dir, 'reception.json'),
      JSON.stringify({
        received_at: '2026-12-01 10:00',
        channel: 'phone',
        caller: '李明',
        matter: '咨询停车收费',
        category: 'inquiry',
        answered_on_spot: 'yes',
        receptionist: { by: '王丽', at: '2026-12-01 10:05' },
      }),
    );
    await fs.writeFile(path.join(dir, 'dispatch.json'), JSON.stringify({ copy1_signed: { by: '赵强', at: '2026-12-23 08:00' }, copy2_filed: { by: '王丽', at: '2026-12-23 08:05' } }));
    await fs.writeFile(path.join(dir, 'sign.json'), JSON.stringify({ engineering_signed: { by: '孙工', at: '2026-12-30 09:00' } }));
    await fs.writeFile(path.join(dir, 'workers.csv'), 'worker_id,name,team_code,vendor_code,base_cm,base_rot,base_bat,base_total\r\nWB901,周新,T09,V09,1200,900,900,3000\r\n');
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Runs every command that writes, in turn, on `file`, checking each against the state before it. */
  async function runCommands(file: string, foreign: RegExp): Promise<void> {
    const parts = await tableParts(file);
    const steps: { args: string[]; tables: string[]; check?: (stdout: string) => Promise<void> }[] = [
      {
        args: ['complaint', 'add', file, '--json', path.join(dir, 'complaint.json'), '--clerk', '王丽'],
        tables: ['complaints', AUDIT_TABLE, 'kefu_claims_TS', 'kefu_counters'],
        check: async (stdout) => {
          const number = /TS-\d{4}-\d{4}/.exec(stdout)![0];
          assert.equal((await readRecord(file, 'complaints', 'ticket_no', number, ['content'])).content, '走廊灯不亮');
        },
      },
      { args: ['reception', 'add', file, '--json', path.join(dir, 'reception.json')], tables: ['reception', AUDIT_TABLE, 'kefu_claims_JD', 'kefu_counters'] },
      {
        args: ['complaint', 'dispatch', file, 'TS-2026-0118', '--json', path.join(dir, 'dispatch.json')],
        tables: ['complaints', AUDIT_TABLE],
        check: async () => assert.equal((await readRecord(file, 'complaints', 'ticket_no', 'TS-2026-0118', ['status'])).status, 'in_handling'),
      },
      { args: ['repair', 'sign', file, 'WX-2026-00150', '--json', path.join(dir, 'sign.json')], tables: ['repair_orders', 'repair_ledger', AUDIT_TABLE] },
      {
        args: ['import', file, 'workers', path.join(dir, 'workers.csv')],
        tables: ['workers', AUDIT_TABLE],
        check: async () => assert.equal((await readRecord(file, 'workers', 'worker_id', 'WB901', ['name'])).name, '周新'),
      },
      { args: ['bind', file, '--year', '2026', '--out', path.join(dir, `volumes-${path.basename(file)}`)], tables: ['binding_index', 'complaints', AUDIT_TABLE] },
      {
        args: ['perf', file, '--month', '2026-03', '--csv', path.join(dir, `perf-${path.basename(file)}.csv`), '--approve', '--clerk', '李会计'],
        tables: ['perf_exports', 'perf_export_lines', AUDIT_TABLE],
      },
      { args: ['upgrade', file], tables: [] },
      { args: ['check', file], tables: [] },
    ];
    for (const step of steps) {
      const before = await rawEntries(file);
      const run = await kefu(step.args);
      assert.ok(run.code === 0 || (step.args[0] === 'check' && run.code === 1 && !/Error|error:/.test(run.stdout)), `${step.args.slice(0, 2).join(' ')}: ${run.stderr}${run.stdout}`);
      const after = await rawEntries(file);
      const changed = changedEntries(before, after);
      const allowed = allowedChanges(parts, step.tables);
      const unexpected = changed.filter((name) => !allowed.has(name));
      assert.deepEqual(unexpected, [], `${step.args.slice(0, 2).join(' ')} changed parts it had no business with`);
      if (step.tables.length > 0) assert.ok(changed.includes(parts.get(step.tables[0])!.sheet), `${step.args.slice(0, 2).join(' ')} wrote its change`);
      else assert.deepEqual(changed, [], `${step.args[0]} changes nothing`);
      for (const name of before.keys()) if (foreign.test(name)) assert.ok(after.get(name)?.equals(before.get(name)!), `${name} is byte for byte as it was`);
      await step.check?.(run.stdout);
    }
  }

  /** LibreOffice converts the result (its first sheet, the complaints) and openpyxl reads every sheet. */
  async function othersOpen(file: string, sheets: readonly string[]): Promise<void> {
    const [csv] = await libreOfficeConvert([file], 'csv', path.join(dir, `lo-${path.basename(file)}`), { recalc: false });
    assert.match(await fs.readFile(csv, 'utf8'), /走廊灯不亮/);
    const names = await openpyxlSheetNames(file);
    for (const sheet of sheets) assert.ok(names.includes(sheet), `openpyxl reads ${sheet}`);
    const rows = await openpyxlRows(file, complaints.sheet['zh-CN'], 2);
    assert.equal(rows[0][0], columnsOf(complaints)[0].label['zh-CN']);
  }

  it('a ledger with parts Excel and SharePoint add: a picture, add-in settings, custom XML, a sensitivity label, dynamic arrays, a calculated column', async () => {
    const file = path.join(dir, 'excel.xlsx');
    const parts = await tableParts(base);
    await fs.writeFile(
      file,
      await withExcelParts(new Uint8Array(await fs.readFile(base)), { complaintsSheetPart: parts.get('complaints')!.sheet, firstHeader: columnsOf(complaints)[0].label['zh-CN'] }),
    );
    await runCommands(file, /^(xl\/(drawings|media|webextensions|worksheets\/sheetUser|metadata)|customXml\/|docProps\/custom|_rels\/\.rels)/);
    // The calculated column's formula goes into the new row, as Excel would put it there.
    const sheetXml = (await (await ZipFile.open(bufferSource(new Uint8Array(await fs.readFile(file))))).text(parts.get('complaints')!.sheet))!;
    const lastRow = [...sheetXml.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)].pop()!;
    assert.match(lastRow[2], /<f>LEN\(complaints\[\[#This Row\],\[投诉编号\]\]\)<\/f>/, 'the calculated column is filled in the new row');
    assert.match(sheetXml, /<drawing r:id="rIdKefuPicture"\/>/);
    await othersOpen(file, ['我的计算', complaints.sheet['zh-CN']]);
  });

  it('a ledger saved by openpyxl with its chart on a statistics sheet, a comment, workbook and sheet protection, defined names and a named constant', async () => {
    const file = path.join(dir, 'openpyxl.xlsx');
    await withOpenpyxlParts(base, file, '投诉统计 2026');
    await runCommands(file, /^xl\/(charts|drawings|comments|worksheets\/_rels)|vmlDrawing/);
    const workbook = (await (await ZipFile.open(bufferSource(new Uint8Array(await fs.readFile(file))))).text('xl/workbook.xml'))!;
    assert.match(workbook, /<workbookProtection [^>]*workbookPassword=/);
    assert.match(workbook, /<definedName name="VAT_RATE">0\.13<\/definedName>/);
    assert.match(workbook, /<definedName name="投诉区域">/);
    await othersOpen(file, ['投诉统计 2026']);
  });

  it('a ledger saved by LibreOffice with its chart on a statistics sheet and a pivot table', async () => {
    const file = path.join(dir, 'libreoffice.xlsx');
    await withLibreOfficeParts(base, file, '投诉统计 2026', '投诉透视');
    await runCommands(file, /^xl\/(charts|drawings|pivotTables|pivotCache)/);
    await othersOpen(file, ['投诉统计 2026', '投诉透视']);
  });
});

/** A collection system's export of `rows` daily records of `workers` workers (every record its own day and worker), with the workers' file. */
async function writeCollectorExport(dir: string, rows: number, workers: number): Promise<void> {
  const id = (i: number) => `WB${String(i + 1).padStart(5, '0')}`;
  const people = ['worker_id,name,team_code,vendor_code,base_cm,base_rot,base_bat,base_total'];
  for (let w = 0; w < workers; w++) people.push(`${id(w)},人员${w},T${w % 40},V0${1 + (w % 3)},1200,900,900,3000`);
  await fs.writeFile(path.join(dir, 'workers.csv'), people.join('\r\n'));
  const lines = ['date,worker_id,collector_type,maintained,succeeded,reason_code'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / workers) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${day},${id(i % workers)},wireless,8,${i % 9},`);
  }
  await fs.writeFile(path.join(dir, 'collector.csv'), lines.join('\r\n'));
}

describe('the ledger file: one writer at a time (issue 10)', function () {
  this.timeout(900_000);
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-lock-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('5 concurrent kefu complaint add × 20 rounds: every number reported is in the file exactly once', async () => {
    const file = path.join(dir, 'busy.xlsx');
    assert.equal((await kefu(['template', '--out', file, '--locale', 'zh-CN'])).code, 0);
    const reported: string[] = [];
    for (let round = 0; round < 20; round++) {
      const runs = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          kefu(['complaint', 'add', file, '--json', '-', '--clerk', `clerk${i}`], { stdin: JSON.stringify(complaintInput({ content: `round ${round} process ${i}` })) }),
        ),
      );
      for (const run of runs) {
        assert.equal(run.code, 0, run.stderr);
        reported.push(...(run.stdout.match(/TS-\d{4}-\d{4}/g) ?? []));
      }
    }
    assert.equal(reported.length, 100);
    assert.equal(new Set(reported).size, 100, 'no number was given twice');
    const ledger = await PackageLedger.fromBuffer(new Uint8Array(await fs.readFile(file)), { station: 't', clock });
    const rows = (await ledger.read({ tables: { complaints: { columns: ['ticket_no', 'content'], rows: 'all' } } })).tables.complaints;
    assert.deepEqual(rows.map((r) => r.values.ticket_no).sort(), [...reported].sort(), 'every reported number is in the file once');
    assert.equal(new Set(rows.map((r) => r.values.content)).size, 100, 'every complaint is there');
  });

  it('a complaint added while a 100,000-row import runs is in the file when both are done', async () => {
    const file = path.join(dir, 'import.xlsx');
    assert.equal((await kefu(['template', '--out', file, '--locale', 'zh-CN'])).code, 0);
    await writeCollectorExport(dir, 100_000, 400);
    assert.equal((await kefu(['import', file, 'workers', path.join(dir, 'workers.csv')])).code, 0);
    const importing = kefu(['import', file, 'collector_daily', path.join(dir, 'collector.csv')]);
    // Once the import holds the ledger, a clerk adds a complaint: it waits, saying so, then writes.
    const lock = path.join(dir, '.import.xlsx.kefu-lock');
    for (
      let i = 0;
      i < 600 &&
      !(await fs.stat(lock).then(
        () => true,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 20));
    const adding = kefu(['complaint', 'add', file, '--json', '-', '--wait', '120'], { stdin: JSON.stringify(complaintInput({ content: '导入期间的投诉' })) });
    const [imported, added] = await Promise.all([importing, adding]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /imported 100000 rows/);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, /in use by another command: kefu import/, 'it said it was waiting, and for whom');
    const number = /TS-\d{4}-\d{4}/.exec(added.stdout)![0];
    assert.equal((await readRecord(file, 'complaints', 'ticket_no', number, ['content'])).content, '导入期间的投诉');
    const ledger = await PackageLedger.fromBuffer(new Uint8Array(await fs.readFile(file)), { station: 't', clock });
    const collector = (await ledger.read({ tables: { collector_daily: { columns: ['worker_id'], rows: 'all' } } })).tables.collector_daily;
    assert.equal(collector.length, 100_000, 'the import is all there too');
  });

  it('waits a bounded time for a holder, then exits 1 naming it; a holder that is gone is replaced at once', async () => {
    const file = path.join(dir, 'held.xlsx');
    assert.equal((await kefu(['template', '--out', file])).code, 0);
    const lock = path.join(dir, '.held.xlsx.kefu-lock');
    // A live holder: this test's own process.
    await fs.writeFile(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), user: 'tester', command: 'kefu import', since: new Date().toISOString(), token: 'abc' }));
    const before = await fs.readFile(file);
    const waited = await kefu(['complaint', 'add', file, '--json', '-', '--wait', '1'], { stdin: JSON.stringify(complaintInput()) });
    assert.equal(waited.code, 1);
    assert.match(waited.stderr, /stayed in use by another command: kefu import \(pid \d+, tester/);
    assert.deepEqual(await fs.readFile(file), before);
    // A holder killed with kill -9: its process is gone.
    await fs.writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), user: 'tester', command: 'kefu import', since: new Date().toISOString(), token: 'dead' }));
    const taken = await kefu(['complaint', 'add', file, '--json', '-', '--wait', '1'], { stdin: JSON.stringify(complaintInput()) });
    assert.equal(taken.code, 0, taken.stderr);
    await assert.rejects(fs.stat(lock), 'the lock is released');
  });

  it('kill -9 in the middle of a write leaves the ledger as it was; the next run cleans up after it', async () => {
    const file = path.join(dir, 'killed.xlsx');
    assert.equal((await kefu(['template', '--out', file, '--locale', 'zh-CN'])).code, 0);
    await writeCollectorExport(dir, 30_000, 100);
    assert.equal((await kefu(['import', file, 'workers', path.join(dir, 'workers.csv')])).code, 0);
    const before = await fs.readFile(file);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kefu.js'), 'import', file, 'collector_daily', path.join(dir, 'collector.csv')], { stdio: 'ignore' });
    // Kill it once its temporary file exists: it is writing the new ledger.
    for (let i = 0; i < 3000; i++) {
      const names = await fs.readdir(dir);
      if (names.some((n) => n.startsWith('.killed.xlsx.') && n.endsWith('.kefu-tmp'))) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    assert.deepEqual(await fs.readFile(file), before, 'the ledger is the old one, whole');
    const next = await kefu(['complaint', 'add', file, '--json', '-'], { stdin: JSON.stringify(complaintInput()) });
    assert.equal(next.code, 0, next.stderr);
    const left = (await fs.readdir(dir)).filter((n) => n.startsWith('.killed.xlsx'));
    assert.deepEqual(left, [], 'no lock and no temporary file is left');
  });
});
