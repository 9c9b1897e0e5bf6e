// The application form, generated from the item's schema (catalog.ts formFieldSchema). Card fields are shown
// read-only with a "from your ID card" mark; everything typed goes through the docked on-screen keyboard.
// Props in, callbacks out: the values and errors are the flow's, so nothing typed is lost when validation
// fails or the language changes; the only local state is which field the keyboard is typing into.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { IdentityCard } from '../../src/domain/card';
import { localize, type FormField, type ServiceItem } from '../../src/domain/catalog';
import { isFieldVisible, type FieldError, type FieldValue, type FormValues } from '../../src/domain/validation';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { OnScreenKeyboard, type KeyboardHandle } from '../components/keyboard/OnScreenKeyboard';
import { Screen } from '../components/Screen';
import { AddressField } from './form/AddressField';
import { addressFromCardText } from './form/cardAddress';
import { ChoiceField } from './form/ChoiceField';
import { asAddress, asText, dateDigits, formatDateDigits, isLockedToCard, keyboardFor, lockedDisplay, targetKey, type KeyboardTarget } from './form/formModel';
import { TextLikeField } from './form/TextLikeField';
import './form/form.css';

export interface FormScreenProps {
  item: Pick<ServiceItem, 'id' | 'name' | 'form'>;
  locale: Locale;
  /** The card read for this application; null when the resident has none (then nothing is locked). */
  card: IdentityCard | null;
  values: FormValues;
  errors: Record<string, FieldError>;
  /** Today in China (YYYY-MM-DD) by the flow's clock: where the quick-pick days of a future date start. */
  today: string;
  onChange: (fieldId: string, value: FieldValue) => void;
  onSubmit: () => void;
  onBack: () => void;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
}

const scrollToField = (fieldId: string): void => {
  requestAnimationFrame(() => {
    void document.querySelector(`[data-testid="form-field-${CSS.escape(fieldId)}"]`)?.scrollIntoView({ block: 'center' });
  });
};

