// The main job through the built binary: verdicts, exit codes (DESIGN.md "Contracts with users"), the
// exact AccessDenied text in text and JSON, and golden text outputs (deterministic, byte for byte).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  expectNoAnsi,
  expectUnchanged,
  GOLDEN,
  parseReport,
  PRINCIPAL,
  requireBuiltCli,
  ROOT,
  runCli,
  snapshotFiles,
  US_PROFILE,
  type RunResult,
} from './helpers.js';

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The last line names the tool version; the goldens hold "<version>" so that a release does not touch them. */
function normalizeVersion(text: string): string {
  return text.replace(
    new RegExp(`; policy-check ${PACKAGE_VERSION.replaceAll('.', '\\.')}\\n$`),
    '; policy-check <version>\n',
  );
}

/** Compares with test/cli/golden/NAME.txt exactly; UPDATE_GOLDEN=1 rewrites the file instead. */
function expectGolden(name: string, stdout: string): void {
  const file = join(GOLDEN, `${name}.txt`);
  const actual = normalizeVersion(stdout);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(existsSync(file), `${file} is missing; run UPDATE_GOLDEN=1 npx vitest run test/cli`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const example = (name: string, file = 'policy.json') => `policies-examples/${name}/${file}`;

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES));

describe('golden text output', () => {
  it('allowed: exit 0, verdict first, no ANSI codes off a TTY', () => {
    const result = runCli([
      example('allowed-foundation-model'),
      '--model',
      'anthropic.claude-sonnet-4-6',
      '--region',
      'eu-west-2',
      '--principal',
      PRINCIPAL,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'ALLOWED  anthropic.claude-sonnet-4-6 in eu-west-2: all 2 checks allowed',
    );
    expectNoAnsi(result.stdout);
    expectGolden('allowed-foundation-model', result.stdout);
  });

  let deniedText: RunResult;
  it('implicit deny in the destination Regions of a us. profile: exit 1 and the exact AccessDenied message', () => {
    deniedText = runCli([
      'check',
      example('cross-region-profile-missing-destinations'),
      '--model',
      US_PROFILE,
      '--region',
      'us-east-1',
      '--principal',
      PRINCIPAL,
    ]);
    expect(deniedText.stderr).toBe('');
    expect(deniedText.code).toBe(1);
    expect(deniedText.stdout.split('\n')[0]).toBe(`DENIED  ${US_PROFILE} in us-east-1: 4 of 8 checks denied`);
    // The predicted error once, with the requests it stands for; the per-check listing only with --verbose.
    expect(deniedText.stdout).toContain(
      `\nAccessDeniedException: User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0 because no identity-based policy allows the bedrock:InvokeModel action\n  (4 of 8 requests: the model in us-east-2 and us-west-2, both actions)\n`,
    );
    expect(deniedText.stdout.match(/is not authorized to perform: bedrock:/g)).toHaveLength(1);
    expectNoAnsi(deniedText.stdout);
    expectGolden('cross-region-profile-missing-destinations', deniedText.stdout);
  });

  it('the same run without the `check` keyword gives the same output', () => {
    const result = runCli([
      example('cross-region-profile-missing-destinations'),
      '--model',
      US_PROFILE,
      '--region',
      'us-east-1',
      '--principal',
      PRINCIPAL,
    ]);
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 1,
      stdout: deniedText.stdout,
      stderr: '',
    });
  });

  it('explicit deny by a Region-deny SCP on the destinations of a us. profile', () => {
    const result = runCli([
      example('scp-region-deny'),
      '--scp',
      example('scp-region-deny', 'scp-deny-outside-us-east-1.json'),
      '--model',
      US_PROFILE,
      '--region',
      'us-east-1',
      '--principal',
      PRINCIPAL,
    ]);
    expect(result.code).toBe(1);
    expectGolden('scp-region-deny', result.stdout);
    const verbose = runCli([
      example('scp-region-deny'),
      '--scp',
      example('scp-region-deny', 'scp-deny-outside-us-east-1.json'),
      '--model',
      US_PROFILE,
      '--region',
      'us-east-1',
      '--principal',
      PRINCIPAL,
      '--verbose',
    ]);
    expect(verbose.code).toBe(1);
    expect(verbose.stdout).toContain(
      `\n    User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0 with an explicit deny in a service control policy\n`,
    );
    expectGolden('scp-region-deny-verbose', verbose.stdout);
  });

  it('conditional on aws:SourceIp (no --region: the default Region is stated as an assumption)', () => {
    const result = runCli([
      example('conditional-source-ip'),
      '--model',
      'amazon.nova-pro-v1:0',
      '--principal',
      PRINCIPAL,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe(
      'CONDITIONAL  amazon.nova-pro-v1:0 in us-east-1: allowed by the identity-based policy only if aws:SourceIp is in one of 203.0.113.0/24, 198.51.100.0/24',
    );
    expect(result.stdout).toContain('no --region, AWS_REGION or AWS_DEFAULT_REGION: Region us-east-1 assumed');
    expectGolden('conditional-source-ip', result.stdout);
  });
});

describe('--format json', () => {
  it('is one document valid against schemas/report.schema.json, with the same message as the text', () => {
    const result = runCli([
      example('cross-region-profile-missing-destinations'),
      '--model',
      US_PROFILE,
      '--region',
      'us-east-1',
      '--principal',
      PRINCIPAL,
      '--format',
      'json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.verdict).toBe('denied');
    expect(report.summary).toEqual({ allowed: 4, explicitDeny: 0, implicitDeny: 4, conditional: 0 });
    const denied = report.checks.find(
      (check) =>
        check.action === 'bedrock:InvokeModel' &&
        check.resource === 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    expect(denied).toMatchObject({
      requestedRegion: 'us-west-2',
      inferenceProfileArn: `arn:aws:bedrock:us-east-1:111122223333:inference-profile/${US_PROFILE}`,
      decision: 'implicit-deny',
      deniedBy: 'identity',
      message: `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0 because no identity-based policy allows the bedrock:InvokeModel action`,
    });
    const allowed = report.checks.find((check) => check.decision === 'allowed');
    expect(allowed?.message).toBeNull();
    expect(allowed?.statements).toContainEqual(
      expect.objectContaining({
        policyType: 'identity',
        file: example('cross-region-profile-missing-destinations'),
        line: 4,
        sid: 'InvokeUsProfile',
        effect: 'Allow',
      }),
    );
  });
});

describe('--version', () => {
  it('prints the version in package.json (src/cli/version.ts is kept in step with it)', () => {
    const result = runCli(['--version']);
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 0,
      stdout: `${PACKAGE_VERSION}\n`,
      stderr: '',
    });
  });
});
