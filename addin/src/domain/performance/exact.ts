/**
 * Exact rational arithmetic for money and rates (DESIGN principle 10): numerator and denominator
 * as BigInt, reduced. Amounts are in fen; a line is rounded once, half away from zero.
 */
export interface Fraction {
  readonly n: bigint;
  /** Always > 0. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

export function frac(n: bigint | number, d: bigint | number = 1n): Fraction {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new Error('division by zero');
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcd(nn, dd);
  return { n: nn / g, d: dd / g };
}

export const ZERO: Fraction = { n: 0n, d: 1n };

export const add = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.n, a.d * b.d);
export const div = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d, a.d * b.n);
export const neg = (a: Fraction): Fraction => ({ n: -a.n, d: a.d });
export const cmp = (a: Fraction, b: Fraction): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
export const isNegative = (a: Fraction): boolean => a.n < 0n;
export const isZero = (a: Fraction): boolean => a.n === 0n;
export const sum = (xs: readonly Fraction[]): Fraction => xs.reduce(add, ZERO);

/** Rounds to an integer, half away from zero (Excel ROUND, 四舍五入). */
export function roundHalfAway(a: Fraction): number {
  const abs = a.n < 0n ? -a.n : a.n;
  const q = (2n * abs + a.d) / (2n * a.d);
  return Number(a.n < 0n ? -q : q);
}

/** A decimal text with `places` places, rounded half away from zero: "0.018182", "-90.00". */
export function toDecimal(a: Fraction, places: number): string {
  const scaled = roundHalfAway(mul(a, frac(10n ** BigInt(places))));
  const sign = scaled < 0 ? '-' : '';
  const digits = String(Math.abs(scaled)).padStart(places + 1, '0');
  return places === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** Integer fen → "12.34" / "-0.05". */
export function fenToYuan(fen: number): string {
  return toDecimal(frac(fen, 100), 2);
}
