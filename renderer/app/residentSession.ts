// Tells the host whether someone is at the kiosk (any screen but the attract screen, or maintenance mode), on
// every change: the host installs a hub release by itself only when nobody is (autoUpdateService.ts).
import { useEffect } from 'react';
import type { BridgeClient } from '../../src/bridge/client';

export function useResidentSessionReport(bridge: BridgeClient, active: boolean): void {
  useEffect(() => {
    // An older host without the method answers 'unavailable': nothing to do about it here.
    void bridge.call('update.residentSession', { active });
  }, [bridge, active]);
}
