/**
 * Upgrade workbook, the add-in's half of issue 10 item 8: a ledger from an earlier template brought
 * to the current one through Office.js on the in-memory host, as `kefu upgrade` does on files.
 * Every kept version-1 template and demo ledger (test/fixtures/v1), each with a column and a sheet
 * a user added.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixedClock } from '../addin/src/core/clock';
import { checkDesk, checkRequest, deskRequest } from '../addin/src/domain/deskCheck';
import { KefuError } from '../addin/src/core/problems';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { findForm } from '../addin/src/forms';
import { complaintMeasures, complaints } from '../addin/src/forms/complaints';
import { fieldCheckLines } from '../addin/src/forms/fieldWork';
import { COLUMNS_SINCE_V1, V4_TABLES } from './support/upgradeFixtures';
import { dueRules } from '../addin/src/forms/promisedTimes';
import { repairOrders } from '../addin/src/forms/receptionRepairs';
import { HostWorkbook, WEB_PAYLOAD_LIMIT_BYTES, hostWorkbookFromXlsx, hostWorkbookToXlsx, rectAddress, type CellScalar, type HostClient, hostClient } from '../addin/src/host';
import type { Locale } from '../addin/src/i18n/locale';
import { firstBreak } from '../addin/src/ledger/auditChain';
import { AUDIT_TABLE, DICTIONARY_TABLE, META_TABLE, TEMPLATE_VERSION, claimsTableName } from '../addin/src/ledger/layout';
import { printSheetName } from '../addin/src/ledger/print';
import { columnLetters } from '../addin/src/ledger/report';
import { numberingSeries, rowToRecord, schemaOf } from '../addin/src/ledger/schema';
import { CROSS_CHECK_SHEET, LISTS_SHEET, dictionaryRows, sheetsWithoutTables } from '../addin/src/ledger/templateLayout';
import { templateTables } from '../addin/src/upgrade/missing';
import { excelRun, MAX_REQUEST_BYTES, openOfficeLedger } from '../addin/src/ledger/office/officeLedger';
import { upgradeWorkbook, upgradedAnything, type OfficeUpgradeSummary } from '../addin/src/upgrade/officeUpgrade';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import { upgradeLedger } from '../addin/src/upgrade/packageUpgrade';
import { buildTemplate, buildTemplateBuffer } from '../addin/src/workbooks/template';
import { templateSheetCopies } from '../addin/src/workbooks/templateSheets';
import { complaintInput } from './support/fixtures';
import { rangesBelowTables, sheetRanges, unvalidatedBodies } from './support/sheetRanges';
import { columnValidation } from '../addin/src/ledger/templateLayout';
import { columnForHeader } from '../addin/src/ledger/schema';

const FIXTURES = path.join(__dirname, 'fixtures', 'v1');
const LEDGERS: { file: string; locale: Locale }[] = (['zh-CN', 'zh-TW', 'en-US'] as const).flatMap((locale) => [
  { file: `kefu-ledger.${locale}.xlsx`, locale },
  { file: `demo.${locale}.xlsx`, locale },
]);
const CLOCK = () => fixedClock('2026-12-01 10:00:00', 1);
const CLERK = '王丽';

const load = (file: string) => hostWorkbookFromXlsx(readFileSync(path.join(FIXTURES, file)), { name: file });

function upgrade(client: HostClient): Promise<OfficeUpgradeSummary> {
  return upgradeWorkbook(excelRun(client), { clock: CLOCK(), clerk: CLERK, templateSheets: async (names, options) => templateSheetCopies(names, options) });
}

const register = (client: HostClient) =>
  openOfficeLedger(excelRun(client), { station: 'upgrade-test', clock: CLOCK() }).then((ledger) =>
    runOperation(ledger, registerComplaint, complaintInput({ received_at: '2026-11-30 09:30', receptionist: { by: CLERK, at: '2026-11-30 09:35' } }), { clock: CLOCK(), actor: { clerk: CLERK } }),
  );

/** A user's own column right of the complaint table, and a sheet of their own — typed in Excel, through the API. */
async function addUserThings(wb: HostWorkbook, locale: Locale): Promise<void> {
  const table = wb.table(complaints.key);
  const auditTable = wb.table(AUDIT_TABLE);
  await hostClient(wb).run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(table.worksheet.name);
    sheet.getCell(table.top, table.left + table.columnCount).values = [[locale === 'en-US' ? 'My note' : '我的备注']];
    sheet.getCell(table.top + 1, table.left + table.columnCount).values = [['自己的备注']];
    context.workbook.worksheets.getItem(auditTable.worksheet.name).getCell(auditTable.top, auditTable.left + auditTable.columnCount).values = [['核对人']];
    const mine = context.workbook.worksheets.add('我的统计');
    mine.getRange('A1:B2').values = [
      ['自己的表', ''],
      ['', 42],
    ];
    await context.sync();
  });
}

