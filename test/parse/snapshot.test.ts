// get-account-authorization-details output as the AWS CLI and SDKs write it:
// https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
import { describe, expect, it } from 'vitest';
import { isUnresolvedPolicy, type AccountModel, type Policy, type PolicyType } from '../../src/model/index.js';
import { parsePolicyDocument, parseSnapshot, type ManagedPolicyExtract } from '../../src/parse/index.js';
import { formatted, positionOf } from './fixture.js';

const ACCOUNT = '111122223333';
const FILE = 'gaad.json';
const allow = (action: string, resource = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
const managedArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;

/** A stand-in extract knowing one AWS managed policy. */
const EXTRACT: ManagedPolicyExtract = {
  date: '2026-09-16',
  source: 'test-extract@1',
  has: (arn: string) => arn === 'arn:aws:iam::aws:policy/AmazonBedrockReadOnly',
  policy(arn: string, type: PolicyType): Policy | undefined {
    if (arn !== 'arn:aws:iam::aws:policy/AmazonBedrockReadOnly') return undefined;
    return parsePolicyDocument(JSON.stringify(allow('bedrock:Get*')), arn, { type, name: 'AmazonBedrockReadOnly', arn })
      .policy;
  },
};

function gaad(parts: Record<string, unknown>): string {
  return JSON.stringify(
    { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], ...parts },
    null,
    4,
  );
}

function account(text: string, extract: ManagedPolicyExtract | null = EXTRACT): AccountModel {
  const result = parseSnapshot(text, FILE, extract ?? undefined);
  expect(formatted(result.issues.filter((issue) => issue.severity === 'error'))).toEqual([]);
  if (!result.account) throw new Error('no account');
  return result.account;
}

function errors(text: string): string[] {
  const result = parseSnapshot(text, FILE, EXTRACT);
  expect(result.account).toBeUndefined();
  return formatted(result.issues.filter((issue) => issue.severity === 'error'));
}

const role = (name: string, extra: Record<string, unknown> = {}) => ({
  Path: '/',
  RoleName: name,
  Arn: `arn:aws:iam::${ACCOUNT}:role${(extra.Path as string | undefined) ?? '/'}${name}`,
  RolePolicyList: [],
  AttachedManagedPolicies: [],
  Tags: [],
  ...extra,
});

const managed = (name: string, versions: readonly { doc: unknown; isDefault: boolean; id: string }[]) => ({
  PolicyName: name,
  Arn: managedArn(name),
  Path: '/',
  DefaultVersionId: versions.find((version) => version.isDefault)?.id,
  PolicyVersionList: versions.map((version) => ({
    Document: version.doc,
    VersionId: version.id,
    IsDefaultVersion: version.isDefault,
  })),
});

