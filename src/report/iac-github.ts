import type { IacReport } from './words/worded-reports.js';
import type { IacReport as IacReportData } from '../model/index.js';
import { renderIac } from './words/message-lists.js';
import type { Severity } from '../model/index.js';
import type { WordedIacFinding as IacFinding } from './words/message-words.js';

/** GitHub shows at most 10 annotations of each level per step; the rest go to the step summary. */
export const ANNOTATIONS_PER_LEVEL = 10;

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', note: 'notice' };

/**
 * The findings as GitHub Actions workflow commands (`::error file=…,line=…,endLine=…,title=…::message`), at
 * most ANNOTATIONS_PER_LEVEL per level, then one line saying how many are left for the step summary.
 * Escaping as the Actions toolkit does it (packages/core/src/command.ts): data escapes %, CR and LF;
 * properties also : and ,.
 */
export function formatIacGithub(unrendered: IacReportData): string {
  // Hints in the analysis's notes and assumptions are codes; the CLI's words replace them here.
  const report = renderIac(unrendered);
  const lines: string[] = [];
  for (const [severity, findings] of bySeverity(report)) {
    for (const finding of findings.slice(0, ANNOTATIONS_PER_LEVEL)) lines.push(annotation(severity, finding));
  }
  const left = overflow(report).length;
  lines.push(
    `policy-check iac: ${report.summary.errors} error(s), ${report.summary.warnings} warning(s), ${report.summary.notes} note(s)${left > 0 ? `; ${left} more than GitHub annotates are in the step summary` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The findings past the annotation limit, as Markdown for `$GITHUB_STEP_SUMMARY`; empty when none are. */
export function iacGithubStepSummary(unrendered: IacReportData): string {
  const rest = overflow(renderIac(unrendered));
  if (rest.length === 0) return '';
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return [
    `### policy-check iac: ${rest.length} finding(s) beyond the annotation limit`,
    '',
    '| level | file | rule | message |',
    '|---|---|---|---|',
    ...rest.map(
      (finding) =>
        `| ${finding.severity} | \`${cell(finding.file)}:${finding.line}\` | ${finding.rule} | ${cell(finding.message)} |`,
    ),
    '',
  ].join('\n');
}

function bySeverity(report: IacReport): [Severity, IacFinding[]][] {
  return (['error', 'warning', 'note'] as const).map((severity) => [
    severity,
    report.findings.filter((finding) => finding.severity === severity),
  ]);
}

function overflow(report: IacReport): IacFinding[] {
  return bySeverity(report).flatMap(([, findings]) => findings.slice(ANNOTATIONS_PER_LEVEL));
}

function annotation(severity: Severity, finding: IacFinding): string {
  const properties = [
    `file=${escapeProperty(finding.file)}`,
    `line=${finding.line}`,
    `endLine=${finding.endLine ?? finding.line}`,
    `col=${finding.column}`,
    `title=${escapeProperty(`${finding.rule}: ${finding.title}`)}`,
  ];
  return `::${COMMAND[severity]} ${properties.join(',')}::${escapeData(finding.message)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
