import assert from 'node:assert/strict';
import { columnLetters } from '../addin/src/ledger/xlsx/xlsxLedger';
import ExcelJS from 'exceljs';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { KefuError } from '../addin/src/core/problems';
import { columnsOf } from '../addin/src/forms/columns';
import { complaints } from '../addin/src/forms/complaints';
import { AUDIT_TABLE } from '../addin/src/ledger/layout';
import type { Ledger } from '../addin/src/ledger/types';
import '../addin/src/ledger/xlsx/exceljsPatch';
import { BACKENDS, defaultClock, templateBytes, xlsxBackend, officeBackend, packageBackend, type BackendSession } from './support/backends';
import { FORMULA_LIKE_TEXTS, complaintInput } from './support/fixtures';

/** The last column letter of the complaints table, as declared (user columns come after it). */
const LAST = columnLetters(columnsOf(complaints).length);

const context = { clock: defaultClock(), actor: { clerk: '王丽', site: '测试医院' } };
const SHEET = complaints.sheet['zh-CN'];
const col = (key: string) => columnsOf(complaints).findIndex((c) => c.key === key);

async function register(ledger: Ledger, overrides: Record<string, unknown> = {}) {
  return runOperation(ledger, registerComplaint, complaintInput(overrides), context);
}

async function allComplaints(ledger: Ledger, columns = ['ticket_no', 'content', 'status', 'channel', 'received_at']) {
  const snapshot = await ledger.read({ tables: { complaints: { columns, rows: 'all' } } });
  return snapshot.tables.complaints;
}

/** Adds a column and a sheet of the user's own to template bytes, the way a user would in Excel. */
async function withUserAdditions(bytes: Uint8Array): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(SHEET)!;
  const table = (sheet as unknown as { tables: Record<string, { table: { tableRef: string; columns: { name: string }[] } }> }).tables.complaints.table;
  const width = table.columns.length;
  table.columns.push({ name: '我的备注' });
  table.tableRef = table.tableRef.replace(/^A1:[A-Z]+(\d+)$/, (_, rows) => `A1:${String.fromCharCode(64 + Math.floor(width / 26))}${String.fromCharCode(65 + (width % 26))}${rows}`);
  sheet.getRow(1).getCell(width + 1).value = '我的备注';
  const mine = workbook.addWorksheet('我的统计');
  mine.getCell('A1').value = '自己的表';
  mine.getCell('B2').value = 42;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

