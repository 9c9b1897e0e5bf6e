// Guide prose on resident screens. Chinese is always there; English only where a reviewed translation
// exists, so an English session may show Chinese text: it then carries its own `lang`, which makes screen
// readers and speech pick a Chinese voice and lets the screen say once that some details are Chinese only.
import type { ElementType } from 'react';
import { localize, type GuideText, type LocalizedText } from '../../../src/domain/catalog';
import { getDivision, type MetroCityCode } from '../../../src/domain/divisions';
import { localeLangTag, type Locale } from '../../../src/i18n/locales';
import { useLocale } from '../../context/i18n';

/** True when at least one of the non-empty texts falls back to Chinese in this locale. */
export const anyFallsBack = (texts: readonly (GuideText | LocalizedText)[], locale: Locale): boolean =>
  texts.some((text) => {
    const shown = localize(text, locale);
    return shown.text.trim() !== '' && shown.lang !== locale;
  });

/** "Label：" in Chinese, "Label: " in English (a full-width colon in English text looks broken). */
export const withColon = (label: string, locale: Locale): string => (locale === 'en' ? `${label}: ` : `${label}：`);

/** A city's name in the locale, or its code when the table does not know it (never blank). */
export const cityName = (code: MetroCityCode | string, locale: Locale): string => getDivision(code)?.name[locale] ?? code;

export interface ProseProps {
  text: GuideText | LocalizedText;
  /** Element to render. Default 'p'. */
  as?: ElementType;
  className?: string;
}

/** The text in the session's language (or Chinese with a `lang` attribute); nothing at all when empty. */
export function Prose({ text, as: Tag = 'p', className }: ProseProps) {
  const { locale } = useLocale();
  const shown = localize(text, locale);
  if (shown.text.trim() === '') return null;
  return (
    <Tag className={className} lang={shown.lang === locale ? undefined : localeLangTag[shown.lang]}>
      {shown.text}
    </Tag>
  );
}
