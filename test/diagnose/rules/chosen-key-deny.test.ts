import { describe, expect, it } from 'vitest';
import { BOTH_ACTIONS, runWorded, type Files, type Setup } from '../fix/reverify.js';

/*
 * An explicit-deny finding names the clause on a key the caller chooses call by call (bedrock:ServiceTier, as in
 * AWS's "Control access to service tiers",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples-agent.html#security_iam_id-based-policy-examples-service-tiers),
 * with the value the call carried; a Deny that holds for another reason says nothing of the tier.
 */

const FILE = 'app.json';
const SETUP: Setup = { identity: [FILE] };
const ALLOW = { Effect: 'Allow', Action: BOTH_ACTIONS, Resource: '*' };
const files = (deny: object): Files => ({
  [FILE]: JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [ALLOW, { Sid: 'Deny', Effect: 'Deny', Action: BOTH_ACTIONS, Resource: '*', ...deny }],
    },
    null,
    2,
  ),
});
const finding = (deny: object, serviceTier?: string) =>
  runWorded(files(deny), SETUP, {
    model: 'amazon.nova-pro-v1:0',
    ...(serviceTier ? { serviceTier } : {}),
  }).findings.find((item) => item.rule === 'identity-policy');

describe('the tier clause of an explicit Deny', () => {
  it("is named with the call's value, also for a negated operator", () => {
    const denied = finding(
      { Condition: { StringNotEquals: { 'bedrock:ServiceTier': ['default', 'flex'] } } },
      'priority',
    );
    expect(denied?.cause).toContain(`StringNotEquals bedrock:ServiceTier default, flex (${FILE}:`);
    expect(denied?.cause).toContain(`the call's bedrock:ServiceTier "priority"`);
  });

  it('is not mentioned when the Deny has no such clause', () => {
    const denied = finding({}, 'priority');
    expect(denied?.cause).not.toContain('ServiceTier');
    expect(denied?.alternatives ?? []).toEqual([]);
  });

  it('is not claimed when the key is absent and a Null test made the Deny apply', () => {
    const report = runWorded(files({ Condition: { Null: { 'bedrock:ServiceTier': 'true' } } }), SETUP, {
      model: 'amazon.nova-pro-v1:0',
      assumeAbsent: true,
    });
    expect(report.verdict).toBe('denied');
    const denied = report.findings.find((item) => item.rule === 'identity-policy');
    expect(denied?.cause).toContain('The Deny statement at');
    expect(denied?.cause).not.toContain('the call chose');
  });
});
