// The Debian packages the kiosk's two README commands need, checked the same way for both: `npm start` (the
// simulators' pseudo-terminals, the Chromium host, receipt previews) and `npm test` (those, plus PostgreSQL
// for the hub suites and faketime for the date-shifted run). Like `playwright install --with-deps`: missing
// ones are installed with apt-get when running as root, otherwise the exact command is printed and the caller
// exits non-zero. Node side only.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export type SystemDepsPurpose = 'start' | 'test';

export interface SystemPackage {
  name: string;
  why: string;
  neededBy: readonly SystemDepsPurpose[];
  isPresent: () => boolean;
}

const hasPostgresServer = () =>
  existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

const systemPackages: readonly SystemPackage[] = [
  { name: 'chromium', why: 'the Chromium host and the end-to-end tests', neededBy: ['start', 'test'], isPresent: () => existsSync('/usr/bin/chromium') },
  { name: 'socat', why: 'pseudo-terminal pairs for the simulated serial devices', neededBy: ['start', 'test'], isPresent: () => existsSync('/usr/bin/socat') },
  {
    name: 'fonts-noto-cjk',
    why: 'CJK glyphs on screen, in screenshots and in receipt previews',
    neededBy: ['start', 'test'],
    isPresent: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  },
  { name: 'postgresql', why: 'hub tests on a real PostgreSQL', neededBy: ['test'], isPresent: hasPostgresServer },
  { name: 'faketime', why: 'the date-shifted test run (npm run test:clock)', neededBy: ['test'], isPresent: () => existsSync('/usr/bin/faketime') },
  // Voice guidance: Chromium on Linux speaks through speech-dispatcher (--enable-speech-dispatcher), here with
  // espeak-ng's offline Mandarin voice (tests/e2e/voice.spec.ts lists it).
  { name: 'speech-dispatcher', why: "voice guidance (Chromium's speech engine on Linux)", neededBy: ['start', 'test'], isPresent: () => existsSync('/usr/bin/speech-dispatcher') },
  { name: 'speech-dispatcher-espeak-ng', why: 'voice guidance (the espeak-ng module of speech-dispatcher)', neededBy: ['start', 'test'], isPresent: () => existsSync('/usr/lib/speech-dispatcher-modules/sd_espeak-ng') },
  { name: 'espeak-ng', why: 'voice guidance (an offline Mandarin voice)', neededBy: ['start', 'test'], isPresent: () => existsSync('/usr/bin/espeak-ng') },
  { name: 'xvfb', why: 'the lockdown and managed-policy tests in Chromium with a display (Xvfb)', neededBy: ['test'], isPresent: () => existsSync('/usr/bin/Xvfb') },
  { name: 'util-linux', why: 'unshare: the managed-policy test gives its Chromium a private /etc/chromium', neededBy: ['test'], isPresent: () => existsSync('/usr/bin/unshare') },
  { name: 'systemd', why: 'systemd-analyze checks the shipped unit, systemd-notify sends sd_notify', neededBy: ['test'], isPresent: () => existsSync('/usr/bin/systemd-analyze') && existsSync('/usr/bin/systemd-notify') },
  { name: 'python3', why: "the systemd notify test's stand-in for systemd (a unix datagram socket)", neededBy: ['test'], isPresent: () => existsSync('/usr/bin/python3') },
];

export interface EnsureOptions {
  /** What to check (default: the list above). */
  packages?: readonly SystemPackage[];
  /** May we run apt-get? (default: root on Linux). */
  canInstall?: boolean;
  /** Runs a shell command and answers its exit status (default: sh -c, output shown). */
  runShell?: (command: string) => number | null;
}

const runShell = (command: string) =>
  spawnSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;

/**
 * Makes sure the packages `purpose` needs are present; installs the missing ones when root (after
 * `apt-get update`). Returns false, having printed why and the exact command to run, when they are still missing.
 */
export function ensureSystemPackages(purpose: SystemDepsPurpose, options: EnsureOptions = {}): boolean {
  const needed = (options.packages ?? systemPackages).filter((p) => p.neededBy.includes(purpose));
  const missing = needed.filter((p) => !p.isPresent());
  if (missing.length === 0) {
    console.log(`system packages: ${needed.map((p) => p.name).join(', ')} present`);
    return true;
  }
  const names = missing.map((p) => p.name);
  const command = `apt-get update && apt-get install -y --no-install-recommends ${names.join(' ')}`;
  for (const p of missing) console.log(`missing system package ${p.name} (for ${p.why})`);
  if (!(options.canInstall ?? (process.platform === 'linux' && process.getuid?.() === 0))) {
    console.error(`Run as root:\n  sudo sh -c '${command}'`);
    return false;
  }
  console.log(`installing: ${names.join(' ')}`);
  const status = (options.runShell ?? runShell)(command);
  const still = missing.filter((p) => !p.isPresent());
  if (status !== 0 || still.length) {
    console.error(`apt-get could not install ${still.map((p) => p.name).join(' ') || names.join(' ')}; run:\n  ${command}`);
    return false;
  }
  return true;
}
