// Maintenance: find the devices on the serial ports and use one (issue 11 §3–4). The host probes, shows what
// answered where, and applies a device only after the technician confirms it here; the host restarts its driver,
// tests it and answers `applied` or `rolledBack`. Shown to the roles the host allows ('detect').
import { useState } from 'react';
import type { BridgeClient } from '../../../src/bridge/client';
import type { DeviceAssignment } from '../../../src/bridge/contract/maintenanceDevices';
import type { MethodOutput } from '../../../src/bridge/contract';
import { useLocale } from '../../context/i18n';

type Detected = MethodOutput<'maintenance.detect'>;

export function DeviceSetup({ bridge, onChanged }: { bridge: BridgeClient; onChanged: () => void }) {
  const { t } = useLocale();
  const [detected, setDetected] = useState<Detected | null>(null);
  const [message, setMessage] = useState('');
  const [asking, setAsking] = useState<DeviceAssignment | null>(null);
  const [busy, setBusy] = useState(false);
  const detect = async () => {
    setBusy(true);
    setDetected(null);
    setMessage(t('maint.detecting'));
    const result = await bridge.call('maintenance.detect', {});
    setBusy(false);
    if (!result.ok) return setMessage(result.error.message);
    setDetected(result.value);
    setMessage(result.value.proposal.length ? '' : t('maint.detectNone'));
  };
  const apply = async (assignment: DeviceAssignment) => {
    setBusy(true);
    setAsking(null);
    setMessage(t('common.wait'));
    const result = await bridge.call('maintenance.applyDevice', assignment);
    setBusy(false);
    if (!result.ok) return setMessage(result.error.message);
    setMessage(result.value.outcome === 'applied' ? t('maint.applied') : t('maint.rolledBack', { state: result.value.detail ?? result.value.state }));
    onChanged();
  };
  return (
    <section className="maint-devices-setup" data-testid="maint-device-setup">
      <button type="button" className="button" data-testid="maint-detect" disabled={busy} onClick={() => void detect()}>
        {t('maint.detect')}
      </button>
      {detected && (
        <ul className="maint-detect-results" data-testid="maint-detect-results">
          {detected.results.map((r) => (
            <li key={r.port} data-testid="maint-detect-result" data-port={r.port} data-kind={r.kind ?? ''}>
              {t('maint.detectResult', { port: r.port, found: r.kind ? `${r.kind} (${r.driver}, ${r.baud})` : r.detail })}
            </li>
          ))}
        </ul>
      )}
      {detected?.proposal.map((p) => (
        <div key={p.kind} className="maint-proposal" data-testid={`maint-proposal-${p.kind}`}>
          <span>{t('maint.detectProposal', { kind: p.kind, port: p.port, driver: p.driver, baud: p.baud })}</span>
          {asking?.kind === p.kind ? (
            <>
              <p role="alert" data-testid="maint-apply-ask">
                {t('maint.applyAsk')}
              </p>
              <button type="button" className="button primary" data-testid="maint-apply-confirm" disabled={busy} onClick={() => void apply(p)}>
                {t('common.confirm')}
              </button>
              <button type="button" className="button" onClick={() => setAsking(null)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="button" data-testid={`maint-apply-${p.kind}`} disabled={busy} onClick={() => setAsking(p)}>
              {t('maint.apply')}
            </button>
          )}
        </div>
      ))}
      <p data-testid="maint-device-message" role="status">
        {message}
      </p>
    </section>
  );
}
