// Integration over real pseudo-terminal pairs (socat): the reader session against the byte-exact simulator,
// every card type and every simulator fault.
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { loadVectors } from './vectors';
import { closeAll, pair, rig, session, simCard, simulator } from './harness';
import { isRead, isStatus } from './events';
import type { IdentityCard } from '../../src/domain/card';
import { toHex } from '../../devices/idcard/frame';

afterEach(closeAll);

const expectedCards: Record<string, Partial<IdentityCard>> = {
  'resident-longterm': { cardType: 'resident', name: '测试样本', idNumber: '11010519491231002X', validTo: null, idNumberValid: true },
  resident: { cardType: 'resident', name: '测试甲', idNumber: '34052419800101001X', nation: '02', nationName: '蒙古', validTo: '2040-01-01', idNumberValid: true },
  'resident-hubei': { cardType: 'resident', name: '测试乙', sex: 'female', nationName: '土家', idNumber: '420102199006150024', idNumberValid: true },
  'resident-badnumber': { cardType: 'resident', name: '测试丙', idNumber: '420902197001010011', idNumberValid: false },
  hkmotw: { cardType: 'hkmotw', name: '测试港', nation: '', idNumber: '810000190001010018', idNumberValid: true },
  foreigner2017: { cardType: 'foreigner', name: '测试外', nationName: 'XXX', idNumber: 'XXX000000000000', issuer: '0000', idNumberValid: true },
  foreigner2023: { cardType: 'foreigner', name: '测试新外', sex: 'female', idNumber: '9XXX19920304000000', birthDate: '1992-03-04', validTo: '2034-01-01', idNumberValid: true },
};

describe('reader session over a pty pair', () => {
  it('reads every card type in turn as cards are swapped on the reader', async () => {
    const { sim, log } = await rig(null);
    await log.waitFor(isStatus('ready'));
    for (const [name, expected] of Object.entries(expectedCards)) {
      const from = log.events.length;
      sim.setCard(simCard(name));
      const read = await log.waitFor(isRead, { from });
      expect(isRead(read) && read.card, name).toMatchObject(expected);
    }
    const reads = log.events.filter(isRead);
    expect(reads.map((e) => e.card.idNumber)).toEqual(Object.values(expectedCards).map((c) => c.idNumber));
    expect(reads.at(-1)!.extras).toMatchObject({ layout: 'foreigner2023', englishName: 'EXAMPLE, TESTPERSON WITH A VERY LONG NAME', country: 'XXX' });
    expect(log.events.filter((e) => e.type === 'removed')).toHaveLength(Object.keys(expectedCards).length - 1);
  });

  it('reads the fingerprint variant (30 10) and the appended address', async () => {
    const { log } = await rig('resident-longterm', [], { readFingerprint: true, readAdditionalAddress: true });
    const read = await log.waitFor(isRead);
    expect(isRead(read) && read.card.address).toBe('北京市朝阳区测试路3号');
  });
});

