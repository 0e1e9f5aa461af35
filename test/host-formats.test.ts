/**
 * The in-memory Excel host, the members the add-in's Upgrade workbook uses to build tables and
 * sheets as the template does (DESIGN.md principle 5): data validation (ExcelApi 1.8), defined
 * names (1.1–1.7), the header style (fill and font colours, alignment, wrapping, row height), hidden
 * columns (1.2), print areas and page breaks (1.9), the workbook's name (1.7) — each as Excel
 * behaves, and each carried into the .xlsx the bridge writes.
 */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { HostNotImplemented, HostWorkbook, hostWorkbookFromXlsx, hostWorkbookToXlsx, hostClient } from '../addin/src/host';

function sheet(): HostWorkbook {
  const wb = new HostWorkbook();
  wb.addWorksheet('Data');
  wb.setCells('Data', 'A1', [['Status', 'Count']]);
  wb.addTable('Data', 'A1:B1', 'T');
  wb.addWorksheet('_lists', { visibility: 'Hidden' });
  wb.setCells('_lists', 'A1', [['甲'], ['乙']]);
  return wb;
}

async function reread(wb: HostWorkbook): Promise<ExcelJS.Workbook> {
  const xl = new ExcelJS.Workbook();
  await xl.xlsx.load((await hostWorkbookToXlsx(wb)) as unknown as ArrayBuffer);
  return xl;
}

