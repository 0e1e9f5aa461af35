import type { Clock } from '../core/clock';
import { KefuError } from '../core/problems';
import type { DomainValue, RecordValues } from '../ledger/cells';
import { chainOf } from '../ledger/auditChain';
import { AUDIT_COLUMNS, AUDIT_TABLE, DICTIONARY_COLUMNS, DICTIONARY_TABLE, META_TABLE, TEMPLATE_VERSION, ledgerVersion } from '../ledger/layout';
import { SEEDS, changedAnything, missingColumns, missingSeedRows, sheetsToRenew, templateTables, upgradeAuditEntry, type UpgradeSummary } from './missing';
import type { RecordUpdate } from '../ledger/types';
import { PackageLedger } from '../ledger/xlsx/packageLedger';
import { buildTemplateBuffer } from '../workbooks/template';
import { BODY_RANGES_VERSION } from '../ledger/templateLayout';

/**
 * `kefu upgrade` (upgrade/missing.ts): brings a ledger file made from an earlier template up to the
 * current one, part by part. What is missing comes from the current template of the ledger's
 * language, copied with its styles, validations and widths (sheets whole, columns one by one at
 * the table's right); the starting rows it lacks are appended; the audit log gets its hash chain
 * (version 2) and a row saying what was upgraded. Nothing already there is changed, except the
 * data dictionary, which describes the columns and so follows them, and the ranges of the
 * validations and highlights an older template put down to row 20,001, which end at each form
 * table's last row (version 5).
 */

/** The chain column came with version 2: a log from before is sealed as it is when upgraded. */
const CHAIN_VERSION = 2;

function text(value: DomainValue | undefined): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
}

