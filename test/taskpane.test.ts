import assert from 'node:assert/strict';
import * as path from 'node:path';
import { build } from 'esbuild';
import { FORMS } from '../addin/src/forms';
import { LOCALES } from '../addin/src/i18n/locale';
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { newStation, paneLocale, loadSettings, saveSettings, viewFrom, type PaneEnvironment } from '../addin/src/taskpane/environment';
import { FormView, isRequiredNow, problemsByField } from '../addin/src/taskpane/FormView';
import { App } from '../addin/src/taskpane/App';
import { fieldsForStep, validateInput } from '../addin/src/domain/validate';
import { firstUnstorable } from '../addin/src/domain/storableText';
import { complaints } from '../addin/src/forms/complaints';
import { reception } from '../addin/src/forms/receptionRepairs';
import { ui } from '../addin/src/i18n/ui';
import { RECEPTION_PARTS, StepsView } from '../addin/src/taskpane/DeskViews';
import { SessionContext, type PaneSession } from '../addin/src/taskpane/session';
import { fixedClock } from '../addin/src/core/clock';
import { investigations, preshiftMeetings } from '../addin/src/forms/fieldWork';
import { printedForms } from '../addin/src/ledger/print';
import { excelRun } from '../addin/src/ledger/office/officeLedger';

const ROOT = path.resolve(__dirname, '..');

/** Every module the task pane's entry pulls in before its first render (dynamic imports excluded). */
async function initialModules(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    splitting: true,
    outdir: path.join(ROOT, 'dist-metafile'),
    platform: 'browser',
    logLevel: 'silent',
    jsx: 'automatic',
    // As in webpack.config.js: the exceljs fix-ups are for Node; the browser build leaves them out.
    plugins: [
      {
        name: 'node-only',
        setup(build) {
          build.onResolve({ filter: /exceljsPatch$/ }, () => ({ path: 'exceljsPatch', namespace: 'node-only' }));
          build.onLoad({ filter: /.*/, namespace: 'node-only' }, () => ({ contents: '', loader: 'js' }));
        },
      },
    ],
  });
  const outputs = result.metafile.outputs;
  const entryOutput = Object.values(outputs).find((o) => o.entryPoint?.endsWith(entry.replace(/^\.\//, '')))!;
  const initial = new Set<string>();
  const visit = (output: (typeof outputs)[string]) => {
    for (const input of Object.keys(output.inputs)) initial.add(input);
    for (const imported of output.imports) if (imported.kind === 'import-statement') visit(outputs[imported.path]);
  };
  visit(entryOutput);
  return [...initial];
}

/**
 * The message a rendered field shows under itself: the control its label names (by `for` or
 * aria-labelledby) is described by it (aria-describedby), as Fluent's Field does.
 */
function messageUnder(html: string, label: string): string | undefined {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tag = new RegExp(`<label for="([^"]+)" id="([^"]+)"[^>]*>${escaped}<`).exec(html);
  if (!tag) throw new Error(`no field labelled ${label}`);
  const [, forId, labelId] = tag;
  const control = (html.match(/<(input|textarea)\b[^>]*>/g) ?? []).find((t) => t.includes(` id="${forId}"`) || t.includes(`aria-labelledby="${labelId}"`));
  const described = /aria-describedby="([^"]+)"/.exec(control ?? '')?.[1];
  if (!described) return undefined;
  return described
    .split(' ')
    .map((id) => new RegExp(`<div id="${id}"[^>]*>(.*?)</div>`).exec(html)?.[1].replace(/<svg.*?<\/svg>|<[^>]+>/g, '') ?? '')
    .join(' ')
    .trim();
}

const memoryStorage = (entries: Record<string, string> = {}): PaneEnvironment['storage'] => {
  const store = new Map(Object.entries(entries));
  return { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) };
};

