import { classifyModel, normalizeActions } from '../bedrock/index.js';
import { check } from '../diagnose/check.js';
import type { CheckReport } from '../diagnose/types.js';
import { formatInputIssue, parsePrincipal, type InputIssue, type Principal } from '../model/index.js';
import { RULES } from '../diagnose/rules/index.js';
import { formatJson } from '../report/json.js';
import { formatMarkdown } from '../report/markdown.js';
import { formatSarif } from '../report/sarif.js';
import { COLOR, PLAIN } from '../report/style.js';
import { formatText } from '../report/text.js';
import { loadPolicyFile } from '../sources/policy-files.js';
import { writeOutputFile } from '../sources/output-file.js';
import { loadAttachedScps, loadScpLevels, type LoadedScpChain } from '../sources/scp-chain.js';
import { parseContextOption } from './context-option.js';
import { EXIT_ALLOWED, EXIT_FINDING } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

export interface CheckArguments {
  readonly files: readonly string[];
  readonly model: string;
  readonly region?: string;
  readonly principal?: string;
  readonly scp?: readonly string[];
  readonly scpLevels?: string;
  readonly boundary?: string;
  readonly sessionPolicy?: readonly string[];
  readonly context?: readonly string[];
  readonly assumeAbsent: boolean;
  readonly action?: readonly string[];
  readonly profileRegions?: string;
  readonly format: 'text' | 'json' | 'sarif' | 'markdown';
  readonly output?: string;
  readonly color?: boolean;
}

export async function runCheck(args: CheckArguments): Promise<number> {
  const options = validateOptions(args);
  const warnings: InputIssue[] = [];
  const identity = args.files.map((file) => {
    const loaded = loadPolicyFile(file, 'identity');
    warnings.push(...loaded.warnings);
    return loaded.policy;
  });
  const scpChain = loadScpChain(args);
  warnings.push(...(scpChain?.warnings ?? []));
  const boundary = args.boundary ? loadPolicyFile(args.boundary, 'permissions-boundary') : undefined;
  if (boundary) warnings.push(...boundary.warnings);
  const sessionPolicies = (args.sessionPolicy ?? []).map((file) => {
    const loaded = loadPolicyFile(file, 'session-policy');
    warnings.push(...loaded.warnings);
    return loaded.policy;
  });

  const report = check({
    identity,
    ...(scpChain ? { scpLevels: scpChain.levels } : {}),
    ...(boundary ? { permissionsBoundary: boundary.policy } : {}),
    ...(sessionPolicies.length > 0 ? { sessionPolicies } : {}),
    model: args.model,
    region: options.region,
    ...(options.principal ? { principal: options.principal } : {}),
    actions: options.actions,
    context: options.context,
    assumeAbsent: args.assumeAbsent,
    ...(options.profileRegions ? { profileRegions: options.profileRegions } : {}),
    now: new Date(),
    toolVersion: VERSION,
    assumptions: [
      ...(options.regionSource ? [options.regionSource] : []),
      ...(scpChain?.assumptions ?? []),
      ...(scpChain ? [] : ['no SCPs given: the account is taken to be outside an organization, or its SCPs to allow the call']),
    ],
  });
  for (const warning of warnings) process.stderr.write(`policy-check: ${formatInputIssue(warning)}\n`);
  emit(report, args);
  // An error finding (a model past end of life, not offered in the Region) fails the call even when IAM allows it.
  const fails = report.findings.some((finding) => finding.severity === 'error');
  return report.verdict === 'allowed' && !fails ? EXIT_ALLOWED : EXIT_FINDING;
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

interface ValidatedOptions {
  readonly region: string;
  readonly regionSource?: string;
  readonly principal?: Principal;
  readonly actions: readonly string[];
  readonly context: Record<string, string[]>;
  readonly profileRegions?: string[];
}

function validateOptions(args: CheckArguments): ValidatedOptions {
  if (args.files.length === 0) throw new UsageError('give at least one identity-based policy file');
  if (!args.model.trim()) throw new UsageError('--model is empty');
  const model = classifyModel(args.model);
  if (model.kind === 'unknown') throw new UsageError(`--model ${JSON.stringify(args.model)}: ${model.reason}`);
  if (args.scp?.length && args.scpLevels) throw new UsageError('use either --scp or --scp-levels, not both');
  const { region, regionSource, origin } = resolveRegion(args.region);
  if (!REGION_NAME.test(region)) throw new UsageError(`${origin} ${JSON.stringify(region)} is not an AWS Region name (like us-east-1)`);
  let principal: Principal | undefined;
  if (args.principal !== undefined) {
    principal = parsePrincipal(args.principal);
    if (!principal) {
      throw new UsageError(
        `--principal ${JSON.stringify(args.principal)}: expected an IAM user, IAM role, assumed-role session, federated user or root ARN`,
      );
    }
  }
  const actions = normalizeActions(args.action ?? []);
  if (!actions.ok) throw new UsageError(`--action: ${actions.message}`);
  const profileRegions = args.profileRegions
    ?.split(',')
    .map((region) => region.trim())
    .filter((region) => region !== '');
  if (args.profileRegions !== undefined && (!profileRegions || profileRegions.length === 0)) {
    throw new UsageError('--profile-regions needs at least one Region, e.g. us-east-1,us-west-2');
  }
  const badRegion = profileRegions?.find((name) => !REGION_NAME.test(name));
  if (badRegion !== undefined) throw new UsageError(`--profile-regions: ${JSON.stringify(badRegion)} is not an AWS Region name (like us-east-1)`);
  return {
    region,
    ...(regionSource ? { regionSource } : {}),
    ...(principal ? { principal } : {}),
    actions: actions.actions,
    context: parseContextOption(args.context ?? []),
    ...(profileRegions ? { profileRegions } : {}),
  };
}

function resolveRegion(flag: string | undefined): { region: string; regionSource?: string; origin: string } {
  if (flag !== undefined) return { region: flag.trim(), origin: '--region' };
  if (process.env.AWS_REGION) return { region: process.env.AWS_REGION, regionSource: 'Region taken from AWS_REGION', origin: 'AWS_REGION' };
  if (process.env.AWS_DEFAULT_REGION) {
    return { region: process.env.AWS_DEFAULT_REGION, regionSource: 'Region taken from AWS_DEFAULT_REGION', origin: 'AWS_DEFAULT_REGION' };
  }
  return { region: 'us-east-1', regionSource: 'no --region, AWS_REGION or AWS_DEFAULT_REGION: Region us-east-1 assumed', origin: 'the default Region' };
}

function loadScpChain(args: CheckArguments): LoadedScpChain | undefined {
  if (args.scpLevels) return loadScpLevels(args.scpLevels);
  if (args.scp && args.scp.length > 0) return loadAttachedScps(args.scp);
  return undefined;
}

function format(report: CheckReport, kind: CheckArguments['format'], colored: boolean): string {
  switch (kind) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, RULES);
    case 'markdown':
      return formatMarkdown(report);
    case 'text':
      return formatText(report, colored ? COLOR : PLAIN);
  }
}

function emit(report: CheckReport, args: CheckArguments): void {
  const colored =
    args.format === 'text' &&
    args.output === undefined &&
    (args.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR));
  const text = format(report, args.format, colored === true);
  if (args.output === undefined) {
    process.stdout.write(text);
    return;
  }
  // report.input.policies also holds the SCP files an --scp-levels file names.
  const inputs = [...report.input.policies.map((policy) => policy.file), ...(args.scpLevels ? [args.scpLevels] : [])];
  writeOutputFile(args.output, text, inputs);
}
