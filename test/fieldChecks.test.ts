import assert from 'node:assert/strict';
import { KefuError } from '../addin/src/core/problems';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { BATCH_CHECK_STEPS, ROTATION_CHECK_STEPS, fieldCheckProblems, fieldCheckReads, rectificationItems, type FieldStepResult } from '../addin/src/domain/fieldWork/fieldChecks';
import { RULES_QUERY } from '../addin/src/domain/performance/rules';
import { SAMPLE_SEPARATOR, drawBatchSample, drawRotationSample, splitMeters } from '../addin/src/domain/fieldWork/sampling';
import { monthlyPerformanceOperation } from '../addin/src/domain/performance/month';
import { columnsOf } from '../addin/src/forms/columns';
import { findForm } from '../addin/src/forms';
import type { RecordValues } from '../addin/src/ledger/cells';
import type { Ledger, Snapshot } from '../addin/src/ledger/types';
import { defaultClock, officeBackend, openOnHost, packageBackend, templateBytes, type Backend } from './support/backends';
import { runKefu } from './support/fixtures';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const context = { clock: defaultClock(), actor: { clerk: '装拆班李工', site: '城东供电中心' } };
const sig = (by: string) => ({ by, at: '2026-03-15 09:00' });

export const ROTATION_METERS = Array.from({ length: 20 }, (_, i) => `3300${String(20 - i).padStart(6, '0')}`);
export const BATCH_METERS = Array.from({ length: 10 }, (_, i) => ({ meter: `5100${String(i + 1).padStart(6, '0')}`, load: i < 3 ? 'class2' : 'class3' }));

function sheet(order: string, meter: string, kind: 'rotation' | 'batch_install', load?: string): RecordValues {
  return {
    work_order_no: `${order}-${meter}`,
    work_kind: kind,
    parent_order_no: order,
    account_no: `A${meter}`,
    account_name: '住户',
    name_check: 'match',
    new_meter_no: meter,
    new_reading: 0,
    load_class: load ?? null,
    collector_type: 'wireless',
    site_cleaned: true,
    install_date: '2026-03-10',
    voided: false,
  };
}

/** A ledger with a worker, a completed rotation order of 20 meters and a completed batch install of 10 (3 Class II), each sheet row interleaved with another order's. */
export async function seedOrders(ledger: Ledger, extra: { lines?: RecordValues[]; orders?: RecordValues[] } = {}): Promise<void> {
  const tables = ['workers', 'rotation_orders', 'batch_installs', 'installation_sheets', 'field_check_lines'];
  const basis = await ledger.read({ writes: tables });
  const order = { workers: 'WB001', done_date: '2026-03-10', status: 'completed', site_cleaned: true, team_code: 'T01', work_date: '2026-03-10', voided: false };
  const sheets: RecordValues[] = [];
  ROTATION_METERS.forEach((m, i) => {
    sheets.push(sheet('RO-0001', m, 'rotation'));
    if (i % 5 === 0) sheets.push(sheet('RO-0099', `9900${i}`, 'rotation'));
  });
  BATCH_METERS.forEach(({ meter, load }) => sheets.push(sheet('BI-0001', meter, 'batch_install', load)));
  await ledger.apply(
    {
      appends: {
        workers: [{ worker_id: 'WB001', name: '张师傅', team_code: 'T01', vendor_code: 'V01', base_cm: 100000, base_rot: 100000, base_bat: 100000, base_total: 300000 }],
        rotation_orders: [...(extra.orders ?? []), { ...order, order_no: 'RO-0001', due_date: '2026-03-12' }, { ...order, order_no: 'RO-0099', due_date: '2026-03-12' }],
        batch_installs: [{ ...order, order_no: 'BI-0001' }],
        installation_sheets: sheets,
        ...(extra.lines ? { field_check_lines: extra.lines } : {}),
      },
    },
    basis,
  );
}

type Step = Operation<unknown, unknown, FieldStepResult>;
const R = ROTATION_CHECK_STEPS as Record<string, Step>;
const B = BATCH_CHECK_STEPS as Record<string, Step>;

