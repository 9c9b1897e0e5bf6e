// A choice as big radio tiles: one tap, the choice is visible, no dropdown to aim at.
import type { FormField } from '../../../src/domain/catalog';
import { localize } from '../../../src/domain/catalog';
import type { Locale } from '../../../src/i18n/locales';

export interface ChoiceFieldProps {
  field: FormField;
  value: string;
  locale: Locale;
  labelId: string;
  errorId?: string;
  onChange: (value: string) => void;
}

export function ChoiceField({ field, value, locale, labelId, errorId, onChange }: ChoiceFieldProps) {
  const options = field.options ?? [];
  return (
    <div
      className={`ff-choices${options.length > 4 ? ' many' : ''}`}
      role="radiogroup"
      aria-labelledby={labelId}
      aria-describedby={errorId}
      aria-invalid={errorId ? true : undefined}
      data-testid={`form-input-${field.id}`}
    >
      {options.map((o) => {
        const text = localize(o.label, locale);
        return (
          <button
            key={o.value}
            type="button"
            role="radio"
            aria-checked={value === o.value}
            className="ff-tile"
            lang={text.lang}
            onClick={() => onChange(o.value)}
            data-testid={`form-option-${field.id}-${o.value}`}
          >
            {text.text}
          </button>
        );
      })}
    </div>
  );
}
