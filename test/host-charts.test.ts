/**
 * The in-memory Excel host, part 4: charts (an ExcelApi 1.1–1.8 subset).
 * Every test states a behaviour of Excel's chart API that code written against the host relies
 * on, or a documented limit of the host (HostNotImplemented rather than a guess).
 */
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { HostNotImplemented, HostWorkbook, hostWorkbookFromXlsx, hostWorkbookToXlsx, type HostClient, hostClient } from '../addin/src/host';

/**
 * Sheet "Data": a block with a header row and a label column.
 *
 *        A        B        C        D
 *   1  Month    Income   Expense  Refunds
 *   2  Jan      10       5        1
 *   3  Feb      20       7        2
 *   4  Mar      30       9        3
 */
function monthly(): HostWorkbook {
  const wb = new HostWorkbook();
  wb.addWorksheet('Data');
  wb.addWorksheet('Other');
  wb.setCells('Data', 'A1', [
    ['Month', 'Income', 'Expense', 'Refunds'],
    ['Jan', 10, 5, 1],
    ['Feb', 20, 7, 2],
    ['Mar', 30, 9, 3],
  ]);
  return wb;
}

/** Starts a context outside run (the tests drive its syncs). */
function ctxOf(client: HostClient): Excel.RequestContext {
  return client.newContext() as unknown as Excel.RequestContext;
}

/** Series of the only chart on "Data", as the model holds them. */
function seriesOf(wb: HostWorkbook): { name: string; chartType: string; axisGroup: string; valuesAddress: string; categoriesAddress: string | null }[] {
  const [chart, ...rest] = wb.worksheet('Data').charts;
  assert.ok(chart, 'a chart on Data');
  assert.equal(rest.length, 0);
  return chart.series.map((s) => ({
    name: s.name,
    chartType: s.chartType,
    axisGroup: s.axisGroup,
    valuesAddress: s.valuesAddress,
    categoriesAddress: s.categoriesAddress,
  }));
}

describe('host charts: add and load', () => {
  it('adds a chart named "Chart 1" of the given type, 360 × 216 pt, and loads its properties after sync', async () => {
    const wb = monthly();
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const chart = sheet.charts.add('ColumnStacked', sheet.getRangeByIndexes(0, 0, 4, 4), 'Columns');
      chart.load('name,chartType,top,left,width,height,id');
      await context.sync();
      assert.equal(chart.name, 'Chart 1');
      assert.equal(chart.chartType, 'ColumnStacked');
      assert.equal(chart.width, 360);
      assert.equal(chart.height, 216);
      // The host's placement (Excel uses the visible window): top of row 1, one column right of A:D.
      assert.equal(chart.top, 0);
      assert.equal(chart.left, 4 * 48);
      assert.match(chart.id, /^\{[0-9A-F-]+\}$/i);
    });
    const [chart] = wb.worksheet('Data').charts;
    assert.equal(chart?.name, 'Chart 1');
    assert.equal(chart?.sourceAddress, 'Data!A1:D4');
    assert.deepEqual(chart?.position, { top: 0, left: 192, width: 360, height: 216 });
  });

  it('lists charts in order of creation; names count up and are not reused after a delete', async () => {
    const wb = monthly();
    const client = hostClient(wb);
    await client.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const source = sheet.getRange('A1:D4');
      sheet.charts.add('Line', source, 'Rows');
      sheet.charts.add('Pie', sheet.getRange('A1:B4'));
      const named = sheet.charts.add('BarClustered', source, 'Auto');
      named.name = 'kefu_monthly';
      await context.sync();
      sheet.charts.getItem('Chart 1').delete();
      const third = sheet.charts.add('Area', source);
      const items = sheet.charts.load('items/name,items/chartType');
      const count = sheet.charts.getCount();
      third.load('name');
      await context.sync();
      assert.deepEqual(
        items.items.map((c) => [c.name, c.chartType]),
        [
          ['Chart 2', 'Pie'],
          ['kefu_monthly', 'BarClustered'],
          ['Chart 4', 'Area'],
        ],
      );
      assert.equal(count.value, 3);
      assert.equal(third.name, 'Chart 4');
    });
    assert.deepEqual(
      wb.worksheet('Data').charts.map((c) => c.name),
      ['Chart 2', 'kefu_monthly', 'Chart 4'],
    );
    assert.equal(wb.worksheet('Other').charts.length, 0);
  });

  it('loads title, legend and series through navigation paths', async () => {
    const wb = monthly();
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const chart = sheet.charts.add('ColumnClustered', sheet.getRange('A1:D4'), 'Columns');
      chart.title.text = '月度收支';
      chart.legend.position = 'Right';
      chart.load('title/text, legend/position, legend/visible, series/count');
      await context.sync();
      assert.equal(chart.title.text, '月度收支');
      assert.equal(chart.legend.position, 'Right');
      assert.equal(chart.legend.visible, true); // several series: Excel shows a legend
      assert.equal(chart.series.count, 3);
    });
    const chart = wb.worksheet('Data').charts[0];
    assert.equal(chart.title.text, '月度收支');
    assert.equal(chart.legend.position, 'Right');
  });

  it('gives a single named series chart its series name as title and no legend', async () => {
    const wb = monthly();
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const chart = sheet.charts.add('ColumnClustered', sheet.getRange('A1:B4'), 'Columns');
      chart.load('title/text, legend/visible');
      await context.sync();
      assert.equal(chart.title.text, 'Income');
      assert.equal(chart.legend.visible, false);
    });
  });
});

