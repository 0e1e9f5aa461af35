import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LOCALES } from '../../addin/src/i18n/locale';
import { systemClock } from '../../addin/src/domain/clock';
import { dataDictionary, TYPE_NOTES } from '../../addin/src/forms/dictionary';
import { buildTemplateBuffer } from '../../addin/src/ledger/xlsx/template';
import { buildDemoWorkbook } from '../../addin/src/ledger/xlsx/demoWorkbook';
import { writeWorkbookAtomically } from '../../addin/src/ledger/xlsx/files';
import { UsageError, flag, localeFlag, station, type Command } from './args';

/** Commands that make whole workbooks or describe them: template, templates, dictionary, demo. */

export const template: Command = {
  words: ['template'],
  help: `  kefu template --locale <zh-CN|zh-TW|en-US> --out <file.xlsx> [--site <name>]
      Write an empty ledger workbook: one sheet and table per paper form, the audit log,
      the data dictionary and the hidden numbering sheet.`,
  async run(parsed) {
    const locale = localeFlag(parsed);
    const out = flag(parsed, 'out', true)!;
    const bytes = await buildTemplateBuffer({ locale, createdAt: systemClock().now(), site: flag(parsed, 'site') });
    await writeWorkbookAtomically(out, bytes);
    console.log(out);
  },
};

export const templates: Command = {
  words: ['templates'],
  help: `  kefu templates --out <dir>
      Write the ledger template of every locale into <dir> (kefu-ledger.<locale>.xlsx).`,
  async run(parsed) {
    const dir = flag(parsed, 'out', true)!;
    await fs.mkdir(dir, { recursive: true });
    for (const locale of LOCALES) {
      // A fixed creation time keeps the committed templates' content reproducible.
      const bytes = await buildTemplateBuffer({ locale, createdAt: '2026-01-01 00:00:00' });
      const file = path.join(dir, `kefu-ledger.${locale}.xlsx`);
      await writeWorkbookAtomically(file, bytes);
      await fs.rm(`${file}.bak`, { force: true });
      console.log(file);
    }
  },
};

export const dictionary: Command = {
  words: ['dictionary'],
  help: `  kefu dictionary [--json] [--locale <locale>]
      Print the data dictionary: every table and column with its labels, type and codes.`,
  run(parsed) {
    const locale = localeFlag(parsed);
    const entries = dataDictionary();
    if (parsed.flags.has('json')) {
      console.log(JSON.stringify(entries, null, 2));
      return;
    }
    let table = '';
    for (const e of entries) {
      if (e.table !== table) {
        table = e.table;
        console.log(`\n${e.table}  (${e.form} ${e.formTitle[locale]})`);
      }
      const values = e.values.length ? `  [${e.values.map((v) => `${v.code}=${v.labels[locale]}`).join(', ')}]` : '';
      const required = e.required === 'no' ? '' : `  required: ${e.required}`;
      console.log(`  ${e.column.padEnd(28)} ${e.labels[locale]} — ${TYPE_NOTES[e.type] ?? e.type}${required}${values}`);
    }
  },
};

export const demo: Command = {
  words: ['demo'],
  help: `  kefu demo --year <YYYY> --out <file.xlsx> [--locale <locale>] [--complaints <n>]
      Build a realistic year of desk activity by running the real operations: receptions of
      all six categories (n complaints, default 120, and the other kinds in proportion), each
      complaint, repair order, inquiry, issue report and "other" matter taken through its
      steps, monthly compilations of suggestions, the manager's measures after the year's
      statistics (and one carried from the year before). Everything happens in office hours
      on working days, up to today (or to the year's end, for a past year): what would come
      later is still open. People, contents and the hospital are written in the locale's own
      words. Also imports the year's performance inputs for three outsourced teams (collector
      records, rotation and batch-install work orders, complaint orders) through the real import.`,
  async run(parsed) {
    const locale = localeFlag(parsed);
    const year = Number(flag(parsed, 'year', true));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--year must be a year such as 2026');
    const clock = systemClock();
    const thisYear = Number(clock.now().slice(0, 4));
    if (year > thisYear) throw new UsageError(`--year must not be after this year (${thisYear}): the demo shows what has happened`);
    const out = flag(parsed, 'out', true)!;
    const count = flag(parsed, 'complaints');
    const { bytes, desk, performance: perf } = await buildDemoWorkbook({ locale, year, clock, complaints: count ? Number(count) : undefined, station: station('demo') });
    await writeWorkbookAtomically(out, bytes);
    console.log(`${out}: ${desk.receptions} receptions, ${desk.complaints} complaints, ${desk.repairs} repair orders, ${desk.actions} desk actions, up to ${desk.today}`);
    console.log(`${out}: ${perf.workers} workers, ${perf.collectorRecords} collector records, ${perf.rotationOrders} rotation orders, ${perf.batchInstalls} batch installs, ${perf.complaintOrders} complaint orders`);
  },
};
