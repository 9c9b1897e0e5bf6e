// Maintenance mode (issue 11): the PIN pad, then the health panel and its actions for the role the PIN
// opened. Everything comes from the host through the bridge (maintenance.*, hub.status); no resident data is
// ever shown here. Leaving, or the host closing the session after 2 idle minutes, returns to the attract screen.
import { useCallback, useEffect, useState } from 'react';
import type { BridgeClient } from '../../src/bridge/client';
import type { MaintenanceHealth, MaintenanceState } from '../../src/bridge/contract/maintenance';
import type { HubStatus } from '../../src/bridge/contract/hub';
import { useLocale } from '../context/i18n';
import { PinPad } from '../components/PinPad';
import { isActionAllowed } from '../../src/bridge/contract/maintenance';
import { chinaDateTime } from '../../src/domain/clock';
import { DeviceSetup } from './maintenance/DeviceSetup';
import { KioskLeave } from './maintenance/KioskLeave';
import { Checks } from './maintenance/Checks';
import { UpdatePanel } from './maintenance/UpdatePanel';
import { Enrol } from './maintenance/Enrol';
import { SyncQueue } from './maintenance/SyncQueue';
import type { TechnicianQueue } from './maintenance/SyncQueue';

/** Times as a technician in the cabin reads them: China's wall clock, not the UTC the host sends. */
const chinaTime = (iso: string) => `${chinaDateTime(new Date(iso))} (UTC+8)`;
const megabytes = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '—' : `${Math.round(bytes / 1e6)} MB`);
/** The link's state in words: the technician reads whether to enrol, wait, or look at the network. */
const hubStateKey = { online: 'maint.hubState.online', offline: 'maint.hubState.offline', unenrolled: 'maint.hubState.unenrolled' } as const;

function PinStep({ bridge, state, onState }: { bridge: BridgeClient; state: MaintenanceState; onState: (s: MaintenanceState, message: string) => void }) {
  const { t } = useLocale();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  /** Answers received so far: lets a test (or a screen reader) tell a new answer from the same text again. */
  const [answers, setAnswers] = useState(0);
  if (!state.configured.technician && !state.configured.fieldStaff)
    return (
      <p className="maint-message" data-testid="maint-not-configured">
        {t('maint.notConfigured', { command: 'kioskctl maintenance set-pin --role technician' })}
      </p>
    );
  const enter = async (pin: string) => {
    setBusy(true);
    const result = await bridge.call('maintenance.enter', { pin });
    setBusy(false);
    setAnswers((n) => n + 1);
    if (!result.ok) return setMessage(result.error.message);
    const { outcome, state: next } = result.value;
    const text =
      outcome === 'wrongPin'
        ? `${t('maint.wrongPin', { failures: next.failures })}${next.retryAfterMs > 0 ? ` ${t('maint.wait', { seconds: Math.ceil(next.retryAfterMs / 1000) })}` : ''}`
        : outcome === 'wait'
          ? t('maint.wait', { seconds: Math.ceil(next.retryAfterMs / 1000) })
          : outcome === 'locked'
            ? t('maint.locked', { minutes: Math.ceil(next.retryAfterMs / 60_000) })
            : outcome === 'notConfigured'
              ? t('maint.notConfigured', { command: 'kioskctl maintenance set-pin --role technician' })
              : '';
    setMessage(text);
    onState(next, text);
  };
  return (
    <>
      <h2>{t('maint.pinPrompt')}</h2>
      <PinPad onEnter={(pin) => void enter(pin)} disabled={busy || state.locked} />
      <p className="maint-message" data-testid="maint-message" data-answers={answers} role="status">
        {message || (state.locked ? t('maint.locked', { minutes: Math.ceil(state.retryAfterMs / 60_000) }) : '')}
      </p>
    </>
  );
}

