import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { makeContext, type Decision, type Policy, type RequestContext } from '../../src/model/index.js';
import { doc, policy, request } from '../helpers/policies.js';

/*
 * `ForAnyValue:` with `…IfExists` on a key the request does not carry. The condition-operators page
 * says an …IfExists operator is true when the key is absent
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists);
 * the multivalued-keys page says ForAnyValue returns false when the key is missing
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html),
 * and users on AWS re:Post report that IfExists does not rescue it. An Allow with it never grants; a
 * Deny with it is never skipped; the reason names the conflicting sources.
 */

const FM = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';
const INVOKE = 'bedrock:InvokeModel';
const absent = makeContext([['aws:RequestedRegion', ['us-east-1']]], { otherKeys: 'absent' });

const statement = (effect: 'Allow' | 'Deny', operator: string, key: string, values: string[]) => ({
  Sid: 'Set',
  Effect: effect,
  Action: INVOKE,
  Resource: '*',
  Condition: { [operator]: { [key]: values } },
});
const allowIf = (operator: string, key: string, values: string[]): Policy =>
  policy(doc(statement('Allow', operator, key, values)));
const denyIf = (operator: string, key: string, values: string[]): Policy =>
  policy(doc({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }, statement('Deny', operator, key, values)));
const run = (identity: Policy, context: RequestContext = absent): Decision =>
  evaluate({ identity: [identity] }, request(INVOKE, FM, context));
const undecided = (decision: Decision) => decision.statements.flatMap((s) => s.undecided ?? []);

describe('ForAnyValue:…IfExists on an absent key', () => {
  it('an Allow is conditional, not allowed, and says which sources disagree', () => {
    const decision = run(allowIf('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', ['team*']));
    expect(decision.decision).toBe('conditional');
    const [reason] = undecided(decision);
    expect(reason).toContain('condition-operators page');
    expect(reason).toContain('multivalued-context-keys page');
    expect(reason).toContain('re:Post');
  });

  it('a Deny makes the decision conditional instead of being skipped', () => {
    const decision = run(denyIf('ForAnyValue:StringNotEqualsIfExists', 'aws:TagKeys', ['team']));
    expect(decision.decision).toBe('conditional');
    expect(decision.residuals?.map((residual) => residual.kind)).toEqual(['deny-if']);
    expect(undecided(decision)).toHaveLength(1);
  });

  it('a present key is tested as usual, with no reason attached', () => {
    const present = makeContext([['aws:TagKeys', ['team', 'cost']]], { otherKeys: 'absent' });
    expect(run(allowIf('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', ['team*']), present).decision).toBe('allowed');
    expect(run(allowIf('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', ['x*']), present).decision).toBe(
      'implicit-deny',
    );
    expect(undecided(run(allowIf('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', ['team*']), present))).toEqual([]);
  });

  it('ForAllValues:…IfExists and ForAnyValue without IfExists keep their documented answers', () => {
    expect(run(allowIf('ForAllValues:StringLikeIfExists', 'aws:TagKeys', ['team*'])).decision).toBe('allowed');
    expect(run(allowIf('ForAnyValue:StringLike', 'aws:TagKeys', ['team*'])).decision).toBe('implicit-deny');
  });
});

describe('property: whatever the operator, ForAnyValue:…IfExists on an absent key never decides', () => {
  const operators = [
    ['StringEquals', 'x'],
    ['StringNotEquals', 'x'],
    ['StringLike', '*'],
    ['StringNotLike', 'x*'],
    ['StringEqualsIgnoreCase', 'X'],
    ['NumericLessThan', '5'],
    ['NumericNotEquals', '5'],
    ['DateGreaterThan', '2020-01-01T00:00:00Z'],
    ['Bool', 'true'],
    ['IpAddress', '10.0.0.0/8'],
    ['NotIpAddress', '10.0.0.0/8'],
    ['ArnLike', 'arn:aws:*:*:*:*'],
    ['ArnNotEquals', 'arn:aws:s3:::b'],
  ] as const;
  const contexts = [
    absent,
    makeContext([['k:key', []]], { otherKeys: 'absent' }),
    makeContext([], { absent: ['k:key'], otherKeys: 'unknown' }),
  ];

  it('an Allow with it is never allowed and a Deny with it never leaves the decision allowed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...operators), fc.constantFrom(...contexts), ([operator, value], context) => {
        const full = `ForAnyValue:${operator}IfExists`;
        expect(run(allowIf(full, 'k:key', [value]), context).decision, full).toBe('conditional');
        const denied = run(denyIf(full, 'k:key', [value]), context);
        expect(denied.decision, full).toBe('conditional');
        expect(undecided(denied).length, full).toBe(1);
      }),
      { numRuns: 100, seed: 6 },
    );
  });
});
