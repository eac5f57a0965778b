// action.yml's run step (scripts/action-run.sh), executed as the runner would with a fake GITHUB_* environment
// and the built CLI: annotations on stdout, SARIF written and named in $GITHUB_OUTPUT, the Markdown report in
// the step summary, and the check's exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cliBin, requireBuiltCli, ROOT } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'policy-check-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(requireBuiltCli);

function runAction(inputs: Record<string, string>) {
  const output = join(work, `output-${Object.keys(inputs).join('-')}`);
  const summary = join(work, `summary-${Object.keys(inputs).join('-')}`);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const result = spawnSync('bash', [join(ROOT, 'scripts', 'action-run.sh')], {
    cwd: work,
    env: {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      POLICY_CHECK_BIN: cliBin(),
      ...inputs,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ...result, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') };
}

describe('action.yml', () => {
  it('is a composite action whose run step is the script, and uploads SARIF with codeql-action', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps[0].run).toContain('scripts/action-run.sh');
    expect(action.runs.steps[1].uses).toMatch(/^github\/codeql-action\/upload-sarif@/);
  });

  it('annotates, writes SARIF and the step summary, and fails on errors', () => {
    const sarif = join(work, 'out.sarif');
    const result = runAction({
      INPUT_DIRECTORY: join(ROOT, 'test', 'fixtures', 'iac', 'policy-json'),
      INPUT_FAIL_ON: 'error',
      INPUT_SARIF_FILE: sarif,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error file=policies\/analyst\.json,line=1,/m);
    expect(result.output).toContain(`sarif-file=${sarif}\n`);
    expect(result.output).toContain('exit-code=1\n');
    expect(JSON.parse(readFileSync(sarif, 'utf8')).runs).toHaveLength(1);
    expect(result.summary).toContain('## policy-check iac: ❌ 2 error(s)');
  });

  it('passes with fail-on none', () => {
    const result = runAction({
      INPUT_DIRECTORY: join(ROOT, 'test', 'fixtures', 'iac', 'policy-json'),
      INPUT_FAIL_ON: 'none',
      INPUT_SARIF_FILE: join(work, 'none.sarif'),
    });
    expect(result.status).toBe(0);
    expect(result.output).toContain('exit-code=0\n');
  });
});

describe('action.yml fail-on', () => {
  it('takes several values, comma-separated, each passed as a --fail-on', () => {
    const result = runAction({
      INPUT_DIRECTORY: join(ROOT, 'test', 'fixtures', 'iac', 'policy-json'),
      INPUT_FAIL_ON: 'error, gained',
      INPUT_SARIF_FILE: join(work, 'several.sarif'),
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.output).toContain('exit-code=1\n');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('runs policy-check iac on the whole repository, serially, as a node hook', () => {
    const [hook] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    expect(hook).toMatchObject({
      id: 'policy-check-iac',
      entry: 'policy-check iac',
      language: 'node',
      pass_filenames: false,
      require_serial: true,
    });
  });
});
