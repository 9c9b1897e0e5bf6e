// The LevelDB format checks on hand-made files; tests/bridge/storeRescue.test.ts damages a store Chromium wrote.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32c, levelDbProblem, liveTables, readLogRecords } from './leveldbCheck';

const mask = (crc: number) => ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
/** One log record of a type (1 full, 2 first, 3 middle, 4 last), as LevelDB writes it. */
function record(type: number, data: Buffer): Buffer {
  const header = Buffer.alloc(7);
  header.writeUInt16LE(data.length, 4);
  header[6] = type;
  header.writeUInt32LE(mask(crc32c(Buffer.concat([Buffer.from([type]), data]))), 0);
  return Buffer.concat([header, data]);
}
const varint = (n: number) => {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
};
const slice = (text: string) => Buffer.concat([varint(text.length), Buffer.from(text)]);
/** A version edit: comparator, then new file `table` at level 0. */
const edit = (table: number) => Buffer.concat([varint(1), slice('idb_cmp1'), varint(7), varint(0), varint(table), varint(1000), slice('a'), slice('z')]);
const tableBytes = () => Buffer.concat([Buffer.alloc(100), Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb])]);

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function store(files: Record<string, Buffer | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'leveldb-'));
  dirs.push(dir);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}
const sound = () => ({ CURRENT: 'MANIFEST-000002\n', 'MANIFEST-000002': record(1, edit(5)), '000005.ldb': tableBytes(), '000006.log': record(1, Buffer.from('batch')) });

describe('LevelDB checks', () => {
  it('computes CRC-32C (the standard check value)', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('reads full and fragmented records, and takes a torn record at the end for what a power cut leaves', () => {
    const log = Buffer.concat([record(1, Buffer.from('one')), record(2, Buffer.from('tw')), record(3, Buffer.from('o-')), record(4, Buffer.from('parts'))]);
    expect(readLogRecords(log).map(String)).toEqual(['one', 'two-parts']);
    const torn = Buffer.concat([log, record(1, Buffer.from('half written')).subarray(0, 10)]);
    expect(readLogRecords(torn).map(String)).toEqual(['one', 'two-parts']);
  });

  it('refuses a flipped byte, a fragment without its start, and a record that runs past its block', () => {
    const log = record(1, Buffer.from('payload'));
    log[9] = log[9]! ^ 1;
    expect(() => readLogRecords(log)).toThrow(/bad checksum at byte 0/);
    expect(() => readLogRecords(record(4, Buffer.from('x')))).toThrow(/without a start/);
    const header = record(1, Buffer.alloc(32768)).subarray(0, 7);
    expect(() => readLogRecords(Buffer.concat([header, Buffer.alloc(32768)]))).toThrow(/past its block/);
  });

  it('follows the MANIFEST to the live tables', () => {
    const deleted = Buffer.concat([varint(6), varint(0), varint(5)]);
    expect([...liveTables([edit(5), edit(7), deleted])]).toEqual([7]);
  });

  it('passes a sound store and names what is wrong with a damaged one', () => {
    expect(levelDbProblem(store(sound()))).toBeNull();
    const { CURRENT: _current, ...noCurrent } = sound();
    expect(levelDbProblem(store(noCurrent))).toBe('CURRENT is missing');
    expect(levelDbProblem(store({ ...sound(), CURRENT: 'MANIFEST-000009\n' }))).toBe('MANIFEST-000009 is missing');
    const { '000005.ldb': _table, ...noTable } = sound();
    expect(levelDbProblem(store(noTable))).toBe('table 000005.ldb is missing');
    expect(levelDbProblem(store({ ...sound(), '000005.ldb': Buffer.alloc(200) }))).toMatch(/no table footer/);
    const badLog = record(1, Buffer.from('batch'));
    badLog[8] = badLog[8]! ^ 0x40;
    expect(levelDbProblem(store({ ...sound(), '000006.log': badLog }))).toBe('000006.log: bad checksum at byte 0');
  });
});
