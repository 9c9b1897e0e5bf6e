// `kioskctl maintenance set-pin|clear-pin --role technician|field-staff [--data DIR]`: sets the PIN that opens
// the kiosk's maintenance mode for one role. The PIN is read from standard input (never an argument: those
// show in `ps` and shell history), checked (6–12 digits) and stored only as a scrypt hash in DIR/config.json.
// The running kiosk reads it at the next PIN entry. Exit codes: 0 done, 1 configuration unreadable, 64 usage.
import { pinSchema } from '../../src/bridge/contract/maintenance';
import type { MaintenanceRole } from '../../src/bridge/contract/maintenance';
import { ConfigError, loadConfig, saveConfig } from '../../main/host/config';
import { hashPin } from '../../main/host/maintenance/pinHash';
import { defaultDataDir } from '../../main/host/paths';
import { parseCommandLine, usageFailure } from './args';
import type { CommandGroup } from './types';
import { exitCodes } from './types';

const usage = [
  'usage: kioskctl maintenance set-pin --role technician|field-staff [--data DIR]   PIN (6–12 digits) on stdin',
  '       kioskctl maintenance clear-pin --role technician|field-staff [--data DIR]',
  '(DIR default: $KIOSK_DATA_DIR or the platform data directory; the running kiosk uses it at once)',
].join('\n');

const options = { role: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const fail = usageFailure('maintenance', usage);
const roles: Record<string, MaintenanceRole> = { technician: 'technician', 'field-staff': 'fieldStaff', fieldStaff: 'fieldStaff' };

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0]!.trim();
}

const maintenance: CommandGroup = async (argv) => {
  const line = parseCommandLine(argv, options, usage, fail);
  if (typeof line === 'number') return line;
  const { command, values } = line;
  if (command !== 'set-pin' && command !== 'clear-pin') return fail(`unknown command: ${command}`);
  const role = values.role ? roles[values.role] : undefined;
  if (!role) return fail('--role technician or --role field-staff is required');
  const dataDir = values.data ?? defaultDataDir();
  let config;
  try {
    config = loadConfig(dataDir, {});
  } catch (error) {
    console.error(`kioskctl maintenance: ${error instanceof ConfigError ? error.message : String(error)}; nothing written`);
    return exitCodes.failure;
  }
  if (command === 'clear-pin') {
    delete config.maintenance.pins[role];
  } else {
    if (process.stdin.isTTY) process.stderr.write(`PIN for ${values.role} (6–12 digits): `);
    const pin = pinSchema.safeParse(await readStdinLine());
    if (!pin.success) return fail('the PIN must be 6 to 12 digits');
    config.maintenance.pins[role] = await hashPin(pin.data);
  }
  saveConfig(dataDir, config);
  console.log(`${command === 'set-pin' ? 'PIN set' : 'PIN cleared'} for ${values.role} in ${dataDir}/config.json`);
  return exitCodes.ok;
};

export default maintenance;
