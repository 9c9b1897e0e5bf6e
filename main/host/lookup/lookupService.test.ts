import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/bridge/dispatcher';
import { computeLookupKey } from '../../../src/sync/lookupKey';
import { createLogger } from '../log';
import { createLookupService } from './lookupService';
import { lookupSecretsPath } from './lookupSecretStore';

const idNumber = '42010219900101123X';

function open(dataDir = mkdtempSync(join(tmpdir(), 'kiosk-lookup-'))) {
  const lines: string[] = [];
  const service = createLookupService(dataDir, createLogger('test', { write: (l) => lines.push(l) }));
  const dispatcher = createDispatcher(service.handlers);
  const call = async (method: 'lookup.keys' | 'lookup.adoptLegacySecret', input: unknown) => dispatcher.dispatch(method, input);
  return { dataDir, lines, call };
}

const fileSecrets = (dataDir: string) => (JSON.parse(readFileSync(lookupSecretsPath(dataDir), 'utf8')) as { secrets: string[] }).secrets.map((s) => Buffer.from(s, 'base64'));

describe('host lookup key (ADR 0006)', () => {
  it('creates its secret on first use in a 0600 file and keeps it across restarts', async () => {
    const first = open();
    const answer = await first.call('lookup.keys', { idNumber });
    expect(answer.ok).toBe(true);
    expect(statSync(lookupSecretsPath(first.dataDir)).mode & 0o777).toBe(0o600);
    const [secret] = fileSecrets(first.dataDir);
    // The same HMAC as the renderer's (so adopted secrets keep old rows findable) with the host's secret.
    expect(answer).toEqual({ ok: true, value: { keys: [await computeLookupKey(idNumber, secret!)] } });
    expect(await open(first.dataDir).call('lookup.keys', { idNumber: ' 42010219900101123x ' })).toEqual(answer);
    expect(await open().call('lookup.keys', { idNumber })).not.toEqual(answer); // another kiosk, another key
  });

  it('adopts a legacy secret once and answers its key after the current one', async () => {
    const kiosk = open();
    const legacy = Buffer.alloc(32, 7);
    expect(await kiosk.call('lookup.adoptLegacySecret', { secret: legacy.toString('base64') })).toEqual({ ok: true, value: { outcome: 'adopted' } });
    expect(await kiosk.call('lookup.adoptLegacySecret', { secret: legacy.toString('base64') })).toEqual({ ok: true, value: { outcome: 'alreadyHeld' } });
    const keys = await open(kiosk.dataDir).call('lookup.keys', { idNumber });
    const [current] = fileSecrets(kiosk.dataDir);
    expect(keys).toEqual({ ok: true, value: { keys: [await computeLookupKey(idNumber, current!), await computeLookupKey(idNumber, legacy)] } });
    expect(statSync(lookupSecretsPath(kiosk.dataDir)).mode & 0o777).toBe(0o600);
    // Neither the ID number nor a secret reaches the log.
    expect(kiosk.lines.join('\n')).not.toContain(legacy.toString('base64'));
    expect(kiosk.lines.join('\n')).not.toContain(idNumber);
  });

  it('holds a bounded number of secrets', async () => {
    const kiosk = open();
    const outcomes: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const answer = await kiosk.call('lookup.adoptLegacySecret', { secret: Buffer.alloc(32, i).toString('base64') });
      if (answer.ok) outcomes.push((answer.value as { outcome: string }).outcome);
    }
    expect(outcomes).toEqual([...Array(8).fill('adopted'), 'full', 'full']);
  });

  it('refuses a secret of the wrong size', async () => {
    const answer = await open().call('lookup.adoptLegacySecret', { secret: Buffer.alloc(16).toString('base64') });
    expect(answer.ok || answer.error.code).toBe('invalid_argument');
  });

  it('answers unavailable on a damaged file and never replaces it (that would orphan every stored key)', async () => {
    const kiosk = open();
    writeFileSync(lookupSecretsPath(kiosk.dataDir), '{"version":1,"secrets":["short"]}');
    const answer = await kiosk.call('lookup.keys', { idNumber });
    expect(answer.ok || answer.error.code).toBe('unavailable');
    expect(readFileSync(lookupSecretsPath(kiosk.dataDir), 'utf8')).toBe('{"version":1,"secrets":["short"]}');
    expect(kiosk.lines.join('\n')).toContain('lookup secrets unusable');
  });
});
