// Power loss during an install: the real installer (`kioskctl update install`, a child process) is SIGKILLed
// right after each of its durable steps (while hashing the bundle, after clearing the slot, after each file,
// after sealing, while re-hashing the staged slot, before and after the switch). After every kill the status
// answers, the boot names an intact source (the old one before the switch, the new one after), everything
// outside the slots is byte for byte what it was, and a second install succeeds.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decideBoot, markGood, updateStatus } from '../../main/host/update/bootSlot';
import type { UpdateContext } from '../../main/host/update/bootSlot';
import { installBundle } from '../../main/host/update/installBundle';
import { checkSlot } from '../../main/host/update/slotLayout';
import { runKioskctl } from '../support/kioskctl';
import { kioskDataDir, makeKey, payloadFor, snapshot, tempDir, writeBundle } from './rig';

const root = fileURLToPath(new URL('../..', import.meta.url));
const key = makeKey();
const runtime = { node: process.versions.node, electron: null };

/** Runs the installer until it announces `pauseAt` (then SIGKILLs it), or to the end; resolves with the steps seen. */
function runInstaller(file: string, dataDir: string, pauseAt?: string): Promise<{ steps: string[]; code: number | null; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, KIOSK_UPDATE_TEST_STEPS: '1', KIOSK_UPDATE_TEST_PAUSE_AT: pauseAt ?? '' };
    const child = spawn(process.execPath, ['bin/kioskctl.mjs', 'update', 'install', file, '--data', dataDir], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const steps: string[] = [];
    let buffered = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const step = /^update-step (\S+)$/.exec(line)?.[1];
        if (!step) continue;
        steps.push(step);
        if (step === pauseAt && !killed) {
          killed = true;
          child.kill('SIGKILL'); // the power cut: no handler, no flush, nothing after this step runs
        }
      }
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ steps, code, killed }));
  });
}

interface Scenario {
  name: string;
  /** Brings a fresh kiosk to the state the install starts from; returns the source that boots before it. */
  prepare: (kiosk: UpdateContext, dir: string) => 'factory' | 'A' | 'B';
  target: 'A' | 'B';
}

const scenarios: Scenario[] = [
  { name: 'first install (factory → A)', prepare: () => 'factory', target: 'A' },
  {
    // B is current and A the previous good slot: the install overwrites A, so the previous pointer must drop first.
    name: 'third install over the previous good slot (B → A)',
    prepare: (kiosk, dir) => {
      for (const version of ['0.2.0', '0.3.0']) {
        const outcome = installBundle(writeBundle(dir, key.privateKey, { version }), { ...kiosk, channel: 'stable', runtime });
        if (!outcome.ok) throw new Error(outcome.message);
        decideBoot(kiosk);
        markGood(kiosk);
      }
      return 'B';
    },
    target: 'A',
  },
];

describe('power loss at every step of an install', () => {
  for (const scenario of scenarios) {
    describe.concurrent(scenario.name, async () => {
      const bundleDir = tempDir();
      const bundle = writeBundle(bundleDir, key.privateKey, { version: '0.9.0' }, payloadFor('0.9.0', 3));
      // One uninterrupted run lists the steps; each of them then gets its own kiosk and its own kill.
      const dry = kioskDataDir(key);
      scenario.prepare(dry, tempDir());
      const full = await runInstaller(bundle, dry.dataDir);
      expect(full.code).toBe(0);
      const switchAt = full.steps.indexOf('after-switch');

      it('announces every step', () => {
        expect(full.steps).toEqual(expect.arrayContaining(['verify:0', 'verify:3', 'slot-cleared', 'file:0', 'file:3', 'sealed', 'recheck:3', 'before-switch', 'after-switch']));
      });

      for (const [index, step] of full.steps.entries()) {
        it(`killed after ${step}`, async () => {
          const kiosk = kioskDataDir(key);
          const before = scenario.prepare(kiosk, tempDir());
          const outside = snapshot(kiosk.dataDir, 'update');
          const run = await runInstaller(bundle, kiosk.dataDir, step);
          expect(run.killed).toBe(true);
          expect(run.steps.at(-1)).toBe(step);

          const status = updateStatus(kiosk);
          const expected = index >= switchAt ? scenario.target : before;
          expect(status.current.slot).toBe(expected);
          expect(status.pending).toBe(index >= switchAt);
          const boot = decideBoot(kiosk);
          expect(boot.source).toBe(expected);
          expect(boot.rolledBack).toBeNull();
          if (boot.source !== 'factory') expect(checkSlot(kiosk.dataDir, boot.source, kiosk.trusted)).toBeNull();
          expect(snapshot(kiosk.dataDir, 'update')).toEqual(outside);

          // The field worker plugs the stick in again: a kiosk cut before the switch takes the same bundle.
          if (index < switchAt) {
            const again = installBundle(bundle, { ...kiosk, channel: 'stable', runtime });
            expect(again).toMatchObject({ ok: true, slot: scenario.target, version: '0.9.0' });
          }
        }, 120_000);
      }

      it('the CLI answers after a kill between the switch steps', async () => {
        const kiosk = kioskDataDir(key);
        scenario.prepare(kiosk, tempDir());
        await runInstaller(bundle, kiosk.dataDir, 'before-switch');
        const status = await runKioskctl(['update', 'status', '--data', kiosk.dataDir, '--json']);
        expect(status.code).toBe(0);
        expect(JSON.parse(status.stdout)).toMatchObject({ pending: false, slots: { [scenario.target]: { version: '0.9.0', intact: true } } });
        const boot = await runKioskctl(['update', 'boot', '--data', kiosk.dataDir]);
        expect(boot.stdout.trim()).toBe(updateStatus(kiosk).current.slot);
      }, 120_000);
    });
  }
});
