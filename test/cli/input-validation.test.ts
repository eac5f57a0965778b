// Issue 6, "`check` you can gate a merge on: no false green": the CLI refuses what it cannot take at its
// word — context values that do not parse as their key's type, Regions AWS does not have — with exit 2,
// and never reports a model id the catalog does not know as allowed (exit 1, did-you-mean) unless the
// user vouches for it with --trust-model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  expectInputError,
  expectUnchanged,
  FIXTURES,
  ON_DEMAND_MODEL,
  requireBuiltCli,
  runCli,
  snapshotFiles,
} from './helpers.js';

const OK = 'allow-invoke.json';
const MODEL = ['--model', ON_DEMAND_MODEL];
const PRINCIPAL = ['--principal', 'arn:aws:iam::111122223333:role/App'];

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES, FIXTURES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES, FIXTURES));

const run = (args: readonly string[], env?: Record<string, string>) =>
  runCli(args, { cwd: FIXTURES, ...(env ? { env } : {}) });
const fail = (args: readonly string[], env?: Record<string, string>) => expectInputError(run(args, env));

describe('--context values are typed by their key (exit 2 naming the key)', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (aws:MultiFactorAuthPresent: Bool)
  it('a boolean the engine cannot read would switch the MFA Deny off: refused', () => {
    expect(fail([OK, ...MODEL, '--context', 'aws:MultiFactorAuthPresent=no'])).toMatch(
      /^--context aws:MultiFactorAuthPresent: "no" is not a boolean/,
    );
    expect(
      fail(['deny-without-mfa.json', ...MODEL, ...PRINCIPAL, '--context', 'aws:MultiFactorAuthPresent=flase']),
    ).toMatch(
      /^--context aws:MultiFactorAuthPresent: "flase" is not a boolean \(true or false\): the type of aws:MultiFactorAuthPresent is Bool$/,
    );
  });

  it('the well-formed value is evaluated: the MFA Deny applies (exit 1), and not without it (exit 0)', () => {
    const denied = run([
      'deny-without-mfa.json',
      ...MODEL,
      ...PRINCIPAL,
      '--context',
      'aws:MultiFactorAuthPresent=FALSE',
      '--format',
      'json',
    ]);
    expect(denied.code).toBe(1);
    expect(JSON.parse(denied.stdout).verdict).toBe('denied');
    const allowed = run([
      'deny-without-mfa.json',
      ...MODEL,
      ...PRINCIPAL,
      '--context',
      'aws:MultiFactorAuthPresent=true',
      '--format',
      'json',
    ]);
    expect(allowed.code).toBe(0);
  });

  it.each([
    ['aws:SourceIp=10.0.0.999', /^--context aws:SourceIp: "10\.0\.0\.999" is not an IP address/],
    ['aws:CurrentTime=2026-02-30T00:00:00Z', /^--context aws:CurrentTime: "2026-02-30T00:00:00Z" is not a date/],
    ['aws:EpochTime=soon', /^--context aws:EpochTime: "soon" is not whole epoch seconds/],
    ['aws:MultiFactorAuthAge=ten', /^--context aws:MultiFactorAuthAge: "ten" is not a number/],
    ['aws:PrincipalArn=App', /^--context aws:PrincipalArn: "App" is not an ARN/],
    ['bedrock:InferenceProfileArn=us.x', /^--context bedrock:InferenceProfileArn: "us\.x" is not an ARN/],
  ])('%s', (entry, expected) => {
    expect(fail([OK, ...MODEL, '--context', entry])).toMatch(expected);
  });

  it('explain types them too', () => {
    const text = 'An error occurred (AccessDeniedException) when calling the InvokeModel operation: x';
    expect(fail(['explain', text, OK, '--context', 'aws:SecureTransport=1'])).toMatch(
      /^--context aws:SecureTransport: "1" is not a boolean/,
    );
  });
});

