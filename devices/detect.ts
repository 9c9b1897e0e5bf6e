// Auto-detect (DESIGN.md §5): which device, if any, answers on each candidate serial port. Every port is
// probed in parallel; on one port the kinds' probes run in their `order` (the printer's harmless DLE EOT
// first, so a SAM frame never reaches a printer that answered), each at its baud rates in turn.
// Harmless by construction: before any request the line must stay quiet (a port that talks unasked is noise
// or an unknown device, and gets nothing); the port is opened with an exclusive lock, so a port the running
// kiosk holds fails to open and is reported in use, never disturbed; the whole port stays within the timeout.
import { DeviceError } from './deviceError';
import type { OpenSerial, SerialLink } from './serial';
import { closeSerial, openSerial } from './serial';
import type { DeviceProbe, ProbeLine } from './probe';
import { meaningfulBytes } from './probe';
import type { DeviceKind } from './registry';

export interface DetectResult {
  /** The port exactly as given (a by-id symlink stays a symlink). */
  port: string;
  kind: string | null;
  driver: string | null;
  baud: number | null;
  /** What the device said, or why nothing was found (in use, noise, no answer, cannot open). */
  detail: string;
}

export interface DetectOptions {
  /** Budget per port, ms (default 3000); ports are probed in parallel. */
  timeoutMs?: number;
  /** Opens a port (default: serialport, with its exclusive lock). */
  open?: OpenSerial<ProbePort>;
}

type ProbePort = Pick<SerialLink, 'isOpen' | 'write' | 'flush' | 'on' | 'removeListener' | 'close'>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A line over an open port: collects replies per exchange. */
function probeLine(port: ProbePort): ProbeLine {
  return {
    exchange(bytes, waitMs, isEnough) {
      return new Promise((resolve) => {
        let received = new Uint8Array(0);
        const finish = () => {
          clearTimeout(timer);
          port.removeListener('data', onData);
          resolve(received);
        };
        const onData = (chunk: Buffer) => {
          const next = new Uint8Array(received.length + chunk.length);
          next.set(received);
          next.set(chunk, received.length);
          received = next;
          if (isEnough?.(received)) finish();
        };
        const timer = setTimeout(finish, Math.max(1, waitMs));
        port.on('data', onData);
        if (bytes.length > 0) port.write(bytes);
      });
    },
  };
}

const isLockError = (error: unknown) => error instanceof DeviceError && /lock|resource temporarily unavailable|busy/i.test(error.message);

/** Probes one port; never throws. */
export async function probePort(path: string, kinds: readonly DeviceKind[], options: DetectOptions = {}): Promise<DetectResult> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const open = options.open ?? openSerial;
  const deadline = Date.now() + timeoutMs;
  const attempts = kinds
    .filter((k): k is DeviceKind & { probe: DeviceProbe } => k.probe !== undefined)
    .sort((a, b) => a.probe.order - b.probe.order)
    .flatMap((kind) => kind.probe.bauds.map((baud) => ({ kind, baud })));
  const none = (detail: string): DetectResult => ({ port: path, kind: null, driver: null, baud: null, detail });
  // Each attempt: a quiet listen (up to 100 ms) and the probe's own exchanges; the last fifth of the budget
  // is slack for opening and closing the port.
  const perAttempt = (timeoutMs * 0.8) / Math.max(1, attempts.length);
  for (const { kind, baud } of attempts) {
    if (Date.now() + perAttempt > deadline) return none(`no answer within ${timeoutMs} ms`);
    let port: ProbePort;
    try {
      port = await open({ path, baudRate: baud });
    } catch (error) {
      if (isLockError(error)) return none('in use (held by another program, e.g. the running kiosk); not probed');
      return none(error instanceof Error ? error.message : String(error));
    }
    try {
      // A late reply to the previous rate's probe may still sit in the OS buffer: drop it before listening.
      await new Promise<void>((resolve) => port.flush(() => resolve()));
      const line = probeLine(port);
      const quietMs = Math.min(100, perAttempt / 5);
      const unasked = await line.exchange(new Uint8Array(0), quietMs);
      if (meaningfulBytes(unasked) > 0) return none(`sends data unasked (${unasked.length} bytes at ${baud} baud); not a known device, nothing sent`);
      const found = await kind.probe.identify(line, perAttempt - quietMs);
      if (found) return { port: path, kind: kind.kind, driver: kind.probe.driver, baud, detail: found.detail };
    } catch (error) {
      return none(`probe failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await closeSerial(port);
      await sleep(5); // let the OS release the lock before the next rate reopens it
    }
  }
  return none(attempts.length === 0 ? 'no device kind can be detected' : 'no known device answered');
}

/** Probes every port in parallel; one result per port, in the order given. */
export function detectDevices(ports: readonly string[], kinds: readonly DeviceKind[], options: DetectOptions = {}): Promise<DetectResult[]> {
  return Promise.all([...new Set(ports)].map((port) => probePort(port, kinds, options)));
}

/**
 * Which port to use for each kind: the first port each kind was found on. A kind found on two ports is
 * ambiguous and assigned nowhere (the technician decides); the results say where it was seen.
 */
export function assignDevices(results: readonly DetectResult[]): Record<string, { driver: string; port: string; baud: number }> {
  const byKind = new Map<string, DetectResult[]>();
  for (const r of results) if (r.kind) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
  const assignment: Record<string, { driver: string; port: string; baud: number }> = {};
  for (const [kind, found] of byKind) {
    if (found.length === 1) assignment[kind] = { driver: found[0]!.driver!, port: found[0]!.port, baud: found[0]!.baud! };
  }
  return assignment;
}
