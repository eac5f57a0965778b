import { appendFileSync } from 'node:fs';
import { diffFails, diffMatrices } from '../analysis/diff.js';
import { iacReport } from '../analysis/iac/iac-report.js';
import { normalizeActions, shippedCatalog } from '../bedrock/index.js';
import { IAC_RULES } from '../diagnose/iac-rules/index.js';
import {
  DIFF_FAIL_ON,
  IAC_FAIL_ON,
  type DiffableMatrix,
  type DiffFailOn,
  type IacFailOn,
  type IacReport,
} from '../model/index.js';
import { iacGithubStepSummary } from '../report/iac-github.js';
import { COLOR, PLAIN } from '../report/style.js';
import { renderIacHints } from '../report/cli-hints.js';
import { wordedDiffable } from '../report/words/message-lists.js';
import { IAC_REPORTERS, reporterNamed, type IacFormatName } from '../report/registry.js';
import { accountsFromFragments } from '../sources/iac/account-from-fragments.js';
import { matchesGlob } from '../sources/iac/discover.js';
import { loadConfig, loadIacRepository, type LoadedRepository } from '../sources/iac/load-repository.js';
import { InputError } from '../sources/input-error.js';
import { shippedManagedPolicyExtract } from '../sources/snapshot/managed-policy-extract.js';
import { EXIT_ALLOWED, EXIT_FINDING } from './exit-codes.js';
import { checkRepositoryCode, type CodeCheck } from './code/check-code.js';
import { atRevision } from './iac-base.js';
import { iacCallOptions, type IacCall } from './iac-call-options.js';
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
  const call = iacCallOptions(head.config);
  const code = await codeCheckOf(head);
  const analyse = (
    repository: LoadedRepository,
    options: {
      readonly models: readonly string[];
      readonly call: IacCall;
      readonly code?: CodeCheck & { files: readonly string[] };
    },
  ) => {
    const merged = accountsFromFragments(repository.fragments, {
      config: head.config,
      region,
      root,
      extract: shippedManagedPolicyExtract(),
    });
    requireDeclaredEndpoint(head.config, repository);
    const actions = normalizeActions([]);
    if (!actions.ok) throw new Error(actions.message);
    return iacReport({
      root,
      config: head.config,
      accounts: merged.accounts,
      fragments: repository.fragments,
      files: [...new Set([...repository.files, ...(options.code?.files ?? [])])].sort(),
      warnings: [...repository.warnings, ...merged.warnings, ...(options.code?.issues ?? [])],
      region,
      ...(options.models.length > 0 ? { models: options.models } : {}),
      actions: actions.actions,
      catalog,
      now: new Date(),
      toolVersion: VERSION,
      failOn: failOn.findings,
      call: options.call,
      ...(options.code ? { code: options.code } : {}),
      matchesPath: matchesGlob,
    });
  };
  const current = analyse(head, { models, call, code });
  let report: IacReport = current.report;
  if (args.base !== undefined) {
    const base: DiffableMatrix = await atRevision(root, args.base, async (directory) => {
      const repository = await loadIacRepository(directory, { config: head.config });
      // The base is checked for the models the working tree is, so a model is compared, never only added; its calls
      // are made as its own config said (a changed call option is a diff-call-option note).
      return wordedDiffable(
        analyse(repository, { models: current.report.models, call: baseCall(directory, call) }).diffable,
        renderIacHints,
      );
    });
    const diff = diffMatrices(base, wordedDiffable(current.diffable, renderIacHints));
    const fails = diffFails(diff, failOn.changes);
    report = {
      ...report,
      diff: { ...diff, base: args.base, failOn: failOn.changes, fails },
      fails: report.fails || fails,
    };
  }
  emit(report, args);
  return report.fails ? EXIT_FINDING : EXIT_ALLOWED;
}

/** The call the base revision's config describes; the working tree's when the base's config cannot be read. */
function baseCall(directory: string, current: IacCall): IacCall {
  try {
    return iacCallOptions(loadConfig(directory));
  } catch (error) {
    if (error instanceof InputError) return current;
    throw error;
  }
}

/**
 * The code check over the repository's manifests, locks and code (and the requirements files they include):
 * an unreadable lock stops the check at its line, other problems are warnings of the report.
 */
async function codeCheckOf(repository: LoadedRepository): Promise<CodeCheck & { files: readonly string[] }> {
  const check = await checkRepositoryCode(repository.root, repository.discovered);
  const error = check.issues.find((issue) => issue.severity === 'error');
  if (error) throw new InputError(error.file, error.line, error.column, error.message);
  return check;
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

/**
 * --fail-on, repeatable: at most one severity (error, warning; default error) and, with --base, the access
 * changes that fail as `diff` takes them (lost, gained, any; default lost); `none` alone: exit 0 whatever.
 */
function failOnOption(value: string | readonly string[] | undefined): {
  findings: IacFailOn;
  changes: DiffFailOn[];
} {
  const values = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
  const allowed = [...IAC_FAIL_ON, ...DIFF_FAIL_ON.filter((change) => change !== 'none')];
  for (const item of values)
    if (!(allowed as readonly string[]).includes(item))
      throw new UsageError(`--fail-on ${JSON.stringify(item)}: expected ${allowed.join(', ')}`);
  if (values.includes('none')) {
    if (values.some((item) => item !== 'none'))
      throw new UsageError('--fail-on none cannot be combined with another --fail-on');
    return { findings: 'none', changes: ['none'] };
  }
  const severities = [...new Set(values.filter((item) => item === 'error' || item === 'warning'))];
  if (severities.length > 1) throw new UsageError('--fail-on takes one severity: error or warning');
  const changes = [...new Set(values.filter((item) => item !== 'error' && item !== 'warning'))].sort();
  return {
    findings: (severities[0] as IacFailOn | undefined) ?? 'error',
    changes: changes.length > 0 ? (changes as DiffFailOn[]) : ['lost'],
  };
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
  '  0  no finding at or above --fail-on (default: error) and, with --base, no access change it names (default: lost)',
  '  1  such a finding (an expectation not met, a built-in rule, code or a manifest), or such an access change',
  '  2  a bad flag, or an unreadable or invalid file or .policy-check.yml (the message names file:line)',
].join('\n');

export const IAC_EXAMPLES: readonly [string, string][] = [
  ['$0 iac infra/', 'check a repository (its .policy-check.yml says what to expect)'],
  ['$0 iac --base origin/main --format markdown', 'a pull-request comment with the access gained and lost'],
  ['$0 iac --format sarif --output policy-check.sarif', 'SARIF for GitHub code scanning'],
];

/** `vpcEndpoint:` must name a bedrock-runtime endpoint the repository declares: otherwise its gate is unknown. */
function requireDeclaredEndpoint(config: LoadedRepository['config'], repository: LoadedRepository): void {
  const wanted = config.vpcEndpoint;
  if (!wanted) return;
  const declared = repository.fragments.flatMap((fragment) => fragment.vpcEndpoints ?? []);
  if (declared.some((endpoint) => endpoint.address === wanted.address)) return;
  const known = declared.map((endpoint) => endpoint.address).sort();
  throw new InputError(
    wanted.span.file,
    wanted.span.line,
    wanted.span.column,
    `vpcEndpoint: ${JSON.stringify(wanted.address)} is no bedrock-runtime interface endpoint the repository declares with a known policy (${known.length > 0 ? `declared: ${known.join(', ')}` : 'it declares none'})`,
  );
}
