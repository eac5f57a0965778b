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
