// What a host's loader does before any payload code runs (main/electron/loader.ts, main/browser/loader.ts):
// trust the package's keys, decide and count the start, and hand the decision to the host code it then runs.
// That code may be a slot's bundle (no shared module instances), so the decision goes on the global object;
// taking it instead of deciding again counts each start once.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { trustFactoryKeys } from './keys';
import { slotPayloadDir } from './slotLayout';
import { startSource } from './updateService';
import type { StartSource } from './updateService';

const key = Symbol.for('zhengwu-kiosk.loaderStart');
type Holder = { [key]?: StartSource };

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
  if (factoryKeysDir) trustFactoryKeys(dataDir, factoryKeysDir); // before the decision reads the trusted keys
  const start = startSource(dataDir, factoryVersion, factoryRendererDir);
  (globalThis as Holder)[key] = start;
  if (start.source === 'factory') return null;
  const file = join(slotPayloadDir(dataDir, start.source), hostFile);
  return existsSync(file) ? file : null;
}

/** The loader's decision for `dataDir`, once; undefined when no loader ran (`tsx main/browser/main.ts`, a test). */
export function takeHandedOverStart(dataDir: string): StartSource | undefined {
  const start = (globalThis as Holder)[key];
  delete (globalThis as Holder)[key];
  return start?.context.dataDir === dataDir ? start : undefined;
}
