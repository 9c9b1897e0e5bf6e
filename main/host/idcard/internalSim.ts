// For driver `idcard/sim`: a socat pty pair with the simulator on one end, so the kiosk runs the real
// driver against it (development and demos without a reader).
import { openPtyPair } from '../../../devices/sim/ptyPair';
import { loadSimCard } from '../../../devices/sim/idcardCard';
import { startIdcardSimulator } from '../../../devices/sim/idcardSim';
import type { IdcardSimulator } from '../../../devices/sim/idcardSim';
import type { Logger } from '../log';

export interface InternalSimulator {
  readonly devicePath: string;
  readonly simulator: IdcardSimulator;
  close(): Promise<void>;
}

export async function startInternalSimulator(options: { card?: string; faults: string; log: Logger }): Promise<InternalSimulator> {
  const pair = await openPtyPair({ names: ['idcard-device', 'idcard-sim'] });
  try {
    const simulator = await startIdcardSimulator({ path: pair.simPath, card: options.card ? loadSimCard(options.card) : null, faults: options.faults, log: options.log.child('sim') });
    return {
      devicePath: pair.devicePath,
      simulator,
      async close() {
        await simulator.close();
        await pair.close();
      },
    };
  } catch (error) {
    await pair.close();
    throw error;
  }
}
