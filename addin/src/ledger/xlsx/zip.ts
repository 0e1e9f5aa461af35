import { createReadStream, promises as fsp } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { constants as zlibConstants, crc32, createInflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * The zip container of an .xlsx, read and written part by part.
 *
 * Reading: the central directory is read by hand and each part is inflated piece by piece
 * (node:zlib) from bytes in memory or from the file itself, so no part is ever held whole.
 *
 * Writing (`ZipWriter`): a part left as it was is copied with its compressed bytes untouched; a
 * changed part is deflated anew. A worksheet is written in **segments** of about a megabyte of
 * XML, each deflated on its own (a fresh compressor, ended with a sync flush): the segments
 * together are one valid deflate stream, which every zip reader inflates as usual, and any one of
 * them can be inflated, replaced or copied without the others — as BGZF does for gzip in genomics.
 * Where the segments are is kept in the entry's extra field in the central directory (APPNOTE
 * 4.5: readers skip extra fields they do not know). So appending a row to a sheet of 100,000 rows
 * deflates the last segment again and copies the compressed bytes of the rest; a part written by
 * another program (no segments) is re-deflated whole once, in segments.
 *
 * Why by hand rather than yauzl/yazl or fflate: both libraries read and write whole entries;
 * neither lets a writer put an extra field into the central directory that is known only after
 * the data is written, nor copy a part's compressed bytes segment by segment. The zip format
 * needed here is four fixed records (APPNOTE 4.3): local header, central directory header, end of
 * central directory, and nothing else (no zip64, no encryption: both refused on reading).
 */

const EOCD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;

/** The extra-field header id of our segment table ("kf"), and its payload's magic. */
export const SEGMENTS_EXTRA_ID = 0x666b;
const SEGMENTS_MAGIC = 0x4753464b; // 'KFSG'
const SEGMENTS_VERSION = 1;

/** Why a workbook cannot be read as a zip: the command line turns each into a one-line message. */
export type ZipProblem = 'notZip' | 'truncated' | 'zip64' | 'encrypted' | 'compression';

export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    detail: string,
  ) {
    super(detail);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly headerOffset: number;
  /** The whole central directory record, as it was (name, extra field and comment included). */
  readonly central: Buffer;
  /** Where the segments of this part are, when we wrote it (see `Segment`). */
  readonly segments?: readonly Segment[];
}

/** A piece of a part deflated on its own. */
export interface Segment {
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly crc: number;
  /** The 1-based number of the first worksheet row that begins in the segment; 0 when none does. */
  readonly firstRow: number;
}

/** Where the zip's bytes come from: a buffer in memory, or a file read a piece at a time. */
export interface ByteSource {
  readonly size: number;
  read(position: number, length: number): Promise<Buffer>;
  /** Bytes [start, end) in pieces of at most `chunk` bytes. */
  stream(start: number, end: number, chunk: number): Readable;
  /** Throws when the bytes are no longer those that were opened (the file changed since). */
  check(): Promise<void>;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  function* pieces(start: number, end: number, chunk: number): Generator<Buffer> {
    for (let at = start; at < end; at += chunk) yield buffer.subarray(at, Math.min(end, at + chunk));
  }
  return {
    size: buffer.length,
    read: async (position, length) => buffer.subarray(position, position + length),
    stream: (start, end, chunk) => Readable.from(pieces(start, end, chunk), { objectMode: false }),
    check: async () => undefined,
  };
}

