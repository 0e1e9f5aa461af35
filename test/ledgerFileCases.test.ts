import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, complaintInput, runKefu, type RunResult } from './support/fixtures';

/**
 * Issue 10, "Why": each way the command line used to lose a ledger or a finance file, tried as a
 * user would, now refused with one clear line (or done safely), the files as they were.
 */

const kefu = (args: readonly string[], options: { stdin?: string; env?: Record<string, string> } = {}) => runKefu([...args, '--locale', 'en-US'], options);

function ok(run: RunResult, what: string): void {
  assert.equal(run.code, 0, `${what}: ${run.stderr}`);
}

/** One line of message, no stack trace. */
function oneLine(run: RunResult): void {
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /\n\s+at |Error:/);
}

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

const WORKERS = 'worker_id,name,team_code,vendor_code,base_cm,base_rot,base_bat,base_total\r\nWB001,张伟,T01,V01,1200,900,900,3000\r\nWB002,李娜,T02,../x,1200,900,900,3000\r\n';
const COLLECTOR = 'date,worker_id,collector_type,maintained,succeeded,reason_code\r\n2025-03-03,WB001,wireless,8,7,\r\n2025-03-04,WB001,wireless,8,6,\r\n2025-03-03,WB002,carrier,20,13,\r\n';

describe('the ledger file: what used to lose data (issue 10)', function () {
  this.timeout(300_000);
  let dir: string;
  let ledger: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-cases-'));
    ledger = path.join(dir, 'L.xlsx');
    ok(await kefu(['template', '--out', ledger, '--locale', 'zh-CN']), 'template');
    await fs.writeFile(path.join(dir, 'workers.csv'), WORKERS);
    await fs.writeFile(path.join(dir, 'collector.csv'), COLLECTOR);
    ok(await kefu(['import', ledger, 'workers', path.join(dir, 'workers.csv')]), 'workers');
    ok(await kefu(['import', ledger, 'collector_daily', path.join(dir, 'collector.csv')]), 'collector');
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function copyOf(name: string): Promise<string> {
    const file = path.join(dir, name);
    await fs.copyFile(ledger, file);
    return file;
  }

  it('refuses every output that would land on the ledger, its backup or another ledger, unless --force', async () => {
    const file = await copyOf('out.xlsx');
    const other = await copyOf('other.xlsx');
    ok(await kefu(['complaint', 'add', file, '--json', '-'], { stdin: JSON.stringify(complaintInput()) }), 'a first write, for a .bak');
    const before = await fs.readFile(file);
    const backup = await fs.readFile(`${file}.bak`);
    const cases: [string[], RegExp][] = [
      [['perf', file, '--month', '2025-03', '--csv', file], /--csv "[^"]+" is the ledger being read/],
      [['perf', file, '--month', '2025-03', '--csv', path.join(dir, 'p.csv'), '--xlsx', file], /--xlsx "[^"]+" is the ledger being read/],
      [['perf', file, '--month', '2025-03', '--csv', path.join(dir, 'p.csv'), '--xlsx', other], /--xlsx "[^"]+" is an existing ledger/],
      [['perf', file, '--month', '2025-03', '--csv', `${file}.bak`], /is the ledger's backup/],
      [['bind', file, '--year', '2026', '--out', file], /--out "[^"]+" is the ledger being read/],
      [['stats', file, '--year', '2026', '--out', other], /--out "[^"]+" is an existing ledger/],
      [['template', '--out', file], /--out "[^"]+" already exists/],
      [['template', '--out', file], /--out "[^"]+" already exists/],
      [['demo', '--year', '2026', '--out', other], /--out "[^"]+" already exists/],
    ];
    for (const [args, message] of cases) {
      const run = await kefu(args);
      assert.equal(run.code, 1, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      oneLine(run);
    }
    assert.deepEqual(await fs.readFile(file), before, 'the ledger is as it was');
    assert.deepEqual(await fs.readFile(`${file}.bak`), backup, 'and so is its backup');
    // A path through a symbolic link to the ledger is the ledger.
    await fs.symlink(file, path.join(dir, 'alias.csv'));
    const aliased = await kefu(['perf', file, '--month', '2025-03', '--csv', path.join(dir, 'alias.csv')]);
    assert.equal(aliased.code, 1);
    assert.match(aliased.stderr, /is the ledger being read/);
    // --force is a deliberate choice.
    ok(await kefu(['template', '--out', other, '--force']), 'template --force');
  });

  it('keeps names made from data inside the output folder', async () => {
    const file = await copyOf('vendors.xlsx');
    const out = path.join(dir, 'perf-out');
    await fs.mkdir(out);
    ok(await kefu(['perf', file, '--month', '2025-03', '--csv', `${out}/`]), 'perf per vendor');
    const names = await fs.readdir(out);
    assert.ok(
      names.some((n) => n.startsWith('perf_adj_.._x_')),
      `the vendor code '../x' made safe: ${names.join(', ')}`,
    );
    assert.ok(
      names.every((n) => !n.includes('/')),
      names.join(', '),
    );
    assert.deepEqual(
      (await fs.readdir(dir)).filter((n) => n === 'x' || /^x_/.test(n)),
      [],
      'nothing outside the folder',
    );
    assert.ok(!(await exists(path.join(dir, '..', 'x_202503_v1.csv'))));
  });

  it('writes the file a symbolic link points to, and keeps mode, owner and group', async () => {
    const real = await copyOf('real.xlsx');
    const link = path.join(dir, 'link.xlsx');
    await fs.symlink(real, link);
    ok(await kefu(['complaint', 'add', link, '--json', '-'], { stdin: JSON.stringify(complaintInput()) }), 'through the link');
    assert.ok((await fs.lstat(link)).isSymbolicLink(), 'the link is still a link');
    assert.ok(await exists(`${real}.bak`), 'the backup is beside the file itself');
    const shared = await copyOf('shared.xlsx');
    await fs.chmod(shared, 0o660);
    await fs.chown(shared, 0, 12345);
    ok(await kefu(['complaint', 'add', shared, '--json', '-'], { stdin: JSON.stringify(complaintInput()) }), 'shared');
    const stat = await fs.stat(shared);
    assert.equal(stat.mode & 0o777, 0o660);
    assert.equal(stat.gid, 12345, 'the group stays');
    const own = await copyOf('own.xlsx');
    await fs.chmod(own, 0o600);
    ok(await kefu(['complaint', 'add', own, '--json', '-'], { stdin: JSON.stringify(complaintInput()) }), 'own');
    assert.equal((await fs.stat(own)).mode & 0o777, 0o600);
  });

  it('refuses a read-only ledger and one open in Excel, and keeps the previous version as .bak', async () => {
    const readOnly = await copyOf('ro.xlsx');
    await fs.chmod(readOnly, 0o444);
    const before = await fs.readFile(readOnly);
    const run = await kefu(['complaint', 'add', readOnly, '--json', '-'], { stdin: JSON.stringify(complaintInput()) });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /is read-only/);
    oneLine(run);
    assert.deepEqual(await fs.readFile(readOnly), before);
    const open = await copyOf('open.xlsx');
    const owner = Buffer.alloc(162);
    owner[0] = 4;
    owner.write('wang', 1, 'latin1');
    owner.writeUInt16LE(2, 54);
    owner.write('王丽', 56, 'utf16le');
    await fs.writeFile(path.join(dir, '~$open.xlsx'), owner);
    const excel = await kefu(['complaint', 'add', open, '--json', '-'], { stdin: JSON.stringify(complaintInput()) });
    assert.equal(excel.code, 1);
    assert.match(excel.stderr, /is open in Excel \(王丽\)/);
    const plain = await copyOf('plain.xlsx');
    const previous = await fs.readFile(plain);
    ok(await kefu(['complaint', 'add', plain, '--json', '-'], { stdin: JSON.stringify(complaintInput()) }), 'a write');
    assert.deepEqual(await fs.readFile(`${plain}.bak`), previous, 'the .bak is the version before');
  });

  it('re-reads a ledger another program saved while it worked, or refuses when it keeps changing', async () => {
    const file = await copyOf('changing.xlsx');
    const once = await kefu(['complaint', 'add', file, '--json', '-'], { stdin: JSON.stringify(complaintInput({ content: '只一次' })), env: { KEFU_FAULT: 'changed-before-replace-once' } });
    ok(once, 'saved meanwhile once: done again on the new file');
    assert.match(once.stdout, /TS-2026-0001/);
    const before = await fs.readFile(file);
    const always = await kefu(['complaint', 'add', file, '--json', '-'], { stdin: JSON.stringify(complaintInput()), env: { KEFU_FAULT: 'changed-before-replace' } });
    assert.equal(always.code, 1);
    assert.match(always.stderr, /was changed by another program while the command ran/);
    assert.deepEqual(await fs.readFile(file), before, 'nothing was written');
  });

  it('approves an export and records it in one step: a full disk leaves neither an approved file nor a half one', async () => {
    const file = await copyOf('approve.xlsx');
    const csv = path.join(dir, 'approved.csv');
    const before = await fs.readFile(file);
    // The ledger cannot be written (the disk fills up while the new ledger is written): no approved CSV.
    const full = await kefu(['perf', file, '--month', '2025-03', '--csv', csv, '--approve'], { env: { KEFU_FAULT: 'enospc-after:20000' } });
    assert.equal(full.code, 1);
    assert.match(full.stderr, /disk is full/);
    oneLine(full);
    assert.deepEqual(await fs.readFile(file), before, 'the approval is not recorded');
    assert.ok(!(await exists(csv)), 'no approved CSV the ledger does not know');
    assert.ok(!(await exists(csv.replace(/\.csv$/, '.manifest.csv'))));
    assert.deepEqual(
      (await fs.readdir(dir)).filter((n) => n.endsWith('.kefu-tmp')),
      [],
      'no temporary file is left',
    );
    // With room, both happen; a second approval adds nothing and leaves the approved file alone.
    ok(await kefu(['perf', file, '--month', '2025-03', '--csv', csv, '--approve']), 'approve');
    const approved = await fs.readFile(csv);
    const again = await kefu(['perf', file, '--month', '2025-03', '--csv', csv, '--approve']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /approved/);
    assert.deepEqual(await fs.readFile(csv), approved);
  });

  it('never leaves a CSV cut short on a full disk', async () => {
    const file = await copyOf('csv.xlsx');
    const out = path.join(dir, 'small');
    await fs.mkdir(out);
    const mounted = await new Promise<boolean>((resolve) => execFile('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', out], (error) => resolve(!error)));
    try {
      // A real full disk where a small file system can be mounted (root), else the same error injected.
      if (mounted) await fs.writeFile(path.join(out, 'filler'), Buffer.alloc(14 * 1024));
      const csv = path.join(out, 'perf.csv');
      const run = await kefu(['perf', file, '--month', '2025-03', '--csv', csv], mounted ? {} : { env: { KEFU_FAULT: 'enospc-after:100' } });
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /disk is full/);
      assert.deepEqual(
        (await fs.readdir(out)).filter((n) => n !== 'filler'),
        [],
        'no CSV, whole or cut, and no temporary file',
      );
    } finally {
      if (mounted) await new Promise((resolve) => execFile('umount', [out], resolve));
    }
  });

  it('refuses a month without data unless --allow-empty', async () => {
    const file = await copyOf('empty.xlsx');
    const csv = path.join(dir, 'empty.csv');
    const run = await kefu(['perf', file, '--month', '2025-07', '--csv', csv]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /2025-07 has no performance data/);
    assert.ok(!(await exists(csv)));
    ok(await kefu(['perf', file, '--month', '2025-07', '--csv', csv, '--allow-empty']), '--allow-empty');
    assert.ok(await exists(csv));
  });

  it('treats an unknown or misspelt option as a usage error and writes nothing', async () => {
    const file = await copyOf('flags.xlsx');
    const before = await fs.readFile(file);
    const dry = await kefu(['complaint', 'add', file, '--json', '-', '--dry-run'], { stdin: JSON.stringify(complaintInput()) });
    assert.equal(dry.code, 2);
    assert.match(dry.stderr, /this command has no option --dry-run/);
    assert.match(dry.stderr, /kefu complaint add <ledger\.xlsx>/, 'the usage of this command');
    assert.ok(dry.stderr.split('\n').length < 8, 'not the whole help');
    const typo = await kefu(['complaint', 'add', file, '--jsno', '-'], { stdin: JSON.stringify(complaintInput()) });
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /Did you mean --json\?/);
    assert.deepEqual(await fs.readFile(file), before);
  });

  it('says in one line what is wrong with a file it cannot use, never a stack trace', async () => {
    const notXlsx = path.join(dir, 'notes.xlsx');
    await fs.writeFile(notXlsx, '这不是工作簿');
    const encrypted = path.join(dir, 'secret.xlsx');
    await fs.writeFile(encrypted, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]));
    const truncated = path.join(dir, 'cut.xlsx');
    await fs.writeFile(truncated, (await fs.readFile(ledger)).subarray(0, 40_000));
    const folder = path.join(dir, 'folder.xlsx');
    await fs.mkdir(folder);
    const cases: [string, RegExp][] = [
      [notXlsx, /is not an Excel workbook/],
      [encrypted, /protected by a password to open/],
      [truncated, /damaged or incomplete/],
      [folder, /is a folder, not a workbook/],
      [path.join(dir, 'missing.xlsx'), /not found/],
    ];
    for (const [file, message] of cases) {
      for (const args of [
        ['complaint', 'add', file, '--json', '-'],
        ['check', file],
      ]) {
        const run = await kefu(args, { stdin: JSON.stringify(complaintInput()) });
        assert.equal(run.code, 1, `${args[0]} ${file}: ${run.stderr}`);
        assert.match(run.stderr, message);
        oneLine(run);
      }
    }
    // Another user, without permission to read the ledger.
    const secret = await copyOf('private.xlsx');
    await fs.chmod(secret, 0o600);
    await fs.chmod(dir, 0o755);
    const denied = await new Promise<RunResult>((resolve) =>
      execFile(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, path.join(ROOT, 'bin', 'kefu.js'), 'check', secret, '--locale', 'en-US'],
        { cwd: ROOT },
        (error, stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
      ),
    );
    assert.equal(denied.code, 1, denied.stderr);
    assert.match(denied.stderr, /no permission to read or write/);
    oneLine(denied);
  });
});
