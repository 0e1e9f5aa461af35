/**
 * The in-memory Excel host, part 2: the Office.js-like API (DESIGN.md principle 5).
 * Every test states an Excel behaviour the Office.js backend relies on.
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { HostNotImplemented, HostWorkbook, NO_CALC, WEB_PAYLOAD_LIMIT_BYTES, type HostClient, hostClient } from '../addin/src/host';

/** A workbook with Sheet1 holding table T (columns Id, Name, Note) over A1:C1 (+ its blank body row). */
function ledger(): HostWorkbook {
  const wb = new HostWorkbook();
  wb.addWorksheet('Sheet1');
  wb.setCells('Sheet1', 'A1', [['Id', 'Name', 'Note']]);
  wb.addTable('Sheet1', 'A1:C1', 'T');
  return wb;
}

function ids(wb: HostWorkbook): unknown[] {
  return wb
    .table('T')
    .bodyValues()
    .map((r) => r[0]);
}

/** Starts a context outside run (the tests drive its syncs). */
function ctxOf(client: HostClient): Excel.RequestContext {
  return client.newContext() as unknown as Excel.RequestContext;
}

describe('host: proxies, load and sync', () => {
  it('throws PropertyNotLoaded for a property never loaded, naming it and saying to load and sync', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      assert.throws(
        () => range.values,
        (e: OfficeExtension.Error) => {
          assert.equal(e.code, 'PropertyNotLoaded');
          assert.match(e.message, /'values'/);
          assert.match(e.message, /load/);
          assert.match(e.message, /context\.sync\(\)/);
          return true;
        },
      );
      range.load('address');
      await context.sync();
      assert.equal(range.address, 'Sheet1!A1:B2');
      assert.throws(() => range.values, { code: 'PropertyNotLoaded' });
    });
  });

  it('throws for a loaded property until the sync that loads it', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      range.load('values');
      assert.throws(() => range.values, { code: 'PropertyNotLoaded' });
      await context.sync();
      assert.deepEqual(range.values, [['Id']]);
    });
  });

  it('accepts load("a,b"), load(["a","b"]) and load({select: "a,b"})', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const a = sheet.getRange('B1').load('address, values');
      const b = sheet.getRange('B1').load(['address', 'values']);
      const c = sheet.getRange('B1').load({ select: 'address,values' });
      const d = sheet.getRange('B1').load({ address: true });
      await context.sync();
      for (const r of [a, b, c]) {
        assert.equal(r.address, 'Sheet1!B1');
        assert.deepEqual(r.values, [['Name']]);
      }
      assert.equal(d.address, 'Sheet1!B1');
      assert.throws(() => d.values, { code: 'PropertyNotLoaded' });
    });
  });

  it('touches nothing until sync, then applies the batch in order', async () => {
    const wb = ledger();
    const client = hostClient(wb);
    const context = ctxOf(client);
    const range = context.workbook.worksheets.getItem('Sheet1').getRange('E1');
    range.values = [['first']];
    range.values = [['second']];
    assert.equal(wb.worksheet('Sheet1').at('E1'), undefined);
    assert.deepEqual(range.values, [['second']]); // a set property reads back locally, as in Office.js
    assert.equal(client.stats.syncs, 0);
    await context.sync();
    assert.equal(wb.worksheet('Sheet1').at('E1')?.value, 'second');
  });

  it('gives getCount() a ClientResult that is readable only after sync', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const count = context.workbook.tables.getItem('T').rows.getCount();
      const sheets = context.workbook.worksheets.getCount();
      assert.throws(() => count.value, { code: 'ValueNotLoaded' });
      await context.sync();
      assert.equal(count.value, 1);
      assert.equal(sheets.value, 1);
    });
  });

  it('loads collections: items, items/name, and name meaning items/name', async () => {
    const wb = ledger();
    wb.addWorksheet('Other', { visibility: 'Hidden' });
    await hostClient(wb).run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name,items/visibility');
      const columns = context.workbook.tables.getItem('T').columns.load('name');
      const tables = context.workbook.tables.load('count');
      await context.sync();
      assert.deepEqual(
        sheets.items.map((s) => [s.name, s.visibility]),
        [
          ['Sheet1', 'Visible'],
          ['Other', 'Hidden'],
        ],
      );
      assert.deepEqual(
        columns.items.map((c) => c.name),
        ['Id', 'Name', 'Note'],
      );
      assert.equal(tables.count, 1);
      assert.throws(() => columns.items[0].index, { code: 'PropertyNotLoaded' });
      // An item is a usable proxy.
      const r = sheets.items[1].getRange('A1').load('address');
      await context.sync();
      assert.equal(r.address, 'Other!A1');
    });
  });

  it('loads navigation paths (worksheet/name, columns/items/name)', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const table = context.workbook.tables.getItem('T').load('name, worksheet/name, columns/items/name');
      await context.sync();
      assert.equal(table.name, 'T');
      assert.equal(table.worksheet.name, 'Sheet1');
      assert.deepEqual(
        table.columns.items.map((c) => c.name),
        ['Id', 'Name', 'Note'],
      );
    });
  });

  it('resolves a method proxy at its place in the batch, when the batch is applied', async () => {
    const wb = ledger();
    const a = ctxOf(hostClient(wb));
    const b = ctxOf(hostClient(wb));
    // B queues an append first, but A's sync is applied first: B's getRowsBelow lands below A's rows.
    const bRows = b.workbook.tables.getItem('T').getDataBodyRange().getRowsBelow(1);
    bRows.values = [['B', '', '']];
    bRows.load('address');
    a.workbook.tables.getItem('T').getDataBodyRange().getRowsBelow(2).values = [
      ['A1', '', ''],
      ['A2', '', ''],
    ];
    await a.sync();
    await b.sync();
    assert.equal(bRows.address, 'Sheet1!A5:C5');
    assert.deepEqual(ids(wb), [null, 'A1', 'A2', 'B']);
  });

  it('syncs what is pending when run() ends, and refuses objects used after their run', async () => {
    const wb = ledger();
    const client = hostClient(wb);
    let kept: Excel.Range | undefined;
    await client.run(async (context) => {
      kept = context.workbook.worksheets.getItem('Sheet1').getRange('E1');
      kept.values = [['written at the end of run']];
    });
    assert.equal(wb.worksheet('Sheet1').at('E1')?.value, 'written at the end of run');
    assert.equal(client.stats.syncs, 1);
    assert.throws(
      () => {
        kept!.values = [['late']];
      },
      { code: 'InvalidObjectPath' },
    );
  });
});

