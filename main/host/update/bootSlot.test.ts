// The loader's decision at each start, on a real data directory: a pending slot gets three starts, the fourth
// start returns to the previous good source with lastResult rolledBack; mark-good ends the count.
import { describe, expect, it } from 'vitest';
import { kioskDataDir, makeKey, tempDir, writeBundle } from '../../../tests/update/rig';
import { decideBoot, markGood, updateStatus } from './bootSlot';
import { installBundle } from './installBundle';
import { readState } from './slotLayout';

const key = makeKey();
const runtime = { node: process.versions.node, electron: null };

function installed(version: string) {
  const kiosk = kioskDataDir(key);
  const outcome = installBundle(writeBundle(tempDir(), key.privateKey, { version }), { ...kiosk, channel: 'stable', runtime });
  expect(outcome.ok).toBe(true);
  return kiosk;
}

describe('decideBoot', () => {
  it('gives a pending slot three starts, then returns to the previous good source', () => {
    const kiosk = installed('0.2.0');
    expect([1, 2, 3].map(() => decideBoot(kiosk).source)).toEqual(['A', 'A', 'A']);
    expect(readState(kiosk.dataDir)).toMatchObject({ current: 'A', pending: true, bootAttempts: 3 });
    const fourth = decideBoot(kiosk);
    expect(fourth).toMatchObject({ source: 'factory', version: '0.1.0', rolledBack: 'not marked good after 3 starts' });
    expect(updateStatus(kiosk)).toMatchObject({ current: { slot: 'factory' }, previous: null, pending: false, bootAttempts: 0, lastResult: 'rolledBack' });
    expect(readState(kiosk.dataDir).rolledBack).toEqual({ slot: 'A', version: '0.2.0', reason: 'not marked good after 3 starts' });
    expect(decideBoot(kiosk).source).toBe('factory'); // and stays there
  });

  it('keeps a slot that is marked good within its starts', () => {
    const kiosk = installed('0.2.0');
    decideBoot(kiosk);
    decideBoot(kiosk);
    expect(markGood(kiosk)).toMatchObject({ current: 'A', pending: false, bootAttempts: 0, lastResult: 'good' });
    expect([1, 2, 3, 4, 5].map(() => decideBoot(kiosk).source)).toEqual(['A', 'A', 'A', 'A', 'A']);
  });

  it('rolls back from a second slot to the first good one, not to factory', () => {
    const kiosk = installed('0.2.0');
    decideBoot(kiosk);
    markGood(kiosk);
    expect(installBundle(writeBundle(tempDir(), key.privateKey, { version: '0.3.0' }), { ...kiosk, channel: 'stable', runtime })).toMatchObject({ ok: true, slot: 'B' });
    for (let i = 0; i < 3; i++) expect(decideBoot(kiosk).source).toBe('B');
    expect(decideBoot(kiosk)).toMatchObject({ source: 'A', version: '0.2.0' });
  });
});
