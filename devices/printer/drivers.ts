// The receipt-printer kind (DESIGN.md §5): its driver, the stand-in while none is configured, and how
// auto-detect recognises a printer: the four real-time status requests `DLE EOT 1..4`, which every ESC/POS
// printer answers with one status byte each, even offline, and which never print, feed or cut.
import { cmd } from './commands';
import { escposSerialOptionsSchema } from './options';
import { getProfile } from './profiles';
import { createPrinterService, createUnconfiguredPrinterService } from './service';
import { isRealtimeStatusByte, parseStatus, stateWording } from './status';
import { meaningfulBytes } from '../probe';
import type { DeviceKind } from '../registry';
import { defineDriver } from '../registry';

const escposSerial = defineDriver({
  id: 'printer/escpos-serial',
  description: 'ESC/POS printer on a serial port (RS-232 or USB virtual COM), GB18030 Chinese mode, status by DLE EOT',
  optionsSchema: escposSerialOptionsSchema,
  needsPort: true,
  create: ({ port, baud, options, log }) => {
    const { profile, flow, statusTimeoutMs, minJobTimeoutMs, idlePollMs, glyphFont } = options;
    return createPrinterService({ port: port!, baudRate: baud, profile: getProfile(profile), flow, statusTimeoutMs, minJobTimeoutMs, idlePollMs, glyphFont, log });
  },
});

/** The line rates ESC/POS printers ship with, most common first. */
export const commonPrinterBauds = [9600, 19200, 38400, 115200] as const;

export const printerKind: DeviceKind = {
  kind: 'printer',
  label: '打印机',
  drivers: [escposSerial],
  unconfigured: createUnconfiguredPrinterService,
  probe: {
    driver: escposSerial.id,
    bauds: commonPrinterBauds,
    order: 1,
    async identify(line, waitMs) {
      const replies: number[] = [];
      for (const n of [1, 2, 3, 4] as const) {
        // One status byte per request (detect.ts has already refused a line that talks unasked).
        // Most of the time goes to the first request: a printer that answers it answers the next ones at once.
        const wait = n === 1 ? waitMs * 0.55 : waitMs * 0.15;
        const reply = (await line.exchange(Uint8Array.from(cmd.realtimeStatus(n)), wait, (received) => meaningfulBytes(received) >= 1)).filter((b) => b !== 0x11 && b !== 0x13);
        if (reply.length !== 1 || !isRealtimeStatusByte(reply[0]!)) return null;
        replies.push(reply[0]!);
      }
      const report = parseStatus({ printer: replies[0]!, offlineCause: replies[1]!, errorCause: replies[2]!, paper: replies[3]! });
      return { detail: stateWording[report.state] };
    },
  },
};