/** A file read a piece at a time; `check` compares its size and modification time with those it had when opened. */
export async function fileSource(file: string): Promise<ByteSource> {
  const stat = () => fsp.stat(file);
  const opened = await stat();
  return {
    size: opened.size,
    async read(position, length) {
      const handle = await fsp.open(file, 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    stream: (start, end, chunk) => (end > start ? createReadStream(file, { start, end: end - 1, highWaterMark: chunk }) : Readable.from([])),
    async check() {
      const now = await stat();
      if (now.size !== opened.size || now.mtimeMs !== opened.mtimeMs) throw new Error(`${file} changed since it was opened; open it again`);
    },
  };
}

function parseSegments(extra: Buffer): Segment[] | undefined {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    const data = extra.subarray(at + 4, at + 4 + size);
    at += 4 + size;
    if (id !== SEGMENTS_EXTRA_ID || data.length < 9 || data.readUInt32LE(0) !== SEGMENTS_MAGIC || data[4] !== SEGMENTS_VERSION) continue;
    const count = data.readUInt32LE(5);
    if (data.length !== 9 + count * 16) return undefined;
    const segments: Segment[] = [];
    for (let i = 0; i < count; i++) {
      const s = 9 + i * 16;
      segments.push({ compressedSize: data.readUInt32LE(s), uncompressedSize: data.readUInt32LE(s + 4), crc: data.readUInt32LE(s + 8), firstRow: data.readUInt32LE(s + 12) });
    }
    return segments;
  }
  return undefined;
}

/** The extra field without our segment table (kept as it was otherwise). */
function extraWithoutSegments(extra: Buffer): Buffer {
  const kept: Buffer[] = [];
  for (let at = 0; at + 4 <= extra.length;) {
    const size = extra.readUInt16LE(at + 2);
    if (extra.readUInt16LE(at) !== SEGMENTS_EXTRA_ID) kept.push(extra.subarray(at, at + 4 + size));
    at += 4 + size;
  }
  return Buffer.concat(kept);
}

function segmentsExtra(segments: readonly Segment[]): Buffer {
  const data = Buffer.alloc(9 + segments.length * 16);
  data.writeUInt32LE(SEGMENTS_MAGIC, 0);
  data[4] = SEGMENTS_VERSION;
  data.writeUInt32LE(segments.length, 5);
  segments.forEach((s, i) => {
    data.writeUInt32LE(s.compressedSize, 9 + i * 16);
    data.writeUInt32LE(s.uncompressedSize, 13 + i * 16);
    data.writeUInt32LE(s.crc, 17 + i * 16);
    data.writeUInt32LE(s.firstRow, 21 + i * 16);
  });
  const header = Buffer.alloc(4);
  header.writeUInt16LE(SEGMENTS_EXTRA_ID, 0);
  header.writeUInt16LE(data.length, 2);
  return Buffer.concat([header, data]);
}

/** Segments whose sums are those of the entry they describe (anything else is not ours to trust). */
function segmentsFit(segments: readonly Segment[] | undefined, entry: Omit<ZipEntry, 'segments'>): segments is readonly Segment[] {
  if (!segments || segments.length === 0 || entry.method !== 8) return false;
  const compressed = segments.reduce((n, s) => n + s.compressedSize, 0);
  const uncompressed = segments.reduce((n, s) => n + s.uncompressedSize, 0);
  if (compressed !== entry.compressedSize || uncompressed !== entry.uncompressedSize) return false;
  return segments.reduce((crc, s) => crc32Combine(crc, s.crc, s.uncompressedSize), 0) === entry.crc;
}

export class ZipFile {
  private constructor(
    readonly source: ByteSource,
    private readonly byName: ReadonlyMap<string, ZipEntry>,
    /** Entries in the order of the central directory (the order a copy keeps). */
    readonly entries: readonly ZipEntry[],
    readonly chunkSize: number,
  ) {}

  /** Reads the End Of Central Directory record (at the end, before a comment of up to 64 KiB), then the directory. */
  static async open(source: ByteSource, chunkSize = 64 * 1024): Promise<ZipFile> {
    const head = await source.read(0, Math.min(8, source.size));
    if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
      // An OLE compound file: what Office makes of a workbook protected by a password to open.
      throw new ZipError('encrypted', 'The workbook is encrypted (protected by a password to open)');
    }
    const tailLength = Math.min(source.size, 22 + 0xffff);
    const tail = await source.read(source.size - tailLength, tailLength);
    let eocd = -1;
    for (let at = tail.length - 22; at >= 0 && eocd < 0; at--) {
      if (tail.readUInt32LE(at) === EOCD && at + 22 + tail.readUInt16LE(at + 20) === tail.length) eocd = at;
    }
    if (eocd < 0) {
      const isZip = head.length >= 4 && head.readUInt32LE(0) === LOCAL_HEADER;
      throw new ZipError(isZip ? 'truncated' : 'notZip', isZip ? 'The .xlsx file is cut short: its zip directory is missing' : 'Not an .xlsx file: no zip directory found at its end');
    }
    if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) throw new ZipError('zip64', 'This .xlsx is a zip64 archive (over 4 GB or 65,535 parts)');
    const count = tail.readUInt16LE(eocd + 10);
    const size = tail.readUInt32LE(eocd + 12);
    const offset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipError('zip64', 'This .xlsx is a zip64 archive (over 4 GB or 65,535 parts)');
    if (offset + size > source.size) throw new ZipError('truncated', 'The .xlsx file is damaged: its zip directory points past its end');
    const directory = await source.read(offset, size);
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipError('truncated', 'The .xlsx file is damaged: its zip directory is cut short');
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const end = at + 46 + nameLength + extraLength + commentLength;
      const central = Buffer.from(directory.subarray(at, end));
      const base = {
        name: directory.toString('utf8', at + 46, at + 46 + nameLength),
        flags: directory.readUInt16LE(at + 8),
        method: directory.readUInt16LE(at + 10),
        crc: directory.readUInt32LE(at + 16),
        compressedSize: directory.readUInt32LE(at + 20),
        uncompressedSize: directory.readUInt32LE(at + 24),
        headerOffset: directory.readUInt32LE(at + 42),
        central,
      };
      if (base.compressedSize === 0xffffffff || base.uncompressedSize === 0xffffffff || base.headerOffset === 0xffffffff)
        throw new ZipError('zip64', 'This .xlsx is a zip64 archive (over 4 GB or 65,535 parts)');
      if (base.flags & 1) throw new ZipError('encrypted', `The workbook is encrypted (${base.name})`);
      const segments = parseSegments(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
      entries.push(segmentsFit(segments, base) ? { ...base, segments } : base);
      at = end;
    }
    return new ZipFile(source, new Map(entries.map((e) => [e.name, e])), entries, chunkSize);
  }

  check(): Promise<void> {
    return this.source.check();
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  compressedSize(name: string): number {
    return this.byName.get(name)?.compressedSize ?? 0;
  }

  uncompressedSize(name: string): number {
    return this.byName.get(name)?.uncompressedSize ?? 0;
  }

  /** Where an entry's compressed data is: after its local header, whose extra field may differ from the directory's. */
  async dataRange(entry: ZipEntry): Promise<{ start: number; end: number }> {
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError('compression', `Cannot read ${entry.name}: zip compression method ${entry.method}`);
    const header = await this.source.read(entry.headerOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipError('truncated', `The .xlsx file is damaged: no data found for ${entry.name}`);
    const start = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.source.size) throw new ZipError('truncated', `The .xlsx file is cut short inside ${entry.name}`);
    return { start, end: start + entry.compressedSize };
  }

  /** A part's bytes, inflated. For small parts (workbook, relationships, tables, styles). */
  async bytes(name: string): Promise<Buffer | undefined> {
    const entry = this.byName.get(name);
    if (!entry) return undefined;
    const { start, end } = await this.dataRange(entry);
    const raw = await this.source.read(start, end - start);
    try {
      return entry.method === 8 ? inflateRawSync(raw) : raw;
    } catch (error) {
      throw new ZipError('truncated', `The .xlsx file is damaged: ${name} cannot be inflated (${(error as Error).message})`);
    }
  }

  /** A small part as one string. */
  async text(name: string): Promise<string | undefined> {
    return (await this.bytes(name))?.toString('utf8');
  }

  /** The compressed bytes [from, to) of an entry's data (for copying segments). */
  async rawBytes(entry: ZipEntry, from: number, to: number): Promise<Buffer> {
    const { start } = await this.dataRange(entry);
    return this.source.read(start + from, to - from);
  }

  /**
   * A part as Latin-1 text, a piece at a time, never whole: a character per byte, so a piece never
   * ends inside a character, and the markup (ASCII) reads as it is; the text of a value kept is
   * decoded from UTF-8 once it is cut out. Starts at the segment `fromSegment` when the part has
   * segments (each inflates on its own). `onBytes` is told of each piece of compressed input read.
   * Leaving the loop early stops reading.
   */
  async *latin1Chunks(name: string, onBytes?: (bytes: number) => void, fromSegment = 0): AsyncGenerator<string> {
    const entry = this.byName.get(name);
    if (!entry) return;
    const range = await this.dataRange(entry);
    let skipCompressed = 0;
    let expected = entry.uncompressedSize;
    if (fromSegment > 0 && entry.segments) {
      for (const s of entry.segments.slice(0, fromSegment)) {
        skipCompressed += s.compressedSize;
        expected -= s.uncompressedSize;
      }
    }
    const raw = this.source.stream(range.start + skipCompressed, range.end, this.chunkSize);
    if (onBytes) raw.on('data', (piece: Buffer) => onBytes(piece.length));
    // pipeline passes an error of either stream on to the one we read, and closes both when we stop.
    const inflated = entry.method === 8 ? pipeline(raw, createInflateRaw({ chunkSize: this.chunkSize }), () => undefined) : raw;
    let length = 0;
    try {
      for await (const piece of inflated as AsyncIterable<Buffer>) {
        length += piece.length;
        yield piece.toString('latin1');
      }
      if (length !== expected) throw new ZipError('truncated', `The .xlsx file is damaged: ${name} inflates to ${length} bytes, not ${expected}`);
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError('truncated', `The .xlsx file is damaged: ${name} cannot be inflated (${(error as Error).message})`);
    } finally {
      inflated.destroy();
      raw.destroy();
    }
  }

  /** One segment of a part, inflated (a segment is at most a few megabytes). */
  async segmentText(entry: ZipEntry, index: number): Promise<Buffer> {
    const segments = entry.segments!;
    let from = 0;
    for (let i = 0; i < index; i++) from += segments[i].compressedSize;
    const raw = await this.rawBytes(entry, from, from + segments[index].compressedSize);
    return inflateRawSync(raw, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  }
}

// ---------------------------------------------------------------------------------------------
// CRC-32 of concatenated data, from the CRCs of its pieces (zlib's crc32_combine, in GF(2)).

function gf2MatrixTimes(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let i = 0; vector !== 0; i++, vector >>>= 1) if (vector & 1) sum ^= matrix[i];
  return sum >>> 0;
}

