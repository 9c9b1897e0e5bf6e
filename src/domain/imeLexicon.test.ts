// The bundled pinyin lexicon: small enough to ship, and holding what the kiosk's residents type.
import { describe, expect, it } from 'vitest';
import { childrenOf, hubeiCode, metroCityCodes, provinces } from './divisions';
import { bundledCatalog } from './catalogData';
import { bundledImeLexicon } from './imeLexicon';
import data from './imeLexicon.json';

const lexicon = bundledImeLexicon();
const words = new Set(lexicon.words.map(([text]) => text));
const allChars = new Set(lexicon.charRank);

describe('imeLexicon.json', () => {
  it('is compact', () => {
    expect(new TextEncoder().encode(JSON.stringify(data)).length).toBeLessThan(300_000);
  });
  it('covers GB2312 level 1 and every character of its own words', () => {
    expect(allChars.size).toBeGreaterThanOrEqual(3755);
    for (const w of words) for (const c of w) expect(allChars.has(c)).toBe(true);
    const inChars = new Set(Object.values(lexicon.chars).join('').replace(/\|/g, ''));
    expect([...allChars].filter((c) => !inChars.has(c))).toEqual([]);
  });
  it('has every division name, full and short, and the catalogue keywords', () => {
    for (const p of provinces()) expect(words).toContain(p.name['zh-CN']);
    for (const city of childrenOf(hubeiCode)) expect(words).toContain(city.name['zh-CN']);
    for (const code of metroCityCodes) for (const d of childrenOf(code)) expect(words).toContain(d.name['zh-CN']);
    expect(words).toContain('湖北');
    expect(words).toContain('江岸');
    for (const item of bundledCatalog().items) for (const k of item.keywords) if (/^\p{Script=Han}{2,}$/u.test(k)) expect(words).toContain(k);
  });
  it('spells words with one syllable per character, read in context (硚口 qiao kou, 重庆 chong qing)', () => {
    for (const [text, spelled] of lexicon.words) expect(spelled.split(' ')).toHaveLength([...text].length);
    const spelling = new Map(lexicon.words.map(([text, spelled]) => [text, spelled]));
    expect(spelling.get('硚口区')).toBe('qiao kou qu');
    expect(spelling.get('重庆市')).toBe('chong qing shi');
    expect(spelling.get('单元')).toBe('dan yuan');
  });
  it('lists common characters before rare ones', () => {
    const rank = (c: string) => lexicon.charRank.indexOf(c);
    expect(rank('的')).toBeLessThan(100);
    expect(rank('张')).toBeLessThan(rank('樟'));
    expect(rank('王')).toBeLessThan(rank('汪'));
  });
});
