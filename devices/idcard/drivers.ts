// The ID-card reader kind (DESIGN.md §5): its drivers, the stand-in while none is configured, and how
// auto-detect recognises a reader (the SAM status request `11 FF`, answered by every GA 467 reader).
import { command, encodeRequest } from './commands';
import { parseFrames } from './frame';
import { samSerialOptionsSchema, simOptionsSchema } from './options';
import { createIdcardService, createSimulatedIdcardService, createUnconfiguredIdcardService } from './service';
import { describeStatus } from './status';
import type { DeviceKind } from '../registry';
import { defineDriver } from '../registry';

const samSerial = defineDriver({
  id: 'idcard/sam-serial',
  description: 'GA 467 "SAM" ID-card reader on a serial port (RS-232 or USB virtual COM), 115200 8N1 with a 9600 probe',
  optionsSchema: samSerialOptionsSchema,
  needsPort: true,
  create: ({ port, baud, options, log }) => createIdcardService({ ...options, port: port!, baud, log }),
});

const sim = defineDriver({
  id: 'idcard/sim',
  description: 'the byte-exact simulator on an internal pseudo-terminal pair, driven by the sam-serial driver (development)',
  optionsSchema: simOptionsSchema,
  needsPort: false,
  create: ({ baud, options, log }) => createSimulatedIdcardService({ ...options, baud, log }),
});

export const idcardKind: DeviceKind = {
  kind: 'idcard',
  label: '身份证阅读器',
  drivers: [samSerial, sim],
  unconfigured: createUnconfiguredIdcardService,
  probe: {
    driver: samSerial.id,
    bauds: [115200, 9600],
    // After the printer's probe: a SAM frame is not a printer command and could print as text.
    order: 2,
    async identify(line, waitMs) {
      const reply = await line.exchange(encodeRequest(command('samStatus')), waitMs, (received) => parseFrames(received).frames.length > 0);
      const frame = parseFrames(reply).frames[0];
      return frame ? { detail: `SAM ${describeStatus(frame.sw3).zh}` } : null;
    },
  },
};