describe('host charts: proxies before sync', () => {
  it('throws PropertyNotLoaded for chart, title and series properties until loaded and synced', async () => {
    const wb = monthly();
    const context = ctxOf(hostClient(wb));
    const sheet = context.workbook.worksheets.getItem('Data');
    const chart = sheet.charts.add('Line', sheet.getRange('A1:D4'));
    assert.throws(
      () => chart.name,
      (e: OfficeExtension.Error) => e.code === 'PropertyNotLoaded' && /'name'/.test(e.message),
    );
    assert.throws(() => chart.title.text, { code: 'PropertyNotLoaded' });
    assert.throws(() => chart.series.count, { code: 'PropertyNotLoaded' });
    assert.throws(() => sheet.charts.items, { code: 'PropertyNotLoaded' });
    chart.load('name');
    chart.series.load('count');
    assert.throws(() => chart.name, { code: 'PropertyNotLoaded' }); // loaded, not yet synced
    assert.equal(wb.worksheet('Data').charts.length, 0); // nothing reached "Excel" yet
    await context.sync();
    assert.equal(chart.name, 'Chart 1');
    assert.equal(chart.series.count, 3);
    assert.throws(() => chart.width, { code: 'PropertyNotLoaded' }); // only what was loaded
    // A property set locally reads back as set, before the sync that applies it.
    chart.name = 'kefu_monthly';
    assert.equal(chart.name, 'kefu_monthly');
    assert.equal(wb.worksheet('Data').charts[0].name, 'Chart 1');
    await context.sync();
    assert.equal(wb.worksheet('Data').charts[0].name, 'kefu_monthly');
  });

  it('refuses a source range from another request context (InvalidRequestContext)', async () => {
    const wb = monthly();
    const client = hostClient(wb);
    const a = ctxOf(client);
    const b = ctxOf(client);
    const foreign = b.workbook.worksheets.getItem('Data').getRange('A1:D4');
    assert.throws(() => a.workbook.worksheets.getItem('Data').charts.add('Line', foreign), { code: 'InvalidRequestContext' });
  });
});

