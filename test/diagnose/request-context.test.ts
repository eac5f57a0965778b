import { describe, expect, it } from 'vitest';
import { check, type CheckInput } from '../../src/analysis/check.js';
import { requestContextFor } from '../../src/diagnose/request-context.js';
import { lookupKey, lookupPartial, parsePrincipal, type Policy } from '../../src/model/index.js';
import { parsePolicyDocument } from '../../src/parse/index.js';

/*
 * aws:PrincipalArn of a role session is the role's ARN with its path
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn);
 * the sts assumed-role ARN does not show the path. A condition whose pattern matches the role's ARN
 * whatever the path is decided; one that depends on the path stays conditional.
 */

const NOW = new Date('2026-11-27T12:00:00Z');
const SESSION = parsePrincipal('arn:aws:sts::111122223333:assumed-role/App/s1')!;

function policy(statements: unknown[]): Policy {
  const result = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'p.json', {
    type: 'identity',
  });
  expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  return result.policy!;
}

function run(statements: unknown[], extra: Partial<CheckInput> = {}) {
  return check({
    identity: [policy(statements)],
    model: 'amazon.nova-pro-v1:0',
    region: 'us-east-1',
    actions: ['bedrock:InvokeModel'],
    principal: SESSION,
    now: NOW,
    toolVersion: 'test',
    ...extra,
  });
}

const ALLOW_ALL = { Effect: 'Allow', Action: 'bedrock:*', Resource: '*' };
const onPrincipal = (effect: string, operator: string, value: string) => ({
  Effect: effect,
  Action: 'bedrock:*',
  Resource: '*',
  Condition: { [operator]: { 'aws:PrincipalArn': value } },
});

describe('the request context of a role session', () => {
  it('holds aws:PrincipalArn as the role ARN up to its path, and unknown to every other reader', () => {
    const context = requestContextFor(SESSION, { now: NOW });
    expect(lookupKey(context, 'aws:PrincipalArn')).toEqual({ state: 'unknown' });
    expect(lookupPartial(context, 'aws:principalarn')).toEqual({
      prefix: 'arn:aws:iam::111122223333:role',
      hidden: 'iam-path',
      suffix: 'App',
    });
  });

  it('--context aws:PrincipalArn replaces it', () => {
    const context = requestContextFor(SESSION, {
      now: NOW,
      context: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/x/App'] },
    });
    expect(lookupPartial(context, 'aws:PrincipalArn')).toBeUndefined();
    expect(lookupKey(context, 'aws:PrincipalArn')).toEqual({
      state: 'present',
      values: ['arn:aws:iam::111122223333:role/x/App'],
    });
  });

  it('a role ARN given as the principal needs no partial value', () => {
    const role = parsePrincipal('arn:aws:iam::111122223333:role/team/App')!;
    expect(lookupPartial(requestContextFor(role, { now: NOW }), 'aws:PrincipalArn')).toBeUndefined();
  });
});

describe('check() with a session: conditions on aws:PrincipalArn', () => {
  it('a pattern that matches the role whatever its path decides (Allow and Deny)', () => {
    expect(run([onPrincipal('Allow', 'ArnLike', 'arn:aws:iam::*:role/*')]).checks.map((c) => c.decision)).toEqual([
      'allowed',
    ]);
    expect(
      run([onPrincipal('Allow', 'StringLike', 'arn:aws:iam::111122223333:role/*App')]).checks.map((c) => c.decision),
    ).toEqual(['allowed']);
    expect(
      run([ALLOW_ALL, onPrincipal('Deny', 'ArnLike', 'arn:aws:iam::*:role/*')]).checks.map((c) => c.decision),
    ).toEqual(['explicit-deny']);
    expect(
      run([ALLOW_ALL, onPrincipal('Deny', 'ArnNotLike', 'arn:aws:iam::*:role/*')]).checks.map((c) => c.decision),
    ).toEqual(['allowed']);
  });

  it('a pattern that matches no path of this role decides too', () => {
    expect(run([onPrincipal('Allow', 'ArnLike', 'arn:aws:iam::*:role/*Other')]).checks.map((c) => c.decision)).toEqual([
      'implicit-deny',
    ]);
    expect(
      run([ALLOW_ALL, onPrincipal('Deny', 'ArnNotLike', 'arn:aws:iam::*:role/*Other')]).checks.map((c) => c.decision),
    ).toEqual(['explicit-deny']);
  });

  it('a pattern that depends on the hidden path stays conditional, even with --assume-absent', () => {
    for (const assumeAbsent of [false, true]) {
      expect(
        run([onPrincipal('Allow', 'ArnLike', 'arn:aws:iam::*:role/team/*')], { assumeAbsent }).checks.map(
          (c) => c.decision,
        ),
      ).toEqual(['conditional']);
      expect(
        run([ALLOW_ALL, onPrincipal('Deny', 'ArnEquals', 'arn:aws:iam::111122223333:role/App')], {
          assumeAbsent,
        }).checks.map((c) => c.decision),
      ).toEqual(['conditional']);
    }
  });
});

describe('aws:CurrentTime', () => {
  // The global condition keys page gives aws:CurrentTime in ISO 8601 form, e.g. 2020-01-01T00:00:00Z
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime).
  it.each([
    ['2026-11-27T12:00:00.000Z', '2026-11-27T12:00:00Z'],
    ['2026-01-02T03:04:05.678Z', '2026-01-02T03:04:05Z'],
    ['0999-12-31T23:59:59.999Z', '0999-12-31T23:59:59Z'],
    ['+010000-01-01T00:00:00.000Z', '+010000-01-01T00:00:00Z'],
  ])('is %s to the second, as toISOString writes it', (iso, expected) => {
    const now = new Date(iso);
    expect(expected).toBe(now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(lookupKey(requestContextFor(SESSION, { now }), 'aws:CurrentTime')).toEqual({
      state: 'present',
      values: [expected],
    });
  });

  it('refuses an invalid date', () => {
    expect(() => requestContextFor(SESSION, { now: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe('a hop that carries a key of unknown value', () => {
  // An API key of unknown kind: bedrock:BearerTokenType is present on the request, its value unknown
  // (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html).
  it('stays unknown even with --assume-absent, unless --context gives it', () => {
    const hop = { context: {}, absentKeys: [], unknownKeys: ['bedrock:BearerTokenType'] };
    const assumed = requestContextFor(SESSION, { now: NOW, assumeAbsent: true }, hop);
    expect(lookupKey(assumed, 'bedrock:BearerTokenType')).toEqual({ state: 'unknown' });
    const given = requestContextFor(
      SESSION,
      { now: NOW, assumeAbsent: true, context: { 'bedrock:BearerTokenType': ['LONG_TERM'] } },
      hop,
    );
    expect(lookupKey(given, 'bedrock:BearerTokenType')).toEqual({ state: 'present', values: ['LONG_TERM'] });
  });
});
