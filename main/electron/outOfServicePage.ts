// The 暂停服务 screen the Electron shell shows when its renderer keeps failing (rendererFailures.ts). It is a
// static page with no script, built here in the main process and loaded as a data: URL, because the renderer
// bundle is what is failing: nothing of it may be needed to tell a resident where to get help.
import { t } from '../../src/i18n';
import type { Locale } from '../../src/i18n';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page in the kiosk's language, with English beneath when that is not English. */
export function outOfServiceHtml(locale: Locale, phone = '12345'): string {
  const blocks = [...new Set<Locale>([locale, 'en'])].map(
    (l) => `<section lang="${l}"><h1>${escapeHtml(t(l, 'shell.outOfService.title'))}</h1><p>${escapeHtml(t(l, 'shell.outOfService.body', { phone }))}</p></section>`,
  );
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(t(locale, 'shell.outOfService.title'))}</title>` +
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">" +
    '<style>html,body{margin:0;height:100%;background:#0b3d91;color:#fff;font-family:sans-serif;user-select:none}' +
    'body{display:flex;flex-direction:column;justify-content:center;align-items:center;text-align:center;gap:4rem}' +
    'h1{font-size:6rem;margin:0 0 2rem}p{font-size:2.5rem;max-width:60rem;line-height:1.5;margin:0 2rem}' +
    'section[lang=en] h1{font-size:3rem}section[lang=en] p{font-size:1.8rem}</style></head>' +
    `<body>${blocks.join('')}</body></html>`
  );
}

export const outOfServiceUrl = (locale: Locale, phone?: string): string => `data:text/html;charset=utf-8,${encodeURIComponent(outOfServiceHtml(locale, phone))}`;
