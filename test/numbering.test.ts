import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addsCounterRow, claimFromWindow, formatNumber, periodOf, resolveClaim, type SequenceNumbering } from '../addin/src/ledger/numbering';
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
 * The claims table as Excel keeps it, around the real resolution (claimFromWindow) and the real
 * counter rule (addsCounterRow; a counter rises only from what its claim read — so confirmations out
 * of order can leave it behind, as the backends do): claims are appended in the order the batches
 * reach the workbook; a confirmation writes the claim's number later (or never, when the second
 * request fails). Each claim reads the CLAIM_WINDOW rows ending with its own row, and the rows above
 * when the resolution asks for them. The backends themselves are attacked in numberingAttacks.test.ts.
 */
interface SimRow {
  period: string;
  seq: number | null;
}

function simulate(steps: readonly { kind: 'claim' | 'confirm' | 'fail'; client: number; period: string }[]) {
  const header = 100; // sheet row of the claims table's header
  const rows: SimRow[] = [{ period: '', seq: null }]; // the blank row of a fresh table
  const counters = new Map<string, { seq: number; row: number }>();
  const pending = new Map<number, { row: number; seq: number; period: string; counter: { seq: number; row: number } | null }[]>();
  const issued: { period: string; seq: number }[] = [];
  const cells = (r: number) => {
    const row = rows[r - header - 1];
    return row ? [row.period, 'station', 'at', row.seq ?? ''] : ['', '', '', ''];
  };
  for (const step of steps) {
    const queue = pending.get(step.client) ?? [];
    if (step.kind === 'claim') {
      rows.push({ period: step.period, seq: null });
      const ourRow = header + rows.length; // sheet row of our claim
      let windowFirstRow = ourRow - CLAIM_WINDOW + 1;
      const values = [];
      for (let r = windowFirstRow; r <= ourRow; r++) values.push(cells(r));
      const counter = counters.get(step.period) ?? null;
      for (;;) {
        const outcome = claimFromWindow({ values, windowFirstRow, claimsHeaderRow: header, period: step.period, counter: counter ?? undefined });
        if ('seq' in outcome) {
          assert.equal(outcome.claimRow, ourRow);
          queue.push({ row: ourRow, seq: outcome.seq, period: step.period, counter });
          break;
        }
        const above = [];
        for (let r = outcome.readRows.from; r <= outcome.readRows.to; r++) above.push(cells(r));
        values.unshift(...above);
        windowFirstRow = outcome.readRows.from;
      }
      pending.set(step.client, queue);
    } else {
      const claim = queue.shift();
      if (!claim) continue;
      if (step.kind === 'fail') continue; // the second request never reached the workbook
      rows[claim.row - header - 1].seq = claim.seq;
      if (claim.counter ? claim.counter.seq < claim.seq : addsCounterRow(claim)) counters.set(claim.period, { seq: claim.seq, row: claim.row });
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
          const seqs = issued
            .filter((i) => i.period === period)
            .map((i) => i.seq)
            .sort((a, b) => a - b);
          assert.deepEqual(
            seqs,
            seqs.map((_, i) => i + 1),
            `period ${period}: ${seqs.join(',')}`,
          );
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

  it('anchors on the counter when the window holds only other periods, reading the claims between it and the window first', () => {
    const rows = Array.from({ length: CLAIM_WINDOW - 1 }, (_, i) => ({ row: 1000 + i, period: '2026', seq: 500 + i }));
    const window = {
      period: '2025',
      rows: [...rows, { row: 1000 + CLAIM_WINDOW - 1, period: '2025', seq: null }],
      windowFirstRow: 1000,
      tableFirstRow: 10,
      counter: { seq: 41, row: 900 },
    };
    assert.deepEqual(resolveClaim(window), { readRows: { from: 901, to: 999 } }, 'nothing is assumed of rows nobody read');
    // Rows 901–999: two claims of 2025 (one confirmed after the counter was written, one lost), the rest 2026.
    const above = Array.from({ length: 99 }, (_, i) => ({ row: 901 + i, period: i === 10 || i === 50 ? '2025' : '2026', seq: i === 10 ? 42 : null }));
    assert.deepEqual(resolveClaim({ ...window, rows: [...above, ...window.rows], windowFirstRow: 901 }), { seq: 44 });
  });

  it('counts from the first claim of the period when it has no counter and no confirmed claim in reach', () => {
    const window = {
      period: '2025',
      rows: [
        { row: 500, period: '2026', seq: 7 },
        { row: 501, period: '2025', seq: null },
      ],
      windowFirstRow: 500,
      tableFirstRow: 10,
    };
    assert.deepEqual(resolveClaim(window), { readRows: { from: 10, to: 499 } });
    assert.deepEqual(resolveClaim({ ...window, firstOfPeriodRow: 501 }), { seq: 1 }, 'ours is the first: no read');
    assert.deepEqual(resolveClaim({ ...window, firstOfPeriodRow: 300 }), { readRows: { from: 300, to: 499 } });
  });

  it('adds a counter row for the first claim of a period only', () => {
    assert.equal(addsCounterRow({ seq: 1, counter: null }), true);
    assert.equal(addsCounterRow({ seq: 2, counter: null }), false, 'another claim of the period came first: it adds the row');
    assert.equal(addsCounterRow({ seq: 1, counter: { seq: 1, row: 5 } }), false);
  });
});
