import { fixedClock, type Clock } from '../core/clock';
import { buildDemo, buildFieldDemo, buildPerformanceDemo, demoClock, demoToday, firstDeskMorning, type DemoResult, type PerformanceDemoResult } from '../domain/demo';
import { DESK_TEXTS } from '../domain/demoWords';
import type { FieldMonthSummary } from '../domain/fieldMonth';
import { buildScenicDemo, type ScenicSeasonSummary } from '../domain/visitors/scenicSeason';
import type { Locale } from '../i18n/locale';
import { buildTemplateBuffer } from './template';
import { XlsxLedger } from '../ledger/xlsx/xlsxLedger';

export interface DemoWorkbookOptions {
  readonly locale: Locale;
  readonly year: number;
  /** The real time, read once: the demo's today (see `demoToday`). */
  readonly clock: Clock;
  readonly complaints?: number;
  /** The station that claims the demo's numbers. */
  readonly station: string;
}

export interface DemoWorkbook {
  readonly bytes: Uint8Array;
  readonly desk: DemoResult;
  readonly performance: PerformanceDemoResult;
  /** The field teams' month (none in January of a year in progress). */
  readonly field?: FieldMonthSummary;
  /** The scenic area's May Day season (none before it is over). */
  readonly scenic?: ScenicSeasonSummary;
}

/**
 * A demo ledger as `kefu demo` writes it and the preview loads it: the template of the locale,
 * made on the desk's first morning of the year for the demo hospital, then the year's desk
 * activity and performance inputs up to today, a month of two field teams' work, the scenic area's
 * May Day season of special visitors, each action at its own time (the ledger's
 * numbering claims too).
 */
export async function buildDemoWorkbook(options: DemoWorkbookOptions): Promise<DemoWorkbook> {
  const { locale, year } = options;
  const clock = fixedClock(options.clock.now());
  const today = demoToday(year, clock);
  const morning = firstDeskMorning(year);
  const createdAt = morning < today ? morning : today;
  const desk = demoClock(createdAt);
  const template = await buildTemplateBuffer({ locale, createdAt: `${createdAt}:00`, site: DESK_TEXTS.site[locale] });
  const ledger = await XlsxLedger.fromBuffer(template, { station: options.station, clock: desk });
  const deskResult = await buildDemo(ledger, { year, locale, clock, complaints: options.complaints, deskClock: desk });
  const performance = await buildPerformanceDemo(ledger, { year, locale, clock, deskClock: desk });
  const field = await buildFieldDemo(ledger, { year, locale, clock, deskClock: desk });
  const scenic = await buildScenicDemo(ledger, { year, locale, clock, deskClock: desk });
  return { bytes: await ledger.toBuffer(), desk: deskResult, performance, field, scenic };
}
