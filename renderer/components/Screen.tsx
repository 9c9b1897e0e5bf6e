// The frame of every screen after attract: title, back and home, language switch; content below.
import type { ReactNode } from 'react';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../app/i18n';
import { useSessionControls } from '../app/sessionControls';
import { ElderVoiceToggles } from './ElderVoiceToggles';
import { LanguageSwitch } from './LanguageSwitch';

export interface ScreenProps {
  title: string;
  testId: string;
  onHome?: () => void;
  onBack?: () => void;
  onLocale: (locale: Locale) => void;
  footer?: ReactNode;
  children: ReactNode;
}

export function Screen({ title, testId, onHome, onBack, onLocale, footer, children }: ScreenProps) {
  const { t } = useLocale();
  const controls = useSessionControls();
  return (
    <div className="screen" data-testid={testId}>
      <header className="topbar">
        <nav>
          {onBack && (
            <button type="button" className="button on-dark" onClick={onBack} data-testid="nav-back">
              {t('common.back')}
            </button>
          )}
          {onHome && (
            <button type="button" className="button on-dark" onClick={onHome} data-testid="nav-home">
              {t('common.home')}
            </button>
          )}
        </nav>
        <h1>{title}</h1>
        <div className="topbar-tools">
          {controls && <ElderVoiceToggles {...controls} />}
          <LanguageSwitch onChange={onLocale} />
        </div>
      </header>
      {/* Focusable so a keyboard or switch user can scroll long content (axe: scrollable-region-focusable). */}
      <main className="content" tabIndex={0}>
        {children}
      </main>
      {footer && <footer className="footer">{footer}</footer>}
    </div>
  );
}
