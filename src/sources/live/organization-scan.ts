import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { accountSnapshot, type AccountReadOptions, partitionOf } from './account-snapshot.js';
import { destroyClients, liveClients, type ClientOptions, type LiveClients } from './clients.js';
import { errorText, type LiveFailure } from './failure.js';
import type { Note } from '../../model/notes.js';
import { listAccounts, type MemberAccount } from './list-accounts.js';
import {
  accountOrganizationState,
  describeOrganization,
  type OrganizationIdentity,
  OrganizationReader,
} from './read-organization.js';
import { roleCredentials } from './role-credentials.js';

/** One member account's scan: its snapshot, or why it could not be read at all. */
type AccountScan =
  | {
      readonly accountId: string;
      readonly snapshot: Record<string, unknown>;
      readonly notes: readonly Note[];
      /** Users and roles read. */
      readonly principals: number;
    }
  | { readonly accountId: string; readonly failure: { readonly api: string; readonly error: string } };

interface MemberScanOptions extends AccountReadOptions {
  /** The role assumed in each member account (a name, with its path if it has one). */
  readonly roleName: string;
  /** Accounts read at the same time. */
  readonly concurrency: number;
  /** Called as each account ends, in the order they end; a scan's other accounts wait while it runs. */
  readonly onAccount: (scan: AccountScan) => void | Promise<void>;
}

export interface OrganizationScan {
  readonly callerAccountId: string;
  readonly organization: OrganizationIdentity;
  /** Every account ListAccounts returned, sorted by id. */
  readonly accounts: readonly MemberAccount[];
  scanAccounts(ids: readonly string[], options: MemberScanOptions): Promise<void>;
  close(): void;
}

/**
 * Opens the scan of an organization from its management account or a delegated administrator: the caller,
 * the organization and its accounts are read now (an error throws); each account's SCP chain is read with
 * these credentials, every OU's parent and every target's SCPs once for all accounts.
 */
export async function openOrganizationScan(options: ClientOptions): Promise<OrganizationScan> {
  const clients = liveClients(options);
  try {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    const callerAccountId = identity.Account ?? '';
    const partition = partitionOf(identity.Arn);
    const failures: LiveFailure[] = [];
    const organization = await describeOrganization(clients.organizations, callerAccountId, failures, []);
    if (!organization)
      throw Object.assign(
        new Error(
          failures[0]
            ? `organizations:DescribeOrganization failed: ${failures[0].error}`
            : `account ${callerAccountId} is not in an organization: there are no member accounts to scan`,
        ),
        { name: 'OrganizationUnreadable' },
      );
    const accounts = await listAccounts(clients.organizations);
    const reader = new OrganizationReader(clients.organizations);
    return {
      callerAccountId,
      organization,
      accounts,
      scanAccounts: (ids, scanOptions) =>
        forEachConcurrently(ids, scanOptions.concurrency, async (accountId) =>
          scanOptions.onAccount(
            await scanMember(accountId, { clients, reader, organization, partition, callerAccountId }, scanOptions),
          ),
        ),
      close: () => destroyClients(clients),
    };
  } catch (error) {
    destroyClients(clients);
    throw error;
  }
}

interface ScanContext {
  readonly clients: LiveClients;
  readonly reader: OrganizationReader;
  readonly organization: OrganizationIdentity;
  readonly partition: string;
  readonly callerAccountId: string;
}

/**
 * One account, read with the caller's credentials when it is the caller's own account, else with the
 * role assumed in it. A role that cannot be assumed or authorization details that cannot be read leave the
 * account unscanned (a failure); other reads that fail are the snapshot's `unreadable` list.
 */
async function scanMember(accountId: string, context: ScanContext, options: MemberScanOptions): Promise<AccountScan> {
  let clients = context.clients;
  if (accountId !== context.callerAccountId) {
    const roleArn = `arn:${context.partition}:iam::${accountId}:role/${options.roleName}`;
    const credentials = roleCredentials(context.clients.sts, roleArn);
    try {
      await credentials();
    } catch (error) {
      return { accountId, failure: { api: 'sts:AssumeRole', error: `${roleArn}: ${errorText(error)}` } };
    }
    clients = liveClients({ region: options.region }, credentials);
  }
  try {
    const failures: LiveFailure[] = [];
    const organization = await accountOrganizationState(context.reader, context.organization, accountId, failures);
    let snapshot: Record<string, unknown>;
    try {
      snapshot = await accountSnapshot(
        clients,
        { accountId, partition: context.partition },
        organization,
        failures,
        options,
      );
    } catch (error) {
      return { accountId, failure: { api: 'iam:GetAccountAuthorizationDetails', error: errorText(error) } };
    }
    const principals = countOf(snapshot.UserDetailList) + countOf(snapshot.RoleDetailList);
    return { accountId, snapshot, notes: organization.notes, principals };
  } finally {
    if (clients !== context.clients) destroyClients(clients);
  }
}

function countOf(list: unknown): number {
  return Array.isArray(list) ? list.length : 0;
}

/** Runs `run` on every item, at most `limit` at a time; the first error stops the rest from starting. */
async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await run(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
