// --scp, --scp-levels (inline documents and `file` entries), --boundary and --session-policy: which
// policy type denies, at which SCP level, with which AccessDenied text (DESIGN.md "Evaluation semantics").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  expectUnchanged,
  FIXTURES,
  ON_DEMAND_MODEL,
  parseReport,
  PRINCIPAL,
  requireBuiltCli,
  runCli,
  snapshotFiles,
  US_PROFILE,
} from './helpers.js';

const SONNET_ARN = (region: string) =>
  `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`;
const NOVA_ARN = `arn:aws:bedrock:us-east-1::foundation-model/${ON_DEMAND_MODEL}`;
const notAuthorized = (action: string, resource: string) =>
  `User: ${PRINCIPAL} is not authorized to perform: ${action} on resource: ${resource}`;

function json(args: readonly string[]) {
  const result = runCli([...args, '--principal', PRINCIPAL, '--region', 'us-east-1', '--format', 'json']);
  expect(result.stderr).toBe('');
  return { code: result.code, report: parseReport(result.stdout) };
}

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES, FIXTURES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES, FIXTURES));

describe('--scp', () => {
  it('a Region-deny SCP explicitly denies the destination Regions of a us. profile, at the account level', () => {
    const dir = 'policies-examples/scp-region-deny';
    const { code, report } = json([
      `${dir}/policy.json`,
      '--scp',
      `${dir}/scp-deny-outside-us-east-1.json`,
      '--model',
      US_PROFILE,
      '--action',
      'InvokeModel',
    ]);
    expect(code).toBe(1);
    const denied = report.checks.find((check) => check.resource === SONNET_ARN('us-west-2'));
    expect(denied).toMatchObject({
      decision: 'explicit-deny',
      deniedBy: 'scp',
      message: `${notAuthorized('bedrock:InvokeModel', SONNET_ARN('us-west-2'))} with an explicit deny in a service control policy`,
    });
    expect(denied?.statements).toContainEqual(
      expect.objectContaining({
        policyType: 'scp',
        file: `${dir}/scp-deny-outside-us-east-1.json`,
        line: 4,
        sid: 'DenyAllOutsideUsEast1',
        effect: 'Deny',
        level: 'Account',
      }),
    );
    expect(report.checks.find((check) => check.resource === SONNET_ARN('us-east-1'))?.decision).toBe('allowed');
    expect(report.assumptions.some((text) => text.includes('FullAWSAccess'))).toBe(true);
  });
});

describe('--scp-levels', () => {
  it('reads inline documents and `file` entries (relative to the levels file, shown relative in the report)', () => {
    const dir = 'policies-examples/scp-region-deny-with-exemption';
    const { code, report } = json([
      `${dir}/policy.json`,
      '--scp-levels',
      `${dir}/scp-levels.json`,
      '--model',
      US_PROFILE,
    ]);
    expect(code).toBe(0);
    expect(report.verdict).toBe('allowed');
    expect(report.input.policies.filter((policy) => policy.type === 'scp')).toEqual([
      { type: 'scp', name: 'FullAWSAccess', file: `${dir}/scp-levels.json`, level: 'Root' },
      { type: 'scp', name: 'FullAWSAccess', file: `${dir}/scp-levels.json`, level: 'ou-Workloads' },
      { type: 'scp', name: 'RegionGuardrail', file: `${dir}/scp-deny-outside-us-east-1.json`, level: 'ou-Workloads' },
      { type: 'scp', name: 'FullAWSAccess', file: `${dir}/scp-levels.json`, level: 'Account 111122223333' },
    ]);
  });

  it('every level must allow: an OU whose only SCP allows s3:* denies implicitly at that level', () => {
    const { code, report } = json([
      'test/cli/fixtures/allow-invoke.json',
      '--scp-levels',
      'test/cli/fixtures/scp-levels-ou-allows-s3-only.json',
      '--model',
      ON_DEMAND_MODEL,
    ]);
    expect(code).toBe(1);
    expect(
      report.checks.map((check) => [check.action, check.decision, check.deniedBy, check.deniedAtLevel, check.message]),
    ).toEqual([
      [
        'bedrock:InvokeModel',
        'implicit-deny',
        'scp',
        'ou-Sandbox',
        `${notAuthorized('bedrock:InvokeModel', NOVA_ARN)} because no service control policy allows the bedrock:InvokeModel action`,
      ],
      [
        'bedrock:InvokeModelWithResponseStream',
        'implicit-deny',
        'scp',
        'ou-Sandbox',
        `${notAuthorized('bedrock:InvokeModelWithResponseStream', NOVA_ARN)} because no service control policy allows the bedrock:InvokeModelWithResponseStream action`,
      ],
    ]);
  });
});

describe('--boundary', () => {
  it('an identity Allow outside the permissions boundary is denied by the boundary', () => {
    const dir = 'policies-examples/permissions-boundary-deny';
    const { code, report } = json([
      `${dir}/policy.json`,
      '--boundary',
      `${dir}/boundary.json`,
      '--model',
      ON_DEMAND_MODEL,
    ]);
    expect(code).toBe(1);
    expect(report.input.policies).toContainEqual({
      type: 'permissions-boundary',
      name: 'boundary.json',
      file: `${dir}/boundary.json`,
    });
    expect(report.checks[0]).toMatchObject({
      decision: 'implicit-deny',
      deniedBy: 'permissions-boundary',
      message: `${notAuthorized('bedrock:InvokeModel', NOVA_ARN)} because no permissions boundary allows the bedrock:InvokeModel action`,
    });
  });
});

describe('--session-policy', () => {
  it('a session policy without InvokeModelWithResponseStream denies streaming only', () => {
    const dir = 'policies-examples/session-policy-deny';
    const { code, report } = json([
      `${dir}/policy.json`,
      '--session-policy',
      `${dir}/session-policy.json`,
      '--model',
      ON_DEMAND_MODEL,
    ]);
    expect(code).toBe(1);
    expect(report.checks.map((check) => [check.action, check.decision, check.deniedBy])).toEqual([
      ['bedrock:InvokeModel', 'allowed', null],
      ['bedrock:InvokeModelWithResponseStream', 'implicit-deny', 'session-policy'],
    ]);
    expect(report.checks[1]?.message).toBe(
      `${notAuthorized('bedrock:InvokeModelWithResponseStream', NOVA_ARN)} because no session policy allows the bedrock:InvokeModelWithResponseStream action`,
    );
  });
});
