import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundleManifestSchema, compareVersions, payloadPathSchema, versionSchema } from './updateManifest';

describe('compareVersions', () => {
  it('orders releases and prereleases as semver 2.0 does', () => {
    const ordered = ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '1.10.0', '2.0.0'];
    for (let i = 0; i < ordered.length - 1; i++) {
      expect(compareVersions(ordered[i] ?? '', ordered[i + 1] ?? ''), `${ordered[i]} < ${ordered[i + 1]}`).toBeLessThan(0);
      expect(compareVersions(ordered[i + 1] ?? '', ordered[i] ?? '')).toBeGreaterThan(0);
    }
  });

  it('is antisymmetric and reflexive on generated versions', () => {
    const version = fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30), fc.option(fc.constantFrom('alpha', 'beta.2', 'rc.1', '7'))).map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}`);
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(versionSchema.safeParse(a).success).toBe(true);
        expect(Math.sign(compareVersions(a, b))).toBe(-Math.sign(compareVersions(b, a)));
        expect(compareVersions(a, a)).toBe(0);
      }),
    );
  });
});

describe('bundle manifest', () => {
  it('refuses paths that climb out of a slot or are absolute', () => {
    for (const path of ['../etc/passwd', '/etc/passwd', 'renderer/../x', 'renderer//x', 'renderer\\x', './x', '']) expect(payloadPathSchema.safeParse(path).success, path).toBe(false);
    expect(payloadPathSchema.safeParse('renderer/assets/index-B2x.js').success).toBe(true);
  });

  it('needs a renderer and unique paths', () => {
    const base = { format: 1, version: '1.0.0', channel: 'stable', minVersion: null, created: '2026-05-01T08:00:00.000Z', minRuntime: { node: '20.19.0', electron: null }, allowDowngrade: false, notes: '', keyId: '0123456789abcdef' };
    const file = (path: string) => ({ path, size: 1, sha256: 'a'.repeat(64) });
    expect(bundleManifestSchema.safeParse({ ...base, files: [file('renderer/index.html')] }).success).toBe(true);
    expect(bundleManifestSchema.safeParse({ ...base, files: [file('catalog/catalog.json')] }).success).toBe(false);
    expect(bundleManifestSchema.safeParse({ ...base, files: [file('renderer/index.html'), file('renderer/index.html')] }).success).toBe(false);
    expect(bundleManifestSchema.safeParse({ ...base, files: [file('renderer/index.html'), file('renderer/index.html/x')] }).success).toBe(false);
  });
});
