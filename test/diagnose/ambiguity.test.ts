import { describe, expect, it } from 'vitest';
import { check, type CheckInput } from '../../src/diagnose/check.js';
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
  it("a session ARN hides the role's path: a Deny on aws:PrincipalArn makes the check conditional, not allowed", () => {
    const denyOthers = { Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/App' } } };
    const report = run([policy([ALLOW_ALL, denyOthers])], { principal: parsePrincipal('arn:aws:sts::111122223333:assumed-role/App/s1')! });
    expect(report.checks.map((c) => c.decision)).toEqual(['conditional']);
    expect(report.verdict).not.toBe('allowed');
    expect(report.unresolved.join('\n')).toContain("depends on the role's path");
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

  it('input warnings and --context overrides of per-request keys reach the report', () => {
    const report = run([policy([ALLOW_ALL])], {
      inputWarnings: ['p.json:1:1: warning: too large'],
      context: { 'aws:RequestedRegion': ['us-east-1'] },
    });
    expect(report.notes).toContain('p.json:1:1: warning: too large');
    expect(report.notes.join('\n')).toContain('--context aws:RequestedRegion replaces the value AWS sets per request');
  });
});
