import assert from 'node:assert/strict';
import { columnsOf } from '../addin/src/forms/columns';
import { complaints } from '../addin/src/forms/complaints';
import { columnLetters } from '../addin/src/ledger/xlsx/xlsxLedger';
import fc from 'fast-check';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { seededRandom, demoComplaint } from '../addin/src/domain/demo';
import { hostWorkbookFromXlsx, type HostWorkbook } from '../addin/src/host';
import { AUDIT_TABLE, claimsTableName } from '../addin/src/ledger/layout';
import type { Ledger } from '../addin/src/ledger/types';
import { KefuError } from '../addin/src/core/problems';
import type { RecordValues } from '../addin/src/ledger/cells';
import { defaultClock, openOnHost, templateBytes, type OfficeSession } from './support/backends';
import { complaintInput } from './support/fixtures';

/** The last column letter of the complaints table, as declared (user columns come after it). */
const LAST = columnLetters(columnsOf(complaints).length);

const context = { clock: defaultClock(), actor: { clerk: '王丽' } };

/** Existing complaints of the previous year, written in bulk through the backend itself. */
async function seedComplaints(ledger: Ledger, count: number): Promise<void> {
  const random = seededRandom(7);
  const basis = await ledger.read({ writes: ['complaints'] });
  const records: RecordValues[] = Array.from({ length: count }, (_, i) => {
    const input = demoComplaint(random, 2025);
    const prepared = registerComplaint.prepare(input, context);
    return { ...prepared.values, ticket_no: `TS-2025-${String(i + 1).padStart(5, '0')}`, status: 'archived', voided: false };
  });
  await ledger.apply({ appends: { complaints: records } }, basis);
}

async function counts(ledger: Ledger) {
  const snapshot = await ledger.read({
    tables: {
      complaints: { columns: ['ticket_no'], rows: 'all' },
      [AUDIT_TABLE]: { columns: ['action', 'record'], rows: 'all' },
      [claimsTableName('TS')]: { columns: ['period', 'seq'], rows: 'all' },
    },
  });
  return {
    numbers: snapshot.tables.complaints.map((r) => String(r.values.ticket_no)),
    audited: snapshot.tables[AUDIT_TABLE].filter((r) => r.values.action === 'create').map((r) => String(r.values.record)),
    confirmed: snapshot.tables[claimsTableName('TS')].filter((r) => r.values.seq !== null).length,
  };
}

