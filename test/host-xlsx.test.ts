/**
 * The in-memory Excel host, part 3: the .xlsx bridge (exceljs) both ways.
 */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { HostWorkbook, hostWorkbookFromXlsx, hostWorkbookToXlsx, serialFromParts, hostClient } from '../addin/src/host';

/** A small ledger as the add-in would leave it, built through the API where Excel semantics matter. */
async function sample(): Promise<HostWorkbook> {
  const wb = new HostWorkbook();
  wb.addWorksheet('投诉登记');
  wb.addWorksheet('_kefu');
  wb.addWorksheet('Audit log');
  wb.setCells('投诉登记', 'A1', [['编号', '日期', '金额', '内容']]);
  wb.addTable('投诉登记', 'A1:D1', 'complaints', { style: 'TableStyleLight9' });
  await hostClient(wb).run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('投诉登记');
    sheet.getRange('A2:A3').numberFormat = [['@'], ['@']];
    sheet.getRange('C2:C3').numberFormat = [['#,##0.00'], ['#,##0.00']];
    const table = context.workbook.tables.getItem('complaints');
    table.getDataBodyRange().values = [['KF-0001', '2025-01-01', '12.5', '=吵闹 (starts with =)']];
    table.getDataBodyRange().getRowsBelow(1).values = [['007', '2025-03-04 09:15', '3', "'=1+1"]];
    sheet.freezePanes.freezeRows(1);
    context.workbook.worksheets.getItem('_kefu').visibility = 'VeryHidden';
    context.workbook.worksheets.getItem('Audit log').visibility = 'Hidden';
  });
  wb.setCells('投诉登记', 'F1', [[{ formula: '=SUM(C2:C3)', value: 15.5, numberFormat: '0.0' }]]);
  wb.setCells('投诉登记', 'F2', [[{ formula: '=F1*2' }]]);
  wb.worksheet('投诉登记').columnWidths.set(3, 40);
  wb.worksheet('投诉登记').dataValidations['C2'] = { type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0] };
  wb.setCells('_kefu', 'A1', [
    ['Key', 'Value'],
    ['template_version', 1],
  ]);
  wb.addTable('_kefu', 'A1:B2', 'kefu_meta');
  return wb;
}

describe('host: xlsx bridge', () => {
  it('round-trips sheets, tables, values, formulas and formats through .xlsx', async () => {
    const original = await sample();
    const bytes = await hostWorkbookToXlsx(original);
    const back = await hostWorkbookFromXlsx(bytes);

    assert.deepEqual(
      back.worksheets.map((s) => [s.name, s.visibility]),
      [
        ['投诉登记', 'Visible'],
        ['_kefu', 'VeryHidden'],
        ['Audit log', 'Hidden'],
      ],
    );
    const sheet = back.worksheet('投诉登记');
    assert.equal(sheet.frozenRows, 1);
    assert.equal(sheet.columnWidths.get(3), 40);
    const t = back.table('complaints');
    assert.equal(t.address, '投诉登记!A1:D3');
    assert.deepEqual(t.headerNames(), ['编号', '日期', '金额', '内容']);
    assert.equal(t.style, 'TableStyleLight9');
    assert.deepEqual(t.bodyValues(), [
      ['KF-0001', 45658, 12.5, null],
      ['007', serialFromParts(2025, 3, 4, 9, 15), 3, '=1+1'],
    ]);
    assert.equal(sheet.at('D2')?.formula, '=吵闹 (starts with =)'); // a formula (Excel would reject it; the host keeps it)
    assert.equal(sheet.at('A3')?.numberFormat, '@');
    assert.equal(sheet.text('B2'), '2025-01-01');
    assert.equal(sheet.text('B3'), '2025-03-04 09:15');
    assert.equal(sheet.text('C2'), '12.50');
    assert.deepEqual(sheet.at('F1'), { value: 15.5, formula: '=SUM(C2:C3)', numberFormat: '0.0' });
    assert.deepEqual(sheet.at('F2'), { value: null, formula: '=F1*2', numberFormat: 'General' });
    assert.deepEqual(back.table('kefu_meta').bodyValues(), [['template_version', 1]]);
    assert.deepEqual(sheet.dataValidations['C2'], { type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0] });
    assert.equal(back.describe(), original.describe());
  });

  it('writes a file that exceljs reads back with the tables intact', async () => {
    const bytes = await hostWorkbookToXlsx(await sample());
    const xl = new ExcelJS.Workbook();
    await xl.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = xl.getWorksheet('投诉登记')!;
    const tables = Object.values((ws as unknown as { tables: Record<string, { table: { name: string; tableRef: string; columns: { name: string }[] } }> }).tables).map((t) => t.table);
    assert.equal(tables.length, 1);
    assert.equal(tables[0].name, 'complaints');
    assert.equal(tables[0].tableRef, 'A1:D3');
    assert.deepEqual(
      tables[0].columns.map((c) => c.name),
      ['编号', '日期', '金额', '内容'],
    );
    assert.equal(ws.getCell('A3').value, '007');
    assert.equal(ws.getCell('A3').numFmt, '@');
    assert.ok(ws.getCell('B2').value instanceof Date);
    assert.equal((ws.getCell('B2').value as Date).toISOString(), '2025-01-01T00:00:00.000Z');
    assert.deepEqual(ws.getCell('F1').value, { formula: 'SUM(C2:C3)', result: 15.5 });
    assert.equal(xl.getWorksheet('_kefu')!.state, 'veryHidden');
    assert.equal(xl.getWorksheet('Audit log')!.state, 'hidden');
    // F2 has no cached value: the file asks Excel to recalculate on open.
    const workbookXml = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
    assert.match(workbookXml, /<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it('reads a workbook written by exceljs itself (1904 dates, shared formulas, rich text)', async () => {
    const xl = new ExcelJS.Workbook();
    xl.properties.date1904 = true;
    const ws = xl.addWorksheet('Data');
    ws.addTable({
      name: 'people',
      ref: 'B2',
      headerRow: true,
      columns: [{ name: 'Name' }, { name: 'Born' }, { name: 'Score' }],
      rows: [
        ['Ann', new Date(Date.UTC(1990, 4, 17)), 3],
        ['Bo', new Date(Date.UTC(2000, 0, 1)), 4],
      ],
    });
    ws.getCell('B2').numFmt = 'General';
    ws.getCell('C3').numFmt = 'yyyy-mm-dd';
    ws.getCell('C4').numFmt = 'yyyy-mm-dd';
    ws.getCell('F3').value = { formula: 'D3*2', result: 6, shareType: 'shared', ref: 'F3:F4' } as ExcelJS.CellValue;
    ws.getCell('F4').value = { sharedFormula: 'F3', result: 8 };
    ws.getCell('H1').value = { richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] };
    const buffer = await xl.xlsx.writeBuffer();

    const hb = await hostWorkbookFromXlsx(new Uint8Array(buffer));
    const t = hb.table('PEOPLE');
    assert.equal(t.address, 'Data!B2:D4');
    assert.deepEqual(t.bodyValues(), [
      ['Ann', 33_010, 3],
      ['Bo', 36_526, 4],
    ]); // 1990-05-17 and 2000-01-01 as 1900-system serials
    assert.equal(hb.worksheet('Data').text('C3'), '1990-05-17');
    assert.deepEqual(hb.worksheet('Data').formulas('F3:F4'), [['=D3*2'], ['=D4*2']]);
    assert.deepEqual(hb.worksheet('Data').values('F3:F4'), [[6], [8]]);
    assert.equal(hb.worksheet('Data').at('H1')?.value, 'rich text');
  });
});
