import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { groupedCount, type AccountModel } from '../../model/index.js';
import { decodeUtf8Input, parseSnapshot, type ManagedPolicyExtract } from '../../parse/index.js';
import { InputError } from '../input-error.js';
import { requireValid } from '../policy-files.js';
import { shippedManagedPolicyExtract } from './managed-policy-extract.js';

/** GAAD of a large account runs to tens of megabytes; past this a file is no snapshot (or needs splitting). */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/**
 * Reads snapshot files (GAAD output or policy-check snapshots), one account each, in the order given.
 * The first invalid file throws an InputError naming file:line:column. AWS managed policies the files
 * do not include come from `extract` (by default the shipped one).
 */
export function loadAccountFiles(
  files: readonly string[],
  extract: ManagedPolicyExtract | undefined = shippedManagedPolicyExtract(),
): AccountModel[] {
  return files.map((file) => loadAccountFile(file, extract));
}

function loadAccountFile(
  file: string,
  extract: ManagedPolicyExtract | undefined = shippedManagedPolicyExtract(),
): AccountModel {
  const text = readSnapshotText(file);
  const parsed = parseSnapshot(text, file, extract);
  return requireValid(parsed.account, parsed.issues, file);
}

function readSnapshotText(file: string): string {
  let bytes: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      if (stat.size > MAX_SNAPSHOT_BYTES) {
        throw new InputError(
          file,
          null,
          null,
          `the snapshot is larger than ${groupedCount(MAX_SNAPSHOT_BYTES)} bytes: give one file per account`,
        );
      }
      bytes = Buffer.alloc(stat.size);
      let offset = 0;
      while (offset < bytes.length) {
        const count = readSync(fd, bytes, offset, bytes.length - offset, null);
        if (count === 0) break;
        offset += count;
      }
      bytes = bytes.subarray(0, offset);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, null, null, readFailure(error));
  }
  const decoded = decodeUtf8Input(bytes, file, MAX_SNAPSHOT_BYTES);
  if (decoded.issue)
    throw new InputError(decoded.issue.file, decoded.issue.line, decoded.issue.column, decoded.issue.message);
  return decoded.text;
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a snapshot file';
  if (code === 'EACCES') return 'permission denied';
  return `cannot be read (${code ?? 'unknown error'})`;
}
