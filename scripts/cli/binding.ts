import { DEFAULT_VOLUME_SIZE, MAX_VOLUME_SIZE, bindVolumes } from '../../addin/src/domain/binding';
import { systemClock } from '../../addin/src/core/clock';
import { runOperation } from '../../addin/src/domain/records';
import { message } from '../../addin/src/i18n/messages';
import { checkOutputPath, writeOutputFile } from '../../addin/src/ledger/xlsx/files';
import { FLAG, argument, clerkOf, flag, localeFlag, noMoreArguments, t, type Command } from './args';
import { changeLedger } from './ledgerAccess';

/** Binding (统一编号装订, brief F6): archive numbers, the binding index and the bound-volume workbook. */

export const bind: Command = {
  words: ['bind'],
  usage: ['<ledger.xlsx> --year <YYYY> --out <volumes.xlsx> [--volume-size <N>] [--clerk <name>]'],
  help: t(
    `装订该年已归档（及已作废）的投诉处理单及其回访单：给每张尚未装订的处理单一个档案号 TS-YYYY-Vnn/sss，每卷 N 张（默认 ${DEFAULT_VOLUME_SIZE}，最多 ${MAX_VOLUME_SIZE}），在装订目录中每卷加一行，把装订号写入每张处理单，并记审计日志。<volumes.xlsx> 中该年每卷一个工作表，可直接打印：封面、目录、每张处理单及其回访单各占一页，页脚有页码。作废的编号、缺号（从未发出）和尚未归档的处理单列在封面和目录中。再次装订只给之后归档的处理单编号，已装订的保持原号。`,
    `裝訂該年已歸檔（及已作廢）的投訴處理單及其回訪單：給每張尚未裝訂的處理單一個檔案號 TS-YYYY-Vnn/sss，每卷 N 張（預設 ${DEFAULT_VOLUME_SIZE}，最多 ${MAX_VOLUME_SIZE}），在裝訂目錄中每卷加一列，把裝訂號寫入每張處理單，並記稽核日誌。<volumes.xlsx> 中該年每卷一個工作表，可直接列印：封面、目錄、每張處理單及其回訪單各佔一頁，頁尾有頁碼。作廢的編號、缺號（從未發出）和尚未歸檔的處理單列在封面和目錄中。再次裝訂只給之後歸檔的處理單編號，已裝訂的保持原號。`,
    `Bind the year’s archived (and voided) complaint tickets with their return-visit forms: give each ticket not yet bound an archive number TS-YYYY-Vnn/sss in new volumes of N tickets (default ${DEFAULT_VOLUME_SIZE}, at most ${MAX_VOLUME_SIZE}), add a line per volume to the binding index, write the binding number into each ticket, with audit entries. <volumes.xlsx> gets one sheet per volume of the year to print: cover, index, each ticket and its return visit on their own pages, page numbers in the footer. Voided numbers, missing (never issued) numbers and tickets not archived yet are listed on the cover and in the index. Binding again only numbers tickets archived since; bound ones keep their numbers.`,
  ),
  flags: {
    year: { value: '<YYYY>', help: t('装订的年份。', '裝訂的年份。', 'The year to bind.') },
    out: { value: '<volumes.xlsx>', help: t('要写入的装订卷工作簿（不能是台账）。', '要寫入的裝訂卷活頁簿（不能是臺賬）。', 'The bound-volume workbook to write (never a ledger).') },
    'volume-size': { value: '<N>', help: t('每卷张数。', '每卷張數。', 'Tickets per volume.') },
    force: FLAG.force,
    clerk: FLAG.clerk,
    wait: FLAG.wait,
  },
  async run(parsed) {
    const locale = localeFlag(parsed);
    const file = argument(parsed, 0, '<ledger.xlsx>');
    noMoreArguments(parsed, 1);
    const year = flag(parsed, 'year', true)!;
    const out = flag(parsed, 'out', true)!;
    const volumeSize = flag(parsed, 'volume-size');
    bindVolumes.prepare({ year, volumeSize }, { clock: systemClock(), actor: { clerk: clerkOf(parsed) } }); // refuse bad input before reading the workbook
    await checkOutputPath(out, { inputs: [file], force: parsed.flags.has('force'), flag: '--out' });
    const { result, site, workbookLocale } = await changeLedger(parsed, file, async ({ ledger, clock, clerk }) => {
      const { result } = await runOperation(ledger, bindVolumes, { year, volumeSize }, { clock, actor: { clerk } });
      return { result, site: (await ledger.settings()).site, workbookLocale: ledger.locale };
    });
    // The volumes are printed in the workbook's language, like its sheets.
    const { buildBoundVolumes } = await import('../../addin/src/workbooks/boundVolumes');
    const volumes = buildBoundVolumes(result, { locale: workbookLocale, site });
    await writeOutputFile(out, new Uint8Array(await volumes.xlsx.writeBuffer()));
    if (result.newlyBound > 0) {
      console.log(message('bindDone', locale, { year: result.year, count: result.newlyBound, voids: result.newlyBoundVoid, volumes: result.newVolumes.length, list: result.newVolumes.join(', ') }));
    } else {
      console.log(message('bindNothing', locale, { year: result.year, bound: result.alreadyBound }));
    }
    console.log(message('bindPending', locale, { year: result.year, pending: result.pending, gaps: result.gaps.length }));
    console.log(message('boundWorkbookWritten', locale, { file: out, volumes: result.volumes.length }));
  },
};
