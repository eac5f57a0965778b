// A snapshot's vpcEndpoints: the bedrock-runtime interface endpoints as EC2 DescribeVpcEndpoints reports them
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpoints.html: PolicyDocument is the
// policy's JSON text), each policy read as a VPC endpoint policy, whose statements name a Principal
// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/parse/index.js';

const snapshot = (vpcEndpoints: unknown) =>
  JSON.stringify(
    {
      snapshotVersion: 1,
      accountId: '111122223333',
      vpcEndpoints,
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
    },
    null,
    2,
  );
const base = {
  id: 'vpce-0b2',
  vpcId: 'vpc-01',
  serviceName: 'com.amazonaws.us-east-1.bedrock-runtime',
  region: 'us-east-1',
  privateDnsEnabled: true,
};

describe('parseSnapshot vpcEndpoints', () => {
  it('reads each endpoint, sorted by id; a policy text is parsed as a VPC endpoint policy, none stays absent', () => {
    const text = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'bedrock:InvokeModel', Resource: '*' }],
    });
    const parsed = parseSnapshot(
      snapshot([
        { ...base, policyDocument: text },
        { ...base, id: 'vpce-0a1', privateDnsEnabled: false },
      ]),
      'snap.json',
    );
    expect(parsed.issues).toEqual([]);
    expect(
      parsed.account?.vpcEndpoints?.map((endpoint) => [endpoint.id, endpoint.privateDns, endpoint.policy?.type]),
    ).toEqual([
      ['vpce-0a1', false, undefined],
      ['vpce-0b2', true, 'vpc-endpoint'],
    ]);
  });

  it('absent: not read (undefined); empty: none', () => {
    expect(parseSnapshot(snapshot([]), 'snap.json').account?.vpcEndpoints).toEqual([]);
    const { vpcEndpoints: _, ...rest } = JSON.parse(snapshot([]));
    expect(parseSnapshot(JSON.stringify(rest), 'snap.json').account?.vpcEndpoints).toBeUndefined();
  });

  it('an endpoint policy statement without Principal, or a malformed id, is an error naming the file and line', () => {
    const noPrincipal = parseSnapshot(
      snapshot([{ ...base, policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }]),
      'snap.json',
    );
    expect(noPrincipal.account).toBeUndefined();
    expect(noPrincipal.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.file)).toEqual([
      'snap.json',
    ]);
    expect(noPrincipal.issues[0]?.line).toBeGreaterThan(1);
    const badId = parseSnapshot(snapshot([{ ...base, id: 'endpoint-1' }]), 'snap.json');
    expect(badId.account).toBeUndefined();
    expect(badId.issues[0]?.line).toBeGreaterThan(1);
  });
});
