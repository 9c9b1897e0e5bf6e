// The whole kiosk for an end-to-end test, built from real parts: the hub (in-memory PGlite) with an
// enrolment code, the ID-card reader and receipt printer simulators on socat pseudo-terminals, and the
// Chromium host as its own process talking to all three, with a fresh data folder. The hub can go away and
// come back on the same port and database, and the kiosk host can be stopped and started again on the same
// data folder and port, as a power cut or an update would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSimCard } from '../../../devices/sim/idcardCard';
import type { SimCard } from '../../../devices/sim/idcardCard';
import { startIdcardSimulator } from '../../../devices/sim/idcardSim';
import type { IdcardSimulator } from '../../../devices/sim/idcardSim';
import { startPrinterSimulator } from '../../../devices/sim/printerSim';
import type { PrinterSimulator, SimState } from '../../../devices/sim/printerSim';
import { openPtyPair } from '../../../devices/sim/ptyPair';
import { createEnrolmentCode, openDb, startHub } from '../../../hub';
import { addDays, chinaToday, systemClock } from '../../../src/domain/clock';
import type { RunningHubHandle } from '../../../hub';
import { repoRoot, startKiosk } from './kioskHost';
import type { RunningKiosk } from './kioskHost';

export interface Stack {
  /** The running hub (throws while it is stopped). */
  readonly hub: RunningHubHandle;
  card: IdcardSimulator;
  printer: PrinterSimulator;
  readonly kiosk: RunningKiosk;
  /** Closes the hub's HTTP server; its database stays (a hub that went away, not one that lost its data). */
  stopHub(): Promise<void>;
  /** Starts the hub again on the same port and database. */
  startHub(): Promise<void>;
  /** Stops the kiosk host and starts it again on the same data folder and devices, and port unless given one. */
  restartKiosk(options?: { port?: number }): Promise<void>;
  receiptsDir: string;
  /** The one-time code made for this kiosk's site; the kiosk was given it unless started with `hubLink: false`. */
  enrolmentCode: string;
  /** Places a sample card (devices/sim/cards/NAME.json) on the reader, valid from today for years. */
  insertCard(name?: string): void;
  removeCard(): void;
  close(): Promise<void>;
}

export interface StackOptions {
  idleSeconds?: number;
  countdownSeconds?: number;
  printerState?: SimState;
  /** More environment for the kiosk host (e.g. KIOSK_DETECT_PORTS for the maintenance detect test). */
  kioskEnv?: NodeJS.ProcessEnv;
  /** Start the hub with its opening key for the back office (`officeKeyFile`, ADR 0017); default false. */
  officeKey?: boolean;
  /** The kiosk's data folder (default: a fresh one), e.g. on a small tmpfs for the full-disk test; deleted on close. */
  kioskDataDir?: string;
  /** false: the kiosk starts with no hub URL and no enrolment code, as a new cabin before its technician (default true). */
  hubLink?: boolean;
}

/**
 * The card with a validity counted from today in China, so the kiosk, which refuses expired cards by its real
 * clock, takes it on any day (the file's own dates would pass one day); a long-term (长期) card stays as it is.
 */
function validForYears(card: SimCard): SimCard {
  if (card.fields.validTo === '长期') return card;
  const compact = (day: string) => day.replaceAll('-', '');
  const today = chinaToday(systemClock);
  return { ...card, fields: { ...card.fields, validFrom: compact(addDays(today, -365)), validTo: compact(addDays(today, 5 * 365)) } } as SimCard;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-stack-'));
  const receiptsDir = join(dir, 'receipts');
  // The hub publishes the catalogue the kiosk ships, as `kioskctl hub start` does by default.
  const catalogFile = join(repoRoot, 'src', 'domain', 'catalogData', 'catalog.json');
  // The database is opened here and handed to the hub, so a stopped hub comes back with what it had.
  const db = await openDb({ databaseUrl: 'memory://' });
  const hubOptions = { dataDir: join(dir, 'hub'), db, log: false as const, catalogFile, officeKeyFile: options.officeKey ? join(dir, 'hub', 'keys', 'hpke-x25519.pem') : undefined };
  let hub: RunningHubHandle | undefined = await startHub({ ...hubOptions, port: 0 });
  const hubPort = Number(new URL(hub.url).port);
  const { code } = await createEnrolmentCode(db, '420200-001');
  const cardPair = await openPtyPair({ dir, names: ['idcard', 'idcard-sim'] });
  const printerPair = await openPtyPair({ dir, names: ['printer', 'printer-sim'] });
  const card = await startIdcardSimulator({ path: cardPair.simPath, card: null });
  const printer = await startPrinterSimulator({ path: printerPair.simPath, outDir: receiptsDir, state: options.printerState ?? 'ready' });
  const kioskEnv = {
    ...(options.hubLink === false ? {} : { KIOSK_HUB_URL: hub.url, KIOSK_HUB_ENROLMENT_CODE: code }),
    KIOSK_IDCARD_PORT: cardPair.devicePath,
    KIOSK_PRINTER_PORT: printerPair.devicePath,
    KIOSK_IDLE_SECONDS: String(options.idleSeconds ?? 300),
    KIOSK_IDLE_COUNTDOWN_SECONDS: String(options.countdownSeconds ?? 20),
    KIOSK_STAFFED_HOURS: '工作日 9:00–17:00',
    ...options.kioskEnv,
  };
  let kiosk = await startKiosk(kioskEnv, { dataDir: options.kioskDataDir });
  return {
    get hub() {
      if (!hub) throw new Error('the hub is stopped');
      return hub;
    },
    card,
    printer,
    get kiosk() {
      return kiosk;
    },
    async stopHub() {
      await hub?.close();
      hub = undefined;
    },
    async startHub() {
      hub ??= await startHub({ ...hubOptions, port: hubPort });
    },
    async restartKiosk({ port = kiosk.port } = {}) {
      await kiosk.stop({ keepData: true });
      kiosk = await startKiosk(kioskEnv, { dataDir: kiosk.dataDir, port });
    },
    receiptsDir,
    enrolmentCode: code,
    insertCard: (name = 'resident-hubei') => card.setCard(validForYears(loadSimCard(join(repoRoot, 'devices', 'sim', 'cards', `${name}.json`)))),
    removeCard: () => card.setCard(null),
    async close() {
      await kiosk.stop();
      await Promise.allSettled([card.close(), printer.close()]);
      await Promise.allSettled([cardPair.close(), printerPair.close()]);
      await hub?.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
