// The page the managed-policy test opens on the kiosk's origin (http://127.0.0.1): it tries what the policy must
// refuse and tells the server what happened. The server sees every request, so a page of another origin that
// was loaded shows up here even though the probe page cannot read it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PolicyProbe {
  /** The probe page on the kiosk's origin. */
  url: string;
  /** `host path` of every request the server received. */
  requests: string[];
  /** Names the page reported: loaded, outsideDone, printAsked, beforeprint. */
  reports: Set<string>;
  /** Whether the page reported `report` within `timeoutMs` (resolves as soon as it does). */
  reported(report: string, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

// Another origin on the same server (localhost is not in URLAllowlist), framed so that its load event fires
// whether it loaded or was blocked; then a print request. Nothing is reported from the page after
// window.print(): with printing on, print preview holds the page's script.
const page = (port: number): string => `<!doctype html><meta charset="utf-8"><body><script>
const report = (name) => fetch('/report/' + name, { method: 'POST' });
report('loaded');
addEventListener('beforeprint', () => report('beforeprint'));
const frame = document.createElement('iframe');
frame.src = 'http://localhost:${port}/outside';
frame.onload = async () => { await report('outsideDone'); await report('printAsked'); window.print(); };
document.body.append(frame);
</script>`;

export async function startPolicyProbe(): Promise<PolicyProbe> {
  const requests: string[] = [];
  const reports = new Set<string>();
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.headers.host} ${req.url}`);
    const match = /^\/report\/(\w+)$/.exec(req.url ?? '');
    if (match) {
      reports.add(match[1]!);
      for (const wake of waiters.splice(0)) wake();
    }
    if (req.url === '/') res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(req.url === '/' ? page((server.address() as AddressInfo).port) : 'outside the kiosk');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    reports,
    async reported(report, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!reports.has(report)) {
        if (Date.now() > deadline) return false;
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
