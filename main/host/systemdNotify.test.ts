// The notify path on a real unix datagram socket with Debian's real systemd-notify: the test plays systemd's
// part with a small Python receiver (Node has no unix datagram sockets), which also closes the barrier pipe
// systemd-notify passes along, as systemd does.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './log';
import { createSystemdNotifier, sendWithSystemdNotify } from './systemdNotify';

const receiver = `
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("listening", flush=True)
while True:
    data, anc, flags, addr = s.recvmsg(4096, socket.CMSG_SPACE(64))
    for level, kind, payload in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            for i in range(0, len(payload) - len(payload) % 4, 4):
                os.close(int.from_bytes(payload[i:i + 4], sys.byteorder))
    print(repr(data.decode()), flush=True)
`;

let systemd: ChildProcess | undefined;
let dir: string | undefined;
afterEach(() => {
  systemd?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function fakeSystemd(): Promise<{ socket: string; messages: string[] }> {
  dir = mkdtempSync(join(tmpdir(), 'sd-notify-'));
  const socket = join(dir, 'notify');
  const messages: string[] = [];
  systemd = spawn('python3', ['-c', receiver, socket], { stdio: ['ignore', 'pipe', 'inherit'] });
  let ready: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => (ready = resolve));
  let buffer = '';
  systemd.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line === 'listening') ready();
      else messages.push(line);
    }
  });
  await listening;
  return { socket, messages };
}

describe('systemd notify', () => {
  it('sends READY=1, then WATCHDOG=1 every half watchdog period, then STOPPING=1, over the real socket', { timeout: 30_000 }, async () => {
    const { socket, messages } = await fakeSystemd();
    const notifier = createSystemdNotifier({ log: createLogger('test', { write: () => undefined }), env: { NOTIFY_SOCKET: socket, WATCHDOG_USEC: '400000', WATCHDOG_PID: '4242' }, pid: 4242 });
    expect(notifier.pingEveryMs).toBe(200);
    notifier.ready();
    await vi.waitFor(() => expect(messages.filter((m) => m.includes('WATCHDOG=1')).length).toBeGreaterThanOrEqual(3), { timeout: 20_000, interval: 50 });
    expect(messages[0]).toContain('READY=1');
    expect(messages[0]).toContain('MAINPID=4242');
    notifier.stopping();
    await vi.waitFor(() => expect(messages.some((m) => m.includes('STOPPING=1'))).toBe(true), { timeout: 10_000, interval: 50 });
    const pings = messages.filter((m) => m.includes('WATCHDOG=1')).length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(messages.filter((m) => m.includes('WATCHDOG=1')).length).toBe(pings); // no pings after STOPPING
  });

  it('does nothing without NOTIFY_SOCKET, and no watchdog pings for another WATCHDOG_PID', () => {
    const send = vi.fn(() => Promise.resolve());
    const log = createLogger('test', { write: () => undefined });
    const off = createSystemdNotifier({ log, env: {}, send });
    off.ready();
    off.stopping();
    expect(send).not.toHaveBeenCalled();
    const child = createSystemdNotifier({ log, env: { NOTIFY_SOCKET: '/run/x', WATCHDOG_USEC: '60000000', WATCHDOG_PID: '1' }, send, pid: 2 });
    expect(child.pingEveryMs).toBeNull();
  });

  it('logs a failing systemd-notify once and keeps the host running', async () => {
    const lines: string[] = [];
    const notifier = createSystemdNotifier({ log: createLogger('test', { write: (l) => lines.push(l) }), env: { NOTIFY_SOCKET: '/nonexistent/socket', WATCHDOG_USEC: '200000' }, send: sendWithSystemdNotify('/nonexistent/systemd-notify') });
    notifier.ready();
    await vi.waitFor(() => expect(lines.filter((l) => l.includes('systemd notify failed'))).toHaveLength(1), { timeout: 5000, interval: 20 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    notifier.stopping();
    expect(lines.filter((l) => l.includes('systemd notify failed'))).toHaveLength(1);
  });
});
