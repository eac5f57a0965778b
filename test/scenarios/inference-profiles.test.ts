import { describe, expect, it } from 'vitest';
import { ACCOUNT, ROLE_SESSION, Scenario, allowedRow, rows, runCheck } from '../helpers/scenario.js';

const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const US_PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`;
const GLOBAL_PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/global.${SONNET}`;
const fm = (region: string, model = SONNET) => `arn:aws:bedrock:${region}::foundation-model/${model}`;
const INVOKE = 'bedrock:InvokeModel';
const STREAM = 'bedrock:InvokeModelWithResponseStream';

// https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html
describe('scenario: on-demand foundation model', () => {
  const scenario = new Scenario('on-demand-foundation-model');

  it('allows both invoke actions on the model in the call Region', () => {
    const report = runCheck({ identity: [scenario.policy('identity.json')], model: NOVA_LITE, actions: [] });
    expect(rows(report)).toEqual([allowedRow(INVOKE, fm('us-east-1', NOVA_LITE)), allowedRow(STREAM, fm('us-east-1', NOVA_LITE))]);
    expect(report.verdict).toBe('allowed');
    expect(report.checks[0]!.statements).toEqual([
      expect.objectContaining({ policyType: 'identity', file: `${scenario.path}/identity.json`, line: 4, sid: 'AllowNovaLiteOnDemand', effect: 'Allow' }),
    ]);
  });

  it('denies the same model called in another Region', () => {
    const report = runCheck({ identity: [scenario.policy('identity.json')], model: NOVA_LITE, region: 'us-west-2' });
    expect(rows(report)).toEqual([
      {
        action: INVOKE,
        resource: fm('us-west-2', NOVA_LITE),
        decision: 'implicit-deny',
        deniedBy: 'identity',
        deniedAtLevel: null,
        message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0 because no identity-based policy allows the bedrock:InvokeModel action`,
      },
    ]);
  });
});

// https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html
// ("you need to allow access to ... the geography-specific cross-Region inference profile, the
// foundation model in the source Region, the foundation model in all destination Regions listed in
// the geographic profile"); us.anthropic.claude-sonnet-4-5 from us-east-1 routes to us-east-1,
// us-east-2 and us-west-2 (the page's own example, and the shipped catalog).
describe('scenario: geographic (us.) inference profile', () => {
  it('denies the destination Regions when the policy allows only the profile and the source-Region model', () => {
    const scenario = new Scenario('geographic-profile-only');
    const report = runCheck({ identity: [scenario.policy('identity.json')], model: `us.${SONNET}` });
    const denied = (region: string) => ({
      action: INVOKE,
      resource: fm(region),
      decision: 'implicit-deny' as const,
      deniedBy: 'identity' as const,
      deniedAtLevel: null,
      message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:${region}::foundation-model/${SONNET} because no identity-based policy allows the bedrock:InvokeModel action`,
    });
    expect(rows(report)).toEqual([allowedRow(INVOKE, US_PROFILE), allowedRow(INVOKE, fm('us-east-1')), denied('us-east-2'), denied('us-west-2')]);
    expect(report.verdict).toBe('denied');
    expect(report.checks.map((c) => c.inferenceProfileArn)).toEqual([null, US_PROFILE, US_PROFILE, US_PROFILE]);
    expect(report.checks.map((c) => c.requestedRegion)).toEqual(['us-east-1', 'us-east-1', 'us-east-2', 'us-west-2']);
  });

  it('allows every hop with the documented policy (the model ARNs conditioned on bedrock:InferenceProfileArn)', () => {
    const scenario = new Scenario('geographic-documented');
    const report = runCheck({ identity: [scenario.policy('identity.json')], model: `us.${SONNET}` });
    expect(rows(report)).toEqual([US_PROFILE, fm('us-east-1'), fm('us-east-2'), fm('us-west-2')].map((r) => allowedRow(INVOKE, r)));
    expect(report.verdict).toBe('allowed');
    expect(report.checks.map((c) => c.statements.map((s) => s.sid))).toEqual([
      ['GrantGeoCrisInferenceProfileAccess'],
      ['GrantGeoCrisModelAccess'],
      ['GrantGeoCrisModelAccess'],
      ['GrantGeoCrisModelAccess'],
    ]);
  });

  it('the documented policy does not allow calling the model directly (no inference profile)', () => {
    const scenario = new Scenario('geographic-documented');
    const report = runCheck({ identity: [scenario.policy('identity.json')], model: SONNET });
    expect(rows(report)).toEqual([
      {
        action: INVOKE,
        resource: fm('us-east-1'),
        decision: 'implicit-deny',
        deniedBy: 'identity',
        deniedAtLevel: null,
        message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/${SONNET} because no identity-based policy allows the bedrock:InvokeModel action`,
      },
    ]);
  });
});

// https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html — a global
// profile is authorized against the profile, the model in the source Region, and the Region-less
// arn:aws:bedrock:::foundation-model/MODEL with aws:RequestedRegion = "unspecified"; the page's
// three-statement policy grants exactly those.
describe('scenario: global inference profile', () => {
  it('denies the Region-less model ARN when the Region condition forgets "unspecified"', () => {
    const scenario = new Scenario('global-without-unspecified');
    const report = runCheck({ identity: [scenario.policy('identity.json')], model: `global.${SONNET}` });
    expect(rows(report)).toEqual([
      allowedRow(INVOKE, GLOBAL_PROFILE),
      allowedRow(INVOKE, fm('us-east-1')),
      {
        action: INVOKE,
        resource: `arn:aws:bedrock:::foundation-model/${SONNET}`,
        decision: 'implicit-deny',
        deniedBy: 'identity',
        deniedAtLevel: null,
        message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:::foundation-model/${SONNET} because no identity-based policy allows the bedrock:InvokeModel action`,
      },
    ]);
    expect(report.checks.map((c) => c.requestedRegion)).toEqual(['us-east-1', 'us-east-1', 'unspecified']);
    // The Resource "arn:aws:bedrock:*::foundation-model/…" matches the Region-less ARN; the Region condition is what fails.
    expect(report.checks[2]!.statements).toEqual([]);
  });

  it('allows every hop with the documented three-statement policy', () => {
    const scenario = new Scenario('global-documented');
    const report = runCheck({ identity: [scenario.policy('identity.json')], model: `global.${SONNET}` });
    expect(rows(report)).toEqual([GLOBAL_PROFILE, fm('us-east-1'), `arn:aws:bedrock:::foundation-model/${SONNET}`].map((r) => allowedRow(INVOKE, r)));
    expect(report.checks.map((c) => c.statements.map((s) => s.sid))).toEqual([
      ['GrantGlobalCrisInferenceProfileRegionAccess'],
      ['GrantGlobalCrisInferenceProfileInRegionModelAccess'],
      ['GrantGlobalCrisInferenceProfileGlobalModelAccess'],
    ]);
    expect(report.verdict).toBe('allowed');
  });

  it('the documented global policy does not allow the geographic profile', () => {
    const scenario = new Scenario('global-documented');
    const report = runCheck({ identity: [scenario.policy('identity.json')], model: `us.${SONNET}` });
    expect(report.checks.map((c) => [c.resource, c.decision, c.deniedBy])).toEqual([
      [US_PROFILE, 'implicit-deny', 'identity'],
      [fm('us-east-1'), 'implicit-deny', 'identity'],
      [fm('us-east-2'), 'implicit-deny', 'identity'],
      [fm('us-west-2'), 'implicit-deny', 'identity'],
    ]);
  });
});
