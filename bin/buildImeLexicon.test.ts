// The committed lexicon is exactly what the generator makes from today's inputs (the catalogue, the division
// table, the curated lists): rerun `npx tsx bin/buildImeLexicon.ts` when one of them changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildImeLexicon, gb2312Level1, lexiconPath, renderImeLexicon } from './buildImeLexicon';

describe('buildImeLexicon', () => {
  it('decodes the 3,755 characters of GB2312 level 1, from 啊 to 座', () => {
    const chars = gb2312Level1();
    expect(chars).toHaveLength(3755);
    expect(chars[0]).toBe('啊');
    expect(chars.at(-1)).toBe('座');
    expect(chars.every((c) => /^\p{Script=Han}$/u.test(c))).toBe(true);
  });
  it('matches the committed imeLexicon.json', () => {
    expect(renderImeLexicon(buildImeLexicon()) === readFileSync(lexiconPath, 'utf8')).toBe(true);
  });
});