for (const backend of BACKENDS) {
  describe(`ledger conformance: ${backend.name}`, () => {
    let session: BackendSession;
    beforeEach(async () => {
      session = await backend.open(await templateBytes('zh-CN'), { clock: defaultClock() });
    });

    it('knows the workbook’s language from its settings', () => {
      assert.equal(session.ledger.locale, 'zh-CN');
    });

    it('registers records into the blank first row, then below, and reads back exactly the columns asked for', async () => {
      const first = await register(session.ledger);
      const second = await register(session.ledger, { channel: '来信', content: '第二件' });
      assert.equal(first.result.number, 'TS-2026-0001');
      assert.equal(second.result.number, 'TS-2026-0002');
      assert.deepEqual(
        first.appended.map((a) => a.address),
        [`${SHEET}!A2:${LAST}2`],
      );
      assert.deepEqual(
        second.appended.map((a) => a.address),
        [`${SHEET}!A3:${LAST}3`],
      );
      const rows = await allComplaints(session.ledger, ['ticket_no', 'channel']);
      assert.deepEqual(
        rows.map((r) => r.values),
        [
          { ticket_no: 'TS-2026-0001', channel: 'phone' },
          { ticket_no: 'TS-2026-0002', channel: 'letter' },
        ],
      );
      assert.deepEqual(
        rows.map((r) => r.ref.row),
        [1, 2],
      );
    });

    it('stores codes as labels of the workbook’s language and dates as dates', async () => {
      await register(session.ledger);
      assert.deepEqual(await session.cell(SHEET, 1, col('channel')), { value: '电话' });
      assert.deepEqual(await session.cell(SHEET, 1, col('status')), { value: '已受理' });
      const received = (await session.cell(SHEET, 1, col('received_at'))).value;
      const serial = received instanceof Date ? received.getTime() / 86_400_000 + 25569 : received;
      assert.ok(Math.abs((serial as number) - 46096.395833) < 1e-5, `2026-03-15 09:30 as a serial, got ${String(received)}`);
    });

    it('finds one record by its number without reading the others, and names a missing one', async () => {
      await register(session.ledger);
      await register(session.ledger, { content: '要找的这件' });
      const snapshot = await session.ledger.read({
        tables: { complaints: { columns: ['ticket_no', 'content'], rows: { where: 'ticket_no', equals: ['TS-2026-0002'] } } },
      });
      assert.deepEqual(
        snapshot.tables.complaints.map((r) => r.values),
        [{ ticket_no: 'TS-2026-0002', content: '要找的这件' }],
      );
      await assert.rejects(
        session.ledger.read({ tables: { complaints: { columns: ['ticket_no'], rows: { where: 'ticket_no', equals: ['TS-2026-0999'] } } } }),
        (error: unknown) => error instanceof KefuError && error.describe('zh-CN')[0] === '“投诉处理单”：找不到编号为 TS-2026-0999 的记录。',
      );
    });

    it('updates only the fields it is given, by the row it read', async () => {
      await register(session.ledger);
      const snapshot = await session.ledger.read({
        tables: { complaints: { columns: ['ticket_no', 'status'], rows: { where: 'ticket_no', equals: ['TS-2026-0001'] } } },
        writes: ['complaints'],
      });
      const row = snapshot.tables.complaints[0];
      await session.ledger.apply({ updates: [{ ref: row.ref, values: { status: 'dispatched', urgency: 'urgent' } }] }, snapshot);
      const [after] = await allComplaints(session.ledger, ['status', 'urgency', 'content', 'ticket_no']);
      assert.deepEqual(after.values, { ticket_no: 'TS-2026-0001', status: 'dispatched', urgency: 'urgent', content: '病房卫生间地面有积水' });
    });

    it('appends one audit entry per registration, naming who, what and which record', async () => {
      await register(session.ledger);
      const snapshot = await session.ledger.read({ tables: { [AUDIT_TABLE]: { columns: ['who', 'action', 'table', 'record', 'new_value'], rows: 'all' } } });
      const entries = snapshot.tables[AUDIT_TABLE].map((r) => r.values).filter((v) => v.action === 'create');
      assert.equal(entries.length, 1);
      assert.equal(entries[0].who, '王丽');
      assert.equal(entries[0].record, 'TS-2026-0001');
      assert.match(String(entries[0].new_value), /content=病房卫生间地面有积水/);
    });

    it('keeps formula-like user text as text', async () => {
      for (const text of FORMULA_LIKE_TEXTS) await register(session.ledger, { content: text, complainant: text });
      const rows = await allComplaints(session.ledger, ['content']);
      assert.deepEqual(
        rows.map((r) => r.values.content),
        FORMULA_LIKE_TEXTS,
      );
      for (let i = 0; i < FORMULA_LIKE_TEXTS.length; i++) {
        const cell = await session.cell(SHEET, i + 1, col('content'));
        assert.equal(cell.formula, undefined, `row ${i + 1} holds no formula`);
        assert.equal(cell.value, FORMULA_LIKE_TEXTS[i]);
      }
    });

    it('keeps the columns and sheets a user added', async () => {
      session = await backend.open(await withUserAdditions(await templateBytes('zh-CN')));
      await register(session.ledger);
      await register(session.ledger);
      const bytes = await session.bytes();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet(SHEET)!;
      const userColumn = columnsOf(complaints).length + 1;
      assert.equal(sheet.getRow(1).getCell(userColumn).value, '我的备注');
      const table = (sheet as unknown as { tables: Record<string, { table: { tableRef: string; columns: { name: string }[] } }> }).tables.complaints.table;
      assert.equal(table.columns[table.columns.length - 1].name, '我的备注');
      assert.equal(table.tableRef, `A1:${columnLetters(columnsOf(complaints).length + 1)}3`);
      assert.equal(sheet.getRow(3).getCell(1).value, 'TS-2026-0002');
      const mine = workbook.getWorksheet('我的统计')!;
      assert.equal(mine.getCell('A1').value, '自己的表');
      assert.equal(mine.getCell('B2').value, 42);
    });

    it('reports bad input with the sheet, column and what is allowed, and writes nothing', async () => {
      await assert.rejects(register(session.ledger, { category: '噪音', receptionist: { by: '', at: '' } }), (error: unknown) => {
        assert.ok(error instanceof KefuError);
        assert.deepEqual(error.describe('en-US'), [
          'Complaints, column "Category": "噪音" is not an allowed value. Choose one of: Cleaning, Engineering & repairs, Security & order, Parking, Elevators, Patient transport & escort, Catering, Linen & laundry, Service attitude, Other.',
          'Complaints, column "Receptionist (name)": is required.',
          'Complaints, column "Receptionist (time)": is required.',
        ]);
        return true;
      });
      assert.deepEqual(await allComplaints(session.ledger), []);
      const claims = await register(session.ledger);
      assert.equal(claims.result.number, 'TS-2026-0001', 'bad input claimed no number');
    });
  });
}

