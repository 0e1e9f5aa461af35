/**
 * npm run bench — printed measurements, never assertions (DESIGN: tests and measurements).
 * `npm run bench -- --json` prints one JSON object per line: {"metric", "value", "unit"}.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixedClock } from '../addin/src/core/clock';
import { bindVolumes } from '../addin/src/domain/binding';
import { buildBoundVolumes } from '../addin/src/workbooks/boundVolumes';
import { demoComplaint, seededRandom } from '../addin/src/domain/demo';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { runDeskDay } from '../test/support/deskDay';
import { fieldMonth, ledgerAct, seedWorkers } from '../test/support/fieldMonth';
import { libreOfficeConvert } from '../test/support/libreoffice';
import { yearStatistics, COMPLAINT_COLUMNS } from '../addin/src/domain/statistics';
import { complaintStatisticsOperation } from '../addin/src/domain/statisticsSheet';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { closeAccident, investigateAccident, registerAccident, reportVerbal, reportWritten } from '../addin/src/domain/accidents';
import { voidRecord } from '../addin/src/domain/workflows';
import { benchBroadcasts, benchEntry, benchLoans, benchReservations } from './benchVisitors';
import { benchCoauthor } from './benchCoauthor';
import { hostWorkbookFromXlsx, hostClient } from '../addin/src/host';
import type { RecordValues } from '../addin/src/ledger/cells';
import { excelRun, openOfficeLedger } from '../addin/src/ledger/office/officeLedger';
import type { Ledger } from '../addin/src/ledger/types';
import { buildTemplateBuffer } from '../addin/src/workbooks/template';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import JSZip from 'jszip';

const ROOT = path.resolve(__dirname, '..');
const json = process.argv.includes('--json');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

interface Measurement {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
}

const results: Measurement[] = [];

function report(metric: string, value: number, unit: string): void {
  const rounded = Math.round(value * 100) / 100;
  results.push({ metric, value: rounded, unit });
  if (json) console.log(JSON.stringify({ metric, value: rounded, unit }));
  else console.log(`${metric.padEnd(44)} ${String(rounded).padStart(12)} ${unit}`);
}

const clock = fixedClock('2026-03-15 10:00:00', 1);
const context = { clock, actor: { clerk: 'bench' } };

/** The previous year's complaints, as records ready to append (numbers TS-2025-…). */
function pastComplaints(count: number): RecordValues[] {
  const random = seededRandom(2025);
  return Array.from({ length: count }, (_, i) => ({
    ...registerComplaint.prepare(demoComplaint(random, 2025), context).values,
    ticket_no: `TS-2025-${String(i + 1).padStart(6, '0')}`,
    status: 'archived',
    voided: false,
  }));
}

async function seed(ledger: Ledger, count: number): Promise<void> {
  const basis = await ledger.read({ writes: ['complaints'] });
  await ledger.apply({ appends: { complaints: pastComplaints(count) } }, basis);
}

const input = () =>
  ({
    received_at: '2026-03-15 09:30',
    channel: 'phone',
    anonymous: 'no',
    complainant: '张三',
    content: '病房卫生间地面有积水，未及时清理',
    category: 'cleaning',
    department: 'cleaning',
    receptionist: { by: '王丽', at: '2026-03-15 09:35' },
  }) as const;

async function benchTemplates(): Promise<Uint8Array> {
  const times: number[] = [];
  let bytes: Uint8Array = new Uint8Array();
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    bytes = await buildTemplateBuffer({ locale: 'zh-CN', createdAt: '2026-01-01 00:00:00' });
    times.push(performance.now() - start);
  }
  report('templates.build.ms', times.sort((a, b) => a - b)[1], 'ms');
  report('templates.bytes', bytes.length / 1024, 'KB');
  return bytes;
}

async function benchAddin(template: Uint8Array): Promise<void> {
  for (const existing of [10, 1000, 100_000]) {
    const workbook = await hostWorkbookFromXlsx(template);
    const client = hostClient(workbook);
    const ledger = await openOfficeLedger(excelRun(client), { station: 'bench', clock });
    await seed(ledger, existing);
    await runOperation(ledger, registerComplaint, input(), context);
    client.resetStats();
    const start = performance.now();
    await runOperation(ledger, registerComplaint, input(), context);
    const elapsed = performance.now() - start;
    const stats = client.stats;
    report(`complaint.register.syncs@${existing}`, stats.syncs, 'syncs');
    report(`complaint.register.payloadBytes@${existing}`, stats.requestBytes + stats.responseBytes, 'bytes');
    report(`complaint.register.maxRequestBytes@${existing}`, stats.maxRequestBytes, 'bytes');
    report(`complaint.register.hostMs@${existing}`, elapsed, 'ms');
  }
}

