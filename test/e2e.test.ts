import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { LOCALES, type Locale } from '../addin/src/i18n/locale';
import { ui } from '../addin/src/i18n/ui';
import { message } from '../addin/src/i18n/messages';
import { complaintMeasures, complaints } from '../addin/src/forms/complaints';
import { reception } from '../addin/src/forms/receptionRepairs';
import { collectorDaily } from '../addin/src/forms/performance';
import { columnsOf } from '../addin/src/forms/columns';
import { PRINT_TEXT, printSheetName } from '../addin/src/ledger/print';
import { TEMPLATE_VERSION } from '../addin/src/ledger/layout';
import { COLUMNS_SINCE_V1, V4_TABLES } from './support/upgradeFixtures';
import { launchChromium, startDevServer, type DevServer } from './support/browser';
import { TABS } from '../addin/src/taskpane/App';
import { WORKFLOWS } from '../addin/src/domain/workflows';
import { broadcasts } from '../addin/src/forms/visitors';
import type { Locator } from 'playwright-core';

/**
 * The real task pane in headless Chromium, in the preview (the in-memory Excel host), served by
 * `npm start`: what a newcomer without Excel does, in each language.
 */

function fetchStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

const label = (key: string, locale: Locale) => columnsOf(complaints).find((c) => c.key === key)?.field.label[locale] ?? key;
/** A form field by its visible label (a required field's label ends with an asterisk). */
const fieldOf = (page: Page, key: string, locale: Locale) => page.getByLabel(new RegExp(`^${label(key, locale).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ?\\*)?$`));

/** The "required" message as it appears under a field. */
const problemText = (locale: Locale) => message('required', locale);
const code = (field: string, value: string, locale: Locale) => complaints.fields.find((f) => f.key === field)!.codes!.find((c) => c.code === value)!.label[locale];

/** A missing-person request registered through the New record view (W5); its number. */
async function registerBroadcast(page: Page, pane: Locator, locale: Locale): Promise<string> {
  await page.getByRole('tab', { name: ui('viewNewRecord', locale), exact: true }).click();
  await pane.getByRole('combobox', { name: ui('printForm', locale), exact: true }).selectOption({ value: 'broadcast' });
  const form = pane.getByRole('form', { name: broadcasts.title[locale] });
  const field = (key: string) => form.getByLabel(new RegExp(`^${broadcasts.fields.find((f) => f.key === key)!.label[locale].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ?\\*)?$`));
  await field('requester').fill('欧阳慧敏');
  await field('relationship').fill('母亲');
  await field('missing_name').fill('欧阳小雨');
  await field('missing_sex').selectOption({ value: 'female' });
  await field('missing_age').fill('7');
  await field('clothing').fill('粉红色连衣裙，白色运动鞋，扎两个小辫子，背一个印有小兔子图案的黄色书包');
  await field('last_seen_place').fill('索道下站候车区');
  await field('meeting_point').fill('南门游客服务中心');
  const languages = broadcasts.fields.find((f) => f.key === 'languages')!.codes!;
  // Each box by its own label (every box once had the field's one id, so each label checked the first).
  for (const code of ['mandarin', 'local_dialect', 'english']) await form.getByRole('checkbox', { name: languages.find((c) => c.code === code)!.label[locale], exact: true }).check();
  assert.deepEqual(
    await form
      .getByRole('group', { name: broadcasts.fields.find((f) => f.key === 'languages')!.label[locale] })
      .getByRole('checkbox')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked)),
    [true, true, true, false],
  );
  await pane.getByRole('button', { name: ui('register', locale), exact: true }).click();
  await pane
    .getByTestId('registered')
    .waitFor()
    .catch(async (error) => {
      const alerts = await pane.getByRole('alert').allTextContents();
      const invalid = await pane.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id));
      throw new Error(`${(error as Error).message}\nalerts: ${alerts.join(' | ')}\ninvalid: ${invalid.join(', ')}`);
    });
  const text = await pane.getByTestId('registered').textContent();
  return /XR-\d{8}-\d{3}/.exec(text ?? '')![0];
}

async function openPreview(page: Page, server: DevServer, locale: Locale): Promise<void> {
  await page.goto(`${server.base}/preview.html?lang=${locale}&ledger=empty&view=complaints`);
  // A first visit asks who is working: every change is audited with that name.
  await page.getByLabel(ui('clerkName', locale)).fill('王丽');
  await page.getByRole('button', { name: ui('save', locale) }).click();
  await page.getByRole('tab', { name: ui('viewComplaints', locale) }).click();
}

