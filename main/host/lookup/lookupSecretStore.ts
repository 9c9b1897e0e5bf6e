// The secrets behind the "my applications" lookup key (ADR 0006), on the host: `<dataDir>/lookup-secrets.json`,
// mode 0600, created on first use, written atomically, parsed with zod on every read. The first secret keys
// new rows; the others were adopted from renderers that kept theirs in IndexedDB before this file existed.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { maxLookupSecrets } from '../../../src/bridge/contract/lookup';
import { base64Schema } from '../../../src/domain/hubApi';

export const lookupSecretsFileName = 'lookup-secrets.json';
export const lookupSecretsPath = (dataDir: string): string => join(dataDir, lookupSecretsFileName);

const secretSchema = base64Schema.refine((text) => Buffer.from(text, 'base64').length === 32, 'expected 32 bytes');
const fileSchema = z.object({ version: z.literal(1), secrets: z.array(secretSchema).min(1).max(maxLookupSecrets + 1) });

export class LookupSecretError extends Error {
  readonly code = 'lookup_secret_invalid';
}

export interface LookupSecretStore {
  /** The secrets, current first; creates the file with a new random secret when there is none. */
  secrets(): Buffer[];
  /** Adds a secret an older renderer held; `full` when the file already holds the maximum. */
  adopt(secret: Buffer): 'adopted' | 'alreadyHeld' | 'full';
}

function readSecrets(file: string): Buffer[] | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new LookupSecretError(`cannot read ${lookupSecretsFileName}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  // A damaged file is an error, never silently replaced: a new secret would orphan every stored lookup key.
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new LookupSecretError(`${lookupSecretsFileName} is not JSON; restore it from a backup`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new LookupSecretError(`${lookupSecretsFileName} is damaged; restore it from a backup`);
  return parsed.data.secrets.map((text) => Buffer.from(text, 'base64'));
}

function writeSecrets(file: string, secrets: Buffer[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  // Created 0600 (the umask can only remove bits), and chmod-ed again in case the file system ignored it.
  writeFileSync(temp, JSON.stringify({ version: 1, secrets: secrets.map((s) => s.toString('base64')) }) + '\n', { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file); // atomic on one file system: a power cut leaves the old or the new file
}

export function createLookupSecretStore(dataDir: string): LookupSecretStore {
  const file = lookupSecretsPath(dataDir);
  let cached: Buffer[] | null = null;
  const secrets = (): Buffer[] => {
    if (cached) return cached;
    cached = readSecrets(file);
    if (!cached) {
      cached = [randomBytes(32)];
      writeSecrets(file, cached);
    }
    return cached;
  };
  return {
    secrets,
    adopt(secret) {
      const held = secrets();
      if (held.some((s) => s.equals(secret))) return 'alreadyHeld';
      if (held.length > maxLookupSecrets) return 'full';
      cached = [...held, secret];
      writeSecrets(file, cached);
      return 'adopted';
    },
  };
}
