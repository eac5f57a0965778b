import { describe, expect, it } from 'vitest';
import { compileClause } from '../../../src/engine/conditions/index.js';
import { compareDecimals, parseDecimal } from '../../../src/model/decimal.js';
import { absent, check, clause, withValue } from './helpers.js';

function cmp(a: string, b: string): number {
  return compareDecimals(parseDecimal(a)!, parseDecimal(b)!);
}

describe('decimal parsing', () => {
  it('reads integers and decimals exactly', () => {
    expect(cmp('10', '10.0')).toBe(0);
    expect(cmp('0010.500', '10.5')).toBe(0);
    expect(cmp('-0', '0')).toBe(0);
    expect(cmp('+3', '3')).toBe(0);
    expect(cmp('.5', '0.5')).toBe(0);
    expect(cmp('5.', '5')).toBe(0);
    expect(cmp('0.45', '0.5')).toBe(-1);
    expect(cmp('-1.5', '-1.25')).toBe(-1);
    expect(cmp('-2', '1')).toBe(-1);
    expect(cmp('100', '99.999')).toBe(1);
    // Beyond double precision, still exact.
    expect(cmp('123456789012345678901', '123456789012345678900')).toBe(1);
  });

  it('rejects what is not a plain decimal', () => {
    for (const text of ['', '-', '.', '1e3', '0x10', ' 1', '1 ', '1.2.3', 'NaN', 'Infinity', '1,000', '--1']) {
      expect(parseDecimal(text), text).toBeUndefined();
    }
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
describe('numeric operators', () => {
  it('compare the request value against the policy value', () => {
    expect(withValue('NumericEquals', '10', '10.00')).toBe(true);
    expect(withValue('NumericEquals', '10', '11')).toBe(false);
    expect(withValue('NumericNotEquals', '10', '11')).toBe(true);
    expect(withValue('NumericNotEquals', '10', '10')).toBe(false);
    // s3:max-keys NumericLessThanEquals 10: up to 10 objects.
    expect(withValue('NumericLessThanEquals', '10', '10')).toBe(true);
    expect(withValue('NumericLessThanEquals', '10', '10.5')).toBe(false);
    expect(withValue('NumericLessThan', '10', '9.99')).toBe(true);
    expect(withValue('NumericLessThan', '10', '10')).toBe(false);
    expect(withValue('NumericGreaterThan', '1.5', '1.50001')).toBe(true);
    expect(withValue('NumericGreaterThan', '1.5', '1.5')).toBe(false);
    expect(withValue('NumericGreaterThanEquals', '-3', '-3')).toBe(true);
    expect(withValue('NumericGreaterThanEquals', '-3', '-3.1')).toBe(false);
  });

  it('a request value that is not a number matches nothing', () => {
    expect(withValue('NumericEquals', '1', 'one')).toBe(false);
    expect(withValue('NumericLessThan', '1', '')).toBe(false);
    // ...so the negated operator, the complement, holds.
    expect(withValue('NumericNotEquals', '1', 'one')).toBe(true);
  });

  it('an invalid policy value leaves the clause undecided, even negated', () => {
    const compiled = compileClause(clause('NumericNotEquals', 'k:key', ['1', 'ten']), { substituteVariables: true });
    expect(compiled.invalid).toMatch(/ten/);
    expect(compiled.evaluate(absent)).toBe('unknown');
    expect(withValue('NumericLessThan', '1e3', '5')).toBe('unknown');
  });

  it('does not substitute policy variables ("You can not use a policy variable with the Numeric condition operator")', () => {
    const compiled = compileClause(clause('NumericEquals', 'k:key', '${k:other}'), { substituteVariables: true });
    expect(compiled.invalid).not.toBeNull();
  });

  it('on an absent key: positive false, NumericNotEquals true', () => {
    expect(check('NumericEquals', 'k:key', '1', absent)).toBe(false);
    expect(check('NumericGreaterThan', 'k:key', '1', absent)).toBe(false);
    expect(check('NumericNotEquals', 'k:key', '1', absent)).toBe(true);
  });
});
