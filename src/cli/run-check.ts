import { classifyModel, normalizeActions, shippedCatalog, suggestCatalogIds, unknownRegionMessage } from '../bedrock/index.js';
import { check, checkInputFrom } from '../analysis/index.js';
import type { CheckReport } from '../model/index.js';
import { formatInputIssue, type Principal } from '../model/index.js';
import { RULES } from '../diagnose/rules/index.js';
import { formatJson } from '../report/json.js';
import { formatMarkdown } from '../report/markdown.js';
import { formatSarif } from '../report/sarif.js';
import { statusWord } from '../report/status.js';
import { COLOR, PLAIN } from '../report/style.js';
import { formatText } from '../report/text.js';
import { writeOutputFile } from '../sources/output-file.js';
import { filePolicySource } from '../sources/file-policy-source.js';
import { parseContextOption } from './context-option.js';
import { principalOption, profileRegionsOption, type EvaluationArguments } from './shared-options.js';
import { EXIT_ALLOWED, EXIT_FINDING } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

export interface CheckArguments extends EvaluationArguments {
  readonly files: readonly string[];
  readonly model: string;
  readonly action?: readonly string[];
  readonly format: 'text' | 'json' | 'sarif' | 'markdown';
  readonly output?: string;
  readonly color?: boolean;
  readonly trustModel?: boolean;
  readonly verbose?: boolean;
}

export async function runCheck(args: CheckArguments): Promise<number> {
  const options = validateOptions(args);
  const policies = await filePolicySource(args, options.principal).load();

  const report = check(
    checkInputFrom(policies, {
      model: args.model,
      region: options.region,
      actions: options.actions,
      context: options.context,
      assumeAbsent: args.assumeAbsent,
      ...(options.profileRegions ? { profileRegions: options.profileRegions } : {}),
      ...(args.trustModel === true ? { trustModel: true } : {}),
      now: new Date(),
      toolVersion: VERSION,
      catalog: shippedCatalog(),
      ...(options.regionSource ? { assumptions: [options.regionSource] } : {}),
    }),
  );
  for (const warning of policies.warnings ?? []) process.stderr.write(`policy-check: ${formatInputIssue(warning)}\n`);
  emit(report, args);
  return exitCodeOf(report);
}

/** 0 only when every check is allowed and no error finding (a model past end of life, not offered in the Region) fails the call. */
export function exitCodeOf(report: CheckReport): number {
  return statusWord(report) === 'ALLOWED' ? EXIT_ALLOWED : EXIT_FINDING;
}


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
  if (model.kind === 'unknown') {
    const suggestions = suggestCatalogIds(shippedCatalog(), args.model);
    const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
    throw new UsageError(`--model ${JSON.stringify(args.model)}: ${model.reason}${hint}`);
  }
  if (args.scp?.length && args.scpLevels) throw new UsageError('use either --scp or --scp-levels, not both');
  const { region, regionSource, origin } = resolveRegion(args.region);
  const badRegion = unknownRegionMessage(origin, region);
  if (badRegion !== undefined) throw new UsageError(badRegion);
  const principal = principalOption(args.principal);
  const actions = normalizeActions(args.action ?? []);
  if (!actions.ok) throw new UsageError(`--action: ${actions.message}`);
  const profileRegions = profileRegionsOption(args.profileRegions);
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


function format(report: CheckReport, kind: CheckArguments['format'], colored: boolean, verbose: boolean | undefined): string {
  switch (kind) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, RULES);
    case 'markdown':
      return formatMarkdown(report);
    case 'text':
      return formatText(report, colored ? COLOR : PLAIN, { verbose: verbose === true });
  }
}

function emit(report: CheckReport, args: CheckArguments): void {
  const colored =
    args.format === 'text' &&
    args.output === undefined &&
    (args.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR));
  const text = format(report, args.format, colored === true, args.verbose);
  if (args.output === undefined) {
    process.stdout.write(text);
    return;
  }
  // report.input.policies also holds the SCP files an --scp-levels file names.
  const inputs = [...report.input.policies.map((policy) => policy.file), ...(args.scpLevels ? [args.scpLevels] : [])];
  writeOutputFile(args.output, text, inputs);
}
