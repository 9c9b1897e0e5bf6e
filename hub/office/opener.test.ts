// ADR 0017: the opening key reaches the back office's case routes and nothing else. This reads the hub's
// sources: only startHub (which loads the key when told to), the app and route index (which pass the opener
// through) and the /office routes may name the opener or the key loader; the intake, kiosk, city-token, admin
// and public routes never do, so no request to them can make the hub decrypt.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const hubDir = fileURLToPath(new URL('..', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : [],
  );
const allowed = new Set(['startHub.ts', 'app.ts', 'keys.ts', 'routes/index.ts', 'routes/office.ts', 'routes/officeSession.ts', 'routes/officeCases.ts', 'office/opener.ts']);

describe('who can decrypt', () => {
  it('only the office routes are handed the opener or the opening key', () => {
    const users = sources(hubDir)
      .map((file) => ({ file: file.slice(hubDir.length), text: readFileSync(file, 'utf8') }))
      .filter(({ text }) => /SealedOpener|createSealedOpener|loadOfficeOpeningKey|officeOpener|opener\b/.test(text))
      .map(({ file }) => file);
    expect(users.length).toBeGreaterThan(3);
    expect(users.filter((file) => !allowed.has(file))).toEqual([]);
    // The one other place that opens sealed parts is the operator's CLI (bin/), with the key file it reads itself.
    const openers = sources(hubDir).filter((file) => /\bopenSealed\(/.test(readFileSync(file, 'utf8'))).map((file) => file.slice(hubDir.length));
    expect(openers.sort()).toEqual(['office/opener.ts', 'openSealed.ts']);
  });
});