describe('Office.js backend on the in-memory host', function () {
  this.timeout(300_000);

  let template: HostWorkbook;
  beforeEach(async () => {
    template = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
  });

  for (const existing of [10, 1000]) {
    it(`registers a complaint in 2 requests with ${existing} existing complaints, with a payload that does not grow`, async () => {
      const session = await openOnHost(template);
      await seedComplaints(session.ledger, existing);
      await register(session); // the claims table and counters exist from now on
      session.client.resetStats();
      const outcome = await register(session);
      assert.equal(outcome.result.number, 'TS-2026-0002');
      const stats = session.client.stats;
      assert.equal(stats.syncs, 2);
      const bytes = stats.requestBytes + stats.responseBytes;
      // About 15.7 KB, and 7.8 KB more for the validations written on the new row (issue 14 item 4: office/columnValidation.ts).
      assert.ok(bytes < 24 * 1024, `payload ${bytes} bytes`);
      // The seeded rows (an append without a claim) went below the fresh table's blank row, which stays blank.
      assert.equal(outcome.appended[0].address, `投诉处理单!A${existing + 4}:${LAST}${existing + 4}`);
    });
  }

  it('reports a registration whose last request Excel applied but whose answer was lost as done, once (issue 14 item 2)', async () => {
    const session = await openOnHost(template);
    session.client.loseResponseAtSync(2); // the request that writes the record and confirms its number
    const outcome = await register(session);
    assert.equal(outcome.result.number, 'TS-2026-0001');
    assert.equal(outcome.recovered, true);
    // A request that never reached Excel is a failure, and nothing was written.
    session.client.failAtSync(2);
    await assert.rejects(register(session), /Injected failure at sync/);
    assert.equal((await register(session)).result.number, 'TS-2026-0003');
    const { numbers, audited } = await counts(session.ledger);
    assert.deepEqual(numbers, ['TS-2026-0001', 'TS-2026-0003']);
    assert.deepEqual(audited, numbers);
  });

  it('registers while a user is typing in a cell: its requests wait for the edit to end, then land (delayForCellEdit)', async () => {
    const session = await openOnHost(template);
    template.beginCellEdit('投诉处理单', 'D7');
    let done = false;
    const registering = register(session).then((outcome) => ((done = true), outcome));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(done, false, 'held while the user edits');
    assert.equal(template.table('complaints').bodyValues()[0][0], null, 'nothing written yet');
    template.endCellEdit();
    const outcome = await registering;
    assert.equal(outcome.result.number, 'TS-2026-0001');
    const { numbers, audited } = await counts(session.ledger);
    assert.deepEqual([numbers, audited], [['TS-2026-0001'], ['TS-2026-0001']]);
    // Without the option Excel fails the batch at once, applying nothing.
    template.beginCellEdit('投诉处理单', 'D7');
    await assert.rejects(
      session.client.run(async (context) => {
        context.workbook.worksheets.getItem('投诉处理单').getRange('ZZ900').values = [['x']];
      }),
      { code: 'InvalidOperationInCellEditMode' },
    );
    template.endCellEdit();
    assert.equal(template.worksheet('投诉处理单').at('ZZ900'), undefined);
  });

  it('refuses, writing nothing, to register over a note a user put below the table, naming its cell (issue 14 item 4)', async () => {
    const session = await openOnHost(template);
    await register(session); // TS-2026-0001 fills the fresh table's blank row (row 2)
    const sheet = template.worksheet('投诉处理单');
    // A note two rows below the table: the next registration takes row 3, the one after would take row 4.
    template.setCells(sheet, 'C4', [['回访时再问一次']]);
    assert.equal((await register(session)).result.number, 'TS-2026-0002');
    const before = session.client.stats.syncs;
    await assert.rejects(register(session), (e: unknown) => {
      assert.ok(e instanceof KefuError, String(e));
      assert.equal(e.problems[0].kind, 'cellInTheWay');
      assert.match(e.describe('zh-CN')[0], /“投诉处理单”的单元格 C4 已有内容/);
      return true;
    });
    assert.equal(session.client.stats.syncs - before, 1, 'refused after reading, before writing');
    assert.equal(sheet.at('C4')?.value, '回访时再问一次', 'the note is still there');
    const { numbers, audited } = await counts(session.ledger);
    assert.deepEqual(numbers, ['TS-2026-0001', 'TS-2026-0002']);
    assert.deepEqual(audited, numbers);
    // Moved away, the registration goes through, with the next number.
    template.setCells(sheet, 'C4', [[null]]);
    assert.equal((await register(session)).result.number, 'TS-2026-0004');
  });

  it('refuses, writing nothing, to register below a table whose first column a user added: Excel would not take the row in (office-js #2097)', async () => {
    const session = await openOnHost(template);
    await register(session); // TS-2026-0001 fills the fresh table's blank row
    // A user inserts a column of their own at the table's left.
    await session.client.run(async (context) => {
      context.workbook.tables.getItem('complaints').columns.add(0, undefined, '我的标记');
    });
    const before = template.table('complaints').bodyRowCount;
    await assert.rejects(register(session), (e: unknown) => {
      assert.ok(e instanceof KefuError, String(e));
      assert.equal(e.problems[0].kind, 'firstColumnNotLedgers');
      assert.match(e.describe('zh-CN')[0], /第一列“我的标记”不是台账的列/);
      return true;
    });
    assert.equal(template.table('complaints').bodyRowCount, before);
    const sheet = template.worksheet('投诉处理单');
    assert.equal([...sheet.cellsIn({ top: before + 1, left: 0, bottom: before + 5, right: 60 })].filter(([, , c]) => c.value !== null).length, 0, 'nothing below the table');
    const { numbers, audited } = await counts(session.ledger);
    assert.deepEqual([numbers, audited], [['TS-2026-0001'], ['TS-2026-0001']]);
  });

  it('checks every row a large append needs below the table, in one more request, before writing any', async () => {
    const session = await openOnHost(template);
    const sheet = template.worksheet('采集器维护日报');
    template.setCells(sheet, 'B300', [['备注']]);
    const basis = await session.ledger.read({ writes: ['collector_daily'] });
    const rows = Array.from({ length: 500 }, (_, i) => ({ entry_id: `E${i}`, date: '2026-03-01', worker_id: 'WB001', collector_type: 'wireless', maintained: 8, succeeded: 7 }));
    await assert.rejects(session.ledger.apply({ appends: { collector_daily: rows } }, basis), (e: unknown) => e instanceof KefuError && e.problems[0].params?.cell === 'B300');
    assert.equal((await session.ledger.read({ tables: { collector_daily: { columns: ['entry_id'], rows: 'all' } } })).tables.collector_daily.filter((r) => r.values.entry_id).length, 0);
  });

  it('moves the same bytes at 1000 existing complaints as at 10: nothing reads the whole table', async () => {
    const sizes: number[] = [];
    for (const existing of [10, 1000]) {
      const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
      await seedComplaints(session.ledger, existing);
      await register(session);
      session.client.resetStats();
      await register(session);
      sizes.push(session.client.stats.responseBytes);
    }
    assert.ok(Math.abs(sizes[0] - sizes[1]) < 64, `response bytes ${sizes.join(' vs ')}`);
  });

  for (const failing of [1, 2]) {
    it(`leaves the whole record or none of it when request ${failing} of 2 fails`, async () => {
      const session = await openOnHost(template);
      await register(session);
      const before = await counts(session.ledger);
      session.client.failAtSync(failing);
      await assert.rejects(register(session), /injected/i);
      const after = await counts(session.ledger);
      assert.deepEqual(after, before, 'no row, no audit entry, no confirmed claim');
      const next = await register(session);
      assert.equal(next.result.number, failing === 1 ? 'TS-2026-0002' : 'TS-2026-0003', 'a number claimed by the failed request is never issued');
      const final = await counts(session.ledger);
      assert.deepEqual(final.numbers, final.audited, 'every record has its audit entry');
    });
  }

  it('gives 1,000 distinct numbers to two clerks registering 500 complaints each, interleaved', async () => {
    const a = await openOnHost(template, { station: 'clerk-a' });
    const b = await openOnHost(template, { station: 'clerk-b' });
    for (let i = 0; i < 500; i++) {
      // Both read (claim) before either writes: the worst case for a read-then-write counter.
      const inputA = registerComplaint.prepare(complaintInput({ content: `A${i}` }), context);
      const inputB = registerComplaint.prepare(complaintInput({ content: `B${i}` }), context);
      const snapA = await a.ledger.read(registerComplaint.request(inputA, context));
      const snapB = await b.ledger.read(registerComplaint.request(inputB, context));
      const first = i % 2 === 0 ? ([b, snapB, inputB] as const) : ([a, snapA, inputA] as const);
      const second = i % 2 === 0 ? ([a, snapA, inputA] as const) : ([b, snapB, inputB] as const);
      for (const [session, snapshot, input] of [first, second]) {
        await session.ledger.apply(registerComplaint.decide(snapshot, input, context).changes, snapshot);
      }
    }
    const result = await counts(a.ledger);
    assert.equal(result.numbers.length, 1000);
    assert.equal(new Set(result.numbers).size, 1000);
    assert.deepEqual(
      [...result.numbers].sort(),
      Array.from({ length: 1000 }, (_, i) => `TS-2026-${String(i + 1).padStart(4, '0')}`),
    );
    assert.deepEqual([...result.audited].sort(), [...result.numbers].sort());
  });

  it('keeps numbers unique for random interleavings of three clerks, with failures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ clerk: fc.integer({ min: 0, max: 2 }), step: fc.constantFrom('read', 'apply', 'fail') }), { maxLength: 40 }), async (steps) => {
        const workbook = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
        const sessions = await Promise.all([0, 1, 2].map((i) => openOnHost(workbook, { station: `c${i}` })));
        const pending = sessions.map(() => [] as { snapshot: Awaited<ReturnType<Ledger['read']>>; input: ReturnType<typeof registerComplaint.prepare> }[]);
        const issued: string[] = [];
        for (const { clerk, step } of steps) {
          if (step === 'read') {
            const input = registerComplaint.prepare(complaintInput(), context);
            pending[clerk].push({ snapshot: await sessions[clerk].ledger.read(registerComplaint.request(input, context)), input });
            continue;
          }
          const next = pending[clerk].shift();
          if (!next) continue;
          const { changes, result } = registerComplaint.decide(next.snapshot, next.input, context);
          if (step === 'fail') {
            sessions[clerk].client.failAtSync(1);
            await assert.rejects(sessions[clerk].ledger.apply(changes, next.snapshot));
          } else {
            await sessions[clerk].ledger.apply(changes, next.snapshot);
            issued.push(result.number);
          }
        }
        const { numbers } = await counts(sessions[0].ledger);
        assert.deepEqual([...numbers].sort(), [...issued].sort());
        assert.equal(new Set(numbers).size, numbers.length);
      }),
      { numRuns: 40 },
    );
  });
});

function register(session: OfficeSession, overrides: Record<string, unknown> = {}) {
  return runOperation(session.ledger, registerComplaint, complaintInput(overrides), context);
}