describe('ledger conformance: one workbook, every backend in turn', () => {
  it('continues the numbers and the table whichever backend wrote last', async () => {
    let session = await xlsxBackend.open(await templateBytes('zh-TW'));
    await register(session.ledger);
    await register(session.ledger);
    session = await officeBackend.open(await session.bytes());
    assert.equal((await register(session.ledger)).result.number, 'TS-2026-0003');
    session = await packageBackend.open(await session.bytes());
    assert.equal((await register(session.ledger)).result.number, 'TS-2026-0004');
    session = await xlsxBackend.open(await session.bytes());
    assert.equal((await register(session.ledger)).result.number, 'TS-2026-0005');
    assert.equal((await register(session.ledger, { received_at: '2027-01-02 08:00' })).result.number, 'TS-2027-0001');
    session = await packageBackend.open(await session.bytes());
    assert.equal((await register(session.ledger, { received_at: '2027-01-02 09:00' })).result.number, 'TS-2027-0002');
    session = await officeBackend.open(await session.bytes());
    assert.equal((await register(session.ledger, { received_at: '2027-01-03 08:00' })).result.number, 'TS-2027-0003');
    session = await packageBackend.open(await session.bytes());
    assert.equal((await register(session.ledger, { received_at: '2027-01-03 09:00' })).result.number, 'TS-2027-0004');
    const rows = await allComplaints(session.ledger, ['ticket_no', 'channel']);
    assert.deepEqual(
      rows.map((r) => r.values.ticket_no),
      ['TS-2026-0001', 'TS-2026-0002', 'TS-2026-0003', 'TS-2026-0004', 'TS-2026-0005', 'TS-2027-0001', 'TS-2027-0002', 'TS-2027-0003', 'TS-2027-0004'],
    );
    assert.ok(rows.every((r) => r.values.channel === 'phone'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await session.bytes()) as unknown as ArrayBuffer);
    const names = (workbook.definedNames as unknown as { model: { name: string }[] }).model.map((n) => n.name);
    assert.ok(names.includes('kefu_list_rules_parameter'), `the named list behind a long validation survives (${names.join(', ')})`);
  });
});

// ----- report sheets (ChangeSet.sheets): whole sheets written by code, the same on both backends -----

function sampleReport(name: string): import('../addin/src/ledger/types').ReportSheet {
  return {
    name,
    rows: [
      [{ text: '工号' }, { text: '姓名' }, { text: '金额' }, { text: '比例' }],
      [{ text: 'WB001' }, { text: '=1+1' }, { number: 21.82, format: '0.00' }, { number: 0.018182, format: '0.00%' }],
      [{ text: 'WB002' }, { text: '@SUM(A1)' }, { number: -90, format: '0.00' }, null],
      [{ text: '合计' }, null, { formula: '=SUM(C2:C3)', format: '0.00', fromCode: true }],
    ],
    columnWidths: [12, 20, 14],
    frozenRows: 1,
    boldRows: [0, 3],
  };
}

