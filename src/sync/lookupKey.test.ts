import { describe, expect, it } from 'vitest';
import { computeLookupKey, createLookupSecret } from './lookupKey';

describe('lookup key', () => {
  it('is a stable keyed hash: same card and kiosk match, another kiosk does not, the number is not in it', async () => {
    const secret = createLookupSecret();
    const key = await computeLookupKey('42010219900101123x', secret);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await computeLookupKey(' 42010219900101123X ', secret)).toBe(key);
    expect(await computeLookupKey('420102199001011230', secret)).not.toBe(key);
    expect(await computeLookupKey('42010219900101123X', createLookupSecret())).not.toBe(key);
    expect(key).not.toContain('420102');
  });

  it('refuses a short secret', async () => {
    await expect(computeLookupKey('420102199001011234', new Uint8Array(8))).rejects.toThrow(RangeError);
  });
});
