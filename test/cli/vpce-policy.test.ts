// --vpce-policy: the policy of the interface VPC endpoint for bedrock-runtime the call goes through, read like every
// policy file (file:line errors, exit 2) and shown as the `vpc-endpoint` policy type in every format
// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  expectInputError,
  expectUnchanged,
  FIXTURES,
  parseReport,
  requireBuiltCli,
  runCli,
  snapshotFiles,
} from './helpers.js';

const DIR = 'policies-examples/vpc-endpoint-policy-deny';
const ARGS = [
  `${DIR}/policy.json`,
  '--vpce-policy',
  `${DIR}/vpce-policy.json`,
  '--model',
  'amazon.nova-pro-v1:0',
  '--region',
  'us-east-1',
  '--principal',
  'arn:aws:iam::111122223333:role/BedrockApp',
];

const schema = (name: string): object =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validateExplain = ajv.compile(schema('explain.schema.json'));

let inputs: Map<string, Buffer>;
let scratch: string;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES, FIXTURES);
  requireBuiltCli();
  scratch = mkdtempSync(join(tmpdir(), 'vpce-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  expectUnchanged(inputs, EXAMPLES, FIXTURES);
});

describe('--vpce-policy', () => {
  it('reports deniedBy "vpc-endpoint" in a schema-valid JSON report, the endpoint policy among the inputs', () => {
    const result = runCli([...ARGS, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.checks.map((check) => check.deniedBy)).toEqual(['vpc-endpoint', 'vpc-endpoint']);
    expect(JSON.stringify(report.input)).toContain('"type":"vpc-endpoint"');
  });

  it('shows the rule and its message in Markdown and SARIF', () => {
    const markdown = runCli([...ARGS, '--format', 'markdown']).stdout;
    expect(markdown).toContain('because no VPC endpoint policy allows the bedrock:InvokeModel action');
    const sarif = JSON.parse(runCli([...ARGS, '--format', 'sarif']).stdout) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]!.results.map((result) => result.ruleId)).toContain('vpc-endpoint-policy');
  });

  it('refuses a statement without Principal: exit 2, one line naming file:line:column', () => {
    const file = join(scratch, 'no-principal.json');
    writeFileSync(file, '{\n  "Statement": [\n    { "Effect": "Allow", "Action": "*", "Resource": "*" }\n  ]\n}\n');
    const line = expectInputError(
      runCli([`${DIR}/policy.json`, '--vpce-policy', file, '--model', 'amazon.nova-pro-v1:0']),
    );
    expect(line).toBe(`${file}:3:5: Statement[0] is missing "Principal"`);
  });

  it('lets explain reproduce a VPC endpoint text from the policies', () => {
    const text =
      'User: arn:aws:sts::111122223333:assumed-role/BedrockApp/s1 is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 because no VPC endpoint policy allows the bedrock:InvokeModel action';
    const withPolicy = runCli([
      'explain',
      text,
      `${DIR}/policy.json`,
      '--vpce-policy',
      `${DIR}/vpce-policy.json`,
      '--format',
      'json',
    ]);
    const report = JSON.parse(withPolicy.stdout) as { verdict: string; explanation: { rule: string } };
    expect(validateExplain(report), JSON.stringify(validateExplain.errors)).toBe(true);
    expect(report).toMatchObject({ verdict: 'reproduced', explanation: { rule: 'vpc-endpoint-policy' } });
    expect(withPolicy.code).toBe(0);
    // Without the endpoint policy the identity policy allows the call: not reproduced, and the report says what is missing.
    const without = runCli(['explain', text, `${DIR}/policy.json`, '--format', 'json']);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('no VPC endpoint policy was given (--vpce-policy)');
  });
});
