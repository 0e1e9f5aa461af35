/**
 * Writes the files the preview loads into .preview/: a demo ledger per locale, made by running
 * the real operations (buildDemo), reused while younger than the code that makes them.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LOCALES } from '../addin/src/i18n/locale';
import { fixedClock, systemClock } from '../addin/src/domain/clock';
import { buildDemo, buildPerformanceDemo } from '../addin/src/domain/demo';
import { buildTemplateBuffer } from '../addin/src/ledger/xlsx/template';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';

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
  const year = options.year ?? new Date().getFullYear();
  const written: string[] = [];
  for (const locale of LOCALES) {
    const file = path.join(PREVIEW_DIR, `demo.${locale}.xlsx`);
    if (!options.force && existsSync(file) && statSync(file).mtimeMs > newestSource()) continue;
    const clock = fixedClock(`${year}-01-01 08:00:00`, 37);
    const ledger = await XlsxLedger.fromBuffer(await buildTemplateBuffer({ locale, createdAt: clock.now(), site: '市第一人民医院' }), {
      station: 'preview demo',
      clock,
    });
    await buildDemo(ledger, { year, clock });
    // Performance inputs up to today: the import refuses dates in the future.
    await buildPerformanceDemo(ledger, { year, clock: systemClock() });
    writeFileSync(file, await ledger.toBuffer());
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
