// The reader session against an in-memory reader (the simulator's responder behind a fake port): the poll
// cycle, retries, fallbacks and reconnects. The same behaviours run over real pseudo-terminals in tests/idcard.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createEventLog, isRead, isStatus } from '../../tests/idcard/events';
import { fakeOpener } from '../../tests/idcard/fakeReaderPort';
import { loadSimCard, readReplyData } from '../sim/idcardCard';
import { createIdcardResponder } from '../sim/idcardResponder';
import type { ResponderFaults } from '../sim/idcardResponder';
import { encodeResponse, xorOf } from './frame';
import { chinaInstant, fixedClock } from '../../src/domain/clock';
import { createReaderSession } from './readerSession';
import type { ReaderSession, ReaderSessionOptions } from './readerSession';

const card = (name: string) => loadSimCard(join(import.meta.dirname, '../sim/cards', `${name}.json`));
const sessions: ReaderSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
});

function setup(cardName: string | null, faults: ResponderFaults = {}, options: Partial<ReaderSessionOptions> = {}, fake: Parameters<typeof fakeOpener>[1] = {}) {
  const responder = createIdcardResponder(cardName ? card(cardName) : null, faults);
  const opener = fakeOpener(responder, fake);
  const log = createEventLog();
  const session = createReaderSession({ path: '/dev/fake', openPort: opener.open, reconnectMinMs: 20, reconnectMaxMs: 80, pollIntervalMs: 300, retryDelayMs: 10, clock: fixedClock(chinaInstant('2026-01-01', '12:00')), ...options }, log.push);
  sessions.push(session);
  session.start();
  return { responder, opener, log, session };
}

describe('reader session', () => {
  it('connects, reads a placed card once, and reports its removal', async () => {
    const { responder, log, session } = setup(null);
    await log.waitFor(isStatus('ready'));
    expect(session.samId).toBe('05.01-20100720-0001036050-0288634305');
    responder.setCard(card('resident-hubei'));
    const read = await log.waitFor(isRead);
    expect(isRead(read) && read.card).toMatchObject({ cardType: 'resident', nationName: '土家', idNumber: '420102199006150024', idNumberValid: true, photoBytes: 1024 });
    responder.setCard(null);
    await log.waitFor((e) => e.type === 'removed');
    expect(log.types()).toEqual(['status:connecting', 'status:ready', 'inserted', 'read', 'removed']);
  });

  it('probes 9600 when 115200 gets no answer', async () => {
    const { log, opener } = setup('resident', {}, { fallbackBauds: [9600] }, { answersAt: [9600] });
    const ready = await log.waitFor(isStatus('ready'));
    expect(ready.type === 'status' && ready.status.detail).toMatch(/@ 9600$/);
    expect(opener.ports.map((p) => p.baud)).toEqual([115200, 9600]);
    await log.waitFor(isRead);
  }, 15_000);

  it('resets a SAM that fails its self-test, and reports a SAM that stays unusable', async () => {
    let statusAsks = 0;
    const recovering = setup('resident', {}, {}, { override: (r) => (r.cmd === 0x11 && ++statusAsks === 1 ? [encodeResponse(0x60)] : undefined) });
    await recovering.log.waitFor(isRead);
    expect(recovering.opener.ports[0]!.port.requests.map((r) => r.cmd.toString(16)).slice(0, 3)).toEqual(['11', '10', '11']);

    const broken = setup('resident', {}, {}, { override: (r) => (r.cmd === 0x11 ? [encodeResponse(0x66)] : undefined) });
    const error = await broken.log.waitFor(isStatus('error'));
    expect(error.type === 'status' && error.status.detail).toMatch(/66 SAM not authorised/);
    await broken.log.waitFor((e) => e.type === 'status' && e.status.state === 'connecting', { from: broken.log.events.indexOf(error) });
  });

  it('falls back from 30 10 to 30 01 when the SAM has no fingerprint read', async () => {
    const { log, opener } = setup('resident', { nofp: true }, { readFingerprint: true });
    await log.waitFor(isRead);
    const reads = opener.ports[0]!.port.requests.filter((r) => r.cmd === 0x30).map((r) => r.para);
    expect(reads).toEqual([0x10, 0x01]);
  });

  it('reads the appended address when asked to', async () => {
    const { log } = setup('resident-longterm', {}, { readAdditionalAddress: true });
    const read = await log.waitFor(isRead);
    expect(isRead(read) && read.card.address).toBe('北京市朝阳区测试路3号');
  });

  it('keeps reading a card that fails, reports card.error after three failures, then delivers the good read', async () => {
    const { log } = setup('resident', { err41: 2, badchecksum: 2 });
    await log.waitFor(isRead);
    // Two 41s (unreadable), then a corrupted reply (protocol) is the third failure in a row.
    expect(log.types()).toEqual(['status:connecting', 'status:ready', 'inserted', 'error:protocol', 'read']);
  });

  it('delivers a number that fails GB 11643 only after a second identical read, flagged invalid', async () => {
    const { log, opener } = setup('resident-badnumber');
    const read = await log.waitFor(isRead);
    expect(isRead(read) && read.card).toMatchObject({ idNumber: '420902197001010011', idNumberValid: false });
    expect(opener.ports[0]!.port.requests.filter((r) => r.cmd === 0x30)).toHaveLength(2);
  });

  it('never delivers reads that disagree (a corruption the checksum missed)', async () => {
    const good = encodeResponse(0x90, readReplyData(card('resident'), false));
    let n = 0;
    const { log } = setup('resident', {}, { errorAfterFailures: 2 }, {
      override: (r) => {
        if (r.cmd !== 0x30) return undefined;
        // Another digit in the ID number each time (frame offset 136 + 2 * 5), XOR fixed up: valid frames, wrong content.
        const bad = good.slice();
        bad[146] = 0x30 + (n++ % 10);
        bad[bad.length - 1] = xorOf(bad, 5, bad.length - 1);
        return [bad];
      },
    });
    await log.waitFor((e) => e.type === 'error');
    expect(log.events.filter(isRead)).toEqual([]);
    expect(log.types()).toContain('error:protocol');
  });

  it('survives the port disappearing and comes back when it reappears', async () => {
    const { log, opener, responder } = setup('resident');
    await log.waitFor(isRead);
    opener.present = false;
    opener.ports.at(-1)!.port.unplug();
    const lost = await log.waitFor(isStatus('disconnected'));
    await log.waitFor((e) => e.type === 'removed');
    expect(log.types().slice(4, 6)).toEqual(['status:disconnected', 'removed']);
    await log.waitFor((e) => e.type === 'status' && e.status.state === 'disconnected' && /ENOENT/.test(e.status.detail ?? ''));
    opener.present = true;
    responder.setCard(card('hkmotw'));
    const from = log.events.indexOf(lost);
    await log.waitFor(isStatus('ready'), { from });
    const read = await log.waitFor(isRead, { from });
    expect(isRead(read) && read.card.cardType).toBe('hkmotw');
  });

  it('reopens the port after two command timeouts in a row', async () => {
    let silent = false;
    const { log, opener } = setup('resident', {}, {}, { override: () => (silent ? [] : undefined) });
    await log.waitFor(isRead);
    silent = true;
    const lost = await log.waitFor(isStatus('disconnected'));
    expect(lost.type === 'status' && lost.status.detail).toMatch(/no reply to find/);
    silent = false;
    await log.waitFor(isStatus('ready'), { from: log.events.indexOf(lost) });
    expect(opener.ports.length).toBeGreaterThanOrEqual(2);
  });
});
