import { defaultMatrixModels } from '../analysis/matrix-models.js';
import { parseSnapshot } from '../parse/index.js';
import type { AccessMatrix, AccountModel } from '../model/index.js';
import { requireValid } from '../sources/policy-files.js';
import { shippedManagedPolicyExtract } from '../sources/snapshot/managed-policy-extract.js';
import { writeOutputFile } from './output-file.js';
import { accountsMatrix, matrixOptions, type MatrixArguments } from './snapshot-matrix.js';
import { writeStderr } from './standard-streams.js';
import { UsageError } from './usage-error.js';

export interface LiveArguments extends MatrixArguments {
  readonly profile?: string;
  readonly save?: string;
}

const LIVE_LABEL = '<live scan>';

/**
 * The access matrix of the account the AWS credentials belong to, read live and read-only. What was
 * read becomes a policy-check snapshot, parsed as `scan --snapshot` parses one (so a saved snapshot gives
 * the same matrix), and written to --save when asked.
 */
export async function liveMatrix(args: LiveArguments): Promise<AccessMatrix> {
  const options = matrixOptions(args);
  const models = options.models.length > 0 ? options.models : defaultMatrixModels(options.catalog, options.region);
  // The bundled SDK is pinned (README): its notice that later versions need Node 22 is not the user's to act on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // The SDK is loaded only here: the offline commands do not pay for it at start-up.
  const { liveSnapshot } = await import('../sources/live/live-snapshot.js');
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
  for (const note of read.notes) writeStderr(`policy-check: ${note}\n`);
  for (const failure of account.unreadable ?? [])
    writeStderr(
      `policy-check: account ${account.accountId}: ${failure.api} failed (${failure.error}): ${PART_TEXT[failure.part]}\n`,
    );
  return accountsMatrix([account], args, options);
}

const PART_TEXT = {
  'scp-chain': 'the SCP chain is unknown, so every check it could restrict is incomplete',
  'model-availability': 'model access is unknown, so every check is incomplete',
  'bedrock-catalog': "the Region's models and inference profiles are not in the snapshot",
} as const;
