import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormField } from './catalog';
import {
  checkAddress, checkField, checkForm, checkPhone, checkPostalCode, formatAddress, maxAddressLength, normalizePhone,
  suggestPostalCode, type MailingAddress,
} from './validation';

const context = { today: '2025-03-01' };
const label = { 'zh-CN': '字段', 'zh-TW': '字段', en: 'Field' };
const field = (extra: Partial<FormField> & Pick<FormField, 'kind'>): FormField => ({ id: 'f', label, required: true, ...extra });
const address = (extra: Partial<MailingAddress> = {}): MailingAddress => ({
  provinceCode: '420000', cityCode: '421100', districtCode: '421102', detail: '东门路88号3栋201室', ...extra,
});

describe('phone', () => {
  it('accepts an 11-digit mobile number, with separators and a +86 / 0086 prefix removed', () => {
    expect(checkPhone('13800138000')).toEqual({ ok: true, value: '13800138000' });
    expect(checkPhone('+86 138-0013-8000')).toEqual({ ok: true, value: '13800138000' });
    expect(checkPhone('0086 19912345678')).toEqual({ ok: true, value: '19912345678' });
    expect(normalizePhone(' (138) 0013 8000 ')).toBe('13800138000');
  });

  it('says what is wrong, as message keys', () => {
    expect(checkPhone('')).toEqual({ ok: false, error: { key: 'validation.required' } });
    expect(checkPhone('1380013800')).toEqual({ ok: false, error: { key: 'validation.phone.length', params: { length: 10 } } });
    expect(checkPhone('12800138000')).toEqual({ ok: false, error: { key: 'validation.phone.format' } });
    expect(checkPhone('1380013800a')).toEqual({ ok: false, error: { key: 'validation.phone.notDigits' } });
    expect(checkPhone('027-85551234').ok).toBe(false); // a landline cannot receive the progress text message
  });

  it('accepts exactly the numbers of the rule ^1[3-9]\\d{9}$, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (raw) => {
        const result = checkPhone(raw);
        return result.ok === /^1[3-9]\d{9}$/.test(normalizePhone(raw));
      }),
    );
    fc.assert(fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => checkPhone(phone).ok));
  });
});

describe('address', () => {
  it('accepts a complete 1+8 address and normalises spaces', () => {
    const result = checkAddress(address({ detail: '  东门路88号   3栋201室 ', postalCode: '438000' }));
    expect(result).toEqual({ ok: true, value: { ...address({ detail: '东门路88号 3栋201室' }), postalCode: '438000' } });
    expect(formatAddress(address())).toBe('湖北省黄冈市黄州区东门路88号3栋201室');
  });

  it('asks for each missing level where the table is complete', () => {
    expect(checkAddress(address({ provinceCode: '' }))).toMatchObject({ ok: false, error: { key: 'validation.address.province', part: 'province' } });
    expect(checkAddress(address({ cityCode: null }))).toMatchObject({ ok: false, error: { key: 'validation.address.city', part: 'city' } });
    expect(checkAddress(address({ districtCode: null }))).toMatchObject({ ok: false, error: { key: 'validation.address.district', part: 'district' } });
    expect(checkAddress(address({ detail: ' ' }))).toMatchObject({ ok: false, error: { key: 'validation.address.detailRequired', part: 'detail' } });
    expect(checkAddress(address({ detail: '1号' }))).toMatchObject({ ok: false, error: { key: 'validation.address.detailTooShort' } });
  });

  it('rejects codes that do not belong together', () => {
    expect(checkAddress(address({ districtCode: '420102' }))).toMatchObject({ ok: false, error: { key: 'validation.address.unknownDivision', part: 'district' } });
    expect(checkAddress(address({ cityCode: '430100' }))).toMatchObject({ ok: false, error: { part: 'city' } });
    expect(checkAddress(address({ provinceCode: '999999' }))).toMatchObject({ ok: false, error: { part: 'province' } });
  });

  it('needs no district for 仙桃/潜江/天门, and none where the table lists none', () => {
    expect(checkAddress(address({ cityCode: '429004', districtCode: null, detail: '仙桃大道1号' })).ok).toBe(true);
    const yichang = checkAddress(address({ cityCode: '420500', districtCode: null, detail: '西陵区东山大道1号' }));
    expect(yichang).toEqual({ ok: true, value: address({ cityCode: '420500', districtCode: null, detail: '西陵区东山大道1号' }) });
    const beijing = checkAddress({ provinceCode: '110000', cityCode: null, districtCode: null, detail: '东城区东长安街1号' });
    expect(beijing.ok && formatAddress(beijing.value)).toBe('北京市东城区东长安街1号');
  });

  it('limits the whole address to 100 characters and refuses emoji', () => {
    const tooLong = checkAddress(address({ detail: '路'.repeat(maxAddressLength) }));
    expect(tooLong).toMatchObject({ ok: false, error: { key: 'validation.address.tooLong', params: { max: 100 } } });
    expect(checkAddress(address({ detail: '东门路88号🏠' }))).toMatchObject({ ok: false, error: { key: 'validation.invalidCharacters' } });
  });

  it('checks postal codes and suggests them from the district', () => {
    expect(checkPostalCode('438000')).toEqual({ ok: true, value: '438000' });
    expect(checkPostalCode('43800').ok).toBe(false);
    expect(checkAddress(address({ postalCode: '4380' }))).toMatchObject({ ok: false, error: { part: 'postalCode' } });
    expect(suggestPostalCode('421102')).toBe('438000');
    expect(suggestPostalCode('429006')).toBe('431700');
    expect(suggestPostalCode(null)).toBeUndefined();
  });
});

