import { describe, expect, it } from 'vitest';
import { compileClause } from '../../../src/engine/conditions/index.js';
import { makeContext } from '../../../src/model/index.js';
import { check, clause, ctx } from './helpers.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
describe('policy variables in condition values', () => {
  const alice = ctx({ 'aws:username': 'alice', 'k:owner': 'alice' });

  it('are substituted in string values of 2012-10-17 policies', () => {
    expect(check('StringEquals', 'k:owner', '${aws:username}', alice)).toBe(true);
    expect(
      check(
        'StringEquals',
        'k:owner',
        'home/${aws:username}/',
        ctx({ 'aws:username': 'alice', 'k:owner': 'home/alice/' }),
      ),
    ).toBe(true);
    expect(check('StringNotEquals', 'k:owner', '${aws:username}', alice)).toBe(false);
    expect(
      check(
        'StringEqualsIgnoreCase',
        'k:owner',
        '${aws:username}',
        ctx({ 'aws:username': 'Alice', 'k:owner': 'ALICE' }),
      ),
    ).toBe(true);
  });

  it('are literal text in 2008-10-17 policies', () => {
    expect(check('StringEquals', 'k:owner', '${aws:username}', alice, false)).toBe(false);
    expect(
      check(
        'StringEquals',
        'k:owner',
        '${aws:username}',
        ctx({ 'aws:username': 'alice', 'k:owner': '${aws:username}' }),
        false,
      ),
    ).toBe(true);
  });

  it('use the default when the key has no value', () => {
    const context = ctx({ 'k:team': 'none' });
    expect(check('StringEquals', 'k:team', "${aws:PrincipalTag/team, 'none'}", context)).toBe(true);
    expect(check('StringEquals', 'k:team', "${aws:PrincipalTag/team, 'other'}", context)).toBe(false);
    expect(
      check(
        'StringEquals',
        'k:team',
        "${aws:PrincipalTag/team, 'none'}",
        ctx({ 'k:team': 'none', 'aws:PrincipalTag/team': 'ml' }),
      ),
    ).toBe(false);
  });

  // A variable with no value and no default cannot be substituted: "the value is effectively null.
  // There is no equal or like value" (#policy-vars-no-value), so that policy value matches nothing —
  // a positive operator is false, and a negated one (NOR over its values) is true.
  it('without a value or default make that policy value match nothing', () => {
    const context = ctx({ 'k:owner': 'alice' });
    expect(check('StringEquals', 'k:owner', '${aws:username}', context)).toBe(false);
    expect(check('StringLike', 'k:owner', '${aws:username}*', context)).toBe(false);
    expect(check('StringNotEquals', 'k:owner', '${aws:username}', context)).toBe(true);
    expect(check('StringEquals', 'k:owner', ['${aws:username}', 'alice'], context)).toBe(true);
    expect(check('StringNotEquals', 'k:owner', ['${aws:username}', 'alice'], context)).toBe(false);
    // A multivalued key cannot be a policy variable either.
    expect(check('StringEquals', 'k:owner', '${aws:TagKeys}', ctx({ 'k:owner': 'a', 'aws:TagKeys': ['a', 'b'] }))).toBe(
      false,
    );
    expect(
      check('StringEquals', 'k:owner', "${aws:TagKeys, 'a'}", ctx({ 'k:owner': 'a', 'aws:TagKeys': ['a', 'b'] })),
    ).toBe(true);
  });

  it('of unknown keys make the result unknown, unless another value decides it', () => {
    const context = ctx({ 'k:owner': 'bob' }, 'unknown');
    expect(check('StringEquals', 'k:owner', '${aws:username}', context)).toBe('unknown');
    expect(check('StringNotEquals', 'k:owner', '${aws:username}', context)).toBe('unknown');
    expect(check('StringEquals', 'k:owner', ['${aws:username}', 'bob'], context)).toBe(true);
    expect(check('StringNotEquals', 'k:owner', ['${aws:username}', 'bob'], context)).toBe(false);
    expect(check('StringEquals', 'k:owner', "${aws:username, 'bob'}", context)).toBe('unknown');
  });

  it('in StringLike: ${*}, ${?} and ${$} are literal characters, and substituted values are never wildcards', () => {
    expect(check('StringLike', 'k:v', 'a${*}b', ctx({ 'k:v': 'a*b' }))).toBe(true);
    expect(check('StringLike', 'k:v', 'a${*}b', ctx({ 'k:v': 'axb' }))).toBe(false);
    expect(check('StringLike', 'k:v', '${?}*', ctx({ 'k:v': '?x' }))).toBe(true);
    expect(check('StringLike', 'k:v', '${?}*', ctx({ 'k:v': 'xx' }))).toBe(false);
    expect(check('StringEquals', 'k:v', '${$}{x}', ctx({ 'k:v': '${x}' }))).toBe(true);
    expect(check('StringLike', 'k:v', '${k:pattern}', ctx({ 'k:v': 'abc', 'k:pattern': 'a*' }))).toBe(false);
    expect(check('StringLike', 'k:v', '${k:pattern}', ctx({ 'k:v': 'a*', 'k:pattern': 'a*' }))).toBe(true);
    expect(check('StringLike', 'k:v', '${k:pattern}*', ctx({ 'k:v': 'a*bc', 'k:pattern': 'a*' }))).toBe(true);
  });

  it('are resolved per context by one compiled clause', () => {
    const compiled = compileClause(clause('StringEquals', 'k:owner', 'u-${aws:username}'), {
      substituteVariables: true,
    });
    for (const name of ['alice', 'bob', 'alice', 'carol']) {
      expect(compiled.evaluate(ctx({ 'aws:username': name, 'k:owner': `u-${name}` }))).toBe(true);
      expect(compiled.evaluate(ctx({ 'aws:username': name, 'k:owner': 'u-bob' }))).toBe(name === 'bob');
    }
  });

  it('are not substituted in Numeric, Date, IP, Binary or Null values', () => {
    for (const operator of ['NumericEquals', 'DateEquals', 'IpAddress', 'BinaryEquals', 'Null']) {
      expect(
        compileClause(clause(operator, 'k:v', '${k:x}'), { substituteVariables: true }).invalid,
        operator,
      ).not.toBeNull();
    }
  });

  it('can be shown substituted, leaving unknown ones and escapes as written', () => {
    const compiled = compileClause(
      clause('StringLike', 'k:v', ['${aws:username}/${aws:PrincipalTag/team}', "${k:none, 'd''x'}${*}"]),
      { substituteVariables: true },
    );
    const context = makeContext([['aws:username', ['alice']]], { absent: ['k:none'], otherKeys: 'unknown' });
    expect(compiled.substituted(context).values).toEqual(['alice/${aws:PrincipalTag/team}', "d'x${*}"]);
    const plain = compileClause(clause('StringLike', 'k:v', 'x'), { substituteVariables: true });
    expect(plain.substituted(context)).toBe(plain.clause);
    const numeric = compileClause(clause('NumericEquals', 'k:v', '1'), { substituteVariables: true });
    expect(numeric.substituted(context)).toBe(numeric.clause);
  });
});