async function loadBytes(session: BackendSession): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await session.bytes()) as unknown as ArrayBuffer);
  return workbook;
}

for (const backend of BACKENDS) {
  describe(`report sheets: ${backend.name}`, () => {
    it('creates a sheet with text kept as text, formatted numbers, a code-built formula, widths, frozen header and bold rows', async () => {
      const session = await backend.open(await templateBytes('zh-CN'));
      const basis = await session.ledger.read({ sheets: ['绩效 2026-03'] });
      assert.deepEqual(basis.sheets, { '绩效 2026-03': false });
      await session.ledger.apply({ sheets: [sampleReport('绩效 2026-03')] }, basis);
      assert.deepEqual(await session.cell('绩效 2026-03', 1, 1), { value: '=1+1' });
      assert.deepEqual(await session.cell('绩效 2026-03', 2, 1), { value: '@SUM(A1)' });
      assert.equal((await session.cell('绩效 2026-03', 3, 2)).formula, '=SUM(C2:C3)');
      const sheet = (await loadBytes(session)).getWorksheet('绩效 2026-03')!;
      assert.equal(sheet.getCell('A1').value, '工号');
      assert.equal(sheet.getCell('C2').value, 21.82);
      assert.equal(sheet.getCell('C2').numFmt, '0.00');
      assert.equal(sheet.getCell('D2').numFmt, '0.00%');
      assert.equal(sheet.getCell('B2').value, '=1+1', 'formula-like text is a string cell');
      assert.equal(sheet.getCell('A1').font?.bold, true);
      assert.equal(sheet.getCell('A4').font?.bold, true);
      assert.notEqual(sheet.getCell('A2').font?.bold, true);
      assert.deepEqual(
        [1, 2, 3].map((c) => Math.round(sheet.getColumn(c).width!)),
        [12, 20, 14],
      );
      const view = sheet.views[0] as { state?: string; ySplit?: number };
      assert.equal(view.state, 'frozen');
      assert.equal(view.ySplit, 1);
    });

    it('replaces an existing report sheet whole: old cells, bold and frozen rows do not survive', async () => {
      const session = await backend.open(await templateBytes('zh-CN'));
      let basis = await session.ledger.read({ sheets: ['报表'] });
      await session.ledger.apply({ sheets: [sampleReport('报表')] }, basis);
      basis = await session.ledger.read({ sheets: ['报表'] });
      assert.deepEqual(basis.sheets, { 报表: true });
      await session.ledger.apply({ sheets: [{ name: '报表', rows: [[{ text: '新' }]] }] }, basis);
      const sheet = (await loadBytes(session)).getWorksheet('报表')!;
      assert.equal(sheet.getCell('A1').value, '新');
      assert.equal(sheet.getCell('A2').value, null);
      assert.equal(sheet.getCell('C4').value, null);
      assert.notEqual(sheet.getCell('A1').font?.bold, true);
      assert.notEqual(((sheet.views ?? [])[0] as { state?: string } | undefined)?.state, 'frozen');
    });

    it('refuses to replace a ledger sheet or to take a formula that code did not build', async () => {
      const session = await backend.open(await templateBytes('zh-CN'));
      const basis = await session.ledger.read({ sheets: [SHEET] });
      await assert.rejects(session.ledger.apply({ sheets: [{ name: SHEET, rows: [[{ text: 'x' }]] }] }, basis), /ledger sheet/);
      const sneaky = { formula: '=1+1' } as unknown as import('../addin/src/ledger/types').ReportCell;
      const basis2 = await session.ledger.read({ sheets: ['X'] });
      await assert.rejects(session.ledger.apply({ sheets: [{ name: 'X', rows: [[sneaky]] }] }, basis2), /reportFormula/);
      assert.deepEqual(await session.cell(SHEET, 0, 0), { value: columnsOf(complaints)[0].label['zh-CN'] });
    });
  });
}
