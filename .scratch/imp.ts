import { promises as fs } from 'node:fs';
import { systemClock } from '../addin/src/domain/clock';
import { prepareImport, decideImport, importRequest } from '../addin/src/domain/importing';
import { readSourceTable } from '../scripts/cli/importing';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import { ZipFile, fileSource, MemorySink } from '../addin/src/ledger/xlsx/zip';
const mem = (label: string) => { (global as any).gc?.(); console.log(label, Math.round(process.memoryUsage().heapUsed / 1e6), 'MB heap', Math.round(process.memoryUsage().rss / 1e6), 'MB rss', Math.round(performance.now()), 'ms'); };
async function main() {
  mem('start');
  const source = await readSourceTable('/tmp/scratch/c100k.csv');
  mem('source read');
  const ledger = await PackageLedger.open(await ZipFile.open(await fileSource('/tmp/scratch/imp0.xlsx')), { station: 's', clock: systemClock() });
  const context = { clock: systemClock(), actor: { clerk: 'x' } };
  const prepared = prepareImport({ table: 'collector_daily', source }, context);
  mem('prepared');
  const snapshot = await ledger.read(importRequest(prepared));
  mem('read');
  const { changes } = decideImport(snapshot, prepared, context);
  mem('decided');
  await ledger.apply(changes, snapshot);
  mem('applied');
  const sink = new MemorySink();
  await ledger.write(sink);
  mem('written');
}
main();
