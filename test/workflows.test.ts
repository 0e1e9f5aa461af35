import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KefuError } from '../addin/src/core/problems';
import { stepOperation, sheetRow, type StepResult } from '../addin/src/domain/deskSteps';
import { createNumberedRecord, runOperation, type Operation } from '../addin/src/domain/records';
import { receiveMatter } from '../addin/src/domain/reception';
import { voidOperation } from '../addin/src/domain/voiding';
import type { DueItem, Workflow } from '../addin/src/domain/workflow';
import { checkLedger, ledgerCheckRequest, queueRequest, todoQueue } from '../addin/src/domain/workflowRuns';
import { WORKFLOWS, voidRecord } from '../addin/src/domain/workflows';
import { t } from '../addin/src/forms/codes';
import { reception, repairLedger, repairOrders } from '../addin/src/forms/receptionRepairs';
import { loans } from '../addin/src/forms/visitors';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import { UsageError, commandHelp, parseArgs, usageLines, type Command } from '../scripts/cli/args';
import { checkCommand, queueCommand, workflowCommands } from '../scripts/cli/workflows';
import { renderWorkflowDocs } from '../scripts/workflow-docs';
import { COMMANDS } from '../scripts/kefu';
import { defaultClock, officeBackend, packageBackend, templateBytes } from './support/backends';
import { receptionInput } from './support/deskDay';
import { runKefu } from './support/fixtures';

/**
 * Issue 12 item 1: one workflow mechanism. A procedure declared once — here a toy one on the loan
 * register, declared only in this test — gets its command-line verbs, its place in `kefu queue`
 * and `kefu check`, and its state diagram, with nothing written for it besides the declaration.
 */

/** Given back: the loan's return time, not before it was lent. */
const giveBack = stepOperation({
  form: loans,
  action: 'give_back',
  fieldsStep: 'returned',
  from: ['on_loan', 'overdue'],
  to: 'returned',
  check: (row, values) =>
    typeof values.returned_at === 'string' && typeof row.values.lent_at === 'string' && values.returned_at < row.values.lent_at
      ? [
          {
            kind: 'notBefore',
            form: loans.key,
            row: sheetRow(row),
            field: 'returned_at',
            params: { value: values.returned_at, otherValue: row.values.lent_at, other_zhCN: '借出时间', other_zhTW: '借出時間', other_enUS: 'Lent at' },
          },
        ]
      : [],
});

const RETURN_RULE = [{ code: 'loan_return', label: t('当天归还', '當天歸還', 'Return the same day') }];

const toy: Workflow = {
  word: 'loan',
  form: loans,
  number: '<JY-no>',
  create: createNumberedRecord(loans),
  steps: { 'give-back': giveBack },
  voidable: true,
  help: t(
    '借用流程（测试）：give-back {returned_at}；void --reason。',
    '借用流程（測試）：give-back {returned_at}；void --reason。',
    'The toy loan procedure: give-back {returned_at}; void --reason.',
  ),
  queue: {
    reads: [loans],
    rules: RETURN_RULE,
    // A loan is due back by 18:00 of the day it was lent.
    items: (snapshot, now) =>
      (snapshot.tables[loans.key] ?? [])
        .filter((r) => r.values.voided !== true && r.values.status === 'on_loan' && typeof r.values.lent_at === 'string')
        .map((r): DueItem => {
          const due = `${String(r.values.lent_at).slice(0, 10)} 18:00`;
          const late = (Date.parse(`${now.replace(' ', 'T')}:00Z`) - Date.parse(`${due.replace(' ', 'T')}:00Z`)) / 60_000;
          return {
            table: loans.key,
            record: String(r.values.loan_no),
            row: sheetRow(r),
            status: 'on_loan',
            subject: String(r.values.vehicle_no),
            person: String(r.values.borrower),
            rule: 'loan_return',
            due,
            overdue: late > 0,
            minutesLate: late,
          };
        }),
  },
  check: {
    reads: [loans],
    // A returned loan must be inspected: its check result is asked for at once.
    problems: (snapshot) => ({
      errors: (snapshot.tables[loans.key] ?? [])
        .filter((r) => r.values.voided !== true && r.values.status === 'returned' && !r.values.return_check)
        .map((r) => ({
          kind: 'stepFieldMissing' as const,
          form: loans.key,
          row: sheetRow(r),
          field: 'return_check',
          params: { record: String(r.values.loan_no), status_zhCN: '已归还', status_zhTW: '已歸還', status_enUS: 'Returned' },
        })),
      warnings: [],
    }),
  },
};