describe('field kinds', () => {
  it('requires required fields and lets optional ones be empty', () => {
    expect(checkField(field({ kind: 'text' }), '  ', context)).toEqual({ ok: false, error: { key: 'validation.required' } });
    expect(checkField(field({ kind: 'text', required: false }), undefined, context)).toEqual({ ok: true, value: undefined });
    expect(checkField(field({ kind: 'choice', options: [] }), '', context)).toMatchObject({ ok: false, error: { key: 'validation.choiceRequired' } });
  });

  it('checks text length in characters, not bytes', () => {
    expect(checkField(field({ kind: 'text', maxLength: 3 }), '黄冈市', context)).toEqual({ ok: true, value: '黄冈市' });
    expect(checkField(field({ kind: 'text', maxLength: 3 }), '黄冈市区', context)).toMatchObject({ ok: false, error: { key: 'validation.tooLong', params: { max: 3, length: 4 } } });
  });

  it('checks choices against their options', () => {
    const choice = field({ kind: 'choice', options: [{ value: 'a', label }] });
    expect(checkField(choice, 'a', context).ok).toBe(true);
    expect(checkField(choice, 'b', context)).toMatchObject({ ok: false, error: { key: 'validation.choiceInvalid' } });
  });

  it('checks dates for reality and for the allowed side of today', () => {
    expect(checkField(field({ kind: 'date' }), '2025-02-30', context)).toMatchObject({ ok: false, error: { key: 'validation.date.invalid' } });
    expect(checkField(field({ kind: 'date', dateRange: 'past' }), '2025-03-02', context)).toMatchObject({ ok: false, error: { key: 'validation.date.mustBePast' } });
    expect(checkField(field({ kind: 'date', dateRange: 'future' }), '2025-02-28', context)).toMatchObject({ ok: false, error: { key: 'validation.date.mustBeFuture' } });
    expect(checkField(field({ kind: 'date', dateRange: 'future' }), '2025-03-01', context).ok).toBe(true);
  });

  it('checks typed ID numbers, upper-casing x, without rejecting an unknown region code', () => {
    expect(checkField(field({ kind: 'idNumber' }), '11010519491231002x', context)).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkField(field({ kind: 'idNumber' }), '420102199003071232', context)).toEqual({ ok: true, value: '420102199003071232' });
    expect(checkField(field({ kind: 'idNumber' }), '420102199003071233', context)).toMatchObject({ ok: false, error: { key: 'validation.idNumber.checksum' } });
    expect(checkField(field({ kind: 'idNumber' }), '42010219900307123', context)).toMatchObject({ ok: false, error: { key: 'validation.idNumber.length' } });
    expect(checkField(field({ kind: 'idNumber' }), '4201021990030712A3', context)).toMatchObject({ ok: false, error: { key: 'validation.idNumber.format' } });
  });

  it('checks numbers as digit strings with length and value bounds', () => {
    const card = field({ kind: 'number', minLength: 16, maxLength: 19 });
    expect(checkField(card, '6222 0000 0000 0000', context)).toEqual({ ok: true, value: '6222000000000000' });
    expect(checkField(card, '622200', context)).toMatchObject({ ok: false, error: { key: 'validation.tooShort', params: { min: 16 } } });
    expect(checkField(field({ kind: 'number', min: 2019, max: 2100 }), '2018', context)).toMatchObject({ ok: false, error: { key: 'validation.number.min' } });
    expect(checkField(field({ kind: 'number' }), '12.5', context)).toMatchObject({ ok: false, error: { key: 'validation.number.notNumber' } });
  });
});

describe('checkForm', () => {
  const fields: FormField[] = [
    field({ id: 'phone', kind: 'phone' }),
    field({ id: 'delivery', kind: 'choice', options: [{ value: 'window', label }, { value: 'post', label }] }),
    field({ id: 'mailingAddress', kind: 'address', visibleWhen: { field: 'delivery', equals: 'post' } }),
  ];

  it('checks a conditional field only while it is shown', () => {
    expect(checkForm(fields, { phone: '13800138000', delivery: 'window' }, context)).toEqual({
      ok: true, errors: {}, summary: null, values: { phone: '13800138000', delivery: 'window' },
    });
    const shown = checkForm(fields, { phone: '138', delivery: 'post' }, context);
    expect(shown.ok).toBe(false);
    expect(Object.keys(shown.errors)).toEqual(['phone', 'mailingAddress']);
    expect(shown.summary).toEqual({ key: 'validation.form.hasErrors', params: { count: 2 } });
  });

  it('never changes the values it is given', () => {
    const values = { phone: ' +86 138 0013 8000 ', delivery: 'post', mailingAddress: address({ detail: '  东门路88号  ' }) };
    const copy = structuredClone(values);
    const result = checkForm(fields, values, context);
    expect(values).toEqual(copy);
    expect(result.values.phone).toBe('13800138000');
  });
});
