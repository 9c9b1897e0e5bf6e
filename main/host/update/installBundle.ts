// Installs a bundle into the inactive slot. Order, so a power cut at any point leaves a kiosk that boots:
//   1. read the whole bundle into memory and verify it (signature, sizes, hashes): nothing is written before;
//   2. policy: channel, anti-downgrade (unless a signed rollback bundle), minVersion, runtime, nothing pending;
//   3. unseal and clear the inactive slot (the current slot and the state still say what boots);
//   4. write each file (fsync), sync the folders, seal the slot with its signed manifest (atomic);
//   5. re-hash the staged slot from disk;
//   6. switch: one atomic write of the state file makes the slot current and pending.
// `onStep` is told after each step is durable; tests use it to kill the installer at every step.
// The steps are a generator so the same code runs in one go (CLI, tests) or yielding to the event loop after
// each file (the host, whose field-staff screen hears progress events while it writes: installBundleAsync).
// One install at a time per data directory (installLock.ts); a lock left by a killed installer is recovered.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BundleManifest } from '../../../src/domain/updateManifest';
import { compareVersions } from '../../../src/domain/updateManifest';
import { BundleError, decodeAndVerifyBundle } from './bundleFormat';
import type { UpdateContext } from './bootSlot';
import { sourceVersion } from './bootSlot';
import { syncDir, writeSynced } from './durableFile';
import { acquireInstallLock } from './installLock';
import type { LockHolder } from './installLock';
import { checkSlot, readState, slotDir, slotPayloadDir, updateDir, writeSlotRecord, writeState } from './slotLayout';
import type { BootSource, SlotName } from './slotLayout';

export interface InstallOptions extends UpdateContext {
  /** The kiosk's release channel (config `update.channel`). */
  channel: string;
  /** The runtime this kiosk runs: Node's version, and Electron's when it runs the Electron shell. */
  runtime: { node: string; electron: string | null };
  /** Told after each step is durable (synchronously, so a test can stop the process right there). */
  onStep?: (step: string) => void;
  /** Told the verified manifest before anything is written (the host sizes its progress by it). */
  onVerified?: (manifest: BundleManifest) => void;
}

/**
 * Why an install was refused, as a code the field-staff screen turns into plain words in each language
 * (`params` fill its placeholders); `message` stays the English line the CLI prints.
 */
export const refusalCodes = ['untrusted', 'damaged', 'channel', 'minVersion', 'notNewer', 'runtime', 'pending', 'busy', 'io'] as const;
export type RefusalCode = (typeof refusalCodes)[number];

export type InstallOutcome =
  | { ok: true; slot: SlotName; version: string; previous: BootSource; manifest: BundleManifest }
  | { ok: false; kind: 'verification' | 'policy' | 'io'; code: RefusalCode; params: Record<string, string>; message: string };

const refuse = (kind: 'verification' | 'policy' | 'io', message: string, code: RefusalCode = kind === 'io' ? 'io' : 'damaged', params: Record<string, string> = {}): InstallOutcome => ({ ok: false, kind, code, params, message });

/** A bundle that fails verification: signed by a key this kiosk does not trust, or damaged (any other check). */
export const verificationCode = (error: BundleError): RefusalCode => (error.code === 'unknownKey' || error.code === 'signature' ? 'untrusted' : 'damaged');

/** The slot to stage into: never the current one, and never the previous good one when there is a choice. */
export function inactiveSlot(current: BootSource, previous: BootSource | null): SlotName {
  if (current === 'A') return 'B';
  if (current === 'B') return 'A';
  return previous === 'A' ? 'B' : 'A';
}

export interface PolicyRefusal {
  code: RefusalCode;
  params: Record<string, string>;
  message: string;
}

/** Why policy refuses this manifest on this kiosk (code, its parameters and the English line), or null. */
export function policyRefusal(manifest: BundleManifest, installed: string, options: Pick<InstallOptions, 'channel' | 'runtime'>): PolicyRefusal | null {
  const refusal = (code: RefusalCode, params: Record<string, string>, message: string): PolicyRefusal => ({ code, params, message });
  if (manifest.channel !== options.channel) return refusal('channel', { bundle: manifest.channel, kiosk: options.channel }, `the bundle is for channel ${manifest.channel}; this kiosk follows ${options.channel}`);
  if (manifest.minVersion && compareVersions(installed, manifest.minVersion) < 0) return refusal('minVersion', { needed: manifest.minVersion, installed }, `the bundle needs version ${manifest.minVersion} or later installed first; this kiosk runs ${installed}`);
  if (compareVersions(manifest.version, installed) <= 0 && !manifest.allowDowngrade) return refusal('notNewer', { version: manifest.version, installed }, `version ${manifest.version} is not newer than the installed ${installed}`);
  if (compareVersions(options.runtime.node, manifest.minRuntime.node) < 0) return refusal('runtime', { needed: `Node ${manifest.minRuntime.node}`, has: `Node ${options.runtime.node}` }, `the bundle needs Node ${manifest.minRuntime.node}; this kiosk has ${options.runtime.node}`);
  const { electron } = manifest.minRuntime;
  if (electron && options.runtime.electron && compareVersions(options.runtime.electron, electron) < 0) return refusal('runtime', { needed: `Electron ${electron}`, has: `Electron ${options.runtime.electron}` }, `the bundle needs Electron ${electron}; this kiosk has ${options.runtime.electron} (update the deb first)`);
  return null;
}

