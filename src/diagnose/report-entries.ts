import type { ConditionClause, MatchedStatement, PossibleOutcome, Residual } from '../model/index.js';
import type { ReportClause, ReportCondition, ReportOutcome, ReportStatement } from '../model/index.js';

// A MatchedStatement is immutable and the engine reuses one object for every unconditional match of a
// statement (evaluate's per-gate cache): its report form is built once and shared, read-only, by every report.
const reported = new WeakMap<MatchedStatement, ReportStatement>();

export function toReportStatement(match: MatchedStatement): ReportStatement {
  let entry = reported.get(match);
  if (!entry) {
    entry = reportStatement(match);
    reported.set(match, entry);
  }
  return entry;
}

// Assignments in the order of the old spread literal (policyType … builtIn), so JSON reads the same. A
// statement with no location (a policy policy-check supplies) has no file, line or column: it is `builtIn`.
function reportStatement(match: MatchedStatement): ReportStatement {
  const entry: Record<string, unknown> = { policyType: match.policyType, policyName: match.policyName };
  if (match.policyArn !== undefined) entry.policyArn = match.policyArn;
  if (match.level !== undefined) entry.level = match.level;
  if (match.location !== undefined) {
    entry.file = match.location.file;
    entry.line = match.location.line;
    entry.column = match.location.column;
  }
  entry.sid = match.sid ?? null;
  entry.effect = match.effect;
  entry.conditional = match.conditional;
  if (match.undecided !== undefined && match.undecided.length > 0) entry.undecided = [...match.undecided];
  if (match.location === undefined) entry.builtIn = true;
  return entry as unknown as ReportStatement;
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
