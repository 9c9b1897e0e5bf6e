// Writes that survive a power cut. A file is written to a temporary name, fsync-ed, renamed over the target
// and the folder fsync-ed: after a crash the target holds the old bytes or the new ones, never a mix, and
// the rename itself is on disk (ext4 and friends only promise that once the directory is synced).
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** fsync a folder, so a rename or unlink in it is durable. Windows cannot open folders; NTFS journals renames. */
export function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `bytes` to `file` and fsyncs it (not atomic: for files a signed manifest checks afterwards). */
export function writeSynced(file: string, bytes: Uint8Array, mode = 0o644): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'w', mode);
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `file` atomically and durably (temp + fsync + rename + folder fsync). */
export function writeAtomic(file: string, bytes: Uint8Array | string, mode = 0o644): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeSynced(temp, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, mode);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDir(dirname(file));
}