describe('simulator faults', () => {
  for (const faults of [['split'], ['garbage'], ['pace'], ['split', 'garbage', 'pace'], ['nofp']]) {
    it(`reads through ${faults.join('+')}`, async () => {
      const { log, sim } = await rig('resident', faults, { readFingerprint: true });
      const read = await log.waitFor(isRead);
      expect(isRead(read) && read.card).toMatchObject(expectedCards.resident!);
      expect(log.types()).not.toContain('error:protocol');
      expect(sim.stats.requests).toBeGreaterThanOrEqual(5);
    });
  }

  for (const [fault, reason] of [['badchecksum:3', 'protocol'], ['err41:3', 'unreadable'], ['err31:3', 'unreadable']] as const) {
    it(`${fault}: retries while the card is present, reports card.error, never delivers a bad read`, async () => {
      const { log } = await rig('resident-hubei', [fault, 'garbage']);
      const read = await log.waitFor(isRead);
      expect(isRead(read) && read.card).toMatchObject(expectedCards['resident-hubei']!);
      expect(log.types()).toEqual(['status:connecting', 'status:ready', 'inserted', `error:${reason}`, 'read']);
    });
  }

  it('nocard: keeps polling and reports nothing', async () => {
    const { log, sim } = await rig('resident', ['nocard']);
    await log.waitFor(isStatus('ready'));
    while (sim.stats.requests < 6) await new Promise((r) => setTimeout(r, 100)); // 3 samStatus/samId + ≥ 3 finds
    expect(log.types()).toEqual(['status:connecting', 'status:ready']);
  });

  it('unplug: the simulator closes its end; the session reopens and reads again once it is back', async () => {
    const { log } = await rig('resident', ['unplug:600:1500']);
    await log.waitFor(isRead);
    const lost = await log.waitFor(isStatus('disconnected'));
    const from = log.events.indexOf(lost);
    await log.waitFor((e) => e.type === 'removed', { from });
    await log.waitFor(isStatus('ready'), { from });
    const again = await log.waitFor(isRead, { from });
    expect(isRead(again) && again.card.idNumber).toBe('34052419800101001X');
  }, 20_000);

  it('a real unplug (the serial device vanishes) and replug at the same path recovers without a restart', async () => {
    const first = await pair({ names: ['reader', 'simend'] });
    const dir = first.devicePath.replace(/\/reader$/, '');
    const sim1 = await simulator({ path: first.simPath, card: simCard('hkmotw') });
    const { log } = session(first.devicePath);
    await log.waitFor(isRead);
    await sim1.close();
    await first.close(); // socat exits: the device node disappears, writes fail with EIO
    const lost = await log.waitFor(isStatus('disconnected'));
    const from = log.events.indexOf(lost);
    await log.waitFor((e) => e.type === 'status' && /cannot open/.test(e.status.detail ?? ''), { from });
    const second = await pair({ dir, names: ['reader', 'simend'] });
    await simulator({ path: second.simPath, card: simCard('foreigner2017') });
    await log.waitFor(isStatus('ready'), { from });
    const read = await log.waitFor(isRead, { from });
    expect(isRead(read) && read.card.cardType).toBe('foreigner');
  }, 20_000);
});

describe('simulator framing over the pty', () => {
  it('answers the bad request vectors with 10, a truncated request with 11, and good ones byte-exact', async () => {
    const p = await pair();
    await simulator({ path: p.simPath, card: null, incompleteRequestMs: 100 });
    const port = await new Promise<SerialPort>((resolve, reject) => {
      const sp = new SerialPort({ path: p.devicePath, baudRate: 115200, autoOpen: false });
      sp.open((e) => (e ? reject(e) : resolve(sp)));
    });
    try {
      const received: number[] = [];
      port.on('data', (d: Buffer) => received.push(...d));
      const exchange = async (bytes: Uint8Array, replyLength: number) => {
        received.length = 0;
        port.write(Buffer.from(bytes));
        while (received.length < replyLength) await new Promise((r) => setTimeout(r, 10));
        return toHex(received);
      };
      const [badFind, badPara, checksumReply] = loadVectors('idcard-bad-frames-seen-in-public-code.txt');
      expect(await exchange(badFind!.bytes, 11)).toBe(toHex(checksumReply!.bytes));
      expect(await exchange(badPara!.bytes, 11)).toBe(toHex(checksumReply!.bytes));
      expect(await exchange(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x05, 0x20, 0x01), 11)).toBe('AA AA AA 96 69 00 04 00 00 11 15');
      const [status] = loadVectors('idcard-requests.txt');
      const [ok] = loadVectors('idcard-short-responses.txt');
      expect(await exchange(status!.bytes, 11)).toBe(toHex(ok!.bytes));
    } finally {
      await new Promise<void>((r) => port.close(() => r()));
    }
  });
});