function HealthPanel({ bridge, state, queue }: { bridge: BridgeClient; state: MaintenanceState; queue?: TechnicianQueue }) {
  const { t } = useLocale();
  const [health, setHealth] = useState<MaintenanceHealth | null>(null);
  const [hub, setHub] = useState<HubStatus | null>(null);
  const [storage, setStorage] = useState<{ usage?: number; quota?: number } | null>(null);
  const [printResult, setPrintResult] = useState('');
  // Browser stores the host moved aside at a start because they would not open (issue 15 §3, storeRescue.ts).
  const [damagedStores, setDamagedStores] = useState<{ store: string; problem: string; keptAt: string; movedAt: string }[]>([]);
  const refresh = useCallback(async () => {
    const [h, s, info] = await Promise.all([bridge.call('maintenance.health', {}), bridge.call('hub.status', {}), bridge.call('app.info', {})]);
    if (h.ok) setHealth(h.value);
    if (s.ok) setHub(s.value);
    if (info.ok) setDamagedStores(info.value.storage?.damagedStores ?? []);
    setStorage((await navigator.storage?.estimate?.()) ?? null);
  }, [bridge]);
  useEffect(() => {
    void refresh();
    // Live: device and hub events refresh the panel at once.
    const offs = (['printer.status', 'reader.status', 'hub.status'] as const).map((name) => bridge.on(name, () => void refresh()));
    return () => offs.forEach((off) => off());
  }, [bridge, refresh]);
  const clockSkew = (ms: number | null | undefined) => {
    if (ms === null || ms === undefined) return '—';
    const seconds = Math.round(ms / 1000);
    return t(Math.abs(ms) > 5 * 60_000 ? 'maint.clockSkewWrong' : 'maint.clockSkewValue', { seconds });
  };
  const testPrint = async () => {
    setPrintResult(t('common.wait'));
    const result = await bridge.call('maintenance.testPrint', {});
    setPrintResult(t('maint.testPrintResult', { outcome: result.ok ? result.value.outcome : result.error.message }));
    void refresh();
  };
  return (
    <section className="maint-panel" data-testid="maint-health">
      <p data-testid="maint-role">{t(state.role === 'fieldStaff' ? 'maint.role.fieldStaff' : 'maint.role.technician')}</p>
      <h2>{t('maint.devices')}</h2>
      <ul className="maint-devices">
        {health?.devices.map((d) => (
          <li key={d.kind} data-testid={`maint-device-${d.kind}`} data-state={d.state}>
            <strong>{d.label}</strong> {d.driver} — {d.state}
            {d.detail ? `（${d.detail}）` : ''}
            <small>
              {Object.entries(d.facts)
                .filter(([, v]) => v !== null)
                .map(([k, v]) => `${k}: ${String(v)}`)
                .join(' · ')}
            </small>
          </li>
        ))}
      </ul>
      <dl className="maint-facts">
        <dt>{t('maint.hub')}</dt>
        <dd data-testid="maint-hub" data-state={hub?.state}>
          {hub ? `${t(hubStateKey[hub.state])}${hub.lastContactAt ? ` · ${chinaTime(hub.lastContactAt)}` : ''}` : '—'}
        </dd>
        <dt>{t('maint.version')}</dt>
        <dd data-testid="maint-version">{health?.version ?? '—'}</dd>
        <dt>{t('maint.diskFree')}</dt>
        <dd>{megabytes(health?.diskFreeBytes)}</dd>
        <dt>{t('maint.hostTime')}</dt>
        <dd>{health?.hostTime ? chinaTime(health.hostTime) : '—'}</dd>
        <dt>{t('maint.clockSkew')}</dt>
        <dd data-testid="maint-clock-skew">{clockSkew(hub?.clockSkewMs)}</dd>
        <dd>{t('maint.storage', { used: megabytes(storage?.usage), quota: megabytes(storage?.quota) })}</dd>
      </dl>
      {damagedStores.length > 0 && (
        <div className="maint-damaged" role="alert" data-testid="maint-damaged-stores">
          <p>{t('maint.damagedStores', { count: damagedStores.length })}</p>
          <ul>
            {damagedStores.map((d) => (
              <li key={d.keptAt}>
                {d.movedAt} · {d.problem} · {d.keptAt}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="maint-actions">
        <button type="button" className="button primary" data-testid="maint-test-print" onClick={() => void testPrint()}>
          {t('maint.testPrint')}
        </button>
        <p data-testid="maint-print-result" role="status">
          {printResult}
        </p>
      </div>
      {state.role && <Checks bridge={bridge} role={state.role} />}
      {state.role && queue && <SyncQueue bridge={bridge} role={state.role} queue={queue} />}
      {state.role && isActionAllowed(state.role, 'detect') && <DeviceSetup bridge={bridge} onChanged={() => void refresh()} />}
      {state.role && isActionAllowed(state.role, 'enrol') && <Enrol bridge={bridge} />}
      {state.role && <KioskLeave bridge={bridge} role={state.role} />}
    </section>
  );
}

export function MaintenanceScreen({ bridge, onLeave, queue }: { bridge: BridgeClient; onLeave: () => void; queue?: TechnicianQueue }) {
  const { t } = useLocale();
  const [state, setState] = useState<MaintenanceState | null>(null);
  useEffect(() => {
    void bridge.call('maintenance.state', {}).then((r) => r.ok && setState(r.value));
    return bridge.on('maintenance.closed', () => onLeave());
  }, [bridge, onLeave]);
  const leave = async () => {
    await bridge.call('maintenance.exit', {});
    onLeave();
  };
  return (
    <main className="screen maintenance" data-testid="screen-maintenance">
      <header className="maint-header">
        <h1>{t('maint.title')}</h1>
        <button type="button" className="button" data-testid="maint-exit" onClick={() => void leave()}>
          {t('maint.exit')}
        </button>
      </header>
      {state && (state.role ? <HealthPanel bridge={bridge} state={state} queue={queue} /> : <PinStep bridge={bridge} state={state} onState={(next) => setState(next)} />)}
      {state?.role && isActionAllowed(state.role, 'update') && <UpdatePanel bridge={bridge} />}
    </main>
  );
}
