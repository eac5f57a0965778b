import type { AccessMatrix, MatrixCause, MatrixFix } from './words/worded-reports.js';
import type { AccessMatrix as AccessMatrixData } from '../model/index.js';
import { groupedCount, type MatrixCell } from '../model/index.js';
import { renderMatrix } from './words/message-lists.js';
import { OWNER_NAMES, showsStatement, statementJson, verificationDetail } from './fix-text.js';
import { escapeCell, escapeText, fence, inlineCode, trailerBlocks } from './markdown.js';
import { cellSymbol } from './matrix-text.js';
import { callOptionPhrases } from './call-options-text.js';

/** How many principals a cause lists in the open; more go into a collapsed list. */
const OPEN_PRINCIPALS = 5;

/** GitHub refuses a pull-request comment (or issue body) longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** In a comment over the limit, how many principals and fixes a cause shows in the open. */
const BUDGET_PRINCIPALS = 10;
const BUDGET_FIXES = 3;
/** The share of the limit the causes may take before the table gets its rows. */
const CAUSES_SHARE = 0.6;

/**
 * The access matrix as a pull-request comment (GitHub-flavored Markdown): the principal × model table
 * (✓ ✗ ?, with the numbers of the error causes of each cell), then one section per distinct cause
 * with the principals it concerns and one fix per policy that must change. Deterministic.
 *
 * A large account's report would not fit a comment (`limit` characters): then it keeps the summary, the
 * causes in their order (errors first, most principals first) with their first fixes, as many as fit,
 * the titles of the others in a collapsed list, and as many table rows as fit (principals with a cell not
 * allowed first), and says what was left out and that the JSON or HTML report has everything. Blocks and
 * rows are left out whole: never half a table row or code block.
 */
export function formatMatrixMarkdown(unrendered: AccessMatrixData, limit = GITHUB_COMMENT_LIMIT): string {
  const matrix = renderMatrix(unrendered);
  const full = joinBlocks([
    ...headBlocks(matrix),
    table(matrix),
    LEGEND,
    ...(matrix.causes.length > 0 ? ['#### Causes'] : []),
    ...matrix.causes.flatMap((cause, index) => causeBlocks(cause, index + 1)),
    ...trailerBlocks(matrix),
    footer(matrix),
  ]);
  return full.length <= limit ? full : budgeted(matrix, limit);
}

const LEGEND = '✓ allowed · ✗ denied · ? conditional or incomplete · numbers: the causes below';

function headBlocks(matrix: AccessMatrix): string[] {
  const { summary } = matrix;
  return [
    `### policy-check scan: ${summary.allowed} of ${summary.cells} allowed`,
    `**${summary.allowed} allowed, ${summary.denied + summary.fails} denied, ${summary.conditional + summary.incomplete} conditional or incomplete** — ${matrix.principals.length} principal${matrix.principals.length === 1 ? '' : 's'} × ${matrix.models.length} model${matrix.models.length === 1 ? '' : 's'} in ${inlineCode(matrix.region)}`,
    ...callBlock(matrix),
  ];
}

/** The call options every cell was checked with, when any was given. */
function callBlock(matrix: AccessMatrix): string[] {
  const call = callOptionPhrases(matrix, inlineCode);
  return call.length > 0 ? [`**Call:** ${call.join(', ')}`] : [];
}

function footer(matrix: AccessMatrix): string {
  const { summary } = matrix;
  return `<sub>policy-check ${escapeText(matrix.tool.version)} · Bedrock model catalog dated ${escapeText(matrix.catalogDate)} · ${summary.principalGroups} groups of principals with the same effective policies, ${summary.evaluations} evaluations</sub>`;
}

function joinBlocks(blocks: readonly string[]): string {
  return `${blocks.join('\n\n')}\n`;
}

