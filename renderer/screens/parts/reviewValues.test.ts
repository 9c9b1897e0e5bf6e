// The review screen faces a public room: every personal value is masked, choices show their words.
import { describe, expect, it } from 'vitest';
import type { FormField } from '../../../src/domain/catalog';
import { displayValue, isShownFromCard } from './reviewValues';

const field = (f: Partial<FormField> & Pick<FormField, 'id' | 'kind'>): FormField => ({ label: { 'zh-CN': 'x', 'zh-TW': 'x', en: 'x' }, required: true, ...f });

describe('review values', () => {
  it('masks phone, ID number, names, card addresses and birth dates', () => {
    expect(displayValue(field({ id: 'phone', kind: 'phone' }), '13912345678', 'zh-CN')).toBe('139****5678');
    expect(displayValue(field({ id: 'spouseIdNumber', kind: 'idNumber' }), '420102199003071234', 'zh-CN')).toBe('4201**********1234');
    expect(displayValue(field({ id: 'spouseName', kind: 'text' }), '欧阳娜娜', 'zh-CN')).toBe('欧**娜');
    expect(displayValue(field({ id: 'registeredAddress', kind: 'text', prefillFrom: 'address', prefillMode: 'suggest' }), '黄石港区天津路12号', 'zh-CN')).toBe('黄石港区******');
    expect(displayValue(field({ id: 'birthDate', kind: 'date', prefillFrom: 'birthDate' }), '1955-03-07', 'zh-CN')).toBe('1955-**-**');
  });

  it('shows a mailing address with its division path and the street numbers hidden', () => {
    const address = { provinceCode: '420000', cityCode: '421100', districtCode: '421102', detail: '东门路12号3栋401', postalCode: '438000' };
    expect(displayValue(field({ id: 'mailingAddress', kind: 'address' }), address, 'zh-CN')).toBe('湖北省黄冈市黄州区东门路******** (438000)');
    expect(displayValue(field({ id: 'mailingAddress', kind: 'address' }), address, 'en')).toBe('东门路********, Huangzhou District, Huanggang, Hubei (438000)');
  });

  it('shows a choice by its label in the language, and skips empty optional answers', () => {
    const choice = field({ id: 'filingType', kind: 'choice', options: [{ value: 'temporary', label: { 'zh-CN': '临时外出就医', 'zh-TW': '臨時外出就醫', en: 'Temporary' } }] });
    expect(displayValue(choice, 'temporary', 'zh-TW')).toBe('臨時外出就醫');
    expect(displayValue(field({ id: 'note', kind: 'text', required: false }), '  ', 'zh-CN')).toBeNull();
    expect(displayValue(field({ id: 'note', kind: 'text', required: false }), undefined, 'zh-CN')).toBeNull();
  });

  it('lists card name and number once, from the card, unless the field is only a suggestion', () => {
    expect(isShownFromCard(field({ id: 'applicantName', kind: 'text', prefillFrom: 'name', prefillMode: 'locked' }))).toBe(true);
    expect(isShownFromCard(field({ id: 'applicantName', kind: 'text', prefillFrom: 'name' }))).toBe(true);
    expect(isShownFromCard(field({ id: 'recipient', kind: 'text', prefillFrom: 'name', prefillMode: 'suggest' }))).toBe(false);
  });
});
