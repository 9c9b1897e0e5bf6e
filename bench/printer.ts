// Benchmark: a 30-line receipt sent through the whole driver (DLE EOT 1..4 before, the job, GS r 1
// acknowledgement, DLE EOT 1..4 after) to the printer simulator on a real pty pair, with the simulator taking
// bytes in at 9600 and 115200 baud. Baseline, measured in the same run on the same link: the same bytes
// written raw, timed until the printer answers the job's trailing GS r 1 (pure transfer + one reply byte).
// Also printed: the theoretical wire time (10 bits a byte). Aim: driver/baseline ≤ 1.10 at 9600 baud.
//   npx tsx bench/printer.ts [--runs N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeReceipt } from '../devices/printer/encoder';
import { getProfile } from '../devices/printer/profiles';
import type { ProfileName } from '../devices/printer/profiles';
import { closeSerial, openSerial } from '../devices/serial';
import { PrinterLink } from '../devices/printer/transport';
import { openPtyPair } from '../devices/sim/ptyPair';
import { startPrinterSimulator } from '../devices/sim/printerSim';
import { sampleReceipt } from '../devices/sim/printerSamples';
import type { ReceiptDocument } from '../src/domain/receipt';
import { buildApplicationReceipt } from '../src/domain/receiptTemplate';

/** The sample receipt, with optional parts and materials chosen so that it prints exactly 30 text lines. */
function thirtyLineReceipt(profile: ProfileName): ReceiptDocument {
  const extra = ['身体条件证明', '授权委托书', '结婚证', '学历证明'].map((name) => ({ name, status: 'received' as const }));
  const materials = [...(sampleReceipt.materials ?? []), ...extra];
  for (let count = 0; count <= materials.length; count++) {
    for (const receivedAtPlace of [sampleReceipt.receivedAtPlace, undefined]) {
      for (const consultPhone of [sampleReceipt.consultPhone, undefined]) {
        const doc = buildApplicationReceipt({ ...sampleReceipt, receivedAtPlace, consultPhone, materials: materials.slice(0, count) });
        if (encodeReceipt(doc, getProfile(profile)).lines.length === 30) return doc;
      }
    }
  }
  throw new Error('could not make a 30-line receipt');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function measure(profileName: ProfileName, baud: number, runs: number) {
  const profile = getProfile(profileName);
  const bytes = encodeReceipt(thirtyLineReceipt(profileName), profile).bytes;
  const outDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-printer-'));
  const pair = await openPtyPair();
  const sim = await startPrinterSimulator({ path: pair.simPath, outDir, profile: profileName, paceBaud: baud, skipPng: true });
  const port = await openSerial({ path: pair.devicePath, baudRate: baud, flow: 'xonxoff' });
  const link = new PrinterLink(port, { baudRate: baud });
  const driver: number[] = [];
  const raw: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // Baseline: raw bytes, until the reply to the job's own GS r 1.
      const start = performance.now();
      const reply = new Promise<void>((resolve) => {
        const onData = (chunk: Buffer) => {
          if (chunk.some((b) => (b & 0x90) === 0)) {
            port.removeListener('data', onData);
            resolve();
          }
        };
        port.on('data', onData);
      });
      link.detach(); // the baseline reads the reply itself
      port.write(Buffer.from(bytes));
      await reply;
      raw.push(performance.now() - start);
      const measured = new PrinterLink(port, { baudRate: baud });
      const t0 = performance.now();
      const result = await measured.print(bytes, `bench-${i}`);
      driver.push(performance.now() - t0);
      measured.detach();
      if (result.outcome !== 'printed') throw new Error(`job ${i} at ${baud}: ${result.outcome}`);
    }
    await sim.waitForJobs(2 * runs, 60_000);
  } finally {
    await closeSerial(port);
    await sim.close();
    await pair.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  const wire = (bytes.length * 10 * 1000) / baud;
  return { profileName, baud, bytes: bytes.length, wire, raw: median(raw), driver: median(driver) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const runs = Number(values.runs);
  console.log(`30-line receipt, median of ${runs} runs; baseline = the same bytes written raw until the printer's GS r 1 reply`);
  console.log('profile     baud    bytes   wire ms   baseline ms   driver ms   driver/baseline   baseline/wire');
  for (const [profile, baud] of [
    ['epson-80', 9600],
    ['epson-80', 115200],
    ['clone-58', 9600],
    ['clone-58', 115200],
  ] as const) {
    const r = await measure(profile, baud, runs);
    console.log(
      `${r.profileName.padEnd(10)} ${String(r.baud).padStart(6)} ${String(r.bytes).padStart(8)} ${r.wire.toFixed(0).padStart(9)} ${r.raw.toFixed(0).padStart(13)} ${r.driver.toFixed(0).padStart(11)} ${(r.driver / r.raw).toFixed(2).padStart(17)} ${(r.raw / r.wire).toFixed(2).padStart(15)}`,
    );
  }
  console.log('(clone-58 sends the QR as a host raster, GS v 0; epson-80 uses the printer-side GS ( k)');
  console.log('aim: keep driver/baseline where issue 14 found it, 1.01–1.08');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
