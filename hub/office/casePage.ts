// One case in the back office (pure: view in, HTML out): its facts, its events, the sealed personal part
// (closed until the operator asks to open it; opened only for the handling city's operators, each opening
// audited by the route), and a form for each status the life cycle allows next, with a note.
import { caseTransitions, maxCaseNoteLength, noteRequired, type CaseStatus } from '../../src/domain/caseStatus';
import { formatBeijingTime } from '../../src/domain/receiptTemplate';
import type { StoredCaseEvent } from '../store/cases';
import type { OfficeCase } from '../store/officeCases';
import type { FieldLabel } from './formLabels';
import { html, placeName, renderPage, statusWord, type Html } from './html';

/** What the operator sees of the sealed part: still closed, opened, or why it cannot be opened. */
export type PersonalView = { kind: 'closed' } | { kind: 'opened'; personal: unknown } | { kind: 'noKey' } | { kind: 'failed' };

export interface CaseView {
  operator: { name: string; city: string };
  csrfToken: string;
  case: OfficeCase;
  serviceName: string;
  events: StoredCaseEvent[];
  personal: PersonalView;
  formLabels: Map<string, FieldLabel>;
  /** A problem with the last status change (a note missing, a transition refused), shown above the buttons. */
  problem?: string;
  /** The status just set (after the redirect), shown as a confirmation. */
  changed?: CaseStatus;
}

const applicantLabels: Record<string, string> = {
  name: '姓名',
  sex: '性别',
  nationName: '民族',
  birthDate: '出生日期',
  idNumber: '证件号码',
  address: '住址',
  issuer: '签发机关',
  validFrom: '有效期起',
  validTo: '有效期止',
};
const sexWords: Record<string, string> = { male: '男', female: '女', unknown: '未知' };

/** Transition buttons say what the case becomes, in the one vocabulary. */
const actionWords: Record<CaseStatus, string> = { received: '已收件', accepted: '受理（已受理）', completed: '办结（已办结）', needsCorrection: '要求补正（需补正）', rejected: '不予受理' };

const text = (value: unknown): string => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function facts(rows: [string, string | Html, string?][]): Html {
  return html`<dl class="facts">${rows.map(([label, value, testId]) => html`<dt>${label}</dt><dd${testId ? html` data-testid="${testId}"` : null}>${value}</dd>`)}</dl>`;
}

function personalPart(view: CaseView): Html {
  const p = view.personal;
  if (p.kind === 'noKey') return html`<p class="notice">本 hub 未配置解密密钥（kioskctl hub start --office-key），无法在后台查看申请人信息。</p>`;
  if (p.kind === 'failed') return html`<p class="message" role="alert">申请人信息无法解密（密钥不符或数据与本办件不对应），请联系 hub 管理员。</p>`;
  if (p.kind === 'closed') {
    return html`<form method="post" action="/office/cases/${view.case.id}/open"><input type="hidden" name="_csrf" value="${view.csrfToken}">
<p>申请人信息已加密保存。查看时会记入审计日志（谁、何时、哪个办件）。</p><button type="submit" class="primary" data-testid="open-personal">查看申请人信息</button></form>`;
  }
  const personal = (p.personal ?? {}) as { applicant?: Record<string, unknown>; form?: Record<string, unknown> };
  const applicant = personal.applicant ?? {};
  const applicantRows = Object.entries(applicantLabels)
    .filter(([key]) => key in applicant)
    .map(([key, label]): [string, string] => [label, key === 'sex' ? (sexWords[String(applicant[key])] ?? text(applicant[key])) : key === 'validTo' && applicant[key] === null ? '长期' : text(applicant[key])]);
  const formRows = Object.entries(personal.form ?? {}).map(([key, value]): [string, string] => {
    const field = view.formLabels.get(key);
    return [field?.label ?? key, field?.options.get(String(value)) ?? text(value)];
  });
  return html`<div data-testid="personal"><p class="notice">此次查看已记入审计日志。请勿截图、转发或抄录到工单。</p>
<h3>申请人（证件）</h3>${facts(applicantRows)}<h3>填写内容</h3>${formRows.length > 0 ? facts(formRows) : html`<p>（无）</p>`}</div>`;
}

function transitions(view: CaseView): Html {
  const next = caseTransitions[view.case.status];
  if (next.length === 0) return html`<p class="notice">此办件状态为“${statusWord(view.case.status)}”，不再变更。</p>`;
  return html`<div class="transitions">${next.map((to) => {
    const required = noteRequired.has(to);
    return html`<form method="post" action="/office/cases/${view.case.id}/events" data-testid="transition-${to}">
<input type="hidden" name="_csrf" value="${view.csrfToken}"><input type="hidden" name="status" value="${to}">
<label for="note-${to}">说明${required ? '（必填：告诉申请人要做什么）' : '（可不填）'}</label>
<textarea id="note-${to}" name="note" rows="3" maxlength="${maxCaseNoteLength}"${required ? html` required` : null}></textarea>
<p><button type="submit" class="primary">${actionWords[to]}</button></p></form>`;
  })}</div><p>说明会显示在公开的办件进度页和申请人的“我的办件”中：写清要补交什么、到哪里办，不要写姓名或证件号码。</p>`;
}

function events(list: StoredCaseEvent[]): Html {
  if (list.length === 0) return html`<p>尚无状态变更。</p>`;
  return html`<table><thead><tr><th scope="col">时间</th><th scope="col">变更</th><th scope="col">经办人</th><th scope="col">说明</th></tr></thead><tbody>${list.map(
    (e) => html`<tr><td>${formatBeijingTime(e.at)}</td><td>${statusWord(e.from)} → ${statusWord(e.status)}</td><td>${e.operator}</td><td>${e.note || '—'}</td></tr>`,
  )}</tbody></table>`;
}

export function renderCasePage(view: CaseView): string {
  const c = view.case;
  return renderPage({
    title: `办件 ${c.caseNo}`,
    operator: view.operator,
    csrfToken: view.csrfToken,
    body: html`<h1>办件 ${c.caseNo}</h1>
${view.changed ? html`<p class="notice" role="status">状态已改为：${statusWord(view.changed)}</p>` : null}
${facts([
  ['状态', html`<span class="status status-${c.status}" data-case-status="${c.status}">${statusWord(c.status)}</span>`, 'case-status'],
  ['说明', c.note || '—'],
  ['事项', view.serviceName],
  ['回执编号', c.receiptNo],
  ['收件地', placeName(c.receivedDivision)],
  ['收件终端', c.kioskId],
  ['收件时间', formatBeijingTime(c.receivedAt)],
  ['办理地', placeName(c.handlingCity)],
  ['受理时间', c.acceptedAt ? formatBeijingTime(c.acceptedAt) : '—'],
  ['承诺办结', c.deadline ?? '—'],
])}
<h2>申请人信息</h2>${personalPart(view)}
<h2>办理</h2>${view.problem ? html`<p class="message" role="alert">${view.problem}</p>` : null}${transitions(view)}
<h2>办理记录</h2>${events(view.events)}`,
  });
}