describe('host charts: series from the source block', () => {
  it('by columns: one series per column, named by the header row, categories from the label column', async () => {
    const wb = monthly();
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const chart = sheet.charts.add('ColumnStacked', sheet.getRangeByIndexes(0, 0, 4, 4), 'Columns');
      chart.series.load('items/name');
      await context.sync();
      assert.deepEqual(
        chart.series.items.map((s) => s.name),
        ['Income', 'Expense', 'Refunds'],
      );
    });
    assert.deepEqual(seriesOf(wb), [
      { name: 'Income', chartType: 'ColumnStacked', axisGroup: 'Primary', valuesAddress: 'Data!B2:B4', categoriesAddress: 'Data!A2:A4' },
      { name: 'Expense', chartType: 'ColumnStacked', axisGroup: 'Primary', valuesAddress: 'Data!C2:C4', categoriesAddress: 'Data!A2:A4' },
      { name: 'Refunds', chartType: 'ColumnStacked', axisGroup: 'Primary', valuesAddress: 'Data!D2:D4', categoriesAddress: 'Data!A2:A4' },
    ]);
    const income = wb.worksheet('Data').charts[0].series[0];
    assert.deepEqual(income.values(), [10, 20, 30]);
    assert.deepEqual(income.categories(), ['Jan', 'Feb', 'Mar']);
    assert.equal(income.nameAddress, 'Data!B1');
  });

  it('by rows: one series per row, named by the label column, categories from the header row', async () => {
    const wb = monthly();
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const chart = sheet.charts.add('Line', sheet.getRange('A1:D4'), 'Rows');
      chart.series.load('items/name,count');
      await context.sync();
      assert.equal(chart.series.count, 3);
      assert.deepEqual(
        chart.series.items.map((s) => s.name),
        ['Jan', 'Feb', 'Mar'],
      );
    });
    const series = wb.worksheet('Data').charts[0].series;
    assert.deepEqual(
      series.map((s) => s.valuesAddress),
      ['Data!B2:D2', 'Data!B3:D3', 'Data!B4:D4'],
    );
    assert.deepEqual(
      series.map((s) => s.categoriesAddress),
      ['Data!B1:D1', 'Data!B1:D1', 'Data!B1:D1'],
    );
    assert.deepEqual(series[1].values(), [20, 7, 2]);
    assert.deepEqual(series[1].categories(), ['Income', 'Expense', 'Refunds']);
  });

  it('"Auto" and an omitted seriesBy plot by columns, as Excel on the web does', async () => {
    for (const seriesBy of ['Auto', undefined] as const) {
      const wb = monthly();
      await hostClient(wb).run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Data');
        sheet.charts.add('Line', sheet.getRange('A1:D4'), seriesBy);
      });
      assert.deepEqual(
        seriesOf(wb).map((s) => s.name),
        ['Income', 'Expense', 'Refunds'],
        String(seriesBy),
      );
      assert.equal(wb.worksheet('Data').charts[0].seriesBy, 'Columns');
    }
  });

  it('plots a numeric first column as a series, unless the top-left cell is blank', async () => {
    const wb = new HostWorkbook();
    wb.addWorksheet('Data');
    wb.setCells('Data', 'A1', [
      ['Year', 'Income'],
      [2024, 100],
      [2025, 120],
    ]);
    wb.setCells('Data', 'D1', [
      [null, 2024, 2025],
      ['Income', 100, 120],
    ]);
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.charts.add('ColumnClustered', sheet.getRange('A1:B3'), 'Columns');
      sheet.charts.add('ColumnClustered', sheet.getRange('D1:F2'), 'Columns');
    });
    const [numeric, corner] = wb.worksheet('Data').charts;
    assert.deepEqual(
      numeric.series.map((s) => [s.name, s.valuesAddress, s.categoriesAddress]),
      [
        ['Year', 'Data!A2:A3', null],
        ['Income', 'Data!B2:B3', null],
      ],
    );
    assert.deepEqual(
      corner.series.map((s) => [s.name, s.valuesAddress, s.categoriesAddress]),
      [
        ['2024', 'Data!E2', 'Data!D2'],
        ['2025', 'Data!F2', 'Data!D2'],
      ],
    );
  });

  it('takes a first column of dates as the categories', () => {
    const wb = new HostWorkbook();
    wb.addWorksheet('Data');
    wb.setCells('Data', 'A1', [
      ['Date', 'Calls'],
      [{ value: 45658, numberFormat: 'yyyy-mm-dd' }, 12],
      [{ value: 45659, numberFormat: 'yyyy-mm-dd' }, 15],
    ]);
    const chart = wb.addChart('Data', 'Line', 'A1:B3');
    assert.deepEqual(
      chart.series.map((s) => [s.name, s.valuesAddress, s.categoriesAddress]),
      [['Calls', 'Data!B2:B3', 'Data!A2:A3']],
    );
    assert.deepEqual(chart.series[0].categories(), [45658, 45659]);
  });

  it('names series without a header "Series1", "Series2" …', async () => {
    const wb = new HostWorkbook();
    wb.addWorksheet('Data');
    wb.setCells('Data', 'A1', [
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const chart = wb.addChart('Data', 'Line', 'A1:B3');
    assert.deepEqual(
      chart.series.map((s) => [s.name, s.nameAddress, s.valuesAddress]),
      [
        ['Series1', null, 'Data!A1:A3'],
        ['Series2', null, 'Data!B1:B3'],
      ],
    );
  });

  it('takes a source on another sheet, keeping references to that sheet', async () => {
    const wb = monthly();
    await hostClient(wb).run(async (context) => {
      const data = context.workbook.worksheets.getItem('Data').getRange('A1:C4');
      context.workbook.worksheets.getItem('Other').charts.add('Line', data, 'Columns');
    });
    assert.equal(wb.worksheet('Data').charts.length, 0);
    const [chart] = wb.worksheet('Other').charts;
    assert.deepEqual(
      chart.series.map((s) => s.valuesAddress),
      ['Data!B2:B4', 'Data!C2:C4'],
    );
  });
});