function gf2MatrixSquare(square: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2MatrixTimes(matrix, matrix[n]);
}

/** The CRC-32 of A followed by B, from crc(A), crc(B) and B's length. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320; // the CRC-32 polynomial, reflected
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row >>> 0;
  gf2MatrixSquare(even, odd); // two zero bits
  gf2MatrixSquare(odd, even); // four zero bits
  let crc = crcA >>> 0;
  let length = lengthB;
  do {
    gf2MatrixSquare(even, odd);
    if (length % 2) crc = gf2MatrixTimes(even, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
    gf2MatrixSquare(odd, even);
    if (length % 2) crc = gf2MatrixTimes(odd, crc);
    length = Math.floor(length / 2);
  } while (length !== 0);
  return (crc ^ crcB) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Writing.

/** Where a zip being written goes: appended bytes, and a way to rewrite a local header once its sizes are known. */
export interface ZipSink {
  /** Appends; returns the position the bytes were written at. */
  write(bytes: Buffer): Promise<number>;
  rewrite(bytes: Buffer, position: number): Promise<void>;
}

export class MemorySink implements ZipSink {
  private readonly chunks: Buffer[] = [];
  private readonly positions: number[] = [];
  private length = 0;

  async write(bytes: Buffer): Promise<number> {
    const at = this.length;
    this.chunks.push(Buffer.from(bytes));
    this.positions.push(at);
    this.length += bytes.length;
    return at;
  }

