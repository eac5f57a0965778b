import yargs from 'yargs';
import { InputError } from '../sources/input-error.js';
import { EXIT_INPUT_ERROR } from './exit-codes.js';
import { runCheck, type CheckArguments } from './run-check.js';
import { markStdinArguments } from './stdin-argument.js';
import { explainOptions, runExplain, type ExplainArguments } from './run-explain.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;

const SINGLE_VALUED = ['model', 'region', 'principal', 'scp-levels', 'boundary', 'profile-regions', 'format', 'output'] as const;
const REPEATABLE = ['scp', 'session-policy', 'context', 'action'] as const;

/** yargs turns a repeated flag into an array and a flag without its value into '' or []: both would otherwise be used silently. */
function requireWellFormed(args: Record<string, unknown>): void {
  for (const name of SINGLE_VALUED) {
    const value = args[name];
    if (Array.isArray(value)) throw new UsageError(`--${name} was given more than once`);
    if (value === '') throw new UsageError(`--${name} needs a value`);
  }
  for (const name of REPEATABLE) {
    const values = args[name];
    if (Array.isArray(values) && (values.length === 0 || values.some((value) => String(value) === ''))) {
      throw new UsageError(`--${name} needs a value`);
    }
  }
}

/** Parses the arguments, runs the command and returns the exit code; writes only to stdout/stderr. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let exitCode: number | undefined;
  const parser = yargs(markStdinArguments(argv))
    .scriptName('policy-check')
    .usage('$0 [check] FILES… --model ID [options]\n\nWill these identity policies let the caller invoke this Bedrock model?')
    .command(
      ['check <files..>', '$0 <files..>'],
      'Evaluate bedrock:InvokeModel / InvokeModelWithResponseStream for a model against the policies',
      (command) =>
        command
          .positional('files', { describe: 'identity-based policy documents attached to the caller (inline and managed)', type: 'string', array: true })
          .option('model', { type: 'string', demandOption: true, describe: 'foundation-model id or ARN, inference-profile id or ARN, or a provisioned/custom/imported model or application-profile ARN' })
          .option('region', { type: 'string', describe: 'the caller\'s Region (default: AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1)' })
          .option('principal', { type: 'string', describe: 'the caller: IAM user, IAM role or assumed-role session ARN' })
          .option('scp', { type: 'string', array: true, describe: 'SCP attached to the account (repeatable); FullAWSAccess is assumed at every level' })
          .option('scp-levels', { type: 'string', describe: 'the exact SCP chain, root → OUs → account (schemas/scp-levels.schema.json)' })
          .option('boundary', { type: 'string', describe: 'permissions boundary policy' })
          .option('session-policy', { type: 'string', array: true, describe: 'session policy (repeatable); applies only when the caller is a session' })
          .option('context', { type: 'string', array: true, describe: 'KEY=VALUE request context (repeatable; repeat a key for several values)' })
          .option('assume-absent', { type: 'boolean', default: false, describe: 'treat context keys neither derived nor given as absent instead of unknown' })
          .option('action', { type: 'string', array: true, describe: 'narrow to actions or API names: InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream' })
          .option('profile-regions', { type: 'string', describe: 'comma-separated destination Regions overriding the catalog for an inference profile' })
          .option('trust-model', { type: 'boolean', default: false, describe: 'take a --model id the catalog does not know as one AWS serves (a model newer than the catalog): a warning instead of an error' })
          .option('format', { choices: FORMATS, default: 'text' as const, describe: 'output format: text, json (schemas/report.schema.json), sarif (SARIF 2.1.0 for code scanning) or markdown (a pull-request comment)' })
          .option('output', { type: 'string', describe: 'write the report to this file instead of stdout' })
          .option('color', { type: 'boolean', describe: 'force or disable color (default: only on a TTY, never with NO_COLOR)' }),
      async (args) => {
        requireWellFormed(args);
        exitCode = await runCheck(args as unknown as CheckArguments);
      },
    )
    .command(
      'explain [text] [files..]',
      'Explain a Bedrock error text (argument, or stdin); with policies, re-evaluate them and say whether they reproduce it',
      explainOptions,
      async (args) => {
        requireWellFormed(args);
        exitCode = await runExplain(args as unknown as ExplainArguments);
      },
    )
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      // Throwing stops yargs: a fail handler that returns lets it run the command anyway. One line, no help text.
      throw new UsageError(`${message.replace(/\s*\n\s*/g, ' ')} (see policy-check --help)`);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      process.stderr.write(`policy-check: ${error.message}\n`);
      return EXIT_INPUT_ERROR;
    }
    throw error;
  }
  return exitCode ?? 0;
}
