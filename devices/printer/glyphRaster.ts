// Lines the printer's own font cannot print, drawn on the host (spec §2.3: rare name characters, 生僻字, such as
// 䶮 on a GBK-font printer). The laid-out line is drawn at the printer's cell geometry — 12×24-dot columns, a
// hanzi two, `GS !` scaling the cell — from Noto Sans CJK outlines (./glyphs), and sent as a `GS v 0` raster
// as wide as the paper, so it lines up with the text lines around it. The encoder stays pure: it is handed a
// LineDrawer and falls back to □ when there is none or it fails (no font on this machine).
import { Resvg } from '@resvg/resvg-js';
import type { LineBitmap, LineDrawer, LineToDraw } from './encoder';
import { GlyphCache } from './glyphs';
import type { GlyphFonts } from './glyphs';
import { charColumns, textColumns } from './text';

const cellWidth = 12;
const cellHeight = 24;
/** Baseline within a 24-dot cell (Noto CJK's ascent is ~0.88 em), as the simulator draws text. */
const baselineInCell = 21;
/** Blank dots under the glyphs, so a drawn line keeps about the spacing of a printed one. */
const gapBelow = 6;

/** A LineDrawer over the given fonts (default Debian's Noto Sans CJK); throws MissingFontError without them. */
export function createGlyphLineDrawer(fonts?: GlyphFonts): LineDrawer {
  const glyphs = new GlyphCache(fonts);
  return (line) => drawLine(line, glyphs);
}

/** The font on this machine lacks a character too: the line is better printed with □ and reported. */
export class MissingGlyphError extends Error {
  readonly code = 'missing_glyph';
}

function drawLine(line: LineToDraw, glyphs: GlyphCache): LineBitmap {
  const weight = line.bold ? 'bold' : 'regular';
  const lacking = glyphs.lacking(line.text, weight);
  if (lacking.length > 0) throw new MissingGlyphError(`the font has no glyph for ${lacking.map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`).join(', ')}`);
  const outlines = glyphs.get(line.text, weight);
  const widthDots = line.dotsPerLine;
  const heightDots = cellHeight * line.heightFactor + gapBelow;
  const textDots = textColumns(line.text) * cellWidth * line.widthFactor;
  let x = line.align === 'center' ? Math.floor((widthDots - textDots) / 2) : line.align === 'right' ? widthDots - textDots : 0;
  const baseline = baselineInCell * line.heightFactor;
  const paths: string[] = [];
  for (const char of line.text) {
    const d = outlines.get(char);
    if (d) paths.push(`<path transform="translate(${x} ${baseline}) scale(${line.widthFactor} ${line.heightFactor})" d="${d}"/>`);
    x += charColumns(char) * cellWidth * line.widthFactor;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${widthDots}" height="${heightDots}"><rect width="100%" height="100%" fill="#fff"/>${paths.join('')}</svg>`;
  const image = new Resvg(svg, { font: { loadSystemFonts: false }, logLevel: 'off' }).render();
  return threshold(image.pixels, image.width, image.height);
}

/** RGBA on white to 1-bit rows, most significant bit leftmost (the `GS v 0` layout); a dot is printed below half grey. */
function threshold(rgba: Uint8Array, width: number, height: number): LineBitmap {
  const widthBytes = Math.ceil(width / 8);
  const bits = new Uint8Array(widthBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * widthBytes + (x >> 3);
      if ((rgba[(y * width + x) * 4] ?? 255) < 128) bits[at] = (bits[at] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return { bits, widthBytes, heightDots: height };
}
