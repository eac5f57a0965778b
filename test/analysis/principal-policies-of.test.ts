import { describe, expect, it } from 'vitest';
import { check, checkInputFrom, principalPoliciesOf } from '../../src/analysis/index.js';
import type { AccountModel, PrincipalPolicies } from '../../src/model/index.js';
import { parseSnapshot } from '../../src/parse/index.js';
import { renderCliHints } from '../../src/report/cli-hints.js';

const ACCOUNT = '111122223333';
const MODEL = 'amazon.nova-pro-v1:0';
const allow = (resource = '*', condition?: unknown) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: resource,
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});
const DENY_ALL_BEDROCK = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }] };
const FULL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const roleArn = (path: string, name: string) => `arn:aws:iam::${ACCOUNT}:role${path}${name}`;

function accountOf(parts: Record<string, unknown>): AccountModel {
  const result = parseSnapshot(JSON.stringify(parts), 'snapshot.json');
  if (!result.account) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result.account;
}

function verdictOf(policies: PrincipalPolicies | undefined) {
  if (!policies) throw new Error('principal not found');
  return check(
    checkInputFrom(policies, {
      model: MODEL,
      region: 'us-east-1',
      actions: ['bedrock:InvokeModel'],
      now: new Date('2026-12-01T00:00:00Z'),
      toolVersion: 'test',
    }),
  );
}

const role = (path: string, name: string, extra: Record<string, unknown> = {}) => ({
  Path: path,
  RoleName: name,
  Arn: roleArn(path, name),
  RolePolicyList: [],
  AttachedManagedPolicies: [],
  ...extra,
});

describe('principalPoliciesOf', () => {
  const snapshot = {
    snapshotVersion: 1,
    accountId: ACCOUNT,
    scpLevels: [
      { name: 'Root', policies: [{ name: 'FullAWSAccess', document: FULL }] },
      { name: 'ou', policies: [{ name: 'deny-bedrock', document: DENY_ALL_BEDROCK }] },
    ],
    UserDetailList: [
      {
        Path: '/',
        UserName: 'alice',
        Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
        GroupList: ['ml'],
        UserPolicyList: [],
        AttachedManagedPolicies: [],
        Tags: [{ Key: 'team', Value: 'ml' }],
      },
    ],
    GroupDetailList: [
      {
        Path: '/',
        GroupName: 'ml',
        Arn: `arn:aws:iam::${ACCOUNT}:group/ml`,
        GroupPolicyList: [{ PolicyName: 'group-allow', PolicyDocument: allow() }],
        AttachedManagedPolicies: [],
      },
    ],
    RoleDetailList: [
      role('/aws-service-role/bedrock.amazonaws.com/', 'AWSServiceRoleForBedrock', {
        RolePolicyList: [{ PolicyName: 'slr', PolicyDocument: allow() }],
      }),
      role('/', 'tagged', {
        RolePolicyList: [
          { PolicyName: 'by-tag', PolicyDocument: allow('*', { StringEquals: { 'aws:PrincipalTag/team': 'ml' } }) },
        ],
        Tags: [{ Key: 'team', Value: 'ml' }],
      }),
      role('/', 'untagged', {
        RolePolicyList: [
          { PolicyName: 'by-tag', PolicyDocument: allow('*', { StringEquals: { 'aws:PrincipalTag/team': 'ml' } }) },
        ],
        Tags: [{ Key: 'team', Value: 'web' }],
      }),
    ],
  };
  const model = accountOf(snapshot);

  it("gives a user its groups' policies", () => {
    const policies = principalPoliciesOf(model, `arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(policies?.identity.map((policy) => policy.name)).toEqual(['group-allow']);
    expect(policies?.principal?.kind).toBe('user');
    expect(policies?.principalTags).toEqual({ team: 'ml' });
  });

  it('applies the SCP chain to ordinary principals: an SCP deny stands', () => {
    const report = verdictOf(principalPoliciesOf(model, `arn:aws:iam::${ACCOUNT}:user/alice`));
    expect(report.verdict).toBe('denied');
    expect(report.checks.every((entry) => entry.deniedBy === 'scp')).toBe(true);
  });

  it('exempts service-linked roles from SCPs', () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
    const policies = principalPoliciesOf(
      model,
      roleArn('/aws-service-role/bedrock.amazonaws.com/', 'AWSServiceRoleForBedrock'),
    );
    expect(policies?.scpLevels).toBeUndefined();
    expect(policies?.principal?.serviceLinkedRole).toBe(true);
    expect(verdictOf(policies).verdict).toBe('allowed');
  });

  it('exempts the management account from SCPs', () => {
    const management = accountOf({ ...snapshot, organization: { id: 'o-exampleorg1', managementAccountId: ACCOUNT } });
    const policies = principalPoliciesOf(management, `arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(policies?.scpLevels).toBeUndefined();
    expect(verdictOf(policies).verdict).toBe('allowed');
  });

  it("puts the principal's tags into aws:PrincipalTag/*", () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltag
    const withoutScps = accountOf({ ...snapshot, scpLevels: undefined });
    expect(verdictOf(principalPoliciesOf(withoutScps, roleArn('/', 'tagged'))).verdict).toBe('allowed');
    expect(verdictOf(principalPoliciesOf(withoutScps, roleArn('/', 'untagged'))).verdict).toBe('denied');
  });

  it('a group the snapshot does not describe leaves the check incomplete, never allowed', () => {
    const partial = accountOf({
      UserDetailList: [
        {
          Path: '/',
          UserName: 'bob',
          Arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
          GroupList: ['absent'],
          UserPolicyList: [{ PolicyName: 'own', PolicyDocument: allow() }],
          AttachedManagedPolicies: [],
        },
      ],
      GroupDetailList: [],
      RoleDetailList: [],
    });
    const policies = principalPoliciesOf(partial, `arn:aws:iam::${ACCOUNT}:user/bob`);
    expect(policies?.unresolvedPolicies).toEqual([
      { arn: `arn:aws:iam::${ACCOUNT}:group/absent`, reason: 'missing-group' },
    ]);
    expect(verdictOf(policies).verdict).toBe('incomplete');
  });

  it('is undefined for an ARN the account does not hold', () => {
    expect(principalPoliciesOf(model, roleArn('/', 'nobody'))).toBeUndefined();
  });
});

describe('unresolved policies make a check incomplete, never allowed', () => {
  const unknown = 'arn:aws:iam::aws:policy/NoSuchPolicy';
  const snapshot = (policyDocument: unknown) => ({
    RoleDetailList: [
      role('/', 'app', {
        RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: policyDocument }],
        AttachedManagedPolicies: [{ PolicyArn: unknown }],
      }),
    ],
  });

  it('an allow by the known policies becomes incomplete, naming the ARN', () => {
    const report = verdictOf(principalPoliciesOf(accountOf(snapshot(allow())), roleArn('/', 'app')));
    expect(report.verdict).toBe('incomplete');
    expect(report.checks.some((entry) => entry.decision === 'allowed')).toBe(false);
    expect(renderCliHints(report.unresolved).join('\n')).toContain(unknown);
  });

  it('an implicit deny is incomplete too: the unknown policy may allow', () => {
    const none = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    expect(verdictOf(principalPoliciesOf(accountOf(snapshot(none)), roleArn('/', 'app'))).verdict).toBe('incomplete');
  });

  it('an explicit deny stands whatever the unknown policy says', () => {
    expect(verdictOf(principalPoliciesOf(accountOf(snapshot(DENY_ALL_BEDROCK)), roleArn('/', 'app'))).verdict).toBe(
      'denied',
    );
  });
});
