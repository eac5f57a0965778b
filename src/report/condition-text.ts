import type { CheckEntry } from './words/worded-reports.js';
import type { ReportCondition } from '../model/index.js';
import { clauseText } from './clause-text.js';
import { POLICY_TYPE_NAMES } from './fix-text.js';

/**
 * One alternative of a condition in words: its clauses joined with "and", or, for a statement undecided
 * without an unresolved clause (a policy variable in the account part of its Resource), why.
 */
export function alternativeText(alternative: ReportCondition['alternatives'][number]): string {
  const clauses = alternative.clauses.map(clauseText);
  if (clauses.length > 0) return clauses.join(' and ');
  const reasons = alternative.statement.undecided ?? [];
  return `the statement applies (undecided${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''})`;
}

/** "identity-based policy allows it only if aws:SourceIp is in 10.0.0.0/8" or "denied if …": one condition in words, without places. */
function conditionSentence(condition: ReportCondition): string {
  const alternatives = condition.alternatives.map(alternativeText);
  if (condition.kind === 'deny-if') return `denied by the ${gateName(condition)} if ${alternatives.join(' or ')}`;
  return `allowed by the ${gateName(condition)} only if ${alternatives.join(' or ')}`;
}

function gateName(condition: ReportCondition): string {
  return `${POLICY_TYPE_NAMES[condition.policyType]}${condition.level ? ` (level ${condition.level})` : ''}`;
}

/** What a conditional check depends on, in words: its conditions joined with "; and ". */
function checkConditionText(check: CheckEntry): string {
  const sentences = (check.conditions ?? []).map(conditionSentence);
  return sentences.length > 0 ? sentences.join('; and ') : 'conditional on request context the policies test';
}

/** Conditional checks grouped by what they depend on, in first-seen order (deterministic). */
export function conditionalGroups(
  checks: readonly CheckEntry[],
): { readonly text: string; readonly checks: CheckEntry[] }[] {
  const groups = new Map<string, CheckEntry[]>();
  for (const check of checks) {
    if (check.decision !== 'conditional') continue;
    const text = checkConditionText(check);
    groups.set(text, [...(groups.get(text) ?? []), check]);
  }
  return [...groups].map(([text, grouped]) => ({ text, checks: grouped }));
}
