// The whole kiosk for an end-to-end test, built from real parts: the hub (in-memory PGlite) with an
// enrolment code, the ID-card reader and receipt printer simulators on socat pseudo-terminals, and the
// Chromium host as its own process talking to all three, with a fresh data folder.
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
import { createEnrolmentCode, startHub } from '../../../hub';
import { addDays, chinaToday, systemClock } from '../../../src/domain/clock';
import type { RunningHubHandle } from '../../../hub';
import { repoRoot, startKiosk } from './kioskHost';
import type { RunningKiosk } from './kioskHost';

export interface Stack {
  hub: RunningHubHandle;
  card: IdcardSimulator;
  printer: PrinterSimulator;
  kiosk: RunningKiosk;
  receiptsDir: string;
  /** Places a sample card (devices/sim/cards/NAME.json) on the reader, valid from today for years. */
  insertCard(name?: string): void;
  removeCard(): void;
  close(): Promise<void>;
}

export interface StackOptions {
  idleSeconds?: number;
  countdownSeconds?: number;
  printerState?: SimState;
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
  const hub = await startHub({ port: 0, dataDir: join(dir, 'hub'), databaseUrl: 'memory://', log: false, catalogFile });
  const { code } = await createEnrolmentCode(hub.db, '420200-001');
  const cardPair = await openPtyPair({ dir, names: ['idcard', 'idcard-sim'] });
  const printerPair = await openPtyPair({ dir, names: ['printer', 'printer-sim'] });
  const card = await startIdcardSimulator({ path: cardPair.simPath, card: null });
  const printer = await startPrinterSimulator({ path: printerPair.simPath, outDir: receiptsDir, state: options.printerState ?? 'ready' });
  const kiosk = await startKiosk({
    KIOSK_HUB_URL: hub.url,
    KIOSK_HUB_ENROLMENT_CODE: code,
    KIOSK_IDCARD_PORT: cardPair.devicePath,
    KIOSK_PRINTER_PORT: printerPair.devicePath,
    KIOSK_IDLE_SECONDS: String(options.idleSeconds ?? 300),
    KIOSK_IDLE_COUNTDOWN_SECONDS: String(options.countdownSeconds ?? 20),
  });
  return {
    hub,
    card,
    printer,
    kiosk,
    receiptsDir,
    insertCard: (name = 'resident-hubei') => card.setCard(validForYears(loadSimCard(join(repoRoot, 'devices', 'sim', 'cards', `${name}.json`)))),
    removeCard: () => card.setCard(null),
    async close() {
      await kiosk.stop();
      await Promise.allSettled([card.close(), printer.close()]);
      await Promise.allSettled([cardPair.close(), printerPair.close()]);
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
