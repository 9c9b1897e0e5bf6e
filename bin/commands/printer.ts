// `kioskctl printer test|status`: the technician's check of a receipt printer on a serial port.
//   printer test --port PATH [--profile NAME] [--baud N]   prints the test page; 0 only if the printer was
//                                                          ready before and acknowledged the job after
//   printer status --port PATH [--json] [--profile NAME] [--baud N]
import { parseArgs } from 'node:util';
import { encodeReceipt } from '../../devices/printer/encoder';
import { createGlyphLineDrawer } from '../../devices/printer/glyphRaster';
import { defaultProfileName, getProfile, profileNames, UnknownProfileError } from '../../devices/printer/profiles';
import type { PrinterProfile } from '../../devices/printer/profiles';
import { closeSerial, openSerial } from '../../devices/serial';
import { stateWording } from '../../devices/printer/status';
import type { PrinterStatusReport } from '../../devices/printer/status';
import { buildTestPage } from '../../devices/printer/testPage';
import { PrinterLink } from '../../devices/printer/transport';
import type { CommandGroup } from './types';
import { exitCodes } from './types';

const usage = [
  'usage: kioskctl printer test --port PATH [--profile NAME] [--baud N]',
  '       kioskctl printer status --port PATH [--json] [--profile NAME] [--baud N]',
  '       kioskctl printer clear --port PATH [--profile NAME] [--baud N]   drop the rest of an interrupted receipt (DLE ENQ 2)',
  `profiles: ${profileNames.join(', ')} (default ${defaultProfileName})`,
].join('\n');

const hex = (n: number | null) => (n === null ? '--' : n.toString(16).padStart(2, '0'));

function describe(report: PrinterStatusReport): string {
  const paper = report.paperOut ? '缺纸 (out)' : report.paperNearEnd ? '将尽 (near end)' : '正常 (ok)';
  return [
    `state: ${report.state} — ${stateWording[report.state]}`,
    `online: ${report.online ? 'yes' : 'no'}   paper: ${paper}   cover: ${report.coverOpen ? 'open' : 'closed'}   error: ${report.error ? (report.cutterError ? 'cutter' : 'yes') : 'none'}`,
    `DLE EOT 1..4 replies: ${[report.raw.printer, report.raw.offlineCause, report.raw.errorCause, report.raw.paper].map(hex).join(' ')}`,
  ].join('\n');
}

interface Session {
  link: PrinterLink;
  close(): Promise<void>;
}

async function connect(path: string, profile: PrinterProfile, baud: number | undefined): Promise<Session> {
  const baudRate = baud ?? profile.serial.baudRate;
  const port = await openSerial({ path, baudRate, flow: profile.serial.flow });
  const link = new PrinterLink(port, { baudRate });
  return {
    link,
    async close() {
      link.detach();
      await closeSerial(port);
    },
  };
}

const run: CommandGroup = async (argv) => {
  const [command, ...rest] = argv;
  let values: { port?: string; profile?: string; baud?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { port: { type: 'string' }, profile: { type: 'string' }, baud: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return exitCodes.usage;
  }
  const baud = values.baud === undefined ? undefined : Number(values.baud);
  if ((command !== 'test' && command !== 'status' && command !== 'clear') || !values.port || (baud !== undefined && !(Number.isInteger(baud) && baud > 0))) {
    console.error(usage);
    return exitCodes.usage;
  }
  let profile: PrinterProfile;
  try {
    profile = getProfile(values.profile);
  } catch (error) {
    if (!(error instanceof UnknownProfileError)) throw error;
    console.error(error.message);
    return exitCodes.usage;
  }
  let session: Session;
  try {
    session = await connect(values.port, profile, baud);
  } catch (error) {
    console.error(`cannot open ${values.port}: ${(error as Error).message}`);
    return exitCodes.device;
  }
  try {
    if (command === 'clear') return await clear(session, profile);
    return command === 'status' ? await status(session, values.json ?? false) : await testPrint(session, profile);
  } finally {
    await session.close();
  }
};

/**
 * A printer that stopped mid-receipt (paper out, cover open) may keep the rest and print it when it recovers,
 * onto the next resident's slip. `clear` sends DLE ENQ 2 (real-time: taken even while offline; never prints)
 * whatever this process knows, since a restarted kiosk has forgotten. A model that cannot clear says so.
 */
async function clear(session: Session, profile: PrinterProfile): Promise<number> {
  const result = await session.link.clearStale({ force: true });
  if (result.status.state === 'noResponse') {
    console.error('no answer to DLE EOT: check power, cable, port and baud rate');
    return exitCodes.timeout;
  }
  if (result.handling === 'notClearable' || profile.recovery.clearBuffers === 'none') {
    console.log(`profile ${profile.name} cannot clear its buffers: switch the printer off and on, and tear off and destroy what it prints`);
    return exitCodes.device;
  }
  console.log(`cleared: the printer dropped any rest of an interrupted receipt (${describe(result.status)})`);
  return exitCodes.ok;
}

async function status(session: Session, json: boolean): Promise<number> {
  const report = await session.link.queryStatus();
  if (json) {
    const { online, paperOut, paperNearEnd, coverOpen, error } = report;
    console.log(JSON.stringify({ online, paperOut, paperNearEnd, coverOpen, error }));
  } else {
    console.log(describe(report));
  }
  if (report.state === 'noResponse') {
    console.error('no answer to DLE EOT: check power, cable, port and baud rate');
    return exitCodes.timeout;
  }
  return exitCodes.ok;
}

async function testPrint(session: Session, profile: PrinterProfile): Promise<number> {
  const encoded = encodeReceipt(buildTestPage(profile), profile, { drawLine: createGlyphLineDrawer() });
  if (encoded.drawn.length > 0) console.log(`note: ${encoded.drawn.length} character(s) not in this profile's font, drawn as images: ${encoded.drawn.map((r) => r.codePoint).join(' ')}`);
  if (encoded.replaced.length > 0) console.log(`note: ${encoded.replaced.length} character(s) not in this profile's font, printed as □: ${encoded.replaced.map((r) => r.codePoint).join(' ')}`);
  console.log(`sending the test page: ${encoded.bytes.length} bytes, profile ${profile.name}, QR ${encoded.qr.join('+')}`);
  const result = await session.link.print(encoded.bytes);
  console.log(`before: ${result.before.state}${result.after ? `   after: ${result.after.state}` : ''}   (${result.durationMs} ms)`);
  switch (result.outcome) {
    case 'printed':
      console.log('printed and acknowledged by the printer (GS r 1)');
      return exitCodes.ok;
    case 'refused':
      console.error(`not printed: ${stateWording[result.before.state]} (${result.before.state})`);
      return result.before.state === 'noResponse' ? exitCodes.timeout : exitCodes.device;
    case 'incomplete':
      console.error(`sent, but the printer reported a problem before finishing: ${stateWording[result.after?.state ?? 'offline']} (${result.after?.state})`);
      return exitCodes.device;
    case 'unknown':
      console.error('sent, but the printer never acknowledged the job: it may or may not have printed (not retried)');
      return exitCodes.timeout;
  }
}

export default run;
