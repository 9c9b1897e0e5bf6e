// Every file in tests/idcard/vectors: good frames decode to what their comments say, bad frames are rejected.
import { describe, expect, it } from 'vitest';
import { loadVectors, vectorFiles } from '../../tests/idcard/vectors';
import { decodeCard } from './card';
import { encodeRequest, identifyRequest } from './commands';
import { encodeResponse, parseFrames, parseRequests, toHex } from './frame';
import type { ResponseFrame } from './frame';
import { decodeAdditionalAddress, decodeReadReply, decodeSamId } from './replies';
import { describeStatus } from './status';
import { decodeTextBlock } from './textBlock';

const today = '2026-01-01';

function onlyFrame(bytes: Uint8Array): ResponseFrame {
  const { frames, rest, errors } = parseFrames(bytes);
  expect(errors).toEqual([]);
  expect(rest.length).toBe(0);
  expect(frames).toHaveLength(1);
  return frames[0]!;
}

/** Feeds `bytes` in two chunks split at `at`, the way a serial port may deliver them. */
function parseSplit(bytes: Uint8Array, at: number) {
  const first = parseFrames(bytes.subarray(0, at));
  const joined = new Uint8Array(first.rest.length + bytes.length - at);
  joined.set(first.rest);
  joined.set(bytes.subarray(at), first.rest.length);
  const second = parseFrames(joined);
  return { frames: [...first.frames, ...second.frames], errors: [...first.errors, ...second.errors], rest: second.rest };
}

describe('test vector files', () => {
  it('are all used by this suite', () => {
    expect(vectorFiles()).toEqual([
      'idcard-bad-frames-seen-in-public-code.txt',
      'idcard-readbase-structure.txt',
      'idcard-requests.txt',
      'idcard-samid.txt',
      'idcard-short-responses.txt',
      'idcard-synthetic-readbase.txt',
      'idcard-synthetic-text-other-cards.txt',
    ]);
  });
});

describe('idcard-requests.txt', () => {
  const vectors = loadVectors('idcard-requests.txt');
  it('has every request the kiosk sends, and encodeRequest reproduces each byte for byte', () => {
    expect(vectors).toHaveLength(15);
    const names = new Set<string>();
    for (const v of vectors) {
      const { frames, errors, rest } = parseRequests(v.bytes);
      expect(errors, v.note).toEqual([]);
      expect(rest.length).toBe(0);
      expect(frames).toHaveLength(1);
      const f = frames[0]!;
      const command = identifyRequest(f.cmd, f.para, f.data);
      expect(command, v.note).not.toBeNull();
      names.add(command!.name);
      expect(toHex(encodeRequest(command!))).toBe(toHex(v.bytes));
    }
    expect([...names].sort()).toEqual(
      ['find', 'readAdditionalAddress', 'readBase', 'readBaseFingerprint', 'readChipNumber', 'reset', 'samId', 'samStatus', 'select', 'setBaud', 'setMaxRf'].sort(),
    );
  });
});

describe('idcard-short-responses.txt', () => {
  const vectors = loadVectors('idcard-short-responses.txt');
  it('parses every reply, maps its SW3 and re-encodes it byte for byte', () => {
    expect(vectors).toHaveLength(13);
    const kinds = vectors.map((v) => {
      const f = onlyFrame(v.bytes);
      expect(toHex(encodeResponse(f.sw3, f.data, f.sw1, f.sw2))).toBe(toHex(v.bytes));
      return `${f.sw3.toString(16)}:${describeStatus(f.sw3).kind}:${f.data.length}`;
    });
    expect(kinds).toEqual([
      '90:ok:0', '9f:cardFound:4', '90:ok:8', '80:noCard:0', '81:selectFailed:0', '41:cardError:0', '31:cardError:0',
      '10:hostFrameError:0', '11:hostFrameError:0', '21:commandError:0', '91:noContent:0', '60:samFault:0', '66:samFault:0',
    ]);
  });

  it('reassembles each reply split at every position', () => {
    for (const v of vectors) {
      for (let at = 0; at <= v.bytes.length; at++) {
        const { frames, errors, rest } = parseSplit(v.bytes, at);
        expect(errors).toEqual([]);
        expect(rest.length).toBe(0);
        expect(frames.map((f) => f.sw3)).toEqual([v.bytes[9]]);
      }
    }
  });
});