export async function upgradeLedger(ledger: PackageLedger, context: { clock: Clock; clerk: string }): Promise<UpgradeSummary> {
  const settings = await ledger.settings();
  const from = ledgerVersion(settings);
  if (from > TEMPLATE_VERSION) throw new KefuError([{ kind: 'ledgerTooNew', params: { path: '', version: from, ours: TEMPLATE_VERSION } }]);
  const template = await PackageLedger.fromBuffer(await buildTemplateBuffer({ locale: ledger.locale, createdAt: settings.created_at || context.clock.now(), site: settings.site || undefined }), {
    station: 'template',
    clock: context.clock,
  });
  const tablesAdded: string[] = [];
  const columnsAdded: string[] = [];
  let rowsAdded = 0;

  // Tables: a missing one comes with its sheet, or onto its sheet when the ledger has that sheet (the numbering sheet).
  for (const key of templateTables()) {
    if (ledger.hasTable(key) || tablesAdded.includes(key)) continue;
    const sheet = template.sheetOf(key);
    if (ledger.hasSheet(sheet)) {
      await ledger.importTableInto(template, key);
      tablesAdded.push(key);
    } else {
      tablesAdded.push(...(await ledger.importSheet(template, sheet)));
    }
  }
  // Sheets without tables (print layouts, the statistics cross-check, the lists behind validations).
  for (const name of template.sheetNames()) {
    if (!ledger.hasSheet(name) && template.tablesOn(name).length === 0) await ledger.importSheet(template, name);
  }
  // Sheets of formulas an earlier version made otherwise (the statistics cross-check), as the template has them now.
  let sheetsRenewed = 0;
  for (const name of sheetsToRenew(from, ledger.locale)) if (await ledger.renewSheet(template, name)) sheetsRenewed++;
  // The named lists behind validations, where the ledger lost one.
  const namesAdded = await ledger.importMissingNamedLists(template);
  // Columns.
  for (const key of templateTables()) {
    if (!ledger.hasTable(key)) continue;
    const missing = missingColumns(key, await ledger.tableHeaders(key), ledger.locale);
    if (missing.length === 0) continue;
    const labels = await ledger.importColumns(
      template,
      key,
      missing.map((c) => c.key),
    );
    columnsAdded.push(...labels.map((label) => `${key}.${label}`));
  }

  // Validations and highlights of an older template, from the header down to row 20,001, lie on
  // each form table's body from now on (templateLayout.ts `bodyArea`): the rows written below a
  // table then join it in Excel.
  if (from < BODY_RANGES_VERSION) ledger.boundLegacyRanges();

  // The data dictionary follows the columns.
  // (A table just copied with its sheet is the template's already.)
  const dictionaryColumns = DICTIONARY_COLUMNS.map((c) => c.key);
  const refresh = ledger.hasTable(DICTIONARY_TABLE);
  const seeded = Object.keys(SEEDS).filter((key) => ledger.hasTable(key));
  const wanted = refresh ? (await template.read({ tables: { [DICTIONARY_TABLE]: { columns: dictionaryColumns, rows: 'all' } } })).tables[DICTIONARY_TABLE] : [];
  const basis = await ledger.read({
    tables: {
      ...(refresh ? { [DICTIONARY_TABLE]: { columns: dictionaryColumns, rows: 'all' as const } } : {}),
      [META_TABLE]: { columns: ['key', 'value'], rows: 'all' },
      ...Object.fromEntries(seeded.map((key) => [key, { columns: [...SEEDS[key].identity], rows: 'all' as const }])),
    },
    writes: [...(refresh ? [DICTIONARY_TABLE] : []), META_TABLE, ...seeded],
  });
  const current = basis.tables[DICTIONARY_TABLE] ?? [];
  const updates: RecordUpdate[] = [];
  current.forEach((row, i) => {
    const target = wanted[i]?.values;
    if (!target) return;
    const differs = dictionaryColumns.filter((c) => text(row.values[c]) !== text(target[c]));
    if (differs.length > 0) updates.push({ ref: row.ref, values: Object.fromEntries(differs.map((c) => [c, target[c]])) });
  });
  const appends: Record<string, RecordValues[]> = {};
  if (wanted.length > current.length) appends[DICTIONARY_TABLE] = wanted.slice(current.length).map((r) => r.values);
  // The rows a new ledger starts with (promised times, calendar days, rule defaults) that this one lacks.
  for (const key of Object.keys(SEEDS)) {
    const rows = basis.tables[key];
    if (!rows) continue;
    const missing = missingSeedRows(
      key,
      rows.map((r) => r.values),
      ledger.locale,
    );
    if (missing.length > 0) appends[key] = missing;
    rowsAdded += missing.length;
  }

  // The audit log's hash chain, from its first row, for a log from before the chain.
  let auditRowsSealed = 0;
  if (from < CHAIN_VERSION) {
    const audit = await ledger.read({ tables: { [AUDIT_TABLE]: { columns: AUDIT_COLUMNS.map((c) => c.key), rows: 'all' } }, writes: [AUDIT_TABLE] });
    let chain = '';
    for (const row of audit.tables[AUDIT_TABLE]) {
      chain = chainOf(chain, row.values);
      if (text(row.values.chain) !== chain) {
        updates.push({ ref: row.ref, values: { chain } });
        auditRowsSealed++;
      }
    }
    Object.assign(basis.layouts, audit.layouts);
  }

  // The version, last, with the audit row saying what changed.
  const summary: UpgradeSummary = { from, to: TEMPLATE_VERSION, tablesAdded, columnsAdded, rowsAdded, auditRowsSealed };
  if (!changedAnything(summary) && namesAdded === 0 && sheetsRenewed === 0 && updates.length === 0 && Object.keys(appends).length === 0) return summary;
  const version = basis.tables[META_TABLE].find((r) => r.values.key === 'template_version');
  if (version) updates.push({ ref: version.ref, values: { value: String(TEMPLATE_VERSION) } });
  else (appends[META_TABLE] ??= []).push({ key: 'template_version', value: String(TEMPLATE_VERSION) });
  const now = context.clock.now();
  await ledger.apply(
    {
      updates,
      appends,
      audit: [upgradeAuditEntry(summary, now, context.clerk)],
    },
    basis,
  );
  return summary;
}
