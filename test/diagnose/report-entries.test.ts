import { describe, expect, it } from 'vitest';
import { toReportCondition, toReportOutcome, toReportStatement } from '../../src/diagnose/report-entries.js';
import type { MatchedStatement } from '../../src/model/index.js';
import { FULL_AWS_ACCESS_STATEMENT } from '../fixtures/built-in-statements.js';

/*
 * A statement read from a file keeps its file position in the report; one policy-check supplies itself (the root
 * user's implicit access, "All requests are implicitly denied with the exception of the AWS account root user,
 * which has full access",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html;
 * an assumed FullAWSAccess SCP) has no location: the engine leaves `location` out, the report says `builtIn`.
 */

const inFile: MatchedStatement = {
  policyId: 'identity.json#abc',
  statementIndex: 1,
  location: { kind: 'file', file: 'identity.json', line: 7, column: 5 },
  policyType: 'identity',
  policyName: 'identity.json',
  sid: 'Invoke',
  effect: 'Allow',
  conditional: false,
  unresolved: [],
};

// The engine's form of the assumed FullAWSAccess: no location, no file.
const builtIn: MatchedStatement = {
  policyId: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess#def',
  statementIndex: 0,
  policyType: 'scp',
  policyName: 'FullAWSAccess',
  policyArn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  level: 'Root',
  effect: 'Allow',
  conditional: false,
  unresolved: [],
};

describe('toReportStatement', () => {
  it('a statement read from a file: its file, line and column, no builtIn', () => {
    const entry = toReportStatement(inFile);
    expect(entry).toEqual({
      policyType: 'identity',
      policyName: 'identity.json',
      file: 'identity.json',
      line: 7,
      column: 5,
      sid: 'Invoke',
      effect: 'Allow',
      conditional: false,
    });
    expect(Object.keys(entry)).toEqual([
      'policyType',
      'policyName',
      'file',
      'line',
      'column',
      'sid',
      'effect',
      'conditional',
    ]);
  });

  it('a statement with no location: builtIn, and no file, line or column at all', () => {
    const entry = toReportStatement(builtIn);
    expect(entry).toEqual(FULL_AWS_ACCESS_STATEMENT);
    expect(entry).not.toHaveProperty('file');
    expect(entry).not.toHaveProperty('line');
    expect(entry).not.toHaveProperty('column');
    expect(Object.keys(entry).at(-1)).toBe('builtIn');
    expect(JSON.stringify(entry)).not.toContain('"file"');
  });

  it('the type makes a reader handle both: file is only there when not builtIn', () => {
    const entry = toReportStatement(builtIn);
    const place = entry.builtIn ? 'built in' : `${entry.file}:${entry.line}:${entry.column}`;
    expect(place).toBe('built in');
    const other = toReportStatement(inFile);
    expect(other.builtIn ? 'built in' : `${other.file}:${other.line}:${other.column}`).toBe('identity.json:7:5');
  });

  it('undecided reasons are kept, before builtIn', () => {
    const entry = toReportStatement({ ...builtIn, conditional: true, undecided: ['why'] });
    expect(Object.keys(entry).slice(-2)).toEqual(['undecided', 'builtIn']);
  });
});

describe('conditions and outcomes carry the same statements', () => {
  it('a condition alternative with no location is builtIn, without a file', () => {
    const condition = toReportCondition({
      kind: 'allow-if-any',
      policyType: 'scp',
      level: 'Root',
      alternatives: [{ ...builtIn, conditional: true }],
    });
    expect(condition.alternatives[0]!.statement).toMatchObject({ builtIn: true });
    expect(condition.alternatives[0]!.statement).not.toHaveProperty('file');
  });

  it('an outcome lists a builtIn statement without a file, a located one with it', () => {
    const outcome = toReportOutcome(
      {
        decision: 'implicit-deny',
        deniedBy: 'identity',
        statements: [builtIn, inFile],
        when: [],
      },
      'message',
    );
    expect(outcome.statements.map((statement) => statement.file ?? null)).toEqual([null, 'identity.json']);
    expect(outcome.statements.map((statement) => statement.builtIn ?? false)).toEqual([true, false]);
  });
});
