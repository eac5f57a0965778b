// Terraform plan JSON (`terraform show -json plan.out`): planned values, after_unknown and the configuration's
// references, each resource at its .tf line. Format: https://developer.hashicorp.com/terraform/internals/json-format
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../../src/model/index.js';
import {
  isTerraformPlan,
  plannedRootDirs,
  readTerraformPlans,
} from '../../../../src/sources/iac/terraform/read-plan.js';
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
    // A policy string of the plan stands at the line its attribute is written.
    expect(lines(invoke)).toEqual(['main.tf:14']);
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
    expect(lines(worker.policies[0]!)).toEqual(['modules/worker/main.tf:11']);
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
