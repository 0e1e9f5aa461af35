import assert from 'node:assert/strict';
import { FORMS } from '../addin/src/forms';
import { copyWorkbook, faultCatalogue, runCase, runFaultCatalogue, startOf, workbookState, type FaultCase } from './support/everySync';

/**
 * Issue 14 item 5: both kinds of failure at every request of every operation of the catalogue
 * (test/support/everySync.ts) — opening the ledger, the registration of every numbered form, every
 * step of the desk's, the special visitors' and the field teams' scripted days, voids, imports and
 * a bulk append, the report sheets, binding, the pane's own requests and the upgrade — each with
 * the invariants checked: nothing half-visible after a failed attempt, and after the clerk's retry
 * no duplicate number, no record twice, every numbered record audited, the workbook as a clean run
 * leaves it.
 */
describe('both kinds of failure at every request of every operation (issue 14 item 5)', function () {
  this.timeout(600_000);
  let cases: FaultCase[] = [];
  before(async () => {
    cases = await faultCatalogue();
  });

  it('the catalogue registers a record of every numbered form (its clean runs)', async () => {
    const made = new Set<string>();
    for (const c of cases) {
      const start = workbookState(copyWorkbook(await startOf(c)));
      const run = await runCase(c);
      const after = workbookState(run.workbook);
      for (const [form, numbers] of after.numbers) if (numbers.filter((n) => n !== '').length > (start.numbers.get(form) ?? []).filter((n) => n !== '').length) made.add(form);
    }
    const numbered = FORMS.filter((f) => f.numbering.kind === 'sequence').map((f) => f.key);
    assert.deepEqual(
      numbered.filter((key) => !made.has(key)),
      [],
    );
  });

  it('every case: nothing half-visible, nothing twice, nothing unaudited, the clean run’s workbook after the retry', async () => {
    const { injected, reports } = await runFaultCatalogue(cases);
    const findings = reports.flatMap((r) => r.findings);
    assert.ok(injected >= 2 * cases.length, `${injected} faulted runs`);
    assert.deepEqual(findings, []);
  });
});