describe('parseSnapshot: GAAD quirks', () => {
  it('decodes URL-encoded documents (as the IAM API returns them) and points spans at the string', () => {
    const encoded = encodeURIComponent(JSON.stringify(allow('bedrock:InvokeModel')));
    const text = gaad({
      RoleDetailList: [role('app', { RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: encoded }] })],
    });
    const [policy] = account(text).roles[0]?.policies ?? [];
    expect(policy?.statements[0]?.action).toEqual(['bedrock:InvokeModel']);
    expect(policy?.pointer).toBe('/RoleDetailList/0/RolePolicyList/0/PolicyDocument');
    const [line, column] = positionOf(text, `"${encoded}"`).split(':').map(Number);
    expect(policy?.statements[0]?.span).toMatchObject({ file: FILE, line, column });
  });

  it('reads a document given as a JSON object (as the AWS CLI writes it) with spans into the file', () => {
    const text = gaad({
      RoleDetailList: [
        role('app', { RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: allow('bedrock:Get*') }] }),
      ],
    });
    const [policy] = account(text).roles[0]?.policies ?? [];
    expect(policy?.name).toBe('inline');
    // Pretty-printed: the statement's "{" is alone on the line before its "Effect".
    const effectLine = Number(positionOf(text, '"Effect"').split(':')[0]);
    expect(policy?.statements[0]?.span).toMatchObject({ file: FILE, line: effectLine - 1 });
  });

  it('uses only the default version of a managed policy; other versions are ignored', () => {
    const text = gaad({
      RoleDetailList: [role('app', { AttachedManagedPolicies: [{ PolicyName: 'p', PolicyArn: managedArn('p') }] })],
      Policies: [
        managed('p', [
          { doc: allow('bedrock:*'), isDefault: false, id: 'v1' },
          { doc: allow('bedrock:InvokeModel'), isDefault: true, id: 'v2' },
        ]),
      ],
    });
    const [policy] = account(text).roles[0]?.policies ?? [];
    expect(policy?.arn).toBe(managedArn('p'));
    expect(policy?.statements.map((statement) => statement.action)).toEqual([['bedrock:InvokeModel']]);
    expect(policy?.pointer).toBe('/Policies/0/PolicyVersionList/1/Document');
  });

  it('refuses a managed policy with no default version, or two', () => {
    for (const flags of [
      [false, false],
      [true, true],
    ]) {
      const text = gaad({
        Policies: [
          managed('p', [
            { doc: allow('bedrock:*'), isDefault: flags[0] ?? false, id: 'v1' },
            { doc: allow('bedrock:Get*'), isDefault: flags[1] ?? false, id: 'v2' },
          ]),
        ],
        RoleDetailList: [role('app', { AttachedManagedPolicies: [{ PolicyArn: managedArn('p') }] })],
      });
      expect(errors(text).join('\n')).toMatch(/IsDefaultVersion/);
    }
  });

  it('shares one managed policy between every principal that has it', () => {
    const text = gaad({
      RoleDetailList: [
        role('a', { AttachedManagedPolicies: [{ PolicyArn: managedArn('p') }] }),
        role('b', { AttachedManagedPolicies: [{ PolicyArn: managedArn('p') }] }),
      ],
      Policies: [managed('p', [{ doc: allow('bedrock:*'), isDefault: true, id: 'v1' }])],
    });
    const [a, b] = account(text).roles;
    expect(a?.policies[0]).toBe(b?.policies[0]);
  });

  it("keeps a user's groups; a group the file does not describe is unresolved", () => {
    const text = gaad({
      UserDetailList: [
        {
          Path: '/eng/',
          UserName: 'alice',
          Arn: `arn:aws:iam::${ACCOUNT}:user/eng/alice`,
          GroupList: ['ml', 'ghost'],
          UserPolicyList: [],
          AttachedManagedPolicies: [],
          Tags: [{ Key: 'team', Value: 'ml' }],
        },
      ],
      GroupDetailList: [
        {
          Path: '/teams/',
          GroupName: 'ml',
          Arn: `arn:aws:iam::${ACCOUNT}:group/teams/ml`,
          GroupPolicyList: [{ PolicyName: 'g', PolicyDocument: allow('bedrock:InvokeModel') }],
          AttachedManagedPolicies: [],
        },
      ],
    });
    const model = account(text);
    const user = model.users[0];
    expect(user?.groups).toEqual(['ghost', 'ml']);
    expect(user?.path).toBe('/eng/');
    expect(user?.tags).toEqual({ team: 'ml' });
    expect(user?.unresolvedPolicies).toEqual([{ arn: `arn:aws:iam::${ACCOUNT}:group/ghost`, reason: 'missing-group' }]);
    expect(model.groups[0]?.path).toBe('/teams/');
    expect(model.groups[0]?.policies[0]?.name).toBe('g');
    expect(model.warnings.map((warning) => warning.code)).toEqual(['unresolved-group']);
  });

  it('reads paths, tags and permissions boundaries of roles; service-linked roles by their path', () => {
    const text = gaad({
      RoleDetailList: [
        role('app', {
          Path: '/apps/',
          Tags: [
            { Key: 'team', Value: 'ml' },
            { Key: 'env', Value: 'prod' },
          ],
          PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: managedArn('boundary') },
        }),
        role('AWSServiceRoleForSupport', { Path: '/aws-service-role/support.amazonaws.com/' }),
      ],
      Policies: [managed('boundary', [{ doc: allow('bedrock:*'), isDefault: true, id: 'v1' }])],
    });
    const [app, support] = account(text).roles;
    expect(app?.path).toBe('/apps/');
    expect(app?.serviceLinked).toBe(false);
    expect(app?.tags).toEqual({ team: 'ml', env: 'prod' });
    const boundary = app?.permissionsBoundary;
    expect(boundary && !isUnresolvedPolicy(boundary) ? boundary.type : undefined).toBe('permissions-boundary');
    expect(support?.serviceLinked).toBe(true);
  });

  it('takes an AWS managed policy the file does not include from the extract, and says so', () => {
    const arn = 'arn:aws:iam::aws:policy/AmazonBedrockReadOnly';
    const model = account(gaad({ RoleDetailList: [role('app', { AttachedManagedPolicies: [{ PolicyArn: arn }] })] }));
    expect(model.roles[0]?.policies.map((policy) => policy.arn)).toEqual([arn]);
    expect(model.managedPolicyExtract).toEqual({ date: '2026-09-16', source: 'test-extract@1', arns: [arn] });
  });

  it('prefers the version the file includes over the extract', () => {
    const arn = 'arn:aws:iam::aws:policy/AmazonBedrockReadOnly';
    const model = account(
      gaad({
        RoleDetailList: [role('app', { AttachedManagedPolicies: [{ PolicyArn: arn }] })],
        Policies: [
          {
            PolicyName: 'AmazonBedrockReadOnly',
            Arn: arn,
            PolicyVersionList: [{ Document: allow('bedrock:List*'), VersionId: 'v9', IsDefaultVersion: true }],
          },
        ],
      }),
    );
    expect(model.roles[0]?.policies[0]?.statements[0]?.action).toEqual(['bedrock:List*']);
    expect(model.managedPolicyExtract).toBeUndefined();
  });

  it('leaves an ARN neither the file nor the extract knows unresolved, with one warning per ARN', () => {
    const unknown = 'arn:aws:iam::aws:policy/NoSuchPolicy';
    const model = account(
      gaad({
        RoleDetailList: [
          role('a', { AttachedManagedPolicies: [{ PolicyArn: unknown }, { PolicyArn: managedArn('gone') }] }),
          role('b', { AttachedManagedPolicies: [{ PolicyArn: unknown }] }),
        ],
      }),
    );
    expect(model.roles[0]?.unresolvedPolicies).toEqual([
      { arn: unknown, reason: 'unknown-aws-managed-policy' },
      { arn: managedArn('gone'), reason: 'missing-customer-managed-policy' },
    ]);
    expect(model.roles[1]?.unresolvedPolicies).toEqual([{ arn: unknown, reason: 'unknown-aws-managed-policy' }]);
    expect(model.warnings.filter((warning) => warning.code === 'unresolved-policy')).toHaveLength(2);
  });

  it('leaves every AWS managed ARN unresolved without an extract', () => {
    const arn = 'arn:aws:iam::aws:policy/AmazonBedrockReadOnly';
    const model = account(
      gaad({ RoleDetailList: [role('app', { AttachedManagedPolicies: [{ PolicyArn: arn }] })] }),
      null,
    );
    expect(model.roles[0]?.unresolvedPolicies).toEqual([{ arn, reason: 'unknown-aws-managed-policy' }]);
  });

  it('derives the account id and partition from the principal ARNs; a GAAD file is of kind gaad', () => {
    const model = account(gaad({ RoleDetailList: [role('app')] }));
    expect(model).toMatchObject({ accountId: ACCOUNT, partition: 'aws', origin: { kind: 'gaad', file: FILE } });
    expect(model.scpLevels).toBeUndefined();
  });
});

