import { normalizeActions, shippedCatalog } from '../bedrock/index.js';
import { callOptions, type CallInput } from './call-options.js';
import { checkInputFrom, checkWithEndpoints } from '../analysis/index.js';
import type { CheckReport } from '../model/index.js';
import { formatInputIssue, type Assumption, type Principal } from '../model/index.js';
import { RULES } from '../diagnose/rules/index.js';
import { CHECK_REPORTERS, reporterNamed, type CheckFormat } from '../report/registry.js';
import { statusWord } from '../report/status.js';
import { COLOR, PLAIN } from '../report/style.js';
import { writeOutputFile } from './output-file.js';
import { filePolicySource } from '../sources/file-policy-source.js';
import { loadVpcEndpointPolicy } from '../sources/vpc-endpoint-policy.js';
import { snapshotPrincipalPolicies } from './snapshot-principal.js';
import { principalOption, profileRegionsOption, requireModelId, type EvaluationArguments } from './shared-options.js';
import { EXIT_ALLOWED, EXIT_FINDING } from './exit-codes.js';
import { regionAssumption, resolveRegion } from './region.js';
import { stdoutIsTerminal, writeStderr, writeStdout } from './standard-streams.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

export interface CheckArguments extends EvaluationArguments {
  readonly files?: readonly string[];
  readonly snapshot?: readonly string[];
  readonly model: string;
  readonly action?: readonly string[];
  readonly format: CheckFormat;
  readonly output?: string;
  readonly color?: boolean;
  readonly trustModel?: boolean;
  readonly verbose?: boolean;
  readonly vpcePolicy?: string;
  readonly guardrail?: string;
  readonly serviceTier?: string;
}

export async function runCheck(args: CheckArguments): Promise<number> {
  const options = validateOptions(args);
  const fromSnapshot =
    args.snapshot && args.snapshot.length > 0
      ? snapshotPrincipalPolicies(args.snapshot, args.principal ?? '', args, options.region)
      : undefined;
  const policies = fromSnapshot?.policies ?? (await filePolicySource(args, options.principal).load());
  const endpoint = args.vpcePolicy !== undefined ? loadVpcEndpointPolicy(args.vpcePolicy, args) : undefined;

  // --vpce-policy names the endpoint the call goes through; without it, a snapshot's endpoints are each checked.
  const report = checkWithEndpoints(
    checkInputFrom(policies, {
      model: args.model,
      region: options.region,
      actions: options.actions,
      context: options.context,
      assumeAbsent: args.assumeAbsent,
      ...(options.profileRegions ? { profileRegions: options.profileRegions } : {}),
      ...(args.trustModel === true ? { trustModel: true } : {}),
      ...options.call,
      ...(args.action?.length ? { operations: args.action } : {}),
      now: new Date(),
      toolVersion: VERSION,
      catalog: shippedCatalog(),
      ...(options.regionSource ? { assumptions: [options.regionSource] } : {}),
      ...(endpoint ? { vpcEndpointPolicy: endpoint.policy } : {}),
    }),
    endpoint ? [] : (fromSnapshot?.endpoints ?? []),
  );
  for (const warning of [...(policies.warnings ?? []), ...(endpoint?.warnings ?? [])])
    writeStderr(`policy-check: ${formatInputIssue(warning)}\n`);
  emit(report, args);
  return exitCodeOf(report);
}

/** 0 only when every check is allowed and no error finding (a model past end of life, not offered in the Region) fails the call. */
export function exitCodeOf(report: CheckReport): number {
  return statusWord(report) === 'ALLOWED' ? EXIT_ALLOWED : EXIT_FINDING;
}

interface ValidatedOptions {
  readonly region: string;
  readonly regionSource?: Assumption;
  readonly principal?: Principal;
  readonly actions: readonly string[];
  readonly context: Record<string, string[]>;
  readonly profileRegions?: string[];
  readonly call: CallInput;
}

function validateOptions(args: CheckArguments): ValidatedOptions {
  const files = args.files ?? [];
  if (args.snapshot && args.snapshot.length > 0) {
    if (files.length > 0) throw new UsageError('--snapshot holds the policies: give no policy files with it');
    if (args.boundary !== undefined) throw new UsageError('--snapshot holds the permissions boundary: drop --boundary');
    if (args.principal === undefined)
      throw new UsageError('--snapshot needs --principal ARN: the user or role of the snapshot to check');
  } else if (files.length === 0) {
    throw new UsageError('give at least one identity-based policy file, or --snapshot FILE --principal ARN');
  }
  requireModelId(args.model, '--model', shippedCatalog());
  if (args.scp?.length && args.scpLevels) throw new UsageError('use either --scp or --scp-levels, not both');
  const { region, source } = resolveRegion(args.region);
  const regionSource = regionAssumption({ region, source });
  const principal = principalOption(args.principal);
  const actions = normalizeActions(args.action ?? []);
  if (!actions.ok) throw new UsageError(`--action: ${actions.message}`);
  const profileRegions = profileRegionsOption(args.profileRegions);
  const { context, call } = callOptions(args, principal);
  return {
    region,
    ...(regionSource ? { regionSource } : {}),
    ...(principal ? { principal } : {}),
    actions: actions.actions,
    context,
    ...(profileRegions ? { profileRegions } : {}),
    call,
  };
}

function emit(report: CheckReport, args: CheckArguments): void {
  const reporter = reporterNamed(CHECK_REPORTERS, args.format);
  const colored =
    reporter.styled && args.output === undefined && (args.color ?? (!process.env.NO_COLOR && stdoutIsTerminal()));
  const text = reporter.format(report, {
    style: colored ? COLOR : PLAIN,
    verbose: args.verbose === true,
    rules: RULES,
  });
  if (args.output === undefined) {
    writeStdout(text);
    return;
  }
  // report.input.policies also holds the SCP files an --scp-levels file names.
  const inputs = [
    ...report.input.policies.flatMap((policy) => policy.file ?? []),
    ...(args.scpLevels ? [args.scpLevels] : []),
    ...(args.snapshot ?? []),
  ];
  writeOutputFile(args.output, text, inputs);
}
