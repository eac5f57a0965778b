import { chmodSync, closeSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../sources/input-error.js';

/**
 * Writes the report to --output, refusing to overwrite any file the user gave as input. Atomically: the
 * report goes to a temporary file beside the target, renamed over it once complete, so a full disk or a
 * crash leaves the previous report intact. A large report may come in pieces (`chunks`).
 */
export function writeOutputFile(output: string, text: string | Iterable<string>, inputs: readonly string[]): void {
  const target = resolve(output);
  if (inputs.some((input) => sameFile(input, target))) {
    throw new InputError(output, null, null, '--output names one of the input files; refusing to overwrite it');
  }
  // Through a symbolic link, replace the file it points to, as a plain write would.
  const destination = existingRealPath(target) ?? target;
  const temporary = join(
    dirname(destination),
    `.${basename(destination)}.${process.pid}.${Date.now().toString(36)}.tmp`,
  );
  try {
    const fd = openSync(temporary, 'wx');
    try {
      for (const chunk of typeof text === 'string' ? [text] : text) {
        const bytes = Buffer.from(chunk);
        for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
      }
    } finally {
      closeSync(fd);
    }
    const mode = existingMode(destination);
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, destination);
  } catch (error) {
    rmSync(temporary, { force: true });
    // Only a failing write is the user's to fix; a formatter's error is a bug.
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new InputError(
      output,
      null,
      null,
      `cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

function existingRealPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function existingMode(path: string): number | undefined {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    return stat.mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw error;
    return undefined;
  }
}

/** The same path, or another name for the same file (a symbolic or hard link). */
function sameFile(input: string, target: string): boolean {
  if (resolve(input) === target) return true;
  try {
    const a = statSync(input);
    const b = statSync(target);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}
