// The sign-in page and the queue page of the back office (pure: view in, HTML out).
import { caseStatuses } from '../../src/domain/caseStatus';
import { metroCityCodes } from '../../src/domain/divisions';
import { formatBeijingTime } from '../../src/domain/receiptTemplate';
import type { SiteAlert } from '../store/kiosks';
import type { OfficeCase, OfficeQueueFilter, OfficeStatusFilter } from '../store/officeCases';
import { html, placeName, renderPage, statusWord, type Html } from './html';

export function renderLoginPage(view: { loginToken: string; failed?: 'credentials' | 'tooMany' | 'expired'; name?: string }): string {
  const message =
    view.failed === 'credentials' ? '用户名或密码不正确。'
    : view.failed === 'tooMany' ? '尝试次数过多，请一分钟后再试。'
    : view.failed === 'expired' ? '登录页面已过期，请重新输入。'
    : null;
  return renderPage({
    title: '登录',
    body: html`<div class="login"><h1>办件后台登录</h1>
${message ? html`<p class="message" role="alert">${message}</p>` : null}
<form method="post" action="/office/login">
<input type="hidden" name="_login" value="${view.loginToken}">
<label for="name">用户名</label><input type="text" id="name" name="name" autocomplete="username" required maxlength="64" value="${view.name ?? ''}">
<label for="password">密码</label><input type="password" id="password" name="password" autocomplete="current-password" required maxlength="256">
<button type="submit" class="primary">登录</button>
</form></div>`,
  });
}

export interface QueueView {
  operator: { name: string; city: string };
  csrfToken: string;
  filter: OfficeQueueFilter & { dueSoon: boolean };
  cases: OfficeCase[];
  /** The city's services, for the filter: id and name. */
  services: { id: string; name: string }[];
  serviceName: (serviceId: string) => string;
  /** Today in China (YYYY-MM-DD), for "overdue". */
  today: string;
  limit: number;
  /** Calls for staff and cards left behind at this city's cabins in the last day, newest first. */
  alerts: SiteAlert[];
}

const alertWords: Record<SiteAlert['kind'], string> = {
  'kiosk.callStaff': '居民在政务小屋呼叫工作人员',
  'card.leftBehind': '居民离开时身份证留在读卡器上',
};

function alertList(alerts: SiteAlert[]): Html | null {
  if (alerts.length === 0) return null;
  return html`<section class="message" aria-labelledby="alerts-title" data-testid="site-alerts"><h2 id="alerts-title">政务小屋提醒（24 小时内）</h2><ul>
${alerts.map((a) => html`<li data-alert-kind="${a.kind}">${formatBeijingTime(a.at)} · ${placeName(a.siteCode.slice(0, 6))} 站点 ${a.siteCode}：${alertWords[a.kind]}</li>`)}
</ul></section>`;
}

const statusOptionLabel = (filter: OfficeStatusFilter): string => (filter === 'open' ? '待办（未办结）' : filter === 'all' ? '全部' : statusWord(filter));

const option = (value: string, label: string, selected: boolean): Html => html`<option value="${value}"${selected ? html` selected` : null}>${label}</option>`;

function filters(view: QueueView): Html {
  const f = view.filter;
  return html`<form class="filters" method="get" action="/office/queue" aria-label="筛选">
<div><label for="f-status">状态</label><select id="f-status" name="status">${(['open', 'all', ...caseStatuses] as const).map((s) => option(s, statusOptionLabel(s), f.status === s))}</select></div>
<div><label for="f-service">事项</label><select id="f-service" name="service">${[option('', '全部事项', !f.serviceId), ...view.services.map((s) => option(s.id, s.name, f.serviceId === s.id))]}</select></div>
<div><label for="f-received">收件地</label><select id="f-received" name="received">${[option('', '全部', !f.receivedCity), ...metroCityCodes.map((c) => option(c, placeName(c), f.receivedCity === c))]}</select></div>
<div><label><input type="checkbox" name="due" value="soon"${f.dueSoon ? html` checked` : null}> 临近承诺办结（3 日内或已超期）</label></div>
<div><button type="submit" class="primary">筛选</button></div>
</form>`;
}

function row(c: OfficeCase, view: QueueView): Html {
  const overdue = c.status === 'accepted' && c.deadline !== null && c.deadline < view.today;
  return html`<tr data-case-id="${c.id}">
<td><a href="/office/cases/${c.id}">${c.caseNo}</a></td>
<td>${view.serviceName(c.serviceId)}</td>
<td class="status status-${c.status}" data-case-status="${c.status}">${statusWord(c.status)}</td>
<td>${placeName(c.receivedDivision)}</td>
<td>${formatBeijingTime(c.receivedAt)}</td>
<td${overdue ? html` class="overdue"` : null}>${c.deadline ?? '—'}${overdue ? '（已超期）' : ''}</td>
</tr>`;
}

export function renderQueuePage(view: QueueView): string {
  const count = view.cases.length >= view.limit ? `前 ${view.limit} 件（请用筛选缩小范围）` : `共 ${view.cases.length} 件`;
  return renderPage({
    title: '办件队列',
    operator: view.operator,
    csrfToken: view.csrfToken,
    body: html`<h1>${placeName(view.operator.city)} · 办件队列</h1>${alertList(view.alerts)}${filters(view)}
<p role="status">${count}</p>
${view.cases.length === 0 ? html`<p class="notice">没有符合条件的办件。</p>` : html`<table><caption class="visually-hidden">办件</caption><thead><tr><th scope="col">办件编号</th><th scope="col">事项</th><th scope="col">状态</th><th scope="col">收件地</th><th scope="col">收件时间</th><th scope="col">承诺办结</th></tr></thead>
<tbody>${view.cases.map((c) => row(c, view))}</tbody></table>`}`,
  });
}
