import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { compileResourcePattern } from '../../src/engine/resource-pattern.js';
import { formatInputIssue, makeContext } from '../../src/model/index.js';
import { parsePolicyDocument, quoteToken } from '../../src/parse/index.js';
import { resourceProblem } from '../../src/parse/policy-strings.js';

/*
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards:
 * "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond
 * the colon boundaries", so `arn:aws:bedrock:*` and `arn:aws:bedrock:us-east-1:*` are ARNs AWS accepts;
 * and "You can't use a wildcard in the service segment that identifies the AWS product".
 */

const parse = (resource: string, version = '2012-10-17') =>
  parsePolicyDocument(
    JSON.stringify(
      { Version: version, Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: resource }] },
      null,
      2,
    ),
    'p.json',
    { type: 'identity' },
  );

const FM_EAST = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';
const FM_WEST = 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0';
const PROFILE = 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-pro-v1:0';
const context = makeContext([], { otherKeys: 'absent' });

describe('Resource ARNs cut short by a trailing *', () => {
  it.each([
    'arn:aws:bedrock:*',
    'arn:aws:bedrock:us-east-1:*',
    'arn:aws:bedrock:us-*',
    'arn:aws:bedrock:us-east-1:111122223333*',
  ])('%s loads', (resource) => {
    const result = parse(resource);
    expect(result.issues.map(formatInputIssue)).toEqual([]);
    expect(result.policy?.statements[0]?.resource).toEqual([resource]);
  });

  it('match as the trailing-* rule says', () => {
    const allowed = (resource: string, arn: string) => {
      const policy = parse(resource).policy!;
      return evaluate({ identity: [policy] }, { action: 'bedrock:InvokeModel', resource: arn, context }).decision;
    };
    for (const arn of [FM_EAST, FM_WEST, PROFILE]) expect(allowed('arn:aws:bedrock:*', arn), arn).toBe('allowed');
    expect(allowed('arn:aws:bedrock:us-east-1:*', FM_EAST)).toBe('allowed');
    expect(allowed('arn:aws:bedrock:us-east-1:*', PROFILE)).toBe('allowed');
    expect(allowed('arn:aws:bedrock:us-east-1:*', FM_WEST)).toBe('implicit-deny');
    expect(allowed('arn:aws:bedrock:us-east-1:111122223333*', FM_EAST)).toBe('implicit-deny');
    expect(allowed('arn:aws:s3:*', FM_EAST)).toBe('implicit-deny');
  });

  it('without a trailing * a short ARN is still an input error naming file:line', () => {
    expect(parse('arn:aws:bedrock:us-east-1').issues.map(formatInputIssue)).toEqual([
      'p.json:7:19: error: malformed resource "arn:aws:bedrock:us-east-1": an ARN has six colon-separated parts (arn:partition:service:region:account:resource), found 4',
    ]);
    expect(resourceProblem('arn:aws:bedrock:*x')).toContain('six colon-separated parts');
    expect(resourceProblem('arn:*')).toContain('six colon-separated parts');
  });
});

describe('a wildcard in the service part', () => {
  it.each([
    'arn:aws:*:us-east-1::foundation-model/*',
    'arn:aws:bedrock*:*',
    'arn:aws:b?drock:us-east-1::foundation-model/x',
    'arn:aws:*',
  ])('%s is an input error naming file:line', (resource) => {
    const result = parse(resource);
    expect(result.policy).toBeUndefined();
    expect(result.issues.map(formatInputIssue)).toEqual([
      `p.json:7:19: error: malformed resource ${quoteToken(resource)}: the service part (third) cannot contain the wildcards * or ?: IAM does not allow a wildcard in the service segment`,
    ]);
  });
});

describe('property: a short ARN with only its trailing * matches exactly the ARNs that start with what precedes the *', () => {
  const segment = fc.constantFrom('aws', 'bedrock', 's3', 'us-east-1', 'us-west-2', '', '111122223333', 'us', '1111');
  const arnArb = fc
    .tuple(
      fc.constantFrom('aws', 'aws-cn'),
      fc.constantFrom('bedrock', 's3'),
      fc.constantFrom('us-east-1', 'us-west-2', ''),
      fc.constantFrom('', '111122223333'),
      fc.constantFrom('foundation-model/x:0', 'b', 'inference-profile/us.x'),
    )
    .map((parts) => `arn:${parts.join(':')}`);
  const shortArb = fc
    .tuple(
      fc.constantFrom('aws', 'aws-cn'),
      fc.constantFrom('bedrock', 's3'),
      fc.array(segment, { minLength: 1, maxLength: 2 }),
    )
    .map(([partition, service, rest]) => `arn:${partition}:${service}:${rest.join(':')}*`);

  it('loads and matches like a prefix', () => {
    fc.assert(
      fc.property(shortArb, arnArb, (pattern, arn) => {
        expect(resourceProblem(pattern), pattern).toBeUndefined();
        expect(compileResourcePattern(pattern, true).matches(arn, context), `${pattern} ${arn}`).toBe(
          arn.startsWith(pattern.slice(0, -1)),
        );
      }),
      { numRuns: 1000, seed: 3 },
    );
  });
});

describe('a policy variable before the fifth colon', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html documents
  // substitution in the resource part only; AWS managed policies use ${aws:PrincipalAccount} in the account part.
  it('draws a warning naming file:line and both sources', () => {
    const result = parse('arn:aws:bedrock:us-east-1:${aws:PrincipalAccount}:inference-profile/*');
    expect(result.policy).toBeDefined();
    expect(result.issues.map((issue) => [issue.severity, issue.code, `${issue.file}:${issue.line}`])).toEqual([
      ['warning', 'resource-variable-before-resource-part', 'p.json:7'],
    ]);
    expect(result.issues[0]!.message).toContain('policy-variables page');
    expect(result.issues[0]!.message).toContain('AWS managed policies');
  });

  it('not in the resource part, not for escapes, not under Version 2008-10-17', () => {
    expect(parse('arn:aws:s3:::bucket/${aws:username}/*').issues).toEqual([]);
    expect(
      parse('arn:aws:bedrock:us-east-1:${*}:x/*').issues.filter(
        (issue) => issue.code === 'resource-variable-before-resource-part',
      ),
    ).toEqual([]);
    expect(
      parse('arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*', '2008-10-17').issues.filter(
        (issue) => issue.code === 'resource-variable-before-resource-part',
      ),
    ).toEqual([]);
    // …and no spurious suspicious-account warning from the variable's own colon.
    expect(
      parse('arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*').issues.map((issue) => issue.code),
    ).toEqual(['resource-variable-before-resource-part']);
  });
});

describe('a short ARN whose cut-short part holds a "/"', () => {
  it('is the resource part in the wrong place (the empty account forgotten): still an input error', () => {
    const result = parse('arn:aws:bedrock:us-east-1:foundation-model/anthropic.*');
    expect(result.policy).toBeUndefined();
    expect(result.issues.map(formatInputIssue)[0]).toMatch(/^p\.json:7:19: error: malformed resource/);
  });
});
