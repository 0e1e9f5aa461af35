import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { importTable, type SourceTable } from '../addin/src/domain/importing';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { FORMS } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import { hostWorkbookFromXlsx, hostWorkbookToXlsx } from '../addin/src/host';
import { NUMBER_FORMATS, formatWrittenWith } from '../addin/src/ledger/cells';
import { defaultClock, openOnHost, templateBytes } from './support/backends';
import { contextFor, runDeskDay } from './support/deskDay';
import { complaintInput } from './support/fixtures';
import { readWorkbookWithLibreOffice, sheetNamed } from './support/libreoffice';

/**
 * Issue 11, "Why" 1: dates, money and rates written through Office.js carry their number format.
 * The pane's own operations run on the in-memory host (a complaint, a day at the desk — receptions
 * of every kind, repair orders, return visits, every step with its signatures — and imports of
 * workers and collector_daily), the workbook is exported by the host's .xlsx bridge (what the
 * preview downloads), and every date, datetime and money cell of every form table is checked twice:
 * in the file (its number format, and exceljs reads a date) and in LibreOffice Calc (a date, or
 * money shown with two decimals). Rows written below a table get no format from the table's
 * column: what a cell shows is what was written with it.
 */

const WORKERS: SourceTable = {
  name: 'workers.csv',
  rows: [
    ['Worker id', 'Name', 'Team', 'Vendor', 'Collector maintenance base', 'Rotation base', 'Batch install base', 'Total monthly base'],
    ['WB001', '人员1', 'T01', 'V01', '1200', '900.5', '900', '3000'],
    ['WB002', '人员2', 'T02', 'V01', '1200', '900', '900', '3000'],
  ],
};

const COLLECTOR: SourceTable = {
  name: 'collector.csv',
  rows: [
    ['date', 'worker_id', 'collector_type', 'maintained', 'succeeded', 'reason_code'],
    ['2026-03-02', 'WB001', 'wireless', '8', '7', ''],
    ['2026-03-03', 'WB002', 'carrier', '5', '5', ''],
  ],
};

interface Written {
  readonly table: string;
  readonly column: string;
  readonly kind: 'date' | 'datetime' | 'money' | 'percent';
  readonly sheet: string;
  /** 1-based row and column of the cell in its sheet. */
  readonly row: number;
  readonly col: number;
}

describe('dates, money and rates keep their number formats on every path (Office.js backend)', function () {
  this.timeout(600_000);
  let dir: string;
  let file: string;
  /** Every cell of a date, datetime, money or percent column that holds a value, in every form table. */
  const written: Written[] = [];

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-formats-'));
    const workbook = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
    const session = await openOnHost(workbook);
    const context = { clock: defaultClock(), ...contextFor('王丽') };
    await runOperation(session.ledger, registerComplaint, complaintInput(), context);
    await runDeskDay(async (operation, input) => (await runOperation(session.ledger, operation as Operation<unknown, unknown, never>, input, context)).result);
    for (const source of [WORKERS, COLLECTOR]) {
      const table = source === WORKERS ? 'workers' : 'collector_daily';
      const result = await importTable(session.ledger, { table, source }, context);
      assert.equal(result.records.length, source.rows.length - 1, JSON.stringify(result.problems));
    }
    file = path.join(dir, 'ledger.xlsx');
    await fs.writeFile(file, await hostWorkbookToXlsx(workbook));

    const xl = new ExcelJS.Workbook();
    await xl.xlsx.readFile(file);
    for (const form of FORMS) {
      const sheet = xl.getWorksheet(form.sheet['zh-CN'])!;
      columnsOf(form).forEach((column, i) => {
        const kind = column.kind;
        if (!formatWrittenWith(kind)) return;
        for (let row = 2; row <= sheet.rowCount; row++) {
          const value = sheet.getRow(row).getCell(i + 1).value;
          if (value === null || value === undefined || value === '') continue;
          written.push({ table: form.key, column: column.key, kind: kind as Written['kind'], sheet: sheet.name, row, col: i + 1 });
        }
      });
    }
  });

  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('checks the cells of every kind of record the pane writes', () => {
    const seen = new Set(written.map((w) => `${w.table}.${w.column}`));
    for (const expected of [
      'complaints.received_at',
      'complaints.receptionist_at',
      'complaints.copy1_signed_at',
      'complaints.handled_at',
      'complaints.archived_at',
      'complaints.created_at',
      'reception.received_at',
      'reception.replied_at',
      'repair_orders.reported_at',
      'repair_orders.completed_at',
      'repair_orders.cost',
      'return_visits.visited_at',
      'return_visits.visitor_at',
      'workers.base_cm',
      'collector_daily.date',
    ]) {
      assert.ok(seen.has(expected), `${expected} was written (seen: ${[...seen].sort().join(' ')})`);
    }
  });

  it('stores each with its column’s number format in the .xlsx, so a date reads as a date', async () => {
    const xl = new ExcelJS.Workbook();
    await xl.xlsx.readFile(file);
    const wrong: string[] = [];
    for (const w of written) {
      const cell = xl.getWorksheet(w.sheet)!.getRow(w.row).getCell(w.col);
      const isDate = w.kind === 'date' || w.kind === 'datetime';
      if (cell.numFmt !== NUMBER_FORMATS[w.kind] || (isDate && !(cell.value instanceof Date))) {
        wrong.push(`${w.table}.${w.column} row ${w.row}: ${JSON.stringify(cell.value)} {${cell.numFmt ?? 'General'}}`);
      }
    }
    assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${written.length} cells`);
  });

  it('shows each as a date, or as money with two decimals, in LibreOffice Calc', async () => {
    const lo = await readWorkbookWithLibreOffice(file, { maxCols: 60 });
    const wrong: string[] = [];
    for (const w of written) {
      const sheet = sheetNamed(lo, w.sheet);
      const type = sheet.types[w.row - 1]?.[w.col - 1];
      const text = sheet.text[w.row - 1]?.[w.col - 1] ?? '';
      const ok =
        w.kind === 'date'
          ? type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text)
          : w.kind === 'datetime'
            ? type === 'date' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(text)
            : w.kind === 'money'
              ? /^-?\d+\.\d{2}$/.test(text)
              : type === 'percentage';
      if (!ok) wrong.push(`${w.table}.${w.column} row ${w.row}: ${type} "${text}"`);
    }
    assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${written.length} cells`);
  });
});
