import {
  cellDisplayArn,
  cellReport,
  replacePrincipal,
  type AccessMatrix,
  type CallOptions,
  type CheckReport,
  type DiffableCell,
  type DiffableCheck,
  type DiffableCondition,
  type DiffableFinding,
  type DiffableStatement,
  type DiffInput,
} from '../../model/index.js';
import { type renderCliHints, renderScanHints } from '../cli-hints.js';
import { checkJson, sortedByWords } from './message-lists.js';
import type { Worded } from './message-words.js';

type CheckJson = ReturnType<typeof checkJson>;
type StatementJson = CheckJson['statements'][number];
type Shown = Pick<DiffableCell, 'checks' | 'findings'>;

/**
 * A matrix computed in this run as the diff reads it from its JSON report (`policy-check scan --format json`, read
 * back by parse/matrix-report.ts): the same words and the same fields, in the same order, without writing the report.
 * A large account's report is longer than a string can be (3.5 GB at 10,000 roles × 20 models), so each cell is
 * made when the diff asks for it: from its result's, made once, with the cell's principal in place of the result's
 * (`cellReport` does that on each string). The first other principal of each result is also made the long way and
 * compared; a result whose two differ is made the long way for every cell.
 */
export function computedDiffable(matrix: AccessMatrix, render: typeof renderCliHints = renderScanHints): DiffInput {
  const extractDates = [
    ...new Set(matrix.accounts.flatMap((account) => account.managedPolicyExtract?.date ?? [])),
  ].sort();
  return {
    matrix: { keys: matrix.cells, cell: cellMaker(matrix, render) },
    assumptions: sortedByWords(matrix.assumptions, render).words,
    notes: sortedByWords(matrix.notes, render).words,
    catalogDate: matrix.catalogDate,
    toolVersion: matrix.tool.version,
    ...(extractDates.length > 0 ? { managedPolicyExtractDates: extractDates } : {}),
    ...(Object.keys(callOptionsOf(matrix)).length > 0 ? { callOptions: callOptionsOf(matrix) } : {}),
  };
}

function cellMaker(matrix: AccessMatrix, render: typeof renderCliHints): (index: number) => DiffableCell {
  const shown = (report: CheckReport): Shown => ({
    checks: report.checks.map((check) => diffableCheck(checkJson(check, render))),
    findings: render(report).findings.map(diffableFinding),
  });
  const ofResult = new Map<number, { readonly shown: Shown; trusted?: boolean }>();
  const shownOf = (index: number): Shown => {
    const cell = matrix.cells[index]!;
    const result = matrix.results[cell.result]!;
    let known = ofResult.get(cell.result);
    if (!known) {
      known = { shown: shown(result.report) };
      ofResult.set(cell.result, known);
    }
    const displayArn = cellDisplayArn(matrix, cell);
    if (displayArn === result.displayArn) return known.shown;
    if (known.trusted === false) return shown(cellReport(matrix, cell));
    const quick = replacePrincipal(known.shown, result.displayArn, displayArn);
    if (known.trusted === undefined) {
      const own = shown(cellReport(matrix, cell));
      ofResult.set(cell.result, { shown: known.shown, trusted: JSON.stringify(own) === JSON.stringify(quick) });
      return own;
    }
    return quick;
  };
  return (index) => {
    const cell = matrix.cells[index]!;
    return {
      principal: cell.principal,
      principalType: cell.principalType,
      model: cell.model,
      region: cell.region,
      verdict: cell.verdict,
      ...shownOf(index),
    };
  };
}

function diffableCheck(check: CheckJson): DiffableCheck {
  return {
    action: check.action,
    resource: check.resource,
    requestedRegion: check.requestedRegion,
    decision: check.decision,
    deniedBy: check.deniedBy ?? null,
    deniedAtLevel: check.deniedAtLevel ?? null,
    message: check.message ?? null,
    statements: check.statements.map(diffableStatement),
    ...(check.conditions ? { conditions: check.conditions.map(diffableCondition) } : {}),
    ...(check.possibleOutcomes
      ? { possibleOutcomes: check.possibleOutcomes.map((outcome) => ({ message: outcome.message })) }
      : {}),
  };
}

function diffableStatement(statement: StatementJson): DiffableStatement {
  return {
    policyType: statement.policyType,
    policyName: statement.policyName,
    ...(statement.policyArn !== undefined ? { policyArn: statement.policyArn } : {}),
    ...(statement.level !== undefined ? { level: statement.level } : {}),
    sid: statement.sid ?? null,
    effect: statement.effect,
    conditional: statement.conditional === true,
    ...(statement.builtIn ? { builtIn: true as const } : { file: statement.file, line: statement.line }),
  };
}

function diffableCondition(condition: NonNullable<CheckJson['conditions']>[number]): DiffableCondition {
  return {
    kind: condition.kind,
    policyType: condition.policyType,
    ...(condition.level !== undefined ? { level: condition.level } : {}),
    alternatives: condition.alternatives.map((alternative) => ({
      statement: diffableStatement(alternative.statement),
      clauses: alternative.clauses.map((clause) => ({
        operator: clause.operator,
        key: clause.key,
        values: [...clause.values],
      })),
    })),
  };
}

function diffableFinding(finding: Worded<CheckReport>['findings'][number]): DiffableFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    title: finding.title,
    ...(finding.predictedError
      ? { predictedError: { exception: finding.predictedError.exception, message: finding.predictedError.message } }
      : {}),
  };
}

/** The call options the matrix records (made by analysis/call-options.ts: only what was given, operations sorted). */
function callOptionsOf({ auth, guardrail, serviceTier, operations }: AccessMatrix): CallOptions {
  return {
    ...(auth ? { auth } : {}),
    ...(guardrail ? { guardrail } : {}),
    ...(serviceTier !== undefined ? { serviceTier } : {}),
    ...(operations?.length ? { operations } : {}),
  };
}
