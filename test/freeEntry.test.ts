import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixedClock } from '../addin/src/core/clock';
import { KefuError, describeProblem } from '../addin/src/core/problems';
import { importTable } from '../addin/src/domain/importing';
import { findIdNumber, idCheckValid, idNumberCellProblems } from '../addin/src/domain/personalData';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { validateInput } from '../addin/src/domain/validate';
import { ageOn, entryCheck, gateCountRegister, reconcileDay, recordFreeEntry, registerGateCount } from '../addin/src/domain/visitors/freeEntry';
import { DEFAULT_VISITOR_RULES, VISITOR_RULES_QUERY, visitorRulesIn } from '../addin/src/domain/visitors/visitorRules';
import { checkLedger, ledgerCheckRequest } from '../addin/src/domain/workflowRuns';
import { WORKFLOWS, voidRecord } from '../addin/src/domain/workflows';
import { FORMS } from '../addin/src/forms';
import { allFields } from '../addin/src/forms/columns';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import type { Ledger } from '../addin/src/ledger/types';
import { demoClock } from '../addin/src/domain/demo';
import { RefusalText, type FieldAct } from '../addin/src/domain/fieldMonth';
import { entryClerk, playEntryDay, type EntryDaySummary } from '../addin/src/domain/visitors/entryDay';
import { findForm } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import type { RecordValues } from '../addin/src/ledger/cells';
import { openOnHost, packageBackend, templateBytes, type OfficeSession } from './support/backends';
import { idNumbersInWorkbook } from './support/idScan';
import { twinFaultAct } from './support/twinFaults';
import { runKefu } from './support/fixtures';

/**
 * Issue 13 item 4 (free entry, W7, F13): no resident ID number anywhere; the age in full years and
 * the result computed from the special-visitor rules, the date of birth never kept; the gates'
 * counts and the day's reconciliation; the rules table itself (visitorRules.ts).
 */

const ID = '11010119490101123X'; // a valid check character
const context = (at = '2026-02-28 09:00:00') => ({ clock: fixedClock(at, 0), actor: { clerk: '吴建平', site: '西湖景区' } });

