import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { compileResourcePattern } from '../../src/engine/resource-pattern.js';
import { makeContext, type Decision, type Policy } from '../../src/model/index.js';
import { resourceVariableProblem } from '../../src/parse/policy-strings.js';
import { doc, policy, request } from '../helpers/policies.js';

/*
 * Policy variables before the fifth colon of a Resource ARN (partition, service, Region, account).
 * The IAM page on policy variables documents substitution in the resource part of an ARN
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html), while AWS
 * managed policies use `${aws:PrincipalAccount}` in the account part. Which one AWS does is not
 * settled, so such an entry never grants and a Deny with it is never skipped: at most conditional,
 * with a reason naming both sources.
 */

const ACCOUNT = '111122223333';
const PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.amazon.nova-pro-v1:0`;
const FM = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';
const INVOKE = 'bedrock:InvokeModel';
const ACCOUNT_VARIABLE = 'arn:aws:bedrock:us-east-1:${aws:PrincipalAccount}:inference-profile/*';

const known = makeContext(
  [
    ['aws:PrincipalAccount', [ACCOUNT]],
    ['aws:RequestedRegion', ['us-east-1']],
  ],
  { otherKeys: 'absent' },
);
const allow = (resource: string, version = '2012-10-17'): Policy =>
  policy({ Version: version, Statement: [{ Sid: 'Var', Effect: 'Allow', Action: INVOKE, Resource: resource }] });
const allowAllDeny = (resource: string, element: 'Resource' | 'NotResource' = 'Resource'): Policy =>
  policy(
    doc(
      { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'Var', Effect: 'Deny', Action: INVOKE, [element]: resource },
    ),
  );
const run = (identity: Policy, resource = PROFILE, context = known): Decision =>
  evaluate({ identity: [identity] }, request(INVOKE, resource, context));

function undecidedOf(decision: Decision): string[] {
  return decision.statements.flatMap((statement) => statement.undecided ?? []);
}

describe('a policy variable before the fifth colon of a Resource ARN', () => {
  it('never grants: an Allow that would match once substituted is conditional, naming both sources', () => {
    const decision = run(allow(ACCOUNT_VARIABLE));
    expect(decision.decision).toBe('conditional');
    const [reason] = undecidedOf(decision);
    expect(reason).toContain('policy-variables page');
    expect(reason).toContain('resource part');
    expect(reason).toContain('AWS managed policies');
    expect(reason).toContain('account part');
  });

  it('is not matched where it misses the ARN even when substituted (and it never matches unsubstituted)', () => {
    expect(run(allow(ACCOUNT_VARIABLE), 'arn:aws:bedrock:us-west-2:111122223333:inference-profile/x').decision).toBe(
      'implicit-deny',
    );
    expect(run(allow(ACCOUNT_VARIABLE), FM).decision).toBe('implicit-deny');
  });

  it('in a Deny, makes the decision conditional instead of being skipped', () => {
    const decision = run(allowAllDeny(ACCOUNT_VARIABLE));
    expect(decision.decision).toBe('conditional');
    expect(decision.residuals?.some((residual) => residual.kind === 'deny-if')).toBe(true);
    expect(undecidedOf(decision)).toHaveLength(1);
    // With the account of another principal, the substituted ARN misses: nothing to decide.
    const other = makeContext([['aws:PrincipalAccount', ['999999999999']]], { otherKeys: 'absent' });
    expect(run(allowAllDeny(ACCOUNT_VARIABLE), PROFILE, other).decision).toBe('allowed');
  });

  it('in a NotResource, is undecided too', () => {
    expect(run(allowAllDeny(ACCOUNT_VARIABLE, 'NotResource')).decision).toBe('conditional');
  });

  it('holds for the Region, service and partition parts, not for the resource part', () => {
    for (const resource of [
      'arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*',
      "arn:${aws:SourceAccount,'aws'}:bedrock:*::foundation-model/*",
      "arn:aws:${aws:SourceAccount,'bedrock'}:*::foundation-model/*",
    ]) {
      expect(run(allow(resource), FM).decision, resource).toBe('conditional');
    }
    expect(
      run(
        allow('arn:aws:bedrock:us-east-1:*:inference-profile/${aws:RequestedRegion}*'),
        'arn:aws:bedrock:us-east-1:1:inference-profile/us-east-1.x',
      ).decision,
    ).toBe('allowed');
  });

  it('under Version 2008-10-17 the text is literal and nothing is undecided', () => {
    const decision = run(allow(ACCOUNT_VARIABLE, '2008-10-17'));
    expect(decision.decision).toBe('implicit-deny');
    expect(undecidedOf(decision)).toEqual([]);
  });

  it('is reported by the pattern itself, so every consumer sees why', () => {
    expect(compileResourcePattern(ACCOUNT_VARIABLE, true).undecided).toContain('before the fifth colon');
    expect(compileResourcePattern('arn:aws:s3:::${aws:username}/*', true).undecided).toBeUndefined();
  });
});

describe('property: a variable before the fifth colon never decides either way where either reading matches', () => {
  const segments = {
    partition: ['aws', 'aws-us-gov', '${aws:Partition}'],
    service: ['bedrock', 's3', "${aws:Service, 'bedrock'}"],
    region: ['us-east-1', '*', '', '${aws:RequestedRegion}', 'us-${aws:Part}'],
    account: ['', ACCOUNT, '*', '${aws:PrincipalAccount}', '${aws:Missing}'],
    resource: ['*', 'foundation-model/*', 'inference-profile/${aws:Tag}*', 'foundation-model/amazon.nova-pro-v1:0'],
  };
  const arnArb = fc
    .tuple(
      fc.constantFrom('aws', 'aws-us-gov'),
      fc.constantFrom('bedrock', 's3'),
      fc.constantFrom('us-east-1', 'us-west-2', ''),
      fc.constantFrom('', ACCOUNT, '999999999999'),
      fc.constantFrom('foundation-model/amazon.nova-pro-v1:0', 'inference-profile/us-east-1.x', 'bucket/key'),
    )
    .map((parts) => `arn:${parts.join(':')}`);
  const patternArb = fc
    .tuple(...Object.values(segments).map((values) => fc.constantFrom(...values)))
    .map((parts) => `arn:${parts.join(':')}`)
    .filter((pattern) => resourceVariableProblem(pattern) !== undefined);
  const contextArb = fc
    .record({
      'aws:Partition': fc.constantFrom(['aws'], ['aws-cn'], null),
      'aws:Service': fc.constantFrom(['bedrock'], null),
      'aws:RequestedRegion': fc.constantFrom(['us-east-1'], ['us-west-2'], null),
      'aws:Part': fc.constantFrom(['east-1'], null),
      'aws:PrincipalAccount': fc.constantFrom([ACCOUNT], ['999999999999']),
      'aws:Tag': fc.constantFrom(['us-east-1'], null),
    })
    .map((record) => record as Record<string, readonly string[] | null>);

  /** The pattern read one way: variables substituted everywhere (null when a variable has no value and no default). */
  function substituted(pattern: string, values: Record<string, readonly string[] | null>): string | null {
    let missing = false;
    const text = pattern.replace(
      /\$\{([^,}]+)(?:,\s*'([^']*)')?\}/g,
      (_, key: string, fallback: string | undefined) => {
        const value = values[key]?.[0] ?? fallback;
        if (value === undefined) missing = true;
        return value ?? '';
      },
    );
    return missing ? null : text;
  }

  it('an Allow with it is conditional exactly when the substituted reading matches, else denied; never allowed', () => {
    fc.assert(
      fc.property(patternArb, arnArb, contextArb, (pattern, arn, values) => {
        const context = makeContext(
          Object.entries(values).filter((entry): entry is [string, readonly string[]] => entry[1] !== null),
          { otherKeys: 'absent' },
        );
        const text = substituted(pattern, values);
        // Substituted, the variables' values are plain text: compile them as such, resource part included.
        const substitutedMatch = text !== null && compileResourcePattern(text, false).matches(arn, context) === true;
        const literalMatch = compileResourcePattern(pattern, false).matches(arn, context) === true;
        const allowed = evaluate({ identity: [allow(pattern)] }, request(INVOKE, arn, context));
        expect(allowed.decision, `${pattern} ${arn}`).toBe(
          substitutedMatch || literalMatch ? 'conditional' : 'implicit-deny',
        );
        const denied = evaluate({ identity: [allowAllDeny(pattern)] }, request(INVOKE, arn, context));
        expect(denied.decision, `${pattern} ${arn}`).toBe(substitutedMatch || literalMatch ? 'conditional' : 'allowed');
        if (denied.decision === 'conditional') expect(undecidedOf(denied).length).toBeGreaterThan(0);
      }),
      { numRuns: 600, seed: 6 },
    );
  });
});
