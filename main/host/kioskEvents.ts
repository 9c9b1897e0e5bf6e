// The host's kiosk events (src/domain/kioskEvents.ts): any part of the host calls `raise(kind, detail)`; the
// event waits in `<data>/kiosk-events.json` (written atomically, so a restart or power cut does not lose it)
// until a heartbeat the hub answered carried it. Events are few (device trouble, maintenance audit entries), so
// the whole file is rewritten on each change; past `maxPending` the oldest are dropped and the drop is logged.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { kioskEventWireSchema, maxEventsPerHeartbeat } from '../../src/domain/kioskEvents';
import type { KioskEvent, KioskEventKind } from '../../src/domain/kioskEvents';
import type { Logger } from './log';
import { writeAtomic } from './update/durableFile';

export interface KioskEvents {
  /** Queues an event for the hub. Never throws: a full disk must not break what raised it. */
  raise(kind: KioskEventKind, detail?: string): void;
  /** The oldest pending events, at most one heartbeat's worth. */
  pending(): KioskEvent[];
  /** The hub answered a heartbeat carrying these: they are done. */
  delivered(events: readonly KioskEvent[]): void;
}

export interface KioskEventsOptions {
  file: string;
  log: Logger;
  now?: () => number;
  /** Events kept while the hub is unreachable (default 1,000). */
  maxPending?: number;
}

const storedSchema = z.array(kioskEventWireSchema);

export function createKioskEvents({ file, log, now = Date.now, maxPending = 1000 }: KioskEventsOptions): KioskEvents {
  let events: KioskEvent[] = [];
  try {
    events = storedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('kiosk events file unreadable; starting empty', { error });
  }
  const save = () => {
    try {
      writeAtomic(file, JSON.stringify(events));
    } catch (error) {
      log.warn('kiosk events not saved', { error });
    }
  };
  return {
    raise(kind, detail) {
      events.push({ id: randomUUID(), kind, at: new Date(now()).toISOString(), ...(detail ? { detail: detail.slice(0, 200) } : {}) });
      if (events.length > maxPending) {
        const dropped = events.length - maxPending;
        events = events.slice(dropped);
        log.warn('kiosk events dropped: the hub has been unreachable for long', { count: dropped });
      }
      save();
    },
    pending: () => events.slice(0, maxEventsPerHeartbeat),
    delivered(sent) {
      if (sent.length === 0) return;
      const ids = new Set(sent.map((e) => e.id));
      events = events.filter((e) => !ids.has(e.id));
      save();
    },
  };
}
