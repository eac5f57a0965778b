import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../../src/parse/index.js';
import { liveSnapshot } from '../../../src/sources/live/live-snapshot.js';
import { fakeAwsEnvironment, READ_OPERATION } from '../../live/fake-aws/environment.js';
import { FIXTURE_MODELS, fixtureAccount } from '../../live/fake-aws/fixture.js';
import { startFakeAws, type FakeAws, type Faults } from '../../live/fake-aws/server.js';

let saved: NodeJS.ProcessEnv;
let servers: FakeAws[] = [];

beforeEach(() => {
  saved = { ...process.env };
});
afterEach(async () => {
  process.env = saved;
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function scan(faults: Faults = {}, account = fixtureAccount()) {
  const server = await startFakeAws(account, faults);
  servers.push(server);
  Object.assign(process.env, fakeAwsEnvironment(server.url));
  const read = await liveSnapshot({ region: 'us-east-1', models: [...FIXTURE_MODELS] });
  return { read, operations: server.operations };
}

describe('liveSnapshot through the loopback endpoint', () => {
  it('reads the account, its SCP chain and Bedrock state into a valid snapshot, calling only read APIs', async () => {
    const { read, operations } = await scan();
    const parsed = parseSnapshot(JSON.stringify(read.snapshot), 'live.json');
    expect(parsed.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    const account = parsed.account!;
    expect(account.accountId).toBe('111122223333');
    expect(account.organizationId).toBe('o-exampleorgid');
    expect(account.managementAccount).toBe(false);
    expect(account.scpLevels?.map((level) => [level.name, level.policies.map((policy) => policy.name)])).toEqual([
      ['r-ab12', ['FullAWSAccess']],
      ['ou-ab12-workload', ['FullAWSAccess', 'no-nova']],
      ['111122223333', ['FullAWSAccess']],
    ]);
    expect(account.roles.map((role) => role.name)).toEqual(['haiku-only', 'nothing']);
    // The document came URL-encoded and was decoded: it parsed to statements.
    expect(account.roles[0]?.policies[0]?.statements.length).toBe(1);
    // The default version (v2) of the customer managed policy, not v1.
    expect(account.groups[0]?.policies.map((policy) => policy.statements[0]?.effect)).toEqual(['Allow']);
    expect(read.snapshot.bedrock).toMatchObject({
      region: 'us-east-1',
      inferenceProfiles: [{ id: `us.${FIXTURE_MODELS[0]}`, regions: ['us-east-1', 'us-east-2', 'us-west-2'] }],
      modelAvailability: { [FIXTURE_MODELS[0]]: { authorization: 'AUTHORIZED' } },
    });
    expect(read.snapshot.unreadable).toBeUndefined();
    expect(operations.filter((operation) => !READ_OPERATION.test(operation))).toEqual([]);
    expect(new Set(operations)).toEqual(
      new Set([
        'sts:GetCallerIdentity',
        'iam:GetAccountAuthorizationDetails',
        'organizations:DescribeOrganization',
        'organizations:ListParents',
        'organizations:ListPoliciesForTarget',
        'organizations:DescribePolicy',
        'bedrock:ListFoundationModels',
        'bedrock:ListInferenceProfiles',
        'bedrock:ListPromptRouters',
        'bedrock:GetFoundationModelAvailability',
        'ec2:DescribeVpcEndpoints',
      ]),
    );
    // The fixture has no bedrock-runtime endpoint: read, and none (an empty list, not "not read").
    expect(read.snapshot.vpcEndpoints).toEqual([]);
    expect(account.vpcEndpoints).toEqual([]);
  });

  it('follows every page at a page size of one and gives the same snapshot', async () => {
    const whole = await scan();
    const paged = await scan({ pageSize: 1 });
    expect(paged.read.snapshot).toEqual(whole.read.snapshot);
    expect(paged.operations.filter((operation) => operation === 'iam:GetAccountAuthorizationDetails').length).toBe(5);
  });

  it('retries throttling and 5xx (adaptive) and gives the same snapshot', async () => {
    const whole = await scan();
    const faulted = await scan({
      throttleOnce: ['sts:GetCallerIdentity', 'organizations:ListParents', 'bedrock:ListInferenceProfiles'],
      serverErrorOnce: ['iam:GetAccountAuthorizationDetails', 'organizations:DescribePolicy'],
    });
    expect(faulted.read.snapshot).toEqual(whole.read.snapshot);
    expect(faulted.operations.length).toBeGreaterThan(whole.operations.length);
  });

  it('records a denied Organizations or availability read with its API and error', async () => {
    const { read } = await scan({
      accessDenied: ['organizations:ListPoliciesForTarget', 'bedrock:GetFoundationModelAvailability'],
    });
    expect(read.snapshot.scpLevels).toBeUndefined();
    expect(read.snapshot.unreadable).toEqual([
      { api: 'organizations:ListPoliciesForTarget', error: expect.stringContaining('AccessDenied'), part: 'scp-chain' },
      ...FIXTURE_MODELS.map(() => ({
        api: 'bedrock:GetFoundationModelAvailability',
        error: expect.stringContaining('AccessDenied'),
        part: 'model-availability',
      })),
    ]);
  });
});

type RoutingResources = { readonly arn: string; readonly models: string[] }[] | undefined;
const routingOf = (snapshot: Record<string, unknown>): RoutingResources =>
  (snapshot.bedrock as { routingResources?: RoutingResources } | undefined)?.routingResources;

describe('application inference profiles and prompt routers', () => {
  // ListInferenceProfiles with typeEquals APPLICATION
  // (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListInferenceProfiles.html) and ListPromptRouters
  // (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListPromptRouters.html): models[].modelArn, and a
  // router's fallbackModel, are what a call through each is also authorized against.
  const APP = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/app1';
  const ROUTER = 'arn:aws:bedrock:us-east-1:111122223333:prompt-router/r1';
  const model = (region: string, id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
  const base = fixtureAccount();
  const account = {
    ...base,
    bedrock: {
      ...base.bedrock,
      applicationProfiles: [
        { arn: APP, models: [model('us-west-2', FIXTURE_MODELS[1]), model('us-east-1', FIXTURE_MODELS[1])] },
      ],
      promptRouters: [
        {
          arn: ROUTER,
          models: [model('us-east-1', FIXTURE_MODELS[0])],
          fallback: model('us-east-1', FIXTURE_MODELS[1]),
        },
      ],
    },
  };

  it('are read, every page, into routingResources with their models sorted', async () => {
    const { read } = await scan({ pageSize: 1 }, account);
    expect(routingOf(read.snapshot)).toEqual([
      { arn: APP, models: [model('us-east-1', FIXTURE_MODELS[1]), model('us-west-2', FIXTURE_MODELS[1])] },
      { arn: ROUTER, models: [model('us-east-1', FIXTURE_MODELS[1]), model('us-east-1', FIXTURE_MODELS[0])] },
    ]);
    const parsed = parseSnapshot(JSON.stringify(read.snapshot), 'live.json');
    expect(parsed.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  it('a denied ListPromptRouters is recorded, and the profiles are still read', async () => {
    const { read } = await scan({ accessDenied: ['bedrock:ListPromptRouters'] }, account);
    expect(read.snapshot.unreadable).toEqual([
      { api: 'bedrock:ListPromptRouters', error: expect.stringContaining('AccessDenied'), part: 'bedrock-catalog' },
    ]);
    expect(routingOf(read.snapshot)?.map((resource) => resource.arn)).toEqual([APP]);
  });
});

describe('bedrock-runtime VPC endpoints', () => {
  // EC2 DescribeVpcEndpoints (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpoints.html):
  // the service-name filter selects com.amazonaws.<region>.bedrock-runtime, NextToken pages; Bedrock's runtime API is
  // reached through that interface endpoint (https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html),
  // whose policy also authorizes the call (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
  const RUNTIME = 'com.amazonaws.us-east-1.bedrock-runtime';
  const restricted = {
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/haiku-only' },
        Action: 'bedrock:InvokeModel',
        Resource: '*',
      },
    ],
  };
  const account = {
    ...fixtureAccount(),
    vpcEndpoints: [
      { id: 'vpce-0b2', vpcId: 'vpc-01', serviceName: RUNTIME, policy: restricted, privateDns: true },
      { id: 'vpce-0s3', vpcId: 'vpc-01', serviceName: 'com.amazonaws.us-east-1.s3', type: 'Gateway' as const },
      { id: 'vpce-0a1', vpcId: 'vpc-02', serviceName: RUNTIME, privateDns: false },
      { id: 'vpce-0c3', vpcId: 'vpc-03', serviceName: 'com.amazonaws.us-east-1.bedrock' },
    ],
  };

  it('reads every page of the bedrock-runtime endpoints only, with their policies, into the snapshot', async () => {
    const { read, operations } = await scan({ pageSize: 1 }, account);
    const endpoints = read.snapshot.vpcEndpoints as { id: string; policyDocument?: string }[];
    expect(endpoints.map((endpoint) => endpoint.id)).toEqual(['vpce-0a1', 'vpce-0b2']);
    expect(JSON.parse(endpoints[1]?.policyDocument ?? '{}')).toEqual(restricted);
    expect(operations.filter((operation) => operation === 'ec2:DescribeVpcEndpoints').length).toBe(2);
    const parsed = parseSnapshot(JSON.stringify(read.snapshot), 'live.json');
    expect(parsed.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(
      parsed.account?.vpcEndpoints?.map((endpoint) => [
        endpoint.id,
        endpoint.vpcId,
        endpoint.serviceName,
        endpoint.region,
        endpoint.privateDns,
        endpoint.policy?.type,
        endpoint.policy?.statements.length,
      ]),
    ).toEqual([
      // EC2 reports the default full-access policy of an endpoint created without one.
      ['vpce-0a1', 'vpc-02', RUNTIME, 'us-east-1', false, 'vpc-endpoint', 1],
      ['vpce-0b2', 'vpc-01', RUNTIME, 'us-east-1', true, 'vpc-endpoint', 1],
    ]);
  });

  it('a denied DescribeVpcEndpoints is recorded, and the endpoints are absent (unknown), not empty', async () => {
    const { read } = await scan({ accessDenied: ['ec2:DescribeVpcEndpoints'] }, account);
    expect(read.snapshot.vpcEndpoints).toBeUndefined();
    expect(read.snapshot.unreadable).toEqual([
      {
        api: 'ec2:DescribeVpcEndpoints',
        error: expect.stringContaining('UnauthorizedOperation'),
        part: 'vpc-endpoints',
      },
    ]);
  });
});
