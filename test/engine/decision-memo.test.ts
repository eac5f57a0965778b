import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionMemo } from '../../src/engine/decision-memo.js';
import { denies, evaluate, type EvaluationInput } from '../../src/engine/evaluate.js';
import { makeContext, type Decision, type Request } from '../../src/model/index.js';
import { KEY_STATES, KEYS, build, pick, REQUEST_ACTIONS, REQUEST_RESOURCES, specArb } from '../helpers/arbitraries.js';
import { context, doc, policy, request } from '../helpers/policies.js';

/*
 * `denies` is the fix planner's shortcut for "evaluate() says explicit-deny or implicit-deny" (IAM policy evaluation
 * logic, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html: a Deny that
 * applies wins; otherwise every gate must allow). It must agree with evaluate() on every input and request, or a fix
 * could be verified against the wrong answer; unknown keys must never turn a possible Allow into a certain denial.
 */

const isDenied = (decision: Decision) => decision.decision === 'explicit-deny' || decision.decision === 'implicit-deny';

const requestArb: fc.Arbitrary<Request> = fc
  .record({
    action: pick(REQUEST_ACTIONS),
    resource: pick(REQUEST_RESOURCES),
    keys: fc.record(
      Object.fromEntries(
        KEYS.map((key) => [key, fc.oneof(fc.constant<'unknown'>('unknown'), pick(KEY_STATES[key]!))]),
      ) as Record<string, fc.Arbitrary<readonly string[] | null | 'unknown'>>,
    ),
    otherKeys: pick(['absent', 'unknown'] as const),
  })
  .map(({ action, resource, keys, otherKeys }) => {
    const values: [string, readonly string[]][] = [];
    const absent: string[] = [];
    for (const [key, state] of Object.entries(keys)) {
      if (state === null) absent.push(key);
      else if (state !== 'unknown') values.push([key, state]);
    }
    return { action, resource, context: makeContext(values, { absent, otherKeys }) };
  });

const FM = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';
const ctx = context({ 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/App' }, { otherKeys: 'absent' });
const allowAll = policy(doc({ Effect: 'Allow', Action: '*', Resource: '*' }));

describe('denies', () => {
  it('agrees with evaluate() on random inputs and requests, unknown keys included', () => {
    const seen = { denied: 0, notDenied: 0 };
    fc.assert(
      fc.property(specArb(true), requestArb, (spec, req) => {
        const input = build(spec);
        const expected = isDenied(evaluate(input, req));
        expect(denies(input, req)).toBe(expected);
        seen[expected ? 'denied' : 'notDenied']++;
      }),
      { numRuns: 600 },
    );
    expect(seen.denied).toBeGreaterThan(50);
    expect(seen.notDenied).toBeGreaterThan(50);
  });

  it('applies a VPC endpoint gate only to the actions of its service', () => {
    const input: EvaluationInput = {
      identity: [allowAll],
      vpcEndpoint: {
        policy: policy(doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }), {
          type: 'vpc-endpoint',
          file: 'vpce.json',
        }),
        actionPrefix: 'bedrock:',
      },
    };
    for (const action of ['bedrock:InvokeModel', 's3:GetObject']) {
      const req = request(action, FM, ctx);
      expect(denies(input, req)).toBe(isDenied(evaluate(input, req)));
    }
    expect(denies(input, request('bedrock:InvokeModel', FM, ctx))).toBe(true);
    expect(denies(input, request('s3:GetObject', FM, ctx))).toBe(false);
  });

  it('is not a denial when only a conditional Allow may open the gate (fail closed: conditional, not denied)', () => {
    const input: EvaluationInput = {
      identity: [
        policy(
          doc({
            Effect: 'Allow',
            Action: 'bedrock:InvokeModel',
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
          }),
        ),
      ],
    };
    const req = request('bedrock:InvokeModel', FM, context({}, { otherKeys: 'unknown' }));
    expect(evaluate(input, req).decision).toBe('conditional');
    expect(denies(input, req)).toBe(false);
  });
});

describe('decisionMemo', () => {
  it('answers as the engine does, once per input and request object', () => {
    const memo = decisionMemo();
    const input: EvaluationInput = { identity: [allowAll] };
    const req = request('bedrock:InvokeModel', FM, ctx);
    const first = memo.evaluate(input, req);
    expect(first).toEqual(evaluate(input, req));
    expect(memo.evaluate(input, req)).toBe(first);
    expect(memo.denies(input, req)).toBe(false);
    const other: EvaluationInput = { identity: [] };
    expect(memo.denies(other, req)).toBe(true);
    expect(memo.evaluate(other, req).decision).toBe('implicit-deny');
    // Two memos share nothing: a fresh one evaluates again.
    expect(decisionMemo().evaluate(input, req)).not.toBe(first);
  });
});
