import { performance } from 'node:perf_hooks';
import { fixedClock } from '../addin/src/core/clock';
import { demoClock } from '../addin/src/domain/demo';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { playBroadcastDay } from '../addin/src/domain/visitors/broadcastDay';
import { playLoanDay } from '../addin/src/domain/visitors/loanDay';
import { ledgerAct } from '../test/support/fieldMonth';
import { playReservationDay } from '../addin/src/domain/visitors/reservationDay';
import { hostWorkbookFromXlsx, hostClient } from '../addin/src/host';
import type { RecordValues } from '../addin/src/ledger/cells';
import { openOfficeLedger } from '../addin/src/ledger/office/officeLedger';

/**
 * The special visitors' benches (issue 13): each procedure's part of the busy day played on the
 * Office.js backend (in-memory host) with 100,000 past rows in each of its tables, measuring each
 * kind of step at its first time done. `npm run bench -- --only=visitors` (or loans, reservation).
 */

export type Report = (metric: string, value: number, unit: string) => void;

const clock = fixedClock('2026-03-15 10:00:00', 1);

/**
 * The reservations of the busy day (issue 13) with 100,000 past rows in each of their tables
 * (reservations, plans, distribution lines, receipts): requests and bytes of each step on the
 * Office.js backend, at its first time done (a refused attempt is not measured).
 */
export async function benchReservations(template: Uint8Array, report: Report): Promise<void> {
  const existing = 100_000;
  const workbook = await hostWorkbookFromXlsx(template);
  const client = hostClient(workbook);
  const ledger = await openOfficeLedger((batch) => client.run(batch), { station: 'bench', clock });
  const no = (i: number) => `YP-2025-${String(i + 1).padStart(6, '0')}`;
  const day = (i: number) => `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const common = { created_at: '2025-06-01 09:00', created_by: 'bench', voided: false };
  const rows = (make: (i: number) => RecordValues) => Array.from({ length: existing }, (_, i) => ({ ...common, ...make(i) }));
  const departments = ['site_operations', 'catering', 'security', 'market_management'];
  const tables: Record<string, () => RecordValues[]> = {
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
  };
  for (const [table, make] of Object.entries(tables)) {
    const basis = await ledger.read({ writes: [table] });
    await ledger.apply({ appends: { [table]: make() } }, basis);
  }
  const demo = demoClock();
  const seen = new Set<string>();
  await playReservationDay(
    async (operation, input, label, at) => {
      demo.set(at);
      client.resetStats();
      const start = performance.now();
      const outcome = await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock: demo, actor: { clerk: 'bench' } });
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
    { day: '2026-05-02', locale: 'zh-CN' },
  );
}

/**
 * The busy day of wheelchair and stroller loans (addin/src/domain/visitors/loanDay.ts) with 100,000
 * past rows in the fleet, the loans and the repair slips: requests, bytes and time of each kind of
 * step at its first time done (`visitors.loan.return`, `visitors.vehicle.add`, …).
 */
export async function benchLoans(template: Uint8Array, report: Report): Promise<void> {
  const existing = 100_000;
  const workbook = await hostWorkbookFromXlsx(template);
  const client = hostClient(workbook);
  const ledger = await openOfficeLedger((batch) => client.run(batch), { station: 'bench', clock });
  const day = (i: number) => `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const common = { created_at: '2025-06-01 09:00', created_by: 'bench', voided: false };
  const rows = (make: (i: number) => RecordValues) => Array.from({ length: existing }, (_, i) => ({ ...common, ...make(i) }));
  const tables: Record<string, () => RecordValues[]> = {
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
  };
  for (const [table, make] of Object.entries(tables)) {
    const basis = await ledger.read({ writes: [table] });
    await ledger.apply({ appends: { [table]: make() } }, basis);
  }
  const dayClock = demoClock();
  const seen = new Set<string>();
  await playLoanDay(
    async (operation, input, label, at) => {
      dayClock.set(at);
      client.resetStats();
      const start = performance.now();
      const { result } = await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock: dayClock, actor: { clerk: 'bench' } });
      const elapsed = performance.now() - start;
      // A damaged return claims the repair slip's number within the step: measured apart from an intact one.
      const kind = label === 'loan.return' && (input as { fields: { return_check?: string } }).fields.return_check === 'damaged' ? 'loan.return-damaged' : label;
      if (!seen.has(kind)) {
        seen.add(kind);
        const stats = client.stats;
        report(`visitors.${kind}.syncs@${existing}`, stats.syncs, 'syncs');
        report(`visitors.${kind}.payloadBytes@${existing}`, stats.requestBytes + stats.responseBytes, 'bytes');
        report(`visitors.${kind}.hostMs@${existing}`, elapsed, 'ms');
      }
      return result;
    },
    { day: '2026-05-01', locale: 'zh-CN' },
  );
}
/**
 * The broadcast station's busy day (domain/visitors/broadcastDay.ts) with 100,000 past requests in
 * the broadcast register: requests and bytes of each step (add, read, close) at its first time done.
 */
export async function benchBroadcasts(template: Uint8Array, report: Report): Promise<void> {
  const existing = 100_000;
  const workbook = await hostWorkbookFromXlsx(template);
  const client = hostClient(workbook);
  const ledger = await openOfficeLedger((batch) => client.run(batch), { station: 'bench', clock });
  const day = (i: number) => `2025${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0')}`;
  const at = (i: number) => `${day(i).slice(0, 4)}-${day(i).slice(4, 6)}-${day(i).slice(6)} 10:00`;
  const past = Array.from({ length: existing }, (_, i) => ({
    broadcast_no: `XR-${day(i)}-${String(1 + Math.floor(i / 336)).padStart(3, '0')}`,
    requested_at: at(i),
    requester: '游客',
    missing_name: '走失者',
    meeting_point: '游客服务中心',
    languages: ['mandarin'],
    reading_times: '10:01、10:06、10:11',
    reading_count: 3,
    last_read_at: at(i).replace('10:00', '10:11'),
    outcome: 'found',
    closed_at: at(i).replace('10:00', '10:30'),
    status: 'closed',
    created_at: at(i),
    created_by: 'bench',
    voided: false,
  }));
  const basis = await ledger.read({ writes: ['broadcasts'] });
  await ledger.apply({ appends: { broadcasts: past } }, basis);
  const act = ledgerAct(ledger);
  const seen = new Set<string>();
  await playBroadcastDay(
    async (operation, input, label, when) => {
      client.resetStats();
      const start = performance.now();
      const result = await act(operation, input, label, when);
      const elapsed = performance.now() - start;
      if (!seen.has(label)) {
        seen.add(label);
        const stats = client.stats;
        report(`visitors.${label}.syncs@${existing}`, stats.syncs, 'syncs');
        report(`visitors.${label}.payloadBytes@${existing}`, stats.requestBytes + stats.responseBytes, 'bytes');
        report(`visitors.${label}.hostMs@${existing}`, elapsed, 'ms');
      }
      return result;
    },
    { date: '2026-05-01', locale: 'zh-CN' },
  );
}
