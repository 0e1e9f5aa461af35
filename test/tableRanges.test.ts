import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FORMS } from '../addin/src/forms';
import { columnsOf } from '../addin/src/forms/columns';
import { complaints } from '../addin/src/forms/complaints';
import { LOCALES, type Locale } from '../addin/src/i18n/locale';
import { columnValidation } from '../addin/src/ledger/templateLayout';
import { columnLetters } from '../addin/src/ledger/report';
import { buildTemplateBuffer } from '../addin/src/workbooks/template';
import { overdueFormula } from '../addin/src/workbooks/deskTemplate';
import { complaintInput, runKefu } from './support/fixtures';
import { defaultClock, openOnHost, templateBytes } from './support/backends';
import { hostWorkbookFromXlsx, hostWorkbookToXlsx, parseAddress, rectsOverlap } from '../addin/src/host';
import { KefuError } from '../addin/src/core/problems';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import { holds, rangesBelowTables, sheetRanges, unvalidatedBodies, type SheetRanges } from './support/sheetRanges';
import { columnForHeader } from '../addin/src/ledger/schema';
import { readdirSync, readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { fixedClock } from '../addin/src/core/clock';
import { findForm } from '../addin/src/forms';
import { parseArea } from '../addin/src/ledger/xlsx/sheetXml';
import { upgradeLedger } from '../addin/src/upgrade/packageUpgrade';
import { ROOT } from './support/fixtures';

/**
 * Issue 14 item 4: tables that grow where Excel says they will. Microsoft's co-authoring guidance
 * has values written right below a table expand it only when no validation lies on the cells
 * below (unless it covers the entire column): the templates put their validations and overdue
 * highlights on the tables' bodies, never below them, and whoever appends carries them onto the
 * new rows.
 */

const templates = new Map<Locale, SheetRanges[]>();
async function templateRanges(locale: Locale): Promise<SheetRanges[]> {
  if (!templates.has(locale)) templates.set(locale, await sheetRanges(await buildTemplateBuffer({ locale, createdAt: '2026-03-01 08:00:00' })));
  return templates.get(locale)!;
}

/** The items a list validation allows, as Excel reads its formula: an inline "a,b" or a name of the lists sheet. */
function listItems(formula: string, locale: Locale, form: string, column: string): string[] {
  if (formula.startsWith('"')) return formula.slice(1, -1).split(',');
  const validation = columnValidation(
    form,
    columnsOf(FORMS.find((f) => f.key === form)!).find((c) => c.key === column)!,
    locale,
  );
  assert.ok(validation?.kind === 'list' && validation.listName === formula, `${formula} is the template's named list`);
  return [...validation.labels];
}

describe('tables that grow where Excel says they will (issue 14 item 4)', function () {
  for (const locale of LOCALES) {
    it(`the ${locale} template carries no validation or conditional format below any table`, async () => {
      const sheets = await templateRanges(locale);
      assert.deepEqual(rangesBelowTables(sheets), []);
      let validated = 0;
      for (const form of FORMS) {
        const sheet = sheets.find((s) => s.sheet === form.sheet[locale])!;
        const table = sheet.tables.find((t) => t.name === form.key)!;
        const { top, bottom } = table.area;
        columnsOf(form).forEach((column, i) => {
          const expected = columnValidation(form.key, column, locale);
          const on = sheet.validations.filter((v) => holds(v.refs, i + 1, top + 1));
          if (!expected) return assert.equal(on.length, 0, `${form.key}.${column.key} has no validation`);
          validated++;
          // The column of the table's body, from its first row to its last (exceljs joins neighbours alike: E2:F2).
          assert.equal(on.length, 1, `${form.key}.${column.key}`);
          assert.ok(holds(on[0].refs, i + 1, bottom), `${form.key}.${column.key} down to row ${bottom}: ${on[0].refs.join(' ')}`);
          for (const ref of on[0].refs) assert.match(ref, new RegExp(`^[A-Z]+${top + 1}(:[A-Z]+${bottom})?$`), `${form.key}.${column.key}`);
        });
      }
      assert.ok(validated > 100, `${validated} validated columns`);
      const overdue = sheets.find((s) => s.sheet === complaints.sheet[locale])!;
      const width = columnsOf(complaints).length;
      assert.deepEqual(
        overdue.formats.map((f) => f.refs),
        [[`A2:${columnLetters(width)}2`]],
      );
    });
  }

  it('the add-in leaves each complaint it registers below the table validated, in the request that writes it', async () => {
    const workbook = await hostWorkbookFromXlsx(await templateBytes('zh-CN'));
    const session = await openOnHost(workbook);
    const context = { clock: defaultClock(), actor: { clerk: '王丽' } };
    for (const day of [1, 2, 3]) await runOperation(session.ledger, registerComplaint, complaintInput({ received_at: `2026-03-0${day} 09:30` }), context);
    const sheet = workbook.worksheet(complaints.sheet['zh-CN']);
    const columns = columnsOf(complaints);
    /** The validation of a cell as the host keeps it (exceljs' model), or undefined. */
    const ruleAt = (column: number, row: number) => {
      const cell = parseAddress(`${columnLetters(column)}${row}`)!.rect;
      const over = Object.entries(sheet.dataValidations).filter(([key]) => rectsOverlap(parseAddress(key)!.rect, cell));
      assert.ok(over.length <= 1, `one validation at ${columnLetters(column)}${row}`);
      return over[0]?.[1] as { type: string; formulae: string[]; errorStyle?: string; showErrorMessage?: boolean } | undefined;
    };
    let validated = 0;
    columns.forEach((column, i) => {
      const expected = columnValidation('complaints', column, 'zh-CN');
      for (const row of [3, 4]) {
        const rule = ruleAt(i + 1, row);
        if (!expected) return assert.equal(rule, undefined, `${column.key} ${row}`);
        validated++;
        // As the template's first row: the rule, and a list's warning (a whole number's alert is off either way).
        const essence = (r: Record<string, unknown> | undefined) => {
          const { type, operator, formulae, allowBlank, errorStyle, error, errorTitle, showErrorMessage } = r ?? {};
          return { type, operator, formulae, allowBlank, ...(type === 'list' ? { errorStyle, error, errorTitle, showErrorMessage } : { alert: !!showErrorMessage }) };
        };
        assert.deepEqual(essence(rule), essence(ruleAt(i + 1, 2)), `${column.key}: row ${row}`);
      }
    });
    assert.ok(validated >= 10, `${validated} validated cells`);
    const category = columns.findIndex((c) => c.key === 'category') + 1;
    const items = listItems(ruleAt(category, 4)!.formulae[0], 'zh-CN', 'complaints', 'category');
    assert.ok(items.includes(columns[category - 1].codes!.find((c) => c.code === 'cleaning')!.label['zh-CN']));
    assert.ok(!items.includes('保洁投诉'), 'a wrong category typed into the new row is refused by its rule');
  });

  it('kefu leaves each complaint it registers validated and highlighted like the rows above, the table and its ranges ending together', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-ranges-'));
    try {
      const file = path.join(dir, 'ledger.xlsx');
      assert.equal((await runKefu(['template', '--locale', 'zh-CN', '--out', file])).code, 0);
      const inputs = [1, 2, 3].map((day) => complaintInput({ received_at: `2026-03-0${day} 09:30`, category: 'cleaning' }));
      for (const input of inputs) {
        // One run per complaint: each writes the file again, growing the ranges it finds.
        const run = await runKefu(['complaint', 'add', file, '--json', '-', '--locale', 'en-US'], { stdin: JSON.stringify(input) });
        assert.equal(run.code, 0, run.stderr);
      }
      const sheets = await sheetRanges(await fs.readFile(file));
      assert.deepEqual(rangesBelowTables(sheets), []);
      const sheet = sheets.find((s) => s.sheet === complaints.sheet['zh-CN'])!;
      const table = sheet.tables.find((t) => t.name === 'complaints')!;
      assert.equal(table.area.bottom, 4, 'three complaints in rows 2–4');
      const columns = columnsOf(complaints);
      const category = columns.findIndex((c) => c.key === 'category') + 1;
      const rule = sheet.validations.find((v) => holds(v.refs, category, 4));
      assert.ok(
        rule,
        `the third complaint's category (${columnLetters(category)}4) is validated: ${JSON.stringify(sheet.validations.filter((v) => v.refs.some((r) => r.startsWith(columnLetters(category)))))}`,
      );
      assert.equal(rule.type, 'list');
      const items = listItems(rule.formula, 'zh-CN', 'complaints', 'category');
      const cleaning = columns[category - 1].codes!.find((c) => c.code === 'cleaning')!.label['zh-CN'];
      assert.ok(items.includes(cleaning), 'the label written is allowed');
      assert.ok(!items.includes('保洁投诉'), 'a wrong category typed into the row is refused');
      for (const column of columns.keys()) {
        const expected = columnValidation('complaints', columns[column], 'zh-CN');
        if (expected)
          assert.ok(
            sheet.validations.some((v) => holds(v.refs, column + 1, 4) && holds(v.refs, column + 1, 2)),
            `${columns[column].key} validated in rows 2–4`,
          );
      }
      const highlight = sheet.formats.find((f) => holds(f.refs, 1, 4) && holds(f.refs, columns.length, 4));
      assert.ok(highlight, `the overdue highlight covers row 4: ${JSON.stringify(sheet.formats)}`);
      assert.equal(highlight.formula, overdueFormula(complaints, 'promised_by', ['received', 'dispatched', 'in_handling'], 'zh-CN'));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  for (const [what, column] of [
    ['a column the registration fills (the complainant)', 'complainant'],
    ['a column the registration leaves empty (the reception link)', 'reception_no'],
  ] as const) {
    it(`kefu refuses to register over a note a user put two rows below the table, in ${what}, naming its cell`, async () => {
      const clock = defaultClock();
      const context = { clock, actor: { clerk: '王丽' } };
      const ledger = await PackageLedger.fromBuffer(await templateBytes('zh-CN'), { station: 'kefu', clock });
      await runOperation(ledger, registerComplaint, complaintInput(), context); // fills the blank row 2
      const workbook = await hostWorkbookFromXlsx(await ledger.toBuffer());
      const sheet = workbook.worksheet(complaints.sheet['zh-CN']);
      const letter = columnLetters(columnsOf(complaints).findIndex((c) => c.key === column) + 1);
      workbook.setCells(sheet, `${letter}4`, [['回访时再问一次']]);
      const withNote = await PackageLedger.fromBuffer(await hostWorkbookToXlsx(workbook), { station: 'kefu', clock });
      await runOperation(withNote, registerComplaint, complaintInput(), context); // row 3
      await assert.rejects(
        async () => {
          await runOperation(withNote, registerComplaint, complaintInput(), context); // row 4: the note's
          await withNote.toBuffer();
        },
        (e: unknown) => {
          assert.ok(e instanceof KefuError, String(e));
          assert.equal(e.problems[0].kind, 'cellInTheWay');
          assert.equal(e.problems[0].params?.cell, `${letter}4`);
          return true;
        },
      );
    });
  }
  describe('kefu upgrade bounds the ranges of template versions 1–4 to the tables’ bodies', () => {
    const kept = [1, 2, 3, 4].flatMap((version) =>
      readdirSync(path.join(ROOT, 'test', 'fixtures', `v${version}`))
        .filter((f) => f.endsWith('.xlsx'))
        .map((file) => ({ version, file: path.join(ROOT, 'test', 'fixtures', `v${version}`, file) })),
    );
    /** Each sheet part's XML by sheet name. */
    const sheetXml = async (bytes: Uint8Array) => {
      const zip = await JSZip.loadAsync(bytes);
      const workbook = await zip.file('xl/workbook.xml')!.async('string');
      const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
      const parts = new Map<string, string>();
      for (const m of workbook.matchAll(/<sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
        const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*Id="${m[2]}"`).exec(rels)!;
        parts.set(m[1], await zip.file(`xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, '')}`)!.async('string'));
      }
      return parts;
    };
    /** The fixture with one form sheet's first validation extended by a user down to row 30,000: no longer the older template's shape, so it stays. */
    const withUserRange = async (bytes: Uint8Array) => {
      const zip = await JSZip.loadAsync(bytes);
      for (const path of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f))) {
        const xml = await zip.file(path)!.async('string');
        const extended = xml.replace(/(<dataValidation\b[^>]*\ssqref="[A-Z]+2:[A-Z]+)20001"/, '$130000"');
        if (extended === xml) continue;
        zip.file(path, extended);
        return zip.generateAsync({ type: 'uint8array' });
      }
      throw new Error('no validation of the older template');
    };
    for (const { version, file } of kept) {
      it(`v${version}/${path.basename(file)}: every range from the row under a form's header down to row 20,001 ends at its table's last row, its rule kept; nothing else changes`, async () => {
        const bytes = await withUserRange(new Uint8Array(readFileSync(file)));
        const before = await sheetRanges(bytes);
        assert.ok(
          before.some((s) => s.validations.some((v) => v.refs.some((ref) => ref.endsWith('30000')))),
          'a validation a user extended to row 30,000',
        );
        const legacy = before.flatMap((s) => [...s.validations, ...s.formats].flatMap((v) => v.refs)).filter((ref) => ref.endsWith('20001'));
        assert.ok(legacy.length > 180, `${legacy.length} ranges of the older template`);
        const clock = fixedClock('2026-12-05 10:00:00', 1);
        const ledger = await PackageLedger.fromBuffer(bytes, { station: 'kefu', clock });
        await upgradeLedger(ledger, { clock, clerk: '王丽' });
        const upgraded = await ledger.toBuffer();
        const upgradedLedger = await PackageLedger.fromBuffer(upgraded, { station: 'kefu', clock });
        const after = await sheetRanges(upgraded);
        // Below a table: only the user's range, as they made it.
        assert.deepEqual(
          rangesBelowTables(after).map((r) => r.replace(/^.*!/, '').replace(/ .*$/, '')),
          rangesBelowTables(before)
            .filter((r) => r.includes('30000'))
            .map((r) => r.replace(/^.*!/, '').replace(/ .*$/, '')),
        );
        assert.equal(rangesBelowTables(after).length, 1);

        // Range for range, rule for rule: the older template's shape bounded to the body, every other range as it was.
        const bounded = (sheet: SheetRanges, tables: SheetRanges['tables']) => (ref: string) => {
          const area = parseArea(ref)!;
          const table = tables.find((t) => findForm(t.name) && area.top === t.area.top + 1 && area.bottom === 20_001 && area.left >= t.area.left && area.right <= t.area.right);
          if (!table) return ref;
          const first = `${columnLetters(area.left)}${area.top}`;
          const last = `${columnLetters(area.right)}${table.area.bottom}`;
          return first === last ? first : `${first}:${last}`;
        };
        let changed = 0;
        for (const was of before) {
          const now = after.find((s) => s.sheet === was.sheet)!;
          const map = bounded(was, now.tables);
          const expect = (list: readonly { refs: readonly string[] }[]) => list.map((v) => ({ ...v, refs: v.refs.map(map) }));
          // A new column's validation comes after the old ones (the upgrade adds it).
          assert.deepEqual(now.validations.slice(0, was.validations.length), expect(was.validations), was.sheet);
          assert.deepEqual(now.formats, expect(was.formats), was.sheet);
          changed += [...was.validations, ...was.formats].flatMap((v) => v.refs).filter((ref) => map(ref) !== ref).length;
        }
        assert.equal(changed, legacy.length, 'every range of the older template');

        // A sheet the upgrade does not otherwise touch: its XML as it was but for those sqref attributes.
        const [xmlBefore, xmlAfter] = [await sheetXml(bytes), await sheetXml(upgraded)];
        let untouched = 0;
        for (const was of before) {
          const now = after.find((s) => s.sheet === was.sheet)!;
          const same =
            was.tables.length > 0 && was.tables.every((t) => findForm(t.name)) && JSON.stringify(was.tables) === JSON.stringify(now.tables) && now.validations.length === was.validations.length;
          if (!same || !xmlBefore.has(was.sheet)) continue;
          const map = bounded(was, now.tables);
          const expected = xmlBefore
            .get(was.sheet)!
            .replace(/(\ssqref=")([^"]*)(")|(<xm:sqref>)([^<]*)(<\/xm:sqref>)/g, (...m: string[]) =>
              m[1] ? `${m[1]}${m[2].split(/\s+/).map(map).join(' ')}${m[3]}` : `${m[4]}${m[5].split(/\s+/).map(map).join(' ')}${m[6]}`,
            );
          const got = xmlAfter.get(was.sheet)!;
          const at = [...got].findIndex((ch, i) => ch !== expected[i]);
          assert.ok(got === expected, `${was.sheet} differs at ${at}: ${got.slice(at - 80, at + 80)} ≠ ${expected.slice(at - 80, at + 80)}`);
          untouched++;
        }
        assert.ok(untouched > 10, `${untouched} sheets compared whole`);

        // Every column the template validates, those the upgrade added included, over its table's whole body (rows 2 to the last).
        const headersOf = new Map<string, string[]>();
        for (const t of after.flatMap((s) => s.tables)) if (findForm(t.name)) headersOf.set(t.name, await upgradedLedger.tableHeaders(t.name));
        const validated = (table: string, header: string) => {
          const column = findForm(table) && columnForHeader(table, header, upgradedLedger.locale);
          return !!column && !!columnValidation(table, column, upgradedLedger.locale);
        };
        assert.deepEqual(
          unvalidatedBodies(after, validated, (t) => headersOf.get(t) ?? []),
          [],
        );

        // Upgraded again: nothing left to change.
        const again = await PackageLedger.fromBuffer(upgraded, { station: 'kefu', clock });
        const summary = await upgradeLedger(again, { clock, clerk: '王丽' });
        assert.equal(summary.from, summary.to);
        assert.equal(again.hasChanges, false);
      });
    }
  });
});
