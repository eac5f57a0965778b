import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/diagnose/rules/index.js';
import type { Finding, FindingLocation, Span } from '../../src/model/index.js';
import { parsePolicyDocument } from '../../src/parse/index.js';
import { artifactUri, formatSarif, VERDICT_RULES } from '../../src/report/sarif.js';
import {
  ADD_FIX,
  ALL_FINDINGS,
  ALLOW_STATEMENT,
  IDENTITY_FINDING,
  IDENTITY_LOCATION,
  MODEL_ACCESS_FINDING,
  NO_END_FINDING,
  report,
  RULE_DESCRIPTORS,
  SCP_FINDING,
  SCP_LOCATION,
  SCP_REPLACEMENT,
} from './reports.js';
import { isSchemaValid, parseSarif, type SarifLog } from './sarif-schema.js';

const sarif = (findings: readonly Finding[] = ALL_FINDINGS) =>
  parseSarif(formatSarif(report(findings), RULE_DESCRIPTORS));

function resultFor(log: SarifLog, rule: string): SarifLog {
  const result = log.runs[0].results.find((candidate: SarifLog) => candidate.ruleId === rule);
  expect(result, `no result for ${rule}`).toBeDefined();
  return result;
}

function regionOf(location: FindingLocation): Record<string, number> {
  return {
    startLine: location.line,
    startColumn: location.column,
    ...(location.endLine !== undefined ? { endLine: location.endLine, endColumn: location.endColumn! } : {}),
  };
}

