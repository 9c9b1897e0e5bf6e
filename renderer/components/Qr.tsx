// A QR code as inline SVG: one <path> of dark modules on a white square with the 4-module quiet zone the
// standard asks for. No canvas and no data URL, so it renders under the kiosk's strict CSP and stays sharp
// at any size. Error correction M: receipts are scanned off a bright screen or thermal paper, not printed posters.
import { create } from 'qrcode';
import { useMemo } from 'react';

export interface QrProps {
  /** What the code encodes (printable ASCII; see qrPayloadSchema). */
  text: string;
  /** Side length in CSS px. Default 320. */
  size?: number;
  /** What a screen reader says instead of the picture. */
  label: string;
  testId?: string;
  className?: string;
}

const quietZone = 4;

/** The SVG path of the dark modules, one unit square each, offset by the quiet zone; and the full side length. */
export function qrPath(text: string): { d: string; side: number } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) parts.push(`M${col + quietZone} ${row + quietZone}h1v1h-1z`);
    }
  }
  return { d: parts.join(''), side: modules.size + 2 * quietZone };
}

export function Qr({ text, size = 320, label, testId, className }: QrProps) {
  const { d, side } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className={className}
      data-testid={testId}
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${side} ${side}`}
      shapeRendering="crispEdges"
      data-payload={text}
    >
      <rect width={side} height={side} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
