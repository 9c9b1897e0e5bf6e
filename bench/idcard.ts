// Benchmark: from a card appearing on the simulated reader (bytes paced at 115200 baud over a real pty pair)
// to the `card.read` event, against the pure wire time of the frames exchanged at 115200 plus one polling
// interval, both measured in this run. Aim: ratio ≤ 1.10 (the driver adds under 10%).
//   npx tsx bench/idcard.ts [--runs N] [--card NAME] [--poll MS]
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { transferMs } from '../devices/idcard/commands';
import { createReaderSession } from '../devices/idcard/readerSession';
import type { ReaderEvent } from '../devices/idcard/readerSession';
import { loadSimCard } from '../devices/sim/idcardCard';
import { startIdcardSimulator } from '../devices/sim/idcardSim';
import { openPtyPair } from '../devices/sim/ptyPair';

const BAUD = 115200;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '12' }, card: { type: 'string', default: 'resident' }, poll: { type: 'string', default: '400' } } });
  const runs = Number(values.runs);
  const pollMs = Number(values.poll);
  const card = loadSimCard(join(import.meta.dirname, '../devices/sim/cards', `${values.card}.json`));

  const pair = await openPtyPair();
  let findAt = 0;
  let armed = false;
  const sim = await startIdcardSimulator({
    path: pair.simPath,
    card: null,
    faults: ['pace'],
    baud: BAUD,
    onRequest: (cmd, para) => {
      if (armed && cmd === 0x20 && para === 0x01) {
        findAt = performance.now(); // the first find after the card appeared: the one that finds it
        armed = false;
      }
    },
  });
  const waiters: ((e: ReaderEvent) => void)[] = [];
  const session = createReaderSession({ path: pair.devicePath, baud: BAUD, pollIntervalMs: pollMs }, (e) => waiters.splice(0).forEach((w) => w(e)));
  const next = (type: ReaderEvent['type'], predicate: (e: ReaderEvent) => boolean = () => true) =>
    new Promise<ReaderEvent>((resolve) => {
      const listen = (e: ReaderEvent) => (e.type === type && predicate(e) ? resolve(e) : waiters.push(listen));
      waiters.push(listen);
    });

  const ready = next('status', (e) => e.type === 'status' && e.status.state === 'ready');
  session.start();
  await ready;

  const rows: { total: number; wire: number; ratio: number; cycle: number; cycleRatio: number; bytes: number }[] = [];
  for (let i = 0; i < runs; i++) {
    // Place the card at a different phase of the poll each time, so the wait for the next poll is sampled evenly.
    await new Promise((r) => setTimeout(r, (i * pollMs) / runs + 50));
    const before = { ...sim.stats };
    const read = next('read');
    armed = true;
    const appeared = performance.now();
    sim.setCard(card);
    await read;
    const done = performance.now();
    const bytes = sim.stats.bytesIn - before.bytesIn + (sim.stats.bytesOut - before.bytesOut);
    const wire = transferMs(bytes, BAUD);
    const total = done - appeared;
    const cycle = done - findAt;
    rows.push({ total, wire, ratio: total / (wire + pollMs), cycle, cycleRatio: cycle / wire, bytes });
    const removed = next('removed');
    sim.setCard(null);
    await removed;
  }
  await session.stop();
  await sim.close();
  await pair.close();

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const fmt = (n: number) => n.toFixed(1).padStart(7);
  console.log(`ID-card read latency, ${values.card}, ${runs} runs, poll ${pollMs} ms, simulator paced at ${BAUD} baud over a pty pair`);
  console.log(' run   appear→read ms   wire ms   bytes   ratio vs (wire+poll)   find→read ms   ratio vs wire');
  rows.forEach((r, i) => console.log(`${String(i + 1).padStart(4)}   ${fmt(r.total)}        ${fmt(r.wire)}   ${String(r.bytes).padStart(5)}   ${r.ratio.toFixed(3).padStart(10)}             ${fmt(r.cycle)}     ${r.cycleRatio.toFixed(3).padStart(8)}`));
  const worst = Math.max(...rows.map((r) => r.ratio));
  console.log(`mean ratio vs (wire + one poll interval): ${mean(rows.map((r) => r.ratio)).toFixed(3)}; worst ${worst.toFixed(3)} (aim ≤ 1.10)`);
  console.log(`mean ratio of the find→read exchange vs its wire time: ${mean(rows.map((r) => r.cycleRatio)).toFixed(3)} (driver + pty overhead on the exchange itself)`);
  console.log(worst <= 1.1 ? 'OK: the driver adds under 10% on top of wire time plus one polling interval' : 'ABOVE AIM: see the per-run table');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
