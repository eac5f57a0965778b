import type { Argv } from 'yargs';
import { explainError } from '../diagnose/explain/index.js';
import { explainReport, reproduceError, type Reproduction } from '../analysis/index.js';
import { formatInputIssue, message, type Assumption, type InputIssue, type Principal } from '../model/index.js';
import { isStdin, STDIN_ARGUMENT } from '../sources/policy-files.js';
import { loadVpcEndpointPolicy } from '../sources/vpc-endpoint-policy.js';
import { stdinArguments } from '../sources/policy-set.js';
import { filePolicySource } from '../sources/file-policy-source.js';
import { shippedCatalog } from '../bedrock/index.js';
import { callOptions, type CallInput } from './call-options.js';
import { EXPLAIN_REPORTERS, reporterNamed, type ExplainFormat } from '../report/registry.js';
import { principalOption, profileRegionsOption, type EvaluationArguments } from './shared-options.js';
import { EXIT_ALLOWED, EXIT_FINDING } from './exit-codes.js';
import { resolveRegion, type ResolvedRegion } from './region.js';
import { writeStderr, writeStdout } from './standard-streams.js';
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
  readonly format: ExplainFormat;
  readonly vpcePolicy?: string;
  readonly guardrail?: string;
  readonly serviceTier?: string;
}

/** What explain reads besides its arguments: the error text on stdin. */
export interface ExplainStdin {
  readonly isTTY: boolean;
  read(): Promise<string>;
}

/** More than any error message; a pasted log beyond this is cut (explain analyses 64 KiB at most). */
const MAX_STDIN = 1024 * 1024;

/** explain's positionals; its options come from the options table (options.ts). */
export function explainPositionals<T>(command: Argv<T>) {
  return command
    .positional('text', {
      type: 'string',
      describe: 'the error text, quoted; "-" or nothing (with a pipe) reads it from stdin',
    })
    .positional('files', {
      type: 'string',
      array: true,
      describe: 'identity-based policies of the caller, to re-evaluate the message',
    });
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
  const vpceFromStdin = args.vpcePolicy !== undefined && isStdin(args.vpcePolicy);
  const text = await errorText(args.text, stdin, stdinArguments(args) > 0 || vpceFromStdin);

  const explanation = explainError(text);
  let reproduction: Reproduction | null = null;
  const warnings: InputIssue[] = [];
  // The Region is resolved exactly when policies are given to re-evaluate.
  if (policiesGiven && options.region) {
    const policies = await filePolicySource(args, options.principal).load();
    const endpoint = args.vpcePolicy !== undefined ? loadVpcEndpointPolicy(args.vpcePolicy, args) : undefined;
    warnings.push(...(policies.warnings ?? []), ...(endpoint?.warnings ?? []));
    reproduction = reproduceError({
      explanation,
      ...policies,
      ...(args.model !== undefined ? { model: args.model.trim() } : {}),
      ...regionInput(options.region),
      context: options.context,
      assumeAbsent: args.assumeAbsent,
      ...(options.profileRegions ? { profileRegions: options.profileRegions } : {}),
      ...(args.trustModel === true ? { trustModel: true } : {}),
      ...options.call,
      now: new Date(),
      toolVersion: VERSION,
      catalog: shippedCatalog(),
      ...(endpoint ? { vpcEndpointPolicy: endpoint.policy } : {}),
    });
  }
  for (const warning of warnings) writeStderr(`policy-check: ${formatInputIssue(warning)}\n`);
  const report = explainReport(explanation, reproduction, VERSION);
  writeStdout(reporterNamed(EXPLAIN_REPORTERS, args.format).format(report, {}));
  return report.verdict === 'explained' || report.verdict === 'reproduced' ? EXIT_ALLOWED : EXIT_FINDING;
}

function policiesIn(args: ExplainArguments): boolean {
  return (
    (args.files?.length ?? 0) > 0 ||
    (args.scp?.length ?? 0) > 0 ||
    args.scpLevels !== undefined ||
    args.boundary !== undefined ||
    (args.sessionPolicy?.length ?? 0) > 0 ||
    args.vpcePolicy !== undefined
  );
}

// A lone "-" reaches here as STDIN_ARGUMENT (see stdin-argument.ts); "" and "-" mean stdin too.
async function errorText(argument: string | undefined, stdin: ExplainStdin, policyFromStdin: boolean): Promise<string> {
  if (argument !== undefined && argument !== '-' && argument !== '' && argument !== STDIN_ARGUMENT) {
    if (argument.trim() === '') throw new UsageError('the error text is empty');
    return argument;
  }
  if (stdin.isTTY) {
    throw new UsageError(
      'give the error text: policy-check explain "<error text>" [FILES…], or pipe it on stdin (as - when FILES follow)',
    );
  }
  if (policyFromStdin)
    throw new UsageError(
      'standard input can be read only once: give the error text as an argument when a policy file is "-"',
    );
  const text = await stdin.read();
  if (text.trim() === '') throw new UsageError('no error text on stdin');
  return text;
}

interface ValidatedOptions {
  /** Resolved only when policies are given: a text alone is explained without a Region. */
  readonly region?: ResolvedRegion;
  readonly principal?: Principal;
  readonly context: Record<string, string[]>;
  readonly profileRegions?: string[];
  readonly call: CallInput;
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
      ['--guardrail', args.guardrail !== undefined],
      ['--service-tier', args.serviceTier !== undefined],
      ['--auth', args.auth !== undefined],
    ] as const;
    const given = reevaluationOnly.find(([, present]) => present);
    if (given) {
      throw new UsageError(
        `${given[0]} applies only when policies are given to re-evaluate (FILES, --scp, --scp-levels, --boundary, --session-policy, --vpce-policy)`,
      );
    }
  }
  if (args.scp?.length && args.scpLevels) throw new UsageError('use either --scp or --scp-levels, not both');
  if (args.model !== undefined && args.model.trim() === '') throw new UsageError('--model is empty');
  const region = policiesGiven ? resolveRegion(args.region) : undefined;
  const principal = principalOption(args.principal);
  const profileRegions = profileRegionsOption(args.profileRegions);
  const { context, call } = callOptions(args, principal);
  return {
    ...(region ? { region } : {}),
    ...(principal ? { principal } : {}),
    context,
    ...(profileRegions ? { profileRegions } : {}),
    call,
  };
}

/**
 * --region is the caller's Region; otherwise the message's resource ARN names it, and only when it does
 * not is the environment's (or the default) Region used, with the assumption said.
 */
function regionInput(resolved: ResolvedRegion): {
  region?: string;
  fallbackRegion: { region: string; assumption: Assumption };
} {
  const fallbackRegion = {
    region: resolved.region,
    assumption: message('message-region-from', { source: resolved.source, region: resolved.region }),
  };
  return resolved.source === '--region' ? { region: resolved.region, fallbackRegion } : { fallbackRegion };
}
