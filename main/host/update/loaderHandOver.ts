// The Electron loader (main/electron/loader.ts) decides the start before any of the slot's own code runs; the
// main process code it then runs is a bundle of its own (no shared module instances), so the decision is handed
// over on the global object. Taking it instead of deciding again counts each start once.
import type { StartSource } from './updateService';

const key = Symbol.for('zhengwu-kiosk.loaderStart');
type Holder = { [key]?: StartSource };

export function handOverStart(start: StartSource): void {
  (globalThis as Holder)[key] = start;
}

/** The loader's decision for `dataDir`, once; undefined when no loader ran (the Chromium host, a test). */
export function takeHandedOverStart(dataDir: string): StartSource | undefined {
  const start = (globalThis as Holder)[key];
  delete (globalThis as Holder)[key];
  return start?.context.dataDir === dataDir ? start : undefined;
}
