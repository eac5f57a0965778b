import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/diagnose/rules/index.js';
import { sessionPolicyRule } from '../../../src/diagnose/rules/session-policy.js';
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
 * Session policies passed to AssumeRole limit the session to the intersection with the role's
 * policies (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session):
 * the call needs an Allow there too, and whoever creates the session must pass it. The principal is
 * an assumed-role session. Every fix shown is pasted into the session policy file and re-checked
 * (test/diagnose/fix/reverify.ts).
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const US_NOVA_LITE = `us.${NOVA_LITE}`;

const setup: Setup = { identity: ['identity-invoke-any.json'], session: ['session-s3-only.json'] };
const files = fixtures('identity-invoke-any.json', 'session-s3-only.json');
const sessionFindings = (report: CheckReport) => report.findings.filter((finding) => finding.rule === 'session-policy');

describe('session-policy rule: registration', () => {
  it('is registered and names who creates the session', () => {
    expect(RULES).toContain(sessionPolicyRule);
    expect(sessionPolicyRule.help).toMatch(/creates the session/);
  });
});

describe('session-policy rule: the session policy lacks an Allow', () => {
  it('on-demand model: the least-privilege Allow goes into the session policy, passed by the session creator', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    const [finding] = sessionFindings(before);
    expect(finding!.title).toBe('No session policy allows the call');
    expect(finding!.predictedError?.message).toBe(
      `User: ${PRINCIPAL_ARN} is not authorized to perform: bedrock:InvokeModel on resource: ${modelArn('us-east-1', NOVA_LITE)} ` +
        'because no session policy allows the bedrock:InvokeModel action',
    );
    expect(owners(fixes)).toEqual(['session-creator']);
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'add-statement',
        file: 'session-s3-only.json',
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
    expect(owners(fixes)).toEqual(['session-creator']);
    expect(addedStatements(fixes).map((statement) => [statement.Resource, statement.Condition])).toEqual([
      [profileArn('us-east-1', US_NOVA_LITE), undefined],
      [
        ['us-east-1', 'us-east-2', 'us-west-2'].map((region) => modelArn(region, NOVA_LITE)),
        { StringEquals: { 'bedrock:InferenceProfileArn': profileArn('us-east-1', US_NOVA_LITE) } },
      ],
    ]);
    expectLeastPrivilege(before, fixes);
    expect(grantedPairs(fixes)).toEqual(deniedPairs(before));
    for (const probe of [{ model: NOVA_LITE }, { model: NOVA_LITE, region: 'us-east-2' }, { model: `us.${NOVA_PRO}` }]) {
      expectStillDenied(files, fixed, setup, probe);
    }
  });
});
