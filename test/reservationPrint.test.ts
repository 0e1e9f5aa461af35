import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { demoClock } from '../addin/src/domain/demo';
import { runOperation, type Operation } from '../addin/src/domain/records';
import { reservationWorkflow } from '../addin/src/domain/visitors/reservations';
import { clauseText } from '../addin/src/forms';
import { SCENIC_DEPARTMENTS } from '../addin/src/forms/codes';
import { planDistributions, receptionPlans, reservations } from '../addin/src/forms/visitors';
import { hostWorkbookFromXlsx } from '../addin/src/host';
import type { Locale } from '../addin/src/i18n/locale';
import { PRINT_LINE_TEXT, readPrintout, type Printout } from '../addin/src/ledger/printLines';
import { showPrintout } from '../addin/src/ledger/office/printout';
import type { Ledger } from '../addin/src/ledger/types';
import { printoutWorkbook } from '../addin/src/workbooks/printoutSheet';
import { openOnHost, packageBackend, templateBytes } from './support/backends';
import { libreOfficeConvert, pdfTextPages } from './support/libreoffice';
import { findPdftotext } from './support/tools';
import { excelRun } from '../addin/src/ledger/office/officeLedger';

/**
 * Issue 13 "Done when": the reception plan prints on A4 as the sheet sent to the departments — the
 * reservation's header, the plan's items, an acknowledgement line per department — read through the
 * add-in's Office.js backend (the pane's Print view) and the command line's part-level backend,
 * drawn into the workbook and by exceljs, and printed to PDF by LibreOffice.
 */

const S = reservationWorkflow.steps;
/** Every department of the scenic area: each gets its line. */
const DEPARTMENTS = SCENIC_DEPARTMENTS.map((d) => d.code);
const SIGNERS = ['孙立平', '郑敏', '钱伟', '冯广播', '何丽', '吴刚', '褚明'];
const sig = (by: string, at: string) => ({ by, at });

/** A reservation whose plan went to every department; all but the last two acknowledged, the first three ready. */
async function planned(ledger: Ledger): Promise<string> {
  const clock = demoClock();
  const run = async (operation: unknown, input: unknown, at: string) => {
    clock.set(at);
    return (await runOperation(ledger, operation as Operation<unknown, unknown, { number: string }>, input, { clock, actor: { clerk: '林晓燕' } })).result;
  };
  const { number } = await run(
    reservationWorkflow.create,
    {
      received_at: '2026-04-20 10:00',
      group_name: '夕阳红老年大学游园团',
      contact: '周淑芬',
      contact_phone: '13905710021',
      arrival_at: '2026-05-02 09:30',
      headcount: 32,
      seniors: 28,
      disabled: 2,
      children: 1,
      ticket_address: '人民路18号老年大学传达室',
      ticket_time: '2026-05-01 16:00',
    },
    '2026-04-20 10:05',
  );
  await run(
    S.plan,
    {
      no: number,
      fields: {
        route: '东门入园—湖滨栈道—观景台—南门出园，全程无台阶路线',
        transport_parking: '两辆大巴停东门无障碍车位',
        guide: '普通话讲解员一名，语速放慢',
        facilities: '轮椅4辆、电瓶车2辆',
        meals: '湖滨餐厅午餐32份，少盐少油、软食',
        special_needs: '2名轮椅使用者，需无障碍卫生间',
        other_items: '=合影留念',
        drafted_by: sig('王海燕', '2026-04-21 09:00'),
      },
    },
    '2026-04-21 09:05',
  );
  await run(S.send, { no: number, fields: { departments: DEPARTMENTS, sent_at: '2026-04-21 10:00' } }, '2026-04-21 10:00');
  for (const [i, department] of DEPARTMENTS.slice(0, 5).entries()) {
    await run(S.acknowledge, { no: number, fields: { department, acknowledged: sig(SIGNERS[i], `2026-04-2${2 + (i % 3)} 09:00`) } }, '2026-04-24 09:00');
  }
  for (const department of DEPARTMENTS.slice(0, 3)) await run(S.ready, { no: number, fields: { department, ready_at: '2026-04-30 16:00' } }, '2026-04-30 16:00');
  return number;
}

const squash = (s: string) => s.replace(/\s+/g, '');
const has = (page: string, text: string) => squash(page).includes(squash(text));

async function pageSizes(pdf: string): Promise<string[]> {
  const pdfinfo = path.join(path.dirname(findPdftotext() ?? '/usr/bin/pdftotext'), 'pdfinfo');
  const { stdout } = await promisify(execFile)(pdfinfo, ['-f', '1', '-l', '9999', pdf]);
  return [...stdout.matchAll(/Page\s+\d+ size:\s+(.*)/g)].map((m) => m[1].trim());
}

