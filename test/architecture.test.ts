import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './support/fixtures';

/**
 * The layers of addin/src and the direction of their imports (docs/architecture.md): every arrow
 * points down. A file may import its own layer and the layers its rule lists; a layer's rule also
 * names the packages it must not use. And no two files import each other, directly or round a
 * longer circle. The imports are read from the source as text (static, re-exports, dynamic
 * `import()` and type-only imports alike: a type-only circle is still a circle to a reader).
 */

const SOURCE = path.join(ROOT, 'addin', 'src');

type Layer = 'core' | 'i18n' | 'forms' | 'ledger' | 'office' | 'xlsx' | 'domain' | 'workbooks' | 'upgrade' | 'host' | 'hostModel' | 'hostApi' | 'hostEntry' | 'commands' | 'taskpane' | 'preview';

/** The host's own files, by what they are: the model (cells, sheets, tables) below the API objects clients call, both above its base files (addresses, cell values, errors, formulas) and below its entry and .xlsx bridge. */
const HOST_ENTRY = new Set(['index.ts', 'xlsxBridge.ts', 'xlsxValidations.ts']);

/** The layer a file of addin/src belongs to, by its folder. */
function layerOf(file: string, root: string): Layer {
  const [top, second] = path.relative(root, file).split(path.sep);
  if (top === 'ledger' && second === 'office') return 'office';
  if (top === 'ledger' && second === 'xlsx') return 'xlsx';
  if (top === 'host') return second === 'model' ? 'hostModel' : second === 'api' ? 'hostApi' : HOST_ENTRY.has(second) ? 'hostEntry' : 'host';
  return top as Layer;
}

const UI_PACKAGES = [/^react(-dom)?(\/|$)/, /^@fluentui\//];
const WORKBOOK_PACKAGES = [/^exceljs(\/|$)/, /^jszip$/];

/** What each layer may import besides itself, and the packages it must not. */
const RULES: Record<Layer, { readonly may: readonly Layer[]; readonly notPackages: readonly RegExp[] }> = {
  i18n: { may: [], notPackages: [...UI_PACKAGES, ...WORKBOOK_PACKAGES] },
  forms: { may: ['i18n'], notPackages: [...UI_PACKAGES, ...WORKBOOK_PACKAGES] },
  core: { may: ['i18n', 'forms'], notPackages: [...UI_PACKAGES, ...WORKBOOK_PACKAGES] },
  ledger: { may: ['core', 'i18n', 'forms'], notPackages: [...UI_PACKAGES, ...WORKBOOK_PACKAGES] },
  domain: { may: ['core', 'i18n', 'forms', 'ledger'], notPackages: [...UI_PACKAGES, ...WORKBOOK_PACKAGES] },
  // The backends: the ledger interface made real. Never the domain, never each other.
  office: { may: ['core', 'i18n', 'forms', 'ledger'], notPackages: [...UI_PACKAGES, ...WORKBOOK_PACKAGES] },
  xlsx: { may: ['core', 'i18n', 'forms', 'ledger'], notPackages: UI_PACKAGES },
  // The in-memory Excel stands alone: it knows Office.js, not the ledger.
  host: { may: [], notPackages: UI_PACKAGES },
  hostModel: { may: ['host'], notPackages: UI_PACKAGES },
  hostApi: { may: ['host', 'hostModel'], notPackages: UI_PACKAGES },
  hostEntry: { may: ['host', 'hostModel', 'hostApi'], notPackages: UI_PACKAGES },
  workbooks: { may: ['core', 'i18n', 'forms', 'ledger', 'domain', 'xlsx'], notPackages: UI_PACKAGES },
  upgrade: { may: ['core', 'i18n', 'forms', 'ledger', 'domain', 'office', 'xlsx', 'workbooks'], notPackages: UI_PACKAGES },
  commands: { may: ['core', 'i18n', 'forms', 'ledger', 'domain', 'office'], notPackages: [...UI_PACKAGES, ...WORKBOOK_PACKAGES] },
  taskpane: { may: ['core', 'i18n', 'forms', 'ledger', 'domain', 'office', 'xlsx', 'workbooks', 'upgrade'], notPackages: [] },
  // The preview is the pane on the in-memory Excel: it alone joins the two.
  preview: { may: ['core', 'i18n', 'forms', 'ledger', 'domain', 'office', 'xlsx', 'workbooks', 'upgrade', 'host', 'hostModel', 'hostApi', 'hostEntry', 'taskpane'], notPackages: [] },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

interface Import {
  readonly from: string;
  /** The file imported (a relative import), or the package's name. */
  readonly target: string;
  readonly isPackage: boolean;
  readonly line: number;
}

/** Every import of a file: `import … from`, `export … from`, side-effect imports and `import()`. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  const pattern = /(?:\bfrom\s*|^\s*import\s*|\bimport\s*\(\s*(?:\/\*[^*]*\*\/\s*)?)['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) {
    const spec = match[1];
    const line = text.slice(0, match.index).split('\n').length;
    if (!spec.startsWith('.')) {
      found.push({ from: file, target: spec, isPackage: true, line });
      continue;
    }
    const base = path.resolve(path.dirname(file), spec);
    const target = ['', '.ts', '.tsx', `${path.sep}index.ts`, `${path.sep}index.tsx`].map((ext) => base + ext).find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    assert.ok(target, `${path.relative(ROOT, file)}:${line} imports ${spec}, which is not a file`);
    found.push({ from: file, target, isPackage: false, line });
  }
  return found;
}

/** The imports that break a layer's rule, one sentence each. */
function layerViolations(files: readonly string[], root = SOURCE): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const layer = layerOf(file, root);
    const rule = RULES[layer];
    assert.ok(rule, `${path.relative(ROOT, file)}: a folder with no rule (add it to RULES and docs/architecture.md)`);
    for (const i of importsOf(file)) {
      const where = `${path.relative(root, file)}:${i.line}`;
      if (i.isPackage) {
        if (rule.notPackages.some((p) => p.test(i.target))) problems.push(`${where} (${layer}) imports the package ${i.target}`);
        continue;
      }
      if (!i.target.startsWith(root + path.sep)) {
        problems.push(`${where} (${layer}) imports ${path.relative(ROOT, i.target)}, outside addin/src`);
        continue;
      }
      const to = layerOf(i.target, root);
      if (to !== layer && !rule.may.includes(to)) problems.push(`${where} (${layer}) imports ${path.relative(root, i.target)} (${to})`);
    }
  }
  return problems;
}

