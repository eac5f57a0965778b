// Runs every policies-examples/<case>/example.json through the built CLI (`--format json`, cwd = the
// folder) so that no example, and no README command, goes stale. A folder is found automatically; one
// without example.json or README.md fails.
//
// example.json: { "description": "…", "args": ["policy.json", "--model", "…", …] (paths relative to the folder),
//   "expect": { "exitCode": N, "verdict": "…", "decisions": { "<action> <resource>": "<decision>" } } }
// When "decisions" is given it must list every check of the report.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionsOf, EXAMPLES, expectUnchanged, parseReport, requireBuiltCli, runCli, snapshotFiles } from '../cli/helpers.js';

interface Example {
  readonly description: string;
  readonly args: readonly string[];
  readonly expect: {
    readonly exitCode: number;
    readonly verdict: 'allowed' | 'denied' | 'conditional' | 'incomplete';
    readonly decisions?: Readonly<Record<string, string>>;
  };
}

const folders = readdirSync(EXAMPLES)
  .filter((name) => statSync(join(EXAMPLES, name)).isDirectory())
  .sort();

function readExample(folder: string): Example {
  const file = join(EXAMPLES, folder, 'example.json');
  expect(existsSync(file), `policies-examples/${folder} has no example.json`).toBe(true);
  const example = JSON.parse(readFileSync(file, 'utf8')) as Example;
  expect(typeof example.description === 'string' && example.description.length > 0, 'description').toBe(true);
  expect(Array.isArray(example.args) && example.args.every((arg) => typeof arg === 'string'), 'args is an array of strings').toBe(true);
  expect(example.args, 'the example chooses --format itself').not.toContain('--format');
  expect(Number.isInteger(example.expect?.exitCode), 'expect.exitCode').toBe(true);
  expect(['allowed', 'denied', 'conditional', 'incomplete']).toContain(example.expect.verdict);
  return example;
}

/** The example's command as the README shows it: run from the repository root, so its files get the folder prefix. */
function commandFromRoot(folder: string, args: readonly string[]): string {
  const words = args.map((arg) => (!arg.startsWith('-') && existsSync(join(EXAMPLES, folder, arg)) ? `policies-examples/${folder}/${arg}` : arg));
  return ['node bin/policy-check.cjs', ...words].join(' ');
}

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES));

it('issue #2\'s cases are all there', () => {
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

describe.each(folders)('policies-examples/%s', (folder) => {
  it('gives the outcome example.json expects', () => {
    const example = readExample(folder);
    const result = runCli([...example.args, '--format', 'json'], { cwd: join(EXAMPLES, folder) });
    expect(result.stderr, 'stderr').toBe('');
    const report = parseReport(result.stdout);
    expect({ exitCode: result.code, verdict: report.verdict }).toEqual({ exitCode: example.expect.exitCode, verdict: example.expect.verdict });
    if (example.expect.decisions) expect(decisionsOf(report)).toEqual(example.expect.decisions);
  });

  it('has a README.md with the command to run from the repository root', () => {
    const readme = join(EXAMPLES, folder, 'README.md');
    expect(existsSync(readme), `policies-examples/${folder} has no README.md`).toBe(true);
    expect(readFileSync(readme, 'utf8')).toContain(commandFromRoot(folder, readExample(folder).args));
  });
});
