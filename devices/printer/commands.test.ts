import { describe, expect, it } from 'vitest';
import { cmd } from './commands';
import { getProfile, printerProfileSchema, profileNames } from './profiles';

describe('recovery commands (spec §2.6)', () => {
  it('DLE ENQ n is 10 05 n; clearing the buffers is DLE ENQ 2', () => {
    expect(cmd.realtimeRecover(1)).toEqual([0x10, 0x05, 0x01]);
    expect(cmd.realtimeRecover(2)).toEqual([0x10, 0x05, 0x02]);
    expect(cmd.clearBuffers).toEqual([0x10, 0x05, 0x02]);
  });

  it("profiles say how they clear; a profile that says nothing gets 'dleEnq2'", () => {
    for (const name of profileNames) expect(getProfile(name).recovery.clearBuffers).toBe('dleEnq2');
    const { recovery: _omitted, ...withoutRecovery } = getProfile('clone-58');
    expect(printerProfileSchema.parse(withoutRecovery).recovery).toEqual({ clearBuffers: 'dleEnq2' });
    expect(printerProfileSchema.parse({ ...withoutRecovery, recovery: { clearBuffers: 'none' } }).recovery.clearBuffers).toBe('none');
    expect(() => printerProfileSchema.parse({ ...withoutRecovery, recovery: { clearBuffers: 'dleEnq1' } })).toThrow();
  });
});
