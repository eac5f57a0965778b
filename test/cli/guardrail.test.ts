// Issue 12, item 2: --guardrail on check and explain, through the built CLI. Formats: Bedrock API Reference,
// InvokeModel (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html:
// guardrailIdentifier an id or guardrail ARN, guardrailVersion a number or DRAFT); enforcement:
// https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const ENFORCED = join(EXAMPLES, 'guardrail-enforced-missing', 'policy.json');
const CALL = [
  '--model',
  'amazon.nova-pro-v1:0',
  '--region',
  'us-east-1',
  '--principal',
  'arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1',
];
const GUARDRAIL_ARN = 'arn:aws:bedrock:us-east-1:111122223333:guardrail/abcd1234efgh';

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES, FIXTURES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES, FIXTURES));

describe('check --guardrail', () => {
  it('the guardrail the policy enforces: allowed, with the ApplyGuardrail check (exit 0)', () => {
    const result = runCli([ENFORCED, ...CALL, '--guardrail', 'abcd1234efgh:1', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = parseReport(result.stdout);
    expect(report.verdict).toBe('allowed');
    expect(report.checks.map((entry) => `${entry.action} ${entry.resource}`)).toContain(
      `bedrock:ApplyGuardrail ${GUARDRAIL_ARN}`,
    );
  });

  it('without it: denied, and the text names the flag to pass (exit 1)', () => {
    const result = runCli([ENFORCED, ...CALL]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`pass --guardrail ${GUARDRAIL_ARN}:1`);
  });

  it.each([
    ['My-Guardrail:1', /^--guardrail "My-Guardrail:1": "My-Guardrail" is neither a guardrail id/],
    ['abcd1234efgh:v1', /^--guardrail "abcd1234efgh:v1": version "v1" is neither a version number/],
    ['arn:aws:bedrock:us-east-1:111122223333:agent/abc', /is neither a guardrail id/],
  ])('%s is a usage error (exit 2, one line)', (value, message) => {
    expect(expectInputError(runCli([ENFORCED, ...CALL, '--guardrail', value]))).toMatch(message);
  });
});

describe('explain --guardrail', () => {
  it('applies only when policies are given', () => {
    expect(
      expectInputError(
        runCli(['explain', 'is not authorized to perform: bedrock:InvokeModel', '--guardrail', 'abc:1']),
      ),
    ).toMatch(/^--guardrail applies only when policies are given/);
  });

  it('reproduces an invocation denied by the enforcing Deny of a call without a guardrail', () => {
    const text = `User: arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1 is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 with an explicit deny in an identity-based policy`;
    const result = runCli(['explain', text, ENFORCED, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).verdict).toBe('reproduced');
    // The call that names the guardrail is not denied: the message is not reproduced then.
    const withGuardrail = runCli(['explain', text, ENFORCED, '--guardrail', 'abcd1234efgh:1', '--format', 'json']);
    expect(withGuardrail.code).toBe(1);
    expect(JSON.parse(withGuardrail.stdout).verdict).toBe('not-reproduced');
  });
});

describe('scan --guardrail', () => {
  const work = mkdtempSync(join(tmpdir(), 'policy-check-scan-guardrail-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const account = (accountId: string) => ({
    snapshotVersion: 1,
    accountId,
    RoleDetailList: [
      {
        RoleName: 'BedrockApp',
        Arn: `arn:aws:iam::${accountId}:role/BedrockApp`,
        RolePolicyList: [{ PolicyName: 'enforce', PolicyDocument: JSON.parse(readFileSync(ENFORCED, 'utf8')) }],
      },
    ],
  });
  const files = ['111122223333', '444455556666'].map((id) => {
    const file = join(work, `${id}.json`);
    writeFileSync(file, JSON.stringify(account(id)));
    return file;
  });
  const scan = (...extra: string[]) =>
    runCli([
      'scan',
      ...files.flatMap((file) => ['--snapshot', file]),
      '--models',
      'amazon.nova-pro-v1:0',
      '--region',
      'us-east-1',
      '--format',
      'json',
      ...extra,
    ]);
  const verdicts = (stdout: string) =>
    (JSON.parse(stdout) as { matrix: { principal: string; verdict: string }[] }).matrix.map(
      (cell) => `${cell.principal.split(':')[4]} ${cell.verdict}`,
    );

  it('every cell is a call naming the guardrail: the enforcing policy allows it only for its own guardrail', () => {
    expect(verdicts(scan().stdout)).toEqual(['111122223333 denied', '444455556666 denied']);
    // An id is each principal's own account's guardrail: only the account the policy names is allowed.
    expect(verdicts(scan('--guardrail', 'abcd1234efgh:1').stdout)).toEqual([
      '111122223333 allowed',
      '444455556666 denied',
    ]);
    // An ARN of one account: the other account's call needs that guardrail's resource-based policy, not read.
    const arn = scan('--guardrail', `${GUARDRAIL_ARN}:1`);
    expect(verdicts(arn.stdout)).toEqual(['111122223333 allowed', '444455556666 incomplete']);
    expect(JSON.parse(arn.stdout).guardrail).toEqual({ identifier: GUARDRAIL_ARN, version: '1' });
  });

  it('validates the guardrail as check does', () => {
    expect(expectInputError(scan('--guardrail', 'Not A Guardrail'))).toContain('--guardrail');
  });
});