describe('idcard-samid.txt', () => {
  const [dataOnly, frame] = loadVectors('idcard-samid.txt');
  it('decodes the SAM ID from the data bytes and from the full frame', () => {
    expect(decodeSamId(dataOnly!.bytes).text).toBe('05.01-20100720-0001036050-0288634305');
    const f = onlyFrame(frame!.bytes);
    expect(f.sw3).toBe(0x90);
    expect(frame!.bytes).toHaveLength(27);
    expect(decodeSamId(f.data).raw).toEqual(dataOnly!.bytes);
  });

  it('the 16 data bytes alone are not a frame', () => {
    const r = parseFrames(dataOnly!.bytes);
    expect(r.frames).toEqual([]);
    expect(r.errors).toEqual([{ kind: 'garbage', bytes: 16 }]);
  });
});

describe('idcard-readbase-structure.txt', () => {
  const [prefix3001, prefix3010, photoA, photoB] = loadVectors('idcard-readbase-structure.txt');
  it('a frame prefix is kept as rest until the rest of the frame arrives', () => {
    for (const v of [prefix3001!, prefix3010!]) {
      const r = parseFrames(v.bytes);
      expect(r.frames).toEqual([]);
      expect(r.errors).toEqual([]);
      expect(r.rest).toEqual(v.bytes);
    }
  });

  it('our read replies start with the captured prefixes, and keep a WLT photo opaque', () => {
    for (const photoHeader of [photoA!.bytes, photoB!.bytes]) {
      const photo = new Uint8Array(1024);
      photo.set(photoHeader);
      const text = new Uint8Array(256).fill(0x20);
      const data = new Uint8Array([1, 0, 4, 0, ...text, ...photo]);
      const frame = encodeResponse(0x90, data);
      expect(frame).toHaveLength(1295);
      expect(toHex(frame.subarray(0, 14))).toBe(toHex(prefix3001!.bytes));
      const blocks = decodeReadReply(onlyFrame(frame).data, false);
      expect(blocks.photo.subarray(0, 4)).toEqual(Uint8Array.of(0x57, 0x4c, 0x66, 0x00)); // "WLf\0"
      const withFp = encodeResponse(0x90, new Uint8Array([1, 0, 4, 0, 4, 0, ...text, ...photo, ...new Uint8Array(1024)]));
      expect(withFp).toHaveLength(2321);
      expect(toHex(withFp.subarray(0, 16))).toBe(toHex(prefix3010!.bytes));
    }
  });

  it('photo headers alone are not frames', () => {
    for (const v of [photoA!, photoB!]) expect(parseFrames(v.bytes).frames).toEqual([]);
  });
});

describe('idcard-synthetic-readbase.txt', () => {
  const [s1, s2, s3, s4, s5] = loadVectors('idcard-synthetic-readbase.txt');
  it('S1: 30 01, female, Han, 长期', () => {
    const f = onlyFrame(s1!.bytes);
    const blocks = decodeReadReply(f.data, false);
    expect(decodeCard(blocks.text, { photoBytes: blocks.photo.length, today }).card).toEqual({
      cardType: 'resident', name: '测试样本', sex: 'female', nation: '01', nationName: '汉', birthDate: '1949-12-31',
      address: '北京市朝阳区测试路1号', idNumber: '11010519491231002X', issuer: '北京市公安局朝阳分局', validFrom: '2020-01-01',
      validTo: null, idNumberValid: true, photoBytes: 1024,
    });
  });

  it('S2, S3, S4: the same person from 30 01 and both 30 10 variants', () => {
    const expected = {
      cardType: 'resident', name: '测试甲', sex: 'male', nation: '02', nationName: '蒙古', birthDate: '1980-01-01',
      address: '安徽省测试县测试路2号', idNumber: '34052419800101001X', issuer: '测试县公安局', validFrom: '2020-01-01',
      validTo: '2040-01-01', idNumberValid: true, photoBytes: 1024,
    };
    const b2 = decodeReadReply(onlyFrame(s2!.bytes).data, false);
    expect(decodeCard(b2.text, { photoBytes: b2.photo.length, today }).card).toEqual(expected);
    expect(s3!.bytes).toHaveLength(1297);
    expect(s4!.bytes).toHaveLength(2321);
    const b3 = decodeReadReply(onlyFrame(s3!.bytes).data, true);
    const b4 = decodeReadReply(onlyFrame(s4!.bytes).data, true);
    expect(b3.fingerprint).toHaveLength(0);
    expect(b4.fingerprint).toHaveLength(1024);
    expect(b3.text).toEqual(b2.text);
    expect(decodeCard(b4.text, { photoBytes: b4.photo.length, today }).card).toEqual(expected);
  });

  it('S5: the additional address', () => {
    expect(decodeAdditionalAddress(onlyFrame(s5!.bytes).data)).toBe('北京市朝阳区测试路3号');
  });

  it('a 30 10 reply read as 30 01 (or the reverse) is rejected, not misread', () => {
    expect(() => decodeReadReply(onlyFrame(s4!.bytes).data, false)).toThrow(/lengths say/);
    expect(() => decodeReadReply(onlyFrame(s2!.bytes).data, true)).toThrow();
  });
});