/** Applies SARIF replacements (1-based line/column, exclusive end column) to a text with \n line ends. */
function applyReplacements(text: string, replacements: readonly SarifLog[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (line: number, column: number) => starts[line - 1]! + column - 1;
  const edits = replacements
    .map((replacement) => {
      const region = replacement.deletedRegion;
      return {
        from: offset(region.startLine, region.startColumn),
        to: offset(region.endLine, region.endColumn),
        text: replacement.insertedContent?.text ?? '',
      };
    })
    .sort((a, b) => b.from - a.from);
  return edits.reduce((current, edit) => current.slice(0, edit.from) + edit.text + current.slice(edit.to), text);
}

describe('formatSarif: the log', () => {
  it('is valid SARIF 2.1.0 (the schema subset) and meets GitHub code scanning requirements', () => {
    const log = sarif();
    expect(log.runs[0].tool.driver).toMatchObject({
      name: 'policy-check',
      version: '0.1.0',
      informationUri: 'https://policy-check.dev',
    });
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
    expect(log.runs[0].results).toHaveLength(ALL_FINDINGS.length);
  });

  it('is valid with no findings on an allowed run: an empty results array, as an actual scan must have', () => {
    const allowed = report([], {
      verdict: 'allowed',
      checks: [],
      summary: { allowed: 0, explicitDeny: 0, implicitDeny: 0, conditional: 0 },
    });
    const log = parseSarif(formatSarif(allowed, RULE_DESCRIPTORS));
    expect(log.runs[0].results).toEqual([]);
  });

  it('holds one rule per descriptor, sorted by id, with the rule text in every field GitHub shows', () => {
    const rules = sarif().runs[0].tool.driver.rules;
    expect(rules.map((rule: SarifLog) => rule.id)).toEqual([
      'conditional-decision',
      'denied-check',
      'identity-policy',
      'incomplete-evaluation',
      'model-access',
      'permissions-boundary',
      'service-control-policy',
    ]);
    const scp = rules.find((rule: SarifLog) => rule.id === 'service-control-policy');
    expect(scp).toEqual({
      id: 'service-control-policy',
      name: 'ServiceControlPolicy',
      shortDescription: { text: 'A service control policy denies the call' },
      fullDescription: { text: 'Service control policies' },
      defaultConfiguration: { level: 'error' },
      help: {
        text: 'Service control policies\n\nAn SCP at some level of the organization denies bedrock:InvokeModel.\n\nSee the evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).',
        markdown: RULE_DESCRIPTORS[0]!.help,
      },
      helpUri: RULE_DESCRIPTORS[0]!.helpUri,
      properties: { tags: ['amazon-bedrock', 'aws', 'iam'], precision: 'high', 'problem.severity': 'error' },
    });
  });

  it('holds one rule per entry of the RULES registry, and the verdict rules', () => {
    const log = parseSarif(formatSarif(report([]), RULES));
    const ids = log.runs[0].tool.driver.rules.map((rule: SarifLog) => rule.id);
    expect(ids).toEqual([...RULES.map((rule) => rule.id), ...VERDICT_RULES.map((rule) => rule.id)].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is deterministic: the same bytes whatever the order of findings and rules', () => {
    const first = formatSarif(report(ALL_FINDINGS), RULE_DESCRIPTORS);
    expect(formatSarif(report(ALL_FINDINGS), RULE_DESCRIPTORS)).toBe(first);
    expect(formatSarif(report([...ALL_FINDINGS].reverse()), [...RULE_DESCRIPTORS].reverse())).toBe(first);
  });

  it('sorts results by file, then position, results without a statement of their own last by file too', () => {
    const results = sarif().runs[0].results;
    const keys = results.map((result: SarifLog) => {
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      return `${artifactLocation.uri}:${region.startLine}:${region.startColumn}`;
    });
    expect(keys).toEqual([
      'boundary.json:3:17',
      'org/scp-region.json:5:5',
      'policies/app.json:1:1',
      'policies/app.json:4:5',
    ]);
  });
});

describe('the SARIF schema subset', () => {
  it('rejects what SARIF 2.1.0 forbids, so that passing it means something', () => {
    const valid = sarif();
    expect(isSchemaValid(valid)).toBe(true);
    const broken = (mutate: (log: SarifLog) => void) => {
      const log = structuredClone(valid);
      mutate(log);
      return isSchemaValid(log);
    };
    const identity = (log: SarifLog) =>
      log.runs[0].results.find((result: SarifLog) => result.ruleId === 'identity-policy');
    expect(broken((log) => (log.version = '2.0.0'))).toBe(false);
    expect(broken((log) => delete log.runs[0].tool.driver.name)).toBe(false);
    expect(broken((log) => (identity(log).fixes[0] = { description: { text: 'only words' } }))).toBe(false);
    expect(broken((log) => (identity(log).fixes[0].artifactChanges[0].replacements = []))).toBe(false);
    expect(broken((log) => (identity(log).locations[0].physicalLocation.region.startLine = 0))).toBe(false);
    expect(broken((log) => (identity(log).level = 'critical'))).toBe(false);
    expect(broken((log) => (identity(log).locations[0].physicalLocation.artifactLocation.uri = 'my file.json'))).toBe(
      false,
    );
    expect(broken((log) => (log.runs[0].tool.driver.rules[0].helpUri = 'not a uri'))).toBe(false);
    expect(broken((log) => (log.runs[0].tool.driver.rules[0].shortDescription = {}))).toBe(false);
    expect(broken((log) => (identity(log).message = {}))).toBe(false);
    expect(broken((log) => (identity(log).unknownProperty = 1))).toBe(false);
  });
});

describe('formatSarif: results', () => {
  it('one per finding: rule, index into the rules, level from severity, message = predicted error then cause', () => {
    const log = sarif();
    const result = resultFor(log, 'identity-policy');
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('identity-policy');
    expect(result.level).toBe('error');
    expect(result.message.text).toBe(
      `AccessDeniedException: ${IDENTITY_FINDING.predictedError!.message}\n${IDENTITY_FINDING.cause}`,
    );
    expect(resultFor(log, 'model-access').level).toBe('warning');
    expect(resultFor(log, 'model-access').message.text).toBe(
      `${MODEL_ACCESS_FINDING.title}: ${MODEL_ACCESS_FINDING.cause}`,
    );
  });

  it('places the result on the finding location, end included, and the others as related locations', () => {
    const log = sarif();
    const identity = resultFor(log, 'identity-policy');
    expect(identity.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'policies/app.json' }, region: regionOf(IDENTITY_LOCATION) },
        message: { text: 'statement ReadBedrockCatalog in identity-based policy app.json' },
      },
    ]);
    expect(identity.relatedLocations).toBeUndefined();
    const scp = resultFor(log, 'service-control-policy');
    // Backslashes become forward slashes.
    expect(scp.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'org/scp-region.json' },
      region: regionOf(SCP_LOCATION),
    });
    expect(scp.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'policies/app.json' }, region: { startLine: 4, startColumn: 5 } },
        message: { text: 'identity-based policy app.json' },
      },
    ]);
    // Without a known end, the region is the start only.
    expect(resultFor(log, 'permissions-boundary').locations[0].physicalLocation.region).toEqual({
      startLine: 3,
      startColumn: 17,
    });
  });

  it('places a finding without a location on the first identity-based policy, saying so', () => {
    const location = resultFor(sarif(), 'model-access').locations[0];
    expect(location.physicalLocation).toEqual({
      artifactLocation: { uri: 'policies/app.json' },
      region: { startLine: 1, startColumn: 1 },
    });
    expect(location.message.text).toMatch(/no single statement is at fault/);
  });

  it('has partial fingerprints that ignore line moves when a Sid names the statement, and differ between findings', () => {
    const fingerprint = (finding: Finding) => resultFor(sarif([finding]), finding.rule).partialFingerprints;
    const original = fingerprint(IDENTITY_FINDING);
    expect(original.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}$/);
    expect(original['policyCheck/v1']).toBe(original.primaryLocationLineHash);
    const moved: Finding = { ...IDENTITY_FINDING, locations: [{ ...IDENTITY_LOCATION, line: 40, endLine: 49 }] };
    expect(fingerprint(moved)).toEqual(original);
    const otherChecks: Finding = { ...IDENTITY_FINDING, checks: IDENTITY_FINDING.checks.slice(0, 1) };
    expect(fingerprint(otherChecks)).not.toEqual(original);
    expect(fingerprint(SCP_FINDING)).not.toEqual(original);
  });

  it('keeps the checks, the predicted error and every fix with owner and verification in properties', () => {
    const properties = resultFor(sarif(), 'model-access').properties;
    expect(properties.checks).toEqual(MODEL_ACCESS_FINDING.checks);
    expect(properties.fixes).toEqual([
      {
        kind: 'instructions',
        owner: 'account-admin',
        summary: 'Invoke the model once as a user with aws-marketplace:Subscribe',
        file: null,
        steps: ['Sign in with a role allowed aws-marketplace:Subscribe', 'Invoke the model once in us-east-1'],
        verified: false,
        checksFixed: 0,
        checksOpenedElsewhere: 0,
        verification: 'a subscription cannot be checked from policy files',
      },
    ]);
    expect(resultFor(sarif(), 'identity-policy').properties.predictedError).toEqual(IDENTITY_FINDING.predictedError);
  });

  it('never calls an instruction verified, even from data that says so (issue 6)', () => {
    const [instruction] = MODEL_ACCESS_FINDING.fixes;
    const labelled = {
      ...MODEL_ACCESS_FINDING,
      fixes: [{ ...instruction!, verification: { ...instruction!.verification, verified: true } }],
    };
    const properties = resultFor(sarif([labelled]), 'model-access').properties;
    expect(properties.fixes.map((fix: { verified: boolean }) => fix.verified)).toEqual([false]);
    expect(JSON.stringify(properties)).not.toMatch(/"verified: /);
  });
});

