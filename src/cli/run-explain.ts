import { unknownRegionMessage } from '../bedrock/index.js';
import type { Argv } from 'yargs';
import { explainError } from '../diagnose/explain/index.js';
import { explainReport, reproduceError, type Reproduction } from '../analysis/index.js';
import { formatInputIssue, type InputIssue, type Principal } from '../model/index.js';
import { STDIN_ARGUMENT } from '../sources/policy-files.js';
import { stdinArguments } from '../sources/policy-set.js';
import { filePolicySource } from '../sources/file-policy-source.js';
import { shippedCatalog } from '../bedrock/index.js';
import { formatExplainJson, formatExplainText } from '../report/explain.js';
import { parseContextOption } from './context-option.js';
import { principalOption, profileRegionsOption, type EvaluationArguments } from './shared-options.js';
import { EXIT_ALLOWED, EXIT_FINDING } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

/**
 * `policy-check explain "<error text>" [FILES…]`: which documented Bedrock failure an error text is, and —
 * when policies are given — whether re-evaluating them reproduces it exactly.
 *
 * Exit codes: 0 the text is recognised and, if policies were given, they reproduce it exactly;
 * 1 the text is not recognised, or the policies do not reproduce it (including messages no policy
 * evaluation can produce, such as model-access errors); 2 usage or input error.
 */
export interface ExplainArguments extends EvaluationArguments {
  readonly text?: string;
  readonly model?: string;
  readonly trustModel?: boolean;
  readonly format: 'text' | 'json';
}

/** What explain reads besides its arguments: the error text on stdin. */
export interface ExplainStdin {
  readonly isTTY: boolean;
  read(): Promise<string>;
}

const FORMATS = ['text', 'json'] as const;
/** More than any error message; a pasted log beyond this is cut (explain analyses 64 KiB at most). */
const MAX_STDIN = 1024 * 1024;

export function explainOptions<T>(command: Argv<T>) {
  return command
    .positional('text', { type: 'string', describe: 'the error text, quoted; "-" or nothing (with a pipe) reads it from stdin' })
    .positional('files', { type: 'string', array: true, describe: 'identity-based policies of the caller, to re-evaluate the message' })
    .option('model', { type: 'string', describe: 'the model id the call used, when the message names one of its destinations (default: from the resource ARN)' })
    .option('region', { type: 'string', describe: "the caller's Region (default: the resource ARN's, then AWS_REGION, AWS_DEFAULT_REGION, us-east-1)" })
    .option('principal', { type: 'string', describe: 'the caller, when the message redacts it: IAM user, IAM role or assumed-role session ARN' })
    .option('scp', { type: 'string', array: true, describe: 'SCP attached to the account (repeatable); FullAWSAccess is assumed at every level' })
    .option('scp-levels', { type: 'string', describe: 'the exact SCP chain, root → OUs → account (schemas/scp-levels.schema.json)' })
    .option('boundary', { type: 'string', describe: 'permissions boundary policy' })
    .option('session-policy', { type: 'string', array: true, describe: 'session policy (repeatable)' })
    .option('context', { type: 'string', array: true, describe: 'KEY=VALUE request context (repeatable)' })
    .option('assume-absent', { type: 'boolean', default: false, describe: 'treat context keys neither derived nor given as absent instead of unknown' })
    .option('profile-regions', { type: 'string', describe: 'comma-separated destination Regions overriding the catalog for an inference profile' })
    .option('trust-model', { type: 'boolean', default: false, describe: 'take a --model id the catalog does not know as one AWS serves (a model newer than the catalog)' })
    .option('format', { choices: FORMATS, default: 'text' as const, describe: 'output format (json: schemas/explain.schema.json)' });
}

const processStdin: ExplainStdin = {
  // A getter: touching process.stdin sets up the stream, which a `check` run should not pay for.
  get isTTY() {
    return process.stdin.isTTY === true;
  },
  async read() {
    let text = '';
    process.stdin.setEncoding('utf8');
    for await (const chunk of process.stdin) {
      text += String(chunk);
      if (text.length > MAX_STDIN) break;
    }
    return text.slice(0, MAX_STDIN);
  },
};

