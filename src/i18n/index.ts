// Message lookup for every screen. Runs anywhere. Screens, validation and the rating flow pass message KEYS
// around (never strings) and turn them into text only here, in the resident's current language.
import type { Locale } from './locales';
import { en } from './messages/en';
import { zhCN, type MessageKey, type Messages } from './messages/zhCN';
import { zhTW } from './messages/zhTW';

export { defaultLocale, isLocale, localeLangTag, locales, type Locale } from './locales';
export type { MessageKey, Messages } from './messages/zhCN';
export { toTraditional } from './hant';

/** The three catalogues by locale. */
export const messages: Record<Locale, Messages> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** Values for `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** A message key with its parameters: what domain code returns instead of text (e.g. a validation error). */
export interface MessageRef {
  key: MessageKey;
  params?: MessageParams;
}

const placeholder = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholder names used in a message, in order of appearance (duplicates kept once). */
export const placeholdersOf = (text: string): string[] => [...new Set([...text.matchAll(placeholder)].map((m) => m[1]!))];

/**
 * The text of `key` in `locale`, with `{name}` placeholders replaced from `params`. A placeholder without a
 * value stays visible as `{name}` rather than vanishing, so a missing parameter shows up in tests and on
 * screen instead of producing a silently wrong sentence.
 */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = messages[locale][key];
  if (!params) return text;
  return text.replace(placeholder, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** {@link t} for a {@link MessageRef}. */
export const tr = (locale: Locale, ref: MessageRef): string => t(locale, ref.key, ref.params);
