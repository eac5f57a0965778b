import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMatrixReport } from '../../src/parse/matrix-report.js';
import { renderCliHints } from '../../src/report/cli-hints.js';
import { FULL_AWS_ACCESS_STATEMENT } from '../fixtures/built-in-statements.js';

const EXAMPLE = fileURLToPath(new URL('../../policies-examples/diff-scp-region-deny/', import.meta.url));
const OLD = readFileSync(join(EXAMPLE, 'old.json'), 'utf8');

/** A check that reads: no statement, allowed. */
const CHECK = {
  action: 'bedrock:InvokeModel',
  resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
  requestedRegion: 'us-east-1',
  decision: 'allowed',
  deniedBy: null,
  deniedAtLevel: null,
  message: null,
  statements: [],
};

/** A minimal valid report; each test breaks one thing. */
function report(overrides: Record<string, unknown> = {}, cell: Record<string, unknown> = {}): string {
  const entry = {
    principal: 'arn:aws:iam::111122223333:role/App',
    principalType: 'role',
    model: 'amazon.nova-pro-v1:0',
    region: 'us-east-1',
    verdict: 'allowed',
    checks: [CHECK],
    findings: [],
    ...cell,
  };
  return JSON.stringify({ schemaVersion: 1, kind: 'matrix', matrix: [entry], ...overrides }, null, 2);
}

/** The one issue of a text that does not read, as "line: message" (its advice in the CLI's words). */
function issueOf(text: string): string {
  const result = parseMatrixReport(text, 'r.json');
  expect(result.matrix).toBeUndefined();
  expect(result.issues).toHaveLength(1);
  const [issue] = result.issues;
  expect(issue!.file).toBe('r.json');
  return `${issue!.line}: ${renderCliHints(issue!.message)}`;
}