/** Every cell of every table (header and body), by table name, and the user's sheet. */
function cellsOf(wb: HostWorkbook): Map<string, { sheet: string; address: string; values: CellScalar[][] }> {
  const out = new Map<string, { sheet: string; address: string; values: CellScalar[][] }>();
  for (const t of wb.tables) out.set(t.name, { sheet: t.worksheet.name, address: rectAddress(t.rect), values: t.worksheet.values(rectAddress(t.rect)) });
  const mine = wb.findWorksheet('我的统计');
  if (mine) out.set('我的统计', { sheet: mine.name, address: 'A1:B2', values: mine.values('A1:B2') });
  return out;
}

/** Everything the host keeps of a workbook, as text: cells, tables, formats, validations, names, layout. */
function dump(wb: HostWorkbook): string {
  const sheets = wb.worksheets.map((s) => ({
    name: s.name,
    visibility: s.visibility,
    styles: [...s.cells()].filter(([, , c]) => c.style || c.bold).map(([r, c, cell]) => [r, c, cell.bold ?? false, cell.style ?? null]),
    validations: s.dataValidations,
    widths: [...s.columnWidths],
    hidden: [...s.hiddenColumns],
    heights: [...s.rowHeights],
    frozen: [s.frozenRows, s.frozenColumns],
    merges: s.merges,
    printArea: s.printArea,
    rowBreaks: s.rowBreaks,
  }));
  return `${wb.describe()}\n${JSON.stringify({ sheets, names: wb.definedNames, styles: wb.tables.map((t) => [t.name, t.style]) })}`;
}

/**
 * Validations cell by cell, as a user meets them: ranges of one column with the same rule that
 * touch one above the other count as one (`B2:B7` and `B8:B9` as `B2:B9`), however they were written.
 */
function byColumn(model: Record<string, unknown>): Record<string, unknown> {
  const parsed = Object.entries(model)
    .map(([key, rule]) => ({ m: /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(key), key, rule: JSON.stringify(rule, Object.keys(rule as object).sort()) }))
    .map(({ m, key, rule }) => (m ? { left: m[1], right: m[3] ?? m[1], top: Number(m[2]), bottom: Number(m[4] ?? m[2]), rule } : { left: key, right: key, top: 0, bottom: 0, rule }))
    .sort((a, b) => a.left.localeCompare(b.left) || a.top - b.top);
  const joined: typeof parsed = [];
  for (const r of parsed) {
    const last = joined[joined.length - 1];
    if (last && last.left === r.left && last.right === r.right && last.rule === r.rule && last.bottom + 1 === r.top) last.bottom = r.bottom;
    else joined.push({ ...r });
  }
  return Object.fromEntries(joined.map((r) => [`${r.left}${r.top}:${r.right}${r.bottom}`, JSON.parse(r.rule)]));
}

/** Validations as Excel reads them: the file's defaults (no alert, Stop, blanks not ignored, no texts, between) filled in. */
function validations(model: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(model).map(([address, rule]) => {
      const r = rule as Record<string, unknown>;
      const operator = r.type === 'list' || r.type === 'custom' ? {} : { operator: r.operator ?? 'between' };
      return [
        address,
        {
          ...r,
          ...operator,
          showErrorMessage: r.showErrorMessage === true,
          errorStyle: r.errorStyle ?? 'stop',
          allowBlank: r.allowBlank === true,
          errorTitle: r.errorTitle ?? '',
          error: r.error ?? '',
        },
      ];
    }),
  );
}

