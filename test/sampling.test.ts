import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CLASS3_MIN_BP,
  ROTATION_RATE_BP,
  SAMPLE_RULE,
  canonicalMeters,
  drawBatchSample,
  drawFrom,
  drawRotationSample,
  mulberry32,
  sampleSize,
  seedState,
  uniformBelow,
} from '../addin/src/domain/fieldWork/sampling';

const METERS = Array.from({ length: 5000 }, (_, i) => `33${String(i + 1).padStart(8, '0')}`);

/** k is ceil(rate × n): the smallest whole number with k × 10000 ≥ rate × n (checked in BigInt, no floating point). */
function isCeiling(k: number, n: number, rateBp: number): boolean {
  const need = BigInt(rateBp) * BigInt(n);
  return BigInt(k) * 10000n >= need && (k === 0 || BigInt(k - 1) * 10000n < need);
}

/** Pearson's statistic of how often each meter was drawn against the uniform expectation. */
function chiSquare(counts: readonly number[], draws: number): number {
  const expected = draws / counts.length;
  return counts.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
}

/**
 * How often each of 20 meters lands in a rotation sample (3 of 20) over 20,000 fixed seeds. Under
 * uniform sampling without replacement the statistic is at most about chi-square with 19 degrees of
 * freedom (the fixed sample size only shrinks it); 81.56 is its 1e-9 upper quantile, so a fair
 * sampler fails this (deterministic) test with probability below one in a billion over seed ranges.
 */
const CHI_METERS = METERS.slice(0, 20);
const CHI_SEEDS = 20_000;
const CHI_CRITICAL_19DF_1E9 = 81.56;

function meterCounts(draw: (seed: string) => readonly string[]): number[] {
  const index = new Map(CHI_METERS.map((m, i) => [m, i]));
  const counts = new Array<number>(CHI_METERS.length).fill(0);
  for (let s = 0; s < CHI_SEEDS; s++) for (const m of draw(`chi-${s}`)) counts[index.get(m)!] += 1;
  return counts;
}

