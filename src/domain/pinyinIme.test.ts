// The pinyin IME against the bundled lexicon: the words a resident types at the kiosk, segmentation, paging,
// what a candidate consumes, and robustness on any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledImeLexicon, type ImeLexicon } from './imeLexicon';
import { createIme, maxImeBufferLength, maxImeCandidates } from './pinyinIme';

const ime = createIme(bundledImeLexicon());
const texts = (buffer: string, limit = 8) => ime.candidates(buffer, { limit }).map((c) => c.text);

describe('candidates: words and phrases, not only characters', () => {
  it.each([
    ['hubeisheng', '湖北省'],
    ['wuhan', '武汉'],
    ['jiedao', '街道'],
    ['hbs', '湖北省'],
    ['xianning', '咸宁'],
    ["xian'ning", '咸宁'],
    ['shebaoka', '社保卡'],
    ['sbk', '社保卡'],
    ['yidijiuyi', '异地就医'],
    ['huangshi', '黄石'],
    ['qiaokouqu', '硚口区'],
    ['danyuan', '单元'],
  ])('%s → %s first', (buffer, first) => {
    expect(texts(buffer)[0]).toBe(first);
  });

  it('offers the common characters of a syllable, surnames first where they are common', () => {
    const zhang = texts('zhang');
    expect(zhang[0]).toBe('张');
    expect(zhang).toEqual(expect.arrayContaining(['章', '长']));
    expect(texts('wang')[0]).toBe('王');
    expect(texts('zeng')).toContain('曾'); // surname reading of a character usually read ceng
  });

  it('offers common characters of longer syllables before rare ones of the typed syllable ("ka": 开 before 喀)', () => {
    const ka = texts('ka', 20);
    expect(ka[0]).toBe('卡');
    expect(ka.indexOf('开')).toBeLessThan(ka.indexOf('喀'));
    expect(texts('e')[0]).toBe('鄂'); // Hubei's short name, on every local licence plate
  });

  it('types ü as v', () => {
    expect(texts('lv')).toContain('绿');
    expect(texts('nv')[0]).toBe('女');
    expect(texts('LÜ')).toContain('绿');
  });

  it('composes a phrase for a buffer no single word spells, from the fewest words', () => {
    const [first] = ime.candidates('hubeishengwuhanshi', { limit: 1 });
    expect(first).toEqual({ text: '湖北省武汉市', consumed: 'hubeishengwuhanshi'.length });
    expect(texts('zhangsan')[0]).toBe('张三');
  });

  it('after the whole-buffer matches, offers beginnings of the buffer, longest first', () => {
    const list = ime.candidates('hubeisheng', { limit: 20 });
    expect(list[0]).toEqual({ text: '湖北省', consumed: 10 });
    const hubei = list.findIndex((c) => c.text === '湖北');
    const hu = list.findIndex((c) => c.text === '湖');
    expect(list[hubei]?.consumed).toBe(5);
    expect(list[hu]?.consumed).toBe(2);
    expect(hubei).toBeLessThan(hu);
  });

  it('prefers beginnings on the best reading of the buffer: 先 and 西安 for xianning before 下', () => {
    const list = ime.candidates('xianning', { limit: 300 });
    const at = (text: string) => list.findIndex((c) => c.text === text);
    expect(at('先')).toBeGreaterThan(0);
    expect(at('西安')).toBeGreaterThan(0);
    expect(list[at('西安')]?.consumed).toBe(4);
    expect(at('下')).toBeGreaterThan(at('西')); // xia|n|ning is a worse reading than xi|an|ning
  });

  it('gives nothing for letters that start no syllable, and for empty input', () => {
    expect(texts('')).toEqual([]);
    expect(texts("'")).toEqual([]);
    expect(texts('iii')).toEqual([]);
    expect(texts('123')).toEqual([]);
  });
});

