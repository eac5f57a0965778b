import yargs, { type Argv } from 'yargs';
import { InputError } from '../sources/input-error.js';
import { EXIT_INPUT_ERROR } from './exit-codes.js';
import { runCheck, type CheckArguments } from './run-check.js';
import { runScan, type ScanArguments } from './run-scan.js';
import { IAC_EXAMPLES, IAC_EXIT_CODES_EPILOGUE, runIac, type IacArguments } from './run-iac.js';
import { markStdinArguments } from './stdin-argument.js';
import { explainPositionals, runExplain, type ExplainArguments } from './run-explain.js';
import { DIFF_EXIT_CODES_EPILOGUE, diffPositionals, runDiff, type DiffArguments } from './run-diff.js';
import { suggestName } from '../parse/suggest-name.js';
import { stdoutColumns, writeStderr } from './standard-streams.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';
import { KNOWN_OPTIONS, optionsOf, yargsOption, type CommandName } from './options.js';

/**
 * yargs turns a repeated flag into an array and a flag without its value into '' or []: both would
 * otherwise be used silently. Which options may repeat is the options table's.
 */
function requireWellFormed(args: Record<string, unknown>, command: CommandName): void {
  for (const option of optionsOf(command)) {
    if (option.type !== 'string') continue;
    const { name } = option;
    const value = args[name];
    if (option.repeatable) {
      if (Array.isArray(value) && (value.length === 0 || value.some((item) => String(item) === ''))) {
        throw new UsageError(`--${name} needs a value`);
      }
      continue;
    }
    if (Array.isArray(value)) throw new UsageError(`--${name} was given more than once`);
    if (value === '') throw new UsageError(`--${name} needs a value`);
  }
}

/** Declares a command's options, from the options table. */
function declareOptions<T>(argv: Argv<T>, command: CommandName): Argv<T> {
  let declared = argv;
  for (const option of optionsOf(command)) declared = declared.option(option.name, yargsOption(option, command));
  return declared;
}

const EXIT_CODES_EPILOGUE = [
  'Exit codes:',
  '  0  every check allowed (warnings and notes may be shown)',
  '  1  a check denied, conditional or not evaluable, or an error finding (e.g. model end of life)',
  '  2  a bad flag, or an unreadable or invalid policy (the message names file:line)',
].join('\n');

const CHECK_EXAMPLES: readonly [string, string][] = [
  ['$0 policy.json --model amazon.nova-pro-v1:0 --region us-east-1', 'can the caller invoke Nova Pro on demand?'],
  ['$0 role/*.json --model us.amazon.nova-pro-v1:0 --scp org/deny-regions.json', 'a US inference profile under an SCP'],
  [
    '$0 policy.json --model amazon.nova-pro-v1:0 --context aws:SourceIp=203.0.113.7',
    'decide a condition on the source IP',
  ],
  ['$0 policy.json --model amazon.nova-pro-v1:0 --format sarif > policy-check.sarif', 'SARIF for GitHub code scanning'],
];

const SCAN_EXIT_CODES_EPILOGUE = [
  'Exit codes:',
  '  0  every cell allowed (warnings and notes may be shown)',
  '  1  a cell denied, conditional or not evaluable, or an error finding in a cell',
  '  2  a bad flag, or an unreadable or invalid snapshot or SCP file (the message names file:line)',
].join('\n');

const SCAN_EXAMPLES: readonly [string, string][] = [
  ['$0 scan --snapshot gaad.json --region us-east-1', 'which users and roles can invoke which models?'],
  [
    "$0 scan --snapshot gaad.json --principals 'arn:aws:iam::*:role/apps/*' --models amazon.nova-pro-v1:0",
    'only the application roles, one model',
  ],
  ['$0 scan --snapshot gaad.json --scp-levels org.json --format markdown', 'a pull-request comment'],
];

/**
 * "unknown option --modle; did you mean --model?": yargs' strict-mode message, with a suggestion for
 * each name. yargs reports a missing --model before an unknown flag, so that message is checked too:
 * "--modle" is more likely the cause than a forgotten --model.
 */
