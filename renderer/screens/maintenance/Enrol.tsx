// Maintenance: enrol the kiosk with its hub from the screen (technician), the hub address and the one-time code
// typed on the kiosk's own keyboard (no hardware keyboard in a cabin). The host checks the address, enrols,
// writes the address to config.json and connects the hub link at once (contract/maintenanceDevices.ts). The
// address keys include . : / (the keyboard's `url` keys).
import { useState } from 'react';
import type { BridgeClient } from '../../../src/bridge/client';
import { OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard';
import { useLocale } from '../../context/i18n';

export function Enrol({ bridge }: { bridge: BridgeClient }) {
  const { t } = useLocale();
  const [hubUrl, setHubUrl] = useState('https://');
  const [code, setCode] = useState('');
  // Printed with the code (`kioskctl hub enrol-code`): given, a hub whose keys do not match it is refused.
  const [fingerprint, setFingerprint] = useState('');
  const [field, setField] = useState<'hubUrl' | 'code' | 'fingerprint' | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const enrol = async () => {
    setBusy(true);
    setField(null);
    setMessage(t('common.wait'));
    const result = await bridge.call('maintenance.enrol', { hubUrl, code, ...(fingerprint.trim() ? { fingerprint } : {}) });
    setBusy(false);
    if (!result.ok) return setMessage(result.error.message);
    const { kioskId, siteCode, hub } = result.value;
    setMessage(t(hub === 'online' ? 'maint.enrolled' : 'maint.enrolledOffline', { kioskId, siteCode }));
  };
  return (
    <section className="maint-enrol" data-testid="maint-enrol">
      <h2>{t('maint.enrolTitle')}</h2>
      <label>
        {t('maint.hubUrl')}
        <input data-testid="maint-hub-url" value={hubUrl} readOnly onFocus={() => setField('hubUrl')} />
      </label>
      <label>
        {t('maint.enrolCode')}
        <input data-testid="maint-enrol-code" value={code} readOnly onFocus={() => setField('code')} />
      </label>
      <label>
        {t('maint.enrolFingerprint')}
        <input data-testid="maint-enrol-fingerprint" value={fingerprint} readOnly onFocus={() => setField('fingerprint')} />
      </label>
      {field && (
        <OnScreenKeyboard
          key={field}
          value={{ hubUrl, code, fingerprint }[field]}
          onChange={{ hubUrl: setHubUrl, code: setCode, fingerprint: setFingerprint }[field]}
          mode="latin"
          url={field === 'hubUrl'}
          allowModes={['latin', 'numeric']}
          maxLength={field === 'hubUrl' ? 200 : 48}
          onDone={() => setField(null)}
        />
      )}
      <button type="button" className="button primary" data-testid="maint-enrol-submit" disabled={busy || !code || !hubUrl} onClick={() => void enrol()}>
        {t('maint.enrol')}
      </button>
      <p data-testid="maint-enrol-message" role="status">
        {message}
      </p>
    </section>
  );
}