describe('host: data validation (range.dataValidation)', () => {
  it('sets a list rule with its warning, reads it back, and writes it into the file', async () => {
    const wb = sheet();
    await hostClient(wb).run(async (context) => {
      const v = context.workbook.worksheets.getItem('Data').getRange('A2:A20001').dataValidation;
      v.clear();
      v.rule = { list: { inCellDropDown: true, source: '已受理,已派发' } };
      v.errorAlert = { showAlert: true, style: 'Warning', title: '状态', message: '已受理、已派发' };
      v.ignoreBlanks = true;
      v.load('type,rule,errorAlert,ignoreBlanks');
      await context.sync();
      assert.equal(v.type, 'List');
      assert.deepEqual(v.rule, { list: { inCellDropDown: true, source: '已受理,已派发' } });
      assert.deepEqual(v.errorAlert, { message: '已受理、已派发', showAlert: true, style: 'Warning', title: '状态' });
      assert.equal(v.ignoreBlanks, true);
      const one = context.workbook.worksheets.getItem('Data').getRange('A7').dataValidation;
      const none = context.workbook.worksheets.getItem('Data').getRange('B2').dataValidation;
      const mixed = context.workbook.worksheets.getItem('Data').getRange('A2:B2').dataValidation;
      one.load('type');
      none.load('type');
      mixed.load('type');
      await context.sync();
      assert.equal(one.type, 'List', 'every cell of the range has it');
      assert.equal(none.type, 'None');
      assert.equal(mixed.type, 'MixedCriteria');
    });
    const again = await hostWorkbookFromXlsx(await hostWorkbookToXlsx(wb));
    assert.deepEqual(again.worksheet('Data').dataValidations['A2:A20001'], {
      type: 'list',
      errorStyle: 'warning',
      errorTitle: '状态',
      error: '已受理、已派发',
      allowBlank: true,
      showErrorMessage: true,
      formulae: ['"已受理,已派发"'],
    });
  });

  it('takes a named list and a whole-number rule; a new rule starts with blanks ignored and a Stop alert', async () => {
    const wb = sheet();
    await hostClient(wb).run(async (context) => {
      const data = context.workbook.worksheets.getItem('Data');
      data.getRange('A2:A9').dataValidation.rule = { list: { inCellDropDown: true, source: '=kefu_list' } };
      const count = data.getRange('B2:B9').dataValidation;
      count.rule = { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
      count.load('rule,errorAlert,ignoreBlanks');
      await context.sync();
      assert.deepEqual(count.rule, { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
      assert.equal(count.errorAlert.style, 'Stop');
      assert.equal(count.errorAlert.showAlert, true);
      assert.equal(count.ignoreBlanks, true);
    });
    assert.deepEqual((wb.worksheet('Data').dataValidations['A2:A9'] as { formulae: string[] }).formulae, ['kefu_list']);
    assert.deepEqual(wb.worksheet('Data').dataValidations['B2:B9'], {
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'stop',
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    });
  });

  it('refuses a rule over cells that already have validation until it is cleared; clearing part keeps the rest', async () => {
    const wb = sheet();
    await hostClient(wb).run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A2:A10').dataValidation.rule = { list: { inCellDropDown: true, source: 'x,y' } };
      await context.sync();
    });
    await assert.rejects(
      hostClient(wb).run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRange('A1:A20').dataValidation.rule = { list: { inCellDropDown: true, source: 'x' } };
        await context.sync();
      }),
      { code: 'InvalidArgument' },
    );
    await hostClient(wb).run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A5:B6').dataValidation.clear();
      await context.sync();
    });
    assert.deepEqual(Object.keys(wb.worksheet('Data').dataValidations).sort(), ['A2:A4', 'A7:A10']);
    await hostClient(wb).run(async (context) => {
      const v = context.workbook.worksheets.getItem('Data').getRange('A5:A6').dataValidation;
      v.rule = { list: { inCellDropDown: true, source: 'z' } };
      await context.sync();
    });
    assert.deepEqual(Object.keys(wb.worksheet('Data').dataValidations).sort(), ['A2:A4', 'A5:A6', 'A7:A10']);
  });

  it('keeps Excel’s limits: a 253-character inline list, a 32-character title, a 225-character message', async () => {
    const wb = sheet();
    const attempt = (set: (v: Excel.DataValidation) => void) =>
      hostClient(wb).run(async (context) => {
        const v = context.workbook.worksheets.getItem('Data').getRange('A2:A3').dataValidation;
        v.clear();
        set(v);
        await context.sync();
      });
    await assert.rejects(
      attempt((v) => (v.rule = { list: { inCellDropDown: true, source: 'x'.repeat(254) } })),
      { code: 'InvalidArgument' },
    );
    await attempt((v) => (v.rule = { list: { inCellDropDown: true, source: 'x'.repeat(253) } }));
    const withAlert = (alert: Partial<Excel.DataValidationErrorAlert>) =>
      attempt((v) => {
        v.rule = { list: { inCellDropDown: true, source: 'x' } };
        v.errorAlert = alert as Excel.DataValidationErrorAlert;
      });
    await assert.rejects(withAlert({ title: 't'.repeat(33) }), { code: 'InvalidArgument' });
    await assert.rejects(withAlert({ message: 'm'.repeat(226) }), { code: 'InvalidArgument' });
    await withAlert({ title: 't'.repeat(32), message: 'm'.repeat(225) });
  });

  it('throws HostNotImplemented for what it does not model: other rule kinds, a Range source, an alert without its rule', async () => {
    const wb = sheet();
    const attempt = (set: (v: Excel.DataValidation, context: Excel.RequestContext) => void) =>
      hostClient(wb).run(async (context) => {
        set(context.workbook.worksheets.getItem('Data').getRange('B2:B3').dataValidation, context);
        await context.sync();
      });
    await assert.rejects(
      attempt((v) => (v.rule = { date: { formula1: '2026-01-01', operator: 'GreaterThan' } })),
      HostNotImplemented,
    );
    await assert.rejects(
      attempt((v, context) => (v.rule = { list: { inCellDropDown: true, source: context.workbook.worksheets.getItem('_lists').getRange('A1:A2') } })),
      HostNotImplemented,
    );
    await assert.rejects(
      attempt((v) => (v.errorAlert = { showAlert: true, style: 'Stop', title: 't', message: 'm' })),
      HostNotImplemented,
    );
  });
});

