import assert from 'node:assert/strict';
import { fixedClock } from '../addin/src/core/clock';
import { KefuError, describeProblem } from '../addin/src/core/problems';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { accessibilityCheck, accessibilityQueue, postalRegister, recordAccessibilityCheck, recordPostal, rectifyAccessibility } from '../addin/src/domain/visitors/facilities';
import { checkLedger, ledgerCheckRequest, queueRequest, todoQueue } from '../addin/src/domain/workflowRuns';
import { WORKFLOWS } from '../addin/src/domain/workflows';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import type { Ledger } from '../addin/src/ledger/types';
import { openOnHost, templateBytes } from './support/backends';

/** Issue 13 item 5: the postal log (F14) and the accessibility checklist (F30). */

const context = { clock: fixedClock('2026-02-28 09:00:00', 0), actor: { clerk: '黄志刚' } };

async function hostLedger(): Promise<Ledger> {
  return (await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')))).ledger;
}

const run = <I, R>(ledger: Ledger, operation: Operation<I, unknown, R>, input: I) => runOperation(ledger, operation, input, context).then((o) => o.result);

async function refused(promise: Promise<unknown>): Promise<KefuError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KefuError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const postal = { entry_date: '2026-02-28', visitor: '孙淑兰', items: '纪念册两本', address: '杭州市文三路88号', staff: { by: '郑丽', at: '2026-02-28 10:00' } };

describe('The postal log (F14)', () => {
  it('registers an item DY-YYYY-NNNN, ships it once with the courier and tracking number, audited', async () => {
    const ledger = await hostLedger();
    const made = await run(ledger, recordPostal, postal);
    assert.equal(made.number, 'DY-2026-0001');
    const ship = postalRegister.steps.ship;
    const missing = await refused(run(ledger, ship, { no: made.number, fields: { courier: '顺丰速运' } }));
    assert.deepEqual(
      missing.problems.map((p) => [p.kind, p.field]),
      [['required', 'tracking_no']],
    );
    await run(ledger, ship, { no: made.number, fields: { courier: '顺丰速运', tracking_no: 'SF1234567890123', fee: '18.00' } });
    const again = await refused(run(ledger, ship, { no: made.number, fields: { courier: '中通', tracking_no: 'ZT1' } }));
    assert.equal(again.describe('zh-CN')[0], '“代邮登记”第 2 行“快递单号”：DY-2026-0001 已登记快递单号 SF1234567890123，不能再次寄出。');
    const row = (await ledger.read({ tables: { postal_log: { columns: ['courier', 'tracking_no', 'fee'], rows: 'all' } } })).tables.postal_log[0].values;
    assert.deepEqual(row, { courier: '顺丰速运', tracking_no: 'SF1234567890123', fee: 1800 });
    const audit = (await ledger.read({ tables: { audit_log: { columns: ['action', 'field'], rows: 'all' } } })).tables.audit_log.map((r) => r.values);
    assert.deepEqual(
      audit.filter((a) => a.action === 'ship').map((a) => a.field),
      ['courier', 'tracking_no', 'fee'],
    );
  });
});

const item = (fields: Record<string, unknown>) => ({
  check_date: '2026-02-20',
  item: 'anti_slip',
  location: '游客中心卫生间',
  usable: 'yes',
  checker: { by: '黄志刚', at: '2026-02-20 08:00' },
  ...fields,
});

describe('The accessibility checklist (F30)', () => {
  it('records one item per record; a defect needs its description, a usable item takes none; rectification comes later', async () => {
    const ledger = await hostLedger();
    assert.equal((await run(ledger, recordAccessibilityCheck, item({}))).number, 'WZ-2026-0001');
    const noDefect = await refused(run(ledger, recordAccessibilityCheck, item({ usable: 'no' })));
    assert.deepEqual(
      noDefect.problems.map((p) => [p.kind, p.field]),
      [['requiredWhen', 'defect']],
    );
    const usable = await refused(run(ledger, recordAccessibilityCheck, item({ defect: '防滑垫破损' })));
    assert.match(usable.describe('en-US')[0], /Accessibility checks, column "Defect": an item present and usable has no defect/);
    const early = await refused(run(ledger, recordAccessibilityCheck, item({ usable: 'no', defect: '破损', rectified_on: '2026-02-21' })));
    assert.deepEqual(
      early.problems.map((p) => p.kind),
      ['unknownField'],
    );
  });

  it('rectify: only a defect, once, not before its check, with its note and who confirmed it; open defects in the queue, overdue after 7 days', async () => {
    const ledger = await hostLedger();
    const ok = await run(ledger, recordAccessibilityCheck, item({}));
    const bad = await run(ledger, recordAccessibilityCheck, item({ usable: 'no', defect: '女卫生间防滑垫破损' }));
    const fields = (on: string) => ({ rectified_on: on, rectification_note: '已更换新防滑垫', rectified_by: '吴建平' });
    const queue = async (at: string) => todoQueue(WORKFLOWS, await ledger.read(queueRequest(WORKFLOWS)), at).filter((i) => i.table === 'accessibility_checks');
    const open = await queue('2026-02-27 23:59');
    assert.deepEqual(
      open.map((i) => [i.record, i.due, i.overdue, i.subject, i.person]),
      [[bad.number, '2026-02-27 23:59', false, '游客中心卫生间：女卫生间防滑垫破损', '黄志刚']],
    );
    assert.deepEqual(
      (await queue('2026-02-28 09:00')).map((i) => [i.record, i.overdue, i.minutesLate]),
      [[bad.number, true, 541]],
    );
    const report = checkLedger(WORKFLOWS, await ledger.read(ledgerCheckRequest(WORKFLOWS)), '2026-02-28 09:00');
    assert.ok(report.warnings.some((p) => p.kind === 'overdueItem' && p.form === 'accessibility_checks' && p.params?.record === bad.number));

    const kinds = async (no: string, f: Record<string, unknown>) => (await refused(run(ledger, rectifyAccessibility, { no, fields: f }))).problems.map((p) => [p.kind, p.field]);
    assert.deepEqual(await kinds(ok.number, fields('2026-02-21')), [['nothingToRectify', 'usable']]);
    assert.deepEqual(await kinds(bad.number, fields('2026-02-19')), [['notBefore', 'rectified_on']]);
    assert.deepEqual(await kinds(bad.number, { rectified_on: '2026-02-21' }), [
      ['required', 'rectification_note'],
      ['required', 'rectified_by'],
    ]);
    await run(ledger, rectifyAccessibility, { no: bad.number, fields: fields('2026-02-21') });
    const twice = await refused(run(ledger, rectifyAccessibility, { no: bad.number, fields: fields('2026-02-22') }));
    assert.equal(twice.describe('zh-CN')[0], `“无障碍设施检查表”第 3 行“整改完成日期”：${bad.number} 已于 2026-02-21 整改完成。`);
    assert.deepEqual(await queue('2026-02-28 09:00'), []);
  });

  it('kefu check: a usable item with a defect, a rectification of a usable item, before its check or without its note (edited in Excel)', async () => {
    const ledger = await hostLedger();
    const basis = await ledger.read({ writes: ['accessibility_checks'] });
    const row = (n: number, values: Record<string, unknown>) => ({
      entry_id: `WZ-2026-000${n}`,
      check_date: '2026-02-20',
      item: 'signage',
      location: '南门',
      checker_by: '黄志刚',
      checker_at: '2026-02-20 08:00',
      voided: false,
      ...values,
    });
    await ledger.apply(
      {
        appends: {
          accessibility_checks: [
            row(1, { usable: true, defect: '标识褪色' }),
            row(2, { usable: true, rectified_on: '2026-02-21', rectification_note: '重新喷涂', rectified_by: '吴建平' }),
            row(3, { usable: false, defect: '缺失', rectified_on: '2026-02-19', rectification_note: '补装', rectified_by: '吴建平' }),
            row(4, { usable: false, defect: '缺失', rectified_on: '2026-02-22' }),
            row(5, { usable: false, defect: '缺失', rectified_on: '2026-02-22', rectification_note: '补装', rectified_by: '吴建平' }),
          ],
        },
      },
      basis,
    );
    const { errors } = accessibilityCheck.problems(
      await ledger.read({ tables: { accessibility_checks: { columns: ['entry_id', 'check_date', 'usable', 'defect', 'rectified_on', 'rectification_note', 'rectified_by', 'voided'], rows: 'all' } } }),
      '2026-02-28 09:00',
    );
    // Rows written as a user would (an append without a claim) go below the fresh table's blank row.
    assert.deepEqual(
      errors.map((p) => [p.kind, p.row, p.field]),
      [
        ['usableWithDefect', 3, 'defect'],
        ['nothingToRectify', 4, 'rectified_on'],
        ['notBefore', 5, 'rectified_on'],
        ['rectificationIncomplete', 6, 'rectification_note'],
        ['rectificationIncomplete', 6, 'rectified_by'],
      ],
    );
    assert.match(describeProblem(errors[4], 'en-US'), /row 6, column "Rectification confirmed by": WZ-2026-0004 has a rectification date but this is empty/);
    assert.deepEqual(accessibilityQueue.items(await ledger.read(queueRequest(WORKFLOWS)), '2026-02-28 09:00'), []);
  });
});
