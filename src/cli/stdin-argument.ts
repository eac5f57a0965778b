import { STDIN_ARGUMENT } from '../sources/policy-files.js';

/** Options whose value is not a file: a "-" there is left to their own validation. */
const NON_FILE_OPTIONS = new Set(['--model', '--region', '--principal', '--context', '--action', '--profile-regions', '--format', '--output']);

/**
 * yargs drops a lone "-" argument, so each "-" that stands for a file (or explain's error text) is
 * handed over as STDIN_ARGUMENT instead.
 */
export function markStdinArguments(argv: readonly string[]): string[] {
  const endOfOptions = argv.indexOf('--');
  return argv.map((arg, index) =>
    arg === '-' && ((endOfOptions >= 0 && index > endOfOptions) || !NON_FILE_OPTIONS.has(argv[index - 1] ?? '')) ? STDIN_ARGUMENT : arg,
  );
}