describe('host charts: position', () => {
  it('setPosition(start, end) covers the cells from start to end in points (48 pt columns, 15 pt rows)', async () => {
    const wb = monthly();
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const chart = sheet.charts.add('Line', sheet.getRange('A1:D4'));
      chart.setPosition('H2', 'P20');
      chart.load('top,left,width,height');
      await context.sync();
      assert.deepEqual([chart.top, chart.left, chart.width, chart.height], [15, 7 * 48, 9 * 48, 19 * 15]);
    });
  });

  it('accepts Range objects, keeps the size without an end cell, and follows column widths', async () => {
    const wb = monthly();
    wb.worksheet('Data').columnWidths.set(1, 20); // column B: 20 characters = 145 px = 108.75 pt
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const chart = sheet.charts.add('Line', sheet.getRange('A1:D4'));
      chart.setPosition(sheet.getRange('B3:C4'), sheet.getRange('C10'));
      chart.load('top,left,width,height');
      await context.sync();
      assert.deepEqual([chart.top, chart.left, chart.width, chart.height], [30, 48, 108.75 + 48, 8 * 15]);
      chart.setPosition(sheet.getRange('E1'));
      chart.load('top,left,width,height');
      await context.sync();
      assert.deepEqual([chart.top, chart.left, chart.width, chart.height], [0, 48 + 108.75 + 48 + 48, 108.75 + 48, 120]);
    });
  });

  it('writes top/left/width/height in points and refuses a non-number', async () => {
    const wb = monthly();
    const context = ctxOf(hostClient(wb));
    const sheet = context.workbook.worksheets.getItem('Data');
    const chart = sheet.charts.add('Line', sheet.getRange('A1:D4'));
    chart.top = 100;
    chart.width = 500;
    await context.sync();
    assert.deepEqual(wb.worksheet('Data').charts[0].position, { top: 100, left: 192, width: 500, height: 216 });
    chart.height = 'tall' as unknown as number;
    await assert.rejects(context.sync(), { code: 'InvalidArgument' });
    assert.equal(wb.worksheet('Data').charts[0].height, 216);
  });

  it('refuses cells on another sheet (InvalidArgument)', async () => {
    const wb = monthly();
    const context = ctxOf(hostClient(wb));
    const sheet = context.workbook.worksheets.getItem('Data');
    const chart = sheet.charts.add('Line', sheet.getRange('A1:D4'));
    await context.sync();
    chart.setPosition('Other!H2', 'Other!P20');
    await assert.rejects(context.sync(), { code: 'InvalidArgument' });
    assert.equal(wb.worksheet('Data').charts[0].top, 0);
  });
});