async function step(ledger: Ledger, operation: Step, no: string, fields: Record<string, unknown> = {}): Promise<FieldStepResult> {
  return (await runOperation(ledger, operation, { no, fields }, context)).result;
}

async function read(ledger: Ledger, table: string): Promise<RecordValues[]> {
  const form = findForm(table);
  const columns = form ? columnsOf(form).map((c) => c.key) : ['action', 'table', 'record', 'field', 'old_value', 'new_value'];
  const snapshot: Snapshot = await ledger.read({ tables: { [table]: { columns, rows: 'all' } } });
  return snapshot.tables[table].map((r) => r.values);
}

async function refused(promise: Promise<unknown>, kind: string): Promise<KefuError> {
  let caught: unknown;
  await promise.catch((e: unknown) => (caught = e));
  assert.ok(caught instanceof KefuError, `refused with ${kind}: ${String(caught)}`);
  assert.equal(caught.problems[0].kind, kind, caught.message);
  return caught;
}

async function perfLines(ledger: Ledger) {
  const outcome = (await runOperation(ledger, monthlyPerformanceOperation, { month: '2026-03', locale: 'zh-CN' }, context)).result;
  return outcome.result.workers.flatMap((w) => w.lines).map((l) => ({ item: l.itemCode, ref: l.basisRef }));
}

const BACKENDS_UNDER_TEST: readonly Backend[] = [officeBackend, packageBackend];

