// The session's language for every component: a context with `t` bound to the current locale.
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { t } from '../../src/i18n';
import type { MessageKey, MessageParams } from '../../src/i18n';
import type { Locale } from '../../src/i18n/locales';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

const LocaleContext = createContext<{ locale: Locale; t: Translate }>({ locale: 'zh-CN', t: (key, params) => t('zh-CN', key, params) });

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={{ locale, t: (key, params) => t(locale, key, params) }}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);