describe('host: defined names (workbook.names)', () => {
  it('adds a name for a reference or a range, finds it case-insensitively, and writes it into the file', async () => {
    const wb = sheet();
    await hostClient(wb).run(async (context) => {
      const names = context.workbook.names;
      names.add('kefu_list_a', "='_lists'!$A$1:$A$2");
      names.add('Counts', context.workbook.worksheets.getItem('Data').getRange('B2:B5'));
      const found = names.getItemOrNullObject('KEFU_LIST_A');
      const missing = names.getItemOrNullObject('nothing');
      found.load('name,formula,type');
      missing.load('name');
      names.load('items/name');
      await context.sync();
      assert.equal(found.name, 'kefu_list_a');
      assert.equal(found.formula, "='_lists'!$A$1:$A$2");
      assert.equal(found.type, 'Range');
      assert.equal(missing.isNullObject, true);
      assert.deepEqual(
        names.items.map((n) => n.name),
        ['kefu_list_a', 'Counts'],
      );
    });
    assert.deepEqual(wb.definedNames, [
      { name: 'kefu_list_a', ranges: ["'_lists'!$A$1:$A$2"] },
      { name: 'Counts', ranges: ['Data!$B$2:$B$5'] },
    ]);
    const xl = await reread(wb);
    assert.deepEqual((xl.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model.map((n) => n.name).sort(), ['Counts', 'kefu_list_a']);
  });

  it('refuses a name already used by a name or a table, and changes what a name refers to', async () => {
    const wb = sheet();
    wb.definedNames.push({ name: 'kefu_list_a', ranges: ["'_lists'!$A$1:$A$1"] });
    for (const name of ['KEFU_LIST_A', 't']) {
      await assert.rejects(
        hostClient(wb).run(async (context) => {
          context.workbook.names.add(name, "='_lists'!$A$1:$A$2");
          await context.sync();
        }),
        { code: 'ItemAlreadyExists' },
      );
    }
    await hostClient(wb).run(async (context) => {
      context.workbook.names.getItem('kefu_list_a').formula = "='_lists'!$A$1:$A$2";
      await context.sync();
    });
    assert.deepEqual(wb.definedNames, [{ name: 'kefu_list_a', ranges: ["'_lists'!$A$1:$A$2"] }]);
  });
});

describe('host: the header style, hidden columns, print areas and page breaks', () => {
  it('sets fill and font colours, vertical alignment, wrapping and row height, reads them back (null where cells differ) and writes them', async () => {
    const wb = sheet();
    wb.setCells('Data', 'C1', [['outside']]);
    await hostClient(wb).run(async (context) => {
      const header = context.workbook.tables.getItem('T').getHeaderRowRange();
      header.format.fill.color = '#1F5F8B';
      header.format.font.color = '#FFFFFF';
      header.format.font.bold = true;
      header.format.verticalAlignment = 'Center';
      header.format.wrapText = true;
      header.format.rowHeight = 30;
      const wide = context.workbook.worksheets.getItem('Data').getRange('A1:C1');
      header.format.load('verticalAlignment,wrapText,rowHeight');
      header.format.fill.load('color');
      header.format.font.load('color,bold');
      wide.format.fill.load('color');
      wide.format.load('rowHeight');
      await context.sync();
      assert.equal(header.format.fill.color, '#1F5F8B');
      assert.equal(header.format.font.color, '#FFFFFF');
      assert.equal(header.format.font.bold, true);
      assert.equal(header.format.verticalAlignment, 'Center');
      assert.equal(header.format.wrapText, true);
      assert.equal(header.format.rowHeight, 30);
      assert.equal(wide.format.fill.color, null, 'C1 has no fill');
      assert.equal(wide.format.rowHeight, 30, 'one row');
    });
    // Contents change, formats stay.
    await hostClient(wb).run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A1').values = [['状态']];
      await context.sync();
    });
    const cell = (await reread(wb)).getWorksheet('Data')!.getCell('A1');
    assert.equal(cell.value, '状态');
    assert.deepEqual(cell.fill, { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F5F8B' } });
    assert.equal(cell.font.bold, true);
    assert.deepEqual(cell.font.color, { argb: 'FFFFFFFF' });
    assert.deepEqual(cell.alignment, { vertical: 'middle', wrapText: true });
    assert.equal((await reread(wb)).getWorksheet('Data')!.getRow(1).height, 30);
  });

  it('hides columns, sets a print area and page breaks, and writes them into the file', async () => {
    const wb = sheet();
    await hostClient(wb).run(async (context) => {
      const data = context.workbook.worksheets.getItem('Data');
      data.getRange('F:G').columnHidden = true;
      data.pageLayout.setPrintArea('A3:D58');
      const brk = data.horizontalPageBreaks.add('A30');
      brk.load('rowIndex');
      const f = data.getRange('F1');
      const mixed = data.getRange('E1:F1');
      f.load('columnHidden');
      mixed.load('columnHidden');
      await context.sync();
      assert.equal(brk.rowIndex, 29);
      assert.equal(f.columnHidden, true);
      assert.equal(mixed.columnHidden, null);
    });
    const data = wb.worksheet('Data');
    assert.deepEqual([...data.hiddenColumns].sort(), [5, 6]);
    assert.deepEqual(data.rowBreaks, [28], 'a page ends after row 29');
    const bytes = await hostWorkbookToXlsx(wb);
    const xl = new ExcelJS.Workbook();
    await xl.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = xl.getWorksheet('Data')!;
    assert.equal(ws.getColumn('F').hidden, true);
    assert.equal(ws.getColumn('G').hidden, true);
    assert.equal(ws.getColumn('E').hidden, false);
    const zip = await JSZip.loadAsync(bytes);
    assert.match(await zip.file('xl/workbook.xml')!.async('string'), /<definedName name="_xlnm.Print_Area" localSheetId="0">(&apos;)?Data(&apos;)?!\$A\$3:\$D\$58<\/definedName>/);
    assert.match(await zip.file('xl/worksheets/sheet1.xml')!.async('string'), /<rowBreaks count="1" manualBreakCount="1"><brk id="29" max="16383" man="1"\/><\/rowBreaks>/);
    await assert.rejects(
      hostClient(wb).run(async (context) => {
        context.workbook.worksheets.getItem('Data').horizontalPageBreaks.add('B1');
        await context.sync();
      }),
      { code: 'InvalidArgument' },
    );
  });

  it('reports the workbook’s file name (Book1 until it has one)', async () => {
    for (const [wb, name] of [
      [new HostWorkbook(), 'Book1'],
      [await hostWorkbookFromXlsx(await hostWorkbookToXlsx(sheet()), { name: 'ledger.xlsx' }), 'ledger.xlsx'],
    ] as const) {
      if (wb.worksheets.length === 0) wb.addWorksheet('Sheet1');
      await hostClient(wb).run(async (context) => {
        context.workbook.load('name');
        await context.sync();
        assert.equal(context.workbook.name, name);
      });
    }
  });

  it('adds a table column at the end for index -1, as for null', async () => {
    const wb = sheet();
    await hostClient(wb).run(async (context) => {
      context.workbook.tables.getItem('T').columns.add(-1, undefined, 'Chain');
      await context.sync();
    });
    assert.deepEqual(wb.table('T').headerNames(), ['Status', 'Count', 'Chain']);
  });
});

describe('host: merged cells (range.merge)', () => {
  it('merges keeping the upper-left value, one area per row when across, refuses table cells, and writes the merges', async () => {
    const wb = sheet();
    wb.setCells('Data', 'D1', [
      ['标题', 'x'],
      ['a', 'b'],
      ['c', 'd'],
    ]);
    await hostClient(wb).run(async (context) => {
      const data = context.workbook.worksheets.getItem('Data');
      data.getRange('D1:E1').merge();
      data.getRange('D2:E3').merge(true);
      await context.sync();
    });
    const data = wb.worksheet('Data');
    assert.deepEqual(data.values('D1:E3'), [
      ['标题', null],
      ['a', null],
      ['c', null],
    ]);
    assert.equal(data.merges.length, 3);
    await assert.rejects(
      hostClient(wb).run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRange('A1:B1').merge();
        await context.sync();
      }),
      { code: 'InvalidOperation' },
    );
    const ws = (await reread(wb)).getWorksheet('Data')!;
    assert.equal(ws.getCell('E1').isMerged, true);
    assert.equal(ws.getCell('E1').master.address, 'D1');
    assert.equal(ws.getCell('E3').master.address, 'D3');
  });
});
