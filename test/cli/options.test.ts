// Flags that shape the requests: --region and its AWS_REGION / AWS_DEFAULT_REGION fallbacks, --action,
// --context, --assume-absent and --profile-regions (issue #2), through the built binary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decisionsOf,
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
  type RunOptions,
} from './helpers.js';

const ALLOW_INVOKE = 'test/cli/fixtures/allow-invoke.json';
const SOURCE_IP = 'policies-examples/conditional-source-ip/policy.json';
const MODEL_ARN = (region: string) => `arn:aws:bedrock:${region}::foundation-model/${ON_DEMAND_MODEL}`;
const SONNET_ARN = (region: string) =>
  `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`;
const PROFILE_ARN = `arn:aws:bedrock:us-east-1:111122223333:inference-profile/${US_PROFILE}`;

function json(args: readonly string[], options?: RunOptions) {
  const result = runCli([...args, '--principal', PRINCIPAL, '--format', 'json'], options);
  expect(result.stderr).toBe('');
  return { code: result.code, report: parseReport(result.stdout) };
}

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES, FIXTURES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES, FIXTURES));

describe("the caller's Region", () => {
  it('--region wins over AWS_REGION and is not reported as an assumption', () => {
    const { code, report } = json([ALLOW_INVOKE, '--model', ON_DEMAND_MODEL, '--region', 'eu-west-2'], {
      env: { AWS_REGION: 'us-west-2' },
    });
    expect(code).toBe(0);
    expect(report.input.region).toBe('eu-west-2');
    expect(report.checks.map((check) => [check.resource, check.requestedRegion])).toEqual([
      [MODEL_ARN('eu-west-2'), 'eu-west-2'],
      [MODEL_ARN('eu-west-2'), 'eu-west-2'],
    ]);
    expect(report.assumptions.filter((text) => /Region/.test(text) && /AWS_|us-east-1 assumed/.test(text))).toEqual([]);
  });

  it('AWS_REGION wins over AWS_DEFAULT_REGION', () => {
    const { report } = json([ALLOW_INVOKE, '--model', ON_DEMAND_MODEL], {
      env: { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-central-1' },
    });
    expect(report.input.region).toBe('us-west-2');
    expect(report.checks[0]?.resource).toBe(MODEL_ARN('us-west-2'));
    expect(report.assumptions).toContain('Region taken from AWS_REGION');
  });

  it('AWS_DEFAULT_REGION is used when AWS_REGION is not set', () => {
    const { report } = json([ALLOW_INVOKE, '--model', ON_DEMAND_MODEL], {
      env: { AWS_DEFAULT_REGION: 'eu-central-1' },
    });
    expect(report.input.region).toBe('eu-central-1');
    expect(report.checks[0]?.requestedRegion).toBe('eu-central-1');
    expect(report.assumptions).toContain('Region taken from AWS_DEFAULT_REGION');
  });
});

describe('--action', () => {
  const correct = 'policies-examples/cross-region-profile-correct/policy.json';

  it('Converse narrows the checks to bedrock:InvokeModel', () => {
    const { code, report } = json([correct, '--model', US_PROFILE, '--region', 'us-east-1', '--action', 'Converse']);
    expect(code).toBe(0);
    expect(report.input.actions).toEqual(['bedrock:InvokeModel']);
    expect(decisionsOf(report)).toEqual({
      [`bedrock:InvokeModel ${PROFILE_ARN}`]: 'allowed',
      [`bedrock:InvokeModel ${SONNET_ARN('us-east-1')}`]: 'allowed',
      [`bedrock:InvokeModel ${SONNET_ARN('us-east-2')}`]: 'allowed',
      [`bedrock:InvokeModel ${SONNET_ARN('us-west-2')}`]: 'allowed',
    });
  });
});

describe('request context', () => {
  it('a condition on an unknown key makes the decision conditional, with the residual clause in the JSON', () => {
    const { code, report } = json([SOURCE_IP, '--model', ON_DEMAND_MODEL, '--region', 'us-east-1']);
    expect(code).toBe(1);
    expect(report.verdict).toBe('conditional');
    for (const check of report.checks) {
      expect(check).toMatchObject({ decision: 'conditional', deniedBy: null, message: null });
      expect(check.conditions).toEqual([
        expect.objectContaining({
          kind: 'allow-if-any',
          policyType: 'identity',
          alternatives: [
            expect.objectContaining({
              clauses: [
                {
                  operator: 'IpAddress',
                  key: 'aws:SourceIp',
                  values: ['203.0.113.0/24', '198.51.100.0/24'],
                  file: SOURCE_IP,
                  line: 10,
                },
              ],
            }),
          ],
        }),
      ]);
    }
  });

  it('--context aws:SourceIp inside the range allows it (exit 0)', () => {
    const { code, report } = json([
      SOURCE_IP,
      '--model',
      ON_DEMAND_MODEL,
      '--region',
      'us-east-1',
      '--context',
      'aws:SourceIp=203.0.113.7',
    ]);
    expect(code).toBe(0);
    expect(report.summary).toEqual({ allowed: 2, explicitDeny: 0, implicitDeny: 0, conditional: 0 });
  });

  it('--context aws:SourceIp outside the range denies it', () => {
    const { code, report } = json([
      SOURCE_IP,
      '--model',
      ON_DEMAND_MODEL,
      '--region',
      'us-east-1',
      '--context',
      'aws:SourceIp=192.0.2.10',
    ]);
    expect(code).toBe(1);
    expect(report.checks.map((check) => [check.decision, check.deniedBy])).toEqual([
      ['implicit-deny', 'identity'],
      ['implicit-deny', 'identity'],
    ]);
  });

  it('--assume-absent: IpAddress on an absent aws:SourceIp is false, so nothing allows it', () => {
    const { code, report } = json([SOURCE_IP, '--model', ON_DEMAND_MODEL, '--region', 'us-east-1', '--assume-absent']);
    expect(code).toBe(1);
    expect(report.verdict).toBe('denied');
    expect(report.summary.implicitDeny).toBe(2);
  });
});

describe('--profile-regions', () => {
  it("replaces the catalog's destination Regions of the profile", () => {
    const missing = 'policies-examples/cross-region-profile-missing-destinations/policy.json';
    const { code, report } = json([
      missing,
      '--model',
      US_PROFILE,
      '--region',
      'us-east-1',
      '--action',
      'InvokeModel',
      '--profile-regions',
      'us-east-1,us-west-2',
    ]);
    expect(code).toBe(1);
    expect(decisionsOf(report)).toEqual({
      [`bedrock:InvokeModel ${PROFILE_ARN}`]: 'allowed',
      [`bedrock:InvokeModel ${SONNET_ARN('us-east-1')}`]: 'allowed',
      [`bedrock:InvokeModel ${SONNET_ARN('us-west-2')}`]: 'implicit-deny',
    });
  });
});

describe('--help (issue 6)', () => {
  it.each([[['--help']], [['check', '--help']]])('%j shows examples and the exit codes, exit 0', (args) => {
    const result = runCli(args);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      'Examples:\n  # can the caller invoke Nova Pro on demand?\n  policy-check policy.json --model amazon.nova-pro-v1:0 --region us-east-1\n',
    );
    expect(result.stdout).toContain('--context aws:SourceIp=203.0.113.7');
    expect(result.stdout).toMatch(
      /Exit codes:\n {2}0 {2}every check allowed.*\n {2}1 {2}a check denied, conditional or not evaluable.*\n {2}2 {2}a bad flag/,
    );
    expect(result.stdout).toContain('--verbose');
  });
});

