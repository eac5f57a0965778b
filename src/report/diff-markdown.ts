import { renderDiffHints } from './cli-hints.js';
import {
  ACCESS_CHANGE_KINDS,
  type AccessChangeKind,
  type AccessDiffReport,
  type AccessDiffRow,
} from '../model/index.js';
import {
  CHANGE_TITLES,
  checkStateText,
  diffHeadline,
  failText,
  newMessage,
  rowReasons,
  summaryText,
  verdictText,
} from './diff-wording.js';
import { escapeCell, escapeText, inlineCode } from './markdown.js';

/** A visible table holds this many rows; the rest of the kind is collapsed under it. */
const VISIBLE_ROWS = 20;

/** What reviewers gate on, shown open; the other kinds are collapsed. */
const OPEN_KINDS: readonly AccessChangeKind[] = ['lost', 'possibly-lost', 'gained', 'possibly-gained'];

/**
 * GitHub refuses a comment longer than 65,536 characters; rows past this budget are left out and counted
 * (the JSON report has them all), leaving room for the lines that close the comment.
 */
export const COMMENT_BUDGET = 60_000;

/**
 * The diff as a pull-request comment (GitHub-flavored Markdown): the summary line first, then one table per
 * kind of change (a row under its most severe kind) with the verdicts and why in a few words; access lost
 * or gained open, the rest and every check in full collapsed. Deterministic: the same report, the same bytes.
 */
export function formatDiffMarkdown(report: AccessDiffReport): string {
  const blocks = [
    `**policy-check diff: ${diffHeadline(report)}** — ${escapeText(summaryText(report))} (principal × model × Region); ${escapeText(failText(report))}`,
    `OLD ${inlineCode(report.old.file)} → NEW ${inlineCode(report.new.file)}`,
  ];
  const budget = { left: COMMENT_BUDGET - blocks.join('\n\n').length, leftOut: 0 };
  for (const kind of ACCESS_CHANGE_KINDS) {
    const rows = report.rows.filter((row) => row.changes[0] === kind);
    if (rows.length === 0) continue;
    const title = `${CHANGE_TITLES[kind]} — ${rows.length}`;
    if (!OPEN_KINDS.includes(kind)) blocks.push(collapsed(escapeText(title), table(rows, budget)));
    else {
      blocks.push(`#### ${escapeText(title)}`, table(rows.slice(0, VISIBLE_ROWS), budget));
      if (rows.length > VISIBLE_ROWS)
        blocks.push(collapsed(`${rows.length - VISIBLE_ROWS} more`, table(rows.slice(VISIBLE_ROWS), budget)));
    }
  }
  const details = within(checkDetails(report.rows), budget);
  if (details.length > 0)
    blocks.push(collapsed('Every changed check, and the error AWS now returns', details.join('\n')));
  if (budget.leftOut > 0)
    blocks.push(
      `_${budget.leftOut} more ${budget.leftOut === 1 ? 'entry is' : 'entries are'} left out to keep this comment within GitHub's limit: see \`--format json\`._`,
    );
  const notes = renderDiffHints(report.notes);
  if (notes.length > 0) blocks.push(`**Notes:**\n\n${notes.map((note) => `- ${escapeText(note)}`).join('\n')}`);
  blocks.push(`<sub>policy-check ${escapeText(report.tool.version)}</sub>`);
  return `${blocks.join('\n\n')}\n`;
}

interface Budget {
  left: number;
  leftOut: number;
}

/** The items that still fit, in order; the others are counted as left out. */
function within(items: readonly string[], budget: Budget): string[] {
  const kept: string[] = [];
  for (const item of items) {
    if (item.length + 1 > budget.left) budget.leftOut++;
    else {
      kept.push(item);
      budget.left -= item.length + 1;
    }
  }
  return kept;
}

/** A <details> block; the blank lines let GitHub render the Markdown inside it. */
function collapsed(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function table(rows: readonly AccessDiffRow[], budget: Budget): string {
  return [
    '| Principal | Model | Region | Before → after | Why |',
    '| --- | --- | --- | --- | --- |',
    ...within(rows.map(rowLine), budget),
  ].join('\n');
}

function rowLine(row: AccessDiffRow): string {
  return `| ${[
    code(row.principal),
    code(row.model),
    code(row.region),
    escapeCell(`${verdictText(row.old)} → ${verdictText(row.new)}`),
    rowReasons(row).map(escapeCell).join('<br>'),
  ].join(' | ')} |`;
}

/** One list item per row with changed checks on both sides, each check in full with its location. */
function checkDetails(rows: readonly AccessDiffRow[]): string[] {
  return rows
    .filter((row) => row.old && row.new && row.checks.length > 0)
    .map((row) => {
      const checks = row.checks.map((check) => {
        const message = newMessage(check.old, check.new);
        const where = check.requestedRegion !== row.region ? ` (${check.requestedRegion})` : '';
        return `  - ${inlineCode(check.action)} on ${inlineCode(check.resource)}${escapeText(where)}: ${escapeText(`${checkStateText(check.old)} → ${checkStateText(check.new)}`)}${message ? `\n    - AWS now returns: ${escapeText(message)}` : ''}`;
      });
      return [`- ${inlineCode(row.principal)} × ${inlineCode(row.model)} in ${inlineCode(row.region)}`, ...checks].join(
        '\n',
      );
    });
}

/** Inline code in a table cell: GitHub splits cells on "|" even inside backticks unless escaped. */
function code(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|');
}
