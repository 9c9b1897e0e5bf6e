// An on-screen number pad for the maintenance PIN: digits, delete, enter. The digits are shown as dots and
// live only in this component's state, cleared after every try.
import { useState } from 'react';
import { useLocale } from '../context/i18n';

export function PinPad({ onEnter, disabled }: { onEnter: (pin: string) => void; disabled: boolean }) {
  const { t } = useLocale();
  const [pin, setPin] = useState('');
  const press = (digit: string) => setPin((p) => (p.length < 12 ? p + digit : p));
  return (
    <div className="pin-pad" data-testid="pin-pad">
      <p className="pin-dots" data-testid="pin-dots" aria-live="polite">
        {'●'.repeat(pin.length) || '\u00a0'}
      </p>
      <div className="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button key={d} type="button" className="button" data-testid={`pin-${d}`} onClick={() => press(d)} disabled={disabled}>
            {d}
          </button>
        ))}
        <button type="button" className="button" data-testid="pin-delete" onClick={() => setPin((p) => p.slice(0, -1))} disabled={disabled}>
          {t('maint.pinDelete')}
        </button>
        <button type="button" className="button" data-testid="pin-0" onClick={() => press('0')} disabled={disabled}>
          0
        </button>
        <button
          type="button"
          className="button primary"
          data-testid="pin-enter"
          disabled={disabled || pin.length < 6}
          onClick={() => {
            onEnter(pin);
            setPin('');
          }}
        >
          {t('maint.pinEnter')}
        </button>
      </div>
    </div>
  );
}
