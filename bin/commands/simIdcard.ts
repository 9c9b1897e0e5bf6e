// `kioskctl sim idcard --link PATH --card FILE.json|none [--faults LIST] [--baud N]`: the byte-exact ID-card
// reader simulator on one end of a pseudo-terminal pair (make one with `socat -d -d pty,raw,echo=0 pty,raw,echo=0`).
// Once listening it prints one line "idcard simulator ready on PATH" to stdout. Lines on stdin move the card:
//   remove            lift the card off the reader
//   insert [FILE]     place FILE's card (or the --card one again)
// Runs until SIGINT/SIGTERM or the end of stdin when stdin is not a terminal and --exit-on-eof is given.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isBaudRate } from '../../devices/idcard/commands';
import { loadSimCard, SimCardError } from '../../devices/sim/idcardCard';
import type { SimCard } from '../../devices/sim/idcardCard';
import { FaultListError, faultNames, parseFaults } from '../../devices/sim/idcardFaults';
import { startIdcardSimulator } from '../../devices/sim/idcardSim';
import { createLogger } from '../../main/host/log';
import type { CommandGroup } from './types';
import { exitCodes } from './types';

const usage = [
  'usage: kioskctl sim idcard --link PATH --card FILE.json|none [--faults LIST] [--baud N] [--exit-on-eof]',
  `faults: ${faultNames.join(', ')} (counts: err41:N err31:N badchecksum:N; unplug:AFTER_MS[:REOPEN_MS])`,
  'stdin: "remove", "insert [FILE]"',
].join('\n');

const run: CommandGroup = async (argv) => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        link: { type: 'string' },
        card: { type: 'string' },
        faults: { type: 'string', default: '' },
        baud: { type: 'string', default: '115200' },
        'exit-on-eof': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return exitCodes.usage;
  }
  const baud = Number(values.baud);
  if (!values.link || !values.card || !isBaudRate(baud)) {
    console.error(usage);
    return exitCodes.usage;
  }
  let card: SimCard | null;
  let faults;
  try {
    card = values.card === 'none' ? null : loadSimCard(values.card);
    faults = parseFaults(values.faults);
  } catch (error) {
    if (error instanceof SimCardError || error instanceof FaultListError) {
      console.error(`kioskctl sim idcard: ${error.message}`);
      return exitCodes.usage;
    }
    throw error;
  }

  const log = createLogger('sim/idcard');
  let sim;
  try {
    sim = await startIdcardSimulator({ path: values.link, card, faults, baud, log });
  } catch (error) {
    console.error(`kioskctl sim idcard: cannot open ${values.link}: ${(error as Error).message}`);
    return exitCodes.device;
  }
  console.log(`idcard simulator ready on ${values.link}`);

  const initial = card;
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    // The rest of the line is the file, spaces and all (a checkout under "My Projects" works too).
    const [verb = '', file] = line.trim().split(/\s+(.*)/);
    try {
      if (verb === 'remove') sim.setCard(null);
      else if (verb === 'insert') sim.setCard(file ? loadSimCard(file) : initial);
      else if (verb) console.error(`unknown command "${verb}" (remove | insert [FILE])`);
    } catch (error) {
      console.error(`kioskctl sim idcard: ${(error as Error).message}`);
    }
  });

  await new Promise<void>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
    if (values['exit-on-eof']) lines.once('close', resolve);
  });
  lines.close();
  await sim.close();
  return exitCodes.ok;
};
export default run;
