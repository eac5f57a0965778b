import { describe, expect, it } from 'vitest';
import { compileClause } from '../../../src/engine/conditions/index.js';
import { makeContext } from '../../../src/model/index.js';
import { absent, check, clause, ctx, unknown } from './helpers.js';

/** A value valid for each operator family. */
const SAMPLE: Record<string, string> = {
  String: 'x',
  Numeric: '1',
  Date: '2024-01-01T00:00:00Z',
  Bool: 'true',
  Binary: 'QQ==',
  Ip: '10.0.0.0/8',
  NotIp: '10.0.0.0/8',
  Arn: 'arn:aws:s3:::b',
};
const sampleFor = (operator: string) => SAMPLE[Object.keys(SAMPLE).find((family) => operator.startsWith(family))!]!;

const POSITIVE = [
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'NumericEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'ArnEquals',
  'ArnLike',
];
const NEGATED = [
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
];

// "If the key that you specify in a policy condition is not present in the request context, the values
// do not match and the condition is false. If the policy condition requires that the key is not matched,
// such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true. This
// logic applies to all condition operators except ...IfExists and Null check."
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
describe('absent keys', () => {
  it('make every positive operator false', () => {
    for (const operator of POSITIVE)
      expect(check(operator, 'k:missing', sampleFor(operator), absent), operator).toBe(false);
  });

  it('make every negated operator true', () => {
    for (const operator of NEGATED)
      expect(check(operator, 'k:missing', sampleFor(operator), absent), operator).toBe(true);
  });

  // "If the key is not present, evaluate the condition element as true." — even for a Deny with
  // StringNotEqualsIfExists.
  it('make every …IfExists operator true', () => {
    for (const operator of [...POSITIVE, ...NEGATED]) {
      expect(check(`${operator}IfExists`, 'k:missing', sampleFor(operator), absent), operator).toBe(true);
    }
  });

  it('count as absent when listed absent even if other keys are unknown', () => {
    const context = makeContext([], { absent: ['aws:SourceVpce'], otherKeys: 'unknown' });
    expect(check('StringEquals', 'AWS:SourceVPCE', 'vpce-1', context)).toBe(false);
    expect(check('StringNotEquals', 'aws:sourcevpce', 'vpce-1', context)).toBe(true);
  });
});

describe('…IfExists on a present key', () => {
  it('is the operator itself', () => {
    const context = ctx({ 'ec2:InstanceType': 'm5.large' });
    expect(check('StringLikeIfExists', 'ec2:InstanceType', ['t1.*', 't2.*', 'm3.*'], context)).toBe(false);
    expect(check('StringLikeIfExists', 'ec2:InstanceType', ['t1.*', 'm5.*'], context)).toBe(true);
    expect(check('StringNotEqualsIfExists', 'ec2:InstanceType', 'm5.large', context)).toBe(false);
  });
});

describe('unknown keys', () => {
  it('make the result unknown when the value matters', () => {
    for (const operator of [...POSITIVE, ...NEGATED]) {
      expect(check(operator, 'k:unknown', sampleFor(operator), unknown), operator).toBe('unknown');
      expect(check(`${operator}IfExists`, 'k:unknown', sampleFor(operator), unknown), operator).toBe('unknown');
      expect(check(`ForAnyValue:${operator}`, 'k:unknown', sampleFor(operator), unknown), operator).toBe('unknown');
      expect(check(`ForAllValues:${operator}`, 'k:unknown', sampleFor(operator), unknown), operator).toBe('unknown');
    }
  });

  it('stay unknown when only presence is decided: StringLike "*" is false if the key is absent', () => {
    expect(check('StringLike', 'k:unknown', '*', unknown)).toBe('unknown');
    expect(check('StringNotLike', 'k:unknown', '*', unknown)).toBe('unknown');
    expect(check('ForAnyValue:StringLike', 'k:unknown', '*', unknown)).toBe('unknown');
    // Several values without a set operator would give false.
    expect(check('StringLikeIfExists', 'k:unknown', '*', unknown)).toBe('unknown');
  });

  it('are decided when every state of the key — absent, or any values — gives the same answer', () => {
    // Every request value matches, and an absent key is true for ForAllValues and for IfExists.
    expect(check('ForAllValues:StringLike', 'k:unknown', '*', unknown)).toBe(true);
    // (ForAnyValue:…IfExists is undecided on an absent key — see set-operators.test.ts — so it stays unknown.)
    expect(check('ForAnyValue:StringLikeIfExists', 'k:unknown', '*', unknown)).toBe('unknown');
    expect(check('ForAllValues:StringLikeIfExists', 'k:unknown', '*', unknown)).toBe(true);
    // No request value can satisfy it, and absent is false too.
    expect(check('ForAnyValue:StringNotLike', 'k:unknown', '*', unknown)).toBe(false);
    // A variable that cannot be substituted matches nothing, present or not.
    const noUser = makeContext([], { absent: ['aws:username'], otherKeys: 'unknown' });
    // Absent or one value: false; several values under a plain operator: undecided, so undecided overall.
    expect(check('StringEquals', 'k:unknown', '${aws:username}', noUser)).toBe('unknown');
    expect(check('ForAnyValue:StringLike', 'k:unknown', '${aws:username}', noUser)).toBe(false);
    expect(check('ForAllValues:StringNotEquals', 'k:unknown', '${aws:username}', noUser)).toBe(true);
    expect(check('StringNotEquals', 'k:unknown', '${aws:username}', noUser)).toBe('unknown');
  });

  it('an unknown variable in the values keeps an unknown key unknown', () => {
    expect(check('ForAllValues:StringLike', 'k:unknown', '${aws:username}', unknown)).toBe('unknown');
    expect(check('ForAllValues:StringLike', 'k:unknown', ['${aws:username}', '*'], unknown)).toBe(true);
  });
});

describe('invalid clauses', () => {
  it('never throw and never decide: a Deny with such a clause is never skipped', () => {
    for (const [operator, value] of [
      ['StringEqualz', 'x'],
      ['stringequals', 'x'],
      ['NullIfExists', 'true'],
      ['NumericEquals', 'x'],
      ['DateEquals', 'x'],
      ['IpAddress', 'x'],
      ['Bool', 'x'],
      ['BinaryEquals', '!'],
      ['ArnLike', 'x'],
      ['Null', 'x'],
    ] as const) {
      const compiled = compileClause(clause(operator, 'k:key', value), { substituteVariables: true });
      expect(compiled.invalid, operator).not.toBeNull();
      for (const context of [absent, unknown, ctx({ 'k:key': value })])
        expect(compiled.evaluate(context)).toBe('unknown');
    }
  });

  it('report nothing when valid', () => {
    expect(
      compileClause(clause('ForAllValues:StringNotLikeIfExists', 'k:key', ['a*', '${x:y}']), {
        substituteVariables: true,
      }).invalid,
    ).toBeNull();
  });
});
