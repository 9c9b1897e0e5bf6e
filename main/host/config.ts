// The kiosk's configuration: one JSON file in the data directory, parsed with zod on every read (anything
// read back from disk is untrusted), written atomically. Environment variables override it for development
// and tests (`npm start` points the kiosk at its simulators this way).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { kioskSettingsSchema } from '../../src/bridge/contract/app';
import { currentConfigVersion, migrateConfig } from './configMigrate';
import { maintenanceConfigSchema } from './maintenance/maintenanceConfig';
import { hubUrlProblem } from './hub/hubUrl';
import { channelSchema } from '../../src/domain/updateManifest';
import { writeAtomic } from './update/durableFile';

/** The Chromium host's port when config.json names none (ADR 0005). */
export const defaultChromiumHostPort = 17800;

const deviceSchema = z.object({
  /** Registry id (devices/<kind>/drivers.ts), e.g. `idcard/sam-serial`, `printer/escpos-serial`, or `none`. */
  driver: z.string().default('none'),
  /** Serial port path (COM3, /dev/ttyUSB0) or `auto` to probe. */
  port: z.string().optional(),
  baud: z.number().int().positive().optional(),
  /** Driver-specific options (printer profile, …), validated by the driver itself. */
  options: z.record(z.string(), z.unknown()).default({}),
});
export type DeviceConfig = z.infer<typeof deviceSchema>;

function refuseInsecureHub(url: string | null, ctx: z.RefinementCtx): void {
  const problem = url === null ? null : hubUrlProblem(url);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

const defaultUsbRoots = ['/media', '/run/media', '/mnt'];
const defaultQuietHours = { start: '02:00', end: '05:00' };
const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is HH:MM');

export const kioskConfigSchema = z.object({
  /** Format version (configMigrate.ts); older files are migrated on load. */
  version: z.literal(currentConfigVersion).default(currentConfigVersion),
  settings: kioskSettingsSchema.default({
    idleTimeoutSeconds: 90,
    idleCountdownSeconds: 20,
    locale: 'zh-CN',
    serviceDesk: '所在地政务服务中心综合窗口',
    acceptedRetentionDays: 30,
  }),
  /** Keyed by device kind (devices/kinds.ts); an absent kind is not installed. */
  devices: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), deviceSchema).default({}),
  /** The hub's base URL: https://, or http:// to this machine only (main/host/hub/hubUrl.ts). */
  hub: z.object({ url: z.string().url().nullable().default(null).superRefine(refuseInsecureHub) }).default({ url: null }),
  /**
   * The Chromium host's loopback port (default 17800). It is the renderer's origin, and IndexedDB (outbox,
   * "my applications", catalogue cache) belongs to the origin: the port is chosen once and kept, and a taken
   * port stops the host instead of moving it (ADR 0005). 0 ("any free port") is refused for that reason.
   */
  chromiumHost: z.object({ port: z.number().int().min(1).max(65535).default(defaultChromiumHostPort) }).default({ port: defaultChromiumHostPort }),
  maintenance: maintenanceConfigSchema,
  /** Update bundles are accepted only from this release channel (docs/updates.md). */
  update: z
    .object({
      channel: channelSchema.default('stable'),
      /** Where the field-staff screen looks for bundles on a USB stick (default: where Debian mounts them). */
      usbRoots: z.array(z.string().min(1)).min(1).default(defaultUsbRoots),
      /** China time (UTC+8) window in which a hub release installs by itself, "HH:MM" (default 02:00–05:00). */
      quietHours: z.object({ start: clockTimeSchema, end: clockTimeSchema }).default(defaultQuietHours),
      /** Fetch and install hub releases by itself in the quiet hours (default true; false: only by hand). */
      autoInstall: z.boolean().default(true),
    })
    .default({ channel: 'stable', usbRoots: defaultUsbRoots, quietHours: defaultQuietHours, autoInstall: true }),
});
export type KioskConfig = z.infer<typeof kioskConfigSchema>;

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(
    message: string,
    /** Why: the file cannot be read or parsed, fails validation, or comes from a newer kiosk. */
    readonly problem: 'unreadable' | 'invalid' | 'version' = 'invalid',
  ) {
    super(message);
  }
}

