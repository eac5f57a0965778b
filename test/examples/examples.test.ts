// Runs every policies-examples/<case>/example.json through the built CLI (`--format json`, cwd = the
// folder) so that no example, and no README command, goes stale. A folder is found automatically; one
// without example.json or README.md, or missing from the table in policies-examples/README.md, fails.
//
// example.json: { "description": "…", "args": [...] (paths relative to the folder), "expect": {…} }
//
// `check` examples ("args": ["policy.json", "--model", "…", …]):
//   "expect": {
//     "exitCode": N, "verdict": "allowed" | "denied" | "conditional" | "incomplete",
//     "decisions": { "<action> <resource>": "<decision>" },   optional; when given, lists every check of the report
//     "findings": [ <finding expectation>, … ],               optional; each must match a finding of the report (others may be there too)
//     "fixVerified": true                                     optional; the report offers at least one policy edit, and every policy edit is verified
//   }
// `explain` examples ("args": ["explain", "<error text>", FILES…, options…]):
//   "expect": {
//     "exitCode": N, "verdict": "explained" | "reproduced" | "not-reproduced" | "unrecognised",
//     "status": "recognised" | "unrecognised", "rule": "<rule id>" | null,   explanation.status and explanation.rule
//     "signature": "<rule>/<name>",                            optional; explanation.signature
//     "reproduction": { … },                                   optional; a subset of the JSON reproduction (toMatchObject)
//     "findings": [ <finding expectation>, … ]                 optional; matched against the reproduction's findings
//   }
// A fix that edits no policy (kind "instructions") is never verified: every example checks that, and
// "fixVerified" looks at the policy edits only.
// `diff` examples ("args": ["diff", "old.json", "new.json", options…], two matrix reports):
//   "expect": {
//     "exitCode": N, "summary": { "lost": N, …, "unchanged": N },   the JSON report's summary, exactly
//     "rows": { "<principal> × <model> in <region>": ["lost", …] }  optional; each row's changes (others may be there too)
//   }
// `scan` examples ("args": ["scan", "--snapshot", "snapshot.json", options…]):
//   "expect": {
//     "exitCode": N, "summary": { "allowed": N, … },             a subset of the matrix's summary
//     "cells": { "<principal> × <model>": "<verdict>" },          optional; each named cell's verdict (others may be there too)
//     "findings": [ <finding expectation>, … ]                    optional; matched against the findings of every cell
//   }
// A finding expectation: { "rule": "…", "severity"?: "error" | "warning" | "note", "predictedException"?: "…"
//   (the finding's predictedError.exception), "fixVerified"?: true (at least one policy edit, all verified),
//   "mentions"?: ["…"] (each string occurs in the finding's title, cause, predicted message, alternatives or fixes) }.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES as RULE_REGISTRY } from '../../src/diagnose/rules/index.js';
import {
  decisionsOf,
  EXAMPLES,
  expectUnchanged,
  parseReport,
  requireBuiltCli,
  ROOT,
  runCli,
  snapshotFiles,
} from '../cli/helpers.js';

const RULES = RULE_REGISTRY.map((rule) => rule.id);
const CHECK_VERDICTS = ['allowed', 'denied', 'conditional', 'incomplete'] as const;
const EXPLAIN_VERDICTS = ['explained', 'reproduced', 'not-reproduced', 'unrecognised'] as const;

interface FindingExpectation {
  readonly rule: string;
  readonly severity?: 'error' | 'warning' | 'note';
  readonly predictedException?: string;
  readonly fixVerified?: boolean;
  readonly mentions?: readonly string[];
}

interface CheckExpectation {
  readonly exitCode: number;
  readonly verdict: (typeof CHECK_VERDICTS)[number];
  readonly decisions?: Readonly<Record<string, string>>;
  readonly findings?: readonly FindingExpectation[];
  readonly fixVerified?: boolean;
}

interface ExplainExpectation {
  readonly exitCode: number;
  readonly verdict: (typeof EXPLAIN_VERDICTS)[number];
  readonly status: 'recognised' | 'unrecognised';
  readonly rule: string | null;
  readonly signature?: string;
  readonly reproduction?: Readonly<Record<string, unknown>>;
  readonly findings?: readonly FindingExpectation[];
}

interface DiffExpectation {
  readonly exitCode: number;
  readonly summary: Readonly<Record<string, number>>;
  readonly rows?: Readonly<Record<string, readonly string[]>>;
  readonly findings?: undefined;
}

