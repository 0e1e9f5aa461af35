import { performance } from 'node:perf_hooks';
import { coauthorRun } from '../test/support/coauthorRun';
import { runFaultCatalogue } from '../test/support/everySync';
import type { Report } from './benchVisitors';

/**
 * Issue 14's random co-authoring run (test/support/coauthorRun.ts) at the size of its "Done when":
 * 5 clients × 2,000 operations of five forms (complaints, receptions, loans, missing-person
 * broadcasts, free entries) on one workbook, periods in blocks of 70, a fault in 30 % of the attempts
 * (either kind, at the read, the write, or the write and the check after it), the clerk trying again
 * after every failure. A fixed seed: the same run every time.
 * `npm run bench -- --only=coauthor`.
 *
 * - `coauthor.duplicates@random`: duplicate numbers in any series (must be 0);
 * - `coauthor.duplicatedRecords@random`: records made twice from one input (must be 0: a retry carries
 *   its operation's ticket and finds an earlier attempt whose answer was lost, domain/records.ts);
 * - `coauthor.unaudited@random`: records without their audit entry; `coauthor.lost@random`: numbers
 *   reported to the clerk with no row;
 * - `faults.injected@random`: the faults that run injected (each reached its request), over every
 *   operation × place (read, write, check) × kind (request lost, answer lost);
 * - `faults.injected`: the operation × request × kind cases of the fault catalogue
 *   (test/support/everySync.ts, run by test/everySync.test.ts), and `faults.findings` what broke an
 *   invariant there (must be 0).
 */
export async function benchCoauthor(report: Report): Promise<void> {
  const start = performance.now();
  const run = await coauthorRun({ seed: 20261214, clients: 5, operations: 2000, faults: { probability: 0.3, at: ['read', 'write', 'check'] }, retries: true });
  const elapsed = performance.now() - start;
  report('coauthor.duplicates@random', run.duplicates, 'numbers');
  report('coauthor.duplicatedRecords@random', run.duplicatedRecords, 'records');
  report('coauthor.unaudited@random', run.unaudited, 'records');
  report('coauthor.lost@random', run.lost, 'records');
  report('coauthor.unreported@random', run.unreported, 'records');
  report('coauthor.operations@random', run.operations, 'operations');
  report('coauthor.attempts@random', run.attempts, 'attempts');
  report('faults.injected@random', run.faultsInjected, 'faults');
  report('faults.cases@random', Object.keys(run.faultCases).length, 'cases');
  report('coauthor.hostMs@random', elapsed, 'ms');
  const catalogue = await runFaultCatalogue();
  report('faults.injected', catalogue.injected, 'faults');
  report(
    'faults.findings',
    catalogue.reports.reduce((sum, r) => sum + r.findings.length, 0),
    'findings',
  );
}
