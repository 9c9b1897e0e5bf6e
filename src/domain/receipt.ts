// The printer-level document: what a receipt says and how it is laid out, independent of the printer model.
// The renderer builds it (from src/domain/receiptTemplate.ts), it crosses the bridge as JSON, and the host's
// ESC/POS encoder (devices/printer) turns it into bytes for one printer profile: wrapping, columns and the
// two-column width of a hanzi are the encoder's job, so a document fits 58 mm and 80 mm paper alike.
import { z } from 'zod';

export const receiptAligns = ['left', 'center', 'right'] as const;
export type ReceiptAlign = (typeof receiptAligns)[number];

/** `double` doubles width and height (headings); a double-width line has half the columns. */
export const receiptSizes = ['normal', 'doubleHeight', 'doubleWidth', 'double'] as const;
export type ReceiptSize = (typeof receiptSizes)[number];

/** QR payloads stay printable ASCII: printers pick QR modes themselves, so non-ASCII is model-dependent. */
export const qrPayloadSchema = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[\x20-\x7e]+$/, 'a QR payload must be printable ASCII (a URL and an id)');

const textLine = z.object({
  type: z.literal('text'),
  /** `\n` breaks the line; longer text wraps at the printer's columns. */
  text: z.string().max(4000),
  /** Default left. */
  align: z.enum(receiptAligns).default('left'),
  /** Default false. */
  bold: z.boolean().default(false),
  /** Default normal. */
  size: z.enum(receiptSizes).default('normal'),
});

/** `label value` in two columns; consecutive rows share one label column, so their values line up. */
const rowLine = z.object({
  type: z.literal('row'),
  label: z.string().max(40),
  value: z.string().max(1000),
  /** Default false. */
  bold: z.boolean().default(false),
  /** Where the value sits in its column (default left; right suits amounts and counts). */
  valueAlign: z.enum(['left', 'right']).default('left'),
});

const separatorLine = z.object({
  type: z.literal('separator'),
  /** An ASCII character repeated over the full width (default `-`); box-drawing glyphs vary by model. */
  char: z.enum(['-', '=', '*', '.', '_', ' ']).default('-'),
});

const qrLine = z.object({
  type: z.literal('qr'),
  data: qrPayloadSchema,
  /** Default center (the quiet zone on both sides is then the paper margin). */
  align: z.enum(receiptAligns).default('center'),
});

const feedLine = z.object({
  type: z.literal('feed'),
  /** Blank lines to feed (default 1). */
  lines: z.number().int().min(1).max(10).default(1),
});

/** Feed to the cutter and cut; the profile decides how (partial, full, or tear-off where there is no cutter). */
const cutLine = z.object({ type: z.literal('cut') });

export const receiptLineSchema = z.discriminatedUnion('type', [textLine, rowLine, separatorLine, qrLine, feedLine, cutLine]);
export type ReceiptLine = z.infer<typeof receiptLineSchema>;
export type ReceiptLineInput = z.input<typeof receiptLineSchema>;

export const receiptDocumentSchema = z.object({
  lines: z.array(receiptLineSchema).min(1).max(500),
});
export type ReceiptDocument = z.infer<typeof receiptDocumentSchema>;
export type ReceiptDocumentInput = z.input<typeof receiptDocumentSchema>;

/** The mark every reprinted receipt carries at the top, so two copies of one receipt can be told apart. */
export const reprintMark = '重打';
const reprintLine: ReceiptLine = { type: 'text', text: `【${reprintMark}】`, align: 'center', bold: true, size: 'double' };

export function isReprint(document: ReceiptDocument): boolean {
  const first = document.lines[0];
  return first?.type === 'text' && first.text === `【${reprintMark}】`;
}

/** Prepends the reprint mark once (marking twice changes nothing). */
export function markReprint(document: ReceiptDocument): ReceiptDocument {
  if (isReprint(document)) return document;
  return { ...document, lines: [reprintLine, ...document.lines] };
}