describe('host charts: series type and axis group (combination charts)', () => {
  it('makes one series a line on the secondary axis, leaving the others', async () => {
    const wb = monthly();
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const chart = sheet.charts.add('ColumnStacked', sheet.getRange('A1:D4'), 'Columns');
      const s = chart.series.getItemAt(1);
      s.chartType = 'Line';
      s.axisGroup = 'Secondary';
      chart.load('chartType');
      chart.series.load('items/name,items/chartType,items/axisGroup');
      await context.sync();
      assert.deepEqual(
        chart.series.items.map((x) => [x.name, x.chartType, x.axisGroup]),
        [
          ['Income', 'ColumnStacked', 'Primary'],
          ['Expense', 'Line', 'Secondary'],
          ['Refunds', 'ColumnStacked', 'Primary'],
        ],
      );
      assert.equal(chart.chartType, 'ColumnStacked');
    });
    assert.deepEqual(
      seriesOf(wb).map((s) => [s.chartType, s.axisGroup]),
      [
        ['ColumnStacked', 'Primary'],
        ['Line', 'Secondary'],
        ['ColumnStacked', 'Primary'],
      ],
    );
  });

  it('sets every series when the chart type changes', async () => {
    const wb = monthly();
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const chart = sheet.charts.add('ColumnStacked', sheet.getRange('A1:D4'));
      chart.series.getItemAt(0).chartType = 'Line';
      chart.chartType = 'AreaStacked';
    });
    assert.deepEqual(
      seriesOf(wb).map((s) => s.chartType),
      ['AreaStacked', 'AreaStacked', 'AreaStacked'],
    );
    assert.equal(wb.worksheet('Data').charts[0].chartType, 'AreaStacked');
  });

  it('rejects an unknown axis group or series type with InvalidArgument, and getItemAt past the end', async () => {
    const wb = monthly();
    const context = ctxOf(hostClient(wb));
    const sheet = context.workbook.worksheets.getItem('Data');
    const chart = sheet.charts.add('ColumnClustered', sheet.getRange('A1:D4'));
    await context.sync();
    chart.series.getItemAt(0).axisGroup = 'Tertiary' as Excel.ChartAxisGroup;
    await assert.rejects(context.sync(), { code: 'InvalidArgument' });
    chart.series.getItemAt(0).chartType = 'Lines' as Excel.ChartType;
    await assert.rejects(context.sync(), { code: 'InvalidArgument' });
    chart.series.getItemAt(3).load('name');
    await assert.rejects(context.sync(), { code: 'InvalidArgument' });
    assert.deepEqual(
      seriesOf(wb).map((s) => [s.chartType, s.axisGroup]),
      [
        ['ColumnClustered', 'Primary'],
        ['ColumnClustered', 'Primary'],
        ['ColumnClustered', 'Primary'],
      ],
    );
  });

  it('does not guess which other type mixes Excel accepts (HostNotImplemented)', async () => {
    const wb = monthly();
    const context = ctxOf(hostClient(wb));
    const sheet = context.workbook.worksheets.getItem('Data');
    const chart = sheet.charts.add('ColumnClustered', sheet.getRange('A1:D4'));
    await context.sync();
    chart.series.getItemAt(0).chartType = 'Pie';
    await assert.rejects(context.sync(), (e: unknown) => e instanceof HostNotImplemented && /ChartSeries\.chartType/.test(e.message));
  });
});

describe('host charts: getItem, getItemOrNullObject, delete', () => {
  it('getItemOrNullObject gives a null object for a missing name and the chart for a present one', async () => {
    const wb = monthly();
    wb.addChart('Data', 'Line', 'A1:D4', { name: 'kefu_monthly' });
    await hostClient(wb).run(async (context) => {
      const charts = context.workbook.worksheets.getItem('Data').charts;
      const missing = charts.getItemOrNullObject('kefu_weekly');
      const present = charts.getItemOrNullObject('KEFU_MONTHLY'); // names compare case-insensitively
      present.load('name');
      assert.throws(() => missing.isNullObject, { code: 'PropertyNotLoaded' });
      await context.sync();
      assert.equal(missing.isNullObject, true);
      assert.equal(present.isNullObject, false);
      assert.equal(present.name, 'kefu_monthly');
      missing.delete(); // an action on a null object does nothing
      await context.sync();
    });
    assert.equal(wb.worksheet('Data').charts.length, 1);
  });

  it('getItem of a missing name rejects the sync with ItemNotFound', async () => {
    const wb = monthly();
    const context = ctxOf(hostClient(wb));
    context.workbook.worksheets.getItem('Data').charts.getItem('kefu_monthly').load('name');
    await assert.rejects(context.sync(), (e: OfficeExtension.Error) => e.code === 'ItemNotFound' && e.debugInfo.errorLocation === 'ChartCollection.getItem');
  });

  it('delete() removes the chart; its proxies then fail with ItemNotFound', async () => {
    const wb = monthly();
    wb.addChart('Data', 'Line', 'A1:D4', { name: 'a' });
    wb.addChart('Data', 'Pie', 'A1:B4', { name: 'b' });
    const context = ctxOf(hostClient(wb));
    const sheet = context.workbook.worksheets.getItem('Data');
    const a = sheet.charts.getItem('a');
    const title = a.title;
    title.load('text');
    await context.sync();
    const deleted = wb.worksheet('Data').charts[0];
    a.delete();
    const count = sheet.charts.getCount();
    await context.sync();
    assert.equal(count.value, 1);
    assert.deepEqual(
      wb.worksheet('Data').charts.map((c) => c.name),
      ['b'],
    );
    assert.equal(deleted.isDeleted, true);
    a.load('name');
    await assert.rejects(context.sync(), { code: 'ItemNotFound' });
    title.text = 'gone'; // a navigation object resolved before the delete fails too
    await assert.rejects(context.sync(), { code: 'ItemNotFound' });
    a.worksheet.load('name'); // and so does one reached from it afterwards
    await assert.rejects(context.sync(), { code: 'ItemNotFound' });
  });
});

