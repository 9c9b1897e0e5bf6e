// The QR code scans: the symbol is rebuilt from what the bytes say (native GS ( k parameters, or the GS v 0
// bitmap itself), drawn into the receipt PNG, and read back with jsQR from the picture's pixels.
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../devices/printer/encoder';
import { getProfile } from '../../devices/printer/profiles';
import { renderPage } from '../../devices/sim/printerRender';
import type { ReceiptDocumentInput } from '../../src/domain/receipt';
import { buildApplicationReceipt, receiptQrPayload } from '../../src/domain/receiptTemplate';
import { decodeJob } from './decodePage';
import { sampleReceipt } from './fixtures';

const payload = receiptQrPayload(sampleReceipt.queryUrl, sampleReceipt.receiptNo);

function scan(profileName: string, document: ReceiptDocumentInput = buildApplicationReceipt(sampleReceipt)) {
  const profile = getProfile(profileName);
  const encoded = encodeReceipt(document, profile);
  const page = decodeJob(encoded.bytes, profile).pages[0]!;
  const image = renderPage(page, profile.dotsPerLine);
  return { encoded, page, image, scanned: jsQR(image.pixels, image.width, image.height)?.data ?? null };
}

describe('QR on the rendered receipt', () => {
  it('native GS ( k (epson-80): the PNG scans to the status-query payload', () => {
    const { encoded, scanned, image } = scan('epson-80');
    expect(encoded.qr).toEqual(['native']);
    expect(scanned).toBe(payload);
    expect(image.width).toBe(576 + 32);
  });

  it('host raster GS v 0 (clone-58): the bitmap itself scans, and so does the PNG', () => {
    const { encoded, page, scanned, image } = scan('clone-58');
    expect(encoded.qr).toEqual(['raster']);
    expect(page.blocks.find((b) => b.kind === 'raster')).toMatchObject({ qrPayload: payload });
    expect(scanned).toBe(payload);
    expect(image.width).toBe(384 + 32);
  });

  it('falls back to the raster when the payload is longer than the model stores (clone-80: 255 bytes)', () => {
    const long = 'https://zwfw.example.cn/q?r=' + 'A'.repeat(260);
    const doc: ReceiptDocumentInput = { lines: [{ type: 'qr', data: long }, { type: 'cut' }] };
    const { encoded, scanned } = scan('clone-80', doc);
    expect(encoded.qr).toEqual(['raster']);
    expect(scanned).toBe(long);
  });

  it('shrinks raster modules so a long payload still fits 58 mm paper, and scans', () => {
    const long = 'https://zwfw.example.cn/q?r=' + 'B'.repeat(270);
    const { page, scanned } = scan('clone-58', { lines: [{ type: 'qr', data: long }] });
    const raster = page.blocks.find((b) => b.kind === 'raster');
    expect(raster?.kind === 'raster' && raster.widthBytes * 8).toBeLessThanOrEqual(384);
    expect(scanned).toBe(long);
  });

  it('renders glyphs, not empty boxes: the title area has ink', () => {
    const { image } = scan('epson-80');
    let dark = 0;
    for (let y = 16; y < 64; y++) for (let x = 16; x < image.width - 16; x++) if ((image.pixels[(y * image.width + x) * 4] ?? 255) < 128) dark++;
    expect(dark).toBeGreaterThan(500);
  });
});
