// The public status page as HTML: one screen on a phone, large type, Chinese unless `?lang=` says otherwise.
// Pure (view in, text out) so it is tested without a server; every value from outside is escaped.
import type { PublicCaseStatus } from '../../src/domain/caseApi';
import { formatDivisionPath } from '../../src/domain/divisions';
import { formatBeijingTime } from '../../src/domain/receiptTemplate';
import type { caseStatusLabels } from '../../src/domain/caseStatus';

type Locale = keyof (typeof caseStatusLabels)['received'];

export type StatusPageView = { kind: 'found'; status: PublicCaseStatus } | { kind: 'malformed' | 'unknown'; receiptNo: string };

const words = {
  'zh-CN': { title: '办件进度查询', receiptNo: '回执编号', service: '事项', status: '办理状态', updatedAt: '更新时间', city: '办理地', note: '说明', malformed: '这个回执编号不对，请对照回执重新输入或重新扫码。', unknown: '暂未查到这个回执编号的办件。自助终端离线时，申请会在联网后送达，请稍后再查。', hotline: '咨询请拨 12345' },
  'zh-TW': { title: '辦件進度查詢', receiptNo: '回執編號', service: '事項', status: '辦理狀態', updatedAt: '更新時間', city: '辦理地', note: '說明', malformed: '這個回執編號不對，請對照回執重新輸入或重新掃碼。', unknown: '暫未查到這個回執編號的辦件。自助終端離線時，申請會在聯網後送達，請稍後再查。', hotline: '諮詢請撥 12345' },
  en: { title: 'Application status', receiptNo: 'Receipt no.', service: 'Service', status: 'Status', updatedAt: 'Updated', city: 'Handled in', note: 'Note', malformed: 'This receipt number is not right. Check it against your receipt, or scan the code again.', unknown: 'No application with this receipt number has arrived yet. A kiosk that was offline sends it once it is back online; please try again later.', hotline: 'Questions: call 12345' },
} satisfies Record<Locale, Record<string, string>>;

export const pageLocale = (lang: unknown): Locale => (lang === 'en' || lang === 'zh-TW' ? lang : 'zh-CN');

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);

const row = (label: string, value: string, big = false): string =>
  `<div class="row"><div class="label">${escapeHtml(label)}</div><div class="${big ? 'value big' : 'value'}">${escapeHtml(value)}</div></div>`;

function body(view: StatusPageView, locale: Locale): string {
  const w = words[locale];
  if (view.kind !== 'found') return `${row(w.receiptNo, view.receiptNo)}<p class="message" role="alert">${escapeHtml(view.kind === 'malformed' ? w.malformed : w.unknown)}</p>`;
  const s = view.status;
  const service = (locale === 'en' ? s.service.en : null) ?? s.service['zh-CN'] ?? '';
  return [
    row(w.status, s.statusLabel[locale], true),
    row(w.receiptNo, s.receiptNo),
    service ? row(w.service, service) : '',
    row(w.city, formatDivisionPath(s.handlingCity, locale) || s.handlingCity),
    row(w.updatedAt, `${formatBeijingTime(s.updatedAt)}${locale === 'en' ? ' (Beijing time)' : ''}`),
    s.note ? row(w.note, s.note) : '',
  ].join('');
}

const switcher = (receiptNo: string, current: Locale): string =>
  (['zh-CN', 'zh-TW', 'en'] as const)
    .filter((l) => l !== current)
    .map((l) => `<a href="/q/${escapeHtml(encodeURIComponent(receiptNo))}${l === 'zh-CN' ? '' : `?lang=${l}`}">${l === 'zh-CN' ? '简体' : l === 'zh-TW' ? '繁體' : 'English'}</a>`)
    .join(' · ');

export function renderStatusPage(view: StatusPageView, locale: Locale): string {
  const w = words[locale];
  const receiptNo = view.kind === 'found' ? view.status.receiptNo : view.receiptNo;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(w.title)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 22px; line-height: 1.5; margin: 0; padding: 16px; color: #111; background: #fff; }
h1 { font-size: 26px; margin: 0 0 16px; }
.row { border-bottom: 1px solid #ddd; padding: 10px 0; }
.label { font-size: 18px; color: #555; }
.value { word-break: break-all; }
.big { font-size: 36px; font-weight: bold; color: #0a4d8c; }
.message { font-size: 22px; background: #fff4e5; padding: 12px; border-radius: 8px; }
footer { margin-top: 24px; font-size: 18px; color: #555; }
a { color: #0a4d8c; }
</style></head>
<body><main><h1>${escapeHtml(w.title)}</h1>${body(view, locale)}</main>
<footer><p>${escapeHtml(w.hotline)}</p><p>${switcher(receiptNo, locale)}</p></footer></body></html>
`;
}
