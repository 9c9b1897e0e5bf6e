// Loads the hex test vectors in tests/idcard/vectors: every non-comment line is one byte string, and the
// comment lines just above it say what it is.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHex } from '../../devices/idcard/frame';

export const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), 'vectors');

export interface Vector {
  file: string;
  /** The comment lines just above the hex line, joined. */
  note: string;
  bytes: Uint8Array;
}

export const vectorFiles = (): string[] => readdirSync(vectorsDir).filter((f) => f.endsWith('.txt')).sort();

export function loadVectors(file: string): Vector[] {
  const out: Vector[] = [];
  let note: string[] = [];
  for (const raw of readFileSync(join(vectorsDir, file), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      note.push(line.slice(1).trim());
      continue;
    }
    out.push({ file, note: note.join(' '), bytes: fromHex(line) });
    note = [];
  }
  return out;
}