interface ScanExpectation {
  readonly exitCode: number;
  readonly summary: Readonly<Record<string, number>>;
  readonly cells?: Readonly<Record<string, string>>;
  readonly findings?: readonly FindingExpectation[];
}

interface Example {
  readonly description: string;
  readonly args: readonly string[];
  readonly expect: CheckExpectation | ExplainExpectation | DiffExpectation | ScanExpectation;
}

/** The parts of a report finding (schemas/report.schema.json#/definitions/finding) the expectations look at. */
interface ReportFinding {
  readonly rule: string;
  readonly severity: string;
  readonly title: string;
  readonly predictedError?: { readonly exception: string; readonly message: string };
  readonly cause: string;
  readonly alternatives?: readonly string[];
  readonly fixes: readonly {
    readonly kind: string;
    readonly summary: string;
    readonly steps?: readonly string[];
    readonly statement?: object;
    readonly verification: { readonly verified: boolean };
  }[];
}

interface ExplainJson {
  readonly verdict: string;
  readonly explanation: { readonly status: string; readonly rule: string | null; readonly signature: string | null };
  readonly reproduction: (Record<string, unknown> & { readonly findings: readonly ReportFinding[] }) | null;
}

const folders = readdirSync(EXAMPLES)
  .filter((name) => statSync(join(EXAMPLES, name)).isDirectory())
  .sort();

const isExplain = (example: Example): boolean => example.args[0] === 'explain';
const isDiff = (example: Example): boolean => example.args[0] === 'diff';
const isScan = (example: Example): boolean => example.args[0] === 'scan';

const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validateExplain = ajv.compile(schema('explain.schema.json'));
const validateDiff = ajv.compile(schema('diff.schema.json'));

function readExample(folder: string): Example {
  const file = join(EXAMPLES, folder, 'example.json');
  expect(existsSync(file), `policies-examples/${folder} has no example.json`).toBe(true);
  const example = JSON.parse(readFileSync(file, 'utf8')) as Example;
  expect(typeof example.description === 'string' && example.description.length > 0, 'description').toBe(true);
  expect(
    Array.isArray(example.args) && example.args.every((arg) => typeof arg === 'string'),
    'args is an array of strings',
  ).toBe(true);
  expect(example.args, 'the example chooses --format itself').not.toContain('--format');
  expect(Number.isInteger(example.expect?.exitCode), 'expect.exitCode').toBe(true);
  if (isExplain(example)) {
    const expected = example.expect as ExplainExpectation;
    expect(EXPLAIN_VERDICTS).toContain(expected.verdict);
    expect(['recognised', 'unrecognised'], 'expect.status').toContain(expected.status);
    expect([...RULES, null], 'expect.rule').toContain(expected.rule);
  } else if (isDiff(example)) {
    const expected = example.expect as DiffExpectation;
    expect(typeof expected.summary, 'expect.summary').toBe('object');
    expect(expected, 'a diff example expects no findings').not.toHaveProperty('findings');
  } else if (isScan(example)) {
    expect(typeof (example.expect as ScanExpectation).summary, 'expect.summary').toBe('object');
  } else {
    const expected = example.expect as CheckExpectation;
    expect(CHECK_VERDICTS).toContain(expected.verdict);
    expect(example.expect, 'expect.status and expect.rule belong to explain examples').not.toHaveProperty('rule');
  }
  for (const finding of example.expect.findings ?? []) expect(RULES, 'findings[].rule').toContain(finding.rule);
  return example;
}

