import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assessDay, complaintRate, delayRate, monthlyPerformance, shortfallRate, type CollectorRecord, type MonthInput, type WorkerInfo } from '../addin/src/domain/performance/compute';
import { frac, mul, roundHalfAway, toDecimal } from '../addin/src/domain/performance/exact';
import { MICRO, defaultRules, parseRules, rulesForMonth, defaultRuleRows, type RuleVersion } from '../addin/src/domain/performance/rules';
import { KefuError } from '../addin/src/core/problems';

const RULES = defaultRules();
const withRules = (changes: Record<string, number>): RuleVersion => ({
  ...RULES,
  values: { ...RULES.values, ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, Math.round(v * MICRO)])) },
});
const pct = (micro: number) => micro / MICRO;
const wireless = (maintained: number, succeeded: number, reason: string | null = null) => ({ type: 'wireless' as const, maintained, succeeded, reason });
const carrier = (maintained: number, succeeded: number, reason: string | null = null) => ({ type: 'carrier' as const, maintained, succeeded, reason });

/** The illustrative bases of brief §3.3: CM 1,200.00, ROT 900.00, BAT 900.00, total 3,000.00. */
const BASES = { CM: 120_000, ROT: 90_000, BAT: 90_000, TOTAL: 300_000 };
const worker = (id: string, base = BASES): WorkerInfo => ({ workerId: id, name: `人员${id}`, teamCode: 'T01', vendorCode: 'V01', base });
const month = (overrides: Partial<MonthInput>): MonthInput => ({
  month: '2025-03',
  rules: RULES,
  workers: [worker('WB001')],
  collector: [],
  rotation: [],
  batch: [],
  complaints: [],
  manual: [],
  ...overrides,
});
const linesOf = (input: MonthInput, id = 'WB001') =>
  Object.fromEntries(
    monthlyPerformance(input)
      .workers.find((w) => w.worker.workerId === id)!
      .lines.map((l) => [l.itemCode, l.amountFen]),
  );

