// The ESC/POS commands this kiosk sends, byte for byte (spec §2). One place, so the encoder, the decoder's
// tests and the simulator agree on every value.
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const LF = 0x0a;

export const cmd = {
  /** ESC @: clear the print buffer and restore power-on modes; every job starts with it. */
  initialize: [ESC, 0x40],
  /** FS &: Chinese (Kanji) mode, bytes ≥ 0x81 lead 2- or 4-byte characters. */
  chineseOn: [FS, 0x26],
  /** FS .: back to 1-byte code pages. */
  chineseOff: [FS, 0x2e],
  /** ESC 2: default line spacing. */
  defaultLineSpacing: [ESC, 0x32],
  /** ESC a n: 0 left, 1 centre, 2 right (takes effect at the start of a line). */
  align: (n: 0 | 1 | 2) => [ESC, 0x61, n],
  /** ESC E n: bold on/off. */
  bold: (on: boolean) => [ESC, 0x45, on ? 1 : 0],
  /** GS ! n: width multiplier in bits 4–7, height in bits 0–3 (applies to ASCII and hanzi alike). */
  size: (width: 1 | 2, height: 1 | 2) => [GS, 0x21, ((width - 1) << 4) | (height - 1)],
  /** ESC d n: print the buffer and feed n lines. */
  feedLines: (n: number) => [ESC, 0x64, n],
  /** ESC J n: print the buffer and feed n dots. */
  feedDots: (n: number) => [ESC, 0x4a, n],
  /** GS V 65/66 n: feed to the cutter (+ n) then cut, full or partial (function B). */
  cut: (partial: boolean) => [GS, 0x56, partial ? 0x42 : 0x41, 0x00],
  /** GS r 1: transmit paper status; processed in order, so its reply acknowledges everything before it. */
  transmitPaperStatus: [GS, 0x72, 0x01],
  /** DLE EOT n: real-time status, answered at once even while offline (n = 1..4). */
  realtimeStatus: (n: 1 | 2 | 3 | 4) => [DLE, 0x04, n],
  /**
   * DLE ENQ n: real-time recovery, taken on receipt even while offline. n = 1: recover and restart from the
   * error line; n = 2: recover after clearing the receive and print buffers.
   */
  realtimeRecover: (n: 1 | 2) => [DLE, 0x05, n],
  /** DLE ENQ 2: drop everything the printer kept of an interrupted job, so its rest never prints. */
  clearBuffers: [DLE, 0x05, 0x02],
} as const;

const eccByte = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 } as const;
export type QrEcc = keyof typeof eccByte;

/** GS ( k with pL pH = the byte count of what follows them (cn fn parameters). */
function gsParenK(body: number[] | Uint8Array): number[] {
  const length = body.length;
  return [GS, 0x28, 0x6b, length & 0xff, (length >> 8) & 0xff, ...body];
}

/**
 * A native QR symbol (functions 165, 167, 169, 180, 181). The store length is counted in *bytes*
 * (k = pL + 256·pH − 3), which is exactly what node-thermal-printer gets wrong for non-ASCII data.
 */
export function qrNative(data: Uint8Array, moduleDots: number, ecc: QrEcc): number[] {
  return [
    ...gsParenK([0x31, 0x41, 0x32, 0x00]), // model 2
    ...gsParenK([0x31, 0x43, moduleDots]),
    ...gsParenK([0x31, 0x45, eccByte[ecc]]),
    ...gsParenK([0x31, 0x50, 0x30, ...data]),
    ...gsParenK([0x31, 0x51, 0x30]),
  ];
}

/** The largest band sent in one `GS v 0`: some clones refuse taller images in one command. */
export const rasterBandRows = 256;

/** GS v 0 m xL xH yL yH d…: a 1-bit image, MSB = leftmost dot, rows of `widthBytes` bytes, cut into bands. */
export function rasterImage(bits: Uint8Array, widthBytes: number, heightDots: number): number[] {
  const out: number[] = [];
  for (let top = 0; top < heightDots; top += rasterBandRows) {
    const rows = Math.min(rasterBandRows, heightDots - top);
    out.push(GS, 0x76, 0x30, 0x00, widthBytes & 0xff, widthBytes >> 8, rows & 0xff, rows >> 8);
    for (const byte of bits.subarray(top * widthBytes, (top + rows) * widthBytes)) out.push(byte);
  }
  return out;
}