/** Quotes a word for a POSIX shell the way a person would type it; plain words stay as they are. */
function shellWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  if (!/["$`\\!]/.test(word)) return `"${word}"`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The example's command as the README shows it: run from the repository root, so its files get the folder prefix. */
function commandFromRoot(folder: string, args: readonly string[]): string {
  const words = args.map((arg) =>
    !arg.startsWith('-') && existsSync(join(EXAMPLES, folder, arg)) ? `policies-examples/${folder}/${arg}` : arg,
  );
  return ['node bin/policy-check.cjs', ...words.map(shellWord)].join(' ');
}

/** The human-readable text of a finding: where `mentions` are looked for. */
function findingText(finding: ReportFinding): string {
  return [
    finding.title,
    finding.cause,
    finding.predictedError?.message ?? '',
    ...(finding.alternatives ?? []),
    ...finding.fixes.flatMap((fix) => [
      fix.summary,
      ...(fix.steps ?? []),
      fix.statement ? JSON.stringify(fix.statement) : '',
    ]),
  ].join('\n');
}

function matches(finding: ReportFinding, expected: FindingExpectation): boolean {
  if (finding.rule !== expected.rule) return false;
  if (expected.severity !== undefined && finding.severity !== expected.severity) return false;
  if (expected.predictedException !== undefined && finding.predictedError?.exception !== expected.predictedException)
    return false;
  const edits = policyEdits(finding.fixes);
  if (expected.fixVerified === true && !(edits.length > 0 && edits.every((fix) => fix.verification.verified)))
    return false;
  const text = findingText(finding);
  return (expected.mentions ?? []).every((mention) => text.includes(mention));
}

/** The fixes that change a policy document: the ones the engine can re-evaluate. */
function policyEdits(fixes: ReportFinding['fixes']): ReportFinding['fixes'] {
  return fixes.filter((fix) => fix.kind !== 'instructions');
}

/**
 * Issue 6: "Instruction-only steps are never labelled verified". A fix that edits no policy (kind
 * `instructions`: narrowing a Deny by hand, a console step, another Region) is a change the tool cannot
 * apply and re-evaluate, so whatever the example, it is never verified.
 */
function expectInstructionsUnverified(findings: readonly ReportFinding[]): void {
  const labelled = findings
    .flatMap((finding) => finding.fixes)
    .filter((fix) => fix.kind === 'instructions' && fix.verification.verified);
  expect(
    labelled.map((fix) => fix.summary),
    'instructions labelled verified',
  ).toEqual([]);
}

function expectFindings(actual: readonly ReportFinding[], expected: readonly FindingExpectation[]): void {
  const summary = actual.map((finding) => ({
    rule: finding.rule,
    severity: finding.severity,
    predictedException: finding.predictedError?.exception,
    title: finding.title,
    fixes: finding.fixes.map((fix) => `${fix.summary} (verified: ${fix.verification.verified})`),
  }));
  for (const wanted of expected) {
    expect(
      actual.some((finding) => matches(finding, wanted)),
      `no finding matches ${JSON.stringify(wanted)}; the findings: ${JSON.stringify(summary, null, 2)}`,
    ).toBe(true);
  }
}

function expectCheckOutcome(expected: CheckExpectation, stdout: string, code: number | null): void {
  const report = parseReport(stdout);
  expect({ exitCode: code, verdict: report.verdict }).toEqual({
    exitCode: expected.exitCode,
    verdict: expected.verdict,
  });
  if (expected.decisions) expect(decisionsOf(report)).toEqual(expected.decisions);
  const findings = (report as unknown as { findings: readonly ReportFinding[] }).findings;
  if (expected.findings) expectFindings(findings, expected.findings);
  expectInstructionsUnverified(findings);
  if (expected.fixVerified === true) {
    const fixes = policyEdits(findings.flatMap((finding) => finding.fixes));
    expect(fixes.length, 'the report offers a policy edit').toBeGreaterThan(0);
    expect(
      fixes.filter((fix) => !fix.verification.verified),
      'unverified fixes',
    ).toEqual([]);
  }
}

interface DiffJson {
  readonly summary: Readonly<Record<string, number>>;
  readonly rows: readonly { principal: string; model: string; region: string; changes: readonly string[] }[];
}

function expectDiffOutcome(expected: DiffExpectation, stdout: string, code: number | null): void {
  const report = JSON.parse(stdout) as DiffJson;
  expect(validateDiff(report), ajv.errorsText(validateDiff.errors)).toBe(true);
  expect({ exitCode: code, summary: report.summary }).toEqual({
    exitCode: expected.exitCode,
    summary: expected.summary,
  });
  const rows = Object.fromEntries(
    report.rows.map((row) => [`${row.principal} × ${row.model} in ${row.region}`, row.changes]),
  );
  expect(rows).toMatchObject(expected.rows ?? {});
}

interface MatrixJson {
  readonly summary: Readonly<Record<string, number>>;
  readonly matrix: readonly {
    principal: string;
    model: string;
    verdict: string;
    findings: readonly ReportFinding[];
  }[];
}

function expectScanOutcome(expected: ScanExpectation, stdout: string, code: number | null): void {
  const report = JSON.parse(stdout) as MatrixJson;
  expect({ exitCode: code, summary: report.summary }).toMatchObject({
    exitCode: expected.exitCode,
    summary: expected.summary,
  });
  const cells = Object.fromEntries(report.matrix.map((cell) => [`${cell.principal} × ${cell.model}`, cell.verdict]));
  expect(cells).toMatchObject(expected.cells ?? {});
  const findings = report.matrix.flatMap((cell) => cell.findings);
  if (expected.findings) expectFindings(findings, expected.findings);
  expectInstructionsUnverified(findings);
}

function expectExplainOutcome(expected: ExplainExpectation, stdout: string, code: number | null): void {
  const report = JSON.parse(stdout) as ExplainJson;
  expect(validateExplain(report), ajv.errorsText(validateExplain.errors)).toBe(true);
  expect({
    exitCode: code,
    verdict: report.verdict,
    status: report.explanation.status,
    rule: report.explanation.rule,
  }).toEqual({
    exitCode: expected.exitCode,
    verdict: expected.verdict,
    status: expected.status,
    rule: expected.rule,
  });
  if (expected.signature !== undefined) expect(report.explanation.signature).toBe(expected.signature);
  if (expected.reproduction) expect(report.reproduction).toMatchObject(expected.reproduction);
  expectInstructionsUnverified(report.reproduction?.findings ?? []);
  if (expected.findings) {
    expect(report.reproduction, 'findings are those of the re-evaluation: give policies').not.toBeNull();
    expectFindings(report.reproduction?.findings ?? [], expected.findings);
  }
}

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES));