describe('host charts: deleting a worksheet', () => {
  it('removes the sheet with its charts and tables; another sheet charting its cells keeps #REF!', async () => {
    const wb = monthly();
    wb.addTable('Data', 'A1:D4', 'T');
    wb.addChart('Data', 'Line', 'A1:D4', { name: 'on_data' });
    const elsewhere = wb.addChart('Other', 'ColumnClustered', 'Data!A1:C4', { name: 'on_other' });
    const onData = wb.worksheet('Data').charts[0];
    await hostClient(wb).run(async (context) => {
      const data = context.workbook.worksheets.getItem('Data');
      data.delete();
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      assert.deepEqual(
        sheets.items.map((s) => s.name),
        ['Other'],
      );
      data.charts.load('items/name');
      await assert.rejects(context.sync(), { code: 'ItemNotFound' }); // the sheet is gone
      data.getRange('A1').load('values');
      await assert.rejects(context.sync(), { code: 'ItemNotFound' });
    });
    assert.equal(wb.findWorksheet('Data'), undefined);
    assert.equal(wb.findTable('T'), undefined);
    assert.equal(onData.isDeleted, true);
    assert.equal(wb.worksheet('Other').charts.length, 1);
    assert.deepEqual(
      elsewhere.series.map((s) => s.valuesAddress),
      ['#REF!', '#REF!'],
    );
    assert.equal(wb.activeWorksheet?.name, 'Other');
    // A new sheet with the old name starts without charts.
    wb.addWorksheet('Data');
    assert.equal(wb.worksheet('Data').charts.length, 0);
  });

  it('refuses to delete the last visible sheet or a VeryHidden one (InvalidOperation)', async () => {
    const wb = monthly();
    wb.worksheet('Other').visibility = 'VeryHidden';
    const context = ctxOf(hostClient(wb));
    context.workbook.worksheets.getItem('Data').delete();
    await assert.rejects(context.sync(), { code: 'InvalidOperation' });
    context.workbook.worksheets.getItem('Other').delete();
    await assert.rejects(context.sync(), { code: 'InvalidOperation' });
    assert.deepEqual(
      wb.worksheets.map((s) => s.name),
      ['Data', 'Other'],
    );
  });
});

