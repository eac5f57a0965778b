import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { groupedCount } from '../../model/index.js';
import { decodeUtf8Input } from '../../parse/index.js';
import { InputError } from '../input-error.js';
import { readFailure } from '../policy-files.js';

/** GAAD of a large account runs to tens of megabytes; past this a file is no snapshot (or needs splitting). */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

// https://www.rfc-editor.org/rfc/rfc1952#section-2.3.1: every gzip member starts with ID1 ID2 = 1f 8b.
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * The text of a snapshot file, gunzipped when its first bytes are gzip's magic number (whatever its name):
 * a live scan writes `.json.gz`. Errors are InputErrors naming the file: unreadable, too large (also once
 * decompressed), a damaged gzip stream, or text that is not UTF-8.
 */
export function readSnapshotText(file: string): string {
  let bytes = readBytes(file);
  if (isGzip(bytes)) bytes = gunzip(bytes, file);
  const decoded = decodeUtf8Input(bytes, file, MAX_SNAPSHOT_BYTES);
  if (decoded.issue)
    throw new InputError(decoded.issue.file, decoded.issue.line, decoded.issue.column, decoded.issue.message);
  return decoded.text;
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

function gunzip(bytes: Buffer, file: string): Buffer {
  try {
    // node:zlib on first use: loading it (and the streams it needs) at start-up costs every `check` run.
    return process.getBuiltinModule('node:zlib').gunzipSync(bytes, { maxOutputLength: MAX_SNAPSHOT_BYTES });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE')
      throw new InputError(file, null, null, `${tooLarge()} once decompressed: give one file per account`);
    const why = code === 'Z_BUF_ERROR' ? 'the file ends early (truncated)' : (error as Error).message;
    throw new InputError(file, null, null, `is gzip-compressed but cannot be decompressed: ${why}`);
  }
}

function readBytes(file: string): Buffer {
  try {
    const fd = openSync(file, 'r');
    try {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      if (stat.size > MAX_SNAPSHOT_BYTES)
        throw new InputError(file, null, null, `${tooLarge()}: give one file per account`);
      const bytes = Buffer.alloc(stat.size);
      let offset = 0;
      while (offset < bytes.length) {
        const count = readSync(fd, bytes, offset, bytes.length - offset, null);
        if (count === 0) break;
        offset += count;
      }
      return bytes.subarray(0, offset);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, null, null, readFailure(error, 'a snapshot file'));
  }
}

function tooLarge(): string {
  return `the snapshot is larger than ${groupedCount(MAX_SNAPSHOT_BYTES)} bytes`;
}
