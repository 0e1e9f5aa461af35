import assert from 'node:assert/strict';
import fc from 'fast-check';
import { claimFromWindow, formatNumber, periodOf, resolveClaim, type SequenceNumbering } from '../addin/src/ledger/numbering';
import { CLAIM_WINDOW } from '../addin/src/ledger/layout';

const TS: SequenceNumbering = { kind: 'sequence', series: 'TS', format: 'TS-{YYYY}-{NNNN}', period: 'year', dateField: 'received_at' };
const JD: SequenceNumbering = { kind: 'sequence', series: 'JD', format: 'JD-{YYYYMMDD}-{NNN}', period: 'day', dateField: 'at' };
const BQ: SequenceNumbering = {
  kind: 'sequence',
  series: 'BQ',
  format: 'BQ-{scope}-{YYYYMMDD}-{NN}',
  period: 'day',
  dateField: 'date',
  scopeField: 'team_code',
};

describe('record numbers', () => {
  it('formats yearly, daily and per-team numbers as the brief lists them', () => {
    assert.equal(formatNumber(TS, periodOf(TS, '2026-03-15 09:30'), 1), 'TS-2026-0001');
    assert.equal(formatNumber(JD, periodOf(JD, '2026-03-15 09:30'), 27), 'JD-20260315-027');
    assert.equal(formatNumber(BQ, periodOf(BQ, '2026-03-15', 'T03'), 1), 'BQ-T03-20260315-01');
  });

  it('widens past the declared width instead of wrapping', () => {
    assert.equal(formatNumber(TS, '2026', 12345), 'TS-2026-12345');
  });

  it('restarts each period: the period key separates years, days and teams', () => {
    assert.notEqual(periodOf(TS, '2026-12-31 23:59'), periodOf(TS, '2027-01-01 00:00'));
    assert.notEqual(periodOf(BQ, '2026-03-15', 'T03'), periodOf(BQ, '2026-03-15', 'T04'));
  });
});

/**
 * A model of the claims table as Excel keeps it: claims are appended in the order the batches
 * reach the workbook; a confirmation writes the claim's number later (or never, when the second
 * request fails). Each claim reads the CLAIM_WINDOW rows ending with its own row, in its own batch.
 */
interface SimRow {
  period: string;
  seq: number | null;
}

function simulate(steps: readonly { kind: 'claim' | 'confirm' | 'fail'; client: number; period: string }[]) {
  const header = 100; // sheet row of the claims table's header
  const rows: SimRow[] = [{ period: '', seq: null }]; // the blank row of a fresh table
  const counters = new Map<string, { seq: number; row: number }>();
  const pending = new Map<number, { row: number; seq: number; period: string }[]>();
  const issued: { period: string; seq: number }[] = [];
  for (const step of steps) {
    const queue = pending.get(step.client) ?? [];
    if (step.kind === 'claim') {
      rows.push({ period: step.period, seq: null });
      const ourRow = header + rows.length; // sheet row of our claim
      const windowFirstRow = ourRow - CLAIM_WINDOW + 1;
      const values = [];
      for (let r = windowFirstRow; r <= ourRow; r++) {
        const row = rows[r - header - 1];
        values.push(row ? [row.period, 'station', 'at', row.seq ?? ''] : ['', '', '', '']);
      }
      const counter = counters.get(step.period);
      const { seq, claimRow } = claimFromWindow({ values, windowFirstRow, claimsHeaderRow: header, period: step.period, counter });
      assert.equal(claimRow, ourRow);
      queue.push({ row: ourRow, seq, period: step.period });
      pending.set(step.client, queue);
    } else {
      const claim = queue.shift();
      if (!claim) continue;
      if (step.kind === 'fail') continue; // the second request never reached the workbook
      rows[claim.row - header - 1].seq = claim.seq;
      const counter = counters.get(claim.period);
      if (!counter || counter.seq < claim.seq) counters.set(claim.period, { seq: claim.seq, row: claim.row });
      issued.push({ period: claim.period, seq: claim.seq });
    }
  }
  return issued;
}

describe('claims (co-authoring-safe numbering)', () => {
  it('numbers one clerk’s records 1, 2, 3 … per period', () => {
    const steps = ['2026', '2026', '2025', '2026'].flatMap((period) => [
      { kind: 'claim' as const, client: 0, period },
      { kind: 'confirm' as const, client: 0, period },
    ]);
    assert.deepEqual(simulate(steps), [
      { period: '2026', seq: 1 },
      { period: '2026', seq: 2 },
      { period: '2025', seq: 1 },
      { period: '2026', seq: 3 },
    ]);
  });

  it('gives two clerks who read at the same moment different numbers', () => {
    const issued = simulate([
      { kind: 'claim', client: 0, period: '2026' },
      { kind: 'claim', client: 1, period: '2026' },
      { kind: 'confirm', client: 1, period: '2026' },
      { kind: 'confirm', client: 0, period: '2026' },
    ]);
    assert.deepEqual(issued.map((i) => i.seq).sort(), [1, 2]);
  });

  it('keeps numbers unique and gap-free under any interleaving of up to 6 clients (no failures)', () => {
    const step = fc.record({
      kind: fc.constantFrom('claim' as const, 'confirm' as const),
      client: fc.integer({ min: 0, max: 5 }),
      period: fc.constantFrom('2025', '2026'),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        // Every claim is eventually confirmed: append confirmations for what is still pending.
        const all: { kind: 'claim' | 'confirm'; client: number; period: string }[] = [...steps];
        for (let client = 0; client < 6; client++) for (let i = 0; i < 300; i++) all.push({ kind: 'confirm', client, period: '2026' });
        const issued = simulate(all);
        for (const period of ['2025', '2026']) {
          const seqs = issued.filter((i) => i.period === period).map((i) => i.seq).sort((a, b) => a - b);
          assert.deepEqual(seqs, seqs.map((_, i) => i + 1), `period ${period}: ${seqs.join(',')}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps issued numbers unique when second requests fail (the lost numbers are never issued)', () => {
    const step = fc.record({
      kind: fc.constantFrom('claim' as const, 'confirm' as const, 'fail' as const),
      client: fc.integer({ min: 0, max: 3 }),
      period: fc.constantFrom('2026'),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), (steps) => {
        const issued = simulate(steps).map((i) => i.seq);
        assert.equal(new Set(issued).size, issued.length, `duplicates in ${issued.join(',')}`);
      }),
      { numRuns: 300 },
    );
  });

  it('anchors on the counter when the window holds only other periods', () => {
    const rows = Array.from({ length: CLAIM_WINDOW - 1 }, (_, i) => ({ row: 1000 + i, period: '2026', seq: 500 + i }));
    const seq = resolveClaim({
      period: '2025',
      rows: [...rows, { row: 1000 + CLAIM_WINDOW - 1, period: '2025', seq: null }],
      windowFirstRow: 1000,
      tableFirstRow: 10,
      counter: { seq: 41, row: 900 },
    });
    assert.equal(seq, 42);
  });
});
