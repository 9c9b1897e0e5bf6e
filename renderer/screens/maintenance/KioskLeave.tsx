// Maintenance: restart the kiosk (technician and field staff) or leave it for the desktop (technician only).
// Each asks for a second press; the host checks the role again (contract/maintenanceDevices.ts).
import { useState } from 'react';
import type { BridgeClient } from '../../../src/bridge/client';
import type { MaintenanceRole } from '../../../src/bridge/contract/maintenance';
import { isActionAllowed } from '../../../src/bridge/contract/maintenance';
import { useLocale } from '../../context/i18n';

export function KioskLeave({ bridge, role }: { bridge: BridgeClient; role: MaintenanceRole }) {
  const { t } = useLocale();
  const [armed, setArmed] = useState<'restart' | 'desktop' | null>(null);
  const [message, setMessage] = useState('');
  const press = async (to: 'restart' | 'desktop') => {
    if (armed !== to) {
      setArmed(to);
      return setMessage(t('maint.confirmLeave'));
    }
    const result = await bridge.call('maintenance.leaveKiosk', { to });
    setArmed(null);
    setMessage(result.ok ? t('maint.leaving') : result.error.message);
  };
  return (
    <div className="maint-leave" data-testid="maint-leave">
      {isActionAllowed(role, 'restart') && (
        <button type="button" className="button" data-testid="maint-restart" onClick={() => void press('restart')}>
          {t('maint.restart')}
        </button>
      )}
      {isActionAllowed(role, 'exitDesktop') && (
        <button type="button" className="button" data-testid="maint-exit-desktop" onClick={() => void press('desktop')}>
          {t('maint.exitDesktop')}
        </button>
      )}
      <p data-testid="maint-leave-message" role="status">
        {message}
      </p>
    </div>
  );
}
