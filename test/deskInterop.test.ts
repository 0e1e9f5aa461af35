import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import '../addin/src/ledger/xlsx/exceljsPatch';
import { reception } from '../addin/src/forms/receptionRepairs';
import { columnsOf } from '../addin/src/forms/columns';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { receiveMatter } from '../addin/src/domain/reception';
import { overdueFormula } from '../addin/src/workbooks/deskTemplate';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { defaultClock, templateBytes } from './support/backends';
import { receptionInput } from './support/deskDay';
import { libreOfficeConvert, readWorkbookWithLibreOffice, sheetNamed } from './support/libreoffice';

/**
 * Overdue highlighting, checked by LibreOffice Calc: the conditional format is in the sheet as
 * LibreOffice reads it, and the very formula it uses evaluates to TRUE for an overdue row and
 * FALSE for a closed one and for a blank row.
 */
describe('interop: overdue rows highlighted, as LibreOffice sees them', function () {
  this.timeout(300_000);
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-desk-lo-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps the rule and evaluates its formula per row', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 'lo', clock: defaultClock() });
    const context = { clock: defaultClock(), actor: { clerk: '王丽' } };
    const run = (input: Record<string, unknown>) => runOperation(ledger, receiveMatter as Operation<unknown, unknown, { number: string }>, input, context);
    await run(receptionInput('inquiry', 1)); // deferred, due 2026-03-17 08:09: overdue now
    await run(receptionInput('inquiry', 2)); // answered on the spot: closed
    const file = path.join(dir, 'ledger.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await ledger.toBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(reception.sheet['zh-CN'])!;
    // The rule's formula, copied into a spare column of rows 2–4, as Excel would apply it per row.
    const probe = columnsOf(reception).length + 3;
    const formula = overdueFormula(reception, 'reply_due', ['registered', 'referred'], 'zh-CN');
    for (const row of [2, 3, 4]) sheet.getRow(row).getCell(probe).value = { formula: formula.replace(/\$([A-Z]+)2\b/g, `$$$1${row}`) };
    await workbook.xlsx.writeFile(file);

    const lo = await readWorkbookWithLibreOffice(file);
    const rows = sheetNamed(lo, reception.sheet['zh-CN']).rows;
    assert.deepEqual(
      [2, 3, 4].map((r) => rows[r - 1]?.[probe - 1] ?? null),
      [true, false, false],
    );

    const [fods] = await libreOfficeConvert([file], 'fods', dir);
    const xml = await fs.readFile(fods, 'utf8');
    assert.match(xml, /calcext:conditional-format[^>]*calcext:target-range-address="[^"]*客户接待登记表[^"]*\.A2:/);
    assert.match(xml, /calcext:condition calcext:apply-style-name="[^"]+" calcext:value="formula-is\(AND\(ISNUMBER\(\[\.\$[A-Z]+2\]\);\[\.\$[A-Z]+2\]&lt;NOW\(\)/);
  });
});
