import type { AccessMatrix, MatrixCause } from './words/worded-reports.js';
import type { AccessMatrix as AccessMatrixData } from '../model/index.js';
import { formatInputIssue, type MatrixCell } from '../model/index.js';
import { renderMatrix } from './words/message-lists.js';
import { OWNER_NAMES, showsStatement, statementJson, verificationText } from './fix-text.js';
import { PLAIN, type Style } from './style.js';
import { callOptionsLine } from './call-options-text.js';

/** How many principals a cause names before "and N more". */
const NAMED_PRINCIPALS = 10;

/** ✓ allowed, ✗ denied (or allowed but stopped by an error finding), ? conditional or incomplete. */
export function cellSymbol(cell: Pick<MatrixCell, 'verdict' | 'fails'>): '✓' | '✗' | '?' {
  if (cell.verdict === 'denied' || cell.fails) return '✗';
  return cell.verdict === 'allowed' ? '✓' : '?';
}

/**
 * The matrix for people: the principal × model table (models numbered in the header), then one block
 * per distinct cause with the principals it concerns and one fix per change; then what was assumed.
 */
export function formatMatrixText(unrendered: AccessMatrixData, style: Style = PLAIN): string {
  const matrix = renderMatrix(unrendered);
  const blocks: string[][] = [];
  const call = callOptionsLine(matrix);
  blocks.push([`${style.bold(countsText(matrix))} (${scopeText(matrix)})`, ...(call ? [call] : [])]);
  blocks.push(tableLines(matrix, style));
  matrix.causes.forEach((cause, index) => {
    blocks.push(causeLines(cause, index, style));
  });
  if (matrix.unresolved.length > 0) blocks.push(['Unresolved:', ...matrix.unresolved.map((line) => `  - ${line}`)]);
  if (matrix.assumptions.length > 0) blocks.push(['Assumptions:', ...matrix.assumptions.map((line) => `  - ${line}`)]);
  if (matrix.notes.length > 0) blocks.push(['Notes:', ...matrix.notes.map((line) => `  - ${line}`)]);
  if (matrix.warnings?.length)
    blocks.push(['Warnings:', ...matrix.warnings.map((warning) => `  - ${formatInputIssue(warning)}`)]);
  blocks.push([style.dim(computedText(matrix))]);
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}

/** "8 checks: 2 allowed, 6 denied, 0 conditional or incomplete" */
export function countsText({ summary }: AccessMatrix): string {
  return `${summary.cells} checks: ${summary.allowed} allowed, ${summary.denied + summary.fails} denied, ${summary.conditional + summary.incomplete} conditional or incomplete`;
}

/** "4 principals × 2 models in us-east-1" */
export function scopeText(matrix: AccessMatrix): string {
  const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  return `${counted(matrix.principals.length, 'principal')} × ${counted(matrix.models.length, 'model')} in ${matrix.region}`;
}

/** The closing line: how the matrix was computed, from which catalog, by which version. */
export function computedText(matrix: AccessMatrix): string {
  const { summary } = matrix;
  return `${summary.principalGroups} groups of principals with the same effective policies, ${summary.evaluations} evaluations; Bedrock model catalog dated ${matrix.catalogDate}; policy-check ${matrix.tool.version}`;
}

function tableLines(matrix: AccessMatrix, style: Style): string[] {
  const names = matrix.principals.map((principal) => `${principal.type} ${principal.name}`);
  const width = Math.max(9, ...names.map((name) => name.length));
  const columns = matrix.models.map((_, index) => String(index + 1).padStart(3));
  const lines = matrix.models.map((model, index) => `  ${String(index + 1).padStart(2)}  ${model}`);
  lines.unshift('Models:');
  lines.push('', `${'principal'.padEnd(width)} ${columns.join('')}`);
  const byPrincipal = new Map<string, MatrixCell[]>();
  for (const cell of matrix.cells) {
    const row = byPrincipal.get(cell.principal) ?? [];
    row.push(cell);
    byPrincipal.set(cell.principal, row);
  }
  matrix.principals.forEach((principal, index) => {
    const row = byPrincipal.get(principal.arn) ?? [];
    const symbols = matrix.models.map((model) => {
      const cell = row.find((candidate) => candidate.model === model);
      if (!cell) return '  -';
      const symbol = cellSymbol(cell);
      const colored = symbol === '✓' ? style.green(symbol) : symbol === '✗' ? style.red(symbol) : style.yellow(symbol);
      return `  ${colored}`;
    });
    lines.push(`${names[index]!.padEnd(width)} ${symbols.join('')}`);
  });
  lines.push('', style.dim('✓ allowed  ✗ denied  ? conditional or incomplete'));
  return lines;
}

function causeLines(cause: MatrixCause, index: number, style: Style): string[] {
  const count = cause.principals.length;
  const lines = [
    style.bold(`[${index + 1}] ${cause.severity.toUpperCase()} ${cause.title}`) +
      ` — ${cause.model} in ${cause.region}, ${count} principal${count === 1 ? '' : 's'}`,
  ];
  if (cause.predictedError)
    lines.push(
      `  ${cause.predictedError.exception}: ${cause.predictedError.message}`,
      '    (each principal with its own ARN)',
    );
  lines.push(`  Cause: ${cause.cause}`);
  const named = cause.principals.slice(0, NAMED_PRINCIPALS);
  lines.push(`  Principals: ${named.join(', ')}${count > named.length ? `, and ${count - named.length} more` : ''}`);
  // One edit may add several statements: each arrives as a fix with the same summary, shown under one label.
  const keyOf = ({ fix, principals }: MatrixCause['fixes'][number]) =>
    `${fix.summary}\u0000${fix.file}\u0000${principals.join(',')}`;
  const labels = [...new Set(cause.fixes.map(keyOf))];
  cause.fixes.forEach((entry, fixIndex) => {
    const { fix, principals } = entry;
    const key = keyOf(entry);
    const first = fixIndex === 0 || keyOf(cause.fixes[fixIndex - 1]!) !== key;
    const last = fixIndex === cause.fixes.length - 1 || keyOf(cause.fixes[fixIndex + 1]!) !== key;
    if (first) {
      const label = labels.length === 1 ? 'Fix' : `Fix ${labels.indexOf(key) + 1}`;
      lines.push(
        `  ${label}${fix.alternative ? ' (alternative)' : ''}: ${fix.summary} — for ${principals.length} principal${principals.length === 1 ? '' : 's'} (${OWNER_NAMES[fix.owner]})`,
      );
    }
    if (showsStatement(fix)) {
      lines.push(`    statement for ${fix.file ?? 'a new policy'}:`, `      ${statementJson(fix.statement, '      ')}`);
    }
    for (const step of fix.steps ?? []) lines.push(`    - ${step}`);
    if (last) lines.push(`    ${verificationText(fix)}`);
  });
  for (const alternative of cause.alternatives ?? []) lines.push(`  - ${alternative}`);
  return lines;
}
