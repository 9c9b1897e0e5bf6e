// Health entries the host learns about itself (a relaunched Chromium, a renderer out of service, storage near
// full, a damaged store moved aside), keyed like the heartbeat's `devices` map so the hub's operators see
// them. Plain Node, no I/O: the hub service reads `snapshot()` for each heartbeat, and `onChange` lets it send
// one at once when something goes wrong instead of at the next period.
import type { DeviceHealth } from '../../src/domain/hubApi';

export interface HealthBoard {
  /** Sets (or, with undefined, clears) one entry; listeners hear only real changes. */
  set(key: string, health: DeviceHealth | undefined): void;
  snapshot(): Record<string, DeviceHealth>;
  onChange(listener: () => void): () => void;
}

export function createHealthBoard(): HealthBoard {
  const entries = new Map<string, DeviceHealth>();
  const listeners = new Set<() => void>();
  return {
    set(key, health) {
      const before = entries.get(key);
      if (health === undefined ? before === undefined : before?.status === health.status && before.detail === health.detail) return;
      if (health === undefined) entries.delete(key);
      else entries.set(key, { status: health.status, ...(health.detail === undefined ? {} : { detail: health.detail.slice(0, 200) }) });
      for (const listener of listeners) listener();
    },
    snapshot: () => Object.fromEntries(entries),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const severity: Record<DeviceHealth['status'], number> = { ok: 0, unknown: 1, degraded: 2, offline: 3 };

/** Two health maps as one: an entry in both keeps the worse status and both details. */
export function mergeHealth(a: Record<string, DeviceHealth>, b: Record<string, DeviceHealth>): Record<string, DeviceHealth> {
  const merged: Record<string, DeviceHealth> = { ...a };
  for (const [key, entry] of Object.entries(b)) {
    const other = merged[key];
    if (!other) merged[key] = entry;
    else {
      const detail = [other.detail, entry.detail].filter(Boolean).join('; ').slice(0, 200);
      merged[key] = { status: severity[entry.status] > severity[other.status] ? entry.status : other.status, ...(detail ? { detail } : {}) };
    }
  }
  return merged;
}