describe('parseSnapshot: the policy-check snapshot', () => {
  const fullAccess = allow('*');
  const text = JSON.stringify(
    {
      snapshotVersion: 1,
      accountId: ACCOUNT,
      partition: 'aws',
      organization: { id: 'o-exampleorg1', managementAccountId: '999988887777' },
      regions: ['us-west-2', 'us-east-1'],
      scpLevels: [
        { name: 'Root', id: 'r-ab12', policies: [{ name: 'FullAWSAccess', document: fullAccess }] },
        {
          name: 'ou-workloads',
          policies: [
            {
              name: 'deny',
              arn: 'arn:aws:organizations::999988887777:policy/o-exampleorg1/service_control_policy/p-1',
              document: JSON.stringify({
                Version: '2012-10-17',
                Statement: [{ Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }],
              }),
            },
          ],
        },
      ],
      bedrock: {
        region: 'us-east-1',
        modelsByRegion: { 'us-east-1': ['amazon.nova-pro-v1:0'] },
        inferenceProfiles: [{ id: 'us.amazon.nova-pro-v1:0', regions: ['us-east-1', 'us-east-2', 'us-west-2'] }],
        modelsInUse: ['amazon.nova-pro-v1:0'],
      },
      RoleDetailList: [role('app')],
    },
    null,
    2,
  );
  const model = account(text);

  it('holds the account, organization, Regions (sorted) and Bedrock state', () => {
    expect(model).toMatchObject({
      accountId: ACCOUNT,
      organizationId: 'o-exampleorg1',
      managementAccount: false,
      regions: ['us-east-1', 'us-west-2'],
      origin: { kind: 'snapshot' },
      bedrock: { modelsInUse: ['amazon.nova-pro-v1:0'] },
    });
  });

  it('holds the SCP chain root → OUs → account, documents as objects or JSON text', () => {
    expect(model.scpLevels?.map((level) => level.name)).toEqual(['Root', 'ou-workloads']);
    const deny = model.scpLevels?.[1]?.policies[0];
    expect(deny).toMatchObject({ type: 'scp', name: 'deny', pointer: '/scpLevels/1/policies/0/document' });
    expect(deny?.statements[0]?.effect).toBe('Deny');
  });

  it('marks the management account', () => {
    const management = account(
      text.replace('"managementAccountId": "999988887777"', `"managementAccountId": "${ACCOUNT}"`),
    );
    expect(management.managementAccount).toBe(true);
  });
});

