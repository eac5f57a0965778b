// Small access matrices, in the shape the diff reads (a matrix report's cells), for the diff's tests.
import type {
  DecisionKind,
  DiffableCell,
  DiffableCheck,
  DiffableFinding,
  DiffableMatrix,
  DiffableStatement,
  Verdict,
} from '../../src/model/index.js';

export const ROLE = 'arn:aws:iam::111122223333:role/App';
export const NOVA = 'amazon.nova-pro-v1:0';
const NOVA_ARN = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';

export function statement(overrides: Partial<DiffableStatement> = {}): DiffableStatement {
  return {
    policyType: 'identity',
    policyName: 'app.json',
    file: 'app.json',
    line: 4,
    sid: 'S1',
    effect: 'Allow',
    conditional: false,
    ...overrides,
  } as DiffableStatement;
}

const SCP_DENY = statement({
  policyType: 'scp',
  policyName: 'deny-regions',
  policyArn: 'arn:aws:organizations::111122223333:policy/o-exampleorgid/service_control_policy/p-deny',
  level: 'Root',
  sid: 'DenyRegions',
  effect: 'Deny',
});

/** A check with the decision given and, for a denial, a plausible cause. */
export function check(decision: DecisionKind, overrides: Partial<DiffableCheck> = {}): DiffableCheck {
  const base: DiffableCheck = {
    action: 'bedrock:InvokeModel',
    resource: NOVA_ARN,
    requestedRegion: 'us-east-1',
    decision,
    deniedBy: null,
    deniedAtLevel: null,
    message: null,
    statements: [],
  };
  switch (decision) {
    case 'allowed':
      return { ...base, statements: [statement()], ...overrides };
    case 'explicit-deny':
      return {
        ...base,
        deniedBy: 'scp',
        deniedAtLevel: 'Root',
        message: 'User: … with an explicit deny in a service control policy',
        statements: [SCP_DENY],
        ...overrides,
      };
    case 'implicit-deny':
      return {
        ...base,
        deniedBy: 'identity',
        message: 'User: … because no identity-based policy allows the bedrock:InvokeModel action',
        ...overrides,
      };
    case 'conditional':
      return {
        ...base,
        statements: [statement({ conditional: true })],
        conditions: [
          {
            kind: 'allow-if-any',
            policyType: 'identity',
            alternatives: [
              {
                statement: statement({ conditional: true }),
                clauses: [{ operator: 'IpAddress', key: 'aws:SourceIp', values: ['203.0.113.0/24'] }],
              },
            ],
          },
        ],
        ...overrides,
      };
  }
}

/** The verdict check() gives these checks (without unresolved policies). */
export function verdictOf(checks: readonly DiffableCheck[]): Verdict {
  if (checks.length === 0) return 'incomplete';
  if (checks.some((c) => c.decision === 'explicit-deny' || c.decision === 'implicit-deny')) return 'denied';
  return checks.some((c) => c.decision === 'conditional') ? 'conditional' : 'allowed';
}

export function cell(
  checks: readonly DiffableCheck[],
  overrides: Partial<DiffableCell> & { findings?: readonly DiffableFinding[] } = {},
): DiffableCell {
  return {
    principal: ROLE,
    principalType: 'role',
    model: NOVA,
    region: 'us-east-1',
    verdict: verdictOf(checks),
    checks,
    findings: [],
    ...overrides,
  };
}

export function matrixOf(cells: readonly DiffableCell[], overrides: Partial<DiffableMatrix> = {}): DiffableMatrix {
  return { matrix: cells, assumptions: [], notes: [], catalogDate: '2026-05-01', ...overrides };
}

/** A model-access error on an allowed cell: the call fails all the same. */
export const END_OF_LIFE: DiffableFinding = {
  rule: 'model-access',
  severity: 'error',
  title: 'The model has reached end of life',
  predictedError: {
    exception: 'ResourceNotFoundException',
    message: 'This model version has reached the end of its life.',
  },
};
