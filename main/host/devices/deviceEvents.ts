// Raises kiosk events when a device's state calls for one (paper near end, paper out, cover open, a device that
// stopped answering) and when it recovers. It watches the device manager's health on every device status event
// and every few seconds, and raises only on a change, so a printer out of paper for an hour is one event.
import type { EventHub } from '../../../src/bridge/dispatcher';
import { deviceStateEvent } from '../../../src/domain/kioskEvents';
import type { HostService } from '../host';
import type { KioskEvents } from '../kioskEvents';
import type { DeviceManager } from './deviceManager';

export interface DeviceEventWatcher extends HostService {
  /** Compares every device's state with the last one seen and raises what changed (also runs by itself). */
  check(): void;
}

export function createDeviceEventWatcher(devices: Pick<DeviceManager, 'health'>, events: KioskEvents, everyMs = 10_000): DeviceEventWatcher {
  /** The event each kind last raised (null: none, or recovered since). */
  const raised = new Map<string, string | null>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;
  const check = () => {
    for (const device of devices.health()) {
      const wanted = deviceStateEvent(device.kind, device.state);
      const before = raised.get(device.kind) ?? null;
      if (wanted === before) continue;
      const detail = `${device.kind} ${device.state}${device.detail ? `: ${device.detail}` : ''}`;
      if (wanted) events.raise(wanted, detail);
      else if (before && device.state === 'ready') events.raise('device.recovered', detail);
      else if (before) continue; // connecting or the like: not recovered yet, keep the raised event
      raised.set(device.kind, wanted);
    }
  };
  return {
    name: 'device-events',
    handlers: {},
    check,
    start(hub: EventHub) {
      unsubscribe = hub.subscribe((envelope) => {
        if (envelope.name === 'printer.status' || envelope.name === 'reader.status') check();
      });
      check();
      timer = setInterval(check, everyMs);
      timer.unref?.();
    },
    stop() {
      clearInterval(timer);
      unsubscribe?.();
    },
  };
}
