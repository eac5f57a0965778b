import {
  matchIsIn,
  message,
  type AlternativeCode,
  type ConditionClause,
  type Message,
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

/**
 * What an explicit-deny finding adds when the Deny holds because of a value the caller chose: each such clause
 * (as JSON data: the clause as written, where, the values the call chose, the option that chooses them) and the
 * alternative of calling with another value.
 */
export function chosenKeyDeny(
  statement: MatchedStatement,
  checks: readonly EvaluatedCheck[],
  evaluation: Evaluation,
): { chosen: string[]; alternatives: Message<AlternativeCode>[] } | undefined {
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
  return {
    chosen: held.map(({ clause, given }) =>
      JSON.stringify({
        operator: clause.operator,
        key: clause.key,
        values: clause.values,
        at: `${clause.span.file}:${clause.span.line}`,
        given,
      }),
    ),
    alternatives: held.map(({ clause, given, hint }) =>
      message('call-with-other-value', { key: clause.key, given, option: hint }),
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
  const policy = policies.find((candidate) => candidate.type === match.policyType && matchIsIn(candidate, match));
  return policy?.statements.find((candidate) => candidate.index === match.statementIndex);
}
