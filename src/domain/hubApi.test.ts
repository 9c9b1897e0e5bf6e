import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64Schema } from './hubApi';

describe('base64Schema', () => {
  it('accepts standard base64 with its padding at the end', () => {
    for (const bytes of [0, 1, 2, 3, 700]) expect(base64Schema.safeParse(randomBytes(bytes).toString('base64')).success).toBe(true);
  });

  it('refuses other alphabets, padding inside the text and too much padding', () => {
    for (const text of ['QQ-_', 'QQ=A', '=QQQ', 'QQ===', 'Q Q=', 'QQ\n==', 'QUJD\u0000']) expect(base64Schema.safeParse(text).success, text).toBe(false);
  });
});