export async function runExplain(args: ExplainArguments, stdin: ExplainStdin = processStdin): Promise<number> {
  const policiesGiven = policiesIn(args);
  const options = validateOptions(args, policiesGiven);
  const text = await errorText(args.text, stdin, stdinArguments(args) > 0);

  const explanation = explainError(text);
  let reproduction: Reproduction | null = null;
  const warnings: InputIssue[] = [];
  if (policiesGiven) {
    const policies = await filePolicySource(args, options.principal).load();
    warnings.push(...(policies.warnings ?? []));
    reproduction = reproduceError({
      explanation,
      ...policies,
      ...(args.model !== undefined ? { model: args.model.trim() } : {}),
      ...(options.region !== undefined ? { region: options.region } : {}),
      fallbackRegion: options.fallbackRegion,
      context: options.context,
      assumeAbsent: args.assumeAbsent,
      ...(options.profileRegions ? { profileRegions: options.profileRegions } : {}),
      ...(args.trustModel === true ? { trustModel: true } : {}),
      now: new Date(),
      toolVersion: VERSION,
      catalog: shippedCatalog(),
    });
  }
  for (const warning of warnings) process.stderr.write(`policy-check: ${formatInputIssue(warning)}\n`);
  const report = explainReport(explanation, reproduction, VERSION);
  process.stdout.write(args.format === 'json' ? formatExplainJson(report) : formatExplainText(report));
  return report.verdict === 'explained' || report.verdict === 'reproduced' ? EXIT_ALLOWED : EXIT_FINDING;
}

function policiesIn(args: ExplainArguments): boolean {
  return (
    (args.files?.length ?? 0) > 0 ||
    (args.scp?.length ?? 0) > 0 ||
    args.scpLevels !== undefined ||
    args.boundary !== undefined ||
    (args.sessionPolicy?.length ?? 0) > 0
  );
}

// A lone "-" reaches here as STDIN_ARGUMENT (see stdin-argument.ts); "" and "-" mean stdin too.
async function errorText(argument: string | undefined, stdin: ExplainStdin, policyFromStdin: boolean): Promise<string> {
  if (argument !== undefined && argument !== '-' && argument !== '' && argument !== STDIN_ARGUMENT) {
    if (argument.trim() === '') throw new UsageError('the error text is empty');
    return argument;
  }
  if (stdin.isTTY) {
    throw new UsageError('give the error text: policy-check explain "<error text>" [FILES…], or pipe it on stdin (as - when FILES follow)');
  }
  if (policyFromStdin) throw new UsageError('standard input can be read only once: give the error text as an argument when a policy file is "-"');
  const text = await stdin.read();
  if (text.trim() === '') throw new UsageError('no error text on stdin');
  return text;
}

interface ValidatedOptions {
  readonly region?: string;
  readonly fallbackRegion: { readonly region: string; readonly assumption: string };
  readonly principal?: Principal;
  readonly context: Record<string, string[]>;
  readonly profileRegions?: string[];
}

function validateOptions(args: ExplainArguments, policiesGiven: boolean): ValidatedOptions {
  if (!policiesGiven) {
    const reevaluationOnly = [
      ['--model', args.model !== undefined],
      ['--region', args.region !== undefined],
      ['--principal', args.principal !== undefined],
      ['--context', (args.context?.length ?? 0) > 0],
      ['--assume-absent', args.assumeAbsent],
      ['--profile-regions', args.profileRegions !== undefined],
      ['--trust-model', args.trustModel === true],
    ] as const;
    const given = reevaluationOnly.find(([, present]) => present);
    if (given) {
      throw new UsageError(`${given[0]} applies only when policies are given to re-evaluate (FILES, --scp, --scp-levels, --boundary, --session-policy)`);
    }
  }
  if (args.scp?.length && args.scpLevels) throw new UsageError('use either --scp or --scp-levels, not both');
  if (args.model !== undefined && args.model.trim() === '') throw new UsageError('--model is empty');
  const region = args.region?.trim();
  const badRegion = region === undefined ? undefined : unknownRegionMessage('--region', region);
  if (badRegion !== undefined) throw new UsageError(badRegion);
  const principal = principalOption(args.principal);
  const profileRegions = profileRegionsOption(args.profileRegions);
  return {
    ...(region !== undefined ? { region } : {}),
    fallbackRegion: fallbackRegion(),
    ...(principal ? { principal } : {}),
    context: parseContextOption(args.context ?? []),
    ...(profileRegions ? { profileRegions } : {}),
  };
}

/** The Region when neither --region nor the message's resource ARN gives one. */
function fallbackRegion(): { region: string; assumption: string } {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const) {
    const value = process.env[name];
    if (value) {
      const bad = unknownRegionMessage(name, value);
      if (bad !== undefined) throw new UsageError(bad);
      return { region: value, assumption: `the message's resource names no Region: Region taken from ${name}` };
    }
  }
  return { region: 'us-east-1', assumption: "the message's resource names no Region and no --region, AWS_REGION or AWS_DEFAULT_REGION is set: Region us-east-1 assumed" };
}

