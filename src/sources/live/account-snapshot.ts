import type { LiveClients } from './clients.js';
import type { LiveFailure } from './failure.js';
import { readBedrock } from './read-bedrock.js';
import { readAuthorizationDetails } from './read-iam.js';
import { readVpcEndpoints } from './read-vpc-endpoints.js';
import type { OrganizationState } from './read-organization.js';

export interface AccountReadOptions {
  readonly region: string;
  /** Model or inference-profile ids whose model access is read. */
  readonly models: readonly string[];
}

/**
 * One account's IAM authorization details (required: an error throws) and Bedrock state, with its
 * organization and SCP chain already read, as a policy-check snapshot (schemas/snapshot.schema.json).
 * What could not be read is the snapshot's `unreadable` list.
 */
export async function accountSnapshot(
  clients: Pick<LiveClients, 'iam' | 'bedrock' | 'ec2'>,
  account: { readonly accountId: string; readonly partition: string },
  organization: OrganizationState,
  failures: LiveFailure[],
  options: AccountReadOptions,
): Promise<Record<string, unknown>> {
  const gaad = await readAuthorizationDetails(clients.iam);
  const bedrock = await readBedrock(clients.bedrock, options.region, options.models, failures);
  const vpcEndpoints = await readVpcEndpoints(clients.ec2, options.region, failures);
  return {
    snapshotVersion: 1,
    accountId: account.accountId,
    partition: account.partition,
    ...(organization.organization ? { organization: organization.organization } : {}),
    ...(organization.scpLevels ? { scpLevels: organization.scpLevels } : {}),
    regions: [options.region],
    bedrock: {
      region: bedrock.region,
      ...(bedrock.modelsByRegion ? { modelsByRegion: bedrock.modelsByRegion } : {}),
      ...(bedrock.inferenceProfiles ? { inferenceProfiles: bedrock.inferenceProfiles } : {}),
      ...(bedrock.routingResources ? { routingResources: bedrock.routingResources } : {}),
      ...(Object.keys(bedrock.availability).length > 0 ? { modelAvailability: bedrock.availability } : {}),
    },
    ...(vpcEndpoints ? { vpcEndpoints } : {}),
    ...(failures.length > 0 ? { unreadable: failures } : {}),
    ...gaad,
  };
}

/** The partition of an ARN (arn:aws-cn:…), aws when there is none. */
export function partitionOf(arn: string | undefined): string {
  return (arn ?? 'arn:aws:').split(':')[1] || 'aws';
}
