// encode → decode: the page a printer would make from our bytes says exactly what the document says, in the
// lines the encoder laid out, with no command the decoder does not know and no line the printer would wrap.
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../devices/printer/encoder';
import { getProfile, profileNames } from '../../devices/printer/profiles';
import { buildTestPage } from '../../devices/printer/testPage';
import { pageText } from '../../devices/sim/printerPage';
import { markReprint } from '../../src/domain/receipt';
import type { ReceiptDocument } from '../../src/domain/receipt';
import { buildApplicationReceipt, buildServiceGuide, receiptQrPayload } from '../../src/domain/receiptTemplate';
import { decodeJob } from './decodePage';
import { sampleReceipt } from './fixtures';

const guide = buildServiceGuide({
  serviceName: '住房公积金缴存使用证明',
  department: '住房公积金中心',
  conditions: '缴存职工本人申请；委托他人办理的，需提供授权委托书及受托人身份证件。',
  materials: [{ name: '居民身份证', form: '原件', countOriginal: 1 }],
  timeLimit: { value: 0, unit: '工作日' },
  fee: '不收费',
  delivery: ['现场打印'],
  consultPhone: '12329',
  printedAt: '2026-11-22T06:05:00Z',
});

const documents: Array<[string, (profile: string) => ReceiptDocument]> = [
  ['receipt', () => buildApplicationReceipt(sampleReceipt)],
  ['reprinted receipt', () => markReprint(buildApplicationReceipt(sampleReceipt))],
  ['guide', () => guide],
  ['test page', (profile) => buildTestPage(getProfile(profile), new Date('2026-11-22T06:05:00Z'))],
];

describe.each(profileNames)('%s', (name) => {
  const profile = getProfile(name);
  it.each(documents)('%s decodes to the laid-out text, one cut page, no warnings', (_doc, build) => {
    const encoded = encodeReceipt(build(name), profile);
    const { pages, events } = decodeJob(encoded.bytes, profile);
    expect(events.filter((e) => e.t === 'unknown')).toEqual([]);
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(page?.warnings).toEqual([]);
    expect(page?.cut).toBe('partial');
    expect(pageText(page!)).toEqual(encoded.lines.map((l) => l.text));
    expect(events.at(-1)).toEqual({ t: 'transmitStatus', n: 1 }); // the job ends with GS r 1, after the cut
  });

  it('keeps the masked personal data and the QR payload', () => {
    const { pages } = decodeJob(encodeReceipt(buildApplicationReceipt(sampleReceipt), profile).bytes, profile);
    const text = pageText(pages[0]!).join('\n');
    expect(text).toContain('张*三');
    expect(text).toContain('4201**********1234');
    expect(text).toContain('已收件，待办理地受理');
    const qr = pages[0]!.blocks.find((b) => b.kind === 'qr' || b.kind === 'raster');
    const payload = qr?.kind === 'qr' ? qr.payload : qr?.kind === 'raster' ? qr.qrPayload : null;
    expect(payload).toBe(receiptQrPayload(sampleReceipt.queryUrl, sampleReceipt.receiptNo));
  });

  it('prints the reprint mark 重打 first', () => {
    const { pages } = decodeJob(encodeReceipt(markReprint(buildApplicationReceipt(sampleReceipt)), profile).bytes, profile);
    expect(pageText(pages[0]!)[0]).toBe('【重打】');
  });

  it('replaces what the font lacks with a visible □, reported, and never sends UTF-8', () => {
    const encoded = encodeReceipt({ lines: [{ type: 'text', text: '申请人：王𠮷' }] }, profile, { acknowledge: false });
    const expected = profile.chinese.repertoire === 'gb18030' ? '申请人：王𠮷' : '申请人：王□';
    expect(pageText(decodeJob(encoded.bytes, profile).pages[0]!)).toEqual([expected]);
    expect(encoded.replaced.length).toBe(profile.chinese.repertoire === 'gb18030' ? 0 : 1);
    expect(Buffer.from(encoded.bytes).includes(Buffer.from('𠮷', 'utf8'))).toBe(false);
  });
});