describe('browser end to end: the task pane in the preview', function () {
  this.timeout(300_000);
  let server: DevServer;
  let browser: Browser;
  let downloads: string;

  before(async () => {
    server = await startDevServer(3000 + Math.floor(Math.random() * 1000) + 200);
    browser = await launchChromium();
    downloads = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-e2e-'));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (downloads) await fs.rm(downloads, { recursive: true, force: true });
  });

  it('npm start serves the task pane, the function file and the manifest over HTTPS within 60 seconds', async () => {
    assert.ok(server.readySeconds < 60, `ready after ${server.readySeconds} s`);
    for (const file of ['taskpane.html', 'commands.html', 'manifest.xml', 'preview.html', 'support.html']) {
      const response = await fetchStatus(`${server.base}/${file}`);
      assert.equal(response.status, 200, file);
    }
    const manifest = await fetchStatus(`${server.base}/manifest.xml`);
    assert.match(manifest.body, /<SourceLocation DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
  });

  for (const locale of LOCALES) {
    it(`registers a complaint whose text is =1+1 in ${locale}: number shown, row selected, text kept in the grid and the download`, async () => {
      const context = await browser.newContext({ ignoreHTTPSErrors: true, acceptDownloads: true, locale });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await openPreview(page, server, locale);

      // Submitting an empty form shows what is missing, in the pane's language, under each field.
      await fieldOf(page, 'content', locale).fill('');
      await page.getByRole('button', { name: ui('register', locale), exact: true }).click();
      await page.getByText(new RegExp(ui('fixErrors', locale, { count: 999 }).replace('999', '\\d+'))).waitFor();
      await page.getByText(problemText(locale)).first().waitFor();

      await fieldOf(page, 'channel', locale).selectOption({ label: code('channel', 'phone', locale) });
      await fieldOf(page, 'content', locale).fill('=1+1');
      await fieldOf(page, 'category', locale).selectOption({ label: code('category', 'cleaning', locale) });
      await fieldOf(page, 'department', locale).selectOption({ label: code('department', 'cleaning', locale) });
      await fieldOf(page, 'complainant', locale).fill('张三');
      // A double click registers once: an action cannot be started while it runs.
      await page.getByRole('button', { name: ui('register', locale), exact: true }).dblclick();

      const year = new Date().getFullYear();
      const number = `TS-${year}-0001`;
      await page.getByTestId('registered').getByText(number).waitFor();

      // The grid shows the complaints sheet with the new row selected, the text as typed.
      const grid = page.locator(`table[data-sheet="${complaints.sheet[locale]}"]`);
      const row = grid.locator('tr[data-row="2"]');
      await row.waitFor();
      assert.equal(await row.getAttribute('aria-selected'), 'true');
      const contentColumn = String.fromCharCode(65 + columnsOf(complaints).findIndex((c) => c.key === 'content'));
      assert.equal(await row.locator('td[data-col="A"]').textContent(), number);
      assert.equal(await row.locator(`td[data-col="${contentColumn}"]`).textContent(), '=1+1');
      const third = grid.locator('tr[data-row="3"] td[data-col="A"]');
      assert.ok((await third.count()) === 0 || (await third.textContent()) === '', 'one complaint, not two');

      // The downloaded workbook is a real .xlsx holding the complaint, its text a string.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui('download', locale) }).click()]);
      const file = path.join(downloads, `${locale}.xlsx`);
      await download.saveAs(file);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const sheet = workbook.getWorksheet(complaints.sheet[locale])!;
      assert.equal(sheet.getCell('A2').value, number);
      assert.strictEqual(sheet.getCell(`${contentColumn}2`).value, '=1+1');
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  it('shows a record on its print sheet and binds the year from the ribbon’s views', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.base}/preview.html?lang=en-US&ledger=demo&view=print`);
    await page.getByLabel(ui('clerkName', 'en-US')).fill('Wang Li');
    await page.getByRole('button', { name: ui('save', 'en-US') }).click();
    await page.getByRole('tab', { name: ui('viewPrint', 'en-US') }).click();
    const year = new Date().getFullYear();
    await fieldOf(page, 'ticket_no', 'en-US').fill(`TS-${year}-0001`);
    await page.getByRole('button', { name: ui('printShow', 'en-US') }).click();
    const sheet = printSheetName(complaints, 'en-US');
    await page.getByText(ui('printReady', 'en-US', { number: `TS-${year}-0001`, sheet })).waitFor();
    await page.locator(`table[data-sheet="${sheet}"]`).waitFor();
    // The grid shows the print sheet as it prints: the formulas' results, the number on both copies.
    const printed = page.locator(`table[data-sheet="${sheet}"]`);
    assert.equal(await printed.locator('td', { hasText: new RegExp(`^TS-${year}-0001$`) }).count(), 3, 'B1 and the number row of each copy');
    const texts = await printed.locator('td').allTextContents();
    assert.deepEqual(
      texts.filter((t) => t.startsWith('=')),
      [],
      'no formula shown as text',
    );
    assert.ok(!texts.includes(PRINT_TEXT.notFound['en-US']));
    assert.ok(texts.includes(complaints.copies[1].route['en-US']), 'the second copy');
    await fieldOf(page, 'ticket_no', 'en-US').fill(`TS-${year}-9999`);
    await page.getByRole('button', { name: ui('printShow', 'en-US') }).click();
    await page.getByRole('alert').getByText(`there is no record TS-${year}-9999`).waitFor();

    await page.getByRole('tab', { name: ui('viewBinding', 'en-US') }).click();
    await page.getByRole('button', { name: ui('bind', 'en-US'), exact: true }).click();
    await page.getByText(/\d+ tickets bound \(new volumes: .*\); 0 bound before; \d+ not archived yet; \d+ missing numbers/).waitFor();

    await page.getByRole('tab', { name: ui('viewStatistics', 'en-US') }).click();
    await page.getByRole('button', { name: ui('statsRun', 'en-US') }).click();
    const stats = `Complaint stats ${year}`;
    await page
      .getByRole('status')
      .getByText(new RegExp(`^\\d+ complaints compiled on the sheet "${stats}", now shown\\.$`))
      .waitFor();
    await page.locator(`table[data-sheet="${stats}"]`).waitFor();

    // Step 8: the manager records a measure; built again, the sheet lists it.
    const measureField = (key: string) => page.getByLabel(new RegExp(`^${complaintMeasures.fields.find((f) => f.key === key)!.label['en-US']}( ?\\*)?$`));
    await measureField('finding').fill('Lift complaints keep coming back');
    await measureField('measure').fill('Monthly lift inspection with the maintenance firm');
    await measureField('department').selectOption({ value: 'engineering' });
    await measureField('due_on').fill(`${year + 1}-03-31`);
    await page.getByRole('button', { name: ui('register', 'en-US'), exact: true }).click();
    await page
      .getByRole('status')
      .getByText(new RegExp(`CM-${year}-\\d{3}`))
      .waitFor();
    await page.getByRole('button', { name: ui('statsRun', 'en-US') }).click();
    await page.locator(`table[data-sheet="${stats}"]`).getByText('Monthly lift inspection with the maintenance firm').waitFor();
    await context.close();
  });

  it('has one language control for the workbook and the pane: switching it switches both', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await openPreview(page, server, 'zh-CN');
    await page.getByTestId('ledger-locale').selectOption('zh-TW');
    // The workbook of that language, and the pane speaking it.
    await page.locator(`table[data-sheet="${complaints.sheet['zh-TW']}"]`).waitFor();
    await page.getByRole('tab', { name: ui('viewComplaints', 'zh-TW') }).waitFor();
    assert.equal(await page.getByRole('tab', { name: ui('viewComplaints', 'zh-CN'), exact: true }).count(), 0);
    await page.getByRole('tab', { name: ui('viewSettings', 'zh-TW') }).click();
    await page.getByLabel(ui('clerkName', 'zh-TW')).waitFor();
    assert.equal(await page.getByLabel(ui('language', 'zh-TW'), { exact: true }).count(), 1, 'the preview’s control only, none in the pane');
    await page.getByRole('tab', { name: ui('viewComplaints', 'zh-TW') }).click();
    await fieldOf(page, 'channel', 'zh-TW').selectOption({ label: code('channel', 'phone', 'zh-TW') });
    await fieldOf(page, 'complainant', 'zh-TW').fill('張三');
    await fieldOf(page, 'content', 'zh-TW').fill('病房衛生間地面有積水');
    await fieldOf(page, 'category', 'zh-TW').selectOption({ label: code('category', 'cleaning', 'zh-TW') });
    await fieldOf(page, 'department', 'zh-TW').selectOption({ label: code('department', 'cleaning', 'zh-TW') });
    await page.getByRole('button', { name: ui('register', 'zh-TW'), exact: true }).click();
    const number = `TS-${new Date().getFullYear()}-0001`;
    await page
      .getByTestId('registered')
      .getByText(ui('registered', 'zh-TW', { number }))
      .waitFor();
    assert.match(page.url(), /lang=zh-TW/, 'a reload keeps the language');
    await context.close();
  });

  it('takes a visit through the desk: reception raises the ticket, the queue lists it, a step dispatches it', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.base}/preview.html?lang=zh-CN&ledger=empty&view=reception`);
    await page.getByLabel(ui('clerkName', 'zh-CN')).fill('王丽');
    await page.getByRole('button', { name: ui('save', 'zh-CN') }).click();
    await page.getByRole('tab', { name: ui('viewReception', 'zh-CN') }).click();
    const receptionField = (key: string) => page.getByLabel(new RegExp(`^${reception.fields.find((f) => f.key === key)!.label['zh-CN']}( ?\\*)?$`));
    await receptionField('channel').selectOption({ label: '来访' });
    await receptionField('caller').fill('张三');
    await receptionField('matter').fill('病房卫生间地面有积水');
    await receptionField('category').selectOption({ value: 'complaint' });
    // A complaint asks for the ticket's own fields, under the complaint ticket's title.
    await fieldOf(page, 'category', 'zh-CN').selectOption({ label: code('category', 'cleaning', 'zh-CN') });
    await fieldOf(page, 'department', 'zh-CN').selectOption({ label: code('department', 'cleaning', 'zh-CN') });
    await page.getByRole('button', { name: ui('register', 'zh-CN'), exact: true }).click();
    const year = new Date().getFullYear();
    const message = page.getByTestId('registered');
    await message.getByText(new RegExp(`JD-${year}\\d{4}-001`)).waitFor();
    await message.getByText(`TS-${year}-0001`).waitFor();

    await page.getByRole('tab', { name: ui('viewQueue', 'zh-CN') }).click();
    await page.getByRole('button', { name: `${ui('act', 'zh-CN')} TS-${year}-0001` }).click();
    // The steps view opens on the ticket; dispatching signs both copies in the clerk's name.
    await page.getByRole('button', { name: '派发签收' }).click();
    await page.getByTestId('registered').getByText(`TS-${year}-0001 已办理，现在状态：处理中。`).waitFor();
    await context.close();
  });

  it('imports collector records with a preview of every bad row, then computes the month for finance', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.base}/preview.html?lang=en-US&ledger=demo&view=import`);
    await page.getByLabel(ui('clerkName', 'en-US')).fill('Wang Li');
    await page.getByRole('button', { name: ui('save', 'en-US') }).click();
    await page.getByRole('tab', { name: ui('viewImport', 'en-US') }).click();
    // A Sunday a few weeks back: the demo has no collector record on it.
    const sunday = new Date();
    sunday.setUTCDate(sunday.getUTCDate() - 14 - sunday.getUTCDay());
    const day = sunday.toISOString().slice(0, 10);
    const csv = [
      '日期,工号,采集器类型,维护数量,成功数',
      `${day},WB00001,无线,8,7`,
      `${day},WB99999,无线,8,x`, // two problems: an unknown worker and a count that is no number
      `${day},WB00002,载波,5,9`,
    ].join('\r\n');
    await page.getByLabel(ui('importFile', 'en-US')).setInputFiles({ name: 'collector.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv) });
    await page.getByText(ui('importPlan', 'en-US', { total: 3, count: 1, present: 0, rejected: 2 })).waitFor();
    const problems = page.getByRole('list', { name: ui('importProblems', 'en-US') });
    await problems.getByText(/row 3, column "Worker id": worker id "WB99999"/).waitFor();
    await problems.getByText(/row 3, column "Succeeded": "x" is not a whole number/).waitFor();
    await problems.getByText(/row 4/).waitFor();
    await page.getByRole('button', { name: ui('importCommit', 'en-US', { count: 1 }) }).click();
    await page.getByText(ui('imported', 'en-US', { count: 1, present: 0, rejected: 2 })).waitFor();
    // The grid shows the collector sheet with the imported row selected, however far down it is.
    const imported = page.locator(`table[data-sheet="${collectorDaily.sheet['en-US']}"] tr[aria-selected="true"]`);
    await imported.waitFor();
    assert.equal(await imported.count(), 1);
    assert.ok(((await imported.textContent()) ?? '').includes(`WB00001-${day.replace(/-/g, '')}-W`), 'the row of the imported record');

    await page.getByRole('tab', { name: ui('viewPerformance', 'en-US') }).click();
    await page.getByRole('button', { name: ui('perfRun', 'en-US') }).click();
    await page
      .getByRole('status')
      .getByText(/\d+ workers, \d+ lines; rewards [\d.]+ CNY, deductions -?[\d.]+ CNY/)
      .waitFor();
    // … and then the month's performance sheet, its rows selected.
    const perfSheet = page.locator('table[data-sheet^="Perf "]');
    await perfSheet.waitFor();
    assert.equal(await perfSheet.locator('tr[data-row="1"]').getAttribute('aria-selected'), 'true');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /^perf_adj_.*\.csv$/ })
        .first()
        .click(),
    ]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = await fs.readFile(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
    assert.match(bytes.toString('utf8'), /^\uFEFFexport_batch_id,period,vendor_code,team_code,worker_id,worker_name,item_code/);
    await context.close();
  });

  it('says under the field, as the clerk types, that text holds a character Excel cannot store, and registers nothing', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    /** The message Fluent's Field shows under a control (the control is described by it). */
    const messageUnder = async (control: ReturnType<Page['getByLabel']>) => {
      const ids = (await control.getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(
        ids
          .split(' ')
          .filter(Boolean)
          .map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      return texts.join(' ').trim();
    };
    await page.goto(`${server.base}/preview.html?lang=zh-CN&ledger=empty&view=complaints`);
    const name = page.getByLabel(ui('clerkName', 'zh-CN'));
    await name.fill('王\u0007丽');
    assert.equal(await messageUnder(name), '第 2 个字符是 Excel 无法保存的控制字符 U+0007，请删除。');
    assert.ok(await page.getByRole('button', { name: ui('save', 'zh-CN') }).isDisabled(), 'such a name is not saved');
    await name.fill('王丽');
    assert.equal(await messageUnder(name), '');
    await page.getByRole('button', { name: ui('save', 'zh-CN') }).click();

    await page.getByRole('tab', { name: ui('viewComplaints', 'zh-CN') }).click();
    const content = fieldOf(page, 'content', 'zh-CN');
    await content.fill('地面积水\uFFFE');
    await content.blur();
    await page.getByText('第 5 个字符是 Excel 无法保存的非字符 U+FFFE，请删除。').waitFor();
    assert.equal(await messageUnder(content), '第 5 个字符是 Excel 无法保存的非字符 U+FFFE，请删除。');
    await page.getByRole('button', { name: ui('register', 'zh-CN'), exact: true }).click();
    await page.getByText(new RegExp(ui('fixErrors', 'zh-CN', { count: 999 }).replace('999', '\\d+'))).waitFor();
    assert.equal(await page.getByTestId('registered').count(), 0, 'nothing registered');

    await page.getByRole('tab', { name: ui('viewSteps', 'zh-CN') }).click();
    await page.getByLabel(ui('step', 'zh-CN')).selectOption({ label: '作废' });
    const reason = page.getByLabel(ui('voidReason', 'zh-CN'));
    await reason.fill('录入重复\u0007');
    assert.equal(await messageUnder(reason), '第 5 个字符是 Excel 无法保存的控制字符 U+0007，请删除。');
    assert.ok(await page.getByRole('button', { name: '作废', exact: true }).isDisabled(), 'nothing can be voided with such a reason');
    await context.close();
  });

  it('upgrades a ledger from an earlier template: the Upgrade workbook button in the views that write, what was added, then a registration', async () => {
    const locale: Locale = 'zh-TW';
    const file = `kefu-ledger.${locale}.xlsx`;
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    // The preview's empty ledger is, here, the kept template of version 1.
    const v1 = await fs.readFile(path.join(__dirname, 'fixtures', 'v1', file));
    await page.route(`**/templates/${file}`, (route) => route.fulfill({ body: v1, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    await openPreview(page, server, locale);
    const bar = page.getByTestId('ledger-version');
    await bar.getByText(message('workbookNeedsUpgrade', locale, { path: file, version: 1, ours: TEMPLATE_VERSION })).waitFor();
    // The to-do list only reads: it works, without the bar.
    await page.getByRole('tab', { name: ui('viewQueue', locale) }).click();
    await page.getByText(ui('queueEmpty', locale)).waitFor();
    assert.equal(await bar.count(), 0);
    await page.getByRole('tab', { name: ui('viewComplaints', locale) }).click();
    await bar.getByRole('button', { name: '升級活頁簿' }).click();
    const done = message('workbookUpgraded', locale, {
      path: file,
      from: 1,
      to: TEMPLATE_VERSION,
      tables: 2 + V4_TABLES.length,
      columns: COLUMNS_SINCE_V1(locale).length + 1,
      sheets: 0,
      rows: 1,
      sealed: 1,
    });
    await page.getByTestId('upgrade-outcome').getByText(done).waitFor();
    assert.equal(await bar.count(), 0, 'the ledger now takes writes');

    await fieldOf(page, 'channel', locale).selectOption({ label: code('channel', 'phone', locale) });
    await fieldOf(page, 'complainant', locale).fill('張三');
    await fieldOf(page, 'content', locale).fill('病房衛生間地面有積水');
    await fieldOf(page, 'category', locale).selectOption({ label: code('category', 'cleaning', locale) });
    await fieldOf(page, 'department', locale).selectOption({ label: code('department', 'cleaning', locale) });
    await page.getByRole('button', { name: ui('register', locale), exact: true }).click();
    const number = `TS-${new Date().getFullYear()}-0001`;
    await page
      .getByTestId('registered')
      .getByText(number)
      .waitFor()
      .catch(async (e) => {
        throw new Error(`${(e as Error).message}\n${(await page.getByRole('alert').allTextContents()).join(' | ')}`);
      });

    // The downloaded workbook: version 3, the chained audit log with the upgrade and the registration.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui('download', locale) }).click()]);
    const saved = path.join(downloads, 'upgraded.xlsx');
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const meta = workbook.getWorksheet('_kefu')!;
    const version = [1, 2, 3, 4, 5].map((r) => [meta.getCell(`A${r}`).value, meta.getCell(`B${r}`).value]).find(([key]) => key === 'template_version');
    assert.deepEqual(version, ['template_version', String(TEMPLATE_VERSION)]);
    const audit = workbook.getWorksheet('稽核日誌')!;
    assert.equal(audit.getCell('I1').value, '校驗鏈');
    assert.equal(audit.getCell('C3').value, 'upgrade');
    assert.match(String(audit.getCell('I4').value), /^[0-9a-f]{16}$/);
    await context.close();
  });

  it('fits every view at 320 px and 500 px in each language: nothing past the pane, no text over other text, no field twice (screenshots kept)', async () => {
    const started = Date.now();
    const shots = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-pane-'));
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 500, height: 900 } });
    await context.addInitScript({ path: path.join(__dirname, 'support', 'paneLayout.browser.js') });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const pane = page.locator('aside');
    /** Once the view has loaded what it shows (the to-do list, a file's preview) and the fonts are in. */
    const settled = async () => {
      await pane
        .locator('[role="progressbar"]')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
    };
    const found: string[] = [];
    let screenshots = 0;
    const check = async (what: string) => {
      await settled();
      const file = path.join(shots, `${what}.png`);
      await pane.screenshot({ path: file });
      screenshots += 1;
      const problems = await pane.evaluate((root) => (window as unknown as { kefuLayoutProblems(root: Element): string[] }).kefuLayoutProblems(root));
      found.push(...problems.map((p) => `${what}: ${p}`));
    };
    const year = new Date().getFullYear();
    const csv = ['日期,工号,采集器类型,维护数量,成功数', `${year}-01-05,WB00001,无线,8,2.5`, `${year}-01-05,WB99999,无线,8,7`, `${year}-01-06,WB00002,载波,5,9`].join('\r\n');
    for (const locale of LOCALES) {
      await page.goto(`${server.base}/preview.html?lang=${locale}&ledger=demo&view=queue`);
      const name = page.getByLabel(ui('clerkName', locale));
      if (await name.isVisible().catch(() => false)) {
        await name.fill('王丽');
        await page.getByRole('button', { name: ui('save', locale) }).click();
      }
      await page.locator('table[data-sheet]').waitFor();
      // A matter referred to a department: the to-do list then holds a reception (JD-…) with a long subject.
      await page.getByRole('tab', { name: ui('viewReception', locale), exact: true }).click();
      const form = pane.getByRole('form', { name: reception.title[locale] });
      const receptionField = (key: string) => form.getByLabel(new RegExp(`^${reception.fields.find((f) => f.key === key)!.label[locale]}( ?\\*)?$`));
      await receptionField('channel').selectOption({ value: 'phone' });
      await receptionField('caller').fill('欧阳建国');
      await receptionField('matter').fill('住院部三号楼七层东侧走廊的灯夜间一直不亮，病人家属多次反映，希望尽快安排维修并回复处理结果');
      await receptionField('category').selectOption({ value: 'issue_report' });
      await receptionField('referred_to').selectOption({ value: 'engineering' });
      await pane.getByRole('button', { name: ui('register', locale), exact: true }).click();
      await pane.getByTestId('registered').waitFor();
      // A missing-person request open: the Broadcasts view shows its notice.
      const request = await registerBroadcast(page, pane, locale);
      for (const width of [320, 500]) {
        await page.setViewportSize({ width, height: 900 });
        for (const tab of TABS) {
          await page.getByRole('tab', { name: ui(tab.label, locale), exact: true }).click();
          await check(`${locale}-${width}-${tab.id}`);
          if (tab.id === 'queue') assert.ok((await pane.getByRole('button', { name: new RegExp(`^${ui('act', locale)} `) }).count()) > 0, 'the demo has things to do');
          if (tab.id === 'reception') {
            // What each category adds to the form: the ticket's fields, the repair order's.
            const category = pane.getByRole('form', { name: reception.title[locale] }).getByLabel(new RegExp(`^${reception.fields.find((f) => f.key === 'category')!.label[locale]}( ?\\*)?$`));
            for (const value of ['complaint', 'repair']) {
              await category.selectOption({ value });
              await check(`${locale}-${width}-reception-${value}`);
            }
          }
          if (tab.id === 'new') {
            // Every workflow that creates its records here, each form built from its declaration.
            const which = pane.getByRole('combobox', { name: ui('printForm', locale), exact: true });
            for (const workflow of WORKFLOWS.filter((w) => w.create)) {
              await which.selectOption({ value: workflow.word });
              await pane.getByRole('form', { name: workflow.form.title[locale] }).waitFor();
              await check(`${locale}-${width}-new-${workflow.word}`);
            }
          }
          if (tab.id === 'broadcasts') {
            await pane.getByRole('button', { name: new RegExp(`^${request}`) }).click();
            await pane.getByTestId('announcement').waitFor();
            for (const language of ['mandarin', 'local_dialect', 'english']) {
              await pane.getByRole('combobox', { name: ui('announcementLanguage', locale), exact: true }).selectOption({ value: language });
              await check(`${locale}-${width}-broadcasts-${language}`);
            }
          }
          if (tab.id === 'import') {
            await pane.getByLabel(ui('importFile', locale)).setInputFiles({ name: 'collector-2026-01.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv) });
            await pane.getByRole('list', { name: ui('importProblems', locale) }).waitFor();
            await check(`${locale}-${width}-import-preview`);
          }
        }
      }
    }
    await context.close();
    console.log(`      ${screenshots} screenshots in ${shots}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.deepEqual(errors, []);
    assert.deepEqual(found, [], `${found.length} problems (screenshots in ${shots}):\n${found.slice(0, 60).join('\n')}`);
  });

  it('lets the announcer read a request three times, each reading stamped and counted, then close it as found', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN', viewport: { width: 320, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openPreview(page, server, 'zh-CN');
    const pane = page.locator('aside');
    const no = await registerBroadcast(page, pane, 'zh-CN');
    await page.getByRole('tab', { name: ui('viewBroadcasts', 'zh-CN'), exact: true }).click();
    const request = pane.getByRole('button', { name: new RegExp(`^${no}`) });
    await request.getByText('欧阳小雨：尚未播出').waitFor();
    await request.click();
    // The notice in Mandarin (simplified, as the pane speaks), filled from the record, and in English when chosen.
    const notice = pane.getByTestId('announcement');
    assert.match(
      (await notice.textContent()) ?? '',
      /^各位游客请注意，现在播送寻人启事。欧阳小雨，女，7岁，粉红色连衣裙.*在索道下站候车区走失。欧阳小雨听到广播后，请到南门游客服务中心，母亲欧阳慧敏在那里等您。/,
    );
    const language = pane.getByRole('combobox', { name: ui('announcementLanguage', 'zh-CN'), exact: true });
    await language.selectOption({ value: 'english' });
    assert.match((await notice.textContent()) ?? '', /^Attention please, visitors\. .*We are looking for 欧阳小雨, female, 7 years old/);
    await language.selectOption({ value: 'local_dialect' });
    await pane.getByText(ui('announcementFromMandarin', 'zh-CN', { language: '当地方言' })).waitFor();
    assert.match((await notice.textContent()) ?? '', /^各位游客请注意/);
    for (const count of [1, 2, 3]) {
      await pane.getByRole('button', { name: ui('readNow', 'zh-CN'), exact: true }).click();
      const said = pane.getByTestId('broadcast-outcome');
      await said.getByText(new RegExp(`^${no} 第 ${count} 遍已于 \\d{2}:\\d{2} 播出并登记（至少 3 遍）。$`)).waitFor();
      await request.getByText(`欧阳小雨：已播 ${count} 遍`).waitFor();
    }
    await request.getByText('广播完毕').waitFor();
    // The request closed as found: it leaves the list; the grid shows it closed with its three times.
    const outcome = pane.getByRole('group', { name: broadcasts.fields.find((f) => f.key === 'outcome')!.label['zh-CN'] }).or(pane.getByLabel(/^结果( ?\*)?$/));
    await outcome.first().selectOption({ value: 'found' });
    await pane.getByRole('button', { name: ui('closeRequest', 'zh-CN'), exact: true }).click();
    await pane.getByTestId('broadcast-outcome').getByText(`${no} 已办理，现在状态：已结束。`).waitFor();
    await pane.getByText(ui('broadcastsEmpty', 'zh-CN')).waitFor();
    const grid = page.locator(`table[data-sheet="${broadcasts.sheet['zh-CN']}"]`);
    const row = grid.locator('tr[data-row="2"]');
    const column = (key: string) => row.locator(`td[data-col="${String.fromCharCode(65 + columnsOf(broadcasts).findIndex((c) => c.key === key))}"]`);
    await grid.waitFor();
    assert.equal(await column('status').textContent(), '已结束');
    assert.equal(await column('reading_count').textContent(), '3');
    assert.match((await column('reading_times').textContent()) ?? '', /^\d{2}:\d{2}、\d{2}:\d{2}、\d{2}:\d{2}$/);
    assert.equal(await column('outcome').textContent(), '已找到');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('the layout check itself sees text over text, content past the pane, text cut off and a field twice, and not what a scroll box hides', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 600 } });
    await context.addInitScript({ path: path.join(__dirname, 'support', 'paneLayout.browser.js') });
    const page = await context.newPage();
    const problemsOf = (html: string) =>
      page
        .setContent(`<style>body { margin: 0 }</style><aside style="width:320px;font:14px sans-serif">${html}</aside>`)
        .then(() => page.locator('aside').evaluate((root) => (window as unknown as { kefuLayoutProblems(root: Element): string[] }).kefuLayoutProblems(root)));
    // What the to-do list looked like at 320 px: the number run into the status.
    const faults = await problemsOf(`
      <div style="position:relative;height:20px"><span style="position:absolute;left:0">JD-20261224-001</span><span style="position:absolute;left:40px">Referred</span></div>
      <div style="width:400px">wider than the pane</div>
      <div style="overflow:hidden;width:60px;white-space:nowrap">cut off without an ellipsis</div>
      <label>Category</label><input><label>Category</label><input>`);
    const expect = (pattern: RegExp) =>
      assert.ok(
        faults.some((p) => pattern.test(p)),
        `${pattern} in:\n${faults.join('\n')}`,
      );
    expect(/the texts "JD-20261224-001" and "Referred" overlap/);
    expect(/"wider than the pane" passes the pane's right edge by 80 px/);
    expect(/the text "cut off without an ellipsis" is cut off at <div>/);
    expect(/the field "Category" is shown 2 times/);
    // The same, laid out for a narrow pane: two lines, an ellipsis, a long list in a scroll box over a button.
    const laidOut = await problemsOf(`
      <div style="display:flex;gap:8px"><b style="flex-shrink:0">JD-20261224-001</b><span style="min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">Referred to the department</span></div>
      <ul style="max-height:3em;overflow-y:auto;margin:0">${'<li>a problem of a row, long enough to wrap onto a second line in the pane</li>'.repeat(5)}</ul>
      <button>Import 0 rows</button>
      <label>Category</label><input><label>Category (Complaint ticket)</label><input>`);
    assert.deepEqual(laidOut, []);
    await context.close();
  });

  it('can be used with the keyboard alone', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await openPreview(page, server, 'zh-CN');
    // The received time is filled in already; a date-time input has one tab stop per part, so start at the channel.
    await fieldOf(page, 'channel', 'zh-CN').focus();
    const keys = page.keyboard;
    await keys.press('ArrowDown'); // the first channel
    await keys.press('Tab'); // anonymous: yes / no
    await keys.press('Tab'); // complainant
    await keys.type('李四');
    await fieldOf(page, 'content', 'zh-CN').focus();
    await keys.type('夜间走廊灯不亮');
    await keys.press('Tab'); // subject
    await keys.press('Tab'); // category
    await keys.press('ArrowDown');
    await keys.press('Tab'); // department
    await keys.press('ArrowDown');
    await page.getByRole('button', { name: ui('register', 'zh-CN'), exact: true }).focus();
    await keys.press('Enter');
    await page
      .getByTestId('registered')
      .waitFor()
      .catch(async (error) => {
        await page.screenshot({ path: path.join(os.tmpdir(), 'kefu-e2e-keyboard.png') });
        const alerts = await page.getByRole('alert').allTextContents();
        const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id));
        throw new Error(`${(error as Error).message}\nalerts: ${alerts.join(' | ')}\ninvalid: ${invalid.join(', ')}`);
      });
    const text = await page.getByTestId('registered').textContent();
    assert.match(text ?? '', /TS-\d{4}-0001/);
    await context.close();
  });
});