describe('performance rules: the brief’s worked examples (§3.3)', () => {
  it('E1 wireless 7/8 = 87.50 % ≥ 80: qualified, +5 %', () => {
    assert.deepEqual(assessDay(wireless(8, 7), RULES), { excluded: false, qualified: true, belowQuota: false, rateMicroPct: 5 * MICRO });
  });
  it('E2 wireless 4/5 = 80.00 %: the boundary is included, +5 %', () => {
    assert.equal(pct(assessDay(wireless(5, 4), RULES).rateMicroPct), 5);
  });
  it('E3 wireless 6/8 = 75.00 %: ceil(5/10) = 1 step, −5 % (not 0)', () => {
    assert.equal(pct(assessDay(wireless(8, 6), RULES).rateMicroPct), -5);
  });
  it('E4 wireless 4/7 = 57.14 %: ceil(22.86/10) = 3 steps, −15 %', () => {
    assert.equal(pct(assessDay(wireless(7, 4), RULES).rateMicroPct), -15);
  });
  it('E5 wireless 4/4 = 100 % but 4 < 5 and no reason (or other): bonus withheld, 0 %, below quota', () => {
    for (const reason of [null, 'other']) {
      assert.deepEqual(assessDay(wireless(4, 4, reason), RULES), { excluded: false, qualified: true, belowQuota: true, rateMicroPct: 0 });
    }
  });
  it('E6 carrier 13/20 = 65 % < 70: flat −5 %', () => {
    assert.equal(pct(assessDay(carrier(20, 13), RULES).rateMicroPct), -5);
  });
  it('E7 carrier 14/20 = 70 %: qualified, no bonus', () => {
    assert.deepEqual(assessDay(carrier(20, 14), RULES), { excluded: false, qualified: true, belowQuota: false, rateMicroPct: 0 });
  });
  it('E8 carrier 18/20 = 90 %: +10 %, not cumulative', () => {
    assert.equal(pct(assessDay(carrier(20, 18), RULES).rateMicroPct), 10);
  });
  it('E9 rotation on a 900.00 base: grace 0 → d=1 −90.00, d=2 −180.00; grace 1 → d=1 0, d=2 −90.00', () => {
    const amount = (rules: RuleVersion, done: string) => roundHalfAway(mul(frac(90_000), delayRate('2025-03-10', done, rules).rate));
    assert.equal(amount(RULES, '2025-03-11'), -9_000);
    assert.equal(amount(RULES, '2025-03-12'), -18_000);
    const grace1 = withRules({ rotation_grace_days: 1 });
    assert.equal(amount(grace1, '2025-03-11'), 0);
    assert.equal(amount(grace1, '2025-03-12'), -9_000);
    assert.equal(amount(RULES, '2025-03-09'), 0, 'done early: nothing');
  });
  it('excludes days with dispatch shortfall or leave, whatever their rate', () => {
    for (const reason of ['dispatch_shortfall', 'leave']) assert.equal(assessDay(wireless(8, 0, reason), RULES).excluded, true);
  });
  it('below quota the deduction still applies (carrier 10/14 users, 71 % is qualified without bonus; 9/14 deducts)', () => {
    assert.equal(pct(assessDay(carrier(14, 9), RULES).rateMicroPct), -5);
    assert.equal(assessDay(carrier(14, 14), RULES).rateMicroPct, 0);
  });
  it('complaints: substantiated −5/−10/−20 % of base_total, partly half, not substantiated 0', () => {
    const amount = (o: Parameters<typeof complaintRate>[0]) => roundHalfAway(mul(frac(300_000), complaintRate(o, RULES)));
    assert.equal(amount({ substantiated: 'yes', severity: 'minor' }), -15_000);
    assert.equal(amount({ substantiated: 'yes', severity: 'major' }), -30_000);
    assert.equal(amount({ substantiated: 'yes', severity: 'severe' }), -60_000);
    assert.equal(amount({ substantiated: 'partly', severity: 'major' }), -15_000);
    assert.equal(amount({ substantiated: 'no', severity: 'severe' }), 0);
  });
  it('pass-rate lines: 5 % of the base per point of shortfall, exactly (97/100 on 98 % → −5 %; 293/300 = 97.67 % → −1.666… %)', () => {
    assert.deepEqual(shortfallRate(97, 100, 98 * MICRO, RULES), frac(-5, 100));
    assert.deepEqual(shortfallRate(98, 100, 98 * MICRO, RULES), frac(0));
    assert.deepEqual(shortfallRate(293, 300, 98 * MICRO, RULES), frac(-1, 60));
    assert.equal(shortfallRate(0, 0, 98 * MICRO, RULES), null);
  });
});

