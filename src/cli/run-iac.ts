import { appendFileSync } from 'node:fs';
import { diffMatrices } from '../analysis/diff.js';
import { iacReport } from '../analysis/iac/iac-report.js';
import { normalizeActions, shippedCatalog } from '../bedrock/index.js';
import { IAC_RULES } from '../diagnose/iac-rules/index.js';
import { IAC_FAIL_ON, type DiffableMatrix, type IacFailOn, type IacReport } from '../model/index.js';
import { iacGithubStepSummary } from '../report/iac-github.js';
import { COLOR, PLAIN } from '../report/style.js';
import { IAC_REPORTERS, reporterNamed, type IacFormatName } from '../report/registry.js';
import { accountsFromFragments } from '../sources/iac/account-from-fragments.js';
import { matchesGlob } from '../sources/iac/discover.js';
import { loadIacRepository, type LoadedRepository } from '../sources/iac/load-repository.js';
import { InputError } from '../sources/input-error.js';
import { shippedManagedPolicyExtract } from '../sources/snapshot/managed-policy-extract.js';
import { EXIT_ALLOWED, EXIT_FINDING } from './exit-codes.js';
import { atRevision } from './iac-base.js';
import { writeOutputFile } from './output-file.js';
import { resolveRegion } from './region.js';
import { requireModelId } from './shared-options.js';
import { stdoutIsTerminal, writeStdout } from './standard-streams.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

export interface IacArguments {
  readonly dir?: string;
  readonly region?: string;
  readonly models?: readonly string[];
  readonly format: IacFormatName;
  readonly output?: string;
  readonly color?: boolean;
  readonly failOn?: string | readonly string[];
  readonly base?: string;
}

/**
 * `policy-check iac [DIR]`: reads the repository's IaC, evaluates every principal × model, runs the IaC
 * rules and, with --base, diffs against a git revision. Exit codes as for `check`: 0 nothing at or above
 * --fail-on, 1 such a finding, 2 usage or input error.
 */
export async function runIac(args: IacArguments): Promise<number> {
  const root = args.dir ?? '.';
  const failOn = failOnOption(args.failOn);
  const catalog = shippedCatalog();
  const models = (args.models ?? [])
    .flatMap((entry) => entry.split(','))
    .map((id) => id.trim())
    .filter(Boolean);
  for (const model of models) requireModelId(model, '--models', catalog);
  const head = await loadIacRepository(root);
  const region = regionOf(args.region, head);
  const analyse = (repository: LoadedRepository) => {
    const merged = accountsFromFragments(repository.fragments, {
      config: head.config,
      region,
      root,
      extract: shippedManagedPolicyExtract(),
    });
    const actions = normalizeActions([]);
    if (!actions.ok) throw new Error(actions.message);
    return iacReport({
      root,
      config: head.config,
      accounts: merged.accounts,
      fragments: repository.fragments,
      files: repository.files,
      warnings: [...repository.warnings, ...merged.warnings],
      region,
      ...(models.length > 0 ? { models } : {}),
      actions: actions.actions,
      catalog,
      now: new Date(),
      toolVersion: VERSION,
      failOn,
      matchesPath: matchesGlob,
    });
  };
  const current = analyse(head);
  let report: IacReport = current.report;
  if (args.base !== undefined) {
    const base: DiffableMatrix = await atRevision(root, args.base, async (directory) => {
      const repository = await loadIacRepository(directory, { config: head.config });
      return analyse(repository).diffable;
    });
    report = { ...report, diff: { ...diffMatrices(base, current.diffable), base: args.base } };
  }
  emit(report, args);
  return report.fails ? EXIT_FINDING : EXIT_ALLOWED;
}

function regionOf(flag: string | undefined, repository: LoadedRepository): string {
  if (flag !== undefined || repository.config.region === undefined) return resolveRegion(flag).region;
  try {
    return resolveRegion(repository.config.region).region;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new InputError(
      repository.config.file ?? '.policy-check.yml',
      null,
      null,
      `region: ${error.message.replace(/^--region /, '')}`,
    );
  }
}

function failOnOption(value: string | readonly string[] | undefined): IacFailOn {
  const values = value === undefined ? ['error'] : typeof value === 'string' ? [value] : [...value];
  if (values.length > 1) throw new UsageError('--fail-on was given more than once');
  const [only] = values;
  if (!(IAC_FAIL_ON as readonly string[]).includes(only!))
    throw new UsageError(`--fail-on ${JSON.stringify(only)}: expected ${IAC_FAIL_ON.join(', ')}`);
  return only as IacFailOn;
}

function emit(report: IacReport, args: IacArguments): void {
  const reporter = reporterNamed(IAC_REPORTERS, args.format);
  const colored =
    reporter.styled && args.output === undefined && (args.color ?? (!process.env.NO_COLOR && stdoutIsTerminal()));
  const text = reporter.format(report, { style: colored ? COLOR : PLAIN, iacRules: IAC_RULES });
  if (args.format === 'github') {
    const summary = iacGithubStepSummary(report);
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (summary && file) appendFileSync(file, summary);
  }
  if (args.output === undefined) writeStdout(text);
  else
    writeOutputFile(
      args.output,
      text,
      report.files.map((file) => `${report.root}/${file}`),
    );
}

export const IAC_EXIT_CODES_EPILOGUE = [
  'Exit codes:',
  '  0  no finding at or above --fail-on (default: error)',
  '  1  such a finding: an expectation not met, or a built-in rule',
  '  2  a bad flag, or an unreadable or invalid file or .policy-check.yml (the message names file:line)',
].join('\n');

export const IAC_EXAMPLES: readonly [string, string][] = [
  ['$0 iac infra/', 'check a repository (its .policy-check.yml says what to expect)'],
  ['$0 iac --base origin/main --format markdown', 'a pull-request comment with the access gained and lost'],
  ['$0 iac --format sarif --output policy-check.sarif', 'SARIF for GitHub code scanning'],
];
