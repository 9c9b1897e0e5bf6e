import { describe, expect, it } from 'vitest';
import { createLogger, redact, redactText } from './log';

describe('log redaction', () => {
  it('masks ID numbers and mobile numbers in free text', () => {
    expect(redactText('card 42020419500307001X read, phone 13912345678')).toBe('card [id] read, phone [phone]');
    expect(redactText('old card 420204500307001')).toBe('old card [id]');
  });

  it('drops personal fields at any depth and keeps the rest', () => {
    expect(redact({ state: 'ready', card: { name: '张三', idNumber: '420204195003070017', cardType: 'resident' }, list: [{ phone: '1' }] })).toEqual({
      state: 'ready',
      card: { name: '[redacted]', idNumber: '[redacted]', cardType: 'resident' },
      list: [{ phone: '[redacted]' }],
    });
  });

  it('never writes a personal value, whatever the caller passes', () => {
    const lines: string[] = [];
    const log = createLogger('test', { write: (l) => lines.push(l) });
    log.info('read card of 张三 420204195003070017', { name: '张三', error: new Error('bad 420204195003070017') });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('420204195003070017');
    expect(lines[0]).not.toMatch(/"name":"张三"/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', scope: 'test' });
  });

  it('respects the level', () => {
    const lines: string[] = [];
    createLogger('t', { level: 'warn', write: (l) => lines.push(l) }).info('hidden');
    expect(lines).toEqual([]);
  });
});
