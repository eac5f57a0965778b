// The accounts' bedrock-runtime interface endpoints in the matrix. A call through an endpoint is also authorized
// against its policy, whose statements name a Principal, and an endpoint without one has the default full-access
// policy (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html); such a call carries
// aws:SourceVpce and aws:SourceVpc (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
import { describe, expect, it } from 'vitest';
import { matrix, type MatrixOptions } from '../../src/analysis/matrix.js';
import { endpointCall, findVpcEndpoint, mergeEndpointCounts } from '../../src/analysis/vpc-endpoints.js';
import { shippedCatalog } from '../../src/bedrock/index.js';
import { message, type AccountModel, type AccountVpcEndpoint } from '../../src/model/index.js';
import { ACCOUNT_ID, account, managedPolicy, role } from '../helpers/account.js';
import { doc, policy } from '../helpers/policies.js';
import { renderCliHints } from '../../src/report/cli-hints.js';

const NOVA = 'amazon.nova-pro-v1:0';
const options = (extra: Partial<MatrixOptions> = {}): MatrixOptions => ({
  region: 'us-east-1',
  actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
  catalog: shippedCatalog(),
  now: new Date('2026-06-01T00:00:00Z'),
  toolVersion: 'test',
  models: [NOVA],
  ...extra,
});

