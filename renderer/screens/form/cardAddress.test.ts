import { describe, expect, it } from 'vitest';
import { addressFromCardText } from './cardAddress';

describe('addressFromCardText', () => {
  it('picks province, city and district and keeps the rest as the street line', () => {
    expect(addressFromCardText('湖北省黄石市黄石港区花湖大道12号')).toEqual({
      provinceCode: '420000', cityCode: '420200', districtCode: '420202', detail: '花湖大道12号', postalCode: '435000',
    });
  });
  it('handles county-level cities without districts and missing suffixes', () => {
    expect(addressFromCardText('湖北省仙桃市干河街道1号')).toMatchObject({ cityCode: '429004', districtCode: null, detail: '干河街道1号', postalCode: '433000' });
    expect(addressFromCardText('湖北武汉市江岸区黄浦大街5号')).toMatchObject({ provinceCode: '420000', districtCode: '420102', detail: '黄浦大街5号' });
  });
  it('stops at the deepest level the table lists', () => {
    expect(addressFromCardText('河南省郑州市金水区文化路1号')).toEqual({ provinceCode: '410000', cityCode: null, districtCode: null, detail: '郑州市金水区文化路1号' });
  });
  it('gives nothing for an address without a known province', () => {
    expect(addressFromCardText('')).toBeUndefined();
    expect(addressFromCardText('某地某路1号')).toBeUndefined();
  });
});
