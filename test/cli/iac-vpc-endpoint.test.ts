// `policy-check iac` with a bedrock-runtime interface endpoint the repository declares (aws_vpc_endpoint,
// AWS::EC2::VPCEndpoint: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html), through
// the built binary. A call through the endpoint is also authorized against its policy, whose statements name a
// Principal (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html); Bedrock's runtime API is
// reached through com.amazonaws.<region>.bedrock-runtime (https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, ROOT, runCli } from './helpers.js';

requireBuiltCli();

const FIXTURE = join(ROOT, 'test', 'fixtures', 'iac', 'terraform', 'vpc-endpoint');
const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validate = ajv.compile(schema('iac.schema.json'));

interface Report {
  readonly findings: readonly { rule: string; severity: string; file: string; line: number; message: string }[];
  readonly cells: readonly { principal: string; verdict: string }[];
}

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

const TEMPLATE = join(ROOT, 'test', 'fixtures', 'iac', 'cloudformation', 'vpc-endpoint');

/** The fixture with another .policy-check.yml. */
function withConfig(config: string, fixture = FIXTURE): string {
  const directory = mkdtempSync(join(tmpdir(), 'policy-check-iac-vpce-'));
  directories.push(directory);
  cpSync(fixture, directory, { recursive: true });
  writeFileSync(join(directory, '.policy-check.yml'), config);
  return directory;
}

function iac(directory: string) {
  const result = runCli(['iac', directory, '--models', 'amazon.nova-pro-v1:0', '--format', 'json']);
  return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as Report) : undefined };
}

const verdicts = (report: Report | undefined) =>
  Object.fromEntries((report?.cells ?? []).map((cell) => [cell.principal, cell.verdict]));

describe('policy-check iac with aws_vpc_endpoint', () => {
  it('by default keeps the cells allowed and warns at the endpoint whose policy would deny batch-job', () => {
    const { code, report, stderr } = iac(FIXTURE);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    expect(verdicts(report)).toEqual({ 'role/batch-job': 'allowed', 'role/chat-app': 'allowed' });
    const findings = report?.findings.filter((finding) => finding.rule === 'vpc-endpoint-policy') ?? [];
    expect(findings.map((finding) => [finding.severity, finding.file, finding.line])).toEqual([
      ['warning', 'main.tf', 32],
    ]);
    expect(findings[0]?.message).toMatch(
      /^calls through aws_vpc_endpoint\.bedrock would be denied: .*role\/batch-job.*because no VPC endpoint policy allows the bedrock:InvokeModel action; verified fix: add .*"Principal":\{"AWS":"arn:aws:iam::111122223333:role\/batch-job"\}/,
    );
    // iac has no --vpc-endpoint: its note names the configuration key that routes every call through one endpoint.
    const notes = (report as unknown as { notes: readonly string[] }).notes.filter((note) =>
      note.includes('VPC endpoint'),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('(`vpcEndpoint: ID` in .policy-check.yml evaluates every call through one)');
    expect(notes[0]).not.toContain('--vpc-endpoint');
  });

  it('vpcEndpoint: evaluates every call through that endpoint: batch-job denied, an error at the endpoint (exit 1)', () => {
    const { code, report } = iac(
      withConfig('region: us-east-1\naccount: "111122223333"\nvpcEndpoint: aws_vpc_endpoint.bedrock\n'),
    );
    expect(code).toBe(1);
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    expect(verdicts(report)).toEqual({ 'role/batch-job': 'denied', 'role/chat-app': 'allowed' });
    expect(
      report?.findings.filter((finding) => finding.rule === 'vpc-endpoint-policy').map((finding) => finding.severity),
    ).toEqual(['error']);
  });

  it('vpcEndpoint: naming the endpoint with the default policy (Region interpolated) allows both', () => {
    const { code, report } = iac(
      withConfig('region: us-east-1\naccount: "111122223333"\nvpcEndpoint: aws_vpc_endpoint.open\n'),
    );
    expect(code).toBe(0);
    expect(verdicts(report)).toEqual({ 'role/batch-job': 'allowed', 'role/chat-app': 'allowed' });
  });

  it('warns at the endpoint that denies, also when another endpoint’s address is a prefix of its address', () => {
    const directory = withConfig('region: us-east-1\naccount: "111122223333"\n');
    const main = join(directory, 'main.tf');
    // aws_vpc_endpoint.bedrock (the default policy, declared first) and aws_vpc_endpoint.bedrock_chat (chat-app only).
    writeFileSync(
      main,
      readFileSync(main, 'utf8').replace(
        'resource "aws_vpc_endpoint" "bedrock" {',
        'resource "aws_vpc_endpoint" "bedrock" {\n  vpc_id            = var.vpc_id\n  service_name      = "com.amazonaws.us-east-1.bedrock-runtime"\n  vpc_endpoint_type = "Interface"\n}\n\nresource "aws_vpc_endpoint" "bedrock_chat" {',
      ),
    );
    const findings = iac(directory).report?.findings.filter((finding) => finding.rule === 'vpc-endpoint-policy') ?? [];
    expect(findings.map((finding) => [finding.severity, finding.file, finding.line])).toEqual([
      ['warning', 'main.tf', 38],
    ]);
  });

  it('vpcEndpoint: naming no declared bedrock-runtime endpoint is one line at the config line, exit 2', () => {
    const result = iac(withConfig('region: us-east-1\nvpcEndpoint: aws_vpc_endpoint.s3\n'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'policy-check: .policy-check.yml:2:14: vpcEndpoint: "aws_vpc_endpoint.s3" is no bedrock-runtime interface endpoint the repository declares with a known policy (declared: aws_vpc_endpoint.bedrock, aws_vpc_endpoint.open)',
    ]);
  });
});

describe('policy-check iac with AWS::EC2::VPCEndpoint', () => {
  it('reads ServiceName with !Sub ${AWS::Region} and the PolicyDocument (Principal !GetAtt): a warning at the endpoint', () => {
    const { code, report, stderr } = iac(TEMPLATE);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    expect(verdicts(report)).toEqual({ 'role/batch-job': 'allowed', 'role/chat-app': 'allowed' });
    const findings = report?.findings.filter((finding) => finding.rule === 'vpc-endpoint-policy') ?? [];
    expect(findings.map((finding) => [finding.severity, finding.file, finding.line])).toEqual([
      ['warning', 'template.yaml', 42],
    ]);
    expect(findings[0]?.message).toMatch(/^calls through BedrockEndpoint would be denied: .*role\/batch-job/);
  });

  it('vpcEndpoint: BedrockEndpoint denies batch-job (exit 1)', () => {
    const { code, report } = iac(
      withConfig('region: us-east-1\naccount: "111122223333"\nvpcEndpoint: BedrockEndpoint\n', TEMPLATE),
    );
    expect(code).toBe(1);
    expect(verdicts(report)).toEqual({ 'role/batch-job': 'denied', 'role/chat-app': 'allowed' });
  });
});
