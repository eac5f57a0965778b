// What the diff compares of a check and of a cell. Statements are identified by policy (ARN, else name),
// level, Sid and effect, never by file and line: two snapshots are two files, and an edit above a
// statement moves its line without changing what it does.
import type {
  CellState,
  CheckState,
  DecisionKind,
  DiffableCell,
  DiffableCheck,
  DiffableCondition,
  DiffableStatement,
  DiffStatement,
  Verdict,
} from '../model/index.js';
import { decidingStatements } from '../model/index.js';

/** How much access a decision or verdict grants; conditional and incomplete are neither yes nor no. */
export type AccessLevel = 'allowed' | 'denied' | 'uncertain';

/**
 * A check's access. In an `incomplete` cell something could not be evaluated (a policy that could not be
 * read, a request that could not be built): only an explicit deny stands there (check() keeps it whatever
 * the unread policy says); anything else may turn out either way, so it is uncertain.
 */
export function checkAccess(decision: DecisionKind, cellVerdict: Verdict): AccessLevel {
  if (decision === 'explicit-deny') return 'denied';
  if (decision === 'conditional' || cellVerdict === 'incomplete') return 'uncertain';
  return decision === 'allowed' ? 'allowed' : 'denied';
}

/**
 * A cell's access: whether the call succeeds. An allowed verdict with an error finding (the model is not
 * offered in the Region, has reached end of life, …) is a call that fails, as the matrix marks it ✗.
 */
export function cellAccess(cell: Pick<DiffableCell, 'verdict' | 'findings'>): AccessLevel {
  if (cell.verdict === 'allowed') return callFails(cell) ? 'denied' : 'allowed';
  return cell.verdict === 'denied' ? 'denied' : 'uncertain';
}

function callFails(cell: Pick<DiffableCell, 'verdict' | 'findings'>): boolean {
  return cell.verdict === 'allowed' && cell.findings.some((finding) => finding.severity === 'error');
}

function diffStatement(statement: DiffableStatement): DiffStatement {
  return {
    policyType: statement.policyType,
    policyName: statement.policyName,
    ...(statement.policyArn !== undefined ? { policyArn: statement.policyArn } : {}),
    ...(statement.level !== undefined ? { level: statement.level } : {}),
    sid: statement.sid,
    effect: statement.effect,
    ...(statement.builtIn ? { builtIn: true as const } : { file: statement.file, line: statement.line }),
  };
}

/** The statement as compared: what it is, not where it is written. */
function statementIdentity(statement: DiffStatement): string {
  return [
    statement.policyType,
    statement.policyArn ?? statement.policyName,
    statement.level ?? '',
    statement.sid ?? '',
    statement.effect,
  ].join('\u0000');
}

function conditionLine(condition: DiffableCondition): string {
  const gate = `${condition.policyType}${condition.level ? ` (level ${condition.level})` : ''}`;
  const verb = condition.kind === 'deny-if' ? 'denies if' : 'allows if';
  const alternatives = condition.alternatives.map(({ statement, clauses }) => {
    const name = `${statement.policyArn ?? statement.policyName}${statement.sid ? ` Sid ${statement.sid}` : ''}`;
    const tests = clauses.map((clause) => `${clause.key} ${clause.operator} ${clause.values.join(', ')}`).join(' and ');
    return `${tests || 'its conditions hold'} (${name})`;
  });
  return `${gate} ${verb} ${alternatives.join(' or ')}`;
}

/** The statements a check's decision hangs on (none for an implicit deny: nothing matched). */
function decidingOf(check: DiffableCheck): DiffableStatement[] {
  if (check.decision === 'conditional') return check.statements.filter((statement) => statement.conditional);
  if (check.decision === 'explicit-deny') return decidingStatements(check.decision, check.statements);
  return [];
}

export function checkState(check: DiffableCheck): CheckState {
  const deciding = decidingOf(check)
    .map(diffStatement)
    .sort((a, b) => compareText(statementIdentity(a), statementIdentity(b)));
  return {
    decision: check.decision,
    deniedBy: check.deniedBy,
    deniedAtLevel: check.deniedAtLevel,
    message: check.message,
    deciding,
    conditions: [...new Set((check.conditions ?? []).map(conditionLine))].sort(compareText),
    possibleMessages: [...new Set((check.possibleOutcomes ?? []).map((outcome) => outcome.message))].sort(compareText),
  };
}

/** The same decision for the same reason. An allowed check has no cause: which Allow grants it does not change access. */
export function sameCheckCause(a: CheckState, b: CheckState): boolean {
  if (a.decision !== b.decision) return false;
  if (a.decision === 'allowed') return true;
  return (
    a.deniedBy === b.deniedBy &&
    a.deniedAtLevel === b.deniedAtLevel &&
    a.message === b.message &&
    sameList(a.deciding.map(statementIdentity), b.deciding.map(statementIdentity)) &&
    sameList(a.conditions, b.conditions) &&
    sameList(a.possibleMessages, b.possibleMessages)
  );
}

export function cellState(cell: DiffableCell): CellState {
  const findings = cell.findings
    .filter((finding) => finding.severity !== 'note')
    .map(
      (finding) =>
        `${finding.severity} ${finding.rule}: ${finding.predictedError ? `${finding.predictedError.exception}: ${finding.predictedError.message}` : finding.title}`,
    );
  return { verdict: cell.verdict, fails: callFails(cell), findings: [...new Set(findings)].sort(compareText) };
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Code-point order: the same bytes on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
