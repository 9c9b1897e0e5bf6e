// 简 / 繁 / EN on every screen: each button names its language in that language, so anyone finds theirs.
import { localeLangTag, locales } from '../../src/i18n/locales';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';

const labels: Record<Locale, string> = { 'zh-CN': '简体', 'zh-TW': '繁體', en: 'EN' };

export function LanguageSwitch({ onChange, dark = true }: { onChange: (locale: Locale) => void; dark?: boolean }) {
  const { locale, t } = useLocale();
  return (
    <div className="languages" role="group" aria-label={t('language.title')}>
      {locales.map((l) => (
        <button key={l} type="button" lang={localeLangTag[l]} className={`button${dark ? ' on-dark' : ''}`} aria-pressed={l === locale} onClick={() => onChange(l)} data-locale={l} data-testid={`lang-${l}`}>
          {labels[l]}
        </button>
      ))}
    </div>
  );
}