export function FormScreen({ item, locale, card, values, errors, today, onChange, onSubmit, onBack, onHome, onLocale }: FormScreenProps) {
  const { t } = useLocale();
  useSpeakOnMount(`${t('form.title')}。${t('help.purpose.form')}`, locale);
  const [target, setTarget] = useState<KeyboardTarget | null>(null);
  const keyboard = useRef<KeyboardHandle>(null);
  const fields = item.form.filter((f) => isFieldVisible(f, values));

  // The card address is only a starting point for a mailing address (prefillMode 'suggest'): offered once per
  // field while it is empty, then it is the resident's to change.
  const suggested = useRef(new Set<string>());
  useEffect(() => {
    if (!card) return;
    for (const field of fields) {
      if (field.kind !== 'address' || field.prefillFrom !== 'address' || values[field.id] !== undefined || suggested.current.has(field.id)) continue;
      suggested.current.add(field.id);
      const address = addressFromCardText(card.address);
      if (address) onChange(field.id, address);
    }
  });

  // After a failed submit, bring the first field to fix into view.
  const firstError = item.form.find((f) => errors[f.id] !== undefined)?.id;
  useEffect(() => {
    if (firstError) scrollToField(firstError);
  }, [errors, firstError]);

  const open = (next: KeyboardTarget | null) => {
    keyboard.current?.flush(); // letters composed for the previous field go into it, not into the next one
    setTarget(next);
    if (next) scrollToField(next.fieldId);
  };
  const submit = () => {
    open(null);
    onSubmit();
  };

  const targetField = target ? item.form.find((f) => f.id === target.fieldId) : undefined;
  let keyboardView = null;
  if (target && targetField) {
    const config = keyboardFor(targetField, target.part);
    const current = values[targetField.id];
    let text: string;
    let write: (typed: string) => void;
    if (target.part) {
      const part = target.part;
      text = part === 'detail' ? asAddress(current).detail : (asAddress(current).postalCode ?? '');
      write = (typed) => {
        const address = asAddress(values[targetField.id]);
        if (part === 'detail') onChange(targetField.id, { ...address, detail: typed });
        else {
          const { postalCode: _old, ...rest } = address;
          onChange(targetField.id, typed === '' ? rest : { ...rest, postalCode: typed });
        }
      };
    } else if (targetField.kind === 'date') {
      text = dateDigits(asText(current));
      write = (typed) => onChange(targetField.id, formatDateDigits(typed));
    } else {
      text = asText(current);
      write = (typed) => onChange(targetField.id, typed);
    }
    keyboardView = (
      <OnScreenKeyboard
        key={targetKey(target)}
        ref={keyboard}
        value={text}
        onChange={write}
        mode={config.mode}
        allowModes={config.allowModes}
        maxLength={config.maxLength}
        numericX={config.numericX}
        onDone={() => setTarget(null)}
      />
    );
  }

  const errorCount = Object.keys(errors).length;
  const footer = keyboardView ?? (
    <div className="ff-submitbar">
      {errorCount > 0 && (
        <p className="ff-summary" role="alert" data-testid="form-summary">
          {t('validation.form.hasErrors', { count: errorCount })}
        </p>
      )}
      <button type="button" className="button primary ff-submit" onClick={submit} data-testid="form-submit">
        {t('common.next')}
      </button>
    </div>
  );

  const name = localize(item.name, locale);
  return (
    <Screen title={t('form.title')} testId="screen-form" onBack={onBack} onHome={onHome} onLocale={onLocale} footer={footer}>
      <p className="ff-item" lang={name.lang}>
        {name.text}
      </p>
      <div className="ff-fields">
        {fields.map((field) => (
          <FieldFrame key={field.id} field={field} locale={locale} card={card} error={errors[field.id]}>
            {(ids) => renderControl(field, ids)}
          </FieldFrame>
        ))}
      </div>
    </Screen>
  );

  function renderControl(field: FormField, ids: { labelId: string; errorId?: string }) {
    const value = values[field.id];
    if (card && isLockedToCard(field, card)) {
      return (
        <div className="ff-input locked" aria-labelledby={ids.labelId} data-testid={`form-input-${field.id}`}>
          <span className="ff-value">{lockedDisplay(field, value, card)}</span>
        </div>
      );
    }
    if (field.kind === 'choice') return <ChoiceField field={field} value={asText(value)} locale={locale} {...ids} onChange={(v) => onChange(field.id, v)} />;
    if (field.kind === 'address') {
      return (
        <AddressField
          field={field}
          value={asAddress(value)}
          locale={locale}
          labelId={ids.labelId}
          error={errors[field.id]}
          errorId={`ff-${field.id}-error`}
          activePart={target?.fieldId === field.id && target.part ? target.part : null}
          onChange={(address) => onChange(field.id, address)}
          onOpenKeyboard={(part) => open({ fieldId: field.id, part })}
          onPickerOpen={() => open(null)}
        />
      );
    }
    return (
      <TextLikeField
        field={field}
        value={asText(value)}
        locale={locale}
        today={today}
        active={target?.fieldId === field.id}
        {...ids}
        onOpen={() => open({ fieldId: field.id })}
        onChange={(v) => {
          open(null);
          onChange(field.id, v);
        }}
      />
    );
  }
}

interface FieldFrameProps {
  field: FormField;
  locale: Locale;
  card: IdentityCard | null;
  error: FieldError | undefined;
  children: (ids: { labelId: string; errorId?: string }) => ReactNode;
}

/** Label, required/optional, card mark, hint, the control, and the message in place under it. */
function FieldFrame({ field, locale, card, error, children }: FieldFrameProps) {
  const { t } = useLocale();
  const label = localize(field.label, locale);
  const hint = field.hint ? localize(field.hint, locale) : undefined;
  const labelId = `ff-${field.id}-label`;
  const errorId = `ff-${field.id}-error`;
  const locked = card !== null && isLockedToCard(field, card);
  const suggestedFromCard = card !== null && field.prefillFrom !== undefined && field.prefillMode === 'suggest';
  return (
    <div className={`ff-field${error ? ' invalid' : ''}${locked ? ' is-locked' : ''}`} data-testid={`form-field-${field.id}`}>
      <div className="ff-label" id={labelId}>
        <span lang={label.lang}>{label.text}</span>
        {!locked && <span className="ff-req">{field.required ? t('form.required') : t('form.optional')}</span>}
        {locked && <span className="ff-card">{t('form.fromCard')}</span>}
      </div>
      {hint && (
        <div className="ff-hint" lang={hint.lang}>
          {hint.text}
        </div>
      )}
      {suggestedFromCard && <div className="ff-hint">{t('form.suggestedFromCard')}</div>}
      {children({ labelId, ...(error ? { errorId } : {}) })}
      {error && field.kind !== 'address' && (
        <p className="ff-error" id={errorId} data-testid={`form-error-${field.id}`}>
          {t(error.key, error.params)}
        </p>
      )}
    </div>
  );
}
