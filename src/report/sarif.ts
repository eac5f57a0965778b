import type { CheckReport, Finding, Fix } from './words/worded-reports.js';
import type { CheckReport as CheckReportData } from '../model/index.js';
import type { Rule } from '../diagnose/rules/rule.js';
import { findingLocation, isLocated, type FindingLocation, type Severity } from '../model/index.js';

import { conditionalGroups } from './condition-text.js';
import { OWNER_NAMES, POLICY_TYPE_NAMES, statementJson, verificationText } from './fix-text.js';
import { possibleErrorsText } from './possible-outcomes.js';
import { renderCliHints } from './cli-hints.js';
import { callOptionsIn } from './call-options-text.js';

/** What SARIF needs of a diagnosis rule: the Rule fields that describe it (any Rule is one). */
export type RuleDescriptor = Pick<Rule, 'id' | 'title' | 'help' | 'helpUri'>;

/** A SARIF rule: a diagnosis rule, or one of the verdict rules below, with its default level. */
interface SarifRule {
  readonly id: string;
  readonly title: string;
  readonly help: string;
  readonly helpUri: string;
  readonly level: 'error' | 'warning';
}

/**
 * Rules for what no diagnosis rule reports but still makes `check` exit 1: a conditional decision,
 * an evaluation that could not be completed, a denial no finding explains. Without them code
 * scanning would show a run that fails the gate as clean.
 */
export const VERDICT_RULES: readonly SarifRule[] = [
  {
    id: 'conditional-decision',
    title: 'The call is allowed only if the request meets a condition the policies test',
    help:
      'The decision depends on request context that policy-check cannot know from the files (a source IP, a tag, the time).\n\n' +
      'Pass the values the call will have with `--context KEY=VALUE` to get a definite answer, or change the policy so that the call does not depend on them.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html',
    level: 'warning',
  },
  {
    id: 'incomplete-evaluation',
    title: 'Not every resource AWS authorizes for the call could be determined',
    help:
      'policy-check could not determine every resource AWS authorizes for this call, so it cannot say that the call is allowed.\n\n' +
      'Give what is missing (for example `policy-check check --profile-regions` for an inference profile the catalog does not know).',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    level: 'warning',
  },
  {
    id: 'denied-check',
    title: 'A check is denied',
    help: 'AWS would deny this request; no diagnosis rule explained it further. Run `policy-check check --verbose` for the statements that decided it.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    level: 'error',
  },
];

/**
 * A problem in an input that did not stop the run (a misspelt action, which grants or denies nothing; a
 * zero-width character): the matrix report's warnings, one result each, at the place in the file.
 */
export const INPUT_WARNING_RULE: SarifRule = {
  id: 'input-warning',
  title: 'A policy in the inputs has a problem that did not stop the scan',
  help:
    'The snapshot or SCP file holds something IAM would accept but that most likely does not do what was meant, such as an action IAM does not have (it grants or denies nothing).\n\n' +
    'Correct it where the result points; the message says what IAM has instead when a near spelling exists.',
  helpUri:
    'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  level: 'warning',
};

/** The URI GitHub code scanning documents for `$schema` (SARIF 2.1.0, errata 01). */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** tool.driver.informationUri: the project's home, as in the `$id` of schemas/report.schema.json. */
const INFORMATION_URI = 'https://policy-check.dev';

// GitHub's documented limits for reportingDescriptor strings.
const MAX_NAME = 255;
const MAX_DESCRIPTION = 1024;

/**
 * The report as a SARIF 2.1.0 log for GitHub code scanning: one run, one rule per diagnosis rule,
 * one result per finding. Byte-for-byte deterministic for the same report and rules: rules sorted
 * by id, results by file, position and rule, no timestamps or absolute paths added.
 *
 * Choices (see SARIF 2.1.0 §3.27, §3.30, §3.55–3.57 and GitHub's "SARIF support for code scanning"):
 * - `partialFingerprints.primaryLocationLineHash` — the only fingerprint GitHub reads — holds our own
 *   stable hash of rule, file, policy, statement (Sid, else line) and checks, so an alert survives
 *   edits that move lines; `policyCheck/v1` carries the same value under our own versioned name.
 * - no `security-severity`: an AccessDenied prediction is a broken deployment, not a vulnerability,
 *   and that property would file the alerts as security alerts. `problem.severity` and `precision` are set.
 * - a SARIF `fix` must change an artifact (`artifactChanges` has minItems 1, and a replacement needs
 *   a `deletedRegion`), so only fixes with a known region become `fixes[]`: replace-statement replaces
 *   the statement's region; add-statement inserts after the statement at its location. Every fix —
 *   also instructions, removals and fixes without a known end — is in `properties.fixes` with its
 *   owner and verification.
 */
