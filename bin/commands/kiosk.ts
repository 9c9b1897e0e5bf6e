// `kioskctl kiosk …`: the technician enrols a kiosk with its hub and checks that it is enrolled.
//   kiosk enrol --code CODE --hub URL [--fingerprint FP] [--data DIR] [--force]
//   kiosk status [--data DIR] [--json]
// The credential is written where the kiosk host reads it (`<data>/hub-credential.json`, 0600) and is never
// printed. DIR defaults to the kiosk data directory (main/host/paths.ts: $KIOSK_DATA_DIR, else the
// platform's, e.g. ~/.local/share/zhengwu-kiosk on Linux); `npm start` and the Chromium host use
// KIOSK_DATA_DIR, and the Electron shell uses $KIOSK_DATA_DIR or <userData>/kiosk, so pass --data for it.
// Exit codes: 0 done / enrolled; 1 the hub refused or could not be reached, already enrolled, or (status) not
// enrolled or a damaged credential; 64 usage.
import { ConfigError, loadConfig, saveConfig } from '../../main/host/config';
import { CredentialError, credentialPath, readCredential } from '../../main/host/hub/credentialStore';
import type { StoredCredential } from '../../main/host/hub/credentialStore';
import { enrolKiosk } from '../../main/host/hub/enrol';
import { hubUrlProblem, isLoopbackUrl } from '../../main/host/hub/hubUrl';
import { packageVersion } from '../../main/host/paths';
import { defaultDataDir } from '../../main/host/paths';
import { parseCommandLine, usageFailure } from './args';
import type { CommandGroup } from './types';
import { exitCodes } from './types';

const usage = [
  'usage: kioskctl kiosk <command> [--data DIR]   (DIR default: $KIOSK_DATA_DIR or the platform data directory)',
  '  enrol --code CODE --hub URL --fingerprint FP [--force]   trade a one-time code (kioskctl hub enrol-code)',
  '                                          for this kiosk\'s credential; also sets hub.url in DIR/config.json.',
  '                                          URL must be https:// (http only to this machine); FP is the hub key',
  '                                          fingerprint printed with the code (optional only for a hub on this',
  '                                          machine): a hub with other keys is refused. --force replaces',
  '                                          an existing enrolment (applications still queued were sealed for the',
  '                                          old kiosk id: let them sync first)',
  '  status [--json]                         kiosk id, site, hub URL, enrolled or not (never the credential)',
].join('\n');

const options = {
  data: { type: 'string' },
  code: { type: 'string' },
  hub: { type: 'string' },
  fingerprint: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const fail = usageFailure('kiosk', usage);

const isHttpUrl = (text: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
};

/** The credential, or null when not enrolled; a damaged file is reported and counts as not enrolled. */
function readEnrolment(dataDir: string): { credential: StoredCredential | null; problem: string | null } {
  try {
    return { credential: readCredential(dataDir), problem: null };
  } catch (error) {
    return { credential: null, problem: error instanceof CredentialError ? error.message : String(error) };
  }
}

async function enrol(dataDir: string, values: { code?: string; hub?: string; fingerprint?: string; force?: boolean }): Promise<number> {
  if (!values.code || values.code.trim().length < 6) return fail('--code CODE is required (from `kioskctl hub enrol-code` on the hub)');
  if (!values.hub || !isHttpUrl(values.hub)) return fail('--hub URL is required, e.g. https://hub.example');
  const urlProblem = hubUrlProblem(values.hub);
  if (urlProblem) return fail(urlProblem);
  // A hub on this machine needs no pin (tests, `npm start`); over the network the pin is what makes TLS to the
  // right name also the right hub.
  if (values.fingerprint === undefined && !isLoopbackUrl(values.hub)) {
    return fail('--fingerprint FP is required: the hub key fingerprint printed with the code by `kioskctl hub enrol-code`');
  }
  const { credential: existing } = readEnrolment(dataDir);
  if (existing && !values.force) {
    console.error(`kioskctl kiosk: already enrolled as ${existing.kioskId} with ${existing.hubUrl}; add --force to replace it`);
    return exitCodes.failure;
  }
  // Read the configuration first: a broken config.json must fail before the one-time code is spent.
  let config;
  try {
    config = loadConfig(dataDir, {}); // the file alone: environment overrides are not written back
  } catch (error) {
    console.error(`kioskctl kiosk: ${error instanceof ConfigError ? error.message : String(error)}`);
    return exitCodes.failure;
  }
  const result = await enrolKiosk({ hubUrl: values.hub, code: values.code, dataDir, version: packageVersion(), fingerprint: values.fingerprint });
  if (!result.ok) {
    console.error(`kioskctl kiosk: enrolment failed (${result.error.code}): ${result.error.message}`);
    return exitCodes.failure;
  }
  // The host starts its hub client only when hub.url is configured, and uses the credential with that URL.
  if (config.hub.url !== values.hub) {
    if (config.hub.url) console.error(`hub.url in config.json changed from ${config.hub.url} to ${values.hub}`);
    saveConfig(dataDir, { ...config, hub: { url: values.hub } });
  }
  const { kioskId, siteCode, hubUrl } = result.value;
  console.log(`enrolled as ${kioskId} at site ${siteCode} with ${hubUrl}`);
  console.error(`credential written to ${credentialPath(dataDir)} (mode 0600); restart the kiosk host to use it`);
  return exitCodes.ok;
}

function status(dataDir: string, json: boolean): number {
  const { credential, problem } = readEnrolment(dataDir);
  let configuredHub: string | null;
  try {
    configuredHub = loadConfig(dataDir, {}).hub.url;
  } catch {
    configuredHub = null; // a broken config is the host's to report; the enrolment is what is asked here
  }
  const report = {
    dataDir,
    enrolled: credential !== null,
    kioskId: credential?.kioskId ?? null,
    siteCode: credential?.siteCode ?? null,
    hubUrl: credential?.hubUrl ?? null,
    configuredHubUrl: configuredHub,
    enrolledAt: credential?.enrolledAt ?? null,
    problem,
  };
  if (json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(
      [
        `data:        ${dataDir}`,
        `enrolled:    ${report.enrolled ? 'yes' : 'no'}`,
        `kiosk id:    ${report.kioskId ?? '-'}`,
        `site:        ${report.siteCode ?? '-'}`,
        `hub:         ${report.hubUrl ?? '-'}`,
        `config hub:  ${configuredHub ?? '- (not set: the host does not talk to a hub)'}`,
        `enrolled at: ${report.enrolledAt ?? '-'}`,
      ].join('\n'),
    );
    if (credential && configuredHub && configuredHub.replace(/\/+$/, '') !== credential.hubUrl.replace(/\/+$/, '')) {
      console.error('note: config.json names another hub than the one that issued the credential');
    }
  }
  if (problem) console.error(`kioskctl kiosk: ${problem}`);
  return credential ? exitCodes.ok : exitCodes.failure;
}

const run: CommandGroup = async (argv) => {
  const line = parseCommandLine(argv, options, usage, fail);
  if (typeof line === 'number') return line;
  const { command, values } = line;
  const [extra] = line.rest;
  if (extra !== undefined) return fail(`unexpected argument ${extra}`);
  const dataDir = values.data ?? defaultDataDir();
  if (command === 'enrol') return enrol(dataDir, values);
  if (command === 'status') return status(dataDir, values.json ?? false);
  return fail(`unknown command ${command}`);
};
export default run;
