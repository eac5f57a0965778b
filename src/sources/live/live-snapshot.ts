import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { accountSnapshot, type AccountReadOptions, partitionOf } from './account-snapshot.js';
import { destroyClients, liveClients, type ClientOptions } from './clients.js';
import type { LiveFailure } from './failure.js';
import type { Note } from '../../model/notes.js';
import { readOrganization } from './read-organization.js';

// The live bundle (dist/live.cjs) is built from this file: the organization scan is loaded with it.
export { openOrganizationScan } from './organization-scan.js';

export interface LiveScanOptions extends ClientOptions, AccountReadOptions {}

export interface LiveSnapshot {
  /** The policy-check snapshot (schemas/snapshot.schema.json) of the account. */
  readonly snapshot: Record<string, unknown>;
  readonly notes: readonly Note[];
}

/**
 * Reads the calling account, read-only, into a policy-check snapshot. The caller's identity and the
 * account's IAM authorization details are required (an error throws); what the Organizations and
 * Bedrock APIs deny is recorded in the snapshot's `unreadable` list, which makes the checks that depend
 * on it incomplete.
 */
export async function liveSnapshot(options: LiveScanOptions): Promise<LiveSnapshot> {
  const clients = liveClients(options);
  try {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    const account = { accountId: identity.Account ?? '', partition: partitionOf(identity.Arn) };
    const failures: LiveFailure[] = [];
    const organization = await readOrganization(clients.organizations, account.accountId, failures);
    const snapshot = await accountSnapshot(clients, account, organization, failures, options);
    return { snapshot, notes: organization.notes };
  } finally {
    destroyClients(clients);
  }
}
