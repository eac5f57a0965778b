import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../src/engine/evaluate.js';
import { isUnresolvedPolicy, makeContext, type IacFragment, type Policy } from '../../../../src/model/index.js';
import { readTerraform } from '../../../../src/sources/iac/terraform/read-terraform.js';
import { filesOf } from './fixture-files.js';

const FIXTURES = 'test/fixtures/iac/terraform';

const lines = (policy: Policy) => policy.statements.map((s) => `${s.span.file}:${s.span.line}`);
const byName = (policies: readonly Policy[], name: string) => policies.find((p) => p.name === name)!;

describe('readTerraform: basic (jsonencode, heredoc, policy document, file(), AWS managed ARN, boundary)', async () => {
  const fragment = await readTerraform(filesOf(join(FIXTURES, 'basic')));
  const role = fragment.roles[0]!;

  it('reads the role with its name, path, tags and line', () => {
    expect(fragment.roles.map((r) => r.address)).toEqual(['aws_iam_role.app']);
    expect(role).toMatchObject({ name: 'app-role', path: '/apps/', tags: { team: 'ml' }, serviceLinked: false });
    expect(role.declaredAt).toMatchObject({ file: 'main.tf', line: 11 });
    // The account is not known without configuration: the ARN says where it goes.
    expect(role.arn).toBe('arn:aws:iam::{account}:role/apps/app-role');
    expect(fragment.issues).toEqual([]);
  });

  it('puts each statement of an inline jsonencode policy at its line, locals and variable defaults evaluated', () => {
    const invoke = byName(role.policies, 'invoke');
    expect(invoke.file).toBe('main.tf');
    expect(lines(invoke)).toEqual(['main.tf:25', 'main.tf:30']);
    expect(invoke.statements[0]!.resource).toEqual([
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    ]);
    const unknown = invoke.statements[1]!.unknowns![0]!;
    expect(unknown).toMatchObject({
      expression: 'aws_bedrock_custom_model.tuned.custom_model_arn',
      reason: 'computed-attribute',
      span: { file: 'main.tf', line: 33 },
    });
    expect(invoke.statements[1]!.resource).toEqual([unknown.placeholder]);
  });

  it('reads a policy document data source, the condition value without a default unknown', () => {
    const deny = byName(role.policies, 'deny-team');
    expect(lines(deny)).toEqual(['main.tf:57']);
    const statement = deny.statements[0]!;
    expect(statement).toMatchObject({
      sid: 'DenyOthers',
      effect: 'Deny',
      action: ['bedrock:InvokeModel'],
      resource: ['*'],
    });
    expect(statement.conditions[0]).toMatchObject({ operator: 'StringNotEquals', key: 'aws:PrincipalTag/team' });
    expect(statement.unknowns?.[0]).toMatchObject({ expression: 'var.team', reason: 'variable-without-default' });
    expect(statement.unknowns?.[0]?.span.line).toBe(65);
  });

  it('points statements of file() at the JSON file, heredoc statements at the .tf line', () => {
    expect(lines(byName(role.policies, 'from-file'))).toEqual(['policies/invoke.json:4']);
    const boundary = role.permissionsBoundary!;
    expect(isUnresolvedPolicy(boundary)).toBe(false);
    expect((boundary as Policy).type).toBe('permissions-boundary');
    expect(lines(boundary as Policy)).toEqual(['main.tf:46']);
    expect(fragment.managedPolicies.map((p) => p.name)).toEqual(['boundary', 'from-file']);
  });

  it('resolves an AWS managed policy ARN from the shipped extract', () => {
    const readOnly = byName(role.policies, 'ReadOnlyAccess');
    expect(readOnly.arn).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(role.unresolvedPolicies).toEqual([]);
  });

  it('lists every unknown with what it affects', () => {
    expect(fragment.unknowns.map((u) => [u.affects, u.expression, u.span.line])).toEqual([
      ['aws_iam_role.app', 'aws_bedrock_custom_model.tuned.custom_model_arn', 33],
      ['aws_iam_role.app', 'var.team', 65],
    ]);
  });

  it('the engine neither allows nor denies on the unknown team: conditional', () => {
    const identity = role.policies.filter((p) => p.name !== 'ReadOnlyAccess');
    const decision = evaluate(
      { identity, permissionsBoundary: role.permissionsBoundary as Policy },
      {
        action: 'bedrock:InvokeModel',
        resource: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
        context: makeContext([['aws:PrincipalTag/team', ['ml']]], { otherKeys: 'absent' }),
      },
    );
    expect(decision.decision).toBe('conditional');
    expect(decision.statements.flatMap((s) => s.undecided ?? []).join(' ')).toContain('var.team (main.tf:65)');
  });
});

