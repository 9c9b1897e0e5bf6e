// Can this LevelDB folder be opened? The check Chromium's own open would make, done from the host before any
// browser touches the store (issue 15 §3). It matters because Chromium, finding an IndexedDB LevelDB it
// cannot open (a power cut mid-write, a bad sector), deletes it and starts an empty one, silently: measured
// with Chromium 156 here, a log with one damaged record came back as an empty database. The kiosk's outbox
// lives there.
//
// What is checked (LevelDB's on-disk format, doc/log_format.md and doc/table_format.md): CURRENT names a
// MANIFEST that exists; every record of the MANIFEST and of each .log file has a good CRC32C (LevelDB opens
// IndexedDB with paranoid checks, so one bad record fails the open); a torn record at the very end of a file
// is what a power cut leaves and LevelDB drops it, so it passes here too; every table the MANIFEST lists
// exists and ends with the table magic number. Not checked: the blocks inside a table (read lazily, a bad one
// fails one read, not the open). Plain Node, no native LevelDB.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli), as LevelDB computes it. */
export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
const maskCrc = (crc: number) => ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;

const blockSize = 32768;
const headerSize = 7;
const enum RecordType {
  Zero = 0,
  Full = 1,
  First = 2,
  Middle = 3,
  Last = 4,
}

/** The records of a LevelDB log file (.log or MANIFEST), reassembled; throws on a bad CRC or a broken chain. */
export function readLogRecords(file: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let pending: Buffer[] | null = null;
  for (let offset = 0; offset < file.length; ) {
    const leftInBlock = blockSize - (offset % blockSize);
    if (leftInBlock < headerSize) {
      offset += leftInBlock; // the block's trailer: zeros
      continue;
    }
    if (offset + headerSize > file.length) break; // torn header at the end: a power cut mid-write
    const length = file.readUInt16LE(offset + 4);
    const type = file[offset + 6]!;
    if (type === RecordType.Zero && length === 0) {
      offset += headerSize; // preallocated space
      continue;
    }
    const end = offset + headerSize + length;
    if (end > file.length) break; // torn record at the end
    if (length > leftInBlock - headerSize) throw new Error(`record at ${offset} runs past its block`);
    const expected = file.readUInt32LE(offset);
    if (maskCrc(crc32c(file.subarray(offset + 6, end))) !== expected) throw new Error(`bad checksum at byte ${offset}`);
    const data = file.subarray(offset + headerSize, end);
    if (type === RecordType.Full) {
      if (pending) throw new Error(`unfinished record before byte ${offset}`);
      records.push(Buffer.from(data));
    } else if (type === RecordType.First) {
      if (pending) throw new Error(`unfinished record before byte ${offset}`);
      pending = [data];
    } else if (type === RecordType.Middle || type === RecordType.Last) {
      if (!pending) throw new Error(`record fragment without a start at byte ${offset}`);
      pending.push(data);
      if (type === RecordType.Last) {
        records.push(Buffer.concat(pending));
        pending = null;
      }
    } else throw new Error(`unknown record type ${type} at byte ${offset}`);
    offset = end;
  }
  return records;
}

function varint(buffer: Buffer, at: { pos: number }): number {
  let result = 0;
  for (let shift = 0; shift < 64; shift += 7) {
    if (at.pos >= buffer.length) throw new Error('truncated varint');
    const byte = buffer[at.pos++]!;
    result += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return result;
  }
  throw new Error('varint too long');
}
const skipSlice = (buffer: Buffer, at: { pos: number }) => {
  const length = varint(buffer, at); // read first: `at.pos += varint(…)` would add to the old position
  at.pos += length;
  if (at.pos > buffer.length) throw new Error('truncated slice');
};

/** The table files (by number) a MANIFEST's version edits leave live. */
export function liveTables(manifestRecords: Buffer[]): Set<number> {
  const live = new Set<number>();
  for (const edit of manifestRecords) {
    const at = { pos: 0 };
    while (at.pos < edit.length) {
      const tag = varint(edit, at);
      if (tag === 1) skipSlice(edit, at); // comparator name
      else if (tag === 2 || tag === 3 || tag === 4 || tag === 9) varint(edit, at); // log, next file, last sequence, prev log
      else if (tag === 5) {
        varint(edit, at); // compaction pointer: level, key
        skipSlice(edit, at);
      } else if (tag === 6) {
        varint(edit, at); // deleted file: level, number
        live.delete(varint(edit, at));
      } else if (tag === 7) {
        varint(edit, at); // level
        live.add(varint(edit, at));
        varint(edit, at); // size
        skipSlice(edit, at);
        skipSlice(edit, at);
      } else throw new Error(`unknown version edit tag ${tag}`);
    }
  }
  return live;
}

const tableMagic = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);
const tableFooterSize = 48;

function checkTable(path: string): string | null {
  const size = statSync(path).size;
  if (size < tableFooterSize) return `table ${path} is truncated`;
  const tail = Buffer.alloc(8);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, tail, 0, 8, size - 8);
  } finally {
    closeSync(fd);
  }
  return tail.equals(tableMagic) ? null : `table ${path} has no table footer`;
}

/** Null when the folder would open, else what is wrong with it (for the log and the technician). */
export function levelDbProblem(dir: string): string | null {
  try {
    const currentPath = join(dir, 'CURRENT');
    if (!existsSync(currentPath)) return 'CURRENT is missing';
    const current = readFileSync(currentPath, 'utf8');
    if (!/^MANIFEST-\d+\n$/.test(current)) return 'CURRENT is damaged';
    const manifestName = current.trim();
    if (!existsSync(join(dir, manifestName))) return `${manifestName} is missing`;
    let tables: Set<number>;
    try {
      tables = liveTables(readLogRecords(readFileSync(join(dir, manifestName))));
    } catch (error) {
      return `${manifestName}: ${(error as Error).message}`;
    }
    for (const number of tables) {
      const name = String(number).padStart(6, '0');
      const path = [`${name}.ldb`, `${name}.sst`].map((file) => join(dir, file)).find((file) => existsSync(file));
      if (!path) return `table ${name}.ldb is missing`;
      const problem = checkTable(path);
      if (problem) return problem.replace(dir + '/', '');
    }
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.log') && file !== 'LOG')) {
      try {
        readLogRecords(readFileSync(join(dir, name)));
      } catch (error) {
        return `${name}: ${(error as Error).message}`;
      }
    }
    return null;
  } catch (error) {
    return `unreadable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
}
