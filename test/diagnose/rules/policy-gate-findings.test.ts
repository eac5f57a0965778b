import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../src/report/words/worded-reports.js';
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
 * A policy gate without an Allow for the call: the identity policies, the permissions boundary, the
 * session policies (src/diagnose/rules/policy-gate-findings.ts serves the three rules). Each gate
 * must allow (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html;
 * boundaries: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html;
 * session policies: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session),
 * so the fix is the same least-privilege Allow, in that gate's file, made by that gate's owner.
 * Inference-profile permissions: https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html.
 * Every fix shown is pasted into the file and re-checked (test/diagnose/fix/reverify.ts).
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const US_NOVA_LITE = `us.${NOVA_LITE}`;

const GATES = [
  {
    rule: 'identity-policy',
    setup: { identity: ['identity-s3-only.json'] } satisfies Setup,
    file: 'identity-s3-only.json',
    title: 'No identity-based policy allows the call',
    because: 'because no identity-based policy allows the bedrock:InvokeModel action',
    owner: 'identity-policy-owner',
  },
  {
    rule: 'permissions-boundary',
    setup: { identity: ['identity-invoke-any.json'], boundary: 'boundary-s3-only.json' } satisfies Setup,
    file: 'boundary-s3-only.json',
    title: 'No permissions boundary allows the call',
    because: 'because no permissions boundary allows the bedrock:InvokeModel action',
    owner: 'boundary-owner',
  },
  {
    // The principal is an assumed-role session, so its session policies apply.
    rule: 'session-policy',
    setup: { identity: ['identity-invoke-any.json'], session: ['session-s3-only.json'] } satisfies Setup,
    file: 'session-s3-only.json',
    title: 'No session policy allows the call',
    because: 'because no session policy allows the bedrock:InvokeModel action',
    owner: 'session-creator',
  },
] as const;

describe.each(GATES)('$rule rule: the gate lacks an Allow', ({ rule, setup, file, title, because, owner }) => {
  const files = fixtures(...new Set([...setup.identity, file]));
  const findings = (report: CheckReport) => report.findings.filter((finding) => finding.rule === rule);

  it('on-demand model: the least-privilege Allow (exactly the model ARN, both actions) goes into the gate, made by its owner', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    const [finding] = findings(before);
    expect(finding!.title).toBe(title);
    expect(finding!.predictedError?.message).toBe(
      `User: ${PRINCIPAL_ARN} is not authorized to perform: bedrock:InvokeModel on resource: ${modelArn('us-east-1', NOVA_LITE)} ${because}`,
    );
    expect(owners(fixes)).toEqual([owner]);
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'add-statement',
        file,
        statement: {
          Sid: 'AllowAmazonNovaLiteV10',
          Effect: 'Allow',
          Action: BOTH_ACTIONS,
          Resource: modelArn('us-east-1', NOVA_LITE),
        },
      }),
    ]);
    expectLeastPrivilege(before, fixes);
    expect(grantedPairs(fixes)).toEqual(deniedPairs(before));
    for (const probe of [{ model: NOVA_PRO }, { model: NOVA_LITE, region: 'us-west-2' }, { model: US_NOVA_LITE }]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });

  it('us. profile: the profile ARN without a condition, every destination model only through that profile', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: US_NOVA_LITE });
    expect(owners(fixes)).toEqual([owner]);
    expect(fixes.every((fix) => fix.file === file)).toBe(true);
    expect(addedStatements(fixes)).toEqual([
      {
        Sid: 'AllowUsAmazonNovaLiteV10',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: profileArn('us-east-1', US_NOVA_LITE),
      },
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
    // Calling the model directly, even in the source Region, is not what was asked for.
    for (const probe of [
      { model: NOVA_LITE },
      { model: NOVA_LITE, region: 'us-east-2' },
      { model: NOVA_LITE, region: 'us-west-2' },
      { model: `us.${NOVA_PRO}` },
    ]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });
});
