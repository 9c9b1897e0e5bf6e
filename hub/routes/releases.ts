// GET /v1/releases/:channel/latest and GET /v1/releases/:channel/:version/bundle, for enrolled kiosks only.
// The bundle answers a single `Range: bytes=…` with 206 (a download cut by the network resumes where it
// stopped) and carries its SHA-256 as ETag, so `If-Range` keeps a resumed download from mixing two files.
import type { FastifyInstance } from 'fastify';
import type { ReleaseInfo } from '../../src/domain/hubApi';
import { channelSchema, versionSchema } from '../../src/domain/updateManifest';
import { sendError } from '../http';
import type { HubContext } from './context';
import { requireKiosk } from './context';
import { latestReleaseFor, listReleases, readReleaseBytes } from '../store/releases';

/** The byte range asked for, 'all' without (or with an unusable) Range, or null when it cannot be satisfied. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'all' | null {
  if (!header) return 'all';
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'all'; // several ranges or another unit: the whole file (RFC 9110 allows it)
  const [first, last] = [match[1] ?? '', match[2] ?? ''];
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0 ? null : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return start >= size || end < start ? null : { start, end };
}

export function registerReleaseRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/v1/releases/:channel/latest', async (request, reply) => {
    const kiosk = await requireKiosk(ctx, request, reply);
    if (!kiosk) return reply;
    const channel = channelSchema.safeParse((request.params as { channel?: unknown }).channel);
    if (!channel.success) return sendError(reply, 400, 'bad_request', 'channel: a lower-case name such as stable');
    const release = await latestReleaseFor(ctx.db, channel.data, kiosk.kioskId);
    if (!release) return reply.code(204).send();
    const answer: ReleaseInfo = {
      channel: release.channel,
      version: release.version,
      size: release.size,
      sha256: release.sha256,
      notes: release.notes,
      publishedAt: release.publishedAt,
      url: `/v1/releases/${release.channel}/${release.version}/bundle`,
    };
    return answer;
  });

  app.get('/v1/releases/:channel/:version/bundle', async (request, reply) => {
    const kiosk = await requireKiosk(ctx, request, reply);
    if (!kiosk) return reply;
    const params = request.params as { channel?: unknown; version?: unknown };
    const channel = channelSchema.safeParse(params.channel);
    const version = versionSchema.safeParse(params.version);
    if (!channel.success || !version.success) return sendError(reply, 400, 'bad_request', 'expected /v1/releases/CHANNEL/VERSION/bundle');
    const release = (await listReleases(ctx.db, channel.data)).find((r) => r.version === version.data);
    if (!release) return sendError(reply, 404, 'not_found', `no release ${version.data} on channel ${channel.data}`);
    const etag = `"${release.sha256}"`;
    const ifRange = request.headers['if-range'];
    const rangeHeader = typeof ifRange === 'string' && ifRange !== etag ? undefined : request.headers.range;
    const range = parseRange(rangeHeader, release.size);
    reply.header('ETag', etag).header('Accept-Ranges', 'bytes').header('Cache-Control', 'no-cache').type('application/octet-stream');
    if (range === null) return reply.code(416).header('Content-Range', `bytes */${release.size}`).send();
    const { start, end } = range === 'all' ? { start: 0, end: release.size - 1 } : range;
    const bytes = release.size === 0 ? new Uint8Array() : await readReleaseBytes(ctx.db, channel.data, version.data, start, end);
    if (!bytes) return sendError(reply, 404, 'not_found', 'the release was removed');
    if (range !== 'all') reply.code(206).header('Content-Range', `bytes ${start}-${end}/${release.size}`);
    return reply.send(Buffer.from(bytes));
  });
}