describe('host: values written through the API', () => {
  async function write(input: unknown[][], address = 'A5', format?: string): Promise<Excel.Range> {
    const wb = ledger();
    let out: Excel.Range | undefined;
    await hostClient(wb).run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange(address);
      if (format) range.numberFormat = input.map((row) => row.map(() => format));
      range.values = input;
      range.load('values, formulas, text, numberFormat, valueTypes');
      out = range;
    });
    return out!;
  }

  it('turns =, +, - and @ entries into formulas (no calculation: values read #HOST_NO_CALC!)', async () => {
    const entries = ['=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', '=HYPERLINK("http://x","y")'];
    const r = await write([entries], 'A5:E5');
    assert.deepEqual(r.formulas, [['=1+1', '=+SUM(A1)', '=-2+3', '=SUM(A1)', '=HYPERLINK("http://x","y")']]);
    assert.deepEqual(r.values, [entries.map(() => NO_CALC)]);
    assert.deepEqual(r.valueTypes, [entries.map(() => 'Error')]);
  });

  it('keeps an apostrophe entry as text without the apostrophe', async () => {
    const r = await write([["'=1+1", "'007"]], 'A5:B5');
    assert.deepEqual(r.values, [['=1+1', '007']]);
    assert.deepEqual(r.valueTypes, [['String', 'String']]);
  });

  it('stores everything verbatim in a cell formatted as Text (@), the format set earlier in the same batch', async () => {
    const entries = ['=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', '007', '2025-01-01', "'x"];
    const r = await write([entries], 'A5:G5', '@');
    assert.deepEqual(r.values, [entries]);
    assert.deepEqual(r.formulas, [entries]);
    assert.deepEqual(r.numberFormat, [entries.map(() => '@')]);
  });

  it('coerces number, boolean and date strings, giving dates a date format', async () => {
    const r = await write([['007', '-5', 'TRUE', '2025-01-01', '2025-01-01 08:30', '12%', 'plain']], 'A5:G5');
    assert.deepEqual(r.values, [[7, -5, true, 45658, 45658 + 8.5 / 24, 0.12, 'plain']]);
    assert.deepEqual(r.text, [['7', '-5', 'TRUE', '2025-01-01', '2025-01-01 08:30', '12%', 'plain']]);
    assert.deepEqual(r.numberFormat, [['General', 'General', 'General', 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm', '0%', 'General']]);
  });

  it('leaves a cell alone for null and clears it for ""', async () => {
    const wb = ledger();
    wb.setCells('Sheet1', 'A5', [['keep', 'clear']]);
    await hostClient(wb).run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A5:B5').values = [[null, '']];
    });
    assert.deepEqual(wb.worksheet('Sheet1').values('A5:B5'), [['keep', null]]);
  });

  it('rejects a values array whose shape does not match the range, at sync, writing nothing', async () => {
    const wb = ledger();
    const context = ctxOf(hostClient(wb));
    const range = context.workbook.worksheets.getItem('Sheet1').getRange('A5:B6');
    range.values = [['a', 'b']]; // 1×2 for a 2×2 range: accepted locally …
    await assert.rejects(context.sync(), { code: 'InvalidArgument' }); // … refused by "Excel"
    assert.deepEqual(wb.worksheet('Sheet1').values('A5:B6'), [
      [null, null],
      [null, null],
    ]);
  });
});

