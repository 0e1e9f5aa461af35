import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants, createReadStream, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KefuError, type Problem } from '../../core/problems';
import { FileSink, ZipError, ZipFile, bufferSource, fileSource } from './zip';

/**
 * The edge between the ledger file and the file system (DESIGN principle 7: nothing is lost).
 *
 * A command that writes a ledger:
 * - follows a symbolic link and works on the file it points to;
 * - refuses a ledger that is read-only, open in Excel (its owner file `~$<name>` is beside it) or
 *   held by another kefu (the lock below), naming who holds it;
 * - reads the file, hashing it as read;
 * - writes the new workbook into a temporary file beside it, flushed to disk, with the ledger's
 *   mode, owner and group;
 * - checks the ledger did not change meanwhile (size, modification time, hash), keeps the previous
 *   version as `<file>.bak` (a hard link, or a copy, renamed into place: never half a backup) and
 *   renames the new file over the ledger. A crash, `kill -9` or a full disk at any point leaves the
 *   old ledger or the new one, never neither; temporary files are removed (a later run removes
 *   those of a process that was killed).
 *
 * Files for finance (CSV, manifest, workbooks) are written to a temporary name and renamed when
 * complete (`writeOutputFile`), and no output may land on a ledger (`checkOutputPath`).
 */

// ————————————————————————————————————————————————————————————————— errors as one line each

/** Turns a file system or zip error about `file` into a problem the user can act on, or undefined for others. */
export function fileProblem(error: unknown, file: string): Problem | undefined {
  const name = path.basename(file);
  if (error instanceof ZipError) {
    const kind = ({ notZip: 'notXlsx', truncated: 'damagedXlsx', zip64: 'zip64Xlsx', encrypted: 'encryptedXlsx', compression: 'damagedXlsx' } as const)[error.problem];
    return { kind, params: { path: name } };
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { kind: 'fileNotFound', params: { path: file } };
  if (code === 'EISDIR') return { kind: 'isDirectory', params: { path: file } };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'noPermission', params: { path: file } };
  if (code === 'ENOSPC' || code === 'EDQUOT') return { kind: 'diskFull', params: { path: file } };
  if (code === 'EROFS') return { kind: 'ledgerReadOnly', params: { path: name } };
  if (code === 'ELOOP') return { kind: 'fileNotFound', params: { path: file } };
  return undefined;
}

/** Runs `work`, turning file system and zip errors about `file` into KefuErrors. */
export async function aboutFile<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KefuError) throw error;
    const problem = fileProblem(error, file);
    if (problem) throw new KefuError([problem]);
    throw error;
  }
}

// ————————————————————————————————————————————————————————————————— the lock

/** Who holds a ledger's lock, as its lock file says. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly user: string;
  readonly command: string;
  /** ISO time the lock was taken. */
  readonly since: string;
  readonly token: string;
}

