import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/model/request.js';
import { compileResourcePattern } from '../../src/engine/resource-pattern.js';

const FM = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';
const GLOBAL_FM = 'arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0';
const PROFILE = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0';
const ctx = makeContext([['aws:username', ['alice']]], { otherKeys: 'unknown' });

const matches = (pattern: string, arn: string, substitute = true) =>
  compileResourcePattern(pattern, substitute).matches(arn, ctx);

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
describe('resource matching per ARN segment', () => {
  it('matches exact and wildcard ARNs', () => {
    expect(matches('*', FM)).toBe(true);
    expect(matches(FM, FM)).toBe(true);
    expect(matches('arn:aws:bedrock:*::foundation-model/*', FM)).toBe(true);
    expect(matches('arn:aws:bedrock:us-west-2::foundation-model/*', FM)).toBe(false);
  });

  it('lets * match the empty account segment of foundation-model ARNs and the empty Region of global ones', () => {
    expect(matches('arn:aws:bedrock:*:*:foundation-model/*', FM)).toBe(true);
    expect(matches('arn:aws:bedrock:*:*:foundation-model/*', GLOBAL_FM)).toBe(true);
    expect(matches('arn:aws:bedrock:us-east-1:*:foundation-model/*', GLOBAL_FM)).toBe(false);
  });

  it('keeps the resource part case-sensitive', () => {
    expect(matches('arn:aws:bedrock:*::foundation-model/Anthropic.*', FM)).toBe(false);
    expect(matches('arn:aws:BEDROCK:US-EAST-1::foundation-model/anthropic.*', FM)).toBe(true);
  });

  it('lets a * that ends a segment expand across colons', () => {
    expect(matches('arn:aws:bedrock:*', FM)).toBe(true);
    expect(matches('arn:aws:bedrock:*:foundation-model/*', FM)).toBe(true);
    expect(matches('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1', FM)).toBe(false);
    expect(matches('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-*', FM)).toBe(true);
  });

  it('does not let a segment without a trailing * span colons', () => {
    expect(matches('arn:aws:bedrock:us-*-1:123456789012:inference-profile/*', PROFILE)).toBe(true);
    expect(matches('arn:aws:bedrock:us-*-1:inference-profile/*', PROFILE)).toBe(false);
  });

  it('substitutes policy variables within a segment, and is unknown when their keys are', () => {
    expect(matches('arn:aws:iam::123456789012:user/${aws:username}', 'arn:aws:iam::123456789012:user/alice')).toBe(
      true,
    );
    expect(matches('arn:aws:iam::123456789012:user/${aws:username}', 'arn:aws:iam::123456789012:user/bob')).toBe(false);
    expect(matches('arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*', FM)).toBe('unknown');
  });

  it('takes variables literally under the 2008-10-17 language version', () => {
    expect(
      matches('arn:aws:iam::123456789012:user/${aws:username}', 'arn:aws:iam::123456789012:user/alice', false),
    ).toBe(false);
  });
});

describe('the resource part keeps its colons', () => {
  // Model ids hold a colon (`…-v1:0`); the resource part is matched whole, as ArnLike does.
  it('matches wildcards that stand where the colon is or span it', () => {
    expect(matches('arn:aws:bedrock:*::foundation-model/*0', FM)).toBe(true);
    expect(matches('arn:aws:bedrock:*::foundation-model/anthropic.claude-3-haiku-20240307-v1?0', FM)).toBe(true);
    expect(matches('arn:aws:bedrock:*::foundation-model/*-v1*', FM)).toBe(true);
  });

  it('matches a substituted value that holds a colon', () => {
    const tagged = makeContext([['aws:PrincipalTag/model', ['anthropic.claude-3-haiku-20240307-v1:0']]]);
    const pattern = compileResourcePattern('arn:aws:bedrock:*::foundation-model/${aws:PrincipalTag/model}', true);
    expect(pattern.matches(FM, tagged)).toBe(true);
  });
});

describe('compiled patterns are shared by text', () => {
  it('one compiled pattern per text and variable mode, answering as a pattern of its own would', () => {
    const text = 'arn:aws:bedrock:*::foundation-model/shared-pattern-test.*';
    const shared = compileResourcePattern(text, true);
    expect(compileResourcePattern(text, true)).toBe(shared);
    // Without substitution `${…}` is literal text: another pattern.
    expect(compileResourcePattern(text, false)).not.toBe(shared);
    const context = makeContext([]);
    expect(shared.matches('arn:aws:bedrock:us-east-1::foundation-model/shared-pattern-test.a', context)).toBe(true);
    expect(shared.matches('arn:aws:bedrock:us-east-1::foundation-model/other.a', context)).toBe(false);
    const variable = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/${aws:username}';
    const byVariable = compileResourcePattern(variable, true);
    expect(compileResourcePattern(variable, true)).toBe(byVariable);
    const arn = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/alice';
    expect(byVariable.matches(arn, makeContext([['aws:username', ['alice']]]))).toBe(true);
    expect(byVariable.matches(arn, makeContext([['aws:username', ['bob']]]))).toBe(false);
  });
});
