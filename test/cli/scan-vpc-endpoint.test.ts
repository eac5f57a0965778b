// scan with the accounts' bedrock-runtime interface endpoints, through the built CLI: from a snapshot
// (policies-examples/scan-vpc-endpoint) and from the live scan through the loopback endpoint.
//
// A call through an interface endpoint is also authorized against the endpoint policy, whose statements name a
// Principal (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html); Bedrock's runtime API is
// reached through com.amazonaws.<region>.bedrock-runtime (https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html).
// The scan reads the endpoints with EC2 DescribeVpcEndpoints filtered on service-name
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpoints.html).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsEnvironment, READ_OPERATION } from '../live/fake-aws/environment.js';
import { FIXTURE_MODELS, fixtureAccount, type FakeAccount } from '../live/fake-aws/fixture.js';
import { startFakeAws, type Faults } from '../live/fake-aws/server.js';
import { EXAMPLES, requireBuiltCli, ROOT, runCli } from './helpers.js';
import { runAsync, stable } from './spawn-cli.js';

requireBuiltCli();

const SNAPSHOT = join(EXAMPLES, 'scan-vpc-endpoint', 'snapshot.json');
const RESTRICTED = 'vpce-0a1b2c3d4e5f60718';
const DEFAULT_POLICY = 'vpce-0f9e8d7c6b5a40312';
const NOVA = 'amazon.nova-pro-v1:0';

const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validateMatrix = ajv.compile(schema('matrix.schema.json'));

interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly title: string;
  readonly predictedError?: { readonly message: string };
  readonly fixes: readonly { readonly statement?: unknown; readonly verification: { readonly verified: boolean } }[];
}
interface Matrix {
  readonly matrix: readonly { principal: string; model: string; verdict: string; findings: readonly Finding[] }[];
  readonly noteCodes: readonly { code: string }[];
}

function snapshotScan(...extra: string[]) {
  const result = runCli([
    'scan',
    '--snapshot',
    SNAPSHOT,
    '--region',
    'us-east-1',
    '--models',
    NOVA,
    '--format',
    'json',
    ...extra,
  ]);
  return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as Matrix) : undefined };
}

const cellOf = (report: Matrix | undefined, role: string) =>
  report?.matrix.find((cell) => cell.principal === `arn:aws:iam::111122223333:role/${role}`);

describe('scan --snapshot with vpcEndpoints', () => {
  it('by default keeps the cells allowed and warns for the endpoint whose policy would deny, with a verified fix', () => {
    const { code, report, stderr } = snapshotScan();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(validateMatrix(report), ajv.errorsText(validateMatrix.errors)).toBe(true);
    expect(cellOf(report, 'chat-app')?.findings).toEqual([]);
    const batch = cellOf(report, 'batch-job');
    expect(batch?.verdict).toBe('allowed');
    expect(batch?.findings.map((finding) => [finding.rule, finding.severity, finding.title])).toEqual([
      [
        'vpc-endpoint-policy',
        'warning',
        `calls through ${RESTRICTED} would be denied: No VPC endpoint policy allows the call`,
      ],
    ]);
    expect(batch?.findings[0]?.predictedError?.message).toMatch(
      /because no VPC endpoint policy allows the bedrock:InvokeModel action$/,
    );
    expect(batch?.findings[0]?.fixes[0]?.verification.verified).toBe(true);
    expect(batch?.findings[0]?.fixes[0]?.statement).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:role/batch-job' },
    });
    expect(report?.noteCodes.map((note) => note.code)).toContain('vpc-endpoints-checked');
  });

  it('--vpc-endpoint evaluates every call through that endpoint: its policy denies batch-job (exit 1)', () => {
    const { code, report } = snapshotScan('--vpc-endpoint', RESTRICTED);
    expect(code).toBe(1);
    expect(validateMatrix(report), ajv.errorsText(validateMatrix.errors)).toBe(true);
    expect(cellOf(report, 'chat-app')?.verdict).toBe('allowed');
    const batch = cellOf(report, 'batch-job');
    expect(batch?.verdict).toBe('denied');
    expect(batch?.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['vpc-endpoint-policy', 'error'],
    ]);
    expect(batch?.findings[0]?.fixes[0]?.verification.verified).toBe(true);
    expect(report?.noteCodes.map((note) => note.code)).toContain('vpc-endpoint-route');
  });

  it('--vpc-endpoint of the endpoint with the default policy allows both', () => {
    const { code, report } = snapshotScan('--vpc-endpoint', DEFAULT_POLICY);
    expect(code).toBe(0);
    expect(report?.matrix.map((cell) => cell.verdict)).toEqual(['allowed', 'allowed']);
  });

  it('an id no snapshot lists, a malformed one, or one of another Region is a one-line usage error (exit 2)', () => {
    const unknown = snapshotScan('--vpc-endpoint', 'vpce-0123');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toEqual([
      `policy-check: --vpc-endpoint vpce-0123: no bedrock-runtime endpoint of the scanned accounts has this id (the snapshots list ${RESTRICTED}, ${DEFAULT_POLICY})`,
    ]);
    const malformed = snapshotScan('--vpc-endpoint', 'endpoint-1');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^policy-check: --vpc-endpoint "endpoint-1": expected an interface endpoint id/);
    const elsewhere = runCli([
      'scan',
      '--snapshot',
      SNAPSHOT,
      '--region',
      'us-west-2',
      '--models',
      NOVA,
      '--vpc-endpoint',
      RESTRICTED,
    ]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toMatch(/is an endpoint of us-east-1, and the scan is of us-west-2/);
  });
});

