// Check and submit. Everything the resident entered is listed for checking, with personal data masked
// (张*三, 4201**********1234, 139****5678, street numbers hidden): the screen faces a public room, and the
// resident saw the full values while typing them. The separate consent the personal information law asks for
// (单独同意) was given before the card was read (ConsentScreen); this screen says so again.
import { crossRegionModeInfo, type ServiceItem } from '../../src/domain/catalog';
import type { IdentityCard } from '../../src/domain/card';
import type { MetroCityCode } from '../../src/domain/divisions';
import { isFieldVisible, type FormValues } from '../../src/domain/validation';
import { maskIdNumber, maskName } from '../../src/domain/mask';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { Screen } from '../components/Screen';
import { displayValue, isShownFromCard } from './parts/reviewValues';
import { cityName } from './parts/Prose';
import './screens.css';

export interface ReviewScreenProps {
  item: ServiceItem;
  values: FormValues;
  /** The card read for this session (its name and number are shown masked); null when none was read. */
  card: IdentityCard | null;
  /** The session's language (the same as useLocale's). */
  locale: Locale;
  /** The handling city, shown for checking. Default: not shown. */
  city?: MetroCityCode | null;
  onEdit: () => void;
  onConfirm: () => void;
  /** True while the application is being written to the outbox: confirm is disabled and says so. */
  submitting: boolean;
  onBack: () => void;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
}

export function ReviewScreen(props: ReviewScreenProps) {
  const { item, values, card, locale, city = null, onEdit, onConfirm, submitting } = props;
  const { t } = useLocale();
  const service = item.name[locale];
  useSpeakOnMount(`${t('review.title')}。${t('help.purpose.review')}`, locale);

  const rows: { key: string; label: string; value: string; fromCard: boolean }[] = [
    { key: 'service', label: t('review.service'), value: service, fromCard: false },
    ...(city ? [{ key: 'city', label: t('review.city'), value: cityName(city, locale), fromCard: false }] : []),
    { key: 'mode', label: t('review.mode'), value: t(crossRegionModeInfo[item.kioskMode].titleKey), fromCard: false },
    ...(card
      ? [
          { key: 'cardName', label: t('form.applicantName'), value: maskName(card.name), fromCard: true },
          { key: 'cardId', label: t('form.idNumber'), value: maskIdNumber(card.idNumber), fromCard: true },
        ]
      : []),
  ];
  for (const field of item.form) {
    if (!isFieldVisible(field, values) || (card && isShownFromCard(field))) continue;
    const value = displayValue(field, values[field.id] ?? (card && field.prefillFrom ? card[field.prefillFrom] : undefined), locale);
    if (value === null) continue;
    rows.push({ key: field.id, label: field.label[locale], value, fromCard: field.prefillFrom !== undefined && field.prefillMode !== 'suggest' && card !== null });
  }

  const footer = (
    <div className="actions">
      <button type="button" className="button" onClick={onEdit} disabled={submitting} data-testid="review-edit">
        {t('review.edit')}
      </button>
      <button
        type="button"
        className="button primary main-action"
        onClick={onConfirm}
        disabled={submitting}
        data-testid="review-confirm"
      >
        {submitting ? t('submit.saving') : t(item.kiosk === 'appointment' ? 'submit.appointment' : 'submit.apply')}
      </button>
    </div>
  );

  return (
    <Screen title={t('review.title')} testId="screen-review" onBack={props.onBack} onHome={props.onHome} onLocale={props.onLocale} footer={footer}>
      <dl className="review-list">
        {rows.map((row) => (
          <div key={row.key} className="review-row" data-testid={`review-row-${row.key}`}>
            <dt>{row.label}</dt>
            <dd>
              {row.value}
              {row.fromCard && <span className="tag">{t('form.fromCard')}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="note" data-testid="review-consent-given">
        {t('consent.given', { service })}
      </p>
    </Screen>
  );
}
