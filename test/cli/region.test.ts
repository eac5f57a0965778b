// Issue 7, item 7: the caller's Region is resolved by one function (src/cli/region.ts), once per run,
// for check and explain alike: --region, then AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRegion } from '../../src/cli/region.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { expectInputError, PRINCIPAL, requireBuiltCli, runCli } from './helpers.js';

describe('resolveRegion', () => {
  it('takes --region first, trimmed, then AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1', () => {
    const env = { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-central-1' };
    expect(resolveRegion(' eu-west-2 ', env)).toEqual({ region: 'eu-west-2', source: '--region' });
    expect(resolveRegion(undefined, env)).toEqual({ region: 'us-west-2', source: 'AWS_REGION' });
    expect(resolveRegion(undefined, { AWS_DEFAULT_REGION: 'eu-central-1' })).toEqual({
      region: 'eu-central-1',
      source: 'AWS_DEFAULT_REGION',
    });
    expect(resolveRegion(undefined, { AWS_REGION: '' })).toEqual({ region: 'us-east-1', source: 'default' });
  });

  it('refuses a name outside the shipped list, naming where it came from', () => {
    expect(() => resolveRegion('us-east-9', {})).toThrow(UsageError);
    expect(() => resolveRegion('us-east-9', {})).toThrow(/^--region "us-east-9" is not an AWS Region/);
    expect(() => resolveRegion(undefined, { AWS_REGION: 'Frankfurt' })).toThrow(/^AWS_REGION "Frankfurt"/);
    expect(() => resolveRegion(undefined, { AWS_DEFAULT_REGION: 'ap-southeast-9' })).toThrow(
      /^AWS_DEFAULT_REGION "ap-southeast-9"/,
    );
  });

  it('does not look at the environment when --region is given', () => {
    expect(resolveRegion('eu-west-1', { AWS_REGION: 'Frankfurt' })).toEqual({
      region: 'eu-west-1',
      source: '--region',
    });
  });
});

describe('explain resolves the Region as check does', () => {
  const DENY_CLAUDE = join('test', 'cli', 'fixtures', 'explain', 'deny-claude.json');
  const HAIKU_ARN = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';
  const EXPLICIT_DENY = `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${HAIKU_ARN} with an explicit deny in an identity-based policy`;
  const BAD_ENV = { AWS_REGION: 'Frankfurt' };

  beforeAll(() => requireBuiltCli());

  // Before: explain read AWS_REGION even with nothing to re-evaluate, and exited 2.
  it('a text alone needs no Region: a bad AWS_REGION does not stop it', () => {
    const result = runCli(['explain', 'ValidationException: Operation not allowed'], { env: BAD_ENV });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('re-evaluating policies with a bad AWS_REGION is a usage error naming it', () => {
    expect(expectInputError(runCli(['explain', EXPLICIT_DENY, DENY_CLAUDE], { env: BAD_ENV }))).toMatch(
      /^AWS_REGION "Frankfurt" is not an AWS Region/,
    );
  });

  // Before: explain checked AWS_REGION even when --region was given; check never did.
  it('--region given, the environment is not consulted', () => {
    const result = runCli(['explain', EXPLICIT_DENY, DENY_CLAUDE, '--region', 'us-east-1', '--format', 'json'], {
      env: BAD_ENV,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).verdict).toBe('reproduced');
  });
});
