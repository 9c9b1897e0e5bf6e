// The kiosk's three display languages. Runs anywhere. zh-CN is the default and the reference: every other
// catalogue must have each of its keys (see messages/*.ts and i18n.test.ts).

export const locales = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof locales)[number];

/** The language a fresh session starts in. */
export const defaultLocale: Locale = 'zh-CN';

/** The BCP 47 tag to put in `lang` attributes, so screen readers and speechSynthesis pick the right voice. */
export const localeLangTag: Record<Locale, string> = { 'zh-CN': 'zh-CN', 'zh-TW': 'zh-TW', en: 'en' };

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (locales as readonly string[]).includes(value);
