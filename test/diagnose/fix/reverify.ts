import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { check } from '../../../src/analysis/check.js';
import type { CheckEntry, CheckReport } from '../../../src/model/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';
import type {
  CheckEntry as WordedCheckEntry,
  CheckReport as WordedCheckReport,
  Fix as WordedFix,
} from '../../../src/report/words/worded-reports.js';

/** A report as check() makes it or in words: the helpers below read only what both have. */
type Report = CheckReport | WordedCheckReport;
type AnyFix = Fix | WordedFix;
import type { GuardrailRef } from '../../../src/bedrock/index.js';
import {
  formatInputIssue,
  parsePrincipal,
  type Fix,
  type FixOwner,
  type Policy,
  type PolicyType,
} from '../../../src/model/index.js';
import type { ApiKeyAuth } from '../../../src/bedrock/index.js';
import { parsePolicyDocument } from '../../../src/parse/index.js';

/*
 * Independent re-verification of the fixes a report shows, the way a user applies them: the fix is
 * pasted into the policy file's JSON text (a statement added to the named file's Statement array, or
 * the statement at the reported line and column replaced or removed), the text is parsed again by the
 * real parser, and check() runs again on the edited files. Nothing here reuses the planner's in-memory
 * edits (src/diagnose/fix/policy-edit.ts), so a fix that only works in memory fails these tests.
 */

export const PRINCIPAL_ARN = 'arn:aws:sts::111122223333:assumed-role/App/s1';
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const PRINCIPAL = parsePrincipal(PRINCIPAL_ARN)!;
const NOW = new Date('2026-11-27T12:00:00Z');

export const INVOKE = 'bedrock:InvokeModel';
export const INVOKE_STREAM = 'bedrock:InvokeModelWithResponseStream';
export const BOTH_ACTIONS = [INVOKE, INVOKE_STREAM];