describe('parseSnapshot: bad input is one error naming file:line:column', () => {
  it('invalid JSON', () => {
    expect(errors('{"UserDetailList": [}')).toEqual([expect.stringMatching(/^gaad\.json:1:\d+: error: /)]);
  });

  it('a wrong shape: a list that is not a list', () => {
    const text = gaad({ RoleDetailList: { RoleName: 'x' } });
    expect(errors(text)).toEqual([
      expect.stringMatching(
        new RegExp(`^gaad\\.json:${positionOf(text, '{', 10).split(':')[0]}:\\d+: error: .*RoleDetailList`),
      ),
    ]);
  });

  it('inference profiles or model access without the Region that reported them', () => {
    const text = gaad({
      snapshotVersion: 1,
      bedrock: { inferenceProfiles: [{ id: 'us.amazon.nova-pro-v1:0', regions: ['us-east-1'] }] },
    });
    expect(errors(text).join('\n')).toMatch(/bedrock.*region/);
  });

  it("takes the snapshot's one Region when bedrock.region is absent (snapshots written before it existed)", () => {
    const text = gaad({
      snapshotVersion: 1,
      regions: ['eu-west-1'],
      bedrock: { inferenceProfiles: [{ id: 'eu.amazon.nova-pro-v1:0', regions: ['eu-west-1'] }] },
    });
    expect(account(text).bedrock?.region).toBe('eu-west-1');
  });

  // Application inference profiles and prompt routers with the models they route to (GetInferenceProfile
  // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetInferenceProfile.html, GetPromptRouter
  // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetPromptRouter.html: models[].modelArn).
  it('routing resources: read with their Region, refused without one, and each needs its models', () => {
    const resources = [
      {
        arn: 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123',
        models: ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0'],
      },
    ];
    const read = gaad({ snapshotVersion: 1, bedrock: { region: 'us-east-1', routingResources: resources } });
    expect(account(read).bedrock?.routingResources).toEqual(resources);
    expect(errors(gaad({ snapshotVersion: 1, bedrock: { routingResources: resources } })).join('\n')).toMatch(
      /routingResources but no "region"/,
    );
    const empty = gaad({
      snapshotVersion: 1,
      bedrock: { region: 'us-east-1', routingResources: [{ arn: resources[0]!.arn, models: [] }] },
    });
    expect(errors(empty).join('\n')).toMatch(/routingResources/);
  });

  it('an unknown top-level key (a typo in a hand-written snapshot)', () => {
    expect(errors(gaad({ scpLevel: [] })).join('\n')).toMatch(/scpLevel/);
  });

  it('an invalid policy document inside the file', () => {
    const text = gaad({
      RoleDetailList: [
        role('app', {
          RolePolicyList: [
            {
              PolicyName: 'bad',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel' }],
              },
            },
          ],
        }),
      ],
    });
    expect(errors(text)).toEqual([expect.stringMatching(/^gaad\.json:\d+:\d+: error: /)]);
  });

  it('a URL-encoded document that does not decode', () => {
    const text = gaad({
      RoleDetailList: [role('app', { RolePolicyList: [{ PolicyName: 'bad', PolicyDocument: '%7B%ZZ' }] })],
    });
    expect(errors(text).join('\n')).toMatch(/URL-encoded/);
  });

  it('a truncated page (IsTruncated true)', () => {
    expect(errors(gaad({ IsTruncated: true, Marker: 'abc' })).join('\n')).toMatch(/IsTruncated/);
  });

  it('principals of two accounts in one file', () => {
    const text = gaad({
      RoleDetailList: [role('a'), { ...role('b'), Arn: 'arn:aws:iam::444455556666:role/b' }],
    });
    expect(errors(text).join('\n')).toMatch(/444455556666.*one snapshot describes one account/);
  });
});