const loan = (i: number) => ({
  vehicle_type: 'wheelchair',
  vehicle_no: `LY-0${i}`,
  loan_kind: 'loan',
  lent_at: `2026-03-16 0${i}:30`,
  borrower: `借用人${i}`,
  staff: { by: '王丽', at: `2026-03-16 0${i}:30` },
});

/** Runs a command in this process as `kefu` would (its output lines, its exit status). */
async function run(commands: readonly Command[], argv: readonly string[]): Promise<{ code: number; out: string[] }> {
  const command = [...commands].filter((c) => c.words.every((w, i) => argv[i] === w)).sort((a, b) => b.words.length - a.words.length)[0];
  assert.ok(command, `no command for ${argv.join(' ')}`);
  const out: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void out.push(args.map(String).join(' '));
  try {
    await command.run(parseArgs([...argv, '--locale', 'en-US'], command));
    return { code: 0, out };
  } catch (error) {
    if (error instanceof KefuError) return { code: 1, out: [...out, ...error.describe('en-US')] };
    if (error instanceof UsageError) return { code: 2, out: [...out, error.describe('en-US')] };
    throw error;
  } finally {
    console.log = log;
  }
}

describe('one workflow mechanism for every procedure (issue 12 item 1)', function () {
  this.timeout(300_000);
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-workflows-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const json = async (name: string, value: unknown) => {
    const file = path.join(dir, `${name}.json`);
    await fs.writeFile(file, JSON.stringify(value));
    return file;
  };

  it('gives a workflow declared once its commands: usage and help from the declaration', () => {
    const commands = workflowCommands([toy]);
    assert.deepEqual(
      commands.map((c) => usageLines(c)),
      [['kefu loan add <ledger.xlsx> --json <file|-> [--clerk <name>]'], ['kefu loan <give-back|void> <ledger.xlsx> [<JY-no>] [--json <file|->] [--reason <text>]']],
    );
    const help = commandHelp(commands[1], 'en-US');
    assert.match(help, /The toy loan procedure: give-back \{returned_at\}/);
    assert.match(help, /--reason <text>/);
    const add = commandHelp(commands[0], 'zh-TW');
    assert.ok(add.includes(`登記「${loans.title['zh-TW']}」`), add);
    assert.ok(add.includes('vehicle_type') && add.includes('staff'), 'the add help names the creation fields');
    // Not voidable: no void action and no --reason.
    const steps = workflowCommands([{ ...toy, voidable: false, create: undefined }]);
    assert.deepEqual(
      steps.map((c) => usageLines(c)),
      [['kefu loan <give-back> <ledger.xlsx> [<JY-no>] [--json <file|->]']],
    );
    assert.ok(!('reason' in steps[0].flags));
  });

  it('runs the generated commands on a .xlsx ledger: add, a step, a refused step that writes nothing, a void, a slip of the action', async () => {
    const file = path.join(dir, 'loans.xlsx');
    await fs.writeFile(file, await templateBytes('en-US'));
    const commands = workflowCommands([toy]);
    const added = await run(commands, ['loan', 'add', file, '--json', await json('loans', [loan(1), loan(2)]), '--clerk', '王丽']);
    assert.equal(added.code, 0, added.out.join('\n'));
    assert.deepEqual(added.out, [`${loans.title['en-US']} JY-20260316-001 registered.`, `${loans.title['en-US']} JY-20260316-002 registered.`]);

    const before = await fs.readFile(file);
    const early = await run(commands, ['loan', 'give-back', file, 'JY-20260316-001', '--json', await json('early', { returned_at: '2026-03-16 00:10' })]);
    assert.equal(early.code, 1);
    assert.match(early.out.join('\n'), /2026-03-16 00:10 is earlier than Lent at \(2026-03-16 01:30\)/);
    assert.deepEqual(await fs.readFile(file), before, 'a refused step writes nothing');

    const back = await run(commands, ['loan', 'give-back', file, 'JY-20260316-001', '--json', await json('back', { returned_at: '2026-03-16 17:00' })]);
    assert.deepEqual(back.out, ['JY-20260316-001: recorded (Returned).']);
    const again = await run(commands, ['loan', 'give-back', file, 'JY-20260316-001', '--json', await json('back', { returned_at: '2026-03-16 17:00' })]);
    assert.equal(again.code, 1);
    assert.match(again.out.join('\n'), /JY-20260316-001 is "Returned", so it cannot be give_back; it must be: On loan, Overdue\/lost/);
    const voided = await run(commands, ['loan', 'void', file, 'JY-20260316-002', '--reason', '登记重复']);
    assert.deepEqual(voided.out, ['JY-20260316-002: recorded (Void).']);
    const slip = await run(commands, ['loan', 'giveback', file]);
    assert.equal(slip.code, 2);
    assert.match(slip.out[0], /loan give-back/);

    const ledger = await PackageLedger.fromBuffer(await fs.readFile(file), { station: 'read', clock: defaultClock() });
    const snapshot = await ledger.read({
      tables: { loans: { columns: ['loan_no', 'status', 'returned_at', 'voided', 'void_reason'], rows: 'all' }, [AUDIT_TABLE]: { columns: ['action', 'record', 'field', 'new_value'], rows: 'all' } },
    });
    assert.deepEqual(
      snapshot.tables.loans.map((r) => r.values),
      [
        { loan_no: 'JY-20260316-001', status: 'returned', returned_at: '2026-03-16 17:00', voided: false, void_reason: null },
        { loan_no: 'JY-20260316-002', status: 'on_loan', returned_at: null, voided: true, void_reason: '登记重复' },
      ],
    );
    const audit = snapshot.tables[AUDIT_TABLE].map((r) => `${String(r.values.action)} ${String(r.values.record)} ${String(r.values.field)}=${String(r.values.new_value)}`);
    assert.ok(audit.includes('give_back JY-20260316-001 returned_at=2026-03-16 17:00'));
    assert.ok(audit.includes('give_back JY-20260316-001 status=returned'));
    assert.ok(audit.includes('void JY-20260316-002 void_reason=登记重复'));
  });

  it('puts the workflow’s items in kefu queue, overdue first, and its guards and overdue items in kefu check', async () => {
    const file = path.join(dir, 'queue.xlsx');
    await fs.writeFile(file, await templateBytes('en-US'));
    const commands = [...workflowCommands([toy]), queueCommand([toy]), checkCommand([toy])];
    await run(commands, ['loan', 'add', file, '--json', await json('three', [loan(1), loan(2), { ...loan(3), lent_at: '2026-03-17 09:00', staff: { by: '王丽', at: '2026-03-17 09:00' } }])]);
    await run(commands, ['loan', 'give-back', file, 'JY-20260316-001', '--json', await json('back1', { returned_at: '2026-03-16 17:00' })]);

    const queue = await run(commands, ['queue', file, '--at', '2026-03-17 10:00']);
    assert.equal(queue.code, 0);
    assert.deepEqual(queue.out, [
      `JY-20260316-002  ${loans.title['en-US']}  On loan  Return the same day 2026-03-16 18:00  overdue 16 h  LY-02 · 借用人2`,
      `JY-20260317-001  ${loans.title['en-US']}  On loan  Return the same day 2026-03-17 18:00  LY-03 · 借用人3`,
      '2 items to do, 1 overdue.',
    ]);
    const asJson = JSON.parse((await run(commands, ['queue', file, '--at', '2026-03-17 10:00', '--json'])).out.join('\n')) as { record: string; overdue: boolean; what: string }[];
    assert.deepEqual(
      asJson.map((i) => [i.record, i.overdue, i.what]),
      [
        ['JY-20260316-002', true, 'Return the same day'],
        ['JY-20260317-001', false, 'Return the same day'],
      ],
    );

    const check = await run(commands, ['check', file, '--at', '2026-03-17 10:00']);
    assert.equal(check.code, 1, check.out.join('\n'));
    assert.ok(
      check.out.some((l) => /^error: .*row 2, column "Return check".*JY-20260316-001 is "Returned" but this is empty\./.test(l)),
      check.out.join('\n'),
    );
    assert.ok(
      check.out.some((l) => /^warning: .*JY-20260316-002 is overdue: Return the same day was due 2026-03-16 18:00, 16 h ago\./.test(l)),
      check.out.join('\n'),
    );
    assert.match(check.out[check.out.length - 1], /Check done: 1 errors, 1 warnings\./);
    // Without the toy workflow, the same ledger is structurally sound: the error is the workflow's guard.
    const plain = checkLedger([], await (await PackageLedger.fromBuffer(await fs.readFile(file), { station: 'r', clock: defaultClock() })).read(ledgerCheckRequest([])), '2026-03-17 10:00');
    assert.deepEqual(plain, { errors: [], warnings: [] });
  });

  it('kefu check checks the structure of every form that has records, not only the desk’s', async () => {
    const ledger = await PackageLedger.fromBuffer(await templateBytes('en-US'), { station: 'plant', clock: defaultClock() });
    const context = { clock: defaultClock(), actor: { clerk: '王丽' } };
    for (const i of [1, 2, 3]) await runOperation(ledger, toy.create!, loan(i), context);
    // Planted as a careless hand edit would leave them: a number typed twice, a value outside its list.
    const basis = await ledger.read({ tables: { loans: { columns: ['loan_no'], rows: 'all' } }, writes: ['loans'] });
    const [, second, third] = basis.tables.loans;
    await ledger.apply(
      {
        updates: [
          { ref: second.ref, values: { loan_no: 'JY-20260316-001' } },
          { ref: third.ref, values: { vehicle_type: 'bicycle' } },
        ],
        audit: [],
      },
      basis,
    );
    const report = checkLedger([], await ledger.read(ledgerCheckRequest([])), '2026-03-17 10:00');
    assert.deepEqual(
      report.errors.map((p) => [p.kind, p.form, p.field, p.params?.value]),
      [
        ['duplicateNumber', 'loans', 'loan_no', 'JY-20260316-001'],
        ['numberGap', 'loans', 'loan_no', 'JY-20260316-002'],
        ['notInList', 'loans', 'vehicle_type', 'bicycle'],
      ],
    );
  });

  it('draws the workflow’s state diagram and its table of steps', () => {
    const doc = renderWorkflowDocs([toy]);
    assert.match(doc, /## `loan` — Wheelchair\/stroller loan register/);
    assert.match(doc, /```mermaid\nstateDiagram-v2\n/);
    assert.match(doc, /\[\*\] --> on_loan : add/);
    assert.match(doc, /on_loan --> returned : give-back/);
    assert.match(doc, /overdue --> returned : give-back/);
    assert.ok(doc.includes(`state "On loan · ${loans.statuses[0].label['zh-CN']}" as on_loan`));
    assert.match(doc, /\| `give-back` \| `on_loan`, `overdue` \| `returned` \| `returned_at` \|/);
    assert.match(doc, /\| `void` \| any \(not void\)/);
  });

  it('kefu queue lists a desk ledger’s overdue items first, and kefu --help lists every workflow of the registry', async () => {
    const file = path.join(dir, 'desk.xlsx');
    const ledger = await PackageLedger.fromBuffer(await templateBytes('en-US'), { station: 'desk', clock: defaultClock() });
    const context = { clock: defaultClock(), actor: { clerk: '王丽' } };
    const receive = (kind: Parameters<typeof receptionInput>[0], i: number) =>
      runOperation(ledger, receiveMatter as Operation<unknown, unknown, { number: string; repairOrderNo?: string; complaintNo?: string }>, receptionInput(kind, i), context);
    const inquiry = await receive('inquiry', 1); // deferred: a reply due a day later
    const repair = await receive('repair', 2);
    const complaint = await receive('complaint', 3);
    await fs.writeFile(file, await ledger.toBuffer());
    const result = await runKefu(['queue', file, '--at', '2026-03-17 12:00', '--locale', 'en-US']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.match(lines[0], new RegExp(`^${inquiry.result.number}  ${reception.title['en-US']}  Registered  Inquiry: reply 2026-03-17 08:09  overdue 3 h  `));
    const later = lines.slice(1, -1).map((l) => l.split('  ')[0]);
    assert.deepEqual(later.sort(), [complaint.result.complaintNo, repair.result.repairOrderNo].sort());
    assert.match(lines[lines.length - 1], /^3 items to do, 1 overdue\.$/);
    const help = await runKefu(['--help', '--locale', 'en-US']);
    for (const workflow of WORKFLOWS) assert.ok(help.stdout.includes(`kefu ${workflow.word} `), workflow.word);
    assert.ok(help.stdout.includes('kefu queue <ledger.xlsx> [--at "YYYY-MM-DD HH:MM"] [--json]'));
    assert.ok(COMMANDS.some((c) => c.words.join(' ') === 'queue'));
  });

  it('kefu <word> add says what it recorded that a later step will refuse: a notice posted too late, a meeting a rostered worker did not sign', async () => {
    const file = path.join(dir, 'field.xlsx');
    await fs.writeFile(file, await templateBytes('en-US'));
    const add = (word: string, record: object) => runKefu([word, 'add', file, '--json', '-', '--locale', 'en-US', '--clerk', '王丽'], { stdin: JSON.stringify(record) });
    const notice = {
      area: '幸福小区',
      meter_boxes: '1-3',
      households: 30,
      planned_date: '2026-03-20',
      posted_on: '2026-03-10',
      community_notified: '幸福物业',
      community_contact: '张三',
      community_notified_on: '2026-03-10',
      users_marked: 'yes',
    };
    const late = await add('notice', notice);
    assert.equal(late.code, 0, late.stderr);
    assert.match(late.stdout, /TZ-2026-0001/);
    assert.match(late.stdout, /warning: .*TZ-2026-0001.*2026-03-10.*2026-03-20.*5/);
    const inTime = await add('notice', { ...notice, posted_on: '2026-03-05' });
    assert.equal(inTime.code, 0, inTime.stderr);
    assert.doesNotMatch(inTime.stdout, /warning/);
    const meeting = {
      meeting_date: '2026-03-20',
      team_code: 'T03',
      vendor_code: 'V1',
      work_leader: '李强',
      work_content: '表计轮换',
      work_location: '幸福小区',
      hazards: '带电作业：验电、断开点',
      hazards_isolated: 'yes',
      uniform_ok: 'yes',
      helmet_ok: 'yes',
      badge_ok: 'yes',
      armband_ok: 'yes',
      gear_check: 'pass',
      roster: '李强、王五、赵六、孙七',
      roster_count: 4,
      crew_signatures: '李强、赵六',
      signed_count: 2,
    };
    const unsigned = await add('preshift', meeting);
    assert.equal(unsigned.code, 0, unsigned.stderr);
    assert.match(unsigned.stdout, /BQ-T03-20260320-01/);
    // An English message lists the names with commas.
    assert.match(unsigned.stdout, /warning: .*王五, 孙七 on the roster did not sign/);
    assert.doesNotMatch(unsigned.stdout, /warning: .*(李强|赵六)/);
  });

  for (const backend of [officeBackend, packageBackend]) {
    it(`voids a voidable workflow’s record with what it voids along, in one change set (${backend.name})`, async () => {
      const session = await backend.open(await templateBytes('zh-CN'));
      const context = { clock: defaultClock(), actor: { clerk: '王丽' } };
      const made = await runOperation(session.ledger, receiveMatter as Operation<unknown, unknown, { repairOrderNo?: string }>, receptionInput('repair', 1), context);
      const order = made.result.repairOrderNo!;
      const voided = await runOperation(session.ledger, voidRecord('repair_orders') as Operation<unknown, unknown, StepResult>, { no: order, reason: '重复报修' }, context);
      assert.deepEqual(
        voided.changes.updates!.map((u) => Object.keys(u.values).sort()),
        [
          ['void_reason', 'voided'],
          ['void_reason', 'voided'],
        ],
      );
      const read = await session.ledger.read({
        tables: {
          [repairOrders.key]: { columns: ['order_no', 'voided', 'void_reason'], rows: 'all' },
          [repairLedger.key]: { columns: ['order_no', 'voided', 'void_reason'], rows: 'all' },
        },
      });
      assert.deepEqual(read.tables[repairOrders.key][0].values, { order_no: order, voided: true, void_reason: '重复报修' });
      assert.deepEqual(read.tables[repairLedger.key][0].values, { order_no: order, voided: true, void_reason: '重复报修' });
      // The toy workflow's form too: any voidable workflow's record, by its declaration.
      const lent = await runOperation(session.ledger, toy.create!, loan(1), context);
      await runOperation(session.ledger, voidOperation(toy.form) as Operation<unknown, unknown, StepResult>, { no: lent.result.number, reason: '借错' }, context);
      await assert.rejects(
        runOperation(session.ledger, giveBack as Operation<unknown, unknown, StepResult>, { no: lent.result.number, fields: { returned_at: '2026-03-16 17:00' } }, context),
        (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'recordVoided',
      );
    });
  }

  it('reads the queue of every workflow in one request of the union of their reads', () => {
    const request = queueRequest([...WORKFLOWS, toy]);
    const union = new Set([...WORKFLOWS, toy].flatMap((w) => (w.queue?.reads ?? []).map((f) => f.key)));
    assert.deepEqual(Object.keys(request.tables ?? {}).sort(), [...union].sort());
    for (const key of ['complaints', 'due_rules', 'loans', 'reception', 'repair_orders', 'work_calendar', 'rotation_orders', 'safety_gear', 'accident_verbal_reports']) assert.ok(union.has(key), key);
    assert.deepEqual(todoQueue([toy], { tables: { loans: [] }, claims: [] } as never, '2026-03-17 10:00'), []);
  });
});

describe('a gap in a sequence that the claims explain (issue 13: a lending refused after its number was claimed)', function () {
  this.timeout(120_000);
  const context = { clock: defaultClock(), actor: { clerk: '王丽' } };
  /** A registration refused after its claim, as a lending of a vehicle already out is. */
  const refusedAfterClaim: Operation<unknown, unknown, unknown> = {
    ...(createNumberedRecord(reception) as Operation<unknown, unknown, unknown>),
    decide() {
      throw new KefuError([{ kind: 'required', form: reception.key, field: 'matter' }]);
    },
  };

  it('warns of a number claimed and never used (naming it, the station and the time) instead of reporting a removed record; a gap without a claim stays an error', async () => {
    const session = await officeBackend.open(await templateBytes('en-US'), { station: 'desk-1' });
    await assert.rejects(runOperation(session.ledger, refusedAfterClaim, receptionInput('inquiry', 1), context), KefuError);
    const made = await runOperation(session.ledger, receiveMatter as Operation<unknown, unknown, { number: string }>, receptionInput('inquiry', 2), context);
    assert.match(made.result.number, /-002$/);
    const report = checkLedger(WORKFLOWS, await session.ledger.read(ledgerCheckRequest(WORKFLOWS)), '2026-03-15 12:00');
    assert.deepEqual(
      report.errors.filter((p) => p.form === reception.key),
      [],
    );
    const unused = report.warnings.filter((p) => p.kind === 'numberClaimedUnused');
    assert.equal(unused.length, 1, JSON.stringify(report.warnings));
    assert.equal(unused[0].params?.value, made.result.number.replace(/002$/, '001'));
    assert.equal(unused[0].params?.station, 'desk-1');

    // The same ledger with the second registration's row gone: number 002 has a confirmed claim, so its gap is an error.
    const rows = await session.ledger.read({ tables: { [reception.key]: { columns: ['reception_no'], rows: 'all' } } });
    assert.equal(rows.tables[reception.key].length, 1);
    const removed = await session.ledger.read({ writes: [reception.key] });
    await session.ledger.apply({ updates: [{ ref: rows.tables[reception.key][0].ref, values: { reception_no: made.result.number.replace(/002$/, '003') } }] }, removed);
    const after = checkLedger(WORKFLOWS, await session.ledger.read(ledgerCheckRequest(WORKFLOWS)), '2026-03-15 12:00');
    const gap = after.errors.find((p) => p.kind === 'numberGap' && p.form === reception.key);
    assert.equal(gap?.params?.value, made.result.number);
  });
});
