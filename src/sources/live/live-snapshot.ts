import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { liveClients, type ClientOptions } from './clients.js';
import type { LiveFailure } from './failure.js';
import { readBedrock } from './read-bedrock.js';
import { readAuthorizationDetails } from './read-iam.js';
import { readOrganization } from './read-organization.js';

export interface LiveScanOptions extends ClientOptions {
  /** Model or inference-profile ids whose model access is read. */
  readonly models: readonly string[];
}

export interface LiveSnapshot {
  /** The policy-check snapshot (schemas/snapshot.schema.json) of the account. */
  readonly snapshot: Record<string, unknown>;
  readonly notes: readonly string[];
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
    const accountId = identity.Account ?? '';
    const partition = (identity.Arn ?? 'arn:aws:').split(':')[1] ?? 'aws';
    const failures: LiveFailure[] = [];
    const gaad = await readAuthorizationDetails(clients.iam);
    const organization = await readOrganization(clients.organizations, accountId, failures);
    const bedrock = await readBedrock(clients.bedrock, options.region, options.models, failures);
    const snapshot = {
      snapshotVersion: 1,
      accountId,
      partition,
      ...(organization.organization ? { organization: organization.organization } : {}),
      ...(organization.scpLevels ? { scpLevels: organization.scpLevels } : {}),
      regions: [options.region],
      bedrock: {
        region: bedrock.region,
        ...(bedrock.modelsByRegion ? { modelsByRegion: bedrock.modelsByRegion } : {}),
        ...(bedrock.inferenceProfiles ? { inferenceProfiles: bedrock.inferenceProfiles } : {}),
        ...(Object.keys(bedrock.availability).length > 0 ? { modelAvailability: bedrock.availability } : {}),
      },
      ...(failures.length > 0 ? { unreadable: failures } : {}),
      ...gaad,
    };
    return { snapshot, notes: organization.notes };
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
}
