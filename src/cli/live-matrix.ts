import { defaultMatrixModels } from '../analysis/matrix-models.js';
import { parseSnapshot } from '../parse/index.js';
import type { AccessMatrix, AccountModel } from '../model/index.js';
import { renderScanHints } from '../report/cli-hints.js';
import { requireValid } from '../sources/policy-files.js';
import { shippedManagedPolicyExtract } from '../sources/snapshot/managed-policy-extract.js';
import { liveScanModule, unreadableLines } from './live-failures.js';
import { organizationMatrix } from './org-matrix.js';
import { writeOutputFile } from './output-file.js';
import { accountsMatrix, matrixOptions, type MatrixArguments } from './snapshot-matrix.js';
import { writeStderr } from './standard-streams.js';
import { UsageError } from './usage-error.js';

export interface LiveArguments extends MatrixArguments {
  readonly profile?: string;
  readonly save?: string;
  readonly org?: boolean;
  readonly assumeRole?: string;
  readonly accounts?: readonly string[];
  readonly shard?: string;
  readonly concurrency?: string;
  readonly quiet?: boolean;
}

export interface LiveMatrix {
  readonly matrix: AccessMatrix;
  /** Accounts of the organization that could not be read at all: the matrix lacks their principals. */
  readonly unscannedAccounts: number;
  /** The files of the policies the matrix's results read (where --output must not write). */
  readonly policyFiles: readonly string[];
}

const LIVE_LABEL = '<live scan>';
const ORG_ONLY = ['assumeRole', 'accounts', 'shard', 'concurrency'] as const;
const FLAG = { assumeRole: '--assume-role', accounts: '--accounts', shard: '--shard', concurrency: '--concurrency' };

/**
 * The access matrix of the account the AWS credentials belong to (or, with --org, of the organization's
 * accounts), read live and read-only. What was read becomes policy-check snapshots, parsed as
 * `scan --snapshot` parses them (so a saved snapshot gives the same matrix), and written to --save when asked.
 */
export async function liveMatrix(
  args: LiveArguments,
  { keepReports = true }: { readonly keepReports?: boolean } = {},
): Promise<LiveMatrix> {
  const options = matrixOptions(args);
  const models = options.models.length > 0 ? options.models : defaultMatrixModels(options.catalog, options.region);
  if (args.org) return organizationMatrix(args, options, models, { keepReports });
  const orgOnly = ORG_ONLY.find((name) => args[name] !== undefined && args[name]?.length !== 0);
  if (orgOnly) throw new UsageError(`${FLAG[orgOnly]} is for an organization scan: add --org`);
  // The SDK is loaded only here: the offline commands do not pay for it at start-up.
  const { liveSnapshot } = await liveScanModule();
  let read: Awaited<ReturnType<typeof liveSnapshot>>;
  try {
    read = await liveSnapshot({ region: options.region, models, ...(args.profile ? { profile: args.profile } : {}) });
  } catch (error) {
    throw new UsageError(`live scan failed: ${(error as Error).message} (${(error as Error).name})`);
  }
  const text = `${JSON.stringify(read.snapshot, null, 2)}\n`;
  if (args.save !== undefined) writeOutputFile(args.save, text, []);
  const parsed = parseSnapshot(text, args.save ?? LIVE_LABEL, shippedManagedPolicyExtract());
  const account: AccountModel = requireValid(parsed.account, parsed.issues, args.save ?? LIVE_LABEL);
  if (!args.quiet) for (const note of renderScanHints(read.notes)) writeStderr(`policy-check: ${note}\n`);
  for (const line of unreadableLines(account)) writeStderr(`${line}\n`);
  const { matrix, policyFiles } = accountsMatrix([account], args, options, {
    modelsInUse: account.bedrock?.modelsInUse ?? [],
    keepReports,
  });
  return { matrix, unscannedAccounts: 0, policyFiles };
}
