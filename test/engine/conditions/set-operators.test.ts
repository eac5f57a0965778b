import { describe, expect, it } from 'vitest';
import { absent, check, ctx } from './helpers.js';

const tags = (...values: string[]) => ctx({ 'aws:TagKeys': values });

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
describe('ForAnyValue', () => {
  it('holds when at least one request value matches at least one policy value', () => {
    expect(
      check(
        'ForAnyValue:StringEquals',
        'aws:TagKeys',
        ['ID', 'PostDateTime'],
        tags('UserName', 'Message', 'PostDateTime'),
      ),
    ).toBe(true);
    expect(check('ForAnyValue:StringEquals', 'aws:TagKeys', ['ID', 'PostDateTime'], tags('UserName'))).toBe(false);
  });

  it('is false when the key is absent or has no values', () => {
    expect(check('ForAnyValue:StringLike', 'aws:TagKeys', '*', absent)).toBe(false);
    expect(check('ForAnyValue:StringLike', 'aws:TagKeys', '*', tags())).toBe(false);
  });

  // The condition-operators page says …IfExists is true on an absent key
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists);
  // the multivalued-keys page says ForAnyValue is false on a missing key
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html),
  // and AWS re:Post users report IfExists does not rescue it. The engine decides neither way.
  it('…IfExists on an absent key is undecided (the sources conflict); a present key is tested as usual', () => {
    expect(check('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', 'x', absent)).toBe('unknown');
    expect(check('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', 'x', tags())).toBe('unknown');
    expect(check('ForAnyValue:StringNotLikeIfExists', 'aws:TagKeys', 'x', absent)).toBe('unknown');
    expect(check('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', 'x', tags('y'))).toBe(false);
    expect(check('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', 'x', tags('x'))).toBe(true);
  });

  it('with a negated operator: some request value matches none of the policy values', () => {
    expect(check('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['a', 'b'], tags('a', 'c'))).toBe(true);
    expect(check('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['a', 'b'], tags('a', 'b'))).toBe(false);
    expect(check('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['a', 'b'], absent)).toBe(false);
  });

  it('treats a single-valued key as a one-value set', () => {
    expect(
      check(
        'ForAnyValue:StringEquals',
        'aws:RequestedRegion',
        ['us-east-1', 'us-west-2'],
        ctx({ 'aws:RequestedRegion': 'us-west-2' }),
      ),
    ).toBe(true);
  });
});

describe('ForAllValues', () => {
  // The documented DynamoDB example: requested attributes must all be in the allowed list.
  it('holds when every request value matches at least one policy value', () => {
    const allowed = ['PostDateTime', 'Message', 'Tags'];
    expect(check('ForAllValues:StringLike', 'aws:TagKeys', allowed, tags('PostDateTime', 'Message'))).toBe(true);
    expect(check('ForAllValues:StringLike', 'aws:TagKeys', allowed, tags('PostDateTime', 'UserName'))).toBe(false);
    expect(check('ForAllValues:StringLike', 'aws:TagKeys', 'Created*', tags('CreatedBy', 'CreatedAt'))).toBe(true);
  });

  // "The ForAllValues set operator also returns true if there are no context keys in the request."
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html
  it('is true when the key is absent or has no values — the pitfall', () => {
    expect(check('ForAllValues:StringEquals', 'aws:TagKeys', 'never', absent)).toBe(true);
    expect(check('ForAllValues:StringEquals', 'aws:TagKeys', 'never', tags())).toBe(true);
  });

  // The documented Deny example `ForAllValues:StringNotLike aws:TagKeys key1*`:
  // key1:legal → no match; key1:hr + key1:personnel → no match; key2:audit → match; no key → match.
  it('with a negated operator, follows the documented truth table', () => {
    const deny = (context: ReturnType<typeof tags>) =>
      check('ForAllValues:StringNotLike', 'aws:TagKeys', 'key1*', context);
    expect(deny(tags('key1:legal'))).toBe(false);
    expect(deny(tags('key1:hr', 'key1:personnel'))).toBe(false);
    expect(deny(tags('key2:audit'))).toBe(true);
    expect(deny(absent)).toBe(true);
    expect(deny(tags('key1:hr', 'key2:audit'))).toBe(false);
  });

  it('works with every operator family', () => {
    expect(check('ForAllValues:NumericLessThan', 'k:sizes', '10', ctx({ 'k:sizes': ['1', '9.5'] }))).toBe(true);
    expect(check('ForAllValues:NumericLessThan', 'k:sizes', '10', ctx({ 'k:sizes': ['1', '10'] }))).toBe(false);
    expect(check('ForAnyValue:IpAddress', 'k:ips', '10.0.0.0/8', ctx({ 'k:ips': ['192.0.2.1', '10.1.2.3'] }))).toBe(
      true,
    );
    expect(
      check(
        'ForAllValues:ArnLike',
        'aws:CalledVia',
        'arn:aws:*:*:*:*',
        ctx({ 'aws:CalledVia': ['arn:aws:a:b:c:d', 'x'] }),
      ),
    ).toBe(false);
  });
});

// "Multivalued context keys require a condition set operator."
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
describe('a plain operator on a key with several values', () => {
  const paths = ctx({ 'aws:PrincipalOrgPaths': ['o-a/r-b/ou-1/', 'o-a/r-b/ou-2/'] });

  // The docs require a set operator here and say nothing of the result without one; other evaluators
  // answer false, which would skip a Deny — so the engine leaves it undecided (fail closed).
  it('is undecided, positive or negated, with or without IfExists', () => {
    expect(check('StringLike', 'aws:PrincipalOrgPaths', '*', paths)).toBe('unknown');
    expect(check('StringNotLike', 'aws:PrincipalOrgPaths', 'nothing', paths)).toBe('unknown');
    expect(check('StringLikeIfExists', 'aws:PrincipalOrgPaths', '*', paths)).toBe('unknown');
    expect(check('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-a/r-b/ou-2/*', paths)).toBe(true);
  });

  it('with one value compares it as a single value', () => {
    expect(check('StringLike', 'aws:PrincipalOrgPaths', 'o-a/*', ctx({ 'aws:PrincipalOrgPaths': ['o-a/r-b/'] }))).toBe(
      true,
    );
  });

  it('with no values behaves as for an absent key', () => {
    const empty = ctx({ 'aws:PrincipalOrgPaths': [] });
    expect(check('StringLike', 'aws:PrincipalOrgPaths', '*', empty)).toBe(false);
    expect(check('StringNotLike', 'aws:PrincipalOrgPaths', '*', empty)).toBe(true);
    expect(check('StringLikeIfExists', 'aws:PrincipalOrgPaths', 'x', empty)).toBe(true);
  });
});
