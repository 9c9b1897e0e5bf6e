// Which hub URLs a kiosk may use: https, or plain http to this machine only (development, tests, a hub on the
// kiosk itself). Over plain http to another machine the kiosk credential and every sealed batch's metadata
// would cross the network readable and replaceable by anyone on the path, so config.json, KIOSK_HUB_URL and
// `kioskctl kiosk enrol --hub` refuse it with this reason.

const isLoopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);

/** Whether `url` names this machine. */
export const isLoopbackUrl = (url: string): boolean => URL.canParse(url) && isLoopbackHost(new URL(url).hostname);

/** Why `url` cannot be the hub URL, or null when it can. */
export function hubUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return null;
  if (parsed.protocol === 'http:') return `the hub URL must be https:// (plain http is allowed only to this machine, 127.0.0.1 or localhost): over http the kiosk credential would cross the network readable`;
  return `the hub URL must be https://, not ${parsed.protocol}`;
}

/** The same hub URL written two ways (a trailing slash) is one URL. */
export const sameHubUrl = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
