import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personalValue } from '../../tests/support/personalData';
import type { PersonalValue } from '../../tests/support/personalData';
import { createLogger, isPersonalKey, redact, redactFreeText, redactText } from './log';

const capture = () => {
  const lines: string[] = [];
  return { lines, log: createLogger('test', { write: (l) => lines.push(l) }) };
};

describe('log redaction (ADR 0006)', () => {
  it('masks ID numbers of every card type, phones and non-Latin text in a message', () => {
    expect(redactText('card 42020419500307001X read, phone 139 1234 5678')).toBe('card …X read, phone …');
    expect(redactText('old foreigner card USA330075010010, permit H12345678')).toBe('old foreigner card USA…, permit H…');
    expect(redactText('read card of 张三丰 at 湖北省黄石市')).toBe('read card of … at …');
  });

  it('keeps ordinary log lines readable', () => {
    const { lines, log } = capture();
    log.info('printer state', { from: 'ready', to: 'paperOut' });
    log.warn('batch failed', { items: 3, code: 'network', detail: 'connect ECONNREFUSED 127.0.0.1:3000', ms: 1250, bytes: 262144 });
    log.info('reader connected', { path: '/dev/ttyUSB0', baud: 115200, services: ['hub', 'printer'], hasPort: true });
    log.info('kiosk enrolled', { kioskId: '420102-001-WRTM', siteCode: '420102-001', jobId: '0190a6f2-7c2d-7000-8000-123456789abc' });
    const [a, b, c, d] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(d).toMatchObject({ kioskId: '420102-001-WRTM', siteCode: '420102-001', jobId: '0190a6f2-7c2d-7000-8000-123456789abc' });
    expect(a).toMatchObject({ level: 'info', scope: 'test', msg: 'printer state', from: 'ready', to: 'paperOut' });
    expect(b).toMatchObject({ msg: 'batch failed', items: 3, code: 'network', detail: 'connect … 127.0.0.1:3000', ms: 1250, bytes: 262144 });
    expect(c).toMatchObject({ path: '/dev/ttyUSB0', baud: 115200, services: ['hub', 'printer'], hasPort: true });
  });

  it('redacts personal field names in any casing or compound, and any string under a key it does not know', () => {
    for (const key of ['name', 'fullName', 'idNo', 'idNumber', 'cardNo', 'certNo', 'passportNumber', 'mobilePhone', 'home_address', 'birthDate', 'applicantInfo', 'sfzh', 'xm'])
      expect(isPersonalKey(key), key).toBe(true);
    for (const key of ['state', 'jobId', 'cardType', 'code', 'durationMs', 'idNumberValid']) expect(isPersonalKey(key), key).toBe(false);
    expect(redact({ fullName: 'Zhang San', idNo: 1, cardNo: { x: 1 }, note: 'Zhang San', seq: 12345678901, small: 42, ok: true })).toEqual({
      fullName: '[redacted]',
      idNo: '[redacted]',
      cardNo: '[redacted]',
      note: '[redacted]',
      seq: '[redacted]',
      small: 42,
      ok: true,
    });
  });

  it('logs nothing deeper than 4 levels raw', () => {
    const deep = { a: { b: { c: { d: { e: { f: { reason: '42020419500307001X', count: 1 } } } } } } };
    expect(JSON.stringify(redact(deep))).not.toContain('4202041950');
    expect(JSON.stringify(redact(deep))).toContain('[deep]');
  });

  it('keeps an error’s name and code, and its message as free text', () => {
    const error = Object.assign(new Error('cannot open /dev/ttyS0: Permission denied for Zhang San 13912345678'), { code: 'EACCES' });
    expect(redact({ error })).toEqual({ error: { error: 'Error', message: 'cannot open /dev/ttyS0: … denied for … … …', code: 'EACCES' } });
    expect(redactFreeText('SMITH, JOHN signed')).toBe('…, … signed');
  });

  it('accepts only string literals as messages (a message built at run time is a type error)', () => {
    const { lines, log } = capture();
    // As a card gives it: typed `string`, known only at run time.
    const idNumber: string = ['42020419500307001X'][0]!;
    // @ts-expect-error a template with a value is not a fixed message
    log.info(`card ${idNumber} read`);
    // @ts-expect-error nor is a string variable
    log.warn(idNumber);
    log.info('card read'); // a literal is
    expect(lines.join('\n')).not.toContain('4202041950');
  });

  it('respects the level', () => {
    const lines: string[] = [];
    createLogger('t', { level: 'warn', write: (l) => lines.push(l) }).info('hidden');
    expect(lines).toEqual([]);
  });
});