function unknownArgumentsMessage(
  message: string,
  argv: readonly string[],
  known: readonly string[],
): string | undefined {
  const match = /^Unknown arguments?: (.+)$/.exec(message.trim());
  let flags: string[];
  if (match) {
    const names = match[1]!.split(', ');
    const given = (name: string) =>
      [`--${name}`, `-${name}`].find((flag) => argv.some((word) => word === flag || word.startsWith(`${flag}=`))) ??
      (name.length === 1 && argv.some((word) => /^-[^-]/.test(word) && word.includes(name)) ? `-${name}` : undefined);
    // yargs lists --foo-bar also as fooBar: keep the spelling the user typed.
    flags = [...new Set(names.map((name) => given(name) ?? name))].filter(
      (flag) => flag.startsWith('-') || !names.some((other) => given(other)),
    );
  } else if (/^Missing required argument/.test(message.trim())) {
    flags = unknownFlagsIn(argv, known);
    if (flags.length === 0) return undefined;
  } else {
    return undefined;
  }
  const parts = flags.map((flag) => {
    if (!flag.startsWith('-')) return { text: `argument ${flag}`, hint: undefined };
    const name = flag.replace(/^-+/, '');
    const suggestion =
      suggestName(name, known) ?? known.find((candidate) => isTransposition(name.toLowerCase(), candidate));
    return { text: flag, hint: suggestion ? `--${suggestion}` : undefined };
  });
  if (parts.length === 1) {
    const [part] = parts;
    const noun = part!.text.startsWith('argument ') ? 'unknown' : 'unknown option';
    return `${noun} ${part!.text}${part!.hint ? `; did you mean ${part!.hint}?` : ''}`;
  }
  return `unknown options ${parts.map((part) => `${part.text}${part.hint ? ` (did you mean ${part.hint}?)` : ''}`).join(', ')}`;
}

/** The --flags in argv (before a `--`) that name no option, in the spellings yargs accepts (camelCase, --no-). */
function unknownFlagsIn(argv: readonly string[], known: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end))
    .filter((word) => /^--[^-]/.test(word))
    .map((word) => word.split('=', 1)[0]!)
    .filter((flag) => {
      const kebab = flag.slice(2).replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
      return !known.includes(kebab) && !known.includes(kebab.replace(/^no-/, ''));
    });
}

/** "modle" for "model": two letters swapped, which an edit distance counts as two typos. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differ = [...a].flatMap((char, i) => (char === b[i] ? [] : [i]));
  return (
    differ.length === 2 &&
    differ[1] === differ[0]! + 1 &&
    a[differ[0]!] === b[differ[1]!] &&
    a[differ[1]!] === b[differ[0]!]
  );
}

const COMMANDS: readonly CommandName[] = ['check', 'explain', 'scan', 'iac', 'diff'];

/** The options of the command argv runs (check when it names none), and yargs' own: for did-you-mean. */
function knownOptionsOf(argv: readonly string[]): readonly string[] {
  const named = COMMANDS.find((command) => command === argv.find((word) => !word.startsWith('-')));
  if (!named || named === 'check') return KNOWN_OPTIONS;
  return [...optionsOf(named).map((option) => option.name), 'help', 'version'];
}

/** yargs' failure (a bad flag, a missing value): one line, with a did-you-mean where a flag is misspelt. */
function failWith(argv: readonly string[]) {
  return (message: string, error: Error | undefined): never => {
    if (error) throw error;
    const unknown = unknownArgumentsMessage(message, argv, knownOptionsOf(argv));
    if (unknown) throw new UsageError(unknown);
    // Throwing stops yargs: a fail handler that returns lets it run the command anyway. One line, no help text.
    throw new UsageError(`${message.replace(/\s*\n\s*/g, ' ')} (see policy-check --help)`);
  };
}

const OTHER_COMMANDS: ReadonlySet<string> = new Set(['explain', 'diff', 'scan', 'iac']);

/**
 * A run of check (named or by default) that asks for neither help nor the version: no word could make yargs
 * choose another command (any word that names one, even a flag's value, sends the run the long way), and no
 * flag asks for help, the version or a short option (help's -h is the only one).
 */
function isPlainCheck(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const flags = end < 0 ? argv : argv.slice(0, end);
  return (
    !argv.some((word) => OTHER_COMMANDS.has(word)) &&
    !flags.some((word) => /^-[^-]/.test(word) || /^--(no-)?(help|version)(=|$)/.test(word))
  );
}

/**
 * A parser of every command finds the command in a first parse and parses the words again with its options;
 * a plain check is parsed once, by a parser that knows only check's options (the same table, the same strict
 * checks and failures). Its positionals are the files, after the word `check` if that comes first, as it
 * would name the command.
 */
