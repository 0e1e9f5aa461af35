import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import '../addin/src/ledger/xlsx/exceljsPatch';
import { fixedClock } from '../addin/src/core/clock';
import { firstBreak } from '../addin/src/ledger/auditChain';
import { AUDIT_COLUMNS, AUDIT_TABLE, DICTIONARY_SHEET, META_SHEET, META_TABLE, TEMPLATE_VERSION } from '../addin/src/ledger/layout';
import { schemaOf } from '../addin/src/ledger/schema';
import { templateTables } from '../addin/src/upgrade/missing';
import { CROSS_CHECK_SHEET, LISTS_SHEET } from '../addin/src/ledger/templateLayout';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import { ROOT, complaintInput, runKefu } from './support/fixtures';
import { LOCALES } from '../addin/src/i18n/locale';

/**
 * Issue 10 item 8: `kefu upgrade` brings each kept older template, and the demo ledger built from
 * it, to today's schema: every cell that was there is still there, user additions survive,
 * `kefu check` is clean, the audit log is chained and records the upgrade, and a second run
 * changes nothing.
 */

const FIXTURES = (version: number) => path.join(ROOT, 'test', 'fixtures', `v${version}`);

/** The kept ledgers of each older template version: v1 all; v2 (the hash chain) and v3 (the field teams) and v4 (the special visitors) one template and one demo each. */
const KEPT: readonly { version: number; kind: 'kefu-ledger' | 'demo'; locale: (typeof LOCALES)[number] }[] = [
  ...LOCALES.flatMap((locale) => (['kefu-ledger', 'demo'] as const).map((kind) => ({ version: 1, kind, locale }))),
  { version: 2, kind: 'kefu-ledger', locale: 'en-US' },
  { version: 2, kind: 'demo', locale: 'zh-CN' },
  { version: 3, kind: 'kefu-ledger', locale: 'en-US' },
  { version: 3, kind: 'demo', locale: 'zh-TW' },
  { version: 4, kind: 'kefu-ledger', locale: 'zh-CN' },
  { version: 4, kind: 'demo', locale: 'en-US' },
];
const clock = fixedClock('2026-12-05 10:00:00', 1);
const kefu = (args: readonly string[], options: { stdin?: string } = {}) => runKefu([...args, '--locale', 'en-US'], options);

/** Every cell of every sheet, as openpyxl reads it (values only): sheet → 'A1' → value. */
function cellsOf(file: string): Promise<Record<string, Record<string, unknown>>> {
  const script = [
    'import sys, json, openpyxl',
    'wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)',
    'out = {}',
    'for ws in wb.worksheets:',
    '    cells = {}',
    '    for row in ws.iter_rows():',
    '        for c in row:',
    '            if c.value is not None and hasattr(c, "coordinate"): cells[c.coordinate] = c.value',
    '    out[ws.title] = cells',
    'print(json.dumps(out, default=str))',
  ].join('\n');
  return new Promise((resolve, reject) =>
    execFile('/usr/bin/python3', ['-c', script, file], { maxBuffer: 512 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr)) : resolve(JSON.parse(stdout)),
    ),
  );
}

/** A user's own column on the complaint sheet's table and a sheet of their own, added in Excel (here: exceljs). */
async function withUserAdditions(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const table = (sheet as unknown as { tables: Record<string, { table: { tableRef: string; columns: { name: string }[] } }> }).tables.complaints.table;
  const width = table.columns.length;
  table.columns.push({ name: '我的备注' });
  table.tableRef = table.tableRef.replace(/^A1:[A-Z]+(\d+)$/, (_, rows) => `A1:${String.fromCharCode(64 + Math.floor(width / 26))}${String.fromCharCode(65 + (width % 26))}${rows}`);
  sheet.getRow(1).getCell(width + 1).value = '我的备注';
  sheet.getRow(2).getCell(width + 1).value = '回访时再问一次';
  const mine = workbook.addWorksheet('我的统计');
  mine.getCell('A1').value = '自己的表';
  mine.getCell('B2').value = 42;
  await workbook.xlsx.writeFile(file);
}

async function ledgerHeaders(file: string, table: string): Promise<string[]> {
  const ledger = await PackageLedger.fromBuffer(new Uint8Array(await fs.readFile(file)), { station: 't', clock });
  return ledger.tableHeaders(table);
}

