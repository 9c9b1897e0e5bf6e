// The maintenance audit log: one JSON line per entry, failure, exit and action in `<data>/logs/audit.log`.
// Lines hold roles, action names, outcomes and counts, never a PIN or personal data (redacted again anyway).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from '../log';

export interface AuditEntry {
  event: string;
  role?: string | null;
  detail?: string;
}

export type AuditLog = (entry: AuditEntry) => void;

/**
 * `forward` also gets each entry as one short line (`event role detail`), e.g. to raise it as a kiosk event
 * for the hub (main/host/kioskEvents.ts): the hub hears of every entry, failure and action too.
 */
export function createAuditLog(file: string, now: () => number = Date.now, forward?: (line: string) => void): AuditLog {
  mkdirSync(dirname(file), { recursive: true });
  return (entry) => {
    const redacted = redact({ ...entry }) as unknown as AuditEntry;
    appendFileSync(file, JSON.stringify({ at: new Date(now()).toISOString(), ...redacted }) + '\n');
    forward?.([redacted.event, redacted.role, redacted.detail].filter(Boolean).join(' '));
  };
}