async function runPlainCheck(argv: readonly string[]): Promise<number> {
  const args = await declareOptions(yargs(markStdinArguments(argv)).scriptName('policy-check'), 'check')
    .parserConfiguration({ 'parse-positional-numbers': false })
    // Any number of positionals: the files (strict mode would take each for an unknown argument).
    .demandCommand(0, Number.POSITIVE_INFINITY)
    .strict()
    .exitProcess(false)
    .fail(failWith(argv))
    .parseAsync();
  const positionals = args._.map(String);
  requireWellFormed(args, 'check');
  const files = positionals[0] === 'check' ? positionals.slice(1) : positionals;
  return runCheck({ ...args, files } as unknown as CheckArguments);
}

/** Parses the arguments, runs the command and returns the exit code; writes only to stdout/stderr. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    return isPlainCheck(argv) ? await runPlainCheck(argv) : await runAnyCommand(argv);
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      writeStderr(`policy-check: ${error.message}\n`);
      return EXIT_INPUT_ERROR;
    }
    throw error;
  }
}

async function runAnyCommand(argv: readonly string[]): Promise<number> {
  let exitCode: number | undefined;
  const parser = yargs(markStdinArguments(argv))
    .scriptName('policy-check')
    .usage(
      '$0 [check] FILES… --model ID [options]\n\nWill these identity policies let the caller invoke this Bedrock model?',
    )
    .command(
      ['check [files..]', '$0 [files..]'],
      'Evaluate bedrock:InvokeModel / InvokeModelWithResponseStream for a model against the policies',
      (command) =>
        declareOptions(
          command.positional('files', {
            describe: 'identity-based policy documents attached to the caller (inline and managed)',
            type: 'string',
            array: true,
          }),
          'check',
        )
          .example(CHECK_EXAMPLES.map(([command, what]) => [`# ${what}\n$0 ${command.slice('$0 '.length)}`, '']))
          .epilogue(EXIT_CODES_EPILOGUE),
      async (args) => {
        requireWellFormed(args, 'check');
        exitCode = await runCheck(args as unknown as CheckArguments);
      },
    )
    .command(
      'explain [text] [files..]',
      'Explain a Bedrock error text (argument, or stdin); with policies, re-evaluate them and say whether they reproduce it',
      (command) => declareOptions(explainPositionals(command), 'explain'),
      async (args) => {
        requireWellFormed(args, 'explain');
        exitCode = await runExplain(args as unknown as ExplainArguments);
      },
    )
    .command(
      'diff <old> <new>',
      'Compare two access matrices (matrix JSON reports): which principals gained or lost access to which models, and why',
      (command) => declareOptions(diffPositionals(command), 'diff').epilogue(DIFF_EXIT_CODES_EPILOGUE),
      (args) => {
        requireWellFormed(args, 'diff');
        exitCode = runDiff(args as unknown as DiffArguments);
      },
    )
    .command(
      'scan',
      'The access matrix of account snapshots: every user and role × model, with one block per distinct cause and its fixes',
      (command) =>
        declareOptions(command, 'scan')
          .example(SCAN_EXAMPLES.map(([command, what]) => [`# ${what}\n$0 ${command.slice('$0 '.length)}`, '']))
          .epilogue(SCAN_EXIT_CODES_EPILOGUE),
      async (args) => {
        requireWellFormed(args, 'scan');
        exitCode = await runScan(args as unknown as ScanArguments);
      },
    )
    .command(
      'iac [dir]',
      'Check an infrastructure-as-code repository before merge: which principals can invoke which models, findings at the lines of its files',
      (command) =>
        declareOptions(
          command.positional('dir', { type: 'string', describe: 'the repository (default: the current directory)' }),
          'iac',
        )
          .example(IAC_EXAMPLES.map(([command, what]) => [`# ${what}\n$0 ${command.slice('$0 '.length)}`, '']))
          .epilogue(IAC_EXIT_CODES_EPILOGUE),
      async (args) => {
        requireWellFormed(args, 'iac');
        exitCode = await runIac(args as unknown as IacArguments);
      },
    )
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, stdoutColumns() || 100))
    .exitProcess(false)
    .fail(failWith(argv));
  await parser.parseAsync();
  return exitCode ?? 0;
}