describe('segment', () => {
  it('reads a run-together buffer greedily first, with alternatives', () => {
    const readings = ime.segment('xianning');
    expect(readings[0]).toEqual(['xian', 'ning']);
    expect(readings).toContainEqual(['xi', 'an', 'ning']);
  });
  it('respects apostrophes as boundaries', () => {
    expect(ime.segment("xi'an")[0]).toEqual(['xi', 'an']);
    expect(ime.segment("xian'ning")[0]).toEqual(['xian', 'ning']);
    // fangan is fang|an or fan|gan; fang'an only the first (no syllable across the apostrophe at position 4).
    const breaks = (reading: string[]) => reading.map((_, i) => reading.slice(0, i + 1).join('').length);
    expect(ime.segment('fangan')).toContainEqual(['fan', 'gan']);
    expect(ime.segment("fang'an").every((r) => breaks(r).includes(4))).toBe(true);
  });
  it('reads initials and an unfinished last syllable', () => {
    expect(ime.segment('hbs')[0]).toEqual(['h', 'b', 's']);
    expect(ime.segment('zhangs')[0]).toEqual(['zhang', 's']);
  });
  it('does not read "zhang" as the abbreviations z|h followed by a vowel-initial syllable', () => {
    expect(ime.segment('zhang')).not.toContainEqual(['z', 'h', 'ang']);
  });
});

describe('paging', () => {
  it('pages through one ranked list without overlap', () => {
    const all = ime.candidates('shi', { limit: 30 });
    const pages = [0, 1, 2].flatMap((page) => ime.candidates('shi', { limit: 10, offset: page * 10 }));
    expect(pages).toEqual(all);
    expect(new Set(all.map((c) => c.text)).size).toBe(all.length);
  });
  it('returns [] past the end and caps the list', () => {
    expect(ime.candidates('nv', { limit: 10, offset: 1000 })).toEqual([]);
    expect(ime.candidates('z', { limit: 10_000 }).length).toBe(maxImeCandidates);
  });
  it('defaults to a page of 8', () => {
    expect(ime.candidates('shi')).toHaveLength(8);
  });
});

describe('consumed', () => {
  it('tapping candidates one after another turns the whole buffer into text', () => {
    let buffer = "hubeisheng'xianning";
    let out = '';
    while (buffer !== '') {
      const top = ime.candidates(buffer, { limit: 1 })[0];
      if (!top) throw new Error(`no candidate for ${buffer}`);
      out += top.text;
      buffer = buffer.slice(top.consumed);
    }
    expect(out).toBe('湖北省咸宁');
  });
  it('choosing a beginning leaves the rest of the buffer', () => {
    const hu = ime.candidates('hubeisheng', { limit: 50 }).find((c) => c.text === '湖');
    expect('hubeisheng'.slice(hu?.consumed)).toBe('beisheng');
    const xian = ime.candidates("xian'ning", { limit: 50 }).find((c) => c.text === '先');
    expect("xian'ning".slice(xian?.consumed)).toBe('ning'); // the apostrophe goes with the chosen part
  });
});

describe('robustness', () => {
  const pinyinish = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz\'zhngaiou'.split('')), maxLength: 30 });
  it('never throws, and every candidate consumes a non-empty prefix of the buffer', () => {
    fc.assert(
      fc.property(fc.oneof(pinyinish, fc.string({ maxLength: 50 })), fc.nat(40), fc.nat(20), (buffer, offset, limit) => {
        const list = ime.candidates(buffer, { offset, limit });
        expect(list.length).toBeLessThanOrEqual(limit);
        for (const c of list) {
          expect(c.consumed).toBeGreaterThanOrEqual(1);
          expect(c.consumed).toBeLessThanOrEqual(Math.min(buffer.length, maxImeBufferLength));
          expect(c.text).toMatch(/^\p{Script=Han}+$/u);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('every reading of a pinyin buffer spells the buffer back', () => {
    fc.assert(
      fc.property(pinyinish, (buffer) => {
        for (const reading of ime.segment(buffer)) expect(reading.join('')).toBe(buffer.toLowerCase().replace(/'/g, ''));
      }),
      { numRuns: 300 },
    );
  });
  it('survives a lexicon it was not built for', () => {
    const odd: ImeLexicon = { version: 1, charRank: '一', chars: { yi: '一|', e: '' }, words: [['一一', 'yi yi', 5]] };
    const small = createIme(odd);
    expect(small.candidates('yiyi', { limit: 3 })).toEqual([{ text: '一一', consumed: 4 }, { text: '一', consumed: 2 }]);
    expect(small.candidates('q')).toEqual([]);
  });
});