async function hostLedger(locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Ledger> {
  return (await openOnHost(await hostWorkbookFromXlsx(await templateBytes(locale)))).ledger;
}

function run<I, R>(ledger: Ledger, operation: Operation<I, unknown, R>, input: I, at = '2026-02-28 09:00:00'): Promise<R> {
  return runOperation(ledger, operation, input, context(at)).then((o) => o.result);
}

async function refusal(promise: Promise<unknown>): Promise<KefuError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KefuError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const check = (fields: Record<string, unknown>) => ({
  entered_at: '2026-02-28 09:10',
  gate: '东门',
  headcount: 1,
  checker: { by: '周晓梅', at: '2026-02-28 09:10' },
  help_given: 'no',
  ...fields,
});

describe('No resident ID number anywhere (issue 13 item 4)', () => {
  it('finds an 18-character ID number: region, birth date, sequence, check character; a wrong check character still counts', () => {
    assert.equal(idCheckValid(ID), true);
    assert.equal(idCheckValid('11010519491231002X'), true, 'the standard example, X as check character');
    assert.deepEqual(findIdNumber(`身份证${ID}已核验`), { position: 4, length: 18, checkValid: true });
    assert.deepEqual(findIdNumber('110101194901011236'), { position: 1, length: 18, checkValid: false }, 'a typo is still an ID');
    assert.deepEqual(findIdNumber('id 11010519491231002x'), { position: 4, length: 18, checkValid: true }, 'a lower-case x');
    assert.deepEqual(findIdNumber('１１０１０１１９４９０１０１１２３Ｘ'), { position: 1, length: 18, checkValid: true }, 'full-width digits');
    assert.deepEqual(findIdNumber('号码 110101 19490101 123X'), { position: 4, length: 20, checkValid: true }, 'grouped with spaces');
    assert.deepEqual(findIdNumber('110101-19490101-123X'), { position: 1, length: 20, checkValid: true }, 'grouped with hyphens');
    for (const not of [
      '11010119490101123', // 17 characters
      '1101011949010112371', // 19 digits: another number
      '910101194901011237', // region 91…: no province
      '110101194902301237', // 30 February
      '110101180001011237', // born in 1800
      'SF1234567890123', // a tracking number
      '13800001234', // a phone number
      '',
    ]) {
      assert.equal(findIdNumber(not), undefined, not);
    }
  });

  it('every text field of every form refuses a value holding one, naming the sheet and column, in the user’s language', () => {
    let fields = 0;
    for (const form of FORMS) {
      for (const field of allFields(form)) {
        if (field.system || !['text', 'longtext', 'signature'].includes(field.type)) continue;
        const key = field.type === 'signature' ? `${field.key}_by` : field.key;
        const { problems } = validateInput(form, { [key]: `见 ${ID}` }, { step: field.step });
        const found = problems.find((p) => p.kind === 'idNumberRefused' && p.field === key);
        assert.ok(found, `${form.key}.${key}: ${problems.map((p) => p.kind).join(', ')}`);
        fields += 1;
      }
    }
    assert.ok(fields > 200, `${fields} fields checked`);
    const { problems } = validateInput(
      FORMS.find((f) => f.key === 'loans')!,
      { borrower: `张三${ID}` },
    );
    const refused = problems.find((p) => p.kind === 'idNumberRefused')!;
    assert.equal(describeProblem(refused, 'zh-CN'), '“轮椅婴儿车借用”的“借用人”：第 3–20 个字符像是居民身份证号码，不能记录：只记录证件类型，不记录证件号码（个人信息保护法）。请删除号码。');
    assert.match(describeProblem(refused, 'zh-TW'), /「輪椅嬰兒車借用」的「借用人」：.*只記錄證件類型/);
    assert.match(describeProblem(refused, 'en-US'), /^Loans, column "Borrower": characters 3–20 look like a resident ID number.*record the document type only/);
  });

  it('a void reason and the clerk’s name refuse one too', async () => {
    const ledger = await hostLedger();
    const made = await run(ledger, recordFreeEntry, check({ category: 'child', height_cm: 100 }));
    const voided = await refusal(run(ledger, voidRecord('free_entries'), { no: made.number, reason: `重复 ${ID}` }));
    assert.deepEqual(
      voided.problems.map((p) => [p.kind, p.field]),
      [['idNumberRefused', 'void_reason']],
    );
    const clerk = await refusal(runOperation(ledger, recordFreeEntry, check({ category: 'child', height_cm: 100 }), { clock: fixedClock('2026-02-28 09:00:00', 0), actor: { clerk: ID } }));
    assert.deepEqual(
      clerk.problems.map((p) => [p.kind, p.field]),
      [['idNumberRefused', 'clerk']],
    );
  });

  it('an import reports a cell holding one by its file row and column, and imports the other rows', async () => {
    const ledger = await hostLedger();
    const source = {
      name: 'postal.csv',
      rows: [
        ['entry_date', 'visitor', 'items', 'address', 'staff_by', 'staff_at'],
        ['2026-02-28', '孙淑兰', '纪念册', '杭州市文三路88号', '郑丽', '2026-02-28 10:00'],
        ['2026-02-28', '李梅', '明信片', `杭州市 身份证${ID}`, '郑丽', '2026-02-28 10:05'],
      ],
    };
    const result = await importTable(ledger, { table: 'postal_log', source }, context());
    assert.equal(result.records.length, 1);
    const problem = result.problems.find((p) => p.kind === 'idNumberRefused')!;
    assert.deepEqual([problem.row, problem.field], [3, 'address']);
    assert.match(describeProblem(problem, 'en-US'), /postal\.csv.*row 3.*Address.*resident ID number/);
  });

  it('kefu check reports any cell of our tables holding one (typed in Excel), by sheet, row and column; the scan of every cell finds it too', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    await run(session.ledger, recordFreeEntry, check({ category: 'child', height_cm: 100 }));
    assert.deepEqual(await idNumbersInWorkbook(await session.bytes()), [], 'a clean ledger');
    // A clerk types a number in Excel: a text cell and a number cell.
    const basis = await session.ledger.read({ writes: ['postal_log'] });
    await session.ledger.apply(
      { appends: { postal_log: [{ entry_id: 'DY-2026-0009', entry_date: '2026-02-28', visitor: '李梅', items: '明信片', address: `杭州 ${ID}`, remarks: null, voided: false }] } },
      basis,
    );
    const report = checkLedger(WORKFLOWS, await session.ledger.read(ledgerCheckRequest(WORKFLOWS)), '2026-02-28 18:00');
    const found = report.errors.filter((p) => p.kind === 'idNumberInCell');
    assert.deepEqual(
      found.map((p) => [p.form, p.row, p.field]),
      [['postal_log', 3, 'address']], // below the fresh table's blank row: an append without a claim
    );
    assert.match(describeProblem(found[0], 'zh-CN'), /^“代邮登记”第 3 行“邮寄地址”：第 4–21 个字符像是居民身份证号码.*请在 Excel 中删除该号码/);
    const cells = await idNumbersInWorkbook(await session.bytes());
    assert.equal(cells.length, 1);
    assert.equal(cells[0].sheet, '代邮登记');
    assert.match(cells[0].address, /^[A-Z]+3$/);
    // A number cell of 18 digits (Excel keeps 15 of them): still an ID.
    assert.deepEqual(
      idNumberCellProblems('postal_log', [{ ref: { row: 4 }, values: { visitor_phone: 110101194901011000 } }]).map((p) => [p.row, p.field]),
      [[5, 'visitor_phone']],
    );
  });
});