export function formatSarif(unrendered: CheckReportData, rules: readonly RuleDescriptor[]): string {
  const report = renderCliHints(unrendered);
  const findings = [...report.findings, ...verdictFindings(report)];
  return sarifLog(
    report.tool,
    rules,
    findings.map((finding) => ({ finding, report })),
    {
      verdict: report.verdict,
      model: report.input.model,
      region: report.input.region,
      ...callOptionsIn(report.input),
      catalogDate: report.catalogDate,
    },
  );
}

/** A finding (or verdict finding) of a report, to become one SARIF result; `extraMessage` follows its message. */
export interface SarifFinding {
  readonly finding: Finding | VerdictFinding;
  /** The report the finding belongs to: for its fallback location and possible errors. */
  readonly report: CheckReport;
  readonly extraMessage?: string;
}

/** The SARIF log of one run: the rules (diagnosis and verdict rules, sorted by id) and one result per finding, sorted. */
export function sarifLog(
  tool: CheckReport['tool'],
  rules: readonly RuleDescriptor[],
  findings: readonly SarifFinding[],
  properties: Readonly<Record<string, unknown>>,
  extraRules: readonly SarifRule[] = [],
): string {
  const allRules: SarifRule[] = [
    ...rules.map((rule) => ({ ...rule, level: 'error' as const })),
    ...VERDICT_RULES,
    ...extraRules,
  ];
  const sortedRules = allRules.sort((a, b) => compare(a.id, b.id));
  const ruleIndex = new Map(sortedRules.map((rule, index) => [rule.id, index]));
  const results = findings
    .map((entry) => resultOf(entry, ruleIndex.get(entry.finding.rule)))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((entry) => entry.result);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: INFORMATION_URI,
            rules: sortedRules.map(descriptorOf),
          },
        },
        // Columns come from the JSON parser's UTF-16 offsets.
        columnKind: 'utf16CodeUnits',
        results,
        properties,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * Findings in all but type for what makes the run fail without a finding of its own: one warning per
 * distinct condition the conditional checks depend on, one per unresolved item, one error per denied
 * check no error finding names.
 */
export function verdictFindings(report: CheckReport): VerdictFinding[] {
  const total = report.checks.length;
  const findings: VerdictFinding[] = conditionalGroups(report.checks).map((group) => {
    const conditions = group.checks.flatMap((check) => check.conditions ?? []);
    const statements = conditions.flatMap((condition) =>
      condition.alternatives.map((alternative) => alternative.statement),
    );
    return {
      rule: 'conditional-decision',
      severity: 'warning',
      title: 'Conditional',
      cause: `${group.checks.length} of ${total} checks are ${group.text}. policy-check cannot know whether the request meets this; pass the values with --context KEY=VALUE for a definite answer.`,
      // A built-in statement (the root user's access, an assumed FullAWSAccess) is in no file: no location.
      locations: statements.filter(isLocated).map(findingLocation),
      checks: group.checks.map(checkLabel),
      fixes: [],
    };
  });
  const unresolved =
    report.unresolved.length > 0 || report.verdict !== 'incomplete'
      ? report.unresolved
      : ['no request AWS authorizes for this call could be determined'];
  for (const item of unresolved) {
    findings.push({
      rule: 'incomplete-evaluation',
      severity: 'warning',
      title: 'Could not be evaluated',
      cause: item,
      locations: [],
      checks: [],
      fixes: [],
    });
  }
  const explained = new Set(
    report.findings.filter((finding) => finding.severity === 'error').flatMap((finding) => finding.checks),
  );
  for (const check of report.checks) {
    if (check.decision !== 'explicit-deny' && check.decision !== 'implicit-deny') continue;
    if (explained.has(checkLabel(check))) continue;
    findings.push({
      rule: 'denied-check',
      severity: 'error',
      title: 'Denied',
      cause: check.message ?? `${checkLabel(check)} is denied`,
      locations: [],
      checks: [checkLabel(check)],
      fixes: [],
    });
  }
  return findings;
}

export type VerdictFinding = Omit<Finding, 'rule'> & { readonly rule: string };

const checkLabel = (check: CheckReport['checks'][number]): string => `${check.action} on ${check.resource}`;

function descriptorOf(rule: SarifRule): Record<string, unknown> {
  const helpText = plainText(rule.help);
  const firstParagraph = helpText.split(/\n\s*\n/).find((paragraph) => paragraph.trim() !== '') ?? rule.title;
  return {
    id: rule.id,
    name: limit(pascalCase(rule.id), MAX_NAME),
    shortDescription: { text: limit(rule.title, MAX_DESCRIPTION) },
    fullDescription: { text: limit(firstParagraph.replace(/\s*\n\s*/g, ' ').trim(), MAX_DESCRIPTION) },
    defaultConfiguration: { level: rule.level },
    help: { text: helpText, markdown: rule.help },
    helpUri: rule.helpUri,
    properties: { tags: ['amazon-bedrock', 'aws', 'iam'], precision: 'high', 'problem.severity': rule.level },
  };
}

