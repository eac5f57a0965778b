import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from './input-error.js';

/** Writes the report to --output, refusing to overwrite any file the user gave as input. */
export function writeOutputFile(output: string, text: string, inputs: readonly string[]): void {
  const target = resolve(output);
  if (inputs.some((input) => sameFile(input, target))) {
    throw new InputError(output, null, null, '--output names one of the input files; refusing to overwrite it');
  }
  try {
    writeFileSync(target, text);
  } catch (error) {
    throw new InputError(output, null, null, `cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
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
