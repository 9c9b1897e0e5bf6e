// A decoded page as a picture (PNG via SVG + resvg) and as a text transcript: what people look at when they
// review a receipt. Geometry follows the printer: 12×24-dot ASCII cells, 24×24 hanzi, `GS !` scales the cell,
// QR drawn from the symbol at module × dots. Glyphs come from Noto Sans Mono CJK (Debian's fonts-noto-cjk),
// outlined once per character (../printer/glyphs) and placed as paths at their printer columns.
import { Resvg } from '@resvg/resvg-js';
import { qrMatrix } from '../printer/qrMatrix';
import { charColumns, textColumns } from '../printer/text';
import { GlyphCache } from '../printer/glyphs';
import type { Page, PageBlock } from './printerPage';

const margin = 16;
const cellWidth = 12;
const cellHeight = 24;
/** Baseline within a 24-dot cell (Noto CJK's ascent is ~0.88 em). */
const baselineInCell = 21;
const glyphs = new GlyphCache();

interface GlyphUse {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Collects the glyphs a page uses, so each outline is written once in <defs> and placed with <use>. */
class GlyphSheet {
  private readonly ids = new Map<string, string>();
  private readonly defs: string[] = [];

  place(char: string, bold: boolean, use: Omit<GlyphUse, 'id'>): string {
    const key = `${bold ? 'b' : 'r'}${char}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      const d = glyphs.get([char], bold ? 'bold' : 'regular').get(char) ?? '';
      id = `g${this.ids.size}`;
      this.ids.set(key, id);
      if (d) this.defs.push(`<path id="${id}" d="${d}"/>`);
    }
    return `<use xlink:href="#${id}" transform="translate(${use.x} ${use.y}) scale(${use.width} ${use.height})"/>`;
  }

  get svg(): string {
    return `<defs>${this.defs.join('')}</defs>`;
  }
}

function alignedX(align: 0 | 1 | 2, widthDots: number, paperDots: number): number {
  if (align === 1) return Math.floor((paperDots - widthDots) / 2);
  if (align === 2) return paperDots - widthDots;
  return 0;
}

function textBlockSvg(block: Extract<PageBlock, { kind: 'text' }>, top: number, paperDots: number, sheet: GlyphSheet): { svg: string; height: number } {
  const tallest = Math.max(1, ...block.segments.map((s) => s.height));
  const height = Math.max(block.spacingDots, cellHeight * tallest + 6);
  let x = margin + alignedX(block.align, block.columns * cellWidth, paperDots);
  const parts: string[] = [];
  for (const segment of block.segments) {
    // Characters sit on the line's bottom: taller cells grow upwards from the baseline, as on paper.
    const y = top + height - 6 - cellHeight * segment.height + baselineInCell * segment.height;
    for (const char of segment.text) {
      if (char !== ' ') parts.push(sheet.place(char, segment.bold, { x, y, width: segment.width, height: segment.height }));
      x += charColumns(char) * cellWidth * segment.width;
    }
  }
  return { svg: parts.join(''), height };
}

function qrBlockSvg(block: Extract<PageBlock, { kind: 'qr' }>, top: number, paperDots: number): { svg: string; height: number } {
  const matrix = qrMatrix(block.payload, block.ecc);
  const side = matrix.size * block.moduleDots;
  const x0 = margin + alignedX(block.align, side, paperDots);
  let d = '';
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (matrix.isDark(row, col)) d += `M${x0 + col * block.moduleDots} ${top + row * block.moduleDots}h${block.moduleDots}v${block.moduleDots}h-${block.moduleDots}z`;
    }
  }
  return { svg: `<path d="${d}" fill="#000"/>`, height: side };
}

function rasterBlockSvg(block: Extract<PageBlock, { kind: 'raster' }>, top: number, paperDots: number): { svg: string; height: number } {
  const x0 = margin + alignedX(block.align, block.widthBytes * 8, paperDots);
  let d = '';
  for (let y = 0; y < block.heightDots; y++) {
    let runStart = -1;
    for (let x = 0; x <= block.widthBytes * 8; x++) {
      const dark = x < block.widthBytes * 8 && ((block.bits[y * block.widthBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      if (dark && runStart < 0) runStart = x;
      if (!dark && runStart >= 0) {
        d += `M${x0 + runStart} ${top + y}h${x - runStart}v1h-${x - runStart}z`;
        runStart = -1;
      }
    }
  }
  return { svg: `<path d="${d}" fill="#000"/>`, height: block.heightDots };
}

/** The page as SVG, `paperDots` wide (384 for 58 mm, 576 for 80 mm) plus a grey margin. */
export function pageToSvg(page: Page, paperDots: number): string {
  const parts: string[] = [];
  const sheet = new GlyphSheet();
  // Outline every new character of the page in one pass (one resvg run instead of one per character).
  for (const weight of ['regular', 'bold'] as const) {
    const chars = page.blocks.flatMap((b) => (b.kind === 'text' ? b.segments.filter((s) => s.bold === (weight === 'bold')).flatMap((s) => Array.from(s.text)) : []));
    glyphs.get(chars, weight);
  }
  let y = margin;
  for (const block of page.blocks) {
    if (block.kind === 'feed') {
      y += block.dots;
      continue;
    }
    const drawn = block.kind === 'text' ? textBlockSvg(block, y, paperDots, sheet) : block.kind === 'qr' ? qrBlockSvg(block, y, paperDots) : rasterBlockSvg(block, y, paperDots);
    parts.push(drawn.svg);
    y += drawn.height;
  }
  y += margin;
  const width = paperDots + 2 * margin;
  const cutMark = page.cut ? `<line x1="0" y1="${y}" x2="${width}" y2="${y}" stroke="#888" stroke-width="2" stroke-dasharray="8 6"/>` : '';
  const height = y + (page.cut ? 8 : 0);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    sheet.svg,
    `<rect width="${width}" height="${height}" fill="#d8d8d8"/><rect x="${margin / 2}" y="0" width="${paperDots + margin}" height="${y}" fill="#fff"/>`,
    ...parts,
    cutMark,
    '</svg>',
  ].join('');
}

export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
  /** RGBA, for jsQR and pixel checks. */
  pixels: Uint8ClampedArray;
}

export function renderPage(page: Page, paperDots: number): RenderedPage {
  const resvg = new Resvg(pageToSvg(page, paperDots), {
    font: { loadSystemFonts: false }, // text is already paths
    shapeRendering: 1, // crispEdges: QR modules and raster dots stay sharp
    logLevel: 'off',
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height, pixels: new Uint8ClampedArray(image.pixels) };
}

const alignTags = ['', 'center', 'right'] as const;

/** A readable transcript: each line padded as aligned on paper, with its style; QR and images described. */
export function pageTranscript(page: Page, columns: number): string {
  const out: string[] = [];
  for (const block of page.blocks) {
    if (block.kind === 'feed') continue;
    if (block.kind === 'qr') {
      out.push(`[QR ${block.ecc} ${block.moduleDots}-dot modules, ${block.bytes} bytes] ${block.payload}`);
      continue;
    }
    if (block.kind === 'raster') {
      out.push(`[image ${block.widthBytes * 8}×${block.heightDots} dots${block.qrPayload === null ? ']' : `, QR] ${block.qrPayload}`}`);
      continue;
    }
    const text = block.segments.map((s) => s.text).join('');
    const width = Math.max(1, ...block.segments.map((s) => s.width));
    const free = Math.max(0, Math.floor(columns / width) - textColumns(text));
    const pad = block.align === 1 ? Math.floor(free / 2) : block.align === 2 ? free : 0;
    const tags = [
      alignTags[block.align],
      block.segments.some((s) => s.bold) ? 'bold' : '',
      block.segments.some((s) => s.width > 1 || s.height > 1) ? `${width}x${Math.max(...block.segments.map((s) => s.height))}` : '',
    ].filter(Boolean);
    out.push(`${' '.repeat(pad)}${text}${tags.length ? `    ‹${tags.join(' ')}›` : ''}`.replace(/\s+$/, (m) => (tags.length ? m : '')));
  }
  if (page.cut) out.push(`✂ ${page.cut} cut`);
  for (const warning of page.warnings) out.push(`! ${warning}`);
  return out.join('\n') + '\n';
}
