// Waits for reader events instead of sleeping (tests must not depend on wall-clock guesses).
import type { ReaderEvent } from '../../devices/idcard/readerSession';

export interface EventLog {
  readonly events: ReaderEvent[];
  push(event: ReaderEvent): void;
  /** Resolves with the first event (from `from` on) that matches; rejects after `timeoutMs` (default 10 s). */
  waitFor(match: (e: ReaderEvent) => boolean, options?: { timeoutMs?: number; from?: number }): Promise<ReaderEvent>;
  types(): string[];
}

export function createEventLog(): EventLog {
  const events: ReaderEvent[] = [];
  const waiters = new Set<() => void>();
  return {
    events,
    push(event) {
      events.push(event);
      for (const w of [...waiters]) w();
    },
    waitFor(match, { timeoutMs = 10_000, from = 0 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.slice(from).find(match);
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for an event; saw: ${events.map(describe).join(', ')}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    types() {
      return events.map(describe);
    },
  };
}

function describe(e: ReaderEvent): string {
  return e.type === 'status' ? `status:${e.status.state}` : e.type === 'error' ? `error:${e.reason}` : e.type;
}

export const isRead = (e: ReaderEvent): e is Extract<ReaderEvent, { type: 'read' }> => e.type === 'read';
export const isStatus = (state: string) => (e: ReaderEvent) => e.type === 'status' && e.status.state === state;
