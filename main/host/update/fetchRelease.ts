// Fetches the newest release of the kiosk's channel from its hub (GET /v1/releases/:channel/latest) and
// downloads the bundle into <data>/update/downloads/, resuming a download the network cut: the partial file
// `<sha256>.part` is continued with `Range: bytes=N-` and `If-Range: "<sha256>"` (a hub that has other bytes
// under that name answers 200 and the download starts over). The finished file is checked against the
// announced size and SHA-256 before it is renamed to `<sha256>.bundle`; installing it verifies the signature.
// A version the kiosk already runs, or one it rolled back from, is not fetched again.
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, openSync, closeSync, renameSync, rmSync, statSync, writeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import { releaseInfoSchema } from '../../../src/domain/hubApi';
import type { ReleaseInfo } from '../../../src/domain/hubApi';
import { compareVersions } from '../../../src/domain/updateManifest';
import { updateDir } from './slotLayout';

export interface FetchReleaseOptions {
  hubUrl: string;
  credential: string;
  channel: string;
  dataDir: string;
  /** The running version, and the version the kiosk last rolled back from (never fetched again). */
  installedVersion: string;
  rolledBackVersion: string | null;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

export type FetchOutcome =
  | { status: 'upToDate'; info: ReleaseInfo | null }
  | { status: 'downloaded'; info: ReleaseInfo; file: string; resumedFrom: number }
  | { status: 'failed'; message: string };

const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function fetchRelease(options: FetchReleaseOptions): Promise<FetchOutcome> {
  const fetchImpl = options.fetch ?? fetch;
  const auth = { authorization: `Bearer ${options.credential}` };
  const base = options.hubUrl.replace(/\/+$/, '');
  const latest = await fetchImpl(`${base}/v1/releases/${options.channel}/latest`, { headers: auth });
  if (latest.status === 204) return { status: 'upToDate', info: null };
  if (!latest.ok) return { status: 'failed', message: `the hub answered ${latest.status} for the latest release` };
  const parsed = releaseInfoSchema.safeParse(await latest.json().catch(() => null));
  if (!parsed.success) return { status: 'failed', message: 'the hub answered something that is not a release' };
  const info = parsed.data;
  if (compareVersions(info.version, options.installedVersion) <= 0 || info.version === options.rolledBackVersion) return { status: 'upToDate', info };

  const dir = join(updateDir(options.dataDir), 'downloads');
  mkdirSync(dir, { recursive: true });
  const part = join(dir, `${info.sha256}.part`);
  const done = join(dir, `${info.sha256}.bundle`);
  if (sizeOf(done) === info.size && (await sha256OfFile(done)) === info.sha256) return { status: 'downloaded', info, file: done, resumedFrom: info.size };

  let have = Math.min(sizeOf(part), info.size);
  const headers: Record<string, string> = { ...auth, ...(have > 0 ? { range: `bytes=${have}-`, 'if-range': `"${info.sha256}"` } : {}) };
  const response = await fetchImpl(new URL(info.url, `${base}/`).href, { headers });
  if (response.status === 200) have = 0; // whole file: the hub ignored the range or the bytes changed
  else if (response.status !== 206) return { status: 'failed', message: `the hub answered ${response.status} for the bundle` };
  const resumedFrom = have;
  const fd = openSync(part, have === 0 ? 'w' : 'a');
  try {
    // Written chunk by chunk: a cut connection leaves everything received so far for the next attempt.
    const reader = response.body?.getReader();
    for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
      writeSync(fd, read.value);
      have += read.value.length;
      if (have > info.size) {
        await reader.cancel(); // more than announced: not the file we asked for
        break;
      }
    }
    fsyncSync(fd);
  } catch (error) {
    return { status: 'failed', message: `download cut at ${have} of ${info.size} bytes (${(error as Error).message}); it resumes next time` };
  } finally {
    closeSync(fd);
  }
  if (sizeOf(part) !== info.size || (await sha256OfFile(part)) !== info.sha256) {
    rmSync(part, { force: true }); // wrong bytes: start over next time rather than resume garbage
    return { status: 'failed', message: 'the downloaded file does not match the size and SHA-256 the hub announced' };
  }
  renameSync(part, done);
  return { status: 'downloaded', info, file: done, resumedFrom };
}
