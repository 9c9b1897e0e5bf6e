import { describe, expect, it } from 'vitest';
import { maskAddressDetail, maskIdNumber, maskName, maskPhone } from './mask';

describe('masking for receipts and screens', () => {
  it.each([
    ['张小三', '张*三'],
    ['张三', '张*'],
    ['李', '*'],
    ['欧阳娜娜', '欧**娜'],
    ['买买提·艾力', '买****力'],
    ['JOHN SMITH', 'J*** ****H'],
    ['', ''],
  ])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it.each([
    ['420102199003071234', '4201**********1234'],
    ['11010519491231002X', '1101**********002X'],
    ['420102900307123', '420*********123'],
    ['E1234', 'E***4'],
  ])('ID number %s → %s', (id, masked) => expect(maskIdNumber(id)).toBe(masked));

  it('never shows more than the first and last four of an ID number', () => {
    const masked = maskIdNumber('420102199003071232');
    expect(masked).toHaveLength(18);
    expect(masked.slice(4, 14)).toBe('*'.repeat(10));
  });

  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['027-8888', '***8888'],
  ])('phone %s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it.each([
    ['东门路12号3栋401', '东门路********'],
    ['江汉路1号', '江汉***'],
    ['12号院', '****'],
    ['解放大道一号', '解放大***'],
    ['', ''],
  ])('address line %s → %s', (detail, masked) => expect(maskAddressDetail(detail)).toBe(masked));
});
