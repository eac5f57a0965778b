import type { CheckEntry, CheckReport, ReportCondition, ReportStatement } from '../diagnose/types.js';
import type { Finding, Fix } from '../model/index.js';
import { clauseText } from './clause-text.js';
import { fixAction, fixGroups, fixLabel, groupVerificationText, locationText, OWNER_NAMES, POLICY_TYPE_NAMES, predictedErrorText, showsStatement, statementJson, verificationText } from './fix-text.js';
import { possibleOutcomeLines } from './possible-outcomes.js';
import { statusWord } from './status.js';
import { PLAIN, type Style } from './style.js';

/**
 * The report for people: the verdict first; then each error the call would fail with, its cause and
 * verified fix; then one line per check with what decided it; then warnings and notes that do not
 * stop this call (first-use Marketplace permissions, the Anthropic use-case form).
 */
export function formatText(report: CheckReport, style: Style = PLAIN): string {
  const lines: string[] = [verdictLine(report, style), ''];
  const errors = report.findings.filter((finding) => finding.severity === 'error');
  const others = report.findings.filter((finding) => finding.severity !== 'error');
  for (const finding of errors) lines.push(...findingLines(finding, style));
  for (const check of report.checks) lines.push(...checkLines(check, style));
  if (others.length > 0) {
    lines.push(style.bold('Warnings and notes (these do not stop this call once the model is enabled):'), '');
    for (const finding of others) lines.push(...findingLines(finding, style));
  }
  // Each check ends with a blank line; every section below starts with one.
  if (lines[lines.length - 1] === '') lines.pop();
  if (report.unresolved.length > 0) {
    lines.push('', style.bold('Could not be evaluated:'));
    for (const item of report.unresolved) lines.push(`  - ${item}`);
  }
  if (report.assumptions.length > 0) {
    lines.push('', style.bold('Assumptions:'));
    for (const item of report.assumptions) lines.push(`  - ${item}`);
  }
  if (report.notes.length > 0) {
    lines.push('', style.bold('Notes:'));
    for (const item of report.notes) lines.push(`  - ${item}`);
  }
  lines.push('', style.dim(`Bedrock model catalog dated ${report.catalogDate}; policy-check ${report.tool.version}`));
  return `${lines.join('\n')}\n`;
}

function verdictLine(report: CheckReport, style: Style): string {
  const { summary } = report;
  const total = report.checks.length;
  const target = `${report.input.model} in ${report.input.region}`;
  const denied = summary.explicitDeny + summary.implicitDeny;
  switch (report.verdict) {
    case 'allowed':
      return statusWord(report) === 'FAILS'
        ? `${style.red(style.bold('FAILS'))}  ${target}: all ${total} checks allowed by the policies, but the call fails (see below)`
        : `${style.green(style.bold('ALLOWED'))}  ${target}: all ${total} checks allowed`;
    case 'denied':
      return `${style.red(style.bold('DENIED'))}  ${target}: ${denied} of ${total} checks denied`;
    case 'conditional':
      return `${style.yellow(style.bold('CONDITIONAL'))}  ${target}: ${summary.conditional} of ${total} checks depend on request context the policies test`;
    case 'incomplete':
      return `${style.yellow(style.bold('INCOMPLETE'))}  ${target}: not every resource AWS authorizes could be determined (see below)`;
  }
}

/** The error AWS would return, why, and the fix; ends with a blank line like a check. */
function findingLines(finding: Finding, style: Style): string[] {
  const color = finding.severity === 'error' ? style.red : style.yellow;
  const head = finding.severity === 'error' ? (predictedErrorText(finding) ?? finding.title) : `${finding.severity}: ${finding.title}`;
  const lines = [color(style.bold(head))];
  if (finding.severity !== 'error' && finding.predictedError) lines.push(`  ${predictedErrorText(finding)}`);
  lines.push(`  Cause: ${finding.cause}`);
  for (const location of finding.locations) lines.push(`  At: ${locationText(location)}`);
  const groups = fixGroups(finding.fixes);
  groups.forEach((group, i) => lines.push(...groupLines(group, fixLabel(group, groups.length > 1 ? i + 1 : undefined), style)));
  if (finding.fixes.length === 0 && finding.alternatives && finding.alternatives.length > 0) {
    lines.push('  No verified fix; what else can be done:', ...finding.alternatives.map((item) => `    - ${item}`));
  }
  lines.push('');
  return lines;
}