describe('readTerraform: modules, tfvars, count/for_each, groups, SCPs on an OU', async () => {
  const files = filesOf(join(FIXTURES, 'modules-scp'));
  const fragment: IacFragment = await readTerraform(files, { tfvars: ['prod.tfvars'] });

  it('addresses count and for_each instances as Terraform does', () => {
    expect(fragment.roles.map((r) => [r.address, r.name, r.declaredAt.line])).toEqual([
      ['aws_iam_role.reader[0]', 'reader-0', 19],
      ['aws_iam_role.reader[1]', 'reader-1', 19],
      ['module.worker.aws_iam_role.this', 'worker-prod', 7],
    ]);
    expect(fragment.users.map((u) => [u.address, u.name, u.groups])).toEqual([
      ['aws_iam_user.people["ana"]', 'ana', ['ml']],
      ['aws_iam_user.people["bo"]', 'bo', []],
    ]);
  });

  it('reads a local module with its inputs, and templatefile() at the template lines', () => {
    const worker = fragment.roles.find((r) => r.address === 'module.worker.aws_iam_role.this')!;
    expect(worker.declaredAt.file).toBe('modules/worker/main.tf');
    const invoke = worker.policies[0]!;
    expect(lines(invoke)).toEqual(['modules/worker/invoke.json.tpl:4']);
    expect(invoke.statements[0]!.resource).toEqual(['arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0']);
  });

  it('keeps an attachment from a remote module unresolved, with the expression and line', () => {
    const worker = fragment.roles.find((r) => r.address === 'module.worker.aws_iam_role.this')!;
    expect(worker.unresolvedPolicies).toEqual([
      { arn: 'module.remote.policy_arn', reason: 'missing-customer-managed-policy' },
    ]);
    expect(fragment.unknowns).toContainEqual(
      expect.objectContaining({
        affects: 'module.worker.aws_iam_role.this',
        expression: 'module.remote.policy_arn',
        reason: 'remote-module',
      }),
    );
    expect(fragment.unknowns.find((u) => u.expression === 'module.remote.policy_arn')?.span.line).toBe(54);
  });

  it('reads a group policy with a for expression over tfvars', () => {
    const group = fragment.groups[0]!;
    expect(group.address).toBe('aws_iam_group.ml');
    expect(lines(group.policies[0]!)).toEqual(['main.tf:44']);
    expect(group.policies[0]!.statements[0]!.resource).toEqual([
      'arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0',
    ]);
  });

  it('reads the SCP with its targets: an OU of the repository and a root by id', () => {
    expect(fragment.scps).toHaveLength(1);
    const scp = fragment.scps[0]!;
    expect(scp).toMatchObject({ address: 'aws_organizations_policy.regions', declaredAt: { line: 64 } });
    expect(scp.policy.type).toBe('scp');
    expect(lines(scp.policy)).toEqual(['main.tf:68']);
    expect(scp.targets.map((t) => [t.kind, t.address ?? t.id, t.declaredAt.line])).toEqual([
      ['organizational-unit', 'aws_organizations_organizational_unit.ml', 80],
      ['root', 'r-ab12', 85],
    ]);
    expect(fragment.organizationNodes.map((n) => [n.kind, n.address, n.parent?.address])).toEqual([
      ['root', 'aws_organizations_organization.org', undefined],
      ['organizational-unit', 'aws_organizations_organizational_unit.ml', 'aws_organizations_organization.org'],
    ]);
  });

  it('without the extra tfvars file the default holds', async () => {
    const dev = await readTerraform(files);
    expect(dev.roles.map((r) => r.name)).toContain('worker-dev');
  });
});