export const configFile = (dataDir: string) => join(dataDir, 'config.json');
/** The version before the last save: the "last good" config a damaged config.json falls back to. */
export const previousConfigFile = (dataDir: string) => join(dataDir, 'config.json.prev');

/** Reads and validates one config file (absent = defaults), without environment overrides. */
export function readConfigFile(file: string): KioskConfig {
  let raw: unknown = {};
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new ConfigError(`${file} ${code ? `cannot be read (${code})` : 'is not valid JSON'}; fix or delete it`, 'unreadable');
  }
  let migrated: unknown;
  try {
    migrated = migrateConfig(raw).config;
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message}`, 'version');
  }
  return validateConfig(migrated, file);
}

/** Validates parsed (and migrated) config JSON; the error names each field that is wrong. */
export function validateConfig(value: unknown, where = 'config'): KioskConfig {
  const parsed = kioskConfigSchema.safeParse(value);
  if (!parsed.success) throw new ConfigError(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Reads `<dataDir>/config.json` (absent = defaults) and applies KIOSK_* environment overrides. */
export function loadConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): KioskConfig {
  return applyEnv(readConfigFile(configFile(dataDir)), env);
}

export function applyEnv(config: KioskConfig, env: NodeJS.ProcessEnv): KioskConfig {
  const next = structuredClone(config);
  if (env.KIOSK_IDLE_SECONDS) next.settings.idleTimeoutSeconds = Number(env.KIOSK_IDLE_SECONDS);
  if (env.KIOSK_IDLE_COUNTDOWN_SECONDS) next.settings.idleCountdownSeconds = Number(env.KIOSK_IDLE_COUNTDOWN_SECONDS);
  if (env.KIOSK_STAFFED_HOURS) next.settings.staffedHours = env.KIOSK_STAFFED_HOURS;
  if (env.KIOSK_IDCARD_PORT) next.devices.idcard = { options: {}, ...next.devices.idcard, driver: env.KIOSK_IDCARD_DRIVER ?? 'idcard/sam-serial', port: env.KIOSK_IDCARD_PORT };
  if (env.KIOSK_PRINTER_PORT) next.devices.printer = { options: {}, ...next.devices.printer, driver: env.KIOSK_PRINTER_DRIVER ?? 'printer/escpos-serial', port: env.KIOSK_PRINTER_PORT };
  if (env.KIOSK_HUB_URL) next.hub.url = env.KIOSK_HUB_URL;
  // Tests and several kiosks on one development machine; a kiosk keeps the port in config.json.
  if (env.KIOSK_PORT) next.chromiumHost.port = Number(env.KIOSK_PORT);
  const checked = kioskConfigSchema.safeParse(next);
  if (!checked.success) throw new ConfigError(`KIOSK_* environment: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return checked.data;
}

/**
 * Validates `config` and replaces config.json atomically and durably (temp + fsync + rename + folder fsync).
 * The file it replaces is kept as config.json.prev when it is itself valid, so `.prev` is always a config this
 * kiosk could run on: the fallback of `loadConfigOrFallback` (configStore.ts). Throws ConfigError, writing
 * nothing, when `config` is invalid.
 */
export function saveConfig(dataDir: string, config: KioskConfig): void {
  const file = configFile(dataDir);
  const valid = validateConfig(config, 'config to save');
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file) && isValidConfigFile(file)) {
    writeAtomic(previousConfigFile(dataDir), readFileSync(file), 0o600);
  }
  writeAtomic(file, JSON.stringify(valid, null, 2) + '\n', 0o600); // PIN hashes: readable by the kiosk user only
}

function isValidConfigFile(file: string): boolean {
  try {
    readConfigFile(file);
    return true;
  } catch {
    return false;
  }
}