/** Changes that only work together: one block, each change, then one verification line for the set. */
function groupLines(group: readonly Fix[], label: string, style: Style): string[] {
  if (group.length === 1) return [...fixLines(group[0]!, label, style, false), `    ${style.dim(groupVerificationText(group))}`];
  const lines = [`  ${style.green(`${label}:`)} ${group.length} changes that only work together (applied and re-evaluated as one fix)`];
  group.forEach((fix, i) => lines.push(...fixLines(fix, `Change ${i + 1}`, style, false)));
  lines.push(`    ${style.dim(groupVerificationText(group))}`);
  return lines;
}

function fixLines(fix: Fix, label: string, style: Style, verification = true): string[] {
  const owner = OWNER_NAMES[fix.owner];
  const lines = [`  ${style.green(`${label}:`)} ${fix.summary}`];
  if (fix.kind === 'instructions') lines.push(`    to be made by ${owner}${fix.steps && fix.steps.length > 0 ? ':' : ''}`);
  else lines.push(`    ${fixAction(fix)}${fix.kind === 'replace-statement' ? ' this one' : ''} (to be made by ${owner})${showsStatement(fix) ? ':' : ''}`);
  if (showsStatement(fix)) lines.push(`      ${statementJson(fix.statement, '      ')}`);
  (fix.steps ?? []).forEach((step, i) => lines.push(`      ${i + 1}. ${step}`));
  if (verification) lines.push(`    ${style.dim(verificationText(fix))}`);
  return lines;
}

function checkLines(check: CheckEntry, style: Style): string[] {
  if (check.possibleOutcomes) return possibleOutcomeLines(check, style);
  const head = `${check.action} on ${check.resource}`;
  const context = style.dim(`  (${check.reason}; aws:RequestedRegion=${check.requestedRegion})`);
  switch (check.decision) {
    case 'allowed': {
      const allow = check.statements.find((s) => s.effect === 'Allow' && s.policyType === 'identity' && !s.conditional);
      return [`${style.green('✓ allowed')}  ${head}`, context, ...(allow ? [`    allowed by ${where(allow)}`] : []), ''];
    }
    case 'explicit-deny': {
      const deny = check.statements.find((s) => s.effect === 'Deny' && !s.conditional);
      return [
        `${style.red('✗ explicit deny')} ${style.dim(`(${POLICY_TYPE_NAMES[check.deniedBy!]})`)}  ${head}`,
        context,
        `    ${check.message}`,
        ...(deny ? [`    denied by ${where(deny)}`] : []),
        '',
      ];
    }
    case 'implicit-deny': {
      const level = check.deniedAtLevel ? ` at level ${check.deniedAtLevel}` : '';
      return [
        `${style.red('✗ implicit deny')} ${style.dim(`(no ${POLICY_TYPE_NAMES[check.deniedBy!]} allows it${level})`)}  ${head}`,
        context,
        `    ${check.message}`,
        '',
      ];
    }
    case 'conditional':
      return [`${style.yellow('? conditional')}  ${head}`, context, ...(check.conditions ?? []).flatMap(conditionLines), ''];
  }
}

function conditionLines(condition: ReportCondition): string[] {
  const type = POLICY_TYPE_NAMES[condition.policyType];
  const level = condition.level ? ` (level ${condition.level})` : '';
  if (condition.kind === 'deny-if') {
    const [alternative] = condition.alternatives;
    if (!alternative) return [];
    return [`    denied if ${alternative.clauses.map(clauseText).join(' and ')} — ${where(alternative.statement)}`];
  }
  const lines = [`    ${type}${level} allows it only if:`];
  condition.alternatives.forEach((alternative, i) => {
    const joiner = i === 0 ? '      ' : '   or ';
    lines.push(`${joiner}${alternative.clauses.map(clauseText).join(' and ')} — ${where(alternative.statement)}`);
  });
  return lines;
}

function where(statement: ReportStatement): string {
  const sid = statement.sid ? ` (Sid ${statement.sid})` : '';
  const level = statement.level ? `, level ${statement.level}` : '';
  return `${statement.file}:${statement.line}${sid} [${POLICY_TYPE_NAMES[statement.policyType]} ${statement.policyName}${level}]`;
}
