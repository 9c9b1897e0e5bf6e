import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogSchema, departmentIds, type ServiceItem } from './catalog';
import bundled from './catalogData/catalog.json';
import { departmentsWithItems, itemsByCity, itemsByDepartment, itemsByLifeEvent, lifeEventsWithItems } from './catalogBrowse';
import { createCatalogSearch, maxQueryLength, type MatchRank } from './catalogSearch';

const catalog = catalogSchema.parse(bundled);
const { search } = createCatalogSearch(catalog);
const ids = (query: string) => search(query).map((h) => h.item.id);
const top = (query: string) => search(query)[0];

const item = (id: string, name: string, keywords: string[] = [], en = 'Service'): ServiceItem => ({
  ...catalog.items[0]!,
  id,
  name: { 'zh-CN': name, 'zh-TW': name, en },
  keywords,
});

describe('search', () => {
  it('finds by hanzi, Simplified or Traditional', () => {
    expect(top('异地就医')?.item.id).toBe('WHMA-YB-01');
    expect(top('異地就醫')?.item.id).toBe('WHMA-YB-01');
    expect(ids('护照')).toEqual(['WHMA-CRJ-01']);
  });

  it('finds by full pinyin, initials and mixed forms, ignoring case and spaces', () => {
    for (const query of ['yidijiuyi', 'YiDi JiuYi', 'ydjy', 'yidjy']) expect(top(query)?.item.id).toBe('WHMA-YB-01');
    expect(ids('sbk').slice(0, 3)).toEqual(['WHMA-SB-01', 'WHMA-SB-02', 'WHMA-SB-03']);
    expect(ids('gongjijin')).toContain('WHMA-GJJ-03');
  });

  it('finds by English words', () => {
    expect(top('passport')?.item.id).toBe('WHMA-CRJ-01');
    expect(top('Driving licence renewal')?.item.id).toBe('WHMA-JT-02');
  });

  it('ranks exact before prefix before contains, names before keywords, then shorter names', () => {
    const items = [item('A-01', '就医备案查询'), item('B-01', '异地就医备案'), item('C-01', '就医备案'), item('D-01', '医保', ['就医备案'])];
    const hits = createCatalogSearch(items).search('就医备案');
    expect(hits.map((h) => [h.item.id, h.rank, h.matchedOn])).toEqual([
      ['C-01', 'exact', 'name'],
      ['D-01', 'exact', 'keyword'],
      ['A-01', 'prefix', 'name'],
      ['B-01', 'contains', 'name'],
    ]);
  });

  it('matches pinyin inside a name only at a syllable start', () => {
    const items = [item('A-01', '保险'), item('B-01', '办案')];
    expect(createCatalogSearch(items).search('xian').map((h) => h.item.id)).toEqual(['A-01']);
    expect(createCatalogSearch(items).search('an').map((h) => [h.item.id, h.rank])).toEqual([['B-01', 'contains']]);
  });

  it('"yb" finds the 医保 items and nothing that only has 业保 or 验标 inside its name (two initials count at the start only)', () => {
    const items = [item('YB-01', '基本医疗保险参保人员异地就医备案', ['医保', '异地就医']), item('SY-01', '失业保险金申领'), item('JD-01', '机动车检验合格标志核发', ['年检验标'])];
    expect(createCatalogSearch(items).search('yb').map((h) => h.item.id)).toEqual(['YB-01']);
    expect(createCatalogSearch(items).search('ydjy').map((h) => h.item.id)).toEqual(['YB-01']);
    expect(createCatalogSearch(items).search('jyhg').map((h) => h.item.id)).toEqual(['JD-01']); // 检验合格: from three letters on, anywhere
  });

  it('filters by city and by what the kiosk can do, and limits', () => {
    expect(search('身份证', { kiosk: ['apply'] })).toEqual([]);
    expect(search('身份证', { kiosk: ['appointment'] }).length).toBe(2);
    expect(search('身份证', { city: '421100' }).length).toBe(2);
    expect(search('a', { limit: 3 })).toHaveLength(3);
  });

  it('gives nothing for an empty or meaningless query', () => {
    for (const query of ['', '   ', '？！', '---']) expect(search(query)).toEqual([]);
  });

  it('never throws and only returns catalogue items, once each, best rank first', () => {
    const rank: Record<MatchRank, number> = { exact: 0, prefix: 1, contains: 2 };
    const known = new Set(catalog.items);
    const hanzi = fc.constantFrom(...'社会保障卡异地就医备案公积金身份证护照驾驶证结婚登记黄冈武汉'.split(''));
    const query = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: hanzi, maxLength: 6 }), fc.stringMatching(/^[a-z ]{0,12}$/));
    fc.assert(
      fc.property(query, (q) => {
        const hits = search(q);
        expect(hits.every((h) => known.has(h.item))).toBe(true);
        expect(new Set(hits.map((h) => h.item.id)).size).toBe(hits.length);
        expect(hits.map((h) => rank[h.rank])).toEqual(hits.map((h) => rank[h.rank]).sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('cuts very long queries instead of working on them', () => {
    expect(() => search('就'.repeat(10 * maxQueryLength))).not.toThrow();
  });
});

describe('browse', () => {
  it('by city, department and life event', () => {
    expect(itemsByCity(catalog, '429006')).toHaveLength(41);
    expect(itemsByDepartment(catalog, 'medicalSecurity').map((i) => i.id)).toEqual(['WHMA-YB-01', 'WHMA-YB-02', 'WHMA-YB-03', 'WHMA-YB-04']);
    expect(itemsByLifeEvent(catalog, 'marriage', '420100').map((i) => i.id)).toContain('WHMA-MZ-01');
    expect(itemsByDepartment([item('X-01', '某事')], 'hrss', '420100')).toHaveLength(1);
  });

  it('lists the non-empty departments and life events with counts, in a fixed order', () => {
    const departments = departmentsWithItems(catalog);
    expect(departments.map((d) => d.id)).toEqual([...departmentIds]);
    expect(departments.reduce((n, d) => n + d.count, 0)).toBe(41);
    expect(lifeEventsWithItems(catalog).find((e) => e.id === 'medical')?.count).toBeGreaterThanOrEqual(4);
    expect(departmentsWithItems([item('X-01', '某事')])).toEqual([{ id: 'hrss', count: 1 }]);
  });
});
