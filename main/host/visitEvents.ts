// What a visit tells the staffed office (issue 16 §2, §4): 呼叫工作人员 from the 帮助 panel, and an ID card left on
// the reader after the visit ended. Each is a kiosk event (main/host/kioskEvents.ts), so it survives a restart
// and a dead network like every other; `tellHub` sends a heartbeat at once so a reachable hub hears within
// seconds rather than at the next minute. The same kind again within `quietMs` is the same call, not a new one.
import { ok } from '../../src/bridge/result';
import type { KioskEvents } from './kioskEvents';
import type { HostService } from './host';

export interface VisitEventsOptions {
  events: KioskEvents;
  /** Sends the pending events now (a heartbeat); absent when no hub is configured. */
  tellHub?: () => void;
  now?: () => number;
  /** A repeat of the same kind within this is not raised again (default 2 minutes). */
  quietMs?: number;
}

export function createVisitEvents({ events, tellHub, now = Date.now, quietMs = 120_000 }: VisitEventsOptions): HostService {
  const lastRaised = new Map<string, number>();
  return {
    name: 'visitEvents',
    handlers: {
      'app.visitEvent': ({ kind }) => {
        const last = lastRaised.get(kind);
        if (last !== undefined && now() - last < quietMs) return ok({ raised: false });
        lastRaised.set(kind, now());
        events.raise(kind);
        tellHub?.();
        return ok({ raised: true });
      },
    },
    start: () => undefined,
    stop: () => undefined,
  };
}
