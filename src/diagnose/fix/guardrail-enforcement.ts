import { APPLY_GUARDRAIL, GUARDRAIL_IDENTIFIER } from '../../bedrock/index.js';
import {
  findingLocation,
  matchFindingLocation,
  type ConditionClause,
  type FindingLocation,
  type Statement,
} from '../../model/index.js';
import type { EvaluatedCheck, Evaluation } from '../evaluation.js';
import { conditionalAllows } from './failing-conditions.js';
import { locatePolicy } from './policy-edit.js';

const KEY = GUARDRAIL_IDENTIFIER.toLowerCase();

export const isGuardrailClause = (clause: ConditionClause): boolean => clause.key.toLowerCase() === KEY;

/**
 * An invocation denied by a Deny that enforces a guardrail: the guardrail rule's finding explains it (call with the
 * guardrail), so the policy-type rules and the fix planner leave it out instead of narrowing or removing the Deny.
 */
export function deniedByGuardrailEnforcement(evaluation: Evaluation, check: EvaluatedCheck): boolean {
  return (
    check.authorization.action !== APPLY_GUARDRAIL &&
    check.decision.decision === 'explicit-deny' &&
    enforcingStatements(evaluation, check).length > 0
  );
}

/** The statements that enforce a guardrail and decided this check's denial: the Deny, or the Allows whose guardrail clause failed. */
export function enforcingStatements(
  evaluation: Evaluation,
  check: EvaluatedCheck,
): { statement: Statement; location: FindingLocation }[] {
  const { decision } = check;
  if (decision.decision === 'explicit-deny') {
    const matched = decision.reason[0];
    if (!matched) return [];
    const ref = locatePolicy(evaluation.evaluationInput, matched);
    const statement = ref?.policy.statements.find((candidate) => candidate.index === matched.statementIndex);
    const location = matchFindingLocation(matched);
    return location && statement?.conditions.some(isGuardrailClause) ? [{ statement, location }] : [];
  }
  if (decision.decision === 'implicit-deny' && decision.deniedBy !== null) {
    return conditionalAllows(evaluation.evaluationInput, decision.deniedBy, decision.deniedAtLevel, check.request)
      .filter((allow) => allow.failing.some((failing) => isGuardrailClause(failing.clause)))
      .map((allow) => ({
        statement: allow.statement,
        location: findingLocation({
          ...allow.statement.span,
          policyType: allow.target.policyType,
          policyName: allow.target.policy.name,
          ...(allow.statement.sid ? { sid: allow.statement.sid } : {}),
        }),
      }));
  }
  return [];
}
