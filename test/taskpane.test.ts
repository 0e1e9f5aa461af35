import assert from 'node:assert/strict';
import * as path from 'node:path';
import { build } from 'esbuild';
import { FORMS } from '../addin/src/forms';
import { LOCALES } from '../addin/src/i18n/locale';
import { paneLocale, loadSettings, saveSettings, viewFrom } from '../addin/src/taskpane/environment';
import { isRequiredNow, problemsByField } from '../addin/src/taskpane/FormView';
import { fieldsForStep } from '../addin/src/domain/validate';
import { ui } from '../addin/src/i18n/ui';

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
  const outputs = result.metafile!.outputs;
  const entryOutput = Object.values(outputs).find((o) => o.entryPoint?.endsWith(entry.replace(/^\.\//, '')))!;
  const initial = new Set<string>();
  const visit = (output: (typeof outputs)[string]) => {
    for (const input of Object.keys(output.inputs)) initial.add(input);
    for (const imported of output.imports) if (imported.kind === 'import-statement') visit(outputs[imported.path]);
  };
  visit(entryOutput);
  return [...initial];
}

describe('task pane', function () {
  this.timeout(120_000);

  it('does not load exceljs (or the xlsx bridge) before its first render', async () => {
    const modules = await initialModules('addin/src/taskpane/index.tsx');
    assert.ok(modules.some((m) => m.includes('addin/src/taskpane/App.tsx')), 'the graph was read');
    assert.deepEqual(modules.filter((m) => m.includes('node_modules/exceljs') || m.includes('xlsxBridge') || m.includes('ledger/xlsx/')), []);
    const preview = await initialModules('addin/src/preview/index.tsx');
    assert.deepEqual(preview.filter((m) => m.includes('node_modules/exceljs')), [], 'the preview loads exceljs only when it reads or writes a file');
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

  it('shows a signature’s problems under the signature field', () => {
    const byField = problemsByField([
      { kind: 'required', form: 'complaints', field: 'receptionist_by' },
      { kind: 'required', form: 'complaints', field: 'received_at' },
    ]);
    assert.equal(byField.get('receptionist')?.length, 1);
    assert.equal(byField.get('received_at')?.length, 1);
  });
});
