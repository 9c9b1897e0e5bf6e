// The kiosk window and its hardening (DESIGN.md §2): kiosk mode, context isolation, sandbox, no Node in the
// page, strict CSP, no navigation, no new windows, no permissions, no menu, no devtools in production.
import { BrowserWindow, Menu, net, protocol, session } from 'electron';
import type { WebContents } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../host/csp';

export const appScheme = 'app';
export const appOrigin = `${appScheme}://kiosk`;

/** Must run before `app.ready`: our scheme behaves like https (secure context, fetch, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer on app://kiosk/ with the CSP header; nothing outside its folder. */
export function serveRenderer(rendererDir: string): void {
  const base = normalize(rendererDir + sep);
  protocol.handle(appScheme, async (request) => {
    const { host, pathname } = new URL(request.url);
    const file = normalize(join(base, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (host !== 'kiosk' || !file.startsWith(base)) return new Response('forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/**
 * Every permission is refused except persistent storage, which the outbox asks for at start-up so that the
 * browser never evicts queued applications under disk pressure (DESIGN.md §4).
 */
const allowedPermissions = new Set(['persistent-storage']);

export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(allowedPermissions.has(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => allowedPermissions.has(permission));
}

/** Applied to every web contents the app ever creates. */
export function hardenContents(contents: WebContents, { allowDevTools }: { allowDevTools: boolean }): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${appOrigin}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (!allowDevTools) contents.on('devtools-opened', () => contents.closeDevTools());
}

export function createKioskWindow({ preload, allowDevTools }: { preload: string; allowDevTools: boolean }): BrowserWindow {
  Menu.setApplicationMenu(null);
  const window = new BrowserWindow({
    kiosk: !allowDevTools,
    fullscreen: !allowDevTools,
    autoHideMenuBar: true,
    backgroundColor: '#0b3d91',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: allowDevTools,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/`);
  return window;
}
