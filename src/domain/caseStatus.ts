// The case life cycle (收受分离, DESIGN.md §4): one vocabulary for every screen, the printed receipt, "我的办件",
// the public status page and the back office. The words are defined here once, in the three display
// languages, and every other place (i18n catalogues, hub pages, receipts) reads them from here.
//
//   received ──► accepted ──► completed
//      │  ▲         │
//      │  └─────────┤ (补正 done: back to accepted)
//      ▼            ▼
//   rejected ◄── needsCorrection
//
// Why these edges (docs/adr/0011-case-life-cycle.md): 不予受理 is a decision not to ACCEPT, so it is only open
// before acceptance (from received or while waiting for 补正); once accepted a case ends completed. 需补正 may
// be asked before acceptance (materials incomplete, 一次性告知) or after it (found during review).
import type { Locale } from '../i18n/locales';

export const caseStatuses = ['received', 'accepted', 'completed', 'needsCorrection', 'rejected'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const isCaseStatus = (value: unknown): value is CaseStatus => typeof value === 'string' && (caseStatuses as readonly string[]).includes(value);

/** The status words, the same everywhere. */
export const caseStatusLabels: Record<CaseStatus, Record<Locale, string>> = {
  received: { 'zh-CN': '已收件', 'zh-TW': '已收件', en: 'Received' },
  accepted: { 'zh-CN': '已受理', 'zh-TW': '已受理', en: 'Accepted' },
  completed: { 'zh-CN': '已办结', 'zh-TW': '已辦結', en: 'Completed' },
  needsCorrection: { 'zh-CN': '需补正', 'zh-TW': '需補正', en: 'Correction needed' },
  rejected: { 'zh-CN': '不予受理', 'zh-TW': '不予受理', en: 'Not accepted' },
};

export const caseStatusLabel = (status: CaseStatus, locale: Locale): string => caseStatusLabels[status][locale];

/** Where a case may go from each status; anything else is refused (the hub answers 409). */
export const caseTransitions: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['accepted', 'needsCorrection', 'rejected'],
  accepted: ['completed', 'needsCorrection'],
  needsCorrection: ['accepted', 'rejected'],
  completed: [],
  rejected: [],
};

export const canMoveCase = (from: CaseStatus, to: CaseStatus): boolean => caseTransitions[from].includes(to);

/** Statuses whose event must say why (what is missing, why not accepted): the resident acts on that note. */
export const noteRequired: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['needsCorrection', 'rejected']);

/** Longest note an operator may write (it is printed on status slips and shown on a phone). */
export const maxCaseNoteLength = 500;

/** A case that will not move again. */
export const isFinalCaseStatus = (status: CaseStatus): boolean => caseTransitions[status].length === 0;
