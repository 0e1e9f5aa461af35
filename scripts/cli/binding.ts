import { systemClock } from '../../addin/src/domain/clock';
import { DEFAULT_VOLUME_SIZE, MAX_VOLUME_SIZE, bindVolumes } from '../../addin/src/domain/binding';
import { runOperation } from '../../addin/src/domain/records';
import { message } from '../../addin/src/i18n/messages';
import { buildBoundVolumes } from '../../addin/src/ledger/xlsx/boundVolumes';
import { readRewritableWorkbook, writeWorkbookAtomically } from '../../addin/src/ledger/xlsx/files';
import { XlsxLedger } from '../../addin/src/ledger/xlsx/xlsxLedger';
import { UsageError, flag, localeFlag, station, type Command } from './args';

/** Binding (统一编号装订, brief F6): archive numbers, the binding index and the bound-volume workbook. */

export const bind: Command = {
  words: ['bind'],
  help: `  kefu bind <ledger.xlsx> --year <YYYY> --out <volumes.xlsx> [--volume-size <N>] [--clerk <name>]
      Bind the year's archived (and voided) complaint tickets with their return-visit forms:
      give each not yet bound ticket an archive number TS-YYYY-Vnn/sss in new volumes of N
      tickets (default ${DEFAULT_VOLUME_SIZE}, at most ${MAX_VOLUME_SIZE}), add a line per volume to the binding index,
      write the binding number into each ticket, with audit entries. <volumes.xlsx> gets one
      sheet per volume of the year to print: cover, index, each ticket and its return visit on
      their own pages, page numbers in the footer. Voided numbers, missing (never issued)
      numbers and tickets not archived yet are listed on the cover and in the index. Binding
      again only numbers tickets archived since; bound ones keep their numbers.`,
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = parsed.positional[1];
    if (!file) throw new UsageError('kefu bind <ledger.xlsx> --year <YYYY> --out <volumes.xlsx>');
    const year = flag(parsed, 'year', true)!;
    const out = flag(parsed, 'out', true)!;
    const volumeSize = flag(parsed, 'volume-size');
    const clerk = flag(parsed, 'clerk') ?? process.env.USER ?? 'kefu';
    const clock = systemClock();
    const context = { clock, actor: { clerk } };
    bindVolumes.prepare({ year, volumeSize }, context); // refuse bad input before reading the workbook
    const bytes = await readRewritableWorkbook(file);
    const ledger = await XlsxLedger.fromBuffer(bytes, { station: station(clerk), clock });
    const { result } = await runOperation(ledger, bindVolumes, { year, volumeSize }, context);
    if (result.newlyBound > 0) await writeWorkbookAtomically(file, await ledger.toBuffer());
    const volumes = buildBoundVolumes(result, { locale: ledger.locale, site: ledger.settings().site });
    await writeWorkbookAtomically(out, new Uint8Array(await volumes.xlsx.writeBuffer()));
    if (result.newlyBound > 0) {
      console.log(
        message('bindDone', locale, {
          year: result.year,
          count: result.newlyBound,
          voids: result.newlyBoundVoid,
          volumes: result.newVolumes.length,
          list: result.newVolumes.join(', '),
        }),
      );
    } else {
      console.log(message('bindNothing', locale, { year: result.year, bound: result.alreadyBound }));
    }
    console.log(message('bindPending', locale, { year: result.year, pending: result.pending, gaps: result.gaps.length }));
    console.log(message('boundWorkbookWritten', locale, { file: out, volumes: result.volumes.length }));
  },
};
