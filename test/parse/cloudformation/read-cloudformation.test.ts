import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IacFragment, Statement } from '../../../src/model/index.js';
import { readCloudFormation } from '../../../src/parse/cloudformation/read-cloudformation.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = 'test/fixtures/iac/cloudformation';

function filesOf(dir: string): { path: string; text: string }[] {
  const absolute = join(ROOT, FIXTURES, dir);
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort()
    .map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
}

const read = (dir: string, options = {}) => readCloudFormation(filesOf(dir), options);
const show = (text: string) => text.replace(/\uffff(\d+)\uffff/g, '<unknown $1>');

function statementsOf(fragment: IacFragment, address: string): Statement[] {
  const principal = [...fragment.roles, ...fragment.users, ...fragment.groups].find((p) => p.address === address);
  return principal?.policies.flatMap((policy) => policy.statements) ?? [];
}

describe('readCloudFormation: YAML with short forms and Conditions', () => {
  const file = `${FIXTURES}/yaml-short-forms/template.yaml`;
  const fragment = read('yaml-short-forms', { region: 'us-east-1' });

  it('reads the roles the Conditions create, at the line of their logical ids', () => {
    expect(fragment.issues).toEqual([]);
    expect(fragment.format).toBe('cloudformation');
    // ProdOnlyRole has Condition IsProd, false with Environment's default "dev".
    expect(fragment.roles.map((role) => [role.address, role.name, role.declaredAt.line, role.nameUnknown])).toEqual([
      ['WorkerRole', 'dev-bedrock-worker', 21, undefined],
      ['GeneratedRole', 'GeneratedRole', 72, true],
    ]);
    expect(fragment.roles[0]?.arn).toBe('arn:aws:iam::123456789012:role/apps/dev-bedrock-worker');
    expect(fragment.roles[0]?.tags).toEqual({ team: 'ml' });
  });

  it('resolves Sub, Join, FindInMap, pseudo parameters and If, and leaves AWS managed ARNs as ARNs', () => {
    const [invoke, deny, converse] = statementsOf(fragment, 'WorkerRole').sort((a, b) => a.span.line - b.span.line);
    // !If [IsProd, …, !Ref AWS::NoValue] leaves the streaming action out.
    expect(invoke?.action).toEqual(['bedrock:InvokeModel']);
    expect(invoke?.resource?.map(show)).toEqual([
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      'arn:aws:bedrock:us-east-1:<unknown 0>:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0',
    ]);
    expect(invoke?.span).toMatchObject({ file, line: 40, column: 17 });
    expect(invoke?.unknowns).toEqual([
      {
        placeholder: '\uffff0\uffff',
        expression: '!Ref AWS::AccountId',
        reason: 'variable-without-default',
        span: { file, line: 50, column: 25 },
      },
    ]);
    expect(deny?.conditions[0]?.values.map(show)).toEqual(['<unknown 1>']);
    expect(deny?.unknowns?.map((u) => [u.expression, u.reason, u.span.line, u.span.column])).toEqual([
      ['!ImportValue AllowedRegion', 'import-value', 58, 42],
    ]);
    // The customer managed policy attached through ManagedPolicyArns: !Ref InvokePolicy.
    expect(converse?.action).toEqual(['bedrock:Converse*']);
    expect(converse?.span.line).toBe(69);
    expect(fragment.roles[0]?.unresolvedPolicies).toEqual([
      { arn: 'arn:aws:iam::aws:policy/AmazonBedrockReadOnly', reason: 'unknown-aws-managed-policy' },
    ]);
  });

  it('knows the account when the options give it, and the pseudo parameters are then no unknowns', () => {
    const known = read('yaml-short-forms', { region: 'eu-west-1', accountId: '111122223333' });
    const [invoke] = statementsOf(known, 'WorkerRole').sort((a, b) => a.span.line - b.span.line);
    expect(invoke?.resource).toEqual([
      'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0',
    ]);
    expect(invoke?.unknowns).toBeUndefined();
  });

  it('takes parameter values from the options over Defaults', () => {
    const prod = read('yaml-short-forms', { region: 'us-east-1', parameters: { Environment: 'prod' } });
    expect(prod.roles.map((role) => role.address)).toEqual(['WorkerRole', 'ProdOnlyRole']);
    const [invoke] = statementsOf(prod, 'WorkerRole').sort((a, b) => a.span.line - b.span.line);
    expect(invoke?.action).toEqual(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
  });

  it('lists every unknown with what it affects; a boundary that depends on one is unresolved, not dropped', () => {
    expect(fragment.unknowns.map((u) => [u.affects, u.expression, u.reason, u.span.line])).toEqual([
      ['WorkerRole', '!Ref AWS::AccountId', 'variable-without-default', 50],
      ['WorkerRole', '!ImportValue AllowedRegion', 'import-value', 58],
      ['InvokePolicy', '${AWS::AccountId}', 'variable-without-default', 71],
      ['GeneratedRole', 'RoleName (generated by CloudFormation)', 'computed-attribute', 72],
      ['GeneratedRole', '!If [HasBoundary, !Ref SharedBoundaryArn, !Ref AWS::NoValue]', 'variable-without-default', 77],
      [
        'GeneratedRole',
        "!If - HasBoundary - PolicyName: extra PolicyDocument: Statement: [{ Effect: Allow, Action: 'bedrock:*', Resource: '*' }] - !Ref AWS::NoValue",
        'variable-without-default',
        79,
      ],
    ]);
    // An inline policy that exists only if an undecided condition holds is neither granted nor dropped.
    expect(fragment.roles[1]?.policies).toEqual([]);
    expect(fragment.roles[1]?.unresolvedPolicies).toEqual([
      {
        arn: "!If - HasBoundary - PolicyName: extra PolicyDocument: Statement: [{ Effect: Allow, Action: 'bedrock:*', Resource: '*' }] - !Ref AWS::NoValue",
        reason: 'missing-customer-managed-policy',
      },
    ]);
    expect(fragment.roles[1]?.permissionsBoundary).toEqual({
      arn: '!If [HasBoundary, !Ref SharedBoundaryArn, !Ref AWS::NoValue]',
      reason: 'missing-customer-managed-policy',
    });
    expect(fragment.managedPolicies.map((policy) => policy.name)).toEqual(['bedrock-invoke']);
  });
});

describe('readCloudFormation: JSON with nested intrinsics', () => {
  const fragment = read('json-nested', { region: 'us-east-1' });

  it('reads users, groups, memberships and policies of every kind', () => {
    expect(fragment.issues.map((issue) => [issue.line, issue.severity, issue.code])).toEqual([
      [63, 'warning', 'cloudformation-outside-principal'],
    ]);
    const [user] = fragment.users;
    // The group outside the template is kept by name (its policies are not known here) and warned about.
    expect(user).toMatchObject({ address: 'AppUser', name: 'app-user', groups: ['bedrock-readers', 'outside-group'] });
    expect(user?.declaredAt.line).toBe(8);
    // A tag whose value is unknown is not invented.
    expect(user?.tags).toEqual({});
    expect(fragment.groups.map((group) => [group.address, group.name])).toEqual([['Readers', 'bedrock-readers']]);
  });

  it('resolves Sub with a variable map, Select over a list parameter and Join over Split', () => {
    const statements = statementsOf(fragment, 'Readers');
    expect(statements.map((s) => [s.span.line, s.resource?.[0]])).toEqual([
      [28, 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0'],
      [41, 'arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-lite-v1'],
    ]);
    expect(statements[1]?.unknowns?.map((u) => [u.expression, u.reason, u.span.line])).toEqual([
      ['${TeamName}', 'variable-without-default', 47],
    ]);
  });

  it('reads a policy document given as a JSON string, at the line of the string', () => {
    const [deny] = statementsOf(fragment, 'AppUser');
    expect(deny).toMatchObject({ effect: 'Deny', action: ['bedrock:InvokeModelWithResponseStream'] });
    expect(deny?.span.line).toBe(58);
  });
});

describe('readCloudFormation: SCPs with TargetIds', () => {
  const fragment = read('scp-targets');
  const file = `${FIXTURES}/scp-targets/organization.yaml`;

  it('reads service control policies only, with each target by address, id or expression', () => {
    expect(fragment.issues).toEqual([]);
    expect(fragment.scps.map((scp) => [scp.address, scp.policy.name, scp.policy.type, scp.declaredAt.line])).toEqual([
      ['RegionGuard', 'region-guard', 'scp', 14],
      ['DenyStreaming', 'deny-streaming', 'scp', 35],
      ['BlockContent', 'block-content', 'scp', 49],
    ]);
    expect(fragment.scps[0]?.targets).toEqual([
      { kind: 'organizational-unit', address: 'Workloads', declaredAt: { file, line: 20, column: 11 } },
      { kind: 'account', address: 'MlAccount', declaredAt: { file, line: 21, column: 11 } },
      { kind: 'root', id: 'r-ab12', declaredAt: { file, line: 22, column: 11 } },
      { kind: 'account', id: '111122223333', declaredAt: { file, line: 23, column: 11 } },
      { kind: 'unknown', expression: '!ImportValue SandboxOuId', declaredAt: { file, line: 24, column: 11 } },
    ]);
    expect(fragment.scps[0]?.policy.statements[0]).toMatchObject({ sid: 'DenyOutsideUsEast1', span: { line: 28 } });
    // Content as a JSON string: the statement points at the string.
    expect(fragment.scps[1]?.policy.statements[0]?.span.line).toBe(41);
  });

  it('reads JSON in a literal block at the template lines it stands on', () => {
    const block = fragment.scps[2];
    expect(block?.address).toBe('BlockContent');
    expect(block?.targets).toEqual([
      { kind: 'organizational-unit', address: 'Workloads', declaredAt: { file, line: 54, column: 19 } },
    ]);
    const [statement] = block?.policy.statements ?? [];
    expect(statement?.span).toEqual({ file, line: 59, column: 13, endLine: 64, endColumn: 14 });
    expect(statement?.conditions[0]?.span).toMatchObject({ line: 63, column: 40 });
  });

  it('reads OUs and accounts with their parents', () => {
    expect(fragment.organizationNodes).toEqual([
      {
        kind: 'organizational-unit',
        address: 'Workloads',
        name: 'Workloads',
        parent: { id: 'r-ab12' },
        declaredAt: { file, line: 2, column: 3 },
      },
      {
        kind: 'account',
        address: 'MlAccount',
        name: 'ml',
        parent: { address: 'Workloads' },
        declaredAt: { file, line: 7, column: 3 },
      },
    ]);
  });
});

describe('readCloudFormation: CDK cloud assembly', () => {
  const fragment = read('cdk-app', { region: 'us-east-1' });

  it('reads the stacks the manifest lists, addressed by construct path, in the stack environment', () => {
    expect(fragment.format).toBe('cdk');
    expect(fragment.issues).toEqual([]);
    expect(fragment.roles.map((role) => [role.address, role.nameUnknown, role.declaredAt.line])).toEqual([
      ['InferenceStack/InvokerRole', true, 3],
    ]);
    const [statement] = statementsOf(fragment, 'InferenceStack/InvokerRole');
    // Account and Region from the manifest's environment, the stack name from its properties.
    expect(statement?.resource).toEqual([
      'arn:aws:bedrock:us-west-2:111122223333:inference-profile/inference-prod-profile',
    ]);
    expect(statement?.span).toMatchObject({
      file: `${FIXTURES}/cdk-app/cdk.out/InferenceStack.template.json`,
      line: 24,
    });
  });

  it('reports a template the manifest lists but the assembly lacks', () => {
    const files = filesOf('cdk-app').filter((file) => file.path.endsWith('manifest.json'));
    const result = readCloudFormation(files, {});
    expect(result.issues.map((issue) => [issue.file, issue.line, issue.severity])).toEqual([
      [`${FIXTURES}/cdk-app/cdk.out/manifest.json`, 11, 'error'],
    ]);
  });
});

describe('readCloudFormation: bad templates', () => {
  it('reports an unknown tag at its line, never throwing', () => {
    expect(read('bad-yaml').issues).toEqual([
      {
        severity: 'error',
        file: `${FIXTURES}/bad-yaml/template.yaml`,
        line: 5,
        column: 17,
        code: 'cloudformation-tag',
        message: 'unknown tag "!Reff": CloudFormation defines no such function',
      },
    ]);
  });

  it.each([
    ['not a template', 'a.yaml', 'Description: nothing\n', 1],
    ['YAML syntax', 'b.yaml', 'Resources:\n  A: [\n', 3],
    ['JSON syntax', 'c.json', '{"Resources": {,}}', 1],
    ['an alias', 'd.yaml', 'Resources:\n  A: &x\n    Type: AWS::IAM::Role\n  B: *x\n', 4],
  ])('%s is one error at its line', (_name, path, text, line) => {
    const { issues } = readCloudFormation([{ path, text }], {});
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', file: path, line });
  });
});

describe('readCloudFormation: resources whose creation deployment decides', () => {
  const text = `Parameters:
  Stage: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Dev:
    Type: AWS::IAM::User
    Properties: { UserName: dev }
  Readers:
    Type: AWS::IAM::Group
    Properties: { GroupName: readers }
  Membership:
    Type: AWS::IAM::UserToGroupAddition
    Condition: IsProd
    Properties: { GroupName: !Ref Readers, Users: [!Ref Dev] }
  Grant:
    Type: AWS::IAM::Policy
    Condition: IsProd
    Properties:
      PolicyName: grant
      Users: [!Ref Dev]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: 'bedrock:*', Resource: '*' }] }
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Condition: IsProd
    Properties:
      Users: [!Ref Dev]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: 'bedrock:*', Resource: '*' }] }
`;
  const fragment = readCloudFormation([{ path: 't.yaml', text }], {});

  it('neither grants nor drops what they attach: the principal is incomplete', () => {
    const [dev] = fragment.users;
    expect(dev?.policies).toEqual([]);
    expect(dev?.groups).toEqual([]);
    expect(dev?.unresolvedPolicies).toEqual([
      { arn: 'readers', reason: 'missing-group' },
      { arn: 'Grant', reason: 'missing-customer-managed-policy' },
      { arn: 'Managed', reason: 'missing-customer-managed-policy' },
    ]);
    expect(fragment.managedPolicies).toHaveLength(1);
  });

  it('warns once per resource at its Condition', () => {
    expect(fragment.issues.map((issue) => [issue.line, issue.code])).toEqual([
      [14, 'cloudformation-condition'],
      [18, 'cloudformation-condition'],
      [25, 'cloudformation-condition'],
    ]);
    expect(fragment.unknowns.map((u) => [u.affects, u.expression, u.span.line])).toEqual([
      ['Membership', 'Membership (Condition IsProd)', 14],
      ['Grant', 'Grant (Condition IsProd)', 18],
      ['Managed', 'Managed (Condition IsProd)', 25],
    ]);
  });
});
