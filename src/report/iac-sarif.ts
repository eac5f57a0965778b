import { callOptionsIn } from './call-options-text.js';
import type { IacReport as IacReportData } from '../model/index.js';
import { renderIac } from './words/message-lists.js';
import type { IacRuleDescriptor, Severity } from '../model/index.js';
import type { WordedIacFinding as IacFinding } from './words/message-words.js';

const LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', note: 'note' };

/**
 * The findings as one SARIF 2.1.0 run for GitHub code scanning: repository-relative URIs (against
 * %SRCROOT%), startLine ≥ 1 on every result, every rule with `security-severity` and tags, our own
 * `partialFingerprints` (rule, path, address, statement), suppressed findings left out.
 */
export function formatIacSarif(unrendered: IacReportData, rules: readonly IacRuleDescriptor[]): string {
  // Hints in the analysis's notes and assumptions are codes; the CLI's words replace them here.
  const report = renderIac(unrendered);
  const results = report.findings.map((finding) => result(finding, rules));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'policy-check',
            version: report.tool.version,
            informationUri: 'https://github.com/policy-check/policy-check',
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase()),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.help },
              help: { text: rule.help, markdown: rule.help },
              helpUri: rule.helpUri,
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { 'security-severity': rule.securitySeverity, tags: [...rule.tags], precision: 'high' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'the checked repository' } } },
        results,
        properties: {
          kind: 'iac',
          region: report.region,
          ...callOptionsIn(report),
          models: [...report.models],
          catalogDate: report.catalogDate,
          suppressed: report.summary.suppressed,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function result(finding: IacFinding, rules: readonly IacRuleDescriptor[]) {
  const ruleIndex = rules.findIndex((rule) => rule.id === finding.rule);
  return {
    ruleId: finding.rule,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(finding.file), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: Math.max(1, finding.line),
            startColumn: Math.max(1, finding.column),
            ...(finding.endLine !== undefined && finding.endLine >= finding.line ? { endLine: finding.endLine } : {}),
          },
        },
        ...(finding.address ? { logicalLocations: [{ name: finding.address, kind: 'resource' }] } : {}),
      },
    ],
    partialFingerprints: { 'policyCheckIac/v1': finding.fingerprint },
  };
}

/** A repository-relative path as a relative URI reference: each segment percent-encoded, `/` kept. */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
