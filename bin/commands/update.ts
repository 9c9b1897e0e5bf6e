// `kioskctl update …`: the kiosk side of field updates (A/B slots under DIR/update, docs/updates.md).
//   update trust --pub PUB            accept bundles signed by this key (provisioning; the deb runs it)
//   update install FILE [--json]      verify, stage into the inactive slot, re-verify, switch (pending)
//   update status --json              current / previous / pending / boot attempts / last result / slots
//   update boot                       what the loader does at each start: prints the slot to start
//   update mark-good                  the running kiosk passed its health check
//   update check                      re-hash the current slot against its manifest
//   update fetch [--install]          download the newest release of the channel from the hub (resumes)
//   update usb [--root DIR] [--json]  bundles on mounted USB sticks, each verified and checked against policy
// DIR (--data) defaults to the kiosk data directory. Exit codes: 0 ok; 3 verification failed / not intact;
// 4 refused by policy; 5 I/O error; 64 usage. Nothing changes unless install exits 0.
// Test hook (never set on a kiosk): KIOSK_UPDATE_TEST_STEPS=1 prints `update-step NAME` on stderr after each
// durable step; KIOSK_UPDATE_TEST_PAUSE_AT=NAME then stops there for good, so a test can SIGKILL it at that step.
import { ConfigError, loadConfig } from '../../main/host/config';
import { packageVersion } from '../../main/host/paths';
import type { UpdateContext } from '../../main/host/update/bootSlot';
import { checkCurrent, decideBoot, markGood, sourceVersion, updateStatus } from '../../main/host/update/bootSlot';
import { fetchRelease } from '../../main/host/update/fetchRelease';
import { defaultMountRoots, listUsbBundles } from '../../main/host/update/usbSource';
import { readCredential } from '../../main/host/hub/credentialStore';
import { installBundle } from '../../main/host/update/installBundle';
import { KeyFileError, readPublicKey, trustedKeys, trustKey } from '../../main/host/update/keys';
import { readState, recordedElectronVersion } from '../../main/host/update/slotLayout';
import { defaultDataDir } from '../../main/host/paths';
import { parseCommandLine, usageFailure } from './args';
import type { CommandGroup } from './types';
import { exitCodes, updateExitCodes } from './types';

const usage = [
  'usage: kioskctl update <command> [--data DIR]   (DIR default: $KIOSK_DATA_DIR or the platform data directory)',
  '  trust --pub PUB          accept bundles signed by this public key',
  '  install FILE [--json]    verify, stage into the inactive slot, verify again, switch (pending a good start)',
  '  status [--json]          which slot runs, previous, pending, boot attempts, last result, slot integrity',
  '  boot                     choose the slot to start (what the loader does) and print it',
  '  mark-good                the running kiosk passed its health check',
  '  check                    re-hash the current slot: exit 0 intact, 3 not',
  '  fetch [--install]        download the newest release of this kiosk\'s channel from its hub (a cut download',
  '                           resumes), then install it with --install; exit 0 downloaded or up to date, 5 failed',
  '  usb [--root DIR] [--json] bundles on USB sticks (under /media, /run/media, /mnt), verified, and whether they',
  '                           would install',
  'exit: 0 ok, 3 verification failed, 4 refused by policy, 5 I/O error, 64 usage',
].join('\n');

