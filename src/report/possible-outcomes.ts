import type { CheckEntry, ReportOutcome } from './words/worded-reports.js';
import type { ReportCondition, ReportStatement } from '../model/index.js';
import { clauseText } from './clause-text.js';
import { POLICY_TYPE_NAMES } from './fix-text.js';
import type { Style } from './style.js';

/**
 * A check denied whatever the request context, when which denial AWS reports depends on it: each
 * possible AccessDenied message with the condition under which AWS returns it, for the text and
 * Markdown reports.
 */

/** "aws:SourceIp, aws:SourceVpc": the context keys the attribution depends on, sorted. */
function attributionKeys(check: CheckEntry): string[] {
  const keys = new Set<string>();
  for (const outcome of check.possibleOutcomes ?? []) {
    for (const { condition } of outcome.when)
      for (const alternative of condition.alternatives) for (const clause of alternative.clauses) keys.add(clause.key);
  }
  return [...keys].sort();
}

/** "denied whatever the context; which error AWS returns depends on aws:SourceIp". */
function uncertaintyText(check: CheckEntry): string {
  const keys = attributionKeys(check);
  const what = check.message === null ? 'which error AWS returns' : 'which statement denies it';
  const on = [...keys, ...guessedOn(check)];
  return `denied whatever the context; ${what} depends on ${on.length > 0 ? on.join(', ') : 'statements the engine could not fully evaluate'}`;
}

/** "the caller's account (pass --principal)": what the outcomes depend on besides request context. */
function guessedOn(check: CheckEntry): string[] {
  return [
    ...new Set(
      (check.possibleOutcomes ?? []).flatMap((outcome) =>
        outcome.dependsOn ? [outcome.dependsOn.replace(/^depending on /, '')] : [],
      ),
    ),
  ];
}

/** The condition of one outcome, one requirement per entry ("the Deny at f:5 applies: aws:SourceIp is not in …"). */
export function outcomeConditions(outcome: ReportOutcome): string[] {
  const guessed = outcome.dependsOn ? [outcome.dependsOn] : [];
  if (outcome.when.length === 0) return guessed.length > 0 ? guessed : ['otherwise'];
  return [...outcome.when.map(({ holds, condition }) => requirementText(condition, holds)), ...guessed];
}

function requirementText(condition: ReportCondition, holds: boolean): string {
  const tests = condition.alternatives.map((alternative) => {
    const clauses = alternative.clauses.map(clauseText);
    const undecided = alternative.statement.undecided ?? [];
    const unmatched =
      undecided.length > 0 ? `its match (undecided: ${undecided.join('; ')})` : 'its match (not fully evaluated)';
    const test = clauses.length === 0 ? unmatched : clauses.length === 1 ? clauses[0]! : `(${clauses.join(' and ')})`;
    return { test, at: place(alternative.statement) };
  });
  if (condition.kind === 'deny-if') {
    const [deny] = tests;
    if (!deny) return holds ? 'a Deny applies' : 'no Deny applies';
    return `the Deny at ${deny.at} ${holds ? `applies: ${deny.test}` : `does not apply: ${deny.test} is false`}`;
  }
  const gate = `the ${POLICY_TYPE_NAMES[condition.policyType]}${condition.level ? ` at level ${condition.level}` : ''}`;
  const listed = tests.map(({ test, at }) => `${test} [${at}]`);
  if (holds) return `${gate} allows it: ${listed.join(' or ')}`;
  return `${gate} does not allow it: ${listed.length === 1 ? `${listed[0]} is false` : `none of ${listed.join('; ')} holds`}`;
}

function place(statement: ReportStatement): string {
  const level = statement.level ? `, level ${statement.level}` : '';
  if (statement.builtIn) return `${POLICY_TYPE_NAMES[statement.policyType]} ${statement.policyName}${level}, built in`;
  return `${statement.file}:${statement.line}${statement.sid ? ` (Sid ${statement.sid})` : ''}, ${POLICY_TYPE_NAMES[statement.policyType]} ${statement.policyName}${level}`;
}

/** The decision of one outcome in words: "explicit deny in the service control policy (level ou-1)". */
export function outcomeDenial(outcome: ReportOutcome): string {
  const level = outcome.deniedAtLevel ? ` (level ${outcome.deniedAtLevel})` : '';
  return outcome.decision === 'explicit-deny'
    ? `explicit deny in the ${POLICY_TYPE_NAMES[outcome.deniedBy]}${level}`
    : `no ${POLICY_TYPE_NAMES[outcome.deniedBy]}${level} allows it`;
}

