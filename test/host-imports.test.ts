/**
 * The in-memory Excel host's files, read as a graph of their imports (issue 15, item 3):
 * - no import circle between any two files, type-only imports included (a circle of types is
 *   still two files that can only be read together);
 * - the model (addin/src/host/model/: cells, sheets, tables, charts) never imports the API objects
 *   that clients call (api/);
 * - no file of the host over 800 lines.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const HOST = resolve(__dirname, '..', 'addin', 'src', 'host');

function hostFiles(dir = HOST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return hostFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Relative module specifiers of every `import … from`, `import '…'` and `export … from` of a file. */
export function importSpecifiers(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const statement = /(?:^|[;\n])\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const m of withoutComments.matchAll(statement)) if (m[1].startsWith('.')) found.push(m[1]);
  return found;
}

function resolveImport(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  throw new Error(`${relative(HOST, from)} imports "${specifier}", which is no file`);
}

/** Each file's imports within the host. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of hostFiles()) {
    const targets = importSpecifiers(readFileSync(file, 'utf8'))
      .map((s) => resolveImport(file, s))
      .filter((t) => t.startsWith(HOST));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every circle of the graph, one per strongly connected component, as a path of files. */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's strongly connected components; each component of two or more files (or a file
  // importing itself) holds a circle, which is then traced from its first file.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((component) => {
    const members = new Set(component);
    const start = component[0];
    // Breadth-first from start back to start, within the component: the shortest circle through it.
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (!members.has(w) || previous.has(w)) continue;
        previous.set(w, v);
        if (w === start) queue.length = 0;
        else queue.push(w);
      }
    }
    const path = [start];
    for (let v = previous.get(start)!; v !== start; v = previous.get(v)!) path.unshift(v);
    path.unshift(start);
    return path;
  });
}

function reaches(graph: ReadonlyMap<string, readonly string[]>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length > 0) {
    const v = todo.pop()!;
    for (const w of graph.get(v) ?? []) {
      if (w === to) return true;
      if (!seen.has(w)) {
        seen.add(w);
        todo.push(w);
      }
    }
  }
  return false;
}

const name = (file: string): string => relative(HOST, file);

describe('host: files and imports', () => {
  it('reads import statements, type-only and re-exports included', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "import {\n  c,\n  type D,\n} from './c/d';",
      "export * from './e';",
      "export { f } from './f';",
      "import './g';",
      "import ExcelJS from 'exceljs';",
      "// import { h } from './h';",
      "/* export * from './i'; */",
      'const s = \'import x from "./j"\';',
    ].join('\n');
    assert.deepEqual(importSpecifiers(source), ['./a', '../b', './c/d', './e', './f', './g']);
  });

  it('finds a circle, and names it', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    assert.deepEqual(importCircles(graph), [
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ]);
    assert.deepEqual(
      importCircles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
      [],
    );
  });

  it('has no import circle between its files (type-only imports count)', () => {
    const graph = importGraph();
    const circles = importCircles(graph).map((c) => {
      // Name also the other files caught in the same knot (reachable both ways).
      const knot = [...graph.keys()].filter((f) => !c.includes(f) && reaches(graph, c[0], f) && reaches(graph, f, c[0]));
      return c.map(name).join(' → ') + (knot.length > 0 ? ` (also caught: ${knot.map(name).join(', ')})` : '');
    });
    assert.deepEqual(circles, [], `import circles:\n${circles.join('\n')}`);
  });

  it('keeps the model below the API: nothing of the model imports the API', () => {
    const layer = (n: string): string => n.split('/')[0].replace(/\.ts$/, '');
    const upward: string[] = [];
    for (const [file, targets] of importGraph()) {
      if (layer(name(file)) !== 'model') continue;
      for (const t of targets) if (layer(name(t)) === 'api' || name(t) === 'index.ts') upward.push(`${name(file)} → ${name(t)}`);
    }
    assert.deepEqual(upward, []);
  });

  it('has no file over 800 lines', () => {
    const long = hostFiles()
      .map((f) => ({ file: name(f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.lines > 800);
    assert.deepEqual(long, []);
  });
});
