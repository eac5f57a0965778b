// `policy-check iac` with the Terraform and CloudFormation/CDK readers registered: the built binary reads
// the fixture repositories end to end and reports principals and findings at their .tf/.yaml lines.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, ROOT, runCli } from './helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'iac');

interface Report {
  files: string[];
  principals: { key: string; address: string; file: string; line: number }[];
  cells: { principal: string; model: string; verdict: string }[];
  findings: { rule: string; file: string; line: number }[];
}

function iac(directory: string): Report {
  const result = runCli(['iac', join(FIXTURES, directory), '--format', 'json']);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Report;
}

beforeAll(requireBuiltCli);

describe('policy-check iac on Terraform', () => {
  it('reads modules, count and for_each, with each principal at its .tf line', () => {
    const report = iac('terraform/modules-scp');
    expect(report.principals.map((principal) => [principal.address, principal.file, principal.line])).toEqual([
      ['aws_iam_role.reader[0]', 'main.tf', 19],
      ['aws_iam_role.reader[1]', 'main.tf', 19],
      ['module.worker.aws_iam_role.this', 'modules/worker/main.tf', 7],
      ['aws_iam_user.people["ana"]', 'main.tf', 24],
      ['aws_iam_user.people["bo"]', 'main.tf', 24],
    ]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'streaming-action', file: 'main.tf', line: 44 }),
    );
  });

  it('never allows a check that depends on a value known only after apply', () => {
    const report = iac('terraform/basic');
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'unknown-value', file: 'main.tf', line: 65 }),
    );
    expect(report.cells.map((cell) => cell.verdict)).not.toContain('allowed');
  });
});

describe('policy-check iac on CloudFormation and CDK output', () => {
  it('reads a YAML template with short-form intrinsics, unknowns at their lines', () => {
    const report = iac('cloudformation/yaml-short-forms');
    expect(report.principals.map((principal) => principal.address).sort()).toEqual(['GeneratedRole', 'WorkerRole']);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'unknown-value', file: 'template.yaml', line: 58 }),
    );
  });

  it('reads a CDK cloud assembly through its manifest, addressed by construct path', () => {
    const report = iac('cloudformation/cdk-app');
    expect(report.principals).toEqual([
      expect.objectContaining({ address: 'InferenceStack/InvokerRole', file: 'cdk.out/InferenceStack.template.json' }),
    ]);
  });
});

const at = (report: Report) =>
  report.principals.map((principal) => `${principal.address} ${principal.file}:${principal.line}`);
const findings = (report: Report) =>
  report.findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}`);

// Plan JSON: https://developer.hashicorp.com/terraform/internals/json-format
// JSON configuration syntax: https://developer.hashicorp.com/terraform/language/syntax/json
describe('policy-check iac on Terraform plan JSON, .tf.json and repeated modules', () => {
  it('reads a plan instead of the configuration beside it, each principal once at its .tf line', () => {
    const report = iac('terraform/plan');
    expect(at(report)).toEqual([
      'aws_iam_role.app main.tf:7',
      'aws_iam_role.ci main.tf:29',
      'module.shared.aws_iam_role.this[0] plan.json:198',
      'module.worker["batch"].aws_iam_role.this modules/worker/main.tf:5',
      'module.worker["rt"].aws_iam_role.this modules/worker/main.tf:5',
    ]);
    expect(findings(report)).toEqual(
      expect.arrayContaining([
        'unknown-value main.tf:29',
        'unknown-value main.tf:47',
        // The statement's line in the .tf (the plan renders the policy on one line).
        'streaming-action modules/worker/main.tf:13',
      ]),
    );
    // The role whose inline policy the plan knows only after apply is never allowed.
    const app = report.principals.find((principal) => principal.address === 'aws_iam_role.app')!;
    const verdicts = report.cells.filter((cell) => cell.principal === app.key).map((cell) => cell.verdict);
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts).not.toContain('allowed');
  });

  it('reads a .tf.json configuration with findings at its JSON lines', () => {
    const report = iac('terraform/tf-json');
    expect(at(report).sort()).toEqual(['aws_iam_role.app main.tf.json:26', 'aws_iam_role.ci main.tf.json:33']);
    expect(findings(report)).toEqual(
      expect.arrayContaining(['streaming-action main.tf.json:15', 'unknown-value main.tf.json:34']),
    );
  });

  it('reads module instances of for_each and count, and keeps the one of an unknown count', () => {
    const report = iac('terraform/module-for-each');
    expect(report.principals.map((principal) => principal.address).sort()).toEqual([
      'module.extra[*].aws_iam_role.this',
      'module.shard[0].aws_iam_role.this',
      'module.shard[1].aws_iam_role.this',
      'module.team["chat"].aws_iam_role.this',
      'module.team["search"].aws_iam_role.this',
    ]);
    expect(findings(report)).toEqual(
      expect.arrayContaining(['unknown-value main.tf:29', 'streaming-action modules/team/main.tf:18']),
    );
  });
});
