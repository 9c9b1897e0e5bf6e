// The CLI as a technician runs it: `kioskctl sim idcard` on one end of a pty pair, `kioskctl card read` on
// the other, both as child processes; output and exit codes checked. Every child is killed in afterEach.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { closeAll, pair } from './harness';

const root = join(import.meta.dirname, '../..');
const cli = join(root, 'bin/kioskctl.mjs');
const card = (name: string) => join(root, 'devices/sim/cards', `${name}.json`);
const children = new Set<ChildProcess>();

afterEach(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }
  children.clear();
  await closeAll();
});

function start(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KIOSK_LOG_LEVEL: 'warn' } });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  const output = () => stdout;
  return { child, exited, output };
}

async function startSim(link: string, args: string[]) {
  const sim = start(['sim', 'idcard', '--link', link, ...args]);
  const deadline = Date.now() + 20_000;
  while (!sim.output().includes('idcard simulator ready')) {
    if (sim.child.exitCode !== null) throw new Error(`simulator exited early: ${(await sim.exited).stderr}`);
    if (Date.now() > deadline) throw new Error('simulator did not get ready');
    await new Promise((r) => setTimeout(r, 50));
  }
  return sim;
}

const cardKeys = ['cardType', 'name', 'sex', 'nation', 'nationName', 'birthDate', 'address', 'idNumber', 'issuer', 'validFrom', 'validTo', 'idNumberValid', 'photoBytes'];

describe('kioskctl card read', () => {
  it('prints exactly one JSON object with the card keys and exits 0', async () => {
    const p = await pair();
    await startSim(p.simPath, ['--card', card('resident-longterm'), '--faults', 'split,garbage']);
    const { code, stdout } = await start(['card', 'read', '--port', p.devicePath, '--json', '--timeout', '15000']).exited;
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0]!);
    expect(Object.keys(printed)).toEqual(cardKeys);
    expect(printed).toMatchObject({ cardType: 'resident', name: '测试样本', sex: 'female', nation: '01', nationName: '汉', birthDate: '1949-12-31', idNumber: '11010519491231002X', validTo: null, idNumberValid: true, photoBytes: 1024 });
  });

  it('masks name, number and address in the plain output; a card placed later through the simulator stdin is read', async () => {
    const p = await pair();
    const sim = await startSim(p.simPath, ['--card', 'none']);
    const reader = start(['card', 'read', '--port', p.devicePath, '--timeout', '15000']);
    sim.child.stdin!.write(`insert ${card('hkmotw')}\n`);
    const { code, stdout } = await reader.exited;
    expect(code).toBe(0);
    expect(stdout).toContain('港澳台居民居住证');
    expect(stdout).toContain('8100**********0018');
    expect(stdout).toContain('测*港');
    expect(stdout).not.toContain('810000190001010018');
    expect(stdout).not.toContain('测试港');
  });

  it('exits 2 with a plain message when no card comes', async () => {
    const p = await pair();
    await startSim(p.simPath, ['--card', 'none']);
    const { code, stdout, stderr } = await start(['card', 'read', '--port', p.devicePath, '--json', '--timeout', '1500']).exited;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('no card read within 1500 ms');
  });

  it('exits 3 with the reason when the port cannot be opened or the reader does not answer', async () => {
    const missing = await start(['card', 'read', '--port', '/dev/kiosk-no-such-reader', '--timeout', '5000']).exited;
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/cannot open \/dev\/kiosk-no-such-reader/);
    const p = await pair(); // nobody on the other end
    const silent = await start(['card', 'read', '--port', p.devicePath, '--timeout', '8000']).exited;
    expect(silent.code).toBe(3);
    expect(silent.stderr).toMatch(/no answer to SAM status at 115200, 9600 baud/);
  });

  it('exits 3 when a card stays unreadable', async () => {
    const p = await pair();
    await startSim(p.simPath, ['--card', card('resident'), '--faults', 'err41:1000']);
    const { code, stderr } = await start(['card', 'read', '--port', p.devicePath, '--timeout', '2500']).exited;
    expect(code).toBe(3);
    expect(stderr).toMatch(/could not be read within 2500 ms: read answered 41 read failed/);
  });

  it('exits 64 on usage errors', async () => {
    expect((await start(['card', 'read']).exited).code).toBe(64);
    expect((await start(['card', 'read', '--port', '/dev/x', '--baud', '1234']).exited).code).toBe(64);
    const badFault = await start(['sim', 'idcard', '--link', '/dev/x', '--card', 'none', '--faults', 'smoke']).exited;
    expect(badFault.code).toBe(64);
    expect(badFault.stderr).toMatch(/unknown fault "smoke"/);
  });
});
