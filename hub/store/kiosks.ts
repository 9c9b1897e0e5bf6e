// Kiosk identities: one-time enrolment codes, credentials (stored hashed), revocation and heartbeats.
import type { HeartbeatRequest } from '../../src/domain/hubApi';
import { cityOfDivision } from '../../src/domain/hubApi';
import type { Db, Queryable } from '../db/db';
import { hashToken, newReadableCode, newToken, normaliseCode } from './tokens';

export interface EnrolmentCode {
  code: string;
  siteCode: string;
  expiresAt: Date;
}

/** How long an enrolment code stays usable (default: 7 days, enough to carry a slip to a remote cabin). */
export const defaultEnrolmentTtlMs = 7 * 24 * 3600 * 1000;

/**
 * A one-time code that enrols one kiosk at `siteCode`; only its hash is stored. Its expiry is counted on the
 * hub's clock (`now`, ms), the same clock enrolKiosk compares with, never the database server's.
 */
export async function createEnrolmentCode(db: Queryable, siteCode: string, { ttlMs = defaultEnrolmentTtlMs, now = Date.now() }: { ttlMs?: number; now?: number } = {}): Promise<EnrolmentCode> {
  const code = newReadableCode(3);
  const expiresAt = new Date(now + ttlMs);
  await db.query('INSERT INTO enrolment_codes (code_hash, site_code, expires_at) VALUES ($1, $2, $3)', [
    hashToken(normaliseCode(code)),
    siteCode,
    expiresAt,
  ]);
  return { code, siteCode, expiresAt };
}

export interface EnrolledKiosk {
  kioskId: string;
  siteCode: string;
  credential: string;
}

/** Spends the code and creates the kiosk in one transaction; null when the code is unknown, used or expired at `now`. */
export async function enrolKiosk(db: Db, code: string, kioskVersion: string | undefined, now: Date = new Date()): Promise<EnrolledKiosk | null> {
  return db.transaction(async (tx) => {
    const codeHash = hashToken(normaliseCode(code));
    const spent = await tx.query<{ site_code: string }>(
      `UPDATE enrolment_codes SET used_at = $2::timestamptz
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2::timestamptz RETURNING site_code`,
      [codeHash, now],
    );
    const siteCode = spent.rows[0]?.site_code;
    if (!siteCode) return null;
    // A replacement kiosk at the same site gets a new id: the old one's applications stay its own.
    const kioskId = `${siteCode}-${newReadableCode(1)}`;
    const credential = newToken();
    await tx.query('INSERT INTO kiosks (id, site_code, credential_hash, kiosk_version) VALUES ($1, $2, $3, $4)', [
      kioskId,
      siteCode,
      hashToken(credential),
      kioskVersion ?? null,
    ]);
    await tx.query('UPDATE enrolment_codes SET kiosk_id = $1 WHERE code_hash = $2', [kioskId, codeHash]);
    return { kioskId, siteCode, credential };
  });
}

export interface AuthenticatedKiosk {
  kioskId: string;
  siteCode: string;
}

export async function authenticateKiosk(db: Queryable, credential: string): Promise<AuthenticatedKiosk | null> {
  const found = await db.query<{ id: string; site_code: string }>(
    'SELECT id, site_code FROM kiosks WHERE credential_hash = $1 AND revoked_at IS NULL',
    [hashToken(credential)],
  );
  const row = found.rows[0];
  return row ? { kioskId: row.id, siteCode: row.site_code } : null;
}

