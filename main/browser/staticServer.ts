// Serves the built renderer on loopback with the same Content-Security-Policy the Electron shell sets. A
// request must name our own host: a web page whose DNS name is rebound to 127.0.0.1 sends its own name in
// `Host`, and gets 403 instead of the kiosk's page (and a same-origin view of it).
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../host/csp';
import { isOwnHost } from './wsBridge';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** `origin` is the page's own origin, e.g. `http://127.0.0.1:17800` (known once the server listens). */
export function createStaticServer(root: string, origin: () => string): Server {
  const connectOrigin = () => origin().replace(/^http/, 'ws');
  const base = normalize(root + sep);
  return createServer(async (request, response) => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': contentSecurityPolicy(connectOrigin()),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=3600',
      });
      response.end(body);
    };
    if (!isOwnHost(request, origin())) return send(403, 'forbidden host');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'bad path');
    }
    const file = normalize(join(base, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(base)) return send(403, 'forbidden');
    try {
      const info = await stat(file);
      if (!info.isFile()) return send(404, 'not found');
      send(200, await readFile(file), contentTypes[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(404, 'not found');
    }
  });
}
