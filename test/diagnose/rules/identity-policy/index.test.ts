import { describe, expect, it } from 'vitest';
import {
  BOTH_ACTIONS,
  INVOKE,
  addedStatements,
  expectLeastPrivilege,
  expectStillDenied,
  exitCode,
  fixtures,
  grantedPairs,
  deniedPairs,
  modelArn,
  profileArn,
  reportedFixes,
  reverify,
  runWorded,
  type Setup,
} from '../../fix/reverify.js';

/*
 * Issue #3: every fix the report shows is re-verified here independently — pasted into the policy
 * file's JSON, parsed again, and checked again — and must make the call allowed without opening a
 * probe call (another model, another Region, the model called directly rather than through the
 * profile) that was denied before. Inference-profile permissions follow the Bedrock User Guide pages
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html.
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const US_NOVA_LITE = `us.${NOVA_LITE}`;
const NOVA_2_LITE = 'amazon.nova-2-lite-v1:0';
const GLOBAL_NOVA_2_LITE = `global.${NOVA_2_LITE}`;

const identityFindings = (report: ReturnType<typeof runWorded>) =>
  report.findings.filter((finding) => finding.rule === 'identity-policy');

describe('identity-policy rule: no Allow', () => {
  const setup: Setup = { identity: ['identity-s3-only.json'] };
  const files = fixtures('identity-s3-only.json');

  it('grants only the action asked for (--action InvokeModel)', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_LITE, actions: [INVOKE] });
    expect(addedStatements(fixes).map((statement) => statement.Action)).toEqual([INVOKE]);
    expectLeastPrivilege(before, fixes);
    // The streaming call was not asked about, so it must stay denied.
    const streaming = runWorded(fixed, setup, { model: NOVA_LITE });
    expect(streaming.checks.map((entry) => [entry.action, entry.decision])).toEqual([
      [INVOKE, 'allowed'],
      ['bedrock:InvokeModelWithResponseStream', 'implicit-deny'],
    ]);
  });

  it('us. profile allowed only in the source Region: the Allow adds the destination models under the profile condition', () => {
    const setupSource: Setup = { identity: ['identity-profile-source-region-only.json'] };
    const sourceFiles = fixtures('identity-profile-source-region-only.json');
    const { before, fixes, fixed } = reverify(sourceFiles, setupSource, { model: US_NOVA_LITE });
    expect(
      before.checks.filter((entry) => entry.decision === 'implicit-deny').map((entry) => entry.requestedRegion),
    ).toEqual(['us-east-2', 'us-east-2', 'us-west-2', 'us-west-2']);
    expect(addedStatements(fixes)).toEqual([
      {
        Sid: 'AllowUsAmazonNovaLiteV10Models',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: [modelArn('us-east-2', NOVA_LITE), modelArn('us-west-2', NOVA_LITE)],
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn('us-east-1', US_NOVA_LITE) } },
      },
    ]);
    expectLeastPrivilege(before, fixes);
    expect(grantedPairs(fixes)).toEqual(deniedPairs(before));
    // The destination models called directly, and another model's profile, stay denied.
    for (const probe of [
      { model: NOVA_LITE, region: 'us-east-2' },
      { model: NOVA_LITE, region: 'us-west-2' },
      { model: `us.${NOVA_PRO}` },
      { model: US_NOVA_LITE, region: 'us-west-2' },
    ]) {
      expectStillDenied(sourceFiles, fixed, setupSource, probe);
    }
  });

  it('global profile: the documented three-part policy (profile, regional model, Region-less model with "unspecified")', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: GLOBAL_NOVA_2_LITE });
    const profile = profileArn('us-east-1', GLOBAL_NOVA_2_LITE);
    expect(addedStatements(fixes)).toEqual([
      { Sid: 'AllowGlobalAmazonNova2LiteV10', Effect: 'Allow', Action: BOTH_ACTIONS, Resource: profile },
      {
        Sid: 'AllowGlobalAmazonNova2LiteV10Models',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: modelArn('us-east-1', NOVA_2_LITE),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profile } },
      },
      {
        Sid: 'AllowGlobalAmazonNova2LiteV10GlobalRouting',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: `arn:aws:bedrock:::foundation-model/${NOVA_2_LITE}`,
        Condition: { StringEquals: { 'aws:RequestedRegion': 'unspecified', 'bedrock:InferenceProfileArn': profile } },
      },
    ]);
    expectLeastPrivilege(before, fixes);
    expect(grantedPairs(fixes)).toEqual(deniedPairs(before));
    for (const probe of [
      { model: `us.${NOVA_2_LITE}` },
      { model: GLOBAL_NOVA_2_LITE, region: 'us-west-2' },
      { model: `global.anthropic.claude-sonnet-4-5-20250929-v1:0` },
    ]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });
});

describe('identity-policy rule: Sids', () => {
  it('the added statement takes a Sid the policy does not use yet, and the edited file still parses and re-verifies', () => {
    const setup: Setup = { identity: ['identity-sid-taken.json'] };
    const files = fixtures('identity-sid-taken.json');
    const { fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    expect(addedStatements(fixes).map((statement) => statement.Sid)).toEqual(['AllowAmazonNovaLiteV102']);
    const sids = JSON.parse(fixed['identity-sid-taken.json']!).Statement.map(
      (statement: { Sid: string }) => statement.Sid,
    );
    expect(new Set(sids).size).toBe(sids.length);
  });
});

describe('identity-policy rule: explicit Deny', () => {
  it('a literal ARN in a Resource list next to other ARNs: only that entry is dropped', () => {
    const setup: Setup = { identity: ['identity-deny-listed-arns.json'] };
    const files = fixtures('identity-deny-listed-arns.json');
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    const [finding] = identityFindings(before);
    expect(finding!.title).toBe(
      'An explicit Deny in the identity-based policy identity-deny-listed-arns.json blocks the call',
    );
    expect(finding!.predictedError?.message).toMatch(/with an explicit deny in an identity-based policy$/);
    expect(finding!.locations).toEqual([
      expect.objectContaining({
        file: 'identity-deny-listed-arns.json',
        line: 10,
        sid: 'DenyUnapprovedModels',
        policyType: 'identity',
      }),
    ]);
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'replace-statement',
        owner: 'identity-policy-owner',
        location: expect.objectContaining({ line: 10, column: 5, sid: 'DenyUnapprovedModels' }),
        statement: {
          Sid: 'DenyUnapprovedModels',
          Effect: 'Deny',
          Action: BOTH_ACTIONS,
          Resource: [modelArn('us-east-1', NOVA_PRO), modelArn('us-east-1', 'amazon.nova-micro-v1:0')],
        },
      }),
    ]);
    for (const probe of [{ model: NOVA_PRO }, { model: 'amazon.nova-micro-v1:0' }])
      expectStillDenied(files, fixed, setup, probe);
  });

  it('a Deny that names only the invoked ARN is removed, and the next Deny stays', () => {
    const setup: Setup = { identity: ['identity-deny-single-arn.json'] };
    const files = fixtures('identity-deny-single-arn.json');
    const { fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'remove-statement',
        location: expect.objectContaining({ line: 10, sid: 'DenyNovaLite' }),
      }),
    ]);
    expect(
      JSON.parse(fixed['identity-deny-single-arn.json']!).Statement.map((statement: { Sid: string }) => statement.Sid),
    ).toEqual(['InvokeAnyFoundationModel', 'DenyNovaPro']);
    expectStillDenied(files, fixed, setup, { model: NOVA_PRO });
  });

  it('Deny of both invocations on "*": NotResource of exactly the invoked ARN, re-verified', () => {
    const setup: Setup = { identity: ['identity-deny-all-invocations.json'] };
    const files = fixtures('identity-deny-all-invocations.json');
    const { fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'replace-statement',
        statement: {
          Sid: 'NoInvocations',
          Effect: 'Deny',
          Action: BOTH_ACTIONS,
          NotResource: modelArn('us-east-1', NOVA_LITE),
        },
      }),
    ]);
    for (const probe of [{ model: NOVA_PRO }, { model: NOVA_LITE, region: 'us-west-2' }, { model: US_NOVA_LITE }]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });

  it.each([
    ['a us. profile', US_NOVA_LITE],
    ['a global profile', GLOBAL_NOVA_2_LITE],
  ])(
    'Deny of both invocations on "*", %s: exempt the profile and leave its own ARN out (NotResource)',
    (_label, model) => {
      const setup: Setup = { identity: ['identity-deny-all-invocations.json'] };
      const files = fixtures('identity-deny-all-invocations.json');
      const { fixes, fixed } = reverify(files, setup, { model });
      const profile = profileArn('us-east-1', model);
      expect(fixes).toEqual([
        expect.objectContaining({
          kind: 'replace-statement',
          statement: {
            Sid: 'NoInvocations',
            Effect: 'Deny',
            Action: BOTH_ACTIONS,
            NotResource: profile,
            Condition: { ArnNotEquals: { 'bedrock:InferenceProfileArn': profile } },
          },
        }),
      ]);
      // The model called directly (in the source Region too) and another model's profile stay denied.
      for (const probe of [
        { model: NOVA_LITE },
        { model: NOVA_LITE, region: 'us-west-2' },
        { model: `us.${NOVA_PRO}` },
      ]) {
        expectStillDenied(files, fixed, setup, probe);
      }
    },
  );

  it('a Deny on everything but an allow-list (NotResource): the invoked ARN joins the list', () => {
    const setup: Setup = { identity: ['identity-deny-all-but-nova-pro.json'] };
    const files = fixtures('identity-deny-all-but-nova-pro.json');
    const { fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'replace-statement',
        location: expect.objectContaining({ line: 10, sid: 'OnlyApprovedModels' }),
        statement: {
          Sid: 'OnlyApprovedModels',
          Effect: 'Deny',
          Action: BOTH_ACTIONS,
          NotResource: [modelArn('us-east-1', NOVA_LITE), modelArn('us-east-1', NOVA_PRO)],
        },
      }),
    ]);
    for (const probe of [{ model: 'amazon.nova-micro-v1:0' }, { model: NOVA_LITE, region: 'us-west-2' }]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });

  describe('Deny bedrock:* on "*": a NotResource conversion would stop denying more than these calls', () => {
    const setup: Setup = { identity: ['identity-deny-all-bedrock.json'] };
    const files = fixtures('identity-deny-all-bedrock.json');

    it.each([
      ['an on-demand model', NOVA_LITE, 2],
      ['a us. profile', US_NOVA_LITE, 8],
    ])('%s: no fix, the reason and the alternatives instead', (_label, model, denied) => {
      const report = runWorded(files, setup, { model });
      expect(exitCode(report)).toBe(1);
      expect(report.summary.explicitDeny).toBe(denied);
      expect(reportedFixes(report)).toEqual([]);
      const [finding] = identityFindings(report);
      expect(finding!.fixes).toEqual([]);
      // Why (no edit spares only these calls), and something else to do.
      expect(finding!.alternatives).toContain(
        'no edit of the Deny at identity-deny-all-bedrock.json:10 (Sid NoBedrockAtAll) stops it matching these calls while it keeps denying everything else it denied before',
      );
      expect(finding!.alternatives!.length).toBeGreaterThan(1);
    });
  });

  it('a Region condition met only through profile routing: ArnNotEquals exemption of the profile, re-verified', () => {
    const setup: Setup = { identity: ['identity-deny-outside-us-east-1.json'] };
    const files = fixtures('identity-deny-outside-us-east-1.json');
    const { before, fixes, fixed } = reverify(files, setup, { model: US_NOVA_LITE });
    expect(
      before.checks.filter((entry) => entry.decision === 'explicit-deny').map((entry) => entry.requestedRegion),
    ).toEqual(['us-east-2', 'us-east-2', 'us-west-2', 'us-west-2']);
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'replace-statement',
        owner: 'identity-policy-owner',
        location: expect.objectContaining({ line: 10, sid: 'StayInUsEast1' }),
        statement: {
          Sid: 'StayInUsEast1',
          Effect: 'Deny',
          Action: 'bedrock:*',
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' },
            ArnNotEquals: { 'bedrock:InferenceProfileArn': profileArn('us-east-1', US_NOVA_LITE) },
          },
        },
      }),
    ]);
    // Direct calls outside us-east-1, and another profile's routing, are still denied.
    for (const probe of [
      { model: NOVA_LITE, region: 'us-west-2' },
      { model: NOVA_LITE, region: 'us-east-2' },
      { model: `us.${NOVA_PRO}` },
    ]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });

  it('two Denies behind one another and no Allow: each Deny edited once, then the Allow, all re-verified together', () => {
    const setup: Setup = { identity: ['identity-two-denies.json'] };
    const files = fixtures('identity-two-denies.json');
    const { before, fixes, fixed } = reverify(files, setup, { model: GLOBAL_NOVA_2_LITE });
    const profile = profileArn('us-east-1', GLOBAL_NOVA_2_LITE);
    // The second Deny first frees the profile ARN (the only request it is the first Deny for), then,
    // once the first Deny exempts the profile, the routed models too: one fix of that statement, not two.
    expect(
      fixes.filter((fix) => fix.kind === 'replace-statement').map((fix) => [fix.location!.sid, fix.statement]),
    ).toEqual([
      [
        'DenyAllInvocations',
        {
          Sid: 'DenyAllInvocations',
          Effect: 'Deny',
          Action: BOTH_ACTIONS,
          NotResource: profile,
          Condition: { ArnNotEquals: { 'bedrock:InferenceProfileArn': profile } },
        },
      ],
      [
        'DenyNovaFamily',
        {
          Sid: 'DenyNovaFamily',
          Effect: 'Deny',
          Action: 'bedrock:InvokeModel*',
          Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-*',
          Condition: { ArnNotEquals: { 'bedrock:InferenceProfileArn': profile } },
        },
      ],
    ]);
    expect(addedStatements(fixes)).toHaveLength(3);
    expectLeastPrivilege(before, fixes);
    for (const probe of [
      { model: NOVA_2_LITE, region: 'us-west-2' },
      { model: NOVA_LITE },
      { model: `us.${NOVA_PRO}` },
    ]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });

  it('a wildcard Deny that covers other models has no fix: it says why and shows alternatives', () => {
    const setup: Setup = { identity: ['identity-deny-nova-wildcard.json'] };
    const files = fixtures('identity-deny-nova-wildcard.json');
    const report = runWorded(files, setup, { model: NOVA_LITE });
    expect(exitCode(report)).toBe(1);
    expect(reportedFixes(report)).toEqual([]);
    const [finding] = identityFindings(report);
    expect(finding!.locations).toEqual([expect.objectContaining({ line: 10, sid: 'DenyNovaFamily' })]);
    expect(finding!.fixes).toEqual([]);
    expect(finding!.alternatives!.length).toBeGreaterThan(1);
    expect(finding!.alternatives).toContain(
      'no edit of the Deny at identity-deny-nova-wildcard.json:10 (Sid DenyNovaFamily) stops it matching these calls while it keeps denying everything else it denied before',
    );
  });
});
