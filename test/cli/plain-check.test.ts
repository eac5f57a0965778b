// Issue 8: a plain check (named or by default, no help, no version) is parsed once, by a parser of check's
// options alone (src/cli/run-cli.ts); every other run goes through the parser of every command. Both must
// read the same words the same way: these pin the places where the two could differ.
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from './helpers.js';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const POLICY = 'policies-examples/allowed-foundation-model/policy.json';
const DENY = 'policies-examples/identity-explicit-deny/policy.json';

describe('a plain check', () => {
  beforeAll(requireBuiltCli);

  it('reads the command word, the files and the flags in any order', () => {
    const reference = runCli(['check', POLICY, '--model', MODEL]);
    expect(reference.code).toBe(1);
    expect(reference.stdout).toContain(`FAILS  ${MODEL} in us-east-1`);
    for (const args of [
      [POLICY, '--model', MODEL],
      ['--model', MODEL, POLICY],
      ['--model', MODEL, 'check', POLICY],
      [`--model=${MODEL}`, 'check', POLICY],
    ]) {
      const result = runCli(args);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 1, stderr: '' });
      expect(result.stdout).toBe(reference.stdout);
    }
  });

  it('takes only a first `check` for the command: a later one is a file', () => {
    const result = runCli(['check', POLICY, '--model', MODEL, 'check']);
    expect(result).toMatchObject({ code: 2, stderr: 'policy-check: check: no such file\n' });
  });

  it('keeps file names that look like numbers as they are written', () => {
    const result = runCli(['check', '010', '--model', MODEL]);
    expect(result).toMatchObject({ code: 2, stderr: 'policy-check: 010: no such file\n' });
  });

  it('reads the words after -- as files, even one that starts with a dash', () => {
    // The second file denies Meta models: it is read only if the words after -- are files.
    const meta = 'meta.llama3-70b-instruct-v1:0';
    const result = runCli(['check', '--model', meta, '--', POLICY, DENY]);
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toMatch(/^DENIED/);
    expect(result.stdout).toBe(runCli(['check', POLICY, DENY, '--model', meta]).stdout);
    expect(runCli(['check', '--model', MODEL, '--', '-x.json'])).toMatchObject({
      code: 2,
      stderr: 'policy-check: -x.json: no such file\n',
    });
  });

  it("fails as the parser of every command does: yargs' messages, one line, exit code 2", () => {
    for (const [args, stderr] of [
      [['check', POLICY], 'policy-check: Missing required argument: model (see policy-check --help)\n'],
      [['check', POLICY, '--modle', MODEL], 'policy-check: unknown option --modle; did you mean --model?\n'],
      [['check', POLICY, '--model', MODEL, '--bogus'], 'policy-check: unknown option --bogus\n'],
      [['check', POLICY, '--model', MODEL, '--model', MODEL], 'policy-check: --model was given more than once\n'],
      [['check', POLICY, '--model', MODEL, '--region'], 'policy-check: --region needs a value\n'],
      [
        ['check', POLICY, '--model', MODEL, '--format', 'nope'],
        'policy-check: Invalid values: Argument: format, Given: "nope", Choices: "text", "json", "sarif", "markdown" (see policy-check --help)\n',
      ],
      [[POLICY, '--model', MODEL, '-x'], 'policy-check: unknown option -x\n'],
    ] as const) {
      const result = runCli(args);
      expect({ args, code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({
        args,
        code: 2,
        stderr,
        stdout: '',
      });
    }
  });

  it('leaves help and the version to the parser of every command', () => {
    const help = runCli(['check', POLICY, '--model', MODEL, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('policy-check check [files..]');
    expect(help.stdout).toContain('Exit codes:');
    expect(runCli(['-h']).stdout).toContain('Commands:');
    expect(runCli(['check', '--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
