// The signed manifest of an update bundle (DESIGN.md §6, docs/adr/0009-field-updates.md) and the version order
// the kiosk and the hub share. Runs anywhere: the kiosk's update manager, `kioskctl bundle`, and the hub's
// release channel parse the same schema.
import { z } from 'zod';

/** `MAJOR.MINOR.PATCH` with an optional `-prerelease` (semver 2.0 order; build metadata is not allowed). */
export const versionSchema = z.string().regex(/^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/, 'a version is MAJOR.MINOR.PATCH[-pre]');

/** A release channel: lower-case name, e.g. `stable`, `pilot`, `dev`. */
export const channelSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a channel is a lower-case name such as stable');

/** A payload path: relative, `/`-separated, no `.`/`..` segments, no empty segments, nothing a shell or Windows chokes on. */
export const payloadPathSchema = z
  .string()
  .max(255)
  .regex(/^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*(\/[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*)*$/, 'a payload path is relative, with / and no . or .. segments');

export const bundleFileSchema = z.object({
  path: payloadPathSchema,
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BundleFile = z.infer<typeof bundleFileSchema>;

export const bundleManifestSchema = z
  .object({
    format: z.literal(1),
    /** The release this bundle installs. */
    version: versionSchema,
    channel: channelSchema,
    /** The kiosk must already run at least this version (a migration path), or null for any. */
    minVersion: versionSchema.nullable(),
    created: z.iso.datetime(),
    /** The runtime the payload needs: Node always; Electron only when the kiosk runs the Electron shell. */
    minRuntime: z.object({ node: versionSchema, electron: versionSchema.nullable() }),
    /** A signed rollback bundle: may replace a newer installed version (release managers only, see docs/updates.md). */
    allowDowngrade: z.boolean(),
    /** What changes, in plain words for field staff (shown before they install). */
    notes: z.string().max(4000),
    /** Which signing key: the first 16 hex digits of SHA-256 over the public key (SPKI DER). */
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    files: z.array(bundleFileSchema).min(1).max(100_000),
  })
  .superRefine((manifest, context) => {
    // Both hosts start a slot by its renderer; a payload without one could only ever be rolled back.
    if (!manifest.files.some((file) => file.path === 'renderer/index.html')) context.addIssue({ code: 'custom', message: 'the payload has no renderer/index.html', path: ['files'] });
    const seen = new Set<string>();
    for (const file of manifest.files) {
      // A path that is also another path's folder could never be written; a repeated one is ambiguous.
      if (seen.has(file.path)) context.addIssue({ code: 'custom', message: `payload path ${file.path} appears twice`, path: ['files'] });
      seen.add(file.path);
    }
    for (const path of seen) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        if (seen.has(parts.slice(0, i).join('/'))) context.addIssue({ code: 'custom', message: `payload path ${path} is inside the file ${parts.slice(0, i).join('/')}`, path: ['files'] });
      }
    }
  });
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/** Semver 2.0 precedence: negative when a < b, 0 when equal, positive when a > b. Both must match versionSchema. */
export function compareVersions(a: string, b: string): number {
  const [coreA, preA] = splitVersion(a);
  const [coreB, preB] = splitVersion(b);
  for (let i = 0; i < 3; i++) if (coreA[i] !== coreB[i]) return (coreA[i] ?? 0) - (coreB[i] ?? 0);
  // A release ranks above its prereleases; prereleases compare field by field, numbers below words.
  if (preA.length === 0 || preB.length === 0) return preB.length - preA.length;
  for (let i = 0; i < Math.min(preA.length, preB.length); i++) {
    const [x, y] = [preA[i] ?? '', preB[i] ?? ''];
    if (x === y) continue;
    const [numX, numY] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (numX && numY) return Number(x) - Number(y);
    if (numX !== numY) return numX ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return preA.length - preB.length;
}

function splitVersion(version: string): [number[], string[]] {
  const dash = version.indexOf('-');
  const core = (dash < 0 ? version : version.slice(0, dash)).split('.').map(Number);
  return [core, dash < 0 ? [] : version.slice(dash + 1).split('.')];
}