/** Runs the real `kefu` command and reads its peak memory from inside (a preloaded exit hook). */
function runCli(args: readonly string[]): Promise<{ ms: number; peakRssMB: number; code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const hook = path.join(ROOT, 'scripts', 'peak-rss.cjs');
    const child = spawn(process.execPath, ['--require', hook, path.join(ROOT, 'bin', 'kefu.js'), ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const peak = /KEFU_PEAK_RSS_KB=(\d+)/.exec(stderr);
      resolve({ ms, peakRssMB: peak ? Number(peak[1]) / 1024 : NaN, code: code ?? -1, stderr });
    });
  });
}

/**
 * A ledger as a desk has it after `count` registrations: the complaints, an audit row and a
 * numbering claim for each (the claims and the audit log grow with the register), written by the
 * part-level backend in one go.
 */
async function ledgerWithComplaints(template: Uint8Array, count: number): Promise<Uint8Array> {
  const ledger = await PackageLedger.fromBuffer(template, { station: 'bench', clock });
  const complaints = pastComplaints(count);
  const basis = await ledger.read({ writes: ['complaints', 'kefu_claims_TS'] });
  const claims = complaints.map((_, i) => ({ period: '2025', station: 'bench', claimed_at: '2025-12-31 09:00:00', seq: i + 1 }));
  await ledger.apply(
    {
      appends: { complaints, kefu_claims_TS: claims },
      audit: complaints.map((c) => ({
        at: '2025-12-31 09:00:00',
        who: 'bench',
        action: 'create',
        table: 'complaints',
        record: String(c.ticket_no),
        field: '*',
        oldValue: '',
        newValue: `content=${String(c.content)}`,
      })),
    },
    basis,
  );
  return ledger.toBuffer();
}

