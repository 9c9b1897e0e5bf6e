import { describe, expect, it } from 'vitest';
import { locales } from '../i18n/locales';
import { canMoveCase, caseStatuses, caseStatusLabel, isFinalCaseStatus } from './caseStatus';

describe('case life cycle', () => {
  it('allows exactly the edges of the life cycle', () => {
    const allowed = caseStatuses.flatMap((from) => caseStatuses.filter((to) => canMoveCase(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual(
      ['received>accepted', 'received>needsCorrection', 'received>rejected', 'accepted>completed', 'accepted>needsCorrection', 'needsCorrection>accepted', 'needsCorrection>rejected'].sort(),
    );
  });

  it('ends at completed and rejected', () => {
    expect(caseStatuses.filter(isFinalCaseStatus)).toEqual(['completed', 'rejected']);
  });

  it('has a distinct word for each status in each language', () => {
    for (const locale of locales) {
      const words = caseStatuses.map((s) => caseStatusLabel(s, locale));
      expect(new Set(words).size).toBe(caseStatuses.length);
      for (const word of words) expect(word.length).toBeGreaterThan(0);
    }
    expect(caseStatusLabel('completed', 'zh-TW')).toBe('已辦結');
  });
});
