import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../src/domain/catalogData';
import { createCatalogSearch } from '../../../src/domain/catalogSearch';
import { composedQuery } from './composedQuery';

describe('composedQuery', () => {
  it('is the chosen text or the letters when only one is there', () => {
    expect(composedQuery('社保卡', '')).toBe('社保卡');
    expect(composedQuery('', "s'b'k")).toBe('sbk');
    expect(composedQuery('', '')).toBe('');
  });
  it('spells the chosen text in pinyin when letters follow, so the search still matches', () => {
    expect(composedQuery('社保', 'ka')).toBe('shebaoka');
    const search = createCatalogSearch(bundledCatalog());
    const ids = (q: string) => search.search(q).map((h) => h.item.id);
    expect(ids(composedQuery('异地', 'jiuyi'))).toEqual(ids('异地就医'));
    expect(ids(composedQuery('', 'sbk'))).toContain('WHMA-SB-01');
  });
});
