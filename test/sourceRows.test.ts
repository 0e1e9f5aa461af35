import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { xlsxSourceRows } from '../addin/src/ledger/xlsx/sourceRows';

describe('import sources: the rows of an .xlsx', () => {
  it('reads the first visible sheet: dates stay dates, rich text and formulas give their text, gaps stay empty', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('hidden', { state: 'hidden' }).getCell('A1').value = 'not this one';
    const sheet = workbook.addWorksheet('采集');
    sheet.addRow(['日期', '工号', '采集器类型', '维护数量']);
    sheet.addRow([new Date(Date.UTC(2026, 2, 15)), { richText: [{ text: 'WB' }, { text: '00001' }] }, '无线', { formula: '4*2', result: 8 }]);
    sheet.getCell('A4').value = '2026-03-16';
    const rows = await xlsxSourceRows(new Uint8Array(await workbook.xlsx.writeBuffer()));
    assert.deepEqual(rows[0], ['日期', '工号', '采集器类型', '维护数量']);
    assert.ok(rows[1][0] instanceof Date && rows[1][0].toISOString().startsWith('2026-03-15'));
    assert.deepEqual(rows[1].slice(1), ['WB00001', '无线', '8']);
    assert.deepEqual(rows[2], []);
    assert.equal(rows[3][0], '2026-03-16');
  });
});
