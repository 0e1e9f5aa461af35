import assert from 'node:assert/strict';
import { coauthorRun, FORM_KINDS } from './support/coauthorRun';

/**
 * Issue 14 "Done when", measured on a smaller run than the bench's (`npm run bench -- --only=coauthor`
 * runs 5 clients × 2,000): three clients on one workbook, mixed forms, periods in blocks, both kinds
 * of fault at the read, the write and the check after a failed write, the clerk trying again.
 */
describe('a random co-authoring run with faults and retries (issue 14)', function () {
  this.timeout(300_000);

  it('3 clients × 200 operations of five forms: no number twice, no record lost, none without its audit entry', async () => {
    const run = await coauthorRun({ seed: 20261214, clients: 3, operations: 200, faults: { probability: 0.3, at: ['read', 'write', 'check'] }, retries: true });
    // The run did what it says: every form, both fault kinds at every place, retries.
    for (const kind of FORM_KINDS)
      assert.ok(
        run.rows.some((r) => r.table === { complaint: 'complaints', reception: 'reception', loan: 'loans', broadcast: 'broadcasts', entry: 'free_entries' }[kind]),
        kind,
      );
    for (const place of ['read', 'write', 'check'])
      for (const fault of ['fail', 'lose'])
        assert.ok(
          Object.keys(run.faultCases).some((k) => k.endsWith(`.${place}.${fault}`)),
          `${place}.${fault}`,
        );
    assert.ok(run.retried > 0 && run.recovered > 0);
    assert.equal(run.abandoned, 0);

    assert.deepEqual(run.duplicatesBySeries, { TS: 0, JD: 0, JY: 0, XR: 0, MP: 0 });
    assert.equal(run.lost, 0, 'every number the clerk was told is in its table');
    assert.equal(run.unaudited, 0, 'every record has its audit entry');
    // A retry carries its operation's ticket: it finds an earlier attempt whose answer was lost instead of writing again.
    assert.equal(run.duplicatedRecords, 0, 'no record made twice from one input');
    assert.equal(run.unreported, 0, 'every record was reported to the clerk');
    assert.equal(run.refused, 0, 'no retried loan refused because its first attempt had lent the wheelchair');
    console.log(`      ${run.rows.length} rows, ${run.retried} retries, ${run.recovered} recovered; faults injected: ${run.faultsInjected}`);
  });

  it('counts a record made twice from one input, and a record the clerk was never told about', async () => {
    // Every write fails or loses its answer, and every check after it fails: each attempt is reported
    // as failed, and each attempt whose write Excel applied (answer lost) left a record. The clerk
    // types each again (a new operation each time), so nothing ties the attempts together.
    const run = await coauthorRun({ seed: 7, clients: 2, operations: 6, forms: ['complaint', 'entry'], faults: { probability: 1, at: ['check'] }, retries: true, sameTicket: false });
    const applied = Object.entries(run.faultCases)
      .filter(([k]) => k.endsWith('.write.lose'))
      .reduce((s, [, n]) => s + n, 0);
    assert.equal(run.succeeded, 0);
    assert.equal(run.abandoned, 12, 'each input tried 10 times');
    assert.ok(applied > 0);
    assert.equal(run.rows.length, applied);
    assert.equal(run.unreported, applied);
    assert.equal(run.duplicatedRecords, applied - new Set(run.rows.map((r) => r.mark)).size);
    assert.ok(run.duplicatedRecords > 0);
    assert.equal(run.duplicates, 0);
    assert.equal(run.unaudited, 0);
    assert.equal(run.lost, 0);
  });

  it('with the operation ticket, the same faults make each record once and report it', async () => {
    // As above, but the clerk retries in the same pane: the next attempt first looks for the lost one.
    const run = await coauthorRun({ seed: 7, clients: 2, operations: 6, forms: ['complaint', 'entry'], faults: { probability: 1, at: ['check'] }, retries: true });
    assert.ok(Object.keys(run.faultCases).some((k) => k.endsWith('.write.lose')));
    assert.equal(run.abandoned, 0);
    assert.equal(run.succeeded, 12);
    assert.equal(run.rows.length, 12);
    assert.equal(run.duplicatedRecords, 0);
    assert.equal(run.unreported, 0);
    assert.equal(run.lost, 0);
    assert.equal(run.unaudited, 0);
  });
});
