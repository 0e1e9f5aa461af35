import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { FORMS } from '../addin/src/forms';
import * as messages from '../addin/src/i18n/messages';
import * as ui from '../addin/src/i18n/ui';
import { LOCALES, type Locale } from '../addin/src/i18n/locale';
import { buildTemplateBuffer } from '../addin/src/workbooks/template';
import { runKefu } from './support/fixtures';
import { SCRIPT_EXCEPTIONS, checkScripts, describeFindings, scriptProblems, textsOf, workbookTexts, type Artefact } from './support/scriptCheck';

describe('one script per locale, checked with OpenCC’s data', function () {
  this.timeout(300_000);

  describe('the rule', () => {
    const rules = (text: string, locale: Locale) => scriptProblems(text, locale).map((p) => `${p.rule} ${p.characters.join(' ')}`);

    it('finds Simplified-only characters in zh-TW text and names what Traditional writes', () => {
      assert.deepEqual(rules('春节调休', 'zh-TW'), ['simplified-only 节→節 调→調']);
      assert.deepEqual(rules('答复“在最短的时间内”', 'zh-TW'), ['simplified-only 复→復 时→時 间→間 内→內']);
      assert.deepEqual(rules('春節調休', 'zh-TW'), []);
    });

    it('judges a character both scripts write (于, 里, 后, 干) by its word, and never flags 台', () => {
      assert.deepEqual(rules('裝訂于第1冊', 'zh-TW'), ['shared-as-simplified 于→於']);
      assert.deepEqual(rules('處理完成後3天內回訪', 'zh-TW'), []);
      assert.deepEqual(rules('處理完成后3天內回訪', 'zh-TW'), ['shared-as-simplified 后→後']);
      assert.deepEqual(rules('每日一公里，若干人', 'zh-TW'), [], 'Traditional words that keep 里 and 干');
      assert.deepEqual(rules('台北市立醫院，臺南分院', 'zh-TW'), []);
    });

    it('finds characters Taiwan writes in another form', () => {
      assert.deepEqual(rules('爲民服務，裏外一致', 'zh-TW'), ['not-taiwan-form 爲→為 裏→裡']);
    });

    it('finds Traditional-only characters in zh-CN text, and 於 where Simplified writes 于', () => {
      assert.deepEqual(rules('投訴处理单', 'zh-CN'), ['traditional-only 訴→诉']);
      assert.deepEqual(rules('装订於第1册', 'zh-CN'), ['shared-as-traditional 於→于']);
      assert.deepEqual(rules('投诉处理单', 'zh-CN'), []);
    });

    it('finds any Chinese character or CJK punctuation in en-US text, except the listed fragments', () => {
      assert.deepEqual(rules('Complaint（urgent）', 'en-US'), ['cjk-in-english （ ）']);
      assert.deepEqual(rules('engineering负责人', 'en-US'), ['cjk-in-english 负 责 人']);
      assert.deepEqual(rules('Kefu Ledger: "Complaints", 3 days', 'en-US'), []);
      const artefact = (text: string): Artefact => ({ name: 'help', locale: 'en-US', texts: [{ where: 'help', text }] });
      assert.deepEqual(checkScripts([artefact('Kefu Ledger (客服台账), names separated by "、"')], SCRIPT_EXCEPTIONS), []);
      assert.equal(checkScripts([artefact('Kefu Ledger (客服台账)、Ledger')], SCRIPT_EXCEPTIONS).length, 1);
    });

    it('reads every string of a workbook, each with its sheet and cell or part', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('投诉');
      sheet.getCell('B2').value = '处理';
      sheet.getCell('C3').value = { richText: [{ text: '富' }, { text: '文本' }] };
      sheet.getCell('D4').value = { formula: 'IF(A1="","请输入","")', result: '请输入' };
      sheet.addTable({ name: 't1', ref: 'F1', columns: [{ name: '编号' }], rows: [['x']] });
      (sheet as unknown as { dataValidations: { add(r: string, v: ExcelJS.DataValidation): void } }).dataValidations.add('A2:A9', {
        type: 'list',
        allowBlank: true,
        formulae: ['"来访,电话"'],
        showErrorMessage: true,
        errorTitle: '渠道',
        error: '请选择',
      });
      sheet.headerFooter.oddFooter = '第 &P 页';
      workbook.definedNames.add("'投诉'!$B$2", 'kefu_list');
      const texts = await workbookTexts(new Uint8Array(await workbook.xlsx.writeBuffer()));
      const where = (text: string) => texts.filter((t) => t.text.includes(text)).map((t) => t.where);
      assert.ok(where('处理').includes('sheet "投诉" B2'));
      assert.ok(where('富文本').includes('sheet "投诉" C3'));
      assert.ok(where('请输入').includes('sheet "投诉" D4 (formula)'));
      assert.ok(
        where('编号').some((w) => w.startsWith('sheet "投诉" xl/tables/')),
        'the table header',
      );
      assert.ok(
        where('来访,电话').some((w) => w.includes('<dataValidation A2:A9>')),
        'the validation list',
      );
      assert.ok(where('渠道').some((w) => w.endsWith('@errorTitle')) && where('请选择').some((w) => w.endsWith('@error')), 'its error texts');
      assert.ok(where('第 &P 页').some((w) => w.includes('<oddFooter>')));
      assert.ok(
        where('投诉').some((w) => w.includes('<definedName kefu_list>')),
        'a defined name',
      );
      assert.ok(
        where('投诉').some((w) => w.includes('<sheet 投诉> @name')),
        'the sheet name',
      );
    });
  });

  describe('every artefact a user reads', () => {
    const artefacts: Artefact[] = [];
    let dir: string;

    before(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-scripts-'));
      const year = String(new Date().getFullYear() - 1);
      for (const locale of LOCALES) {
        artefacts.push({ name: `${locale} template`, locale, texts: await workbookTexts(await buildTemplateBuffer({ locale, createdAt: '2026-01-01 00:00:00' })) });
        const demo = path.join(dir, `demo.${locale}.xlsx`);
        const run = await runKefu(['demo', '--locale', locale, '--year', year, '--out', demo]);
        assert.equal(run.code, 0, run.stderr);
        artefacts.push({ name: `${locale} demo ledger (kefu demo --locale ${locale} --year ${year})`, locale, texts: await workbookTexts(await fs.readFile(demo)) });
        const volumes = path.join(dir, `volumes.${locale}.xlsx`);
        const bound = await runKefu(['bind', demo, '--year', year, '--out', volumes, '--locale', locale]);
        assert.equal(bound.code, 0, bound.stderr);
        artefacts.push({ name: `${locale} bound volumes of the demo (kefu bind)`, locale, texts: await workbookTexts(await fs.readFile(volumes)) });
        artefacts.push({ name: `${locale} task pane (i18n/ui.ts)`, locale, texts: textsOf(ui, locale, 'ui') });
        artefacts.push({ name: `${locale} messages (i18n/messages.ts)`, locale, texts: textsOf(messages, locale, 'messages') });
        artefacts.push({ name: `${locale} form declarations`, locale, texts: textsOf(FORMS, locale, 'FORMS') });
      }
    });
    after(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    const script: Record<Locale, string> = { 'zh-CN': 'Simplified Chinese', 'zh-TW': 'Traditional Chinese as written in Taiwan', 'en-US': 'English' };
    for (const locale of LOCALES) {
      it(`every string of the ${locale} template, demo ledger and its bound volumes, pane, messages and forms is ${script[locale]}`, () => {
        const own = artefacts.filter((a) => a.locale === locale);
        assert.equal(own.length, 6);
        for (const a of own) assert.ok(a.texts.length > 0, `${a.name}: no string read`);
        const findings = checkScripts(own, SCRIPT_EXCEPTIONS);
        assert.equal(findings.length, 0, `${findings.length} strings not in ${script[locale]}:\n${describeFindings(findings)}`);
      });
    }
  });
});