describe('idcard-synthetic-text-other-cards.txt', () => {
  const [jText, iText, jFrame, iFrame] = loadVectors('idcard-synthetic-text-other-cards.txt');
  it('branches on the marker at offset 248 and decodes the J and I layouts', () => {
    expect(decodeTextBlock(jText!.bytes)).toMatchObject({ layout: 'hkmotw', fields: { passNumber: 'H12345678', issueCount: '01', idNumber: '810000190001010018' } });
    expect(decodeTextBlock(iText!.bytes)).toMatchObject({ layout: 'foreigner2017', fields: { englishName: 'TEST, SAMPLE', country: 'XXX', cardVersion: '01' } });
  });

  it('decodes the wrapped frames to cards', () => {
    const j = decodeReadReply(onlyFrame(jFrame!.bytes).data, false);
    expect(j.text).toEqual(jText!.bytes);
    expect(decodeCard(j.text, { photoBytes: 1024, today })).toEqual({
      card: {
        cardType: 'hkmotw', name: '测试港', sex: 'male', nation: '', nationName: '', birthDate: '1900-01-01', address: '香港特别行政区测试道4号',
        idNumber: '810000190001010018', issuer: '测试出入境管理局', validFrom: '2020-01-01', validTo: '2025-01-01', idNumberValid: true, photoBytes: 1024,
      },
      extras: { layout: 'hkmotw', passNumber: 'H12345678', issueCount: '01' },
    });
    const i = decodeReadReply(onlyFrame(iFrame!.bytes).data, false);
    expect(i.text).toEqual(iText!.bytes);
    expect(decodeCard(i.text, { photoBytes: 1024, today })).toEqual({
      card: {
        cardType: 'foreigner', name: '测试外', sex: 'male', nation: '', nationName: 'XXX', birthDate: '1985-01-01', address: '',
        idNumber: 'XXX000000000000', issuer: '0000', validFrom: '2020-01-01', validTo: '2030-01-01', idNumberValid: true, photoBytes: 1024,
      },
      extras: { layout: 'foreigner2017', englishName: 'TEST, SAMPLE', chineseName: '测试外', country: 'XXX', cardVersion: '01' },
    });
  });
});

describe('idcard-bad-frames-seen-in-public-code.txt', () => {
  const [badFind, badPara, expectedReply] = loadVectors('idcard-bad-frames-seen-in-public-code.txt');
  it('rejects both bad requests with a checksum error', () => {
    for (const v of [badFind!, badPara!]) {
      const r = parseRequests(v.bytes);
      expect(r.frames).toEqual([]);
      expect(r.errors[0]).toMatchObject({ kind: 'badChecksum', len: 3 });
    }
    expect(parseRequests(badFind!.bytes).errors[0]).toMatchObject({ expected: 0x22, actual: 0x21 });
    expect(parseRequests(badPara!.bytes).errors[0]).toMatchObject({ expected: 0x23, actual: 0x22 });
  });

  it('the expected reader answer is SW3 10, a host frame error', () => {
    expect(describeStatus(onlyFrame(expectedReply!.bytes).sw3).kind).toBe('hostFrameError');
  });

  it('a bad frame in the stream does not hide the good frame after it', () => {
    const good = encodeRequest({ name: 'find' });
    const r = parseRequests(new Uint8Array([...badFind!.bytes, ...good]));
    expect(r.frames).toHaveLength(1);
    expect(r.errors.map((e) => e.kind)).toEqual(['badChecksum', 'garbage']);
  });
});