describe('host: tables grow as in Excel', () => {
  it('gives a header-only table one blank body row', () => {
    const wb = ledger();
    assert.equal(wb.table('T').address, 'Sheet1!A1:C2');
    assert.deepEqual(wb.table('T').bodyValues(), [[null, null, null]]);
  });

  it('takes in the rows written just below it with getDataBodyRange().getRowsBelow(n)', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const table = context.workbook.tables.getItem('T');
      table.getDataBodyRange().getRowsBelow(2).values = [
        ['1', 'a', ''],
        ['2', 'b', ''],
      ];
      const body = table.getDataBodyRange().load('address');
      await context.sync();
      assert.equal(body.address, 'Sheet1!A2:C4');
    });
    assert.deepEqual(ids(wb), [null, 1, 2]);
  });

  it('does not take in rows written with a gap below it, nor columns outside it', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A4:C4').values = [['gap', '', '']];
      sheet.getRange('E3').values = [['beside']];
    });
    assert.equal(wb.table('T').address, 'Sheet1!A1:C2');
  });

  it('does not take in a row written below it whose first value is blank (office-js #2097), nor one that starts right of its first column', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      context.workbook.tables.getItem('T').getDataBodyRange().getRowsBelow(1).values = [['', 'no id', 'note']];
    });
    assert.equal(wb.table('T').address, 'Sheet1!A1:C2');
    assert.equal(wb.worksheet('Sheet1').at('B3')?.value, 'no id'); // written, but outside the table
    const other = ledger();
    await assert.rejects(
      hostClient(other).run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('B3:C3').values = [['name', 'note']];
      }),
      (e: Error) => e instanceof HostNotImplemented && /does not start at its first column/.test(e.message),
    );
  });

  it('grows by a column when a header is written just right of it', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('D1').values = [['Extra']];
    });
    assert.deepEqual(wb.table('T').headerNames(), ['Id', 'Name', 'Note', 'Extra']);
  });

  it('inserts rows with rows.add(index, values), shifting cells below the table down', async () => {
    const wb = ledger();
    wb.setCells('Sheet1', 'A5', [['below the table']]);
    wb.setCells('Sheet1', 'E5', [['outside its columns']]);
    await hostClient(wb).run(async (context) => {
      const rows = context.workbook.tables.getItem('T').rows;
      rows.add(undefined, [
        ['1', 'a', 'x'],
        ['2', 'b', 'y'],
      ]);
      const first = rows.add(0, [['0', 'z', 'w']]).load('index');
      const count = rows.getCount();
      await context.sync();
      assert.equal(first.index, 0);
      assert.equal(count.value, 4);
    });
    assert.deepEqual(ids(wb), [0, null, 1, 2]);
    assert.equal(wb.worksheet('Sheet1').at('A8')?.value, 'below the table');
    assert.equal(wb.worksheet('Sheet1').at('E5')?.value, 'outside its columns');
  });

  it('appends with rows.add(-1, …) as with null; with alwaysInsert false grows over empty rows below without moving anything, and throws where the reference is silent', async () => {
    const wb = ledger();
    wb.setCells('Sheet1', 'A6', [['further below']]);
    await hostClient(wb).run(async (context) => {
      const rows = context.workbook.tables.getItem('T').rows;
      const last = rows.add(-1, [['1', 'a', '']]).load('index');
      rows.add(null as unknown as undefined, [['2', 'b', '']], false);
      await context.sync();
      assert.equal(last.index, 1);
    });
    assert.deepEqual(ids(wb), [null, 1, 2]);
    assert.equal(wb.worksheet('Sheet1').at('A7')?.value, 'further below'); // moved down once, by the row inserted; not by the one added over row 4
    for (const [index, why] of [
      [undefined, /not empty/],
      [0, /inside the table/],
    ] as const) {
      await assert.rejects(
        hostClient(wb).run(async (context) => {
          context.workbook.tables.getItem('T').rows.add(
            index,
            [
              ['x', '', ''],
              ['y', '', ''],
              ['z', '', ''],
            ],
            false,
          ); // rows 5–7: A7 is filled
        }),
        (e: Error) => e instanceof HostNotImplemented && why.test(e.message),
      );
    }
    await assert.rejects(
      hostClient(wb).run(async (context) => {
        context.workbook.tables.getItem('T').rows.add(-2, [['x', '', '']]);
      }),
      { code: 'InvalidArgument' },
    );
  });

  it('renames and adds table columns, keeping headers text and unique', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const columns = context.workbook.tables.getItem('T').columns;
      columns.getItem('Note').name = '007';
      const added = columns.add(undefined, [['Phone'], ['13800138000']]).load('index,name');
      const count = columns.getCount();
      await context.sync();
      assert.deepEqual([added.index, added.name, count.value], [3, 'Phone', 4]);
      columns.getItem('Id').name = 'name'; // clashes with "Name"
      await assert.rejects(context.sync(), { code: 'InvalidArgument' });
    });
    assert.deepEqual(wb.table('T').headerNames(), ['Id', 'Name', '007', 'Phone']);
    assert.deepEqual(wb.table('T').bodyValues(), [[null, null, null, 13800138000]]);
  });

  it('creates tables with tables.add, naming columns like Excel', async () => {
    const wb = new HostWorkbook();
    wb.addWorksheet('Data');
    wb.setCells('Data', 'A1', [
      ['Name', 'Name', ''],
      [1, 2, 3],
    ]);
    await hostClient(wb).run(async (context) => {
      const table = context.workbook.worksheets.getItem('Data').tables.add('A1:C2', true);
      table.name = 'People';
      const headerless = context.workbook.tables.add('Data!E1:F2', false).load('name');
      await context.sync();
      assert.equal(headerless.name, 'Table1'); // a free default name
    });
    assert.deepEqual(wb.table('People').headerNames(), ['Name', 'Name2', 'Column3']);
    // Without headers Excel inserts a header row above the data, shifting it down.
    assert.deepEqual(wb.table('Table1').headerNames(), ['Column1', 'Column2']);
    assert.equal(wb.table('Table1').address, 'Data!E1:F3');
  });
});

