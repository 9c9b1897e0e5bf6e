// The back office's page frame: plain server-rendered HTML, no script at all (the CSP forbids any), large
// readable type, every value from outside escaped. Chinese (zh-CN) is the office's language: the operators are
// the handling city's staff; the status words come from src/domain/caseStatus.ts like everywhere else.
import type { FastifyReply } from 'fastify';
import { caseStatusLabel, type CaseStatus } from '../../src/domain/caseStatus';
import { formatDivisionPath } from '../../src/domain/divisions';
import { escapeHtml } from '../routes/statusPage';

export { escapeHtml };

/** A piece of HTML already escaped: what the page builders concatenate. */
export type Html = { readonly html: string };
export const raw = (html: string): Html => ({ html });

/** Tagged template: interpolated strings are escaped, Html pieces and arrays of them are inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: (string | number | Html | readonly Html[] | null | undefined | false)[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    if (Array.isArray(value)) out += value.map((v: Html) => v.html).join('');
    else if (value && typeof value === 'object') out += (value as Html).html;
    else if (value !== null && value !== undefined && value !== false) out += escapeHtml(String(value));
    out += strings[i + 1] ?? '';
  });
  return raw(out);
}

export const statusWord = (status: CaseStatus): string => caseStatusLabel(status, 'zh-CN');
export const placeName = (code: string): string => formatDivisionPath(code, 'zh-CN') || code;

export interface PageFrame {
  title: string;
  /** The signed-in operator (shows who and the logout button), or none on the sign-in page. */
  operator?: { name: string; city: string };
  csrfToken?: string;
  body: Html;
}

const style = `
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 18px; line-height: 1.5; margin: 0; color: #111; background: #f6f7f9; }
header { background: #0a4d8c; color: #fff; padding: 10px 24px; display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
header .brand { font-size: 22px; font-weight: bold; margin-right: auto; }
header a, header button { color: #fff; font-size: 18px; }
header form { margin: 0; }
header button { background: transparent; border: 1px solid #fff; border-radius: 6px; padding: 4px 12px; cursor: pointer; }
main { padding: 16px 24px; max-width: 1200px; }
h1 { font-size: 26px; margin: 8px 0 16px; }
h2 { font-size: 21px; margin: 24px 0 8px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border-bottom: 1px solid #ddd; padding: 8px; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
dl.facts { display: grid; grid-template-columns: 10em 1fr; gap: 6px 16px; background: #fff; padding: 12px 16px; margin: 0; }
dl.facts dt { color: #444; }
dl.facts dd { margin: 0; word-break: break-all; }
.status { font-weight: bold; }
.status-received { color: #6b4e00; } .status-accepted { color: #0a4d8c; } .status-completed { color: #1b6e2a; }
.status-needsCorrection { color: #a04000; } .status-rejected { color: #9b1c1c; }
.overdue { color: #9b1c1c; font-weight: bold; }
.message { background: #fff4e5; border-left: 4px solid #a04000; padding: 10px 14px; margin: 12px 0; }
.notice { background: #e8f1fb; border-left: 4px solid #0a4d8c; padding: 10px 14px; margin: 12px 0; }
form.filters { display: flex; gap: 16px; flex-wrap: wrap; align-items: end; background: #fff; padding: 12px 16px; margin-bottom: 12px; }
label { display: block; font-size: 16px; color: #333; }
input, select, textarea, button { font-size: 18px; font-family: inherit; }
input[type=text], input[type=password], select, textarea { padding: 6px 8px; border: 1px solid #888; border-radius: 6px; }
textarea { width: 100%; box-sizing: border-box; }
button.primary { background: #0a4d8c; color: #fff; border: 0; border-radius: 6px; padding: 8px 18px; cursor: pointer; }
.transitions { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; }
.transitions form { background: #fff; padding: 12px 16px; border: 1px solid #ddd; border-radius: 8px; }
.login { max-width: 420px; margin: 48px auto; background: #fff; padding: 24px; border-radius: 8px; }
.login input { width: 100%; box-sizing: border-box; margin-bottom: 12px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
:focus-visible { outline: 3px solid #f0a000; outline-offset: 2px; }
`;

export function renderPage(frame: PageFrame): string {
  const who = frame.operator
    ? html`<span>${frame.operator.name} · ${placeName(frame.operator.city)}</span><a href="/office/queue">办件队列</a>
<form method="post" action="/office/logout"><input type="hidden" name="_csrf" value="${frame.csrfToken ?? ''}"><button type="submit">退出登录</button></form>`
    : raw('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(frame.title)} · 办件后台</title><style>${style}</style></head>
<body><header><span class="brand">政务小屋 · 办件后台</span>${who.html}</header>
<main>${frame.body.html}</main></body></html>
`;
}

/** Sends a page with the office's headers: nothing cached (personal data), no script, no framing, no referrer. */
export function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .code(status)
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Frame-Options', 'DENY')
    .type('text/html; charset=utf-8')
    .send(page);
}

/** A page that only says something (403, 404, 409, a form that expired), with a way back. */
export function renderMessagePage(title: string, message: string, frame: Omit<PageFrame, 'title' | 'body'> = {}, back = '/office/queue'): string {
  return renderPage({ ...frame, title, body: html`<h1>${title}</h1><p class="message" role="alert">${message}</p><p><a href="${back}">返回</a></p>` });
}
