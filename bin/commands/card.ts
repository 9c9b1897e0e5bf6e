// `kioskctl card read`: the technician's test read of the ID-card reader.
//   card read --port PATH [--baud N] [--timeout MS] [--json] [--fingerprint] [--address]
// Exit codes: 0 a card was read; 2 no card within the timeout (plain message); 3 the port or the reader
// failed (cannot open, no answer, SAM fault, a card that stays unreadable), with the reason.
// --json prints exactly one IdentityCard object (src/domain/card.ts); the plain form masks name, number and
// address, since a screen in a public cabin may be seen by others.
import { parseArgs } from 'node:util';
import type { IdentityCard } from '../../src/domain/card';
import { isBaudRate } from '../../devices/idcard/commands';
import { createReaderSession } from '../../devices/idcard/readerSession';
import type { ReaderEvent } from '../../devices/idcard/readerSession';
import { createLogger } from '../../main/host/log';
import type { CommandGroup } from './types';
import { exitCodes } from './types';

const usage = 'usage: kioskctl card read --port PATH [--baud N] [--timeout MS] [--json] [--fingerprint] [--address]';

const cardTypeNames: Record<IdentityCard['cardType'], string> = {
  resident: '居民身份证 resident ID card',
  hkmotw: '港澳台居民居住证 HK/Macau/Taiwan residence permit',
  foreigner: '外国人永久居留身份证 foreign permanent residence card',
};

const maskName = (name: string) => (name.length <= 1 ? '*' : name.length === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`);
const maskNumber = (n: string) => (n.length <= 8 ? '*'.repeat(n.length) : `${n.slice(0, 4)}${'*'.repeat(n.length - 8)}${n.slice(-4)}`);
const maskAddress = (a: string) => (a.length <= 6 ? a : `${a.slice(0, 6)}${'*'.repeat(Math.min(8, a.length - 6))}`);

export function describeCard(card: IdentityCard): string {
  return [
    `证件类型 type:    ${cardTypeNames[card.cardType]}`,
    `姓名 name:        ${maskName(card.name)}`,
    `性别 sex:         ${card.sex}`,
    card.cardType === 'resident' ? `民族 nation:      ${card.nation} ${card.nationName}` : `国籍 nationality: ${card.nationName || '-'}`,
    `出生 birth:       ${card.birthDate}`,
    `住址 address:     ${card.address ? maskAddress(card.address) : '-'}`,
    `号码 number:      ${maskNumber(card.idNumber)} (${card.idNumberValid ? 'passes its checks' : 'FAILS its checks: verify the card by hand'})`,
    `签发 issuer:      ${card.issuer || '-'}`,
    `有效期 valid:     ${card.validFrom} – ${card.validTo ?? '长期 (no expiry)'}`,
    `照片 photo:       ${card.photoBytes} bytes (WLT, kept opaque)`,
    '(masked; --json prints every field)',
  ].join('\n');
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      baud: { type: 'string' },
      timeout: { type: 'string', default: '30000' },
      json: { type: 'boolean', default: false },
      fingerprint: { type: 'boolean', default: false },
      address: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  return { values, positionals };
}

async function read(argv: string[]): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return exitCodes.usage;
  }
  const { values } = args;
  const timeoutMs = Number(values.timeout);
  const baud = values.baud === undefined ? undefined : Number(values.baud);
  if (!values.port || !Number.isInteger(timeoutMs) || timeoutMs <= 0 || (baud !== undefined && !isBaudRate(baud))) {
    console.error(usage + (baud !== undefined && !isBaudRate(baud) ? `\n--baud must be one of 115200, 57600, 38400, 19200, 9600` : ''));
    return exitCodes.usage;
  }

  let settle: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (settle = resolve));
  let cardProblem: string | null = null;
  const onEvent = (event: ReaderEvent) => {
    switch (event.type) {
      case 'read':
        console.log(values.json ? JSON.stringify(event.card) : describeCard(event.card));
        settle(exitCodes.ok);
        return;
      case 'status':
        if (event.status.state === 'disconnected' || event.status.state === 'error') {
          console.error(`kioskctl card: reader ${event.status.state}: ${event.status.detail ?? 'no detail'}`);
          settle(exitCodes.device);
        } else if (!values.json && event.status.state === 'ready') {
          console.error(`reader ready (${event.status.detail ?? values.port}); place a card…`);
        }
        return;
      case 'error':
        cardProblem = event.detail;
        if (!values.json) console.error(`card present but not readable yet (${event.detail}); still trying…`);
        return;
      case 'inserted':
      case 'removed':
        return;
    }
  };

  const session = createReaderSession(
    {
      path: values.port,
      baud: baud ?? 115200,
      // An explicit --baud means "only this rate"; otherwise 115200 then the 9600 probe.
      fallbackBauds: baud === undefined ? [9600] : [],
      readFingerprint: values.fingerprint,
      readAdditionalAddress: values.address,
      log: createLogger('kioskctl/card', { level: (process.env.KIOSK_LOG_LEVEL as 'debug' | undefined) ?? 'warn' }),
    },
    onEvent,
  );
  session.start();
  const timer = setTimeout(() => {
    if (cardProblem) {
      console.error(`kioskctl card: a card was present but could not be read within ${timeoutMs} ms: ${cardProblem}`);
      settle(exitCodes.device);
    } else {
      console.error(`kioskctl card: no card read within ${timeoutMs} ms`);
      settle(exitCodes.timeout);
    }
  }, timeoutMs);
  const code = await done;
  clearTimeout(timer);
  await session.stop();
  return code;
}

const run: CommandGroup = async ([command, ...rest]) => {
  if (command === 'read') return read(rest);
  console.error(usage);
  return command === '--help' || command === 'help' ? exitCodes.ok : exitCodes.usage;
};
export default run;
