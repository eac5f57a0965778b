// The Terraform reader on JSON syntax (https://developer.hashicorp.com/terraform/language/syntax/json) and on
// modules repeated with count / for_each (https://developer.hashicorp.com/terraform/language/meta-arguments/for_each).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../../src/model/index.js';
import { readTerraform } from '../../../../src/sources/iac/terraform/read-terraform.js';
import { filesOf } from './fixture-files.js';

const FIXTURES = 'test/fixtures/iac/terraform';
const lines = (policy: Policy) => policy.statements.map((s) => `${s.span.file}:${s.span.line}`);

describe('readTerraform: .tf.json', async () => {
  const fragment = await readTerraform(filesOf(join(FIXTURES, 'tf-json')));

  it('reads resources, data sources, locals and variables as the native syntax, at their JSON lines', () => {
    expect(fragment.issues).toEqual([]);
    expect(fragment.roles.map((role) => [role.address, role.name, role.declaredAt.line])).toEqual([
      ['aws_iam_role.app', 'bedrock-prod-app', 26],
      ['aws_iam_role.ci', 'aws_iam_role.ci', 33],
    ]);
    const app = fragment.roles[0]!;
    const stream = app.policies.find((policy) => policy.name === 'stream')!;
    expect(lines(stream)).toEqual(['main.tf.json:30']);
    expect(stream.statements[0]!.action).toEqual(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
    // The policy document's for-expression over a variable default, attached through the policy's ARN.
    const invoke = app.policies.find((policy) => policy.name === 'bedrock-prod-invoke')!;
    expect(lines(invoke)).toEqual(['main.tf.json:15']);
    expect(invoke.statements[0]!.resource).toEqual([
      'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
      'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
    ]);
  });

  it('keeps a variable without a default unknown, at the string that uses it', () => {
    expect(fragment.unknowns.map((u) => [u.affects, u.expression, u.reason, u.span.line])).toEqual([
      ['aws_iam_role.ci', 'var.ci_account', 'variable-without-default', 34],
    ]);
  });
});

describe('readTerraform: modules with count and for_each', async () => {
  const fragment = await readTerraform(filesOf(join(FIXTURES, 'module-for-each')));

  it('makes one instance per key or index, each.key / each.value / count.index inside', () => {
    expect(fragment.roles.map((role) => [role.address, role.name])).toEqual([
      ['module.extra[*].aws_iam_role.this', 'module.extra[*].aws_iam_role.this'],
      ['module.shard[0].aws_iam_role.this', 'shard-0'],
      ['module.shard[1].aws_iam_role.this', 'shard-1'],
      ['module.team["chat"].aws_iam_role.this', 'team-chat'],
      ['module.team["search"].aws_iam_role.this', 'team-search'],
    ]);
    const chat = fragment.roles.find((role) => role.name === 'team-chat')!;
    expect(chat.declaredAt).toMatchObject({ file: 'modules/team/main.tf', line: 9 });
    expect(chat.policies[0]!.statements[0]!.resource).toEqual([
      'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
    ]);
  });

  it("resolves an instance's output by its key", () => {
    const search = fragment.roles.find((role) => role.name === 'team-search')!;
    expect(search.policies.map((policy) => `${policy.name}@${lines(policy).join(',')}`)).toEqual([
      'stream@main.tf:39',
      'invoke@modules/team/main.tf:18',
    ]);
  });

  it('keeps a module whose count is unknown as one instance standing for all, never dropped', () => {
    const extra = fragment.roles.find((role) => role.address.startsWith('module.extra'))!;
    expect(extra.nameUnknown).toBe(true);
    expect(extra.policies[0]!.statements[0]!.resource).toEqual([
      'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
    ]);
    expect(fragment.unknowns.map((u) => [u.affects, u.expression, u.reason, `${u.span.file}:${u.span.line}`])).toEqual([
      ['module.extra[*]', 'var.extra_teams', 'variable-without-default', 'main.tf:29'],
      ['module.extra[*].aws_iam_role.this', 'count.index', 'variable-without-default', 'main.tf:30'],
    ]);
  });
});
