// Printer profiles: what one model family can do, as data (spec §6.1, schema after escpos-printer-db).
// A technician picks a profile by name in the printer settings; nothing else in the code branches on models.
import { z } from 'zod';
import { serialFlows } from '../serial';

/**
 * Which characters the device font can print, beyond ASCII:
 * - `gbk`: the cp936 table (GB2312 + GBK); e.g. 䶮 is missing;
 * - `gb18030-2b`: every 2-byte GB18030 code (includes 䶮 FE 9F), no 4-byte sequences (𠮷, ¥ U+00A5);
 * - `gb18030`: the full standard including 4-byte sequences.
 */
export const repertoires = ['gbk', 'gb18030-2b', 'gb18030'] as const;
export type Repertoire = (typeof repertoires)[number];

/**
 * How a model drops what it kept after stopping mid-job (paper end, cover open; spec §5.3, §6.5):
 * - `dleEnq2`: `DLE ENQ 2` (real-time, taken even while offline) clears the receive and print buffers;
 * - `none`: the model has no such command (or ignores it): the rest of an interrupted job prints when the
 *   printer recovers, and the transport can only report that.
 */
export const clearBuffersModes = ['dleEnq2', 'none'] as const;
export type ClearBuffersMode = (typeof clearBuffersModes)[number];


export const printerProfileSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** Printable dots per line: 384 (58 mm), 576 (80 mm at 203 dpi). */
  dotsPerLine: z.number().int().positive(),
  /** Font A columns per line (12-dot ASCII cells): 32 (58 mm), 48 (80 mm). A hanzi takes two. */
  columns: z.number().int().min(8),
  chinese: z.object({
    repertoire: z.enum(repertoires),
    /** Send `FS &` at the start of every job (default true; needed on Epson CN models, harmless on clones). */
    sendFsAmp: z.boolean().default(true),
  }),
  qr: z.object({
    /** `GS ( k` is supported; otherwise the host renders the symbol and sends `GS v 0`. */
    native: z.boolean(),
    /** Longest payload the model stores natively; longer ones fall back to the raster. */
    maxBytes: z.number().int().nonnegative(),
    /** Module size in dots (5–6 dots = 0.6–0.75 mm at 8 dots/mm scans well from a phone). */
    moduleDots: z.number().int().min(1).max(16),
    ecc: z.enum(['L', 'M', 'Q', 'H']),
  }),
  cut: z.object({
    /** `partial` = `GS V 66 0`, `full` = `GS V 65 0` (both feed to the cutter first); `none` = tear-off. */
    mode: z.enum(['partial', 'full', 'none']),
    /** Blank lines fed before the cut, as a bottom margin (default 3). */
    feedLines: z.number().int().min(0).max(20).default(3),
  }),
  serial: z.object({
    baudRate: z.number().int().positive(),
    /** XON/XOFF is the safe default: status bytes never collide with 0x11/0x13 (spec §5.2). */
    flow: z.enum(serialFlows),
  }),
  /** Chinese mode is on at power-up (most China-market models); the simulator uses it, the encoder does not rely on it. */
  chineseAtPowerOn: z.boolean(),
  /** After an error (default `{ clearBuffers: 'dleEnq2' }`; confirm on the real unit at bring-up, spec §7). */
  recovery: z.object({ clearBuffers: z.enum(clearBuffersModes).default('dleEnq2') }).default({ clearBuffers: 'dleEnq2' }),
});
export type PrinterProfile = z.infer<typeof printerProfileSchema>;

const profiles = {
  'epson-80': {
    name: 'epson-80',
    description: 'Epson-compatible 80 mm (TM-T82/T88 CN font models and true clones), native QR, partial cut',
    dotsPerLine: 576,
    columns: 48,
    chinese: { repertoire: 'gb18030', sendFsAmp: true },
    qr: { native: true, maxBytes: 7089, moduleDots: 6, ecc: 'M' },
    cut: { mode: 'partial', feedLines: 3 },
    serial: { baudRate: 9600, flow: 'xonxoff' },
    chineseAtPowerOn: false,
  },
  'epson-58': {
    name: 'epson-58',
    description: 'Epson-compatible 58 mm (384 dots), native QR, partial cut',
    dotsPerLine: 384,
    columns: 32,
    chinese: { repertoire: 'gb18030', sendFsAmp: true },
    qr: { native: true, maxBytes: 7089, moduleDots: 5, ecc: 'M' },
    cut: { mode: 'partial', feedLines: 3 },
    serial: { baudRate: 9600, flow: 'xonxoff' },
    chineseAtPowerOn: false,
  },
  'clone-80': {
    name: 'clone-80',
    description: 'Chinese ESC/POS clone 80 mm (XPrinter/GPrinter/HPRT class): 2-byte GB18030 font, native QR up to 255 bytes',
    dotsPerLine: 576,
    columns: 48,
    chinese: { repertoire: 'gb18030-2b', sendFsAmp: true },
    qr: { native: true, maxBytes: 255, moduleDots: 6, ecc: 'M' },
    cut: { mode: 'partial', feedLines: 3 },
    serial: { baudRate: 9600, flow: 'xonxoff' },
    chineseAtPowerOn: true,
  },
  'clone-58': {
    name: 'clone-58',
    description: 'Chinese ESC/POS clone 58 mm (POS-58/ZJ-58 class): 2-byte GB18030 font, no native QR (host raster), partial cut',
    dotsPerLine: 384,
    columns: 32,
    chinese: { repertoire: 'gb18030-2b', sendFsAmp: true },
    qr: { native: false, maxBytes: 0, moduleDots: 5, ecc: 'M' },
    cut: { mode: 'partial', feedLines: 3 },
    serial: { baudRate: 9600, flow: 'xonxoff' },
    chineseAtPowerOn: true,
  },
} as const satisfies Record<string, z.input<typeof printerProfileSchema>>;

export type ProfileName = keyof typeof profiles;
export const profileNames = Object.keys(profiles) as ProfileName[];
/** The profile used when a configuration names none. */
export const defaultProfileName: ProfileName = 'epson-80';

export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(profiles, name);
}

export class UnknownProfileError extends Error {
  readonly code = 'unknown_profile';
}

export function getProfile(name: string = defaultProfileName): PrinterProfile {
  if (!isProfileName(name)) throw new UnknownProfileError(`unknown printer profile "${name}" (known: ${profileNames.join(', ')})`);
  return printerProfileSchema.parse(profiles[name]);
}