const invokeAll = managedPolicy('Invoke', doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }));
const endpointPolicy = (...statements: object[]) => policy(doc(...statements), { type: 'vpc-endpoint', name: 'vpce' });
const onlyFor = (name: string) =>
  endpointPolicy({
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/${name}` },
    Action: 'bedrock:*',
    Resource: '*',
  });

const endpoint = (id: string, extra: Partial<AccountVpcEndpoint> = {}): AccountVpcEndpoint => ({
  id,
  vpcId: 'vpc-0aa',
  serviceName: 'com.amazonaws.us-east-1.bedrock-runtime',
  region: 'us-east-1',
  privateDns: true,
  ...extra,
});

const withEndpoints = (model: AccountModel, vpcEndpoints: AccountVpcEndpoint[]): AccountModel => ({
  ...model,
  vpcEndpoints,
});
const twoRoles = account({ roles: [role('a', [invokeAll]), role('b', [invokeAll])] });

const cells = (result: ReturnType<typeof matrix>) =>
  Object.fromEntries(
    result.cells.map((cell) => {
      const report = result.results[cell.result]!.report;
      return [
        cell.principal.split('/').pop(),
        [cell.verdict, renderCliHints(report.findings).map((finding) => `${finding.severity} ${finding.title}`)],
      ];
    }),
  );

describe('endpointCall', () => {
  it('sets aws:SourceVpce and aws:SourceVpc; values the caller gives win; an id only deployment knows stays unknown', () => {
    expect(endpointCall(endpoint('vpce-01')).context).toEqual({
      'aws:SourceVpce': ['vpce-01'],
      'aws:SourceVpc': ['vpc-0aa'],
    });
    expect(endpointCall(endpoint('vpce-01'), { 'AWS:SourceVpce': ['vpce-99'] }).context).toEqual({
      'AWS:SourceVpce': ['vpce-99'],
      'aws:SourceVpc': ['vpc-0aa'],
    });
    const { vpcId: _, ...noVpc } = endpoint('aws_vpc_endpoint.bedrock');
    expect(endpointCall(noVpc).context).toEqual({});
  });
});

describe('matrix with the accounts’ endpoints, by default', () => {
  it('warns on an allowed cell that an endpoint policy would deny, and keeps the verdict', () => {
    const result = matrix(withEndpoints(twoRoles, [endpoint('vpce-01', { policy: onlyFor('a') })]), options());
    expect(cells(result)).toEqual({
      a: ['allowed', []],
      b: ['allowed', ['warning calls through vpce-01 would be denied: No VPC endpoint policy allows the call']],
    });
    expect(result.notes).toContainEqual({ code: 'vpc-endpoints-checked', params: { count: 1 } });
    // The endpoint policy names principals: each is its own group.
    expect(result.summary.principalGroups).toBe(2);
  });

  it('says "may be denied" when the endpoint gate is undecided, and ignores endpoints without a policy or of another Region', () => {
    const conditional = endpointPolicy({
      Effect: 'Allow',
      Principal: '*',
      Action: 'bedrock:*',
      Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    });
    const result = matrix(
      withEndpoints(twoRoles, [
        endpoint('vpce-01', { policy: conditional }),
        endpoint('vpce-02'),
        endpoint('vpce-03', { region: 'eu-west-1', policy: onlyFor('nobody') }),
      ]),
      options(),
    );
    expect(cells(result).a).toEqual(['allowed', ['warning calls through vpce-01 may be denied']]);
  });

  it('an unreadable endpoint list makes every cell incomplete', () => {
    const model: AccountModel = {
      ...twoRoles,
      unreadable: [{ api: 'ec2:DescribeVpcEndpoints', error: 'UnauthorizedOperation: no', part: 'vpc-endpoints' }],
    };
    const result = matrix(model, options());
    expect(result.cells.map((cell) => cell.verdict)).toEqual(['incomplete', 'incomplete']);
    expect(result.results[0]?.report.unresolved).toContainEqual({
      code: 'unresolved-policy',
      params: { arn: `arn:aws:ec2::${ACCOUNT_ID}:vpc-endpoints`, reason: 'unreadable-vpc-endpoints' },
    });
  });
});

describe('matrix through one endpoint (vpcEndpoint)', () => {
  it('makes its policy the last gate, with aws:SourceVpce set to its id', () => {
    const bySource = (id: string) =>
      endpointPolicy({
        Effect: 'Allow',
        Principal: '*',
        Action: 'bedrock:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceVpce': id } },
      });
    const through = (policyOf: string) =>
      cells(matrix(twoRoles, options({ vpcEndpoint: endpoint('vpce-01', { policy: bySource(policyOf) }) })));
    expect(through('vpce-01').a?.[0]).toBe('allowed');
    expect(through('vpce-02').a).toEqual([
      'denied',
      ['error An Allow in the VPC endpoint policy matches the call, but its condition is false for it'],
    ]);
  });

  it('denies the principal its policy does not name, and notes the route', () => {
    const route = endpoint('vpce-01', { policy: onlyFor('a') });
    const result = matrix(twoRoles, options({ vpcEndpoint: route }));
    expect(cells(result)).toEqual({
      a: ['allowed', []],
      b: ['denied', ['error No VPC endpoint policy allows the call']],
    });
    expect(result.notes).toContainEqual({
      code: 'vpc-endpoint-route',
      params: { endpoint: 'vpce-01', vpc: 'vpc-0aa', defaultPolicy: false },
    });
  });
});

describe('findVpcEndpoint', () => {
  const read = withEndpoints(twoRoles, [endpoint('vpce-01'), endpoint('vpce-02', { region: 'eu-west-1' })]);
  const unread = account({ id: '444455556666' });
  it('finds an endpoint of the Region; names the known ids and the accounts not read otherwise', () => {
    expect(findVpcEndpoint([read], 'vpce-01', 'us-east-1')).toEqual({ endpoint: endpoint('vpce-01') });
    expect(findVpcEndpoint([read], 'vpce-02', 'us-east-1')).toEqual({ problem: 'other-region', region: 'eu-west-1' });
    expect(findVpcEndpoint([read, unread], 'vpce-09', 'us-east-1')).toEqual({
      problem: 'not-found',
      known: ['vpce-01', 'vpce-02'],
      unread: ['444455556666'],
    });
  });
});

describe('mergeEndpointCounts', () => {
  // An organization is analysed account by account (matrixBuilder): each account counts its own endpoints.
  it('adds the counts of several accounts into one note and keeps the other notes', () => {
    const other = message('operation-authorized-as', { operation: 'X', action: 'bedrock:InvokeModel' });
    const merged = mergeEndpointCounts([
      message('vpc-endpoints-checked', { count: 2 }),
      other,
      message('vpc-endpoints-checked', { count: 3 }),
    ]);
    expect(merged).toEqual([other, message('vpc-endpoints-checked', { count: 5 })]);
  });

  it('leaves a single count as it is', () => {
    const notes = [message('vpc-endpoints-checked', { count: 1 })];
    expect(mergeEndpointCounts(notes)).toEqual(notes);
  });
});
