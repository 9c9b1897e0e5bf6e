import { describe, expect, it } from 'vitest';
import { EscPosDecoder } from './decoder';
import type { EscPosEvent } from './decoder';
import { encodeReceipt } from './encoder';
import { getProfile } from './profiles';

/** Text runs may be cut where a chunk ends; join them so that event lists compare by meaning. */
function normalise(events: EscPosEvent[]): unknown[] {
  const out: EscPosEvent[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if (event.t === 'text' && last?.t === 'text') out[out.length - 1] = { t: 'text', text: last.text + event.text, bytes: last.bytes + event.bytes };
    else out.push(event);
  }
  return out.map((e) => (e.t === 'raster' ? { ...e, bits: Buffer.from(e.bits).toString('hex') } : e.t === 'qr' ? { ...e, params: Buffer.from(e.params).toString('hex') } : e));
}

const sample = (profile: string) =>
  encodeReceipt(
    {
      lines: [
        { type: 'text', text: '办事回执 䶮𠮷 ABC', align: 'center', bold: true, size: 'double' },
        { type: 'row', label: '姓名：', value: '张*三' },
        { type: 'qr', data: 'https://zwfw.example.cn/q?r=420102-001-0K3M9QX' },
        { type: 'cut' },
      ],
    },
    getProfile(profile),
  ).bytes;

describe('EscPosDecoder', () => {
  it.each(['epson-80', 'clone-58'])('gives the same events whatever the chunking (%s, split at every position)', (profile) => {
    const bytes = sample(profile);
    const whole = normalise(new EscPosDecoder().push(bytes));
    expect(whole.some((e) => (e as EscPosEvent).t === 'unknown')).toBe(false);
    for (let cut = 1; cut < bytes.length; cut += profile === 'clone-58' ? 7 : 1) {
      const decoder = new EscPosDecoder();
      const events = [...decoder.push(bytes.subarray(0, cut)), ...decoder.push(bytes.subarray(cut))];
      expect(normalise(events)).toEqual(whole);
      expect(decoder.pending).toBe(0);
    }
  });

  it('decodes one byte at a time', () => {
    const bytes = sample('epson-80');
    const decoder = new EscPosDecoder();
    const events = Array.from(bytes).flatMap((b) => decoder.push(Uint8Array.of(b)));
    expect(normalise(events)).toEqual(normalise(new EscPosDecoder().push(bytes)));
  });

  it('reads GB18030 only in Chinese mode; without FS & high bytes are a 1-byte code page', () => {
    const chinese = new EscPosDecoder().push(Uint8Array.from([0x1c, 0x26, 0xd6, 0xd0, 0xfe, 0x9f, 0x0a]));
    expect(chinese).toContainEqual({ t: 'text', text: '中䶮', bytes: 4 });
    const plain = new EscPosDecoder().push(Uint8Array.from([0xd6, 0xd0, 0x0a]));
    expect(plain[0]).toMatchObject({ t: 'text', bytes: 2 });
    expect((plain[0] as { text: string }).text).not.toBe('中');
  });

  it('like a printer, takes the byte after a stray lead byte as its trail: the LF is swallowed', () => {
    const events = new EscPosDecoder(true).push(Uint8Array.from([0x9d, 0x0a, 0x41, 0x0a]));
    expect(events.filter((e) => e.t === 'lf')).toHaveLength(1);
  });

  it('reports unknown commands instead of guessing their length', () => {
    const events = new EscPosDecoder().push(Uint8Array.from([0x1b, 0x7e, 0x41]));
    expect(events[0]).toEqual({ t: 'unknown', bytes: [0x1b, 0x7e], reason: 'unsupported command' });
  });

  it('decodes DLE ENQ 1 and 2 (real-time recovery) at a command boundary, whatever the chunking', () => {
    const bytes = Uint8Array.from([0x41, 0x0a, 0x10, 0x05, 0x02, 0x10, 0x05, 0x01, 0x42]);
    const expected = [{ t: 'text', text: 'A', bytes: 1 }, { t: 'lf' }, { t: 'realtimeRecover', n: 2 }, { t: 'realtimeRecover', n: 1 }, { t: 'text', text: 'B', bytes: 1 }];
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decoder = new EscPosDecoder();
      expect([...decoder.push(bytes.subarray(0, cut)), ...decoder.push(bytes.subarray(cut))]).toEqual(expected);
    }
  });

  it('discardPending drops an unfinished command (a cleared receive buffer) and keeps Chinese mode', () => {
    const decoder = new EscPosDecoder();
    decoder.push(Uint8Array.from([0x1c, 0x26, 0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x05])); // FS &, then half a raster header
    expect(decoder.pending).toBe(7);
    decoder.discardPending();
    expect(decoder.pending).toBe(0);
    expect(decoder.push(Uint8Array.from([0xd6, 0xd0, 0x0a]))).toEqual([{ t: 'text', text: '中', bytes: 2 }, { t: 'lf' }]);
  });

  it('decodes real-time status requests and GS r', () => {
    const events = new EscPosDecoder().push(Uint8Array.from([0x10, 0x04, 0x04, 0x1d, 0x72, 0x01]));
    expect(events).toEqual([
      { t: 'realtimeStatus', n: 4 },
      { t: 'transmitStatus', n: 1 },
    ]);
  });
});