describe('host: null objects and failures', () => {
  it('returns null objects from *OrNullObject, known after sync; their properties throw', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const missing = context.workbook.tables.getItemOrNullObject('Nope');
      const present = context.workbook.tables.getItemOrNullObject('t'); // names are case-insensitive
      missing.load('name');
      present.load('name');
      assert.throws(() => missing.isNullObject, { code: 'PropertyNotLoaded' });
      await context.sync();
      assert.equal(missing.isNullObject, true);
      assert.equal(present.isNullObject, false);
      assert.equal(present.name, 'T');
      assert.throws(() => missing.name);
      // Actions on a null object do nothing.
      missing.getRange().values = [['x']];
      await context.sync();
    });
    assert.deepEqual(ids(wb), [null]);
  });

  it('rejects a sync with ItemNotFound for a missing item, keeping the actions before it', async () => {
    const wb = ledger();
    const context = ctxOf(hostClient(wb));
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    sheet.getRange('E1').values = [['before']];
    context.workbook.tables.getItem('Missing').getRange().values = [['x']];
    sheet.getRange('E2').values = [['after']];
    const loaded = sheet.getRange('E1').load('values');
    await assert.rejects(context.sync(), (e: OfficeExtension.Error) => {
      assert.equal(e.code, 'ItemNotFound');
      assert.equal(e.debugInfo.errorLocation, 'TableCollection.getItem');
      return true;
    });
    assert.equal(wb.worksheet('Sheet1').at('E1')?.value, 'before'); // batches are not transactions
    assert.equal(wb.worksheet('Sheet1').at('E2'), undefined);
    assert.throws(() => loaded.values, { code: 'PropertyNotLoaded' }); // results of a failed batch are not delivered
  });

  it('failAtSync(n) rejects that sync with GeneralException and applies none of its batch', async () => {
    const wb = ledger();
    const client = hostClient(wb);
    client.failAtSync(2);
    const before = wb.describe();
    const context = ctxOf(client);
    const table = context.workbook.tables.getItem('T').load('name');
    await context.sync(); // 1: fine
    table.getDataBodyRange().getRowsBelow(1).values = [['1', 'a', '']];
    table.rows.add(undefined, [['2', 'b', '']]);
    await assert.rejects(context.sync(), (e: OfficeExtension.Error) => e.code === 'GeneralException' && /injected/i.test(e.message)); // 2
    assert.equal(wb.describe(), before);
    table.getDataBodyRange().getRowsBelow(1).values = [['3', 'c', '']];
    await context.sync(); // 3: fine again
    assert.deepEqual(ids(wb), [null, 3]);
    assert.deepEqual(
      client.stats.perSync.map((s) => s.ok),
      [true, false, true],
    );
  });

  it('failMidRequest(n, k) applies the first k actions of that request, a write over 1,500 cells counting one per piece, then rejects', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [String(i + 1), `name ${i + 1}`, '']); // 6,000 cells: pieces of 500 rows
    const landed: number[] = [];
    for (let k = 0; k <= 8; k++) {
      const wb = ledger();
      const client = hostClient(wb);
      client.failMidRequest(1, k);
      await assert.rejects(
        client.run(async (context) => {
          context.workbook.tables.getItem('T').getDataBodyRange().getRowsBelow(rows.length).values = rows;
        }),
        (e: OfficeExtension.Error) => e.code === 'GeneralException' && /injected/i.test(e.message),
      );
      landed.push(wb.table('T').bodyRowCount - 1);
      assert.deepEqual(
        ids(wb).slice(1),
        rows.slice(0, landed[k]).map((r) => Number(r[0])),
      ); // a prefix, in the table
    }
    // getItem, getDataBodyRange and getRowsBelow are applied first; then the write, 500 rows at a time.
    assert.deepEqual(landed, [0, 0, 0, 0, 500, 1000, 1500, 2000, 2000]);
  });

  it('failWhen(predicate) fails the requests it matches', async () => {
    const wb = ledger();
    const client = hostClient(wb);
    client.failWhen((info) => info.actionNames.includes('TableRowCollection.Add'));
    await assert.rejects(
      client.run(async (context) => {
        context.workbook.tables.getItem('T').rows.add(undefined, [['1', '', '']]);
      }),
      { code: 'GeneralException' },
    );
    client.failWhen(null);
    await client.run(async (context) => {
      context.workbook.tables.getItem('T').rows.add(undefined, [['2', '', '']]);
    });
    assert.deepEqual(ids(wb), [null, 2]);
  });
});

