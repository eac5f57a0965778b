// --auth api-key[=short-term|long-term]: a call made with an Amazon Bedrock API key is also authorized as
// bedrock:CallWithBearerToken (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html).
// Long-term keys are IAM users' service-specific credentials
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_bedrock.html): with a role it is a usage error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  expectInputError,
  expectUnchanged,
  FIXTURES,
  ON_DEMAND_MODEL,
  parseReport,
  requireBuiltCli,
  runCli,
  snapshotFiles,
} from './helpers.js';

const ROLE = ['--principal', 'arn:aws:sts::111122223333:assumed-role/App/s1'];
const CHECK = ['allow-invoke.json', '--model', ON_DEMAND_MODEL, '--region', 'us-east-1'];

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES, FIXTURES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES, FIXTURES));

const run = (args: readonly string[]) => runCli(args, { cwd: FIXTURES });

describe('--auth', () => {
  it('api-key=long-term with a role as the caller: exit 2, one line', () => {
    expect(expectInputError(run([...CHECK, ...ROLE, '--auth', 'api-key=long-term']))).toMatch(
      /^--auth api-key=long-term: a long-term API key belongs to an IAM user, but --principal is a role-session/,
    );
  });

  it('an unknown kind: exit 2 naming the choices', () => {
    expect(expectInputError(run([...CHECK, '--auth', 'api-key=forever']))).toMatch(
      /^--auth "api-key=forever": expected sigv4, api-key, api-key=short-term or api-key=long-term$/,
    );
  });

  it('explain takes --auth only with policies to re-evaluate', () => {
    expect(expectInputError(run(['explain', 'Bearer Token has expired', '--auth', 'api-key']))).toMatch(
      /^--auth applies only when policies are given/,
    );
  });

  it('api-key adds the bedrock:CallWithBearerToken check; sigv4 (the default) does not', () => {
    const withKey = run([...CHECK, ...ROLE, '--auth', 'api-key', '--format', 'json']);
    expect(withKey.code).toBe(1);
    const report = parseReport(withKey.stdout);
    const bearer = report.checks.find((check) => check.action === 'bedrock:CallWithBearerToken');
    expect(bearer).toMatchObject({ resource: '*', decision: 'implicit-deny' });
    const signed = parseReport(run([...CHECK, ...ROLE, '--auth', 'sigv4', '--format', 'json']).stdout);
    expect(signed.checks.some((check) => check.action === 'bedrock:CallWithBearerToken')).toBe(false);
  });

  it('scan --auth api-key: every cell has the bedrock:CallWithBearerToken check, worded by the api-key rule', () => {
    const result = runCli(
      [
        'scan',
        '--snapshot',
        'gaad.json',
        '--scp-levels',
        'scp-levels.json',
        '--models',
        ON_DEMAND_MODEL,
        '--region',
        'us-east-1',
        '--auth',
        'api-key',
        '--format',
        'json',
      ],
      { cwd: `${EXAMPLES}/account-gaad` },
    );
    expect(result.code).toBe(1);
    const matrix = JSON.parse(result.stdout) as {
      matrix: { principalType: string; checks: { action: string; resource: string }[] }[];
      causes: { rule: string }[];
      assumptionCodes: string[];
    };
    expect(matrix.matrix.length).toBeGreaterThan(0);
    for (const cell of matrix.matrix)
      expect(cell.checks.filter((check) => check.action === 'bedrock:CallWithBearerToken')).toEqual([
        expect.objectContaining({ resource: '*' }),
      ]);
    expect(matrix.causes.some((cause) => cause.rule === 'api-key')).toBe(true);
  });

  it('diff of two snapshots --auth api-key scans both sides as API-key calls: access neither side grants is no change', () => {
    const pair = `${EXAMPLES}/diff-scp-region-deny`;
    const args = ['diff', 'old/snapshot.json', 'new/snapshot.json', '--region', 'us-east-1'];
    const models = [
      '--models',
      'amazon.nova-pro-v1:0,us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      '--format',
      'json',
    ];
    const summary = (extra: readonly string[]) =>
      (JSON.parse(runCli([...args, ...models, ...extra], { cwd: pair }).stdout) as { summary: Record<string, number> })
        .summary;
    const signed = summary([]);
    const withKeys = summary(['--auth', 'api-key']);
    // Cells denied on both sides for want of bedrock:CallWithBearerToken are no change, lost or gained.
    expect(withKeys.lost).toBeLessThan(signed.lost!);
    expect(withKeys.gained).toBeLessThan(signed.gained!);
  });
});
