// Shared by the tests that run the built CLI (test/cli, test/examples): spawn it with a clean environment,
// validate --format json against the report schema, and check that no input file changes.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { expect, inject } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLES = join(ROOT, 'policies-examples');
export const FIXTURES = join(ROOT, 'test', 'cli', 'fixtures');
export const GOLDEN = join(ROOT, 'test', 'cli', 'golden');

/** A realistic caller: an assumed-role session. */
export const PRINCIPAL = 'arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1';
/** An ACTIVE model with a us. profile offered from us-east-1 (destinations us-east-1, us-east-2, us-west-2). */
export const US_PROFILE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
/** An ACTIVE model offered on demand in us-east-1. */
export const ON_DEMAND_MODEL = 'amazon.nova-pro-v1:0';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Working directory; the repository root by default. */
  readonly cwd?: string;
  /** Added to a clean environment holding only PATH: no AWS_REGION, AWS_DEFAULT_REGION or NO_COLOR unless given. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the CLI's stdin (otherwise stdin is empty). */
  readonly input?: string;
}

/** Fails every test of the calling file with the build output when globalSetup could not build the CLI. */
export function requireBuiltCli(): void {
  const error = inject('cliBuildError');
  if (error) throw new Error(error);
}

/** bin/policy-check.cjs as built for this run (a copy that a concurrent `npm run build` cannot remove). */
export function cliBin(): string {
  return inject('cliBin');
}

/** The same path, for tests that spawn the CLI themselves. */
export const BIN = cliBin();

/** Runs `node bin/policy-check.cjs ARGS…` and returns its exit code and output. */
export function runCli(args: readonly string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(process.execPath, [cliBin(), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: 15_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const reportSchema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'report.schema.json'), 'utf8')) as object;
const validateReport = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(reportSchema);

interface ReportCheck {
  readonly action: string;
  readonly resource: string;
  readonly requestedRegion: string;
  readonly inferenceProfileArn: string | null;
  readonly decision: string;
  readonly deniedBy: string | null;
  readonly deniedAtLevel: string | null;
  readonly message: string | null;
  readonly statements: readonly {
    policyType: string;
    policyName: string;
    /** Absent for a statement policy-check supplies (`builtIn`). */
    file?: string;
    line?: number;
    sid: string | null;
    effect: string;
    level?: string;
    builtIn?: true;
  }[];
  readonly conditions?: readonly {
    kind: string;
    policyType: string;
    alternatives: readonly { clauses: readonly { operator: string; key: string; values: string[] }[] }[];
  }[];
}

export interface Report {
  readonly schemaVersion: number;
  readonly input: {
    model: string;
    region: string;
    principal: string;
    actions: string[];
    policies: { type: string; name: string; file?: string; level?: string; builtIn?: true }[];
  };
  readonly verdict: string;
  readonly summary: Record<string, number>;
  readonly checks: readonly ReportCheck[];
  readonly unresolved: readonly string[];
  readonly assumptions: readonly string[];
  readonly notes: readonly string[];
}

function schemaErrorText(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ');
}

/** Parses --format json output, asserting that it is one JSON document valid against schemas/report.schema.json. */
export function parseReport(stdout: string): Report {
  const report = JSON.parse(stdout) as Report;
  expect(validateReport(report), schemaErrorText(validateReport.errors)).toBe(true);
  expect(report.schemaVersion).toBe(1);
  return report;
}

/** `{ "<action> <resource>": decision }` for every check of a report. */
export function decisionsOf(report: Report): Record<string, string> {
  return Object.fromEntries(report.checks.map((check) => [`${check.action} ${check.resource}`, check.decision]));
}

/** The bytes of every file under the directories, keyed by path relative to the repository root. */
export function snapshotFiles(...dirs: string[]): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (statSync(path).isFile()) files.set(relative(ROOT, path), readFileSync(path));
    }
  };
  dirs.forEach(walk);
  return files;
}

/** Asserts that the files are byte-identical to a snapshot (no file added, removed or changed). */
export function expectUnchanged(before: Map<string, Buffer>, ...dirs: string[]): void {
  const after = snapshotFiles(...dirs);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), `${path} changed`).toBe(true);
}

/** An error run: exit 2, nothing on stdout, and exactly one line on stderr with no stack trace. */
export function expectInputError(result: RunResult): string {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
  expect(result.stderr.endsWith('\n'), JSON.stringify(result.stderr)).toBe(true);
  const lines = result.stderr.slice(0, -1).split('\n');
  expect(lines, 'stderr must be exactly one line').toHaveLength(1);
  const [line = ''] = lines;
  expect(line).toMatch(/^policy-check: \S/);
  expect(line).not.toMatch(/internal error|\bat .*:\d+:\d+\)?$|Error:/);
  return line.slice('policy-check: '.length);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what is looked for
const ANSI = /\u001b\[/;

/** No terminal escape codes anywhere. */
export function expectNoAnsi(text: string): void {
  expect(ANSI.test(text), 'output contains ANSI escape codes').toBe(false);
}

export function hasAnsi(text: string): boolean {
  return ANSI.test(text);
}

/** A validator of `policy-check iac --format json` output against schemas/iac.schema.json. */
export function iacReportValidator() {
  const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addSchema(schema('report.schema.json'));
  const validate = ajv.compile(schema('iac.schema.json'));
  return { validate, errorsText: () => ajv.errorsText(validate.errors) };
}
