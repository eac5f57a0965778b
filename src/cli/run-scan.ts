import type { AccessMatrix } from '../model/index.js';
import { RULES } from '../diagnose/rules/index.js';
import { MATRIX_REPORTERS, reporterNamed, type MatrixFormat } from '../report/registry.js';
import { COLOR, PLAIN } from '../report/style.js';
import { EXIT_ALLOWED, EXIT_FINDING } from './exit-codes.js';
import { writeOutputFile } from './output-file.js';
import { liveMatrix, type LiveArguments } from './live-matrix.js';
import { missesScannedAccounts, scanSnapshots } from './snapshot-matrix.js';
import { UsageError } from './usage-error.js';
import { stdoutIsTerminal, writeStdout } from './standard-streams.js';

export interface ScanArguments extends LiveArguments {
  /** Absent or empty: the live scan of the credentials' account. */
  readonly snapshot?: readonly string[];
  readonly format: MatrixFormat;
  readonly output?: string;
  readonly color?: boolean;
}

/** `policy-check scan [--snapshot FILE…]`: the access matrix of the accounts, in the format asked for. */
export async function runScan(args: ScanArguments): Promise<number> {
  if (args.save !== undefined && args.snapshot?.length)
    throw new UsageError('--save is for a live scan: drop --snapshot');
  if (args.org && args.snapshot?.length) throw new UsageError('--org is for a live scan: drop --snapshot');
  // A format that shows only the table and the causes does not need each result's report: not kept.
  const keepReports = reporterNamed(MATRIX_REPORTERS, args.format).readsReports !== false;
  const { matrix, unscannedAccounts, policyFiles } = args.snapshot?.length
    ? offlineMatrix(args.snapshot, args, keepReports)
    : await liveMatrix(args, { keepReports });
  emit(matrix, policyFiles, args);
  return scanExitCode(matrix, unscannedAccounts);
}

/** A matrix of saved snapshots: accounts its organization scan was meant to cover but that are missing count as unscanned. */
function offlineMatrix(snapshots: readonly string[], args: ScanArguments, keepReports: boolean) {
  const { matrix, policyFiles } = scanSnapshots(snapshots, args, { keepReports });
  return { matrix, unscannedAccounts: missesScannedAccounts(matrix) ? 1 : 0, policyFiles };
}

/**
 * 0 only when every cell is allowed with no error finding, as `check` exits 0 only for ALLOWED, and every
 * account was read: the principals of an account that was not are in no cell.
 */
function scanExitCode(matrix: AccessMatrix, unscannedAccounts: number): number {
  return matrix.summary.allowed === matrix.summary.cells && unscannedAccounts === 0 ? EXIT_ALLOWED : EXIT_FINDING;
}

function emit(matrix: AccessMatrix, policyFiles: readonly string[], args: ScanArguments): void {
  const reporter = reporterNamed(MATRIX_REPORTERS, args.format);
  const colored =
    reporter.styled && args.output === undefined && (args.color ?? (!process.env.NO_COLOR && stdoutIsTerminal()));
  const options = { style: colored ? COLOR : PLAIN, rules: RULES };
  // A large account's JSON runs to hundreds of megabytes: written piece by piece, never held whole.
  const text = reporter.chunks ? reporter.chunks(matrix, options) : [reporter.format(matrix, options)];
  if (args.output === undefined) {
    for (const chunk of text) writeStdout(chunk);
    return;
  }
  // The policies' files: the snapshots and every SCP file, also those an --scp-levels file names.
  const inputs = new Set([
    ...(args.snapshot ?? []),
    ...(args.save !== undefined ? [args.save] : []),
    ...(args.scp ?? []),
    ...(args.scpLevels !== undefined ? [args.scpLevels] : []),
    ...policyFiles,
  ]);
  writeOutputFile(args.output, text, [...inputs]);
}