describe('formatSarif: fixes', () => {
  it('add-statement: inserts the statement JSON just past the statement at its location', () => {
    const [fix] = resultFor(sarif(), 'identity-policy').fixes;
    expect(fix.description.text).toBe(
      'Allow both invoke actions on the model. To be made by the owner of the identity-based policy; verified: 2 checks fixed, 0 opened elsewhere.',
    );
    expect(fix.artifactChanges).toHaveLength(1);
    const [change] = fix.artifactChanges;
    expect(change.artifactLocation).toEqual({ uri: 'policies/app.json' });
    expect(change.replacements).toEqual([
      {
        deletedRegion: { startLine: 13, startColumn: 6, endLine: 13, endColumn: 6 },
        insertedContent: { text: `,\n    ${JSON.stringify(ALLOW_STATEMENT, null, 2).replace(/\n/g, '\n    ')}` },
      },
    ]);
  });

  it('replace-statement: replaces the statement region', () => {
    const [fix] = resultFor(sarif(), 'service-control-policy').fixes;
    expect(fix.artifactChanges).toEqual([
      {
        artifactLocation: { uri: 'org/scp-region.json' },
        replacements: [
          {
            deletedRegion: regionOf(SCP_LOCATION),
            insertedContent: { text: JSON.stringify(SCP_REPLACEMENT, null, 2).replace(/\n/g, '\n    ') },
          },
        ],
      },
    ]);
  });

  it('gives no SARIF fix (it must change an artifact) when the region end is unknown or the fix is instructions', () => {
    const log = sarif();
    expect(resultFor(log, 'permissions-boundary').fixes).toBeUndefined();
    expect(resultFor(log, 'permissions-boundary').properties.fixes[0]).toMatchObject({
      kind: 'replace-statement',
      owner: 'boundary-owner',
      file: 'boundary.json',
    });
    expect(resultFor(log, 'model-access').fixes).toBeUndefined();
    expect(NO_END_FINDING.fixes[0]?.location?.endLine).toBeUndefined();
  });

  it('the changes, applied to real policy text with parsed spans, give the fixed policy', () => {
    const file = 'policies/app.json';
    const text = `${JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'ReadBedrockCatalog', Effect: 'Allow', Action: ['bedrock:List*', 'bedrock:Get*'], Resource: '*' },
          { Sid: 'DenyOutsideUS', Effect: 'Deny', NotAction: ['bedrock:*'], Resource: '*' },
        ],
      },
      null,
      2,
    )}\n`;
    const parsed = parsePolicyDocument(text, file, { type: 'identity' });
    const [read, deny] = parsed.policy!.statements;
    const at = (span: Span): FindingLocation => ({ ...span, policyType: 'identity', policyName: 'app.json' });
    const findings: Finding[] = [
      { ...IDENTITY_FINDING, locations: [at(read!.span)], fixes: [{ ...ADD_FIX, file, location: at(deny!.span) }] },
      {
        ...SCP_FINDING,
        locations: [at(deny!.span)],
        fixes: [{ ...SCP_FINDING.fixes[0]!, file, location: at(deny!.span), statement: SCP_REPLACEMENT }],
      },
    ];
    const results = sarif(findings).runs[0].results;
    const replacements = results.flatMap((result: SarifLog) => result.fixes[0].artifactChanges[0].replacements);
    const fixed = JSON.parse(applyReplacements(text, replacements)) as { Statement: unknown[] };
    expect(fixed.Statement).toEqual([
      { Sid: 'ReadBedrockCatalog', Effect: 'Allow', Action: ['bedrock:List*', 'bedrock:Get*'], Resource: '*' },
      SCP_REPLACEMENT,
      ALLOW_STATEMENT,
    ]);
  });
});

describe('artifactUri', () => {
  it('keeps relative paths relative with forward slashes, and percent-encodes what a URI cannot hold', () => {
    expect(artifactUri('policies/app.json')).toBe('policies/app.json');
    expect(artifactUri('./policies\\app.json')).toBe('policies/app.json');
    expect(artifactUri('../shared/my policy#1.json')).toBe('../shared/my%20policy%231.json');
    expect(artifactUri('a:b/c.json')).toBe('a%3Ab/c.json');
  });

  it('turns absolute paths into file: URIs', () => {
    expect(artifactUri('/home/ci/repo/p.json')).toBe('file:///home/ci/repo/p.json');
    expect(artifactUri('C:\\work\\repo\\p.json')).toBe('file:///C:/work/repo/p.json');
  });
});
