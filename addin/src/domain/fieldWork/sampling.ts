/**
 * Reproducible sampling of the field checks (W8; brief F20, F21; issue 12 item 2): a sample is drawn
 * by a seeded generator from the order's meter list, and the seed and the rule version are stored
 * with it, so anyone can draw the same sample again (`kefu sample`). Pure: no clock, no Math.random.
 *
 * Rule version `W8-2026.1` — what it means, so that the draw can be reproduced by anyone:
 * 1. The meter list is the order's installation sheets' new meter numbers, each once, sorted in
 *    UTF-16 code-unit order (JavaScript's default string order, the same in every locale), so the
 *    order of the rows in the sheet does not matter.
 * 2. The seed string is hashed to a 32-bit state: FNV-1a over its UTF-8 bytes (offset basis
 *    2166136261, prime 16777619), then MurmurHash3's finaliser (fmix32) to spread the bits.
 * 3. The generator is mulberry32 (a 32-bit state advanced by 0x6D2B79F5 per output, then mixed).
 * 4. A uniform integer below m is drawn by rejection: outputs at or above 2^32 − (2^32 mod m) are
 *    discarded, so every value below m is equally likely (no modulo bias).
 * 5. The sample is a partial Fisher–Yates shuffle of the list: for i = 0 … k−1, swap position i
 *    with position i + uniform(n − i); the first k positions are the sample (uniform without
 *    replacement). It is recorded sorted as in 1, meter numbers joined by ", " (ASCII, the same in every locale).
 * 6. Sizes: a rotation samples ceil(p × n) meters (p the rotation sample rate, 15 %); a batch install
 *    checks every Class II meter and samples ceil(r × n3) of its n3 Class III meters with one
 *    generator seeded as in 2 (r from 20 % to 100 %, a warning above 30 %). Rates are integer basis
 *    points and the ceiling is taken in integers: 15 % of 20 is exactly 3.
 */

export const SAMPLE_RULE = 'W8-2026.1';

/** The rule versions this code can redraw. */
export const SAMPLE_RULES: readonly string[] = [SAMPLE_RULE];

/** What separates the meter numbers of a recorded sample (and of a list typed by a clerk). */
export const SAMPLE_SEPARATOR = ', ';

/** The rotation sample rate of the seed (P3-4.3.2), in basis points. */
export const ROTATION_RATE_BP = 1500;
/** The Class III rate of a batch investigation: from 20 % (default) to 100 %, warn above 30 % (P3-4.3.3). */
export const CLASS3_MIN_BP = 2000;
export const CLASS3_WARN_BP = 3000;
export const CLASS3_MAX_BP = 10000;

/** ceil(rate × n) for a rate in basis points, in integers. */
export function sampleSize(n: number, rateBp: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`sampleSize: n must be a whole number, not ${n}`);
  if (!Number.isSafeInteger(rateBp) || rateBp < 0 || rateBp > 10000) throw new RangeError(`sampleSize: the rate must be 0–10000 basis points, not ${rateBp}`);
  return Math.min(n, Math.floor((rateBp * n + 9999) / 10000));
}

/** FNV-1a (32 bits) over the UTF-8 bytes of `text`, finished with MurmurHash3's fmix32. */
export function seedState(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** mulberry32: a generator of 32-bit unsigned integers from a 32-bit state. */
export function mulberry32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  };
}

const TWO_32 = 0x1_0000_0000;

/** A uniform integer in [0, m), by rejection (no modulo bias). */
export function uniformBelow(next: () => number, m: number): number {
  if (!Number.isSafeInteger(m) || m < 1 || m > TWO_32) throw new RangeError(`uniformBelow: bad bound ${m}`);
  const limit = TWO_32 - (TWO_32 % m);
  for (;;) {
    const x = next();
    if (x < limit) return x % m;
  }
}

/** The canonical meter list: each number once, trimmed, blanks dropped, in code-unit order. */
export function canonicalMeters(meters: readonly string[]): string[] {
  return [...new Set(meters.map((m) => m.trim()).filter((m) => m !== ''))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** k of the canonical list drawn uniformly without replacement (partial Fisher–Yates), sorted. */
export function drawFrom(canonical: readonly string[], k: number, next: () => number): string[] {
  const a = [...canonical];
  const n = a.length;
  if (k > n) throw new RangeError(`drawFrom: cannot draw ${k} of ${n}`);
  for (let i = 0; i < k; i++) {
    const j = i + uniformBelow(next, n - i);
    const swap = a[i];
    a[i] = a[j];
    a[j] = swap;
  }
  return canonicalMeters(a.slice(0, k));
}

function checkRule(rule: string): void {
  if (!SAMPLE_RULES.includes(rule)) throw new RangeError(`unknown sampling rule ${rule}`);
}

export interface RotationSample {
  readonly rule: string;
  readonly seed: string;
  /** The meters rotated (the canonical list's length). */
  readonly total: number;
  readonly sample: readonly string[];
}

/** A rotation's spot-check sample: ceil(rate × n) of its meters (rate 15 % unless the rules say otherwise). */
export function drawRotationSample(meters: readonly string[], seed: string, rule: string = SAMPLE_RULE, rateBp: number = ROTATION_RATE_BP): RotationSample {
  checkRule(rule);
  const canonical = canonicalMeters(meters);
  const k = sampleSize(canonical.length, rateBp);
  return { rule, seed, total: canonical.length, sample: drawFrom(canonical, k, mulberry32(seedState(seed))) };
}

export interface BatchMeters {
  readonly class2: readonly string[];
  readonly class3: readonly string[];
}

export interface BatchSample {
  readonly rule: string;
  readonly seed: string;
  readonly class2: readonly string[];
  readonly class3Total: number;
  readonly class3: readonly string[];
  /** The rate is above 30 %: allowed, but the clerk is told. */
  readonly warnRate: boolean;
}

/** A batch investigation's check set: every Class II meter, and ceil(r × n3) of the Class III meters. */
export function drawBatchSample(meters: BatchMeters, seed: string, rateBp: number = CLASS3_MIN_BP, rule: string = SAMPLE_RULE): BatchSample {
  checkRule(rule);
  if (!Number.isSafeInteger(rateBp) || rateBp < CLASS3_MIN_BP || rateBp > CLASS3_MAX_BP) throw new RangeError(`drawBatchSample: the Class III rate must be 20–100 %, not ${rateBp / 100} %`);
  const class2 = canonicalMeters(meters.class2);
  const class3 = canonicalMeters(meters.class3);
  const k = sampleSize(class3.length, rateBp);
  return { rule, seed, class2, class3Total: class3.length, class3: drawFrom(class3, k, mulberry32(seedState(seed))), warnRate: rateBp > CLASS3_WARN_BP };
}

/** A fresh seed: the order number and the time it was drawn (to the second), which the record keeps. */
export function freshSeed(orderNo: string, now: string): string {
  return `${orderNo}@${now.replace(/[^0-9]/g, '').slice(0, 14)}`;
}

/** The meter numbers of a recorded sample (or of a list a clerk typed, 、 or commas between them). */
export function splitMeters(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(/[、,，;；\s]+/)
    .map((m) => m.trim())
    .filter((m) => m !== '');
}

export function joinMeters(meters: readonly string[]): string {
  return meters.join(SAMPLE_SEPARATOR);
}
