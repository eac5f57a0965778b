import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationInput } from '../../src/engine/evaluate.js';
import { context, doc, policy, request } from '../helpers/policies.js';

/*
 * "An endpoint policy does not override or replace identity-based policies or resource-based policies"
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html): a call through the endpoint needs
 * an Allow in the endpoint policy and in the caller's policies, and a Deny in either denies (IAM policy evaluation
 * logic, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 */

const ROLE = 'arn:aws:iam::111122223333:role/App';
const FM = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';
const ctx = context(
  { 'aws:PrincipalArn': ROLE, 'aws:PrincipalAccount': '111122223333', 'aws:RequestedRegion': 'us-east-1' },
  { otherKeys: 'absent' },
);
const identity = [policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }))];
const endpoint = (...statements: object[]) => policy(doc(...statements), { type: 'vpc-endpoint', file: 'vpce.json' });
const run = (input: EvaluationInput, action = 'bedrock:InvokeModel') => evaluate(input, request(action, FM, ctx));
const through = (
  policyOfEndpoint: ReturnType<typeof endpoint>,
  more: Partial<EvaluationInput> = {},
): EvaluationInput => ({
  identity,
  vpcEndpoint: { policy: policyOfEndpoint, actionPrefix: 'bedrock:' },
  ...more,
});

describe('the VPC endpoint gate', () => {
  it('allows when the endpoint policy and the identity policy both allow', () => {
    const decision = run(through(endpoint({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' })));
    expect(decision.decision).toBe('allowed');
  });

  it('denies implicitly, by the endpoint policy, when it has no Allow for the caller', () => {
    const decision = run(
      through(
        endpoint({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:role/Other' },
          Action: '*',
          Resource: '*',
        }),
      ),
    );
    expect(decision).toMatchObject({ decision: 'implicit-deny', deniedBy: 'vpc-endpoint' });
  });

  it('denies explicitly on a Deny of the endpoint policy, whatever the identity policy allows', () => {
    const decision = run(
      through(
        endpoint(
          { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
          { Sid: 'NoNova', Effect: 'Deny', Principal: { AWS: ROLE }, Action: 'bedrock:*', Resource: FM },
        ),
      ),
    );
    expect(decision).toMatchObject({ decision: 'explicit-deny', deniedBy: 'vpc-endpoint' });
    expect(decision.reason[0]).toMatchObject({ sid: 'NoNova', policyType: 'vpc-endpoint' });
  });

  it('does not grant: an endpoint Allow without an identity Allow is an identity denial', () => {
    const decision = run(
      through(endpoint({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }), { identity: [] }),
    );
    expect(decision).toMatchObject({ decision: 'implicit-deny', deniedBy: 'identity' });
  });

  it("gates only the endpoint's service: an action of another service does not go through it", () => {
    const anything = [policy(doc({ Effect: 'Allow', Action: '*', Resource: '*' }))];
    const decision = run(
      through(endpoint({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }), { identity: anything }),
      'aws-marketplace:ViewSubscriptions',
    );
    expect(decision.decision).toBe('allowed');
  });

  it('an Allow whose Principal is undecided makes the call conditional, never allowed', () => {
    const decision = run(
      through(endpoint({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: '*', Resource: '*' })),
    );
    expect(decision.decision).toBe('conditional');
    expect(decision.statements[1]?.undecided?.[0]).toMatch(/account principal/);
  });
});
