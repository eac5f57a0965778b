import { describe, expect, it } from 'vitest';
import { check } from '../../src/analysis/check.js';
import { checkInputFrom } from '../../src/analysis/check-input-from.js';
import { matrix, type MatrixOptions } from '../../src/analysis/matrix.js';
import { principalPoliciesOf } from '../../src/analysis/principal-policies-of.js';
import { shippedCatalog } from '../../src/bedrock/index.js';
import { cellReport, parsePrincipal, type AccountModel, type CheckReport } from '../../src/model/index.js';
import { ACCOUNT_ID, account, inlinePolicy, managedPolicy, role, user } from '../helpers/account.js';
import { doc, fullAwsAccess, policy, scpLevel } from '../helpers/policies.js';
import { renderCliHints } from '../../src/report/cli-hints.js';

const catalog = shippedCatalog();
const NOVA = 'amazon.nova-pro-v1:0';
const LITE = 'amazon.nova-lite-v1:0';
const ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
const options = (extra: Partial<MatrixOptions> = {}): MatrixOptions => ({
  region: 'us-east-1',
  actions: ACTIONS,
  catalog,
  now: new Date('2026-06-01T00:00:00Z'),
  toolVersion: 'test',
  models: [NOVA],
  ...extra,
});

const allowBedrock = managedPolicy(
  'BedrockInvoke',
  doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: 'arn:aws:bedrock:*::foundation-model/*' }),
);
const readOnly = managedPolicy(
  'BedrockReadOnly',
  doc({ Effect: 'Allow', Action: ['bedrock:List*', 'bedrock:Get*'], Resource: '*' }),
);
const s3Only = managedPolicy('S3Read', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
const denyNova = managedPolicy(
  'DenyNova',
  doc({ Effect: 'Deny', Action: 'bedrock:*', Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-pro*' }),
);

/** check() for one principal, assembled by hand: the ground truth every cell must equal. */
function directReport(model: AccountModel, arn: string, modelId: string, tagKeys: string[] = []): CheckReport {
  const loaded = principalPoliciesOf(model, arn)!;
  const principal = parsePrincipal(arn)!;
  const tags = loaded.principalTags ?? {};
  const context = Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:PrincipalTag/${key}`, [value]]));
  const present = new Set(Object.keys(tags).map((key) => key.toLowerCase()));
  return check({
    ...checkInputFrom(
      { ...loaded, identity: loaded.identity.filter((p) => p !== s3Only), principal },
      {
        model: modelId,
        region: 'us-east-1',
        actions: ACTIONS,
        now: new Date('2026-06-01T00:00:00Z'),
        toolVersion: 'test',
        catalog,
        context,
      },
    ),
    absentKeys: tagKeys.filter((key) => !present.has(key.slice('aws:PrincipalTag/'.length).toLowerCase())),
  });
}

describe('matrix', () => {
  it('gives every principal × model the result check() gives that principal, with its own ARN in the messages', () => {
    const model = account({
      roles: [
        role('App1', [readOnly, s3Only]),
        role('App2', [readOnly]),
        role('Allowed', [allowBedrock]),
        role('Denied', [allowBedrock, denyNova]),
      ],
      users: [user('alice', [], { groups: ['devs'] })],
      groups: [
        {
          arn: `arn:aws:iam::${ACCOUNT_ID}:group/devs`,
          name: 'devs',
          path: '/',
          policies: [allowBedrock],
          unresolvedPolicies: [],
        },
      ],
    });
    const result = matrix(model, options({ models: [NOVA, LITE] }));
    expect(result.cells.map((cell) => [cell.principal.split(':').at(-1), cell.model, cell.verdict])).toEqual([
      ['role/Allowed', NOVA, 'allowed'],
      ['role/Allowed', LITE, 'allowed'],
      ['role/App1', NOVA, 'denied'],
      ['role/App1', LITE, 'denied'],
      ['role/App2', NOVA, 'denied'],
      ['role/App2', LITE, 'denied'],
      ['role/Denied', NOVA, 'denied'],
      ['role/Denied', LITE, 'allowed'],
      ['user/alice', NOVA, 'allowed'],
      ['user/alice', LITE, 'allowed'],
    ]);
    for (const cell of result.cells) {
      const own = cellReport(result, cell);
      expect(own).toEqual(directReport(model, cell.principal, cell.model));
    }
    // App1's S3 policy cannot change a Bedrock call: App1 and App2 are one group, evaluated once per model.
    expect(result.summary.principalGroups).toBe(4);
    expect(result.summary.evaluations).toBe(8);
    const app1 = cellReport(result, result.cells[2]!);
    expect(app1.checks[0]!.message).toContain(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/App1/SESSION-NAME is not`);
  });

  it('appends the managed policy ARN to an explicit deny, as AWS does', () => {
    const model = account({ roles: [role('Denied', [allowBedrock, denyNova])] });
    const result = matrix(model, options());
    const report = cellReport(result, result.cells[0]!);
    expect(report.checks[0]!.message).toBe(
      `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/Denied/SESSION-NAME is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 with an explicit deny in an identity-based policy: arn:aws:iam::${ACCOUNT_ID}:policy/DenyNova`,
    );
  });

  it('reports the same missing statement across many roles as one cause, the shared policy fixed once', () => {
    const roles = Array.from({ length: 30 }, (_, i) => role(`Worker${String(i).padStart(2, '0')}`, [readOnly]));
    const result = matrix(account({ roles }), options());
    expect(result.causes).toHaveLength(1);
    const [cause] = result.causes;
    expect(cause!.rule).toBe('identity-policy');
    expect(cause!.principals).toHaveLength(30);
    expect(cause!.fixes).toHaveLength(1);
    expect(renderCliHints(cause!.fixes[0]!.fix).summary).toContain('BedrockReadOnly');
    expect(cause!.fixes[0]!.principals).toHaveLength(30);
    expect(cause!.predictedError!.message).toContain('assumed-role/Worker00/SESSION-NAME');
    expect(result.summary.evaluations).toBe(1);
  });

  it('groups principals by what an SCP decides of their ARN, not by the ARN itself', () => {
    const scp = policy(
      doc({
        Effect: 'Deny',
        Action: 'bedrock:*',
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/breakglass-*' } },
      }),
      {
        type: 'scp',
        file: 'deny.json',
        name: 'DenyBedrock',
        arn: 'arn:aws:organizations::1:policy/o-1/service_control_policy/p-1',
      },
    );
    const roles = [role('breakglass-1', [allowBedrock]), role('a', [allowBedrock]), role('b', [allowBedrock])];
    const model = account({ roles, scpLevels: [scpLevel('Root', fullAwsAccess(), scp)] });
    const result = matrix(model, options());
    expect(result.cells.map((cell) => cell.verdict)).toEqual(['denied', 'denied', 'allowed']);
    expect(result.summary.principalGroups).toBe(2);
    for (const cell of result.cells)
      expect(cellReport(result, cell)).toEqual(directReport(model, cell.principal, NOVA));
    expect(cellReport(result, result.cells[1]!).checks[0]!.message).toContain(
      'assumed-role/b/SESSION-NAME is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 with an explicit deny in a service control policy: arn:aws:organizations::1:policy/o-1/service_control_policy/p-1',
    );
  });

  it('reads principal tags; a tag the principal lacks is absent, not unknown', () => {
    const byTeam = managedPolicy(
      'TeamBedrock',
      doc({
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': ['ml', 'search'] } },
      }),
    );
    const roles = [
      role('ml1', [byTeam], { tags: { team: 'ml' } }),
      role('ml2', [byTeam], { tags: { team: 'ml', owner: 'x' } }),
      role('search', [byTeam], { tags: { team: 'search' } }),
      role('web', [byTeam], { tags: { team: 'web' } }),
      role('web2', [byTeam], { tags: { team: 'web2' } }),
      role('untagged', [byTeam]),
    ];
    const model = account({ roles });
    const result = matrix(model, options());
    expect(Object.fromEntries(result.cells.map((cell) => [cell.principal.split('/').at(-1), cell.verdict]))).toEqual({
      ml1: 'allowed',
      ml2: 'allowed',
      search: 'allowed',
      untagged: 'denied',
      web: 'denied',
      web2: 'denied',
    });
    // Allowed, denied with tags, and the untagged role apart (its report lacks the tagged roles' assumption
    // that session tags could override the role's); the denied findings show each principal's own tag.
    expect(result.summary.principalGroups).toBe(3);
    for (const cell of result.cells)
      expect(cellReport(result, cell)).toEqual(directReport(model, cell.principal, NOVA, ['aws:PrincipalTag/team']));
    const web = cellReport(result, result.cells.find((cell) => cell.principal.endsWith('/web'))!);
    expect(web.findings[0]!.failingConditions![0]!.given).toEqual(['web']);
  });

  it('never allows a principal with a policy it cannot resolve', () => {
    const model = account({
      roles: [
        role('Known', [allowBedrock], {
          unresolved: [{ arn: 'arn:aws:iam::aws:policy/Unknown', reason: 'unknown-aws-managed-policy' }],
        }),
        role('DeniedAnyway', [allowBedrock, denyNova], {
          unresolved: [{ arn: 'arn:aws:iam::aws:policy/Unknown', reason: 'unknown-aws-managed-policy' }],
        }),
      ],
    });
    const result = matrix(model, options());
    expect(result.cells.map((cell) => cell.verdict)).toEqual(['denied', 'incomplete']);
    expect(renderCliHints(result.unresolved).join('\n')).toContain('arn:aws:iam::aws:policy/Unknown');
  });

  it('selects principals by a glob on ARN or name, and takes the snapshot models in use by default', () => {
    const model = account({
      roles: [role('api-1', [allowBedrock], { path: '/teams/ml/' }), role('batch', [allowBedrock])],
      users: [user('api-admin', [allowBedrock])],
      modelsInUse: [LITE, NOVA],
    });
    const byName = matrix(model, options({ models: undefined, principals: ['api-*'] }));
    expect(byName.principals.map((p) => p.arn)).toEqual([
      `arn:aws:iam::${ACCOUNT_ID}:role/teams/ml/api-1`,
      `arn:aws:iam::${ACCOUNT_ID}:user/api-admin`,
    ]);
    expect(byName.models).toEqual([LITE, NOVA]);
    expect(byName.modelsFrom).toBe('snapshot');
    const byPath = matrix(model, options({ principals: ['arn:aws:iam::*:role/teams/*'] }));
    expect(byPath.principals.map((p) => p.name)).toEqual(['api-1']);
  });

  it('falls back to the documented default models, each callable from the Region', () => {
    const result = matrix(account({ roles: [role('a', [allowBedrock])] }), options({ models: undefined }));
    expect(result.modelsFrom).toBe('default');
    expect(result.models).toContain(NOVA);
    expect(result.models).toContain('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('does not apply SCPs to a service-linked role or in the management account', () => {
    const denyAll = policy(doc({ Effect: 'Deny', Action: '*', Resource: '*' }), { type: 'scp', file: 'deny.json' });
    const roles = [
      role('AWSServiceRoleForBedrock', [allowBedrock], {
        path: '/aws-service-role/bedrock.amazonaws.com/',
        serviceLinked: true,
      }),
      role('plain', [allowBedrock]),
    ];
    const result = matrix(account({ roles, scpLevels: [scpLevel('Root', denyAll)] }), options());
    expect(result.cells.map((cell) => [cell.principal.split('/').at(-1), cell.verdict])).toEqual([
      ['AWSServiceRoleForBedrock', 'allowed'],
      ['plain', 'denied'],
    ]);
    const management = { ...account({ roles, scpLevels: [scpLevel('Root', denyAll)] }), managementAccount: true };
    expect(matrix(management, options()).cells.map((cell) => cell.verdict)).toEqual(['allowed', 'allowed']);
  });

  it('is deterministic whatever order the source lists principals in', () => {
    const roles = [
      role('b', [readOnly]),
      role('a', [allowBedrock]),
      role('c', [inlinePolicy('c', 'x', doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }))]),
    ];
    const one = matrix(account({ roles }), options({ models: [NOVA, LITE] }));
    const two = matrix(account({ roles: [...roles].reverse() }), options({ models: [NOVA, LITE] }));
    expect(JSON.stringify(two.cells)).toBe(JSON.stringify(one.cells));
    expect(JSON.stringify(two.causes)).toBe(JSON.stringify(one.causes));
  });
});
