import type { MatchedStatement, OutcomeRequirement, PossibleOutcome, Residual } from '../model/decision.js';
import type { PolicyType } from '../model/policy.js';

/** A Deny that matched the request, with its residual when it applies only under unknown conditions. */
export interface DenyMatch {
  readonly statement: MatchedStatement;
  readonly residual?: Residual;
}

/** What one gate (an SCP level, the identity policies, the boundary, the session policies) said. */
export type GateAnswer = {
  readonly policyType: PolicyType;
  readonly level?: string;
} & ({ readonly allows: boolean } | { readonly allows: 'unknown'; readonly residual: AllowResidual });

type AllowResidual = Extract<Residual, { kind: 'allow-if-any' }>;

/**
 * Every denial AWS may report for a request, walking the attribution order: each Deny (in report
 * order), then each gate (SCP levels root to account, identity, boundary, session policies). A
 * conditional item splits the walk: either it decides (that outcome, when it holds one way) or the
 * walk goes on with it read the other way. Returns undefined when the walk can end in allowed, that
 * is when the request is not denied whatever the context.
 *
 * "If multiple policy types deny an authorization request, AWS includes only one of those policy
 * types in the error message" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html);
 * which one follows the enforcement order of
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html.
 */
export function possibleOutcomes(
  denies: readonly DenyMatch[],
  gates: readonly GateAnswer[],
): PossibleOutcome[] | undefined {
  const outcomes: PossibleOutcome[] = [];
  const path: OutcomeRequirement[] = [];
  for (const { statement, residual } of denies) {
    const base = {
      decision: 'explicit-deny' as const,
      deniedBy: statement.policyType,
      ...(statement.level !== undefined ? { deniedAtLevel: statement.level } : {}),
      statements: [statement],
    };
    if (!residual) {
      outcomes.push({ ...base, when: [...path] });
      return outcomes;
    }
    outcomes.push({ ...base, when: [...path, { residual, holds: true }] });
    path.push({ residual, holds: false });
  }
  for (const gate of gates) {
    if (gate.allows === true) continue;
    const base = {
      decision: 'implicit-deny' as const,
      deniedBy: gate.policyType,
      ...(gate.level !== undefined ? { deniedAtLevel: gate.level } : {}),
    };
    if (gate.allows !== 'unknown') {
      outcomes.push({ ...base, statements: [], when: [...path] });
      return outcomes;
    }
    outcomes.push({
      ...base,
      statements: gate.residual.alternatives,
      when: [...path, { residual: gate.residual, holds: false }],
    });
    path.push({ residual: gate.residual, holds: true });
  }
  return undefined;
}
