import { promises as fs } from 'node:fs';
import { fixedClock } from '../addin/src/domain/clock';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/serviceDesk';
import { buildTemplateBuffer } from '../addin/src/ledger/xlsx/template';
import { PackageLedger } from '../addin/src/ledger/xlsx/packageLedger';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { complaintInput } from '../test/support/fixtures';
const clock = fixedClock('2026-03-15 10:00:00', 1);
const context = { clock, actor: { clerk: '王丽' } };
async function main() {
  let bytes = await buildTemplateBuffer({ locale: 'zh-CN', createdAt: '2026-01-01 00:00:00' });
  for (let round = 0; round < 3; round++) {
    const ledger = await PackageLedger.fromBuffer(bytes, { station: 's', clock });
    for (let i = 0; i < 2; i++) {
      const out = await runOperation(ledger, registerComplaint, complaintInput({ content: `r${round} i${i} =1+1\r\n` }), context);
      console.log(out.result.number, out.appended);
    }
    bytes = await ledger.toBuffer();
  }
  await fs.writeFile('.scratch/t1.xlsx', bytes);
  const x = await XlsxLedger.fromBuffer(bytes, { station: 'x', clock });
  const snap = await x.read({ tables: { complaints: { columns: ['ticket_no', 'content', 'received_at', 'status'], rows: 'all' }, audit_log: { columns: ['at', 'action', 'record'], rows: 'all' } } });
  console.log(JSON.stringify(snap.tables.complaints.map((r) => r.values)));
  console.log(snap.tables.audit_log.length);
  const p = await PackageLedger.fromBuffer(bytes, { station: 'x', clock });
  const snap2 = await p.read({ tables: { complaints: { columns: ['ticket_no', 'content', 'received_at', 'status'], rows: { where: 'ticket_no', equals: ['TS-2026-0004'] } } } });
  console.log(JSON.stringify(snap2.tables.complaints));
}
main().catch((e) => { console.error(e); process.exit(1); });
