import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRating, fromInterfaceSatisfaction, isLowRating, kioskChannelCode, ratingLevels, ratingSchema, toGbt39046Code,
  toInterfaceSatisfaction, toNationalExport, type NewRating,
} from './rating';

const base: NewRating = {
  id: '0190f3a2-7b4c-7d00-8000-000000000001',
  applicationId: '0190f3a2-7b4c-7d00-8000-000000000002',
  receiptNo: 'HB2024000001',
  serviceId: 'WHMA-YB-01',
  level: 'satisfied',
  ratedAt: '2025-03-01T21:15:00+08:00',
  division: '421102',
};

describe('rating levels', () => {
  it('map to both national numberings, which run in opposite directions', () => {
    expect(ratingLevels.map(toInterfaceSatisfaction)).toEqual([5, 4, 3, 2, 1]);
    expect(ratingLevels.map(toGbt39046Code)).toEqual([1, 2, 3, 4, 5]);
    for (const level of ratingLevels) expect(toInterfaceSatisfaction(level) + toGbt39046Code(level)).toBe(6);
  });

  it('read back from the interface numbering, and nothing else', () => {
    for (const level of ratingLevels) expect(fromInterfaceSatisfaction(toInterfaceSatisfaction(level))).toBe(level);
    fc.assert(
      fc.property(fc.double(), (n) => {
        const level = fromInterfaceSatisfaction(n);
        return level === undefined ? !(Number.isInteger(n) && n >= 1 && n <= 5) : toInterfaceSatisfaction(level) === n;
      }),
    );
  });

  it('call only 不满意 and 非常不满意 low', () => {
    expect(ratingLevels.filter(isLowRating)).toEqual(['dissatisfied', 'veryDissatisfied']);
  });
});

describe('createRating', () => {
  it('defaults to the kiosk channel (5) and the first assessment', () => {
    const rating = createRating(base);
    expect(rating.channel).toBe(kioskChannelCode);
    expect(rating.channel).toBe(5);
    expect(rating.assessNumber).toBe(1);
    expect(rating.level).toBe('satisfied');
  });

  it('keeps reasons for a low level, de-duplicated, and drops them for any other', () => {
    expect(createRating({ ...base, level: 'veryDissatisfied', reasons: ['slow', 'slow', 'deviceFault'] }).reasons).toEqual(['slow', 'deviceFault']);
    expect(createRating({ ...base, level: 'satisfied', reasons: ['slow'] }).reasons).toEqual([]);
  });

  it('allows a rating with no application (a printed guide), but not half of one', () => {
    expect(createRating({ ...base, applicationId: null, receiptNo: null }).applicationId).toBeNull();
    expect(() => createRating({ ...base, receiptNo: null })).toThrow();
  });

  it('rejects stored reasons on a good level and over-long comments', () => {
    const stored = { ...createRating(base), reasons: ['slow'] };
    expect(ratingSchema.safeParse(stored).success).toBe(false);
    expect(() => createRating({ ...base, comment: 'x'.repeat(201) })).toThrow();
  });

  it('masks ID and phone numbers typed into a comment, and keeps short numbers', () => {
    const comment = (text: string) => createRating({ ...base, level: 'dissatisfied', reasons: ['other'], comment: text }).comment;
    expect(comment(' 我的电话13912345678，身份证42010219900615002X，等了3天 ')).toBe('我的电话***********，身份证******************，等了3天');
    expect(comment('第2号窗口 12345 热线')).toBe('第2号窗口 12345 热线');
  });
});

describe('toNationalExport', () => {
  it('converts the named level to numbers only here', () => {
    const exported = toNationalExport(createRating({ ...base, level: 'dissatisfied', reasons: ['hardToUse'], comment: ' 字太小 ' }));
    expect(exported).toEqual({
      projectNo: 'HB2024000001',
      pf: '5',
      satisfaction: '2',
      satisfactionCode: '4',
      satisfactionName: '不满意',
      kioskReasons: ['hardToUse'],
      writingEvaluation: '字太小',
      assessNumber: '1',
      assessTime: '2025-03-01T21:15:00+08:00',
      areaCode: '421102',
    });
  });
});