export const modelArn = (region: string, modelId: string): string =>
  `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
export const profileArn = (region: string, profileId: string): string =>
  `arn:aws:bedrock:${region}:${ACCOUNT}:inference-profile/${profileId}`;

/** Policy files by name, as text: what the user has on disk. */
export type Files = Readonly<Record<string, string>>;

/** Which file plays which role: the CLI's positional files, --scp-levels, --boundary, --session-policy. */
export interface Setup {
  readonly identity: readonly string[];
  readonly scpLevels?: readonly { readonly name: string; readonly files: readonly string[] }[];
  readonly boundary?: string;
  readonly session?: readonly string[];
  /** --vpce-policy: the policy of the VPC endpoint the call goes through. */
  readonly vpcEndpoint?: string;
}

export interface Call {
  readonly model: string;
  readonly region?: string;
  readonly actions?: readonly string[];
  /** --context KEY=VALUE pairs (a key with several values is multi-valued). */
  readonly context?: Readonly<Record<string, readonly string[]>>;
  readonly assumeAbsent?: boolean;
  /** --principal; the assumed-role session PRINCIPAL_ARN when absent. */
  readonly principal?: string;
  /** --service-tier: bedrock:ServiceTier on the invoke requests. */
  readonly serviceTier?: string;
  /** --guardrail: the guardrail the call names. */
  readonly guardrail?: GuardrailRef;
  /** The call is made with an Amazon Bedrock API key. */
  readonly apiKey?: ApiKeyAuth;
  /** The API operations the caller named (--action InvokeModelWithBidirectionalStream). */
  readonly operations?: readonly string[];
}

const FIXTURES = new URL('../../fixtures/diagnose/', import.meta.url);

/** The fixture files named, read from test/fixtures/diagnose/. */
export function fixtures(...names: string[]): Files {
  return Object.fromEntries(names.map((name) => [name, readFileSync(new URL(name, FIXTURES), 'utf8')]));
}

function parse(files: Files, name: string, type: PolicyType): Policy {
  const text = files[name];
  if (text === undefined) throw new Error(`no file ${name}`);
  const result = parsePolicyDocument(text, name, { type });
  if (!result.policy) throw new Error(`${name} does not parse:\n${result.issues.map(formatInputIssue).join('\n')}`);
  return result.policy;
}

/**
 * A worded report where a formatter takes the report as check() makes it: the formatters word it again,
 * which leaves words as they are.
 */
export const asData = (report: Report): CheckReport => report as CheckReport;

/** runCheck() in words (report/words/), for the tests that read a finding's or a fix's words. */
export function runWorded(files: Files, setup: Setup, call: Call): WordedCheckReport {
  return renderCliHints(runCheck(files, setup, call));
}

/** check() on the files as they stand, for the principal and Region of every scenario. */
export function runCheck(files: Files, setup: Setup, call: Call): CheckReport {
  return check({
    identity: setup.identity.map((name) => parse(files, name, 'identity')),
    ...(setup.scpLevels
      ? {
          scpLevels: setup.scpLevels.map((level) => ({
            name: level.name,
            policies: level.files.map((name) => parse(files, name, 'scp')),
          })),
        }
      : {}),
    ...(setup.boundary ? { permissionsBoundary: parse(files, setup.boundary, 'permissions-boundary') } : {}),
    ...(setup.session ? { sessionPolicies: setup.session.map((name) => parse(files, name, 'session-policy')) } : {}),
    ...(setup.vpcEndpoint ? { vpcEndpointPolicy: parse(files, setup.vpcEndpoint, 'vpc-endpoint') } : {}),
    model: call.model,
    region: call.region ?? REGION,
    principal: call.principal !== undefined ? parsePrincipal(call.principal)! : PRINCIPAL,
    actions: call.actions ?? [],
    ...(call.apiKey ? { apiKey: call.apiKey } : {}),
    ...(call.context ? { context: call.context } : {}),
    ...(call.assumeAbsent ? { assumeAbsent: true } : {}),
    ...(call.serviceTier ? { serviceTier: call.serviceTier } : {}),
    ...(call.guardrail ? { guardrail: call.guardrail } : {}),
    ...(call.operations ? { operations: call.operations } : {}),
    now: NOW,
    toolVersion: 'test',
  });
}

/** The exit code policy-check would return for the report: 0 only when every check is allowed. */
export const exitCode = (report: Report): number => (report.verdict === 'allowed' ? 0 : 1);

/**
 * Every policy fix the report shows as the fix to make, each once (a fix may be listed under more than
 * one finding): not the instructions (changes to the request the tool cannot apply), nor the wider
 * alternatives offered besides the fix (see alternativeFixes).
 */
export function reportedFixes(report: Report): AnyFix[] {
  return uniqueFixes(report, (fix) => fix.kind !== 'instructions' && fix.alternative !== true);
}

/** The wider alternatives a report offers (each removes a condition), each once. */
export const alternativeFixes = (report: Report): AnyFix[] => uniqueFixes(report, (fix) => fix.alternative === true);

/** The instructions of the policy rules (meet a condition), each once. */
export const instructionFixes = (report: Report): AnyFix[] => uniqueFixes(report, (fix) => fix.kind === 'instructions');

function uniqueFixes(report: Report, keep: (fix: AnyFix) => boolean): AnyFix[] {
  const seen = new Map<string, AnyFix>();
  for (const finding of report.findings) {
    for (const fix of finding.fixes.filter(keep)) {
      const key = JSON.stringify([fix.kind, fix.file, fix.location?.line, fix.location?.column, fix.statement]);
      if (!seen.has(key)) seen.set(key, fix);
    }
  }
  return [...seen.values()];
}

type Json = Record<string, unknown>;

/**
 * The files with the fixes applied as a user would apply them. The statement a replace or remove
 * names is found by the line and column the report gives, in the file as it stood; every fix to one
 * file refers to that original text, so the fixes to a file are applied together.
 */
export function applyFixes(files: Files, fixes: readonly AnyFix[]): Files {
  const result: Record<string, string> = { ...files };
  const byFile = new Map<string, AnyFix[]>();
  for (const fix of fixes) {
    if (fix.kind === 'instructions') throw new Error(`not a policy edit: ${fix.summary}`);
    if (fix.file === null) throw new Error(`a fix without a file: ${fix.summary}`);
    byFile.set(fix.file, [...(byFile.get(fix.file) ?? []), fix]);
  }
  for (const [file, fileFixes] of byFile) {
    const text = files[file];
    if (text === undefined) throw new Error(`a fix names ${file}, which is not one of the policy files`);
    const document = JSON.parse(text) as Json;
    const statements = ([] as Json[]).concat(document.Statement as Json | Json[]);
    const replaced = new Map<number, Json | null>();
    const added: Json[] = [];
    for (const fix of fileFixes) {
      if (fix.kind === 'add-statement') {
        added.push(structuredClone(fix.statement) as Json);
        continue;
      }
      const location = fix.location!;
      const parsed = parse(files, file, location.policyType ?? 'identity');
      const at = parsed.statements.filter(
        (statement) => statement.span.line === location.line && statement.span.column === location.column,
      );
      expect(at, `${file}:${location.line}:${location.column} names one statement`).toHaveLength(1);
      const index = at[0]!.index;
      if (location.sid !== undefined) expect(statements[index]!.Sid).toBe(location.sid);
      expect(replaced.has(index), `two fixes edit ${file}:${location.line}`).toBe(false);
      replaced.set(index, fix.kind === 'remove-statement' ? null : (structuredClone(fix.statement) as Json));
    }
    const kept = statements.flatMap((statement, index) => {
      const replacement = replaced.has(index) ? replaced.get(index)! : statement;
      return replacement === null ? [] : [replacement];
    });
    result[file] = JSON.stringify({ ...document, Statement: [...kept, ...added] }, null, 2);
  }
  return result;
}

const isDenied = (entry: CheckEntry | WordedCheckEntry): boolean =>
  entry.decision === 'explicit-deny' || entry.decision === 'implicit-deny';
const checkKey = (entry: CheckEntry | WordedCheckEntry): string =>
  `${entry.action} ${entry.resource} ${entry.inferenceProfileArn ?? ''}`.trim();

export interface Reverified {
  readonly before: WordedCheckReport;
  readonly fixes: readonly AnyFix[];
  readonly fixed: Files;
  readonly after: WordedCheckReport;
}

/**
 * Runs the scenario, applies every fix the report shows to the files, and checks again: the report
 * must have shown fixes, each marked verified, and the edited files must make the call allowed (exit 0).
 */
export function reverify(files: Files, setup: Setup, call: Call): Reverified {
  const before = runWorded(files, setup, call);
  expect(before.verdict).toBe('denied');
  const fixes = reportedFixes(before);
  expect(fixes.length, 'the report shows a fix').toBeGreaterThan(0);
  for (const fix of fixes) {
    expect(fix.verification.verified, fix.summary).toBe(true);
    expect(fix.verification.checksOpenedElsewhere, fix.summary).toBe(0);
  }
  const fixed = applyFixes(files, fixes);
  const after = runWorded(fixed, setup, call);
  expect(
    after.checks.filter(isDenied).map(checkKey),
    'checks still denied once the fixes are pasted into the files',
  ).toEqual([]);
  expect(after.verdict).toBe('allowed');
  expect(exitCode(after)).toBe(0);
  expect(after.findings.filter((finding) => finding.rule !== 'model-access')).toEqual([]);
  return { before, fixes, fixed, after };
}

/**
 * A call the fix must not open (another model, another Region, the model called directly instead of
 * through the profile): denied before the fixes, and still denied — exit code 1 — with them. A call
 * is one invocation: a profile call that still fails on one of its requests is still denied, even if
 * the fix lets another of its requests through (an Allow of an on-demand model also matches that
 * model's request when a profile routes to it).
 */
export function expectStillDenied(files: Files, fixed: Files, setup: Setup, probe: Call): void {
  const probeName = `${probe.model} from ${probe.region ?? REGION}`;
  const before = runCheck(files, setup, probe);
  expect(before.verdict, `${probeName} is denied before the fix`).toBe('denied');
  const after = runCheck(fixed, setup, probe);
  expect(after.verdict, `${probeName} is still denied with the fix`).toBe('denied');
  expect(exitCode(after)).toBe(1);
}

const list = (value: unknown): string[] => (value === undefined ? [] : ([] as unknown[]).concat(value).map(String));

/**
 * Least privilege of the Allow statements the fixes add: Effect Allow, only Action / Resource /
 * Condition, only the actions the call asked for, only ARNs the report denied (no wildcard, no
 * policy variable), and conditions only on the keys AWS documents for inference profiles.
 */
export function expectLeastPrivilege(before: Report, fixes: readonly AnyFix[]): void {
  const asked = new Set(before.input.actions);
  const denied = new Set(before.checks.filter(isDenied).map((entry) => entry.resource));
  for (const fix of fixes.filter((candidate) => candidate.kind === 'add-statement')) {
    const statement = fix.statement as Json;
    expect(statement.Effect).toBe('Allow');
    expect(
      Object.keys(statement).filter((key) => !['Sid', 'Effect', 'Action', 'Resource', 'Condition'].includes(key)),
    ).toEqual([]);
    expect(String(statement.Sid)).toMatch(/^[A-Za-z0-9]+$/);
    for (const action of list(statement.Action)) expect(asked, `action ${action}`).toContain(action);
    for (const resource of list(statement.Resource)) {
      expect(resource).not.toMatch(/[*?]|\$\{/);
      expect(denied, `resource ${resource}`).toContain(resource);
    }
    const condition = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
    expect(Object.keys(condition).filter((operator) => operator !== 'StringEquals')).toEqual([]);
    for (const keys of Object.values(condition)) {
      expect(
        Object.keys(keys).filter((key) => key !== 'bedrock:InferenceProfileArn' && key !== 'aws:RequestedRegion'),
      ).toEqual([]);
    }
  }
}

/** The Allow statements the fixes add, by statement. */
export const addedStatements = (fixes: readonly AnyFix[]): Json[] =>
  fixes.filter((fix) => fix.kind === 'add-statement').map((fix) => fix.statement as Json);

/** Every owner named by the fixes. */
export const owners = (fixes: readonly AnyFix[]): FixOwner[] => [...new Set(fixes.map((fix) => fix.owner))].sort();

/** The sorted ARNs and actions the added statements grant, as "action resource" pairs. */
export function grantedPairs(fixes: readonly AnyFix[]): string[] {
  const pairs = addedStatements(fixes).flatMap((statement) =>
    list(statement.Action).flatMap((action) => list(statement.Resource).map((resource) => `${action} ${resource}`)),
  );
  return [...new Set(pairs)].sort();
}

/** The "action resource" pairs a report denied. */
export const deniedPairs = (report: Report): string[] =>
  [...new Set(report.checks.filter(isDenied).map((entry) => `${entry.action} ${entry.resource}`))].sort();