function auditRecords(wb: HostWorkbook, locale: Locale) {
  const t = wb.table(AUDIT_TABLE);
  return t.bodyValues().map((row) => rowToRecord(AUDIT_TABLE, t.headerNames(), row, locale));
}

describe('Upgrade workbook (Office.js, in-memory host)', function () {
  this.timeout(300_000);

  for (const { file, locale } of LEDGERS) {
    it(`${file}: reaches the current template without changing a record, keeps the user's column and sheet, seals the log, and changes nothing the second time`, async () => {
      const wb = await load(file);
      await addUserThings(wb, locale);
      const before = cellsOf(wb);

      // Before: the add-in refuses to write, and writes nothing trying.
      const untouched = dump(wb);
      await assert.rejects(register(hostClient(wb)), (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'workbookNeedsUpgrade' && e.problems[0].params?.path === file);
      assert.equal(dump(wb), untouched);
      // Reading still works.
      await openOfficeLedger(excelRun(hostClient(wb)), { station: 'read', clock: CLOCK() }).then((l) => l.read(deskRequest()));

      const client = hostClient(wb);
      const summary = await upgrade(client);
      assert.equal(summary.from, 1);
      assert.equal(summary.to, TEMPLATE_VERSION);
      // Version 2 brought the reopening records (a table with its sheet) and the audit log's chain.
      assert.deepEqual([...summary.tablesAdded].sort(), ['complaint_reopenings', fieldCheckLines.key, ...V4_TABLES].sort());
      assert.deepEqual([...summary.columnsAdded].sort(), [...COLUMNS_SINCE_V1(locale), `${AUDIT_TABLE}.${schemaOf(AUDIT_TABLE).columns.find((c) => c.key === 'chain')!.label[locale]}`].sort());
      assert.equal(summary.auditRowsSealed, before.get(AUDIT_TABLE)!.values.length - 1);
      const { syncs, maxRequestBytes, maxResponseBytes } = client.stats;
      // Reading, then writing in requests under MAX_REQUEST_BYTES: version 3's columns (each with its format and validation) take a fourth.
      assert.ok(syncs <= 4, `${syncs} requests`);
      assert.ok(maxRequestBytes <= MAX_REQUEST_BYTES && maxResponseBytes <= WEB_PAYLOAD_LIMIT_BYTES, `${maxRequestBytes} / ${maxResponseBytes} bytes`);

      // The older template's validations (rows 2 to 20,001) end at each table's last row: none lies below a table.
      const ranges = await sheetRanges(await hostWorkbookToXlsx(wb));
      const validationsBelow = (list: typeof ranges) => rangesBelowTables(list.map((sheet) => ({ ...sheet, formats: [] })));
      assert.deepEqual(validationsBelow(ranges), []);
      assert.ok(validationsBelow(await sheetRanges(readFileSync(path.join(FIXTURES, file)))).length > 150, 'the fixture had them');
      // Every column the template validates, the new ones included, over its table's whole body (the demo's tables have rows).
      const validated = (table: string, header: string) => {
        const column = findForm(table) && columnForHeader(table, header, locale);
        return !!column && !!columnValidation(table, column, locale);
      };
      assert.deepEqual(
        unvalidatedBodies(ranges, validated, (table) => wb.table(table).headerNames()),
        [],
      );

      // Every table and column of the current template, with its header in the workbook's language.
      for (const key of templateTables()) {
        const headers = wb.table(key).headerNames();
        for (const column of schemaOf(key).columns) assert.ok(headers.includes(column.label[locale]), `${key}: ${column.label[locale]}`);
      }
      // Every cell of every table as it was (the dictionary follows the columns; the version is 2).
      const after = cellsOf(wb);
      for (const [name, was] of before) {
        const now = after.get(name)!;
        assert.equal(now.sheet, was.sheet, name);
        const cells = wb.worksheet(was.sheet).values(was.address);
        if (name === DICTIONARY_TABLE) continue;
        if (name === META_TABLE) {
          const version = was.values.findIndex((r) => r[0] === 'template_version');
          assert.equal(cells[version][1], String(TEMPLATE_VERSION));
          cells[version][1] = was.values[version][1];
        }
        assert.deepEqual(cells, was.values, `${name} ${was.address}`);
      }
      assert.deepEqual(
        wb
          .table(DICTIONARY_TABLE)
          .bodyValues()
          .map((r) => r.map((v) => v ?? '')),
        dictionaryRows(locale),
      );
      // The user's column stays at the complaint table's right; the chain and the operation id go after the log's user column.
      const complaintHeaders = wb.table(complaints.key).headerNames();
      assert.equal(complaintHeaders[complaintHeaders.length - 1], locale === 'en-US' ? 'My note' : '我的备注');
      const auditLabel = (key: string) => schemaOf(AUDIT_TABLE).columns.find((c) => c.key === key)!.label[locale];
      assert.deepEqual(wb.table(AUDIT_TABLE).headerNames().slice(-3), ['核对人', auditLabel('chain'), auditLabel('op')]);
      // The log is one unbroken chain, ending with the upgrade.
      const log = auditRecords(wb, locale);
      assert.equal(firstBreak(log), -1);
      assert.deepEqual(
        { at: log.at(-1)!.at, who: log.at(-1)!.who, action: log.at(-1)!.action, field: log.at(-1)!.field, old: log.at(-1)!.old_value },
        { at: '2026-12-01 10:00:00', who: CLERK, action: 'upgrade', field: 'template_version', old: '1' },
      );
      // The statistics cross-check holds the current template's formulas (version 1 did not count reopened tickets).
      const formulas = (x: HostWorkbook) => [...x.worksheet(CROSS_CHECK_SHEET[locale]).cells()].filter(([, , c]) => c.formula !== undefined).map(([r, c, cell]) => [r, c, cell.formula]);
      const template = await hostWorkbookFromXlsx(await buildTemplateBuffer({ locale, createdAt: '2026-01-01 00:00:00', site: '' }));
      assert.deepEqual(formulas(wb), formulas(template));
      assert.notDeepEqual(formulas(await load(file)), formulas(template));
      // A second upgrade finds nothing to do and writes nothing.
      const once = dump(wb);
      const again = hostClient(wb);
      const second = await upgrade(again);
      assert.equal(upgradedAnything(second), false);
      assert.equal(dump(wb), once);
      assert.ok(again.stats.perSync.every((s) => s.actions > 0) && again.stats.syncs <= 2, 'reads only');

      // Now the add-in writes: a registration, audited on the chain.
      const registered = await register(hostClient(wb));
      assert.match(registered.result.number, /^TS-2026-\d{4}$/);
      assert.equal(firstBreak(auditRecords(wb, locale)), -1);
    });
  }

  it('knows, without exceljs, the template’s sheets that hold no table, in the template’s order', () => {
    for (const locale of ['zh-CN', 'zh-TW', 'en-US'] as const) {
      const template = buildTemplate({ locale, createdAt: '2026-01-01 00:00:00' });
      const without = template.worksheets.filter((ws) => Object.keys((ws as unknown as { tables: object }).tables ?? {}).length === 0).map((ws) => ws.name);
      assert.deepEqual(sheetsWithoutTables(locale), without, locale);
    }
  });

  it('writes a workbook that kefu check (the part-level backend) accepts without errors', async () => {
    for (const file of ['demo.zh-CN.xlsx', 'kefu-ledger.en-US.xlsx']) {
      const wb = await load(file);
      await upgrade(hostClient(wb));
      const ledger = await PackageLedger.fromBuffer(await hostWorkbookToXlsx(wb), { station: 'check', clock: CLOCK() });
      const report = checkDesk(await ledger.read(checkRequest()), '2026-12-01 10:00');
      assert.deepEqual(report.errors, [], file);
    }
  });

  it('adds what an older ledger lacks as kefu upgrade does: a table with its sheet, a claims table, columns with their validations, print and cross-check sheets, the named lists, starting rows, the dictionary', async () => {
    const locale: Locale = 'zh-TW';
    const wb = await load('demo.zh-TW.xlsx');
    // What a ledger from before these existed lacks.
    wb.deleteWorksheet(wb.worksheet(complaintMeasures.sheet[locale]));
    const claims = wb.table(claimsTableName('CM'));
    for (const [r, c] of [...claims.worksheet.cellsIn(claims.rect)]) claims.worksheet.setCell(r, c, undefined);
    wb.removeTable(claims);
    const repairs = wb.table(repairOrders.key);
    const dropped = 4; // voided, void_reason, attachments, remarks
    const droppedLetters = new Set<string>();
    for (let c = repairs.left + repairs.columnCount - dropped; c < repairs.left + repairs.columnCount; c++) {
      for (let r = repairs.top; r <= repairs.rect.bottom; r++) repairs.worksheet.setCell(r, c, undefined);
      droppedLetters.add(columnLetters(c + 1));
    }
    repairs.columnCount -= dropped;
    for (const key of Object.keys(repairs.worksheet.dataValidations)) if (droppedLetters.has(key.replace(/\d.*$/, ''))) delete repairs.worksheet.dataValidations[key];
    const voidedColumn = schemaOf(repairOrders.key).columns.findIndex((c) => c.key === 'voided');
    const validationsKept = Object.keys(repairs.worksheet.dataValidations).length;
    for (const name of [printSheetName(repairOrders, locale), CROSS_CHECK_SHEET[locale], LISTS_SHEET]) wb.deleteWorksheet(wb.worksheet(name));
    wb.definedNames = [];
    const rules = wb.table(dueRules.key);
    for (let c = rules.left; c <= rules.rect.right; c++) for (const r of [rules.rect.bottom, rules.rect.bottom - 1]) rules.worksheet.setCell(r, c, undefined);
    rules.rowCount -= 2;
    const dictionary = wb.table(DICTIONARY_TABLE);
    dictionary.worksheet.setCell(dictionary.top + 3, dictionary.left + 4, { value: '舊名稱', numberFormat: 'General' });
    for (let c = dictionary.left; c <= dictionary.rect.right; c++) for (let r = dictionary.rect.bottom - 4; r <= dictionary.rect.bottom; r++) dictionary.worksheet.setCell(r, c, undefined);
    dictionary.rowCount -= 5;
    const thinned = await hostWorkbookToXlsx(wb);

    const client = hostClient(wb);
    const summary = await upgrade(client);
    assert.deepEqual([...summary.tablesAdded].sort(), ['complaint_reopenings', complaintMeasures.key, fieldCheckLines.key, claimsTableName('CM'), ...V4_TABLES].sort());
    const repairLabels = schemaOf(repairOrders.key)
      .columns.slice(-dropped)
      .map((c) => `${repairOrders.key}.${c.label[locale]}`);
    assert.deepEqual([...summary.columnsAdded].sort(), [...repairLabels, ...COLUMNS_SINCE_V1(locale), `${AUDIT_TABLE}.校驗鏈`].sort());
    assert.deepEqual(summary.sheetsAdded, [printSheetName(repairOrders, locale), CROSS_CHECK_SHEET[locale], LISTS_SHEET]);
    // The two promised times removed above, and the gear_expiring setting, which no version-1 ledger has.
    assert.equal(summary.rowsAdded, 3);
    assert.ok(client.stats.syncs <= 4 && client.stats.maxRequestBytes <= MAX_REQUEST_BYTES, `${client.stats.syncs} requests, ${client.stats.maxRequestBytes} bytes`);

    // As the current template has them.
    const template = await hostWorkbookFromXlsx(await buildTemplateBuffer({ locale, createdAt: '2026-01-01 00:00:00', site: '' }));
    const sameTable = (key: string) => {
      const [t, u] = [wb.table(key), template.table(key)];
      assert.equal(t.address, u.address, `${key} sits where the template puts it`);
      assert.equal(t.style, u.style);
      assert.deepEqual(t.headerNames(), u.headerNames());
    };
    sameTable(complaintMeasures.key);
    sameTable(claimsTableName('CM'));
    const measures = wb.worksheet(complaintMeasures.sheet[locale]);
    const templateMeasures = template.worksheet(complaintMeasures.sheet[locale]);
    assert.deepEqual(validations(measures.dataValidations), validations(templateMeasures.dataValidations));
    assert.deepEqual([...measures.columnWidths].sort(), [...templateMeasures.columnWidths].sort());
    assert.equal(measures.frozenRows, 1);
    assert.deepEqual(measures.at('A1')?.style, {
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F5F8B' } },
      font: { color: { argb: 'FFFFFFFF' } },
      alignment: { vertical: 'middle', wrapText: true },
    });
    assert.equal(measures.rowHeights.get(0), 30);
    // The repair orders' new columns: after the old ones, the void column's list as the template's.
    assert.deepEqual(wb.table(repairOrders.key).headerNames(), template.table(repairOrders.key).headerNames());
    // The void column's validation over the table's body (rows 2 to its last), never below it (templateLayout.ts bodyArea).
    const voidLetter = columnLetters(voidedColumn + 1);
    const voidKey = `${voidLetter}2:${voidLetter}${wb.table(repairOrders.key).rect.bottom + 1}`;
    assert.deepEqual(validations(repairs.worksheet.dataValidations)[voidKey], validations(template.worksheet(repairOrders.sheet[locale]).dataValidations)[`${voidLetter}2`]);
    assert.ok(validations(repairs.worksheet.dataValidations)[voidKey], voidKey);
    assert.equal(Object.keys(repairs.worksheet.dataValidations).length, validationsKept + 1);
    // The sheets without tables, from the template builder.
    for (const name of [printSheetName(repairOrders, locale), CROSS_CHECK_SHEET[locale], LISTS_SHEET]) {
      const [s, t] = [wb.worksheet(name), template.worksheet(name)];
      // The cells with contents, their formulas computed (the file's reader computes them on reading;
      // cells that are only formatted — borders, the covered cells of a merge — are not copied).
      const cells = (x: typeof s) => {
        x.workbook.recalculate();
        return [...x.cells()]
          .filter(([, , cell]) => cell.formula !== undefined || (cell.value !== null && cell.value !== ''))
          .map(([r, c, cell]) => [r, c, cell.value, cell.formula ?? null, cell.numberFormat, cell.bold ?? false]);
      };
      assert.deepEqual(cells(s), cells(t), name);
      assert.equal(s.visibility, t.visibility, name);
      assert.deepEqual(validations(s.dataValidations), validations(t.dataValidations), name);
      // exceljs gives hidden columns a width of 9 (and the bridge does not read which are hidden).
      const widths = (x: typeof s) => [...x.columnWidths].filter(([c]) => !s.hiddenColumns.has(c)).sort();
      assert.deepEqual(widths(s), widths(t), name);
    }
    const printed = wb.worksheet(printSheetName(repairOrders, locale));
    assert.deepEqual([...printed.hiddenColumns].sort(), [5, 6], 'the helper columns are hidden');
    assert.equal(printed.printArea.map(rectAddress).join(), 'A3:D80');
    assert.deepEqual(printed.rowBreaks, [27, 53], 'each copy on its own page');
    assert.ok(printed.merges.length > 0);
    assert.deepEqual(wb.definedNames, template.definedNames);
    // The starting rows and the dictionary.
    // The two promised times taken out come back as the template has them; the others stay as the
    // version-1 ledger wrote them (its notes in Simplified script: an upgrade adds, never rewrites).
    const [dueRows, templateDueRows] = [wb.table(dueRules.key).bodyValues(), template.table(dueRules.key).bodyValues()];
    assert.deepEqual(
      dueRows.map((r) => r[0]),
      templateDueRows.map((r) => r[0]),
    );
    assert.deepEqual(dueRows.slice(-2), templateDueRows.slice(-2));
    assert.deepEqual(
      wb
        .table(DICTIONARY_TABLE)
        .bodyValues()
        .map((r) => r.map((v) => v ?? '')),
      dictionaryRows(locale),
    );
    assert.equal(firstBreak(auditRecords(wb, locale)), -1);

    // kefu upgrade, on the same workbook, makes the same tables with the same cells.
    const reference = await PackageLedger.fromBuffer(thinned, { station: 'reference', clock: CLOCK() });
    await upgradeLedger(reference, { clock: CLOCK(), clerk: CLERK });
    const cli = await hostWorkbookFromXlsx(await reference.toBuffer());
    for (const t of wb.tables) {
      const u = cli.table(t.name);
      assert.equal(u.address, t.address, t.name);
      assert.deepEqual(u.bodyValues(), t.bodyValues(), t.name);
      // Which cells are validated, and how; the lists themselves may differ on the rows the upgrade
      // appends (the add-in gives them the current template's list, kefu the list of the rows above).
      const kinds = (model: Record<string, unknown>) =>
        byColumn(Object.fromEntries(Object.entries(validations(model)).map(([key, r]) => [key, { type: (r as Record<string, unknown>).type, errorStyle: (r as Record<string, unknown>).errorStyle }])));
      assert.deepEqual(kinds(u.worksheet.dataValidations), kinds(t.worksheet.dataValidations), t.name);
    }
    assert.deepEqual(cli.definedNames, wb.definedNames);

    // And again: nothing to do.
    const once = dump(wb);
    assert.equal(upgradedAnything(await upgrade(hostClient(wb))), false);
    assert.equal(dump(wb), once);
  });

  it('puts a claims table whose place an older ledger gives another series right of the last claims table, in the add-in as kefu upgrade does', async () => {
    // A ledger from before the measures' series: the series after it sit one slot further left.
    const wb = await load('kefu-ledger.zh-CN.xlsx');
    const removed = wb.table(claimsTableName('CM'));
    const step = removed.columnCount + 1;
    for (const [r, c] of [...removed.worksheet.cellsIn(removed.rect)]) removed.worksheet.setCell(r, c, undefined);
    wb.removeTable(removed);
    // The series of version 1's ledger (later versions brought more, added right of these).
    const series = numberingSeries().filter((code) => code === 'CM' || wb.findTable(claimsTableName(code)));
    for (const code of series.slice(series.indexOf('CM') + 1)) {
      const table = wb.table(claimsTableName(code));
      for (const [r, c, cell] of [...table.worksheet.cellsIn(table.rect)]) {
        table.worksheet.setCell(r, c - step, cell);
        table.worksheet.setCell(r, c, undefined);
      }
      table.left -= step;
    }
    const last = wb.table(claimsTableName(series[series.length - 1]));
    const expected = rectAddress({ top: last.top, left: last.left + last.columnCount + 1, bottom: last.rect.bottom, right: last.left + last.columnCount + step - 1 });
    const older = await hostWorkbookToXlsx(wb);

    await upgrade(hostClient(wb));
    assert.equal(wb.table(claimsTableName('CM')).address.replace(/^.*!/, ''), expected);
    const reference = await PackageLedger.fromBuffer(older, { station: 'reference', clock: CLOCK() });
    await upgradeLedger(reference, { clock: CLOCK(), clerk: CLERK });
    const cli = await hostWorkbookFromXlsx(await reference.toBuffer());
    for (const code of numberingSeries()) assert.equal(cli.table(claimsTableName(code)).address, wb.table(claimsTableName(code)).address, code);
    assert.deepEqual(cli.table(claimsTableName('CM')).bodyValues(), wb.table(claimsTableName('CM')).bodyValues());
  });

  it('stops before writing anything when a cell of the user stands where a new column goes, naming the cell', async () => {
    const wb = await load('kefu-ledger.en-US.xlsx');
    const audit = wb.table(AUDIT_TABLE);
    wb.setCells(audit.worksheet, rectAddress({ top: 0, left: audit.left + audit.columnCount, bottom: 0, right: audit.left + audit.columnCount }), [[null]]);
    audit.worksheet.setCell(audit.top + 1, audit.left + audit.columnCount, { value: 'checked', numberFormat: 'General' });
    const before = dump(wb);
    const client = hostClient(wb);
    await assert.rejects(upgrade(client), (e: unknown) => {
      assert.ok(e instanceof KefuError);
      assert.equal(
        e.describe('en-US')[0],
        'cell I2 of "Audit log" holds something where the table "audit_log" gets a new column. Nothing was written, so nothing is overwritten; move that content and upgrade again.',
      );
      return true;
    });
    assert.equal(dump(wb), before);
    assert.equal(client.stats.syncs, 2, 'two reads, no write');
    // kefu upgrade says the same of the same workbook.
    const reference = await PackageLedger.fromBuffer(await hostWorkbookToXlsx(wb), { station: 'reference', clock: CLOCK() });
    await assert.rejects(upgradeLedger(reference, { clock: CLOCK(), clerk: CLERK }), (e: unknown) => {
      assert.ok(e instanceof KefuError);
      assert.equal(
        e.describe('en-US')[0],
        'cell I2 of "Audit log" holds something where the table "audit_log" gets a new column. Nothing was written, so nothing is overwritten; move that content and upgrade again.',
      );
      return true;
    });
  });

  it('refuses a ledger newer than the add-in, for upgrading and for writing, and still reads it', async () => {
    const wb = await load('kefu-ledger.zh-CN.xlsx');
    const meta = wb.table(META_TABLE);
    const row = meta.bodyValues().findIndex((r) => r[0] === 'template_version');
    meta.worksheet.setCell(meta.top + 1 + row, meta.left + 1, { value: String(TEMPLATE_VERSION + 1), numberFormat: 'General' });
    const before = dump(wb);
    await assert.rejects(upgrade(hostClient(wb)), (e: unknown) => e instanceof KefuError && e.problems[0].kind === 'workbookTooNew');
    await assert.rejects(register(hostClient(wb)), (e: unknown) => {
      assert.ok(e instanceof KefuError);
      assert.match(e.describe('en-US')[0], new RegExp(`made by a newer Kefu Ledger \\(template version ${TEMPLATE_VERSION + 1}; this add-in is ${TEMPLATE_VERSION}\\).*update the add-in`));
      assert.match(e.describe('zh-CN')[0], /请更新加载项/);
      return true;
    });
    assert.equal(dump(wb), before);
    const ledger = await openOfficeLedger(excelRun(hostClient(wb)), { station: 'read', clock: CLOCK() });
    assert.equal(ledger.templateVersion, TEMPLATE_VERSION + 1);
    await ledger.read(deskRequest());
  });

  it('seals an audit log of 100,000 rows in requests under the 5 MB limit', async () => {
    const wb = await load('kefu-ledger.zh-CN.xlsx');
    const audit = wb.table(AUDIT_TABLE);
    const rows = Array.from({ length: 100_000 }, (_, i) => [
      `2026-${String(1 + (i % 12)).padStart(2, '0')}-01 09:${String(i % 60).padStart(2, '0')}:00`,
      i % 3 === 0 ? '王丽' : '李娜',
      'register',
      complaints.key,
      `TS-2026-${String(i + 1).padStart(6, '0')}`,
      'content',
      '',
      `病房卫生间地面有积水，第 ${i + 1} 件`,
    ]);
    wb.setCells(audit.worksheet, rectAddress({ top: audit.top + 2, left: audit.left, bottom: audit.top + 2, right: audit.left }), rows);
    audit.rowCount += rows.length;
    const client = hostClient(wb);
    const summary = await upgrade(client);
    assert.equal(summary.auditRowsSealed, rows.length + 1);
    const { syncs, maxRequestBytes, maxResponseBytes } = client.stats;
    assert.ok(maxRequestBytes <= MAX_REQUEST_BYTES && maxResponseBytes <= WEB_PAYLOAD_LIMIT_BYTES, `${maxRequestBytes} / ${maxResponseBytes} bytes`);
    assert.ok(syncs <= 12, `${syncs} requests`);
    assert.equal(firstBreak(auditRecords(wb, 'zh-CN')), -1);
    assert.ok(findForm(complaints.key));
  });
});
