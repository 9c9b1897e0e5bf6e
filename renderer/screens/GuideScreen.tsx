// The service guide (办事指南) for residents: who can apply, what to bring, how the matter crosses city lines
// in plain words, how long it takes, what it costs, how the result arrives, and whom to call. Never the staff
// block. The kiosk's actions sit at the bottom: apply or book (when the kiosk can), and always "print this
// guide" (一次告知), so a resident can leave with everything on paper.
import { crossRegionModeInfo, type ServiceItem } from '../../src/domain/catalog';
import type { MetroCityCode } from '../../src/domain/divisions';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { Screen } from '../components/Screen';
import { GuideBody, guideTexts } from './parts/GuideBody';
import { anyFallsBack } from './parts/Prose';
import './screens.css';

export type GuidePrintState = 'idle' | 'printing' | 'printed' | 'failed';

export interface GuideScreenProps {
  item: ServiceItem;
  /** The handling city chosen while browsing; null when the item was found by search before a city was chosen. */
  city: MetroCityCode | null;
  /** The session's language (the same as useLocale's). */
  locale: Locale;
  onApply: () => void;
  onPrintGuide: () => void;
  printState: GuidePrintState;
  /** After the guide was printed: "done", which leads to the rating (好差评 after every service). */
  onDone?: () => void;
  onBack: () => void;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
}

const printMessage = { idle: null, printing: 'guide.printing', printed: 'guide.printed', failed: 'guide.printFailed' } as const;

export function GuideScreen({ item, city, locale, onApply, onPrintGuide, printState, onDone, onBack, onHome, onLocale }: GuideScreenProps) {
  const { t } = useLocale();
  const mode = crossRegionModeInfo[item.kioskMode];
  const printKey = printMessage[printState];
  useSpeakOnMount(`${item.name[locale]}。${t(mode.explainKey)}`, locale);

  const footer = (
    <div className="actions">
      <p className={`print-state ${printState}`} role="status" aria-live="polite" data-testid="guide-print-state" data-state={printState}>
        {printKey ? t(printKey) : ''}
      </p>
      {/* For a guide-only item, printing the guide is the one main action. */}
      <button type="button" className={item.kiosk === 'guide' ? 'button primary main-action' : 'button'} onClick={onPrintGuide} disabled={printState === 'printing'} data-testid="guide-print">
        {t('guide.print')}
      </button>
      {printState === 'printed' && onDone && (
        <button type="button" className="button" onClick={onDone} data-testid="guide-done">
          {t('common.done')}
        </button>
      )}
      {item.kiosk !== 'guide' && (
        <button type="button" className="button primary main-action" onClick={onApply} data-testid="guide-apply">
          {t(item.kiosk === 'appointment' ? 'kiosk.appointmentAction' : 'kiosk.applyAction')}
        </button>
      )}
    </div>
  );

  return (
    <Screen title={t('guide.title')} testId="screen-guide" onBack={onBack} onHome={onHome} onLocale={onLocale} footer={footer}>
      {anyFallsBack(guideTexts(item), locale) && (
        <p className="note" data-testid="guide-untranslated">
          {t('guide.untranslated')}
        </p>
      )}
      <GuideBody item={item} city={city} />
    </Screen>
  );
}