describe('the reception plan printed on A4 with a line per department (issue 13, F11)', function () {
  this.timeout(600_000);
  let dir: string;
  const made = new Map<string, { printout: Printout; pages: string[]; sizes: string[] }>();
  let number = '';
  let syncs = 0;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-plan-print-'));
    const files: { key: string; file: string; locale: Locale }[] = [];
    // The pane's Print view: the Office.js backend reads the plan, its lines and its reservation, and draws it into the workbook.
    const office = await openOnHost(await hostWorkbookFromXlsx(await templateBytes('zh-CN')));
    number = await planned(office.ledger);
    const before = office.client.stats.syncs;
    const printout = await readPrintout(office.ledger, 'reception_plans', `JH-${number}`);
    await showPrintout(excelRun(office.client), printout);
    syncs = office.client.stats.syncs - before;
    made.set('office zh-CN', { printout, pages: [], sizes: [] });
    const officeFile = path.join(dir, 'office-zh-CN.xlsx');
    await fs.writeFile(officeFile, await office.bytes());
    files.push({ key: 'office zh-CN', file: officeFile, locale: 'zh-CN' });
    // The command line's backend: the same plan, drawn by exceljs into a workbook of its own.
    for (const locale of ['zh-CN', 'zh-TW', 'en-US'] as const) {
      const pkg = await packageBackend.open(await templateBytes(locale));
      await planned(pkg.ledger);
      const filed = await readPrintout(pkg.ledger, 'reception_plans', `JH-${number}`);
      const file = path.join(dir, `file-${locale}.xlsx`);
      await printoutWorkbook(filed).xlsx.writeFile(file);
      files.push({ key: `file ${locale}`, file, locale });
      made.set(`file ${locale}`, { printout: filed, pages: [], sizes: [] });
    }
    const pdfs = await libreOfficeConvert(
      files.map((f) => f.file),
      'pdf',
      dir,
    );
    for (const [i, { key, locale }] of files.entries()) {
      if (process.env.KEFU_DUMP) console.log((await pdfTextPages(pdfs[i])).filter((p) => p.includes('JH-')).join('\n=====\n'));
      const pages = await pdfTextPages(pdfs[i]);
      const sizes = await pageSizes(pdfs[i]);
      // The whole ledger is printed from the add-in's workbook: the plan's pages are those headed by its form.
      const header = new RegExp(`^\\s*${receptionPlans.code}\\s+${receptionPlans.title[locale]}\\s+${clauseText(receptionPlans.clause, locale)}\\s*$`);
      const mine = pages.map((page, p) => ({ page, size: sizes[p] })).filter(({ page }) => header.test(page.split('\n').find((l) => l.trim() !== '') ?? ''));
      made.set(key, { ...made.get(key)!, pages: mine.map((m) => m.page), sizes: mine.map((m) => m.size) });
    }
  });

  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('both backends lay out the same printout; the add-in reads and draws it in two requests', () => {
    const { sheetExists: _a, ...office } = made.get('office zh-CN')!.printout;
    const { sheetExists: _b, ...file } = made.get('file zh-CN')!.printout;
    assert.deepEqual(office, file);
    assert.equal(office.lines, DEPARTMENTS.length);
    assert.equal(syncs, 2);
  });

  for (const key of ['office zh-CN', 'file zh-CN', 'file zh-TW', 'file en-US']) {
    it(`${key}: one A4 page with the reservation's header, the plan's items and every department's line`, () => {
      const locale = key.split(' ')[1] as Locale;
      const { pages, sizes } = made.get(key)!;
      assert.equal(pages.length, 1, pages.join('\n=====\n'));
      assert.match(sizes[0], /^595\.\d* x 841\.\d* pts \(A4\)$/);
      const page = pages[0];
      // The header: the plan and its reservation, the group, its date and arrival, its headcount and contact.
      for (const text of [`JH-${number}`, number, '夕阳红老年大学游园团', '2026-05-02 09:30', '32', '28', '周淑芬', '13905710021']) assert.ok(has(page, text), `${key}: ${text}`);
      for (const field of ['group_name', 'arrival_at', 'headcount', 'seniors', 'disabled', 'children', 'contact']) {
        const label = reservations.fields.find((f) => f.key === field)!.label[locale];
        assert.ok(has(page, label), `${key}: ${label}`);
      }
      // The plan's items, user text as it was written (never a formula), and who drafted it.
      for (const text of ['湖滨栈道', '无障碍车位', '讲解员', '电瓶车', '少盐少油', '无障碍卫生间', '=合影留念', '王海燕', '2026-04-21']) assert.ok(has(page, text), `${key}: ${text}`);
      // A line per department: its name, who signed and when for the five that did, ready for three.
      assert.ok(has(page, PRINT_LINE_TEXT.departments[locale]) && has(page, PRINT_LINE_TEXT.signedBy[locale]));
      const lines = page.split('\n');
      for (const [i, department] of SCENIC_DEPARTMENTS.entries()) {
        const line = lines.find((l) => squash(l).startsWith(squash(department.label[locale])) && l.includes('2026-04-21 10:00'));
        assert.ok(line, `${key}: the line of ${department.label[locale]}\n${page}`);
        assert.equal(line.includes(SIGNERS[i]), i < 5, `${key}: ${department.code} signed\n${line}`);
        assert.equal(line.includes('✓'), i < 3, `${key}: ${department.code} ready\n${line}`);
      }
      assert.ok(has(page, planDistributions.fields.find((f) => f.key === 'department')!.label[locale]), "the lines' column header");
    });
  }
});
