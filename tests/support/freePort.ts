// A loopback port free at the moment of asking, for a server a test starts as its own process (which must be
// told its port: the kiosk's Chromium host never picks one itself). Other worktrees run tests at the same
// time, so tests never use a fixed port.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