export function lockPathOf(ledger: string): string {
  return path.join(path.dirname(ledger), `.${path.basename(ledger)}.kefu-lock`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(lock: string): Promise<LockHolder | undefined> {
  try {
    const holder = JSON.parse(await fs.readFile(lock, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' && typeof holder.token === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return '?';
  const since = holder.since.replace('T', ' ').slice(0, 19);
  return `${holder.command} (pid ${holder.pid}${holder.host !== os.hostname() ? ` @${holder.host}` : ''}, ${holder.user}, ${since})`;
}

export interface LockOptions {
  /** How long to wait for another kefu to finish, in milliseconds. */
  readonly waitMs: number;
  /** Told once when the lock is taken by someone else and we start waiting. */
  readonly onWait?: (holder: LockHolder | undefined) => void;
  readonly command: string;
}

export interface HeldLock {
  /** Throws when the lock is no longer ours (it was broken as stale). */
  verify(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes the lock of a ledger: a file beside it created exclusively (O_EXCL), naming its holder.
 *
 * Why not proper-lockfile: it judges a lock stale by its age and keeps it fresh with a timer, so a
 * kefu computing for longer than that (an import of 100,000 rows runs synchronously for seconds)
 * would lose its lock, and one killed with `kill -9` would block every other for the whole
 * period. A lock file naming its process lets a waiter on the same machine see at once that the
 * holder is gone; a holder on another machine (a shared folder) is trusted for an hour.
 */
export async function lockLedger(ledger: string, options: LockOptions): Promise<HeldLock> {
  const lock = lockPathOf(ledger);
  const me: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    user: os.userInfo().username,
    command: options.command,
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    try {
      const handle = await fs.open(lock, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o644);
      try {
        await handle.writeFile(JSON.stringify(me));
        await handle.sync();
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(lock);
    if (await breakIfStale(lock, holder)) continue;
    if (Date.now() >= deadline) throw new KefuError([{ kind: 'ledgerLocked', params: { path: path.basename(ledger), holder: describeHolder(holder) } }]);
    if (!told) {
      options.onWait?.(holder);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
  }
  return {
    async verify() {
      const holder = await readHolder(lock);
      if (holder?.token !== me.token) throw new KefuError([{ kind: 'ledgerLockLost', params: { path: path.basename(ledger) } }]);
    },
    async release() {
      const holder = await readHolder(lock);
      if (holder?.token === me.token) await fs.rm(lock, { force: true });
    },
  };
}

const FOREIGN_LOCK_STALE_MS = 60 * 60 * 1000;

/**
 * Removes a lock whose holder is gone: a process of this machine that no longer runs, or a lock
 * file nobody could read for a second (a holder killed while writing it), or a holder on another
 * machine older than an hour. The lock is first renamed aside and read again, so a lock taken by
 * someone else in the meantime is put back rather than removed.
 */
async function breakIfStale(lock: string, holder: LockHolder | undefined): Promise<boolean> {
  let stale: boolean;
  if (holder) {
    stale = holder.host === os.hostname() ? !processAlive(holder.pid) : Date.now() - Date.parse(holder.since) > FOREIGN_LOCK_STALE_MS;
  } else {
    const age = await fs.stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    stale = age > 1000;
  }
  if (!stale) return false;
  const aside = `${lock}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await fs.rename(lock, aside);
  } catch {
    return true; // someone else dealt with it: try again
  }
  const moved = await readHolder(aside);
  if (holder && moved?.token !== holder.token) {
    // A live holder's lock: put it back (unless yet another one was taken meanwhile).
    await fs.link(aside, lock).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
  return true;
}

// ————————————————————————————————————————————————————————————————— Excel's owner file

/**
 * Excel marks a workbook it has open with an owner file beside it: `~$` and the file's name (from
 * its third character for long names), holding the user's name. Returns that name ('' when it
 * cannot be read), or undefined when there is no owner file.
 */
export async function excelOwner(file: string): Promise<string | undefined> {
  const dir = path.dirname(file);
  const name = path.basename(file);
  for (const candidate of new Set([`~$${name}`, `~$${name.slice(2)}`])) {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path.join(dir, candidate));
    } catch {
      continue;
    }
    // A byte of length and the name in the ANSI code page (padded to 54 bytes), then a 16-bit length and the name in UTF-16.
    if (bytes.length >= 56) {
      const length = bytes.readUInt16LE(54);
      if (length > 0 && 56 + length * 2 <= bytes.length) return bytes.toString('utf16le', 56, 56 + length * 2);
    }
    const ansi = bytes.length > 0 ? bytes.toString('latin1', 1, 1 + Math.min(bytes[0], 53)) : '';
    return /^[\x20-\x7e]*$/.test(ansi) ? ansi : '';
  }
  return undefined;
}

// ————————————————————————————————————————————————————————————————— reading and replacing a ledger

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface FileState {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly hash: string;
}

async function stateOf(file: string): Promise<FileState> {
  const stat = await fs.stat(file);
  return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, hash: await hashFile(file) };
}

function sameState(a: FileState, b: FileState): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.hash === b.hash;
}

const TEMP_MARK = '.kefu-tmp';

function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_MARK}`);
}

/** Removes temporary files left beside `file` by a kefu that was killed (its process no longer runs). */
async function removeLeftovers(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_MARK)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) await fs.rm(path.join(dir, name), { force: true });
  }
}

/**
 * Fault injection for tests (test/ledgerFile.test.ts), never set otherwise:
 * - KEFU_FAULT=enospc-after:<bytes>: writing a new file fails with ENOSPC past that many bytes, as
 *   a full disk would, where a small file system cannot be mounted;
 * - KEFU_FAULT=changed-before-replace[-once]: the ledger's modification time moves just before it
 *   is replaced (on every attempt, or the first only), as when another program saves it meanwhile.
 */
function faultLimit(): number | undefined {
  const m = /^enospc-after:(\d+)$/.exec(process.env.KEFU_FAULT ?? '');
  return m ? Number(m[1]) : undefined;
}

async function injectChange(file: string, attempt: number): Promise<void> {
  const fault = process.env.KEFU_FAULT;
  if (fault === 'changed-before-replace' || (fault === 'changed-before-replace-once' && attempt === 1)) {
    const later = new Date(Date.now() + attempt * 2000);
    await fs.utimes(file, later, later);
  }
}

/** Writes a new file through `write` (given an open handle), flushed; on failure the file is removed. */
async function writeNewFile(target: string, mode: number, write: (handle: fs.FileHandle) => Promise<void>): Promise<void> {
  const handle = await fs.open(target, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, mode);
  try {
    const limit = faultLimit();
    if (limit !== undefined) {
      const original = handle.write.bind(handle) as (...args: unknown[]) => Promise<{ bytesWritten: number }>;
      let written = 0;
      (handle as unknown as { write: (...args: unknown[]) => Promise<{ bytesWritten: number }> }).write = async (...args: unknown[]) => {
        const buffer = args[0] as Buffer;
        const length = typeof args[2] === 'number' ? args[2] : buffer.length;
        if (written + length > limit) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        written += length;
        return original(...args);
      };
    }
    await write(handle);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(target, { force: true });
    throw error;
  }
  await handle.close();
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** Keeps `file` as `<file>.bak`: a hard link (instant, no space) or else a copy, made under a temporary name and renamed. */
async function keepBackup(file: string): Promise<void> {
  const backup = `${file}.bak`;
  const temp = tempPathFor(backup);
  try {
    await fs.link(file, temp);
  } catch {
    await writeNewFile(temp, 0o600, async (handle) => {
      for await (const chunk of createReadStream(file)) await handle.write(chunk as Buffer);
    });
  }
  try {
    await fs.rename(temp, backup);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

export interface LedgerFileOptions {
  /** The command, for the lock (who holds the ledger). */
  readonly command: string;
  readonly waitMs?: number;
  readonly onWait?: (holder: LockHolder | undefined) => void;
}

/** A ledger file opened to be changed: its real path, its bytes as a source, and how to replace it. */
export interface LedgerFile {
  /** The path the user gave. */
  readonly given: string;
  /** The file itself (symbolic links followed). */
  readonly real: string;
  open(): Promise<ZipFile>;
}

/**
 * Opens the ledger at `given` to change it, runs `work` on it and, when `work` returns bytes to
 * write (a writer into a sink), replaces the ledger as described at the top of this file. If the
 * ledger changed while we worked (another program saved it), `work` runs again on the new file,
 * up to twice, then the command is refused.
 */
export async function changeLedgerFile<T>(given: string, options: LedgerFileOptions, work: (source: ZipFile) => Promise<{ result: T; write?: (sink: FileSink) => Promise<unknown> }>): Promise<T> {
  const real = await aboutFile(given, async () => {
    const resolved = await fs.realpath(given);
    const stat = await fs.stat(resolved);
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    return resolved;
  });
  const name = path.basename(given);
  const stat = await fs.stat(real);
  // Read-only: the owner may not write it (root may, but a read-only ledger is not to be written by anyone).
  if (
    (stat.mode & 0o222) === 0 ||
    !(await fs.access(real, fsConstants.W_OK).then(
      () => true,
      () => false,
    ))
  ) {
    throw new KefuError([{ kind: 'ledgerReadOnly', params: { path: name } }]);
  }
  if (
    !(await fs.access(path.dirname(real), fsConstants.W_OK).then(
      () => true,
      () => false,
    ))
  ) {
    throw new KefuError([{ kind: 'noPermission', params: { path: path.dirname(real) } }]);
  }
  const owner = await excelOwner(real);
  if (owner !== undefined) throw new KefuError([{ kind: 'openInExcel', params: { path: name, user: owner || '?' } }]);
  const lock = await aboutFile(real, () => lockLedger(real, { waitMs: options.waitMs ?? 30_000, onWait: options.onWait, command: options.command }));
  const release = () => lock.release();
  const onSignal = (signal: NodeJS.Signals) => {
    // Ctrl+C while writing: the temporary file and the lock go; the ledger is as it was.
    void Promise.all([release(), removeLeftovers(real)]).finally(() => process.kill(process.pid, signal));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await removeLeftovers(real);
    for (let attempt = 1; ; attempt++) {
      const before = await aboutFile(real, () => stateOf(real));
      const zip = await aboutFile(real, async () => ZipFile.open(await fileSource(real)));
      const { result, write } = await work(zip);
      if (!write) return result;
      const temp = tempPathFor(real);
      await aboutFile(real, () =>
        writeNewFile(temp, stat.mode & 0o7777, async (handle) => {
          await write(new FileSink(handle));
          await handle.chmod(stat.mode & 0o7777);
          await handle.chown(stat.uid, stat.gid).catch(() => handle.chown(-1, stat.gid).catch(() => undefined));
        }),
      );
      try {
        await injectChange(real, attempt);
        const after = await aboutFile(real, () => stateOf(real));
        if (!sameState(before, after)) {
          if (attempt < 3) continue;
          throw new KefuError([{ kind: 'ledgerChanged', params: { path: name } }]);
        }
        await lock.verify();
        await aboutFile(real, () => keepBackup(real));
        await aboutFile(real, () => fs.rename(temp, real));
        await syncDirectory(path.dirname(real));
        return result;
      } finally {
        await fs.rm(temp, { force: true });
      }
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await release();
  }
}

/** Opens a ledger file only to read it (no lock: a read sees the last complete file, since writers rename). */
export async function readLedgerFile(given: string): Promise<ZipFile> {
  return aboutFile(given, async () => {
    const real = await fs.realpath(given);
    if ((await fs.stat(real)).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    return ZipFile.open(await fileSource(real));
  });
}

/** Whether a file is a Kefu Ledger workbook (a zip whose workbook holds the kefu_meta table). */
export async function isLedgerFile(file: string): Promise<boolean> {
  try {
    const zip = await ZipFile.open(await fileSource(file));
    for (const entry of zip.entries) {
      if (!/^xl\/tables\/[^/]+\.xml$/.test(entry.name)) continue;
      const xml = (await zip.text(entry.name)) ?? '';
      if (/<(?:\w+:)?table\b[^>]*\sname="kefu_meta"/i.test(xml)) return true;
    }
    return false;
  } catch {
    return false;
  }
}

/** Whether bytes are a Kefu Ledger workbook. */
export async function isLedgerBytes(bytes: Uint8Array): Promise<boolean> {
  try {
    const zip = await ZipFile.open(bufferSource(bytes));
    for (const entry of zip.entries) {
      if (!/^xl\/tables\/[^/]+\.xml$/.test(entry.name)) continue;
      if (/<(?:\w+:)?table\b[^>]*\sname="kefu_meta"/i.test((await zip.text(entry.name)) ?? '')) return true;
    }
    return false;
  } catch {
    return false;
  }
}

// ————————————————————————————————————————————————————————————————— outputs

/** The real path a new file at `file` would have (its folder's symbolic links followed). */
async function realTarget(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await fs.realpath(absolute);
  } catch {
    const dir = await fs.realpath(path.dirname(absolute)).catch(() => path.dirname(absolute));
    return path.join(dir, path.basename(absolute));
  }
}

/**
 * Refuses an output path that would destroy a ledger: the ledger read (`inputs`), its backup, or
 * any existing file that is a ledger — unless `force`. `overwrite: false` also refuses any
 * existing file without `force` (kefu template). The flag is named in the message.
 */
export async function checkOutputPath(out: string, options: { inputs: readonly string[]; force: boolean; flag: string; overwrite?: boolean }): Promise<void> {
  if (options.force) return;
  const target = await realTarget(out);
  for (const input of options.inputs) {
    const real = await realTarget(input);
    if (target === real) throw new KefuError([{ kind: 'outputIsInput', params: { path: out, flag: options.flag } }]);
    if (target === `${real}.bak`) throw new KefuError([{ kind: 'outputIsBackup', params: { path: out, flag: options.flag } }]);
  }
  const exists = await fs.stat(target).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) return;
  if (options.overwrite === false) throw new KefuError([{ kind: 'outputExists', params: { path: out, flag: options.flag } }]);
  if (await isLedgerFile(target)) throw new KefuError([{ kind: 'outputIsLedger', params: { path: out, flag: options.flag } }]);
}

/**
 * A file name made from data (a vendor code, a batch id) that cannot leave its folder or surprise
 * a file system: path separators, `..`, control characters and reserved characters become `_`.
 */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name
    .replace(/[\\/:*?"<>|\x00-\x1f\x7f]/g, '_')
    .replace(/^\.+/, (dots) => '_'.repeat(dots.length))
    .trim();
  return cleaned === '' ? '_' : cleaned.slice(0, 200);
}

export interface PreparedOutput {
  readonly target: string;
  readonly temp: string;
}

/**
 * Writes an output file (a CSV, a manifest, a workbook) under a temporary name beside its target,
 * complete and flushed. `commitOutputs` renames a set of them into place; `discardOutputs`
 * removes them. So a full disk or a crash never leaves a file cut short under the real name.
 */
export async function prepareOutput(target: string, write: (handle: fs.FileHandle) => Promise<void>): Promise<PreparedOutput> {
  const resolved = await realTarget(target);
  await fs.mkdir(path.dirname(resolved), { recursive: true });
  const temp = tempPathFor(resolved);
  await aboutFile(target, () => writeNewFile(temp, 0o644, write));
  return { target: resolved, temp };
}

export async function commitOutputs(outputs: readonly PreparedOutput[]): Promise<void> {
  for (const output of outputs) await aboutFile(output.target, () => fs.rename(output.temp, output.target));
  for (const dir of new Set(outputs.map((o) => path.dirname(o.target)))) await syncDirectory(dir);
}

export async function discardOutputs(outputs: readonly PreparedOutput[]): Promise<void> {
  for (const output of outputs) await fs.rm(output.temp, { force: true });
}

/** Writes one output file atomically (prepare, then rename). */
export async function writeOutputFile(target: string, bytes: Uint8Array): Promise<void> {
  const output = await prepareOutput(target, async (handle) => {
    await handle.writeFile(bytes);
  });
  try {
    await commitOutputs([output]);
  } catch (error) {
    await discardOutputs([output]);
    throw error;
  }
}

/** Writes an output file through a writer that takes a path (exceljs' streaming writer), atomically. */
export async function writeOutputThrough(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const resolved = await realTarget(target);
  await fs.mkdir(path.dirname(resolved), { recursive: true });
  const temp = tempPathFor(resolved);
  try {
    await aboutFile(target, () => write(temp));
    await aboutFile(target, () => fs.rename(temp, resolved));
  } finally {
    await fs.rm(temp, { force: true });
  }
}
