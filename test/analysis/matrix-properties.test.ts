import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { matrix } from '../../src/analysis/matrix.js';
import { shippedCatalog } from '../../src/bedrock/index.js';
import { cellReport, parsePrincipal, type AccountModel, type CheckReport, type Policy } from '../../src/model/index.js';
import { account, inlinePolicy, managedPolicy, role } from '../helpers/account.js';
import { doc, fullAwsAccess, policy, scpLevel } from '../helpers/policies.js';

// The matrix evaluates one principal per group and shares fix planning's edited policies, model
// expansions and compiled policies across groups and accounts: whatever the account, every cell must
// still be exactly what check() says of that principal alone. The reference runs in a fresh copy of the
// modules, whose caches the matrix never filled, in another order (last principal first).

const catalog = shippedCatalog();
const ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
const NOW = new Date('2026-06-01T00:00:00Z');
const MODELS = [
  'amazon.nova-pro-v1:0',
  'amazon.nova-lite-v1:0',
  'us.amazon.nova-pro-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0',
];

const MANAGED: Record<string, Policy> = {
  invokeAll: managedPolicy('InvokeAll', doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' })),
  novaOnly: managedPolicy(
    'NovaOnly',
    doc({
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: ['arn:aws:bedrock:*::foundation-model/amazon.nova*', 'arn:aws:bedrock:*:*:inference-profile/*'],
    }),
  ),
  teamOnly: managedPolicy(
    'TeamOnly',
    doc({
      Effect: 'Allow',
      Action: 'bedrock:*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': ['ml', 'search'] } },
    }),
  ),
  eastOnly: managedPolicy(
    'EastOnly',
    doc({
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    }),
  ),
  denyLite: managedPolicy(
    'DenyLite',
    doc({ Effect: 'Deny', Action: 'bedrock:*', Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-lite*' }),
  ),
  s3: managedPolicy('S3', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })),
};

const scp = (name: string, statement: object): Policy =>
  policy(doc(statement), {
    type: 'scp',
    file: `${name}.json`,
    name,
    arn: `arn:aws:organizations::999999999999:policy/o-x/service_control_policy/p-${name}`,
  });
const SCP_LEVELS = [
  scpLevel('Root', fullAwsAccess()),
  scpLevel(
    'Workloads',
    fullAwsAccess(),
    scp('RegionDeny', {
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*'],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-east-2'] },
        ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/breakglass-*'] },
      },
    }),
  ),
  scpLevel(
    'Account',
    fullAwsAccess(),
    scp('Guardrails', {
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: '*',
      Condition: { Null: { 'aws:PrincipalTag/CostCenter': 'true' } },
    }),
  ),
];
const BOUNDARY = managedPolicy('Boundary', doc({ Effect: 'Allow', Action: ['bedrock:*', 's3:*'], Resource: '*' }));

interface RoleSpec {
  readonly breakglass: boolean;
  readonly managed: string[];
  readonly inline: 'none' | 'invoke' | 'sqs';
  readonly costCenter: boolean;
  readonly team: 'ml' | 'web' | undefined;
  readonly boundary: boolean;
}

const roleSpec: fc.Arbitrary<RoleSpec> = fc.record({
  breakglass: fc.boolean(),
  managed: fc.subarray(Object.keys(MANAGED), { maxLength: 3 }),
  inline: fc.constantFrom('none' as const, 'invoke' as const, 'sqs' as const),
  costCenter: fc.boolean(),
  team: fc.constantFrom('ml' as const, 'web' as const, undefined),
  boundary: fc.boolean(),
});

function accountOf(specs: readonly RoleSpec[], scps: boolean): AccountModel {
  const roles = specs.map((spec, index) => {
    const name = `${spec.breakglass ? 'breakglass' : 'app'}-${index}`;
    const inline =
      spec.inline === 'none'
        ? []
        : [
            inlinePolicy(
              name,
              'inline',
              doc({
                Effect: 'Allow',
                Action: spec.inline === 'invoke' ? 'bedrock:InvokeModel' : 'sqs:SendMessage',
                Resource: '*',
              }),
            ),
          ];
    const tags: Record<string, string> = {};
    if (spec.costCenter) tags.CostCenter = `cc-${index % 3}`;
    if (spec.team) tags.team = spec.team;
    return role(name, [...spec.managed.map((key) => MANAGED[key]!), ...inline], {
      tags,
      ...(spec.boundary ? { boundary: BOUNDARY } : {}),
    });
  });
  return account({ roles, ...(scps ? { scpLevels: SCP_LEVELS } : {}) });
}

/** check() for one principal alone, its input assembled as a hand-written check would be, from fresh modules. */
async function reference(): Promise<(model: AccountModel, arn: string, modelId: string) => CheckReport> {
  vi.resetModules();
  const { check } = await import('../../src/analysis/check.js');
  const { checkInputFrom } = await import('../../src/analysis/check-input-from.js');
  const { concernsBedrock, principalReadsOf } = await import('../../src/analysis/matrix-fingerprint.js');
  const { principalPoliciesOf } = await import('../../src/analysis/principal-policies-of.js');
  return (model, arn, modelId) => {
    const loaded = principalPoliciesOf(model, arn)!;
    const principal = parsePrincipal(arn)!;
    const policies = { ...loaded, identity: loaded.identity.filter(concernsBedrock), principal };
    const tags = loaded.principalTags ?? {};
    const present = new Set(Object.keys(tags).map((key) => `aws:principaltag/${key.toLowerCase()}`));
    const absentKeys = principalReadsOf(policies).tagKeys.filter((key) => !present.has(key));
    return check({
      ...checkInputFrom(policies, {
        model: modelId,
        region: 'us-east-1',
        actions: ACTIONS,
        now: NOW,
        toolVersion: 'test',
        catalog,
        context: Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:PrincipalTag/${key}`, [value]])),
      }),
      ...(absentKeys.length > 0 ? { absentKeys } : {}),
    });
  };
}

describe('matrix (properties)', () => {
  it('gives every cell what check() gives its principal alone, whatever the account', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(roleSpec, { minLength: 1, maxLength: 6 }),
        fc.subarray(MODELS, { minLength: 1, maxLength: 2 }),
        fc.boolean(),
        async (specs, models, scps) => {
          const model = accountOf(specs, scps);
          const alone = await reference();
          const expected = new Map<string, CheckReport>();
          for (const entry of [...model.roles].reverse())
            for (const id of models) expected.set(`${entry.arn} ${id}`, alone(model, entry.arn, id));
          const result = matrix(model, {
            region: 'us-east-1',
            actions: ACTIONS,
            catalog,
            now: NOW,
            toolVersion: 'test',
            models,
          });
          expect(result.cells).toHaveLength(expected.size);
          for (const cell of result.cells)
            expect(cellReport(result, cell)).toEqual(expected.get(`${cell.principal} ${cell.model}`));
        },
      ),
      { numRuns: 20, seed: 9 },
    );
  }, 120_000);
});