/** The comment cut to `limit` characters by whole blocks and rows, most important first. */
function budgeted(matrix: AccessMatrix, limit: number): string {
  // Room for the notice of what was left out, written once the counts are known.
  const noticeRoom = 600;
  const trailer = trailerWithin(matrix, Math.floor(limit * 0.1));
  const fixed = [...headBlocks(matrix), LEGEND, '#### Causes', ...trailer.blocks, footer(matrix)];
  let used = fixed.reduce((sum, block) => sum + block.length + 2, noticeRoom);

  const open: string[] = [];
  let shown = 0;
  for (const [index, cause] of matrix.causes.entries()) {
    const block = causeBlocks(cause, index + 1, { principals: BUDGET_PRINCIPALS, fixes: BUDGET_FIXES }).join('\n\n');
    if (used + block.length + 2 > limit * CAUSES_SHARE) break;
    open.push(block);
    used += block.length + 2;
    shown++;
  }
  const titles: string[] = [];
  const titlesRoom = Math.floor(limit * 0.15);
  let titlesUsed = 0;
  for (const [index, cause] of matrix.causes.entries()) {
    if (index < shown) continue;
    const line = `- ${index + 1}. ${causeTitle(cause)} (${inlineCode(cause.model)}, ${cause.principals.length} principal${cause.principals.length === 1 ? '' : 's'})`;
    if (titlesUsed + line.length + 1 > titlesRoom) break;
    titles.push(line);
    titlesUsed += line.length + 1;
  }
  const rest = matrix.causes.length - shown;
  const collapsed =
    rest > 0
      ? `<details><summary>${rest} more cause${rest === 1 ? '' : 's'}${titles.length < rest ? ` (${titles.length} listed)` : ''}</summary>\n\n${titles.join('\n')}\n\n</details>`
      : '';
  used += collapsed.length + 2;

  const rows = tableWithin(matrix, limit - used);
  const omitted = [
    rows.shown < matrix.principals.length
      ? `${matrix.principals.length - rows.shown} of ${matrix.principals.length} table rows (principals)`
      : '',
    rest > 0 ? `the details of ${rest} of ${matrix.causes.length} causes` : '',
    shown > 0 &&
    matrix.causes.some(
      (cause, index) =>
        index < shown && (cause.fixes.length > BUDGET_FIXES || cause.principals.length > BUDGET_PRINCIPALS),
    )
      ? `fixes and principals past the first ${BUDGET_FIXES} and ${BUDGET_PRINCIPALS} of a cause`
      : '',
    trailer.omitted > 0 ? `${trailer.omitted} assumptions, notes or warnings` : '',
  ].filter((item) => item !== '');
  const notice = `> [!NOTE]\n> This report is longer than a GitHub comment allows (${groupedCount(GITHUB_COMMENT_LIMIT)} characters), so it leaves out ${omitted.join('; ')}. Errors and the causes that concern the most principals come first. The full report is in the JSON (\`--format json\`) or HTML (\`--format html\`) report of this scan, e.g. the CI artifact.`;
  return joinBlocks([
    ...headBlocks(matrix),
    notice,
    rows.text,
    LEGEND,
    ...(matrix.causes.length > 0 ? ['#### Causes', ...open, ...(collapsed ? [collapsed] : [])] : []),
    ...trailer.blocks,
    footer(matrix),
  ]);
}

/** The trailer sections with as many items as fit `room`, and how many items were left out. */
function trailerWithin(matrix: AccessMatrix, room: number): { blocks: string[]; omitted: number } {
  let left = room;
  let omitted = 0;
  const take = <T>(items: readonly T[], text: (item: T) => string): T[] => {
    const kept: T[] = [];
    for (const item of items) {
      const size = text(item).length + 3;
      if (size > left) {
        omitted++;
        continue;
      }
      left -= size;
      kept.push(item);
    }
    return kept;
  };
  const warnings = take(matrix.warnings ?? [], (warning) =>
    escapeText(`${warning.file}:${warning.line}: ${warning.message}`),
  );
  const blocks = trailerBlocks({
    unresolved: take(matrix.unresolved, escapeText),
    assumptions: take(matrix.assumptions, escapeText),
    notes: take(matrix.notes, escapeText),
    warnings,
  });
  return { blocks, omitted };
}

/**
 * The whole table when it fits `room`; else only principals with a cell not allowed (a row of ✓ says
 * nothing a reviewer must act on), as many as fit, in the table's order.
 */
function tableWithin(matrix: AccessMatrix, room: number): { text: string; shown: number } {
  const rows = tableRows(matrix);
  const header = tableHeader(matrix);
  const whole = [header, ...rows.map((row) => row.text)].join('\n');
  if (whole.length <= room) return { text: whole, shown: rows.length };
  const failing = rows.filter((row) => !row.allowed);
  const note = (shown: number) =>
    `\n\n${shown} of ${rows.length} principals shown: ${shown < failing.length ? `the first ${shown} of the ${failing.length}` : 'the'} principals with a cell not allowed; the others are in the full report.`;
  let used = header.length + note(failing.length).length + 100;
  const kept: string[] = [];
  for (const row of failing) {
    if (used + row.text.length + 1 > room) break;
    kept.push(row.text);
    used += row.text.length + 1;
  }
  // Collapsed, so that the causes, which say what to change, are what the comment shows first.
  return {
    text: `<details><summary>The table: ${kept.length} of ${rows.length} principals</summary>\n\n${[header, ...kept].join('\n')}${note(kept.length)}\n\n</details>`,
    shown: kept.length,
  };
}

