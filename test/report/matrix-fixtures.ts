import { matrixOptions } from '../helpers/matrix-options.js';
// Small access matrices for the matrix reporters' tests, computed by the real matrix().
import { matrix } from '../../src/analysis/matrix.js';
import type { AccessMatrix, AccountRole } from '../../src/model/index.js';
import { account, managedPolicy, role } from '../helpers/account.js';
import { doc } from '../helpers/policies.js';

const MODELS = ['amazon.nova-pro-v1:0', 'us.amazon.nova-lite-v1:0'];

const readOnly = managedPolicy(
  'BedrockReadOnly',
  doc({ Sid: 'ListModels', Effect: 'Allow', Action: 'bedrock:List*', Resource: '*' }),
);
const invoke = managedPolicy('BedrockInvoke', doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }));
const fromOffice = managedPolicy(
  'BedrockFromOffice',
  doc({
    Sid: 'FromOffice',
    Effect: 'Allow',
    Action: 'bedrock:InvokeModel*',
    Resource: '*',
    Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  }),
);

function matrixOf(roles: AccountRole[], models: readonly string[] = MODELS): AccessMatrix {
  return matrix(account({ roles }), matrixOptions(models));
}

/** Three roles sharing a managed policy that allows no invocation, and one allowed role. */
export const shared = (): AccessMatrix =>
  matrixOf([role('App1', [readOnly]), role('App2', [readOnly]), role('Chat', [invoke]), role('Other', [readOnly])]);

/** Two roles allowed only from the office network, one whose AWS managed policy is unknown. */
export const uncertain = (): AccessMatrix =>
  matrixOf(
    [
      role('Office1', [fromOffice]),
      role('Office2', [fromOffice]),
      role('Legacy', [invoke], {
        unresolved: [{ arn: 'arn:aws:iam::aws:policy/AmazonBedrockLegacy', reason: 'unknown-aws-managed-policy' }],
      }),
    ],
    ['amazon.nova-pro-v1:0'],
  );

/** Seven roles sharing the read-only policy: more than a cause lists in the open. */
export const many = (): AccessMatrix =>
  matrixOf(
    ['a_1', 'a_2', 'a_3', 'a_4', 'a_5', 'a_6', 'a_7'].map((name) => role(name, [readOnly])),
    ['amazon.nova-pro-v1:0'],
  );

export const denyAll = managedPolicy(
  'DenyBedrock',
  doc(
    { Sid: 'InvokeAll', Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' },
    { Sid: 'NoBedrock', Effect: 'Deny', Action: 'bedrock:*', Resource: '*' },
  ),
);

/** Two roles whose shared policy denies every Bedrock call explicitly. */
export const denyInPolicy = (): AccessMatrix =>
  matrixOf([role('Deny1', [denyAll]), role('Deny2', [denyAll])], ['amazon.nova-pro-v1:0']);

/**
 * A large account (`roles` roles over 2 models): each tenth role shares one of many read-only policies
 * (one fix each), others are denied by a Deny statement of their own Sid (a cause each), the rest allowed.
 */
export function largeAccount(roles: number): AccessMatrix {
  const invoke = managedPolicy(
    'BedrockInvoke',
    doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }),
  );
  const readOnlyPolicies = Array.from({ length: 40 }, (_, i) =>
    managedPolicy(`ReadOnly${i}`, doc({ Sid: `List${i}`, Effect: 'Allow', Action: 'bedrock:List*', Resource: '*' })),
  );
  const denyPolicies = Array.from({ length: 120 }, (_, i) =>
    managedPolicy(
      `Deny${i}`,
      doc(
        { Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' },
        {
          Sid: `NoModel${i}`,
          Effect: 'Deny',
          Action: 'bedrock:InvokeModel',
          Resource: `arn:aws:bedrock:*::foundation-model/${i % 2 === 0 ? 'amazon.nova-pro' : 'amazon.nova-lite'}*`,
        },
      ),
    ),
  );
  const list = Array.from({ length: roles }, (_, i) => {
    const name = `team-${String(i).padStart(5, '0')}-service-role`;
    if (i % 10 === 0) return role(name, [readOnlyPolicies[i % readOnlyPolicies.length]!]);
    if (i % 10 === 1) return role(name, [denyPolicies[i % denyPolicies.length]!]);
    return role(name, [invoke]);
  });
  return matrixOf(list);
}