describe('kefu upgrade: ledgers of older template versions brought to today’s (issue 10 item 8)', function () {
  this.timeout(600_000);
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-upgrade-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  for (const { version, kind, locale } of KEPT) {
    it(`upgrades the version-${version} ${kind === 'demo' ? 'demo ledger' : 'template'} of ${locale} without losing a cell`, async () => {
      const file = path.join(dir, `v${version}.${kind}.${locale}.xlsx`);
      await fs.copyFile(path.join(FIXTURES(version), `${kind}.${locale}.xlsx`), file);
      if (kind === 'demo') await withUserAdditions(file);
      const original = await fs.readFile(file);

      // Before: commands that write refuse it, pointing to the upgrade.
      const refused = await kefu(['complaint', 'add', file, '--json', '-'], { stdin: JSON.stringify(complaintInput()) });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, new RegExp(`comes from an earlier template \\(version ${version}; now ${TEMPLATE_VERSION}\\).*kefu upgrade`));
      assert.deepEqual(await fs.readFile(file), original);

      const before = await cellsOf(file);
      const run = await kefu(['upgrade', file, '--clerk', '王丽']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`upgraded from template version ${version} to ${TEMPLATE_VERSION}`));
      const after = await cellsOf(file);

      // Every cell that was there is still there, with its value (the dictionary describes the columns, so it follows them; the version moves on).
      for (const [sheet, cells] of Object.entries(before)) {
        // The dictionary, the cross-check (formulas only, made anew) and the lists behind long validations (their names moved with them) follow the template.
        if (LOCALES.some((l) => DICTIONARY_SHEET[l] === sheet || CROSS_CHECK_SHEET[l] === sheet) || sheet === LISTS_SHEET) continue;
        assert.ok(after[sheet], `the sheet ${sheet} is still there`);
        for (const [ref, value] of Object.entries(cells)) {
          if (sheet === META_SHEET && value === String(version) && before[sheet][`A${ref.slice(1)}`] === 'template_version') continue;
          assert.deepEqual(after[sheet][ref], value, `${sheet}!${ref}`);
        }
      }
      // The cross-check is the current template's: its formulas count the reopened tickets.
      const formulasOf = async (xlsx: string) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(xlsx);
        const found: Record<string, string> = {};
        workbook.getWorksheet(CROSS_CHECK_SHEET[locale])!.eachRow((row) => row.eachCell((cell) => void (cell.formula && (found[cell.address] = cell.formula))));
        return found;
      };
      const crossCheck = await formulasOf(file);
      assert.deepEqual(crossCheck, await formulasOf(path.join(ROOT, 'templates', `kefu-ledger.${locale}.xlsx`)));
      if (version === 1) assert.notDeepEqual(crossCheck, await formulasOf(path.join(FIXTURES(1), `kefu-ledger.${locale}.xlsx`)), 'version 1 had other formulas');
      if (kind === 'demo') {
        assert.equal(after['我的统计'].B2, 42, 'the user’s own sheet');
        const headers = await ledgerHeaders(file, 'complaints');
        assert.ok(headers.includes('我的备注'), 'the user’s own column');
      }

      // Today's schema: every table and column of the current template.
      const ledger = await PackageLedger.fromBuffer(new Uint8Array(await fs.readFile(file)), { station: 't', clock });
      for (const table of templateTables()) {
        assert.ok(ledger.hasTable(table), table);
        const snapshot = await ledger.read({ tables: { [table]: { columns: schemaOf(table).columns.map((c) => c.key), rows: 'all' } } });
        assert.ok(snapshot.tables[table], table);
      }
      const settings = await ledger.settings();
      assert.equal(settings.template_version, String(TEMPLATE_VERSION));
      const audit = (await ledger.read({ tables: { [AUDIT_TABLE]: { columns: AUDIT_COLUMNS.map((c) => c.key), rows: 'all' } } })).tables[AUDIT_TABLE];
      assert.equal(firstBreak(audit.map((r) => r.values)), -1, 'the audit log is one unbroken chain');
      const last = audit[audit.length - 1].values;
      assert.deepEqual([last.action, last.who, last.old_value], ['upgrade', '王丽', String(version)]);

      // kefu check is clean, and the ledger takes records again.
      const check = await kefu(['check', file]);
      assert.match(check.stdout, /0 errors/, check.stdout + check.stderr);
      const added = await kefu(['complaint', 'add', file, '--json', '-'], { stdin: JSON.stringify(complaintInput({ received_at: '2026-11-30 09:00' })) });
      assert.equal(added.code, 0, added.stderr);

      // Twice changes nothing: not a byte.
      const settled = await fs.readFile(file);
      const again = await kefu(['upgrade', file]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /already has the current template/);
      assert.deepEqual(await fs.readFile(file), settled);
    });
  }

  it('refuses a ledger made by a newer version, for writing and for upgrading', async () => {
    const file = path.join(dir, 'newer.xlsx');
    assert.equal((await kefu(['template', '--out', file])).code, 0);
    const ledger = await PackageLedger.fromBuffer(new Uint8Array(await fs.readFile(file)), { station: 't', clock });
    const basis = await ledger.read({ tables: { [META_TABLE]: { columns: ['key', 'value'], rows: 'all' } }, writes: [META_TABLE] });
    const version = basis.tables[META_TABLE].find((r) => r.values.key === 'template_version')!;
    await ledger.apply({ updates: [{ ref: version.ref, values: { value: String(TEMPLATE_VERSION + 1) } }] }, basis);
    await fs.writeFile(file, await ledger.toBuffer());
    const before = await fs.readFile(file);
    for (const args of [
      ['complaint', 'add', file, '--json', '-'],
      ['upgrade', file],
    ]) {
      const run = await kefu(args, { stdin: JSON.stringify(complaintInput()) });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, new RegExp(`was made by a newer Kefu Ledger \\(template version ${TEMPLATE_VERSION + 1}; this one is ${TEMPLATE_VERSION}\\)`));
    }
    assert.deepEqual(await fs.readFile(file), before);
  });
});
