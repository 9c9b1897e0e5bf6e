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

export function createAuditLog(file: string, now: () => number = Date.now): AuditLog {
  mkdirSync(dirname(file), { recursive: true });
  return (entry) => appendFileSync(file, JSON.stringify({ at: new Date(now()).toISOString(), ...(redact({ ...entry }) as object) }) + '\n');
}
