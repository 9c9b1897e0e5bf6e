// Migrations of config.json from the versions earlier code wrote. Each step takes the parsed JSON of one
// version and returns the next; `loadConfig` runs them before validation, so a kiosk updated in the field
// keeps its settings. Never edit a step once shipped; add one.
//
// version 1 (no `version` field; written until the device registry): `devices` had exactly two keys,
//   `idcard` and `printer`, each present with driver `none` when the device was not configured.
// version 2: `version: 2`; `devices` is keyed by device kind (any kind in devices/kinds.ts) and holds only
//   configured devices: an absent kind is not installed.

export const currentConfigVersion = 2;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function fromVersion1(raw: Json): Json {
  const devices: Json = {};
  for (const [kind, device] of Object.entries(isObject(raw.devices) ? raw.devices : {})) {
    if (isObject(device) && device.driver !== 'none' && device.driver !== undefined) devices[kind] = device;
  }
  return { ...raw, version: 2, devices };
}

export class ConfigVersionError extends Error {
  readonly code = 'config_version';
}

/** Brings parsed config JSON up to the current version; `from` says which version the file was. */
export function migrateConfig(raw: unknown): { config: unknown; from: number } {
  if (!isObject(raw)) return { config: raw, from: currentConfigVersion }; // the schema reports it
  const from = raw.version === undefined ? 1 : raw.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) throw new ConfigVersionError(`config version ${JSON.stringify(from)} is not a version`);
  if (from > currentConfigVersion) throw new ConfigVersionError(`config version ${from} is newer than this kiosk understands (${currentConfigVersion}); install the matching version`);
  let config: Json = raw;
  if (from < 2) config = fromVersion1(config);
  return { config, from };
}
