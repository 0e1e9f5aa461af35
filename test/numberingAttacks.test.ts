import assert from 'node:assert/strict';
import fc from 'fast-check';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { hostWorkbookFromXlsx, hostWorkbookToXlsx, type HostWorkbook } from '../addin/src/host';
import { COUNTERS_TABLE } from '../addin/src/ledger/layout';
import type { Ledger, Snapshot } from '../addin/src/ledger/types';
import { defaultClock, openOnHost, packageBackend, templateBytes, xlsxBackend, type OfficeSession } from './support/backends';
import { coauthorRun } from './support/coauthorRun';
import { complaintInput } from './support/fixtures';

/**
 * Issue 14 item 1: record numbers that cannot repeat, attacked through the real Office.js backend
 * on the in-memory host (no model of it): several clients on one workbook, each registration split
 * into its two requests (the claim, then the confirmation) so that the test decides the order in
 * which the workbook receives them.
 */

const context = { clock: defaultClock(), actor: { clerk: '王丽' } };

type Prepared = ReturnType<typeof registerComplaint.prepare>;
interface Claimed {
  readonly session: OfficeSession;
  readonly input: Prepared;
  readonly snapshot: Snapshot;
}

/** The first request of a registration: the claim (and the read of its window). */
async function claim(session: OfficeSession, year: number, content = '病房卫生间地面有积水'): Promise<Claimed> {
  const at = `${year}-03-15 09:30`;
  const input = registerComplaint.prepare(complaintInput({ received_at: at, receptionist: { by: '王丽', at }, content }), context);
  return { session, input, snapshot: await session.ledger.read(registerComplaint.request(input, context)) };
}

/** The second request: the record, its claim's number, the counter and the audit entry. */
async function confirm({ session, input, snapshot }: Claimed): Promise<string> {
  const { changes, result } = registerComplaint.decide(snapshot, input, context);
  await session.ledger.apply(changes, snapshot);
  return result.number;
}

async function register(session: OfficeSession, year: number): Promise<string> {
  return confirm(await claim(session, year));
}

async function ticketNumbers(ledger: Ledger): Promise<string[]> {
  const snapshot = await ledger.read({ tables: { complaints: { columns: ['ticket_no'], rows: 'all' } } });
  return snapshot.tables.complaints.map((r) => String(r.values.ticket_no));
}

function duplicates(numbers: readonly string[]): string[] {
  return numbers.filter((n, i) => numbers.indexOf(n) !== i);
}

async function freshWorkbook(): Promise<HostWorkbook> {
  return hostWorkbookFromXlsx(await templateBytes('zh-CN'));
}

