// Text, phone, number, ID number and date fields: a large box that opens the docked keyboard when tapped
// (no system keyboard on a kiosk). Dates are typed as eight digits; appointment-type dates (future only)
// also offer the next seven days as one-tap tiles.
import { useLocale } from '../../context/i18n';
import type { FormField } from '../../../src/domain/catalog';
import type { Locale } from '../../../src/i18n/locales';
import { nextDays } from './formModel';

export interface TextLikeFieldProps {
  field: FormField;
  value: string;
  locale: Locale;
  /** Today in China (YYYY-MM-DD): the first of the quick-pick days. */
  today: string;
  active: boolean;
  labelId: string;
  errorId?: string;
  onOpen: () => void;
  /** For dates picked from the tiles. */
  onChange: (value: string) => void;
}

export function TextLikeField({ field, value, locale, today, active, labelId, errorId, onOpen, onChange }: TextLikeFieldProps) {
  const { t } = useLocale();
  const valueId = `${labelId}-value`;
  const quickDays = field.kind === 'date' && field.dateRange === 'future' ? nextDays(today, 7) : [];
  const dayLabel = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', weekday: 'short', timeZone: 'UTC' });
  return (
    <>
      <button
        type="button"
        className={`ff-input${active ? ' active' : ''}${value === '' ? ' empty' : ''}`}
        onClick={onOpen}
        aria-labelledby={`${labelId} ${valueId}`}
        aria-describedby={errorId}
        aria-invalid={errorId ? true : undefined}
        aria-expanded={active}
        data-testid={`form-input-${field.id}`}
      >
        <span id={valueId} className="ff-value">
          {value === '' ? (field.kind === 'date' ? 'YYYY-MM-DD' : t('form.tapToType')) : value}
        </span>
      </button>
      {field.kind === 'date' && <div className="ff-hint">{t('form.date.hint')}</div>}
      {quickDays.length > 0 && (
        <div className="ff-days" role="radiogroup" aria-label={t('form.date.choose')}>
          {quickDays.map((day) => (
            <button key={day} type="button" role="radio" aria-checked={value === day} className="ff-tile" onClick={() => onChange(day)} data-testid={`form-option-${field.id}-${day}`}>
              {dayLabel.format(new Date(`${day}T00:00:00Z`))}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
