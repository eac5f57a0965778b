import { describe, expect, it } from 'vitest';
import { conditionalAllows, isWidenable, satisfiedRequest } from '../../../src/diagnose/fix/failing-conditions.js';
import { freeSid, widenedStatement, withoutClauses } from '../../../src/diagnose/fix/condition-edits.js';
import { compileClause } from '../../../src/engine/conditions/index.js';
import { makeContext, type Request } from '../../../src/model/index.js';
import { doc, policy } from '../../helpers/policies.js';
import { BOTH_ACTIONS, INVOKE, modelArn } from './reverify.js';

/*
 * Which Allows match a request's action and resource but not its context, which clause fails, and
 * the values that would meet it. Missing keys: a non-negated operator on an absent key is false
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 */

const LITE = modelArn('us-east-1', 'amazon.nova-lite-v1:0');
const request = (values: Record<string, string[]>, absent: string[] = []): Request => ({
  action: INVOKE,
  resource: LITE,
  context: makeContext(Object.entries(values), { absent }),
});

describe('conditionalAllows', () => {
  const subject = policy(
    doc(
      {
        Sid: 'Ip',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: LITE,
        Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      },
      {
        Sid: 'OtherModel',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: modelArn('us-east-1', 'x'),
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      },
      {
        Sid: 'Mfa',
        Effect: 'Allow',
        Action: 'bedrock:*',
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
      {
        Sid: 'Unknown',
        Effect: 'Allow',
        Action: 'bedrock:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ml' } },
      },
    ),
  );
  const input = { identity: [subject] };

  it('finds the Allows whose action and resource match and names each false clause with the value given', () => {
    const found = conditionalAllows(
      input,
      'identity',
      undefined,
      request({ 'aws:sourceip': ['10.0.0.1'] }, ['aws:multifactorauthpresent']),
    );
    expect(
      found.map((allow) => [allow.statement.sid, allow.failing.map((failing) => [failing.clause.key, failing.given])]),
    ).toEqual([
      ['Ip', [['aws:SourceIp', ['10.0.0.1']]]],
      ['Mfa', [['aws:MultiFactorAuthPresent', null]]],
    ]);
  });

  it('leaves out a clause the engine cannot decide (an unknown key makes the decision conditional, not denied)', () => {
    const found = conditionalAllows(
      input,
      'identity',
      undefined,
      request({ 'aws:sourceip': ['203.0.113.9'], 'aws:multifactorauthpresent': ['true'] }),
    );
    expect(found).toEqual([]);
  });

  it('puts a statement with a Region clause (which a fix can widen) before one that needs the request changed', () => {
    const regions = policy(
      doc(
        {
          Sid: 'Tag',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ml' } },
        },
        {
          Sid: 'Region',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'us-west-2' } },
        },
      ),
    );
    const found = conditionalAllows(
      { identity: [regions] },
      'identity',
      undefined,
      request({ 'aws:requestedregion': ['us-east-1'], 'aws:principaltag/team': ['web'] }),
    );
    expect(found.map((allow) => allow.statement.sid)).toEqual(['Region', 'Tag']);
    expect(found.map((allow) => isWidenable(allow.failing[0]!))).toEqual([true, false]);
  });
});

describe('isWidenable', () => {
  const clause = (operator: string, key = 'aws:RequestedRegion') => ({
    operator,
    key,
    values: ['us-east-1'],
    span: { file: 'f', line: 1, column: 1 },
  });
  it('only a positive, single-valued Region list with a Region given', () => {
    expect(isWidenable({ clause: clause('StringEquals'), given: ['us-west-2'] })).toBe(true);
    expect(isWidenable({ clause: clause('StringLike'), given: ['us-west-2'] })).toBe(true);
    expect(isWidenable({ clause: clause('StringNotEquals'), given: ['us-west-2'] })).toBe(false);
    expect(isWidenable({ clause: clause('ForAnyValue:StringEquals'), given: ['us-west-2'] })).toBe(false);
    expect(isWidenable({ clause: clause('StringEquals', 'aws:SourceIp'), given: ['10.0.0.1'] })).toBe(false);
    expect(isWidenable({ clause: clause('StringEquals'), given: null })).toBe(false);
    // Global routing: the Region-less request carries "unspecified", which the list can take too.
    expect(isWidenable({ clause: clause('StringEquals'), given: ['unspecified'] })).toBe(true);
  });
});

describe('satisfiedRequest', () => {
  const subject = policy(doc({ Effect: 'Allow', Action: INVOKE, Resource: '*' }));
  const span = { file: 'f', line: 1, column: 1 };
  const holds = (operator: string, key: string, values: string[]) => {
    const clause = { operator, key, values, span };
    const satisfied = satisfiedRequest(request({}, [key.toLowerCase()]), subject, [clause]);
    if (satisfied) expect(compileClause(clause, { substituteVariables: true }).evaluate(satisfied.context)).toBe(true);
    return satisfied?.context.values.get(key.toLowerCase());
  };

  it('puts the value each clause names in the context, confirmed by the engine', () => {
    expect(holds('IpAddress', 'aws:SourceIp', ['203.0.113.0/24', '198.51.100.0/24'])).toEqual(['203.0.113.0']);
    expect(holds('Bool', 'aws:MultiFactorAuthPresent', ['true'])).toEqual(['true']);
    expect(holds('StringEquals', 'aws:PrincipalTag/team', ['ml'])).toEqual(['ml']);
    expect(holds('DateGreaterThanEquals', 'aws:CurrentTime', ['2027-01-01T00:00:00Z'])).toEqual([
      '2027-01-01T00:00:00Z',
    ]);
  });

  it('gives up where no value is evident: negation, a pattern, a variable, an open range', () => {
    expect(holds('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'])).toBeUndefined();
    expect(holds('StringLike', 'aws:PrincipalTag/team', ['ml-*'])).toBeUndefined();
    expect(holds('StringEquals', 'aws:PrincipalTag/team', ['${aws:username}'])).toBeUndefined();
    expect(holds('DateLessThan', 'aws:CurrentTime', ['2026-01-01T00:00:00Z'])).toBeUndefined();
    // A profile routes the request to its Region: the caller cannot send another one.
    expect(holds('StringEquals', 'aws:RequestedRegion', ['us-east-1'])).toBeUndefined();
  });
});

describe('condition edits', () => {
  const statement = policy(
    doc({
      Sid: 'S',
      Effect: 'Allow',
      Action: INVOKE,
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:RequestedRegion': ['us-east-1'], 'aws:PrincipalTag/team': 'ml' },
        IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
      },
    }),
  ).statements[0]!;
  const region = statement.conditions.find((clause) => clause.key === 'aws:RequestedRegion')!;
  const ip = statement.conditions.find((clause) => clause.key === 'aws:SourceIp')!;

  it('widening adds the Regions to that clause only, keeping every other clause', () => {
    expect(widenedStatement(statement, new Map([[region, ['us-west-2', 'us-east-2']]])).Condition).toEqual({
      StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-east-2', 'us-west-2'], 'aws:PrincipalTag/team': 'ml' },
      IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
    });
  });

  it('removing drops exactly the clauses named, and the Condition when none is left', () => {
    const json = widenedStatement(statement, new Map());
    expect(withoutClauses(json, [ip]).Condition).toEqual({
      StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalTag/team': 'ml' },
    });
    expect(withoutClauses(json, statement.conditions).Condition).toBeUndefined();
  });

  it('a Sid not taken', () => {
    expect(freeSid('SViaProfile', new Set(['SViaProfile', 'SViaProfile2']))).toBe('SViaProfile3');
  });
});
