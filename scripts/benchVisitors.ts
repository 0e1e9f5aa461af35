import { performance } from 'node:perf_hooks';
import { demoClock } from '../addin/src/domain/demo';
import type { FieldAct } from '../addin/src/domain/fieldMonth';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { playBroadcastDay } from '../addin/src/domain/visitors/broadcastDay';
import { entryClerk, playEntryDay } from '../addin/src/domain/visitors/entryDay';
import { playLoanDay } from '../addin/src/domain/visitors/loanDay';
import { playReservationDay } from '../addin/src/domain/visitors/reservationDay';
import { hostWorkbookFromXlsx, hostClient } from '../addin/src/host';
import type { RecordValues } from '../addin/src/ledger/cells';
import { excelRun, openOfficeLedger } from '../addin/src/ledger/office/officeLedger';

/**
 * The special visitors' benches (issue 13): each procedure's part of the busy day played on the
 * Office.js backend (in-memory host) with 100,000 past rows in each of its tables, measuring each
 * kind of step at its first time done (a refused attempt is not measured): requests, bytes and time
 * (`visitors.<step>.syncs@100000`, `payloadBytes@100000`, `hostMs@100000`).
 * `npm run bench -- --only=visitors` (or loans, broadcasts, reservation, entry).
 */

export type Report = (metric: string, value: number, unit: string) => void;

const EXISTING = 100_000;