interface SortKey {
  readonly located: number;
  readonly uri: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly fingerprint: string;
}

function compareKeys(a: SortKey, b: SortKey): number {
  return (
    a.located - b.located ||
    compare(a.uri, b.uri) ||
    a.line - b.line ||
    a.column - b.column ||
    compare(a.rule, b.rule) ||
    compare(a.fingerprint, b.fingerprint)
  );
}

function resultOf(
  { finding, report, extraMessage }: SarifFinding,
  ruleIndex: number | undefined,
): { key: SortKey; result: Record<string, unknown> } {
  const fallback = finding.locations.length > 0 ? undefined : fallbackLocation(finding, report);
  const [primary, ...related] = dedupe(fallback ? [fallback.location] : finding.locations);
  const fingerprint = fingerprintOf(finding, primary);
  // A wider alternative (it removes a condition) is never offered as an applicable SARIF fix.
  const fixes = finding.fixes
    .filter((fix) => fix.alternative !== true)
    .flatMap((fix) => {
      const sarifFix = sarifFixOf(fix);
      return sarifFix ? [sarifFix] : [];
    });
  const result: Record<string, unknown> = {
    ruleId: finding.rule,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVELS[finding.severity],
    message: { text: messageOf(finding) + possibleErrorsText(finding, report.checks) + (extraMessage ?? '') },
    locations: primary ? [locationOf(primary, fallback?.wholeFile === true)] : [],
    ...(related.length > 0
      ? { relatedLocations: related.map((location, i) => ({ id: i + 1, ...locationOf(location, false) })) }
      : {}),
    partialFingerprints: { primaryLocationLineHash: fingerprint, 'policyCheck/v1': fingerprint },
    ...(fixes.length > 0 ? { fixes } : {}),
    properties: {
      title: finding.title,
      ...(finding.predictedError ? { predictedError: finding.predictedError } : {}),
      checks: [...finding.checks],
      fixes: finding.fixes.map(fixProperties),
      ...(finding.alternatives && finding.alternatives.length > 0 ? { alternatives: [...finding.alternatives] } : {}),
    },
  };
  const key: SortKey = {
    located: primary ? 0 : 1,
    uri: primary ? artifactUri(primary.file) : '',
    line: primary?.line ?? 0,
    column: primary?.column ?? 0,
    rule: finding.rule,
    fingerprint,
  };
  return { key, result };
}

const LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  note: 'note',
};

/** The predicted error first (GitHub shows the first sentence as the alert title), then the cause. */
function messageOf(finding: Finding | VerdictFinding): string {
  const error =
    'predictedError' in finding && finding.predictedError
      ? `${finding.predictedError.exception}: ${finding.predictedError.message}`
      : undefined;
  return error ? `${error}\n${finding.cause}` : `${finding.title}: ${finding.cause}`;
}

/**
 * GitHub shows a result only with a location. A finding that points at no statement (the file lacks
 * something) is placed on its fix's location or file, else on the first identity-based policy checked.
 */
function fallbackLocation(
  finding: Finding | VerdictFinding,
  report: CheckReport,
): { location: FindingLocation; wholeFile: boolean } | undefined {
  for (const fix of finding.fixes) {
    if (fix.location) return { location: fix.location, wholeFile: false };
  }
  for (const fix of finding.fixes) {
    if (fix.file) return { location: { file: fix.file, line: 1, column: 1 }, wholeFile: true };
  }
  const inFiles = report.input.policies.flatMap((candidate) => (candidate.file !== undefined ? [candidate] : []));
  const policy = inFiles.find((candidate) => candidate.type === 'identity') ?? inFiles[0];
  if (!policy) return undefined;
  return {
    location: { file: policy.file, line: 1, column: 1, policyType: policy.type, policyName: policy.name },
    wholeFile: true,
  };
}