/** The text report's lines for a check with possible outcomes; ends with a blank line like every check. */
export function possibleOutcomeLines(check: CheckEntry, style: Style): string[] {
  const lines = [
    `${style.red('✗ denied')} ${style.dim('(in every context)')}  ${check.action} on ${check.resource}`,
    style.dim(`  (${check.reason}; aws:RequestedRegion=${check.requestedRegion})`),
    `    ${uncertaintyText(check)}:`,
  ];
  for (const outcome of check.possibleOutcomes ?? []) {
    const conditions = outcomeConditions(outcome);
    conditions.forEach((condition, i) => {
      const lead = i === 0 ? (outcome.when.length === 0 ? '    - ' : '    - if ') : '        and ';
      lines.push(`${lead}${condition}${i === conditions.length - 1 ? ':' : ''}`);
    });
    lines.push(`        ${style.dim(outcomeDenial(outcome))}`, `        ${outcome.message}`);
  }
  lines.push('');
  return lines;
}

/** The Decision and Denied-by cells of the Markdown checks table. */
export function uncertainCells(check: CheckEntry): [decision: string, deniedBy: string] {
  const deniers = [
    ...new Set(
      (check.possibleOutcomes ?? []).map(
        (outcome) =>
          `${POLICY_TYPE_NAMES[outcome.deniedBy]}${outcome.deniedAtLevel ? ` (level ${outcome.deniedAtLevel})` : ''}`,
      ),
    ),
  ];
  const keys = [...attributionKeys(check), ...guessedOn(check)];
  return [
    'denied whatever the context',
    `${deniers.join(' or ')}, depending on ${keys.length > 0 ? keys.join(', ') : 'the context'} (see below)`,
  ];
}

/**
 * The Markdown blocks for the checks with possible outcomes (none when there are none); `escapeText`
 * is the report's Markdown escaping.
 */
export function possibleOutcomeBlocks(checks: readonly CheckEntry[], escapeText: (text: string) => string): string[] {
  return checks
    .filter((check) => check.possibleOutcomes)
    .map((check) => {
      const items = (check.possibleOutcomes ?? []).map((outcome) => {
        const conditions = outcomeConditions(outcome).join(', and ');
        const condition =
          outcome.when.length === 0 ? conditions.charAt(0).toUpperCase() + conditions.slice(1) : `If ${conditions}`;
        return `- ${escapeText(condition)} (${escapeText(outcomeDenial(outcome))}):\n\n${indent(fence(outcome.message), '  ')}`;
      });
      return `**${escapeText(`${check.action} on ${check.resource}`)}: ${escapeText(uncertaintyText(check))}:**\n\n${items.join('\n\n')}`;
    });
}

function fence(content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}text\n${content}\n${ticks}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/**
 * For a finding about checks with possible outcomes, each possible error of the first such check
 * with its condition, as lines to add to the finding's message (SARIF shows nothing else); "" otherwise.
 */
export function possibleErrorsText(
  finding: { readonly checks: readonly string[] },
  checks: readonly CheckEntry[],
): string {
  const check = checks.find(
    (entry) => entry.possibleOutcomes && finding.checks.includes(`${entry.action} on ${entry.resource}`),
  );
  if (!check) return '';
  const lines = [`${check.action} on ${check.resource}: ${uncertaintyText(check)}:`];
  for (const outcome of check.possibleOutcomes ?? [])
    lines.push(
      `- ${outcome.when.length === 0 ? '' : 'if '}${outcomeConditions(outcome).join(', and ')}: ${outcome.message}`,
    );
  return `\n${lines.join('\n')}`;
}

/**
 * The default text view of checks whose error depends on the context: one block per distinct set of
 * possible errors, naming the requests it covers, so the reader sees every message AWS may return.
 */
export function possibleErrorBlocks(
  checks: readonly CheckEntry[],
  style: Style,
  scope: (group: readonly CheckEntry[]) => string,
): string[][] {
  const groups = new Map<string, CheckEntry[]>();
  for (const check of checks) {
    if (!check.possibleOutcomes) continue;
    const key = JSON.stringify([
      uncertaintyText(check),
      check.possibleOutcomes.map((outcome) => [
        outcomeConditions(outcome),
        outcome.decision,
        outcome.deniedBy,
        outcome.deniedAtLevel ?? null,
      ]),
    ]);
    groups.set(key, [...(groups.get(key) ?? []), check]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const lines = [
      style.red(
        style.bold(
          `Denied whatever the context; ${uncertaintyText(first).replace(/^denied whatever the context; /, '')}:`,
        ),
      ),
      `  ${style.dim(`(${scope(group)})`)}`,
    ];
    for (const outcome of first.possibleOutcomes ?? []) {
      const conditions = outcomeConditions(outcome);
      conditions.forEach((condition, i) => {
        const lead = i === 0 ? (outcome.when.length === 0 ? '  - ' : '  - if ') : '      and ';
        lines.push(`${lead}${condition}${i === conditions.length - 1 ? ':' : ''}`);
      });
      const messages = [
        ...new Set(
          group.map(
            (check) => check.possibleOutcomes?.[first.possibleOutcomes!.indexOf(outcome)]?.message ?? outcome.message,
          ),
        ),
      ];
      lines.push(
        `      ${style.dim(outcomeDenial(outcome))}`,
        ...messages.map((message) => `      AccessDeniedException: ${message}`),
      );
    }
    return lines;
  });
}
