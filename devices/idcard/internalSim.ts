// For driver `idcard/sim`: a socat pty pair with the simulator on one end, so the kiosk runs the real
// driver against it (development and demos without a reader).
import { openPtyPair } from '../sim/ptyPair';
import { loadSimCard } from '../sim/idcardCard';
import { startIdcardSimulator } from '../sim/idcardSim';
import type { IdcardSimulator } from '../sim/idcardSim';
import type { DeviceLogger } from '../deviceError';

export interface InternalSimulator {
  readonly devicePath: string;
  readonly simulator: IdcardSimulator;
  close(): Promise<void>;
}

export async function startInternalSimulator(options: { card?: string; faults: string; log: DeviceLogger }): Promise<InternalSimulator> {
  const pair = await openPtyPair({ names: ['idcard-device', 'idcard-sim'] });
  try {
    const simulator = await startIdcardSimulator({ path: pair.simPath, card: options.card ? loadSimCard(options.card) : null, faults: options.faults, log: options.log });
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
