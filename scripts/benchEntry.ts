import { demoClock } from '../addin/src/domain/demo';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { entryClerk, playEntryDay } from '../addin/src/domain/visitors/entryDay';
import { hostClient, hostWorkbookFromXlsx } from '../addin/src/host';
import type { RecordValues } from '../addin/src/ledger/cells';
import { openOfficeLedger } from '../addin/src/ledger/office/officeLedger';

/**
 * The free-entry part of the busy day (domain/visitors/entryDay.ts, a sample of 13 checks: every
 * kind once) with 100,000 rows in each of its tables — free entries, gate counts, the postal log,
 * the accessibility checklist: requests, bytes and time of each kind of step on the Office.js
 * backend, at its first time done (a refused attempt is not measured). `entry.reconcile` is the
 * day's report: it reads the free-entry log's few columns whole.
 */
export async function benchEntry(template: Uint8Array, report: (metric: string, value: number, unit: string) => void): Promise<void> {
  const existing = 100_000;
  const clock = demoClock('2026-02-28 08:00');
  const workbook = await hostWorkbookFromXlsx(template);
  const client = hostClient(workbook);
  const ledger = await openOfficeLedger((batch) => client.run(batch), { station: 'bench', clock });
  const day = (i: number) => `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const common = { created_at: '2025-06-01 09:00', created_by: 'bench', voided: false };
  const rows = (make: (i: number) => RecordValues) => Array.from({ length: existing }, (_, i) => ({ ...common, ...make(i) }));
  const seq = (i: number) => String(i + 1).padStart(6, '0');
  const tables: Record<string, () => RecordValues[]> = {
    free_entries: () =>
      rows((i) => ({
        entry_id: `MP-${day(i).replace(/-/g, '')}-${seq(i)}`,
        entered_at: `${day(i)} 09:00`,
        gate: `G${i % 4}`,
        category: 'senior',
        document_type: 'senior_card',
        senior_age_ok: true,
        headcount: 1,
        checker_by: '检票员',
        checker_at: `${day(i)} 09:00`,
        help_given: false,
        age_years: 75,
        result: 'free_pass',
        rule_applied: '老人：周岁≥70',
      })),
    gate_counts: () => rows((i) => ({ count_id: `${day(i)}-G${i}`, count_date: day(i), gate: `G${i}`, free_headcount: 0, counted_by_by: '检票员', counted_by_at: `${day(i)} 17:30` })),
    postal_log: () => rows((i) => ({ entry_id: `DY-2025-${seq(i)}`, entry_date: day(i), visitor: '游客', items: '纪念品', address: '杭州', staff_by: '营销部', staff_at: `${day(i)} 10:00` })),
    accessibility_checks: () =>
      rows((i) => ({ entry_id: `WZ-2025-${seq(i)}`, check_date: day(i), item: 'signage', location: '南门', usable: true, checker_by: '场务', checker_at: `${day(i)} 08:00` })),
  };
  for (const [table, make] of Object.entries(tables)) {
    const basis = await ledger.read({ writes: [table] });
    await ledger.apply({ appends: { [table]: make() } }, basis);
  }
  const seen = new Set<string>();
  await playEntryDay(
    async (operation, input, label, at) => {
      clock.set(at);
      client.resetStats();
      const start = performance.now();
      const outcome = await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock, actor: { clerk: entryClerk('zh-CN') } });
      const elapsed = performance.now() - start;
      if (!seen.has(label)) {
        seen.add(label);
        const stats = client.stats;
        report(`visitors.${label}.syncs@${existing}`, stats.syncs, 'syncs');
        report(`visitors.${label}.payloadBytes@${existing}`, stats.requestBytes + stats.responseBytes, 'bytes');
        report(`visitors.${label}.hostMs@${existing}`, elapsed, 'ms');
      }
      return outcome.result;
    },
    { day: '2026-02-28', locale: 'zh-CN', checks: 13 },
  );
}
