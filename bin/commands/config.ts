// `kioskctl config get|set|validate [--data DIR]`: the settings of config.json from a terminal, with the same
// rules as the maintenance screen: every change is validated before it is written, the write is atomic and
// the previous version is kept as config.json.prev (main/host/config.ts). PIN hashes are never printed or set
// here (`kioskctl maintenance set-pin`). Exit codes: 0 done (validate: valid), 1 invalid or unreadable, 64 usage.
import { ConfigError, configFile, loadConfig, readConfigFile, saveConfig, validateConfig } from '../../main/host/config';
import type { KioskConfig } from '../../main/host/config';
import { defaultDataDir } from '../../main/host/paths';
import { parseCommandLine, usageFailure } from './args';
import type { CommandGroup } from './types';
import { exitCodes } from './types';

const usage = [
  'usage: kioskctl config get [KEY] [--data DIR]          the whole config, or one dotted key (settings.locale)',
  '       kioskctl config set KEY VALUE [--data DIR]      VALUE is JSON (90, "zh-TW", null, {...}) or plain text',
  '       kioskctl config validate [--data DIR] [--file F] check a config file without starting the kiosk',
  '(DIR default: $KIOSK_DATA_DIR or the platform data directory; PINs: kioskctl maintenance set-pin)',
].join('\n');

const options = { data: { type: 'string' }, file: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const fail = usageFailure('config', usage);

/** PIN hashes are shown only as set / not set. */
function shown(config: KioskConfig): unknown {
  const pins = Object.fromEntries(Object.entries(config.maintenance.pins).map(([role, hash]) => [role, hash ? 'set' : null]));
  return { ...config, maintenance: { ...config.maintenance, pins } };
}

const keyPattern = /^[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z][A-Za-z0-9-]*)*$/;

function getPath(value: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), value);
}

function setPath(value: Record<string, unknown>, key: string, next: unknown): void {
  const parts = key.split('.');
  let node = value;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== 'object') node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = next;
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // plain text: a port path, a locale, a URL
  }
}

const config: CommandGroup = async (argv) => {
  const line = parseCommandLine(argv, options, usage, fail);
  if (typeof line === 'number') return line;
  const { command, rest, values } = line;
  const dataDir = values.data ?? defaultDataDir();
  try {
    if (command === 'validate') {
      const file = values.file ?? configFile(dataDir);
      readConfigFile(file);
      console.log(`${file}: valid`);
      return exitCodes.ok;
    }
    if (command === 'get') {
      if (rest.length > 1) return fail('get takes at most one KEY');
      const whole = shown(loadConfig(dataDir, {}));
      const value = rest[0] ? getPath(whole, rest[0]) : whole;
      if (value === undefined) {
        console.error(`kioskctl config: ${rest[0]} is not set`);
        return exitCodes.failure;
      }
      console.log(JSON.stringify(value, null, 2));
      return exitCodes.ok;
    }
    if (command === 'set') {
      const [key, text] = rest;
      if (!key || text === undefined || rest.length !== 2) return fail('set takes KEY and VALUE');
      if (!keyPattern.test(key)) return fail(`not a dotted key: ${key}`);
      if (key.startsWith('maintenance.pins') || key === 'maintenance') return fail('PINs are set with kioskctl maintenance set-pin (read from stdin)');
      if (key === 'version') return fail('the version is the format of the file, not a setting');
      const current = structuredClone(loadConfig(dataDir, {})) as unknown as Record<string, unknown>;
      setPath(current, key, parseValue(text));
      saveConfig(dataDir, validateConfig(current, key));
      console.log(`${key} = ${JSON.stringify(getPath(loadConfig(dataDir, {}), key))} in ${configFile(dataDir)} (previous version kept as config.json.prev)`);
      return exitCodes.ok;
    }
    return fail(`unknown command: ${command}`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`kioskctl config: ${error.message}${command === 'set' ? '; nothing written' : ''}`);
    return exitCodes.failure;
  }
};

export default config;
