// The repository → accounts → matrix → IaC rules path with fragments built here, as the readers return
// them: what the repository does not say (the account, where an SCP is attached) makes a cell
// conditional, never allowed.
import { describe, expect, it } from 'vitest';
import { iacReport } from '../../../src/analysis/iac/iac-report.js';
import { normalizeActions, shippedCatalog } from '../../../src/bedrock/index.js';
import {
  EMPTY_IAC_CONFIG,
  type AccountRole,
  type IacConfig,
  type IacFragment,
  type IacOrganizationNode,
  type IacPrincipal,
  type IacScpTarget,
  type ModelIdUse,
  type Policy,
  type UnresolvedPolicy,
} from '../../../src/model/index.js';
import { parsePolicyDocument } from '../../../src/parse/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';
import { accountsFromFragments } from '../../../src/sources/iac/account-from-fragments.js';
import { matchesGlob } from '../../../src/sources/iac/discover.js';
import { runIacReport } from '../../helpers/iac-report.js';

const MODEL = 'amazon.nova-pro-v1:0';
const NOVA = `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`;
const INVOKE_BOTH = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

function policy(file: string, statements: object[], type: Policy['type'] = 'identity'): Policy {
  const parsed = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), file, {
    type,
    name: file,
  });
  if (!parsed.policy) throw new Error(JSON.stringify(parsed.issues));
  return parsed.policy;
}

function role(
  name: string,
  policies: Policy[],
  unresolvedPolicies: UnresolvedPolicy[] = [],
): IacPrincipal<AccountRole> {
  return {
    arn: '',
    name,
    path: '/',
    policies,
    unresolvedPolicies,
    tags: {},
    serviceLinked: false,
    address: `aws_iam_role.${name}`,
    declaredAt: { file: 'main.tf', line: 3, column: 1 },
  };
}

function fragment(parts: Partial<IacFragment>): IacFragment {
  return {
    format: 'terraform',
    users: [],
    groups: [],
    roles: [],
    managedPolicies: [],
    scps: [],
    organizationNodes: [],
    unknowns: [],
    issues: [],
    ...parts,
  };
}

const denyBedrockScp = (targets: IacScpTarget[]) => ({
  policy: policy('scps.tf', [{ Sid: 'NoBedrock', Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }], 'scp'),
  address: 'aws_organizations_policy.no_bedrock',
  declaredAt: { file: 'scps.tf', line: 1, column: 1 },
  targets,
});

function run(
  fragments: IacFragment[],
  config: Partial<IacConfig> = {},
  now = new Date('2026-06-01T00:00:00Z'),
  code?: { findings: []; modelIds: ModelIdUse[] },
) {
  return runIacReport(fragments, config, { now, ...(code ? { code } : {}) });
}

/** A role allowed Nova Pro only in account 111122223333: conditional while the config names no account. */
const scopedRole = () =>
  role('scoped', [
    policy('scoped.tf', [
      {
        Effect: 'Allow',
        Action: INVOKE_BOTH,
        Resource: NOVA,
        Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } },
      },
    ]),
  ]);
const app = () => role('app', [policy('app.tf', [{ Effect: 'Allow', Action: INVOKE_BOTH, Resource: NOVA }])]);
const ou: IacOrganizationNode = {
  kind: 'organizational-unit',
  address: 'aws_organizations_organizational_unit.prod',
  id: 'ou-abcd-11111111',
  parent: { id: 'r-abcd' },
  declaredAt: { file: 'org.tf', line: 1, column: 1 },
};

