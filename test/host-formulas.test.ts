/**
 * The in-memory Excel host, part 4: its calculation (formulas.ts) — the functions of the print
 * sheets, with Excel's rules, computed automatically whenever a formula cell is read; everything
 * else left to Excel. LibreOffice checks the same evaluator on the real print sheets
 * (test/preview.test.ts).
 */
import assert from 'node:assert/strict';
import { HostWorkbook, NO_CALC, parseFormula, hostClient } from '../addin/src/host';

/** Writes `cells` (A1 → value or formula) through the API, then reads `read` back as values. */
async function compute(cells: Record<string, unknown>, read: string[], sheet = 'Data'): Promise<unknown[]> {
  const wb = new HostWorkbook();
  wb.addWorksheet(sheet);
  wb.addWorksheet("It's");
  wb.setCells("It's", 'A1', [['from another sheet']]);
  const out: unknown[] = [];
  await hostClient(wb).run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    for (const [address, value] of Object.entries(cells)) ws.getRange(address).values = [[value]];
    const ranges = read.map((address) => {
      const range = ws.getRange(address);
      range.load('values');
      return range;
    });
    await context.sync();
    for (const range of ranges) out.push(range.values[0][0]);
  });
  return out;
}

const one = async (formula: string, cells: Record<string, unknown> = {}) => (await compute({ ...cells, Z1: formula }, ['Z1']))[0];

