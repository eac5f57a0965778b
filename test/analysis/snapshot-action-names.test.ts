// Actions in snapshot policies are checked against IAM's data as policy files are for `check`: a misspelt
// action is a warning (file:line, the policy and its JSON pointer, did-you-mean), once per policy, and its
// correction reaches the fix planner of every principal that carries the policy, and only those.
// IAM matches actions by name only, so a misspelt action matches nothing:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
import { describe, expect, it } from 'vitest';
import { check, checkInputFrom, principalPoliciesOf } from '../../src/analysis/index.js';
import type { AccountModel } from '../../src/model/index.js';
import { parseSnapshot } from '../../src/parse/index.js';
import { iamData } from '../../src/sources/iam-data.js';
import { renderCliHints } from '../../src/report/cli-hints.js';

const ACCOUNT = '111122223333';
const FILE = 'snapshot.json';
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/Invoke`;
const typo = (resource: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['bedrock:InvokeModle', 'bedrock:InvokeModelWithResponseStream'], Resource: resource },
  ],
});
const NOVA_PRO = 'arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0';
const NOVA_LITE = 'arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0';

const snapshotText = JSON.stringify(
  {
    RoleDetailList: [
      // Both policies hold the typo in statement 0 of the same file: only the policy id tells them apart.
      {
        Path: '/',
        RoleName: 'both',
        Arn: roleArn('both'),
        RolePolicyList: [{ PolicyName: 'inline-lite', PolicyDocument: typo(NOVA_LITE) }],
        AttachedManagedPolicies: [{ PolicyName: 'Invoke', PolicyArn: POLICY_ARN }],
      },
      {
        Path: '/',
        RoleName: 'a',
        Arn: roleArn('a'),
        AttachedManagedPolicies: [{ PolicyName: 'Invoke', PolicyArn: POLICY_ARN }],
      },
      {
        Path: '/',
        RoleName: 'b',
        Arn: roleArn('b'),
        AttachedManagedPolicies: [{ PolicyName: 'Invoke', PolicyArn: POLICY_ARN }],
      },
      { Path: '/', RoleName: 'none', Arn: roleArn('none') },
    ],
    Policies: [
      {
        PolicyName: 'Invoke',
        Arn: POLICY_ARN,
        DefaultVersionId: 'v1',
        PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: typo(NOVA_PRO) }],
      },
    ],
  },
  null,
  2,
);
const lineOf = (needle: string, nth = 0) =>
  snapshotText.split('\n').flatMap((line, index) => (line.includes(needle) ? [index + 1] : []))[nth];

function account(): AccountModel {
  const result = parseSnapshot(snapshotText, FILE, undefined, { actionNames: iamData() });
  if (!result.account) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result.account;
}

describe('misspelt actions in a snapshot', () => {
  it('are one warning per policy, naming the policy and its JSON pointer, with did-you-mean', () => {
    const warnings = account().warnings.filter((warning) => warning.code === 'unknown-action');
    expect(warnings.map((warning) => [warning.line, warning.message.replace(/dated [\d-]+/, 'dated D')])).toEqual([
      [
        lineOf('"bedrock:InvokeModle"', 0),
        'policy "inline-lite" (/RoleDetailList/0/RolePolicyList/0/PolicyDocument): action "bedrock:InvokeModle" matches no bedrock action in IAM\'s data (dated D), so it grants or denies nothing; did you mean "bedrock:InvokeModel"?',
      ],
      [
        lineOf('"bedrock:InvokeModle"', 1),
        `policy "${POLICY_ARN}" (/Policies/0/PolicyVersionList/0/Document): action "bedrock:InvokeModle" matches no bedrock action in IAM's data (dated D), so it grants or denies nothing; did you mean "bedrock:InvokeModel"?`,
      ],
    ]);
  });

  it('reach the fix planner of each principal that carries the policy, and no other', () => {
    const model = account();
    const corrections = (name: string) =>
      (principalPoliciesOf(model, roleArn(name))?.actionCorrections ?? []).map((correction) => correction.line);
    expect(corrections('a')).toEqual([lineOf('"bedrock:InvokeModle"', 1)]);
    expect(corrections('b')).toEqual([lineOf('"bedrock:InvokeModle"', 1)]);
    expect(corrections('none')).toEqual([]);
    expect(corrections('both').sort()).toEqual([
      lineOf('"bedrock:InvokeModle"', 0),
      lineOf('"bedrock:InvokeModle"', 1),
    ]);
  });

  it.each([
    ['amazon.nova-pro-v1:0', 1],
    ['amazon.nova-lite-v1:0', 0],
  ])("the fix corrects the action in the policy that grants %s, at that policy's line", (modelId, nth) => {
    const model = account();
    const report = check(
      checkInputFrom(principalPoliciesOf(model, roleArn('both'))!, {
        model: modelId,
        region: 'us-east-1',
        actions: ['bedrock:InvokeModel'],
        now: new Date('2026-12-01T00:00:00Z'),
        toolVersion: 'test',
      }),
    );
    expect(report.verdict).toBe('denied');
    const fixes = renderCliHints(report.findings).flatMap((finding) => finding.fixes);
    expect(fixes.map((fix) => fix.summary)).toEqual([
      `Correct the action "bedrock:InvokeModle" to "bedrock:InvokeModel" at ${FILE}:${lineOf('"bedrock:InvokeModle"', nth)}`,
    ]);
    expect(fixes[0]?.verification.verified).toBe(true);
  });
});
