import type { Locale } from '../i18n/locale';
import { isLocale, resolveLocale } from '../i18n/locale';
import type { ExcelRun } from '../ledger/office/officeLedger';

/**
 * What the task pane needs from where it runs: inside Excel (Excel.run, Office's display
 * language) or in the preview (the in-memory host's client). Nothing else in the pane knows which.
 */
export interface PaneEnvironment {
  readonly run: ExcelRun;
  /** Office.context.displayLanguage, or the browser's language in the preview. */
  readonly displayLanguage: string;
  /**
   * The language chosen by the page the pane runs in: the preview's one language control, which
   * also picks the workbook's language. It overrides the display language and the settings, and the
   * settings view then does not offer a choice of its own (two controls would let the pane and the
   * workbook speak different languages). Inside Excel: undefined.
   */
  readonly locale?: Locale;
  /** Where settings are kept on this device. */
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** The view a ribbon button asked for (?view=…). */
  readonly initialView: string | null;
  /** Called after every change the pane made to the workbook (the preview redraws its grid). */
  readonly onWorkbookChanged?: () => void;
}

/** Per-device settings: who the clerk is (audit log), the site, and a language override. */
export interface Settings {
  readonly clerk: string;
  readonly site: string;
  readonly locale: Locale | 'auto';
}

const KEY = 'kefu-ledger.settings';

export function loadSettings(storage: PaneEnvironment['storage']): Settings {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<Record<keyof Settings, unknown>>;
    return {
      clerk: typeof raw.clerk === 'string' ? raw.clerk : '',
      site: typeof raw.site === 'string' ? raw.site : '',
      locale: isLocale(raw.locale) ? raw.locale : 'auto',
    };
  } catch {
    return { clerk: '', site: '', locale: 'auto' };
  }
}

export function saveSettings(storage: PaneEnvironment['storage'], settings: Settings): void {
  storage.setItem(KEY, JSON.stringify(settings));
}

/** The language the pane speaks: the override, else Office's display language (others → zh-CN). */
export function paneLocale(settings: Settings, displayLanguage: string): Locale {
  return settings.locale === 'auto' ? resolveLocale(displayLanguage) : settings.locale;
}

/** The language the pane speaks where it runs: the page's choice (the preview), else `paneLocale`. */
export function environmentLocale(env: Pick<PaneEnvironment, 'locale' | 'displayLanguage'>, settings: Settings): Locale {
  return env.locale ?? paneLocale(settings, env.displayLanguage);
}

/** A station id for this pane session: numbering claims name it (docs/numbering.md). */
export function newStation(clerk: string): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');
  // Cut by characters, not UTF-16 units: half a surrogate pair is text Excel cannot store.
  return [...`${random} ${clerk}`].slice(0, 40).join('');
}

export const VIEWS = ['reception', 'complaints', 'new', 'steps', 'queue', 'broadcasts', 'print', 'binding', 'statistics', 'performance', 'import', 'settings'] as const;
export type ViewId = (typeof VIEWS)[number];

export function viewFrom(value: string | null): ViewId {
  return (VIEWS as readonly string[]).includes(value ?? '') ? (value as ViewId) : 'complaints';
}
