import { describe, expect, it } from 'vitest';
import {
  childrenOf, divisionPath, formatDivisionPath, getDivision, hasCompleteChildren, hubeiCode, isCountyLevelCity, isMetroCityCode,
  metroCities, metroCityCodes, provinces,
} from './divisions';

describe('division table', () => {
  it('has the nine 1+8 cities with the codes of domain.md §5', () => {
    const byName = Object.fromEntries(metroCities().map((c) => [c.name['zh-CN'], c.code]));
    expect(byName).toEqual({
      武汉市: '420100', 鄂州市: '420700', 黄石市: '420200', 黄冈市: '421100', 孝感市: '420900',
      咸宁市: '421200', 仙桃市: '429004', 天门市: '429006', 潜江市: '429005',
    });
    expect(metroCityCodes).toHaveLength(9);
    expect(isMetroCityCode('420300')).toBe(false);
  });

  it('lists every province-level unit once, with unique codes', () => {
    const all = provinces();
    expect(all).toHaveLength(34);
    expect(new Set(all.map((p) => p.code)).size).toBe(34);
    expect(all.every((p) => /^\d{2}0000$/.test(p.code) && p.parent === null)).toBe(true);
  });

  it('lists all 17 Hubei prefecture-level units, without the statistical 龙感湖 code', () => {
    expect(childrenOf(hubeiCode).map((c) => c.code)).toHaveLength(17);
    expect(getDivision('421171')).toBeUndefined();
  });

  it.each([
    ['420100', 13], ['420200', 6], ['420700', 3], ['420900', 7], ['421100', 10], ['421200', 6],
  ])('city %s has its %i county-level units, each with a postal code', (city, count) => {
    const districts = childrenOf(city);
    expect(districts).toHaveLength(count);
    expect(districts.every((d) => d.level === 'district' && d.parent === city && /^\d{6}$/.test(d.postalCode ?? ''))).toBe(true);
    expect(hasCompleteChildren(city)).toBe(true);
  });

  it('treats 仙桃/潜江/天门 as county-level cities under Hubei, with their postal codes', () => {
    for (const code of ['429004', '429005', '429006']) {
      expect(isCountyLevelCity(code)).toBe(true);
      expect(childrenOf(code)).toEqual([]);
      expect(getDivision(code)?.parent).toBe(hubeiCode);
    }
    expect(getDivision('429004')?.postalCode).toBe('433000');
    expect(isCountyLevelCity('420100')).toBe(false);
  });

  it('says where it is incomplete', () => {
    expect(hasCompleteChildren('420500')).toBe(false); // 宜昌: districts not listed
    expect(hasCompleteChildren('110000')).toBe(false);
    expect(childrenOf('110000')).toEqual([]);
  });

  it('builds paths and writes them per language', () => {
    expect(divisionPath('421102').map((d) => d.code)).toEqual(['420000', '421100', '421102']);
    expect(divisionPath('999999')).toEqual([]);
    expect(formatDivisionPath('421102', 'zh-CN')).toBe('湖北省黄冈市黄州区');
    expect(formatDivisionPath('421102', 'zh-TW')).toBe('湖北省黃岡市黃州區');
    expect(formatDivisionPath('421102', 'en')).toBe('Huangzhou District, Huanggang, Hubei');
    expect(formatDivisionPath('429004', 'zh-CN')).toBe('湖北省仙桃市');
  });
});