function dedupe(locations: readonly FindingLocation[]): FindingLocation[] {
  const seen = new Set<string>();
  return locations.filter((location) => {
    const key = JSON.stringify([location.file, location.line, location.column, location.endLine, location.endColumn]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function regionOf(location: FindingLocation): Record<string, number> {
  return {
    startLine: location.line,
    startColumn: location.column,
    ...(location.endLine !== undefined && location.endColumn !== undefined
      ? { endLine: location.endLine, endColumn: location.endColumn }
      : {}),
  };
}

function locationOf(location: FindingLocation, wholeFile: boolean): Record<string, unknown> {
  const label = locationLabel(location);
  const text = wholeFile ? `checked with ${label ?? 'this file'}; no single statement is at fault` : label;
  return {
    physicalLocation: { artifactLocation: { uri: artifactUri(location.file) }, region: regionOf(location) },
    ...(text ? { message: { text } } : {}),
  };
}

function locationLabel(location: FindingLocation): string | undefined {
  const parts: string[] = [];
  if (location.sid) parts.push(`statement ${location.sid}`);
  if (location.policyType)
    parts.push(
      `${location.sid ? 'in ' : ''}${POLICY_TYPE_NAMES[location.policyType]}${location.policyName ? ` ${location.policyName}` : ''}`,
    );
  else if (location.policyName) parts.push(`${location.sid ? 'in ' : ''}policy ${location.policyName}`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function sarifFixOf(fix: Fix): Record<string, unknown> | undefined {
  const location = fix.location;
  if (!location || location.endLine === undefined || location.endColumn === undefined || !fix.statement)
    return undefined;
  const indent = ' '.repeat(Math.max(0, location.column - 1));
  let replacement: Record<string, unknown>;
  if (fix.kind === 'replace-statement') {
    replacement = {
      deletedRegion: regionOf(location),
      insertedContent: { text: statementJson(fix.statement, indent) },
    };
  } else if (fix.kind === 'add-statement' && fix.file !== null && sameFile(fix.file, location.file)) {
    // An empty region just past the statement at the location: the new statement becomes its next sibling.
    const at = {
      startLine: location.endLine,
      startColumn: location.endColumn,
      endLine: location.endLine,
      endColumn: location.endColumn,
    };
    replacement = {
      deletedRegion: at,
      insertedContent: { text: `,\n${indent}${statementJson(fix.statement, indent)}` },
    };
  } else {
    return undefined;
  }
  return {
    description: { text: fixDescription(fix) },
    artifactChanges: [{ artifactLocation: { uri: artifactUri(location.file) }, replacements: [replacement] }],
  };
}

function fixDescription(fix: Fix): string {
  const summary = /[.!?]$/.test(fix.summary.trim()) ? fix.summary.trim() : `${fix.summary.trim()}.`;
  return `${summary} To be made by ${OWNER_NAMES[fix.owner]}; ${verificationText(fix)}.`;
}

function fixProperties(fix: Fix): Record<string, unknown> {
  const { verified, checksFixed, checksOpenedElsewhere, detail } = fix.verification;
  return {
    kind: fix.kind,
    owner: fix.owner,
    summary: fix.summary,
    file: fix.file === null ? null : artifactUri(fix.file),
    ...(fix.location ? { startLine: fix.location.line, startColumn: fix.location.column } : {}),
    ...(fix.statement ? { statement: fix.statement } : {}),
    ...(fix.steps && fix.steps.length > 0 ? { steps: [...fix.steps] } : {}),
    verified: verified && fix.kind !== 'instructions',
    checksFixed,
    checksOpenedElsewhere,
    verification: detail,
    ...(fix.alternative ? { alternative: true, removesConditions: [...(fix.removesConditions ?? [])] } : {}),
  };
}

function sameFile(a: string, b: string): boolean {
  return artifactUri(a) === artifactUri(b);
}

/**
 * The path as the user gave it, with forward slashes and percent-encoding (a URI reference): GitHub
 * resolves relative paths against the repository root. An absolute path becomes a file: URI, which
 * GitHub makes relative to the checkout.
 */
export function artifactUri(file: string): string {
  let path = file.replace(/\\/g, '/');
  while (path.startsWith('./')) path = path.slice(2);
  const encode = (segments: string) => segments.split('/').map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]):\//.exec(path);
  if (drive) return `file:///${drive[1]}:/${encode(path.slice(3))}`;
  if (path.startsWith('//')) return `file:${encode(path)}`;
  if (path.startsWith('/')) return `file://${encode(path)}`;
  return encode(path);
}

/** A stable identity for the finding that does not move with line numbers when a Sid names the statement. */
function fingerprintOf(finding: Finding | VerdictFinding, primary: FindingLocation | undefined): string {
  const parts = [
    finding.rule,
    primary ? artifactUri(primary.file) : '',
    primary?.policyType ?? '',
    primary?.policyName ?? '',
    primary ? (primary.sid ?? `line ${primary.line}`) : '',
    ...[...finding.checks].sort(compare),
    // Unresolved items name no check: their text tells them apart.
    ...(finding.rule === 'incomplete-evaluation' ? [finding.cause] : []),
  ];
  return fnv1a64(parts.join('\u0000'));
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** FNV-1a, 64 bits, over the UTF-8 bytes: 16 hex digits. */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Markdown to plain text, for the `text` twins SARIF requires beside `markdown`. */
function plainText(markdown: string): string {
  return markdown
    .replace(/^```[^\n]*\n?/gm, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/!?\[([^\]]*)\]\(([^)\s]+)\)/g, (_match, text: string, url: string) =>
      text === url || text === '' ? url : `${text} (${url})`,
    )
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .trim();
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function limit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Code-unit order, independent of the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
