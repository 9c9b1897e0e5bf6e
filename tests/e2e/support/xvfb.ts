// An X server of the test's own (Xvfb picks a free display number and tells it on a pipe), for the specs that
// need a headed Chromium: the lockdown gestures and the voices speech-dispatcher offers.
import { spawn } from 'node:child_process';

export interface Xvfb {
  /** e.g. ":99", for DISPLAY. */
  display: string;
  stop(): void;
}

export async function startXvfb(): Promise<Xvfb> {
  const server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1080x1920x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = await new Promise<string>((resolve, reject) => {
    server.stdio[3]!.once('data', (chunk: Buffer) => resolve(`:${chunk.toString().trim()}`));
    server.once('exit', (code) => reject(new Error(`Xvfb exited (${code}); install it: apt-get install xvfb`)));
  });
  return { display, stop: () => server.kill() };
}
