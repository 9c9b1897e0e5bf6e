import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkForeignResidenceNumber, checkIdNumber, compactDateToIso, computeCheckChar } from './idNumber';
import { isKnownRegion, lookupRegion } from './regions';

const today = '2026-01-01';

describe('GB 11643 check character', () => {
  it('matches the standard and the published examples', () => {
    expect(computeCheckChar('11010519491231002')).toBe('X');
    expect(computeCheckChar('44052418800101001')).toBe('4');
    expect(computeCheckChar('34052419800101001')).toBe('X');
    expect(computeCheckChar('81000019000101001')).toBe('8');
    expect(computeCheckChar('1234')).toBeNull();
  });

  it('accepts the worked examples with their card data', () => {
    expect(checkIdNumber('11010519491231002X', { birthDate: '1949-12-31', sex: 'female', today })).toEqual({ valid: true, problems: [] });
    expect(checkIdNumber('34052419800101001X', { birthDate: '1980-01-01', sex: 'male', today }).valid).toBe(true);
    expect(checkIdNumber('440524188001010014', { today }).valid).toBe(true);
    expect(checkIdNumber('810000190001010018', { birthDate: '1900-01-01', sex: 'male', today }).valid).toBe(true);
  });

  it('reports each broken rule', () => {
    expect(checkIdNumber('110105194912310021', { today }).problems).toEqual(['checkDigit']);
    expect(checkIdNumber('11010519491231002x', { today }).problems).toEqual(['format']);
    expect(checkIdNumber('1101051949123100', { today }).problems).toEqual(['format']);
    expect(checkIdNumber('11010519491231002X', { birthDate: '1949-12-30', today }).problems).toEqual(['birthDateMismatch']);
    expect(checkIdNumber('11010519491231002X', { sex: 'male', today }).problems).toEqual(['sexMismatch']);
    expect(checkIdNumber('11010519491231002X', { sex: 'unknown', today }).valid).toBe(true);
    const feb30 = '11010519490230001';
    expect(checkIdNumber(feb30 + computeCheckChar(feb30)!, { today }).problems).toEqual(['birthDate']);
    const future = '11010520300101001';
    expect(checkIdNumber(future + computeCheckChar(future)!, { today }).problems).toEqual(['birthDate']);
    const badRegion = '99010519491231002';
    expect(checkIdNumber(badRegion + computeCheckChar(badRegion)!, { today }).problems).toEqual(['region']);
    const badHubei = '42990019800101001';
    expect(checkIdNumber(badHubei + computeCheckChar(badHubei)!, { today }).problems).toEqual(['region']);
  });

  it('detects every single-digit change and every swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^42010[2-7](19[5-9]\d)(0[1-9])(1[0-9])\d{3}$/), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const good = body + computeCheckChar(body)!;
        expect(checkIdNumber(good, { today }).valid).toBe(true);
        const changed = body.slice(0, pos) + String((Number(body[pos]) + delta) % 10) + body.slice(pos + 1);
        expect(computeCheckChar(changed)).not.toBe(good[17]);
        if (pos < 16 && body[pos] !== body[pos + 1]) {
          const swapped = body.slice(0, pos) + body[pos + 1] + body[pos] + body.slice(pos + 2);
          expect(computeCheckChar(swapped)).not.toBe(good[17]);
        }
      }),
    );
  });
});

describe('dates and regions', () => {
  it('converts only real calendar dates', () => {
    expect(compactDateToIso('20000229')).toBe('2000-02-29');
    expect(compactDateToIso('19000229')).toBeNull();
    expect(compactDateToIso('20201301')).toBeNull();
    expect(compactDateToIso('2020011')).toBeNull();
  });

  it('knows provinces, Hubei prefectures and counties', () => {
    expect(lookupRegion('420102')).toEqual({ province: '湖北省', prefecture: '武汉市', county: '江岸区' });
    expect(lookupRegion('429004')?.county).toBe('仙桃市');
    expect(lookupRegion('420121')).toEqual({ province: '湖北省', prefecture: '武汉市' }); // former 汉阳县: still valid
    expect(lookupRegion('422101')?.prefecture).toBe('黄冈地区（旧）');
    expect(isKnownRegion('110105')).toBe(true);
    expect(isKnownRegion('830000')).toBe(true);
    expect(isKnownRegion('420400')).toBe(false); // no prefecture 4204 in Hubei
    expect(isKnownRegion('000000')).toBe(false);
    expect(isKnownRegion('42010')).toBe(false);
  });
});

describe('foreign permanent residence numbers', () => {
  it('checks only the shape', () => {
    expect(checkForeignResidenceNumber('XXX000000000000', '2017').valid).toBe(true);
    expect(checkForeignResidenceNumber('XX0000000000000', '2017').valid).toBe(false);
    expect(checkForeignResidenceNumber('911156198501010012', '2023').valid).toBe(true);
    expect(checkForeignResidenceNumber('91115619850101001', '2023').valid).toBe(false);
  });
});