describe('numbering under attack: the real Office.js backend, several clients, chosen orders (issue 14 item 1)', function () {
  this.timeout(300_000);

  it('two claims of one period confirmed out of order do not let a later claim reuse a number, after 70 claims of another period', async () => {
    const workbook = await freshWorkbook();
    const [a, b] = await Promise.all(['clerk-a', 'clerk-b'].map((station) => openOnHost(workbook, { station })));
    const issued = [await register(a, 2026)]; // TS-2026-0001: the counter exists
    const first = await claim(a, 2026);
    const second = await claim(b, 2026);
    issued.push(await confirm(second)); // 0003 confirmed first …
    issued.push(await confirm(first)); // … then 0002: the counter must not go back to it
    for (let i = 0; i < 70; i++) issued.push(await register(b, 2025));
    issued.push(await register(a, 2026));
    const numbers = await ticketNumbers(a.ledger);
    assert.deepEqual(duplicates(numbers), []);
    assert.deepEqual([...numbers].sort(), [...issued].sort());
    assert.equal(issued.at(-1), 'TS-2026-0004');
  });

  it('two first claims of a period racing leave one counter row for it, and the period goes on from both', async () => {
    const workbook = await freshWorkbook();
    const [a, b] = await Promise.all(['clerk-a', 'clerk-b'].map((station) => openOnHost(workbook, { station })));
    const first = await claim(a, 2026);
    const second = await claim(b, 2026);
    const issued = [await confirm(second), await confirm(first)];
    const counters = await a.ledger.read({ tables: { [COUNTERS_TABLE]: { columns: ['series_period'], rows: 'all' } } });
    assert.deepEqual(
      counters.tables[COUNTERS_TABLE].map((r) => r.values.series_period).filter((key) => key === 'TS/2026'),
      ['TS/2026'],
      'one counter row for the period',
    );
    for (let i = 0; i < 70; i++) issued.push(await register(b, 2025));
    issued.push(await register(b, 2026));
    assert.deepEqual(duplicates(await ticketNumbers(a.ledger)), []);
    assert.equal(issued.at(-1), 'TS-2026-0003');
  });

  it('a claim whose period’s last confirmed number lies far above its window counts every claim in between (a third request, only then)', async () => {
    const workbook = await freshWorkbook();
    const [a, b] = await Promise.all(['clerk-a', 'clerk-b'].map((station) => openOnHost(workbook, { station })));
    await register(a, 2026);
    // A claim of 2026 that is never confirmed (its second request is lost), then 70 of 2025.
    const lost = await claim(b, 2026);
    b.client.failAtSync(1);
    await assert.rejects(confirm(lost));
    for (let i = 0; i < 70; i++) await register(b, 2025);
    const before = a.client.stats.syncs;
    const number = await register(a, 2026);
    assert.equal(number, 'TS-2026-0003', 'the lost claim’s number (0002) stays unused: it may have been shown to a clerk');
    assert.equal(a.client.stats.syncs - before, 3, 'claim, the claims above the window, confirm');
    // While the window holds the period's last confirmed claim, two requests as always.
    const again = a.client.stats.syncs;
    assert.equal(await register(a, 2026), 'TS-2026-0004');
    assert.equal(a.client.stats.syncs - again, 2);
  });

  for (const backend of [packageBackend, xlsxBackend]) {
    it(`the ${backend.name} continues a workbook whose counter Excel left behind, reading the claims above its window`, async () => {
      const workbook = await freshWorkbook();
      const [a, b] = await Promise.all(['clerk-a', 'clerk-b'].map((station) => openOnHost(workbook, { station })));
      await register(a, 2026);
      const first = await claim(a, 2026);
      const second = await claim(b, 2026);
      await confirm(second); // 0003
      await confirm(first); // 0002: the counter stays at what a read (1) or rises to 2, behind 3
      for (let i = 0; i < 70; i++) await register(b, 2025);
      const file = await backend.open(await hostWorkbookToXlsx(workbook), { station: 'kefu' });
      const at = '2026-04-01 09:00';
      const input = registerComplaint.prepare(complaintInput({ received_at: at, receptionist: { by: '王丽', at } }), context);
      const snapshot = await file.ledger.read(registerComplaint.request(input, context));
      const { changes, result } = registerComplaint.decide(snapshot, input, context);
      await file.ledger.apply(changes, snapshot);
      assert.equal(result.number, 'TS-2026-0004');
      assert.deepEqual(duplicates(await ticketNumbers(file.ledger)), []);
    });
  }

  for (const backend of [packageBackend, xlsxBackend]) {
    it(`the ${backend.name} numbers a period with no counter from its first claim, however far above: a new year after 70 claims of the last, and one whose first claim was lost`, async () => {
      const workbook = await freshWorkbook();
      const [a, b] = await Promise.all(['clerk-a', 'clerk-b'].map((station) => openOnHost(workbook, { station })));
      const lost = await claim(b, 2027); // the period's first claim, never confirmed: no counter for 2027
      b.client.failAtSync(1);
      await assert.rejects(confirm(lost));
      for (let i = 0; i < 70; i++) await register(a, 2025);
      const file = await backend.open(await hostWorkbookToXlsx(workbook), { station: 'kefu' });
      const add = async (year: number) => {
        const at = `${year}-04-01 09:00`;
        const input = registerComplaint.prepare(complaintInput({ received_at: at, receptionist: { by: '王丽', at } }), context);
        const snapshot = await file.ledger.read(registerComplaint.request(input, context));
        const { changes, result } = registerComplaint.decide(snapshot, input, context);
        await file.ledger.apply(changes, snapshot);
        return result.number;
      };
      assert.equal(await add(2026), 'TS-2026-0001', 'no claim of 2026 anywhere: the first');
      assert.equal(await add(2027), 'TS-2027-0002', 'the lost first claim of 2027 is counted');
    });
  }

  it('never repeats a number in a long random run: 4 clients, periods in blocks, claims confirmed in any order, lost, or applied with their answer lost', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.shuffledSubarray(['2024-03-15', '2025-03-15', '2026-03-15'], { minLength: 2, maxLength: 3 }), async (seed, blocks) => {
        // Complaints only; half the writes fail (never reaching Excel) or are applied with their answer lost; no retry.
        const run = await coauthorRun({ seed, clients: 4, operations: 55, forms: ['complaint'], blocks, faults: { probability: 0.5, at: ['write'] } });
        const numbers = run.rows.map((r) => r.number);
        assert.deepEqual(duplicates(numbers), []);
        assert.deepEqual([...numbers].sort(), [...run.issued].sort(), 'every answer lost after its write is found in the workbook: the clerk is told the number');
        assert.deepEqual([...run.audited].sort(), [...numbers].sort(), 'every record has its audit entry, once');
      }),
      { numRuns: 20, seed: 20261205, endOnFailure: true },
    );
  });
});
