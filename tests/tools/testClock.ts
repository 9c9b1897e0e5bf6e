// `npm run test:clock`: the date-sensitive suites again, with the system clock moved years ahead and the
// machine in other time zones (Debian's faketime, installed by the system-package step). Each moment sits
// just before a midnight, so the run crosses a day while it goes:
// - 29 February 2032, 23:59:30 in Los Angeles (UTC-8): a leap day, and the machine's day is one behind
//   China's (already 1 March, 15:59) — code that takes the local day instead of China's fails here;
// - 31 December 2031, 23:59:30 in Shanghai: the year turns in China while UTC is still 2031-12-31 — code that
//   takes the UTC day fails here.
// Tests build their dates from the clock (today + N days), so a fixed date that has passed fails too.
// faketime's plain "YYYY-MM-DD hh:mm:ss" starts the clock there and lets it run, so timers still fire.
import { spawnSync } from 'node:child_process';

/** The suites whose rules depend on the day: flows, domain, outbox (db) and sync. */
const suites = ['src/flows', 'src/domain', 'src/db', 'src/sync'];
const moments = [
  { zone: 'America/Los_Angeles', at: '2032-02-29 23:59:30', expectUtc: '2032-03-01T07:59' },
  { zone: 'Asia/Shanghai', at: '2031-12-31 23:59:30', expectUtc: '2031-12-31T15:59' },
];

const underFaketime = (zone: string, at: string, args: string[]) =>
  spawnSync('faketime', [at, ...args], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, TZ: zone } });

let failed = 0;
for (const { zone, at, expectUtc } of moments) {
  // A faketime that does not reach Node's Date would make this run a copy of the normal one: refuse that.
  const probe = underFaketime(zone, at, [process.execPath, '-e', 'console.log(new Date().toISOString())']);
  if (probe.error || probe.status !== 0 || !probe.stdout.startsWith(expectUtc)) {
    console.error(`test:clock: faketime did not move Node's clock to ${at} ${zone} (got ${probe.error?.message ?? probe.stdout.trim()}); is the faketime package installed?`);
    process.exit(1);
  }
  console.log(`test:clock: ${suites.join(' ')} at ${at} ${zone}`);
  const run = spawnSync('faketime', [at, process.execPath, 'node_modules/vitest/vitest.mjs', 'run', ...suites], { stdio: 'inherit', env: { ...process.env, TZ: zone } });
  if (run.status !== 0) {
    console.error(`test:clock: FAILED at ${at} ${zone}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
