// What a host's loader does before any payload code runs (main/electron/loader.ts, main/browser/loader.ts):
// trust the package's keys, decide and count the start, and hand the decision to the host code it then runs.
// That code may be a slot's bundle (no shared module instances), so the decision goes on the global object;
// taking it instead of deciding again counts each start once. What trusting the keys did goes with it: the loader
// has no logger, and the host logs it (a key trusted at the first start is otherwise never in the log).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { trustFactoryKeys } from './keys';
import type { FactoryTrust } from './keys';
import { slotPayloadDir } from './slotLayout';
import { startSource } from './updateService';
import type { StartSource } from './updateService';

const key = Symbol.for('zhengwu-kiosk.loaderStart');
type Holder = { [key]?: HandOver };

/** What the loader decided and did, for the host code it runs. */
export interface HandOver {
  start: StartSource;
  /** What trusting the package's keys did (null: the package ships none). */
  factoryTrust: FactoryTrust | null;
}

export interface LoaderStart {
  dataDir: string;
  factoryVersion: string;
  factoryRendererDir: string;
  /** The update keys the package ships, if any. */
  factoryKeysDir?: string;
  /** Where a payload keeps this host's code, e.g. `electron/main.cjs`. */
  hostFile: string;
}

/**
 * Decides the start, counts it and hands it over. Answers the chosen slot's host code, or null when the packaged
 * host code is to run (the factory payload, or a slot that carries none).
 */
export function decideForLoader({ dataDir, factoryVersion, factoryRendererDir, factoryKeysDir, hostFile }: LoaderStart): string | null {
  const factoryTrust = factoryKeysDir ? trustFactoryKeys(dataDir, factoryKeysDir) : null; // before the decision reads the trusted keys
  const start = startSource(dataDir, factoryVersion, factoryRendererDir);
  (globalThis as Holder)[key] = { start, factoryTrust };
  if (start.source === 'factory') return null;
  const file = join(slotPayloadDir(dataDir, start.source), hostFile);
  return existsSync(file) ? file : null;
}

/** The loader's hand-over for `dataDir`, once; undefined when no loader ran (`tsx main/browser/main.ts`, a test). */
export function takeHandOver(dataDir: string): HandOver | undefined {
  const handOver = (globalThis as Holder)[key];
  delete (globalThis as Holder)[key];
  return handOver?.start.context.dataDir === dataDir ? handOver : undefined;
}
