// Glyph outlines, cached per character: for the simulator's receipt previews and for the lines the printer's
// own font cannot print (./glyphRaster). Why a cache: resvg shapes text with the 20 MB Noto CJK collection at
// ~5 ms per glyph *instance* (a receipt took ~4 s of CPU), so each distinct character is outlined once — all
// missing ones in a single resvg pass, each at a known x so its origin is known — and drawn from paths alone.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** Debian's fonts-noto-cjk; another machine names its own files (GlyphCache's `fonts`). */
export const cjkFontFiles = {
  regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
};
/** Half-width ASCII, full-width hanzi: the font closest to a printer's 12×24 / 24×24 cells. */
export const fontFamily = 'Noto Sans Mono CJK SC';
/** Glyphs are outlined at the printer's cell height. */
export const fontSize = 24;

export class MissingFontError extends Error {
  readonly code = 'missing_font';
}

/** An outline with its origin on the baseline at (0, 0). Empty for characters with no ink (space). */
export type GlyphPath = string;

const notdefProbe = '\u{10FFFD}';
const pitch = 48; // wider than any glyph, so neighbours never overlap in the batch
const baseline = 100;

export interface GlyphFonts {
  regular: string;
  /** Default: the regular file (then bold text is drawn regular). */
  bold?: string;
}

export class GlyphCache {
  private readonly glyphs = { regular: new Map<string, GlyphPath>(), bold: new Map<string, GlyphPath>() };

  /** `fonts` default: Debian's Noto Sans CJK. */
  constructor(private readonly fonts: GlyphFonts = cjkFontFiles) {}

  /** Outlines for these characters, outlining the ones not seen before in one pass. */
  get(chars: Iterable<string>, weight: 'regular' | 'bold'): Map<string, GlyphPath> {
    const cache = this.glyphs[weight];
    const missing = [...new Set(chars)].filter((c) => !cache.has(c));
    if (missing.length > 0) this.outline(missing, weight);
    return cache;
  }

  /**
   * The characters the font has no glyph for (it draws its .notdef box for them), as the outline of a code
   * point no CJK font has (plane-16 private use) tells.
   */
  lacking(chars: Iterable<string>, weight: 'regular' | 'bold'): string[] {
    const list = [...new Set(chars)].filter((c) => c !== ' ');
    const outlines = this.get([...list, notdefProbe], weight);
    const notdef = outlines.get(notdefProbe);
    return list.filter((c) => outlines.get(c) === notdef);
  }

  private outline(chars: string[], weight: 'regular' | 'bold'): void {
    const wanted = this.fonts[weight] ?? this.fonts.regular;
    const file = existsSync(wanted) ? wanted : this.fonts.regular;
    if (!existsSync(file)) throw new MissingFontError(`no CJK font at ${file}; install fonts-noto-cjk (npx tsx tests/tools/systemDeps.ts)`);
    const escape = (c: string) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c);
    // One text element, every character at its own x with a fill that numbers it: one path per character back.
    const spans = chars.map((c, i) => `<tspan fill="#${(i + 1).toString(16).padStart(6, '0')}">${escape(c)}</tspan>`).join('');
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${chars.length * pitch}" height="200">` +
      `<text xml:space="preserve" x="${chars.map((_, i) => i * pitch).join(' ')}" y="${baseline}" font-family="${fontFamily}" font-size="${fontSize}"${weight === 'bold' ? ' font-weight="bold"' : ''}>${spans}</text></svg>`;
    const tree = new Resvg(svg, { font: { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: fontFamily }, logLevel: 'off' }).toString();
    const cache = this.glyphs[weight];
    for (const c of chars) cache.set(c, ''); // no path back = no ink
    for (const match of tree.matchAll(/<path fill="#([0-9a-fA-F]{6})"[^>]*? d="([^"]*)"/g)) {
      const index = parseInt(match[1] as string, 16) - 1;
      const char = chars[index];
      if (char !== undefined) cache.set(char, translatePath(match[2] as string, -index * pitch, -baseline));
    }
  }
}

/** Moves an absolute path (usvg writes M/L/C/Q/Z with absolute coordinates only) by (dx, dy). */
export function translatePath(d: string, dx: number, dy: number): string {
  const out: string[] = [];
  let coordinate = 0;
  for (const token of d.trim().split(/[\s,]+/)) {
    if (/^[A-Za-z]$/.test(token)) {
      out.push(token);
      coordinate = 0;
    } else {
      const value = Number(token) + (coordinate++ % 2 === 0 ? dx : dy);
      out.push(String(Math.round(value * 1000) / 1000));
    }
  }
  return out.join(' ');
}
