// The field-staff screen (issue 12): bundles on a USB stick with their version, channel and notes, the
// verification in plain words, then the install with its progress (bytes, time left) under a prominent
// "请勿断电/拔出U盘", and the result: installed (restart to start it) or refused and why. The host decides
// everything and gates every call by the maintenance role (main/host/update/fieldUpdateService.ts); this
// component only shows what it answers.
import { useCallback, useEffect, useState } from 'react';
import type { BridgeClient } from '../../../src/bridge/client';
import type { InstalledUpdate, UpdateRefusal, UsbBundleView } from '../../../src/bridge/contract/update';
import type { EventPayload } from '../../../src/bridge/contract';
import type { MessageKey } from '../../../src/i18n';
import { useLocale } from '../../context/i18n';
import type { Translate } from '../../context/i18n';
import './update.css';

type Step =
  | { kind: 'list' }
  | { kind: 'installing'; file: string; progress: EventPayload<'update.progress'> | null }
  | { kind: 'installed'; version: string }
  | { kind: 'refused'; file: string; refusal: UpdateRefusal }
  | { kind: 'restarting' };

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** A refusal in plain words: the reason, and for verification and policy also that nothing changed. */
export function refusalText(t: Translate, refusal: UpdateRefusal): string {
  return t(`fieldUpdate.reason.${refusal.code}` as MessageKey, refusal.params);
}

function InstalledLine({ installed }: { installed: InstalledUpdate }) {
  const { t } = useLocale();
  const version = installed.current.version ?? '—';
  return (
    <div className="update-installed" data-testid="update-installed" data-slot={installed.current.slot} data-pending={installed.pending} data-last={installed.lastResult ?? ''}>
      <p>{installed.pending ? t('fieldUpdate.pending', { version }) : t('fieldUpdate.installed', { version })}</p>
      {installed.lastResult === 'good' && <p>{t('fieldUpdate.lastGood')}</p>}
      {installed.rolledBack && (
        <p className="update-warning" data-testid="update-rolled-back" role="alert">
          {t(installed.rolledBack.code === 'health' ? 'fieldUpdate.rolledBack.health' : 'fieldUpdate.rolledBack.damaged', { version: installed.rolledBack.version })}
        </p>
      )}
    </div>
  );
}

function BundleCard({ bundle, onInstall }: { bundle: UsbBundleView; onInstall: () => void }) {
  const { t } = useLocale();
  const { manifest, refusal } = bundle;
  return (
    <li className="update-bundle" data-testid="update-bundle" data-name={bundle.name} data-verdict={refusal ? refusal.code : 'ready'}>
      <h3>{manifest ? t('fieldUpdate.bundle', { name: bundle.name, version: manifest.version, channel: manifest.channel }) : bundle.name}</h3>
      {manifest && (
        <>
          <h4>{t('fieldUpdate.notes')}</h4>
          <p className="update-notes" data-testid="update-notes">
            {manifest.notes.trim() || t('fieldUpdate.noNotes')}
          </p>
        </>
      )}
      <p className={refusal ? 'update-verdict refused' : 'update-verdict ready'} data-testid="update-verdict">
        {refusal ? refusalText(t, refusal) : t('fieldUpdate.ready')}
      </p>
      {!refusal && (
        <button type="button" className="button primary" data-testid="update-install" onClick={onInstall}>
          {t('fieldUpdate.install')}
        </button>
      )}
    </li>
  );
}

function Progress({ progress }: { progress: EventPayload<'update.progress'> | null }) {
  const { t } = useLocale();
  const phase = progress?.phase ?? 'verifying';
  return (
    <div className="update-progress" data-testid="update-progress" data-phase={phase}>
      <p className="update-do-not-unplug" data-testid="update-do-not-unplug" role="alert">
        {t('fieldUpdate.doNotUnplug')}
      </p>
      <p>{t(`fieldUpdate.phase.${phase}`)}</p>
      <progress max={Math.max(progress?.bytesTotal ?? 0, 1)} value={progress?.bytesDone ?? 0} />
      {progress && progress.bytesTotal > 0 && (
        <p data-testid="update-bytes">
          {t('fieldUpdate.bytes', { done: megabytes(progress.bytesDone), total: megabytes(progress.bytesTotal) })}
          {progress.msLeft !== null && progress.phase === 'writing' ? ` · ${t('fieldUpdate.timeLeft', { seconds: Math.ceil(progress.msLeft / 1000) })}` : ''}
        </p>
      )}
    </div>
  );
}

