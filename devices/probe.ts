// How auto-detect asks a serial port what is on it (DESIGN.md §5). A kind's probe gets a line already open
// at one baud rate and may only send what is harmless to every other kind of device: the printer's probe sends
// real-time status requests only (DLE EOT n, never a byte that prints, feeds or cuts); the reader's SAM status
// request runs later, only on ports where no printer answered (see detect.ts for the order).

/** An open line at one baud rate, as a probe sees it. */
export interface ProbeLine {
  /**
   * Writes `bytes` (none: only listens) and collects what arrives until `isEnough(received)` or `waitMs`
   * passes, whichever is first. Bytes come back as received (XON/XOFF included: see `meaningfulBytes`).
   */
  exchange(bytes: Uint8Array, waitMs: number, isEnough?: (received: Uint8Array) => boolean): Promise<Uint8Array>;
}

export interface ProbeFinding {
  /** What the device said, for the technician (status, SAM id); never personal data. */
  detail: string;
}

export interface DeviceProbe {
  /** The driver a port is assigned when this probe recognises it. */
  readonly driver: string;
  /** Baud rates tried, most likely first. */
  readonly bauds: readonly number[];
  /** Lower runs first. A probe whose request could disturb another kind must run after that kind's probe. */
  readonly order: number;
  /** Recognises the device at this baud (null: not this kind, or not at this rate). */
  identify(line: ProbeLine, waitMs: number): Promise<ProbeFinding | null>;
}

/** Bytes other than XON/XOFF: a printer under flow control may send those on its own. */
export const meaningfulBytes = (bytes: Uint8Array): number => bytes.filter((b) => b !== 0x11 && b !== 0x13).length;