describe('host charts: measurement', () => {
  it('counts the chart type and title text in the request bytes (UTF-8)', async () => {
    const requestBytes = async (type: string, title: string): Promise<number> => {
      const wb = monthly();
      const client = hostClient(wb);
      await client.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Data');
        const chart = sheet.charts.add(type as Excel.ChartType, sheet.getRange('A1:D4'), 'Columns');
        chart.title.text = title;
      });
      assert.equal(client.stats.syncs, 1);
      return client.stats.requestBytes;
    };
    const base = await requestBytes('Line', 'a');
    assert.equal((await requestBytes('ColumnStacked', 'a')) - base, 'ColumnStacked'.length - 'Line'.length);
    assert.equal((await requestBytes('Line', '中')) - base, 2); // 3 bytes against 1
    assert.equal((await requestBytes('Line', 'a'.repeat(1001))) - base, 1000);
  });

  it('names the actions as RichApi does, e.g. ChartCollection.Add and Chart.SetPosition', async () => {
    const wb = monthly();
    const client = hostClient(wb);
    const seen: string[][] = [];
    client.failWhen((info) => {
      seen.push(info.actionNames);
      return false;
    });
    await client.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const chart = sheet.charts.add('Line', sheet.getRange('A1:D4'));
      chart.setPosition('H2');
      chart.series.getItemAt(0).axisGroup = 'Secondary';
    });
    assert.deepEqual(seen, [['WorksheetCollection.GetItem', 'Worksheet.GetRange', 'ChartCollection.Add', 'Chart.SetPosition', 'ChartSeriesCollection.GetItemAt', 'ChartSeries.AxisGroup']]);
  });

  it('measures loaded chart properties in the response bytes', async () => {
    const wb = monthly();
    wb.addChart('Data', 'Line', 'A1:D4', { name: 'x' });
    const client = hostClient(wb);
    const responseFor = async (name: string): Promise<number> => {
      wb.worksheet('Data').charts[0].name = name;
      client.resetStats();
      await client.run(async (context) => {
        context.workbook.worksheets.getItem('Data').charts.load('items/name');
      });
      return client.stats.responseBytes;
    };
    assert.equal((await responseFor('中文')) - (await responseFor('ab')), 4);
  });
});

describe('host charts: errors', () => {
  it('rejects an unknown chart type, or "Invalid", with InvalidArgument at sync, creating nothing', async () => {
    for (const type of ['Bogus', 'Invalid', '']) {
      const wb = monthly();
      const context = ctxOf(hostClient(wb));
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.charts.add(type as Excel.ChartType, sheet.getRange('A1:D4'));
      await assert.rejects(context.sync(), (e: OfficeExtension.Error) => {
        assert.equal(e.code, 'InvalidArgument', type);
        assert.equal(e.debugInfo.errorLocation, 'ChartCollection.add');
        return true;
      });
      assert.equal(wb.worksheet('Data').charts.length, 0, type);
    }
  });

  it('rejects an unknown seriesBy with InvalidArgument', async () => {
    const wb = monthly();
    const context = ctxOf(hostClient(wb));
    const sheet = context.workbook.worksheets.getItem('Data');
    sheet.charts.add('Line', sheet.getRange('A1:D4'), 'Diagonal' as Excel.ChartSeriesBy);
    await assert.rejects(context.sync(), { code: 'InvalidArgument' });
    assert.equal(wb.worksheet('Data').charts.length, 0);
  });

  it('does not lay out ExcelApi 1.9 chart types (HostNotImplemented), nor unimplemented members', async () => {
    const wb = monthly();
    const context = ctxOf(hostClient(wb));
    const sheet = context.workbook.worksheets.getItem('Data');
    sheet.charts.add('Treemap', sheet.getRange('A1:D4'));
    await assert.rejects(context.sync(), HostNotImplemented);
    const chart = sheet.charts.add('Line', sheet.getRange('A1:D4'));
    assert.throws(() => chart.axes, /HostNotImplemented: Excel\.Chart\.axes/);
    assert.throws(() => chart.series.getItemAt(0).setValues(sheet.getRange('B2:B4')), /HostNotImplemented: Excel\.ChartSeries\.setValues/);
  });
});

describe('host charts: xlsx', () => {
  it('exports a workbook with charts: cells and tables are written, charts dropped', async () => {
    const wb = monthly();
    wb.addTable('Data', 'A1:D4', 'T');
    wb.addChart('Data', 'ColumnStacked', 'A1:D4', { name: 'kefu_monthly' });
    const bytes = await hostWorkbookToXlsx(wb);
    const zip = await JSZip.loadAsync(bytes);
    assert.deepEqual(
      Object.keys(zip.files).filter((f) => /chart|drawing/.test(f)),
      [],
    );
    const back = await hostWorkbookFromXlsx(bytes);
    assert.deepEqual(back.worksheet('Data').values('A1:D2'), [
      ['Month', 'Income', 'Expense', 'Refunds'],
      ['Jan', 10, 5, 1],
    ]);
    assert.equal(back.table('T').address, 'Data!A1:D4');
    assert.equal(back.worksheet('Data').charts.length, 0);
  });
});
