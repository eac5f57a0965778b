import type { IacReport as IacReportData } from '../model/index.js';
import { callOptionsLine } from './call-options-text.js';
import { renderIac } from './words/message-lists.js';
import type { Worded } from './words/message-words.js';
import type { IacCell, Severity } from '../model/index.js';
import { PLAIN, type Style } from './style.js';

/** The report for a terminal: findings at their file:line first, then the access of each principal. */
export function formatIacText(unrendered: IacReportData, style: Style = PLAIN): string {
  // Hints in the analysis's notes and assumptions are codes; the CLI's words replace them here.
  const report = renderIac(unrendered);
  const out: string[] = [];
  const paint: Readonly<Record<Severity, (text: string) => string>> = {
    error: style.red,
    warning: style.yellow,
    note: style.dim,
  };
  out.push(style.bold(`policy-check iac ${report.root}`));
  out.push(
    `${report.config ? `config ${report.config}` : 'no .policy-check.yml: built-in rules only'}; account ${report.account ?? 'not given (placeholder)'}; Region ${report.regions.join(', ')}`,
  );
  out.push(
    `${report.principals.length} principal(s) from ${report.files.length} file(s); models (${report.modelsFrom}): ${report.models.join(', ') || 'none'}`,
  );
  const call = callOptionsLine(report);
  if (call) out.push(call);
  for (const warning of report.warnings)
    out.push(
      style.yellow(`${warning.file}:${warning.line}:${warning.column}: ${warning.severity}: ${warning.message}`),
    );
  out.push('');
  if (report.findings.length > 0) {
    out.push(style.bold('Findings'));
    for (const finding of report.findings)
      out.push(
        `  ${finding.file}:${finding.line}:${finding.column}  ${paint[finding.severity](finding.severity)}  ${finding.rule}  ${finding.message}`,
      );
    out.push('');
  }
  if (report.cells.length > 0) {
    out.push(style.bold('Access'));
    for (const principal of report.principals) {
      const cells = report.cells.filter((cell) => cell.principal === principal.key);
      if (cells.length === 0) continue;
      out.push(`  ${principal.key}  (${principal.address}, ${principal.file}:${principal.line})`);
      for (const cell of cells)
        out.push(`    ${verdictText(cell, style)}  ${cell.model}  ${cell.region}${detail(cell)}`);
    }
    out.push('');
  }
  if (report.diff) {
    out.push(style.bold(`Access changes since ${report.diff.base}`));
    if (report.diff.rows.length === 0) out.push('  none');
    for (const row of report.diff.rows)
      out.push(
        `  ${row.changes[0]}  ${row.principal}  ${row.model}  ${row.region}: ${row.old?.verdict ?? '—'} → ${row.new?.verdict ?? '—'}`,
      );
    for (const text of report.diff.notes) out.push(style.dim(`  note: ${text}`));
    out.push('');
  }
  for (const text of report.assumptions) out.push(style.dim(`assumption: ${text}`));
  for (const text of report.notes) out.push(style.dim(`note: ${text}`));
  const { errors, warnings, notes, suppressed } = report.summary;
  out.push(
    `${errors} error(s), ${warnings} warning(s), ${notes} note(s)${suppressed > 0 ? `, ${suppressed} suppressed` : ''}: ${report.fails ? style.red(`fails (${failReasons(report).join('; ')})`) : style.green('passes')}`,
  );
  return `${out.join('\n')}\n`;
}

/** What failed the run: the findings at or above --fail-on, the access changes since --base it names, or both. */
function failReasons(report: Worded<IacReportData>): string[] {
  const { errors, warnings } = report.summary;
  const findings = report.failOn === 'error' ? errors : report.failOn === 'warning' ? errors + warnings : 0;
  return [
    ...(findings > 0 ? [`--fail-on ${report.failOn}`] : []),
    ...(report.diff?.fails
      ? [`access changed since ${report.diff.base}: --fail-on ${report.diff.failOn.join(', ')}`]
      : []),
  ];
}

function verdictText(cell: Worded<IacCell>, style: Style): string {
  const text = verdictWord(cell).padEnd(11);
  if (cell.verdict === 'allowed' && !cell.predictedError) return style.green(text);
  if (cell.verdict === 'denied' || cell.predictedError) return style.red(text);
  return style.yellow(text);
}

/** IAM's verdict, or `fails` when IAM allows the call but Bedrock still refuses it (a model past its end of life). */
export function verdictWord(cell: Pick<IacCell, 'verdict' | 'predictedError'>): string {
  return cell.verdict === 'allowed' && cell.predictedError ? 'fails' : cell.verdict;
}

function detail(cell: Worded<IacCell>): string {
  const parts = [
    ...(cell.dependsOn?.length ? [`depends on ${cell.dependsOn.join('; ')}`] : []),
    ...(cell.predictedError ? [`${cell.predictedError.exception}: ${cell.predictedError.message}`] : []),
  ];
  return parts.length > 0 ? `  — ${parts.join('; ')}` : '';
}