  async rewrite(bytes: Buffer, position: number): Promise<void> {
    const index = this.positions.indexOf(position);
    if (index < 0 || this.chunks[index].length !== bytes.length) throw new Error('MemorySink: rewrite must replace a whole earlier write');
    this.chunks[index] = Buffer.from(bytes);
  }

  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}

/** Writes to an open file handle; the caller flushes and closes it. */
export class FileSink implements ZipSink {
  private position = 0;
  constructor(private readonly handle: fsp.FileHandle) {}

  async write(bytes: Buffer): Promise<number> {
    const at = this.position;
    let done = 0;
    while (done < bytes.length) done += (await this.handle.write(bytes, done, bytes.length - done, at + done)).bytesWritten;
    this.position += bytes.length;
    return at;
  }

  async rewrite(bytes: Buffer, position: number): Promise<void> {
    let done = 0;
    while (done < bytes.length) done += (await this.handle.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
  }
}

/**
 * Deflates a piece of XML as a segment: a fresh compressor, ended with a sync flush unless it is
 * the last piece. Level 5: on worksheet XML as large as a year's records it compresses as well
 * as 6 (sometimes better) in two thirds of the time.
 */
export function deflateSegment(data: Buffer, last: boolean, firstRow = 0): { compressed: Buffer; segment: Segment } {
  const compressed = deflateRawSync(data, { level: 5, finishFlush: last ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH });
  return { compressed, segment: { compressedSize: compressed.length, uncompressedSize: data.length, crc: crc32(data), firstRow } };
}

/** Header fields of an entry to write: the original's when the part existed, made up otherwise. */
interface EntryHeader {
  readonly versionMadeBy: number;
  readonly versionNeeded: number;
  readonly flags: number;
  readonly time: number;
  readonly date: number;
  readonly nameBytes: Buffer;
  readonly extra: Buffer;
  readonly comment: Buffer;
  readonly internalAttributes: number;
  readonly externalAttributes: number;
}

function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: (Math.max(0, date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

function headerOf(name: string, original: ZipEntry | undefined, now: Date): EntryHeader {
  if (original) {
    const c = original.central;
    const nameLength = c.readUInt16LE(28);
    const extraLength = c.readUInt16LE(30);
    return {
      versionMadeBy: c.readUInt16LE(4),
      versionNeeded: Math.max(20, c.readUInt16LE(6)),
      flags: c.readUInt16LE(8) & ~0x0008, // sizes are in the local header: no data descriptor
      time: c.readUInt16LE(12),
      date: c.readUInt16LE(14),
      nameBytes: c.subarray(46, 46 + nameLength),
      extra: extraWithoutSegments(c.subarray(46 + nameLength, 46 + nameLength + extraLength)),
      comment: c.subarray(46 + nameLength + extraLength),
      internalAttributes: c.readUInt16LE(36),
      externalAttributes: c.readUInt32LE(38),
    };
  }
  const nameBytes = Buffer.from(name, 'utf8');
  const { time, date } = dosDateTime(now);
  return {
    versionMadeBy: 20,
    versionNeeded: 20,
    flags: /[^\x20-\x7e]/.test(name) ? 0x0800 : 0,
    time,
    date,
    nameBytes,
    extra: Buffer.alloc(0),
    comment: Buffer.alloc(0),
    internalAttributes: 0,
    externalAttributes: 0,
  };
}

function localHeader(h: EntryHeader, method: number, crc: number, compressedSize: number, uncompressedSize: number): Buffer {
  const b = Buffer.alloc(30 + h.nameBytes.length);
  b.writeUInt32LE(LOCAL_HEADER, 0);
  b.writeUInt16LE(h.versionNeeded, 4);
  b.writeUInt16LE(h.flags, 6);
  b.writeUInt16LE(method, 8);
  b.writeUInt16LE(h.time, 10);
  b.writeUInt16LE(h.date, 12);
  b.writeUInt32LE(crc >>> 0, 14);
  b.writeUInt32LE(compressedSize, 18);
  b.writeUInt32LE(uncompressedSize, 22);
  b.writeUInt16LE(h.nameBytes.length, 26);
  b.writeUInt16LE(0, 28); // the local header carries no extra field; the directory's is kept
  h.nameBytes.copy(b, 30);
  return b;
}

function centralHeader(h: EntryHeader, method: number, crc: number, compressedSize: number, uncompressedSize: number, offset: number, extra: Buffer): Buffer {
  const b = Buffer.alloc(46 + h.nameBytes.length + extra.length + h.comment.length);
  b.writeUInt32LE(CENTRAL_HEADER, 0);
  b.writeUInt16LE(h.versionMadeBy, 4);
  b.writeUInt16LE(h.versionNeeded, 6);
  b.writeUInt16LE(h.flags, 8);
  b.writeUInt16LE(method, 10);
  b.writeUInt16LE(h.time, 12);
  b.writeUInt16LE(h.date, 14);
  b.writeUInt32LE(crc >>> 0, 16);
  b.writeUInt32LE(compressedSize, 20);
  b.writeUInt32LE(uncompressedSize, 24);
  b.writeUInt16LE(h.nameBytes.length, 28);
  b.writeUInt16LE(extra.length, 30);
  b.writeUInt16LE(h.comment.length, 32);
  b.writeUInt16LE(0, 34);
  b.writeUInt16LE(h.internalAttributes, 36);
  b.writeUInt32LE(h.externalAttributes >>> 0, 38);
  b.writeUInt32LE(offset, 42);
  h.nameBytes.copy(b, 46);
  extra.copy(b, 46 + h.nameBytes.length);
  h.comment.copy(b, 46 + h.nameBytes.length + extra.length);
  return b;
}

const FOUR_GB = 0xffffffff;

/** A part being written segment by segment (see ZipWriter.beginSegmented). */
export interface SegmentedEntry {
  /** Appends a segment deflated by `deflateSegment`. */
  add(compressed: Buffer, segment: Segment): Promise<void>;
  /** Copies a segment of the part `from` as it is (compressed bytes untouched). */
  copy(from: ZipFile, entry: ZipEntry, index: number): Promise<void>;
  end(): Promise<void>;
}

export class ZipWriter {
  private readonly central: Buffer[] = [];
  private readonly now = new Date();
  private open = false;

  constructor(private readonly sink: ZipSink) {}

  private async recordEnd(h: EntryHeader, method: number, crc: number, compressed: number, uncompressed: number, offset: number, extra: Buffer): Promise<void> {
    if (compressed >= FOUR_GB || uncompressed >= FOUR_GB || offset >= FOUR_GB) throw new ZipError('zip64', 'The workbook would be larger than 4 GB, which needs zip64');
    this.central.push(centralHeader(h, method, crc, compressed, uncompressed, offset, extra));
  }

  /** Copies an entry with its compressed bytes as they were (and its directory record, but for the offset). */
  async copy(from: ZipFile, entry: ZipEntry): Promise<void> {
    if (this.open) throw new Error('ZipWriter: an entry is still being written');
    const h = headerOf(entry.name, entry, this.now);
    const offset = await this.sink.write(localHeader(h, entry.method, entry.crc, entry.compressedSize, entry.uncompressedSize));
    const { start, end } = await from.dataRange(entry);
    const step = 4 * 1024 * 1024;
    for (let at = start; at < end; at += step) await this.sink.write(await from.source.read(at, Math.min(step, end - at)));
    const extra = entry.segments ? Buffer.concat([h.extra, segmentsExtra(entry.segments)]) : h.extra;
    await this.recordEnd(h, entry.method, entry.crc, entry.compressedSize, entry.uncompressedSize, offset, extra);
  }

  /** Writes a (small) part whole, deflated; `original` lends its header fields when the part existed. */
  async add(name: string, data: Buffer, original?: ZipEntry): Promise<void> {
    if (this.open) throw new Error('ZipWriter: an entry is still being written');
    const h = headerOf(name, original, this.now);
    const compressed = deflateRawSync(data, { level: 6 });
    const crc = crc32(data);
    const offset = await this.sink.write(localHeader(h, 8, crc, compressed.length, data.length));
    await this.sink.write(compressed);
    await this.recordEnd(h, 8, crc, compressed.length, data.length, offset, h.extra);
  }

  /** Starts a part written in segments; its local header is completed when it ends. */
  async beginSegmented(name: string, original?: ZipEntry): Promise<SegmentedEntry> {
    if (this.open) throw new Error('ZipWriter: an entry is still being written');
    this.open = true;
    const h = headerOf(name, original, this.now);
    const offset = await this.sink.write(localHeader(h, 8, 0, 0, 0));
    const segments: Segment[] = [];
    let crc = 0;
    let compressed = 0;
    let uncompressed = 0;
    const note = (segment: Segment) => {
      segments.push(segment);
      crc = crc32Combine(crc, segment.crc, segment.uncompressedSize);
      compressed += segment.compressedSize;
      uncompressed += segment.uncompressedSize;
    };
    return {
      add: async (bytes, segment) => {
        await this.sink.write(bytes);
        note(segment);
      },
      copy: async (from, entry, index) => {
        const all = entry.segments!;
        let at = 0;
        for (let i = 0; i < index; i++) at += all[i].compressedSize;
        await this.sink.write(await from.rawBytes(entry, at, at + all[index].compressedSize));
        note(all[index]);
      },
      end: async () => {
        await this.sink.rewrite(localHeader(h, 8, crc, compressed, uncompressed), offset);
        await this.recordEnd(h, 8, crc, compressed, uncompressed, offset, Buffer.concat([h.extra, segmentsExtra(segments)]));
        this.open = false;
      },
    };
  }

  /** Writes the central directory and its end record. */
  async finish(): Promise<void> {
    if (this.open) throw new Error('ZipWriter: an entry is still being written');
    const directory = Buffer.concat(this.central);
    const offset = await this.sink.write(directory);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(EOCD, 0);
    end.writeUInt16LE(this.central.length, 8);
    end.writeUInt16LE(this.central.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    if (this.central.length >= 0xffff) throw new ZipError('zip64', 'The workbook would hold 65,535 parts or more, which needs zip64');
    await this.sink.write(end);
  }
}
