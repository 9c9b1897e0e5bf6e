// Makes sure the Debian packages the test suite needs are present, like `playwright install --with-deps`:
// installs the missing ones with apt-get when running as root, otherwise fails with the exact command.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

interface SystemPackage {
  name: string;
  why: string;
  isPresent: () => boolean;
}

const hasPostgresServer = () =>
  existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

export const systemPackages: SystemPackage[] = [
  { name: 'chromium', why: 'end-to-end tests and the Chromium host', isPresent: () => existsSync('/usr/bin/chromium') },
  { name: 'socat', why: 'pseudo-terminal pairs for the serial devices', isPresent: () => existsSync('/usr/bin/socat') },
  { name: 'postgresql', why: 'hub tests on a real PostgreSQL', isPresent: hasPostgresServer },
  {
    name: 'fonts-noto-cjk',
    why: 'CJK glyphs in screenshots and receipt previews',
    isPresent: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  },
];

const missing = systemPackages.filter((p) => !p.isPresent());
if (missing.length === 0) {
  console.log(`system packages: ${systemPackages.map((p) => p.name).join(', ')} present`);
  process.exit(0);
}

const names = missing.map((p) => p.name);
const command = `apt-get update && apt-get install -y --no-install-recommends ${names.join(' ')}`;
for (const p of missing) console.log(`missing system package ${p.name} (for ${p.why})`);
if (process.platform !== 'linux' || process.getuid?.() !== 0) {
  console.error(`Run as root:\n  sudo sh -c '${command}'`);
  process.exit(1);
}
console.log(`installing: ${names.join(' ')}`);
const run = spawnSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
const still = systemPackages.filter((p) => !p.isPresent());
if (run.status !== 0 || still.length) {
  console.error(`apt-get could not install ${still.map((p) => p.name).join(' ') || names.join(' ')}; run:\n  ${command}`);
  process.exit(1);
}
