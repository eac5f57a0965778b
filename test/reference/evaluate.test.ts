import { describe, expect, it } from 'vitest';
import { doc, policy, scpLevel } from '../helpers/policies.js';
import { referenceEvaluate, type ReferenceRequest } from './evaluate.js';

/*
 * The reference evaluator on its own, against the documented facts it transcribes, so that a
 * disagreement with the engine can be read as the engine's fault.
 */

const MODEL = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0';
const request = (context: ReferenceRequest['context'] = {}): ReferenceRequest => ({
  action: 'bedrock:InvokeModel',
  resource: MODEL,
  context,
});
const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };
const allowIf = (operator: string, key: string, values: string[]) =>
  doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', Condition: { [operator]: { [key]: values } } });
const identityOnly = (document: object) => ({ identity: [policy(document)] });

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
describe('reference conditions', () => {
  it.each([
    ['a negated operator on an absent key holds', 'NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], {}, 'allowed'],
    [
      'a positive operator on an absent key does not hold',
      'IpAddress',
      'aws:SourceIp',
      ['203.0.113.0/24'],
      {},
      'implicit-deny',
    ],
    [
      '...IfExists holds when the key is absent',
      'StringEqualsIfExists',
      'aws:RequestedRegion',
      ['eu-west-1'],
      {},
      'allowed',
    ],
    [
      '...IfExists is the operator when the key is present',
      'StringEqualsIfExists',
      'aws:RequestedRegion',
      ['eu-west-1'],
      { 'aws:RequestedRegion': ['us-east-1'] },
      'implicit-deny',
    ],
    ['ForAllValues holds on an absent key', 'ForAllValues:StringLike', 'aws:RequestedRegion', ['eu-*'], {}, 'allowed'],
    [
      'ForAnyValue does not hold on an absent key',
      'ForAnyValue:StringEquals',
      'aws:RequestedRegion',
      ['us-east-1'],
      {},
      'implicit-deny',
    ],
    ['Null "true" holds on an absent key', 'Null', 'bedrock:InferenceProfileArn', ['true'], {}, 'allowed'],
    [
      'Null "false" does not hold on an absent key',
      'Null',
      'bedrock:InferenceProfileArn',
      ['false'],
      {},
      'implicit-deny',
    ],
    [
      'an IPv6 address in a CIDR',
      'IpAddress',
      'aws:SourceIp',
      ['2001:db8::/32'],
      { 'aws:SourceIp': ['2001:db8:0:1::7'] },
      'allowed',
    ],
    [
      'an IPv4 address outside a CIDR',
      'IpAddress',
      'aws:SourceIp',
      ['203.0.113.0/24'],
      { 'aws:SourceIp': ['203.0.114.1'] },
      'implicit-deny',
    ],
    [
      'keys compare case-insensitively',
      'StringEquals',
      'AWS:requestedregion',
      ['us-east-1'],
      { 'aws:RequestedRegion': ['us-east-1'] },
      'allowed',
    ],
    [
      'string values compare case-sensitively',
      'StringEquals',
      'aws:RequestedRegion',
      ['US-EAST-1'],
      { 'aws:RequestedRegion': ['us-east-1'] },
      'implicit-deny',
    ],
    // "Each of the six colon-delimited components of the ARN is checked separately": a * does not span colons.
    [
      'ArnLike matches component by component',
      'ArnLike',
      'bedrock:InferenceProfileArn',
      ['arn:aws:*:us-east-1:111122223333:inference-profile/us.x'],
      { 'bedrock:InferenceProfileArn': ['arn:aws:bedrock:eu:us-east-1:111122223333:inference-profile/us.x'] },
      'implicit-deny',
    ],
    [
      'ArnLike with a wildcard per component',
      'ArnLike',
      'bedrock:InferenceProfileArn',
      ['arn:aws:bedrock:*:*:inference-profile/us.*'],
      { 'bedrock:InferenceProfileArn': ['arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.x'] },
      'allowed',
    ],
  ] as const)('%s', (_name, operator, key, values, context, decision) => {
    const result = referenceEvaluate(identityOnly(allowIf(operator, key, [...values])), request(context));
    expect(result === 'skip' ? result : result.decision).toBe(decision);
  });

  it('skips what it does not know: policy variables and other operators', () => {
    expect(
      referenceEvaluate(
        identityOnly(allowIf('StringLike', 'aws:RequestedRegion', ['${aws:username}'])),
        request({ 'aws:RequestedRegion': ['x'] }),
      ),
    ).toBe('skip');
    expect(
      referenceEvaluate(
        identityOnly(allowIf('DateLessThan', 'aws:CurrentTime', ['2030-01-01T00:00:00Z'])),
        request({ 'aws:CurrentTime': ['2026-01-01T00:00:00Z'] }),
      ),
    ).toBe('skip');
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
describe('reference flowchart', () => {
  const deny = doc({ Effect: 'Deny', Action: 'bedrock:*', Resource: '*' });
  const allow = doc(allowAll);
  const allowS3 = doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
  const scp = (document: object) => policy(document, { type: 'scp' });

  it.each([
    [
      'no policy allows: implicit deny by the identity policies',
      { identity: [] },
      { decision: 'implicit-deny', deniedBy: 'identity' },
    ],
    ['an identity Allow alone allows', { identity: [policy(allow)] }, { decision: 'allowed', deniedBy: null }],
    [
      'a Deny wins over an Allow',
      { identity: [policy(allow), policy(deny)] },
      { decision: 'explicit-deny', deniedBy: 'identity' },
    ],
    [
      'a Deny in a later box is still found first',
      { identity: [policy(allowS3)], sessionPolicies: [policy(deny, { type: 'session-policy' })] },
      { decision: 'explicit-deny', deniedBy: 'session-policy' },
    ],
    [
      'every SCP level must allow',
      { identity: [policy(allow)], scpLevels: [scpLevel('Root', scp(allow)), scpLevel('ou-a', scp(allowS3))] },
      { decision: 'implicit-deny', deniedBy: 'scp', deniedAtLevel: 'ou-a' },
    ],
    [
      'an SCP Deny names its level',
      { identity: [policy(allow)], scpLevels: [scpLevel('Root', scp(allow)), scpLevel('ou-a', scp(allow), scp(deny))] },
      { decision: 'explicit-deny', deniedBy: 'scp', deniedAtLevel: 'ou-a' },
    ],
    [
      'SCPs are asked before the identity policies',
      { identity: [], scpLevels: [scpLevel('Root', scp(allowS3))] },
      { decision: 'implicit-deny', deniedBy: 'scp', deniedAtLevel: 'Root' },
    ],
    [
      'a boundary limits, never grants',
      { identity: [policy(allowS3)], permissionsBoundary: policy(allow, { type: 'permissions-boundary' }) },
      { decision: 'implicit-deny', deniedBy: 'identity' },
    ],
    [
      'a boundary without the action denies',
      { identity: [policy(allow)], permissionsBoundary: policy(allowS3, { type: 'permissions-boundary' }) },
      { decision: 'implicit-deny', deniedBy: 'permissions-boundary' },
    ],
    [
      'session policies without the action deny',
      { identity: [policy(allow)], sessionPolicies: [policy(allowS3, { type: 'session-policy' })] },
      { decision: 'implicit-deny', deniedBy: 'session-policy' },
    ],
    [
      'NotAction and NotResource match what they do not list',
      { identity: [policy(doc({ Effect: 'Allow', NotAction: 's3:*', NotResource: 'arn:aws:bedrock:us-west-2::*' }))] },
      { decision: 'allowed', deniedBy: null },
    ],
  ] as const)('%s', (_name, input, expected) => {
    expect(referenceEvaluate(input, request())).toEqual(expected);
  });
});
