// One Content-Security-Policy for both hosts: scripts only from the app itself, no eval, no remote anything.
// `connectOrigin` is the bridge socket's origin in the Chromium host (Electron's IPC needs none).
export function contentSecurityPolicy(connectOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style attributes; no external style sheets are loaded.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${connectOrigin ? ` ${connectOrigin}` : ''}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
