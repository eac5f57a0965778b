import type { AccessMatrix, MatrixCause, MatrixCell, MatrixFix } from '../model/index.js';
import { renderCliHints } from './cli-hints.js';
import { OWNER_NAMES, showsStatement, statementJson, verificationDetail } from './fix-text.js';
import { escapeCell, escapeText, fence, inlineCode, trailerBlocks } from './markdown.js';
import { cellSymbol } from './matrix-text.js';

/** How many principals a cause lists in the open; more go into a collapsed list. */
const OPEN_PRINCIPALS = 5;

/**
 * The access matrix as a pull-request comment (GitHub-flavored Markdown): the principal × model table
 * (✓ ✗ ?, with the numbers of the error causes of each cell), then one section per distinct cause
 * with the principals it concerns and one fix per policy that must change. Deterministic.
 */
export function formatMatrixMarkdown(unrendered: AccessMatrix): string {
  const matrix = renderCliHints(unrendered);
  const { summary } = matrix;
  const blocks: string[] = [
    `### policy-check scan: ${summary.allowed} of ${summary.cells} allowed`,
    `**${summary.allowed} allowed, ${summary.denied + summary.fails} denied, ${summary.conditional + summary.incomplete} conditional or incomplete** — ${matrix.principals.length} principal${matrix.principals.length === 1 ? '' : 's'} × ${matrix.models.length} model${matrix.models.length === 1 ? '' : 's'} in ${inlineCode(matrix.region)}`,
    table(matrix),
    '✓ allowed · ✗ denied · ? conditional or incomplete · numbers: the causes below',
  ];
  if (matrix.causes.length > 0) {
    blocks.push('#### Causes');
    matrix.causes.forEach((cause, index) => {
      blocks.push(...causeBlocks(cause, index + 1));
    });
  }
  blocks.push(...trailerBlocks(matrix));
  blocks.push(
    `<sub>policy-check ${escapeText(matrix.tool.version)} · Bedrock model catalog dated ${escapeText(matrix.catalogDate)} · ${summary.principalGroups} groups of principals with the same effective policies, ${summary.evaluations} evaluations</sub>`,
  );
  return `${blocks.join('\n\n')}\n`;
}

function table(matrix: AccessMatrix): string {
  const byPrincipal = new Map<string, MatrixCell[]>();
  for (const cell of matrix.cells) {
    const row = byPrincipal.get(cell.principal) ?? [];
    row.push(cell);
    byPrincipal.set(cell.principal, row);
  }
  const rows = matrix.principals.map((principal) => {
    const row = byPrincipal.get(principal.arn) ?? [];
    const cells = matrix.models.map((model) => {
      const cell = row.find((candidate) => candidate.model === model);
      return cell ? cellText(matrix, cell) : '—';
    });
    return `| ${principal.type} ${escapeCell(principal.name)} | ${cells.join(' | ')} |`;
  });
  return [
    `| Principal | ${matrix.models.map((model) => escapeCell(model)).join(' | ')} |`,
    `| --- | ${matrix.models.map(() => ':-:').join(' | ')} |`,
    ...rows,
  ].join('\n');
}

/** The symbol, and for a cell that is not allowed the numbers of the error causes that explain it. */
function cellText(matrix: AccessMatrix, cell: MatrixCell): string {
  const symbol = cellSymbol(cell);
  if (symbol === '✓') return symbol;
  const errors = cell.causes.filter((index) => matrix.causes[index]?.severity === 'error').map((index) => index + 1);
  return errors.length > 0 ? `${symbol} ${errors.join(', ')}` : symbol;
}

function causeBlocks(cause: MatrixCause, n: number): string[] {
  const count = cause.principals.length;
  const blocks = [
    `##### ${n}. ${escapeText(`${cause.severity.toUpperCase()}: ${cause.title}`)}`,
    `${inlineCode(cause.model)} in ${inlineCode(cause.region)}, ${count} principal${count === 1 ? '' : 's'}`,
  ];
  if (cause.predictedError)
    blocks.push(
      `Predicted error (for the first principal; each gets its own ARN):\n\n${fence(`${cause.predictedError.exception}: ${cause.predictedError.message}`, 'text')}`,
    );
  blocks.push(`**Cause:** ${escapeText(cause.cause)}`, principalsBlock(cause.principals));
  const groups = fixGroups(cause.fixes);
  groups.forEach((group, index) => {
    blocks.push(...fixBlocks(group, groups.length === 1 ? 'Fix' : `Fix ${index + 1}`));
  });
  if (cause.alternatives && cause.alternatives.length > 0)
    blocks.push(
      `${cause.fixes.length === 0 ? '**No verified fix.** What else can be done' : '**Also:**'}\n\n${cause.alternatives.map((item) => `- ${escapeText(item)}`).join('\n')}`,
    );
  return blocks;
}

function principalsBlock(principals: readonly string[]): string {
  const items = principals.map((arn) => `- ${inlineCode(arn)}`);
  if (principals.length <= OPEN_PRINCIPALS) return `**Principals:**\n\n${items.join('\n')}`;
  return `<details><summary>${principals.length} principals</summary>\n\n${items.join('\n')}\n\n</details>`;
}

/** One edit may add several statements: each arrives as a fix with the same summary, file and principals. */
function fixGroups(fixes: readonly MatrixFix[]): MatrixFix[][] {
  const key = ({ fix, principals }: MatrixFix) => `${fix.summary}\u0000${fix.file}\u0000${principals.join(',')}`;
  const groups: MatrixFix[][] = [];
  for (const entry of fixes) {
    const last = groups.at(-1);
    if (last && key(last[0]!) === key(entry)) last.push(entry);
    else groups.push([entry]);
  }
  return groups;
}

function fixBlocks(group: readonly MatrixFix[], label: string): string[] {
  const { fix, principals } = group[0]!;
  const count = principals.length;
  const blocks = [
    `**${label}${fix.alternative ? ' (alternative)' : ''}** (to be made by ${escapeText(OWNER_NAMES[fix.owner])}, for ${count} principal${count === 1 ? '' : 's'}): ${escapeText(fix.summary)}`,
  ];
  for (const { fix: change } of group) {
    if (showsStatement(change))
      blocks.push(
        `Statement for ${change.file ? inlineCode(change.file) : 'a new policy'}:`,
        fence(statementJson(change.statement), 'json'),
      );
    if (change.steps && change.steps.length > 0)
      blocks.push(change.steps.map((step, i) => `${i + 1}. ${escapeText(step)}`).join('\n'));
  }
  const last = group.at(-1)!.fix;
  blocks.push(
    `${last.verification.verified && last.kind !== 'instructions' ? '**Verified:**' : '**Not verified:**'} ${escapeText(verificationDetail(last))}.`,
  );
  return blocks;
}
