import type { Argv } from 'yargs';
import { accessDiffReport, diffMatrices } from '../analysis/index.js';
import { DIFF_FAIL_ON, diffableCells, type DiffableMatrix, type DiffFailOn, type DiffInput } from '../model/index.js';
import { renderDiffHints } from '../report/cli-hints.js';
import { InputError } from '../sources/input-error.js';
import { DIFF_REPORTERS, reporterNamed, type DiffFormat } from '../report/registry.js';
import { loadMatrixReport } from '../sources/matrix-file.js';
import { computedDiffable } from '../report/words/computed-diffable.js';
import { isSnapshotPath } from '../sources/snapshot/load-snapshot.js';
import { snapshotMatrix, type MatrixArguments } from './snapshot-matrix.js';
import { writeOutputFile } from './output-file.js';
import { inputLabel, isStdin } from '../sources/policy-files.js';
import { EXIT_ALLOWED, EXIT_FINDING } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

/**
 * `policy-check diff OLD NEW`: which principals gained or lost access to which models between two
 * matrix reports. Exit codes: 0 no change that --fail-on names; 1 such a change; 2 usage or input error.
 */
export interface DiffArguments extends MatrixArguments {
  readonly old: string;
  readonly new: string;
  readonly format: DiffFormat;
  readonly output?: string;
  readonly failOn?: string | readonly string[];
}

/** diff's positionals; its options come from the options table (options.ts). */
export function diffPositionals<T>(command: Argv<T>) {
  return command
    .positional('old', {
      type: 'string',
      describe:
        'the matrix report before the change (policy-check scan --format json), or an account snapshot; "-" reads a report from standard input',
    })
    .positional('new', { type: 'string', describe: 'the matrix report (or account snapshot) after the change' });
}

export const DIFF_EXIT_CODES_EPILOGUE = [
  'Exit codes:',
  '  0  no change that --fail-on names (default: no access lost)',
  '  1  a change --fail-on names: access lost (default), gained, or any change',
  '  2  a bad flag, or an unreadable or invalid report (the message names file:line)',
].join('\n');

export function runDiff(args: DiffArguments): number {
  const failOn = failOnOption(args.failOn);
  if (isStdin(args.old) && isStdin(args.new))
    throw new UsageError('standard input can be read only once: give OLD or NEW as a file');
  const oldSnapshot = isSnapshotFile(args.old);
  const newSnapshot = isSnapshotFile(args.new);
  if (oldSnapshot !== newSnapshot)
    throw new UsageError('OLD and NEW must both be matrix reports or both be account snapshots');
  const oldMatrix = oldSnapshot ? scannedMatrix(args.old, args) : loadReport(args.old);
  // Both sides over the same models: without --models, the models OLD was scanned for.
  const newMatrix = newSnapshot
    ? scannedMatrix(args.new, args.models?.length ? args : { ...args, models: [modelsOf(oldMatrix).join(',')] })
    : loadReport(args.new);
  const report = accessDiffReport(diffMatrices(oldMatrix, newMatrix), {
    oldFile: inputLabel(args.old),
    newFile: inputLabel(args.new),
    failOn,
    toolVersion: VERSION,
  });
  const text = reporterNamed(DIFF_REPORTERS, args.format).format(report, {});
  if (args.output === undefined) process.stdout.write(text);
  else
    writeOutputFile(
      args.output,
      text,
      [args.old, args.new].filter((file) => !isStdin(file)),
    );
  return report.fails ? EXIT_FINDING : EXIT_ALLOWED;
}

function modelsOf(matrix: DiffInput): string[] {
  return [...new Set(diffableCells(matrix.matrix).keys.map((cell) => cell.model))].sort();
}

/** A snapshot file (never standard input, which can be read only once and is a report). */
function isSnapshotFile(file: string): boolean {
  return !isStdin(file) && isSnapshotPath(file);
}

/** The matrix `scan` would report for one snapshot, as the diff reads a matrix report. */
function scannedMatrix(file: string, args: MatrixArguments): DiffInput {
  return computedDiffable(snapshotMatrix([file], args), renderDiffHints);
}

/** A matrix report; an error's advice (the command that makes a matrix report) in the CLI's words. */
function loadReport(file: string): DiffableMatrix {
  try {
    return loadMatrixReport(file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(error.file, error.line, error.column, renderDiffHints(error.detail));
  }
}

/** --fail-on, repeatable; `none` with another value contradicts itself. */
function failOnOption(value: string | readonly string[] | undefined): DiffFailOn[] {
  const values = value === undefined ? ['lost'] : typeof value === 'string' ? [value] : [...value];
  for (const item of values)
    if (!(DIFF_FAIL_ON as readonly string[]).includes(item))
      throw new UsageError(`--fail-on ${JSON.stringify(item)}: expected ${DIFF_FAIL_ON.join(', ')}`);
  if (values.includes('none') && values.some((item) => item !== 'none'))
    throw new UsageError('--fail-on none cannot be combined with another --fail-on');
  return values as DiffFailOn[];
}
