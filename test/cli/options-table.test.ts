// Issue 7, item 7: one options table (src/cli/options.ts) from which yargs' declarations of every
// command, the single-valued/repeatable checks, the did-you-mean list and the "-"-is-stdin flags derive.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KNOWN_OPTIONS,
  NON_FILE_FLAGS,
  OPTIONS,
  optionsOf,
  yargsOption,
  type CommandName,
} from '../../src/cli/options.js';
import { CHECK_REPORTERS, EXPLAIN_REPORTERS, MATRIX_REPORTERS } from '../../src/report/registry.js';
import { expectInputError, FIXTURES, ON_DEMAND_MODEL, requireBuiltCli, runCli } from './helpers.js';

const OK = 'allow-invoke.json';
const MODEL = ['--model', ON_DEMAND_MODEL];
const COMMANDS: readonly CommandName[] = ['check', 'explain', 'scan', 'iac'];

beforeAll(() => requireBuiltCli());

/** The --flags the help of a command lists under "Options:". */
function helpFlags(command: CommandName): string[] {
  const result = runCli([command, '--help'], { env: { COLUMNS: '100' } });
  expect(result.code).toBe(0);
  const options = result.stdout.slice(result.stdout.indexOf('Options:'));
  return [...options.matchAll(/^\s+(?:-\w, )?--([a-z-]+)/gm)].map((match) => match[1]!);
}

describe('the options table', () => {
  it('names each option once, and every option belongs to a command', () => {
    const names = OPTIONS.map((option) => option.name);
    expect(new Set(names).size).toBe(names.length);
    for (const option of OPTIONS) expect(Object.keys(option.commands).length, option.name).toBeGreaterThan(0);
  });

  it.each(COMMANDS)('%s --help lists exactly the options the table gives it, in its order', (command) => {
    expect(helpFlags(command)).toEqual(['version', ...optionsOf(command).map((option) => option.name), 'help']);
  });

  it('a repeatable option is a yargs array, a single-valued one is not', () => {
    for (const command of COMMANDS) {
      for (const option of optionsOf(command))
        expect(yargsOption(option, command).array === true, option.name).toBe(option.repeatable);
    }
  });

  it("--format's choices are the reporter registry's names, per command", () => {
    const format = OPTIONS.find((option) => option.name === 'format')!;
    expect(yargsOption(format, 'check').choices).toEqual(CHECK_REPORTERS.map((reporter) => reporter.name));
    expect(yargsOption(format, 'explain').choices).toEqual(EXPLAIN_REPORTERS.map((reporter) => reporter.name));
    expect(yargsOption(format, 'scan').choices).toEqual(MATRIX_REPORTERS.map((reporter) => reporter.name));
    expect(runCli(['check', '--help'], { env: { COLUMNS: '200' } }).stdout).toContain(
      '[choices: "text", "json", "sarif", "markdown"]',
    );
    expect(runCli(['explain', '--help'], { env: { COLUMNS: '200' } }).stdout).toContain('[choices: "text", "json"]');
  });

  it('the flags whose "-" is not standard input are the string options that name no policy file', () => {
    expect([...NON_FILE_FLAGS].sort()).toEqual(
      [
        '--accounts',
        '--action',
        '--assume-role',
        '--auth',
        '--base',
        '--concurrency',
        '--fail-on',
        '--context',
        '--format',
        '--guardrail',
        '--model',
        '--models',
        '--output',
        '--principal',
        '--principals',
        '--profile',
        '--profile-regions',
        '--region',
        '--save',
        '--shard',
        '--snapshot',
        '--service-tier',
        '--vpc-endpoint',
      ].sort(),
    );
  });
});

describe('well-formedness checks come from the table', () => {
  const single = optionsOf('check').filter((option) => option.type === 'string' && !option.repeatable);
  const repeatable = optionsOf('check').filter((option) => option.repeatable);
  const value = (name: string) => (name === 'model' ? ON_DEMAND_MODEL : name === 'format' ? 'json' : OK);

  it.each(single.map((option) => option.name))('--%s given twice is a usage error', (name) => {
    const base = name === 'model' ? [OK, ...MODEL] : [OK, ...MODEL, `--${name}`, value(name)];
    expect(expectInputError(runCli([...base, `--${name}`, value(name)], { cwd: FIXTURES }))).toBe(
      `--${name} was given more than once`,
    );
  });

  it.each(repeatable.map((option) => option.name))('--%s without its value is a usage error', (name) => {
    expect(expectInputError(runCli([OK, ...MODEL, `--${name}`], { cwd: FIXTURES }))).toBe(`--${name} needs a value`);
  });
});

describe('did-you-mean knows every option of the table', () => {
  it("includes every option and yargs' own", () => {
    expect([...KNOWN_OPTIONS].sort()).toEqual([...OPTIONS.map((option) => option.name), 'help', 'version'].sort());
  });

  // Before the table, --trust-model was missing from the did-you-mean list: without --model it was
  // reported as an unknown option, and a misspelling of it got no suggestion.
  it('--trust-model without --model is a missing --model, not an unknown option', () => {
    expect(expectInputError(runCli([OK, '--trust-model'], { cwd: FIXTURES }))).toMatch(
      /^Missing required argument: model/,
    );
  });

  it('a misspelt --trust-model is suggested', () => {
    expect(expectInputError(runCli([OK, ...MODEL, '--trust-modle'], { cwd: FIXTURES }))).toBe(
      'unknown option --trust-modle; did you mean --trust-model?',
    );
  });
});