describe('The age on the visit date and the free-entry check (W7)', () => {
  it('counts full years, the birthday itself included; a 29 February birthday falls on 28 February in a common year', () => {
    assert.equal(ageOn('1956-02-28', '2026-02-28'), 70, '70 on the birthday');
    assert.equal(ageOn('1956-03-01', '2026-02-28'), 69, '69 years and 364 days');
    assert.equal(ageOn('1956-02-29', '2026-02-27'), 69);
    assert.equal(ageOn('1956-02-29', '2026-02-28'), 70, 'the month-end rule: 28 February');
    assert.equal(ageOn('1956-02-29', '2026-03-01'), 70);
    assert.equal(ageOn('1956-02-29', '2028-02-28'), 71, 'in a leap year the birthday is 29 February');
    assert.equal(ageOn('1956-02-29', '2028-02-29'), 72);
    assert.equal(ageOn('1955-12-31', '2026-01-01'), 70);
  });

  it('records a senior’s check: the age and the result kept, the date of birth nowhere (not even the audit log)', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    const free = await run(session.ledger, recordFreeEntry, check({ category: 'senior', document_type: 'id_card', date_of_birth: '1956-02-29' }));
    const paying = await run(session.ledger, recordFreeEntry, check({ category: 'senior', document_type: 'senior_card', date_of_birth: '1956-03-01' }));
    const byDocument = await run(session.ledger, recordFreeEntry, check({ category: 'senior', document_type: 'senior_card', age_on_document: 70 }));
    assert.deepEqual([free.number, free.result, paying.result, byDocument.result], ['MP-20260228-0001', 'free_pass', 'normal_ticket', 'free_pass']);
    const rows = (
      await session.ledger.read({ tables: { free_entries: { columns: ['entry_id', 'age_years', 'result', 'rule_applied', 'senior_age_ok', 'child_rule_ok', 'document_type'], rows: 'all' } } })
    ).tables.free_entries.map((r) => r.values);
    assert.deepEqual(
      rows.map((r) => [r.age_years, r.result, r.rule_applied, r.senior_age_ok, r.child_rule_ok, r.document_type]),
      [
        [70, 'free_pass', '老人：周岁≥70', true, null, 'id_card'],
        [69, 'normal_ticket', '老人：周岁≥70', false, null, 'senior_card'],
        [70, 'free_pass', '老人：周岁≥70', true, null, 'senior_card'],
      ],
    );
    const text = new TextDecoder().decode(await session.bytes());
    assert.ok(!text.includes('1956'), 'no year of birth in the workbook');
    const audit = await session.ledger.read({ tables: { audit_log: { columns: ['new_value'], rows: 'all' } } });
    assert.ok(audit.tables.audit_log.every((r) => !String(r.values.new_value).includes('1956') && !String(r.values.new_value).includes('date_of_birth')));
  });

  it('refuses a senior without an age, both an age and a date of birth, a birth after the visit, a child by height without one', async () => {
    const ledger = await hostLedger();
    const kinds = async (fields: Record<string, unknown>) => (await refusal(run(ledger, recordFreeEntry, check(fields)))).problems.map((p) => [p.kind, p.field]);
    assert.deepEqual(await kinds({ category: 'senior', document_type: 'id_card' }), [['entryAgeNeeded', 'date_of_birth']]);
    assert.deepEqual(await kinds({ category: 'senior', document_type: 'id_card', date_of_birth: '1950-01-01', age_on_document: 76 }), [['entryAgeTwice', 'age_on_document']]);
    assert.deepEqual(await kinds({ category: 'senior', document_type: 'id_card', date_of_birth: '2026-03-01' }), [['entryBornAfterVisit', 'date_of_birth']]);
    assert.deepEqual(await kinds({ category: 'senior', date_of_birth: '1950-01-01' }), [['requiredWhen', 'document_type']]);
    assert.deepEqual(await kinds({ category: 'child' }), [['entryHeightNeeded', 'height_cm']]);
    assert.deepEqual(await kinds({ category: 'senior', document_type: 'id_card', age_on_document: 75, senior_age_ok: 'yes' }), [['unknownField', undefined]], 'the check is computed, never given');
    const error = await refusal(run(ledger, recordFreeEntry, check({ category: 'senior', document_type: 'id_card' })));
    assert.equal(
      error.describe('en-US')[0],
      'Free entries, column "Date of birth": the check needs the date of birth or the age on the document (only the age in full years is kept, never the date of birth).',
    );
  });

  it('checks children by the rules: height up to the limit included; by age under the limit when the rules say so; another senior age', async () => {
    const ledger = await hostLedger('en-US');
    const results = async (list: Record<string, unknown>[]) => {
      const out: string[] = [];
      for (const fields of list) out.push((await run(ledger, recordFreeEntry, check(fields))).result);
      return out;
    };
    assert.deepEqual(
      await results([
        { category: 'child', height_cm: 120 },
        { category: 'child', height_cm: 121 },
      ]),
      ['free_pass', 'normal_ticket'],
    );
    // The rules changed: children by age under 7, seniors from 65.
    const snapshot = await ledger.read({ tables: { visitor_rules: { ...VISITOR_RULES_QUERY, columns: ['parameter', 'value'] } }, writes: ['visitor_rules'] });
    const rowOf = (parameter: string) => snapshot.tables.visitor_rules.find((r) => r.values.parameter === parameter)!.ref;
    await ledger.apply(
      {
        updates: [
          { ref: rowOf('child_rule'), values: { value: 'age' } },
          { ref: rowOf('child_max_age'), values: { value: '7' } },
          { ref: rowOf('senior_free_age'), values: { value: '65' } },
        ],
      },
      snapshot,
    );
    assert.deepEqual(
      await results([
        { category: 'child', date_of_birth: '2019-03-01' },
        { category: 'child', age_on_document: 7 },
        { category: 'senior', document_type: 'id_card', age_on_document: 65 },
      ]),
      ['free_pass', 'normal_ticket', 'free_pass'],
    );
    const rows = (await ledger.read({ tables: { free_entries: { columns: ['rule_applied', 'age_years', 'child_rule_ok'], rows: 'all' } } })).tables.free_entries.map((r) => r.values);
    assert.deepEqual(
      rows.map((r) => [r.rule_applied, r.age_years, r.child_rule_ok]),
      [
        ['child: height ≤ 120 cm', null, true],
        ['child: height ≤ 120 cm', null, false],
        ['child: age < 7', 6, true],
        ['child: age < 7', 7, false],
        ['senior: age ≥ 65', 65, null],
      ],
    );
    assert.deepEqual((await refusal(run(ledger, recordFreeEntry, check({ category: 'child', height_cm: 100 })))).problems[0].kind, 'entryAgeNeeded');
  });

  it('records the check with the template’s rule when a rule cannot be read, and says so', async () => {
    const ledger = await hostLedger();
    const snapshot = await ledger.read({ tables: { visitor_rules: { columns: ['parameter', 'value'], rows: 'all' } }, writes: ['visitor_rules'] });
    const age = snapshot.tables.visitor_rules.find((r) => r.values.parameter === 'senior_free_age')!;
    await ledger.apply({ updates: [{ ref: age.ref, values: { value: '七十' } }] }, snapshot);
    const made = await run(ledger, recordFreeEntry, check({ category: 'senior', document_type: 'id_card', age_on_document: 70 }));
    assert.equal(made.result, 'free_pass');
    assert.deepEqual(
      made.warnings?.map((p) => [p.kind, p.row]),
      [['visitorRuleInvalid', age.ref.row + 1]],
    );
  });
});

