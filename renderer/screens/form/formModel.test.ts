import { describe, expect, it } from 'vitest';
import type { IdentityCard } from '../../../src/domain/card';
import type { FormField } from '../../../src/domain/catalog';
import { dateDigits, formatDateDigits, isLockedToCard, keyboardFor, lockedDisplay, nextDays } from './formModel';

const label = { 'zh-CN': '字段', 'zh-TW': '字段', en: 'Field' };
const field = (over: Partial<FormField>): FormField => ({ id: 'f', kind: 'text', label, required: true, ...over });
const card: IdentityCard = {
  cardType: 'resident', name: '张小三', sex: 'male', nation: '01', nationName: '汉', birthDate: '1990-03-07', address: '湖北省武汉市江岸区',
  idNumber: '420102199003071232', issuer: '', validFrom: '2020-01-01', validTo: null, idNumberValid: true, photoBytes: 0,
};

describe('form model', () => {
  it('gives each kind its keyboard', () => {
    expect(keyboardFor(field({ kind: 'phone' }))).toMatchObject({ mode: 'numeric', maxLength: 11, numericX: false });
    expect(keyboardFor(field({ kind: 'idNumber' }))).toMatchObject({ mode: 'numeric', maxLength: 18, numericX: true });
    expect(keyboardFor(field({ kind: 'text', maxLength: 20 }))).toMatchObject({ mode: 'pinyin', maxLength: 20, allowModes: ['pinyin', 'latin', 'numeric'] });
    expect(keyboardFor(field({ kind: 'address' }), 'postalCode')).toMatchObject({ mode: 'numeric', maxLength: 6 });
    expect(keyboardFor(field({ kind: 'address' }), 'detail')).toMatchObject({ mode: 'pinyin' });
  });
  it('locks card fields only when a card was read and the field is not a suggestion', () => {
    expect(isLockedToCard(field({ prefillFrom: 'name' }), card)).toBe(true);
    expect(isLockedToCard(field({ prefillFrom: 'name' }), null)).toBe(false);
    expect(isLockedToCard(field({ prefillFrom: 'address', prefillMode: 'suggest' }), card)).toBe(false);
    expect(isLockedToCard(field({}), card)).toBe(false);
  });
  it('shows the own name in full and the ID number masked', () => {
    expect(lockedDisplay(field({ prefillFrom: 'name' }), '张小三', card)).toBe('张小三');
    expect(lockedDisplay(field({ kind: 'idNumber', prefillFrom: 'idNumber' }), card.idNumber, card)).toBe('4201**********1232');
    expect(lockedDisplay(field({ kind: 'idNumber', prefillFrom: 'idNumber' }), undefined, card)).toBe('4201**********1232');
  });
  it('formats typed date digits as they grow', () => {
    expect(formatDateDigits('1990')).toBe('1990');
    expect(formatDateDigits('19900')).toBe('1990-0');
    expect(formatDateDigits('19900307')).toBe('1990-03-07');
    expect(formatDateDigits('199003071')).toBe('1990-03-07');
    expect(dateDigits('1990-03-07')).toBe('19900307');
  });
  it('lists the next days across a month end', () => {
    expect(nextDays('2024-02-28', 3)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(nextDays('bad', 3)).toEqual([]);
  });
});
