// The catalog the hub publishes: read once at start from a JSON file (either `{ version, items }` or a bare
// array of items, like the draft catalog), signed with the hub's Ed25519 key, served with a strong ETag.
// With no file the hub serves an empty catalog and does not check service ids (it knows none).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { catalogPayloadSchema, type CatalogPayload, type SignedCatalog } from '../src/domain/hubApi';
import { signBytes, type HubKeys } from './keys';

export interface PublishedCatalog {
  signed: SignedCatalog;
  etag: string;
  /** Ids of the services a kiosk may submit; null = no catalog loaded, every service id is accepted. */
  serviceIds: ReadonlySet<string> | null;
}

export class CatalogError extends Error {
  readonly code = 'catalog';
}

export function readCatalogFile(path: string): CatalogPayload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CatalogError(`cannot read catalog ${path}: ${(error as Error).message}`);
  }
  // A bare array gets a content-derived version, so the same file always publishes the same version.
  const candidate = Array.isArray(parsed)
    ? { version: `sha256-${createHash('sha256').update(JSON.stringify(parsed)).digest('hex').slice(0, 16)}`, items: parsed }
    : parsed;
  const result = catalogPayloadSchema.safeParse(candidate);
  if (!result.success) throw new CatalogError(`catalog ${path} is not { version, items[] }: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}

export function publishCatalog(keys: Pick<HubKeys, 'signingPrivateKey'>, catalog: CatalogPayload | null): PublishedCatalog {
  const payload = JSON.stringify(catalog ?? { version: 'empty', items: [] });
  const bytes = new TextEncoder().encode(payload);
  const ids = catalog?.items.map((item) => item.id).filter((id): id is string => typeof id === 'string');
  return {
    signed: { payload, signature: signBytes(keys, bytes), algorithm: 'ed25519' },
    etag: `"${createHash('sha256').update(bytes).digest('base64url')}"`,
    serviceIds: catalog && catalog.items.length > 0 ? new Set(ids) : null,
  };
}
