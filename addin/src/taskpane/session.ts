import * as React from 'react';
import type { Locale } from '../i18n/locale';
import { systemClock, type Clock } from '../core/clock';
import { KefuError } from '../core/problems';
import { openOfficeLedger, type OfficeLedgerHandle } from '../ledger/office/officeLedger';
import { newStation, type PaneEnvironment, type Settings } from './environment';

/**
 * The pane's connection to the workbook: the ledger (opened once per clerk), the clock, and a
 * guard that lets one action run at a time (a second click while busy does nothing).
 */
export interface PaneSession {
  readonly env: PaneEnvironment;
  readonly settings: Settings;
  readonly locale: Locale;
  readonly clock: Clock;
  ledger(): Promise<OfficeLedgerHandle>;
  /** The template version and file name of the ledger open, once known (null: not yet, or not a ledger). */
  readonly opened: { readonly version: number; readonly name: string } | null;
  /** Opens the ledger again (after the workbook was upgraded). */
  reopen(): void;
  /** Runs an action unless one is running; reports busy state to the UI. */
  act<T>(action: () => Promise<T>): Promise<T | undefined>;
  readonly busy: boolean;
}

export const SessionContext = React.createContext<PaneSession | null>(null);

export function useSession(): PaneSession {
  const session = React.useContext(SessionContext);
  if (!session) throw new Error('useSession outside of the pane');
  return session;
}

export function useCreateSession(env: PaneEnvironment, settings: Settings, locale: Locale): PaneSession {
  const [busy, setBusy] = React.useState(false);
  const running = React.useRef(false);
  const clock = React.useMemo(() => systemClock(), []);
  const ledgerPromise = React.useRef<{ clerk: string; generation: number; ledger: Promise<OfficeLedgerHandle> } | null>(null);
  const [generation, setGeneration] = React.useState(0);
  const [opened, setOpened] = React.useState<PaneSession['opened']>(null);
  const ledger = React.useCallback(() => {
    if (!ledgerPromise.current || ledgerPromise.current.clerk !== settings.clerk || ledgerPromise.current.generation !== generation) {
      const opening = openOfficeLedger(env.run, { station: newStation(settings.clerk || 'kefu'), clock });
      // A failed open (not a ledger yet) is retried on the next action.
      opening.catch(() => (ledgerPromise.current = null));
      ledgerPromise.current = { clerk: settings.clerk, generation, ledger: opening };
    }
    return ledgerPromise.current.ledger;
  }, [env, settings.clerk, clock, generation]);
  React.useEffect(() => {
    let current = true;
    ledger().then(
      (l) => current && setOpened({ version: l.templateVersion, name: l.workbookName }),
      () => current && setOpened(null),
    );
    return () => {
      current = false;
    };
  }, [ledger]);
  const reopen = React.useCallback(() => setGeneration((g) => g + 1), []);
  const act = React.useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      try {
        return await action();
      } finally {
        running.current = false;
        setBusy(false);
        env.onWorkbookChanged?.();
      }
    },
    [env],
  );
  return React.useMemo(() => ({ env, settings, locale, clock, ledger, opened, reopen, act, busy }), [env, settings, locale, clock, ledger, opened, reopen, act, busy]);
}

/** A failure as the clerk should read it: our own errors in their language, others as they are. */
export function errorText(error: unknown, locale: Locale): string {
  if (error instanceof KefuError) return error.describe(locale).join('\n');
  if (error instanceof Error) return error.message;
  return String(error);
}
