import {
  cliHint,
  type ConditionClause,
  type MatchedStatement,
  type Policy,
  type Statement,
} from '../../model/index.js';
import type { EvaluatedCheck, Evaluation } from '../evaluation.js';

/**
 * Keys whose value the caller picks call by call: the service tier it asks for (bedrock:ServiceTier; AWS's
 * example "Control access to service tiers" denies tiers with it). A Deny that applies because of such a value
 * can be avoided by the call itself, so the finding names the clause and the value.
 */
const CALLER_CHOSEN: ReadonlyMap<string, 'service-tier-option'> = new Map([
  ['bedrock:servicetier', 'service-tier-option'],
]);

/** The words an explicit-deny finding adds when the Deny holds because of a value the caller chose. */
export function chosenKeyDeny(
  statement: MatchedStatement,
  checks: readonly EvaluatedCheck[],
  evaluation: Evaluation,
): { cause: string; alternatives: string[] } | undefined {
  const source = statementOf(evaluation, statement);
  if (!source) return undefined;
  const held: { clause: ConditionClause; given: string[]; hint: 'service-tier-option' }[] = [];
  for (const clause of source.conditions) {
    const hint = CALLER_CHOSEN.get(clause.key.toLowerCase());
    if (!hint) continue;
    const given = [
      ...new Set(checks.flatMap((check) => check.request.context.values.get(clause.key.toLowerCase()) ?? [])),
    ].sort();
    // Absent or unknown: the Deny holds for another reason (a Null test, an IfExists operator) or not surely.
    if (given.length > 0) held.push({ clause, given, hint });
  }
  if (held.length === 0) return undefined;
  const clauses = held
    .map(
      ({ clause, given }) =>
        `${clause.operator} ${clause.key} ${clause.values.join(', ')} (${clause.span.file}:${clause.span.line}) holds for the call's ${clause.key} "${given.join('", "')}"`,
    )
    .join('; ');
  return {
    cause: ` Its condition names a value the call chose: ${clauses}.`,
    alternatives: held.map(
      ({ clause, given, hint }) =>
        `the Deny applies because the call asks for ${clause.key} "${given.join('", "')}": call with a value its condition does not match (${cliHint(hint)}), or have the policy's owner narrow the condition`,
    ),
  };
}

/** The statement a match points at, in whichever gate it was matched. */
function statementOf(evaluation: Evaluation, match: MatchedStatement): Statement | undefined {
  const input = evaluation.evaluationInput;
  const policies: readonly Policy[] = [
    ...input.identity,
    ...(input.scpLevels ?? []).filter((level) => level.name === match.level).flatMap((level) => level.policies),
    ...(input.permissionsBoundary ? [input.permissionsBoundary] : []),
    ...(input.sessionPolicies ?? []),
  ];
  const policy = policies.find(
    (candidate) =>
      candidate.type === match.policyType && candidate.file === match.file && candidate.name === match.policyName,
  );
  return policy?.statements.find((candidate) => candidate.index === match.statementIndex);
}
