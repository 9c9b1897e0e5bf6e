import { describe, expect, it } from 'vitest';
import { labelColumnWidth, layoutRow, wrapParagraphs, wrapText } from './layout';
import { textColumns } from './text';

describe('wrapText', () => {
  it('wraps hanzi at 16 per 32-column line', () => {
    expect(wrapText('中'.repeat(40), 32)).toEqual(['中'.repeat(16), '中'.repeat(16), '中'.repeat(8)]);
  });

  it('never splits a hanzi over the edge (one column left stays empty)', () => {
    expect(wrapText('a' + '中'.repeat(16), 32)).toEqual(['a' + '中'.repeat(15), '中']);
  });

  it('keeps ASCII words whole when they fit on a line', () => {
    expect(wrapText('回执编号 WH20261122-0001 请保管', 16)).toEqual(['回执编号', 'WH20261122-0001', '请保管']);
  });

  it('does not start a line with closing punctuation', () => {
    const lines = wrapText('一二三四五六七八九十一二三四五六，七', 32);
    expect(lines).toEqual(['一二三四五六七八九十一二三四五', '六，七']);
  });

  it('splits words longer than a line', () => {
    expect(wrapText('a'.repeat(40), 32)).toEqual(['a'.repeat(32), 'a'.repeat(8)]);
  });

  it('honours hard breaks', () => {
    expect(wrapParagraphs('一\n\n二', 32)).toEqual(['一', '', '二']);
  });
});

describe('label/value rows', () => {
  it('lines values up after the widest label, at most half the line', () => {
    expect(labelColumnWidth(['姓名：', '证件号码：'], 48)).toBe(10);
    expect(labelColumnWidth(['很长很长很长很长很长的标签：'], 32)).toBe(16);
  });

  it('wraps a long value under itself, never under the label', () => {
    const lines = layoutRow({ label: '办理部门：', value: '武汉市江岸区人力资源和社会保障局', valueAlign: 'left' }, 10, 32);
    expect(lines).toEqual(['办理部门：武汉市江岸区人力资源和', '          社会保障局']);
    for (const line of lines) expect(textColumns(line)).toBeLessThanOrEqual(32);
  });

  it('right-aligns values that ask for it', () => {
    expect(layoutRow({ label: '金额：', value: '￥12.00', valueAlign: 'right' }, 6, 20)).toEqual(['金额：       ￥12.00']);
  });
});