/** The same package as another program saves it: every part deflated whole (no segments), as Excel or LibreOffice write them. */
async function savedByAnotherProgram(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * `kefu complaint add` on ledgers of 10,000 and 100,000 complaints (a fresh process each time, as
 * a clerk's script runs it): the first write after another program saved the ledger (every part
 * deflated whole: the sheets written are re-deflated in segments once), and the next ones (only
 * the segments that change). Medians of three; peak memory the largest.
 */
async function benchCli(template: Uint8Array): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-bench-'));
  try {
    const json = path.join(dir, 'complaint.json');
    await fs.writeFile(json, JSON.stringify(input()));
    for (const count of [10_000, 100_000]) {
      const foreign = await savedByAnotherProgram(await ledgerWithComplaints(template, count));
      const file = path.join(dir, `ledger-${count}.xlsx`);
      report(`cli.ledgerMB@${count}`, foreign.length / 1024 / 1024, 'MB');
      const first = [];
      for (let i = 0; i < 3; i++) {
        await fs.writeFile(file, foreign);
        await fs.rm(`${file}.bak`, { force: true });
        const run = await runCli(['complaint', 'add', file, '--json', json]);
        if (run.code !== 0) throw new Error(`kefu complaint add failed: ${run.stderr}`);
        first.push(run);
      }
      first.sort((a, b) => a.ms - b.ms);
      report(`cli.complaint.add.firstWrite.ms@${count}`, first[1].ms, 'ms');
      const runs = [];
      for (let i = 0; i < 3; i++) {
        const run = await runCli(['complaint', 'add', file, '--json', json]);
        if (run.code !== 0) throw new Error(`kefu complaint add failed: ${run.stderr}`);
        runs.push(run);
      }
      runs.sort((a, b) => a.ms - b.ms);
      report(`cli.complaint.add.ms@${count}`, runs[1].ms, 'ms');
      report(`cli.complaint.add.peakRssMB@${count}`, Math.max(...[...first, ...runs].map((r) => r.peakRssMB)), 'MB');
      if (count === 100_000) {
        // Where a user would otherwise start: LibreOffice opening the same ledger (to CSV).
        const loStart = performance.now();
        await libreOfficeConvert([file], 'csv', path.join(dir, 'csv'), { recalc: false, timeoutMs: 1_800_000 });
        report(`libreoffice.csv.ms@${count}`, performance.now() - loStart, 'ms');
      }
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Binding a year of 1,000 archived tickets with their return visits (exceljs backend), and its workbook. */
async function benchBinding(template: Uint8Array): Promise<void> {
  const ledger = await XlsxLedger.fromBuffer(template, { station: 'bench', clock });
  const tickets = pastComplaints(1000);
  const visits = tickets.map((t) => ({
    visit_no: `${t.ticket_no}-HF`,
    ticket_no: t.ticket_no,
    visited_at: '2025-12-01 10:00',
    method: 'phone',
    person_visited: '张三',
    resolved: true,
    satisfaction: 'satisfied',
    visitor_by: '赵敏',
    visitor_at: '2025-12-01 10:00',
    received_by_cs_by: '陈静',
    received_by_cs_at: '2025-12-01 11:00',
    voided: false,
  }));
  const basis = await ledger.read({ writes: ['complaints', 'return_visits'] });
  await ledger.apply({ appends: { complaints: tickets, return_visits: visits } }, basis);
  let start = performance.now();
  const { result } = await runOperation(ledger, bindVolumes, { year: 2025, volumeSize: 100 }, context);
  report('bind.ms@1000', performance.now() - start, 'ms');
  start = performance.now();
  const bytes = await buildBoundVolumes(result, { locale: 'zh-CN' }).xlsx.writeBuffer();
  report('bind.workbook.ms@1000', performance.now() - start, 'ms');
  report('bind.workbook.bytes@1000', bytes.byteLength / 1024, 'KB');
}

/** Past-year rows of every desk table, so each desk action runs against a 100,000-row ledger. */
async function seedDesk(ledger: Ledger, count: number): Promise<void> {
  const basis = await ledger.read({ writes: ['reception', 'repair_orders', 'repair_ledger'] });
  const day = (i: number) => `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const common = { created_at: '2025-06-01 09:00', created_by: 'bench', voided: false };
  const reception: RecordValues[] = Array.from({ length: count }, (_, i) => ({
    ...common,
    reception_no: `JD-${day(i).replace(/-/g, '')}-${String(i).padStart(6, '0')}`,
    received_at: `${day(i)} 09:00`,
    channel: 'phone',
    matter: '询问',
    category: 'inquiry',
    answered_on_spot: true,
    status: 'closed',
    receptionist_by: '王丽',
    receptionist_at: `${day(i)} 09:00`,
  }));
  const orders: RecordValues[] = Array.from({ length: count }, (_, i) => ({
    ...common,
    order_no: `WX-2025-${String(i + 1).padStart(6, '0')}`,
    reported_at: `${day(i)} 09:00`,
    requester: '张三',
    location: '住院楼-3层-301',
    fault: '水龙头漏水',
    status: 'closed',
  }));
  const lines: RecordValues[] = orders.map((o) => ({ ...common, order_no: o.order_no, entry_date: String(o.reported_at).slice(0, 10), location: o.location, content: o.fault, status: 'closed' }));
  await ledger.apply({ appends: { reception, repair_orders: orders, repair_ledger: lines } }, basis);
}

async function benchDesk(template: Uint8Array): Promise<void> {
  const existing = 100_000;
  const workbook = await hostWorkbookFromXlsx(template);
  const client = hostClient(workbook);
  const ledger = await openOfficeLedger(excelRun(client), { station: 'bench', clock });
  await seed(ledger, existing);
  await seedDesk(ledger, existing);
  const seen = new Set<string>();
  await runDeskDay(async (operation, input, label) => {
    client.resetStats();
    const start = performance.now();
    const outcome = await runOperation(ledger, operation as Operation<unknown, unknown, never>, input, { clock, actor: { clerk: 'bench' } });
    const elapsed = performance.now() - start;
    if (!seen.has(label)) {
      seen.add(label);
      const stats = client.stats;
      report(`desk.${label}.syncs@${existing}`, stats.syncs, 'syncs');
      report(`desk.${label}.payloadBytes@${existing}`, stats.requestBytes + stats.responseBytes, 'bytes');
      report(`desk.${label}.hostMs@${existing}`, elapsed, 'ms');
    }
    return outcome.result;
  });
}

/** Past years' rows of every field table (work orders, installation sheets, check lines, meetings, gear, notices, checks, accidents), `count` each. */
async function seedField(ledger: Ledger, count: number): Promise<void> {
  const day = (i: number) => `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  // Past teams: a team holds a few hundred meetings and pieces of gear, not the whole register.
  const team = (i: number) => `H${String(i % 400).padStart(3, '0')}`;
  const common = { created_at: '2025-06-01 09:00', created_by: 'bench', voided: false };
  const rows = (make: (i: number) => RecordValues) => Array.from({ length: count }, (_, i) => ({ ...common, ...make(i) }));
  const tables: Record<string, () => RecordValues[]> = {
    rotation_orders: () => rows((i) => ({ order_no: `RX-${i}`, workers: 'W0101', due_date: day(i), done_date: day(i), team_code: team(i), work_date: day(i), status: 'closed' })),
    batch_installs: () => rows((i) => ({ order_no: `BX-${i}`, workers: 'W0101', done_date: day(i), team_code: team(i), work_date: day(i), status: 'closed' })),
    installation_sheets: () =>
      rows((i) => ({
        work_order_no: `SX-${i}`,
        work_kind: 'rotation',
        parent_order_no: `RX-${i}`,
        account_no: `A${i}`,
        account_name: '住户',
        name_check: 'match',
        removed_meter_no: `J${i}`,
        removed_reading: 1000,
        new_meter_no: `M${i}`,
        new_reading: 0,
        collector_type: 'wireless',
        site_cleaned: true,
        install_date: day(i),
      })),
    field_check_lines: () => rows((i) => ({ line_id: `RX-${i}-CC1/M${i}`, check_no: `RX-${i}-CC1`, order_no: `RX-${i}`, meter_no: `M${i}`, sampled_as: 'rotation_sample', result: 'pass' })),
    rotation_spot_checks: () => rows((i) => ({ entry_id: `RX-${i}-CC1`, order_no: `RX-${i}`, check_date: day(i), rotated_count: 1, sampled: 1, sample: `M${i}`, status: 'checked' })),
    investigations: () => rows((i) => ({ investigation_no: `PC-2025-${String(i + 1).padStart(6, '0')}`, order_no: `BX-${i}`, check_date: day(i), status: 'signed' })),
    collection_checks: () => rows((i) => ({ entry_id: `RX-${i}-CJ1`, order_no: `RX-${i}`, work_kind: 'rotation', process_end_date: day(i), users_total: 10, users_collected: 10, check_date: day(i) })),
    power_off_checks: () => rows((i) => ({ entry_id: `BX-${i}-YD1`, order_no: `BX-${i}`, location: '配电间', no_voltage: true, visible_break: true })),
    preshift_meetings: () =>
      rows((i) => ({
        meeting_no: `BQ-${team(i)}-${day(i).replace(/-/g, '')}-${String(Math.floor(i / 400) % 100).padStart(2, '0')}`,
        meeting_date: day(i),
        team_code: team(i),
        vendor_code: 'V09',
        work_leader: '张三',
        roster: '张三',
        roster_count: 1,
        crew_signatures: '张三',
        signed_count: 1,
      })),
    safety_gear: () => rows((i) => ({ gear_no: `GX-${i}`, gear_name: 'helmet', holder: team(i), valid_until: '2025-12-31', gear_status: 'scrapped' })),
    meter_notices: () => rows((i) => ({ notice_no: `TZ-2025-${String(i + 1).padStart(6, '0')}`, order_no: `RX-${i}`, area: '小区', planned_date: day(i), posted_on: day(i), users_marked: true })),
    accident_verbal_reports: () =>
      rows((i) => ({ accident_no: `SG-2025-${String(i + 1).padStart(6, '0')}`, reporting_unit: '外包施工单位', vendor_code: 'WB09', occurred_at: `${day(i)} 08:00`, status: 'closed' })),
  };
  // One table at a time (the backend chunks each write below the request limit).
  for (const [table, make] of Object.entries(tables)) {
    const basis = await ledger.read({ writes: [table] });
    await ledger.apply({ appends: { [table]: make() } }, basis);
  }
}

/**
 * The month of two field teams (test/support/fieldMonth.ts) with 100,000 rows in every field
 * table: requests, bytes and time of each kind of step, at its first time done (a refused attempt
 * is not measured: it stops after its read).
 */
async function benchField(template: Uint8Array): Promise<void> {
  const existing = 100_000;
  const workbook = await hostWorkbookFromXlsx(template);
  const client = hostClient(workbook);
  const ledger = await openOfficeLedger(excelRun(client), { station: 'bench', clock });
  await seedWorkers(ledger);
  await seedField(ledger, existing);
  const act = ledgerAct(ledger);
  const seen = new Set<string>();
  await fieldMonth(async (operation, input, label, at) => {
    client.resetStats();
    const start = performance.now();
    const result = await act(operation, input, label, at);
    const elapsed = performance.now() - start;
    if (!seen.has(label)) {
      seen.add(label);
      const stats = client.stats;
      report(`field.${label}.syncs@${existing}`, stats.syncs, 'syncs');
      report(`field.${label}.payloadBytes@${existing}`, stats.requestBytes + stats.responseBytes, 'bytes');
      report(`field.${label}.hostMs@${existing}`, elapsed, 'ms');
    }
    return result;
  });
}

/** Each step of an accident (W9) with 100,000 accidents in F25: requests and bytes per step on the Office.js backend. */
async function benchAccidents(template: Uint8Array): Promise<void> {
  const existing = 100_000;
  const workbook = await hostWorkbookFromXlsx(template);
  const client = hostClient(workbook);
  const ledger = await openOfficeLedger(excelRun(client), { station: 'bench', clock });
  const basis = await ledger.read({ writes: ['accident_verbal_reports'] });
  const past = Array.from({ length: existing }, (_, i) => ({
    accident_no: `SG-2025-${String(i + 1).padStart(6, '0')}`,
    reporting_unit: '外包施工单位',
    vendor_code: 'WB01',
    occurred_at: '2025-06-01 08:00',
    place: '小区表箱',
    summary: '表箱内短路',
    status: 'closed',
    voided: false,
  }));
  await ledger.apply({ appends: { accident_verbal_reports: past } }, basis);
  const at = '2026-03-14 09:00';
  const steps: [string, Operation<unknown, unknown, unknown>, (no: string) => unknown][] = [
    ['add', registerAccident, () => ({ reporting_unit: '外包施工单位', vendor_code: 'WB01', occurred_at: at, place: '小区表箱', summary: '表箱内短路' })],
    [
      'report-verbal',
      reportVerbal,
      (no) => ({ no, fields: { reported_at: '2026-03-14 09:20', report_method: 'phone', recipients: 'work_leader', reported_by: { by: '班长', at: '2026-03-14 09:20' } } }),
    ],
    [
      'report-written',
      reportWritten,
      (no) => ({
        no,
        fields: {
          submitted_at: '2026-03-14 18:00',
          unit_profile: '外包施工单位',
          scene: '表箱',
          sequence: '短路',
          deaths: 0,
          injuries: 0,
          missing: 0,
          direct_loss: '100.00',
          measures: '断电',
          grade: 'level8',
          submitted_by: { by: '经理', at: '2026-03-14 18:00' },
        },
      }),
    ],
    ['investigate', investigateAccident, (no) => ({ no, fields: { investigator: '安监部' } })],
    [
      'close',
      closeAccident,
      (no) => ({
        no,
        fields: Object.fromEntries(
          [
            ['cause_established', 'cause_evidence', 'cause_date'],
            ['persons_dealt', 'persons_evidence', 'persons_date'],
            ['measures_done', 'measures_evidence', 'measures_date'],
            ['staff_educated', 'education_evidence', 'education_date'],
          ].flatMap(([item, evidence, date]) => [
            [item, 'yes'],
            [evidence, '记录'],
            [date, '2026-03-15'],
          ]),
        ),
      }),
    ],
    ['void', voidRecord('accident_verbal_reports'), (no) => ({ no, reason: '重复登记' })],
  ];
  let no = '';
  for (const [label, operation, input] of steps) {
    client.resetStats();
    const start = performance.now();
    const outcome = await runOperation(ledger, operation, input(no), context);
    const elapsed = performance.now() - start;
    if (label === 'add') no = (outcome.result as { number: string }).number;
    const stats = client.stats;
    report(`field.accident.${label}.syncs@${existing}`, stats.syncs, 'syncs');
    report(`field.accident.${label}.payloadBytes@${existing}`, stats.requestBytes + stats.responseBytes, 'bytes');
    report(`field.accident.${label}.hostMs@${existing}`, elapsed, 'ms');
  }
}

async function main(): Promise<void> {
  if (!json) console.log(`${'metric'.padEnd(44)} ${'value'.padStart(12)} unit`);
  const template = await benchTemplates();
  if (!only || only === 'addin') await benchAddin(template);
  if (!only || only === 'cli') await benchCli(template);
  if (!only || only === 'bind') await benchBinding(template);
  if (!only || only === 'desk') await benchDesk(template);
  if (!only || only === 'accidents') await benchAccidents(template);
  if (!only || only === 'field') await benchField(template);
  if (!only || only === 'visitors' || only === 'loans') await benchLoans(template, report);
  if (!only || only === 'visitors' || only === 'reservation') await benchReservations(template, report);
  if (!only || only === 'visitors' || only === 'entry') await benchEntry(template, report);
  if (!only || only === 'visitors' || only === 'broadcasts') await benchBroadcasts(template, report);
  if (!only || only === 'coauthor') await benchCoauthor(report);
  if (!only || only === 'perf') await benchPerformance(template);
  if (!only || only === 'stats') await benchStatistics(template);
  if (!only || only === 'taskpane') {
    await benchTaskpaneBundle();
    await benchFirstRender();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

/** The task pane's production build: gzipped size of the JavaScript loaded before its first render. */
async function benchTaskpaneBundle(): Promise<void> {
  const { execFileSync } = await import('node:child_process');
  const zlib = await import('node:zlib');
  const { readFileSync } = await import('node:fs');
  const { preparePreview } = await import('./prepare-preview');
  await preparePreview();
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'ignore' });
  const html = readFileSync(path.join(ROOT, 'dist', 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*?\bsrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
  if (scripts.length === 0) throw new Error('dist/taskpane.html loads no script of ours');
  let gzip = 0;
  let containsExceljs = false;
  for (const src of scripts) {
    const code = readFileSync(path.join(ROOT, 'dist', src));
    gzip += zlib.gzipSync(code, { level: 9 }).length;
    // Strings only exceljs's writer holds (our own messages mention exceljs by name).
    containsExceljs ||= code.includes('xl/sharedStrings.xml') || code.includes('docProps/core.xml');
  }
  report('taskpane.initialJs.gzipKB', gzip / 1024, 'KB');
  report('taskpane.initialJs.containsExceljs', containsExceljs ? 1 : 0, 'bool');
}

/** The preview (production build) in headless Chromium: navigation to the pane's first render, median of 5. */
async function benchFirstRender(): Promise<void> {
  const { launchChromium, serveDirectory } = await import('../test/support/browser');
  const server = await serveDirectory(path.join(ROOT, 'dist'), 4300);
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(`${server.base}/preview.html?lang=zh-CN&view=complaints`);
      await page.waitForFunction(() => performance.getEntriesByName('kefu-first-render').length > 0, undefined, { timeout: 60_000 });
      times.push(await page.evaluate(() => performance.getEntriesByName('kefu-first-render')[0].startTime));
      await context.close();
    }
    times.sort((a, b) => a - b);
    report('taskpane.firstRender.ms', times[2], 'ms');
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** 1,000 workers with a month of collector records (wireless and carrier on alternate days) and some orders. */
function performanceData(workers: number, days: number): { tables: Record<string, RecordValues[]>; csvLines: (n: number) => string } {
  const random = seededRandom(2025);
  const id = (i: number) => `WB${String(i + 1).padStart(5, '0')}`;
  const date = (d: number) => `2025-03-${String(d + 1).padStart(2, '0')}`;
  const common = { created_at: '2025-04-01 09:00', created_by: 'bench', voided: false };
  const workerRows = Array.from({ length: workers }, (_, i) => ({
    worker_id: id(i),
    name: `人员${i}`,
    team_code: `T${String(i % 40).padStart(2, '0')}`,
    vendor_code: `V0${1 + (i % 3)}`,
    base_cm: 120_000,
    base_rot: 90_000,
    base_bat: 90_000,
    base_total: 300_000,
    ...common,
  }));
  const collector: RecordValues[] = [];
  for (let w = 0; w < workers; w++) {
    for (let d = 0; d < days; d++) {
      const carrier = (w + d) % 2 === 1;
      const maintained = carrier ? 14 + Math.floor(random() * 7) : 4 + Math.floor(random() * 5);
      const type = carrier ? 'carrier' : 'wireless';
      collector.push({
        entry_id: `${id(w)}-202503${String(d + 1).padStart(2, '0')}-${carrier ? 'C' : 'W'}`,
        date: date(d),
        worker_id: id(w),
        collector_type: type,
        maintained,
        succeeded: Math.floor(maintained * (0.5 + random() * 0.5)),
        reason_code: random() < 0.03 ? 'leave' : null,
        ...common,
      });
    }
  }
  const rotation = Array.from({ length: workers / 2 }, (_, i) => ({
    order_no: `WO-${i}`,
    workers: `${id(2 * i)},${id(2 * i + 1)}`,
    due_date: date(i % 25),
    done_date: date((i % 25) + (i % 4)),
    field_checked: 40,
    field_passed: 38 + (i % 3),
    collection_total: 100,
    collection_ok: 93 + (i % 8),
    status: 'collection_verified',
    ...common,
  }));
  const complaints = Array.from({ length: workers / 5 }, (_, i) => ({
    order_no: `GD-${i}`,
    date: date(i % 31),
    workers: id(i * 5),
    substantiated: ['yes', 'partly', 'no'][i % 3],
    severity: ['minor', 'major', 'severe'][i % 3],
    source: 'local',
    ...common,
  }));
  const csvLines = (n: number) => {
    const lines = ['date,worker_id,collector_type,maintained,succeeded,reason_code'];
    for (let i = 0; i < n; i++) {
      const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(i / workers) * 86_400_000).toISOString().slice(0, 10);
      const m = 4 + (i % 5);
      lines.push(`${day},${id(i % workers)},${i % 2 ? '无线' : 'carrier'},${m},${m - (i % 3)},`);
    }
    return lines.join('\r\n') + '\r\n';
  };
  return { tables: { workers: workerRows, collector_daily: collector, rotation_orders: rotation, complaint_orders: complaints }, csvLines };
}

/** Performance: the computation alone, `kefu perf` and `kefu import` on a 100,000-row collector export. */
async function benchPerformance(template: Uint8Array): Promise<void> {
  const { monthlyPerformance } = await import('../addin/src/domain/performance/compute');
  const { monthInputFromSnapshot, performanceRequest } = await import('../addin/src/domain/performance/inputs');
  const data = performanceData(1000, 31);
  const ledger = await XlsxLedger.fromBuffer(template, { station: 'bench', clock });
  const basis = await ledger.read({ writes: Object.keys(data.tables) });
  await ledger.apply({ appends: data.tables }, basis);
  const input = monthInputFromSnapshot(await ledger.read(performanceRequest()), '2025-03');
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    monthlyPerformance(input);
    times.push(performance.now() - start);
  }
  report('perf.month.ms@1000x31', times.sort((a, b) => a - b)[1], 'ms');

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-bench-perf-'));
  try {
    const file = path.join(dir, 'ledger.xlsx');
    await fs.writeFile(file, await ledger.toBuffer());
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const run = await runCli(['perf', file, '--month', '2025-03', '--csv', path.join(dir, `perf${i}.csv`)]);
      if (run.code !== 0) throw new Error(`kefu perf failed: ${run.stderr}`);
      runs.push(run);
    }
    runs.sort((a, b) => a.ms - b.ms);
    report('cli.perf.ms@1000x31', runs[1].ms, 'ms');
    report('cli.perf.peakRssMB@1000x31', Math.max(...runs.map((r) => r.peakRssMB)), 'MB');
    const sheet = await runCli(['perf', file, '--month', '2025-03', '--csv', path.join(dir, 'sheet.csv'), '--xlsx', path.join(dir, 'sheet.xlsx')]);
    if (sheet.code !== 0) throw new Error(`kefu perf --xlsx failed: ${sheet.stderr}`);
    report('cli.perf.withSheet.ms@1000x31', sheet.ms, 'ms');

    const workersOnly = await XlsxLedger.fromBuffer(template, { station: 'bench', clock });
    const wBasis = await workersOnly.read({ writes: ['workers'] });
    await workersOnly.apply({ appends: { workers: data.tables.workers } }, wBasis);
    const importLedger = path.join(dir, 'import.xlsx');
    await fs.writeFile(importLedger, await workersOnly.toBuffer());
    for (const rows of [10_000, 100_000]) {
      const csv = path.join(dir, `collector-${rows}.csv`);
      await fs.writeFile(csv, data.csvLines(rows));
      const target = path.join(dir, `import-${rows}.xlsx`);
      await fs.copyFile(importLedger, target);
      const imported = await runCli(['import', target, 'collector_daily', csv]);
      if (imported.code !== 0) throw new Error(`kefu import failed: ${imported.stderr.slice(0, 2000)}`);
      report(`cli.import.ms@${rows}`, imported.ms, 'ms');
      report(`cli.import.peakRssMB@${rows}`, imported.peakRssMB, 'MB');
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A year of complaints as a desk would have them: most handled, some visited, a few voided. */
function yearOfComplaints(count: number, year: number): RecordValues[] {
  const random = seededRandom(year);
  return Array.from({ length: count }, (_, i) => {
    const values = registerComplaint.prepare(demoComplaint(random, year), context).values;
    const received = String(values.received_at);
    const handled = random() < 0.9 ? `${received.slice(0, 11)}${String(10 + Math.floor(random() * 8)).padStart(2, '0')}:00` : null;
    return {
      ...values,
      ticket_no: `TS-${year}-${String(i + 1).padStart(6, '0')}`,
      status: handled ? 'handled' : 'in_handling',
      substantiated: ['yes', 'partly', 'no'][Math.floor(random() * 3)],
      handled_at: handled,
      promised_by: `${received.slice(0, 10)} 18:00`,
      reopen_count: random() < 0.02 ? 1 : 0,
      voided: random() < 0.01,
    };
  });
}

/**
 * The yearly statistics at 100,000 complaints: the computation alone; the add-in path on the host
 * (syncs, the largest request and response); `kefu stats` (time, peak memory); and, in the same
 * run, LibreOffice converting the same ledger to CSV — where a user would otherwise start.
 */
async function benchStatistics(template: Uint8Array): Promise<void> {
  const n = 100_000;
  const rows = yearOfComplaints(n, 2026);
  const slim = rows.map((r) => Object.fromEntries(COMPLAINT_COLUMNS.map((k) => [k, r[k] ?? null])));
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    yearStatistics(slim, [], 2026);
    times.push(performance.now() - start);
  }
  report(`stats.compute.ms@${n}`, times.sort((a, b) => a - b)[1], 'ms');

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-bench-stats-'));
  try {
    const ledgerWriter = await PackageLedger.fromBuffer(template, { station: 'bench', clock });
    const basis = await ledgerWriter.read({ writes: ['complaints'] });
    await ledgerWriter.apply({ appends: { complaints: rows } }, basis);
    const file = path.join(dir, 'ledger-100000.xlsx');
    await fs.writeFile(file, await ledgerWriter.toBuffer());
    report(`stats.ledgerMB@${n}`, (await fs.stat(file)).size / 1024 / 1024, 'MB');

    const workbook = await hostWorkbookFromXlsx(new Uint8Array(await fs.readFile(file)));
    const client = hostClient(workbook);
    const ledger = await openOfficeLedger(excelRun(client), { station: 'bench', clock });
    client.resetStats();
    const start = performance.now();
    await runOperation(ledger, complaintStatisticsOperation, { year: 2026, sheet: true }, context);
    const hostMs = performance.now() - start;
    const stats = client.stats;
    report(`stats.addin.syncs@${n}`, stats.syncs, 'syncs');
    report(`stats.addin.maxRequestBytes@${n}`, stats.maxRequestBytes, 'bytes');
    report(`stats.addin.maxResponseBytes@${n}`, stats.maxResponseBytes, 'bytes');
    report(`stats.addin.hostMs@${n}`, hostMs, 'ms');

    const cli = await runCli(['stats', file, '--year', '2026', '--out', path.join(dir, 'stats.xlsx')]);
    if (cli.code !== 0) throw new Error(`kefu stats failed: ${cli.stderr}`);
    report(`cli.stats.ms@${n}`, cli.ms, 'ms');
    report(`cli.stats.peakRssMB@${n}`, cli.peakRssMB, 'MB');

    const loStart = performance.now();
    await libreOfficeConvert([file], 'csv', path.join(dir, 'csv'), { recalc: false, timeoutMs: 1_800_000 });
    report(`libreoffice.csv.statsLedger.ms@${n}`, performance.now() - loStart, 'ms');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
