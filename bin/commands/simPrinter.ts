// `kioskctl sim printer --link PATH --out DIR [--state STATE] [--profile NAME] [--paper-out-after N]`:
// the receipt-printer simulator on one end of a pseudo-terminal. Each finished receipt is written to DIR as
// NNNN.png, NNNN.txt and NNNN.json. Type a state name on stdin (ready, paperOut, coverOpen, …) to change it
// while it runs; SIGINT/SIGTERM stop it.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { defaultProfileName, isProfileName, profileNames } from '../../devices/printer/profiles';
import { simStates, startPrinterSimulator } from '../../devices/sim/printerSim';
import type { SimState } from '../../devices/sim/printerSim';
import type { CommandGroup } from './types';
import { exitCodes } from './types';

const usage = [
  'usage: kioskctl sim printer --link PATH --out DIR [--state STATE] [--profile NAME] [--paper-out-after N]',
  `states: ${simStates.join(', ')} (default ready)`,
  `profiles: ${profileNames.join(', ')} (default ${defaultProfileName})`,
].join('\n');

const isSimState = (value: string): value is SimState => (simStates as readonly string[]).includes(value);

const run: CommandGroup = async (argv) => {
  let values: { link?: string; out?: string; state?: string; profile?: string; 'paper-out-after'?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { link: { type: 'string' }, out: { type: 'string' }, state: { type: 'string' }, profile: { type: 'string' }, 'paper-out-after': { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return exitCodes.usage;
  }
  const state = values.state ?? 'ready';
  const profile = values.profile ?? defaultProfileName;
  const paperOutAfter = values['paper-out-after'] === undefined ? undefined : Number(values['paper-out-after']);
  if (!values.link || !values.out || !isSimState(state) || !isProfileName(profile) || (paperOutAfter !== undefined && !(Number.isInteger(paperOutAfter) && paperOutAfter > 0))) {
    console.error(usage);
    return exitCodes.usage;
  }
  const sim = await startPrinterSimulator({ path: values.link, outDir: values.out, state, profile, paperOutAfterLines: paperOutAfter });
  console.log(`printer simulator (${profile}) on ${values.link}, state ${state}, receipts in ${values.out}`);

  let reported = 0;
  const report = setInterval(() => {
    for (const job of sim.jobs.slice(reported)) {
      console.log(`job ${String(job.seq).padStart(4, '0')}: ${job.lines.length} lines, ${job.qr.length} QR, ${job.cut ? 'cut' : 'not cut'}${job.warnings.length ? `, ${job.warnings.length} warning(s)` : ''} → ${job.pngPath}`);
    }
    reported = sim.jobs.length;
  }, 200);

  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    const next = line.trim();
    if (isSimState(next)) {
      sim.setState(next);
      console.log(`state ${next}`);
    } else if (next) console.log(`unknown state "${next}" (${simStates.join(', ')})`);
  });

  await new Promise<void>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
  clearInterval(report);
  input.close();
  await sim.close();
  return exitCodes.ok;
};
export default run;
