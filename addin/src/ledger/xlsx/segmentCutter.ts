import { deflateSegment, type SegmentedEntry } from './zip';

/** Worksheet XML per segment (see zip.ts): a segment is cut at the first row boundary past this size. */
export const SEGMENT_BYTES = 1024 * 1024;

/**
 * Collects a worksheet's XML and deflates it as segments, cut at row boundaries once SEGMENT_BYTES
 * are held. Text is held as strings — runs of Latin-1 (bytes of the file) and of text made here —
 * and turned into bytes once per run when a segment is cut: a row at a time would make a small
 * buffer per row, which is what an import of 100,000 rows must not do to its memory.
 */
export class SegmentCutter {
  private runs: { latin1: boolean; parts: string[] }[] = [];
  private size = 0;
  private firstRow = 0;

  constructor(
    private readonly out: SegmentedEntry,
    private readonly cutAt = SEGMENT_BYTES,
  ) {}

  /** Whether a segment's worth is held (cut it at the next row boundary). */
  get full(): boolean {
    return this.size >= this.cutAt;
  }

  /** Adds Latin-1 text (bytes: markup, or a row as it was in the file): a row (its number) or markup (0). */
  emit(text: string, row: number): void {
    this.add(text, true, row);
  }

  /** Adds text made here, to be written as UTF-8. */
  emitText(text: string, row: number): void {
    this.add(text, false, row);
  }

  private add(text: string, latin1: boolean, row: number): void {
    if (!text) return;
    if (row > 0 && this.firstRow === 0) this.firstRow = row;
    const last = this.runs[this.runs.length - 1];
    if (last && last.latin1 === latin1) last.parts.push(text);
    else this.runs.push({ latin1, parts: [text] });
    this.size += text.length;
  }

  /** Deflates what is held as a segment once it is large enough (call at a row boundary), or when `force`d; `last` ends the part. */
  async cut(force: boolean, last = false): Promise<void> {
    if (!last && (this.size === 0 || (!force && this.size < this.cutAt))) return;
    const data = Buffer.concat(this.runs.map((run) => Buffer.from(run.parts.join(''), run.latin1 ? 'latin1' : 'utf8')));
    const { compressed, segment } = deflateSegment(data, last, this.firstRow);
    this.runs = [];
    this.size = 0;
    this.firstRow = 0;
    await this.out.add(compressed, segment);
  }
}
