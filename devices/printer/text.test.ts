import { describe, expect, it } from 'vitest';
import { charColumns, encodeGb18030, sanitize, textColumns } from './text';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?=.)/g, '$1 ').toUpperCase();

describe('GB18030 bytes (spec §2.3 vectors)', () => {
  it.each([
    ['中文：张三', 'D6 D0 CE C4 A3 BA D5 C5 C8 FD'],
    ['办事回执', 'B0 EC CA C2 BB D8 D6 B4'],
    ['镕', 'E9 46'],
    ['堃', '88 D2'],
    ['䶮', 'FE 9F'],
    ['𠮷', '95 34 B2 35'],
    ['€', 'A2 E3'],
    ['¥', '81 30 84 36'],
    ['￥', 'A3 A4'],
    ['元', 'D4 AA'],
    ['·', 'A1 A4'],
    ['—', 'A1 AA'],
    ['①', 'A2 D9'],
  ])('%s → %s', (text, bytes) => expect(hex(encodeGb18030(text))).toBe(bytes));
});

describe('what the printer can print', () => {
  it('keeps everything the full GB18030 repertoire has', () => {
    expect(sanitize('䶮𠮷¥张三', 'gb18030')).toEqual({ text: '䶮𠮷¥张三', replaced: [] });
  });

  it('replaces 4-byte characters visibly on a 2-byte font, and reports the code point only', () => {
    const result = sanitize('张𠮷¥', 'gb18030-2b');
    expect(result.text).toBe('张□□');
    expect(result.replaced).toEqual([
      { codePoint: 'U+20BB7', reason: 'repertoire' },
      { codePoint: 'U+00A5', reason: 'repertoire' },
    ]);
  });

  it('replaces 䶮 on a GBK-only font but keeps it on a 2-byte GB18030 font', () => {
    expect(sanitize('王䶮', 'gbk').text).toBe('王□');
    expect(sanitize('王䶮', 'gb18030-2b').text).toBe('王䶮');
  });

  it('never lets control bytes through (they would be printer commands)', () => {
    const result = sanitize('A\x1b@B\x10\x04\x01C\u200bD', 'gb18030');
    expect(result.text).toBe('A?@B???C?D');
    expect(result.replaced.map((r) => r.codePoint)).toEqual(['U+001B', 'U+0010', 'U+0004', 'U+0001', 'U+200B']);
    expect([...encodeGb18030(result.text)].every((b) => b >= 0x20)).toBe(true);
  });

  it('turns lone surrogates and private-use code points into visible marks', () => {
    expect(sanitize('a\ud800b', 'gb18030').text).toBe('a?b');
    expect(sanitize('\ue000', 'gb18030')).toEqual({ text: '□', replaced: [{ codePoint: 'U+E000', reason: 'private' }] });
  });

  it('composes before checking (e + combining acute is é) and keeps newlines only when asked', () => {
    expect(sanitize('e\u0301', 'gb18030').text).toBe('é');
    expect(sanitize('a\nb\tc', 'gb18030').text).toBe('a b c');
    expect(sanitize('a\r\nb', 'gb18030', true).text).toBe('a\nb');
  });
});

describe('columns', () => {
  it('counts ASCII as 1 and everything else as 2, including · — é ￥', () => {
    expect(charColumns('a')).toBe(1);
    expect(textColumns('张三 A1')).toBe(7);
    expect(textColumns('·—é￥')).toBe(8);
  });
});
