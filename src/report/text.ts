import { contextFlag } from './context-flag.js';
import type { CheckEntry, CheckReport, Finding, Fix } from './words/worded-reports.js';
import type { CheckReport as CheckReportData } from '../model/index.js';
import type { ReportCondition, ReportStatement } from '../model/index.js';
import { decidingStatements } from '../model/index.js';

import { alternativeText, conditionalGroups } from './condition-text.js';
import {
  fixAction,
  fixGroups,
  fixLabel,
  groupVerificationText,
  locationText,
  OWNER_NAMES,
  POLICY_TYPE_NAMES,
  predictedErrorText,
  showsStatement,
  statementJson,
  verificationText,
} from './fix-text.js';
import { statementLocationText } from './location-text.js';
import { possibleErrorBlocks, possibleOutcomeLines } from './possible-outcomes.js';
import { requestScope } from './request-scope.js';
import { statusWord } from './status.js';
import { PLAIN, type Style } from './style.js';
import { renderCliHints } from './cli-hints.js';
import { callOptionsLine } from './call-options-text.js';

/** What the text report shows beyond the verdict: with `verbose`, every check and every finding in full. */
export interface TextOptions {
  readonly verbose?: boolean;
}

type Section = (report: CheckReport, style: Style, options: TextOptions) => string[];

/**
 * The report for people, in sections, each a list of lines (empty when it has nothing to say): the
 * verdict; each distinct error the call would fail with, the requests it applies to, its cause and
 * verified fix; the conditions a conditional verdict hangs on; what could not be evaluated; then one
 * line per warning or note that does not decide the verdict (first-use Marketplace permissions, the
 * Anthropic use-case form); assumptions and notes. `--verbose` adds every check and the warnings in full.
 */
const SECTIONS: readonly Section[] = [
  possibleErrorSection,
  errorSection,
  conditionSection,
  unexplainedDenialSection,
  unresolvedSection,
  checksSection,
  otherFindingsSection,
  listSection('Assumptions:', (report) => report.assumptions),
  listSection('Notes:', (report) => report.notes),
];

export function formatText(unrendered: CheckReportData, style: Style = PLAIN, options: TextOptions = {}): string {
  const report = renderCliHints(unrendered);
  const blocks = textBlocks(report, style, options);
  const footer = [`Bedrock model catalog dated ${report.catalogDate}; policy-check ${report.tool.version}`];
  if (!options.verbose) footer.unshift('Every check and finding in full: --verbose');
  blocks.push(footer.map((line) => style.dim(line)));
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}

/** The report's blocks without the footer (hints already rendered): the verdict line, then each non-empty section. */
export function textBlocks(report: CheckReport, style: Style, options: TextOptions): string[][] {
  const call = callOptionsLine(report.input);
  return [
    [verdictLine(report, style), ...(call ? [`  ${call}`] : [])],
    ...SECTIONS.map((section) => section(report, style, options)),
  ].filter((block) => block.length > 0);
}

/** Error findings, one block per distinct predicted error: the findings sharing it follow with their cause and fix. */
function errorSection(report: CheckReport, style: Style): string[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    if (finding.severity !== 'error') continue;
    const head = predictedErrorText(finding) ?? finding.title;
    groups.set(head, [...(groups.get(head) ?? []), finding]);
  }
  const blocks = [...groups].map(([head, findings]) => {
    const checks = entriesOf(
      report,
      findings.flatMap((finding) => finding.checks),
    );
    const lines = [style.red(style.bold(head))];
    if (checks.length > 0) lines.push(`  ${style.dim(`(${requestScope(checks, report.checks)})`)}`);
    for (const finding of findings) lines.push(...findingBody(finding, style));
    return lines;
  });
  return joinBlocks(blocks);
}

/** Checks denied in every context whose error depends on it: each possible message (per check with --verbose). */
function possibleErrorSection(report: CheckReport, style: Style, options: TextOptions): string[] {
  if (options.verbose) return [];
  return joinBlocks(possibleErrorBlocks(report.checks, style, (group) => requestScope(group, report.checks)));
}

/** A conditional verdict states its conditions: which requests, where, and how to decide them. */
function conditionSection(report: CheckReport, style: Style): string[] {
  const groups = conditionalGroups(report.checks);
  const blocks = groups.map((group) => {
    const scope = style.dim(`(${requestScope(group.checks, report.checks)})`);
    // The verdict line already states a condition that every check hangs on.
    const inVerdict =
      report.verdict === 'conditional' && groups.length === 1 && group.checks.length === report.checks.length;
    const lines = inVerdict
      ? [`${style.yellow(style.bold('Condition'))} ${scope}`]
      : [style.yellow(style.bold(capitalize(group.text))), `  ${scope}`];
    const statements = new Map<string, ReportStatement>();
    const keys = new Set<string>();
    for (const condition of group.checks[0]?.conditions ?? []) {
      for (const alternative of condition.alternatives) {
        statements.set(where(alternative.statement), alternative.statement);
        for (const clause of alternative.clauses) keys.add(clause.key);
      }
    }
    for (const place of statements.keys()) lines.push(`  At: ${place}`);
    if (keys.size > 0) {
      const example = [...keys].map(contextFlag).join(' ');
      lines.push(`  policy-check cannot know the request's values; to decide, give them: ${example}`);
    }
    return lines;
  });
  return joinBlocks(blocks);
}