// The property: whatever object a caller logs, with personal data at any depth, under any key, inside free
// text and error messages, none of it reaches the line.
describe('log redaction property', () => {
  const randomKey = fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/),
    fc.constantFrom('state', 'code', 'path', 'jobId', 'detail', 'message', 'reason', 'issues', 'text', 'error', 'items', 'ms'), // allowlisted
    fc.constantFrom('name', 'fullName', 'idNo', 'idNumber', 'cardNo', 'phone', 'address', 'card', 'applicant', 'form'), // personal
  );
  const filler = fc.array(fc.constantFrom('the', 'reader', 'sent', 'for', 'applicant', 'at', 'ok', 'retry', '12', 'id:', 'tel', '-'), { maxLength: 4 }).map((w) => w.join(' '));
  const inText = (p: PersonalValue) => fc.tuple(filler, filler).map(([a, b]) => `${a} ${p.value} ${b}`);

  type Logged = { value: unknown; secrets: PersonalValue[] };
  const leaf: fc.Arbitrary<Logged> = fc.oneof(
    personalValue.map((p) => ({ value: p.value, secrets: [p] })),
    personalValue.chain((p) => inText(p).map((value) => ({ value, secrets: [p] }))),
    personalValue.chain((p) => inText(p).map((text) => ({ value: Object.assign(new Error(text), { code: 'test_code' }), secrets: [p] }))),
    personalValue.filter((p) => p.kind === 'phone' || p.kind === 'permitNumber').map((p) => ({ value: Number(p.value.replace(/\D/g, '')), secrets: [p] })),
    fc.oneof(fc.integer({ min: -9999, max: 9999 }), fc.boolean(), fc.constant(null), filler).map((value) => ({ value, secrets: [] })),
  );
  const tree: fc.Arbitrary<Logged> = fc.letrec<{ node: Logged }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(fc.tuple(randomKey, tie('node')), { maxLength: 5 }).map((entries) => ({
        value: Object.fromEntries(entries.map(([k, n]) => [k, n.value])),
        // A repeated key keeps its last value; only what is really in the object counts.
        secrets: Object.entries(Object.fromEntries(entries.map(([k, n]) => [k, n]))).flatMap(([, n]) => n.secrets),
      })),
      fc.array(tie('node'), { maxLength: 4 }).map((nodes) => ({ value: nodes.map((n) => n.value), secrets: nodes.flatMap((n) => n.secrets) })),
    ),
  })).node;
  // A message that a cast got past the type rule: Chinese names, ID numbers, phones, addresses in it.
  const messageSecret = personalValue.filter((p) => p.kind !== 'latinName');

  it('finds no name, ID number, phone or address in the output, at any depth or in free text', () => {
    fc.assert(
      fc.property(fc.dictionary(randomKey, tree, { maxKeys: 6 }), messageSecret, (fields, inMessage) => {
        const { lines, log } = capture();
        const logged = Object.fromEntries(Object.entries(fields).map(([k, n]) => [k, n.value]));
        log.error(`applicant ${inMessage.value} seen` as 'x', logged);
        const line = lines[0]!;
        for (const secret of [inMessage, ...Object.values(fields).flatMap((n) => n.secrets)])
          for (const fragment of secret.fragments) {
            // A Latin name part counts as a whole word ("Er" is not a leak inside "Error").
            if (/^[A-Za-z]+$/.test(fragment)) expect(line, `${secret.kind} ${fragment}`).not.toMatch(new RegExp(`(?<![A-Za-z])${fragment}(?![A-Za-z])`));
            else expect(line, `${secret.kind} ${fragment}`).not.toContain(fragment);
          }
        expect(() => JSON.parse(line)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});