describe('readTerraform: single constructs', () => {
  const read = (text: string, options = {}) => readTerraform([{ path: 'main.tf', text }], options);

  it('merges source and override documents by sid, as the provider documents', async () => {
    const fragment = await read(`data "aws_iam_policy_document" "base" {
  statement {
    sid       = "A"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "B"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "override" {
  statement {
    sid       = "B"
    effect    = "Deny"
    actions   = ["bedrock:*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.override.json]
  statement {
    sid       = "A"
    actions   = ["bedrock:InvokeModel"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.merged.json
}
`);
    const policy = fragment.managedPolicies[0]!;
    expect(policy.statements.map((s) => [s.sid, s.effect, s.action, s.span.line])).toEqual([
      ['A', 'Allow', ['bedrock:InvokeModel'], 26],
      ['B', 'Deny', ['bedrock:*'], 15],
    ]);
  });

  it('a heredoc with an interpolation of an unknown value keeps the .tf lines and the placeholder', async () => {
    const fragment = await read(`resource "aws_iam_policy" "p" {
  name   = "p"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": "bedrock:InvokeModel",
        "Resource": "arn:aws:bedrock:\${var.region}::foundation-model/*"
      }]
    }
  EOT
}
`);
    const statement = fragment.managedPolicies[0]!.statements[0]!;
    expect(statement.span.line).toBe(6);
    expect(statement.resource).toEqual([`arn:aws:bedrock:${statement.unknowns![0]!.placeholder}::foundation-model/*`]);
    expect(statement.unknowns![0]).toMatchObject({ expression: 'var.region', reason: 'variable-without-default' });
  });

  it('an unknown count leaves one instance standing for all, and says so', async () => {
    const fragment = await read(`resource "aws_iam_role" "r" {
  count = length(data.aws_availability_zones.all.names)
  name  = "r"
}
`);
    expect(fragment.roles.map((r) => r.address)).toEqual(['aws_iam_role.r[*]']);
    expect(fragment.unknowns.map((u) => [u.affects, u.expression])).toEqual([
      ['aws_iam_role.r[*]', 'length(data.aws_availability_zones.all.names)'],
    ]);
  });

  it('a name_prefix leaves the name unknown; a role ARN is known once the account is', async () => {
    const fragment = await read(
      `resource "aws_iam_role" "a" {
  name_prefix = "app-"
}

resource "aws_iam_role" "b" {
  name = "b"
}

resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = aws_iam_role.b.arn }]
  })
}
`,
      { accountId: '111122223333' },
    );
    expect(fragment.roles.map((r) => [r.address, r.name, r.nameUnknown ?? false, r.arn])).toEqual([
      ['aws_iam_role.a', 'aws_iam_role.a', true, 'arn:aws:iam::111122223333:role/aws_iam_role.a'],
      ['aws_iam_role.b', 'b', false, 'arn:aws:iam::111122223333:role/b'],
    ]);
    expect(fragment.managedPolicies[0]!.statements[0]!.resource).toEqual(['arn:aws:iam::111122223333:role/b']);
  });

  it('applies every kind of attachment and membership to the principals they name', async () => {
    const fragment = await read(`resource "aws_iam_user" "u" {
  name = "u"
}

resource "aws_iam_group" "g" {
  name = "g"
}

resource "aws_iam_role" "r" {
  name = "r"
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "bedrock:*", Resource = "*" }] })
}

resource "aws_iam_user_group_membership" "m" {
  user   = aws_iam_user.u.name
  groups = [aws_iam_group.g.name]
}

resource "aws_iam_policy_attachment" "all" {
  name       = "all"
  users      = [aws_iam_user.u.name]
  roles      = ["r"]
  groups     = [aws_iam_group.g.name]
  policy_arn = aws_iam_policy.p.arn
}

resource "aws_iam_role_policy_attachments_exclusive" "r" {
  role_name   = aws_iam_role.r.name
  policy_arns = ["arn:aws:iam::aws:policy/NoSuchPolicyInTheExtract", "arn:aws:iam::123456789012:policy/elsewhere"]
}

resource "aws_iam_user_policy" "u" {
  user   = aws_iam_user.u.name
  policy = var.document
}
`);
    const user = fragment.users[0]!;
    expect(user.groups).toEqual(['g']);
    expect(user.policies.map((p) => p.name)).toEqual(['p']);
    // A whole document that is not known: the user's checks are incomplete, and the unknown says why.
    expect(user.unresolvedPolicies).toEqual([
      { arn: 'aws_iam_user_policy.u', reason: 'missing-customer-managed-policy' },
    ]);
    expect(fragment.unknowns).toContainEqual(
      expect.objectContaining({
        affects: 'aws_iam_user.u',
        expression: 'var.document',
        reason: 'variable-without-default',
      }),
    );
    expect(fragment.groups[0]!.policies.map((p) => p.name)).toEqual(['p']);
    const role = fragment.roles[0]!;
    expect(role.policies.map((p) => p.name)).toEqual(['p']);
    expect(role.unresolvedPolicies).toEqual([
      { arn: 'arn:aws:iam::aws:policy/NoSuchPolicyInTheExtract', reason: 'unknown-aws-managed-policy' },
      { arn: 'arn:aws:iam::123456789012:policy/elsewhere', reason: 'missing-customer-managed-policy' },
    ]);
  });

  it('an HCL syntax error is one issue with file and line', async () => {
    const fragment = await read('resource "aws_iam_role" "a" {\n  name = \n}\n');
    expect(fragment.issues).toHaveLength(1);
    expect(fragment.issues[0]).toMatchObject({ severity: 'error', file: 'main.tf', code: 'hcl-syntax' });
    expect(fragment.issues[0]!.line).toBeGreaterThanOrEqual(2);
  });
});