/** Denied checks no error finding explains: shown in full, so that no denial goes unmentioned. */
function unexplainedDenialSection(report: CheckReport, style: Style, options: TextOptions): string[] {
  if (options.verbose) return [];
  const explained = new Set(
    report.findings.filter((finding) => finding.severity === 'error').flatMap((finding) => finding.checks),
  );
  const denied = report.checks.filter(
    (check) =>
      (check.decision === 'explicit-deny' || check.decision === 'implicit-deny') && !explained.has(checkLabel(check)),
  );
  return joinBlocks(denied.map((check) => checkLines(check, style)));
}

function unresolvedSection(report: CheckReport, style: Style): string[] {
  if (report.unresolved.length === 0) return [];
  return [style.bold('Could not be evaluated:'), ...report.unresolved.map((item) => `  - ${item}`)];
}

function checksSection(report: CheckReport, style: Style, options: TextOptions): string[] {
  if (!options.verbose || report.checks.length === 0) return [];
  return [style.bold('Every check:'), '', ...joinBlocks(report.checks.map((check) => checkLines(check, style)))];
}

/** Warnings and notes do not decide the verdict: one line each, in full with --verbose. */
function otherFindingsSection(report: CheckReport, style: Style, options: TextOptions): string[] {
  const others = report.findings.filter((finding) => finding.severity !== 'error');
  if (others.length === 0) return [];
  const title = style.bold('Warnings and notes (these do not stop this call once the model is enabled):');
  if (options.verbose) return [title, '', ...joinBlocks(others.map((finding) => findingLines(finding, style)))];
  return [
    title,
    ...others.map((finding) => {
      const fix = finding.fixes[0];
      return `  - ${style.yellow(`${finding.severity}:`)} ${finding.title}${fix ? `. Fix: ${lowerFirst(fix.summary)}` : ''}`;
    }),
  ];
}

function listSection(title: string, items: (report: CheckReport) => readonly string[]): Section {
  return (report, style) => {
    const list = items(report);
    return list.length === 0 ? [] : [style.bold(title), ...list.map((item) => `  - ${item}`)];
  };
}

function joinBlocks(blocks: readonly string[][]): string[] {
  return blocks.flatMap((block, i) => (i === 0 ? block : ['', ...block]));
}

function entriesOf(report: CheckReport, labels: readonly string[]): CheckEntry[] {
  const wanted = new Set(labels);
  return report.checks.filter((check) => wanted.has(checkLabel(check)));
}

const checkLabel = (check: CheckEntry): string => `${check.action} on ${check.resource}`;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
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
      return `${style.red(style.bold('DENIED'))}  ${target}: ${denied} of ${total} checks denied${report.checks.some((check) => check.possibleOutcomes) ? ' (in every context; which error depends on it, see below)' : ''}`;
    case 'conditional': {
      const groups = conditionalGroups(report.checks);
      const only = groups.length === 1 && groups[0]!.checks.length === total ? groups[0]!.text : undefined;
      return only
        ? `${style.yellow(style.bold('CONDITIONAL'))}  ${target}: ${only}`
        : `${style.yellow(style.bold('CONDITIONAL'))}  ${target}: ${summary.conditional} of ${total} checks depend on request context the policies test`;
    }
    case 'incomplete':
      return `${style.yellow(style.bold('INCOMPLETE'))}  ${target}: not everything AWS evaluates could be determined (see "Could not be evaluated")`;
  }
}

/** A warning or note in full: its title, the error AWS would return, why, and the fix. */
function findingLines(finding: Finding, style: Style): string[] {
  const lines = [style.yellow(style.bold(`${finding.severity}: ${finding.title}`))];
  if (finding.predictedError) lines.push(`  ${predictedErrorText(finding)}`);
  return [...lines, ...findingBody(finding, style)];
}

/** Why, where, and the fix. */
function findingBody(finding: Finding, style: Style): string[] {
  const lines = [`  Cause: ${finding.cause}`];
  for (const location of finding.locations) lines.push(`  At: ${locationText(location)}`);
  const groups = fixGroups(finding.fixes);
  lines.push(
    ...groups.flatMap((group, i) => groupLines(group, fixLabel(group, groups.length > 1 ? i + 1 : undefined), style)),
  );
  if (finding.fixes.length === 0 && finding.alternatives && finding.alternatives.length > 0) {
    lines.push('  No verified fix; what else can be done:', ...finding.alternatives.map((item) => `    - ${item}`));
  }
  return lines;
}

