import { ACCESS_CHANGE_KINDS, type AccessDiffReport, type AccessDiffRow, type CheckChange } from '../model/index.js';
import { CHANGE_TITLES, checkStateText, diffHeadline, failText, newMessage, summaryText } from './diff-wording.js';
import { escapeCell, escapeText, inlineCode } from './markdown.js';

/** A table cell lists this many changed checks; the rest are counted (the JSON report has them all). */
const CHECKS_PER_CELL = 6;

/**
 * The diff as a pull-request comment (GitHub-flavored Markdown): the headline, then one table per kind
 * of change, each row a principal × model with its verdicts and the checks that changed, and the errors
 * AWS now returns. Deterministic: the same report gives the same bytes.
 */
export function formatDiffMarkdown(report: AccessDiffReport): string {
  const blocks = [
    `### policy-check diff: ${diffHeadline(report)}`,
    `**${escapeText(summaryText(report))}** (principal × model × Region) — OLD ${inlineCode(report.old.file)} → NEW ${inlineCode(report.new.file)}; ${escapeText(failText(report))}.`,
  ];
  for (const kind of ACCESS_CHANGE_KINDS) {
    const rows = report.rows.filter((row) => row.changes[0] === kind);
    if (rows.length === 0) continue;
    blocks.push(`#### ${escapeText(CHANGE_TITLES[kind])}`, table(rows));
    const messages = newMessages(rows);
    if (messages.length > 0)
      blocks.push(
        `<details><summary>Errors AWS now returns (${messages.length})</summary>\n\n${messages.map((message) => `- ${escapeText(message)}`).join('\n')}\n\n</details>`,
      );
  }
  if (report.notes.length > 0)
    blocks.push(`**Notes:**\n\n${report.notes.map((note) => `- ${escapeText(note)}`).join('\n')}`);
  blocks.push(`<sub>policy-check ${escapeText(report.tool.version)}</sub>`);
  return `${blocks.join('\n\n')}\n`;
}

function table(rows: readonly AccessDiffRow[]): string {
  return [
    '| Principal | Model | Region | Before | After | What changed |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${[
          code(row.principal),
          code(row.model),
          code(row.region),
          escapeCell(row.old?.verdict ?? 'absent'),
          escapeCell(row.new?.verdict ?? 'absent'),
          whatChanged(row),
        ].join(' | ')} |`,
    ),
  ].join('\n');
}

function whatChanged(row: AccessDiffRow): string {
  const items: string[] = [];
  if (row.changes.length > 1) items.push(escapeCell(`also ${row.changes.slice(1).join(', ')}`));
  items.push(...row.checks.slice(0, CHECKS_PER_CELL).map(checkCell));
  if (row.checks.length > CHECKS_PER_CELL)
    items.push(escapeCell(`… and ${row.checks.length - CHECKS_PER_CELL} more checks (see --format json)`));
  if (row.old && row.new) {
    const before = row.old.findings;
    const after = row.new.findings;
    for (const finding of before) if (!after.includes(finding)) items.push(escapeCell(`finding no longer: ${finding}`));
    for (const finding of after) if (!before.includes(finding)) items.push(escapeCell(`finding now: ${finding}`));
  }
  return items.length > 0 ? items.join('<br>') : '—';
}

function checkCell(check: CheckChange): string {
  return `${code(check.action)} on ${code(check.resource)}: ${escapeCell(`${checkStateText(check.old)} → ${checkStateText(check.new)}`)}`;
}

/** The NEW side's errors that differ from OLD's, once each, sorted. */
function newMessages(rows: readonly AccessDiffRow[]): string[] {
  const messages = new Set<string>();
  for (const row of rows)
    for (const check of row.checks) {
      const message = newMessage(check.old, check.new);
      if (message) messages.add(message);
    }
  return [...messages].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Inline code in a table cell: GitHub splits cells on "|" even inside backticks unless escaped. */
function code(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|');
}
