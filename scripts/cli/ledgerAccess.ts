import * as path from 'node:path';
import { systemClock, type Clock } from '../../addin/src/core/clock';
import { KefuError } from '../../addin/src/core/problems';
import { message } from '../../addin/src/i18n/messages';
import type { Locale } from '../../addin/src/i18n/locale';
import { TEMPLATE_VERSION } from '../../addin/src/ledger/layout';
import { aboutFile, changeLedgerFile, describeHolder, readLedgerFile } from '../../addin/src/ledger/xlsx/files';
import { PackageLedger } from '../../addin/src/ledger/xlsx/packageLedger';
import { clerkOf, localeFlag, station, waitOf, type Parsed } from './args';
import { collectGarbage } from './memory';

/**
 * How a command reaches a ledger file: to change it (locked, checked, replaced atomically: see
 * ledger/xlsx/files.ts) or only to read it. Either way the ledger is edited or read part by part
 * (PackageLedger), and a ledger of another template version is refused before anything is done.
 */

export interface LedgerWork {
  readonly ledger: PackageLedger;
  readonly clock: Clock;
  readonly clerk: string;
}

/** Refuses a ledger made by a newer kefu, and points an older one to `kefu upgrade`. */
export async function checkTemplateVersion(ledger: PackageLedger, file: string): Promise<void> {
  const version = Number((await ledger.settings()).template_version ?? '1') || 1;
  if (version > TEMPLATE_VERSION) throw new KefuError([{ kind: 'ledgerTooNew', params: { path: path.basename(file), version, ours: TEMPLATE_VERSION } }]);
  if (version < TEMPLATE_VERSION) throw new KefuError([{ kind: 'ledgerNeedsUpgrade', params: { path: path.basename(file), version, ours: TEMPLATE_VERSION } }]);
}

/**
 * Opens the ledger `file` to change it and runs `work`; whatever the work changed is written when
 * it returns (nothing when it changed nothing). `anyVersion`: the upgrade itself.
 */
export async function changeLedger<T>(parsed: Parsed, file: string, work: (w: LedgerWork) => Promise<T>, options: { anyVersion?: boolean } = {}): Promise<T> {
  const locale: Locale = localeFlag(parsed);
  const clerk = clerkOf(parsed);
  const clock = systemClock();
  return changeLedgerFile(
    file,
    {
      command: `kefu ${parsed.command.words.join(' ')}`,
      waitMs: waitOf(parsed),
      onWait: (holder) => console.error(message('ledgerWaiting', locale, { file: path.basename(file), holder: describeHolder(holder) })),
    },
    async (zip) => {
      const ledger = await aboutFile(file, () => PackageLedger.open(zip, { station: station(clerk), clock }));
      if (!options.anyVersion) await checkTemplateVersion(ledger, file);
      const result = await work({ ledger, clock, clerk });
      return {
        result,
        write: ledger.hasChanges
          ? (sink) => {
              collectGarbage(); // what the work made and let go, before the file is written
              return ledger.write(sink);
            }
          : undefined,
      };
    },
  );
}

/** Opens a ledger only to read it (no lock; any template version the reader understands). */
export async function readLedger(file: string): Promise<PackageLedger> {
  const zip = await readLedgerFile(file);
  return aboutFile(file, () => PackageLedger.open(zip, { station: station('read'), clock: systemClock() }));
}