describe('parseMatrixReport', () => {
  it('reads a matrix report as the matrix analysis writes it', () => {
    const result = parseMatrixReport(OLD, 'old.json');
    expect(result.issues).toEqual([]);
    const document = JSON.parse(OLD);
    expect(result.matrix!.matrix).toHaveLength(document.matrix.length);
    expect(result.matrix!.catalogDate).toBe(document.catalogDate);
    expect(result.matrix!.toolVersion).toBe('example');
    expect(result.matrix!.assumptions).toEqual(document.assumptions);
    expect(result.matrix!.matrix[0]).toMatchObject({
      principal: document.matrix[0].principal,
      verdict: document.matrix[0].verdict,
    });
    expect(result.matrix!.matrix[0]!.checks.map((check) => check.decision)).toEqual(
      document.matrix[0].checks.map((check: { decision: string }) => check.decision),
    );
  });

  it('reads the dates of the managed policy extracts the accounts used', () => {
    const accounts = [
      { id: '1', managedPolicyExtract: { date: '2026-05-02', source: 'x' } },
      { id: '2', managedPolicyExtract: { date: '2026-01-02', source: 'x' } },
      { id: '3' },
    ];
    expect(parseMatrixReport(report({ accounts }), 'r.json').matrix!.managedPolicyExtractDates).toEqual([
      '2026-01-02',
      '2026-05-02',
    ]);
  });

  it('ignores fields it does not read, so a newer report still reads', () => {
    const result = parseMatrixReport(report({ futureField: 1 }, { futureCellField: [] }), 'r.json');
    expect(result.issues).toEqual([]);
  });

  it('names no CLI option below the front end: the advice is a hint', () => {
    const [issue] = parseMatrixReport(JSON.stringify({ RoleDetailList: [] }), 'r.json').issues;
    expect(issue!.message).not.toContain('--');
  });

  it('names a snapshot and the command that makes a matrix report from it', () => {
    expect(issueOf(JSON.stringify({ RoleDetailList: [], Policies: [] }))).toBe(
      '1: is an account snapshot, not a matrix report: run `policy-check scan --snapshot r.json --format json` first and diff the two matrix reports',
    );
    expect(issueOf(JSON.stringify({ snapshotVersion: 1, accountId: '111122223333' }))).toContain(
      'is an account snapshot',
    );
  });

  it('names a check report', () => {
    expect(issueOf(JSON.stringify({ schemaVersion: 1, verdict: 'allowed', checks: [] }))).toContain(
      'is a check report, not a matrix report',
    );
  });

  it('names another kind of report at the line of its "kind"', () => {
    expect(issueOf(report({ kind: 'diff' }))).toBe(
      '3: "kind" is "diff": policy-check diff compares two matrix reports ("kind": "matrix", from policy-check scan --format json)',
    );
  });

  it('refuses another schema version', () => {
    expect(issueOf(report({ schemaVersion: 2 }))).toBe(
      '2: unsupported "schemaVersion": this policy-check reads matrix reports of version 1',
    );
  });

  it('gives the line of a bad value inside a cell', () => {
    expect(issueOf(report({}, { verdict: 'maybe' }))).toBe(
      '10: "verdict" must be one of allowed, denied, conditional, incomplete',
    );
    expect(issueOf(report({}, { checks: 'none' }))).toBe('11: "checks" must be an array');
  });

  it('gives the line of the cell that misses a field', () => {
    const text = report({}, { findings: undefined });
    expect(issueOf(text)).toBe('5: missing "findings"');
  });

  it('refuses the same principal × model × Region twice, naming both lines', () => {
    const document = JSON.parse(report());
    document.matrix.push(document.matrix[0]);
    const text = JSON.stringify(document, null, 2);
    expect(issueOf(text)).toMatch(
      /^\d+: arn:aws:iam::111122223333:role\/App × amazon.nova-pro-v1:0 in us-east-1 is listed twice \(also at line 5\)$/,
    );
  });

  it('refuses the same check twice in a cell', () => {
    const document = JSON.parse(report());
    document.matrix[0].checks.push(document.matrix[0].checks[0]);
    expect(issueOf(JSON.stringify(document, null, 2))).toContain('is listed twice');
  });

  it('reports a JSON syntax error with its line, never throws', () => {
    const result = parseMatrixReport('{\n  "kind": "matrix",\n  oops\n}', 'r.json');
    expect(result.matrix).toBeUndefined();
    expect(result.issues[0]).toMatchObject({ severity: 'error', file: 'r.json', line: 3 });
  });

  it('refuses something other than an object', () => {
    expect(issueOf('[1, 2]')).toBe('1: a matrix report is a JSON object');
  });

  describe('a statement policy-check supplies (builtIn)', () => {
    const fullAwsAccess = FULL_AWS_ACCESS_STATEMENT;
    const statementsOf = (text: string) => parseMatrixReport(text, 'r.json').matrix!.matrix[0]!.checks[0]!.statements;

    it('reads it without file and line, as reports write it now', () => {
      const [statement] = statementsOf(report({}, { checks: [checkWith(fullAwsAccess)] }));
      expect(statement).toEqual(fullAwsAccess);
      expect(statement).not.toHaveProperty('file');
    });

    it('reads a report from before, whose built-in statement had its name as file, and drops that fake file', () => {
      const old = { ...fullAwsAccess, file: 'FullAWSAccess', line: 1, column: 38 };
      const [statement] = statementsOf(report({}, { checks: [checkWith(old)] }));
      expect(statement).toEqual(fullAwsAccess);
    });

    it('still requires file and line of a statement that is not built in', () => {
      const { builtIn: _, ...located } = fullAwsAccess;
      expect(issueOf(report({}, { checks: [checkWith(located)] }))).toMatch(/missing "line"|missing "file"/);
    });

    it('refuses builtIn other than true', () => {
      expect(issueOf(report({}, { checks: [checkWith({ ...fullAwsAccess, builtIn: false })] }))).toContain(
        '"builtIn" must be true',
      );
    });
  });
});

function checkWith(statement: Record<string, unknown>): Record<string, unknown> {
  return { ...CHECK, statements: [statement] };
}
