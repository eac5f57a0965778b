// Terraform plan JSON (`terraform show -json plan.out`): planned values, after_unknown and the configuration's
// references, each resource at its .tf line. Format: https://developer.hashicorp.com/terraform/internals/json-format
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Policy } from '../../../../src/model/index.js';
import {
  isTerraformPlan,
  plannedRootDirs,
  readTerraformPlans,
} from '../../../../src/sources/iac/terraform/read-plan.js';
import { hclParser } from '../../../../src/sources/iac/terraform/hcl-wasm.js';
import { filesOf } from './fixture-files.js';

const files = filesOf(join('test/fixtures/iac/terraform', 'plan'));
const plans = files.filter((file) => file.path === 'plan.json');
const configuration = files.filter((file) => file.path.endsWith('.tf'));
const lines = (policy: Policy) => policy.statements.map((s) => `${s.span.file}:${s.span.line}`);

describe('readTerraformPlans', async () => {
  const fragment = await readTerraformPlans(plans, configuration);

  it('recognises a plan by its content, not its name', () => {
    expect(isTerraformPlan(plans[0]!.text)).toBe(true);
    expect(isTerraformPlan(files.find((file) => file.path === 'trust.json')!.text)).toBe(false);
    expect(isTerraformPlan('{"format_version": "1.2", "values": {}}')).toBe(false);
  });

  it('reads every planned principal of the root and child modules, at its .tf block, else at its plan line', () => {
    expect(fragment.format).toBe('terraform-plan');
    expect(
      fragment.roles.map((role) => [role.address, role.name, `${role.declaredAt.file}:${role.declaredAt.line}`]),
    ).toEqual([
      ['aws_iam_role.app', 'app-prod', 'main.tf:7'],
      ['aws_iam_role.ci', 'aws_iam_role.ci', 'main.tf:29'],
      // A registry module: no .tf in the repository, so the resource's line in the plan.
      ['module.shared.aws_iam_role.this[0]', 'shared-bedrock', 'plan.json:198'],
      ['module.worker["batch"].aws_iam_role.this', 'worker-batch', 'modules/worker/main.tf:5'],
      ['module.worker["rt"].aws_iam_role.this', 'worker-rt', 'modules/worker/main.tf:5'],
    ]);
    expect(fragment.issues).toEqual([]);
  });

  it('attaches a policy whose ARN is known only after apply through the reference the configuration writes', () => {
    const app = fragment.roles.find((role) => role.address === 'aws_iam_role.app')!;
    const invoke = app.policies.find((policy) => policy.name === 'invoke-prod')!;
    expect(invoke.statements[0]).toMatchObject({
      action: ['bedrock:InvokeModel'],
      resource: ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0'],
    });
    // A policy string of the plan: its statement stands where jsonencode writes it in the .tf.
    expect(lines(invoke)).toEqual(['main.tf:16']);
    // An inline policy whose role is the role's computed id still lands on that role.
    const ci = fragment.roles.find((role) => role.address === 'aws_iam_role.ci')!;
    expect(ci.policies.map((policy) => policy.name)).toEqual(['invoke-any']);
  });

  it('never invents what after_unknown marks: a policy known only after apply stays unresolved, with its expression', () => {
    const app = fragment.roles.find((role) => role.address === 'aws_iam_role.app')!;
    expect(app.unresolvedPolicies).toEqual([
      { arn: 'aws_iam_role_policy.app_custom', reason: 'missing-customer-managed-policy' },
    ]);
    expect(fragment.unknowns.map((u) => [u.affects, u.expression, u.reason, `${u.span.file}:${u.span.line}`])).toEqual([
      ['aws_iam_role.ci', 'name_prefix', 'computed-attribute', 'main.tf:29'],
      ['aws_iam_role.app', 'aws_bedrock_custom_model.tuned.custom_model_arn', 'plan-after-unknown', 'main.tf:47'],
    ]);
  });

  it('reads nested blocks and AWS managed policies of the plan', () => {
    const worker = fragment.roles.find((role) => role.address === 'module.worker["rt"].aws_iam_role.this')!;
    expect(worker.policies.map((policy) => [policy.name, policy.statements[0]!.resource])).toEqual([
      ['invoke', ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0']],
    ]);
    expect(lines(worker.policies[0]!)).toEqual(['modules/worker/main.tf:13']);
    const shared = fragment.roles.find((role) => role.address === 'module.shared.aws_iam_role.this[0]')!;
    expect(shared.policies.map((policy) => policy.arn)).toEqual(['arn:aws:iam::aws:policy/AmazonBedrockFullAccess']);
  });

  it('points every resource at the plan when the repository has no configuration files', async () => {
    const alone = await readTerraformPlans(plans, []);
    expect(alone.roles.map((role) => `${role.declaredAt.file}:${role.declaredAt.line}`)).toEqual([
      'plan.json:59',
      'plan.json:78',
      'plan.json:198',
      'plan.json:138',
      'plan.json:168',
    ]);
  });

  // `terraform show -json` records no directory for the root module: a plan that CI writes elsewhere is matched to the
  // one folder that declares every resource and module call of its root configuration.
  it('finds the root module of a plan written to another folder; the HCL reader then leaves that folder out', async () => {
    const moved = plans.map((plan) => ({ ...plan, path: 'artifacts/tf/plan.json' }));
    const elsewhere = await readTerraformPlans(moved, configuration);
    expect(elsewhere.roles.map((role) => `${role.declaredAt.file}:${role.declaredAt.line}`)).toEqual([
      'main.tf:7',
      'main.tf:29',
      'artifacts/tf/plan.json:198',
      'modules/worker/main.tf:5',
      'modules/worker/main.tf:5',
    ]);
    expect(await plannedRootDirs(moved, configuration)).toEqual(['']);
    expect(await plannedRootDirs(plans, configuration)).toEqual(['']);
  });

  it('guesses no root module when two folders could be it: resources stay at their plan lines', async () => {
    const moved = plans.map((plan) => ({ ...plan, path: 'artifacts/plan.json' }));
    const copy = configuration
      .filter((file) => file.path === 'main.tf')
      .map((file) => ({ ...file, path: 'staging/main.tf' }));
    const twice = await readTerraformPlans(moved, [...configuration, ...copy]);
    expect(twice.roles.map((role) => role.declaredAt.file)).toEqual(Array(5).fill('artifacts/plan.json'));
    expect(await plannedRootDirs(moved, [...configuration, ...copy])).toEqual(['artifacts']);
  });

  it('rejects a plan of another major format version at its line', async () => {
    const other = await readTerraformPlans(
      [{ path: 'infra/plan.json', text: '{\n  "format_version": "2.0",\n  "planned_values": {}\n}' }],
      [],
    );
    expect(other.issues).toEqual([
      expect.objectContaining({ severity: 'error', file: 'infra/plan.json', line: 2, code: 'plan-format-version' }),
    ]);
  });
});

// Issue 10: the plan renders a policy as one JSON string; each statement is mapped back to where the .tf writes it
// (jsonencode's Statement items, an aws_iam_policy_document's statement blocks), else it keeps the attribute's line.
describe('readTerraformPlans: statements at their .tf lines', async () => {
  const statement = (sid: string, action: string) => ({
    Sid: sid,
    Effect: 'Allow',
    Action: action,
    Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
  });
  const rendered = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const two = rendered(
    statement('Invoke', 'bedrock:InvokeModel'),
    statement('Stream', 'bedrock:InvokeModelWithResponseStream'),
  );
  const policies = ['encoded', 'document', 'merged', 'elsewhere'];
  const resource = (name: string) => ({
    address: `aws_iam_policy.${name}`,
    mode: 'managed',
    type: 'aws_iam_policy',
    name,
    values: { name, policy: two },
  });
  const plan = {
    format_version: '1.2',
    planned_values: { root_module: { resources: policies.map(resource) } },
    resource_changes: [],
    configuration: {
      root_module: {
        resources: policies.map((name) => ({
          address: `aws_iam_policy.${name}`,
          mode: 'managed',
          type: 'aws_iam_policy',
          name,
          expressions: { name: { constant_value: name }, policy: {} },
        })),
      },
    },
  };
  const tf = [
    'resource "aws_iam_policy" "encoded" {', // 1
    '  name = "encoded"',
    '  policy = jsonencode({',
    '    Version = "2012-10-17"',
    '    Statement = [', // 5
    '      {',
    '        Sid = "Invoke"',
    '        Effect = "Allow"',
    '        Action = "bedrock:InvokeModel"',
    '        Resource = "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"', // 10
    '      },',
    '      {',
    '        Sid = "Stream"',
    '        Effect = "Allow"',
    '        Action = "bedrock:InvokeModelWithResponseStream"', // 15
    '        Resource = "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"',
    '      },',
    '    ]',
    '  })',
    '}', // 20
    '',
    'resource "aws_iam_policy" "document" {',
    '  name   = "document"',
    '  policy = data.aws_iam_policy_document.two.json',
    '}', // 25
    '',
    'resource "aws_iam_policy" "merged" {',
    '  name   = "merged"',
    '  policy = data.aws_iam_policy_document.merged.json',
    '}', // 30
    '',
    'resource "aws_iam_policy" "elsewhere" {',
    '  name   = "elsewhere"',
    '  policy = var.document',
    '}', // 35
    '',
    'variable "document" {',
    '  type = string',
    '}',
  ].join('\n');
  const documents = [
    'data "aws_iam_policy_document" "two" {', // 1
    '  statement {',
    '    sid       = "Invoke"',
    '    actions   = ["bedrock:InvokeModel"]',
    '    resources = ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"]', // 5
    '  }',
    '',
    '  statement {',
    '    sid       = "Stream"',
    '    actions   = ["bedrock:InvokeModelWithResponseStream"]', // 10
    '    resources = ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"]',
    '  }',
    '}',
    '',
    'data "aws_iam_policy_document" "merged" {', // 15
    '  source_policy_documents = [data.aws_iam_policy_document.two.json]',
    '  statement {',
    '    sid     = "Stream"',
    '    actions = ["bedrock:InvokeModelWithResponseStream"]',
    '    resources = ["*"]', // 20
    '  }',
    '}',
  ].join('\n');
  const fragment = await readTerraformPlans(
    [{ path: 'infra/plan.json', text: JSON.stringify(plan, null, 2) }],
    [
      { path: 'infra/main.tf', text: tf },
      { path: 'infra/documents.tf', text: documents },
    ],
  );
  const byName = (name: string) => fragment.managedPolicies.find((policy) => policy.name === name)!;

  it('jsonencode: each statement at its item of Statement', () => {
    expect(fragment.issues).toEqual([]);
    expect(lines(byName('encoded'))).toEqual(['infra/main.tf:6', 'infra/main.tf:12']);
  });

  it('an aws_iam_policy_document of statement blocks: each statement at its block, in its file', () => {
    expect(lines(byName('document'))).toEqual(['infra/documents.tf:2', 'infra/documents.tf:8']);
  });

  it('a document that merges others, or an expression the .tf does not spell out: the attribute line', () => {
    expect(lines(byName('merged'))).toEqual(['infra/main.tf:29', 'infra/main.tf:29']);
    expect(lines(byName('elsewhere'))).toEqual(['infra/main.tf:34', 'infra/main.tf:34']);
  });
});

describe('plannedRootDirs and readTerraformPlans', () => {
  it('parse each configuration file once between them (the files as the repository loader hands them over)', async () => {
    const parser = await hclParser();
    const parse = vi.spyOn(parser, 'parse');
    try {
      // New objects: what the tests above parsed is kept with their file objects.
      const fresh = configuration.map((file) => ({ ...file }));
      await plannedRootDirs(plans, fresh);
      await readTerraformPlans(plans, fresh);
      const parsedFiles = parse.mock.calls.map(([, file]) => file).sort();
      expect(parsedFiles).toEqual(fresh.map((file) => file.path).sort());
    } finally {
      parse.mockRestore();
    }
  });
});
