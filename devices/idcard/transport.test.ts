// The transport on node-serialport's MockBinding: replies in chunks, noise, corrupted frames, timeouts,
// one-at-a-time requests and unplug.
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortMock } from 'serialport';
import { encodeRequest } from './commands';
import { DeviceError } from '../deviceError';
import { encodeResponse, toHex } from './frame';
import { SamTransport } from './transport';

const path = '/dev/FAKE-IDCARD';

async function openMock() {
  SerialPortMock.binding.createPort(path, { record: true });
  const port = new SerialPortMock({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return port;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

afterEach(() => SerialPortMock.binding.reset());

describe('SamTransport', () => {
  it('writes the request and assembles a reply delivered in pieces, after noise', async () => {
    const port = await openMock();
    const t = new SamTransport(port);
    const pending = t.request({ name: 'find' });
    await tick();
    expect(toHex(port.port!.recording)).toBe(toHex(encodeRequest({ name: 'find' })));
    const reply = encodeResponse(0x9f, [0, 0, 0, 0]);
    port.port!.emitData(Buffer.from([0x13, 0xaa, 0xaa]));
    port.port!.emitData(Buffer.from(reply.subarray(0, 6)));
    await tick();
    port.port!.emitData(Buffer.from(reply.subarray(6)));
    const r = await pending;
    expect(r.status.kind).toBe('cardFound');
    expect(t.stats).toMatchObject({ frames: 1, garbageBytes: 3, bytesOut: 10, bytesIn: 18 });
    await t.close();
  });

  it('refuses a second request while one is unanswered (busy), and times out without a reply', async () => {
    const port = await openMock();
    const t = new SamTransport(port);
    const first = t.request({ name: 'samStatus' }, 50);
    await expect(t.request({ name: 'find' })).rejects.toMatchObject({ kind: 'busy' });
    await expect(first).rejects.toMatchObject({ kind: 'timeout' });
    // A late reply to the timed-out request is dropped before the next one is sent.
    port.port!.emitData(Buffer.from(encodeResponse(0x90)));
    await tick();
    const next = t.request({ name: 'find' });
    await tick();
    port.port!.emitData(Buffer.from(encodeResponse(0x80)));
    expect((await next).sw3).toBe(0x80);
    await t.close();
  });

  it('fails fast as protocol when the reply is corrupted, without waiting for the timeout', async () => {
    const port = await openMock();
    const t = new SamTransport(port, { settleMs: 10 });
    const pending = t.request({ name: 'readBase' }, 10_000);
    await tick();
    const bad = encodeResponse(0x90, new Uint8Array(1284));
    bad[bad.length - 1]! ^= 1;
    port.port!.emitData(Buffer.from(bad));
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toMatchObject({ kind: 'protocol' });
    expect(t.stats.badFrames).toBe(1);
    await t.close();
  });

  it('still takes a valid reply that follows noise looking like a corrupted frame', async () => {
    const port = await openMock();
    const t = new SamTransport(port, { settleMs: 50 });
    const pending = t.request({ name: 'samStatus' });
    await tick();
    port.port!.emitData(Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x90, 0x00]));
    port.port!.emitData(Buffer.from(encodeResponse(0x90)));
    expect((await pending).status.kind).toBe('ok');
    await t.close();
  });

  it('reports disconnected when the port closes under a pending request, and afterwards', async () => {
    const port = await openMock();
    let reason = '';
    const t = new SamTransport(port, { onDisconnect: (r) => (reason = r) });
    const pending = t.request({ name: 'find' });
    port.close();
    await expect(pending).rejects.toMatchObject({ kind: 'disconnected' });
    await expect(t.request({ name: 'find' })).rejects.toMatchObject({ kind: 'disconnected' });
    expect(reason).toMatch(/closed/);
  });
});
