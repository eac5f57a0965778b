// aws_vpc_endpoint for Amazon Bedrock's runtime (service_name com.amazonaws.<region>.bedrock-runtime,
// https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html): its policy, a VPC endpoint
// policy whose statements name a Principal, or none: the default full-access policy
// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTerraform } from '../../../../src/sources/iac/terraform/read-terraform.js';
import { filesOf } from './fixture-files.js';

const FIXTURE = join('test', 'fixtures', 'iac', 'terraform', 'vpc-endpoint');

describe('readTerraform: aws_vpc_endpoint', async () => {
  const fragment = await readTerraform(filesOf(FIXTURE), { accountId: '111122223333' });

  it('reads the bedrock-runtime endpoints only, the Region from the service name or unknown (every Region)', () => {
    expect(fragment.issues).toEqual([]);
    expect(
      fragment.vpcEndpoints?.map((endpoint) => [
        endpoint.address,
        endpoint.region,
        endpoint.privateDns,
        endpoint.vpcId,
      ]),
    ).toEqual([
      ['aws_vpc_endpoint.bedrock', 'us-east-1', true, undefined],
      ['aws_vpc_endpoint.open', '', false, undefined],
    ]);
    expect(fragment.vpcEndpoints?.[0]?.declaredAt).toMatchObject({ file: 'main.tf', line: 32 });
  });

  it('keeps the policy document data source with its principals block, at the .tf line; none is the default policy', () => {
    const policy = fragment.vpcEndpoints?.[0]?.policy;
    expect(policy?.type).toBe('vpc-endpoint');
    expect(policy?.statements.map((statement) => [statement.sid, statement.span.line])).toEqual([['ChatAppOnly', 41]]);
    expect(policy?.statements[0]?.principal).toEqual({ AWS: ['arn:aws:iam::111122223333:role/chat-app'] });
    expect(fragment.vpcEndpoints?.[1]?.policy).toBeUndefined();
  });

  it('without the account, the role ARN in Principal is a placeholder: the engine leaves the principal undecided', async () => {
    const unknownAccount = await readTerraform(filesOf(FIXTURE));
    const statement = unknownAccount.vpcEndpoints?.[0]?.policy?.statements[0];
    expect(statement?.unknowns?.length).toBe(1);
    expect(statement?.principal).toEqual({ AWS: [statement?.unknowns?.[0]?.placeholder] });
  });

  it('an endpoint whose service name only deployment knows is an unknown, not an endpoint', async () => {
    const read = await readTerraform([
      {
        path: 'main.tf',
        text: 'variable "service" {\n  type = string\n}\nresource "aws_vpc_endpoint" "x" {\n  vpc_id = "vpc-01"\n  service_name = var.service\n}\n',
      },
    ]);
    expect(read.vpcEndpoints).toBeUndefined();
    expect(read.unknowns.map((unknown) => unknown.affects)).toEqual(['aws_vpc_endpoint.x']);
  });
});
