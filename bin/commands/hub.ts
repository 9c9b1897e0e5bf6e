// `kioskctl hub …`: run the regional hub and do its operator chores (enrolment codes, revocation, opening a
// sealed application, city operator tokens). DATABASE_URL selects PostgreSQL; without it the hub keeps an
// embedded PGlite database in its data directory.
import { fileURLToPath } from 'node:url';
import { startHub } from '../../hub/startHub';
import { openAdmin } from '../../hub/admin';
import { defaultHubDataDir } from '../../hub/dataDir';
import { openSealedWithAny } from '../../hub/openSealed';
import { loadSealingKeys, openingKeys, rotateSealingKey } from '../../hub/sealingKeys';
import { divisionCodeSchema, isInMetroCircle, siteCodeSchema } from '../../src/domain/hubApi';
import { parseCommandLine, usageFailure } from './args';
import { addOperatorCommand, auditCommand, disableOperatorCommand, listOperatorsCommand } from './hubOffice';
import { hubServes, type HubServe } from '../../hub/routes/index';
import type { CommandGroup } from './types';
import { exitCodes, updateExitCodes } from './types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReleaseToPublish } from '../../hub/admin';
import { BundleError, decodeAndVerifyBundle, readManifestUnverified } from '../../main/host/update/bundleFormat';
import { readPublicKey } from '../../main/host/update/keys';
import { readExportRequest, runExport } from './hubExport';

const usage = [
  'usage: kioskctl hub <command> [--data DIR]     (DIR default: $KIOSK_HUB_DATA or ~/.local/share/zhengwu-kiosk/hub;',
  '                                               DATABASE_URL=postgres://… uses PostgreSQL instead of the embedded PGlite)',
  '  start [--port N] [--host H] [--catalog FILE] [--public-url URL] [--trust-proxy ADDR]  run the hub (port',
  '                                                default 8780, host default 127.0.0.1; catalog default: the kiosk\'s',
  '                                                bundled src/domain/catalogData/catalog.json; public URL: where phones',
  '                                                reach /q/<receiptNo>, default the listening URL; --trust-proxy: the TLS',
  '                                                proxy\'s address(es) or \'loopback\', whose X-Forwarded-For is believed)',
  '        [--office-key FILE]                     let the back office (/office) open sealed parts with this private key',
  '                                                (keys/hpke-x25519.pem); without it no key is read and nothing opens',
  '        [--serve all|public|office]             which routes this process answers (default all): public leaves out',
  '                                                /office, office serves only /office (run it with --office-key)',
  '  enrol-code --site DIVISIONCODE-NNN [--ttl-hours N]  print a one-time enrolment code (valid 7 days by default)',
  '  revoke KIOSK                                  revoke a kiosk credential',
  '  open ID|CASENO                                decrypt a sealed application and print its JSON (authorised operators)',
  '  rotate-key                                    make a new sealing key and hand it to kiosks with their next heartbeat',
  '                                                (restart the hub after it); retired keys stay in keys/ to open older',
  '                                                applications: back the whole keys/ directory up again',
  '  city-token --city CODE [--label TEXT] [--ttl-days N]  print a token for that city to read its queue',
  '                                                (valid 90 days by default; its id, for --revoke, goes to stderr)',
  '  city-token --revoke ID                        revoke a city token (ID as printed at creation, CT-XXXX-XXXX)',
  '  kiosks                                        list enrolled kiosks, their last heartbeat and update state',
  '  case-event ID|CASENO --status S --operator NAME [--note TEXT]',
  '                                                change a case\'s status for its handling city (S: accepted, completed,',
  '                                                needsCorrection, rejected; the last two need --note, which the public sees)',
  '  release publish FILE --channel C --rollout PERCENT [--pub PUB]',
  '                                                publish a signed update bundle (or change its rollout); a kiosk',
  '                                                is in when a hash of its id falls under PERCENT; --pub checks it first',
  '  release list                                  published releases and their rollout',
  '  operator add --city CODE --name NAME          a back-office (/office) operator of that city; the password is read',
  '                                                from stdin (asked twice without echo on a terminal), never an argument',
  '  operator disable --name NAME                  disable an operator at once (their sessions end)',
  '  operator list [--city CODE] [--json]          the back office\'s operators',
  '  audit [--city CODE] [--json]                  the back office\'s audit log: sign-ins, openings of sealed parts, changes',
  '  export --city C --since DATE --format jsonl|csv [--what cases|ratings] [--out FILE] [--catalog FILE]',
  '                                                a city\'s cases (received or changed since DATE, with their events)',
  '                                                or the 好差评 ratings of its cases (given since DATE), national field',
  '                                                names; DATE is YYYY-MM-DD (China time) or a time with its offset;',
  '                                                --catalog: names and codes when no hub runs (default: bundled)',
].join('\n');