describe('iacReport: accounts from fragments', () => {
  it('allows what the policies allow when nothing depends on what the repository leaves open', () => {
    const report = run([fragment({ roles: [app()] })]);
    expect(report.cells.map((cell) => [cell.principal, cell.verdict])).toEqual([['role/app', 'allowed']]);
  });

  it('makes a decision that depends on the account conditional when the config does not name it', () => {
    const scoped = scopedRole();
    const open = run([fragment({ roles: [scoped] })]);
    expect(renderCliHints(open.cells[0])).toMatchObject({
      verdict: 'conditional',
      dependsOn: [expect.stringContaining('account')],
    });
    expect(run([fragment({ roles: [scoped] })], { account: '111122223333' }).cells[0]!.verdict).toBe('allowed');
    expect(run([fragment({ roles: [scoped] })], { account: '444455556666' }).cells[0]!.verdict).toBe('denied');
  });

  it('applies an SCP attached to the root', () => {
    const report = run([
      fragment({
        roles: [app()],
        scps: [denyBedrockScp([{ kind: 'root', declaredAt: { file: 'scps.tf', line: 9, column: 1 } }])],
      }),
    ]);
    expect(report.cells[0]!.verdict).toBe('denied');
    expect(report.cells[0]!.predictedError?.message).toContain('with an explicit deny in a service control policy');
  });

  it('applies an SCP attached to an OU conditionally when the repository cannot place the account, saying where', () => {
    const target: IacScpTarget = {
      kind: 'organizational-unit',
      address: ou.address,
      declaredAt: { file: 'scps.tf', line: 9, column: 1 },
    };
    const report = run([fragment({ roles: [app()], scps: [denyBedrockScp([target])], organizationNodes: [ou] })], {
      account: '111122223333',
    });
    expect(report.cells[0]!.verdict).toBe('conditional');
    expect(renderCliHints(report.cells[0]!.dependsOn ?? [])[0]).toContain(`if deployed to OU ${ou.address}`);
  });

  it('applies an SCP attached to the OU the config places the account under, and not one attached elsewhere', () => {
    const target: IacScpTarget = {
      kind: 'organizational-unit',
      id: 'ou-abcd-11111111',
      declaredAt: { file: 'scps.tf', line: 9, column: 1 },
    };
    const fragments = [fragment({ roles: [app()], scps: [denyBedrockScp([target])], organizationNodes: [ou] })];
    const under = run(fragments, { account: '111122223333', organization: { path: ['ou-abcd-11111111'] } });
    expect(under.cells[0]!.verdict).toBe('denied');
    const elsewhere = run(fragments, { account: '111122223333', organization: { path: ['ou-abcd-22222222'] } });
    expect(elsewhere.cells[0]!.verdict).toBe('allowed');
  });

  it('follows the account node of the repository to its OU', () => {
    const account: IacOrganizationNode = {
      kind: 'account',
      address: 'aws_organizations_account.workload',
      id: '111122223333',
      parent: { address: ou.address },
      declaredAt: { file: 'org.tf', line: 8, column: 1 },
    };
    const target: IacScpTarget = {
      kind: 'organizational-unit',
      address: ou.address,
      declaredAt: { file: 'scps.tf', line: 9, column: 1 },
    };
    const report = run(
      [fragment({ roles: [app()], scps: [denyBedrockScp([target])], organizationNodes: [ou, account] })],
      { account: '111122223333' },
    );
    expect(report.cells[0]!.verdict).toBe('denied');
  });

  it('resolves AWS managed policy ARNs from the dated extract; an unknown one makes the cell incomplete', () => {
    const managed = role(
      'managed',
      [],
      [{ arn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess', reason: 'unknown-aws-managed-policy' }],
    );
    expect(run([fragment({ roles: [managed] })], { account: '111122223333' }).cells[0]!.verdict).toBe('allowed');
    const unknown = role(
      'unknown',
      [],
      [{ arn: 'arn:aws:iam::aws:policy/NoSuchPolicyForTests', reason: 'unknown-aws-managed-policy' }],
    );
    expect(run([fragment({ roles: [unknown] })], { account: '111122223333' }).cells[0]!.verdict).toBe('incomplete');
  });

  it('resolves a customer managed policy ARN to the policy of that name the repository declares', () => {
    const attached = role(
      'attached',
      [],
      [{ arn: 'arn:aws:iam::111122223333:policy/invoke-nova', reason: 'missing-customer-managed-policy' }],
    );
    const declared = {
      ...policy('policies.tf', [{ Effect: 'Allow', Action: INVOKE_BOTH, Resource: NOVA }]),
      name: 'invoke-nova',
    };
    const report = run([fragment({ roles: [attached], managedPolicies: [declared] })], { account: '111122223333' });
    expect(report.cells[0]!.verdict).toBe('allowed');
  });
});

describe('iacReport: rules and suppressions', () => {
  const broad = () =>
    role('broad', [policy('broad.tf', [{ Sid: 'All', Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }])]);

  it('reports a grant of bedrock:* on * at its statement', () => {
    const report = run([fragment({ roles: [broad()] })]);
    expect(report.findings.map((finding) => [finding.rule, finding.file, finding.line])).toEqual([
      ['broad-grant', 'broad.tf', 4],
    ]);
  });

  it('hides a finding a live suppression names, and reports an expired suppression instead of applying it', () => {
    const span = { file: '.policy-check.yml', line: 2, column: 5 };
    const live = run([fragment({ roles: [broad()] })], {
      suppress: [{ rule: 'broad-grant', path: '*.tf', reason: 'legacy role', expires: '2026-06-01', span }],
    });
    expect(live.findings).toEqual([]);
    expect(live.suppressed.map((entry) => entry.finding.rule)).toEqual(['broad-grant']);
    const expired = run([fragment({ roles: [broad()] })], {
      suppress: [{ rule: 'broad-grant', path: '*.tf', reason: 'legacy role', expires: '2026-05-31', span }],
    });
    expect(expired.findings.map((finding) => [finding.rule, finding.file, finding.line])).toEqual([
      ['expired-suppression', '.policy-check.yml', 2],
      ['broad-grant', 'broad.tf', 4],
    ]);
    expect(expired.suppressed).toEqual([]);
  });

  it('reports an expectation whose principal matches nothing at the expectation', () => {
    const report = run([fragment({ roles: [app()] })], {
      expect: [
        {
          principal: 'aws_iam_role.ap',
          models: [MODEL],
          access: 'allowed',
          span: { file: '.policy-check.yml', line: 4, column: 5 },
        },
      ],
    });
    expect(report.findings).toMatchObject([{ rule: 'expectation', file: '.policy-check.yml', line: 4 }]);
    expect(report.fails).toBe(true);
  });

  it('matches expectations by address glob and reports the verdict at the principal', () => {
    const report = run(
      [
        fragment({
          roles: [app()],
          scps: [denyBedrockScp([{ kind: 'root', declaredAt: { file: 'scps.tf', line: 9, column: 1 } }])],
        }),
      ],
      {
        expect: [
          {
            principal: 'aws_iam_role.*',
            models: [MODEL],
            access: 'allowed',
            span: { file: '.policy-check.yml', line: 4, column: 5 },
          },
        ],
      },
    );
    const expectations = report.findings.filter((finding) => finding.rule === 'expectation');
    expect(expectations).toMatchObject([
      { rule: 'expectation', file: 'main.tf', line: 3, address: 'aws_iam_role.app' },
    ]);
    expect(renderCliHints(expectations[0]!).message).toContain('expected allowed, is denied: AccessDeniedException');
  });

  it('reports every unknown value at its line, as a note', () => {
    const report = run([
      fragment({
        roles: [app()],
        unknowns: [
          {
            placeholder: '\uffff0\uffff',
            expression: 'aws_s3_bucket.data.arn',
            reason: 'computed-attribute',
            span: { file: 'main.tf', line: 14, column: 20 },
            affects: 'aws_iam_role.app',
          },
        ],
      }),
    ]);
    expect(report.findings).toMatchObject([{ rule: 'unknown-value', severity: 'note', file: 'main.tf', line: 14 }]);
  });
});

describe('iacReport: inference profiles', () => {
  const PROFILE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const profileArn = `arn:aws:bedrock:us-east-1:111122223333:inference-profile/${PROFILE}`;
  const runProfile = (fragments: IacFragment[]) => {
    const config: IacConfig = { ...EMPTY_IAC_CONFIG, account: '111122223333' };
    const merged = accountsFromFragments(fragments, { config, region: 'us-east-1', root: '.' });
    const actions = normalizeActions([]);
    if (!actions.ok) throw new Error(actions.message);
    return iacReport({
      root: '.',
      config,
      accounts: merged.accounts,
      fragments,
      files: [],
      warnings: [],
      region: 'us-east-1',
      models: [PROFILE],
      actions: actions.actions,
      catalog: shippedCatalog(),
      now: new Date('2026-06-01T00:00:00Z'),
      toolVersion: '0.0.0',
      failOn: 'error',
      matchesPath: matchesGlob,
    }).report;
  };

  // https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html
  it('reports a profile granted without its destination models at the Allow of the profile', () => {
    const onlyProfile = role('profile', [
      policy('profile.tf', [{ Effect: 'Allow', Action: INVOKE_BOTH, Resource: profileArn }]),
    ]);
    const report = runProfile([fragment({ roles: [onlyProfile] })]);
    const found = report.findings.filter((finding) => finding.rule === 'profile-destinations');
    expect(found.map((finding) => [finding.file, finding.line])).toEqual([['profile.tf', 4]]);
    expect(renderCliHints(found[0]!).message).toContain('but not its model in us-east-1, us-east-2, us-west-2');
  });

  it('reports a Region-deny SCP that denies a destination Region, at the SCP statement', () => {
    const everything = role('everything', [
      policy('all.tf', [
        {
          Effect: 'Allow',
          Action: INVOKE_BOTH,
          Resource: [profileArn, 'arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0'],
        },
      ]),
    ]);
    const regions = {
      policy: policy(
        'scps.tf',
        [
          {
            Sid: 'OnlyUsEast1',
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
          },
        ],
        'scp',
      ),
      address: 'aws_organizations_policy.regions',
      declaredAt: { file: 'scps.tf', line: 1, column: 1 },
      targets: [{ kind: 'root' as const, declaredAt: { file: 'scps.tf', line: 20, column: 1 } }],
    };
    const report = runProfile([fragment({ roles: [everything], scps: [regions] })]);
    expect(report.cells[0]!.verdict).toBe('denied');
    const found = report.findings.filter((finding) => finding.rule === 'region-deny-scp');
    expect(found.map((finding) => [finding.file, finding.line])).toEqual([['scps.tf', 4]]);
    expect(renderCliHints(found[0]!).message).toMatch(/in us-east-2|in us-west-2/);
  });
});

describe('iacReport: model ids in code that code: maps to a principal', () => {
  it('checks them against the principal: denied is an error, conditional a warning, at the line of the id', () => {
    const scoped = scopedRole();
    const use = (id: string, file: string, line: number): ModelIdUse => ({ id, file, line, column: 9 });
    const report = run(
      [fragment({ roles: [scoped] })],
      {
        code: [
          { path: 'svc/**', principal: 'aws_iam_role.scoped', span: { file: '.policy-check.yml', line: 2, column: 5 } },
        ],
      },
      undefined,
      {
        findings: [],
        modelIds: [
          use(MODEL, 'svc/app.py', 7),
          use('amazon.nova-lite-v1:0', 'svc/app.py', 9),
          use('my-model', 'svc/app.py', 11),
          use('amazon.titan-text-express-v1', 'other/app.py', 3),
        ],
      },
    );
    // The id in mapped code joins the models; an id in other code, or one that names no model, does not.
    expect(report.models).toEqual([MODEL, 'amazon.nova-lite-v1:0']);
    expect(
      report.findings
        .filter((finding) => finding.rule === 'code-model-access')
        .map(renderCliHints)
        .map((finding) => `${finding.file}:${finding.line} ${finding.severity} ${finding.message}`),
    ).toEqual([
      `svc/app.py:7 warning aws_iam_role.scoped runs this code (code: at .policy-check.yml:2) and may not be able to invoke ${MODEL} in us-east-1: conditional (depends on the account the repository deploys to (account in .policy-check.yml)); when denied, AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/scoped/SESSION-NAME is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/${MODEL} because no identity-based policy allows the bedrock:InvokeModel action`,
      expect.stringMatching(
        /^svc\/app\.py:9 error aws_iam_role\.scoped runs this code \(code: at \.policy-check\.yml:2\) and cannot invoke amazon\.nova-lite-v1:0 in us-east-1: denied: AccessDeniedException: /,
      ),
    ]);
  });
});
