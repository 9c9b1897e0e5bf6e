// Renders the sample receipts into docs/receipts/*.png, through the same path as the simulator: document →
// ESC/POS bytes for a profile → decoded page → PNG. Run: `npx tsx devices/sim/printerRenderDocs.ts [DIR]`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeReceipt } from '../printer/encoder';
import { createGlyphLineDrawer } from '../printer/glyphRaster';
import { getProfile } from '../printer/profiles';
import type { ProfileName } from '../printer/profiles';
import { buildTestPage } from '../printer/testPage';
import { markReprint } from '../../src/domain/receipt';
import type { ReceiptDocument } from '../../src/domain/receipt';
import { buildApplicationReceipt, buildServiceGuide } from '../../src/domain/receiptTemplate';
import { decodePages } from './printerPage';
import { renderPage } from './printerRender';
import { sampleGuide, sampleReceipt, sampleStatusSlip } from './printerSamples';
import { buildStatusSlip } from '../../src/domain/statusSlip';

interface Example {
  file: string;
  profile: ProfileName;
  document: ReceiptDocument;
}

// Drawn once for every example: lines with a character the profile's font lacks go out as images.
const drawLine = createGlyphLineDrawer();

export function examples(): Example[] {
  const receipt = buildApplicationReceipt(sampleReceipt);
  return [
    { file: 'receipt-80mm-epson', profile: 'epson-80', document: receipt },
    { file: 'receipt-58mm-clone-raster-qr', profile: 'clone-58', document: receipt },
    { file: 'receipt-58mm-reprint', profile: 'epson-58', document: markReprint(receipt) },
    { file: 'receipt-80mm-accepted', profile: 'clone-80', document: buildApplicationReceipt({ ...sampleReceipt, mode: '全程网办', caseNo: 'HS-2026-000123', materials: sampleReceipt.materials?.filter((m) => m.status !== 'toSubmit') }) },
    { file: 'guide-80mm', profile: 'epson-80', document: buildServiceGuide(sampleGuide) },
    // 𠮷 (U+20BB7) is a 4-byte GB18030 character the clone's 2-byte font lacks: its line is drawn by the host.
    { file: 'receipt-58mm-rare-name-drawn', profile: 'clone-58', document: buildApplicationReceipt({ ...sampleReceipt, applicantName: '王小𠮷' }) },
    { file: 'status-slip-80mm', profile: 'epson-80', document: buildStatusSlip(sampleStatusSlip) },
    { file: 'status-slip-58mm-completed', profile: 'clone-58', document: buildStatusSlip({ ...sampleStatusSlip, status: 'completed', note: '证件已寄出', deadline: '2026-12-11' }) },
    { file: 'test-page-58mm', profile: 'clone-58', document: buildTestPage(getProfile('clone-58'), new Date('2026-11-22T06:05:00Z')) },
  ];
}

/** Writes NAME.png for each example; returns the files written. */
export function renderExamples(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const example of examples()) {
    const profile = getProfile(example.profile);
    const { pages } = decodePages(encodeReceipt(example.document, profile, { drawLine }).bytes, profile);
    const page = pages[0];
    if (!page) throw new Error(`${example.file}: nothing printed`);
    const png = join(dir, `${example.file}.png`);
    writeFileSync(png, renderPage(page, profile.dotsPerLine).png);
    written.push(png);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../../docs/receipts/', import.meta.url));
  for (const file of renderExamples(dir)) console.log(file);
}
