import { describe, expect, it } from 'vitest';
import { permissionsBoundaryRule } from '../../../src/diagnose/rules/permissions-boundary.js';
import { RULES } from '../../../src/diagnose/rules/index.js';
import type { CheckReport } from '../../../src/diagnose/types.js';
import {
  BOTH_ACTIONS,
  PRINCIPAL_ARN,
  addedStatements,
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
} from '../fix/reverify.js';

/*
 * A permissions boundary caps what identity policies grant: the call needs an Allow in the boundary
 * too, and a Deny there wins (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
 * The boundary's owner makes the change. Every fix shown is pasted into the boundary file and
 * re-checked (test/diagnose/fix/reverify.ts).
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const US_NOVA_LITE = `us.${NOVA_LITE}`;

const boundaryFindings = (report: CheckReport) => report.findings.filter((finding) => finding.rule === 'permissions-boundary');

describe('permissions-boundary rule: registration', () => {
  it('is registered and names the boundary owner', () => {
    expect(RULES).toContain(permissionsBoundaryRule);
    expect(permissionsBoundaryRule.help).toMatch(/owner/);
  });
});

describe('permissions-boundary rule: the boundary lacks an Allow', () => {
  const setup: Setup = { identity: ['identity-invoke-any.json'], boundary: 'boundary-s3-only.json' };
  const files = fixtures('identity-invoke-any.json', 'boundary-s3-only.json');

  it('on-demand model: the least-privilege Allow goes into the boundary, made by its owner', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    const [finding] = boundaryFindings(before);
    expect(finding!.title).toBe('No permissions boundary allows the call');
    expect(finding!.predictedError?.message).toBe(
      `User: ${PRINCIPAL_ARN} is not authorized to perform: bedrock:InvokeModel on resource: ${modelArn('us-east-1', NOVA_LITE)} ` +
        'because no permissions boundary allows the bedrock:InvokeModel action',
    );
    expect(owners(fixes)).toEqual(['boundary-owner']);
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'add-statement',
        file: 'boundary-s3-only.json',
        statement: { Sid: 'AllowAmazonNovaLiteV10', Effect: 'Allow', Action: BOTH_ACTIONS, Resource: modelArn('us-east-1', NOVA_LITE) },
      }),
    ]);
    expectLeastPrivilege(before, fixes);
    expect(grantedPairs(fixes)).toEqual(deniedPairs(before));
    for (const probe of [{ model: NOVA_PRO }, { model: NOVA_LITE, region: 'us-west-2' }, { model: US_NOVA_LITE }]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });

  it('us. profile: the profile ARN, and the destination models only through that profile', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: US_NOVA_LITE });
    expect(owners(fixes)).toEqual(['boundary-owner']);
    expect(addedStatements(fixes)).toEqual([
      { Sid: 'AllowUsAmazonNovaLiteV10', Effect: 'Allow', Action: BOTH_ACTIONS, Resource: profileArn('us-east-1', US_NOVA_LITE) },
      {
        Sid: 'AllowUsAmazonNovaLiteV10Models',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: ['us-east-1', 'us-east-2', 'us-west-2'].map((region) => modelArn(region, NOVA_LITE)),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn('us-east-1', US_NOVA_LITE) } },
      },
    ]);
    expectLeastPrivilege(before, fixes);
    expect(grantedPairs(fixes)).toEqual(deniedPairs(before));
    for (const probe of [{ model: NOVA_LITE }, { model: NOVA_LITE, region: 'us-east-2' }, { model: `us.${NOVA_PRO}` }]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });
});

describe('permissions-boundary rule: a Deny in the boundary', () => {
  const setup: Setup = { identity: ['identity-invoke-any.json'], boundary: 'boundary-deny-listed-arns.json' };
  const files = fixtures('identity-invoke-any.json', 'boundary-deny-listed-arns.json');

  it('drops the invoked ARN from the Deny, keeps denying the other, and names the boundary owner', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    const [finding] = boundaryFindings(before);
    expect(finding!.title).toBe('An explicit Deny in the permissions boundary boundary-deny-listed-arns.json blocks the call');
    expect(finding!.predictedError?.message).toMatch(/with an explicit deny in a permissions boundary$/);
    expect(finding!.locations).toEqual([expect.objectContaining({ line: 10, policyType: 'permissions-boundary', sid: 'BoundaryDeniesNova' })]);
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'replace-statement',
        owner: 'boundary-owner',
        file: 'boundary-deny-listed-arns.json',
        location: expect.objectContaining({ line: 10, sid: 'BoundaryDeniesNova' }),
        statement: { Sid: 'BoundaryDeniesNova', Effect: 'Deny', Action: BOTH_ACTIONS, Resource: modelArn('us-east-1', NOVA_PRO) },
      }),
    ]);
    expectStillDenied(files, fixed, setup, { model: NOVA_PRO });
  });
});