describe('The gates’ counts and the day’s reconciliation', () => {
  it('keys a count by day and gate, refuses it twice, corrects it by recount; reconciles the free passes by gate, void ones left out', async () => {
    const ledger = await hostLedger();
    for (const [gate, fields] of [
      ['东门', { category: 'child', height_cm: 100, headcount: 2 }],
      ['东门', { category: 'senior', document_type: 'id_card', age_on_document: 69 }],
      ['西门', { category: 'senior', document_type: 'id_card', age_on_document: 80 }],
    ] as const) {
      await run(ledger, recordFreeEntry, check({ ...fields, gate }));
    }
    const extra = await run(ledger, recordFreeEntry, check({ gate: '西门', category: 'child', height_cm: 90 }));
    await run(ledger, voidRecord('free_entries'), { no: extra.number, reason: '重复登记' });
    const count = (gate: string, n: number) => ({ count_date: '2026-02-28', gate, free_headcount: n, counted_by: { by: '吴建平', at: '2026-02-28 17:30' } });
    const east = await run(ledger, registerGateCount, count(' 东门 ', 2));
    assert.equal(east.number, '2026-02-28-东门');
    const twice = await refusal(run(ledger, registerGateCount, count('东门', 2)));
    assert.match(twice.describe('zh-CN')[0], /编号 2026-02-28-东门 重复（第 3 行）/);
    const reconcile = async () =>
      reconcileDay(
        await ledger.read({
          tables: {
            free_entries: { columns: ['entered_at', 'gate', 'headcount', 'result', 'voided'], rows: 'all' },
            gate_counts: { columns: ['count_date', 'gate', 'free_headcount', 'voided'], rows: 'all' },
          },
        }),
        '2026-02-28',
      );
    assert.deepEqual(
      (await reconcile()).map((l) => [l.gate, l.logged, l.counted, l.matches]),
      [
        ['东门', 2, 2, true],
        ['西门', 1, null, false],
      ],
    );
    await run(ledger, registerGateCount, count('西门', 2));
    assert.deepEqual(
      (await reconcile()).map((l) => [l.gate, l.logged, l.counted, l.matches]),
      [
        ['东门', 2, 2, true],
        ['西门', 1, 2, false],
      ],
    );
    // kefu check warns of the day that does not reconcile, naming the gate and both figures.
    const warned = entryCheck.problems(await ledger.read(ledgerCheckRequest(WORKFLOWS)), '2026-02-28 18:00').warnings;
    assert.deepEqual(
      warned.map((p) => describeProblem(p, 'en-US')),
      ['Gate counts, row 4, column "Free passes counted": 2026-02-28 gate "西门" (2026-02-28-西门): 1 free passes logged, the gate counted 2; they differ.'],
    );
    await run(ledger, gateCountRegister.steps.recount, { no: '2026-02-28-西门', fields: { free_headcount: 1, counted_by: { by: '吴建平', at: '2026-02-28 17:50' } } });
    assert.ok((await reconcile()).every((l) => l.matches));
    assert.deepEqual(entryCheck.problems(await ledger.read(ledgerCheckRequest(WORKFLOWS)), '2026-03-01 09:00'), { errors: [], warnings: [] });
    const audit = (await ledger.read({ tables: { audit_log: { columns: ['action', 'record', 'field', 'old_value', 'new_value'], rows: 'all' } } })).tables.audit_log.map((r) => r.values);
    assert.ok(audit.some((a) => a.action === 'recount' && a.record === '2026-02-28-西门' && a.field === 'free_headcount' && a.old_value === '2' && a.new_value === '1'));
  });

  it('kefu check warns of a past day’s free passes without a count, and reports a result that contradicts its check', async () => {
    const ledger = await hostLedger();
    await run(ledger, recordFreeEntry, check({ category: 'senior', document_type: 'id_card', age_on_document: 72 }));
    const snapshotToday = await ledger.read(ledgerCheckRequest(WORKFLOWS));
    assert.deepEqual(entryCheck.problems(snapshotToday, '2026-02-28 12:00').warnings, [], 'the day is not over');
    assert.deepEqual(
      entryCheck.problems(snapshotToday, '2026-03-01 09:00').warnings.map((p) => [p.kind, p.params?.logged]),
      [['gateNotCounted', 1]],
    );
    const basis = await ledger.read({ tables: { free_entries: { columns: ['entry_id'], rows: 'all' } }, writes: ['free_entries'] });
    await ledger.apply({ updates: [{ ref: basis.tables.free_entries[0].ref, values: { senior_age_ok: false } }] }, basis);
    const errors = checkLedger(WORKFLOWS, await ledger.read(ledgerCheckRequest(WORKFLOWS)), '2026-02-28 12:00').errors;
    assert.deepEqual(
      errors.map((p) => [p.kind, p.row, p.field]),
      [['freeEntryInconsistent', 2, 'result']],
    );
  });

  it('kefu entry reconcile prints each gate, exits 1 naming a gate that differs with both figures; --json; a bad --day is a usage error', async function () {
    this.timeout(120_000);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-entry-'));
    try {
      const ledger = path.join(dir, 'ledger.xlsx');
      assert.equal((await runKefu(['template', '--locale', 'en-US', '--out', ledger])).code, 0);
      const add = async (word: string, value: unknown) => {
        const r = await runKefu([word, 'add', ledger, '--json', '-', '--clerk', 'Wu'], { stdin: JSON.stringify(value) });
        assert.equal(r.code, 0, r.stderr);
      };
      await add('entry', check({ gate: 'East', category: 'child', height_cm: 100, headcount: 3 }));
      await add('gate-count', { count_date: '2026-02-28', gate: 'East', free_headcount: 2, counted_by: { by: 'Wu', at: '2026-02-28 17:30' } });
      const differs = await runKefu(['entry', 'reconcile', ledger, '--day', '2026-02-28', '--locale', 'en-US']);
      assert.equal(differs.code, 1);
      assert.equal(differs.stdout, 'East: 3 free passes logged, 2 counted; they differ.\n');
      assert.match(differs.stderr, /gate "East" \(2026-02-28-East\): 3 free passes logged, the gate counted 2; they differ/);
      const json = await runKefu(['entry', 'reconcile', ledger, '--day', '2026-02-28', '--json']);
      assert.equal(json.code, 1);
      assert.deepEqual(JSON.parse(json.stdout), { day: '2026-02-28', gates: [{ gate: 'East', logged: 3, counted: 2, matches: false }] });
      const recount = await runKefu(['gate-count', 'recount', ledger, '2026-02-28-East', '--json', '-', '--clerk', 'Wu'], {
        stdin: JSON.stringify({ free_headcount: 3, counted_by: { by: 'Wu', at: '2026-02-28 17:45' } }),
      });
      assert.equal(recount.code, 0, recount.stderr);
      const ok = await runKefu(['entry', 'reconcile', ledger, '--day', '2026-02-28', '--locale', 'zh-TW']);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(ok.stdout, 'East：登記免票 3 人，檢票口統計 3 人，一致。\n2026-02-28：1 個檢票口全部一致，共免票 3 人。\n');
      const none = await runKefu(['entry', 'reconcile', ledger, '--day', '2026-03-01', '--locale', 'zh-CN']);
      assert.equal(none.stdout, '2026-03-01 没有免票登记，也没有检票口统计。\n');
      const bad = await runKefu(['entry', 'reconcile', ledger, '--day', '2026-02-30', '--locale', 'en-US']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--day must be YYYY-MM-DD \(2026-05-01\), not "2026-02-30"/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('The special-visitor rules table (visitorRules.ts)', () => {
  const snapshotOf = (rows: [string, string][], voided: string[] = []) => ({
    locale: 'zh-CN' as const,
    claims: [],
    layouts: {},
    tables: { visitor_rules: rows.map(([parameter, value], i) => ({ ref: { table: 'visitor_rules', row: i + 1 }, values: { parameter, value, voided: voided.includes(parameter) } })) },
  });

  it('gives the template’s values for an empty table, and the template’s rows read the same', async () => {
    assert.deepEqual(visitorRulesIn(snapshotOf([])), { rules: DEFAULT_VISITOR_RULES, problems: [] });
    assert.deepEqual(DEFAULT_VISITOR_RULES, { loanClosingTime: '17:30', seniorFreeAge: 70, childRule: 'height', childMaxHeightCm: 120, childMaxAge: 6, broadcastMinReadings: 3, planReadyDays: 1 });
    for (const locale of ['zh-CN', 'zh-TW', 'en-US'] as const) {
      const ledger = await hostLedger(locale === 'zh-TW' ? 'zh-CN' : locale);
      assert.deepEqual(visitorRulesIn(await ledger.read({ tables: { visitor_rules: VISITOR_RULES_QUERY } })), { rules: DEFAULT_VISITOR_RULES, problems: [] });
    }
  });

  it('reads each parameter overridden (the child rule in any language’s word), the last live row winning', () => {
    const { rules, problems } = visitorRulesIn(
      snapshotOf(
        [
          ['loan_closing_time', '8:05'],
          ['senior_free_age', '65'],
          ['child_rule', '年齡'],
          ['child_max_height_cm', '130'],
          ['child_max_age', '7'],
          ['broadcast_min_readings', '4'],
          ['plan_ready_days', '2'],
          ['plan_ready_days', '3'],
          ['senior_free_age', '60'],
        ],
        [],
      ),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(rules, { loanClosingTime: '08:05', seniorFreeAge: 60, childRule: 'age', childMaxHeightCm: 130, childMaxAge: 7, broadcastMinReadings: 4, planReadyDays: 3 });
    assert.equal(visitorRulesIn(snapshotOf([['child_rule', 'Height']])).rules.childRule, 'height');
    const voided = snapshotOf([['senior_free_age', '65']], ['senior_free_age']);
    assert.equal(visitorRulesIn(voided).rules.seniorFreeAge, 70, 'a void row does not count');
  });

  it('reports each value it cannot read with its row, and applies the template’s value', () => {
    const { rules, problems } = visitorRulesIn(
      snapshotOf([
        ['loan_closing_time', '25:00'],
        ['senior_free_age', '七十'],
        ['child_rule', 'weight'],
        ['child_max_height_cm', '20'],
        ['child_max_age', '19'],
        ['broadcast_min_readings', '0'],
        ['plan_ready_days', '-1'],
      ]),
    );
    assert.deepEqual(rules, DEFAULT_VISITOR_RULES);
    assert.deepEqual(
      problems.map((p) => [p.row, p.params?.value]),
      [
        [2, '25:00'],
        [4, 'weight'],
        [3, '七十'],
        [5, '20'],
        [6, '19'],
        [7, '0'],
        [8, '-1'],
      ],
    );
    assert.equal(
      describeProblem(problems[1], 'en-US'),
      'Visitor rules, row 4, column "Value": the value "weight" of the parameter "Child free-entry rule (height or age)" cannot be read; the template\'s value applies until it is corrected.',
    );
  });
});

// ————————————————————————————————————————— the busy day's free-entry part

const DAY_TABLES = ['free_entries', 'gate_counts', 'postal_log', 'accessibility_checks'];

async function dayTables(ledger: Ledger): Promise<Record<string, RecordValues[]>> {
  const snapshot = await ledger.read({ tables: Object.fromEntries(DAY_TABLES.map((key) => [key, { columns: columnsOf(findForm(key)!).map((c) => c.key), rows: 'all' as const }])) });
  return Object.fromEntries(DAY_TABLES.map((key) => [key, snapshot.tables[key].map((r) => r.values)]));
}

/** What the site's manager checks after the day. */
function assertDay(t: Record<string, RecordValues[]>, summary: EntryDaySummary): void {
  assert.deepEqual(summary.refusals, ['entry.add', 'gate-count.add'], 'the ID number and the second count refused');
  assert.equal(t.free_entries.length, summary.entries.length + 1, 'every check, and the double (void)');
  const byNo = new Map(t.free_entries.map((r) => [String(r.entry_id), r]));
  for (const e of summary.entries) {
    const row = byNo.get(e.number)!;
    assert.deepEqual([row.result, row.age_years, row.gate, row.headcount, row.voided], [e.result, e.age, e.gate, e.headcount, false], e.number);
  }
  assert.deepEqual(
    t.free_entries.filter((r) => r.voided === true).map((r) => r.entry_id),
    summary.voided,
  );
  assert.deepEqual(
    t.gate_counts.map((r) => [r.count_id, r.free_headcount]),
    summary.gateCounts.map((id) => [id, summary.freePasses[String(id).slice(11)]]),
  );
  const freeLogged = (gate: string) => t.free_entries.filter((r) => r.gate === gate && r.result === 'free_pass' && r.voided !== true).reduce((s, r) => s + Number(r.headcount), 0);
  for (const gate of Object.keys(summary.freePasses)) assert.equal(freeLogged(gate), summary.freePasses[gate], gate);
  assert.deepEqual(
    t.postal_log.map((r) => [r.entry_id, r.tracking_no, r.fee]),
    [[summary.postal, 'SF1234567890123', 1800]],
  );
  assert.deepEqual(
    t.accessibility_checks.map((r) => [r.entry_id, r.usable, r.rectified_on !== null]),
    summary.accessibility.map((no) => [no, no !== summary.defect, no === summary.defect]),
  );
}

function entryAct(ledger: Ledger, clock = demoClock()): FieldAct {
  return async (operation, input, _label, at) => {
    clock.set(at);
    return (await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock, actor: { clerk: entryClerk('zh-CN'), site: '西湖景区' } })).result;
  };
}

describe('The free-entry part of the busy day (issue 13 "Done when")', function () {
  this.timeout(900_000);

  it('runs 300 checks on the Office.js backend on the in-memory host, each step in at most 2 requests; every result right; no ID number in any cell after it', async () => {
    const session = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    const act = entryAct(session.ledger);
    const over: string[] = [];
    const summary = await playEntryDay(
      async (operation, input, label, at) => {
        session.client.resetStats();
        try {
          return await act(operation, input, label, at);
        } finally {
          if (session.client.stats.syncs > 2) over.push(`${label}: ${session.client.stats.syncs}`);
        }
      },
      { day: '2026-02-28', locale: 'zh-CN' },
    );
    assert.deepEqual(over, []);
    assert.equal(summary.entries.length, 300);
    // The first thirteen kinds on 28 February 2026, written out: 70 on the birthday, 69 years and
    // 364 days, …, born 29 February 1956 (70 today: the month-end rule), 28 February 1956 (70), 1 March 1956 (69).
    assert.deepEqual(
      summary.entries.slice(0, 13).map((e) => [e.age, e.result]),
      [
        [70, 'free_pass'],
        [69, 'normal_ticket'],
        [75, 'free_pass'],
        [80, 'free_pass'],
        [null, 'free_pass'],
        [null, 'free_pass'],
        [null, 'normal_ticket'],
        [71, 'free_pass'],
        [null, 'free_pass'],
        [65, 'normal_ticket'],
        [70, 'free_pass'],
        [70, 'free_pass'],
        [69, 'normal_ticket'],
      ],
    );
    // 23 whole rounds of the 13 kinds give 10 free passes each (the pair of children counts 2), the 300th check 1 more.
    assert.deepEqual(summary.freePasses, { 东门检票口: 116, 西门检票口: 115 });
    assertDay(await dayTables(session.ledger), summary);
    const report = checkLedger(WORKFLOWS, await session.ledger.read(ledgerCheckRequest(WORKFLOWS)), '2026-02-28 18:00');
    assert.deepEqual(report.errors, []);
    assert.deepEqual(await idNumbersInWorkbook(await session.bytes()), []);
  });

  it('goes through the command line (a sample of 26 checks and every other step), on 1 March; kefu check finds 0 errors, and no ID number in any cell', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-entry-day-'));
    try {
      const ledger = path.join(dir, 'ledger.xlsx');
      assert.equal((await runKefu(['template', '--locale', 'zh-CN', '--out', ledger])).code, 0);
      let n = 0;
      let calls = 0;
      const started = performance.now();
      const file = async (value: unknown) => {
        const name = path.join(dir, `in-${n++}.json`);
        await fs.writeFile(name, JSON.stringify(value));
        return name;
      };
      const cli: FieldAct = async (_operation, input, label, _at) => {
        const [word, action] = label.split('.');
        const given = input as { no?: string; fields?: Record<string, unknown>; reason?: string; day?: string };
        let args: string[];
        if (action === 'reconcile') args = ['entry', 'reconcile', ledger, '--day', given.day!, '--json'];
        else if (action === 'add') args = [word, 'add', ledger, '--json', await file(input)];
        else if (action === 'void') args = [word, 'void', ledger, given.no!, '--reason', given.reason!];
        else args = [word, action, ledger, given.no!, '--json', await file(given.fields)];
        calls += 1;
        const result = await runKefu([...args, ...(action === 'reconcile' ? [] : ['--clerk', entryClerk('zh-CN')]), '--locale', 'zh-CN']);
        if (action === 'reconcile') return (JSON.parse(result.stdout) as { gates: unknown }).gates as never;
        if (result.code === 1) throw new RefusalText(result.stderr);
        assert.equal(result.code, 0, `${label}: ${result.stderr}`);
        const out = result.stdout.trim().split('\n')[0];
        return { number: action === 'add' ? /(\S+)。$/.exec(out)![1] : given.no } as never;
      };
      const summary = await playEntryDay(cli, { day: '2026-03-01', locale: 'zh-CN', checks: 26 });
      const seconds = (performance.now() - started) / 1000;
      console.log(`      ${calls} kefu runs in ${seconds.toFixed(1)} s (${((seconds * 1000) / calls).toFixed(0)} ms each)`);
      // On 1 March 2026 the leap-day, 28 February and 1 March birthdays of 1956 are all 70.
      assert.deepEqual(
        summary.entries.slice(10, 13).map((e) => [e.age, e.result]),
        [
          [70, 'free_pass'],
          [70, 'free_pass'],
          [70, 'free_pass'],
        ],
      );
      const session = await packageBackend.open(new Uint8Array(await fs.readFile(ledger)));
      assertDay(await dayTables(session.ledger), summary);
      const checked = await runKefu(['check', ledger, '--at', '2026-03-01 18:00', '--locale', 'en-US']);
      assert.equal(checked.code, 0, checked.stdout + checked.stderr);
      assert.match(checked.stdout, /Check done: 0 errors/);
      assert.deepEqual(await idNumbersInWorkbook(new Uint8Array(await fs.readFile(ledger))), []);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves no half-done step when either request of any step fails, or the answer of either is lost', async () => {
    const twins: OfficeSession[] = [];
    for (let i = 0; i < 2; i++) twins.push(await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN'))));
    const [plain, failing] = twins;
    const dump = async (ledger: Ledger) => {
      const audit = (await ledger.read({ tables: { audit_log: { columns: ['who', 'action', 'table', 'record', 'field', 'old_value', 'new_value'], rows: 'all' } } })).tables.audit_log;
      return JSON.stringify({ ...(await dayTables(ledger)), audit: audit.map((r) => r.values) }).replace(/"created_at":"[^"]*"/g, '');
    };
    const actPlain = entryAct(plain.ledger);
    const actFailing = entryAct(failing.ledger);
    const twin = twinFaultAct({ plain: plain.ledger, failing, actPlain, actFailing, dump, readsOnly: (label) => label === 'entry.reconcile' });
    const summary = await playEntryDay(twin.act, { day: '2026-02-28', locale: 'zh-CN', checks: 13 });
    assert.equal(twin.injected(), (summary.steps - summary.refusals.length - 2) * 4);
  });
});
