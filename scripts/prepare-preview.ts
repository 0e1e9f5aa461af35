/**
 * Writes the files the preview loads into .preview/: a demo ledger per locale, made by running
 * the real operations (buildDemo), reused while younger than the code that makes them.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LOCALES } from '../addin/src/i18n/locale';
import { systemClock } from '../addin/src/core/clock';
import { buildDemoWorkbook } from '../addin/src/workbooks/demoLedger';

const ROOT = path.resolve(__dirname, '..');
export const PREVIEW_DIR = path.join(ROOT, '.preview');

/** The newest change to what makes the demo ledgers: the declarations, the operations, the template. */
function newestSource(): number {
  const newest = (p: string): number => {
    const stat = statSync(p);
    return stat.isDirectory() ? Math.max(stat.mtimeMs, ...readdirSync(p).map((name) => newest(path.join(p, name)))) : stat.mtimeMs;
  };
  return Math.max(...['addin/src/forms', 'addin/src/domain', 'addin/src/ledger', 'scripts/prepare-preview.ts', 'package-lock.json'].map((f) => newest(path.join(ROOT, f))));
}

export async function preparePreview(options: { year?: number; force?: boolean } = {}): Promise<string[]> {
  mkdirSync(PREVIEW_DIR, { recursive: true });
  const year = options.year ?? Number(systemClock().now().slice(0, 4));
  const written: string[] = [];
  for (const locale of LOCALES) {
    const file = path.join(PREVIEW_DIR, `demo.${locale}.xlsx`);
    if (!options.force && existsSync(file) && statSync(file).mtimeMs > newestSource()) continue;
    // This year up to today, in the locale's words: the same demo `kefu demo` makes.
    const { bytes } = await buildDemoWorkbook({ locale, year, clock: systemClock(), station: 'preview demo' });
    writeFileSync(file, bytes);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  preparePreview({ force: process.argv.includes('--force') }).then(
    (files) => console.log(files.length ? files.join('\n') : 'preview files are up to date'),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
