// Bundles on a USB stick: what the field-staff screen (maintenance mode, not built yet) and
// `kioskctl update usb` list. Looks a few folders deep under the mount roots for `*.bundle` files and checks
// each one whole (signature, sizes, hashes) and against this kiosk's policy, so staff see before installing
// whether it would be accepted, and why not.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleManifest } from '../../../src/domain/updateManifest';
import { BundleError, decodeAndVerifyBundle } from './bundleFormat';
import type { UpdateContext } from './bootSlot';
import { sourceVersion } from './bootSlot';
import { policyRefusal, verificationCode } from './installBundle';
import type { InstallOptions, RefusalCode } from './installBundle';
import { readState } from './slotLayout';

/** Where Debian's desktop and udisks mount removable media. */
export const defaultMountRoots = ['/media', '/run/media', '/mnt'];

export interface UsbBundle {
  file: string;
  /** The verified manifest, or null when the file failed verification. */
  manifest: BundleManifest | null;
  /** Why it would not install (verification or policy), or null when it would. */
  problem: string | null;
  /** The same reason as a code and parameters, for the field-staff screen's plain words (null: would install). */
  refusal: { kind: 'verification' | 'policy' | 'io'; code: RefusalCode; params: Record<string, string> } | null;
  /** Bytes of the bundle file. */
  size: number;
}

function findBundleFiles(dir: string, depth: number): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // not mounted, no permission: nothing to offer there
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.bundle')) return [path];
    return entry.isDirectory() && depth > 0 && !entry.name.startsWith('.') ? findBundleFiles(path, depth - 1) : [];
  });
}

export function listUsbBundles(context: UpdateContext & Pick<InstallOptions, 'channel' | 'runtime'>, roots = defaultMountRoots): UsbBundle[] {
  const installed = sourceVersion(context, readState(context.dataDir).current) ?? context.factoryVersion;
  return roots.flatMap((root) => findBundleFiles(root, 3)).sort().map((file) => {
    let size = 0;
    try {
      const bytes = readFileSync(file);
      size = bytes.length;
      const { manifest } = decodeAndVerifyBundle(bytes, context.trusted);
      const refusal = policyRefusal(manifest, installed, context);
      return { file, manifest, size, problem: refusal?.message ?? null, refusal: refusal ? { kind: 'policy' as const, code: refusal.code, params: refusal.params } : null };
    } catch (error) {
      if (error instanceof BundleError) return { file, manifest: null, size, problem: `not valid (${error.code}): ${error.message}`, refusal: { kind: 'verification' as const, code: verificationCode(error), params: {} } };
      return { file, manifest: null, size, problem: `cannot read: ${(error as Error).message}`, refusal: { kind: 'io' as const, code: 'io' as const, params: {} } };
    }
  });
}
