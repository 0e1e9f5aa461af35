import { promises as fs } from 'node:fs';
import { ZipFile, bufferSource } from '../addin/src/ledger/xlsx/zip';
async function main() {
  const [a, b] = await Promise.all(process.argv.slice(2, 4).map(async (f) => ZipFile.open(bufferSource(new Uint8Array(await fs.readFile(f))))));
  for (const e of a.entries) {
    const f = b.entry(e.name);
    if (!f) { console.log('MISSING', e.name); continue; }
    const ra = await a.rawBytes(e, 0, e.compressedSize), rb = await b.rawBytes(f, 0, f.compressedSize);
    if (!ra.equals(rb)) console.log('changed', e.name);
  }
  for (const f of b.entries) if (!a.entry(f.name)) console.log('NEW', f.name);
}
main();
