// Maintenance: force a sync, and requeue what the kiosk set aside — quarantined applications and flagged
// ratings — after the technician has read why (issue 11 §4). The rows live in this page's IndexedDB, so the
// page does the work; the host decides whether the role may (`maintenance.record` answers `forbidden`
// otherwise) and audits it. No resident data is shown: receipt numbers, service ids and reasons only.
import { useCallback, useEffect, useState } from 'react';
import type { BridgeClient } from '../../../src/bridge/client';
import type { MaintenanceAction, MaintenanceRole } from '../../../src/bridge/contract/maintenance';
import { isActionAllowed } from '../../../src/bridge/contract/maintenance';
import { useLocale } from '../../context/i18n';

/** What the page's stores and sync engines offer the maintenance screen (renderer/app/boot.ts). */
export interface TechnicianQueue {
  syncNow(): void;
  quarantined(): Promise<{ id: string; receiptNo: string | null; reason: string | null }[]>;
  requeueApplication(id: string): Promise<boolean>;
  flaggedRatings(): Promise<{ id: string; serviceId: string; syncError?: string | null }[]>;
  requeueRating(id: string): Promise<boolean>;
}

type Quarantined = Awaited<ReturnType<TechnicianQueue['quarantined']>>;
type Flagged = Awaited<ReturnType<TechnicianQueue['flaggedRatings']>>;

export function SyncQueue({ bridge, role, queue }: { bridge: BridgeClient; role: MaintenanceRole; queue: TechnicianQueue }) {
  const { t } = useLocale();
  const [apps, setApps] = useState<Quarantined>([]);
  const [ratings, setRatings] = useState<Flagged>([]);
  const [message, setMessage] = useState('');
  const load = useCallback(async () => {
    setApps(await queue.quarantined());
    setRatings(await queue.flaggedRatings());
  }, [queue]);
  useEffect(() => void load(), [load]);
  /** The host says yes (and audits) before the page acts. */
  const allowed = async (action: MaintenanceAction, detail: string) => {
    const answer = await bridge.call('maintenance.record', { action, detail });
    if (!answer.ok) setMessage(answer.error.message);
    return answer.ok;
  };
  const syncNow = async () => {
    if (!(await allowed('sync', 'manual'))) return;
    queue.syncNow();
    setMessage(t('maint.syncStarted'));
  };
  const requeue = async (kind: 'application' | 'rating', id: string) => {
    if (!(await allowed('requeue', kind))) return;
    const done = kind === 'application' ? await queue.requeueApplication(id) : await queue.requeueRating(id);
    if (done) queue.syncNow();
    setMessage(done ? t('maint.requeued') : '');
    await load();
  };
  return (
    <section className="maint-sync" data-testid="maint-sync">
      {isActionAllowed(role, 'sync') && (
        <button type="button" className="button" data-testid="maint-sync-now" onClick={() => void syncNow()}>
          {t('maint.syncNow')}
        </button>
      )}
      {isActionAllowed(role, 'requeue') && (
        <>
          <p data-testid="maint-quarantined-count">{t('maint.quarantined', { count: apps.length })}</p>
          <ul>
            {apps.map((a) => (
              <li key={a.id} data-testid="maint-quarantined">
                {a.receiptNo ?? a.id.slice(0, 8)} — {a.reason ?? '—'}{' '}
                <button type="button" className="button" onClick={() => void requeue('application', a.id)}>
                  {t('maint.requeue')}
                </button>
              </li>
            ))}
          </ul>
          <p data-testid="maint-flagged-count">{t('maint.flaggedRatings', { count: ratings.length })}</p>
          <ul>
            {ratings.map((r) => (
              <li key={r.id} data-testid="maint-flagged">
                {r.serviceId} — {r.syncError ?? '—'}{' '}
                <button type="button" className="button" onClick={() => void requeue('rating', r.id)}>
                  {t('maint.requeue')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <p data-testid="maint-sync-message" role="status">
        {message}
      </p>
    </section>
  );
}
