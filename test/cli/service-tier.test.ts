// --service-tier through the built CLI: validation (one line, exit 2), the tier in the report, and the
// conditional report naming the flag. Tiers: the API's ServiceTier values
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ServiceTier.html); the key is a condition key
// of the two invoke actions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  expectInputError,
  ON_DEMAND_MODEL,
  PRINCIPAL,
  parseReport,
  requireBuiltCli,
  runCli,
} from './helpers.js';

beforeAll(() => requireBuiltCli());

const POLICY = join(EXAMPLES, 'service-tier-denied', 'policy.json');
const ARGS = [POLICY, '--model', ON_DEMAND_MODEL, '--region', 'us-east-1', '--principal', PRINCIPAL];
const noteCodes = (stdout: string): string[] =>
  ((JSON.parse(stdout) as { noteCodes?: { code: string }[] }).noteCodes ?? []).map((note) => note.code);

describe('--service-tier', () => {
  it('an unknown tier is one usage error line naming the tiers; a wrong case suggests the API spelling', () => {
    expect(expectInputError(runCli([...ARGS, '--service-tier', 'standard']))).toBe(
      '--service-tier: unknown tier "standard"; expected one of default, flex, priority, reserved',
    );
    expect(expectInputError(runCli([...ARGS, '--service-tier', 'Priority']))).toContain('did you mean "priority"?');
  });

  it('with --context bedrock:ServiceTier as well is a usage error', () => {
    expect(
      expectInputError(runCli([...ARGS, '--service-tier', 'flex', '--context', 'bedrock:ServiceTier=flex'])),
    ).toContain('--service-tier and --context bedrock:ServiceTier both set the tier');
  });

  it('the denied tier is denied, another allowed, and the report says which tier the requests carry', () => {
    const denied = runCli([...ARGS, '--service-tier', 'priority', '--format', 'json']);
    expect(denied.code).toBe(1);
    expect(parseReport(denied.stdout).verdict).toBe('denied');
    const allowed = runCli([...ARGS, '--service-tier', 'flex', '--format', 'json']);
    expect(allowed.code).toBe(0);
    const report = parseReport(allowed.stdout);
    expect(report.verdict).toBe('allowed');
    expect(noteCodes(allowed.stdout)).toContain('service-tier-set');
    expect(report.notes.join('\n')).toContain('carry bedrock:ServiceTier = "flex" (--service-tier)');
  });

  it('without a tier the check is conditional, and the text says how to decide it', () => {
    const result = runCli(ARGS);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^CONDITIONAL/);
    expect(result.stdout).toContain('to decide, give them: --service-tier TIER');
  });
});

describe('--action InvokeModelWithBidirectionalStream', () => {
  // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithBidirectionalStream.html;
  // API keys: https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-reference.html
  it('checks bedrock:InvokeModel and notes that API keys cannot call it', () => {
    const result = runCli([
      ...ARGS,
      '--service-tier',
      'flex',
      '--action',
      'InvokeModelWithBidirectionalStream',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    const report = parseReport(result.stdout);
    expect(report.input.actions).toEqual(['bedrock:InvokeModel']);
    expect(noteCodes(result.stdout)).toContain('operation-authorized-as');
    expect(report.notes.join('\n')).toContain('Bedrock API keys cannot be used with it');
  });

  it('bedrock:InvokeModelWithBidirectionalStream is no IAM action: a usage error saying what to write', () => {
    expect(expectInputError(runCli([...ARGS, '--action', 'bedrock:InvokeModelWithBidirectionalStream']))).toContain(
      'is authorized as bedrock:InvokeModel',
    );
  });
});

describe('scan --service-tier', () => {
  const work = mkdtempSync(join(tmpdir(), 'policy-check-tier-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const snapshot = join(work, 'account.json');
  writeFileSync(
    snapshot,
    JSON.stringify({
      snapshotVersion: 1,
      accountId: '111122223333',
      RoleDetailList: [
        {
          RoleName: 'app',
          Arn: 'arn:aws:iam::111122223333:role/app',
          RolePolicyList: [{ PolicyName: 'invoke', PolicyDocument: JSON.parse(readFileSync(POLICY, 'utf8')) }],
        },
      ],
    }),
  );
  const SCAN = [
    'scan',
    '--snapshot',
    snapshot,
    '--models',
    ON_DEMAND_MODEL,
    '--region',
    'us-east-1',
    '--format',
    'json',
  ];
  const verdicts = (stdout: string): string[] =>
    (JSON.parse(stdout) as { matrix: { verdict: string }[] }).matrix.map((cell) => cell.verdict);

  it('decides the cells a Deny on the tier makes conditional', () => {
    expect(verdicts(runCli(SCAN).stdout)).toEqual(['conditional']);
    expect(verdicts(runCli([...SCAN, '--service-tier', 'priority']).stdout)).toEqual(['denied']);
    const flex = runCli([...SCAN, '--service-tier', 'flex']);
    expect(flex.code).toBe(0);
    expect(verdicts(flex.stdout)).toEqual(['allowed']);
  });

  it('validates the tier as check does', () => {
    expect(expectInputError(runCli([...SCAN, '--service-tier', 'fast']))).toContain(
      '--service-tier: unknown tier "fast"',
    );
  });
});

describe('explain --service-tier', () => {
  const MESSAGE = `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/${ON_DEMAND_MODEL} with an explicit deny in an identity-based policy`;

  it('reproduces a Deny on the tier the call asked for; without the tier it cannot', () => {
    const reproduced = runCli(['explain', MESSAGE, POLICY, '--service-tier', 'priority', '--format', 'json']);
    expect(reproduced.code).toBe(0);
    expect((JSON.parse(reproduced.stdout) as { verdict: string }).verdict).toBe('reproduced');
    const unknown = runCli(['explain', MESSAGE, POLICY, '--format', 'json']);
    expect((JSON.parse(unknown.stdout) as { verdict: string }).verdict).toBe('not-reproduced');
  });

  it('applies only when policies are given', () => {
    expect(expectInputError(runCli(['explain', MESSAGE, '--service-tier', 'flex']))).toContain(
      '--service-tier applies only when policies are given',
    );
  });
});