/** The import circles among the files (each once, from its first file in path order). */
function importCircles(files: readonly string[], root = SOURCE): string[][] {
  const edges = new Map(
    files.map((f) => [
      f,
      [
        ...new Set(
          importsOf(f)
            .filter((i) => !i.isPackage)
            .map((i) => i.target),
        ),
      ],
    ]),
  );
  const circles: string[][] = [];
  const seen = new Set<string>();
  // Tarjan's strongly connected components: a component of more than one file is a circle.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (file: string) => {
    indexOf.set(file, index);
    low.set(file, index++);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, indexOf.get(next)!));
    }
    if (low.get(file) === indexOf.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 && !seen.has(file)) {
        component.forEach((f) => seen.add(f));
        circles.push(component.map((f) => path.relative(root, f)).sort());
      }
    }
  };
  for (const file of [...files].sort()) if (!indexOf.has(file)) visit(file);
  return circles;
}

describe('architecture: the layers of addin/src import downwards only, without circles (issue 15)', () => {
  const files = sourceFiles(SOURCE);

  it('every import keeps its layer’s rule: the domain and forms never import a backend, React or the host; the host nothing of the ledger, and its model nothing of its API; the backends never the domain', () => {
    const problems = layerViolations(files);
    assert.deepEqual(problems, [], `${problems.length} imports against the direction (docs/architecture.md):\n${problems.join('\n')}`);
  });

  it('no two files import each other, directly or round a longer circle', () => {
    const circles = importCircles(files);
    assert.deepEqual(circles, [], circles.map((c) => c.join(' ⇄ ')).join('\n'));
  });

  it('no file of addin/src is over 800 lines', () => {
    const long = files.map((f) => [path.relative(SOURCE, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, lines]) => lines > 800);
    assert.deepEqual(long, []);
  });

  it('the checks see what they must: an import up the layers, a package a layer may not use, a circle', () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'layers');
    const fixture = (name: string) => path.join(dir, 'addin', 'src', name);
    // The fixture tree mirrors addin/src: the checks take the files' layers from their folders.
    const problems = layerViolations(
      [fixture('domain/usesBackend.ts'), fixture('host/usesLedger.ts'), fixture('forms/usesReact.ts'), fixture('host/model/usesApi.ts')],
      path.join(dir, 'addin', 'src'),
    );
    assert.deepEqual(
      problems.map((p) => p.replace(/:\d+ /, ' ')),
      [
        'domain/usesBackend.ts (domain) imports ledger/xlsx/backend.ts (xlsx)',
        'host/usesLedger.ts (host) imports ledger/types.ts (ledger)',
        'forms/usesReact.ts (forms) imports the package react',
        'host/model/usesApi.ts (hostModel) imports host/api/client.ts (hostApi)',
      ],
    );
    const circles = importCircles([fixture('ledger/a.ts'), fixture('ledger/b.ts'), fixture('ledger/types.ts')], path.join(dir, 'addin', 'src'));
    assert.deepEqual(circles, [['ledger/a.ts', 'ledger/b.ts']]);
  });
});