describe('--region and --profile-regions: only Regions AWS has (exit 2, did-you-mean)', () => {
  it.each([
    [
      ['--region', 'us-east-3'],
      /^--region "us-east-3" is not an AWS Region in the list dated \d{4}-\d\d-\d\d; did you mean us-east-1, us-east-2/,
    ],
    [['--region', 'eu-centrall-1'], /^--region "eu-centrall-1" is not an AWS Region .*did you mean eu-central-1/],
    [
      ['--profile-regions', 'us-east-1,us-wset-2'],
      /^--profile-regions: "us-wset-2" is not an AWS Region .*did you mean us-west-2/,
    ],
  ])('%j', (flags, expected) => {
    expect(fail([OK, ...MODEL, ...flags])).toMatch(expected);
  });

  it('AWS_DEFAULT_REGION too', () => {
    expect(fail([OK, ...MODEL], { AWS_DEFAULT_REGION: 'ap-southeast-9' })).toMatch(
      /^AWS_DEFAULT_REGION "ap-southeast-9" is not an AWS Region/,
    );
  });

  it('a GovCloud Region is one', () => {
    expect(run([OK, '--model', 'amazon.nova-pro-v1:0', '--region', 'us-gov-west-1', '--format', 'json']).code).not.toBe(
      2,
    );
  });
});

describe('--model: an id the catalog does not know is an error finding (exit 1), never allowed', () => {
  // A wrong id fails with "ValidationException: The provided model identifier is invalid." whatever the
  // permissions (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html#API_runtime_InvokeModel_Errors).
  it('a misspelt id: exit 1, not allowed, did-you-mean', () => {
    const result = run([OK, '--model', 'amazon.nova-pro-v1:1', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.verdict).not.toBe('allowed');
    const finding = report.findings.find((f: { severity: string }) => f.severity === 'error');
    expect(finding.title).toBe('amazon.nova-pro-v1:1 is not in the model catalog; did you mean amazon.nova-pro-v1:0?');
  });

  it('--trust-model: the id is taken as a model newer than the catalog (exit 0 when the policies allow it)', () => {
    const result = run([OK, '--model', 'amazon.nova-pro-v9:0', '--trust-model', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).verdict).toBe('allowed');
  });

  it('a text that is no id at all: exit 2 with did-you-mean by model name', () => {
    expect(fail([OK, '--model', 'Claude Sonnet 4.5'])).toMatch(
      /^--model "Claude Sonnet 4\.5": not a foundation model id .*; did you mean anthropic\.claude-sonnet-4-5-20250929-v1:0/,
    );
  });

  it('an ARN of a custom model is not looked up in the catalog', () => {
    const result = run([
      OK,
      '--model',
      'arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.nova-pro-v1:0/abc123',
      ...PRINCIPAL,
      '--format',
      'json',
    ]);
    const report = JSON.parse(result.stdout);
    expect(report.findings.filter((f: { title: string }) => /not in the model catalog/.test(f.title))).toEqual([]);
  });
});

describe('actions that match no IAM action: a warning at file:line, and the fix corrects the typo', () => {
  it('warnings on stderr naming file:line with did-you-mean; the fix is the corrected action, verified', () => {
    const result = run(['misspelt-action.json', ...MODEL, ...PRINCIPAL, '--format', 'json']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^policy-check: misspelt-action\.json:8:9: warning: action "bedrock:InvokeModle" matches no bedrock action .*did you mean "bedrock:InvokeModel"\?$/,
      ),
      expect.stringMatching(
        /^policy-check: misspelt-action\.json:10:9: warning: action "bedrock:Invok\*Modle" matches no bedrock action/,
      ),
      expect.stringMatching(
        /^policy-check: misspelt-action\.json:12:9: warning: unknown service prefix "bedrok" .*did you mean "bedrock"\?$/,
      ),
    ]);
    const report = JSON.parse(result.stdout);
    const fixes = report.findings.flatMap(
      (f: { fixes: { kind: string; summary: string; verification: { verified: boolean } }[] }) => f.fixes,
    );
    expect(fixes).toHaveLength(1);
    expect(fixes[0]).toMatchObject({
      kind: 'replace-statement',
      summary: 'Correct the action "bedrock:InvokeModle" to "bedrock:InvokeModel" at misspelt-action.json:8',
      verification: { verified: true },
    });
  });

  it('a policy with correct actions prints no warning', () => {
    expect(run([OK, ...MODEL]).stderr).toBe('');
  });
});
