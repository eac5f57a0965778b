// Statements policy-check supplies itself have no file position, through the built CLI: the root user's implicit
// access ("All requests are implicitly denied with the exception of the AWS account root user, which has full
// access", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html)
// and the FullAWSAccess SCP assumed with --scp (when SCPs are enabled, AWS Organizations attaches the AWS managed SCP
// FullAWSAccess, which allows every service and action:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, FIXTURES, parseReport, ROOT, requireBuiltCli, runCli } from './helpers.js';
import { ROOT_FULL_ACCESS_STATEMENT } from '../fixtures/built-in-statements.js';

const POLICY = join(FIXTURES, 'allow-invoke.json');
const ROOT_USER = 'arn:aws:iam::111122223333:root';
const MODEL = ['--model', 'amazon.nova-lite-v1:0', '--region', 'us-east-1'];
const FULL_AWS_ACCESS_ARN = 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess';

let work: string;
let scpDeny: string;

beforeAll(() => {
  requireBuiltCli();
  work = mkdtempSync(join(tmpdir(), 'policy-check-built-in-'));
  scpDeny = join(work, 'scp-deny-lite.json');
  writeFileSync(
    scpDeny,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyNovaLite',
          Effect: 'Deny',
          Action: 'bedrock:InvokeModel*',
          Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0',
        },
      ],
    }),
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

type Statement = Record<string, unknown>;

/** Every statement a report or matrix holds, wherever it sits (checks, conditions, outcomes). */
function statementsIn(value: unknown, found: Statement[] = []): Statement[] {
  if (Array.isArray(value)) for (const item of value) statementsIn(item, found);
  else if (value && typeof value === 'object') {
    const object = value as Statement;
    if ('policyType' in object && 'effect' in object) found.push(object);
    for (const child of Object.values(object)) statementsIn(child, found);
  }
  return found;
}

/** The artifact URIs of a SARIF log's results. */
function sarifUris(text: string): string[] {
  const log = JSON.parse(text) as {
    runs: { results: { locations?: { physicalLocation?: { artifactLocation?: { uri: string } } }[] }[] }[];
  };
  return log.runs.flatMap((run) =>
    run.results.flatMap((result) =>
      (result.locations ?? []).flatMap((location) => location.physicalLocation?.artifactLocation?.uri ?? []),
    ),
  );
}

describe("the root user's implicit access", () => {
  const args = [POLICY, '--principal', ROOT_USER, ...MODEL];

  it('JSON: its statement is builtIn, with no file, line or column, and the report is valid', () => {
    const result = runCli([...args, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result.stdout);
    expect(report.verdict).toBe('allowed');
    for (const check of report.checks) expect(check.statements).toEqual([ROOT_FULL_ACCESS_STATEMENT]);
    expect(result.stdout).not.toContain('"file": "root user full access"');
  });

  it('text and Markdown still say "built in"', () => {
    const text = runCli([...args, '--verbose']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('allowed by root user full access [identity-based policy, built in]');
    const markdown = runCli([...args, '--format', 'markdown']);
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toContain('| root user full access (built in) |');
  });

  it('SARIF points at no file named after it', () => {
    const result = runCli([...args, '--format', 'sarif']);
    expect(result.code, result.stderr).toBe(0);
    expect(sarifUris(result.stdout).filter((uri) => uri.includes('root user'))).toEqual([]);
  });
});

describe('the FullAWSAccess assumed with --scp', () => {
  it('JSON: its statements and input policies are builtIn, with no file', () => {
    const result = runCli([POLICY, '--scp', scpDeny, ...MODEL, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.verdict).toBe('denied');
    const full = statementsIn(report.checks).filter((statement) => statement.policyName === 'FullAWSAccess');
    expect(full.length).toBeGreaterThan(0);
    for (const statement of full) {
      expect(statement).toMatchObject({ policyArn: FULL_AWS_ACCESS_ARN, builtIn: true });
      expect(statement).not.toHaveProperty('file');
      expect(statement).not.toHaveProperty('line');
      expect(statement).not.toHaveProperty('column');
    }
    // The SCP read from a file keeps its position.
    expect(statementsIn(report.checks).find((statement) => statement.sid === 'DenyNovaLite')).toMatchObject({
      file: scpDeny,
      line: 1,
    });
    expect(report.input.policies.filter((policy) => policy.name === 'FullAWSAccess')).toEqual([
      { type: 'scp', name: 'FullAWSAccess', builtIn: true, level: 'Root' },
      { type: 'scp', name: 'FullAWSAccess', builtIn: true, level: 'Account' },
    ]);
  });

  it('SARIF places the denial at the SCP file, never at a file named FullAWSAccess', () => {
    const result = runCli([POLICY, '--scp', scpDeny, ...MODEL, '--format', 'sarif']);
    expect(result.code).toBe(1);
    const uris = sarifUris(result.stdout);
    expect(uris.length).toBeGreaterThan(0);
    expect(uris.filter((uri) => uri.includes('FullAWSAccess'))).toEqual([]);
  });

  it('scan: the matrix JSON has no file for it, the HTML page says "built in", and a diff with a report of before finds no change', () => {
    const gaad = join(EXAMPLES, 'account-gaad');
    const scan = (format: string) =>
      runCli(
        [
          'scan',
          '--snapshot',
          'gaad.json',
          '--scp',
          scpDeny,
          '--models',
          'amazon.nova-pro-v1:0,amazon.nova-lite-v1:0',
          '--region',
          'us-east-1',
          '--format',
          format,
        ],
        { cwd: gaad },
      );
    const json = scan('json');
    expect([0, 1]).toContain(json.code);
    const matrix = JSON.parse(json.stdout) as unknown;
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas', 'report.schema.json'), 'utf8')) as object);
    const validate = ajv.compile(
      JSON.parse(readFileSync(join(ROOT, 'schemas', 'matrix.schema.json'), 'utf8')) as object,
    );
    expect(validate(matrix), JSON.stringify(validate.errors)).toBe(true);
    const full = statementsIn(matrix).filter((statement) => statement.policyName === 'FullAWSAccess');
    expect(full.length).toBeGreaterThan(0);
    for (const statement of full) {
      expect(statement.builtIn).toBe(true);
      expect(statement).not.toHaveProperty('file');
    }

    const html = scan('html');
    expect(html.stdout).toContain(`"policy":"FullAWSAccess","arn":"${FULL_AWS_ACCESS_ARN}","at":"built in"`);

    // A matrix report written before built-in statements lost their file: the same statement, no change.
    const before = JSON.stringify(matrix, (_key, value: unknown) =>
      value && typeof value === 'object' && (value as Statement).builtIn === true
        ? { ...(value as Statement), file: 'FullAWSAccess', line: 1, column: 38 }
        : value,
    );
    writeFileSync(join(work, 'before.json'), before);
    writeFileSync(join(work, 'after.json'), json.stdout);
    const diff = runCli(['diff', 'before.json', 'after.json', '--format', 'json'], { cwd: work });
    expect(diff.code, diff.stderr).toBe(0);
    const report = JSON.parse(diff.stdout) as { rows: unknown[]; summary: Record<string, number> };
    expect(report.rows).toEqual([]);
    expect(report.summary['cause-changed']).toBe(0);
  });
});
