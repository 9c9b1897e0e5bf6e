// The kiosk's hub credential on disk: `<dataDir>/hub-credential.json`, mode 0600, written atomically, parsed
// with zod on every read. Only the host's hub client reads it; the renderer never sees the credential.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { base64Schema } from '../../../src/domain/hubApi';

export const credentialFileName = 'hub-credential.json';

export const storedCredentialSchema = z.object({
  hubUrl: z.string().url(),
  kioskId: z.string().min(1),
  siteCode: z.string().min(1),
  credential: z.string().min(16),
  hpkePublicKey: base64Schema,
  signingPublicKey: base64Schema,
  /** The hub's public base URL from the enrolment answer (absent from older hubs); heartbeats may update it in memory. */
  publicUrl: z.string().url().optional(),
  enrolledAt: z.string(),
});
export type StoredCredential = z.infer<typeof storedCredentialSchema>;

export class CredentialError extends Error {
  readonly code = 'credential_invalid';
}

export const credentialPath = (dataDir: string): string => join(dataDir, credentialFileName);

/** The stored credential, or null when the kiosk is not enrolled. Throws CredentialError when the file is damaged. */
export function readCredential(dataDir: string): StoredCredential | null {
  let raw: string;
  try {
    raw = readFileSync(credentialPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CredentialError(`cannot read ${credentialFileName}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new CredentialError(`${credentialFileName} is not JSON; re-enrol the kiosk`);
  }
  const parsed = storedCredentialSchema.safeParse(json);
  if (!parsed.success) throw new CredentialError(`${credentialFileName} is damaged (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}); re-enrol the kiosk`);
  return parsed.data;
}

export function writeCredential(dataDir: string, credential: StoredCredential): void {
  const file = credentialPath(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  // Created 0600 (the umask can only remove bits), and chmod-ed again in case the file system ignored it.
  writeFileSync(temp, JSON.stringify(storedCredentialSchema.parse(credential), null, 2) + '\n', { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file); // atomic on one file system: a power cut leaves the old or the new credential
}
