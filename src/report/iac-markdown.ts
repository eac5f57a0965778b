import type { IacReport as IacReportData } from '../model/index.js';
import { renderIac } from './words/message-lists.js';
import { callOptionPhrases } from './call-options-text.js';
import { verdictWord } from './iac-text.js';
import { escapeText, inlineCode } from './markdown.js';

/** GitHub refuses a comment body longer than this many characters. */
export const MAX_COMMENT_CHARACTERS = 65_536;

/**
 * The report as a pull-request comment: the summary, the findings with their file:line, access changes
 * (with `--base`) and the cells that are not allowed. Rows that would take the comment past GitHub's limit
 * are left out, and the comment says how many.
 */
export function formatIacMarkdown(unrendered: IacReportData): string {
  // Hints in the analysis's notes and assumptions are codes; the CLI's words replace them here.
  const report = renderIac(unrendered);
  const { errors, warnings, notes, suppressed } = report.summary;
  const head = [
    `## policy-check iac: ${report.fails ? '❌' : '✅'} ${errors} error(s), ${warnings} warning(s), ${notes} note(s)${suppressed > 0 ? `, ${suppressed} suppressed` : ''}`,
    '',
    `Account ${report.account ? `\`${report.account}\`` : 'not given (placeholder)'}, Region ${report.regions.map((region) => `\`${region}\``).join(', ')}; ${report.principals.length} principal(s) × ${report.models.length} model(s) (${report.modelsFrom}).`,
    '',
  ];
  const call = callOptionPhrases(report, inlineCode);
  if (call.length > 0) head.push(`**Call:** ${call.join(', ')}`, '');
  for (const text of report.diff?.notes ?? [])
    head.push(`> note (since \`${report.diff!.base}\`): ${escapeText(text)}`, '');
  const sections: { title: string; header: string[]; rows: string[] }[] = [];
  if (report.findings.length > 0)
    sections.push({
      title: '### Findings',
      header: ['| | file | rule | message |', '|---|---|---|---|'],
      rows: report.findings.map(
        (finding) =>
          `| ${finding.severity === 'error' ? '❌' : finding.severity === 'warning' ? '⚠️' : 'ℹ️'} | \`${cell(finding.file)}:${finding.line}\` | \`${finding.rule}\` | ${cell(finding.message)} |`,
      ),
    });
  if (report.diff)
    sections.push({
      title: `### Access changes since \`${cell(report.diff.base)}\`${report.diff.fails ? ` (fail the check: --fail-on ${report.diff.failOn.join(', ')})` : ''}`,
      header: ['| change | principal | model | Region | before | after |', '|---|---|---|---|---|---|'],
      rows: report.diff.rows.map(
        (row) =>
          `| ${row.changes[0]} | \`${cell(row.principal)}\` | \`${row.model}\` | ${row.region} | ${row.old?.verdict ?? '—'} | ${row.new?.verdict ?? '—'} |`,
      ),
    });
  const notAllowed = report.cells.filter((entry) => entry.verdict !== 'allowed' || entry.predictedError);
  if (notAllowed.length > 0)
    sections.push({
      title: '### Not allowed',
      header: ['| principal | model | Region | verdict | why |', '|---|---|---|---|---|'],
      rows: notAllowed.map(
        (entry) =>
          `| \`${cell(entry.address)}\` | \`${entry.model}\` | ${entry.region} | ${verdictWord(entry)} | ${cell(
            [
              ...(entry.dependsOn ?? []).map((text) => `depends on ${text}`),
              ...(entry.predictedError ? [`${entry.predictedError.exception}: ${entry.predictedError.message}`] : []),
            ].join('; '),
          )} |`,
      ),
    });
  const out = [...head];
  let length = out.join('\n').length;
  const budget = MAX_COMMENT_CHARACTERS - 400;
  for (const section of sections) {
    const lines = ['', section.title, '', ...section.header];
    let used = lines.join('\n').length + 1;
    if (length + used > budget) break;
    let shown = 0;
    for (const row of section.rows) {
      if (length + used + row.length + 1 > budget) break;
      lines.push(row);
      used += row.length + 1;
      shown++;
    }
    if (shown < section.rows.length)
      lines.push('', `…and ${section.rows.length - shown} more (see the job's log or the SARIF results).`);
    out.push(...lines);
    length += used;
  }
  return `${out.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/`/g, "'");
}
