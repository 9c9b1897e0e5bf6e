// The release channel: signed update bundles by channel and version, with a staged rollout. The hub does not
// verify signatures (it holds no update key; kiosks do); it stores the bytes, serves them in ranges, and decides
// who is in a rollout.
import { createHash } from 'node:crypto';
import { compareVersions } from '../../src/domain/updateManifest';
import type { Queryable } from '../db/db';

export interface ReleaseRecord {
  channel: string;
  version: string;
  sha256: string;
  size: number;
  rollout: number;
  notes: string;
  publishedAt: string;
}

export class ReleaseConflictError extends Error {
  readonly code = 'release_conflict';
}

/**
 * 0–99, from a hash of the channel and the kiosk id. A kiosk is in a rollout of P % when its bucket is below
 * P: raising P only adds kiosks, and the same kiosks go first on every release of a channel (the pilot group).
 */
export function rolloutBucket(channel: string, kioskId: string): number {
  return createHash('sha256').update(`${channel}\n${kioskId}`).digest().readUInt32BE(0) % 100;
}

/** Publishes a release, or changes the rollout of one already published with the same bytes. */
export async function publishRelease(db: Queryable, release: { channel: string; version: string; rollout: number; notes: string; manifest: unknown; bundle: Uint8Array }): Promise<ReleaseRecord> {
  const sha256 = createHash('sha256').update(release.bundle).digest('hex');
  const found = await db.query<{ sha256: string }>('SELECT sha256 FROM releases WHERE channel = $1 AND version = $2', [release.channel, release.version]);
  const existing = found.rows[0];
  if (existing && existing.sha256 !== sha256) throw new ReleaseConflictError(`${release.channel} ${release.version} is already published with other bytes; publish a new version`);
  if (existing) await db.query('UPDATE releases SET rollout = $3 WHERE channel = $1 AND version = $2', [release.channel, release.version, release.rollout]);
  else {
    await db.query('INSERT INTO releases (channel, version, sha256, size, rollout, notes, manifest, bundle) VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)', [
      release.channel, release.version, sha256, release.bundle.length, release.rollout, release.notes, JSON.stringify(release.manifest), release.bundle,
    ]);
  }
  return (await listReleases(db, release.channel)).find((r) => r.version === release.version) as ReleaseRecord;
}

export async function listReleases(db: Queryable, channel?: string): Promise<ReleaseRecord[]> {
  const found = await db.query<{ channel: string; version: string; sha256: string; size: string | number; rollout: number; notes: string; published_at: Date }>(
    `SELECT channel, version, sha256, size, rollout, notes, published_at FROM releases ${channel ? 'WHERE channel = $1' : ''} ORDER BY channel, published_at`,
    channel ? [channel] : [],
  );
  return found.rows.map((r) => ({ channel: r.channel, version: r.version, sha256: r.sha256, size: Number(r.size), rollout: r.rollout, notes: r.notes, publishedAt: r.published_at.toISOString() }));
}

/** The newest release of the channel whose rollout includes the kiosk, or null. */
export async function latestReleaseFor(db: Queryable, channel: string, kioskId: string): Promise<ReleaseRecord | null> {
  const bucket = rolloutBucket(channel, kioskId);
  const eligible = (await listReleases(db, channel)).filter((r) => bucket < r.rollout);
  return eligible.sort((a, b) => compareVersions(b.version, a.version))[0] ?? null;
}

/** Bytes [start, end] (inclusive) of a release's bundle, or null when there is no such release. */
export async function readReleaseBytes(db: Queryable, channel: string, version: string, start: number, end: number): Promise<Uint8Array | null> {
  const found = await db.query<{ part: Uint8Array }>('SELECT substring(bundle FROM $3::int FOR $4::int) AS part FROM releases WHERE channel = $1 AND version = $2', [channel, version, start + 1, end - start + 1]);
  return found.rows[0]?.part ?? null;
}
