// One install at a time: a real installer (`kioskctl update install`, a child process) is held right after it
// verified the bundle, still holding the install lock. A second install (another kioskctl, and one in process)
// is refused clearly (exit 4, "another install is running", code busy) and changes nothing. The first is then
// SIGKILLed, as a power cut or a killed process would leave it: its lock names a dead pid, and the next
// install recovers the lock and succeeds.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { updateStatus } from '../../main/host/update/bootSlot';
import { installBundle } from '../../main/host/update/installBundle';
import { acquireInstallLock, installLockPath, isProcessAlive } from '../../main/host/update/installLock';
import { runKioskctl } from '../support/kioskctl';
import { kioskDataDir, makeKey, snapshot, tempDir, writeBundle } from './rig';

const root = fileURLToPath(new URL('../..', import.meta.url));
const key = makeKey();
const runtime = { node: process.versions.node, electron: null };

/** Starts an installer that stops for good after `pauseAt`; resolves once it got there. */
function heldInstaller(file: string, dataDir: string, pauseAt: string) {
  const env = { ...process.env, KIOSK_UPDATE_TEST_STEPS: '1', KIOSK_UPDATE_TEST_PAUSE_AT: pauseAt };
  const child = spawn(process.execPath, ['bin/kioskctl.mjs', 'update', 'install', file, '--data', dataDir], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const paused = new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(`update-step ${pauseAt}\n`)) resolve();
    });
    child.once('close', (code) => reject(new Error(`the installer ended (${code}) before ${pauseAt}: ${seen}`)));
  });
  return { child, paused, closed };
}

describe('install lock', () => {
  it('refuses a second install while one runs, and recovers the lock of a killed installer', async () => {
    const kiosk = kioskDataDir(key);
    const first = writeBundle(tempDir(), key.privateKey, { version: '0.2.0' });
    const second = writeBundle(tempDir(), key.privateKey, { version: '0.3.0' });
    const installer = heldInstaller(first, kiosk.dataDir, 'verified');
    await installer.paused;
    expect(JSON.parse(readFileSync(installLockPath(kiosk.dataDir), 'utf8'))).toMatchObject({ pid: installer.child.pid });
    const before = snapshot(kiosk.dataDir);

    const cli = await runKioskctl(['update', 'install', second, '--data', kiosk.dataDir]);
    expect(cli.code).toBe(4);
    expect(cli.stderr + cli.stdout).toContain(`another install is running (pid ${installer.child.pid}`);
    const inProcess = installBundle(second, { ...kiosk, channel: 'stable', runtime });
    expect(inProcess).toMatchObject({ ok: false, kind: 'policy', code: 'busy' });
    expect(snapshot(kiosk.dataDir)).toEqual(before);

    installer.child.kill('SIGKILL');
    await installer.closed;
    expect(isProcessAlive(installer.child.pid!)).toBe(false);
    expect(existsSync(installLockPath(kiosk.dataDir))).toBe(true); // left behind, as a power cut leaves it

    expect(installBundle(second, { ...kiosk, channel: 'stable', runtime })).toMatchObject({ ok: true, slot: 'A', version: '0.3.0' });
    expect(existsSync(installLockPath(kiosk.dataDir))).toBe(false);
    expect(updateStatus(kiosk)).toMatchObject({ current: { slot: 'A', version: '0.3.0' }, pending: true });
  });

  it('treats a lock naming a dead or unreadable holder as stale, and a live one as held', () => {
    const kiosk = kioskDataDir(key);
    const now = () => '2026-05-01T02:00:00.000Z';
    const held = acquireInstallLock(kiosk.dataDir, now);
    expect(held.ok).toBe(true);
    // This process holds it: a second take in the same process is refused too (installs never nest).
    expect(acquireInstallLock(kiosk.dataDir, now)).toEqual({ ok: false, holder: { pid: process.pid, since: '2026-05-01T02:00:00.000Z' } });
    // The same file, but its pid declared dead: recovered.
    const recovered = acquireInstallLock(kiosk.dataDir, now, () => false);
    expect(recovered).toMatchObject({ ok: true, recoveredFrom: { pid: process.pid } });
    if (recovered.ok) recovered.release();
    expect(existsSync(installLockPath(kiosk.dataDir))).toBe(false);
  });
});
