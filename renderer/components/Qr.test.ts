// The on-screen QR must scan to exactly the payload the receipt printer encodes: render the SVG path the
// component draws with resvg and decode the pixels with jsQR, for fixed and random printable-ASCII payloads.
import { Resvg } from '@resvg/resvg-js';
import fc from 'fast-check';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from './Qr';

function decode(text: string): string | undefined {
  const { d, side } = qrPath(text);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: side * 6 } }).render();
  return jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height)?.data;
}

describe('Qr', () => {
  it('draws a code that scans to the receipt payload, with a 4-module quiet zone', () => {
    const payload = 'https://hub.example/r/420202-001-0K3M9QX';
    expect(decode(payload)).toBe(payload);
    const { d, side } = qrPath(payload);
    expect(d.startsWith('M4 4h1v1h-1z')).toBe(true); // finder pattern corner right after the quiet zone
    expect((side - 8 - 21) % 4).toBe(0); // QR sizes are 21 + 4k modules
  });

  it('round-trips any printable ASCII payload the receipt schema allows', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x20-\x7e]{1,120}$/), (payload) => {
        expect(decode(payload)).toBe(payload);
      }),
      { numRuns: 25 },
    );
  });
});
