// The frame of every screen after attract: title, back and home, language switch; content below.
import { useState, type ReactNode } from 'react';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useSessionControls } from '../context/sessionControls';
import { useApplicationStep } from '../context/visitHelp';
import { ElderVoiceToggles } from './ElderVoiceToggles';
import { HelpPanel } from './HelpPanel';
import { TakeCardBack } from './TakeCardBack';
import { LanguageSwitch } from './LanguageSwitch';

export interface ScreenProps {
  title: string;
  testId: string;
  onHome?: () => void;
  onBack?: () => void;
  onLocale: (locale: Locale) => void;
  footer?: ReactNode;
  /** True while this screen asks for the card (no "take your card back" then: the card is meant to be there). */
  waitsForCard?: boolean;
  children: ReactNode;
}

export function Screen({ title, testId, onHome, onBack, onLocale, footer, waitsForCard = false, children }: ScreenProps) {
  const { t } = useLocale();
  const controls = useSessionControls();
  const step = useApplicationStep();
  const [helpOpen, setHelpOpen] = useState(false);
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
          <button type="button" className="button on-dark help-button" onClick={() => setHelpOpen(true)} data-testid="nav-help">
            <span aria-hidden="true">? </span>
            {t('help.button')}
          </button>
          {controls && <ElderVoiceToggles {...controls} />}
          <LanguageSwitch onChange={onLocale} />
        </div>
      </header>
      {step && (
        <p className="step-indicator" data-testid="step-indicator" data-step={step.step} data-total={step.total}>
          {t('step.indicator', { step: step.step, total: step.total })}
        </p>
      )}
      {!waitsForCard && <TakeCardBack />}
      {/* Focusable so a keyboard or switch user can scroll long content (axe: scrollable-region-focusable). */}
      <main className="content" tabIndex={0}>
        {children}
      </main>
      {footer && <footer className="footer">{footer}</footer>}
      {helpOpen && <HelpPanel screenId={testId} screenTitle={title} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
