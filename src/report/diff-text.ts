import { ACCESS_CHANGE_KINDS, type AccessDiffReport, type AccessDiffRow, type CheckChange } from '../model/index.js';
import { renderDiffHints } from './cli-hints.js';
import {
  CHANGE_TITLES,
  checkStateText,
  diffHeadline,
  failText,
  newMessage,
  summaryText,
  verdictText,
} from './diff-wording.js';

/**
 * The diff for people: the headline and counts, then one section per kind of change (a row sits under
 * its most severe kind) with each principal × model, its verdicts before and after, and the checks that
 * changed. Deterministic: rows and checks come sorted from the analysis.
 */
export function formatDiffText(report: AccessDiffReport): string {
  const lines = [
    `${diffHeadline(report)} — ${summaryText(report)} (principal × model × Region)`,
    `OLD ${report.old.file} → NEW ${report.new.file}; ${failText(report)}`,
  ];
  for (const kind of ACCESS_CHANGE_KINDS) {
    const rows = report.rows.filter((row) => row.changes[0] === kind);
    if (rows.length === 0) continue;
    lines.push('', `${CHANGE_TITLES[kind]}:`);
    for (const row of rows) lines.push(...rowLines(row));
  }
  const notes = renderDiffHints(report.notes);
  if (notes.length > 0) lines.push('', 'Notes:', ...notes.map((note) => `  - ${note}`));
  return `${lines.join('\n')}\n`;
}

function rowLines(row: AccessDiffRow): string[] {
  const also = row.changes.slice(1);
  const lines = [
    `  ${row.principal} × ${row.model} in ${row.region}: ${verdictText(row.old)} → ${verdictText(row.new)}${also.length > 0 ? ` (also ${also.join(', ')})` : ''}`,
  ];
  // A row only in one report lists no checks: every one of them is absent on the other side.
  if (row.old && row.new) for (const check of row.checks) lines.push(...checkLines(check, row.region));
  const oldFindings = row.old?.findings ?? [];
  const newFindings = row.new?.findings ?? [];
  if (row.old && row.new) {
    for (const finding of oldFindings)
      if (!newFindings.includes(finding)) lines.push(`    - finding no longer: ${finding}`);
    for (const finding of newFindings) if (!oldFindings.includes(finding)) lines.push(`    + finding now: ${finding}`);
  }
  return lines;
}

function checkLines(check: CheckChange, region: string): string[] {
  const where = check.requestedRegion !== region ? ` (${check.requestedRegion})` : '';
  const lines = [
    `    ${check.action} on ${check.resource}${where}: ${checkStateText(check.old)} → ${checkStateText(check.new)}`,
  ];
  const message = newMessage(check.old, check.new);
  if (message) lines.push(`      AWS now returns: ${message}`);
  return lines;
}