describe('Field-check sampling (W8): reproducible, exact sizes, uniform', function () {
  this.timeout(120_000);

  it('hashes a seed and generates numbers as documented (FNV-1a + fmix32, mulberry32)', () => {
    // Fixed points of the rule version: changing the algorithm would make recorded samples fail to redraw.
    assert.equal(SAMPLE_RULE, 'W8-2026.1');
    const next = mulberry32(seedState('RO-2026-0001@20260315100000'));
    const first = [next(), next(), next()];
    const again = mulberry32(seedState('RO-2026-0001@20260315100000'));
    assert.deepEqual([again(), again(), again()], first);
    assert.ok(first.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32));
    assert.notEqual(seedState('a'), seedState('b'));
    // FNV-1a of the empty string is its offset basis; fmix32 of it is a fixed number.
    assert.equal(seedState(''), seedState(''));
  });

  it('takes ceil(15 % × n) meters of a rotation for every n from 1 to 5,000, computed in integers', () => {
    assert.equal(sampleSize(20, ROTATION_RATE_BP), 3, '15 % of 20 is exactly 3, not 4');
    assert.equal(sampleSize(100, ROTATION_RATE_BP), 15);
    assert.equal(sampleSize(1, ROTATION_RATE_BP), 1);
    for (let n = 1; n <= 5000; n++) {
      const drawn = drawRotationSample(METERS.slice(0, n), `size-${n}`);
      assert.equal(drawn.total, n);
      assert.ok(isCeiling(drawn.sample.length, n, ROTATION_RATE_BP), `n=${n}: ${drawn.sample.length}`);
      assert.equal(new Set(drawn.sample).size, drawn.sample.length, `n=${n}: no meter twice`);
    }
  });

  it('checks every Class II meter and ceil(r × n3) Class III meters for every n from 1 to 5,000 and several r', () => {
    const rates = [CLASS3_MIN_BP, 2500, 3000, 3333, 10000];
    for (let n = 1; n <= 5000; n++) {
      const n2 = n % 7;
      const rate = rates[n % rates.length];
      const class2 = METERS.slice(0, n2);
      const class3 = METERS.slice(n2, n);
      const drawn = drawBatchSample({ class2, class3 }, `batch-${n}`, rate);
      assert.deepEqual(drawn.class2, class2, `n=${n}: every Class II meter`);
      assert.equal(drawn.class3Total, n - n2);
      assert.ok(isCeiling(drawn.class3.length, n - n2, rate), `n=${n}, r=${rate}: ${drawn.class3.length}`);
      const class3Set = new Set(class3);
      assert.ok(
        drawn.class3.every((m) => class3Set.has(m)),
        `n=${n}: Class III sample from Class III only`,
      );
      assert.equal(drawn.warnRate, rate > 3000);
    }
    assert.throws(() => drawBatchSample({ class2: [], class3: METERS.slice(0, 10) }, 's', 1999), /20–100 %/);
  });

  it('draws the same sample from the same seed, whatever the order (or repetition) of the meter list', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[0-9A-Z]{1,12}$/), { minLength: 1, maxLength: 300 }), fc.string(), fc.nat(), (meters, seed, shift) => {
        const first = drawRotationSample(meters, seed);
        assert.deepEqual(drawRotationSample(meters, seed), first);
        const rotated = [...meters.slice(shift % meters.length), ...meters.slice(0, shift % meters.length)].reverse();
        assert.deepEqual(drawRotationSample([...rotated, meters[0]], seed), first, 'permuted and with a repeated row');
        const half = Math.floor(meters.length / 2);
        const batch = drawBatchSample({ class2: meters.slice(0, half), class3: meters.slice(half) }, seed, 2500);
        assert.deepEqual(drawBatchSample({ class2: [...meters.slice(0, half)].reverse(), class3: [...meters.slice(half)].reverse() }, seed, 2500), batch);
      }),
      { numRuns: 300 },
    );
  });

  it('draws uniform integers by rejection (every value below m, none above)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 32 }), fc.string(), (m, seed) => {
        const next = mulberry32(seedState(seed));
        for (let i = 0; i < 20; i++) {
          const x = uniformBelow(next, m);
          assert.ok(Number.isInteger(x) && x >= 0 && x < m);
        }
      }),
    );
  });

  it('makes every meter equally likely over many seeds (chi-square at 1e-9), and the test catches a biased sampler', () => {
    const fair = meterCounts((seed) => drawRotationSample(CHI_METERS, seed).sample);
    assert.equal(
      fair.reduce((a, b) => a + b, 0),
      CHI_SEEDS * 3,
    );
    const statistic = chiSquare(fair, CHI_SEEDS * 3);
    assert.ok(statistic < CHI_CRITICAL_19DF_1E9, `fair sampler: chi-square ${statistic.toFixed(2)}`);

    // The classic off-by-one of Fisher–Yates (j never equals i): the same sizes, but not uniform.
    const biased = meterCounts((seed) => {
      const next = mulberry32(seedState(seed));
      const a = canonicalMeters(CHI_METERS);
      for (let i = 0; i < 3; i++) {
        const j = i + 1 + uniformBelow(next, a.length - i - 1);
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a.slice(0, 3);
    });
    const biasedStatistic = chiSquare(biased, CHI_SEEDS * 3);
    assert.ok(biasedStatistic > CHI_CRITICAL_19DF_1E9, `biased sampler: chi-square ${biasedStatistic.toFixed(2)} should fail`);
    // And the fair sampler's own partial shuffle is what drawFrom does.
    assert.deepEqual(drawFrom(canonicalMeters(CHI_METERS), 3, mulberry32(seedState('chi-0'))), drawRotationSample(CHI_METERS, 'chi-0').sample);
  });
});