describe('live scan with bedrock-runtime endpoints (loopback EC2)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'policy-check-vpce-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  // Only alice may call through vpce-0b2; the role haiku-only is allowed Haiku by IAM but not by the endpoint.
  const account: FakeAccount = {
    ...fixtureAccount(),
    vpcEndpoints: [
      {
        id: 'vpce-0b2',
        vpcId: 'vpc-01',
        serviceName: 'com.amazonaws.us-east-1.bedrock-runtime',
        policy: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' },
              Action: 'bedrock:*',
              Resource: '*',
            },
          ],
        },
      },
      { id: 'vpce-0a1', vpcId: 'vpc-02', serviceName: 'com.amazonaws.us-east-1.bedrock-runtime' },
    ],
  };

  async function liveScan(args: readonly string[], faults: Faults = {}) {
    const server = await startFakeAws(account, { pageSize: 1, ...faults });
    try {
      const result = await runAsync(['scan', '--models', FIXTURE_MODELS.join(','), '--format', 'json', ...args], {
        ...fakeAwsEnvironment(server.url),
      });
      return { ...result, operations: server.operations };
    } finally {
      await server.close();
    }
  }

  it('reads the endpoints (every page, reads only), warns, saves them, and the saved snapshot gives the same matrix', async () => {
    const saved = join(directory, 'account.json');
    const live = await liveScan(['--save', saved]);
    expect(live.stderr).not.toMatch(/failed/);
    expect(live.operations.filter((operation) => !READ_OPERATION.test(operation))).toEqual([]);
    expect(live.operations.filter((operation) => operation === 'ec2:DescribeVpcEndpoints').length).toBe(2);
    const report = JSON.parse(live.stdout) as Matrix;
    const haiku = report.matrix.find(
      (cell) => cell.principal.endsWith(':role/haiku-only') && cell.model === FIXTURE_MODELS[0],
    );
    expect(haiku?.verdict).toBe('allowed');
    expect(
      haiku?.findings.filter((finding) => finding.rule === 'vpc-endpoint-policy').map((finding) => finding.title),
    ).toEqual(['calls through vpce-0b2 would be denied: No VPC endpoint policy allows the call']);
    const alice = report.matrix.find(
      (cell) => cell.principal.endsWith(':user/alice') && cell.model === FIXTURE_MODELS[0],
    );
    expect(alice?.verdict).toBe('allowed');
    expect(alice?.findings.filter((finding) => finding.rule === 'vpc-endpoint-policy')).toEqual([]);
    const snapshot = JSON.parse(readFileSync(saved, 'utf8'));
    expect(snapshot.vpcEndpoints.map((endpoint: { id: string }) => endpoint.id)).toEqual(['vpce-0a1', 'vpce-0b2']);

    const offline = await runAsync(
      ['scan', '--snapshot', saved, '--models', FIXTURE_MODELS.join(','), '--format', 'json'],
      { AWS_REGION: 'us-east-1' },
    );
    expect(offline.code).toBe(live.code);
    expect(stable(offline.stdout)).toEqual(stable(live.stdout));
  });

  it('--vpc-endpoint of the live scan denies through that endpoint', async () => {
    const live = await liveScan(['--vpc-endpoint', 'vpce-0b2']);
    const report = JSON.parse(live.stdout) as Matrix;
    const haiku = report.matrix.find(
      (cell) => cell.principal.endsWith(':role/haiku-only') && cell.model === FIXTURE_MODELS[0],
    );
    expect(haiku?.verdict).toBe('denied');
    expect(haiku?.findings.map((finding) => [finding.rule, finding.severity])).toContainEqual([
      'vpc-endpoint-policy',
      'error',
    ]);
  });

  it('a denied DescribeVpcEndpoints is reported with API and error, and no cell is allowed (incomplete)', async () => {
    const denied = await liveScan([], { accessDenied: ['ec2:DescribeVpcEndpoints'] });
    expect(denied.stderr).toMatch(
      /^policy-check: account 111122223333: ec2:DescribeVpcEndpoints failed \(UnauthorizedOperation: .*\): the bedrock-runtime VPC endpoints' policies are unknown/m,
    );
    const report = JSON.parse(denied.stdout) as Matrix;
    expect(report.matrix.filter((cell) => cell.verdict === 'allowed')).toEqual([]);
    expect(report.matrix.some((cell) => cell.verdict === 'incomplete')).toBe(true);
  });
});
