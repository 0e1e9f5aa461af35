import assert from 'node:assert/strict';
import { OperationTicket, runOperation, type OperationContext } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { voidRecord } from '../addin/src/domain/workflows';
import { hostWorkbookFromXlsx, type HostWorkbook } from '../addin/src/host';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import { operationRunner, outcomeNote, failureNote } from '../addin/src/taskpane/operationRunner';
import { ui } from '../addin/src/i18n/ui';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import { defaultClock, openOnHost, templateBytes, type OfficeSession } from './support/backends';
import { complaintInput } from './support/fixtures';

/**
 * Issue 14 item 2: every operation carries an id made before its first request, written with its
 * rows (the audit log's `op`), so that a retry after a write whose answer was lost — and whose
 * check failed too — finds the earlier attempt and reports it instead of writing the record again.
 */
describe('operation ids: a retry never makes a record twice (issue 14 item 2)', function () {
  this.timeout(120_000);
  const context: OperationContext = { clock: defaultClock(), actor: { clerk: '王丽' } };
  let template: HostWorkbook;
  beforeEach(async () => {
    template = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
  });

  const complaintsIn = async (session: OfficeSession) =>
    (await session.ledger.read({ tables: { complaints: { columns: ['ticket_no', 'content', 'voided'], rows: 'all' } } })).tables.complaints.map((r) => r.values);
  const auditOf = async (session: OfficeSession) =>
    (await session.ledger.read({ tables: { [AUDIT_TABLE]: { columns: ['action', 'record', 'op'], rows: 'all' } } })).tables[AUDIT_TABLE].map((r) => r.values);
  /** The write (request 2) applied with its answer lost, and the look for it after (request 3) failing. */
  const loseWriteAndCheck = (session: OfficeSession) => {
    session.client.loseResponseAtSync(2);
    session.client.failAtSync(3);
  };

  it('the finding: a retry as a new operation registers the complaint twice', async () => {
    const session = await openOnHost(template);
    loseWriteAndCheck(session);
    await assert.rejects(runOperation(session.ledger, registerComplaint, complaintInput(), context));
    await runOperation(session.ledger, registerComplaint, complaintInput(), context);
    assert.deepEqual(
      (await complaintsIn(session)).map((c) => c.ticket_no),
      ['TS-2026-0001', 'TS-2026-0002'],
    );
  });

  it('a retry with the same ticket finds the earlier attempt and reports its number; one complaint, one audit entry', async () => {
    const session = await openOnHost(template);
    const ticket = new OperationTicket();
    loseWriteAndCheck(session);
    await assert.rejects(runOperation(session.ledger, registerComplaint, complaintInput(), context, { ticket }));
    assert.equal(ticket.uncertain, true);
    session.client.resetStats();
    const again = await runOperation(session.ledger, registerComplaint, complaintInput(), context, { ticket });
    assert.equal(again.result.number, 'TS-2026-0001');
    assert.equal(again.earlier, true);
    assert.equal(session.client.stats.syncs, 1, 'one request: the look-up, nothing written');
    assert.equal(ticket.uncertain, false);
    assert.deepEqual(
      (await complaintsIn(session)).map((c) => c.ticket_no),
      ['TS-2026-0001'],
    );
    const created = (await auditOf(session)).filter((e) => e.action === 'create');
    assert.deepEqual(
      created.map((e) => [e.record, e.op]),
      [['TS-2026-0001', `${ticket.id}.1`]],
    );
  });

  it('a retry whose earlier attempt never reached Excel writes the record, once', async () => {
    const session = await openOnHost(template);
    const ticket = new OperationTicket();
    session.client.failAtSync(2); // the write never arrives
    session.client.failAtSync(3); // nor the look after it: the outcome is unknown
    await assert.rejects(runOperation(session.ledger, registerComplaint, complaintInput(), context, { ticket }));
    assert.equal(ticket.uncertain, true);
    const again = await runOperation(session.ledger, registerComplaint, complaintInput(), context, { ticket });
    assert.equal(again.earlier, undefined);
    assert.equal((await complaintsIn(session)).length, 1);
    assert.deepEqual(
      (await auditOf(session)).filter((e) => e.action === 'create').map((e) => e.op),
      [`${ticket.id}.2`],
    );
  });

  it('a retry of the first record of a fresh table fills its blank row: its own earlier claim is not another clerk in flight', async () => {
    const session = await openOnHost(template);
    const ticket = new OperationTicket();
    session.client.failAtSync(2);
    session.client.failAtSync(3);
    await assert.rejects(runOperation(session.ledger, registerComplaint, complaintInput(), context, { ticket }));
    const again = await runOperation(session.ledger, registerComplaint, complaintInput(), context, { ticket });
    assert.equal(again.appended[0].address.replace(/:.*/, ''), '投诉处理单!A2');
    assert.equal(template.table('complaints').bodyValues().length, 1, 'no blank row left above the record');
  });

  it('a look-up that fails leaves the ticket uncertain; the next retry looks again', async () => {
    const session = await openOnHost(template);
    const ticket = new OperationTicket();
    loseWriteAndCheck(session);
    await assert.rejects(runOperation(session.ledger, registerComplaint, complaintInput(), context, { ticket }));
    session.client.failAtSync(1); // the retry's look-up
    await assert.rejects(runOperation(session.ledger, registerComplaint, complaintInput(), context, { ticket }));
    assert.equal(ticket.uncertain, true);
    const third = await runOperation(session.ledger, registerComplaint, complaintInput(), context, { ticket });
    assert.equal(third.earlier, true);
    assert.equal((await complaintsIn(session)).length, 1);
  });

  it('a void retried after its answer was lost is reported as done, not refused as already void', async () => {
    const session = await openOnHost(template);
    const { result } = await runOperation(session.ledger, registerComplaint, complaintInput(), context);
    const ticket = new OperationTicket();
    const input = { no: result.number, reason: '重复登记' };
    loseWriteAndCheck(session);
    await assert.rejects(runOperation(session.ledger, voidRecord('complaints'), input, context, { ticket }));
    const again = await runOperation(session.ledger, voidRecord('complaints'), input, context, { ticket });
    assert.equal(again.earlier, true);
    // One entry per changed field, all from the first attempt: nothing written twice.
    const voids = (await auditOf(session)).filter((e) => e.action === 'void');
    assert.ok(voids.length > 0);
    assert.deepEqual([...new Set(voids.map((e) => e.op))], [`${ticket.id}.1`]);
  });

  it('a change set split into several requests carries its tag only in the last: finding it means the whole of it is written', async () => {
    const session = await openOnHost(template, { maxRequestBytes: 16 * 1024 });
    const at = '2026-03-15 10:00';
    const workers = Array.from({ length: 120 }, (_, i) => ({ worker_id: `W${String(i).padStart(4, '0')}`, name: `工人${i}`, created_at: at, created_by: '王丽', voided: false }));
    const entries = workers.map((w) => ({ at: `${at}:00`, who: '王丽', action: 'create', table: 'workers', record: w.worker_id, field: '*', oldValue: '', newValue: w.name, op: 'abcdefghij.1' }));
    const basis = await session.ledger.read({ writes: ['workers'] });
    session.client.resetStats();
    session.client.failAtSync(3); // a later request never arrives: the first ones are in
    await assert.rejects(session.ledger.apply({ appends: { workers }, audit: entries, rowAudit: { table: 'workers', from: 0 } }, basis));
    const written = (await auditOf(session)).filter((e) => e.action === 'create');
    assert.ok(written.length > 0, 'the first requests wrote rows with their entries');
    assert.ok(
      written.every((e) => /^abcdefghij\.1~\d+$/.test(String(e.op))),
      'each with the tag of its part',
    );
    assert.equal(await session.ledger.findOperation!(['abcdefghij.1']), undefined, 'not found: the change set is not whole');
  });

  describe('the pane (taskpane/operationRunner.ts)', () => {
    it('retries an ambiguous failure once by itself and tells the clerk the earlier attempt was saved', async () => {
      const session = await openOnHost(template);
      const runner = operationRunner();
      loseWriteAndCheck(session);
      const done = await runner.run(session.ledger, registerComplaint, complaintInput(), context);
      assert.equal(done.retried, true);
      assert.equal(done.earlier, true);
      assert.equal(done.result.number, 'TS-2026-0001');
      assert.equal(outcomeNote(done, 'zh-CN'), `${ui('triedAgain', 'zh-CN')} ${ui('savedByEarlierAttempt', 'zh-CN')}`);
      assert.equal((await complaintsIn(session)).length, 1);
    });

    it('after two ambiguous failures says pressing again is safe, and pressing again with the same input saves once', async () => {
      const session = await openOnHost(template);
      const runner = operationRunner();
      loseWriteAndCheck(session);
      session.client.failAtSync(4); // the automatic retry's look-up
      await assert.rejects(runner.run(session.ledger, registerComplaint, complaintInput(), context));
      assert.equal(runner.uncertain(), true);
      assert.equal(failureNote(runner.uncertain(), 'en-US'), ui('maybeSavedTryAgain', 'en-US'));
      const done = await runner.run(session.ledger, registerComplaint, complaintInput(), context);
      assert.equal(done.earlier, true);
      assert.equal(outcomeNote(done, 'en-US'), ui('savedByEarlierAttempt', 'en-US'));
      assert.equal((await complaintsIn(session)).length, 1);
      // A different input is a new operation: it is registered.
      const other = await runner.run(session.ledger, registerComplaint, complaintInput({ content: '走廊灯不亮' }), context);
      assert.equal(other.result.number, 'TS-2026-0002');
    });

    it('a refusal or a failed read is not uncertain: nothing was written', async () => {
      const session = await openOnHost(template);
      const runner = operationRunner();
      session.client.failAtSync(1);
      await assert.rejects(runner.run(session.ledger, registerComplaint, complaintInput(), context));
      assert.equal(runner.uncertain(), false);
      assert.equal(failureNote(runner.uncertain(), 'zh-TW'), ui('noChange', 'zh-TW'));
    });
  });

  it('the command line writes the operation id too (the part-level backend)', async () => {
    const ledger = await PackageLedger.fromBuffer(Buffer.from(await templateBytes('en-US')), { station: 'cli', clock: defaultClock() });
    await runOperation(ledger, registerComplaint, complaintInput(), context);
    const audit = (await ledger.read({ tables: { [AUDIT_TABLE]: { columns: ['action', 'op'], rows: 'all' } } })).tables[AUDIT_TABLE];
    assert.match(String(audit.find((r) => r.values.action === 'create')?.values.op), /^[0-9a-z]{10}\.1$/);
  });
});
