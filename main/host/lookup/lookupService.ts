// Host service behind `lookup.keys` and `lookup.adoptLegacySecret` (ADR 0006): the HMAC of an ID number is
// computed here, with secrets the renderer never sees. Same normalisation and hash as src/sync/lookupKey.ts,
// so rows keyed by an older renderer with an adopted secret still match.
import { createHmac } from 'node:crypto';
import { err, ok } from '../../../src/bridge/result';
import { normaliseIdNumber } from '../../../src/sync/lookupKey';
import type { HostService } from '../host';
import type { Logger } from '../log';
import { createLookupSecretStore, LookupSecretError } from './lookupSecretStore';

export function computeHostLookupKey(idNumber: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(normaliseIdNumber(idNumber), 'utf8').digest('hex');
}

export function createLookupService(dataDir: string, log: Logger): HostService {
  const store = createLookupSecretStore(dataDir);
  // A damaged secrets file makes lookups unavailable (stored rows still sync) instead of crashing the host.
  const guarded = <T>(run: () => T) => {
    try {
      return ok(run());
    } catch (error) {
      if (!(error instanceof LookupSecretError)) throw error;
      log.error('lookup secrets unusable', { error });
      return err('unavailable', 'the lookup secret of this kiosk is unusable; a technician must restore it');
    }
  };
  return {
    name: 'lookup',
    handlers: {
      'lookup.keys': ({ idNumber }) => guarded(() => ({ keys: store.secrets().map((secret) => computeHostLookupKey(idNumber, secret)) })),
      'lookup.adoptLegacySecret': ({ secret }) =>
        guarded(() => {
          const outcome = store.adopt(Buffer.from(secret, 'base64'));
          log.info('legacy lookup secret handed over by the renderer', { outcome });
          return { outcome };
        }),
    },
    start: () => undefined,
    stop: () => undefined,
  };
}
