import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from './input-error.js';

/** Writes the report to --output, refusing to overwrite any file the user gave as input. */
export function writeOutputFile(output: string, text: string, inputs: readonly string[]): void {
  const target = resolve(output);
  if (inputs.some((input) => resolve(input) === target)) {
    throw new InputError(output, null, null, '--output names one of the input files; refusing to overwrite it');
  }
  try {
    writeFileSync(target, text);
  } catch (error) {
    throw new InputError(output, null, null, `cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