const options = {
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  catalog: { type: 'string' },
  'trust-proxy': { type: 'string' },
  'office-key': { type: 'string' },
  serve: { type: 'string' },
  site: { type: 'string' },
  'ttl-hours': { type: 'string' },
  city: { type: 'string' },
  label: { type: 'string' },
  'public-url': { type: 'string' },
  status: { type: 'string' },
  note: { type: 'string' },
  operator: { type: 'string' },
  'ttl-days': { type: 'string' },
  revoke: { type: 'string' },
  channel: { type: 'string' },
  rollout: { type: 'string' },
  pub: { type: 'string' },
  name: { type: 'string' },
  json: { type: 'boolean' },
  since: { type: 'string' },
  format: { type: 'string' },
  what: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const fail = usageFailure('hub', usage);
const isHubServe = (value: string): value is HubServe => (hubServes as readonly string[]).includes(value);

/** What `hub start` publishes without --catalog: the catalogue the kiosks ship, so a new hub serves a real one. */
export const bundledCatalogFile = fileURLToPath(new URL('../../src/domain/catalogData/catalog.json', import.meta.url));

async function start(dataDir: string, values: { port?: string; host?: string; catalog?: string; 'public-url'?: string; 'trust-proxy'?: string; 'office-key'?: string; serve?: string }): Promise<number> {
  const port = Number(values.port ?? 8780);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`bad --port ${values.port}`);
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(publicUrl)) return fail(`bad --public-url ${publicUrl}: expected http(s)://host[/path]`);
  const serve = values.serve ?? 'all';
  if (!isHubServe(serve)) return fail(`bad --serve ${serve}: expected all, public or office`);
  const hub = await startHub({ port, host: values.host ?? '127.0.0.1', dataDir, databaseUrl: process.env.DATABASE_URL || undefined, catalogFile: values.catalog ?? bundledCatalogFile, publicUrl, trustProxy: values['trust-proxy'], officeKeyFile: values['office-key'], serve });
  console.log(`hub listening on ${hub.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await hub.close();
  return exitCodes.ok;
}

/** Reads a bundle for the release channel: its manifest must name the channel; with --pub the whole bundle is verified. */
function readReleaseFile(file: string, channel: string, pub: string | undefined): Omit<ReleaseToPublish, 'rollout'> | number {
  try {
    const bundle = readFileSync(file);
    const manifest = pub ? decodeAndVerifyBundle(bundle, [readPublicKey(pub)]).manifest : readManifestUnverified(bundle);
    if (manifest.channel !== channel) {
      console.error(`kioskctl hub: ${file} is built for channel ${manifest.channel}, not ${channel}; kiosks on ${channel} would refuse it`);
      return updateExitCodes.policy;
    }
    return { channel, version: manifest.version, notes: manifest.notes, manifest, bundle };
  } catch (error) {
    console.error(`kioskctl hub: ${file}: ${(error as Error).message}`);
    return error instanceof BundleError ? updateExitCodes.verification : updateExitCodes.io;
  }
}

function rotateKey(dataDir: string): number {
  const { previous, current } = rotateSealingKey(dataDir);
  console.log(current.kid);
  console.error(`sealing key ${current.kid} is now current (was ${previous.kid}); restart the hub, and kiosks seal to it after their next heartbeat`);
  console.error(`keep every key in ${join(dataDir, 'keys')} backed up: applications sealed to ${previous.kid} still open only with it`);
  return exitCodes.ok;
}

const run: CommandGroup = async (argv) => {
  const line = parseCommandLine(argv, options, usage, fail);
  if (typeof line === 'number') return line;
  const { command, values } = line;
  const [target] = line.rest;
  const dataDir = values.data ?? defaultHubDataDir();
  if (command === 'start') return start(dataDir, values);

  const needs = (ok: boolean, message: string) => (ok ? null : fail(message));
  const exportRequest = command === 'export' ? readExportRequest(values) : null;
  const check =
    command === 'enrol-code' ? needs(siteCodeSchema.safeParse(values.site).success, '--site DIVISIONCODE-NNN is required, e.g. 420102-001')
    : command === 'revoke' || command === 'open' ? needs(Boolean(target), `${command} needs an argument`)
    : command === 'case-event' ? needs(Boolean(target && values.status && values.operator), 'case-event needs ID|CASENO, --status and --operator')
    : command === 'city-token' && values.revoke !== undefined ? needs(/^CT-[0-9A-Z-]{4,}$/i.test(values.revoke), '--revoke needs a token id, e.g. CT-7K2M-Q9XD')
    : command === 'city-token' && values['ttl-days'] !== undefined && !(Number(values['ttl-days']) > 0 && Number(values['ttl-days']) <= 3650) ? fail('--ttl-days must be a number of days, 1 to 3650')
    : command === 'city-token' ? needs(divisionCodeSchema.safeParse(values.city).success && isInMetroCircle(values.city ?? ''), '--city must be a 1+8 city, e.g. 420100')
    : command === 'kiosks' || command === 'audit' || command === 'rotate-key' ? null
    : command === 'operator' ? needs(target === 'add' || target === 'disable' || target === 'list', 'operator add|disable|list …')
    : command === 'export' ? (typeof exportRequest === 'string' ? fail(exportRequest) : null)
    : command === 'release' ? needs(target === 'list' || (target === 'publish' && Boolean(line.rest[1]) && Boolean(values.channel) && /^\d{1,3}$/.test(values.rollout ?? '') && Number(values.rollout) <= 100), 'release publish FILE --channel C --rollout 0-100, or release list')
    : fail(`unknown command ${command}`);
  if (check !== null) return check;

  if (command === 'rotate-key') return rotateKey(dataDir);
  // The private keys never leave this machine's data directory; a running hub only hands out ciphertext.
  // Check them first, so a wrong --data fails at once instead of creating an empty database there.
  if (command === 'open') loadSealingKeys(join(dataDir, 'keys'), false);
  const admin = await openAdmin(dataDir, process.env.DATABASE_URL || undefined, { catalogFile: values.catalog ?? bundledCatalogFile });
  try {
    switch (command) {
      case 'enrol-code': {
        const ttl = values['ttl-hours'] ? Number(values['ttl-hours']) : undefined;
        const code = await admin.createEnrolmentCode(values.site ?? '', ttl);
        console.log(code.code);
        console.error(`one-time code for site ${values.site}, valid until ${code.expiresAt}`);
        console.error(`hub key fingerprint: ${code.fingerprint}  (give it with the code: kioskctl kiosk enrol --fingerprint ${code.fingerprint})`);
        return exitCodes.ok;
      }
      case 'revoke': {
        const revoked = await admin.revokeKiosk(target ?? '');
        console.log(revoked ? `revoked ${target}` : `no active kiosk ${target}`);
        return revoked ? exitCodes.ok : exitCodes.failure;
      }
      case 'open': {
        const sealed = await admin.findSealed(target ?? '');
        if (!sealed) {
          console.error(`kioskctl hub: no application ${target}`);
          return exitCodes.failure;
        }
        const opened = await openSealedWithAny(openingKeys(dataDir, sealed.kid), { id: sealed.id, kioskId: sealed.kioskId, serviceId: sealed.serviceId, sealed });
        console.log(JSON.stringify({ id: sealed.id, caseNo: sealed.caseNo, kioskId: sealed.kioskId, serviceId: sealed.serviceId, personal: opened }, null, 2));
        return exitCodes.ok;
      }
      case 'release': {
        if (target === 'list') {
          console.log(JSON.stringify(await admin.listReleases(), null, 2));
          return exitCodes.ok;
        }
        const release = readReleaseFile(line.rest[1] ?? '', values.channel ?? '', values.pub);
        if (typeof release === 'number') return release;
        const published = await admin.publishRelease({ ...release, rollout: Number(values.rollout) });
        console.log(`published ${published.channel} ${published.version} (${published.size} bytes, sha256 ${published.sha256.slice(0, 16)}…) to ${published.rollout}% of kiosks`);
        return exitCodes.ok;
      }
      case 'case-event': {
        const answer = await admin.caseEvent(target ?? '', { status: values.status ?? '', note: values.note ?? '', operator: values.operator ?? '' });
        if (answer.status === 200) console.log(JSON.stringify(answer.body, null, 2));
        else console.error(`kioskctl hub: ${(answer.body as { reason?: string }).reason ?? `hub answered ${answer.status}`}`);
        return answer.status === 200 ? exitCodes.ok : exitCodes.failure;
      }
      case 'operator':
        return target === 'add' ? await addOperatorCommand(admin, values) : target === 'disable' ? await disableOperatorCommand(admin, values) : await listOperatorsCommand(admin, values);
      case 'audit':
        return await auditCommand(admin, values);
      case 'export': {
        if (exportRequest === null || typeof exportRequest === 'string') return exitCodes.usage;
        const count = await runExport(admin, exportRequest);
        console.error(`exported ${count} ${exportRequest.kind} of ${exportRequest.city} (via ${admin.via})`);
        return exitCodes.ok;
      }
      case 'city-token': {
        if (values.revoke !== undefined) {
          const revoked = await admin.revokeCityToken(values.revoke);
          console.log(revoked ? `revoked ${values.revoke}` : `no active city token ${values.revoke}`);
          return revoked ? exitCodes.ok : exitCodes.failure;
        }
        const ttlDays = values['ttl-days'] ? Number(values['ttl-days']) : undefined;
        const created = await admin.createCityToken(values.city ?? '', values.label ?? `city ${values.city}`, ttlDays);
        console.log(created.token);
        console.error(`city token ${created.id} for ${values.city}, valid until ${created.expiresAt}; revoke with: kioskctl hub city-token --revoke ${created.id}`);
        return exitCodes.ok;
      }
      default:
        console.log(JSON.stringify(await admin.listKiosks(), null, 2));
        return exitCodes.ok;
    }
  } finally {
    await admin.close();
  }
};
export default run;
