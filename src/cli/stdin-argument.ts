import { STDIN_ARGUMENT } from '../sources/policy-files.js';
import { NON_FILE_FLAGS } from './options.js';

/**
 * yargs drops a lone "-" argument, so each "-" that stands for a file (or explain's error text) is
 * handed over as STDIN_ARGUMENT instead.
 */
export function markStdinArguments(argv: readonly string[]): string[] {
  const endOfOptions = argv.indexOf('--');
  return argv.map((arg, index) =>
    arg === '-' && ((endOfOptions >= 0 && index > endOfOptions) || !NON_FILE_FLAGS.has(argv[index - 1] ?? ''))
      ? STDIN_ARGUMENT
      : arg,
  );
}
