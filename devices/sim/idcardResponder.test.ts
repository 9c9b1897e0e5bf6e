// The simulator answers byte for byte like the captured frames, and its cards reproduce the synthetic
// vector frames exactly.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadVectors } from '../../tests/idcard/vectors';
import { encodeRequest } from '../idcard/commands';
import type { Command } from '../idcard/commands';
import { parseRequests, toHex } from '../idcard/frame';
import { loadSimCard, parseSimCard } from './idcardCard';
import { createIdcardResponder } from './idcardResponder';
import type { IdcardResponder } from './idcardResponder';
import { FaultListError, parseFaults } from './idcardFaults';

const cards = join(import.meta.dirname, 'cards');
const card = (name: string) => loadSimCard(join(cards, `${name}.json`));
const short = Object.fromEntries(loadVectors('idcard-short-responses.txt').map((v) => [toHex(v.bytes.subarray(7, v.bytes.length - 1)), toHex(v.bytes)]));
const vector = (body: string) => {
  const hex = short[body];
  if (!hex) throw new Error(`no vector with body ${body}`);
  return hex;
};

function ask(r: IdcardResponder, c: Command): string {
  const request = parseRequests(encodeRequest(c)).frames[0]!;
  const { frames } = r.handle(request);
  expect(frames).toHaveLength(1);
  return toHex(frames[0]!);
}

describe('simulated reader answers', () => {
  it('matches the captured short replies', () => {
    const r = createIdcardResponder(null);
    expect(ask(r, { name: 'samStatus' })).toBe(vector('00 00 90'));
    expect(ask(r, { name: 'find' })).toBe(vector('00 00 80'));
    expect(ask(r, { name: 'select' })).toBe(vector('00 00 81'));
    expect(ask(r, { name: 'readBase' })).toBe(vector('00 00 41'));
    expect(ask(r, { name: 'setBaud', baud: 38400 })).toBe(vector('00 00 90'));
    expect(ask(r, { name: 'readChipNumber' })).toBe(vector('00 00 21'));
    expect(toHex(r.frameError('checksum'))).toBe(vector('00 00 10'));
    expect(toHex(r.frameError('length'))).toBe(vector('00 00 11'));
    r.setCard(card('resident'));
    expect(ask(r, { name: 'find' })).toBe(vector('00 00 9F 00 00 00 00'));
    expect(ask(r, { name: 'select' })).toBe(vector('00 00 90 00 00 00 00 00 00 00 00'));
    expect(ask(r, { name: 'readAdditionalAddress' })).toBe(vector('00 00 91'));
  });

  it('gives the SAM ID of the vector file', () => {
    const [, frame] = loadVectors('idcard-samid.txt');
    expect(ask(createIdcardResponder(null), { name: 'samId' })).toBe(toHex(frame!.bytes));
  });

  it('reproduces the synthetic read frames byte for byte', () => {
    const [s1, s2, , s4, s5] = loadVectors('idcard-synthetic-readbase.txt');
    const [, , jFrame, iFrame] = loadVectors('idcard-synthetic-text-other-cards.txt');
    const read = (name: string, c: Command) => {
      const r = createIdcardResponder(card(name));
      ask(r, { name: 'find' });
      ask(r, { name: 'select' });
      return ask(r, c);
    };
    expect(read('resident-longterm', { name: 'readBase' })).toBe(toHex(s1!.bytes));
    expect(read('resident', { name: 'readBase' })).toBe(toHex(s2!.bytes));
    expect(read('resident', { name: 'readBaseFingerprint' })).toBe(toHex(s4!.bytes));
    expect(read('resident-longterm', { name: 'readAdditionalAddress' })).toBe(toHex(s5!.bytes));
    expect(read('hkmotw', { name: 'readBase' })).toBe(toHex(jFrame!.bytes));
    expect(read('foreigner2017', { name: 'readBase' })).toBe(toHex(iFrame!.bytes));
  });

  it('applies read faults in turn for each placement, then reads', () => {
    const r = createIdcardResponder(card('resident'), { err41: 1, err31: 1, badchecksum: 1 });
    const attempt = () => {
      ask(r, { name: 'find' });
      ask(r, { name: 'select' });
      return ask(r, { name: 'readBase' });
    };
    expect(attempt()).toBe(vector('00 00 41'));
    expect(attempt()).toBe(vector('00 00 31'));
    const bad = attempt().split(' ');
    expect(bad).toHaveLength(1295);
    expect(parseRequests(Uint8Array.from(bad.map((h) => parseInt(h, 16)))).errors[0]?.kind).toBe('badChecksum');
    expect(attempt().split(' ')).toHaveLength(1295);
    r.setCard(card('resident-longterm')); // a swap: one lift-off, then a fresh placement with fresh faults
    expect(ask(r, { name: 'find' })).toBe(vector('00 00 80'));
    expect(attempt()).toBe(vector('00 00 41'));
  });

  it('answers nocard and nofp', () => {
    const r = createIdcardResponder(card('resident'), { nocard: true });
    expect(ask(r, { name: 'find' })).toBe(vector('00 00 80'));
    const f = createIdcardResponder(card('resident'), { nofp: true });
    ask(f, { name: 'find' });
    ask(f, { name: 'select' });
    expect(ask(f, { name: 'readBaseFingerprint' })).toBe(vector('00 00 21'));
    expect(ask(f, { name: 'readBase' }).split(' ')).toHaveLength(1295);
  });
});

describe('scripted cards and fault lists', () => {
  it('rejects cards that do not fit the layout', () => {
    expect(() => parseSimCard({ layout: 'resident', fields: { name: 'x' } })).toThrow(/fields/);
    const tooLong = { layout: 'hkmotw', fields: { ...card('hkmotw').fields, name: '测'.repeat(16) } };
    expect(() => parseSimCard(tooLong)).toThrow(/name is longer than 15/);
  });

  it('parses fault lists', () => {
    expect(parseFaults('split,garbage,err41:2,unplug:3000:500,pace')).toEqual({ split: true, garbage: true, err41: 2, unplug: { afterMs: 3000, reopenMs: 500 }, pace: true });
    expect(parseFaults(['badchecksum', 'unplug'])).toEqual({ badchecksum: 1, unplug: { afterMs: 1000 } });
    expect(() => parseFaults('smoke')).toThrow(FaultListError);
    expect(() => parseFaults('err41:x')).toThrow(/count/);
    expect(() => parseFaults('split:2')).toThrow(/no argument/);
  });
});