describe('an unknown flag (issue 6)', () => {
  it.each([
    [['--modle', ON_DEMAND_MODEL], 'unknown option --modle; did you mean --model?'],
    [['--model', ON_DEMAND_MODEL, '--verbos'], 'unknown option --verbos; did you mean --verbose?'],
    [['--model', ON_DEMAND_MODEL, '--Region=us-east-1'], 'unknown option --Region; did you mean --region?'],
    [['--model', ON_DEMAND_MODEL, '--frobnicate'], 'unknown option --frobnicate'],
    [
      ['--model', ON_DEMAND_MODEL, '--foo-bar', '--contxt', 'a=b'],
      'unknown options --foo-bar, --contxt (did you mean --context?)',
    ],
  ])('%j → one line naming it, with a suggestion when one is close; exit 2', (args, message) => {
    const result = runCli([ALLOW_INVOKE, ...args]);
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `policy-check: ${message}\n`,
    });
  });
});

describe('--verbose (issue 6)', () => {
  it('adds every check to the text report; without it the predicted error is shown once', () => {
    const args = [
      `${EXAMPLES}/cross-region-profile-missing-destinations/policy.json`,
      '--model',
      US_PROFILE,
      '--region',
      'us-east-1',
      '--principal',
      PRINCIPAL,
    ];
    const short = runCli(args);
    const verbose = runCli([...args, '--verbose']);
    expect([short.code, verbose.code]).toEqual([1, 1]);
    expect(short.stdout).not.toContain('✓ allowed');
    expect(short.stdout.match(/is not authorized to perform: bedrock:/g)).toHaveLength(1);
    expect(verbose.stdout).toContain('\nEvery check:\n');
    expect(verbose.stdout.match(/^✓ allowed /gm)).toHaveLength(4);
    expect(verbose.stdout.match(/^✗ implicit deny /gm)).toHaveLength(4);
  });
});