describe('task pane', function () {
  this.timeout(120_000);

  it('does not load exceljs (or the xlsx bridge) before its first render', async () => {
    const modules = await initialModules('addin/src/taskpane/index.tsx');
    assert.ok(
      modules.some((m) => m.includes('addin/src/taskpane/App.tsx')),
      'the graph was read',
    );
    assert.deepEqual(
      modules.filter((m) => m.includes('node_modules/exceljs') || m.includes('xlsxBridge') || m.includes('ledger/xlsx/')),
      [],
    );
    const preview = await initialModules('addin/src/preview/index.tsx');
    assert.deepEqual(
      preview.filter((m) => m.includes('node_modules/exceljs')),
      [],
      'the preview loads exceljs only when it reads or writes a file',
    );
  });

  it('speaks Office’s display language, Traditional for zh-TW/zh-HK, Simplified for other languages, unless overridden', () => {
    const settings = { clerk: '', site: '', locale: 'auto' as const };
    assert.equal(paneLocale(settings, 'zh-CN'), 'zh-CN');
    assert.equal(paneLocale(settings, 'zh-TW'), 'zh-TW');
    assert.equal(paneLocale(settings, 'zh-HK'), 'zh-TW');
    assert.equal(paneLocale(settings, 'en-GB'), 'en-US');
    assert.equal(paneLocale(settings, 'fr-FR'), 'zh-CN');
    assert.equal(paneLocale({ ...settings, locale: 'en-US' }, 'zh-CN'), 'en-US');
  });

  it('keeps settings on the device and ignores damaged ones', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    assert.deepEqual(loadSettings(storage), { clerk: '', site: '', locale: 'auto' });
    saveSettings(storage, { clerk: '王丽', site: '一院', locale: 'zh-TW' });
    assert.deepEqual(loadSettings(storage), { clerk: '王丽', site: '一院', locale: 'zh-TW' });
    store.set('kefu-ledger.settings', '{not json');
    assert.deepEqual(loadSettings(storage), { clerk: '', site: '', locale: 'auto' });
  });

  it('opens the view a ribbon button asks for, and complaints otherwise', () => {
    assert.equal(viewFrom('reception'), 'reception');
    assert.equal(viewFrom('nonsense'), 'complaints');
    assert.equal(viewFrom(null), 'complaints');
  });

  it('renders every form: each creation field has a label in every locale, and conditional requirements follow the values', () => {
    for (const form of FORMS) {
      for (const field of fieldsForStep(form)) {
        for (const locale of LOCALES) assert.ok(field.label[locale].trim(), `${form.key}.${field.key} ${locale}`);
        if (field.required && field.required !== true) {
          const { field: other, in: codes } = field.required.when;
          assert.equal(isRequiredNow(field, { [other]: codes[0] }), true);
          assert.equal(isRequiredNow(field, { [other]: '__none__' }), false);
        }
      }
    }
    for (const id of ['register', 'clerkMissing', 'registered'] as const) for (const locale of LOCALES) assert.ok(ui(id, locale));
  });

  it('says under a field that its text holds a character Excel cannot store, with its position and code point', () => {
    const values = { content: '地面积水\uFFFE', receptionist: { by: '王\u0007丽', at: '2026-03-15 09:35' } };
    // The problems the complaint form shows are those its operation's validation finds.
    const { problems } = validateInput(complaints, values);
    for (const locale of LOCALES) {
      const html = renderToStaticMarkup(
        React.createElement(
          FluentProvider,
          { theme: webLightTheme },
          React.createElement(FormView, { form: complaints, fields: fieldsForStep(complaints), values, problems, locale, disabled: false, onChange: () => {}, onBlur: () => {}, onSubmit: () => {} }),
        ),
      );
      const label = (key: string) => complaints.fields.find((f) => f.key === key)!.label[locale];
      const expected = {
        'zh-CN': ['第 5 个字符是 Excel 无法保存的非字符 U+FFFE，请删除。', '第 2 个字符是 Excel 无法保存的控制字符 U+0007，请删除。'],
        'zh-TW': ['第 5 個字元是 Excel 無法儲存的非字元 U+FFFE，請刪除。', '第 2 個字元是 Excel 無法儲存的控制字元 U+0007，請刪除。'],
        'en-US': ['character 5 is the noncharacter U+FFFE, which Excel cannot store; delete it.', 'character 2 is the control character U+0007, which Excel cannot store; delete it.'],
      }[locale];
      assert.equal(messageUnder(html, label('content')), expected[0]);
      assert.equal(messageUnder(html, label('receptionist')), expected[1]);
      assert.equal(messageUnder(html, label('complainant')), undefined, 'a field without a problem says nothing');
    }
  });

  it('says under the name in Settings that it cannot be stored, and will not save it', () => {
    const storage = memoryStorage({ 'kefu-ledger.settings': JSON.stringify({ clerk: '王\u0007丽', site: '一院\uFFFF', locale: 'zh-CN' }) });
    const env: PaneEnvironment = { run: excelRun({ run: () => Promise.reject(new Error('no workbook')) }), displayLanguage: 'zh-CN', storage, initialView: 'settings' };
    const html = renderToStaticMarkup(React.createElement(App, { env }));
    assert.equal(messageUnder(html, ui('clerkName', 'zh-CN')), '第 2 个字符是 Excel 无法保存的控制字符 U+0007，请删除。');
    assert.equal(messageUnder(html, ui('site', 'zh-CN')), '第 3 个字符是 Excel 无法保存的非字符 U+FFFF，请删除。');
    assert.match(html, new RegExp(`<button type="submit"[^>]*disabled=""[^>]*>${ui('save', 'zh-CN')}<`));
  });

  it('offers every printed form in the Print view, the investigation record and the pre-shift meeting page included, in each locale', () => {
    for (const locale of LOCALES) {
      const env: PaneEnvironment = {
        run: excelRun({ run: () => Promise.reject(new Error('no workbook')) }),
        displayLanguage: locale,
        storage: memoryStorage({ 'kefu-ledger.settings': JSON.stringify({ clerk: '王丽', site: '', locale }) }),
        initialView: 'print',
      };
      const html = renderToStaticMarkup(React.createElement(App, { env }));
      const options = [...html.matchAll(/<option value="([^"]+)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
      for (const form of [...printedForms(), investigations, preshiftMeetings]) {
        assert.ok(
          options.some(([value, text]) => value === form.key && text === form.title[locale]),
          `${locale}: ${form.key} among ${JSON.stringify(options)}`,
        );
      }
    }
  });

  it('says a step a register takes at any time (the pre-shift meeting’s check) applies whatever the status, in each locale', () => {
    for (const locale of LOCALES) {
      const session: PaneSession = {
        env: { run: excelRun({ run: () => Promise.reject(new Error('no workbook')) }), displayLanguage: locale, storage: memoryStorage({}), initialView: 'steps' },
        settings: { clerk: '王丽', site: '', locale },
        locale,
        clock: fixedClock('2026-03-20 08:00:00', 1),
        ledger: () => Promise.reject(new Error('no workbook')),
        opened: null,
        reopen: () => undefined,
        act: (action) => action(),
        busy: false,
      };
      const render = (table: string) =>
        renderToStaticMarkup(
          React.createElement(
            FluentProvider,
            { theme: webLightTheme },
            React.createElement(SessionContext.Provider, { value: session }, React.createElement(StepsView, { target: { table, record: 'X-1' } })),
          ),
        );
      assert.ok(render(preshiftMeetings.key).includes(ui('stepHelpAnyStatus', locale)), `${locale}: pre-shift inspect`);
      const dispatch = render(complaints.key);
      assert.ok(!dispatch.includes(ui('stepHelpAnyStatus', locale)), `${locale}: a complaint's step names its statuses`);
    }
  });

  it('never cuts a name in half in the station id (half of a surrogate pair is text Excel cannot store)', () => {
    for (let length = 25; length <= 40; length++) {
      const station = newStation('😀'.repeat(length));
      assert.equal(firstUnstorable(station), undefined, station);
      assert.equal([...station].length, Math.min(40, 9 + length), '8 hex digits, a space, then the name');
    }
  });

  it('asks for no field twice on the reception form, whatever the category raises', () => {
    for (const category of reception.fields.find((f) => f.key === 'category')!.codes!) {
      const shown = RECEPTION_PARTS.filter((part) => !part.when || part.when({ category: category.code }));
      // The same field: the same key with the same label in every language (site, attachments, remarks …).
      const ids = shown.flatMap((part) => part.fields.map((f) => JSON.stringify([f.key, ...LOCALES.map((l) => f.label[l])])));
      assert.deepEqual(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        [],
        category.code,
      );
    }
  });

  it('shows a signature’s problems under the signature field', () => {
    const byField = problemsByField([
      { kind: 'required', form: 'complaints', field: 'receptionist_by' },
      { kind: 'required', form: 'complaints', field: 'received_at' },
    ]);
    assert.equal(byField.get('receptionist')?.length, 1);
    assert.equal(byField.get('received_at')?.length, 1);
  });
});
