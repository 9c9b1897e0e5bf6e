// Enrolment: trade a one-time code from the hub operator (`kioskctl hub enrol-code`) for this kiosk's id,
// credential and the hub's public keys, and store them (0600). Used by the hub service at start (code from
// config or environment) and by a CLI command. The code is spent at the hub even if the answer is lost on
// the way back; then a new code is needed (the hub does not tell a used code from an unknown one).
import { z } from 'zod';
import { err, ok } from '../../../src/bridge/result';
import type { Result } from '../../../src/bridge/result';
import { enrolResponseSchema, hubKeyFingerprint, normaliseFingerprint } from '../../../src/domain/hubApi';
import { hubUrlProblem } from './hubUrl';
import { writeCredential } from './credentialStore';
import type { StoredCredential } from './credentialStore';
import { createHubHttp } from './hubHttp';

export interface EnrolOptions {
  hubUrl: string;
  code: string;
  dataDir: string;
  /** Reported to the hub (default '0.0.0'). */
  version?: string;
  /**
   * The hub key fingerprint the hub operator gave with the code (`kioskctl hub enrol-code`); when set, a hub
   * presenting keys with another fingerprint is refused and nothing is stored. Default none: not checked.
   */
  fingerprint?: string;
  /** Default 15,000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Enrols and writes the credential file; the answer never includes the credential itself. */
export async function enrolKiosk(options: EnrolOptions): Promise<Result<Omit<StoredCredential, 'credential'>>> {
  const urlProblem = hubUrlProblem(options.hubUrl);
  if (urlProblem) return err('invalid_argument', urlProblem);
  const http = createHubHttp({ baseUrl: options.hubUrl, timeoutMs: options.timeoutMs, fetch: options.fetch });
  const { result } = await http({
    method: 'POST',
    path: '/v1/enrol',
    body: { code: options.code.trim(), kioskVersion: options.version ?? '0.0.0' },
    schema: enrolResponseSchema,
  });
  if (!result.ok) return result.error.code === 'forbidden' ? err('forbidden', 'enrolment code unknown, already used or expired') : result;
  if (options.fingerprint !== undefined) {
    const presented = await hubKeyFingerprint(result.value);
    if (normaliseFingerprint(presented) !== normaliseFingerprint(options.fingerprint)) {
      return err('forbidden', `the hub presented keys with fingerprint ${presented}, not the ${options.fingerprint} given with the code: another hub, or one in between; nothing was stored`);
    }
  }
  const stored: StoredCredential = { hubUrl: options.hubUrl, ...result.value, enrolledAt: new Date().toISOString() };
  writeCredential(options.dataDir, stored);
  const { credential: _secret, ...visible } = stored;
  return ok(visible);
}

/** Enrolment code from the environment (KIOSK_HUB_ENROLMENT_CODE), for first boot of a freshly imaged kiosk. */
export const enrolmentCodeFromEnv = (env: NodeJS.ProcessEnv = process.env): string | undefined => {
  const code = z.string().min(6).max(64).safeParse(env.KIOSK_HUB_ENROLMENT_CODE?.trim());
  return code.success ? code.data : undefined;
};