/** A day of the year before, for the past rows. */
const day = (i: number) => `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

/** 100,000 past rows made by `make`, with the common columns. */
const rows = (make: (i: number) => RecordValues): RecordValues[] => Array.from({ length: EXISTING }, (_, i) => ({ created_at: '2025-06-01 09:00', created_by: 'bench', voided: false, ...make(i) }));

/**
 * Fills `tables` with their past rows, then plays `day` through an act that measures each kind of
 * step (`kindOf`: a step's label, or a finer kind) the first time it is done.
 */
async function benchDay(
  template: Uint8Array,
  report: Report,
  tables: Readonly<Record<string, () => RecordValues[]>>,
  play: (act: FieldAct) => Promise<unknown>,
  options: { readonly clerk?: string; readonly kindOf?: (label: string, input: unknown) => string } = {},
): Promise<void> {
  const clock = demoClock();
  const client = hostClient(await hostWorkbookFromXlsx(template));
  const ledger = await openOfficeLedger(excelRun(client), { station: 'bench', clock });
  for (const [table, make] of Object.entries(tables)) {
    const basis = await ledger.read({ writes: [table] });
    await ledger.apply({ appends: { [table]: make() } }, basis);
  }
  const seen = new Set<string>();
  await play(async (operation, input, label, at) => {
    clock.set(at);
    client.resetStats();
    const start = performance.now();
    const { result } = await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock, actor: { clerk: options.clerk ?? 'bench' } });
    const elapsed = performance.now() - start;
    const kind = options.kindOf ? options.kindOf(label, input) : label;
    if (!seen.has(kind)) {
      seen.add(kind);
      const stats = client.stats;
      report(`visitors.${kind}.syncs@${EXISTING}`, stats.syncs, 'syncs');
      report(`visitors.${kind}.payloadBytes@${EXISTING}`, stats.requestBytes + stats.responseBytes, 'bytes');
      report(`visitors.${kind}.hostMs@${EXISTING}`, elapsed, 'ms');
    }
    return result;
  });
}

/** The wheelchair and stroller loans (loanDay.ts): the fleet, the loans and the repair slips. */
export function benchLoans(template: Uint8Array, report: Report): Promise<void> {
  return benchDay(
    template,
    report,
    {
      vehicles: () => rows((i) => ({ vehicle_no: `VX-${i}`, vehicle_type: i % 3 === 2 ? 'stroller' : 'wheelchair', status: 'scrapped' })),
      loans: () =>
        rows((i) => ({
          loan_no: `JY-${day(i).replace(/-/g, '')}-${String(1 + Math.floor(i / 336)).padStart(3, '0')}`,
          vehicle_type: 'wheelchair',
          vehicle_no: `VX-${i}`,
          loan_kind: 'loan',
          lent_at: `${day(i)} 09:00`,
          borrower: '游客',
          deposit: 20000,
          staff_by: 'bench',
          staff_at: `${day(i)} 09:00`,
          returned_at: `${day(i)} 11:00`,
          return_check: 'intact',
          settlement: 'refunded',
          refund: 20000,
          settled_at: `${day(i)} 11:05`,
          status: 'settled',
        })),
      repair_slips: () =>
        rows((i) => ({
          slip_no: `SX-2025-${String(i + 1).padStart(6, '0')}`,
          vehicle_type: 'wheelchair',
          vehicle_no: `VX-${i}`,
          damage: '扶手',
          sent_at: `${day(i)} 11:00`,
          sent_by_by: 'bench',
          status: 'closed',
        })),
    },
    (act) => playLoanDay(act, { day: '2026-05-01', locale: 'zh-CN' }),
    {
      // A damaged return claims the repair slip's number within the step: measured apart from an intact one.
      kindOf: (label, input) => (label === 'loan.return' && (input as { fields: { return_check?: string } }).fields.return_check === 'damaged' ? 'loan.return-damaged' : label),
    },
  );
}

/** The broadcast station (broadcastDay.ts): the broadcast register. */
export function benchBroadcasts(template: Uint8Array, report: Report): Promise<void> {
  const no = (i: number) => `XR-${day(i).replace(/-/g, '')}-${String(1 + Math.floor(i / 336)).padStart(3, '0')}`;
  return benchDay(
    template,
    report,
    {
      broadcasts: () =>
        rows((i) => ({
          broadcast_no: no(i),
          requested_at: `${day(i)} 10:00`,
          requester: '游客',
          missing_name: '走失者',
          meeting_point: '游客服务中心',
          languages: ['mandarin'],
          reading_times: '10:01、10:06、10:11',
          reading_count: 3,
          last_read_at: `${day(i)} 10:11`,
          outcome: 'found',
          closed_at: `${day(i)} 10:30`,
          status: 'closed',
        })),
    },
    (act) => playBroadcastDay(act, { date: '2026-05-01', locale: 'zh-CN' }),
  );
}

/** The reservations (reservationDay.ts): reservations, plans, distribution lines, receipts. */
export function benchReservations(template: Uint8Array, report: Report): Promise<void> {
  const no = (i: number) => `YP-2025-${String(i + 1).padStart(6, '0')}`;
  const departments = ['site_operations', 'catering', 'security', 'market_management'];
  return benchDay(
    template,
    report,
    {
      reservations: () =>
        rows((i) => ({
          reservation_no: no(i),
          received_at: `${day(i)} 09:00`,
          group_name: '老年团',
          contact: '联系人',
          contact_phone: '13900000000',
          arrival_at: `${day(i)} 10:00`,
          headcount: 30,
          ticket_address: '地址',
          ticket_time: `${day(i)} 08:00`,
          status: 'closed',
        })),
      reception_plans: () => rows((i) => ({ plan_no: `JH-${no(i)}`, reservation_no: no(i), route: '线路', drafted_by_by: '王', drafted_by_at: `${day(i)} 09:30` })),
      // One line per reservation here (a plan has a few): 100,000 lines, the plan number as the key's prefix.
      plan_distributions: () =>
        rows((i) => ({
          entry_id: `JH-${no(i)}-${departments[i % 4]}`,
          plan_no: `JH-${no(i)}`,
          department: departments[i % 4],
          sent_at: `${day(i)} 09:40`,
          acknowledged_by: '签',
          acknowledged_at: `${day(i)} 09:50`,
          ready: true,
        })),
      ticket_deliveries: () => rows((i) => ({ reservation_no: no(i), ticket_count: 30, ticket_type: '团体票', delivered_at: `${day(i)} 08:00`, delivered_by_by: '送', received_by_by: '收' })),
    },
    (act) => playReservationDay(act, { day: '2026-05-02', locale: 'zh-CN' }),
  );
}

/**
 * Free entry (entryDay.ts, a sample of 13 checks: every kind once): free entries, gate counts, the
 * postal log, the accessibility checklist. `entry.reconcile` is the day's report: it reads the
 * free-entry log's few columns whole.
 */
export function benchEntry(template: Uint8Array, report: Report): Promise<void> {
  const seq = (i: number) => String(i + 1).padStart(6, '0');
  return benchDay(
    template,
    report,
    {
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
    },
    (act) => playEntryDay(act, { day: '2026-02-28', locale: 'zh-CN', checks: 13 }),
    { clerk: entryClerk('zh-CN') },
  );
}
