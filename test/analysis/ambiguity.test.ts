import { describe, expect, it } from 'vitest';
import { check, type CheckInput } from '../../src/analysis/check.js';
import { parsePrincipal, type Policy } from '../../src/model/index.js';
import { parsePolicyDocument } from '../../src/parse/index.js';

const NOW = new Date('2026-11-27T12:00:00Z');

function policy(statements: unknown[], name = 'p.json'): Policy {
  const result = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }), name, { type: 'identity' });
  expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  return result.policy!;
}

function run(identity: Policy[], extra: Partial<CheckInput> = {}) {
  return check({ identity, model: 'amazon.nova-pro-v1:0', region: 'us-east-1', actions: ['bedrock:InvokeModel'], now: NOW, toolVersion: 'test', ...extra });
}

const ALLOW_ALL = { Effect: 'Allow', Action: 'bedrock:*', Resource: '*' };

describe('guesses the tool had to make never decide a check', () => {
  it("a session ARN hides the role's path: aws:PrincipalArn is unknown, so a Deny on it makes the check conditional", () => {
    const denyOthers = { Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/App' } } };
    const report = run([policy([ALLOW_ALL, denyOthers])], { principal: parsePrincipal('arn:aws:sts::111122223333:assumed-role/App/s1')! });
    expect(report.checks.map((c) => c.decision)).toEqual(['conditional']);
    expect(report.checks[0]!.conditions![0]!.alternatives[0]!.clauses[0]!.key).toBe('aws:PrincipalArn');
  });

  it('a Deny on a role path the session ARN cannot show is not skipped, even with --assume-absent', () => {
    const denyRestricted = { Effect: 'Deny', Action: 'bedrock:*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/restricted/*' } } };
    for (const assumeAbsent of [false, true]) {
      const report = run([policy([ALLOW_ALL, denyRestricted])], { principal: parsePrincipal('arn:aws:sts::111122223333:assumed-role/Dev/s1')!, assumeAbsent });
      expect(report.checks.map((c) => c.decision)).toEqual(['conditional']);
    }
    const known = run([policy([ALLOW_ALL, denyRestricted])], { principal: parsePrincipal('arn:aws:iam::111122223333:role/restricted/Dev')! });
    expect(known.checks.map((c) => c.decision)).toEqual(['explicit-deny']);
  });

  it('the role ARN itself settles it', () => {
    const denyOthers = { Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/App' } } };
    const report = run([policy([ALLOW_ALL, denyOthers])], { principal: parsePrincipal('arn:aws:iam::111122223333:role/App')! });
    expect(report.checks.map((c) => c.decision)).toEqual(['allowed']);
  });

  it('without --principal, a condition naming the placeholder account in a context value is not trusted', () => {
    const viaProfile = {
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel',
      Resource: '*',
      Condition: { StringLike: { 'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:123456789012:inference-profile/*' } },
    };
    const report = run([policy([viaProfile])], { model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' });
    const modelHops = report.checks.filter((c) => c.resource.includes(':foundation-model/'));
    expect(modelHops.length).toBeGreaterThan(0);
    for (const hop of modelHops) expect(hop.decision).not.toBe('allowed');
    expect(report.verdict).not.toBe('allowed');
  });

  it('a federated user without session policies has no permissions (GetFederationToken)', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html
    const report = run([policy([ALLOW_ALL])], { principal: parsePrincipal('arn:aws:sts::111122223333:federated-user/bob')! });
    expect(report.checks.map((c) => [c.decision, c.deniedBy])).toEqual([['implicit-deny', 'session-policy']]);
  });

  it("another account's provisioned model needs its owner's resource-based policy, which is not evaluated: never allowed", () => {
    const report = run([policy([ALLOW_ALL])], {
      principal: parsePrincipal('arn:aws:iam::111122223333:user/bob')!,
      model: 'arn:aws:bedrock:us-east-1:999999999999:provisioned-model/abc123',
    });
    expect(report.verdict).toBe('incomplete');
  });

  it('a --context override of a per-request key gives a what-if, never an allowed verdict', () => {
    const report = run([policy([ALLOW_ALL])], { principal: parsePrincipal('arn:aws:iam::111122223333:user/bob')!, context: { 'aws:RequestedRegion': ['us-east-1'] } });
    expect(report.checks.every((c) => c.decision === 'allowed')).toBe(true);
    expect(report.verdict).toBe('incomplete');
  });

  it('input warnings and --context overrides of per-request keys reach the report', () => {
    const report = run([policy([ALLOW_ALL])], {
      inputWarnings: ['p.json:1:1: warning: too large'],
      context: { 'aws:RequestedRegion': ['us-east-1'] },
    });
    expect(report.notes).toContain('p.json:1:1: warning: too large');
    expect(report.notes.join('\n')).toContain('--context aws:RequestedRegion replaces the value AWS sets per request');
  });
});