const options = {
  data: { type: 'string' },
  pub: { type: 'string' },
  json: { type: 'boolean' },
  install: { type: 'boolean' },
  root: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const fail = usageFailure('update', usage);

function testStepHook(env: NodeJS.ProcessEnv): ((step: string) => void) | undefined {
  if (env.KIOSK_UPDATE_TEST_STEPS !== '1') return undefined;
  return (step) => {
    process.stderr.write(`update-step ${step}\n`);
    // Blocks the thread for good (no event loop turn, no later step): the test kills the process here.
    if (step === env.KIOSK_UPDATE_TEST_PAUSE_AT) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  };
}

/** Runs `use` with this kiosk's channel and runtime (config.json, the recorded Electron); 5 when config is broken. */
function withPolicy<T>(context: UpdateContext, use: (policy: UpdateContext & { channel: string; runtime: { node: string; electron: string | null } }) => T): T | number {
  let channel: string;
  try {
    channel = loadConfig(context.dataDir, {}).update.channel;
  } catch (error) {
    console.error(`kioskctl update: ${error instanceof ConfigError ? error.message : String(error)}`);
    return updateExitCodes.io;
  }
  return use({ ...context, channel, runtime: { node: process.versions.node, electron: recordedElectronVersion(context.dataDir) } });
}

function install(context: UpdateContext, file: string | undefined, json: boolean): number {
  if (!file) return fail('install needs the bundle FILE');
  const outcome = withPolicy(context, (policy) => installBundle(file, { ...policy, onStep: testStepHook(process.env) }));
  if (typeof outcome === 'number') return outcome;
  if (json) console.log(JSON.stringify(outcome.ok ? { installed: true, slot: outcome.slot, version: outcome.version, previous: outcome.previous } : { installed: false, kind: outcome.kind, message: outcome.message }));
  if (!outcome.ok) {
    console.error(`kioskctl update: not installed (${outcome.kind}): ${outcome.message}; nothing changed`);
    return outcome.kind === 'verification' ? updateExitCodes.verification : outcome.kind === 'policy' ? updateExitCodes.policy : updateExitCodes.io;
  }
  if (!json) console.log(`installed ${outcome.version} into slot ${outcome.slot}; it starts next and must pass its health check (previous: ${outcome.previous})`);
  return exitCodes.ok;
}

async function fetchFromHub(context: UpdateContext, andInstall: boolean, json: boolean): Promise<number> {
  let credential;
  let channel: string;
  try {
    credential = readCredential(context.dataDir);
    channel = loadConfig(context.dataDir, {}).update.channel; // a broken config.json is reported here
  } catch (error) {
    console.error(`kioskctl update: ${(error as Error).message}`);
    return updateExitCodes.io;
  }
  if (!credential) {
    console.error('kioskctl update: this kiosk is not enrolled with a hub (kioskctl kiosk enrol)');
    return updateExitCodes.io;
  }
  const state = readState(context.dataDir);
  const outcome = await fetchRelease({
    hubUrl: credential.hubUrl,
    credential: credential.credential,
    channel,
    dataDir: context.dataDir,
    installedVersion: sourceVersion(context, state.current) ?? context.factoryVersion,
    rolledBackVersion: state.rolledBack?.version ?? null,
  });
  if (outcome.status === 'failed') {
    console.error(`kioskctl update: ${outcome.message}`);
    return updateExitCodes.io;
  }
  if (outcome.status === 'upToDate') {
    console.log(`up to date (${outcome.info ? `hub offers ${outcome.info.version}` : 'nothing published for this kiosk'} on ${channel})`);
    return exitCodes.ok;
  }
  console.log(`downloaded ${outcome.info.version} to ${outcome.file}${outcome.resumedFrom > 0 ? ` (resumed at byte ${outcome.resumedFrom})` : ''}`);
  return andInstall ? install(context, outcome.file, json) : exitCodes.ok;
}

function trust(dataDir: string, pub: string | undefined): number {
  if (!pub) return fail('--pub PUB is required');
  try {
    console.log(`trusted key ${trustKey(dataDir, readPublicKey(pub))}`);
    return exitCodes.ok;
  } catch (error) {
    console.error(`kioskctl update: ${error instanceof KeyFileError ? error.message : String(error)}`);
    return updateExitCodes.io;
  }
}

const run: CommandGroup = async (argv) => {
  const line = parseCommandLine(argv, options, usage, fail);
  if (typeof line === 'number') return line;
  const { command, values, rest } = line;
  const dataDir = values.data ?? defaultDataDir();
  if (command !== 'install' && rest.length > 0) return fail(`unexpected argument ${rest[0]}`);
  if (command === 'trust') return trust(dataDir, values.pub);
  const context: UpdateContext = { dataDir, factoryVersion: packageVersion(), trusted: trustedKeys(dataDir) };
  switch (command) {
    case 'install':
      return install(context, rest[0], values.json ?? false);
    case 'usb': {
      const found = withPolicy(context, (policy) => listUsbBundles(policy, values.root ?? defaultMountRoots));
      if (typeof found === 'number') return found;
      if (values.json) console.log(JSON.stringify(found, null, 2));
      else if (found.length === 0) console.log('no *.bundle found on USB sticks');
      else for (const bundle of found) console.log(`${bundle.file}: ${bundle.manifest ? `${bundle.manifest.version} (${bundle.manifest.channel})` : '?'} — ${bundle.problem ?? 'ready to install'}`);
      return exitCodes.ok;
    }
    case 'fetch':
      return fetchFromHub(context, values.install ?? false, values.json ?? false);
    case 'status': {
      const status = updateStatus(context);
      if (values.json) console.log(JSON.stringify(status, null, 2));
      else {
        const slot = (s: { version: string | null; intact: boolean }) => (s.version ? `${s.version}${s.intact ? '' : ' (DAMAGED)'}` : 'empty');
        console.log(
          [
            `current:   ${status.current.slot} ${status.current.version ?? '?'}${status.pending ? ` (pending, ${status.bootAttempts} of 3 starts used)` : ''}`,
            `previous:  ${status.previous ? `${status.previous.slot} ${status.previous.version ?? '?'}` : '-'}`,
            `last:      ${status.lastResult ?? '-'}`,
            `slot A:    ${slot(status.slots.A)}`,
            `slot B:    ${slot(status.slots.B)}`,
          ].join('\n'),
        );
      }
      return exitCodes.ok;
    }
    case 'boot': {
      const decision = decideBoot(context);
      console.log(decision.source);
      if (decision.rolledBack) console.error(`rolled back to ${decision.source} ${decision.version ?? ''}: ${decision.rolledBack}`);
      return exitCodes.ok;
    }
    case 'mark-good': {
      const state = markGood(context);
      console.log(`${state.current} marked good`);
      return exitCodes.ok;
    }
    case 'check': {
      const { source, problem } = checkCurrent(context);
      if (problem) {
        console.error(`kioskctl update: ${problem}`);
        return updateExitCodes.verification;
      }
      console.log(`${source} intact`);
      return exitCodes.ok;
    }
    default:
      return fail(`unknown command ${command}`);
  }
};
export default run;
