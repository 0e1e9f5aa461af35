/** The three languages every word a user reads exists in. zh-CN is the default. */
export const LOCALES = ['zh-CN', 'zh-TW', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A piece of user-facing text in every locale. */
export type Text = Readonly<Record<Locale, string>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Maps any language tag (Office's displayLanguage, a --locale flag, LANG) to one of ours:
 * Traditional-script tags (zh-TW, zh-HK, zh-MO, zh-Hant) to zh-TW, other Chinese and unknown
 * tags to zh-CN, English to en-US.
 */
export function resolveLocale(tag: string | undefined | null): Locale {
  if (!tag) return DEFAULT_LOCALE;
  const t = tag.replace('_', '-').toLowerCase();
  if (t.startsWith('en')) return 'en-US';
  if (t.startsWith('zh') && /(-tw|-hk|-mo|-hant)/.test(t)) return 'zh-TW';
  return DEFAULT_LOCALE;
}

/** Fills `{name}` placeholders. */
export function format(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}
