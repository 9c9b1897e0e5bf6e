// `kioskctl maintenance set-pin`: the PIN comes on stdin, lands in config.json only as a scrypt hash, and
// opens the mode for its role; a bad PIN or role is a usage error that writes nothing.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/host/config';
import { verifyPin } from '../../main/host/maintenance/pinHash';
import { runKioskctl } from '../support/kioskctl';

describe('kioskctl maintenance set-pin', () => {
  it('stores the technician PIN as a hash and refuses a short PIN or an unknown role', async () => {
    const data = mkdtempSync(join(tmpdir(), 'kiosk-pin-'));
    const set = await runKioskctl(['maintenance', 'set-pin', '--role', 'technician', '--data', data], {}, 30_000, '20261202\n');
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const file = readFileSync(join(data, 'config.json'), 'utf8');
    expect(file).not.toContain('20261202');
    const pins = loadConfig(data, {}).maintenance.pins;
    expect(await verifyPin('20261202', pins.technician!)).toBe(true);
    expect(pins.fieldStaff).toBeUndefined();

    const other = mkdtempSync(join(tmpdir(), 'kiosk-pin-'));
    expect((await runKioskctl(['maintenance', 'set-pin', '--role', 'technician', '--data', other], {}, 30_000, '1234\n')).code).toBe(64);
    expect((await runKioskctl(['maintenance', 'set-pin', '--role', 'janitor', '--data', other], {}, 30_000, '123456\n')).code).toBe(64);
    expect(existsSync(join(other, 'config.json'))).toBe(false);
  }, 60_000);
});