/** Why policy refuses this manifest on this kiosk, or null (the English line). */
export const policyProblem = (manifest: BundleManifest, installed: string, options: Pick<InstallOptions, 'channel' | 'runtime'>): string | null => policyRefusal(manifest, installed, options)?.message ?? null;

const ioMessage = (error: unknown): string => `${(error as NodeJS.ErrnoException).code ?? 'error'}: ${(error as Error).message}`;

/** Installs in one go (CLI, tests): every step runs before this returns. */
export function installBundle(file: string, options: InstallOptions): InstallOutcome {
  return withInstallLock(options.dataDir, () => {
    const steps = installSteps(file, options);
    let next = steps.next();
    while (!next.done) next = steps.next();
    return next.value;
  });
}

/** Installs giving the event loop a turn after each file written (`between` may also wait, e.g. a test's delay). */
export async function installBundleAsync(file: string, options: InstallOptions, between: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): Promise<InstallOutcome> {
  const lock = acquireInstallLock(options.dataDir, () => new Date().toISOString());
  if (!lock.ok) return busy(lock.holder);
  try {
    const steps = installSteps(file, options);
    let next = steps.next();
    while (!next.done) {
      await between();
      next = steps.next();
    }
    return next.value;
  } finally {
    lock.release();
  }
}

const busy = (holder: LockHolder): InstallOutcome => refuse('policy', `another install is running (pid ${holder.pid}, since ${holder.since}); wait for it to finish`, 'busy', { since: holder.since });

function withInstallLock(dataDir: string, install: () => InstallOutcome): InstallOutcome {
  // The lock's date is for people reading the file; nothing decides by it (a stale lock is told by its pid).
  const lock = acquireInstallLock(dataDir, () => new Date().toISOString());
  if (!lock.ok) return busy(lock.holder);
  try {
    return install();
  } finally {
    lock.release();
  }
}

/** The install, one durable step per `yield` (after each file written); returns the outcome. */
function* installSteps(file: string, options: InstallOptions): Generator<string, InstallOutcome> {
  const step = (name: string) => options.onStep?.(name);
  let bundle: Buffer;
  try {
    bundle = readFileSync(file);
  } catch (error) {
    return refuse('io', `cannot read ${file} (${ioMessage(error)})`);
  }
  let verified;
  try {
    verified = decodeAndVerifyBundle(bundle, options.trusted, ({ index }) => step(`verify:${index}`));
  } catch (error) {
    if (error instanceof BundleError) return refuse('verification', error.message, verificationCode(error));
    throw error;
  }
  step('verified');
  options.onVerified?.(verified.manifest);

  const state = readState(options.dataDir);
  if (state.pending) return refuse('policy', `slot ${state.current} is still waiting for its first good start; install again after it is marked good or rolled back`, 'pending', { slot: state.current });
  const installed = sourceVersion(options, state.current);
  if (!installed) return refuse('io', `the current slot ${state.current} has no readable manifest; run kioskctl update check`);
  const refusal = policyRefusal(verified.manifest, installed, options);
  if (refusal) return refuse('policy', refusal.message, refusal.code, refusal.params);

  const target = inactiveSlot(state.current, state.previous);
  try {
    // The previous-good pointer must not name a slot that is about to be half-written.
    if (state.previous === target) writeState(options.dataDir, { ...state, previous: null });
    rmSync(slotDir(options.dataDir, target), { recursive: true, force: true });
    mkdirSync(slotPayloadDir(options.dataDir, target), { recursive: true });
    syncDir(join(updateDir(options.dataDir), 'slots'));
    step('slot-cleared');

    const payload = slotPayloadDir(options.dataDir, target);
    const folders = new Set<string>([payload]);
    for (const [index, entry] of verified.files.entries()) {
      const path = join(payload, ...entry.path.split('/'));
      writeSynced(path, entry.bytes);
      for (let dir = dirname(path); dir.startsWith(payload) && !folders.has(dir); dir = dirname(dir)) folders.add(dir);
      step(`file:${index}`);
      yield `file:${index}`;
    }
    for (const dir of folders) syncDir(dir);
    writeSlotRecord(options.dataDir, target, verified.manifestBytes, verified.signature);
    step('sealed');
  } catch (error) {
    return refuse('io', `writing slot ${target} failed (${ioMessage(error)}); the kiosk still starts ${state.current}`);
  }

  const staged = checkSlot(options.dataDir, target, options.trusted, (index) => step(`recheck:${index}`));
  if (staged) return refuse('io', `the staged slot did not read back whole (${staged}); the kiosk still starts ${state.current}`);
  step('staged-verified');

  step('before-switch');
  try {
    writeState(options.dataDir, { format: 1, current: target, previous: state.current, pending: true, bootAttempts: 0, lastResult: 'installed', rolledBack: null });
  } catch (error) {
    return refuse('io', `switching to slot ${target} failed (${ioMessage(error)}); the kiosk still starts ${state.current}`);
  }
  step('after-switch');
  return { ok: true, slot: target, version: verified.manifest.version, previous: state.current, manifest: verified.manifest };
}