/** Revokes a kiosk's credential for good (re-enrol to replace it); false when no such active kiosk. */
export async function revokeKiosk(db: Queryable, kioskId: string): Promise<boolean> {
  const done = await db.query('UPDATE kiosks SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [kioskId]);
  return done.rowCount > 0;
}

/**
 * One statement per heartbeat, events or not: the kiosk's last state and its new events (stored once, by the
 * kiosk's own id). The load bench found heartbeats, not intake, to be the hub's load (docs/scaling.md): a
 * transaction of several statements kept connections idle in transaction while the event loop was busy.
 */
export async function recordHeartbeat(db: Queryable, kioskId: string, heartbeat: HeartbeatRequest): Promise<void> {
  const { events = [], ...state } = heartbeat;
  const rows = events.map((e) => ({ id: e.id, kind: e.kind, at: e.at, detail: e.detail ?? null }));
  await db.query(
    `WITH seen AS (UPDATE kiosks SET last_seen_at = now(), last_heartbeat = $2::text::jsonb, kiosk_version = $3 WHERE id = $1)
     INSERT INTO kiosk_events (kiosk_id, id, kind, at, detail)
     SELECT $1, e.id, e.kind, e.at, e.detail FROM jsonb_to_recordset($4::text::jsonb) AS e(id text, kind text, at timestamptz, detail text)
     ON CONFLICT (kiosk_id, id) DO NOTHING`,
    [kioskId, JSON.stringify(state), heartbeat.version, JSON.stringify(rows)],
  );
}

export interface StoredKioskEvent {
  id: string;
  kind: string;
  at: string;
  detail: string | null;
}

/** How many recent events each kiosk lists (GET /v1/kiosks, `kioskctl hub kiosks`). */
export const recentEventsPerKiosk = 20;

async function recentEvents(db: Queryable, kioskIds: readonly string[]): Promise<Map<string, StoredKioskEvent[]>> {
  const byKiosk = new Map<string, StoredKioskEvent[]>();
  if (kioskIds.length === 0) return byKiosk;
  const found = await db.query<{ kiosk_id: string; id: string; kind: string; at: Date; detail: string | null }>(
    `SELECT kiosk_id, id, kind, at, detail FROM (
       SELECT *, row_number() OVER (PARTITION BY kiosk_id ORDER BY at DESC, received_at DESC) AS n FROM kiosk_events WHERE kiosk_id = ANY($1)
     ) recent WHERE n <= $2 ORDER BY kiosk_id, at DESC`,
    [kioskIds, recentEventsPerKiosk],
  );
  for (const r of found.rows) {
    const list = byKiosk.get(r.kiosk_id) ?? [];
    list.push({ id: r.id, kind: r.kind, at: r.at.toISOString(), detail: r.detail });
    byKiosk.set(r.kiosk_id, list);
  }
  return byKiosk;
}

export interface KioskSummary {
  kioskId: string;
  siteCode: string;
  version: string | null;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastHeartbeat: unknown;
  /** The updater's last report (current / previous / pending versions, last result), or null. */
  update: unknown;
  /** The newest events the kiosk raised (device trouble, maintenance audit), newest first. */
  recentEvents: StoredKioskEvent[];
}

/** Every kiosk, or those whose site lies in `city` (a city operator's view). */
export async function listKiosks(db: Queryable, city?: string): Promise<KioskSummary[]> {
  const all = await db.query<{ id: string; site_code: string; kiosk_version: string | null; enrolled_at: Date; revoked_at: Date | null; last_seen_at: Date | null; last_heartbeat: unknown }>(
    'SELECT id, site_code, kiosk_version, enrolled_at, revoked_at, last_seen_at, last_heartbeat FROM kiosks ORDER BY enrolled_at',
  );
  const rows = city === undefined ? all.rows : all.rows.filter((r) => cityOfDivision(r.site_code.slice(0, 6)) === city);
  const events = await recentEvents(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    kioskId: r.id,
    siteCode: r.site_code,
    version: r.kiosk_version,
    enrolledAt: r.enrolled_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    lastSeenAt: r.last_seen_at?.toISOString() ?? null,
    lastHeartbeat: r.last_heartbeat,
    update: (r.last_heartbeat as { update?: unknown } | null)?.update ?? null,
    recentEvents: events.get(r.id) ?? [],
  }));
}

/** What a staffed office acts on (issue 16 §2, §4): a resident called for staff, an ID card was left on a reader. */
export const siteAlertKinds = ['kiosk.callStaff', 'card.leftBehind'] as const;

export interface SiteAlert {
  kioskId: string;
  siteCode: string;
  kind: (typeof siteAlertKinds)[number];
  /** When the kiosk raised it (its own clock). */
  at: string;
}

/** The newest alerts since `since` from the kiosks whose site lies in `city`, newest first. */
export async function readSiteAlerts(db: Queryable, city: string, since: Date, limit = 20): Promise<SiteAlert[]> {
  const found = await db.query<{ kiosk_id: string; site_code: string; kind: SiteAlert['kind']; at: Date }>(
    `SELECT e.kiosk_id, k.site_code, e.kind, e.at FROM kiosk_events e JOIN kiosks k ON k.id = e.kiosk_id
     WHERE e.kind = ANY($1) AND e.at >= $2 ORDER BY e.at DESC`,
    [siteAlertKinds, since],
  );
  return found.rows
    .filter((r) => cityOfDivision(r.site_code.slice(0, 6)) === city)
    .slice(0, limit)
    .map((r) => ({ kioskId: r.kiosk_id, siteCode: r.site_code, kind: r.kind, at: r.at.toISOString() }));
}