it("issue #2's cases are all there", () => {
  expect(folders).toEqual(
    expect.arrayContaining([
      'allowed-foundation-model',
      'identity-no-allow',
      'identity-explicit-deny',
      'cross-region-profile-missing-destinations',
      'cross-region-profile-correct',
      'global-profile-missing-unspecified',
      'scp-region-deny',
      'scp-region-deny-with-exemption',
      'permissions-boundary-deny',
      'session-policy-deny',
      'conditional-source-ip',
    ]),
  );
});

it("issue #3's remaining documented failures are all there", () => {
  expect(folders).toEqual(
    expect.arrayContaining([
      'model-not-offered-in-region',
      'model-needs-inference-profile',
      'model-end-of-life',
      'marketplace-permissions-denied',
      'scp-global-profile-region-deny',
      'wrong-api-endpoint',
      'sdk-too-old',
      'account-restriction',
      'explain-identity-explicit-deny',
    ]),
  );
});

it('every rule has an example', () => {
  const covered = new Set<string>();
  for (const folder of folders) {
    const example = readExample(folder);
    if (isExplain(example)) covered.add(String((example.expect as ExplainExpectation).rule));
    for (const finding of example.expect.findings ?? []) covered.add(finding.rule);
  }
  expect(
    [...RULES].filter((rule) => !covered.has(rule)),
    'rules without an example',
  ).toEqual([]);
});

it('policies-examples/README.md has a table row for every folder', () => {
  const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
  const linked = [...readme.matchAll(/^\| \[`([^`]+)`\]\(([^)]+)\/README\.md\) \|/gm)].map((match) => {
    expect(match[2], 'a row links its own folder').toBe(match[1]);
    return match[1];
  });
  expect([...linked].sort()).toEqual(folders);
});

describe.each(folders)('policies-examples/%s', (folder) => {
  it('gives the outcome example.json expects', () => {
    const example = readExample(folder);
    const result = runCli([...example.args, '--format', 'json'], { cwd: join(EXAMPLES, folder) });
    expect(result.stderr, 'stderr').toBe('');
    if (isExplain(example)) expectExplainOutcome(example.expect as ExplainExpectation, result.stdout, result.code);
    else if (isDiff(example)) expectDiffOutcome(example.expect as DiffExpectation, result.stdout, result.code);
    else if (isScan(example)) expectScanOutcome(example.expect as ScanExpectation, result.stdout, result.code);
    else expectCheckOutcome(example.expect as CheckExpectation, result.stdout, result.code);
  });

  it('has a README.md with the command to run from the repository root', () => {
    const readme = join(EXAMPLES, folder, 'README.md');
    expect(existsSync(readme), `policies-examples/${folder} has no README.md`).toBe(true);
    expect(readFileSync(readme, 'utf8')).toContain(commandFromRoot(folder, readExample(folder).args));
  });
});
