// Where updates live in the kiosk's data directory, and the state file that says which slot starts.
//
//   <data>/update/state.json              which slot is current, previous, pending; boot attempts; last result
//   <data>/update/trusted-keys/*.pub      public keys the kiosk accepts
//   <data>/update/slots/A|B/slot.json     the slot's signed manifest (bytes as signed + signature)
//   <data>/update/slots/A|B/payload/…     the slot's files, exactly as the manifest lists them
//
// Everything else in the data directory (config, credential, logs, the browser profile with the outbox) is
// outside the slots, so no update or rollback touches it. "factory" is the payload shipped in the package.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { BundleManifest } from '../../../src/domain/updateManifest';
import { sha256Hex, verifySignedManifest } from './bundleFormat';
import { writeAtomic } from './durableFile';

export const slotNames = ['A', 'B'] as const;
export type SlotName = (typeof slotNames)[number];
export type BootSource = SlotName | 'factory';

/** A pending slot gets this many starts to be marked good; the next start returns to the previous good one. */
export const MAX_BOOT_ATTEMPTS = 3;

const sourceSchema = z.enum(['A', 'B', 'factory']);
export const updateStateSchema = z.object({
  format: z.literal(1),
  current: sourceSchema,
  /** The good source to return to when the current one fails (null: none besides factory). */
  previous: sourceSchema.nullable(),
  /** The current slot was installed and has not yet been marked good. */
  pending: z.boolean(),
  bootAttempts: z.number().int().nonnegative(),
  lastResult: z.enum(['installed', 'good', 'rolledBack']).nullable(),
  /** After a rollback: what failed and why, for the hub and the field-staff screen. */
  rolledBack: z.object({ slot: sourceSchema, version: z.string(), reason: z.string() }).nullable(),
});
export type UpdateState = z.infer<typeof updateStateSchema>;

export const initialState: UpdateState = { format: 1, current: 'factory', previous: null, pending: false, bootAttempts: 0, lastResult: null, rolledBack: null };

export const updateDir = (dataDir: string): string => join(dataDir, 'update');
export const statePath = (dataDir: string): string => join(updateDir(dataDir), 'state.json');
export const slotDir = (dataDir: string, slot: SlotName): string => join(updateDir(dataDir), 'slots', slot);
export const slotPayloadDir = (dataDir: string, slot: SlotName): string => join(slotDir(dataDir, slot), 'payload');
const slotRecordPath = (dataDir: string, slot: SlotName): string => join(slotDir(dataDir, slot), 'slot.json');

export class StateFileError extends Error {
  readonly code = 'state_invalid';
}

/** The state, or the initial one when there is none. A damaged file throws: the caller decides (boot falls back). */
export function readState(dataDir: string): UpdateState {
  let raw: string;
  try {
    raw = readFileSync(statePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return initialState;
    throw new StateFileError(`cannot read ${statePath(dataDir)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return updateStateSchema.parse(JSON.parse(raw));
  } catch {
    throw new StateFileError(`${statePath(dataDir)} is damaged`);
  }
}

export function writeState(dataDir: string, state: UpdateState): void {
  writeAtomic(statePath(dataDir), JSON.stringify(updateStateSchema.parse(state), null, 2) + '\n');
}

const slotRecordSchema = z.object({ manifest: z.base64(), signature: z.base64() });

/** Seals a staged slot: its signed manifest, written last and atomically, is what makes the slot a candidate. */
export function writeSlotRecord(dataDir: string, slot: SlotName, manifestBytes: Uint8Array, signature: Uint8Array): void {
  const record = { manifest: Buffer.from(manifestBytes).toString('base64'), signature: Buffer.from(signature).toString('base64') };
  writeAtomic(slotRecordPath(dataDir, slot), JSON.stringify(record) + '\n');
}

/** The slot's manifest with its signature checked, or null when the slot is empty, unsealed or not trusted. */
export function readSlotManifest(dataDir: string, slot: SlotName, trusted: KeyObject[]): BundleManifest | null {
  try {
    const record = slotRecordSchema.parse(JSON.parse(readFileSync(slotRecordPath(dataDir, slot), 'utf8')));
    return verifySignedManifest(Buffer.from(record.manifest, 'base64'), Buffer.from(record.signature, 'base64'), trusted);
  } catch {
    return null;
  }
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  } catch {
    return [];
  }
}

/**
 * Re-hashes a slot against its signed manifest: every listed file present with its size and SHA-256, and no
 * file the manifest does not list (the loader serves the whole folder). Returns the first problem, or null.
 */
export function checkSlot(dataDir: string, slot: SlotName, trusted: KeyObject[], onFile?: (index: number) => void): string | null {
  const manifest = readSlotManifest(dataDir, slot, trusted);
  if (!manifest) return `slot ${slot} has no trusted signed manifest`;
  const payload = slotPayloadDir(dataDir, slot);
  const listed = new Set(manifest.files.map((file) => file.path));
  const extra = listFiles(payload).find((path) => !listed.has(path));
  if (extra) return `slot ${slot} holds ${extra}, which its manifest does not list`;
  for (const [index, file] of manifest.files.entries()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(payload, ...file.path.split('/')));
    } catch {
      return `slot ${slot} is missing ${file.path}`;
    }
    if (bytes.length !== file.size || sha256Hex(bytes) !== file.sha256) return `slot ${slot}: ${file.path} does not match its manifest`;
    onFile?.(index);
  }
  return null;
}

const runtimeSchema = z.object({ electron: z.string().nullable() });
const runtimePath = (dataDir: string): string => join(updateDir(dataDir), 'runtime.json');

/** The Electron shell records its runtime at each start, so `kioskctl update install` (plain Node) can check it. */
export function recordRuntime(dataDir: string, electron: string | null): void {
  writeAtomic(runtimePath(dataDir), JSON.stringify({ electron }) + '\n');
}

/** The Electron version the kiosk last started with, or null (never started in Electron: the Chromium host). */
export function recordedElectronVersion(dataDir: string): string | null {
  try {
    return runtimeSchema.parse(JSON.parse(readFileSync(runtimePath(dataDir), 'utf8'))).electron;
  } catch {
    return null;
  }
}
