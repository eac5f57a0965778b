// --format sarif and --format markdown through the built binary, on the identity-no-allow example: the
// same findings as --format json, a SARIF log valid for code scanning, a pull-request comment.
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/diagnose/rules/index.js';
import { VERDICT_RULES } from '../../src/report/sarif.js';
import { parseSarif, type SarifLog } from '../report/sarif-schema.js';
import { expectNoAnsi, parseReport, PRINCIPAL, requireBuiltCli, runCli } from './helpers.js';

const POLICY = 'policies-examples/identity-no-allow/policy.json';
const ARGS = [POLICY, '--model', 'amazon.nova-pro-v1:0', '--region', 'us-east-1', '--principal', PRINCIPAL];

interface JsonFinding {
  readonly rule: string;
  readonly predictedError?: { readonly exception: string; readonly message: string };
}

let findings: readonly JsonFinding[];
let checks: number;
beforeAll(() => {
  requireBuiltCli();
  const json = runCli([...ARGS, '--format', 'json']);
  expect(json.code).toBe(1);
  const report = parseReport(json.stdout) as unknown as { findings: JsonFinding[]; checks: unknown[] };
  findings = report.findings;
  checks = report.checks.length;
});

describe('--format sarif', () => {
  it('writes a SARIF 2.1.0 log with every rule, one result per finding, in the file as given; exit 1', () => {
    const result = runCli([...ARGS, '--format', 'sarif']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '' });
    expectNoAnsi(result.stdout);
    const log = parseSarif(result.stdout);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((rule: SarifLog) => rule.id)).toEqual(
      [...RULES, ...VERDICT_RULES].map((rule) => rule.id).sort(),
    );
    expect(run.results.map((r: SarifLog) => r.ruleId).sort()).toEqual(findings.map((finding) => finding.rule).sort());
    for (const sarifResult of run.results) {
      expect(sarifResult.locations[0].physicalLocation.artifactLocation.uri).toBe(POLICY);
    }
    // Deterministic across runs.
    expect(runCli([...ARGS, '--format', 'sarif']).stdout).toBe(result.stdout);
  });
});

describe('--format markdown', () => {
  it('writes the verdict, a row per check and each predicted error in a code block; exit 1', () => {
    const result = runCli([...ARGS, '--format', 'markdown']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '' });
    expectNoAnsi(result.stdout);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('### policy-check: DENIED');
    expect(lines[2]).toMatch(
      /^\*\*Status: DENIED\*\* — `amazon\.nova-pro-v1:0` in `us-east-1`: 2 of 2 checks denied\.$/,
    );
    expect(lines.filter((line) => line.startsWith('| bedrock:'))).toHaveLength(checks);
    for (const finding of findings) {
      if (finding.predictedError)
        expect(result.stdout).toContain(
          `\`\`\`text\n${finding.predictedError.exception}: ${finding.predictedError.message}\n\`\`\``,
        );
    }
  });
});
