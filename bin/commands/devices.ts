// `kioskctl devices list|detect|apply`: the technician finds the kiosk's devices without knowing the ports.
//   devices list [--json]                                  serial ports the OS reports (path, USB ids, maker)
//   devices detect [--ports P1,P2,…] [--timeout MS] [--json]
//                                                          probes each port with the real protocols (devices/detect.ts)
//   devices apply [--data DIR] [--ports …] [--timeout MS] [--json]
//                                                          detects, then writes each kind found once into config.json
// Exit codes (as issue 11 fixes them for detect): 0 when it ran, whatever it found; 2 usage; 1 apply could not
// read or write the configuration.
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { assignDevices, detectDevices } from '../../devices/detect';
import type { DetectResult } from '../../devices/detect';
import { deviceKinds } from '../../devices/kinds';
import { ConfigError, loadConfig, saveConfig } from '../../main/host/config';
import { candidatePorts } from '../../devices/candidatePorts';
import { defaultDataDir } from '../../main/host/paths';
import { parseCommandLine } from './args';
import type { CommandGroup } from './types';

const usage = [
  'usage: kioskctl devices <command>',
  '  list [--json]                                   serial ports: path, vendor/product id, manufacturer, serial number',
  '  detect [--ports P1,P2,…] [--timeout MS] [--json] which device answers on each port (default: every listed port',
  '                                                  and /dev/ttyUSB*, /dev/ttyACM*, /dev/ttyS*, /dev/serial/by-id/*);',
  '                                                  MS is the budget per port (default 3000), ports run in parallel',
  '  apply [--data DIR] [--ports …] [--timeout MS]    detect, then write each kind found on exactly one port into',
  '                                                  DIR/config.json (DIR default: $KIOSK_DATA_DIR or the platform data dir)',
  'Probing never sends a printer a byte that prints, feeds or cuts; a port in use by the kiosk is reported, not opened.',
].join('\n');

const options = {
  ports: { type: 'string' },
  timeout: { type: 'string' },
  data: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const usageExit = 2;
const fail = (message: string): number => {
  console.error(`kioskctl devices: ${message}\n\n${usage}`);
  return usageExit;
};

async function list(json: boolean): Promise<number> {
  const ports = (await SerialPort.list()).map((p) => ({
    path: p.path,
    vendorId: p.vendorId ?? null,
    productId: p.productId ?? null,
    manufacturer: p.manufacturer ?? null,
    serialNumber: p.serialNumber ?? null,
  }));
  if (json) console.log(JSON.stringify(ports, null, 2));
  else if (ports.length === 0) console.log('no serial ports reported by the OS');
  else for (const p of ports) console.log(`${p.path}  ${p.vendorId ?? '----'}:${p.productId ?? '----'}  ${p.manufacturer ?? ''}  ${p.serialNumber ?? ''}`.trimEnd());
  return 0;
}

const printResults = (results: DetectResult[], json: boolean) => {
  if (json) console.log(JSON.stringify(results, null, 2));
  else for (const r of results) console.log(r.kind ? `${r.port}: ${r.kind} (${r.driver} at ${r.baud} baud) — ${r.detail}` : `${r.port}: nothing — ${r.detail}`);
};

const devices: CommandGroup = async (argv) => {
  const line = parseCommandLine(argv, options, usage, fail);
  if (typeof line === 'number') return line === 64 ? usageExit : line;
  const { command, values } = line;
  const json = values.json === true;
  if (command === 'list') return list(json);
  if (command !== 'detect' && command !== 'apply') return fail(`unknown command: ${command}`);
  const timeoutMs = values.timeout === undefined ? 3000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) return fail('--timeout MS must be a whole number from 100 to 60000');
  const ports = values.ports === undefined ? await candidatePorts() : values.ports.split(',').map((p) => p.trim()).filter(Boolean);
  if (values.ports !== undefined && ports.length === 0) return fail('--ports needs at least one path');
  const results = await detectDevices(ports, deviceKinds, { timeoutMs });
  if (command === 'detect') {
    printResults(results, json);
    return 0;
  }
  const dataDir = values.data ?? defaultDataDir();
  let config;
  try {
    config = loadConfig(dataDir, {});
  } catch (error) {
    console.error(`kioskctl devices apply: ${error instanceof ConfigError ? error.message : String(error)}; nothing written`);
    return 1;
  }
  const assignment = assignDevices(results);
  for (const [kind, found] of Object.entries(assignment)) {
    const before = config.devices[kind];
    // Options belong to a driver: kept when the driver stays, reset to its defaults when it changes.
    config.devices[kind] = { driver: found.driver, port: found.port, baud: found.baud, options: before?.driver === found.driver ? before.options : {} };
  }
  saveConfig(dataDir, config);
  if (json) console.log(JSON.stringify({ results, applied: assignment }, null, 2));
  else {
    printResults(results, false);
    const kinds = Object.keys(assignment);
    console.log(kinds.length ? `written to ${join(dataDir, 'config.json')}: ${kinds.join(', ')}` : 'nothing found to write');
  }
  return 0;
};

export default devices;
