// The script that makes docs/receipts/*.png runs end to end (into a temporary folder).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { examples, renderExamples } from '../../devices/sim/printerRenderDocs';

it('renders every example as a PNG, 58 mm and 80 mm', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-receipts-'));
  try {
    const files = renderExamples(dir);
    expect(files).toHaveLength(examples().length);
    const widths = new Set<number>();
    for (const file of files) {
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      widths.add(png.readUInt32BE(16)); // IHDR width
    }
    expect([...widths].sort()).toEqual([384 + 32, 576 + 32]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