describe('host: measurement', () => {
  it('counts round trips, not empty syncs', async () => {
    const wb = ledger();
    const client = hostClient(wb);
    await client.run(async (context) => {
      await context.sync(); // nothing queued: no round trip
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1').load('values');
      await context.sync();
      r.values = [['Id']];
      await context.sync();
    });
    assert.equal(client.stats.syncs, 2);
    client.resetStats();
    assert.deepEqual(client.stats, { syncs: 0, requestBytes: 0, responseBytes: 0, maxRequestBytes: 0, maxResponseBytes: 0, perSync: [] });
  });

  it('counts request bytes of written values and response bytes of loaded values, in UTF-8', async () => {
    const wb = ledger();
    const client = hostClient(wb);
    const sizeOfWrite = async (text: string, rows: number): Promise<number> => {
      client.resetStats();
      await client.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange(`E1:E${rows}`).values = Array.from({ length: rows }, () => [text]);
      });
      return client.stats.requestBytes;
    };
    assert.equal((await sizeOfWrite('中', 1)) - (await sizeOfWrite('a', 1)), 2); // 3 bytes against 1
    const small = await sizeOfWrite('abcdefghij', 10);
    const large = await sizeOfWrite('abcdefghij', 1000);
    assert.ok(large - small > 990 * 13, `${large} vs ${small}`); // '"abcdefghij"' plus brackets and a comma per row

    client.resetStats();
    await client.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('E1:E1000').load('values');
    });
    const { perSync, maxResponseBytes, responseBytes } = client.stats;
    assert.equal(perSync.length, 1);
    assert.ok(responseBytes > 1000 * 13 && maxResponseBytes === responseBytes);
  });

  it('rejects a request above 5 MB with RequestPayloadSizeLimitExceeded, applying nothing', async () => {
    const wb = ledger();
    const line = 'x'.repeat(100);
    const rowsFor = (bytes: number) => Math.ceil(bytes / (line.length + 5));
    await assert.rejects(
      hostClient(wb).run(async (context) => {
        const n = rowsFor(WEB_PAYLOAD_LIMIT_BYTES);
        context.workbook.worksheets.getItem('Sheet1').getRange(`E1:E${n}`).values = Array.from({ length: n }, () => [line]);
      }),
      { code: 'RequestPayloadSizeLimitExceeded' },
    );
    assert.equal(wb.worksheet('Sheet1').at('E1'), undefined);
    // Just under the limit passes; so does anything on a client without a limit (desktop).
    const under = rowsFor(WEB_PAYLOAD_LIMIT_BYTES - 10_000);
    const client = hostClient(wb);
    await client.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange(`E1:E${under}`).values = Array.from({ length: under }, () => [line]);
    });
    assert.ok(client.stats.maxRequestBytes < WEB_PAYLOAD_LIMIT_BYTES && client.stats.maxRequestBytes > WEB_PAYLOAD_LIMIT_BYTES - 20_000);
    await hostClient(wb, { requestLimitBytes: null }).run(async (context) => {
      const n = rowsFor(WEB_PAYLOAD_LIMIT_BYTES * 1.2);
      context.workbook.worksheets.getItem('Sheet1').getRange(`F1:F${n}`).values = Array.from({ length: n }, () => [line]);
    });
    assert.equal(wb.worksheet('Sheet1').at('F1')?.value, line);
  });
});