describe('performance rules: properties at the edges (fast-check)', () => {
  const counts = fc.integer({ min: 1, max: 400 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n })));

  it('wireless: qualified exactly when succ·100 ≥ 80·n; below, −5 % per started 10 points, never below −40 %', () => {
    fc.assert(
      fc.property(counts, ([n, ok]) => {
        const day = assessDay(wireless(n, ok), RULES);
        assert.equal(day.qualified, ok * 100 >= 80 * n);
        if (day.qualified) assert.equal(day.rateMicroPct, n >= 5 ? 5 * MICRO : 0);
        else {
          const s = (100 * ok) / n;
          const steps = Math.ceil((80 - s) / 10 - 1e-12);
          assert.equal(day.rateMicroPct, -5 * MICRO * steps);
          assert.ok(day.rateMicroPct >= -40 * MICRO && day.rateMicroPct <= -5 * MICRO);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('carrier: bands −5 / 0 / +5 / +10 with inclusive lower bounds, bonus withheld below 15 users', () => {
    fc.assert(
      fc.property(counts, ([n, ok]) => {
        const day = assessDay(carrier(n, ok), RULES);
        const expected = ok * 100 < 70 * n ? -5 : n < 15 ? 0 : ok * 100 >= 90 * n ? 10 : ok * 100 >= 80 * n ? 5 : 0;
        assert.equal(pct(day.rateMicroPct), expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('caps: deductions on a base never exceed it, all deductions never exceed base_total, the net is the sum of rounded lines', () => {
    const order = fc.record({ late: fc.integer({ min: 0, max: 15 }), checked: fc.integer({ min: 1, max: 50 }), failed: fc.integer({ min: 0, max: 50 }) });
    fc.assert(
      fc.property(
        fc.array(order, { maxLength: 8 }),
        fc.array(fc.constantFrom('minor', 'major', 'severe'), { maxLength: 8 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 400_000 }),
        (orders, severities, baseRot, baseTotal) => {
          const bases = { CM: 120_000, ROT: baseRot, BAT: 90_000, TOTAL: baseTotal };
          const result = monthlyPerformance(
            month({
              workers: [worker('WB001', bases)],
              rotation: orders.map((o, i) => ({
                orderNo: `RO-${i}`,
                workers: ['WB001'],
                dueDate: '2025-03-01',
                doneDate: `2025-03-${String(1 + o.late).padStart(2, '0')}`,
                fieldChecked: o.checked,
                fieldPassed: Math.max(0, o.checked - o.failed),
                collectionTotal: null,
                collectionOk: null,
              })),
              complaints: severities.map((s, i) => ({ orderNo: `C-${i}`, date: '2025-03-05', workers: ['WB001'], substantiated: 'yes' as const, severity: s as 'minor' })),
            }),
          ).workers[0];
          const exact = (base: string) =>
            result.lines.filter((l) => l.base === base && l.itemCode !== 'CAP_ADJ' && l.exactFen.n < 0n).reduce((s, l) => s + Number(l.exactFen.n) / Number(l.exactFen.d), 0);
          const capOf = (which: string) => result.lines.filter((l) => l.itemCode === 'CAP_ADJ' && l.basisRef === which).reduce((s, l) => s + Number(l.exactFen.n) / Number(l.exactFen.d), 0);
          const rot = exact('ROT') + capOf('ROT');
          const cmp = exact('TOTAL') + capOf('CMP');
          assert.ok(-rot <= baseRot + 1e-6, `ROT deductions ${-rot} within ${baseRot}`);
          assert.ok(-cmp <= baseTotal + 1e-6, `CMP deductions ${-cmp} within ${baseTotal}`);
          assert.ok(-(rot + cmp + capOf('FLOOR')) <= baseTotal + 1e-6, 'monthly floor');
          for (const l of result.lines) if (l.itemCode === 'CAP_ADJ') assert.ok(l.amountFen >= 0);
          assert.equal(
            result.netFen,
            result.lines.reduce((s, l) => s + l.amountFen, 0),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rounding: once per line, half away from zero, exact on halves (2.675 → 2.68, −2.675 → −2.68)', () => {
    assert.equal(roundHalfAway(frac(2675, 10)), 268);
    assert.equal(roundHalfAway(frac(-2675, 10)), -268);
    assert.equal(toDecimal(frac(1, 55), 6), '0.018182');
    fc.assert(
      fc.property(fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n }), fc.bigInt({ min: 1n, max: 1_000_000n }), (n, d) => {
        const r = roundHalfAway(frac(n, d));
        const x = Number(n) / Number(d);
        assert.ok(Math.abs(r - x) <= 0.5 + 1e-9);
        if (Math.abs(Math.abs(r - x) - 0.5) < 1e-12) assert.ok(Math.abs(r) > Math.abs(x), 'a half goes away from zero');
      }),
    );
  });
});

describe('performance: month scenarios a finance clerk can check by hand', () => {
  it('one wireless month: 22 assessed days and 2 excluded, CM = mean rate × 1,200.00', () => {
    // 10 days at +5 %, 8 days at −5 %, 4 days at −15 %: mean = (50 − 40 − 60)/22 = −2.2727… % → −27.27
    const days: CollectorRecord[] = [];
    let d = 1;
    const add = (n: number, m: number, ok: number, reason: string | null = null) => {
      for (let i = 0; i < n; i++) days.push({ date: `2025-03-${String(d++).padStart(2, '0')}`, workerId: 'WB001', type: 'wireless', maintained: m, succeeded: ok, reason });
    };
    add(10, 8, 7);
    add(8, 8, 6);
    add(4, 7, 4);
    add(2, 8, 0, 'leave');
    const result = monthlyPerformance(month({ collector: days })).workers[0];
    const cm = result.lines.find((l) => l.itemCode === 'CM')!;
    assert.equal(cm.amountFen, -2_727);
    assert.equal(toDecimal(cm.rate, 6), '-0.022727');
    assert.equal(cm.basisRef, '22 records; 2 excluded');
    assert.equal(cm.evidence.length, 24);
  });

  it('wireless and carrier together, rotation late and failing checks, a partly substantiated complaint, and a manual bonus', () => {
    const result = linesOf(
      month({
        collector: [
          { date: '2025-03-03', workerId: 'WB001', type: 'wireless', maintained: 8, succeeded: 7, reason: null }, // +5
          { date: '2025-03-03', workerId: 'WB001', type: 'carrier', maintained: 20, succeeded: 18, reason: null }, // +10
          { date: '2025-03-04', workerId: 'WB001', type: 'carrier', maintained: 20, succeeded: 13, reason: null }, // −5
          { date: '2025-02-28', workerId: 'WB001', type: 'carrier', maintained: 20, succeeded: 0, reason: null }, // other month
        ],
        rotation: [
          { orderNo: 'WO-2025-0312', workers: ['WB001', 'WB002'], dueDate: '2025-03-10', doneDate: '2025-03-12', fieldChecked: 50, fieldPassed: 48, collectionTotal: 200, collectionOk: 188, row: 2 },
        ],
        batch: [{ orderNo: 'BI-1', workers: ['WB001'], doneDate: '2025-03-20', fieldChecked: 100, fieldPassed: 99, collectionTotal: 100, collectionOk: 95 }],
        complaints: [{ orderNo: 'GD-1', date: '2025-03-15', workers: ['WB001'], substantiated: 'partly', severity: 'major' }],
        manual: [{ id: 'ADJ-1', workerId: 'WB001', amountFen: 5_000, reason: '抢修表彰', approvedBy: '李主任' }],
      }),
    );
    assert.deepEqual(result, {
      CM: 4_000, // mean (+5 +10 −5)/3 = +3.333…% × 1,200.00 = 40.00
      ROT_DELAY: -18_000, // 2 days late × 10 % × 900.00
      ROT_QC: -9_000, // 96 % on 98 %: 2 points × 5 % = −10 % × 900.00
      ROT_COLL: -4_500, // 94 % on 95 %: 1 point × 5 % × 900.00
      CMP: -15_000, // major 10 % × ½ × 3,000.00
      MANUAL: 5_000,
    });
  });

  it('caps: rotation deductions above the rotation base come back as CAP_ADJ, then the monthly floor on base_total', () => {
    const bases = { CM: 120_000, ROT: 90_000, BAT: 90_000, TOTAL: 100_000 };
    const result = monthlyPerformance(
      month({
        workers: [worker('WB001', bases)],
        rotation: [{ orderNo: 'WO-1', workers: ['WB001'], dueDate: '2025-03-01', doneDate: '2025-03-13', fieldChecked: null, fieldPassed: null, collectionTotal: null, collectionOk: null }],
        complaints: [{ orderNo: 'GD-1', date: '2025-03-15', workers: ['WB001'], substantiated: 'yes', severity: 'severe' }],
      }),
    ).workers[0];
    const amounts = result.lines.map((l) => [l.itemCode, l.basisRef, l.amountFen]);
    // ROT: 12 days × 10 % = −120 % × 900.00 = −1,080.00 → capped at −900.00 (CAP_ADJ +180.00)
    // CMP: −20 % × 1,000.00 = −200.00; total after item caps 1,100.00 > 1,000.00 → floor CAP_ADJ +100.00
    assert.deepEqual(amounts, [
      ['ROT_DELAY', 'WO-1', -108_000],
      ['CMP', 'GD-1', -20_000],
      ['CAP_ADJ', 'ROT', 18_000],
      ['CAP_ADJ', 'FLOOR', 10_000],
    ]);
    assert.equal(result.netFen, -100_000);
    // What the sheet and finance read: items, verdicts and severities in words, not codes.
    const cap = result.lines.find((l) => l.basisRef === 'ROT')!;
    assert.deepEqual(cap.reason, {
      'zh-CN': '表计轮换扣减超过基数上限，调回',
      'zh-TW': '表計輪換扣減超過基數上限，調回',
      'en-US': 'Rotation deductions above the cap of their base, brought back',
    });
    const complaint = result.lines.find((l) => l.itemCode === 'CMP')!.evidence[0];
    assert.deepEqual(complaint.detail, { 'zh-CN': '2025-03-15 属实，严重', 'zh-TW': '2025-03-15 屬實，嚴重', 'en-US': '2025-03-15 substantiated, severe' });
  });
});

describe('performance rules as versioned data', () => {
  const rows = (version: string, from: string, changes: Record<string, number | null> = {}, start = 2) =>
    defaultRuleRows().map((r, i) => ({
      ref: { table: 'rules', row: start + i - 1 },
      values: { rule_version: version, effective_from: from, parameter: r.parameter, value: r.parameter in changes ? changes[r.parameter] : r.value, voided: false },
    }));

  it('reads the template’s defaults and picks the version in effect on the first day of the month', () => {
    const versions = parseRules([...rows('PERF-2025.1', '2025-01-01'), ...rows('PERF-2025.2', '2025-04-01', { rotation_grace_days: 1 }, 100)]);
    assert.deepEqual(
      versions.map((v) => v.version),
      ['PERF-2025.1', 'PERF-2025.2'],
    );
    assert.equal(rulesForMonth(versions, '2025-03').version, 'PERF-2025.1');
    assert.equal(rulesForMonth(versions, '2025-04').values.rotation_grace_days, MICRO);
    assert.deepEqual(rulesForMonth(versions, '2025-03').values, defaultRules().values);
    assert.throws(
      () => rulesForMonth(versions, '2024-12'),
      (e: unknown) => e instanceof KefuError && e.describe('en-US')[0].includes('2025-01-01'),
    );
  });

  it('reports a bad rules table — missing, duplicate, out-of-range and inconsistent values — and does not use it', () => {
    const bad = rows('PERF-X', '2025-01-01', { wireless_min: 9, carrier_qualify_pct: 120, rotation_grace_days: 0.5 }).filter((r) => r.values.parameter !== 'carrier_deduct_pct');
    bad.push({ ...bad[0], ref: { table: 'rules', row: 60 } });
    try {
      parseRules(bad);
      assert.fail('a bad table must be refused');
    } catch (error) {
      assert.ok(error instanceof KefuError);
      const text = error.describe('zh-CN').join('\n');
      assert.match(text, /缺少参数“载波不合格扣减（%）”/);
      assert.match(text, /出现了两次/);
      assert.match(text, /第 \d+ 行“取值”：参数“载波合格成功率（%）”的取值 120 无效/);
      assert.match(text, /轮换逾期宽限天数/);
      assert.match(text, /“无线每日维护下限（个）”（9）不能大于“无线每日维护上限（个）”（8）/);
      assert.ok(
        error.describe('en-US').every((line) => line.startsWith('Rules')),
        error.describe('en-US').join('\n'),
      );
      // Parameters by their labels in the user's language, never another script's or the code.
      const en = error.describe('en-US').join('\n');
      assert.match(en, /lacks the parameter "Carrier deduction \(%\)"/);
      assert.match(en, /the value 0\.5 of "Rotation grace \(days\)" is not valid: it must be a whole number from 0 to 366/);
      assert.match(en, /"Wireless daily minimum \(collectors\)" \(9\) cannot be more than "Wireless daily maximum \(collectors\)" \(8\)/);
      assert.doesNotMatch(en, /[\u3400-\u9fff]/, 'no Chinese in English messages');
      const tw = error.describe('zh-TW').join('\n');
      assert.match(tw, /缺少參數「載波不合格扣減（%）」/);
      assert.match(tw, /「輪換逾期寬限天數」的取值 0\.5 無效：應為 0 至 366 的整數/);
      assert.doesNotMatch(tw, /载波|轮换|无线|whole number|carrier_deduct_pct/);
    }
  });
});
