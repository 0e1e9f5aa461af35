/**
 * Report sheets land whole or not at all in Excel (issue 14 item 3): a report is written into a
 * hidden temporary sheet and swapped in by its last request. Faults of every kind at every request
 * of a multi-request report write — the request never reaching Excel, its answer lost, and the
 * request cut short after some of its actions (a large write being several) — leave in view either
 * the old sheet as it was or the new one whole, never a half sheet; the next run completes it.
 */
import assert from 'node:assert/strict';
import { hostClient, hostWorkbookFromXlsx, type HostWorkbook } from '../addin/src/host';
import { excelRun, openOfficeLedger } from '../addin/src/ledger/office/officeLedger';
import { reportTempSheetName, text } from '../addin/src/ledger/report';
import type { ReportSheet } from '../addin/src/ledger/types';
import { defaultClock, templateBytes } from './support/backends';

const NAME = '2026年投诉统计（全年·按类别与月份）'; // 20 characters; its temporary name fits in 31
const NEW_ROWS = 6_000;

function report(prefix: string, rows: number): ReportSheet {
  const filler = '投诉内容摘要'.repeat(24);
  return {
    name: NAME,
    rows: Array.from({ length: rows }, (_, i) => [text(`${prefix}-${i}`), text(filler), text(filler), text(filler)]),
    columnWidths: [14, 30],
    frozenRows: 1,
  };
}

async function writeReport(wb: HostWorkbook, sheet: ReportSheet, client = hostClient(wb)): Promise<void> {
  const ledger = await openOfficeLedger(excelRun(client), { station: 'report-test', clock: defaultClock() });
  const basis = await ledger.read({ sheets: [sheet.name] });
  await ledger.apply({ sheets: [sheet] }, basis);
}

/** What a sheet shows: the old report whole, the new one whole, nothing, or something else (a half sheet). */
function contents(wb: HostWorkbook, name: string): 'old' | 'new' | 'empty' | 'half' {
  const ws = wb.worksheet(name);
  const a = (row: number) => ws.cell(row, 0)?.value ?? null;
  if ([...ws.cellsIn({ top: 0, left: 0, bottom: NEW_ROWS + 10, right: 10 })].every(([, , c]) => c.value === null)) return 'empty';
  if (a(0) === 'old-0' && a(2) === 'old-2' && a(3) === null) return 'old';
  if (a(0) === 'new-0' && a(NEW_ROWS - 1) === `new-${NEW_ROWS - 1}` && a(NEW_ROWS) === null && ws.cell(NEW_ROWS - 1, 3)?.value !== undefined) return 'new';
  return 'half';
}

describe('report sheets swapped in whole (Office.js backend on the in-memory host)', function () {
  this.timeout(600_000);

  let bytes: Uint8Array;
  before(async () => {
    bytes = await templateBytes('zh-CN');
  });

  /** The template with the old report written, and a user's sheet after it. */
  async function withOldReport(): Promise<{ wb: HostWorkbook; position: number }> {
    const wb = await hostWorkbookFromXlsx(bytes);
    await writeReport(wb, report('old', 3));
    wb.addWorksheet('我的笔记');
    return { wb, position: wb.worksheet(NAME).position };
  }

  it('replaces the sheet in its place in the tab order, with its widths and frozen rows, leaving no temporary sheet', async () => {
    const { wb, position } = await withOldReport();
    assert.ok(reportTempSheetName(NAME).length <= 31);
    assert.ok(reportTempSheetName('统'.repeat(31)).length <= 31);
    const client = hostClient(wb);
    await writeReport(wb, report('new', NEW_ROWS), client);
    assert.ok(client.stats.syncs >= 4, `a multi-request write (${client.stats.syncs} requests with the read)`);
    assert.equal(contents(wb, NAME), 'new');
    assert.equal(wb.worksheet(NAME).position, position);
    assert.equal(wb.worksheet(NAME).visibility, 'Visible');
    assert.equal(wb.findWorksheet(reportTempSheetName(NAME)), undefined);
    assert.equal(wb.worksheet(NAME).frozenRows, 1);
  });

  it('leaves the old sheet or the new one whole after a fault of any kind at any request, and the next run completes it', async () => {
    // A clean run tells how many requests the write takes and how many actions each applies.
    const probe = await withOldReport();
    const clean = hostClient(probe.wb);
    await writeReport(probe.wb, report('new', NEW_ROWS), clean);
    const writes = clean.stats.perSync.slice(3); // after opening the ledger and reading
    assert.ok(writes.length >= 3, `${writes.length} write requests`);

    type Fault = { label: string; inject: (client: ReturnType<typeof hostClient>) => void };
    const faults: Fault[] = [];
    writes.forEach((sync, i) => {
      const n = 4 + i; // this client's request number: opening (1, 2), the read (3), then the writes
      faults.push({ label: `request ${n} never reaching Excel`, inject: (c) => c.failAtSync(n) });
      faults.push({ label: `request ${n} applied, its answer lost`, inject: (c) => c.loseResponseAtSync(n) });
      const cuts = new Set([0, 1, 2, Math.floor(sync.applied / 2), sync.applied - 4, sync.applied - 3, sync.applied - 2, sync.applied - 1].filter((k) => k >= 0 && k < sync.applied));
      for (const k of cuts) faults.push({ label: `request ${n} cut after ${k} of ${sync.applied} actions`, inject: (c) => c.failMidRequest(n, k) });
    });

    const seen = new Set<string>();
    for (const fault of faults) {
      const { wb, position } = await withOldReport();
      const client = hostClient(wb);
      fault.inject(client);
      await assert.rejects(writeReport(wb, report('new', NEW_ROWS), client), { code: 'GeneralException' }, fault.label);
      // In view: the report's name shows the old sheet or the new one whole; a temporary sheet in
      // view is whole, or empty (the request cut right after adding it, before hiding it).
      const named = wb.findWorksheet(NAME);
      if (named) assert.notEqual(contents(wb, NAME), 'half', `${fault.label}: the report's sheet is half written`);
      const temp = wb.findWorksheet(reportTempSheetName(NAME));
      if (temp && temp.visibility === 'Visible') assert.match(contents(wb, temp.name), /^(new|empty)$/, `${fault.label}: a half sheet in view`);
      assert.ok(named || temp?.visibility === 'Visible', `${fault.label}: neither sheet in view`);
      seen.add(named ? contents(wb, NAME) : 'new, under the temporary name');
      if (temp && temp.visibility === 'Visible' && contents(wb, temp.name) === 'empty') seen.add('an empty temporary sheet');
      // The next run removes what the failed one left and completes the report in its place.
      await writeReport(wb, report('new', NEW_ROWS));
      assert.equal(contents(wb, NAME), 'new', fault.label);
      assert.equal(wb.findWorksheet(reportTempSheetName(NAME)), undefined, fault.label);
      assert.equal(wb.worksheet(NAME).position, position, fault.label);
    }
    assert.deepEqual([...seen].sort(), ['an empty temporary sheet', 'new', 'new, under the temporary name', 'old'], 'every outcome was reached');
  });
});