describe('W8 field checks: sample, check, sign, collection, rectification, assessment', function () {
  this.timeout(300_000);

  for (const backend of BACKENDS_UNDER_TEST) {
    it(`takes a rotation order through a failed spot check, rectification, re-check, a failed and a passed collection check to closing on the ${backend.name}`, async () => {
      const { ledger } = await backend.open(await templateBytes('zh-CN'));
      await seedOrders(ledger);
      await refused(step(ledger, R.check, 'RO-0001', { items_checked: 'screws_tight', checker: sig('李工') }), 'sampleNone');

      const sampled = await step(ledger, R.sample, 'RO-0001', { seed: 'seed-1', check_date: '2026-03-15' });
      assert.deepEqual([sampled.status, sampled.created], ['completed', 'RO-0001-CC1']);
      const expected = drawRotationSample(ROTATION_METERS, 'seed-1').sample;
      assert.equal(expected.length, 3, 'ceil(15 % × 20) = 3');
      let checks = await read(ledger, 'rotation_spot_checks');
      assert.deepEqual(
        { ...checks[0], created_at: undefined },
        {
          ...checks[0],
          created_at: undefined,
          entry_id: 'RO-0001-CC1',
          order_no: 'RO-0001',
          rotated_count: 20,
          sampled: 3,
          sample_seed: 'seed-1',
          sample_rule: 'W8-2026.1',
          sample: expected.join(SAMPLE_SEPARATOR),
          status: 'sampled',
        },
      );
      let lines = await read(ledger, 'field_check_lines');
      assert.deepEqual(
        lines.map((l) => [l.line_id, l.sampled_as, l.result]),
        expected.map((m) => [`RO-0001-CC1/${m}`, 'rotation_sample', null]),
      );

      // A meter outside the sample cannot fail; one sampled meter fails: 2/3 is below 98 %.
      const outsider = ROTATION_METERS.find((m) => !expected.includes(m))!;
      await refused(step(ledger, R.check, 'RO-0001', { items_checked: 'screws_tight', failed_meters: outsider, checker: sig('李工') }), 'meterNotInSample');
      const failed = await step(ledger, R.check, 'RO-0001', {
        items_checked: 'screws_tight,polarity_correct',
        checker: sig('李工'),
        lines: [{ meter_no: expected[1], items_failed: 'polarity_correct' }],
        defects: '极性反接',
      });
      assert.equal(failed.status, 'rectification');
      let [order] = (await read(ledger, 'rotation_orders')).filter((o) => o.order_no === 'RO-0001');
      assert.deepEqual([order.field_checked, order.field_passed, order.field_check_no], [3, 2, 'RO-0001-CC1']);
      lines = await read(ledger, 'field_check_lines');
      assert.deepEqual(
        lines.map((l) => l.result),
        expected.map((m) => (m === expected[1] ? 'fail' : 'pass')),
      );
      checks = await read(ledger, 'rotation_spot_checks');
      assert.deepEqual([checks[0].status, checks[0].passed, checks[0].items_failed, checks[0].failed_meters], ['checked', 2, ['polarity_correct'], expected[1]]);

      // kefu perf reads the counts the check wrote: ROT_QC against RO-0001, no import.
      assert.deepEqual(
        (await perfLines(ledger)).filter((l) => l.item === 'ROT_QC'),
        [{ item: 'ROT_QC', ref: 'RO-0001' }],
      );

      await refused(
        step(ledger, R['verify-collection'], 'RO-0001', { process_end_date: '2026-03-17', users_total: 20, users_collected: 20, checker: sig('江伟'), check_date: '2026-03-18' }),
        'wrongStatus',
      );
      assert.equal((await step(ledger, R.rectify, 'RO-0001', { rectified_on: '2026-03-16', rectification_note: '已重新接线' })).status, 'completed');
      const again = await step(ledger, R.sample, 'RO-0001', { check_date: '2026-03-17' });
      assert.equal(again.created, 'RO-0001-CC2');
      const passed = await step(ledger, R.check, 'RO-0001', { items_checked: 'screws_tight', checker: sig('李工') });
      assert.equal(passed.status, 'field_checked');
      [order] = (await read(ledger, 'rotation_orders')).filter((o) => o.order_no === 'RO-0001');
      assert.deepEqual([order.field_checked, order.field_passed], [3, 3]);
      assert.deepEqual(
        (await perfLines(ledger)).filter((l) => l.item === 'ROT_QC'),
        [],
        'the re-check passed',
      );

      const collection = { process_end_date: '2026-03-17', users_total: 20, users_collected: 18, checker: sig('江伟'), check_date: '2026-03-18' };
      await refused(step(ledger, R['verify-collection'], 'RO-0001', { ...collection, users_collected: 21 }), 'collectedAboveTotal');
      const low = await step(ledger, R['verify-collection'], 'RO-0001', collection);
      assert.deepEqual([low.status, low.created], ['rectification', 'RO-0001-CJ1']);
      assert.deepEqual(
        (await perfLines(ledger)).filter((l) => l.item === 'ROT_COLL'),
        [{ item: 'ROT_COLL', ref: 'RO-0001' }],
      );
      assert.equal((await step(ledger, R.rectify, 'RO-0001', { rectified_on: '2026-03-19', rectification_note: '采集器重新配置' })).status, 'field_checked');
      const ok = await step(ledger, R['verify-collection'], 'RO-0001', { ...collection, users_collected: 20, check_date: '2026-03-20' });
      assert.deepEqual([ok.status, ok.created], ['collection_verified', 'RO-0001-CJ2']);
      assert.equal((await step(ledger, R.assess, 'RO-0001')).status, 'assessed');
      assert.equal((await step(ledger, R.close, 'RO-0001')).status, 'closed');
      [order] = (await read(ledger, 'rotation_orders')).filter((o) => o.order_no === 'RO-0001');
      assert.deepEqual([order.status, order.collection_total, order.collection_ok, order.rectified_on], ['closed', 20, 20, '2026-03-19']);
      assert.deepEqual(
        (await read(ledger, 'collection_checks')).map((c) => [c.entry_id, c.users_collected, c.work_kind]),
        [
          ['RO-0001-CJ1', 18, 'rotation'],
          ['RO-0001-CJ2', 20, 'rotation'],
        ],
      );
      const audit = await read(ledger, 'audit_log');
      assert.ok(audit.some((a) => a.action === 'check' && a.table === 'rotation_orders' && a.field === 'field_passed' && a.new_value === '2'));
      assert.ok(audit.some((a) => a.action === 'create' && a.table === 'field_check_lines'));
    });

    it(`investigates a batch install (all Class II + 20 % of Class III), needs the three signatures before field checked, on the ${backend.name}`, async () => {
      const { ledger } = await backend.open(await templateBytes('zh-CN'));
      await seedOrders(ledger);
      const result = await step(ledger, B.sample, 'BI-0001', { seed: 'batch-seed', check_date: '2026-03-15', class3_rate: 40 });
      assert.equal(result.created, 'PC-2026-0001');
      assert.equal(result.warnings?.[0]?.kind, 'class3RateHigh', 'above 30 % warns');
      const drawn = drawBatchSample({ class2: BATCH_METERS.slice(0, 3).map((m) => m.meter), class3: BATCH_METERS.slice(3).map((m) => m.meter) }, 'batch-seed', 4000);
      const [record] = await read(ledger, 'investigations');
      assert.deepEqual([record.class2_total, record.class2_checked, record.class3_total, record.class3_checked, record.class3_rate, splitMeters(record.sample).length], [3, 3, 7, 3, 4000, 6]);
      assert.deepEqual(new Set(splitMeters(record.sample)), new Set([...drawn.class2, ...drawn.class3]));
      const lines = await read(ledger, 'field_check_lines');
      assert.deepEqual(lines.map((l) => l.sampled_as).sort(), ['class2_all', 'class2_all', 'class2_all', 'class3_sample', 'class3_sample', 'class3_sample']);

      const checked = await step(ledger, B.check, 'BI-0001', { items_checked: 'screws_tight', findings: '全部对应' });
      assert.equal(checked.status, 'completed', 'not field checked before the three signatures');
      const collection = { process_end_date: '2026-03-17', users_total: 10, users_collected: 10, checker: sig('江伟'), check_date: '2026-03-18' };
      await refused(step(ledger, B['verify-collection'], 'BI-0001', collection), 'wrongStatus');
      const unsigned = await refused(step(ledger, B.sign, 'BI-0001', { construction_sign: sig('施工方'), inspection_sign: sig('装拆班') }), 'required');
      assert.equal(unsigned.problems[0].field, 'property_sign_by');
      const signed = await step(ledger, B.sign, 'BI-0001', { construction_sign: sig('施工方'), inspection_sign: sig('装拆班'), property_sign: sig('物业王经理') });
      assert.equal(signed.status, 'field_checked');
      const [after] = await read(ledger, 'investigations');
      assert.deepEqual([after.status, after.passed, after.correspondence_failures, after.property_sign_by], ['signed', 6, 0, '物业王经理']);
    });

    it(`sends a batch install whose correspondence fails to rectification when it is signed, on the ${backend.name}`, async () => {
      const { ledger } = await backend.open(await templateBytes('zh-CN'));
      await seedOrders(ledger);
      await step(ledger, B.sample, 'BI-0001', { seed: 'batch-seed' });
      const [record] = await read(ledger, 'investigations');
      const meter = splitMeters(record.sample)[0];
      await step(ledger, B.check, 'BI-0001', { items_checked: 'screws_tight', lines: [{ meter_no: meter, correspondence_ok: 'no' }] });
      const signed = await step(ledger, B.sign, 'BI-0001', { construction_sign: sig('施工方'), inspection_sign: sig('装拆班'), property_sign: sig('物业') });
      assert.equal(signed.status, 'rectification');
      const [after] = await read(ledger, 'investigations');
      assert.equal(after.correspondence_failures, 1);
      const [line] = (await read(ledger, 'field_check_lines')).filter((l) => l.meter_no === meter);
      assert.deepEqual([line.result, line.correspondence_ok], ['fail', false]);
    });
  }

  it('kefu sample prints the recorded samples, says they redraw, and names the meters of a tampered one (exit 1); --seed only draws', async () => {
    const session = await packageBackend.open(await templateBytes('en-US'));
    await seedOrders(session.ledger);
    await step(session.ledger, R.sample, 'RO-0001', { seed: 'cli-seed', check_date: '2026-03-15' });
    await step(session.ledger, B.sample, 'BI-0001', { seed: 'cli-batch', check_date: '2026-03-15' });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-sample-'));
    const file = path.join(dir, 'ledger.xlsx');
    await fs.writeFile(file, await session.bytes());
    const expected = drawRotationSample(ROTATION_METERS, 'cli-seed').sample;

    const ok = await runKefu(['sample', file, 'RO-0001', '--locale', 'en-US']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, new RegExp(`RO-0001-CC1 \\(W8-2026\\.1, seed cli-seed\\): 3 meter\\(s\\) sampled: ${expected.join(SAMPLE_SEPARATOR)}`));
    assert.match(ok.stdout, /RO-0001-CC1: redrawn from its seed and rule version, the sample matches the record/);
    const batch = await runKefu(['sample', file, 'BI-0001', '--locale', 'zh-CN']);
    assert.equal(batch.code, 0, batch.stderr);
    assert.match(batch.stdout, /PC-2026-0001：按种子和规则版本重抽，与记录的样本一致/);

    const drawn = await runKefu(['sample', file, 'RO-0001', '--seed', 'cli-seed', '--locale', 'en-US']);
    assert.equal(drawn.code, 0, drawn.stderr);
    assert.match(drawn.stdout, new RegExp(`RO-0001 \\(W8-2026\\.1, seed cli-seed\\): 3 meter\\(s\\) sampled: ${expected.join(SAMPLE_SEPARATOR)}`));

    // A clerk swaps a sampled meter for another in the record: the redraw names both.
    const basis = await session.ledger.read({ tables: { rotation_spot_checks: { columns: ['entry_id', 'sample'], rows: 'all' } }, writes: ['rotation_spot_checks'] });
    const outsider = ROTATION_METERS.find((m) => !expected.includes(m))!;
    const tampered = [outsider, ...expected.slice(1)];
    await session.ledger.apply({ updates: [{ ref: basis.tables.rotation_spot_checks[0].ref, values: { sample: tampered.join('、') } }] }, basis);
    await fs.writeFile(file, await session.bytes());
    const bad = await runKefu(['sample', file, 'RO-0001', '--locale', 'en-US']);
    assert.equal(bad.code, 1, bad.stdout);
    assert.match(bad.stderr, new RegExp(`redrawn but not recorded: ${expected[0]}; recorded but not redrawn: ${outsider}`));
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('takes at most 2 requests for every step with 100,000 rows in the order tables and the check lines (Office.js, in-memory host)', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    const bulk = 100_000;
    const orders = Array.from({ length: bulk }, (_, i) => ({ order_no: `RX-${i}`, workers: 'WB001', due_date: '2026-01-10', done_date: '2026-01-09', status: 'closed', voided: false }));
    const lines = Array.from({ length: bulk }, (_, i) => ({
      line_id: `RX-${i}-CC1/M${i}`,
      check_no: `RX-${i}-CC1`,
      order_no: `RX-${i}`,
      meter_no: `M${i}`,
      sampled_as: 'rotation_sample',
      result: 'pass',
    }));
    await seedOrders(session.ledger, { orders, lines });
    const basis = await session.ledger.read({ writes: ['batch_installs'] });
    await session.ledger.apply({ appends: { batch_installs: orders.map((o) => ({ ...o, order_no: `BX-${o.order_no}` })) } }, basis);
    const syncs: Record<string, number> = {};
    const measured = async (label: string, operation: Step, no: string, fields: Record<string, unknown> = {}) => {
      session.client.resetStats();
      const result = await step(session.ledger, operation, no, fields);
      syncs[label] = session.client.stats.syncs;
      return result;
    };
    const collection = { process_end_date: '2026-03-17', users_total: 20, users_collected: 20, checker: sig('江伟'), check_date: '2026-03-18' };
    await measured('rotation.sample', R.sample, 'RO-0001', { seed: 's' });
    await measured('rotation.check', R.check, 'RO-0001', {
      items_checked: 'screws_tight',
      checker: sig('李工'),
      failed_meters: splitMeters((await read(session.ledger, 'rotation_spot_checks'))[0].sample)[0],
    });
    await measured('rotation.rectify', R.rectify, 'RO-0001', { rectified_on: '2026-03-16', rectification_note: '整改' });
    await measured('rotation.sample', R.sample, 'RO-0001', { seed: 's2' });
    await measured('rotation.check', R.check, 'RO-0001', { items_checked: 'screws_tight', checker: sig('李工') });
    await measured('rotation.verify-collection', R['verify-collection'], 'RO-0001', collection);
    await measured('rotation.assess', R.assess, 'RO-0001');
    await measured('rotation.close', R.close, 'RO-0001');
    await measured('batch.sample', B.sample, 'BI-0001', { seed: 'b' });
    await measured('batch.check', B.check, 'BI-0001', { items_checked: 'screws_tight' });
    await measured('batch.sign', B.sign, 'BI-0001', { construction_sign: sig('施工方'), inspection_sign: sig('装拆班'), property_sign: sig('物业') });
    assert.equal(Object.keys(syncs).length, 9);
    for (const [label, n] of Object.entries(syncs)) assert.ok(n <= 2, `${label}: ${n} syncs`);
  });

  it('reports field checks that break the guards for kefu check, and open rectifications for the queue', async () => {
    const { ledger } = await packageBackend.open(await templateBytes('zh-CN'));
    await seedOrders(ledger);
    const whole = async (kind: 'rotation' | 'batch') =>
      ledger.read({ tables: { ...Object.fromEntries(fieldCheckReads(kind).map((f) => [f.key, { columns: columnsOf(f).map((c) => c.key), rows: 'all' as const }])), rules: RULES_QUERY } });
    await step(ledger, R.sample, 'RO-0001', { seed: 'q' });
    const [check] = await read(ledger, 'rotation_spot_checks');
    await step(ledger, R.check, 'RO-0001', { items_checked: 'screws_tight', checker: sig('李工'), failed_meters: splitMeters(check.sample)[0] });
    let snapshot = await whole('rotation');
    assert.deepEqual(fieldCheckProblems(snapshot, 'rotation'), [], 'a failed check in rectification breaks no guard');
    assert.deepEqual(
      rectificationItems(snapshot, 'rotation', '2026-03-20 09:00').map((i) => [i.record, i.rule]),
      [['RO-0001', 'rectification']],
    );
    // Someone sets the order to field checked by hand, and swaps a sampled meter on the record.
    const basis = await ledger.read({
      tables: { rotation_orders: { columns: ['order_no'], rows: 'all' }, rotation_spot_checks: { columns: ['entry_id'], rows: 'all' } },
      writes: ['rotation_orders', 'rotation_spot_checks'],
    });
    const order = basis.tables.rotation_orders.find((r) => r.values.order_no === 'RO-0001')!;
    const outsider = ROTATION_METERS.find((m) => !splitMeters(check.sample).includes(m))!;
    await ledger.apply(
      {
        updates: [
          { ref: order.ref, values: { status: 'field_checked' } },
          { ref: basis.tables.rotation_spot_checks[0].ref, values: { sample: [outsider, ...splitMeters(check.sample).slice(1)].join('、') } },
        ],
      },
      basis,
    );
    snapshot = await whole('rotation');
    assert.deepEqual(
      fieldCheckProblems(snapshot, 'rotation').map((p) => p.kind),
      ['fieldCheckBelow', 'sampleMismatch'],
    );
    assert.deepEqual(rectificationItems(snapshot, 'rotation', '2026-03-20 09:00'), []);

    // A batch install field checked whose investigation lacks a signature.
    await step(ledger, B.sample, 'BI-0001', { seed: 'b' });
    await step(ledger, B.check, 'BI-0001', { items_checked: 'screws_tight' });
    await step(ledger, B.sign, 'BI-0001', { construction_sign: sig('施工方'), inspection_sign: sig('装拆班'), property_sign: sig('物业') });
    assert.deepEqual(fieldCheckProblems(await whole('batch'), 'batch'), []);
    const signed = await ledger.read({ tables: { investigations: { columns: ['investigation_no'], rows: 'all' } }, writes: ['investigations'] });
    await ledger.apply({ updates: [{ ref: signed.tables.investigations[0].ref, values: { property_sign_by: null } }] }, signed);
    const problems = fieldCheckProblems(await whole('batch'), 'batch');
    assert.deepEqual(
      problems.map((p) => [p.kind, p.field]),
      [['investigationUnsigned', 'property_sign_by']],
    );
  });
});