/** Changes that only work together: one block, each change, then one verification line for the set. */
function groupLines(group: readonly Fix[], label: string, style: Style): string[] {
  if (group.length === 1)
    return [...fixLines(group[0]!, label, style, false), `    ${style.dim(groupVerificationText(group))}`];
  const lines = [
    `  ${style.green(`${label}:`)} ${group.length} changes that only work together (applied and re-evaluated as one fix)`,
  ];
  lines.push(...group.flatMap((fix, i) => fixLines(fix, `Change ${i + 1}`, style, false)));
  lines.push(`    ${style.dim(groupVerificationText(group))}`);
  return lines;
}

function fixLines(fix: Fix, label: string, style: Style, verification = true): string[] {
  const owner = OWNER_NAMES[fix.owner];
  const lines = [`  ${style.green(`${label}:`)} ${fix.summary}`];
  if (fix.kind === 'instructions')
    lines.push(`    to be made by ${owner}${fix.steps && fix.steps.length > 0 ? ':' : ''}`);
  // The summary already says what to add: name the file once, not "add this statement" again.
  else if (fix.kind === 'add-statement')
    lines.push(
      `    statement for ${fix.file ?? 'a new policy attached to the caller'} (to be made by ${owner})${showsStatement(fix) ? ':' : ''}`,
    );
  else
    lines.push(
      `    ${fixAction(fix)}${fix.kind === 'replace-statement' ? ' this one' : ''} (to be made by ${owner})${showsStatement(fix) ? ':' : ''}`,
    );
  if (showsStatement(fix)) lines.push(`      ${statementJson(fix.statement, '      ')}`);
  lines.push(...(fix.steps ?? []).map((step, i) => `      ${i + 1}. ${step}`));
  if (verification) lines.push(`    ${style.dim(verificationText(fix))}`);
  return lines;
}

/** The policy type a denial names; a denial always has one, "policy" only guards the type. */
function deniedByName(check: CheckEntry): string {
  return check.deniedBy ? POLICY_TYPE_NAMES[check.deniedBy] : 'policy';
}

function checkLines(check: CheckEntry, style: Style): string[] {
  if (check.possibleOutcomes) return possibleOutcomeLines(check, style);
  const head = `${check.action} on ${check.resource}`;
  const context = style.dim(`  (${check.reason}; aws:RequestedRegion=${check.requestedRegion})`);
  switch (check.decision) {
    case 'allowed': {
      const allow = decidingStatements(check.decision, check.statements).find((s) => s.policyType === 'identity');
      return [`${style.green('✓ allowed')}  ${head}`, context, ...(allow ? [`    allowed by ${where(allow)}`] : [])];
    }
    case 'explicit-deny': {
      const [deny] = decidingStatements(check.decision, check.statements);
      return [
        `${style.red('✗ explicit deny')} ${style.dim(`(${deniedByName(check)})`)}  ${head}`,
        context,
        `    ${check.message}`,
        ...(deny ? [`    denied by ${where(deny)}`] : []),
      ];
    }
    case 'implicit-deny': {
      const level = check.deniedAtLevel ? ` at level ${check.deniedAtLevel}` : '';
      return [
        `${style.red('✗ implicit deny')} ${style.dim(`(no ${deniedByName(check)} allows it${level})`)}  ${head}`,
        context,
        `    ${check.message}`,
      ];
    }
    case 'conditional':
      return [
        `${style.yellow('? conditional')}  ${head}`,
        context,
        ...(check.conditions ?? []).flatMap(conditionLines),
      ];
  }
}

function conditionLines(condition: ReportCondition): string[] {
  const type = POLICY_TYPE_NAMES[condition.policyType];
  const level = condition.level ? ` (level ${condition.level})` : '';
  if (condition.kind === 'deny-if') {
    const [alternative] = condition.alternatives;
    if (!alternative) return [];
    return [`    denied if ${alternativeText(alternative)} — ${where(alternative.statement)}`];
  }
  const lines = [`    ${type}${level} allows it only if:`];
  condition.alternatives.forEach((alternative, i) => {
    const joiner = i === 0 ? '      ' : '   or ';
    lines.push(`${joiner}${alternativeText(alternative)} — ${where(alternative.statement)}`);
  });
  return lines;
}

function where(statement: ReportStatement): string {
  const sid = statement.sid ? ` (Sid ${statement.sid})` : '';
  const level = statement.level ? `, level ${statement.level}` : '';
  if (statement.builtIn)
    return `${statementLocationText(undefined, statement)}${sid} [${POLICY_TYPE_NAMES[statement.policyType]}, built in${level}]`;
  return `${statement.file}:${statement.line}${sid} [${POLICY_TYPE_NAMES[statement.policyType]} ${statement.policyName}${level}]`;
}
