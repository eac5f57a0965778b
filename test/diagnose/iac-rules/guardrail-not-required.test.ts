// `requireGuardrail: true` in .policy-check.yml: a principal that can invoke a model without naming a guardrail is
// a finding at the Allow that lets it through. AWS's pattern that binds a grant to a guardrail (an Allow on
// bedrock:GuardrailIdentifier, a Deny unless it matches):
// https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html
import { describe, expect, it } from 'vitest';
import type { AccountRole, IacConfig, IacFragment, IacPrincipal, Policy } from '../../../src/model/index.js';
import type { GuardrailRef } from '../../../src/bedrock/index.js';
import { parseIacConfig } from '../../../src/parse/iac-config.js';
import { parsePolicyDocument } from '../../../src/parse/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';
import { runIacReport } from '../../helpers/iac-report.js';

const INVOKE_BOTH = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
const GUARDRAIL = 'arn:aws:bedrock:us-east-1:111122223333:guardrail/abcd1234efgh';

function policy(file: string, statements: object[]): Policy {
  const parsed = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), file, {
    type: 'identity',
    name: file,
  });
  if (!parsed.policy) throw new Error(JSON.stringify(parsed.issues));
  return parsed.policy;
}

function role(name: string, policies: Policy[]): IacPrincipal<AccountRole> {
  return {
    arn: '',
    name,
    path: '/',
    policies,
    unresolvedPolicies: [],
    tags: {},
    serviceLinked: false,
    address: `aws_iam_role.${name}`,
    declaredAt: { file: 'main.tf', line: 3, column: 1 },
  };
}

function run(roles: IacPrincipal<AccountRole>[], config: Partial<IacConfig>, call?: { guardrail: GuardrailRef }) {
  const fragments: IacFragment[] = [
    {
      format: 'terraform',
      users: [],
      groups: [],
      roles,
      managedPolicies: [],
      scps: [],
      organizationNodes: [],
      unknowns: [],
      issues: [],
    },
  ];
  return runIacReport(fragments, { account: '111122223333', ...config }, call ? { call } : {});
}

const unbound = () =>
  role('unbound', [
    policy('unbound.tf', [
      { Sid: 'Invoke', Effect: 'Allow', Action: INVOKE_BOTH, Resource: 'arn:aws:bedrock:*::foundation-model/*' },
    ]),
  ]);
const bound = () =>
  role('bound', [
    policy('bound.tf', [
      {
        Sid: 'Invoke',
        Effect: 'Allow',
        Action: INVOKE_BOTH,
        Resource: 'arn:aws:bedrock:*::foundation-model/*',
        Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': `${GUARDRAIL}:1` } },
      },
      {
        Sid: 'OnlyWithGuardrail',
        Effect: 'Deny',
        Action: INVOKE_BOTH,
        Resource: 'arn:aws:bedrock:*::foundation-model/*',
        Condition: { StringNotEquals: { 'bedrock:GuardrailIdentifier': `${GUARDRAIL}:1` } },
      },
      { Sid: 'Apply', Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: GUARDRAIL },
    ]),
  ]);

const guardrailFindings = (report: ReturnType<typeof run>) =>
  report.findings.filter((finding) => finding.rule === 'guardrail-not-required');

describe('guardrail-not-required', () => {
  it('reports the Allow of a principal that invokes without a guardrail, and not the one bound to a guardrail', () => {
    const report = run([unbound(), bound()], { requireGuardrail: true });
    expect(guardrailFindings(report).map((finding) => [finding.file, finding.line, finding.severity])).toEqual([
      ['unbound.tf', 4, 'error'],
    ]);
    expect(renderCliHints(guardrailFindings(report)[0]!).message).toContain('without a guardrail');
  });

  it('still checks the calls made without a guardrail when the config names the one the pipeline calls with', () => {
    const report = run(
      [unbound(), bound()],
      { requireGuardrail: true },
      { guardrail: { identifier: GUARDRAIL, version: '1' } },
    );
    expect(guardrailFindings(report).map((finding) => [finding.file, finding.line])).toEqual([['unbound.tf', 4]]);
    // The cells themselves are the pipeline's calls, with the guardrail: the bound role may make them, the unbound one
    // lacks bedrock:ApplyGuardrail on the guardrail.
    expect(report.cells.map((cell) => [cell.principal, cell.verdict])).toEqual([
      ['role/bound', 'allowed'],
      ['role/unbound', 'denied'],
    ]);
    expect(report.guardrail).toEqual({ identifier: GUARDRAIL, version: '1' });
  });

  it('runs only when the config asks for a guardrail', () => {
    expect(guardrailFindings(run([unbound()], {}))).toEqual([]);
  });

  it('.policy-check.yml reads requireGuardrail, and rejects a value that is not a boolean', () => {
    const read = parseIacConfig('requireGuardrail: true\n', '.policy-check.yml');
    expect(read.config?.requireGuardrail).toBe(true);
    const bad = parseIacConfig('requireGuardrail: yes please\n', '.policy-check.yml');
    expect(bad.config).toBeUndefined();
    expect(bad.issues.map((issue) => issue.line)).toEqual([1]);
  });
});
