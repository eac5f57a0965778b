import { DescribeVpcEndpointsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { attempt, type LiveFailure } from './failure.js';

/** One bedrock-runtime interface endpoint as the snapshot stores it (schemas/snapshot.schema.json `vpcEndpoints`). */
interface SnapshotVpcEndpoint {
  readonly id: string;
  readonly vpcId: string;
  readonly serviceName: string;
  readonly region: string;
  readonly policyDocument?: string;
  readonly privateDnsEnabled: boolean;
}

/** The service name of Amazon Bedrock's runtime endpoint in a Region (the interface endpoint the invoke calls use). */
function bedrockRuntimeServiceName(region: string): string {
  return `com.amazonaws.${region}.bedrock-runtime`;
}

/**
 * The account's interface endpoints for bedrock-runtime in the Region (EC2 DescribeVpcEndpoints filtered on
 * service-name, every page), sorted by id; undefined when the read failed (recorded in `failures`, which makes
 * every check of the account incomplete: a call may go through an endpoint whose policy is unknown).
 */
export async function readVpcEndpoints(
  client: EC2Client,
  region: string,
  failures: LiveFailure[],
): Promise<SnapshotVpcEndpoint[] | undefined> {
  const serviceName = bedrockRuntimeServiceName(region);
  return attempt(failures, 'ec2:DescribeVpcEndpoints', 'vpc-endpoints', async () => {
    const found: SnapshotVpcEndpoint[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new DescribeVpcEndpointsCommand({
          Filters: [{ Name: 'service-name', Values: [serviceName] }],
          ...(token ? { NextToken: token } : {}),
        }),
      );
      for (const endpoint of page.VpcEndpoints ?? []) {
        // Gateway endpoints have no policy of this kind, and bedrock-runtime offers none; a deleted one carries no calls.
        if (endpoint.VpcEndpointType !== undefined && endpoint.VpcEndpointType !== 'Interface') continue;
        const state = String(endpoint.State ?? '').toLowerCase();
        if (state === 'deleted' || state === 'deleting') continue;
        found.push({
          id: endpoint.VpcEndpointId ?? '',
          vpcId: endpoint.VpcId ?? '',
          serviceName: endpoint.ServiceName ?? serviceName,
          region,
          ...(endpoint.PolicyDocument ? { policyDocument: endpoint.PolicyDocument } : {}),
          privateDnsEnabled: endpoint.PrivateDnsEnabled === true,
        });
      }
      token = page.NextToken;
    } while (token);
    return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  });
}
