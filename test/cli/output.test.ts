// Where the report goes: --output (and its refusal to overwrite anything the user gave), and color only
// on a terminal without NO_COLOR (DESIGN.md "Contracts with users").
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliBin,
  EXAMPLES,
  expectInputError,
  expectNoAnsi,
  expectUnchanged,
  FIXTURES,
  hasAnsi,
  ON_DEMAND_MODEL,
  parseReport,
  PRINCIPAL,
  requireBuiltCli,
  ROOT,
  runCli,
  snapshotFiles,
} from './helpers.js';

let work: string;
let inputs: Map<string, Buffer>;
beforeAll(() => {
  // The refusal tests work on copies, so that a regression could not overwrite a file of the repository.
  work = mkdtempSync(join(tmpdir(), 'policy-check-output-'));
  copyFileSync(join(EXAMPLES, 'identity-no-allow', 'policy.json'), join(work, 'policy.json'));
  copyFileSync(join(FIXTURES, 'scp-levels-ou-allows-s3-only.json'), join(work, 'levels.json'));
  copyFileSync(join(FIXTURES, 'scp-allow-s3-only.json'), join(work, 'scp-allow-s3-only.json'));
  symlinkSync('policy.json', join(work, 'alias.json'));
  inputs = snapshotFiles(work);
  requireBuiltCli();
});
afterAll(() => {
  expectUnchanged(inputs, work);
  rmSync(work, { recursive: true, force: true });
});

const base = ['policy.json', '--model', ON_DEMAND_MODEL, '--region', 'us-east-1', '--principal', PRINCIPAL];

describe('--output', () => {
  it('writes the JSON report to the file, nothing to stdout, and keeps the exit code', () => {
    const result = runCli([...base, '--format', 'json', '--output', 'report.json'], { cwd: work });
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: '',
    });
    const report = parseReport(readFileSync(join(work, 'report.json'), 'utf8'));
    expect(report.verdict).toBe('denied');
    rmSync(join(work, 'report.json'));
  });

  it('writes text without ANSI codes, even with --color', () => {
    const result = runCli([...base, '--output', 'report.txt', '--color'], { cwd: work });
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: '',
    });
    const text = readFileSync(join(work, 'report.txt'), 'utf8');
    expect(text.startsWith(`DENIED  ${ON_DEMAND_MODEL} in us-east-1:`)).toBe(true);
    expectNoAnsi(text);
    rmSync(join(work, 'report.txt'));
  });

  it.each([
    ['an identity policy', [...base, '--output', 'policy.json'], 'policy.json'],
    ['a symbolic link to an input', [...base, '--output', 'alias.json'], 'alias.json'],
    [
      'an SCP file named inside --scp-levels',
      [...base, '--scp-levels', 'levels.json', '--output', 'scp-allow-s3-only.json'],
      'scp-allow-s3-only.json',
    ],
  ])('refuses to overwrite %s (exit 2, file untouched)', (_name, args, target) => {
    const line = expectInputError(runCli(args, { cwd: work }));
    expect(line).toBe(`${target}: --output names one of the input files; refusing to overwrite it`);
  });
});

// `script` (util-linux) runs the CLI on a pseudo-terminal; elsewhere these two are skipped.
const hasScript = process.platform === 'linux' && spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

function runOnTty(env: Record<string, string>): string {
  const command = [
    process.execPath,
    cliBin(),
    'policies-examples/identity-no-allow/policy.json',
    '--model',
    ON_DEMAND_MODEL,
    '--region',
    'us-east-1',
  ]
    .map((word) => `'${word.replaceAll("'", "'\\''")}'`)
    .join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  expect(result.status).toBe(1);
  return result.stdout;
}

describe.skipIf(!hasScript)('color', () => {
  it('is used on a terminal', () => {
    const text = runOnTty({});
    expect(hasAnsi(text)).toBe(true);
    expect(text).toContain('DENIED');
  });

  it('is not used on a terminal when NO_COLOR is set', () => {
    const text = runOnTty({ NO_COLOR: '1' });
    expect(text).toContain('DENIED');
    expectNoAnsi(text);
  });
});
