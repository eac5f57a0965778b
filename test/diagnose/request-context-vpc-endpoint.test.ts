import { describe, expect, it } from 'vitest';
import { check } from '../../src/analysis/check.js';
import { requestContextFor } from '../../src/diagnose/request-context.js';
import { lookupKey, parsePrincipal, type Policy, type PolicyType } from '../../src/model/index.js';
import { parsePolicyDocument } from '../../src/parse/index.js';

/*
 * A request through a VPC endpoint carries aws:SourceVpce (the endpoint's id) and aws:SourceVpc (its VPC)
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce,
 * #condition-keys-sourcevpc). policy-check knows their values only when given (--context): otherwise they are
 * unknown, even with --assume-absent, since the call does carry them; a policy that depends on them is conditional.
 */

const NOW = new Date('2026-11-27T12:00:00Z');
const ROLE = parsePrincipal('arn:aws:iam::111122223333:role/App')!;

function parsed(statements: unknown[], type: PolicyType): Policy {
  const result = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }), `${type}.json`, {
    type,
  });
  if (!result.policy) throw new Error(JSON.stringify(result.issues));
  return result.policy;
}

const ENDPOINT = parsed([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }], 'vpc-endpoint');
const ONLY_THROUGH_VPCE_1 = parsed(
  [
    { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' },
    {
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    },
  ],
  'identity',
);

const run = (extra: { context?: Record<string, string[]>; assumeAbsent?: boolean; endpoint?: boolean }) =>
  check({
    identity: [ONLY_THROUGH_VPCE_1],
    ...(extra.endpoint === false ? {} : { vpcEndpointPolicy: ENDPOINT }),
    model: 'amazon.nova-pro-v1:0',
    region: 'us-east-1',
    actions: ['bedrock:InvokeModel'],
    principal: ROLE,
    ...(extra.context ? { context: extra.context } : {}),
    ...(extra.assumeAbsent ? { assumeAbsent: true } : {}),
    now: NOW,
    toolVersion: 'test',
  });

describe('aws:SourceVpce and aws:SourceVpc of a call through a VPC endpoint', () => {
  it('are unknown, even with --assume-absent, when the endpoint policy is given but not the ids', () => {
    const context = requestContextFor(ROLE, { now: NOW, assumeAbsent: true, vpcEndpointPolicy: ENDPOINT });
    expect(lookupKey(context, 'aws:SourceVpce')).toEqual({ state: 'unknown' });
    expect(lookupKey(context, 'aws:SourceVpc')).toEqual({ state: 'unknown' });
    expect(run({ assumeAbsent: true }).verdict).toBe('conditional');
  });

  it('take the values --context gives', () => {
    const context = requestContextFor(ROLE, {
      now: NOW,
      vpcEndpointPolicy: ENDPOINT,
      context: { 'aws:SourceVpce': ['vpce-1a2b3c4d'] },
    });
    expect(lookupKey(context, 'aws:SourceVpce')).toEqual({ state: 'present', values: ['vpce-1a2b3c4d'] });
    expect(run({ context: { 'aws:SourceVpce': ['vpce-1a2b3c4d'] } }).verdict).toBe('allowed');
    expect(run({ context: { 'aws:SourceVpce': ['vpce-9999'] } }).verdict).toBe('denied');
  });

  it('are not set without the endpoint policy (the tool cannot tell a call goes through an endpoint)', () => {
    const context = requestContextFor(ROLE, { now: NOW, assumeAbsent: true });
    expect(lookupKey(context, 'aws:SourceVpce')).toEqual({ state: 'absent' });
  });
});
