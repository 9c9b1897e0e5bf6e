// Schema migrations, applied in order, each in its own transaction, recorded in schema_migrations. A shipped
// migration is never edited: add a new one. An advisory lock makes two hubs starting at once against the same
// PostgreSQL take turns instead of racing.
import type { Db } from './db';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'kiosks, enrolment codes, applications, city operators',
    sql: `
CREATE TABLE kiosks (
  id text PRIMARY KEY,
  site_code text NOT NULL,
  credential_hash text NOT NULL UNIQUE,
  kiosk_version text,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_seen_at timestamptz,
  last_heartbeat jsonb
);
CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  site_code text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  kiosk_id text REFERENCES kiosks (id)
);
CREATE SEQUENCE case_no_seq;
CREATE TABLE applications (
  id uuid PRIMARY KEY,
  -- Arrival order, the city queue's cursor. A bigserial may skip numbers (rolled-back batches) but never repeats.
  seq bigserial NOT NULL UNIQUE,
  kiosk_id text NOT NULL REFERENCES kiosks (id),
  receipt_no text NOT NULL,
  service_id text NOT NULL,
  handling_city text NOT NULL,
  queue_city text NOT NULL,
  received_division text NOT NULL,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'received',
  case_no text NOT NULL UNIQUE,
  -- sha256 over every field the kiosk sent plus its kiosk id: equal hash = the same submission again.
  content_hash text NOT NULL,
  sealed_enc bytea NOT NULL,
  sealed_ct bytea NOT NULL,
  UNIQUE (kiosk_id, receipt_no)
);
CREATE INDEX applications_queue ON applications (queue_city, seq);
CREATE TABLE city_operators (
  token_hash text PRIMARY KEY,
  city text NOT NULL,
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
`,
  },
  {
    version: 2,
    name: 'ratings (好差评)',
    // The level is kept by NAME (the two national numberings disagree, src/domain/rating.ts) and, next to it,
    // the national export record computed once at intake (toNationalExport), so an export reads `national`
    // as it is and never converts. No foreign key to applications: a rating may arrive before the application
    // it rates (both wait in the kiosk's queues), and a guide print has none.
    sql: `
CREATE TABLE ratings (
  id uuid PRIMARY KEY,
  kiosk_id text NOT NULL REFERENCES kiosks (id),
  application_id uuid,
  receipt_no text,
  service_id text NOT NULL,
  level text NOT NULL CHECK (level IN ('verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied')),
  reasons jsonb NOT NULL,
  comment text NOT NULL,
  channel smallint NOT NULL,
  assess_number smallint NOT NULL,
  rated_at timestamptz NOT NULL,
  division text NOT NULL,
  national jsonb NOT NULL,
  -- sha256 over every field the kiosk sent plus its kiosk id: equal hash = the same rating again.
  content_hash text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ratings_service ON ratings (service_id, rated_at);
CREATE INDEX ratings_received ON ratings (received_at);
`,
  },
  {
    version: 3,
    name: 'case life cycle: case events, current note, acceptance time',
    // Events are kept forever (a trigger refuses UPDATE and DELETE); the application row keeps the current
    // state for the queue and the status page. `last_event_seq` is the kiosks' cursor for "what changed".
    sql: `
CREATE TABLE case_events (
  seq bigserial PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications (id),
  from_status text NOT NULL,
  status text NOT NULL CHECK (status IN ('received', 'accepted', 'completed', 'needsCorrection', 'rejected')),
  at timestamptz NOT NULL,
  city text NOT NULL,
  operator text NOT NULL,
  note text NOT NULL
);
CREATE INDEX case_events_application ON case_events (application_id, seq);
CREATE FUNCTION case_events_kept_forever() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case events are kept forever';
END $$;
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_kept_forever();
ALTER TABLE applications ADD COLUMN status_note text NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN accepted_at timestamptz;
ALTER TABLE applications ADD COLUMN last_event_seq bigint;
CREATE INDEX applications_queue_status ON applications (queue_city, status, seq);
CREATE INDEX applications_kiosk_changes ON applications (kiosk_id, last_event_seq);
CREATE INDEX applications_receipt ON applications (receipt_no);
`,
  },
  {
    version: 4,
    name: 'city tokens: id for revocation, expiry',
    // Tokens issued before get an id made from their hash (CT-OLD-<first 8 hex digits of its SHA-256>) and expire
    // 90 days after the upgrade, so no back office stops at once.
    sql: `
ALTER TABLE city_operators ADD COLUMN id text;
UPDATE city_operators SET id = 'CT-OLD-' || upper(substr(token_hash, 1, 8));
ALTER TABLE city_operators ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX city_operators_id ON city_operators (id);
ALTER TABLE city_operators ADD COLUMN expires_at timestamptz;
UPDATE city_operators SET expires_at = now() + interval '90 days';
ALTER TABLE city_operators ALTER COLUMN expires_at SET NOT NULL;
`,
  },
  {
    version: 5,
    name: 'release channel (signed update bundles)',
    // The bundle's bytes live in the database, not on one hub's disk: hub processes stay stateless behind a
    // load balancer. A release is (channel, version); its bytes never change once published (same sha256).
    sql: `
CREATE TABLE releases (
  channel text NOT NULL,
  version text NOT NULL,
  sha256 text NOT NULL,
  size bigint NOT NULL,
  rollout smallint NOT NULL CHECK (rollout BETWEEN 0 AND 100),
  notes text NOT NULL,
  manifest jsonb NOT NULL,
  bundle bytea NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, version)
);
`,
  },
  {
    version: 6,
    name: 'kiosk events (device trouble, maintenance audit) from heartbeats',
    // One row per event a kiosk raised (src/domain/kioskEvents.ts); the kiosk's own id makes a heartbeat sent
    // twice store it once. Nothing personal: a kind, the kiosk's time, a short detail written by code.
    sql: `
CREATE TABLE kiosk_events (
  kiosk_id text NOT NULL REFERENCES kiosks (id),
  id text NOT NULL,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  detail text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kiosk_id, id)
);
CREATE INDEX kiosk_events_recent ON kiosk_events (kiosk_id, at DESC);
`,
  },
  {
    version: 7,
    name: 'back office: operators with passwords, sessions, audit log',
    // Operators sign in to /office with a name and a password (scrypt hash, hub/office/passwords.ts) and work
    // the cases of their one city. Sessions are stored as the SHA-256 of their cookie, with the CSRF token of
    // the forms. The audit log says who opened which case's sealed part, when (and who signed in, failed to,
    // or changed a status); like case_events it is kept forever: a trigger refuses UPDATE and DELETE.
    sql: `
CREATE TABLE office_operators (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  city text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE TABLE office_sessions (
  token_hash text PRIMARY KEY,
  operator_id text NOT NULL REFERENCES office_operators (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX office_sessions_operator ON office_sessions (operator_id);
CREATE TABLE office_audit (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  action text NOT NULL CHECK (action IN ('operatorAdded', 'operatorDisabled', 'login', 'loginFailed', 'logout', 'open', 'refused', 'statusChanged')),
  operator_id text,
  operator_name text NOT NULL,
  city text NOT NULL,
  application_id uuid,
  case_no text,
  detail text NOT NULL DEFAULT ''
);
CREATE INDEX office_audit_city ON office_audit (city, seq);
CREATE FUNCTION office_audit_kept_forever() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the office audit log is kept forever';
END $$;
CREATE TRIGGER office_audit_append_only BEFORE UPDATE OR DELETE ON office_audit
  FOR EACH ROW EXECUTE FUNCTION office_audit_kept_forever();
`,
  },
  {
    version: 10,
    name: 'sealing key id (key rotation)',
    // Which hub key an application is sealed to, so `kioskctl hub open` picks it after a rotation; null for
    // kiosks from before rotation (their payloads are tried against every key, the first one first).
    sql: `ALTER TABLE applications ADD COLUMN sealed_kid text;`,
  },
];

const lockKey = 50_942_001; // arbitrary and constant: "the hub's migration lock"

export async function migrate(db: Db, list: readonly Migration[] = migrations): Promise<number[]> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const applied: number[] = [];
  for (const migration of [...list].sort((a, b) => a.version - b.version)) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.rows.length > 0) return;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    });
  }
  return applied;
}
