// A printer on a real serial line for the transport tests: our PrinterLink on one end of a socat
// pseudo-terminal pair (the real `serialport` binding, termios), the simulator on the other end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SerialPort } from 'serialport';
import type { PrinterProfile } from '../../devices/printer/profiles';
import { PrinterLink } from '../../devices/printer/transport';
import { closeSerial, openSerial } from '../../devices/serial';
import { openPtyPair } from '../../devices/sim/ptyPair';
import { startPrinterSimulator } from '../../devices/sim/printerSim';
import type { PrinterSimulator, SimState } from '../../devices/sim/printerSim';

export interface PrinterRig {
  sim: PrinterSimulator;
  port: SerialPort;
  link: PrinterLink;
  /** Detaches the link, closes both ends and the simulator, and removes what it printed. */
  close(): Promise<void>;
}

export async function startPrinterRig(profile: PrinterProfile, state: SimState = 'ready'): Promise<PrinterRig> {
  const outDir = mkdtempSync(join(tmpdir(), 'kiosk-printer-'));
  const pair = await openPtyPair();
  const sim = await startPrinterSimulator({ path: pair.simPath, outDir, state, profile, skipPng: true });
  const port = await openSerial({ path: pair.devicePath, baudRate: 9600, flow: 'xonxoff' });
  // Short budgets keep the silent-printer cases quick; the logic is the same as with the defaults.
  const link = new PrinterLink(port, { statusTimeoutMs: 300, minJobTimeoutMs: 2500, pollIntervalMs: 100, clearBuffers: profile.recovery.clearBuffers });
  return {
    sim,
    port,
    link,
    async close() {
      link.detach();
      await closeSerial(port);
      await sim.close();
      await pair.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