export function UpdatePanel({ bridge }: { bridge: BridgeClient }) {
  const { t } = useLocale();
  const [installed, setInstalled] = useState<InstalledUpdate | null>(null);
  const [bundles, setBundles] = useState<UsbBundleView[] | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'list' });
  const [error, setError] = useState('');
  const scan = useCallback(async () => {
    const result = await bridge.call('update.usb', {});
    if (!result.ok) return setError(result.error.message);
    setError('');
    setInstalled(result.value.installed);
    setBundles(result.value.bundles);
  }, [bridge]);
  useEffect(() => {
    void scan();
    return bridge.on('update.progress', (progress) => setStep((s) => (s.kind === 'installing' ? { ...s, progress } : s)));
  }, [bridge, scan]);

  // The audit log gets who installed what and how it ended; each record also keeps the maintenance session open.
  const record = (detail: string) => void bridge.call('maintenance.record', { action: 'update', detail: detail.slice(0, 200) });
  const install = async (file: string) => {
    const name = file.split('/').pop() ?? file;
    record(`install ${name}`);
    setStep({ kind: 'installing', file, progress: null });
    const result = await bridge.call('update.install', { file });
    record(result.ok ? (result.value.installed ? `installed ${result.value.version}` : `refused ${result.value.refusal.code} ${name}`) : `failed ${name}`);
    if (!result.ok) {
      setError(result.error.message);
      setStep({ kind: 'list' });
      return;
    }
    const outcome = result.value;
    setStep(outcome.installed ? { kind: 'installed', version: outcome.version } : { kind: 'refused', file, refusal: outcome.refusal });
    void scan();
  };
  const restart = async () => {
    setStep({ kind: 'restarting' });
    await bridge.call('update.restart', {});
  };

  return (
    <section className="maint-panel update-panel" data-testid="update-panel">
      <h2>{t('fieldUpdate.title')}</h2>
      {installed && <InstalledLine installed={installed} />}
      {error && (
        <p className="update-warning" role="alert">
          {error}
        </p>
      )}
      {step.kind === 'installing' && <Progress progress={step.progress} />}
      {step.kind === 'installed' && (
        <div className="update-result ok" data-testid="update-result" data-outcome="installed" role="status">
          <p>{t('fieldUpdate.done', { version: step.version })}</p>
          <button type="button" className="button primary" data-testid="update-restart" onClick={() => void restart()}>
            {t('fieldUpdate.restart')}
          </button>
        </div>
      )}
      {step.kind === 'refused' && (
        <div className="update-result refused" data-testid="update-result" data-outcome="refused" data-code={step.refusal.code} role="alert">
          <p>{t('fieldUpdate.refused')}</p>
          <p>{refusalText(t, step.refusal)}</p>
        </div>
      )}
      {step.kind === 'restarting' && <p data-testid="update-restarting">{t('fieldUpdate.restarting')}</p>}
      {/* The list only while choosing: once installed, the one thing left to do is the restart. */}
      {(step.kind === 'list' || step.kind === 'refused') && (
        <>
          <button type="button" className="button" data-testid="update-scan" onClick={() => void scan()}>
            {t('fieldUpdate.scan')}
          </button>
          {bundles && bundles.length === 0 && <p data-testid="update-none">{t('fieldUpdate.none')}</p>}
          <ul className="update-bundles">
            {bundles?.map((bundle) => (
              <BundleCard key={bundle.file} bundle={bundle} onInstall={() => void install(bundle.file)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