describe('host: co-authoring (two clients on one workbook)', () => {
  it('lands two interleaved read-then-append clerks in distinct rows', async () => {
    const wb = ledger();
    const a = ctxOf(hostClient(wb, { name: 'A' }));
    const b = ctxOf(hostClient(wb, { name: 'B' }));
    const bodyA = a.workbook.tables.getItem('T').getDataBodyRange().load('rowCount');
    const bodyB = b.workbook.tables.getItem('T').getDataBodyRange().load('rowCount');
    await a.sync();
    await b.sync();
    assert.equal(bodyA.rowCount, bodyB.rowCount); // both read the same table
    a.workbook.tables.getItem('T').getDataBodyRange().getRowsBelow(1).values = [['A', '', '']];
    b.workbook.tables.getItem('T').getDataBodyRange().getRowsBelow(1).values = [['B', '', '']];
    await a.sync();
    await b.sync();
    assert.deepEqual(ids(wb), [null, 'A', 'B']);
  });

  it('shows the lost update of appending at an address computed from an earlier read', async () => {
    const wb = ledger();
    const a = ctxOf(hostClient(wb));
    const b = ctxOf(hostClient(wb));
    const bodyA = a.workbook.tables.getItem('T').getDataBodyRange().load('rowIndex,rowCount');
    const bodyB = b.workbook.tables.getItem('T').getDataBodyRange().load('rowIndex,rowCount');
    await Promise.all([a.sync(), b.sync()]);
    a.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(bodyA.rowIndex + bodyA.rowCount, 0, 1, 3).values = [['A', '', '']];
    b.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(bodyB.rowIndex + bodyB.rowCount, 0, 1, 3).values = [['B', '', '']];
    await a.sync();
    await b.sync();
    assert.deepEqual(ids(wb), [null, 'B']); // B overwrote A: why the backend appends with getRowsBelow
  });

  it('keeps every appended row exactly once under any interleaving of two clients (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.record({ client: fc.integer({ min: 0, max: 1 }), rows: fc.integer({ min: 1, max: 3 }), viaRowsAdd: fc.boolean() }), {
          minLength: 1,
          maxLength: 10,
        }),
        async (s, appends) => {
          const wb = ledger();
          const latency = () => s.schedule(Promise.resolve());
          const clients = [hostClient(wb, { latency }), hostClient(wb, { latency })];
          const expected: string[] = [];
          const runs = appends.map((op, i) => {
            const rows = Array.from({ length: op.rows }, (_, k) => [`r${i}-${k}`, `c${op.client}`, '']);
            rows.forEach((r) => expected.push(r[0]));
            return clients[op.client].run(async (context) => {
              const table = context.workbook.tables.getItem('T');
              table.getDataBodyRange().load('rowCount'); // read …
              await context.sync();
              if (op.viaRowsAdd)
                table.rows.add(undefined, rows); // … then append
              else table.getDataBodyRange().getRowsBelow(rows.length).values = rows;
              await context.sync();
            });
          });
          await s.waitFor(Promise.all(runs));
          const body = ids(wb);
          assert.equal(body[0], null); // the blank row the table was created with
          assert.deepEqual(body.slice(1).map(String).sort(), [...expected].sort());
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('host: worksheets, ranges, selection', () => {
  it('adds, finds, hides and freezes worksheets', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const sheets = context.workbook.worksheets;
      const meta = sheets.add('_kefu');
      meta.visibility = 'VeryHidden';
      meta.freezePanes.freezeRows(1);
      const missing = sheets.getItemOrNullObject('nope');
      const active = sheets.getActiveWorksheet().load('name');
      await context.sync();
      assert.equal(missing.isNullObject, true);
      assert.equal(active.name, 'Sheet1');
      sheets.add('_KEFU'); // sheet names are unique case-insensitively
      await assert.rejects(context.sync(), { code: 'ItemAlreadyExists' });
      sheets.getItem('Sheet1').visibility = 'Hidden'; // the last visible sheet
      await assert.rejects(context.sync(), { code: 'InvalidOperation' });
    });
    assert.equal(wb.worksheet('_kefu').visibility, 'VeryHidden');
    assert.equal(wb.worksheet('_kefu').frozenRows, 1);
  });

  it('navigates ranges: getCell, getRow, getLastRow, getRowsAbove, getOffsetRange, getResizedRange, getEntireRow', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('B2:D5');
      const got = [
        r.getCell(1, 1),
        r.getRow(0),
        r.getColumn(2),
        r.getLastRow(),
        r.getRowsAbove(),
        r.getRowsBelow(-2),
        r.getOffsetRange(1, -1),
        r.getResizedRange(1, -2),
        r.getEntireRow(),
        r.getIntersection('C1:C3'),
      ].map((x) => x.load('address'));
      const none = r.getIntersectionOrNullObject('F1');
      await context.sync();
      assert.deepEqual(
        got.map((x) => x.address),
        ['Sheet1!C3', 'Sheet1!B2:D2', 'Sheet1!D2:D5', 'Sheet1!B5:D5', 'Sheet1!B1:D1', 'Sheet1!B4:D5', 'Sheet1!A3:C6', 'Sheet1!B2:B6', 'Sheet1!2:5', 'Sheet1!C2:C3'],
      );
      assert.equal(none.isNullObject, true);
      r.getRowsAbove(2);
      await assert.rejects(context.sync(), { code: 'InvalidArgument' }); // above row 1
    });
  });

  it('quotes sheet names in addresses as Excel does', async () => {
    const wb = new HostWorkbook();
    wb.addWorksheet('审计日志');
    wb.addWorksheet('Audit log');
    await hostClient(wb).run(async (context) => {
      const a = context.workbook.worksheets.getItem('审计日志').getRange('a1:b2').load('address');
      const b = context.workbook.worksheets.getItem('Audit log').getRange('B2').load('address');
      await context.sync();
      assert.equal(a.address, '审计日志!A1:B2');
      assert.equal(b.address, "'Audit log'!B2");
    });
  });

  it('finds text (whole-cell or partial, case-insensitive by default)', async () => {
    const wb = ledger();
    wb.setCells('Sheet1', 'A3', [
      ['KF-2025-0001', 'x'],
      ['kf-2025-0002', 'y'],
    ]);
    await hostClient(wb).run(async (context) => {
      const area = context.workbook.worksheets.getItem('Sheet1').getRange('A1:C10');
      const partial = area.find('2025-0002', { completeMatch: false }).load('address');
      const exactCase = area.findOrNullObject('kf-2025-0001', { completeMatch: true, matchCase: true });
      const anyCase = area.find('kf-2025-0001', { completeMatch: true }).load('address');
      await context.sync();
      assert.equal(partial.address, 'Sheet1!A4');
      assert.equal(exactCase.isNullObject, true);
      assert.equal(anyCase.address, 'Sheet1!A3');
      area.find('nothing', { completeMatch: true });
      await assert.rejects(context.sync(), { code: 'ItemNotFound' });
    });
  });

  it('finds every matching cell of a sheet (findAllOrNullObject) and widens them to their rows within a range', async () => {
    const wb = ledger();
    wb.setCells('Sheet1', 'A3', [
      ['T03', 'G-1'],
      ['T04', 'G-2'],
      ['T03', 'G-3'],
      ['T03', 'G-4'],
      ['x', 'T03'],
      ['T03*', 'G-5'],
    ]);
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const found = sheet.findAllOrNullObject('T03', { completeMatch: true, matchCase: true }).load('address,areaCount');
      const rows = found.getEntireRow().getIntersectionOrNullObject('A4:B8');
      rows.areas.load('items/values,items/rowIndex');
      const none = sheet.findAllOrNullObject('T99', { completeMatch: true, matchCase: true });
      const literal = sheet.findAllOrNullObject('T03~*', { completeMatch: true, matchCase: true }).load('address');
      await context.sync();
      assert.equal(found.address, 'Sheet1!A3,Sheet1!A5,Sheet1!A6,Sheet1!B7', 'one area per cell, by row then column');
      assert.equal(found.areaCount, 4);
      // Rows 5–7 touch: one area; row 3 is outside A4:B8.
      assert.deepEqual(
        rows.areas.items.map((a) => [a.rowIndex, a.values]),
        [
          [
            4,
            [
              ['T03', 'G-3'],
              ['T03', 'G-4'],
              ['x', 'T03'],
            ],
          ],
        ],
      );
      assert.equal(none.isNullObject, true);
      assert.equal(literal.address, 'Sheet1!A8');
    });
  });

  it('records the selection made by range.select()', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('B3:C4').select();
      const selected = context.workbook.getSelectedRange().load('address');
      await context.sync();
      assert.equal(selected.address, 'Sheet1!B3:C4');
    });
    assert.deepEqual(wb.selection, { sheet: 'Sheet1', address: 'B3:C4' });
  });

  it('keeps a selection per sheet: activating a sheet, like clicking its tab, shows its own selection again', async () => {
    const wb = ledger();
    wb.addWorksheet('Sheet2');
    await hostClient(wb).run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem('Sheet1').getRange('A2:C4').select();
      sheets.getItem('Sheet2').activate(); // never selected on: its active cell is A1
      const onSecond = context.workbook.getSelectedRange().load('address');
      const active = sheets.getActiveWorksheet().load('name');
      await context.sync();
      assert.equal(active.name, 'Sheet2');
      assert.equal(onSecond.address, 'Sheet2!A1');
      sheets.getItem('Sheet2').getRange('D5').select();
      sheets.getItem('Sheet1').activate();
      const back = context.workbook.getSelectedRange().load('address');
      const cell = context.workbook.getActiveCell().load('address');
      await context.sync();
      assert.equal(back.address, 'Sheet1!A2:C4', 'the rows selected before, not A1');
      assert.equal(cell.address, 'Sheet1!A2');
    });
    assert.deepEqual(wb.selection, { sheet: 'Sheet1', address: 'A2:C4' });
    assert.equal(wb.worksheet('Sheet2').selectedAddress, 'D5');
  });

  it('selects on another sheet by activating it; hiding the active sheet shows the next visible sheet and its selection', async () => {
    const wb = ledger();
    wb.addWorksheet('Sheet2');
    await hostClient(wb).run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem('Sheet1').getRange('B2').select();
      sheets.getItem('Sheet2').getRange('A3:A4').select();
      const active = sheets.getActiveWorksheet().load('name');
      await context.sync();
      assert.equal(active.name, 'Sheet2');
      sheets.getItem('Sheet2').visibility = 'Hidden';
      const selected = context.workbook.getSelectedRange().load('address');
      await context.sync();
      assert.equal(selected.address, 'Sheet1!B2', 'never a range on the hidden sheet');
      sheets.getItem('Sheet2').activate();
      await assert.rejects(context.sync(), { code: 'InvalidOperation' });
    });
    await assert.rejects(
      hostClient(wb).run(async (context) => {
        context.workbook.worksheets.getItem('Sheet2').getRange('A1').select();
        await context.sync();
      }),
      { code: 'InvalidOperation' },
    );
    assert.deepEqual(wb.selection, { sheet: 'Sheet1', address: 'B2' });
  });

  it('reads used ranges and whole-table ranges', async () => {
    const wb = ledger();
    wb.setCells('Sheet1', 'E7', [['far']]);
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const used = sheet.getUsedRange(true).load('address');
      const table = context.workbook.tables.getItem('T');
      const header = table.getHeaderRowRange().load('values');
      const column = table.columns.getItem('Name').getDataBodyRange().load('address');
      await context.sync();
      assert.equal(used.address, 'Sheet1!A1:E7');
      assert.deepEqual(header.values, [['Id', 'Name', 'Note']]);
      assert.equal(column.address, 'Sheet1!B2');
    });
  });

  it('gives a range’s used range from the used cells inside it, as Excel does, not the sheet’s used area cut to it', async () => {
    const wb = ledger();
    wb.setCells('Sheet1', 'E7', [['far']]);
    wb.setCells('Sheet1', 'C4', [['note']]);
    await hostClient(wb).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const empty = sheet.getRange('A3:B6').getUsedRangeOrNullObject(true);
      const some = sheet.getRange('A3:D6').getUsedRangeOrNullObject(true).load('address');
      await context.sync();
      assert.equal(empty.isNullObject, true, 'A3:B6 holds nothing, though the sheet is used around it');
      assert.equal(some.address, 'Sheet1!C4');
    });
  });
});

