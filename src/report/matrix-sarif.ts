import type { AccessMatrix, CheckReport, Finding, MatrixCause } from './words/worded-reports.js';
import type { AccessMatrix as AccessMatrixData } from '../model/index.js';
import { renderMatrix } from './words/message-lists.js';
import { callOptionsIn } from './call-options-text.js';
import {
  INPUT_WARNING_RULE,
  sarifLog,
  verdictFindings,
  type RuleDescriptor,
  type SarifFinding,
  type VerdictFinding,
} from './sarif.js';

/** How many principals a result's message names before "and N more". */
const NAMED_PRINCIPALS = 20;
const PRINCIPAL = '\u0000principal\u0000';

/**
 * The access matrix as a SARIF 2.1.0 log, with the conventions of the check's (`sarif.ts`): one result
 * per distinct cause (a finding shared by many principals is one result, at the statements it points
 * at in the snapshot, with one fix per policy), and one per distinct conditional, unevaluable or
 * unexplained denied outcome, each naming the principals it concerns. Sorted and deterministic.
 */
export function formatMatrixSarif(unrendered: AccessMatrixData, rules: readonly RuleDescriptor[]): string {
  const matrix = renderMatrix(unrendered);
  const resultsOfCause = matrix.causes.map(() => new Set<number>());
  for (const cell of matrix.cells) for (const index of cell.causes) resultsOfCause[index]!.add(cell.result);
  const findings = [
    ...matrix.causes.map((cause, index) => causeFinding(matrix, cause, resultsOfCause[index]!)),
    ...outcomeFindings(matrix),
    ...warningFindings(matrix),
  ];
  return sarifLog(
    matrix.tool,
    rules,
    findings,
    {
      kind: 'matrix',
      region: matrix.region,
      ...callOptionsIn(matrix),
      models: [...matrix.models],
      summary: matrix.summary,
      catalogDate: matrix.catalogDate,
    },
    matrix.warnings?.length ? [INPUT_WARNING_RULE] : [],
  );
}

/** Each input warning (once per policy) as a result at its file:line:column. */
function warningFindings(matrix: AccessMatrix): SarifFinding[] {
  const report = matrix.results[0]?.report;
  if (!report) return [];
  return (matrix.warnings ?? []).map((warning) => ({
    finding: {
      rule: INPUT_WARNING_RULE.id,
      severity: 'warning',
      title: warning.code,
      cause: warning.message,
      locations: [{ file: warning.file, line: warning.line, column: warning.column }],
      checks: [],
      fixes: [],
    },
    report,
  }));
}

/** The cause as one finding: its statements in every principal's report, its merged fixes. */
function causeFinding(matrix: AccessMatrix, cause: MatrixCause, results: ReadonlySet<number>): SarifFinding {
  const first = displayArnOf(matrix, cause.principals[0]);
  const template = cause.cause.split(first).join(PRINCIPAL);
  const matches: { finding: Finding; report: CheckReport }[] = [];
  for (const resultIndex of results) {
    const { report, displayArn } = matrix.results[resultIndex]!;
    const finding = report.findings.find(
      (candidate) =>
        candidate.rule === cause.rule &&
        candidate.severity === cause.severity &&
        candidate.title === cause.title &&
        candidate.checks.join('\n') === cause.checks.join('\n') &&
        candidate.cause.split(displayArn).join(PRINCIPAL) === template,
    );
    if (finding) matches.push({ finding, report });
  }
  const base = matches[0];
  const finding: Finding = {
    ...(base?.finding ?? { locations: [] }),
    rule: cause.rule,
    severity: cause.severity,
    title: cause.title,
    cause: cause.cause,
    ...(cause.predictedError ? { predictedError: cause.predictedError } : {}),
    checks: cause.checks,
    locations: matches.flatMap((match) => match.finding.locations),
    fixes: cause.fixes.map((entry) => entry.fix),
    ...(cause.alternatives ? { alternatives: cause.alternatives } : {}),
  };
  return {
    finding,
    report: base?.report ?? matrix.results[0]!.report,
    extraMessage: principalsText(cause.model, cause.region, cause.principals),
  };
}

/**
 * What makes a cell fail without a cause of its own (a condition the policies test, what could not be
 * evaluated, a denial no finding explains), once per distinct outcome of a model, with its principals.
 */
function outcomeFindings(matrix: AccessMatrix): SarifFinding[] {
  const principalsOf = new Map<number, string[]>();
  for (const cell of matrix.cells) {
    const list = principalsOf.get(cell.result) ?? [];
    list.push(cell.principal);
    principalsOf.set(cell.result, list);
  }
  const merged = new Map<string, { finding: VerdictFinding; report: CheckReport; principals: string[] }>();
  for (const [resultIndex, principals] of principalsOf) {
    const { report, displayArn } = matrix.results[resultIndex]!;
    for (const finding of verdictFindings(report)) {
      const key = JSON.stringify([
        report.input.model,
        finding.rule,
        finding.cause.split(displayArn).join(PRINCIPAL),
        finding.checks,
      ]);
      const entry = merged.get(key);
      if (entry) entry.principals.push(...principals);
      else
        merged.set(key, {
          finding: { ...finding, cause: finding.cause.split(displayArn).join(PRINCIPAL) },
          report,
          principals: [...principals],
        });
    }
  }
  return [...merged.values()].map(({ finding, report, principals }) => {
    const sorted = [...new Set(principals)].sort(compare);
    return {
      finding: { ...finding, cause: finding.cause.split(PRINCIPAL).join(displayArnOf(matrix, sorted[0])) },
      report,
      extraMessage: principalsText(report.input.model, report.input.region, sorted),
    };
  });
}

function principalsText(model: string, region: string, principals: readonly string[]): string {
  const named = principals.slice(0, NAMED_PRINCIPALS);
  const more = principals.length - named.length;
  return `\n${model} in ${region}, ${principals.length} principal${principals.length === 1 ? '' : 's'}: ${named.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

const displayArns = new WeakMap<AccessMatrix, Map<string, string>>();

function displayArnOf(matrix: AccessMatrix, arn: string | undefined): string {
  let byArn = displayArns.get(matrix);
  if (!byArn) {
    byArn = new Map(matrix.principals.map((principal) => [principal.arn, principal.displayArn]));
    displayArns.set(matrix, byArn);
  }
  return (arn !== undefined ? byArn.get(arn) : undefined) ?? arn ?? '';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
