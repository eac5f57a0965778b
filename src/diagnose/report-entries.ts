import type { ConditionClause, MatchedStatement, PossibleOutcome, Residual } from '../model/index.js';
import type { ReportClause, ReportCondition, ReportOutcome, ReportStatement } from '../model/index.js';

export function toReportStatement(match: MatchedStatement): ReportStatement {
  return {
    policyType: match.policyType,
    policyName: match.policyName,
    ...(match.policyArn !== undefined ? { policyArn: match.policyArn } : {}),
    ...(match.level !== undefined ? { level: match.level } : {}),
    file: match.file,
    line: match.line,
    column: match.column,
    sid: match.sid ?? null,
    effect: match.effect,
    conditional: match.conditional,
    ...(match.undecided !== undefined && match.undecided.length > 0 ? { undecided: [...match.undecided] } : {}),
    ...(match.location === undefined ? { builtIn: true as const } : {}),
  };
}

function toReportClause(clause: ConditionClause): ReportClause {
  return {
    operator: clause.operator,
    key: clause.key,
    values: [...clause.values],
    file: clause.span.file,
    line: clause.span.line,
  };
}

export function toReportCondition(residual: Residual): ReportCondition {
  const alternatives = residual.kind === 'deny-if' ? [residual.statement] : residual.alternatives;
  return {
    kind: residual.kind,
    policyType: residual.policyType,
    ...(residual.kind === 'allow-if-any' && residual.level !== undefined ? { level: residual.level } : {}),
    alternatives: alternatives.map((match) => ({
      statement: toReportStatement(match),
      clauses: match.unresolved.map(toReportClause),
    })),
  };
}

export function toReportOutcome(outcome: PossibleOutcome, message: string): ReportOutcome {
  return {
    decision: outcome.decision,
    deniedBy: outcome.deniedBy,
    deniedAtLevel: outcome.deniedAtLevel ?? null,
    message,
    statements: outcome.statements.map(toReportStatement),
    when: outcome.when.map(({ residual, holds }) => ({ holds, condition: toReportCondition(residual) })),
    ...(outcome.dependsOn !== undefined ? { dependsOn: outcome.dependsOn } : {}),
  };
}
