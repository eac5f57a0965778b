import { describe, expect, it } from 'vitest';
import { formatText } from '../../../../src/report/text.js';
import type { CheckReport } from '../../../../src/report/words/worded-reports.js';
import {
  BOTH_ACTIONS,
  addedStatements,
  applyFixes,
  asData,
  runWorded,
  deniedPairs,
  expectLeastPrivilege,
  expectStillDenied,
  fixtures,
  grantedPairs,
  modelArn,
  owners,
  profileArn,
  reverify,
  type Setup,
} from '../../fix/reverify.js';

/*
 * SCPs (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html):
 * every level of the chain must allow, and a Deny at any level wins. A Region-deny SCP breaks
 * cross-Region inference; AWS's remedies are on
 * https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html.
 * Every fix shown is pasted into the SCP file and re-checked (test/diagnose/fix/reverify.ts).
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const US_NOVA_LITE = `us.${NOVA_LITE}`;
const GLOBAL_NOVA_2_LITE = 'global.amazon.nova-2-lite-v1:0';

const FULL = 'scp-full-aws-access.json';
const REGION_DENY = 'scp-deny-outside-us-east-1.json';

const regionDenyChain = (identity: string): Setup => ({
  identity: [identity],
  scpLevels: [
    { name: 'Root', files: [FULL] },
    { name: 'Account', files: [FULL, REGION_DENY] },
  ],
});

const scpFindings = (report: CheckReport) =>
  report.findings.filter((finding) => finding.rule === 'service-control-policy');

describe('service-control-policy rule: Region-deny SCP', () => {
  const files = fixtures('identity-invoke-any.json', FULL, REGION_DENY);
  const setup = regionDenyChain('identity-invoke-any.json');

  it('breaking a us. profile: titled as Region-deny, AWS remedies as alternatives, the exemption fixed by the organization admin', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: US_NOVA_LITE });
    const findings = scpFindings(before);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.title).toBe('A Region-deny SCP blocks cross-Region inference to us-east-2, us-west-2');
    expect(finding!.predictedError?.message).toMatch(/with an explicit deny in a service control policy$/);
    expect(finding!.locations).toEqual([
      expect.objectContaining({ file: REGION_DENY, line: 4, policyType: 'scp', sid: 'DenyOutsideUsEast1' }),
    ]);
    expect(finding!.alternatives).toEqual([
      "allow the destination Regions in the SCP's aws:RequestedRegion list: us-east-2, us-west-2",
      'exempt calls routed through inference profiles: add "ArnNotLike": {"bedrock:InferenceProfileArn": "arn:aws:bedrock:*:*:inference-profile/*"} to the Deny',
    ]);
    expect(owners(fixes)).toEqual(['organization-admin']);
    expect(finding!.fixes).toEqual([
      expect.objectContaining({
        kind: 'replace-statement',
        owner: 'organization-admin',
        file: REGION_DENY,
        statement: {
          Sid: 'DenyOutsideUsEast1',
          Effect: 'Deny',
          NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'],
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' },
            ArnNotEquals: { 'bedrock:InferenceProfileArn': profileArn('us-east-1', US_NOVA_LITE) },
          },
        },
      }),
    ]);
    // The SCP still keeps direct calls, and other profiles' routing, in us-east-1.
    for (const probe of [
      { model: NOVA_LITE, region: 'us-west-2' },
      { model: NOVA_LITE, region: 'us-east-2' },
      { model: `us.${NOVA_PRO}` },
    ]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });

  it('breaking a global profile: "unspecified" is named, and the exemption re-verifies', () => {
    const { before, fixed } = reverify(files, setup, { model: GLOBAL_NOVA_2_LITE });
    const [finding] = scpFindings(before);
    expect(finding!.title).toBe('A Region-deny SCP blocks cross-Region inference to unspecified');
    expect(finding!.alternatives).toContain(
      'add "unspecified" to the allowed aws:RequestedRegion values for global cross-Region inference',
    );
    expect(finding!.fixes.map((fix) => fix.owner)).toEqual(['organization-admin']);
    expectStillDenied(files, fixed, setup, { model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0' });
    expectStillDenied(files, fixed, setup, { model: NOVA_LITE, region: 'us-west-2' });
  });
});

describe('service-control-policy rule: a level of the chain allows nothing for Bedrock', () => {
  const setup: Setup = {
    identity: ['identity-invoke-any.json'],
    scpLevels: [
      { name: 'Root', files: [FULL] },
      { name: 'ou-workloads', files: ['scp-ou-allow-s3-only.json'] },
      { name: 'Account', files: [FULL] },
    ],
  };
  const files = fixtures('identity-invoke-any.json', FULL, 'scp-ou-allow-s3-only.json');

  it('adds the least-privilege Allow to that level’s policy, to be made by the organization admin', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    const [finding] = scpFindings(before);
    expect(finding!.title).toBe('No service control policy at the ou-workloads level allows the call');
    expect(before.checks.map((entry) => entry.deniedAtLevel)).toEqual(['ou-workloads', 'ou-workloads']);
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'add-statement',
        owner: 'organization-admin',
        file: 'scp-ou-allow-s3-only.json',
        statement: {
          Sid: 'AllowAmazonNovaLiteV10',
          Effect: 'Allow',
          Action: BOTH_ACTIONS,
          Resource: modelArn('us-east-1', NOVA_LITE),
        },
      }),
    ]);
    expect(fixes[0]!.summary).toMatch(/at level ou-workloads/);
    expectLeastPrivilege(before, fixes);
    expect(grantedPairs(fixes)).toEqual(deniedPairs(before));
    for (const probe of [{ model: NOVA_PRO }, { model: NOVA_LITE, region: 'us-west-2' }])
      expectStillDenied(files, fixed, setup, probe);
  });

  it('for a us. profile: the profile ARN and every destination model, under the profile condition', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: US_NOVA_LITE });
    expect(addedStatements(fixes).map((statement) => statement.Resource)).toEqual([
      profileArn('us-east-1', US_NOVA_LITE),
      ['us-east-1', 'us-east-2', 'us-west-2'].map((region) => modelArn(region, NOVA_LITE)),
    ]);
    expectLeastPrivilege(before, fixes);
    expect(grantedPairs(fixes)).toEqual(deniedPairs(before));
    expectStillDenied(files, fixed, setup, { model: NOVA_LITE, region: 'us-west-2' });
  });
});

describe('service-control-policy rule: SCP and identity policy both deny', () => {
  const files = fixtures('identity-profile-source-region-only.json', FULL, REGION_DENY);
  const setup = regionDenyChain('identity-profile-source-region-only.json');

  it('shows both fixes — the SCP exemption, then the identity Allow revealed behind it — and together they re-verify', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: US_NOVA_LITE });
    // At first only the SCP shows: an explicit Deny is decided before any Allow is looked at.
    expect(
      new Set(before.checks.filter((entry) => entry.decision !== 'allowed').map((entry) => entry.deniedBy)),
    ).toEqual(new Set(['scp']));
    expect(fixes.map((fix) => [fix.kind, fix.owner, fix.file])).toEqual([
      ['replace-statement', 'organization-admin', REGION_DENY],
      ['add-statement', 'identity-policy-owner', 'identity-profile-source-region-only.json'],
    ]);
    const identity = before.findings.find((finding) => finding.rule === 'identity-policy');
    expect(identity!.title).toBe('Once the other denials are fixed, the identity-based policy denies the call too');
    expect(identity!.fixes).toHaveLength(1);
    expect(
      fixes.every((fix) =>
        String(fix.verification.detail).endsWith('(with all 2 changes of this fix applied together)'),
      ),
    ).toBe(true);
    // One fix in two places: each part says it works only with the other.
    expect(
      formatText(asData(before)).match(
        /only together with the 1 other change of this fix shown under another finding/g,
      ),
    ).toHaveLength(2);
    expectLeastPrivilege(before, fixes);
    expect(grantedPairs(fixes)).toEqual(deniedPairs(before));

    // Either fix alone leaves the call denied: the report is right to show both.
    const scpOnly = fixes.filter((fix) => fix.owner === 'organization-admin');
    const identityOnly = fixes.filter((fix) => fix.owner === 'identity-policy-owner');
    for (const part of [scpOnly, identityOnly]) {
      expect(runWorded(applyFixes(files, part), setup, { model: US_NOVA_LITE }).verdict).toBe('denied');
    }
    for (const probe of [{ model: NOVA_LITE, region: 'us-west-2' }, { model: `us.${NOVA_PRO}` }])
      expectStillDenied(files, fixed, setup, probe);
  });
});

describe('service-control-policy rule: one SCP file attached at several levels', () => {
  it('a Region-deny SCP at the root and on the account: one edit of the file, verified', () => {
    const setup: Setup = {
      identity: ['identity-invoke-any.json'],
      scpLevels: [
        { name: 'Root', files: [FULL, REGION_DENY] },
        { name: 'Account', files: [FULL, REGION_DENY] },
      ],
    };
    const files = fixtures('identity-invoke-any.json', FULL, REGION_DENY);
    const { before, fixes, fixed } = reverify(files, setup, { model: US_NOVA_LITE });
    expect(scpFindings(before)).toHaveLength(1);
    expect(fixes.map((fix) => [fix.kind, fix.file, fix.location?.line])).toEqual([
      ['replace-statement', REGION_DENY, 4],
    ]);
    expect(scpFindings(before)[0]!.fixes).toHaveLength(1);
    expectStillDenied(files, fixed, setup, { model: NOVA_LITE, region: 'us-west-2' });
  });

  it('an SCP without a Bedrock Allow at four levels, and every other gate closed too: each fix once, across seven gates', () => {
    const OU = 'scp-ou-allow-s3-only.json';
    const setup: Setup = {
      identity: ['identity-s3-only.json'],
      scpLevels: ['Root', 'ou-a', 'ou-b', 'Account'].map((name) => ({ name, files: [OU] })),
      boundary: 'boundary-s3-only.json',
      session: ['session-s3-only.json'],
    };
    const files = fixtures('identity-s3-only.json', OU, 'boundary-s3-only.json', 'session-s3-only.json');
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    expect(fixes.map((fix) => [fix.owner, fix.file])).toEqual([
      ['organization-admin', OU],
      ['identity-policy-owner', 'identity-s3-only.json'],
      ['boundary-owner', 'boundary-s3-only.json'],
      ['session-creator', 'session-s3-only.json'],
    ]);
    expect(scpFindings(before).map((finding) => finding.title)).toEqual([
      'No service control policy at the Root level allows the call',
    ]);
    expect(before.findings.map((finding) => finding.rule)).toEqual([
      'service-control-policy',
      'identity-policy',
      'permissions-boundary',
      'session-policy',
    ]);
    expectLeastPrivilege(before, fixes);
    for (const probe of [{ model: NOVA_PRO }, { model: NOVA_LITE, region: 'us-west-2' }])
      expectStillDenied(files, fixed, setup, probe);
  });
});
