import { describe, expect, it } from 'vitest';
import { compileClause } from '../../../src/engine/conditions/index.js';
import { absent, check, clause, ctx, withValue } from './helpers.js';

const MODEL = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
describe('ARN operators', () => {
  it('match each of the six components separately (the documented StringLike/ArnLike contrast)', () => {
    const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
    const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    expect(withValue('StringLike', pattern, value)).toBe(true);
    expect(withValue('ArnLike', pattern, value)).toBe(false);
    expect(withValue('ArnLike', pattern, 'arn:aws:someservice:us-east-2:111122223333:finance/a:b')).toBe(true);
  });

  it('ArnEquals and ArnLike behave identically, wildcards included', () => {
    for (const operator of ['ArnEquals', 'ArnLike']) {
      expect(withValue(operator, 'arn:aws:bedrock:*::foundation-model/*', MODEL)).toBe(true);
      expect(withValue(operator, 'arn:aws:bedrock:us-east-?::foundation-model/*', MODEL)).toBe(true);
      expect(withValue(operator, 'arn:aws:bedrock:us-west-2::foundation-model/*', MODEL)).toBe(false);
      expect(withValue(operator, MODEL, MODEL)).toBe(true);
    }
  });

  it('`*` matches the empty account of foundation-model ARNs but never crosses a colon', () => {
    expect(withValue('ArnLike', 'arn:aws:bedrock:*:*:foundation-model/*', MODEL)).toBe(true);
    expect(withValue('ArnLike', 'arn:aws:bedrock:*:foundation-model/*:0', MODEL)).toBe(false);
    // The resource component keeps its colons, so `*` there may span them.
    expect(withValue('ArnLike', 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.*', MODEL)).toBe(true);
  });

  it('is case-sensitive', () => {
    expect(withValue('ArnLike', 'arn:aws:bedrock:US-EAST-1::foundation-model/*', MODEL)).toBe(false);
    expect(withValue('ArnEquals', MODEL.toUpperCase(), MODEL)).toBe(false);
  });

  it('ArnNotEquals and ArnNotLike negate', () => {
    expect(withValue('ArnNotLike', 'arn:aws:bedrock:us-west-2::*', MODEL)).toBe(true);
    expect(withValue('ArnNotEquals', 'arn:aws:bedrock:us-east-1::*', MODEL)).toBe(false);
    expect(withValue('ArnNotLike', ['arn:aws:iam::*:role/a', 'arn:aws:bedrock:*:*:*'], MODEL)).toBe(false);
  });

  it('a request value that is not an ARN matches nothing', () => {
    expect(withValue('ArnLike', '*:*:*:*:*:*', 'not-an-arn')).toBe(false);
    expect(withValue('ArnLike', '*:*:*:*:*:*', 'a:b:c:d:e')).toBe(false);
    expect(withValue('ArnLike', '*:*:*:*:*:*', 'a:b:c:d:e:')).toBe(true);
    expect(withValue('ArnNotLike', '*:*:*:*:*:*', 'not-an-arn')).toBe(true);
  });

  it('a lone * matches any value; another value with fewer than six components leaves the clause undecided', () => {
    const star = compileClause(clause('ArnLike', 'aws:SourceArn', '*'), { substituteVariables: true });
    expect(star.invalid).toBeNull();
    expect(star.evaluate(ctx({ 'aws:SourceArn': MODEL }))).toBe(true);
    const compiled = compileClause(clause('ArnLike', 'aws:SourceArn', 'arn:aws:*'), { substituteVariables: true });
    expect(compiled.invalid).not.toBeNull();
    // Never false: an invalid clause must not let a Deny be skipped.
    expect(compiled.evaluate(ctx({ 'aws:SourceArn': MODEL }))).toBe('unknown');
  });

  it('substitutes policy variables ("You can use a policy variable with the ARN condition operator")', () => {
    const context = ctx({
      'aws:PrincipalAccount': '111122223333',
      'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app',
    });
    expect(check('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::${aws:PrincipalAccount}:role/*', context)).toBe(true);
    expect(check('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::${aws:PrincipalAccount}:user/*', context)).toBe(false);
    // Substitution is textual and the components are split afterwards, so a substituted colon splits.
    const colons = ctx({ 'k:account': '1:2', 'aws:PrincipalArn': 'arn:aws:iam::1:2:role/app' });
    expect(check('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::${k:account}:role/app', colons)).toBe(true);
    // Substituted characters are never wildcards.
    const star = ctx({ 'k:account': '*', 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app' });
    expect(check('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::${k:account}:role/app', star)).toBe(false);
  });

  it('on an absent key: ArnLike false, ArnNotLike true', () => {
    expect(check('ArnLike', 'aws:SourceArn', 'arn:*:*:*:*:*', absent)).toBe(false);
    expect(check('ArnEquals', 'aws:SourceArn', 'arn:*:*:*:*:*', absent)).toBe(false);
    expect(check('ArnNotLike', 'aws:SourceArn', 'arn:*:*:*:*:*', absent)).toBe(true);
    expect(check('ArnNotEquals', 'aws:SourceArn', 'arn:*:*:*:*:*', absent)).toBe(true);
  });
});
