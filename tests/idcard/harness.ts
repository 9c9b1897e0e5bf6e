// Real pseudo-terminal pairs (socat) with the simulator on one end and the reader session on the other;
// everything opened here is closed by closeAll() (call it in afterEach).
import { join } from 'node:path';
import { chinaInstant, fixedClock } from '../../src/domain/clock';
import { createReaderSession } from '../../devices/idcard/readerSession';
import type { ReaderSession, ReaderSessionOptions } from '../../devices/idcard/readerSession';
import { loadSimCard } from '../../devices/sim/idcardCard';
import type { SimCard } from '../../devices/sim/idcardCard';
import { startIdcardSimulator } from '../../devices/sim/idcardSim';
import type { IdcardSimulator, IdcardSimulatorOptions } from '../../devices/sim/idcardSim';
import { openPtyPair } from '../../devices/sim/ptyPair';
import type { PtyPair, PtyPairOptions } from '../../devices/sim/ptyPair';
import { createEventLog } from './events';
import type { EventLog } from './events';

export const cardsDir = join(import.meta.dirname, '../../devices/sim/cards');
export const simCard = (name: string): SimCard => loadSimCard(join(cardsDir, `${name}.json`));

const cleanups: (() => Promise<void>)[] = [];

export async function closeAll(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
}

export async function pair(options?: PtyPairOptions): Promise<PtyPair> {
  const p = await openPtyPair(options);
  cleanups.push(() => p.close());
  return p;
}

export async function simulator(options: IdcardSimulatorOptions): Promise<IdcardSimulator> {
  const sim = await startIdcardSimulator(options);
  cleanups.push(() => sim.close());
  return sim;
}

export function session(path: string, options: Partial<ReaderSessionOptions> = {}): { session: ReaderSession; log: EventLog } {
  const log = createEventLog();
  const s = createReaderSession({ path, clock: fixedClock(chinaInstant('2026-01-01', '12:00')), reconnectMinMs: 50, reconnectMaxMs: 400, ...options }, log.push);
  cleanups.push(() => s.stop());
  s.start();
  return { session: s, log };
}

/** A pty pair, a simulator on its sim end and a session on its device end. */
export async function rig(card: string | null, faults: IdcardSimulatorOptions['faults'] = [], options: Partial<ReaderSessionOptions> = {}) {
  const p = await pair();
  const sim = await simulator({ path: p.simPath, card: card ? simCard(card) : null, faults });
  return { pair: p, sim, ...session(p.devicePath, options) };
}