function table(matrix: AccessMatrix): string {
  return [tableHeader(matrix), ...tableRows(matrix).map((row) => row.text)].join('\n');
}

function tableHeader(matrix: AccessMatrix): string {
  return [
    `| Principal | ${matrix.models.map((model) => escapeCell(model)).join(' | ')} |`,
    `| --- | ${matrix.models.map(() => ':-:').join(' | ')} |`,
  ].join('\n');
}

function tableRows(matrix: AccessMatrix): { text: string; allowed: boolean }[] {
  const byPrincipal = new Map<string, MatrixCell[]>();
  for (const cell of matrix.cells) {
    const row = byPrincipal.get(cell.principal) ?? [];
    row.push(cell);
    byPrincipal.set(cell.principal, row);
  }
  return matrix.principals.map((principal) => {
    const row = byPrincipal.get(principal.arn) ?? [];
    const byModel = new Map(row.map((cell) => [cell.model, cell]));
    const cells = matrix.models.map((model) => {
      const cell = byModel.get(model);
      return cell ? cellText(matrix, cell) : '—';
    });
    return {
      text: `| ${principal.type} ${escapeCell(principal.name)} | ${cells.join(' | ')} |`,
      allowed: cells.every((text) => text === '✓'),
    };
  });
}

/** The symbol, and for a cell that is not allowed the numbers of the error causes that explain it. */
function cellText(matrix: AccessMatrix, cell: MatrixCell): string {
  const symbol = cellSymbol(cell);
  if (symbol === '✓') return symbol;
  const errors = cell.causes.filter((index) => matrix.causes[index]?.severity === 'error').map((index) => index + 1);
  return errors.length > 0 ? `${symbol} ${errors.join(', ')}` : symbol;
}

function causeTitle(cause: MatrixCause): string {
  return escapeText(`${cause.severity.toUpperCase()}: ${cause.title}`);
}

/** At most this many principals and fixes in the open (a comment over the limit); undefined: all. */
interface CauseLimits {
  readonly principals: number;
  readonly fixes: number;
}

function causeBlocks(cause: MatrixCause, n: number, limits?: CauseLimits): string[] {
  const count = cause.principals.length;
  const blocks = [
    `##### ${n}. ${causeTitle(cause)}`,
    `${inlineCode(cause.model)} in ${inlineCode(cause.region)}, ${count} principal${count === 1 ? '' : 's'}`,
  ];
  if (cause.predictedError)
    blocks.push(
      `Predicted error (for the first principal; each gets its own ARN):\n\n${fence(`${cause.predictedError.exception}: ${cause.predictedError.message}`, 'text')}`,
    );
  blocks.push(`**Cause:** ${escapeText(cause.cause)}`, principalsBlock(cause.principals, limits?.principals));
  const groups = fixGroups(cause.fixes);
  const shownGroups = limits ? groups.slice(0, limits.fixes) : groups;
  shownGroups.forEach((group, index) => {
    blocks.push(...fixBlocks(group, groups.length === 1 ? 'Fix' : `Fix ${index + 1}`));
  });
  if (shownGroups.length < groups.length)
    blocks.push(
      `…and ${groups.length - shownGroups.length} more fix${groups.length - shownGroups.length === 1 ? '' : 'es'}: see the full report.`,
    );
  if (cause.alternatives && cause.alternatives.length > 0)
    blocks.push(
      `${cause.fixes.length === 0 ? '**No verified fix.** What else can be done' : '**Also:**'}\n\n${cause.alternatives.map((item) => `- ${escapeText(item)}`).join('\n')}`,
    );
  return blocks;
}

function principalsBlock(principals: readonly string[], limit = principals.length): string {
  const shown = principals.slice(0, limit);
  const items = shown.map((arn) => `- ${inlineCode(arn)}`);
  if (shown.length < principals.length)
    items.push(`- …and ${principals.length - shown.length} more: see the full report`);
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