describe('host: range format (column widths in points, bold font)', () => {
  it('sets widths in points as Excel does (stored in characters), reads them back, and keeps bold through value writes', async () => {
    const wb = ledger();
    const sheet = wb.worksheet('Sheet1');
    await hostClient(wb).run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('B1').format.columnWidth = 75; // 100 px = 13.57 characters of Calibri 11
      ws.getRange('A1:C1').format.font.bold = true;
      ws.getRange('A1').values = [['粗体']];
      await context.sync();
      const width = ws.getRange('B1').format.load('columnWidth');
      const mixed = ws.getRange('A1:A2').format.font.load('bold');
      const bold = ws.getRange('A1:C1').format.font.load('bold');
      await context.sync();
      assert.equal(width.columnWidth, 75);
      assert.equal(mixed.bold, null, 'Excel gives null when the cells differ');
      assert.equal(bold.bold, true);
    });
    assert.ok(Math.abs(sheet.columnWidths.get(1)! - 95 / 7) < 0.01);
    assert.equal(sheet.cell(0, 0)?.value, '粗体');
    assert.equal(sheet.cell(0, 0)?.bold, true);
    await assert.rejects(
      hostClient(wb).run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').format.columnWidth = -1;
        await context.sync();
      }),
    );
  });
});

describe('host: members it does not implement', () => {
  it('throws HostNotImplemented naming the member, on read, write and load', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      assert.throws(
        () => (range as unknown as { hyperlink: unknown }).hyperlink,
        (e: unknown) => e instanceof HostNotImplemented && e.message === 'HostNotImplemented: Excel.Range.hyperlink',
      );
      assert.throws(() => range.conditionalFormats, /HostNotImplemented: Excel\.Range\.conditionalFormats/);
      assert.throws(() => (context as unknown as { trackedObjects: unknown }).trackedObjects, /HostNotImplemented: Excel\.RequestContext\.trackedObjects/);
      assert.throws(() => {
        (range as unknown as { hyperlink: unknown }).hyperlink = { address: 'x' };
      }, HostNotImplemented);
      assert.throws(() => range.load('hyperlink'), HostNotImplemented);
      assert.throws(() => context.workbook.worksheets.getItem('Sheet1').protection, HostNotImplemented);
    });
  });

  it('still lets promises, JSON, inspection and assert handle the proxies', async () => {
    const wb = ledger();
    await hostClient(wb).run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1').load('values');
      await context.sync();
      assert.equal(await Promise.resolve(range), range); // not mistaken for a thenable
      assert.deepEqual(JSON.parse(JSON.stringify(range)), { values: [['Id']] });
      assert.match(inspect(range), /HostRange/);
      assert.ok(range);
      assert.equal(String(Object.prototype.toString.call(range)), '[object Object]');
    });
  });
});
