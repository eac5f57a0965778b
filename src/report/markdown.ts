import { contextFlag } from './context-flag.js';
import type { CheckEntry, CheckReport, Finding, Fix } from './words/worded-reports.js';
import type { CheckReport as CheckReportData } from '../model/index.js';
import type { ReportStatement } from '../model/index.js';
import { decidingStatements, formatInputIssue, type DecisionKind, type InputIssue } from '../model/index.js';

import {
  fixAction,
  fixGroups,
  fixLabel,
  locationSuffix,
  OWNER_NAMES,
  POLICY_TYPE_NAMES,
  predictedErrorText,
  showsStatement,
  statementJson,
  verificationDetail,
} from './fix-text.js';
import { conditionalGroups } from './condition-text.js';
import { statementLocationText } from './location-text.js';
import { possibleOutcomeBlocks, uncertainCells } from './possible-outcomes.js';
import { requestScope } from './request-scope.js';
import { findingsInOrder, statusWord } from './status.js';
import { renderCliHints } from './cli-hints.js';
import { callOptionPhrases } from './call-options-text.js';

const DECISIONS: Readonly<Record<DecisionKind, string>> = {
  allowed: 'allowed',
  'explicit-deny': 'explicit deny',
  'implicit-deny': 'implicit deny',
  conditional: 'conditional',
};

/**
 * The report as a pull-request comment (GitHub-flavored Markdown): the verdict, a table of the
 * checks, then each finding with the predicted error, its cause and the verified fix. Deterministic:
 * the same report gives the same bytes.
 */
export function formatMarkdown(unrendered: CheckReportData): string {
  const report = renderCliHints(unrendered);
  const blocks: string[] = [`### policy-check: ${statusWord(report)}`, verdictLine(report)];
  const call = callOptionPhrases(report.input, inlineCode);
  if (call.length > 0) blocks.push(`**Call:** ${call.join(', ')}`);
  if (report.checks.length > 0)
    blocks.push(checksTable(report.checks), ...possibleOutcomeBlocks(report.checks, escapeText));
  const groups = conditionalGroups(report.checks);
  if (groups.length > 0) blocks.push('#### Conditions', ...groups.map((group) => conditionBlock(group, report.checks)));
  if (report.findings.length > 0) {
    blocks.push('#### Findings');
    blocks.push(
      ...findingsInOrder(report.findings).flatMap((finding, i) =>
        findingBlocks(finding, i + 1, report.findings.length),
      ),
    );
  }
  blocks.push(...trailerBlocks(report));
  blocks.push(
    `<sub>policy-check ${escapeText(report.tool.version)} · Bedrock model catalog dated ${escapeText(report.catalogDate)}</sub>`,
  );
  return `${blocks.join('\n\n')}\n`;
}

/** What could not be evaluated, the assumptions and the notes, each a bold title and a list when not empty. */
export function trailerBlocks(report: {
  readonly unresolved: readonly string[];
  readonly assumptions: readonly string[];
  readonly notes: readonly string[];
  readonly warnings?: readonly InputIssue[];
}): string[] {
  const sections = [
    ['Could not be evaluated', report.unresolved],
    ['Assumptions', report.assumptions],
    ['Notes', report.notes],
    ['Warnings', (report.warnings ?? []).map(formatInputIssue)],
  ] as const;
  return sections
    .filter(([, items]) => items.length > 0)
    .map(([title, items]) => `**${title}:**\n\n${items.map((item) => `- ${escapeText(item)}`).join('\n')}`);
}

/** What a group of conditional checks depends on, the requests, where it is written and how to decide it. */
function conditionBlock(group: { text: string; checks: readonly CheckEntry[] }, all: readonly CheckEntry[]): string {
  const places = new Set<string>();
  const keys = new Set<string>();
  for (const condition of group.checks[0]?.conditions ?? []) {
    for (const alternative of condition.alternatives) {
      places.add(inlineCode(statementPlace(alternative.statement)));
      for (const clause of alternative.clauses) keys.add(clause.key);
    }
  }
  const lines = [`- **${escapeText(capitalize(group.text))}** (${escapeText(requestScope(group.checks, all))})`];
  if (places.size > 0) lines.push(`  - Where: ${[...places].join(', ')}`);
  if (keys.size > 0)
    lines.push(
      `  - To decide it, give the request's values: ${[...keys].map((key) => inlineCode(contextFlag(key))).join(' ')}`,
    );
  return lines.join('\n');
}

