// `kioskctl bundle …`: the release manager makes the signing key and signed update bundles; anyone checks one.
//   bundle keygen --out DIR
//   bundle build --from DIR --version V --channel C --key PRIV --out FILE [--min-version V0] [--notes TEXT]
//                [--min-node V] [--min-electron V] [--allow-downgrade]
//   bundle verify FILE --pub PUB [--json]
// Exit codes: 0 done / valid; 1 cannot write (keygen over an existing key); 3 the bundle is not valid
// (signature, hash, size, format, unknown key); 5 cannot read a file; 64 usage. Format: main/host/update/bundleFormat.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { channelSchema, versionSchema } from '../../src/domain/updateManifest';
import { BundleError, decodeAndVerifyBundle, encodeBundle } from '../../main/host/update/bundleFormat';
import { generateSigningKey, KeyFileError, readPrivateKey, readPublicKey } from '../../main/host/update/keys';
import { collectPayload, projectPayload } from '../../main/host/update/payload';
import { parseCommandLine, usageFailure } from './args';
import type { CommandGroup } from './types';
import { exitCodes, updateExitCodes } from './types';

const usage = [
  'usage: kioskctl bundle <command>',
  '  keygen --out DIR                      DIR/update-signing.pem (private, 0600) and DIR/update-signing.pub',
  '  build --version V --channel C --key PRIV --out FILE [--from DIR] [--min-version V0] [--notes TEXT]',
  '        [--min-node V] [--min-electron V] [--allow-downgrade]',
  '                                        sign a bundle of DIR (default: this project\'s build output:',
  '                                        renderer/dist, dist/electron, the catalogue); --min-node default',
  '                                        20.19.0; --allow-downgrade makes a rollback bundle',
  '  verify FILE --pub PUB [--json]        check signature, sizes and hashes; print the manifest',
  'exit: 0 ok, 3 bundle not valid, 5 cannot read, 64 usage',
].join('\n');

const options = {
  out: { type: 'string' },
  from: { type: 'string' },
  version: { type: 'string' },
  channel: { type: 'string' },
  key: { type: 'string' },
  'min-version': { type: 'string' },
  'min-node': { type: 'string' },
  'min-electron': { type: 'string' },
  notes: { type: 'string' },
  'allow-downgrade': { type: 'boolean' },
  pub: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const fail = usageFailure('bundle', usage);
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The oldest Node the project supports (package.json engines). */
const DEFAULT_MIN_NODE = '20.19.0';

function keygen(out: string | undefined): number {
  if (!out) return fail('--out DIR is required');
  try {
    const { privateFile, publicFile, keyId } = generateSigningKey(out);
    console.log(`key ${keyId}\nprivate: ${privateFile} (0600, keep it offline)\npublic:  ${publicFile}`);
    return exitCodes.ok;
  } catch (error) {
    console.error(`kioskctl bundle: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? `${out} already holds a signing key; it is not replaced` : (error as Error).message}`);
    return exitCodes.failure;
  }
}

type Values = Partial<Record<Exclude<keyof typeof options, 'allow-downgrade' | 'json' | 'help'>, string>> & { 'allow-downgrade'?: boolean };

function build(values: Values): number {
  const version = (name: keyof Values, text: string | undefined) => (text === undefined || versionSchema.safeParse(text).success ? null : `--${name} ${text} is not MAJOR.MINOR.PATCH[-pre]`);
  const problem =
    !values.version ? '--version V is required'
    : !values.channel || !channelSchema.safeParse(values.channel).success ? '--channel C is required (lower-case, e.g. stable)'
    : !values.key ? '--key PRIV is required (from kioskctl bundle keygen)'
    : !values.out ? '--out FILE is required'
    : (version('version', values.version) ?? version('min-version', values['min-version']) ?? version('min-node', values['min-node']) ?? version('min-electron', values['min-electron']));
  if (problem) return fail(problem);
  let bundle: Buffer;
  try {
    const key = readPrivateKey(values.key ?? '');
    const files = values.from ? collectPayload(values.from) : projectPayload(projectRoot);
    // SOURCE_DATE_EPOCH makes a rebuild byte-identical (reproducible builds); otherwise now.
    const epoch = process.env.SOURCE_DATE_EPOCH;
    const created = new Date(epoch ? Number(epoch) * 1000 : Date.now()).toISOString();
    bundle = encodeBundle(
      {
        format: 1,
        version: values.version ?? '',
        channel: values.channel ?? '',
        minVersion: values['min-version'] ?? null,
        created,
        minRuntime: { node: values['min-node'] ?? DEFAULT_MIN_NODE, electron: values['min-electron'] ?? null },
        allowDowngrade: values['allow-downgrade'] ?? false,
        notes: values.notes ?? '',
      },
      files,
      key,
    );
    writeFileSync(values.out ?? '', bundle);
  } catch (error) {
    console.error(`kioskctl bundle: ${error instanceof KeyFileError ? error.message : (error as Error).message}`);
    return updateExitCodes.io;
  }
  console.log(`${values.out}: version ${values.version} (${values.channel}), ${bundle.length} bytes`);
  return exitCodes.ok;
}

function verifyFile(file: string | undefined, pub: string | undefined, json: boolean): number {
  if (!file) return fail('verify needs the bundle FILE');
  if (!pub) return fail('--pub PUB is required');
  let bytes: Buffer;
  let key;
  try {
    key = readPublicKey(pub);
    bytes = readFileSync(file);
  } catch (error) {
    console.error(`kioskctl bundle: ${(error as Error).message}`);
    return updateExitCodes.io;
  }
  try {
    const { manifest } = decodeAndVerifyBundle(bytes, [key]);
    if (json) console.log(JSON.stringify(manifest, null, 2));
    else console.log(`valid: version ${manifest.version}, channel ${manifest.channel}, ${manifest.files.length} files, signed by key ${manifest.keyId}, created ${manifest.created}`);
    return exitCodes.ok;
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    if (json) console.log(JSON.stringify({ valid: false, code: error.code, message: error.message }));
    console.error(`kioskctl bundle: NOT valid (${error.code}): ${error.message}`);
    return updateExitCodes.verification;
  }
}

const run: CommandGroup = async (argv) => {
  const line = parseCommandLine(argv, options, usage, fail);
  if (typeof line === 'number') return line;
  const { command, values, rest } = line;
  if (command === 'keygen') return keygen(values.out);
  if (command === 'build') return build(values);
  if (command === 'verify') return verifyFile(rest[0], values.pub, values.json ?? false);
  return fail(`unknown command ${command}`);
};
export default run;
