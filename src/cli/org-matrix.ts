import { groupedCount, message, type Note } from '../model/index.js';
import { renderScanHints } from '../report/cli-hints.js';
import { directorySink, memorySink } from '../sources/snapshot/organization-snapshots.js';
import type { LiveArguments, LiveMatrix } from './live-matrix.js';
import { liveScanModule, unreadableLines } from './live-failures.js';
import { parseAccountIds, parseConcurrency, parseShard, selectAccounts } from './org-accounts.js';
import { progressMode, scanProgress } from './scan-progress.js';
import { accountsMatrix, type matrixOptions } from './snapshot-matrix.js';
import { writeStderr } from './standard-streams.js';
import { UsageError } from './usage-error.js';

/**
 * `scan --org --assume-role NAME`: the organization's accounts (or --accounts, or one --shard of them), each
 * read through the role, at most --concurrency at a time, into snapshots (a --save directory, from which a
 * second run resumes, or memory), then one matrix of them all. An account that cannot be read at all is
 * reported with the API and its error, counted as unscanned and named in the matrix's notes; the others go on.
 */
export async function organizationMatrix(
  args: LiveArguments,
  options: ReturnType<typeof matrixOptions>,
  models: readonly string[],
  { keepReports = true }: { readonly keepReports?: boolean } = {},
): Promise<LiveMatrix> {
  if (!args.assumeRole)
    throw new UsageError('--org needs --assume-role NAME, the role to read each member account with');
  if (args.assumeRole.startsWith('arn:'))
    throw new UsageError(
      '--assume-role takes the role name (with its path, if any), not an ARN: each member has its own',
    );
  const wanted = parseAccountIds(args.accounts);
  const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
  const concurrency = parseConcurrency(args.concurrency);
  const { openOrganizationScan } = await liveScanModule();
  let scan: Awaited<ReturnType<typeof openOrganizationScan>>;
  try {
    scan = await openOrganizationScan({ region: options.region, ...(args.profile ? { profile: args.profile } : {}) });
  } catch (error) {
    throw new UsageError(`live scan failed: ${(error as Error).message} (${(error as Error).name})`);
  }
  const notes: Note[] = [];
  const failed: Note[] = [];
  const scanned: string[] = [];
  try {
    const sink =
      args.save !== undefined
        ? directorySink(args.save, { organization: scan.organization.id, region: options.region, models })
        : memorySink('<live scan>');
    const selection = selectAccounts(scan.accounts, wanted, shard);
    sink.recordSelection({
      organization: scan.organization.id,
      shard: shard ?? { index: 1, count: 1 },
      accounts: selection.ids,
    });
    for (const account of selection.inactive)
      notes.push(message('org-account-inactive', { account: account.id, state: account.state }));
    const resumed = selection.ids.filter((id) => sink.complete(id));
    const toScan = selection.ids.filter((id) => !resumed.includes(id));
    if (!args.quiet) {
      const of = shard ? ` (shard ${shard.index}/${shard.count} of ${groupedCount(scan.accounts.length)})` : '';
      writeStderr(`policy-check: organization ${scan.organization.id}: ${accountCount(selection.ids.length)}${of}\n`);
      if (resumed.length > 0)
        writeStderr(
          `policy-check: resumed ${accountCount(resumed.length)} from ${args.save} (their files are complete); scanning ${groupedCount(toScan.length)}\n`,
        );
    }
    const progress = scanProgress(selection.ids.length, resumed.length, progressMode(args.quiet));
    try {
      await scan.scanAccounts(toScan, {
        roleName: args.assumeRole,
        concurrency,
        region: options.region,
        models,
        onAccount: (result) => {
          if ('failure' in result) {
            const unscanned = message('org-account-unscanned', {
              account: result.accountId,
              api: result.failure.api,
              error: result.failure.error,
            });
            failed.push(unscanned);
            progress.account(result.accountId, { failed: result.failure.api });
            progress.message(`policy-check: ${renderScanHints(unscanned)}`);
            return;
          }
          sink.put(result.accountId, result.snapshot);
          scanned.push(result.accountId);
          notes.push(...result.notes);
          progress.account(result.accountId, { principals: result.principals });
        },
      });
    } finally {
      progress.end();
    }
    const read = [...resumed, ...scanned].sort();
    if (read.length === 0)
      throw new UsageError(
        `no account could be scanned: ${failed[0] ? renderScanHints(failed[0]) : 'the selection holds no ACTIVE account'}`,
      );
    const management = scan.organization.managementAccountId;
    if (
      management &&
      read.includes(management) &&
      !notes.some((note) => note.code === 'live-management-account' && note.params.account === management)
    )
      notes.push(message('live-management-account', { account: management }));
    if (!args.quiet) for (const note of renderScanHints(notes)) writeStderr(`policy-check: ${note}\n`);
    // One account at a time: each is parsed, its cells computed and the account dropped before the next.
    const accounts = (function* () {
      for (const account of sink.accounts(read)) {
        for (const line of unreadableLines(account)) writeStderr(`${line}\n`);
        yield account;
      }
    })();
    const modelsInUse = options.models.length > 0 ? [] : sink.modelsInUse(read);
    const { matrix, policyFiles } = accountsMatrix(accounts, args, options, { modelsInUse, keepReports });
    return {
      matrix: { ...matrix, notes: [...matrix.notes, ...failed, ...notes] },
      unscannedAccounts: failed.length,
      policyFiles,
    };
  } finally {
    scan.close();
  }
}

function accountCount(count: number): string {
  return `${groupedCount(count)} account${count === 1 ? '' : 's'}`;
}
