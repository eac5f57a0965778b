// Usage and input errors: exit 2, nothing on stdout, ONE line on stderr naming file:line[:col] when a
// file is at fault, no stack trace — and no input file touched (issue #2, DESIGN.md exit codes).
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, expectInputError, expectUnchanged, FIXTURES, ON_DEMAND_MODEL, requireBuiltCli, runCli, snapshotFiles } from './helpers.js';

const MODEL = ['--model', ON_DEMAND_MODEL];
const OK = 'allow-invoke.json';

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES, FIXTURES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES, FIXTURES));

/** Runs in test/cli/fixtures and returns the error line without its "policy-check: " prefix. */
const fail = (args: readonly string[], env?: Record<string, string>) => expectInputError(runCli(args, { cwd: FIXTURES, ...(env ? { env } : {}) }));

describe('invalid policy files name file:line:column', () => {
  it.each([
    ['truncated JSON', 'truncated.json', /^truncated\.json:8:1: .*(end of file|unexpected)/i],
    ['Effect "allow" (values are case-sensitive)', 'effect-lowercase.json', /^effect-lowercase\.json:5:17: .*"allow"/],
    ['an unknown condition operator', 'unknown-operator.json', /^unknown-operator\.json:9:9: .*"StringEqualz".*StringEquals/],
    ['a resource ARN without its empty account segment', 'bad-resource-arn.json', /^bad-resource-arn\.json:7:19: .*arn:aws:bedrock:us-east-1:foundation-model\/anthropic\.\*/],
    ['a bad CIDR in IpAddress', 'bad-cidr.json', /^bad-cidr\.json:9:59: .*"10\.0\.0\.0\/33"/],
  ])('%s', (_name, file, expected) => {
    expect(fail([file, ...MODEL])).toMatch(expected);
  });

  it('an SCP file named by --scp-levels is reported at its own line', () => {
    expect(fail([OK, ...MODEL, '--scp-levels', 'scp-levels-bad-scp.json'])).toMatch(/^effect-lowercase\.json:5:17: /);
  });

  it('a missing SCP file named by --scp-levels is reported at the entry that names it', () => {
    expect(fail([OK, ...MODEL, '--scp-levels', 'scp-levels-missing-file.json'])).toMatch(/^scp-levels-missing-file\.json:5:\d+: .*no-such-scp\.json.*no such file/);
  });
});

describe('unreadable inputs', () => {
  it('a missing file', () => {
    expect(fail(['no-such-policy.json', ...MODEL])).toBe('no-such-policy.json: no such file');
  });

  it('a directory instead of a file (as --boundary)', () => {
    expect(fail([OK, ...MODEL, '--boundary', '.'])).toMatch(/^\.: .*directory/);
  });

  // root reads any file, so the check needs an ordinary user.
  it.skipIf(process.getuid?.() === 0)('a file without read permission', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-check-unreadable-'));
    try {
      copyFileSync(join(FIXTURES, OK), join(dir, 'secret.json'));
      chmodSync(join(dir, 'secret.json'), 0o000);
      expect(expectInputError(runCli(['secret.json', ...MODEL], { cwd: dir }))).toBe('secret.json: permission denied');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad flags', () => {
  it.each([
    ['--principal that is not an IAM principal ARN', [OK, ...MODEL, '--principal', 'arn:aws:s3:::my-bucket'], /^--principal "arn:aws:s3:::my-bucket": /],
    ['an unknown --action', [OK, ...MODEL, '--action', 'InvokeAgent'], /^--action: .*"InvokeAgent"/],
    ['a --region that is not a Region name', [OK, ...MODEL, '--region', 'us-east'], /^--region "us-east" is not an AWS Region name/],
    ['--scp together with --scp-levels', [OK, ...MODEL, '--scp', OK, '--scp-levels', 'scp-levels-ou-allows-s3-only.json'], /--scp.*--scp-levels/],
    ['a missing --model', [OK], /^Missing required argument: model/],
    ['no policy file', [...MODEL], /non-option arguments/],
    ['an unknown flag', [OK, ...MODEL, '--regoin', 'us-east-1'], /^unknown option --regoin; did you mean --region\?$/],
    ['a single-valued flag given twice', [OK, ...MODEL, '--model', 'amazon.nova-lite-v1:0'], /^--model was given more than once/],
    ['a file flag without its value', [OK, ...MODEL, '--session-policy'], /^--session-policy needs a value/],
    ['a --profile-regions entry that is not a Region', [OK, ...MODEL, '--profile-regions', 'us-east-1,useast2'], /^--profile-regions: "useast2"/],
    ['a --context entry without =', [OK, ...MODEL, '--context', 'aws:SourceIp'], /^--context "aws:SourceIp": expected KEY=VALUE/],
  ])('%s', (_name, args, expected) => {
    expect(fail(args)).toMatch(expected);
  });

  it('an AWS_REGION that is not a Region name is named as such', () => {
    expect(fail([OK, ...MODEL], { AWS_REGION: 'Frankfurt' })).toBe('AWS_REGION "Frankfurt" is not an AWS Region name (like us-east-1)');
  });
});
