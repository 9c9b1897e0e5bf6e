// QR symbols built on the host: for profiles without `GS ( k` (a 1-bit raster sent with `GS v 0`) and for
// the simulator, which redraws what a native `GS ( k` would print. Both use the same `qrcode` library, so
// a preview shows the symbol the printer would make from those bytes.
import QRCode from 'qrcode';
import type { QrEcc } from './commands';

export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  size: number;
  isDark(row: number, col: number): boolean;
}

export function qrMatrix(data: string, ecc: QrEcc): QrMatrix {
  const symbol = QRCode.create(data, { errorCorrectionLevel: ecc });
  const { size } = symbol.modules;
  return { size, isDark: (row, col) => symbol.modules.get(row, col) === 1 };
}

export interface Bitmap {
  widthDots: number;
  widthBytes: number;
  heightDots: number;
  /** Rows of `widthBytes`, MSB first, 1 = black (the `GS v 0` layout). */
  bits: Uint8Array;
}

/**
 * The symbol as a 1-bit bitmap at `moduleDots` per module, with `quietModules` of white around it (the
 * paper is white anyway, but a scanner needs the margin to be part of what it sees as the symbol's area).
 */
export function qrBitmap(matrix: QrMatrix, moduleDots: number, quietModules = 2): Bitmap {
  const side = (matrix.size + 2 * quietModules) * moduleDots;
  const widthBytes = Math.ceil(side / 8);
  const bits = new Uint8Array(widthBytes * side);
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (!matrix.isDark(row, col)) continue;
      const y0 = (row + quietModules) * moduleDots;
      const x0 = (col + quietModules) * moduleDots;
      for (let y = y0; y < y0 + moduleDots; y++) {
        for (let x = x0; x < x0 + moduleDots; x++) {
          const index = y * widthBytes + (x >> 3);
          bits[index] = (bits[index] ?? 0) | (0x80 >> (x & 7));
        }
      }
    }
  }
  return { widthDots: side, widthBytes, heightDots: side, bits };
}

/** RGBA pixels of a 1-bit bitmap (for jsQR and for checks), black on white. */
export function bitmapToRgba(bitmap: Bitmap): Uint8ClampedArray {
  const { widthDots, widthBytes, heightDots, bits } = bitmap;
  const rgba = new Uint8ClampedArray(widthDots * heightDots * 4).fill(255);
  for (let y = 0; y < heightDots; y++) {
    for (let x = 0; x < widthDots; x++) {
      if (((bits[y * widthBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0) continue;
      const i = (y * widthDots + x) * 4;
      rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
    }
  }
  return rgba;
}