function verdictLine(report: CheckReport): string {
  const { summary } = report;
  const total = report.checks.length;
  const target = `${inlineCode(report.input.model)} in ${inlineCode(report.input.region)}`;
  const denied = summary.explicitDeny + summary.implicitDeny;
  const status = `**Status: ${statusWord(report)}**`;
  switch (report.verdict) {
    case 'allowed':
      return statusWord(report) === 'FAILS'
        ? `${status} — ${target}: all ${total} checks allowed by the policies, but the call fails (see the findings).`
        : `${status} — ${target}: all ${total} checks allowed.`;
    case 'denied':
      return `${status} — ${target}: ${denied} of ${total} checks denied.`;
    case 'conditional': {
      const groups = conditionalGroups(report.checks);
      return groups.length === 1 && groups[0]!.checks.length === total
        ? `${status} — ${target}: ${escapeText(groups[0]!.text)}.`
        : `${status} — ${target}: ${summary.conditional} of ${total} checks depend on request context the policies test (see the conditions).`;
    }
    case 'incomplete':
      return `${status} — ${target}: not everything AWS evaluates could be determined (see what could not be evaluated).`;
  }
}

function checksTable(checks: readonly CheckEntry[]): string {
  const rows = checks.map((check) => {
    if (check.possibleOutcomes) return [check.action, check.resource, ...uncertainCells(check), '—'];
    const deniedBy = check.deniedBy
      ? `${POLICY_TYPE_NAMES[check.deniedBy]}${check.deniedAtLevel ? ` (level ${check.deniedAtLevel})` : ''}`
      : '—';
    const statement = decidingStatement(check);
    return [
      check.action,
      check.resource,
      DECISIONS[check.decision],
      deniedBy,
      statement ? statementPlace(statement) : '—',
    ];
  });
  return [
    '| Action | Resource | Decision | Denied by | Deciding statement |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((cells) => `| ${cells.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

/** The statement that decided the check: the identity Allow, the Deny, or the first statement a conditional decision hangs on. */
function decidingStatement(check: CheckEntry): ReportStatement | undefined {
  switch (check.decision) {
    case 'allowed':
      return decidingStatements(check.decision, check.statements).find((s) => s.policyType === 'identity');
    case 'explicit-deny':
      return decidingStatements(check.decision, check.statements)[0];
    case 'conditional':
      return check.conditions?.[0]?.alternatives[0]?.statement ?? check.statements.find((s) => s.conditional);
    case 'implicit-deny':
      return undefined;
  }
}

function statementPlace(statement: ReportStatement): string {
  const place = statement.builtIn
    ? `${statementLocationText(undefined, statement)} (built in)`
    : `${statement.file}:${statement.line}`;
  return `${place}${statement.sid ? ` (Sid ${statement.sid})` : ''}`;
}

function findingBlocks(finding: Finding, n: number, total: number): string[] {
  const heading = total > 1 ? `${n}. ${finding.title}` : finding.title;
  const blocks = [`##### ${escapeText(heading)}`];
  const error = predictedErrorText(finding);
  if (error) blocks.push(`Predicted error:\n\n${fence(error, 'text')}`);
  blocks.push(`**Cause:** ${escapeText(finding.cause)}`);
  if (finding.locations.length > 0) {
    const lines = finding.locations.map(
      (location) => `- ${inlineCode(`${location.file}:${location.line}`)}${escapeText(locationSuffix(location))}`,
    );
    blocks.push(`**Where:**\n\n${lines.join('\n')}`);
  }
  const groups = fixGroups(finding.fixes);
  groups.forEach((group, i) => {
    const label = `**${fixLabel(group, groups.length > 1 ? i + 1 : undefined)}**`;
    if (group.length === 1) {
      blocks.push(...fixBlocks(group[0]!, label, false), verificationBlock(group));
      return;
    }
    // Changes that only work together: one fix, one verification line.
    blocks.push(`${label}: ${group.length} changes that only work together (applied and re-evaluated as one fix)`);
    blocks.push(...group.flatMap((fix, j) => fixBlocks(fix, `**Change ${j + 1}**`, false)));
    blocks.push(verificationBlock(group));
  });
  if (finding.fixes.length === 0 && finding.alternatives && finding.alternatives.length > 0) {
    blocks.push(
      `**No verified fix.** What else can be done:\n\n${finding.alternatives.map((item) => `- ${escapeText(item)}`).join('\n')}`,
    );
  }
  return blocks;
}

function fixBlocks(fix: Fix, label: string, verification = true): string[] {
  const owner = `to be made by ${escapeText(OWNER_NAMES[fix.owner])}`;
  const blocks: string[] = [];
  switch (fix.kind) {
    case 'add-statement':
      blocks.push(
        `${label} (${owner}): ${escapeText(fix.summary)}\n\nStatement for ${fix.file ? inlineCode(fix.file) : 'a new policy attached to the caller'}:`,
      );
      break;
    case 'replace-statement':
      blocks.push(`${label} (${owner}): ${escapeText(fix.summary)}\n\n${capitalize(fixActionMarkdown(fix))}:`);
      break;
    case 'remove-statement':
      blocks.push(`${label} (${owner}): ${escapeText(fix.summary)}\n\n${capitalize(fixActionMarkdown(fix))}.`);
      break;
    case 'instructions':
      blocks.push(`${label} (${owner}): ${escapeText(fix.summary)}`);
      break;
  }
  if (showsStatement(fix)) blocks.push(fence(statementJson(fix.statement), 'json'));
  if (fix.steps && fix.steps.length > 0)
    blocks.push(fix.steps.map((step, i) => `${i + 1}. ${escapeText(step)}`).join('\n'));
  if (verification) blocks.push(verificationBlock([fix]));
  return blocks;
}

/** One line for a fix or a set of changes shown together; a set with changes under another finding says so. */
function verificationBlock(group: readonly Fix[]): string {
  const fix = group[0]!;
  const elsewhere = (fix.together?.changes ?? group.length) - group.length;
  const note =
    elsewhere > 0 && fix.kind !== 'instructions'
      ? ` Only together with the ${elsewhere} other change${elsewhere === 1 ? '' : 's'} of this fix shown under another finding.`
      : '';
  return `${fix.verification.verified && fix.kind !== 'instructions' ? '**Verified:**' : '**Not verified:**'} ${escapeText(verificationDetail(fix))}.${note}`;
}

/** "replace the statement at `file:line` (Sid X) [policy]" with the place as code. */
function fixActionMarkdown(fix: Fix): string {
  const place = fix.location ? `${fix.location.file}:${fix.location.line}` : undefined;
  const text = fixAction(fix);
  if (!place) return escapeText(text);
  const at = text.indexOf(place);
  return at < 0
    ? escapeText(text)
    : `${escapeText(text.slice(0, at))}${inlineCode(place)}${escapeText(text.slice(at + place.length))}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** http(s) URLs in running text; trailing sentence punctuation and closing brackets stay outside. */
const URL_PATTERN = /https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"]/g;

/**
 * Backslash-escapes what Markdown would otherwise read as markup (ARNs hold `*`, names may hold `_`).
 * URLs become `<…>` autolinks, untouched: an escape inside a URL would end up in the link target.
 */
export function escapeText(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += `${escapeMarkup(text.slice(from, match.index))}<${match[0]}>`;
    from = match.index + match[0].length;
  }
  return out + escapeMarkup(text.slice(from));
}

function escapeMarkup(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&');
}

/** A table cell: escaped, and on one line (a newline would end the row). */
export function escapeCell(text: string): string {
  return escapeText(text).replace(/\r\n|\r|\n/g, '<br>');
}

/** Inline code that survives backticks in the text: the delimiter is one backtick longer than any run inside. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run in the content. */
export function fence(content: string, language: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${language}\n${content}\n${ticks}`;
}
