// Starting on a damaged config.json (issue 11 §4): the kiosk must never show a blank screen. When config.json
// cannot be read, parsed or validated, the host starts on the last good config (config.json.prev, which
// saveConfig only ever fills with a valid file) or, failing that, on safe defaults, and reports the problem:
// the renderer shows 暂停服务 with the reason for the technician and keeps its queue (docs/technician.md).
import { existsSync, readFileSync } from 'node:fs';
import type { ConfigProblem } from '../../src/bridge/contract/app';
import { applyEnv, ConfigError, configFile, previousConfigFile, readConfigFile, validateConfig } from './config';
import type { KioskConfig } from './config';

export interface LoadedConfig {
  config: KioskConfig;
  /** Absent when config.json was fine. */
  problem?: ConfigProblem;
}

/**
 * The renderer's origin is the loopback port, and IndexedDB (the queue) belongs to the origin: on defaults,
 * the port is taken from the damaged text when it can still be seen there, so the queue stays reachable.
 */
export function salvagePort(text: string): number | undefined {
  const match = /"chromiumHost"\s*:\s*\{[^{}]*?"port"\s*:\s*(\d{1,5})/.exec(text);
  const port = match ? Number(match[1]) : NaN;
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** Like loadConfig, but a damaged config.json falls back instead of throwing. KIOSK_* errors still throw. */
export function loadConfigOrFallback(dataDir: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const file = configFile(dataDir);
  let damaged: ConfigError;
  try {
    return { config: applyEnv(readConfigFile(file), env) };
  } catch (error) {
    if (!(error instanceof ConfigError) || error.message.startsWith('KIOSK_*')) throw error;
    damaged = error;
  }
  const problem = { code: damaged.problem, detail: damaged.message.slice(0, 500) };
  if (existsSync(previousConfigFile(dataDir))) {
    try {
      return { config: applyEnv(readConfigFile(previousConfigFile(dataDir)), env), problem: { ...problem, fallback: 'previous' } };
    } catch (error) {
      if (!(error instanceof ConfigError) || error.message.startsWith('KIOSK_*')) throw error;
    }
  }
  const defaults = validateConfig({});
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // unreadable: nothing to salvage
  }
  const port = salvagePort(text);
  if (port) defaults.chromiumHost.port = port;
  return { config: applyEnv(defaults, env), problem: { ...problem, fallback: 'defaults' } };
}