describe('host: calculation of the print sheets’ formulas', () => {
  it('compares as Excel does: a blank equals "", 0 and FALSE; text without case; numbers are not text', async () => {
    assert.equal(await one('=A1=""'), true);
    assert.equal(await one('=A1=0'), true);
    assert.equal(await one('=A1=FALSE'), true);
    assert.equal(await one('=A1="x"'), false);
    assert.equal(await one('="abc"="ABC"'), true);
    assert.equal(await one('=1="1"'), false);
    assert.equal(await one('=A2<>0', { A2: 3 }), true);
    assert.equal(await one('=A2>"z"', { A2: 3 }), false, 'numbers sort before text');
    assert.equal(await one('=TRUE>"z"'), true, 'booleans after text');
    assert.equal(await one('=A2<=3', { A2: 3 }), true);
  });

  it('IF takes only the branch it needs, and a blank or missing branch as 0 or FALSE', async () => {
    assert.equal(await one('=IF(TRUE,"yes",SUM(A1))'), 'yes', 'the other branch is not computed');
    assert.equal(await one('=IF(A1,"yes","no")'), 'no', 'a blank condition is FALSE');
    assert.equal(await one('=IF(2,"yes","no")'), 'yes');
    assert.equal(await one('=IF("x",1,2)'), '#VALUE!');
    assert.equal(await one('=IF(FALSE,1)'), false);
    assert.equal(await one('=IF(TRUE,A9,1)'), 0, 'a blank cell as a result reads 0');
  });

  it('OR, TRIM and IFERROR', async () => {
    assert.equal(await one('=OR(A1="",FALSE)'), true);
    assert.equal(await one('=OR(A2:A3)', { A2: 0, A3: 'text' }), false, 'text in a range is skipped');
    assert.equal(await one('=OR(A2:A3)', { A2: 'a', A3: 'b' }), '#VALUE!', 'no logical value at all');
    assert.equal(await one('=OR("x")'), '#VALUE!');
    assert.equal(await one('=TRIM(A2)', { A2: '  TS-2026-0001   x  ' }), 'TS-2026-0001 x');
    assert.equal(await one('=TRIM(A2)', { A2: 12.5 }), '12.5');
    assert.equal(await one('=IFERROR(MATCH("q",A2:A3,0),0)', { A2: 'a', A3: 'b' }), 0);
    assert.equal(await one('=IFERROR(A9,1)'), 0);
  });

  it('MATCH (exact): the first position, without case, with wildcards, text never matching a number', async () => {
    const cells = { A2: 'TS-2026-0001', A3: 'ts-2026-0002', A4: 7, A5: 'TS-2026-0002', B2: 'x', C2: 'y' };
    assert.equal(await one('=MATCH("TS-2026-0002",A2:A5,0)', cells), 2);
    assert.equal(await one('=MATCH("TS-*-0001",A2:A5,0)', cells), 1);
    assert.equal(await one('=MATCH("TS-2026-000?",A3:A5,0)', cells), 1);
    assert.equal(await one('=MATCH("7",A2:A5,0)', cells), '#N/A');
    assert.equal(await one('=MATCH(7,A2:A5,0)', cells), 3);
    assert.equal(await one('=MATCH("y",A2:C2,0)', cells), 3, 'along a row');
    assert.equal(await one('=MATCH("x",A2:C5,0)', cells), '#N/A', 'not a row or a column');
    assert.equal(await one('=MATCH(A9,A2:A5,0)', cells), '#N/A', 'a blank is never found');
    assert.equal(await one('=MATCH("TS-2026-0001",$A:$A,0)', cells), 2, 'a whole column counts from row 1');
  });

  it('INDEX: a cell, a whole column or row with 0, #REF! outside; columns of another sheet', async () => {
    const cells = { A2: 'a', B2: 'b', C2: 'c', A3: 'd', B3: 'e', C3: 'f' };
    assert.equal(await one('=INDEX(A2:C3,2,3)', cells), 'f');
    assert.equal(await one('=INDEX(A2:C2,2)', cells), 'b', 'one row takes one index');
    assert.equal(await one('=MATCH("e",INDEX(A2:C3,0,2),0)', cells), 2);
    assert.equal(await one('=MATCH("f",INDEX(A2:C3,2,0),0)', cells), 3);
    assert.equal(await one('=INDEX(A2:C3,3,1)', cells), '#REF!');
    assert.equal(await one("=INDEX('It''s'!$A:$C,1,1)"), 'from another sheet');
    assert.equal(await one("=INDEX('Nowhere'!$A:$C,1,1)"), '#REF!');
    assert.equal(await one('=INDEX(A2:C3,1,A9)', cells), NO_CALC, 'a whole row as a cell’s result is left to Excel (it spills)');
  });

  it('computes again whenever a cell is read after a change, across sheets', async () => {
    const wb = new HostWorkbook();
    wb.addWorksheet('Print');
    wb.addWorksheet('Data');
    const client = hostClient(wb);
    const read = async (address: string) =>
      client.run(async (context) => {
        const range = context.workbook.worksheets.getItem('Print').getRange(address);
        range.load('values,text,valueTypes');
        await context.sync();
        return [range.values[0][0], range.text[0][0], range.valueTypes[0][0]];
      });
    await client.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A1:B2').values = [
        ['No', 'When'],
        ['TS-1', 46097.5],
      ];
      const print = context.workbook.worksheets.getItem('Print');
      print.getRange('B2').numberFormat = [['yyyy-mm-dd hh:mm']];
      print.getRange('A1:B2').formulas = [
        ['', '=IFERROR(MATCH(TRIM(A1),Data!$A:$A,0),0)'],
        ['', '=IF($B$1=0,"",INDEX(Data!$A:$B,$B$1,2))'],
      ];
      await context.sync();
    });
    assert.deepEqual(await read('B1'), [0, '0', 'Double']);
    assert.deepEqual((await read('B2')).slice(0, 2), ['', '']);
    await client.run(async (context) => {
      context.workbook.worksheets.getItem('Print').getRange('A1').values = [['TS-1 ']];
      await context.sync();
    });
    assert.deepEqual(await read('B2'), [46097.5, '2026-03-16 12:00', 'Double']);
    // Within one request too: a read after a write sees the write.
    const inOne = await client.run(async (context) => {
      const print = context.workbook.worksheets.getItem('Print');
      print.getRange('A1').values = [['TS-404']];
      const b1 = print.getRange('B1');
      b1.load('values');
      await context.sync();
      return b1.values[0][0];
    });
    assert.equal(inOne, 0);
    assert.equal(wb.worksheet('Print').at('B1')?.value, 0, 'the result is kept as the cell’s value');
  });

  it('leaves every other formula to Excel: NO_CALC, or the cached result read from a file', async () => {
    for (const formula of ['=1+1', '=A1&"x"', '=SUM(A2:A3)', '=MATCH(1,A2:A3)', '=VLOOKUP(1,A2:B3,2,0)', '=kefu_list', '=Z1']) {
      assert.equal(await one(formula, { A2: 1, A3: 2 }), NO_CALC, formula);
    }
    assert.equal(await one('=IF(SUM(A2:A3)=3,1,2)', { A2: 1, A3: 2 }), NO_CALC, 'a part it cannot compute stops the whole formula');
    const wb = new HostWorkbook();
    wb.addWorksheet('S');
    wb.setCells('S', 'A1', [[{ formula: '=SUM(B1:B2)', value: 3 }, { formula: '=IF(A1=3,"three","")' }]]);
    wb.recalculate();
    assert.equal(wb.worksheet('S').at('A1')?.value, 3, 'the cached result stays');
    assert.equal(wb.worksheet('S').at('B1')?.value, null, 'a formula over a cell the host does not compute is not computed either');
  });

  it('parses the print sheets’ own formulas', () => {
    for (const formula of [
      `=IF(OR(TRIM($B$1)="",$F$2=0),0,IFERROR(MATCH(TRIM($B$1),INDEX('投诉处理单'!$A:$AR,0,$F$2),0),0))`,
      `=IF(OR($F$1=0,$F5=0),"",IF(INDEX('投诉处理单'!$A:$AR,$F$1,$F5)="","",INDEX('投诉处理单'!$A:$AR,$F$1,$F5)))`,
      `=IF(INDEX('Repair orders'!$A$1:$AX$1,1,45)="","",INDEX('Repair orders'!$A$1:$AX$1,1,45))`,
      `=IF(TRIM($B$1)="","← 请输入编号",IF($F$1=0,"找不到该编号",""))`,
    ]) {
      assert.doesNotThrow(() => parseFormula(formula), formula);
    }
  });
});
